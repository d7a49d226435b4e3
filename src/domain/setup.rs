//! Preparing a workshop: the operations behind the "Ny workshop" screens, so
//! the screens only collect input. Pure: works on a [`Workshop`] in memory.
//!
//! Goals and groups keep their ids through every edit, so answers already
//! given stay attached. Removing a goal also takes it off every group;
//! [`goal_answer_count`] tells the UI whether to ask first. A group's file
//! name (slug) is fixed at creation: renaming never moves a file.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::{assign, model::new_id, slug, text::normalize, Goal, Group, GroupFile, Workshop};
use crate::i18n::{facil::T, Lang};
use crate::tr;

/// The most groups a workshop can have.
pub const MAX_GROUPS: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error("the workshop needs a title")]
    EmptyTitle,
    #[error("the workshop needs at least one goal")]
    NoGoals,
    #[error("a goal needs a wording")]
    EmptyWording,
    #[error("bad group count or names")]
    BadGroups,
    #[error("group name {0} appears twice")]
    DuplicateGroupName(String),
    #[error("unknown goal or group")]
    NotFound,
}

impl SetupError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SetupError::EmptyTitle => tr!(lang, T::SetupEmptyTitle),
            SetupError::NoGoals => tr!(lang, T::SetupNoGoals),
            SetupError::EmptyWording => tr!(lang, T::SetupEmptyWording),
            SetupError::BadGroups => tr!(lang, T::SetupBadGroups, max = MAX_GROUPS),
            SetupError::DuplicateGroupName(name) => tr!(lang, T::SetupDuplicateGroup, name = name),
            SetupError::NotFound => tr!(lang, T::SetupNotFound),
        }
    }
}

/// What the "Ny workshop" form collects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub organisation: String,
    pub plan: String,
    pub date: Option<NaiveDate>,
    pub goals: Vec<Goal>,
    pub group_names: Vec<String>,
}

/// A workshop from a draft, its goals assigned by `strategy`. Refuses an empty
/// title, no goals, an empty wording and bad or duplicate group names.
pub fn build(draft: Draft, strategy: assign::Strategy, lang: Lang) -> Result<Workshop, SetupError> {
    let title = normalize(draft.title.trim());
    if title.is_empty() {
        return Err(SetupError::EmptyTitle);
    }
    if draft.goals.is_empty() {
        return Err(SetupError::NoGoals);
    }
    if draft.goals.iter().any(|g| g.wording.trim().is_empty()) {
        return Err(SetupError::EmptyWording);
    }
    let mut w = Workshop::new(title);
    w.organisation = normalize(draft.organisation.trim());
    w.plan = normalize(draft.plan.trim());
    w.date = draft.date;
    w.language = lang;
    w.goals = draft.goals;
    w.groups = make_groups(&check_group_names(&draft.group_names)?);
    assign::apply(&mut w, strategy);
    Ok(w)
}

/// Default names "Grupp 1" … "Grupp n".
pub fn default_group_names(n: usize, lang: Lang) -> Result<Vec<String>, SetupError> {
    if !(1..=MAX_GROUPS).contains(&n) {
        return Err(SetupError::BadGroups);
    }
    Ok((1..=n).map(|i| tr!(lang, T::GroupName, n = i)).collect())
}

/// Names trimmed and normalised; empty ones dropped; refused when there are
/// none, more than [`MAX_GROUPS`], or one appears twice (case-insensitive).
pub fn check_group_names(names: &[String]) -> Result<Vec<String>, SetupError> {
    let names: Vec<String> = names.iter().map(|s| normalize(s.trim())).filter(|s| !s.is_empty()).collect();
    if names.is_empty() || names.len() > MAX_GROUPS {
        return Err(SetupError::BadGroups);
    }
    for (i, name) in names.iter().enumerate() {
        if names[..i].iter().any(|n| n.to_lowercase() == name.to_lowercase()) {
            return Err(SetupError::DuplicateGroupName(name.clone()));
        }
    }
    Ok(names)
}

/// Groups with unique slugs for the given names.
pub fn make_groups(names: &[String]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for name in names {
        let slug = slug::unique_slug(name, "grupp", groups.iter().map(|g| g.slug.as_str()));
        groups.push(Group { id: new_id(), name: name.clone(), slug, goals: Vec::new() });
    }
    groups
}

