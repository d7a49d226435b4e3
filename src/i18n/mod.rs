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

/// True when `n` takes the singular ("one") form in `lang`. Swedish and
/// English agree: exactly 1 is singular, 0 and the rest plural ("0 mål",
/// "0 goals"). A language with other rules adds its arm here.
pub fn is_one(lang: Lang, n: u64) -> bool {
    match lang {
        Lang::Sv | Lang::En => n == 1,
    }
}

/// Declare messages that depend on a count:
/// `Key => (("{n} grupp", "{n} grupper"), ("{n} group", "{n} groups"))`,
/// each language's one/other pair. Generates `pub enum P` with
/// `get(lang, n)`; fill it with [`trn!`], which supplies `{n}`.
///
/// Checked like [`catalogue!`]: every form written, the same placeholders
/// in every form (the `one` form may leave `{n}` out: "ett mål"), and `{n}`
/// in every `other` form.
#[macro_export]
macro_rules! plurals {
    ($( $(#[$meta:meta])* $key:ident => (($sv_one:expr, $sv_other:expr $(,)?), ($en_one:expr, $en_other:expr $(,)?) $(,)?) ),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(clippy::enum_variant_names)]
        pub enum P { $( $(#[$meta])* $key ),* }

        impl P {
            /// The form for `n` in the given language.
            pub fn get(self, lang: $crate::i18n::Lang, n: u64) -> &'static str {
                let one = $crate::i18n::is_one(lang, n);
                match (lang, one) {
                    ($crate::i18n::Lang::Sv, true) => match self { $( P::$key => $sv_one ),* },
                    ($crate::i18n::Lang::Sv, false) => match self { $( P::$key => $sv_other ),* },
                    ($crate::i18n::Lang::En, true) => match self { $( P::$key => $en_one ),* },
                    ($crate::i18n::Lang::En, false) => match self { $( P::$key => $en_other ),* },
                }
            }

            /// Every key, for tests that check the catalogue.
            pub const ALL: &'static [P] = &[ $( P::$key ),* ];
        }

        #[cfg(test)]
        mod plural_checks {
            #[test]
            fn every_plural_has_both_forms_in_both_languages() {
                use $crate::i18n::Lang;
                for key in super::P::ALL {
                    let forms = [key.get(Lang::Sv, 1), key.get(Lang::Sv, 2), key.get(Lang::En, 1), key.get(Lang::En, 2)];
                    $crate::i18n::check_plural(&format!("{key:?}"), forms);
                }
            }
        }
    };
}

/// A plural entry is usable: see [`plurals!`]. `forms`: sv one, sv other,
/// en one, en other.
#[cfg(test)]
pub(crate) fn check_plural(key: &str, forms: [&str; 4]) {
    for form in forms {
        assert!(!form.trim().is_empty(), "{key}: a form is empty");
    }
    for other in [forms[1], forms[3]] {
        assert!(other.contains("{n}"), "{key}: the plural form {other:?} does not say {{n}}");
    }
    let without_n = |s: &str| s.replace("{n}", "");
    check_entry(key, &without_n(forms[1]), &without_n(forms[3]));
    check_entry(key, &without_n(forms[0]), &without_n(forms[1]));
    check_entry(key, &without_n(forms[2]), &without_n(forms[3]));
}

/// `trn!(lang, module::P::Key, n)` or `trn!(lang, module::P::Key, n, name = value, …)`:
/// the form for the count `n` (any integer), with `{n}` and the other
/// placeholders filled.
#[macro_export]
macro_rules! trn {
    ($lang:expr, $key:expr, $n:expr) => {{
        let n = $n;
        $crate::i18n::fill($key.get($lang, n as u64), &[("n", &n as &dyn std::fmt::Display)])
    }};
    ($lang:expr, $key:expr, $n:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let n = $n;
        $crate::i18n::fill(
            $key.get($lang, n as u64),
            &[("n", &n as &dyn std::fmt::Display), $((stringify!($name), &$value as &dyn std::fmt::Display)),+],
        )
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::plurals! {
        Goals => (("{n} mål", "{n} mål"), ("{n} goal", "{n} goals")),
        Files => (("en fil i {dir}", "{n} filer i {dir}"), ("one file in {dir}", "{n} files in {dir}")),
    }

    #[test]
    fn plurals_choose_the_form_by_the_count() {
        assert_eq!(crate::trn!(Lang::En, P::Goals, 1usize), "1 goal");
        assert_eq!(crate::trn!(Lang::En, P::Goals, 0u32), "0 goals");
        assert_eq!(crate::trn!(Lang::Sv, P::Files, 1, dir = "x"), "en fil i x");
        assert_eq!(crate::trn!(Lang::Sv, P::Files, 21, dir = "x"), "21 filer i x");
    }

    #[test]
    fn a_plural_without_its_count_or_with_other_placeholders_is_caught() {
        let caught = |forms| std::panic::catch_unwind(|| check_plural("K", forms)).is_err();
        assert!(caught(["{n} mål", "många mål", "{n} goal", "{n} goals"]));
        assert!(caught(["{n} mål i {grupp}", "{n} mål i {grupp}", "{n} goal", "{n} goals"]));
        assert!(!caught(["ett mål", "{n} mål", "one goal", "{n} goals"]));
    }

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
