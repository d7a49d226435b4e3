//! The outline screen: the merged outline as a tree per goal, with group
//! tags, status marks and flags in words (never colour alone).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::facil::heading;
use crate::app::outline::screen::{entry_at, item_at, rows, selected_row, Entry, OutlineScreen, Row};
use crate::app::outline::OutlineSession;
use crate::app::widgets::wrap::ellipsize;
use crate::app::App;
use std::collections::BTreeSet;

use crate::domain::model::Verdict;
use crate::domain::outline::{Outline, OutlineItem, SectionBody, Status};
use crate::domain::QuestionKind;
use crate::i18n::merge::T;
use crate::tr;

pub fn render(app: &App, st: &OutlineScreen, area: Rect, buf: &mut Buffer) {
    let edit_h = if st.editing.is_some() { 3 } else { 0 };
    // The chosen item in full below the tree, where there is room for it.
    let detail_h = if st.editing.is_none() && area.height >= 30 { area.height / 4 } else { 0 };
    let [head, info, _, body, detail, edit] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(detail_h),
        Constraint::Length(edit_h),
    ]));
    let lang = app.lang;
    let Some(session) = app.outline.as_ref() else {
        heading(app, T::OutlineTitle.get(lang).to_string(), head, buf);
        let text = st.message.clone().unwrap_or_else(|| T::Loading.get(lang).to_string());
        Paragraph::new(text).render(info, buf);
        return;
    };
    heading(app, ellipsize(&title(app, session), head.width as usize), head, buf);
    render_info(app, st, session, info, buf);
    render_tree(app, st, &session.outline, body, buf);
    if detail.height > 0 {
        render_detail(app, st, &session.outline, detail, buf);
    }
    if let Some((_, input)) = &st.editing {
        let [prompt, field, _] =
            edit.layout(&Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1)]));
        Paragraph::new(Line::from(Span::styled(T::EditPrompt.get(lang), app.theme.dim()))).render(prompt, buf);
        let line = super::facil::input_line(app, T::EditLabel.get(lang), input, true, field.width as usize);
        Paragraph::new(line).render(field, buf);
    }
}

/// The chosen item in full, wrapped: its text, every version with its groups
/// and files, and the texts of its possible duplicates (so that what tells
/// them apart is visible).
fn render_detail(app: &App, st: &OutlineScreen, outline: &Outline, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let Some(id) = st.selected else { return };
    let Some(item) = outline.find_item(id) else {
        if let Some(entry) = entry_at(outline, id) {
            render_entry(app, outline, entry, area, buf);
        }
        return;
    };
    let width = area.width.saturating_sub(4).max(10) as usize;
    let mut lines: Vec<Line<'static>> =
        vec![Line::from(Span::styled("─".repeat(area.width as usize), app.theme.dim()))];
    let mut push = |text: &str, first: &str, style: Style| {
        for (n, l) in crate::app::widgets::wrap::wrap(text, width).into_iter().enumerate() {
            let prefix = if n == 0 { first.to_string() } else { " ".repeat(first.chars().count()) };
            lines.push(Line::from(Span::styled(format!("{prefix}{l}"), style)));
        }
    };
    push(&item.text, "  ", Style::default().add_modifier(Modifier::BOLD));
    for (n, v) in item.versions().enumerate() {
        let groups: Vec<&str> = v.groups.iter().map(|g| outline.group_name(*g)).collect();
        let files: Vec<&str> = v.files.iter().map(String::as_str).collect();
        let text = format!("{} ({}; {})", version_text(lang, &v.content), groups.join(", "), files.join(", "));
        push(&text, &format!("  {}) ", n + 1), app.theme.dim());
    }
    for key in &item.flags.possible_duplicates {
        if let Some(other) = outline.find_item(*key) {
            push(&other.text, &format!("  ≈ {}: ", T::PossibleDuplicate.get(lang)), app.theme.dim());
        }
    }
    lines.truncate(area.height as usize);
    Paragraph::new(lines).render(area, buf);
}

