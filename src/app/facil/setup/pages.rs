//! Keys on the setup's pages when no form is open: the goal list, the
//! groups, the assignment matrix, the questions and the last page.

use crossterm::event::KeyEvent;

use super::form::{self, Form, Target};
use super::{import, Choose, Confirm, Mode, Page, SetupState};
use crate::app::facil::FacilEffect;
use crate::app::{Action, Context, Effect, Keymap};
use crate::domain::assign::{self, Strategy};
use crate::domain::{questions, setup as dsetup, Bilingual, Goal, QuestionKind};
use crate::i18n::setup::T;
use crate::i18n::Lang;
use crate::tr;

/// The entries of the "new question" list: the suggestions, then an empty
/// question of each kind.
pub fn question_choices() -> Vec<(QuestionKind, Bilingual, Bilingual)> {
    let mut out = questions::suggestions();
    for kind in [QuestionKind::Text, QuestionKind::List, QuestionKind::Indicators, QuestionKind::Verdict] {
        out.push((kind, Bilingual::default(), Bilingual::default()));
    }
    out
}

/// Rows of a page's list.
pub fn rows(s: &SetupState) -> usize {
    match s.page {
        Page::Goals | Page::Assign => s.draft.goals.len(),
        // the count-or-names row, then the groups
        Page::Groups => s.draft.groups.len() + 1,
        Page::Questions => s.draft.questions.len(),
        Page::Details | Page::Finish => 0,
    }
}

/// Keys on the setup. Returns true when the facilitator leaves it.
pub fn on_key(
    s: &mut SetupState,
    keymap: &Keymap,
    key: KeyEvent,
    global: Option<Action>,
    lang: Lang,
    sessions: &std::path::Path,
    fx: &mut Vec<Effect>,
) -> bool {
    match &s.mode {
        Mode::Form(_) => return form::on_key(s, keymap, key, global, lang, fx),
        Mode::Import(_) => {
            import::on_key(s, keymap, key, global, lang, fx);
            return false;
        }
        Mode::Choose(_) => {
            choose_key(s, keymap, key, global, lang);
            return false;
        }
        Mode::Confirm(Confirm::Quit) => {
            let yes = keymap.lookup(&[Context::Form], &key) == Some(Action::Confirm)
                || matches!(key.code, crossterm::event::KeyCode::Char('j' | 'J' | 'y' | 'Y'));
            if yes {
                fx.push(Effect::Quit);
            } else {
                s.browse();
            }
            return false;
        }
        Mode::Confirm(c) => {
            let c = c.clone();
            return confirm_key(s, c, key, lang, sessions, fx);
        }
        Mode::Browse => {}
    }
    let action =
        global.or_else(|| keymap.lookup(&[Context::Facil, Context::Items, Context::Nav, Context::Choice], &key));
    let n = rows(s);
    match action {
        Some(Action::Back) if s.dirty => s.mode = Mode::Confirm(Confirm::Leave),
        Some(Action::Back) => return true,
        Some(Action::Up) => s.sel = s.sel.saturating_sub(1),
        Some(Action::Down) => s.sel = (s.sel + 1).min(n.saturating_sub(1)),
        Some(Action::First) => s.sel = 0,
        Some(Action::Last) => s.sel = n.saturating_sub(1),
        Some(a) => match s.page {
            Page::Goals => goals_key(s, a, lang),
            Page::Groups => groups_key(s, a, lang),
            Page::Assign => assign_key(s, a),
            Page::Questions => questions_key(s, a, fx),
            Page::Finish if matches!(a, Action::Open | Action::Confirm) => super::finish(s, lang, sessions, fx),
            _ => {}
        },
        None => {}
    }
    false
}

fn open_form(s: &mut SetupState, target: Target, new: bool) {
    s.mode = Mode::Form(Box::new(Form::open(s, target, new)));
}

