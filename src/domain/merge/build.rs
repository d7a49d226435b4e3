//! Everything in an outline that is derived from its members and decisions:
//! which members form one item, the order of items, texts, group tags, flags
//! and tallies. [`refresh`] recomputes all of it from the stored truth.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use uuid::Uuid;

use super::{fingerprint, near, text_fingerprint, verdict_fingerprint, Kind, SectionUnion};
use crate::domain::outline::{
    differing_fields, entry_key, Choice, Decision, Flags, GroupText, GroupVerdict, Member, Outline, OutlineGoal,
    OutlineItem, SectionBody, Status, Tally, Verdicts,
};
use crate::domain::text::fold_key_into;
use crate::domain::QuestionKind;

/// Turn a section of the union into a section body. The members of a list
/// are left in one provisional item; [`refresh`] makes the real items.
pub(super) fn body(kind: Kind, section: SectionUnion) -> SectionBody {
    match section {
        SectionUnion::Text(map) => SectionBody::Text(
            map.into_iter()
                .map(|(group, versions)| {
                    let (versions, (files, saved)) = unzip_found(versions);
                    GroupText { group, versions, files, saved, ..Default::default() }
                })
                .collect(),
        ),
        SectionUnion::Verdicts(map) => SectionBody::Verdicts(Verdicts {
            groups: map
                .into_iter()
                .map(|(group, versions)| {
                    let (versions, (files, saved)) = unzip_found(versions);
                    GroupVerdict { group, versions, files, saved, ..Default::default() }
                })
                .collect(),
            tally: Tally::default(),
        }),
        SectionUnion::Items(map) => {
            let members: Vec<Member> =
                map.into_iter().map(|(id, m)| Member { id, pos: m.pos, versions: m.versions }).collect();
            let items = if members.is_empty() { Vec::new() } else { vec![provisional(members)] };
            if kind == Kind::Indicators {
                SectionBody::Indicators(items)
            } else {
                SectionBody::List(items)
            }
        }
    }
}

/// The versions of a group's text or verdict, their files and their save
/// times (left empty when no file had a time, as in older outlines).
type Provenance = (Vec<BTreeSet<String>>, Vec<BTreeSet<chrono::DateTime<chrono::Utc>>>);

fn unzip_found<V>(versions: BTreeMap<V, super::Found>) -> (Vec<V>, Provenance) {
    let (versions, (files, mut saved)): (Vec<V>, (Vec<_>, Vec<BTreeSet<_>>)) =
        versions.into_iter().map(|(v, f)| (v, (f.files, f.saved))).unzip();
    if saved.iter().all(BTreeSet::is_empty) {
        saved.clear();
    }
    (versions, (files, saved))
}

fn provisional(members: Vec<Member>) -> OutlineItem {
    OutlineItem {
        key: members[0].id,
        text: String::new(),
        groups: Vec::new(),
        status: Default::default(),
        flags: Flags::default(),
        members,
    }
}

/// Recompute everything derived in `outline` from its members, its
/// decisions and its group list. Idempotent.
pub fn refresh(outline: &mut Outline) {
    let order: HashMap<Uuid, usize> = outline.groups.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
    let rank_of = |g: &Uuid| (order.get(g).copied().unwrap_or(usize::MAX), *g);
    let decisions = &outline.decisions;
    for goal in &mut outline.goals {
        let goal_id = goal.goal;
        for section in &mut goal.sections {
            let decision = |group| decisions.get(&entry_key(goal_id, &section.key, group));
            match &mut section.body {
                SectionBody::Text(entries) => {
                    entries.sort_by_key(|e| rank_of(&e.group));
                    for e in entries.iter_mut() {
                        let fps: Vec<String> = e.versions.iter().map(|v| text_fingerprint(v)).collect();
                        let d = entry_decision(decision(e.group), &fps);
                        e.conflict = d.conflict;
                        e.status = d.status;
                        e.edited = d.text.is_some();
                        e.changed_after_decision = d.changed;
                        e.text = match (d.text, d.both) {
                            (Some(t), _) => t,
                            (None, true) => e.versions.join("\n\n"),
                            (None, false) => e.versions.get(d.shown).cloned().unwrap_or_default(),
                        };
                    }
                }
                SectionBody::Verdicts(v) => {
                    v.groups.sort_by_key(|e| rank_of(&e.group));
                    v.tally = Tally::default();
                    for e in v.groups.iter_mut() {
                        let fps: Vec<String> = e.versions.iter().map(verdict_fingerprint).collect();
                        let d = entry_decision(decision(e.group), &fps);
                        e.conflict = d.conflict;
                        e.status = d.status;
                        e.edited = d.text.is_some();
                        e.changed_after_decision = d.changed;
                        e.text = d.text.or_else(|| e.versions.get(d.shown).map(|v| v.how.clone())).unwrap_or_default();
                        for version in &e.versions {
                            v.tally.add(version.verdict);
                        }
                    }
                }
                SectionBody::List(items) | SectionBody::Indicators(items) => {
                    let members = match std::mem::take(items) {
                        // The merge's one provisional item: its members as they are.
                        mut one if one.len() == 1 => one.pop().map(|i| i.members).unwrap_or_default(),
                        many => many.into_iter().flat_map(|i| i.members).collect(),
                    };
                    *items = build_items(members, decisions, &rank_of);
                }
            }
        }
        mark_differing_fields(goal);
    }
}