/// Add a group with no goals; its slug is unique in the workshop.
pub fn add_group(w: &mut Workshop, name: &str) -> Result<Uuid, SetupError> {
    let name = normalize(name.trim());
    if name.is_empty() || w.groups.len() >= MAX_GROUPS {
        return Err(SetupError::BadGroups);
    }
    if w.groups.iter().any(|g| g.name.to_lowercase() == name.to_lowercase()) {
        return Err(SetupError::DuplicateGroupName(name));
    }
    let slug = slug::unique_slug(&name, "grupp", w.groups.iter().map(|g| g.slug.as_str()));
    let id = new_id();
    w.groups.push(Group { id, name, slug, goals: Vec::new() });
    Ok(id)
}

/// Rename a group; its slug (file name) stays.
pub fn rename_group(w: &mut Workshop, group: Uuid, name: &str) -> Result<(), SetupError> {
    let name = normalize(name.trim());
    if name.is_empty() {
        return Err(SetupError::BadGroups);
    }
    if w.groups.iter().any(|g| g.id != group && g.name.to_lowercase() == name.to_lowercase()) {
        return Err(SetupError::DuplicateGroupName(name));
    }
    let g = w.groups.iter_mut().find(|g| g.id == group).ok_or(SetupError::NotFound)?;
    g.name = name;
    Ok(())
}

/// Remove a group from the workshop (its file, if any, is left on disk).
pub fn remove_group(w: &mut Workshop, group: Uuid) -> Result<Group, SetupError> {
    let i = w.groups.iter().position(|g| g.id == group).ok_or(SetupError::NotFound)?;
    Ok(w.groups.remove(i))
}

/// Which field of a goal to change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalField {
    Code,
    Wording,
    Perspective,
    Owner,
}

/// Change one field of a goal. An empty code, perspective or owner becomes
/// `None`; an empty wording is refused.
pub fn set_goal_field(w: &mut Workshop, goal: Uuid, field: GoalField, value: &str) -> Result<(), SetupError> {
    let value = normalize(value.trim());
    let g = w.goals.iter_mut().find(|g| g.id == goal).ok_or(SetupError::NotFound)?;
    let optional = (!value.is_empty()).then(|| value.clone());
    match field {
        GoalField::Wording if value.is_empty() => return Err(SetupError::EmptyWording),
        GoalField::Wording => g.wording = value,
        GoalField::Code => g.code = optional,
        GoalField::Perspective => g.perspective = optional,
        GoalField::Owner => g.owner = optional,
    }
    Ok(())
}

/// Add a goal at the end (no group has it yet).
pub fn add_goal(w: &mut Workshop, code: Option<&str>, wording: &str) -> Result<Uuid, SetupError> {
    let wording = normalize(wording.trim());
    if wording.is_empty() {
        return Err(SetupError::EmptyWording);
    }
    let code = code.map(|c| normalize(c.trim())).filter(|c| !c.is_empty());
    let goal = Goal::new(code, wording);
    let id = goal.id;
    w.goals.push(goal);
    Ok(id)
}

/// Move a goal to position `to` (clamped to the list). Groups' goal lists
/// follow the workshop's goal order.
pub fn move_goal(w: &mut Workshop, goal: Uuid, to: usize) -> Result<(), SetupError> {
    let from = w.goals.iter().position(|g| g.id == goal).ok_or(SetupError::NotFound)?;
    let g = w.goals.remove(from);
    w.goals.insert(to.min(w.goals.len()), g);
    let order: Vec<Uuid> = w.goals.iter().map(|g| g.id).collect();
    for group in &mut w.groups {
        group.goals.sort_by_key(|id| order.iter().position(|o| o == id).unwrap_or(usize::MAX));
    }
    Ok(())
}

/// How many groups have written something for this goal: ask before removing.
pub fn goal_answer_count(files: &[GroupFile], goal: Uuid) -> usize {
    files.iter().filter(|f| f.answers(goal).is_some_and(|a| !a.is_empty())).count()
}

