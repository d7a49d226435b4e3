//! The command line, run as a user would: `new`, `check`, `list`, `demo`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use malverkstad::domain::{slug, GroupFile, Workshop};
use malverkstad::store::{codec, WorkshopDir};
use predicates::prelude::*;

/// The binary with a clean environment: no language or folder inherited.
fn mv() -> Command {
    let mut cmd = Command::cargo_bin("malverkstad").unwrap();
    cmd.env_remove("MALVERKSTAD_LANG").env_remove("MALVERKSTAD_DIR").env_remove("LANG");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The folder a command printed on its last line.
fn printed_folder(out: &str) -> PathBuf {
    PathBuf::from(out.trim_end().lines().last().expect("a line"))
}

const GOALS: &str = "\u{feff}# BSP 2027–2029, övergripande mål\r\n\
1.1 Alla barn och unga ska klara skolan\r\n\
1.2 Äldre ska leva tryggt och självständigt\r\n\
\r\n\
2. Servicen ska vara digital först\r\n\
# en kommentar\r\n\
Attraktiv arbetsgivare\r\n\
4.1 Ekonomin ska vara långsiktigt hållbar\r\n";

fn goals_file(dir: &Path) -> PathBuf {
    let path = dir.join("mal.txt");
    fs::write(&path, GOALS).unwrap();
    path
}

fn demo_in(sessions: &Path) -> PathBuf {
    let out = stdout_of(mv().args(["demo", "--no-open", "--dir"]).arg(sessions));
    printed_folder(&out)
}

// ---------------------------------------------------------------- help, version, language

#[test]
fn help_and_version() {
    mv().arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("new").and(predicate::str::contains("check")));
    for sub in ["new", "check", "list", "demo"] {
        mv().args([sub, "--help"]).assert().success().stdout(predicate::str::contains("Usage"));
    }
    mv().arg("--version").assert().success().stdout(format!("malverkstad {}\n", env!("CARGO_PKG_VERSION")));
    mv().arg("--no-such-flag").assert().code(2);
    mv().args(["new"]).assert().code(2).stderr(predicate::str::contains("--goals"));
}

