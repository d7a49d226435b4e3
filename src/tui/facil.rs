//! Carrying out the facilitator's effects: reading a goal file, creating or
//! saving a workshop, changing the timer, question templates. Each returns
//! the message the app gets back; the timer and the setup re-read
//! workshop.ron right before writing, so a change another terminal made
//! (the timer, above all) is never overwritten.

use chrono::Utc;

use crate::app::facil::setup::{rebase::rebase, Removal};
use crate::app::facil::{FacilEffect, FacilMsg};
use crate::domain::Workshop;
use crate::i18n::Lang;
use crate::store::{self, templates::Templates, update::update_workshop, WorkshopDir};

/// Largest goal file read (a BSP's goal list is a few kilobytes).
const MAX_GOAL_FILE: u64 = 8 * 1024 * 1024;

/// `~/x` is `x` in the home folder.
fn expand_home(path: std::path::PathBuf) -> std::path::PathBuf {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path,
    }
}

/// What was removed and has more answers in the groups' files now than the
/// facilitator accepted, with the counts now.
fn grown_counts(root: &std::path::Path, removed: &[(Removal, usize)]) -> Vec<(Removal, usize)> {
    if removed.is_empty() {
        return Vec::new();
    }
    let files: Vec<crate::domain::GroupFile> = match WorkshopDir::open(root) {
        Ok(dir) => dir
            .load_workshop()
            .map(|w| w.groups.iter().filter_map(|g| dir.load_group(g).ok().flatten()).collect())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    removed
        .iter()
        .map(|(r, accepted)| (r.clone(), r.count(&files), *accepted))
        .filter(|(_, now, accepted)| now > accepted)
        .map(|(r, now, _)| (r, now))
        .collect()
}

/// How often the setup's save is tried again after losing a race with
/// another writer of workshop.ron.
const SETUP_ATTEMPTS: usize = 4;

/// Save the setup editor's workshop as a read-modify-write: only what the
/// editor changed since `base` is applied onto workshop.ron as read right
/// before the write. When the save fails while the file changed under it (a
/// lost race, however the store reports it), it starts again from the newer
/// file, a few times.
fn save_setup(root: &std::path::Path, base: &Workshop, ours: &Workshop, lang: Lang) -> FacilMsg {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let dir = match WorkshopDir::open(root) {
            Ok(dir) => dir,
            Err(e) => return FacilMsg::SetupSaved(Err(e.message(lang))),
        };
        let seen = std::fs::read(dir.workshop_path()).ok();
        let mut conflicts = Vec::new();
        let saved = update_workshop(&dir, |on_disk| {
            let (merged, found) = rebase(base, ours, on_disk);
            conflicts = found;
            *on_disk = merged;
            true
        });
        match saved {
            Ok((w, _)) => return FacilMsg::SetupSaved(Ok((Box::new(w), conflicts))),
            Err(_) if attempt < SETUP_ATTEMPTS && std::fs::read(dir.workshop_path()).ok() != seen => continue,
            Err(e) => return FacilMsg::SetupSaved(Err(e.message(lang))),
        }
    }
}

/// Do one effect; the answer goes back into the app as `Msg::Facil`.
pub fn run(effect: FacilEffect, lang: Lang) -> FacilMsg {
    match effect {
        FacilEffect::ReadGoalFile(path) => {
            let path = expand_home(path);
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let said = |e: std::io::Error| format!("{}: {}", path.display(), crate::i18n::io::describe(&e, lang));
            let bytes = match std::fs::metadata(&path) {
                Ok(m) if m.len() > MAX_GOAL_FILE => Err(format!("{} > 8 MB", path.display())),
                Ok(_) => std::fs::read(&path).map_err(said),
                Err(e) => Err(said(e)),
            };
            FacilMsg::GoalFile { name, bytes }
        }
        FacilEffect::Create { sessions, workshop } => {
            FacilMsg::Created(store::create_workshop(&sessions, &workshop).map(|d| d.root).map_err(|e| e.message(lang)))
        }
        FacilEffect::SaveSetup { root, base, workshop, removed } => {
            // Removing something the groups answered: count from their files
            // now; more than the facilitator accepted asks again first.
            let grown = grown_counts(&root, &removed);
            if !grown.is_empty() {
                return FacilMsg::RemovedAnswered(grown);
            }
            save_setup(&root, &base, &workshop, lang)
        }
        FacilEffect::Timer { root, op } => {
            let now = Utc::now();
            FacilMsg::TimerSaved(
                WorkshopDir::open(&root)
                    .and_then(|dir| update_workshop(&dir, |w| op.apply(w, now)))
                    .map(|(w, _)| Box::new(w))
                    .map_err(|e| e.message(lang)),
            )
        }
        FacilEffect::LoadGroupFiles(root) => FacilMsg::GroupFiles(match WorkshopDir::open(&root) {
            Ok(dir) => dir
                .load_workshop()
                .map(|w| w.groups.iter().filter_map(|g| dir.load_group(g).ok().flatten()).collect())
                .unwrap_or_default(),
            Err(_) => Vec::new(),
        }),
        // Normally carried out by `Services` (which watches the folder and
        // saves on a worker); here for completeness.
        FacilEffect::LoadOutline(root) => FacilMsg::Outline(super::outline::read(&root, true, lang)),
        FacilEffect::SaveOutline { path, generation, outline } => {
            let job = super::outline::Job { path, generation, outline };
            FacilMsg::OutlineSaved { generation, result: super::outline::save(&job, lang) }
        }
        FacilEffect::ListTemplates => FacilMsg::Templates(
            Templates::user()
                .and_then(|t| t.list())
                .map(|list| list.into_iter().filter_map(|(_, t)| t.ok()).map(|t| (t.name, t.questions)).collect())
                .map_err(|e| e.message(lang)),
        ),
        FacilEffect::SaveTemplate { name, questions } => FacilMsg::TemplateSaved(
            Templates::user()
                .map_err(|e| e.message(lang))
                .and_then(|t| t.save(&name, &questions).map_err(|e| e.message(lang)))
                .map(|_| name.trim().to_string()),
        ),
    }
}
