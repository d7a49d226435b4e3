//! "Är målet utvärderingsbart?" in the group TUI: the check's reports behind
//! the goal list's badges and the wizard's panel, and the panel's keys.
//!
//! The check is pure and cheap (a few goals, a few hundred words), but it is
//! not run while drawing: reports are cached per goal, stamped with the group
//! file's edit generation and an epoch that changes when the workshop, the
//! open group or the word lists change. [`refresh`] runs at the end of every
//! `App::update` and re-checks only the goals on screen whose stamp is old,
//! so redraws, cursor moves and step changes never run it; typing runs it
//! for the one goal being written, after every edit or, in the terminal, at
//! most every [`THROTTLE`] while keys keep coming.
//!
//! Each report carries the number of the check that made it ([`Quality::
//! report_run`]), so what is drawn from a report (the panel's wrapped lines,
//! cached in [`Quality::panel_cache`]) is rebuilt exactly when it changes.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use uuid::Uuid;

use super::{lists, wizard, Action, App, Screen};
use crate::domain::model::QuestionKind;
use crate::domain::quality::{self, GoalReport, WordLists};
use crate::i18n::quality::T;
use crate::i18n::Lang;

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
    /// The panel's wrapped lines, filled while drawing (keyed by the
    /// report's run, the width, the language and the theme).
    pub(crate) panel_cache: RefCell<super::view::quality::PanelCache>,
    /// While keys keep coming, the goal being written is checked at most
    /// this often (the terminal sets it; `None` checks after every edit).
    pub throttle: Option<Duration>,
    last_run: Option<Instant>,
    /// A check put off by the throttle is due then (a deadline for the loop).
    pub due: Option<Instant>,
}

/// The terminal's throttle: the panel follows the typing within this.
pub const THROTTLE: Duration = Duration::from_millis(250);

/// Lines one Alt-↓ / Alt-↑ scrolls.
const SCROLL_STEP: u16 = 2;

impl Quality {
    pub fn new(words: WordLists) -> Quality {
        Quality {
            words,
            epoch: 0,
            reports: BTreeMap::new(),
            runs: 0,
            panel: PanelState::default(),
            panel_cache: RefCell::default(),
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

/// Re-check the goals on screen whose answers changed since their report.
/// In the wizard, an edit within the throttle of the last check keeps the
/// old report and sets [`Quality::due`]; the check runs when it is due.
pub fn refresh(app: &mut App, now: Instant) {
    let on_screen: Vec<Uuid> = match &app.screen {
        Screen::Goals(_) => lists::group_goals(app).iter().map(|g| g.id).collect(),
        Screen::Wizard(w) => vec![w.goal],
        _ => return,
    };
    let (Some(loaded), Some(group)) = (&app.loaded, &app.group) else { return };
    let q = &mut app.quality;
    let stamp = Stamp { epoch: q.epoch, generation: group.save.generation };
    let typing = matches!(app.screen, Screen::Wizard(_));
    for id in on_screen {
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
        let Some(goal) = loaded.workshop.goal(id) else { continue };
        let report = quality::goal_report(&loaded.workshop, Some(&group.file), goal, &q.words);
        q.runs += 1;
        q.reports.insert(id, Entry { stamp, run: q.runs, report });
        q.last_run = Some(now);
        q.due = None;
    }
}

/// The report of the goal open in the wizard.
pub fn wizard_report(app: &App) -> Option<&GoalReport> {
    match &app.screen {
        Screen::Wizard(w) => app.quality.report(w.goal),
        _ => None,
    }
}

/// True when the wizard is on the measurability (verdict) step.
pub fn on_verdict_step(app: &App) -> bool {
    match &app.screen {
        Screen::Wizard(w) => wizard::question(app, w.step).is_some_and(|q| q.kind == QuestionKind::Verdict),
        _ => false,
    }
}

/// F5, Alt-↓ and Alt-↑ in the wizard. The focus stays where it is.
pub fn on_action(app: &mut App, action: Action, now: std::time::Instant, fx: &mut Vec<super::Effect>) {
    if !on_verdict_step(app) {
        // Elsewhere F5 goes to the measurability step with the panel shown.
        if action == Action::QualityPanel {
            let target = app.workshop().and_then(|w| w.questions.iter().position(|q| q.kind == QuestionKind::Verdict));
            if let Some(target) = target {
                app.quality.panel = PanelState { open: Some(true), scroll: 0 };
                wizard::go_to_step(app, target, now, fx);
            }
        }
        return;
    }
    let shown = super::view::quality::panel_shown(app);
    let max = super::view::quality::max_scroll(app);
    let panel = &mut app.quality.panel;
    match action {
        Action::QualityPanel => {
            panel.open = Some(!shown);
            panel.scroll = 0;
        }
        Action::QualityScrollDown if shown => panel.scroll = (panel.scroll + SCROLL_STEP).min(max),
        Action::QualityScrollUp if shown => panel.scroll = panel.scroll.saturating_sub(SCROLL_STEP).min(max),
        _ => {}
    }
}

/// The first key bound to `action` in the panel's keymap context ("F5").
pub fn key_name(app: &App, action: Action) -> String {
    app.keymap.keys_for(super::Context::Quality, action).first().map(|k| k.display()).unwrap_or_default()
}

/// The help's description of the panel's keys: one text for all three, so
/// that the help shows them on one line ("F5 / Alt-↓ / Alt-↑"). Before the
/// measurability step (`panel_here` false) F5 is said to go there.
pub fn help_text(action: Action, lang: Lang, panel_here: bool) -> Option<String> {
    let text = match action {
        Action::QualityPanel if !panel_here => T::ActQualityGoTo,
        Action::QualityPanel | Action::QualityScrollDown | Action::QualityScrollUp => T::ActQualityPanel,
        _ => return None,
    };
    Some(text.get(lang).to_string())
}
