//! Word wrapping by display width (wide characters and emoji count two
//! columns), so that the layout knows every height before drawing.

use unicode_width::UnicodeWidthStr;

/// Wrap `text` to `width` columns. Paragraphs (`\n`) are kept; a word wider
/// than the line is broken. Always at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in para.split(' ') {
            let w = word.width();
            let sep = usize::from(!line.is_empty());
            if line_w + sep + w <= width {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += sep + w;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if w <= width {
                line.push_str(word);
                line_w = w;
            } else {
                for ch in word.chars() {
                    let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
                    if line_w + cw > width && !line.is_empty() {
                        out.push(std::mem::take(&mut line));
                        line_w = 0;
                    }
                    line.push(ch);
                    line_w += cw;
                }
            }
        }
        out.push(line);
    }
    out
}

/// Cut `text` to `width` columns with "…" when it does not fit.
pub fn ellipsize(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for ch in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(ch);
        w += cw;
    }
    out.push('…');
    out
}

/// Keep at most `max` of the wrapped `lines`; when some are dropped the
/// last kept line ends with "…", so text is never cut off silently.
pub fn clip_lines(lines: &mut Vec<String>, max: usize, width: usize) {
    if lines.len() <= max {
        return;
    }
    lines.truncate(max);
    if let Some(last) = lines.last_mut() {
        *last = ellipsize(&format!("{last} …"), width);
        if !last.ends_with('…') {
            last.push('…');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_display_width() {
        assert_eq!(wrap("ett två tre", 7), vec!["ett två", "tre"]);
        // Emoji and CJK are two columns wide.
        for line in wrap("🎉🎉🎉🎉 漢字漢字", 5) {
            assert!(line.width() <= 5, "{line}");
        }
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("", 10), vec![""]);
    }

    #[test]
    fn ellipsize_fits() {
        assert_eq!(ellipsize("Målstyrning", 5), "Måls…");
        assert_eq!(ellipsize("kort", 10), "kort");
    }

    #[test]
    fn clipped_lines_end_with_an_ellipsis() {
        let mut lines = wrap("ett två tre fyra fem sex", 7);
        assert_eq!(lines, vec!["ett två", "tre", "fyra", "fem sex"]);
        clip_lines(&mut lines, 2, 7);
        assert_eq!(lines, vec!["ett två", "tre …"]);
        let mut full = vec!["abcdefg".to_string(), "hijklmn".to_string(), "x".to_string()];
        clip_lines(&mut full, 2, 7);
        assert_eq!(full[1], "hijklm…");
        let mut short = vec!["a".to_string()];
        clip_lines(&mut short, 2, 7);
        assert_eq!(short, vec!["a"]);
    }
}
