//! The exports: golden snapshots of a fixed document, hostile text through
//! every format (structure intact, nothing evaluated, nothing lost), DOCX and
//! XLSX read back from their zip, and the `export` command on disk.

use std::collections::BTreeMap;
use std::io::Read;

use chrono::NaiveDate;
use malverkstad::domain::quality::WordLists;
use malverkstad::domain::{
    keys, Answer, Frequency, Goal, Group, GroupFile, Indicator, ListItem, Measure, Verdict, VerdictAnswer, Workshop,
};
use malverkstad::export::doc::{
    Attributed, Flag, FlagKind, GoalSection, GroupEntry, IndicatorRow, OtherAnswer, QualityFinding, QualityNote,
    Source, SubGoal, Text, VerdictRow,
};
use malverkstad::export::{self, Document, Format, Options};
use malverkstad::i18n::Lang;
use quick_xml::events::Event;
use uuid::Uuid;

#[path = "export/links.rs"]
mod links;
#[path = "export/office.rs"]
mod office;
#[path = "export/ooxml.rs"]
mod ooxml;
#[path = "export/outline.rs"]
mod outline;
#[cfg(unix)]
#[path = "export/paths.rs"]
mod paths;
#[path = "export/versions.rs"]
mod versions;

// ---------------------------------------------------------------- fixtures

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn indicator(n: u128, name: &str) -> Indicator {
    let mut i = Indicator::new(name);
    i.id = id(n);
    i
}

fn item(n: u128, text: &str, owner: &str) -> ListItem {
    ListItem { id: id(n), text: text.into(), owner: owner.into() }
}

/// A small workshop with two goals and two groups' answers, fixed ids and date.
fn fixed_workshop() -> (Workshop, Vec<GroupFile>) {
    let mut w = Workshop::new("KS arbetsdag");
    w.id = id(1);
    w.organisation = "Exempels kommun".into();
    w.plan = "BSP 2027–2029".into();
    w.date = NaiveDate::from_ymd_opt(2027, 3, 16);
    w.goals = vec![
        Goal {
            id: id(11),
            code: Some("1.1".into()),
            wording: "Fler elever når gymnasiebehörighet".into(),
            perspective: Some("Medborgare".into()),
            owner: Some("Barn- och utbildningsnämnden".into()),
        },
        Goal {
            id: id(12),
            code: Some("4.2".into()),
            wording: "En ekonomi i balans".into(),
            perspective: Some("Ekonomi".into()),
            owner: None,
        },
    ];
    w.groups = vec![
        Group { id: id(21), name: "Grupp 1".into(), slug: "grupp-1".into(), goals: vec![id(11), id(12)] },
        Group { id: id(22), name: "Grupp 2".into(), slug: "grupp-2".into(), goals: vec![id(11)] },
    ];

    let mut g1 = GroupFile::new(&w, &w.groups[0]);
    let a = g1.answers_mut(id(11));
    a.answers.insert(
        keys::EFFECT.into(),
        Answer::Text("Fler unga klarar skolan och kan välja sin väg.\nSärskilt pojkar i årskurs 9.".into()),
    );
    a.answers.insert(
        keys::SUBGOALS.into(),
        Answer::List(vec![
            item(101, "Alla elever läser på årskurs 3", "Grundskolan"),
            item(102, "Minskad frånvaro", ""),
        ]),
    );
    let mut ind = indicator(201, "Andel behöriga till yrkesprogram");
    ind.definition = "Elever i åk 9 som är behöriga till yrkesprogram, andel (%)".into();
    ind.source = "Kolada".into();
    ind.kolada = "N15428".into();
    ind.baseline = Measure { value: "82,4".into(), year: "2025".into() };
    ind.target = Measure { value: "90".into(), year: "2029".into() };
    ind.frequency = Some(Frequency::Year);
    ind.responsible = "Skolchef".into();
    ind.subgoal = Some(id(101));
    a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
    a.answers.insert(
        keys::MEASURABILITY.into(),
        Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Partly), how: "Kolada, men bara årsvis.".into() }),
    );
    let b = g1.answers_mut(id(12));
    b.answers.insert(keys::EFFECT.into(), Answer::Text("Resultatet är minst 2 % av skatter och bidrag.".into()));
    b.answers.insert(
        keys::MEASURABILITY.into(),
        Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Yes), how: String::new() }),
    );

    let mut g2 = GroupFile::new(&w, &w.groups[1]);
    let a = g2.answers_mut(id(11));
    a.answers.insert(keys::EFFECT.into(), Answer::Text("Eleverna känner sig trygga.".into()));
    a.answers.insert(keys::SUBGOALS.into(), Answer::List(vec![item(111, "Trygg skolmiljö", "Rektorerna")]));
    let mut ind = indicator(211, "Trygghet i skolan");
    ind.source = "Elevenkät".into();
    ind.frequency = Some(Frequency::Other("vid behov".into()));
    ind.responsible = "Elevhälsan".into();
    ind.subgoal = Some(id(111));
    a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
    a.answers.insert(
        keys::MEASURABILITY.into(),
        Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Unsure), how: "Enkäten byts 2027.".into() }),
    );
    (w, vec![g1, g2])
}

