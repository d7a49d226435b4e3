//! Drawing the plenary: one goal per screen, the list of goals and the
//! overview of every goal × group. Every text is wrapped, never cut; what
//! does not fit scrolls, and the screen says so ("▼ mer").

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{render_list, Item};
use crate::app::plenary::{Cell, GoalView, ItemView, PlenaryState, View, MAX_COLUMN};
use crate::app::widgets::wrap::{ellipsize, wrap};
use crate::app::App;
use crate::domain::model::Verdict;
use crate::domain::quality;
use crate::i18n::plenary::T;
use crate::tr;

pub fn render(app: &App, st: &PlenaryState, area: Rect, buf: &mut Buffer) {
    if let Some(goal) = st.board.goals.get(st.goal).filter(|_| st.view == View::Goal) {
        return render_goal(app, st, goal, area, buf);
    }
    match st.view {
        View::Overview if !st.board.goals.is_empty() => super::plenary_overview::render(app, st, area, buf),
        View::Index | View::Overview if !st.board.goals.is_empty() => render_index(app, st, area, buf),
        _ => {
            let text = match &st.error {
                Some(e) => e.clone(),
                None if st.loading => T::Loading.get(app.lang).to_string(),
                None => T::NoGoals.get(app.lang).to_string(),
            };
            let lines: Vec<Line> = wrap(&text, area.width as usize).into_iter().map(Line::from).collect();
            Paragraph::new(lines).render(area, buf);
        }
    }
}

/// The goal view laid out for an area: a fixed head, a scrolled body.
pub struct GoalLayout {
    pub column: Rect,
    pub head: Vec<Line<'static>>,
    pub body: Vec<Line<'static>>,
    /// Body lines shown at once (one less than the room when it scrolls).
    pub window: usize,
    pub max_scroll: usize,
}

/// A centred column at most [`MAX_COLUMN`] wide, for long lines on wide screens.
fn column(area: Rect) -> Rect {
    let w = area.width.min(MAX_COLUMN);
    Rect { x: area.x + (area.width - w) / 2, width: w, ..area }
}

pub fn goal_layout(app: &App, st: &PlenaryState, goal: &GoalView, area: Rect) -> GoalLayout {
    let column = column(area);
    let width = column.width as usize;
    let height = column.height as usize;
    // Sparse with the code in large digits when there is room (the
    // projector), then sparse, then compact.
    let mut head = head_lines(app, st, goal, width, true);
    let mut body = body_lines(app, goal, width, true);
    if head.len() + body.len() > height {
        head = head_lines(app, st, goal, width, false);
    }
    if head.len() + body.len() > height {
        body = body_lines(app, goal, width, false);
    }
    // The goal stays on screen while the groups' work scrolls, unless its
    // wording alone would take more than a third of the screen.
    if head.len() > height / 3 {
        head.append(&mut body);
        body = head;
        head = Vec::new();
    }
    let room = height.saturating_sub(head.len());
    let (window, max_scroll) = if body.len() <= room {
        (room, 0)
    } else {
        let window = room.saturating_sub(1).max(1);
        (window, body.len() - window)
    };
    GoalLayout { column, head, body, window, max_scroll }
}

fn render_goal(app: &App, st: &PlenaryState, goal: &GoalView, area: Rect, buf: &mut Buffer) {
    let layout = goal_layout(app, st, goal, area);
    let c = layout.column;
    let head_h = (layout.head.len() as u16).min(c.height);
    Paragraph::new(layout.head).render(Rect { height: head_h, ..c }, buf);
    let scroll = st.scroll.min(layout.max_scroll);
    let shown: Vec<Line> = layout.body.into_iter().skip(scroll).take(layout.window).collect();
    let body = Rect { y: c.y + head_h, height: c.height - head_h, ..c };
    Paragraph::new(shown).render(body, buf);
    if layout.max_scroll > 0 && body.height > 0 {
        let text = if scroll < layout.max_scroll { T::More } else { T::MoreAbove };
        let line = Line::from(Span::styled(text.get(app.lang), app.theme.title())).right_aligned();
        Paragraph::new(line).render(Rect { y: body.bottom() - 1, height: 1, ..body }, buf);
    }
}

fn heading_style(app: &App) -> Style {
    app.theme.title()
}

fn bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

