//! The merged outline (sammanställning): everything the groups wrote, per goal,
//! with provenance, conflict flags and the facilitator's review decisions.
//! Saved as `outline.ron`. Pure data: built by [`crate::domain::merge`].
//!
//! # How to read an outline (for exports and screens)
//!
//! - [`Outline::goals`] are in workshop order; goals that group files answered
//!   but the workshop no longer has come last (`known == false`).
//! - Each goal has one [`Section`] per question, in the workshop's question
//!   order. [`OutlineGoal::effects`], [`OutlineGoal::subgoals`],
//!   [`OutlineGoal::indicators`] and [`OutlineGoal::verdicts`] find the
//!   default ones.
//! - A list section holds [`OutlineItem`]s in presentation order. An item is
//!   one line of the outline; it has one or more [`Member`]s (original items
//!   from the group files, by their original id), each with one or more
//!   [`Version`]s. More than one member: equal text from several groups was
//!   folded, or the facilitator combined items. More than one version of a
//!   member: two copies of a group file disagree (a conflict, never resolved by
//!   picking one).
//! - Show [`OutlineItem::text`] (already the facilitator's text when edited),
//!   [`OutlineItem::groups`] (names via [`Outline::group_name`]),
//!   [`OutlineItem::status`] and [`OutlineItem::flags`]. Dropped items stay in
//!   the file with `status == Dropped`: list them apart, do not hide them.
//!
//! # What is stored and what is derived
//!
//! The members and their versions (the union of every input) and
//! [`Outline::decisions`] are the stored truth. Everything else (grouping into
//! items, order, `text`, `groups`, `flags`, tallies) is derived from them by
//! the merge and recomputed whenever an outline is merged again, so an outline
//! can itself be an input to a merge.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::model::{Indicator, ListItem, QuestionKind, Verdict, SCHEMA};

mod variants;

pub use variants::{differing_fields, field_values, variants, Field, Variant};

/// The merged outline of a workshop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    pub schema: u32,
    /// The workshop this outline belongs to.
    pub workshop: Uuid,
    /// Every group that contributed or is in the workshop, in workshop order;
    /// groups only known from their files come last, by id.
    #[serde(default)]
    pub groups: Vec<OutlineGroup>,
    /// Goals in workshop order; unknown goals last, by id.
    #[serde(default)]
    pub goals: Vec<OutlineGoal>,
    /// The facilitator's decisions, keyed by ORIGINAL item id (a member id).
    /// A decision on an item is written under every member id of that item,
    /// so it survives re-merging when groups add, edit or remove items.
    /// A decision on a group's effect or verdict is keyed by its
    /// [`entry_key`] (`seen` holds its versions' fingerprints, `choice` a
    /// chosen version; `rank` and `combined` are unused).
    #[serde(default)]
    pub decisions: BTreeMap<Uuid, Decision>,
}

impl Outline {
    /// An empty outline for a workshop.
    pub fn empty(workshop: Uuid) -> Outline {
        Outline { schema: SCHEMA, workshop, groups: Vec::new(), goals: Vec::new(), decisions: BTreeMap::new() }
    }

    /// The display name of a group id ("?" when unknown).
    pub fn group_name(&self, id: Uuid) -> &str {
        self.groups.iter().find(|g| g.id == id).map(|g| g.name.as_str()).unwrap_or("?")
    }

    pub fn goal(&self, id: Uuid) -> Option<&OutlineGoal> {
        self.goals.iter().find(|g| g.goal == id)
    }

    /// Every outline item of every goal and section.
    pub fn items(&self) -> impl Iterator<Item = &OutlineItem> {
        self.goals.iter().flat_map(|g| g.sections.iter()).flat_map(|s| s.items())
    }

    /// The decision in force for `item`: the greatest of its members' (as the
    /// merge derives the item's status and text from it).
    pub fn decision(&self, item: &OutlineItem) -> Option<&Decision> {
        item.members.iter().filter_map(|m| self.decisions.get(&m.id)).max()
    }

    /// The item that holds the original item `id` (any member id works).
    pub fn find_item(&self, id: Uuid) -> Option<&OutlineItem> {
        self.items().find(|i| i.members.iter().any(|m| m.id == id))
    }
}