/// The fixed document of the snapshots, with a dropped sub-goal and a flag
/// added as the merge would (the quality check is the real one).
fn fixed_document() -> Document<'static> {
    // The document borrows its texts; the test's sources live to its end.
    let (w, files) = fixed_workshop();
    let (w, files) = (Box::leak(Box::new(w)), Box::leak(Box::new(files)));
    let mut doc = Document::from_group_files(w, files, &WordLists::embedded());
    doc.goals[0].subgoals.push(SubGoal {
        text: "Läxhjälp på alla skolor".into(),
        owner: Text::default(),
        dropped: true,
        from: vec!["Grupp 2".into()],
        record: None,
    });
    doc.goals[0]
        .flags
        .push(Flag { kind: FlagKind::Duplicate, text: "Två grupper föreslår närliggande effekter.".into() });
    doc
}

#[test]
fn fixed_document_has_what_the_snapshots_show() {
    let doc = fixed_document();
    assert_eq!(doc.goals.len(), 2);
    assert_eq!(doc.goals[0].effects.len(), 2);
    assert_eq!(doc.goals[0].indicators[0].subgoal, "Alla elever läser på årskurs 3");
    assert_eq!(doc.goals[0].indicators[1].frequency, "vid behov");
    assert_eq!(doc.goals[0].effects[1].from, vec!["Grupp 2".to_string()]);
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!("markdown", export::markdown::render(&fixed_document()));
}

#[test]
fn snapshot_html() {
    insta::assert_snapshot!("html", export::html::render(&fixed_document()));
}

#[test]
fn snapshot_csv() {
    let bytes = export::csv::render(&fixed_document(), &Options::default()).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM by default");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"));
    insta::assert_snapshot!("csv", text.replace("\r\n", "⏎\n"));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("json", export::json::render(&fixed_document()).unwrap());
}

#[test]
fn snapshot_opml() {
    insta::assert_snapshot!("opml", export::opml::render(&fixed_document()));
}

#[test]
fn english_workshop_gets_english_labels() {
    let (mut w, files) = fixed_workshop();
    w.language = Lang::En;
    let doc = Document::from_group_files(&w, &files, &WordLists::embedded());
    let md = export::markdown::render(&doc);
    assert!(md.contains("## Groups and goals"), "{md}");
    assert!(md.contains("### Indicators"));
    assert!(!md.contains("Delmål"));
}

#[test]
fn single_group_document_has_no_attribution() {
    let (w, files) = fixed_workshop();
    let doc = Document::from_group_file(&w, &files[1], &WordLists::embedded());
    assert_eq!(doc.goals.len(), 1, "Grupp 2 was given one goal");
    let md = export::markdown::render(&doc);
    assert!(md.contains("Gruppens svar: Grupp 2"));
    assert!(!md.contains("förslag från"), "{md}");
    assert!(md.contains("Trygg skolmiljö"));
    assert!(!md.contains("Minskad frånvaro"), "another group's work stays out");
}

#[test]
fn csv_options_change_delimiter_and_bom() {
    let doc = fixed_document();
    let bytes = export::csv::render(&doc, &Options { delimiter: b',', bom: false }).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("Målkod,Mål,Indikator,"), "{text}");
    // "82,4" contains the delimiter: it is quoted.
    assert!(text.contains("\"82,4\""));
}

// ---------------------------------------------------------------- hostile content

