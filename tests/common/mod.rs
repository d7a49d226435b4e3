//! The harness shared by the integration tests (a module, not a test
//! binary): each test binary includes it with `mod common;` (or
//! `#[path = "../common/mod.rs"] mod common;` from a folder).
//!
//! - `keys`: key events (`key`, `ctrl`, `alt`, `shift`).
//! - `app`: an `App` without a terminal: fixtures, `press`, `typed`,
//!   `paste`, `render` and friends.
//! - `rig`: an `App` with the shell's real effect runner on a folder.
//! - `driver`: the same on a virtual clock with the real autosave thread.
//! - `pty`: the real binary in a pseudo-terminal.
//! - here: the binary as a command, and workshops made with it.
#![allow(dead_code)]

pub mod app;
pub mod driver;
pub mod keys;
pub mod pty;
pub mod rig;

use std::fs;
use std::path::Path;

use std::path::PathBuf;

use assert_cmd::Command;
use malverkstad::domain::model::Workshop;
use malverkstad::domain::GroupFile;
use malverkstad::store::WorkshopDir;

/// The binary, with the environment that would change its language or folder removed.
pub fn bin() -> Command {
    let mut cmd = Command::cargo_bin("malverkstad").expect("binary");
    cmd.env_remove("MALVERKSTAD_LANG").env_remove("MALVERKSTAD_DIR");
    cmd
}

/// The one workshop folder under `sessions`.
pub fn only_workshop(sessions: &Path) -> WorkshopDir {
    let dirs: Vec<_> = fs::read_dir(sessions).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    WorkshopDir::open(&dirs[0]).unwrap()
}

/// `malverkstad new Dag --goals <root>/<file_name> --groups <groups>` under `<root>/s`.
pub fn new_workshop(root: &Path, file_name: &str, goals: &[u8], groups: &str) -> WorkshopDir {
    let file = root.join(file_name);
    fs::write(&file, goals).unwrap();
    let sessions = root.join("s");
    bin()
        .arg("--dir")
        .arg(&sessions)
        .args(["new", "Dag"])
        .arg("--goals")
        .arg(&file)
        .args(["--groups", groups])
        .assert()
        .success();
    only_workshop(&sessions)
}

/// A fresh copy of the demo workshop; `.2` is the copy's workshop with its
/// first empty group (Grupp 3) first (only this copy is reordered, not the
/// file), so that tests type into a group without answers.
pub fn demo_copy() -> (tempfile::TempDir, PathBuf, Workshop) {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = malverkstad::demo::install(tmp.path(), false).unwrap();
    let mut w = dir.load_workshop().unwrap();
    let empty = w
        .groups
        .iter()
        .position(|g| dir.load_group(g).ok().flatten().is_none_or(|f| f.goals.is_empty()))
        .expect("the demo has a group without answers");
    w.groups.rotate_left(empty);
    (tmp, dir.root, w)
}

/// The first group's file as it is on disk.
pub fn group_file(root: &Path, w: &Workshop) -> GroupFile {
    WorkshopDir { root: root.to_path_buf() }.load_group(&w.groups[0]).unwrap().expect("group file")
}
