//! DOCX: a Word document with real heading styles (`Heading1`–`Heading3`,
//! named "heading 1"… as Word's built-in ones, with outline levels) so that
//! Word's navigation pane and table of contents work, bulleted lists in
//! Word's "List Bullet" style, and tables for the indicators, on A4.
//!
//! The WordprocessingML is written directly as text (`body`) and zipped
//! as it is written, a chunk at a time, between the parts around it
//! (`package`): docx-rs took about eleven times as long as serialising
//! the outline, mostly building and dropping its document tree.

mod body;
mod package;

use body::{cell_start, Body, Look, Style};

use super::doc::{Document, GoalSection, SubGoal};
use super::ExportError;
use crate::i18n::{common::T as C, export::T as E, Lang};

/// A4 in twentieths of a point, and 2 cm margins.
const A4: (usize, usize) = (11906, 16838);
const MARGIN: usize = 1134;
/// Text width between the margins, in twips.
const TEXT_WIDTH: usize = A4.0 - 2 * MARGIN;

pub fn render(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let lang = doc.lang;
    let error = |e: zip::result::ZipError| ExportError::Docx(e.to_string());
    let mut d = Body::new(lang, package::start(doc).map_err(error)?);
    d.para(Style::Title, &doc.title);
    d.para(Style::Subtitle, &super::source_line(doc));
    for (label, value) in super::title_facts(doc) {
        d.labelled(label, &value).end();
    }

    d.para(Style::Heading1, E::GroupsAndGoals.get(lang));
    for group in &doc.groups {
        d.start(Style::Normal).run(Look::Bold, [group.name.as_ref(), ":"]);
        if group.goals.is_empty() {
            d.run(Look::Plain, [" ", E::NoGoals.get(lang)]);
        } else {
            // One goal a line.
            let goals = group.goals.iter().enumerate().flat_map(|(i, g)| [if i > 0 { "\n" } else { " " }, g]);
            d.run(Look::Plain, goals);
        }
        d.end();
    }

    for goal in &doc.goals {
        goal_section(&mut d, lang, goal);
    }

    if !doc.quality.is_empty() {
        d.para(Style::Heading1, E::Quality.get(lang));
        for note in &doc.quality {
            d.para(Style::Heading2, &note.heading());
            d.plain(Look::Bold, &note.score_line(lang));
            if note.findings.is_empty() {
                d.plain(Look::Plain, E::QualityNoFindings.get(lang));
            }
            for f in &note.findings {
                d.labelled(f.severity, &f.line(lang)).end();
            }
        }
    }

    if doc.has_dropped() {
        d.start_heading_on_new_page().run(Look::Plain, [E::Appendix.get(lang)]).end();
        for goal in doc.goals.iter().filter(|g| g.has_dropped()) {
            d.para(Style::Heading3, &goal.label());
            for (text, from) in goal.dropped_lines(lang) {
                d.bullet([text.as_str()]).from(from).end();
            }
        }
    }
    package::finish(doc, d.finish().map_err(error)?).map_err(error)
}

fn goal_section(d: &mut Body, lang: Lang, goal: &GoalSection) {
    d.para(Style::Heading1, &goal.label());
    for (label, value) in super::goal_facts(lang, goal) {
        d.labelled(label, value).end();
    }
    if goal.is_empty() {
        d.plain(Look::Italic, E::NoAnswers.get(lang));
    }
    if !goal.effects.is_empty() {
        d.para(Style::Heading2, C::Effect.get(lang));
        for e in &goal.effects {
            d.bullet([e.text.as_ref()]).from(&e.from).end();
        }
    }
    if goal.accepted().next().is_some() {
        d.para(Style::Heading2, C::SubGoals.get(lang));
        for sub in goal.accepted() {
            subgoal(d, lang, sub);
        }
    }
    if goal.active_indicators().next().is_some() {
        d.para(Style::Heading2, C::Indicators.get(lang));
        indicator_table(d, lang, goal);
        // The record of each indicator (merged outline): under the table,
        // which has no room for another column.
        for row in goal.active_indicators() {
            if let Some(r) = &row.record {
                d.labelled(&row.name, &r.note(lang)).end();
            }
        }
    }
    if !goal.verdicts.is_empty() {
        d.para(Style::Heading2, C::Measurability.get(lang));
        for v in &goal.verdicts {
            d.labelled(super::verdict_label(lang, v), &v.comment).from(&v.from).end();
        }
    }
    if !goal.other.is_empty() {
        d.para(Style::Heading2, E::OtherAnswers.get(lang));
        for o in &goal.other {
            d.labelled(&o.question, &o.text).from(&o.from).end();
        }
    }
    if !goal.flags.is_empty() {
        d.para(Style::Heading2, E::Flags.get(lang));
        for f in &goal.flags {
            d.labelled(super::flag_label(lang, f.kind), &f.text).end();
        }
    }
}

/// "Sub-goal – Ägare: owner (förslag från …)": text and owner in one run.
fn subgoal(d: &mut Body, lang: Lang, sub: &SubGoal) {
    if sub.owner.is_empty() {
        d.bullet([sub.text.as_ref()]);
    } else {
        d.bullet([sub.text.as_ref(), " – ", C::Owner.get(lang), ": ", sub.owner.as_ref()]);
    }
    d.from(&sub.from);
    if let Some(r) = &sub.record {
        d.run(Look::Italic, [" — ", r.note(lang).as_str()]);
    }
    d.end();
}

fn indicator_table(d: &mut Body, lang: Lang, goal: &GoalSection) {
    let attributed = goal.active_indicators().any(|i| !i.from.is_empty());
    let headers = super::compact_headers(lang);
    let columns = headers.len() + usize::from(attributed);
    // The first column (name, definition, sub-goal) gets the most room.
    let first = TEXT_WIDTH * 3 / 10;
    let other = (TEXT_WIDTH - first) / (columns - 1);
    let mut grid = [other; 7];
    grid[0] = first;
    let grid = &grid[..columns];
    d.table_start(TEXT_WIDTH, grid);
    let header = [cell_start(first, true), cell_start(other, true)];
    let data = [cell_start(first, false), cell_start(other, false)];
    d.row_start(true);
    for (i, h) in headers.iter().copied().chain(attributed.then_some(E::ColProposedBy.get(lang))).enumerate() {
        d.cell(&header[usize::from(i > 0)], [h]);
    }
    d.row_end();
    for row in goal.active_indicators() {
        d.row_start(false);
        for (i, cell) in super::compact_pieces(lang, row).iter().enumerate() {
            d.cell(&data[usize::from(i > 0)], cell.iter());
        }
        if attributed {
            d.cell(&data[1], super::group_name_pieces(&row.from));
        }
        d.row_end();
    }
    d.table_end();
}