/// Push `text` wrapped to `width`, the first line after `first`, the rest after `rest`.
fn push(out: &mut Vec<Line<'static>>, text: &str, first: &str, rest: &str, width: usize, style: Style) {
    let inner = width.saturating_sub(first.width().max(rest.width())).max(10);
    for (i, l) in wrap(text, inner).into_iter().enumerate() {
        let prefix = if i == 0 { first } else { rest };
        out.push(Line::from(format!("{prefix}{l}")).style(style));
    }
}

/// The goal's code in digits three lines high ("1.2", "4-1"); `None` when
/// it has other characters or does not fit.
pub fn big_code(code: &str, width: usize) -> Option<[String; 3]> {
    let mut rows = [String::new(), String::new(), String::new()];
    for (i, c) in code.trim().chars().enumerate() {
        let glyph: [&str; 3] = match c {
            '0' => ["█▀█", "█ █", "▀▀▀"],
            '1' => ["▀█ ", " █ ", "▀▀▀"],
            '2' => ["▀▀█", "█▀▀", "▀▀▀"],
            '3' => ["▀▀█", "▀▀█", "▀▀▀"],
            '4' => ["█ █", "▀▀█", "  ▀"],
            '5' => ["█▀▀", "▀▀█", "▀▀▀"],
            '6' => ["█▀▀", "█▀█", "▀▀▀"],
            '7' => ["▀▀█", "  █", "  ▀"],
            '8' => ["█▀█", "█▀█", "▀▀▀"],
            '9' => ["█▀█", "▀▀█", "▀▀▀"],
            '.' => [" ", " ", "▀"],
            '-' => ["  ", "▀▀", "  "],
            _ => return None,
        };
        for (row, part) in rows.iter_mut().zip(glyph) {
            if i > 0 {
                row.push(' ');
            }
            row.push_str(part);
        }
    }
    (!rows[0].is_empty() && rows[0].width() <= width).then_some(rows)
}

fn head_lines(app: &App, st: &PlenaryState, goal: &GoalView, width: usize, big: bool) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut out = Vec::new();
    let mut about = vec![tr!(lang, T::Position, n = st.goal + 1, total = st.board.goals.len())];
    if let Some(p) = &goal.perspective {
        about.push(tr!(lang, T::Perspective, p = p));
    }
    if let Some(o) = &goal.owner {
        about.push(tr!(lang, T::Owner, owner = o));
    }
    push(&mut out, &about.join(" · "), "", "", width, app.theme.dim());
    if let Some(e) = &st.error {
        push(&mut out, &format!("⚠ {e}"), "", "  ", width, app.theme.alarm());
    }
    out.push(Line::from(""));
    let big_style = heading_style(app).add_modifier(Modifier::BOLD);
    let big_rows = if big { big_code(&goal.code, width) } else { None };
    if let Some(rows) = big_rows {
        // The code in large digits (and as text for a screen reader), then the wording.
        for row in rows {
            out.push(Line::from(row).style(big_style));
        }
        out.push(Line::from(""));
        let first = format!("{}  ", goal.code);
        let rest = " ".repeat(first.width());
        push(&mut out, &goal.wording, &first, &rest, width, big_style);
    } else if goal.code.is_empty() {
        push(&mut out, &goal.wording, "", "", width, big_style);
    } else {
        let first = format!("{}  ", goal.code);
        let rest = " ".repeat(first.width());
        push(&mut out, &goal.wording, &first, &rest, width, big_style);
    }
    if !goal.known {
        push(&mut out, &format!("⚠ {}", T::UnknownGoal.get(lang)), "", "", width, app.theme.alarm());
    }
    out.push(Line::from("━".repeat(width)).style(heading_style(app)));
    out
}

