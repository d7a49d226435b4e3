//! The setup screen: the page tabs, the page, and a message line; forms,
//! the import panel, lists to choose from and questions drawn in the page.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::facil::{heading, with_cursor};
use crate::app::facil::setup::import::{ImportFocus, ImportState};
use crate::app::facil::setup::{form, pages, Choose, Confirm, Form, Mode, Page, Removal, SetupState};
use crate::app::widgets::wrap::{ellipsize, wrap};
use crate::app::App;
use crate::domain::questions;
use crate::i18n::setup::T;
use crate::tr;

pub fn render(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let [tabs, head, _, body, msg] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    render_tabs(app, s, tabs, buf);
    let title = if s.is_new() {
        tr!(app.lang, T::NewHeading, page = app.ts(s.page.title()))
    } else {
        tr!(app.lang, T::EditHeading, page = app.ts(s.page.title()), title = s.draft.title)
    };
    let dirty = if s.dirty && !s.is_new() { format!("  {}", app.ts(T::Unsaved)) } else { String::new() };
    heading(app, ellipsize(&format!("{title}{dirty}"), head.width as usize), head, buf);
    match &s.mode {
        Mode::Form(f) => render_form(app, s, f, body, buf),
        Mode::Import(i) => render_import(app, i, body, buf),
        _ => super::setup_pages::render_page(app, s, body, buf),
    }
    match &s.mode {
        Mode::Choose(c) => render_choose(app, s, c, area, buf),
        Mode::Confirm(c) => render_confirm(app, c, area, buf),
        _ => {}
    }
    if let Some(m) = &s.message {
        let (text, style) = if m.error {
            (format!("⚠ {}", m.text), app.theme.alarm())
        } else {
            (format!("✓ {}", m.text), app.theme.done())
        };
        Paragraph::new(ellipsize(&text, msg.width as usize)).style(style).render(msg, buf);
    }
}

/// "1 Uppgifter › [2 Mål] › 3 Grupper …": the current page in brackets too.
fn render_tabs(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    for (i, page) in Page::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", app.theme.dim()));
        }
        let text = format!("{} {}", i + 1, app.ts(page.title()));
        if *page == s.page {
            spans.push(Span::styled(format!("[{text}]"), app.theme.focus()));
        } else {
            spans.push(Span::raw(text));
        }
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// A form: each field as a label line and its (wrapped) text.
fn render_form(app: &App, s: &SetupState, f: &Form, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).max(10) as usize;
    let mut lines: Vec<Line> = Vec::new();
    if let form::Target::Goal(id) = &f.target {
        let n = s.draft.goals.iter().position(|g| g.id == *id).map_or(0, |i| i + 1);
        lines.push(Line::from(Span::styled(tr!(app.lang, T::EditingGoal, n = n), app.theme.title())));
        lines.push(Line::from(""));
    }
    if let form::Target::Question(key) = &f.target {
        if let Some(q) = s.draft.questions.iter().find(|q| q.key == *key) {
            let kind = questions::kind_label(q.kind, app.lang);
            lines.push(Line::from(Span::styled(tr!(app.lang, T::EditingQuestion, kind = kind), app.theme.title())));
            lines.push(Line::from(""));
        }
    }
    for (i, label) in f.target.labels().iter().enumerate() {
        let focused = i == f.field;
        let marker = if focused { "▶ " } else { "  " };
        let mut label = app.ts(*label);
        if let Some(hint) = label_hint(&f.target, i) {
            label = format!("{label} ({})", app.ts(hint));
        }
        let style = if focused { app.theme.title() } else { Style::default() };
        lines.push(Line::from(Span::styled(format!("{marker}{label}"), style)));
        let text = if focused { with_cursor(&f.input) } else { form::value(s, &f.target, i) };
        let vstyle = if focused { app.theme.focus() } else { app.theme.dim() };
        for l in wrap(&text, width) {
            lines.push(Line::from(format!("    {l}")).style(vstyle));
        }
        lines.push(Line::from(""));
    }
    Paragraph::new(lines).render(area, buf);
}

/// A short hint after a field's label.
fn label_hint(target: &form::Target, field: usize) -> Option<T> {
    match (target, field) {
        (form::Target::Details, 0) | (form::Target::Goal(_), 1) => Some(T::Required),
        (form::Target::Details, 3) => Some(T::DateFormat),
        (form::Target::GroupSpec, _) => Some(T::GroupSpecHint),
        _ => None,
    }
}

fn render_import(app: &App, i: &ImportState, area: Rect, buf: &mut Buffer) {
    let [about, text_area, path, add, _, preview] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(40),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let width = area.width as usize;
    Paragraph::new(ellipsize(&app.ts(T::ImportAbout), width)).render(about, buf);
    let focused = i.focus == ImportFocus::Text;
    let border = if focused { app.theme.focus_border() } else { app.theme.dim() };
    let marker = if focused { "▶ " } else { "" };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(format!(" {marker}{} ", app.ts(T::PasteHere)));
    let inner = block.inner(text_area);
    block.render(text_area, buf);
    if focused {
        (&i.text.area).render(inner, buf);
    } else {
        let lines: Vec<Line> = i.text.area.lines().iter().map(|l| Line::from(l.clone())).collect();
        Paragraph::new(lines).render(inner, buf);
    }
    let path_line = super::facil::input_line(app, &app.ts(T::FromFile), &i.path, i.focus == ImportFocus::Path, width);
    Paragraph::new(path_line).render(path, buf);
    let n = i.preview.as_ref().map_or(0, |p| p.goals.len());
    let add_focus = i.focus == ImportFocus::Add;
    let errors = i.preview.as_ref().is_some_and(|p| p.has_errors());
    let add_label = if errors { app.ts(T::FixBeforeAdd) } else { tr!(app.lang, T::AddGoals, n = n) };
    let add_text = format!("{}{add_label}", if add_focus { "▶ " } else { "  " });
    let style = if add_focus { app.theme.focus() } else { Style::default() };
    Paragraph::new(Line::from(ellipsize(&add_text, width)).style(style)).render(add, buf);
    render_preview(app, i, preview, buf);
}

