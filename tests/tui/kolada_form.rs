//! Issue #20: Kolada suggestions in the indicator form. Typing in the name
//! or Kolada-id field lists KPIs of the offline catalogue; Enter (or a
//! click) takes one; what the group wrote is never replaced without a yes.

use std::sync::Arc;

use malverkstad::app::fields::{Focus, IndField};
use malverkstad::kolada::{Catalogue, Kpi};

use super::*;

fn catalogue() -> Arc<Catalogue> {
    let kpi = |id: &str, title: &str, description: &str| Kpi {
        id: id.into(),
        title: title.into(),
        description: description.into(),
        municipality_type: "K".into(),
        ..Kpi::default()
    };
    let mut c = Catalogue::new(
        "test",
        vec![
            kpi(
                "N15505",
                "Meritvärde i åk 9, genomsnitt (17 ämnen)",
                "Genomsnittligt meritvärde för elever i åk 9 i kommunens skolor.",
            ),
            kpi("N15504", "Meritvärde åk 9, kommunala skolor", "Meritvärde i kommunala skolor."),
            kpi("U15505", "Elever i åk 9 som är behöriga till yrkesprogram", "Andel behöriga."),
            kpi("N00945", "Invånare som är nöjda med kommunens service", "Nöjd medborgar-index."),
        ],
    );
    c.fetched = Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).unwrap();
    Arc::new(c)
}

/// Answer the app's searches as the shell's worker does.
fn answer(app: &mut App, fx: Vec<Effect>) -> Vec<Effect> {
    let mut out = Vec::new();
    for e in fx {
        match e {
            Effect::KoladaSearch(query) => {
                let catalogue = app.kolada.clone().expect("a search only with a catalogue");
                let hits = malverkstad::app::wizard::suggest::search(&catalogue, &query);
                let more = app.update(Msg::KoladaHits { query, hits }, t0());
                out.extend(answer(app, more));
            }
            e => out.push(e),
        }
    }
    out
}

/// Keys, with the searches they ask for answered at once.
fn press(app: &mut App, keys: &[KeyEvent]) -> Vec<Effect> {
    let mut out = Vec::new();
    for k in keys {
        let fx = app.update(Msg::Key(*k), t0());
        out.extend(answer(app, fx));
    }
    out
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, &[key(KeyCode::Char(c))]);
    }
}

/// The form of a new indicator of goal 1.1, with or without a catalogue.
fn in_form(with_catalogue: bool) -> App {
    let mut app = app_in_group(Lang::Sv, None);
    if with_catalogue {
        app.update(Msg::Kolada(catalogue()), t0());
    }
    app.update(Msg::Resize(80, 24), t0());
    press(&mut app, &[key(KeyCode::Enter), ctrl(KeyCode::Right), ctrl(KeyCode::Right), key(KeyCode::Enter)]);
    assert!(matches!(focus(&app), Focus::Indicator { field: IndField::Name, .. }), "{:?}", focus(&app));
    app
}

fn wiz(app: &App) -> &malverkstad::app::wizard::WizardState {
    app.wizard().expect("not in the wizard")
}

fn focus(app: &App) -> Focus {
    wiz(app).focus
}

/// The ids listed now (empty when the list is not shown).
fn listed(app: &App) -> Vec<String> {
    let w = wiz(app);
    if !w.suggest.open_for(w.focus) {
        return Vec::new();
    }
    w.suggest.hits.iter().map(|k| k.id.clone()).collect()
}

fn indicator(app: &App) -> Indicator {
    answers(app, 101).indicators(keys::INDICATORS)[0].clone()
}

#[test]
fn typing_lists_kpis_and_enter_fills_the_form_in_one_undo_step() {
    let mut app = in_form(true);
    typed(&mut app, "m");
    assert!(listed(&app).is_empty(), "one character is no query");
    typed(&mut app, "eritv");
    let ids = listed(&app);
    assert!(ids.contains(&"N15505".to_string()), "{ids:?}");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Kolada-katalog hämtad 2026-11-30"), "{screen}");
    assert!(screen.contains("N15505"), "{screen}");
    // Down to N15505, Enter takes it.
    let pos = ids.iter().position(|i| i == "N15505").unwrap();
    for _ in 0..pos {
        press(&mut app, &[key(KeyCode::Down)]);
    }
    assert!(matches!(focus(&app), Focus::Indicator { field: IndField::Name, .. }), "Down moved in the list");
    press(&mut app, &[key(KeyCode::Enter)]);
    let ind = indicator(&app);
    assert_eq!(ind.name, "Meritvärde i åk 9, genomsnitt (17 ämnen)", "the typed query is replaced: it was the choice");
    assert_eq!(ind.kolada, "N15505");
    assert_eq!(ind.definition, "Genomsnittligt meritvärde för elever i åk 9 i kommunens skolor.");
    assert_eq!(ind.source, "Kolada");
    assert!(matches!(focus(&app), Focus::Indicator { field: IndField::Name, .. }), "still in the form");
    assert!(listed(&app).is_empty(), "the list closes once taken");
    assert!(app.group.as_ref().unwrap().save.dirty, "autosave as usual");
    // One undo step back to what was typed.
    press(&mut app, &[ctrl('z')]);
    let ind = indicator(&app);
    assert_eq!((ind.name.as_str(), ind.kolada.as_str(), ind.definition.as_str()), ("meritv", "", ""));
    assert_eq!(ind.source, "");
}

