//! The group TUI against floors measured in the same run (run with
//! `cargo bench --bench tui`; the tables it prints first are the result):
//! - each screen drawn at 120×40 and 240×70 on a `TestBackend`, against a
//!   bare full-screen Paragraph holding the same text (goal ≤ 2×);
//! - bytes an unchanged redraw writes through ratatui's diffing;
//! - keystroke to frame (`App::update` of a typed char, then draw), p50 and
//!   p99, against pushing the char to a String and drawing a Paragraph (goal
//!   p99 ≤ 3×);
//! - start to first frame with the demo loaded, against a minimal ratatui
//!   program drawing one frame, as real processes in a pty (goal ≤ 2×) and
//!   in-process.
//!
//! Cases are interleaved round by round; figures are medians over rounds.
//! `-- --table-only` skips the criterion report that follows the tables;
//! `-- --keys-only` runs only the keystroke table; `-- --kolada-only` only
//! its case of the indicator form with Kolada suggestions.

#[path = "common/clock.rs"]
mod clock;

use clock::{median, thread_cpu as cpu_now};
#[path = "tui/cases.rs"]
mod cases;
#[path = "tui/start.rs"]
mod start;

use std::cell::Cell;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use cases::{feed, key, screen_text, screens, Files};
use criterion::{criterion_group, Criterion};
use crossterm::event::KeyCode;
use malverkstad::app::{App, Msg, Theme};
use malverkstad::domain::model::Workshop;
use malverkstad::i18n::Lang;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};
use ratatui::{Terminal, TerminalOptions, Viewport};

const SIZES: [(u16, u16); 2] = [(120, 40), (240, 70)];

fn draw_app(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| f.render_widget(app, f.area())).expect("draw");
}

fn draw_floor(term: &mut Terminal<TestBackend>, text: &str) {
    term.draw(|f| Paragraph::new(text).render(f.area(), f.buffer_mut())).expect("draw");
}

fn term(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("test backend")
}

fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

/// CPU time of one call.
fn time(f: impl FnOnce()) -> Duration {
    let t = cpu_now();
    f();
    cpu_now().saturating_sub(t)
}

fn workshops() -> [(&'static str, (Workshop, Files)); 2] {
    [("demo", cases::demo()), ("large", cases::large())]
}

// ------------------------------------------------------------------ criterion

fn criterion_draws(c: &mut Criterion) {
    let (w, files) = cases::demo();
    for (width, height) in SIZES {
        let mut group = c.benchmark_group(format!("draw/demo/{width}x{height}"));
        for (name, app) in screens(&w, &files, (width, height)) {
            let text = screen_text(&app, width, height);
            let mut t = term(width, height);
            group.bench_function(format!("{name}/floor"), |b| b.iter(|| draw_floor(&mut t, &text)));
            let mut t = term(width, height);
            group.bench_function(name, |b| b.iter(|| draw_app(&mut t, &app)));
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(300));
    targets = criterion_draws
}

// ------------------------------------------------------------------ the table

/// Each screen against a Paragraph of its own text: one draw of each case
/// per round, the order alternating, medians over the rounds.
fn draw_table(worst: &mut f64) {
    const ROUNDS: usize = 151;
    println!("\n## Draw time per screen (TestBackend, thread CPU time, median of {ROUNDS} interleaved rounds)");
    println!("{:<6} {:<8} {:<15} {:>10} {:>10} {:>7}", "ws", "size", "screen", "floor", "screen", "ratio");
    for (wname, (w, files)) in workshops() {
        for (width, height) in SIZES {
            let apps = screens(&w, &files, (width, height));
            let texts: Vec<String> = apps.iter().map(|(_, a)| screen_text(a, width, height)).collect();
            let mut terms: Vec<_> = apps.iter().map(|_| (term(width, height), term(width, height))).collect();
            let mut floor = vec![Vec::new(); apps.len()];
            let mut drawn = vec![Vec::new(); apps.len()];
            for round in 0..ROUNDS {
                for (i, (_, app)) in apps.iter().enumerate() {
                    let (tf, ta) = &mut terms[i];
                    // Alternate which goes first, so neither always has a warm cache.
                    if round % 2 == 0 {
                        floor[i].push(time(|| draw_floor(tf, &texts[i])));
                        drawn[i].push(time(|| draw_app(ta, app)));
                    } else {
                        drawn[i].push(time(|| draw_app(ta, app)));
                        floor[i].push(time(|| draw_floor(tf, &texts[i])));
                    }
                }
            }
            for (i, (name, _)) in apps.iter().enumerate() {
                let (f, d) = (median(&mut floor[i]), median(&mut drawn[i]));
                let r = d.as_secs_f64() / f.as_secs_f64();
                *worst = worst.max(r);
                println!("{wname:<6} {:<8} {name:<15} {f:>10.1?} {d:>10.1?} {r:>6.2}×", format!("{width}x{height}"));
            }
        }
    }
}

/// A writer that only counts bytes.
struct Count(Rc<Cell<usize>>);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Bytes ratatui writes to a real (crossterm) backend: the first frame, an
/// unchanged redraw, and the redraw after one typed character.
fn redraw_table() {
    let (w, files) = cases::demo();
    let (width, height) = (120, 40);
    println!("\n## Bytes written through ratatui's diff (crossterm backend, demo, {width}x{height})");
    println!("{:<15} {:>12} {:>16} {:>16}", "screen", "first frame", "unchanged redraw", "after a key");
    for (name, mut app) in screens(&w, &files, (width, height)) {
        let bytes = Rc::new(Cell::new(0));
        let backend = CrosstermBackend::new(Count(bytes.clone()));
        let opts = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) };
        let mut t = Terminal::with_options(backend, opts).expect("terminal");
        let mut frame = |app: &App| {
            let before = bytes.get();
            t.draw(|f| f.render_widget(app, f.area())).expect("draw");
            bytes.get() - before
        };
        let first = frame(&app);
        let same = frame(&app);
        let typed = if name == "effect" {
            feed(&mut app, key(KeyCode::Char('x')), Instant::now());
            format!("{}", frame(&app))
        } else {
            "-".into()
        };
        println!("{name:<15} {first:>12} {same:>16} {typed:>16}");
        assert!(same <= 64, "an unchanged redraw of {name} wrote {same} bytes");
    }
}

