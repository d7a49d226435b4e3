//! XLSX: the shape goal-management systems import. Sheet "Indikatorer" has
//! one row per indicator with its goal; sheet "Mål" one row per goal and
//! sub-goal; sheet "Kvalitet" the quality check. Header rows are frozen and
//! filtered (with the filter's defined name as Excel writes it), columns
//! sized by their text.
//!
//! The SpreadsheetML is written directly (rust_xlsxwriter took about four
//! times as long as serialising the outline). Every cell is a shared string
//! (`t="s"`): nothing is ever stored as a formula or a number, a text
//! starting with `=` stays text, and OOXML's own `_xHHHH_` escapes in a text
//! are escaped in turn. A text longer than Excel's cell limit is cut with a
//! note saying so at its end, never silently.
//!
//! Excel is strict about the order of child elements (ECMA-376 Part 1,
//! §18); the comments name the schema's sequence where there is more than
//! one child.

use std::borrow::Cow;
use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use super::doc::Document;
use super::escape;
use super::ooxml::{self, Part, XML_HEAD};
use super::ExportError;
use crate::i18n::{common::T as C, export::T as E, Lang};

/// Excel's limit on the characters (UTF-16 code units) of one cell.
const MAX_CELL_CHARS: usize = 32_767;
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

/// Style indexes of `styles.xml`.
const STYLE_HEADER: &str = "1";
const STYLE_TEXT: &str = "2";

pub fn render(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let lang = doc.lang;
    // Cell texts that the document does not hold as they are, made first so
    // that the shared strings can borrow them like the document's own.
    let indicator_from: Vec<Cow<str>> =
        doc.goals.iter().flat_map(|g| g.active_indicators()).map(|row| super::group_names(&row.from)).collect();
    let subgoal_from: Vec<Cow<str>> =
        doc.goals.iter().flat_map(|g| &g.subgoals).map(|s| super::group_names(&s.from)).collect();
    let scores: Vec<String> = doc.quality.iter().map(|n| n.score.to_string()).collect();
    // The merged outline: each item's decision and the groups' wording.
    let recorded = doc.goals.iter().any(|g| g.subgoals.iter().any(|s| s.record.is_some()))
        || doc.goals.iter().flat_map(|g| g.active_indicators()).any(|i| i.record.is_some());
    let note = |r: &Option<super::doc::Record>| r.as_ref().map(|r| r.note(lang)).unwrap_or_default();
    let indicator_notes: Vec<String> =
        doc.goals.iter().flat_map(|g| g.active_indicators()).map(|row| note(&row.record)).collect();
    let subgoal_notes: Vec<String> = doc.goals.iter().flat_map(|g| &g.subgoals).map(|s| note(&s.record)).collect();
    let mut book = Book::new(doc.size_hint());

    let mut header: Vec<&str> = vec![E::ColGoalCode.get(lang), E::ColGoal.get(lang)];
    header.extend(super::indicator_headers(lang));
    header.push(E::ColProposedBy.get(lang));
    if recorded {
        header.push(E::ColStatus.get(lang));
    }
    let mut sheet = book.sheet(E::SheetIndicators.get(lang), &header, indicator_from.len());
    let mut from = indicator_from.iter();
    let mut notes = indicator_notes.iter();
    for goal in &doc.goals {
        for row in goal.active_indicators() {
            let [a, b, c, d, e, f, g, h, i, j, k] = super::indicator_cells(row);
            let from = from.next().map_or("", |s| s.as_ref());
            let note = notes.next().map_or("", String::as_str);
            let cells = [&goal.code, &goal.wording, a, b, c, d, e, f, g, h, i, j, k, from, note];
            book.row(&mut sheet, &cells[..cells.len() - usize::from(!recorded)]);
        }
    }
    book.finish(sheet);

    let header = [
        E::ColGoalCode.get(lang),
        E::ColKind.get(lang),
        E::ColText.get(lang),
        C::Perspective.get(lang),
        C::Owner.get(lang),
        E::ColProposedBy.get(lang),
        E::ColStatus.get(lang),
    ];
    let header = &header[..header.len() - usize::from(!recorded)];
    let mut sheet = book.sheet(E::SheetGoals.get(lang), header, doc.goals.len() + subgoal_from.len());
    let mut from = subgoal_from.iter();
    let mut notes = subgoal_notes.iter();
    for goal in &doc.goals {
        let kind = E::KindGoal.get(lang);
        book.row(&mut sheet, &[&goal.code, kind, &goal.wording, &goal.perspective, &goal.owner]);
        for sub in &goal.subgoals {
            let kind = if sub.dropped { E::KindDroppedSubGoal } else { E::KindSubGoal };
            let from = from.next().map_or("", |s| s.as_ref());
            let note = notes.next().map_or("", String::as_str);
            let cells = [&goal.code, kind.get(lang), &sub.text, "", &sub.owner, from, note];
            book.row(&mut sheet, &cells[..cells.len() - usize::from(!recorded)]);
        }
    }
    book.finish(sheet);

    let header = [
        E::ColGoal.get(lang),
        C::Group.get(lang),
        E::ColScore.get(lang),
        E::ColBand.get(lang),
        E::ColSeverity.get(lang),
        E::ColFinding.get(lang),
        E::Suggestion.get(lang),
    ];
    let findings = doc.quality.iter().map(|n| n.findings.len().max(1)).sum();
    let mut sheet = book.sheet(E::SheetQuality.get(lang), &header, findings);
    for (note, score) in doc.quality.iter().zip(&scores) {
        if note.findings.is_empty() {
            book.row(&mut sheet, &[&note.goal, &note.group, score, note.band]);
        }
        for f in &note.findings {
            book.row(&mut sheet, &[&note.goal, &note.group, score, note.band, f.severity, &f.message, &f.suggestion]);
        }
    }
    book.finish(sheet);
    book.package(doc).map_err(|e| ExportError::Xlsx(e.to_string()))
}

