//! Issue #14, defects 1 and 2: items with the same name or text but other
//! details are versions of one item, each credited to its own group, in the
//! outline, the plenary and every export format.

use malverkstad::domain::merge::{self, Input};
use malverkstad::domain::outline::{Field, Outline};

use super::*;

/// Grupp 1 and Grupp 2 both write the indicator "Andel behöriga" (targets 80
/// and 90) and the sub-goal "Alla läser varje dag" (owners Grundskolan and
/// Kulturskolan).
fn same_names() -> (Workshop, Vec<(String, GroupFile)>) {
    let (w, _) = fixed_workshop();
    let goal = w.goals[0].id;
    let mut files = Vec::new();
    for (n, (target, owner)) in [("80", "Grundskolan"), ("90", "Kulturskolan")].into_iter().enumerate() {
        let mut f = GroupFile::new(&w, &w.groups[n]);
        let mut ind = indicator(700 + n as u128, "Andel behöriga");
        ind.target = Measure { value: target.into(), year: "2029".into() };
        let a = f.answers_mut(goal);
        a.answers
            .insert(keys::SUBGOALS.into(), Answer::List(vec![item(800 + n as u128, "Alla läser varje dag", owner)]));
        a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
        files.push((format!("grupp-{}.ron", n + 1), f));
    }
    (w, files)
}

fn merged(w: &Workshop, files: &[(String, GroupFile)]) -> Outline {
    let inputs: Vec<Input> = files.iter().map(|(name, file)| Input::Group { source: name, file }).collect();
    merge::merge(w, &inputs, None).unwrap()
}

/// Lines of `text` that hold `needle`.
fn lines_with<'t>(text: &'t str, needle: &str) -> Vec<&'t str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

/// Each value is on a line credited to its own group and never to the other.
fn credited(format: &str, text: &str, value: &str, group: &str, other: &str) {
    let lines = lines_with(text, value);
    assert!(!lines.is_empty(), "{format}: {value} missing:\n{text}");
    assert!(lines.iter().all(|l| l.contains(group) && !l.contains(other)), "{format}: {value} → {group}: {lines:?}");
}

#[test]
fn same_name_different_details_are_versions_each_credited_to_its_group() {
    let (w, files) = same_names();
    let outline = merged(&w, &files);
    let goal = &outline.goals[0];
    assert_eq!(goal.indicators().len(), 1, "one item, two versions");
    assert_eq!(goal.indicators()[0].flags.differs, vec![Field::Target]);
    assert_eq!(goal.subgoals()[0].flags.differs, vec![Field::Owner]);

    let doc = Document::from_outline(&w, &outline, &[], &WordLists::embedded());
    let g = &doc.goals[0];
    let targets: Vec<(&str, Vec<&str>)> =
        g.indicators.iter().map(|i| (i.target.as_ref(), i.from.iter().map(|f| f.as_ref()).collect())).collect();
    assert_eq!(targets, [("80", vec!["Grupp 1"]), ("90", vec!["Grupp 2"])]);
    let owners: Vec<(&str, Vec<&str>)> =
        g.subgoals.iter().map(|s| (s.owner.as_ref(), s.from.iter().map(|f| f.as_ref()).collect())).collect();
    assert_eq!(owners, [("Grundskolan", vec!["Grupp 1"]), ("Kulturskolan", vec!["Grupp 2"])]);
    assert!(g.flags.iter().any(|f| f.text.contains("Samma namn, olika uppgifter") && f.text.contains("Målvärde")));

    let md = export::markdown::render(&doc);
    credited("md", &md, "| 90 |", "Grupp 2", "Grupp 1");
    credited("md", &md, "| 80 |", "Grupp 1", "Grupp 2");
    credited("md", &md, "Kulturskolan", "Grupp 2", "Grupp 1");
    credited("md", &md, "Grundskolan *(", "Grupp 1", "Grupp 2");
    let csv = String::from_utf8(export::csv::render(&doc, &Options::default()).unwrap()).unwrap();
    credited("csv", &csv, ";90;", "Grupp 2", "Grupp 1");
    credited("csv", &csv, ";80;", "Grupp 1", "Grupp 2");
    let opml = export::opml::render(&doc);
    credited("opml", &opml, "Kulturskolan", "Grupp 2", "Grupp 1");
    let json: serde_json::Value = serde_json::from_str(&export::json::render(&doc).unwrap()).unwrap();
    let inds = &json["goals"][0]["indicators"];
    assert_eq!(inds[1]["target"], "90");
    assert_eq!(inds[1]["from"], serde_json::json!(["Grupp 2"]));
    assert_eq!(inds[1]["record"]["differs"], serde_json::json!(["Målvärde"]));
    let subs = &json["goals"][0]["subgoals"];
    assert_eq!(subs[1]["owner"], "Kulturskolan");
    assert_eq!(subs[1]["from"], serde_json::json!(["Grupp 2"]));
    let docx = unzip(&export::docx::render(&doc).unwrap(), "word/document.xml");
    assert!(docx.contains("Kulturskolan") && docx.contains("Grundskolan"), "docx has both owners");
    let xlsx = export::xlsx::render(&doc).unwrap();
    let strings = unzip(&xlsx, "xl/sharedStrings.xml");
    assert!(strings.contains("Kulturskolan") && strings.contains("Grundskolan"), "xlsx has both owners");
    // The targets are numbers (issue #17).
    let cells: Vec<String> =
        super::office::sheets(&xlsx).into_iter().flat_map(|(_, rows)| rows.into_iter().flatten()).collect();
    assert!(cells.contains(&"90".to_string()) && cells.contains(&"80".to_string()), "xlsx has both targets");
}

