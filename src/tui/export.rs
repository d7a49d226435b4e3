//! Carrying out an export for the dialog: the same steps as the `export`
//! command (outline merged first when missing or stale, quality section,
//! atomic write into the workshop's `exports/`), but never over a file: the
//! next free name is taken instead.

use crate::app::export::{ExportRequest, ExportResult, Target};
use crate::domain::quality::WordLists;
use crate::export::{self, Document, Options};
use crate::i18n::{export::T, Lang};
use crate::store::exports::{self, OutlineState};
use crate::store::WorkshopDir;
use crate::tr;

pub fn run(req: ExportRequest, lang: Lang) -> ExportResult {
    let dir = WorkshopDir { root: req.root };
    let w = &req.workshop;
    // The word lists `check --quality` and the plenary use (the user's word
    // file, Kolada's catalogue when fetched), so the scores agree; a broken
    // word file leaves the shipped lists, as the TUI does at start.
    let words = match crate::store::words::load_word_lists(None) {
        Ok(words) => words.with_kolada(crate::kolada::load_if_present().map(|c| crate::kolada::index(&c))),
        Err(_) => WordLists::embedded(),
    };
    let date = w.date.unwrap_or_else(|| chrono::Local::now().date_naive()).format("%Y-%m-%d").to_string();
    // The document borrows the outline, so it is rendered where the outline lives.
    let render = |document: Document| {
        export::render(&document, req.format, &Options::default()).map_err(|e| tr!(lang, T::RenderFailed, error = e))
    };
    let (bytes, stem, note) = match &req.target {
        Target::Outline => {
            let (outline, state) = exports::current_outline(&dir, w).map_err(|e| e.message(lang))?;
            let path = dir.outline_path();
            let note = match state {
                OutlineState::Current => None,
                OutlineState::Created => Some(tr!(lang, T::OutlineCreated, path = path.display())),
                OutlineState::Updated => Some(tr!(lang, T::OutlineUpdated, path = path.display())),
            };
            // Each group's quality score from its own file, as `check --quality` computes it.
            let files: Vec<_> = w.groups.iter().filter_map(|g| dir.load_group(g).ok().flatten()).collect();
            (render(Document::from_outline(w, &outline, &files, &words))?, exports::workshop_stem(w), note)
        }
        Target::Group { file, .. } => {
            (render(Document::from_group_file(w, file, &words))?, exports::group_stem(w, file), None)
        }
    };
    let folder = exports::exports_dir(&dir).map_err(|e| e.message(lang))?;
    let path = exports::free_export_path(&folder, &stem, &date, req.format.extension());
    exports::write_export(&path, &bytes, false).map_err(|e| e.message(lang))?;
    Ok((path, note))
}