#[test]
fn a_definition_the_group_wrote_is_kept_unless_they_say_yes() {
    for answer in ['n', 'j'] {
        let mut app = in_form(true);
        // The group's own definition and source first.
        press(&mut app, &[key(KeyCode::Tab)]);
        typed(&mut app, "Vår egen definition");
        press(&mut app, &[key(KeyCode::Tab)]);
        typed(&mut app, "SCB");
        press(&mut app, &[key(KeyCode::BackTab), key(KeyCode::BackTab)]);
        typed(&mut app, "meritv");
        let pos = listed(&app).iter().position(|i| i == "N15505").unwrap();
        for _ in 0..pos {
            press(&mut app, &[ctrl('n')]);
        }
        press(&mut app, &[key(KeyCode::Enter)]);
        let ind = indicator(&app);
        assert_eq!(ind.kolada, "N15505");
        assert_eq!(ind.definition, "Vår egen definition", "not replaced before the answer");
        assert_eq!(ind.source, "SCB");
        assert!(wiz(&app).offer.is_some());
        let screen = render(&app, 80, 24);
        assert!(screen.contains("Ersätta med Koladas?"), "{screen}");
        press(&mut app, &[key(KeyCode::Char(answer))]);
        let ind = indicator(&app);
        if answer == 'n' {
            assert_eq!((ind.definition.as_str(), ind.source.as_str()), ("Vår egen definition", "SCB"));
            assert!(app.notice.as_deref().is_some_and(|n| n.contains("behölls")), "{:?}", app.notice);
        } else {
            assert_eq!(ind.definition, "Genomsnittligt meritvärde för elever i åk 9 i kommunens skolor.");
            assert_eq!(ind.source, "Kolada");
        }
        assert_eq!(ind.name, "Meritvärde i åk 9, genomsnitt (17 ämnen)");
        // The answer typed nothing into the field.
        assert!(!ind.name.contains(answer) || answer == 'n' && ind.name.contains('n'));
        // Take and replacement are one undo step.
        press(&mut app, &[ctrl('z')]);
        let ind = indicator(&app);
        assert_eq!((ind.name.as_str(), ind.kolada.as_str()), ("meritv", ""));
        assert_eq!((ind.definition.as_str(), ind.source.as_str()), ("Vår egen definition", "SCB"));
    }
}

#[test]
fn esc_closes_the_list_and_a_second_esc_leaves_the_form() {
    let mut app = in_form(true);
    typed(&mut app, "meritv");
    assert!(!listed(&app).is_empty());
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(listed(&app).is_empty());
    assert!(matches!(focus(&app), Focus::Indicator { field: IndField::Name, .. }), "Esc kept the form");
    assert_eq!(indicator(&app).name, "meritv");
    // Typing on opens it again; Esc, Esc leaves the form with the text.
    typed(&mut app, "a");
    assert!(!listed(&app).is_empty());
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Esc)]);
    assert!(matches!(focus(&app), Focus::List { .. }), "{:?}", focus(&app));
    assert_eq!(indicator(&app).name, "meritva");
}

#[test]
fn the_kolada_id_field_suggests_by_id_and_keeps_a_typed_name_unless_yes() {
    let mut app = in_form(true);
    typed(&mut app, "Betyg i nian");
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert!(matches!(focus(&app), Focus::Indicator { field: IndField::Kolada, .. }));
    typed(&mut app, "n155");
    assert_eq!(listed(&app), ["N15504", "N15505"]);
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Enter)]);
    let ind = indicator(&app);
    assert_eq!(ind.kolada, "N15505");
    assert_eq!(ind.name, "Betyg i nian", "a name the group wrote waits for a yes");
    assert_eq!(ind.source, "Kolada", "an empty source is filled");
    press(&mut app, &[key(KeyCode::Char('n'))]);
    assert_eq!(indicator(&app).name, "Betyg i nian");
}

#[test]
fn without_a_catalogue_the_form_works_as_before() {
    let mut app = in_form(false);
    for c in "meritv".chars() {
        let fx = app.update(Msg::Key(key(KeyCode::Char(c))), t0());
        assert!(!fx.iter().any(|e| matches!(e, Effect::KoladaSearch(_))), "no search without a catalogue");
    }
    assert!(listed(&app).is_empty());
    let screen = render(&app, 80, 24);
    assert!(!screen.contains("Kolada-katalog"), "{screen}");
    // Enter leaves the form as today.
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(focus(&app), Focus::List { .. }));
    assert_eq!(indicator(&app).name, "meritv");
    // F1 says how to get a catalogue.
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::F(1))]);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("kolada sync"), "{screen}");
}