#[test]
fn the_plenary_shows_each_version_with_its_group() {
    let (w, files) = same_names();
    let outline = merged(&w, &files);
    let group_files: std::collections::BTreeMap<Uuid, &GroupFile> = files.iter().map(|(_, f)| (f.group, f)).collect();
    let board = malverkstad::app::plenary::model::build(&w, &group_files, &outline, &WordLists::embedded());
    let goal = &board.goals[0];
    let subs: Vec<(&str, &[String], bool)> =
        goal.subgoals.iter().map(|s| (s.owner.as_str(), s.groups.as_slice(), s.differs)).collect();
    assert_eq!(
        subs,
        [("Grundskolan", &["Grupp 1".to_string()][..], true), ("Kulturskolan", &["Grupp 2".to_string()][..], true)]
    );
    let targets: Vec<(&str, &[String])> =
        goal.indicators.iter().map(|i| (i.target.value.as_str(), i.groups.as_slice())).collect();
    assert_eq!(targets, [("80", &["Grupp 1".to_string()][..]), ("90", &["Grupp 2".to_string()][..])]);
}

/// Fully equal items still fold: one row, both groups.
#[test]
fn items_equal_in_every_field_fold_into_one_row() {
    let (w, mut files) = same_names();
    let goal = w.goals[0].id;
    if let Some(Answer::Indicators(inds)) = files[1].1.answers_mut(goal).answers.get_mut(keys::INDICATORS) {
        inds[0].target.value = "80".into();
    }
    if let Some(Answer::List(items)) = files[1].1.answers_mut(goal).answers.get_mut(keys::SUBGOALS) {
        items[0].owner = "grundskolan".into();
    }
    let outline = merged(&w, &files);
    let doc = Document::from_outline(&w, &outline, &[], &WordLists::embedded());
    let g = &doc.goals[0];
    assert_eq!(g.indicators.len(), 1);
    assert_eq!(g.indicators[0].from, ["Grupp 1", "Grupp 2"]);
    assert_eq!(g.subgoals.len(), 1);
    assert!(outline.goals[0].indicators()[0].flags.differs.is_empty());
}

