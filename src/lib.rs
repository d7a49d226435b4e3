//! Målverkstad: a terminal workshop tool for the Swedish municipal
//! målstyrningsdag. Dependencies point one way:
//! `domain ← {store, export} ← app ← tui`; the CLI never uses the TUI.

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod kolada;
pub mod store;
pub mod tui;
