//! Start to first frame, measured on real processes in a pseudo-terminal:
//! `malverkstad open <demo>` until its group list is on screen, against this
//! bench binary re-run as a minimal ratatui program that sets up the
//! terminal the same way and draws one Paragraph.

use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use ratatui::backend::CrosstermBackend;
use ratatui::widgets::Paragraph;
use ratatui::Terminal;

/// Set in the environment of the re-run bench binary.
pub const MINIMAL_ENV: &str = "MALVERKSTAD_BENCH_MINIMAL";
const MINIMAL_TEXT: &str = "Minimal ratatui";

/// The minimal program: the same terminal set-up as the app, one frame,
/// then wait to be killed (as the app does).
pub fn minimal_program() {
    let mut out = std::io::stdout();
    let _ = enable_raw_mode();
    let _ = execute!(out, EnterAlternateScreen, EnableBracketedPaste, EnableMouseCapture, cursor::Hide);
    if let Ok(mut term) = Terminal::new(CrosstermBackend::new(std::io::stdout())) {
        let _ = term.draw(|f| f.render_widget(Paragraph::new(MINIMAL_TEXT), f.area()));
    }
    std::thread::sleep(Duration::from_secs(10));
    let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
}

/// Spawn `cmd` in a 120×40 pty; time until `marker` is on its screen.
fn time_to(cmd: CommandBuilder, marker: &'static str) -> Option<Duration> {
    let pty = native_pty_system();
    let pair = pty.openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).ok()?;
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).ok()?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().ok()?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(std::num::NonZeroU16::new(40)?, std::num::NonZeroU16::new(120)?, 0);
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            if parser.screen().contents().contains(marker) {
                let _ = tx.send(Instant::now());
                break;
            }
        }
        Some(())
    });
    let seen = rx.recv_timeout(Duration::from_secs(10)).ok();
    let _ = child.kill();
    let _ = child.wait();
    drop(pair.master);
    seen.map(|t| t - start)
}

/// Median start-to-first-frame of the app and of the minimal program, in
/// `rounds` interleaved rounds. `None` when a process never drew.
pub fn measure(sessions: &Path, demo_dir: &Path, rounds: usize) -> Option<(Duration, Duration)> {
    let mut app = Vec::new();
    let mut minimal = Vec::new();
    let exe = std::env::current_exe().ok()?;
    for _ in 0..rounds {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_malverkstad"));
        cmd.arg("open");
        cmd.arg(demo_dir);
        cmd.env("MALVERKSTAD_DIR", sessions);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("MALVERKSTAD_LANG");
        app.push(time_to(cmd, "Välj er grupp")?);
        let mut cmd = CommandBuilder::new(&exe);
        cmd.env(MINIMAL_ENV, "1");
        cmd.env("TERM", "xterm-256color");
        minimal.push(time_to(cmd, MINIMAL_TEXT)?);
    }
    app.sort();
    minimal.sort();
    Some((app[app.len() / 2], minimal[minimal.len() / 2]))
}
