//! The open group: its file, how it is being saved, and the undo history
//! of the goals left while it is open. No drawing here.

use std::collections::BTreeMap;
use std::path::PathBuf;

use uuid::Uuid;

use super::fields::Focus;
use super::save::SaveState;
use crate::domain::model::{GoalAnswers, Group, GroupFile};

/// Undo steps kept per goal.
pub const UNDO_LIMIT: usize = 200;

/// The open group: its file and how it is being saved.
#[derive(Debug)]
pub struct GroupSession {
    pub group: Group,
    pub path: PathBuf,
    pub file: GroupFile,
    pub read_only: bool,
    pub save: SaveState,
    /// Undo history of goals left while the group is open.
    pub history: BTreeMap<Uuid, History>,
}

/// One undo step: a goal's answers before a change.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub answers: GoalAnswers,
    /// The key of the step's question (never its position).
    pub key: String,
    pub focus: Focus,
}

/// Undo and redo of one goal, kept while its group is open, so that leaving
/// the goal and coming back still undoes (a deleted sub-goal comes back).
#[derive(Debug, Default)]
pub struct History {
    pub undo: Vec<Snapshot>,
    pub redo: Vec<Snapshot>,
}
