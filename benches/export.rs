//! Each export of an 8-group × 50-goal merged outline against
//! `serde_json::to_string` of the same outline, in the same run. Target:
//! every format ≤ 2× the floor (compare the medians in
//! `$CARGO_TARGET_DIR/criterion/export/*/new/estimates.json`, or run
//! `scripts/bench-ratios.sh`). `document` is building the export's view
//! model from the outline (with the quality check), done once per export.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use malverkstad::domain::merge::{self, Input};
use malverkstad::domain::outline::Outline;
use malverkstad::domain::quality::WordLists;
use malverkstad::domain::{
    keys, Answer, Frequency, Goal, Group, GroupFile, Indicator, ListItem, Measure, Verdict, VerdictAnswer, Workshop,
};
use malverkstad::export::{self, Document, Format, Options};

/// 50 goals, 8 groups, every group answering every goal: effect, three
/// sub-goals of its own, two indicators with every field (the first named
/// alike by every group, so it folds), a verdict; merged into one outline.
fn outline() -> (Workshop, Outline) {
    let mut w = Workshop::new("KS arbetsdag BSP 2027–2029");
    w.organisation = "Exempels kommun".into();
    w.plan = "Budget- och strategiplan 2027–2029".into();
    for g in 0..50 {
        let mut goal = Goal::new(
            Some(format!("{}.{}", g / 10 + 1, g % 10 + 1)),
            format!("Övergripande mål nummer {g}: fler medborgare upplever god service och trygghet i kommunen"),
        );
        goal.perspective = Some("Medborgare".into());
        goal.owner = Some("Kommunstyrelsen".into());
        w.goals.push(goal);
    }
    for n in 1..=8 {
        let ids = w.goals.iter().map(|g| g.id).collect();
        w.groups.push(Group {
            id: malverkstad::domain::new_id(),
            name: format!("Grupp {n}"),
            slug: format!("grupp-{n}"),
            goals: ids,
        });
    }
    let files: Vec<GroupFile> = w
        .groups
        .iter()
        .map(|group| {
            let mut f = GroupFile::new(&w, group);
            for goal in &w.goals {
                let a = f.answers_mut(goal.id);
                a.answers.insert(keys::EFFECT.into(), Answer::Text(format!("{}: invånarna märker skillnad i vardagen, särskilt barn och äldre.\nMätt som nöjdhet & <trygghet>.", group.name)));
                let items: Vec<ListItem> = (0..3)
                    .map(|i| ListItem { owner: "Socialnämnden".into(), ..ListItem::new(format!("{} delmål {i} för {} med \"citat\" och *stjärnor*", group.name, goal.wording)) })
                    .collect();
                let indicators: Vec<Indicator> = (0..2)
                    .map(|i| Indicator {
                        definition: "Andel (%) av invånare 16–84 år som känner sig trygga ute ensamma sent på kvällen".into(),
                        source: "Kolada, SCB:s medborgarundersökning".into(),
                        kolada: "U07451".into(),
                        baseline: Measure { value: "72,5".into(), year: "2025".into() },
                        target: Measure { value: "80".into(), year: "2029".into() },
                        frequency: Some(if i == 0 { Frequency::Year } else { Frequency::Other("vid behov".into()) }),
                        responsible: "Kommunledningsförvaltningen".into(),
                        subgoal: Some(items[i].id),
                        ..Indicator::new(if i == 0 { "Trygghetsindex | -delindex".to_string() } else { format!("{} index {i}", group.name) })
                    })
                    .collect();
                a.answers.insert(keys::SUBGOALS.into(), Answer::List(items));
                a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(indicators));
                a.answers.insert(keys::MEASURABILITY.into(), Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Partly), how: "Via Kolada och egen enkät, årligen.".into() }));
            }
            f
        })
        .collect();
    let names: Vec<String> = w.groups.iter().map(|g| format!("{}.ron", g.slug)).collect();
    let inputs: Vec<Input> = files.iter().zip(&names).map(|(file, source)| Input::Group { source, file }).collect();
    let outline = merge::merge(&w, &inputs, None).expect("one workshop");
    (w, outline)
}

fn bench(c: &mut Criterion) {
    let (w, outline) = outline();
    let words = WordLists::embedded();
    let doc = Document::from_outline(&w, &outline, &words);
    let options = Options::default();
    let mut group = c.benchmark_group("export");
    group.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    group
        .bench_function("serde_json_floor", |b| b.iter(|| serde_json::to_string(black_box(&outline)).map(|s| s.len())));
    group.bench_function("document", |b| b.iter(|| Document::from_outline(black_box(&w), black_box(&outline), &words)));
    for format in Format::ALL {
        group.bench_function(format.extension(), |b| {
            b.iter(|| export::render(black_box(&doc), format, &options).map(|v| v.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
