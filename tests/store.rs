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
