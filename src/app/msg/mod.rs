//! What the app hears (`Msg`) and what it asks the shell to do (`Effect`),
//! with the results the shell hands back: the app's messages as data.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseEvent};
use uuid::Uuid;

pub mod export;
pub mod facil;

use crate::app::session::save;
use crate::domain::model::{GroupFile, Workshop};
use crate::store::{WorkshopDir, WorkshopSummary};

/// Something that happened: a key, a paste, a result from the shell.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Time passes (autosave deadlines, the timer); `wall` for the clock.
    Tick(DateTime<Utc>),
    Workshops(Vec<WorkshopSummary>),
    WorkshopLoaded(Result<Box<Loaded>, String>),
    /// workshop.ron changed on disk (timer started, goals edited).
    WorkshopChanged(Box<Workshop>),
    /// A group's file was loaded; `locked_by` names another terminal holding it.
    GroupOpened(Box<GroupOpened>),
    GroupOpenFailed(String),
    /// A save finished: the edit generation it saved, and when or why not.
    Saved {
        generation: u64,
        result: Result<DateTime<Utc>, String>,
    },
    /// What a save did beyond saving (merged, a copy, another folder);
    /// comes just before its [`Msg::Saved`].
    SaveNote(Box<save::SaveNote>),
    /// SIGTERM/SIGHUP or a dead terminal: save and leave.
    Terminate,
    /// The open group's file on disk is no longer what this process last
    /// wrote (a sync tool put another version in place, or removed it):
    /// save now, so that the saver merges it with what the screen shows.
    GroupFileChanged,
    /// A result for the facilitator's screens.
    Facil(facil::FacilMsg),
    /// An export finished: the path written, or the error in words.
    Exported(export::ExportResult),
    /// Kolada's KPI catalogue, loaded off the event loop at startup, for
    /// the indicator form's suggestions.
    Kolada(std::sync::Arc<crate::kolada::Catalogue>),
    /// The best KPIs for a query of the indicator form, from the shell's
    /// search worker (answers [`Effect::KoladaSearch`]).
    KoladaHits {
        query: String,
        hits: Vec<crate::kolada::Kpi>,
    },
}

/// A group file as the shell loaded it.
#[derive(Debug)]
pub struct GroupOpened {
    pub group: Uuid,
    pub file: GroupFile,
    /// "host, process 1234, since 14:02" when another terminal holds the lock.
    pub locked_by: Option<String>,
    /// Unsaved text a crashed run left behind, with its file.
    pub recovery: Option<(PathBuf, GroupFile)>,
}

/// A loaded workshop with the group files found beside it (for progress).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dir: WorkshopDir,
    pub workshop: Workshop,
    pub group_files: BTreeMap<Uuid, GroupFile>,
}

/// What the shell must do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    ListWorkshops,
    InstallDemo,
    OpenWorkshop(PathBuf),
    /// Load (and lock, unless read-only) a group's file.
    OpenGroup {
        group: Uuid,
        read_only: bool,
    },
    /// Release the lock of the open group.
    CloseGroup,
    Save {
        generation: u64,
        path: PathBuf,
        file: Box<GroupFile>,
    },
    /// Move a recovery file aside once it was restored or declined.
    DiscardRecovery(PathBuf),
    Quit,
    /// Work for the facilitator's screens (setup, timer).
    Facil(facil::FacilEffect),
    /// Render and write an export; answered with [`Msg::Exported`].
    Export(export::ExportRequest),
    /// Search Kolada's catalogue for the indicator form off the event loop;
    /// answered with [`Msg::KoladaHits`].
    KoladaSearch(String),
}
