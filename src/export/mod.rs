//! PURE exports: `&Document -> bytes`, one module per format. No file system;
//! the CLI and the TUI decide where the bytes go.
//!
//! A [`doc::Document`] is built from the workshop and the groups' files (or
//! the merged outline) and holds only resolved text; each format renders it
//! with the labels of `i18n::export` in the workshop's language.

mod clean;
pub mod csv;
pub mod doc;
pub mod docx;
pub mod escape;
mod groups;
pub mod html;
pub mod json;
/// "Källa: Kolada" for exports with Kolada indicators (issue #20; not yet wired).
pub mod kolada;
pub mod markdown;
pub mod number;
pub mod opml;
mod orphans;
pub mod outline;
pub mod quality;
mod saved;
pub mod xlsx;

pub use doc::{Document, Text};

use std::borrow::Cow;

use crate::i18n::{common::T as C, export::T as E, Lang};
use crate::tr;

/// The export formats, named as on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Md,
    Html,
    Docx,
    Xlsx,
    Csv,
    Json,
    Opml,
}

impl Format {
    pub const ALL: [Format; 7] =
        [Format::Md, Format::Html, Format::Docx, Format::Xlsx, Format::Csv, Format::Json, Format::Opml];

    /// The file extension (also the name on the command line).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Opml => "opml",
        }
    }
}

/// Options that only some formats use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// CSV field delimiter (`;` for Swedish Excel).
    pub delimiter: u8,
    /// Start the CSV with a UTF-8 byte order mark (Excel needs it to read UTF-8).
    pub bom: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { delimiter: b';', bom: true }
    }
}

/// Why an export could not be produced (only the binary formats can fail).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("DOCX: {0}")]
    Docx(String),
    #[error("XLSX: {0}")]
    Xlsx(String),
    #[error("CSV: {0}")]
    Csv(String),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Render `doc` in `format`.
pub fn render(doc: &Document, format: Format, options: &Options) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Md => markdown::render(doc).into_bytes(),
        Format::Html => html::render(doc).into_bytes(),
        Format::Docx => docx::render(doc)?,
        Format::Xlsx => xlsx::render(doc)?,
        Format::Csv => csv::render(doc, options)?,
        Format::Json => json::render(doc)?.into_bytes(),
        Format::Opml => opml::render(doc).into_bytes(),
    })
}

/// "förslag från Grupp 1, Grupp 3" as pieces of text (the message's words
/// and the names between ", "), for writers that escape them straight into
/// their output; `None` when there is nobody to name.
pub fn provenance_pieces<'a>(lang: Lang, from: &'a [Text]) -> Option<impl Iterator<Item = &'a str>> {
    if from.is_empty() {
        return None;
    }
    let template = E::ProposedBy.get(lang);
    let (before, after) = template.split_once("{groups}").unwrap_or((template, ""));
    Some([before].into_iter().chain(group_name_pieces(from)).chain([after]))
}

/// "Grupp 1, Grupp 2" as pieces: each name and the ", " between them.
pub fn group_name_pieces<'a>(from: &'a [Text]) -> impl Iterator<Item = &'a str> {
    from.iter().enumerate().flat_map(|(i, name)| [if i > 0 { ", " } else { "" }, name.as_ref()])
}

/// "Grupp 1, Grupp 2" as one text, borrowed when there is at most one name.
pub fn group_names<'a>(from: &'a [Text]) -> Cow<'a, str> {
    match from {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one),
        more => Cow::Owned(more.join(", ")),
    }
}

/// Write "förslag från A, B" through the escape function `esc`, without
/// building the text first (this runs for every item of every goal).
/// Returns false, writing nothing, when there is nobody to name.
pub fn write_provenance(lang: Lang, from: &[Text], out: &mut String, esc: fn(&str, &mut String)) -> bool {
    let Some(pieces) = provenance_pieces(lang, from) else { return false };
    for piece in pieces {
        esc(piece, out);
    }
    true
}

/// The line under the title: what the document was built from.
pub fn source_line(doc: &Document) -> String {
    match &doc.source {
        doc::Source::Group { group } => tr!(doc.lang, E::SourceGroup, group = group),
        doc::Source::Groups => tr!(doc.lang, E::SourceGroups),
        doc::Source::Outline => tr!(doc.lang, E::SourceOutline),
    }
}

/// The title block's label/value pairs that have a value.
pub fn title_facts(doc: &Document) -> Vec<(&'static str, String)> {
    let lang = doc.lang;
    let mut facts = Vec::new();
    for (label, value) in [(C::Organisation, &doc.organisation), (C::Plan, &doc.plan)] {
        if !value.is_empty() {
            facts.push((label.get(lang), value.to_string()));
        }
    }
    if let Some(date) = doc.date {
        facts.push((C::Date.get(lang), date.format("%Y-%m-%d").to_string()));
    }
    facts
}

