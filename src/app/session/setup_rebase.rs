//! Saving the setup editor as a read-modify-write: what the editor changed
//! since it opened (`base` → `ours`) is applied onto workshop.ron as it is
//! on disk right before the write (`theirs`), matched by stable ids (goal
//! and group ids, question keys). Whatever was added or changed elsewhere
//! meanwhile (`import-goals`, another terminal, the timer) is kept. Where
//! both changed the same thing, the editor's value wins and the thing is
//! named in the returned conflicts, so the facilitator is told.

use std::collections::HashSet;
use std::hash::Hash;

use uuid::Uuid;

use crate::domain::{Goal, Group, Question, Workshop};

/// A thing both the editor and someone else changed (the editor's value was kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    Title,
    Organisation,
    Plan,
    Date,
    Language,
    Timebox,
    /// A goal, by its label.
    Goal(String),
    /// A group, by its name.
    Group(String),
    /// A question, by its key.
    Question(String),
}

/// `ours` (the editor's workshop) rebased from `base` onto `theirs`.
pub fn rebase(base: &Workshop, ours: &Workshop, theirs: &Workshop) -> (Workshop, Vec<Conflict>) {
    let mut out = theirs.clone();
    let mut conflicts = Vec::new();
    scalar(&base.title, &ours.title, &mut out.title, Conflict::Title, &mut conflicts);
    scalar(&base.organisation, &ours.organisation, &mut out.organisation, Conflict::Organisation, &mut conflicts);
    scalar(&base.plan, &ours.plan, &mut out.plan, Conflict::Plan, &mut conflicts);
    scalar(&base.date, &ours.date, &mut out.date, Conflict::Date, &mut conflicts);
    scalar(&base.language, &ours.language, &mut out.language, Conflict::Language, &mut conflicts);
    scalar(&base.timebox_minutes, &ours.timebox_minutes, &mut out.timebox_minutes, Conflict::Timebox, &mut conflicts);
    // The timer is never the editor's: theirs stays as it is.

    out.goals = list(
        &base.goals,
        &ours.goals,
        &theirs.goals,
        |g: &Goal| g.id,
        |a, b| a == b,
        |g| conflicts.push(Conflict::Goal(g.label())),
    );
    out.questions = list(
        &base.questions,
        &ours.questions,
        &theirs.questions,
        |q: &Question| q.key.clone(),
        |a, b| a == b,
        |q| conflicts.push(Conflict::Question(q.key.clone())),
    );
    // Groups: the name three-way, the assigned goals as a list of their own,
    // so that a goal assigned elsewhere and one assigned here both stay.
    let mut group_conflicts = Vec::new();
    let mut groups = list(
        &base.groups,
        &ours.groups,
        &theirs.groups,
        |g: &Group| g.id,
        same_group_name,
        |g| group_conflicts.push(g.name.clone()),
    );
    for g in &mut groups {
        let (Some(b), Some(o), Some(t)) =
            (find(&base.groups, g.id), find(&ours.groups, g.id), find(&theirs.groups, g.id))
        else {
            continue;
        };
        g.goals = list(&b.goals, &o.goals, &t.goals, |id: &Uuid| *id, |a, b| a == b, |_| {});
    }
    // A goal gone from the workshop is gone from every group.
    let goals: HashSet<Uuid> = out.goals.iter().map(|g| g.id).collect();
    for g in &mut groups {
        g.goals.retain(|id| goals.contains(id));
        let mut seen = HashSet::new();
        g.goals.retain(|id| seen.insert(*id));
    }
    out.groups = groups;
    conflicts.extend(group_conflicts.into_iter().map(Conflict::Group));
    (out, conflicts)
}

fn find(groups: &[Group], id: Uuid) -> Option<&Group> {
    groups.iter().find(|g| g.id == id)
}

/// Groups compare by name here; their goals are merged on their own.
fn same_group_name(a: &Group, b: &Group) -> bool {
    a.name == b.name
}

/// A field three-way: the editor's change wins; a change made elsewhere
/// stays when the editor left the field alone.
fn scalar<T: PartialEq + Clone>(base: &T, ours: &T, out: &mut T, which: Conflict, conflicts: &mut Vec<Conflict>) {
    if ours == base {
        return;
    }
    if *out != *base && *out != *ours {
        conflicts.push(which);
    }
    *out = ours.clone();
}

