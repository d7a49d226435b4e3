//! What is filled in: per question of a goal, per goal, per group.

use crate::domain::model::{keys, GoalAnswers, Question, QuestionKind, Workshop};
use crate::i18n::tui::T;
use crate::i18n::Lang;
use crate::tr;

/// The short name of a question for step bars and progress marks.
pub fn short_label(q: &Question, lang: Lang) -> String {
    let key = match q.key.as_str() {
        keys::EFFECT => Some(T::StepEffect),
        keys::SUBGOALS => Some(T::StepSubgoals),
        keys::INDICATORS => Some(T::StepIndicators),
        keys::MEASURABILITY => Some(T::StepMeasurability),
        _ => None,
    };
    match key {
        Some(k) => k.get(lang).to_string(),
        None => {
            let prompt = q.prompt.get(lang).trim_end_matches('?');
            let mut words: Vec<&str> = prompt.split_whitespace().take(3).collect();
            if words.is_empty() {
                words.push(&q.key);
            }
            words.join(" ")
        }
    }
}

/// True when the question has an answer worth showing as done.
pub fn is_answered(a: Option<&GoalAnswers>, q: &Question) -> bool {
    a.and_then(|a| a.answers.get(&q.key)).is_some_and(|x| !x.is_empty())
}

/// One mark per question: "✓ Effekt", "3 delmål", "– Mätbarhet".
pub fn marks(a: Option<&GoalAnswers>, questions: &[Question], lang: Lang) -> Vec<(bool, String)> {
    questions
        .iter()
        .map(|q| {
            let label = short_label(q, lang);
            let done = is_answered(a, q);
            let text = match q.kind {
                QuestionKind::List | QuestionKind::Indicators => {
                    let n = a
                        .map(|a| match q.kind {
                            QuestionKind::List => a.list(&q.key).len(),
                            _ => a.indicators(&q.key).len(),
                        })
                        .unwrap_or(0);
                    let unit = match (q.kind, q.key.as_str()) {
                        (_, keys::SUBGOALS) if n == 1 => tr!(lang, T::OneSubgoal),
                        (_, keys::INDICATORS) if n == 1 => tr!(lang, T::OneIndicator),
                        (_, keys::SUBGOALS) => tr!(lang, T::CountSubgoals, n = n),
                        (_, keys::INDICATORS) => tr!(lang, T::CountIndicators, n = n),
                        _ => format!("{n} {}", label.to_lowercase()),
                    };
                    if done {
                        format!("✓ {unit}")
                    } else {
                        format!("– {unit}")
                    }
                }
                QuestionKind::Verdict => match a.and_then(|a| a.verdict(&q.key)).and_then(|v| v.verdict) {
                    Some(v) => format!("✓ {label}: {}", v.label(lang)),
                    None if done => format!("✓ {label}"),
                    None => format!("– {label}"),
                },
                QuestionKind::Text => format!("{} {label}", if done { "✓" } else { "–" }),
            };
            (done, text)
        })
        .collect()
}

/// (answered questions, all questions) over a group's goals.
pub fn group_progress(w: &Workshop, goals: &[uuid::Uuid], file: Option<&crate::domain::GroupFile>) -> (usize, usize) {
    let mut done = 0;
    let mut all = 0;
    for g in goals {
        let a = file.and_then(|f| f.answers(*g));
        for q in &w.questions {
            all += 1;
            done += usize::from(is_answered(a, q));
        }
    }
    (done, all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{default_questions, Answer, ListItem};

    #[test]
    fn marks_count_items_and_mark_empty_questions() {
        let qs = default_questions();
        let mut a = GoalAnswers::default();
        a.answers.insert(keys::EFFECT.into(), Answer::Text("Fler i arbete".into()));
        a.answers.insert(keys::SUBGOALS.into(), Answer::List(vec![ListItem::new("a"), ListItem::new("b")]));
        let m = marks(Some(&a), &qs, Lang::Sv);
        assert_eq!(m[0], (true, "✓ Önskad effekt".to_string()));
        assert_eq!(m[1], (true, "✓ 2 delmål".to_string()));
        assert_eq!(m[2], (false, "– 0 indikatorer".to_string()));
        assert_eq!(m[3], (false, "– Mätbarhet".to_string()));
    }
}
