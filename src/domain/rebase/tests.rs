use proptest::prelude::*;

use super::*;
use crate::domain::model::{keys, Verdict, VerdictAnswer, SCHEMA};

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn file() -> GroupFile {
    GroupFile {
        schema: SCHEMA,
        workshop: id(1),
        group: id(2),
        group_name: "Grupp 1".into(),
        saved_at: None,
        goals: BTreeMap::new(),
    }
}

fn text(f: &mut GroupFile, goal: u128, t: &str) {
    f.answers_mut(id(goal)).answers.insert(keys::EFFECT.into(), Answer::Text(t.into()));
}

fn item(n: u128, t: &str) -> ListItem {
    ListItem { id: id(n), text: t.into(), owner: String::new() }
}

fn list(f: &mut GroupFile, goal: u128, items: Vec<ListItem>) {
    f.answers_mut(id(goal)).answers.insert(keys::SUBGOALS.into(), Answer::List(items));
}

#[test]
fn changes_on_different_goals_and_items_are_both_kept() {
    let mut base = file();
    text(&mut base, 10, "bas");
    list(&mut base, 10, vec![item(100, "a"), item(101, "b")]);
    let mut ours = base.clone();
    text(&mut ours, 10, "vår effekt");
    list(&mut ours, 10, vec![item(100, "a ändrad"), item(101, "b"), item(102, "vår nya")]);
    let mut theirs = base.clone();
    text(&mut theirs, 11, "deras mål");
    list(&mut theirs, 10, vec![item(100, "a"), item(103, "deras nya"), item(101, "b ändrad")]);
    let r = rebase(&base, &ours, &theirs, Prefer::Theirs);
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    assert_eq!(r.file.answers(id(10)).unwrap().text(keys::EFFECT), Some("vår effekt"));
    assert_eq!(r.file.answers(id(11)).unwrap().text(keys::EFFECT), Some("deras mål"));
    let texts: Vec<&str> =
        r.file.answers(id(10)).unwrap().list(keys::SUBGOALS).iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["a ändrad", "deras nya", "b ändrad", "vår nya"]);
}

