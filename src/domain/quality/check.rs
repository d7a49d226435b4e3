//! The rules of the check, question by question.

use std::cell::OnceCell;
use std::collections::BTreeSet;

use uuid::Uuid;

use super::numbers::{parse_number, parse_year, year_of};
use super::words::{WordLists, Words};
use super::{score, short_label, Code, ExampleYears, Finding, GoalReport, Part, Severity};
use crate::domain::model::{
    keys, Frequency, Goal, GoalAnswers, Group, GroupFile, Indicator, ListItem, Question, QuestionKind, Verdict,
    VerdictAnswer, Workshop,
};

/// The question with `key` when it has the expected kind, else the first
/// question of that kind (a facilitator may have renamed the template).
fn question<'a>(w: &'a Workshop, key: &str, kind: QuestionKind) -> Option<&'a Question> {
    w.question(key).filter(|q| q.kind == kind).or_else(|| w.question_of_kind(kind))
}

/// True when every field of an indicator is blank (an empty row, ignored).
fn is_blank(i: &Indicator) -> bool {
    i.name.trim().is_empty()
        && i.definition.trim().is_empty()
        && i.source.trim().is_empty()
        && i.kolada.trim().is_empty()
        && i.baseline.is_empty()
        && i.target.is_empty()
        && i.frequency.is_none()
        && i.responsible.trim().is_empty()
}

/// A target that can be checked: a number, or a whole yes/no value ("Ja").
fn is_checkable_target(value: &str, words: &WordLists) -> bool {
    parse_number(value).is_some() || words.is_yes_no_target(&Words::new(value))
}

/// The target can be checked and has a year: the indicator says what by when.
fn is_quantified(i: &Indicator, words: &WordLists) -> bool {
    is_checkable_target(&i.target.value, words) && year_of(&i.target.value, &i.target.year).is_some()
}

/// A Kolada KPI id: one letter and five digits (N15505, U00405).
fn is_kolada_id(s: &str) -> bool {
    let mut chars = s.trim().chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.clone().count() == 5
        && chars.all(|c| c.is_ascii_digit())
}

impl Finding {
    /// Say which sub-goal or indicator the finding is about.
    fn at(&mut self, item: Uuid, label: &str, word: &str) {
        self.item = Some(item);
        self.label = short_label(label);
        self.word = short_label(word);
    }
}

struct Checker<'a> {
    words: &'a WordLists,
    out: Vec<Finding>,
    years: ExampleYears,
}