/// What a decision on a group's text or verdict makes of it.
struct EntryState {
    conflict: bool,
    status: Status,
    text: Option<String>,
    /// The index of the version shown (the chosen one, else the first).
    shown: usize,
    /// Every version kept ([`Choice::Both`]): all of them are shown.
    both: bool,
    /// Decided on, but the versions are no longer those seen then.
    changed: bool,
}

/// Derive an entry's state from its decision and its versions' fingerprints.
fn entry_decision(decision: Option<&Decision>, fps: &[String]) -> EntryState {
    let seen_all = decision.is_some_and(|d| d.seen.iter().eq(fps.iter().collect::<BTreeSet<_>>()));
    let chosen = match decision.and_then(|d| d.choice.as_ref()) {
        Some(Choice::Version(fp)) if fps.len() > 1 => fps.iter().position(|f| f == fp),
        _ => None,
    };
    EntryState {
        conflict: fps.len() > 1 && !(decision.is_some_and(|d| d.choice.is_some()) && seen_all),
        status: decision.map(|d| d.status).unwrap_or_default(),
        text: decision.and_then(|d| d.text.clone()),
        shown: chosen.unwrap_or(0),
        both: fps.len() > 1 && decision.is_some_and(|d| d.choice == Some(Choice::Both)),
        changed: decision.is_some_and(Decision::is_substantive) && !seen_all,
    }
}