/// Every text of the hostile document, with how often it must appear.
struct Texts {
    list: Vec<(String, Scope)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Title-block and goal-heading texts: at least once in the documents.
    Heading,
    /// Answers: exactly once in the documents.
    Answer,
    /// Indicator fields and their goal: also in the CSV and the XLSX.
    Indicator,
    /// Sub-goals: also on the XLSX goal sheet.
    SubGoal,
}

const LEADS: [&str; 7] = ["=", "+", "-", "@", "", "1. ", "# "];

impl Texts {
    fn next(&mut self, scope: Scope) -> String {
        let n = self.list.len();
        let lead = LEADS[n % LEADS.len()];
        let one = format!(
            "{lead}⟨F{n:03}⟩ <script>alert(\"x\")</script> <img src=x onerror=alert(1)> \
             [länk](javascript:alert(1)) **fet** _kursiv_ `kod` | a | b |\n\
             - punkt\n2) lista\n> citat\n---\n***\n    indraget\n\
             =SUM(A1:A9)\t+1 -1 @x\n\"dubbla\" 'enkla' 😀 &amp; &#60; \\ _x0041_ ]]> <!-- x --> ===\n\n\
             # rubrik ## <b>fet</b> &lt;"
        );
        let text = if n % 9 == 4 {
            // About 10 KB: the same hostile lines again and again.
            let mut t = one.clone();
            while t.len() < 10 * 1024 {
                t.push('\n');
                t.push_str(&one.replace(&format!("⟨F{n:03}⟩"), "⟨rep⟩"));
            }
            t
        } else {
            one
        };
        self.list.push((text.clone(), scope));
        text
    }

    fn from(&mut self) -> Vec<Text<'static>> {
        vec![self.text(Scope::Answer)]
    }

    /// [`Texts::next`] as a text of the document.
    fn text(&mut self, scope: Scope) -> Text<'static> {
        self.next(scope).into()
    }
}

fn hostile_document() -> (Document<'static>, Texts) {
    let mut t = Texts { list: Vec::new() };
    let mut doc = Document {
        lang: Lang::Sv,
        source: Source::Outline,
        title: t.text(Scope::Heading),
        organisation: t.text(Scope::Heading),
        plan: t.text(Scope::Heading),
        date: NaiveDate::from_ymd_opt(2027, 3, 16),
        groups: Vec::new(),
        goals: Vec::new(),
        quality: Vec::new(),
    };
    for _ in 0..2 {
        doc.groups.push(GroupEntry { name: t.text(Scope::Heading), goals: vec![t.text(Scope::Answer)] });
    }
    for _ in 0..2 {
        let mut g = GoalSection {
            code: t.text(Scope::Heading),
            wording: t.text(Scope::Heading),
            perspective: t.text(Scope::Answer),
            owner: t.text(Scope::Answer),
            ..GoalSection::default()
        };
        g.effects.push(Attributed::new(t.text(Scope::Answer), t.from()));
        for dropped in [false, true] {
            g.subgoals.push(SubGoal {
                text: t.text(Scope::SubGoal),
                owner: t.text(Scope::SubGoal),
                dropped,
                from: t.from(),
                record: None,
            });
        }
        for _ in 0..2 {
            g.indicators.push(IndicatorRow {
                name: t.text(Scope::Indicator),
                definition: t.text(Scope::Indicator),
                source: t.text(Scope::Indicator),
                kolada: t.text(Scope::Indicator),
                baseline: t.text(Scope::Indicator),
                baseline_year: t.text(Scope::Indicator),
                target: t.text(Scope::Indicator),
                target_year: t.text(Scope::Indicator),
                frequency: t.text(Scope::Indicator),
                responsible: t.text(Scope::Indicator),
                subgoal: t.text(Scope::Indicator),
                dropped: false,
                from: vec![t.text(Scope::Indicator)],
                record: None,
            });
        }
        g.verdicts.push(VerdictRow::new(Some(Verdict::No), t.text(Scope::Answer), t.from()));
        g.other.push(OtherAnswer { question: t.text(Scope::Heading), text: t.text(Scope::Answer), from: t.from() });
        g.flags.push(Flag { kind: FlagKind::Conflict, text: t.next(Scope::Answer) });
        doc.goals.push(g);
    }
    doc.quality.push(QualityNote {
        goal: t.next(Scope::Heading),
        group: t.next(Scope::Heading),
        score: 64,
        band: "Delvis",
        findings: vec![QualityFinding {
            severity: "Varning",
            code: "target-no-year",
            message: t.next(Scope::Answer),
            suggestion: t.next(Scope::Answer),
        }],
    });
    (doc, t)
}

