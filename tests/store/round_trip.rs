//! Any model value → RON → the same value, with hostile text.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::*;

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

proptest! {
    // Each case fsyncs twice: fewer cases.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Through the disk: the real save, then the real load.
    #[test]
    fn saved_and_loaded_from_disk(f in group_file(), w in workshop()) {
        let tmp = tempfile::tempdir().unwrap();
        let (fp, wp) = (tmp.path().join("g.ron"), tmp.path().join("workshop.ron"));
        malverkstad::store::save_checked(&fp, &f).unwrap();
        malverkstad::store::save_checked(&wp, &w).unwrap();
        prop_assert_eq!(codec::read_file::<GroupFile>(&fp).unwrap(), f);
        prop_assert_eq!(codec::read_file::<Workshop>(&wp).unwrap(), w);
    }
}
