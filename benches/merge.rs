//! Merge of 8 groups × 50 goals, parsing included, against just parsing the
//! same RON files. Target: merge ≤ 1.3 × parse.
//!
//! Before criterion's own (sequential) benchmarks, the two are measured
//! interleaved in the same run (parse, parse + merge, parse, …) and the ratio
//! of the medians is printed, so that a busy machine slows both alike; in
//! wall time and in the thread's CPU time.

#[path = "common/clock.rs"]
mod clock;

/// The program's allocator (see src/main.rs), for the floor and every case,
/// as in benches/export.rs: what `malverkstad merge` runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clock::{median, thread_cpu};
use std::path::Path;
use std::time::Instant;

use criterion::Criterion;
use malverkstad::domain::merge::{merge, Input};
use malverkstad::domain::model::{
    keys, Answer, Frequency, Goal, Group, GroupFile, Indicator, ListItem, Measure, Verdict, VerdictAnswer, Workshop,
};
use malverkstad::store::codec;
use std::hint::black_box;
use uuid::Uuid;

const GROUPS: usize = 8;
const GOALS: usize = 50;

const VERBS: &[&str] = &["Öka", "Minska", "Förbättra", "Utveckla", "Stärka", "Säkra"];
const WHAT: &[&str] = &[
    "andelen elever som når kunskapsmålen",
    "sjukfrånvaron bland medarbetarna",
    "tryggheten i centrala Hjo",
    "tillgången till bostäder för unga",
    "kvaliteten i hemtjänsten",
    "nöjdheten med kommunens service",
    "energianvändningen i kommunens lokaler",
    "antalet företag som startar",
];
const WHERE: &[&str] = &["", " i förskolan", " i grundskolan", " för äldre", " på landsbygden", " inom vården"];

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// A deterministic text: groups often choose the same words for a goal, so
/// some items fold and some are near duplicates, as on a real day.
fn text(goal: usize, group: usize, k: usize) -> String {
    let pick = goal * 7 + k * 3 + group / 3;
    format!("{} {}{}", VERBS[pick % VERBS.len()], WHAT[(goal + k) % WHAT.len()], WHERE[(pick + group) % WHERE.len()])
}

fn workshop() -> Workshop {
    let mut w = Workshop::new("Bänk");
    w.id = id(1);
    w.goals = (0..GOALS)
        .map(|g| Goal { id: id(1000 + g as u128), ..Goal::new(Some(format!("{}", g + 1)), text(g, 0, 9)) })
        .collect();
    w.groups = (0..GROUPS)
        .map(|g| Group {
            id: id(100 + g as u128),
            name: format!("Grupp {}", g + 1),
            slug: format!("grupp-{}", g + 1),
            goals: w.goals.iter().map(|g| g.id).collect(),
        })
        .collect();
    w
}

fn group_file(w: &Workshop, group: usize) -> GroupFile {
    let mut f = GroupFile::new(w, &w.groups[group]);
    for (g, goal) in w.goals.iter().enumerate() {
        let base = ((group * GOALS + g) * 100) as u128 + 1_000_000;
        let a = f.answers_mut(goal.id);
        a.answers.insert(
            keys::EFFECT.into(),
            Answer::Text(format!("{} – så att invånarna märker skillnad inom mandatperioden.", text(g, group, 5))),
        );
        let subs = (0..3)
            .map(|k| ListItem { id: id(base + k as u128), text: text(g, group, k), owner: "Kommunstyrelsen".into() })
            .collect();
        a.answers.insert(keys::SUBGOALS.into(), Answer::List(subs));
        let inds = (0..2)
            .map(|k| Indicator {
                id: id(base + 50 + k as u128),
                name: format!("Andel {}", WHAT[(g + group + k) % WHAT.len()]),
                definition: "Andel i procent enligt Kolada".into(),
                source: "Kolada".into(),
                kolada: format!("N{}", 15000 + g * 10 + k),
                baseline: Measure { value: "71".into(), year: "2025".into() },
                target: Measure { value: "80".into(), year: "2029".into() },
                frequency: Some(Frequency::Year),
                responsible: "Förvaltningschef".into(),
                subgoal: Some(id(base)),
            })
            .collect();
        a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(inds));
        a.answers.insert(
            keys::MEASURABILITY.into(),
            Answer::Verdict(VerdictAnswer {
                verdict: Some(Verdict::ALL[(g + group) % 4]),
                how: "Med Koladas nyckeltal och den egna enkäten.".into(),
            }),
        );
    }
    f
}

fn parse_all(files: &[(String, Vec<u8>)]) -> Vec<GroupFile> {
    files.iter().map(|(name, bytes)| codec::from_bytes(Path::new(name), bytes).expect("parse")).collect()
}

