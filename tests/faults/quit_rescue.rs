//! Issue 13, item 8: quitting ("Avsluta ändå") while saves fail never loses
//! the text quietly: it goes to a recovery file in the first place that
//! takes it (beside the group file, the sessions folder's `.rescue/`, the
//! state folder, `$HOME`, `/tmp`), the path is printed once the terminal is
//! back, the exit code is not 0, and the next start offers the text.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use super::folder_gone::{give_to_nobody, is_root};
use super::pty::{self, Pty};
use super::*;

/// The program on `root`'s first group, as `nobody` when we are root (root
/// ignores a read-only folder).
fn start_as_nobody(tmp: &Path, root: &Path, w: &Workshop) -> Pty {
    let args = ["open", root.to_str().unwrap(), "--group", &w.groups[0].slug];
    let cmd = if is_root() {
        give_to_nobody(tmp);
        let mut all = vec!["--reuid=65534", "--regid=65534", "--clear-groups", "--", env!("CARGO_BIN_EXE_malverkstad")];
        all.extend(args);
        pty::program("setpriv", &all, tmp)
    } else {
        pty::app(&args, tmp)
    };
    Pty::spawn(cmd)
}

/// The line after `marker` in the program's output.
fn line_after(raw: &str, marker: &str) -> Option<String> {
    let rest = &raw[raw.find(marker)? + marker.len()..];
    rest.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string)
}

#[test]
fn quit_anyway_on_a_read_only_folder_rescues_the_text_names_it_and_exits_non_zero() {
    if is_root() && std::process::Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: running as root without setpriv, a read-only folder would not stop root");
        return;
    }
    let (tmp, root, w) = demo_copy();
    let mut s = start_as_nobody(tmp.path(), &root, &w);
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    s.type_text("Före#1 ");
    s.wait_until("the first words saved", |screen| screen.contains("Före#1") && screen.contains("✓ Sparat"));
    let groups = root.join(malverkstad::store::GROUPS_DIR);
    std::fs::set_permissions(&groups, std::fs::Permissions::from_mode(0o555)).unwrap();
    s.type_text("Efter#2 ");
    s.wait_for("KUNDE INTE SPARA");
    s.send(pty::CTRL_Q);
    s.wait_for("avsluta ändå");
    s.send(pty::ENTER);
    let code = s.wait_exit(pty::WAIT);
    std::fs::set_permissions(&groups, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(code.is_some_and(|c| c != 0), "exit code {code:?}, not a clean 0:\n{}", s.raw_text());
    assert!(s.is_cooked(), "the terminal is given back before the note");

    let raw = s.raw_text();
    let rescued = line_after(&raw, "Den osparade texten finns i:").unwrap_or_else(|| panic!("no path printed:\n{raw}"));
    let rescued = PathBuf::from(rescued);
    let file: GroupFile = malverkstad::store::codec::read_file(&rescued).expect("the named file holds a group file");
    assert_eq!(effect_text(&file, &w), "Före#1 Efter#2 ", "the named file holds the unsaved text");
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Före#1 ", "the read-only file is as it was");
    drop(s);

    // The next start offers the text, and taking it saves it where it belongs.
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_for("Osparad text hittades");
    s.send(pty::ENTER);
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(Duration::from_secs(5)), Some(0), "{}", s.contents());
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Före#1 Efter#2 ");
    assert!(!rescued.exists(), "the rescue file was handled (moved aside)");
}
