//! Issue 13, item 6: stopping and continuing (SIGTSTP/SIGCONT) give the
//! terminal back and take it again as vim does; an Enter typed while the
//! terminal was cooked (it arrives as Ctrl-J) never deletes text; and a
//! file-size limit (SIGXFSZ) is a save error with its warning, not the end
//! of the process.

use super::pty::{self, eventually, Pty};
use super::*;

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again_and_redraws() {
    let (tmp, root, w) = demo_copy();
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    s.type_text("Före-stoppet ");
    s.wait_until("the text saved", |screen| screen.contains("Före-stoppet") && screen.contains("✓ Sparat"));
    let pid = s.pid();

    s.signal(libc::SIGTSTP);
    assert!(eventually(|| pty::state(pid) == Some('T')), "the program did not stop: {:?}", pty::state(pid));
    assert!(s.is_cooked(), "stopped with the terminal still in raw mode");
    assert!(eventually(|| s.screen_given_back()), "stopped on the alternate screen:\n{}", s.contents());
    assert!(!s.contents().contains("Före-stoppet"), "the main screen is shown while stopped");

    s.signal(libc::SIGCONT);
    assert!(eventually(|| pty::state(pid) != Some('T')), "the program did not continue");
    assert!(eventually(|| !s.is_cooked()), "raw mode again after the continue");
    // The whole frame is drawn again, not only what changed.
    s.wait_until("the frame redrawn", |screen| screen.contains("Steg 1") && screen.contains("Före-stoppet"));

    // An Enter as a cooked terminal sends it (LF, read in raw mode as
    // Ctrl-J), then more text: nothing typed before is deleted.
    s.send("\n");
    s.type_text("Efter-fortsättningen ");
    s.wait_until("the new text saved", |screen| screen.contains("Efter-fortsättningen") && screen.contains("✓ Sparat"));
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(pty::WAIT), Some(0), "{}", s.contents());
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Före-stoppet \nEfter-fortsättningen ");
}

#[test]
fn ctrl_j_is_a_new_line_not_a_deletion() {
    let (tmp, root, w) = demo_copy();
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    s.type_text("Första raden");
    s.wait_for("Första raden");
    s.send("\n");
    s.type_text("andra raden ");
    s.wait_until("the text saved", |screen| screen.contains("andra raden") && screen.contains("✓ Sparat"));
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(pty::WAIT), Some(0), "{}", s.contents());
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Första raden\nandra raden ");
}

/// Names in `dir` that start with a dot (temp files of an atomic write).
fn hidden(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// `ulimit -f 8` (4 KiB in dash's 512-byte blocks, 8 KiB in bash's 1024-byte
/// ones), then the program. The test process itself is never limited.
const LIMITED: &str = "ulimit -f 8 && exec \"$0\" \"$@\"";

#[test]
fn a_file_size_limit_is_a_save_warning_not_the_end_of_the_program() {
    let (tmp, root, w) = demo_copy();
    let exe = env!("CARGO_BIN_EXE_malverkstad");
    let args = ["-c", LIMITED, exe, "open", root.to_str().unwrap(), "--group", &w.groups[0].slug];
    let mut s = Pty::spawn(pty::program("/bin/sh", &args, tmp.path()));
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    let groups = root.join(malverkstad::store::GROUPS_DIR);
    let before = std::fs::read(WorkshopDir { root: root.clone() }.group_path(&w.groups[0])).unwrap();
    // A bracketed paste larger than the limit (16 KB, whichever shell).
    let text = "Ökad trygghet för äldre i hemtjänsten. ".repeat(400);
    s.type_text(&format!("\x1b[200~{text}\x1b[201~"));
    s.wait_until("the save warning", |screen| screen.contains("KUNDE INTE SPARA"));
    assert!(s.child.try_wait().unwrap().is_none(), "the program keeps running");
    assert_eq!(hidden(&groups), Vec::<String>::new(), "no temp file left");
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    assert_eq!(std::fs::read(path).unwrap(), before, "the old file is intact");
}

#[test]
fn a_file_size_limit_fails_a_command_with_a_message() {
    let (_tmp, root, _w) = demo_copy();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("utskrift.html");
    let status = std::process::Command::new("/bin/sh")
        .args(["-c", LIMITED, env!("CARGO_BIN_EXE_malverkstad"), "export", root.to_str().unwrap(), "-f", "html"])
        .arg("-o")
        .arg(&out)
        .env("MALVERKSTAD_DIR", root.parent().unwrap())
        .output()
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.status.signal(), None, "ended by a signal: {:?}", status.status);
    assert!(!status.status.success());
    assert!(!String::from_utf8_lossy(&status.stderr).trim().is_empty(), "a message says why");
    assert_eq!(hidden(out_dir.path()), Vec::<String>::new(), "no temp file left");
    assert_eq!(hidden(&root), Vec::<String>::new(), "no temp file left in the workshop");
}
