//! The entries of the word lists compiled for matching: each word of an
//! entry as a stem with the endings it may take ([`WordPattern`]), an entry
//! as consecutive words ([`Phrase`]), and a list indexed by first character
//! ([`PhraseList`]). [`super::words`] reads the lists and asks the questions.

use std::collections::HashMap;

use crate::domain::text;

/// Endings after a word that ended in -a (Swedish verbs and adjectives:
/// främja → främjar, främjas, främjade; stärka → stärker, stärks, stärkt).
pub(super) const A_ENDINGS: &[&str] = &[
    "a", "ar", "as", "ad", "ade", "ades", "ads", "at", "ats", "ande", "er", "e", "s", "t", "te", "tes", "ts", "ta",
    "d", "de", "da",
];
/// Endings after a word that ended in -e (English verbs, Swedish agent nouns:
/// promote → promotes, promoted, promoting, promotion; brukare → brukarna).
pub(super) const E_ENDINGS: &[&str] =
    &["e", "es", "ed", "ing", "ion", "ions", "tion", "ement", "ements", "na", "nas", "ns", "n", "s"];
/// Endings after any other word (nouns and English verbs:
/// elev → elever, eleverna; företag → företagen; work → works, working).
pub(super) const OTHER_ENDINGS: &[&str] = &[
    "", "s", "es", "ed", "ing", "en", "ens", "et", "ets", "er", "erna", "ernas", "ers", "ar", "arna", "arnas", "na",
    "nas", "n", "ns",
];

/// One word of an entry, ready to match a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct WordPattern {
    pub(super) stem: String,
    pub(super) any_prefix: bool,
    pub(super) any_suffix: bool,
    pub(super) endings: &'static [&'static str],
    /// The stem's first bytes (up to eight) as an integer and the mask of
    /// those bytes: a token that does not start with them is turned away
    /// with one comparison instead of a string comparison.
    head: u64,
    head_mask: u64,
}

/// The first eight bytes of `s` as an integer (zero-padded).
fn head_of(s: &str) -> u64 {
    let s = s.as_bytes();
    if let Some(first) = s.first_chunk::<8>() {
        return u64::from_le_bytes(*first);
    }
    let mut bytes = [0u8; 8];
    for (to, from) in bytes.iter_mut().zip(s) {
        *to = *from;
    }
    u64::from_le_bytes(bytes)
}

impl WordPattern {
    fn new(word: &str) -> Option<WordPattern> {
        let any_prefix = word.starts_with('*');
        let any_suffix = word.len() > 1 && word.ends_with('*');
        let bare = word.trim_matches('*');
        if bare.is_empty() {
            return None;
        }
        let (stem, endings) = if any_suffix {
            (bare.to_string(), OTHER_ENDINGS)
        } else if let Some(stem) = bare.strip_suffix('a').filter(|s| !s.is_empty()) {
            (stem.to_string(), A_ENDINGS)
        } else if let Some(stem) = bare.strip_suffix('e').filter(|s| !s.is_empty()) {
            (stem.to_string(), E_ENDINGS)
        } else {
            (bare.to_string(), OTHER_ENDINGS)
        };
        let n = stem.len().min(8);
        let head_mask = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
        Some(WordPattern { head: head_of(&stem), head_mask, stem, any_prefix, any_suffix, endings })
    }

    pub(super) fn matches(&self, token: &str) -> bool {
        let stem = self.stem.as_str();
        match (self.any_prefix, self.any_suffix) {
            // A filter only: what passes it is compared in full.
            (false, _) if head_of(token) & self.head_mask != self.head => false,
            (false, _) => token.strip_prefix(stem).is_some_and(|rest| self.any_suffix || self.endings.contains(&rest)),
            (true, true) => token.contains(stem),
            // The stem somewhere, followed by one of the endings to the end
            // of the token: the token ends with the stem and an ending.
            (true, false) => self
                .endings
                .iter()
                .any(|ending| token.strip_suffix(ending).is_some_and(|before| before.ends_with(stem))),
        }
    }
}

/// An entry of a list: one or more words matched as consecutive tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Phrase {
    pub(super) words: Vec<WordPattern>,
}

