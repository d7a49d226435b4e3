//! The start screen, the group list and a group's goal list.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{list_layout, quality, render_list, Item};
use crate::app::lists::{group_goals, ListState, StartState};
use crate::app::session::progress;
use crate::app::widgets::wrap::{ellipsize, wrap};
use crate::app::App;
use crate::i18n::tui::T;
use crate::tr;

/// A heading line and the list area below it.
fn split(area: Rect) -> [Rect; 3] {
    area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]))
}

fn heading(app: &App, text: String, area: Rect, buf: &mut Buffer) {
    Paragraph::new(Line::from(Span::styled(text, app.theme.title()))).render(area, buf);
}

/// Room for text inside a list row (marker and margins).
fn text_width(area: Rect) -> usize {
    area.width.saturating_sub(4).max(10) as usize
}

fn start_items(app: &App, s: &StartState, width: usize) -> Vec<Item> {
    if s.is_empty() {
        if !s.listed {
            return Vec::new();
        }
        return vec![Item { lines: vec![Line::from(app.t(T::OpenDemo))] }];
    }
    s.workshops
        .iter()
        .map(|summary| {
            let folder = summary.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match &summary.workshop {
                Ok(w) => {
                    let mut meta = Vec::new();
                    if let Some(d) = w.date {
                        meta.push(d.format("%Y-%m-%d").to_string());
                    }
                    meta.push(tr!(app.lang, T::GroupsCount, n = w.groups.len()));
                    meta.push(match summary.last_saved {
                        Some(t) => {
                            tr!(app.lang, T::LastSaved, when = t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"))
                        }
                        None => app.t(T::NeverSaved),
                    });
                    Item {
                        lines: vec![
                            Line::from(ellipsize(&w.title, width)),
                            Line::from(ellipsize(&format!("   {}", meta.join(" · ")), width)),
                        ],
                    }
                }
                Err(e) => Item {
                    lines: vec![
                        Line::from(ellipsize(&folder, width)),
                        Line::from(ellipsize(&format!("   {}", tr!(app.lang, T::Unreadable, error = e)), width)),
                    ],
                },
            }
        })
        .collect()
}

pub fn start_layout(app: &App, s: &StartState, area: Rect) -> Vec<(usize, Rect)> {
    let [_, _, list] = split(area);
    let list = if s.is_empty() { list.inner(ratatui::layout::Margin { horizontal: 0, vertical: 2 }) } else { list };
    list_layout(&start_items(app, s, text_width(area)), s.list.selected, list)
}

pub fn render_start(app: &App, s: &StartState, area: Rect, buf: &mut Buffer) {
    let [head, _, mut list] = split(area);
    heading(app, app.t(T::ChooseWorkshop), head, buf);
    if !s.listed {
        Paragraph::new(app.t(T::Listing)).render(list, buf);
        return;
    }
    if s.is_empty() {
        let dir = app.sessions.display().to_string();
        let msg = tr!(app.lang, T::NoWorkshops, dir = dir);
        Paragraph::new(wrap(&msg, list.width as usize).into_iter().map(Line::from).collect::<Vec<_>>())
            .render(list, buf);
        list = list.inner(ratatui::layout::Margin { horizontal: 0, vertical: 2 });
    }
    render_list(&app.theme, app.lang, start_items(app, s, text_width(area)), s.list.selected, list, buf);
}

fn group_items(app: &App, width: usize) -> Vec<Item> {
    let Some(l) = &app.loaded else { return Vec::new() };
    let w = &l.workshop;
    w.groups
        .iter()
        .map(|g| {
            let file = l.group_files.get(&g.id);
            let (done, all) = progress::group_progress(w, &g.goals, file);
            let mark = if all > 0 && done == all { "✓" } else { " " };
            let head = format!(
                "{mark} {}   {} · {}",
                g.name,
                tr!(app.lang, T::GoalsCount, n = g.goals.len()),
                tr!(app.lang, T::GroupProgress, done = done, all = all)
            );
            let goals: Vec<String> = g
                .goals
                .iter()
                .filter_map(|id| w.goal(*id))
                .map(|goal| goal.code.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| goal.wording.clone()))
                .collect();
            let goal_line = if goals.is_empty() {
                app.t(T::NoGoalsAssigned)
            } else {
                let label = if goals.len() == 1 { T::Goal } else { T::GoalsLabel };
                format!("{}: {}", app.t(label), goals.join(", "))
            };
            Item {
                lines: vec![
                    Line::from(ellipsize(&head, width)),
                    Line::from(ellipsize(&format!("    {goal_line}"), width)),
                ],
            }
        })
        .collect()
}

