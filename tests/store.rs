//! The file layer: round trips, crash-safe saves, bad files, the demo.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use malverkstad::domain::*;
use malverkstad::i18n::Lang;
use malverkstad::store::codec;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

// ---------------------------------------------------------------- strategies

/// Text that is hard for a serializer: RON syntax, escapes, Unicode.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("åäö ÅÄÖ".to_string()),
        Just("🎉👩‍👩‍👧❤️".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("None".to_string()),
        Just("Some(".to_string()),
        Just("r#\"".to_string()),
        Just("\"#".to_string()),
        Just(")".to_string()),
        Just("]".to_string()),
        Just("}".to_string()),
        Just("//".to_string()),
        Just("/*".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{feff}".to_string()),
        Just("e\u{301}".to_string()),
        "[a-zåäö ,.:]{0,12}",
        any::<String>(),
    ];
    // Loading normalises to NFC, so the values we start from are NFC.
    prop::collection::vec(piece, 0..6).prop_map(|parts| parts.concat().nfc().collect())
}

fn uuid() -> impl Strategy<Value = Uuid> {
    any::<u128>().prop_map(Uuid::from_u128)
}

fn datetime() -> impl Strategy<Value = DateTime<Utc>> {
    // Years 1000–9999 (RFC 3339 has four-digit years), any nanosecond.
    (-30_610_224_000i64..253_402_300_799i64, 0u32..1_000_000_000)
        .prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).expect("in range"))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    datetime().prop_map(|d| d.date_naive())
}

fn opt<T: std::fmt::Debug + Clone + 'static>(s: impl Strategy<Value = T> + 'static) -> BoxedStrategy<Option<T>> {
    prop::option::of(s).boxed()
}

fn kind() -> impl Strategy<Value = QuestionKind> {
    prop_oneof![
        Just(QuestionKind::Text),
        Just(QuestionKind::List),
        Just(QuestionKind::Indicators),
        Just(QuestionKind::Verdict)
    ]
}

fn bilingual() -> impl Strategy<Value = Bilingual> {
    (text(), text()).prop_map(|(sv, en)| Bilingual { sv, en })
}

fn question() -> impl Strategy<Value = Question> {
    (text(), kind(), bilingual(), bilingual()).prop_map(|(key, kind, prompt, guidance)| Question {
        key,
        kind,
        prompt,
        guidance,
    })
}

fn goal() -> impl Strategy<Value = Goal> {
    (uuid(), opt(text()), text(), opt(text()), opt(text())).prop_map(|(id, code, wording, perspective, owner)| Goal {
        id,
        code,
        wording,
        perspective,
        owner,
    })
}

fn group() -> impl Strategy<Value = Group> {
    (uuid(), text(), text(), prop::collection::vec(uuid(), 0..4)).prop_map(|(id, name, slug, goals)| Group {
        id,
        name,
        slug,
        goals,
    })
}

fn timer() -> impl Strategy<Value = Timer> {
    (text(), any::<u64>(), any::<u64>(), opt(datetime())).prop_map(
        |(label, total_secs, elapsed_secs, running_since)| Timer { label, total_secs, elapsed_secs, running_since },
    )
}

fn workshop() -> impl Strategy<Value = Workshop> {
    (
        (0..=SCHEMA, uuid(), text(), text(), text(), opt(date())),
        prop_oneof![Just(Lang::Sv), Just(Lang::En)],
        prop::collection::vec(question(), 0..4),
        prop::collection::vec(goal(), 0..4),
        prop::collection::vec(group(), 0..3),
        opt(any::<u32>()),
        opt(timer()),
    )
        .prop_map(
            |((schema, id, title, organisation, plan, date), language, questions, goals, groups, timebox, timer)| {
                Workshop {
                    schema,
                    id,
                    title,
                    organisation,
                    plan,
                    date,
                    language,
                    questions,
                    goals,
                    groups,
                    timebox_minutes: timebox,
                    timer,
                }
            },
        )
}

fn measure() -> impl Strategy<Value = Measure> {
    (text(), text()).prop_map(|(value, year)| Measure { value, year })
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Month),
        Just(Frequency::Quarter),
        Just(Frequency::Tertial),
        Just(Frequency::HalfYear),
        Just(Frequency::Year),
        text().prop_map(Frequency::Other),
    ]
}

