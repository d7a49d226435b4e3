//! The merge on fuzzer-made group files (items with colliding ids and
//! texts, any Unicode): no panic, no input item lost or duplicated, the same
//! outline in any input order and when every file comes twice.
#![no_main]

use std::collections::BTreeSet;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use malverkstad::domain::merge::{merge, Input};
use malverkstad::domain::model::{default_questions, keys, Answer, Goal, Group, GroupFile, Indicator, ListItem, Workshop};
use uuid::Uuid;

/// Texts that collide after folding, NFD vs NFC, near duplicates, empty.
const TEXTS: &[&str] =
    &["Öka läsförståelsen", "öka  läsförståelsen!", "O\u{308}ka läsförståelsen", "Minska frånvaron", "", "a\r\nb"];

#[derive(Arbitrary, Debug)]
enum Text {
    Pool(u8),
    Free(String),
}

impl Text {
    fn get(&self) -> String {
        match self {
            Text::Pool(i) => TEXTS[*i as usize % TEXTS.len()].to_string(),
            Text::Free(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Item {
    indicator: bool,
    id: u8,
    text: Text,
    owner: Text,
}

#[derive(Arbitrary, Debug)]
struct GoalAnswers {
    goal: u8,
    effect: Option<Text>,
    items: Vec<Item>,
}

#[derive(Arbitrary, Debug)]
struct File {
    group: u8,
    goals: Vec<GoalAnswers>,
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn workshop() -> Workshop {
    let mut w = Workshop::new("Fuzz");
    w.id = id(1);
    w.questions = default_questions();
    w.goals = (0..3)
        .map(|i| Goal { id: id(100 + i), code: None, wording: format!("Mål {i}"), perspective: None, owner: None })
        .collect();
    w.groups = (0..3)
        .map(|i| Group { id: id(200 + i), name: format!("Grupp {i}"), slug: format!("grupp-{i}"), goals: vec![id(100 + i)] })
        .collect();
    w
}

fn build(w: &Workshop, f: &File) -> GroupFile {
    let mut file = GroupFile::new(w, &w.groups[f.group as usize % w.groups.len()]);
    for g in &f.goals {
        let answers = file.answers_mut(w.goals[g.goal as usize % w.goals.len()].id);
        if let Some(t) = &g.effect {
            answers.answers.insert(keys::EFFECT.into(), Answer::Text(t.get()));
        }
        let (mut list, mut inds) = (Vec::new(), Vec::new());
        for it in &g.items {
            if it.indicator {
                let mut ind = Indicator::new(&it.text.get());
                ind.id = id(5000 + it.id as u128 % 16);
                ind.responsible = it.owner.get();
                inds.push(ind);
            } else {
                list.push(ListItem { id: id(5000 + it.id as u128 % 16), text: it.text.get(), owner: it.owner.get() });
            }
        }
        if !list.is_empty() {
            answers.answers.insert(keys::SUBGOALS.into(), Answer::List(list));
        }
        if !inds.is_empty() {
            answers.answers.insert(keys::INDICATORS.into(), Answer::Indicators(inds));
        }
    }
    file
}

fn run(w: &Workshop, files: &[(String, GroupFile)]) -> malverkstad::domain::outline::Outline {
    let inputs: Vec<Input> = files.iter().map(|(s, f)| Input::Group { source: s, file: f }).collect();
    merge(w, &inputs, None).expect("files of this workshop merge")
}

fuzz_target!(|files: Vec<File>| {
    if files.len() > 6 {
        return;
    }
    let w = workshop();
    let files: Vec<(String, GroupFile)> =
        files.iter().enumerate().map(|(i, f)| (format!("f{i}.ron"), build(&w, f))).collect();
    let o = run(&w, &files);
    // Lossless and without duplicates: every (goal, question, item id) of the
    // inputs is one member of the outline, and nothing else is.
    let mut expected = BTreeSet::new();
    for (_, f) in &files {
        for (goal, answers) in &f.goals {
            for (key, answer) in &answers.answers {
                let ids: Vec<Uuid> = match answer {
                    Answer::List(items) => items.iter().map(|i| i.id).collect(),
                    Answer::Indicators(items) => items.iter().map(|i| i.id).collect(),
                    _ => continue,
                };
                expected.extend(ids.into_iter().map(|i| (*goal, key.clone(), i)));
            }
        }
    }
    let mut actual = BTreeSet::new();
    let mut members = 0;
    for goal in &o.goals {
        for section in &goal.sections {
            for m in section.items().iter().flat_map(|i| i.members.iter()) {
                members += 1;
                actual.insert((goal.goal, section.key.clone(), m.id));
            }
        }
    }
    assert_eq!(actual, expected, "an item was lost or invented");
    assert_eq!(members, expected.len(), "an item appears twice");
    // Any order, and every file twice: the same outline.
    let saved = ron::to_string(&o).unwrap();
    let mut reversed = files.clone();
    reversed.reverse();
    assert_eq!(ron::to_string(&run(&w, &reversed)).unwrap(), saved, "order changed the outline");
    let mut twice = files.clone();
    twice.extend(files.iter().cloned());
    assert_eq!(ron::to_string(&run(&w, &twice)).unwrap(), saved, "a copy changed the outline");
});
