//! Everything in an outline that is derived from its members and decisions:
//! which members form one item, the order of items, texts, group tags, flags
//! and tallies. [`refresh`] recomputes all of it from the stored truth.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use uuid::Uuid;

use super::{fingerprint, Kind, SectionUnion};
use crate::domain::outline::{
    Decision, Flags, GroupText, GroupVerdict, Member, Outline, OutlineItem, SectionBody, Tally, Verdicts,
};
use crate::domain::text::fold_key;

/// Two items whose folded texts have a Sørensen–Dice similarity (over
/// character bigrams, whitespace ignored: see [`similarity`]) at or above this
/// value, without being equal, are flagged "möjlig dubblett". They are never
/// folded automatically.
///
/// 0.8 catches a changed or added word in a sentence ("öka andelen elever som
/// når målen" / "öka andelen elever som når kunskapsmålen", 0.83) while
/// keeping sentences that only share a theme apart.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.8;

/// How similar two texts are, from 0.0 to 1.0: Sørensen–Dice over character
/// bigrams with whitespace ignored. This is what `strsim::sorensen_dice`
/// means to compute, but strsim divides by the length in BYTES, which makes
/// every å, ä and ö count twice and Swedish texts look less similar than they
/// are; this version counts characters, and sorts instead of hashing.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        return if letters(a) == letters(b) { 1.0 } else { 0.0 };
    }
    dice(&x, &y)
}

/// Sørensen–Dice of two sorted bigram lists (both non-empty).
fn dice(x: &[(char, char)], y: &[(char, char)]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * common) as f64 / (x.len() + y.len()) as f64
}

/// The sorted character bigrams of `s`, whitespace removed.
fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out
}

/// Turn a section of the union into a section body. Items are left one per
/// member; [`refresh`] groups them.
pub(super) fn body(kind: Kind, section: SectionUnion) -> SectionBody {
    match section {
        SectionUnion::Text(map) => SectionBody::Text(
            map.into_iter()
                .map(|(group, versions)| GroupText { group, versions: versions.into_iter().collect(), conflict: false })
                .collect(),
        ),
        SectionUnion::Verdicts(map) => SectionBody::Verdicts(Verdicts {
            groups: map
                .into_iter()
                .map(|(group, versions)| GroupVerdict {
                    group,
                    versions: versions.into_iter().collect(),
                    conflict: false,
                })
                .collect(),
            tally: Tally::default(),
        }),
        SectionUnion::Items(map) => {
            let items = map
                .into_iter()
                .map(|(id, m)| singleton(Member { id, pos: m.pos, versions: m.versions.into_values().collect() }))
                .collect();
            if kind == Kind::Indicators {
                SectionBody::Indicators(items)
            } else {
                SectionBody::List(items)
            }
        }
    }
}

fn singleton(member: Member) -> OutlineItem {
    OutlineItem {
        key: member.id,
        text: String::new(),
        groups: Vec::new(),
        status: Default::default(),
        flags: Flags::default(),
        members: vec![member],
    }
}

/// Recompute everything derived in `outline` from its members, its
/// decisions and its group list. Idempotent.
pub fn refresh(outline: &mut Outline) {
    let order: HashMap<Uuid, usize> = outline.groups.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
    let rank_of = |g: &Uuid| (order.get(g).copied().unwrap_or(usize::MAX), *g);
    let decisions = &outline.decisions;
    for goal in &mut outline.goals {
        for section in &mut goal.sections {
            match &mut section.body {
                SectionBody::Text(entries) => {
                    entries.sort_by_key(|e| rank_of(&e.group));
                    for e in entries.iter_mut() {
                        e.conflict = e.versions.len() > 1;
                    }
                }
                SectionBody::Verdicts(v) => {
                    v.groups.sort_by_key(|e| rank_of(&e.group));
                    v.tally = Tally::default();
                    for e in v.groups.iter_mut() {
                        e.conflict = e.versions.len() > 1;
                        for version in &e.versions {
                            v.tally.add(version.verdict);
                        }
                    }
                }
                SectionBody::List(items) | SectionBody::Indicators(items) => {
                    let members = std::mem::take(items).into_iter().flat_map(|i| i.members).collect();
                    *items = build_items(members, decisions, &rank_of);
                }
            }
        }
    }
}

