//! Keys map to named actions through a keymap. The default keymap is a data
//! file embedded in the binary; actions have serde names so that a user
//! keymap file can override them later.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;

/// Everything a key can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Save,
    SaveElsewhere,
    Quit,
    Help,
    Undo,
    Redo,
    Back,
    NextStep,
    PrevStep,
    NextField,
    PrevField,
    Up,
    Down,
    First,
    Last,
    Open,
    Add,
    Delete,
    MoveUp,
    MoveDown,
    ChoicePrev,
    ChoiceNext,
    Confirm,
    // The facilitator's screens (src/app/facil).
    FacilMenu,
    Import,
    Toggle,
    StrategyEvenly,
    StrategyByPerspective,
    StrategyEveryGoal,
    SaveTemplate,
    ChooseTemplate,
    // The goal-quality panel in the wizard (src/app/quality.rs).
    QualityPanel,
    QualityScrollDown,
    QualityScrollUp,
    /// Open the export dialog (src/app/export.rs).
    Export,
    // The plenary (src/app/plenary).
    NextGoal,
    PrevGoal,
    ScrollDown,
    ScrollUp,
    FirstGoal,
    LastGoal,
    GoalIndex,
    Overview,
    Reload,
    ShowGoal,
    // The outline's review (src/app/outline).
    Accept,
    DropItem,
    Reopen,
    EditText,
    Mark,
    Combine,
    Filter,
}

/// Where a key is looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Wizard,
    Nav,
    Items,
    Choice,
    Form,
    /// The facilitator's screens.
    Facil,
    /// Opening the facilitator menu from the start and group screens.
    Menu,
    /// The goal-quality panel, on every wizard step (after the focused part).
    Quality,
    /// A group's goal list: export the group's own file.
    Export,
    /// The plenary (storgrupp) mode.
    Plenary,
    /// The outline screen's review keys.
    Outline,
}

/// A key with its modifiers, as written in the keymap file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeySpec {
    /// Parse "ctrl-s", "alt-up", "f1", "?" …
    pub fn parse(text: &str) -> Option<KeySpec> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "insert" => KeyCode::Insert,
            "delete" => KeyCode::Delete,
            "backspace" => KeyCode::Backspace,
            "space" => KeyCode::Char(' '),
            f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
            c => {
                let mut chars = c.chars();
                let ch = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(ch)
            }
        };
        Some(KeySpec { code, mods })
    }

    /// A key as the help screen shows it: "Ctrl-S", "Alt-↑".
    pub fn display(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        let name = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::PageDown => "PageDown".into(),
            KeyCode::Insert => "Insert".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) => c.to_uppercase().to_string(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        out.push_str(&name);
        out
    }

    fn matches(&self, key: &KeyEvent) -> bool {
        // Terminals differ in whether Shift comes with upper-case letters and
        // BackTab: compare those without Shift.
        let strip = |m: KeyModifiers, code: KeyCode| match code {
            KeyCode::Char(_) | KeyCode::BackTab => m - KeyModifiers::SHIFT,
            _ => m,
        };
        let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match key.code {
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        code == self.code && strip(mods, code) == strip(self.mods, self.code)
    }
}

#[derive(Debug, Deserialize)]
struct KeymapFile {
    global: Vec<(String, Action)>,
    wizard: Vec<(String, Action)>,
    nav: Vec<(String, Action)>,
    items: Vec<(String, Action)>,
    choice: Vec<(String, Action)>,
    form: Vec<(String, Action)>,
    #[serde(default)]
    facil: Vec<(String, Action)>,
    #[serde(default)]
    menu: Vec<(String, Action)>,
    #[serde(default)]
    quality: Vec<(String, Action)>,
    export: Vec<(String, Action)>,
    plenary: Vec<(String, Action)>,
    #[serde(default)]
    outline: Vec<(String, Action)>,
}

/// The parsed keymap.
#[derive(Clone, Debug)]
pub struct Keymap {
    entries: Vec<(Context, KeySpec, Action)>,
}

/// The default keymap's source.
pub const DEFAULT_KEYMAP: &str = include_str!("keymap.ron");

/// Why a keymap file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("keymap: {0}")]
    Parse(String),
    #[error("keymap: unknown key \"{0}\"")]
    BadKey(String),
}

