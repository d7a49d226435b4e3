//! The check in the group TUI: badges in the goal list, the panel on the
//! measurability step and the hints on the other steps, driven by keys fed
//! to `App::update` and drawn on a `TestBackend`.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use malverkstad::app::fields::Focus;
use malverkstad::app::{App, At, Msg, Theme};
use malverkstad::domain::model::keys;
use malverkstad::domain::quality::Code;
use malverkstad::domain::{
    Answer, Frequency, Goal, GoalAnswers, Group, GroupFile, Indicator, ListItem, Measure, Verdict, VerdictAnswer,
    Workshop,
};
use malverkstad::i18n::Lang;

use super::common::app::{buffer, id, load, loaded, new_app, open_group, press, render, t0, typed};
use super::common::keys::{alt, key, shift};

fn workshop() -> Workshop {
    let mut w = Workshop::new("Målstyrningsdag 2027");
    w.id = id(1);
    w.goals = vec![
        Goal {
            id: id(101),
            code: Some("2.1".into()),
            wording: "Äldre ska känna sig trygga i sitt boende.".into(),
            perspective: None,
            owner: None,
        },
        Goal {
            id: id(102),
            code: Some("2.2".into()),
            wording: "Alla barn ska ha en trygg skolgång.".into(),
            perspective: None,
            owner: None,
        },
    ];
    w.groups =
        vec![Group { id: id(201), name: "Grupp 1".into(), slug: "grupp-1".into(), goals: vec![id(101), id(102)] }];
    w
}

/// Goal 2.1 complete but for the indicator's target; goal 2.2 untouched.
fn file(w: &Workshop) -> GroupFile {
    let mut f = GroupFile::new(w, &w.groups[0]);
    let mut a = GoalAnswers::default();
    a.answers
        .insert(keys::EFFECT.into(), Answer::Text("Äldre som bor hemma känner sig trygga och får hjälp i tid.".into()));
    let mut sub = ListItem::new("Alla med hemtjänst har en fast kontaktperson");
    sub.id = id(301);
    sub.owner = "Äldrenämnden".into();
    a.answers.insert(keys::SUBGOALS.into(), Answer::List(vec![sub]));
    let mut ind = Indicator::new("Trygghet i hemtjänsten");
    ind.id = id(401);
    ind.source = "Kolada".into();
    ind.kolada = "U21468".into();
    ind.baseline = Measure { value: "84 %".into(), year: "2025".into() };
    ind.frequency = Some(Frequency::Year);
    ind.responsible = "Äldreomsorgschef".into();
    ind.subgoal = Some(id(301));
    a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
    a.answers.insert(
        keys::MEASURABILITY.into(),
        Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Partly), how: "Brukarundersökningen".into() }),
    );
    f.goals.insert(id(101), a);
    f
}

/// The goal list of Grupp 1 at `size`.
fn app(lang: Lang, size: (u16, u16)) -> App {
    let w = workshop();
    let f = file(&w);
    let mut app = new_app(lang, "/fixture");
    app.now = Utc.with_ymd_and_hms(2027, 3, 14, 10, 0, 0).unwrap();
    app.update(Msg::Resize(size.0, size.1), t0());
    load(&mut app, loaded("/fixture/ws", w, BTreeMap::new()));
    press(&mut app, &[KeyCode::Enter]);
    open_group(&mut app, id(201), f);
    app
}

/// Open goal 2.1 and go to its measurability step (the fourth).
fn to_verdict(app: &mut App) {
    press(app, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::PageDown)]);
    let Some(w) = app.wizard() else { panic!("not in the wizard") };
    assert_eq!(w.step, 3);
}

fn codes_for(app: &App, goal: u128, item: u128) -> Vec<Code> {
    app.quality.report(id(goal)).unwrap().for_item(id(item)).map(|f| f.code).collect()
}

