//! The pure TUI core: state, messages, `update()` returning effects. Screens
//! render from `&App` (see [`view`]). No terminal and no files here: the
//! shell in `crate::tui` carries out the [`Effect`]s and sends results back
//! as [`Msg`]s.

pub mod ctx;
pub mod export;
pub mod facil;
pub mod keymap;
pub mod lists;
pub mod msg;
mod nav;
pub mod outline;
pub mod plenary;
pub mod quality;
pub mod route;
mod save_note;
pub mod screens;
pub mod session;
pub mod view;
pub mod widgets;
pub mod wizard;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseEvent};
use uuid::Uuid;

use crate::domain::model::{GroupFile, Workshop};
use crate::i18n::Lang;

pub use keymap::{Action, Context, Keymap};
pub use msg::{Effect, GroupOpened, Loaded, Msg};
pub use route::{At, Screen};
pub use session::group::GroupSession;
pub use session::save::SaveState;
pub use session::{fields, progress, save};
pub use widgets::theme::Theme;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// A small question over the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Another terminal holds the group: open read-only?
    Locked { group: Uuid, holder: String, file: Box<GroupFile> },
    /// A recovery file exists: restore it?
    Recover { path: PathBuf, file: Box<GroupFile> },
    /// Saving failed while quitting: quit anyway?
    QuitUnsaved,
    /// Saving keeps failing: type another folder to save the group file in.
    SaveElsewhere { input: String },
    /// Export the outline or the group's file.
    Export(export::ExportDialog),
}

/// The whole state of the TUI.
pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub sessions: PathBuf,
    /// Started with `--group`: this terminal stays on that group.
    pub fixed_group: Option<String>,
    pub loaded: Option<Loaded>,
    pub group: Option<GroupSession>,
    pub screen: Screen,
    pub dialog: Option<Dialog>,
    pub help: bool,
    pub now: DateTime<Utc>,
    /// A short notice in the status bar ("Skrivskyddad", "Inget att ångra").
    pub notice: Option<String>,
    pub quitting: bool,
    /// The terminal's size, for mouse hit-testing.
    pub size: (u16, u16),
    /// Waiting for a save before leaving the group.
    pub leaving: bool,
    /// The goal-quality check's reports (badges, the wizard's panel).
    pub quality: quality::Quality,
    /// Started with `present`: open the plenary once the workshop is loaded.
    pub present: bool,
    /// The merged outline under review, once the outline screen loaded it
    /// (read it with [`App::outline`]).
    pub outline: Option<outline::OutlineSession>,
    /// Kolada's KPI catalogue, once loaded (none: the form suggests nothing).
    pub kolada: Option<std::sync::Arc<crate::kolada::Catalogue>>,
    /// Where the facilitator's screens were opened from, and go back to.
    pub facil_origin: facil::Origin,
    /// The quality panel's wrapped lines (see `view::quality`).
    pub(crate) panel_cache: std::cell::RefCell<view::quality::PanelCache>,
}

impl App {
    pub fn new(lang: Lang, theme: Theme, sessions: PathBuf, fixed_group: Option<String>) -> App {
        App {
            lang,
            theme,
            keymap: Keymap::default_keys(),
            sessions,
            fixed_group,
            loaded: None,
            group: None,
            screen: Screen::Start(lists::StartState::default()),
            dialog: None,
            help: false,
            now: Utc::now(),
            notice: None,
            quitting: false,
            size: (0, 0),
            leaving: false,
            quality: quality::Quality::default(),
            present: false,
            outline: None,
            kolada: None,
            facil_origin: facil::Origin::Start,
            panel_cache: Default::default(),
        }
    }

    pub fn workshop(&self) -> Option<&Workshop> {
        self.loaded.as_ref().map(|l| &l.workshop)
    }

