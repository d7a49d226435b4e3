//! Each export of an 8-group × 50-goal merged outline against
//! `serde_json::to_string` of the same outline, in the same run. The ratios
//! are reported; the old goal of ≤ 2× the floor is withdrawn (issue #17):
//! the export is timed as a user compares it, the whole process against
//! pandoc, by `scripts/bench-export-pandoc.sh`.
//!
//! "Full export" is what `malverkstad export` does in-process once the
//! outline is loaded, minus writing the file: compile the word lists, build
//! the export's document model from the outline (with the quality check) and
//! render the format. The render alone and the model alone are printed too.
//!
//! The cases are measured interleaved, round by round, the order rotating
//! each round, so that a busy machine slows all of them alike; the table of
//! medians and ratios (thread CPU time and wall time) comes first. Then
//! criterion's own (sequential) report, unless `-- --table-only`;
//! `scripts/bench-ratios.sh` prints criterion's medians as ratios.
//! `EXPORT_ROUNDS=n` sets the number of interleaved rounds (default 31);
//! `EXPORT_ONLY=text` keeps the floor and the cases whose name contains
//! `text` (for profiling one of them, e.g. under `perf record`).

#[path = "common/clock.rs"]
mod clock;
#[path = "common/workshop.rs"]
mod workshop;

/// The program's allocator (see src/main.rs), for the floor and every case.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clock::{median, thread_cpu};
use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use criterion::Criterion;
use malverkstad::domain::merge::{self, Input};
use malverkstad::domain::outline::Outline;
use malverkstad::domain::quality::WordLists;
use malverkstad::domain::{GroupFile, Workshop};
use malverkstad::export::{self, Document, Format, Options};

/// The bench workshop (benches/common/workshop.rs) merged into one outline.
fn outline() -> (Workshop, Outline) {
    let (w, files) = bench_workshop();
    let names: Vec<String> = w.groups.iter().map(|g| format!("{}.ron", g.slug)).collect();
    let inputs: Vec<Input> = files.iter().zip(&names).map(|(file, source)| Input::Group { source, file }).collect();
    let outline = merge::merge(w, &inputs, None).expect("one workshop");
    (w.clone(), outline)
}

/// The bench workshop and its group files, made once (their ids are new on
/// every call).
fn bench_workshop() -> &'static (Workshop, Vec<GroupFile>) {
    static WORKSHOP: OnceLock<(Workshop, Vec<GroupFile>)> = OnceLock::new();
    WORKSHOP.get_or_init(workshop::workshop)
}

/// The bench workshop's group files: the quality section scores each group
/// from its own file.
fn files() -> &'static [GroupFile] {
    &bench_workshop().1
}

/// Compile the word lists, build the document model, render: one export.
fn full_export(w: &Workshop, outline: &Outline, format: Format, options: &Options) -> usize {
    let words = WordLists::embedded();
    let doc = Document::from_outline(w, outline, files(), &words);
    export::render(&doc, format, options).map(|v| v.len()).expect("render")
}

/// The quality check alone, as the document model runs it: one report per
/// goal of the outline and group given it, from the group's file.
fn quality_only(w: &Workshop, outline: &Outline, words: &WordLists) -> usize {
    let files = files();
    outline
        .goals
        .iter()
        .filter_map(|og| w.goal(og.goal))
        .flat_map(|goal| w.groups.iter().filter(move |g| g.goals.contains(&goal.id)).map(move |g| (goal, g)))
        .map(|(goal, g)| {
            let file = files.iter().find(|f| f.group == g.id);
            malverkstad::domain::quality::goal_report(w, file, goal, words).findings.len()
        })
        .sum()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// One measured case of the interleaved table.
struct Case<'a> {
    name: String,
    goal: bool,
    run: Box<dyn Fn() -> usize + 'a>,
    cpu: Vec<Duration>,
    wall: Vec<Duration>,
}

