//! Terminal setup and an idempotent restore, called on every exit path
//! (normal quit, error, signal, panic), and suspend/resume for SIGTSTP and
//! SIGCONT (as vim does: the terminal is given back while stopped).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

/// True while the terminal is in raw/alternate mode.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// True while the terminal was given back for a stop (SIGTSTP) and is to be
/// taken again on continue.
static SUSPENDED: AtomicBool = AtomicBool::new(false);

pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Raw mode, alternate screen, bracketed paste, mouse.
pub fn init() -> io::Result<Term> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    if let Err(e) = enter(&mut out) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(out)).inspect_err(|_| restore())
}

fn enter(out: &mut io::Stdout) -> io::Result<()> {
    execute!(out, EnterAlternateScreen, EnableBracketedPaste, EnableMouseCapture, cursor::Hide)
}

/// Give the terminal back. Safe to call any number of times, from anywhere.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// SIGTSTP: give the terminal back (cooked mode, main screen, cursor shown),
/// then really stop (SIGSTOP) until SIGCONT. Returns after the continue.
/// Does nothing when the terminal is not ours (tests on a `TestBackend`).
pub fn suspend() {
    if !ACTIVE.load(Ordering::SeqCst) {
        return;
    }
    restore();
    SUSPENDED.store(true, Ordering::SeqCst);
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(libc::SIGSTOP);
    }
}

/// SIGCONT (after our own stop, or after `kill -STOP`): raw mode, the
/// alternate screen, paste and mouse again. The caller redraws the whole
/// frame. True when the terminal is ours again; false when it is not ours.
pub fn resume() -> bool {
    let was_suspended = SUSPENDED.swap(false, Ordering::SeqCst);
    if !was_suspended && !ACTIVE.load(Ordering::SeqCst) {
        return false;
    }
    // A shell may have set its own modes while we were stopped: set ours
    // from scratch (crossterm skips `enable_raw_mode` while it thinks raw
    // mode is on).
    let _ = disable_raw_mode();
    if enable_raw_mode().is_err() {
        return false;
    }
    ACTIVE.store(true, Ordering::SeqCst);
    enter(&mut io::stdout()).is_ok()
}

/// Restores the terminal when dropped (early returns and `?`).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
