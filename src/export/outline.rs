//! [`Document::from_outline`]: the merged outline (sammanställning) as an
//! export. Items are shown as the facilitator left them (edited text,
//! order), attributed to every group that wrote them (folded items name all
//! of them), dropped ones in the appendix; conflicts, possible duplicates and
//! items changed after a decision become flags of the goal.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use uuid::Uuid;

use super::doc::{
    clean, clean_owned, goal_header, Attributed, Document, Flag, FlagKind, GoalSection, GroupEntry, IndicatorRow,
    OtherAnswer, Record, RecordStatus, Source, SubGoal, Text, VerdictRow,
};
use super::saved;
use crate::domain::outline::{
    entry_key, Choice, Content, Field, Outline, OutlineGoal, OutlineItem, Section, SectionBody, Status, Variant,
    Version,
};
use crate::domain::quality::{self, WordLists};
use crate::domain::{Goal, GroupFile, QuestionKind, Workshop};
use crate::i18n::{common::T as C, export::T as E, Lang};
use crate::tr;

impl<'a> Document<'a> {
    /// The merged outline: per goal in the outline's (workshop) order, with
    /// provenance, the facilitator's decisions and the merge's flags, and the
    /// quality section: per goal, each group's score from its own file
    /// (`files`, the groups' files as `check --quality` reads them), by the
    /// same function as `check --quality` and the plenary, so the numbers
    /// agree everywhere.
    pub fn from_outline(w: &'a Workshop, outline: &'a Outline, files: &[GroupFile], words: &WordLists) -> Document<'a> {
        let mut doc = Document::title_block(w, Source::Outline);
        for group in &w.groups {
            doc.groups.push(GroupEntry { name: clean(&group.name), goals: super::doc::goal_labels(w, &group.goals) });
        }
        // Each group's cleaned name, once (items name their groups many times).
        let cleaned: Vec<(Uuid, Text<'a>)> = outline.groups.iter().map(|g| (g.id, clean(&g.name))).collect();
        let names = |ids: &[Uuid]| -> Vec<Text<'a>> {
            ids.iter()
                .map(|id| {
                    cleaned
                        .iter()
                        .find(|(g, _)| g == id)
                        .map_or_else(|| clean(outline.group_name(*id)), |(_, n)| n.clone())
                })
                .collect()
        };
        for og in &outline.goals {
            let mut section = match w.goal(og.goal) {
                Some(goal) => goal_header(goal),
                None => GoalSection { wording: clean(&og.label), ..GoalSection::default() },
            };
            let assigned = w.groups.iter().any(|g| g.goals.contains(&og.goal));
            let mut firsts = [false; 4];
            for s in &og.sections {
                let slot = &mut firsts[match s.kind() {
                    QuestionKind::Text => 0,
                    QuestionKind::List => 1,
                    QuestionKind::Indicators => 2,
                    QuestionKind::Verdict => 3,
                }];
                let primary = !*slot;
                *slot = true;
                add_section(w, outline, og, s, primary, &names, &mut section);
            }
            if assigned || !section.is_empty() {
                if let Some(goal) = w.goal(og.goal) {
                    group_scores(w, goal, files, words, &section.label(), &mut doc);
                }
                doc.goals.push(section);
            }
        }
        doc
    }
}

/// One quality note per group that was given the goal or answered it, in
/// workshop order, scored from that group's own file.
fn group_scores(w: &Workshop, goal: &Goal, files: &[GroupFile], words: &WordLists, label: &str, doc: &mut Document) {
    for group in &w.groups {
        let file = files.iter().find(|f| f.group == group.id && f.workshop == w.id);
        let answered = file.and_then(|f| f.answers(goal.id)).is_some_and(|a| !a.is_empty());
        if group.goals.contains(&goal.id) || answered {
            let report = quality::goal_report(w, file, goal, words);
            doc.quality.push(super::quality::entry(w.language, label.to_string(), &clean(&group.name), &report));
        }
    }
}

