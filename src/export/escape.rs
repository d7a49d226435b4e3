//! The escape functions every text goes through, one per target language.
//! Each is tested here against the characters that could change structure.

/// Escape for XML/HTML text and attribute values: `& < > " '`. Newlines are
/// kept as they are (use [`xml_attr`] inside attributes).
pub fn xml(s: &str, out: &mut String) {
    // Every character replaced is ASCII, so byte positions are char boundaries
    // and the text between them is copied in one piece.
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(replacement);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// [`xml`] for an attribute value: newlines and tabs become character
/// references so that attribute normalisation does not turn them into spaces.
pub fn xml_attr(s: &str, out: &mut String) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let replacement = match b {
            b'\n' => "&#10;",
            b'\t' => "&#9;",
            b'&' | b'<' | b'>' | b'"' | b'\'' => {
                out.push_str(&s[last..i]);
                xml(&s[i..i + 1], out);
                last = i + 1;
                continue;
            }
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(replacement);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// An escaped copy, for `format!`.
pub fn xml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    xml(s, &mut out);
    out
}

/// Characters that CommonMark (and the table extension) could read as markup
/// anywhere in a line. Backslash-escaping them is always valid CommonMark.
const MD_SPECIAL: &[u8] = b"\\`*_[]<>#|~!&$";

/// [`MD_SPECIAL`] as a lookup table (the loop below runs over every byte).
static MD_TABLE: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < MD_SPECIAL.len() {
        table[MD_SPECIAL[i] as usize] = true;
        i += 1;
    }
    table
};

/// Escape one line of text for Markdown: inline markup and the starts of
/// blocks (`-`, `+`, `=`, `1.`, `1)`) are escaped, surrounding whitespace is
/// trimmed (leading spaces would make code blocks, trailing ones hard breaks).
pub fn md_line(line: &str, out: &mut String) {
    let line = line.trim();
    let bytes = line.as_bytes();
    // `1.` or `12)` followed by a space or the end of the line starts an ordered list.
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let list_marker = (1..=9).contains(&digits)
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && matches!(bytes.get(digits + 1), None | Some(b' ' | b'\t'));
    let mut last = 0;
    if matches!(bytes.first(), Some(b'-' | b'+' | b'=')) {
        out.push('\\');
    } else if list_marker {
        out.push_str(&line[..digits]);
        out.push('\\');
        last = digits;
    }
    md_fragment(&line[last..], out);
}

/// A piece of text in the middle of a line (a provenance's "förslag från ",
/// a group's name): inline markup backslash-escaped, line breaks turned into
/// spaces, nothing trimmed. Only ASCII is escaped, so byte positions
/// are char boundaries and the text between escapes is copied in one piece.
pub fn md_fragment(s: &str, out: &mut String) {
    let mut last = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if MD_TABLE[b as usize] || autolink_trigger(s, i) {
            out.push_str(&s[last..i]);
            out.push('\\');
            last = i;
        } else if b == b'\n' || b == b'\r' {
            out.push_str(&s[last..i]);
            out.push(' ');
            last = i + 1;
        }
    }
    out.push_str(&s[last..]);
}

/// True when the byte at `i` would start a GFM extended autolink
/// (GitHub-flavoured Markdown links bare `http://…`, `https://…`, `www.…`
/// and e-mail addresses): the `:` of `://`, the `.` after `www`, and `@`.
/// Escaped, it is shown as it is and nothing is linked.
fn autolink_trigger(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    match b[i] {
        b':' => b[i + 1..].starts_with(b"//"),
        b'.' => i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"www"),
        b'@' => true,
        _ => false,
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

/// [`md_text`] on one line (lines joined by spaces), appended to `out`.
pub fn md_inline(s: &str, out: &mut String) {
    md_text(s, " ", out);
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

    #[test]
    fn md_fragment_keeps_spaces_and_escapes_markup() {
        let mut out = String::new();
        md_fragment("förslag från ", &mut out);
        md_fragment("*Grupp*\n2", &mut out);
        assert_eq!(out, r"förslag från \*Grupp\* 2");
    }
}
