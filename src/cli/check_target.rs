//! What a path given to `check` names: a workshop (its folder or its
//! `workshop.ron`) or a lone file, and the workshop a lone group file
//! belongs to. Shared by the reference check (`check.rs`) and the quality
//! check (`check_quality.rs`); a leaf, so that those two import it and
//! `check` imports `check_quality`, never back.

use std::path::{Path, PathBuf};

use crate::store::{self, StoreError, WorkshopDir};

pub(super) enum Target {
    Workshop(WorkshopDir),
    GroupFile(PathBuf),
}

pub(super) fn classify(path: &Path) -> Result<Target, StoreError> {
    if path.is_dir() || path.file_name().is_some_and(|n| n == store::WORKSHOP_FILE) {
        return WorkshopDir::open(path).map(Target::Workshop);
    }
    if !path.exists() {
        return Err(StoreError::NotFound { path: path.to_path_buf() });
    }
    Ok(Target::GroupFile(path.to_path_buf()))
}

/// The workshop a lone group file belongs to: `../workshop.ron` when it sits in `groups/`.
pub(super) fn workshop_of(group_file: &Path) -> Option<WorkshopDir> {
    let groups = group_file.parent()?;
    WorkshopDir::open(groups.parent()?).ok()
}
