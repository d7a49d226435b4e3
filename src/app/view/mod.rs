//! Drawing. Everything renders from `&App`; no I/O while drawing. The frame
//! is: a title line, the screen's body, a line of key hints and the status bar.

pub mod export;
pub mod facil;
pub mod kolada;
pub mod lists;
pub mod outline;
pub mod overlay;
pub mod plenary;
pub mod plenary_overview;
pub mod quality;
pub mod setup;
pub mod setup_pages;
pub mod wizard;
pub mod wizard_removed;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{App, Screen, MIN_HEIGHT, MIN_WIDTH};
use crate::i18n::tui::T;
use crate::tr;

/// Title, body, hints and status areas of a frame.
pub fn frame_areas(area: Rect) -> [Rect; 4] {
    let [title, _gap, body, hints, status] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    // Generous margins left and right.
    let body = body.inner(ratatui::layout::Margin { horizontal: 2, vertical: 0 });
    [title, body, hints, status]
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self, area, buf);
            return;
        }
        buf.set_style(area, self.theme.base());
        let [title, body, hints, status] = frame_areas(area);
        self.render_title(title, buf);
        match &self.screen {
            Screen::Start(s) => lists::render_start(self, s, body, buf),
            Screen::Groups(l) => lists::render_groups(self, l, body, buf),
            Screen::Goals(l) => lists::render_goals(self, l, body, buf),
            Screen::Wizard(w) => wizard::render(self, w, body, buf),
            Screen::Error(e) => overlay::render_error(self, e, body, buf),
            _ => facil::render(self, body, buf),
        }
        let note = self.group.as_ref().and_then(|g| g.save.note.as_ref().or(g.save.flash.as_ref()));
        match self.group.as_ref().and_then(|g| g.save.error.as_ref()) {
            // A failed save takes the hint line too: impossible to miss.
            Some(_) => {
                buf.set_style(hints, self.theme.alarm());
                let text =
                    crate::app::widgets::wrap::ellipsize(&format!(" {}", self.t(T::SaveFailed)), hints.width as usize);
                Paragraph::new(text).style(self.theme.alarm()).render(hints, buf);
            }
            // Where the group's text went (a conflict copy, a lost lock): the hint line says it.
            None if note.is_some() => {
                let text = crate::app::widgets::wrap::ellipsize(
                    &format!(" {}", note.unwrap_or(&String::new())),
                    hints.width as usize,
                );
                Paragraph::new(text).style(self.theme.alarm()).render(hints, buf);
            }
            None => Paragraph::new(Line::from(self.hint()).style(self.theme.dim())).render(hints, buf),
        }
        self.render_status(status, buf);
        if self.help {
            overlay::render_help(self, area, buf);
        }
        if let Some(d) = &self.dialog {
            overlay::render_dialog(self, d, area, buf);
        }
    }
}

/// The plain message shown below 80×24.
fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let text = app.t(T::TooSmall);
    let lines: Vec<Line> =
        crate::app::widgets::wrap::wrap(&text, area.width as usize).into_iter().map(Line::from).collect();
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + (area.height - h) / 2;
    Paragraph::new(lines).centered().render(Rect { y, height: h, ..area }, buf);
}