/// A group's effect (free text) or verdict in full, wrapped: every version
/// (numbered when copies of the file disagree) with the files it was read
/// from, so the second version of a conflict is as visible as the first.
fn render_entry(app: &App, outline: &Outline, entry: Entry<'_>, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let width = area.width.saturating_sub(4).max(10) as usize;
    let (status, edited, changed) = match entry {
        Entry::Text(_, e) => (e.status, e.edited.then(|| e.text.clone()), e.changed_after_decision),
        Entry::Verdict(_, e) => (e.status, e.edited.then(|| e.text.clone()), e.changed_after_decision),
    };
    let (group, versions, files): (_, Vec<String>, _) = match entry {
        Entry::Text(_, e) => (e.group, e.versions.clone(), &e.files),
        Entry::Verdict(_, e) => {
            let text = |v: &crate::domain::outline::VerdictVersion| {
                if v.how.trim().is_empty() {
                    verdict_word(v.verdict, lang)
                } else {
                    format!("{} – {}", verdict_word(v.verdict, lang), v.how)
                }
            };
            (e.group, e.versions.iter().map(text).collect(), &e.files)
        }
    };
    let mut lines: Vec<Line<'static>> =
        vec![Line::from(Span::styled("─".repeat(area.width as usize), app.theme.dim()))];
    let mut push = |text: &str, first: &str, style: Style| {
        for (n, l) in crate::app::widgets::wrap::wrap(text, width).into_iter().enumerate() {
            let prefix = if n == 0 { first.to_string() } else { " ".repeat(first.chars().count()) };
            lines.push(Line::from(Span::styled(format!("{prefix}{l}"), style)));
        }
    };
    let status = match status {
        Status::Accepted => format!(" · ✓ {}", T::StatusAccepted.get(lang)),
        Status::Dropped => format!(" · ✗ {}", T::StatusDropped.get(lang)),
        Status::Open => String::new(),
    };
    let status = if changed { format!("{status} · ↻ {}", T::ChangedAfterDecision.get(lang)) } else { status };
    push(&format!("{}{status}", outline.group_name(group)), "  ", Style::default().add_modifier(Modifier::BOLD));
    if let Some(text) = &edited {
        push(&format!("✎ {}: {text}", T::EntryEdited.get(lang)), "  ", Style::default());
    }
    let many = versions.len() > 1;
    for (n, v) in versions.iter().enumerate() {
        let from: Vec<&str> = files.get(n).map(|f| f.iter().map(String::as_str).collect()).unwrap_or_default();
        let text = if from.is_empty() { v.clone() } else { format!("{v} ({})", from.join(", ")) };
        let first = if many { format!("  {}) ", n + 1) } else { "  ".to_string() };
        push(&text, &first, Style::default());
    }
    lines.truncate(area.height as usize);
    Paragraph::new(lines).render(area, buf);
}

/// "Sammanställning · senast uppdaterad 12:03:04 · sparad".
fn title(app: &App, s: &OutlineSession) -> String {
    let lang = app.lang;
    let mut parts = vec![T::OutlineTitle.get(lang).to_string()];
    if let Some(at) = s.updated {
        let time = at.with_timezone(&chrono::Local).format("%H:%M:%S").to_string();
        parts.push(tr!(lang, T::UpdatedAt, time = time));
    }
    if s.in_flight.is_some() {
        parts.push(T::OutlineSaving.get(lang).to_string());
    } else if !s.dirty() && s.saved > 0 {
        parts.push(T::OutlineSaved.get(lang).to_string());
    }
    parts.join(" · ")
}

fn render_info(app: &App, st: &OutlineScreen, s: &OutlineSession, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let width = area.width as usize;
    // Errors first: a failed save, an unusable outline.ron, unreadable files.
    let warning = s
        .save_error
        .as_ref()
        .map(|e| tr!(lang, T::OutlineSaveFailed, error = e))
        .or_else(|| s.error.clone())
        .or_else(|| (!s.unreadable.is_empty()).then(|| tr!(lang, T::Unreadable, files = s.unreadable.join("; "))));
    if let Some(w) = warning {
        Paragraph::new(ellipsize(&format!("⚠ {w}"), width)).style(app.theme.alarm()).render(area, buf);
        return;
    }
    let items: Vec<&OutlineItem> = s.outline.items().collect();
    let open = items.iter().filter(|i| i.status == Status::Open || i.flags.changed_after_decision).count();
    // Counted as `malverkstad merge` counts them: free texts and verdicts too.
    let conflicts = crate::domain::merge::summarize(&s.outline).conflicts.len();
    let text = format!(
        "{} · {}",
        tr!(lang, T::FilterLabel, filter = st.filter.label(lang)),
        tr!(lang, T::Counts, items = items.len(), open = open, conflicts = conflicts)
    );
    Paragraph::new(ellipsize(&text, width)).style(app.theme.dim()).render(area, buf);
}

