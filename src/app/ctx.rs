//! What a screen is given, and what it answers.
//!
//! A screen never sees `App`: drawing gets a [`Ctx`] (the language, theme,
//! keymap, clock and the shared sessions, read-only), handling a key gets a
//! [`Cx`] (the same, with the sessions writable and the effects to push),
//! and the screen answers with an [`Outcome`]. To go elsewhere it returns
//! [`Outcome::Go`] with a [`Route`]: only `route.rs` builds screen states.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::keymap::Keymap;
use super::msg::{Effect, Loaded};
use super::session::group::GroupSession;
use super::session::outline::OutlineSession;
use super::session::quality::Quality;
use super::widgets::theme::Theme;
use crate::domain::model::Workshop;
use crate::i18n::Lang;
use crate::kolada::Catalogue;

/// Where a screen asks to go. Data only: `route.rs` builds the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    /// The workshops (and a fresh listing of the folder).
    Start,
    /// The workshop's groups.
    Groups,
    /// The open group's goals, with one selected.
    Goals { selected: usize },
    /// The facilitator's menu (back where the facilitator came from).
    Menu,
    /// Leave the facilitator's screens, back where they were opened.
    LeaveFacil,
    /// The round timer's control.
    Timer,
    /// A new workshop.
    SetupNew,
    /// Edit the open workshop.
    SetupEdit,
    /// The plenary: one goal at a time, or the overview.
    Plenary { overview: bool },
    /// The merged outline and its review.
    Outline,
    /// The export dialog for the merged outline.
    ExportOutline,
    /// The export dialog for the open group's file.
    ExportGroup,
}

/// A screen's answer to a key, a paste or a click.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Outcome {
    /// Handled here.
    #[default]
    Consumed,
    /// Not this screen's key.
    Ignored,
    /// Go to another screen.
    Go(Route),
    /// Show the help over the screen.
    Help,
}

/// What drawing gets: everything read-only.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    /// The wall clock (the timer, "sparad 14:02").
    pub now: DateTime<Utc>,
    pub sessions: &'a PathBuf,
    /// Started with `--group`: this terminal stays on that group.
    pub fixed_group: &'a Option<String>,
    pub loaded: &'a Option<Loaded>,
    pub group: &'a Option<GroupSession>,
    pub outline: &'a Option<OutlineSession>,
    /// The goal-quality check's cached reports and word lists.
    pub quality: &'a Quality,
    pub kolada: &'a Option<Arc<Catalogue>>,
}

impl<'a> Ctx<'a> {
    pub fn workshop(&self) -> Option<&'a Workshop> {
        self.loaded.as_ref().map(|l| &l.workshop)
    }

    /// A text of the app's catalogue.
    pub fn t(&self, key: crate::i18n::tui::T) -> String {
        key.get(self.lang).to_string()
    }

    /// A text of the facilitator's catalogue.
    pub fn ts(&self, key: crate::i18n::setup::T) -> String {
        key.get(self.lang).to_string()
    }
}

/// What handling input gets: the sessions writable, the effects to push.
pub struct Cx<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub now: DateTime<Utc>,
    /// The monotonic clock of this message (autosave deadlines).
    pub instant: Instant,
    pub sessions: &'a PathBuf,
    pub fixed_group: &'a Option<String>,
    pub loaded: &'a mut Option<Loaded>,
    pub group: &'a mut Option<GroupSession>,
    pub outline: &'a mut Option<OutlineSession>,
    pub quality: &'a mut Quality,
    pub kolada: &'a Option<Arc<Catalogue>>,
    /// A short notice for the status bar ("Skrivskyddad").
    pub notice: &'a mut Option<String>,
    /// The terminal's size (the body's geometry for mouse hits).
    pub size: (u16, u16),
    pub fx: &'a mut Vec<Effect>,
}

impl<'a> Cx<'a> {
    /// The same, read-only.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lang: self.lang,
            theme: self.theme,
            keymap: self.keymap,
            now: self.now,
            sessions: self.sessions,
            fixed_group: self.fixed_group,
            loaded: self.loaded,
            group: self.group,
            outline: self.outline,
            quality: self.quality,
            kolada: self.kolada,
        }
    }

    pub fn workshop(&self) -> Option<&Workshop> {
        self.loaded.as_ref().map(|l| &l.workshop)
    }

    pub fn t(&self, key: crate::i18n::tui::T) -> String {
        key.get(self.lang).to_string()
    }

    pub fn ts(&self, key: crate::i18n::setup::T) -> String {
        key.get(self.lang).to_string()
    }

    /// The id of the open group, if any.
    pub fn group_id(&self) -> Option<Uuid> {
        self.group.as_ref().map(|g| g.group.id)
    }
}
