//! The facilitator's screens: the menu, the timer control and the workshop
//! setup. Reached from the start and group screens, never from a terminal
//! opened with `--group`. Like the rest of the app core these screens only
//! return [`FacilEffect`]s; the shell (`crate::tui::facil`) carries them out
//! and answers with [`FacilMsg`]s.

pub mod menu;
pub mod setup;
pub mod timer;

use crossterm::event::KeyEvent;

use super::{lists, Action, App, Effect, Screen};

/// Where the facilitator came from, and goes back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Start,
    Groups,
}

/// The facilitator's screen: where it came from and what it shows.
#[derive(Debug)]
pub struct FacilScreen {
    pub origin: Origin,
    pub part: Part,
}

#[derive(Debug)]
pub enum Part {
    Menu(menu::MenuState),
    Timer(Box<timer::TimerState>),
    Setup(Box<setup::SetupState>),
    /// The plenary mode and the overview of all goals.
    Plenary(Box<crate::app::plenary::PlenaryState>),
    /// The merged outline and its review (src/app/outline).
    Outline(Box<crate::app::outline::OutlineScreen>),
}

pub use crate::app::msg::facil::{FacilEffect, FacilMsg, TimerOp};

/// True when this terminal may use the facilitator's screens.
pub fn allowed(app: &App) -> bool {
    app.fixed_group.is_none()
}

/// True while Ctrl-Q must ask first: a setup with unsaved changes.
pub fn guards_quit(app: &App) -> bool {
    matches!(screen(app).map(|f| &f.part), Some(Part::Setup(s)) if s.dirty)
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
    app.screen = Screen::Facil(Box::new(FacilScreen { origin, part: Part::Menu(menu::MenuState::default()) }));
}

pub(crate) fn screen(app: &App) -> Option<&FacilScreen> {
    match &app.screen {
        Screen::Facil(f) => Some(f),
        _ => None,
    }
}

pub(crate) fn screen_mut(app: &mut App) -> Option<&mut FacilScreen> {
    match &mut app.screen {
        Screen::Facil(f) => Some(f),
        _ => None,
    }
}

/// Back to where the facilitator came from.
pub fn leave(app: &mut App, fx: &mut Vec<Effect>) {
    let origin = screen(app).map(|f| f.origin).unwrap_or(Origin::Start);
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
    if let Some(f) = screen_mut(app) {
        f.part = Part::Menu(menu::MenuState::default());
    }
}

pub fn on_key(app: &mut App, key: KeyEvent, global: Option<Action>, fx: &mut Vec<Effect>) {
    let Some(f) = screen(app) else { return };
    match f.part {
        Part::Menu(_) => menu::on_key(app, key, global, fx),
        Part::Timer(_) => timer::on_key(app, key, global, fx),
        Part::Setup(_) => setup::on_key(app, key, global, fx),
        Part::Plenary(_) => crate::app::plenary::on_key(app, key, global, fx),
        Part::Outline(_) => crate::app::outline::screen::on_key(app, key, global, fx),
    }
}

pub fn on_paste(app: &mut App, text: &str) {
    let Some(f) = screen_mut(app) else { return };
    match &mut f.part {
        Part::Timer(t) => t.paste(text),
        Part::Setup(s) => s.paste(text),
        Part::Outline(s) => s.paste(text),
        Part::Menu(_) | Part::Plenary(_) => {}
    }
}

pub fn on_msg(app: &mut App, msg: FacilMsg, fx: &mut Vec<Effect>) {
    match msg {
        FacilMsg::TimerSaved(result) => timer::on_saved(app, result),
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
    match screen(app).map(|f| &f.part) {
        Some(Part::Menu(_)) => format!(" {}", app.ts(crate::i18n::setup::T::HintMenu)),
        Some(Part::Timer(t)) => t.hint(app),
        Some(Part::Setup(s)) => s.hint(app),
        Some(Part::Plenary(p)) => crate::app::plenary::hint(app, p),
        Some(Part::Outline(o)) => crate::app::outline::screen::hint(app, o),
        None => String::new(),
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
