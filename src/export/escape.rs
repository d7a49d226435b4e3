//! The escape functions every text goes through, one per target language.
//! Each is tested here against the characters that could change structure.

/// Escape for XML/HTML text and attribute values: `& < > " '`. Newlines are
/// kept as they are (use [`xml_attr`] inside attributes).
pub fn xml(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// [`xml`] for an attribute value: newlines and tabs become character
/// references so that attribute normalisation does not turn them into spaces.
pub fn xml_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            _ => xml(c.encode_utf8(&mut [0; 4]), out),
        }
    }
}

/// An escaped copy, for `format!`.
pub fn xml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    xml(s, &mut out);
    out
}

/// Characters that CommonMark (and the table extension) could read as markup
/// anywhere in a line. Backslash-escaping them is always valid CommonMark.
const MD_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '!', '&', '$'];

/// Escape one line of text for Markdown: inline markup and the starts of
/// blocks (`-`, `+`, `=`, `1.`, `1)`) are escaped, surrounding whitespace is
/// trimmed (leading spaces would make code blocks, trailing ones hard breaks).
pub fn md_line(line: &str, out: &mut String) {
    let line = line.trim();
    let mut chars = line.char_indices().peekable();
    // A block marker at the start: escape its first character.
    if let Some(&(_, first)) = chars.peek() {
        if matches!(first, '-' | '+' | '=') {
            out.push('\\');
        }
    }
    // `1.` or `12)` followed by a space or the end of the line starts an ordered list.
    let bytes = line.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let list_marker = ((1..=9).contains(&digits)
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && matches!(bytes.get(digits + 1), None | Some(b' ' | b'\t')))
    .then_some(digits);
    for (i, c) in chars {
        if MD_SPECIAL.contains(&c) || Some(i) == list_marker {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Escape a (possibly multi-line) text as Markdown inline content. Lines are
/// joined with `joiner` (a hard break plus indentation inside list items,
/// `<br>` inside table cells, a space in headings); blank lines are skipped.
pub fn md_text(s: &str, joiner: &str, out: &mut String) {
    let mut first = true;
    for line in s.lines().filter(|l| !l.trim().is_empty()) {
        if !first {
            out.push_str(joiner);
        }
        first = false;
        md_line(line, out);
    }
}

/// An escaped copy of a text for one line (headings, labels).
pub fn md_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    md_text(s, " ", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        let mut out = String::new();
        md_text(s, "<br>", &mut out);
        out
    }

    #[test]
    fn xml_escapes_markup_and_quotes() {
        assert_eq!(xml_string(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        let mut out = String::new();
        xml_attr("a\nb\tc<", &mut out);
        assert_eq!(out, "a&#10;b&#9;c&lt;");
    }

    #[test]
    fn md_escapes_inline_markup() {
        assert_eq!(md("*a* _b_ `c` [d](e) <f> a|b"), r"\*a\* \_b\_ \`c\` \[d\](e) \<f\> a\|b");
        assert_eq!(md(r"back\slash &amp;"), r"back\\slash \&amp;");
    }

    #[test]
    fn md_escapes_block_starts_on_every_line() {
        assert_eq!(md("# rubrik\n- punkt\n1. nummer\n12) tolv\n=== \n+ plus\n> citat"), {
            r"\# rubrik<br>\- punkt<br>1\. nummer<br>12\) tolv<br>\===<br>\+ plus<br>\> citat"
        });
        // Not a block marker: left alone for readability.
        assert_eq!(md("Mål 1.2 - t.ex. 3)"), "Mål 1.2 - t.ex. 3)");
        assert_eq!(md("1.2 Mål\n2027.\n3)"), r"1.2 Mål<br>2027\.<br>3\)");
    }

    #[test]
    fn md_trims_and_skips_blank_lines() {
        assert_eq!(md("    kod\n\n  \n  sista  "), "kod<br>sista");
    }
}
