//! The goal wizard: goal wording, step bar, prompt and guidance, editor.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{list_layout, quality, render_list, Item};
use crate::app::session::fields::{Focus, IndField};
use crate::app::session::progress;
use crate::app::widgets::wrap::{clip_lines, ellipsize, wrap};
use crate::app::wizard::{answers, WizardState};
use crate::app::App;
use crate::domain::model::{GoalAnswers, Indicator, Question, QuestionKind, Verdict};
use crate::i18n::tui::T;
use crate::tr;

/// Where the parts of the wizard go.
struct Parts {
    goal: Vec<String>,
    goal_area: Rect,
    steps: Rect,
    prompt: Vec<String>,
    prompt_area: Rect,
    guidance: Vec<String>,
    guidance_area: Rect,
    /// The line above the editor: the goal-quality hint of this step.
    hint: Rect,
    editor: Rect,
}

fn parts(app: &App, w: &WizardState, q: &Question, area: Rect) -> Parts {
    let width = area.width as usize;
    let goal = app.workshop().and_then(|ws| ws.goal(w.goal));
    let label = match goal.and_then(|g| g.code.clone()).filter(|c| !c.is_empty()) {
        Some(code) => format!("{} {code}: {}", app.t(T::Goal), goal.map(|g| g.wording.as_str()).unwrap_or("")),
        None => format!("{}: {}", app.t(T::Goal), goal.map(|g| g.wording.as_str()).unwrap_or("")),
    };
    let mut goal_lines = wrap(&label, width);
    // Never cut silently: a clipped last line ends with an ellipsis.
    clip_lines(&mut goal_lines, (area.height as usize / 4).max(2), width);
    let in_form = matches!(w.focus, Focus::Item { .. } | Focus::Indicator { .. });
    let mut prompt = wrap(q.prompt.get(app.lang), width);
    clip_lines(&mut prompt, 2, width);
    // The quality panel asked for on a small screen takes the guidance's rows.
    let panel_wanted = q.kind == QuestionKind::Verdict && app.quality.panel.open == Some(true);
    let mut guidance =
        if (in_form || panel_wanted) && area.height < 30 { Vec::new() } else { wrap(q.guidance.get(app.lang), width) };
    clip_lines(&mut guidance, if area.height < 30 { 2 } else { 4 }, width);
    let [goal_area, _, steps, _, prompt_area, guidance_area, hint, editor] = area.layout(&Layout::vertical([
        Constraint::Length(goal_lines.len() as u16),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(prompt.len() as u16),
        Constraint::Length(guidance.len() as u16),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    Parts { goal: goal_lines, goal_area, steps, prompt, prompt_area, guidance, guidance_area, hint, editor }
}

pub fn render(app: &App, w: &WizardState, area: Rect, buf: &mut Buffer) {
    if w.removed_view {
        return super::wizard_removed::render(app, w, area, buf);
    }
    let Some(ws) = app.workshop() else { return };
    let Some(q) = ws.questions.get(w.step) else { return };
    let p = parts(app, w, q, area);
    let goal: Vec<Line> = p.goal.iter().map(|l| Line::from(l.clone()).style(app.theme.title())).collect();
    Paragraph::new(goal).render(p.goal_area, buf);
    render_steps(app, w, p.steps, buf);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    Paragraph::new(p.prompt.iter().map(|l| Line::from(l.clone()).style(bold)).collect::<Vec<_>>())
        .render(p.prompt_area, buf);
    Paragraph::new(p.guidance.iter().map(|l| Line::from(l.clone()).style(app.theme.guidance())).collect::<Vec<_>>())
        .render(p.guidance_area, buf);
    if let Some(offer) = &w.offer {
        // Kolada's texts for fields the group wrote: replace or keep?
        let text = crate::app::wizard::suggest::offer_text(app, offer);
        Paragraph::new(Line::from(ellipsize(&text, p.hint.width as usize)).style(app.theme.alarm()))
            .render(p.hint, buf);
    } else if let Some(told) = &w.told {
        // A reload removed what was being written: said until the step changes.
        let text = crate::app::widgets::wrap::ellipsize(told, p.hint.width as usize);
        Paragraph::new(Line::from(text).style(app.theme.alarm())).render(p.hint, buf);
    } else if q.kind != QuestionKind::Verdict {
        if let Some(line) = quality::step_hint(app, w.focus, q, p.hint.width as usize) {
            Paragraph::new(line).render(p.hint, buf);
        }
    }
    let empty = GoalAnswers::default();
    let a = answers(app).unwrap_or(&empty);
    match (q.kind, w.focus) {
        (QuestionKind::Text, _) => {
            let text = a.text(&q.key).unwrap_or("");
            text_box(app, w, Focus::Text, progress::short_label(q, app.lang), text, p.editor, buf);
        }
        (QuestionKind::List, Focus::Item { id, .. }) => render_item_form(app, w, a, q, id, p.editor, buf),
        (QuestionKind::Indicators, Focus::Indicator { id, .. }) => {
            render_indicator_form(app, w, a, q, id, p.editor, buf);
            super::kolada::render(app, w, area, p.editor, buf);
        }
        (QuestionKind::List | QuestionKind::Indicators, _) => {
            let sel = match w.focus {
                Focus::List { sel } => sel,
                _ => usize::MAX,
            };
            render_list(&app.theme, app.lang, list_items(app, a, q, p.editor.width as usize), sel, p.editor, buf);
        }
        (QuestionKind::Verdict, _) => render_verdict(app, w, a, q, p.editor, buf),
    }
}

pub(super) fn render_steps(app: &App, w: &WizardState, area: Rect, buf: &mut Buffer) {
    let Some(ws) = app.workshop() else { return };
    let a = answers(app);
    let total = ws.questions.len();
    let right = if w.removed_view {
        String::new()
    } else {
        format!("  {}", tr!(app.lang, T::StepOf, n = w.step + 1, total = total))
    };
    let removed = !crate::app::wizard::removed_answers(app).is_empty();
    let mut labels: Vec<String> = ws
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let done = if progress::is_answered(a, q) { "✓" } else { "" };
            format!(" {}{done} {} ", i + 1, progress::short_label(q, app.lang))
        })
        .collect();
    if removed {
        // The read-only step of answers to removed questions.
        labels.push(format!(" {} ", app.t(T::RemovedStep)));
    }
    let full: usize = labels.iter().map(|l| l.width() + 1).sum::<usize>() + right.width();
    let compact = full > area.width as usize;
    let mut spans = Vec::new();
    for (i, label) in labels.into_iter().enumerate() {
        let current = if i == total { w.removed_view } else { !w.removed_view && i == w.step };
        let text = if i == total {
            if compact && !current {
                " + ".to_string()
            } else {
                label
            }
        } else if compact && !current {
            let q = &ws.questions[i];
            format!(" {}{} ", i + 1, if progress::is_answered(a, q) { "✓" } else { "" })
        } else {
            label
        };
        let style = if current { app.theme.focus() } else { app.theme.dim() };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw("·"));
    }
    spans.pop();
    spans.push(Span::styled(right, app.theme.dim()));
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// A bordered text field: the live editor when focused, the model's text otherwise.
fn text_box(app: &App, w: &WizardState, focus: Focus, title: String, text: &str, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let focused = w.focus == focus;
    let border = if focused { app.theme.focus_border() } else { app.theme.dim() };
    let marker = if focused { "▶ " } else { "" };
    let block = Block::default().borders(Borders::ALL).border_style(border).title(format!(" {marker}{title} "));
    let inner = block.inner(area);
    block.render(area, buf);
    match w.editor.as_ref().filter(|e| focused && e.focus == focus) {
        Some(ed) => (&ed.area).render(inner, buf),
        None => {
            let mut wrapped = wrap(text, inner.width as usize);
            clip_lines(&mut wrapped, (inner.height as usize).max(1), inner.width as usize);
            Paragraph::new(wrapped.into_iter().map(Line::from).collect::<Vec<_>>()).render(inner, buf);
        }
    }
}

fn list_items(app: &App, a: &GoalAnswers, q: &Question, width: usize) -> Vec<Item> {
    let width = width.saturating_sub(4).max(10);
    let mut items: Vec<Item> = Vec::new();
    let unnamed = app.t(T::Unnamed);
    let mut push = |n: usize, text: &str, extra: Option<String>| {
        let text = if text.trim().is_empty() { unnamed.as_str() } else { text };
        let mut wrapped = wrap(&format!("{n}. {text}"), width);
        clip_lines(&mut wrapped, 2, width);
        let mut lines: Vec<Line<'static>> = wrapped.into_iter().map(Line::from).collect();
        if let Some(extra) = extra.filter(|e| !e.is_empty()) {
            lines.push(Line::from(ellipsize(&format!("   {extra}"), width)));
        }
        items.push(Item { lines });
    };
    let add = match q.kind {
        QuestionKind::Indicators => {
            for (i, ind) in a.indicators(&q.key).iter().enumerate() {
                push(i + 1, &ind.name, Some(indicator_summary(app, ind)));
            }
            T::AddIndicator
        }
        _ => {
            for (i, item) in a.list(&q.key).iter().enumerate() {
                let owner = (!item.owner.trim().is_empty()).then(|| format!("{}: {}", app.t(T::Owner), item.owner));
                push(i + 1, &item.text, owner);
            }
            if q.key == crate::domain::model::keys::SUBGOALS {
                T::AddSubgoal
            } else {
                T::AddItem
            }
        }
    };
    items.push(Item { lines: vec![Line::from(app.t(add))] });
    items
}

fn indicator_summary(app: &App, ind: &Indicator) -> String {
    let mut parts = Vec::new();
    if !ind.source.trim().is_empty() {
        parts.push(ind.source.clone());
    }
    if !ind.kolada.trim().is_empty() {
        parts.push(ind.kolada.clone());
    }
    if !ind.baseline.is_empty() || !ind.target.is_empty() {
        parts.push(format!(
            "{} ({}) → {} ({})",
            ind.baseline.value, ind.baseline.year, ind.target.value, ind.target.year
        ));
    }
    if let Some(f) = &ind.frequency {
        parts.push(f.label(app.lang));
    }
    if !ind.responsible.trim().is_empty() {
        parts.push(ind.responsible.clone());
    }
    parts.join(" · ")
}

fn item_index(a: &GoalAnswers, q: &Question, id: uuid::Uuid) -> usize {
    match q.kind {
        QuestionKind::Indicators => a.indicators(&q.key).iter().position(|i| i.id == id),
        _ => a.list(&q.key).iter().position(|i| i.id == id),
    }
    .map(|i| i + 1)
    .unwrap_or(0)
}

fn item_form_areas(area: Rect) -> [Rect; 3] {
    let [head, text, owner] =
        area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(3)]));
    [head, Rect { height: text.height.min(5), ..text }, Rect { y: text.y + text.height.min(5), ..owner }]
}