fn indicator() -> impl Strategy<Value = Indicator> {
    ((uuid(), text(), text(), text(), text()), (measure(), measure(), opt(frequency()), text(), opt(uuid()))).prop_map(
        |((id, name, definition, source, kolada), (baseline, target, frequency, responsible, subgoal))| Indicator {
            id,
            name,
            definition,
            source,
            kolada,
            baseline,
            target,
            frequency,
            responsible,
            subgoal,
        },
    )
}

fn verdict() -> impl Strategy<Value = Verdict> {
    prop::sample::select(Verdict::ALL.to_vec())
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        text().prop_map(Answer::Text),
        prop::collection::vec(
            (uuid(), text(), text()).prop_map(|(id, text, owner)| ListItem { id, text, owner }),
            0..3
        )
        .prop_map(Answer::List),
        prop::collection::vec(indicator(), 0..3).prop_map(Answer::Indicators),
        (opt(verdict()), text()).prop_map(|(verdict, how)| Answer::Verdict(VerdictAnswer { verdict, how })),
    ]
}

fn group_file() -> impl Strategy<Value = GroupFile> {
    let answers = prop::collection::btree_map(text(), answer(), 0..4).prop_map(|answers| GoalAnswers { answers });
    (0..=SCHEMA, uuid(), uuid(), text(), opt(datetime()), prop::collection::btree_map(uuid(), answers, 0..3)).prop_map(
        |(schema, workshop, group, group_name, saved_at, goals)| GroupFile {
            schema,
            workshop,
            group,
            group_name,
            saved_at,
            goals: goals.into_iter().collect::<BTreeMap<_, _>>(),
        },
    )
}

// ---------------------------------------------------------------- round trip

