//! Helpers shared by the integration tests (a module, not a test binary).
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
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