/// The workbook being written: the finished sheets and the shared strings.
struct Book<'a> {
    sheets: Vec<Sheet<'a>>,
    /// Each distinct text: its index in the shared strings and the length
    /// of its longest line (for the column widths).
    strings: FxHashMap<&'a str, (usize, usize)>,
    /// The shared strings in index order.
    order: Vec<&'a str>,
    /// Cells that refer to a shared string.
    refs: usize,
    /// The strings looked up lately, by address and length: the same text
    /// of the document (a goal's code and wording on each of its rows, a
    /// label) is found again without hashing and comparing its bytes.
    recent: Vec<Recent>,
}

/// A string by address and length, with its shared string and longest line.
#[derive(Clone, Copy, Default)]
struct Recent {
    address: usize,
    len: usize,
    found: (usize, usize),
}

/// Slots of [`Book::recent`] (a power of two).
const RECENT: usize = 256;

/// One sheet: its name, cells written so far and each column's width.
struct Sheet<'a> {
    name: &'a str,
    data: String,
    widths: Vec<usize>,
    rows: usize,
}

impl<'a> Book<'a> {
    fn new(size_hint: usize) -> Book<'a> {
        let strings = FxHashMap::with_capacity_and_hasher(size_hint / 64, Default::default());
        let order = Vec::with_capacity(size_hint / 64);
        Book { sheets: Vec::with_capacity(3), strings, order, refs: 0, recent: vec![Recent::default(); RECENT] }
    }

    /// The shared string of `s` and its longest line, added if new.
    fn string(&mut self, s: &'a str) -> (usize, usize) {
        self.refs += 1;
        // The same address and length is the same text: every text is
        // borrowed, unchanged, for the whole render.
        let address = s.as_ptr() as usize;
        let slot = &mut self.recent[(address >> 3) & (RECENT - 1)];
        if slot.address == address && slot.len == s.len() {
            return slot.found;
        }
        let next = self.order.len();
        let found = *self.strings.entry(s).or_insert_with(|| (next, longest_line(s)));
        if found.0 == next {
            self.order.push(s);
        }
        *slot = Recent { address, len: s.len(), found };
        found
    }

    /// A new sheet with its header row and room for `rows` rows; the
    /// header frozen and filtered.
    fn sheet(&mut self, name: &'a str, header: &[&'a str], rows: usize) -> Sheet<'a> {
        // A cell is about 40 bytes of markup: `<c r="K123" s="2" t="s"><v>456</v></c>`.
        let mut sheet = Sheet {
            name,
            data: String::with_capacity((rows + 1) * (header.len() * 40 + 16)),
            widths: header.iter().map(|h| h.chars().count() + 3).collect(),
            rows: 0,
        };
        self.cells(&mut sheet, header, STYLE_HEADER);
        sheet
    }

    /// A row of text cells; empty texts leave their cell empty.
    fn row(&mut self, sheet: &mut Sheet<'a>, cells: &[&'a str]) {
        self.cells(sheet, cells, STYLE_TEXT);
    }

    /// `<row r="7"><c r="B7" s="2" t="s"><v>12</v></c>…</row>`
    fn cells(&mut self, sheet: &mut Sheet<'a>, cells: &[&'a str], style: &str) {
        sheet.rows += 1;
        let row = sheet.rows;
        let out = &mut sheet.data;
        out.push_str("<row r=\"");
        ooxml::push_uint(out, row);
        out.push_str("\">");
        for (col, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let (index, longest) = self.string(text);
            if let Some(w) = sheet.widths.get_mut(col) {
                *w = (*w).max(longest + 1);
            }
            out.push_str("<c r=\"");
            push_column(out, col);
            ooxml::push_uint(out, row);
            out.push_str("\" s=\"");
            out.push_str(style);
            out.push_str("\" t=\"s\"><v>");
            ooxml::push_uint(out, index);
            out.push_str("</v></c>");
        }
        out.push_str("</row>");
    }

    fn finish(&mut self, sheet: Sheet<'a>) {
        self.sheets.push(sheet);
    }

    /// Every part, zipped.
    fn package(self, doc: &Document) -> Result<Vec<u8>, zip::result::ZipError> {
        let lang = doc.lang;
        let heads: Vec<String> = self.sheets.iter().enumerate().map(|(i, s)| sheet_head(s, i == 0)).collect();
        let tails: Vec<String> = self.sheets.iter().map(sheet_tail).collect();
        let names: Vec<String> = (1..=self.sheets.len()).map(|i| format!("xl/worksheets/sheet{i}.xml")).collect();
        let (types, rels) = (content_types(self.sheets.len()), workbook_rels(self.sheets.len()));
        let workbook = workbook(&self.sheets);
        let shared = self.shared_strings(lang);
        let core = ooxml::core_properties(&doc.title, ooxml::lang_tag(lang));
        let mut parts: Vec<Part> = vec![
            ("[Content_Types].xml", vec![&types]),
            ("_rels/.rels", vec![ROOT_RELS]),
            ("docProps/core.xml", vec![&core]),
            ("xl/workbook.xml", vec![&workbook]),
            ("xl/_rels/workbook.xml.rels", vec![&rels]),
            ("xl/styles.xml", vec![STYLES]),
        ];
        for (((name, head), sheet), tail) in names.iter().zip(&heads).zip(&self.sheets).zip(&tails) {
            parts.push((name, vec![head, &sheet.data, tail]));
        }
        parts.push(("xl/sharedStrings.xml", vec![&shared]));
        ooxml::zip_package(&parts)
    }

    /// `xl/sharedStrings.xml`: `count` is the cells that refer to a string,
    /// `uniqueCount` the strings.
    fn shared_strings(&self, lang: Lang) -> String {
        let size: usize = self.order.iter().map(|s| s.len() + 24).sum();
        let mut out = String::with_capacity(size + 256);
        out.push_str(XML_HEAD);
        let _ = write!(
            out,
            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{}\" uniqueCount=\"{}\">",
            self.refs,
            self.order.len()
        );
        for s in &self.order {
            let s = fit(s, lang);
            out.push_str(if ooxml::needs_preserve(&s) { "<si><t xml:space=\"preserve\">" } else { "<si><t>" });
            text(&s, &mut out);
            out.push_str("</t></si>");
        }
        out.push_str("</sst>");
        out
    }
}

