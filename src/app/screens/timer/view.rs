//! Drawing the timer control: its layout is a pure function of the body.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{rows, Row, TimerState};
use crate::app::ctx::Ctx;
use crate::app::widgets::frame::heading;
use crate::app::widgets::timer;
use crate::app::widgets::wrap::{ellipsize, wrap};
use crate::i18n::setup::T;
use crate::tr;

/// The parts of the timer screen's body.
pub struct Areas {
    pub head: Rect,
    pub state: Rect,
    pub rows: Rect,
    pub message: Rect,
    pub note: Rect,
}

/// Where everything goes in `area`.
pub fn layout(area: Rect) -> Areas {
    let [head, _, state, _, rows, message, note] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(2),
    ]));
    Areas { head, state, rows, message, note }
}

/// The timer control, drawn from its state and the context.
pub struct TimerView<'a> {
    pub state: &'a TimerState,
    pub ctx: Ctx<'a>,
}

impl Widget for TimerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (t, ctx) = (self.state, &self.ctx);
        let l = layout(area);
        heading(ctx.theme, ctx.ts(T::TimerTitle), l.head, buf);
        let timer = ctx.workshop().and_then(|w| w.timer.as_ref());
        match timer.and_then(|tm| timer::line(tm, ctx.now, ctx.lang, ctx.theme)) {
            Some((text, style)) => {
                Paragraph::new(Line::from(Span::styled(format!(" {text} "), style))).render(l.state, buf)
            }
            None => Paragraph::new(ctx.ts(T::NoTimer)).render(l.state, buf),
        }
        let width = l.rows.width as usize;
        let paused = timer.is_some_and(|t| t.is_paused());
        let minutes = t.minutes.text();
        let lines: Vec<Line> = rows(ctx.workshop())
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let focused = i == t.row;
                let text = match row {
                    Row::Minutes => return t.minutes.line(ctx.theme, &ctx.ts(T::TimerMinutes), focused, width),
                    Row::Label => return t.label.line(ctx.theme, &ctx.ts(T::TimerLabel), focused, width),
                    Row::Start => tr!(ctx.lang, T::TimerStart, n = minutes.trim()),
                    Row::PauseResume if paused => ctx.ts(T::TimerResume),
                    Row::PauseResume => ctx.ts(T::TimerPause),
                    Row::Add => tr!(ctx.lang, T::TimerAdd, n = t.add),
                    Row::Stop => ctx.ts(T::TimerStop),
                };
                let marker = if focused { "▶ " } else { "  " };
                let style = if focused { ctx.theme.focus() } else { Style::default() };
                Line::from(ellipsize(&format!("{marker}{text}"), width)).style(style)
            })
            .collect();
        Paragraph::new(lines).render(l.rows, buf);
        if let Some(m) = &t.message {
            let lines: Vec<Line> =
                wrap(&format!("⚠ {m}"), l.message.width as usize).into_iter().map(Line::from).collect();
            Paragraph::new(lines).style(ctx.theme.alarm()).render(l.message, buf);
        }
        let lines: Vec<Line> = wrap(&ctx.ts(T::TimerNote), l.note.width as usize).into_iter().map(Line::from).collect();
        Paragraph::new(lines).style(ctx.theme.dim()).render(l.note, buf);
    }
}
