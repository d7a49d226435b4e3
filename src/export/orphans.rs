//! A group's answers that the workshop no longer asks for: answers to a
//! removed question, and a removed goal's answers. They stay in the group's
//! file; the group's own export shows them the way the workshop export
//! (from the merged outline) does: a removed question's text and list
//! answers under its key, its indicators and verdicts in the goal's tables,
//! a removed goal under its id.

use std::borrow::Cow;

use super::doc::{clean, Attributed, GoalSection, IndicatorRow, OtherAnswer, SubGoal, Text, VerdictRow};
use crate::domain::{Answer, GoalAnswers, GroupFile, QuestionKind, Workshop};

/// Add the answers in `answers` whose question is no longer in the workshop.
pub(crate) fn add_removed_questions<'a>(w: &'a Workshop, section: &mut GoalSection<'a>, answers: &'a GoalAnswers) {
    let lang = w.language;
    let mut firsts = [false; 4];
    let all_items: Vec<&crate::domain::ListItem> = answers
        .answers
        .values()
        .filter_map(|a| match a {
            Answer::List(items) => Some(items.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    for (key, answer) in answers.answers.iter().filter(|(k, a)| w.question(k).is_none() && !a.is_empty()) {
        let kind = answer.kind();
        let slot = &mut firsts[kind.index()];
        // As in the outline: the first of a kind fills the dedicated field
        // only when the workshop has no question of that kind.
        let primary = !*slot && w.question_of_kind(kind).is_none();
        *slot = true;
        let question = clean(key);
        match answer {
            Answer::Text(t) => {
                let t = clean(t);
                if primary {
                    section.effects.push(Attributed::new(t, Vec::new()));
                } else {
                    section.other.push(OtherAnswer { question, text: t, from: Vec::new() });
                }
            }
            Answer::List(items) => {
                for item in items {
                    let (text, owner) = (clean(&item.text), clean(&item.owner));
                    if text.is_empty() && owner.is_empty() {
                        continue;
                    }
                    if primary {
                        section.subgoals.push(SubGoal { text, owner, dropped: false, from: Vec::new(), record: None });
                    } else {
                        let text = if owner.is_empty() { text } else { Cow::Owned(format!("{text} ({owner})")) };
                        section.other.push(OtherAnswer { question: question.clone(), text, from: Vec::new() });
                    }
                }
            }
            Answer::Indicators(items) => {
                for ind in items {
                    let subgoal = ind
                        .subgoal
                        .and_then(|id| all_items.iter().find(|i| i.id == id))
                        .map(|i| clean(&i.text))
                        .unwrap_or_default();
                    section.indicators.push(IndicatorRow::new(lang, ind, subgoal, Vec::new()));
                }
            }
            Answer::Verdict(v) => {
                section.verdicts.push(VerdictRow::new(v.verdict, clean(&v.how), Vec::new()));
            }
        }
    }
}

/// Sections for the goals the group answered that are no longer in the
/// workshop, in the file's order, named by their id (as the outline does).
pub(crate) fn removed_goals<'a>(
    w: &'a Workshop,
    file: &'a GroupFile,
    add: impl Fn(&mut GoalSection<'a>, &'a GoalAnswers),
) -> Vec<GoalSection<'a>> {
    let mut out = Vec::new();
    for (id, answers) in file.goals.iter().filter(|(id, a)| w.goal(**id).is_none() && !a.is_empty()) {
        let mut section = GoalSection { wording: Text::Owned(id.to_string()), ..GoalSection::default() };
        add(&mut section, answers);
        add_removed_questions(w, &mut section, answers);
        out.push(section);
    }
    out
}

/// `QuestionKind` as an index into a per-kind array.
trait KindIndex {
    fn index(self) -> usize;
}

impl KindIndex for QuestionKind {
    fn index(self) -> usize {
        match self {
            QuestionKind::Text => 0,
            QuestionKind::List => 1,
            QuestionKind::Indicators => 2,
            QuestionKind::Verdict => 3,
        }
    }
}
