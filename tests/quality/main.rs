//! The goal-quality check: a table of realistic Swedish formulations, each
//! with the finding codes it must and must not produce, plus the CLI's
//! `check --quality --min` exit codes.

use malverkstad::domain::model::keys;
use malverkstad::domain::quality::{self, check_goal, Code, GoalReport, Part, Severity, WordLists};
use malverkstad::domain::{
    Answer, Frequency, Goal, GoalAnswers, Indicator, ListItem, Measure, Verdict, VerdictAnswer, Workshop,
};
use malverkstad::i18n::Lang;

/// One goal and one group's answers, built from a complete, good example
/// that each case then spoils (or improves) in one place.
#[derive(Clone)]
struct Fixture {
    goal: String,
    effect: String,
    subgoals: Vec<ListItem>,
    indicators: Vec<Indicator>,
    verdict: VerdictAnswer,
}

fn item(text: &str, owner: &str) -> ListItem {
    let mut i = ListItem::new(text);
    i.owner = owner.into();
    i
}

fn measure(value: &str, year: &str) -> Measure {
    Measure { value: value.into(), year: year.into() }
}

/// A complete indicator.
fn indicator(name: &str) -> Indicator {
    let mut i = Indicator::new(name);
    i.source = "Kolada".into();
    i.kolada = "N15428".into();
    i.baseline = measure("82 %", "2026");
    i.target = measure("90 %", "2029");
    i.frequency = Some(Frequency::Year);
    i.responsible = "Skolchef".into();
    i
}

impl Fixture {
    fn good() -> Fixture {
        let sub =
            item("Alla skolor följer upp elevernas kunskapsresultat varje termin", "Barn- och utbildningsnämnden");
        let mut ind = indicator("Andel elever i åk 9 som är behöriga till gymnasiet");
        ind.subgoal = Some(sub.id);
        Fixture {
            goal:
                "Andelen elever i årskurs 9 som är behöriga till gymnasiet ska öka från 82 % (2026) till 90 % år 2029"
                    .into(),
            effect: "Fler elever lämnar grundskolan med behörighet till gymnasiet, 90 % år 2029".into(),
            subgoals: vec![sub],
            indicators: vec![ind],
            verdict: VerdictAnswer { verdict: Some(Verdict::Yes), how: "Kolada N15428, årligen".into() },
        }
    }

    fn answers(&self) -> GoalAnswers {
        let mut a = GoalAnswers::default();
        a.answers.insert(keys::EFFECT.into(), Answer::Text(self.effect.clone()));
        a.answers.insert(keys::SUBGOALS.into(), Answer::List(self.subgoals.clone()));
        a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(self.indicators.clone()));
        a.answers.insert(keys::MEASURABILITY.into(), Answer::Verdict(self.verdict.clone()));
        a
    }

    fn check(&self) -> GoalReport {
        let w = Workshop::new("Test");
        let goal = Goal::new(Some("1".into()), self.goal.clone());
        check_goal(&w, &goal, Some(&self.answers()), &WordLists::embedded())
    }

    fn first_indicator(&mut self) -> &mut Indicator {
        &mut self.indicators[0]
    }
}

#[path = "../common/mod.rs"]
mod common;

mod cases;
mod cli;
mod tui;

use cases::cases;

