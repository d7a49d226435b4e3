//! The merge: group files (and outlines) in, one [`Outline`] out. Pure.
//!
//! The merge is a union. Every input contributes *members* (original items
//! by id) with *versions* (distinct contents, with the groups and file names
//! they came from), free texts and verdicts per group, and review decisions.
//! The union of those is order-independent, idempotent and associative by
//! construction (sets and `BTreeMap`s, with `min`/`max` for the few scalars);
//! everything else in the outline is then derived from the union alone by
//! [`build`]. No clock, no modification time and no input order is read.
//!
//! An existing outline is passed in two different ways:
//! - as an [`Input::Outline`]: its contents are part of the union (used to
//!   merge outlines of subsets of the groups);
//! - as `previous`: only its decisions are kept. This is the usual re-merge
//!   after groups edited their files: an item a group changed shows its new
//!   text (and is flagged "ändrad efter beslut" if it was decided on), and an
//!   item a group deleted is gone, while every decision stays in the file.

mod build;
mod near;
#[cfg(test)]
mod props;
pub mod review;
mod summary;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::model::{Answer, Frequency, GroupFile, Indicator, ListItem, Measure, VerdictAnswer, Workshop};
use crate::domain::outline::{
    Content, Decision, Outline, OutlineGoal, OutlineGroup, Section, SectionBody, VerdictVersion, Version,
};
use crate::domain::text::normalize;
use crate::i18n::{merge::T, Lang};
use crate::tr;

pub use build::refresh;
pub use near::{similarity, MAX_DUPLICATES, NEAR_DUPLICATE_THRESHOLD};
pub use summary::{summarize, ConflictNote, Summary};

/// The name under which a `previous` outline is reported.
pub const PREVIOUS_OUTLINE: &str = "outline.ron";

/// One input of a merge.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// A group file and the name it was read under (e.g. `grupp-1 (1).ron`).
    Group { source: &'a str, file: &'a GroupFile },
    /// A merged outline whose contents join the union.
    Outline { source: &'a str, outline: &'a Outline },
}

impl Input<'_> {
    fn source(&self) -> &str {
        match self {
            Input::Group { source, .. } | Input::Outline { source, .. } => source,
        }
    }

    fn workshop(&self) -> Uuid {
        match self {
            Input::Group { file, .. } => file.workshop,
            Input::Outline { outline, .. } => outline.workshop,
        }
    }
}

/// Why a merge refused its inputs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum MergeError {
    /// The file belongs to another workshop.
    WrongWorkshop { file: String },
}

impl MergeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            MergeError::WrongWorkshop { file } => tr!(lang, T::WrongWorkshop, file = file),
        }
    }
}

/// A stable fingerprint of an item's content (FNV-1a 64 over every field,
/// length-prefixed; stable across platforms and Rust versions), as 16 hex digits.
pub fn fingerprint(content: &Content) -> String {
    format!("{:016x}", fingerprint_u64(content))
}

/// [`fingerprint`] as a number: numbers order as their fixed-width hex forms do.
fn fingerprint_u64(content: &Content) -> u64 {
    let mut h = Fnv::new();
    match content {
        Content::List(item) => {
            h.tag(1).uuid(item.id).str(&item.text).str(&item.owner);
        }
        Content::Indicator(ind) => {
            h.tag(2).uuid(ind.id).str(&ind.name).str(&ind.definition).str(&ind.source).str(&ind.kolada);
            h.str(&ind.baseline.value).str(&ind.baseline.year).str(&ind.target.value).str(&ind.target.year);
            // The Debug form of the frequency (kept as the fingerprinted bytes
            // so that fingerprints in saved outlines stay valid).
            match &ind.frequency {
                None => h.tag(0),
                Some(Frequency::Month) => h.str("Month"),
                Some(Frequency::Quarter) => h.str("Quarter"),
                Some(Frequency::Tertial) => h.str("Tertial"),
                Some(Frequency::HalfYear) => h.str("HalfYear"),
                Some(Frequency::Year) => h.str("Year"),
                Some(f @ Frequency::Other(_)) => h.str(&format!("{f:?}")),
            };
            h.str(&ind.responsible);
            match ind.subgoal {
                None => h.tag(0),
                Some(id) => h.tag(1).uuid(id),
            };
        }
    }
    h.0
}