fn render_tree(app: &App, st: &OutlineScreen, outline: &Outline, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let rows = rows(outline, st.filter);
    if rows.iter().all(|r| !matches!(r, Row::Item(..) | Row::Text(..) | Row::Verdict(..))) {
        let key = if st.filter == crate::app::outline::Filter::All { T::Nothing } else { T::NothingMatches };
        Paragraph::new(key.get(lang)).render(Rect { height: 1.min(area.height), ..area }, buf);
        if st.filter == crate::app::outline::Filter::All {
            return;
        }
    }
    let height = area.height as usize;
    let selected = selected_row(outline, &rows, st.selected);
    // Keep the chosen item in view, a third from the top when scrolling.
    let start = match selected {
        Some(i) if rows.len() > height && i >= height.saturating_sub(2) => {
            i.saturating_sub(height / 3).min(rows.len() - height)
        }
        _ => 0,
    };
    let width = area.width as usize;
    for (n, row) in rows.iter().enumerate().skip(start).take(height) {
        let y = area.y + (n - start) as u16;
        let line_area = Rect { y, height: 1, ..area };
        let is_sel = Some(n) == selected;
        let line = row_line(app, st, outline, *row, is_sel, width);
        if is_sel {
            buf.set_style(line_area, app.theme.focus());
        }
        Paragraph::new(line).render(line_area, buf);
    }
}

fn groups_tag(outline: &Outline, groups: &[uuid::Uuid]) -> String {
    let names: Vec<&str> = groups.iter().map(|g| outline.group_name(*g)).collect();
    format!("[{}]", names.join(", "))
}

fn verdict_word(v: Option<Verdict>, lang: crate::i18n::Lang) -> String {
    match v {
        Some(v) => v.label(lang).to_string(),
        None => T::NoVerdict.get(lang).to_string(),
    }
}

