//! The export's own view model: everything a protocol shows, already resolved
//! to text (group names, linked sub-goals, frequency labels), in the order it
//! is read. Every format renders a [`Document`]; none reads the domain model.
//!
//! Text is cleaned once here (NFC, LF line ends, control characters removed,
//! ends trimmed) so that no format has to worry about bytes XML cannot hold.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::{Verdict, Workshop};
use crate::i18n::Lang;

pub use super::clean::{clean, clean_owned};
pub use super::quality::{QualityFinding, QualityNote};

/// A text of the document: borrowed from the workshop or the outline when
/// it needed no cleaning (most texts), owned when it did or was composed.
pub type Text<'a> = Cow<'a, str>;

/// Version of the JSON export schema (see `docs/export-json.md`).
pub const SCHEMA_VERSION: u32 = 1;

/// What a document was built from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// One group's own file.
    Group { group: String },
    /// Every group's file, side by side, each contribution attributed.
    Groups,
    /// The merged outline.
    Outline,
}

/// A whole export.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document<'a> {
    pub lang: Lang,
    pub source: Source,
    pub title: Text<'a>,
    pub organisation: Text<'a>,
    pub plan: Text<'a>,
    pub date: Option<NaiveDate>,
    /// The groups and the labels of the goals each was given.
    pub groups: Vec<GroupEntry<'a>>,
    /// In workshop order.
    pub goals: Vec<GoalSection<'a>>,
    /// The quality check per goal (and per group when groups are side by side).
    pub quality: Vec<QualityNote>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupEntry<'a> {
    pub name: Text<'a>,
    pub goals: Vec<Text<'a>>,
}

/// One overarching goal and everything said about it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GoalSection<'a> {
    pub code: Text<'a>,
    pub wording: Text<'a>,
    pub perspective: Text<'a>,
    pub owner: Text<'a>,
    pub effects: Vec<Attributed<'a>>,
    /// Accepted and dropped sub-goals (dropped ones go to the appendix).
    pub subgoals: Vec<SubGoal<'a>>,
    pub indicators: Vec<IndicatorRow<'a>>,
    pub verdicts: Vec<VerdictRow<'a>>,
    /// Answers to questions beyond the four standard ones.
    pub other: Vec<OtherAnswer<'a>>,
    /// Conflicts and possible duplicates found by the merge.
    pub flags: Vec<Flag>,
}

/// A text and the groups it came from (empty in a single group's document).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Attributed<'a> {
    pub text: Text<'a>,
    pub from: Vec<Text<'a>>,
    /// A desired effect the facilitator dropped (merged outline only): listed
    /// in the appendix, not under the goal.
    #[serde(skip_serializing_if = "is_false")]
    pub dropped: bool,
    /// The facilitator's record of an effect they decided on (merged outline
    /// only; none while the effect is undecided and unedited).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<Record<'a>>,
}

impl<'a> Attributed<'a> {
    /// A text with its groups, undecided.
    pub fn new(text: Text<'a>, from: Vec<Text<'a>>) -> Attributed<'a> {
        Attributed { text, from, dropped: false, record: None }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SubGoal<'a> {
    pub text: Text<'a>,
    pub owner: Text<'a>,
    pub dropped: bool,
    pub from: Vec<Text<'a>>,
    /// The facilitator's record of the item (merged outline only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<Record<'a>>,
}

/// What the facilitator did with an item of the merged outline, and what the
/// groups wrote when it differs from what is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Record<'a> {
    pub status: RecordStatus,
    /// The facilitator changed the text: [`Record::original`] holds the groups'.
    pub edited: bool,
    /// The facilitator combined items: [`Record::original`] holds each one's text.
    pub combined: bool,
    /// The groups' own wording, each distinct text with its groups, when the
    /// item was edited or combined (empty otherwise).
    pub original: Vec<Attributed<'a>>,
    /// "Samma namn, olika uppgifter": the item has other versions with the
    /// same text that differ in these fields (labels in the document's
    /// language); this row is one of them, credited to its own groups.
    pub differs: Vec<&'static str>,
}

/// The review status of an item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Ej beslutad.
    #[default]
    Open,
    Accepted,
    Dropped,
}

