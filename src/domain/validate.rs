//! Reference checks between a workshop and its group files.

use std::collections::BTreeSet;

use crate::domain::model::{GroupFile, Workshop, SCHEMA};
use crate::i18n::{check::T, Lang};
use crate::tr;

/// One problem found by [`check_workshop`] or [`check_group_file`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    NoGoals,
    NoGroups,
    EmptyTitle,
    EmptyWording { goal: usize },
    DuplicateGoalId { goal: usize },
    DuplicateGroupId { group: String },
    DuplicateSlug { slug: String },
    UnsafeSlug { slug: String },
    UnknownGoalInGroup { group: String, goal: String },
    GoalWithoutGroup { goal: String },
    DuplicateQuestionKey { key: String },
    WrongWorkshop,
    UnknownGroup,
    AnswerForUnknownGoal { goal: String },
    AnswerForUnknownQuestion { goal: String, key: String },
    AnswerOfWrongKind { goal: String, key: String },
    DuplicateItemId { id: String },
    UnknownSubGoalLink { indicator: String },
    OldSchema { found: u32 },
}

impl Finding {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Finding::NoGoals => tr!(lang, T::NoGoals),
            Finding::NoGroups => tr!(lang, T::NoGroups),
            Finding::EmptyTitle => tr!(lang, T::EmptyTitle),
            Finding::EmptyWording { goal } => tr!(lang, T::EmptyWording, n = goal + 1),
            Finding::DuplicateGoalId { goal } => tr!(lang, T::DuplicateGoalId, n = goal + 1),
            Finding::DuplicateGroupId { group } => tr!(lang, T::DuplicateGroupId, group = group),
            Finding::DuplicateSlug { slug } => tr!(lang, T::DuplicateSlug, slug = slug),
            Finding::UnsafeSlug { slug } => tr!(lang, T::UnsafeSlug, slug = slug),
            Finding::UnknownGoalInGroup { group, goal } => tr!(lang, T::UnknownGoalInGroup, group = group, goal = goal),
            Finding::GoalWithoutGroup { goal } => tr!(lang, T::GoalWithoutGroup, goal = goal),
            Finding::DuplicateQuestionKey { key } => tr!(lang, T::DuplicateQuestionKey, key = key),
            Finding::WrongWorkshop => tr!(lang, T::WrongWorkshop),
            Finding::UnknownGroup => tr!(lang, T::UnknownGroup),
            Finding::AnswerForUnknownGoal { goal } => tr!(lang, T::AnswerForUnknownGoal, goal = goal),
            Finding::AnswerForUnknownQuestion { goal, key } => {
                tr!(lang, T::AnswerForUnknownQuestion, goal = goal, key = key)
            }
            Finding::AnswerOfWrongKind { goal, key } => tr!(lang, T::AnswerOfWrongKind, goal = goal, key = key),
            Finding::DuplicateItemId { id } => tr!(lang, T::DuplicateItemId, id = id),
            Finding::UnknownSubGoalLink { indicator } => tr!(lang, T::UnknownSubGoalLink, indicator = indicator),
            Finding::OldSchema { found } => tr!(lang, T::OldSchema, found = found, current = SCHEMA),
        }
    }

    /// Warnings do not make a workshop invalid (exit code stays 0). Answers to
    /// a question the facilitator removed are kept on purpose, so they warn.
    pub fn is_warning(&self) -> bool {
        matches!(self, Finding::GoalWithoutGroup { .. } | Finding::NoGroups | Finding::AnswerForUnknownQuestion { .. })
    }
}

/// Check a workshop on its own.
pub fn check_workshop(w: &Workshop) -> Vec<Finding> {
    let mut out = Vec::new();
    if w.title.trim().is_empty() {
        out.push(Finding::EmptyTitle);
    }
    if w.goals.is_empty() {
        out.push(Finding::NoGoals);
    }
    if w.groups.is_empty() {
        out.push(Finding::NoGroups);
    }
    let mut ids = BTreeSet::new();
    for (i, goal) in w.goals.iter().enumerate() {
        if goal.wording.trim().is_empty() {
            out.push(Finding::EmptyWording { goal: i });
        }
        if !ids.insert(goal.id) {
            out.push(Finding::DuplicateGoalId { goal: i });
        }
    }
    let mut keys = BTreeSet::new();
    for q in &w.questions {
        if !keys.insert(q.key.as_str()) {
            out.push(Finding::DuplicateQuestionKey { key: q.key.clone() });
        }
    }
    let mut group_ids = BTreeSet::new();
    let mut slugs = BTreeSet::new();
    let mut assigned = BTreeSet::new();
    for g in &w.groups {
        if !group_ids.insert(g.id) {
            out.push(Finding::DuplicateGroupId { group: g.name.clone() });
        }
        if !crate::domain::slug::is_safe_slug(&g.slug) {
            out.push(Finding::UnsafeSlug { slug: g.slug.clone() });
        }
        if !slugs.insert(g.slug.to_ascii_lowercase()) {
            out.push(Finding::DuplicateSlug { slug: g.slug.clone() });
        }
        for goal in &g.goals {
            if w.goal(*goal).is_none() {
                out.push(Finding::UnknownGoalInGroup { group: g.name.clone(), goal: goal.to_string() });
            }
            assigned.insert(*goal);
        }
    }
    if !w.groups.is_empty() {
        for goal in &w.goals {
            if !assigned.contains(&goal.id) {
                out.push(Finding::GoalWithoutGroup { goal: goal.label() });
            }
        }
    }
    out
}

/// Check a group file against its workshop.
pub fn check_group_file(w: &Workshop, f: &GroupFile) -> Vec<Finding> {
    let mut out = Vec::new();
    if f.schema < SCHEMA {
        out.push(Finding::OldSchema { found: f.schema });
    }
    if f.workshop != w.id {
        out.push(Finding::WrongWorkshop);
    }
    if w.group(f.group).is_none() {
        out.push(Finding::UnknownGroup);
    }
    let mut item_ids = BTreeSet::new();
    for (goal_id, answers) in &f.goals {
        let goal_label = w.goal(*goal_id).map(|g| g.label()).unwrap_or_else(|| goal_id.to_string());
        if w.goal(*goal_id).is_none() {
            out.push(Finding::AnswerForUnknownGoal { goal: goal_id.to_string() });
        }
        let mut subgoal_ids = BTreeSet::new();
        for (key, answer) in &answers.answers {
            match w.question(key) {
                None => out.push(Finding::AnswerForUnknownQuestion { goal: goal_label.clone(), key: key.clone() }),
                Some(q) if q.kind != answer.kind() => {
                    out.push(Finding::AnswerOfWrongKind { goal: goal_label.clone(), key: key.clone() })
                }
                Some(_) => {}
            }
            if let crate::domain::Answer::List(items) = answer {
                for item in items {
                    subgoal_ids.insert(item.id);
                    if !item_ids.insert(item.id) {
                        out.push(Finding::DuplicateItemId { id: item.id.to_string() });
                    }
                }
            }
        }
        for answer in answers.answers.values() {
            if let crate::domain::Answer::Indicators(items) = answer {
                for ind in items {
                    if !item_ids.insert(ind.id) {
                        out.push(Finding::DuplicateItemId { id: ind.id.to_string() });
                    }
                    if let Some(link) = ind.subgoal {
                        if !subgoal_ids.contains(&link) {
                            out.push(Finding::UnknownSubGoalLink { indicator: ind.name.clone() });
                        }
                    }
                }
            }
        }
    }
    out
}
