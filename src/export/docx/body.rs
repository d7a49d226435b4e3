//! The document body as WordprocessingML, written in order into one string:
//! paragraphs, runs and the indicator tables. Text of one formatting goes
//! into one run; line breaks become `<w:br/>`, tabs `<w:tab/>`. The markup
//! around the text is written as whole literals (a paragraph's start with
//! its style, a run's start with its properties, a cell's start made once
//! per table column).
//!
//! Word rejects a file whose elements are out of the order of the schema
//! (ECMA-376 Part 1, §17), so each property element below is written in the
//! sequence of its parent; the comments name the sequence.

use zip::result::ZipResult;

use crate::export::doc::Text;
use crate::export::ooxml::{self, Package};
use crate::export::provenance_pieces;
use crate::i18n::Lang;

/// How much of the body is kept before it is zipped: little enough to stay
/// in the processor's cache between being written and being deflated.
const CHUNK: usize = 64 * 1024;

/// How a run looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Look {
    Plain,
    Bold,
    Italic,
    /// Grey italics, for provenance.
    From,
}

impl Look {
    /// The start of a run in this look: `<w:r>` and its `<w:rPr>`.
    /// CT_RPr's sequence: rStyle, rFonts, b, bCs, i, iCs, caps, …, color,
    /// spacing, w, kern, position, sz, szCs, …, lang.
    fn run_start(self) -> &'static str {
        match self {
            Look::Plain => "<w:r>",
            Look::Bold => "<w:r><w:rPr><w:b/><w:bCs/></w:rPr>",
            Look::Italic => "<w:r><w:rPr><w:i/><w:iCs/></w:rPr>",
            Look::From => "<w:r><w:rPr><w:i/><w:iCs/><w:color w:val=\"555555\"/></w:rPr>",
        }
    }
}

/// The paragraph styles of `styles.xml` that paragraphs outside tables use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    Normal,
    Title,
    Subtitle,
    Heading1,
    Heading2,
    Heading3,
    ListBullet,
}

/// `<w:p><w:pPr><w:pStyle w:val="…"/></w:pPr>` for a style id, as a literal
/// (pStyle is the first of CT_PPrBase's sequence).
macro_rules! styled {
    ($id:literal) => {
        concat!("<w:p><w:pPr><w:pStyle w:val=\"", $id, "\"/></w:pPr>")
    };
}

impl Style {
    /// The start of a paragraph in this style (the default style needs no
    /// properties).
    fn paragraph_start(self) -> &'static str {
        match self {
            Style::Normal => "<w:p>",
            Style::Title => styled!("Title"),
            Style::Subtitle => styled!("Subtitle"),
            Style::Heading1 => styled!("Heading1"),
            Style::Heading2 => styled!("Heading2"),
            Style::Heading3 => styled!("Heading3"),
            Style::ListBullet => styled!("ListBullet"),
        }
    }
}

/// Table borders: thin grey lines around and between every cell.
/// CT_TblBorders' sequence: top, left (start), bottom, right (end), insideH, insideV.
const TABLE_BORDERS: &str = "<w:tblBorders>\
<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>\
</w:tblBorders>";

/// The body, written in reading order and zipped a chunk at a time.
pub(super) struct Body {
    /// What is written and not yet zipped.
    pub(super) xml: String,
    /// The document's language, for provenance.
    lang: Lang,
    /// The package whose open part (`word/document.xml`) receives the full
    /// chunks.
    sink: Package,
    /// The first error of the package, reported by [`Body::finish`].
    error: Option<zip::result::ZipError>,
}

impl Body {
    /// A body written into the open part of `package`.
    pub(super) fn new(lang: Lang, package: Package) -> Body {
        // Room for a chunk and the paragraph or row that passes its end.
        Body { xml: String::with_capacity(2 * CHUNK), lang, sink: package, error: None }
    }

    /// Zip what is written once it fills a chunk. Called between elements
    /// only, never inside a `<w:t>` (which [`OpenText::close`] may still
    /// change).
    fn flush_if_full(&mut self) {
        if self.xml.len() >= CHUNK {
            if self.error.is_none() {
                self.error = self.sink.write(&self.xml).err();
            }
            self.xml.clear();
        }
    }

