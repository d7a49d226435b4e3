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

use crate::export::ooxml;
use crate::i18n::{export::T as E, Lang};

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

/// The body, written in reading order.
pub(super) struct Body {
    pub(super) xml: String,
    /// "förslag från " and "" around the names of provenance, split once.
    from: (&'static str, &'static str),
}

impl Body {
    pub(super) fn new(lang: Lang, bytes: usize) -> Body {
        let template = E::ProposedBy.get(lang);
        let from = template.split_once("{groups}").unwrap_or((template, ""));
        Body { xml: String::with_capacity(bytes), from }
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
    }

    /// One run holding `pieces` as one text, in one look.
    pub(super) fn run<'t>(&mut self, look: Look, pieces: impl IntoIterator<Item = &'t str>) -> &mut Body {
        self.xml.push_str(look.run_start());
        self.texts(pieces);
        self.xml.push_str("</w:r>");
        self
    }

    /// The content of a run holding `pieces` as one text: adjacent pieces
    /// share a `<w:t>`; line breaks become `<w:br/>`, tabs `<w:tab/>`.
    fn texts<'t>(&mut self, pieces: impl IntoIterator<Item = &'t str>) {
        let out = &mut self.xml;
        // Where the open `<w:t>` starts and whether it is marked to keep
        // its spaces, if one is open.
        let mut open = None;
        for piece in pieces {
            let bytes = piece.as_bytes();
            let mut start = 0;
            loop {
                let end = memchr::memchr2(b'\n', b'\t', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                if end > start {
                    if open.is_none() {
                        // A leading space is known now; others when the text ends.
                        let preserve = bytes[start] == b' ';
                        open = Some((out.len(), preserve));
                        out.push_str(if preserve { "<w:t xml:space=\"preserve\">" } else { "<w:t>" });
                    }
                    ooxml::text(&piece[start..end], out);
                }
                let Some(&b) = bytes.get(end) else { break };
                close_text(out, open.take());
                out.push_str(if b == b'\n' { "<w:br/>" } else { "<w:tab/>" });
                start = end + 1;
            }
        }
        close_text(out, open);
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
    pub(super) fn from(&mut self, from: &[String]) -> &mut Body {
        if from.is_empty() {
            return self;
        }
        let (before, after) = self.from;
        let pieces = [" (", before].into_iter().chain(names(from)).chain([after, ")"]);
        self.run(Look::From, pieces)
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
    }

    pub(super) fn table_end(&mut self) {
        self.xml.push_str("</w:tbl>");
    }

    /// A table cell that starts with `start` (made by [`cell_start`]) and
    /// holds `pieces` as one text.
    pub(super) fn cell<'t>(&mut self, start: &str, pieces: impl IntoIterator<Item = &'t str>) {
        self.xml.push_str(start);
        self.texts(pieces);
        self.xml.push_str("</w:r></w:p></w:tc>");
    }
}

/// "Grupp 1, Grupp 2" as pieces.
pub(super) fn names(from: &[String]) -> impl Iterator<Item = &str> {
    from.iter().enumerate().flat_map(|(i, name)| [if i > 0 { ", " } else { "" }, name.as_str()])
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

/// Close the `<w:t>` opened at `open`, if any, marking it
/// `xml:space="preserve"` when its spaces would otherwise be dropped and it
/// is not marked yet (escaping neither adds nor removes spaces, so the
/// escaped text tells).
fn close_text(out: &mut String, open: Option<(usize, bool)>) {
    if let Some((at, preserved)) = open {
        if !preserved && ooxml::needs_preserve(&out[at + "<w:t>".len()..]) {
            out.insert_str(at + "<w:t".len(), " xml:space=\"preserve\"");
        }
        out.push_str("</w:t>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(look: Look, text: &str) -> String {
        let mut b = Body::new(Lang::Sv, 0);
        b.run(look, [text]);
        b.xml
    }

    #[test]
    fn pieces_share_a_text_element_between_breaks() {
        let mut b = Body::new(Lang::Sv, 0);
        b.run(Look::Plain, ["a", "\nb", " c", "\t", "d  e", " f "]);
        assert_eq!(
            b.xml,
            "<w:r><w:t>a</w:t><w:br/><w:t>b c</w:t><w:tab/><w:t xml:space=\"preserve\">d  e f </w:t></w:r>"
        );
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
        let mut b = Body::new(Lang::Sv, 0);
        b.from(&["Grupp 1".into(), "Grupp <2>".into()]);
        assert_eq!(
            b.xml,
            "<w:r><w:rPr><w:i/><w:iCs/><w:color w:val=\"555555\"/></w:rPr>\
             <w:t xml:space=\"preserve\"> (förslag från Grupp 1, Grupp &lt;2&gt;)</w:t></w:r>"
        );
        let mut b = Body::new(Lang::Sv, 0);
        b.from(&[]);
        assert_eq!(b.xml, "");
    }

    #[test]
    fn a_cell_is_one_paragraph_in_table_text() {
        let mut b = Body::new(Lang::Sv, 0);
        b.cell(&cell_start(1124, true), ["Mål", "\n", "år"]);
        assert_eq!(
            b.xml,
            "<w:tc><w:tcPr><w:tcW w:w=\"1124\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" \
             w:fill=\"E8EEF4\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr><w:r><w:rPr><w:b/>\
             <w:bCs/></w:rPr><w:t>Mål</w:t><w:br/><w:t>år</w:t></w:r></w:p></w:tc>"
        );
    }
}
