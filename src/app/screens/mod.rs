//! One folder per screen: its state, its keys, its pure layout and its
//! drawing. A screen imports only `ctx`, `msg`, `keymap`, `session`,
//! `widgets` and the domain; never `App` or another screen. It goes
//! elsewhere by returning `Outcome::Go(Route)`.

pub mod menu;
pub mod timer;
