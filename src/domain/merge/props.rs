//! Properties of the merge over generated workshops and group files:
//! lossless, no duplicates, idempotent, commutative, associative, and
//! decisions that survive re-merging.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use uuid::Uuid;

use super::review::{apply, Op};
use super::tests::{id, workshop};
use super::*;
use crate::domain::model::{keys, Frequency, Verdict};

/// Texts chosen to collide: equal after folding, NFD vs NFC, near duplicates,
/// empty, and unrelated.
const TEXTS: &[&str] = &[
    "Öka läsförståelsen",
    "öka  läsförståelsen!",
    "O\u{308}ka läsförståelsen",
    "Öka läsförståelsen i åk 3",
    "Minska frånvaron",
    "Minska frånvaron.",
    "Fler behöriga lärare",
    "",
    "Tryggare skolmiljö\r\nför alla",
];

#[derive(Clone, Debug)]
struct GenItem {
    indicator: bool,
    id: u128,
    text: usize,
    owner: bool,
    /// Which of a few owners / targets (so equal names with other details occur).
    detail: usize,
}

/// Owners and targets that differ, equal after normalisation, or are empty.
const DETAILS: &[&str] = &["Barn- och utbildningsnämnden", "barn- och utbildningsnämnden", "Kulturskolan", ""];

/// Answers for one goal: (goal index, items, effect text, (verdict, comment)).
type GenGoal = (usize, Vec<GenItem>, Option<usize>, Option<(usize, usize)>);

#[derive(Clone, Debug)]
struct GenFile {
    group: usize,
    goals: Vec<GenGoal>,
}

fn gen_item() -> impl Strategy<Value = GenItem> {
    (any::<bool>(), 0u128..10, 0..TEXTS.len(), any::<bool>(), 0..DETAILS.len())
        .prop_map(|(indicator, id, text, owner, detail)| GenItem { indicator, id: 5000 + id, text, owner, detail })
}

fn gen_file() -> impl Strategy<Value = GenFile> {
    let goal = (
        0usize..4,
        prop::collection::vec(gen_item(), 0..5),
        prop::option::of(0..TEXTS.len()),
        prop::option::of((0usize..5, 0..TEXTS.len())),
    );
    (0usize..4, prop::collection::vec(goal, 0..3)).prop_map(|(group, goals)| GenFile { group, goals })
}

fn gen_files() -> impl Strategy<Value = Vec<GenFile>> {
    prop::collection::vec(gen_file(), 0..6)
}

fn build(w: &Workshop, g: &GenFile) -> GroupFile {
    // Index 3 is a group (and a goal) the workshop does not have.
    let mut f = match w.groups.get(g.group) {
        Some(group) => GroupFile::new(w, group),
        None => GroupFile { group: id(777), group_name: "Borttagen grupp".into(), ..GroupFile::new(w, &w.groups[0]) },
    };
    for (goal, items, effect, verdict) in &g.goals {
        let answers = f.answers_mut(w.goals.get(*goal).map(|g| g.id).unwrap_or(id(999)));
        if let Some(t) = effect {
            answers.answers.insert(keys::EFFECT.into(), Answer::Text(TEXTS[*t].into()));
        }
        if let Some((v, how)) = verdict {
            let verdict = Verdict::ALL.get(*v).copied();
            answers.answers.insert(
                keys::MEASURABILITY.into(),
                Answer::Verdict(VerdictAnswer { verdict, how: TEXTS[*how].into() }),
            );
        }
        let mut list = Vec::new();
        let mut inds = Vec::new();
        for it in items {
            let owner = DETAILS[it.detail];
            if it.indicator {
                let mut ind = Indicator::new(TEXTS[it.text]);
                ind.id = id(it.id);
                ind.responsible = owner.into();
                ind.target.value = ["80", "90", ""][it.detail % 3].into();
                ind.frequency = it.owner.then_some(Frequency::Year);
                // Linked to a sub-goal of the same generated ids (often one of the goal's).
                ind.subgoal = it.owner.then(|| id(5000 + it.detail as u128));
                inds.push(ind);
            } else {
                list.push(ListItem { id: id(it.id), text: TEXTS[it.text].into(), owner: owner.into() });
            }
        }
        if !list.is_empty() {
            answers.answers.insert(keys::SUBGOALS.into(), Answer::List(list));
        }
        if !inds.is_empty() {
            answers.answers.insert(keys::INDICATORS.into(), Answer::Indicators(inds));
        }
    }
    f
}

fn named(w: &Workshop, files: &[GenFile]) -> Vec<(String, GroupFile)> {
    files.iter().enumerate().map(|(i, g)| (format!("f{i}.ron"), build(w, g))).collect()
}

