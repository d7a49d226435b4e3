//! Carrying out the app's effects: files, locks, the saver.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Instant, SystemTime};

use super::recovery;
use super::saver::{self, Job};
use crate::app::facil::{FacilEffect, FacilMsg};
use crate::app::{App, Effect, GroupOpened, Loaded, Msg};
use crate::domain::GroupFile;
use crate::i18n::tui::T;
use crate::i18n::Lang;
use crate::store::lock::GroupLock;
use crate::store::{self, StoreError, WorkshopDir};
use crate::tr;

/// The shell's resources: the sessions folder, the saver, the lock.
pub struct Services {
    pub sessions: PathBuf,
    pub lang: Lang,
    saver: Sender<Job>,
    shared: recovery::Shared,
    lock: Option<GroupLock>,
    /// The open group's own file (saves elsewhere try it first).
    open_path: Option<PathBuf>,
    /// The open group's file as last looked at by [`Services::poll_group`]: size and time.
    group_seen: Option<(PathBuf, Option<FileStamp>)>,
    workshop: Option<(WorkshopDir, Option<SystemTime>)>,
    /// The outline's save worker (None: outline.ron is saved in the loop).
    pub outline_saver: Option<Sender<super::outline::Job>>,
    /// Kolada's search worker ([`super::spawn_kolada`]).
    pub kolada: Option<Sender<String>>,
    /// The files of `groups/` as last read for the outline screen.
    outline_seen: Option<(PathBuf, Vec<super::outline::Signature>)>,
    pub quit: bool,
    /// Printed after the terminal is restored (e.g. where a recovery file went).
    pub final_note: Option<String>,
    /// The process exit code: [`recovery::EXIT_RESCUED`] when the last save failed.
    pub exit_code: i32,
}

impl Services {
    pub fn new(sessions: PathBuf, lang: Lang, saver: Sender<Job>, shared: recovery::Shared) -> Services {
        Services {
            sessions,
            lang,
            saver,
            shared,
            lock: None,
            open_path: None,
            group_seen: None,
            workshop: None,
            outline_saver: None,
            kolada: None,
            outline_seen: None,
            quit: false,
            final_note: None,
            exit_code: 0,
        }
    }

    /// The first screen: a workshop straight away, or the start screen.
    pub fn start(&mut self, app: &mut App, workshop: Option<&Path>) {
        let fx = match workshop {
            Some(p) => vec![Effect::OpenWorkshop(p.to_path_buf())],
            None => vec![Effect::ListWorkshops],
        };
        self.run(app, fx);
    }

    /// Carry out effects; their results go straight back into the app.
    pub fn run(&mut self, app: &mut App, effects: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        let mut guard = 0;
        while let Some(effect) = queue.pop_front() {
            guard += 1;
            if guard > 100 {
                break;
            }
            if effect == Effect::CloseGroup {
                self.restore_if_replaced(app);
            }
            if let Some(msg) = self.one(effect) {
                queue.extend(app.update(msg, Instant::now()));
            }
        }
    }

