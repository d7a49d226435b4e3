//! The outline screen: a tree per goal (effects, sub-goals, indicators,
//! verdicts) with group tags and flags, filters, and the review keys.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent};
use uuid::Uuid;

pub use super::rows::{entry_at, entry_key, is_item, item_at, row_key, rows, selected_row, Entry, Row};
use super::OutlineSession;
use crate::app::facil::FacilEffect;
use crate::app::widgets::input::Input;
use crate::app::{Action, App, Context, Effect};
use crate::domain::merge::review::{ChooseVersion, Op};
use crate::domain::outline::{OutlineItem, Status};
use crate::i18n::merge::T;
use crate::tr;

/// Which items the tree shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    Conflicts,
    Duplicates,
    Undecided,
}

impl Filter {
    pub fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Conflicts,
            Filter::Conflicts => Filter::Duplicates,
            Filter::Duplicates => Filter::Undecided,
            Filter::Undecided => Filter::All,
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Filter::All => T::FilterAll.get(lang),
            Filter::Conflicts => T::FilterConflicts.get(lang),
            Filter::Duplicates => T::FilterDuplicates.get(lang),
            Filter::Undecided => T::FilterUndecided.get(lang),
        }
    }

    /// Whether an item passes the filter.
    pub fn shows(self, item: &OutlineItem) -> bool {
        match self {
            Filter::All => true,
            Filter::Conflicts => item.flags.conflict,
            Filter::Duplicates => !item.flags.possible_duplicates.is_empty(),
            Filter::Undecided => item.status == Status::Open || item.flags.changed_after_decision,
        }
    }
}

/// The screen's own state (the outline itself is [`App::outline`]).
#[derive(Debug, Default)]
pub struct OutlineScreen {
    pub filter: Filter,
    /// The chosen item, by one of its member ids (stable across re-merges).
    pub selected: Option<Uuid>,
    /// Items marked for combining.
    pub marked: BTreeSet<Uuid>,
    /// The item whose text is being edited, and the field.
    pub editing: Option<(Uuid, Input)>,
    pub message: Option<String>,
    /// Waiting for the shell to read the files.
    pub loading: bool,
}

impl OutlineScreen {
    pub fn paste(&mut self, text: &str) {
        if let Some((_, input)) = &mut self.editing {
            input.paste(text);
        }
    }
}

/// Open the outline screen from the facilitator menu: ask the shell for the
/// files (the outline already in memory shows meanwhile).
pub fn open(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(root) = app.loaded.as_ref().map(|l| l.dir.root.clone()) else { return };
    app.screen = crate::app::Screen::Outline(Box::new(OutlineScreen { loading: true, ..OutlineScreen::default() }));
    fx.push(Effect::Facil(FacilEffect::LoadOutline(root)));
}

pub fn state(app: &App) -> Option<&OutlineScreen> {
    match &app.screen {
        crate::app::Screen::Outline(s) => Some(s),
        _ => None,
    }
}

fn state_mut(app: &mut App) -> Option<&mut OutlineScreen> {
    match &mut app.screen {
        crate::app::Screen::Outline(s) => Some(s),
        _ => None,
    }
}

pub use crate::app::msg::facil::OutlineFiles;

/// The shell read the files: merge (keeping every decision) and save.
pub fn on_files(app: &mut App, files: OutlineFiles, fx: &mut Vec<Effect>) {
    let lang = app.lang;
    let now = app.now;
    let Some(workshop) = app.loaded.as_ref().map(|l| l.workshop.clone()) else { return };
    if let Some(s) = state_mut(app) {
        s.loading = false;
    }
    match (app.outline.as_mut(), files.previous) {
        // A re-read, or the screen opened again: the outline in memory holds
        // every decision, so it is the previous of the new merge.
        (Some(session), _) => {
            if let Err(e) = session.remerge(&workshop, files.files, files.unreadable, now) {
                session.error = Some(e.message(lang));
            }
        }
        (None, Some(previous)) => {
            let (previous, error) = match previous {
                Ok(p) => (p, None),
                Err(e) => (None, Some(e)),
            };
            let session =
                OutlineSession::new(&workshop, files.files.clone(), files.unreadable.clone(), previous.as_ref(), now)
                    .or_else(|e| {
                        // outline.ron of another workshop: merge without it, and never overwrite it.
                        let msg = e.message(lang);
                        OutlineSession::new(&workshop, files.files, files.unreadable, None, now).map(|mut s| {
                            s.error = Some(msg);
                            s.keep_file = true;
                            s
                        })
                    });
            match session {
                Ok(mut s) => {
                    if error.is_some() {
                        // An unreadable outline.ron is never overwritten.
                        s.error = error;
                        s.keep_file = true;
                    }
                    app.outline = Some(s);
                }
                Err(e) => {
                    if let Some(st) = state_mut(app) {
                        st.message = Some(e.message(lang));
                    }
                }
            }
        }
        (None, None) => {}
    }
    keep_selection(app);
    autosave(app, fx);
}

