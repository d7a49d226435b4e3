//! The workshop data model. Pure data: no I/O, no terminal.
//!
//! Every map is a `BTreeMap` so that saved files have a stable order and diff
//! cleanly. Every struct denies unknown fields so that a field we do not know
//! is reported instead of being silently dropped on the next save.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::i18n::{common::T, Lang};

/// The schema number written into every file. Bump it when the format changes
/// in a way older versions cannot read.
pub const SCHEMA: u32 = 1;

/// A new stable id for anything a user creates (time-ordered uuid v7).
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// A workshop day: its goals, groups, questions and timer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workshop {
    pub schema: u32,
    pub id: Uuid,
    pub title: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub plan: String,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub language: Lang,
    pub questions: Vec<Question>,
    pub goals: Vec<Goal>,
    pub groups: Vec<Group>,
    /// Planned minutes per round, if the facilitator set one.
    #[serde(default)]
    pub timebox_minutes: Option<u32>,
    /// The running round timer, shared through the file with every terminal.
    #[serde(default)]
    pub timer: Option<Timer>,
}

/// An overarching goal from the council's plan (BSP).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: Uuid,
    #[serde(default)]
    pub code: Option<String>,
    pub wording: String,
    #[serde(default)]
    pub perspective: Option<String>,
    /// The responsible committee (ansvarig nämnd), if given.
    #[serde(default)]
    pub owner: Option<String>,
}

impl Goal {
    pub fn new(code: Option<String>, wording: impl Into<String>) -> Goal {
        Goal { id: new_id(), code, wording: wording.into(), perspective: None, owner: None }
    }

    /// "1.2 Wording" or just the wording.
    pub fn label(&self) -> String {
        match &self.code {
            Some(code) if !code.is_empty() => format!("{code} {}", self.wording),
            _ => self.wording.clone(),
        }
    }
}

/// A working group and the goals it was given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: Uuid,
    pub name: String,
    /// File name stem under `groups/`; fixed at creation so renames never move files.
    pub slug: String,
    pub goals: Vec<Uuid>,
}

/// The kind of answer a question expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Free text (önskad effekt).
    Text,
    /// A list of items, each with an optional owner (delmål).
    List,
    /// A list of indicators.
    Indicators,
    /// A verdict Ja/Delvis/Nej/Osäkert with a comment (mätbarhet).
    Verdict,
}

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    pub sv: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(sv: &str, en: &str) -> Bilingual {
        Bilingual { sv: sv.to_string(), en: en.to_string() }
    }

    /// The text in `lang`, falling back to the other language when empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Sv => (&self.sv, &self.en),
            Lang::En => (&self.en, &self.sv),
        };
        if first.is_empty() {
            second
        } else {
            first
        }
    }
}

/// One question of the workshop's template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable key; answers are stored under it. Never changes once created.
    pub key: String,
    pub kind: QuestionKind,
    pub prompt: Bilingual,
    pub guidance: Bilingual,
}

/// Keys of the four default questions.
pub mod keys {
    pub const EFFECT: &str = "effekt";
    pub const SUBGOALS: &str = "delmal";
    pub const INDICATORS: &str = "indikatorer";
    pub const MEASURABILITY: &str = "matbarhet";
}

/// The four default questions of a målstyrningsdag.
pub fn default_questions() -> Vec<Question> {
    vec![
        Question {
            key: keys::EFFECT.into(),
            kind: QuestionKind::Text,
            prompt: Bilingual::new(
                "Vilken önskad effekt vill vi se utifrån målformuleringen?",
                "What desired effect do we want to see, given the goal's wording?",
            ),
            guidance: Bilingual::new(
                "För vem? Vad är annorlunda när vi lyckas? Skriv effekten hos medborgaren eller brukaren, inte aktiviteten.",
                "For whom? What is different when we succeed? Describe the effect for the citizen or service user, not the activity.",
            ),
        },
        Question {
            key: keys::SUBGOALS.into(),
            kind: QuestionKind::List,
            prompt: Bilingual::new("Vilka delmål bryter ned målet?", "Which sub-goals break the goal down?"),
            guidance: Bilingual::new(
                "Ett delmål per rad, gärna med en ägare (nämnd, förvaltning eller funktion).",
                "One sub-goal per item, ideally with an owner (committee, department or role).",
            ),
        },
        Question {
            key: keys::INDICATORS.into(),
            kind: QuestionKind::Indicators,
            prompt: Bilingual::new("Hur ser vi att vi kommer framåt?", "How do we see progress?"),
            guidance: Bilingual::new(
                "Ange för varje indikator datakälla (t.ex. Kolada-id), utgångsvärde och år, målvärde och år, mätfrekvens och ansvarig.",
                "For each indicator give the data source (e.g. a Kolada id), baseline and year, target and year, frequency and who is responsible.",
            ),
        },
        Question {
            key: keys::MEASURABILITY.into(),
            kind: QuestionKind::Verdict,
            prompt: Bilingual::new("Är målet utvärderingsbart?", "Is the goal evaluable?"),
            guidance: Bilingual::new(
                "Ja, delvis, nej eller osäkert – och hur mäter vi det? Vad skulle göra målet mätbart?",
                "Yes, partly, no or unsure – and how will we measure it? What would make the goal measurable?",
            ),
        },
    ]
}

