//! "Är målet utvärderingsbart?" The goal-quality check: for one goal and one
//! group's answers, findings with a severity and a concrete suggestion, and a
//! score 0–100. Pure: word lists come in as [`WordLists`], nothing is read here.
//!
//! The score formula is documented in `docs/quality.md` and in [`score`].

mod check;
pub mod kolada;
pub mod numbers;
mod phrases;
pub mod words;

use uuid::Uuid;

pub use check::{check_goal, check_group, goal_report, goal_score};
pub use words::{WordFile, WordLists, Words, WordsError};

use crate::i18n::{kolada::T as KT, quality::T, Lang};
use crate::tr;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The goal cannot be evaluated until this is fixed.
    Error,
    /// Makes the goal harder to evaluate.
    Warning,
    /// Worth a look; costs little.
    Hint,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Hint];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => T::SevError.get(lang),
            Severity::Warning => T::SevWarning.get(lang),
            Severity::Hint => T::SevHint.get(lang),
        }
    }

    /// A symbol that says the severity without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Severity::Error => "✗",
            Severity::Warning => "!",
            Severity::Hint => "i",
        }
    }

    /// Points the first finding of a kind costs (see [`score`]).
    pub fn cost(self) -> u32 {
        match self {
            Severity::Error => 20,
            Severity::Warning => 8,
            Severity::Hint => 2,
        }
    }
}

/// Which part of the goal's work a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The council's goal wording itself.
    Goal,
    Effect,
    SubGoal,
    Indicator,
    Measurability,
}

