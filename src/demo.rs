//! The bundled demo workshop, embedded in the binary so `malverkstad demo`
//! works from any folder. The files are the checked-in `sessions/` example.

use std::fs;
use std::path::Path;

use crate::store::{self, atomic, StoreError, WorkshopDir};

/// Folder name of the demo under the sessions dir.
pub const DEMO_SLUG: &str = "ks-arbetsdag-bsp-2027-2029";

/// The demo's files: (path inside the workshop folder, content).
pub const FILES: &[(&str, &str)] = &[
    ("workshop.ron", include_str!("../sessions/ks-arbetsdag-bsp-2027-2029/workshop.ron")),
    ("groups/grupp-1.ron", include_str!("../sessions/ks-arbetsdag-bsp-2027-2029/groups/grupp-1.ron")),
    ("groups/grupp-2.ron", include_str!("../sessions/ks-arbetsdag-bsp-2027-2029/groups/grupp-2.ron")),
    ("groups/grupp-3.ron", include_str!("../sessions/ks-arbetsdag-bsp-2027-2029/groups/grupp-3.ron")),
    ("groups/grupp-4.ron", include_str!("../sessions/ks-arbetsdag-bsp-2027-2029/groups/grupp-4.ron")),
];

/// Copy the demo into `sessions`. An existing copy is kept unless `reset`; a
/// reset moves the old copy aside (to a hidden folder) rather than deleting it.
/// Returns the folder and whether a fresh copy was made.
pub fn install(sessions: &Path, reset: bool) -> Result<(WorkshopDir, bool), StoreError> {
    let root = sessions.join(DEMO_SLUG);
    if root.join(store::WORKSHOP_FILE).is_file() && !reset {
        return Ok((WorkshopDir { root }, false));
    }
    fs::create_dir_all(sessions).map_err(|e| StoreError::io(sessions, e))?;
    let staging =
        tempfile::Builder::new().prefix(".demo-new.").tempdir_in(sessions).map_err(|e| StoreError::io(sessions, e))?;
    for (rel, content) in FILES {
        let path = staging.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        atomic::write_atomic(&path, content.as_bytes()).map_err(|e| StoreError::io(&path, e))?;
    }
    let exports = staging.path().join(store::EXPORTS_DIR);
    fs::create_dir_all(&exports).map_err(|e| StoreError::io(&exports, e))?;
    if root.exists() {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let aside = sessions.join(format!(".{DEMO_SLUG}.reset-{stamp}-{}", std::process::id()));
        fs::rename(&root, &aside).map_err(|e| StoreError::io(&root, e))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, &root).map_err(|e| StoreError::io(&root, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(&root, fs::Permissions::from_mode(0o755));
    }
    atomic::sync_dir(sessions).map_err(|e| StoreError::io(sessions, e))?;
    Ok((WorkshopDir { root }, true))
}