#[test]
fn swedish_by_default_english_by_flag_or_environment() {
    let tmp = tempfile::tempdir().unwrap();
    mv().args(["list", "--dir"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Inga workshoppar"));
    mv().args(["list", "--lang", "en", "--dir"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("No workshops"));
    mv().env("MALVERKSTAD_LANG", "en")
        .args(["list", "--dir"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("No workshops"));
    // The flag wins over the environment.
    mv().env("MALVERKSTAD_LANG", "en")
        .args(["--lang", "sv", "list", "--dir"])
        .arg(tmp.path())
        .assert()
        .stdout(predicate::str::contains("Inga workshoppar"));
}

#[test]
fn an_unknown_language_is_refused_not_silently_swedish() {
    let tmp = tempfile::tempdir().unwrap();
    for (flag, env) in [(Some("de"), None), (None, Some("klingon"))] {
        let mut cmd = mv();
        if let Some(env) = env {
            cmd.env("MALVERKSTAD_LANG", env);
        }
        if let Some(flag) = flag {
            cmd.args(["--lang", flag]);
        }
        let value = flag.or(env).unwrap();
        cmd.args(["list", "--dir"])
            .arg(tmp.path())
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("okänt språk \"{value}\": välj sv eller en")))
            .stderr(predicate::str::contains("choose sv or en"));
    }
    // Locale-style values and capitals are understood.
    for (lang, says) in [("sv_SE.UTF-8", "Inga workshoppar"), ("EN", "No workshops"), ("en-GB", "No workshops")] {
        mv().args(["--lang", lang, "list", "--dir"])
            .arg(tmp.path())
            .assert()
            .success()
            .stdout(predicate::str::contains(says));
    }
    // A bad environment value is named even when a good flag is given, so
    // the setting that is wrong gets fixed.
    mv().env("MALVERKSTAD_LANG", "de")
        .args(["--lang", "en", "list", "--dir"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language \"de\""));
}

#[test]
fn sessions_dir_from_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = printed_folder(&stdout_of(mv().env("MALVERKSTAD_DIR", tmp.path()).args(["demo", "--no-open"])));
    assert_eq!(folder.parent().unwrap(), tmp.path());
    mv().env("MALVERKSTAD_DIR", tmp.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("KS arbetsdag BSP"));
}

// ---------------------------------------------------------------- new

#[test]
fn new_creates_a_workshop_from_a_goal_list() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    let out = stdout_of(
        mv().args([
            "new",
            "KS arbetsdag BSP 2027–2029",
            "--groups",
            "3",
            "--org",
            "Norrvalla kommun",
            "--plan",
            "BSP 2027–2029",
        ])
        .args(["--date", "2027-03-16", "--goals"])
        .arg(goals_file(tmp.path()))
        .arg("--dir")
        .arg(&sessions),
    );
    assert!(out.contains("5 mål och 3 grupper"), "{out}");
    let folder = printed_folder(&out);
    assert_eq!(folder, sessions.join("ks-arbetsdag-bsp-2027-2029"));
    let dir = WorkshopDir::open(&folder).unwrap();
    let w = dir.load_workshop().unwrap();
    assert_eq!(w.title, "KS arbetsdag BSP 2027–2029");
    assert_eq!(w.organisation, "Norrvalla kommun");
    assert_eq!(w.date.unwrap().to_string(), "2027-03-16");
    let goals: Vec<(Option<&str>, &str)> = w.goals.iter().map(|g| (g.code.as_deref(), g.wording.as_str())).collect();
    assert_eq!(
        goals,
        [
            (Some("1.1"), "Alla barn och unga ska klara skolan"),
            (Some("1.2"), "Äldre ska leva tryggt och självständigt"),
            (Some("2"), "Servicen ska vara digital först"),
            (None, "Attraktiv arbetsgivare"),
            (Some("4.1"), "Ekonomin ska vara långsiktigt hållbar"),
        ]
    );
    // Evenly, in order: 2, 2, 1.
    let sizes: Vec<usize> = w.groups.iter().map(|g| g.goals.len()).collect();
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(w.groups[0].goals, [w.goals[0].id, w.goals[1].id]);
    assert_eq!(w.groups[2].goals, [w.goals[4].id]);
    for g in &w.groups {
        let f: GroupFile = dir.load_group(g).unwrap().expect("an empty file per group");
        assert_eq!(f.group, g.id);
    }
    assert!(dir.exports_dir().is_dir());
    mv().arg("check").arg(&folder).assert().code(0);
}

#[test]
fn new_group_names_from_a_list() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout_of(
        mv().args(["new", "Dag", "--groups", "Röda gruppen, Blå gruppen", "--goals"])
            .arg(goals_file(tmp.path()))
            .arg("--dir")
            .arg(tmp.path()),
    );
    let w = WorkshopDir::open(&printed_folder(&out)).unwrap().load_workshop().unwrap();
    let names: Vec<(&str, &str)> = w.groups.iter().map(|g| (g.name.as_str(), g.slug.as_str())).collect();
    assert_eq!(names, [("Röda gruppen", "roda-gruppen"), ("Blå gruppen", "bla-gruppen")]);
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn hostile_group_names_stay_inside_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("s");
    let goals = goals_file(tmp.path());
    let long = "Väldigt lång grupp ".repeat(16); // over 300 characters
    let names = ["../../.bashrc", "CON", "a/b", long.trim(), "Grupp Å", "Grupp A", "..", "nul.txt", "\\\\server\\x"];
    let out = stdout_of(
        mv().args(["new", "../../etc", "--groups", &names.join(","), "--goals"])
            .arg(&goals)
            .arg("--dir")
            .arg(&sessions),
    );
    let folder = printed_folder(&out);
    assert_eq!(folder.parent().unwrap(), sessions, "the workshop folder is directly in the sessions dir");
    assert_eq!(entries(tmp.path()), ["mal.txt", "s"], "nothing written beside the sessions dir");
    assert_eq!(entries(&sessions).len(), 1);
    let files = entries(&folder.join("groups"));
    assert_eq!(files.len(), names.len(), "one file per group: {files:?}");
    for f in &files {
        let stem = f.strip_suffix(".ron").expect(".ron");
        assert!(slug::is_safe_slug(stem), "{f}");
        assert!(stem.len() <= slug::MAX_SLUG);
    }
    let lower: std::collections::BTreeSet<String> = files.iter().map(|f| f.to_lowercase()).collect();
    assert_eq!(lower.len(), files.len(), "unique even on a case-insensitive file system");
    assert!(files.contains(&"con-1.ron".to_string()) && files.contains(&"grupp-a-2.ron".to_string()), "{files:?}");
    let w = WorkshopDir::open(&folder).unwrap().load_workshop().unwrap();
    assert_eq!(w.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), names);
    mv().arg("check").arg(&folder).assert().code(0);
}