#[test]
fn typing_a_target_and_its_year_removes_the_finding_from_the_panel() {
    let mut app = app(Lang::Sv, (120, 40));
    to_verdict(&mut app);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Är målet utvärderingsbart? ●●●  80/100"), "{screen}");
    assert!(screen.contains("Indikatorn \"Trygghet i hemtjänsten\" saknar målvärde."), "{screen}");
    assert!(screen.contains("→ Ange vilket värde som ska nås och vilket år"), "{screen}");
    assert_eq!(codes_for(&app, 101, 401), vec![Code::IndicatorNoTarget]);

    // Back to the indicators, open the indicator, Tab to the target value.
    press(&mut app, &[key(KeyCode::PageUp), key(KeyCode::Enter)]);
    for _ in 0..6 {
        press(&mut app, &[key(KeyCode::Tab)]);
    }
    let Some(w) = app.wizard() else { panic!() };
    assert!(matches!(w.focus, Focus::Indicator { field: malverkstad::app::fields::IndField::TargetValue, .. }));
    // The hint above the form speaks of this indicator while the group types.
    assert!(
        render(&app, 120, 40).contains("1 sak att se över här: Indikatorn \"Trygghet i hemtjänsten\" saknar målvärde.")
    );
    typed(&mut app, "90 %");
    assert_eq!(codes_for(&app, 101, 401), vec![Code::TargetNoYear], "a number without a year");
    assert!(render(&app, 120, 40).contains("Målvärdet för \"Trygghet i hemtjänsten\" saknar år."));
    press(&mut app, &[key(KeyCode::Tab)]);
    typed(&mut app, "2029");
    assert!(codes_for(&app, 101, 401).is_empty());
    let screen = render(&app, 120, 40);
    assert!(!screen.contains("att se över här"), "{screen}");

    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::PageDown)]);
    let screen = render(&app, 120, 40);
    assert!(!screen.contains("saknar målvärde") && !screen.contains("saknar år"), "{screen}");
    assert!(screen.contains("Inget saknas: målet går att följa upp."), "{screen}");
    assert!(screen.contains("●●● 100/100 Utvärderingsbart"), "{screen}");
}

#[test]
fn the_hint_in_the_indicator_form_speaks_of_the_focused_field_first() {
    let mut app = app(Lang::Sv, (120, 40));
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::PageDown)]);
    press(&mut app, &[key(KeyCode::Char('n'))]);
    typed(&mut app, "Andel trygga elever");
    for _ in 0..9 {
        press(&mut app, &[key(KeyCode::Tab)]);
    }
    let hint = |app: &App| render(app, 120, 40).lines().find(|l| l.contains("att se över här")).map(str::to_string);
    let line = hint(&app).expect("a hint");
    assert!(line.contains("t.ex.: Indikatorn \"Andel trygga elever\" saknar ansvarig."), "{line}");
    for _ in 0..7 {
        press(&mut app, &[shift(KeyCode::BackTab)]);
    }
    let line = hint(&app).expect("a hint");
    assert!(line.contains("t.ex.: Indikatorn \"Andel trygga elever\" saknar datakälla."), "{line}");
}

#[test]
fn the_badge_changes_when_the_effect_is_written() {
    let mut app = app(Lang::Sv, (80, 24));
    // Goal 2.2, nothing written: 100 − 20 − 20 − 40 − 10 (docs/quality.md).
    let line = |app: &App| render(app, 80, 24).lines().find(|l| l.contains("2.2 Alla barn")).unwrap().to_string();
    assert!(line(&app).contains("●○○  10/100"), "{}", line(&app));
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Enter)]);
    typed(&mut app, "Barn och elever känner sig trygga i skolan varje dag.");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.at(), At::Goals);
    // The effect answered, naming whom it is for: its 20 points come back.
    assert!(line(&app).contains("●○○  30/100"), "{}", line(&app));
    // Goal 2.1 lacks only a target: one Fel in the indicators, 100 − 20.
    let first = render(&app, 80, 24).lines().find(|l| l.contains("2.1 Äldre")).unwrap().to_string();
    assert!(first.contains("●●●  80/100"), "{first}");
}