    /// The screen shown now.
    pub fn at(&self) -> At {
        match &self.screen {
            Screen::Start(_) => At::Start,
            Screen::Groups(_) => At::Groups,
            Screen::Goals(_) => At::Goals,
            Screen::Wizard(_) => At::Wizard,
            Screen::Error(_) => At::Error,
            Screen::Menu(_) => At::Menu,
            Screen::Timer(_) => At::Timer,
            Screen::Setup(_) => At::Setup,
            Screen::Plenary(_) => At::Plenary,
            Screen::Outline(_) => At::Outline,
        }
    }

    /// The wizard's state, when the wizard is shown.
    pub fn wizard(&self) -> Option<&wizard::WizardState> {
        match &self.screen {
            Screen::Wizard(w) => Some(w),
            _ => None,
        }
    }

    /// The setup editor's state, when it is shown.
    pub fn setup(&self) -> Option<&facil::setup::SetupState> {
        match &self.screen {
            Screen::Setup(s) => Some(s),
            _ => None,
        }
    }

    /// The outline screen's state, when it is shown.
    pub fn outline_screen(&self) -> Option<&outline::OutlineScreen> {
        outline::screen::state(self)
    }

    /// The plenary's state, when it is shown.
    pub fn plenary(&self) -> Option<&plenary::PlenaryState> {
        plenary::state(self)
    }

    /// The goal list's state (its selection), when it is shown.
    pub fn goal_list(&self) -> Option<&lists::ListState> {
        match &self.screen {
            Screen::Goals(l) => Some(l),
            _ => None,
        }
    }

    /// Handle one message at time `now`; returns what the shell must do.
    pub fn update(&mut self, msg: Msg, now: Instant) -> Vec<Effect> {
        let mut fx = Vec::new();
        match msg {
            Msg::Key(key) => {
                self.notice = None;
                if let Some(g) = &mut self.group {
                    g.save.flash = None;
                }
                self.on_key(key, now, &mut fx);
            }
            Msg::Paste(text) => self.on_paste(&text, now),
            Msg::Mouse(m) => self.on_mouse(m),
            Msg::Resize(w, h) => self.size = (w, h),
            Msg::Tick(wall) => self.now = wall,
            Msg::Workshops(list) => {
                if let Screen::Start(s) = &mut self.screen {
                    s.set_workshops(list);
                }
            }
            Msg::WorkshopLoaded(Ok(loaded)) => self.on_workshop_loaded(*loaded, &mut fx),
            Msg::WorkshopLoaded(Err(e)) => self.screen = Screen::Error(e),
            Msg::WorkshopChanged(w) => {
                let before = self.loaded.as_mut().map(|l| std::mem::replace(&mut l.workshop, *w));
                self.quality.invalidate();
                wizard::after_reload(self, before.as_ref());
                plenary::refresh(self);
            }
            Msg::GroupOpened(opened) => self.on_group_opened(*opened, &mut fx),
            // With `--group` there is no list behind: the error is the screen
            // (a damaged file must not leave "Läser mappen …" showing).
            Msg::GroupOpenFailed(e) if self.fixed_group.is_some() || matches!(self.screen, Screen::Start(_)) => {
                self.screen = Screen::Error(e)
            }
            Msg::GroupOpenFailed(e) => self.notice = Some(e),
            Msg::Saved { generation, result } => self.on_saved(generation, result, now, &mut fx),
            Msg::SaveNote(note) => save_note::on_save_note(self, *note),
            Msg::GroupFileChanged => {
                if let Some(g) = self.group.as_mut().filter(|g| !g.read_only) {
                    g.save.edited(now);
                    g.save.force(now);
                }
                self.autosave(now, &mut fx);
            }
            Msg::Terminate => {
                self.quitting = true;
                self.request_save(now, &mut fx);
                if !self.save_pending() {
                    fx.push(Effect::Quit);
                }
            }
            Msg::Facil(m) => facil::on_msg(self, m, &mut fx),
            Msg::Exported(result) => export::on_exported(self, result),
            Msg::Kolada(catalogue) => {
                // The quality check's Kolada findings use the same catalogue.
                let index = crate::kolada::index(&catalogue);
                self.quality.set_words(self.quality.words().clone().with_kolada(Some(index)));
                self.kolada = Some(catalogue);
            }
            Msg::KoladaHits { query, hits } => wizard::suggest::on_hits(self, &query, hits),
        }
        self.autosave(now, &mut fx);
        quality::refresh(self, now);
        wizard::suggest::refresh(self, &mut fx);
        fx
    }