fn parse_and_merge(w: &Workshop, files: &[(String, Vec<u8>)]) -> usize {
    let parsed = parse_all(files);
    let inputs: Vec<Input> =
        files.iter().zip(&parsed).map(|((name, _), f)| Input::Group { source: name, file: f }).collect();
    let outline = merge(w, &inputs, None).expect("merge");
    outline.goals.len()
}

/// Issue #14: one group file with 5,000 similar sub-goals (one paste).
/// Target: parse + merge ≤ 1.5 × parse, and the outline written (RON as
/// saved) ≤ 3 × the group file.
const PASTE: usize = 5000;

fn paste_case(w: &Workshop) {
    let mut f = GroupFile::new(w, &w.groups[0]);
    let subs = (0..PASTE)
        .map(|i| ListItem {
            id: id(50_000_000 + i as u128),
            text: format!("Öka andelen elever som når kunskapsmålen i skola nummer {i}"),
            owner: "Barn- och utbildningsnämnden".into(),
        })
        .collect();
    f.answers_mut(w.goals[0].id).answers.insert(keys::SUBGOALS.into(), Answer::List(subs));
    let files = vec![("grupp-1.ron".to_string(), codec::to_ron(&f).expect("ron").into_bytes())];
    let input = files[0].1.len();
    let parsed = parse_all(&files);
    let outline = merge(w, &[Input::Group { source: "grupp-1.ron", file: &parsed[0] }], None).expect("merge");
    let output = codec::to_ron(&outline).expect("ron").len();
    let rounds = 15;
    let (mut parse, mut both) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    black_box(parse_and_merge(w, &files));
    for _ in 0..rounds {
        let c = thread_cpu();
        black_box(parse_all(&files));
        parse.push(thread_cpu().saturating_sub(c));
        let c = thread_cpu();
        black_box(parse_and_merge(w, &files));
        both.push(thread_cpu().saturating_sub(c));
    }
    let (p, m) = (median(&mut parse), median(&mut both));
    println!(
        "paste of {PASTE} similar sub-goals, {} KiB of RON, thread CPU medians over {rounds} rounds:\n  \
         parse {p:.2?}, parse+merge {m:.2?}, ratio {:.3} (target ≤ 1.5); outline {} KiB, {:.2} × the input (target ≤ 3)",
        input / 1024,
        m.as_secs_f64() / p.as_secs_f64(),
        output / 1024,
        output as f64 / input as f64,
    );
}

fn main() {
    let w = workshop();
    // `cargo bench --bench merge -- paste`: only the paste case.
    if std::env::args().any(|a| a == "paste") {
        paste_case(&w);
        return;
    }
    paste_case(&w);
    let files: Vec<(String, Vec<u8>)> = (0..GROUPS)
        .map(|g| {
            let ron = codec::to_ron(&group_file(&w, g)).expect("ron");
            (format!("grupp-{}.ron", g + 1), ron.into_bytes())
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    // Interleaved, same run: the figure the target is about. Wall time, and
    // the thread's CPU time, which a machine shared with other work (other
    // processes taking turns on the cores) disturbs much less.
    let rounds = 60;
    let mut wall = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    let mut cpu = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for _ in 0..3 {
        black_box(parse_and_merge(&w, &files));
    }
    for _ in 0..rounds {
        let (t, c) = (Instant::now(), thread_cpu());
        black_box(parse_all(&files));
        cpu.0.push(thread_cpu().saturating_sub(c));
        wall.0.push(t.elapsed());
        let (t, c) = (Instant::now(), thread_cpu());
        black_box(parse_and_merge(&w, &files));
        cpu.1.push(thread_cpu().saturating_sub(c));
        wall.1.push(t.elapsed());
    }
    println!(
        "interleaved medians over {rounds} rounds, {GROUPS} groups × {GOALS} goals, {} KiB of RON (target ≤ 1.3):",
        bytes / 1024
    );
    for (what, (mut p, mut m)) in [("wall", wall), ("thread CPU", cpu)] {
        let (p, m) = (median(&mut p), median(&mut m));
        let ratio = m.as_secs_f64() / p.as_secs_f64();
        println!("  {what:>10}: parse {p:.2?}, parse+merge {m:.2?}, ratio {ratio:.3}");
    }

    let mut c = Criterion::default().sample_size(20).configure_from_args();
    c.bench_function("parse 8 group files", |b| b.iter(|| black_box(parse_all(&files))));
    c.bench_function("parse + merge 8 group files", |b| b.iter(|| black_box(parse_and_merge(&w, &files))));
    c.final_summary();
}