/// A round timer. Times are wall-clock UTC; each terminal computes the time
/// left from its own clock, so laptops should have roughly synchronised clocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timer {
    /// What the round is for, e.g. "Runda 1".
    #[serde(default)]
    pub label: String,
    pub total_secs: u64,
    /// Seconds already run before the current start (accumulated over pauses).
    #[serde(default)]
    pub elapsed_secs: u64,
    /// When the timer was (re)started; `None` while paused.
    #[serde(default)]
    pub running_since: Option<DateTime<Utc>>,
}

impl Timer {
    /// Seconds left at `now` (negative when over time).
    pub fn remaining_secs(&self, now: DateTime<Utc>) -> i64 {
        let running = self.running_since.map(|since| (now - since).num_seconds().max(0) as u64).unwrap_or(0);
        self.total_secs as i64 - (self.elapsed_secs + running) as i64
    }

    pub fn is_paused(&self) -> bool {
        self.running_since.is_none()
    }
}

/// One group's work: its answers per goal. Saved as `groups/<slug>.ron`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    pub schema: u32,
    pub workshop: Uuid,
    pub group: Uuid,
    /// The group's name when last saved, for people reading the file.
    #[serde(default)]
    pub group_name: String,
    #[serde(default)]
    pub saved_at: Option<DateTime<Utc>>,
    /// Answers per goal id.
    #[serde(default, deserialize_with = "super::unique_map::deserialize")]
    pub goals: BTreeMap<Uuid, GoalAnswers>,
}

impl GroupFile {
    pub fn new(workshop: &Workshop, group: &Group) -> GroupFile {
        GroupFile {
            schema: SCHEMA,
            workshop: workshop.id,
            group: group.id,
            group_name: group.name.clone(),
            saved_at: None,
            goals: BTreeMap::new(),
        }
    }

    pub fn answers(&self, goal: Uuid) -> Option<&GoalAnswers> {
        self.goals.get(&goal)
    }

    pub fn answers_mut(&mut self, goal: Uuid) -> &mut GoalAnswers {
        self.goals.entry(goal).or_default()
    }
}

/// A group's answers for one goal, keyed by the question's stable key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalAnswers {
    #[serde(default, deserialize_with = "super::unique_map::deserialize")]
    pub answers: BTreeMap<String, Answer>,
}

impl GoalAnswers {
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.answers.get(key) {
            Some(Answer::Text(t)) => Some(t),
            _ => None,
        }
    }

    pub fn list(&self, key: &str) -> &[ListItem] {
        match self.answers.get(key) {
            Some(Answer::List(items)) => items,
            _ => &[],
        }
    }

    pub fn indicators(&self, key: &str) -> &[Indicator] {
        match self.answers.get(key) {
            Some(Answer::Indicators(items)) => items,
            _ => &[],
        }
    }

    pub fn verdict(&self, key: &str) -> Option<&VerdictAnswer> {
        match self.answers.get(key) {
            Some(Answer::Verdict(v)) => Some(v),
            _ => None,
        }
    }

    /// True when nothing at all has been written for this goal.
    pub fn is_empty(&self) -> bool {
        self.answers.values().all(Answer::is_empty)
    }
}

/// An answer to one question; the variant matches the question's kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Text(String),
    List(Vec<ListItem>),
    Indicators(Vec<Indicator>),
    Verdict(VerdictAnswer),
}

impl Answer {
    pub fn kind(&self) -> QuestionKind {
        match self {
            Answer::Text(_) => QuestionKind::Text,
            Answer::List(_) => QuestionKind::List,
            Answer::Indicators(_) => QuestionKind::Indicators,
            Answer::Verdict(_) => QuestionKind::Verdict,
        }
    }

    /// An empty answer of the given kind.
    pub fn empty(kind: QuestionKind) -> Answer {
        match kind {
            QuestionKind::Text => Answer::Text(String::new()),
            QuestionKind::List => Answer::List(Vec::new()),
            QuestionKind::Indicators => Answer::Indicators(Vec::new()),
            QuestionKind::Verdict => Answer::Verdict(VerdictAnswer::default()),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Text(t) => t.trim().is_empty(),
            Answer::List(items) => items.is_empty(),
            Answer::Indicators(items) => items.is_empty(),
            Answer::Verdict(v) => v.verdict.is_none() && v.how.trim().is_empty(),
        }
    }
}

/// A list item (a sub-goal), with a stable id given at creation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    pub id: Uuid,
    pub text: String,
    #[serde(default)]
    pub owner: String,
}

impl ListItem {
    pub fn new(text: impl Into<String>) -> ListItem {
        ListItem { id: new_id(), text: text.into(), owner: String::new() }
    }
}

/// How often an indicator is measured.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Frequency {
    Month,
    Quarter,
    Tertial,
    HalfYear,
    Year,
    Other(String),
}