fn codes(report: &GoalReport) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn table_of_swedish_formulations() {
    let cases = cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let mut f = Fixture::good();
        (c.change)(&mut f);
        let report = f.check();
        let found = codes(&report);
        for code in c.must.iter().chain(c.must_not) {
            assert!(Code::parse(code).is_some(), "{}: unknown code {code}", c.name);
        }
        for code in c.must {
            if !found.contains(code) {
                failures.push(format!("{}: missing {code}; found {found:?}", c.name));
            }
        }
        for code in c.must_not {
            if found.contains(code) {
                failures.push(format!("{}: must not have {code}; found {found:?}", c.name));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_good_example_is_clean_and_scores_100() {
    let report = Fixture::good().check();
    assert_eq!(codes(&report), Vec::<&str>::new());
    assert_eq!(report.score, 100);
    assert!(report.answered);
}

#[test]
fn nothing_written_scores_by_the_documented_formula() {
    let w = Workshop::new("Test");
    let goal = Goal::new(None, "Mål 1");
    let report = check_goal(&w, &goal, None, &WordLists::embedded());
    assert!(!report.answered);
    let mut found = codes(&report);
    found.sort();
    assert_eq!(found, ["no-effect", "no-indicator", "no-subgoal", "verdict-missing"]);
    // Every question unanswered loses its part's points:
    // 100 − 20 (effect) − 20 (sub-goals) − 40 (indicators) − 10 (measurability).
    assert_eq!(report.score, 10);
    assert_eq!(report.band(), quality::Band::Vague);
}

fn severity_of(report: &GoalReport, code: Code, part: Part) -> Option<Severity> {
    report.findings.iter().find(|f| f.code == code && f.part == part).map(|f| f.severity)
}

#[test]
fn severities_follow_where_the_words_are() {
    let mut f = Fixture::good();
    f.goal = "Kommunen ska främja folkhälsan".into();
    f.effect = "Invånarna rör sig mer, och vi främjar idrotten".into();
    f.subgoals.push(item("Minska sjukfrånvaron", "HR-chef"));
    let report = f.check();
    // The council's wording costs little: the group cannot change it.
    assert_eq!(severity_of(&report, Code::VagueVerb, Part::Goal), Some(Severity::Hint));
    // The effect's vague verb with no level of its own, but the goal has a
    // quantified indicator: a hint.
    assert_eq!(severity_of(&report, Code::VagueVerb, Part::Effect), Some(Severity::Hint));
    // A sub-goal with no level and no indicator of its own: a warning.
    assert_eq!(severity_of(&report, Code::ChangeWithoutLevel, Part::SubGoal), Some(Severity::Warning));

    // Once an indicator with a numeric target and a year belongs to the
    // sub-goal, its unquantified "minska" is only a hint.
    let mut ind = indicator("Sjukfrånvaro bland medarbetarna");
    ind.target = measure("6 %", "2028");
    f.indicators.push(ind);
    let report = f.check();
    assert_eq!(severity_of(&report, Code::ChangeWithoutLevel, Part::SubGoal), Some(Severity::Hint));
    assert!(!codes(&report).contains(&"subgoal-no-indicator"));

    // With no quantified indicator at all, the effect's vague verb is a warning.
    let mut f = Fixture::good();
    f.effect = "Vi främjar idrotten för invånarna".into();
    f.indicators[0].target = measure("Högre", "");
    let report = f.check();
    assert_eq!(severity_of(&report, Code::VagueVerb, Part::Effect), Some(Severity::Warning));
}

#[test]
fn findings_point_at_their_question_and_item() {
    let mut f = Fixture::good();
    let sub = item("Minska matsvinnet", "");
    let sub_id = sub.id;
    f.subgoals.push(sub);
    f.first_indicator().responsible.clear();
    let ind_id = f.indicators[0].id;
    let report = f.check();
    let owner = report.findings.iter().find(|x| x.code == Code::SubGoalNoOwner).expect("owner finding");
    assert_eq!(owner.question.as_deref(), Some(keys::SUBGOALS));
    assert_eq!(owner.item, Some(sub_id));
    assert_eq!(owner.label, "Minska matsvinnet");
    assert!(owner.message(Lang::Sv).contains("\"Minska matsvinnet\""), "{}", owner.message(Lang::Sv));
    let resp: Vec<_> = report.for_item(ind_id).collect();
    assert_eq!(resp.len(), 1);
    assert_eq!(resp[0].code, Code::IndicatorNoResponsible);
    assert_eq!(report.for_question(keys::INDICATORS).count(), 1);
    let change = report.findings.iter().find(|x| x.code == Code::ChangeWithoutLevel).expect("change");
    assert_eq!(change.word, "minska");
    assert!(change.message(Lang::Sv).starts_with("Delmålet \"Minska matsvinnet\""), "{}", change.message(Lang::Sv));
    assert!(change.message(Lang::En).starts_with("The sub-goal"), "{}", change.message(Lang::En));
}

#[test]
fn questions_the_workshop_does_not_ask_are_not_checked() {
    let mut w = Workshop::new("Test");
    w.questions.retain(|q| q.key == keys::EFFECT);
    let goal = Goal::new(None, "Mål 1");
    let report = check_goal(&w, &goal, None, &WordLists::embedded());
    assert_eq!(codes(&report), ["no-effect"]);
}

#[test]
fn a_user_word_list_changes_the_verdict() {
    let mut f = Fixture::good();
    f.effect = "Eleverna lyfter sina resultat".into();
    assert!(!codes(&f.check()).contains(&"vague-verb"));
    let words = WordLists::with_user_text("(vague_verbs: [\"lyfta\"])").expect("parses");
    let w = Workshop::new("Test");
    let goal = Goal::new(None, f.goal.clone());
    let report = check_goal(&w, &goal, Some(&f.answers()), &words);
    assert!(codes(&report).contains(&"vague-verb"));
}

#[test]
fn the_documented_example_word_file_parses_and_works() {
    let doc = include_str!("../../docs/quality.md");
    let start = doc.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let end = start + doc[start..].find("```").expect("end of block");
    let words = WordLists::with_user_text(&doc[start..end]).expect("the documented example parses");
    let mut f = Fixture::good();
    f.effect = "Vi ska kraftsamla kring de ensamkommande och utveckla skolan".into();
    let w = Workshop::new("Test");
    let goal = Goal::new(None, f.goal.clone());
    let report = check_goal(&w, &goal, Some(&f.answers()), &words);
    let vague: Vec<&str> =
        report.findings.iter().filter(|x| x.code == Code::VagueVerb).map(|x| x.word.as_str()).collect();
    assert_eq!(vague, ["kraftsamla kring"]);
    assert!(!codes(&report).contains(&"effect-no-target-group"));
}

#[test]
fn check_group_gives_one_report_per_goal_of_the_group() {
    let mut w = Workshop::new("Test");
    let good = Fixture::good();
    w.goals.push(Goal::new(Some("1".into()), good.goal.clone()));
    w.goals.push(Goal::new(Some("2".into()), "Tryggheten ska öka"));
    let group = malverkstad::domain::Group {
        id: malverkstad::domain::new_id(),
        name: "Grupp 1".into(),
        slug: "grupp-1".into(),
        goals: vec![w.goals[1].id, w.goals[0].id, malverkstad::domain::new_id()],
    };
    let mut file = malverkstad::domain::GroupFile::new(&w, &group);
    file.goals.insert(w.goals[0].id, good.answers());
    let reports = quality::check_group(&w, &group, Some(&file), &WordLists::embedded());
    assert_eq!(reports.iter().map(|r| r.goal).collect::<Vec<_>>(), [w.goals[1].id, w.goals[0].id]);
    assert_eq!(reports[1].score, 100);
    assert!(!reports[0].answered);
    assert_eq!(quality::check_group(&w, &group, None, &WordLists::embedded()).len(), 2);
}

mod never_panics {
    use malverkstad::domain::quality::numbers::{parse_number, parse_year, year_of};
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn on_any_text(
            goal in "\\PC{0,80}",
            effect in "\\PC{0,80}",
            sub in "[ a-zåäöA-ZÅÄÖ0-9%,.≥*]{0,40}",
            value in "[ 0-9%,.≥<>a-zåäö\u{a0}−-]{0,20}",
            year in "[ 0-9/a-zå]{0,10}",
        ) {
            let _ = (parse_number(&value), parse_year(&year), year_of(&value, &year));
            let mut f = Fixture::good();
            f.goal = goal;
            f.effect = effect;
            f.subgoals.push(item(&sub, ""));
            f.first_indicator().target = measure(&value, &year);
            f.first_indicator().baseline = measure(&year, &value);
            let report = f.check();
            prop_assert!(report.score <= 100);
            // Writing something never scores below writing nothing.
            let goal = Goal::new(None, f.goal.clone());
            let nothing = check_goal(&Workshop::new("T"), &goal, None, &WordLists::embedded());
            prop_assert!(report.score >= nothing.score, "{} < {}", report.score, nothing.score);
            for finding in &report.findings {
                prop_assert!(!finding.message(Lang::Sv).is_empty());
                prop_assert!(finding.label.chars().count() <= 60);
            }
        }
    }
}
