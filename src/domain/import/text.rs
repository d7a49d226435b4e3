//! Plain text goal lists: one goal per line, an optional leading code.

use super::Preview;
use crate::domain::{text::normalize, Goal};

/// Split a leading code like `1.2`, `2.`, `3)` or `A1:` from a goal line.
/// The code must start with a digit or be a letter followed by a digit.
pub fn split_code(line: &str) -> (Option<String>, &str) {
    let trimmed = line.trim_start();
    let token_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    let token = &trimmed[..token_end];
    let rest = trimmed[token_end..].trim_start();
    let code = token.trim_end_matches(['.', ')', ':']);
    let looks_like_code = !code.is_empty()
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        && code.chars().any(|c| c.is_ascii_digit())
        && (code.starts_with(|c: char| c.is_ascii_digit())
            || code.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        && code.len() <= 12
        // "2030 ska …" is a year in the wording, "2030." or "1.2" a code
        && (token.len() > code.len() || code.contains('.') || code.len() <= 3);
    if looks_like_code && !rest.is_empty() {
        (Some(code.to_string()), rest)
    } else if looks_like_code && token.ends_with('.') && rest.is_empty() {
        // "3." alone: a code with no wording
        (Some(code.to_string()), "")
    } else {
        (None, trimmed)
    }
}

/// Parse a plain text goal list: blank lines and `#` comments skipped,
/// BOM and CRLF accepted.
pub fn parse(input: &str) -> Preview {
    let input = normalize(input);
    let mut goals = Vec::new();
    let mut problems = Vec::new();
    for (i, raw) in input.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.trim_start_matches(['-', '*', '•']).trim_start();
        let (code, wording) = split_code(line);
        if wording.trim().is_empty() {
            problems.push(super::Problem { line: i + 1, kind: super::ProblemKind::EmptyWording });
            continue;
        }
        goals.push((i + 1, Goal::new(code, wording.trim())));
    }
    Preview::from_lines(goals, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_comments() {
        let p =
            parse("\u{feff}# BSP 2027\r\n1.1 Trygg uppväxt\r\n\r\n2. Hållbar ekonomi\n- Attraktiv arbetsgivare\n3.\n");
        let got: Vec<_> = p.goals.iter().map(|g| (g.code.as_deref(), g.wording.as_str())).collect();
        assert_eq!(
            got,
            vec![(Some("1.1"), "Trygg uppväxt"), (Some("2"), "Hållbar ekonomi"), (None, "Attraktiv arbetsgivare")]
        );
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 6);
    }

    #[test]
    fn numbers_in_wording_are_not_codes() {
        let (code, rest) = split_code("2030 ska kommunen vara fossilfri");
        assert_eq!(code, None);
        assert_eq!(rest, "2030 ska kommunen vara fossilfri");
        let (code, rest) = split_code("Minst 80 procent av eleverna");
        assert_eq!(code, None);
        assert_eq!(rest, "Minst 80 procent av eleverna");
    }

    #[test]
    fn duplicate_codes_are_flagged() {
        let p = parse("1 Ett\n1 Två\n");
        assert_eq!(p.goals.len(), 2);
        assert!(p.has_errors());
    }
}
