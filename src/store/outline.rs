//! Load and save the merged outline (`outline.ron`), and read the inputs of
//! a merge: group files, or outlines given where a group file was expected.

use std::path::{Path, PathBuf};

use super::{codec, save_checked, StoreError, WorkshopDir};
use crate::domain::outline::Outline;
use crate::domain::GroupFile;

/// Load an outline file; `Ok(None)` when it does not exist yet.
pub fn load(path: &Path) -> Result<Option<Outline>, StoreError> {
    match codec::read_file(path) {
        Ok(o) => Ok(Some(o)),
        Err(StoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Save an outline atomically. An existing file that does not parse as an
/// outline is never overwritten.
pub fn save(path: &Path, outline: &Outline) -> Result<(), StoreError> {
    save_checked(path, outline)
}

impl WorkshopDir {
    /// The workshop's `outline.ron`; `Ok(None)` before the first merge.
    pub fn load_outline(&self) -> Result<Option<Outline>, StoreError> {
        load(&self.outline_path())
    }

    pub fn save_outline(&self, outline: &Outline) -> Result<(), StoreError> {
        save(&self.outline_path(), outline)
    }
}

/// One input file of a merge, read.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeFile {
    Group(GroupFile),
    /// An outline (e.g. from another facilitator's laptop) to merge in whole.
    Outline(Outline),
}

/// A read input with the name it is recorded under (the file name only, so
/// that the same folder merged from two machines gives the same outline).
#[derive(Clone, Debug, PartialEq)]
pub struct ReadFile {
    pub path: PathBuf,
    pub name: String,
    pub content: MergeFile,
}

/// Read one input: a group file, or else an outline. When it is neither, the
/// error is the one for reading it as a group file.
pub fn read_merge_file(path: &Path) -> Result<ReadFile, StoreError> {
    let bytes = codec::read_capped(path)?;
    let content = match codec::from_bytes::<GroupFile>(path, &bytes) {
        Ok(g) => MergeFile::Group(g),
        Err(group_err) => match codec::from_bytes::<Outline>(path, &bytes) {
            Ok(o) => MergeFile::Outline(o),
            Err(_) => return Err(group_err),
        },
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(ReadFile { path: path.to_path_buf(), name, content })
}

/// Read every input. Returns the files read and, separately, every file that
/// could not be read: the caller decides, but nothing is skipped silently.
pub fn read_merge_files(paths: &[PathBuf]) -> (Vec<ReadFile>, Vec<StoreError>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for path in paths {
        match read_merge_file(path) {
            Ok(f) => ok.push(f),
            Err(e) => bad.push(e),
        }
    }
    (ok, bad)
}

/// The files read, as the merge's inputs (named by their file names).
pub fn merge_inputs(files: &[ReadFile]) -> Vec<crate::domain::merge::Input<'_>> {
    use crate::domain::merge::Input;
    files
        .iter()
        .map(|f| match &f.content {
            MergeFile::Group(g) => Input::Group { source: &f.name, file: g },
            MergeFile::Outline(o) => Input::Outline { source: &f.name, outline: o },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::merge::{merge, Input};
    use crate::domain::model::{keys, Answer, Group, ListItem, Workshop};

    #[test]
    fn outline_round_trips_and_group_files_and_outlines_are_told_apart() {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut w = Workshop::new("T");
        w.goals.push(crate::domain::Goal::new(None, "Mål"));
        w.groups.push(Group { id: uuid::Uuid::from_u128(7), name: "G".into(), slug: "g".into(), goals: vec![] });
        let mut gf = GroupFile::new(&w, &w.groups[0]);
        gf.answers_mut(w.goals[0].id)
            .answers
            .insert(keys::SUBGOALS.into(), Answer::List(vec![ListItem::new("Läsa \"mer\"\nvarje dag")]));
        let o = merge(&w, &[Input::Group { source: "g.ron", file: &gf }], None).expect("merge");
        let path = tmp.path().join("outline.ron");
        assert_eq!(load(&path).expect("load"), None);
        save(&path, &o).expect("save");
        assert_eq!(load(&path).expect("load"), Some(o.clone()));
        let gpath = tmp.path().join("g.ron");
        save_checked(&gpath, &gf).expect("save group");
        assert_eq!(read_merge_file(&gpath).expect("read").content, MergeFile::Group(gf));
        assert_eq!(read_merge_file(&path).expect("read").content, MergeFile::Outline(o));
        std::fs::write(tmp.path().join("bad.ron"), "(schema: 1, workshop: ").expect("write");
        let (ok, bad) = read_merge_files(&[gpath, tmp.path().join("bad.ron")]);
        assert_eq!(ok.len(), 1);
        assert_eq!(bad.len(), 1);
        assert!(bad[0].message(crate::i18n::Lang::Sv).contains("bad.ron"));
    }
}