/// A save of outline.ron finished.
pub fn on_saved(app: &mut App, generation: u64, result: Result<(), String>, fx: &mut Vec<Effect>) {
    if let Some(s) = app.outline.as_mut() {
        s.finished(generation, result);
    }
    autosave(app, fx);
}

/// Start a save of outline.ron when there are unsaved changes and none is
/// running. Never while outline.ron could not be read (it is not overwritten).
pub fn autosave(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(path) = app.loaded.as_ref().map(|l| l.dir.outline_path()) else { return };
    let Some(s) = app.outline.as_mut() else { return };
    if s.keep_file {
        return;
    }
    if let Some(generation) = s.start_save() {
        fx.push(Effect::Facil(FacilEffect::SaveOutline { path, generation, outline: Box::new(s.outline.clone()) }));
    }
}

/// The root of the workshop whose group files the shell must watch.
pub fn watched(app: &App) -> Option<PathBuf> {
    app.outline.as_ref()?;
    app.loaded.as_ref().map(|l| l.dir.root.clone())
}

/// Keep the selection on an item that is shown (the first one when the
/// chosen item is gone or filtered out).
fn keep_selection(app: &mut App) {
    let Some(outline) = app.outline.as_ref().map(|s| &s.outline) else { return };
    let Some(st) = (match &app.screen {
        crate::app::Screen::Outline(s) => Some(s),
        _ => None,
    }) else {
        return;
    };
    let rows = rows(outline, st.filter);
    let keep = selected_row(outline, &rows, st.selected).is_some();
    // The first item; with none, the first group text or verdict.
    let first = rows
        .iter()
        .find_map(|r| item_at(outline, *r))
        .map(|it| it.key)
        .or_else(|| rows.iter().find_map(|r| row_key(outline, *r)));
    if !keep {
        if let Some(st) = state_mut(app) {
            st.selected = first;
        }
    }
}

/// Move the selection by `delta` rows among the items, group texts (effects)
/// and verdicts shown.
fn step(app: &mut App, delta: isize) {
    let Some(outline) = app.outline.as_ref().map(|s| &s.outline) else { return };
    let Some(st) = state(app) else { return };
    let items: Vec<Uuid> = rows(outline, st.filter).into_iter().filter_map(|r| row_key(outline, r)).collect();
    if items.is_empty() {
        return;
    }
    let at = st
        .selected
        .and_then(|id| {
            let key = outline.find_item(id).map_or(id, |it| it.key);
            items.iter().position(|k| *k == key)
        })
        .unwrap_or(0);
    let to = match delta {
        isize::MIN => 0,
        isize::MAX => items.len() - 1,
        d => (at as isize + d).clamp(0, items.len() as isize - 1) as usize,
    };
    let key = items[to];
    if let Some(st) = state_mut(app) {
        st.selected = Some(key);
    }
}

/// The selected item: its key, and its position in its section.
fn selected_item(app: &App) -> Option<(Uuid, usize)> {
    let outline = app.outline()?;
    let id = state(app)?.selected?;
    for goal in &outline.goals {
        for section in &goal.sections {
            if let Some(pos) = section.items().iter().position(|it| is_item(it, id)) {
                return Some((section.items()[pos].key, pos));
            }
        }
    }
    None
}

/// True when the selected item has differing copies not yet settled.
fn selected_conflict(app: &App) -> bool {
    selected_item(app).and_then(|(id, _)| app.outline()?.find_item(id)).is_some_and(|it| it.flags.conflict)
}

fn apply(app: &mut App, op: Op) {
    let lang = app.lang;
    let Some(session) = app.outline.as_mut() else { return };
    let result = session.apply(op);
    if let (Err(e), Some(st)) = (result, state_mut(app)) {
        st.message = Some(e.message(lang));
    }
}

