//! A tiny HTTP server on loopback for the Kolada tests: hand-written
//! responses in Kolada's v3 shape, never the internet.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// What the server answers to one request.
pub enum Reply {
    /// Status and JSON body.
    Json(u16, String),
    /// Reads the request and never answers (until the client gives up).
    Hang,
}

/// A running server; its thread ends with the test process.
pub struct Server {
    pub base: String,
    /// Every request path, in order.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serve `route(path, base)` for every request.
    pub fn start(route: impl Fn(&str, &str) -> Reply + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (seen, own_base) = (requests.clone(), base.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let Some(path) = read_request(&stream) else { continue };
                seen.lock().unwrap().push(path.clone());
                match route(&path, &own_base) {
                    Reply::Json(status, body) => respond(stream, status, &body),
                    // Blocks until the client closes the connection.
                    Reply::Hang => {
                        let _ = (&stream).read_to_end(&mut Vec::new());
                    }
                }
            }
        });
        Server { base, requests }
    }

    pub fn paths(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// The request line's path; the headers are read and dropped.
fn read_request(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header == "\r\n" {
            break;
        }
    }
    Some(path)
}

fn respond(mut stream: TcpStream, status: u16, body: &str) {
    let text = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(text.as_bytes());
    let _ = stream.flush();
}

/// A port nothing listens on: bound, then released.
pub fn closed_port() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

/// One KPI in Kolada's v3 shape.
pub fn kpi(id: &str, title: &str, kind: &str) -> String {
    format!(
        r#"{{"id": "{id}", "title": "{title}", "description": "Beskrivning av {id}.", "operating_area": "Utbildning",
            "municipality_type": "{kind}", "is_divided_by_gender": 1, "has_ou_data": false,
            "publication_date": "2024-03-01", "perspective": "Resultat", "auspice": "E"}}"#
    )
}

/// A page: `{"count": N, "values": [...], "next_url": ...}`.
pub fn page(count: usize, kpis: &[String], next: Option<String>) -> String {
    let next = next.map_or("null".to_string(), |u| format!("\"{u}\""));
    format!(r#"{{"count": {count}, "values": [{}], "next_url": {next}, "previous_url": null}}"#, kpis.join(","))
}

/// The test catalogue: five KPIs over three pages, paged like Kolada's.
pub fn catalogue_route(path: &str, base: &str) -> Reply {
    let all = [
        kpi("N15505", "Meritvärde i åk 9, genomsnitt (17 ämnen)", "K"),
        kpi("N15504", "Meritvärde åk 9, kommunala skolor", "K"),
        kpi("U15505", "Elever i åk 9 som är behöriga till yrkesprogram", "K"),
        kpi("N00945", "Invånare som är nöjda med kommunens service", "A"),
        kpi("L17001", "Väntetid till första besök i primärvården", "L"),
    ];
    match path {
        "/v3/kpi?per_page=5000" => {
            Reply::Json(200, page(5, &all[..2], Some(format!("{base}/v3/kpi?page=2&per_page=5000"))))
        }
        "/v3/kpi?page=2&per_page=5000" => {
            // A path, as a relative next_url, is followed too.
            Reply::Json(200, page(5, &all[2..4], Some("/v3/kpi?page=3&per_page=5000".into())))
        }
        "/v3/kpi?page=3&per_page=5000" => Reply::Json(200, page(5, &all[4..], None)),
        _ => Reply::Json(404, r#"{"error": "not found"}"#.into()),
    }
}