fn round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let text = codec::to_ron(value).expect("serializes");
    match codec::from_bytes::<T>(Path::new("x.ron"), text.as_bytes()) {
        Ok(back) => back,
        Err(e) => panic!("does not load back: {}\n{text}", e.message(Lang::En)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn workshop_round_trips(w in workshop()) {
        prop_assert_eq!(round_trip(&w), w);
    }

    #[test]
    fn group_file_round_trips(f in group_file()) {
        prop_assert_eq!(round_trip(&f), f);
    }

    /// What is written is already what a save would write: saving twice gives the same bytes.
    #[test]
    fn saved_text_is_stable(f in group_file()) {
        let once = codec::to_ron(&f).unwrap();
        let twice = codec::to_ron(&round_trip(&f)).unwrap();
        prop_assert_eq!(once, twice);
    }
}

// ---------------------------------------------------------------- the demo

mod demo_workshop {
    use super::*;
    use malverkstad::demo;
    use malverkstad::domain::text::fold_key;
    use malverkstad::domain::validate::{check_group_file, check_workshop};
    use malverkstad::store::WorkshopDir;

    fn installed() -> (tempfile::TempDir, WorkshopDir) {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, fresh) = demo::install(tmp.path(), false).expect("demo installs");
        assert!(fresh);
        (tmp, dir)
    }

    #[test]
    fn demo_is_valid_with_zero_findings() {
        let (_tmp, dir) = installed();
        let w = dir.load_workshop().expect("workshop.ron loads");
        assert_eq!(check_workshop(&w), vec![], "workshop findings");
        for group in &w.groups {
            let file = dir.load_group(group).expect("group file loads").expect("group file exists");
            assert_eq!(check_group_file(&w, &file), vec![], "findings in {}", group.slug);
            assert_eq!(file.group, group.id);
            assert_eq!(file.group_name, group.name);
        }
        // Nothing beyond the four group files.
        assert_eq!(dir.group_files().unwrap().len(), 4);
    }

    #[test]
    fn demo_has_the_promised_shape() {
        let (_tmp, dir) = installed();
        let w = dir.load_workshop().unwrap();
        assert_eq!(w.goals.len(), 9);
        assert_eq!(w.date, NaiveDate::from_ymd_opt(2027, 3, 16));
        assert!(!w.organisation.is_empty() && w.plan.contains("BSP"));
        assert_eq!(w.questions, default_questions(), "the default questions, both languages");
        let perspectives: std::collections::BTreeSet<_> =
            w.goals.iter().filter_map(|g| g.perspective.clone()).collect();
        assert_eq!(perspectives.len(), 5, "{perspectives:?}");
        assert!(w.goals.iter().all(|g| g.code.is_some()));
        let names: Vec<_> = w.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Grupp 1", "Grupp 2", "Grupp 3", "Grupp 4"]);
        assert!(w.groups.iter().all(|g| (2..=3).contains(&g.goals.len())));
        let covered: std::collections::BTreeSet<_> = w.groups.iter().flat_map(|g| g.goals.clone()).collect();
        assert_eq!(covered.len(), 9, "every goal has a group");

        let files: Vec<GroupFile> = w.groups.iter().map(|g| dir.load_group(g).unwrap().unwrap()).collect();
        // Groups 1 and 2 have answered every goal they were given; 3 and 4 nothing yet.
        for (group, file) in w.groups.iter().zip(&files).take(2) {
            assert_eq!(file.goals.keys().copied().collect::<Vec<_>>().len(), group.goals.len());
            assert!(file.goals.values().all(|a| !a.is_empty()));
            assert!(file.saved_at.is_some());
        }
        assert!(files[2].goals.is_empty() && files[3].goals.is_empty());
        let count = |f: &GroupFile, key: &str| -> usize {
            f.goals
                .values()
                .map(|a| match a.answers.get(key) {
                    Some(Answer::List(v)) => v.len(),
                    Some(Answer::Indicators(v)) => v.len(),
                    Some(_) => 1,
                    None => 0,
                })
                .sum()
        };
        assert_eq!(
            [keys::EFFECT, keys::SUBGOALS, keys::INDICATORS, keys::MEASURABILITY].map(|k| count(&files[0], k)),
            [3, 7, 6, 2]
        );
        assert_eq!(
            [keys::EFFECT, keys::SUBGOALS, keys::INDICATORS, keys::MEASURABILITY].map(|k| count(&files[1], k)),
            [3, 4, 3, 3]
        );
        // Kolada-style ids where given: a letter and five digits.
        for f in &files {
            for a in f.goals.values() {
                for ind in a.indicators(keys::INDICATORS) {
                    let k = &ind.kolada;
                    assert!(
                        k.is_empty()
                            || (k.len() == 6
                                && k.as_bytes()[0].is_ascii_uppercase()
                                && k[1..].bytes().all(|b| b.is_ascii_digit())),
                        "{k}"
                    );
                }
            }
        }
        // Some fields are left empty on purpose (for the quality check).
        let empty_owner = files[0].goals.values().flat_map(|a| a.list(keys::SUBGOALS)).any(|s| s.owner.is_empty());
        let empty_target = files
            .iter()
            .flat_map(|f| f.goals.values())
            .flat_map(|a| a.indicators(keys::INDICATORS))
            .any(|i| i.target.is_empty());
        assert!(empty_owner && empty_target);
    }

    /// Groups 1 and 2 share a goal and wrote the same sub-goal in different
    /// case and punctuation: the merge folds them.
    #[test]
    fn demo_has_a_duplicate_sub_goal_for_merge_to_fold() {
        let (_tmp, dir) = installed();
        let w = dir.load_workshop().unwrap();
        let shared: Vec<Uuid> = w.groups[0].goals.iter().copied().filter(|g| w.groups[1].goals.contains(g)).collect();
        assert_eq!(shared.len(), 1);
        let one = dir.load_group(&w.groups[0]).unwrap().unwrap();
        let two = dir.load_group(&w.groups[1]).unwrap().unwrap();
        let subs = |f: &GroupFile| f.goals[&shared[0]].list(keys::SUBGOALS).to_vec();
        let pairs: Vec<(String, String)> = subs(&one)
            .iter()
            .flat_map(|a| subs(&two).into_iter().map(move |b| (a.text.clone(), b.text)))
            .filter(|(a, b)| fold_key(a) == fold_key(b))
            .collect();
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_ne!(pairs[0].0, pairs[0].1, "same words, different spelling");
    }

    /// The checked-in files are exactly what a save writes, so opening and
    /// saving the demo does not reformat it.
    #[test]
    fn demo_files_are_in_the_saved_format() {
        for (rel, content) in demo::FILES {
            let path = Path::new(rel);
            let again = if *rel == "workshop.ron" {
                codec::to_ron(&codec::from_bytes::<Workshop>(path, content.as_bytes()).unwrap()).unwrap()
            } else {
                codec::to_ron(&codec::from_bytes::<GroupFile>(path, content.as_bytes()).unwrap()).unwrap()
            };
            assert_eq!(&again, content, "{rel}");
        }
    }

    #[test]
    fn demo_install_keeps_an_existing_copy_unless_reset() {
        let (tmp, dir) = installed();
        let path = dir.group_path(&dir.load_workshop().unwrap().groups[2]);
        std::fs::write(&path, b"edited by hand").unwrap();
        let (_, fresh) = demo::install(tmp.path(), false).unwrap();
        assert!(!fresh);
        assert_eq!(std::fs::read(&path).unwrap(), b"edited by hand");
        let (_, fresh) = demo::install(tmp.path(), true).unwrap();
        assert!(fresh);
        assert_ne!(std::fs::read(&path).unwrap(), b"edited by hand");
        // The old copy was moved aside, not deleted, and is not listed.
        let aside: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        let listed = malverkstad::store::list_workshops(tmp.path(), Lang::Sv).unwrap();
        assert_eq!(listed.len(), 1);
    }
}

