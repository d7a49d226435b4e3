//! The list screens: start (workshops), groups, and a group's goals.

use std::time::Instant;

use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::{wizard, Action, App, Context, Effect, Screen};
use crate::store::WorkshopSummary;

/// A selection in a list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
}

impl ListState {
    pub fn move_by(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, len as isize - 1) as usize;
    }
}

/// The start screen: workshops in the sessions dir.
#[derive(Clone, Debug, Default)]
pub struct StartState {
    pub workshops: Vec<WorkshopSummary>,
    /// False until the shell has listed the folder.
    pub listed: bool,
    pub list: ListState,
}

impl StartState {
    pub fn set_workshops(&mut self, list: Vec<WorkshopSummary>) {
        self.workshops = list;
        self.listed = true;
        self.list.move_by(0, self.len());
    }

    /// Rows: the workshops, or the demo offer when there are none.
    pub fn len(&self) -> usize {
        self.workshops.len().max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.workshops.is_empty()
    }
}

/// Rows of the current list screen.
fn list_len(app: &App) -> usize {
    match &app.screen {
        Screen::Start(s) => s.len(),
        Screen::Groups(_) => app.workshop().map(|w| w.groups.len()).unwrap_or(0),
        Screen::Goals(_) => group_goals(app).len(),
        _ => 0,
    }
}

/// The goals of the open group, in the group's order, that exist.
pub fn group_goals(app: &App) -> Vec<&crate::domain::Goal> {
    match (app.workshop(), &app.group) {
        (Some(w), Some(g)) => {
            let ids = w.group(g.group.id).map(|gr| gr.goals.clone()).unwrap_or_else(|| g.group.goals.clone());
            ids.iter().filter_map(|id| w.goal(*id)).collect()
        }
        _ => Vec::new(),
    }
}

fn list_state(app: &mut App) -> Option<&mut ListState> {
    match &mut app.screen {
        Screen::Start(s) => Some(&mut s.list),
        Screen::Groups(l) | Screen::Goals(l) => Some(l),
        _ => None,
    }
}

pub fn on_key(app: &mut App, key: KeyEvent, global: Option<Action>, now: Instant, fx: &mut Vec<Effect>) {
    if matches!(app.screen, Screen::Goals(_)) && app.keymap.lookup(&[Context::Export], &key) == Some(Action::Export) {
        return super::export::open_group(app);
    }
    let action = global.or_else(|| app.keymap.lookup(&[Context::Nav], &key));
    let len = list_len(app);
    match action {
        Some(Action::Up) => list_state(app).into_iter().for_each(|l| l.move_by(-1, len)),
        Some(Action::Down) => list_state(app).into_iter().for_each(|l| l.move_by(1, len)),
        Some(Action::First) => list_state(app).into_iter().for_each(|l| l.selected = 0),
        Some(Action::Last) => list_state(app).into_iter().for_each(|l| l.selected = len.saturating_sub(1)),
        Some(Action::Help) => app.help = true,
        Some(Action::Open) => open(app, now, fx),
        Some(Action::Back) => back(app, now, fx),
        _ => {}
    }
}

fn open(app: &mut App, now: Instant, fx: &mut Vec<Effect>) {
    match &app.screen {
        Screen::Start(s) => match s.workshops.get(s.list.selected) {
            Some(w) => fx.push(Effect::OpenWorkshop(w.dir.clone())),
            None if s.listed && s.workshops.is_empty() => fx.push(Effect::InstallDemo),
            None => {}
        },
        Screen::Groups(l) => {
            if let Some(g) = app.workshop().and_then(|w| w.groups.get(l.selected)) {
                fx.push(Effect::OpenGroup { group: g.id, read_only: false });
            }
        }
        Screen::Goals(l) => {
            let goal = group_goals(app).get(l.selected).map(|g| g.id);
            if let Some(goal) = goal {
                wizard::open_goal(app, goal, now);
            }
        }
        _ => {}
    }
}

fn back(app: &mut App, now: Instant, fx: &mut Vec<Effect>) {
    match &app.screen {
        Screen::Goals(_) if app.fixed_group.is_none() => app.leave_group(now, fx),
        Screen::Goals(_) => app.notice = Some(app.t(crate::i18n::tui::T::FixedGroup)),
        Screen::Groups(_) => {
            app.screen = Screen::Start(StartState::default());
            fx.push(Effect::ListWorkshops);
        }
        Screen::Error(_) if app.fixed_group.is_none() => {
            app.screen = Screen::Start(StartState::default());
            fx.push(Effect::ListWorkshops);
        }
        _ => {}
    }
}

/// Mouse: the wheel moves the selection; a click picks a row.
pub fn on_mouse(app: &mut App, m: MouseEvent) {
    let len = list_len(app);
    if matches!(app.screen, Screen::Wizard(_))
        && matches!(m.kind, MouseEventKind::ScrollDown | MouseEventKind::ScrollUp)
    {
        wizard::on_wheel(app, m.kind == MouseEventKind::ScrollDown);
        return;
    }
    match m.kind {
        MouseEventKind::ScrollDown => list_state(app).into_iter().for_each(|l| l.move_by(1, len)),
        MouseEventKind::ScrollUp => list_state(app).into_iter().for_each(|l| l.move_by(-1, len)),
        MouseEventKind::Down(MouseButton::Left) => {
            let hit = super::view::row_at(app, m.column, m.row);
            if let Some(row) = hit {
                if let Some(l) = list_state(app) {
                    if row < len {
                        l.selected = row;
                    }
                }
            } else if matches!(app.screen, Screen::Wizard(_)) {
                wizard::on_click(app, m.column, m.row);
            }
        }
        _ => {}
    }
}
