//! XLSX: the shape goal-management systems import. Sheet "Indikatorer" has
//! one row per indicator with its goal; sheet "Mål" one row per goal and
//! sub-goal; sheet "Kvalitet" the quality check. Header rows are frozen and
//! filtered, columns sized by their text.
//!
//! The SpreadsheetML is written directly (a spreadsheet library took six
//! times as long as serialising the outline). Every cell is a shared string
//! (`t="s"`): nothing is ever stored as a formula or a number, and OOXML's
//! own `_xHHHH_` escapes in a text are escaped in turn.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::doc::Document;
use super::{escape, ExportError};
use crate::i18n::{common::T as C, export::T as E};

/// Excel's limit on the characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

pub fn render(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let lang = doc.lang;
    let mut book = Book::default();

    let mut header: Vec<&str> = vec![E::ColGoalCode.get(lang), E::ColGoal.get(lang)];
    header.extend(super::indicator_headers(lang));
    header.push(E::ColProposedBy.get(lang));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for goal in &doc.goals {
        for row in goal.active_indicators() {
            let mut cells = vec![goal.code.clone(), goal.wording.clone()];
            cells.extend(super::indicator_cells(row).map(str::to_string));
            cells.push(row.from.join(", "));
            rows.push(cells);
        }
    }
    book.sheet(E::SheetIndicators.get(lang), &header, &rows);

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
        rows.push(vec![goal.code.clone(), kind, goal.wording.clone(), goal.perspective.clone(), goal.owner.clone()]);
        for sub in &goal.subgoals {
            let kind = if sub.dropped { E::KindDroppedSubGoal } else { E::KindSubGoal };
            rows.push(vec![
                goal.code.clone(),
                kind.get(lang).to_string(),
                sub.text.clone(),
                String::new(),
                sub.owner.clone(),
                sub.from.join(", "),
            ]);
        }
    }
    book.sheet(E::SheetGoals.get(lang), &header, &rows);

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
        let head = [note.goal.clone(), note.group.clone(), note.score.to_string(), note.band.clone()];
        if note.findings.is_empty() {
            rows.push(head.to_vec());
        }
        for f in &note.findings {
            let mut row = head.to_vec();
            row.extend([f.severity.clone(), f.message.clone(), f.suggestion.clone()]);
            rows.push(row);
        }
    }
    book.sheet(E::SheetQuality.get(lang), &header, &rows);
    book.package().map_err(|e| ExportError::Xlsx(e.to_string()))
}

/// The workbook being written: each sheet's XML and the shared strings.
#[derive(Default)]
struct Book {
    /// (name, last cell, sheet XML)
    sheets: Vec<(String, String, String)>,
    strings: HashMap<String, usize>,
    order: Vec<String>,
}

/// Style indexes of `styles.xml`.
const STYLE_HEADER: u8 = 1;
const STYLE_TEXT: u8 = 2;

impl Book {
    fn string(&mut self, s: &str) -> usize {
        if let Some(i) = self.strings.get(s) {
            return *i;
        }
        let i = self.order.len();
        self.strings.insert(s.to_string(), i);
        self.order.push(s.to_string());
        i
    }

