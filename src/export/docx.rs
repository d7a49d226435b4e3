//! DOCX: a Word document with real heading styles (`Heading1`–`Heading3`,
//! named "heading 1"… as Word's built-in ones, with outline levels) so that
//! Word's navigation pane and table of contents work, and tables for the
//! indicators. docx-rs escapes text; line breaks become `<w:br/>`.

use docx_rs::{
    BreakType, DocumentChild, Docx, PageMargin, Paragraph, Run, RunFonts, Shading, SpecialIndentType, Style, StyleType,
    Table, TableCell, TableRow, WidthType,
};

use super::doc::{Document, GoalSection, SubGoal, Text};
use super::ExportError;
use crate::i18n::{common::T as C, export::T as E, Lang};

/// A4 in twentieths of a point, and 2 cm margins.
const A4: (u32, u32) = (11906, 16838);
const MARGIN: i32 = 1134;
/// Text width between the margins, in twips.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;

pub fn render(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let lang = doc.lang;
    // The body is collected in a Vec: docx-rs's by-value builders would move
    // the whole `Docx` once per paragraph.
    let mut d = Body(Vec::with_capacity(64 + doc.goals.len() * 32));
    d.p(para("Title", &doc.title));
    d.p(para("Subtitle", &super::source_line(doc)));
    for (label, value) in super::title_facts(doc) {
        d.p(labelled(label, &value));
    }

    d.p(para("Heading1", E::GroupsAndGoals.get(lang)));
    for group in &doc.groups {
        let goals = if group.goals.is_empty() { E::NoGoals.get(lang).to_string() } else { group.goals.join("\n") };
        d.p(labelled(&group.name, &goals));
    }

    for goal in &doc.goals {
        goal_section(&mut d, lang, goal);
    }

    if !doc.quality.is_empty() {
        d.p(para("Heading1", E::Quality.get(lang)));
        for note in &doc.quality {
            d.p(para("Heading2", &note.heading()));
            d.p(Paragraph::new().add_run(text_run(&note.score_line(lang)).bold()));
            if note.findings.is_empty() {
                d.p(Paragraph::new().add_run(text_run(E::QualityNoFindings.get(lang))));
            }
            for f in &note.findings {
                d.p(labelled(f.severity, &f.line(lang)));
            }
        }
    }

    if doc.has_dropped() {
        d.p(para("Heading1", E::Appendix.get(lang)).page_break_before(true));
        for goal in doc.goals.iter().filter(|g| g.has_dropped()) {
            d.p(para("Heading3", &goal.label()));
            for (text, from) in goal.dropped_lines(lang) {
                d.p(with_from(bullet(&text), lang, from));
            }
        }
    }

    let mut body = docx_rs::Document::new();
    body.children = d.0;
    let mut buf = std::io::Cursor::new(Vec::new());
    styled(Docx::new().document(body)).build().pack(&mut buf).map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}

fn goal_section(d: &mut Body, lang: Lang, goal: &GoalSection) {
    d.p(para("Heading1", &goal.label()));
    for (label, value) in super::goal_facts(lang, goal) {
        d.p(labelled(label, value));
    }
    if goal.is_empty() {
        d.p(Paragraph::new().add_run(text_run(E::NoAnswers.get(lang)).italic()));
    }
    if !goal.effects.is_empty() {
        d.p(para("Heading2", C::Effect.get(lang)));
        for e in &goal.effects {
            d.p(with_from(bullet(&e.text), lang, &e.from));
        }
    }
    if goal.accepted().next().is_some() {
        d.p(para("Heading2", C::SubGoals.get(lang)));
        for sub in goal.accepted() {
            d.p(subgoal(lang, sub));
        }
    }
    if goal.active_indicators().next().is_some() {
        d.p(para("Heading2", C::Indicators.get(lang)));
        d.t(indicator_table(lang, goal));
    }
    if !goal.verdicts.is_empty() {
        d.p(para("Heading2", C::Measurability.get(lang)));
        for v in &goal.verdicts {
            d.p(with_from(labelled(super::verdict_label(lang, v), &v.comment), lang, &v.from));
        }
    }
    if !goal.other.is_empty() {
        d.p(para("Heading2", E::OtherAnswers.get(lang)));
        for o in &goal.other {
            d.p(with_from(labelled(&o.question, &o.text), lang, &o.from));
        }
    }
    if !goal.flags.is_empty() {
        d.p(para("Heading2", E::Flags.get(lang)));
        for f in &goal.flags {
            d.p(labelled(super::flag_label(lang, f.kind), &f.text));
        }
    }
}

/// The paragraphs and tables of the document body, in order.
struct Body(Vec<DocumentChild>);

impl Body {
    fn p(&mut self, p: Paragraph) {
        self.0.push(DocumentChild::Paragraph(Box::new(p)));
    }

