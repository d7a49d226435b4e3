//! The only code that touches session files.
//!
//! Layout of a workshop folder:
//! ```text
//! <sessions>/<workshop-slug>/workshop.ron
//! <sessions>/<workshop-slug>/groups/<group-slug>.ron
//! <sessions>/<workshop-slug>/outline.ron
//! <sessions>/<workshop-slug>/exports/
//! ```

pub mod atomic;
pub mod codec;
pub mod error;
pub mod exports;
pub mod lock;
pub mod outline;
pub mod rescue;
pub mod revision;
pub mod templates;
pub mod update;
pub mod words;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Serialize};

pub use error::StoreError;

use crate::domain::{slug, Group, GroupFile, Workshop};

pub const WORKSHOP_FILE: &str = "workshop.ron";
pub const GROUPS_DIR: &str = "groups";
pub const OUTLINE_FILE: &str = "outline.ron";
pub const EXPORTS_DIR: &str = "exports";

/// Where sessions live: `--dir`, else `MALVERKSTAD_DIR`, else the platform data dir.
pub fn sessions_dir(cli: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(dir) = cli {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("MALVERKSTAD_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("se", "Malverkstad", "malverkstad")
        .map(|p| p.data_dir().join("sessions"))
        .ok_or(StoreError::NoSessionsDir)
}

pub use revision::{forget, last_seen, remember, seen_len, Revision};

/// Serialize and atomically save `value` to `path`.
///
/// A path this process has read or written before (see [`revision`]) is
/// overwritten only while the file on disk still holds exactly the bytes this
/// process last saw there; otherwise nothing is written and the error is
/// [`StoreError::ChangedOnDisk`] (the caller merges, or keeps its version as a
/// copy). A path never seen keeps the older rule: an existing file that
/// cannot be read back as `T` (damaged, too large, from a newer schema) is
/// never overwritten.
pub fn save_checked<T: Serialize + DeserializeOwned>(path: &Path, value: &T) -> Result<(), StoreError> {
    let expected = last_seen(path);
    save_checked_against::<T>(path, value, expected.as_ref())
}

/// [`save_checked`] against an explicit expected revision (`None`: the older
/// "must parse" rule).
pub fn save_checked_against<T: Serialize + DeserializeOwned>(
    path: &Path,
    value: &T,
    expected: Option<&Revision>,
) -> Result<(), StoreError> {
    let text = codec::to_ron(value).map_err(|e| StoreError::io(path, std::io::Error::other(e.to_string())))?;
    write_checked::<T>(path, text.into_bytes(), expected)
}

/// Write already serialised `bytes` to `path` with the checks of [`save_checked_against`].
pub fn write_checked<T: DeserializeOwned>(
    path: &Path,
    bytes: Vec<u8>,
    expected: Option<&Revision>,
) -> Result<(), StoreError> {
    if bytes.len() as u64 > codec::MAX_FILE_BYTES {
        return Err(StoreError::WouldBeTooLarge { path: path.to_path_buf(), size: bytes.len() as u64 });
    }
    revision::check::<T>(path, expected)?;
    atomic::write_atomic(path, &bytes).map_err(|e| StoreError::io(path, e))?;
    revision::wrote(path, &bytes);
    remember(path, Revision::Bytes(bytes.into()));
    Ok(())
}

/// A workshop folder on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkshopDir {
    pub root: PathBuf,
}

impl WorkshopDir {
    /// Open a workshop folder (or the folder of a given `workshop.ron`).
    pub fn open(path: &Path) -> Result<WorkshopDir, StoreError> {
        let root = if path.file_name().is_some_and(|n| n == WORKSHOP_FILE) {
            path.parent().unwrap_or(Path::new(".")).to_path_buf()
        } else {
            path.to_path_buf()
        };
        if !root.exists() {
            return Err(StoreError::NotFound { path: root });
        }
        if !root.join(WORKSHOP_FILE).is_file() {
            return Err(StoreError::NotAWorkshop { path: root });
        }
        Ok(WorkshopDir { root })
    }

    pub fn workshop_path(&self) -> PathBuf {
        self.root.join(WORKSHOP_FILE)
    }
    pub fn groups_dir(&self) -> PathBuf {
        self.root.join(GROUPS_DIR)
    }
    pub fn outline_path(&self) -> PathBuf {
        self.root.join(OUTLINE_FILE)
    }
    pub fn exports_dir(&self) -> PathBuf {
        self.root.join(EXPORTS_DIR)
    }
    /// The file of a group. The slug is re-checked so that a hand-edited
    /// workshop file can never point outside the folder.
    pub fn group_path(&self, group: &Group) -> PathBuf {
        let slug =
            if slug::is_safe_slug(&group.slug) { group.slug.clone() } else { slug::slugify(&group.slug, "grupp") };
        self.groups_dir().join(format!("{slug}.ron"))
    }

    pub fn load_workshop(&self) -> Result<Workshop, StoreError> {
        codec::read_file(&self.workshop_path())
    }

    /// Load workshop.ron to edit it: its bytes become the revision the next
    /// [`save_checked`] of it expects on disk.
    pub fn load_workshop_for_edit(&self) -> Result<Workshop, StoreError> {
        revision::read_remembered(&self.workshop_path())
    }

    pub fn save_workshop(&self, w: &Workshop) -> Result<(), StoreError> {
        save_checked(&self.workshop_path(), w)
    }

    /// Load a group's file; `Ok(None)` when the group has not saved yet.
    pub fn load_group(&self, group: &Group) -> Result<Option<GroupFile>, StoreError> {
        let path = self.group_path(group);
        match codec::read_file(&path) {
            Ok(f) => Ok(Some(f)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Load a group's file to edit it (the TUI's open group): what was read,
    /// or that there was no file, becomes the revision the next save of it
    /// expects on disk. Other reads ([`WorkshopDir::load_group`]) leave the
    /// remembered revision alone, so a progress count can never make a
    /// change by another program look like our own.
    pub fn load_group_for_edit(&self, group: &Group) -> Result<Option<GroupFile>, StoreError> {
        let path = self.group_path(group);
        match revision::read_remembered(&path) {
            Ok(f) => Ok(Some(f)),
            Err(StoreError::NotFound { .. }) => {
                // Seen absent: a file that appears before our first save is not ours to replace.
                remember(&path, Revision::Absent);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Save a group's file (stamping `saved_at` is the caller's choice).
    pub fn save_group(&self, group: &Group, file: &GroupFile) -> Result<(), StoreError> {
        let dir = self.groups_dir();
        fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        save_checked(&self.group_path(group), file)
    }

    /// Every `.ron` file in `groups/`, sorted by name: the groups' own files
    /// and any copies that arrived beside them (`grupp-1 (1).ron`,
    /// `grupp-1.sync-conflict-….ron`). Backups and temp files are skipped.
    /// Anything else named `*.ron` (a FIFO, device, socket or folder) is
    /// listed too, so that reading it gives every caller (`check`, `merge`,
    /// export, the outline) an error that names it, instead of leaving it
    /// out unseen; the readers never open it ([`codec::open_regular`]).
    pub fn group_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let dir = self.groups_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(&dir, e)),
        };
        let mut out: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                // A dangling symlink is not a group file; everything else is looked at.
                name.ends_with(".ron") && !name.starts_with('.') && fs::metadata(p).is_ok()
            })
            .collect();
        out.sort();
        Ok(out)
    }
}