pub fn on_key(app: &mut App, key: KeyEvent, global: Option<Action>, fx: &mut Vec<Effect>) {
    let lang = app.lang;
    if let Some(st) = state_mut(app) {
        st.message = None;
    }
    // Editing a text: the field gets every key but Enter and Esc.
    if state(app).is_some_and(|s| s.editing.is_some()) {
        let Some(st) = state_mut(app) else { return };
        match key.code {
            KeyCode::Esc => st.editing = None,
            KeyCode::Enter => {
                if let Some((id, input)) = st.editing.take() {
                    let text = input.text();
                    let text = Some(text.trim().to_string()).filter(|t| !t.is_empty());
                    apply(app, Op::Edit(id, text));
                }
            }
            _ => {
                if let Some((_, input)) = &mut st.editing {
                    input.key(key);
                }
            }
        }
        autosave(app, fx);
        return;
    }
    let action = global.or_else(|| app.keymap.lookup(&[Context::Outline, Context::Nav], &key));
    let selected = selected_item(app);
    // An effect or a verdict is chosen: it is decided by its entry key like
    // an item, but has no position of its own and cannot be combined.
    let entry = state(app)
        .and_then(|s| s.selected)
        .filter(|id| selected.is_none() && app.outline().and_then(|o| entry_at(o, *id)).is_some());
    if let Some(id) = entry {
        if let Some(handled) = entry_key_press(app, id, action, key) {
            if handled {
                keep_selection(app);
                autosave(app, fx);
            }
            return;
        }
    }
    // 1–9 choose a version of an item whose copies differ, 0 keeps them all.
    if let (None, KeyCode::Char(c @ '0'..='9'), true) =
        (action, key.code, key.modifiers.difference(crossterm::event::KeyModifiers::SHIFT).is_empty())
    {
        let has_versions = selected
            .and_then(|(id, _)| app.outline().and_then(|o| o.find_item(id)))
            .is_some_and(|it| it.members.iter().any(|m| m.versions.len() > 1));
        if let (Some((id, _)), true) = (selected, has_versions) {
            let choice = match c {
                '0' => ChooseVersion::Both,
                d => ChooseVersion::Nth(d as usize - '1' as usize),
            };
            apply(app, Op::Choose { item: id, choice });
        }
        keep_selection(app);
        autosave(app, fx);
        return;
    }
    match action {
        Some(Action::Back) => {
            crate::app::facil::to_menu(app);
            return;
        }
        Some(Action::Help) => app.help = true,
        Some(Action::Up) => step(app, -1),
        Some(Action::Down) => step(app, 1),
        Some(Action::First) => step(app, isize::MIN),
        Some(Action::Last) => step(app, isize::MAX),
        Some(Action::Filter) => {
            if let Some(st) = state_mut(app) {
                st.filter = st.filter.next();
            }
            keep_selection(app);
        }
        Some(Action::Accept) if selected_conflict(app) => {
            // Accepting would keep whichever version happens to show: ask.
            if let Some(st) = state_mut(app) {
                st.message = Some(T::ChooseFirst.get(lang).to_string());
            }
        }
        Some(Action::Accept) | Some(Action::DropItem) | Some(Action::Reopen) => {
            if let Some((id, _)) = selected {
                let op = match action {
                    Some(Action::Accept) => Op::Accept(id),
                    Some(Action::DropItem) => Op::Drop(id),
                    _ => Op::Reopen(id),
                };
                apply(app, op);
            }
        }
        Some(Action::EditText) | Some(Action::Open) => {
            if let Some(item) = selected.and_then(|(id, _)| app.outline().and_then(|o| o.find_item(id))) {
                let (id, text) = (item.key, item.text.clone());
                if let Some(st) = state_mut(app) {
                    st.editing = Some((id, Input::new(&text, false)));
                }
            }
        }
        Some(Action::MoveUp) | Some(Action::MoveDown) => {
            if let Some((id, pos)) = selected {
                let to = if action == Some(Action::MoveUp) { pos.saturating_sub(1) } else { pos + 1 };
                if to != pos {
                    apply(app, Op::Move { item: id, to });
                }
            }
        }
        Some(Action::Mark) => {
            if let (Some((id, _)), Some(st)) = (selected, state_mut(app)) {
                if !st.marked.remove(&id) {
                    st.marked.insert(id);
                }
                step(app, 1);
            }
        }
        Some(Action::Combine) => {
            let marked = state(app).map(|s| s.marked.clone()).unwrap_or_default();
            let mut items: Vec<Uuid> = marked.into_iter().collect();
            if let Some((id, _)) = selected {
                items.push(id);
            }
            let n = items
                .iter()
                .filter_map(|id| app.outline().and_then(|o| o.find_item(*id)).map(|i| i.key))
                .collect::<BTreeSet<_>>()
                .len();
            if n < 2 {
                if let Some(st) = state_mut(app) {
                    st.message = Some(T::MarkFirst.get(lang).to_string());
                }
            } else {
                let before = app.outline.as_ref().map(|s| s.generation);
                apply(app, Op::Combine { items, text: None });
                if app.outline.as_ref().map(|s| s.generation) != before {
                    if let Some(st) = state_mut(app) {
                        st.marked.clear();
                        st.message = Some(tr!(lang, T::CombinedN, n = n));
                    }
                }
            }
        }
        Some(Action::Undo) => {
            let done = app.outline.as_mut().is_some_and(OutlineSession::undo);
            if let (false, Some(st)) = (done, state_mut(app)) {
                st.message = Some(T::NothingToUndo.get(lang).to_string());
            }
        }
        Some(Action::Redo) => {
            let done = app.outline.as_mut().is_some_and(OutlineSession::redo);
            if let (false, Some(st)) = (done, state_mut(app)) {
                st.message = Some(T::NothingToRedo.get(lang).to_string());
            }
        }
        _ => {}
    }
    keep_selection(app);
    autosave(app, fx);
}

