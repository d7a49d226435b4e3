//! The goal-quality check on screen: the badge in the goal list, the panel on
//! the measurability step (or its one-line summary when there is no room) and
//! the one-line hint on the other steps. Reports come from the cache in
//! `app::quality`; nothing is checked while drawing. The panel's lines
//! (every finding's text, wrapped) are built once per report, width,
//! language and theme, and kept until one of those changes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::quality::{key_name, wizard_report};
use crate::app::session::fields::{Focus, IndField};
use crate::app::widgets::theme::Theme;
use crate::app::widgets::wrap::{ellipsize, wrap};
use crate::app::Action;
use crate::app::{App, Screen};
use crate::domain::model::Question;
use crate::domain::quality::{Band, Code, Finding, GoalReport, Severity};
use crate::i18n::quality::T;
use crate::i18n::Lang;
use crate::tr;

/// "●●○  62/100", always eleven columns.
pub fn badge_text(score: u8) -> String {
    format!("{} {score:>3}/100", Band::of(score).symbol())
}

/// "●●○  62/100 Delvis".
pub fn badge_long(score: u8, lang: Lang) -> String {
    format!("{} {}", badge_text(score), Band::of(score).label(lang))
}

/// The widest long badge in `lang` (for a column of badges).
pub fn badge_long_width(lang: Lang) -> usize {
    [Band::Evaluable, Band::Partly, Band::Vague].iter().map(|b| b.label(lang).width()).max().unwrap_or(0)
        + badge_text(0).width()
        + 1
}

/// The badge in its band's colour; dim while nothing is written for the goal.
pub fn badge_span(app: &App, report: &GoalReport, long: bool) -> Span<'static> {
    let text = if long { badge_long(report.score, app.lang) } else { badge_text(report.score) };
    let style = if report.answered { app.theme.band(report.band()) } else { app.theme.dim() };
    Span::styled(text, style)
}

fn count_text(n: usize, one: T, many: T, lang: Lang) -> String {
    if n == 1 {
        one.get(lang).to_string()
    } else {
        tr!(lang, many, n = n)
    }
}

/// "1 fel, 2 varningar" (only the severities that occur).
pub fn counts_text(report: &GoalReport, lang: Lang) -> String {
    let parts: Vec<String> = [
        (Severity::Error, T::TuiOneError, T::TuiErrors),
        (Severity::Warning, T::TuiOneWarning, T::TuiWarnings),
        (Severity::Hint, T::TuiOneHint, T::TuiHints),
    ]
    .into_iter()
    .filter_map(|(sev, one, many)| {
        let n = report.count(sev);
        (n > 0).then(|| count_text(n, one, many, lang))
    })
    .collect();
    parts.join(", ")
}

/// The findings, most severe first, in question order within a severity.
fn sorted(findings: impl Iterator<Item = Finding>) -> Vec<Finding> {
    let mut v: Vec<Finding> = findings.collect();
    v.sort_by_key(|f| f.severity);
    v
}

/// `text` wrapped to `width` after `first` on the first line, and indented
/// by `indent` columns on the others.
fn hanging(first: Vec<Span<'static>>, text: &str, width: usize, indent: usize, style: Style) -> Vec<Line<'static>> {
    let lead: usize = first.iter().map(|s| s.content.width()).sum();
    let first_avail = width.saturating_sub(lead).max(8);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let head = wrap(&text, first_avail).into_iter().next().unwrap_or_default();
    // The rest after the first line; a word broken across lines (wider than
    // the line) keeps the whole text on the continuation lines instead.
    let rest = text.strip_prefix(head.as_str()).map(str::trim_start);
    let (head, rest) = match rest {
        Some(rest) => (head, rest.to_string()),
        None => (String::new(), text.clone()),
    };
    let mut spans = first;
    spans.push(Span::styled(head, style));
    let mut out = vec![Line::from(spans)];
    if !rest.is_empty() {
        for l in wrap(&rest, width.saturating_sub(indent).max(8)) {
            out.push(Line::from(vec![Span::raw(" ".repeat(indent)), Span::styled(l, style)]));
        }
    }
    out
}

/// The panel's lines: per finding "✗ Fel: what" and "  → what to do".
pub fn panel_lines(app: &App, report: &GoalReport, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    if report.findings.is_empty() {
        return vec![Line::from(vec![
            Span::styled("✓ ", app.theme.band(Band::Evaluable)),
            Span::raw(T::TuiNoFindings.get(lang)),
        ])];
    }
    let mut out = Vec::new();
    for f in sorted(report.findings.iter().cloned()) {
        let sev = Span::styled(
            format!("{} {}: ", f.severity.symbol(), f.severity.label(lang)),
            app.theme.severity(f.severity),
        );
        out.extend(hanging(vec![sev], &f.message(lang), width, 2, Style::default()));
        let arrow = Span::styled("  → ".to_string(), app.theme.guidance());
        out.extend(hanging(vec![arrow], &f.suggestion(lang), width, 4, app.theme.guidance()));
    }
    out
}

/// What the cached panel lines were built from. The run number tells the
/// report's content (a new check, a new number); the goal makes the key
/// plainly about one goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PanelKey {
    goal: uuid::Uuid,
    run: u64,
    width: usize,
    lang: Lang,
    theme: Theme,
}

