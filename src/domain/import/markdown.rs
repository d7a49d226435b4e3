//! Markdown goal lists, as a BSP document pasted into an editor looks.
//!
//! - A heading (`## Medborgare`, or a line underlined with `===`/`---`) sets
//!   the perspective of the goals below it, until the next heading. So does
//!   a line that is bold from end to end (`**Medarbetare**`). A heading
//!   with no goals under it (a document title) therefore changes nothing.
//!   A leading label is not part of the name: `## Perspektiv: Medborgare`
//!   (or `Perspective - Medborgare`) is the perspective "Medborgare".
//! - Every list item (`-`, `*`, `+`, `1.`) is a goal. Lines of prose are
//!   goals only in a file without list items; beside list items they are
//!   prose (an introduction) and are skipped with a note. The number of an ordered list is list numbering, not a code (it
//!   restarts in every list); a code is written after the marker or at the
//!   start of a line: `- 1.2 Trygg uppväxt`, `1.2 Trygg uppväxt`.
//! - An indented line right after a goal continues that goal's wording.
//! - Emphasis (`**`, `__`, `*x*`, `_x_`, `~~`), inline code backticks and
//!   links (`[text](url)`) are reduced to their text; block quotes are read
//!   as their text; HTML comments, code blocks, rules are skipped. Table rows
//!   are reported: convert a table to CSV instead.

use super::{goal_from, text::split_code, Preview, Problem, ProblemKind};
use crate::domain::{text::normalize, Goal};

/// True when the text has a Markdown heading (for format detection).
pub fn has_headings(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    lines.iter().enumerate().any(|(i, l)| atx_heading(l).is_some() || setext_level(&lines, i).is_some())
}

/// `## Heading ##` → "Heading".
fn atx_heading(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let hashes = t.len() - t.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &t[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim_end())
}

/// The line after `i` underlines line `i` (`===` or `---`), making it a heading.
fn setext_level(lines: &[&str], i: usize) -> Option<()> {
    let line = lines[i].trim();
    let under = lines.get(i + 1)?.trim();
    if line.is_empty() || list_item(lines[i]).is_some() || atx_heading(lines[i]).is_some() {
        return None;
    }
    let is_rule = |c: char| under.len() >= 2 && under.chars().all(|x| x == c);
    (is_rule('=') || is_rule('-')).then_some(())
}

fn is_thematic_break(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && ['-', '*', '_'].iter().any(|m| t.chars().all(|c| c == *m))
}

/// A list item's text after its marker (`- `, `* `, `+ `, `1. `, `1) `).
fn list_item(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+', '•']) {
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            return Some(rest.trim());
        }
    }
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=9).contains(&digits) {
        let rest = &t[digits..];
        if let Some(rest) = rest.strip_prefix(['.', ')']) {
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                return Some(rest.trim());
            }
        }
    }
    None
}

/// Reduce inline markup to its text.
pub fn strip_inline(s: &str) -> String {
    // links and images: [text](url) → text
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match (after.find("]("), after.find(']')) {
            (Some(close), Some(first_close)) if close == first_close => match after[close + 2..].find(')') {
                Some(end) => {
                    out.push_str(rest[..open].trim_end_matches('!'));
                    out.push_str(&after[..close]);
                    rest = &after[close + 2 + end + 1..];
                }
                None => {
                    out.push_str(&rest[..=open]);
                    rest = after;
                }
            },
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let s = out.replace("**", "").replace("__", "").replace("~~", "").replace('`', "");
    // single * or _ only where they open or close a word, never inside one (snake_case)
    let chars: Vec<char> = s.chars().collect();
    let mut cleaned = String::with_capacity(s.len());
    for (i, c) in chars.iter().enumerate() {
        if *c == '*' || *c == '_' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let inside_word = before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
            if !inside_word {
                continue;
            }
        }
        cleaned.push(*c);
    }
    cleaned
}

