//! The quality section of every export (see `docs/quality.md`): per goal the
//! score of `domain::quality` and each finding with its suggestion, already
//! resolved to text in the document's language.

use serde::Serialize;

use super::doc::clean_owned;
use crate::domain::outline::{Content, OutlineGoal, SectionBody, Status};
use crate::domain::quality::GoalReport;
use crate::domain::{Answer, GoalAnswers, Indicator, ListItem, VerdictAnswer};
use crate::i18n::{export::T as E, Lang};
use crate::tr;

/// The quality check of one goal (for one group, or for the merged outline).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QualityNote {
    /// The goal's label ("1.2 Wording").
    pub goal: String,
    /// The group whose answers were checked; empty for the merged outline
    /// and for a group's own export.
    pub group: String,
    /// 0–100.
    pub score: u8,
    /// The band's word: "Utvärderingsbart", "Delvis", "Luddigt".
    pub band: &'static str,
    pub findings: Vec<QualityFinding>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QualityFinding {
    /// "Fel", "Varning" or "Tips".
    pub severity: &'static str,
    /// The stable code, e.g. `target-no-year`.
    pub code: &'static str,
    pub message: String,
    pub suggestion: String,
}

impl QualityNote {
    /// "1.2 Wording" or "1.2 Wording – Grupp 2".
    pub fn heading(&self) -> String {
        if self.group.is_empty() {
            self.goal.clone()
        } else {
            format!("{} – {}", self.goal, self.group)
        }
    }

    /// "Poäng 64 av 100: Delvis".
    pub fn score_line(&self, lang: Lang) -> String {
        tr!(lang, E::QualityScore, score = self.score, band = self.band)
    }
}

impl QualityFinding {
    /// "message Förslag: suggestion".
    pub fn line(&self, lang: Lang) -> String {
        format!("{} {}: {}", self.message, E::Suggestion.get(lang), self.suggestion)
    }
}

/// A report as a note of the document. `goal` (the section's label) and
/// `group` are texts of the document, already cleaned.
pub fn entry(lang: Lang, goal: String, group: &str, report: &GoalReport) -> QualityNote {
    QualityNote {
        goal,
        group: group.to_string(),
        score: report.score,
        band: report.band().label(lang),
        findings: report
            .findings
            .iter()
            .map(|f| QualityFinding {
                severity: f.severity.label(lang),
                code: f.code.as_str(),
                message: clean_owned(f.message(lang)),
                suggestion: clean_owned(f.suggestion(lang)),
            })
            .collect(),
    }
}

/// What the merged outline holds for a goal, as one set of answers the
/// quality check can read: every group's effects together, the items that
/// were not dropped (as the facilitator left them), indicator links pointing
/// at the outline's items, and the first verdict given (one with a comment
/// preferred).
pub fn outline_answers(goal: &OutlineGoal) -> GoalAnswers {
    let mut answers = GoalAnswers::default();
    // Original sub-goal id -> the outline item's key, for indicator links.
    // Ids compared as integers: a Uuid's own comparison calls memcmp.
    let item_key = |id: uuid::Uuid| {
        let id = id.as_u128();
        goal.sections
            .iter()
            .flat_map(|s| s.items())
            .find(|i| i.members.iter().any(|m| m.id.as_u128() == id))
            .map(|i| i.key)
    };
    for s in &goal.sections {
        let answer = match &s.body {
            SectionBody::Text(entries) => {
                let texts: Vec<&str> = entries.iter().flat_map(|e| e.versions.iter().map(String::as_str)).collect();
                Answer::Text(texts.join("\n\n"))
            }
            SectionBody::List(items) => Answer::List(
                items
                    .iter()
                    .filter(|i| i.status != Status::Dropped)
                    .map(|i| {
                        let owner = match i.versions().next().map(|v| &v.content) {
                            Some(Content::List(li)) => li.owner.clone(),
                            _ => String::new(),
                        };
                        ListItem { id: i.key, text: i.text.clone(), owner }
                    })
                    .collect(),
            ),
            SectionBody::Indicators(items) => Answer::Indicators(
                items
                    .iter()
                    .filter(|i| i.status != Status::Dropped)
                    .filter_map(|i| match i.versions().next().map(|v| &v.content) {
                        // Field by field: the id, name and link are the outline's.
                        Some(Content::Indicator(ind)) => Some(Indicator {
                            id: i.key,
                            name: i.text.clone(),
                            definition: ind.definition.clone(),
                            source: ind.source.clone(),
                            kolada: ind.kolada.clone(),
                            baseline: ind.baseline.clone(),
                            target: ind.target.clone(),
                            frequency: ind.frequency.clone(),
                            responsible: ind.responsible.clone(),
                            subgoal: ind.subgoal.and_then(item_key),
                        }),
                        _ => None,
                    })
                    .collect(),
            ),
            SectionBody::Verdicts(v) => {
                let versions: Vec<_> = v.groups.iter().flat_map(|g| g.versions.iter()).collect();
                let best = versions
                    .iter()
                    .find(|v| v.verdict.is_some() && !v.how.trim().is_empty())
                    .or_else(|| versions.iter().find(|v| v.verdict.is_some()))
                    .or_else(|| versions.first());
                match best {
                    Some(v) => Answer::Verdict(VerdictAnswer { verdict: v.verdict, how: v.how.clone() }),
                    None => continue,
                }
            }
        };
        answers.answers.entry(s.key.clone()).or_insert(answer);
    }
    answers
}
