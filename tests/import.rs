//! Goal import: every format from bytes to preview (table-driven), and the
//! `new --goals` / `import-goals` commands on disk.

use std::fs;

mod common;

use common::{bin, new_workshop};
use malverkstad::domain::import::{preview_bytes, Encoding, Format, ProblemKind};
use malverkstad::domain::Workshop;

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
                "# Budget- och strategiplan 2027–2029\nFullmäktige har beslutat om målen.\n## Medborgare\n\n- 1.1 **Trygg** uppväxt\n- 1.2 Äldre ska \
                 känna sig *trygga*\n\n## Ekonomi\n\n1. Hållbar ekonomi\n2. Effektiv verksamhet\n\nMiljö\n=====\n\
                 - Fossilfri kommun 2030\n",
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
            problems: vec![(2, ProblemKind::SkippedText)],
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

#[test]
fn new_from_a_windows_1252_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "Kod;Mål;Perspektiv\n1;Öka tryggheten;Medborgare\n2;Minska utsläppen;Miljö\n3;Hållbar ekonomi;Ekonomi\n";
    let dir = new_workshop(tmp.path(), "bsp.csv", &cp1252(text), "2");
    let w = dir.load_workshop().unwrap();
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

#[test]
fn import_goals_previews_adds_and_refuses() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_workshop(tmp.path(), "start.txt", "1.1 Trygg uppväxt\n1.2 Bra skola\n".as_bytes(), "A,B");
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

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn word() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[a-zåäöÅÄÖé;,\"'()–]{1,8}").unwrap()
    }

    fn wording() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec(word(), 1..6)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Goals written by an independent CSV writer (the `csv` crate), in
        /// any of the encodings and delimiters Excel uses, read back intact.
        #[test]
        fn csv_written_by_another_writer_reads_back(
            goals in proptest::collection::vec((wording(), proptest::option::of("[A-Za-zåäö]{1,10}")), 1..8),
            semicolon in any::<bool>(),
            english in any::<bool>(),
            encoding in 0..3u8,
            line_break_in in proptest::option::of(0..8usize),
        ) {
            let mut out = csv::WriterBuilder::new()
                .delimiter(if semicolon { b';' } else { b',' })
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            let header = if english { ["Code", "Goal", "Perspective"] } else { ["Kod", "Målformulering", "Perspektiv"] };
            out.write_record(header).unwrap();
            for (i, (words, perspective)) in goals.iter().enumerate() {
                let sep = if line_break_in == Some(i) { "\n" } else { " " };
                let text = words.join(sep);
                out.write_record([format!("{}.1", i + 1), text, perspective.clone().unwrap_or_default()]).unwrap();
            }
            let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
            let bytes = match encoding {
                0 => utf8(&text),
                1 => bom(&text),
                _ => cp1252(&text),
            };
            let got = preview_bytes(&bytes, None, Some("export.csv"));
            prop_assert!(got.preview.problems.is_empty(), "{:?}", got.preview.problems);
            prop_assert_eq!(got.preview.goals.len(), goals.len());
            for (i, (goal, (words, perspective))) in got.preview.goals.iter().zip(&goals).enumerate() {
                let code = format!("{}.1", i + 1);
                prop_assert_eq!(goal.code.as_deref(), Some(code.as_str()));
                prop_assert_eq!(&goal.wording, &words.join(" "));
                prop_assert_eq!(&goal.perspective, perspective);
            }
        }

        /// No input makes any format panic, and what comes out is well formed.
        #[test]
        fn any_bytes_give_a_well_formed_preview(bytes in proptest::collection::vec(any::<u8>(), 0..400), f in 0..5usize) {
            let format = Format::ALL.get(f).copied();
            let got = preview_bytes(&bytes, format, None);
            let p = &got.preview;
            prop_assert_eq!(p.lines.len(), p.goals.len());
            prop_assert!(!p.goals.is_empty() || !p.problems.is_empty());
            for g in &p.goals {
                prop_assert!(!g.wording.is_empty());
                prop_assert_eq!(g.wording.trim(), g.wording.as_str());
                prop_assert!(!g.wording.contains('\n'));
            }
            prop_assert!(p.problems.iter().all(|pr| pr.line >= 1));
        }
    }
}