/// A goal from the text of a list item or a line.
fn goal_of(text: &str) -> (Option<String>, String) {
    let clean = strip_inline(text);
    let (code, wording) = split_code(&clean);
    (code, wording.to_string())
}

/// Parse a Markdown goal list.
pub fn parse(input: &str) -> Preview {
    let input = normalize(input);
    let lines: Vec<&str> = input.lines().collect();
    let mut goals: Vec<(usize, Goal)> = Vec::new();
    // whether each goal came from a list item
    let mut from_item: Vec<bool> = Vec::new();
    let mut problems = Vec::new();
    let mut perspective: Option<String> = None;
    let mut in_fence: Option<&str> = None;
    let mut in_comment = false;
    // the last goal may be continued by the next indented line
    let mut can_continue = false;
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let line_no = i + 1;
        i += 1;
        let trimmed = raw.trim();
        if let Some(fence) = in_fence {
            if trimmed.starts_with(fence) {
                in_fence = None;
            }
            continue;
        }
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = Some(&trimmed[..3]);
            can_continue = false;
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            can_continue = false;
            continue;
        }
        if let Some(heading) = atx_heading(raw) {
            perspective = heading_perspective(heading);
            can_continue = false;
            continue;
        }
        if setext_level(&lines, i - 1).is_some() {
            perspective = heading_perspective(trimmed);
            i += 1; // the underline
            can_continue = false;
            continue;
        }
        if is_thematic_break(raw) {
            can_continue = false;
            continue;
        }
        if trimmed.starts_with('|') {
            let is_separator = trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
            if !is_separator {
                problems.push(Problem { line: line_no, kind: ProblemKind::MarkdownTable });
            }
            can_continue = false;
            continue;
        }
        let content = trimmed.trim_start_matches('>').trim();
        let indented = raw.starts_with([' ', '\t']);
        let item = list_item(content);
        if item.is_none() && is_bold_line(content) {
            perspective = heading_perspective(content);
            can_continue = false;
            continue;
        }
        if item.is_none() && indented && can_continue {
            if let Some((_, goal)) = goals.last_mut() {
                let more = strip_inline(content);
                goal.wording = format!("{} {}", goal.wording, more.trim()).trim().to_string();
                continue;
            }
        }
        let (code, wording) = goal_of(item.unwrap_or(content));
        match goal_from(code, &wording) {
            Some(mut goal) => {
                goal.perspective = perspective.clone();
                goals.push((line_no, goal));
                from_item.push(item.is_some());
                can_continue = true;
            }
            None => {
                problems.push(Problem { line: line_no, kind: ProblemKind::EmptyWording });
                can_continue = false;
            }
        }
    }
    if from_item.contains(&true) {
        // the goals are the list items; the rest is prose around them
        let mut kept = Vec::new();
        for ((line, goal), is_item) in goals.into_iter().zip(from_item) {
            if is_item {
                kept.push((line, goal));
            } else {
                problems.push(Problem { line, kind: ProblemKind::SkippedText });
            }
        }
        goals = kept;
    }
    Preview::from_lines(goals, problems)
}

/// A line that is bold from end to end (`**Medborgare**`) is used as a heading.
fn is_bold_line(s: &str) -> bool {
    ["**", "__"].iter().any(|m| s.len() > 4 && s.starts_with(m) && s.ends_with(m) && !s[2..s.len() - 2].contains(m))
}

/// The perspective a heading names: its text without markup, a leading code
/// or a leading label (`Perspektiv: Medborgare` names "Medborgare").
fn heading_perspective(heading: &str) -> Option<String> {
    let clean = strip_inline(heading);
    let (_, rest) = split_code(&clean);
    let name = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = without_label(&name).unwrap_or(&name);
    (!name.is_empty()).then(|| name.to_string())
}

