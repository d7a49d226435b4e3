//! The facilitator menu: only the entries that exist here and now.

use crossterm::event::KeyEvent;

use super::{setup, timer, Origin};
use crate::app::{plenary, Action, App, Context, Effect};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MenuState {
    pub selected: usize,
}

/// The menu's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    NewWorkshop,
    EditWorkshop,
    Timer,
    /// Export the merged outline (src/app/export.rs).
    Export,
    Plenary,
    Overview,
    /// The merged outline and its review (src/app/outline).
    Outline,
    Back,
}

/// The entries for the current state: editing and the timer need an open
/// workshop (reached from its group screen).
pub fn entries(app: &App) -> Vec<Entry> {
    let open = app.loaded.is_some() && app.facil_origin == Origin::Groups;
    let mut out = vec![Entry::NewWorkshop];
    if open {
        out.extend([Entry::EditWorkshop, Entry::Timer, Entry::Plenary, Entry::Overview, Entry::Outline, Entry::Export]);
    }
    out.push(Entry::Back);
    out
}

pub fn on_key(app: &mut App, key: KeyEvent, global: Option<Action>, fx: &mut Vec<Effect>) {
    let action = global.or_else(|| app.keymap.lookup(&[Context::Nav], &key));
    let list = entries(app);
    let crate::app::Screen::Menu(m) = &mut app.screen else { return };
    match action {
        Some(Action::Up) => m.selected = m.selected.saturating_sub(1),
        Some(Action::Down) => m.selected = (m.selected + 1).min(list.len() - 1),
        Some(Action::First) => m.selected = 0,
        Some(Action::Last) => m.selected = list.len() - 1,
        Some(Action::Back) => super::leave(app, fx),
        Some(Action::Help) => app.help = true,
        Some(Action::Open) => match list.get(m.selected) {
            Some(Entry::NewWorkshop) => setup::open_new(app),
            Some(Entry::EditWorkshop) => setup::open_edit(app, fx),
            Some(Entry::Timer) => timer::open(app),
            Some(Entry::Export) => crate::app::export::open_outline(app),
            Some(Entry::Plenary) => plenary::open(app, plenary::View::Goal, fx),
            Some(Entry::Overview) => plenary::open(app, plenary::View::Overview, fx),
            Some(Entry::Outline) => crate::app::outline::screen::open(app, fx),
            Some(Entry::Back) | None => super::leave(app, fx),
        },
        _ => {}
    }
}