fn render_item_form(
    app: &App,
    w: &WizardState,
    a: &GoalAnswers,
    q: &Question,
    id: uuid::Uuid,
    area: Rect,
    buf: &mut Buffer,
) {
    let item = a.list(&q.key).iter().find(|i| i.id == id);
    let [head, text, owner] = item_form_areas(area);
    let n = item_index(a, q, id);
    Paragraph::new(Span::styled(tr!(app.lang, T::EditingSubgoal, n = n), app.theme.title())).render(head, buf);
    let t = item.map(|i| i.text.as_str()).unwrap_or("");
    let o = item.map(|i| i.owner.as_str()).unwrap_or("");
    text_box(app, w, Focus::Item { id, field: 0 }, app.t(T::SubgoalText), t, text, buf);
    text_box(app, w, Focus::Item { id, field: 1 }, app.t(T::Owner), o, owner, buf);
}

fn field_label(field: IndField) -> T {
    match field {
        IndField::Name => T::FName,
        IndField::Definition => T::FDefinition,
        IndField::Source => T::FSource,
        IndField::Kolada => T::FKolada,
        IndField::BaselineValue => T::FBaselineValue,
        IndField::BaselineYear => T::FBaselineYear,
        IndField::TargetValue => T::FTargetValue,
        IndField::TargetYear => T::FTargetYear,
        IndField::Frequency => T::FFrequency,
        IndField::Responsible => T::FResponsible,
        IndField::Subgoal => T::FSubgoal,
    }
}

