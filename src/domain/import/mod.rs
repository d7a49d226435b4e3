//! Reading goal lists. Pure: takes text, returns goals and problems per line.

pub mod text;

use crate::domain::Goal;
use crate::i18n::{import::T, Lang};
use crate::tr;

/// A problem on one line of an imported file (1-based line number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    EmptyWording,
    DuplicateCode(String),
    Unreadable(String),
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match &self.kind {
            ProblemKind::EmptyWording => tr!(lang, T::EmptyWording),
            ProblemKind::DuplicateCode(code) => tr!(lang, T::DuplicateCode, code = code),
            ProblemKind::Unreadable(detail) => tr!(lang, T::Unreadable, detail = detail),
        }
    }

    /// Errors stop an import; the rest are shown but allowed.
    pub fn is_error(&self) -> bool {
        matches!(self.kind, ProblemKind::Unreadable(_) | ProblemKind::DuplicateCode(_))
    }
}

/// What an import would produce, shown before anything is created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub goals: Vec<Goal>,
    pub problems: Vec<Problem>,
}

impl Preview {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// Flag codes that appear more than once (compared case-insensitively).
pub(crate) fn flag_duplicate_codes(goals: &[(usize, Goal)], problems: &mut Vec<Problem>) {
    let mut seen = std::collections::BTreeMap::new();
    for (line, goal) in goals {
        if let Some(code) = goal.code.as_deref().filter(|c| !c.is_empty()) {
            if seen.insert(code.to_lowercase(), *line).is_some() {
                problems.push(Problem { line: *line, kind: ProblemKind::DuplicateCode(code.to_string()) });
            }
        }
    }
}
