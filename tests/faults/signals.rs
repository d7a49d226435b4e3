//! Cases 4 and 5: SIGHUP, SIGTERM and a closed terminal save and end the
//! program within a second without spinning; a panic with unsaved edits
//! writes a recovery file, gives the terminal back (`stty` shows echo and
//! icanon again) and the next start offers the text.

use std::time::{Duration, Instant};

use super::pty::{self, Pty};
use super::*;

/// At most this much CPU in one idle second (the loop wakes once a second).
const IDLE_CPU: Duration = Duration::from_millis(150);

/// Open the first group's first goal and type words until one frame shows
/// the last of them unsaved ("● Osparat": the idle save comes 0.8 s after the
/// last key, and a loaded machine may miss that window, so try again).
/// Checks first that the idle program does not spin. Returns the text typed.
fn typing(s: &mut Pty, w: &Workshop, how: &str) -> String {
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    let before = pty::cpu_time(s.pid()).unwrap();
    std::thread::sleep(Duration::from_secs(1));
    let idle = pty::cpu_time(s.pid()).unwrap() - before;
    assert!(idle < IDLE_CPU, "idle for a second used {idle:?} of CPU");
    type_unsaved(s, how)
}

/// Type words into the open text step until one frame shows the last of them
/// unsaved. Returns the text typed.
pub(super) fn type_unsaved(s: &mut Pty, how: &str) -> String {
    let mut text = String::new();
    for attempt in 1..=5 {
        let word = format!("{how}#{attempt}");
        s.type_text(&format!("{word} "));
        text.push_str(&format!("{word} "));
        if s.holds_within(Duration::from_millis(600), |screen| screen.contains(&word) && screen.contains("Osparat")) {
            return text;
        }
    }
    panic!("never saw the text unsaved on screen:\n{}", s.contents());
}