/// The value shown for a choice field.
fn choice_text(app: &App, a: &GoalAnswers, ind: &Indicator, field: IndField) -> String {
    match field {
        IndField::Frequency => {
            ind.frequency.as_ref().map(|f| f.label(app.lang)).unwrap_or_else(|| app.t(T::NoneChosen))
        }
        _ => match ind.subgoal {
            None => app.t(T::NoneChosen),
            Some(id) => {
                let key = app.workshop().and_then(|w| w.question_of_kind(QuestionKind::List)).map(|q| q.key.clone());
                let list = key.map(|k| a.list(&k).to_vec()).unwrap_or_default();
                match list.iter().position(|i| i.id == id) {
                    Some(i) => format!("{}. {}", i + 1, list[i].text),
                    None => app.t(T::GoneSubgoal),
                }
            }
        },
    }
}

/// Width of the label column of the indicator form.
const LABEL_W: u16 = 20;
/// The most rows a focused form field grows to while its text wraps.
const FIELD_MAX_ROWS: usize = 4;

/// Rows of the indicator form: (field, rect), scrolled so the focused field
/// shows. The focused text field grows to show its wrapped text (up to
/// [`FIELD_MAX_ROWS`] rows; beyond that the editor scrolls with the cursor).
pub(super) fn indicator_rows(w: &WizardState, area: Rect) -> Vec<(IndField, Rect)> {
    let body = Rect { y: area.y + 2, height: area.height.saturating_sub(2), ..area };
    let focused = match w.focus {
        Focus::Indicator { field, .. } => field.index(),
        _ => 0,
    };
    let value_w = area.width.saturating_sub(LABEL_W) as usize;
    let tall = w
        .editor
        .as_ref()
        .filter(|e| e.focus == w.focus)
        // One column stays free for the cursor at the end of a full line.
        .map_or(1, |e| wrap(&e.text(), value_w.saturating_sub(1)).len())
        .clamp(1, FIELD_MAX_ROWS.min(body.height.max(1) as usize));
    let height = |i: usize| if i == focused { tall } else { 1 };
    let rows = body.height as usize;
    let mut first = 0;
    while first < focused && (first..=focused).map(height).sum::<usize>() > rows {
        first += 1;
    }
    let mut y = 0usize;
    let mut out = Vec::new();
    for (i, f) in IndField::ALL.iter().enumerate().skip(first) {
        let h = height(i);
        if y + h > rows {
            break;
        }
        out.push((*f, Rect { y: body.y + y as u16, height: h as u16, ..body }));
        y += h;
    }
    out
}

