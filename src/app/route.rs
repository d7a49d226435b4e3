//! Where the app is: one name per screen, for the shell, the help overlay
//! and the tests (which ask `App::at()` instead of matching the app's
//! internals).

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
