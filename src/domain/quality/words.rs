//! The word lists of the quality check, read from a RON data file, and the
//! questions asked of a text with them (whole words and phrases with Swedish
//! and English inflections; the matching itself is in [`super::phrases`]).
//!
//! The default lists are `data/quality-words.ron`, embedded in the binary. A
//! user file of the same shape is merged on top ([`WordFile::merge`]); reading
//! it from disk is the caller's business, this module only parses text.

use serde::{Deserialize, Serialize};

use super::phrases::PhraseList;
use crate::domain::text;

/// The default word lists, as shipped.
pub const EMBEDDED: &str = include_str!("../../../data/quality-words.ron");

/// The word file as written: every list optional, so a user file can hold
/// only the words it adds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WordFile {
    /// Non-committal verbs ("verka för", "främja", "promote").
    pub vague_verbs: Vec<String>,
    /// Words of change that need a number, level or date ("öka", "minska").
    pub change_words: Vec<String>,
    /// Words that state a level or time ("rikssnittet", "varje år").
    pub level_words: Vec<String>,
    /// Words before a number that make it a name ("årskurs 9", "Agenda 2030").
    pub number_labels: Vec<String>,
    /// Who an effect can be for ("elever", "äldre", "företag").
    pub target_groups: Vec<String>,
    /// Words ignored when matching indicators to sub-goals by shared words.
    pub stopwords: Vec<String>,
    /// Whole target values that are measurable without a number ("ja",
    /// "genomförd", "antagen"): yes/no indicators.
    pub yes_no_targets: Vec<String>,
    /// Entries to drop from every list (for a user file).
    pub remove: Vec<String>,
}

/// A word file that does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct WordsError {
    pub line: usize,
    pub col: usize,
    /// The parser's own (English) description.
    pub message: String,
}

impl WordFile {
    /// Parse the text of a word file (BOM, CRLF and NFC handled).
    pub fn parse(input: &str) -> Result<WordFile, WordsError> {
        let input = text::normalize(input);
        ron::Options::default().from_str::<WordFile>(&input).map_err(|e| WordsError {
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })
    }

    /// Put `other` on top of `self`: its entries are added, then every entry
    /// named in its `remove` is dropped from every list.
    pub fn merge(&mut self, other: WordFile) {
        let WordFile {
            vague_verbs,
            change_words,
            level_words,
            number_labels,
            target_groups,
            stopwords,
            yes_no_targets,
            remove,
        } = other;
        self.vague_verbs.extend(vague_verbs);
        self.change_words.extend(change_words);
        self.level_words.extend(level_words);
        self.number_labels.extend(number_labels);
        self.target_groups.extend(target_groups);
        self.stopwords.extend(stopwords);
        self.yes_no_targets.extend(yes_no_targets);
        let gone: Vec<String> = remove.iter().map(|r| text::fold_key(r)).collect();
        for list in self.lists_mut() {
            list.retain(|e| !gone.contains(&text::fold_key(e)));
        }
        self.remove.extend(remove);
    }

    fn lists_mut(&mut self) -> [&mut Vec<String>; 7] {
        [
            &mut self.vague_verbs,
            &mut self.change_words,
            &mut self.level_words,
            &mut self.number_labels,
            &mut self.target_groups,
            &mut self.stopwords,
            &mut self.yes_no_targets,
        ]
    }

    /// The embedded default file. It is checked by a test; should it ever
    /// fail to parse, the check runs with empty lists rather than crash.
    pub fn embedded() -> WordFile {
        WordFile::parse(EMBEDDED).unwrap_or_default()
    }
}

/// Only the first this many words of a text are checked: answers are a few
/// sentences, and a pasted document must not slow the screen down.
pub const MAX_WORDS: usize = 2000;

/// A text split into lower-case words, ready for the lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    folded: String,
}

impl Words {
    pub fn new(input: &str) -> Words {
        Words { folded: text::fold_key(input) }
    }

    /// The words, at most [`MAX_WORDS`] of them.
    pub fn tokens(&self) -> Vec<&str> {
        if self.folded.is_empty() {
            return Vec::new();
        }
        // Folded text has exactly one space between words: cut at the
        // spaces byte by byte (a space is one byte; quicker here than
        // `split`, which searches for each space anew). Words average more
        // than three letters, so a quarter of the length seldom grows.
        let text = self.folded.as_str();
        let mut tokens = Vec::with_capacity((text.len() / 4 + 1).min(MAX_WORDS));
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b' ' {
                if i > start {
                    tokens.push(&text[start..i]);
                    if tokens.len() == MAX_WORDS {
                        return tokens;
                    }
                }
                start = i + 1;
            }
        }
        if start < text.len() {
            tokens.push(&text[start..]);
        }
        tokens
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }
}