/// A list of items with stable keys three-way. The result follows the
/// editor's order; items added elsewhere go after the item they follow there
/// (or first); items the editor left alone take the other side's change or
/// removal; items the editor changed keep the editor's version (a conflict
/// when the other side changed or removed them too); items the editor
/// removed stay removed (a conflict when the other side changed them).
fn list<T: Clone, K: Eq + Hash + Clone>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    same: impl Fn(&T, &T) -> bool,
    mut conflict: impl FnMut(&T),
) -> Vec<T> {
    let get = |items: &[T], k: &K| items.iter().find(|i| key(i) == *k).cloned();
    let mut out: Vec<T> = Vec::new();
    for o in ours {
        let k = key(o);
        match (get(base, &k), get(theirs, &k)) {
            // Added here.
            (None, _) => out.push(o.clone()),
            (Some(b), t) => {
                let ours_changed = !same(o, &b);
                match t {
                    Some(t) if !ours_changed => out.push(t),
                    Some(t) => {
                        if !same(&t, &b) && !same(&t, o) {
                            conflict(o);
                        }
                        out.push(o.clone());
                    }
                    // Removed elsewhere: gone, unless the editor changed it.
                    None if ours_changed => {
                        conflict(o);
                        out.push(o.clone());
                    }
                    None => {}
                }
            }
        }
    }
    // Removed here: a conflict when it was changed elsewhere.
    for b in base {
        let k = key(b);
        if get(ours, &k).is_none() {
            if let Some(t) = get(theirs, &k) {
                if !same(&t, b) {
                    conflict(&t);
                }
            }
        }
    }
    // Added elsewhere: after the item it follows there.
    let mut after: Option<K> = None;
    for t in theirs {
        let k = key(t);
        let new_there = get(base, &k).is_none() && get(ours, &k).is_none();
        if new_there {
            let at = after.as_ref().and_then(|a| out.iter().position(|i| key(i) == *a)).map(|p| p + 1).unwrap_or(0);
            out.insert(at, t.clone());
        }
        if out.iter().any(|i| key(i) == k) {
            after = Some(k);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::setup::make_groups;

    fn base() -> Workshop {
        let mut w = Workshop::new("Dag");
        w.goals = vec![Goal::new(Some("1".into()), "Ett"), Goal::new(Some("2".into()), "Två")];
        w.groups = make_groups(&["A".into(), "B".into()]);
        w.groups[0].goals = vec![w.goals[0].id];
        w.groups[1].goals = vec![w.goals[1].id];
        w
    }

    #[test]
    fn a_goal_added_elsewhere_survives_a_detail_changed_here() {
        let b = base();
        let mut ours = b.clone();
        ours.organisation = "Exempelby".into();
        let mut theirs = b.clone();
        let new = Goal::new(Some("3".into()), "Tre");
        theirs.goals.push(new.clone());
        theirs.groups[1].goals.push(new.id);
        let (out, conflicts) = rebase(&b, &ours, &theirs);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(out.organisation, "Exempelby");
        assert_eq!(out.goals.len(), 3);
        assert_eq!(out.goals[2], new);
        assert_eq!(out.groups[1].goals, vec![b.goals[1].id, new.id]);
    }

    #[test]
    fn both_sides_add_goals_and_assign_them() {
        let b = base();
        let mut ours = b.clone();
        let mine = Goal::new(Some("4".into()), "Fyra");
        ours.goals.push(mine.clone());
        ours.groups[0].goals.push(mine.id);
        let mut theirs = b.clone();
        let other = Goal::new(Some("3".into()), "Tre");
        theirs.goals.push(other.clone());
        theirs.groups[0].goals.push(other.id);
        let (out, conflicts) = rebase(&b, &ours, &theirs);
        assert!(conflicts.is_empty());
        let ids: Vec<Uuid> = out.goals.iter().map(|g| g.id).collect();
        assert_eq!(ids, vec![b.goals[0].id, b.goals[1].id, other.id, mine.id]);
        assert_eq!(out.groups[0].goals, vec![b.goals[0].id, other.id, mine.id]);
    }

    #[test]
    fn the_same_field_changed_on_both_sides_is_ours_and_named() {
        let b = base();
        let mut ours = b.clone();
        ours.title = "Vår".into();
        ours.goals[0].wording = "Ett (här)".into();
        let mut theirs = b.clone();
        theirs.title = "Deras".into();
        theirs.goals[0].wording = "Ett (där)".into();
        theirs.goals[1].wording = "Två (där)".into();
        theirs.plan = "Plan".into();
        let (out, conflicts) = rebase(&b, &ours, &theirs);
        assert_eq!(out.title, "Vår");
        assert_eq!(out.goals[0].wording, "Ett (här)");
        assert_eq!(out.goals[1].wording, "Två (där)", "their change where ours made none");
        assert_eq!(out.plan, "Plan");
        assert_eq!(conflicts, vec![Conflict::Title, Conflict::Goal("1 Ett (här)".into())]);
    }

    #[test]
    fn removals_on_either_side_hold() {
        let b = base();
        let mut ours = b.clone();
        crate::domain::setup::remove_goal(&mut ours, b.goals[0].id).unwrap();
        let mut theirs = b.clone();
        crate::domain::setup::remove_goal(&mut theirs, b.goals[1].id).unwrap();
        theirs.timer = None;
        let (out, conflicts) = rebase(&b, &ours, &theirs);
        assert!(conflicts.is_empty());
        assert!(out.goals.is_empty());
        assert!(out.groups.iter().all(|g| g.goals.is_empty()));
    }
}
