//! Changing `workshop.ron` while other terminals may change it too (the
//! timer, goals added from the command line): re-read, change, check, save.

use super::{codec, StoreError, WorkshopDir};
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
        if attempt < 5 && codec::read_capped(&path)? != before {
            continue;
        }
        dir.save_workshop(&w)?;
        return Ok((w, true));
    }
}
