//! The document body as WordprocessingML, written in order into one string:
//! paragraphs, runs and the indicator tables. Text of one formatting goes
//! into one run; line breaks become `<w:br/>`, tabs `<w:tab/>`.
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
    /// The run's `<w:rPr>`. CT_RPr's sequence: rStyle, rFonts, b, bCs, i,
    /// iCs, caps, …, color, spacing, w, kern, position, sz, szCs, …, lang.
    fn properties(self) -> &'static str {
        match self {
            Look::Plain => "",
            Look::Bold => "<w:rPr><w:b/><w:bCs/></w:rPr>",
            Look::Italic => "<w:rPr><w:i/><w:iCs/></w:rPr>",
            Look::From => "<w:rPr><w:i/><w:iCs/><w:color w:val=\"555555\"/></w:rPr>",
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
}

impl Body {
    pub(super) fn with_capacity(bytes: usize) -> Body {
        Body { xml: String::with_capacity(bytes) }
    }

    /// Open a paragraph, with a style and a page break before it if asked.
    /// CT_PPrBase's sequence: pStyle, keepNext, keepLines, pageBreakBefore,
    /// framePr, widowControl, numPr, …, spacing, ind, …, jc, …, outlineLvl.
    pub(super) fn start(&mut self, style: Option<&str>, page_break: bool) -> &mut Body {
        let out = &mut self.xml;
        out.push_str("<w:p>");
        if style.is_some() || page_break {
            out.push_str("<w:pPr>");
            if let Some(style) = style {
                out.push_str("<w:pStyle w:val=\"");
                out.push_str(style);
                out.push_str("\"/>");
            }
            if page_break {
                out.push_str("<w:pageBreakBefore/>");
            }
            out.push_str("</w:pPr>");
        }
        self
    }

    pub(super) fn end(&mut self) {
        self.xml.push_str("</w:p>");
    }

    /// One run holding `pieces` as one text, in one look: adjacent pieces
    /// share a `<w:t>`.
    pub(super) fn run<'t>(&mut self, look: Look, pieces: impl IntoIterator<Item = &'t str>) -> &mut Body {
        let out = &mut self.xml;
        out.push_str("<w:r>");
        out.push_str(look.properties());
        // Where the open `<w:t>` starts, if one is open.
        let mut open = None;
        for piece in pieces {
            let bytes = piece.as_bytes();
            let mut start = 0;
            loop {
                let end =
                    bytes[start..].iter().position(|&b| b == b'\n' || b == b'\t').map_or(bytes.len(), |i| start + i);
                if end > start {
                    if open.is_none() {
                        open = Some(out.len());
                        out.push_str("<w:t>");
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
        out.push_str("</w:r>");
        self
    }

    /// A whole paragraph in one style.
    pub(super) fn para(&mut self, style: &str, text: &str) {
        self.start(Some(style), false).run(Look::Plain, [text]).end();
    }

    /// A paragraph of one run in one look, without a style.
    pub(super) fn plain(&mut self, look: Look, text: &str) {
        self.start(None, false).run(look, [text]).end();
    }

    /// A list item in style "List Bullet" (its bullet and indent come from
    /// the numbering that the style names). Left open for more runs.
    pub(super) fn bullet<'t>(&mut self, pieces: impl IntoIterator<Item = &'t str>) -> &mut Body {
        self.start(Some("ListBullet"), false).run(Look::Plain, pieces)
    }

    /// "**Label:** value", left open for more runs.
    pub(super) fn labelled(&mut self, label: &str, value: &str) -> &mut Body {
        self.start(None, false).run(Look::Bold, [label, ":"]);
        if !value.is_empty() {
            self.run(Look::Plain, [" ", value]);
        }
        self
    }

    /// " (förslag från Grupp 1, Grupp 2)" in grey italics, when there is
    /// anyone to name; the names are written where the message puts them.
    pub(super) fn from(&mut self, lang: Lang, from: &[String]) -> &mut Body {
        if from.is_empty() {
            return self;
        }
        let template = E::ProposedBy.get(lang);
        let (before, after) = template.split_once("{groups}").unwrap_or((template, ""));
        let names = from.iter().enumerate().flat_map(|(i, name)| [if i > 0 { ", " } else { "" }, name.as_str()]);
        let pieces = [" (", before].into_iter().chain(names).chain([after, ")"]);
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

    /// A table cell of `width` twips holding one paragraph in style "Table
    /// Text"; header cells bold on a tinted ground.
    /// CT_TcPr's sequence: cnfStyle, tcW, gridSpan, hMerge, vMerge,
    /// tcBorders, shd, noWrap, tcMar, textDirection, tcFitText, vAlign.
    pub(super) fn cell<'t>(&mut self, width: usize, header: bool, pieces: impl IntoIterator<Item = &'t str>) {
        let out = &mut self.xml;
        out.push_str("<w:tc><w:tcPr><w:tcW w:w=\"");
        ooxml::push_uint(out, width);
        out.push_str("\" w:type=\"dxa\"/>");
        if header {
            out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8EEF4\"/>");
        }
        out.push_str("</w:tcPr>");
        self.start(Some("TableText"), false).run(if header { Look::Bold } else { Look::Plain }, pieces).end();
        self.xml.push_str("</w:tc>");
    }
}

/// Close the `<w:t>` opened at `open`, if any, marking it
/// `xml:space="preserve"` when its spaces would otherwise be dropped
/// (escaping neither adds nor removes spaces, so the escaped text tells).
fn close_text(out: &mut String, open: Option<usize>) {
    if let Some(at) = open {
        if ooxml::needs_preserve(&out[at + "<w:t>".len()..]) {
            out.insert_str(at + "<w:t".len(), " xml:space=\"preserve\"");
        }
        out.push_str("</w:t>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(look: Look, text: &str) -> String {
        let mut b = Body::with_capacity(0);
        b.run(look, [text]);
        b.xml
    }

    #[test]
    fn pieces_share_a_text_element_between_breaks() {
        let mut b = Body::with_capacity(0);
        b.run(Look::Plain, ["a", "\nb", " c", "\t", "d  e"]);
        assert_eq!(b.xml, "<w:r><w:t>a</w:t><w:br/><w:t>b c</w:t><w:tab/><w:t xml:space=\"preserve\">d  e</w:t></w:r>");
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
        let mut b = Body::with_capacity(0);
        b.from(Lang::Sv, &["Grupp 1".into(), "Grupp <2>".into()]);
        assert_eq!(
            b.xml,
            "<w:r><w:rPr><w:i/><w:iCs/><w:color w:val=\"555555\"/></w:rPr>\
             <w:t xml:space=\"preserve\"> (förslag från Grupp 1, Grupp &lt;2&gt;)</w:t></w:r>"
        );
        let mut b = Body::with_capacity(0);
        b.from(Lang::Sv, &[]);
        assert_eq!(b.xml, "");
    }
}
