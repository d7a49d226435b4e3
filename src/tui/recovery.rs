//! The recovery file: unsaved state written next to the group file when the
//! program panics (or quits with a failed save), offered on the next start.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::domain::GroupFile;
use crate::store::{atomic, codec};

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
    let path = recovery_path(group_file);
    if !path.is_file() {
        return None;
    }
    codec::read_file::<GroupFile>(&path).ok().map(|f| (path, f))
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
}
