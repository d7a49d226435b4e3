//! XLSX, written with rust_xlsxwriter: the indicator sheet for the
//! controller and the goal-management system. Sheet "Indikatorer" has one
//! row per indicator with its goal, sub-goal and owner, and an empty
//! "Utfall ÅÅÅÅ" column for each year of the plan period; "Mål" one row per
//! goal and sub-goal; "Effekter och mätbarhet" the desired effects and the
//! measurability verdicts; "Kvalitet" the quality check. Header rows are
//! frozen and filtered, columns and rows sized to their text.
//!
//! Baselines, targets, years and scores that are clean numbers ("71,3",
//! "1 200", "82 %") are stored as numbers with a format that keeps the
//! decimals typed (shown the Swedish way in a Swedish Excel); everything
//! else is text. A text starting with `=`, `+`, `-` or `@` carries the quote
//! prefix, so editing it in Excel never makes it a formula. A text longer
//! than Excel's cell limit is cut with a note saying so at its end.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::doc::{Document, GoalSection, IndicatorRow};
use super::number;
use super::ExportError;
use crate::i18n::{common::T as C, export::T as E, Lang};

/// Excel's limit on the characters (UTF-16 code units) of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Column widths in characters, and the highest row in points (Excel's
/// own limit is 409).
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;
const LINE_HEIGHT: f64 = 15.0;
const MAX_HEIGHT: f64 = 300.0;

pub fn render(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let error = |e: XlsxError| ExportError::Xlsx(e.to_string());
    let mut book = Workbook::new();
    let mut properties = DocProperties::new().set_title(doc.title.as_ref()).set_author("Målverkstad");
    if let Some(date) = doc.date {
        use chrono::Datelike;
        let (y, m, d) = (date.year(), date.month(), date.day());
        if let Ok(date) = ExcelDateTime::from_ymd(y.clamp(1900, 9999) as u16, m as u8, d as u8) {
            properties = properties.set_creation_datetime(&date);
        }
    }
    book.set_properties(&properties);
    let mut formats = Formats::new();
    let credit = super::kolada::document_credit(doc);
    for sheet in [indicator_sheet(doc), goal_sheet(doc), effect_sheet(doc), quality_sheet(doc)] {
        let ws = book.add_worksheet();
        if let Some(credit) = credit {
            // Printed at the foot of every page ("&L": left); `&` is Excel's escape.
            ws.set_footer(format!("&L{}", credit.replace('&', "&&")));
        }
        sheet.write(ws, doc.lang, &mut formats).map_err(error)?;
    }
    book.save_to_buffer().map_err(error)
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    /// A clean number is stored as a number, other text as text.
    Number,
    /// A year of four digits is stored as a number without grouping.
    Year,
}

/// A sheet before it is written: its rows are known whole so that the
/// columns and rows can be sized to them.
struct Sheet<'a> {
    name: &'static str,
    header: Vec<Cow<'a, str>>,
    kinds: Vec<Kind>,
    rows: Vec<Vec<Cow<'a, str>>>,
}

impl<'a> Sheet<'a> {
    fn new(name: &'static str, header: Vec<Cow<'a, str>>) -> Sheet<'a> {
        let kinds = vec![Kind::Text; header.len()];
        Sheet { name, header, kinds, rows: Vec::new() }
    }

    fn kind(&mut self, col: usize, kind: Kind) {
        if let Some(k) = self.kinds.get_mut(col) {
            *k = kind;
        }
    }

    /// The widths of the columns in characters: each column's longest line
    /// (a header word may not break), within bounds.
    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| longest_word(h) + 3).collect();
        for row in &self.rows {
            for (col, text) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(col) {
                    *w = (*w).max(longest_line(text) + 1);
                }
            }
        }
        widths.into_iter().map(|w| w.clamp(MIN_WIDTH, MAX_WIDTH)).collect()
    }

    fn write(&self, ws: &mut Worksheet, lang: Lang, formats: &mut Formats) -> Result<(), XlsxError> {
        ws.set_name(self.name)?;
        let widths = self.widths();
        for (col, w) in widths.iter().enumerate() {
            ws.set_column_width(col as u16, *w as f64)?;
        }
        let header_lines = self.header.iter().zip(&widths).map(|(h, w)| lines(h, *w)).max().unwrap_or(1);
        for (col, h) in self.header.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, h.as_ref(), &formats.header)?;
        }
        if header_lines > 1 {
            ws.set_row_height(0, height(header_lines))?;
        }
        for (r, cells) in self.rows.iter().enumerate() {
            let row = r as u32 + 1;
            let mut most = 1;
            for (col, text) in cells.iter().enumerate() {
                if text.is_empty() {
                    continue;
                }
                let kind = self.kinds.get(col).copied().unwrap_or(Kind::Text);
                let col16 = col as u16;
                if kind == Kind::Year {
                    if let Some(y) = number::year(text) {
                        ws.write_number_with_format(row, col16, y, &formats.year)?;
                        continue;
                    }
                }
                if kind != Kind::Text {
                    if let Some(n) = number::parse(text, lang) {
                        ws.write_number_with_format(row, col16, n.value, formats.number(&n))?;
                        continue;
                    }
                }
                let text = fit(text, lang);
                most = most.max(lines(&text, widths.get(col).copied().unwrap_or(MAX_WIDTH)));
                let format = if needs_quote_prefix(&text) { &formats.quoted } else { &formats.text };
                ws.write_string_with_format(row, col16, text.as_ref(), format)?;
            }
            if most > 1 {
                ws.set_row_height(row, height(most))?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last_col = self.header.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, self.rows.len() as u32, last_col)?;
        Ok(())
    }
}

