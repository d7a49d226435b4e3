//! The one message catalogue. Every string a user reads is declared with the
//! [`catalogue!`] macro, which requires a Swedish and an English text for every
//! key, so the compiler refuses a string that is missing in either language.
//!
//! Each area of the program (CLI, store errors, TUI, …) keeps its keys in its
//! own submodule so that files stay focused, but they all go through the same
//! macro and the same [`Lang`].

use serde::{Deserialize, Serialize};

pub mod check;
pub mod cli;
pub mod common;
pub mod export;
pub mod facil;
pub mod import;
pub mod merge;
pub mod plenary;
pub mod quality;
pub mod setup;
pub mod store;
pub mod tui;

/// The user's language. Swedish is the default everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "sv")]
    Sv,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Parse `sv`, `en`, `sv_SE.UTF-8`, `English`, … Anything unknown is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("sv") || s.starts_with("swe") || s == "svenska" {
            Some(Lang::Sv)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s).ok_or_else(|| format!("okänt språk / unknown language: {s} (sv, en)"))
    }
}

/// Declare a catalogue of messages: `Key => ("svenska", "English")`.
///
/// Generates `pub enum T` with a `get(lang)` method. Placeholders are written
/// `{name}` and filled with [`fill`].
#[macro_export]
macro_rules! catalogue {
    ($( $(#[$meta:meta])* $key:ident => ($sv:expr, $en:expr $(,)?) ),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(clippy::enum_variant_names)]
        pub enum T { $( $(#[$meta])* $key ),* }

        impl T {
            /// The text in the given language.
            pub fn get(self, lang: $crate::i18n::Lang) -> &'static str {
                match lang {
                    $crate::i18n::Lang::Sv => match self { $( T::$key => $sv ),* },
                    $crate::i18n::Lang::En => match self { $( T::$key => $en ),* },
                }
            }

            /// Every key, for tests that check the catalogue.
            pub const ALL: &'static [T] = &[ $( T::$key ),* ];
        }
    };
}

/// Replace `{name}` placeholders in a catalogue text.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// `tr!(lang, module::T::Key)` or `tr!(lang, module::T::Key, name = value, …)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:expr) => { $key.get($lang).to_string() };
    ($lang:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::fill($key.get($lang), &[$((stringify!($name), &$value as &dyn std::fmt::Display)),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_parses_common_spellings() {
        assert_eq!(Lang::parse("sv_SE.UTF-8"), Some(Lang::Sv));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        let s = fill("{a} och {b} och {a}", &[("a", &1), ("b", &"x")]);
        assert_eq!(s, "1 och x och 1");
    }

    #[test]
    fn common_catalogue_has_both_languages_for_every_key() {
        for key in common::T::ALL {
            assert!(!key.get(Lang::Sv).is_empty(), "{key:?} sv");
            assert!(!key.get(Lang::En).is_empty(), "{key:?} en");
        }
    }
}
