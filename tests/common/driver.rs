//! A light driver of the TUI without a terminal: the real `App`, the real
//! effect runner (`tui::Services`: loading, the group lock, recovery files)
//! and the real autosave thread (`tui::saver`), fed keys on a virtual clock
//! the way `tui::run_loop` feeds them, with the screen drawn on a `TestBackend`.

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use malverkstad::app::{save, App, Msg, Theme};
use malverkstad::i18n::Lang;
use malverkstad::tui::{saver, Services, ShellEvent};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// What a finished save reports.
pub type SaveResult = Result<DateTime<Utc>, String>;

pub struct Driver {
    pub app: App,
    pub services: Services,
    results: Receiver<ShellEvent>,
    /// The virtual clock passed to `App::update`.
    pub now: Instant,
    term: Terminal<TestBackend>,
}

impl Driver {
    /// Open `root` on `group` (as `malverkstad open <root> --group <group>`).
    pub fn open(root: &Path, group: &str) -> Driver {
        let sessions = root.parent().unwrap().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = std::sync::Arc::new(std::sync::Mutex::new(None));
        let services = Services::new(sessions.clone(), Lang::Sv, saver::spawn(tx, Lang::Sv), shared);
        let app = App::new(Lang::Sv, Theme::plain(), sessions, Some(group.to_string()));
        let term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut d = Driver { app, services, results: rx, now: Instant::now(), term };
        d.services.start(&mut d.app, Some(root));
        d.app.update(Msg::Resize(80, 24), d.now);
        d
    }

    /// One message through `update` and the effect runner.
    pub fn feed(&mut self, msg: Msg) {
        let fx = self.app.update(msg, self.now);
        self.services.run(&mut self.app, fx);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.feed(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Let virtual time pass.
    pub fn advance(&mut self, by: Duration) {
        self.now += by;
        self.feed(Msg::Tick(Utc::now()));
    }

    pub fn save_running(&self) -> bool {
        self.app.group.as_ref().is_some_and(|g| g.save.in_flight.is_some())
    }

    pub fn dirty(&self) -> bool {
        self.app.group.as_ref().is_some_and(|g| g.save.dirty)
    }

    /// Hand finished saves back to the app, as the event loop does, waiting
    /// up to `wait` for each while a save is running. Returns their results.
    pub fn collect(&mut self, wait: Duration) -> Vec<SaveResult> {
        let mut out = Vec::new();
        loop {
            let ev = if self.save_running() { self.results.recv_timeout(wait) } else { Err(RecvTimeoutError::Timeout) };
            let ev = ev.or_else(|_| self.results.try_recv());
            match ev {
                Ok(ShellEvent::Saved { generation, result }) => {
                    out.push(result.clone());
                    self.feed(Msg::Saved { generation, result });
                }
                Ok(ShellEvent::SaveNote(note)) => self.feed(Msg::SaveNote(note)),
                Ok(_) => {}
                Err(_) => return out,
            }
        }
    }

    /// Type `text` into the open editor, one key each 50 ms of virtual time.
    pub fn type_keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
            self.advance(Duration::from_millis(50));
        }
    }

    /// Let the idle save run and finish; panics if it does not within 40
    /// idle periods.
    pub fn settle(&mut self) {
        self.settle_until(40, Duration::from_secs(5), |d, _| !d.dirty());
        assert!(!self.dirty() && !self.save_running(), "the save did not settle");
    }

    /// Let idle saves run, at most `rounds` idle periods (each waiting up to
    /// `wait` for a running save), until none runs and `done` holds for the
    /// driver and the results so far. Returns every result.
    pub fn settle_until(
        &mut self,
        rounds: usize,
        wait: Duration,
        done: impl Fn(&Driver, &[SaveResult]) -> bool,
    ) -> Vec<SaveResult> {
        let mut all = Vec::new();
        for _ in 0..rounds {
            all.extend(self.collect(wait));
            self.advance(save::IDLE);
            if !self.save_running() && done(self, &all) {
                break;
            }
        }
        all
    }

    /// Draw the app; the screen's rows as text.
    pub fn screen(&mut self) -> String {
        let app = &self.app;
        self.term.draw(|f| f.render_widget(app, f.area())).unwrap();
        super::app::rows(self.term.backend().buffer()).join("\n")
    }
}
