//! The shell: terminal init/restore, the event loop, effects, the autosave
//! worker, signals, panics and locks. Everything else lives in `crate::app`.
//!
//! The loop ([`run_loop`]) is generic over ratatui's `Backend` and reads
//! [`ShellEvent`]s from a channel, so tests drive it with a `TestBackend`
//! and a channel of their own.

pub mod effects;
pub mod export;
pub mod facil;
pub mod outline;
pub mod recovery;
pub mod saver;
pub mod terminal;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ratatui::backend::Backend;
use ratatui::Terminal;

use crate::app::{App, Msg, Theme};
use crate::i18n::Lang;

pub use effects::Services;

/// What the binary asks the TUI to open.
#[derive(Clone, Debug)]
pub struct Options {
    pub sessions: PathBuf,
    /// A workshop folder to open straight away.
    pub workshop: Option<PathBuf>,
    /// Stay on this group (name or slug).
    pub group: Option<String>,
    /// Open the workshop straight into the plenary mode (`present`).
    pub present: bool,
    pub lang: Lang,
}

/// Everything the loop reacts to.
#[derive(Debug)]
pub enum ShellEvent {
    Term(crossterm::event::Event),
    Saved {
        generation: u64,
        result: Result<DateTime<Utc>, String>,
    },
    /// What a save did beyond saving; sent just before its `Saved`.
    SaveNote(Box<crate::app::session::save::SaveNote>),
    /// SIGTERM, SIGHUP or another terminating signal, or the terminal is gone.
    Terminate,
    /// SIGTSTP: give the terminal back and stop.
    Suspend,
    /// SIGCONT: take the terminal again and redraw everything.
    Resume,
    /// outline.ron was saved (or not) by the outline's save worker.
    OutlineSaved {
        generation: u64,
        result: Result<(), String>,
    },
    /// Kolada's catalogue, read by [`spawn_kolada`].
    Kolada(Arc<crate::kolada::Catalogue>),
    /// The best KPIs for a query, from [`spawn_kolada`]'s worker.
    KoladaHits {
        query: String,
        hits: Vec<crate::kolada::Kpi>,
    },
}

/// How often workshop.ron is checked for changes (and the timer redrawn).
pub const POLL: Duration = Duration::from_secs(1);

/// True when both stdin and stdout are terminals.
pub fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Run the TUI in the real terminal. Returns the process exit code.
pub fn run(opts: Options) -> anyhow::Result<i32> {
    let shared: recovery::Shared = Arc::new(Mutex::new(None));
    recovery::install_panic_hook(shared.clone());
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone());
    let mut terminal = terminal::init()?;
    let _guard = terminal::Guard;
    spawn_input(tx.clone());
    let mut app = App::new(opts.lang, Theme::from_env(), opts.sessions.clone(), opts.group.clone());
    // The user's quality word file, as `check --quality` reads it; a broken
    // file leaves the shipped lists and says so in the status bar.
    // Kolada's ids come with the catalogue from its thread (`spawn_kolada`).
    match crate::store::words::load_word_lists(None) {
        Ok(words) => app.quality.set_words(words),
        Err(e) => app.notice = Some(e.message(opts.lang)),
    }
    app.present = opts.present;
    app.quality.throttle = Some(crate::app::quality::THROTTLE);
    let mut services = Services::new(opts.sessions.clone(), opts.lang, saver::spawn(tx.clone(), opts.lang), shared);
    services.kolada = Some(spawn_kolada(tx.clone()));
    services.outline_saver = Some(outline::spawn(tx, opts.lang));
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height), Instant::now());
    services.start(&mut app, opts.workshop.as_deref());
    run_loop(&mut terminal, &mut app, &rx, &mut services)?;
    drop(_guard);
    if let Some(note) = services.final_note.take() {
        // Not `eprintln!`: after a hang-up stderr is a dead terminal, and a
        // failed print must not turn a rescued exit into a panic.
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "{note}");
    }
    Ok(services.exit_code)
}