    /// A header row and data rows as text cells; the header frozen and
    /// filtered; columns as wide as their longest line (within bounds).
    fn sheet(&mut self, name: &str, header: &[&str], rows: &[Vec<String>]) {
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count() + 3).collect();
        let mut data = String::with_capacity(64 * (rows.len() + 1) * header.len());
        data.push_str("<row r=\"1\">");
        for (col, h) in header.iter().enumerate() {
            let i = self.string(h);
            cell(&mut data, col, 1, STYLE_HEADER, i);
        }
        data.push_str("</row>");
        for (r, cells) in rows.iter().enumerate() {
            let row = r + 2;
            let _ = write!(data, "<row r=\"{row}\">");
            for (col, text) in cells.iter().enumerate() {
                if text.is_empty() {
                    continue;
                }
                let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                if let Some(w) = widths.get_mut(col) {
                    *w = (*w).max(longest + 1);
                }
                let i = self.string(fit(text));
                cell(&mut data, col, row, STYLE_TEXT, i);
            }
            data.push_str("</row>");
        }
        let last = format!("{}{}", column(header.len().saturating_sub(1)), rows.len() + 1);
        let mut xml = String::with_capacity(data.len() + 1024);
        xml.push_str(XML_HEAD);
        xml.push_str(
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
        );
        let _ = write!(xml, "<dimension ref=\"A1:{last}\"/>");
        let selected = if self.sheets.is_empty() { " tabSelected=\"1\"" } else { "" };
        let _ = write!(
            xml,
            "<sheetViews><sheetView{selected} workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" \
             activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" \
             sqref=\"A2\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>"
        );
        for (col, w) in widths.iter().enumerate() {
            let w = (*w).clamp(MIN_WIDTH, MAX_WIDTH);
            let n = col + 1;
            let _ =
                write!(xml, "<col min=\"{n}\" max=\"{n}\" width=\"{w}\" style=\"{STYLE_TEXT}\" customWidth=\"1\"/>");
        }
        xml.push_str("</cols><sheetData>");
        xml.push_str(&data);
        let _ = write!(
            xml,
            "</sheetData><autoFilter ref=\"A1:{last}\"/><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" \
             bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
        );
        self.sheets.push((name.to_string(), last, xml));
    }

    fn package(self) -> Result<Vec<u8>, zip::result::ZipError> {
        let n = self.sheets.len();
        let mut types = String::from(XML_HEAD);
        types.push_str(
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/styles.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
             <Override PartName=\"/xl/sharedStrings.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>",
        );
        let mut workbook = String::from(XML_HEAD);
        workbook.push_str(
            "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
             <bookViews><workbookView/></bookViews><sheets>",
        );
        let mut rels = String::from(XML_HEAD);
        rels.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        let mut names = String::new();
        for (i, (name, last, _)) in self.sheets.iter().enumerate() {
            let id = i + 1;
            let _ = write!(
                types,
                "<Override PartName=\"/xl/worksheets/sheet{id}.xml\" \
                 ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            );
            let mut escaped = String::new();
            escape::xml(name, &mut escaped);
            let _ = write!(workbook, "<sheet name=\"{escaped}\" sheetId=\"{id}\" r:id=\"rId{id}\"/>");
            let _ = write!(
                rels,
                "<Relationship Id=\"rId{id}\" \
                 Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
                 Target=\"worksheets/sheet{id}.xml\"/>"
            );
            // The filter's range, as Excel itself records it.
            let (col, row) = last.split_at(last.find(|c: char| c.is_ascii_digit()).unwrap_or(last.len()));
            let quoted = escaped.replace('\'', "''");
            let _ = write!(
                names,
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">\
                 '{quoted}'!$A$1:${col}${row}</definedName>"
            );
        }
        types.push_str("</Types>");
        let _ = write!(workbook, "</sheets><definedNames>{names}</definedNames></workbook>");
        let _ = write!(
            rels,
            "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" \
             Target=\"styles.xml\"/><Relationship Id=\"rId{}\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" \
             Target=\"sharedStrings.xml\"/></Relationships>",
            n + 1,
            n + 2
        );
        let mut shared = String::with_capacity(self.order.iter().map(|s| s.len() + 40).sum::<usize>() + 256);
        shared.push_str(XML_HEAD);
        let _ = write!(
            shared,
            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{0}\" uniqueCount=\"{0}\">",
            self.order.len()
        );
        for s in &self.order {
            shared.push_str("<si><t xml:space=\"preserve\">");
            text(s, &mut shared);
            shared.push_str("</t></si>");
        }
        shared.push_str("</sst>");

        let names: Vec<String> = (1..=n).map(|i| format!("xl/worksheets/sheet{i}.xml")).collect();
        let mut files: Vec<(&str, &str)> = vec![
            ("[Content_Types].xml", &types),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", &workbook),
            ("xl/_rels/workbook.xml.rels", &rels),
            ("xl/styles.xml", STYLES),
            ("xl/sharedStrings.xml", &shared),
        ];
        files.extend(names.iter().map(String::as_str).zip(self.sheets.iter().map(|(_, _, xml)| xml.as_str())));
        let parts: Vec<super::ooxml::Part> = files.iter().map(|(name, content)| (*name, vec![*content])).collect();
        super::ooxml::zip_package(&parts)
    }
}

/// `<c r="B7" s="2" t="s"><v>12</v></c>`
fn cell(out: &mut String, col: usize, row: usize, style: u8, string: usize) {
    let _ = write!(out, "<c r=\"{}{row}\" s=\"{style}\" t=\"s\"><v>{string}</v></c>", column(col));
}

/// The column's letters: 0 → A, 25 → Z, 26 → AA.
fn column(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A cell's text for `<t>`: XML-escaped, and a literal `_xHHHH_` escaped as
/// `_x005F_xHHHH_` so that Excel does not read it as a character code.
fn text(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        let tail = &rest[i..];
        let code =
            tail.len() >= 7 && tail.as_bytes()[2..6].iter().all(u8::is_ascii_hexdigit) && tail.as_bytes()[6] == b'_';
        escape::xml(&rest[..i], out);
        if code {
            out.push_str("_x005F");
        }
        out.push_str("_x");
        rest = &tail[2..];
    }
    escape::xml(rest, out);
}

/// A text cut to Excel's cell limit (longer texts would make the file invalid).
fn fit(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"xl/workbook.xml\"/></Relationships>";

/// Style 0: default; 1: header (bold, tinted, top); 2: text (wrapped, top).
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
</styleSheet>";

#[cfg(test)]
mod tests {
    use super::*;

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
}