// ---------------------------------------------------------------- issue #16

/// `## Perspektiv: Medborgare` names the perspective "Medborgare" (also in
/// English, in any case, with the separators people type), so the goals
/// share a perspective with a plain `## Medborgare` and are assigned together.
#[test]
fn a_perspective_label_in_a_markdown_heading_is_not_part_of_the_name() {
    let md = "## Perspektiv: Medborgare\n- Trygg uppväxt\n## PERSPECTIVE:Ekonomi\n- Hållbar ekonomi\n\
              ## perspektiv – Miljö\n- Fossilfri 2030\n**Perspektiv : Medarbetare**\n- Attraktiv arbetsgivare\n\
              ## Perspective - Medborgare\n- Bra skola\n## Perspektiv Verksamhet\n- Effektiv\n\
              ## Perspektivet\n- Utan namn\n";
    let got = preview_bytes(md.as_bytes(), None, Some("mal.md"));
    let perspectives: Vec<_> = got.preview.goals.iter().map(|g| g.perspective.as_deref()).collect();
    assert_eq!(
        perspectives,
        vec![
            Some("Medborgare"),
            Some("Ekonomi"),
            Some("Miljö"),
            Some("Medarbetare"),
            Some("Medborgare"),
            Some("Verksamhet"),
            Some("Perspektivet"),
        ]
    );
    let sets = malverkstad::domain::assign::perspectives(&got.preview.goals);
    let names: Vec<_> = sets.iter().map(|(p, goals)| (p.as_deref(), goals.len())).collect();
    assert_eq!(
        names,
        vec![
            (Some("Medborgare"), 2),
            (Some("Ekonomi"), 1),
            (Some("Miljö"), 1),
            (Some("Medarbetare"), 1),
            (Some("Verksamhet"), 1),
            (Some("Perspektivet"), 1)
        ]
    );
}

/// A goal file that cannot be read is named with the reason in the user's
/// language, not the system's English ("Not a directory (os error 20)"),
/// on the command line and in the wizard's file reading alike.
#[test]
fn an_unreadable_goal_file_is_explained_in_the_users_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_workshop(tmp.path(), "mal.txt", b"1 Ett\n", "1");
    // A path through a file: ENOTDIR, an error the file layer does not name itself.
    let through_a_file = tmp.path().join("mal.txt").join("fler.txt");
    for (lang, want) in
        [("sv", "en del av sökvägen är en fil, inte en mapp"), ("en", "a part of the path is a file, not a folder")]
    {
        let out = bin().args(["--lang", lang, "import-goals"]).arg(&dir.root).arg(&through_a_file).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{err}");
        assert!(err.contains(want) && !err.contains("os error"), "{lang}: {err}");
        let out = bin()
            .args(["--lang", lang, "--dir"])
            .arg(tmp.path().join("s2"))
            .args(["new", "Dag", "--goals"])
            .arg(&through_a_file)
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(want) && !err.contains("os error"), "{lang}: {err}");
    }
    // The wizard's goal-file reading (the TUI shell's effect).
    use malverkstad::app::facil::{FacilEffect, FacilMsg};
    for (path, want) in [(through_a_file.clone(), "en del av sökvägen"), (tmp.path().join("saknas.txt"), "finns inte")]
    {
        match malverkstad::tui::facil::run(FacilEffect::ReadGoalFile(path), malverkstad::i18n::Lang::Sv) {
            FacilMsg::GoalFile { bytes: Err(e), .. } => {
                assert!(e.contains(want) && !e.contains("os error") && !e.contains("No such file"), "{e}")
            }
            other => panic!("{other:?}"),
        }
    }
}
