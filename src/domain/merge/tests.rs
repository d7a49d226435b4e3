//! Table tests of the merge and the review operations.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::review::{self, apply, undo, Op, ReviewError};
use super::*;
use crate::domain::model::{keys, Goal, Group, Indicator, ListItem, Verdict};
use crate::domain::outline::Status;

pub(crate) fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub(crate) fn workshop(goals: usize, groups: usize) -> Workshop {
    let mut w = Workshop::new("Test");
    w.id = id(1);
    for g in 0..goals {
        let mut goal = Goal::new(Some(format!("{}", g + 1)), format!("Mål {}", g + 1));
        goal.id = id(100 + g as u128);
        w.goals.push(goal);
    }
    for g in 0..groups {
        w.groups.push(Group {
            id: id(200 + g as u128),
            name: format!("Grupp {}", g + 1),
            slug: format!("grupp-{}", g + 1),
            goals: w.goals.iter().map(|g| g.id).collect(),
        });
    }
    w
}

fn file(w: &Workshop, group: usize) -> GroupFile {
    GroupFile::new(w, &w.groups[group])
}

fn sub(n: u128, text: &str) -> ListItem {
    ListItem { id: id(n), text: text.into(), owner: String::new() }
}

fn add_sub(f: &mut GroupFile, goal: Uuid, item: ListItem) {
    let a = f.answers_mut(goal).answers.entry(keys::SUBGOALS.into()).or_insert(Answer::List(Vec::new()));
    if let Answer::List(items) = a {
        items.push(item);
    }
}

fn add_ind(f: &mut GroupFile, goal: Uuid, ind: Indicator) {
    let a = f.answers_mut(goal).answers.entry(keys::INDICATORS.into()).or_insert(Answer::Indicators(Vec::new()));
    if let Answer::Indicators(items) = a {
        items.push(ind);
    }
}

fn set_effect(f: &mut GroupFile, goal: Uuid, text: &str) {
    f.answers_mut(goal).answers.insert(keys::EFFECT.into(), Answer::Text(text.into()));
}

fn set_verdict(f: &mut GroupFile, goal: Uuid, v: Option<Verdict>, how: &str) {
    f.answers_mut(goal)
        .answers
        .insert(keys::MEASURABILITY.into(), Answer::Verdict(VerdictAnswer { verdict: v, how: how.into() }));
}

fn run(w: &Workshop, files: &[(&str, &GroupFile)]) -> Outline {
    let inputs: Vec<Input> = files.iter().map(|(s, f)| Input::Group { source: s, file: f }).collect();
    merge(w, &inputs, None).expect("merge")
}

fn all_member_ids(o: &Outline) -> BTreeSet<Uuid> {
    o.items().flat_map(|i| i.members.iter().map(|m| m.id)).collect()
}

#[test]
fn every_goal_and_question_appears_in_workshop_order() {
    let w = workshop(3, 2);
    let o = run(&w, &[]);
    let goals: Vec<Uuid> = o.goals.iter().map(|g| g.goal).collect();
    assert_eq!(goals, vec![id(100), id(101), id(102)]);
    let keys: Vec<&str> = o.goals[0].sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, vec![keys::EFFECT, keys::SUBGOALS, keys::INDICATORS, keys::MEASURABILITY]);
    assert_eq!(o.groups.len(), 2);
}

#[test]
fn effects_verdicts_and_items_are_attributed_to_groups() {
    let w = workshop(1, 2);
    let g = w.goals[0].id;
    let mut a = file(&w, 0);
    let mut b = file(&w, 1);
    set_effect(&mut a, g, "Fler elever klarar skolan");
    set_effect(&mut b, g, "Tryggare skolmiljö");
    set_verdict(&mut a, g, Some(Verdict::Yes), "Kolada N15505");
    set_verdict(&mut b, g, Some(Verdict::Partly), "Enkät");
    add_sub(&mut a, g, sub(1000, "Öka läsförståelsen"));
    add_sub(&mut b, g, sub(2000, "Minska frånvaron"));
    let o = run(&w, &[("grupp-2.ron", &b), ("grupp-1.ron", &a)]);
    let goal = &o.goals[0];
    let effects: Vec<(Uuid, &str)> = goal.effects().iter().map(|e| (e.group, e.versions[0].as_str())).collect();
    assert_eq!(effects, vec![(id(200), "Fler elever klarar skolan"), (id(201), "Tryggare skolmiljö")]);
    let v = goal.verdicts().expect("verdicts");
    assert_eq!((v.tally.yes, v.tally.partly, v.tally.no), (1, 1, 0));
    assert_eq!(v.groups[1].versions[0].how, "Enkät");
    let subs: Vec<(&str, Vec<Uuid>)> = goal.subgoals().iter().map(|i| (i.text.as_str(), i.groups.clone())).collect();
    assert_eq!(subs, vec![("Öka läsförståelsen", vec![id(200)]), ("Minska frånvaron", vec![id(201)])]);
    assert!(goal.subgoals().iter().all(|i| !i.flags.conflict && !i.flags.folded));
}

