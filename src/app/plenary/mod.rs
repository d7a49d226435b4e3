//! The plenary (storgrupp) mode: one goal per screen for the projector, a
//! list of all goals to jump between, and the facilitator's overview of
//! every goal × group. Reached from the facilitator menu (F3) or with
//! `malverkstad present WORKSHOP`. Shows the merged outline the outline
//! screen keeps ([`App::outline`]: review decisions respected, dropped items
//! hidden, edited texts shown, re-merged when a group saves); never reviews.

pub mod model;

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use uuid::Uuid;

use super::facil::FacilEffect;
use super::{Action, App, Context, Effect};
use crate::domain::model::GroupFile;
use crate::domain::quality::WordLists;
use crate::i18n::plenary::T;
use crate::store::outline::MergeFile;
use crate::tr;
pub use model::{Board, Cell, Fill, GoalView, GroupWork, ItemView, OtherView};

/// What the plenary shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// One goal, large.
    Goal,
    /// Every goal in a list, to choose one.
    Index,
    /// The table of every goal × group.
    Overview,
}

#[derive(Debug)]
pub struct PlenaryState {
    pub view: View,
    /// The view the plenary was opened in: Esc there goes back to the menu.
    pub opened_as: View,
    /// The goal shown (index into `board.goals`).
    pub goal: usize,
    /// Lines scrolled in the goal view.
    pub scroll: usize,
    /// The selected row of the index and the overview.
    pub selected: usize,
    /// The first group column shown in the overview.
    pub first_group: usize,
    /// A goal number being typed ("1.2"), shown in the hint line.
    pub typed: Option<String>,
    pub message: Option<String>,
    /// Waiting for the merged outline.
    pub loading: bool,
    /// Why outline.ron or a group file could not be used.
    pub error: Option<String>,
    pub board: Board,
}

/// The widest column of text in the goal view, for legibility on wide screens.
pub const MAX_COLUMN: u16 = 120;

/// Open the plenary in `view` (from the facilitator menu, or at start).
pub fn open(app: &mut App, view: View, fx: &mut Vec<Effect>) {
    let state = PlenaryState {
        view,
        opened_as: view,
        goal: 0,
        scroll: 0,
        selected: 0,
        first_group: 0,
        typed: None,
        message: None,
        loading: true,
        error: None,
        board: Board::default(),
    };
    app.screen = crate::app::Screen::Plenary(Box::new(state));
    // The outline in memory shows at once; the shell reads the files again
    // (and from then on follows them) to bring it up to date.
    refresh(app);
    if let Some(root) = app.loaded.as_ref().map(|l| l.dir.root.clone()) {
        fx.push(Effect::Facil(FacilEffect::LoadOutline(root)));
    }
}

pub fn state(app: &App) -> Option<&PlenaryState> {
    match &app.screen {
        crate::app::Screen::Plenary(p) => Some(p),
        _ => None,
    }
}

fn state_mut(app: &mut App) -> Option<&mut PlenaryState> {
    match &mut app.screen {
        crate::app::Screen::Plenary(p) => Some(p),
        _ => None,
    }
}

/// The loaded workshop, the outline, the word lists and the plenary's state.
type Parts<'a> = (&'a super::Loaded, Option<&'a super::outline::OutlineSession>, &'a WordLists, &'a mut PlenaryState);

/// The loaded workshop and the plenary's state, borrowed together.
fn parts(app: &mut App) -> Option<Parts<'_>> {
    let loaded = app.loaded.as_ref()?;
    match &mut app.screen {
        super::Screen::Plenary(p) => Some((loaded, app.outline.as_ref(), app.quality.words(), p)),
        _ => None,
    }
}

/// Each group's own file for the quality check: the one the outline was
/// merged from under the group's file name, else any copy of it, else the
/// one loaded with the workshop.
fn group_files<'a>(
    loaded: &'a super::Loaded,
    session: Option<&'a super::outline::OutlineSession>,
) -> BTreeMap<Uuid, &'a GroupFile> {
    let mut out: BTreeMap<Uuid, &GroupFile> = loaded.group_files.iter().map(|(id, f)| (*id, f)).collect();
    let read = session.map(|s| s.files.as_slice()).unwrap_or_default();
    for own_name in [false, true] {
        for f in read {
            let MergeFile::Group(g) = &f.content else { continue };
            let named = loaded.workshop.group(g.group).is_some_and(|wg| f.name == format!("{}.ron", wg.slug));
            if named == own_name {
                out.insert(g.group, g);
            }
        }
    }
    out
}

