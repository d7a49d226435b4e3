//! `malverkstad check --quality`: exit codes with --min, --words, the report.

use std::path::Path;

use assert_cmd::Command;
use malverkstad::domain::{Group, GroupFile, Workshop};
use malverkstad::store;

use malverkstad::domain::model::keys;

use super::Fixture;

/// A workshop with two goals and two groups: group A answered goal 1
/// well; goal 2 (group B) has nothing written.
fn workshop(root: &Path) -> store::WorkshopDir {
    let mut w = Workshop::new("Testdag");
    let good = Fixture::good();
    w.goals.push(malverkstad::domain::Goal::new(Some("1".into()), good.goal.clone()));
    w.goals.push(malverkstad::domain::Goal::new(Some("2".into()), "Tryggheten ska öka"));
    for (name, slug, goal) in [("Grupp A", "grupp-a", 0), ("Grupp B", "grupp-b", 1)] {
        let id = w.goals[goal].id;
        w.groups.push(Group {
            id: malverkstad::domain::new_id(),
            name: name.into(),
            slug: slug.into(),
            goals: vec![id],
        });
    }
    let dir = store::create_workshop_at(root, &w).expect("create");
    let group = &w.groups[0];
    let mut file = GroupFile::new(&w, group);
    file.goals.insert(w.goals[0].id, good.answers());
    dir.save_group(group, &file).expect("save");
    dir
}

fn cmd(home: &Path) -> Command {
    let mut c = Command::cargo_bin("malverkstad").expect("binary");
    // Keep the user's own word list and language out of the test.
    c.env("XDG_CONFIG_HOME", home).env("HOME", home).env_remove("MALVERKSTAD_LANG");
    c
}

#[test]
fn min_sets_the_exit_code() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = workshop(&tmp.path().join("dag"));
    let root = dir.root.to_str().expect("utf-8 path");
    // Goal 2 has nothing written: 100 − 20 − 20 − 40 − 10 = 10, and its
    // wording "ska öka" adds a 2-point hint: 8.
    let out = cmd(tmp.path()).args(["check", root, "--quality"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Grupp A: ●●● 100"), "{text}");
    assert!(text.contains("Grupp B: ●○○   8"), "{text}");
    assert!(text.contains("Grupp B: ●○○   8 Luddigt (fel: 2, varningar: 2, tips: 1) – inget skrivet ännu"), "{text}");
    cmd(tmp.path()).args(["check", root, "--quality", "--min", "8"]).assert().code(0);
    cmd(tmp.path()).args(["check", root, "--quality", "--min", "9"]).assert().code(1);
    cmd(tmp.path())
        .args(["check", root, "--min", "9", "--lang", "en"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("Goals below 9 points: 1."));
    cmd(tmp.path()).args(["check", root, "--quality", "--min", "101"]).assert().code(2);
}

#[test]
fn one_group_file_reports_only_its_goals() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = workshop(&tmp.path().join("dag"));
    let file = dir.groups_dir().join("grupp-a.ron");
    let out = cmd(tmp.path())
        .args(["check", file.to_str().expect("utf-8"), "--quality", "--min", "90"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Grupp A"), "{text}");
    assert!(!text.contains("Grupp B"), "{text}");
}

#[test]
fn a_words_file_is_used_and_a_bad_one_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = workshop(&tmp.path().join("dag"));
    let root = dir.root.to_str().expect("utf-8 path");
    let words = tmp.path().join("ord.ron");
    // Removing "öka" from the lists drops goal 2's hint: 10.
    std::fs::write(&words, "(remove: [\"öka\"])").expect("write");
    let out = cmd(tmp.path()).args(["check", root, "--words", words.to_str().expect("utf-8")]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Grupp B: ●○○  10"), "{text}");
    std::fs::write(&words, "(vague_verbz: [])").expect("write");
    cmd(tmp.path())
        .args(["check", root, "--words", words.to_str().expect("utf-8")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("ord.ron"));
    // The user's config dir file is read too.
    let config = tmp.path().join("malverkstad");
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(config.join("quality-words.ron"), "(remove: [\"öka\"])").expect("write");
    let out = cmd(tmp.path()).args(["check", root, "--quality"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Grupp B: ●○○  10"), "{text}");
}

/// Two groups on one goal, one of them with typical gaps.
fn snapshot_workshop(root: &Path) -> store::WorkshopDir {
    use malverkstad::domain::{Answer, Frequency, Goal, Indicator, Verdict, VerdictAnswer};
    let mut w = Workshop::new("KS arbetsdag BSP 2027–2029");
    let good = Fixture::good();
    w.goals.push(Goal::new(Some("1.1".into()), good.goal.clone()));
    w.goals.push(Goal::new(Some("2.3".into()), "Tryggheten i kommunen ska öka"));
    let (g1, g2) = (w.goals[0].id, w.goals[1].id);
    w.groups.push(Group {
        id: malverkstad::domain::new_id(),
        name: "Grupp 1".into(),
        slug: "grupp-1".into(),
        goals: vec![g1, g2],
    });
    w.groups.push(Group {
        id: malverkstad::domain::new_id(),
        name: "Grupp 2".into(),
        slug: "grupp-2".into(),
        goals: vec![g2],
    });
    let dir = store::create_workshop_at(root, &w).expect("create");
    let mut file = GroupFile::new(&w, &w.groups[0]);
    file.goals.insert(g1, good.answers());
    dir.save_group(&w.groups[0], &file).expect("save");

    let mut answers = malverkstad::domain::GoalAnswers::default();
    answers.answers.insert(keys::EFFECT.into(), Answer::Text("Ökad trygghet".into()));
    answers.answers.insert(keys::SUBGOALS.into(), Answer::List(vec![super::item("Fler vuxna ute på kvällarna", "")]));
    let mut ind = Indicator::new("Andel invånare som känner sig trygga");
    ind.source = "Medborgarundersökningen (SCB)".into();
    ind.target = super::measure("Högre än rikssnittet", "");
    ind.frequency = Some(Frequency::Year);
    answers.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
    answers.answers.insert(
        keys::MEASURABILITY.into(),
        Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Unsure), how: String::new() }),
    );
    let mut file = GroupFile::new(&w, &w.groups[1]);
    file.goals.insert(g2, answers);
    dir.save_group(&w.groups[1], &file).expect("save");
    dir
}

#[test]
fn the_report_reads_well() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = snapshot_workshop(&tmp.path().join("dag"));
    for (lang, code) in [("sv", 1), ("en", 1)] {
        let out = cmd(tmp.path())
            .args(["check", dir.root.to_str().expect("utf-8"), "--min", "50", "--lang", lang])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(code));
        let text = String::from_utf8_lossy(&out.stdout);
        // From the quality header on: the line before holds the temp path.
        let start = text.find(if lang == "sv" { "Kvalitetskontroll" } else { "Quality check" }).expect("header");
        insta::assert_snapshot!(format!("report_{lang}"), &text[start..]);
    }
}

#[test]
fn without_quality_the_check_is_unchanged() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = workshop(&tmp.path().join("dag"));
    let out = cmd(tmp.path()).args(["check", dir.root.to_str().expect("utf-8")]).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Kvalitetskontroll"));
}

