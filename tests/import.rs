//! Goal import: every format from bytes to preview (table-driven), and the
//! `new --goals` / `import-goals` commands on disk.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use malverkstad::domain::import::{preview_bytes, Encoding, Format, ProblemKind};
use malverkstad::domain::Workshop;
use malverkstad::store::WorkshopDir;

/// (code, wording, perspective, owner)
type Row = (Option<&'static str>, &'static str, Option<&'static str>, Option<&'static str>);

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    format: Option<Format>,
    file: Option<&'static str>,
    want_format: Format,
    want_encoding: Encoding,
    goals: Vec<Row>,
    /// (line, kind)
    problems: Vec<(usize, ProblemKind)>,
}

fn cp1252(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(s);
    assert!(!unmappable, "test text must fit Windows-1252");
    bytes.into_owned()
}

fn utf8(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

fn bom(s: &str) -> Vec<u8> {
    let mut b = b"\xef\xbb\xbf".to_vec();
    b.extend_from_slice(s.as_bytes());
    b
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "plain text with BOM, CRLF, empty lines and comments",
            bytes: bom("# BSP 2027\r\n\r\n1.1 Trygg uppväxt\r\n\r\n\r\n1.2 Bra skola\r\n"),
            format: None,
            file: Some("mal.txt"),
            want_format: Format::Text,
            want_encoding: Encoding::Utf8Bom,
            goals: vec![(Some("1.1"), "Trygg uppväxt", None, None), (Some("1.2"), "Bra skola", None, None)],
            problems: vec![],
        },
        Case {
            name: "plain text with a duplicate code",
            bytes: utf8("1 Ett\n2 Två\n1 Tre\n"),
            format: Some(Format::Text),
            file: None,
            want_format: Format::Text,
            want_encoding: Encoding::Utf8,
            goals: vec![(Some("1"), "Ett", None, None), (Some("2"), "Två", None, None), (Some("1"), "Tre", None, None)],
            problems: vec![(3, ProblemKind::DuplicateCode("1".into()))],
        },
        Case {
            name: "Markdown with perspectives",
            bytes: utf8(
                "# Budget- och strategiplan 2027–2029\n\n## Medborgare\n\n- 1.1 **Trygg** uppväxt\n- 1.2 Äldre ska \
                 känna sig *trygga*\n\n## Ekonomi\n\n1. Hållbar ekonomi\n2. Effektiv verksamhet\n\nMiljö\n=====\n\
                 Fossilfri kommun 2030\n",
            ),
            format: None,
            file: Some("bsp.md"),
            want_format: Format::Markdown,
            want_encoding: Encoding::Utf8,
            goals: vec![
                (Some("1.1"), "Trygg uppväxt", Some("Medborgare"), None),
                (Some("1.2"), "Äldre ska känna sig trygga", Some("Medborgare"), None),
                (None, "Hållbar ekonomi", Some("Ekonomi"), None),
                (None, "Effektiv verksamhet", Some("Ekonomi"), None),
                (None, "Fossilfri kommun 2030", Some("Miljö"), None),
            ],
            problems: vec![],
        },
        Case {
            name: "Markdown detected from content without an extension, CRLF",
            bytes: utf8("## Medarbetare\r\n- Attraktiv arbetsgivare\r\n- \r\n"),
            format: None,
            file: Some("mal"),
            want_format: Format::Markdown,
            want_encoding: Encoding::Utf8,
            goals: vec![(None, "Attraktiv arbetsgivare", Some("Medarbetare"), None)],
            problems: vec![(3, ProblemKind::EmptyWording)],
        },
        Case {
            name: "Windows-1252 CSV from Swedish Excel with åäö and a Swedish header",
            bytes: cp1252(
                "Kod;Målformulering;Perspektiv;Ansvarig\r\n1.1;Öka tryggheten för äldre;Medborgare;Äldrenämnden\r\n\
                 2.1;Hållbar ekonomi – även på sikt;Ekonomi;KS\r\n",
            ),
            format: None,
            file: Some("mal.csv"),
            want_format: Format::Csv,
            want_encoding: Encoding::Windows1252,
            goals: vec![
                (Some("1.1"), "Öka tryggheten för äldre", Some("Medborgare"), Some("Äldrenämnden")),
                (Some("2.1"), "Hållbar ekonomi – även på sikt", Some("Ekonomi"), Some("KS")),
            ],
            problems: vec![],
        },
        Case {
            name: "CSV with ; inside quotes, doubled quotes and a line break in a field",
            bytes: utf8(
                "kod;mål\n1;\"Skolan; förskolan och fritids\"\n2;\"Så kallad \"\"trygg\"\" miljö\"\n3;\"Två\nrader\"\n",
            ),
            format: None,
            file: Some("mal.csv"),
            want_format: Format::Csv,
            want_encoding: Encoding::Utf8,
            goals: vec![
                (Some("1"), "Skolan; förskolan och fritids", None, None),
                (Some("2"), "Så kallad \"trygg\" miljö", None, None),
                (Some("3"), "Två rader", None, None),
            ],
            problems: vec![],
        },
        Case {
            name: "CSV with an English header, commas, BOM, empty lines and a duplicate code",
            bytes: bom("Goal , CODE,Owner,Perspective\n\nSafe childhood,A1,BUN,Citizens\n,A2,,\nGood school,a1,BUN,\n"),
            format: None,
            file: Some("goals.CSV"),
            want_format: Format::Csv,
            want_encoding: Encoding::Utf8Bom,
            goals: vec![
                (Some("A1"), "Safe childhood", Some("Citizens"), Some("BUN")),
                (Some("a1"), "Good school", None, Some("BUN")),
            ],
            problems: vec![(4, ProblemKind::EmptyWording), (5, ProblemKind::DuplicateCode("a1".into()))],
        },
        Case {
            name: "CSV without a header, detected from content",
            bytes: cp1252("1.1;Trygg och säker uppväxt;Medborgare\n1.2;En skola där alla lyckas;Medborgare\n"),
            format: None,
            file: None,
            want_format: Format::Csv,
            want_encoding: Encoding::Windows1252,
            goals: vec![
                (Some("1.1"), "Trygg och säker uppväxt", Some("Medborgare"), None),
                (Some("1.2"), "En skola där alla lyckas", Some("Medborgare"), None),
            ],
            problems: vec![],
        },
        Case {
            name: "CSV with a quote that never closes",
            bytes: utf8("Kod;Mål\n1;Ett\n2;\"Två\n"),
            format: Some(Format::Csv),
            file: Some("mal.txt"),
            want_format: Format::Csv,
            want_encoding: Encoding::Utf8,
            goals: vec![(Some("1"), "Ett", None, None)],
            problems: vec![(3, ProblemKind::UnclosedQuote)],
        },
        Case {
            name: "RON list of goals",
            bytes: utf8(
                "[\n    (code: \"1.1\", wording: \"Trygg uppväxt\", perspective: \"Medborgare\"),\n    \
                 (wording: \"Hållbar ekonomi\", owner: Some(\"KS\")),\n]\n",
            ),
            format: None,
            file: Some("mal.ron"),
            want_format: Format::Ron,
            want_encoding: Encoding::Utf8,
            goals: vec![
                (Some("1.1"), "Trygg uppväxt", Some("Medborgare"), None),
                (None, "Hållbar ekonomi", None, Some("KS")),
            ],
            problems: vec![],
        },
    ]
}

