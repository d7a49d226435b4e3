//! Clean numbers in the groups' text: "71,3", "-43", "1 200", "82 %".
//! The XLSX stores them as numbers (and a year as a year), the CSV leaves a
//! clean negative number as it is instead of defusing it as a formula.
//! Anything else ("ca 80", "2027/28", "N15419", "1.2.3") is not a number.

use crate::i18n::Lang;

/// A number as the group typed it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// The value; a percentage as its fraction (82 % is 0.82).
    pub value: f64,
    /// Digits typed after the decimal mark.
    pub decimals: usize,
    /// Typed with a percent sign.
    pub percent: bool,
}

impl Number {
    /// An Excel number format that shows the number as typed, with the
    /// digit grouping and decimal mark of the reader's locale (Swedish
    /// Excel and LibreOffice show "1 234,5"): `#,##0.0` with as many
    /// decimals as were typed, `0.0 %` for a percentage.
    pub fn excel_format(&self) -> String {
        let decimals =
            if self.decimals > 0 { format!(".{}", "0".repeat(self.decimals.min(10))) } else { String::new() };
        if self.percent {
            format!("0{decimals} %")
        } else {
            format!("#,##0{decimals}")
        }
    }
}

/// `text` as a number when it is one and nothing else: an optional minus
/// sign ("-" or "−"), digits (in groups of three split by a space, or by
/// "," in English), an optional decimal part ("," or "." in Swedish, "."
/// in English) and an optional percent sign.
pub fn parse(text: &str, lang: Lang) -> Option<Number> {
    let mut s = text.trim();
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        s = rest.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
        percent = true;
    }
    let negative = if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        s = rest;
        true
    } else {
        false
    };
    let decimal_marks: &[char] = match lang {
        Lang::Sv => &[',', '.'],
        Lang::En => &['.'],
    };
    let (int, frac) = match s.find(decimal_marks) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let group_marks: &[char] = match lang {
        Lang::Sv => &[' ', '\u{a0}', '\u{202f}'],
        Lang::En => &[',', ' ', '\u{a0}', '\u{202f}'],
    };
    let groups: Vec<&str> = int.split(group_marks).collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let grouped = groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !groups.iter().all(|g| digits(g)) || !grouped {
        return None;
    }
    if frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    let mut plain: String = groups.concat();
    if let Some(f) = frac {
        plain.push('.');
        plain.push_str(f);
    }
    let mut value: f64 = plain.parse().ok()?;
    if negative {
        value = -value;
    }
    if percent {
        value /= 100.0;
    }
    Some(Number { value, decimals: frac.map_or(0, str::len), percent })
}

/// A year of four digits ("2026"), as a number.
pub fn year(text: &str) -> Option<f64> {
    let t = text.trim();
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

pub use crate::domain::plan_years;

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str, lang: Lang) -> Option<f64> {
        parse(s, lang).map(|n| n.value)
    }

    #[test]
    fn swedish_numbers_are_read() {
        assert_eq!(value("71,3", Lang::Sv), Some(71.3));
        assert_eq!(value("71.3", Lang::Sv), Some(71.3));
        assert_eq!(value("-43", Lang::Sv), Some(-43.0));
        assert_eq!(value("\u{2212}4,5", Lang::Sv), Some(-4.5));
        assert_eq!(value("1 200", Lang::Sv), Some(1200.0));
        assert_eq!(value("12\u{a0}345,25", Lang::Sv), Some(12345.25));
        assert_eq!(value(" 82 % ", Lang::Sv), Some(0.82));
        assert_eq!(value("2026", Lang::Sv), Some(2026.0));
        assert_eq!(parse("71,30", Lang::Sv).unwrap().decimals, 2);
    }

    #[test]
    fn english_numbers_are_read() {
        assert_eq!(value("1,200.5", Lang::En), Some(1200.5));
        assert_eq!(value("71.3", Lang::En), Some(71.3));
        assert_eq!(value("71,3", Lang::En), None);
    }

    #[test]
    fn text_that_is_not_only_a_number_is_not_one() {
        for s in ["", "-", "%", "ca 80", "80 st", "2027/28", "N15419", "1.2.3", "1 20", "12 3456", "=1", "+5", "1e5"] {
            assert_eq!(parse(s, Lang::Sv), None, "{s}");
        }
    }

    #[test]
    fn formats_keep_the_typed_decimals() {
        assert_eq!(parse("71,3", Lang::Sv).unwrap().excel_format(), "#,##0.0");
        assert_eq!(parse("1 200", Lang::Sv).unwrap().excel_format(), "#,##0");
        assert_eq!(parse("82,5 %", Lang::Sv).unwrap().excel_format(), "0.0 %");
    }

    #[test]
    fn plan_years_come_from_the_plan_text() {
        assert_eq!(plan_years("BSP 2027–2029"), vec![2027, 2028, 2029]);
        assert_eq!(plan_years("Mål och budget 2026"), vec![2026]);
        assert_eq!(plan_years("Plan 2026-2027, rev. 2026"), vec![2026, 2027]);
        assert_eq!(plan_years("Plan 2029-2026"), vec![2029]);
        assert_eq!(plan_years("Verksamhetsplan"), Vec::<i32>::new());
        assert_eq!(plan_years("1 2 123 12345"), Vec::<i32>::new());
    }
}