/// The panel's lines for one key (held in `app.quality`).
#[derive(Default)]
pub struct PanelCache {
    key: Option<PanelKey>,
    lines: Vec<Line<'static>>,
}

/// The key of `report` at `width`, when it is the report of the goal open
/// in the wizard (the only one the panel shows); `None` otherwise.
fn panel_key(app: &App, report: &GoalReport, width: usize) -> Option<PanelKey> {
    let Screen::Wizard(w) = &app.screen else { return None };
    let stored = app.quality.report(w.goal)?;
    if !std::ptr::eq(stored, report) {
        return None;
    }
    let run = app.quality.report_run(w.goal)?;
    Some(PanelKey { goal: w.goal, run, width, lang: app.lang, theme: app.theme })
}

/// `f` of the panel's lines at `width`, built only when the report, the
/// width, the language or the theme changed since they were last built.
fn with_panel_lines<R>(app: &App, report: &GoalReport, width: usize, f: impl FnOnce(&[Line<'static>]) -> R) -> R {
    let Some(key) = panel_key(app, report, width) else { return f(&panel_lines(app, report, width)) };
    let mut cache = app.panel_cache.borrow_mut();
    if cache.key != Some(key) {
        cache.lines = panel_lines(app, report, width);
        cache.key = Some(key);
    }
    f(&cache.lines)
}

/// Rows the unfolded panel would like at `width`: its title and its lines.
pub fn panel_height(app: &App, report: &GoalReport, width: usize) -> u16 {
    with_panel_lines(app, report, width, |lines| (lines.len() + 1).min(u16::MAX as usize) as u16)
}

/// True when the measurability step shows the whole panel now.
pub fn panel_shown(app: &App) -> bool {
    super::wizard::current_verdict_areas(app).is_some_and(|a| a.panel.is_some())
}

/// How far the panel can scroll at the current size.
pub fn max_scroll(app: &App) -> u16 {
    let Some(panel) = super::wizard::current_verdict_areas(app).and_then(|a| a.panel) else { return 0 };
    let Some(report) = wizard_report(app) else { return 0 };
    let total = with_panel_lines(app, report, panel.width as usize, <[_]>::len);
    let rows = panel.height.saturating_sub(1) as usize;
    total.saturating_sub(rows) as u16
}

/// The unfolded panel: a rule with the title and the score, then the
/// findings from `scroll`, with "↓ n more" when some are below.
pub fn render_panel(app: &App, report: &GoalReport, area: Rect, buf: &mut Buffer) {
    if area.height < 2 {
        return;
    }
    let lang = app.lang;
    let width = area.width as usize;
    let rows = area.height as usize - 1;
    // Only the lines on screen are copied out of the cache.
    let (total, scroll, mut shown) = with_panel_lines(app, report, width, |lines| {
        let scroll = (app.quality.panel.scroll as usize).min(lines.len().saturating_sub(rows));
        let take = if lines.len() > scroll + rows { rows.saturating_sub(1) } else { rows };
        (lines.len(), scroll, lines.iter().skip(scroll).take(take).cloned().collect::<Vec<Line>>())
    });
    let mut right = String::new();
    if scroll > 0 {
        right.push_str(&tr!(lang, T::TuiAbove, key = key_name(app, Action::QualityScrollUp)));
        right.push_str(" · ");
    }
    right.push_str(&tr!(lang, T::TuiHidePanel, key = key_name(app, Action::QualityPanel)));
    let counts = counts_text(report, lang);
    let mut title = vec![
        Span::styled(format!(" {} ", T::TuiPanelTitle.get(lang)), app.theme.title()),
        badge_span(app, report, true),
    ];
    if !counts.is_empty() {
        title.push(Span::styled(format!(" · {counts}"), app.theme.title()));
    }
    let room = width.saturating_sub(right.width() + 5);
    let mut title = fit_spans(title, room);
    title.push(Span::raw(" "));
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(app.theme.dim())
        .title(Line::from(title))
        .title(Line::from(Span::styled(format!(" {right} "), app.theme.dim())).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let below = total - scroll - shown.len();
    if below > 0 {
        shown.push(Line::from(Span::styled(
            tr!(lang, T::TuiMore, n = below, key = key_name(app, Action::QualityScrollDown)),
            app.theme.dim(),
        )));
    }
    Paragraph::new(shown).render(inner, buf);
}

/// The spans that fit in `width` columns, whole; the first one is cut with
/// "…" when even it does not fit.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = s.content.width();
        if used + w <= width {
            used += w;
            out.push(s);
        } else {
            if out.is_empty() {
                out.push(Span::styled(ellipsize(&s.content, width), s.style));
            }
            break;
        }
    }
    out
}

/// The folded panel: "●●○  62/100 Delvis · 1 fel, 2 varningar      F5 visar".
pub fn summary_line(app: &App, report: &GoalReport, width: usize) -> Line<'static> {
    let lang = app.lang;
    let counts = counts_text(report, lang);
    let what = if counts.is_empty() { T::TuiNoFindings.get(lang).to_string() } else { counts };
    let right = format!("  {}", tr!(lang, T::TuiShowPanel, key = key_name(app, Action::QualityPanel)));
    let mut spans = fit_spans(
        vec![badge_span(app, report, true), Span::raw(" · "), Span::raw(what)],
        width.saturating_sub(right.width()),
    );
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used + right.width()))));
    spans.push(Span::styled(right, app.theme.title()));
    Line::from(spans)
}