    fn t(&mut self, t: Table) {
        self.0.push(DocumentChild::Table(Box::new(t)));
    }
}

fn subgoal(lang: Lang, sub: &SubGoal) -> Paragraph {
    let mut run = add_lines(bullet_mark(), &sub.text);
    if !sub.owner.is_empty() {
        run = add_lines(run.add_text(format!(" – {}: ", C::Owner.get(lang))), &sub.owner);
    }
    with_from(Paragraph::new().style("ListBullet").add_run(run), lang, &sub.from)
}

fn indicator_table(lang: Lang, goal: &GoalSection) -> Table {
    let attributed = goal.active_indicators().any(|i| !i.from.is_empty());
    let headers = super::compact_headers(lang);
    let columns = headers.len() + usize::from(attributed);
    // The first column (name, definition, sub-goal) gets the most room.
    let first = TEXT_WIDTH * 3 / 10;
    let other = (TEXT_WIDTH - first) / (columns - 1);
    let grid: Vec<usize> = std::iter::once(first).chain(std::iter::repeat_n(other, columns - 1)).collect();
    let cell = |text: &str, width: usize, header: bool| {
        let run = text_run(text).size(18);
        let run = if header { run.bold() } else { run };
        let c = TableCell::new().add_paragraph(Paragraph::new().add_run(run)).width(width, WidthType::Dxa);
        if header {
            c.shading(Shading::new().fill("E8EEF4"))
        } else {
            c
        }
    };
    let header_cells: Vec<TableCell> = headers
        .iter()
        .copied()
        .chain(attributed.then_some(E::ColProposedBy.get(lang)))
        .zip(&grid)
        .map(|(h, w)| cell(h, *w, true))
        .collect();
    let mut rows = vec![TableRow::new(header_cells).cant_split()];
    for row in goal.active_indicators() {
        let from = row.from.join(", ");
        let texts = super::compact_cells(lang, row);
        let cells: Vec<TableCell> = texts
            .iter()
            .map(String::as_str)
            .chain(attributed.then_some(from.as_str()))
            .zip(&grid)
            .map(|(t, w)| cell(t, *w, false))
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows).set_grid(grid).width(TEXT_WIDTH, WidthType::Dxa)
}

/// A run holding `text`, with `<w:br/>` for each line break.
fn text_run(text: &str) -> Run {
    add_lines(Run::new(), text)
}

/// `text` added to `run`, with `<w:br/>` for each line break. Text of the
/// same formatting goes into one run: docx-rs writes every run's properties
/// element by element, which is most of its time.
fn add_lines(mut run: Run, text: &str) -> Run {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// The start of a list item's run: the bullet and a tab.
fn bullet_mark() -> Run {
    Run::new().add_text("•").add_tab()
}

/// A list item: a bullet and a hanging indent (no numbering definitions needed).
fn bullet(text: &str) -> Paragraph {
    Paragraph::new().style("ListBullet").add_run(add_lines(bullet_mark(), text))
}

fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(text_run(text))
}

/// "**Label:** value" as a plain paragraph.
fn labelled(label: &str, value: &str) -> Paragraph {
    let p = Paragraph::new().add_run(text_run(&format!("{label}:")).bold());
    if value.is_empty() {
        p
    } else {
        p.add_run(add_lines(Run::new().add_text(" "), value))
    }
}

fn with_from(p: Paragraph, lang: Lang, from: &[Text]) -> Paragraph {
    match super::provenance(lang, from) {
        Some(text) => p.add_run(text_run(&format!(" ({text})")).italic().color("555555")),
        None => p,
    }
}

/// Page size, fonts and the styles the document uses, named like Word's
/// built-in ones so that Word and LibreOffice map them to their own.
fn styled(d: Docx) -> Docx {
    let heading = |id: &str, name: &str, level: usize, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level)
            .size(size)
            .bold()
            .color("1F3864")
    };
    d.page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(MARGIN).bottom(MARGIN).left(MARGIN).right(MARGIN))
        .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri").cs("Calibri"))
        .default_size(22)
        .add_style(
            Style::new("Title", StyleType::Paragraph).name("Title").based_on("Normal").q_format(true).size(48).bold(),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .based_on("Normal")
                .q_format(true)
                .size(28)
                .color("444444"),
        )
        .add_style(heading("Heading1", "heading 1", 0, 32))
        .add_style(heading("Heading2", "heading 2", 1, 26))
        .add_style(heading("Heading3", "heading 3", 2, 24))
        .add_style(Style::new("ListBullet", StyleType::Paragraph).name("List Bullet").based_on("Normal").indent(
            Some(360),
            Some(SpecialIndentType::Hanging(240)),
            None,
            None,
        ))
}