fn body_lines(app: &App, goal: &GoalView, width: usize, sparse: bool) -> Vec<Line<'static>> {
    let lang = app.lang;
    let h = heading_style(app);
    let dim = app.theme.dim();
    let mut out = vec![Line::from("")];
    if goal.groups.is_empty() {
        push(&mut out, T::NoGroups.get(lang), "", "", width, Style::default());
        return out;
    }
    let name_w = goal.groups.iter().map(|g| g.name.width()).max().unwrap_or(0);
    // Quality per group.
    out.push(Line::from(T::Quality.get(lang)).style(h));
    for g in &goal.groups {
        let pad = " ".repeat(name_w - g.name.width());
        let mut text = match &g.report {
            Some(r) => format!("{}{pad}  {}", g.name, quality::badge_long(r.score, lang)),
            None => g.name.clone(),
        };
        if g.report.as_ref().is_some_and(|r| !r.answered) {
            text.push_str(&format!(" · {}", T::NothingWritten.get(lang)));
        }
        push(&mut out, &text, "  ", "    ", width, Style::default());
    }
    // Desired effects, one per group.
    out.push(Line::from(""));
    out.push(Line::from(T::Effect.get(lang)).style(h));
    for (i, g) in goal.groups.iter().enumerate() {
        if i > 0 {
            out.push(Line::from(""));
        }
        match g.effects.as_slice() {
            [] => push(&mut out, &format!("{} – {}", g.name, T::NothingWritten.get(lang)), "  ", "    ", width, dim),
            [one] => {
                push(&mut out, &g.name, "  ", "  ", width, bold());
                push(&mut out, one, "    ", "    ", width, Style::default());
            }
            many => {
                push(&mut out, &format!("{} {}", g.name, T::Conflict.get(lang)), "  ", "  ", width, bold());
                for (n, text) in many.iter().enumerate() {
                    let first = format!("    {}) ", n + 1);
                    push(&mut out, text, &first, "       ", width, Style::default());
                }
            }
        }
    }
    items(&mut out, app, T::SubGoals, &goal.subgoals, width, sparse, |i| {
        (!i.owner.trim().is_empty()).then(|| tr!(lang, T::ItemOwner, owner = i.owner.trim()))
    });
    items(&mut out, app, T::Indicators, &goal.indicators, width, sparse, |i| {
        let (value, year) = (i.target.value.trim(), i.target.year.trim());
        Some(match (value.is_empty(), year.is_empty()) {
            (true, _) => T::NoTarget.get(lang).to_string(),
            (false, true) => tr!(lang, T::Target, value = value),
            (false, false) => tr!(lang, T::TargetYear, value = value, year = year),
        })
    });
    verdicts(&mut out, app, goal, width, sparse);
    // Questions the facilitator added, under their own text.
    for other in &goal.other {
        out.push(Line::from(""));
        out.push(Line::from(other.question.clone()).style(h));
        for (n, (who, text)) in other.answers.iter().enumerate() {
            if sparse && n > 0 {
                out.push(Line::from(""));
            }
            push(&mut out, text, "  • ", "    ", width, Style::default());
            push(&mut out, &format!("– {who}"), "    ", "      ", width, bold());
        }
    }
    out
}

/// A list of sub-goals or indicators: each once, with its groups.
fn items(
    out: &mut Vec<Line<'static>>,
    app: &App,
    title: T,
    list: &[ItemView],
    width: usize,
    sparse: bool,
    detail: impl Fn(&ItemView) -> Option<String>,
) {
    let lang = app.lang;
    out.push(Line::from(""));
    out.push(Line::from(title.get(lang)).style(heading_style(app)));
    if list.is_empty() {
        push(out, T::NoItems.get(lang), "  ", "  ", width, app.theme.dim());
        return;
    }
    for (n, item) in list.iter().enumerate() {
        if sparse && n > 0 {
            out.push(Line::from(""));
        }
        let text = match detail(item) {
            Some(d) if title == T::Indicators => format!("{} – {d}", item.text),
            _ => item.text.clone(),
        };
        push(out, &text, "  • ", "    ", width, Style::default());
        let mut who = vec![item.groups.join(" · ")];
        if title == T::SubGoals {
            who.extend(detail(item));
        }
        if item.conflict {
            who.push(T::ConflictShort.get(lang).to_string());
        }
        if item.differs {
            who.push(T::Differs.get(lang).to_string());
        }
        let who: Vec<String> = who.into_iter().filter(|w| !w.is_empty()).collect();
        push(out, &format!("– {}", who.join(" · ")), "    ", "      ", width, bold());
    }
}