/// `Perspektiv: X`, `perspective - X`, `PERSPEKTIV – X`, `Perspektiv X` → `X`:
/// the word itself in either language and any case, then a colon, a dash or
/// just a space. `None` when the heading has no such label (or nothing after it).
fn without_label(heading: &str) -> Option<&str> {
    const LABELS: [&str; 2] = ["perspektiv", "perspective"];
    let label = LABELS.iter().find(|l| heading.get(..l.len()).is_some_and(|h| h.eq_ignore_ascii_case(l)))?;
    let rest = &heading[label.len()..];
    let is_separator = |c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—');
    if !rest.starts_with(is_separator) {
        return None; // "Perspektivet", "Perspektiven": a word of its own
    }
    let name = rest.trim_start_matches(is_separator);
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(p: &Preview) -> Vec<(Option<&str>, &str, Option<&str>)> {
        p.goals.iter().map(|g| (g.code.as_deref(), g.wording.as_str(), g.perspective.as_deref())).collect()
    }

    #[test]
    fn headings_are_perspectives() {
        let p = parse(
            "# Budget- och strategiplan 2027\n\n## Medborgare\n\n- 1.1 **Trygg** uppväxt\n- 1.2 Bra skola\n\n\
             ## 2 Ekonomi\n1. Hållbar ekonomi\n2. Effektiv _verksamhet_\n\nMiljö\n-----\n- Fossilfri 2030\n\
             **Medarbetare**\n- Attraktiv arbetsgivare\n",
        );
        assert_eq!(
            rows(&p),
            vec![
                (Some("1.1"), "Trygg uppväxt", Some("Medborgare")),
                (Some("1.2"), "Bra skola", Some("Medborgare")),
                (None, "Hållbar ekonomi", Some("Ekonomi")),
                (None, "Effektiv verksamhet", Some("Ekonomi")),
                (None, "Fossilfri 2030", Some("Miljö")),
                (None, "Attraktiv arbetsgivare", Some("Medarbetare")),
            ]
        );
        assert_eq!(p.lines, vec![5, 6, 9, 10, 14, 16]);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
    }

    #[test]
    fn continuation_links_and_skipped_blocks() {
        let p = parse(
            "- Öka andelen [elever](https://x.se/a_b) som\n  klarar *målen*\n\n```\n- inte ett mål\n```\n\
             <!-- kommentar -->\n---\n> - 3.1 Citerat mål\n| a | b |\n|---|---|\n- \n",
        );
        assert_eq!(
            rows(&p),
            vec![(None, "Öka andelen elever som klarar målen", None), (Some("3.1"), "Citerat mål", None)]
        );
        let kinds: Vec<_> = p.problems.iter().map(|pr| (pr.line, pr.kind.clone())).collect();
        assert_eq!(kinds, vec![(10, ProblemKind::MarkdownTable), (12, ProblemKind::EmptyWording)]);
    }

    #[test]
    fn prose_is_a_goal_only_without_list_items() {
        let p = parse("Fullmäktige har beslutat:\n\n- Trygg uppväxt\n");
        assert_eq!(rows(&p), vec![(None, "Trygg uppväxt", None)]);
        assert_eq!(p.problems, vec![Problem { line: 1, kind: ProblemKind::SkippedText }]);
        assert!(!p.has_errors());
        let p = parse("## Miljö\nFossilfri 2030\nMer återbruk\n");
        assert_eq!(rows(&p), vec![(None, "Fossilfri 2030", Some("Miljö")), (None, "Mer återbruk", Some("Miljö"))]);
    }

    #[test]
    fn snake_case_survives_and_duplicates_are_flagged() {
        assert_eq!(strip_inline("fil_namn och _betoning_"), "fil_namn och betoning");
        let p = parse("## A\n- 1 Ett\n## B\n- 1 Två\n");
        assert_eq!(p.problems, vec![Problem { line: 4, kind: ProblemKind::DuplicateCode("1".into()) }]);
    }
}
