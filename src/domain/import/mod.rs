//! Reading goal lists. Pure: takes bytes or text, returns goals and problems
//! per line. Nothing here creates a workshop: the caller shows the [`Preview`]
//! and creates or changes a workshop only when it has no errors.
//!
//! Formats: plain text ([`text`]), Markdown ([`markdown`]), CSV ([`csv`]) and
//! RON ([`ron`]). [`preview_bytes`] decodes the bytes (UTF-8 with or without a
//! BOM, UTF-16 with a BOM, otherwise Windows-1252) and picks the format from
//! the one given, the file's extension, or its content.

pub mod csv;
pub mod markdown;
pub mod ron;
pub mod text;

use crate::domain::Goal;
use crate::i18n::{import::T, Lang};
use crate::tr;

/// A problem on one line of an imported file (1-based line number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    EmptyWording,
    DuplicateCode(String),
    Unreadable(String),
    /// A quoted CSV field that never ends.
    UnclosedQuote,
    /// A CSV header that names no column for the goal's wording.
    NoWordingColumn,
    /// A Markdown table row: not read, convert the table to CSV instead.
    MarkdownTable,
    /// The file holds no goals at all.
    NoGoals,
    /// A binary document (xlsx, docx, pdf …), not a text file.
    Binary,
    /// A Markdown line of prose in a file whose goals are list items: skipped.
    SkippedText,
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match &self.kind {
            ProblemKind::EmptyWording => tr!(lang, T::EmptyWording),
            ProblemKind::DuplicateCode(code) => tr!(lang, T::DuplicateCode, code = code),
            ProblemKind::Unreadable(detail) => tr!(lang, T::Unreadable, detail = detail),
            ProblemKind::UnclosedQuote => tr!(lang, T::UnclosedQuote),
            ProblemKind::NoWordingColumn => tr!(lang, T::NoWordingColumn),
            ProblemKind::MarkdownTable => tr!(lang, T::MarkdownTable),
            ProblemKind::NoGoals => tr!(lang, T::NoGoals),
            ProblemKind::Binary => tr!(lang, T::Binary),
            ProblemKind::SkippedText => tr!(lang, T::SkippedText),
        }
    }

    /// Errors stop an import; the rest are shown but allowed.
    pub fn is_error(&self) -> bool {
        !matches!(self.kind, ProblemKind::EmptyWording | ProblemKind::SkippedText)
    }
}

/// What an import would produce, shown before anything is created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub goals: Vec<Goal>,
    pub problems: Vec<Problem>,
    /// The 1-based line each goal starts on, parallel to `goals`.
    pub lines: Vec<usize>,
}

impl Preview {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// Build a preview from goals with their lines: duplicate codes are
    /// flagged, problems sorted by line.
    pub(crate) fn from_lines(goals: Vec<(usize, Goal)>, mut problems: Vec<Problem>) -> Preview {
        flag_duplicate_codes(&goals, &mut problems);
        problems.sort_by_key(|p| p.line);
        let (lines, goals) = goals.into_iter().unzip();
        Preview { goals, problems, lines }
    }

    /// Flag goals whose code an existing workshop already uses (when adding
    /// goals to it).
    pub fn flag_codes_in_use(&mut self, existing: &[Goal]) {
        for (goal, line) in self.goals.iter().zip(&self.lines) {
            let Some(code) = goal.code.as_deref().filter(|c| !c.is_empty()) else { continue };
            if existing.iter().any(|e| e.code.as_deref().is_some_and(|c| c.to_lowercase() == code.to_lowercase())) {
                self.problems.push(Problem { line: *line, kind: ProblemKind::DuplicateCode(code.to_string()) });
            }
        }
        self.problems.sort_by_key(|p| p.line);
    }
}

