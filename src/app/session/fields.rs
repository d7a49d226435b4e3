//! Which field of a goal's answers is being edited, and reading/writing it in
//! the model. The model is the truth: editors copy their text in here.

use uuid::Uuid;

use crate::domain::model::{Answer, Frequency, GoalAnswers, Indicator, ListItem, QuestionKind, Verdict};

/// The fields of the indicator form, in the order the form shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndField {
    Name,
    Definition,
    Source,
    Kolada,
    BaselineValue,
    BaselineYear,
    TargetValue,
    TargetYear,
    Frequency,
    Responsible,
    Subgoal,
}

impl IndField {
    pub const ALL: [IndField; 11] = [
        IndField::Name,
        IndField::Definition,
        IndField::Source,
        IndField::Kolada,
        IndField::BaselineValue,
        IndField::BaselineYear,
        IndField::TargetValue,
        IndField::TargetYear,
        IndField::Frequency,
        IndField::Responsible,
        IndField::Subgoal,
    ];

    /// A choice rather than typed text.
    pub fn is_choice(self) -> bool {
        matches!(self, IndField::Frequency | IndField::Subgoal)
    }

    pub fn index(self) -> usize {
        IndField::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    pub fn text(self, ind: &Indicator) -> Option<&str> {
        Some(match self {
            IndField::Name => &ind.name,
            IndField::Definition => &ind.definition,
            IndField::Source => &ind.source,
            IndField::Kolada => &ind.kolada,
            IndField::BaselineValue => &ind.baseline.value,
            IndField::BaselineYear => &ind.baseline.year,
            IndField::TargetValue => &ind.target.value,
            IndField::TargetYear => &ind.target.year,
            IndField::Responsible => &ind.responsible,
            IndField::Frequency | IndField::Subgoal => return None,
        })
    }

    pub fn text_mut(self, ind: &mut Indicator) -> Option<&mut String> {
        Some(match self {
            IndField::Name => &mut ind.name,
            IndField::Definition => &mut ind.definition,
            IndField::Source => &mut ind.source,
            IndField::Kolada => &mut ind.kolada,
            IndField::BaselineValue => &mut ind.baseline.value,
            IndField::BaselineYear => &mut ind.baseline.year,
            IndField::TargetValue => &mut ind.target.value,
            IndField::TargetYear => &mut ind.target.year,
            IndField::Responsible => &mut ind.responsible,
            IndField::Frequency | IndField::Subgoal => return None,
        })
    }
}

/// Where the keyboard is inside a wizard step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Focus {
    /// The text area of a Text question.
    Text,
    /// The list of a List or Indicators question; `sel == len` is the "add" row.
    List { sel: usize },
    /// Editing a list item: 0 is its text, 1 its owner.
    Item { id: Uuid, field: usize },
    /// The indicator form.
    Indicator { id: Uuid, field: IndField },
    /// Ja / Delvis / Nej / Osäkert.
    VerdictChoice,
    /// "Hur mäter vi?"
    VerdictHow,
}

impl Focus {
    /// The first focus of a question of this kind.
    pub fn first(kind: QuestionKind) -> Focus {
        match kind {
            QuestionKind::Text => Focus::Text,
            QuestionKind::List | QuestionKind::Indicators => Focus::List { sel: 0 },
            QuestionKind::Verdict => Focus::VerdictChoice,
        }
    }

    /// True when the focus is a text field (keys go to an editor).
    pub fn is_text(self) -> bool {
        match self {
            Focus::Text | Focus::Item { .. } | Focus::VerdictHow => true,
            Focus::Indicator { field, .. } => !field.is_choice(),
            Focus::List { .. } | Focus::VerdictChoice => false,
        }
    }

    /// True when this focus belongs to a question of `kind`.
    pub fn fits(self, kind: QuestionKind) -> bool {
        matches!(
            (self, kind),
            (Focus::Text, QuestionKind::Text)
                | (Focus::List { .. } | Focus::Item { .. }, QuestionKind::List)
                | (Focus::List { .. } | Focus::Indicator { .. }, QuestionKind::Indicators)
                | (Focus::VerdictChoice | Focus::VerdictHow, QuestionKind::Verdict)
        )
    }