impl Keymap {
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        let file: KeymapFile = ron::from_str(text).map_err(|e| KeymapError::Parse(e.to_string()))?;
        let mut entries = Vec::new();
        for (ctx, list) in [
            (Context::Global, file.global),
            (Context::Wizard, file.wizard),
            (Context::Nav, file.nav),
            (Context::Items, file.items),
            (Context::Choice, file.choice),
            (Context::Form, file.form),
            (Context::Facil, file.facil),
            (Context::Menu, file.menu),
            (Context::Quality, file.quality),
            (Context::Export, file.export),
            (Context::Plenary, file.plenary),
            (Context::Outline, file.outline),
        ] {
            for (key, action) in list {
                let spec = KeySpec::parse(&key).ok_or(KeymapError::BadKey(key))?;
                entries.push((ctx, spec, action));
            }
        }
        Ok(Keymap { entries })
    }

    /// The embedded default keymap.
    pub fn default_keys() -> Keymap {
        // The embedded file is checked by a unit test; an empty map is the
        // safe fallback should it ever fail.
        Keymap::parse(DEFAULT_KEYMAP).unwrap_or(Keymap { entries: Vec::new() })
    }

    /// The action of `key` in the first of `contexts` that binds it.
    pub fn lookup(&self, contexts: &[Context], key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        contexts
            .iter()
            .find_map(|ctx| self.entries.iter().find(|(c, spec, _)| c == ctx && spec.matches(key)).map(|(_, _, a)| *a))
    }

    /// The keys bound to `action` in `ctx`, for the help screen.
    pub fn keys_for(&self, ctx: Context, action: Action) -> Vec<KeySpec> {
        self.entries.iter().filter(|(c, _, a)| *c == ctx && *a == action).map(|(_, k, _)| *k).collect()
    }

    /// Every (action, keys) of a context in file order, each action once.
    pub fn bindings(&self, ctx: Context) -> Vec<(Action, Vec<KeySpec>)> {
        let mut out: Vec<(Action, Vec<KeySpec>)> = Vec::new();
        for (c, spec, action) in &self.entries {
            if *c != ctx {
                continue;
            }
            match out.iter_mut().find(|(a, _)| a == action) {
                Some((_, keys)) => keys.push(*spec),
                None => out.push((*action, vec![*spec])),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn default_keymap_parses_and_binds_the_documented_keys() {
        let map = Keymap::parse(DEFAULT_KEYMAP).expect("embedded keymap parses");
        let g = [Context::Global];
        assert_eq!(map.lookup(&g, &key(KeyCode::Char('s'), KeyModifiers::CONTROL)), Some(Action::Save));
        assert_eq!(map.lookup(&g, &key(KeyCode::Char('q'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(map.lookup(&g, &key(KeyCode::F(1), KeyModifiers::NONE)), Some(Action::Help));
        assert_eq!(map.lookup(&g, &key(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Back));
        let w = [Context::Wizard];
        assert_eq!(map.lookup(&w, &key(KeyCode::Right, KeyModifiers::CONTROL)), Some(Action::NextStep));
        assert_eq!(map.lookup(&w, &key(KeyCode::PageUp, KeyModifiers::NONE)), Some(Action::PrevStep));
        assert_eq!(map.lookup(&w, &key(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevField));
        // The facilitator's keys: F3 opens the menu, letters act on the setup's pages.
        assert_eq!(map.lookup(&[Context::Menu], &key(KeyCode::F(3), KeyModifiers::NONE)), Some(Action::FacilMenu));
        assert_eq!(map.lookup(&[Context::Export], &key(KeyCode::F(4), KeyModifiers::NONE)), Some(Action::Export));
        let f = [Context::Facil];
        assert_eq!(map.lookup(&f, &key(KeyCode::Char(' '), KeyModifiers::NONE)), Some(Action::Toggle));
        assert_eq!(map.lookup(&f, &key(KeyCode::Char('2'), KeyModifiers::NONE)), Some(Action::StrategyByPerspective));
        // The quality panel: F5 and Alt-↑/↓, which the text editor leaves alone.
        let q = [Context::Quality];
        assert_eq!(map.lookup(&q, &key(KeyCode::F(5), KeyModifiers::NONE)), Some(Action::QualityPanel));
        assert_eq!(map.lookup(&q, &key(KeyCode::Down, KeyModifiers::ALT)), Some(Action::QualityScrollDown));
        assert_eq!(map.lookup(&q, &key(KeyCode::Down, KeyModifiers::NONE)), None);
        // The plenary: next goal with →, PageDown and Space; G lists the goals.
        let p = [Context::Plenary];
        for code in [KeyCode::Right, KeyCode::PageDown, KeyCode::Char(' ')] {
            assert_eq!(map.lookup(&p, &key(code, KeyModifiers::NONE)), Some(Action::NextGoal), "{code:?}");
        }
        assert_eq!(map.lookup(&p, &key(KeyCode::PageUp, KeyModifiers::NONE)), Some(Action::PrevGoal));
        assert_eq!(map.lookup(&p, &key(KeyCode::Char('g'), KeyModifiers::NONE)), Some(Action::GoalIndex));
        assert_eq!(map.lookup(&p, &key(KeyCode::Down, KeyModifiers::NONE)), Some(Action::ScrollDown));
        // The outline's review keys.
        let o = [Context::Outline];
        assert_eq!(map.lookup(&o, &key(KeyCode::Char('a'), KeyModifiers::NONE)), Some(Action::Accept));
        assert_eq!(map.lookup(&o, &key(KeyCode::Delete, KeyModifiers::NONE)), Some(Action::DropItem));
        assert_eq!(map.lookup(&o, &key(KeyCode::Up, KeyModifiers::ALT)), Some(Action::MoveUp));
        assert_eq!(map.lookup(&o, &key(KeyCode::Char('c'), KeyModifiers::NONE)), Some(Action::Combine));
        // A plain letter is not a global key: it belongs to the text field.
        assert_eq!(map.lookup(&[Context::Global, Context::Wizard], &key(KeyCode::Char('s'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn key_specs_parse_and_display() {
        let k = KeySpec::parse("ctrl-s").unwrap();
        assert_eq!(k.display(), "Ctrl-S");
        assert_eq!(KeySpec::parse("alt-up").unwrap().display(), "Alt-↑");
        assert_eq!(KeySpec::parse("f1").unwrap().code, KeyCode::F(1));
        assert!(KeySpec::parse("ctrl-nonsense").is_none());
        assert!(Keymap::parse("(global: [(\"hyper-x\", save)], wizard: [], nav: [], items: [], choice: [], form: [])")
            .is_err());
    }
}
