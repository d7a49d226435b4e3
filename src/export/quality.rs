//! The quality section of every export (see `docs/quality.md`): per goal the
//! score of `domain::quality` and each finding with its suggestion, already
//! resolved to text in the document's language.

use serde::Serialize;

use super::clean::clean_owned;
use crate::domain::quality::GoalReport;
use crate::i18n::{export::T as E, Lang};
use crate::tr;

/// The quality check of one goal for one group's answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QualityNote {
    /// The goal's label ("1.2 Wording").
    pub goal: String,
    /// The group whose answers were checked; empty in a group's own export.
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