impl Record<'_> {
    /// "godkänd, redigerad" – the statuses in words.
    pub fn mark(&self, lang: Lang) -> String {
        use crate::i18n::export::T as E;
        let mut parts = vec![match self.status {
            RecordStatus::Open => E::RecordOpen.get(lang),
            RecordStatus::Accepted => E::RecordAccepted.get(lang),
            RecordStatus::Dropped => E::RecordDropped.get(lang),
        }];
        if self.edited {
            parts.push(E::RecordEdited.get(lang));
        }
        if self.combined {
            parts.push(E::RecordCombined.get(lang));
        }
        parts.join(", ")
    }

    /// The mark, the groups' original wording and the differing fields in
    /// one line: "[godkänd, redigerad] Gruppernas lydelse: "x" (Grupp 1)".
    pub fn note(&self, lang: Lang) -> String {
        use crate::i18n::export::T as E;
        let mut out = format!("[{}]", self.mark(lang));
        if !self.original.is_empty() {
            let texts: Vec<String> =
                self.original.iter().map(|a| format!("\"{}\" ({})", a.text, a.from.join(", "))).collect();
            out.push(' ');
            out.push_str(&crate::tr!(lang, E::RecordOriginal, texts = texts.join("; ")));
        }
        if !self.differs.is_empty() {
            out.push(' ');
            out.push_str(&crate::tr!(lang, E::RecordDiffers, fields = self.differs.join(", ")));
        }
        out
    }
}

/// One indicator with every field as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IndicatorRow<'a> {
    pub name: Text<'a>,
    pub definition: Text<'a>,
    pub source: Text<'a>,
    pub kolada: Text<'a>,
    pub baseline: Text<'a>,
    pub baseline_year: Text<'a>,
    pub target: Text<'a>,
    pub target_year: Text<'a>,
    /// The frequency in the document's language ("kvartal"), empty if not given.
    pub frequency: Text<'a>,
    pub responsible: Text<'a>,
    /// The text of the linked sub-goal, empty if none.
    pub subgoal: Text<'a>,
    /// Set aside in the merged outline: listed in the appendix, not the tables.
    pub dropped: bool,
    pub from: Vec<Text<'a>>,
    /// The facilitator's record of the item (merged outline only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<Record<'a>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VerdictRow<'a> {
    pub verdict: Option<Verdict>,
    pub comment: Text<'a>,
    pub from: Vec<Text<'a>>,
    /// A verdict the facilitator dropped (merged outline only): in the
    /// appendix, not under the goal.
    #[serde(skip_serializing_if = "is_false")]
    pub dropped: bool,
    /// The facilitator's record of a verdict they decided on (merged outline
    /// only; none while undecided and unedited).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<Record<'a>>,
}

impl<'a> VerdictRow<'a> {
    /// A verdict with its comment and groups, undecided.
    pub fn new(verdict: Option<Verdict>, comment: Text<'a>, from: Vec<Text<'a>>) -> VerdictRow<'a> {
        VerdictRow { verdict, comment, from, dropped: false, record: None }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OtherAnswer<'a> {
    /// The question's prompt in the document's language.
    pub question: Text<'a>,
    pub text: Text<'a>,
    pub from: Vec<Text<'a>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    Conflict,
    Duplicate,
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub text: String,
}

impl<'a> IndicatorRow<'a> {
    /// Every field of `ind` as cleaned text, with the linked sub-goal's text.
    pub fn new(
        lang: Lang,
        ind: &'a crate::domain::Indicator,
        subgoal: Text<'a>,
        from: Vec<Text<'a>>,
    ) -> IndicatorRow<'a> {
        IndicatorRow {
            name: clean(&ind.name),
            definition: clean(&ind.definition),
            source: clean(&ind.source),
            kolada: clean(&ind.kolada),
            baseline: clean(&ind.baseline.value),
            baseline_year: clean(&ind.baseline.year),
            target: clean(&ind.target.value),
            target_year: clean(&ind.target.year),
            frequency: ind.frequency.as_ref().map(|f| Cow::Owned(clean_owned(f.label(lang)))).unwrap_or_default(),
            responsible: clean(&ind.responsible),
            subgoal,
            dropped: false,
            from,
            record: None,
        }
    }
}

impl<'a> GoalSection<'a> {
    pub fn is_empty(&self) -> bool {
        self.effects.is_empty()
            && self.subgoals.is_empty()
            && self.indicators.is_empty()
            && self.verdicts.is_empty()
            && self.other.is_empty()
    }

    /// "1.2 Wording" or just the wording.
    pub fn label(&self) -> String {
        if self.code.is_empty() {
            self.wording.to_string()
        } else {
            format!("{} {}", self.code, self.wording)
        }
    }

