//! The facilitator's review as pure operations on an [`Outline`].
//!
//! Every operation only writes [`Decision`]s (under every member id of the
//! items it touches) and then re-derives the outline with [`refresh`]. It
//! returns an [`Undo`] holding the decisions it replaced, so the caller (the
//! TUI's undo stack) can invert it exactly with [`undo`].
//!
//! Items are named by any of their member ids (an original item id), so a
//! handle stays valid across re-merges even when items fold differently.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::build::{entry_versions, fingerprints, refresh};
use crate::domain::outline::{Choice, Decision, Outline, OutlineItem, Status};
use crate::i18n::{merge::T, Lang};
use crate::tr;

/// A review operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    Accept(Uuid),
    /// Kept in the file and listed as dropped.
    Drop(Uuid),
    /// Back to undecided (text edits and position are kept).
    Reopen(Uuid),
    /// Replace the item's text (`None` goes back to the groups' text).
    Edit(Uuid, Option<String>),
    /// Move the item to position `to` in its section (clamped).
    Move {
        item: Uuid,
        to: usize,
    },
    /// Combine two or more items of one section into one, keeping every
    /// member (and so the provenance of all). `text` is the combined item's
    /// text, if the facilitator wrote one.
    Combine {
        items: Vec<Uuid>,
        text: Option<String>,
    },
    /// Settle a conflict: choose one version (by its index in
    /// [`OutlineItem::versions`]) or keep every version.
    Choose {
        item: Uuid,
        choice: ChooseVersion,
    },
}

/// What [`Op::Choose`] chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChooseVersion {
    /// The n-th version (0-based) of the item, as the review lists them.
    Nth(usize),
    Both,
}

/// What an operation replaced: enough to invert it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Undo {
    /// The decision each touched id had before (`None`: it had none).
    pub before: BTreeMap<Uuid, Option<Decision>>,
}

/// Why an operation could not be applied. The outline is then unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ReviewError {
    NoSuchItem(Uuid),
    TooFewItems,
    NotSameSection,
    /// There is no such version to choose.
    NoSuchVersion(usize),
}

impl ReviewError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReviewError::NoSuchItem(id) => tr!(lang, T::NoSuchItem, id = id),
            ReviewError::TooFewItems => tr!(lang, T::TooFewItems),
            ReviewError::NotSameSection => tr!(lang, T::NotSameSection),
            ReviewError::NoSuchVersion(n) => tr!(lang, T::NoSuchVersion, n = n + 1),
        }
    }
}

/// Where an item is: (goal index, section index, item index).
fn locate(outline: &Outline, id: Uuid) -> Result<(usize, usize, usize), ReviewError> {
    for (g, goal) in outline.goals.iter().enumerate() {
        for (s, section) in goal.sections.iter().enumerate() {
            if let Some(i) = section.items().iter().position(|it| it.members.iter().any(|m| m.id == id)) {
                return Ok((g, s, i));
            }
        }
    }
    Err(ReviewError::NoSuchItem(id))
}

fn item_at(outline: &Outline, (g, s, i): (usize, usize, usize)) -> &OutlineItem {
    &outline.goals[g].sections[s].items()[i]
}

/// The decision currently in force for an item, and the next revision number.
fn current(outline: &Outline, item: &OutlineItem) -> (Decision, u32) {
    let ds: Vec<&Decision> = item.members.iter().filter_map(|m| outline.decisions.get(&m.id)).collect();
    let rev = ds.iter().map(|d| d.rev).max().unwrap_or(0) + 1;
    (ds.into_iter().max().cloned().unwrap_or_default(), rev)
}

/// Write `decision` under every id in `ids`, recording what it replaced.
fn write(outline: &mut Outline, ids: impl IntoIterator<Item = Uuid>, decision: &Decision, undo: &mut Undo) {
    for id in ids {
        let old = outline.decisions.insert(id, decision.clone());
        undo.before.entry(id).or_insert(old);
    }
}