    /// The next moment `update(Msg::Tick)` must run for autosave or retry.
    pub fn next_deadline(&self) -> Option<Instant> {
        let save = self.group.as_ref().and_then(|g| g.save.deadline());
        [save, self.quality.due].into_iter().flatten().min()
    }

    /// True when the status bar shows a timer (redraw once a second).
    pub fn timer_shown(&self) -> bool {
        self.workshop().is_some_and(|w| w.timer.is_some())
    }

    /// The open group's file as the screen shows it (saved or not), for the
    /// last save on quit when the file on disk was changed by another program.
    pub fn group_on_screen(&self) -> Option<(PathBuf, GroupFile)> {
        let g = self.group.as_ref().filter(|g| !g.read_only)?;
        Some((g.path.clone(), wizard::file_to_save(&self.screen, &g.file)))
    }

    /// The unsaved group file, for the panic recovery file.
    pub fn unsaved(&self) -> Option<(PathBuf, GroupFile)> {
        let g = self.group.as_ref().filter(|g| g.save.dirty && !g.read_only)?;
        Some((g.path.clone(), wizard::file_to_save(&self.screen, &g.file)))
    }

    fn on_key(&mut self, key: KeyEvent, now: Instant, fx: &mut Vec<Effect>) {
        if self.dialog.is_some() {
            self.dialog_key(key, now, fx);
            return;
        }
        if self.help {
            // Any key closes help; Ctrl-Q still quits.
            self.help = false;
            if self.keymap.lookup(&[Context::Global], &key) != Some(Action::Quit) {
                return;
            }
        }
        let global = self.keymap.lookup(&[Context::Global], &key);
        // The facilitator's screens take every key but Ctrl-Q (which they
        // take too while a setup is unsaved, to ask first); F3 opens them.
        if self.screen.is_facil() && (global != Some(Action::Quit) || facil::guards_quit(self)) {
            return facil::on_key(self, key, global, now, fx);
        }
        if global.is_none() && self.keymap.lookup(&[Context::Menu], &key) == Some(Action::FacilMenu) {
            return facil::open_menu(self);
        }
        match global {
            Some(Action::Quit) => return self.quit(now, fx),
            Some(Action::Save) => {
                self.request_save(now, fx);
                if self.group.is_none() || self.group.as_ref().is_some_and(|g| g.read_only) {
                    self.notice = Some(self.t(crate::i18n::tui::T::NothingToSave));
                }
                return;
            }
            Some(Action::Help) => {
                self.help = true;
                return;
            }
            Some(Action::SaveElsewhere) => {
                if let Some(g) = self.group.as_ref().filter(|g| g.save.failed()) {
                    let folder = g.path.parent().map(|p| p.display().to_string()).unwrap_or_default();
                    self.dialog = Some(Dialog::SaveElsewhere { input: folder });
                }
                return;
            }
            _ => {}
        }
        match &self.screen {
            Screen::Wizard(_) => wizard::on_key(self, key, global, now, fx),
            _ => lists::on_key(self, key, global, now, fx),
        }
    }

    fn on_paste(&mut self, text: &str, now: Instant) {
        if let Some(Dialog::SaveElsewhere { input }) = &mut self.dialog {
            input.push_str(crate::domain::text::normalize(text).trim());
            return;
        }
        if self.dialog.is_none() && !self.help && matches!(self.screen, Screen::Wizard(_)) {
            wizard::on_paste(self, text, now);
        }
        if self.dialog.is_none() && !self.help {
            facil::on_paste(self, text);
        }
    }

    fn on_mouse(&mut self, m: MouseEvent) {
        if self.dialog.is_some() || self.help {
            return;
        }
        if plenary::state(self).is_some() {
            return plenary::on_mouse(self, m);
        }
        lists::on_mouse(self, m);
    }

