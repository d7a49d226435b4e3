//! The goal wizard: one step per question of the workshop, the focused field,
//! the one live text editor, and undo/redo of everything (typing and
//! structural edits) as snapshots of the goal's answers.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};
use uuid::Uuid;

use super::{Action, App, Context, Effect, Screen};
use crate::app::session::fields::{self, Focus, IndField};
pub use crate::app::session::group::History;
use crate::app::session::group::Snapshot;
use crate::domain::model::{GoalAnswers, Question, QuestionKind};
use crate::domain::text::{normalize, to_nfc};
use crate::i18n::tui::T;
use undo::{checkpoint, keep_history, undo_redo};

mod items;
mod reload;
pub mod suggest;
mod undo;

use items::{add_item, delete_item, drop_blank_new_item, list_len, move_item, move_selection, open_item};
pub use reload::{after_reload, file_to_save};

/// The most characters one paste inserts (about 40 pages); the rest is
/// dropped with a notice, so that a document pasted by mistake keeps the
/// group file small enough to save and the editor quick.
pub const MAX_PASTE_CHARS: usize = 100_000;

/// The one live text editor, bound to the field it edits.
#[derive(Debug)]
pub struct Editor {
    pub focus: Focus,
    pub area: TextArea<'static>,
}

impl Editor {
    fn new(focus: Focus, text: &str) -> Editor {
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_max_histories(0);
        area.set_cursor_line_style(Style::default());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Editor { focus, area }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

/// The wizard's state for one goal.
#[derive(Debug)]
pub struct WizardState {
    pub goal: Uuid,
    /// The stable key of the step's question: the step and every editor are
    /// bound to it, so a reload that moves questions never redirects typing.
    pub key: String,
    /// Where that question stands in the workshop's questions (kept in step
    /// with `key` on every step change and reload).
    pub step: usize,
    pub focus: Focus,
    pub editor: Option<Editor>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The field being typed into, for grouping keystrokes into undo steps.
    typing: Option<Focus>,
    /// An item just added, dropped again if left blank.
    new_item: Option<Uuid>,
    /// On the read-only step after the last question: the goal's answers to
    /// questions the facilitator removed (shown only when there are some).
    pub removed_view: bool,
    /// What a reload did to the text being written (its question or goal
    /// removed), shown above the editor until the step changes.
    pub told: Option<String>,
    /// Kolada's suggestions for the focused name or Kolada-id field.
    pub suggest: suggest::Suggestions,
    /// Kolada's texts for fields the group filled in themselves, waiting for
    /// a yes or no.
    pub offer: Option<suggest::Offer>,
}

impl WizardState {
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True while the form of an item just added is open (it is not saved
    /// until it has text).
    pub fn new_item_open(&self) -> bool {
        self.new_item.is_some()
    }
}

/// Open the wizard on a goal of the open group.
pub fn open_goal(app: &mut App, goal: Uuid, _now: Instant) {
    let History { undo, redo } = app.group.as_mut().and_then(|g| g.history.remove(&goal)).unwrap_or_default();
    let q = question(app, 0).cloned();
    let mut w = WizardState {
        goal,
        key: q.as_ref().map(|q| q.key.clone()).unwrap_or_default(),
        step: 0,
        focus: Focus::Text,
        editor: None,
        undo,
        redo,
        typing: None,
        new_item: None,
        removed_view: false,
        told: None,
        suggest: suggest::Suggestions::default(),
        offer: None,
    };
    w.focus = q.as_ref().map(|q| Focus::first(q.kind)).unwrap_or(Focus::Text);
    app.screen = Screen::Wizard(Box::new(w));
    app.quality.panel.scroll = 0;
    rebuild_editor(app);
}

/// The question of step `i`.
pub fn question(app: &App, i: usize) -> Option<&Question> {
    app.workshop().and_then(|w| w.questions.get(i))
}

/// The answers of the wizard's goal (empty when nothing is written yet).
pub fn answers(app: &App) -> Option<&GoalAnswers> {
    let Screen::Wizard(w) = &app.screen else { return None };
    app.group.as_ref().and_then(|g| g.file.answers(w.goal))
}

/// The goal's answers to questions no longer in the workshop (they stay in
/// the group's file), by key, leaving out empty ones.
pub fn removed_answers(app: &App) -> Vec<(&str, &crate::domain::Answer)> {
    let Some(a) = answers(app) else { return Vec::new() };
    let Some(w) = app.workshop() else { return Vec::new() };
    a.answers.iter().filter(|(k, v)| w.question(k).is_none() && !v.is_empty()).map(|(k, v)| (k.as_str(), v)).collect()
}

/// Ids of the goal's sub-goals (the first List question), for linking indicators.
pub fn subgoal_ids(app: &App, goal: Uuid) -> Vec<Uuid> {
    let key = app.workshop().and_then(|w| w.question_of_kind(QuestionKind::List)).map(|q| q.key.clone());
    match (key, app.group.as_ref().and_then(|g| g.file.answers(goal))) {
        (Some(k), Some(a)) => a.list(&k).iter().map(|i| i.id).collect(),
        _ => Vec::new(),
    }
}

fn wiz(app: &mut App) -> Option<&mut WizardState> {
    match &mut app.screen {
        Screen::Wizard(w) => Some(w),
        _ => None,
    }
}

/// The position of the question with `key`.
fn position(app: &App, key: &str) -> Option<usize> {
    app.workshop()?.questions.iter().position(|q| q.key == key)
}

/// The wizard's goal, step, focus and question, found by the question's key
/// (none on the read-only step of removed questions).
fn current(app: &App) -> Option<(Uuid, usize, Focus, Question)> {
    let Screen::Wizard(w) = &app.screen else { return None };
    if w.removed_view {
        return None;
    }
    let step = position(app, &w.key)?;
    let q = question(app, step)?.clone();
    Some((w.goal, step, w.focus, q))
}

/// The group's file was replaced (merged with a version from disk): show
/// the model's text again, on the same question and field where it still exists.
pub fn reload(app: &mut App) {
    fix_focus(app);
    rebuild_editor(app);
}

/// Make the editor match the focus and the model.
fn rebuild_editor(app: &mut App) {
    let Some((goal, _, focus, q)) = current(app) else { return };
    let text = if focus.is_text() {
        let empty = GoalAnswers::default();
        let a = app.group.as_ref().and_then(|g| g.file.answers(goal)).unwrap_or(&empty);
        fields::field_text(a, &q.key, focus)
    } else {
        None
    };
    if let Some(w) = wiz(app) {
        w.editor = text.map(|t| Editor::new(focus, &t));
        w.typing = None;
    }
}

fn read_only(app: &mut App) -> bool {
    let ro = app.group.as_ref().is_none_or(|g| g.read_only);
    if ro {
        app.notice = Some(app.t(T::ReadOnlyNotice));
    }
    ro
}

/// Apply a change to the goal's answers and mark the group edited.
fn change<R>(app: &mut App, now: Instant, f: impl FnOnce(&mut GoalAnswers) -> R) -> Option<R> {
    let Screen::Wizard(w) = &app.screen else { return None };
    let goal = w.goal;
    let g = app.group.as_mut()?;
    let r = f(g.file.answers_mut(goal));
    g.save.edited(now);
    Some(r)
}

pub fn on_key(app: &mut App, key: KeyEvent, global: Option<Action>, now: Instant, fx: &mut Vec<Effect>) {
    // The Kolada list and its question take their keys first.
    if !suggest::on_key(app, key, now) {
        on_step_key(app, key, global, now, fx);
    }
}

fn on_step_key(app: &mut App, key: KeyEvent, global: Option<Action>, now: Instant, fx: &mut Vec<Effect>) {
    let Some((_, _, focus, q)) = current(app) else {
        // The read-only step of removed questions, or no question here (the
        // workshop has none, or it changed): Esc, Ctrl-← and help only.
        let action = global.or_else(|| app.keymap.lookup(&[Context::Wizard, Context::Nav], &key));
        match action {
            Some(Action::Back) => {
                keep_history(app);
                app.request_save(now, fx);
                let goal = wiz(app).map(|w| w.goal);
                let index = super::lists::group_goals(app).iter().position(|g| Some(g.id) == goal).unwrap_or(0);
                app.screen = Screen::Goals(super::lists::ListState { selected: index });
            }
            Some(Action::PrevStep) => {
                if let Some(w) = wiz(app) {
                    w.removed_view = false;
                }
                rebuild_editor(app);
            }
            Some(Action::Help) => app.help = true,
            _ => {}
        }
        return;
    };
    let mut contexts = vec![Context::Wizard];
    match focus {
        _ if focus.is_text() && !focus.is_multiline() => contexts.push(Context::Form),
        Focus::List { .. } => contexts.extend([Context::Items, Context::Nav]),
        Focus::VerdictChoice | Focus::Indicator { .. } => contexts.extend([Context::Choice, Context::Form]),
        _ => {}
    }
    // The quality panel's keys last: Alt-↑/↓ move a list's items first.
    contexts.push(Context::Quality);
    let mut action = global.or_else(|| app.keymap.lookup(&contexts, &key));
    if action.is_none() && !focus.is_text() && app.keymap.lookup(&[Context::Nav], &key) == Some(Action::Help) {
        // "?" opens the help wherever it is not typed text.
        action = Some(Action::Help);
    }
    match action {
        Some(Action::Undo) => undo_redo(app, true, now),
        Some(Action::Redo) => undo_redo(app, false, now),
        Some(Action::Back) => back(app, now, fx),
        Some(Action::NextStep) => go_step(app, 1, now, fx),
        Some(Action::PrevStep) => go_step(app, -1, now, fx),
        Some(Action::NextField) => move_field(app, 1, &q),
        Some(Action::PrevField) => move_field(app, -1, &q),
        Some(Action::Confirm) => confirm(app, &q),
        Some(Action::Help) => app.help = true,
        Some(a @ (Action::QualityPanel | Action::QualityScrollDown | Action::QualityScrollUp)) => {
            super::quality::on_action(app, a, now, fx)
        }
        Some(Action::ChoicePrev) => choose(app, -1, &q, now),
        Some(Action::ChoiceNext) => choose(app, 1, &q, now),
        Some(a @ (Action::Up | Action::Down | Action::First | Action::Last)) => move_selection(app, a, &q),
        Some(Action::Open) => open_item(app, &q, now),
        Some(Action::Add) => add_item(app, &q, now),
        Some(Action::Delete) => delete_item(app, &q, now),
        Some(Action::MoveUp) => move_item(app, -1, &q, now),
        Some(Action::MoveDown) => move_item(app, 1, &q, now),
        _ if focus.is_text() => type_key(app, key, &q, now),
        _ => {}
    }
}

fn type_key(app: &mut App, key: KeyEvent, q: &Question, now: Instant) {
    let Some((_, _, focus, _)) = current(app) else { return };
    let input = Input::from(key);
    // Only keys that can change text need the read-only check; arrows may move.
    let edits = matches!(key.code, KeyCode::Char(_) | KeyCode::Enter | KeyCode::Backspace | KeyCode::Delete);
    if edits && read_only(app) {
        return;
    }
    if key.code == KeyCode::Enter && !focus.is_multiline() {
        return;
    }
    let boundary = matches!(key.code, KeyCode::Char(' ') | KeyCode::Enter);
    let Some(ed) = wiz(app).and_then(|w| w.editor.as_mut()) else { return };
    // `input` reports whether the text changed (cursor moves do not). The
    // model still holds the text from before the key, so the undo step
    // recorded now is the state to go back to.
    if ed.area.input(input) {
        checkpoint(app, Some((focus, boundary)));
        sync_editor(app, q, now);
    }
}

fn app_editor_text(app: &App) -> Option<String> {
    match &app.screen {
        Screen::Wizard(w) => w.editor.as_ref().map(Editor::text),
        _ => None,
    }
}

/// Copy the editor's text into the model (NFC).
fn sync_editor(app: &mut App, q: &Question, now: Instant) {
    let Some(raw) = app_editor_text(app) else { return };
    let Some((_, _, focus, _)) = current(app) else { return };
    let text = to_nfc(raw.clone());
    let kind = q.kind;
    let key = q.key.clone();
    change(app, now, |a| fields::set_field_text(a, &key, kind, focus, &text));
    if text != raw {
        // Composed characters: show the normalised text, cursor kept in place.
        if let Some(ed) = wiz(app).and_then(|w| w.editor.as_mut()) {
            let ratatui_textarea::DataCursor(row, col) = ed.area.cursor();
            let shrink = raw.chars().count().saturating_sub(text.chars().count());
            *ed = Editor::new(focus, &text);
            ed.area.move_cursor(CursorMove::Jump(row as u16, col.saturating_sub(shrink) as u16));
        }
    }
}

/// Bracketed paste: normalised, one undo step.
pub fn on_paste(app: &mut App, text: &str, now: Instant) {
    let Some((_, _, focus, q)) = current(app) else { return };
    let list = matches!(focus, Focus::List { .. });
    if read_only(app) || !(list || focus.is_text()) || text.trim().is_empty() {
        return;
    }
    let mut text = normalize(text);
    if let Some((cut, _)) = text.char_indices().nth(MAX_PASTE_CHARS) {
        // A whole document pasted by mistake: keep the start, say so.
        text.truncate(cut);
        app.notice = Some(crate::tr!(app.lang, T::PasteShortened, n = MAX_PASTE_CHARS));
    }
    checkpoint(app, None);
    if list {
        // A list pasted onto the sub-goals or indicators: one item per line.
        let (key, kind) = (q.key.clone(), q.kind);
        let added = change(app, now, |a| fields::add_lines(a, &key, kind, &text)).unwrap_or(0);
        let len = list_len(app, &q);
        if let Some(w) = wiz(app) {
            w.focus = Focus::List { sel: len - added.min(len) };
        }
        return;
    }
    if !focus.is_multiline() {
        text = text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    }
    if let Some(ed) = wiz(app).and_then(|w| w.editor.as_mut()) {
        ed.area.insert_str(&text);
    }
    sync_editor(app, &q, now);
}

/// After undo or a reload: a focus on an item that is gone goes to the list.
fn fix_focus(app: &mut App) {
    let Some((goal, _, focus, q)) = current(app) else { return };
    let empty = GoalAnswers::default();
    let a = app.group.as_ref().and_then(|g| g.file.answers(goal)).unwrap_or(&empty);
    let len = fields::item_count(a, &q.key);
    let fixed = match focus {
        Focus::Item { id, .. } | Focus::Indicator { id, .. } => {
            let exists = (0..len).any(|i| fields::item_id(a, &q.key, i) == Some(id));
            if exists {
                focus
            } else {
                Focus::List { sel: len }
            }
        }
        Focus::List { sel } => Focus::List { sel: sel.min(len) },
        f => f,
    };
    if let Some(w) = wiz(app) {
        w.focus = fixed;
    }
}

fn back(app: &mut App, now: Instant, fx: &mut Vec<Effect>) {
    let Some((_, _, focus, q)) = current(app) else { return };
    match focus {
        Focus::Item { .. } | Focus::Indicator { .. } => confirm(app, &q),
        _ => {
            let goal = wiz(app).map(|w| w.goal);
            keep_history(app);
            app.request_save(now, fx);
            let index = super::lists::group_goals(app).iter().position(|g| Some(g.id) == goal).unwrap_or(0);
            app.screen = Screen::Goals(super::lists::ListState { selected: index });
        }
    }
}

/// Go to step `target` (saving first, like a step change by key).
pub fn go_to_step(app: &mut App, target: usize, now: Instant, fx: &mut Vec<Effect>) {
    let Some((_, step, _, _)) = current(app) else { return };
    if target != step {
        go_step(app, target as isize - step as isize, now, fx);
    }
}

fn go_step(app: &mut App, delta: isize, now: Instant, fx: &mut Vec<Effect>) {
    let n = app.workshop().map(|w| w.questions.len()).unwrap_or(0);
    let Some((_, step, _, q)) = current(app) else { return };
    let next = step as isize + delta;
    if next == n as isize && !removed_answers(app).is_empty() {
        // After the last question: the goal's answers to removed questions.
        drop_blank_new_item(app, &q);
        app.request_save(now, fx);
        if let Some(w) = wiz(app) {
            w.removed_view = true;
            w.editor = None;
            w.typing = None;
        }
        return;
    }
    if next < 0 || next >= n as isize {
        return;
    }
    drop_blank_new_item(app, &q);
    app.request_save(now, fx);
    let Some(q) = question(app, next as usize).cloned() else { return };
    if let Some(w) = wiz(app) {
        w.told = None;
        w.step = next as usize;
        w.key = q.key;
        w.focus = Focus::first(q.kind);
    }
    rebuild_editor(app);
}

/// The fields of a step in Tab order for the current focus.
fn field_cycle(app: &App, q: &Question, focus: Focus) -> Vec<Focus> {
    let _ = app;
    match (q.kind, focus) {
        (QuestionKind::List, Focus::Item { id, .. }) => {
            vec![Focus::Item { id, field: 0 }, Focus::Item { id, field: 1 }]
        }
        (QuestionKind::Indicators, Focus::Indicator { id, .. }) => {
            IndField::ALL.iter().map(|f| Focus::Indicator { id, field: *f }).collect()
        }
        (QuestionKind::Verdict, _) => vec![Focus::VerdictChoice, Focus::VerdictHow],
        _ => vec![focus],
    }
}

fn move_field(app: &mut App, delta: isize, q: &Question) {
    let Some((_, _, focus, _)) = current(app) else { return };
    let cycle = field_cycle(app, q, focus);
    let Some(pos) = cycle.iter().position(|f| *f == focus) else { return };
    let next = cycle[(pos as isize + delta).rem_euclid(cycle.len() as isize) as usize];
    if next != focus {
        if let Some(w) = wiz(app) {
            w.focus = next;
        }
        rebuild_editor(app);
    }
}

/// Enter in a form field: back to the list from an item; onwards in a verdict.
fn confirm(app: &mut App, q: &Question) {
    let Some((goal, _, focus, _)) = current(app) else { return };
    match focus {
        Focus::Item { id, .. } | Focus::Indicator { id, .. } => {
            drop_blank_new_item(app, q);
            let empty = GoalAnswers::default();
            let a = app.group.as_ref().and_then(|g| g.file.answers(goal)).unwrap_or(&empty);
            let len = fields::item_count(a, &q.key);
            let sel = (0..len).find(|i| fields::item_id(a, &q.key, *i) == Some(id)).unwrap_or(len);
            if let Some(w) = wiz(app) {
                w.focus = Focus::List { sel };
            }
            rebuild_editor(app);
        }
        Focus::VerdictChoice => move_field(app, 1, q),
        _ => {}
    }
}

fn choose(app: &mut App, delta: isize, q: &Question, now: Instant) {
    let Some((goal, _, focus, _)) = current(app) else { return };
    if read_only(app) {
        return;
    }
    let key = q.key.clone();
    match focus {
        Focus::VerdictChoice => {
            checkpoint(app, None);
            change(app, now, |a| fields::cycle_verdict(a, &key, delta));
        }
        Focus::Indicator { id, field } if field.is_choice() => {
            let subgoals = subgoal_ids(app, goal);
            checkpoint(app, None);
            change(app, now, |a| fields::cycle_indicator_choice(a, &key, id, field, delta, &subgoals));
        }
        _ => {}
    }
}

/// A click in the wizard: focus the field under the pointer.
pub fn on_click(app: &mut App, col: u16, row: u16) {
    if let Some(n) = super::view::kolada::suggestion_at(app, col, row) {
        suggest::take(app, n, Instant::now());
        return;
    }
    if let Some(w) = wiz(app) {
        w.offer = None;
    }
    let Some(focus) = super::view::wizard::focus_at(app, col, row) else { return };
    if let Some(w) = wiz(app) {
        if w.focus == focus {
            return;
        }
        w.focus = focus;
    }
    rebuild_editor(app);
}

/// The mouse wheel: scroll the text being edited, or move a list's selection.
pub fn on_wheel(app: &mut App, down: bool) {
    let Some((_, _, focus, q)) = current(app) else { return };
    match focus {
        Focus::List { .. } => move_selection(app, if down { Action::Down } else { Action::Up }, &q),
        _ => {
            if let Some(ed) = wiz(app).and_then(|w| w.editor.as_mut()) {
                ed.area.scroll((if down { 3 } else { -3 }, 0));
            }
        }
    }
}