    /// True when Enter should insert a newline rather than confirm.
    pub fn is_multiline(self) -> bool {
        matches!(self, Focus::Text | Focus::VerdictHow)
    }
}

/// The answer of `key`, created empty when missing. `None` when a stored answer
/// has another kind than the question (it is then left untouched).
pub fn answer_mut<'a>(answers: &'a mut GoalAnswers, key: &str, kind: QuestionKind) -> Option<&'a mut Answer> {
    let answer = answers.answers.entry(key.to_string()).or_insert_with(|| Answer::empty(kind));
    (answer.kind() == kind).then_some(answer)
}

/// The text a focus edits, if it is a text field that exists.
pub fn field_text(answers: &GoalAnswers, key: &str, focus: Focus) -> Option<String> {
    match (focus, answers.answers.get(key)) {
        (Focus::Text, Some(Answer::Text(t))) => Some(t.clone()),
        (Focus::Text, None) => Some(String::new()),
        (Focus::Item { id, field }, Some(Answer::List(items))) => {
            items.iter().find(|i| i.id == id).map(|i| if field == 0 { i.text.clone() } else { i.owner.clone() })
        }
        (Focus::Indicator { id, field }, Some(Answer::Indicators(items))) => {
            items.iter().find(|i| i.id == id).and_then(|i| field.text(i)).map(str::to_string)
        }
        (Focus::VerdictHow, Some(Answer::Verdict(v))) => Some(v.how.clone()),
        (Focus::VerdictHow, None) => Some(String::new()),
        _ => None,
    }
}

/// Write the text of a focus into the model. Returns true when it changed.
pub fn set_field_text(answers: &mut GoalAnswers, key: &str, kind: QuestionKind, focus: Focus, text: &str) -> bool {
    let Some(answer) = answer_mut(answers, key, kind) else { return false };
    let slot: Option<&mut String> = match (focus, answer) {
        (Focus::Text, Answer::Text(t)) => Some(t),
        (Focus::Item { id, field }, Answer::List(items)) => {
            items.iter_mut().find(|i| i.id == id).map(|i| if field == 0 { &mut i.text } else { &mut i.owner })
        }
        (Focus::Indicator { id, field }, Answer::Indicators(items)) => {
            items.iter_mut().find(|i| i.id == id).and_then(|i| field.text_mut(i))
        }
        (Focus::VerdictHow, Answer::Verdict(v)) => Some(&mut v.how),
        _ => None,
    };
    match slot {
        Some(s) if s != text => {
            *s = text.to_string();
            true
        }
        _ => false,
    }
}

/// The indicator `id` of an Indicators answer, for changing several fields at once.
pub fn indicator_mut<'a>(answers: &'a mut GoalAnswers, key: &str, id: Uuid) -> Option<&'a mut Indicator> {
    match answer_mut(answers, key, QuestionKind::Indicators)? {
        Answer::Indicators(items) => items.iter_mut().find(|i| i.id == id),
        _ => None,
    }
}

/// Number of items in a List or Indicators answer.
pub fn item_count(answers: &GoalAnswers, key: &str) -> usize {
    match answers.answers.get(key) {
        Some(Answer::List(items)) => items.len(),
        Some(Answer::Indicators(items)) => items.len(),
        _ => 0,
    }
}

/// The id of the item at `index` in a List or Indicators answer.
pub fn item_id(answers: &GoalAnswers, key: &str, index: usize) -> Option<Uuid> {
    match answers.answers.get(key) {
        Some(Answer::List(items)) => items.get(index).map(|i| i.id),
        Some(Answer::Indicators(items)) => items.get(index).map(|i| i.id),
        _ => None,
    }
}

/// Append a new, empty item; returns its id.
/// A pasted list: one new item per non-empty line (list marks such as "-",
/// "*", "•" or "1." dropped), named by the line. Returns how many were added.
pub fn add_lines(answers: &mut GoalAnswers, key: &str, kind: QuestionKind, text: &str) -> usize {
    let mut added = 0;
    for line in text.lines() {
        let line = strip_list_mark(line.trim());
        if line.is_empty() {
            continue;
        }
        let Some(id) = add_item(answers, key, kind) else { break };
        let focus = match kind {
            QuestionKind::Indicators => Focus::Indicator { id, field: IndField::Name },
            _ => Focus::Item { id, field: 0 },
        };
        set_field_text(answers, key, kind, focus, line);
        added += 1;
    }
    added
}

