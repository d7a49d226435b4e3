//! Folding a text the way the Kolada search compares it: a leaf that both
//! the catalogue's prepared titles and the search use.

/// A text as the search compares it: lower case, letters with diacritics
/// folded (å ä ö é ü → a a o e u, by nucleo's table), and any other
/// character that is not ASCII (a dash, ≥) read as a space. Always ASCII.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            let c = nucleo_matcher::chars::normalize(c);
            if c.is_ascii() {
                c
            } else {
                ' '
            }
        })
        .collect()
}