/// Apply `op` to `outline`. On error the outline is unchanged.
pub fn apply(outline: &mut Outline, op: &Op) -> Result<Undo, ReviewError> {
    if let Some(undo) = apply_entry(outline, op)? {
        return Ok(undo);
    }
    let mut undo = Undo::default();
    match op {
        Op::Accept(id) | Op::Drop(id) | Op::Reopen(id) | Op::Edit(id, _) => {
            let item = item_at(outline, locate(outline, *id)?).clone();
            let (mut d, rev) = current(outline, &item);
            d.rev = rev;
            d.seen = fingerprints(&item.members);
            match op {
                Op::Accept(_) => d.status = Status::Accepted,
                Op::Drop(_) => d.status = Status::Dropped,
                Op::Reopen(_) => d.status = Status::Open,
                Op::Edit(_, text) => {
                    d.text = text.as_deref().map(crate::domain::text::normalize).filter(|t| !t.trim().is_empty())
                }
                _ => {}
            }
            write(outline, item.members.iter().map(|m| m.id), &d, &mut undo);
        }
        Op::Choose { item, choice } => {
            let item = item_at(outline, locate(outline, *item)?).clone();
            let choice = match choice {
                ChooseVersion::Both => Choice::Both,
                ChooseVersion::Nth(n) => {
                    let v = item.versions().nth(*n).ok_or(ReviewError::NoSuchVersion(*n))?;
                    Choice::Version(super::fingerprint(&v.content))
                }
            };
            let (mut d, rev) = current(outline, &item);
            d.rev = rev;
            d.seen = fingerprints(&item.members);
            d.choice = Some(choice);
            write(outline, item.members.iter().map(|m| m.id), &d, &mut undo);
        }
        Op::Move { item, to } => {
            let (g, s, i) = locate(outline, *item)?;
            let mut items: Vec<OutlineItem> = outline.goals[g].sections[s].items().to_vec();
            let moved = items.remove(i);
            items.insert((*to).min(items.len()), moved);
            for (pos, it) in items.iter().enumerate() {
                let (mut d, rev) = current(outline, it);
                if d == Decision::default() {
                    d.seen = fingerprints(&it.members);
                }
                d.rev = rev;
                d.rank = Some(pos as i64 * 1024);
                write(outline, it.members.iter().map(|m| m.id), &d, &mut undo);
            }
        }
        Op::Combine { items, text } => {
            let mut found: Vec<(usize, usize, usize)> =
                items.iter().map(|id| locate(outline, *id)).collect::<Result<_, _>>()?;
            found.sort();
            found.dedup();
            if found.len() < 2 {
                return Err(ReviewError::TooFewItems);
            }
            if found.iter().any(|f| (f.0, f.1) != (found[0].0, found[0].1)) {
                return Err(ReviewError::NotSameSection);
            }
            let all: Vec<OutlineItem> = found.iter().map(|&f| item_at(outline, f).clone()).collect();
            let members: Vec<_> = all.iter().flat_map(|it| it.members.iter().cloned()).collect();
            let ids: BTreeSet<Uuid> = members.iter().map(|m| m.id).collect();
            let mut decisions: Vec<(Decision, u32)> = all.iter().map(|it| current(outline, it)).collect();
            let rev = decisions.iter().map(|(_, r)| *r).max().unwrap_or(1);
            decisions.sort();
            let first_rank = decisions.iter().filter_map(|(d, _)| d.rank).min();
            let mut d = decisions.pop().map(|(d, _)| d).unwrap_or_default();
            d.rev = rev;
            d.rank = first_rank;
            d.combined.extend(ids.iter().copied());
            d.seen = fingerprints(&members);
            let text = text.as_deref().map(crate::domain::text::normalize).filter(|t| !t.trim().is_empty());
            if text.is_some() {
                d.text = text;
            }
            write(outline, ids, &d, &mut undo);
        }
    }
    refresh(outline);
    Ok(undo)
}

/// Apply `op` when it names a group's free text (effect) or verdict by its
/// [`crate::domain::outline::entry_key`]: the decision is stored under that
/// key. `Ok(None)` when `op` names no entry.
fn apply_entry(outline: &mut Outline, op: &Op) -> Result<Option<Undo>, ReviewError> {
    let id = match op {
        Op::Accept(id) | Op::Drop(id) | Op::Reopen(id) | Op::Edit(id, _) => *id,
        Op::Choose { item, .. } => *item,
        Op::Move { item, .. } => *item,
        Op::Combine { items, .. } => {
            if items.iter().any(|id| entry_versions(outline, *id).is_some()) {
                return Err(ReviewError::NotSameSection);
            }
            return Ok(None);
        }
    };
    let Some(fps) = entry_versions(outline, id) else { return Ok(None) };
    let old = outline.decisions.get(&id).cloned();
    let mut d = old.clone().unwrap_or_default();
    d.rev += 1;
    d.seen = fps.iter().cloned().collect();
    match op {
        Op::Accept(_) => d.status = Status::Accepted,
        Op::Drop(_) => d.status = Status::Dropped,
        Op::Reopen(_) => d.status = Status::Open,
        Op::Edit(_, text) => {
            d.text = text.as_deref().map(crate::domain::text::normalize).filter(|t| !t.trim().is_empty())
        }
        Op::Choose { choice, .. } => {
            d.choice = Some(match choice {
                ChooseVersion::Both => Choice::Both,
                ChooseVersion::Nth(n) => Choice::Version(fps.get(*n).ok_or(ReviewError::NoSuchVersion(*n))?.clone()),
            })
        }
        // Effects and verdicts have no order of their own (group order).
        Op::Move { .. } | Op::Combine { .. } => return Err(ReviewError::NoSuchItem(id)),
    }
    let mut undo = Undo::default();
    write(outline, [id], &d, &mut undo);
    refresh(outline);
    Ok(Some(undo))
}

/// Invert an operation: restore the decisions it replaced.
pub fn undo(outline: &mut Outline, undo: &Undo) {
    for (id, before) in &undo.before {
        match before {
            Some(d) => {
                outline.decisions.insert(*id, d.clone());
            }
            None => {
                outline.decisions.remove(id);
            }
        }
    }
    refresh(outline);
}
