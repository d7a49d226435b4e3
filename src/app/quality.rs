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

use std::time::Instant;

use uuid::Uuid;

use super::{lists, wizard, Action, App, Screen};
use crate::domain::model::QuestionKind;
use crate::domain::quality::GoalReport;
use crate::i18n::quality::T;
use crate::i18n::Lang;

pub use crate::app::session::quality::{PanelState, Quality, THROTTLE};

/// Lines one Alt-↓ / Alt-↑ scrolls.
const SCROLL_STEP: u16 = 2;

/// Re-check the goals on screen whose answers changed since their report.
pub fn refresh(app: &mut App, now: Instant) {
    let on_screen: Vec<Uuid> = match &app.screen {
        Screen::Goals(_) => lists::group_goals(app).iter().map(|g| g.id).collect(),
        Screen::Wizard(w) => vec![w.goal],
        _ => return,
    };
    let typing = matches!(app.screen, Screen::Wizard(_));
    let (Some(loaded), Some(group)) = (&app.loaded, &app.group) else { return };
    app.quality.refresh(&loaded.workshop, group, &on_screen, typing, now);
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
