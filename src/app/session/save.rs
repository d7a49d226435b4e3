//! When to save: the autosave rules as a small state machine driven by
//! the clock the shell passes in (so tests control time).

use std::time::{Duration, Instant};

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};

use crate::domain::GroupFile;

/// Save this long after typing stops …
pub const IDLE: Duration = Duration::from_millis(800);
/// … and at least this often during continuous typing.
pub const MAX_UNSAVED: Duration = Duration::from_secs(4);
/// Retry a failed save after this long.
pub const RETRY: Duration = Duration::from_secs(3);

/// The save state of the open group.
#[derive(Debug, Default)]
pub struct SaveState {
    /// Unsaved edits exist.
    pub dirty: bool,
    /// Count of edits; a save carries the generation it wrote.
    pub generation: u64,
    pub first_unsaved: Option<Instant>,
    pub last_edit: Option<Instant>,
    /// The generation of the save running now.
    pub in_flight: Option<u64>,
    /// Save as soon as nothing is in flight (Ctrl-S, step change, quit).
    pub forced: bool,
    pub last_saved: Option<DateTime<Utc>>,
    /// Why the last save failed, until one succeeds.
    pub error: Option<String>,
    pub retry_at: Option<Instant>,
    /// What the user must know about where the text is, in words (a
    /// conflict copy, a lost lock, another folder); kept while the group is open.
    pub note: Option<String>,
    /// Like `note`, until the next key.
    pub flash: Option<String>,
    /// Where the last save went when that is not the group's own file.
    pub saved_to: Option<PathBuf>,
    /// The group's own file while saves go to another folder (F2).
    pub home: Option<PathBuf>,
}

/// What a save did beyond "saved": sent by the saver just before the
/// [`crate::app::Msg::Saved`] of the same generation.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveNote {
    pub generation: u64,
    /// The file as sent for this save, and what was written instead: ours
    /// merged with a version another program put on disk.
    pub replaced: Option<(Box<GroupFile>, Box<GroupFile>)>,
    /// Where it was saved, when not the path the save was sent for.
    pub saved_to: Option<PathBuf>,
    /// Said in the hint line until the next key.
    pub notice: Option<String>,
    /// Kept in the status bar while the group is open.
    pub note: Option<String>,
}

impl SaveState {
    /// Record an edit at `now`.
    pub fn edited(&mut self, now: Instant) {
        self.dirty = true;
        self.generation += 1;
        self.last_edit = Some(now);
        self.first_unsaved.get_or_insert(now);
    }

    /// Ask for a save as soon as possible.
    pub fn force(&mut self, _now: Instant) {
        if self.dirty {
            self.forced = true;
        }
    }

    pub fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// When a save becomes due, if there is anything to save.
    pub fn deadline(&self) -> Option<Instant> {
        if !self.dirty || self.in_flight.is_some() {
            return None;
        }
        if self.forced {
            return self.last_edit.or(self.first_unsaved);
        }
        if let Some(retry) = self.retry_at {
            return Some(retry);
        }
        let idle = self.last_edit.map(|t| t + IDLE);
        let max = self.first_unsaved.map(|t| t + MAX_UNSAVED);
        match (idle, max) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Start a save when one is due; returns its generation.
    pub fn start_if_due(&mut self, now: Instant) -> Option<u64> {
        if !self.dirty || self.in_flight.is_some() {
            return None;
        }
        let due = self.forced || self.deadline().is_some_and(|d| d <= now);
        if !due {
            return None;
        }
        self.forced = false;
        self.retry_at = None;
        self.in_flight = Some(self.generation);
        Some(self.generation)
    }

    /// A save finished.
    pub fn finished(&mut self, generation: u64, result: Result<DateTime<Utc>, String>, now: Instant) {
        if self.in_flight == Some(generation) {
            self.in_flight = None;
        }
        match result {
            Ok(at) => {
                self.last_saved = Some(at);
                self.error = None;
                self.retry_at = None;
                if self.generation == generation {
                    self.dirty = false;
                    self.first_unsaved = None;
                } else {
                    // Edits arrived while saving: they count from now.
                    self.first_unsaved = Some(now);
                }
            }
            Err(e) => {
                self.error = Some(e);
                self.retry_at = Some(now + RETRY);
            }
        }
    }

    /// The folder saves go to instead of the group's own, for the status bar.
    pub fn away_folder(&self) -> Option<String> {
        self.home.as_ref()?;
        self.saved_to.as_ref().and_then(|p| p.parent()).map(|p| p.display().to_string())
    }

    /// "14:02:11" in local time, for the status bar.
    pub fn saved_clock(&self) -> Option<String> {
        self.last_saved.map(|t| t.with_timezone(&Local).format("%H:%M:%S").to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_after_a_pause_and_during_continuous_typing() {
        let t0 = Instant::now();
        let mut s = SaveState::default();
        s.edited(t0);
        assert_eq!(s.start_if_due(t0 + Duration::from_millis(300)), None);
        // Continuous typing every 300 ms: never idle, but a save within 5 s.
        let mut saved_at = None;
        for i in 1..30u64 {
            let now = t0 + Duration::from_millis(300 * i);
            s.edited(now);
            if s.start_if_due(now).is_some() {
                saved_at = Some(now - t0);
                break;
            }
        }
        let after = saved_at.expect("a save during continuous typing");
        assert!(after <= Duration::from_secs(5), "{after:?}");
        // After a pause, a save within 1 s.
        let mut s = SaveState::default();
        s.edited(t0);
        assert!(s.start_if_due(t0 + Duration::from_secs(1)).is_some());
    }

    #[test]
    fn failure_keeps_dirty_and_retries() {
        let t0 = Instant::now();
        let mut s = SaveState::default();
        s.edited(t0);
        s.force(t0);
        let g = s.start_if_due(t0).unwrap();
        s.finished(g, Err("disk full".into()), t0);
        assert!(s.dirty && s.failed());
        assert_eq!(s.start_if_due(t0 + Duration::from_secs(1)), None);
        let g = s.start_if_due(t0 + RETRY).expect("retry");
        s.finished(g, Ok(Utc::now()), t0 + RETRY);
        assert!(!s.dirty && !s.failed());
    }

    #[test]
    fn edits_during_a_save_stay_dirty() {
        let t0 = Instant::now();
        let mut s = SaveState::default();
        s.edited(t0);
        s.force(t0);
        let g = s.start_if_due(t0).unwrap();
        s.edited(t0);
        s.finished(g, Ok(Utc::now()), t0);
        assert!(s.dirty);
    }
}
