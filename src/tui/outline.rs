//! The shell's side of the outline screen: reading the files of `groups/`
//! and outline.ron, watching `groups/` for changes (another laptop saving
//! through a shared folder), and saving outline.ron on its own thread so
//! that the review never waits for the disk.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::time::SystemTime;

use super::ShellEvent;
use crate::app::outline::screen::OutlineFiles;
use crate::domain::outline::Outline;
use crate::i18n::Lang;
use crate::store::{outline as store_outline, WorkshopDir};

/// What tells one version of a file from the next without reading it: an
/// atomic save replaces the file, so its inode changes even when the size
/// and the (coarse) modification time do not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    name: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

/// The signatures of every file a merge reads, in name order.
pub fn signatures(root: &Path) -> Vec<Signature> {
    let Ok(dir) = WorkshopDir::open(root) else { return Vec::new() };
    let paths = dir.group_files().unwrap_or_default();
    paths
        .into_iter()
        .filter_map(|p| {
            let m = std::fs::metadata(&p).ok()?;
            Some(Signature { len: m.len(), modified: m.modified().ok(), inode: inode(&m), name: p })
        })
        .collect()
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

/// Read every file of `groups/` (and outline.ron when `with_previous`).
pub fn read(root: &Path, with_previous: bool, lang: Lang) -> OutlineFiles {
    let dir = match WorkshopDir::open(root) {
        Ok(d) => d,
        Err(e) => {
            return OutlineFiles { files: Vec::new(), unreadable: vec![e.message(lang)], previous: None };
        }
    };
    let (files, unreadable) = match dir.group_files() {
        Ok(paths) => store_outline::read_merge_files(&paths),
        Err(e) => (Vec::new(), vec![e]),
    };
    OutlineFiles {
        files,
        unreadable: unreadable.iter().map(|e| e.message(lang)).collect(),
        previous: with_previous.then(|| dir.load_outline().map_err(|e| e.message(lang))),
    }
}

/// One save of outline.ron.
pub struct Job {
    pub path: PathBuf,
    pub generation: u64,
    pub outline: Box<Outline>,
}

/// Start the outline's save worker; results come back as
/// [`ShellEvent::OutlineSaved`]. Jobs coalesce to the newest.
pub fn spawn(results: Sender<ShellEvent>, lang: Lang) -> Sender<Job> {
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let _ = std::thread::Builder::new().name("outline-save".into()).spawn(move || worker(rx, results, lang));
    tx
}

fn worker(rx: Receiver<Job>, results: Sender<ShellEvent>, lang: Lang) {
    while let Ok(mut job) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            job = newer;
        }
        let result = save(&job, lang);
        if results.send(ShellEvent::OutlineSaved { generation: job.generation, result }).is_err() {
            break;
        }
    }
}

/// Save atomically (an existing file that is not an outline is never overwritten).
pub fn save(job: &Job, lang: Lang) -> Result<(), String> {
    store_outline::save(&job.path, &job.outline).map_err(|e| e.message(lang))
}