/// Issue #14, defect 4: a facilitator's edit was credited plainly to the
/// group, the groups' own wording was in no export, and no export said
/// whether an item was accepted, undecided, dropped, edited or combined.
#[test]
fn every_export_carries_the_decision_and_the_groups_original_wording() {
    use malverkstad::domain::merge::review::{apply, Op};
    let (w, mut files) = same_names();
    let goal = w.goals[0].id;
    if let Some(Answer::List(items)) = files[1].1.answers_mut(goal).answers.get_mut(keys::SUBGOALS) {
        items.push(item(810, "Läxhjälp på alla skolor", ""));
        items.push(item(811, "Fler bibliotek", ""));
        items.push(item(812, "Bibliotek i alla skolor", ""));
    }
    let mut outline = merged(&w, &files);
    apply(&mut outline, &Op::Edit(id(800), Some("Alla barn läser varje dag".into()))).unwrap();
    apply(&mut outline, &Op::Accept(id(800))).unwrap();
    apply(&mut outline, &Op::Combine { items: vec![id(811), id(812)], text: None }).unwrap();
    apply(&mut outline, &Op::Drop(id(810))).unwrap();
    let doc = Document::from_outline(&w, &outline, &[], &WordLists::embedded());
    let g = &doc.goals[0];
    let edited = g.subgoals.iter().find(|s| s.text == "Alla barn läser varje dag").expect("edited");
    let record = edited.record.as_ref().expect("a record");
    assert!(record.edited && !record.combined);
    assert_eq!(record.original[0].text, "Alla läser varje dag");
    assert_eq!(record.original[0].from, ["Grupp 1", "Grupp 2"]);

    let mark = "[godkänd, redigerad] Gruppernas lydelse: \"Alla läser varje dag\" (Grupp 1, Grupp 2)";
    let md = export::markdown::render(&doc);
    assert!(md.contains(&export::escape::md_string(mark)), "{md}");
    assert!(md.contains("\\[ej beslutad\\]"), "undecided items say so: {md}");
    let (_, appendix) = md.split_once("## Bilaga").expect("an appendix");
    assert!(appendix.contains("Läxhjälp på alla skolor *(förslag från Grupp 2)*"), "dropped, with who: {appendix}");
    let html = export::html::render(&doc);
    assert!(html.contains("[godkänd, redigerad] Gruppernas lydelse: &quot;Alla läser varje dag&quot;"), "{html}");
    let csv = String::from_utf8(export::csv::render(&doc, &Options::default()).unwrap()).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(";Status"), "{csv}");
    assert!(csv.contains(";[ej beslutad] Samma namn, olika uppgifter: Målvärde"), "{csv}");
    assert!(md.contains("Fler bibliotek *(förslag från Grupp 2)* — \\[ej beslutad, sammanslagen\\] Gruppernas lydelse: \"Fler bibliotek\" (Grupp 2); \"Bibliotek i alla skolor\" (Grupp 2)"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&export::json::render(&doc).unwrap()).unwrap();
    let subs = json["goals"][0]["subgoals"].as_array().unwrap();
    let rec = subs.iter().find(|s| s["text"] == "Alla barn läser varje dag").unwrap()["record"].clone();
    assert_eq!(rec["status"], "accepted");
    assert_eq!(rec["edited"], true);
    assert_eq!(rec["original"][0]["text"], "Alla läser varje dag");
    let dropped = subs.iter().find(|s| s["text"] == "Läxhjälp på alla skolor").unwrap();
    assert_eq!(dropped["record"]["status"], "dropped");
    let opml = export::opml::render(&doc);
    assert!(opml.contains("status=\"accepted\" edited=\"true\" original=\"&quot;Alla läser varje dag&quot;"), "{opml}");
    assert!(opml.contains("status=\"open\" combined=\"true\""), "{opml}");
    let docx = unzip(&export::docx::render(&doc).unwrap(), "word/document.xml");
    assert!(
        docx.contains("Gruppernas lydelse: &quot;Alla läser varje dag&quot;")
            || docx.contains("Gruppernas lydelse: \"Alla läser varje dag\""),
        "docx"
    );
    let strings = unzip(&export::xlsx::render(&doc).unwrap(), "xl/sharedStrings.xml");
    assert!(strings.contains(">Status<") && strings.contains("redigerad"), "xlsx");
}

