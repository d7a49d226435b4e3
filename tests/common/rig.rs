//! An `App` with the shell's real effect runner (`tui::Services`) on a
//! sessions folder: what a key asks for is carried out on disk at once.

use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use malverkstad::app::facil::setup::SetupState;
use malverkstad::app::{App, Msg, Theme};
use malverkstad::i18n::Lang;
use malverkstad::tui::{saver, Services, ShellEvent};

use super::keys::{key, IntoKey};

pub struct Rig {
    pub app: App,
    pub services: Services,
    _events: Receiver<ShellEvent>,
}

impl Rig {
    /// Start as the binary does on `sessions`, with `workshop` opened and
    /// `group` fixed when given.
    pub fn new(sessions: &Path, lang: Lang, workshop: Option<&Path>, group: Option<&str>) -> Rig {
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = std::sync::Arc::new(std::sync::Mutex::new(None));
        let mut services = Services::new(sessions.to_path_buf(), lang, saver::spawn(tx, lang), shared);
        let mut app = App::new(lang, Theme::plain(), sessions.to_path_buf(), group.map(String::from));
        services.start(&mut app, workshop);
        Rig { app, services, _events: rx }
    }

    /// One message through `update` and the effect runner.
    pub fn feed(&mut self, msg: Msg) {
        let fx = self.app.update(msg, Instant::now());
        self.services.run(&mut self.app, fx);
    }

    pub fn press<K: IntoKey>(&mut self, keys: &[K]) {
        for k in keys {
            self.feed(Msg::Key(k.into_key()));
        }
    }

    pub fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.press(&[key(c)]);
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.feed(Msg::Paste(text.into()));
    }

    /// The setup editor's state; panics on any other screen.
    pub fn setup(&self) -> &SetupState {
        self.app.setup().unwrap_or_else(|| panic!("not the setup: {:?}", self.app.at()))
    }

    /// The app drawn at 120×40, as `super::app::render` prints it.
    pub fn screen(&self) -> String {
        super::app::render(&self.app, 120, 40)
    }
}
