//! The quality check's word lists as files: the shipped lists, then the
//! user's `quality-words.ron` in the config folder, then a file named on the
//! command line (`check --words FILE`). Shared by the CLI and the TUI, so the
//! scores agree wherever they are shown.
//!
//! Kolada's KPI ids are not added here (the catalogue is `kolada`'s, which
//! sits above `store`): callers that want them add them with
//! [`WordLists::with_kolada`].

use std::path::{Path, PathBuf};

use super::{codec, StoreError};
use crate::domain::quality::{WordFile, WordLists};
use crate::i18n::{quality::T, Lang};
use crate::tr;

/// The user's own word list, merged on top of the shipped one when present.
pub const USER_WORDS_FILE: &str = "quality-words.ron";

/// `<config dir>/quality-words.ron`, e.g. `~/.config/malverkstad/quality-words.ron`.
pub fn user_words_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("se", "Malverkstad", "malverkstad").map(|p| p.config_dir().join(USER_WORDS_FILE))
}

/// A word file that could not be read or parsed.
#[derive(Debug)]
pub struct WordFileError {
    pub path: PathBuf,
    pub error: StoreError,
}

impl WordFileError {
    /// "Ordlistan PATH kan inte läsas: …".
    pub fn message(&self, lang: Lang) -> String {
        tr!(lang, T::CliWordsError, path = self.path.display(), error = self.error.message(lang))
    }
}

/// The shipped word lists, then the user's config file if it exists, then
/// `explicit` (which must exist), each merged on top of the one before.
/// Without Kolada's ids.
pub fn load_word_lists(explicit: Option<&Path>) -> Result<WordLists, WordFileError> {
    load_word_lists_from(user_words_path().filter(|p| p.is_file()).as_deref(), explicit)
}

/// [`load_word_lists`] with the config file given (`None`: there is none).
fn load_word_lists_from(config: Option<&Path>, explicit: Option<&Path>) -> Result<WordLists, WordFileError> {
    let mut file = WordFile::embedded();
    for path in config.into_iter().chain(explicit) {
        let user: WordFile =
            codec::read_file(path).map_err(|error| WordFileError { path: path.to_path_buf(), error })?;
        file.merge(user);
    }
    Ok(WordLists::new(&file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_file_and_the_explicit_one_are_merged_on_the_shipped_lists() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join(USER_WORDS_FILE);
        let explicit = dir.path().join("ord.ron");
        std::fs::write(&config, "(remove: [\"öka\"])").expect("write");
        std::fs::write(&explicit, "(vague_verbs: [\"fundera\"])").expect("write");
        let lists = load_word_lists_from(Some(&config), Some(&explicit)).expect("loads");
        let mut expected = WordFile::embedded();
        expected.merge(WordFile::parse("(remove: [\"öka\"])").expect("parses"));
        expected.merge(WordFile::parse("(vague_verbs: [\"fundera\"])").expect("parses"));
        assert_eq!(lists, WordLists::new(&expected));
        assert_eq!(load_word_lists_from(None, None).expect("loads"), WordLists::embedded());
    }

    #[test]
    fn a_broken_word_file_is_named_in_the_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        let broken = dir.path().join("ord.ron");
        std::fs::write(&broken, "(vague_verbz: [])").expect("write");
        let err = load_word_lists_from(None, Some(&broken)).expect_err("refused");
        assert_eq!(err.path, broken);
        let msg = err.message(Lang::Sv);
        assert!(msg.starts_with("Ordlistan ") && msg.contains("ord.ron"), "{msg}");
        assert!(load_word_lists_from(None, Some(&dir.path().join("saknas.ron"))).is_err());
    }
}