// ---------------------------------------------------------------- atomic save under SIGKILL

mod killed_while_saving {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::path::PathBuf;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use malverkstad::store::{self, StoreError, WorkshopDir};

    /// Set in the child: the file to save in a loop.
    const CHILD_ENV: &str = "MALVERKSTAD_TEST_SAVE_LOOP";
    const KILLS: usize = 200;

    /// Version `n` of the file. Odd versions are large (about 64 KB), even
    /// ones small, so that a torn write could never pass for a whole version.
    fn version(n: u64) -> GroupFile {
        let mut answers = GoalAnswers::default();
        let body = if n % 2 == 1 { "Öka andelen behöriga elever. ".repeat(2200) } else { "Kort.".to_string() };
        answers.answers.insert(keys::EFFECT.into(), Answer::Text(body));
        GroupFile {
            schema: SCHEMA,
            workshop: Uuid::from_u128(1),
            group: Uuid::from_u128(2),
            group_name: format!("version {n}"),
            saved_at: None,
            goals: [(Uuid::from_u128(3), answers)].into_iter().collect(),
        }
    }

    fn version_of(f: &GroupFile) -> u64 {
        let n: u64 = f.group_name.strip_prefix("version ").and_then(|s| s.parse().ok()).expect("a version name");
        assert_eq!(f, &version(n), "the whole of version {n}, not a mix");
        n
    }

    /// Not a test of its own: the child process the test below starts (the
    /// test binary itself, re-executed with `CHILD_ENV` set). Without the
    /// variable it returns at once.
    #[test]
    fn save_loop_child() {
        let Some(path) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else { return };
        let mut n = version_of(&codec::read_file::<GroupFile>(&path).expect("the file loads after a kill"));
        loop {
            n += 1;
            store::save_checked(&path, &version(n)).expect("save");
            // One line per completed save; std's stdout flushes on newline.
            println!("saved {n}");
        }
    }

