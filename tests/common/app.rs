//! Driving an `App` without a terminal: feeding it keys, text and pastes,
//! building it from a workshop held in memory, and drawing it on a
//! `TestBackend`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use malverkstad::app::{App, At, Effect, GroupOpened, Loaded, Msg, Theme};
use malverkstad::domain::model::{GroupFile, Workshop};
use malverkstad::i18n::Lang;
use malverkstad::store::WorkshopDir;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::keys::{key, IntoKey};

// ---------------------------------------------------------------- fixtures

/// A fixed id, so that fixtures and snapshots do not change between runs.
pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// The `now` passed to `App::update` (the app's monotonic clock).
pub fn t0() -> Instant {
    Instant::now()
}

/// A plain-themed app on the sessions folder `sessions`, no group fixed.
pub fn new_app(lang: Lang, sessions: &str) -> App {
    App::new(lang, Theme::plain(), PathBuf::from(sessions), None)
}

/// A workshop as the shell hands it over after reading the folder `root`.
pub fn loaded(root: &str, workshop: Workshop, group_files: BTreeMap<Uuid, GroupFile>) -> Loaded {
    Loaded { dir: WorkshopDir { root: PathBuf::from(root) }, workshop, group_files }
}

/// Hand the app a loaded workshop, as the shell does (the group list).
pub fn load(app: &mut App, loaded: Loaded) -> Vec<Effect> {
    app.update(Msg::WorkshopLoaded(Ok(Box::new(loaded))), t0())
}

/// Hand the app a group's file, as the shell does once the group is opened
/// (no lock held elsewhere, no recovery file).
pub fn open_group(app: &mut App, group: Uuid, file: GroupFile) -> Vec<Effect> {
    let opened = GroupOpened { group, file, locked_by: None, recovery: None };
    let fx = app.update(Msg::GroupOpened(Box::new(opened)), t0());
    assert_eq!(app.at(), At::Goals, "the group's goal list is open");
    fx
}

// ---------------------------------------------------------------- input

/// Feed keys (`KeyEvent`s, or `KeyCode`s / chars without modifiers);
/// returns every effect.
pub fn press<K: IntoKey>(app: &mut App, keys: &[K]) -> Vec<Effect> {
    let mut fx = Vec::new();
    for k in keys {
        fx.extend(app.update(Msg::Key(k.into_key()), t0()));
    }
    fx
}

/// Type `text`, one character key at a time.
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Msg::Key(key(c)), t0());
    }
}

/// On a menu that marks the chosen entry with "▶": move down to the entry
/// that starts with `label` (drawn at 120×40); panics when there is none.
pub fn choose(app: &mut App, label: &str) {
    let marked = format!("▶ {label}");
    for _ in 0..30 {
        if render(app, 120, 40).lines().any(|l| l.contains(&marked)) {
            return;
        }
        press(app, &[key(KeyCode::Down)]);
    }
    panic!("no menu entry {label:?}:\n{}", render(app, 120, 40));
}

/// Paste `text` (a bracketed paste); returns the effects.
pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    app.update(Msg::Paste(text.into()), t0())
}

/// A mouse event at a cell, without modifiers.
pub fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Msg {
    Msg::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
}

/// A left click at a cell.
pub fn click(column: u16, row: u16) -> Msg {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

// ---------------------------------------------------------------- drawing

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| f.render_widget(app, f.area())).expect("draw");
    term
}

/// The app drawn at `w`×`h`: its buffer, for colours and cells.
pub fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    draw(app, w, h).backend().buffer().clone()
}

/// The app drawn at `w`×`h`, as `TestBackend` prints it: each row in
/// quotes, padded to the width ("" for a zero-width terminal, which
/// `TestBackend` cannot print).
pub fn render(app: &App, w: u16, h: u16) -> String {
    let term = draw(app, w, h);
    if w == 0 {
        return String::new();
    }
    format!("{}", term.backend())
}

/// The app drawn at its own size (`app.size`), as `render` prints it.
pub fn render_at_size(app: &App) -> String {
    let (w, h) = app.size;
    render(app, w, h)
}

/// The app drawn at `w`×`h`: its rows without quotes or trailing blanks.
pub fn render_trimmed(app: &App, w: u16, h: u16) -> String {
    let term = draw(app, w, h);
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fail when a row of `render`'s text is wider than `w` columns.
pub fn assert_fits(text: &str, w: u16, what: &str) {
    for line in text.lines() {
        let width = UnicodeWidthStr::width(line.trim_matches('"'));
        assert!(width <= w as usize, "{what}line wider than {w}: {line}");
    }
}

/// The rows of a buffer as a person sees them: a wide symbol's hidden
/// neighbour cells are skipped, so a row is never wider than the buffer.
pub fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < buf.area.width {
                let sym = buf[(buf.area.x + x, buf.area.y + y)].symbol();
                row.push_str(sym);
                x += (sym.width() as u16).max(1);
            }
            row
        })
        .collect()
}
