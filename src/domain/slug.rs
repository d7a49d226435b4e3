//! File-name slugs: ASCII, safe on every file system, never a path.

use unicode_normalization::UnicodeNormalization;

/// Longest slug we produce (well under every file system's name limit, with
/// room for suffixes such as `-12.ron.bak`).
pub const MAX_SLUG: usize = 60;

const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "workshop", "outline",
];

/// Turn any name into `[a-z0-9-]+`: å→a, ö→o, é→e, ß→ss, everything else
/// that is not a letter or digit becomes a dash. Never empty (falls back to
/// `fallback`), never longer than [`MAX_SLUG`], never a reserved device name.
pub fn slugify(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.nfkd() {
        let mapped: &str = match c {
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'ø' | 'Ø' => "o",
            'đ' | 'Đ' => "d",
            'ł' | 'Ł' => "l",
            'þ' | 'Þ' => "th",
            _ => "",
        };
        if !mapped.is_empty() {
            out.push_str(mapped);
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            // the accent of a decomposed letter: drop it, keep the base letter
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut slug: String = out.trim_matches('-').to_string();
    if slug.len() > MAX_SLUG {
        slug.truncate(MAX_SLUG);
        slug = slug.trim_end_matches('-').to_string();
    }
    if slug.is_empty() {
        slug = fallback.to_string();
    }
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-1");
    }
    slug
}

/// A slug for `name` that is not in `taken` (compared case-insensitively),
/// adding `-2`, `-3` … on collision.
pub fn unique_slug<'a>(name: &str, fallback: &str, taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let base = slugify(name, fallback);
    let is_taken = |candidate: &str| taken.clone().into_iter().any(|t| t.eq_ignore_ascii_case(candidate));
    if !is_taken(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!("-{n}");
            let mut stem = base.clone();
            stem.truncate(MAX_SLUG - suffix.len());
            format!("{}{suffix}", stem.trim_end_matches('-'))
        })
        .find(|candidate| !is_taken(candidate))
        .expect("an unbounded range always finds a free suffix")
}

/// True when `s` could have come from [`slugify`]: a safe single path component.
pub fn is_safe_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_become_ascii() {
        assert_eq!(slugify("Grupp Å/Ä/Ö – Äldreomsorg", "grupp"), "grupp-a-a-o-aldreomsorg");
        assert_eq!(slugify("KS arbetsdag BSP 2026–2028", "w"), "ks-arbetsdag-bsp-2026-2028");
    }

    #[test]
    fn hostile_names_stay_single_components() {
        for name in ["../../x", "..", ".", "a/b", "a\\b", "CON", "con", "nul.txt", "/etc/passwd", "", "   ", "🎉🎉"]
        {
            let s = slugify(name, "grupp");
            assert!(is_safe_slug(&s), "{name:?} -> {s:?}");
            assert!(!s.contains('/') && !s.contains('.') && !s.contains('\\'), "{name:?} -> {s:?}");
            assert_ne!(s, "con");
        }
        assert_eq!(slugify("../../x", "g"), "x");
        assert_eq!(slugify("CON", "g"), "con-1");
        assert_eq!(slugify("🎉", "grupp"), "grupp");
    }

    #[test]
    fn long_names_are_cut() {
        let s = slugify(&"å".repeat(300), "g");
        assert_eq!(s.len(), MAX_SLUG);
        assert!(is_safe_slug(&s));
    }

    #[test]
    fn collisions_get_suffixes_case_insensitively() {
        let taken = ["grupp-1", "grupp-1-2"];
        assert_eq!(unique_slug("Grupp 1", "g", taken.iter().copied()), "grupp-1-3");
        assert_eq!(unique_slug("GRUPP 2", "g", taken.iter().copied()), "grupp-2");
        let long = "x".repeat(300);
        let first = unique_slug(&long, "g", std::iter::empty());
        let second = unique_slug(&long, "g", [first.as_str()]);
        assert_ne!(first, second);
        assert!(second.len() <= MAX_SLUG && second.ends_with("-2"));
    }
}
