//! The document of the groups' own files: one group's work (the group's
//! own export, F4) or every group's side by side, without a merge.

use std::borrow::Cow;

use crate::domain::quality::{self, WordLists};
use crate::domain::{GoalAnswers, GroupFile, QuestionKind, Workshop};

use super::doc::*;

impl<'a> Document<'a> {
    /// One group's own work: the goals it was given (and any other goal it
    /// answered), in workshop order, without per-item attribution.
    pub fn from_group_file(w: &'a Workshop, file: &'a GroupFile, words: &WordLists) -> Document<'a> {
        let name = group_name(w, file);
        let mut doc = Document::title_block(w, Source::Group { group: name.to_string() });
        let assigned = w.group(file.group).map(|g| g.goals.clone()).unwrap_or_default();
        doc.groups.push(GroupEntry { name, goals: goal_labels(w, &assigned) });
        for goal in &w.goals {
            let answers = file.answers(goal.id);
            if !assigned.contains(&goal.id) && answers.is_none_or(GoalAnswers::is_empty) {
                continue;
            }
            let mut section = goal_header(goal);
            if let Some(answers) = answers {
                add_answers(w, &mut section, answers, &[]);
                // Answers to removed questions stay in the file: shown too.
                super::orphans::add_removed_questions(w, &mut section, answers);
            }
            let report = quality::goal_report(w, Some(file), goal, words);
            doc.quality.push(super::quality::entry(w.language, section.label(), "", &report));
            doc.goals.push(section);
        }
        // And the answers to goals removed from the workshop.
        doc.goals.extend(super::orphans::removed_goals(w, file, |s, a| add_answers(w, s, a, &[])));
        doc
    }

    /// Every group's contributions side by side, each attributed to its
    /// group. Goals appear in workshop order when a group was given them or
    /// answered them. Files of another workshop are skipped.
    /// The quality section has one entry per goal and group that worked on
    /// it (was given it or answered it).
    pub fn from_group_files(w: &'a Workshop, files: &'a [GroupFile], words: &WordLists) -> Document<'a> {
        let mut doc = Document::title_block(w, Source::Groups);
        let files: Vec<&GroupFile> = files.iter().filter(|f| f.workshop == w.id).collect();
        for group in &w.groups {
            doc.groups.push(GroupEntry { name: clean(&group.name), goals: goal_labels(w, &group.goals) });
        }
        for goal in &w.goals {
            let assigned = w.groups.iter().any(|g| g.goals.contains(&goal.id));
            let mut section = goal_header(goal);
            let label = section.label();
            let mut notes = Vec::new();
            for file in &files {
                let name = group_name(w, file);
                let answers = file.answers(goal.id).filter(|a| !a.is_empty());
                let given = w.group(file.group).is_some_and(|g| g.goals.contains(&goal.id));
                if given || answers.is_some() {
                    let report = quality::goal_report(w, Some(file), goal, words);
                    notes.push(super::quality::entry(w.language, label.clone(), &name, &report));
                }
                if let Some(answers) = answers {
                    add_answers(w, &mut section, answers, &[name]);
                }
            }
            if assigned || !section.is_empty() {
                doc.quality.extend(notes);
                doc.goals.push(section);
            }
        }
        doc
    }
}

fn group_name<'a>(w: &'a Workshop, file: &'a GroupFile) -> Text<'a> {
    let name = w.group(file.group).map(|g| g.name.as_str()).unwrap_or(file.group_name.as_str());
    clean(name)
}