#[test]
fn a_click_on_a_suggestion_takes_it() {
    let mut app = in_form(true);
    typed(&mut app, "nojda");
    let screen = render(&app, 80, 24);
    let row = screen.lines().position(|l| l.contains("N00945")).expect("listed") as u16;
    let col = screen.lines().nth(row as usize).unwrap().find("N00945").unwrap() as u16;
    app.update(common::app::click(col, row), t0());
    assert_eq!(indicator(&app).kolada, "N00945");
    assert_eq!(indicator(&app).name, "Invånare som är nöjda med kommunens service");
}

#[test]
fn snapshots_of_the_list() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = in_form(true);
        app.update(Msg::Resize(w, h), t0());
        typed(&mut app, "meritv");
        press(&mut app, &[key(KeyCode::Down)]);
        insta::assert_snapshot!(format!("kolada_form_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn the_search_runs_off_the_keystroke_and_an_answer_for_older_text_is_ignored() {
    let mut app = in_form(true);
    // The keys alone: each asks the shell for a search, none searches.
    let mut asked = Vec::new();
    for c in "merit".chars() {
        for e in app.update(Msg::Key(key(KeyCode::Char(c))), t0()) {
            if let Effect::KoladaSearch(q) = e {
                asked.push(q);
            }
        }
    }
    assert_eq!(asked, ["me", "mer", "meri", "merit"]);
    assert!(listed(&app).is_empty(), "nothing listed before an answer");
    // The worker answers an older query late: not shown for "merit".
    let old = malverkstad::app::wizard::suggest::search(&catalogue(), "me");
    app.update(Msg::KoladaHits { query: "me".into(), hits: old }, t0());
    assert!(listed(&app).is_empty());
    let hits = malverkstad::app::wizard::suggest::search(&catalogue(), "merit");
    app.update(Msg::KoladaHits { query: "merit".into(), hits }, t0());
    assert!(listed(&app).contains(&"N15505".to_string()));
}

#[test]
fn the_list_shows_six_rows_at_80x24_more_when_larger_and_scrolls_to_the_choice() {
    for ((w, h), rows) in [((80, 24), 6), ((120, 40), 12)] {
        let mut app = app_in_group(Lang::Sv, None);
        let kpis = (0..20)
            .map(|n| Kpi {
                id: format!("N{:05}", 20_000 + n),
                title: format!("Meritvärde variant {n:02}"),
                ..Kpi::default()
            })
            .collect();
        app.update(Msg::Kolada(Arc::new(Catalogue::new("test", kpis))), t0());
        app.update(Msg::Resize(w, h), t0());
        press(&mut app, &[key(KeyCode::Enter), ctrl(KeyCode::Right), ctrl(KeyCode::Right)]);
        press(&mut app, &[key(KeyCode::Enter)]);
        typed(&mut app, "variant");
        assert_eq!(listed(&app).len(), 12, "at most 12 kept");
        let shown = |app: &App| render(app, w, h).lines().filter(|l| l.contains("Meritvärde variant")).count();
        assert_eq!(shown(&app), rows, "{}", render(&app, w, h));
        // Down past the last row shown: the chosen one stays on screen.
        for _ in 0..11 {
            press(&mut app, &[key(KeyCode::Down)]);
        }
        let screen = render(&app, w, h);
        let chosen = &wiz(&app).suggest.hits[11];
        assert!(screen.lines().any(|l| l.contains('▶') && l.contains(&chosen.id)), "{screen}");
    }
}

#[test]
fn the_catalogue_from_the_shell_also_feeds_the_quality_checks_kolada_findings() {
    use malverkstad::domain::quality::Code;
    let unknown = |app: &App| {
        app.quality.report(id(101)).is_some_and(|r| r.findings.iter().any(|f| f.code == Code::KoladaUnknownId))
    };
    let mut file = filled_file(&workshop());
    let ind = match file.goals.get_mut(&id(101)).unwrap().answers.get_mut(keys::INDICATORS) {
        Some(Answer::Indicators(list)) => &mut list[0],
        _ => panic!("no indicators"),
    };
    ind.kolada = "N99999".into();
    let mut app = app_in_group(Lang::Sv, Some(file));
    app.update(Msg::Tick(Utc::now()), t0());
    assert!(!unknown(&app), "no catalogue: no Kolada finding");
    app.update(Msg::Kolada(catalogue()), t0());
    app.update(Msg::Tick(Utc::now()), t0() + Duration::from_secs(1));
    assert!(unknown(&app), "N99999 is not in the catalogue");
}
