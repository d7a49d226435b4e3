//! One terminal per group file: a lock file beside it naming who holds it.
//!
//! A lock holds a random token (unique per acquisition), the machine id,
//! the boot id and the holder's process start time besides host and pid, so
//! that a lock is recognised as this terminal's own (`GroupLock::ticket`,
//! checked before each save), and a stale one is reclaimed even when its pid
//! now belongs to another process (after a reboot) or the host was renamed.
//! Lock files of older versions (host, pid, since) are still read.

use std::collections::BTreeSet;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::StoreError;

/// Who holds a lock.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub host: String,
    pub pid: u32,
    pub since: DateTime<Utc>,
    /// Unique per acquisition: the lock is ours only while it holds our token.
    #[serde(default)]
    pub token: Option<Uuid>,
    /// /etc/machine-id (or the D-Bus one): the same machine under any host name.
    #[serde(default)]
    pub machine: Option<String>,
    /// The kernel's boot id when the lock was taken.
    #[serde(default)]
    pub boot: Option<String>,
    /// The holder's start time in clock ticks since boot (/proc/<pid>/stat field 22).
    #[serde(default)]
    pub start: Option<u64>,
}

/// A held lock; released (the file removed, if it still holds our token) on drop.
#[derive(Debug)]
pub struct GroupLock {
    ticket: LockTicket,
}

/// What a saver needs to check, before each write, that the lock is still
/// this terminal's own, and to take it again when it vanished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockTicket {
    pub path: PathBuf,
    pub info: LockInfo,
}

/// What a [`LockTicket::check`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockState {
    Ours,
    /// The lock file is gone (deleted by hand or by a sync tool).
    Missing,
    /// Someone else's lock (or an unreadable file) is there now.
    Taken(Option<LockInfo>),
}

/// Tokens of the locks this process holds now.
static LIVE: Mutex<BTreeSet<Uuid>> = Mutex::new(BTreeSet::new());

fn live(token: Uuid) -> bool {
    LIVE.lock().is_ok_and(|s| s.contains(&token))
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

fn first_line(path: &str) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let line = text.lines().next()?.trim().to_string();
    (!line.is_empty()).then_some(line)
}

/// This machine's id, if the system has one.
pub fn machine_id() -> Option<String> {
    first_line("/etc/machine-id").or_else(|| first_line("/var/lib/dbus/machine-id"))
}

/// The id of the running boot, if the system says it.
pub fn boot_id() -> Option<String> {
    first_line("/proc/sys/kernel/random/boot_id")
}

/// When process `pid` started, in clock ticks since boot (Linux).
pub fn start_time(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    rest.split_whitespace().nth(19)?.parse().ok()
}

/// When process `pid` started, as a wall-clock time (Linux: the boot time
/// from /proc/stat plus the start in clock ticks).
pub fn started_at(pid: u32) -> Option<DateTime<Utc>> {
    let stat = fs::read_to_string("/proc/stat").ok()?;
    let btime: i64 = stat.lines().find_map(|l| l.strip_prefix("btime "))?.trim().parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    let hz = if hz > 0 { hz as u64 } else { 100 };
    let ticks = start_time(pid)?;
    let millis = btime * 1000 + (ticks * 1000 / hz) as i64;
    DateTime::from_timestamp_millis(millis)
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
    // Looked at before it is opened: a FIFO named like a lock must not hang the open.
    super::codec::open_regular(lock).ok()?.take(4096).read_to_string(&mut text).ok()?;
    ron::from_str(&text).ok()
}

impl LockInfo {
    /// A new lock for this process, with a fresh token.
    pub fn mine() -> LockInfo {
        let pid = std::process::id();
        LockInfo {
            host: this_host(),
            pid,
            since: Utc::now(),
            token: Some(Uuid::now_v7()),
            machine: machine_id(),
            boot: boot_id(),
            start: start_time(pid),
        }
    }