/// Issue #14 (smaller defects): the plenary left out answers to questions
/// the facilitator added; they now show under the question's text.
#[test]
fn the_plenary_shows_answers_to_added_questions_under_their_text() {
    use malverkstad::domain::model::{Bilingual, Question, QuestionKind};
    let (mut w, mut files) = same_names();
    w.questions.push(Question {
        key: "resurser".into(),
        kind: QuestionKind::Text,
        prompt: Bilingual::new("Vilka resurser behövs?", "Which resources are needed?"),
        guidance: Bilingual::new("", ""),
    });
    files[1].1.answers_mut(w.goals[0].id).answers.insert("resurser".into(), Answer::Text("Två lärare till.".into()));
    let outline = merged(&w, &files);
    let group_files: std::collections::BTreeMap<Uuid, &GroupFile> = files.iter().map(|(_, f)| (f.group, f)).collect();
    let board = malverkstad::app::plenary::model::build(&w, &group_files, &outline, &WordLists::embedded());
    let other = &board.goals[0].other;
    assert_eq!(other.len(), 1);
    assert_eq!(other[0].question, "Vilka resurser behövs?");
    assert_eq!(other[0].answers, [("Grupp 2".to_string(), "Två lärare till.".to_string())]);
    // The exports name it by its text too.
    let doc = Document::from_outline(&w, &outline, &[], &WordLists::embedded());
    assert!(doc.goals[0].other.iter().any(|o| o.question == "Vilka resurser behövs?" && o.from == ["Grupp 2"]));
}

/// Issue #17: two copies of Grupp 1's file (a sync tool's "grupp-1 (1).ron")
/// disagree about the desired effect and a sub-goal. Every export's note
/// names the group and when each version was saved, not the file names.
#[test]
fn conflict_notes_name_the_group_and_when_each_version_was_saved() {
    use chrono::{DateTime, Local, Utc};
    let (w, files) = same_names();
    let goal = w.goals[0].id;
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let (early, late) = (at("2026-12-04T09:42:00Z"), at("2026-12-04T09:57:00Z"));
    let mut first = files[0].1.clone();
    first.saved_at = Some(early);
    first.answers_mut(goal).answers.insert(keys::EFFECT.into(), Answer::Text("Fler elever läser.".into()));
    let mut copy = first.clone();
    copy.saved_at = Some(late);
    copy.answers_mut(goal).answers.insert(keys::EFFECT.into(), Answer::Text("Alla elever läser.".into()));
    if let Some(Answer::List(items)) = copy.answers_mut(goal).answers.get_mut(keys::SUBGOALS) {
        items[0].text = "Alla läser varje vecka".into();
    }
    let outline = merged(&w, &[("grupp-1.ron".into(), first), ("grupp-1 (1).ron".into(), copy)]);
    // Recorded at merge time, and kept through outline.ron.
    let saved = malverkstad::store::codec::to_ron(&outline).unwrap();
    let read = |ron: &str| -> Outline {
        let mut o = malverkstad::store::codec::from_bytes(std::path::Path::new("outline.ron"), ron.as_bytes())
            .expect("outline.ron reads back");
        merge::refresh(&mut o);
        o
    };
    let outline = read(&saved);
    let clock = |t: DateTime<Utc>| t.with_timezone(&Local).format("%H:%M").to_string();
    let times = format!("sparad {} och {}", clock(early), clock(late));

    let doc = Document::from_outline(&w, &outline, &[], &WordLists::embedded());
    let notes: Vec<&str> =
        doc.goals[0].flags.iter().filter(|f| f.kind == FlagKind::Conflict).map(|f| f.text.as_str()).collect();
    assert!(
        notes.iter().any(|n| n.starts_with("Två versioner av ") && n.contains("från Grupp 1: sparad")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains(&times)), "{times} in {notes:?}");
    let item = notes.iter().find(|n| n.contains("Alla läser varje vecka")).expect("the sub-goal's note");
    assert!(item.contains("från Grupp 1") && item.contains(&format!("(sparad {})", clock(late))), "{item}");
    let md = export::markdown::render(&doc);
    let html = export::html::render(&doc);
    let json = export::json::render(&doc).unwrap();
    let docx = unzip(&export::docx::render(&doc).unwrap(), "word/document.xml");
    for (format, text) in [("md", &md), ("html", &html), ("json", &json), ("docx", &docx)] {
        assert!(text.contains(&times), "{format}: {times}:\n{text}");
        assert!(text.contains("Grupp 1"), "{format}");
        assert!(!text.contains(".ron"), "{format}: no file names:\n{text}");
    }

    // An outline.ron from before times were recorded still loads, and its
    // notes name the group without times.
    let old = without_saved(&saved);
    assert_ne!(old, saved, "the times were in outline.ron");
    let old = read(&old);
    let doc = Document::from_outline(&w, &old, &[], &WordLists::embedded());
    let notes: Vec<&str> =
        doc.goals[0].flags.iter().filter(|f| f.kind == FlagKind::Conflict).map(|f| f.text.as_str()).collect();
    assert!(
        notes.iter().any(|n| n.starts_with("Två versioner av ") && n.ends_with("från Grupp 1; alla visas.")),
        "{notes:?}"
    );
}