impl Checker<'_> {
    fn push(&mut self, code: Code, severity: Severity, part: Part, question: Option<&Question>) -> &mut Finding {
        self.out.push(Finding {
            code,
            severity,
            part,
            question: question.map(|q| q.key.clone()),
            item: None,
            label: String::new(),
            word: String::new(),
            years: self.years,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    /// Vague verbs and unquantified change in a text. `backed` is true when
    /// an indicator that belongs to the text has a numeric target with a year.
    /// `words` is the text split by [`Words::new`].
    fn wording(&mut self, words: &Words, part: Part, q: Option<&Question>, item: Option<&ListItem>, backed: bool) {
        let tokens = words.tokens();
        let level = self.words.has_level_in(&tokens);
        let mild = part == Part::Goal || backed;
        let found = [
            (
                Code::VagueVerb,
                self.words.vague_verb_in(&tokens),
                if mild || level { Severity::Hint } else { Severity::Warning },
            ),
            (
                Code::ChangeWithoutLevel,
                // A stated level answers a word of change: not looked for then.
                if level { None } else { self.words.change_word_in(&tokens) },
                if mild { Severity::Hint } else { Severity::Warning },
            ),
        ];
        for (code, word, severity) in found {
            let Some(word) = word else { continue };
            let f = self.push(code, severity, part, q);
            match item {
                Some(item) => f.at(item.id, &item.text, &word),
                None => f.word = short_label(&word),
            }
        }
    }

    fn effect(&mut self, goal: &Goal, q: &Question, answers: Option<&GoalAnswers>, any_backed: bool) {
        let text = answers.and_then(|a| a.text(&q.key)).unwrap_or("");
        if text.trim().is_empty() {
            self.push(Code::NoEffect, Severity::Error, Part::Effect, Some(q));
            return;
        }
        let words = Words::new(text);
        if !self.words.names_target_group(&words) {
            self.push(Code::EffectNoTargetGroup, Severity::Warning, Part::Effect, Some(q));
        }
        // Words holds the text as `fold_key` gives it.
        if words == Words::new(&goal.wording) {
            self.push(Code::EffectRepeatsGoal, Severity::Warning, Part::Effect, Some(q));
        }
        self.wording(&words, Part::Effect, Some(q), None, any_backed);
    }

    /// The indicators that belong to a sub-goal: linked to it, or not linked
    /// to any (existing) sub-goal and sharing a content word with it; their
    /// positions in `indicators`. `links[n]` is the existing sub-goal
    /// `indicators[n]` is linked to (found once per goal, not per sub-goal);
    /// `stems` holds each indicator's content stems once computed: every
    /// sub-goal compares against the same indicators.
    fn belonging(
        &self,
        item: &ListItem,
        words: &Words,
        indicators: &[&Indicator],
        links: &[Option<Uuid>],
        stems: &[OnceCell<BTreeSet<String>>],
    ) -> Vec<usize> {
        let own = OnceCell::new();
        indicators
            .iter()
            .zip(links)
            .zip(stems)
            .enumerate()
            .filter(|(_, ((i, link), stems))| match link {
                Some(id) => *id == item.id,
                None => {
                    let own = own.get_or_init(|| self.words.content_stems(words));
                    let theirs = stems
                        .get_or_init(|| self.words.content_stems(&Words::new(&format!("{} {}", i.name, i.definition))));
                    !own.is_disjoint(theirs)
                }
            })
            .map(|(n, _)| n)
            .collect()
    }

    /// `quantified[n]` tells whether `indicators[n]` has a checkable target
    /// with a year (computed once per goal, not once per sub-goal).
    fn subgoals(&mut self, q: &Question, items: &[&ListItem], indicators: Option<&[&Indicator]>, quantified: &[bool]) {
        if items.is_empty() {
            self.push(Code::NoSubGoal, Severity::Warning, Part::SubGoal, Some(q));
            return;
        }
        let stems: Vec<OnceCell<BTreeSet<String>>> =
            indicators.map(|all| all.iter().map(|_| OnceCell::new()).collect()).unwrap_or_default();
        let links: Vec<Option<Uuid>> = indicators
            .unwrap_or_default()
            .iter()
            .map(|i| i.subgoal.filter(|id| items.iter().any(|s| s.id == *id)))
            .collect();
        for item in items {
            let words = Words::new(&item.text);
            if item.owner.trim().is_empty() {
                self.push(Code::SubGoalNoOwner, Severity::Warning, Part::SubGoal, Some(q)).at(item.id, &item.text, "");
            }
            let belonging = indicators.map(|all| self.belonging(item, &words, all, &links, &stems)).unwrap_or_default();
            // With no indicators at all, "no-indicator" already says it once.
            if indicators.is_some_and(|all| !all.is_empty()) && belonging.is_empty() {
                self.push(Code::SubGoalNoIndicator, Severity::Warning, Part::SubGoal, Some(q))
                    .at(item.id, &item.text, "");
            }
            let backed = belonging.iter().any(|&n| quantified[n]);
            self.wording(&words, Part::SubGoal, Some(q), Some(item), backed);
        }
    }

    fn indicators(&mut self, q: &Question, indicators: &[&Indicator]) {
        if indicators.is_empty() {
            self.push(Code::NoIndicator, Severity::Error, Part::Indicator, Some(q));
            return;
        }
        for (n, ind) in indicators.iter().enumerate() {
            let label = if ind.name.trim().is_empty() { format!("#{}", n + 1) } else { ind.name.clone() };
            let words = self.words;
            let mut add = |code: Code, severity: Severity, word: &str| {
                self.push(code, severity, Part::Indicator, Some(q)).at(ind.id, &label, word);
            };
            if ind.name.trim().is_empty() {
                add(Code::IndicatorNoName, Severity::Warning, "");
            }
            if ind.source.trim().is_empty() && ind.kolada.trim().is_empty() {
                add(Code::IndicatorNoSource, Severity::Warning, "");
            }
            if !ind.kolada.trim().is_empty() && !is_kolada_id(&ind.kolada) {
                add(Code::KoladaIdFormat, Severity::Hint, ind.kolada.trim());
            }
            let baseline_year = year_of(&ind.baseline.value, &ind.baseline.year);
            if ind.baseline.value.trim().is_empty() {
                add(Code::IndicatorNoBaseline, Severity::Warning, "");
            } else {
                if baseline_year.is_none() {
                    add(Code::BaselineNoYear, Severity::Warning, "");
                }
                if parse_number(&ind.baseline.value).is_none() {
                    add(Code::BaselineNotNumber, Severity::Hint, ind.baseline.value.trim());
                }
            }
            let target_year = year_of(&ind.target.value, &ind.target.year);
            if ind.target.value.trim().is_empty() {
                add(Code::IndicatorNoTarget, Severity::Error, "");
            } else {
                if !is_checkable_target(&ind.target.value, words) {
                    add(Code::TargetNotNumber, Severity::Warning, ind.target.value.trim());
                }
                if target_year.is_none() {
                    add(Code::TargetNoYear, Severity::Warning, "");
                }
            }
            // A year typed on its own (the value still blank) is compared too.
            let target_year = target_year.or_else(|| parse_year(&ind.target.year));
            let baseline_year = baseline_year.or_else(|| parse_year(&ind.baseline.year));
            if let (Some(t), Some(b)) = (target_year, baseline_year) {
                if t < b {
                    add(Code::TargetYearBeforeBaseline, Severity::Error, &format!("{t} < {b}"));
                }
            }
            let no_frequency = match &ind.frequency {
                None => true,
                Some(Frequency::Other(text)) => text.trim().is_empty(),
                Some(_) => false,
            };
            if no_frequency {
                add(Code::IndicatorNoFrequency, Severity::Hint, "");
            }
            if ind.responsible.trim().is_empty() {
                add(Code::IndicatorNoResponsible, Severity::Warning, "");
            }
        }
    }

    fn measurability(&mut self, q: &Question, answers: Option<&GoalAnswers>) {
        match answers.and_then(|a| a.verdict(&q.key)) {
            None | Some(VerdictAnswer { verdict: None, .. }) => {
                self.push(Code::VerdictMissing, Severity::Warning, Part::Measurability, Some(q));
            }
            Some(v) if matches!(v.verdict, Some(Verdict::No | Verdict::Unsure)) && v.how.trim().is_empty() => {
                self.push(Code::VerdictNoComment, Severity::Warning, Part::Measurability, Some(q));
            }
            Some(_) => {}
        }
    }
}

/// Check one goal with one group's answers (`None` when the group has not
/// written anything). Questions the workshop does not ask are not checked.
pub fn check_goal(w: &Workshop, goal: &Goal, answers: Option<&GoalAnswers>, words: &WordLists) -> GoalReport {
    let effect_q = question(w, keys::EFFECT, QuestionKind::Text);
    let sub_q = question(w, keys::SUBGOALS, QuestionKind::List);
    let ind_q = question(w, keys::INDICATORS, QuestionKind::Indicators);
    let verdict_q = question(w, keys::MEASURABILITY, QuestionKind::Verdict);

    let indicators: Option<Vec<&Indicator>> = ind_q
        .map(|q| answers.map(|a| a.indicators(&q.key)).unwrap_or_default().iter().filter(|i| !is_blank(i)).collect());
    let items: Vec<&ListItem> = match (sub_q, answers) {
        (Some(q), Some(a)) => a.list(&q.key).iter().filter(|i| !i.text.trim().is_empty()).collect(),
        _ => Vec::new(),
    };
    let quantified: Vec<bool> =
        indicators.as_deref().unwrap_or_default().iter().map(|i| is_quantified(i, words)).collect();
    let any_backed = quantified.contains(&true);

    let mut c = Checker { words, out: Vec::new(), years: ExampleYears::of_plan(&w.plan) };
    c.wording(&Words::new(&goal.wording), Part::Goal, None, None, true);
    if let Some(q) = effect_q {
        c.effect(goal, q, answers, any_backed);
    }
    if let Some(q) = sub_q {
        c.subgoals(q, &items, indicators.as_deref(), &quantified);
    }
    if let (Some(q), Some(all)) = (ind_q, &indicators) {
        c.indicators(q, all);
        if let Some(index) = words.kolada() {
            super::kolada::findings(w, q, all, index, is_kolada_id, &mut c.out);
        }
    }
    if let Some(q) = verdict_q {
        c.measurability(q, answers);
    }
    GoalReport {
        goal: goal.id,
        score: score(&c.out),
        findings: c.out,
        answered: answers.is_some_and(|a| !a.is_empty()),
    }
}

/// The quality of one group's work on a goal, read from that group's file
/// (`None`: no file yet). The one function behind every score shown for a
/// group and a goal: `check --quality`, the plenary's badge and the quality
/// section of every export call it, so the same number appears everywhere.
pub fn goal_report(w: &Workshop, file: Option<&GroupFile>, goal: &Goal, words: &WordLists) -> GoalReport {
    check_goal(w, goal, file.and_then(|f| f.answers(goal.id)), words)
}

/// The score 0–100 of [`goal_report`].
pub fn goal_score(w: &Workshop, file: Option<&GroupFile>, goal: &Goal, words: &WordLists) -> u8 {
    goal_report(w, file, goal, words).score
}

/// Reports for every goal a group works on, in the group's order (for a goal
/// list with a badge per goal). Goals missing from the workshop are skipped.
pub fn check_group(w: &Workshop, group: &Group, file: Option<&GroupFile>, words: &WordLists) -> Vec<GoalReport> {
    group.goals.iter().filter_map(|id| w.goal(*id)).map(|goal| goal_report(w, file, goal, words)).collect()
}