macro_rules! codes {
    ($($variant:ident => $code:literal),* $(,)?) => {
        /// The kind of a finding. The string codes are stable: tests, exports
        /// and users' notes may refer to them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            pub fn parse(s: &str) -> Option<Code> {
                match s { $($code => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    NoEffect => "no-effect",
    EffectNoTargetGroup => "effect-no-target-group",
    EffectRepeatsGoal => "effect-repeats-goal",
    NoSubGoal => "no-subgoal",
    SubGoalNoOwner => "subgoal-no-owner",
    SubGoalNoIndicator => "subgoal-no-indicator",
    NoIndicator => "no-indicator",
    IndicatorNoName => "indicator-no-name",
    IndicatorNoSource => "indicator-no-source",
    KoladaIdFormat => "kolada-id-format",
    IndicatorNoBaseline => "indicator-no-baseline",
    BaselineNoYear => "baseline-no-year",
    BaselineNotNumber => "baseline-not-number",
    IndicatorNoTarget => "indicator-no-target",
    TargetNotNumber => "target-not-number",
    TargetNoYear => "target-no-year",
    TargetYearBeforeBaseline => "target-year-before-baseline",
    IndicatorNoFrequency => "indicator-no-frequency",
    IndicatorNoResponsible => "indicator-no-responsible",
    VerdictMissing => "verdict-missing",
    VerdictNoComment => "verdict-no-comment",
    VagueVerb => "vague-verb",
    ChangeWithoutLevel => "change-without-level",
    KoladaUnknownId => "kolada-unknown-id",
    KoladaWrongOrgType => "kolada-org-type",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding of the check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub part: Part,
    /// The key of the question the finding belongs to; `None` for the goal's
    /// own wording.
    pub question: Option<String>,
    /// The sub-goal or indicator the finding is about, if one.
    pub item: Option<Uuid>,
    /// That item as the group wrote it (shortened), for the message.
    pub label: String,
    /// The word, value or years that triggered the finding, as written.
    pub word: String,
    /// The years the suggestion's examples use, from the workshop's plan.
    pub years: ExampleYears,
}

/// The years of a suggestion's examples ("från 82 % (2026) till 90 % år
/// 2029"): the year before the plan period starts and its last year, so
/// that the examples fit the plan the workshop is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExampleYears {
    pub baseline: i32,
    pub target: i32,
}

impl Default for ExampleYears {
    /// For a workshop without a plan period.
    fn default() -> ExampleYears {
        ExampleYears { baseline: 2026, target: 2029 }
    }
}

impl ExampleYears {
    /// The example years for a plan named in free text ("BSP 2027–2029").
    pub fn of_plan(plan: &str) -> ExampleYears {
        match crate::domain::plan_years(plan).as_slice() {
            [first, .., last] => ExampleYears { baseline: first - 1, target: *last },
            [one] => ExampleYears { baseline: one - 1, target: *one },
            [] => ExampleYears::default(),
        }
    }
}

/// Longest label quoted in a message, in characters.
const LABEL_CHARS: usize = 60;

/// A text shortened for quoting in a message: one line, at most 60 characters.
pub fn short_label(s: &str) -> String {
    // Printable ASCII without runs of spaces (most labels' first 60
    // characters): cut straight from the text.
    let head = &s.as_bytes()[..s.len().min(LABEL_CHARS + 1)];
    let plain = head.iter().all(|&b| (0x21..0x7f).contains(&b) || b == b' ')
        && !head.windows(2).any(|w| w == b"  ")
        && head.first() != Some(&b' ');
    if plain && s.len() <= LABEL_CHARS {
        return s.trim_end().to_string();
    }
    // Longer: cut when the character after the limit is part of a word (so
    // the label is longer than the limit however the rest is spaced).
    if plain && head[LABEL_CHARS] != b' ' {
        let mut line = s[..LABEL_CHARS - 1].trim_end().to_string();
        line.push('…');
        return line;
    }
    short_label_of_words(s)
}

/// [`short_label`] word by word, for any text.
fn short_label_of_words(s: &str) -> String {
    // One string, filled until it is known to be too long.
    let mut line = String::with_capacity(s.len().min(LABEL_CHARS * 2 + 4));
    let mut chars = 0;
    for word in s.split_whitespace() {
        if chars > LABEL_CHARS {
            break;
        }
        if !line.is_empty() {
            line.push(' ');
            chars += 1;
        }
        line.push_str(word);
        chars += word.chars().count();
    }
    if chars > LABEL_CHARS {
        let cut = line.char_indices().nth(LABEL_CHARS - 1).map_or(line.len(), |(at, _)| at);
        line.truncate(cut);
        line.truncate(line.trim_end().len());
        line.push('…');
    }
    line
}

impl Finding {
    fn place(&self, lang: Lang) -> String {
        match self.part {
            Part::Goal => tr!(lang, T::PlaceGoal),
            Part::Effect => tr!(lang, T::PlaceEffect),
            _ => tr!(lang, T::PlaceSubGoal, label = self.label),
        }
    }

    /// What is wrong, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let (label, word) = (&self.label, &self.word);
        match self.code {
            Code::NoEffect => tr!(lang, T::NoEffect),
            Code::EffectNoTargetGroup => tr!(lang, T::EffectNoTargetGroup),
            Code::EffectRepeatsGoal => tr!(lang, T::EffectRepeatsGoal),
            Code::NoSubGoal => tr!(lang, T::NoSubGoal),
            Code::SubGoalNoOwner => tr!(lang, T::SubGoalNoOwner, label = label),
            Code::SubGoalNoIndicator => tr!(lang, T::SubGoalNoIndicator, label = label),
            Code::NoIndicator => tr!(lang, T::NoIndicator),
            Code::IndicatorNoName => tr!(lang, T::IndicatorNoName, label = label),
            Code::IndicatorNoSource => tr!(lang, T::IndicatorNoSource, label = label),
            Code::KoladaIdFormat => tr!(lang, T::KoladaIdFormat, label = label, word = word),
            Code::IndicatorNoBaseline => tr!(lang, T::IndicatorNoBaseline, label = label),
            Code::BaselineNoYear => tr!(lang, T::BaselineNoYear, label = label),
            Code::BaselineNotNumber => tr!(lang, T::BaselineNotNumber, label = label, word = word),
            Code::IndicatorNoTarget => tr!(lang, T::IndicatorNoTarget, label = label),
            Code::TargetNotNumber => tr!(lang, T::TargetNotNumber, label = label, word = word),
            Code::TargetNoYear => tr!(lang, T::TargetNoYear, label = label),
            Code::TargetYearBeforeBaseline => tr!(lang, T::TargetYearBeforeBaseline, label = label, word = word),
            Code::IndicatorNoFrequency => tr!(lang, T::IndicatorNoFrequency, label = label),
            Code::IndicatorNoResponsible => tr!(lang, T::IndicatorNoResponsible, label = label),
            Code::VerdictMissing => tr!(lang, T::VerdictMissing),
            Code::VerdictNoComment => tr!(lang, T::VerdictNoComment),
            Code::VagueVerb => tr!(lang, T::VagueVerb, place = self.place(lang), word = word),
            Code::ChangeWithoutLevel => tr!(lang, T::ChangeWithoutLevel, place = self.place(lang), word = word),
            Code::KoladaUnknownId => tr!(lang, KT::UnknownId, label = label, word = word),
            Code::KoladaWrongOrgType => tr!(lang, KT::WrongOrgType, label = label, word = word),
        }
    }

    /// What to do about it, in the user's language.
    pub fn suggestion(&self, lang: Lang) -> String {
        let key = match self.code {
            Code::NoEffect => T::NoEffectFix,
            Code::EffectNoTargetGroup => T::EffectNoTargetGroupFix,
            Code::EffectRepeatsGoal => T::EffectRepeatsGoalFix,
            Code::NoSubGoal => T::NoSubGoalFix,
            Code::SubGoalNoOwner => T::SubGoalNoOwnerFix,
            Code::SubGoalNoIndicator => T::SubGoalNoIndicatorFix,
            Code::NoIndicator => T::NoIndicatorFix,
            Code::IndicatorNoName => T::IndicatorNoNameFix,
            Code::IndicatorNoSource => T::IndicatorNoSourceFix,
            Code::KoladaIdFormat => T::KoladaIdFormatFix,
            Code::IndicatorNoBaseline => T::IndicatorNoBaselineFix,
            Code::BaselineNoYear => T::BaselineNoYearFix,
            Code::BaselineNotNumber => T::BaselineNotNumberFix,
            Code::IndicatorNoTarget => T::IndicatorNoTargetFix,
            Code::TargetNotNumber => T::TargetNotNumberFix,
            Code::TargetNoYear => T::TargetNoYearFix,
            Code::TargetYearBeforeBaseline => T::TargetYearBeforeBaselineFix,
            Code::IndicatorNoFrequency => T::IndicatorNoFrequencyFix,
            Code::IndicatorNoResponsible => T::IndicatorNoResponsibleFix,
            Code::VerdictMissing => T::VerdictMissingFix,
            Code::VerdictNoComment => T::VerdictNoCommentFix,
            Code::VagueVerb => T::VagueVerbFix,
            Code::ChangeWithoutLevel => T::ChangeWithoutLevelFix,
            Code::KoladaUnknownId => return tr!(lang, KT::UnknownIdFix),
            Code::KoladaWrongOrgType => return tr!(lang, KT::WrongOrgTypeFix),
        };
        tr!(lang, key, baseline_year = self.years.baseline, target_year = self.years.target)
    }
}

/// The check's result for one goal and one group's answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalReport {
    pub goal: Uuid,
    /// 0–100, see [`score`].
    pub score: u8,
    /// In the order of the questions: goal wording, effect, sub-goals,
    /// indicators, measurability.
    pub findings: Vec<Finding>,
    /// False when the group has written nothing for the goal yet.
    pub answered: bool,
}