/// `outline.ron` as written before save times were recorded: every
/// `saved: [...]` field taken out.
fn without_saved(ron: &str) -> String {
    let mut out = String::new();
    let mut rest = ron;
    while let Some(at) = rest.find("saved: [") {
        out.push_str(&rest[..at]);
        let (mut depth, mut end) = (0, at);
        for (i, c) in rest[at..].char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => continue,
            }
            if depth == 0 {
                end = at + i + 1;
                break;
            }
        }
        rest = rest[end..].strip_prefix(',').unwrap_or(&rest[end..]);
    }
    out.push_str(rest);
    out
}

/// Issue #14: effects are decided in the review like sub-goals. A dropped
/// effect leaves the goal and goes to the appendix with the group that
/// proposed it; an edited one shows the facilitator's text with the group's
/// original wording, in every format. Before, effects had no decisions and
/// every export showed the groups' texts as they were.
#[test]
fn a_dropped_effect_is_in_the_appendix_and_an_edited_one_shows_the_original() {
    use malverkstad::domain::merge::review::{apply, Op};
    use malverkstad::domain::outline::entry_key;
    let (w, mut files) = same_names();
    let goal = w.goals[0].id;
    for (n, text) in ["Fler barn läser på fritiden.", "Barnen tycker om att läsa."].into_iter().enumerate() {
        files[n].1.answers_mut(goal).answers.insert(keys::EFFECT.into(), Answer::Text(text.into()));
    }
    let mut outline = merged(&w, &files);
    apply(&mut outline, &Op::Drop(entry_key(goal, keys::EFFECT, w.groups[0].id))).unwrap();
    let edited = entry_key(goal, keys::EFFECT, w.groups[1].id);
    apply(&mut outline, &Op::Edit(edited, Some("Alla barn tycker om att läsa.".into()))).unwrap();
    apply(&mut outline, &Op::Accept(edited)).unwrap();
    let doc = Document::from_outline(&w, &outline, &[], &WordLists::embedded());

    let md = export::markdown::render(&doc);
    let (body, appendix) = md.split_once("## Bilaga").expect("an appendix");
    assert!(!body.contains("Fler barn läser på fritiden."), "a dropped effect leaves the goal: {body}");
    assert!(
        appendix.contains("Önskad effekt: Fler barn läser på fritiden. *(förslag från Grupp 1)*"),
        "dropped, with who: {appendix}"
    );
    let mark = "[godkänd, redigerad] Gruppernas lydelse: \"Barnen tycker om att läsa.\" (Grupp 2)";
    assert!(
        body.contains(&format!(
            "Alla barn tycker om att läsa. *(förslag från Grupp 2)* — {}",
            export::escape::md_string(mark)
        )),
        "{md}"
    );
    assert!(!body.contains("- Barnen tycker om att läsa."), "the group's text is not shown as the effect: {body}");

    let json: serde_json::Value = serde_json::from_str(&export::json::render(&doc).unwrap()).unwrap();
    let effects = json["goals"][0]["effects"].as_array().unwrap();
    let dropped = effects.iter().find(|e| e["text"] == "Fler barn läser på fritiden.").expect("kept in json");
    assert_eq!(dropped["dropped"], true);
    assert_eq!(dropped["from"][0], "Grupp 1");
    assert_eq!(dropped["record"]["status"], "dropped");
    let edit = effects.iter().find(|e| e["text"] == "Alla barn tycker om att läsa.").expect("edited");
    assert_eq!(edit["record"]["edited"], true);
    assert_eq!(edit["record"]["original"][0]["text"], "Barnen tycker om att läsa.");

    let html = export::html::render(&doc);
    let (body, appendix) = html.split_once("Bilaga").expect("an appendix");
    assert!(
        !body.contains("Fler barn läser på fritiden.") && appendix.contains("Fler barn läser på fritiden."),
        "{html}"
    );
    assert!(html.contains("Gruppernas lydelse: &quot;Barnen tycker om att läsa.&quot;"), "{html}");
    let opml = export::opml::render(&doc);
    assert!(opml.contains("status=\"dropped\""), "{opml}");
    assert!(opml.contains("edited=\"true\" original=\"&quot;Barnen tycker om att läsa.&quot; (Grupp 2)\""), "{opml}");
    let docx = unzip(&export::docx::render(&doc).unwrap(), "word/document.xml");
    assert!(docx.contains("Önskad effekt: Fler barn läser på fritiden."), "docx appendix");
    assert!(docx.contains("Barnen tycker om att läsa."), "docx original");
    let strings = unzip(&export::xlsx::render(&doc).unwrap(), "xl/sharedStrings.xml");
    assert!(strings.contains("Fler barn läser på fritiden. — [struken]"), "xlsx keeps it, marked");
}