    fn one(&mut self, effect: Effect) -> Option<Msg> {
        let lang = self.lang;
        match effect {
            Effect::ListWorkshops => {
                Some(Msg::Workshops(store::list_workshops(&self.sessions, lang).unwrap_or_default()))
            }
            Effect::InstallDemo => match crate::demo::install(&self.sessions, false) {
                Ok((dir, _)) => self.one(Effect::OpenWorkshop(dir.root)),
                Err(e) => Some(Msg::WorkshopLoaded(Err(e.message(lang)))),
            },
            Effect::OpenWorkshop(path) => Some(Msg::WorkshopLoaded(self.open_workshop(&path).map(Box::new))),
            Effect::OpenGroup { group, read_only } => Some(self.open_group(group, read_only)),
            Effect::CloseGroup => {
                self.lock = None;
                self.open_path = None;
                None
            }
            Effect::Save { generation, path, file } => {
                let lock = self.lock.as_ref().map(GroupLock::ticket);
                let home = self.open_path.clone().filter(|h| *h != path);
                if self.saver.send(Job { generation, path, file: *file, lock, home }).is_err() {
                    return Some(Msg::Saved { generation, result: Err("autosave stopped".into()) });
                }
                None
            }
            Effect::DiscardRecovery(path) => {
                recovery::discard(&path);
                None
            }
            Effect::Quit => {
                self.quit = true;
                None
            }
            Effect::Facil(FacilEffect::LoadOutline(root)) => {
                // Signatures first: a file that changes while it is read is read again.
                self.outline_seen = Some((root.clone(), super::outline::signatures(&root)));
                Some(Msg::Facil(FacilMsg::Outline(super::outline::read(&root, true, lang))))
            }
            Effect::Facil(FacilEffect::SaveOutline { path, generation, outline }) => {
                let job = super::outline::Job { path, generation, outline };
                match &self.outline_saver {
                    Some(tx) => match tx.send(job) {
                        Ok(()) => None,
                        Err(e) => {
                            let result = super::outline::save(&e.0, lang);
                            Some(Msg::Facil(FacilMsg::OutlineSaved { generation, result }))
                        }
                    },
                    None => {
                        let result = super::outline::save(&job, lang);
                        Some(Msg::Facil(FacilMsg::OutlineSaved { generation, result }))
                    }
                }
            }
            Effect::Facil(e) => Some(Msg::Facil(super::facil::run(e, lang))),
            Effect::Export(request) => Some(Msg::Exported(super::export::run(request, lang))),
            Effect::KoladaSearch(query) => {
                if let Some(tx) = &self.kolada {
                    let _ = tx.send(query);
                }
                None
            }
        }
    }

    fn open_workshop(&mut self, path: &Path) -> Result<Loaded, String> {
        let lang = self.lang;
        let dir = WorkshopDir::open(path).map_err(|e| e.message(lang))?;
        let workshop = dir.load_workshop().map_err(|e| e.message(lang))?;
        let mut group_files = std::collections::BTreeMap::new();
        for g in &workshop.groups {
            if let Ok(Some(f)) = dir.load_group(g) {
                group_files.insert(g.id, f);
            }
        }
        let mtime = mtime(&dir.workshop_path());
        self.workshop = Some((dir.clone(), mtime));
        Ok(Loaded { dir, workshop, group_files })
    }

    fn open_group(&mut self, id: uuid::Uuid, read_only: bool) -> Msg {
        let lang = self.lang;
        let Some((dir, _)) = &self.workshop else { return Msg::GroupOpenFailed("?".into()) };
        let workshop = match dir.load_workshop() {
            Ok(w) => w,
            Err(e) => return Msg::GroupOpenFailed(e.message(lang)),
        };
        let Some(group) = workshop.group(id) else { return Msg::GroupOpenFailed("?".into()) };
        let path = dir.group_path(group);
        // Loaded for editing: what is read now is the version the next save
        // expects on disk (a version put there later is merged, not overwritten).
        let file = match dir.load_group_for_edit(group) {
            // Two groups whose slugs lead to one file (a hand-edited
            // workshop.ron): never hand one group the other's answers.
            Ok(Some(f)) if f.group != id => {
                let name = workshop.group(f.group).map_or(f.group_name.clone(), |g| g.name.clone());
                return Msg::GroupOpenFailed(tr!(lang, T::GroupFileOfAnother, path = path.display(), name = name));
            }
            // A file of another workshop (copied in from another day): merge
            // and export refuse it, so editing it here would fill a file
            // nobody can use. Refused with its name and both ids.
            Ok(Some(f)) if f.workshop != workshop.id => {
                return Msg::GroupOpenFailed(tr!(
                    lang,
                    T::GroupFileOfOtherWorkshop,
                    path = path.display(),
                    found = f.workshop,
                    expected = workshop.id
                ));
            }
            Ok(Some(f)) => f,
            Ok(None) => GroupFile::new(&workshop, group),
            Err(e) => return Msg::GroupOpenFailed(e.message(lang)),
        };
        let mut locked_by = None;
        if !read_only {
            match GroupLock::acquire(&path) {
                Ok(lock) => self.lock = Some(lock),
                Err(StoreError::Locked { host, pid, since, .. }) => {
                    locked_by = Some(tr!(lang, T::Holder, host = host, pid = pid, since = since));
                }
                Err(e) => return Msg::GroupOpenFailed(e.message(lang)),
            }
        }
        // Unsaved text of a crash (beside the file or in a fallback folder),
        // or else the copy saved in another folder last time (F2) when it
        // differs from the file here: offered.
        let recovery = if locked_by.is_none() {
            recovery::load_any(&path, &file, &self.sessions).or_else(|| store::rescue::offer(&path))
        } else {
            None
        };
        self.open_path = (!read_only && locked_by.is_none()).then(|| path.clone());
        Msg::GroupOpened(Box::new(GroupOpened { group: id, file, locked_by, recovery }))
    }