impl Frequency {
    /// The fixed choices, in the order a form offers them.
    pub const CHOICES: [Frequency; 5] =
        [Frequency::Month, Frequency::Quarter, Frequency::Tertial, Frequency::HalfYear, Frequency::Year];

    pub fn label(&self, lang: Lang) -> String {
        match self {
            Frequency::Month => T::Month.get(lang).into(),
            Frequency::Quarter => T::Quarter.get(lang).into(),
            Frequency::Tertial => T::Tertial.get(lang).into(),
            Frequency::HalfYear => T::HalfYear.get(lang).into(),
            Frequency::Year => T::Year.get(lang).into(),
            Frequency::Other(text) if text.trim().is_empty() => T::OtherFrequency.get(lang).into(),
            Frequency::Other(text) => text.clone(),
        }
    }
}

/// A value with the year it refers to. Both are kept as typed, so that nothing
/// a group writes is lost; the quality check judges whether they are numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub year: String,
}

impl Measure {
    pub fn is_empty(&self) -> bool {
        self.value.trim().is_empty() && self.year.trim().is_empty()
    }

    /// The year as a number, when it is one.
    pub fn year_number(&self) -> Option<i32> {
        self.year.trim().parse().ok()
    }
}

/// An indicator: how progress towards a goal is seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Uuid,
    pub name: String,
    #[serde(default)]
    pub definition: String,
    /// Where the data comes from (Kolada, a survey, an internal system …).
    #[serde(default)]
    pub source: String,
    /// A Kolada KPI id such as `N15505`, if any.
    #[serde(default)]
    pub kolada: String,
    #[serde(default)]
    pub baseline: Measure,
    #[serde(default)]
    pub target: Measure,
    #[serde(default)]
    pub frequency: Option<Frequency>,
    #[serde(default)]
    pub responsible: String,
    /// The id of one of the goal's sub-goals.
    #[serde(default)]
    pub subgoal: Option<Uuid>,
}

impl Indicator {
    pub fn new(name: impl Into<String>) -> Indicator {
        Indicator {
            id: new_id(),
            name: name.into(),
            definition: String::new(),
            source: String::new(),
            kolada: String::new(),
            baseline: Measure::default(),
            target: Measure::default(),
            frequency: None,
            responsible: String::new(),
            subgoal: None,
        }
    }
}

/// The measurability verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    Yes,
    Partly,
    No,
    Unsure,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [Verdict::Yes, Verdict::Partly, Verdict::No, Verdict::Unsure];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Yes => T::Yes.get(lang),
            Verdict::Partly => T::Partly.get(lang),
            Verdict::No => T::No.get(lang),
            Verdict::Unsure => T::Unsure.get(lang),
        }
    }
}

/// The answer to the measurability question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictAnswer {
    #[serde(default)]
    pub verdict: Option<Verdict>,
    /// "Hur mäter vi?"
    #[serde(default)]
    pub how: String,
}

impl Workshop {
    /// The years of the plan period named in [`Workshop::plan`]
    /// (see [`plan_years`]).
    pub fn plan_years(&self) -> Vec<i32> {
        plan_years(&self.plan)
    }

    /// A new, empty workshop with the default questions.
    pub fn new(title: impl Into<String>) -> Workshop {
        Workshop {
            schema: SCHEMA,
            id: new_id(),
            title: title.into(),
            organisation: String::new(),
            plan: String::new(),
            date: None,
            language: Lang::Sv,
            questions: default_questions(),
            goals: Vec::new(),
            groups: Vec::new(),
            timebox_minutes: None,
            timer: None,
        }
    }

    pub fn goal(&self, id: Uuid) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    pub fn group(&self, id: Uuid) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    /// The first question of a kind (e.g. where the indicators live).
    pub fn question_of_kind(&self, kind: QuestionKind) -> Option<&Question> {
        self.questions.iter().find(|q| q.kind == kind)
    }

    /// Find a group by exact name, case-insensitive name, or slug.
    pub fn find_group(&self, name_or_slug: &str) -> Option<&Group> {
        let wanted = name_or_slug.trim();
        self.groups
            .iter()
            .find(|g| g.name == wanted || g.slug == wanted)
            .or_else(|| self.groups.iter().find(|g| g.name.to_lowercase() == wanted.to_lowercase()))
    }

    /// Assign the goals to the groups evenly, in order: with 9 goals and 4
    /// groups the groups get 3, 2, 2, 2 consecutive goals.
    pub fn assign_evenly_in_order(&mut self) {
        crate::domain::assign::evenly_in_order(&self.goals, &mut self.groups);
    }
}

/// The years of a plan period named in free text: "BSP 2027–2029" gives
/// 2027, 2028, 2029 (the first two years named span the period); "Plan
/// 2027" gives 2027; a span backwards or of more than ten years gives its
/// first year; no year gives none.
pub fn plan_years(plan: &str) -> Vec<i32> {
    let years: Vec<i32> = plan
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (1900..=2200).contains(y))
        .collect();
    match years.as_slice() {
        [] => Vec::new(),
        [one] => vec![*one],
        [first, second, ..] if second >= first && second - first <= 10 => (*first..=*second).collect(),
        [first, ..] => vec![*first],
    }
}
