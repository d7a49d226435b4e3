//! The review's tree as rows: goals, sections, items and the versions of
//! items whose copies differ, under a filter.

use uuid::Uuid;

use super::screen::Filter;
use crate::domain::outline::{Outline, OutlineItem, SectionBody};

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
/// (and, for conflicts, conflicting texts and verdicts) under their goal
/// and section headings.
pub fn rows(outline: &Outline, filter: Filter) -> Vec<Row> {
    let mut out = Vec::new();
    for (g, goal) in outline.goals.iter().enumerate() {
        let mut goal_rows = Vec::new();
        for (s, section) in goal.sections.iter().enumerate() {
            let mut body = Vec::new();
            match &section.body {
                SectionBody::Text(entries) => {
                    for (e, entry) in entries.iter().enumerate() {
                        if filter == Filter::All || (filter == Filter::Conflicts && entry.conflict) {
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
                        if filter == Filter::All || (filter == Filter::Conflicts && entry.conflict) {
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

/// The index in `rows` of the selected item, if shown.
pub fn selected_row(outline: &Outline, rows: &[Row], selected: Option<Uuid>) -> Option<usize> {
    let id = selected?;
    rows.iter().position(|r| item_at(outline, *r).is_some_and(|it| is_item(it, id)))
}
