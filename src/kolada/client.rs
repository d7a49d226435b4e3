//! The HTTP side: Kolada's open API v3 through ureq (rustls, no OpenSSL).
//! Base URL from `MALVERKSTAD_KOLADA_URL`. Timeouts: 10 s to connect, 30 s
//! for the answer to start and 2 minutes for a page's body (a page of 5,000
//! KPIs is a few MB, slow on a venue's wifi); `MALVERKSTAD_KOLADA_TIMEOUT_MS`
//! replaces all three (tests shorten them).

use std::collections::HashSet;
use std::time::Duration;

use serde::Deserialize;

use super::model::{dedup, Kpi, Page};
use super::KoladaError;

pub const DEFAULT_BASE: &str = "https://api.kolada.se";
/// The most pages a sync follows (Kolada's catalogue is two pages of 5,000).
pub const MAX_PAGES: usize = 100;
/// The largest response body read (a page of 5,000 KPIs is a few MB).
const MAX_BODY_BYTES: u64 = 128 * 1024 * 1024;

/// A connection to Kolada.
pub struct Client {
    base: String,
    agent: ureq::Agent,
}

/// One outcome of a KPI for one municipality and year.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DataPoint {
    pub kpi: String,
    pub municipality: String,
    pub period: i32,
    pub values: Vec<GenderValue>,
}

/// A value for one gender: `T` (total), `K` (women), `M` (men).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct GenderValue {
    pub gender: String,
    pub value: Option<f64>,
}

impl Client {
    /// A client for `base` (e.g. `https://api.kolada.se`) with these
    /// timeouts: to connect, for the answer to start, for its body.
    pub fn new(base: &str, connect: Duration, answer: Duration, body: Duration) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(connect))
            .timeout_recv_response(Some(answer))
            .timeout_recv_body(Some(body))
            .http_status_as_error(false)
            .user_agent(concat!("malverkstad/", env!("CARGO_PKG_VERSION")))
            .build();
        Client { base: base.trim_end_matches('/').to_string(), agent: config.into() }
    }

    /// The client the commands use: base URL and timeouts from the environment.
    pub fn from_env() -> Client {
        let base = std::env::var("MALVERKSTAD_KOLADA_URL").ok().filter(|s| !s.trim().is_empty());
        let ms = std::env::var("MALVERKSTAD_KOLADA_TIMEOUT_MS").ok().and_then(|s| s.trim().parse::<u64>().ok());
        let (connect, answer, body) = match ms.map(Duration::from_millis) {
            Some(t) => (t, t, t),
            None => (Duration::from_secs(10), Duration::from_secs(30), Duration::from_secs(120)),
        };
        Client::new(base.as_deref().unwrap_or(DEFAULT_BASE), connect, answer, body)
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// The host named in messages ("api.kolada.se").
    pub fn host(&self) -> String {
        host_of(&self.base)
    }

    /// An absolute URL: `next_url` may be absolute or a path.
    fn absolute(&self, url: &str) -> String {
        if url.starts_with("http://") || url.starts_with("https://") {
            url.to_string()
        } else {
            format!("{}/{}", self.base, url.trim_start_matches('/'))
        }
    }

    fn get_page<T: serde::de::DeserializeOwned + Default>(&self, url: &str) -> Result<Page<T>, KoladaError> {
        let host = host_of(url);
        let mut response = self.agent.get(url).call().map_err(|e| classify(&host, url, e))?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(KoladaError::Status { url: url.to_string(), status });
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|e| classify(&host, url, e))?;
        serde_json::from_slice(&body).map_err(|e| KoladaError::Malformed { url: url.to_string(), error: e.to_string() })
    }

    /// Every page of `first`, following `next_url` (at most [`MAX_PAGES`];
    /// a page named twice is an error). `progress(page, fetched, total)`
    /// is called after each page.
    fn all_pages<T: serde::de::DeserializeOwned + Default>(
        &self,
        first: String,
        progress: &mut dyn FnMut(usize, usize, Option<u64>),
    ) -> Result<Vec<T>, KoladaError> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut next = Some(first);
        let mut page = 0;
        while let Some(url) = next.take() {
            if page == MAX_PAGES {
                return Err(KoladaError::TooManyPages { max: MAX_PAGES });
            }
            if !seen.insert(url.clone()) {
                return Err(KoladaError::RepeatedPage { url });
            }
            page += 1;
            let p: Page<T> = self.get_page(&url)?;
            out.extend(p.values);
            progress(page, out.len(), p.count);
            next = p.next_url.filter(|u| !u.trim().is_empty()).map(|u| self.absolute(&u));
        }
        Ok(out)
    }

    /// The whole KPI catalogue.
    pub fn catalogue(&self, progress: &mut dyn FnMut(usize, usize, Option<u64>)) -> Result<Vec<Kpi>, KoladaError> {
        let kpis = self.all_pages(self.catalogue_url(), progress)?;
        Ok(dedup(kpis))
    }

    pub fn catalogue_url(&self) -> String {
        format!("{}/v3/kpi?per_page=5000", self.base)
    }

    /// Outcomes of one KPI for one municipality in the given years.
    pub fn data(&self, kpi: &str, municipality: &str, years: &[i32]) -> Result<Vec<DataPoint>, KoladaError> {
        let years: Vec<String> = years.iter().map(i32::to_string).collect();
        let url = format!(
            "{}/v3/data/kpi/{}/municipality/{}/year/{}",
            self.base,
            encode(kpi.trim()),
            encode(municipality.trim()),
            years.join(",")
        );
        self.all_pages(url, &mut |_, _, _| {})
    }
}

