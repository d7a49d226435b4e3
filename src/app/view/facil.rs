//! The facilitator's menu and the timer control.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{render_list, Item};
use crate::app::facil::menu::{self, Entry, MenuState};
use crate::app::facil::timer::{self, Row, TimerState};
use crate::app::widgets::input::Input;
use crate::app::widgets::wrap::{ellipsize, wrap};
use crate::app::{App, Screen};
use crate::i18n::setup::T;
use crate::tr;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match &app.screen {
        Screen::Menu(m) => render_menu(app, m, area, buf),
        Screen::Timer(t) => render_timer(app, t, area, buf),
        Screen::Setup(s) => super::setup::render(app, s, area, buf),
        Screen::Plenary(p) => super::plenary::render(app, p, area, buf),
        Screen::Outline(o) => super::outline::render(app, o, area, buf),
        _ => {}
    }
}

pub fn heading(app: &App, text: String, area: Rect, buf: &mut Buffer) {
    crate::app::widgets::frame::heading(&app.theme, text, area, buf);
}

fn render_menu(app: &App, m: &MenuState, area: Rect, buf: &mut Buffer) {
    let [head, _, list] =
        area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]));
    heading(app, app.ts(T::MenuTitle), head, buf);
    let width = list.width.saturating_sub(4) as usize;
    let items = menu::entries(app)
        .into_iter()
        .map(|e| {
            use crate::i18n::plenary::T as P;
            let (title, about) = match e {
                Entry::NewWorkshop => (app.ts(T::MenuNew), app.ts(T::MenuNewAbout)),
                Entry::EditWorkshop => (app.ts(T::MenuEdit), app.ts(T::MenuEditAbout)),
                Entry::Timer => (app.ts(T::MenuTimer), app.ts(T::MenuTimerAbout)),
                Entry::Export => crate::app::export::menu_entry(app.lang),
                Entry::Plenary => (P::MenuPlenary.get(app.lang).into(), P::MenuPlenaryAbout.get(app.lang).into()),
                Entry::Overview => (P::MenuOverview.get(app.lang).into(), P::MenuOverviewAbout.get(app.lang).into()),
                Entry::Outline => {
                    use crate::i18n::merge::T as M;
                    (M::MenuOutline.get(app.lang).into(), M::MenuOutlineAbout.get(app.lang).into())
                }
                Entry::Back => (app.ts(T::MenuBack), app.ts(T::MenuBackAbout)),
            };
            Item {
                lines: vec![Line::from(ellipsize(&title, width)), Line::from(ellipsize(&format!("   {about}"), width))],
            }
        })
        .collect();
    render_list(&app.theme, app.lang, items, m.selected, list, buf);
}

/// A symbol and words for the timer's state: never colour alone.
pub fn timer_line(app: &App) -> Option<(String, Style)> {
    crate::app::widgets::timer::line(app.workshop()?.timer.as_ref()?, app.now, app.lang, &app.theme)
}

/// A one-line field: "Label: text█" (the cursor where it is when focused).
pub fn input_line(app: &App, label: &str, input: &Input, focused: bool, width: usize) -> Line<'static> {
    input.line(&app.theme, label, focused, width)
}

pub use crate::app::widgets::input::with_cursor;

fn render_timer(app: &App, t: &TimerState, area: Rect, buf: &mut Buffer) {
    let [head, _, state, _, rows_area, msg, note] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(2),
    ]));
    heading(app, app.ts(T::TimerTitle), head, buf);
    match timer_line(app) {
        Some((text, style)) => Paragraph::new(Line::from(Span::styled(format!(" {text} "), style))).render(state, buf),
        None => Paragraph::new(app.ts(T::NoTimer)).render(state, buf),
    }
    let width = rows_area.width as usize;
    let paused = app.workshop().and_then(|w| w.timer.as_ref()).is_some_and(|t| t.is_paused());
    let minutes = t.minutes.text();
    let lines: Vec<Line> = timer::rows(app)
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let focused = i == t.row;
            let text = match row {
                Row::Minutes => return input_line(app, &app.ts(T::TimerMinutes), &t.minutes, focused, width),
                Row::Label => return input_line(app, &app.ts(T::TimerLabel), &t.label, focused, width),
                Row::Start => tr!(app.lang, T::TimerStart, n = minutes.trim()),
                Row::PauseResume if paused => app.ts(T::TimerResume),
                Row::PauseResume => app.ts(T::TimerPause),
                Row::Add => tr!(app.lang, T::TimerAdd, n = t.add),
                Row::Stop => app.ts(T::TimerStop),
            };
            let marker = if focused { "▶ " } else { "  " };
            let style = if focused { app.theme.focus() } else { Style::default() };
            Line::from(ellipsize(&format!("{marker}{text}"), width)).style(style)
        })
        .collect();
    Paragraph::new(lines).render(rows_area, buf);
    if let Some(m) = &t.message {
        let lines: Vec<Line> = wrap(&format!("⚠ {m}"), msg.width as usize).into_iter().map(Line::from).collect();
        Paragraph::new(lines).style(app.theme.alarm()).render(msg, buf);
    }
    let lines: Vec<Line> = wrap(&app.ts(T::TimerNote), note.width as usize).into_iter().map(Line::from).collect();
    Paragraph::new(lines).style(app.theme.dim()).render(note, buf);
}