fn merge_named(w: &Workshop, files: &[(String, GroupFile)]) -> Outline {
    let inputs: Vec<Input> = files.iter().map(|(s, f)| Input::Group { source: s, file: f }).collect();
    merge(w, &inputs, None).expect("merge")
}

/// The outline as saved, and everything derived from it (outline.ron holds
/// only the stored truth, so the derived fields are compared too).
fn saved(o: &Outline) -> String {
    format!("{}\n{o:?}", ron::ser::to_string(o).expect("serialize"))
}

/// Every (goal, question, item id) → the set of fingerprints of its contents
/// in the inputs, computed without the merge code's grouping.
type Expected = BTreeMap<(Uuid, String, Uuid), BTreeSet<String>>;

fn expected_items(files: &[(String, GroupFile)]) -> Expected {
    let mut out = Expected::new();
    for (_, f) in files {
        for (goal, answers) in &f.goals {
            for (key, answer) in &answers.answers {
                let contents: Vec<Content> = match answer {
                    Answer::List(items) => items.iter().map(|i| Content::List(normalize_list_item(i))).collect(),
                    Answer::Indicators(items) => {
                        items.iter().map(|i| Content::Indicator(Box::new(normalize_indicator(i)))).collect()
                    }
                    _ => continue,
                };
                for c in contents {
                    out.entry((*goal, key.clone(), c.id())).or_default().insert(fingerprint(&c));
                }
            }
        }
    }
    out
}