#[test]
fn a_goal_reworded_by_the_facilitator_is_checked_again() {
    let mut app = app(Lang::Sv, (80, 24));
    let line = |app: &App| render(app, 80, 24).lines().find(|l| l.contains("2.2 ")).unwrap().to_string();
    assert!(line(&app).contains("●○○  10/100"), "{}", line(&app));
    let mut w = workshop();
    w.goals[1].wording = "Kommunen ska verka för en trygg skolgång.".into();
    app.update(Msg::WorkshopChanged(Box::new(w)), t0());
    // A vague verb in the council's own wording is a Tips: 2 points.
    assert!(line(&app).contains("●○○   8/100"), "{}", line(&app));
}

#[test]
fn the_check_runs_on_edits_only_not_on_redraws_or_moves() {
    let mut app = app(Lang::Sv, (80, 24));
    let after_list = app.quality.runs();
    assert_eq!(after_list, 2, "one check per goal on the list");
    for _ in 0..5 {
        render(&app, 80, 24);
    }
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Up)]);
    assert_eq!(app.quality.runs(), after_list, "redraws and moves do not check");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.quality.runs(), after_list, "opening a goal reuses its report");
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Home), key(KeyCode::PageDown), key(KeyCode::PageUp)]);
    assert_eq!(app.quality.runs(), after_list, "cursor and step moves do not check");
    typed(&mut app, "abc");
    assert_eq!(app.quality.runs(), after_list + 3, "each edit checks the one goal once");
}

#[test]
fn at_80x24_the_panel_is_one_line_and_f5_unfolds_it_without_taking_the_focus() {
    let mut app = app(Lang::Sv, (80, 24));
    to_verdict(&mut app);
    let screen = render(&app, 80, 24);
    let summary = screen.lines().find(|l| l.contains("F5 visar")).unwrap_or_else(|| panic!("{screen}"));
    assert!(summary.contains("●●●  80/100 Utvärderingsbart · 1 fel"), "{summary}");
    assert!(!screen.contains("saknar målvärde"), "folded: {screen}");
    let box_rows = screen.lines().filter(|l| l.starts_with("\"  │")).count();
    assert!(box_rows >= 5, "the text box keeps its room: {screen}");

    // Into the text field, then F5: the panel shows and the typing goes on.
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::F(5))]);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("saknar målvärde") && screen.contains("F5 döljer"), "{screen}");
    assert!(screen.lines().filter(|l| l.starts_with("\"  │")).count() >= 2, "the box still shows: {screen}");
    typed(&mut app, " varje år");
    let Some(w) = app.wizard() else { panic!() };
    assert_eq!(w.focus, Focus::VerdictHow);
    let how =
        app.group.as_ref().unwrap().file.answers(id(101)).unwrap().verdict(keys::MEASURABILITY).unwrap().how.clone();
    assert_eq!(how, "Brukarundersökningen varje år");
    // F5 again folds it.
    press(&mut app, &[key(KeyCode::F(5))]);
    assert!(render(&app, 80, 24).contains("F5 visar"));
}

#[test]
fn alt_arrows_scroll_a_long_panel_and_leave_the_text_alone() {
    let mut app = app(Lang::En, (80, 24));
    // Goal 2.2 has nothing written: many findings, more than fit.
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Enter), key(KeyCode::F(5))]);
    let Some(w) = app.wizard() else { panic!() };
    assert_eq!(w.step, 3, "F5 on another step goes to the measurability step");
    press(&mut app, &[key(KeyCode::Tab)]);
    let top = render(&app, 80, 24);
    assert!(top.contains("more lines (Alt-↓)"), "{top}");
    assert!(top.contains("The desired effect is missing."), "{top}");
    press(&mut app, &[alt(KeyCode::Down), alt(KeyCode::Down), alt(KeyCode::Down)]);
    let scrolled = render(&app, 80, 24);
    assert_ne!(top, scrolled);
    assert!(scrolled.contains("↑ Alt-↑"), "{scrolled}");
    assert!(!scrolled.contains("The desired effect is missing."), "{scrolled}");
    for _ in 0..30 {
        press(&mut app, &[alt(KeyCode::Down)]);
    }
    let bottom = render(&app, 80, 24);
    assert!(!bottom.contains("more lines"), "scrolled to the end: {bottom}");
    // The scroll stops at the end: one Alt-↑ moves at once.
    press(&mut app, &[alt(KeyCode::Up)]);
    assert_ne!(render(&app, 80, 24), bottom);
    for _ in 0..30 {
        press(&mut app, &[alt(KeyCode::Up)]);
    }
    assert_eq!(render(&app, 80, 24), top);
    assert!(app.group.as_ref().unwrap().file.answers(id(102)).is_none(), "scrolling wrote nothing");
}

