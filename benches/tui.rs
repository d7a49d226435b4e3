//! Draw time of each TUI screen against a floor measured in the same run: a
//! bare full-screen Paragraph at the same size on the same backend. Also
//! keystroke-to-frame (handle a key, then draw). Ratios are printed at the
//! end (medians; p99 for keystroke-to-frame).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use malverkstad::app::{App, GroupOpened, Loaded, Msg, Theme};
use malverkstad::domain::model::{
    keys, new_id, Answer, Goal, GoalAnswers, Group, GroupFile, Indicator, ListItem, VerdictAnswer, Workshop,
};
use malverkstad::i18n::Lang;
use malverkstad::store::{codec, WorkshopDir};
use ratatui::backend::TestBackend;
use ratatui::widgets::{Paragraph, Widget};
use ratatui::Terminal;

const SIZES: [(u16, u16); 2] = [(120, 40), (240, 70)];

fn demo() -> (Workshop, BTreeMap<uuid::Uuid, GroupFile>) {
    let mut w: Option<Workshop> = None;
    let mut files = Vec::new();
    for (rel, text) in malverkstad::demo::FILES {
        if *rel == "workshop.ron" {
            w = codec::from_bytes(Path::new(rel), text.as_bytes()).ok();
        } else if let Ok(f) = codec::from_bytes::<GroupFile>(Path::new(rel), text.as_bytes()) {
            files.push(f);
        }
    }
    let w = w.expect("demo workshop parses");
    (w, files.into_iter().map(|f| (f.group, f)).collect())
}

/// 60 goals, 12 groups, long texts, every question answered.
fn large() -> (Workshop, BTreeMap<uuid::Uuid, GroupFile>) {
    let long = "Kommunens verksamheter ska tillsammans med civilsamhället och näringslivet skapa förutsättningar för att fler invånare ska kunna leva ett gott liv med arbete, bostad och trygghet i alla delar av kommunen. ";
    let mut w = Workshop::new("Stor workshop med många grupper och mål");
    for i in 0..60 {
        w.goals.push(Goal::new(Some(format!("{}.{}", i / 10 + 1, i % 10 + 1)), long.repeat(2)));
    }
    for g in 0..12 {
        w.groups.push(Group {
            id: new_id(),
            name: format!("Grupp {}", g + 1),
            slug: format!("grupp-{}", g + 1),
            goals: vec![],
        });
    }
    w.assign_evenly_in_order();
    let mut files = BTreeMap::new();
    for g in &w.groups {
        let mut f = GroupFile::new(&w, g);
        for goal in &g.goals {
            let mut a = GoalAnswers::default();
            a.answers.insert(keys::EFFECT.into(), Answer::Text(long.repeat(6)));
            let subs: Vec<ListItem> = (0..8).map(|n| ListItem::new(format!("Delmål {n}: {long}"))).collect();
            a.answers.insert(keys::SUBGOALS.into(), Answer::List(subs));
            let inds: Vec<Indicator> = (0..6).map(|n| Indicator::new(format!("Indikator {n} {long}"))).collect();
            a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(inds));
            a.answers.insert(
                keys::MEASURABILITY.into(),
                Answer::Verdict(VerdictAnswer { verdict: None, how: long.repeat(3) }),
            );
            f.goals.insert(*goal, a);
        }
        files.insert(g.id, f);
    }
    (w, files)
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Every screen as an app state, reached by keys.
fn screens(w: &Workshop, files: &BTreeMap<uuid::Uuid, GroupFile>) -> Vec<(&'static str, App)> {
    let now = Instant::now();
    let base = || {
        let mut app = App::new(Lang::Sv, Theme { color: true }, PathBuf::from("/bench"), None);
        let loaded = Loaded {
            dir: WorkshopDir { root: PathBuf::from("/bench/ws") },
            workshop: w.clone(),
            group_files: files.clone(),
        };
        app.update(Msg::WorkshopLoaded(Ok(Box::new(loaded))), now);
        app
    };
    let in_group = |keys: &[Msg]| {
        let mut app = base();
        let g = &w.groups[0];
        let file = files.get(&g.id).cloned().unwrap_or_else(|| GroupFile::new(w, g));
        app.update(Msg::GroupOpened(Box::new(GroupOpened { group: g.id, file, locked_by: None, recovery: None })), now);
        for k in keys {
            app.update(clone_msg(k), now);
        }
        app
    };
    vec![
        ("groups", base()),
        ("goals", in_group(&[])),
        ("effect", in_group(&[key(KeyCode::Enter)])),
        ("subgoals", in_group(&[key(KeyCode::Enter), key(KeyCode::PageDown)])),
        (
            "indicator_form",
            in_group(&[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::Enter)]),
        ),
        (
            "verdict",
            in_group(&[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::PageDown)]),
        ),
        ("help", in_group(&[key(KeyCode::Enter), key(KeyCode::F(1))])),
    ]
}

