//! Kolada's terms of use ask that data shown from it is credited "Källa:
//! Kolada". An export credits it when any indicator names a Kolada id or has
//! "Kolada" as its source (its name, definition or baseline may then come
//! from the catalogue or the API). Not yet wired into the renderers: the
//! document model is to add the line as a footnote (issue #20).

use crate::domain::model::{Answer, GroupFile, Indicator};
use crate::domain::outline::{Content, Outline};
use crate::i18n::{kolada::T, Lang};

/// True when the indicator's text or values may come from Kolada.
pub fn from_kolada(i: &Indicator) -> bool {
    !i.kolada.trim().is_empty() || i.source.to_lowercase().contains("kolada")
}

fn credit(any: bool, lang: Lang) -> Option<&'static str> {
    any.then(|| T::Credit.get(lang))
}

/// "Källa: Kolada" ("Source: Kolada") when any indicator of the merged
/// outline, in any version, comes from Kolada.
pub fn kolada_credit(outline: &Outline, lang: Lang) -> Option<&'static str> {
    let any = outline.items().flat_map(|item| item.versions()).any(|v| match &v.content {
        Content::Indicator(i) => from_kolada(i),
        Content::List(_) => false,
    });
    credit(any, lang)
}

/// The same for one group's file (the single-group export).
pub fn kolada_credit_group(file: &GroupFile, lang: Lang) -> Option<&'static str> {
    let any = file.goals.values().flat_map(|g| g.answers.values()).any(|a| match a {
        Answer::Indicators(list) => list.iter().any(from_kolada),
        _ => false,
    });
    credit(any, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credited_only_when_an_indicator_comes_from_kolada() {
        let mut i = Indicator::new("Meritvärde");
        assert!(!from_kolada(&i));
        i.source = "kolada.se".into();
        assert!(from_kolada(&i));
        i.source.clear();
        i.kolada = "N15505".into();
        assert!(from_kolada(&i));
        assert_eq!(credit(true, Lang::Sv), Some("Källa: Kolada"));
        assert_eq!(credit(true, Lang::En), Some("Source: Kolada"));
        assert_eq!(credit(false, Lang::Sv), None);
        assert_eq!(kolada_credit(&Outline::empty(crate::domain::model::new_id()), Lang::Sv), None);
        let mut file = GroupFile {
            schema: crate::domain::SCHEMA,
            workshop: crate::domain::model::new_id(),
            group: crate::domain::model::new_id(),
            group_name: String::new(),
            saved_at: None,
            goals: Default::default(),
        };
        assert_eq!(kolada_credit_group(&file, Lang::Sv), None);
        let goal = crate::domain::model::new_id();
        file.answers_mut(goal).answers.insert("indikatorer".into(), Answer::Indicators(vec![i]));
        assert_eq!(kolada_credit_group(&file, Lang::Sv), Some("Källa: Kolada"));
    }
}
