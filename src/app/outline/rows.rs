//! The review's tree as rows: goals, sections, items and the versions of
//! items whose copies differ, under a filter.

use uuid::Uuid;

use super::screen::Filter;
use crate::domain::outline::{GroupText, GroupVerdict, Outline, OutlineItem, SectionBody, Status};

/// One line of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// Goal index.
    Goal(usize),
    /// (goal, section): the section's heading.
    Section(usize, usize),
    /// (goal, section, entry): one group's free text.
    Text(usize, usize, usize),
    /// (goal, section, item).
    Item(usize, usize, usize),
    /// (goal, section, item, version): one version of a conflicting item,
    /// with the files it was read from, so the facilitator sees them all.
    Version(usize, usize, usize, usize),
    /// (goal, section): the verdicts' tally.
    Tally(usize, usize),
    /// (goal, section, entry): one group's verdict.
    Verdict(usize, usize, usize),
}

/// The rows of the tree under `filter`. With a filter, only matching items
/// (and, for conflicts, conflicting texts and verdicts; for undecided, the
/// undecided ones) under their goal and section headings.
pub fn rows(outline: &Outline, filter: Filter) -> Vec<Row> {
    let mut out = Vec::new();
    for (g, goal) in outline.goals.iter().enumerate() {
        let mut goal_rows = Vec::new();
        for (s, section) in goal.sections.iter().enumerate() {
            let mut body = Vec::new();
            match &section.body {
                SectionBody::Text(entries) => {
                    for (e, entry) in entries.iter().enumerate() {
                        if entry_shown(filter, entry.conflict, entry.status, entry.changed_after_decision) {
                            body.push(Row::Text(g, s, e));
                        }
                    }
                }
                SectionBody::List(items) | SectionBody::Indicators(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if filter.shows(item) {
                            body.push(Row::Item(g, s, i));
                            // Differing copies: every version in full, with its files.
                            if item.members.iter().any(|m| m.versions.len() > 1) {
                                body.extend((0..item.versions().count()).map(|v| Row::Version(g, s, i, v)));
                            }
                        }
                    }
                }
                SectionBody::Verdicts(v) => {
                    if filter == Filter::All && !v.groups.is_empty() {
                        body.push(Row::Tally(g, s));
                    }
                    for (e, entry) in v.groups.iter().enumerate() {
                        if entry_shown(filter, entry.conflict, entry.status, entry.changed_after_decision) {
                            body.push(Row::Verdict(g, s, e));
                        }
                    }
                }
            }
            if !body.is_empty() {
                goal_rows.push(Row::Section(g, s));
                goal_rows.extend(body);
            }
        }
        if filter == Filter::All || !goal_rows.is_empty() {
            out.push(Row::Goal(g));
            out.extend(goal_rows);
        }
    }
    out
}

/// Whether a group's effect or verdict passes the filter: all, conflicts,
/// and undecided ones (they are decided like items). Never duplicates.
fn entry_shown(filter: Filter, conflict: bool, status: Status, changed: bool) -> bool {
    match filter {
        Filter::All => true,
        Filter::Conflicts => conflict,
        Filter::Duplicates => false,
        Filter::Undecided => status == Status::Open || changed,
    }
}

/// The item a row shows.
pub fn item_at(outline: &Outline, row: Row) -> Option<&OutlineItem> {
    match row {
        Row::Item(g, s, i) => outline.goals.get(g)?.sections.get(s)?.items().get(i),
        _ => None,
    }
}

/// True when `item` is the one named by `id` (any member id).
pub fn is_item(item: &OutlineItem, id: Uuid) -> bool {
    item.members.iter().any(|m| m.id == id)
}

pub use crate::domain::outline::entry_key;

/// The handle a row selects: an item's key, or a group's text or verdict.
pub fn row_key(outline: &Outline, row: Row) -> Option<Uuid> {
    match row {
        Row::Item(..) => item_at(outline, row).map(|it| it.key),
        Row::Text(g, s, e) | Row::Verdict(g, s, e) => {
            let goal = outline.goals.get(g)?;
            let section = goal.sections.get(s)?;
            let group = match &section.body {
                SectionBody::Text(entries) => entries.get(e)?.group,
                SectionBody::Verdicts(v) => v.groups.get(e)?.group,
                _ => return None,
            };
            Some(entry_key(goal.goal, &section.key, group))
        }
        _ => None,
    }
}

/// One group's free text or verdict, found by its [`entry_key`], with the
/// section's key.
#[derive(Clone, Copy, Debug)]
pub enum Entry<'a> {
    Text(&'a str, &'a GroupText),
    Verdict(&'a str, &'a GroupVerdict),
}

/// The group's text or verdict whose [`entry_key`] is `id`.
pub fn entry_at(outline: &Outline, id: Uuid) -> Option<Entry<'_>> {
    for goal in &outline.goals {
        for section in &goal.sections {
            let key = |group| entry_key(goal.goal, &section.key, group);
            match &section.body {
                SectionBody::Text(entries) => {
                    if let Some(e) = entries.iter().find(|e| key(e.group) == id) {
                        return Some(Entry::Text(&section.key, e));
                    }
                }
                SectionBody::Verdicts(v) => {
                    if let Some(e) = v.groups.iter().find(|e| key(e.group) == id) {
                        return Some(Entry::Verdict(&section.key, e));
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// The index in `rows` of the selected item, text or verdict, if shown.
pub fn selected_row(outline: &Outline, rows: &[Row], selected: Option<Uuid>) -> Option<usize> {
    let id = selected?;
    rows.iter().position(|r| match item_at(outline, *r) {
        Some(it) => is_item(it, id),
        None => row_key(outline, *r) == Some(id),
    })
}