/// Remove a goal and take it off every group. The answers stay in the group
/// files (`malverkstad check` reports them).
pub fn remove_goal(w: &mut Workshop, goal: Uuid) -> Result<Goal, SetupError> {
    let i = w.goals.iter().position(|g| g.id == goal).ok_or(SetupError::NotFound)?;
    for group in &mut w.groups {
        group.goals.retain(|id| *id != goal);
    }
    Ok(w.goals.remove(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{validate, Answer};

    fn draft() -> Draft {
        Draft {
            title: "  Målstyrningsdag  ".into(),
            goals: vec![Goal::new(Some("1".into()), "Ett"), Goal::new(Some("2".into()), "Två")],
            group_names: vec!["Röd".into(), " ".into(), "Blå".into()],
            ..Draft::default()
        }
    }

    #[test]
    fn build_makes_a_valid_workshop() {
        let w = build(draft(), assign::Strategy::EvenlyInOrder, Lang::Sv).unwrap();
        assert_eq!(w.title, "Målstyrningsdag");
        let names: Vec<(&str, &str)> = w.groups.iter().map(|g| (g.name.as_str(), g.slug.as_str())).collect();
        assert_eq!(names, vec![("Röd", "rod"), ("Blå", "bla")]);
        assert_eq!(w.groups[0].goals, vec![w.goals[0].id]);
        let errors: Vec<_> = validate::check_workshop(&w).into_iter().filter(|f| !f.is_warning()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn build_refuses_bad_drafts() {
        let strategy = assign::Strategy::EvenlyInOrder;
        assert_eq!(build(Draft { title: " ".into(), ..draft() }, strategy, Lang::Sv), Err(SetupError::EmptyTitle));
        assert_eq!(build(Draft { goals: vec![], ..draft() }, strategy, Lang::Sv), Err(SetupError::NoGoals));
        let dup = Draft { group_names: vec!["A".into(), "a".into()], ..draft() };
        assert_eq!(build(dup, strategy, Lang::Sv), Err(SetupError::DuplicateGroupName("a".into())));
        assert_eq!(default_group_names(0, Lang::Sv), Err(SetupError::BadGroups));
        assert_eq!(default_group_names(2, Lang::En).unwrap(), vec!["Group 1", "Group 2"]);
    }

    #[test]
    fn groups_rename_keeps_slug() {
        let mut w = build(draft(), assign::Strategy::EvenlyInOrder, Lang::Sv).unwrap();
        let id = add_group(&mut w, "Röd!").unwrap();
        assert_eq!(w.group(id).unwrap().slug, "rod-2");
        assert_eq!(add_group(&mut w, "röd"), Err(SetupError::DuplicateGroupName("röd".into())));
        rename_group(&mut w, id, "Grön").unwrap();
        assert_eq!((w.group(id).unwrap().name.as_str(), w.group(id).unwrap().slug.as_str()), ("Grön", "rod-2"));
        assert_eq!(rename_group(&mut w, id, "Blå"), Err(SetupError::DuplicateGroupName("Blå".into())));
        remove_group(&mut w, id).unwrap();
        assert_eq!(w.groups.len(), 2);
    }

    #[test]
    fn goal_edits_move_and_remove() {
        let mut w = build(draft(), assign::Strategy::EveryGroupEveryGoal, Lang::Sv).unwrap();
        let (one, two) = (w.goals[0].id, w.goals[1].id);
        set_goal_field(&mut w, one, GoalField::Perspective, " Medborgare ").unwrap();
        set_goal_field(&mut w, one, GoalField::Code, "").unwrap();
        assert_eq!(set_goal_field(&mut w, one, GoalField::Wording, " "), Err(SetupError::EmptyWording));
        assert_eq!((w.goals[0].perspective.as_deref(), w.goals[0].code.as_deref()), (Some("Medborgare"), None));
        move_goal(&mut w, two, 0).unwrap();
        assert_eq!(w.groups[0].goals, vec![two, one], "groups follow the goal order");
        let three = add_goal(&mut w, Some(" 3 "), "Tre").unwrap();
        assert_eq!(w.goal(three).unwrap().label(), "3 Tre");

        let mut file = GroupFile::new(&w, &w.groups[1]);
        file.answers_mut(one).answers.insert("effekt".into(), Answer::Text("x".into()));
        assert_eq!(goal_answer_count(&[file], one), 1);
        remove_goal(&mut w, one).unwrap();
        assert!(w.groups.iter().all(|g| !g.goals.contains(&one)));
        assert_eq!(remove_goal(&mut w, one), Err(SetupError::NotFound));
    }
}