impl GoalReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// The findings that belong to one question (by its key).
    pub fn for_question<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.question.as_deref() == Some(key))
    }

    /// The findings about one sub-goal or indicator.
    pub fn for_item(&self, id: Uuid) -> impl Iterator<Item = &Finding> + '_ {
        self.findings.iter().filter(move |f| f.item == Some(id))
    }

    pub fn band(&self) -> Band {
        Band::of(self.score)
    }
}

impl Part {
    pub const ALL: [Part; 5] = [Part::Goal, Part::Effect, Part::SubGoal, Part::Indicator, Part::Measurability];

    /// The points this part of the work is worth in the score (they add up to 100).
    pub fn points(self) -> u32 {
        match self {
            Part::Goal => 10,
            Part::Effect => 20,
            Part::SubGoal => 20,
            Part::Indicator => 40,
            Part::Measurability => 10,
        }
    }
}

impl Code {
    /// True for the findings that say a question has no answer at all.
    pub fn is_unanswered(self) -> bool {
        matches!(self, Code::NoEffect | Code::NoSubGoal | Code::NoIndicator | Code::VerdictMissing)
    }
}

/// The score from the findings, 0–100.
///
/// The points are shared between the parts of the work: goal wording 10,
/// effect 20, sub-goals 20, indicators 40, measurability 10. A question left
/// unanswered loses all its part's points. Otherwise each kind of finding in a
/// part (code and severity) costs its severity's points once (Fel 20, Varning
/// 8, Tips 2), each further finding of the same kind half that, and one kind
/// at most twice its points; a part that has an answer loses at most three
/// quarters of its points, so writing something always scores better than
/// writing nothing.
pub fn score(findings: &[Finding]) -> u8 {
    use std::collections::BTreeMap;
    let mut kinds: BTreeMap<(Part, Code, Severity), u32> = BTreeMap::new();
    for f in findings {
        *kinds.entry((f.part, f.code, f.severity)).or_default() += 1;
    }
    let mut loss: BTreeMap<Part, u32> = BTreeMap::new();
    for (&(part, _, severity), &n) in &kinds {
        let w = severity.cost();
        *loss.entry(part).or_default() += (w + (n - 1) * w / 2).min(2 * w);
    }
    let total: u32 = loss
        .iter()
        .map(|(&part, &lost)| {
            if findings.iter().any(|f| f.part == part && f.code.is_unanswered()) {
                part.points()
            } else {
                lost.min(part.points() * 3 / 4)
            }
        })
        .sum();
    100u32.saturating_sub(total) as u8
}

/// Three bands of scores, each with a word and a symbol so that colour is
/// never the only signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Band {
    /// 80–100.
    Evaluable,
    /// 50–79.
    Partly,
    /// 0–49.
    Vague,
}

impl Band {
    pub fn of(score: u8) -> Band {
        match score {
            80.. => Band::Evaluable,
            50..=79 => Band::Partly,
            _ => Band::Vague,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Band::Evaluable => T::BandEvaluable.get(lang),
            Band::Partly => T::BandPartly.get(lang),
            Band::Vague => T::BandVague.get(lang),
        }
    }

    /// Filled dots: three for evaluable, two for partly, one for vague.
    pub fn symbol(self) -> &'static str {
        match self {
            Band::Evaluable => "●●●",
            Band::Partly => "●●○",
            Band::Vague => "●○○",
        }
    }
}

/// A compact badge for a goal list: "●●○ 62". Seven columns for any score.
pub fn badge(score: u8) -> String {
    format!("{} {score:>3}", Band::of(score).symbol())
}

/// A badge with the band's word: "●●○ 62 Delvis".
pub fn badge_long(score: u8, lang: Lang) -> String {
    format!("{} {}", badge(score), Band::of(score).label(lang))
}

#[cfg(test)]
mod tests;
