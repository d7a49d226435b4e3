//! The cleaning every text of the export's document model goes through
//! ([`clean`]): NFC, LF line ends, no control characters, no noncharacters
//! XML cannot hold, no surrounding whitespace; borrowed when it only needs
//! trimming, as nearly every text does.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized};

use crate::domain::text;

/// Normalise a text from the model for every format: NFC, LF, no control
/// characters other than newline and tab, U+FFFE and U+FFFF replaced (XML
/// cannot hold them), no surrounding whitespace.
/// Borrowed (trimmed) when nothing else needs doing, as for most texts.
/// (The result is the document's `doc::Text`; named as `Cow` here so that
/// this module stays a leaf that `doc` and `quality` both import.)
pub fn clean(s: &str) -> Cow<'_, str> {
    if only_needs_trimming(s) {
        Cow::Borrowed(s.trim())
    } else {
        Cow::Owned(clean_slow(s))
    }
}

/// [`clean`] of a text built for the document (a message, a label): no
/// copy when it only needs trimming at the end or nothing at all.
pub fn clean_owned(mut s: String) -> String {
    if !only_needs_trimming(&s) {
        return clean_slow(&s);
    }
    let end = s.trim_end().len();
    s.truncate(end);
    match s.len() - s.trim_start().len() {
        0 => s,
        start => s[start..].to_string(),
    }
}

/// The two noncharacters XML 1.0 cannot hold (the other characters it
/// cannot hold are controls, removed anyway); Word and Excel refuse a file
/// with them, so they become U+FFFD.
const NONCHARACTERS: [char; 2] = ['\u{fffe}', '\u{ffff}'];

fn clean_slow(s: &str) -> String {
    let s = text::normalize(s);
    let s = if s.contains(NONCHARACTERS) { s.replace(NONCHARACTERS, "\u{fffd}") } else { s };
    let s = if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        s.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t').collect()
    } else {
        s
    };
    s.trim().to_string()
}

/// True when [`clean`] would only trim `s`: no control character other than
/// newline and tab (C0, DEL, and C1, which UTF-8 writes as 0xC2 0x80–0x9F),
/// no leading BOM, and NFC. Characters below U+0300 (where the combining
/// marks begin; their lead bytes are below 0xCC) cannot break NFC, so the
/// quick check runs only from the first character above (a dash, a
/// quotation mark, an emoji): the characters before it are all "yes" with
/// combining class 0, which the check would have passed over.
fn only_needs_trimming(s: &str) -> bool {
    let bytes = s.as_bytes();
    // Most texts are printable ASCII and Swedish letters: check 32 bytes at
    // a time without branching (the compiler vectorises it), and look at
    // each byte only when a chunk holds something to look at.
    // Once a character from U+0300 on is found, only controls matter.
    let control = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7f) | (b == 0xc2);
    let suspect = |b: u8| control(b) | (b >= 0xcc);
    let mut high = None;
    for (n, chunk) in bytes.chunks(32).enumerate() {
        let look = match high {
            None => chunk.iter().fold(false, |acc, &b| acc | suspect(b)),
            Some(_) => chunk.iter().fold(false, |acc, &b| acc | control(b)),
        };
        if !look {
            continue;
        }
        for (k, &b) in chunk.iter().enumerate() {
            let i = n * 32 + k;
            match b {
                b'\n' | b'\t' => {}
                0..0x20 | 0x7f => return false,
                0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return false,
                0xcc.. if high.is_none() => high = Some(i),
                _ => {}
            }
        }
    }
    match high {
        None => true,
        Some(at) => {
            !s.starts_with('\u{feff}')
                && !s[at..].contains(NONCHARACTERS)
                && is_nfc_quick(s[at..].chars()) == IsNormalized::Yes
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_controls_and_keeps_newlines() {
        assert_eq!(clean(" a\u{0}b\r\nc\u{1b}[31m\t "), "ab\nc[31m");
    }

    #[test]
    fn the_fast_path_of_clean_agrees_with_the_full_one() {
        let full = |s: &str| {
            let s = text::normalize(s).replace(['\u{fffe}', '\u{ffff}'], "\u{fffd}");
            let s: String = s.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t').collect();
            s.trim().to_string()
        };
        let mut samples: Vec<String> = [
            "",
            " å ä ö ",
            "a\tb\nc",
            "ÅÄÖ é ü ß – “x” …",
            "\u{feff}bom",
            " \u{feff}bom",
            "a\r\nb",
            "– e\u{301} –",
            "😀\u{85}x",
            "Å\u{30a}",
            "– a\u{301}",
            "a – =\u{338}",
            "“citat” – e\u{301}",
            "\u{2126} ohm",
            "x\u{fffe}y\u{ffff}",
            "– \u{ffff}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every character below U+0300 and a few above, alone and between letters.
        for c in (0u32..0x320).chain([0x2028, 0x200b, 0xfeff, 0x1f600]).filter_map(char::from_u32) {
            samples.push(format!("a{c}b"));
            samples.push(format!("{c}"));
            samples.push(format!("o{c}"));
            // Beyond the first 32-byte chunk, and across a chunk's edge.
            samples.push(format!("{}{c}{}", "a".repeat(40), "b".repeat(40)));
            samples.push(format!("{}{c}b", "å".repeat(31)));
        }
        for s in &samples {
            assert_eq!(clean(s), full(s), "{s:?}");
            assert_eq!(clean_owned(s.clone()), full(s), "{s:?}");
            if only_needs_trimming(s) {
                assert!(s.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'), "{s:?}");
            }
        }
    }
}
