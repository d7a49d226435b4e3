//! Key events for the tests: `key(KeyCode::Enter)`, `key('a')`,
//! `ctrl('s')`, `ctrl(KeyCode::Right)`, `alt(KeyCode::Up)`, `shift(..)`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What names a key: a `KeyCode`, or a `char` for `KeyCode::Char`.
pub trait Code: Copy {
    fn code(self) -> KeyCode;
}

impl Code for KeyCode {
    fn code(self) -> KeyCode {
        self
    }
}

impl Code for char {
    fn code(self) -> KeyCode {
        KeyCode::Char(self)
    }
}

/// What `press` takes: a whole `KeyEvent`, or a key without modifiers.
pub trait IntoKey: Copy {
    fn into_key(self) -> KeyEvent;
}

impl IntoKey for KeyEvent {
    fn into_key(self) -> KeyEvent {
        self
    }
}

impl IntoKey for KeyCode {
    fn into_key(self) -> KeyEvent {
        key(self)
    }
}

impl IntoKey for char {
    fn into_key(self) -> KeyEvent {
        key(self)
    }
}

/// The key without modifiers.
pub fn key(c: impl Code) -> KeyEvent {
    KeyEvent::new(c.code(), KeyModifiers::NONE)
}

/// The key with Ctrl.
pub fn ctrl(c: impl Code) -> KeyEvent {
    KeyEvent::new(c.code(), KeyModifiers::CONTROL)
}

/// The key with Alt.
pub fn alt(c: impl Code) -> KeyEvent {
    KeyEvent::new(c.code(), KeyModifiers::ALT)
}

/// The key with Shift.
pub fn shift(c: impl Code) -> KeyEvent {
    KeyEvent::new(c.code(), KeyModifiers::SHIFT)
}
