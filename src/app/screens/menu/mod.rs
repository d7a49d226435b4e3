//! The facilitator menu: only the entries that exist here and now.

mod view;

use crossterm::event::KeyEvent;

pub use view::MenuView;

use crate::app::ctx::{Ctx, Cx, Outcome, Route};
use crate::app::keymap::{Action, Context};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MenuState {
    pub selected: usize,
    /// Opened from a workshop's group list (not the start screen): the
    /// entries for the open workshop are offered.
    pub from_groups: bool,
}

/// The menu's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    NewWorkshop,
    EditWorkshop,
    Timer,
    /// Export the merged outline.
    Export,
    Plenary,
    Overview,
    /// The merged outline and its review.
    Outline,
    Back,
}

impl MenuState {
    pub fn new(from_groups: bool) -> MenuState {
        MenuState { selected: 0, from_groups }
    }

    /// The entries for the current state: editing and the timer need an
    /// open workshop (reached from its group screen).
    pub fn entries(&self, ctx: &Ctx) -> Vec<Entry> {
        let open = ctx.loaded.is_some() && self.from_groups;
        let mut out = vec![Entry::NewWorkshop];
        if open {
            out.extend([
                Entry::EditWorkshop,
                Entry::Timer,
                Entry::Plenary,
                Entry::Overview,
                Entry::Outline,
                Entry::Export,
            ]);
        }
        out.push(Entry::Back);
        out
    }

    pub fn hint(&self, ctx: &Ctx) -> String {
        format!(" {}", ctx.ts(crate::i18n::setup::T::HintMenu))
    }

    pub fn on_key(&mut self, cx: &mut Cx, key: KeyEvent, global: Option<Action>) -> Outcome {
        let action = global.or_else(|| cx.keymap.lookup(&[Context::Nav], &key));
        let list = self.entries(&cx.ctx());
        let go = |route| Outcome::Go(route);
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(list.len() - 1),
            Some(Action::First) => self.selected = 0,
            Some(Action::Last) => self.selected = list.len() - 1,
            Some(Action::Back) => return go(Route::LeaveFacil),
            Some(Action::Help) => return Outcome::Help,
            Some(Action::Open) => {
                return go(match list.get(self.selected) {
                    Some(Entry::NewWorkshop) => Route::SetupNew,
                    Some(Entry::EditWorkshop) => Route::SetupEdit,
                    Some(Entry::Timer) => Route::Timer,
                    Some(Entry::Export) => Route::ExportOutline,
                    Some(Entry::Plenary) => Route::Plenary { overview: false },
                    Some(Entry::Overview) => Route::Plenary { overview: true },
                    Some(Entry::Outline) => Route::Outline,
                    Some(Entry::Back) | None => Route::LeaveFacil,
                })
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Consumed
    }
}
