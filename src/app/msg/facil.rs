//! The facilitator's screens' work for the shell and its answers.

use std::path::PathBuf;

use uuid::Uuid;

use crate::app::session::setup_rebase;
use crate::domain::outline::Outline;
use crate::domain::{GroupFile, Question, Workshop};
use crate::store::outline::ReadFile;

pub use crate::domain::timer::TimerOp;

/// What the facilitator's screens ask the shell to do.
#[derive(Clone, Debug, PartialEq)]
pub enum FacilEffect {
    /// Read a goal list; answered with [`FacilMsg::GoalFile`].
    ReadGoalFile(PathBuf),
    /// Create a new workshop folder under the sessions folder and open it.
    Create {
        sessions: PathBuf,
        workshop: Box<Workshop>,
    },
    /// Save an edited workshop: re-read workshop.ron, apply what the editor
    /// changed since `base` (as it was when the editor opened) onto it by
    /// stable ids, save (see `setup::rebase`).
    /// `removed` lists what the editor removed (questions, goals) with the
    /// answer counts the facilitator accepted; when the groups' files hold
    /// more at save time, nothing is saved and the shell answers with
    /// [`FacilMsg::RemovedAnswered`] so the facilitator is asked again.
    SaveSetup {
        root: PathBuf,
        base: Box<Workshop>,
        workshop: Box<Workshop>,
        removed: Vec<(Removal, usize)>,
    },
    /// Change the timer in workshop.ron (re-read, change, save).
    Timer {
        root: PathBuf,
        op: TimerOp,
    },
    ListTemplates,
    SaveTemplate {
        name: String,
        questions: Vec<Question>,
    },
    /// Read the groups' files now, to count answers before removing.
    LoadGroupFiles(PathBuf),
    /// Read every file of `groups/` and outline.ron for the outline screen,
    /// then watch `groups/`; answered with [`FacilMsg::Outline`].
    LoadOutline(PathBuf),
    /// Save outline.ron atomically, off the input path; answered with
    /// [`FacilMsg::OutlineSaved`].
    SaveOutline {
        path: PathBuf,
        generation: u64,
        outline: Box<crate::domain::outline::Outline>,
    },
}

/// The shell's answers.
#[derive(Debug)]
pub enum FacilMsg {
    GoalFile {
        name: String,
        bytes: Result<Vec<u8>, String>,
    },
    Created(Result<PathBuf, String>),
    /// The workshop as saved, and what was changed both here and elsewhere.
    SetupSaved(Result<(Box<Workshop>, Vec<setup_rebase::Conflict>), String>),
    /// Not saved: groups wrote more about something removed than the
    /// facilitator accepted; the counts now.
    RemovedAnswered(Vec<(Removal, usize)>),
    TimerSaved(Result<Box<Workshop>, String>),
    Templates(Result<Vec<(String, Vec<Question>)>, String>),
    TemplateSaved(Result<String, String>),
    GroupFiles(Vec<crate::domain::GroupFile>),
    /// The files of `groups/` (and outline.ron when opening).
    Outline(OutlineFiles),
    OutlineSaved {
        generation: u64,
        result: Result<(), String>,
    },
}

/// Something the editor removed whose answers stay in the groups' files.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Removal {
    /// A question, by key.
    Question(String),
    Goal(Uuid),
}

impl Removal {
    /// How many answers the groups' files hold for it.
    pub fn count(&self, files: &[GroupFile]) -> usize {
        match self {
            Removal::Question(key) => crate::domain::questions::answer_count(files, key),
            Removal::Goal(id) => crate::domain::setup::goal_answer_count(files, *id),
        }
    }
}

/// What the shell read: the files of `groups/` and, when opening, outline.ron.
#[derive(Debug)]
pub struct OutlineFiles {
    pub files: Vec<ReadFile>,
    /// Files that could not be read, as messages naming them.
    pub unreadable: Vec<String>,
    /// outline.ron when the screen opens (`Ok(None)`: not merged yet);
    /// `None` for a re-read after a group file changed.
    pub previous: Option<Result<Option<Outline>, String>>,
}
