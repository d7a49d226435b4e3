//! Conflict notes that name groups and when each version was saved
//! ("Två versioner av "Önskad effekt" från Grupp 1: sparad 10:42 och
//! 10:57"), not the names of the files a sync tool made (issue #17).

use std::collections::BTreeSet;

use chrono::{DateTime, Local, Utc};

use crate::i18n::{export::T as E, Lang};
use crate::tr;

/// "Två versioner", "Tre versioner", "4 versioner".
pub(super) fn version_count(lang: Lang, n: usize) -> String {
    match n {
        2 => E::TwoVersions.get(lang).to_string(),
        3 => E::ThreeVersions.get(lang).to_string(),
        n => tr!(lang, E::ManyVersions, n = n),
    }
}

/// The latest time each version was saved (a version can be in several
/// copies), `None` where no file of it had a time.
pub(super) fn latest(saved: &[Option<&BTreeSet<DateTime<Utc>>>]) -> Vec<Option<DateTime<Utc>>> {
    saved.iter().map(|s| s.and_then(|s| s.last().copied())).collect()
}

/// The times as the facilitator's clock showed them: "10:42", with the date
/// when the known times fall on different days; "okänd tid" where unknown.
/// `None` when no time is known at all (an outline from before times were
/// recorded).
pub(super) fn clock_times(lang: Lang, times: &[Option<DateTime<Utc>>]) -> Option<Vec<String>> {
    let local: Vec<Option<DateTime<Local>>> = times.iter().map(|t| t.map(|t| t.with_timezone(&Local))).collect();
    let days: BTreeSet<_> = local.iter().flatten().map(|t| t.date_naive()).collect();
    if days.is_empty() {
        return None;
    }
    let format = if days.len() > 1 { "%Y-%m-%d %H:%M" } else { "%H:%M" };
    Some(
        local
            .iter()
            .map(|t| match t {
                Some(t) => t.format(format).to_string(),
                None => E::SavedUnknown.get(lang).to_string(),
            })
            .collect(),
    )
}

/// "sparad 10:42 och 10:57" for the versions' times.
pub(super) fn saved_phrase(lang: Lang, clock: &[String]) -> String {
    tr!(lang, E::SavedAt, times = and_list(lang, clock))
}

/// "a", "a och b", "a, b och c".
pub(super) fn and_list(lang: Lang, parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), E::And.get(lang)),
    }
}

/// The note for a group's free text or verdict saved in differing versions:
/// the number of versions, the group and when each was saved.
pub(super) fn text_conflict(
    lang: Lang,
    group: &str,
    what: &str,
    versions: usize,
    saved: &[BTreeSet<DateTime<Utc>>],
) -> String {
    let count = version_count(lang, versions);
    let times: Vec<Option<&BTreeSet<DateTime<Utc>>>> = (0..versions).map(|i| saved.get(i)).collect();
    // The note lists no texts, so the times read best in the order of the day
    // (unknown last).
    let mut times = latest(&times);
    times.sort_by_key(|t| (t.is_none(), *t));
    match clock_times(lang, &times) {
        Some(clock) => {
            tr!(
                lang,
                E::ConflictVersionsSaved,
                count = count,
                what = what,
                group = group,
                saved = saved_phrase(lang, &clock)
            )
        }
        None => tr!(lang, E::ConflictVersionsFrom, count = count, what = what, group = group),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn clock(t: DateTime<Utc>) -> String {
        t.with_timezone(&Local).format("%H:%M").to_string()
    }

    #[test]
    fn a_text_conflict_names_the_group_and_the_times() {
        let (a, b) = (at("2026-12-04T09:42:00Z"), at("2026-12-04T09:57:00Z"));
        let saved = [BTreeSet::from([a]), BTreeSet::from([a - chrono::Duration::minutes(5), b])];
        let note = text_conflict(Lang::Sv, "Grupp 1", "Önskad effekt", 2, &saved);
        assert_eq!(
            note,
            format!(
                "Två versioner av \"Önskad effekt\" från Grupp 1: sparad {} och {}; alla visas.",
                clock(a),
                clock(b)
            )
        );
        let note = text_conflict(Lang::En, "Group 1", "Desired effect", 3, &saved);
        assert!(note.starts_with("Three versions of \"Desired effect\" from Group 1: saved "), "{note}");
        assert!(note.contains(" and time unknown"), "{note}");
        // An outline from before times were recorded.
        let note = text_conflict(Lang::Sv, "Grupp 1", "Önskad effekt", 2, &[]);
        assert_eq!(note, "Två versioner av \"Önskad effekt\" från Grupp 1; alla visas.");
    }

    #[test]
    fn times_on_different_days_carry_the_date() {
        let times = [Some(at("2026-12-03T12:00:00Z")), Some(at("2026-12-05T12:00:00Z"))];
        let clock = clock_times(Lang::Sv, &times).expect("known");
        assert!(clock.iter().all(|c| c.len() == "2026-12-03 12:00".len()), "{clock:?}");
        assert_eq!(and_list(Lang::Sv, &["a".into(), "b".into(), "c".into()]), "a, b och c");
    }
}
