//! The Kolada suggestion list over the indicator form (issue #20): under
//! (or above) the focused name or Kolada-id field, the catalogue's date in
//! its frame, one KPI a row: id, title and, where the row has room, the
//! start of its description.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::session::fields::Focus;
use crate::app::widgets::wrap::ellipsize;
use crate::app::wizard::WizardState;
use crate::app::App;
use crate::i18n::kolada::T;
use crate::tr;

/// Where the list goes: its frame, and each shown suggestion's row.
pub struct Popup {
    pub rect: Rect,
    /// (index into the suggestions, row)
    pub rows: Vec<(usize, Rect)>,
}

/// The most rows of suggestions for a body of `height` rows: 6 at 80×24,
/// 12 from 120×40 up.
fn max_rows(height: u16) -> usize {
    (height / 3).clamp(3, 12) as usize
}

/// The list's place in the wizard's `body`, for the form in `form`.
pub fn popup(w: &WizardState, body: Rect, form: Rect) -> Option<Popup> {
    let s = &w.suggest;
    if !s.open_for(w.focus) {
        return None;
    }
    let Focus::Indicator { field, .. } = w.focus else { return None };
    let (_, row) = super::wizard::indicator_rows(w, form).into_iter().find(|(f, _)| *f == field)?;
    let want = s.hits.len().min(max_rows(body.height)) as u16 + 2;
    let below = body.bottom().saturating_sub(row.bottom());
    let above = row.y.saturating_sub(body.y);
    let (y, height) = if below >= want {
        (row.bottom(), want)
    } else if above >= want {
        (row.y - want, want)
    } else if below >= above {
        (row.bottom(), below)
    } else {
        (body.y, above)
    };
    if height < 3 || form.width < 20 {
        return None;
    }
    let rect = Rect { x: form.x + 2, y, width: form.width - 2, height };
    let inner = Rect { x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2 };
    let visible = inner.height as usize;
    let first = s.sel.saturating_sub(visible - 1);
    let rows = (first..s.hits.len().min(first + visible))
        .enumerate()
        .map(|(i, n)| (n, Rect { y: inner.y + i as u16, height: 1, ..inner }))
        .collect();
    Some(Popup { rect, rows })
}

pub fn render(app: &App, w: &WizardState, body: Rect, form: Rect, buf: &mut Buffer) {
    let Some(p) = popup(w, body, form) else { return };
    let Some(catalogue) = &app.kolada else { return };
    Clear.render(p.rect, buf);
    let date = catalogue.fetched.format("%Y-%m-%d").to_string();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.focus_border())
        .title(format!(" {} ", tr!(app.lang, T::FormCatalogue, date = date)))
        .title_bottom(Line::from(Span::styled(format!(" {} ", T::FormListKeys.get(app.lang)), app.theme.dim())));
    block.render(p.rect, buf);
    for (n, row) in p.rows {
        let kpi = &w.suggest.hits[n];
        let selected = n == w.suggest.sel;
        let width = row.width as usize;
        let head = ellipsize(&format!("{} {:<7} {}", if selected { "▶" } else { " " }, kpi.id, kpi.title), width);
        let style = if selected { app.theme.focus() } else { ratatui::style::Style::default() };
        let mut spans = vec![Span::styled(head.clone(), style)];
        let room = width.saturating_sub(head.width() + 3);
        let description = kpi.description.split_whitespace().collect::<Vec<_>>().join(" ");
        if room >= 12 && !description.is_empty() {
            spans.push(Span::styled(format!(" – {}", ellipsize(&description, room)), app.theme.dim()));
        }
        Paragraph::new(Line::from(spans)).render(row, buf);
    }
}

/// The suggestion under a click, if the list is open there.
pub fn suggestion_at(app: &App, col: u16, row: u16) -> Option<usize> {
    let crate::app::Screen::Wizard(w) = &app.screen else { return None };
    let (body, form) = super::wizard::current_areas(app)?;
    let p = popup(w, body, form)?;
    let pos = Position { x: col, y: row };
    p.rows.into_iter().find(|(_, r)| r.contains(pos)).map(|(n, _)| n)
}
