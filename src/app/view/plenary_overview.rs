//! The facilitator's overview: every goal × group on one screen, with the
//! quality badge and what each group has filled in. Rows that do not fit
//! scroll with the selection; group columns that do not fit are paged with
//! ←/→, and the screen says how many are hidden.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::plenary::{cell_text, fit};
use crate::app::plenary::PlenaryState;
use crate::app::widgets::wrap::wrap;
use crate::app::App;
use crate::i18n::plenary::T;
use crate::tr;

/// Width of a compact cell ("●●○  64"); a wide one adds what is filled in
/// ("●●○  64 E D3 I2 M") and is as wide as the widest such cell.
const COMPACT: usize = 7;
const GAP: usize = 2;
/// The goal column is never narrower than this.
const MIN_GOAL: usize = 16;
const MIN_GOAL_WIDE: usize = 32;
/// Nor wider than this (long goals are cut with "…"; the goal view shows them whole).
const MAX_GOAL: usize = 90;

/// The overview's columns at a width: goal column width, cell width, and
/// the range of groups shown.
pub struct Columns {
    pub goal: usize,
    pub cell: usize,
    pub wide: bool,
    pub first: usize,
    pub count: usize,
}

pub fn columns(width: usize, groups: usize, wide: usize, first: usize) -> Columns {
    let fits = |cell: usize, n: usize| width.saturating_sub(n * (cell + GAP));
    if fits(wide, groups) >= MIN_GOAL_WIDE {
        return Columns { goal: fits(wide, groups), cell: wide, wide: true, first: 0, count: groups };
    }
    if fits(COMPACT, groups) >= MIN_GOAL {
        return Columns { goal: fits(COMPACT, groups), cell: COMPACT, wide: false, first: 0, count: groups };
    }
    let count = (width.saturating_sub(MIN_GOAL) / (COMPACT + GAP)).max(1).min(groups);
    let first = first.min(groups.saturating_sub(count));
    Columns { goal: fits(COMPACT, count), cell: COMPACT, wide: false, first, count }
}

/// The columns of the overview of `st` at `width`.
pub fn table_columns(app: &App, st: &PlenaryState, width: usize) -> Columns {
    let wide = st
        .board
        .goals
        .iter()
        .flat_map(|g| &g.cells)
        .map(|c| cell_text(app, c, true).width())
        .max()
        .unwrap_or(COMPACT)
        .max(COMPACT);
    let mut cols = columns(width, st.board.groups.len(), wide, st.first_group);
    // No wider than the longest goal needs: the cells stay near the goals.
    let longest = st.board.goals.iter().map(|g| g.label().width() + 2).max().unwrap_or(0);
    cols.goal = cols.goal.min(longest.clamp(MIN_GOAL_WIDE, MAX_GOAL));
    cols
}