/// Flag codes that appear more than once (compared case-insensitively).
pub(crate) fn flag_duplicate_codes(goals: &[(usize, Goal)], problems: &mut Vec<Problem>) {
    let mut seen = std::collections::BTreeMap::new();
    for (line, goal) in goals {
        if let Some(code) = goal.code.as_deref().filter(|c| !c.is_empty()) {
            if seen.insert(code.to_lowercase(), *line).is_some() {
                problems.push(Problem { line: *line, kind: ProblemKind::DuplicateCode(code.to_string()) });
            }
        }
    }
}

/// The formats a goal list can come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Csv,
    Ron,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Text, Format::Markdown, Format::Csv, Format::Ron];

    /// `txt`, `md`, `csv`, `ron` (and a few spellings of them).
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().trim_start_matches('.').to_ascii_lowercase().as_str() {
            "txt" | "text" | "plain" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "csv" | "tsv" | "tab" => Some(Format::Csv),
            "ron" => Some(Format::Ron),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Ron => "ron",
        }
    }

    /// The format a file name's extension names, if any.
    pub fn from_file_name(name: &str) -> Option<Format> {
        let (_, ext) = name.rsplit_once('.')?;
        Format::parse(ext)
    }

    /// Guess the format from the content alone (used when neither a format
    /// nor a known extension is given):
    /// a list in brackets is RON; a first line with known column names, or
    /// lines with the same number of `;` or tabs, is CSV; a Markdown heading
    /// (`## …` or an underlined line) is Markdown; anything else is text.
    pub fn sniff(text: &str) -> Format {
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('[') {
            return Format::Ron;
        }
        if csv::looks_like_csv(text) {
            return Format::Csv;
        }
        if markdown::has_headings(text) {
            return Format::Markdown;
        }
        Format::Text
    }

    /// The given format, else the extension's, else a guess from the content.
    pub fn detect(given: Option<Format>, file_name: Option<&str>, text: &str) -> Format {
        given.or_else(|| file_name.and_then(Format::from_file_name)).unwrap_or_else(|| Format::sniff(text))
    }
}

/// How the bytes of a file were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16 => "UTF-16",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decode a file's bytes: valid UTF-8 (a BOM is dropped) stays UTF-8; a
/// UTF-16 BOM decodes as UTF-16; anything else is read as Windows-1252, which
/// is what Swedish Excel writes for "CSV (semikolonavgränsad)". Every byte
/// sequence decodes, so this never fails.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return (s.to_string(), Encoding::Utf8Bom);
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), Encoding::Utf8);
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            let (s, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            return (s.into_owned(), Encoding::Utf16);
        }
    }
    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    (s.into_owned(), Encoding::Windows1252)
}

/// Parse text in a known format.
pub fn parse(text: &str, format: Format) -> Preview {
    let mut preview = match format {
        Format::Text => text::parse(text),
        Format::Markdown => markdown::parse(text),
        Format::Csv => csv::parse(text),
        Format::Ron => ron::parse(text),
    };
    if preview.goals.is_empty() && !preview.has_errors() {
        preview.problems.push(Problem { line: 1, kind: ProblemKind::NoGoals });
    }
    preview
}

/// A decoded and parsed file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub format: Format,
    pub encoding: Encoding,
    pub preview: Preview,
}

/// Decode `bytes`, detect the format (see [`Format::detect`]) and parse.
/// A binary document is refused before it is read as text.
pub fn preview_bytes(bytes: &[u8], format: Option<Format>, file_name: Option<&str>) -> Imported {
    let (text, encoding) = decode(bytes);
    let format = Format::detect(format, file_name, &text);
    if let Some(line) = binary_line(bytes, &text) {
        let preview = Preview::from_lines(Vec::new(), vec![Problem { line, kind: ProblemKind::Binary }]);
        return Imported { format, encoding, preview };
    }
    Imported { format, encoding, preview: parse(&text, format) }
}

