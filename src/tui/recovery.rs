//! The recovery file: unsaved state written next to the group file when the
//! program panics (or quits with a failed save), offered on the next start.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::domain::GroupFile;
use crate::i18n::tui::T;
use crate::i18n::Lang;
use crate::store::{atomic, codec};
use crate::tr;

/// `groups/grupp-1.ron` → `groups/grupp-1.ron.recovery` (not `.ron`, so
/// nothing that scans for group files picks it up).
pub fn recovery_path(group_file: &Path) -> PathBuf {
    let mut name = group_file.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".recovery");
    group_file.with_file_name(name)
}

/// The unsaved state the panic hook writes; updated by the loop.
pub type Shared = Arc<Mutex<Option<(PathBuf, GroupFile)>>>;

/// Write the recovery file for a group file. Returns its path.
pub fn write(group_file: &Path, file: &GroupFile) -> std::io::Result<PathBuf> {
    let path = recovery_path(group_file);
    let text = codec::to_ron(file).map_err(|e| std::io::Error::other(e.to_string()))?;
    atomic::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// A recovery file beside `group_file`, if one exists and parses.
pub fn load(group_file: &Path) -> Option<(PathBuf, GroupFile)> {
    load_from(recovery_path(group_file))
}

fn load_from(path: PathBuf) -> Option<(PathBuf, GroupFile)> {
    if !path.is_file() {
        return None;
    }
    codec::read_file::<GroupFile>(&path).ok().map(|f| (path, f))
}

/// The folder in the sessions folder where a recovery file goes when it
/// cannot go beside its group file.
pub const RESCUE_DIR: &str = ".rescue";

/// The process exit code when the last save failed and the text went to a
/// recovery file (or nowhere): the caller must not take it for a clean quit.
pub const EXIT_RESCUED: i32 = 3;

/// Where a recovery file goes when the group file's folder takes nothing
/// (full disk, read-only, gone), in order: the sessions folder's `.rescue/`,
/// the user's state folder, `$HOME`, `/tmp`.
pub fn fallback_dirs(sessions: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![sessions.join(RESCUE_DIR)];
    if let Some(p) = directories::ProjectDirs::from("se", "Malverkstad", "malverkstad") {
        dirs.push(p.state_dir().unwrap_or(p.data_local_dir()).join("rescue"));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        dirs.push(PathBuf::from(home));
    }
    dirs.push(std::env::temp_dir());
    dirs
}

/// The name of a group's recovery file in a fallback folder:
/// `malverkstad-<workshop folder>-<group file>.recovery`, e.g.
/// `malverkstad-ks-arbetsdag-grupp-1.ron.recovery`.
pub fn rescue_name(group_file: &Path) -> std::ffi::OsString {
    let workshop = group_file.parent().and_then(Path::parent).and_then(Path::file_name).unwrap_or_default();
    let mut name = std::ffi::OsString::from("malverkstad-");
    name.push(workshop);
    name.push("-");
    name.push(recovery_path(group_file).file_name().unwrap_or_default());
    name
}

/// Write the unsaved state somewhere: beside the group file, else in the
/// first fallback folder that takes it. The path written, or every place
/// tried with its error.
pub fn rescue(group_file: &Path, file: &GroupFile, sessions: &Path) -> Result<PathBuf, Vec<(PathBuf, String)>> {
    let mut tried = Vec::new();
    match write(group_file, file) {
        Ok(p) => return Ok(p),
        Err(e) => tried.push((recovery_path(group_file), e.to_string())),
    }
    let text = match codec::to_ron(file) {
        Ok(t) => t,
        Err(e) => return Err(vec![(group_file.to_path_buf(), e.to_string())]),
    };
    for dir in fallback_dirs(sessions) {
        let path = dir.join(rescue_name(group_file));
        let written = std::fs::create_dir_all(&dir).and_then(|()| atomic::write_atomic(&path, text.as_bytes()));
        match written {
            Ok(()) => return Ok(path),
            Err(e) => tried.push((path, e.to_string())),
        }
    }
    Err(tried)
}

/// [`rescue`], and what to print once the terminal is back: where the text
/// is, or (when no place took it) every place tried and the text itself.
pub fn rescue_note(group_file: &Path, file: &GroupFile, sessions: &Path, error: &str, lang: Lang) -> String {
    let path = group_file.display();
    match rescue(group_file, file, sessions) {
        Ok(p) => tr!(lang, T::RescueNote, path = path, error = error, rescue = p.display()),
        Err(tried) => {
            let tried: Vec<String> = tried.iter().map(|(p, e)| format!("  {}: {e}", p.display())).collect();
            let text = codec::to_ron(file).unwrap_or_default();
            tr!(lang, T::RescueFailed, path = path, error = error, tried = tried.join("\n"), text = text)
        }
    }
}

/// A recovery file for `group_file` (whose content is `current`): beside
/// it, else one that [`rescue`] put in a fallback folder for the same
/// workshop and group.
pub fn load_any(group_file: &Path, current: &GroupFile, sessions: &Path) -> Option<(PathBuf, GroupFile)> {
    load(group_file).or_else(|| {
        let name = rescue_name(group_file);
        fallback_dirs(sessions)
            .into_iter()
            .filter_map(|dir| load_from(dir.join(&name)))
            .find(|(_, f)| f.workshop == current.workshop && f.group == current.group)
    })
}

/// Move a handled recovery file aside (kept, never deleted).
pub fn discard(path: &Path) {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".done-{stamp}"));
    let _ = std::fs::rename(path, path.with_file_name(name));
}