/// The latest period with a total (`T`) value: `(year, value)`.
pub fn latest_total(points: &[DataPoint]) -> Option<(i32, f64)> {
    points
        .iter()
        .filter_map(|p| {
            let total = p.values.iter().find(|v| v.gender.eq_ignore_ascii_case("T")).and_then(|v| v.value)?;
            total.is_finite().then_some((p.period, total))
        })
        .max_by_key(|(year, _)| *year)
}

/// Only letters, digits, `-` and `_` pass into a path segment as they are.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// "https://api.kolada.se/v3/kpi" -> "api.kolada.se".
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest).to_string()
}

fn classify(host: &str, url: &str, e: ureq::Error) -> KoladaError {
    let error = e.to_string();
    match e {
        ureq::Error::Timeout(_) => KoladaError::Timeout { host: host.to_string(), error },
        ureq::Error::Io(io)
            if io.kind() == std::io::ErrorKind::TimedOut || io.kind() == std::io::ErrorKind::WouldBlock =>
        {
            KoladaError::Timeout { host: host.to_string(), error }
        }
        ureq::Error::Io(_) | ureq::Error::HostNotFound | ureq::Error::ConnectionFailed | ureq::Error::Tls(_) => {
            KoladaError::Offline { host: host.to_string(), error }
        }
        ureq::Error::StatusCode(status) => KoladaError::Status { url: url.to_string(), status },
        _ => KoladaError::Malformed { url: url.to_string(), error },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_urls_and_latest_values() {
        assert_eq!(host_of("https://api.kolada.se/v3/kpi?x=1"), "api.kolada.se");
        assert_eq!(host_of("http://127.0.0.1:9/"), "127.0.0.1:9");
        assert_eq!(encode("N155 05/"), "N155%2005%2F");
        let c = Client::new("http://h/", Duration::from_secs(1), Duration::from_secs(1), Duration::from_secs(1));
        assert_eq!(c.absolute("/v3/kpi?page=2"), "http://h/v3/kpi?page=2");
        assert_eq!(c.absolute("http://x/y"), "http://x/y");
        let p = |period, gender: &str, value| DataPoint {
            period,
            values: vec![GenderValue { gender: gender.into(), value }],
            ..DataPoint::default()
        };
        let points = [p(2021, "T", Some(1.0)), p(2023, "T", None), p(2024, "K", Some(3.0)), p(2022, "T", Some(2.5))];
        assert_eq!(latest_total(&points), Some((2022, 2.5)));
        assert_eq!(latest_total(&[]), None);
    }
}