/// Whitespace collapsed: line breaks and indentation are presentation in
/// some formats (Markdown trims lines, headings join them).
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Assert each text of the given scopes occurs in `haystack` (exactly once
/// for answers, at least once for headings), comparing squashed text.
fn assert_found(format: &str, haystack: &str, texts: &Texts, scopes: &[Scope], exact: bool) {
    let hay = squash(haystack);
    for (text, scope) in &texts.list {
        if !scopes.contains(scope) {
            continue;
        }
        let needle = squash(text);
        let count = hay.matches(&needle).count();
        let tag = &text[..text.find('⟩').map_or(10, |i| i + 3)];
        if exact && *scope != Scope::Heading {
            assert_eq!(count, 1, "{format}: {tag:?} found {count} times");
        } else {
            assert!(count >= 1, "{format}: {tag:?} lost");
        }
    }
}

const ALL: [Scope; 4] = [Scope::Heading, Scope::Answer, Scope::Indicator, Scope::SubGoal];

#[test]
fn hostile_markdown_keeps_its_structure_and_every_text() {
    use pulldown_cmark::{Event as Md, HeadingLevel, Options as MdOptions, Parser, Tag, TagEnd};
    let (doc, texts) = hostile_document();
    let md = export::markdown::render(&doc);
    let mut text = String::new();
    let mut headings: BTreeMap<HeadingLevel, usize> = BTreeMap::new();
    let (mut items, mut tables, mut rows, mut strong) = (0, 0, 0, 0);
    let mut cells_in_row = Vec::new();
    let mut cells = 0;
    for event in Parser::new_ext(&md, MdOptions::ENABLE_TABLES) {
        match event {
            Md::Text(t) => text.push_str(&t),
            Md::SoftBreak | Md::HardBreak => text.push('\n'),
            Md::InlineHtml(h) if &*h == "<br>" => text.push('\n'),
            Md::Start(Tag::Heading { level, .. }) => *headings.entry(level).or_default() += 1,
            Md::Start(Tag::Item) => items += 1,
            Md::Start(Tag::Table(_)) => tables += 1,
            Md::Start(Tag::TableRow) => {
                rows += 1;
                cells = 0;
            }
            Md::Start(Tag::TableCell) => cells += 1,
            Md::End(TagEnd::TableRow) | Md::End(TagEnd::TableHead) => {
                cells_in_row.push(cells);
                text.push(' ');
            }
            Md::Start(Tag::TableHead) => cells = 0,
            Md::Start(Tag::Strong) => strong += 1,
            Md::End(_) => text.push(' '),
            Md::Start(Tag::Emphasis) | Md::Start(Tag::Paragraph) | Md::Start(Tag::List(_)) => {}
            other => panic!("unexpected Markdown element from user text: {other:?}"),
        }
    }
    // Title, groups, 2 goals, quality, appendix.
    assert_eq!(headings.get(&HeadingLevel::H1), Some(&1));
    assert_eq!(headings.get(&HeadingLevel::H2), Some(&(1 + 2 + 1 + 1)));
    // Per goal: effect, sub-goals, indicators, measurability, other, flags; plus 2 appendix headings
    // and the quality note's goal.
    assert_eq!(headings.get(&HeadingLevel::H3), Some(&(2 * 6 + 2 + 1)));
    assert_eq!(tables, 2);
    assert_eq!(rows, 4, "one row per indicator");
    assert!(cells_in_row.iter().all(|&c| c == 12), "12 cells in every row: {cells_in_row:?}");
    // Facts (org, plan, date) + 2 groups + per goal (2 facts, effect, sub-goal, verdict, other, flag) + quality + 2 dropped.
    assert_eq!(items, 3 + 2 + 2 * 7 + 1 + 2);
    // Bold labels only where the renderer puts them: facts, groups, 2 × (2 facts, verdict, other, flag), quality goal.
    assert_eq!(strong, 3 + 2 + 2 * 5 + 1);
    assert_found("md", &text, &texts, &ALL, false);
    // Text escaped by the protocol is found back once; a table cell's `<br>` is not counted as text.
    assert_found("md", &text.replace("<br>", "\n"), &texts, &[Scope::Answer, Scope::Indicator, Scope::SubGoal], true);
}

/// Every element and attribute of a document, and its text with entities resolved.
struct Xml {
    elements: BTreeMap<String, usize>,
    attributes: BTreeMap<String, usize>,
    text: String,
    /// Values of `text` attributes (OPML).
    text_attrs: String,
    /// The text of each element named like the first of `breaks`.
    items: Vec<String>,
}

/// Read a whole XML document; `breaks` are the elements that separate lines
/// of text, `skipped` those whose text is not content (CSS, the page title).
fn read_xml(xml: &str, breaks: &[&str], skipped: &[&str]) -> Xml {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Xml {
        elements: BTreeMap::new(),
        attributes: BTreeMap::new(),
        text: String::new(),
        text_attrs: String::new(),
        items: Vec::new(),
    };
    let mut skip = false;
    let mut item: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                skip = skipped.contains(&name.as_str());
                if breaks.first() == Some(&name.as_str()) {
                    item = Some(String::new());
                }
                if breaks.contains(&name.as_str()) {
                    out.text.push('\n');
                }
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                    if key == "text" {
                        out.text_attrs.push_str(&a.unescape_value().unwrap());
                        out.text_attrs.push('\n');
                    }
                    *out.attributes.entry(key).or_default() += 1;
                }
                *out.elements.entry(name).or_default() += 1;
            }
            Event::End(e) => {
                skip = false;
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if breaks.contains(&name.as_str()) {
                    out.text.push('\n');
                }
                if breaks.first() == Some(&name.as_str()) {
                    out.items.extend(item.take());
                }
            }
            Event::Text(t) if !skip => {
                let t = t.decode().unwrap();
                out.text.push_str(&t);
                if let Some(i) = item.as_mut() {
                    i.push_str(&t);
                }
            }
            Event::GeneralRef(r) if !skip => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c,
                    None => match &*r.decode().unwrap() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity {other}"),
                    },
                };
                out.text.push(c);
                if let Some(i) = item.as_mut() {
                    i.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn hostile_html_shows_markup_as_text() {
    let (doc, texts) = hostile_document();
    let html = export::html::render(&doc);
    assert!(!html.to_lowercase().contains("<script"), "no script element");
    assert!(!html.contains("<img"));
    assert!(!html.contains("http://") && !html.contains("https://"), "no external resources");
    let xml = read_xml(&html, &["li", "p", "td", "th", "dd", "dt", "h1", "h2", "h3"], &["style", "title"]);
    let allowed = [
        "html", "head", "meta", "title", "style", "body", "header", "section", "h1", "h2", "h3", "p", "dl", "dt", "dd",
        "ul", "li", "span", "strong", "table", "thead", "tbody", "tr", "th", "td",
    ];
    for name in xml.elements.keys() {
        assert!(allowed.contains(&name.as_str()), "unexpected element <{name}>");
    }
    for name in xml.attributes.keys() {
        assert!(
            ["lang", "charset", "name", "content", "http-equiv", "class"].contains(&name.as_str()),
            "attribute {name}"
        );
    }
    assert_eq!(xml.elements.get("h2"), Some(&(1 + 2 + 1 + 1)));
    assert_eq!(xml.elements.get("tr"), Some(&(2 * 3)), "a header and two rows per table");
    assert_found("html", &xml.text, &texts, &ALL, true);
}

#[test]
fn hostile_opml_is_well_formed_and_lossless() {
    let (doc, texts) = hostile_document();
    let opml = export::opml::render(&doc);
    let xml = read_xml(&opml, &[], &[]);
    assert_eq!(xml.elements.get("opml"), Some(&1));
    assert_eq!(xml.attributes.keys().collect::<Vec<_>>(), vec!["text", "version"]);
    // Attribute values keep their line breaks exactly (as &#10;).
    for (text, scope) in &texts.list {
        if *scope != Scope::Heading {
            assert_eq!(xml.text_attrs.matches(text.as_str()).count(), 1, "opml: {}", &text[..12]);
        }
    }
    assert_found("opml", &format!("{}\n{}", xml.text, xml.text_attrs), &texts, &ALL, false);
}

#[test]
fn hostile_json_round_trips_every_text() {
    let (doc, texts) = hostile_document();
    let json = export::json::render(&doc).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], "malverkstad-export");
    assert_eq!(value["version"], 1);
    let strings = json_strings(&value);
    for (text, _) in &texts.list {
        assert_eq!(strings.iter().filter(|s| *s == text).count(), 1, "json: {}", &text[..12]);
    }
}

