//! The setup's pages when no form is open: goals, groups, the goals ×
//! groups matrix, the questions and the last page.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{render_list, Item};
use crate::app::facil::setup::{Page, SetupState};
use crate::app::widgets::wrap::{ellipsize, wrap};
use crate::app::App;
use crate::domain::assign::{self, Strategy};
use crate::domain::questions;
use crate::i18n::setup::T;
use crate::tr;

pub fn render_page(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    match s.page {
        Page::Details | Page::Finish => render_finish(app, s, area, buf),
        Page::Goals => render_goals(app, s, area, buf),
        Page::Groups => render_groups(app, s, area, buf),
        Page::Assign => render_assign(app, s, area, buf),
        Page::Questions => render_questions(app, s, area, buf),
    }
}

fn width_of(area: Rect) -> usize {
    area.width.saturating_sub(4).max(10) as usize
}

fn render_goals(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    if s.draft.goals.is_empty() {
        let lines: Vec<Line> = wrap(&app.ts(T::NoGoalsYet), area.width as usize).into_iter().map(Line::from).collect();
        Paragraph::new(lines).render(area, buf);
        return;
    }
    let width = width_of(area);
    let items = s
        .draft
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let mut lines: Vec<Line<'static>> =
                wrap(&format!("{}. {}", i + 1, g.label()), width).into_iter().take(2).map(Line::from).collect();
            let mut meta = Vec::new();
            if let Some(p) = &g.perspective {
                meta.push(tr!(app.lang, T::MetaPerspective, p = p));
            }
            if let Some(o) = &g.owner {
                meta.push(tr!(app.lang, T::MetaOwner, o = o));
            }
            if !meta.is_empty() {
                lines.push(Line::from(ellipsize(&format!("    {}", meta.join(" · ")), width)));
            }
            Item { lines }
        })
        .collect();
    render_list(&app.theme, app.lang, items, s.sel, area, buf);
}

fn render_groups(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let width = width_of(area);
    let names: Vec<String> = s.draft.groups.iter().map(|g| g.name.clone()).collect();
    let spec = if s.is_new() {
        tr!(app.lang, T::GroupSpecRow, n = names.len())
    } else {
        tr!(app.lang, T::GroupCountRow, n = names.len())
    };
    let mut items = vec![Item { lines: vec![Line::from(ellipsize(&spec, width))] }];
    for g in &s.draft.groups {
        let goals = g.goals.len();
        items.push(Item {
            lines: vec![Line::from(ellipsize(
                &format!("{}   {}", g.name, tr!(app.lang, T::GoalsOfGroup, n = goals)),
                width,
            ))],
        });
    }
    render_list(&app.theme, app.lang, items, s.sel, area, buf);
}

/// Cell text: a mark that does not rely on colour.
fn cell(on: bool) -> &'static str {
    if on {
        "[x]"
    } else {
        "[ ]"
    }
}

