//! RON goal lists: a list of goals, as in a workshop file's `goals:`.
//!
//! ```ron
//! [
//!     (code: "1.1", wording: "Trygg uppväxt", perspective: "Medborgare"),
//!     (code: Some("1.2"), wording: "En skola där alla lyckas", owner: Some("BUN")),
//!     (wording: "Hållbar ekonomi"),
//! ]
//! ```
//!
//! `Some(…)` around optional fields may be left out. An `id` is accepted (so a
//! copied `goals:` list reads) but every imported goal gets a new id, so goals
//! can be imported twice without sharing ids. A whole `workshop.ron` is read
//! too: its goals are imported.

use serde::Deserialize;
use uuid::Uuid;

use super::{goal_from, Preview, Problem, ProblemKind};
use crate::domain::{text::normalize, Workshop};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalRow {
    #[serde(default)]
    #[allow(dead_code)]
    id: Option<Uuid>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    wording: String,
    #[serde(default)]
    perspective: Option<String>,
    #[serde(default)]
    owner: Option<String>,
}

fn options() -> ::ron::Options {
    ::ron::Options::default().with_default_extension(::ron::extensions::Extensions::IMPLICIT_SOME)
}

/// The line each top-level list element starts on.
fn item_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut line, mut depth, mut in_string, mut escaped) = (1, 0usize, false, false);
    let mut in_comment = false;
    let mut prev = '\0';
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            in_comment = false;
        }
        if in_comment {
            prev = c;
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            prev = c;
            continue;
        }
        match c {
            '"' => in_string = true,
            '/' if prev == '/' => in_comment = true,
            '(' | '[' | '{' => {
                if depth == 1 && c == '(' {
                    lines.push(line);
                }
                depth += 1;
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    lines
}

/// Parse a RON list of goals (or a workshop file).
pub fn parse(input: &str) -> Preview {
    let input = normalize(input);
    // item lines only for a list; a workshop file's goals have no useful line
    let (rows, lines): (Vec<GoalRow>, Vec<usize>) = match options().from_str(&input) {
        Ok(rows) => (rows, item_lines(&input)),
        Err(list_err) => match options().from_str::<Workshop>(&input) {
            Ok(w) => {
                let rows = w
                    .goals
                    .into_iter()
                    .map(|g| GoalRow {
                        id: None,
                        code: g.code,
                        wording: g.wording,
                        perspective: g.perspective,
                        owner: g.owner,
                    })
                    .collect();
                (rows, Vec::new())
            }
            Err(_) => {
                let problem = Problem {
                    line: list_err.span.start.line.max(1),
                    kind: ProblemKind::Unreadable(list_err.code.to_string()),
                };
                return Preview::from_lines(Vec::new(), vec![problem]);
            }
        },
    };
    let mut goals = Vec::new();
    let mut problems = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        match goal_from(row.code, &row.wording) {
            Some(mut goal) => {
                goal.perspective = row.perspective.filter(|p| !p.trim().is_empty());
                goal.owner = row.owner.filter(|o| !o.trim().is_empty());
                goals.push((line, goal));
            }
            None => problems.push(Problem { line, kind: ProblemKind::EmptyWording }),
        }
    }
    Preview::from_lines(goals, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_with_and_without_some() {
        let p = parse(
            "// mål\n[\n    (code: \"1.1\", wording: \"Trygg (och säker) uppväxt\", perspective: \"Medborgare\"),\n    \
             (code: Some(\"1.2\"), wording: \"Bra skola\", owner: Some(\"BUN\")),\n    (wording: \"\"),\n]\n",
        );
        let got: Vec<_> = p
            .goals
            .iter()
            .map(|g| (g.code.as_deref(), g.wording.as_str(), g.perspective.as_deref(), g.owner.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("1.1"), "Trygg (och säker) uppväxt", Some("Medborgare"), None),
                (Some("1.2"), "Bra skola", None, Some("BUN")),
            ]
        );
        assert_eq!(p.lines, vec![3, 4]);
        assert_eq!(p.problems, vec![Problem { line: 5, kind: ProblemKind::EmptyWording }]);
    }

    #[test]
    fn workshop_file_gives_its_goals_with_new_ids() {
        let mut w = Workshop::new("W");
        w.goals.push(crate::domain::Goal::new(Some("7".into()), "Sju"));
        let text = ::ron::to_string(&w).unwrap();
        let p = parse(&text);
        assert_eq!(p.goals.len(), 1);
        assert_eq!(p.goals[0].wording, "Sju");
        assert_ne!(p.goals[0].id, w.goals[0].id);
    }

    #[test]
    fn broken_ron_is_unreadable_on_its_line() {
        let p = parse("[\n (wording: \"a\"),\n (wordng: \"b\"),\n]");
        assert!(p.has_errors());
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 3);
        assert!(matches!(p.problems[0].kind, ProblemKind::Unreadable(_)));
    }
}
