//! What the XLSX and the DOCX hold, read back: the sheets with calamine
//! (numbers are numbers, formula-like text is text with the quote prefix,
//! the indicator sheet's columns, the effects sheet, the "Utfall ÅÅÅÅ"
//! columns), the protocol with quick-xml (page numbers in the footer, a
//! table of contents, the groups and the date in the title block).

use calamine::{Data, Reader, Xlsx};

use super::*;

/// Every sheet of an XLSX by name, in order, as rows of cells.
pub(super) fn cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an xlsx");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a sheet");
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

/// Every sheet as rows of texts (a number as Rust writes it).
pub(super) fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    cells(bytes)
        .into_iter()
        .map(|(name, rows)| (name, rows.into_iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()))
        .collect()
}

fn sheet<'a>(book: &'a [(String, Vec<Vec<Data>>)], name: &str) -> &'a [Vec<Data>] {
    &book.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("sheet {name}")).1
}

/// The column of `header` in the header row.
fn column(rows: &[Vec<Data>], header: &str) -> usize {
    rows[0].iter().position(|c| *c == Data::String(header.into())).unwrap_or_else(|| panic!("column {header}"))
}

#[test]
fn the_indicator_sheet_has_a_swedish_indicator_sheets_columns() {
    let book = cells(&export::xlsx::render(&fixed_document()).unwrap());
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Indikatorer", "Mål", "Effekter och mätbarhet", "Kvalitet"]);
    let rows = sheet(&book, "Indikatorer");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let expected = [
        "Målkod",
        "Mål",
        "Perspektiv",
        "Delmål",
        "Ägare/mottagare",
        "Indikator",
        "Definition",
        "Datakälla",
        "Kolada-id",
        "Utgångsvärde",
        "Utgångsår",
        "Målvärde",
        "Målår",
        "Mätfrekvens",
        "Ansvarig",
    ];
    for (i, h) in expected.iter().enumerate() {
        assert_eq!(header.get(i).map(String::as_str), Some(*h), "{header:?}");
    }
    assert!(header.contains(&"Förslag från".to_string()));
    // Empty follow-up columns for each year of the plan (BSP 2027–2029).
    assert_eq!(header[header.len() - 3..], ["Utfall 2027", "Utfall 2028", "Utfall 2029"]);
    for row in &rows[1..] {
        assert!(row[row.len() - 3..].iter().all(|c| *c == Data::Empty));
    }
    let first = &rows[1];
    assert_eq!(first[column(rows, "Delmål")], Data::String("Alla elever läser på årskurs 3".into()));
    assert_eq!(first[column(rows, "Ägare/mottagare")], Data::String("Grundskolan".into()));
    assert_eq!(first[column(rows, "Perspektiv")], Data::String("Medborgare".into()));
}

#[test]
fn numbers_are_numbers_and_other_text_stays_text() {
    let mut doc = fixed_document();
    let ind = &mut doc.goals[0].indicators[0];
    ind.target = "-43".into();
    ind.kolada = "12345".into();
    let book = cells(&export::xlsx::render(&doc).unwrap());
    let rows = sheet(&book, "Indikatorer");
    let row = &rows[1];
    assert_eq!(row[column(rows, "Utgångsvärde")], Data::Float(82.4), "\"82,4\" is 82.4");
    assert_eq!(row[column(rows, "Utgångsår")], Data::Float(2025.0));
    assert_eq!(row[column(rows, "Målvärde")], Data::Float(-43.0));
    assert_eq!(row[column(rows, "Målår")], Data::Float(2029.0));
    // A Kolada id or a goal code is text even when it reads as a number.
    assert_eq!(row[column(rows, "Kolada-id")], Data::String("12345".into()));
    assert_eq!(row[column(rows, "Målkod")], Data::String("1.1".into()));
    let quality = sheet(&book, "Kvalitet");
    assert!(matches!(quality[1][column(quality, "Poäng")], Data::Float(_)), "the score is a number");
    // The number keeps the decimals typed, with digit grouping.
    let styles = unzip(&export::xlsx::render(&doc).unwrap(), "xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0.0\""), "{styles}");
}