fn spawn_input(tx: Sender<ShellEvent>) {
    let _ = std::thread::Builder::new().name("input".into()).spawn(move || loop {
        match crossterm::event::read() {
            Ok(ev) => {
                if tx.send(ShellEvent::Term(ev)).is_err() {
                    break;
                }
            }
            Err(_) => {
                // The terminal is gone (hang-up): save and leave, no spinning.
                let _ = tx.send(ShellEvent::Terminate);
                break;
            }
        }
    });
}

/// Kolada's catalogue off the event loop: a thread reads it (a few MB of
/// JSON) and folds its titles for the search, hands it to the app, then
/// answers the indicator form's searches (about 1 ms each for 6,000 KPIs),
/// only the latest of queries that came while it was busy. No catalogue:
/// nothing is sent and the thread ends (the app asks nothing then).
pub fn spawn_kolada(tx: Sender<ShellEvent>) -> Sender<String> {
    let (queries, rx) = mpsc::channel::<String>();
    let _ = std::thread::Builder::new().name("kolada".into()).spawn(move || {
        let Some(catalogue) = crate::kolada::load_if_present() else { return };
        catalogue.prepare_search();
        let catalogue = Arc::new(catalogue);
        if tx.send(ShellEvent::Kolada(catalogue.clone())).is_err() {
            return;
        }
        while let Ok(mut query) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                query = newer;
            }
            let hits = crate::app::wizard::suggest::search(&catalogue, &query);
            if tx.send(ShellEvent::KoladaHits { query, hits }).is_err() {
                break;
            }
        }
    });
    queries
}

/// Every catchable signal whose default action ends the process: each is
/// handled like SIGTERM (save, unlock, restore the terminal, exit). SIGINT
/// still comes as a signal from `kill -INT` (Ctrl-C is a key in raw mode).
#[cfg(unix)]
pub const TERMINATING: &[i32] = &[
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGPOLL,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGPWR,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGSTKFLT,
];

fn spawn_signals(tx: Sender<ShellEvent>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGCONT, SIGTSTP};
        let wanted = TERMINATING.iter().copied().chain([SIGTSTP, SIGCONT]);
        if let Ok(mut signals) = signal_hook::iterator::Signals::new(wanted) {
            let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
                for sig in signals.forever() {
                    let ev = match sig {
                        SIGTSTP => ShellEvent::Suspend,
                        SIGCONT => ShellEvent::Resume,
                        _ => ShellEvent::Terminate,
                    };
                    if tx.send(ev).is_err() {
                        break;
                    }
                }
            });
        }
    }
    #[cfg(not(unix))]
    let _ = tx;
}

/// Turn a terminal event into a message (key releases are dropped).
fn to_msg(ev: ShellEvent) -> Option<Msg> {
    use crossterm::event::{Event, KeyEventKind};
    Some(match ev {
        ShellEvent::Term(Event::Key(k)) if k.kind != KeyEventKind::Release => Msg::Key(ctrl_j_is_enter(k)),
        ShellEvent::Term(Event::Paste(p)) => Msg::Paste(p),
        ShellEvent::Term(Event::Mouse(m)) => Msg::Mouse(m),
        ShellEvent::Term(Event::Resize(w, h)) => Msg::Resize(w, h),
        ShellEvent::Term(_) => return None,
        ShellEvent::Saved { generation, result } => Msg::Saved { generation, result },
        ShellEvent::SaveNote(note) => Msg::SaveNote(note),
        ShellEvent::Terminate => Msg::Terminate,
        ShellEvent::Suspend | ShellEvent::Resume => return None,
        ShellEvent::OutlineSaved { generation, result } => {
            Msg::Facil(crate::app::facil::FacilMsg::OutlineSaved { generation, result })
        }
        ShellEvent::Kolada(catalogue) => Msg::Kolada(catalogue),
        ShellEvent::KoladaHits { query, hits } => Msg::KoladaHits { query, hits },
    })
}