    /// True when the holder is gone: a lock of this machine (by machine id,
    /// or by host name for a lock without one) whose process is dead, or is
    /// another process now (pid reused: another start time, another boot),
    /// or is this process without holding this lock any more.
    pub fn is_stale(&self, me: &LockInfo) -> bool {
        let same_machine = match (&self.machine, &me.machine) {
            (Some(a), Some(b)) => a == b,
            _ => self.host == me.host,
        };
        if !same_machine {
            return false;
        }
        if self.boot.is_some() && me.boot.is_some() && self.boot != me.boot {
            return true;
        }
        if self.pid == me.pid {
            // Ours only while this process still holds it (an old lock without a token: ours).
            return self.token.is_none_or(|t| !live(t));
        }
        if !process_alive(self.pid) {
            return true;
        }
        match self.start {
            Some(start) => start_time(self.pid).is_some_and(|now| now != start),
            // A lock of an older version: a process that started after the
            // lock was taken cannot be its holder (the pid was reused).
            None => started_at(self.pid).is_some_and(|t| t > self.since + chrono::Duration::seconds(5)),
        }
    }
}

impl GroupLock {
    /// Take the lock on a group file. A stale lock (see [`LockInfo::is_stale`])
    /// is reclaimed; a live one (or one from another machine) is refused
    /// with [`StoreError::Locked`] naming its holder.
    pub fn acquire(file: &Path) -> Result<GroupLock, StoreError> {
        let path = lock_path(file);
        let me = LockInfo::mine();
        for _ in 0..3 {
            match create(&path, &me) {
                Ok(()) => return Ok(GroupLock::held(path, me)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = match holder(file) {
                        Some(info) => info.is_stale(&me),
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

    fn held(path: PathBuf, info: LockInfo) -> GroupLock {
        if let (Some(t), Ok(mut s)) = (info.token, LIVE.lock()) {
            s.insert(t);
        }
        GroupLock { ticket: LockTicket { path, info } }
    }

    pub fn path(&self) -> &Path {
        &self.ticket.path
    }

    /// What the saver checks before each write.
    pub fn ticket(&self) -> LockTicket {
        self.ticket.clone()
    }
}

/// Create the lock file with `info`, failing when it exists.
fn create(path: &Path, info: &LockInfo) -> std::io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(path)?;
    let text = ron::to_string(info).unwrap_or_default();
    if let Err(e) = f.write_all(text.as_bytes()) {
        let _ = fs::remove_file(path);
        return Err(e);
    }
    let _ = f.sync_all();
    Ok(())
}

impl LockTicket {
    /// Is the lock file still ours?
    pub fn check(&self) -> LockState {
        match read_info(&self.path) {
            Some(info) if info.token.is_some() && info.token == self.info.token => LockState::Ours,
            Some(info) => LockState::Taken(Some(info)),
            None if fs::symlink_metadata(&self.path).is_err() => LockState::Missing,
            None => LockState::Taken(None),
        }
    }

    /// Make sure the lock is ours before a write: true when it is, taking it
    /// again when the file simply vanished and nobody else took it since.
    pub fn ensure(&self) -> bool {
        match self.check() {
            LockState::Ours => true,
            LockState::Missing => create(&self.path, &self.info).is_ok() && self.check() == LockState::Ours,
            LockState::Taken(_) => false,
        }
    }
}

impl Drop for GroupLock {
    fn drop(&mut self) {
        // Only remove a lock that is still ours.
        if self.ticket.check() == LockState::Ours {
            let _ = fs::remove_file(&self.ticket.path);
        }
        if let (Some(t), Ok(mut s)) = (self.ticket.info.token, LIVE.lock()) {
            s.remove(&t);
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
        let info = LockInfo { host: this_host(), pid: 1, since: Utc::now(), ..Default::default() };
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

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_like_the_lock_never_hangs_the_open() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        let lock = lock_path(&file);
        let c = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let seen = holder(&file);
            let taken = GroupLock::acquire(&file).is_ok();
            let _ = tx.send((seen, taken));
        });
        // A blocking open(2) of the FIFO would never return: a deadline, not a sleep.
        let (seen, _taken) = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("no hang on a FIFO lock");
        assert_eq!(seen, None, "a FIFO is not a holder");
    }

    #[test]
    fn stale_lock_of_dead_process_is_reclaimed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let info = LockInfo { host: this_host(), pid: dead, since: Utc::now(), ..Default::default() };
        fs::write(lock_path(&file), ron::to_string(&info).unwrap()).unwrap();
        let _lock = GroupLock::acquire(&file).expect("stale lock reclaimed");
        assert_eq!(holder(&file).unwrap().pid, std::process::id());
    }

    #[test]
    fn huge_or_garbage_lock_file_is_not_a_holder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        let huge = LockInfo { host: "x".repeat(10_000), pid: 7, since: Utc::now(), ..Default::default() };
        fs::write(lock_path(&file), ron::to_string(&huge).unwrap()).unwrap();
        assert_eq!(holder(&file), None, "only the first 4 KiB are read");
        fs::write(lock_path(&file), b"\xff\xfe garbage").unwrap();
        assert_eq!(holder(&file), None);
        let info = LockInfo { host: "annan-dator".into(), pid: 7, since: Utc::now(), ..Default::default() };
        fs::write(lock_path(&file), ron::to_string(&info).unwrap()).unwrap();
        assert_eq!(holder(&file), Some(info));
    }

    #[test]
    fn lock_from_other_host_is_respected() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        let info = LockInfo { host: "annan-dator".into(), pid: 999_999, since: Utc::now(), ..Default::default() };
        fs::write(lock_path(&file), ron::to_string(&info).unwrap()).unwrap();
        assert!(matches!(GroupLock::acquire(&file), Err(StoreError::Locked { .. })));
    }