    /// The open group's file, looked at once a poll: when it no longer holds
    /// what this process last wrote there (a sync tool put an older or
    /// another version in place, or removed it) the app saves at once, and
    /// the saver merges or restores what the screen shows. Without this a
    /// version put back after the last save would stay, unseen, until the
    /// next key. Read only when its size or time changed. True when it did.
    pub fn poll_group(&mut self, app: &mut App) -> bool {
        let Some(path) = self.open_path.clone() else { return false };
        if app.group.as_ref().is_none_or(|g| g.read_only || g.path != path) {
            return false;
        }
        let meta = std::fs::metadata(&path).ok().map(|m| (m.len(), m.modified().ok()));
        if self.group_seen.as_ref().is_some_and(|(p, m)| *p == path && *m == meta) {
            return false;
        }
        self.group_seen = Some((path.clone(), meta));
        let Some(seen) = store::revision::last_seen(&path) else { return false };
        if !changed_on_disk(&path, &seen) {
            return false;
        }
        let fx = app.update(Msg::GroupFileChanged, Instant::now());
        self.run(app, fx);
        true
    }

    /// Before the open group is closed (leaving it, quitting, a signal): when
    /// its file was put back or replaced by another program after the last
    /// save, save once more, so that the saver merges it or restores the text
    /// the screen showed as saved. A failure is rescued as on quit.
    fn restore_if_replaced(&mut self, app: &App) {
        let Some(open) = self.open_path.clone() else { return };
        let Some(seen) = store::revision::last_seen(&open) else { return };
        if !changed_on_disk(&open, &seen) {
            return;
        }
        let Some((path, mut file)) = app.group_on_screen().filter(|(p, _)| *p == open) else { return };
        let lock = self.lock.as_ref().map(GroupLock::ticket);
        match saver::save_final(&path, &mut file, lock.as_ref(), None, self.lang) {
            Ok(Some(note)) => self.final_note = Some(note),
            Ok(None) => {}
            Err(error) => {
                self.exit_code = recovery::EXIT_RESCUED;
                self.final_note = Some(recovery::rescue_note(&path, &file, &self.sessions, &error, self.lang));
            }
        }
    }

    /// Reload workshop.ron when its modification time changed. True when it did.
    pub fn poll_workshop(&mut self, app: &mut App) -> bool {
        let Some((dir, seen)) = &mut self.workshop else { return false };
        let now = mtime(&dir.workshop_path());
        if now == *seen {
            return false;
        }
        *seen = now;
        match dir.load_workshop() {
            Ok(w) => {
                app.update(Msg::WorkshopChanged(Box::new(w)), Instant::now());
                true
            }
            // Half-written by another program: try again next poll.
            Err(_) => false,
        }
    }