    /// Zip the rest and give the package back, its part still open.
    pub(super) fn finish(mut self) -> ZipResult<Package> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.sink.write(&self.xml)?;
        Ok(self.sink)
    }

    /// Open a paragraph in `style`.
    pub(super) fn start(&mut self, style: Style) -> &mut Body {
        self.xml.push_str(style.paragraph_start());
        self
    }

    /// Open a level-1 heading that starts a new page. CT_PPrBase's
    /// sequence: pStyle, keepNext, keepLines, pageBreakBefore, framePr,
    /// widowControl, numPr, …, spacing, ind, …, jc, …, outlineLvl.
    pub(super) fn start_heading_on_new_page(&mut self) -> &mut Body {
        self.xml.push_str("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/></w:pPr>");
        self
    }

    pub(super) fn end(&mut self) {
        self.xml.push_str("</w:p>");
        self.flush_if_full();
    }

    /// One run holding `pieces` as one text, in one look.
    pub(super) fn run<'t>(&mut self, look: Look, pieces: impl IntoIterator<Item = &'t str>) -> &mut Body {
        self.xml.push_str(look.run_start());
        self.texts(pieces);
        self.xml.push_str("</w:r>");
        self
    }

    /// The content of a run holding `pieces` as one text: adjacent pieces
    /// share a `<w:t>`; line breaks become `<w:br/>`, tabs `<w:tab/>`;
    /// `&`, `<` and `>` are escaped, U+FFFE and U+FFFF (which XML forbids)
    /// become U+FFFD, and a `<w:t>` whose spaces would be dropped is marked
    /// `xml:space="preserve"`.
    ///
    /// One pass over the bytes with a table of the few that matter: most
    /// pieces are short, and a search call per piece and concern cost more.
    fn texts<'t>(&mut self, pieces: impl IntoIterator<Item = &'t str>) {
        let out = &mut self.xml;
        let mut open: Option<OpenText> = None;
        // Two spaces in a row since the last `<w:t>` was closed.
        let mut two_spaces = false;
        for piece in pieces {
            let bytes = piece.as_bytes();
            // `bytes[copied..]` is not written yet.
            let mut copied = 0;
            let mut i = 0;
            while i < bytes.len() {
                let b = bytes[i];
                match BYTE_CLASS[usize::from(b)] {
                    PLAIN => {
                        i += 1;
                        continue;
                    }
                    SPACE => {
                        // A space after a space, in this piece or at the end
                        // of what is written (markup never ends in a space).
                        two_spaces |= if i > 0 { bytes[i - 1] == b' ' } else { out.ends_with(' ') };
                        i += 1;
                        continue;
                    }
                    LEAD_EF if !matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => {
                        i += 1;
                        continue;
                    }
                    _ => {}
                }
                if i > copied {
                    OpenText::ensure(&mut open, out, bytes[copied]);
                    out.push_str(&piece[copied..i]);
                }
                match b {
                    b'\n' | b'\t' => {
                        OpenText::close(open.take(), two_spaces, out);
                        two_spaces = false;
                        out.push_str(if b == b'\n' { "<w:br/>" } else { "<w:tab/>" });
                        i += 1;
                    }
                    0xEF => {
                        OpenText::ensure(&mut open, out, b);
                        out.push('\u{FFFD}');
                        i += 3;
                    }
                    _ => {
                        OpenText::ensure(&mut open, out, b);
                        out.push_str(match b {
                            b'&' => "&amp;",
                            b'<' => "&lt;",
                            _ => "&gt;",
                        });
                        i += 1;
                    }
                }
                copied = i;
            }
            if copied < bytes.len() {
                OpenText::ensure(&mut open, out, bytes[copied]);
                out.push_str(&piece[copied..]);
            }
        }
        OpenText::close(open, two_spaces, out);
    }

    /// A whole paragraph in one style.
    pub(super) fn para(&mut self, style: Style, text: &str) {
        self.start(style).run(Look::Plain, [text]).end();
    }

    /// A paragraph of one run in one look, in the default style.
    pub(super) fn plain(&mut self, look: Look, text: &str) {
        self.start(Style::Normal).run(look, [text]).end();
    }

    /// A list item in style "List Bullet" (its bullet and indent come from
    /// the numbering that the style names). Left open for more runs.
    pub(super) fn bullet<'t>(&mut self, pieces: impl IntoIterator<Item = &'t str>) -> &mut Body {
        self.start(Style::ListBullet).run(Look::Plain, pieces)
    }

    /// "**Label:** value", left open for more runs.
    pub(super) fn labelled(&mut self, label: &str, value: &str) -> &mut Body {
        self.start(Style::Normal).run(Look::Bold, [label, ":"]);
        if !value.is_empty() {
            self.run(Look::Plain, [" ", value]);
        }
        self
    }

    /// " (förslag från Grupp 1, Grupp 2)" in grey italics, when there is
    /// anyone to name; the names are written where the message puts them.
    pub(super) fn from(&mut self, from: &[Text]) -> &mut Body {
        let Some(pieces) = provenance_pieces(self.lang, from) else { return self };
        self.run(Look::From, [" ("].into_iter().chain(pieces).chain([")"]))
    }

    /// Open a table as wide as the text with fixed columns of `grid` twips.
    /// CT_TblPr's sequence: tblStyle, tblpPr, tblOverlap, bidiVisual,
    /// tblStyleRowBandSize, tblStyleColBandSize, tblW, jc, tblCellSpacing,
    /// tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook.
    pub(super) fn table_start(&mut self, width: usize, grid: &[usize]) {
        let out = &mut self.xml;
        out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"");
        ooxml::push_uint(out, width);
        out.push_str("\" w:type=\"dxa\"/>");
        out.push_str(TABLE_BORDERS);
        out.push_str("<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
        for w in grid {
            out.push_str("<w:gridCol w:w=\"");
            ooxml::push_uint(out, *w);
            out.push_str("\"/>");
        }
        out.push_str("</w:tblGrid>");
    }

    /// Open a row that is never split across pages; a header row repeats
    /// at the top of every page (CT_TrPr's elements are a choice, any order).
    pub(super) fn row_start(&mut self, header: bool) {
        self.xml.push_str(if header {
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        } else {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        });
    }

    pub(super) fn row_end(&mut self) {
        self.xml.push_str("</w:tr>");
        self.flush_if_full();
    }

    pub(super) fn table_end(&mut self) {
        self.xml.push_str("</w:tbl>");
        self.flush_if_full();
    }

    /// A table cell that starts with `start` (made by [`cell_start`]) and
    /// holds `pieces` as one text.
    pub(super) fn cell<'t>(&mut self, start: &str, pieces: impl IntoIterator<Item = &'t str>) {
        self.xml.push_str(start);
        self.texts(pieces);
        self.xml.push_str("</w:r></w:p></w:tc>");
    }
}

