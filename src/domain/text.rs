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
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

/// Lower-case, NFC, punctuation removed and whitespace collapsed: the form in
/// which two texts are "the same words".
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_composes_and_unifies_newlines() {
        assert_eq!(normalize("\u{feff}a\u{0308}\r\nb\rc"), "ä\nb\nc");
    }

    #[test]
    fn fold_key_ignores_case_space_and_punctuation() {
        assert_eq!(fold_key("  Öka andelen, elever! "), fold_key("öka Andelen elever"));
        assert_ne!(fold_key("öka"), fold_key("oka"));
    }
}
