//! Drawn over a screen: the help, dialogs, and the error view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::app::keymap::{Action, Context};
use crate::app::widgets::wrap::wrap;
use crate::app::{App, Dialog, Screen};
use crate::domain::model::QuestionKind;
use crate::i18n::tui::T;
use crate::tr;

/// The description of an action in the help.
pub fn action_text(action: Action) -> T {
    match action {
        Action::Save => T::ActSave,
        Action::SaveElsewhere => T::ActSaveElsewhere,
        Action::Quit => T::ActQuit,
        Action::Help => T::ActHelp,
        Action::Undo => T::ActUndo,
        Action::Redo => T::ActRedo,
        Action::Back => T::ActBack,
        Action::NextStep => T::ActNextStep,
        Action::PrevStep => T::ActPrevStep,
        Action::NextField => T::ActNextField,
        Action::PrevField => T::ActPrevField,
        Action::Up => T::ActUp,
        Action::Down => T::ActDown,
        Action::First => T::ActFirst,
        Action::Last => T::ActLast,
        Action::Open => T::ActOpen,
        Action::Add => T::ActAdd,
        Action::Delete => T::ActDelete,
        Action::MoveUp => T::ActMoveUp,
        Action::MoveDown => T::ActMoveDown,
        Action::ChoicePrev => T::ActChoicePrev,
        Action::ChoiceNext => T::ActChoiceNext,
        Action::Confirm => T::ActConfirm,
        // Described in the setup catalogue (see `help_text`).
        _ => T::ActOpen,
    }
}

/// The keymap contexts that apply on the current screen.
fn help_contexts(app: &App) -> Vec<Context> {
    match &app.screen {
        // The keys of this step's kind only: no list keys beside the effect's
        // text box, no choice keys beside a list of sub-goals.
        Screen::Wizard(w) => {
            let kind = crate::app::wizard::question(app, w.step).map(|q| q.kind);
            let mut c = vec![Context::Global, Context::Wizard];
            c.extend(match kind {
                Some(QuestionKind::Text) | None => &[][..],
                Some(QuestionKind::List) => &[Context::Items, Context::Form][..],
                Some(QuestionKind::Indicators) => &[Context::Items, Context::Choice, Context::Form][..],
                Some(QuestionKind::Verdict) => &[Context::Choice, Context::Form][..],
            });
            c.push(Context::Quality);
            c
        }
        Screen::Plenary(_) => vec![Context::Global, Context::Plenary],
        Screen::Outline(_) => vec![Context::Global, Context::Outline, Context::Nav],
        Screen::Menu(_) | Screen::Timer(_) | Screen::Setup(_) => {
            vec![Context::Global, Context::Wizard, Context::Facil, Context::Items]
        }
        Screen::Start(_) | Screen::Groups(_) if crate::app::facil::allowed(app) => {
            vec![Context::Global, Context::Nav, Context::Menu]
        }
        Screen::Goals(_) => vec![Context::Global, Context::Nav, Context::Export],
        _ => vec![Context::Global, Context::Nav],
    }
}