fn is_number(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The compiled word lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordLists {
    vague: PhraseList,
    change: PhraseList,
    level: PhraseList,
    number_labels: PhraseList,
    groups: PhraseList,
    stop: PhraseList,
    yes_no: PhraseList,
    /// Kolada's KPI ids when a catalogue is at hand (see `kolada.rs`).
    kolada: Option<std::sync::Arc<super::kolada::KoladaIndex>>,
}

impl Default for WordLists {
    fn default() -> WordLists {
        WordLists::embedded()
    }
}

impl WordLists {
    pub fn new(file: &WordFile) -> WordLists {
        WordLists {
            vague: PhraseList::new(&file.vague_verbs),
            change: PhraseList::new(&file.change_words),
            level: PhraseList::new(&file.level_words),
            number_labels: PhraseList::new(&file.number_labels),
            groups: PhraseList::new(&file.target_groups),
            stop: PhraseList::new(&file.stopwords),
            yes_no: PhraseList::new(&file.yes_no_targets),
            kolada: None,
        }
    }

    /// These lists with Kolada's KPI ids, for the Kolada findings.
    pub fn with_kolada(mut self, index: Option<super::kolada::KoladaIndex>) -> WordLists {
        self.kolada = index.map(std::sync::Arc::new);
        self
    }

    /// The Kolada ids the check looks up, when a catalogue was given.
    pub fn kolada(&self) -> Option<&super::kolada::KoladaIndex> {
        self.kolada.as_deref()
    }

    /// The shipped lists.
    pub fn embedded() -> WordLists {
        WordLists::new(&WordFile::embedded())
    }

    /// The shipped lists with a user file's text merged on top.
    pub fn with_user_text(user: &str) -> Result<WordLists, WordsError> {
        let mut file = WordFile::embedded();
        file.merge(WordFile::parse(user)?);
        Ok(WordLists::new(&file))
    }

    fn first_match(list: &PhraseList, tokens: &[&str]) -> Option<String> {
        (0..tokens.len()).find_map(|at| list.match_at(tokens, at).map(|p| tokens[at..at + p.words.len()].join(" ")))
    }

    /// The first non-committal verb in the text, as written there.
    pub fn vague_verb(&self, words: &Words) -> Option<String> {
        self.vague_verb_in(&words.tokens())
    }

    /// [`WordLists::vague_verb`] of a text already split by [`Words::tokens`]
    /// (the check asks several questions of one text and splits it once).
    pub(super) fn vague_verb_in(&self, tokens: &[&str]) -> Option<String> {
        WordLists::first_match(&self.vague, tokens)
    }

    /// The first word of change ("öka", "minskade") in the text.
    pub fn change_word(&self, words: &Words) -> Option<String> {
        self.change_word_in(&words.tokens())
    }

    /// [`WordLists::change_word`] of a text already split.
    pub(super) fn change_word_in(&self, tokens: &[&str]) -> Option<String> {
        WordLists::first_match(&self.change, tokens)
    }

    /// True when the text states a number, a level or a date: a number that
    /// is not a name ("årskurs 9"), or a word from the level list.
    pub fn has_level(&self, words: &Words) -> bool {
        self.has_level_in(&words.tokens())
    }

    /// [`WordLists::has_level`] of a text already split.
    pub(super) fn has_level_in(&self, tokens: &[&str]) -> bool {
        let labelled = |at: usize| {
            self.number_labels.phrases.iter().any(|p| at >= p.words.len() && p.matches_at(tokens, at - p.words.len()))
        };
        let number = tokens.iter().enumerate().any(|(at, t)| is_number(t) && !labelled(at));
        number || self.level.any_match(tokens)
    }

    /// True when the whole text is a yes/no target ("Ja", "Genomförd").
    pub fn is_yes_no_target(&self, words: &Words) -> bool {
        let tokens = words.tokens();
        self.yes_no.phrases.iter().any(|p| p.words.len() == tokens.len() && p.matches_at(&tokens, 0))
    }

    /// True when the text names someone it is for ("elever", "äldre").
    pub fn names_target_group(&self, words: &Words) -> bool {
        let tokens = words.tokens();
        self.groups.any_match(&tokens)
    }

    /// The content words of a text, cut to a short stem so that "behöriga"
    /// and "behörighet" meet: words of four letters or more that are not
    /// numbers or stopwords, cut to five letters.
    pub fn content_stems(&self, words: &Words) -> std::collections::BTreeSet<String> {
        let tokens = words.tokens();
        tokens
            .iter()
            .enumerate()
            .filter(|(at, t)| t.chars().count() >= 4 && !is_number(t) && self.stop.match_at(&tokens, *at).is_none())
            .map(|(_, t)| t.chars().take(5).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::phrases::{Phrase, WordPattern, A_ENDINGS, E_ENDINGS, OTHER_ENDINGS};
    use super::*;

    fn lists() -> WordLists {
        WordLists::embedded()
    }

    #[test]
    fn embedded_file_parses_and_has_every_list() {
        let file = WordFile::parse(EMBEDDED).expect("data/quality-words.ron parses");
        for (name, list) in [
            ("vague_verbs", &file.vague_verbs),
            ("change_words", &file.change_words),
            ("level_words", &file.level_words),
            ("number_labels", &file.number_labels),
            ("target_groups", &file.target_groups),
            ("stopwords", &file.stopwords),
            ("yes_no_targets", &file.yes_no_targets),
        ] {
            assert!(list.len() >= 5, "{name} has {} entries", list.len());
        }
        for required in
            ["verka för", "sträva efter", "arbeta för", "bidra till", "främja", "värna", "utveckla", "stärka"]
        {
            assert!(file.vague_verbs.iter().any(|v| v == required), "{required}");
        }
        for required in ["work towards", "strive", "promote"] {
            assert!(file.vague_verbs.iter().any(|v| v == required), "{required}");
        }
        for required in ["öka", "minska", "förbättra", "increase", "reduce", "improve"] {
            assert!(file.change_words.iter().any(|v| v == required), "{required}");
        }
        // Every entry compiles to a pattern.
        for list in [&file.vague_verbs, &file.change_words, &file.level_words, &file.target_groups] {
            for entry in list {
                assert!(Phrase::new(entry).is_some(), "{entry:?}");
            }
        }
    }

    /// The matching as first written: a scan of every entry of a list, and
    /// for a word with any prefix, every place the stem occurs in the token.
    fn reference_matches(w: &WordPattern, token: &str) -> bool {
        let rest_ok = |rest: &str| w.any_suffix || w.endings.contains(&rest);
        if !w.any_prefix {
            return token.strip_prefix(w.stem.as_str()).is_some_and(rest_ok);
        }
        token.match_indices(w.stem.as_str()).any(|(at, _)| rest_ok(&token[at + w.stem.len()..]))
    }

    #[test]
    fn indexed_matching_agrees_with_a_scan_of_every_entry() {
        let mut file = WordFile::embedded();
        // Entries a user might add: a star at either end, a non-ASCII first
        // letter, one beyond Latin-1 (looked up in another table).
        file.merge(WordFile {
            vague_verbs: vec!["*öka*".into(), "Ökat fokus".into(), "*ansvar".into(), "é*".into(), "œuvre".into()],
            ..WordFile::default()
        });
        let lists = WordLists::new(&file);
        let all: Vec<&PhraseList> =
            vec![&lists.vague, &lists.change, &lists.level, &lists.number_labels, &lists.groups, &lists.stop];
        // Tokens built from a stem: with each ending, after a prefix, cut short.
        let built = |stem: &str| -> Vec<String> {
            let mut out = Vec::new();
            for ending in A_ENDINGS.iter().chain(E_ENDINGS).chain(OTHER_ENDINGS).chain(&["xyz", "are"]) {
                for prefix in ["", "o", "gymnasie", "ö"] {
                    out.push(format!("{prefix}{stem}{ending}"));
                }
            }
            out.push(stem.chars().skip(1).collect());
            out.push(format!("{stem}{stem}"));
            out
        };
        let words: Vec<&WordPattern> = all.iter().flat_map(|l| &l.phrases).flat_map(|p| &p.words).collect();
        let mut tokens: Vec<String> = vec!["x".into(), "9".into(), "2029".into(), "é".into(), "žluť".into()];
        tokens.extend(words.iter().flat_map(|w| built(&w.stem)).step_by(13));
        // Each word against the tokens built from its own stem and a sample of the others.
        for w in &words {
            for t in built(&w.stem).iter().chain(&tokens) {
                assert_eq!(w.matches(t), reference_matches(w, t), "{w:?} {t:?}");
            }
        }
        // Texts of consecutive tokens, so that phrases of several words match too.
        let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let phrase_tokens: Vec<String> = all
            .iter()
            .flat_map(|l| &l.phrases)
            .flat_map(|p| p.words.iter().map(|w| format!("{}{}", w.stem, w.endings[0])))
            .collect();
        let phrase_refs: Vec<&str> = phrase_tokens.iter().map(String::as_str).collect();
        let mut several = 0;
        for text in [&refs[..], &phrase_refs[..]] {
            for list in &all {
                for at in 0..text.len() {
                    let scan = list.phrases.iter().find(|p| {
                        text.len() >= at + p.words.len()
                            && p.words.iter().zip(&text[at..]).all(|(w, t)| reference_matches(w, t))
                    });
                    assert_eq!(list.match_at(text, at), scan, "at {at}: {:?}", text[at]);
                    several += scan.is_some_and(|p| p.words.len() > 1) as usize;
                }
            }
        }
        assert!(several > 10, "phrases of several words matched {several} times");
    }

    #[test]
    fn swedish_inflections_match() {
        let l = lists();
        for text in ["Kommunen främjar hälsa", "Tryggheten stärks", "Vi har främjat", "Det värnas om miljön"] {
            assert!(l.vague_verb(&Words::new(text)).is_some(), "{text}");
        }
        for (text, want) in [("Ökad trygghet", "ökad"), ("Kostnaderna minskade", "minskade"), ("En ökning", "ökning")]
        {
            assert_eq!(l.change_word(&Words::new(text)).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn decomposed_letters_match_like_composed_ones() {
        let l = lists();
        assert_eq!(l.change_word(&Words::new("O\u{308}kad trygghet")).as_deref(), Some("ökad"));
        let user =
            WordLists::with_user_text("(vague_verbs: [\"kraftsamla kring fo\u{308}reningar\"])").expect("parses");
        assert!(user.vague_verb(&Words::new("Vi ska KRAFTSAMLA kring föreningarna")).is_some());
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_the_words_between_spaces(text in "[a-zåäö0-9 ,.!\u{301}\n-]{0,80}") {
            let words = Words::new(&text);
            let split: Vec<&str> = words.folded.split(' ').filter(|t| !t.is_empty()).take(MAX_WORDS).collect();
            proptest::prop_assert_eq!(words.tokens(), split);
        }
    }

    #[test]
    fn a_pasted_document_is_cut_to_max_words() {
        let long = format!("{} främja", "ord ".repeat(MAX_WORDS));
        let words = Words::new(&long);
        assert_eq!(words.tokens().len(), MAX_WORDS);
        assert_eq!(lists().vague_verb(&words), None);
        let t = std::time::Instant::now();
        let huge = Words::new(&"öka trygghet för elever i årskurs 9 ".repeat(10_000));
        let l = lists();
        let _ = (l.vague_verb(&huge), l.change_word(&huge), l.has_level(&huge), l.content_stems(&huge));
        assert!(t.elapsed() < std::time::Duration::from_secs(5), "{:?}", t.elapsed());
    }

    #[test]
    fn yes_no_targets_are_whole_values() {
        let l = lists();
        for yes in ["Ja", "genomförd", "Antagen", "Yes"] {
            assert!(l.is_yes_no_target(&Words::new(yes)), "{yes}");
        }
        for no in ["Ja, om pengar finns", "högre", ""] {
            assert!(!l.is_yes_no_target(&Words::new(no)), "{no}");
        }
    }

    #[test]
    fn whole_words_only() {
        let l = lists();
        // "öken" and "sekund" contain list words but are other words.
        assert_eq!(l.change_word(&Words::new("Öknen och stärkelsen")), None);
        assert!(!l.names_target_group(&Words::new("inom en sekund, relevant")));
        assert!(l.names_target_group(&Words::new("Gymnasieeleverna klarar sig")));
        assert!(l.names_target_group(&Words::new("Kommuninvånarnas hälsa")));
        assert_eq!(l.vague_verb(&Words::new("Barn och ungas utveckling")), None);
    }

    #[test]
    fn phrases_match_consecutive_words() {
        let l = lists();
        assert_eq!(l.vague_verb(&Words::new("Kommunen ska verka för")).as_deref(), Some("verka för"));
        assert_eq!(l.vague_verb(&Words::new("Vi strävar efter mer")).as_deref(), Some("strävar efter"));
        assert_eq!(l.vague_verb(&Words::new("verka i kommunen för")), None);
    }

    #[test]
    fn levels_numbers_and_names() {
        let l = lists();
        assert!(l.has_level(&Words::new("öka till 90 %")));
        assert!(l.has_level(&Words::new("högre än rikssnittet")));
        assert!(!l.has_level(&Words::new("öka andelen i årskurs 9")));
        assert!(!l.has_level(&Words::new("i linje med Agenda 2030")));
        assert!(l.has_level(&Words::new("årskurs 9 ska öka till 90")));
    }

    #[test]
    fn user_file_adds_and_removes() {
        let l = WordLists::with_user_text("(vague_verbs: [\"lyfta\"], remove: [\"utveckla\"])").expect("parses");
        assert!(l.vague_verb(&Words::new("Vi ska lyfta skolan")).is_some());
        assert_eq!(l.vague_verb(&Words::new("Vi ska utveckla skolan")), None);
        assert!(l.vague_verb(&Words::new("Vi ska främja skolan")).is_some());
    }

    #[test]
    fn bad_user_file_reports_position() {
        let err = WordLists::with_user_text("(vague_verbz: [])").expect_err("unknown field");
        assert_eq!(err.line, 1);
        let err = WordLists::with_user_text("(\n vague_verbs: [\"a\" \"b\"])").expect_err("missing comma");
        assert_eq!(err.line, 2);
    }
}
