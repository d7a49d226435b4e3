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

struct Case {
    name: &'static str,
    change: fn(&mut Fixture),
    must: &'static [&'static str],
    must_not: &'static [&'static str],
}

const fn case(
    name: &'static str,
    change: fn(&mut Fixture),
    must: &'static [&'static str],
    must_not: &'static [&'static str],
) -> Case {
    Case { name, change, must, must_not }
}

const WORDING: &[&str] = &["vague-verb", "change-without-level"];

fn cases() -> Vec<Case> {
    vec![
        // ---- The council's goal wording ----
        case("good goal with levels and years", |_| {}, &[], &["vague-verb", "change-without-level"]),
        case(
            "goal: verka för",
            |f| f.goal = "Kommunen ska verka för en god folkhälsa".into(),
            &["vague-verb"],
            &["change-without-level"],
        ),
        case(
            "goal: öka without level",
            |f| f.goal = "Tryggheten i kommunen ska öka".into(),
            &["change-without-level"],
            &["vague-verb"],
        ),
        case(
            "goal: minska to a level and year",
            |f| f.goal = "Sjukfrånvaron bland medarbetarna ska minska till högst 6 procent år 2028".into(),
            &[],
            WORDING,
        ),
        case("goal: främja", |f| f.goal = "Kommunen ska främja ett hållbart företagande".into(), &["vague-verb"], &[]),
        case(
            "goal: minska to the national average",
            |f| f.goal = "Kostnaden per brukare i hemtjänsten ska minska till rikssnittet".into(),
            &[],
            &["change-without-level"],
        ),
        case(
            "goal: sträva efter",
            |f| f.goal = "Vi ska sträva efter att alla barn får en bra start i livet".into(),
            &["vague-verb"],
            &[],
        ),
        case(
            "goal: årskurs 9 is not a level",
            |f| f.goal = "Öka andelen elever i årskurs 9 som är behöriga till gymnasiet".into(),
            &["change-without-level"],
            &["vague-verb"],
        ),
        case(
            "goal: Agenda 2030 is not a date",
            |f| f.goal = "Kommunen ska bidra till att nå målen i Agenda 2030".into(),
            &["vague-verb"],
            &["change-without-level"],
        ),
        case(
            "goal: English work towards",
            |f| f.goal = "We will work towards a greener town centre".into(),
            &["vague-verb"],
            &[],
        ),
        case(
            "goal: English improve without level",
            |f| f.goal = "Improve customer satisfaction with building permits".into(),
            &["change-without-level"],
            &[],
        ),
        case(
            "goal: a plain statement of state",
            |f| f.goal = "Alla invånare ska ha tillgång till bredband om minst 1 Gbit/s senast 2027".into(),
            &[],
            WORDING,
        ),
        case(
            "goal: bör is non-committal",
            |f| f.goal = "Kommunen bör om möjligt erbjuda fler platser i förskolan".into(),
            &["vague-verb", "change-without-level"],
            &[],
        ),
        case(
            "goal: växa without level",
            |f| f.goal = "Antalet arbetstillfällen i kommunen ska växa".into(),
            &["change-without-level"],
            &["vague-verb"],
        ),
        // ---- Desired effect ----
        case("effect: missing", |f| f.effect = "  ".into(), &["no-effect"], &["effect-no-target-group"]),
        case(
            "effect: ökad trygghet, for no one",
            |f| f.effect = "Ökad trygghet".into(),
            &["effect-no-target-group", "change-without-level"],
            &["no-effect"],
        ),
        case(
            "effect: medborgarna upplever",
            |f| f.effect = "Medborgarna upplever att kommunen är en trygg plats att bo i".into(),
            &[],
            &["effect-no-target-group", "vague-verb", "change-without-level"],
        ),
        case(
            "effect: gymnasieeleverna (compound)",
            |f| f.effect = "Gymnasieeleverna fullföljer sina studier inom fyra år".into(),
            &[],
            &["effect-no-target-group"],
        ),
        case(
            "effect: repeats the goal",
            |f| f.effect = f.goal.to_uppercase(),
            &["effect-repeats-goal"],
            &["effect-no-target-group"],
        ),
        case(
            "effect: arbetar för en bättre miljö",
            |f| f.effect = "Vi arbetar för en bättre miljö".into(),
            &["vague-verb", "effect-no-target-group"],
            &[],
        ),
        case(
            "effect: företagen, with a level",
            |f| {
                f.effect =
                    "Företagen i kommunen får snabbare besked: handläggningstiden för bygglov är högst 4 veckor 2028"
                        .into()
            },
            &[],
            &["effect-no-target-group", "change-without-level", "vague-verb"],
        ),
        case(
            "effect: stärks (inflected), barn och unga",
            |f| f.effect = "Barn och ungas psykiska hälsa stärks".into(),
            &["vague-verb"],
            &["effect-no-target-group"],
        ),
        case(
            "effect: äldre bor kvar hemma",
            |f| f.effect = "Äldre som vill kan bo kvar hemma, och 80 % av dem är nöjda med hemtjänsten".into(),
            &[],
            &["effect-no-target-group", "change-without-level", "vague-verb"],
        ),
        case(
            "effect: högre andel without level",
            |f| f.effect = "Högre andel ekologiska livsmedel i måltiderna för äldre".into(),
            &["change-without-level"],
            &["effect-no-target-group", "vague-verb"],
        ),
        case(
            "effect: invånarna känner sig trygga",
            |f| f.effect = "Invånarna känner sig trygga i hela kommunen, även på kvällen".into(),
            &[],
            &["effect-no-target-group", "vague-verb", "change-without-level"],
        ),
        case(
            "goal: a vision with a year",
            |f| f.goal = "Kommunen ska vara Sveriges ledande miljökommun år 2025".into(),
            &[],
            WORDING,
        ),
        // ---- Sub-goals ----
        case(
            "sub-goal: minska sjukfrånvaron, no owner, no level",
            |f| f.subgoals.push(item("Minska sjukfrånvaron", "")),
            &["subgoal-no-owner", "change-without-level", "subgoal-no-indicator"],
            &["no-subgoal"],
        ),
        case(
            "sub-goal: complete and measurable",
            |f| {
                f.subgoals =
                    vec![item("Alla elever ska vara behöriga till gymnasiet 2029", "Barn- och utbildningsnämnden")]
            },
            &[],
            &["subgoal-no-owner", "subgoal-no-indicator", "vague-verb", "change-without-level"],
        ),
        case(
            "sub-goal: främja fysisk aktivitet",
            |f| f.subgoals.push(item("Främja fysisk aktivitet bland unga", "Kultur- och fritidsnämnden")),
            &["vague-verb"],
            &["subgoal-no-owner"],
        ),
        case(
            "sub-goal: nothing measures matsvinnet",
            |f| f.subgoals.push(item("Matsvinnet i skolköken är högst 30 gram per portion 2028", "Kostchef")),
            &["subgoal-no-indicator"],
            &["subgoal-no-owner", "change-without-level"],
        ),
        case(
            "sub-goal: indicator linked by id",
            |f| {
                let sub = item("Kortare väntetid till försörjningsstöd", "Socialchef");
                let mut ind = indicator("Handläggningstid i dagar");
                ind.subgoal = Some(sub.id);
                f.subgoals.push(sub);
                f.indicators.push(ind);
            },
            &[],
            &["subgoal-no-indicator"],
        ),
        case(
            "sub-goal: indicator belongs by shared words",
            |f| {
                f.subgoals.push(item("Fler behöriga lärare i grundskolan", "Skolchef"));
                let mut ind = indicator("Andel lärare med lärarlegitimation och behörighet");
                ind.subgoal = None;
                f.indicators.push(ind);
            },
            &[],
            &["subgoal-no-indicator"],
        ),
        case(
            "sub-goal: utveckla samverkan",
            |f| f.subgoals.push(item("Utveckla samverkan med civilsamhället", "Kommunledningskontoret")),
            &["vague-verb"],
            &["change-without-level", "subgoal-no-owner"],
        ),
        case("sub-goal: none", |f| f.subgoals.clear(), &["no-subgoal"], &["subgoal-no-owner"]),
        case(
            "sub-goal: blank rows are ignored",
            |f| f.subgoals.push(item("   ", "")),
            &[],
            &["subgoal-no-owner", "subgoal-no-indicator"],
        ),
        // ---- Indicators ----
        case(
            "indicator: complete",
            |_| {},
            &[],
            &[
                "indicator-no-source",
                "indicator-no-baseline",
                "indicator-no-target",
                "target-not-number",
                "target-no-year",
                "baseline-no-year",
                "indicator-no-frequency",
                "indicator-no-responsible",
                "kolada-id-format",
            ],
        ),
        case(
            "indicator: no source",
            |f| {
                let i = f.first_indicator();
                i.source.clear();
                i.kolada.clear();
            },
            &["indicator-no-source"],
            &["kolada-id-format"],
        ),
        case(
            "indicator: a survey is a source",
            |f| {
                let i = f.first_indicator();
                i.source = "Medborgarundersökningen (SCB)".into();
                i.kolada.clear();
            },
            &[],
            &["indicator-no-source"],
        ),
        case(
            "indicator: target 'högre än rikssnittet'",
            |f| f.first_indicator().target = measure("Högre än rikssnittet", "2029"),
            &["target-not-number"],
            &["indicator-no-target", "target-no-year"],
        ),
        case(
            "indicator: target ≥ 90",
            |f| f.first_indicator().target = measure("≥ 90", "2029"),
            &[],
            &["target-not-number", "target-no-year"],
        ),
        case(
            "indicator: target 1 200 besök",
            |f| f.first_indicator().target = measure("1 200 besök", "2028"),
            &[],
            &["target-not-number"],
        ),
        case(
            "indicator: a yes/no target",
            |f| f.first_indicator().target = measure("Antagen", "2027"),
            &[],
            &["target-not-number", "target-no-year"],
        ),
        case(
            "indicator: target 85,5 without year",
            |f| f.first_indicator().target = measure("85,5", ""),
            &["target-no-year"],
            &["target-not-number"],
        ),
        case(
            "indicator: year written in the target value",
            |f| f.first_indicator().target = measure("90 % år 2029", ""),
            &[],
            &["target-no-year", "target-not-number"],
        ),
        case(
            "indicator: target year before baseline year",
            |f| f.first_indicator().target = measure("90 %", "2024"),
            &["target-year-before-baseline"],
            &["target-no-year"],
        ),
        case(
            "indicator: baseline without year",
            |f| f.first_indicator().baseline = measure("82 %", ""),
            &["baseline-no-year"],
            &["indicator-no-baseline", "target-year-before-baseline"],
        ),
        case(
            "indicator: baseline 'ny mätning'",
            |f| f.first_indicator().baseline = measure("Ny mätning", "2027"),
            &["baseline-not-number"],
            &["baseline-no-year", "indicator-no-baseline"],
        ),
        case(
            "indicator: only a name",
            |f| f.indicators.push(Indicator::new("Nöjd medborgar-index")),
            &[
                "indicator-no-source",
                "indicator-no-baseline",
                "indicator-no-target",
                "indicator-no-frequency",
                "indicator-no-responsible",
            ],
            &["indicator-no-name", "target-no-year", "target-not-number"],
        ),
        case(
            "indicator: Kolada id without its letter",
            |f| f.first_indicator().kolada = "15428".into(),
            &["kolada-id-format"],
            &["indicator-no-source"],
        ),
        case(
            "indicator: none at all",
            |f| f.indicators.clear(),
            &["no-indicator"],
            &["subgoal-no-indicator", "indicator-no-source"],
        ),
        case(
            "indicator: empty rows are ignored",
            |f| f.indicators.push(Indicator::new("")),
            &[],
            &["indicator-no-name", "indicator-no-target"],
        ),
        case(
            "indicator: a name is missing",
            |f| f.first_indicator().name.clear(),
            &["indicator-no-name"],
            &["indicator-no-source"],
        ),
        case(
            "indicator: frequency 'other' left blank",
            |f| f.first_indicator().frequency = Some(Frequency::Other(" ".into())),
            &["indicator-no-frequency"],
            &[],
        ),
        case(
            "indicator: no one responsible",
            |f| f.first_indicator().responsible = "".into(),
            &["indicator-no-responsible"],
            &["indicator-no-frequency"],
        ),
        // ---- Measurability ----
        case(
            "verdict: missing",
            |f| f.verdict = VerdictAnswer::default(),
            &["verdict-missing"],
            &["verdict-no-comment"],
        ),
        case(
            "verdict: nej without comment",
            |f| f.verdict = VerdictAnswer { verdict: Some(Verdict::No), how: "".into() },
            &["verdict-no-comment"],
            &["verdict-missing"],
        ),
        case(
            "verdict: osäkert with what is needed",
            |f| {
                f.verdict = VerdictAnswer {
                    verdict: Some(Verdict::Unsure),
                    how: "Behöver en ny fråga i brukarenkäten om upplevd trygghet".into(),
                }
            },
            &[],
            &["verdict-no-comment", "verdict-missing"],
        ),
        case(
            "verdict: ja without comment is fine",
            |f| f.verdict = VerdictAnswer { verdict: Some(Verdict::Yes), how: "".into() },
            &[],
            &["verdict-no-comment", "verdict-missing"],
        ),
    ]
}

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

