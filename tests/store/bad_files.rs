//! Bad files are refused with the right error, quickly, and never overwritten.

use super::*;
use std::time::{Duration, Instant};

use malverkstad::demo;
use malverkstad::store::{self, StoreError};

const QUICK: Duration = Duration::from_secs(1);

fn demo_group_file() -> &'static str {
    demo::FILES.iter().find(|(rel, _)| *rel == "groups/grupp-1.ron").unwrap().1
}

fn valid() -> GroupFile {
    codec::from_bytes(Path::new("grupp-1.ron"), demo_group_file().as_bytes()).unwrap()
}

/// Put `bytes` in a group file, load it, and check: the error, its
/// message in both languages, the time it took, and that neither the
/// load nor an attempted save changed the file.
fn refused(bytes: &[u8], expect: impl Fn(&StoreError) -> bool, sv: &[&str], en: &[&str]) -> StoreError {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("grupp-1.ron");
    std::fs::write(&path, bytes).unwrap();
    let started = Instant::now();
    let err = codec::read_file::<GroupFile>(&path).expect_err("must not load");
    assert!(started.elapsed() < QUICK, "took {:?}", started.elapsed());
    assert!(expect(&err), "unexpected error: {err:?}");
    for (lang, words) in [(Lang::Sv, sv), (Lang::En, en)] {
        let msg = err.message(lang);
        assert!(msg.contains(&path.display().to_string()), "{lang:?} message names the file: {msg}");
        for word in words {
            assert!(msg.contains(word), "{lang:?} message lacks {word:?}: {msg}");
        }
    }
    match store::save_checked(&path, &valid()) {
        Err(StoreError::RefuseOverwrite { .. }) => {}
        other => panic!("save over a bad file must be refused, got {other:?}"),
    }
    assert!(std::fs::read(&path).unwrap() == bytes, "the file is unchanged on disk");
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "nothing written beside it: {names:?}");
    err
}

fn is_parse(e: &StoreError) -> bool {
    matches!(e, StoreError::Parse { .. })
}

#[test]
fn empty_file() {
    refused(b"", |e| matches!(e, StoreError::Empty { .. }), &["tom"], &["empty"]);
    refused(b" \n\t\n", |e| matches!(e, StoreError::Empty { .. }), &["tom"], &["empty"]);
    refused("\u{feff}".as_bytes(), |e| matches!(e, StoreError::Empty { .. }), &["tom"], &["empty"]);
}

/// When a damaged file has a .bak beside it, the message points to it.
#[test]
fn message_points_to_the_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("grupp-1.ron");
    store::save_checked(&path, &valid()).unwrap();
    store::save_checked(&path, &valid()).unwrap();
    for bytes in [&b""[..], b"(schema: 1, gro", b"\xff"] {
        std::fs::write(&path, bytes).unwrap();
        let err = codec::read_file::<GroupFile>(&path).unwrap_err();
        assert!(err.message(Lang::Sv).contains("Föregående version finns i"), "{}", err.message(Lang::Sv));
        assert!(err.message(Lang::En).contains("grupp-1.ron.bak"), "{}", err.message(Lang::En));
    }
}