impl<'a> Case<'a> {
    fn new(name: impl Into<String>, goal: bool, run: impl Fn() -> usize + 'a) -> Case<'a> {
        Case { name: name.into(), goal, run: Box::new(run), cpu: Vec::new(), wall: Vec::new() }
    }

    fn measure(&mut self) {
        let (t, c) = (Instant::now(), thread_cpu());
        black_box((self.run)());
        self.cpu.push(thread_cpu().saturating_sub(c));
        self.wall.push(t.elapsed());
    }
}

fn interleaved(w: &Workshop, outline: &Outline, doc: &Document, words: &WordLists, options: &Options) {
    let rounds: usize = std::env::var("EXPORT_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(31);
    let mut cases = vec![
        Case::new("serde_json::to_string (floor)", false, || serde_json::to_string(outline).map_or(0, |s| s.len())),
        Case::new("word lists (WordLists::embedded)", false, || {
            black_box(WordLists::embedded());
            0
        }),
        Case::new("quality check of every goal", false, || quality_only(w, outline, words)),
        Case::new("document model (word lists + from_outline)", false, || {
            let words = WordLists::embedded();
            Document::from_outline(w, outline, files(), &words).goals.len()
        }),
    ];
    for format in Format::ALL {
        cases.push(Case::new(format!("{} full export", format.extension()), true, move || {
            full_export(w, outline, format, options)
        }));
        cases.push(Case::new(format!("{} render only", format.extension()), false, move || {
            export::render(doc, format, options).map_or(0, |v| v.len())
        }));
    }
    if let Ok(only) = std::env::var("EXPORT_ONLY") {
        let mut k = 0;
        cases.retain(|c| {
            k += 1;
            k == 1 || c.name.contains(&only)
        });
    }
    for case in cases.iter_mut() {
        black_box((case.run)());
    }
    for round in 0..rounds {
        let n = cases.len();
        for k in 0..n {
            cases[(round + k) % n].measure();
        }
    }
    let floor_cpu = median(&mut cases[0].cpu.clone());
    let floor_wall = median(&mut cases[0].wall.clone());
    println!(
        "export of {} goals × {} groups, interleaved medians over {rounds} rounds (reported; the ≤ 2× goal is withdrawn)",
        outline.goals.len(),
        w.groups.len()
    );
    println!("{:<46} {:>10} {:>7} {:>10} {:>7}", "case", "CPU ms", "ratio", "wall ms", "ratio");
    let mut worst = (String::new(), 0.0f64);
    for case in cases.iter_mut() {
        let (c, wl) = (median(&mut case.cpu), median(&mut case.wall));
        let ratio = c.as_secs_f64() / floor_cpu.as_secs_f64();
        let mark = if case.goal && ratio > 2.0 { "  (goal missed)" } else { "" };
        println!(
            "{:<46} {:>10.3} {:>7.2} {:>10.3} {:>7.2}{mark}",
            case.name,
            ms(c),
            ratio,
            ms(wl),
            wl.as_secs_f64() / floor_wall.as_secs_f64()
        );
        if case.goal && ratio > worst.1 {
            worst = (case.name.clone(), ratio);
        }
    }
    let goals = outline.goals.len() as f64;
    if let Some(q) = cases.iter_mut().find(|c| c.name.starts_with("quality")) {
        println!("quality check per goal: {:.3} ms CPU", ms(median(&mut q.cpu)) / goals);
    }
    println!("worst full export: {} at {:.2}× the floor (CPU)", worst.0, worst.1);
}

fn benches(c: &mut Criterion, w: &Workshop, outline: &Outline, doc: &Document, options: &Options) {
    let mut group = c.benchmark_group("export");
    group.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    group.bench_function("serde_json_floor", |b| b.iter(|| serde_json::to_string(black_box(outline)).map(|s| s.len())));
    group.bench_function("document", |b| {
        b.iter(|| Document::from_outline(black_box(w), black_box(outline), files(), &WordLists::embedded()))
    });
    for format in Format::ALL {
        group.bench_function(format.extension(), |b| {
            b.iter(|| export::render(black_box(doc), format, options).map(|v| v.len()))
        });
        group.bench_function(format!("full_{}", format.extension()), |b| {
            b.iter(|| full_export(black_box(w), black_box(outline), format, options))
        });
    }
    group.finish();
}

fn main() {
    let (w, outline) = outline();
    let words = WordLists::embedded();
    let doc = Document::from_outline(&w, &outline, files(), &words);
    let options = Options::default();
    interleaved(&w, &outline, &doc, &words, &options);
    if !std::env::args().any(|a| a == "--table-only") {
        let mut c = Criterion::default().configure_from_args();
        benches(&mut c, &w, &outline, &doc, &options);
        c.final_summary();
    }
}