/// The handle of one group's free text (effect) or verdict in a section, so
/// the review can select and decide it like an item: derived from the goal,
/// the section's key and the group, it stays the same across re-merges, and
/// its decision is stored in [`Outline::decisions`] under it. (Item handles
/// are member ids, v4/v7 UUIDs; this one has the version bits of none.)
pub fn entry_key(goal: Uuid, section: &str, group: Uuid) -> Uuid {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    section.hash(&mut h);
    let section = u128::from(h.finish());
    let bits = goal.as_u128() ^ group.as_u128().rotate_left(64) ^ section ^ (section << 64);
    // Version nibble 0: never equal to a v4 or v7 member id.
    Uuid::from_u128(bits & !(0xf << 76))
}

/// A group as the outline names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineGroup {
    pub id: Uuid,
    pub name: String,
    /// False when the workshop does not have this group (any more).
    pub known: bool,
}

/// One overarching goal and what the groups wrote for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineGoal {
    pub goal: Uuid,
    /// "1.2 Wording" from the workshop, or the id when the goal is unknown.
    pub label: String,
    /// False when answers exist for a goal the workshop does not have.
    pub known: bool,
    /// One section per question, in the workshop's question order; answers to
    /// questions the workshop does not have come last, by key.
    #[serde(default)]
    pub sections: Vec<Section>,
}

impl OutlineGoal {
    /// The section for question `key`.
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    fn first_of_kind(&self, kind: QuestionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind() == kind)
    }

    /// The desired effects (first free-text section), one entry per group.
    pub fn effects(&self) -> &[GroupText] {
        match self.first_of_kind(QuestionKind::Text).map(|s| &s.body) {
            Some(SectionBody::Text(t)) => t,
            _ => &[],
        }
    }

    /// The sub-goals (first list section).
    pub fn subgoals(&self) -> &[OutlineItem] {
        self.first_of_kind(QuestionKind::List).map(Section::items).unwrap_or(&[])
    }

    /// The indicators (first indicator section).
    pub fn indicators(&self) -> &[OutlineItem] {
        self.first_of_kind(QuestionKind::Indicators).map(Section::items).unwrap_or(&[])
    }

    /// The measurability verdicts (first verdict section).
    pub fn verdicts(&self) -> Option<&Verdicts> {
        match self.first_of_kind(QuestionKind::Verdict).map(|s| &s.body) {
            Some(SectionBody::Verdicts(v)) => Some(v),
            _ => None,
        }
    }
}

/// The merged answers to one question of one goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The question's stable key.
    pub key: String,
    pub body: SectionBody,
}

impl Section {
    pub fn kind(&self) -> QuestionKind {
        match self.body {
            SectionBody::Text(_) => QuestionKind::Text,
            SectionBody::List(_) => QuestionKind::List,
            SectionBody::Indicators(_) => QuestionKind::Indicators,
            SectionBody::Verdicts(_) => QuestionKind::Verdict,
        }
    }

    /// The items of a list or indicator section (empty for the others).
    pub fn items(&self) -> &[OutlineItem] {
        match &self.body {
            SectionBody::List(items) | SectionBody::Indicators(items) => items,
            _ => &[],
        }
    }
}

/// The content of a section; the variant matches the question's kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SectionBody {
    /// Free text, one entry per group (önskad effekt). Never folded.
    Text(Vec<GroupText>),
    /// Sub-goals or other list items.
    List(Vec<OutlineItem>),
    /// Indicators.
    Indicators(Vec<OutlineItem>),
    /// Measurability verdicts per group, with the tally.
    Verdicts(Verdicts),
}

/// One group's free text for a question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupText {
    pub group: Uuid,
    /// The distinct non-empty texts found for this group, sorted. More than
    /// one means copies of the group's file disagree: see `conflict`.
    pub versions: Vec<String>,
    /// The files each version was read from (same order as `versions`;
    /// empty in outlines written before files were recorded).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<BTreeSet<String>>,
    /// When the files of each version were saved (`saved_at`; same order as
    /// `versions`; empty in outlines written before times were recorded).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub saved: Vec<BTreeSet<DateTime<Utc>>>,
    /// Derived: `versions.len() > 1` and no version chosen (or every
    /// version kept) after seeing all of them.
    #[serde(default, skip_serializing)]
    pub conflict: bool,
    /// Derived: the facilitator's decision on this entry (stored in
    /// [`Outline::decisions`] under [`entry_key`]).
    #[serde(default, skip_serializing)]
    pub status: Status,
    /// Derived: the text shown: the facilitator's text when edited, else the
    /// chosen version, else the first version.
    #[serde(default, skip_serializing)]
    pub text: String,
    /// Derived: `text` is the facilitator's, not the group's.
    #[serde(default, skip_serializing)]
    pub edited: bool,
    /// Derived: the group changed it (or a differing copy came) after the
    /// facilitator decided on it: "ändrad efter beslut".
    #[serde(default, skip_serializing)]
    pub changed_after_decision: bool,
}