    fn dialog_key(&mut self, key: KeyEvent, now: Instant, fx: &mut Vec<Effect>) {
        use crossterm::event::KeyCode;
        let Some(dialog) = self.dialog.take() else { return };
        let yes = matches!(key.code, KeyCode::Enter | KeyCode::Char('j' | 'J' | 'y' | 'Y'));
        let no = matches!(key.code, KeyCode::Esc | KeyCode::Char('n' | 'N'));
        match dialog {
            Dialog::Locked { group, holder, file } => {
                if yes {
                    self.enter_group(group, *file, true, fx);
                } else if !no {
                    self.dialog = Some(Dialog::Locked { group, holder, file });
                } else if self.fixed_group.is_some() {
                    // This terminal has no other group to go to.
                    self.screen =
                        Screen::Error(crate::tr!(self.lang, crate::i18n::tui::T::LockedBody, holder = holder));
                }
            }
            Dialog::Recover { path, file } => {
                if yes {
                    if let Some(g) = &mut self.group {
                        g.file.goals = file.goals;
                        g.save.edited(now);
                    }
                    fx.push(Effect::DiscardRecovery(path));
                } else if no {
                    fx.push(Effect::DiscardRecovery(path));
                } else {
                    self.dialog = Some(Dialog::Recover { path, file });
                }
            }
            Dialog::SaveElsewhere { mut input } => match key.code {
                KeyCode::Enter if !input.trim().is_empty() => self.save_elsewhere(input.trim(), now, fx),
                KeyCode::Esc => {}
                KeyCode::Backspace => {
                    input.pop();
                    self.dialog = Some(Dialog::SaveElsewhere { input });
                }
                KeyCode::Char(c) if !key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL) => {
                    input.push(c);
                    self.dialog = Some(Dialog::SaveElsewhere { input });
                }
                _ => self.dialog = Some(Dialog::SaveElsewhere { input }),
            },
            Dialog::Export(d) => self.dialog = export::on_key(self, d, key, fx).map(Dialog::Export),
            Dialog::QuitUnsaved => {
                if self.keymap.lookup(&[Context::Global], &key) == Some(Action::Quit) || yes {
                    fx.push(Effect::Quit);
                } else {
                    self.quitting = false;
                }
            }
        }
    }

    /// Point the group's saves at another folder and save there now.
    fn save_elsewhere(&mut self, folder: &str, now: Instant, fx: &mut Vec<Effect>) {
        if let Some(g) = &mut self.group {
            let name = g.path.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "grupp.ron".into());
            // The group's own file stays the one to go back to.
            if g.save.home.is_none() {
                g.save.home = Some(g.path.clone());
            }
            g.path = PathBuf::from(folder).join(name);
            g.save.retry_at = None;
            g.save.force(now);
        }
        self.request_save(now, fx);
    }

    fn quit(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        self.quitting = true;
        if let Some(g) = &self.group {
            if g.save.failed() {
                self.dialog = Some(Dialog::QuitUnsaved);
                self.request_save(now, fx);
                return;
            }
        }
        self.request_save(now, fx);
        if !self.save_pending() {
            fx.push(Effect::CloseGroup);
            fx.push(Effect::Quit);
        }
    }

    fn save_pending(&self) -> bool {
        self.group.as_ref().is_some_and(|g| !g.read_only && (g.save.dirty || g.save.in_flight.is_some()))
    }

    /// Save now if there is anything unsaved.
    pub fn request_save(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        if let Some(g) = &mut self.group {
            if !g.read_only && g.save.dirty {
                g.save.force(now);
            }
        }
        self.autosave(now, fx);
    }

    fn autosave(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        let Some(g) = &mut self.group else { return };
        if g.read_only {
            return;
        }
        if let Some(generation) = g.save.start_if_due(now) {
            let file = Box::new(wizard::file_to_save(&self.screen, &g.file));
            fx.push(Effect::Save { generation, path: g.path.clone(), file });
        }
    }

    fn on_saved(&mut self, generation: u64, result: Result<DateTime<Utc>, String>, now: Instant, fx: &mut Vec<Effect>) {
        let Some(g) = &mut self.group else { return };
        let ok = result.is_ok();
        if let Ok(at) = &result {
            g.file.saved_at = Some(*at);
        }
        g.save.finished(generation, result, now);
        let clean = !g.save.dirty;
        if self.leaving && ok && clean {
            self.leaving = false;
            self.finish_leave(fx);
        }
        if self.quitting {
            if ok && clean {
                fx.push(Effect::CloseGroup);
                fx.push(Effect::Quit);
            } else if !ok {
                self.dialog = Some(Dialog::QuitUnsaved);
            }
        }
    }

    fn on_workshop_loaded(&mut self, loaded: Loaded, fx: &mut Vec<Effect>) {
        let fixed = self.fixed_group.clone();
        let group = fixed.as_deref().and_then(|name| loaded.workshop.find_group(name)).map(|g| g.id);
        let missing = fixed.is_some() && group.is_none();
        self.loaded = Some(loaded);
        self.quality.invalidate();
        if missing {
            self.screen = Screen::Error(self.t_with_name(crate::i18n::tui::T::NoSuchGroup, fixed.unwrap_or_default()));
            return;
        }
        self.screen = Screen::Groups(lists::ListState::default());
        if let Some(id) = group {
            fx.push(Effect::OpenGroup { group: id, read_only: false });
        }
        if std::mem::take(&mut self.present) && group.is_none() {
            facil::open_menu(self);
            plenary::open(self, plenary::View::Goal, fx);
        }
    }

    fn on_group_opened(&mut self, opened: GroupOpened, fx: &mut Vec<Effect>) {
        if let Some(holder) = opened.locked_by {
            self.dialog = Some(Dialog::Locked { group: opened.group, holder, file: Box::new(opened.file) });
            return;
        }
        self.enter_group(opened.group, opened.file, false, fx);
        if let Some((path, file)) = opened.recovery {
            self.dialog = Some(Dialog::Recover { path, file: Box::new(file) });
        }
    }

    fn enter_group(&mut self, group: Uuid, file: GroupFile, read_only: bool, _fx: &mut Vec<Effect>) {
        let Some(l) = &self.loaded else { return };
        let Some(g) = l.workshop.group(group).cloned() else { return };
        let path = l.dir.group_path(&g);
        self.group = Some(GroupSession {
            group: g,
            path,
            file,
            read_only,
            save: SaveState::default(),
            history: BTreeMap::new(),
        });
        self.quality.invalidate();
        self.screen = Screen::Goals(lists::ListState::default());
    }

    /// Leave the open group (back to the group list).
    /// Leave the open group (back to the group list) once it is saved; a
    /// failed save keeps the group open with its warning.
    pub fn leave_group(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        self.request_save(now, fx);
        if self.save_pending() {
            self.leaving = true;
        } else {
            self.finish_leave(fx);
        }
    }

    fn finish_leave(&mut self, fx: &mut Vec<Effect>) {
        if let Some(g) = self.group.take() {
            if let Some(l) = &mut self.loaded {
                l.group_files.insert(g.group.id, g.file);
            }
            fx.push(Effect::CloseGroup);
        }
        let sel = lists::ListState::default();
        self.screen = Screen::Groups(sel);
    }

    pub fn t(&self, key: crate::i18n::tui::T) -> String {
        key.get(self.lang).to_string()
    }

    fn t_with_name(&self, key: crate::i18n::tui::T, name: String) -> String {
        crate::tr!(self.lang, key, name = name)
    }
}

impl App {
    /// The merged outline with the facilitator's review decisions, once the
    /// outline screen has loaded it (None before). Kept current: re-merged
    /// when a group file changes. For read-only use by other screens.
    pub fn outline(&self) -> Option<&crate::domain::outline::Outline> {
        self.outline.as_ref().map(|s| &s.outline)
    }

    /// When the outline was last merged from the group files.
    pub fn outline_updated(&self) -> Option<DateTime<Utc>> {
        self.outline.as_ref().and_then(|s| s.updated)
    }
}
