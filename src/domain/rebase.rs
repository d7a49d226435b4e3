//! Three-way merge of two versions of one group's file that grew from a
//! common base (the version this terminal last read or wrote): `ours` in
//! memory, `theirs` put on disk by someone else (a sync tool, `cp`, a second
//! terminal). Per item by stable id: an answer per goal and question key, a
//! sub-goal or indicator by its id, a verdict as a whole.
//!
//! An item changed on one side only takes that side; an item added on
//! either side is kept; an item changed on both sides to different values
//! is a conflict, decided by [`Prefer`]. An item removed on one side and
//! changed on the other is kept (nothing typed is lost) and counts as a
//! conflict too.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::model::{Answer, GoalAnswers, GroupFile, Indicator, ListItem};

/// Which side a conflicting item takes in the merged file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefer {
    Ours,
    Theirs,
}

/// Where the two sides disagreed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub goal: Uuid,
    pub key: String,
    /// The sub-goal or indicator, when the conflict is about one item of a list.
    pub item: Option<Uuid>,
}

/// The merged file and its conflicts.
#[derive(Clone, Debug, PartialEq)]
pub struct Rebased {
    pub file: GroupFile,
    pub conflicts: Vec<Conflict>,
    /// Items of the base that theirs changed or removed while ours kept
    /// them: the merged file takes theirs, so ours (text the screen showed
    /// as saved) survives only in a copy the caller keeps. Only one terminal
    /// writes a group's file, so such a change is a sync tool's revert or a
    /// hand edit rather than the group's own work.
    pub overridden: Vec<Conflict>,
}

/// What [`pick`] decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Took {
    Agreed,
    /// Theirs changed or removed an item of the base that ours kept.
    TheirsOverBase,
    Conflict,
}

/// Merge `ours` and `theirs`, both grown from `base`. The header (ids,
/// group name) is ours; `saved_at` the later of the two.
pub fn rebase(base: &GroupFile, ours: &GroupFile, theirs: &GroupFile, prefer: Prefer) -> Rebased {
    let mut conflicts = Vec::new();
    let mut overridden = Vec::new();
    let mut file = ours.clone();
    file.saved_at = ours.saved_at.max(theirs.saved_at);
    let empty = GoalAnswers::default();
    let goals: BTreeSet<Uuid> = ours.goals.keys().chain(theirs.goals.keys()).copied().collect();
    file.goals = BTreeMap::new();
    for goal in goals {
        let b = base.goals.get(&goal).unwrap_or(&empty);
        let o = ours.goals.get(&goal).unwrap_or(&empty);
        let t = theirs.goals.get(&goal).unwrap_or(&empty);
        let mut merged = GoalAnswers::default();
        let keys: BTreeSet<&String> = o.answers.keys().chain(t.answers.keys()).collect();
        for key in keys {
            let (b, o, t) = (b.answers.get(key), o.answers.get(key), t.answers.get(key));
            let mut note = |item, took| {
                let c = Conflict { goal, key: key.clone(), item };
                match took {
                    Took::Conflict => conflicts.push(c),
                    Took::TheirsOverBase => overridden.push(c),
                    Took::Agreed => {}
                }
            };
            if let Some(a) = answer(b, o, t, prefer, &mut note) {
                merged.answers.insert(key.clone(), a);
            }
        }
        file.goals.insert(goal, merged);
    }
    Rebased { file, conflicts, overridden }
}

/// One value, three ways. `None` on a side means absent there.
fn pick<'a, V: PartialEq>(
    b: Option<&'a V>,
    o: Option<&'a V>,
    t: Option<&'a V>,
    prefer: Prefer,
) -> (Option<&'a V>, Took) {
    if o == t {
        return (o, Took::Agreed);
    }
    if o == b {
        let took = if b.is_some() { Took::TheirsOverBase } else { Took::Agreed };
        return (t, took);
    }
    if t == b {
        return (o, Took::Agreed);
    }
    // Changed on both sides. Removed on one side and changed on the other:
    // keep the changed one, whatever the preference.
    let chosen = match (o, t) {
        (Some(_), None) => o,
        (None, Some(_)) => t,
        _ if prefer == Prefer::Ours => o,
        _ => t,
    };
    (chosen, Took::Conflict)
}

fn answer(
    b: Option<&Answer>,
    o: Option<&Answer>,
    t: Option<&Answer>,
    prefer: Prefer,
    note: &mut dyn FnMut(Option<Uuid>, Took),
) -> Option<Answer> {
    match (b, o, t) {
        (b, Some(Answer::List(o)), Some(Answer::List(t))) => {
            let b = match b {
                Some(Answer::List(b)) => b.as_slice(),
                _ => &[],
            };
            Some(Answer::List(items(b, o, t, prefer, |i: &ListItem| i.id, note)))
        }
        (b, Some(Answer::Indicators(o)), Some(Answer::Indicators(t))) => {
            let b = match b {
                Some(Answer::Indicators(b)) => b.as_slice(),
                _ => &[],
            };
            Some(Answer::Indicators(items(b, o, t, prefer, |i: &Indicator| i.id, note)))
        }
        _ => {
            let (chosen, took) = pick(b, o, t, prefer);
            note(None, took);
            chosen.cloned()
        }
    }
}

/// A list of items with ids. The order is ours, with items only theirs
/// inserted after the item that precedes them in their list.
fn items<I: Clone + PartialEq>(
    b: &[I],
    o: &[I],
    t: &[I],
    prefer: Prefer,
    id: impl Fn(&I) -> Uuid,
    note: &mut dyn FnMut(Option<Uuid>, Took),
) -> Vec<I> {
    let find = |list: &[I], x: Uuid| list.iter().position(|i| id(i) == x);
    // Order: ours, then each item only in theirs after its predecessor there.
    let mut order: Vec<Uuid> = o.iter().map(&id).collect();
    for (n, item) in t.iter().enumerate() {
        let x = id(item);
        if order.contains(&x) {
            continue;
        }
        let after = t[..n].iter().rev().map(&id).find_map(|p| order.iter().position(|q| *q == p));
        order.insert(after.map_or(0, |p| p + 1), x);
    }
    let mut out = Vec::with_capacity(order.len());
    for x in order {
        let (bi, oi, ti) = (find(b, x).map(|n| &b[n]), find(o, x).map(|n| &o[n]), find(t, x).map(|n| &t[n]));
        let (chosen, took) = pick(bi, oi, ti, prefer);
        note(Some(x), took);
        if let Some(c) = chosen {
            out.push(c.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests;