/// The start of a table cell of `width` twips, up to its text: one
/// paragraph in style "Table Text" holding one run; header cells bold on a
/// tinted ground. Made once per column of a table, used for every row.
/// CT_TcPr's sequence: cnfStyle, tcW, gridSpan, hMerge, vMerge, tcBorders,
/// shd, noWrap, tcMar, textDirection, tcFitText, vAlign.
pub(super) fn cell_start(width: usize, header: bool) -> String {
    let mut out = String::with_capacity(192);
    out.push_str("<w:tc><w:tcPr><w:tcW w:w=\"");
    ooxml::push_uint(&mut out, width);
    out.push_str("\" w:type=\"dxa\"/>");
    if header {
        out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8EEF4\"/>");
    }
    out.push_str("</w:tcPr>");
    out.push_str(styled!("TableText"));
    out.push_str((if header { Look::Bold } else { Look::Plain }).run_start());
    out
}

/// How [`Body::texts`] sees a byte.
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
/// `&`, `<`, `>`, newline and tab.
const SPECIAL: u8 = 2;
/// The first byte of U+F000 to U+FFFF, among them U+FFFE and U+FFFF.
const LEAD_EF: u8 = 3;

static BYTE_CLASS: [u8; 256] = {
    let mut class = [PLAIN; 256];
    class[b' ' as usize] = SPACE;
    class[b'&' as usize] = SPECIAL;
    class[b'<' as usize] = SPECIAL;
    class[b'>' as usize] = SPECIAL;
    class[b'\n' as usize] = SPECIAL;
    class[b'\t' as usize] = SPECIAL;
    class[0xEF] = LEAD_EF;
    class
};

/// The `<w:t>` being written.
struct OpenText {
    /// Where it starts in the output.
    at: usize,
    /// Marked `xml:space="preserve"` when opened (its text starts with a space).
    preserved: bool,
}

impl OpenText {
    /// Open a `<w:t>` for text that starts with `first`, unless one is open.
    fn ensure(open: &mut Option<OpenText>, out: &mut String, first: u8) {
        if open.is_none() {
            let preserved = first == b' ';
            *open = Some(OpenText { at: out.len(), preserved });
            out.push_str(if preserved { "<w:t xml:space=\"preserve\">" } else { "<w:t>" });
        }
    }

