//! Kolada's terms of use ask that data shown from it is credited "Källa:
//! Kolada". An export credits it when any indicator names a Kolada id or has
//! "Kolada" as its source (its name, definition or baseline may then come
//! from the catalogue or the API): every format writes the line
//! ([`document_credit`]) at the end (md, html, docx), in the head (opml),
//! as a field (json) or in each sheet's footer (xlsx). CSV is a table to be
//! read by other programs and has no place for it.

use super::doc::Document;
use crate::domain::model::Indicator;
use crate::i18n::kolada::T;

/// True when an indicator with this Kolada id and source may hold text or
/// values from Kolada.
fn is_kolada(id: &str, source: &str) -> bool {
    !id.trim().is_empty() || source.to_lowercase().contains("kolada")
}

/// True when the indicator's text or values may come from Kolada.
pub fn from_kolada(i: &Indicator) -> bool {
    is_kolada(&i.kolada, &i.source)
}

/// The credit line every format writes for a document: when any indicator
/// row it shows (dropped ones included) names a Kolada id or has Kolada as
/// its source.
pub fn document_credit(doc: &Document) -> Option<&'static str> {
    let any = doc.goals.iter().flat_map(|g| &g.indicators).any(|i| is_kolada(&i.kolada, &i.source));
    any.then(|| T::Credit.get(doc.lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indicator_comes_from_kolada_by_its_id_or_its_source() {
        let mut i = Indicator::new("Meritvärde");
        assert!(!from_kolada(&i));
        i.source = "kolada.se".into();
        assert!(from_kolada(&i));
        i.source.clear();
        i.kolada = "N15505".into();
        assert!(from_kolada(&i));
    }
}