/// The fingerprints of the versions of the group text or verdict whose
/// [`entry_key`] is `id`, in the order the review lists them.
pub(super) fn entry_versions(outline: &Outline, id: Uuid) -> Option<Vec<String>> {
    for goal in &outline.goals {
        for section in &goal.sections {
            let key = |group| entry_key(goal.goal, &section.key, group);
            match &section.body {
                SectionBody::Text(entries) => {
                    if let Some(e) = entries.iter().find(|e| key(e.group) == id) {
                        return Some(e.versions.iter().map(|v| text_fingerprint(v)).collect());
                    }
                }
                SectionBody::Verdicts(v) => {
                    if let Some(e) = v.groups.iter().find(|e| key(e.group) == id) {
                        return Some(e.versions.iter().map(verdict_fingerprint).collect());
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// Set [`crate::domain::outline::Flags::differs`] on every item of `goal`:
/// the fields its versions disagree on besides the text. A linked sub-goal is
/// compared by the outline item that holds it, so two groups linking their
/// own copies of one folded sub-goal agree.
fn mark_differing_fields(goal: &mut OutlineGoal) {
    let several = |i: &OutlineItem| i.members.len() > 1 || i.members.iter().any(|m| m.versions.len() > 1);
    if !goal.sections.iter().flat_map(|s| s.items()).any(several) {
        return;
    }
    let keys: HashMap<Uuid, Uuid> = goal
        .sections
        .iter()
        .filter(|s| s.kind() == QuestionKind::List)
        .flat_map(|s| s.items())
        .flat_map(|i| i.members.iter().map(move |m| (m.id, i.key)))
        .collect();
    let resolve = |id: Uuid| keys.get(&id).copied();
    for section in &mut goal.sections {
        if let SectionBody::List(items) | SectionBody::Indicators(items) = &mut section.body {
            for item in items.iter_mut().filter(|i| several(i)) {
                item.flags.differs = differing_fields(item, &resolve);
            }
        }
    }
}

/// Members with the same id (only possible in a hand-edited outline) become one.
fn dedupe_members(mut members: Vec<Member>) -> Vec<Member> {
    members.sort_by_key(|m| m.id);
    // The usual case (every outline the merge wrote): nothing to do.
    if members.windows(2).all(|w| w[0].id != w[1].id) && members.iter().all(|m| m.versions.len() < 2) {
        return members;
    }
    let mut out: Vec<Member> = Vec::with_capacity(members.len());
    for m in members {
        match out.last_mut() {
            Some(last) if last.id == m.id => {
                last.pos = last.pos.min(m.pos);
                last.versions.extend(m.versions);
            }
            _ => out.push(m),
        }
    }
    for m in out.iter_mut().filter(|m| m.versions.len() > 1) {
        let mut by_fp: BTreeMap<String, crate::domain::outline::Version> = BTreeMap::new();
        for v in std::mem::take(&mut m.versions) {
            match by_fp.entry(fingerprint(&v.content)) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(v);
                }
                std::collections::btree_map::Entry::Occupied(mut e) => {
                    e.get_mut().groups.extend(v.groups);
                    e.get_mut().files.extend(v.files);
                    e.get_mut().saved.extend(v.saved);
                }
            }
        }
        m.versions = by_fp.into_values().collect();
    }
    out
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.0[root] != root {
            root = self.0[root];
        }
        let mut j = i;
        while self.0[j] != root {
            let next = self.0[j];
            self.0[j] = root;
            j = next;
        }
        root
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index becomes the root, so roots do not depend on call order.
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// The effective decision of a set of members: the greatest (by revision).
fn effective<'a>(members: &[Member], decisions: &'a BTreeMap<Uuid, Decision>) -> Option<&'a Decision> {
    members.iter().filter_map(|m| decisions.get(&m.id)).max()
}

/// Fingerprints of every version of every member.
pub(super) fn fingerprints(members: &[Member]) -> BTreeSet<String> {
    members.iter().flat_map(|m| m.versions.iter()).map(|v| fingerprint(&v.content)).collect()
}

/// The rank of a group: its place in the outline's group list, then its id.
type Rank = (usize, Uuid);

/// The order of items in a section: decided rank, first group, first position.
type SortKey = (i64, Option<Rank>, u32);

fn build_items(
    members: Vec<Member>,
    decisions: &BTreeMap<Uuid, Decision>,
    rank_of: &dyn Fn(&Uuid) -> Rank,
) -> Vec<OutlineItem> {
    let members = dedupe_members(members);
    let n = members.len();
    let mut uf = UnionFind((0..n).collect());
    let mut folded = vec![false; n];
    // Every distinct non-empty fold key of every member (usually one each),
    // with the member, the keys one after another in `buf`. Members sharing a
    // key fold: sort the pairs, join runs.
    let mut buf = String::new();
    let mut spans: Vec<(std::ops::Range<usize>, usize)> = Vec::with_capacity(n);
    for (i, m) in members.iter().enumerate() {
        for v in &m.versions {
            let start = buf.len();
            fold_key_into(v.content.text(), &mut buf);
            if buf.len() > start {
                spans.push((start..buf.len(), i));
            }
        }
    }
    // Each distinct key with the first member that has it (members in id
    // order); a later member with the same key folds into that one.
    let mut first: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    first.reserve(spans.len());
    let mut by_key: Vec<(&str, usize)> = Vec::with_capacity(spans.len());
    for (r, i) in spans {
        let key = &buf[r];
        match first.entry(key) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i);
                by_key.push((key, i));
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                let j = *e.get();
                if j != i {
                    uf.union(i, j);
                    folded[i] = true;
                    folded[j] = true;
                }
            }
        }
    }
    if members.iter().any(|m| decisions.get(&m.id).is_some_and(|d| !d.combined.is_empty())) {
        let index: HashMap<Uuid, usize> = members.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
        for (i, m) in members.iter().enumerate() {
            for other in decisions.get(&m.id).map(|d| &d.combined).into_iter().flatten() {
                if let Some(&j) = index.get(other) {
                    uf.union(i, j);
                }
            }
        }
    }
    // Components (by root, members in index order) become items.
    let mut by_root: Vec<(usize, usize)> = (0..n).map(|i| (uf.find(i), i)).collect();
    by_root.sort_unstable();
    let mut component = vec![0; n];
    let mut slots: Vec<Option<Member>> = members.into_iter().map(Some).collect();
    let mut built: Vec<(OutlineItem, SortKey, usize)> = Vec::with_capacity(n);
    for (c, run) in by_root.chunk_by(|a, b| a.0 == b.0).enumerate() {
        let was_folded = run.iter().any(|&(_, i)| folded[i]);
        let ms: Vec<Member> = run.iter().filter_map(|&(_, i)| slots[i].take()).collect();
        for &(_, i) in run {
            component[i] = c;
        }
        let (item, sort) = make_item(ms, decisions, was_folded, rank_of);
        built.push((item, sort, c));
    }
    // Item keys are distinct, so this order is total, and an unstable sort
    // (in place: a stable one took a scratch copy of every item) gives it.
    built.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.key.cmp(&b.0.key)));
    let mut position = vec![0; built.len()];
    for (p, b) in built.iter().enumerate() {
        position[b.2] = p;
    }
    // Each distinct key belongs to one item (equal keys fold).
    let texts: Vec<(&str, usize)> = by_key.iter().map(|&(key, i)| (key, position[component[i]])).collect();
    let pairs = near::near_pairs(&texts);
    let mut items: Vec<OutlineItem> = built.into_iter().map(|(item, _, _)| item).collect();
    for (i, j) in pairs {
        let (ki, kj) = (items[i].key, items[j].key);
        items[i].flags.possible_duplicates.push(kj);
        items[j].flags.possible_duplicates.push(ki);
    }
    for item in &mut items {
        item.flags.possible_duplicates.sort_unstable();
    }
    items
}

