//! Saving like a database: temp file in the same folder, write, fsync, rename
//! over the target, fsync the folder. The previous version is kept as `.bak`.
//!
//! A process killed in the middle of a save (SIGKILL, power loss) can leave
//! one hidden temp file `.<name>.<random>.tmp` (and, when killed between the
//! two steps of keeping the backup, `.<name>.bak.link`, which the next save
//! replaces) beside the target; the
//! target itself is always the old or the new version, never a mix. Loading
//! never looks at hidden files, and the next successful save of the same file
//! removes such leftovers once they are older than [`STALE_TEMP_SECS`] (a
//! younger one could belong to a save still in progress in another process).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use super::error::bak_path;

/// Leftover temp files older than this are removed by the next save.
pub const STALE_TEMP_SECS: u64 = 60;

/// Where the bytes go. Production uses the file system; tests inject failures.
pub trait Sink {
    fn write_all(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
}

/// Writes straight through.
pub struct RealSink;

impl Sink for RealSink {
    fn write_all(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }
}

/// Atomically replace `path` with `bytes`, keeping the old version as
/// `<path>.bak`. On any error the old file is untouched and no temp file is left.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, &mut RealSink)
}

/// [`write_atomic`] with an injectable sink (for fault tests).
pub fn write_atomic_with(path: &Path, bytes: &[u8], sink: &mut dyn Sink) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;

    // Keep the mode of an existing regular file; 0644 otherwise.
    let existing = fs::symlink_metadata(path).ok();
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        existing.as_ref().filter(|m| m.file_type().is_file()).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644)
    };

    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    // tempfile creates with O_EXCL and a random name: a planted symlink cannot be followed.
    let mut tmp = tempfile::Builder::new().prefix(&prefix).suffix(".tmp").tempfile_in(dir)?;
    sink.write_all(tmp.as_file_mut(), bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;

    // The previous version becomes the .bak (a hard link: cheap, and the old
    // inode survives the rename below). Copy where links are not supported.
    if existing.as_ref().is_some_and(|m| m.file_type().is_file()) {
        keep_backup(dir, path)?;
    }

    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)?;
    sweep_leftovers(dir, &prefix, Duration::from_secs(STALE_TEMP_SECS));
    Ok(())
}

/// Remove temp files of earlier, interrupted saves of the same target
/// (`<prefix>….tmp` and `<prefix>bak.link`) that are older than `min_age`.
/// Best effort: a file that cannot be removed is left for the next save.
pub fn sweep_leftovers(dir: &Path, prefix: &std::ffi::OsStr, min_age: Duration) {
    let Some(prefix) = prefix.to_str() else { return };
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(rest) = name.strip_prefix(prefix) else { continue };
        if !(rest.ends_with(".tmp") || rest == "bak.link") {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.file_type().is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= min_age);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn keep_backup(dir: &Path, path: &Path) -> io::Result<()> {
    let bak = bak_path(path);
    let mut name = std::ffi::OsString::from(".");
    name.push(bak.file_name().unwrap_or_default());
    name.push(".link");
    let link = dir.join(name);
    let _ = fs::remove_file(&link);
    match fs::hard_link(path, &link) {
        Ok(()) => {}
        Err(_) => {
            // e.g. FAT on a USB stick: copy instead, then sync.
            fs::copy(path, &link)?;
            OpenOptions::new().write(true).open(&link)?.sync_all()?;
        }
    }
    if let Err(e) = fs::rename(&link, &bak) {
        let _ = fs::remove_file(&link);
        return Err(e);
    }
    // When the .bak already is a link to the same file (a save killed right
    // after this step last time), rename(2) succeeds without doing anything
    // and the link stays: remove it.
    let _ = fs::remove_file(&link);
    Ok(())
}

/// fsync a directory so a rename in it is durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Create a new file atomically, failing if it already exists.
pub fn create_new_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, "exists"));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".new.").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"one").unwrap();
        assert!(!bak_path(&p).exists());
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(bak_path(&p)).unwrap(), b"one");
        write_atomic(&p, b"three").unwrap();
        assert_eq!(fs::read(bak_path(&p)).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "only the file and its .bak: {names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_0644_or_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"one").unwrap();
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o644);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
    }

    struct FailAt(usize, usize);
    impl Sink for FailAt {
        fn write_all(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
            for chunk in bytes.chunks(4) {
                self.1 += 1;
                if self.1 == self.0 {
                    return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
                }
                file.write_all(chunk)?;
            }
            Ok(())
        }
    }

    #[test]
    fn failing_write_leaves_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"old content").unwrap();
        for n in 1..=5 {
            let err = write_atomic_with(&p, b"new content that is longer", &mut FailAt(n, 0)).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::StorageFull);
            assert_eq!(fs::read(&p).unwrap(), b"old content");
            let count = fs::read_dir(dir.path()).unwrap().count();
            assert_eq!(count, 1, "no temp or bak left after failure at write {n}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlink_at_target_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim");
        fs::write(&victim, b"precious").unwrap();
        let p = dir.path().join("a.ron");
        std::os::unix::fs::symlink(&victim, &p).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert!(fs::symlink_metadata(&p).unwrap().file_type().is_file());
    }

    #[test]
    fn old_leftovers_of_killed_saves_are_swept_young_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"one").unwrap();
        let old_tmp = dir.path().join(".a.ron.Xy12Ab.tmp");
        let old_link = dir.path().join(".a.ron.bak.link");
        let young_tmp = dir.path().join(".a.ron.Zz99zz.tmp");
        let other = dir.path().join(".b.ron.Qq11qq.tmp");
        for f in [&old_tmp, &old_link, &young_tmp, &other] {
            fs::write(f, b"partial").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - Duration::from_secs(STALE_TEMP_SECS + 5);
        for f in [&old_tmp, &old_link, &other] {
            File::options().write(true).open(f).unwrap().set_modified(long_ago).unwrap();
        }
        write_atomic(&p, b"two").unwrap();
        assert!(!old_tmp.exists() && !old_link.exists(), "old leftovers of a.ron removed");
        assert!(young_tmp.exists(), "a young temp file may belong to a save in progress");
        assert!(other.exists(), "another file's leftovers are not ours to remove");
        assert_eq!(fs::read(&p).unwrap(), b"two");
    }

    /// A save killed between keeping the backup and the rename leaves the
    /// .bak as a second link to the file itself; the next save must still
    /// leave nothing but the file and its .bak.
    #[test]
    fn backup_that_is_already_a_link_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"one").unwrap();
        fs::hard_link(&p, bak_path(&p)).unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(bak_path(&p)).unwrap(), b"one");
        let mut names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["a.ron", "a.ron.bak"]);
    }

    #[test]
    fn create_new_refuses_existing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.ron");
        create_new_atomic(&p, b"1").unwrap();
        assert!(create_new_atomic(&p, b"2").is_err());
        assert_eq!(fs::read(&p).unwrap(), b"1");
    }
}
