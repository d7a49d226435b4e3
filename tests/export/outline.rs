//! The merged outline as an export: the demo workshop's outline in every
//! text format (snapshots), provenance of folded items, conflicts marked,
//! dropped items in the appendix only, hostile text through the outline path,
//! and `export WORKSHOP` merging first only when a group file's content changed.

use std::fs;

use malverkstad::domain::merge::{self, review, Input};
use malverkstad::domain::outline::Outline;
use malverkstad::store::WorkshopDir;

use super::*;

fn merged(w: &Workshop, files: &[(String, GroupFile)]) -> Outline {
    let inputs: Vec<Input> = files.iter().map(|(name, file)| Input::Group { source: name, file }).collect();
    merge::merge(w, &inputs, None).unwrap()
}

/// The demo as installed by `malverkstad demo`, read back from disk.
fn demo() -> (tempfile::TempDir, WorkshopDir, Workshop, Vec<(String, GroupFile)>) {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = malverkstad::demo::install(tmp.path(), false).unwrap();
    let w = dir.load_workshop().unwrap();
    let files =
        w.groups.iter().filter_map(|g| dir.load_group(g).unwrap().map(|f| (format!("{}.ron", g.slug), f))).collect();
    (tmp, dir, w, files)
}

/// The demo's outline after a review: the first goal's first sub-goal
/// dropped, its second accepted, and its last indicator dropped; with the
/// group files it was merged from.
fn demo_outline() -> (Workshop, Outline, Vec<GroupFile>) {
    let (_tmp, _dir, w, files) = demo();
    let mut outline = merged(&w, &files);
    let first = outline.goals.iter().find(|g| !g.subgoals().is_empty()).expect("the demo has sub-goals");
    let (sub_drop, sub_keep) = (first.subgoals()[0].key, first.subgoals().get(1).map(|i| i.key));
    let ind_drop = first.indicators().last().map(|i| i.key);
    review::apply(&mut outline, &review::Op::Drop(sub_drop)).unwrap();
    if let Some(k) = sub_keep {
        review::apply(&mut outline, &review::Op::Accept(k)).unwrap();
    }
    if let Some(k) = ind_drop {
        review::apply(&mut outline, &review::Op::Drop(k)).unwrap();
    }
    (w, outline, files.into_iter().map(|(_, f)| f).collect())
}

fn demo_document() -> Document<'static> {
    // The document borrows its texts; the test's sources live to its end.
    let (w, outline, files) = demo_outline();
    let (w, outline) = (Box::leak(Box::new(w)), Box::leak(Box::new(outline)));
    Document::from_outline(w, outline, &files, &WordLists::embedded())
}

#[test]
fn demo_outline_snapshots() {
    let doc = demo_document();
    insta::assert_snapshot!("demo_outline_md", export::markdown::render(&doc));
    insta::assert_snapshot!("demo_outline_html", export::html::render(&doc));
    let csv = String::from_utf8(export::csv::render(&doc, &Options::default()).unwrap()).unwrap();
    insta::assert_snapshot!("demo_outline_csv", csv.replace("\r\n", "⏎\n"));
    insta::assert_snapshot!("demo_outline_json", export::json::render(&doc).unwrap());
    insta::assert_snapshot!("demo_outline_opml", export::opml::render(&doc));
}

