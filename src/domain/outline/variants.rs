//! Versions of an item that share its text but differ in other fields
//! ("samma namn, olika uppgifter"): which fields, and the distinct contents
//! with the groups that wrote each.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Content, OutlineGoal, OutlineItem, QuestionKind, Version};

/// A field of a sub-goal or an indicator other than its text or name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    Owner,
    Definition,
    Source,
    Kolada,
    Baseline,
    BaselineYear,
    Target,
    TargetYear,
    Frequency,
    Responsible,
    SubGoal,
}

/// One distinct content of an item: versions that are equal in every field
/// but the text/name after normalisation ([`crate::domain::text::fold_key`]
/// of every text field; a linked sub-goal compared by the outline item that
/// holds it). An item whose versions all agree has one variant.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant<'a> {
    /// The first version (by member, then fingerprint) with this content.
    pub content: &'a Content,
    /// Every group that wrote this content, sorted by id.
    pub groups: BTreeSet<Uuid>,
    /// Every file it was read from.
    pub files: BTreeSet<&'a str>,
}

impl OutlineGoal {
    /// The outline item key of the list item that holds the original id `id`.
    pub fn list_item_key(&self, id: Uuid) -> Option<Uuid> {
        self.sections
            .iter()
            .filter(|s| s.kind() == QuestionKind::List)
            .flat_map(|s| s.items())
            .find(|i| i.members.iter().any(|m| m.id == id))
            .map(|i| i.key)
    }

    /// The distinct contents of `item` (an item of this goal), in the order
    /// of their first version; see [`Variant`].
    pub fn variants<'a>(&self, item: &'a OutlineItem) -> Vec<Variant<'a>> {
        variants(item, &|id| self.list_item_key(id))
    }
}

/// The fields of `content` other than its text, normalised for comparison,
/// with a linked sub-goal resolved by `subgoal`.
pub fn field_values(content: &Content, subgoal: &dyn Fn(Uuid) -> Option<Uuid>) -> Vec<(Field, String)> {
    use crate::domain::text::fold_key;
    match content {
        Content::List(li) => vec![(Field::Owner, fold_key(&li.owner))],
        Content::Indicator(ind) => {
            let frequency = match &ind.frequency {
                None => String::new(),
                Some(crate::domain::model::Frequency::Other(t)) => format!("other {}", fold_key(t)),
                Some(f) => format!("{f:?}"),
            };
            let linked = ind.subgoal.map(|id| subgoal(id).unwrap_or(id).to_string()).unwrap_or_default();
            vec![
                (Field::Definition, fold_key(&ind.definition)),
                (Field::Source, fold_key(&ind.source)),
                (Field::Kolada, fold_key(&ind.kolada)),
                (Field::Baseline, fold_key(&ind.baseline.value)),
                (Field::BaselineYear, fold_key(&ind.baseline.year)),
                (Field::Target, fold_key(&ind.target.value)),
                (Field::TargetYear, fold_key(&ind.target.year)),
                (Field::Frequency, frequency),
                (Field::Responsible, fold_key(&ind.responsible)),
                (Field::SubGoal, linked),
            ]
        }
    }
}

/// [`OutlineGoal::variants`] with the sub-goal resolver given.
pub fn variants<'a>(item: &'a OutlineItem, subgoal: &dyn Fn(Uuid) -> Option<Uuid>) -> Vec<Variant<'a>> {
    let mut out: Vec<(Vec<(Field, String)>, Variant<'a>)> = Vec::new();
    let shown = |v: &&Version| {
        item.flags.set_aside.is_empty()
            || !item.flags.set_aside.contains(&crate::domain::merge::fingerprint(&v.content))
    };
    for v in item.versions().filter(shown) {
        let key = field_values(&v.content, subgoal);
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, var)) => {
                var.groups.extend(v.groups.iter().copied());
                var.files.extend(v.files.iter().map(String::as_str));
            }
            None => out.push((
                key,
                Variant {
                    content: &v.content,
                    groups: v.groups.clone(),
                    files: v.files.iter().map(String::as_str).collect(),
                },
            )),
        }
    }
    out.into_iter().map(|(_, v)| v).collect()
}

/// The fields in which the variants of an item differ (empty: one variant).
pub fn differing_fields(item: &OutlineItem, subgoal: &dyn Fn(Uuid) -> Option<Uuid>) -> Vec<Field> {
    let mut versions = item.versions().filter(|v| {
        item.flags.set_aside.is_empty()
            || !item.flags.set_aside.contains(&crate::domain::merge::fingerprint(&v.content))
    });
    let Some(first) = versions.next() else { return Vec::new() };
    // The usual case: one version only.
    let rest: Vec<&Version> = versions.collect();
    if rest.is_empty() {
        return Vec::new();
    }
    let base = field_values(&first.content, subgoal);
    let mut differs: Vec<Field> = Vec::new();
    for v in rest {
        for ((field, a), (_, b)) in base.iter().zip(field_values(&v.content, subgoal)) {
            if *a != b && !differs.contains(field) {
                differs.push(*field);
            }
        }
    }
    differs.sort_unstable();
    differs
}