/// The cell formats of the workbook, each number format made once.
struct Formats {
    header: Format,
    text: Format,
    quoted: Format,
    year: Format,
    numbers: HashMap<String, Format>,
}

impl Formats {
    fn new() -> Formats {
        let top = Format::new().set_align(FormatAlign::Top);
        let text = top.clone().set_text_wrap();
        Formats {
            header: text.clone().set_bold().set_background_color("E8EEF4"),
            quoted: text.clone().set_quote_prefix(),
            text,
            year: top.set_num_format("0"),
            numbers: HashMap::new(),
        }
    }

    fn number(&mut self, n: &number::Number) -> &Format {
        self.numbers
            .entry(n.excel_format())
            .or_insert_with_key(|code| Format::new().set_align(FormatAlign::Top).set_num_format(code.as_str()))
    }
}

/// The indicator sheet: målkod, mål, perspektiv, delmål, its owner, then
/// every column of the document's indicator table but the linked sub-goal,
/// förslag från, and "Utfall ÅÅÅÅ" for each year of the plan.
fn indicator_sheet<'a>(doc: &'a Document) -> Sheet<'a> {
    let lang = doc.lang;
    let headers = super::indicator_headers(lang);
    let linked = C::LinkedSubGoal.get(lang);
    let mut header: Vec<Cow<str>> =
        [E::ColGoalCode.get(lang), E::ColGoal.get(lang), C::Perspective.get(lang), C::SubGoal.get(lang)]
            .into_iter()
            .chain([E::ColSubGoalOwner.get(lang)])
            .chain(headers.iter().copied().filter(|h| *h != linked))
            .chain([E::ColProposedBy.get(lang)])
            .map(Cow::Borrowed)
            .collect();
    // The merged outline: each item's decision and the groups' wording.
    if recorded(doc) {
        header.push(Cow::Borrowed(E::ColStatus.get(lang)));
    }
    let years = number::plan_years(&doc.plan);
    header.extend(years.iter().map(|y| Cow::Owned(crate::tr!(lang, E::ColOutcome, year = y))));
    let mut sheet = Sheet::new(E::SheetIndicators.get(lang), header);
    for (col, h) in sheet.header.clone().iter().enumerate() {
        let kind = if [C::Baseline.get(lang), C::Target.get(lang)].contains(&h.as_ref()) {
            Kind::Number
        } else if [C::BaselineYear.get(lang), C::TargetYear.get(lang)].contains(&h.as_ref()) {
            Kind::Year
        } else {
            Kind::Text
        };
        sheet.kind(col, kind);
    }
    let recorded = recorded(doc);
    for goal in &doc.goals {
        for row in goal.active_indicators() {
            let mut cells = indicator_row(lang, goal, row, &headers);
            if recorded {
                cells.push(Cow::Owned(row.record.as_ref().map(|r| r.note(lang)).unwrap_or_default()));
            }
            sheet.rows.push(cells);
        }
    }
    sheet
}

/// True when items carry the facilitator's record (merged outline).
fn recorded(doc: &Document) -> bool {
    doc.goals.iter().any(|g| g.subgoals.iter().any(|s| s.record.is_some()))
        || doc.goals.iter().flat_map(|g| g.active_indicators()).any(|i| i.record.is_some())
}