    fn write_lock(file: &Path, info: &LockInfo) {
        fs::write(lock_path(file), ron::to_string(info).unwrap()).unwrap();
    }

    #[test]
    fn each_lock_has_its_own_token_and_a_ticket_sees_when_it_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        let lock = GroupLock::acquire(&file).unwrap();
        let ticket = lock.ticket();
        assert!(ticket.info.token.is_some());
        assert_eq!(ticket.check(), LockState::Ours);
        // A second acquisition in this process is refused while the first is held.
        assert!(matches!(GroupLock::acquire(&file), Err(StoreError::Locked { .. })));
        // Deleted (by hand, by a sync tool): missing, and taken again.
        fs::remove_file(lock_path(&file)).unwrap();
        assert_eq!(ticket.check(), LockState::Missing);
        assert!(ticket.ensure());
        assert_eq!(ticket.check(), LockState::Ours);
        // Taken by another terminal meanwhile: not ours, and left alone.
        fs::remove_file(lock_path(&file)).unwrap();
        let other = GroupLock::acquire(&file).unwrap();
        assert_ne!(other.ticket().info.token, ticket.info.token);
        assert!(matches!(ticket.check(), LockState::Taken(Some(_))));
        assert!(!ticket.ensure());
        drop(lock);
        assert_eq!(other.ticket().check(), LockState::Ours, "dropping the lost lock leaves the new holder's file");
    }

    #[test]
    fn a_lock_whose_pid_now_belongs_to_another_process_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.ron");
        let me = LockInfo::mine();
        // pid 1 is alive, but started at another moment than the lock says.
        let reused = LockInfo { pid: 1, start: start_time(1).map(|t| t + 1).or(Some(1)), ..me.clone() };
        if start_time(1).is_some() {
            write_lock(&file, &reused);
            let _lock = GroupLock::acquire(&file).expect("a reused pid does not hold the lock");
        }
        // Written before a reboot: another boot id.
        let before_reboot = LockInfo { pid: 1, boot: Some("an-earlier-boot".into()), start: None, ..me.clone() };
        assert!(before_reboot.is_stale(&me));
        // The same process, still running: the lock holds.
        let alive = LockInfo { pid: 1, start: start_time(1), token: Some(Uuid::now_v7()), ..me.clone() };
        assert!(!alive.is_stale(&me));
    }

    #[test]
    fn a_host_rename_does_not_lock_the_owner_out() {
        let me = LockInfo::mine();
        if me.machine.is_none() {
            return; // no machine id on this system: the host name is all there is
        }
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let renamed =
            LockInfo { host: "old-name".into(), pid: dead, start: None, token: Some(Uuid::now_v7()), ..me.clone() };
        assert!(renamed.is_stale(&me), "same machine id, dead process: stale under any host name");
        let other_machine = LockInfo { machine: Some("another-machine".into()), host: me.host.clone(), ..renamed };
        assert!(!other_machine.is_stale(&me), "another machine with the same host name is respected");
    }

    #[test]
    fn an_old_lock_whose_pid_started_after_it_was_taken_is_stale() {
        if started_at(std::process::id()).is_none() {
            return; // no /proc
        }
        let me = LockInfo::mine();
        let mut child = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        let an_hour_ago = Utc::now() - chrono::Duration::hours(1);
        let old = LockInfo { host: me.host.clone(), pid: child.id(), since: an_hour_ago, ..Default::default() };
        assert!(old.is_stale(&me), "the pid belongs to a process younger than the lock");
        let held = LockInfo { since: Utc::now(), ..old };
        assert!(!held.is_stale(&me), "a live process older than its lock holds it");
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