/// What the import would add, and its problems line by line.
fn render_preview(app: &App, i: &ImportState, area: Rect, buf: &mut Buffer) {
    let Some(p) = &i.preview else {
        Paragraph::new(app.ts(T::PreviewEmpty)).style(app.theme.dim()).render(area, buf);
        return;
    };
    let width = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut head = tr!(app.lang, T::PreviewHead, n = p.goals.len(), problems = p.problems.len());
    if let Some(src) = &i.source {
        head = format!("{src}: {head}");
    }
    lines.push(Line::from(Span::styled(ellipsize(&head, width), app.theme.title())));
    for problem in &p.problems {
        let (mark, style) = if problem.is_error() {
            (app.ts(T::ErrorMark), app.theme.alarm())
        } else {
            (app.ts(T::NoteMark), Style::default())
        };
        let text = tr!(app.lang, T::ProblemLine, mark = mark, line = problem.line, text = problem.message(app.lang));
        lines.push(Line::from(ellipsize(&text, width)).style(style));
    }
    for (goal, line) in p.goals.iter().zip(&p.lines) {
        let mut text = format!("  {line:>3}: {}", goal.label());
        if let Some(persp) = &goal.perspective {
            text.push_str(&format!("  [{persp}]"));
        }
        lines.push(Line::from(ellipsize(&text, width)));
    }
    Paragraph::new(lines).render(area, buf);
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

fn boxed(app: &App, title: String, lines: Vec<Line>, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, area.width.saturating_sub(8).min(72), lines.len() as u16 + 2);
    Clear.render(rect, buf);
    let block =
        Block::default().borders(Borders::ALL).border_style(app.theme.focus_border()).title(format!(" {title} "));
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(lines).render(inner.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }), buf);
}

fn render_choose(app: &App, s: &SetupState, c: &Choose, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(14).min(66) as usize;
    let (title, entries, sel) = match c {
        Choose::Question { sel } => {
            let entries: Vec<String> = pages::question_choices()
                .into_iter()
                .map(|(kind, prompt, _)| {
                    let kind = questions::kind_label(kind, app.lang);
                    match prompt.get(app.lang) {
                        "" => tr!(app.lang, T::EmptyQuestionOf, kind = kind),
                        p => format!("{p}  ({kind})"),
                    }
                })
                .collect();
            (app.ts(T::ChooseQuestion), entries, *sel)
        }
        Choose::Template { sel } => {
            let entries = s
                .templates
                .iter()
                .map(|(name, qs)| format!("{name}  ({})", tr!(app.lang, T::QuestionsCount, n = qs.len())))
                .collect();
            (app.ts(T::ChooseTemplateTitle), entries, *sel)
        }
    };
    let lines = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (marker, style) = if i == sel { ("▶ ", app.theme.focus()) } else { ("  ", Style::default()) };
            Line::from(ellipsize(&format!("{marker}{e}"), width)).style(style)
        })
        .collect();
    boxed(app, title, lines, area, buf);
}

fn render_confirm(app: &App, c: &Confirm, area: Rect, buf: &mut Buffer) {
    let (title, body) = match c {
        Confirm::RemoveQuestion { answers, .. } => {
            (T::RemoveQuestionTitle, tr!(app.lang, T::RemoveQuestionBody, n = answers))
        }
        Confirm::RemoveGoal { answers, .. } => (T::RemoveGoalTitle, tr!(app.lang, T::RemoveGoalBody, n = answers)),
        Confirm::RemoveGroup { .. } => (T::RemoveGroupTitle, app.ts(T::RemoveGroupBody)),
        Confirm::Leave => (T::LeaveTitle, app.ts(T::LeaveBody)),
        Confirm::Quit => (T::QuitTitle, app.ts(T::LeaveBody)),
        Confirm::SaveRemoved { counts } => {
            let setup = match &app.screen {
                crate::app::Screen::Setup(s) => Some(s),
                _ => None,
            };
            let list: Vec<String> = counts
                .iter()
                .map(|(r, n)| {
                    let label = setup.map(|s| s.removal_label(r, app.lang)).unwrap_or_default();
                    match r {
                        Removal::Question(_) => tr!(app.lang, T::RemovedQuestionNow, name = label, n = n),
                        Removal::Goal(_) => tr!(app.lang, T::RemovedGoalNow, name = label, n = n),
                    }
                })
                .collect();
            (T::SaveRemovedTitle, tr!(app.lang, T::SaveRemovedBody, list = list.join("; ")))
        }
    };
    let width = area.width.saturating_sub(14).min(66) as usize;
    let mut lines: Vec<Line> = wrap(&body, width).into_iter().map(Line::from).collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(app.ts(T::YesNo), app.theme.title())));
    boxed(app, app.ts(title), lines, area, buf);
}