impl App {
    fn render_title(&self, area: Rect, buf: &mut Buffer) {
        let app_name = format!(" {} ", self.t(T::AppName));
        let group = self.group.as_ref().map(|g| format!(" · {}", g.group.name)).unwrap_or_default();
        let mut spans = vec![Span::styled(app_name.clone(), self.theme.title())];
        if let Some(w) = self.workshop() {
            // A long workshop title gives way (with "…") so the group's name shows.
            let used = unicode_width::UnicodeWidthStr::width(format!("{app_name}· {group}").as_str());
            let room = (area.width as usize).saturating_sub(used);
            spans.push(Span::raw("· "));
            spans.push(Span::styled(crate::app::widgets::wrap::ellipsize(&w.title, room), self.theme.title()));
        }
        if let Some(g) = &self.group {
            spans.push(Span::raw(" · "));
            spans.push(Span::styled(g.group.name.clone(), self.theme.title()));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn hint(&self) -> String {
        use crate::app::session::fields::Focus;
        let key = match &self.screen {
            Screen::Start(_) => T::HintStart,
            Screen::Groups(_) => T::HintGroups,
            // A terminal kept on one group has nowhere to go back to.
            Screen::Goals(_) if self.fixed_group.is_some() => T::HintGoalsFixed,
            Screen::Goals(_) => T::HintGoals,
            Screen::Error(_) => T::ErrorBack,
            Screen::Wizard(w) if w.removed_view => T::HintRemoved,
            Screen::Wizard(w) => match w.focus {
                Focus::Text => T::HintText,
                Focus::List { .. } => T::HintList,
                Focus::Indicator { field, .. } if field.is_choice() => T::HintForm,
                Focus::Item { .. } | Focus::Indicator { .. } => T::HintFormText,
                Focus::VerdictChoice | Focus::VerdictHow => T::HintVerdict,
            },
            _ => return super::facil::hint(self),
        };
        let mut hint = format!(" {}", self.t(key));
        if matches!(self.screen, Screen::Start(_) | Screen::Groups(_)) && super::facil::allowed(self) {
            hint.push_str(&format!(" · {}", self.ts(crate::i18n::setup::T::HintF3)));
        }
        hint
    }

    /// Workshop, group, save state, timer; a failed save takes the whole bar.
    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let mut left: Vec<String> = Vec::new();
        let mut style = theme.status();
        if let Some(g) = &self.group {
            left.push(g.group.name.clone());
            if g.read_only {
                left.push(self.t(T::ReadOnly));
            } else if let Some(err) = &g.save.error {
                style = theme.alarm();
                left.push(tr!(self.lang, T::SaveFailedWhy, error = err));
            } else if g.save.in_flight.is_some() {
                left.push(self.t(T::Saving));
            } else if g.save.dirty {
                left.push(self.t(T::Unsaved));
            } else if let (Some(clock), Some(folder)) = (g.save.saved_clock(), g.save.away_folder()) {
                left.push(tr!(self.lang, T::SavedIn, folder = folder, time = clock));
            } else if let Some(clock) = g.save.saved_clock() {
                left.push(tr!(self.lang, T::Saved, time = clock));
            } else if let Some(at) = g.file.saved_at {
                let clock = at.with_timezone(&chrono::Local).format("%H:%M:%S").to_string();
                left.push(tr!(self.lang, T::Saved, time = clock));
            } else {
                left.push(self.t(T::NotSavedYet));
            }
        } else if let Some(w) = self.workshop() {
            left.push(w.title.clone());
        } else {
            left.push(self.sessions.display().to_string());
        }
        if let Some(n) = &self.notice {
            left.push(n.clone());
        }
        let (right, right_style) = facil::timer_line(self).unwrap_or_default();
        buf.set_style(area, style);
        let text = format!(" {}", left.join(" · "));
        let right_w = unicode_width::UnicodeWidthStr::width(right.as_str()) as u16;
        let left_area = Rect { width: area.width.saturating_sub(right_w + 2), ..area };
        let left_w = left_area.width as usize;
        Paragraph::new(crate::app::widgets::wrap::ellipsize(&text, left_w)).style(style).render(left_area, buf);
        if right_w > 0 && right_w + 2 <= area.width {
            let r = Rect { x: area.right() - right_w - 1, width: right_w, ..area };
            // Warning and time up: the alarm style, and the words and mark say it too.
            let alarm = right_style == self.theme.alarm();
            let right_style = if alarm { right_style } else { style.add_modifier(ratatui::style::Modifier::BOLD) };
            Paragraph::new(right).style(right_style).render(r, buf);
        }
    }

    /// "⏱ Tid kvar 12:34", "⚠ … – 2 minuter kvar!", "⏰ Tiden är ute (+0:42)"
    /// when the workshop has a timer (see `domain::timer`).
    pub fn timer_text(&self) -> Option<String> {
        facil::timer_line(self).map(|(text, _)| text)
    }
}

/// Which list row (item index) is at a screen position, for mouse clicks.
pub fn row_at(app: &App, col: u16, row: u16) -> Option<usize> {
    let (w, h) = app.size;
    let area = Rect::new(0, 0, w, h);
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return None;
    }
    let [_, body, _, _] = frame_areas(area);
    let hits = match &app.screen {
        Screen::Start(s) => lists::start_layout(app, s, body),
        Screen::Groups(l) => lists::groups_layout(app, l, body),
        Screen::Goals(l) => lists::goals_layout(app, l, body),
        _ => return None,
    };
    let pos = ratatui::layout::Position { x: col, y: row };
    hits.into_iter().find(|(_, r)| r.contains(pos)).map(|(i, _)| i)
}

pub use crate::app::widgets::list::{list_layout, render_list, Item};
