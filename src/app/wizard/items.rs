//! The list steps of the wizard (sub-goals, indicators): selecting, opening,
//! adding, deleting and moving items, and dropping a new item left blank.

use std::time::Instant;

use uuid::Uuid;

use super::checkpoint;
use super::{
    answers, change, current, move_field, read_only, rebuild_editor, wiz, Action, App, Focus, IndField, Question,
    QuestionKind, Screen, T,
};
use crate::app::session::fields;

pub(super) fn drop_blank_new_item(app: &mut App, q: &Question) {
    let Some(w) = wiz(app) else { return };
    let (goal, Some(id)) = (w.goal, w.new_item.take()) else { return };
    if let Some(g) = app.group.as_mut() {
        if let Some(a) = g.file.goals.get_mut(&goal) {
            if fields::item_is_blank(a, &q.key, id) {
                fields::remove_item_by_id(a, &q.key, id);
                // The add's undo step would now restore the same state: drop it.
                if let Screen::Wizard(w) = &mut app.screen {
                    w.undo.pop();
                }
            }
        }
    }
}

pub(super) fn list_len(app: &App, q: &Question) -> usize {
    answers(app).map(|a| fields::item_count(a, &q.key)).unwrap_or(0)
}

pub(super) fn move_selection(app: &mut App, action: Action, q: &Question) {
    let len = list_len(app, q);
    let Some((_, _, focus, _)) = current(app) else { return };
    match focus {
        Focus::List { sel } => {
            // Rows 0..len are items, row len is "add".
            let sel = match action {
                Action::Up => sel.saturating_sub(1),
                Action::Down => (sel + 1).min(len),
                Action::First => 0,
                _ => len,
            };
            if let Some(w) = wiz(app) {
                w.focus = Focus::List { sel };
            }
        }
        Focus::VerdictChoice | Focus::Indicator { .. } => match action {
            Action::Up => move_field(app, -1, q),
            Action::Down => move_field(app, 1, q),
            _ => {}
        },
        _ => {}
    }
}

pub(super) fn edit_focus(q: &Question, id: Uuid) -> Focus {
    match q.kind {
        QuestionKind::Indicators => Focus::Indicator { id, field: IndField::Name },
        _ => Focus::Item { id, field: 0 },
    }
}

pub(super) fn open_item(app: &mut App, q: &Question, now: Instant) {
    let Some((_, _, Focus::List { sel }, _)) = current(app) else { return };
    let id = answers(app).and_then(|a| fields::item_id(a, &q.key, sel));
    match id {
        Some(id) => {
            if let Some(w) = wiz(app) {
                w.focus = edit_focus(q, id);
            }
            rebuild_editor(app);
        }
        None => add_item(app, q, now),
    }
}

pub(super) fn add_item(app: &mut App, q: &Question, now: Instant) {
    if read_only(app) || !matches!(q.kind, QuestionKind::List | QuestionKind::Indicators) {
        return;
    }
    checkpoint(app, None);
    let key = q.key.clone();
    let kind = q.kind;
    let Some(Some(id)) = change(app, now, |a| fields::add_item(a, &key, kind)) else { return };
    if let Some(w) = wiz(app) {
        w.focus = edit_focus(q, id);
        w.new_item = Some(id);
    }
    rebuild_editor(app);
}

pub(super) fn delete_item(app: &mut App, q: &Question, now: Instant) {
    let Some((_, _, Focus::List { sel }, _)) = current(app) else { return };
    if sel >= list_len(app, q) || read_only(app) {
        return;
    }
    checkpoint(app, None);
    let key = q.key.clone();
    let kind = q.kind;
    change(app, now, |a| fields::delete_item(a, &key, kind, sel));
    let len = list_len(app, q);
    if let Some(w) = wiz(app) {
        w.focus = Focus::List { sel: sel.min(len) };
    }
    app.notice = Some(app.t(T::DeletedUndoHint));
}

pub(super) fn move_item(app: &mut App, delta: isize, q: &Question, now: Instant) {
    let Some((_, _, Focus::List { sel }, _)) = current(app) else { return };
    let len = list_len(app, q);
    let (first, target) = match delta {
        -1 if sel > 0 && sel < len => (sel - 1, sel - 1),
        1 if sel + 1 < len => (sel, sel + 1),
        _ => return,
    };
    if read_only(app) {
        return;
    }
    checkpoint(app, None);
    let key = q.key.clone();
    let kind = q.kind;
    change(app, now, |a| fields::swap_items(a, &key, kind, first));
    if let Some(w) = wiz(app) {
        w.focus = Focus::List { sel: target };
    }
}