#[test]
fn the_same_item_changed_on_both_sides_is_a_conflict_decided_by_preference() {
    let mut base = file();
    text(&mut base, 10, "bas");
    let mut ours = base.clone();
    text(&mut ours, 10, "vår");
    let mut theirs = base.clone();
    text(&mut theirs, 10, "deras");
    let r = rebase(&base, &ours, &theirs, Prefer::Theirs);
    assert_eq!(r.conflicts, [Conflict { goal: id(10), key: keys::EFFECT.into(), item: None }]);
    assert_eq!(r.file.answers(id(10)).unwrap().text(keys::EFFECT), Some("deras"));
    let r = rebase(&base, &ours, &theirs, Prefer::Ours);
    assert_eq!(r.file.answers(id(10)).unwrap().text(keys::EFFECT), Some("vår"));
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_keeps_the_change() {
    let mut base = file();
    list(&mut base, 10, vec![item(100, "a")]);
    let mut ours = base.clone();
    list(&mut ours, 10, vec![]);
    let mut theirs = base.clone();
    list(&mut theirs, 10, vec![item(100, "a ändrad")]);
    let r = rebase(&base, &ours, &theirs, Prefer::Ours);
    assert_eq!(r.file.answers(id(10)).unwrap().list(keys::SUBGOALS), [item(100, "a ändrad")]);
    assert_eq!(r.conflicts.len(), 1);
    // Removed on one side, untouched on the other: removed.
    let mut theirs = base.clone();
    text(&mut theirs, 11, "annat");
    let r = rebase(&base, &ours, &theirs, Prefer::Theirs);
    assert!(r.file.answers(id(10)).unwrap().list(keys::SUBGOALS).is_empty());
    assert!(r.conflicts.is_empty());
}

#[test]
fn theirs_reverting_a_saved_text_is_reported_so_ours_is_kept_as_a_copy() {
    let mut base = file();
    text(&mut base, 10, "Vår#1 Vår#2");
    list(&mut base, 10, vec![item(100, "a")]);
    let ours = base.clone();
    // A sync tool puts back an older version: the text shorter, the item gone.
    let mut theirs = file();
    text(&mut theirs, 10, "Vår#1");
    let r = rebase(&base, &ours, &theirs, Prefer::Theirs);
    assert!(r.conflicts.is_empty());
    assert_eq!(r.overridden.len(), 2, "{:?}", r.overridden);
    assert_eq!(r.file.answers(id(10)).unwrap().text(keys::EFFECT), Some("Vår#1"));
    // Their additions alone are not reported.
    let mut theirs = base.clone();
    text(&mut theirs, 11, "nytt");
    assert!(rebase(&base, &ours, &theirs, Prefer::Theirs).overridden.is_empty());
}

#[test]
fn verdicts_merge_as_a_whole() {
    let mut base = file();
    let v = |verdict, how: &str| Answer::Verdict(VerdictAnswer { verdict, how: how.into() });
    base.answers_mut(id(10)).answers.insert(keys::MEASURABILITY.into(), v(None, ""));
    let mut ours = base.clone();
    ours.answers_mut(id(10)).answers.insert(keys::MEASURABILITY.into(), v(Some(Verdict::Yes), ""));
    let theirs = base.clone();
    let r = rebase(&base, &ours, &theirs, Prefer::Theirs);
    assert_eq!(r.file.answers(id(10)).unwrap().verdict(keys::MEASURABILITY).unwrap().verdict, Some(Verdict::Yes));
}

/// Small generated versions: texts from a few words, items from a few ids.
fn arb_file() -> impl Strategy<Value = GroupFile> {
    let words = prop::sample::select(vec!["", "ett", "två", "tre", "fyra"]);
    let goal = (prop::option::of(words.clone()), prop::collection::vec((0u128..6, words), 0..4));
    prop::collection::btree_map(0u128..3, goal, 0..3).prop_map(|goals| {
        let mut f = file();
        for (g, (t, items)) in goals {
            if let Some(t) = t {
                text(&mut f, g, t);
            }
            let mut seen = BTreeSet::new();
            let items: Vec<ListItem> =
                items.into_iter().filter(|(n, _)| seen.insert(*n)).map(|(n, t)| item(n, t)).collect();
            list(&mut f, g, items);
        }
        f
    })
}

/// Every (goal, key, item) unit of a file with its value.
fn units(f: &GroupFile) -> BTreeMap<(Uuid, String, Option<Uuid>), String> {
    let mut out = BTreeMap::new();
    for (g, a) in &f.goals {
        for (k, v) in &a.answers {
            match v {
                Answer::List(items) => {
                    for i in items {
                        out.insert((*g, k.clone(), Some(i.id)), format!("{i:?}"));
                    }
                }
                other => {
                    out.insert((*g, k.clone(), None), format!("{other:?}"));
                }
            }
        }
    }
    out
}

proptest! {
    /// Whatever either side changed or added is in the merged file, unless it
    /// is reported as a conflict (then the preferred side's is there, and
    /// the caller keeps the other side's whole file as a copy).
    #[test]
    fn nothing_either_side_typed_is_lost(base in arb_file(), ours in arb_file(), theirs in arb_file(), prefer_theirs: bool) {
        let prefer = if prefer_theirs { Prefer::Theirs } else { Prefer::Ours };
        let r = rebase(&base, &ours, &theirs, prefer);
        let (b, o, t, m) = (units(&base), units(&ours), units(&theirs), units(&r.file));
        let conflicted: BTreeSet<_> =
            r.conflicts.iter().map(|c| (c.goal, c.key.clone(), c.item)).collect();
        for (side, mine, other_prefered) in [(&o, true, prefer == Prefer::Theirs), (&t, false, prefer == Prefer::Ours)] {
            for (unit, value) in side {
                if b.get(unit) == Some(value) {
                    continue; // unchanged from the base
                }
                let kept = m.get(unit) == Some(value);
                let lost_to_conflict = other_prefered && (conflicted.contains(unit) || conflicted.contains(&(unit.0, unit.1.clone(), None)));
                prop_assert!(kept || lost_to_conflict, "{} lost {unit:?} = {value}", if mine { "ours" } else { "theirs" });
            }
        }
        // Whatever ours had that the merged file lacks is reported: the
        // caller then keeps ours whole as a copy.
        let reported: BTreeSet<_> = r.conflicts.iter().chain(&r.overridden).map(|c| (c.goal, c.key.clone(), c.item)).collect();
        for (unit, value) in &o {
            let whole = (unit.0, unit.1.clone(), None);
            prop_assert!(
                m.get(unit) == Some(value) || reported.contains(unit) || reported.contains(&whole),
                "ours {unit:?} = {value} dropped without a word"
            );
        }
        // Same inputs on both sides: nothing to decide.
        let same = rebase(&base, &ours, &ours, prefer);
        prop_assert!(same.conflicts.is_empty());
        prop_assert_eq!(units(&same.file), o);
    }
}