/// A stable fingerprint of one version of a group's free text (effect).
pub fn text_fingerprint(text: &str) -> String {
    let mut h = Fnv::new();
    h.tag(3).str(text);
    format!("{:016x}", h.0)
}

/// A stable fingerprint of one version of a group's verdict.
pub fn verdict_fingerprint(v: &VerdictVersion) -> String {
    let mut h = Fnv::new();
    h.tag(4);
    match v.verdict {
        None => h.tag(0),
        Some(verdict) => h.tag(1).str(&format!("{verdict:?}")),
    };
    h.str(&v.how);
    format!("{:016x}", h.0)
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, bytes: &[u8]) -> &mut Fnv {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }
    fn tag(&mut self, t: u8) -> &mut Fnv {
        self.bytes(&[t])
    }
    fn uuid(&mut self, id: Uuid) -> &mut Fnv {
        self.bytes(id.as_bytes())
    }
    fn str(&mut self, s: &str) -> &mut Fnv {
        self.bytes(&(s.len() as u64).to_le_bytes()).bytes(s.as_bytes())
    }
}

/// The kind of a section, as an orderable tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Text,
    List,
    Indicators,
    Verdict,
}

impl Kind {
    /// Every kind, in order (`Kind::ALL[k as usize] == k`).
    const ALL: [Kind; 4] = [Kind::Text, Kind::List, Kind::Indicators, Kind::Verdict];
}

/// The union of every input, before anything is derived.
#[derive(Default)]
struct Union {
    /// Names of groups as found in the inputs (the smallest non-empty wins).
    group_names: BTreeMap<Uuid, String>,
    /// Per goal, the sections by question key and then by kind (two kinds
    /// under one key only in hand-edited files), ordered as `(key, kind)`.
    goals: BTreeMap<Uuid, BTreeMap<String, KindSlots>>,
    decisions: BTreeMap<Uuid, Decision>,
}

/// The sections of one question key, indexed by [`Kind`] (boxed: small
/// tree nodes allocate faster).
type KindSlots = Box<[Option<SectionUnion>; 4]>;

/// Per group, each distinct text (or verdict) with where it was found.
type Texts = BTreeMap<Uuid, BTreeMap<String, Found>>;
type VerdictUnion = BTreeMap<Uuid, BTreeMap<VerdictVersion, Found>>;

/// Where a text or verdict was found: the files, and when they were saved.
#[derive(Default)]
struct Found {
    files: BTreeSet<String>,
    saved: BTreeSet<DateTime<Utc>>,
}

impl Found {
    fn add<'f>(&mut self, files: impl Iterator<Item = &'f str>, saved: impl Iterator<Item = DateTime<Utc>>) {
        self.files.extend(files.map(str::to_string));
        self.saved.extend(saved);
    }
}

enum SectionUnion {
    Text(Texts),
    Items(BTreeMap<Uuid, MemberUnion>),
    Verdicts(VerdictUnion),
}

struct MemberUnion {
    pos: u32,
    /// Fingerprints of the versions, sorted (a list: nearly always one)...
    /// Left empty while there is only one version: only a second one needs
    /// them.
    fingerprints: Vec<u64>,
    /// ... and the versions in the same order.
    versions: Vec<Version>,
}

impl SectionUnion {
    fn new(kind: Kind) -> SectionUnion {
        match kind {
            Kind::Text => SectionUnion::Text(BTreeMap::new()),
            Kind::List | Kind::Indicators => SectionUnion::Items(BTreeMap::new()),
            Kind::Verdict => SectionUnion::Verdicts(BTreeMap::new()),
        }
    }
}