    /// While the outline is open, re-read `groups/` when a file in it was
    /// added, removed or replaced; the app merges again. True when it did.
    pub fn poll_outline(&mut self, app: &mut App) -> bool {
        let Some(root) = crate::app::outline::screen::watched(app) else {
            self.outline_seen = None;
            return false;
        };
        let now = super::outline::signatures(&root);
        if self.outline_seen.as_ref().is_some_and(|(r, seen)| *r == root && *seen == now) {
            return false;
        }
        self.outline_seen = Some((root.clone(), now));
        let files = super::outline::read(&root, false, self.lang);
        let fx = app.update(Msg::Facil(FacilMsg::Outline(files)), Instant::now());
        self.run(app, fx);
        true
    }

    /// Keep the panic hook's copy of the unsaved state current.
    pub fn share_unsaved(&self, app: &App) {
        if let Ok(mut g) = self.shared.lock() {
            *g = app.unsaved();
        }
    }

    /// SIGTERM/SIGHUP or a dead terminal: save synchronously, then stop.
    pub fn terminate(&mut self, app: &mut App) {
        self.finish(app);
    }

    /// Last words: anything still unsaved is saved now, or goes to a recovery file.
    pub fn finish(&mut self, app: &mut App) {
        if app.unsaved().is_none() {
            self.restore_if_replaced(app);
        }
        if let Some((path, mut file)) = app.unsaved() {
            let lock = self.lock.as_ref().map(GroupLock::ticket);
            let home = app.group.as_ref().and_then(|g| g.save.home.clone()).or_else(|| self.open_path.clone());
            let home = home.filter(|h| *h != path);
            match saver::save_final(&path, &mut file, lock.as_ref(), home.as_deref(), self.lang) {
                Ok(note) => self.final_note = note,
                Err(error) => {
                    // Never a quiet exit 0 with the text gone: somewhere, and say where.
                    self.exit_code = recovery::EXIT_RESCUED;
                    self.final_note = Some(recovery::rescue_note(&path, &file, &self.sessions, &error, self.lang));
                }
            }
        }
        // Saved in another folder (F2) and not back home: say where it is.
        if let Some(g) = app.group.as_ref().filter(|g| g.save.home.is_some() && self.final_note.is_none()) {
            self.final_note = Some(tr!(self.lang, T::SavedElsewhereNote, path = g.path.display()));
        }
        // Review decisions not yet on disk are written now.
        // When outline.ron cannot take them (changed by another program, a
        // full disk), they go whole to a copy beside it and the path is said.
        if let (Some(s), Some(l)) = (app.outline.as_ref().filter(|s| s.dirty() && !s.keep_file), app.loaded.as_ref()) {
            let path = l.dir.outline_path();
            if let Err(e) = crate::store::outline::save(&path, &s.outline) {
                let error = e.message(self.lang);
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                let copy = path.with_file_name(format!("outline.unsaved-{stamp}.ron"));
                let note = match crate::store::save_checked(&copy, &s.outline) {
                    Ok(()) => {
                        tr!(self.lang, T::OutlineRescued, path = path.display(), error = error, copy = copy.display())
                    }
                    Err(e2) => tr!(
                        self.lang,
                        T::OutlineLost,
                        path = path.display(),
                        error = error,
                        error2 = e2.message(self.lang)
                    ),
                };
                self.exit_code = recovery::EXIT_RESCUED;
                self.final_note = Some(match self.final_note.take() {
                    Some(before) => format!("{before}\n{note}"),
                    None => note,
                });
            }
        }
        if let Ok(mut g) = self.shared.lock() {
            *g = None;
        }
        self.lock = None;
        self.quit = true;
    }
}

/// A file's size and modification time, as looked at by a poll.
type FileStamp = (u64, Option<SystemTime>);

/// True when the file at `path` no longer holds what this process last saw there.
fn changed_on_disk(path: &Path, seen: &store::revision::Revision) -> bool {
    match (crate::store::codec::read_capped(path), seen.bytes()) {
        (Ok(now), Some(ours)) => now != ours,
        (Err(StoreError::NotFound { .. }), None) => false,
        _ => true,
    }
}

fn mtime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