/// Rebuild the board from the outline in memory (after the shell read the
/// files, or when workshop.ron changed); the goal shown stays the same goal.
pub fn refresh(app: &mut App) {
    let lang = app.lang;
    let Some((loaded, session, words, st)) = parts(app) else { return };
    let shown = st.board.goals.get(st.goal).map(|g| g.goal);
    st.loading = session.is_none();
    st.board = match session {
        Some(s) => model::build(&loaded.workshop, &group_files(loaded, Some(s)), &s.outline, words),
        None => Board::default(),
    };
    let mut problems: Vec<String> = session.iter().flat_map(|s| s.error.iter().chain(&s.unreadable)).cloned().collect();
    problems.dedup();
    st.error = (!problems.is_empty()).then(|| tr!(lang, T::Problems, problems = problems.join(" · ")));
    let n = st.board.goals.len();
    match shown.and_then(|id| st.board.goals.iter().position(|g| g.goal == id)) {
        Some(i) => st.goal = i,
        None => {
            st.goal = st.goal.min(n.saturating_sub(1));
            st.scroll = 0;
        }
    }
    st.selected = st.selected.min(n.saturating_sub(1));
}

/// The body area the plenary is drawn in, from the terminal's size.
pub fn body_area(app: &App) -> Rect {
    let (w, h) = app.size;
    let area = Rect::new(0, 0, w.max(super::MIN_WIDTH), h.max(super::MIN_HEIGHT));
    super::view::frame_areas(area)[1]
}

/// How far the goal view can scroll at the current size.
pub fn max_scroll(app: &App, st: &PlenaryState) -> usize {
    let Some(goal) = st.board.goals.get(st.goal) else { return 0 };
    super::view::plenary::goal_layout(app, st, goal, body_area(app)).max_scroll
}

/// Go to goal `i` in the goal view.
fn show_goal(st: &mut PlenaryState, i: usize) {
    st.goal = i.min(st.board.goals.len().saturating_sub(1));
    st.selected = st.goal;
    st.scroll = 0;
    st.view = View::Goal;
}

/// The goal a typed number names: its code ("1.2"), else its position ("3").
pub fn find_goal(board: &Board, typed: &str) -> Option<usize> {
    let typed = typed.trim().trim_end_matches('.');
    if typed.is_empty() {
        return None;
    }
    if let Some(i) = board.goals.iter().position(|g| g.code.trim().trim_end_matches('.') == typed) {
        return Some(i);
    }
    typed.parse::<usize>().ok().filter(|n| (1..=board.goals.len()).contains(n)).map(|n| n - 1)
}

pub fn on_key(app: &mut App, key: KeyEvent, global: Option<Action>, fx: &mut Vec<Effect>) {
    let lang = app.lang;
    let ctrl = key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let action = global.or_else(|| app.keymap.lookup(&[Context::Plenary], &key));
    let Some(st) = state_mut(app) else { return };
    st.message = None;
    // A goal number being typed takes digits, the dot, Backspace, Enter and Esc.
    if let (KeyCode::Char(c), false) = (key.code, ctrl) {
        if c.is_ascii_digit() || (c == '.' && st.typed.is_some()) {
            st.typed.get_or_insert_with(String::new).push(c);
            return;
        }
    }
    if let Some(typed) = st.typed.take() {
        match key.code {
            KeyCode::Enter => match find_goal(&st.board, &typed) {
                Some(i) => show_goal(st, i),
                None => st.message = Some(tr!(lang, T::NoSuchGoal, typed = typed)),
            },
            KeyCode::Backspace => {
                let mut t = typed;
                t.pop();
                st.typed = Some(t).filter(|t| !t.is_empty());
            }
            KeyCode::Esc => {}
            _ => st.typed = Some(typed),
        }
        return;
    }
    act(app, action, fx);
}

/// The mouse wheel scrolls the goal, or moves the selection of the lists.
pub fn on_mouse(app: &mut App, m: crossterm::event::MouseEvent) {
    use crossterm::event::MouseEventKind;
    let action = match m.kind {
        MouseEventKind::ScrollDown => Action::ScrollDown,
        MouseEventKind::ScrollUp => Action::ScrollUp,
        _ => return,
    };
    act(app, Some(action), &mut Vec::new());
}