fn clone_msg(m: &Msg) -> Msg {
    match m {
        Msg::Key(k) => Msg::Key(*k),
        _ => Msg::Tick(chrono::Utc::now()),
    }
}

fn floor_text(w: u16, h: u16) -> String {
    let line: String = "Målverkstad åäö ".chars().cycle().take(w as usize).collect();
    vec![line; h as usize].join("\n")
}

fn draw_app(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| f.render_widget(app, f.area())).unwrap();
}

fn draw_floor(term: &mut Terminal<TestBackend>, text: &str) {
    term.draw(|f| Paragraph::new(text).render(f.area(), f.buffer_mut())).unwrap();
}

fn bench(c: &mut Criterion) {
    for (wname, (w, files)) in [("demo", demo()), ("large", large())] {
        for (width, height) in SIZES {
            let mut group = c.benchmark_group(format!("draw/{wname}/{width}x{height}"));
            let mut term = Terminal::new(TestBackend::new(width, height)).unwrap();
            let text = floor_text(width, height);
            group.bench_function("floor_paragraph", |b| b.iter(|| draw_floor(&mut term, &text)));
            for (name, app) in screens(&w, &files) {
                group.bench_function(name, |b| b.iter(|| draw_app(&mut term, &app)));
            }
            group.finish();
        }
    }
}

/// Time `f` `n` times; sorted durations.
fn samples(n: usize, mut f: impl FnMut()) -> Vec<Duration> {
    for _ in 0..n / 10 {
        f();
    }
    let mut out: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    out.sort();
    out
}

fn median(v: &[Duration]) -> Duration {
    v[v.len() / 2]
}

fn p99(v: &[Duration]) -> Duration {
    v[(v.len() * 99 / 100).min(v.len() - 1)]
}

/// The ratio table: every screen's median against the floor's median, and
/// keystroke-to-frame p99 against the floor.
fn summary() {
    const N: usize = 300;
    println!("\nratios against a bare full-screen Paragraph (same run, same size, TestBackend):");
    let mut worst_draw: f64 = 0.0;
    let mut worst_key: f64 = 0.0;
    for (wname, (w, files)) in [("demo", demo()), ("large", large())] {
        for (width, height) in SIZES {
            let mut term = Terminal::new(TestBackend::new(width, height)).unwrap();
            let text = floor_text(width, height);
            let floor = samples(N, || draw_floor(&mut term, &text));
            let fm = median(&floor);
            let mut row = format!("{wname:>5} {width}x{height} floor {:>7.1?}:", fm);
            for (name, app) in screens(&w, &files) {
                let s = samples(N, || draw_app(&mut term, &app));
                let r = median(&s).as_secs_f64() / fm.as_secs_f64();
                worst_draw = worst_draw.max(r);
                row.push_str(&format!(" {name} {r:.2}×"));
            }
            // Keystroke to frame: type into the effect editor and draw.
            let mut app = screens(&w, &files).into_iter().find(|(n, _)| *n == "effect").map(|(_, a)| a).unwrap();
            let now = Instant::now();
            let mut i = 0u32;
            let k = samples(N, || {
                i += 1;
                let c = if i.is_multiple_of(50) { KeyCode::Enter } else { KeyCode::Char('å') };
                app.update(key(c), now);
                draw_app(&mut term, &app);
            });
            let r = p99(&k).as_secs_f64() / p99(&floor).as_secs_f64();
            let rm = p99(&k).as_secs_f64() / fm.as_secs_f64();
            worst_key = worst_key.max(r);
            row.push_str(&format!(" | key→frame p99 {:.1?} = {r:.2}× floor p99, {rm:.2}× floor median", p99(&k)));
            println!("{row}");
        }
    }
    println!(
        "worst draw ratio {worst_draw:.2}× (target ≤ 2×); worst key→frame p99 ratio {worst_key:.2}× (target ≤ 3×)"
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_millis(600));
    targets = bench
}

fn main() {
    benches();
    summary();
    Criterion::default().configure_from_args().final_summary();
}
