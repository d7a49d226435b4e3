//! Editing a workshop's question template. Pure: works on `Vec<Question>`.
//!
//! A question's key is its identity: answers in the group files are stored
//! under it. Editing texts or the order never touches keys; removing a
//! question leaves its answers in the group files (the UI asks first when
//! [`answer_count`] is not zero); a new question always gets a key that no
//! question and no stored answer uses, so old answers never attach to it.

use std::collections::BTreeSet;

use crate::domain::{slug, text::normalize, Bilingual, GroupFile, Question, QuestionKind};
use crate::i18n::{facil::T, Lang};
use crate::tr;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuestionError {
    #[error("no question has the key {0}")]
    UnknownKey(String),
    #[error("position {0} is outside the list")]
    OutOfRange(usize),
}

impl QuestionError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            QuestionError::UnknownKey(key) => tr!(lang, T::UnknownQuestion, key = key),
            QuestionError::OutOfRange(i) => tr!(lang, T::QuestionOutOfRange, n = i + 1),
        }
    }
}

fn index_of(qs: &[Question], key: &str) -> Result<usize, QuestionError> {
    qs.iter().position(|q| q.key == key).ok_or_else(|| QuestionError::UnknownKey(key.to_string()))
}

fn set(text: &mut Bilingual, lang: Lang, value: &str) {
    let value = normalize(value);
    match lang {
        Lang::Sv => text.sv = value,
        Lang::En => text.en = value,
    }
}

/// Change a question's prompt in one language.
pub fn set_prompt(qs: &mut [Question], key: &str, lang: Lang, text: &str) -> Result<(), QuestionError> {
    let i = index_of(qs, key)?;
    set(&mut qs[i].prompt, lang, text);
    Ok(())
}

/// Change a question's guidance text in one language.
pub fn set_guidance(qs: &mut [Question], key: &str, lang: Lang, text: &str) -> Result<(), QuestionError> {
    let i = index_of(qs, key)?;
    set(&mut qs[i].guidance, lang, text);
    Ok(())
}

/// Move a question to position `to` (0-based).
pub fn move_to(qs: &mut Vec<Question>, key: &str, to: usize) -> Result<(), QuestionError> {
    let from = index_of(qs, key)?;
    if to >= qs.len() {
        return Err(QuestionError::OutOfRange(to));
    }
    let q = qs.remove(from);
    qs.insert(to, q);
    Ok(())
}

/// Move a question one step up; `Ok(false)` when it is already first.
pub fn move_up(qs: &mut [Question], key: &str) -> Result<bool, QuestionError> {
    let i = index_of(qs, key)?;
    if i == 0 {
        return Ok(false);
    }
    qs.swap(i, i - 1);
    Ok(true)
}

/// Move a question one step down; `Ok(false)` when it is already last.
pub fn move_down(qs: &mut [Question], key: &str) -> Result<bool, QuestionError> {
    let i = index_of(qs, key)?;
    if i + 1 >= qs.len() {
        return Ok(false);
    }
    qs.swap(i, i + 1);
    Ok(true)
}

/// How many non-empty answers the group files hold for a question (over all
/// groups and goals). Ask before removing a question when this is not zero.
pub fn answer_count(files: &[GroupFile], key: &str) -> usize {
    files
        .iter()
        .flat_map(|f| f.goals.values())
        .filter_map(|answers| answers.answers.get(key))
        .filter(|a| !a.is_empty())
        .count()
}

/// Remove a question from the template and return it. Its answers stay in the
/// group files (they are not touched here); `malverkstad check` reports them
/// as a warning.
pub fn remove(qs: &mut Vec<Question>, key: &str) -> Result<Question, QuestionError> {
    let i = index_of(qs, key)?;
    Ok(qs.remove(i))
}

/// Every key the group files hold answers under.
pub fn answer_keys(files: &[GroupFile]) -> BTreeSet<String> {
    files.iter().flat_map(|f| f.goals.values()).flat_map(|a| a.answers.keys().cloned()).collect()
}

/// A new key from the (Swedish) prompt's first words, unique among `taken`
/// (compared case-insensitively): "Vem äger målet?" → `vem-ager-malet`.
pub fn new_key<'a>(prompt: &str, taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let words: Vec<&str> = prompt.split_whitespace().take(4).collect();
    slug::unique_slug(&words.join(" "), "fraga", taken)
}

/// Add a question of `kind` at the end and return its new key. `reserved`
/// are keys to avoid besides the questions' own: pass [`answer_keys`] of the
/// group files, so answers to a removed question never attach to a new one.
pub fn add(
    qs: &mut Vec<Question>,
    kind: QuestionKind,
    prompt: Bilingual,
    guidance: Bilingual,
    reserved: &BTreeSet<String>,
) -> String {
    let prompt = Bilingual { sv: normalize(&prompt.sv), en: normalize(&prompt.en) };
    let guidance = Bilingual { sv: normalize(&guidance.sv), en: normalize(&guidance.en) };
    let taken: Vec<&str> = qs.iter().map(|q| q.key.as_str()).chain(reserved.iter().map(String::as_str)).collect();
    let source = if prompt.sv.trim().is_empty() { &prompt.en } else { &prompt.sv };
    let key = new_key(source, taken.iter().copied());
    qs.push(Question { key: key.clone(), kind, prompt, guidance });
    key
}