fn tally_text(app: &App, goal: &GoalView) -> String {
    let mut parts: Vec<String> = Verdict::ALL
        .iter()
        .filter(|v| goal.tally.get(Some(**v)) > 0)
        .map(|v| format!("{} {}", v.label(app.lang), goal.tally.get(Some(*v))))
        .collect();
    if goal.tally.none > 0 {
        parts.push(format!("{} {}", T::CommentOnly.get(app.lang), goal.tally.none));
    }
    parts.join(" · ")
}

fn verdicts(out: &mut Vec<Line<'static>>, app: &App, goal: &GoalView, width: usize, sparse: bool) {
    let lang = app.lang;
    out.push(Line::from(""));
    let tally = tally_text(app, goal);
    let head = if tally.is_empty() {
        T::Measurability.get(lang).to_string()
    } else {
        format!("{}   {tally}", T::Measurability.get(lang))
    };
    push(out, &head, "", "", width, heading_style(app));
    let answered: Vec<_> = goal.groups.iter().filter(|g| !g.verdicts.is_empty()).collect();
    if answered.is_empty() {
        push(out, T::NoVerdicts.get(lang), "  ", "  ", width, app.theme.dim());
        return;
    }
    for (n, g) in answered.into_iter().enumerate() {
        if sparse && n > 0 {
            out.push(Line::from(""));
        }
        for v in &g.verdicts {
            let verdict = v.verdict.map(|v| v.label(lang)).unwrap_or(T::CommentOnly.get(lang));
            let conflict =
                if g.verdicts.len() > 1 { format!(" {}", T::ConflictShort.get(lang)) } else { String::new() };
            push(out, &format!("{}: {verdict}{conflict}", g.name), "  ", "    ", width, bold());
            if !v.how.trim().is_empty() {
                push(out, v.how.trim(), "    ", "    ", width, Style::default());
            }
        }
    }
}

/// The list of goals with the best group's badge; Enter shows one.
fn render_index(app: &App, st: &PlenaryState, area: Rect, buf: &mut Buffer) {
    let [head, _, list] =
        area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]));
    super::facil::heading(app, T::IndexTitle.get(app.lang).to_string(), head, buf);
    let width = list.width.saturating_sub(2) as usize;
    let items = st
        .board
        .goals
        .iter()
        .map(|g| {
            let badge = g.best().map(quality::badge).unwrap_or_else(|| format!("{:<7}", "  –"));
            let first = format!("{badge}  ");
            let rest = " ".repeat(first.width());
            let mut lines = Vec::new();
            push(&mut lines, &g.label(), &first, &rest, width, Style::default());
            Item { lines }
        })
        .collect();
    // Goals that do not fit are said by the list ("▼ fler nedanför").
    render_list(&app.theme, app.lang, items, st.selected, list, buf);
}

/// A cell of the overview: the badge and what is filled in ("E D3 I2 M").
pub fn cell_text(app: &App, cell: &Cell, wide: bool) -> String {
    let lang = app.lang;
    match cell {
        Cell::NotAssigned => format!("{:^7}", T::NotThisGroup.get(lang)),
        Cell::Work(f) if !wide => quality::badge(f.score),
        Cell::Work(f) => {
            let count = |letter: T, n: usize| if n > 0 { format!("{}{n}", letter.get(lang)) } else { "·".into() };
            let flag = |letter: T, on: bool| if on { letter.get(lang).to_string() } else { "·".into() };
            format!(
                "{} {} {} {} {}",
                quality::badge(f.score),
                flag(T::LetterEffect, f.effect),
                count(T::LetterSubGoals, f.subgoals),
                count(T::LetterIndicators, f.indicators),
                flag(T::LetterMeasurability, f.verdict)
            )
        }
    }
}

/// Cut to `width` with "…" (never silently) and pad to exactly `width`.
pub fn fit(text: &str, width: usize) -> String {
    let t = ellipsize(text, width);
    let pad = width.saturating_sub(t.width());
    format!("{t}{}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_codes_are_three_rows_of_equal_width_or_none() {
        let rows = big_code("1.2", 80).expect("digits and a dot");
        let widths: Vec<usize> = rows.iter().map(|r| r.width()).collect();
        assert_eq!(widths, vec![9, 9, 9], "{rows:?}");
        assert!(big_code("A1", 80).is_none(), "letters are written small");
        assert!(big_code("", 80).is_none());
        assert!(big_code("12345678901234567890", 40).is_none(), "too wide");
    }
}