#[test]
fn group_names_differing_only_in_case_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("s");
    mv().args(["new", "Dag", "--groups", "Grupp A,grupp a", "--goals"])
        .arg(goals_file(tmp.path()))
        .arg("--dir")
        .arg(&sessions)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\"grupp a\" förekommer två gånger"));
    assert!(!sessions.join("dag").exists());
}

#[test]
fn new_refuses_a_title_that_exists_and_suffixes_a_taken_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let goals = goals_file(tmp.path());
    let new = |title: &str| {
        let mut cmd = mv();
        cmd.args(["new", title, "--goals"]).arg(&goals).arg("--dir").arg(tmp.path());
        cmd
    };
    let first = printed_folder(&stdout_of(&mut new("KS arbetsdag")));
    let before = fs::read(first.join("workshop.ron")).unwrap();
    new("ks arbetsdag ")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("finns redan").and(predicate::str::contains(first.to_str().unwrap())));
    // Another title with the same folder name gets a suffix; the first is untouched.
    let second = printed_folder(&stdout_of(&mut new("KS-arbetsdag!")));
    assert_eq!(second, tmp.path().join("ks-arbetsdag-2"));
    assert_eq!(fs::read(first.join("workshop.ron")).unwrap(), before);
    // A stray non-workshop folder with the slug name is not reused either.
    fs::create_dir(tmp.path().join("ny-dag")).unwrap();
    fs::write(tmp.path().join("ny-dag").join("anteckning.txt"), "x").unwrap();
    let third = printed_folder(&stdout_of(&mut new("Ny dag")));
    assert_eq!(third, tmp.path().join("ny-dag-2"));
    assert_eq!(entries(&tmp.path().join("ny-dag")), ["anteckning.txt"]);
}

#[test]
fn new_reports_bad_input_with_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let goals = goals_file(tmp.path());
    let run = |args: &[&str], goals: &Path| {
        let mut cmd = mv();
        cmd.args(["new", "Dag"]).args(args).arg("--goals").arg(goals).arg("--dir").arg(tmp.path().join("s"));
        cmd
    };
    run(&[], &tmp.path().join("saknas.txt")).assert().code(2).stderr(predicate::str::contains("finns inte"));
    let empty = tmp.path().join("tom.txt");
    fs::write(&empty, "# bara en kommentar\n\n").unwrap();
    run(&[], &empty).assert().code(1).stderr(predicate::str::contains("inga mål"));
    let dup = tmp.path().join("dubbel.txt");
    fs::write(&dup, "1.1 Ett\n1.1 Två\n").unwrap();
    run(&[], &dup).assert().code(1).stderr(predicate::str::contains("dubbel.txt:2"));
    run(&["--date", "16/3 2027"], &goals).assert().code(1).stderr(predicate::str::contains("ÅÅÅÅ-MM-DD"));
    run(&["--lang", "en", "--date", "16/3 2027"], &goals)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    run(&["--groups", "0"], &goals).assert().code(1).stderr(predicate::str::contains("--groups"));
    mv().args(["new", "  ", "--goals"]).arg(&goals).arg("--dir").arg(tmp.path()).assert().code(1);
    assert!(!tmp.path().join("s").exists() || entries(&tmp.path().join("s")).is_empty(), "nothing created");
    // Not UTF-8: read as Windows-1252 (what Swedish Excel and Notepad write), åäö intact.
    let latin1 = tmp.path().join("latin1.txt");
    fs::write(&latin1, b"1.1 V\xe4lf\xe4rd\n").unwrap();
    let folder = printed_folder(&stdout_of(&mut run(&[], &latin1)));
    let workshop = fs::read_to_string(folder.join("workshop.ron")).unwrap();
    assert!(workshop.contains("wording: \"Välfärd\""), "{workshop}");
}