#[test]
fn a_copy_of_a_file_adds_nothing_and_a_divergent_copy_keeps_both_versions() {
    let w = workshop(1, 1);
    let g = w.goals[0].id;
    let mut a = file(&w, 0);
    add_sub(&mut a, g, sub(1000, "Öka läsförståelsen"));
    add_sub(&mut a, g, sub(1001, "Fler behöriga lärare"));
    let once = run(&w, &[("grupp-1.ron", &a)]);
    let copy = run(&w, &[("grupp-1.ron", &a), ("grupp-1.ron", &a)]);
    assert_eq!(once, copy, "the same file twice changes nothing");

    // Edited on a second laptop: one item changed, one added.
    let mut b = a.clone();
    if let Some(Answer::List(items)) = b.answers_mut(g).answers.get_mut(keys::SUBGOALS) {
        items[0].text = "Öka läsförståelsen i åk 3".into();
        items.push(sub(1002, "Läxhjälp"));
    }
    let o = run(&w, &[("grupp-1.sync-conflict-20270316-101500-ABCD.ron", &b), ("grupp-1.ron", &a)]);
    assert_eq!(all_member_ids(&o), BTreeSet::from([id(1000), id(1001), id(1002)]));
    let item = o.find_item(id(1000)).expect("item");
    let texts: BTreeSet<&str> = item.versions().map(|v| v.content.text()).collect();
    assert_eq!(texts, BTreeSet::from(["Öka läsförståelsen", "Öka läsförståelsen i åk 3"]));
    assert!(item.flags.conflict);
    let unchanged = o.find_item(id(1001)).expect("item");
    assert!(!unchanged.flags.conflict);
    assert_eq!(unchanged.versions().count(), 1);
    let files: Vec<&String> = unchanged.versions().flat_map(|v| v.files.iter()).collect();
    assert_eq!(files.len(), 2, "both copies are named as sources: {files:?}");
    assert_eq!(o.goals[0].subgoals().len(), 3);
}

#[test]
fn equal_text_folds_and_similar_text_is_only_flagged() {
    let w = workshop(1, 3);
    let g = w.goals[0].id;
    let (mut a, mut b, mut c) = (file(&w, 0), file(&w, 1), file(&w, 2));
    add_sub(&mut a, g, sub(1000, "Öka andelen elever som når målen."));
    add_sub(&mut b, g, sub(2000, "  öka andelen ELEVER som når målen "));
    add_sub(&mut c, g, sub(3000, "Öka andelen elever som når kunskapsmålen"));
    add_sub(&mut c, g, sub(3001, "Bättre skolmat"));
    let o = run(&w, &[("a", &a), ("b", &b), ("c", &c)]);
    let subs = o.goals[0].subgoals();
    assert_eq!(subs.len(), 3, "{subs:#?}");
    let folded = o.find_item(id(1000)).expect("folded");
    assert_eq!(folded.members.len(), 2);
    assert_eq!(folded.groups, vec![id(200), id(201)]);
    assert!(folded.flags.folded);
    let similar = o.find_item(id(3000)).expect("similar");
    assert_eq!(similar.members.len(), 1);
    assert_eq!(similar.flags.possible_duplicates, vec![folded.key]);
    assert_eq!(folded.flags.possible_duplicates, vec![similar.key]);
    assert!(o.find_item(id(3001)).expect("other").flags.possible_duplicates.is_empty());
}

#[test]
fn a_file_of_another_workshop_is_refused_by_name() {
    let w = workshop(1, 1);
    let mut other = file(&w, 0);
    other.workshop = id(999);
    let err = merge(&w, &[Input::Group { source: "främmande.ron", file: &other }], None).unwrap_err();
    assert_eq!(err, MergeError::WrongWorkshop { file: "främmande.ron".into() });
    assert!(err.message(Lang::Sv).contains("främmande.ron"));
}