    /// A tiny deterministic generator (xorshift), seeded from the clock and printed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect()
    }

    #[test]
    fn file_is_always_the_old_or_the_new_version() {
        let started = Instant::now();
        let tmp = tempfile::tempdir().unwrap();
        let dir = WorkshopDir { root: tmp.path().to_path_buf() };
        let groups = dir.groups_dir();
        std::fs::create_dir_all(&groups).unwrap();
        let path = groups.join("grupp-1.ron");
        store::save_checked(&path, &version(0)).unwrap();

        let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
        eprintln!("kill test seed {seed}");
        let mut rng = Rng(seed);
        let exe = std::env::current_exe().unwrap();
        let (mut was_old, mut was_new, mut with_leftover) = (0, 0, 0);
        let mut previous_temps = 0;
        for kill in 0..KILLS {
            let mut child = Command::new(&exe)
                .args(["killed_while_saving::save_loop_child", "--exact", "--nocapture", "--test-threads=1"])
                .env(CHILD_ENV, &path)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let mut out = BufReader::new(child.stdout.take().unwrap());
            let mut last_saved = None;
            let mut line = String::new();
            // Wait until the child is inside its loop (one save done), then
            // kill it at a random moment within the next few saves.
            while out.read_line(&mut line).unwrap() > 0 {
                if let Some(n) = line.trim().strip_prefix("saved ") {
                    last_saved = n.parse::<u64>().ok();
                    break;
                }
                line.clear();
            }
            assert!(last_saved.is_some(), "kill {kill}: the child never saved (could it load the file?)");
            std::thread::sleep(Duration::from_micros(rng.next() % 15_000));
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            line.clear();
            while out.read_line(&mut line).unwrap() > 0 {
                if let Some(n) = line.trim().strip_prefix("saved ") {
                    last_saved = n.parse::<u64>().ok();
                }
                line.clear();
            }
            let last = last_saved.unwrap();

            let on_disk = version_of(&codec::read_file::<GroupFile>(&path).expect("parses after kill"));
            assert!(on_disk == last || on_disk == last + 1, "kill {kill}: version {on_disk}, last saved {last}");
            if on_disk == last {
                was_old += 1;
            } else {
                was_new += 1;
            }
            let bak = version_of(&codec::read_file::<GroupFile>(&store::error::bak_path(&path)).expect("bak parses"));
            // The .bak is a whole earlier version: the one before, or (killed
            // between keeping the backup and the rename) the same one.
            assert!(bak == on_disk || bak + 1 == on_disk, "kill {kill}: bak {bak}, file {on_disk}");

            // A kill leaves at most one new hidden temp file, plus the one
            // backup link that the next save replaces; loading ignores them.
            let left = leftovers(&groups);
            let temps = left.iter().filter(|n| n.ends_with(".tmp")).count();
            let links = left.iter().filter(|n| n.as_str() == ".grupp-1.ron.bak.link").count();
            assert_eq!(temps + links, left.len(), "kill {kill}: {left:?}");
            assert!(temps <= previous_temps + 1 && links <= 1, "kill {kill}: {left:?}");
            if temps > previous_temps {
                with_leftover += 1;
            }
            previous_temps = temps;
            assert_eq!(dir.group_files().unwrap(), vec![path.clone()]);
        }
        eprintln!(
            "{KILLS} kills in {:.1} s: old version {was_old}, new version {was_new}, a temp file left {with_leftover} times",
            started.elapsed().as_secs_f64()
        );

        // The next save sweeps leftovers once they are old enough.
        let long_ago = std::time::SystemTime::now() - Duration::from_secs(store::atomic::STALE_TEMP_SECS + 1);
        for name in leftovers(&groups) {
            std::fs::File::options().write(true).open(groups.join(name)).unwrap().set_modified(long_ago).unwrap();
        }
        let n = version_of(&codec::read_file::<GroupFile>(&path).unwrap());
        store::save_checked(&path, &version(n + 1)).unwrap();
        let left: Vec<(String, Option<Duration>)> = leftovers(&groups)
            .into_iter()
            .map(|n| {
                let age = std::fs::metadata(groups.join(&n)).ok().and_then(|m| m.modified().ok()?.elapsed().ok());
                (n, age)
            })
            .collect();
        assert!(left.is_empty(), "not swept: {left:?}");
        let names: Vec<_> = std::fs::read_dir(&groups).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "the file and its .bak: {names:?}");
        assert!(!matches!(codec::read_file::<GroupFile>(&path), Err(StoreError::Parse { .. })));
    }
}

// ---------------------------------------------------------------- bad files

mod bad_files {
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
        refused(b"hello world", is_parse, &["1:1"], &["1:1"]);
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
        let inside =
            format!("(schema: 1, workshop: \"{goal}\", group: \"{goal}\", goals: {{\"{goal}\": (answers: {{\"effekt\": Text({deep}");
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
}