/// Add one group's answers for a goal. The first question of each kind fills
/// the dedicated field; further Text and List questions go to `other`, further
/// indicator and verdict questions are appended to the same tables.
fn add_answers<'a>(w: &'a Workshop, section: &mut GoalSection<'a>, answers: &'a GoalAnswers, from: &[Text<'a>]) {
    let from = from.to_vec();
    let lang = w.language;
    // The sub-goals this group wrote for the goal, for resolving indicator links.
    let all_items: Vec<&crate::domain::ListItem> =
        w.questions.iter().filter(|q| q.kind == QuestionKind::List).flat_map(|q| answers.list(&q.key)).collect();
    for question in &w.questions {
        let primary = w.question_of_kind(question.kind).is_some_and(|p| p.key == question.key);
        let prompt = clean(question.prompt.get(lang));
        match question.kind {
            QuestionKind::Text => {
                let Some(t) = answers.text(&question.key).map(clean).filter(|t| !t.is_empty()) else { continue };
                if primary {
                    section.effects.push(Attributed::new(t, from.clone()));
                } else {
                    section.other.push(OtherAnswer { question: prompt, text: t, from: from.clone() });
                }
            }
            QuestionKind::List => {
                for item in answers.list(&question.key) {
                    let text = clean(&item.text);
                    let owner = clean(&item.owner);
                    if text.is_empty() && owner.is_empty() {
                        continue;
                    }
                    if primary {
                        section.subgoals.push(SubGoal {
                            text,
                            owner,
                            dropped: false,
                            from: from.clone(),
                            record: None,
                        });
                    } else {
                        let text = if owner.is_empty() { text } else { Cow::Owned(format!("{text} ({owner})")) };
                        section.other.push(OtherAnswer { question: prompt.clone(), text, from: from.clone() });
                    }
                }
            }
            QuestionKind::Indicators => {
                for ind in answers.indicators(&question.key) {
                    let subgoal = ind
                        .subgoal
                        .and_then(|id| all_items.iter().find(|i| i.id == id))
                        .map(|i| clean(&i.text))
                        .unwrap_or_default();
                    section.indicators.push(IndicatorRow::new(lang, ind, subgoal, from.clone()));
                }
            }
            QuestionKind::Verdict => {
                let Some(v) = answers.verdict(&question.key) else { continue };
                let comment = clean(&v.how);
                if v.verdict.is_none() && comment.is_empty() {
                    continue;
                }
                section.verdicts.push(VerdictRow::new(v.verdict, comment, from.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{keys, Answer, Goal, Group, Indicator, ListItem, Verdict, VerdictAnswer};

    fn workshop() -> Workshop {
        let mut w = Workshop::new("Dag");
        w.goals = vec![Goal::new(Some("1".into()), "Ett"), Goal::new(Some("2".into()), "Två")];
        for (i, name) in ["Grupp 1", "Grupp 2"].iter().enumerate() {
            w.groups.push(Group {
                id: crate::domain::new_id(),
                name: name.to_string(),
                slug: format!("g{i}"),
                goals: vec![],
            });
        }
        w.groups[0].goals = vec![w.goals[0].id];
        w.groups[1].goals = vec![w.goals[1].id];
        w
    }

    #[test]
    fn group_file_resolves_links_and_keeps_workshop_order() {
        let w = workshop();
        let mut f = GroupFile::new(&w, &w.groups[0]);
        let item = ListItem::new("Delmål A");
        let mut ind = Indicator::new("Andel");
        ind.subgoal = Some(item.id);
        let a = f.answers_mut(w.goals[0].id);
        a.answers.insert(keys::SUBGOALS.into(), Answer::List(vec![item]));
        a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
        a.answers.insert(
            keys::MEASURABILITY.into(),
            Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Partly), how: "Enkät".into() }),
        );
        let doc = Document::from_group_file(&w, &f, &WordLists::embedded());
        assert_eq!(doc.goals.len(), 1, "only the group's own goal");
        assert_eq!(doc.goals[0].indicators[0].subgoal, "Delmål A");
        assert_eq!(doc.goals[0].verdicts[0].verdict, Some(Verdict::Partly));
        assert!(doc.goals[0].subgoals[0].from.is_empty());
        assert_eq!(doc.source, Source::Group { group: "Grupp 1".into() });
    }

    #[test]
    fn group_files_attribute_each_contribution() {
        let w = workshop();
        let mut files = Vec::new();
        for group in &w.groups {
            let mut f = GroupFile::new(&w, group);
            f.answers_mut(w.goals[0].id)
                .answers
                .insert(keys::EFFECT.into(), Answer::Text(format!("Effekt från {}", group.name)));
            files.push(f);
        }
        let doc = Document::from_group_files(&w, &files, &WordLists::embedded());
        assert_eq!(doc.goals.len(), 2);
        let effects = &doc.goals[0].effects;
        assert_eq!(effects.len(), 2);
        assert_eq!(effects[1].from, vec!["Grupp 2".to_string()]);
        assert!(doc.goals[1].is_empty());
    }
}