/// Members with the same id (only possible in a hand-edited outline) become one.
fn dedupe_members(mut members: Vec<Member>) -> Vec<Member> {
    members.sort_by_key(|m| m.id);
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
    for m in &mut out {
        let mut by_fp: BTreeMap<String, crate::domain::outline::Version> = BTreeMap::new();
        for v in std::mem::take(&mut m.versions) {
            match by_fp.entry(fingerprint(&v.content)) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(v);
                }
                std::collections::btree_map::Entry::Occupied(mut e) => {
                    e.get_mut().groups.extend(v.groups);
                    e.get_mut().files.extend(v.files);
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

/// An item being built, with its fold keys and its sort key.
type Built<R> = (OutlineItem, BTreeSet<String>, (i64, Option<R>, u32));

fn build_items<R: Ord>(
    members: Vec<Member>,
    decisions: &BTreeMap<Uuid, Decision>,
    rank_of: &dyn Fn(&Uuid) -> R,
) -> Vec<OutlineItem> {
    let members = dedupe_members(members);
    let n = members.len();
    let mut uf = UnionFind((0..n).collect());
    let mut folded = vec![false; n];
    let mut keys: Vec<BTreeSet<String>> = Vec::with_capacity(n);
    let mut first_with_key: HashMap<String, usize> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        let ks: BTreeSet<String> =
            m.versions.iter().map(|v| fold_key(v.content.text())).filter(|k| !k.is_empty()).collect();
        for k in &ks {
            match first_with_key.get(k) {
                Some(&j) => {
                    uf.union(i, j);
                    folded[i] = true;
                    folded[j] = true;
                }
                None => {
                    first_with_key.insert(k.clone(), i);
                }
            }
        }
        keys.push(ks);
    }
    let index: HashMap<Uuid, usize> = members.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    for (i, m) in members.iter().enumerate() {
        for other in decisions.get(&m.id).map(|d| &d.combined).into_iter().flatten() {
            if let Some(&j) = index.get(other) {
                uf.union(i, j);
            }
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        components.entry(uf.find(i)).or_default().push(i);
    }
    let mut slots: Vec<Option<Member>> = members.into_iter().map(Some).collect();
    let mut built: Vec<Built<R>> = components
        .into_values()
        .map(|idx| {
            let item_keys: BTreeSet<String> = idx.iter().flat_map(|&i| keys[i].iter().cloned()).collect();
            let was_folded = idx.iter().any(|&i| folded[i]);
            let ms: Vec<Member> = idx.iter().filter_map(|&i| slots[i].take()).collect();
            let (item, sort) = make_item(ms, decisions, was_folded, rank_of);
            (item, item_keys, sort)
        })
        .collect();
    built.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.key.cmp(&b.0.key)));
    flag_near_duplicates(&mut built);
    built.into_iter().map(|(item, _, _)| item).collect()
}

fn make_item<R: Ord>(
    members: Vec<Member>,
    decisions: &BTreeMap<Uuid, Decision>,
    folded: bool,
    rank_of: &dyn Fn(&Uuid) -> R,
) -> (OutlineItem, (i64, Option<R>, u32)) {
    let decision = effective(&members, decisions);
    let fps = fingerprints(&members);
    let substantive = decision.is_some_and(Decision::is_substantive);
    let seen_all = decision.is_some_and(|d| d.seen == fps);
    let has_versions_conflict = members.iter().any(|m| m.versions.len() > 1);
    let mut groups: Vec<Uuid> =
        members.iter().flat_map(|m| m.versions.iter()).flat_map(|v| v.groups.iter()).copied().collect();
    groups.sort_by_key(|g| rank_of(g));
    groups.dedup();
    let text = decision
        .and_then(|d| d.text.clone())
        .or_else(|| members.first().and_then(|m| m.versions.first()).map(|v| v.content.text().to_string()))
        .unwrap_or_default();
    let sort = (
        decision.and_then(|d| d.rank).unwrap_or(i64::MAX),
        groups.iter().map(rank_of).min(),
        members.iter().map(|m| m.pos).min().unwrap_or(0),
    );
    let item = OutlineItem {
        key: members.first().map(|m| m.id).unwrap_or_default(),
        text,
        groups,
        status: decision.map(|d| d.status).unwrap_or_default(),
        flags: Flags {
            conflict: has_versions_conflict && !(substantive && seen_all),
            folded,
            combined: decision.is_some_and(|d| !d.combined.is_empty()),
            changed_after_decision: substantive && !seen_all,
            possible_duplicates: Vec::new(),
        },
        members,
    };
    (item, sort)
}

fn flag_near_duplicates<S>(built: &mut [(OutlineItem, BTreeSet<String>, S)]) {
    // Bigrams once per distinct text, not once per comparison.
    let grams: Vec<Vec<Vec<(char, char)>>> =
        built.iter().map(|b| b.1.iter().map(|k| bigrams(k)).filter(|g| !g.is_empty()).collect()).collect();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for i in 0..built.len() {
        for j in i + 1..built.len() {
            // Texts of different items are never equal (equal ones fold), so
            // any pair at or above the threshold is a near duplicate.
            if grams[i].iter().any(|a| grams[j].iter().any(|b| similar_enough(a, b))) {
                pairs.push((i, j));
            }
        }
    }
    for (i, j) in pairs {
        let (ki, kj) = (built[i].0.key, built[j].0.key);
        built[i].0.flags.possible_duplicates.push(kj);
        built[j].0.flags.possible_duplicates.push(ki);
    }
    for b in built.iter_mut() {
        b.0.flags.possible_duplicates.sort();
    }
}

/// A cheap upper bound first: Dice can not reach the threshold when one
/// text has many more bigrams than the other.
fn similar_enough(a: &[(char, char)], b: &[(char, char)]) -> bool {
    let (na, nb) = (a.len(), b.len());
    let bound = 2.0 * na.min(nb) as f64 / (na + nb) as f64;
    bound >= NEAR_DUPLICATE_THRESHOLD && dice(a, b) >= NEAR_DUPLICATE_THRESHOLD
}