/// Issue #14: a group that rewrites its effect after the facilitator accepted
/// it: the review and the exports say "ändrades efter beslutet" (the
/// decision stays, under the effect's entry key, across the re-merge).
#[test]
fn an_effect_changed_after_its_decision_is_flagged() {
    use malverkstad::domain::merge::review::{apply, Op};
    use malverkstad::domain::outline::{entry_key, Status};
    let (w, mut files) = same_names();
    let goal = w.goals[0].id;
    files[0].1.answers_mut(goal).answers.insert(keys::EFFECT.into(), Answer::Text("Fler läser.".into()));
    let mut outline = merged(&w, &files);
    let key = entry_key(goal, keys::EFFECT, w.groups[0].id);
    apply(&mut outline, &Op::Accept(key)).unwrap();
    assert!(!outline.goals[0].effects()[0].changed_after_decision);
    files[0].1.answers_mut(goal).answers.insert(keys::EFFECT.into(), Answer::Text("Fler läser varje dag.".into()));
    let inputs: Vec<Input> = files.iter().map(|(name, file)| Input::Group { source: name, file }).collect();
    let again = merge::merge(&w, &inputs, Some(&outline)).unwrap();
    let effect = &again.goals[0].effects()[0];
    assert_eq!((effect.status, effect.changed_after_decision), (Status::Accepted, true));
    let doc = Document::from_outline(&w, &again, &[], &WordLists::embedded());
    let md = export::markdown::render(&doc);
    assert!(md.contains("Fler läser varje dag.") && md.contains("ändrades efter beslutet"), "{md}");
}

/// The plenary shows the review's decisions on effects as it does on items:
/// a dropped effect is not shown, an edited one shows the facilitator's text.
#[test]
fn the_plenary_follows_the_reviews_decisions_on_effects() {
    use malverkstad::domain::merge::review::{apply, Op};
    use malverkstad::domain::outline::entry_key;
    let (w, mut files) = same_names();
    let goal = w.goals[0].id;
    for (n, text) in ["Fler barn läser på fritiden.", "Barnen tycker om att läsa."].into_iter().enumerate() {
        files[n].1.answers_mut(goal).answers.insert(keys::EFFECT.into(), Answer::Text(text.into()));
    }
    let mut outline = merged(&w, &files);
    apply(&mut outline, &Op::Drop(entry_key(goal, keys::EFFECT, w.groups[0].id))).unwrap();
    let edited = entry_key(goal, keys::EFFECT, w.groups[1].id);
    apply(&mut outline, &Op::Edit(edited, Some("Alla barn tycker om att läsa.".into()))).unwrap();
    apply(&mut outline, &Op::Accept(edited)).unwrap();
    let group_files: std::collections::BTreeMap<Uuid, &GroupFile> = files.iter().map(|(_, f)| (f.group, f)).collect();
    let board = malverkstad::app::plenary::model::build(&w, &group_files, &outline, &WordLists::embedded());
    let shown: Vec<(String, Vec<String>)> =
        board.goals[0].groups.iter().map(|g| (g.name.clone(), g.effects.clone())).collect();
    let all: Vec<&String> = shown.iter().flat_map(|(_, e)| e).collect();
    assert!(!all.iter().any(|e| e.contains("Fler barn läser")), "a dropped effect is not shown: {shown:?}");
    assert!(all.iter().any(|e| *e == "Alla barn tycker om att läsa."), "the edited text is shown: {shown:?}");
    assert!(!all.iter().any(|e| *e == "Barnen tycker om att läsa."), "not the group's own wording: {shown:?}");
}