/// Keystroke to frame: type into the effect editor and draw, against
/// pushing the same char to a String and drawing it as a Paragraph. The
/// last case holds a 100,000-character paste (the most one paste inserts);
/// its floor's Paragraph holds that text too. It is shown for its absolute
/// figures and left out of the worst ratio: ratatui-textarea re-wraps the
/// whole text on every edit, which a plain Paragraph never does.
fn keystroke_table(worst: &mut f64) {
    const KEYS: usize = 1200;
    println!("\n## Keystroke to frame (thread CPU time, {KEYS} keys each, app and floor interleaved key by key)");
    println!(
        "{:<6} {:<8} {:>10} {:>10} {:>10} {:>10} {:>9} {:>9}",
        "ws", "size", "floor p50", "floor p99", "app p50", "app p99", "p50 ×", "p99 ×"
    );
    let effect = |w: &Workshop, files: &Files, size: (u16, u16)| {
        screens(w, files, size).into_iter().find(|(n, _)| *n == "effect").expect("effect").1
    };
    let mut cases = Vec::new();
    for (wname, (w, files)) in workshops() {
        for size in SIZES {
            let app = effect(&w, &files, size);
            let text = screen_text(&app, size.0, size.1);
            cases.push((wname, size, app, text));
        }
    }
    let (w, files) = cases::demo();
    let mut app = effect(&w, &files, (120, 40));
    // A pasted document: paragraphs of about 300 characters.
    let paragraph = format!("{}\n", "Invånarna ska märka skillnad. ".repeat(10));
    let paste: String = paragraph.chars().cycle().take(malverkstad::app::wizard::MAX_PASTE_CHARS).collect();
    app.update(Msg::Paste(paste.clone()), Instant::now());
    let text = format!("{}{paste}", screen_text(&app, 120, 40));
    cases.push(("paste", (120, 40), app, text));
    for (wname, (width, height), mut app, mut text) in cases {
        let (mut ta, mut tf) = (term(width, height), term(width, height));
        draw_app(&mut ta, &app);
        draw_floor(&mut tf, &text);
        let (mut a, mut f) = (Vec::new(), Vec::new());
        for typed in 1..=KEYS {
            let c = if typed.is_multiple_of(60) { '\n' } else { 'å' };
            let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
            a.push(time(|| {
                feed(&mut app, key(code), Instant::now());
                draw_app(&mut ta, &app);
            }));
            f.push(time(|| {
                text.push(c);
                draw_floor(&mut tf, &text);
            }));
        }
        let (f50, f99, a50, a99) = (pct(&mut f, 50), pct(&mut f, 99), pct(&mut a, 50), pct(&mut a, 99));
        let r99 = a99.as_secs_f64() / f99.as_secs_f64();
        if wname != "paste" {
            *worst = worst.max(r99);
        }
        println!(
            "{wname:<6} {:<8} {f50:>10.1?} {f99:>10.1?} {a50:>10.1?} {a99:>10.1?} {:>8.2}× {r99:>8.2}×",
            format!("{width}x{height}"),
            a50.as_secs_f64() / f50.as_secs_f64()
        );
    }
}