fn question_prompt<'a>(w: &'a Workshop, key: &'a str) -> Text<'a> {
    w.question(key).map(|q| clean(q.prompt.get(w.language))).unwrap_or_else(|| clean(key))
}

fn add_section<'a>(
    w: &'a Workshop,
    outline: &'a Outline,
    goal: &'a OutlineGoal,
    s: &'a Section,
    primary: bool,
    names: &dyn Fn(&[Uuid]) -> Vec<Text<'a>>,
    out: &mut GoalSection<'a>,
) {
    let lang = w.language;
    match &s.body {
        SectionBody::Text(entries) => {
            let what = if primary { Text::Borrowed(C::Effect.get(lang)) } else { question_prompt(w, &s.key) };
            for e in entries {
                let from = names(&[e.group]);
                let decision = outline.decisions.get(&entry_key(goal.goal, &s.key, e.group));
                if primary && decision.is_some() {
                    // Decided on: the text as the facilitator left it (edited,
                    // or the version chosen), with the record; every version
                    // while the copies are unsettled or all were kept.
                    let both = !e.edited && (e.conflict || decision.is_some_and(|d| d.choice == Some(Choice::Both)));
                    let record = entry_record(e.status, e.edited, &e.versions, &from);
                    let texts: Vec<&str> =
                        if both { e.versions.iter().map(String::as_str).collect() } else { vec![e.text.as_str()] };
                    for v in texts.into_iter().map(clean).filter(|v| !v.is_empty()) {
                        out.effects.push(Attributed {
                            text: v,
                            from: from.clone(),
                            dropped: e.status == Status::Dropped,
                            record: Some(record.clone()),
                        });
                    }
                }
                let decided = primary && decision.is_some();
                for v in e.versions.iter().map(|v| clean(v)).filter(|v| !v.is_empty() && !decided) {
                    if primary {
                        out.effects.push(Attributed::new(v, from.clone()));
                    } else {
                        out.other.push(OtherAnswer { question: what.clone(), text: v, from: from.clone() });
                    }
                }
                if e.conflict {
                    let group = clean(outline.group_name(e.group));
                    let text = saved::text_conflict(lang, &group, &what, e.versions.len(), &e.saved);
                    out.flags.push(Flag { kind: FlagKind::Conflict, text });
                }
                if e.changed_after_decision {
                    let what = clean(&e.text);
                    out.flags
                        .push(Flag { kind: FlagKind::Note, text: tr!(lang, E::ChangedAfterDecision, what = what) });
                }
            }
        }
        SectionBody::Verdicts(v) => {
            for g in &v.groups {
                let from = names(&[g.group]);
                let decision = outline.decisions.get(&entry_key(goal.goal, &s.key, g.group));
                let chosen = match decision.and_then(|d| d.choice.as_ref()) {
                    Some(Choice::Version(fp)) => {
                        g.versions.iter().filter(|v| crate::domain::merge::verdict_fingerprint(v) == *fp).collect()
                    }
                    _ => Vec::new(),
                };
                let shown: Vec<_> = if chosen.is_empty() { g.versions.iter().collect() } else { chosen };
                let originals: Vec<String> = g.versions.iter().map(|v| v.how.clone()).collect();
                let record = decision.map(|_| entry_record(g.status, g.edited, &originals, &from));
                for version in shown {
                    let comment = if g.edited { clean(&g.text) } else { clean(&version.how) };
                    out.verdicts.push(VerdictRow {
                        verdict: version.verdict,
                        comment,
                        from: from.clone(),
                        dropped: g.status == Status::Dropped,
                        record: record.clone(),
                    });
                }
                if g.conflict {
                    let group = clean(outline.group_name(g.group));
                    let what = C::Measurability.get(lang);
                    out.flags.push(Flag {
                        kind: FlagKind::Conflict,
                        text: saved::text_conflict(lang, &group, what, g.versions.len(), &g.saved),
                    });
                }
            }
        }
        SectionBody::List(items) => {
            let prompt = question_prompt(w, &s.key);
            for item in items {
                let text = clean(&item.text);
                let dropped = item.status == Status::Dropped;
                // One row per distinct content ("samma namn, olika
                // uppgifter"), each credited to the groups that wrote it.
                for variant in goal.variants(item) {
                    let owner = match variant.content {
                        Content::List(li) => clean(&li.owner),
                        Content::Indicator(_) => Text::default(),
                    };
                    let from = names(&variant_groups(item, &variant));
                    let record = Some(record(lang, outline, item, names));
                    if primary {
                        out.subgoals.push(SubGoal { text: text.clone(), owner, dropped, from, record });
                    } else if !dropped {
                        let text =
                            if owner.is_empty() { text.clone() } else { Text::Owned(format!("{text} ({owner})")) };
                        out.other.push(OtherAnswer { question: prompt.clone(), text, from });
                    }
                }
                item_flags(lang, outline, item, out);
            }
            duplicate_flags(lang, items, out);
        }
        SectionBody::Indicators(items) => {
            for item in items {
                for variant in goal.variants(item) {
                    let from = names(&variant_groups(item, &variant));
                    let mut row = indicator_row(lang, goal, item, variant.content, from);
                    row.record = Some(record(lang, outline, item, names));
                    out.indicators.push(row);
                }
                item_flags(lang, outline, item, out);
            }
            duplicate_flags(lang, items, out);
        }
    }
}