#[test]
fn answers_for_unknown_goals_and_groups_are_kept_last() {
    let w = workshop(1, 1);
    let mut stray = file(&w, 0);
    stray.group = id(777);
    stray.group_name = "Gamla gruppen".into();
    add_sub(&mut stray, id(555), sub(1000, "Kvarglömt delmål"));
    let o = run(&w, &[("x.ron", &stray)]);
    assert_eq!(o.goals.len(), 2);
    assert!(!o.goals[1].known);
    assert_eq!(o.goals[1].subgoals()[0].members[0].id, id(1000));
    assert_eq!(o.group_name(id(777)), "Gamla gruppen");
}

#[test]
fn review_operations_survive_a_re_merge_and_undo_exactly() {
    let w = workshop(1, 2);
    let g = w.goals[0].id;
    let (mut a, mut b) = (file(&w, 0), file(&w, 1));
    add_sub(&mut a, g, sub(1000, "Öka läsförståelsen"));
    add_sub(&mut a, g, sub(1001, "Fler behöriga lärare"));
    add_sub(&mut b, g, sub(2000, "Minska frånvaron"));
    add_ind(&mut b, g, Indicator { id: id(2100), ..Indicator::new("Andel behöriga") });
    let mut o = run(&w, &[("a", &a), ("b", &b)]);
    let fresh = o.clone();

    let u1 = apply(&mut o, &Op::Accept(id(1000))).expect("accept");
    let u2 = apply(&mut o, &Op::Drop(id(2000))).expect("drop");
    let u3 = apply(&mut o, &Op::Edit(id(1001), Some("Fler behöriga lärare i alla skolor".into()))).expect("edit");
    let u4 = apply(&mut o, &Op::Move { item: id(2000), to: 0 }).expect("move");
    let texts: Vec<&str> = o.goals[0].subgoals().iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, vec!["Minska frånvaron", "Öka läsförståelsen", "Fler behöriga lärare i alla skolor"]);
    assert_eq!(o.find_item(id(2000)).map(|i| i.status), Some(Status::Dropped));
    assert_eq!(
        apply(&mut o, &Op::Combine { items: vec![id(1000), id(2100)], text: None }),
        Err(ReviewError::NotSameSection)
    );

    // Group 1 edits an item after the decision; group 2 is re-read unchanged.
    if let Some(Answer::List(items)) = a.answers_mut(g).answers.get_mut(keys::SUBGOALS) {
        items[0].text = "Öka läsförståelsen i åk 1–3".into();
    }
    let again = merge(&w, &[Input::Group { source: "b", file: &b }, Input::Group { source: "a", file: &a }], Some(&o))
        .expect("merge");
    let changed = again.find_item(id(1000)).expect("item");
    assert_eq!(changed.status, Status::Accepted);
    assert!(changed.flags.changed_after_decision);
    assert_eq!(changed.text, "Öka läsförståelsen i åk 1–3");
    assert!(!again.find_item(id(1001)).expect("edited").flags.changed_after_decision);
    assert_eq!(again.find_item(id(2000)).map(|i| i.status), Some(Status::Dropped));
    let texts: Vec<&str> = again.goals[0].subgoals().iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, vec!["Minska frånvaron", "Öka läsförståelsen i åk 1–3", "Fler behöriga lärare i alla skolor"]);

    for u in [u4, u3, u2, u1] {
        undo(&mut o, &u);
    }
    assert_eq!(o, fresh, "undo in reverse order restores the fresh outline");
}

#[test]
fn combine_keeps_every_member_and_its_provenance() {
    let w = workshop(1, 2);
    let g = w.goals[0].id;
    let (mut a, mut b) = (file(&w, 0), file(&w, 1));
    add_sub(&mut a, g, sub(1000, "Öka läsförståelsen"));
    add_sub(&mut b, g, sub(2000, "Bättre läsning i lågstadiet"));
    add_sub(&mut b, g, sub(2001, "Minska frånvaron"));
    let mut o = run(&w, &[("a", &a), ("b", &b)]);
    let u = apply(&mut o, &Op::Combine { items: vec![id(2000), id(1000)], text: Some("Alla barn läser".into()) })
        .expect("combine");
    assert_eq!(o.goals[0].subgoals().len(), 2);
    let item = o.find_item(id(2000)).expect("combined");
    assert_eq!(item.text, "Alla barn läser");
    assert!(item.flags.combined);
    assert_eq!(item.members.iter().map(|m| m.id).collect::<Vec<_>>(), vec![id(1000), id(2000)]);
    assert_eq!(item.groups, vec![id(200), id(201)]);
    // Still combined after a re-merge.
    let again = merge(&w, &[Input::Group { source: "a", file: &a }, Input::Group { source: "b", file: &b }], Some(&o))
        .expect("merge");
    assert_eq!(again, o);
    assert_eq!(apply(&mut o, &Op::Combine { items: vec![id(1000)], text: None }), Err(ReviewError::TooFewItems));
    assert_eq!(apply(&mut o, &Op::Accept(id(4242))), Err(ReviewError::NoSuchItem(id(4242))));
    undo(&mut o, &u);
    assert_eq!(o.goals[0].subgoals().len(), 3);
}

