//! XLSX: the shape goal-management systems import. Sheet "Indikatorer" has
//! one row per indicator with its goal; sheet "Mål" one row per goal and
//! sub-goal. Header rows are frozen and filtered. Every user text is written
//! with `write_string`, so nothing is ever stored as a formula.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::doc::Document;
use super::ExportError;
use crate::i18n::{common::T as C, export::T as E};

/// Excel's limit on the characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

pub fn render(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let lang = doc.lang;
    let mut book = Workbook::new();

    let mut header: Vec<&str> = vec![E::ColGoalCode.get(lang), E::ColGoal.get(lang)];
    header.extend(super::indicator_headers(lang));
    header.push(E::ColProposedBy.get(lang));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for goal in &doc.goals {
        for row in goal.active_indicators() {
            let mut cells = vec![goal.code.to_string(), goal.wording.to_string()];
            cells.extend(super::indicator_cells(row).map(str::to_string));
            cells.push(row.from.join(", "));
            rows.push(cells);
        }
    }
    sheet(book.add_worksheet(), E::SheetIndicators.get(lang), &header, &rows)?;

    let header = [
        E::ColGoalCode.get(lang),
        E::ColKind.get(lang),
        E::ColText.get(lang),
        C::Perspective.get(lang),
        C::Owner.get(lang),
        E::ColProposedBy.get(lang),
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for goal in &doc.goals {
        let kind = E::KindGoal.get(lang).to_string();
        rows.push(vec![
            goal.code.to_string(),
            kind,
            goal.wording.to_string(),
            goal.perspective.to_string(),
            goal.owner.to_string(),
        ]);
        for sub in &goal.subgoals {
            let kind = if sub.dropped { E::KindDroppedSubGoal } else { E::KindSubGoal };
            rows.push(vec![
                goal.code.to_string(),
                kind.get(lang).to_string(),
                sub.text.to_string(),
                String::new(),
                sub.owner.to_string(),
                sub.from.join(", "),
            ]);
        }
    }
    sheet(book.add_worksheet(), E::SheetGoals.get(lang), &header, &rows)?;

    let header = [
        E::ColGoal.get(lang),
        C::Group.get(lang),
        E::ColScore.get(lang),
        E::ColBand.get(lang),
        E::ColSeverity.get(lang),
        E::ColFinding.get(lang),
        E::Suggestion.get(lang),
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for note in &doc.quality {
        let head = [note.goal.clone(), note.group.clone(), note.score.to_string(), note.band.to_string()];
        if note.findings.is_empty() {
            rows.push(head.to_vec());
        }
        for f in &note.findings {
            let mut row = head.to_vec();
            row.extend([f.severity.to_string(), f.message.clone(), f.suggestion.clone()]);
            rows.push(row);
        }
    }
    sheet(book.add_worksheet(), E::SheetQuality.get(lang), &header, &rows)?;
    Ok(book.save_to_buffer()?)
}

/// Write a header row and data rows as text cells; freeze and filter the
/// header; size columns by their longest line (within bounds).
fn sheet(ws: &mut Worksheet, name: &str, header: &[&str], rows: &[Vec<String>]) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let bold = Format::new().set_bold().set_background_color("E8EEF4").set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count() + 3).collect();
    for (col, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        for (col, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(longest + 1);
            }
            ws.write_string_with_format(r as u32 + 1, col as u16, fit(text), &wrap)?;
        }
    }
    for (col, w) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, (*w).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, header.len().saturating_sub(1) as u16)?;
    Ok(())
}

/// A text cut to Excel's cell limit (longer texts would make the file invalid).
fn fit(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}