fn actual_items(o: &Outline) -> (Expected, usize) {
    let mut out = Expected::new();
    let mut count = 0;
    for goal in &o.goals {
        for section in &goal.sections {
            for m in section.items().iter().flat_map(|i| i.members.iter()) {
                count += 1;
                out.entry((goal.goal, section.key.clone(), m.id))
                    .or_default()
                    .extend(m.versions.iter().map(|v| fingerprint(&v.content)));
            }
        }
    }
    (out, count)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every input item id and every version of it is in the outline, once.
    #[test]
    fn lossless_and_without_duplicates(files in gen_files()) {
        let w = workshop(3, 3);
        let files = named(&w, &files);
        let o = merge_named(&w, &files);
        let expected = expected_items(&files);
        let (actual, members) = actual_items(&o);
        prop_assert_eq!(&actual, &expected);
        prop_assert_eq!(members, expected.len(), "a member appears twice");
        // Free texts and verdicts too.
        for (_, f) in &files {
            for (goal, answers) in &f.goals {
                // A goal (known or not) is only looked up when it has something to find:
                // an unknown goal with no answers is rightly absent.
                if let Some(t) = answers.text(keys::EFFECT).map(normalize).filter(|t| !t.trim().is_empty()) {
                    let og = o.goal(*goal).expect("goal");
                    prop_assert!(og.effects().iter().any(|e| e.group == f.group && e.versions.contains(&t)));
                }
                if let Some(v) = answers.verdict(keys::MEASURABILITY).filter(|v| v.verdict.is_some() || !v.how.trim().is_empty()) {
                    let vv = verdict_version(v);
                    let og = o.goal(*goal).expect("goal");
                    prop_assert!(og.verdicts().expect("verdicts").groups.iter().any(|e| e.group == f.group && e.versions.contains(&vv)));
                }
            }
        }
    }

    /// Merging a file again (a copy of the same file) changes nothing.
    #[test]
    fn idempotent(files in gen_files(), pick in any::<prop::sample::Index>()) {
        let w = workshop(3, 3);
        let files = named(&w, &files);
        let once = merge_named(&w, &files);
        let mut twice = files.clone();
        twice.extend(files.iter().cloned());
        prop_assert_eq!(saved(&merge_named(&w, &twice)), saved(&once));
        if !files.is_empty() {
            let mut again = files.clone();
            again.push(files[pick.index(files.len())].clone());
            prop_assert_eq!(saved(&merge_named(&w, &again)), saved(&once));
        }
        // Merging the result with itself as an input changes nothing either.
        let o = Input::Outline { source: "o", outline: &once };
        prop_assert_eq!(saved(&merge(&w, &[o, o], None).expect("merge")), saved(&once));
    }

    /// Any order of the input files gives the same saved outline.
    #[test]
    fn commutative(files in gen_files(), seed in any::<u64>()) {
        let w = workshop(3, 3);
        let files = named(&w, &files);
        let mut shuffled = files.clone();
        // A seeded Fisher–Yates shuffle (deterministic per case).
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(saved(&merge_named(&w, &shuffled)), saved(&merge_named(&w, &files)));
    }

    /// Merging the outlines of two subsets equals merging everything at once,
    /// and so does folding one subset's outline into the other's files.
    #[test]
    fn associative(files in gen_files(), split in prop::collection::vec(any::<bool>(), 6)) {
        let w = workshop(3, 3);
        let files = named(&w, &files);
        let (left, right): (Vec<_>, Vec<_>) =
            files.iter().cloned().enumerate().partition(|(i, _)| split[*i % split.len()]);
        let left: Vec<_> = left.into_iter().map(|(_, f)| f).collect();
        let right: Vec<_> = right.into_iter().map(|(_, f)| f).collect();
        let (ol, or) = (merge_named(&w, &left), merge_named(&w, &right));
        let all = saved(&merge_named(&w, &files));
        let outlines = [Input::Outline { source: "l", outline: &ol }, Input::Outline { source: "r", outline: &or }];
        prop_assert_eq!(saved(&merge(&w, &outlines, None).expect("merge")), all.clone());
        let mut mixed: Vec<Input> = right.iter().map(|(s, f)| Input::Group { source: s, file: f }).collect();
        mixed.push(Input::Outline { source: "l", outline: &ol });
        prop_assert_eq!(saved(&merge(&w, &mixed, None).expect("merge")), all);
        // Decisions travel with an outline input just as with a previous outline.
        let mut decided = ol.clone();
        let keys: Vec<Uuid> = decided.items().map(|i| i.key).collect();
        for (n, key) in keys.iter().enumerate() {
            let op = if n % 2 == 0 { Op::Accept(*key) } else { Op::Drop(*key) };
            apply(&mut decided, &op).expect("apply");
        }
        let outlines = [Input::Outline { source: "l", outline: &decided }, Input::Outline { source: "r", outline: &or }];
        let inputs: Vec<Input> = files.iter().map(|(s, f)| Input::Group { source: s, file: f }).collect();
        prop_assert_eq!(
            saved(&merge(&w, &outlines, None).expect("merge")),
            saved(&merge(&w, &inputs, Some(&decided)).expect("merge"))
        );
    }

    /// Review decisions survive a re-merge of the same files unchanged, and
    /// no decision is ever removed by merging.
    #[test]
    fn decisions_survive_re_merge(files in gen_files(), ops in prop::collection::vec((0usize..7, 0usize..64, 0usize..64), 0..6)) {
        let w = workshop(3, 3);
        let files = named(&w, &files);
        let mut o = merge_named(&w, &files);
        let ids: Vec<Uuid> = o.items().map(|i| i.key).collect();
        if !ids.is_empty() {
            for (kind, a, b) in ops {
                let (a, b) = (ids[a % ids.len()], ids[b % ids.len()]);
                let op = match kind {
                    0 => Op::Accept(a),
                    1 => Op::Drop(a),
                    2 => Op::Edit(a, Some(format!("Redigerad {b}"))),
                    3 => Op::Move { item: a, to: b.as_u128() as usize % 4 },
                    4 => Op::Reopen(a),
                    6 => Op::Choose {
                        item: a,
                        choice: if b.as_u128() % 2 == 0 {
                            super::review::ChooseVersion::Both
                        } else {
                            super::review::ChooseVersion::Nth(0)
                        },
                    },
                    _ => Op::Combine { items: vec![a, b], text: None },
                };
                // Combining items of different sections is refused; fine.
                let _ = apply(&mut o, &op);
            }
        }
        let inputs: Vec<Input> = files.iter().map(|(s, f)| Input::Group { source: s, file: f }).collect();
        let again = merge(&w, &inputs, Some(&o)).expect("merge");
        prop_assert_eq!(saved(&again), saved(&o));
        let emptied = merge(&w, &[], Some(&o)).expect("merge");
        prop_assert_eq!(&emptied.decisions, &o.decisions);
    }

    /// Field level: every value any group typed (after normalisation) is in
    /// the outline credited to that group, as one of the item's variants, and
    /// in the export's rows credited to that group by name.
    #[test]
    fn every_field_value_is_credited_to_its_group(files in gen_files()) {
        use crate::domain::outline::field_values;
        use crate::domain::text::fold_key;
        let w = workshop(3, 3);
        let files = named(&w, &files);
        let o = merge_named(&w, &files);
        let doc = crate::export::Document::from_outline(&w, &o, &[], &crate::domain::quality::WordLists::embedded());
        // Every format, read back where it can be: JSON parsed, CSV parsed,
        // Markdown by line, the DOCX body and the XLSX shared strings as text.
        let json: serde_json::Value =
            serde_json::from_str(&crate::export::json::render(&doc).expect("json")).expect("parse json");
        let csv_bytes = crate::export::csv::render(&doc, &crate::export::Options::default()).expect("csv");
        let csv_rows: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(true)
            .from_reader(&csv_bytes[3..])
            .records()
            .map(|r| r.expect("csv record").iter().map(str::to_string).collect())
            .collect();
        let md = crate::export::markdown::render(&doc);
        let unzip = |bytes: Vec<u8>, name: &str| {
            use std::io::Read;
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
            let mut s = String::new();
            zip.by_name(name).expect("part").read_to_string(&mut s).expect("read");
            s
        };
        let docx = unzip(crate::export::docx::render(&doc).expect("docx"), "word/document.xml");
        let xlsx = unzip(crate::export::xlsx::render(&doc).expect("xlsx"), "xl/sharedStrings.xml");
        let json_rows = |kind: &str| -> Vec<serde_json::Value> {
            json["goals"].as_array().into_iter().flatten().flat_map(|g| g[kind].as_array().cloned().unwrap_or_default()).collect()
        };
        let (json_subs, json_inds) = (json_rows("subgoals"), json_rows("indicators"));
        let named = |row: &serde_json::Value, name: &str| row["from"].as_array().is_some_and(|f| f.iter().any(|g| g == name));
        for (_, f) in &files {
            let name = o.group_name(f.group).to_string();
            for (goal, answers) in &f.goals {
                // An unknown goal with no answers is rightly absent.
                let Some(og) = o.goal(*goal) else { continue };
                let resolve = |id: Uuid| og.list_item_key(id);
                for (key, answer) in &answers.answers {
                    let contents: Vec<Content> = match answer {
                        Answer::List(items) => items.iter().map(|i| Content::List(normalize_list_item(i))).collect(),
                        Answer::Indicators(items) => {
                            items.iter().map(|i| Content::Indicator(Box::new(normalize_indicator(i)))).collect()
                        }
                        _ => continue,
                    };
                    let section = og.section(key).expect("section");
                    for c in contents {
                        let item = section.items().iter().find(|i| i.members.iter().any(|m| m.id == c.id())).expect("item");
                        let fields = field_values(&c, &resolve);
                        let variant = og
                            .variants(item)
                            .into_iter()
                            .find(|v| field_values(v.content, &resolve) == fields)
                            .expect("a variant with these fields");
                        prop_assert!(variant.groups.contains(&f.group), "credited to its group");
                        // The text itself: a version of the item, with this group.
                        prop_assert!(item.versions().any(|v| v.content.text() == c.text() && v.groups.contains(&f.group)));
                        // In the export (the first section of each kind is the one
                        // with rows; the generated files use the standard keys).
                        let gs = doc.goals.iter().find(|g| og.label.ends_with(g.wording.as_ref())).expect("goal in export");
                        match &c {
                            Content::List(li) if !li.text.trim().is_empty() || !li.owner.trim().is_empty() => {
                                prop_assert!(gs.subgoals.iter().any(|s| fold_key(&s.owner) == fold_key(&li.owner)
                                    && s.from.iter().any(|g| *g == name)), "sub-goal owner {:?} of {}", li.owner, name);
                                if key == keys::SUBGOALS && !li.owner.is_empty() {
                                    prop_assert!(json_subs.iter().any(|r| r["owner"].as_str().map(fold_key) == Some(fold_key(&li.owner)) && named(r, &name)), "json");
                                    prop_assert!(md.lines().any(|l| fold_key(l).contains(&fold_key(&li.owner)) && l.contains(&name)), "md");
                                    prop_assert!(docx.contains(&variant_owner(&gs.subgoals, &li.owner)), "docx");
                                    prop_assert!(xlsx.contains(&variant_owner(&gs.subgoals, &li.owner)), "xlsx");
                                }
                            }
                            Content::Indicator(ind) => {
                                prop_assert!(gs.indicators.iter().any(|r| fold_key(&r.target) == fold_key(&ind.target.value)
                                    && fold_key(&r.responsible) == fold_key(&ind.responsible)
                                    && r.from.iter().any(|g| *g == name)), "indicator {:?} of {}", ind.target, name);
                                let same = |target: &str, responsible: &str| fold_key(target) == fold_key(&ind.target.value)
                                    && fold_key(responsible) == fold_key(&ind.responsible);
                                prop_assert!(json_inds.iter().any(|r| same(r["target"].as_str().unwrap_or(""), r["responsible"].as_str().unwrap_or("")) && named(r, &name)), "json");
                                // CSV: target (col 8), responsible (col 11), proposed by (col 13).
                                prop_assert!(csv_rows.iter().any(|r| same(&r[8], &r[11]) && r[13].split(", ").any(|g| g == name)), "csv");
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }
}

/// The owner as the export shows it for the row that holds `owner` (the
/// first spelling of fold-equal owners).
fn variant_owner(rows: &[crate::export::doc::SubGoal], owner: &str) -> String {
    use crate::domain::text::fold_key;
    rows.iter().find(|s| fold_key(&s.owner) == fold_key(owner)).map(|s| s.owner.to_string()).unwrap_or_default()
}