/// The line of the first sign that this is not a text file: a zip (xlsx,
/// docx) or PDF signature, or a control character no text file holds.
fn binary_line(bytes: &[u8], text: &str) -> Option<usize> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"%PDF") || bytes.starts_with(b"\xd0\xcf\x11\xe0") {
        return Some(1);
    }
    let at = text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))?;
    Some(text[..at].matches('\n').count() + 1)
}

/// Split a wording cleaned of markup into (code, wording) the way every format does.
pub(crate) fn goal_from(code: Option<String>, wording: &str) -> Option<Goal> {
    let wording = wording.split_whitespace().collect::<Vec<_>>().join(" ");
    if wording.is_empty() {
        return None;
    }
    let code = code.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    Some(Goal::new(code, wording))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_picks_utf8_or_windows_1252() {
        let (s, e) = decode("Målet är nåbart".as_bytes());
        assert_eq!((s.as_str(), e), ("Målet är nåbart", Encoding::Utf8));
        let (s, e) = decode(b"\xef\xbb\xbf\xc3\xa5");
        assert_eq!((s.as_str(), e), ("å", Encoding::Utf8Bom));
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Öka tryggheten för äldre – så");
        let (s, e) = decode(&bytes);
        assert_eq!((s.as_str(), e), ("Öka tryggheten för äldre – så", Encoding::Windows1252));
        let mut utf16 = vec![0xff, 0xfe];
        for u in "mål".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16), ("mål".to_string(), Encoding::Utf16));
    }

    #[test]
    fn format_detection() {
        assert_eq!(Format::from_file_name("BSP 2027.MD"), Some(Format::Markdown));
        assert_eq!(Format::from_file_name("mal.csv"), Some(Format::Csv));
        assert_eq!(Format::from_file_name("mal"), None);
        assert_eq!(Format::sniff("[ (wording: \"x\") ]"), Format::Ron);
        assert_eq!(Format::sniff("Kod;Mål\n1;Trygg\n"), Format::Csv);
        assert_eq!(Format::sniff("code,goal\n1,Safe\n"), Format::Csv);
        assert_eq!(Format::sniff("a;b\nc;d\n"), Format::Csv);
        assert_eq!(Format::sniff("# BSP\n## Medborgare\n- Trygg\n"), Format::Markdown);
        assert_eq!(Format::sniff("1.1 Trygg, säker uppväxt\n1.2 Bra skola\n"), Format::Text);
        // the given format wins over the extension, the extension over content
        assert_eq!(Format::detect(Some(Format::Text), Some("a.csv"), "a;b"), Format::Text);
        assert_eq!(Format::detect(None, Some("a.txt"), "a;b\nc;d"), Format::Text);
    }

    #[test]
    fn binary_documents_are_refused() {
        for bytes in [&b"PK\x03\x04\x14\x00rest"[..], b"%PDF-1.7\n", b"1 Ett\n2 T\x00v\xe5\n"] {
            let got = preview_bytes(bytes, None, Some("mal.txt"));
            assert!(got.preview.goals.is_empty(), "{bytes:?}");
            assert_eq!(got.preview.problems.len(), 1);
            assert_eq!(got.preview.problems[0].kind, ProblemKind::Binary);
        }
        assert_eq!(preview_bytes(b"1 Ett\n2 T\x00v\n", None, None).preview.problems[0].line, 2);
    }

    #[test]
    fn empty_file_is_a_problem() {
        let p = parse("\n\n", Format::Text);
        assert!(p.has_errors());
        assert_eq!(p.problems[0].kind, ProblemKind::NoGoals);
    }

    #[test]
    fn codes_in_use_are_flagged() {
        let mut p = text::parse("1.1 Ny\n1.3 Annan\n");
        p.flag_codes_in_use(&[Goal::new(Some("1.3".into()), "Gammal")]);
        assert_eq!(p.problems, vec![Problem { line: 2, kind: ProblemKind::DuplicateCode("1.3".into()) }]);
    }
}
