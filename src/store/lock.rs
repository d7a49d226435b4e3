//! One terminal per group file: a lock file beside it naming host and process.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::StoreError;

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub host: String,
    pub pid: u32,
    pub since: DateTime<Utc>,
}

/// A held lock; released (the file removed) on drop.
#[derive(Debug)]
pub struct GroupLock {
    path: PathBuf,
}

/// `<file>.lock` beside a group file.
pub fn lock_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    file.with_file_name(name)
}

pub fn this_host() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// True when a process with this pid exists on this host.
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        if pid == 0 || pid > i32::MAX as u32 {
            return false;
        }
        // SAFETY: kill with signal 0 only checks for existence and permission.
        let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Read who holds the lock on `file`, if anyone. A lock file is a few dozen
/// bytes; anything past the first 4 KiB is not read (and makes it unreadable).
pub fn holder(file: &Path) -> Option<LockInfo> {
    read_info(&lock_path(file))
}

fn read_info(lock: &Path) -> Option<LockInfo> {
    use std::io::Read;
    let mut text = String::new();
    fs::File::open(lock).ok()?.take(4096).read_to_string(&mut text).ok()?;
    ron::from_str(&text).ok()
}

impl GroupLock {
    /// Take the lock on a group file. A lock left by a dead process on this
    /// host is reclaimed; a live one (or one from another host) is refused
    /// with [`StoreError::Locked`] naming its holder.
    pub fn acquire(file: &Path) -> Result<GroupLock, StoreError> {
        let path = lock_path(file);
        let me = LockInfo { host: this_host(), pid: std::process::id(), since: Utc::now() };
        for _ in 0..3 {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    let text = ron::to_string(&me).unwrap_or_default();
                    f.write_all(text.as_bytes()).map_err(|e| StoreError::io(&path, e))?;
                    let _ = f.sync_all();
                    return Ok(GroupLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = match holder(file) {
                        Some(info) => info.host == me.host && (!process_alive(info.pid) || info.pid == me.pid),
                        // Unreadable: a crash while writing it. Reclaim when it is old.
                        None => fs::metadata(&path)
                            .and_then(|m| m.modified())
                            .map(|t| t.elapsed().unwrap_or_default().as_secs() > 10)
                            .unwrap_or(true),
                    };
                    if stale {
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                    let info = holder(file);
                    return Err(StoreError::Locked {
                        path: file.to_path_buf(),
                        host: info.as_ref().map(|i| i.host.clone()).unwrap_or_else(|| "?".into()),
                        pid: info.as_ref().map(|i| i.pid).unwrap_or(0),
                        since: info
                            .map(|i| i.since.with_timezone(&chrono::Local).format("%H:%M").to_string())
                            .unwrap_or_else(|| "?".into()),
                    });
                }
                Err(e) => return Err(StoreError::io(&path, e)),
            }
        }
        Err(StoreError::io(&path, std::io::Error::other("lock contention")))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for GroupLock {
    fn drop(&mut self) {
        // Only remove a lock that is still ours.
        if let Some(info) = read_info(&self.path) {
            if info.pid == std::process::id() && info.host == this_host() {
                let _ = fs::remove_file(&self.path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_acquire_is_refused_and_release_frees() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        // Our own pid counts as stale for re-entrancy, so fake another live holder: pid 1.
        let info = LockInfo { host: this_host(), pid: 1, since: Utc::now() };
        fs::write(lock_path(&file), ron::to_string(&info).unwrap()).unwrap();
        match GroupLock::acquire(&file) {
            Err(StoreError::Locked { pid, host, .. }) => {
                assert_eq!(pid, 1);
                assert_eq!(host, this_host());
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        fs::remove_file(lock_path(&file)).unwrap();
        let lock = GroupLock::acquire(&file).unwrap();
        assert!(lock_path(&file).exists());
        drop(lock);
        assert!(!lock_path(&file).exists());
    }

    #[test]
    fn stale_lock_of_dead_process_is_reclaimed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let info = LockInfo { host: this_host(), pid: dead, since: Utc::now() };
        fs::write(lock_path(&file), ron::to_string(&info).unwrap()).unwrap();
        let _lock = GroupLock::acquire(&file).expect("stale lock reclaimed");
        assert_eq!(holder(&file).unwrap().pid, std::process::id());
    }

    #[test]
    fn huge_or_garbage_lock_file_is_not_a_holder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        let huge = LockInfo { host: "x".repeat(10_000), pid: 7, since: Utc::now() };
        fs::write(lock_path(&file), ron::to_string(&huge).unwrap()).unwrap();
        assert_eq!(holder(&file), None, "only the first 4 KiB are read");
        fs::write(lock_path(&file), b"\xff\xfe garbage").unwrap();
        assert_eq!(holder(&file), None);
        let info = LockInfo { host: "annan-dator".into(), pid: 7, since: Utc::now() };
        fs::write(lock_path(&file), ron::to_string(&info).unwrap()).unwrap();
        assert_eq!(holder(&file), Some(info));
    }

    #[test]
    fn lock_from_other_host_is_respected() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        let info = LockInfo { host: "annan-dator".into(), pid: 999_999, since: Utc::now() };
        fs::write(lock_path(&file), ron::to_string(&info).unwrap()).unwrap();
        assert!(matches!(GroupLock::acquire(&file), Err(StoreError::Locked { .. })));
    }
}