// ---------------------------------------------------------------- check

#[test]
fn check_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = demo_in(tmp.path());
    // 0: valid, as a folder, as workshop.ron, and as a single group file.
    mv().arg("check").arg(&folder).assert().code(0).stdout(predicate::str::contains("inga fel"));
    mv().args(["--lang", "en", "check"]).arg(&folder).assert().code(0).stdout(predicate::str::contains("no problems"));
    mv().arg("check").arg(folder.join("workshop.ron")).assert().code(0);
    mv().arg("check").arg(folder.join("groups/grupp-1.ron")).assert().code(0);
    // A copy of the workshop file under another name is checked as a workshop.
    fs::copy(folder.join("workshop.ron"), tmp.path().join("workshop (1).ron")).unwrap();
    mv().arg("check").arg(tmp.path().join("workshop (1).ron")).assert().code(0);

    // 1: findings. A group file with answers for a goal that does not exist.
    let g1 = folder.join("groups/grupp-1.ron");
    let good = fs::read_to_string(&g1).unwrap();
    let mut f: GroupFile = codec::from_bytes(&g1, good.as_bytes()).unwrap();
    let mut answers = malverkstad::domain::GoalAnswers::default();
    answers.answers.insert("effekt".into(), malverkstad::domain::Answer::Text("Något".into()));
    f.goals.insert(uuid::Uuid::from_u128(42), answers);
    fs::write(&g1, codec::to_ron(&f).unwrap()).unwrap();
    mv().arg("check").arg(&folder).assert().code(1).stdout(
        predicate::str::contains("grupp-1.ron: Fel: Svar för ett mål som inte finns")
            .and(predicate::str::contains("1 fel")),
    );
    mv().env("MALVERKSTAD_LANG", "en")
        .arg("check")
        .arg(&g1)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Answers for a goal that does not exist"));

    // 2: unreadable. A damaged file is named with line and column.
    fs::write(&g1, good.replace("    group_name:", "    colour: \"blå\",\n    group_name:")).unwrap();
    mv().arg("check")
        .arg(&folder)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("grupp-1.ron:5:5:").and(predicate::str::contains("okänt fält \"colour\"")));
    mv().args(["check", "--lang", "en"])
        .arg(&g1)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("unknown field \"colour\""));
    mv().arg("check").arg(tmp.path().join("finns-inte")).assert().code(2);
    mv().arg("check").arg(tmp.path()).assert().code(2).stderr(predicate::str::contains("workshop.ron saknas"));
    // A damaged workshop.ron: still unreadable, and the group files are still looked at.
    fs::write(&g1, &good).unwrap();
    fs::write(folder.join("workshop.ron"), "(schema: 1, title: \"x\"").unwrap();
    mv().arg("check").arg(&folder).assert().code(2).stdout(predicate::str::contains("workshop.ron:1:"));
}

#[test]
fn check_reports_workshop_reference_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = demo_in(tmp.path());
    let path = folder.join("workshop.ron");
    let mut w: Workshop = codec::read_file(&path).unwrap();
    // A goal no group works on is a warning: said once, exit code still 0.
    let dropped = w.groups[3].goals.pop().unwrap();
    fs::write(&path, codec::to_ron(&w).unwrap()).unwrap();
    let out = stdout_of(mv().arg("check").arg(&folder));
    assert!(out.contains("workshop.ron: Varning: Ingen grupp arbetar med målet \"5.1 "), "{out}");
    assert_eq!(out.matches("Varning").count(), 1, "{out}");
    mv().arg("check").arg(&folder).assert().code(0);
    w.groups[3].goals.push(dropped);
    // A hand-edited slug that points outside the folder is a finding, and the
    // store never follows it.
    let mut evil = w.clone();
    evil.groups[2].slug = "../../../.bashrc".into();
    fs::write(&path, codec::to_ron(&evil).unwrap()).unwrap();
    mv().arg("check").arg(&folder).assert().code(1).stdout(predicate::str::contains("inte säkert"));
    let dir = WorkshopDir::open(&folder).unwrap();
    let group_path = dir.group_path(&evil.groups[2]);
    assert_eq!(group_path.parent().unwrap(), dir.groups_dir(), "{}", group_path.display());
    w.groups[3].goals.push(uuid::Uuid::from_u128(7));
    fs::write(&path, codec::to_ron(&w).unwrap()).unwrap();
    mv().arg("check")
        .arg(&folder)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("workshop.ron: Fel: Gruppen \"Grupp 4\" har ett mål som inte finns"));
}

