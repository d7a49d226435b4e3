//! Counts for the summary that `malverkstad merge` prints (and screens show).

use std::collections::BTreeSet;

use crate::domain::outline::{Outline, SectionBody, Status};

/// What a merged outline holds, in numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub goals: usize,
    /// Outline items (sub-goals, indicators, other list items) after folding.
    pub items: usize,
    /// Input items folded into an item with equal text from elsewhere.
    pub folded: usize,
    /// Pairs of items flagged "möjlig dubblett".
    pub possible_duplicates: usize,
    /// Unresolved conflicts: items, free texts and verdicts with differing copies.
    pub conflicts: Vec<ConflictNote>,
    pub changed_after_decision: usize,
    pub accepted: usize,
    pub dropped: usize,
}

/// Where a conflict is, for a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictNote {
    /// The goal's label.
    pub goal: String,
    /// The item's text, or the group's name for a free text or verdict.
    pub what: String,
    /// The files the differing versions came from.
    pub files: Vec<String>,
}

pub fn summarize(o: &Outline) -> Summary {
    let mut s = Summary { goals: o.goals.len(), ..Summary::default() };
    for goal in &o.goals {
        for section in &goal.sections {
            match &section.body {
                SectionBody::Text(entries) => {
                    for e in entries.iter().filter(|e| e.conflict) {
                        let what = o.group_name(e.group).to_string();
                        let files = e.files.iter().flatten().cloned().collect::<BTreeSet<_>>().into_iter().collect();
                        s.conflicts.push(ConflictNote { goal: goal.label.clone(), what, files });
                    }
                }
                SectionBody::Verdicts(v) => {
                    for e in v.groups.iter().filter(|e| e.conflict) {
                        let what = o.group_name(e.group).to_string();
                        let files = e.files.iter().flatten().cloned().collect::<BTreeSet<_>>().into_iter().collect();
                        s.conflicts.push(ConflictNote { goal: goal.label.clone(), what, files });
                    }
                }
                SectionBody::List(items) | SectionBody::Indicators(items) => {
                    for item in items {
                        s.items += 1;
                        if item.flags.folded {
                            s.folded += item.members.len() - 1;
                        }
                        s.possible_duplicates += item.flags.possible_duplicates.len();
                        s.changed_after_decision += usize::from(item.flags.changed_after_decision);
                        s.accepted += usize::from(item.status == Status::Accepted);
                        s.dropped += usize::from(item.status == Status::Dropped);
                        if item.flags.conflict {
                            let files: BTreeSet<String> = item
                                .members
                                .iter()
                                .filter(|m| m.versions.len() > 1)
                                .flat_map(|m| m.versions.iter().flat_map(|v| v.files.iter().cloned()))
                                .collect();
                            s.conflicts.push(ConflictNote {
                                goal: goal.label.clone(),
                                what: item.text.clone(),
                                files: files.into_iter().collect(),
                            });
                        }
                    }
                }
            }
        }
    }
    // Each pair was counted from both ends.
    s.possible_duplicates /= 2;
    s
}