    /// Accepted sub-goals.
    pub fn accepted(&self) -> impl Iterator<Item = &SubGoal<'a>> {
        self.subgoals.iter().filter(|s| !s.dropped)
    }

    /// Desired effects that were not dropped: the ones shown under the goal.
    pub fn active_effects(&self) -> impl Iterator<Item = &Attributed<'a>> {
        self.effects.iter().filter(|e| !e.dropped)
    }

    /// Verdicts that were not dropped: the ones shown under the goal.
    pub fn active_verdicts(&self) -> impl Iterator<Item = &VerdictRow<'a>> {
        self.verdicts.iter().filter(|v| !v.dropped)
    }

    /// Indicators that were not dropped: the rows of the indicator tables.
    pub fn active_indicators(&self) -> impl Iterator<Item = &IndicatorRow<'a>> {
        self.indicators.iter().filter(|i| !i.dropped)
    }

    /// True when an effect, a sub-goal, an indicator or a verdict was
    /// dropped (for the appendix).
    pub fn has_dropped(&self) -> bool {
        self.effects.iter().any(|e| e.dropped)
            || self.subgoals.iter().any(|s| s.dropped)
            || self.indicators.iter().any(|i| i.dropped)
            || self.verdicts.iter().any(|v| v.dropped)
    }

    /// The appendix lines of this goal: dropped effects ("Önskad effekt:
    /// text"), sub-goals ("text – Ägare: x"), indicators ("Indikator: name")
    /// and verdicts ("Mätbarhet: Delvis – comment"), each with its provenance.
    pub fn dropped_lines(&self, lang: Lang) -> Vec<(String, &[Text<'a>])> {
        use crate::i18n::common::T as C;
        let effects = self
            .effects
            .iter()
            .filter(|e| e.dropped)
            .map(|e| (format!("{}: {}", C::Effect.get(lang), e.text), e.from.as_slice()));
        let verdicts = self.verdicts.iter().filter(|v| v.dropped).map(|v| {
            let label = super::verdict_label(lang, v);
            let text = if v.comment.is_empty() { label.to_string() } else { format!("{label} – {}", v.comment) };
            (format!("{}: {text}", C::Measurability.get(lang)), v.from.as_slice())
        });
        let subs = self.subgoals.iter().filter(|s| s.dropped).map(|s| {
            let text = if s.owner.is_empty() {
                s.text.to_string()
            } else {
                format!("{} – {}: {}", s.text, C::Owner.get(lang), s.owner)
            };
            (text, s.from.as_slice())
        });
        let inds = self
            .indicators
            .iter()
            .filter(|i| i.dropped)
            .map(|i| (format!("{}: {}", C::Indicator.get(lang), i.name), i.from.as_slice()));
        effects.chain(subs).chain(inds).chain(verdicts).collect()
    }
}

impl<'a> Document<'a> {
    /// An empty document with the workshop's title block and no goals.
    pub fn title_block(w: &'a Workshop, source: Source) -> Document<'a> {
        Document {
            lang: w.language,
            source,
            title: clean(&w.title),
            organisation: clean(&w.organisation),
            plan: clean(&w.plan),
            date: w.date,
            groups: Vec::new(),
            goals: Vec::new(),
            quality: Vec::new(),
        }
    }

    /// True when any goal has a dropped sub-goal or indicator (the appendix is needed).
    pub fn has_dropped(&self) -> bool {
        self.goals.iter().any(GoalSection::has_dropped)
    }

    /// A rough size of the rendered text, for pre-sizing output buffers:
    /// the bytes of every text plus some markup per item.
    pub fn size_hint(&self) -> usize {
        let strs = |v: &[Text]| v.iter().map(|s| s.len() + 8).sum::<usize>();
        let goals: usize = self
            .goals
            .iter()
            .map(|g| {
                let effects: usize = g.effects.iter().map(|e| e.text.len() + strs(&e.from) + 64).sum();
                let subs: usize = g.subgoals.iter().map(|s| s.text.len() + s.owner.len() + strs(&s.from) + 64).sum();
                let inds: usize = g
                    .indicators
                    .iter()
                    .map(|i| {
                        let cells: usize = [&i.name, &i.definition, &i.source, &i.responsible, &i.subgoal]
                            .iter()
                            .map(|s| s.len())
                            .sum();
                        cells + strs(&i.from) + 160
                    })
                    .sum();
                let verdicts: usize = g.verdicts.iter().map(|v| v.comment.len() + strs(&v.from) + 64).sum();
                g.wording.len() + effects + subs + inds + verdicts + 512
            })
            .sum();
        goals + 4096
    }

    /// True when items carry attribution (more than one group's work).
    pub fn attributed(&self) -> bool {
        !matches!(self.source, Source::Group { .. })
    }
}

pub(crate) fn goal_labels<'a>(w: &'a Workshop, ids: &[Uuid]) -> Vec<Text<'a>> {
    ids.iter().filter_map(|id| w.goal(*id)).map(|g| Cow::Owned(clean_owned(g.label()))).collect()
}

pub(crate) fn goal_header(goal: &crate::domain::Goal) -> GoalSection<'_> {
    fn opt(s: &Option<String>) -> Text<'_> {
        s.as_deref().map(clean).unwrap_or_default()
    }
    GoalSection {
        code: opt(&goal.code),
        wording: clean(&goal.wording),
        perspective: opt(&goal.perspective),
        owner: opt(&goal.owner),
        ..GoalSection::default()
    }
}
