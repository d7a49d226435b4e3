//! The autosave worker: saving runs on its own thread so typing never waits
//! for the disk. Jobs for the same file coalesce to the newest.
//!
//! Every write of the group's file expects the version this process last
//! read or wrote there (see `store::revision`). When another program put a
//! different version in its place, [`conflict`] merges the two per item and
//! writes the result; what cannot be merged is kept as a named copy.

mod conflict;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Mutex;
use std::thread;

use chrono::{DateTime, Utc};

use super::ShellEvent;
use crate::app::session::save::SaveNote;
use crate::domain::GroupFile;
use crate::i18n::tui::T;
use crate::i18n::Lang;
use crate::store::lock::LockTicket;
use crate::store::{self, StoreError};
use crate::tr;

pub use conflict::copy_path;

/// One save to do.
pub struct Job {
    pub generation: u64,
    pub path: PathBuf,
    pub file: GroupFile,
    /// The group's lock as this terminal took it: checked before each write.
    pub lock: Option<LockTicket>,
    /// The group's own file, when `path` is another folder's (after F2
    /// "spara i annan mapp"): tried first on every save.
    pub home: Option<PathBuf>,
}

/// Group files whose lock another terminal took while this one had the
/// group open: every later save of them goes to the named copy instead.
/// Keyed by the file and the lock's token (two terminals in one process,
/// as in tests, each have their own).
static DIVERTED: Mutex<BTreeMap<(PathBuf, uuid::Uuid), PathBuf>> = Mutex::new(BTreeMap::new());

/// What one save did.
pub struct Outcome {
    pub result: Result<DateTime<Utc>, String>,
    pub note: Option<SaveNote>,
}

/// Start the worker; results come back as [`ShellEvent::Saved`], each
/// preceded by a [`ShellEvent::SaveNote`] when the save did more than save.
pub fn spawn(results: Sender<ShellEvent>, lang: Lang) -> Sender<Job> {
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let spawned = thread::Builder::new().name("autosave".into()).spawn(move || worker(rx, results, lang));
    if spawned.is_err() {
        // No thread: saves will never report; the shell's final save still runs.
    }
    tx
}

fn worker(rx: Receiver<Job>, results: Sender<ShellEvent>, lang: Lang) {
    while let Ok(mut job) = rx.recv() {
        // Coalesce: only the newest pending job matters.
        while let Ok(newer) = rx.try_recv() {
            job = newer;
        }
        let home = job.home.as_deref();
        let Outcome { result, note } =
            save_away(&job.path, &mut job.file, job.generation, job.lock.as_ref(), home, lang);
        if let Some(note) = note {
            if results.send(ShellEvent::SaveNote(Box::new(note))).is_err() {
                break;
            }
        }
        if results.send(ShellEvent::Saved { generation: job.generation, result }).is_err() {
            break;
        }
    }
}

/// Stamp `saved_at` and write the group file atomically (the shell's last
/// save on quit). A version found on disk is merged as in autosave.
pub fn save_file(path: &Path, file: &mut GroupFile, lang: Lang) -> Result<DateTime<Utc>, String> {
    save_job(path, file, 0, None, lang).result
}

/// The last save on quit, with every check of autosave. On success, what
/// to tell the user after the terminal is restored, when the text is not
/// (only) in the group's own file: a lost lock's copy, a conflict copy,
/// another folder.
pub fn save_final(
    path: &Path,
    file: &mut GroupFile,
    lock: Option<&LockTicket>,
    home: Option<&Path>,
    lang: Lang,
) -> Result<Option<String>, String> {
    let Outcome { result, note } = save_away(path, file, 0, lock, home, lang);
    result?;
    let Some(note) = note else {
        return Ok(home.map(|_| tr!(lang, T::SavedElsewhereNote, path = path.display())));
    };
    Ok(match &note.saved_to {
        Some(to) if Some(to.as_path()) == home => None,
        Some(to) if to != path => Some(tr!(lang, T::SavedToCopyNote, path = to.display())),
        _ if home.is_some() => Some(tr!(lang, T::SavedElsewhereNote, path = path.display())),
        _ => note.note.clone(),
    })
}