fn make_item(
    members: Vec<Member>,
    decisions: &BTreeMap<Uuid, Decision>,
    folded: bool,
    rank_of: &dyn Fn(&Uuid) -> Rank,
) -> (OutlineItem, SortKey) {
    let decision = effective(&members, decisions);
    let substantive = decision.is_some_and(Decision::is_substantive);
    let seen_all = decision.is_some_and(|d| d.seen == fingerprints(&members));
    let has_versions_conflict = members.iter().any(|m| m.versions.len() > 1);
    let mut groups: Vec<Uuid> =
        members.iter().flat_map(|m| m.versions.iter()).flat_map(|v| v.groups.iter()).copied().collect();
    // A rank holds its group's id: equal ranks are equal groups.
    groups.sort_unstable_by_key(rank_of);
    groups.dedup();
    // A chosen version (of a conflict) stands for its member; the others are set aside.
    let chosen = match decision.and_then(|d| d.choice.as_ref()) {
        Some(Choice::Version(fp)) if has_versions_conflict => Some(fp),
        _ => None,
    };
    let mut set_aside = Vec::new();
    if let Some(fp) = chosen {
        for m in members.iter().filter(|m| m.versions.iter().any(|v| fingerprint(&v.content) == *fp)) {
            set_aside.extend(m.versions.iter().map(|v| fingerprint(&v.content)).filter(|f| f != fp));
        }
    }
    let first_shown = members
        .iter()
        .flat_map(|m| m.versions.iter())
        .find(|v| set_aside.is_empty() || !set_aside.contains(&fingerprint(&v.content)));
    let text = decision
        .and_then(|d| d.text.clone())
        .or_else(|| first_shown.map(|v| v.content.text().to_string()))
        .unwrap_or_default();
    let sort = (
        decision.and_then(|d| d.rank).unwrap_or(i64::MAX),
        groups.first().map(rank_of),
        members.iter().map(|m| m.pos).min().unwrap_or(0),
    );
    let item = OutlineItem {
        key: members.first().map(|m| m.id).unwrap_or_default(),
        text,
        groups,
        status: decision.map(|d| d.status).unwrap_or_default(),
        flags: Flags {
            // Only a choice settles differing copies (accepting does not),
            // and only one made after seeing every version.
            conflict: has_versions_conflict && !(decision.is_some_and(|d| d.choice.is_some()) && seen_all),
            folded,
            combined: decision.is_some_and(|d| !d.combined.is_empty()),
            changed_after_decision: substantive && !seen_all,
            possible_duplicates: Vec::new(),
            differs: Vec::new(),
            set_aside: if seen_all { set_aside } else { Vec::new() },
        },
        members,
    };
    (item, sort)
}
