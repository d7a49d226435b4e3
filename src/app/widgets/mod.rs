//! Building blocks the screens draw with: they know nothing of `App`, the
//! screens or the sessions, only ratatui, the theme and the words given.

pub mod frame;
pub mod input;
pub mod list;
pub mod theme;
pub mod timer;
pub mod wrap;