/// A save to `path` while the group's own file is `home` (another folder
/// after F2): home is tried first, with every check of a normal save; when
/// that works the text is back home (the note says so and the rescue
/// pointer goes); otherwise the other folder, and the next start is told
/// where the text is (`store::rescue`).
pub fn save_away(
    path: &Path,
    file: &mut GroupFile,
    generation: u64,
    lock: Option<&LockTicket>,
    home: Option<&Path>,
    lang: Lang,
) -> Outcome {
    let Some(home) = home.filter(|h| *h != path) else { return save_job(path, file, generation, lock, lang) };
    let empty = || SaveNote { generation, replaced: None, saved_to: None, notice: None, note: None };
    let mut back = save_job(home, file, generation, lock, lang);
    if back.result.is_ok() {
        store::rescue::clear(home);
        let note = back.note.get_or_insert_with(empty);
        if note.saved_to.is_none() {
            note.saved_to = Some(home.to_path_buf());
            let folder = home.parent().unwrap_or(home).display().to_string();
            note.notice.get_or_insert_with(|| tr!(lang, T::BackHome, folder = folder));
        }
        return back;
    }
    // Still not possible: the other folder (the lock guards the home file only).
    let mut away = save_job(path, file, generation, None, lang);
    if away.result.is_ok() {
        store::rescue::remember(home, path);
        away.note.get_or_insert_with(empty).saved_to = Some(path.to_path_buf());
    }
    away
}

/// One save of the group's file: stamp, check the lock, check the version
/// on disk, write; merge with a version another program wrote.
pub fn save_job(path: &Path, file: &mut GroupFile, generation: u64, lock: Option<&LockTicket>, lang: Lang) -> Outcome {
    let now = Utc::now();
    file.saved_at = Some(now);
    let plain = |result| Outcome { result, note: None };
    if let Err(e) = make_folder(path) {
        return plain(Err(e.message(lang)));
    }
    if let Some(copy) = diverted(path, lock) {
        // Another terminal holds the group now: never write its file; ours
        // goes on to the named copy beside it, which the merge reads.
        return match store::save_checked(&copy, file) {
            Ok(()) => {
                let note = tr!(lang, T::LockLostNote, file = conflict::shown(&copy));
                let notice = Some(tr!(lang, T::LockLostNotice));
                let note = SaveNote { generation, replaced: None, saved_to: Some(copy), notice, note: Some(note) };
                Outcome { result: Ok(now), note: Some(note) }
            }
            Err(e) => plain(Err(e.message(lang))),
        };
    }
    match store::save_checked(path, file) {
        Ok(()) => Outcome { result: Ok(now), note: near_cap(path, generation, lang) },
        Err(StoreError::ChangedOnDisk { .. }) => conflict::resolve(path, file, generation, lang),
        Err(e) => plain(Err(e.message(lang))),
    }
}

/// Warn from this share of the size cap on: the writer refuses past the cap.
pub const NEAR_CAP_PERCENT: u64 = 90;

/// A notice when the file just written is near the size cap.
fn near_cap(path: &Path, generation: u64, lang: Lang) -> Option<SaveNote> {
    let len = store::seen_len(path)? as u64;
    let cap = store::codec::MAX_FILE_BYTES;
    if len * 100 < cap * NEAR_CAP_PERCENT {
        return None;
    }
    let mib = |b: u64| format!("{:.1}", b as f64 / (1024.0 * 1024.0));
    let notice = Some(tr!(lang, T::NearSizeCap, size = mib(len), cap = mib(cap)));
    Some(SaveNote { generation, replaced: None, saved_to: None, notice, note: None })
}

/// The copy to save to instead of `path`: once the lock was lost, always.
/// A lock file that simply vanished is taken again (nobody else holds it).
fn diverted(path: &Path, lock: Option<&LockTicket>) -> Option<PathBuf> {
    let lock = lock?;
    let key = (path.to_path_buf(), lock.info.token?);
    let mut map = DIVERTED.lock().ok()?;
    if let Some(copy) = map.get(&key) {
        return Some(copy.clone());
    }
    if lock.ensure() {
        return None;
    }
    let copy = copy_path(path);
    map.insert(key, copy.clone());
    Some(copy)
}

/// Create the file's own folder (`groups/`, or the folder typed for "save
/// elsewhere") but never the folders above it: a workshop folder that was
/// removed, or a USB stick that was pulled out, must fail the save with a
/// warning rather than write to a new folder in its place.
fn make_folder(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            match std::fs::create_dir(dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(StoreError::io(dir, e)),
            }
        }
    }
    Ok(())
}