fn goals_key(s: &mut SetupState, a: Action, lang: Lang) {
    let goal = s.draft.goals.get(s.sel).map(|g| g.id);
    match (a, goal) {
        (Action::Import, _) => s.mode = Mode::Import(Box::default()),
        (Action::Add, _) => {
            let g = Goal::new(None, "");
            let id = g.id;
            s.draft.goals.push(g);
            s.sel = s.draft.goals.len() - 1;
            // start on the wording
            s.mode = Mode::Form(Box::new(Form::open_at(s, Target::Goal(id), 1, true)));
        }
        (Action::Open, Some(id)) => open_form(s, Target::Goal(id), false),
        (Action::Delete, Some(id)) => {
            let answers = dsetup::goal_answer_count(&s.files, id);
            if answers > 0 {
                s.mode = Mode::Confirm(Confirm::RemoveGoal { goal: id, answers });
            } else {
                remove_goal(s, id, lang);
            }
        }
        (Action::MoveUp | Action::MoveDown, Some(id)) => {
            let to = if a == Action::MoveUp { s.sel.checked_sub(1) } else { Some(s.sel + 1) };
            if let Some(to) = to.filter(|t| *t < s.draft.goals.len()) {
                let _ = dsetup::move_goal(&mut s.draft, id, to);
                s.sel = to;
                s.edited();
            }
        }
        _ => {}
    }
}

fn remove_goal(s: &mut SetupState, id: uuid::Uuid, lang: Lang) {
    if let Ok(g) = dsetup::remove_goal(&mut s.draft, id) {
        s.info(tr!(lang, T::GoalRemoved, goal = g.label()));
        s.edited();
    }
    s.sel = s.sel.min(s.draft.goals.len().saturating_sub(1));
}

fn groups_key(s: &mut SetupState, a: Action, lang: Lang) {
    let group = s.sel.checked_sub(1).and_then(|i| s.draft.groups.get(i)).map(|g| g.id);
    match (a, group) {
        (Action::Add, _) => open_form(s, Target::NewGroup, true),
        (Action::Open, None) if !s.is_new() => s.error(tr!(lang, T::NoRegroup)),
        (Action::Open, None) => open_form(s, Target::GroupSpec, false),
        (Action::Open, Some(id)) => open_form(s, Target::Group(id), false),
        (Action::Delete, Some(id)) => {
            let answered = s.files.iter().any(|f| f.group == id && f.goals.values().any(|a| !a.is_empty()));
            if answered {
                s.mode = Mode::Confirm(Confirm::RemoveGroup { group: id });
            } else {
                remove_group(s, id);
            }
        }
        _ => {}
    }
}

fn remove_group(s: &mut SetupState, id: uuid::Uuid) {
    if dsetup::remove_group(&mut s.draft, id).is_ok() {
        s.reassign();
        s.edited();
    }
    s.sel = s.sel.min(s.draft.groups.len());
}

fn assign_key(s: &mut SetupState, a: Action) {
    let cols = s.draft.groups.len();
    match a {
        Action::ChoicePrev => s.col = s.col.saturating_sub(1),
        Action::ChoiceNext if cols > 0 => s.col = (s.col + 1).min(cols - 1),
        Action::Toggle | Action::Open => {
            let (Some(goal), Some(group)) = (s.draft.goals.get(s.sel), s.draft.groups.get(s.col)) else { return };
            let (goal, group) = (goal.id, group.id);
            if assign::toggle(&mut s.draft, group, goal).is_some() {
                s.manual = true;
                s.edited();
            }
        }
        Action::StrategyEvenly | Action::StrategyByPerspective | Action::StrategyEveryGoal => {
            s.strategy = match a {
                Action::StrategyEvenly => Strategy::EvenlyInOrder,
                Action::StrategyByPerspective => Strategy::ByPerspective,
                _ => Strategy::EveryGroupEveryGoal,
            };
            s.manual = false;
            s.reassign();
            s.edited();
        }
        _ => {}
    }
}

