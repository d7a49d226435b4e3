//! `malverkstad export PATH --format FMT [-o FILE] [--force]`: render a
//! workshop's merged outline (merged first when `outline.ron` is missing or
//! stale) or a single group file, and write it atomically, never over an
//! existing file without `--force` and never through a symlink.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use clap::builder::PossibleValue;
use clap::{Args, ValueEnum};

use super::exit;
use crate::domain::outline::Outline;
use crate::domain::quality::WordLists;
use crate::domain::{GroupFile, Workshop};
use crate::export::{self, Document, Format, Options};
use crate::i18n::{export::T, Lang};
use crate::store::exports::{self, OutlineState};
use crate::store::{self, codec, StoreError, WorkshopDir};
use crate::tr;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Workshopmapp, workshop.ron eller en gruppfil / Workshop folder, workshop.ron or a group file
    pub path: PathBuf,
    /// Format
    #[arg(long, short = 'f', value_enum)]
    pub format: Format,
    /// Utfil (standard: workshopens exports/) / Output file (default: the workshop's exports/)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Skriv över en befintlig fil / Overwrite an existing file
    #[arg(long)]
    pub force: bool,
    /// CSV: avgränsare (standard ;) / CSV: delimiter (default ;)
    #[arg(long, default_value = ";", value_name = "CHAR")]
    pub delimiter: String,
    /// CSV: ingen BOM i början / CSV: no byte order mark
    #[arg(long)]
    pub no_bom: bool,
}

/// `--format` takes the formats of [`Format::ALL`], each named by its
/// extension: the export layer keeps the one list and knows nothing of clap,
/// and clap gets `[possible values: …]` in `--help`, the list and a "similar
/// value" tip for a wrong name, as for a derived `ValueEnum`.
impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Format] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.extension()))
    }
}

/// What to export: what the document is built from and the folder whose
/// `exports/` it goes to.
struct Loaded {
    dir: WorkshopDir,
    workshop: Workshop,
    content: Content,
    words: WordLists,
    /// The file name stem without the date, e.g. `ks-arbetsdag` or `ks-arbetsdag-grupp-2`.
    stem: String,
    date: String,
    /// Said before the path: the outline was merged first.
    note: Option<String>,
}

enum Content {
    /// The outline and the groups' files (each group's quality score is
    /// computed from its own file, as `check --quality` does).
    Outline(Outline, Vec<GroupFile>),
    Group(GroupFile),
}

impl Loaded {
    /// The document, borrowing its texts from the workshop and its content.
    fn document(&self) -> Document<'_> {
        match &self.content {
            Content::Outline(outline, files) => Document::from_outline(&self.workshop, outline, files, &self.words),
            Content::Group(file) => Document::from_group_file(&self.workshop, file, &self.words),
        }
    }
}

pub fn run(args: &ExportArgs, lang: Lang) -> anyhow::Result<i32> {
    let options = Options { delimiter: parse_delimiter(&args.delimiter, lang)?, bom: !args.no_bom };
    // The output is checked before anything is written (the outline is
    // merged and saved by `load`).
    if let Some(path) = &args.output {
        if let Err(e) = exports::check_output(path, args.force) {
            return refused(path, e, lang);
        }
    }
    let loaded = load(&args.path, lang)?;
    let format = args.format;
    let bytes = export::render(&loaded.document(), format, &options)
        .map_err(|e| anyhow!(tr!(lang, T::RenderFailed, error = e)))?;
    let path = match &args.output {
        Some(p) => p.clone(),
        None => {
            let folder = exports::exports_dir(&loaded.dir).map_err(|e| anyhow!(e.message(lang)))?;
            exports::export_path(&folder, &loaded.stem, &loaded.date, format.extension())
        }
    };
    if let Some(note) = &loaded.note {
        println!("{note}");
    }
    match exports::write_export(&path, &bytes, args.force) {
        Ok(()) => {
            println!("{}", tr!(lang, T::Exported));
            println!("{}", path.display());
            Ok(exit::OK)
        }
        Err(e) => refused(&path, e, lang),
    }
}

/// An output that is there already (exit 1, as before), or that no export
/// may be written to, or a failed write.
fn refused(path: &Path, e: StoreError, lang: Lang) -> anyhow::Result<i32> {
    match e {
        StoreError::Exists { .. } => {
            eprintln!("{}", tr!(lang, T::OutputExists, path = path.display()));
            Ok(exit::FINDINGS)
        }
        e @ (StoreError::NotRegular { .. } | StoreError::WorkshopData { .. }) => {
            eprintln!("{}", e.message(lang));
            Ok(exit::UNREADABLE)
        }
        e => Err(anyhow!(tr!(lang, T::WriteFailed, path = path.display(), error = e.message(lang)))),
    }
}

fn parse_delimiter(s: &str, lang: Lang) -> anyhow::Result<u8> {
    let s = if s == "\\t" || s.eq_ignore_ascii_case("tab") { "\t" } else { s };
    match s.as_bytes() {
        [b] if b.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r') => Ok(*b),
        _ => Err(anyhow!(tr!(lang, T::BadDelimiter))),
    }
}

fn load(path: &Path, lang: Lang) -> anyhow::Result<Loaded> {
    let store_err = |e: store::StoreError| anyhow!(e.message(lang));
    let today = || chrono::Local::now().date_naive();
    let words = super::check_quality::load_word_lists(None, lang).map_err(|e| anyhow!(e))?;
    if path.is_dir() || path.file_name().is_some_and(|n| n == store::WORKSHOP_FILE) {
        let dir = WorkshopDir::open(path).map_err(store_err)?;
        let w = dir.load_workshop().map_err(store_err)?;
        let (outline, state) = exports::current_outline(&dir, &w).map_err(|e| anyhow!(e.message(lang)))?;
        let outline_path = dir.outline_path();
        let note = match state {
            OutlineState::Current => None,
            OutlineState::Created => Some(tr!(lang, T::OutlineCreated, path = outline_path.display())),
            OutlineState::Updated => Some(tr!(lang, T::OutlineUpdated, path = outline_path.display())),
        };
        let date = w.date.unwrap_or_else(today).format("%Y-%m-%d").to_string();
        let stem = exports::workshop_stem(&w);
        let files = w.groups.iter().filter_map(|g| dir.load_group(g).ok().flatten()).collect();
        let content = Content::Outline(outline, files);
        return Ok(Loaded { dir, workshop: w, content, words, stem, date, note });
    }
    let file: GroupFile = codec::read_file(path).map_err(store_err)?;
    let dir = path
        .parent()
        .and_then(Path::parent)
        .and_then(|root| WorkshopDir::open(root).ok())
        .ok_or_else(|| anyhow!(tr!(lang, T::NoWorkshopForGroupFile, path = path.display())))?;
    let w: Workshop = dir.load_workshop().map_err(store_err)?;
    if file.workshop != w.id {
        return Err(anyhow!(tr!(
            lang,
            T::WrongWorkshop,
            path = path.display(),
            workshop = dir.workshop_path().display()
        )));
    }
    let date = w.date.unwrap_or_else(today).format("%Y-%m-%d").to_string();
    let stem = exports::group_stem(&w, &file);
    Ok(Loaded { dir, workshop: w, content: Content::Group(file), words, stem, date, note: None })
}