/// Create a new workshop folder under `sessions` with a unique slug, write
/// `workshop.ron` and an empty file per group. Nothing is left behind on error.
pub fn create_workshop(sessions: &Path, w: &Workshop) -> Result<WorkshopDir, StoreError> {
    fs::create_dir_all(sessions).map_err(|e| StoreError::io(sessions, e))?;
    let taken: Vec<String> = fs::read_dir(sessions)
        .map_err(|e| StoreError::io(sessions, e))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let name = slug::unique_slug(&w.title, "workshop", taken.iter().map(String::as_str));
    create_workshop_at(&sessions.join(name), w)
}

/// Create a workshop in exactly this (new or empty) folder.
pub fn create_workshop_at(root: &Path, w: &Workshop) -> Result<WorkshopDir, StoreError> {
    let staging = tempfile::Builder::new()
        .prefix(".new-workshop.")
        .tempdir_in(root.parent().unwrap_or(Path::new(".")))
        .map_err(|e| StoreError::io(root, e))?;
    let dir = WorkshopDir { root: staging.path().to_path_buf() };
    fs::create_dir_all(dir.groups_dir()).map_err(|e| StoreError::io(&dir.groups_dir(), e))?;
    fs::create_dir_all(dir.exports_dir()).map_err(|e| StoreError::io(&dir.exports_dir(), e))?;
    save_checked(&dir.workshop_path(), w)?;
    for group in &w.groups {
        save_checked(&dir.group_path(group), &GroupFile::new(w, group))?;
    }
    // Move the finished folder into place in one rename; an existing
    // non-empty folder makes the rename fail instead of mixing two workshops.
    let staged = staging.keep();
    if root.exists() && fs::read_dir(root).map(|mut d| d.next().is_some()).unwrap_or(true) {
        let _ = fs::remove_dir_all(&staged);
        return Err(StoreError::Exists { path: root.to_path_buf() });
    }
    let _ = fs::remove_dir(root);
    if let Err(e) = fs::rename(&staged, root) {
        let _ = fs::remove_dir_all(&staged);
        return Err(StoreError::io(root, e));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(root, fs::Permissions::from_mode(0o755));
    }
    let _ = atomic::sync_dir(root.parent().unwrap_or(Path::new(".")));
    Ok(WorkshopDir { root: root.to_path_buf() })
}

/// A line of `malverkstad list` and of the start screen.
#[derive(Clone, Debug)]
pub struct WorkshopSummary {
    pub dir: PathBuf,
    /// The workshop, or why it could not be read.
    pub workshop: Result<Workshop, String>,
    /// The newest `saved_at` among the group files.
    pub last_saved: Option<DateTime<Utc>>,
}

/// Every workshop folder directly under `sessions`, sorted by folder name.
pub fn list_workshops(sessions: &Path, lang: crate::i18n::Lang) -> Result<Vec<WorkshopSummary>, StoreError> {
    let entries = match fs::read_dir(sessions) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(sessions, e)),
    };
    // Hidden folders are staging copies of an interrupted `new`/`demo` or a
    // demo moved aside by `demo --reset`: not workshops to list.
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| p.join(WORKSHOP_FILE).is_file())
        .collect();
    dirs.sort();
    Ok(dirs
        .into_iter()
        .map(|root| {
            let dir = WorkshopDir { root: root.clone() };
            let workshop = dir.load_workshop().map_err(|e| e.message(lang));
            let last_saved = dir
                .group_files()
                .unwrap_or_default()
                .iter()
                .filter_map(|p| codec::read_file::<GroupFile>(p).ok())
                .filter_map(|f| f.saved_at)
                .max();
            WorkshopSummary { dir: root, workshop, last_saved }
        })
        .collect())
}