/// The characters of the longest line of `s`.
fn longest_line(s: &str) -> usize {
    s.split('\n').map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The worksheet up to its cells. CT_Worksheet's sequence: sheetPr,
/// dimension, sheetViews, sheetFormatPr, cols, sheetData, sheetCalcPr,
/// sheetProtection, protectedRanges, scenarios, autoFilter, sortState,
/// dataConsolidate, customSheetViews, mergeCells, phoneticPr,
/// conditionalFormatting, dataValidations, hyperlinks, printOptions,
/// pageMargins, pageSetup, headerFooter, …. CT_SheetView's: pane,
/// selection, pivotSelection.
fn sheet_head(sheet: &Sheet, first: bool) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str(XML_HEAD);
    out.push_str(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><dimension ref=\"",
    );
    push_range(&mut out, sheet, "");
    let selected = if first { " tabSelected=\"1\"" } else { "" };
    let _ = write!(
        out,
        "\"/><sheetViews><sheetView{selected} workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" \
         activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" \
         sqref=\"A2\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>"
    );
    for (col, w) in sheet.widths.iter().enumerate() {
        // Excel stores a width of w characters as w + 5 pixels of padding
        // in units of the 7-pixel digit of Calibri 11: w + 0.7109375.
        let n = col + 1;
        let w = (*w).clamp(MIN_WIDTH, MAX_WIDTH);
        let _ = write!(out, "<col min=\"{n}\" max=\"{n}\" width=\"{w}.7109375\" customWidth=\"1\"/>");
    }
    out.push_str("</cols><sheetData>");
    out
}