/// The verdicts of every group for one goal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdicts {
    /// One entry per group that answered, in group order.
    pub groups: Vec<GroupVerdict>,
    /// Derived: how many distinct (group, verdict) answers per verdict.
    #[serde(default, skip_serializing)]
    pub tally: Tally,
}

/// One group's verdict (with its comment "hur mäter vi?").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupVerdict {
    pub group: Uuid,
    /// Distinct non-empty answers, sorted; more than one is a conflict.
    pub versions: Vec<VerdictVersion>,
    /// The files each version was read from (same order as `versions`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<BTreeSet<String>>,
    /// When the files of each version were saved (same order as `versions`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub saved: Vec<BTreeSet<DateTime<Utc>>>,
    /// Derived: `versions.len() > 1` and no version chosen after seeing all.
    #[serde(default, skip_serializing)]
    pub conflict: bool,
    /// Derived: the facilitator's decision on this verdict (under [`entry_key`]).
    #[serde(default, skip_serializing)]
    pub status: Status,
    /// Derived: the comment shown: the facilitator's text when edited, else
    /// the chosen version's, else the first version's.
    #[serde(default, skip_serializing)]
    pub text: String,
    /// Derived: `text` is the facilitator's, not the group's.
    #[serde(default, skip_serializing)]
    pub edited: bool,
    /// Derived: the group changed it (or a differing copy came) after the
    /// facilitator decided on it: "ändrad efter beslut".
    #[serde(default, skip_serializing)]
    pub changed_after_decision: bool,
}

/// One version of a group's verdict.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictVersion {
    #[serde(default)]
    pub verdict: Option<Verdict>,
    /// The group's comment: how would we measure it?
    #[serde(default)]
    pub how: String,
}

/// Counts per verdict; `none` counts comments given without a verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    pub yes: u32,
    pub partly: u32,
    pub no: u32,
    pub unsure: u32,
    pub none: u32,
}

impl Tally {
    pub fn get(&self, verdict: Option<Verdict>) -> u32 {
        match verdict {
            Some(Verdict::Yes) => self.yes,
            Some(Verdict::Partly) => self.partly,
            Some(Verdict::No) => self.no,
            Some(Verdict::Unsure) => self.unsure,
            None => self.none,
        }
    }

    pub fn add(&mut self, verdict: Option<Verdict>) {
        let slot = match verdict {
            Some(Verdict::Yes) => &mut self.yes,
            Some(Verdict::Partly) => &mut self.partly,
            Some(Verdict::No) => &mut self.no,
            Some(Verdict::Unsure) => &mut self.unsure,
            None => &mut self.none,
        };
        *slot += 1;
    }
}

/// One line of the outline: one or more original items shown as one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineItem {
    /// Handle for this item in this outline: the smallest member id. Review
    /// operations accept any member id, so a handle that changes after a
    /// re-merge does no harm.
    ///
    /// This and the other derived fields are not written to `outline.ron`
    /// (only the members and the decisions are; loading derives the rest):
    /// written out, they made the file many times the size of the group files.
    #[serde(default, skip_serializing)]
    pub key: Uuid,
    /// Derived: the facilitator's text if edited, else the text (sub-goal text
    /// or indicator name) of the first version of the first member.
    #[serde(default, skip_serializing)]
    pub text: String,
    /// Derived: every group that wrote any version of any member, in group order.
    #[serde(default, skip_serializing)]
    pub groups: Vec<Uuid>,
    /// Derived from the decisions.
    #[serde(default, skip_serializing)]
    pub status: Status,
    /// Derived flags.
    #[serde(default, skip_serializing)]
    pub flags: Flags,
    /// The original items, sorted by id. Stored truth.
    pub members: Vec<Member>,
}

impl OutlineItem {
    /// Every version of every member.
    pub fn versions(&self) -> impl Iterator<Item = &Version> {
        self.members.iter().flat_map(|m| m.versions.iter())
    }
}

