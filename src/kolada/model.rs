//! The catalogue file: Kolada's KPIs as fetched, with when and from where.
//! Tolerant of missing and extra fields: Kolada's responses vary between
//! versions, and a file saved on another machine may be older or newer.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

/// One KPI of Kolada's catalogue.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Kpi {
    /// E.g. `N15505`.
    pub id: String,
    pub title: String,
    pub description: String,
    pub operating_area: String,
    /// `K` (municipalities), `L` (regions) or `A` (all).
    pub municipality_type: String,
    #[serde(deserialize_with = "lenient_bool")]
    pub is_divided_by_gender: bool,
    #[serde(deserialize_with = "lenient_bool")]
    pub has_ou_data: bool,
    /// As Kolada writes it (a date or a date-time); kept as text.
    #[serde(deserialize_with = "lenient_string")]
    pub publication_date: String,
}

/// The offline catalogue, saved as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub fetched: DateTime<Utc>,
    /// The URL it was fetched from, or the file it was imported from.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    /// The titles as the matcher reads them, made on the first search.
    #[serde(skip)]
    pub(crate) titles: TitleCache,
}

/// The KPIs' titles folded to ASCII ([`super::fold::fold`]) as nucleo's
/// strings. Folding and splitting a title into graphemes on every query was
/// most of a search's time (6 ms of 6,000 titles per query, 1.5–2 ms with
/// the titles made once but kept as Unicode), so it is done once per catalogue. Not saved, not compared, and not copied
/// by `clone` (the clone makes its own); a cache whose length no longer
/// matches `kpis` is not used. Replace a catalogue rather than editing its
/// `kpis` in place after a search.
#[derive(Default)]
pub(crate) struct TitleCache(std::sync::OnceLock<Vec<nucleo_matcher::Utf32String>>);

impl TitleCache {
    pub(crate) fn get(&self, kpis: &[Kpi]) -> Option<&[nucleo_matcher::Utf32String]> {
        let titles = self.0.get_or_init(|| kpis.iter().map(|k| super::fold::fold(&k.title).into()).collect());
        (titles.len() == kpis.len()).then_some(titles.as_slice())
    }
}

impl Clone for TitleCache {
    fn clone(&self) -> TitleCache {
        TitleCache::default()
    }
}

impl PartialEq for TitleCache {
    fn eq(&self, _: &TitleCache) -> bool {
        true
    }
}

impl Eq for TitleCache {}

impl std::fmt::Debug for TitleCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TitleCache")
    }
}

/// One page of Kolada's v3 API: `{ "values": [...], "next_url": ... }`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Page<T> {
    pub values: Vec<T>,
    pub next_url: Option<String>,
    pub count: Option<u64>,
}

impl Catalogue {
    pub fn new(source: impl Into<String>, kpis: Vec<Kpi>) -> Catalogue {
        Catalogue { fetched: Utc::now(), source: source.into(), kpis, titles: TitleCache::default() }
    }

    /// Prepare the search (a few ms for 6,000 KPIs), e.g. right after
    /// loading, so that the first keystroke does not pay for it.
    pub fn prepare_search(&self) {
        self.titles.get(&self.kpis);
    }

    /// The KPI with this id (ids compared without case, trimmed).
    pub fn get(&self, id: &str) -> Option<&Kpi> {
        let id = id.trim();
        self.kpis.iter().find(|k| k.id.eq_ignore_ascii_case(id))
    }

    /// Read a catalogue saved by `--save` or by sync, or a raw Kolada v3
    /// page (`{"values": [...]}`), whose date is then the file's import time.
    pub fn from_json(bytes: &[u8], source: &Path) -> Result<Catalogue, serde_json::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Catalogue(Catalogue),
            Page(Page<Kpi>),
        }
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        match serde_json::from_slice::<Either>(bytes) {
            Ok(Either::Catalogue(c)) => Ok(c),
            Ok(Either::Page(p)) if !p.values.is_empty() => {
                Ok(Catalogue::new(source.display().to_string(), dedup(p.values)))
            }
            // Neither shape: report the catalogue's own error (the clearer one).
            _ => serde_json::from_slice::<Catalogue>(bytes),
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

/// KPIs without an id are dropped, and a repeated id keeps its first entry.
pub fn dedup(kpis: Vec<Kpi>) -> Vec<Kpi> {
    let mut seen = std::collections::HashSet::new();
    kpis.into_iter().filter(|k| !k.id.trim().is_empty() && seen.insert(k.id.trim().to_ascii_uppercase())).collect()
}

/// `true`, `1`, `"true"`, `"1"`, `"Ja"` … as true; anything else false.
fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Bool(b) => b,
        serde_json::Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        serde_json::Value::String(s) => matches!(s.trim().to_lowercase().as_str(), "true" | "1" | "ja" | "yes"),
        _ => false,
    })
}

/// A string, or a number or null written where a string was expected.
fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_extra_fields_and_odd_types_are_tolerated() {
        let raw = br#"{"values": [
            {"id": "N15505", "title": "Meritv\u00e4rde", "is_divided_by_gender": 1, "extra": [1, 2],
             "publication_date": null, "has_ou_data": "true"},
            {"id": "U00405"},
            {"title": "no id"},
            {"id": "N15505", "title": "repeat"}
        ], "next_url": null}"#;
        let c = Catalogue::from_json(raw, Path::new("page.json")).unwrap();
        assert_eq!(c.kpis.len(), 2);
        assert!(c.kpis[0].is_divided_by_gender && c.kpis[0].has_ou_data);
        assert_eq!(c.kpis[0].title, "Meritvärde");
        assert_eq!(c.source, "page.json");
        assert_eq!(c.get(" n15505 ").map(|k| k.title.as_str()), Some("Meritvärde"));
    }

    #[test]
    fn a_saved_catalogue_round_trips() {
        let c = Catalogue::new("https://example", vec![Kpi { id: "N1".into(), ..Kpi::default() }]);
        assert_eq!(Catalogue::from_json(&c.to_json(), Path::new("x")).unwrap(), c);
        assert!(Catalogue::from_json(b"{\"nope\": 1}", Path::new("x")).is_err());
        assert!(Catalogue::from_json(b"[1, 2", Path::new("x")).is_err());
    }
}