fn row_line(app: &App, st: &OutlineScreen, outline: &Outline, row: Row, sel: bool, width: usize) -> Line<'static> {
    let lang = app.lang;
    let plain = |text: String, style: Style| Line::from(Span::styled(ellipsize(&text, width), style));
    match row {
        Row::Goal(g) => {
            let goal = &outline.goals[g];
            plain(goal.label.clone(), app.theme.title())
        }
        Row::Section(g, s) => {
            let section = &outline.goals[g].sections[s];
            let name = match (section.key.as_str(), section.kind()) {
                (crate::domain::model::keys::EFFECT, _) => T::Effects.get(lang).to_string(),
                (crate::domain::model::keys::SUBGOALS, _) => T::Subgoals.get(lang).to_string(),
                (crate::domain::model::keys::INDICATORS, _) => T::Indicators.get(lang).to_string(),
                (crate::domain::model::keys::MEASURABILITY, _) => T::Verdicts.get(lang).to_string(),
                (_, QuestionKind::Verdict) => T::Verdicts.get(lang).to_string(),
                // A question the facilitator added: its text, not its internal key.
                (key, _) => match app.loaded.as_ref().and_then(|l| l.workshop.question(key)) {
                    Some(q) => q.prompt.get(lang).replace('\n', " "),
                    None => tr!(lang, T::OtherSection, key = key),
                },
            };
            plain(format!("  {name}"), app.theme.dim().add_modifier(Modifier::BOLD))
        }
        Row::Text(g, s, e) => {
            let SectionBody::Text(entries) = &outline.goals[g].sections[s].body else { return Line::default() };
            let entry = &entries[e];
            // Differing copies: each version with the files it came from.
            let versions: Vec<String> = entry
                .versions
                .iter()
                .enumerate()
                .map(|(n, v)| match entry.files.get(n).filter(|_| entry.conflict) {
                    Some(files) => {
                        let files: Vec<&str> = files.iter().map(String::as_str).collect();
                        format!("{}) {}: {v}", n + 1, files.join(", "))
                    }
                    None => v.clone(),
                })
                .collect();
            let shown = if entry.edited || (!entry.conflict && entry.versions.len() > 1) {
                entry.text.clone()
            } else {
                versions.join(" | ")
            };
            let mut text = format!(
                "    {}{} {}",
                entry_mark(entry.status, entry.edited, entry.changed_after_decision),
                groups_tag(outline, &[entry.group]),
                shown.replace('\n', " ")
            );
            if entry.conflict {
                text = format!("    ⚠ {} {}", T::Conflict.get(lang), text.trim_start());
            }
            plain(text, Style::default())
        }
        Row::Tally(g, s) => {
            let SectionBody::Verdicts(v) = &outline.goals[g].sections[s].body else { return Line::default() };
            let t = v.tally;
            plain(
                format!("    {}", tr!(lang, T::Tally, yes = t.yes, partly = t.partly, no = t.no, unsure = t.unsure)),
                Style::default(),
            )
        }
        Row::Verdict(g, s, e) => {
            let SectionBody::Verdicts(v) = &outline.goals[g].sections[s].body else { return Line::default() };
            let entry = &v.groups[e];
            let answers: Vec<String> = entry
                .versions
                .iter()
                .map(|v| {
                    let how = v.how.replace('\n', " ");
                    if how.trim().is_empty() {
                        verdict_word(v.verdict, lang)
                    } else {
                        format!("{} – {how}", verdict_word(v.verdict, lang))
                    }
                })
                .collect();
            let mut answers = answers.join(" | ");
            if entry.edited {
                let verdicts: BTreeSet<String> = entry.versions.iter().map(|v| verdict_word(v.verdict, lang)).collect();
                let verdicts: Vec<String> = verdicts.into_iter().collect();
                answers = format!("{} – {}", verdicts.join(" | "), entry.text.replace('\n', " "));
            }
            let flag = if entry.conflict { format!("⚠ {} ", T::Conflict.get(lang)) } else { String::new() };
            plain(
                format!(
                    "    {flag}{}{} {answers}",
                    entry_mark(entry.status, entry.edited, entry.changed_after_decision),
                    groups_tag(outline, &[entry.group])
                ),
                Style::default(),
            )
        }
        Row::Item(..) => {
            let Some(item) = item_at(outline, row) else { return Line::default() };
            item_line(app, st, outline, item, sel, width)
        }
        Row::Version(g, s, i, v) => {
            let Some(item) = item_at(outline, Row::Item(g, s, i)) else { return Line::default() };
            let Some(version) = item.versions().nth(v) else { return Line::default() };
            let files: Vec<String> = version
                .files
                .iter()
                .map(|f| match saved_at(app, f) {
                    Some(t) => format!("{f} ({})", tr!(lang, T::SavedAt, time = t)),
                    None => f.clone(),
                })
                .collect();
            let fp = crate::domain::merge::fingerprint(&version.content);
            let state = if item.flags.set_aside.contains(&fp) {
                format!(" [{}]", T::SetAside.get(lang))
            } else if item.flags.set_aside.is_empty() || !item.members.iter().any(|m| m.versions.len() > 1) {
                String::new()
            } else {
                format!(" [{}]", T::Chosen.get(lang))
            };
            let text = version_text(lang, &version.content);
            Line::from(Span::styled(
                format!("        ↳ {}) {}{state}: {text}", v + 1, files.join(", ")),
                app.theme.dim(),
            ))
        }
    }
}

