//! The facilitator's screens: the menu, the timer control and the workshop
//! setup. Reached from the start and group screens, never from a terminal
//! opened with `--group`. Like the rest of the app core these screens only
//! return [`FacilEffect`]s; the shell (`crate::tui::facil`) carries them out
//! and answers with [`FacilMsg`]s.

pub mod setup;

use crossterm::event::KeyEvent;

use super::ctx::Outcome;
use super::screens::menu::MenuState;
use super::{lists, Action, App, Effect, Screen};

/// Where the facilitator came from, and goes back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Start,
    Groups,
}

pub use crate::app::msg::facil::{FacilEffect, FacilMsg, TimerOp};

/// True when this terminal may use the facilitator's screens.
pub fn allowed(app: &App) -> bool {
    app.fixed_group.is_none()
}

/// True while Ctrl-Q must ask first: a setup with unsaved changes.
pub fn guards_quit(app: &App) -> bool {
    matches!(&app.screen, Screen::Setup(s) if s.dirty)
}

/// Open the menu from the start or group screen.
pub fn open_menu(app: &mut App) {
    let origin = match app.screen {
        Screen::Start(_) => Origin::Start,
        Screen::Groups(_) => Origin::Groups,
        _ => return,
    };
    if !allowed(app) {
        return;
    }
    app.facil_origin = origin;
    app.screen = Screen::Menu(MenuState::new(origin == Origin::Groups));
}

/// Back to where the facilitator came from.
pub fn leave(app: &mut App, fx: &mut Vec<Effect>) {
    let origin = app.facil_origin;
    match origin {
        Origin::Groups if app.loaded.is_some() => app.screen = Screen::Groups(lists::ListState::default()),
        _ => {
            app.screen = Screen::Start(lists::StartState::default());
            fx.push(Effect::ListWorkshops);
        }
    }
}

/// Back to the menu (from the timer or the setup).
pub fn to_menu(app: &mut App) {
    if app.screen.is_facil() {
        app.screen = Screen::Menu(MenuState::new(app.facil_origin == Origin::Groups));
    }
}

pub fn on_key(app: &mut App, key: KeyEvent, global: Option<Action>, now: std::time::Instant, fx: &mut Vec<Effect>) {
    match app.screen {
        Screen::Menu(_) | Screen::Timer(_) => {
            let outcome = {
                let (screen, mut cx) = app.split(fx, now);
                match screen {
                    Screen::Menu(m) => m.on_key(&mut cx, key, global),
                    Screen::Timer(t) => t.on_key(&mut cx, key, global),
                    _ => Outcome::Ignored,
                }
            };
            app.outcome(outcome, now, fx)
        }
        Screen::Setup(_) => setup::on_key(app, key, global, fx),
        Screen::Plenary(_) => crate::app::plenary::on_key(app, key, global, fx),
        Screen::Outline(_) => crate::app::outline::screen::on_key(app, key, global, fx),
        _ => {}
    }
}

pub fn on_paste(app: &mut App, text: &str) {
    match &mut app.screen {
        Screen::Timer(t) => t.paste(text),
        Screen::Setup(s) => s.paste(text),
        Screen::Outline(s) => s.paste(text),
        _ => {}
    }
}

pub fn on_msg(app: &mut App, msg: FacilMsg, fx: &mut Vec<Effect>) {
    match msg {
        FacilMsg::TimerSaved(result) => {
            let result = result.map(|w| {
                if let Some(l) = &mut app.loaded {
                    l.workshop = *w;
                }
            });
            let workshop = app.loaded.as_ref().map(|l| &l.workshop);
            if let Screen::Timer(t) = &mut app.screen {
                t.on_saved(workshop, result);
            }
        }
        FacilMsg::Created(Ok(path)) => fx.push(Effect::OpenWorkshop(path)),
        FacilMsg::Outline(files) => {
            crate::app::outline::screen::on_files(app, files, fx);
            crate::app::plenary::refresh(app);
        }
        FacilMsg::OutlineSaved { generation, result } => {
            crate::app::outline::screen::on_saved(app, generation, result, fx)
        }
        other => setup::on_msg(app, other),
    }
}

/// The hint line of the current facilitator screen.
pub fn hint(app: &App) -> String {
    match &app.screen {
        Screen::Menu(m) => m.hint(&app.ctx()),
        Screen::Timer(t) => t.hint(&app.ctx()),
        Screen::Setup(s) => s.hint(app),
        Screen::Plenary(p) => crate::app::plenary::hint(app, p),
        Screen::Outline(o) => crate::app::outline::screen::hint(app, o),
        _ => String::new(),
    }
}

/// The help's words for the facilitator's actions.
pub fn help_text(action: Action, lang: crate::i18n::Lang) -> Option<String> {
    use crate::i18n::setup::T;
    if let Some(text) = crate::app::plenary::help_text(action, lang) {
        return Some(text);
    }
    if let Some(text) = crate::app::outline::screen::help_text(action, lang) {
        return Some(text);
    }
    let key = match action {
        Action::FacilMenu => T::ActFacilMenu,
        Action::Import => T::ActImport,
        Action::Toggle => T::ActToggle,
        Action::StrategyEvenly => T::ActStrategyEvenly,
        Action::StrategyByPerspective => T::ActStrategyByPerspective,
        Action::StrategyEveryGoal => T::ActStrategyEveryGoal,
        Action::SaveTemplate => T::ActSaveTemplate,
        Action::ChooseTemplate => T::ActChooseTemplate,
        _ => return None,
    };
    Some(key.get(lang).to_string())
}

impl App {
    /// A text of the facilitator's catalogue.
    pub fn ts(&self, key: crate::i18n::setup::T) -> String {
        key.get(self.lang).to_string()
    }
}