    /// Close the `<w:t>`, if one is open, marking it `xml:space="preserve"`
    /// when it ends with a space or holds two in a row and is not marked yet.
    fn close(open: Option<OpenText>, two_spaces: bool, out: &mut String) {
        if let Some(t) = open {
            if !t.preserved && (two_spaces || out.ends_with(' ')) {
                out.insert_str(t.at + "<w:t".len(), " xml:space=\"preserve\"");
            }
            out.push_str("</w:t>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    fn run(look: Look, text: &str) -> String {
        let mut b = Body::new(Lang::Sv, Package::new(0));
        b.run(look, [text]);
        b.xml
    }

    #[test]
    fn pieces_share_a_text_element_between_breaks() {
        let mut b = Body::new(Lang::Sv, Package::new(0));
        b.run(Look::Plain, ["a", "\nb", " c", "\t", "d  e", " f "]);
        assert_eq!(
            b.xml,
            "<w:r><w:t>a</w:t><w:br/><w:t>b c</w:t><w:tab/><w:t xml:space=\"preserve\">d  e f </w:t></w:r>"
        );
    }

    /// What [`Body::texts`] must write, the simple way: split the whole text
    /// at breaks, escape each stretch, and mark it when its spaces need it.
    fn expected_texts(pieces: &[String]) -> String {
        let text = pieces.concat().replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}");
        let mut out = String::new();
        let mut stretches = text.split(['\n', '\t']).peekable();
        let mut rest = text.as_str();
        while let Some(stretch) = stretches.next() {
            if !stretch.is_empty() {
                let preserve = ooxml::needs_preserve(stretch);
                out.push_str(if preserve { "<w:t xml:space=\"preserve\">" } else { "<w:t>" });
                ooxml::text(stretch, &mut out);
                out.push_str("</w:t>");
            }
            rest = &rest[stretch.len()..];
            if stretches.peek().is_some() {
                out.push_str(if rest.starts_with('\n') { "<w:br/>" } else { "<w:tab/>" });
                rest = &rest[1..];
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn texts_agree_with_the_simple_way(
            pieces in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "a", "å", " ", "  ", "\n", "\t", "&", "<", ">", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{F000}",
                        "\u{EFFF}", "😀", "]]>", "_x0041_",
                    ]),
                    0..8,
                ).prop_map(|parts| parts.concat()),
                0..5,
            )
        ) {
            let mut b = Body::new(Lang::Sv, Package::new(0));
            b.texts(pieces.iter().map(String::as_str));
            proptest::prop_assert_eq!(b.xml, expected_texts(&pieces));
        }
    }

    #[test]
    fn breaks_and_tabs_are_elements_and_markup_is_text() {
        assert_eq!(
            run(Look::Plain, "a <b> \n\tc & d\n"),
            "<w:r><w:t xml:space=\"preserve\">a &lt;b&gt; </w:t><w:br/><w:tab/><w:t>c &amp; d</w:t><w:br/></w:r>"
        );
        assert_eq!(run(Look::Bold, ""), "<w:r><w:rPr><w:b/><w:bCs/></w:rPr></w:r>");
    }

    #[test]
    fn provenance_names_every_group_in_one_grey_run() {
        let mut b = Body::new(Lang::Sv, Package::new(0));
        b.from(&["Grupp 1".into(), "Grupp <2>".into()]);
        assert_eq!(
            b.xml,
            "<w:r><w:rPr><w:i/><w:iCs/><w:color w:val=\"555555\"/></w:rPr>\
             <w:t xml:space=\"preserve\"> (förslag från Grupp 1, Grupp &lt;2&gt;)</w:t></w:r>"
        );
        let mut b = Body::new(Lang::Sv, Package::new(0));
        b.from(&[]);
        assert_eq!(b.xml, "");
    }

    #[test]
    fn a_cell_is_one_paragraph_in_table_text() {
        let mut b = Body::new(Lang::Sv, Package::new(0));
        b.cell(&cell_start(1124, true), ["Mål", "\n", "år"]);
        assert_eq!(
            b.xml,
            "<w:tc><w:tcPr><w:tcW w:w=\"1124\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" \
             w:fill=\"E8EEF4\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr><w:r><w:rPr><w:b/>\
             <w:bCs/></w:rPr><w:t>Mål</w:t><w:br/><w:t>år</w:t></w:r></w:p></w:tc>"
        );
    }
}