/// Issue 14, defect 6: one score per group and goal, the same in
/// `check --quality`, the plenary's badge and the md and json exports. The
/// outline's export used to score the merged outline (one note per goal, no
/// group), so its numbers differed from the check's and the plenary's.
#[test]
fn the_demo_scores_the_same_in_check_plenary_and_exports() {
    use std::collections::BTreeMap;

    let tmp = tempfile::tempdir().expect("tmp");
    let (dir, _) = malverkstad::demo::install(tmp.path(), false).expect("demo");
    let w = dir.load_workshop().expect("workshop");
    let root = dir.root.to_str().expect("utf-8 path");
    let label = |id| w.goal(id).expect("goal").label();

    // `check --quality`: "Mål <label>", then "  <group>: <badge> …" per group.
    let out = cmd(tmp.path()).args(["check", root, "--quality"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut check: BTreeMap<(String, String), u8> = BTreeMap::new();
    let mut goal = None;
    for line in text.lines() {
        if let Some(l) = line.strip_prefix("Mål ") {
            goal = Some(l.to_string());
            continue;
        }
        let (Some(goal), Some(rest)) = (&goal, line.strip_prefix("  ")) else { continue };
        for g in &w.groups {
            if let Some(badge) = rest.strip_prefix(&format!("{}: ", g.name)) {
                let number = badge.split_whitespace().nth(1).expect("symbol, then the score");
                let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
                check.insert((goal.clone(), g.name.clone()), digits.parse().expect("a score"));
            }
        }
    }
    let given: usize = w.groups.iter().map(|g| g.goals.len()).sum();
    assert_eq!(check.len(), given, "a score per group and goal given: {text}");

    // The exports, as `export` writes them (merging the outline first).
    let export = |format: &str| {
        let path = tmp.path().join(format!("out.{format}"));
        cmd(tmp.path())
            .args(["export", root, "--format", format, "--output", path.to_str().expect("utf-8")])
            .assert()
            .success();
        std::fs::read_to_string(&path).expect("export written")
    };
    let json: serde_json::Value = serde_json::from_str(&export("json")).expect("json");
    let notes = json["quality"].as_array().expect("a quality array");
    let from_json: BTreeMap<(String, String), u8> = notes
        .iter()
        .map(|n| {
            let key = (n["goal"].as_str().unwrap().to_string(), n["group"].as_str().unwrap().to_string());
            (key, n["score"].as_u64().unwrap() as u8)
        })
        .collect();
    assert_eq!(from_json, check, "json export against check --quality");

    // Markdown: "### <goal> – <group>" then "Poäng N av 100: …", in the
    // json's order.
    let md = export("md");
    let (_, section) = md.split_once("## Kvalitet").expect("a quality section");
    let md_scores: Vec<u8> = section
        .lines()
        .filter_map(|l| l.strip_prefix("Poäng "))
        .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    let json_scores: Vec<u8> = notes.iter().map(|n| n["score"].as_u64().unwrap() as u8).collect();
    assert_eq!(md_scores, json_scores, "md export against json export");
    let headings = section.lines().filter(|l| l.starts_with("### ")).count();
    assert_eq!(headings, notes.len());

    // The plenary's badge: the board built from the outline the export saved.
    let outline = dir.load_outline().expect("outline").expect("merged by export");
    let files: Vec<GroupFile> = w.groups.iter().filter_map(|g| dir.load_group(g).expect("group file")).collect();
    let by_group: BTreeMap<_, &GroupFile> = files.iter().map(|f| (f.group, f)).collect();
    let board = malverkstad::app::plenary::model::build(
        &w,
        &by_group,
        &outline,
        &malverkstad::domain::quality::WordLists::embedded(),
    );
    let mut plenary = BTreeMap::new();
    for view in &board.goals {
        for g in &view.groups {
            let given = w.group(g.group).is_some_and(|wg| wg.goals.contains(&view.goal));
            if let (true, Some(r)) = (given, &g.report) {
                plenary.insert((label(view.goal), g.name.clone()), r.score);
            }
        }
    }
    assert_eq!(plenary, check, "plenary against check --quality");
}