pub fn render(app: &App, st: &PlenaryState, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let width = area.width as usize;
    let legend: Vec<Line> =
        wrap(T::Legend.get(lang), width).into_iter().map(|l| Line::from(l).style(app.theme.dim())).collect();
    let [head, _, table_head, rows_area, more, legend_area] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(legend.len() as u16),
    ]));
    match &st.error {
        Some(e) => Paragraph::new(Line::from(Span::styled(format!("⚠ {e}"), app.theme.alarm()))).render(head, buf),
        None => super::facil::heading(app, T::OverviewTitle.get(lang).to_string(), head, buf),
    }
    let cols = table_columns(app, st, width);
    let shown = cols.first..cols.first + cols.count;
    let gap = " ".repeat(GAP);
    let mut header = fit(&format!("  {}", T::OverviewGoal.get(lang)), cols.goal);
    for name in &st.board.groups[shown.clone()] {
        header.push_str(&gap);
        header.push_str(&fit(name, cols.cell));
    }
    let rule = "─".repeat(width);
    Paragraph::new(vec![Line::from(header).style(app.theme.title()), Line::from(rule).style(app.theme.dim())])
        .render(table_head, buf);
    // Rows: each goal on up to three lines when there is room (its label
    // wrapped, the last line cut with "…"), scrolled so that the selected
    // goal is visible.
    let height = rows_area.height as usize;
    let n = st.board.goals.len();
    let per_goal = (height / n.max(1)).clamp(1, 3);
    let label_w = cols.goal.saturating_sub(2);
    let labels: Vec<Vec<String>> = st
        .board
        .goals
        .iter()
        .map(|g| {
            // The wording under itself, after the code.
            let code = if g.code.is_empty() { String::new() } else { format!("{} ", g.code) };
            let indent = " ".repeat(code.width());
            let mut lines: Vec<String> = wrap(&g.wording, label_w.saturating_sub(code.width()).max(8))
                .into_iter()
                .enumerate()
                .map(|(i, l)| format!("{}{l}", if i == 0 { &code } else { &indent }))
                .collect();
            if lines.len() > per_goal {
                let rest = lines[per_goal - 1..].iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
                lines.truncate(per_goal - 1);
                lines.push(if per_goal == 1 { rest } else { format!("{indent}{rest}") });
            }
            lines
        })
        .collect();
    let mut top = 0;
    let sel = st.selected.min(n.saturating_sub(1));
    while top < sel && labels[top..=sel].iter().map(Vec::len).sum::<usize>() > height {
        top += 1;
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut bottom = top;
    for (i, g) in st.board.goals.iter().enumerate().skip(top) {
        if lines.len() + labels[i].len() > height {
            break;
        }
        bottom = i + 1;
        let style = if i == st.selected { app.theme.focus() } else { ratatui::style::Style::default() };
        for (row, label) in labels[i].iter().enumerate() {
            let marker = if i == st.selected && row == 0 { "▶ " } else { "  " };
            let mut text = fit(&format!("{marker}{label}"), cols.goal);
            if row == 0 {
                for cell in &g.cells[shown.clone()] {
                    text.push_str(&gap);
                    text.push_str(&fit(&cell_text(app, cell, cols.wide), cols.cell));
                }
            }
            lines.push(Line::from(text).style(style));
        }
    }
    Paragraph::new(lines).render(rows_area, buf);
    // What is hidden: rows below or above, group columns left or right.
    let mut notes: Vec<String> = Vec::new();
    if bottom < n {
        notes.push(T::More.get(lang).to_string());
    } else if top > 0 {
        notes.push(T::MoreAbove.get(lang).to_string());
    }
    if cols.first > 0 {
        notes.push(tr!(lang, T::EarlierGroups, n = cols.first));
    }
    let right = st.board.groups.len() - shown.end;
    if right > 0 {
        notes.push(tr!(lang, T::MoreGroups, n = right));
    }
    if !notes.is_empty() {
        let line = Line::from(Span::styled(notes.join(" · "), app.theme.title())).right_aligned();
        Paragraph::new(line).render(more, buf);
    }
    Paragraph::new(legend).render(legend_area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_wide_compact_or_paged_by_what_fits() {
        // Four groups at 116 columns: wide cells (17) and a goal column of 40.
        let c = columns(116, 4, 17, 0);
        assert!(c.wide);
        assert_eq!((c.goal, c.first, c.count), (116 - 4 * 19, 0, 4));
        // At 76 columns the four groups need compact cells.
        let c = columns(76, 4, 17, 0);
        assert!(!c.wide);
        assert_eq!((c.goal, c.count), (76 - 4 * 9, 4));
        // Eight groups at 76 columns: only some fit; the first shown is
        // clamped so the last page is full.
        let c = columns(76, 8, 17, 0);
        assert_eq!((c.first, c.count), (0, 6));
        assert!(c.goal >= MIN_GOAL);
        let c = columns(76, 8, 17, 5);
        assert_eq!((c.first, c.count), (2, 6));
    }
}