fn indicator_row<'a>(lang: Lang, goal: &'a GoalSection, row: &'a IndicatorRow, headers: &[&str]) -> Vec<Cow<'a, str>> {
    let linked = C::LinkedSubGoal.get(lang);
    let owner = goal.subgoals.iter().find(|s| !row.subgoal.is_empty() && s.text == row.subgoal).map(|s| &s.owner);
    let mut cells: Vec<Cow<str>> = vec![
        Cow::Borrowed(goal.code.as_ref()),
        Cow::Borrowed(goal.wording.as_ref()),
        Cow::Borrowed(goal.perspective.as_ref()),
        Cow::Borrowed(row.subgoal.as_ref()),
        Cow::Borrowed(owner.map_or("", |o| o.as_ref())),
    ];
    let values = super::indicator_cells(row);
    cells.extend(headers.iter().zip(values).filter(|(h, _)| **h != linked).map(|(_, v)| Cow::Borrowed(v)));
    cells.push(super::group_names(&row.from));
    cells
}

fn goal_sheet<'a>(doc: &'a Document) -> Sheet<'a> {
    let lang = doc.lang;
    let header = [
        E::ColGoalCode.get(lang),
        E::ColKind.get(lang),
        E::ColText.get(lang),
        C::Perspective.get(lang),
        C::Owner.get(lang),
        E::ColProposedBy.get(lang),
    ];
    let recorded = recorded(doc);
    let header = header.into_iter().chain(recorded.then_some(E::ColStatus.get(lang)));
    let mut sheet = Sheet::new(E::SheetGoals.get(lang), header.map(Cow::Borrowed).collect());
    for goal in &doc.goals {
        let kind = Cow::Borrowed(E::KindGoal.get(lang));
        let b = |s: &'a super::Text| Cow::Borrowed(s.as_ref());
        sheet.rows.push(vec![b(&goal.code), kind, b(&goal.wording), b(&goal.perspective), b(&goal.owner)]);
        for sub in &goal.subgoals {
            let kind = if sub.dropped { E::KindDroppedSubGoal } else { E::KindSubGoal };
            let from = super::group_names(&sub.from);
            sheet.rows.push(vec![
                b(&goal.code),
                Cow::Borrowed(kind.get(lang)),
                b(&sub.text),
                "".into(),
                b(&sub.owner),
                from,
            ]);
            if recorded {
                let note = sub.record.as_ref().map(|r| r.note(lang)).unwrap_or_default();
                sheet.rows.last_mut().expect("just pushed").push(Cow::Owned(note));
            }
        }
    }
    sheet
}

/// The desired effects and the measurability verdicts of each goal.
fn effect_sheet<'a>(doc: &'a Document) -> Sheet<'a> {
    let lang = doc.lang;
    let header = [
        E::ColGoalCode.get(lang),
        E::ColGoal.get(lang),
        E::ColKind.get(lang),
        E::Verdict.get(lang),
        E::ColText.get(lang),
        E::ColProposedBy.get(lang),
    ];
    let mut sheet = Sheet::new(E::SheetEffects.get(lang), header.into_iter().map(Cow::Borrowed).collect());
    for goal in &doc.goals {
        let b = |s: &'a super::Text| Cow::Borrowed(s.as_ref());
        for e in &goal.effects {
            let kind = Cow::Borrowed(C::Effect.get(lang));
            sheet.rows.push(vec![
                b(&goal.code),
                b(&goal.wording),
                kind,
                "".into(),
                with_note(lang, &e.text, e.record.as_ref()),
                super::group_names(&e.from),
            ]);
        }
        for v in &goal.verdicts {
            let kind = Cow::Borrowed(C::Measurability.get(lang));
            let verdict = Cow::Borrowed(super::verdict_label(lang, v));
            let from = super::group_names(&v.from);
            let comment = with_note(lang, &v.comment, v.record.as_ref());
            sheet.rows.push(vec![b(&goal.code), b(&goal.wording), kind, verdict, comment, from]);
        }
    }
    sheet
}

/// An effect's or a verdict's text, with the facilitator's record after it
/// when there is one (a dropped one stays in the sheet, marked so).
fn with_note<'a>(lang: Lang, text: &'a str, record: Option<&super::doc::Record>) -> Cow<'a, str> {
    match record {
        Some(r) => Cow::Owned(format!("{text} — {}", r.note(lang))),
        None => Cow::Borrowed(text),
    }
}