/// The groups of one variant of an item, in the item's (group) order.
fn variant_groups(item: &OutlineItem, variant: &Variant) -> Vec<Uuid> {
    item.groups.iter().copied().filter(|g| variant.groups.contains(g)).collect()
}

/// The label of a field in the document's language.
fn field_label(lang: Lang, field: Field) -> &'static str {
    match field {
        Field::Owner => C::Owner.get(lang),
        Field::Definition => C::Definition.get(lang),
        Field::Source => C::Source.get(lang),
        Field::Kolada => C::Kolada.get(lang),
        Field::Baseline => C::Baseline.get(lang),
        Field::BaselineYear => C::BaselineYear.get(lang),
        Field::Target => C::Target.get(lang),
        Field::TargetYear => C::TargetYear.get(lang),
        Field::Frequency => C::Frequency.get(lang),
        Field::Responsible => C::Responsible.get(lang),
        Field::SubGoal => C::LinkedSubGoal.get(lang),
    }
}

/// The record of a group's effect or verdict the facilitator decided on:
/// its status and, when edited, the group's own wording (each version).
fn entry_record<'a>(status: Status, edited: bool, versions: &[String], from: &[Text<'a>]) -> Record<'a> {
    let original = if edited {
        versions
            .iter()
            .map(|v| clean_owned(v.clone()))
            .filter(|v| !v.is_empty())
            .map(|v| Attributed::new(Text::Owned(v), from.to_vec()))
            .collect()
    } else {
        Vec::new()
    };
    Record { status: record_status(status), edited, combined: false, original, differs: Vec::new() }
}

fn record_status(status: Status) -> RecordStatus {
    match status {
        Status::Open => RecordStatus::Open,
        Status::Accepted => RecordStatus::Accepted,
        Status::Dropped => RecordStatus::Dropped,
    }
}

/// The record of an item: its decision status, whether the facilitator
/// edited or combined it (then with the groups' own wording, each text with
/// its groups) and the fields its versions differ in.
fn record<'a>(
    lang: Lang,
    outline: &'a Outline,
    item: &'a OutlineItem,
    names: &dyn Fn(&[Uuid]) -> Vec<Text<'a>>,
) -> Record<'a> {
    let decision = outline.decision(item);
    let edited = decision.is_some_and(|d| d.text.is_some());
    let combined = item.flags.combined;
    let mut original: Vec<Attributed<'a>> = Vec::new();
    if edited || combined {
        let mut texts: Vec<(&'a str, Vec<Uuid>)> = Vec::new();
        for v in item.versions() {
            let t = v.content.text();
            match texts.iter_mut().find(|(x, _)| *x == t) {
                Some((_, groups)) => groups.extend(v.groups.iter().copied()),
                None => texts.push((t, v.groups.iter().copied().collect())),
            }
        }
        for (t, groups) in texts {
            let groups: Vec<Uuid> = item.groups.iter().copied().filter(|g| groups.contains(g)).collect();
            original.push(Attributed::new(clean(t), names(&groups)));
        }
    }
    Record {
        status: match item.status {
            Status::Open => RecordStatus::Open,
            Status::Accepted => RecordStatus::Accepted,
            Status::Dropped => RecordStatus::Dropped,
        },
        edited,
        combined,
        original,
        differs: item.flags.differs.iter().map(|f| field_label(lang, *f)).collect(),
    }
}

