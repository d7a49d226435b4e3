//! A save that found another version of the group's file on disk (a sync
//! tool, `cp` or `mv` over it, a second terminal): merge per item with the
//! version this process last saw as the base; write the merged file (only
//! over exactly the version read); keep ours whole as a named copy when the
//! same item was changed on both sides. Nothing either side typed is lost.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Utc;

use super::Outcome;
use crate::app::session::save::SaveNote;
use crate::domain::rebase::{rebase, Prefer};
use crate::domain::GroupFile;
use crate::i18n::tui::T;
use crate::i18n::Lang;
use crate::store::{self, codec, Revision, StoreError};
use crate::tr;

/// A copy beside `path` that the facilitator's merge reads as a copy of the
/// same group (it goes by the group id inside), named the way Syncthing
/// names its conflict copies: `grupp-1.sync-conflict-20261204-153200-malverkstad.ron`.
pub fn copy_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let candidate = path.with_file_name(format!("{stem}.sync-conflict-{stamp}-malverkstad{suffix}.ron"));
        if std::fs::symlink_metadata(&candidate).is_err() {
            return candidate;
        }
        n += 1;
    }
}

pub(super) fn shown(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
}

/// Save `ours` over a file that changed on disk since this process last saw it.
pub(super) fn resolve(path: &Path, ours: &GroupFile, generation: u64, lang: Lang) -> Outcome {
    let now = ours.saved_at.unwrap_or_else(Utc::now);
    let fail = |e: StoreError| Outcome { result: Err(e.message(lang)), note: None };
    let mut copy: Option<PathBuf> = None;
    for _ in 0..4 {
        let base_rev = store::last_seen(path);
        let theirs_bytes = match codec::read_capped(path) {
            Ok(b) => b,
            // Gone again: ours goes in its place.
            Err(StoreError::NotFound { .. }) => {
                match store::save_checked_against(path, ours, Some(&Revision::Absent)) {
                    Ok(()) => return Outcome { result: Ok(now), note: None },
                    Err(StoreError::ChangedOnDisk { .. }) => continue,
                    Err(e) => return fail(e),
                }
            }
            Err(e) => return fail(e),
        };
        // An older version of our own, put back by a sync tool or a copy:
        // every byte of it was written here and ours supersedes it, so ours
        // goes in its place and the screen keeps what it shows.
        if store::revision::written_by_us_before(path, &theirs_bytes) {
            match store::save_checked_against(path, ours, Some(&Revision::Bytes(theirs_bytes.into()))) {
                Ok(()) => {
                    let notice = Some(tr!(lang, T::OlderOwnVersionReplaced));
                    let note = SaveNote { generation, replaced: None, saved_to: None, notice, note: None };
                    return Outcome { result: Ok(now), note: Some(note) };
                }
                Err(StoreError::ChangedOnDisk { .. }) => continue,
                Err(e) => return fail(e),
            }
        }
        let theirs = match codec::from_bytes::<GroupFile>(path, &theirs_bytes) {
            Ok(t) if t.workshop == ours.workshop && t.group == ours.group => t,
            // Damaged, or another group's file: never overwritten, never merged.
            _ => return fail(StoreError::RefuseOverwrite { path: path.to_path_buf() }),
        };
        let base = base_rev
            .as_ref()
            .and_then(Revision::bytes)
            .and_then(|b| codec::from_bytes::<GroupFile>(path, b).ok())
            .unwrap_or_else(|| GroupFile { goals: BTreeMap::new(), ..ours.clone() });
        let r = rebase(&base, ours, &theirs, Prefer::Theirs);
        // Ours whole in a copy when the merged file drops any of it: the same
        // item changed on both sides, or theirs changed text ours had saved.
        let drops_ours = !r.conflicts.is_empty() || !r.overridden.is_empty();
        if drops_ours && copy.is_none() {
            let c = copy_path(path);
            if let Err(e) = store::save_checked_against(&c, ours, Some(&Revision::Absent)) {
                return fail(e);
            }
            copy = Some(c);
        }
        let mut merged = r.file;
        merged.saved_at = Some(now);
        match store::save_checked_against(path, &merged, Some(&Revision::Bytes(theirs_bytes.into()))) {
            Ok(()) => {
                let (notice, note) = match &copy {
                    None => (Some(tr!(lang, T::MergedFromDisk)), None),
                    Some(c) => {
                        let why = if r.conflicts.is_empty() { T::OverriddenNotice } else { T::ConflictNotice };
                        (Some(tr!(lang, why)), Some(tr!(lang, T::ConflictCopy, file = shown(c))))
                    }
                };
                let replaced = Some((Box::new(ours.clone()), Box::new(merged)));
                return Outcome {
                    result: Ok(now),
                    note: Some(SaveNote { generation, replaced, saved_to: None, notice, note }),
                };
            }
            Err(StoreError::ChangedOnDisk { .. }) => continue,
            Err(e) => return fail(e),
        }
    }
    fail(StoreError::ChangedOnDisk { path: path.to_path_buf() })
}
