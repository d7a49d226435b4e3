//! The files around an export: the outline it is made from (merged first
//! when missing or stale) and the file it is written to. Shared by the
//! `export` command and the TUI's export dialog.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::outline::{merge_inputs, read_merge_files};
use super::{atomic, StoreError, WorkshopDir};
use crate::domain::merge::{self, MergeError};
use crate::domain::outline::Outline;
use crate::domain::{slug, GroupFile, Workshop};
use crate::i18n::Lang;

/// How the outline of an export came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlineState {
    /// `outline.ron` holds everything the group files say.
    Current,
    /// There was no `outline.ron`: the group files were merged and saved.
    Created,
    /// A group file changed since the last merge: merged again (keeping
    /// every decision) and saved.
    Updated,
}

/// Why the outline could not be made ready.
#[derive(Debug)]
pub enum PrepareError {
    /// Group files that could not be read: exporting without them would
    /// silently leave a group's work out.
    Unreadable(Vec<StoreError>),
    Store(StoreError),
    Merge(MergeError),
}

impl PrepareError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PrepareError::Unreadable(errors) => errors.iter().map(|e| e.message(lang)).collect::<Vec<_>>().join("\n"),
            PrepareError::Store(e) => e.message(lang),
            PrepareError::Merge(e) => e.message(lang),
        }
    }
}

impl From<StoreError> for PrepareError {
    fn from(e: StoreError) -> PrepareError {
        PrepareError::Store(e)
    }
}

/// The workshop's outline as of now. Staleness is decided by content, not
/// by modification times: the group files are merged with the stored
/// outline as `previous` (which keeps its decisions), and when the result
/// differs from what is stored, it is saved and returned.
pub fn current_outline(dir: &WorkshopDir, w: &Workshop) -> Result<(Outline, OutlineState), PrepareError> {
    let paths = dir.group_files()?;
    let (files, unreadable) = read_merge_files(&paths);
    if !unreadable.is_empty() {
        return Err(PrepareError::Unreadable(unreadable));
    }
    let previous = dir.load_outline()?;
    let inputs = merge_inputs(&files);
    let fresh = merge::merge(w, &inputs, previous.as_ref()).map_err(PrepareError::Merge)?;
    let state = match previous {
        Some(stored) if stored == fresh => return Ok((stored, OutlineState::Current)),
        Some(_) => OutlineState::Updated,
        None => OutlineState::Created,
    };
    dir.save_outline(&fresh)?;
    Ok((fresh, state))
}

/// The workshop's `exports/` folder, created when missing. A symlink in its
/// place is refused: exports are written into the workshop, nowhere else.
pub fn exports_dir(dir: &WorkshopDir) -> Result<PathBuf, StoreError> {
    let path = dir.exports_dir();
    match fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(StoreError::io(&path, io::Error::other("a symbolic link, not a folder")));
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(&path).map_err(|e| StoreError::io(&path, e))?;
        }
        Err(e) => return Err(StoreError::io(&path, e)),
    }
    Ok(path)
}

/// `<folder>/<stem>-<date>.<ext>`.
pub fn export_path(folder: &Path, stem: &str, date: &str, ext: &str) -> PathBuf {
    folder.join(format!("{stem}-{date}.{ext}"))
}

/// The first of `<stem>-<date>.<ext>`, `<stem>-<date>-2.<ext>`, … that does
/// not exist (not even as a dangling symlink).
pub fn free_export_path(folder: &Path, stem: &str, date: &str, ext: &str) -> PathBuf {
    let first = export_path(folder, stem, date, ext);
    if fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2..1000)
        .map(|n| folder.join(format!("{stem}-{date}-{n}.{ext}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or(first)
}

/// Write an export atomically: a temp file beside it, then a rename, so a
/// symlink planted at `path` is replaced, never written through. Without
/// `force` anything already at `path` (a file, a link) is an error
/// ([`StoreError::Exists`]).
pub fn write_export(path: &Path, bytes: &[u8], force: bool) -> Result<(), StoreError> {
    let written = if force { atomic::write_atomic(path, bytes) } else { atomic::create_new_atomic(path, bytes) };
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::Exists { path: path.to_path_buf() }),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// `ks-arbetsdag`: the workshop's slug, the stem of its exports.
pub fn workshop_stem(w: &Workshop) -> String {
    slug::slugify(&w.title, "workshop")
}

/// `ks-arbetsdag-grupp-2`: the workshop's and the group's slugs.
pub fn group_stem(w: &Workshop, file: &GroupFile) -> String {
    let group_slug = match w.group(file.group) {
        Some(g) => slug::slugify(&g.slug, "grupp"),
        None => slug::slugify(&file.group_name, "grupp"),
    };
    format!("{}-{group_slug}", workshop_stem(w))
}