fn render_indicator_form(
    app: &App,
    w: &WizardState,
    a: &GoalAnswers,
    q: &Question,
    id: uuid::Uuid,
    area: Rect,
    buf: &mut Buffer,
) {
    let Some(ind) = a.indicators(&q.key).iter().find(|i| i.id == id) else { return };
    let n = item_index(a, q, id);
    Paragraph::new(Span::styled(tr!(app.lang, T::EditingIndicator, n = n), app.theme.title()))
        .render(Rect { height: 1.min(area.height), ..area }, buf);
    for (field, row) in indicator_rows(w, area) {
        let focused = matches!(w.focus, Focus::Indicator { field: f, .. } if f == field);
        let [label, value] = row.layout(&Layout::horizontal([Constraint::Length(LABEL_W), Constraint::Fill(1)]));
        let marker = if focused { "▶ " } else { "  " };
        let lstyle = if focused { app.theme.focus() } else { Style::default() };
        Paragraph::new(format!("{marker}{}", app.t(field_label(field)))).style(lstyle).render(label, buf);
        if field.is_choice() {
            let text = choice_text(app, a, ind, field);
            let shown = if focused { format!("‹ {text} ›") } else { text };
            Paragraph::new(ellipsize(&shown, value.width as usize)).style(lstyle).render(value, buf);
        } else if let Some(ed) = w.editor.as_ref().filter(|e| focused && e.focus == w.focus) {
            buf.set_style(value, Style::default().add_modifier(Modifier::UNDERLINED));
            (&ed.area).render(value, buf);
        } else {
            let text = field.text(ind).unwrap_or("").replace('\n', " ");
            Paragraph::new(ellipsize(&text, value.width as usize)).render(value, buf);
        }
    }
}

