//! The screens and the one place that builds their states from a
//! [`Route`]; and [`At`], one name per screen for the shell, the help
//! overlay and the tests (which ask `App::at()` instead of matching the
//! app's internals).

use super::ctx::{Cx, Route};
use super::{facil, lists, outline, plenary, screens, wizard};

/// The screen the app shows (dialogs and help are drawn over it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// Choosing a workshop.
    Start,
    /// The workshop's groups.
    Groups,
    /// The open group's goals.
    Goals,
    /// The questions for one goal.
    Wizard,
    /// A file that would not load, with a way back.
    Error,
    /// The facilitator's menu (F3).
    Menu,
    /// The round timer's control.
    Timer,
    /// Setting up or editing a workshop.
    Setup,
    /// The plenary (presenting goals, the overview).
    Plenary,
    /// The merged outline and its review.
    Outline,
}

/// The screens. New screens (facilitator menu, timer, merge …) are new
/// variants with their own module; `update` and `view` dispatch on this.
#[derive(Debug)]
pub enum Screen {
    Start(lists::StartState),
    Groups(lists::ListState),
    Goals(lists::ListState),
    Wizard(Box<wizard::WizardState>),
    /// A file that will not load: the message and a way back.
    Error(String),
    /// The facilitator's menu (F3).
    Menu(screens::menu::MenuState),
    /// The round timer's control.
    Timer(Box<screens::timer::TimerState>),
    /// Setting up or editing a workshop.
    Setup(Box<facil::setup::SetupState>),
    /// The plenary mode and the overview of all goals.
    Plenary(Box<plenary::PlenaryState>),
    /// The merged outline and its review.
    Outline(Box<outline::OutlineScreen>),
}

impl Screen {
    /// True on the facilitator's screens (menu, timer, setup, plenary, outline).
    pub fn is_facil(&self) -> bool {
        matches!(self, Screen::Menu(_) | Screen::Timer(_) | Screen::Setup(_) | Screen::Plenary(_) | Screen::Outline(_))
    }
}

/// The state of the screen `route` names, for the screens that are built
/// from the context alone; `None` for the routes `App` carries out itself.
pub fn build(route: &Route, cx: &mut Cx, from_groups: bool) -> Option<Screen> {
    Some(match route {
        Route::Menu => Screen::Menu(screens::menu::MenuState::new(from_groups)),
        Route::Timer => Screen::Timer(Box::new(screens::timer::TimerState::new(&cx.ctx()))),
        Route::Start => {
            cx.fx.push(super::Effect::ListWorkshops);
            Screen::Start(lists::StartState::default())
        }
        Route::Groups => Screen::Groups(lists::ListState::default()),
        Route::Goals { selected } => Screen::Goals(lists::ListState { selected: *selected }),
        _ => return None,
    })
}
