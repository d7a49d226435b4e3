//! Issue 13, bad files: a FIFO, socket, device or folder named `*.ron`
//! where a group file belongs. Nothing opens it (opening a FIFO waits
//! forever); the TUI shows an error, `check` reports it, `merge` names it.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use malverkstad::i18n::Lang;
use malverkstad::store::{codec, StoreError};

use super::pty::{self, Pty};
use super::*;

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

/// Run the binary and wait at most `pty::WAIT` for it (a hang fails the test
/// instead of hanging it).
fn run(args: &[&std::ffi::OsStr], sessions: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_malverkstad"))
        .args(args)
        .env("MALVERKSTAD_DIR", sessions)
        .env_remove("MALVERKSTAD_LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let end = Instant::now() + pty::WAIT;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > end {
            let _ = child.kill();
            panic!("{args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_fifo_as_the_group_file_is_an_error_on_screen_not_a_hang() {
    let (tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    std::fs::remove_file(&path).unwrap();
    mkfifo(&path);
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_until("the error", |screen| screen.contains("vanlig fil") && screen.contains("(FIFO)"));
    s.send(pty::CTRL_Q);
    assert!(s.wait_exit(pty::WAIT).is_some(), "the program ends on Ctrl-Q:\n{}", s.contents());
}

#[test]
fn check_and_merge_name_every_special_file_in_groups() {
    let (tmp, root, _w) = demo_copy();
    let groups = root.join(malverkstad::store::GROUPS_DIR);
    let fifo = groups.join("kopia.ron");
    mkfifo(&fifo);
    let folder = groups.join("mapp.ron");
    std::fs::create_dir(&folder).unwrap();
    let socket = groups.join("uttag.ron");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();

    let out = run(&["check".as_ref(), root.as_os_str()], tmp.path());
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_ne!(out.status.code(), Some(0), "check must not say no problems:\n{text}");
    for (p, kind) in [(&fifo, "en namngiven rörledning (FIFO)"), (&folder, "en mapp"), (&socket, "en socket")] {
        assert!(text.contains(&format!("{} är ingen vanlig fil utan {kind}", p.display())), "{kind}:\n{text}");
    }

    let out = run(&["merge".as_ref(), root.as_os_str()], tmp.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "merge must not leave them out quietly:\n{err}");
    for p in [&fifo, &folder, &socket] {
        assert!(err.contains(&p.display().to_string()), "{}:\n{err}", p.display());
    }
    assert!(!root.join("outline.ron").exists(), "nothing merged without them");
}

#[test]
fn the_readers_refuse_special_files_without_opening_them() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("grupp.ron");
    mkfifo(&fifo);
    let cases = [(fifo.clone(), "FIFO"), (tmp.path().to_path_buf(), "folder"), (PathBuf::from("/dev/null"), "device")];
    for (path, kind) in cases {
        // On a thread, so that a reader blocked in open(2) fails the test.
        let (tx, rx) = std::sync::mpsc::channel();
        let p = path.clone();
        std::thread::spawn(move || tx.send(codec::read_file::<GroupFile>(&p)));
        match rx.recv_timeout(pty::WAIT).unwrap_or_else(|_| panic!("reading {} hangs", path.display())) {
            Err(e @ StoreError::NotRegular { .. }) => {
                assert!(e.message(Lang::En).contains(kind), "{}", e.message(Lang::En));
                assert!(!e.message(Lang::Sv).is_empty());
            }
            other => panic!("{}: {other:?}", path.display()),
        }
    }
}
