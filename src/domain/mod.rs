//! The pure domain: model, merge, quality check. No terminal, no file system.

pub mod import;
pub mod merge;
pub mod model;
pub mod outline;
pub mod slug;
pub mod text;
pub mod validate;

pub use model::*;