/// The `s` (style index) of each cell of sheet `n` whose text is `text`,
/// and the cell formats with the quote prefix.
fn quote_prefixed(bytes: &[u8], sheet: usize, text: &str) -> Vec<bool> {
    let shared = unzip(bytes, "xl/sharedStrings.xml");
    let strings = read_xml(&shared, &["si"], &[]).items;
    let index = strings.iter().position(|s| s == text).unwrap_or_else(|| panic!("{text} shared"));
    let styles = unzip(bytes, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let quoted: Vec<bool> = xfs.split("<xf ").skip(1).map(|xf| xf.contains("quotePrefix=\"1\"")).collect();
    let xml = unzip(bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
    xml.split("<c ")
        .skip(1)
        .filter(|c| c.contains("t=\"s\"") && c.contains(&format!("<v>{index}</v>")))
        .map(|c| {
            let s = c.split("s=\"").nth(1).map_or(0, |s| s[..s.find('"').unwrap()].parse::<usize>().unwrap());
            quoted[s]
        })
        .collect()
}

#[test]
fn formula_like_text_is_a_string_with_the_quote_prefix() {
    let mut doc = fixed_document();
    doc.goals[0].subgoals[0].text = "=1+1".into();
    doc.goals[0].indicators[0].name = "-minskning".into();
    doc.goals[0].indicators[0].source = "@SUM(A1)".into();
    let bytes = export::xlsx::render(&doc).unwrap();
    for (sheet, text) in [(2, "=1+1"), (1, "-minskning"), (1, "@SUM(A1)")] {
        let cells = quote_prefixed(&bytes, sheet, text);
        assert!(!cells.is_empty() && cells.iter().all(|q| *q), "{text}: {cells:?}");
    }
    assert_eq!(quote_prefixed(&bytes, 1, "Skolchef"), [false], "plain text has no prefix");
    for n in 1..=4 {
        let xml = unzip(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "sheet{n}: no formulas");
    }
}

#[test]
fn the_effects_and_verdicts_have_their_sheet() {
    let doc = fixed_document();
    let book = sheets(&export::xlsx::render(&doc).unwrap());
    let rows = &book.iter().find(|(n, _)| n == "Effekter och mätbarhet").unwrap().1;
    assert_eq!(rows[0], ["Målkod", "Mål", "Typ", "Bedömning", "Text", "Förslag från"]);
    let effects: usize = doc.goals.iter().map(|g| g.effects.len() + g.verdicts.len()).sum();
    assert_eq!(rows.len() - 1, effects);
    assert!(rows.iter().any(|r| r[2] == "Önskad effekt" && r[4] == "Eleverna känner sig trygga." && r[5] == "Grupp 2"));
    assert!(rows.iter().any(|r| r[2] == "Mätbarhet" && r[3] == "Delvis" && r[4] == "Kolada, men bara årsvis."));
}

#[test]
fn columns_and_rows_are_sized_to_their_text() {
    let mut doc = fixed_document();
    doc.goals[0].effects[0].text = "Ett långt stycke text. ".repeat(20).trim().to_string().into();
    let bytes = export::xlsx::render(&doc).unwrap();
    let xml = unzip(&bytes, "xl/worksheets/sheet3.xml");
    let heights: Vec<f64> = xml
        .split("<row ")
        .skip(1)
        .filter_map(|r| r.split(" ht=\"").nth(1).map(|h| h[..h.find('"').unwrap()].parse().unwrap()))
        .collect();
    assert!(heights.iter().any(|h| *h >= 8.0 * 15.0), "the long effect's row is as high as its lines: {heights:?}");
    assert!(xml.contains("<col ") && xml.contains("customHeight=\"1\""));
}

#[test]
fn the_protocol_has_page_numbers_a_table_of_contents_and_names_the_groups() {
    let doc = fixed_document();
    let bytes = export::docx::render(&doc).unwrap();
    let footer = unzip(&bytes, "word/footer1.xml");
    let footer = read_xml(&footer, &["w:p"], &[]);
    assert_eq!(footer.elements.get("w:fldChar"), Some(&3), "begin, separate, end");
    assert!(footer.text.contains("Sida"));
    let rels = unzip(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains("footer1.xml"));
    assert!(unzip(&bytes, "word/footer1.xml").contains(">PAGE</w:instrText>"), "a PAGE field");
    let body = unzip(&bytes, "word/document.xml");
    let instr: Vec<String> = body
        .split("<w:instrText")
        .skip(1)
        .map(|s| s[s.find('>').unwrap() + 1..s.find("</w:instrText>").unwrap()].to_string())
        .collect();
    assert!(instr[0].starts_with("TOC \\o &quot;1-1&quot;"), "{instr:?}");
    let headings = body.matches("<w:pStyle w:val=\"Heading1\" />").count();
    assert_eq!(instr.iter().filter(|i| i.starts_with("PAGEREF _Toc")).count(), headings, "an entry per heading");
    assert!(body.find("w:val=\"TOC1\"").unwrap() < body.find("w:val=\"Heading1\"").unwrap(), "after the title block");
    let text = read_xml(&body, &["w:p"], &[]).text;
    assert!(text.contains("Grupper: Grupp 1, Grupp 2") && text.contains("Datum: 2027-03-16"), "{}", &text[..300]);
}

/// The fields of a protocol are its own (table of contents, page
/// references and numbers) and its links point inside it: no text of the
/// groups becomes a field or a link.
pub(super) fn assert_only_own_fields(body: &str) {
    for instr in body.split("<w:instrText").skip(1) {
        let instr = &instr[instr.find('>').unwrap() + 1..instr.find("</w:instrText>").unwrap()];
        assert!(instr.starts_with("TOC \\o") || instr.starts_with("PAGEREF _Toc"), "a field: {instr}");
    }
    for link in body.split("<w:hyperlink ").skip(1) {
        let attrs = &link[..link.find('>').unwrap()];
        assert!(attrs.starts_with("w:anchor=\"_Toc") && !attrs.contains("r:id"), "a link: {attrs}");
    }
}

#[test]
fn hostile_text_never_becomes_a_field_or_a_link() {
    let (doc, _) = hostile_document();
    assert_only_own_fields(&unzip(&export::docx::render(&doc).unwrap(), "word/document.xml"));
}