#[test]
fn every_format_reads_as_expected() {
    for case in cases() {
        let got = preview_bytes(&case.bytes, case.format, case.file);
        assert_eq!(got.format, case.want_format, "{}: format", case.name);
        assert_eq!(got.encoding, case.want_encoding, "{}: encoding", case.name);
        let rows: Vec<_> = got
            .preview
            .goals
            .iter()
            .map(|g| (g.code.as_deref(), g.wording.as_str(), g.perspective.as_deref(), g.owner.as_deref()))
            .collect();
        let want: Vec<_> = case.goals.iter().map(|(c, w, p, o)| (*c, *w, *p, *o)).collect();
        assert_eq!(rows, want, "{}: goals", case.name);
        let problems: Vec<_> = got.preview.problems.iter().map(|p| (p.line, p.kind.clone())).collect();
        assert_eq!(problems, case.problems, "{}: problems", case.name);
    }
}

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("malverkstad").expect("binary");
    cmd.env_remove("MALVERKSTAD_LANG").env_remove("MALVERKSTAD_DIR");
    cmd
}

fn only_workshop(sessions: &Path) -> WorkshopDir {
    let dirs: Vec<_> = fs::read_dir(sessions).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    WorkshopDir::open(&dirs[0]).unwrap()
}

#[test]
fn new_from_a_windows_1252_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bsp.csv");
    fs::write(
        &file,
        cp1252(
            "Kod;Mål;Perspektiv\n1;Öka tryggheten;Medborgare\n2;Minska utsläppen;Miljö\n3;Hållbar ekonomi;Ekonomi\n",
        ),
    )
    .unwrap();
    let sessions = tmp.path().join("s");
    bin()
        .arg("--dir")
        .arg(&sessions)
        .args(["new", "Målstyrningsdag"])
        .arg("--goals")
        .arg(&file)
        .args(["--groups", "2"])
        .assert()
        .success();
    let w = only_workshop(&sessions).load_workshop().unwrap();
    let wordings: Vec<&str> = w.goals.iter().map(|g| g.wording.as_str()).collect();
    assert_eq!(wordings, vec!["Öka tryggheten", "Minska utsläppen", "Hållbar ekonomi"]);
    assert_eq!(w.goals[1].perspective.as_deref(), Some("Miljö"));
    assert_eq!(w.groups[0].goals.len() + w.groups[1].goals.len(), 3);
}