// ---------------------------------------------------------------- list and demo

#[test]
fn list_shows_title_date_groups_and_last_saved() {
    let tmp = tempfile::tempdir().unwrap();
    mv().args(["list", "--dir"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("malverkstad demo"));
    demo_in(tmp.path());
    let goals = goals_file(tmp.path());
    mv().args(["new", "Vårdag", "--groups", "2", "--goals"])
        .arg(&goals)
        .arg("--dir")
        .arg(tmp.path())
        .assert()
        .success();
    let out = stdout_of(mv().args(["list", "--dir"]).arg(tmp.path()));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[1].contains("KS arbetsdag BSP 2027–2029") && lines[1].contains("2027-03-16"), "{out}");
    assert!(lines[1].contains("4 grupper") && lines[1].contains("senast sparad 2027-03-1"), "{out}");
    assert!(
        lines[2].contains("Vårdag") && lines[2].contains("2 grupper") && lines[2].contains("inget sparat"),
        "{out}"
    );
    // Aligned: the date starts in the same column on every line.
    let col = |line: &str, needle: &str| line[..line.find(needle).unwrap()].chars().count();
    assert_eq!(col(lines[1], "2027-03-16"), col(lines[2], "–"), "{out}");
    let en = stdout_of(mv().args(["list", "--lang", "en", "--dir"]).arg(tmp.path()));
    assert!(en.contains("4 groups") && en.contains("last saved"), "{en}");
    // A damaged workshop is listed as unreadable, not skipped silently.
    fs::write(tmp.path().join("vardag/workshop.ron"), "trasig").unwrap();
    let out = stdout_of(mv().args(["list", "--dir"]).arg(tmp.path()));
    assert!(out.contains("vardag") && out.contains("kan inte läsas"), "{out}");
}

