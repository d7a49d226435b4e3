//! An export the shell renders and writes, and its answer.

use std::path::PathBuf;

use uuid::Uuid;

use crate::domain::{GroupFile, Workshop};
use crate::export::Format;

/// What is exported.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// The workshop's merged outline (merged first when missing or stale).
    Outline,
    /// One group's own work, as it is on screen (saved or not).
    Group { group: Uuid, file: Box<GroupFile> },
}

/// The shell's work: render `target` of the workshop in `root` as `format`
/// into the workshop's `exports/`, under a new name (never over a file).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub root: PathBuf,
    pub workshop: Box<Workshop>,
    pub target: Target,
    pub format: Format,
}

/// What the shell answers: the path written and a note, or the error in words.
pub type ExportResult = Result<(PathBuf, Option<String>), String>;
