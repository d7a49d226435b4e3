//! Changing `workshop.ron` while other terminals may change it too (the
//! timer, goals added from the command line): re-read, change, check, save.

use super::{codec, Revision, StoreError, WorkshopDir};
use crate::domain::Workshop;

/// Change workshop.ron with `change` (which returns whether it changed
/// anything), reading the file right before and checking just before the
/// write that nobody saved it meanwhile; if someone did, start over from
/// their version, so their change is kept. Returns the workshop as saved (or
/// as read, when nothing changed) and whether it was saved.
pub fn update_workshop(
    dir: &WorkshopDir,
    mut change: impl FnMut(&mut Workshop) -> bool,
) -> Result<(Workshop, bool), StoreError> {
    let path = dir.workshop_path();
    let mut attempt = 0;
    loop {
        let before = codec::read_capped(&path)?;
        let mut w: Workshop = codec::from_bytes(&path, &before)?;
        if !change(&mut w) {
            return Ok((w, false));
        }
        attempt += 1;
        // Written only while the file still holds what was read: a change
        // saved meanwhile (by any process) makes us start over from it.
        match super::save_checked_against(&path, &w, Some(&Revision::Bytes(before.into()))) {
            Err(StoreError::ChangedOnDisk { .. }) if attempt < 5 => continue,
            Err(e) => return Err(e),
            Ok(()) => return Ok((w, true)),
        }
    }
}
