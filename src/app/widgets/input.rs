//! A text field of the facilitator's screens: one line (Enter confirms) or
//! several (Enter is a new line). Wraps the one `TextArea` widget; the text is
//! copied into the model by the screen after every change.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, Input as TaInput, TextArea, WrapMode};

use crate::domain::text::{normalize, to_nfc};

#[derive(Clone, Debug)]
pub struct Input {
    pub area: TextArea<'static>,
    pub multiline: bool,
}

impl Input {
    pub fn new(text: &str, multiline: bool) -> Input {
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::default());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Input { area, multiline }
    }

    pub fn text(&self) -> String {
        to_nfc(self.area.lines().join("\n"))
    }

    /// Feed a key; true when the text changed. Enter in a one-line field and
    /// control keys other than editing ones are left alone.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        if key.code == KeyCode::Enter && !self.multiline {
            return false;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char(_)) {
            return false;
        }
        let before = self.area.lines().join("\n");
        self.area.input(TaInput::from(key));
        self.area.lines().join("\n") != before
    }

    /// A paste, normalised; one line for a one-line field.
    pub fn paste(&mut self, text: &str) {
        let mut text = normalize(text);
        if !self.multiline {
            text = text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
        }
        self.area.insert_str(&text);
    }
}

impl Input {
    /// A one-line field: "Label: text█" (the cursor where it is when focused).
    pub fn line(
        &self,
        theme: &super::theme::Theme,
        label: &str,
        focused: bool,
        width: usize,
    ) -> ratatui::text::Line<'static> {
        let text = self.text();
        let shown = if focused { with_cursor(self) } else { text };
        let marker = if focused { "▶ " } else { "  " };
        let line = super::wrap::ellipsize(&format!("{marker}{label}: {shown}"), width);
        let style = if focused { theme.focus() } else { Style::default() };
        ratatui::text::Line::from(line).style(style)
    }
}

/// The first line of an input with a block cursor at the cursor.
pub fn with_cursor(input: &Input) -> String {
    let ratatui_textarea::DataCursor(row, col) = input.area.cursor();
    let line = input.area.lines().get(row).cloned().unwrap_or_default();
    let at = line.char_indices().nth(col).map(|(i, _)| i).unwrap_or(line.len());
    format!("{}█{}", &line[..at], &line[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn one_line_field_ignores_enter_and_joins_pastes() {
        let mut i = Input::new("Mål", false);
        assert!(i.key(k(KeyCode::Char('!'))));
        assert!(!i.key(k(KeyCode::Enter)));
        i.paste("a\r\n\r\n b ");
        assert_eq!(i.text(), "Mål!a b");
        let mut m = Input::new("", true);
        m.paste("1 Ett\r\n2 Två");
        assert!(m.key(k(KeyCode::Enter)));
        assert_eq!(m.text(), "1 Ett\n2 Två\n");
    }
}
