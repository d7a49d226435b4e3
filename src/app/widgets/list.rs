//! A list of items of one or more lines with a selection: laid out so the
//! selected item shows, with "more above/below" marks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;
use crate::i18n::tui::T;
use crate::i18n::Lang;

/// A list item: its lines; drawn with a marker and the focus style when selected.
pub struct Item {
    pub lines: Vec<Line<'static>>,
}

/// Lay a list out in `area` so that the selected item is visible; returns
/// each visible item's index and rectangle. When not all of it fits, the
/// first and last rows of `area` are kept for the "more" marks.
pub fn list_layout(items: &[Item], selected: usize, area: Rect) -> Vec<(usize, Rect)> {
    list_view(items, selected, area).0
}

/// The layout, and whether items are hidden above and below.
fn list_view(items: &[Item], selected: usize, area: Rect) -> (Vec<(usize, Rect)>, bool, bool) {
    let hidden = |layout: &[(usize, Rect)]| {
        let above = layout.first().is_some_and(|(i, _)| *i > 0);
        let below =
            layout.last().is_some_and(|(i, r)| *i + 1 < items.len() || (r.height as usize) < items[*i].lines.len());
        (above, below)
    };
    let full = layout_in(items, selected, area);
    let (above, below) = hidden(&full);
    if !(above || below) || area.height < 5 {
        return (full, above, below);
    }
    let inner = Rect { y: area.y + 1, height: area.height - 2, ..area };
    let layout = layout_in(items, selected, inner);
    let (above, below) = hidden(&layout);
    (layout, above, below)
}

fn layout_in(items: &[Item], selected: usize, area: Rect) -> Vec<(usize, Rect)> {
    if area.is_empty() || items.is_empty() {
        return Vec::new();
    }
    let total: usize = items.iter().map(|i| i.lines.len() + 1).sum();
    let gap = usize::from(total <= area.height as usize);
    let heights: Vec<usize> = items.iter().map(|i| i.lines.len().max(1)).collect();
    // First item shown: scroll until the selected one fits.
    let mut first = 0;
    let fits = |first: usize| -> bool {
        let used: usize = heights[first..=selected.min(items.len() - 1)].iter().map(|h| h + gap).sum();
        used <= area.height as usize + gap
    };
    while first < selected && !fits(first) {
        first += 1;
    }
    let mut out = Vec::new();
    let mut y = area.y;
    for (i, h) in heights.iter().enumerate().skip(first) {
        if y >= area.bottom() {
            break;
        }
        let h = (*h as u16).min(area.bottom() - y);
        out.push((i, Rect { y, height: h, ..area }));
        y = y.saturating_add(h + gap as u16);
    }
    out
}

/// Draw a list laid out by [`list_layout`].
pub fn render_list(theme: &Theme, lang: Lang, items: Vec<Item>, selected: usize, area: Rect, buf: &mut Buffer) {
    let (layout, above, below) = list_view(&items, selected, area);
    let mark = |text: T, y: u16, buf: &mut Buffer| {
        let line = Line::from(text.get(lang)).style(theme.dim());
        Paragraph::new(line).render(Rect { y, height: 1, ..area }, buf);
    };
    if above {
        mark(T::MoreAbove, area.y, buf);
    }
    if below {
        mark(T::MoreBelow, area.bottom().saturating_sub(1), buf);
    }
    let mut items: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    for (i, rect) in layout {
        let Some(item) = items.get_mut(i).and_then(Option::take) else { continue };
        let sel = i == selected;
        let style = if sel { theme.focus() } else { Style::default() };
        let lines: Vec<Line> = item
            .lines
            .into_iter()
            .enumerate()
            .map(|(n, line)| {
                let marker = if sel && n == 0 { "▶ " } else { "  " };
                let mut spans = vec![Span::raw(marker)];
                // On the selected row the focus style wins over a span's own
                // colour (a badge), so the row stays readable.
                spans.extend(line.spans.into_iter().map(|s| if sel { s.patch_style(style) } else { s }));
                Line::from(spans).style(style)
            })
            .collect();
        if sel {
            buf.set_style(rect, style);
        }
        Paragraph::new(lines).render(rect, buf);
    }
}