impl Union {
    fn section(&mut self, goal: Uuid, key: &str, kind: Kind) -> &mut SectionUnion {
        let by_key = self.goals.entry(goal).or_default();
        // Look up by `&str` first: the key is only copied for a new section.
        if !by_key.contains_key(key) {
            by_key.insert(key.to_string(), KindSlots::default());
        }
        let slots = by_key.get_mut(key).expect("inserted above");
        slots[kind as usize].get_or_insert_with(|| SectionUnion::new(kind))
    }

    fn name_group(&mut self, id: Uuid, name: &str) {
        let name = normalize(name.trim());
        match self.group_names.get_mut(&id) {
            Some(old) if old.is_empty() || (!name.is_empty() && name < *old) => *old = name,
            Some(_) => {}
            None => {
                self.group_names.insert(id, name);
            }
        }
    }

    fn join_decision(&mut self, id: Uuid, decision: &Decision) {
        match self.decisions.get_mut(&id) {
            Some(old) if *old >= *decision => {}
            Some(old) => *old = decision.clone(),
            None => {
                self.decisions.insert(id, decision.clone());
            }
        }
    }

    fn add_text<'f>(
        &mut self,
        goal: Uuid,
        key: &str,
        group: Uuid,
        text: &str,
        files: impl Iterator<Item = &'f str>,
        saved: impl Iterator<Item = DateTime<Utc>>,
    ) {
        let text = normalize(text);
        if text.trim().is_empty() {
            return;
        }
        if let SectionUnion::Text(map) = self.section(goal, key, Kind::Text) {
            map.entry(group).or_default().entry(text).or_default().add(files, saved);
        }
    }

    fn add_verdict<'f>(
        &mut self,
        goal: Uuid,
        key: &str,
        group: Uuid,
        v: VerdictVersion,
        files: impl Iterator<Item = &'f str>,
        saved: impl Iterator<Item = DateTime<Utc>>,
    ) {
        if v.verdict.is_none() && v.how.trim().is_empty() {
            return;
        }
        if let SectionUnion::Verdicts(map) = self.section(goal, key, Kind::Verdict) {
            map.entry(group).or_default().entry(v).or_default().add(files, saved);
        }
    }

    fn items(&mut self, goal: Uuid, key: &str, kind: Kind) -> Option<&mut BTreeMap<Uuid, MemberUnion>> {
        match self.section(goal, key, kind) {
            SectionUnion::Items(map) => Some(map),
            _ => None,
        }
    }

    fn add_version(&mut self, goal: Uuid, key: &str, kind: Kind, pos: u32, version: Version) {
        if let Some(map) = self.items(goal, key, kind) {
            add_version(map, pos, version);
        }
    }

    fn add_group_file(&mut self, source: &str, file: &GroupFile) {
        let group = file.group;
        self.name_group(group, &file.group_name);
        let single = |g: Uuid| BTreeSet::from([g]);
        let saved = || file.saved_at.into_iter();
        for (&goal, answers) in &file.goals {
            for (key, answer) in &answers.answers {
                match answer {
                    Answer::Text(t) => self.add_text(goal, key, group, t, std::iter::once(source), saved()),
                    Answer::Verdict(v) => {
                        self.add_verdict(goal, key, group, verdict_version(v), std::iter::once(source), saved())
                    }
                    Answer::List(items) => {
                        let Some(map) = self.items(goal, key, Kind::List) else { continue };
                        for (pos, item) in items.iter().enumerate() {
                            let version = Version {
                                content: Content::List(normalize_list_item(item)),
                                groups: single(group),
                                files: BTreeSet::from([source.to_string()]),
                                saved: saved().collect(),
                            };
                            add_version(map, pos as u32, version);
                        }
                    }
                    Answer::Indicators(items) => {
                        let Some(map) = self.items(goal, key, Kind::Indicators) else { continue };
                        for (pos, ind) in items.iter().enumerate() {
                            let version = Version {
                                content: Content::Indicator(Box::new(normalize_indicator(ind))),
                                groups: single(group),
                                files: BTreeSet::from([source.to_string()]),
                                saved: saved().collect(),
                            };
                            add_version(map, pos as u32, version);
                        }
                    }
                }
            }
        }
    }

    fn add_outline(&mut self, outline: &Outline) {
        for g in &outline.groups {
            self.name_group(g.id, &g.name);
        }
        for (id, d) in &outline.decisions {
            self.join_decision(*id, d);
        }
        for goal in &outline.goals {
            // Make sure the goal exists even when it has no answers.
            self.goals.entry(goal.goal).or_default();
            for section in &goal.sections {
                match &section.body {
                    SectionBody::Text(entries) => {
                        self.section(goal.goal, &section.key, Kind::Text);
                        for e in entries {
                            for (i, t) in e.versions.iter().enumerate() {
                                let files = e.files.get(i).into_iter().flatten().map(String::as_str);
                                let saved = e.saved.get(i).into_iter().flatten().copied();
                                self.add_text(goal.goal, &section.key, e.group, t, files, saved);
                            }
                        }
                    }
                    SectionBody::Verdicts(v) => {
                        self.section(goal.goal, &section.key, Kind::Verdict);
                        for e in &v.groups {
                            for (i, version) in e.versions.iter().enumerate() {
                                let files = e.files.get(i).into_iter().flatten().map(String::as_str);
                                let saved = e.saved.get(i).into_iter().flatten().copied();
                                self.add_verdict(goal.goal, &section.key, e.group, version.clone(), files, saved);
                            }
                        }
                    }
                    SectionBody::List(items) | SectionBody::Indicators(items) => {
                        let kind = if section.kind() == crate::domain::QuestionKind::List {
                            Kind::List
                        } else {
                            Kind::Indicators
                        };
                        self.section(goal.goal, &section.key, kind);
                        for member in items.iter().flat_map(|i| i.members.iter()) {
                            for v in &member.versions {
                                self.add_version(goal.goal, &section.key, kind, member.pos, v.clone());
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Add one version of a member to a section's members.
fn add_version(map: &mut BTreeMap<Uuid, MemberUnion>, pos: u32, version: Version) {
    let member = match map.entry(version.content.id()) {
        std::collections::btree_map::Entry::Vacant(e) => {
            e.insert(MemberUnion { pos, fingerprints: Vec::new(), versions: vec![version] });
            return;
        }
        std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
    };
    member.pos = member.pos.min(pos);
    if member.fingerprints.is_empty() {
        member.fingerprints.extend(member.versions.iter().map(|v| fingerprint_u64(&v.content)));
    }
    let fp = fingerprint_u64(&version.content);
    match member.fingerprints.binary_search(&fp) {
        Err(at) => {
            member.fingerprints.insert(at, fp);
            member.versions.insert(at, version);
        }
        Ok(at) => {
            let old = &mut member.versions[at];
            old.groups.extend(version.groups);
            old.files.extend(version.files);
            old.saved.extend(version.saved);
        }
    }
}

fn verdict_version(v: &VerdictAnswer) -> VerdictVersion {
    VerdictVersion { verdict: v.verdict, how: normalize(&v.how) }
}

fn normalize_list_item(item: &ListItem) -> ListItem {
    ListItem { id: item.id, text: normalize(&item.text), owner: normalize(&item.owner) }
}

fn normalize_measure(m: &Measure) -> Measure {
    Measure { value: normalize(&m.value), year: normalize(&m.year) }
}

fn normalize_indicator(ind: &Indicator) -> Indicator {
    Indicator {
        id: ind.id,
        name: normalize(&ind.name),
        definition: normalize(&ind.definition),
        source: normalize(&ind.source),
        kolada: normalize(&ind.kolada),
        baseline: normalize_measure(&ind.baseline),
        target: normalize_measure(&ind.target),
        frequency: match &ind.frequency {
            Some(Frequency::Other(t)) => Some(Frequency::Other(normalize(t))),
            other => other.clone(),
        },
        responsible: normalize(&ind.responsible),
        subgoal: ind.subgoal,
    }
}

/// Merge `inputs` into one outline for `workshop`, keeping the decisions of
/// `previous` (see the module docs). Refuses (naming the source) any input
/// that belongs to another workshop; never skips one silently.
pub fn merge(workshop: &Workshop, inputs: &[Input], previous: Option<&Outline>) -> Result<Outline, MergeError> {
    let mut union = Union::default();
    for input in inputs {
        if input.workshop() != workshop.id {
            return Err(MergeError::WrongWorkshop { file: input.source().to_string() });
        }
        match input {
            Input::Group { source, file } => union.add_group_file(source, file),
            Input::Outline { outline, .. } => union.add_outline(outline),
        }
    }
    if let Some(prev) = previous {
        if prev.workshop != workshop.id {
            return Err(MergeError::WrongWorkshop { file: PREVIOUS_OUTLINE.to_string() });
        }
        for (id, d) in &prev.decisions {
            union.join_decision(*id, d);
        }
    }
    Ok(assemble(workshop, union))
}

/// Turn the union into an outline: goals and sections in workshop order,
/// then everything derived by [`build`].
fn assemble(workshop: &Workshop, mut union: Union) -> Outline {
    let mut groups: Vec<OutlineGroup> =
        workshop.groups.iter().map(|g| OutlineGroup { id: g.id, name: g.name.clone(), known: true }).collect();
    for (id, name) in &union.group_names {
        if workshop.group(*id).is_none() {
            let name = if name.is_empty() { id.to_string() } else { name.clone() };
            groups.push(OutlineGroup { id: *id, name, known: false });
        }
    }
    let mut outline = Outline::empty(workshop.id);
    outline.groups = groups;
    let question_kinds: Vec<(String, Kind)> = workshop
        .questions
        .iter()
        .map(|q| {
            let kind = match q.kind {
                crate::domain::QuestionKind::Text => Kind::Text,
                crate::domain::QuestionKind::List => Kind::List,
                crate::domain::QuestionKind::Indicators => Kind::Indicators,
                crate::domain::QuestionKind::Verdict => Kind::Verdict,
            };
            (q.key.clone(), kind)
        })
        .collect();
    let mut goal_order: Vec<(Uuid, String, bool)> =
        workshop.goals.iter().map(|g| (g.id, normalize(&g.label()), true)).collect();
    for id in union.goals.keys() {
        if workshop.goal(*id).is_none() {
            goal_order.push((*id, id.to_string(), false));
        }
    }
    for (id, label, known) in goal_order {
        let mut sections = union.goals.remove(&id).unwrap_or_default();
        let mut out = Vec::with_capacity(question_kinds.len());
        for (key, kind) in &question_kinds {
            let section = sections.get_mut(key.as_str()).and_then(|slots| slots[*kind as usize].take());
            out.push((key.clone(), *kind, section.unwrap_or_else(|| SectionUnion::new(*kind))));
        }
        // The rest by (key, kind).
        for (key, slots) in sections {
            for (kind, section) in Kind::ALL.into_iter().zip(*slots) {
                if let Some(section) = section {
                    out.push((key.clone(), kind, section));
                }
            }
        }
        let sections = out.into_iter().map(|(key, kind, s)| Section { key, body: build::body(kind, s) }).collect();
        outline.goals.push(OutlineGoal { goal: id, label, known, sections });
    }
    outline.decisions = union.decisions;
    refresh(&mut outline);
    outline
}