/// One run: type, end the program with `end`, check it saved and released
/// its lock; returns how long it took to exit after the signal.
fn end_once(how: &str, end: &impl Fn(&mut Pty)) -> Duration {
    let (tmp, root, w) = demo_copy();
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    let text = typing(&mut s, &w, &format!("Sparas-vid-{how}"));
    let pid = s.pid();
    let sent = Instant::now();
    end(&mut s);
    let mut busy = Duration::ZERO;
    while s.child.try_wait().unwrap().is_none() && sent.elapsed() < Duration::from_secs(3) {
        if let Some(cpu) = pty::cpu_time(pid) {
            busy = cpu;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = sent.elapsed();
    assert!(s.wait_exit(Duration::from_secs(2)).is_some(), "{how}: still running after {took:?}");
    assert_eq!(effect_text(&group_file(&root, &w), &w), text, "{how}: saved");
    let lock = malverkstad::store::lock::lock_path(&WorkshopDir { root: root.clone() }.group_path(&w.groups[0]));
    assert!(!lock.exists(), "{how}: the lock is released");
    eprintln!("{how}: exited {took:?} after the signal (process CPU total {busy:?})");
    took
}

/// Saved and exited within a second. Every run must save and exit (within
/// 3 s); the one-second promise must hold in at least one of three runs, so
/// that a shared machine that does not schedule the child for a moment does
/// not fail the test while a program that is really slow still does.
fn ends_saved(how: &str, end: impl Fn(&mut Pty)) {
    let mut times = Vec::new();
    for _ in 0..3 {
        let took = end_once(how, &end);
        times.push(took);
        if took < Duration::from_secs(1) {
            return;
        }
    }
    panic!("{how}: never saved and exited within a second: {times:?}");
}

#[test]
fn sighup_saves_and_exits_within_a_second() {
    ends_saved("SIGHUP", |s| s.signal(libc::SIGHUP));
}

#[test]
fn sigterm_saves_and_exits_within_a_second() {
    ends_saved("SIGTERM", |s| s.signal(libc::SIGTERM));
}

#[test]
fn a_closed_terminal_saves_and_exits_within_a_second() {
    ends_saved("hang-up", Pty::hang_up);
}

/// `stty -a` output: are these flags on (not `-flag`)?
fn flags_on(stty: &str, flags: &[&str]) -> bool {
    let words: Vec<&str> = stty.split(|c: char| c.is_whitespace() || c == ';').collect();
    flags.iter().all(|f| words.contains(f) && !words.contains(&format!("-{f}").as_str()))
}

#[test]
fn a_panic_with_unsaved_edits_writes_a_recovery_file_restores_the_terminal_and_offers_it() {
    let (tmp, root, w) = demo_copy();
    let dir = WorkshopDir { root: root.clone() };
    let path = dir.group_path(&w.groups[0]);
    // A shell runs the program, then `stty -a` in the same terminal.
    let script = "\"$0\" \"$@\"; echo \"EXIT=$?\"; stty -a; echo STTY-END";
    let args =
        ["-c", script, env!("CARGO_BIN_EXE_malverkstad"), "open", root.to_str().unwrap(), "--group", &w.groups[0].slug];
    let mut cmd = pty::program("/bin/sh", &args, tmp.path());
    cmd.env("MALVERKSTAD_TEST_PANIC", "1");
    let mut s = Pty::spawn(cmd);
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    let before_panic = std::fs::read(&path).unwrap();
    // Text and F12 in one go: the idle save cannot come between them.
    s.type_text(&format!("Osparad text före paniken#1 {}", pty::F12));
    pty::eventually(|| s.raw_text().contains("STTY-END"));
    let raw = s.raw_text();
    let after = &raw[raw.rfind("EXIT=").expect("the program ended and the shell went on")..];
    assert!(after.starts_with("EXIT=101"), "a panic exits with 101: {after}");
    assert!(flags_on(after, &["echo", "icanon", "icrnl", "opost"]), "terminal not restored:\n{after}");
    assert!(raw.contains("test panic"), "the panic message is printed");
    assert!(raw.contains(".recovery"), "the recovery file is named");
    assert_eq!(std::fs::read(&path).unwrap(), before_panic, "the group file was not touched by the panic");
    let recovery = malverkstad::tui::recovery::load(&path).expect("a recovery file");
    assert_eq!(effect_text(&recovery.1, &w), "Osparad text före paniken#1 ");
    drop(s);

    // The next start offers the text, and taking it saves it.
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_for("Osparad text hittades");
    s.send(pty::ENTER);
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(Duration::from_secs(5)), Some(0), "{}", s.contents());
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Osparad text före paniken#1 ");
    assert!(malverkstad::tui::recovery::load(&path).is_none(), "the recovery file was handled");
}

/// A terminating signal other than SIGTERM/SIGHUP: the unsaved text is
/// saved, the lock released, and the terminal given back (cooked mode with
/// echo, main screen, cursor shown).
fn saves_and_restores(name: &str, sig: i32) {
    let (tmp, root, w) = demo_copy();
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    assert!(!s.is_cooked(), "{name}: the program runs in raw mode");
    let text = type_unsaved(&mut s, &format!("Sparas-vid-{name}"));
    s.signal(sig);
    assert!(s.wait_exit(pty::WAIT).is_some(), "{name}: still running");
    assert_eq!(effect_text(&group_file(&root, &w), &w), text, "{name}: saved");
    let lock = malverkstad::store::lock::lock_path(&WorkshopDir { root: root.clone() }.group_path(&w.groups[0]));
    assert!(!lock.exists(), "{name}: the lock is released");
    assert!(s.is_cooked(), "{name}: the terminal is left in raw mode");
    // The output is read by another thread: wait for its last bytes.
    assert!(
        s.holds_within(pty::WAIT, |_| s.screen_given_back()),
        "{name}: alternate screen or hidden cursor left:\n{}",
        s.contents()
    );
}

#[test]
fn sigint_saves_unlocks_and_restores_the_terminal() {
    saves_and_restores("SIGINT", libc::SIGINT);
}

#[test]
fn sigquit_saves_unlocks_and_restores_the_terminal() {
    saves_and_restores("SIGQUIT", libc::SIGQUIT);
}

#[test]
fn sigusr1_saves_unlocks_and_restores_the_terminal() {
    saves_and_restores("SIGUSR1", libc::SIGUSR1);
}

#[test]
fn sigusr2_saves_unlocks_and_restores_the_terminal() {
    saves_and_restores("SIGUSR2", libc::SIGUSR2);
}

#[test]
fn sigalrm_saves_unlocks_and_restores_the_terminal() {
    saves_and_restores("SIGALRM", libc::SIGALRM);
}

#[test]
fn sigvtalrm_saves_unlocks_and_restores_the_terminal() {
    saves_and_restores("SIGVTALRM", libc::SIGVTALRM);
}

#[test]
fn sigprof_saves_unlocks_and_restores_the_terminal() {
    saves_and_restores("SIGPROF", libc::SIGPROF);
}