/// Derived flags of an item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flags {
    /// A member has differing versions (copies of a group file disagree) and no
    /// decision was made after seeing all of them.
    #[serde(default)]
    pub conflict: bool,
    /// Items of several ids were folded because their text is equal after
    /// normalisation ([`crate::domain::text::fold_key`]).
    #[serde(default)]
    pub folded: bool,
    /// The facilitator combined items into this one.
    #[serde(default)]
    pub combined: bool,
    /// A group changed (or added to) the item after the facilitator decided on
    /// it: "ändrad efter beslut".
    #[serde(default)]
    pub changed_after_decision: bool,
    /// Keys of items in the same section with similar but not equal text:
    /// "möjlig dubblett". Never folded automatically. At most
    /// [`crate::domain::merge::MAX_DUPLICATES`] best candidates per item are
    /// named by the item itself (a candidate may name it back).
    #[serde(default)]
    pub possible_duplicates: Vec<Uuid>,
    /// "Samma namn, olika uppgifter": the item's versions share their text
    /// (or name) but differ in these other fields, after normalisation
    /// ([`Variant`]). Each version is shown with its own groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differs: Vec<Field>,
    /// Fingerprints of versions the facilitator did not choose in a conflict
    /// ([`Choice::Version`]): kept, named in the record, not shown as the item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<String>,
}

/// An original item from the group files, by its id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The original item id, as in the group file.
    pub id: Uuid,
    /// The smallest position this item had in a group's list (for order).
    pub pos: u32,
    /// Every distinct content found for this id, sorted by fingerprint.
    pub versions: Vec<Version>,
}

/// One content of an original item, with where it was found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    pub content: Content,
    /// Groups whose files hold this content (usually one).
    pub groups: BTreeSet<Uuid>,
    /// Names of the files this content was read from (e.g. `grupp-1 (1).ron`),
    /// so the facilitator knows which copy says what.
    pub files: BTreeSet<String>,
    /// When those files were saved (their `saved_at`), for conflict notes
    /// ("sparad 10:42 och 10:57"); empty in outlines written before times
    /// were recorded, and for files without a time.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub saved: BTreeSet<DateTime<Utc>>,
}

/// The content of an original item, exactly as the group wrote it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Content {
    /// A sub-goal or other list item (text and owner).
    List(ListItem),
    /// An indicator with all its fields.
    Indicator(Box<Indicator>),
}

impl Content {
    /// The text shown for the item: the list text or the indicator's name.
    pub fn text(&self) -> &str {
        match self {
            Content::List(item) => &item.text,
            Content::Indicator(ind) => &ind.name,
        }
    }

    /// The original item id.
    pub fn id(&self) -> Uuid {
        match self {
            Content::List(item) => item.id,
            Content::Indicator(ind) => ind.id,
        }
    }
}

/// The facilitator's review status of an item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Not decided yet.
    #[default]
    Open,
    Accepted,
    /// Kept in the file, listed as dropped.
    Dropped,
}

/// A review decision, stored under every member id of the decided item.
///
/// When two outlines with decisions are merged, the decision with the higher
/// `rev` wins per id (ties: the greater value), which makes the merge of
/// decisions order-independent.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Revision: one more than the highest revision of the members it replaced.
    pub rev: u32,
    #[serde(default)]
    pub status: Status,
    /// The facilitator's text for the item, when edited.
    #[serde(default)]
    pub text: Option<String>,
    /// The facilitator's position of the item in its section, when reordered.
    #[serde(default)]
    pub rank: Option<i64>,
    /// Original ids the facilitator combined into one item (empty if none).
    #[serde(default)]
    pub combined: BTreeSet<Uuid>,
    /// Fingerprints ([`crate::domain::merge::fingerprint`]) of every version of
    /// the item when the decision was made; a difference later flags the item
    /// "ändrad efter beslut".
    #[serde(default)]
    pub seen: BTreeSet<String>,
    /// How the facilitator settled differing copies of a group's item: one
    /// version chosen, or both kept. Without it a conflict stays a conflict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<Choice>,
}

/// The facilitator's choice among the versions of a conflicting item.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Choice {
    /// The version with this fingerprint ([`crate::domain::merge::fingerprint`]);
    /// the other versions of its member are set aside (kept in the file and
    /// named in the record, not shown as the item).
    Version(String),
    /// Every version stands, each credited to its group and file.
    Both,
}

impl Decision {
    /// True when the decision says something about the item's content (not
    /// only its position).
    pub fn is_substantive(&self) -> bool {
        self.status != Status::Open || self.text.is_some() || !self.combined.is_empty() || self.choice.is_some()
    }
}
