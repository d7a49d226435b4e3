//! Reading numbers and years the way groups type them: "85 %", "85,5",
//! "1 200", "≥ 90", "minst 90", "år 2029", "2027/28".

/// Comparison words and signs allowed before a number (lower case).
const COMPARATORS: &[&str] = &[
    "≥",
    "≤",
    ">=",
    "<=",
    "=>",
    "=<",
    ">",
    "<",
    "=",
    "~",
    "≈",
    "±",
    "minst",
    "högst",
    "max.",
    "max",
    "min.",
    "min",
    "över",
    "under",
    "mer än",
    "mindre än",
    "fler än",
    "färre än",
    "lägst",
    "cirka",
    "ca.",
    "ca",
    "omkring",
    "ungefär",
    "upp till",
    "at least",
    "at most",
    "more than",
    "less than",
    "above",
    "below",
    "approx.",
    "approximately",
    "about",
    "up to",
];

/// Spaces that may separate groups of thousands.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// `s` without `prefix` when its first characters are `prefix` (lower case)
/// in any case, compared character by character without a copy ("Minst 90"
/// → " 90" for "minst"). A character whose lower case is more than one
/// character never matches (no comparator holds such a sequence).
fn strip_prefix_lowercase<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = s.chars();
    for expected in prefix.chars() {
        let c = chars.next()?;
        if c != expected {
            let mut lower = c.to_lowercase();
            if lower.next() != Some(expected) || lower.next().is_some() {
                return None;
            }
        }
    }
    Some(chars.as_str())
}

/// Strip leading comparison words/signs and whitespace.
fn strip_comparators(mut s: &str) -> &str {
    loop {
        let before = s;
        s = s.trim_start();
        // No comparator starts with a digit: the common case, "80".
        if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return s;
        }
        for cmp in COMPARATORS {
            let Some(rest) = strip_prefix_lowercase(s, cmp) else { continue };
            let word_like = cmp.chars().last().is_some_and(char::is_alphabetic);
            if word_like && rest.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            s = rest;
            break;
        }
        if s.len() == before.len() {
            return s;
        }
    }
}