/// 6,000 KPIs whose titles are built from words Kolada's titles use (as in
/// `benches/kolada.rs`), with a description each.
fn kolada_catalogue() -> malverkstad::kolada::Catalogue {
    let subjects = ["Meritvärde", "Elever", "Invånare", "Brukare", "Väntetid", "Kostnad", "Andel", "Personal"];
    let middles = ["i åk 9", "i förskola", "inom hemtjänsten", "i särskilt boende", "med försörjningsstöd"];
    let more = ["i gymnasieskolan", "som är nöjda med", "per invånare", "inom äldreomsorgen", "i grundskolan"];
    let tails = ["genomsnitt (17 ämnen)", "andel (%)", "kr/invånare", "antal", "dagar", "kommunens service"];
    let ends = ["totalt", "kvinnor", "män", "hemkommun", "lägeskommun", "medelvärde", "median", "index"];
    let middles: Vec<&str> = middles.iter().chain(&more).copied().collect();
    let tails: Vec<&str> = tails.iter().chain(&ends).copied().collect();
    let kpis = (0..6000)
        .map(|n| {
            let title = format!(
                "{} {} {}",
                subjects[n % subjects.len()],
                middles[(n / subjects.len()) % middles.len()],
                tails[(n / 7) % tails.len()]
            );
            malverkstad::kolada::Kpi {
                id: format!("{}{:05}", ['N', 'U', 'L'][n % 3], 10_000 + n * 7),
                description: format!("{title}. Uppgiften avser kommunen som helhet och hämtas årligen."),
                title,
                municipality_type: ["K", "L", "A"][n % 3].into(),
                ..malverkstad::kolada::Kpi::default()
            }
        })
        .collect();
    let catalogue = malverkstad::kolada::Catalogue::new("bench", kpis);
    catalogue.prepare_search();
    catalogue
}

/// Keystroke to frame in a new indicator's name field with the suggestion
/// list open over a 6,000-KPI catalogue (issue #20): "meritvarde ak 9 "
/// typed and erased again, over and over. A key asks the shell's worker for
/// a search (`Effect::KoladaSearch`); the frame after the key shows the list
/// as it was, the worker's answer (`Msg::KoladaHits`) redraws it. Timed: the
/// key and its frame (the goal), then apart the search and the answer's
/// frame. The floor makes the same edits to a String and draws a Paragraph.
fn kolada_keystroke(worst: &mut f64) {
    const KEYS: usize = 1200;
    let (w, files) = cases::demo();
    let size = (120, 40);
    let catalogue = std::sync::Arc::new(kolada_catalogue());
    let mut app = screens(&w, &files, size).into_iter().find(|(n, _)| *n == "indicators").expect("indicators").1;
    app.update(Msg::Kolada(catalogue.clone()), Instant::now());
    // The add row, then a new indicator's empty form.
    feed(&mut app, key(KeyCode::End), Instant::now());
    feed(&mut app, key(KeyCode::Enter), Instant::now());
    let mut text = screen_text(&app, size.0, size.1);
    assert!(text.contains("Datakälla"), "not in the form:\n{text}");
    let (mut ta, mut tf) = (term(size.0, size.1), term(size.0, size.1));
    draw_app(&mut ta, &app);
    draw_floor(&mut tf, &text);
    let word: Vec<char> = "meritvarde ak 9 ".chars().collect();
    let (mut a, mut f, mut search, mut answer) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut listed = 0;
    for n in 0..KEYS {
        let i = n % (2 * word.len());
        let (code, c) =
            if i < word.len() { (KeyCode::Char(word[i]), Some(word[i])) } else { (KeyCode::Backspace, None) };
        let mut asked = None;
        a.push(time(|| {
            let now = Instant::now();
            for e in app.update(key(code), now) {
                match e {
                    malverkstad::app::Effect::Save { generation, .. } => {
                        app.update(Msg::Saved { generation, result: Ok(chrono::Utc::now()) }, now);
                    }
                    malverkstad::app::Effect::KoladaSearch(q) => asked = Some(q),
                    _ => {}
                }
            }
            draw_app(&mut ta, &app);
        }));
        f.push(time(|| {
            match c {
                Some(c) => text.push(c),
                None => {
                    text.pop();
                }
            }
            draw_floor(&mut tf, &text);
        }));
        if let Some(query) = asked {
            let mut hits = Vec::new();
            search.push(time(|| hits = malverkstad::app::wizard::suggest::search(&catalogue, &query)));
            answer.push(time(|| {
                app.update(Msg::KoladaHits { query, hits }, Instant::now());
                draw_app(&mut ta, &app);
            }));
        }
        if let malverkstad::app::Screen::Wizard(wz) = &app.screen {
            listed += usize::from(wz.suggest.open_for(wz.focus));
        }
    }
    assert!(listed > KEYS / 2, "the list was open for only {listed} of {KEYS} keys");
    let (f50, f99, a50, a99) = (pct(&mut f, 50), pct(&mut f, 99), pct(&mut a, 50), pct(&mut a, 99));
    let r99 = a99.as_secs_f64() / f99.as_secs_f64();
    *worst = worst.max(r99);
    println!(
        "{:<6} {:<8} {f50:>10.1?} {f99:>10.1?} {a50:>10.1?} {a99:>10.1?} {:>8.2}× {r99:>8.2}×  (indicator form, Kolada list open for {listed} of {KEYS} keys)",
        "kolada",
        format!("{}x{}", size.0, size.1),
        a50.as_secs_f64() / f50.as_secs_f64()
    );
    println!(
        "  off the key: {} searches of 6,000 KPIs p50 {:.1?} p99 {:.1?} (the worker); the answer's frame p50 {:.1?} p99 {:.1?}",
        search.len(),
        pct(&mut search, 50),
        pct(&mut search, 99),
        pct(&mut answer, 50),
        pct(&mut answer, 99)
    );
}