/// The parts of the measurability step.
pub struct VerdictAreas {
    label: Rect,
    choices: Rect,
    /// The goal-quality summary line (blank when the panel is shown).
    summary: Rect,
    how: Rect,
    /// The goal-quality panel, when shown.
    pub panel: Option<Rect>,
}

/// Rows below the choices from which the panel is shown without F4.
const PANEL_AUTO_ROWS: u16 = 14;
/// Rows the text box keeps beside the panel: when it shows by itself, and
/// when F4 asked for it on a small screen.
const BOX_ROWS: u16 = 7;
const BOX_ROWS_SQUEEZED: u16 = 4;
/// The smallest panel: its title and two lines.
const PANEL_MIN_ROWS: u16 = 3;

fn verdict_areas(app: &App, area: Rect) -> VerdictAreas {
    let [label, choices, summary, rest] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let roomy = rest.height >= PANEL_AUTO_ROWS;
    let box_rows = if roomy { BOX_ROWS } else { BOX_ROWS_SQUEEZED };
    let report = crate::app::quality::wizard_report(app);
    let want = app.quality.panel.open.unwrap_or(roomy);
    match report {
        Some(r) if want && rest.height >= box_rows + PANEL_MIN_ROWS => {
            let need = quality::panel_height(app, r, rest.width as usize);
            let panel_rows = need.clamp(PANEL_MIN_ROWS, rest.height - box_rows);
            let how = Rect { height: rest.height - panel_rows, ..rest };
            let panel = Rect { y: how.bottom(), height: panel_rows, ..rest };
            VerdictAreas { label, choices, summary, how, panel: Some(panel) }
        }
        _ => VerdictAreas { label, choices, summary, how: rest, panel: None },
    }
}

/// The measurability step's parts at the terminal's size, when it is on screen.
pub fn current_verdict_areas(app: &App) -> Option<VerdictAreas> {
    let crate::app::Screen::Wizard(w) = &app.screen else { return None };
    let (width, height) = app.size;
    if width < crate::app::MIN_WIDTH || height < crate::app::MIN_HEIGHT {
        return None;
    }
    let q = app.workshop()?.questions.get(w.step)?;
    if q.kind != QuestionKind::Verdict {
        return None;
    }
    let [_, body, _, _] = super::frame_areas(Rect::new(0, 0, width, height));
    Some(verdict_areas(app, parts(app, w, q, body).editor))
}