#[test]
fn badges_have_colour_with_a_theme_and_symbols_without() {
    let mut app = app(Lang::Sv, (80, 24));
    app.theme = Theme { color: true };
    // Select goal 2.2 so that the badge of 2.1 is drawn in its own colour.
    press(&mut app, &[key(KeyCode::Down)]);
    let buf = buffer(&app, 80, 24);
    let row =
        (0..24).find(|y| (0..80).any(|x| buf[(x, *y)].symbol() == "2" && buf[(x + 1, *y)].symbol() == ".")).unwrap();
    let dot = (0..80).find(|x| buf[(*x, row)].symbol() == "●").unwrap();
    assert_eq!(buf[(dot, row)].fg, ratatui::style::Color::LightGreen, "80/100 is evaluable: green");
    // Without colour the dots and the number still say it.
    app.theme = Theme::plain();
    let text = render(&app, 80, 24);
    assert!(text.contains("●●●  80/100") && text.contains("●○○  10/100"), "{text}");
}

#[test]
fn help_lists_the_panel_keys() {
    let mut app = app(Lang::Sv, (80, 24));
    // On the first step F5 leads to the panel; the scroll keys are not there.
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::F(1))]);
    let help = render(&app, 120, 40);
    assert!(help.contains("Visa vad målet saknar (på steg Mätbarhet)") && !help.contains("Alt-↓ / Alt-↑"), "{help}");
    // On the measurability step all three keys, on one line.
    press(&mut app, &[key(KeyCode::Esc)]);
    press(&mut app, &[key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::F(1))]);
    let help = render(&app, 120, 40);
    assert!(help.contains("F5 / Alt-↓ / Alt-↑") && help.contains("Visa/dölj och bläddra i det målet saknar"), "{help}");
    // At 80×24 the help still ends with how to close it.
    let small = render(&app, 80, 24);
    assert!(small.contains("F5 / Alt-↓ / Alt-↑") && small.contains("Tryck valfri tangent"), "{small}");
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshots_of_the_badges_and_the_panel() {
    for lang in [Lang::Sv, Lang::En] {
        for (w, h) in [(80, 24), (120, 40)] {
            let code = lang.code();
            let list = app(lang, (w, h));
            insta::assert_snapshot!(format!("goals_{code}_{w}x{h}"), render(&list, w, h));
            let mut a = app(lang, (w, h));
            to_verdict(&mut a);
            insta::assert_snapshot!(format!("panel_{code}_{w}x{h}"), render(&a, w, h));
            // F5: unfolded at 80×24, folded at 120×40.
            press(&mut a, &[key(KeyCode::F(5))]);
            insta::assert_snapshot!(format!("panel_f5_{code}_{w}x{h}"), render(&a, w, h));
            let mut a = app(lang, (w, h));
            press(&mut a, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::Enter)]);
            insta::assert_snapshot!(format!("indicator_hint_{code}_{w}x{h}"), render(&a, w, h));
            // Goal 2.2, nothing written: a long panel, scrolled once.
            let mut a = app(lang, (w, h));
            press(&mut a, &[key(KeyCode::Down), key(KeyCode::Enter), key(KeyCode::F(5)), key(KeyCode::Tab)]);
            press(&mut a, &[alt(KeyCode::Down)]);
            insta::assert_snapshot!(format!("panel_long_{code}_{w}x{h}"), render(&a, w, h));
        }
    }
}