#[test]
fn the_outline_keeps_workshop_order_and_puts_dropped_items_in_the_appendix_only() {
    let (w, outline, files) = demo_outline();
    let doc = Document::from_outline(&w, &outline, &files, &WordLists::embedded());
    assert_eq!(doc.source, Source::Outline);
    let codes: Vec<&str> = doc.goals.iter().map(|g| g.code.as_ref()).collect();
    let expected: Vec<&str> = w.goals.iter().filter_map(|g| g.code.as_deref()).take(codes.len()).collect();
    assert_eq!(codes, expected, "workshop order");
    // One quality note per goal and group given it (the demo's groups all
    // answer the goals they were given), each naming its group.
    let given: usize = w.groups.iter().map(|g| g.goals.len()).sum();
    assert_eq!(doc.quality.len(), given, "one quality note per goal and group");
    assert!(doc.quality.iter().all(|q| w.groups.iter().any(|g| g.name == q.group)));

    let dropped = doc.goals.iter().flat_map(|g| g.subgoals.iter()).find(|s| s.dropped).expect("a dropped sub-goal");
    let md = export::markdown::render(&doc);
    let (body, appendix) = md.split_once("## Bilaga").expect("an appendix");
    let needle = escape_md(&dropped.text);
    assert!(appendix.contains(&needle), "dropped sub-goal in the appendix");
    // Not in the goal's list of sub-goals (an indicator linked to it still names it).
    assert!(!body.lines().any(|l| l.starts_with(&format!("- {needle}"))), "not in the goal's list");
    assert!(appendix.lines().any(|l| l.starts_with(&format!("- {needle}"))));
    let ind = doc.goals.iter().flat_map(|g| g.indicators.iter()).find(|i| i.dropped).expect("a dropped indicator");
    let csv = String::from_utf8(export::csv::render(&doc, &Options::default()).unwrap()).unwrap();
    assert!(!csv.contains(&format!(";{};", ind.name)), "a dropped indicator is not a row to import");
    assert!(appendix.contains(&escape_md(&ind.name)));
}

fn short(s: &str) -> String {
    s.chars().take(12).collect()
}

fn escape_md(s: &str) -> String {
    export::escape::md_string(s)
}

/// Two groups write the same sub-goal (folded: both named), and two copies
/// of Grupp 1's file disagree (a conflict, with both versions and files).
#[test]
fn folded_items_name_every_group_and_conflicts_are_marked() {
    let (w, files) = fixed_workshop();
    let (mut g1, mut g2) = (files[0].clone(), files[1].clone());
    let goal = w.goals[0].id;
    let shared = |n: u128| item(n, "Gemensamt delmål", "Rektorerna");
    for (f, n) in [(&mut g1, 901), (&mut g2, 902)] {
        if let Some(Answer::List(items)) = f.answers_mut(goal).answers.get_mut(keys::SUBGOALS) {
            items.push(shared(n));
        }
    }
    let mut copy = g1.clone();
    copy.answers_mut(goal).answers.insert(keys::EFFECT.into(), Answer::Text("En annan effekt i kopian.".into()));
    if let Some(Answer::List(items)) = copy.answers_mut(goal).answers.get_mut(keys::SUBGOALS) {
        items[0].text = "Alla elever läser på årskurs 2".into();
    }
    let outline =
        merged(&w, &[("grupp-1.ron".into(), g1), ("grupp-1 (1).ron".into(), copy), ("grupp-2.ron".into(), g2)]);
    let doc = Document::from_outline(&w, &outline, &[], &WordLists::embedded());
    let g = &doc.goals[0];
    let folded = g.subgoals.iter().find(|s| s.text == "Gemensamt delmål").expect("folded item");
    assert_eq!(folded.from, vec!["Grupp 1".to_string(), "Grupp 2".to_string()]);
    assert_eq!(g.subgoals.iter().filter(|s| s.text == "Gemensamt delmål").count(), 1, "shown once");
    let conflicts: Vec<&str> =
        g.flags.iter().filter(|f| f.kind == FlagKind::Conflict).map(|f| f.text.as_str()).collect();
    assert!(
        conflicts.iter().any(|c| c.contains("årskurs 2") && c.contains("årskurs 3") && c.contains("från Grupp 1")),
        "both versions and the group named: {conflicts:?}"
    );
    assert!(conflicts.iter().any(|c| c.contains("Grupp 1") && c.contains("Önskad effekt")), "{conflicts:?}");
    assert_eq!(g.effects.iter().filter(|e| e.from == ["Grupp 1"]).count(), 2, "both effect versions shown");
    let md = export::markdown::render(&doc);
    assert!(md.contains("### Att uppmärksamma") && md.contains("**Konflikt:**"), "{md}");
    assert!(md.contains("*(förslag från Grupp 1, Grupp 2)*"), "{md}");
}