/// Panic hook: first save the unsaved text, then restore the terminal, then
/// let the default hook print the message.
pub fn install_panic_hook(shared: Shared) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let state = match shared.try_lock() {
            Ok(guard) => guard.clone(),
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().clone(),
            Err(std::sync::TryLockError::WouldBlock) => None,
        };
        let written = state.and_then(|(path, file)| write(&path, &file).ok());
        super::terminal::restore();
        if let Some(p) = written {
            eprintln!("Återställningsfil / recovery file: {}", p.display());
        }
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Answer, GoalAnswers, Workshop};
    use crate::domain::GroupFile;

    #[test]
    fn a_panic_writes_the_unsaved_state_next_to_the_group_file() {
        let dir = tempfile::tempdir().unwrap();
        let group_file = dir.path().join("grupp-1.ron");
        let mut w = Workshop::new("T");
        w.groups.push(crate::domain::Group {
            id: crate::domain::model::new_id(),
            name: "G".into(),
            slug: "g".into(),
            goals: vec![],
        });
        let mut file = GroupFile::new(&w, &w.groups[0]);
        let mut a = GoalAnswers::default();
        a.answers.insert("effekt".into(), Answer::Text("osparat åäö".into()));
        file.goals.insert(crate::domain::model::new_id(), a);
        let shared: Shared = Arc::new(Mutex::new(Some((group_file.clone(), file.clone()))));
        let previous = std::panic::take_hook();
        install_panic_hook(shared);
        let result = std::panic::catch_unwind(|| panic!("test panic"));
        // Put the default hook back for the other tests.
        let _ = std::panic::take_hook();
        std::panic::set_hook(previous);
        assert!(result.is_err());
        let (path, loaded) = load(&group_file).expect("recovery file written");
        assert_eq!(path, recovery_path(&group_file));
        assert_eq!(loaded.goals, file.goals);
        discard(&path);
        assert!(load(&group_file).is_none(), "a handled recovery file is moved aside");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "kept, not deleted");
    }

    #[test]
    fn a_rescue_that_cannot_go_beside_the_group_file_goes_to_the_sessions_rescue_folder_and_is_found() {
        let dir = tempfile::tempdir().unwrap();
        // A "folder" that is a file: nothing can be written beside the group file.
        std::fs::write(dir.path().join("ks"), "not a folder").unwrap();
        let group_file = dir.path().join("ks").join("groups").join("grupp-1.ron");
        let mut w = Workshop::new("T");
        w.groups.push(crate::domain::Group {
            id: crate::domain::model::new_id(),
            name: "G".into(),
            slug: "grupp-1".into(),
            goals: vec![],
        });
        let mut file = GroupFile::new(&w, &w.groups[0]);
        let mut a = GoalAnswers::default();
        a.answers.insert("effekt".into(), Answer::Text("räddad".into()));
        file.goals.insert(crate::domain::model::new_id(), a);
        let sessions = dir.path().join("sessions");
        let path = rescue(&group_file, &file, &sessions).expect("rescued");
        assert_eq!(path, sessions.join(RESCUE_DIR).join("malverkstad-ks-grupp-1.ron.recovery"));
        let empty = GroupFile::new(&w, &w.groups[0]);
        let (found, loaded) = load_any(&group_file, &empty, &sessions).expect("found on the next start");
        assert_eq!((found, loaded.goals), (path, file.goals));
        let other = GroupFile::new(&Workshop::new("Annan"), &w.groups[0]);
        assert!(load_any(&group_file, &other, &sessions).is_none(), "another workshop's rescue is not offered");
    }
}