fn quality_sheet<'a>(doc: &'a Document) -> Sheet<'a> {
    let lang = doc.lang;
    let header = [
        E::ColGoal.get(lang),
        C::Group.get(lang),
        E::ColScore.get(lang),
        E::ColBand.get(lang),
        E::ColSeverity.get(lang),
        E::ColFinding.get(lang),
        E::Suggestion.get(lang),
    ];
    let mut sheet = Sheet::new(E::SheetQuality.get(lang), header.into_iter().map(Cow::Borrowed).collect());
    sheet.kind(2, Kind::Number);
    for note in &doc.quality {
        let head = || {
            let b = |s: &'a str| Cow::Borrowed(s);
            vec![b(&note.goal), b(&note.group), Cow::Owned(note.score.to_string()), b(note.band)]
        };
        if note.findings.is_empty() {
            sheet.rows.push(head());
        }
        for f in &note.findings {
            let mut row = head();
            row.extend([
                Cow::Borrowed(f.severity),
                Cow::Borrowed(f.message.as_str()),
                Cow::Borrowed(f.suggestion.as_str()),
            ]);
            sheet.rows.push(row);
        }
    }
    sheet
}

/// True when Excel would read the text as a formula once the cell is edited.
fn needs_quote_prefix(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@'])
}

/// The characters of the longest line of `s`.
fn longest_line(s: &str) -> usize {
    s.split('\n').map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The characters of the longest word of `s`.
fn longest_word(s: &str) -> usize {
    s.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0)
}

/// The lines `s` takes in a wrapped column `width` characters wide.
fn lines(s: &str, width: usize) -> usize {
    let room = width.saturating_sub(1).max(1);
    s.split('\n').map(|l| l.chars().count().div_ceil(room).max(1)).sum()
}

/// The height in points of a row of `lines` lines, within bounds.
fn height(lines: usize) -> f64 {
    (lines as f64 * LINE_HEIGHT).min(MAX_HEIGHT)
}

/// A text that fits Excel's cell limit: longer texts (which would make Excel
/// refuse or repair the file) are cut so that a note saying so fits at the
/// end. Excel counts UTF-16 code units; a cut never splits a character.
fn fit<'s>(text: &'s str, lang: Lang) -> Cow<'s, str> {
    // A UTF-8 text of at most MAX_CELL_CHARS bytes has at most as many units.
    if text.len() <= MAX_CELL_CHARS || text.encode_utf16().count() <= MAX_CELL_CHARS {
        return Cow::Borrowed(text);
    }
    let note = E::CellCut.get(lang);
    let room = MAX_CELL_CHARS - note.encode_utf16().count();
    let mut units = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > room {
            break;
        }
        end = i + c.len_utf8();
    }
    Cow::Owned(format!("{}{note}", text[..end].trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_name_is_one_excel_accepts() {
        for lang in [Lang::Sv, Lang::En] {
            for key in [E::SheetIndicators, E::SheetGoals, E::SheetEffects, E::SheetQuality] {
                let mut book = Workbook::new();
                let name = key.get(lang);
                assert!(book.add_worksheet().set_name(name).is_ok(), "{name}");
            }
        }
    }

    #[test]
    fn formula_starts_get_the_quote_prefix() {
        for s in ["=1+1", "+46 8 123", "-x", "@SUM(A1)"] {
            assert!(needs_quote_prefix(s), "{s}");
        }
        for s in ["1-1", "a=b", "", "'x"] {
            assert!(!needs_quote_prefix(s), "{s}");
        }
    }

    #[test]
    fn rows_are_as_high_as_their_wrapped_lines() {
        assert_eq!(lines("kort", 20), 1);
        assert_eq!(lines("a\nb\n", 20), 3);
        assert_eq!(lines(&"x".repeat(40), 11), 4);
        assert_eq!(height(100), MAX_HEIGHT);
    }

    #[test]
    fn a_text_past_the_cell_limit_is_cut_with_a_note() {
        let short = "å".repeat(MAX_CELL_CHARS);
        assert_eq!(fit(&short, Lang::Sv), short.as_str(), "at the limit: kept whole");
        for (long, unit) in [("a".repeat(40_000), 1), ("😀".repeat(20_000), 2)] {
            let cut = fit(&long, Lang::En);
            let units = cut.encode_utf16().count();
            assert!(units <= MAX_CELL_CHARS && units > MAX_CELL_CHARS - unit - 200, "{units}");
            assert!(cut.ends_with(E::CellCut.get(Lang::En)));
            assert!(long.starts_with(cut.strip_suffix(E::CellCut.get(Lang::En)).unwrap()));
        }
    }
}