fn render_verdict(app: &App, w: &WizardState, a: &GoalAnswers, q: &Question, area: Rect, buf: &mut Buffer) {
    let v = a.verdict(&q.key);
    let VerdictAreas { label, choices, summary, how, panel } = verdict_areas(app, area);
    let focused = w.focus == Focus::VerdictChoice;
    let marker = if focused { "▶ " } else { "" };
    Paragraph::new(Span::styled(format!("{marker}{}", app.t(T::VerdictLabel)), app.theme.title())).render(label, buf);
    let chosen = v.and_then(|v| v.verdict);
    let mut spans = Vec::new();
    for verdict in Verdict::ALL {
        let on = chosen == Some(verdict);
        let text = format!(" ({}) {} ", if on { "•" } else { " " }, verdict.label(app.lang));
        let style = match (on, focused) {
            (true, true) => app.theme.focus(),
            (true, false) => Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            _ => Style::default(),
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw("  "));
    }
    if focused {
        spans.push(Span::styled(" ← → ", app.theme.dim()));
    }
    Paragraph::new(Line::from(spans)).render(choices, buf);
    let text = v.map(|v| v.how.as_str()).unwrap_or("");
    text_box(app, w, Focus::VerdictHow, app.t(T::HowMeasure), text, how, buf);
    if let Some(report) = crate::app::quality::wizard_report(app) {
        match panel {
            Some(panel) => quality::render_panel(app, report, panel, buf),
            None => Paragraph::new(quality::summary_line(app, report, summary.width as usize)).render(summary, buf),
        }
    }
}

/// The wizard's body and its editor's area at the terminal's size.
pub(super) fn current_areas(app: &App) -> Option<(Rect, Rect)> {
    let crate::app::Screen::Wizard(w) = &app.screen else { return None };
    let (width, height) = app.size;
    if width < crate::app::MIN_WIDTH || height < crate::app::MIN_HEIGHT {
        return None;
    }
    let [_, body, _, _] = super::frame_areas(Rect::new(0, 0, width, height));
    let q = app.workshop()?.questions.get(w.step)?;
    Some((body, parts(app, w, q, body).editor))
}

/// The field under a click in the wizard, if any.
pub fn focus_at(app: &App, col: u16, row: u16) -> Option<Focus> {
    let crate::app::Screen::Wizard(w) = &app.screen else { return None };
    let (width, height) = app.size;
    if width < crate::app::MIN_WIDTH || height < crate::app::MIN_HEIGHT {
        return None;
    }
    let [_, body, _, _] = super::frame_areas(Rect::new(0, 0, width, height));
    let q = app.workshop()?.questions.get(w.step)?;
    let p = parts(app, w, q, body);
    let pos = Position { x: col, y: row };
    if !p.editor.contains(pos) {
        return None;
    }
    let empty = GoalAnswers::default();
    let a = answers(app).unwrap_or(&empty);
    match (q.kind, w.focus) {
        (QuestionKind::Text, _) => Some(Focus::Text),
        (QuestionKind::List, Focus::Item { id, .. }) => {
            let [_, text, owner] = item_form_areas(p.editor);
            if text.contains(pos) {
                Some(Focus::Item { id, field: 0 })
            } else if owner.contains(pos) {
                Some(Focus::Item { id, field: 1 })
            } else {
                None
            }
        }
        (QuestionKind::Indicators, Focus::Indicator { id, .. }) => indicator_rows(w, p.editor)
            .into_iter()
            .find(|(_, r)| r.contains(pos))
            .map(|(field, _)| Focus::Indicator { id, field }),
        (QuestionKind::List | QuestionKind::Indicators, _) => {
            let sel = match w.focus {
                Focus::List { sel } => sel,
                _ => 0,
            };
            let items = list_items(app, a, q, p.editor.width as usize);
            list_layout(&items, sel, p.editor)
                .into_iter()
                .find(|(_, r)| r.contains(pos))
                .map(|(i, _)| Focus::List { sel: i })
        }
        (QuestionKind::Verdict, _) => {
            let VerdictAreas { choices, how, .. } = verdict_areas(app, p.editor);
            if choices.contains(pos) {
                Some(Focus::VerdictChoice)
            } else if how.contains(pos) {
                Some(Focus::VerdictHow)
            } else {
                None
            }
        }
    }
}
