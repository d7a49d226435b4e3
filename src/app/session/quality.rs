//! The goal-quality check's reports for the open group, cached per goal
//! and stamped with the group file's edit generation and an epoch that
//! changes when the workshop, the open group or the word lists change, so
//! that redraws, cursor moves and step changes never run the check; typing
//! runs it for the one goal being written, after every edit or, in the
//! terminal, at most every [`THROTTLE`] while keys keep coming. Each report
//! carries the number of the check that made it ([`Quality::report_run`]).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use uuid::Uuid;

use super::group::GroupSession;
use crate::domain::model::Workshop;
use crate::domain::quality::{self, GoalReport, WordLists};

/// What a cached report was computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    epoch: u64,
    generation: u64,
}

/// The panel on the measurability step: shown or folded to one line, and
/// how far it is scrolled. Kept across goals, so a group that hid it once
/// does not have to hide it again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PanelState {
    /// `None`: shown when there is room (not at 80×24); `Some` after F5.
    pub open: Option<bool>,
    /// First line of the findings shown.
    pub scroll: u16,
}

/// A cached report: what it was computed from and which check made it.
struct Entry {
    stamp: Stamp,
    run: u64,
    report: GoalReport,
}

/// The word lists, the cached reports and the panel's state.
pub struct Quality {
    words: WordLists,
    epoch: u64,
    reports: BTreeMap<Uuid, Entry>,
    runs: u64,
    pub panel: PanelState,
    /// While keys keep coming, the goal being written is checked at most
    /// this often (the terminal sets it; `None` checks after every edit).
    pub throttle: Option<Duration>,
    last_run: Option<Instant>,
    /// A check put off by the throttle is due then (a deadline for the loop).
    pub due: Option<Instant>,
}

/// The terminal's throttle: the panel follows the typing within this.
pub const THROTTLE: Duration = Duration::from_millis(250);

impl Quality {
    pub fn new(words: WordLists) -> Quality {
        Quality {
            words,
            epoch: 0,
            reports: BTreeMap::new(),
            runs: 0,
            panel: PanelState::default(),
            throttle: None,
            last_run: None,
            due: None,
        }
    }

    /// Use other word lists (the user's file merged on the shipped ones).
    pub fn set_words(&mut self, words: WordLists) {
        self.words = words;
        self.invalidate();
    }

    /// The word lists in use (shared with the plenary's badges).
    pub fn words(&self) -> &WordLists {
        &self.words
    }

    /// The workshop or the open group changed as a whole: check again.
    pub fn invalidate(&mut self) {
        self.epoch += 1;
    }

    /// How many times the check has run (for tests and measurements).
    pub fn runs(&self) -> u64 {
        self.runs
    }

    /// The report of a goal of the open group, as of the last [`refresh`].
    pub fn report(&self, goal: Uuid) -> Option<&GoalReport> {
        self.reports.get(&goal).map(|e| &e.report)
    }

    /// Which check made that report: every run of the check has a new
    /// number, so two reports with the same number are the same report.
    pub fn report_run(&self, goal: Uuid) -> Option<u64> {
        self.reports.get(&goal).map(|e| e.run)
    }
}

impl Default for Quality {
    fn default() -> Quality {
        Quality::new(WordLists::embedded())
    }
}

impl Quality {
    /// Re-check `on_screen` (goals of the open group) whose answers changed
    /// since their report. While `typing` (the wizard), an edit within the
    /// throttle of the last check keeps the old report and sets
    /// [`Quality::due`]; the check runs when it is due.
    pub fn refresh(
        &mut self,
        workshop: &Workshop,
        group: &GroupSession,
        on_screen: &[Uuid],
        typing: bool,
        now: Instant,
    ) {
        let q = self;
        let stamp = Stamp { epoch: q.epoch, generation: group.save.generation };
        for &id in on_screen {
            let cached = q.reports.get(&id).map(|e| e.stamp);
            if cached == Some(stamp) {
                continue;
            }
            if let (true, Some(s), Some(every), Some(last)) = (typing, cached, q.throttle, q.last_run) {
                // Only newer answers (not another workshop or word list) wait.
                if s.epoch == stamp.epoch && now < last + every {
                    q.due = Some(last + every);
                    continue;
                }
            }
            let Some(goal) = workshop.goal(id) else { continue };
            let report = quality::goal_report(workshop, Some(&group.file), goal, &q.words);
            q.runs += 1;
            q.reports.insert(id, Entry { stamp, run: q.runs, report });
            q.last_run = Some(now);
            q.due = None;
        }
    }
}
