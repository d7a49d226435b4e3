//! CSV goal lists as municipalities have them (Excel, Stratsys, Hypergene).
//!
//! - The delimiter is `;`, `,` or a tab, whichever splits the first records
//!   into the same number (more than one) of fields; `;` wins a tie (Swedish
//!   Excel). An Excel `sep=;` first line is honoured.
//! - Fields may be quoted; a quoted field may hold delimiters, doubled quotes
//!   and line breaks. A quote that never closes is reported on its line.
//! - A header row is recognised in Swedish or English, case-insensitively and
//!   ignoring spaces: `kod`/`code`/`nr`, `mål`/`goal`/`målformulering`/`wording`,
//!   `perspektiv`/`perspective`/`målområde`, `ägare`/`ansvarig`/`owner`/`nämnd`
//!   (and, weaker, `id`, `namn`/`name`, `beskrivning`/`description`: a
//!   Stratsys-style "Id;Namn;Beskrivning" export takes the wording from Namn).
//!   It is a header when one cell is exactly such a name, or two short cells
//!   (at most four words) contain one ("Ansvarig för målet").
//! - Without a header: the column with the longest texts is the wording; the
//!   first column is the code when its cells look like codes (`1.2`, `A1`);
//!   the remaining columns, in order, are perspective and owner. A file with
//!   one column reads like plain text (a leading code is split off).
//!
//! Decoding (UTF-8, BOM, Windows-1252) happens before, in [`super::decode`].

use super::{goal_from, text::split_code, Preview, Problem, ProblemKind};
use crate::domain::{text::normalize, Goal};

const DELIMITERS: [char; 3] = [';', ',', '\t'];

/// One record and the line it starts on (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

impl Record {
    fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
    fn cell(&self, col: Option<usize>) -> &str {
        col.and_then(|c| self.fields.get(c)).map(|s| s.trim()).unwrap_or("")
    }
}

/// Split text into records. Returns the records and, when a quoted field
/// never closes, the line it started on (that record is dropped).
pub fn read_records(text: &str, delimiter: char) -> (Vec<Record>, Option<usize>) {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    let mut quoted = false;
    let mut quote_line = 0;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                quote_line = record_line;
                at_field_start = false;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\n' => {
                fields.push(std::mem::take(&mut field));
                records.push(Record { line: record_line, fields: std::mem::take(&mut fields) });
                line += 1;
                record_line = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return (records, Some(quote_line));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(Record { line: record_line, fields });
    }
    (records, None)
}