/// The worksheet after its cells: the filter over the header and the data,
/// and the page margins (in the order of [`sheet_head`]'s sequence).
fn sheet_tail(sheet: &Sheet) -> String {
    let mut out = String::with_capacity(256);
    out.push_str("</sheetData><autoFilter ref=\"");
    push_range(&mut out, sheet, "");
    out.push_str(
        "\"/><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" \
         footer=\"0.3\"/></worksheet>",
    );
    out
}

/// The sheet's cells from A1, e.g. `A1:N10`, or `$A$1:$N$10` with `abs` "$".
fn push_range(out: &mut String, sheet: &Sheet, abs: &str) {
    out.push_str(abs);
    out.push('A');
    out.push_str(abs);
    out.push_str("1:");
    out.push_str(abs);
    push_column(out, sheet.widths.len().saturating_sub(1));
    out.push_str(abs);
    ooxml::push_uint(out, sheet.rows.max(1));
}

/// `xl/workbook.xml`: the sheets and each filter's defined name, as Excel
/// records it. CT_Workbook's sequence: fileVersion, fileSharing,
/// workbookPr, workbookProtection, bookViews, sheets, functionGroups,
/// externalReferences, definedNames, calcPr, ….
fn workbook(sheets: &[Sheet]) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str(XML_HEAD);
    out.push_str(
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>",
    );
    for (i, sheet) in sheets.iter().enumerate() {
        out.push_str("<sheet name=\"");
        escape::xml_attr(sheet.name, &mut out);
        let id = i + 1;
        let _ = write!(out, "\" sheetId=\"{id}\" r:id=\"rId{id}\"/>");
    }
    out.push_str("</sheets><definedNames>");
    for (i, sheet) in sheets.iter().enumerate() {
        let _ = write!(out, "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">");
        let mut reference = String::new();
        if needs_quotes(sheet.name) {
            reference.push('\'');
            reference.push_str(&sheet.name.replace('\'', "''"));
            reference.push('\'');
        } else {
            reference.push_str(sheet.name);
        }
        reference.push('!');
        push_range(&mut reference, sheet, "$");
        ooxml::text(&reference, &mut out);
        out.push_str("</definedName>");
    }
    out.push_str("</definedNames></workbook>");
    out
}

/// True when a sheet name must be quoted in a reference: anything but
/// letters, digits and `_`, a leading digit, a name that reads as an A1
/// cell (`AB12`), or one that starts like an R1C1 reference (`R`, `C2`,
/// `RC`, `R1C1x`). Excel quotes a little less; quoting more is always valid.
fn needs_quotes(name: &str) -> bool {
    let plain = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    let letters = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let a1 = letters.len() < name.len() && letters.chars().all(|c| c.is_ascii_alphabetic());
    let mut upper = name.chars().map(|c| c.to_ascii_uppercase());
    let r1c1 = matches!(upper.next(), Some('R' | 'C'))
        && upper.next().is_none_or(|c| c.is_ascii_digit() || c == 'R' || c == 'C');
    !plain || name.starts_with(|c: char| c.is_ascii_digit()) || a1 || r1c1
}