#[test]
fn truncated_at_every_offset() {
    let text = demo_group_file();
    let end = text.trim_end().len();
    let started = Instant::now();
    for cut in (0..text.len()).step_by(3).chain(end - 2..text.len()) {
        let bytes = &text.as_bytes()[..cut];
        let result = codec::from_bytes::<GroupFile>(Path::new("g.ron"), bytes);
        if cut >= end {
            assert_eq!(result.unwrap(), valid(), "only trailing whitespace cut at {cut}");
            continue;
        }
        match result {
            Err(StoreError::Empty { .. }) => assert_eq!(cut, 0),
            // Cut inside a multi-byte letter.
            Err(StoreError::NotUtf8 { offset, .. }) => assert!(offset <= cut && !text.is_char_boundary(cut)),
            Err(StoreError::Parse { line, col, .. }) => {
                let lines = text[..cut].lines().count().max(1);
                assert!(line >= 1 && col >= 1 && line <= lines + 1, "cut {cut}: {line}:{col} of {lines}");
            }
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    assert!(started.elapsed() < QUICK * 10, "{} cuts took {:?}", text.len(), started.elapsed());
    // And on disk, with the save refused, at a spread of offsets.
    for cut in (1..end).step_by(331) {
        let cut = (cut..).find(|&c| text.is_char_boundary(c)).unwrap();
        let err = refused(&text.as_bytes()[..cut], is_parse, &["kunde inte läsas"], &["could not be read"]);
        let msg = err.message(Lang::En);
        assert!(msg.contains("grupp-1.ron:"), "{msg}");
    }
    let err = refused(&text.as_bytes()[..end - 1], is_parse, &["tar slut"], &["ends in the middle"]);
    assert!(matches!(err, StoreError::Parse { .. }));
}

#[test]
fn garbage_bytes() {
    let mut rng = 0x2545F4914F6CDD1Du64;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng as u8
        })
        .collect();
    refused(&garbage, |e| matches!(e, StoreError::NotUtf8 { .. } | StoreError::Parse { .. }), &[], &[]);
    refused(b"hello world", is_parse, &["1:1", "oväntat ord \"hello\""], &["unexpected word \"hello\""]);
    refused(b"\0\0\0\0", is_parse, &[], &[]);
    refused(b"PK\x03\x04 (a zip?)", is_parse, &[], &[]);
}

#[test]
fn invalid_utf8_names_the_byte() {
    let text = demo_group_file();
    let at = text.find("Grupp 1").unwrap();
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(at, 0xff);
    let err = refused(&bytes, |e| matches!(e, StoreError::NotUtf8 { .. }), &["UTF-8"], &["UTF-8"]);
    assert!(matches!(err, StoreError::NotUtf8 { offset, .. } if offset == at));
    assert!(err.message(Lang::Sv).contains(&format!("byte {at}")));
    // Latin-1 text saved by an old editor.
    refused(b"(schema: 1, group_name: \"Gr\xe4nsl\xf6s\")", |e| matches!(e, StoreError::NotUtf8 { .. }), &[], &[]);
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = demo_group_file();
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("bom.ron", format!("\u{feff}{text}")),
        ("crlf.ron", text.replace('\n', "\r\n")),
        ("both.ron", format!("\u{feff}{}", text.replace('\n', "\r\n"))),
    ] {
        let path = tmp.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let started = Instant::now();
        assert_eq!(codec::read_file::<GroupFile>(&path).unwrap(), valid(), "{name}");
        assert!(started.elapsed() < QUICK);
        assert_eq!(std::fs::read(&path).unwrap(), bytes.as_bytes(), "loading does not write");
        // Saving over it is fine (it is a good file) and writes the plain format.
        store::save_checked(&path, &valid()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(10_000);
    refused(deep.as_bytes(), is_parse, &["1:1"], &["1:1"]);
    let balanced = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    refused(balanced.as_bytes(), is_parse, &[], &[]);
    let parens = "(".repeat(10_000);
    refused(parens.as_bytes(), is_parse, &[], &[]);
    // Deep inside a field, where the parser has to descend.
    let goal = "01a42e73-b800-7000-8000-000000000101";
    let inside = format!(
        "(schema: 1, workshop: \"{goal}\", group: \"{goal}\", goals: {{\"{goal}\": (answers: {{\"effekt\": Text({deep}"
    );
    refused(inside.as_bytes(), is_parse, &[], &[]);
    let unknown = format!("(schema: 1, extra: {balanced})");
    refused(unknown.as_bytes(), is_parse, &["extra"], &["extra"]);
    let some = format!("(schema: 1, saved_at: {}", "Some(".repeat(10_000));
    refused(some.as_bytes(), is_parse, &[], &[]);
}

#[test]
fn many_escapes() {
    // 400 KB of escapes in a valid file loads quickly and correctly.
    let escapes = "\\u{e5}\\n\\\"\\\\".repeat(400 * 1024 / 14);
    let text = demo_group_file().replace("group_name: \"Grupp 1\"", &format!("group_name: \"{escapes}\""));
    let started = Instant::now();
    let f: GroupFile = codec::from_bytes(Path::new("g.ron"), text.as_bytes()).unwrap();
    assert!(started.elapsed() < QUICK);
    assert_eq!(f.group_name, "å\n\"\\".repeat(400 * 1024 / 14));
    // Unterminated, or with a bad escape: an error, quickly.
    let open = format!("(schema: 1, group_name: \"{escapes}");
    refused(open.as_bytes(), is_parse, &[], &[]);
    let bad = format!("(schema: 1, group_name: \"{escapes}\\q\")");
    refused(bad.as_bytes(), is_parse, &[], &[]);
}

#[test]
fn newer_schema_is_refused_before_its_new_fields() {
    let text = demo_group_file().replace("schema: 1,", "schema: 2,\n    colour: \"blå\",");
    let err = refused(
        text.as_bytes(),
        |e| matches!(e, StoreError::NewerSchema { found: 2, .. }),
        &["nyare", "2"],
        &["newer", "2"],
    );
    assert!(!err.message(Lang::En).contains("colour"));
    // The workshop file too.
    let w = demo::FILES[0].1.replace("schema: 1,", "schema: 7,");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("groups")).unwrap();
    std::fs::write(tmp.path().join("workshop.ron"), &w).unwrap();
    let dir = malverkstad::store::WorkshopDir::open(tmp.path()).unwrap();
    assert!(matches!(dir.load_workshop(), Err(StoreError::NewerSchema { found: 7, .. })));
    let valid_w: Workshop = codec::from_bytes(Path::new("w"), demo::FILES[0].1.as_bytes()).unwrap();
    assert!(matches!(dir.save_workshop(&valid_w), Err(StoreError::RefuseOverwrite { .. })));
    assert_eq!(std::fs::read_to_string(tmp.path().join("workshop.ron")).unwrap(), w);
}

