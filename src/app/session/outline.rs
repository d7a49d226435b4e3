//! The outline under review, kept in memory: re-merged whenever a group
//! file changes, with the review's undo/redo and the state of its saves.

use chrono::{DateTime, Utc};

use crate::domain::merge;
use crate::domain::merge::review::{self, Op, ReviewError, Undo};
use crate::domain::model::Workshop;
use crate::domain::outline::Outline;
use crate::store::outline::ReadFile;

/// The outline being reviewed, with what it was merged from.
#[derive(Debug)]
pub struct OutlineSession {
    /// The merged outline with every review decision (the truth in memory;
    /// outline.ron follows it through saves).
    pub outline: Outline,
    /// The files of `groups/` it was merged from, by file name.
    pub files: Vec<ReadFile>,
    /// Files that could not be read the last time (named, never skipped silently).
    pub unreadable: Vec<String>,
    /// Why the stored outline.ron or the merge could not be used.
    pub error: Option<String>,
    /// When the group files were last merged (shown as "senast uppdaterad").
    pub updated: Option<DateTime<Utc>>,
    undo: Vec<(Op, Undo)>,
    redo: Vec<Op>,
    /// The edit generation: bumped by every change that must be saved.
    pub generation: u64,
    /// The generation last written to disk.
    pub saved: u64,
    /// A save is running for this generation.
    pub in_flight: Option<u64>,
    /// Why the last save failed.
    pub save_error: Option<String>,
    /// outline.ron could not be read or belongs to another workshop: it is
    /// never overwritten (the review works in memory, and says so).
    pub keep_file: bool,
}

/// The inputs of a merge, named as `malverkstad merge` names them.
pub use crate::store::outline::merge_inputs as inputs;

impl OutlineSession {
    /// Merge `files` with the decisions of `previous` (outline.ron as stored).
    pub fn new(
        workshop: &Workshop,
        files: Vec<ReadFile>,
        unreadable: Vec<String>,
        previous: Option<&Outline>,
        now: DateTime<Utc>,
    ) -> Result<OutlineSession, merge::MergeError> {
        let outline = merge::merge(workshop, &inputs(&files), previous)?;
        let changed = previous != Some(&outline);
        Ok(OutlineSession {
            outline,
            files,
            unreadable,
            error: None,
            updated: Some(now),
            undo: Vec::new(),
            redo: Vec::new(),
            generation: u64::from(changed),
            saved: 0,
            in_flight: None,
            save_error: None,
            keep_file: false,
        })
    }

    /// The group files changed on disk: merge again. Every decision in
    /// memory (saved or not) is kept, because the outline in memory is the
    /// `previous` of the new merge. True when the outline changed.
    pub fn remerge(
        &mut self,
        workshop: &Workshop,
        files: Vec<ReadFile>,
        unreadable: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<bool, merge::MergeError> {
        let fresh = merge::merge(workshop, &inputs(&files), Some(&self.outline))?;
        self.files = files;
        self.unreadable = unreadable;
        self.updated = Some(now);
        let changed = fresh != self.outline;
        if changed {
            self.outline = fresh;
            self.generation += 1;
        }
        Ok(changed)
    }

    /// Apply a review operation (clears redo).
    pub fn apply(&mut self, op: Op) -> Result<(), ReviewError> {
        let undo = review::apply(&mut self.outline, &op)?;
        self.undo.push((op, undo));
        self.redo.clear();
        self.generation += 1;
        Ok(())
    }

    /// Undo the last operation; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some((op, undo)) = self.undo.pop() else { return false };
        review::undo(&mut self.outline, &undo);
        self.redo.push(op);
        self.generation += 1;
        true
    }

    /// Redo the last undone operation; false when there is none (or it no
    /// longer applies after a re-merge).
    pub fn redo(&mut self) -> bool {
        let Some(op) = self.redo.pop() else { return false };
        match review::apply(&mut self.outline, &op) {
            Ok(undo) => {
                self.undo.push((op, undo));
                self.generation += 1;
                true
            }
            Err(_) => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// True when the outline in memory has changes not yet on disk.
    pub fn dirty(&self) -> bool {
        self.generation != self.saved
    }

    /// The generation to save now, if a save is due and none is running.
    pub fn start_save(&mut self) -> Option<u64> {
        if self.dirty() && self.in_flight.is_none() {
            self.in_flight = Some(self.generation);
            return Some(self.generation);
        }
        None
    }

    /// A save finished.
    pub fn finished(&mut self, generation: u64, result: Result<(), String>) {
        if self.in_flight == Some(generation) {
            self.in_flight = None;
        }
        match result {
            Ok(()) => {
                self.saved = self.saved.max(generation);
                self.save_error = None;
            }
            Err(e) => self.save_error = Some(e),
        }
    }
}