fn indicator_row<'a>(
    lang: Lang,
    goal: &'a OutlineGoal,
    item: &'a OutlineItem,
    content: &'a Content,
    from: Vec<Text<'a>>,
) -> IndicatorRow<'a> {
    let Content::Indicator(ind) = content else {
        return IndicatorRow {
            name: clean(&item.text),
            dropped: item.status == Status::Dropped,
            from,
            ..IndicatorRow::default()
        };
    };
    // The linked sub-goal is an original item id: show the outline item that
    // holds it, marked when the facilitator dropped it.
    let subgoal = ind
        .subgoal
        .and_then(|id| {
            goal.sections
                .iter()
                .filter(|s| s.kind() == QuestionKind::List)
                .flat_map(|s| s.items())
                .find(|i| i.members.iter().any(|m| m.id == id))
        })
        .map(|i| {
            if i.status == Status::Dropped {
                Text::Owned(tr!(lang, E::DroppedSubGoal, text = clean(&i.text)))
            } else {
                clean(&i.text)
            }
        })
        .unwrap_or_default();
    // The facilitator's name for the item, when edited.
    IndicatorRow {
        name: clean(&item.text),
        dropped: item.status == Status::Dropped,
        ..IndicatorRow::new(lang, ind, subgoal, from)
    }
}

/// The flags of one item: differing versions (each shown with its groups and
/// when it was saved) and changes after a decision.
fn item_flags(lang: Lang, outline: &Outline, item: &OutlineItem, out: &mut GoalSection) {
    if !item.flags.differs.is_empty() {
        let fields: Vec<&str> = item.flags.differs.iter().map(|f| field_label(lang, *f)).collect();
        let text = tr!(lang, E::SameNameDiffers, what = clean(&item.text), fields = fields.join(", "));
        out.flags.push(Flag { kind: FlagKind::Note, text });
    }
    if !item.flags.set_aside.is_empty() {
        // A conflict the facilitator settled: the versions not chosen stay on record.
        let aside: Vec<&Version> = item
            .versions()
            .filter(|v| item.flags.set_aside.contains(&crate::domain::merge::fingerprint(&v.content)))
            .collect();
        let aside = version_lines(lang, Some(outline), &aside);
        let text = tr!(lang, E::ConflictSettled, what = clean(&item.text), versions = aside.join("; "));
        out.flags.push(Flag { kind: FlagKind::Note, text });
    }
    if !item.flags.conflict && !item.flags.changed_after_decision {
        return;
    }
    let what = clean(&item.text);
    if item.flags.conflict {
        let versions: Vec<&Version> = item.versions().collect();
        let groups: BTreeSet<Uuid> = versions.iter().flat_map(|v| v.groups.iter().copied()).collect();
        let groups: Vec<String> = groups.iter().map(|g| clean(outline.group_name(*g)).into_owned()).collect();
        let text = tr!(
            lang,
            E::ConflictItemFrom,
            count = saved::version_count(lang, versions.len()),
            what = what,
            groups = saved::and_list(lang, &groups),
            versions = version_lines(lang, None, &versions).join("; ")
        );
        out.flags.push(Flag { kind: FlagKind::Conflict, text });
    }
    if item.flags.changed_after_decision {
        out.flags.push(Flag { kind: FlagKind::Note, text: tr!(lang, E::ChangedAfterDecision, what = what) });
    }
}

