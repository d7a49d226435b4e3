//! The indicator tables of the DOCX. A column is never narrower than its
//! longest header word in bold 9 pt ("Utgångsvärde", "Mätfrekvens"), so
//! that Word and LibreOffice never break a header word; the first column
//! (name, definition, sub-goal) gets the rest of the A4 text width. When
//! the columns do not leave the first one enough room (more fields, longer
//! words), each indicator becomes a small two-column table of field and
//! value instead: a turned table, which never breaks a word either.
//!
//! The columns come from the document model ([`crate::export::compact_headers`]
//! and [`crate::export::compact_pieces`]), so a column added there appears
//! here without more work.

use docx_rs::{Paragraph, Shading, Table, TableCell, TableLayoutType, TableRow, WidthType};

use super::{text_run, TEXT_WIDTH};
use crate::export::doc::GoalSection;
use crate::i18n::{export::T as E, Lang};

/// A character of a header word in bold 9 pt Calibri (or Carlito, its
/// metric twin), in twips: "Utgångsvärde" is about 1,030 twips wide, 86 a
/// character; 100 leaves room for wide letters and a wider fallback font.
pub(super) const CHAR_TWIPS: usize = 100;
/// A cell's left and right margins (108 twips each, Word's default) and a
/// little slack.
pub(super) const CELL_PADDING: usize = 2 * 108 + 40;
/// The least room the first column keeps in the wide table.
const FIRST_MIN: usize = TEXT_WIDTH / 4;
/// Header cells: bold on a tinted ground.
const HEADER_FILL: &str = "E8EEF4";

/// The width a column needs so that none of the words of `header` breaks.
pub(super) fn width_for(header: &str) -> usize {
    let longest = header.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
    longest * CHAR_TWIPS + CELL_PADDING
}

/// The longest word the columns' cells should hold whole: longer ones
/// (an address, a long compound) may break.
const WORD_MAX: usize = 16;

/// The width a column needs so that its cells' words up to [`WORD_MAX`]
/// characters do not break.
fn width_for_cells<'t>(cells: impl Iterator<Item = &'t str>) -> usize {
    let longest = cells.flat_map(str::split_whitespace).map(|w| w.chars().count().min(WORD_MAX)).max().unwrap_or(0);
    longest * CHAR_TWIPS + CELL_PADDING
}

/// The column widths of the wide table, or `None` when the first column
/// would keep less than a quarter of the text width. Each other column is
/// as wide as its longest header word, and as its cells' longest word as
/// far as the first column can spare the room.
pub(super) fn grid(headers: &[&str], rows: &[Vec<String>]) -> Option<Vec<usize>> {
    let needed: Vec<usize> = headers.iter().map(|h| width_for(h)).collect();
    let wanted: Vec<usize> = (0..headers.len())
        .map(|col| needed[col].max(width_for_cells(rows.iter().filter_map(|r| r.get(col)).map(String::as_str))))
        .collect();
    let rest: usize = needed.iter().skip(1).sum();
    let mut spare = TEXT_WIDTH.checked_sub(rest + FIRST_MIN)?;
    // The room left is given to the columns that need the least more first,
    // so that as many of them as can hold their words whole.
    let mut widths = needed.clone();
    let mut order: Vec<usize> = (1..headers.len()).collect();
    order.sort_by_key(|&col| wanted[col] - needed[col]);
    for col in order {
        let more = (wanted[col] - needed[col]).min(spare);
        widths[col] += more;
        spare -= more;
    }
    widths[0] = TEXT_WIDTH - widths.iter().skip(1).sum::<usize>();
    Some(widths)
}

/// The indicator table (or tables) of `goal`.
pub(super) fn indicators(lang: Lang, goal: &GoalSection) -> Vec<Table> {
    let attributed = goal.active_indicators().any(|i| !i.from.is_empty());
    let compact = crate::export::compact_headers(lang);
    let headers: Vec<&str> = compact.iter().copied().chain(attributed.then_some(E::ColProposedBy.get(lang))).collect();
    let rows: Vec<Vec<String>> = goal
        .active_indicators()
        .map(|row| {
            let cells = crate::export::compact_pieces(lang, row);
            let mut cells: Vec<String> = cells.iter().map(|c| c.concat()).collect();
            if attributed {
                cells.push(crate::export::group_names(&row.from).into_owned());
            }
            cells
        })
        .collect();
    match grid(&headers, &rows) {
        Some(grid) => vec![wide(&headers, &rows, grid)],
        None => rows.iter().map(|row| turned(&headers, row)).collect(),
    }
}

