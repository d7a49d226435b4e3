//! The pure domain: model, merge, quality check. No terminal, no file system.

pub mod assign;
pub mod import;
pub mod merge;
pub mod model;
pub mod outline;
pub mod quality;
pub mod questions;
pub mod rebase;
pub mod setup;
pub mod slug;
pub mod text;
pub mod timer;
pub mod unique_map;
pub mod validate;

pub use model::*;