#[test]
fn demo_copies_once_and_resets_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    mv().args(["demo", "--no-open", "--dir"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Demoworkshopen finns i"));
    let folder = tmp.path().join("ks-arbetsdag-bsp-2027-2029");
    let g3 = folder.join("groups/grupp-3.ron");
    let mut f: GroupFile = codec::read_file(&g3).unwrap();
    f.group_name = "Ändrad".into();
    fs::write(&g3, codec::to_ron(&f).unwrap()).unwrap();
    mv().args(["demo", "--no-open", "--dir"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("fanns redan"));
    assert!(fs::read_to_string(&g3).unwrap().contains("Ändrad"), "an existing copy is kept");
    mv().args(["demo", "--no-open", "--reset", "--lang", "en", "--dir"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("The demo workshop is in"));
    assert!(!fs::read_to_string(&g3).unwrap().contains("Ändrad"), "a fresh copy");
    // The old copy is kept aside (hidden), and `list` shows one demo.
    assert_eq!(entries(tmp.path()).len(), 2);
    let out = stdout_of(mv().args(["list", "--dir"]).arg(tmp.path()));
    assert_eq!(out.matches("KS arbetsdag").count(), 1, "{out}");
    mv().arg("check").arg(&folder).assert().code(0);
}

#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = demo_in(tmp.path());
    // The reader is gone before the command writes, as with `| head -0`.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("malverkstad"))
        .args(["check", "--quality"])
        .arg(&ws)
        .env_remove("MALVERKSTAD_LANG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "a closed pipe made it panic: {stderr}");
    assert!(stderr.is_empty(), "nothing to say on a closed pipe: {stderr}");
}

// ---------------------------------------------------------------- issue #16: finding a workshop, terminals

/// A workshop's folder name and title, after `demo` in `sessions`.
fn demo_names(sessions: &Path) -> (String, String) {
    let folder = demo_in(sessions);
    let slug = folder.file_name().unwrap().to_str().unwrap().to_string();
    let title = WorkshopDir::open(&folder).unwrap().load_workshop().unwrap().title;
    (slug, title)
}

#[test]
fn commands_find_a_workshop_by_folder_name_or_title_in_the_sessions_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("s");
    let (slug, title) = demo_names(&sessions);
    let goals = tmp.path().join("fler.txt");
    fs::write(&goals, "9.1 Ett nytt mål\n").unwrap();
    let run = |args: &[&str]| {
        let mut cmd = mv();
        cmd.current_dir(tmp.path()).arg("--dir").arg(&sessions).args(args);
        cmd
    };
    let goals = goals.to_str().unwrap();
    run(&["import-goals", &slug, goals, "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Provkörning"));
    run(&["timer", &title.to_uppercase(), "status"]).assert().success();
    run(&["merge", &slug]).assert().success();
    let config = tmp.path().join("config");
    run(&["template", "save", "Demo", "--from", &title]).env("MALVERKSTAD_CONFIG_DIR", &config).assert().success();
    // The sessions folder from the environment works as --dir does.
    mv().current_dir(tmp.path())
        .env("MALVERKSTAD_DIR", &sessions)
        .args(["import-goals", &slug, goals, "--dry-run"])
        .assert()
        .success();
    // open and present find it too (and then want a terminal, not another name).
    for cmd in ["open", "present"] {
        run(&[cmd, &slug]).assert().failure().stderr(predicate::str::contains("terminal"));
    }
}

#[test]
fn an_unknown_workshop_name_is_refused_with_the_workshops_that_are_there() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("s");
    let (slug, title) = demo_names(&sessions);
    let goals = tmp.path().join("fler.txt");
    fs::write(&goals, "9.1 Ett nytt mål\n").unwrap();
    let goals = goals.to_str().unwrap();
    let commands: [&[&str]; 5] = [
        &["open", "okänd"],
        &["present", "okänd"],
        &["import-goals", "okänd", goals],
        &["timer", "okänd", "status"],
        &["merge", "okänd"],
    ];
    for (lang, want) in [("sv", "Hittar ingen workshop \"okänd\""), ("en", "No workshop \"okänd\"")] {
        for args in commands {
            let out = mv()
                .current_dir(tmp.path())
                .args(["--lang", lang, "--dir"])
                .arg(&sessions)
                .args(args)
                .output()
                .unwrap();
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(!out.status.success(), "{args:?}: {err}");
            assert!(err.contains(want) && err.contains(&format!("{slug}  ({title})")), "{args:?}: {err}");
        }
    }
}

#[test]
fn tui_commands_without_a_terminal_say_so_and_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("s");
    let (slug, _) = demo_names(&sessions);
    for (lang, want) in [("sv", "behöver en terminal"), ("en", "needs a terminal")] {
        for cmd in ["open", "present"] {
            let out = mv().args(["--lang", lang, "--dir"]).arg(&sessions).args([cmd, &slug]).output().unwrap();
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
            assert!(err.contains(&format!("\"malverkstad {cmd}\"")) && err.contains(want), "{cmd}: {err}");
            assert!(err.contains(&slug), "{cmd}: the folder is named: {err}");
            assert!(out.stdout.is_empty(), "{cmd}: {:?}", String::from_utf8_lossy(&out.stdout));
        }
        // demo creates the workshop, then says it cannot open it.
        let other = tmp.path().join(lang);
        let out = mv().args(["--lang", lang, "--dir"]).arg(&other).arg("demo").output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(want) && err.contains("--no-open"), "{err}");
        WorkshopDir::open(&printed_folder(&String::from_utf8(out.stdout).unwrap())).unwrap();
    }
}

// ---------------------------------------------------------------- issue #16: templates

#[test]
fn template_save_refuses_to_overwrite_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("s");
    let folder = demo_in(&sessions);
    let config = tmp.path().join("config");
    let save = |lang: &str, force: bool| {
        let mut cmd = mv();
        cmd.env("MALVERKSTAD_CONFIG_DIR", &config).args([
            "--lang",
            lang,
            "template",
            "save",
            "Kommunens mall",
            "--from",
        ]);
        cmd.arg(&folder);
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    assert!(save("sv", false).status.success());
    let file = config.join("templates").join("kommunens-mall.ron");
    let edited = format!("{}\n// handredigerad\n", fs::read_to_string(&file).unwrap());
    fs::write(&file, &edited).unwrap();
    for (lang, want) in [
        ("sv", "Det finns redan en mall som heter \"Kommunens mall\""),
        ("en", "A template called \"Kommunens mall\" already exists"),
    ] {
        let out = save(lang, false);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(want) && err.contains("--force"), "{err}");
        assert_eq!(fs::read_to_string(&file).unwrap(), edited, "the existing template is kept");
    }
    assert!(save("sv", true).status.success());
    assert!(!fs::read_to_string(&file).unwrap().contains("handredigerad"));
}