/// The number at the start of `s` (after comparison words), and the text
/// after it. `None` when the text does not start with a number.
pub fn parse_number(s: &str) -> Option<(f64, &str)> {
    let s = strip_comparators(s.trim());
    let (negative, s) = match s.chars().next() {
        Some(c @ ('-' | '−' | '–' | '+')) => (c != '+', s[c.len_utf8()..].trim_start()),
        _ => (false, s),
    };
    // Digits are single bytes, so positions are byte offsets into `s`.
    let bytes = s.as_bytes();
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while digit(i) {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    // The number as Rust reads it, built only when it differs from the text
    // (groups of thousands, a decimal comma).
    let mut digits: Option<String> = None;
    // Groups of thousands: a space followed by exactly three digits.
    while let Some(space) = s[i..].chars().next().filter(|&c| is_group_space(c)) {
        let at = i + space.len_utf8();
        if !(digit(at) && digit(at + 1) && digit(at + 2) && !digit(at + 3)) {
            break;
        }
        digits.get_or_insert_with(|| s[..i].to_string()).push_str(&s[at..at + 3]);
        i = at + 3;
    }
    // A decimal part: a comma or point followed by digits.
    if matches!(bytes.get(i), Some(b',' | b'.')) && digit(i + 1) {
        let start = i + 1;
        let mut end = start;
        while digit(end) {
            end += 1;
        }
        if bytes[i] == b',' || digits.is_some() {
            let d = digits.get_or_insert_with(|| s[..i].to_string());
            d.push('.');
            d.push_str(&s[start..end]);
        }
        i = end;
    }
    let value: f64 = match &digits {
        Some(d) => d.parse().ok()?,
        None => s[..i].parse().ok()?,
    };
    let rest = &s[i..];
    Some((if negative { -value } else { value }, rest))
}

/// The first four-digit year (1900–2100) in `s`: "2029", "år 2029", "2027/28".
pub fn parse_year(s: &str) -> Option<i32> {
    let mut run = String::new();
    let mut runs = Vec::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.into_iter().filter(|r| r.len() == 4).filter_map(|r| r.parse::<i32>().ok()).find(|y| (1900..=2100).contains(y))
}

/// The year of a value: its own year field, else a year written after the
/// number in the value ("90 % år 2029", "82 % (2026)").
pub fn year_of(value: &str, year: &str) -> Option<i32> {
    parse_year(year).or_else(|| parse_number(value).and_then(|(_, rest)| parse_year(rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_groups_type_them() {
        let cases: &[(&str, Option<f64>)] = &[
            ("85 %", Some(85.0)),
            ("85,5", Some(85.5)),
            ("85.5 %", Some(85.5)),
            ("1 200", Some(1200.0)),
            ("1\u{a0}200 000 kr", Some(1_200_000.0)),
            ("≥ 90", Some(90.0)),
            (">=90%", Some(90.0)),
            ("minst 90 %", Some(90.0)),
            ("Högst 3 dagar", Some(3.0)),
            ("-5 %", Some(-5.0)),
            ("−0,5 procentenheter", Some(-0.5)),
            ("ca 40", Some(40.0)),
            ("at least 75", Some(75.0)),
            ("3 av 4", Some(3.0)),
            ("90 2029", Some(90.0)),
            ("Högre än rikssnittet", None),
            ("öka", None),
            ("", None),
            ("minsta möjliga", None),
            ("maxnivå", None),
            ("Bättre än 2025", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_number(text).map(|(v, _)| v), *want, "{text:?}");
        }
    }

    /// The comparison as first written: the first characters of `s`, as
    /// many as the comparator has, lower-cased into a new string.
    fn reference_strip(s: &str, cmp: &str) -> Option<usize> {
        let n = cmp.chars().count();
        let end = s.char_indices().nth(n).map_or(s.len(), |(at, _)| at);
        (s[..end].chars().count() == n && s[..end].to_lowercase() == cmp).then_some(end)
    }

    #[test]
    fn no_comparator_starts_with_a_digit() {
        assert!(COMPARATORS.iter().all(|c| !c.starts_with(|c: char| c.is_ascii_digit())));
    }

    #[test]
    fn comparators_match_in_any_case_as_the_lower_cased_copy_did() {
        let texts = [
            "Minst 90",
            "MINST 90",
            "mInSt",
            "Högst 3",
            "HÖGST",
            "Ca. 5",
            "CA 5",
            "Mer Än 5",
            "MER ÄN",
            "≥ 90",
            "=>9",
            "İnst",
            "minsT",
            "min",
            "mi",
            "",
            "ÅÄÖ",
            "Upp Till 7",
            "UP TO",
            "Approx. 4",
            "ΣΣ",
            "ß",
            "ẞ",
        ];
        for s in texts {
            for cmp in COMPARATORS {
                let ours = strip_prefix_lowercase(s, cmp).map(|rest| s.len() - rest.len());
                assert_eq!(ours, reference_strip(s, cmp), "{s:?} {cmp:?}");
            }
        }
    }

    /// The parse as first written (a vector of characters, a string of
    /// digits always built), after the comparators are stripped.
    fn reference_parse(s: &str) -> Option<(f64, &str)> {
        let s = strip_comparators(s.trim());
        let (negative, s) = match s.chars().next() {
            Some(c @ ('-' | '−' | '–' | '+')) => (c != '+', s[c.len_utf8()..].trim_start()),
            _ => (false, s),
        };
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        let mut digits = String::new();
        while i < chars.len() && chars[i].1.is_ascii_digit() {
            digits.push(chars[i].1);
            i += 1;
        }
        if digits.is_empty() {
            return None;
        }
        while i < chars.len()
            && is_group_space(chars[i].1)
            && (1..=3).all(|k| chars.get(i + k).is_some_and(|c| c.1.is_ascii_digit()))
            && !chars.get(i + 4).is_some_and(|c| c.1.is_ascii_digit())
        {
            for k in 1..=3 {
                digits.push(chars[i + k].1);
            }
            i += 4;
        }
        if i + 1 < chars.len() && matches!(chars[i].1, ',' | '.') && chars[i + 1].1.is_ascii_digit() {
            digits.push('.');
            i += 1;
            while i < chars.len() && chars[i].1.is_ascii_digit() {
                digits.push(chars[i].1);
                i += 1;
            }
        }
        let value: f64 = digits.parse().ok()?;
        let rest = chars.get(i).map_or("", |&(at, _)| &s[at..]);
        Some((if negative { -value } else { value }, rest))
    }

    proptest::proptest! {
        #[test]
        fn numbers_parse_as_the_first_version_did(s in "[0-9 ,.\u{a0}\u{202f}\u{2009}%≥–a-zå]{0,16}") {
            proptest::prop_assert_eq!(parse_number(&s), reference_parse(&s));
        }
    }

    #[test]
    fn rest_after_number() {
        assert_eq!(parse_number("90 % år 2029").map(|(_, r)| r), Some(" % år 2029"));
        assert_eq!(parse_number("1 200").map(|(_, r)| r), Some(""));
    }

    #[test]
    fn years() {
        assert_eq!(parse_year("2029"), Some(2029));
        assert_eq!(parse_year(" år 2029 "), Some(2029));
        assert_eq!(parse_year("2027/28"), Some(2027));
        assert_eq!(parse_year("29"), None);
        assert_eq!(parse_year("12000"), None);
        assert_eq!(parse_year("1850"), None);
        assert_eq!(parse_year(""), None);
        assert_eq!(year_of("90 % år 2029", ""), Some(2029));
        assert_eq!(year_of("82 % (2026)", ""), Some(2026));
        assert_eq!(year_of("2029", ""), None);
        assert_eq!(year_of("90 %", "2028"), Some(2028));
    }
}