/// The help's lines: "Ctrl-S        Spara nu".
pub fn help_lines(app: &App) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let wizard = matches!(app.screen, Screen::Wizard(_));
    let plenary = crate::app::plenary::state(app).is_some();
    // The outline saves by itself, and has its own undo.
    let outline = crate::app::outline::screen::state(app).is_some();
    let failed = app.group.as_ref().is_some_and(|g| g.save.failed());
    // The quality panel scrolls on the measurability step only (elsewhere
    // F5 goes there).
    let panel_here = crate::app::quality::on_verdict_step(app);
    for ctx in help_contexts(app) {
        for (action, keys) in app.keymap.bindings(ctx) {
            if (!wizard && !outline && matches!(action, Action::Undo | Action::Redo))
                || (!panel_here && matches!(action, Action::QualityScrollDown | Action::QualityScrollUp))
                || (!failed && action == Action::SaveElsewhere)
                || ((plenary || outline) && action == Action::Save)
            {
                continue;
            }
            let keys: Vec<String> = keys.iter().map(|k| k.display()).collect();
            let text = crate::app::facil::help_text(action, app.lang)
                .or_else(|| crate::app::quality::help_text(action, app.lang, panel_here))
                .or_else(|| crate::app::export::help_text(action, app.lang))
                .unwrap_or_else(|| action_text(action).get(app.lang).to_string());
            if let Some(existing) = out.iter_mut().find(|(_, t)| *t == text) {
                for k in keys {
                    if !existing.0.split(" / ").any(|e| e == k) {
                        existing.0.push_str(" / ");
                        existing.0.push_str(&k);
                    }
                }
            } else {
                out.push((keys.join(" / "), text));
            }
        }
    }
    if let Screen::Wizard(w) = &app.screen {
        // Kolada's suggestions in the indicator form, or how to get them.
        use crate::i18n::kolada::T as K;
        if crate::app::wizard::question(app, w.step).is_some_and(|q| q.kind == QuestionKind::Indicators) {
            out.push(match app.kolada {
                Some(_) => (K::HelpSuggestKeys.get(app.lang).to_string(), K::HelpSuggest.get(app.lang).to_string()),
                None => ("Kolada".to_string(), K::HelpNoCatalogue.get(app.lang).to_string()),
            });
        }
    }
    if plenary {
        let text = crate::i18n::plenary::T::ActGoalNumber.get(app.lang).to_string();
        out.push(("0–9 Enter".to_string(), text));
    }
    if outline {
        use crate::i18n::merge::T as M;
        out.push(("1–9".to_string(), M::ActChooseVersion.get(app.lang).to_string()));
        out.push(("0".to_string(), M::ActKeepBoth.get(app.lang).to_string()));
    }
    out
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = help_lines(app);
    let key_w = lines.iter().map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str())).max().unwrap_or(0).min(30);
    let box_w = (area.width.saturating_sub(4)).min(90);
    let inner_w = box_w.saturating_sub(4) as usize;
    let mut text: Vec<Line> = Vec::new();
    if matches!(app.screen, Screen::Wizard(_)) {
        for l in wrap(&app.t(T::HelpTyping), inner_w) {
            text.push(Line::from(l));
        }
        text.push(Line::from(""));
    }
    for (keys, what) in lines {
        let keys = crate::app::widgets::wrap::ellipsize(&keys, key_w);
        let pad = key_w.saturating_sub(unicode_width::UnicodeWidthStr::width(keys.as_str()));
        text.push(Line::from(vec![
            Span::styled(format!("{keys}{}  ", " ".repeat(pad)), app.theme.title()),
            Span::raw(what),
        ]));
    }
    text.push(Line::from(""));
    if matches!(app.screen, Screen::Goals(_)) {
        for l in wrap(crate::i18n::quality::T::HelpBadge.get(app.lang), inner_w) {
            text.push(Line::from(l));
        }
    }
    text.push(Line::from(app.t(T::HelpMouse)));
    text.push(Line::from(Span::styled(app.t(T::HelpClose), app.theme.dim())));
    let room = area.height.saturating_sub(2) as usize;
    if text.len() > room {
        // A small window: the blank spacer lines go first …
        text.retain(|l| l.width() > 0);
    }
    if text.len() > room && room > 0 {
        // … and what still does not fit is marked, never cut silently.
        text.truncate(room);
        text[room - 1] = Line::from("…");
    }
    let rect = centered(area, box_w, text.len() as u16 + 2);
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.focus_border())
        .title(format!(" {} ", app.t(T::HelpTitle)));
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(text).render(inner.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }), buf);
}

pub fn render_dialog(app: &App, d: &Dialog, area: Rect, buf: &mut Buffer) {
    let (title, body, keys) = match d {
        Dialog::Export(d) => return super::export::render(app, d, area, buf),
        Dialog::Locked { holder, .. } => {
            (T::LockedTitle, tr!(app.lang, T::LockedBody, holder = holder), T::LockedYesNo)
        }
        Dialog::Recover { .. } => (T::RecoverTitle, app.t(T::RecoverBody), T::YesNo),
        Dialog::SaveElsewhere { input } => {
            let body = format!("{}\n\n> {input}█", app.t(T::SaveElsewhereBody));
            (T::SaveElsewhereTitle, body, T::SaveElsewhereKeys)
        }
        Dialog::QuitUnsaved => {
            let err = app.group.as_ref().and_then(|g| g.save.error.clone()).unwrap_or_default();
            (T::QuitUnsavedTitle, tr!(app.lang, T::QuitUnsavedBody, error = err), T::QuitUnsavedKeys)
        }
    };
    let box_w = area.width.saturating_sub(8).min(70);
    let inner_w = box_w.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = wrap(&body, inner_w).into_iter().map(Line::from).collect();
    lines.push(Line::from(""));
    for l in wrap(&app.t(keys), inner_w) {
        lines.push(Line::from(Span::styled(l, app.theme.title())));
    }
    let rect = centered(area, box_w, lines.len() as u16 + 2);
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.focus_border())
        .title(format!(" {} ", app.t(title)));
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(lines).render(inner.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }), buf);
}

pub fn render_error(app: &App, e: &str, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![Line::from(Span::styled(app.t(T::ErrorTitle), app.theme.alarm())), Line::from("")];
    lines.extend(wrap(e, area.width as usize).into_iter().map(Line::from));
    lines.push(Line::from(""));
    lines.push(Line::from(app.t(T::ErrorBack)));
    Paragraph::new(lines).render(area, buf);
}
