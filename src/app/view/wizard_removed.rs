//! The wizard's read-only step after the last question: the goal's answers
//! to questions the facilitator removed. They stay in the group's file; here
//! the group sees them (and can copy from them), under the question's key.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::app::widgets::wrap::{clip_lines, wrap};
use crate::app::wizard::{removed_answers, WizardState};
use crate::app::App;
use crate::domain::Answer;
use crate::i18n::tui::T;

/// The answer as lines of text.
fn answer_lines(answer: &Answer, lang: crate::i18n::Lang) -> Vec<String> {
    match answer {
        Answer::Text(t) => t.lines().map(str::to_string).collect(),
        Answer::List(items) => items
            .iter()
            .filter(|i| !i.text.trim().is_empty() || !i.owner.trim().is_empty())
            .map(|i| if i.owner.is_empty() { format!("• {}", i.text) } else { format!("• {} ({})", i.text, i.owner) })
            .collect(),
        Answer::Indicators(items) => items.iter().map(|i| format!("• {}", i.name)).collect(),
        Answer::Verdict(v) => {
            let mut out: Vec<String> = v.verdict.map(|v| v.label(lang).to_string()).into_iter().collect();
            out.extend(v.how.lines().map(str::to_string));
            out
        }
    }
}

pub fn render(app: &App, w: &WizardState, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let goal = app.workshop().and_then(|ws| ws.goal(w.goal));
    let wording = goal.map(|g| g.wording.as_str()).unwrap_or("");
    let label = match goal.and_then(|g| g.code.as_deref()).filter(|c| !c.is_empty()) {
        Some(code) => format!("{} {code}: {wording}", app.t(T::Goal)),
        None => format!("{}: {wording}", app.t(T::Goal)),
    };
    let mut goal_lines = wrap(&label, width);
    clip_lines(&mut goal_lines, (area.height as usize / 4).max(2), width);
    let guidance = wrap(&app.t(T::RemovedAnswersAbout), width);
    let [goal_area, _, steps, _, title, about, body] = area.layout(&Layout::vertical([
        Constraint::Length(goal_lines.len() as u16),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(guidance.len() as u16),
        Constraint::Fill(1),
    ]));
    let goal: Vec<Line> = goal_lines.into_iter().map(|l| Line::from(l).style(app.theme.title())).collect();
    Paragraph::new(goal).render(goal_area, buf);
    super::wizard::render_steps(app, w, steps, buf);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    Paragraph::new(Line::from(app.t(T::RemovedAnswersTitle)).style(bold)).render(title, buf);
    Paragraph::new(guidance.into_iter().map(|l| Line::from(l).style(app.theme.guidance())).collect::<Vec<_>>())
        .render(about, buf);
    let block = Block::default().borders(Borders::ALL).border_style(app.theme.dim());
    let inner = block.inner(body);
    block.render(body, buf);
    let inner_width = inner.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (key, answer) in removed_answers(app) {
        lines.push(Line::from(key.to_string()).style(bold));
        for l in answer_lines(answer, app.lang) {
            lines.extend(wrap(&l, inner_width).into_iter().map(|l| Line::from(format!("  {l}"))));
        }
    }
    let max = inner.height as usize;
    if lines.len() > max && max > 0 {
        lines.truncate(max - 1);
        lines.push(Line::from("…").style(app.theme.dim()));
    }
    Paragraph::new(lines).render(inner, buf);
}