/// True when a finding is about the field that has the focus (the target
/// value while the group types it), so the hint speaks of that one first.
fn about_field(code: Code, focus: Focus) -> bool {
    use IndField as F;
    match focus {
        Focus::Indicator { field, .. } => matches!(
            (code, field),
            (Code::IndicatorNoName, F::Name)
                | (Code::IndicatorNoSource, F::Source | F::Kolada)
                | (Code::KoladaIdFormat, F::Kolada)
                | (Code::IndicatorNoBaseline | Code::BaselineNotNumber, F::BaselineValue)
                | (Code::BaselineNoYear, F::BaselineYear)
                | (Code::IndicatorNoTarget | Code::TargetNotNumber, F::TargetValue)
                | (Code::TargetNoYear | Code::TargetYearBeforeBaseline, F::TargetYear)
                | (Code::IndicatorNoFrequency, F::Frequency)
                | (Code::IndicatorNoResponsible, F::Responsible)
        ),
        Focus::Item { field: 1, .. } => code == Code::SubGoalNoOwner,
        _ => false,
    }
}

/// On the other steps: "! 2 saker att se över här, t.ex.: …   F5 visar alla",
/// about the item being edited (its focused field's finding first) or else
/// the step's question. Nothing while the
/// question is simply unanswered (the empty field says that already).
pub fn step_hint(app: &App, focus: Focus, q: &Question, width: usize) -> Option<Line<'static>> {
    let report = wizard_report(app)?;
    let found = match focus {
        Focus::Item { id, .. } | Focus::Indicator { id, .. } => sorted(report.for_item(id).cloned()),
        _ => sorted(report.for_question(&q.key).cloned()),
    };
    let mut found: Vec<Finding> = found.into_iter().filter(|f| !f.code.is_unanswered()).collect();
    found.sort_by_key(|f| !about_field(f.code, focus));
    let first = found.first()?;
    let lang = app.lang;
    let symbol = first.severity.symbol();
    let message = first.message(lang);
    let text = match found.len() {
        1 => tr!(lang, T::TuiStepOne, symbol = symbol, message = message),
        n => tr!(lang, T::TuiStepMany, symbol = symbol, n = n, message = message),
    };
    let right = format!("  {}", tr!(lang, T::TuiShowAll, key = key_name(app, Action::QualityPanel)));
    let text = ellipsize(&text, width.saturating_sub(right.width()));
    let (sym, rest) = match text.strip_prefix(symbol) {
        Some(rest) => (symbol.to_string(), rest.to_string()),
        None => (String::new(), text.clone()),
    };
    let pad = width.saturating_sub(text.width() + right.width());
    Some(Line::from(vec![
        Span::styled(sym, app.theme.severity(first.severity)),
        Span::styled(rest, app.theme.guidance()),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, app.theme.dim()),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_are_one_width_for_every_score_and_say_the_band() {
        for score in 0..=100u8 {
            assert_eq!(badge_text(score).width(), 11, "{score}");
            for lang in [Lang::Sv, Lang::En] {
                assert!(badge_long(score, lang).width() <= badge_long_width(lang), "{score} {lang:?}");
            }
        }
        assert_eq!(badge_text(62), "●●○  62/100");
        assert_eq!(badge_long(100, Lang::Sv), "●●● 100/100 Utvärderingsbart");
        assert_eq!(badge_long(5, Lang::En), "●○○   5/100 Vague");
    }

    #[test]
    fn hanging_lines_fit_their_width_and_indent_the_rest() {
        let text = "Ange vilket värde som ska nås och vilket år, t.ex. 90 % år 2029.";
        let lines = hanging(vec![Span::raw("  → ")], text, 30, 4, Style::default());
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(l.width() <= 30, "{l:?}");
        }
        assert!(lines[1].spans[0].content == "    ");
        let joined: Vec<String> =
            lines.iter().map(|l| l.spans.iter().skip(1).map(|s| s.content.as_ref()).collect::<String>()).collect();
        assert_eq!(joined.join(" "), text, "no word lost or doubled");
        // A pasted label with a line break and a word wider than the line.
        let odd = format!("Indikatorn \"{}\nx\" saknar år.", "å".repeat(40));
        let lines = hanging(vec![Span::raw("! Varning: ")], &odd, 30, 2, Style::default());
        let all: String = lines.iter().flat_map(|l| l.spans.iter().skip(1)).map(|s| s.content.trim()).collect();
        assert_eq!(all.chars().filter(|c| *c == 'å').count(), 41, "40 in the label, 1 in år");
        assert!(all.ends_with("saknar år."), "{all}");
        for l in &lines {
            assert!(l.width() <= 30, "{l:?}");
        }
    }
}