/// Hostile text in every field the groups and the facilitator type, through
/// merge and `from_outline`, into every format.
#[test]
fn hostile_text_through_the_outline_path() {
    use pulldown_cmark::{Event as Md, Options as MdOptions, Parser, Tag};
    let mut t = Texts { list: Vec::new() };
    let (mut w, _) = fixed_workshop();
    w.title = t.next(Scope::Heading);
    w.organisation = t.next(Scope::Heading);
    w.goals[0].wording = t.next(Scope::Heading);
    w.groups[0].name = t.next(Scope::Heading);
    let goal = w.goals[0].id;
    let mut f = GroupFile::new(&w, &w.groups[0]);
    let sub = item(950, &t.next(Scope::SubGoal), &t.next(Scope::SubGoal));
    let mut ind = indicator(951, &t.next(Scope::Indicator));
    ind.definition = t.next(Scope::Indicator);
    ind.source = t.next(Scope::Indicator);
    ind.baseline = Measure { value: t.next(Scope::Indicator), year: t.next(Scope::Indicator) };
    ind.target = Measure { value: t.next(Scope::Indicator), year: t.next(Scope::Indicator) };
    ind.frequency = Some(Frequency::Other(t.next(Scope::Indicator)));
    ind.responsible = t.next(Scope::Indicator);
    ind.subgoal = Some(sub.id);
    let a = f.answers_mut(goal);
    a.answers.insert(keys::EFFECT.into(), Answer::Text(t.next(Scope::Answer)));
    a.answers.insert(keys::SUBGOALS.into(), Answer::List(vec![sub]));
    a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
    a.answers.insert(
        keys::MEASURABILITY.into(),
        Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::No), how: t.next(Scope::Answer) }),
    );
    let outline = merged(&w, &[("grupp-1.ron".into(), f.clone())]);
    let doc = Document::from_outline(&w, &outline, &[f], &WordLists::embedded());

    let md = export::markdown::render(&doc);
    let mut text = String::new();
    for event in Parser::new_ext(&md, MdOptions::ENABLE_TABLES) {
        match event {
            Md::Text(s) => text.push_str(&s),
            Md::SoftBreak | Md::HardBreak => text.push('\n'),
            Md::InlineHtml(h) if &*h == "<br>" => text.push('\n'),
            Md::Html(h) | Md::InlineHtml(h) => panic!("HTML from user text: {h}"),
            Md::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::BlockQuote(_)) => {
                panic!("structure from user text: {event:?}")
            }
            Md::End(_) => text.push(' '),
            _ => {}
        }
    }
    assert_found("md", &text.replace("<br>", "\n"), &t, &ALL, false);

    let html = export::html::render(&doc);
    assert!(!html.to_lowercase().contains("<script") && !html.contains("<img"), "markup shown as text");
    let xml = read_xml(&html, &["li", "p", "td", "th", "dd", "dt", "h1", "h2", "h3"], &["style", "title"]);
    assert!(xml
        .attributes
        .keys()
        .all(|a| ["lang", "charset", "name", "content", "http-equiv", "class"].contains(&a.as_str())));
    assert_found("html", &xml.text, &t, &ALL, false);

    let opml = read_xml(&export::opml::render(&doc), &[], &[]);
    assert_found("opml", &format!("{}\n{}", opml.text, opml.text_attrs), &t, &ALL, false);

    let docx = export::docx::render(&doc).unwrap();
    let body = read_xml(&unzip(&docx, "word/document.xml"), &["w:p", "w:br", "w:tab"], &[]);
    super::office::assert_only_own_fields(&unzip(&docx, "word/document.xml"));
    assert_found("docx", &body.text, &t, &ALL, false);

    let xlsx = export::xlsx::render(&doc).unwrap();
    for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"] {
        let xml = unzip(&xlsx, sheet);
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "{sheet}: no formulas");
    }
    let shared = unzip(&xlsx, "xl/sharedStrings.xml");
    let strings: Vec<String> = read_xml(&shared, &["si"], &[]).items.iter().map(|s| ooxml_unescape(s)).collect();
    for (text, scope) in &t.list {
        if matches!(scope, Scope::Indicator | Scope::SubGoal) {
            assert!(strings.iter().any(|s| s == text), "xlsx lost {}", short(text));
        }
    }

    let csv = export::csv::render(&doc, &Options::default()).unwrap();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&csv[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    for cell in &records[0] {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "evaluated: {}", short(cell));
    }

    let json: serde_json::Value = serde_json::from_str(&export::json::render(&doc).unwrap()).unwrap();
    let strings = json_strings(&json);
    for (text, _) in &t.list {
        assert!(strings.iter().any(|s| s.contains(text.as_str())), "json lost {}", short(text));
    }
}