// ---- The command line ----

mod cli {
    use std::path::Path;

    use assert_cmd::Command;
    use malverkstad::domain::{Group, GroupFile, Workshop};
    use malverkstad::store;

    use malverkstad::domain::model::keys;

    use super::Fixture;

    /// A workshop with two goals and two groups: group A answered goal 1
    /// well; goal 2 (group B) has nothing written.
    fn workshop(root: &Path) -> store::WorkshopDir {
        let mut w = Workshop::new("Testdag");
        let good = Fixture::good();
        w.goals.push(malverkstad::domain::Goal::new(Some("1".into()), good.goal.clone()));
        w.goals.push(malverkstad::domain::Goal::new(Some("2".into()), "Tryggheten ska öka"));
        for (name, slug, goal) in [("Grupp A", "grupp-a", 0), ("Grupp B", "grupp-b", 1)] {
            let id = w.goals[goal].id;
            w.groups.push(Group {
                id: malverkstad::domain::new_id(),
                name: name.into(),
                slug: slug.into(),
                goals: vec![id],
            });
        }
        let dir = store::create_workshop_at(root, &w).expect("create");
        let group = &w.groups[0];
        let mut file = GroupFile::new(&w, group);
        file.goals.insert(w.goals[0].id, good.answers());
        dir.save_group(group, &file).expect("save");
        dir
    }

