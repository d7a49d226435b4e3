//! Case 3: the session folder is made read-only, or removed, while the TUI
//! runs in a terminal: a warning, no exit, the text kept, and F2 ("save in
//! another folder") saves it elsewhere.
//!
//! Root ignores permissions, so when the tests run as root the program runs
//! as `nobody` (through `setpriv`) on files given to `nobody`.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use super::pty::{self, Pty};
use super::*;

pub(super) const NOBODY: u32 = 65534;

pub(super) fn is_root() -> bool {
    // SAFETY: no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Give `dir` and everything in it to `nobody`, reachable from /tmp.
pub(super) fn give_to_nobody(dir: &Path) {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::chown(dir, Some(NOBODY), Some(NOBODY)).unwrap();
    for p in tree(dir) {
        std::os::unix::fs::lchown(dir.join(p), Some(NOBODY), Some(NOBODY)).unwrap();
    }
}

/// The program on `root`'s first group, as `nobody` when we are root.
fn start(tmp: &Path, root: &Path, w: &Workshop, elsewhere: &Path) -> Pty {
    let args = ["open", root.to_str().unwrap(), "--group", &w.groups[0].slug];
    let cmd = if is_root() {
        give_to_nobody(tmp);
        give_to_nobody(elsewhere);
        let mut all = vec!["--reuid=65534", "--regid=65534", "--clear-groups", "--", env!("CARGO_BIN_EXE_malverkstad")];
        all.extend(args);
        pty::program("setpriv", &all, tmp)
    } else {
        pty::app(&args, tmp)
    };
    let mut s = Pty::spawn(cmd);
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    s.type_text("Före#1 ");
    s.wait_until("the first words saved", |screen| screen.contains("Före#1") && screen.contains("✓ Sparat"));
    s
}

/// After the folder broke: warn, stay, keep; then F2 to `elsewhere`.
fn warn_then_save_elsewhere(s: &mut Pty, root: &Path, w: &Workshop, elsewhere: &Path) {
    s.type_text("Efter#2 ");
    s.wait_for("KUNDE INTE SPARA");
    std::thread::sleep(Duration::from_millis(300));
    assert!(s.child.try_wait().unwrap().is_none(), "the program keeps running");
    assert!(s.contents().contains("Efter#2"), "the text is still on screen:\n{}", s.contents());
    s.send(pty::F2);
    s.wait_for("Spara i en annan mapp");
    let typed_before = w.groups[0].slug.len() + root.to_str().unwrap().len() + 20;
    s.type_text(&pty::BACKSPACE.repeat(typed_before));
    s.type_text(elsewhere.to_str().unwrap());
    s.send(pty::ENTER);
    s.wait_until("saved in the other folder", |screen| screen.contains("✓ Sparat") && !screen.contains("KUNDE INTE"));
    let file = format!("{}.ron", w.groups[0].slug);
    let saved: GroupFile = malverkstad::store::codec::read_file(&elsewhere.join(file)).unwrap();
    assert_eq!(effect_text(&saved, w), "Före#1 Efter#2 ");
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(Duration::from_secs(5)), Some(0), "{}", s.contents());
}

#[test]
fn read_only_folder_warns_keeps_running_and_f2_saves_elsewhere() {
    if is_root() && std::process::Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: running as root without setpriv, a read-only folder would not stop root");
        return;
    }
    let (tmp, root, w) = demo_copy();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut s = start(tmp.path(), &root, &w, elsewhere.path());
    let groups = root.join(malverkstad::store::GROUPS_DIR);
    std::fs::set_permissions(&groups, std::fs::Permissions::from_mode(0o555)).unwrap();
    warn_then_save_elsewhere(&mut s, &root, &w, elsewhere.path());
    std::fs::set_permissions(&groups, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Före#1 ", "the read-only file is as it was");
}

#[test]
fn removed_folder_warns_keeps_running_and_f2_saves_elsewhere() {
    let (tmp, root, w) = demo_copy();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut s = start(tmp.path(), &root, &w, elsewhere.path());
    std::fs::remove_dir_all(&root).unwrap();
    warn_then_save_elsewhere(&mut s, &root, &w, elsewhere.path());
    assert!(!root.exists(), "the removed folder is not made again behind the group's back");
}