// ---------------------------------------------------------------- issue #16: plurals

#[test]
fn counts_are_said_with_the_right_plural_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let one = tmp.path().join("ett.txt");
    fs::write(&one, "1.1 Trygg uppväxt\n").unwrap();
    let two = tmp.path().join("tva.txt");
    fs::write(&two, "2.1 Bra skola\n2.2 Hållbar ekonomi\n").unwrap();
    let cases = [
        ("en", "with 1 goal and 1 group in:", "1 group ", "1 goal", "Added 1 goal to", "with 2 goals and 2 groups in:"),
        ("sv", "med 1 mål och 1 grupp i:", "1 grupp ", "1 mål", "Lade till 1 mål i", "med 2 mål och 2 grupper i:"),
    ];
    for (lang, created, listed, preview, imported, created_many) in cases {
        let sessions = tmp.path().join(lang);
        let run = |args: &[&str]| {
            let mut cmd = mv();
            cmd.args(["--lang", lang, "--dir"]).arg(&sessions).args(args);
            let out = cmd.output().unwrap();
            assert!(out.status.success(), "{args:?}: {out:?}");
            String::from_utf8(out.stdout).unwrap()
        };
        let out = run(&["new", "Ett mål", "--groups", "1", "--goals", one.to_str().unwrap()]);
        assert!(out.contains(created), "{out}");
        let folder = printed_folder(&out);
        assert!(run(&["list"]).contains(listed), "{lang}: list");
        let out = run(&["import-goals", folder.to_str().unwrap(), two.to_str().unwrap()]);
        assert!(out.contains(&format!("): 2 {}", if lang == "en" { "goals" } else { "mål" })), "{out}");
        let three = tmp.path().join(format!("tre-{lang}.txt"));
        fs::write(&three, "3.1 Fossilfri kommun\n").unwrap();
        let out = run(&["import-goals", folder.to_str().unwrap(), three.to_str().unwrap(), "--dry-run"]);
        assert!(out.contains(&format!("): {preview}\n")), "{out}");
        let out = run(&["import-goals", folder.to_str().unwrap(), three.to_str().unwrap()]);
        assert!(out.contains(imported), "{out}");
        let out = run(&["new", "Två mål", "--groups", "2", "--goals", two.to_str().unwrap()]);
        assert!(out.contains(created_many), "{out}");
        let merged = run(&["merge", folder.to_str().unwrap()]);
        let want = if lang == "en" { "Merged 1 file into" } else { "Sammanställde 1 fil till" };
        assert!(merged.contains(want), "{merged}");
    }
}

// ---------------------------------------------------------------- export formats

/// `--format` is parsed from `export::Format`'s one list: `--help` names
/// every format (in the command's line and as possible values), and a wrong
/// name is refused with the list and a tip, exit 2.
#[test]
fn export_formats_come_from_the_export_layer() {
    use malverkstad::export::Format;
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
    let help = stdout_of(mv().args(["export", "--help"]));
    let about = help.lines().next().expect("a first line");
    for name in &names {
        assert!(about.contains(name), "the export command's line does not name {name}: {about}");
    }
    let possible = format!("[possible values: {}]", names.join(", "));
    assert!(help.contains(&possible), "{help}");
    mv().args(["export", "x", "--format", "docs"]).assert().code(2).stderr(
        predicate::str::contains("invalid value 'docs' for '--format <FORMAT>'")
            .and(predicate::str::contains(possible.as_str()))
            .and(predicate::str::contains("a similar value exists: 'docx'")),
    );
    // Every name is accepted (the path is what fails then, not the format).
    for name in &names {
        let out = mv().args(["--lang", "en", "export", "no-such-folder", "-f", name]).output().unwrap();
        assert!(!String::from_utf8_lossy(&out.stderr).contains("invalid value"), "{name}");
    }
}