fn act(app: &mut App, action: Option<Action>, fx: &mut Vec<Effect>) {
    let lang = app.lang;
    let max = state(app).map(|st| max_scroll(app, st)).unwrap_or(0);
    // The first group column the overview can start at.
    let width = body_area(app).width as usize;
    let first_max = state(app)
        .map(|st| {
            let all = st.board.groups.len();
            all - super::view::plenary_overview::table_columns(app, st, width).count.min(all)
        })
        .unwrap_or(0);
    let root = app.loaded.as_ref().map(|l| l.dir.root.clone());
    let Some(st) = state_mut(app) else { return };
    let n = st.board.goals.len();
    let last = n.saturating_sub(1);
    let mut leave = false;
    match (st.view, action) {
        (_, Some(Action::Help)) => {}
        (_, Some(Action::Reload)) => {
            if let Some(root) = root {
                st.loading = true;
                st.message = Some(T::Reloaded.get(lang).to_string());
                fx.push(Effect::Facil(FacilEffect::LoadOutline(root)));
            }
        }
        // Esc: the list goes back to the goal; the goal back to the overview
        // when the plenary was opened as the overview; then to the menu.
        (View::Index, Some(Action::Back)) => show_goal(st, st.goal),
        (View::Goal, Some(Action::Back)) if st.opened_as == View::Overview => {
            st.selected = st.goal;
            st.view = View::Overview;
        }
        (View::Overview, Some(Action::Back)) if st.opened_as != View::Overview => show_goal(st, st.goal),
        (_, Some(Action::Back)) => leave = true,
        (_, Some(Action::GoalIndex)) if st.view == View::Index => show_goal(st, st.selected),
        (_, Some(Action::GoalIndex)) => {
            st.selected = st.goal;
            st.view = View::Index;
        }
        (_, Some(Action::Overview)) if st.view == View::Overview => show_goal(st, st.selected),
        (_, Some(Action::Overview)) => {
            st.selected = st.goal;
            st.view = View::Overview;
        }
        (View::Goal, Some(Action::NextGoal)) => show_goal(st, (st.goal + 1).min(last)),
        (View::Goal, Some(Action::PrevGoal)) => show_goal(st, st.goal.saturating_sub(1)),
        (View::Goal, Some(Action::FirstGoal)) => show_goal(st, 0),
        (View::Goal, Some(Action::LastGoal)) => show_goal(st, last),
        (View::Goal, Some(Action::ScrollDown)) => st.scroll = (st.scroll + 1).min(max),
        (View::Goal, Some(Action::ScrollUp)) => st.scroll = st.scroll.saturating_sub(1).min(max),
        (_, Some(Action::ScrollDown)) => st.selected = (st.selected + 1).min(last),
        (_, Some(Action::ScrollUp)) => st.selected = st.selected.saturating_sub(1),
        (_, Some(Action::FirstGoal)) => st.selected = 0,
        (_, Some(Action::LastGoal)) => st.selected = last,
        (View::Index | View::Overview, Some(Action::ShowGoal)) if n > 0 => show_goal(st, st.selected),
        (View::Overview, Some(Action::NextGoal)) => {
            st.first_group = (st.first_group + 1).min(first_max);
        }
        (View::Overview, Some(Action::PrevGoal)) => st.first_group = st.first_group.saturating_sub(1),
        (View::Index, Some(Action::NextGoal)) => st.selected = (st.selected + 1).min(last),
        (View::Index, Some(Action::PrevGoal)) => st.selected = st.selected.saturating_sub(1),
        _ => {}
    }
    if leave {
        super::facil::to_menu(app);
    } else if action == Some(Action::Help) {
        app.help = true;
    }
}

/// The hint line.
pub fn hint(app: &App, st: &PlenaryState) -> String {
    if let Some(typed) = &st.typed {
        return format!(" {}", tr!(app.lang, T::GoTo, typed = typed));
    }
    if let Some(m) = &st.message {
        return format!(" {m}");
    }
    let paged = || {
        let cols = super::view::plenary_overview::table_columns(app, st, body_area(app).width as usize);
        cols.count < st.board.groups.len()
    };
    let key = match st.view {
        View::Goal => T::HintGoal,
        View::Index => T::HintIndex,
        View::Overview if paged() => T::HintOverviewPaged,
        View::Overview => T::HintOverview,
    };
    format!(" {}", key.get(app.lang))
}

/// The help's words for the plenary's actions.
pub fn help_text(action: Action, lang: crate::i18n::Lang) -> Option<String> {
    let key = match action {
        Action::NextGoal => T::ActNextGoal,
        Action::PrevGoal => T::ActPrevGoal,
        Action::ScrollDown => T::ActScrollDown,
        Action::ScrollUp => T::ActScrollUp,
        Action::FirstGoal => T::ActFirstGoal,
        Action::LastGoal => T::ActLastGoal,
        Action::GoalIndex => T::ActGoalIndex,
        Action::Overview => T::ActOverview,
        Action::Reload => T::ActReload,
        Action::ShowGoal => T::ActShowGoal,
        _ => return None,
    };
    Some(key.get(lang).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board(codes: &[&str]) -> Board {
        let goals = codes
            .iter()
            .map(|c| GoalView {
                goal: Uuid::nil(),
                code: c.to_string(),
                wording: "Mål".into(),
                perspective: None,
                owner: None,
                known: true,
                groups: Vec::new(),
                subgoals: Vec::new(),
                indicators: Vec::new(),
                tally: Default::default(),
                cells: Vec::new(),
                other: Vec::new(),
            })
            .collect();
        Board { groups: Vec::new(), goals }
    }

    #[test]
    fn a_typed_number_is_a_code_first_then_a_position() {
        let b = board(&["1.1", "1.2", "2", "3."]);
        assert_eq!(find_goal(&b, "1.2"), Some(1));
        assert_eq!(find_goal(&b, "2"), Some(2), "the goal coded 2, not the second goal");
        assert_eq!(find_goal(&b, "3"), Some(3), "\"3.\" is written 3");
        assert_eq!(find_goal(&b, "1"), Some(0), "no goal is coded 1: the first goal");
        assert_eq!(find_goal(&b, "4"), Some(3));
        assert_eq!(find_goal(&b, "5"), None);
        assert_eq!(find_goal(&b, "0"), None);
        assert_eq!(find_goal(&b, ""), None);
    }
}
