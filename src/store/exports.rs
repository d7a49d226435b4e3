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
    check_output(path, force)?;
    let written = if force { atomic::write_atomic(path, bytes) } else { atomic::create_new_atomic(path, bytes) };
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::Exists { path: path.to_path_buf() }),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// May an export be written to `path`? Only a missing path, or (with
/// `force`) a regular file, and never one of a workshop's own data files:
/// a FIFO, device (`/dev/full`), socket, folder or symlink (say to
/// `/proc/self/fd/1`) is refused even with `force`. Called before anything
/// is written, the outline included.
pub fn check_output(path: &Path, force: bool) -> Result<(), StoreError> {
    if is_workshop_data(path) {
        return Err(StoreError::WorkshopData { path: path.to_path_buf() });
    }
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
        Ok(m) if !m.file_type().is_file() => Err(StoreError::NotRegular {
            path: path.to_path_buf(),
            kind: super::error::SpecialKind::of(&m.file_type()),
        }),
        Ok(_) if !force => Err(StoreError::Exists { path: path.to_path_buf() }),
        Ok(_) => Ok(()),
    }
}

/// True for a path among a workshop's own files (in any workshop, found by
/// its `workshop.ron`): `workshop.ron`, `outline.ron`, a lock, backup,
/// recovery or hidden temp file in the workshop folder, or anything in its
/// `groups/`.
fn is_workshop_data(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(parent) = fs::canonicalize(parent) else { return false };
    let is_root = |dir: &Path| dir.join(super::WORKSHOP_FILE).is_file();
    if parent.file_name().is_some_and(|n| n == super::GROUPS_DIR) && parent.parent().is_some_and(is_root) {
        return true;
    }
    is_root(&parent)
        && (name == super::WORKSHOP_FILE
            || name == super::OUTLINE_FILE
            || name.starts_with('.')
            || [".bak", ".lock", ".recovery", ".ron"].iter().any(|end| name.ends_with(end)))
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
