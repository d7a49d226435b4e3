//! The real binary in a pseudo-terminal (portable-pty + vt100): keys sent,
//! the screen read and waited for, a raw log of the output, resizes, a real
//! hang-up (every master descriptor closed), and a shell around the
//! program. Every wait is bounded.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

pub const ENTER: &str = "\r";
pub const CTRL_Q: &str = "\x11";
pub const F2: &str = "\x1bOQ";
pub const F12: &str = "\x1b[24~";
pub const BACKSPACE: &str = "\x7f";
pub const TAB: &str = "\t";
pub const RIGHT: &str = "\x1b[C";
pub const CTRL_RIGHT: &str = "\x1b[1;5C";
pub const PAGE_DOWN: &str = "\x1b[6~";

/// How long any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(15);

pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

/// The binary with the environment of a test run.
pub fn app(args: &[&str], sessions: &Path) -> CommandBuilder {
    program(env!("CARGO_BIN_EXE_malverkstad"), args, sessions)
}

/// Any program with the binary's test environment.
pub fn program(exe: &str, args: &[&str], sessions: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(exe);
    cmd.args(args);
    cmd.env("MALVERKSTAD_DIR", sessions);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("MALVERKSTAD_LANG");
    cmd.env_remove("MALVERKSTAD_TEST_PANIC");
    cmd
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

impl Pty {
    pub fn spawn(cmd: CommandBuilder) -> Pty {
        let pair = native_pty_system().openpty(size(24, 80)).expect("pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let master = pair.master;
        let mut reader = master.try_clone_reader().expect("reader");
        let fd = master.as_raw_fd().expect("master fd");
        // Our own descriptor rather than `take_writer`: portable-pty's writer
        // types a newline and ^D into the program when it is dropped.
        // SAFETY: dup of a descriptor the master owns; the File owns the copy.
        let writer: Box<dyn Write + Send> = Box::new(unsafe {
            use std::os::fd::FromRawFd;
            std::fs::File::from_raw_fd(libc::dup(fd))
        });
        let screen =
            Arc::new(Mutex::new(vt100::Parser::new(NonZeroU16::new(24).unwrap(), NonZeroU16::new(80).unwrap(), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (parser, log, halt) = (screen.clone(), raw.clone(), stop.clone());
        // Poll with a timeout so that the reader can be stopped and its
        // descriptor closed (a real hang-up needs every master fd closed).
        let reader_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !halt.load(Ordering::SeqCst) {
                let mut pfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
                // SAFETY: one valid pollfd; the master outlives this thread (joined before it is dropped).
                let ready = unsafe { libc::poll(&mut pfd, 1, 50) };
                if ready <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        parser.lock().unwrap().process(&buf[..n]);
                        log.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Pty { child, writer: Some(writer), master: Some(master), screen, raw, stop, reader: Some(reader_thread) }
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("pid") as i32
    }

    /// The parsed screen, for a watcher thread that reads it while the test types.
    pub fn screen_handle(&self) -> Arc<Mutex<vt100::Parser>> {
        self.screen.clone()
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote, as text.
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Wait until the screen shows `what`.
    pub fn wait_for(&self, what: &str) {
        if !self.holds_within(WAIT, |screen| screen.contains(what)) {
            panic!("timed out waiting for {what:?}; screen:\n{}", self.contents());
        }
    }

    /// Wait until `pred` holds for the screen's text.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) {
        if !self.holds_within(WAIT, pred) {
            panic!("timed out waiting for {what}; screen:\n{}", self.contents());
        }
    }

    /// True when `pred` holds for the screen's text within `limit`.
    pub fn holds_within(&self, limit: Duration, pred: impl Fn(&str) -> bool) -> bool {
        within(limit, || pred(&self.contents()))
    }

    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("not hung up");
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
        // Each key on its own so that escape sequences are never merged.
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Type text quickly (plain characters only: no escape sequences).
    pub fn type_text(&mut self, text: &str) {
        let w = self.writer.as_mut().expect("not hung up");
        w.write_all(text.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.master.as_ref().expect("not hung up").resize(size(rows, cols)).unwrap();
        if let (Some(r), Some(c)) = (NonZeroU16::new(rows), NonZeroU16::new(cols)) {
            self.screen.lock().unwrap().set_size(r, c);
        }
    }

    /// Close the terminal as a closed window does: every master descriptor.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.reader.take() {
            let _ = t.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// Wait for the program to end; its exit code, or None on time-out.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<u32> {
        let end = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            if Instant::now() >= end {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The terminal's modes as the program left them (read on the master side,
    /// so it works while the program is stopped or after it ended).
    pub fn termios(&self) -> libc::termios {
        let fd = self.master.as_ref().expect("not hung up").as_raw_fd().expect("master fd");
        // SAFETY: a zeroed termios is a valid out-parameter; fd is the open master.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        t
    }

    /// Cooked mode: line editing and echo on (what a shell expects).
    pub fn is_cooked(&self) -> bool {
        let t = self.termios();
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0 && t.c_iflag & libc::ICRNL != 0
    }

    /// Main screen, cursor shown (as far as the output says).
    pub fn screen_given_back(&self) -> bool {
        let p = self.screen.lock().unwrap();
        !p.screen().alternate_screen() && !p.screen().hide_cursor()
    }

    pub fn signal(&self, sig: i32) {
        // SAFETY: a signal to our own child.
        unsafe { libc::kill(self.pid(), sig) };
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.reader.take() {
            let _ = t.join();
        }
    }
}

/// Poll `cond` every 10 ms for up to `WAIT`; true once it holds, false on
/// time-out (after one last look).
pub fn eventually(cond: impl FnMut() -> bool) -> bool {
    within(WAIT, cond)
}

/// Poll `cond` every 10 ms for up to `limit`; true once it holds, false on
/// time-out (after one last look).
pub fn within(limit: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    cond()
}

/// The process state letter from /proc (`T`: stopped), None when gone.
pub fn state(pid: i32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 2..].chars().next()
}

/// CPU time (user + system) a process has used so far, from /proc.
pub fn cpu_time(pid: i32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Some(Duration::from_millis(ticks * 1000 / hz))
}
