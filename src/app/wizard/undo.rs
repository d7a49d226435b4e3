//! Undo and redo in the wizard: a snapshot of the goal's answers before
//! each change (typing is one step per word), kept per goal while the group
//! is open.

use std::time::Instant;

use super::{change, current, fix_focus, read_only, rebuild_editor, wiz};
use crate::app::session::fields::Focus;
use crate::app::session::group::{History, Snapshot};
use crate::app::{App, Screen};
use crate::i18n::tui::T;

/// Undo steps kept per goal.
use crate::app::session::group::UNDO_LIMIT;

/// Record an undo step before a change (typing into the same field is one
/// step per word).
pub(super) fn checkpoint(app: &mut App, typing: Option<(Focus, bool)>) {
    let Some((goal, _, focus, q)) = current(app) else { return };
    let same_field = matches!((typing, wiz(app).and_then(|w| w.typing)), (Some((f, false)), Some(t)) if t == f);
    if same_field {
        // Still typing in the same word: the step recorded at its start holds.
        return;
    }
    let answers = app.group.as_ref().and_then(|g| g.file.answers(goal)).cloned().unwrap_or_default();
    let Some(w) = wiz(app) else { return };
    w.undo.push(Snapshot { answers, key: q.key, focus });
    if w.undo.len() > UNDO_LIMIT {
        w.undo.remove(0);
    }
    w.redo.clear();
    w.typing = typing.map(|(f, _)| f);
}

pub(super) fn undo_redo(app: &mut App, undo: bool, now: Instant) {
    let Some((goal, _, focus, q)) = current(app) else { return };
    if read_only(app) {
        return;
    }
    let now_answers = app.group.as_ref().and_then(|g| g.file.answers(goal)).cloned().unwrap_or_default();
    let Some(w) = wiz(app) else { return };
    let (from, to) = if undo { (&mut w.undo, &mut w.redo) } else { (&mut w.redo, &mut w.undo) };
    let Some(snap) = from.pop() else {
        app.notice = Some(app.t(if undo { T::NothingToUndo } else { T::NothingToRedo }));
        return;
    };
    to.push(Snapshot { answers: now_answers, key: q.key, focus });
    // Back to the step of the change, if its question still exists.
    let step = app.workshop().and_then(|ws| ws.questions.iter().position(|q| q.key == snap.key));
    let Some(w) = wiz(app) else { return };
    if let Some(step) = step {
        w.step = step;
        w.key = snap.key;
        w.focus = snap.focus;
    }
    w.typing = None;
    w.new_item = None;
    let answers = snap.answers;
    change(app, now, |a| *a = answers);
    fix_focus(app);
    rebuild_editor(app);
}

/// Put the wizard's undo history aside for when the goal is opened again.
pub(super) fn keep_history(app: &mut App) {
    let Screen::Wizard(w) = &mut app.screen else { return };
    let history = History { undo: std::mem::take(&mut w.undo), redo: std::mem::take(&mut w.redo) };
    if let Some(g) = &mut app.group {
        g.history.insert(w.goal, history);
    }
}
