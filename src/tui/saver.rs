//! The autosave worker: saving runs on its own thread so typing never waits
//! for the disk. Jobs for the same file coalesce to the newest.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::thread;

use chrono::Utc;

use super::ShellEvent;
use crate::domain::GroupFile;
use crate::i18n::Lang;
use crate::store;

/// One save to do.
pub struct Job {
    pub generation: u64,
    pub path: PathBuf,
    pub file: GroupFile,
}

/// Start the worker; results come back as [`ShellEvent::Saved`].
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
        let result = save_file(&job.path, &mut job.file, lang);
        if results.send(ShellEvent::Saved { generation: job.generation, result }).is_err() {
            break;
        }
    }
}

/// Stamp `saved_at` and write the group file atomically.
pub fn save_file(path: &Path, file: &mut GroupFile, lang: Lang) -> Result<chrono::DateTime<Utc>, String> {
    let now = Utc::now();
    file.saved_at = Some(now);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Create the file's own folder (`groups/`, or the folder typed for
        // "save elsewhere") but never the folders above it: a workshop folder
        // that was removed, or a USB stick that was pulled out, must fail the
        // save with a warning rather than write to a new folder in its place.
        if !dir.is_dir() {
            match std::fs::create_dir(dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(store::StoreError::io(dir, e).message(lang)),
            }
        }
    }
    store::save_checked(path, file).map_err(|e| e.message(lang))?;
    Ok(now)
}