    fn cmd(home: &Path) -> Command {
        let mut c = Command::cargo_bin("malverkstad").expect("binary");
        // Keep the user's own word list and language out of the test.
        c.env("XDG_CONFIG_HOME", home).env("HOME", home).env_remove("MALVERKSTAD_LANG");
        c
    }

    #[test]
    fn min_sets_the_exit_code() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = workshop(&tmp.path().join("dag"));
        let root = dir.root.to_str().expect("utf-8 path");
        // Goal 2 has nothing written: 100 − 20 − 20 − 40 − 10 = 10, and its
        // wording "ska öka" adds a 2-point hint: 8.
        let out = cmd(tmp.path()).args(["check", root, "--quality"]).output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Grupp A: ●●● 100"), "{text}");
        assert!(text.contains("Grupp B: ●○○   8"), "{text}");
        assert!(
            text.contains("Grupp B: ●○○   8 Luddigt (fel: 2, varningar: 2, tips: 1) – inget skrivet ännu"),
            "{text}"
        );
        cmd(tmp.path()).args(["check", root, "--quality", "--min", "8"]).assert().code(0);
        cmd(tmp.path()).args(["check", root, "--quality", "--min", "9"]).assert().code(1);
        cmd(tmp.path())
            .args(["check", root, "--min", "9", "--lang", "en"])
            .assert()
            .code(1)
            .stdout(predicates::str::contains("Goals below 9 points: 1."));
        cmd(tmp.path()).args(["check", root, "--quality", "--min", "101"]).assert().code(2);
    }

    #[test]
    fn one_group_file_reports_only_its_goals() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = workshop(&tmp.path().join("dag"));
        let file = dir.groups_dir().join("grupp-a.ron");
        let out = cmd(tmp.path())
            .args(["check", file.to_str().expect("utf-8"), "--quality", "--min", "90"])
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{text}");
        assert!(text.contains("Grupp A"), "{text}");
        assert!(!text.contains("Grupp B"), "{text}");
    }

    #[test]
    fn a_words_file_is_used_and_a_bad_one_is_refused() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = workshop(&tmp.path().join("dag"));
        let root = dir.root.to_str().expect("utf-8 path");
        let words = tmp.path().join("ord.ron");
        // Removing "öka" from the lists drops goal 2's hint: 10.
        std::fs::write(&words, "(remove: [\"öka\"])").expect("write");
        let out =
            cmd(tmp.path()).args(["check", root, "--words", words.to_str().expect("utf-8")]).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Grupp B: ●○○  10"), "{text}");
        std::fs::write(&words, "(vague_verbz: [])").expect("write");
        cmd(tmp.path())
            .args(["check", root, "--words", words.to_str().expect("utf-8")])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("ord.ron"));
        // The user's config dir file is read too.
        let config = tmp.path().join("malverkstad");
        std::fs::create_dir_all(&config).expect("mkdir");
        std::fs::write(config.join("quality-words.ron"), "(remove: [\"öka\"])").expect("write");
        let out = cmd(tmp.path()).args(["check", root, "--quality"]).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Grupp B: ●○○  10"), "{text}");
    }

    /// Two groups on one goal, one of them with typical gaps.
    fn snapshot_workshop(root: &Path) -> store::WorkshopDir {
        use malverkstad::domain::{Answer, Frequency, Goal, Indicator, Verdict, VerdictAnswer};
        let mut w = Workshop::new("KS arbetsdag BSP 2027–2029");
        let good = Fixture::good();
        w.goals.push(Goal::new(Some("1.1".into()), good.goal.clone()));
        w.goals.push(Goal::new(Some("2.3".into()), "Tryggheten i kommunen ska öka"));
        let (g1, g2) = (w.goals[0].id, w.goals[1].id);
        w.groups.push(Group {
            id: malverkstad::domain::new_id(),
            name: "Grupp 1".into(),
            slug: "grupp-1".into(),
            goals: vec![g1, g2],
        });
        w.groups.push(Group {
            id: malverkstad::domain::new_id(),
            name: "Grupp 2".into(),
            slug: "grupp-2".into(),
            goals: vec![g2],
        });
        let dir = store::create_workshop_at(root, &w).expect("create");
        let mut file = GroupFile::new(&w, &w.groups[0]);
        file.goals.insert(g1, good.answers());
        dir.save_group(&w.groups[0], &file).expect("save");

        let mut answers = malverkstad::domain::GoalAnswers::default();
        answers.answers.insert(keys::EFFECT.into(), Answer::Text("Ökad trygghet".into()));
        answers
            .answers
            .insert(keys::SUBGOALS.into(), Answer::List(vec![super::item("Fler vuxna ute på kvällarna", "")]));
        let mut ind = Indicator::new("Andel invånare som känner sig trygga");
        ind.source = "Medborgarundersökningen (SCB)".into();
        ind.target = super::measure("Högre än rikssnittet", "");
        ind.frequency = Some(Frequency::Year);
        answers.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
        answers.answers.insert(
            keys::MEASURABILITY.into(),
            Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Unsure), how: String::new() }),
        );
        let mut file = GroupFile::new(&w, &w.groups[1]);
        file.goals.insert(g2, answers);
        dir.save_group(&w.groups[1], &file).expect("save");
        dir
    }

    #[test]
    fn the_report_reads_well() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = snapshot_workshop(&tmp.path().join("dag"));
        for (lang, code) in [("sv", 1), ("en", 1)] {
            let out = cmd(tmp.path())
                .args(["check", dir.root.to_str().expect("utf-8"), "--min", "50", "--lang", lang])
                .output()
                .expect("run");
            assert_eq!(out.status.code(), Some(code));
            let text = String::from_utf8_lossy(&out.stdout);
            // From the quality header on: the line before holds the temp path.
            let start = text.find(if lang == "sv" { "Kvalitetskontroll" } else { "Quality check" }).expect("header");
            insta::assert_snapshot!(format!("report_{lang}"), &text[start..]);
        }
    }

    #[test]
    fn without_quality_the_check_is_unchanged() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = workshop(&tmp.path().join("dag"));
        let out = cmd(tmp.path()).args(["check", dir.root.to_str().expect("utf-8")]).output().expect("run");
        assert_eq!(out.status.code(), Some(0));
        assert!(!String::from_utf8_lossy(&out.stdout).contains("Kvalitetskontroll"));
    }
}

#[test]
fn the_documented_example_word_file_parses_and_works() {
    let doc = include_str!("../docs/quality.md");
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
