//! Saving like a database: temp file in the same folder, write, fsync, rename
//! over the target, fsync the folder. The previous version is kept as `.bak`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use super::error::bak_path;

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
    Ok(())
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
    fn create_new_refuses_existing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.ron");
        create_new_atomic(&p, b"1").unwrap();
        assert!(create_new_atomic(&p, b"2").is_err());
        assert_eq!(fs::read(&p).unwrap(), b"1");
    }
}
