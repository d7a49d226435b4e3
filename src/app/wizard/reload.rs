//! The wizard after workshop.ron was reloaded, and the file it saves: the
//! step stays bound to its question's key, and an item just added without
//! text is never written.

use super::{answers, drop_blank_new_item, position, question, rebuild_editor, removed_answers, wiz};
use crate::app::session::fields::{self, Focus};
use crate::app::{App, Screen};
use crate::domain::model::GroupFile;
use crate::i18n::tui::T;

/// Tell the group in the status bar and, until it changes step, above the
/// editor (a status notice alone is gone at the next key).
fn tell(app: &mut App, text: String) {
    app.notice = Some(text.clone());
    if let Some(w) = wiz(app) {
        w.told = Some(text);
    }
}

/// After workshop.ron was reloaded (questions reordered, added, removed):
/// the wizard stays on its question wherever it moved. When its question
/// was removed, what was typed stays in the group file as an answer to a
/// removed question, the group is told, and the wizard goes to a step that
/// exists. `before` is the workshop as it was before the reload.
pub fn after_reload(app: &mut App, before: Option<&crate::domain::Workshop>) {
    let Screen::Wizard(w) = &app.screen else { return };
    let (goal, key, old_step, focus) = (w.goal, w.key.clone(), w.step, w.focus);
    let n = app.workshop().map(|ws| ws.questions.len()).unwrap_or(0);
    let goal_gone = app.workshop().is_some_and(|ws| ws.goal(goal).is_none());
    if goal_gone && before.is_some_and(|b| b.goal(goal).is_some()) {
        // The goal itself was removed: what is written stays in the file
        // (shown on the goal list and in the group's export); say so.
        tell(app, crate::tr!(app.lang, T::GoalRemovedTextKept));
    }
    // Back on a question when nothing is left to show on the read-only step
    // (the question came back).
    let mut left_removed = false;
    if removed_answers(app).is_empty() {
        if let Some(w) = wiz(app).filter(|w| w.removed_view) {
            w.removed_view = false;
            left_removed = true;
        }
    }
    if let Some(step) = position(app, &key) {
        let kind = question(app, step).map(|q| q.kind);
        let fits = kind.is_some_and(|k| focus.fits(k));
        if let Some(w) = wiz(app) {
            w.step = step;
        }
        if !fits {
            // The same key with another kind (edited by hand): start over
            // on the step rather than type into nothing.
            if let (Some(k), Some(w)) = (kind, wiz(app)) {
                w.focus = Focus::first(k);
            }
        }
        if left_removed || !fits {
            rebuild_editor(app);
        }
        return;
    }
    // The question is gone. Its answer stays in the model (and so in the
    // file); a blank item just added to it is dropped.
    if let Some(removed) = before.and_then(|b| b.questions.iter().find(|q| q.key == key)).cloned() {
        drop_blank_new_item(app, &removed);
        let written = answers(app).and_then(|a| a.answers.get(&key)).is_some_and(|a| !a.is_empty());
        if written {
            // The step bar's short name: the whole message fits on one line.
            let name = crate::app::session::progress::short_label(&removed, app.lang);
            tell(app, crate::tr!(app.lang, T::QuestionRemovedTextKept, name = name));
        }
    }
    let step = old_step.min(n.saturating_sub(1));
    let next = question(app, step).cloned();
    if let Some(w) = wiz(app) {
        w.new_item = None;
        w.typing = None;
        w.step = step;
        match next {
            Some(q) => {
                w.key = q.key;
                w.focus = Focus::first(q.kind);
            }
            None => {
                w.editor = None;
                return;
            }
        }
    }
    rebuild_editor(app);
}

/// The group file as it is to be written: an item just added in the wizard
/// and not yet given any text is left out, so that a save never writes an
/// empty sub-goal or indicator (it would come back as "(no name)").
pub fn file_to_save(screen: &Screen, file: &GroupFile) -> GroupFile {
    let mut out = file.clone();
    if let Screen::Wizard(w) = screen {
        if let (Some(id), Some(a)) = (w.new_item, out.goals.get_mut(&w.goal)) {
            if fields::item_is_blank(a, &w.key, id) {
                fields::remove_item_by_id(a, &w.key, id);
            }
        }
    }
    out
}
