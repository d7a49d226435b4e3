//! What the DOCX and XLSX writers share: the zip package, the XML
//! declaration, the core properties part, and appending numbers and escaped
//! text to one output string without temporaries.
//!
//! A part is zipped from a few string slices (a head, the content written
//! once, a tail) one after the other, so nothing is copied to assemble it;
//! the DOCX body is even zipped as it is written, a chunk at a time (see
//! [`Package::write`]).

use std::io::{Cursor, Write};
use std::sync::LazyLock;

use memchr::memmem;
use zip::result::ZipResult;
use zip::write::SimpleFileOptions;

use crate::i18n::Lang;

/// The XML declaration every part starts with.
pub(crate) const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// One part of a package: its name in the zip and its content as slices
/// written one after the other.
pub(crate) type Part<'a> = (&'a str, Vec<&'a str>);

/// Parts smaller than this are stored: deflating them would save a few
/// hundred bytes at the price of setting up a compressor for each.
const STORE_BELOW: usize = 2048;

/// An Office package being zipped, part after part: `[Content_Types].xml`
/// first, as Office writes it; the large parts deflated at the fastest
/// level (the XML is repetitive and compresses well anyway, and deflate is
/// the largest single cost of a render), the small ones stored.
pub(crate) struct Package {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
}

impl Package {
    /// A package expected to zip to about `bytes`.
    pub(crate) fn new(bytes: usize) -> Package {
        Package { zip: zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes))) }
    }

    /// A whole part.
    pub(crate) fn part(&mut self, name: &str, slices: &[&str]) -> ZipResult<()> {
        let len: usize = slices.iter().map(|s| s.len()).sum();
        if len < STORE_BELOW {
            self.zip
                .start_file(name, SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored))?;
        } else {
            self.start(name)?;
        }
        slices.iter().try_for_each(|s| self.write(s))
    }

    /// Start a part whose content follows in [`Package::write`]s (deflated).
    pub(crate) fn start(&mut self, name: &str) -> ZipResult<()> {
        let deflated = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        self.zip.start_file(name, deflated)
    }

    /// More of the part being written.
    pub(crate) fn write(&mut self, s: &str) -> ZipResult<()> {
        Ok(self.zip.write_all(s.as_bytes())?)
    }

    pub(crate) fn finish(self) -> ZipResult<Vec<u8>> {
        Ok(self.zip.finish()?.into_inner())
    }
}

/// Zip a package of whole parts, in order.
pub(crate) fn zip_package(parts: &[Part<'_>]) -> ZipResult<Vec<u8>> {
    let size: usize = parts.iter().flat_map(|(_, slices)| slices.iter()).map(|s| s.len()).sum();
    // A tenth is typical for these parts at level 1; the headers are small.
    let mut package = Package::new(size / 8 + 8192);
    for (name, slices) in parts {
        package.part(name, slices)?;
    }
    package.finish()
}

/// `docProps/core.xml`: the title (shown by File > Info and by file
/// managers), the language, and the application as creator.
pub(crate) fn core_properties(title: &str, lang: &str) -> String {
    let mut out = String::with_capacity(512 + title.len());
    out.push_str(XML_HEAD);
    out.push_str(
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>",
    );
    text(title, &mut out);
    out.push_str("</dc:title><dc:creator>Målverkstad</dc:creator><dc:language>");
    out.push_str(lang);
    out.push_str("</dc:language></cp:coreProperties>");
    out
}

/// The language tag of a document (Word's proofing language, the core
/// properties' `dc:language`).
pub(crate) fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    }
}

/// Append `n` in decimal.
pub(crate) fn push_uint(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Escape `s` as element text: `&`, `<` and `>` (quotes need no escape
/// outside attributes). The document model's `clean()` has already removed
/// the control characters XML 1.0 forbids and replaced U+FFFE and U+FFFF;
/// they are replaced here too (with U+FFFD) so that a document built any
/// other way cannot make a file Word and Excel refuse.
pub(crate) fn text(s: &str, out: &mut String) {
    // Both are EF BF BE/BF in UTF-8; the look for their first two bytes is
    // one fast scan, and the slow path runs only for the rare text with a
    // character from U+FFF0 to U+FFFF.
    static SPECIALS: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"\xEF\xBF"));
    if SPECIALS.find(s.as_bytes()).is_some() && s.contains(['\u{FFFE}', '\u{FFFF}']) {
        let cleaned = s.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}");
        return markup(&cleaned, out);
    }
    markup(s, out);
}

/// Escape `&`, `<` and `>`.
fn markup(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut last = 0;
    for i in memchr::memchr3_iter(b'&', b'<', b'>', bytes) {
        // Every byte replaced is ASCII, so `last..i` lies on char boundaries.
        out.push_str(&s[last..i]);
        out.push_str(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// True when a `<t>` holding `s` needs `xml:space="preserve"`: spaces at
/// either end or two in a row would otherwise be dropped by Word and Excel.
pub(crate) fn needs_preserve(s: &str) -> bool {
    let b = s.as_bytes();
    static TWO_SPACES: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"  "));
    matches!(b.first(), Some(b' ')) || matches!(b.last(), Some(b' ')) || TWO_SPACES.find(b).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut out = String::new();
        for n in [0, 7, 10, 99, 100, 11906, usize::MAX] {
            out.clear();
            push_uint(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn text_escapes_markup_only() {
        let mut out = String::new();
        text("a <b> & \"c\" 'd' ]]> å", &mut out);
        assert_eq!(out, "a &lt;b&gt; &amp; \"c\" 'd' ]]&gt; å");
    }

    #[test]
    fn noncharacters_that_xml_forbids_are_replaced() {
        let mut out = String::new();
        text("a\u{FFFE}b\u{FFFF}c\u{FFFD}\u{FFF0}<", &mut out);
        assert_eq!(out, "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFF0}&lt;");
    }

    #[test]
    fn spaces_at_the_ends_or_in_a_row_are_preserved() {
        assert!(needs_preserve(" a") && needs_preserve("a ") && needs_preserve("a  b") && needs_preserve(" "));
        assert!(!needs_preserve("a b") && !needs_preserve("") && !needs_preserve("å"));
    }

    #[test]
    fn a_package_unzips_to_its_parts() {
        let big = "x".repeat(STORE_BELOW);
        let bytes = zip_package(&[("a.xml", vec!["<a>", &big, "</a>"]), ("b/c.xml", vec!["<c/>"])]).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        let mut a = archive.by_name("a.xml").unwrap();
        assert_eq!(a.compression(), zip::CompressionMethod::Deflated);
        std::io::Read::read_to_string(&mut a, &mut s).unwrap();
        assert_eq!(s, format!("<a>{big}</a>"));
        drop(a);
        let c = archive.by_name("b/c.xml").unwrap();
        assert_eq!((c.compression(), c.size()), (zip::CompressionMethod::Stored, 4));
    }
}
