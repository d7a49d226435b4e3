//! Text normalisation applied to everything that comes in: typed, pasted or loaded.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC, CRLF/CR to LF, a leading BOM removed.
pub fn normalize(input: &str) -> String {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let unified =
        if input.contains('\r') { input.replace("\r\n", "\n").replace('\r', "\n") } else { input.to_string() };
    to_nfc(unified)
}

/// NFC only, without copying when the text is already NFC.
pub fn to_nfc(s: String) -> String {
    if is_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}

/// True when `s` is known to be NFC without composing it: every character
/// below U+0300, or the quick check says so.
fn is_nfc(s: &str) -> bool {
    below_combining_marks(s) || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// True when every character is below U+0300, where the combining marks
/// begin: such a text (ASCII, Latin-1, åäö…) is NFC as it stands. A byte
/// test (lead bytes of U+0300 and above are 0xCC or more; continuation bytes
/// are below), much cheaper than the quick check's table lookups.
fn below_combining_marks(s: &str) -> bool {
    s.bytes().fold(0, u8::max) < 0xCC
}

/// Lower-case, NFC, punctuation removed and whitespace collapsed: the form in
/// which two texts are "the same words".
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_key_into(s, &mut out);
    out
}

/// [`fold_key`], appended to `out`.
pub fn fold_key_into(s: &str, out: &mut String) {
    // NFC texts (nearly all: input is normalised as it comes in) are folded
    // as they stand; the composing iterator is for the rest.
    if is_nfc(s) {
        fold_chars(out, s.chars())
    } else {
        fold_chars(out, s.nfc())
    }
}

/// Fold characters into `out`: ASCII and Latin-1 letters lower-cased
/// directly, any other character through Unicode's lower case; a space
/// between runs of letters and digits, nothing else.
fn fold_chars(out: &mut String, chars: impl Iterator<Item = char>) {
    let start = out.len();
    let mut space = false;
    let mut push = |c: char, alphanumeric: bool| {
        if alphanumeric {
            if space && out.len() > start {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    };
    for c in chars {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), c.is_ascii_alphanumeric());
        } else if let Some(l) = latin1_letter_lowercase(c) {
            push(l, true);
        } else {
            for l in c.to_lowercase() {
                push(l, l.is_alphanumeric());
            }
        }
    }
}

/// The lower case of a letter from À to ÿ (åäö and the like), without the
/// Unicode tables; `None` for any other character (× and ÷ too).
fn latin1_letter_lowercase(c: char) -> Option<char> {
    match c {
        'À'..='Þ' if c != '×' => char::from_u32(c as u32 + 0x20),
        'ß'..='ÿ' if c != '÷' => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_composes_and_unifies_newlines() {
        assert_eq!(normalize("\u{feff}a\u{0308}\r\nb\rc"), "ä\nb\nc");
    }

    #[test]
    fn every_character_below_u0300_is_nfc_and_the_byte_test_agrees() {
        for c in (0u32..0x300).filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{c:?}");
            assert!(below_combining_marks(&s), "{c:?}");
        }
        for c in ['\u{300}', '\u{308}', '\u{212b}', '\u{feff}', '\u{10348}'] {
            assert!(!below_combining_marks(&format!("a{c}")), "{c:?}");
        }
        assert_eq!(fold_key("O\u{308}KA, läs!"), fold_key("öka läs"));
    }

    /// The shortcut for À to ÿ gives what the Unicode tables give.
    #[test]
    fn the_latin1_shortcut_agrees_with_unicode() {
        for c in (0x80u32..0x200).filter_map(char::from_u32) {
            let unicode = (c.is_alphabetic() && c.to_lowercase().count() == 1).then(|| c.to_lowercase().next());
            match latin1_letter_lowercase(c) {
                Some(l) => assert_eq!(unicode, Some(Some(l)), "{c:?}"),
                None => assert!(!('À'..='ÿ').contains(&c) || !c.is_alphanumeric(), "{c:?}"),
            }
        }
        assert_eq!(fold_key("ÅÄÖ, Ære og Øl; 3×4 ÷ ßÿ"), "åäö ære og øl 3 4 ßÿ");
    }

    proptest::proptest! {
        #[test]
        fn folding_as_it_stands_agrees_with_folding_the_composed_text(
            s in "[a-zA-Z0-9 ,.\n\t–“”…åäöÅÄÖéİΣσẞ\u{301}\u{308}😀-]{0,40}"
        ) {
            let mut reference = String::new();
            fold_chars(&mut reference, s.nfc());
            proptest::prop_assert_eq!(fold_key(&s), reference);
        }
    }

    #[test]
    fn fold_key_ignores_case_space_and_punctuation() {
        assert_eq!(fold_key("  Öka andelen, elever! "), fold_key("öka Andelen elever"));
        assert_ne!(fold_key("öka"), fold_key("oka"));
    }
}