/// The name of a kind of question, for menus.
pub fn kind_label(kind: QuestionKind, lang: Lang) -> String {
    match kind {
        QuestionKind::Text => tr!(lang, T::KindText),
        QuestionKind::List => tr!(lang, T::KindList),
        QuestionKind::Indicators => tr!(lang, T::KindIndicators),
        QuestionKind::Verdict => tr!(lang, T::KindVerdict),
    }
}

/// Questions a facilitator often adds, offered ready-made.
pub fn suggestions() -> Vec<(QuestionKind, Bilingual, Bilingual)> {
    vec![
        (
            QuestionKind::List,
            Bilingual::new("Vem äger målet?", "Who owns the goal?"),
            Bilingual::new(
                "Nämnd, förvaltning eller funktion som svarar för målet.",
                "The committee, department or role answerable for the goal.",
            ),
        ),
        (
            QuestionKind::Text,
            Bilingual::new("Vilka resurser krävs inom ramen?", "What resources are needed within the frame?"),
            Bilingual::new(
                "Resursramen är given: vad behöver omfördelas, och vad ska vi sluta göra?",
                "The resource frame is fixed: what must be reallocated, and what should we stop doing?",
            ),
        ),
        (
            QuestionKind::Text,
            Bilingual::new("Hur följer vi upp?", "How do we follow up?"),
            Bilingual::new(
                "När, i vilken rapport och till vem rapporteras utfallet?",
                "When, in which report and to whom is the outcome reported?",
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{default_questions, model::keys, Answer, Goal, Group, Workshop};

    fn key_order(qs: &[Question]) -> Vec<&str> {
        qs.iter().map(|q| q.key.as_str()).collect()
    }

    #[test]
    fn edit_texts_in_one_language() {
        let mut qs = default_questions();
        set_prompt(&mut qs, keys::EFFECT, Lang::Sv, "Vilken effekt?\r\n").unwrap();
        set_guidance(&mut qs, keys::EFFECT, Lang::En, "For whom?").unwrap();
        assert_eq!(qs[0].prompt.sv, "Vilken effekt?\n");
        assert_eq!(qs[0].prompt.en, default_questions()[0].prompt.en);
        assert_eq!(qs[0].guidance.en, "For whom?");
        assert_eq!(set_prompt(&mut qs, "nope", Lang::Sv, "x"), Err(QuestionError::UnknownKey("nope".into())));
    }

    #[test]
    fn reorder() {
        let mut qs = default_questions();
        assert_eq!(move_up(&mut qs, keys::EFFECT), Ok(false));
        assert_eq!(move_down(&mut qs, keys::EFFECT), Ok(true));
        assert_eq!(key_order(&qs), vec![keys::SUBGOALS, keys::EFFECT, keys::INDICATORS, keys::MEASURABILITY]);
        move_to(&mut qs, keys::MEASURABILITY, 0).unwrap();
        assert_eq!(key_order(&qs), vec![keys::MEASURABILITY, keys::SUBGOALS, keys::EFFECT, keys::INDICATORS]);
        assert_eq!(move_to(&mut qs, keys::EFFECT, 4), Err(QuestionError::OutOfRange(4)));
        assert_eq!(move_down(&mut qs, keys::INDICATORS), Ok(false));
    }

    #[test]
    fn removing_an_answered_question_is_detectable() {
        let mut w = Workshop::new("W");
        w.goals.push(Goal::new(None, "Mål"));
        let group = Group { id: crate::domain::new_id(), name: "A".into(), slug: "a".into(), goals: vec![] };
        let mut file = GroupFile::new(&w, &group);
        let answers = file.answers_mut(w.goals[0].id);
        answers.answers.insert(keys::EFFECT.into(), Answer::Text("Tryggare barn".into()));
        answers.answers.insert(keys::SUBGOALS.into(), Answer::List(vec![]));
        let files = vec![file];
        assert_eq!(answer_count(&files, keys::EFFECT), 1);
        assert_eq!(answer_count(&files, keys::SUBGOALS), 0, "an empty answer is not an answer");
        let removed = remove(&mut w.questions, keys::EFFECT).unwrap();
        assert_eq!(removed.key, keys::EFFECT);
        assert_eq!(w.questions.len(), 3);
        assert!(matches!(remove(&mut w.questions, keys::EFFECT), Err(QuestionError::UnknownKey(_))));
        // a new question with the same words must not take the answered key
        let reserved = answer_keys(&files);
        let key =
            add(&mut w.questions, QuestionKind::Text, Bilingual::new("Effekt", ""), Bilingual::default(), &reserved);
        assert_eq!(key, "effekt-2");
    }

    #[test]
    fn add_gives_stable_unique_keys() {
        let mut qs = default_questions();
        let none = BTreeSet::new();
        let (kind, prompt, guidance) = suggestions().remove(0);
        let k1 = add(&mut qs, kind, prompt.clone(), guidance.clone(), &none);
        let k2 = add(&mut qs, kind, prompt, guidance, &none);
        assert_eq!((k1.as_str(), k2.as_str()), ("vem-ager-malet", "vem-ager-malet-2"));
        let k3 = add(&mut qs, QuestionKind::Verdict, Bilingual::default(), Bilingual::default(), &none);
        assert_eq!(k3, "fraga");
        assert_eq!(qs.len(), 7);
        assert_eq!(qs[6].kind, QuestionKind::Verdict);
    }
}