/// An Excel `sep=;` first line: the delimiter it names.
fn sep_line(text: &str) -> Option<char> {
    let first = text.lines().next()?.trim();
    let rest = first.strip_prefix("sep=").or_else(|| first.strip_prefix("SEP="))?;
    let mut chars = rest.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// The delimiter that splits the first records most consistently.
pub fn detect_delimiter(text: &str) -> char {
    if let Some(c) = sep_line(text) {
        return c;
    }
    let mut best = (';', 0.0_f64);
    for d in DELIMITERS {
        let (records, _) = read_records(text, d);
        let sample: Vec<&Record> = records.iter().filter(|r| !r.is_blank()).take(20).collect();
        let Some(first) = sample.first() else { continue };
        let width = first.fields.len();
        if width < 2 {
            continue;
        }
        let same = sample.iter().filter(|r| r.fields.len() == width).count();
        let score = same as f64 / sample.len() as f64;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Code,
    Wording,
    Perspective,
    Owner,
}

/// A header cell folded for comparison: lower case, no spaces or punctuation.
fn fold(cell: &str) -> String {
    cell.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect()
}

/// The role a header cell names exactly, with its tier: where two columns
/// name the same role, the lower tier wins ("Målformulering" over "Mål" over
/// "Namn" over "Beskrivning"; "Kod" over "Id").
fn exact_role(cell: &str) -> Option<(Role, u8)> {
    Some(match fold(cell).as_str() {
        "kod" | "code" | "nr" | "nummer" | "number" | "no" | "målkod" | "målnr" | "målnummer" | "goalcode" => {
            (Role::Code, 0)
        }
        "id" | "ref" => (Role::Code, 2),
        "målformulering" | "formulering" | "wording" | "goalwording" => (Role::Wording, 0),
        "mål" | "goal" | "övergripandemål" | "overarchinggoal" | "måltext" => (Role::Wording, 1),
        "namn" | "name" | "titel" | "title" | "rubrik" | "målnamn" => (Role::Wording, 2),
        "målbeskrivning" | "beskrivning" | "description" | "text" => (Role::Wording, 3),
        "perspektiv" | "perspective" | "målområde" | "område" | "area" | "fokusområde" | "focusarea" => {
            (Role::Perspective, 0)
        }
        "ägare" | "ansvarig" | "owner" | "responsible" | "ansvarignämnd" | "nämnd" | "målägare" | "committee" => {
            (Role::Owner, 0)
        }
        _ => return None,
    })
}

/// A short cell (at most four words) that contains a column name: "Ansvarig
/// för målet", "Målområde 2027". Longer cells are data, not headers.
fn contained_role(cell: &str) -> Option<Role> {
    if cell.split_whitespace().count() > 4 {
        return None;
    }
    let f = fold(cell);
    let has = |words: &[&str]| words.iter().any(|w| f.contains(w));
    if has(&["formulering", "wording"]) {
        Some(Role::Wording)
    } else if has(&["perspektiv", "perspective", "område", "area"]) {
        Some(Role::Perspective)
    } else if has(&["ägare", "ansvarig", "owner", "responsible", "nämnd"]) {
        Some(Role::Owner)
    } else if has(&["kod", "code"]) {
        Some(Role::Code)
    } else if has(&["mål", "goal"]) {
        Some(Role::Wording)
    } else {
        None
    }
}

/// Column of each role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Columns {
    code: Option<usize>,
    wording: Option<usize>,
    perspective: Option<usize>,
    owner: Option<usize>,
}

impl Columns {
    fn slot(&mut self, role: Role) -> &mut Option<usize> {
        match role {
            Role::Code => &mut self.code,
            Role::Wording => &mut self.wording,
            Role::Perspective => &mut self.perspective,
            Role::Owner => &mut self.owner,
        }
    }
}

/// The columns a header row names, or `None` when the row is not a header.
fn header_columns(record: &Record) -> Option<Columns> {
    let exact: Vec<Option<(Role, u8)>> = record.fields.iter().map(|f| exact_role(f)).collect();
    let contained: Vec<Option<Role>> = record.fields.iter().map(|f| contained_role(f)).collect();
    let is_header = exact.iter().any(Option::is_some) || contained.iter().filter(|r| r.is_some()).count() >= 2;
    if !is_header {
        return None;
    }
    let mut cols = Columns::default();
    // exact names tier by tier, then names that contain a known word; on a tie the first column wins
    let passes = (0..4u8)
        .map(|tier| exact.iter().map(|r| r.filter(|(_, t)| *t == tier).map(|(role, _)| role)).collect::<Vec<_>>())
        .chain(std::iter::once(contained));
    for roles in passes {
        for (i, role) in roles.iter().enumerate() {
            if let Some(role) = role {
                let taken = [cols.code, cols.wording, cols.perspective, cols.owner].contains(&Some(i));
                let slot = cols.slot(*role);
                if slot.is_none() && !taken {
                    *slot = Some(i);
                }
            }
        }
    }
    if cols.wording.is_none() {
        let taken = [cols.code, cols.perspective, cols.owner];
        cols.wording = (0..record.fields.len()).find(|i| !taken.contains(&Some(*i)) && !record.fields[*i].is_empty());
    }
    Some(cols)
}

fn looks_like_code(cell: &str) -> bool {
    let cell = cell.trim();
    let probe = format!("{cell} x");
    !cell.is_empty() && split_code(&probe).0.is_some_and(|code| code == cell.trim_end_matches(['.', ')', ':']))
}

/// Guess the columns of a file without a header.
fn guess_columns(records: &[Record]) -> Columns {
    let width = records.iter().map(|r| r.fields.len()).max().unwrap_or(0);
    if width <= 1 {
        return Columns { wording: Some(0), ..Columns::default() };
    }
    let avg = |col: usize| -> usize {
        records.iter().map(|r| r.cell(Some(col)).chars().count()).sum::<usize>() / records.len().max(1)
    };
    let wording = (0..width).max_by_key(|c| (avg(*c), std::cmp::Reverse(*c))).unwrap_or(0);
    let first: Vec<&str> = records.iter().map(|r| r.cell(Some(0))).filter(|c| !c.is_empty()).collect();
    let code_like = first.iter().filter(|c| looks_like_code(c)).count();
    let code = (wording != 0 && !first.is_empty() && code_like * 2 > first.len()).then_some(0);
    let mut rest = (0..width).filter(|c| *c != wording && Some(*c) != code);
    Columns { code, wording: Some(wording), perspective: rest.next(), owner: rest.next() }
}

fn nonempty(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Parse a CSV goal list (already decoded to text).
pub fn parse(input: &str) -> Preview {
    let input = normalize(input);
    let delimiter = detect_delimiter(&input);
    let (mut records, unclosed) = read_records(&input, delimiter);
    let mut problems = Vec::new();
    if let Some(line) = unclosed {
        problems.push(Problem { line, kind: ProblemKind::UnclosedQuote });
    }
    if sep_line(&input).is_some() && !records.is_empty() {
        records.remove(0);
    }
    records.retain(|r| !r.is_blank());
    let (columns, data) = match records.first().and_then(header_columns) {
        Some(cols) => (cols, &records[1..]),
        None => (guess_columns(&records), &records[..]),
    };
    let Some(wording_col) = columns.wording else {
        let line = records.first().map_or(1, |r| r.line);
        problems.push(Problem { line, kind: ProblemKind::NoWordingColumn });
        return Preview::from_lines(Vec::new(), problems);
    };
    let mut goals: Vec<(usize, Goal)> = Vec::new();
    for record in data {
        let cell = record.cell(Some(wording_col));
        let (code, wording) = match columns.code {
            Some(_) => (nonempty(record.cell(columns.code)), cell),
            None => {
                let (code, rest) = split_code(cell);
                (code, rest)
            }
        };
        match goal_from(code, wording) {
            Some(mut goal) => {
                goal.perspective = nonempty(record.cell(columns.perspective));
                goal.owner = nonempty(record.cell(columns.owner));
                goals.push((record.line, goal));
            }
            None => problems.push(Problem { line: record.line, kind: ProblemKind::EmptyWording }),
        }
    }
    Preview::from_lines(goals, problems)
}

/// True when the text reads as CSV (for format detection): a known header
/// row, or at least two records split the same way by `;` or a tab.
pub fn looks_like_csv(text: &str) -> bool {
    let text = normalize(text);
    if sep_line(&text).is_some() {
        return true;
    }
    for d in DELIMITERS {
        let (records, _) = read_records(&text, d);
        let sample: Vec<&Record> = records.iter().filter(|r| !r.is_blank()).take(20).collect();
        let Some(first) = sample.first() else { return false };
        if first.fields.len() < 2 {
            continue;
        }
        if header_columns(first).is_some_and(|c| exact_role(first.cell(c.wording)).is_some()) {
            return true;
        }
        if d != ',' && sample.len() >= 2 && sample.iter().all(|r| r.fields.len() == first.fields.len()) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row<'a> = (Option<&'a str>, &'a str, Option<&'a str>, Option<&'a str>);

    fn rows(p: &Preview) -> Vec<Row<'_>> {
        p.goals
            .iter()
            .map(|g| (g.code.as_deref(), g.wording.as_str(), g.perspective.as_deref(), g.owner.as_deref()))
            .collect()
    }

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_newlines() {
        let (records, unclosed) = read_records("a;\"b;c\";\"sa \"\"hej\"\"\"\n\"två\nrader\";x\n", ';');
        assert_eq!(unclosed, None);
        assert_eq!(records[0].fields, vec!["a", "b;c", "sa \"hej\""]);
        assert_eq!(records[1], Record { line: 2, fields: vec!["två\nrader".into(), "x".into()] });
    }

    #[test]
    fn unclosed_quote_is_reported_on_its_line() {
        let p = parse("Kod;Mål\n1;Ett\n2;\"Två\n3;Tre\n");
        assert_eq!(rows(&p), vec![(Some("1"), "Ett", None, None)]);
        assert_eq!(p.problems, vec![Problem { line: 3, kind: ProblemKind::UnclosedQuote }]);
        assert!(p.has_errors());
    }

    #[test]
    fn delimiter_detection() {
        assert_eq!(detect_delimiter("Kod;Mål\n1.1;Trygg, säker uppväxt\n"), ';');
        assert_eq!(detect_delimiter("code,goal\n1,\"Safe; sound\"\n"), ',');
        assert_eq!(detect_delimiter("kod\tmål\n1\tEtt\n"), '\t');
        assert_eq!(detect_delimiter("sep=,\nKod,Mål\n"), ',');
    }

    #[test]
    fn header_names_in_any_order_and_case() {
        let p = parse(" Ansvarig Nämnd ;PERSPEKTIV; Mål formulering ;Målkod\nKS;Ekonomi;Hållbar ekonomi;3.1\n");
        assert_eq!(rows(&p), vec![(Some("3.1"), "Hållbar ekonomi", Some("Ekonomi"), Some("KS"))]);
    }

    #[test]
    fn no_header_guesses_columns() {
        let p = parse(
            "1.1;Trygg och säker uppväxt för alla barn;Medborgare;BUN\n1.2;En skola där alla lyckas;Medborgare;BUN\n",
        );
        assert_eq!(
            rows(&p),
            vec![
                (Some("1.1"), "Trygg och säker uppväxt för alla barn", Some("Medborgare"), Some("BUN")),
                (Some("1.2"), "En skola där alla lyckas", Some("Medborgare"), Some("BUN")),
            ]
        );
        let one = parse("\"1.1 Trygg, säker uppväxt\"\nBra skola\n");
        assert_eq!(
            rows(&one),
            vec![(Some("1.1"), "Trygg, säker uppväxt", None, None), (None, "Bra skola", None, None)]
        );
    }

    #[test]
    fn data_that_mentions_goals_is_not_a_header() {
        let p = parse("1;Målen för äldreomsorgen ska nås i hela kommunen;Ägare är socialnämnden\n");
        assert_eq!(
            rows(&p),
            vec![(Some("1"), "Målen för äldreomsorgen ska nås i hela kommunen", Some("Ägare är socialnämnden"), None)]
        );
        let h = parse("Nr;Beskrivning av målet;Ansvarig för målet\n1;Ett;KS\n");
        assert_eq!(rows(&h), vec![(Some("1"), "Ett", None, Some("KS"))]);
    }

    #[test]
    fn the_likeliest_wording_and_code_columns_win() {
        let p = parse("Id;Beskrivning;Namn;Kod\n48213;Lång text om målet;Trygg uppväxt;1.1\n");
        assert_eq!(rows(&p), vec![(Some("1.1"), "Trygg uppväxt", None, None)]);
        let p = parse("Mål;Målformulering\nMål 1;Alla barn ska ha en trygg uppväxt\n");
        assert_eq!(rows(&p), vec![(None, "Alla barn ska ha en trygg uppväxt", None, None)]);
    }

    #[test]
    fn header_without_wording_column_uses_the_free_one() {
        let p = parse("Kod;Innehåll\n1;Ett mål\n");
        assert_eq!(rows(&p), vec![(Some("1"), "Ett mål", None, None)]);
    }
}
