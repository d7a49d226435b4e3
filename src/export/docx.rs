//! DOCX: a Word document with real heading styles (`Heading1`–`Heading3`,
//! named "heading 1"… as Word's built-in ones, with outline levels) so that
//! Word's navigation pane and table of contents work, and tables for the
//! indicators.
//!
//! The WordprocessingML is written directly into one string (escaped with
//! [`escape::xml`]; line breaks become `<w:br/>`, tabs `<w:tab/>`) and zipped:
//! a builder library took 50 times as long as serialising the outline.

use super::doc::{Document, GoalSection, SubGoal};
use super::{escape, ExportError};
use crate::i18n::{common::T as C, export::T as E, Lang};

/// A4 in twentieths of a point, and 2 cm margins.
const A4: (u32, u32) = (11906, 16838);
const MARGIN: u32 = 1134;
/// Text width between the margins, in twips.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;

pub fn render(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let lang = doc.lang;
    let mut d = Body(String::with_capacity(doc.size_hint() * 3));
    d.para("Title", &doc.title);
    d.para("Subtitle", &super::source_line(doc));
    for (label, value) in super::title_facts(doc) {
        d.labelled(label, &value).end();
    }

    d.para("Heading1", E::GroupsAndGoals.get(lang));
    for group in &doc.groups {
        let goals = if group.goals.is_empty() { E::NoGoals.get(lang).to_string() } else { group.goals.join("\n") };
        d.labelled(&group.name, &goals).end();
    }

    for goal in &doc.goals {
        goal_section(&mut d, lang, goal);
    }

    if !doc.quality.is_empty() {
        d.para("Heading1", E::Quality.get(lang));
        for note in &doc.quality {
            d.para("Heading2", &note.heading());
            d.start(None, false).run(&note.score_line(lang), Look::BOLD).end();
            if note.findings.is_empty() {
                d.start(None, false).run(E::QualityNoFindings.get(lang), Look::PLAIN).end();
            }
            for f in &note.findings {
                d.labelled(&f.severity, &f.line(lang)).end();
            }
        }
    }

    if doc.has_dropped() {
        d.start(Some("Heading1"), true).run(E::Appendix.get(lang), Look::PLAIN).end();
        for goal in doc.goals.iter().filter(|g| g.has_dropped()) {
            d.para("Heading3", &goal.label());
            for (text, from) in goal.dropped_lines(lang) {
                d.bullet(&text).from(lang, from).end();
            }
        }
    }
    package(doc, d.0).map_err(|e| ExportError::Docx(e.to_string()))
}

fn goal_section(d: &mut Body, lang: Lang, goal: &GoalSection) {
    d.para("Heading1", &goal.label());
    for (label, value) in super::goal_facts(lang, goal) {
        d.labelled(label, value).end();
    }
    if goal.is_empty() {
        d.start(None, false).run(E::NoAnswers.get(lang), Look::ITALIC).end();
    }
    if !goal.effects.is_empty() {
        d.para("Heading2", C::Effect.get(lang));
        for e in &goal.effects {
            d.bullet(&e.text).from(lang, &e.from).end();
        }
    }
    if goal.accepted().next().is_some() {
        d.para("Heading2", C::SubGoals.get(lang));
        for sub in goal.accepted() {
            subgoal(d, lang, sub);
        }
    }
    if goal.active_indicators().next().is_some() {
        d.para("Heading2", C::Indicators.get(lang));
        indicator_table(d, lang, goal);
    }
    if !goal.verdicts.is_empty() {
        d.para("Heading2", C::Measurability.get(lang));
        for v in &goal.verdicts {
            d.labelled(super::verdict_label(lang, v), &v.comment).from(lang, &v.from).end();
        }
    }
    if !goal.other.is_empty() {
        d.para("Heading2", E::OtherAnswers.get(lang));
        for o in &goal.other {
            d.labelled(&o.question, &o.text).from(lang, &o.from).end();
        }
    }
    if !goal.flags.is_empty() {
        d.para("Heading2", E::Flags.get(lang));
        for f in &goal.flags {
            d.labelled(super::flag_label(lang, f.kind), &f.text).end();
        }
    }
}