fn questions_key(s: &mut SetupState, a: Action, fx: &mut Vec<Effect>) {
    let key = s.draft.questions.get(s.sel).map(|q| q.key.clone());
    match (a, key) {
        (Action::Add, _) => s.mode = Mode::Choose(Choose::Question { sel: 0 }),
        (Action::SaveTemplate, _) => open_form(s, Target::TemplateName, true),
        (Action::ChooseTemplate, _) => fx.push(Effect::Facil(FacilEffect::ListTemplates)),
        (Action::Open, Some(key)) => open_form(s, Target::Question(key), false),
        (Action::Delete, Some(key)) => {
            let answers = questions::answer_count(&s.files, &key);
            if answers > 0 {
                s.mode = Mode::Confirm(Confirm::RemoveQuestion { key, answers });
            } else {
                remove_question(s, &key);
            }
        }
        (Action::MoveUp, Some(key)) if questions::move_up(&mut s.draft.questions, &key) == Ok(true) => {
            s.sel -= 1;
            s.edited();
        }
        (Action::MoveDown, Some(key)) if questions::move_down(&mut s.draft.questions, &key) == Ok(true) => {
            s.sel += 1;
            s.edited();
        }
        _ => {}
    }
}

fn remove_question(s: &mut SetupState, key: &str) {
    if questions::remove(&mut s.draft.questions, key).is_ok() {
        s.edited();
    }
    s.sel = s.sel.min(s.draft.questions.len().saturating_sub(1));
}

fn choose_key(s: &mut SetupState, keymap: &Keymap, key: KeyEvent, global: Option<Action>, lang: Lang) {
    let Mode::Choose(c) = &mut s.mode else { return };
    let len = match c {
        Choose::Question { .. } => question_choices().len(),
        Choose::Template { .. } => s.templates.len(),
    };
    let (Choose::Question { sel } | Choose::Template { sel }) = c;
    match global.or_else(|| keymap.lookup(&[Context::Nav, Context::Form], &key)) {
        Some(Action::Back) => s.mode = Mode::Browse,
        Some(Action::Up) => *sel = sel.saturating_sub(1),
        Some(Action::Down) => *sel = (*sel + 1).min(len.saturating_sub(1)),
        Some(Action::Open | Action::Confirm) => {
            let (sel, template) = (*sel, matches!(c, Choose::Template { .. }));
            if template {
                use_template(s, sel, lang);
            } else if let Some((kind, prompt, guidance)) = question_choices().into_iter().nth(sel) {
                let reserved = questions::answer_keys(&s.files);
                let key = questions::add(&mut s.draft.questions, kind, prompt, guidance, &reserved);
                s.sel = s.draft.questions.len() - 1;
                s.edited();
                open_form(s, Target::Question(key), true);
            }
        }
        _ => {}
    }
}

fn use_template(s: &mut SetupState, sel: usize, lang: Lang) {
    let Some((name, qs)) = s.templates.get(sel).cloned() else { return };
    s.draft.questions = qs;
    s.sel = 0;
    s.mode = Mode::Browse;
    s.edited();
    s.info(tr!(lang, T::TemplateUsed, name = name));
}

fn confirm_key(
    s: &mut SetupState,
    c: Confirm,
    key: KeyEvent,
    lang: Lang,
    sessions: &std::path::Path,
    fx: &mut Vec<Effect>,
) -> bool {
    use crossterm::event::KeyCode;
    let yes = matches!(key.code, KeyCode::Enter | KeyCode::Char('j' | 'J' | 'y' | 'Y'));
    let no = matches!(key.code, KeyCode::Esc | KeyCode::Char('n' | 'N'));
    if !yes && !no {
        return false;
    }
    s.browse();
    if no {
        if matches!(c, Confirm::SaveRemoved { .. }) {
            s.info(tr!(lang, T::NotSavedYet));
        }
        return false;
    }
    match c {
        Confirm::RemoveQuestion { key, answers } => {
            s.accepted.insert(super::Removal::Question(key.clone()), answers);
            remove_question(s, &key);
            s.info(tr!(lang, T::AnswersKept, n = answers));
        }
        Confirm::RemoveGoal { goal, answers } => {
            s.accepted.insert(super::Removal::Goal(goal), answers);
            remove_goal(s, goal, lang)
        }
        Confirm::SaveRemoved { counts } => {
            // Accepted with the counts read at save time: save again.
            s.accepted.extend(counts);
            super::finish(s, lang, sessions, fx);
        }
        Confirm::RemoveGroup { group } => remove_group(s, group),
        Confirm::Leave => return true,
        Confirm::Quit => {}
    }
    false
}
