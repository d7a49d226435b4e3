//! The parts around the body: content types, relationships, the page
//! (section properties), the styles, the bullet numbering, the settings and
//! the core properties. Every part named in `[Content_Types].xml` or a
//! `.rels` part is written, and nothing else (a test checks both ways).
//!
//! Word is strict about the order of child elements (ECMA-376 Part 1, §17);
//! the comments name the schema's sequence wherever there is more than one
//! child.

use super::{A4, MARGIN};
use crate::export::doc::Document;
use zip::result::ZipResult;

use crate::export::ooxml::{self, Package};

/// The package up to the body: the parts before `word/document.xml` and
/// the document's start, its part left open for the body.
pub(super) fn start(doc: &Document) -> ZipResult<Package> {
    // The XML zips to about a twentieth; the hint is about a third of it.
    let mut package = Package::new(doc.size_hint() / 4 + 8192);
    let core = ooxml::core_properties(&doc.title, ooxml::lang_tag(doc.lang));
    package.part("[Content_Types].xml", &[CONTENT_TYPES])?;
    package.part("_rels/.rels", &[ROOT_RELS])?;
    package.part("docProps/core.xml", &[&core])?;
    package.start("word/document.xml")?;
    package.write(DOCUMENT_HEAD)?;
    Ok(package)
}

/// The rest of the package after the body: the page (section properties),
/// the end of the document, and the parts it refers to.
pub(super) fn finish(doc: &Document, mut package: Package) -> ZipResult<Vec<u8>> {
    package.write(&section())?;
    package.part("word/_rels/document.xml.rels", &[DOCUMENT_RELS])?;
    package.part("word/styles.xml", &[STYLES_HEAD, ooxml::lang_tag(doc.lang), STYLES_TAIL])?;
    package.part("word/numbering.xml", &[NUMBERING])?;
    package.part("word/settings.xml", &[SETTINGS])?;
    package.finish()
}

const DOCUMENT_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";

/// The page (A4 portrait, 2 cm margins) as the body's last child, and the
/// end of the document. CT_SectPr's sequence: headerReference/
/// footerReference, footnotePr, endnotePr, type, pgSz, pgMar, paperSrc,
/// pgBorders, lnNumType, pgNumType, cols, formProt, vAlign, noEndnote,
/// titlePg, textDirection, bidi, rtlGutter, docGrid.
fn section() -> String {
    format!(
        "<w:sectPr><w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" \
         w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>\
         <w:cols w:space=\"708\"/></w:sectPr></w:body></w:document>",
        A4.0, A4.1
    )
}

/// `[Content_Types].xml`: an override for each part but the relationships.
const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
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
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" \
Target=\"numbering.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" \
Target=\"settings.xml\"/>\
</Relationships>";

/// Word's settings: Word 2013+ layout (without `compatibilityMode` 15 Word
/// opens the file in compatibility mode) and Word's default tab stop.
/// CT_Settings' sequence: …, zoom, …, defaultTabStop, …,
/// characterSpacingControl, …, compat, ….
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"1304\"/>\
<w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" \
w:val=\"15\"/></w:compat></w:settings>";

/// The bullet of "List Bullet": one level, "•" hanging in a 0.63 cm indent,
/// linked both ways with the style as Word's own is.
/// CT_Numbering's sequence: numPicBullet*, abstractNum*, num*.
/// CT_AbstractNum's: nsid, multiLevelType, tmpl, name, styleLink,
/// numStyleLink, lvl*. CT_Lvl's: start, numFmt, lvlRestart, pStyle, isLgl,
/// suff, lvlText, lvlPicBulletId, legacy, lvlJc, pPr, rPr.
const NUMBERING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:pStyle w:val=\"ListBullet\"/>\
<w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr></w:lvl>\
</w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
</w:numbering>";

/// The styles up to the document's language: fonts and sizes of the
/// defaults. CT_Styles' sequence: docDefaults, latentStyles, style*;
/// CT_DocDefaults': rPrDefault, pPrDefault.
const STYLES_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Calibri\" w:eastAsia=\"Calibri\" w:hAnsi=\"Calibri\" w:cs=\"Calibri\"/>\
<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"";

/// The rest of the styles, named like Word's built-in ones so that Word and
/// LibreOffice map them to their own: the headings have outline levels (the
/// navigation pane and tables of contents use them) and "List Bullet" its
/// numbering. Word's own defaults for paragraphs, runs, tables and lists are
/// declared as Word declares them.
/// CT_Style's sequence: name, aliases, basedOn, next, link, autoRedefine,
/// hidden, uiPriority, semiHidden, unhideWhenUsed, qFormat, locked, …,
/// rsid, pPr, rPr, tblPr, trPr, tcPr, tblStylePr*.
const STYLES_TAIL: &str = "\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
</w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>\
<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/><w:pPr><w:spacing w:after=\"120\"/></w:pPr>\
<w:rPr><w:b/><w:bCs/><w:sz w:val=\"48\"/><w:szCs w:val=\"48\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"11\"/><w:qFormat/>\
<w:rPr><w:color w:val=\"444444\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>\
<w:rPr><w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr>\
<w:rPr><w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"200\" w:after=\"60\"/><w:outlineLvl w:val=\"2\"/></w:pPr>\
<w:rPr><w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/>\
<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>\
<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"60\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>\
<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
</w:styles>";