fn cell(text: &str, width: usize, header: bool) -> TableCell {
    let run = text_run(text);
    let run = if header { run.bold() } else { run };
    let c =
        TableCell::new().add_paragraph(Paragraph::new().style("TableText").add_run(run)).width(width, WidthType::Dxa);
    if header {
        c.shading(Shading::new().fill(HEADER_FILL))
    } else {
        c
    }
}

/// One row per indicator under a header row that repeats on each page.
fn wide(headers: &[&str], rows: &[Vec<String>], grid: Vec<usize>) -> Table {
    let header = TableRow::new(headers.iter().zip(&grid).map(|(h, w)| cell(h, *w, true)).collect()).cant_split();
    let mut table_rows = vec![header];
    for row in rows {
        table_rows.push(TableRow::new(row.iter().zip(&grid).map(|(t, w)| cell(t, *w, false)).collect()).cant_split());
    }
    Table::new(table_rows).set_grid(grid).width(TEXT_WIDTH, WidthType::Dxa).layout(TableLayoutType::Fixed)
}

/// One indicator as field and value, one row per field that has a value;
/// its first row (the indicator's name) is the header.
fn turned(headers: &[&str], row: &[String]) -> Table {
    let label = headers.iter().map(|h| width_for(h)).max().unwrap_or(0).max(TEXT_WIDTH / 5);
    let grid = vec![label, TEXT_WIDTH - label];
    let mut table_rows = Vec::new();
    for (i, (h, v)) in headers.iter().zip(row).enumerate() {
        if i > 0 && v.is_empty() {
            continue;
        }
        let header = i == 0;
        table_rows.push(TableRow::new(vec![cell(h, grid[0], true), cell(v, grid[1], header)]).cant_split());
    }
    Table::new(table_rows).set_grid(grid).width(TEXT_WIDTH, WidthType::Dxa).layout(TableLayoutType::Fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::compact_headers;

    #[test]
    fn the_swedish_and_english_headers_fit_as_one_wide_table() {
        for lang in [Lang::Sv, Lang::En] {
            let mut headers: Vec<&str> = compact_headers(lang).to_vec();
            headers.push(E::ColProposedBy.get(lang));
            let widths = grid(&headers, &[]).expect("the compact table fits A4");
            assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
            for (h, w) in headers.iter().zip(&widths) {
                assert!(*w >= width_for(h), "{h}: {w}");
            }
        }
    }

    #[test]
    fn columns_grow_for_their_cells_words_while_the_first_keeps_room() {
        let headers = ["Indikator", "Datakälla", "År"];
        let rows = vec![vec!["x".to_string(), "närvarosystem".to_string(), "2026".to_string()]];
        let widths = grid(&headers, &rows).unwrap();
        assert_eq!(widths[1], width_for("närvarosystem"));
        assert_eq!(widths[2], width_for("2026"), "a short header word gets the cells' width");
        let long = vec![vec!["x".to_string(), "a".repeat(40), "b".repeat(40)]];
        assert_eq!(grid(&headers, &long).unwrap()[1], WORD_MAX * CHAR_TWIPS + CELL_PADDING);
    }

    #[test]
    fn too_many_columns_turn_the_table() {
        let headers = ["Indikator"; 2].into_iter().chain(["Utgångsvärdesbedömning"; 6]).collect::<Vec<_>>();
        assert_eq!(grid(&headers, &[]), None);
        let row: Vec<String> =
            headers.iter().enumerate().map(|(i, _)| if i == 3 { String::new() } else { "x".into() }).collect();
        let t = turned(&headers, &row);
        assert_eq!(t.rows.len(), headers.len() - 1, "an empty field is left out");
    }
}
