//! The document around the body: page, styles, bullet numbering, footer
//! with the page number; and what docx-rs cannot say or says out of the
//! schema's order, set in its parts before they are zipped: the styles
//! (with Word's proofing language, [`styles`]), `<w:tblHeader/>` on the
//! first row of every table so that header rows repeat on each page, and a
//! few elements put in order ([`schema_order`]).

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, DocumentChild, Docx, Footer, Level, LevelJc, LevelText, NumberFormat, Numbering,
    PageMargin, PageNum, Paragraph, Run, SpecialIndentType, Start, XMLDocx,
};

use super::{styles, A4, BULLETS, MARGIN};
use crate::export::doc::Document;
use crate::i18n::{export::T as E, Lang};

/// The whole package of `body`, zipped.
pub(super) fn pack(doc: &Document, body: Vec<DocumentChild>) -> Result<Vec<u8>, String> {
    let mut document = docx_rs::Document::new();
    document.children = body;
    let mut docx = styled(Docx::new().document(document)).footer(footer(doc.lang));
    // docx-rs notes the numbering's relationship only for paragraphs added
    // one by one; the body is set whole.
    docx.document_rels.has_numberings = true;
    let mut xml = docx.build();
    xml.styles = [styles::STYLES_HEAD, lang_tag(doc.lang), styles::STYLES_TAIL].concat().into_bytes();
    repeat_header_rows(&mut xml);
    zoom_first(&mut xml.settings);
    for part in [&mut xml.document, &mut xml.numberings].into_iter().chain(&mut xml.footers) {
        schema_order(part);
    }
    let mut out = Cursor::new(Vec::with_capacity(doc.size_hint() / 4 + 8192));
    xml.pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// Word's proofing language for the document's language.
pub(crate) fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    }
}

/// "Sida 3" centred in the footer, the number a PAGE field.
fn footer(lang: Lang) -> Footer {
    let label = Run::new().add_text(format!("{} ", E::Page.get(lang))).size(18);
    Footer::new()
        .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(label).add_page_num(PageNum::new()))
}

/// `<w:tblHeader />` in the row properties of the first row of each table
/// (every table of this document starts with its header row, and every
/// row is kept on one page).
fn repeat_header_rows(xml: &mut XMLDocx) {
    let doc = &xml.document;
    let mut out = Vec::with_capacity(doc.len() + 1024);
    let mut rest = &doc[..];
    while let Some(i) = find(rest, b"<w:tbl>") {
        const FIRST: &[u8] = b"<w:trPr><w:cantSplit />";
        let Some(j) = find(&rest[i..], FIRST).map(|j| i + j + FIRST.len()) else { break };
        out.extend_from_slice(&rest[..j]);
        out.extend_from_slice(b"<w:tblHeader />");
        rest = &rest[j..];
    }
    out.extend_from_slice(rest);
    xml.document = out;
}

/// docx-rs writes a few elements out of the schema's order, which a
/// strict reader (Word's validator, Word itself in places) refuses; these
/// are put in order by exact replacement (a test checks every sequence):
/// - every paragraph's properties start with an empty `<w:rPr />`, where
///   CT_PPr has rPr near its end (pStyle, keepNext, …, rPr, sectPr); empty,
///   it says nothing and is dropped;
/// - `<w:numPr>` has numId before ilvl (CT_NumPr: ilvl, numId);
/// - a run's colour comes before its italics (CT_RPr: …, i, iCs, …, color);
/// - the section's footer reference comes last, where CT_SectPr has the
///   header and footer references first.
fn schema_order(part: &mut Vec<u8>) {
    replace_all(part, b"<w:pPr><w:rPr />", b"<w:pPr>");
    replace_all(
        part,
        format!("<w:numPr><w:numId w:val=\"{BULLETS}\" /><w:ilvl w:val=\"0\" /></w:numPr>").as_bytes(),
        format!("<w:numPr><w:ilvl w:val=\"0\" /><w:numId w:val=\"{BULLETS}\" /></w:numPr>").as_bytes(),
    );
    replace_all(
        part,
        b"<w:rPr><w:color w:val=\"555555\" /><w:i /><w:iCs /></w:rPr>",
        b"<w:rPr><w:i /><w:iCs /><w:color w:val=\"555555\" /></w:rPr>",
    );
    const FOOTER: &[u8] = b"<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\" />";
    if let Some(i) = find(part, FOOTER) {
        part.drain(i..i + FOOTER.len());
        if let Some(at) = find(part, b"<w:sectPr>") {
            let at = at + b"<w:sectPr>".len();
            part.splice(at..at, FOOTER.iter().copied());
        }
    }
}

/// docx-rs writes the settings' zoom after the default tab stop, where
/// CT_Settings has it before: moved to the front (nothing precedes it here).
fn zoom_first(settings: &mut Vec<u8>) {
    const ZOOM: &[u8] = b"<w:zoom w:percent=\"100\" />";
    let (Some(i), Some(start)) = (find(settings, ZOOM), find(settings, b"<w:settings ")) else { return };
    settings.drain(i..i + ZOOM.len());
    let Some(at) = settings[start..].iter().position(|b| *b == b'>').map(|p| start + p + 1) else { return };
    settings.splice(at..at, ZOOM.iter().copied());
}

/// Replace every `from` in `part` with `to`.
fn replace_all(part: &mut Vec<u8>, from: &[u8], to: &[u8]) {
    if find(part, from).is_none() {
        return;
    }
    let mut out = Vec::with_capacity(part.len());
    let mut rest = &part[..];
    while let Some(i) = find(rest, from) {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(to);
        rest = &rest[i + from.len()..];
    }
    out.extend_from_slice(rest);
    *part = out;
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Page size and margins, Word's default tab stop and the numbering of
/// "List Bullet" (the styles are [`styles`]).
fn styled(d: Docx) -> Docx {
    let bullet = Level::new(0, Start::new(1), NumberFormat::new("bullet"), LevelText::new("•"), LevelJc::new("left"))
        .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None);
    d.page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(MARGIN).bottom(MARGIN).left(MARGIN).right(MARGIN).footer(567))
        .default_tab_stop(1304)
        .add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(bullet))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}
