//! Load and save the merged outline (`outline.ron`), and read the inputs of
//! a merge: group files, or outlines given where a group file was expected.

use std::path::{Path, PathBuf};

use super::{codec, save_checked, StoreError, WorkshopDir};
use crate::domain::outline::Outline;
use crate::domain::GroupFile;

/// Load an outline file; `Ok(None)` when it does not exist yet. What the
/// file does not hold (everything derived from the members and decisions)
/// is derived on loading.
///
/// A file over the size cap (older versions could write one: every pair of
/// similar items was listed) is not read whole: its decisions are salvaged
/// from its end, and the outline comes back with the decisions only, so the
/// next merge rebuilds it from the group files keeping every decision, and
/// [`save`] moves the large file aside instead of refusing to replace it.
pub fn load(path: &Path) -> Result<Option<Outline>, StoreError> {
    match codec::read_file::<Outline>(path) {
        Ok(mut o) => {
            crate::domain::merge::refresh(&mut o);
            Ok(Some(o))
        }
        Err(StoreError::NotFound { .. }) => Ok(None),
        Err(StoreError::TooLarge { .. }) => salvage(path).map(Some),
        Err(e) => Err(e),
    }
}

/// How much of a too-large outline's end is read to find its decisions.
const SALVAGE_TAIL: u64 = 64 * 1024 * 1024;

/// The workshop id and the decisions of an outline file over the size cap,
/// read from its first and last bytes (the decisions are its last field).
fn salvage(path: &Path) -> Result<Outline, StoreError> {
    use std::io::{Read, Seek, SeekFrom};
    let bad = |what: &str| StoreError::io(path, std::io::Error::other(format!("outline.ron: {what}")));
    let mut file = std::fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
    let mut head = vec![0; 4096.min(len as usize)];
    file.read_exact(&mut head).map_err(|e| StoreError::io(path, e))?;
    let head = String::from_utf8_lossy(&head);
    let workshop = head
        .split_once("workshop:")
        .and_then(|(_, rest)| rest.split('"').nth(1))
        .and_then(|id| uuid::Uuid::parse_str(id).ok())
        .ok_or_else(|| bad("no workshop id"))?;
    let start = len.saturating_sub(SALVAGE_TAIL);
    file.seek(SeekFrom::Start(start)).map_err(|e| StoreError::io(path, e))?;
    let mut tail = Vec::with_capacity((len - start) as usize);
    file.read_to_end(&mut tail).map_err(|e| StoreError::io(path, e))?;
    let tail = String::from_utf8_lossy(&tail);
    let mut outline = Outline::empty(workshop);
    if let Some(at) = tail.rfind("\n    decisions: ") {
        let map = tail[at..].trim_start().trim_start_matches("decisions:").trim_end();
        // The map, without the outline's closing `,\n)`.
        let map = map.strip_suffix(')').unwrap_or(map).trim_end();
        let map = map.strip_suffix(',').unwrap_or(map);
        outline.decisions = ron::from_str(map).map_err(|e| bad(&e.to_string()))?;
    }
    crate::domain::merge::refresh(&mut outline);
    Ok(outline)
}

/// Save an outline atomically. An existing file that does not parse as an
/// outline is never overwritten, and an outline over the size cap is never
/// written (it could not be read back). An existing file over the size cap
/// is moved aside to `outline.ron.too-large` (then `.too-large-2` …), not
/// replaced: its decisions were salvaged by [`load`].
pub fn save(path: &Path, outline: &Outline) -> Result<(), StoreError> {
    let size = codec::to_ron(outline).map_err(|e| StoreError::io(path, std::io::Error::other(e.to_string())))?.len();
    if size as u64 > codec::MAX_FILE_BYTES {
        return Err(StoreError::TooLarge { path: path.to_path_buf(), size: size as u64 });
    }
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > codec::MAX_FILE_BYTES) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let aside = (1..)
            .map(|n| {
                let suffix = if n == 1 { String::new() } else { format!("-{n}") };
                path.with_file_name(format!("{name}.too-large{suffix}"))
            })
            .find(|p| !p.exists())
            .expect("a free name");
        std::fs::rename(path, &aside).map_err(|e| StoreError::io(path, e))?;
    }
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
            Ok(mut o) => {
                crate::domain::merge::refresh(&mut o);
                MergeFile::Outline(o)
            }
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