pub fn groups_layout(app: &App, l: &ListState, area: Rect) -> Vec<(usize, Rect)> {
    let [_, _, list] = split(area);
    list_layout(&group_items(app, text_width(area)), l.selected, list)
}

pub fn render_groups(app: &App, l: &ListState, area: Rect, buf: &mut Buffer) {
    let [head, _, list] = split(area);
    heading(app, app.t(T::ChooseGroup), head, buf);
    let items = group_items(app, text_width(area));
    if items.is_empty() {
        Paragraph::new(app.t(T::NoGroups)).render(list, buf);
        return;
    }
    render_list(&app.theme, app.lang, items, l.selected, list, buf);
}

/// Columns from which the goal list's badges carry the band's word too.
const LONG_BADGE_WIDTH: usize = 100;

fn goal_items(app: &App, width: usize) -> Vec<Item> {
    let Some(w) = app.workshop() else { return Vec::new() };
    let file = app.group.as_ref().map(|g| &g.file);
    // The badge sits at the right of the goal's first line: "●●○  62/100".
    let long = width >= LONG_BADGE_WIDTH;
    let badge_w = if long { quality::badge_long_width(app.lang) } else { quality::badge_text(0).width() };
    group_goals(app)
        .into_iter()
        .map(|goal| {
            let report = app.quality.report(goal.id);
            let label_w = if report.is_some() { width.saturating_sub(badge_w + 2) } else { width };
            let mut lines: Vec<Line<'static>> = wrap(&goal.label(), label_w).into_iter().map(Line::from).collect();
            if let (Some(report), Some(first)) = (report, lines.first_mut()) {
                let text: String = first.spans.iter().map(|s| s.content.as_ref()).collect();
                let badge = quality::badge_span(app, report, long);
                // A fixed column, so that the dots line up from goal to goal.
                let pad = width.saturating_sub(text.width() + badge_w);
                first.spans.push(Span::raw(" ".repeat(pad)));
                first.spans.push(badge);
            }
            let marks = progress::marks(file.and_then(|f| f.answers(goal.id)), &w.questions, app.lang);
            let text: Vec<String> = marks.into_iter().map(|(_, t)| t).collect();
            for l in wrap(&text.join(" · "), width.saturating_sub(4)) {
                lines.push(Line::from(format!("    {l}")));
            }
            Item { lines }
        })
        .collect()
}

pub fn goals_layout(app: &App, l: &ListState, area: Rect) -> Vec<(usize, Rect)> {
    let [_, _, list] = split(area);
    let (list, _) = removed_goals_split(app, list);
    list_layout(&goal_items(app, text_width(area)), l.selected, list)
}

/// How many goals no longer in the workshop the open group has answers for
/// (they stay in its file and go into its export).
fn removed_goals(app: &App) -> usize {
    match (app.workshop(), &app.group) {
        (Some(w), Some(g)) => g.file.goals.iter().filter(|(id, a)| w.goal(**id).is_none() && !a.is_empty()).count(),
        _ => 0,
    }
}

/// The list, and under it a line about answers to removed goals (if any).
fn removed_goals_split(app: &App, area: Rect) -> (Rect, Option<(Rect, usize)>) {
    let n = removed_goals(app);
    if n == 0 || area.height < 4 {
        return (area, None);
    }
    let [list, note] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]));
    (list, Some((note, n)))
}

pub fn render_goals(app: &App, l: &ListState, area: Rect, buf: &mut Buffer) {
    let [head, _, list] = split(area);
    let (list, note) = removed_goals_split(app, list);
    if let Some((note, n)) = note {
        let text = tr!(app.lang, T::RemovedGoalsNote, n = n);
        let lines: Vec<Line> = crate::app::widgets::wrap::wrap(&text, note.width.saturating_sub(2).max(10) as usize)
            .into_iter()
            .take(2)
            .map(|l| Line::from(format!(" {l}")).style(app.theme.dim()))
            .collect();
        Paragraph::new(lines).render(note, buf);
    }
    let group = app.group.as_ref().map(|g| g.group.name.clone()).unwrap_or_default();
    heading(app, tr!(app.lang, T::YourGoals, group = group), head, buf);
    let items = goal_items(app, text_width(area));
    if items.is_empty() {
        Paragraph::new(app.t(T::NoGoalsAssigned)).render(list, buf);
        return;
    }
    render_list(&app.theme, app.lang, items, l.selected, list, buf);
}
