//! Tests of the quality check's scoring, labels and findings.
use super::*;

fn f(code: Code, severity: Severity) -> Finding {
    Finding {
        code,
        severity,
        part: Part::Indicator,
        question: None,
        item: None,
        label: String::new(),
        word: String::new(),
        years: ExampleYears::default(),
    }
}

#[test]
fn score_formula() {
    assert_eq!(Part::ALL.iter().map(|p| p.points()).sum::<u32>(), 100);
    assert_eq!(score(&[]), 100);
    // An unanswered question loses its part's points, whatever its severity.
    let mut no_effect = f(Code::NoEffect, Severity::Error);
    no_effect.part = Part::Effect;
    assert_eq!(score(&[no_effect]), 80);
    let mut no_indicator = f(Code::NoIndicator, Severity::Error);
    no_indicator.part = Part::Indicator;
    assert_eq!(score(&[no_indicator]), 60);
    // Same kind: 8, then +4, capped at 16.
    let freq = f(Code::IndicatorNoFrequency, Severity::Warning);
    assert_eq!(score(std::slice::from_ref(&freq)), 92);
    assert_eq!(score(&[freq.clone(), freq.clone()]), 88);
    assert_eq!(score(&vec![freq.clone(); 3]), 84);
    assert_eq!(score(&vec![freq; 9]), 84);
    // Same code at another severity is another kind.
    assert_eq!(score(&[f(Code::VagueVerb, Severity::Warning), f(Code::VagueVerb, Severity::Hint)]), 90);
    // An answered part loses at most three quarters: indicators 30 of 40.
    let errors: Vec<Finding> = [Code::IndicatorNoTarget, Code::TargetYearBeforeBaseline, Code::IndicatorNoSource]
        .iter()
        .map(|&c| f(c, Severity::Error))
        .collect();
    assert_eq!(score(&errors), 70);
    // Every part unanswered or at its worst: nothing left.
    let mut all: Vec<Finding> = Vec::new();
    for (part, code) in [
        (Part::Effect, Code::NoEffect),
        (Part::SubGoal, Code::NoSubGoal),
        (Part::Indicator, Code::NoIndicator),
        (Part::Measurability, Code::VerdictMissing),
    ] {
        let mut x = f(code, Severity::Warning);
        x.part = part;
        all.push(x);
    }
    assert_eq!(score(&all), 10);
    for code in [Code::VagueVerb, Code::ChangeWithoutLevel] {
        let mut x = f(code, Severity::Error);
        x.part = Part::Goal;
        all.push(x);
    }
    // Goal wording: 40 lost, capped at 7 of its 10.
    assert_eq!(score(&all), 3);
}

#[test]
fn bands_and_badges() {
    assert_eq!(Band::of(100), Band::Evaluable);
    assert_eq!(Band::of(80), Band::Evaluable);
    assert_eq!(Band::of(79), Band::Partly);
    assert_eq!(Band::of(50), Band::Partly);
    assert_eq!(Band::of(49), Band::Vague);
    assert_eq!(badge(62), "●●○  62");
    assert_eq!(badge(100), "●●● 100");
    assert_eq!(badge_long(5, Lang::Sv), "●○○   5 Luddigt");
    assert_eq!(badge_long(5, Lang::En), "●○○   5 Vague");
}

#[test]
fn codes_round_trip_and_are_unique() {
    let mut seen = std::collections::BTreeSet::new();
    for &c in Code::ALL {
        assert_eq!(Code::parse(c.as_str()), Some(c));
        assert!(seen.insert(c.as_str()), "{c} twice");
    }
    assert_eq!(Code::parse("nope"), None);
}

#[test]
fn every_code_has_a_message_and_a_suggestion_in_both_languages() {
    for &c in Code::ALL {
        let mut finding = f(c, Severity::Warning);
        finding.label = "X".into();
        finding.word = "Y".into();
        for lang in [Lang::Sv, Lang::En] {
            let m = finding.message(lang);
            assert!(!m.is_empty() && !m.contains('{'), "{c} {lang:?}: {m}");
            let s = finding.suggestion(lang);
            assert!(!s.is_empty() && !s.contains('{'), "{c} {lang:?}: {s}");
        }
        assert_ne!(finding.message(Lang::Sv), finding.message(Lang::En), "{c}");
    }
}

proptest::proptest! {
    #[test]
    fn the_plain_label_shortcut_agrees_with_the_word_by_word_label(
        s in "[a-e ]{0,3}[a-zA-Z0-9 .,åä\n\t-]{40,70}[ a\n]{0,3}"
    ) {
        proptest::prop_assert_eq!(short_label(&s), short_label_of_words(&s));
    }

    #[test]
    fn plain_labels_around_the_limit_agree_too(s in "[a-z]{1,3}[a-z ]{52,64}[ ]{0,2}") {
        proptest::prop_assert_eq!(short_label(&s), short_label_of_words(&s));
    }
}

#[test]
fn labels_are_shortened_to_one_line() {
    assert_eq!(short_label("  a\n b  "), "a b");
    let long = "ö".repeat(100);
    let s = short_label(&long);
    assert_eq!(s.chars().count(), LABEL_CHARS);
    assert!(s.ends_with('…'));
    // Exactly at the limit: kept whole; a space at the cut is trimmed.
    let exact = format!("{} {}", "a".repeat(29), "å".repeat(30));
    assert_eq!(short_label(&exact), exact);
    let words = format!("{} {}", "b".repeat(58), "c".repeat(10));
    assert_eq!(short_label(&words), format!("{}…", "b".repeat(58)));
    // Exactly at the limit and then spaces: nothing cut.
    assert_eq!(short_label(&format!("{} ", "a".repeat(60))), "a".repeat(60));
    assert_eq!(short_label(&format!("{}  \n", "a".repeat(60))), "a".repeat(60));
    let many = "ord ".repeat(40);
    let s = short_label(&many);
    assert_eq!(s, format!("{}…", "ord ".repeat(15).trim_end()));
}

#[test]
fn suggestions_use_years_of_the_workshops_plan() {
    let mut w = crate::domain::Workshop::new("Dag");
    w.plan = "Mål och budget 2031–2034".into();
    let goal = crate::domain::Goal::new(None, "Vi ska utveckla servicen");
    w.goals.push(goal.clone());
    let report = check_goal(&w, &goal, None, &WordLists::embedded());
    assert!(!report.findings.is_empty());
    let years = ExampleYears { baseline: 2030, target: 2034 };
    assert!(report.findings.iter().all(|f| f.years == years));
    let mut change = f(Code::ChangeWithoutLevel, Severity::Warning);
    change.years = years;
    for lang in [Lang::Sv, Lang::En] {
        let tip = change.suggestion(lang);
        assert!(tip.contains("(2030)") && tip.contains("2034") && !tip.contains("2029"), "{tip}");
    }
    assert_eq!(ExampleYears::of_plan("Verksamhetsplan"), ExampleYears::default());
    assert_eq!(ExampleYears::of_plan("Plan 2028").target, 2028);
}