/// Start to first frame: real processes in a pty, and in-process.
fn start_table(worst: &mut f64) {
    println!("\n## Start to first frame (demo workshop loaded, 120x40)");
    let tmp = tempfile::tempdir().expect("temp dir");
    let (dir, _) = malverkstad::demo::install(tmp.path(), false).expect("demo installs");
    match start::measure(tmp.path(), &dir.root, 15) {
        Some((app, minimal)) => {
            let r = app.as_secs_f64() / minimal.as_secs_f64();
            *worst = worst.max(r);
            println!(
                "process in a pty (median of 15): minimal ratatui {minimal:.1?}, malverkstad open {app:.1?}: {r:.2}×"
            );
            let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len() / 1024).unwrap_or(0);
            let exe = std::env::current_exe().unwrap_or_default();
            println!(
                "  (the minimal program is this bench binary re-run, {} KiB; malverkstad is {} KiB)",
                size(&exe),
                size(std::path::Path::new(env!("CARGO_BIN_EXE_malverkstad")))
            );
        }
        None => println!("process in a pty: no first frame seen (no pty here?)"),
    }
    // In-process: load the folder, build the app, draw once, against a
    // terminal drawing one Paragraph. File reading and parsing are the cost.
    const ROUNDS: usize = 31;
    let (mut app_t, mut min_t) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let mut tm = term(120, 40);
        tm.draw(|f| f.render_widget(Paragraph::new("Minimal ratatui"), f.area())).expect("draw");
        min_t.push(t.elapsed());
        let t = Instant::now();
        let mut tm = term(120, 40);
        let (tx, _rx) = std::sync::mpsc::channel();
        let shared = std::sync::Arc::new(std::sync::Mutex::new(None));
        let saver = malverkstad::tui::saver::spawn(tx, Lang::Sv);
        let mut services = malverkstad::tui::Services::new(tmp.path().to_path_buf(), Lang::Sv, saver, shared);
        let mut app = App::new(Lang::Sv, Theme { color: true }, PathBuf::from(tmp.path()), None);
        app.update(Msg::Resize(120, 40), Instant::now());
        services.start(&mut app, Some(&dir.root));
        draw_app(&mut tm, &app);
        app_t.push(t.elapsed());
    }
    let (a, m) = (median(&mut app_t), median(&mut min_t));
    println!(
        "in-process (median of {ROUNDS}): one Paragraph frame {m:.1?}, load demo + app + first frame {a:.1?}: {:.1}× (not the goal's measure: no process start)",
        a.as_secs_f64() / m.as_secs_f64()
    );
}

fn main() {
    if std::env::var_os(start::MINIMAL_ENV).is_some() {
        start::minimal_program();
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    let (mut draw, mut keys, mut start) = (0.0, 0.0, 0.0);
    // `-- --keys-only`: just the keystroke table, for profiling the input path.
    if args.iter().any(|a| a == "--keys-only") {
        keystroke_table(&mut keys);
        kolada_keystroke(&mut keys);
        return;
    }
    if args.iter().any(|a| a == "--kolada-only") {
        kolada_keystroke(&mut keys);
        println!("keystroke p99 with Kolada suggestions: {keys:.2}× (goal ≤ 3×)");
        return;
    }
    // The interleaved tables first (the figures that count), then criterion's
    // own report unless `-- --table-only`.
    draw_table(&mut draw);
    redraw_table();
    keystroke_table(&mut keys);
    kolada_keystroke(&mut keys);
    start_table(&mut start);
    println!("\nworst ratios: draw {draw:.2}× (goal ≤ 2×), keystroke p99 {keys:.2}× (goal ≤ 3×), start {start:.2}× (goal ≤ 2×)");
    if !args.iter().any(|a| a == "--table-only") {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
}
