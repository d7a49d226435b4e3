//! The facilitator's menu and the timer control.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::app::screens::menu::MenuView;
use crate::app::screens::timer::TimerView;
use crate::app::widgets::input::Input;
use crate::app::{App, Screen};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match &app.screen {
        Screen::Menu(m) => MenuView { state: m, ctx: app.ctx() }.render(area, buf),
        Screen::Timer(t) => TimerView { state: t, ctx: app.ctx() }.render(area, buf),
        Screen::Setup(s) => super::setup::render(app, s, area, buf),
        Screen::Plenary(p) => super::plenary::render(app, p, area, buf),
        Screen::Outline(o) => super::outline::render(app, o, area, buf),
        _ => {}
    }
}

pub fn heading(app: &App, text: String, area: Rect, buf: &mut Buffer) {
    crate::app::widgets::frame::heading(&app.theme, text, area, buf);
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
