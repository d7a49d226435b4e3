//! Issue 13, bad paths: `export -o X` writes only to a missing path or
//! (with `--force`) a regular file: never through a FIFO, device, socket,
//! folder or symlink, never over the workshop's own data files, and a
//! refusal comes before anything is written (the outline included).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use malverkstad::store::{self, exports, StoreError, WorkshopDir};

use super::fixed_workshop;

fn workshop_on_disk(root: &Path) -> WorkshopDir {
    let (w, files) = fixed_workshop();
    let dir = store::create_workshop_at(root, &w).unwrap();
    for (group, file) in w.groups.iter().zip(&files) {
        dir.save_group(group, file).unwrap();
    }
    dir
}

fn export_to(dir: &WorkshopDir, out: &Path, force: bool) -> assert_cmd::assert::Assert {
    let mut cmd = Command::cargo_bin("malverkstad").unwrap();
    cmd.args(["--lang", "sv", "export"]).arg(&dir.root).args(["--format", "html", "-o"]).arg(out);
    if force {
        cmd.arg("--force");
    }
    cmd.timeout(std::time::Duration::from_secs(30)).assert()
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// A character device of our own (the same numbers as /dev/null), so that a
/// wrong answer never replaces a system device. Root only.
fn char_device(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mknod fails cleanly without the right.
    unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) == 0 }
}

#[test]
fn special_outputs_are_refused_even_with_force_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = workshop_on_disk(&tmp.path().join("ks"));
    let fifo = tmp.path().join("rör.html");
    mkfifo(&fifo);
    let folder = tmp.path().join("mapp.html");
    fs::create_dir(&folder).unwrap();
    let to_stdout = tmp.path().join("stdout.html");
    std::os::unix::fs::symlink("/proc/self/fd/1", &to_stdout).unwrap();
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let to_file = tmp.path().join("länk.html");
    std::os::unix::fs::symlink(&victim, &to_file).unwrap();
    let device = tmp.path().join("enhet.html");
    let mut outputs = vec![fifo, folder, to_stdout, to_file];
    if char_device(&device) {
        outputs.push(device);
    }
    for out in &outputs {
        for force in [false, true] {
            export_to(&dir, out, force).code(2).stderr(predicates::str::contains("ingen vanlig fil"));
            assert!(!dir.outline_path().exists(), "{}: the outline was written before the refusal", out.display());
        }
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(fs::symlink_metadata(tmp.path().join("stdout.html")).unwrap().file_type().is_symlink());
    // System devices are only asked about, never written to by this test.
    for device in ["/dev/full", "/dev/null"] {
        let refused = exports::check_output(Path::new(device), true);
        assert!(matches!(refused, Err(StoreError::NotRegular { .. })), "{device}: {refused:?}");
    }
}

#[test]
fn an_existing_output_without_force_is_refused_before_the_outline_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = workshop_on_disk(&tmp.path().join("ks"));
    let out = tmp.path().join("finns.html");
    fs::write(&out, "edited by hand").unwrap();
    assert!(!dir.outline_path().exists());
    export_to(&dir, &out, false).code(1).stderr(predicates::str::contains("--force"));
    assert!(!dir.outline_path().exists(), "outline.ron written although the export was refused");
    assert_eq!(fs::read_to_string(&out).unwrap(), "edited by hand");
    export_to(&dir, &out, true).success();
    assert!(fs::read_to_string(&out).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn the_workshops_own_files_are_never_an_export_target() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = workshop_on_disk(&tmp.path().join("ks"));
    // An outline on disk, so that its path is taken too.
    export_to(&dir, &tmp.path().join("först.html"), false).success();
    let groups = dir.groups_dir();
    fs::write(dir.root.join("workshop.ron.bak"), "backup").unwrap();
    fs::write(groups.join("grupp-1.ron.lock"), "lock").unwrap();
    let targets = [
        dir.workshop_path(),
        dir.outline_path(),
        dir.root.join("workshop.ron.bak"),
        groups.join("grupp-2.ron"),
        groups.join("grupp-1.ron.lock"),
        groups.join("ny-grupp.ron"),
        groups.join("ny.html"),
        // The same folder reached another way.
        dir.root.join(".").join("groups").join("..").join("workshop.ron"),
    ];
    let before: Vec<Option<Vec<u8>>> = targets.iter().map(|p| fs::read(p).ok()).collect();
    for out in &targets {
        export_to(&dir, out, true).code(2).stderr(predicates::str::contains("workshopens egna filer"));
    }
    let after: Vec<Option<Vec<u8>>> = targets.iter().map(|p| fs::read(p).ok()).collect();
    assert_eq!(before, after, "nothing of the workshop's was touched");
}