/// Ctrl-J is the byte an Enter sends while the terminal is in cooked mode
/// (after a stop, or a shell that changed the modes); the text areas' own
/// meaning of Ctrl-J deletes to the start of the line. It is an Enter.
pub fn ctrl_j_is_enter(k: crossterm::event::KeyEvent) -> crossterm::event::KeyEvent {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    if k.code == KeyCode::Char('j') && k.modifiers == KeyModifiers::CONTROL {
        return KeyEvent { code: KeyCode::Enter, modifiers: KeyModifiers::NONE, ..k };
    }
    k
}

/// Test-only, debug builds only: with `MALVERKSTAD_TEST_PANIC` set, F12
/// panics inside the loop, so the fault tests can check the panic hook
/// (recovery file, terminal restored). Compiled out of release builds.
fn test_panic_trigger(ev: ShellEvent) -> ShellEvent {
    #[cfg(debug_assertions)]
    {
        use crossterm::event::{Event, KeyCode};
        if let ShellEvent::Term(Event::Key(k)) = &ev {
            if k.code == KeyCode::F(12) && std::env::var_os("MALVERKSTAD_TEST_PANIC").is_some() {
                panic!("test panic: F12 with MALVERKSTAD_TEST_PANIC set");
            }
        }
    }
    ev
}

/// After a continue: the whole frame again, at the terminal's size now (it
/// may have changed while stopped). `resize` clears the screen without
/// asking the terminal for its cursor, which `clear` does and which a
/// terminal whose input another thread reads may not answer in time.
fn redraw_all<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, services: &mut Services) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(size.into())?;
    let fx = app.update(Msg::Resize(size.width, size.height), Instant::now());
    services.run(app, fx);
    terminal.draw(|f| f.render_widget(&*app, f.area()))?;
    Ok(())
}

/// The event loop: wait for an event or a deadline, update, run effects,
/// draw when something changed. Returns when the app quits.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<ShellEvent>,
    services: &mut Services,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    terminal.draw(|f| f.render_widget(&*app, f.area()))?;
    let mut next_poll = Instant::now() + POLL;
    loop {
        let now = Instant::now();
        let deadline = app.next_deadline().map_or(next_poll, |d| d.min(next_poll));
        let timeout = deadline.saturating_duration_since(now);
        let (msg, mut redraw) = match events.recv_timeout(timeout) {
            Ok(ShellEvent::Terminate) => {
                services.terminate(app);
                return Ok(());
            }
            Ok(ShellEvent::Suspend) => {
                // Returns once continued; SIGCONT then also comes as Resume.
                terminal::suspend();
                continue;
            }
            Ok(ShellEvent::Resume) => {
                if terminal::resume() && redraw_all(terminal, app, services).is_err() {
                    // A dead terminal: save and leave rather than spin.
                    services.terminate(app);
                    return Ok(());
                }
                continue;
            }
            Ok(ev) => match to_msg(test_panic_trigger(ev)) {
                Some(m) => (m, true),
                None => continue,
            },
            Err(RecvTimeoutError::Timeout) => (Msg::Tick(Utc::now()), false),
            Err(RecvTimeoutError::Disconnected) => {
                services.terminate(app);
                return Ok(());
            }
        };
        if let Msg::Resize(..) = msg {
            terminal.autoresize()?;
        }
        let checks = app.quality.runs();
        let fx = app.update(msg, Instant::now());
        // A quality check that was due on this tick changes the panel.
        redraw |= !fx.is_empty() || app.quality.runs() != checks;
        services.run(app, fx);
        if Instant::now() >= next_poll {
            next_poll = Instant::now() + POLL;
            // Keep the clock current even while keys keep coming.
            let fx = app.update(Msg::Tick(Utc::now()), Instant::now());
            services.run(app, fx);
            redraw |= services.poll_workshop(app);
            redraw |= services.poll_group(app);
            redraw |= services.poll_outline(app);
            redraw |= app.timer_shown();
        }
        services.share_unsaved(app);
        if services.quit {
            services.finish(app);
            return Ok(());
        }
        if redraw {
            if let Err(e) = terminal.draw(|f| f.render_widget(&*app, f.area())) {
                // A dead terminal: save and leave rather than spin.
                services.terminate(app);
                return Err(e.into());
            }
        }
    }
}