fn render_assign(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let w = &s.draft;
    let warnings = assign::warnings(w);
    let warn_h = (warnings.len() as u16).min(4);
    let [strategy, _, matrix, warn] = area.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(warn_h),
    ]));
    let marks: Vec<String> = Strategy::ALL
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let on = !s.manual && s.strategy == *st;
            format!("{} {} {}", i + 1, if on { "●" } else { "○" }, st.label(app.lang))
        })
        .collect();
    // The strategies on one line when they fit, else under their heading.
    let width = strategy.width as usize;
    let one = format!("{} {}", app.ts(T::Strategies), marks.join("  "));
    let lines = if one.width() <= width {
        vec![Line::from(one)]
    } else {
        vec![Line::from(app.ts(T::Strategies)), Line::from(ellipsize(&marks.join("  "), width))]
    };
    Paragraph::new(lines).render(strategy, buf);
    if w.goals.is_empty() || w.groups.is_empty() {
        Paragraph::new(app.ts(T::NothingToAssign)).render(matrix, buf);
        return;
    }
    // Columns: as many groups as fit, scrolled so the chosen one shows.
    let col_w: usize = 10;
    let longest = w.goals.iter().map(|g| g.label().width() + 3).max().unwrap_or(0);
    let room = (matrix.width as usize).saturating_sub(col_w * w.groups.len().min(4)).max(24);
    let label_w = longest.clamp(24, room);
    let fit = ((matrix.width as usize).saturating_sub(label_w) / col_w).max(1);
    let first_col = s.col.saturating_sub(fit - 1);
    let cols: Vec<usize> = (first_col..w.groups.len()).take(fit).collect();
    let rows_fit = (matrix.height as usize).saturating_sub(1).max(1);
    let first_row = s.sel.saturating_sub(rows_fit - 1);
    let mut lines: Vec<Line> = Vec::new();
    let mut head = vec![Span::raw(pad(&app.ts(T::GoalColumn), label_w))];
    for c in &cols {
        let name = ellipsize(&w.groups[*c].name, col_w - 1);
        head.push(Span::styled(pad(&name, col_w), app.theme.title()));
    }
    lines.push(Line::from(head));
    for (r, goal) in w.goals.iter().enumerate().skip(first_row).take(rows_fit) {
        let marker = if r == s.sel { "▶ " } else { "  " };
        let mut spans = vec![Span::raw(pad(&ellipsize(&format!("{marker}{}", goal.label()), label_w - 1), label_w))];
        for c in &cols {
            let on = w.groups[*c].goals.contains(&goal.id);
            let style = if r == s.sel && *c == s.col { app.theme.focus() } else { Style::default() };
            let text = if r == s.sel && *c == s.col { format!(">{}<", cell(on)) } else { format!(" {} ", cell(on)) };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" ".repeat(col_w - 5)));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(matrix, buf);
    let lines: Vec<Line> = warnings
        .iter()
        .take(warn_h as usize)
        .map(|wn| Line::from(ellipsize(&format!("⚠ {}", wn.message(w, app.lang)), warn.width as usize)))
        .collect();
    Paragraph::new(lines).style(app.theme.alarm()).render(warn, buf);
}

fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn render_questions(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let width = width_of(area);
    let items = s
        .draft
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let answers = questions::answer_count(&s.files, &q.key);
            let mut meta = questions::kind_label(q.kind, app.lang);
            if answers > 0 {
                meta.push_str(&format!(" · {}", tr!(app.lang, T::AnswersCount, n = answers)));
            }
            Item {
                lines: vec![
                    Line::from(ellipsize(&format!("{}. {}", i + 1, q.prompt.get(app.lang)), width)),
                    Line::from(ellipsize(&format!("    {meta}"), width)),
                ],
            }
        })
        .collect();
    render_list(&app.theme, app.lang, items, s.sel, area, buf);
}

fn render_finish(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let w = s.workshop_to_save();
    let none = app.ts(T::NotGiven);
    let or_none = |t: &str| if t.trim().is_empty() { none.clone() } else { t.to_string() };
    // A field's label without its example: "Plan (t.ex. BSP …)" → "Plan".
    let label = |key: T| {
        let text = app.ts(key);
        text.split(" (").next().unwrap_or_default().to_string()
    };
    let mut lines: Vec<Line> = vec![
        Line::from(ellipsize(&format!("{}: {}", label(T::FTitle), or_none(&w.title)), width)),
        Line::from(ellipsize(&format!("{}: {}", label(T::FOrganisation), or_none(&w.organisation)), width)),
        Line::from(ellipsize(&format!("{}: {}", label(T::FPlan), or_none(&w.plan)), width)),
        Line::from(ellipsize(&format!("{}: {}", label(T::FDate), or_none(&s.date)), width)),
        Line::from(tr!(
            app.lang,
            T::Summary,
            goals = w.goals.len(),
            groups = w.groups.len(),
            questions = w.questions.len()
        )),
        Line::from(""),
    ];
    let blocking = s.blocking(app.lang);
    for b in &blocking {
        lines.push(Line::from(ellipsize(&format!("⚠ {} {b}", app.ts(T::ErrorMark)), width)).style(app.theme.alarm()));
    }
    for wn in assign::warnings(&w) {
        lines.push(Line::from(ellipsize(&format!("⚠ {}", wn.message(&w, app.lang)), width)));
    }
    lines.push(Line::from(""));
    let action = match (blocking.is_empty(), s.is_new()) {
        (false, _) => T::FixFirst,
        (true, true) => T::CreateNow,
        (true, false) => T::SaveNow,
    };
    lines.push(Line::from(Span::styled(app.ts(action), app.theme.title())));
    Paragraph::new(lines).render(area, buf);
}