impl Phrase {
    pub(super) fn new(entry: &str) -> Option<Phrase> {
        // fold_key would drop the '*' markers; lower-case and split by hand.
        let lowered = text::to_nfc(entry.to_lowercase());
        let words: Option<Vec<WordPattern>> = lowered.split_whitespace().map(WordPattern::new).collect();
        words.filter(|w| !w.is_empty()).map(|words| Phrase { words })
    }

    /// Where the phrase matches `tokens`, starting at `at`.
    pub(super) fn matches_at(&self, tokens: &[&str], at: usize) -> bool {
        tokens.len() >= at + self.words.len() && self.words.iter().zip(&tokens[at..]).all(|(w, t)| w.matches(t))
    }
}

/// The compiled entries of one list, indexed by the first character of
/// their first word so that a token is only tried against the entries that
/// can match it. Candidates keep the list's order, so "the first entry that
/// matches" is the same as in a scan of the whole list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct PhraseList {
    pub(super) phrases: Vec<Phrase>,
    /// Per first character of a first word's stem: the entries starting with
    /// it and the entries whose first word takes any prefix, in list order.
    /// Characters below U+0100 (ASCII and Latin-1, so åäö too) are looked up
    /// by position in `by_latin1`, every other one in `by_first`: the lookup
    /// runs for every word of every text against every list.
    by_latin1: Vec<Option<Vec<Candidate>>>,
    by_first: HashMap<char, Vec<Candidate>>,
    /// The entries whose first word takes any prefix ("*invånare"): the only
    /// candidates for a token whose first character starts no entry.
    any_prefix: Vec<Candidate>,
}

/// An entry as the index holds it: the head of its first word beside its
/// position, so that most entries are turned away without reading them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Candidate {
    head: u64,
    /// Zero for a first word that takes any prefix (every token passes).
    head_mask: u64,
    phrase: usize,
}

impl PhraseList {
    pub(super) fn new(entries: &[String]) -> PhraseList {
        let phrases: Vec<Phrase> = entries.iter().filter_map(|e| Phrase::new(e)).collect();
        let first = |p: &Phrase| if p.words[0].any_prefix { None } else { p.words[0].stem.chars().next() };
        let candidate = |i: usize| {
            let w = &phrases[i].words[0];
            let head_mask = if w.any_prefix { 0 } else { w.head_mask };
            Candidate { head: w.head & head_mask, head_mask, phrase: i }
        };
        let any_prefix: Vec<Candidate> =
            (0..phrases.len()).filter(|&i| first(&phrases[i]).is_none()).map(candidate).collect();
        let starting_with = |c: char| -> Vec<Candidate> {
            (0..phrases.len()).filter(|&i| first(&phrases[i]).is_none_or(|f| f == c)).map(candidate).collect()
        };
        let mut by_latin1: Vec<Option<Vec<Candidate>>> = vec![None; 256];
        let mut by_first: HashMap<char, Vec<Candidate>> = HashMap::new();
        for c in phrases.iter().filter_map(first) {
            match by_latin1.get_mut(c as usize) {
                Some(slot) => {
                    slot.get_or_insert_with(|| starting_with(c));
                }
                None => {
                    by_first.entry(c).or_insert_with(|| starting_with(c));
                }
            }
        }
        PhraseList { phrases, by_latin1, by_first, any_prefix }
    }

    /// The entries that may match a phrase starting with `token`, in list order.
    fn candidates(&self, token: &str) -> &[Candidate] {
        let indices = match token.chars().next() {
            Some(c) if (c as u32) < 256 => self.by_latin1.get(c as usize).and_then(Option::as_ref),
            Some(c) => self.by_first.get(&c),
            None => None,
        };
        indices.unwrap_or(&self.any_prefix)
    }

    /// The first entry (in list order) that matches at `at`.
    pub(super) fn match_at(&self, tokens: &[&str], at: usize) -> Option<&Phrase> {
        let head = head_of(tokens[at]);
        self.candidates(tokens[at])
            .iter()
            .filter(|c| head & c.head_mask == c.head)
            .map(|c| &self.phrases[c.phrase])
            .find(|p| p.matches_at(tokens, at))
    }

    /// True when some entry matches somewhere in `tokens`.
    pub(super) fn any_match(&self, tokens: &[&str]) -> bool {
        (0..tokens.len()).any(|at| self.match_at(tokens, at).is_some())
    }
}
