//! Findings about Kolada ids, when a KPI catalogue is at hand: an id that is
//! not in the catalogue, and a KPI made for another kind of organisation.
//!
//! The organisation rule: a workshop is a region's ("L") when its
//! organisation's name contains "region" in any case ("Region Skåne",
//! "Västra Götalandsregionen"), else a municipality's ("K"). A KPI marked "A" (or unmarked)
//! fits both; "K" fits a municipality and "L" a region.

use std::collections::HashMap;

use super::{short_label, Code, Finding, Part, Severity};
use crate::domain::model::{Indicator, Question, Workshop};

/// The KPI ids of a catalogue and the kind of organisation each is for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KoladaIndex {
    /// Upper-case id -> municipality type (`K`, `L`, `A`, or empty).
    types: HashMap<String, String>,
}

impl KoladaIndex {
    pub fn new<'a>(kpis: impl IntoIterator<Item = (&'a str, &'a str)>) -> KoladaIndex {
        let types = kpis
            .into_iter()
            .map(|(id, kind)| (id.trim().to_ascii_uppercase(), kind.trim().to_ascii_uppercase()))
            .collect();
        KoladaIndex { types }
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// The KPI's municipality type, or `None` when the id is not in the catalogue.
    pub fn kind(&self, id: &str) -> Option<&str> {
        self.types.get(&id.trim().to_ascii_uppercase()).map(String::as_str)
    }
}

/// `"L"` for a region's workshop, `"K"` for a municipality's (see the module).
pub fn organisation_kind(w: &Workshop) -> &'static str {
    if w.organisation.to_lowercase().contains("region") {
        "L"
    } else {
        "K"
    }
}

/// True when a KPI of `kind` fits an organisation of `org` (`K` or `L`).
fn fits(kind: &str, org: &str) -> bool {
    !matches!(kind, "K" | "L") || kind == org
}

/// Push the Kolada findings of `indicators` onto `out`. Only ids of the
/// right shape are looked up (a malformed id has its own finding).
pub(super) fn findings(
    w: &Workshop,
    q: &Question,
    indicators: &[&Indicator],
    index: &KoladaIndex,
    is_id: impl Fn(&str) -> bool,
    out: &mut Vec<Finding>,
) {
    let org = organisation_kind(w);
    for (n, ind) in indicators.iter().enumerate() {
        let id = ind.kolada.trim();
        if id.is_empty() || !is_id(id) {
            continue;
        }
        let code = match index.kind(id) {
            None => Code::KoladaUnknownId,
            Some(kind) if !fits(kind, org) => Code::KoladaWrongOrgType,
            Some(_) => continue,
        };
        let label = if ind.name.trim().is_empty() { format!("#{}", n + 1) } else { ind.name.clone() };
        out.push(Finding {
            code,
            severity: Severity::Warning,
            part: Part::Indicator,
            question: Some(q.key.clone()),
            item: Some(ind.id),
            label: short_label(&label),
            word: short_label(id),
            years: super::ExampleYears::of_plan(&w.plan),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_organisation_rule() {
        let mut w = crate::domain::Workshop {
            schema: crate::domain::SCHEMA,
            id: crate::domain::model::new_id(),
            title: "t".into(),
            organisation: "Lunds kommun".into(),
            plan: String::new(),
            date: None,
            language: crate::i18n::Lang::Sv,
            questions: crate::domain::model::default_questions(),
            goals: Vec::new(),
            groups: Vec::new(),
            timebox_minutes: None,
            timer: None,
        };
        assert_eq!(organisation_kind(&w), "K");
        w.organisation = "Region Skåne".into();
        assert_eq!(organisation_kind(&w), "L");
        w.organisation = "Västra Götalandsregionen".into();
        assert_eq!(organisation_kind(&w), "L");
        assert!(fits("A", "K") && fits("", "L") && fits("K", "K") && !fits("L", "K") && !fits("K", "L"));
        let index = KoladaIndex::new([("n15505", "k")]);
        assert_eq!(index.kind(" N15505"), Some("K"));
        assert_eq!(index.kind("N1"), None);
    }
}