mod cli {
    use super::*;
    use assert_cmd::Command;
    use malverkstad::store;

    fn export(root: &str) -> String {
        let out = Command::cargo_bin("malverkstad")
            .unwrap()
            .args(["--lang", "sv", "export", root, "--format", "md", "--force"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn export_merges_first_only_when_a_group_file_changed_in_content() {
        let tmp = tempfile::tempdir().unwrap();
        let (w, files) = fixed_workshop();
        let dir = store::create_workshop_at(&tmp.path().join("ks"), &w).unwrap();
        for (group, file) in w.groups.iter().zip(&files) {
            dir.save_group(group, file).unwrap();
        }
        let root = dir.root.to_str().unwrap();
        let md_path = dir.exports_dir().join("ks-arbetsdag-2027-03-16.md");

        assert!(export(root).contains("slogs samman först"), "no outline.ron: merged first");
        let md = fs::read_to_string(&md_path).unwrap();
        assert!(md.contains("Sammanställning") && md.contains("## Kvalitetsgranskning"), "{md}");

        // The facilitator drops an item; the outline is current: no merge.
        let mut outline = dir.load_outline().unwrap().unwrap();
        let (key, dropped) = (outline.goals[0].subgoals()[0].key, outline.goals[0].subgoals()[0].text.clone());
        review::apply(&mut outline, &review::Op::Drop(key)).unwrap();
        dir.save_outline(&outline).unwrap();
        let saved = fs::read(dir.outline_path()).unwrap();
        // A group file saved again with the same content (a new mtime) is not a change.
        dir.save_group(&w.groups[1], &files[1]).unwrap();
        assert!(!export(root).contains("slogs samman"), "current: nothing merged");
        assert_eq!(fs::read(dir.outline_path()).unwrap(), saved, "outline.ron untouched");

        // Grupp 2 adds a sub-goal: merged again, the drop kept.
        let mut g2 = files[1].clone();
        if let Some(Answer::List(items)) = g2.answers_mut(w.goals[0].id).answers.get_mut(keys::SUBGOALS) {
            items.push(item(990, "Nytt delmål efter sammanställningen", ""));
        }
        dir.save_group(&w.groups[1], &g2).unwrap();
        assert!(export(root).contains("ändrats sedan sammanställningen"));
        let md = fs::read_to_string(&md_path).unwrap();
        assert!(md.contains("Nytt delmål efter sammanställningen"), "{md}");
        let appendix = md.split_once("## Bilaga").expect("the dropped item is still dropped").1;
        assert!(appendix.contains(&export::escape::md_string(&dropped)), "{appendix}");
        assert_eq!(dir.load_outline().unwrap().unwrap().decisions.len(), outline.decisions.len(), "decisions kept");
    }
}
