//! The facilitator's review of the merged outline (sammanställning): the
//! outline kept in the app, re-merged whenever a group file changes, with
//! the review operations of [`crate::domain::merge::review`], undo/redo and
//! saves of `outline.ron` carried out by the shell off the input path.
//!
//! Other screens (the plenary) read the outline through [`App::outline`].

mod rows;
pub mod screen;

pub use crate::app::session::outline::{inputs, OutlineSession};
pub use screen::{Filter, OutlineScreen};