#[test]
fn unknown_field_is_named_with_its_line() {
    let text = demo_group_file().replace("    group_name:", "    colour: \"blå\",\n    group_name:");
    let line = text.lines().position(|l| l.contains("colour")).unwrap() + 1;
    let err = refused(
        text.as_bytes(),
        is_parse,
        &["okänt fält \"colour\"", "group_name"],
        &["unknown field \"colour\"", "group_name"],
    );
    assert!(matches!(err, StoreError::Parse { line: l, .. } if l == line), "{err:?} line {line}");
    // Deep inside an indicator.
    let text = demo_group_file().replacen("kolada:", "koladaa: \"x\",\n                        kolada:", 1);
    refused(text.as_bytes(), is_parse, &["\"koladaa\""], &["\"koladaa\""]);
    // An unknown verdict.
    let text = demo_group_file().replacen("Some(Partly)", "Some(Kanske)", 1);
    refused(text.as_bytes(), is_parse, &["\"Kanske\"", "Partly"], &["\"Kanske\"", "Partly"]);
}

#[test]
fn over_the_size_cap() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("grupp-1.ron");
    // A sparse 20 MB file: refused from its size, without reading it.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(20 * 1024 * 1024).unwrap();
    drop(file);
    let started = Instant::now();
    let err = codec::read_file::<GroupFile>(&path).unwrap_err();
    assert!(started.elapsed() < QUICK);
    assert!(matches!(err, StoreError::TooLarge { size, .. } if size == 20 * 1024 * 1024));
    assert!(err.message(Lang::Sv).contains("20 MiB") && err.message(Lang::Sv).contains("16 MiB"));
    assert!(err.message(Lang::En).contains("larger than 16 MiB"));
    assert!(matches!(store::save_checked(&path, &valid()), Err(StoreError::RefuseOverwrite { .. })));
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 20 * 1024 * 1024);
    // Real bytes just over the cap, in a valid-looking file.
    let mut big = demo_group_file().replace("Grupp 1", &"x".repeat(codec::MAX_FILE_BYTES as usize)).into_bytes();
    big.truncate(codec::MAX_FILE_BYTES as usize + 1);
    refused(&big, |e| matches!(e, StoreError::TooLarge { .. }), &["16 MiB"], &["16 MiB"]);
}