/// `[Content_Types].xml` for `sheets` worksheets.
fn content_types(sheets: usize) -> String {
    let mut out = String::with_capacity(1024 + sheets * 160);
    out.push_str(XML_HEAD);
    out.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/xl/sharedStrings.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" \
         ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    );
    for id in 1..=sheets {
        let _ = write!(
            out,
            "<Override PartName=\"/xl/worksheets/sheet{id}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    out.push_str("</Types>");
    out
}

/// `xl/_rels/workbook.xml.rels`: the sheets as rId1…, then the styles and
/// the shared strings.
fn workbook_rels(sheets: usize) -> String {
    let mut out = String::with_capacity(512 + sheets * 160);
    out.push_str(XML_HEAD);
    out.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for id in 1..=sheets {
        let _ = write!(
            out,
            "<Relationship Id=\"rId{id}\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
             Target=\"worksheets/sheet{id}.xml\"/>"
        );
    }
    let _ = write!(
        out,
        "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" \
         Target=\"styles.xml\"/><Relationship Id=\"rId{}\" \
         Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" \
         Target=\"sharedStrings.xml\"/></Relationships>",
        sheets + 1,
        sheets + 2
    );
    out
}

/// The column's letters: 0 → A, 25 → Z, 26 → AA.
fn push_column(out: &mut String, col: usize) {
    if col < 26 {
        out.push((b'A' + col as u8) as char);
    } else {
        push_column(out, col / 26 - 1);
        out.push((b'A' + (col % 26) as u8) as char);
    }
}

/// A cell's text for `<t>`: XML-escaped, and a literal `_xHHHH_` escaped as
/// `_x005F_xHHHH_` so that Excel does not read it as a character code.
fn text(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = memchr::memmem::find(rest.as_bytes(), b"_x") {
        let tail = &rest[i..];
        let code =
            tail.len() >= 7 && tail.as_bytes()[2..6].iter().all(u8::is_ascii_hexdigit) && tail.as_bytes()[6] == b'_';
        ooxml::text(&rest[..i], out);
        if code {
            out.push_str("_x005F");
        }
        out.push_str("_x");
        rest = &tail[2..];
    }
    ooxml::text(rest, out);
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

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" \
Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" \
Target=\"docProps/core.xml\"/></Relationships>";

/// Style 0: default; 1: header (bold, tinted, top); 2: text (wrapped, top).
/// CT_Stylesheet's sequence: numFmts, fonts, fills, borders, cellStyleXfs,
/// cellXfs, cellStyles, dxfs, tableStyles, colors. CT_Xf's: alignment,
/// protection. CT_Border's: left (start), right (end), top, bottom, diagonal.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>\
<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE8EEF4\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" \
applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">\
<alignment vertical=\"top\" wrapText=\"1\"/></xf></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" \
defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>";

#[cfg(test)]
mod tests {
    use super::*;

    fn column(col: usize) -> String {
        let mut out = String::new();
        push_column(&mut out, col);
        out
    }

    #[test]
    fn columns_are_lettered_like_excel() {
        assert_eq!([0, 25, 26, 27, 51, 52, 701, 702].map(column), ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn ooxml_escapes_in_text_are_escaped() {
        let mut out = String::new();
        text("a_x0041_b _x12 <&>", &mut out);
        assert_eq!(out, "a_x005F_x0041_b _x12 &lt;&amp;&gt;");
    }

    #[test]
    fn sheet_names_are_quoted_only_when_excel_would() {
        for name in ["Indikatorer", "Mål", "Kvalitet", "Indicators", "Goals", "Quality", "Rapport", "Check"] {
            assert!(!needs_quotes(name), "{name}");
        }
        // Every sheet name is one Excel accepts: at most 31 characters, none of []:*?/\.
        for lang in [Lang::Sv, Lang::En] {
            for key in [E::SheetIndicators, E::SheetGoals, E::SheetQuality] {
                let name = key.get(lang);
                assert!(name.chars().count() <= 31 && !name.contains(['[', ']', ':', '*', '?', '/', '\\']), "{name}");
                assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name}");
            }
        }
        for name in ["Två ord", "1a", "A1", "R1C1", "R1C1x", "R", "rc", "c3", "a-b", "it's", "a.b", ""] {
            assert!(needs_quotes(name), "{name}");
        }
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