/// "- text", "• text", "3. text", "3) text" → "text"; anything else as it is
/// ("-5 %" and "3.5 miljoner" keep their numbers).
fn strip_list_mark(line: &str) -> &str {
    if let Some(rest) = ["- ", "* ", "• ", "– "].iter().find_map(|m| line.strip_prefix(m)) {
        return rest.trim_start();
    }
    let digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
    match digits.strip_prefix(['.', ')']) {
        Some(rest) if digits.len() < line.len() && rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => line,
    }
}

pub fn add_item(answers: &mut GoalAnswers, key: &str, kind: QuestionKind) -> Option<Uuid> {
    match answer_mut(answers, key, kind)? {
        Answer::List(items) => {
            let item = ListItem::new("");
            let id = item.id;
            items.push(item);
            Some(id)
        }
        Answer::Indicators(items) => {
            let item = Indicator::new("");
            let id = item.id;
            items.push(item);
            Some(id)
        }
        _ => None,
    }
}

/// Remove the item at `index`. Returns true when something was removed.
pub fn delete_item(answers: &mut GoalAnswers, key: &str, kind: QuestionKind, index: usize) -> bool {
    match answer_mut(answers, key, kind) {
        Some(Answer::List(items)) if index < items.len() => {
            items.remove(index);
            true
        }
        Some(Answer::Indicators(items)) if index < items.len() => {
            items.remove(index);
            true
        }
        _ => false,
    }
}

/// Swap the item at `index` with its neighbour `index + 1`.
pub fn swap_items(answers: &mut GoalAnswers, key: &str, kind: QuestionKind, index: usize) -> bool {
    match answer_mut(answers, key, kind) {
        Some(Answer::List(items)) if index + 1 < items.len() => {
            items.swap(index, index + 1);
            true
        }
        Some(Answer::Indicators(items)) if index + 1 < items.len() => {
            items.swap(index, index + 1);
            true
        }
        _ => false,
    }
}

/// True when a list item or indicator has nothing typed in it.
pub fn item_is_blank(answers: &GoalAnswers, key: &str, id: Uuid) -> bool {
    match answers.answers.get(key) {
        Some(Answer::List(items)) => {
            items.iter().find(|i| i.id == id).is_some_and(|i| i.text.trim().is_empty() && i.owner.trim().is_empty())
        }
        Some(Answer::Indicators(items)) => items.iter().find(|i| i.id == id).is_some_and(|i| {
            IndField::ALL.iter().all(|f| f.text(i).is_none_or(|t| t.trim().is_empty()))
                && i.frequency.is_none()
                && i.subgoal.is_none()
        }),
        _ => false,
    }
}

/// Remove an item by id (used to drop a new item left blank).
pub fn remove_item_by_id(answers: &mut GoalAnswers, key: &str, id: Uuid) {
    match answers.answers.get_mut(key) {
        Some(Answer::List(items)) => items.retain(|i| i.id != id),
        Some(Answer::Indicators(items)) => items.retain(|i| i.id != id),
        _ => {}
    }
}

/// The frequency choices a form cycles through: none, the fixed ones, and
/// an "other" text already in the file (kept so it is never lost).
pub fn frequency_choices(current: &Option<Frequency>) -> Vec<Option<Frequency>> {
    let mut out: Vec<Option<Frequency>> = vec![None];
    out.extend(Frequency::CHOICES.iter().cloned().map(Some));
    if let Some(Frequency::Other(t)) = current {
        out.push(Some(Frequency::Other(t.clone())));
    }
    out
}

