//! What this process last saw in each file it edits: the bytes it read
//! (a load for editing) or wrote (a save), or that the file was absent.
//! A save overwrites a file only while it still holds these bytes, so a
//! version written by another program (a sync tool, another terminal, `cp`)
//! is never replaced unseen.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;

use super::{codec, StoreError};

/// A file's state as this process last saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Revision {
    /// There was no file.
    Absent,
    /// The file held exactly these bytes (shared: a check clones no file).
    Bytes(Arc<Vec<u8>>),
}

impl Revision {
    /// The bytes, when there was a file.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Revision::Absent => None,
            Revision::Bytes(b) => Some(b),
        }
    }
}

static SEEN: Mutex<BTreeMap<PathBuf, Revision>> = Mutex::new(BTreeMap::new());

/// What this process last saw at `path`, if it read or wrote it.
pub fn last_seen(path: &Path) -> Option<Revision> {
    SEEN.lock().ok().and_then(|m| m.get(path).cloned())
}

/// The size of what this process last saw at `path`, in bytes.
pub fn seen_len(path: &Path) -> Option<usize> {
    SEEN.lock().ok().and_then(|m| m.get(path).and_then(Revision::bytes).map(<[u8]>::len))
}

/// Remember `rev` as what is at `path` now.
pub fn remember(path: &Path, rev: Revision) {
    if let Ok(mut m) = SEEN.lock() {
        m.insert(path.to_path_buf(), rev);
    }
}

/// Fingerprints of every version this process wrote to each path (the
/// newest [`WRITTEN_KEPT`]): a file that holds one of them again was put back
/// by a sync tool or a copy, and holds nothing this process did not write.
static WRITTEN: Mutex<BTreeMap<PathBuf, std::collections::VecDeque<u64>>> = Mutex::new(BTreeMap::new());

/// How many versions per path are remembered as written by us.
pub const WRITTEN_KEPT: usize = 4096;

fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Record that this process wrote `bytes` to `path`.
pub(super) fn wrote(path: &Path, bytes: &[u8]) {
    if let Ok(mut m) = WRITTEN.lock() {
        let list = m.entry(path.to_path_buf()).or_default();
        if list.len() == WRITTEN_KEPT {
            list.pop_front();
        }
        list.push_back(fingerprint(bytes));
    }
}

/// True when `bytes` are exactly a version this process once wrote to
/// `path` (an older version of our own, put back by a sync tool).
pub fn written_by_us_before(path: &Path, bytes: &[u8]) -> bool {
    let f = fingerprint(bytes);
    WRITTEN.lock().is_ok_and(|m| m.get(path).is_some_and(|l| l.contains(&f)))
}

/// Forget `path` (its next save follows the "must parse" rule again).
pub fn forget(path: &Path) {
    if let Ok(mut m) = SEEN.lock() {
        m.remove(path);
    }
    if let Ok(mut m) = WRITTEN.lock() {
        m.remove(path);
    }
}

/// Read and decode `path`, remembering its bytes.
pub fn read_remembered<T: DeserializeOwned>(path: &Path) -> Result<T, StoreError> {
    let bytes = codec::read_capped(path)?;
    let value = codec::from_bytes(path, &bytes)?;
    remember(path, Revision::Bytes(bytes.into()));
    Ok(value)
}

/// May `path` be overwritten? With an expected revision: only when the file
/// on disk is exactly that (or, when it was absent, still absent). Without
/// one: when there is no file or it reads back as `T`.
pub(super) fn check<T: DeserializeOwned>(path: &Path, expected: Option<&Revision>) -> Result<(), StoreError> {
    let exists = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    let changed = || StoreError::ChangedOnDisk { path: path.to_path_buf() };
    match expected {
        Some(Revision::Absent) if exists => Err(changed()),
        Some(Revision::Absent) => Ok(()),
        // Removed since: writing it again loses nothing.
        Some(Revision::Bytes(_)) if !exists => Ok(()),
        Some(Revision::Bytes(ours)) => match codec::read_capped(path) {
            Ok(on_disk) if *on_disk == **ours => Ok(()),
            Ok(_) => Err(changed()),
            Err(StoreError::NotFound { .. }) => Ok(()),
            Err(StoreError::TooLarge { .. }) => Err(changed()),
            Err(e) => Err(e),
        },
        None if !exists => Ok(()),
        None => match codec::read_capped(path) {
            Ok(bytes) if codec::from_bytes::<T>(path, &bytes).is_ok() => Ok(()),
            Err(StoreError::NotFound { .. }) => Ok(()),
            _ => Err(StoreError::RefuseOverwrite { path: path.to_path_buf() }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Group, GroupFile, Workshop};
    use crate::store::{save_checked, WorkshopDir};

    fn setup() -> (tempfile::TempDir, WorkshopDir, Workshop, Group) {
        let tmp = tempfile::tempdir().unwrap();
        let mut w = Workshop::new("Rev");
        let g = Group { id: crate::domain::new_id(), name: "G".into(), slug: "g".into(), goals: vec![] };
        w.groups.push(g.clone());
        let dir = crate::store::create_workshop(tmp.path(), &w).unwrap();
        (tmp, dir, w, g)
    }

    #[test]
    fn a_file_replaced_by_another_valid_version_is_not_overwritten() {
        let (_tmp, dir, w, g) = setup();
        let path = dir.group_path(&g);
        let mut ours = dir.load_group_for_edit(&g).unwrap().unwrap();
        ours.group_name = "ours".into();
        save_checked(&path, &ours).unwrap();
        // Another program writes a valid version (as `cp` would).
        let mut theirs = GroupFile::new(&w, &g);
        theirs.group_name = "theirs".into();
        std::fs::write(&path, codec::to_ron(&theirs).unwrap()).unwrap();
        ours.group_name = "ours again".into();
        let err = save_checked(&path, &ours).unwrap_err();
        assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err:?}");
        let on_disk: GroupFile = codec::read_file(&path).unwrap();
        assert_eq!(on_disk.group_name, "theirs");
    }

    #[test]
    fn a_file_that_appears_after_an_absent_load_is_not_overwritten() {
        let (_tmp, dir, w, g) = setup();
        let path = dir.group_path(&g);
        std::fs::remove_file(&path).unwrap();
        assert!(dir.load_group_for_edit(&g).unwrap().is_none());
        std::fs::write(&path, codec::to_ron(&GroupFile::new(&w, &g)).unwrap()).unwrap();
        let err = save_checked(&path, &GroupFile::new(&w, &g)).unwrap_err();
        assert!(matches!(err, StoreError::ChangedOnDisk { .. }));
    }

    #[test]
    fn a_plain_load_does_not_move_the_revision() {
        let (_tmp, dir, w, g) = setup();
        let path = dir.group_path(&g);
        let ours = dir.load_group_for_edit(&g).unwrap().unwrap();
        let mut theirs = GroupFile::new(&w, &g);
        theirs.group_name = "theirs".into();
        std::fs::write(&path, codec::to_ron(&theirs).unwrap()).unwrap();
        // A progress count reads the file: still not ours to overwrite.
        dir.load_group(&g).unwrap();
        assert!(matches!(save_checked(&path, &ours), Err(StoreError::ChangedOnDisk { .. })));
        // Removed meanwhile: writing it again loses nothing.
        std::fs::remove_file(&path).unwrap();
        save_checked(&path, &ours).unwrap();
    }
}