/// Versions for a flag, each with when it was saved ("… (sparad 10:42)")
/// and, given the outline, the groups that wrote it ("… (Grupp 1, sparad 10:42)").
fn version_lines(lang: Lang, outline: Option<&Outline>, versions: &[&Version]) -> Vec<String> {
    let saved: Vec<_> = versions.iter().map(|v| Some(&v.saved)).collect();
    let clock = saved::clock_times(lang, &saved::latest(&saved));
    versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let text = match &v.content {
                Content::List(li) if !li.owner.trim().is_empty() => {
                    format!("\"{}\" – {}: {}", clean(&li.text), C::Owner.get(lang), clean(&li.owner))
                }
                Content::List(li) => format!("\"{}\"", clean(&li.text)),
                Content::Indicator(ind) => indicator_summary(lang, ind),
            };
            let mut aside: Vec<String> = Vec::new();
            if let Some(o) = outline {
                aside.extend(v.groups.iter().map(|g| clean(o.group_name(*g)).into_owned()));
            }
            if let Some(clock) = &clock {
                aside.push(saved::saved_phrase(lang, std::slice::from_ref(&clock[i])));
            }
            if aside.is_empty() {
                text
            } else {
                format!("{text} ({})", aside.join(", "))
            }
        })
        .collect()
}

/// An indicator's fields besides its name that tell versions apart, with
/// their labels, in the order the review and the exports list them.
pub fn indicator_fields(ind: &crate::domain::Indicator) -> [(C, &str); 8] {
    [
        (C::Definition, &ind.definition),
        (C::Source, &ind.source),
        (C::Kolada, &ind.kolada),
        (C::Baseline, &ind.baseline.value),
        (C::BaselineYear, &ind.baseline.year),
        (C::Target, &ind.target.value),
        (C::TargetYear, &ind.target.year),
        (C::Responsible, &ind.responsible),
    ]
}

/// An indicator version in one line: name and the fields that tell versions apart.
fn indicator_summary(lang: Lang, ind: &crate::domain::Indicator) -> String {
    let mut parts = vec![format!("\"{}\"", clean(&ind.name))];
    parts.extend(
        indicator_fields(ind)
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{}: {}", k.get(lang), clean(v))),
    );
    parts.join(", ")
}

/// One flag per cluster of items the merge found similar ("möjlig dubblett"):
/// items linked by similarity, directly or through others, are named together
/// once, in section order, instead of once per pair.
fn duplicate_flags(lang: Lang, items: &[OutlineItem], out: &mut GoalSection) {
    // The first item with a key, by a fast hash of the key as an integer:
    // every item names each item it resembles, so this runs once per pair.
    let mut positions: FxHashMap<u128, usize> = FxHashMap::default();
    for (n, item) in items.iter().enumerate() {
        positions.entry(item.key.as_u128()).or_insert(n);
    }
    let index = |key: Uuid| positions.get(&key.as_u128()).copied();
    // Union-find over the section's items.
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, item) in items.iter().enumerate() {
        for j in item.flags.possible_duplicates.iter().filter_map(|k| index(*k)) {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut clusters: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..items.len() {
        let r = root(&mut parent, i);
        match clusters.iter_mut().find(|(root, _)| *root == r) {
            Some((_, members)) => members.push(i),
            None => clusters.push((r, vec![i])),
        }
    }
    for (_, members) in clusters.into_iter().filter(|(_, m)| m.len() > 1) {
        let mut names = String::new();
        for (n, &i) in members.iter().enumerate() {
            if n > 0 {
                names.push_str(", ");
            }
            names.push('"');
            names.push_str(&clean(&items[i].text));
            names.push('"');
        }
        let text = tr!(lang, E::DuplicateOf, items = names);
        out.flags.push(Flag { kind: FlagKind::Duplicate, text });
    }
}

#[cfg(test)]
mod tests;