/// The mistakes a person makes editing a file by hand: each is said in
/// Swedish and English words of our own (never the parser's English alone),
/// at the line where it is.
#[test]
fn hand_edit_mistakes_are_explained_in_both_languages() {
    let good = demo_group_file();
    let cases: [(&str, String, &str, &str); 9] = [
        ("missing colon", good.replacen("group_name: \"Grupp 1\"", "group_name \"Grupp 1\"", 1), "kolon", "colon"),
        ("missing comma", good.replacen("schema: 1,", "schema: 1", 1), "kommatecken", "comma"),
        ("unquoted text", good.replacen("\"Grupp 1\"", "Grupp 1", 1), "citattecken", "quoted"),
        ("bad escape", good.replacen("Grupp 1", "Grupp \\q", 1), "\\-sekvens", "\\ sequence"),
        ("open comment", good.replacen("schema: 1,", "schema: 1, /* ändrat", 1), "kommentar", "comment"),
        (
            "bad id",
            good.replacen("01a42e73-b800-7000-8000-000000000201", "grupp-ett", 1),
            "ogiltigt värde",
            "invalid value",
        ),
        ("bad time", good.replacen("2027-03-16T10:42:17Z", "i förmiddags", 1), "ogiltigt värde", "invalid value"),
        ("unknown verdict", good.replacen("Some(Partly)", "Some(Kanske)", 1), "okänt värde", "unknown value"),
        (
            "missing field",
            good.replacen("    group: \"01a42e73-b800-7000-8000-000000000201\",\n", "", 1),
            "saknas",
            "missing",
        ),
    ];
    for (name, text, sv, en) in cases {
        assert_ne!(text, good, "{name}: the edit applies");
        let err = codec::from_bytes::<GroupFile>(Path::new("g.ron"), text.as_bytes()).unwrap_err();
        let StoreError::Parse { line, what, .. } = &err else { panic!("{name}: {err:?}") };
        assert!(!matches!(what, malverkstad::store::error::ParseWhat::Other(_)), "{name}: {what:?}");
        assert!(err.message(Lang::Sv).contains(sv), "{name}: {}", err.message(Lang::Sv));
        assert!(err.message(Lang::En).contains(en), "{name}: {}", err.message(Lang::En));
        let first_difference = good.lines().zip(text.lines()).position(|(a, b)| a != b).unwrap() + 1;
        // A missing comma shows at the next token, which may be on the next line.
        if name != "open comment" && name != "missing field" {
            assert!((first_difference..=first_difference + 1).contains(line), "{name}: {}", err.message(Lang::En));
        }
    }
}

/// A file this process wrote is overwritten only while it holds exactly
/// what this process wrote; any other bytes (cut off, damaged, or a valid
/// version someone else wrote) are never overwritten (issue 13, item 2:
/// before, a valid version written by someone else was saved over).
#[test]
fn a_file_changed_after_our_own_save_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("grupp-1.ron");
    store::save_checked(&path, &valid()).unwrap();
    store::save_checked(&path, &valid()).unwrap();
    let ours = std::fs::read(&path).unwrap();
    // Cut in half by someone else (a sync tool, an editor): refused, untouched.
    std::fs::write(&path, &ours[..ours.len() / 2]).unwrap();
    assert!(matches!(store::save_checked(&path, &valid()), Err(StoreError::ChangedOnDisk { .. })));
    assert_eq!(std::fs::read(&path).unwrap(), &ours[..ours.len() / 2]);
    // One byte changed into garbage, same length: refused as well.
    let mut flipped = ours.clone();
    let at = flipped.iter().position(|b| *b == b'(').unwrap();
    flipped[at] = b'#';
    std::fs::write(&path, &flipped).unwrap();
    assert!(matches!(store::save_checked(&path, &valid()), Err(StoreError::ChangedOnDisk { .. })));
    // Changed by hand but still valid: not ours either, so not saved over.
    let by_hand = String::from_utf8(ours.clone()).unwrap().replace("Grupp 1", "Grupp Ett");
    std::fs::write(&path, &by_hand).unwrap();
    assert!(matches!(store::save_checked(&path, &valid()), Err(StoreError::ChangedOnDisk { .. })));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), by_hand);
    // A process that never saw the file keeps the older rule: valid files may be replaced.
    store::forget(&path);
    store::save_checked(&path, &valid()).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), ours);
}