/// A version in full: the text, and for a sub-goal its owner, for an
/// indicator every field that is filled in.
fn version_text(lang: crate::i18n::Lang, content: &crate::domain::outline::Content) -> String {
    use crate::domain::outline::Content;
    use crate::i18n::common::T as C;
    match content {
        Content::List(li) if li.owner.trim().is_empty() => li.text.replace('\n', " "),
        Content::List(li) => format!("{} – {}: {}", li.text.replace('\n', " "), C::Owner.get(lang), li.owner),
        Content::Indicator(ind) => {
            let mut parts = vec![ind.name.clone()];
            for (label, value) in crate::export::outline::indicator_fields(ind) {
                if !value.trim().is_empty() {
                    parts.push(format!("{}: {value}", label.get(lang)));
                }
            }
            parts.join(" · ").replace('\n', " ")
        }
    }
}

/// When the group file read under `name` says it was saved, as local time.
fn saved_at(app: &App, name: &str) -> Option<String> {
    let session = app.outline.as_ref()?;
    let file = session.files.iter().find(|f| f.name == name)?;
    match &file.content {
        crate::store::outline::MergeFile::Group(g) => {
            g.saved_at.map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S").to_string())
        }
        crate::store::outline::MergeFile::Outline(_) => None,
    }
}

/// The marks of a decided effect or verdict: ✓ accepted, ✗ dropped, ✎ edited,
/// ↻ changed after the decision (nothing while undecided and unedited).
fn entry_mark(status: Status, edited: bool, changed: bool) -> String {
    let mut mark = String::new();
    if changed {
        mark.push_str("↻ ");
    }
    match status {
        Status::Accepted => mark.push_str("✓ "),
        Status::Dropped => mark.push_str("✗ "),
        Status::Open => {}
    }
    if edited {
        mark.push_str("✎ ");
    }
    mark
}

fn item_line(
    app: &App,
    st: &OutlineScreen,
    outline: &Outline,
    item: &OutlineItem,
    sel: bool,
    width: usize,
) -> Line<'static> {
    let lang = app.lang;
    let marker = if sel { "  ▶ " } else { "    " };
    let marked = item.members.iter().any(|m| st.marked.contains(&m.id));
    let mark = match item.status {
        Status::Open => "○",
        Status::Accepted => "✓",
        Status::Dropped => "✗",
    };
    let mut flags: Vec<String> = Vec::new();
    match item.status {
        Status::Accepted => flags.push(T::StatusAccepted.get(lang).into()),
        Status::Dropped => flags.push(T::StatusDropped.get(lang).into()),
        Status::Open => {}
    }
    if marked {
        flags.push(format!("● {}", T::Marked.get(lang)));
    }
    if item.flags.conflict {
        flags.push(format!("⚠ {}", T::Conflict.get(lang)));
    }
    if item.flags.changed_after_decision {
        flags.push(format!("↻ {}", T::ChangedAfterDecision.get(lang)));
    }
    if !item.flags.possible_duplicates.is_empty() {
        flags.push(format!("≈ {}", T::PossibleDuplicate.get(lang)));
    }
    if !item.flags.differs.is_empty() {
        flags.push(T::Differs.get(lang).into());
    }
    if item.flags.combined {
        flags.push(T::Combined.get(lang).into());
    } else if item.flags.folded {
        flags.push(T::Folded.get(lang).into());
    }
    let tag = groups_tag(outline, &item.groups);
    let tail = if flags.is_empty() { format!("  {tag}") } else { format!("  {tag}  {}", flags.join(" · ")) };
    // The text gives way to the tags and flags, down to a third of the line.
    let tail_w = unicode_width::UnicodeWidthStr::width(tail.as_str());
    let head_w = unicode_width::UnicodeWidthStr::width(marker) + 2;
    let text_w = width.saturating_sub(head_w + tail_w).max(width / 3);
    let text = ellipsize(&item.text.replace('\n', " "), text_w);
    let text_style = if item.status == Status::Dropped {
        Style::default().add_modifier(Modifier::CROSSED_OUT)
    } else {
        Style::default()
    };
    let flag_style =
        if item.flags.conflict || item.flags.changed_after_decision { app.theme.alarm() } else { app.theme.dim() };
    let used = head_w + unicode_width::UnicodeWidthStr::width(text.as_str());
    let tail = ellipsize(&tail, width.saturating_sub(used));
    let _ = sel;
    Line::from(vec![
        Span::raw(format!("{marker}{mark} ")),
        Span::styled(text, text_style),
        Span::styled(tail, flag_style),
    ])
}