/// Every string value in a JSON document.
fn json_strings(v: &serde_json::Value) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut out);
    out
}

#[test]
fn hostile_csv_defuses_formulas_and_loses_nothing() {
    let (doc, texts) = hostile_document();
    let bytes = export::csv::render(&doc, &Options::default()).unwrap();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(true).from_reader(body);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 4, "one record per indicator");
    let mut cells: Vec<String> = Vec::new();
    for r in &records {
        assert_eq!(r.len(), 15);
        for cell in r {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "cell would be evaluated: {}", &cell[..10]);
            cells.push(cell.to_string());
        }
    }
    for (text, scope) in &texts.list {
        if *scope != Scope::Indicator {
            continue;
        }
        let expected = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.clone() };
        assert_eq!(cells.iter().filter(|c| **c == expected).count(), 1, "csv: {}", &text[..12]);
    }
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut file = archive.by_name(name).unwrap_or_else(|_| panic!("{name} in the zip"));
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    s
}

#[test]
fn hostile_docx_has_heading_styles_and_every_text() {
    let (doc, texts) = hostile_document();
    let bytes = export::docx::render(&doc).unwrap();
    let body = unzip(&bytes, "word/document.xml");
    let styles = unzip(&bytes, "word/styles.xml");
    for (id, name) in [("Heading1", "heading 1"), ("Heading2", "heading 2"), ("Heading3", "heading 3")] {
        assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "{id} defined");
        assert!(styles.contains(&format!("<w:name w:val=\"{name}\"/>")), "{name} named as Word's");
    }
    assert!(styles.contains("w:outlineLvl"), "headings have outline levels for the navigation pane");
    // Groups, 2 goals, quality, appendix.
    assert_eq!(body.matches("w:pStyle w:val=\"Heading1\"").count(), 1 + 2 + 1 + 1);
    assert_eq!(body.matches("<w:tbl>").count(), 2);
    let xml = read_xml(&body, &["w:p", "w:br", "w:tab"], &[]);
    // No text becomes a field (nothing evaluated) or a link.
    office::assert_only_own_fields(&body);
    assert_found("docx", &xml.text, &texts, &ALL, true);
}

