//! Where a group's text went after "spara i annan mapp" (F2): a small
//! pointer that the next start finds, so that it offers the rescue copy
//! instead of silently loading the older file in the original place.
//!
//! The pointer is written beside the original file as the hidden
//! `.grupp-1.ron.elsewhere` when that folder is writable, else in the state
//! folder (`$XDG_STATE_HOME/malverkstad/rescue/<hash>.ron`, on other systems
//! the data folder), which works when the original folder is read-only. The
//! next start looks in both.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{atomic, codec};
use crate::domain::GroupFile;

/// The pointer's content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rescue {
    /// The group's own file.
    pub home: PathBuf,
    /// Where its text was saved instead.
    pub copy: PathBuf,
}

/// `groups/.grupp-1.ron.elsewhere` beside the group's file.
pub fn beside(home: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(home.file_name().unwrap_or_default());
    name.push(".elsewhere");
    home.with_file_name(name)
}

/// The pointer's place in the state folder.
pub fn in_state_dir(home: &Path) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("se", "Malverkstad", "malverkstad")?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_dir()).join("rescue");
    // FNV-1a of the path: stable across runs and versions.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in home.as_os_str().as_encoded_bytes() {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    Some(base.join(format!("{h:016x}.ron")))
}

/// Remember that `home`'s text is now saved at `copy`. Returns the pointer written.
pub fn remember(home: &Path, copy: &Path) -> Option<PathBuf> {
    let r = Rescue { home: home.to_path_buf(), copy: copy.to_path_buf() };
    let text = codec::to_ron(&r).ok()?;
    if atomic::write_atomic(&beside(home), text.as_bytes()).is_ok() {
        return Some(beside(home));
    }
    let p = in_state_dir(home)?;
    std::fs::create_dir_all(p.parent()?).ok()?;
    atomic::write_atomic(&p, text.as_bytes()).ok()?;
    Some(p)
}

/// The text is back home: remove the pointers (and their backups).
pub fn clear(home: &Path) {
    for p in [Some(beside(home)), in_state_dir(home)].into_iter().flatten() {
        let _ = std::fs::remove_file(super::error::bak_path(&p));
        let _ = std::fs::remove_file(p);
    }
}

/// A rescue copy to offer for `home`: the pointer's path and the copy's
/// content, when a pointer names a readable copy that differs from the file
/// at home.
pub fn offer(home: &Path) -> Option<(PathBuf, GroupFile)> {
    let at_home: Option<GroupFile> = codec::read_file(home).ok();
    [Some(beside(home)), in_state_dir(home)].into_iter().flatten().find_map(|p| {
        let r: Rescue = codec::read_file(&p).ok()?;
        if r.home != home {
            return None;
        }
        let copy: GroupFile = codec::read_file(&r.copy).ok()?;
        let same = at_home.as_ref().is_some_and(|h| h.goals == copy.goals);
        (!same).then_some((p, copy))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pointer_beside_a_writable_home_is_found_and_cleared() {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("g.ron");
        let elsewhere = tmp.path().join("x.ron");
        let mut w = crate::domain::Workshop::new("R");
        let g = crate::domain::Group { id: crate::domain::new_id(), name: "G".into(), slug: "g".into(), goals: vec![] };
        w.groups.push(g.clone());
        let mut f = GroupFile::new(&w, &g);
        std::fs::write(&home, codec::to_ron(&f).unwrap()).unwrap();
        f.group_name = "changed".into();
        f.answers_mut(crate::domain::new_id());
        std::fs::write(&elsewhere, codec::to_ron(&f).unwrap()).unwrap();
        assert_eq!(remember(&home, &elsewhere), Some(beside(&home)));
        let (pointer, copy) = offer(&home).expect("offered");
        assert_eq!(pointer, beside(&home));
        assert_eq!(copy, f);
        clear(&home);
        assert!(offer(&home).is_none());
    }
}