/// A key on a group's effect or verdict (`id` its entry key). `None`: not a
/// decision key (navigation and the rest go on as for items); `Some(true)`:
/// handled, the outline may have changed.
fn entry_key_press(app: &mut App, id: Uuid, action: Option<Action>, key: KeyEvent) -> Option<bool> {
    let lang = app.lang;
    let entry = app.outline().and_then(|o| entry_at(o, id))?;
    let (conflict, versions, text) = match entry {
        Entry::Text(_, e) => (e.conflict, e.versions.len(), e.text.clone()),
        Entry::Verdict(_, e) => (e.conflict, e.versions.len(), e.text.clone()),
    };
    let say = |app: &mut App, t: T| {
        if let Some(st) = state_mut(app) {
            st.message = Some(t.get(lang).to_string());
        }
    };
    if let (None, KeyCode::Char(c @ '0'..='9'), true) =
        (action, key.code, key.modifiers.difference(crossterm::event::KeyModifiers::SHIFT).is_empty())
    {
        if versions > 1 {
            let choice = match c {
                '0' => ChooseVersion::Both,
                d => ChooseVersion::Nth(d as usize - '1' as usize),
            };
            apply(app, Op::Choose { item: id, choice });
        }
        return Some(true);
    }
    match action? {
        Action::Accept if conflict => say(app, T::ChooseFirst),
        Action::Accept => apply(app, Op::Accept(id)),
        Action::DropItem => apply(app, Op::Drop(id)),
        Action::Reopen => apply(app, Op::Reopen(id)),
        Action::EditText | Action::Open => {
            if let Some(st) = state_mut(app) {
                st.editing = Some((id, Input::new(&text, false)));
            }
        }
        Action::MoveUp | Action::MoveDown | Action::Mark | Action::Combine => say(app, T::EntryNotMovable),
        _ => return None,
    }
    Some(true)
}

/// The hint line.
pub fn hint(app: &App, st: &OutlineScreen) -> String {
    if let Some(m) = &st.message {
        return format!(" {m}");
    }
    if st.editing.is_some() {
        return format!(" {}", T::HintEditing.get(app.lang));
    }
    format!(" {}", T::HintOutline.get(app.lang))
}

/// The help's words for the outline's actions.
pub fn help_text(action: Action, lang: crate::i18n::Lang) -> Option<String> {
    let key = match action {
        Action::Accept => T::ActAccept,
        Action::DropItem => T::ActDropItem,
        Action::Reopen => T::ActReopen,
        Action::EditText => T::ActEditText,
        Action::Mark => T::ActMark,
        Action::Combine => T::ActCombine,
        Action::Filter => T::ActFilter,
        _ => return None,
    };
    Some(key.get(lang).to_string())
}
