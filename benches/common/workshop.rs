//! The 8-group × 50-goal workshop of the export bench and of
//! `scripts/bench-export-pandoc.sh` (through `examples/export_workshop.rs`).

use malverkstad::domain::{
    keys, Answer, Frequency, Goal, Group, GroupFile, Indicator, ListItem, Measure, Verdict, VerdictAnswer, Workshop,
};

/// 50 goals, 8 groups, every group answering every goal: effect, three
/// sub-goals of its own, two indicators with every field (the first named
/// alike by every group, so it folds), a verdict.
pub fn workshop() -> (Workshop, Vec<GroupFile>) {
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
    (w, files)
}