#[test]
fn while_keys_keep_coming_the_terminal_checks_at_most_every_throttle() {
    use malverkstad::app::quality::THROTTLE;
    use std::time::Duration;
    let mut app = app(Lang::Sv, (80, 24));
    app.quality.throttle = Some(THROTTLE);
    press(&mut app, &[key(KeyCode::Enter)]);
    // A second after the goal list's checks.
    let start = Instant::now() + Duration::from_secs(1);
    let before = app.quality.runs();
    let at = |ms: u64| start + Duration::from_millis(ms);
    // Ten keys 20 ms apart: the first is checked, the rest wait.
    for i in 0..10 {
        app.update(Msg::Key(key(KeyCode::Char('x'))), at(i * 20));
    }
    assert_eq!(app.quality.runs(), before + 1, "one check for a burst of keys");
    let due = app.quality.due.expect("a check is due");
    assert_eq!(due, at(THROTTLE.as_millis() as u64), "due one throttle after the last check");
    assert_eq!(app.next_deadline().map(|d| d <= due), Some(true), "the loop wakes up for it");
    // The loop's tick at the deadline runs it; then nothing is due.
    app.update(Msg::Tick(app.now), due);
    assert_eq!(app.quality.runs(), before + 2);
    assert_eq!(app.quality.due, None);
    // The report follows the last text: checking again changes nothing.
    app.update(Msg::Tick(app.now), due + THROTTLE);
    assert_eq!(app.quality.runs(), before + 2);
}

/// Goal 2.1 on its measurability step at `size`, reached by keys, with the
/// extra `keys` pressed, and never drawn: its panel is built afresh.
fn fresh_verdict(lang: Lang, size: (u16, u16), keys: &[KeyEvent]) -> App {
    let mut app = app(lang, size);
    to_verdict(&mut app);
    press(&mut app, keys);
    app
}

#[test]
fn the_panel_drawn_again_follows_new_findings_the_width_and_the_language() {
    // The same app drawn again and again: its panel's lines are kept between
    // draws; each screen must equal one drawn by an app that never drew.
    let mut app = fresh_verdict(Lang::Sv, (120, 40), &[]);
    let mut keys = Vec::new();
    let no_comment = "men det står inte vad som skulle göra målet mätbart.";
    let first = render(&app, 120, 40);
    assert!(first.contains("saknar målvärde") && !first.contains(no_comment), "{first}");
    assert_eq!(render(&app, 120, 40), first, "an unchanged redraw");

    // "Nej" and the comment erased: a new finding while the panel is on screen.
    keys.extend([key(KeyCode::Right), key(KeyCode::Tab)]);
    keys.extend(std::iter::repeat_n(key(KeyCode::Backspace), "Brukarundersökningen".chars().count()));
    press(&mut app, &keys);
    let erased = render(&app, 120, 40);
    assert!(erased.contains(no_comment), "{erased}");
    assert_eq!(erased, render(&fresh_verdict(Lang::Sv, (120, 40), &keys), 120, 40));

    // Narrower and wider: the long finding is wrapped again for the width.
    for (w, h) in [(80, 40), (200, 50)] {
        app.update(Msg::Resize(w, h), t0());
        let screen = render(&app, w, h);
        assert_eq!(screen, render(&fresh_verdict(Lang::Sv, (w, h), &keys), w, h), "{w}x{h}");
        assert_eq!(screen.contains(no_comment), w > 80, "one line only when wide: {screen}");
    }

    // One character back: the finding goes at once (no throttle here).
    app.update(Msg::Resize(120, 40), t0());
    keys.push(key(KeyCode::Char('x')));
    press(&mut app, &[key(KeyCode::Char('x'))]);
    let typed = render(&app, 120, 40);
    assert!(!typed.contains(no_comment) && typed.contains("saknar målvärde"), "{typed}");
    assert_eq!(typed, render(&fresh_verdict(Lang::Sv, (120, 40), &keys), 120, 40));

    // Another language at the same width and the same report.
    app.lang = Lang::En;
    let english = render(&app, 120, 40);
    assert!(!english.contains("saknar målvärde"), "{english}");
    assert_eq!(english, render(&fresh_verdict(Lang::En, (120, 40), &keys), 120, 40));
}