#[test]
fn new_refuses_bad_input_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("mal");
    fs::write(&file, "1 Ett\n1 Två\n").unwrap();
    let sessions = tmp.path().join("s");
    bin()
        .arg("--dir")
        .arg(&sessions)
        .args(["--lang", "en", "new", "Dag"])
        .arg("--goals")
        .arg(&file)
        .args(["--format", "txt"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(":2: error: the code \"1\" is already used"));
    assert!(!sessions.exists() || fs::read_dir(&sessions).unwrap().next().is_none());
    bin().args(["new", "Dag", "--format", "docx", "--goals"]).arg(&file).assert().code(2);
}

fn workshop_with_goals(root: &Path) -> WorkshopDir {
    let sessions = root.join("s");
    let file = root.join("start.txt");
    fs::write(&file, "1.1 Trygg uppväxt\n1.2 Bra skola\n").unwrap();
    bin()
        .arg("--dir")
        .arg(&sessions)
        .args(["new", "Dag"])
        .arg("--goals")
        .arg(&file)
        .args(["--groups", "A,B"])
        .assert()
        .success();
    only_workshop(&sessions)
}

#[test]
fn import_goals_previews_adds_and_refuses() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = workshop_with_goals(tmp.path());
    let before = fs::read(dir.workshop_path()).unwrap();

    // dry run: preview line by line, nothing written
    let more = tmp.path().join("more.md");
    fs::write(&more, "## Miljö\n\n- 3.1 Fossilfri 2030\n- 3.2 Mer återbruk\n").unwrap();
    bin()
        .arg("import-goals")
        .arg(&dir.root)
        .arg(&more)
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(predicates::str::contains("2 mål"))
        .stdout(predicates::str::contains("   3  3.1 Fossilfri 2030  (perspektiv: Miljö)"))
        .stdout(predicates::str::contains("Provkörning"));
    assert_eq!(fs::read(dir.workshop_path()).unwrap(), before);

    // a code already in the workshop: refused, nothing written
    let clash = tmp.path().join("clash.txt");
    fs::write(&clash, "2.1 Ny\n1.2 Krock\n").unwrap();
    bin()
        .arg("import-goals")
        .arg(&dir.root)
        .arg(&clash)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("clash.txt:2: fel: koden \"1.2\""));
    assert_eq!(fs::read(dir.workshop_path()).unwrap(), before);

    // the real thing, given to group B
    bin().arg("import-goals").arg(&dir.root).arg(&more).args(["--group", "b"]).assert().success();
    let w: Workshop = dir.load_workshop().unwrap();
    let labels: Vec<String> = w.goals.iter().map(|g| g.label()).collect();
    assert_eq!(labels, vec!["1.1 Trygg uppväxt", "1.2 Bra skola", "3.1 Fossilfri 2030", "3.2 Mer återbruk"]);
    let b = w.find_group("B").unwrap();
    let b_labels: Vec<String> = b.goals.iter().filter_map(|id| w.goal(*id)).map(|g| g.label()).collect();
    assert_eq!(b_labels, labels[1..]);
    bin().arg("check").arg(&dir.root).assert().success();
}
