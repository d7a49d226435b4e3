//! Finding KPIs by id or words: what `kolada search` prints and what the
//! indicator form will suggest on every keystroke.
//!
//! An id prefix ("N155") matches first, in id order. Then the title is
//! matched fuzzily with nucleo-matcher (the matcher helix uses), case
//! ignored and letters with diacritics folded (å ä ö → a a o), every word of
//! the query required; best score first, ties in id order.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::model::{Catalogue, Kpi};

/// One suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'a> {
    pub kpi: &'a Kpi,
    /// The matcher's score (higher is better); `u32::MAX` for an id prefix.
    pub score: u32,
}

pub use super::fold::fold;

/// True when `query` (one word) starts the KPI's id, case ignored.
fn id_prefix(id: &str, query: &str) -> bool {
    id.len() >= query.len() && id.as_bytes()[..query.len()].eq_ignore_ascii_case(query.as_bytes())
}

/// A query that looks like the start of an id: a letter and at least one digit.
fn looks_like_id(query: &str) -> bool {
    let mut chars = query.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && query.len() >= 2 && chars.all(|c| c.is_ascii_digit())
}

/// The best `limit` KPIs for `query`, best first. An empty query has none.
pub fn suggest<'a>(catalogue: &'a Catalogue, query: &str, limit: usize) -> Vec<Match<'a>> {
    let query = query.trim();
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut out: Vec<Match<'a>> = Vec::new();
    if looks_like_id(query) {
        out.extend(catalogue.kpis.iter().filter(|k| id_prefix(&k.id, query)).map(|kpi| Match { kpi, score: u32::MAX }));
        out.sort_by(|a, b| a.kpi.id.cmp(&b.kpi.id));
        if out.len() >= limit {
            out.truncate(limit);
            return out;
        }
    }
    // Query and titles folded the same way, so nucleo matches plain ASCII
    // (its fast path). Plain words (no `^`, `!`, `'` syntax): every word must match.
    let pattern = Pattern::new(&fold(query), CaseMatching::Respect, Normalization::Never, AtomKind::Fuzzy);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut folded = String::new();
    let titles = catalogue.titles.get(&catalogue.kpis);
    let skip_ids = looks_like_id(query);
    let mut fuzzy: Vec<Match<'a>> = catalogue
        .kpis
        .iter()
        .enumerate()
        .filter(|(_, k)| !(skip_ids && id_prefix(&k.id, query)))
        .filter_map(|(n, kpi)| {
            let title = match titles {
                Some(titles) => titles[n].slice(..),
                None => {
                    folded = fold(&kpi.title);
                    Utf32Str::Ascii(folded.as_bytes())
                }
            };
            let score = pattern.score(title, &mut matcher)?;
            Some(Match { kpi, score })
        })
        .collect();
    let by_rank = |a: &Match<'_>, b: &Match<'_>| b.score.cmp(&a.score).then_with(|| a.kpi.id.cmp(&b.kpi.id));
    let room = limit - out.len();
    if fuzzy.len() > room {
        fuzzy.select_nth_unstable_by(room - 1, by_rank);
        fuzzy.truncate(room);
    }
    fuzzy.sort_by(by_rank);
    out.extend(fuzzy);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        let kpi = |id: &str, title: &str| Kpi { id: id.into(), title: title.into(), ..Kpi::default() };
        Catalogue::new(
            "test",
            vec![
                kpi("N15505", "Meritvärde i åk 9, genomsnitt (17 ämnen)"),
                kpi("N15504", "Meritvärde åk 9, kommunala skolor"),
                kpi("U15505", "Elever i åk 9 som är behöriga till yrkesprogram"),
                kpi("N00945", "Invånare som är nöjda med kommunens service"),
                kpi("N01951", "Invånare totalt, antal"),
            ],
        )
    }

    #[test]
    fn an_id_prefix_comes_first_then_titles() {
        let c = catalogue();
        let ids = |q: &str, n| suggest(&c, q, n).iter().map(|m| m.kpi.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids("n155", 10), ["N15504", "N15505"]);
        assert_eq!(ids("N155", 1), ["N15504"]);
        // Swedish letters folded both ways, case ignored.
        assert_eq!(ids("MERITVARDE", 10)[..2].len(), 2);
        assert!(ids("meritvarde ak 9", 10).iter().all(|id| id.starts_with('N')));
        assert_eq!(ids("nojda", 10), ["N00945"]);
        assert_eq!(ids("nöjda", 10), ["N00945"]);
        assert!(ids("", 10).is_empty());
        assert!(ids("meritvärde", 0).is_empty());
        assert!(ids("zzzqqq", 10).is_empty());
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Nöjd-Kund-Index ÅÄÖ é – ≥ 90"), "nojd-kund-index aao e     90");
    }

    #[test]
    fn the_prepared_titles_change_neither_equality_nor_results() {
        let mut c = catalogue();
        c.prepare_search();
        let mut fresh = catalogue();
        fresh.fetched = c.fetched;
        assert_eq!(c, fresh, "the cache is not compared");
        let before: Vec<String> = suggest(&c, "invånare", 10).iter().map(|m| m.kpi.id.clone()).collect();
        assert_eq!(before, suggest(&catalogue(), "invånare", 10).iter().map(|m| m.kpi.id.clone()).collect::<Vec<_>>());
        // A KPI added after the cache was made is still found.
        c.kpis.push(Kpi { id: "N99999".into(), title: "Invånare i ny kommun".into(), ..Kpi::default() });
        assert!(suggest(&c, "invånare ny", 10).iter().any(|m| m.kpi.id == "N99999"));
    }
}