fn subgoal(d: &mut Body, lang: Lang, sub: &SubGoal) {
    d.bullet(&sub.text);
    if !sub.owner.is_empty() {
        d.run(&format!(" – {}: ", C::Owner.get(lang)), Look::PLAIN).run(&sub.owner, Look::PLAIN);
    }
    d.from(lang, &sub.from).end();
}

fn indicator_table(d: &mut Body, lang: Lang, goal: &GoalSection) {
    let attributed = goal.active_indicators().any(|i| !i.from.is_empty());
    let headers = super::compact_headers(lang);
    let columns = headers.len() + usize::from(attributed);
    // The first column (name, definition, sub-goal) gets the most room.
    let first = TEXT_WIDTH * 3 / 10;
    let other = (TEXT_WIDTH - first) / (columns - 1);
    let grid: Vec<usize> = std::iter::once(first).chain(std::iter::repeat_n(other, columns - 1)).collect();
    let out = &mut d.0;
    out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"");
    out.push_str(&TEXT_WIDTH.to_string());
    out.push_str(
        "\" w:type=\"dxa\"/><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
         </w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
    );
    for w in &grid {
        out.push_str("<w:gridCol w:w=\"");
        out.push_str(&w.to_string());
        out.push_str("\"/>");
    }
    out.push_str("</w:tblGrid>");
    // The header row repeats on every page.
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (h, w) in headers.iter().copied().chain(attributed.then_some(E::ColProposedBy.get(lang))).zip(&grid) {
        d.cell(h, *w, true);
    }
    d.0.push_str("</w:tr>");
    for row in goal.active_indicators() {
        d.0.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        let from = row.from.join(", ");
        let texts = super::compact_cells(lang, row);
        for (t, w) in texts.iter().map(String::as_str).chain(attributed.then_some(from.as_str())).zip(&grid) {
            d.cell(t, *w, false);
        }
        d.0.push_str("</w:tr>");
    }
    d.0.push_str("</w:tbl>");
}

/// How a run looks.
#[derive(Clone, Copy)]
struct Look {
    bold: bool,
    italic: bool,
    /// Grey, for provenance.
    grey: bool,
    /// Half-points, 0 for the style's size.
    size: u8,
}

impl Look {
    const PLAIN: Look = Look { bold: false, italic: false, grey: false, size: 0 };
    const BOLD: Look = Look { bold: true, ..Look::PLAIN };
    const ITALIC: Look = Look { italic: true, ..Look::PLAIN };
    const FROM: Look = Look { italic: true, grey: true, ..Look::PLAIN };
}

/// The document body as WordprocessingML, written in order.
struct Body(String);

impl Body {
    /// Open a paragraph, with a style and a page break before it if asked.
    fn start(&mut self, style: Option<&str>, page_break: bool) -> &mut Body {
        self.0.push_str("<w:p>");
        if style.is_some() || page_break {
            self.0.push_str("<w:pPr>");
            if let Some(style) = style {
                self.0.push_str("<w:pStyle w:val=\"");
                self.0.push_str(style);
                self.0.push_str("\"/>");
            }
            if page_break {
                self.0.push_str("<w:pageBreakBefore/>");
            }
            self.0.push_str("</w:pPr>");
        }
        self
    }

    fn end(&mut self) {
        self.0.push_str("</w:p>");
    }