/// Move a choice field of an indicator by `delta` (wrapping). `subgoals` are
/// the ids the indicator may link to.
pub fn cycle_indicator_choice(
    answers: &mut GoalAnswers,
    key: &str,
    id: Uuid,
    field: IndField,
    delta: isize,
    subgoals: &[Uuid],
) -> bool {
    let Some(Answer::Indicators(items)) = answers.answers.get_mut(key) else { return false };
    let Some(ind) = items.iter_mut().find(|i| i.id == id) else { return false };
    match field {
        IndField::Frequency => {
            let choices = frequency_choices(&ind.frequency);
            let pos = choices.iter().position(|c| *c == ind.frequency).unwrap_or(0);
            ind.frequency = choices[wrap_index(pos, delta, choices.len())].clone();
            true
        }
        IndField::Subgoal => {
            let mut choices: Vec<Option<Uuid>> = vec![None];
            choices.extend(subgoals.iter().copied().map(Some));
            if let Some(cur) = ind.subgoal.filter(|s| !subgoals.contains(s)) {
                // A link to a sub-goal that is gone: keep it reachable.
                choices.push(Some(cur));
            }
            let pos = choices.iter().position(|c| *c == ind.subgoal).unwrap_or(0);
            ind.subgoal = choices[wrap_index(pos, delta, choices.len())];
            true
        }
        _ => false,
    }
}

/// Move the verdict choice by `delta`, starting from "none".
pub fn cycle_verdict(answers: &mut GoalAnswers, key: &str, delta: isize) -> bool {
    let Some(Answer::Verdict(v)) = answer_mut(answers, key, QuestionKind::Verdict) else { return false };
    let mut choices: Vec<Option<Verdict>> = vec![None];
    choices.extend(Verdict::ALL.iter().copied().map(Some));
    let pos = choices.iter().position(|c| *c == v.verdict).unwrap_or(0);
    let mut next = wrap_index(pos, delta, choices.len());
    if next == 0 {
        // Skip "none" when cycling: once chosen, a verdict is changed, not cleared.
        next = wrap_index(next, delta, choices.len());
    }
    v.verdict = choices[next];
    true
}

fn wrap_index(pos: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (pos as isize + delta).rem_euclid(len as isize) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_marks_are_stripped_but_numbers_kept() {
        assert_eq!(strip_list_mark("- Fler i arbete"), "Fler i arbete");
        assert_eq!(strip_list_mark("• Trygghet"), "Trygghet");
        assert_eq!(strip_list_mark("12) Tolv"), "Tolv");
        assert_eq!(strip_list_mark("3. Tre"), "Tre");
        assert_eq!(strip_list_mark("-5 % koldioxid"), "-5 % koldioxid");
        assert_eq!(strip_list_mark("3.5 miljoner"), "3.5 miljoner");
        assert_eq!(strip_list_mark("2030 ska alla"), "2030 ska alla");
    }

    #[test]
    fn verdict_cycles_through_all_four_without_clearing() {
        let mut a = GoalAnswers::default();
        let mut seen = Vec::new();
        for _ in 0..5 {
            cycle_verdict(&mut a, "m", 1);
            seen.push(a.verdict("m").and_then(|v| v.verdict));
        }
        assert_eq!(
            seen,
            vec![
                Some(Verdict::Yes),
                Some(Verdict::Partly),
                Some(Verdict::No),
                Some(Verdict::Unsure),
                Some(Verdict::Yes)
            ]
        );
    }

    #[test]
    fn a_mismatched_answer_is_never_overwritten() {
        let mut a = GoalAnswers::default();
        a.answers.insert("k".into(), Answer::Text("behåll".into()));
        assert!(!set_field_text(&mut a, "k", QuestionKind::Verdict, Focus::VerdictHow, "x"));
        assert!(add_item(&mut a, "k", QuestionKind::List).is_none());
        assert_eq!(a.text("k"), Some("behåll"));
    }

    #[test]
    fn indicator_text_fields_round_trip() {
        let mut a = GoalAnswers::default();
        let id = add_item(&mut a, "i", QuestionKind::Indicators).unwrap();
        for (n, f) in IndField::ALL.iter().enumerate().filter(|(_, f)| !f.is_choice()) {
            let focus = Focus::Indicator { id, field: *f };
            assert!(set_field_text(&mut a, "i", QuestionKind::Indicators, focus, &format!("v{n}")));
            assert_eq!(field_text(&a, "i", focus), Some(format!("v{n}")));
        }
        assert!(!item_is_blank(&a, "i", id));
    }
}
