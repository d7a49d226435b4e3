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
/// I/O errors in words: [`io::describe`].
pub mod io;
pub mod kolada;
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

/// An unknown language is an error whose message is in both languages
/// (which one was meant is unknown).
impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s)
            .ok_or_else(|| format!("okänt språk {s:?}: välj sv eller en / unknown language {s:?}: choose sv or en"))
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

        #[cfg(test)]
        mod catalogue_checks {
            #[test]
            fn every_key_has_both_languages_and_the_same_placeholders() {
                for key in super::T::ALL {
                    $crate::i18n::check_entry(
                        &format!("{key:?}"),
                        key.get($crate::i18n::Lang::Sv),
                        key.get($crate::i18n::Lang::En),
                    );
                }
            }
        }
    };
}

/// A catalogue entry is usable: both texts written, and the same `{name}`
/// placeholders in both (a missing one would print a value in only one language).
#[cfg(test)]
pub(crate) fn check_entry(key: &str, sv: &str, en: &str) {
    assert!(!sv.trim().is_empty(), "{key}: no Swedish text");
    assert!(!en.trim().is_empty(), "{key}: no English text");
    let names = |s: &str| {
        let mut v: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
            .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(names(sv), names(en), "{key}: the placeholders differ between sv and en");
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
    fn a_placeholder_missing_in_one_language_is_caught() {
        let caught = std::panic::catch_unwind(|| check_entry("K", "{n} mål i {grupp}", "{n} goals"));
        assert!(caught.is_err());
        check_entry("K", "{n} mål i {group}", "{group}: {n} goals");
    }
}