/// Decode OOXML's `_xHHHH_` escapes (used for characters XML cannot hold).
fn ooxml_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let hex = tail.get(2..6).filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
        match (hex, tail.get(6..7)) {
            (Some(h), Some("_")) => {
                out.push(char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap());
                rest = &tail[7..];
            }
            _ => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn hostile_xlsx_stores_text_cells_only() {
    let (doc, texts) = hostile_document();
    let bytes = export::xlsx::render(&doc).unwrap();
    let workbook = unzip(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("name=\"Indikatorer\"") && workbook.contains("name=\"Mål\""), "{workbook}");
    for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        let xml = unzip(&bytes, sheet);
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "{sheet}: no formulas");
        assert!(xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""), "{sheet}: header frozen");
        assert!(xml.contains("<autoFilter ref=\"A1:"), "{sheet}: filter");
        assert!(xml.contains("<col "), "{sheet}: column widths");
    }
    let cells: Vec<String> =
        office::sheets(&bytes).into_iter().flat_map(|(_, rows)| rows.into_iter().flatten()).collect();
    for (text, scope) in &texts.list {
        if matches!(scope, Scope::Indicator | Scope::SubGoal) {
            assert!(cells.iter().any(|s| s == text), "xlsx: {}", &text[..12]);
        }
    }
}

#[test]
fn every_format_renders_through_the_dispatcher() {
    let doc = fixed_document();
    for format in Format::ALL {
        let bytes = export::render(&doc, format, &Options::default()).unwrap();
        assert!(bytes.len() > 100, "{format:?}");
    }
}

