//! The table: realistic Swedish formulations, each with the finding codes
//! it must and must not produce.

use malverkstad::domain::{Frequency, Indicator, Verdict, VerdictAnswer};

use super::{indicator, item, measure, Fixture};

pub struct Case {
    pub name: &'static str,
    pub change: fn(&mut Fixture),
    pub must: &'static [&'static str],
    pub must_not: &'static [&'static str],
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

pub fn cases() -> Vec<Case> {
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