#[test]
fn similarity_counts_characters_not_bytes() {
    use super::near::similarity;
    assert_eq!(similarity("åäö", "åäö"), 1.0);
    assert_eq!(similarity("ab", "cd"), 0.0);
    assert_eq!(similarity("", ""), 1.0);
    assert_eq!(similarity("a", "b"), 0.0);
    // 25 shared bigrams of 26 + 34.
    let s = similarity("öka andelen elever som når målen", "öka andelen elever som når kunskapsmålen");
    assert!((s - 50.0 / 60.0).abs() < 1e-9, "{s}");
    assert!(similarity("bättre skolmat", "öka andelen elever som når målen") < NEAR_DUPLICATE_THRESHOLD);
}

#[test]
fn summary_counts_what_the_outline_holds() {
    let w = workshop(2, 3);
    let g = w.goals[0].id;
    let (mut a, mut b, mut c) = (file(&w, 0), file(&w, 1), file(&w, 2));
    add_sub(&mut a, g, sub(1000, "Minska frånvaron"));
    add_sub(&mut b, g, sub(2000, "minska frånvaron!"));
    add_sub(&mut c, g, sub(3000, "Minska frånvaron."));
    add_sub(&mut c, g, sub(3001, "Minska frånvaron i skolan"));
    set_effect(&mut a, g, "Alla klarar skolan");
    let mut a2 = a.clone();
    set_effect(&mut a2, g, "Alla elever klarar skolan");
    if let Some(Answer::List(items)) = a2.answers_mut(g).answers.get_mut(keys::SUBGOALS) {
        items[0].owner = "BUN".into();
    }
    let mut o = run(&w, &[("grupp-1.ron", &a), ("grupp-1 (1).ron", &a2), ("b", &b), ("c", &c)]);
    let s = summarize(&o);
    assert_eq!((s.goals, s.items, s.folded, s.possible_duplicates), (2, 2, 2, 1));
    assert_eq!(s.conflicts.len(), 2, "{:?}", s.conflicts);
    let files: Vec<&[String]> = s.conflicts.iter().map(|c| c.files.as_slice()).collect();
    assert!(files.contains(&&["grupp-1 (1).ron".to_string(), "grupp-1.ron".to_string()][..]), "{files:?}");
    // The effect's conflict names the files too (issue #14: it named only the group).
    assert!(files.iter().all(|f| f.len() == 2), "{files:?}");
    let effects = o.goals[0].effects();
    assert_eq!(effects[0].files.len(), 2, "each version with its file");
    // Accepting does not settle differing copies (issue #14: it kept
    // whichever version the line showed); choosing one after seeing both does.
    apply(&mut o, &Op::Accept(id(1000))).expect("accept");
    let s = summarize(&o);
    assert_eq!((s.conflicts.len(), s.accepted), (2, 1));
    apply(&mut o, &Op::Choose { item: id(1000), choice: review::ChooseVersion::Nth(1) }).expect("choose");
    let s = summarize(&o);
    assert_eq!((s.conflicts.len(), s.accepted), (1, 1));
    let item = o.find_item(id(1000)).expect("item");
    let aside = &item.versions().next().expect("first").content;
    assert_eq!(item.flags.set_aside, vec![fingerprint(aside)]);
    assert!(o.goals[0].variants(item).iter().all(|v| !std::ptr::eq(v.content, aside)), "set aside, not shown");
}

/// Fingerprints are stored in outlines (`Decision::seen`), so their bytes
/// must never change. These values were computed by an independent script
/// (FNV-1a 64 over the documented layout), not by this code.
#[test]
fn fingerprints_are_stable() {
    use crate::domain::model::Frequency;
    let mut ind = Indicator::new("N");
    ind.id = id(1);
    ind.frequency = Some(Frequency::Year);
    assert_eq!(fingerprint(&Content::Indicator(Box::new(ind.clone()))), "78d2496d621bbef2");
    ind.frequency = Some(Frequency::Other("Varannan vecka".into()));
    assert_eq!(fingerprint(&Content::Indicator(Box::new(ind))), "7d0b73ec45e7c3e8");
}