// ---------------------------------------------------------------- the command

mod cli {
    use super::*;
    use assert_cmd::Command;
    use malverkstad::store::{self, WorkshopDir};
    use std::fs;
    use std::path::Path;

    fn workshop_on_disk(root: &Path) -> WorkshopDir {
        let (w, files) = fixed_workshop();
        let dir = store::create_workshop_at(root, &w).unwrap();
        for (group, file) in w.groups.iter().zip(&files) {
            dir.save_group(group, file).unwrap();
        }
        dir
    }

    fn export(args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("malverkstad").unwrap().arg("--lang").arg("sv").arg("export").args(args).assert()
    }

    #[test]
    fn exports_to_the_workshop_folder_and_never_overwrites_without_force() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = workshop_on_disk(&tmp.path().join("ks"));
        let root = dir.root.to_str().unwrap();
        let out = dir.exports_dir().join("ks-arbetsdag-2027-03-16.md");
        export(&[root, "--format", "md"]).success().stdout(predicates::str::contains(out.to_str().unwrap()));
        let first = fs::read_to_string(&out).unwrap();
        assert!(first.contains("Andel behöriga till yrkesprogram"));
        fs::write(&out, "edited by hand").unwrap();
        export(&[root, "--format", "md"]).code(1).stderr(predicates::str::contains("--force"));
        assert_eq!(fs::read_to_string(&out).unwrap(), "edited by hand");
        export(&[root, "--format", "md", "--force"]).success();
        assert_eq!(fs::read_to_string(&out).unwrap(), first);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_at_the_output_is_never_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = workshop_on_disk(&tmp.path().join("ks"));
        let victim = tmp.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let out = tmp.path().join("out.html");
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        let root = dir.root.to_str().unwrap();
        // Refused with and without --force (issue 13): a symlink is not a
        // regular file, and it is left as it is.
        export(&[root, "--format", "html", "-o", out.to_str().unwrap()]).code(2);
        export(&[root, "--format", "html", "-o", out.to_str().unwrap(), "--force"]).code(2);
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
    }

    #[test]
    fn a_single_group_file_exports_that_groups_work() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = workshop_on_disk(&tmp.path().join("ks"));
        let file = dir.groups_dir().join("grupp-2.ron");
        export(&[file.to_str().unwrap(), "--format", "csv", "--delimiter", ",", "--no-bom"]).success();
        let out = dir.exports_dir().join("ks-arbetsdag-grupp-2-2027-03-16.csv");
        let csv = fs::read_to_string(out).unwrap();
        assert!(csv.starts_with("Målkod,Mål,"), "no BOM, comma: {csv}");
        assert!(csv.contains("Trygghet i skolan"));
        assert!(!csv.contains("Andel behöriga"), "only the group's own indicators");
    }

    #[test]
    fn a_bad_delimiter_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = workshop_on_disk(&tmp.path().join("ks"));
        export(&[dir.root.to_str().unwrap(), "--format", "csv", "--delimiter", ";;"])
            .failure()
            .stderr(predicates::str::contains("--delimiter"));
        assert_eq!(fs::read_dir(dir.exports_dir()).unwrap().count(), 0);
    }

    #[test]
    fn every_format_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = workshop_on_disk(&tmp.path().join("ks"));
        for format in Format::ALL {
            export(&[dir.root.to_str().unwrap(), "--format", format.extension()]).success();
            let out = dir.exports_dir().join(format!("ks-arbetsdag-2027-03-16.{}", format.extension()));
            assert!(fs::metadata(&out).unwrap().len() > 100, "{out:?}");
        }
    }
}

#[test]
fn every_export_message_exists_in_both_languages_with_the_same_placeholders() {
    use malverkstad::i18n::export::T;
    let placeholders = |s: &str| {
        let mut names: Vec<String> =
            s.split('{').skip(1).filter_map(|p| p.split('}').next()).map(String::from).collect();
        names.sort();
        names
    };
    for key in T::ALL {
        let (sv, en) = (key.get(Lang::Sv), key.get(Lang::En));
        assert!(!sv.is_empty() && !en.is_empty(), "{key:?}");
        assert_eq!(placeholders(sv), placeholders(en), "{key:?}");
    }
}
