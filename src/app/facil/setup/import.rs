//! Goals into the draft: pasted into a text area or read from a file (the
//! shell reads it), parsed by `domain::import`, previewed with the problems
//! line by line, and added only when nothing is wrong.

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use super::{Mode, SetupState};
use crate::app::facil::FacilEffect;
use crate::app::widgets::input::Input;
use crate::app::{Action, Context, Effect, Keymap};
use crate::domain::import::{self, Format, Preview};
use crate::i18n::setup::T;
use crate::i18n::Lang;
use crate::tr;

/// Where the keyboard is in the import panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ImportFocus {
    #[default]
    Text,
    Path,
    Add,
}

#[derive(Debug)]
pub struct ImportState {
    pub focus: ImportFocus,
    pub text: Input,
    pub path: Input,
    pub preview: Option<Preview>,
    /// "mal.csv (csv, Windows-1252)" when the preview came from a file.
    pub source: Option<String>,
    /// Leaving was refused once because the goals have problems: a second
    /// Esc throws the text away on purpose.
    pub warned: bool,
}

impl Default for ImportState {
    fn default() -> ImportState {
        ImportState {
            focus: ImportFocus::Text,
            text: Input::new("", true),
            path: Input::new("", false),
            preview: None,
            source: None,
            warned: false,
        }
    }
}

impl ImportState {
    pub fn paste(&mut self, text: &str) {
        match self.focus {
            ImportFocus::Path => self.path.paste(text),
            _ => {
                self.focus = ImportFocus::Text;
                self.text.paste(text);
                self.reparse();
            }
        }
    }

    /// Parse the pasted text (format guessed from the content).
    fn reparse(&mut self) {
        let text = self.text.text();
        self.source = None;
        self.preview = (!text.trim().is_empty()).then(|| import::parse(&text, Format::sniff(&text)));
    }
}

/// The shell read the file (or could not).
pub fn file_read(s: &mut SetupState, name: &str, bytes: Result<Vec<u8>, String>, lang: Lang) {
    let Mode::Import(i) = &mut s.mode else { return };
    match bytes {
        Ok(bytes) => {
            let got = import::preview_bytes(&bytes, None, Some(name));
            i.source = Some(format!("{name} ({}, {})", got.format.name(), got.encoding.name()));
            i.preview = Some(got.preview);
            i.focus = ImportFocus::Add;
        }
        Err(e) => s.error(tr!(lang, T::ReadFailed, error = e)),
    }
}

pub fn on_key(
    s: &mut SetupState,
    keymap: &Keymap,
    key: KeyEvent,
    global: Option<Action>,
    lang: Lang,
    fx: &mut Vec<Effect>,
) {
    let Mode::Import(i) = &mut s.mode else { return };
    let action = global.or_else(|| keymap.lookup(&[Context::Wizard], &key));
    let cycle = [ImportFocus::Text, ImportFocus::Path, ImportFocus::Add];
    let pos = cycle.iter().position(|f| *f == i.focus).unwrap_or(0);
    match action {
        Some(Action::Back) if i.warned => s.mode = Mode::Browse,
        Some(Action::Back) => {
            if !close(s, lang) {
                if let Mode::Import(i) = &mut s.mode {
                    i.warned = true;
                }
                s.error(tr!(lang, T::ImportPendingEsc));
            }
        }
        Some(Action::NextField) => i.focus = cycle[(pos + 1) % 3],
        Some(Action::PrevField) => i.focus = cycle[(pos + 2) % 3],
        _ => match i.focus {
            ImportFocus::Text => {
                if i.text.key(key) {
                    i.reparse();
                }
            }
            ImportFocus::Path if keymap.lookup(&[Context::Form], &key) == Some(Action::Confirm) => {
                let path = clean_path(&i.path.text());
                if !path.is_empty() {
                    fx.push(Effect::Facil(FacilEffect::ReadGoalFile(PathBuf::from(path))));
                }
            }
            ImportFocus::Path => {
                i.path.key(key);
            }
            ImportFocus::Add if keymap.lookup(&[Context::Form], &key) == Some(Action::Confirm) => add(s, lang),
            ImportFocus::Add => {}
        },
    }
}

/// A path as typed or pasted from a file manager: surrounding quotes and
/// a `file://` prefix dropped (`~` is the shell's to expand).
pub fn clean_path(text: &str) -> String {
    let t = text.trim();
    let t = t.strip_prefix("file://").unwrap_or(t);
    let unquoted = ['"', '\''].iter().find_map(|q| t.strip_prefix(*q).and_then(|r| r.strip_suffix(*q)));
    unquoted.unwrap_or(t).trim().to_string()
}

/// Leaving the import (Esc, another page, Ctrl-S): goals written or read
/// but not yet added are added when nothing is wrong, so nothing typed is
/// lost by moving on; with problems the import stays open and says why.
/// Returns whether the import may be left.
pub fn close(s: &mut SetupState, lang: Lang) -> bool {
    let Mode::Import(i) = &s.mode else { return true };
    match &i.preview {
        None => {
            s.mode = Mode::Browse;
            return true;
        }
        Some(p) if p.goals.is_empty() && !p.has_errors() => {
            s.mode = Mode::Browse;
            return true;
        }
        Some(_) => {}
    }
    add(s, lang);
    if matches!(s.mode, Mode::Import(_)) {
        s.error(tr!(lang, T::ImportPending));
        return false;
    }
    true
}

/// Add the previewed goals when nothing is wrong.
fn add(s: &mut SetupState, lang: Lang) {
    let Mode::Import(i) = &mut s.mode else { return };
    let Some(mut preview) = i.preview.clone() else {
        s.error(tr!(lang, T::NothingToImport));
        return;
    };
    preview.flag_codes_in_use(&s.draft.goals);
    if preview.has_errors() || preview.goals.is_empty() {
        i.preview = Some(preview);
        s.error(tr!(lang, T::ImportHasErrors));
        return;
    }
    let n = preview.goals.len();
    s.draft.goals.extend(preview.goals);
    s.reassign();
    s.edited();
    s.mode = Mode::Browse;
    s.sel = s.draft.goals.len() - n;
    s.info(tr!(lang, T::GoalsAdded, n = n));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_paths_lose_quotes_and_file_prefix() {
        assert_eq!(clean_path("  '/home/anna/BSP mål.csv' "), "/home/anna/BSP mål.csv");
        assert_eq!(clean_path("\"C:\\mål.csv\""), "C:\\mål.csv");
        assert_eq!(clean_path("file:///tmp/mal.md"), "/tmp/mal.md");
        assert_eq!(clean_path("~/mal.txt"), "~/mal.txt");
    }
}
