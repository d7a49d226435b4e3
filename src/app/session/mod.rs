//! What the screens share, without drawing: the open group and its
//! autosave, the outline under review, the answers' fields and progress.

pub mod fields;
pub mod group;
pub mod outline;
pub mod progress;
pub mod quality;
pub mod save;
pub mod setup_rebase;