    /// A run of text: line breaks become `<w:br/>`, tabs `<w:tab/>`.
    fn run(&mut self, text: &str, look: Look) -> &mut Body {
        let out = &mut self.0;
        out.push_str("<w:r>");
        if look.bold || look.italic || look.grey || look.size > 0 {
            out.push_str("<w:rPr>");
            if look.bold {
                out.push_str("<w:b/>");
            }
            if look.italic {
                out.push_str("<w:i/>");
            }
            if look.grey {
                out.push_str("<w:color w:val=\"555555\"/>");
            }
            if look.size > 0 {
                out.push_str("<w:sz w:val=\"");
                out.push_str(&look.size.to_string());
                out.push_str("\"/>");
            }
            out.push_str("</w:rPr>");
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, part) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                if !part.is_empty() {
                    out.push_str("<w:t xml:space=\"preserve\">");
                    escape::xml(part, out);
                    out.push_str("</w:t>");
                }
            }
        }
        out.push_str("</w:r>");
        self
    }

    /// A whole paragraph in one style.
    fn para(&mut self, style: &str, text: &str) {
        self.start(Some(style), false).run(text, Look::PLAIN).end();
    }

    /// A list item: a bullet and a hanging indent (no numbering definitions
    /// needed). Left open for more runs.
    fn bullet(&mut self, text: &str) -> &mut Body {
        self.start(Some("ListBullet"), false).run("•\t", Look::PLAIN).run(text, Look::PLAIN)
    }

    /// "**Label:** value", left open for more runs.
    fn labelled(&mut self, label: &str, value: &str) -> &mut Body {
        self.start(None, false).run(&format!("{label}:"), Look::BOLD);
        if !value.is_empty() {
            self.run(" ", Look::PLAIN).run(value, Look::PLAIN);
        }
        self
    }

    /// " (förslag från Grupp 1)" in grey italics, when there is anyone to name.
    fn from(&mut self, lang: Lang, from: &[String]) -> &mut Body {
        if let Some(text) = super::provenance(lang, from) {
            self.run(&format!(" ({text})"), Look::FROM);
        }
        self
    }

    /// A table cell of `width` twips; header cells bold on a tinted ground.
    fn cell(&mut self, text: &str, width: usize, header: bool) {
        self.0.push_str("<w:tc><w:tcPr><w:tcW w:w=\"");
        self.0.push_str(&width.to_string());
        self.0.push_str("\" w:type=\"dxa\"/>");
        if header {
            self.0.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8EEF4\"/>");
        }
        self.0.push_str("</w:tcPr>");
        let look = Look { bold: header, size: 18, ..Look::PLAIN };
        self.start(None, false).run(text, look).end();
        self.0.push_str("</w:tc>");
    }
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                  xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// The package: content types, relationships, the document, its styles and
/// its properties (the title), zipped.
fn package(doc: &Document, body: String) -> Result<Vec<u8>, zip::result::ZipError> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{body}\
         <w:sectPr><w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" \
         w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>",
        A4.0, A4.1
    );
    let mut title = String::new();
    escape::xml(&doc.title, &mut title);
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title>\
         <dc:creator>Målverkstad</dc:creator></cp:coreProperties>"
    );
    let files: [(&str, &str); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", &document),
        ("word/styles.xml", STYLES),
        ("docProps/core.xml", &core),
    ];
    super::zip_package(&files)
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" \
Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" \
Target=\"docProps/core.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" \
Target=\"styles.xml\"/>\
</Relationships>";

/// Page fonts and the styles the document uses, named like Word's built-in
/// ones so that Word and LibreOffice map them to their own (headings with
/// outline levels for the navigation pane and tables of contents).
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/>\
<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"sv-SE\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
</w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\" /><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\" /><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:qFormat/><w:rPr><w:b/><w:sz w:val=\"48\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\" /><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:qFormat/><w:rPr><w:color w:val=\"444444\"/><w:sz w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\" /><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/>\
<w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"32\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\" /><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/>\
<w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"26\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\" /><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"60\"/>\
<w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"24\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\" /><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"360\"/></w:tabs><w:spacing w:after=\"60\"/>\
<w:ind w:left=\"360\" w:hanging=\"240\"/></w:pPr></w:style>\
</w:styles>";