/// The goal's perspective and owner, where given.
pub fn goal_facts<'g>(lang: Lang, goal: &'g doc::GoalSection) -> Vec<(&'static str, &'g str)> {
    [(C::Perspective, goal.perspective.as_ref()), (C::Owner, goal.owner.as_ref())]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.get(lang), v))
        .collect()
}

/// The label of a verdict, or "not given".
pub fn verdict_label(lang: Lang, row: &doc::VerdictRow) -> &'static str {
    row.verdict.map(|v| v.label(lang)).unwrap_or(E::NoVerdict.get(lang))
}

/// The label of a flag kind.
pub fn flag_label(lang: Lang, kind: doc::FlagKind) -> &'static str {
    match kind {
        doc::FlagKind::Conflict => E::Conflict.get(lang),
        doc::FlagKind::Duplicate => E::Duplicate.get(lang),
        doc::FlagKind::Note => E::Note.get(lang),
    }
}

/// Headings of the full indicator table (Markdown, CSV, XLSX), in the order of
/// [`indicator_cells`].
pub fn indicator_headers(lang: Lang) -> [&'static str; 11] {
    [
        C::Indicator.get(lang),
        C::Definition.get(lang),
        C::Source.get(lang),
        C::Kolada.get(lang),
        C::Baseline.get(lang),
        C::BaselineYear.get(lang),
        C::Target.get(lang),
        C::TargetYear.get(lang),
        C::Frequency.get(lang),
        C::Responsible.get(lang),
        C::LinkedSubGoal.get(lang),
    ]
}

/// The cells of one indicator, in the order of [`indicator_headers`].
pub fn indicator_cells<'r>(row: &'r doc::IndicatorRow) -> [&'r str; 11] {
    [
        &row.name,
        &row.definition,
        &row.source,
        &row.kolada,
        &row.baseline,
        &row.baseline_year,
        &row.target,
        &row.target_year,
        &row.frequency,
        &row.responsible,
        &row.subgoal,
    ]
}

/// Headings of the compact indicator table that fits an A4 page (HTML, DOCX).
pub fn compact_headers(lang: Lang) -> [&'static str; 6] {
    [
        C::Indicator.get(lang),
        C::Source.get(lang),
        C::Baseline.get(lang),
        C::Target.get(lang),
        C::Frequency.get(lang),
        C::Responsible.get(lang),
    ]
}

/// The cells of the compact table: name with definition and linked sub-goal,
/// source with Kolada id, "value (year)" for baseline and target.
pub fn compact_cells(lang: Lang, row: &doc::IndicatorRow) -> [String; 6] {
    compact_pieces(lang, row).map(|cell| cell.concat())
}

/// [`compact_cells`] as pieces of text, for writers that escape them
/// straight into their output (DOCX) instead of building each cell first.
pub fn compact_pieces<'a>(lang: Lang, row: &'a doc::IndicatorRow) -> [Pieces<'a>; 6] {
    let mut name = Pieces::default();
    name.line(&[&row.name]);
    name.line(&[&row.definition]);
    if !row.subgoal.is_empty() {
        name.line(&[C::SubGoal.get(lang), ": ", &row.subgoal]);
    }
    let mut source = Pieces::default();
    source.line(&[&row.source]);
    if !row.kolada.is_empty() {
        source.line(&[C::Kolada.get(lang), ": ", &row.kolada]);
    }
    let measure = |value: &'a str, year: &'a str| {
        let mut p = Pieces::default();
        match (value.is_empty(), year.is_empty()) {
            (_, true) => p.line(&[value]),
            (true, false) => p.line(&["(", year, ")"]),
            (false, false) => p.line(&[value, " (", year, ")"]),
        }
        p
    };
    let one = |text: &'a str| {
        let mut p = Pieces::default();
        p.line(&[text]);
        p
    };
    [
        name,
        source,
        measure(&row.baseline, &row.baseline_year),
        measure(&row.target, &row.target_year),
        one(&row.frequency),
        one(&row.responsible),
    ]
}

/// A text as the pieces it is made of, in order (at most seven).
#[derive(Clone, Copy, Debug, Default)]
pub struct Pieces<'a> {
    parts: [&'a str; 7],
    len: usize,
}

impl<'a> Pieces<'a> {
    /// Add a line made of `parts`, after a line break when there are lines
    /// already; a line whose parts are all empty is left out.
    fn line(&mut self, parts: &[&'a str]) {
        if parts.iter().all(|p| p.is_empty()) {
            return;
        }
        if self.len > 0 {
            self.parts[self.len] = "\n";
            self.len += 1;
        }
        for p in parts {
            self.parts[self.len] = p;
            self.len += 1;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.parts[..self.len].iter().copied()
    }

    pub fn concat(&self) -> String {
        self.parts[..self.len].concat()
    }
}
