//! The facilitator's screens without a terminal: the setup flow and the
//! timer control as key scripts on `App::update`, their effects carried out
//! by the shell's own effect runner on a temporary folder, and snapshots of
//! every setup screen.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use malverkstad::app::facil::setup::{Mode, Page};
use malverkstad::app::facil::{FacilEffect, FacilMsg, TimerOp};
use malverkstad::app::{App, At, Effect, GroupOpened, Msg};
use malverkstad::domain::model::{default_questions, keys, Answer, Goal, GroupFile, Timer, Workshop};
use malverkstad::domain::{assign, validate};
use malverkstad::i18n::Lang;
use malverkstad::store::{self, WorkshopDir};

mod common;

use common::app::{assert_fits, load, loaded, new_app, paste, press, render, typed};
use common::keys::{alt, ctrl, key};
use common::rig::Rig;

// ---------------------------------------------------------------- helpers

fn clear(rig: &mut Rig, n: usize) {
    for _ in 0..n {
        rig.press(&[key(KeyCode::Backspace)]);
    }
}

/// A workshop on disk whose group "Röd" answered the effect question.
fn answered_workshop(sessions: &Path) -> WorkshopDir {
    let mut w = Workshop::new("Befintlig dag");
    w.goals = vec![Goal::new(Some("1".into()), "Trygg uppväxt"), Goal::new(Some("2".into()), "Ekonomi i balans")];
    w.groups = malverkstad::domain::setup::make_groups(&["Röd".into(), "Blå".into()]);
    w.assign_evenly_in_order();
    let dir = store::create_workshop(sessions, &w).unwrap();
    let mut file = GroupFile::new(&w, &w.groups[0]);
    file.answers_mut(w.goals[0].id).answers.insert(keys::EFFECT.into(), Answer::Text("Tryggare barn".into()));
    dir.save_group(&w.groups[0], &file).unwrap();
    dir
}

// ---------------------------------------------------------------- the setup flow

#[test]
fn a_new_workshop_made_with_keys_is_valid_on_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    let mut rig = Rig::new(&sessions, Lang::Sv, None, None);
    assert_eq!(rig.app.at(), At::Start);
    rig.press(&[key(KeyCode::F(3)), key(KeyCode::Enter)]);
    assert_eq!(rig.setup().page, Page::Details);
    rig.typed("Målstyrningsdag 2027");
    rig.press(&[key(KeyCode::Tab)]);
    rig.typed("Exempelby kommun");
    rig.press(&[key(KeyCode::Enter)]);
    rig.typed("BSP 2027–2029");
    rig.press(&[key(KeyCode::Enter)]);
    rig.typed("2027-03-14");
    rig.press(&[key(KeyCode::Enter)]);
    // An empty goal list opens the import: paste Markdown with perspectives.
    assert!(matches!(rig.setup().mode, Mode::Import(_)));
    rig.paste("## Medborgare\r\n- 1.1 Fler unga i arbete\r\n- 1.2 Äldre ska känna sig trygga\r\n## Ekonomi\r\n- 2.1 Ekonomi i balans\r\n");
    rig.press(&[key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Enter)]);
    let goals: Vec<(String, Option<String>)> =
        rig.setup().draft.goals.iter().map(|g| (g.label(), g.perspective.clone())).collect();
    assert_eq!(
        goals,
        vec![
            ("1.1 Fler unga i arbete".into(), Some("Medborgare".into())),
            ("1.2 Äldre ska känna sig trygga".into(), Some("Medborgare".into())),
            ("2.1 Ekonomi i balans".into(), Some("Ekonomi".into())),
        ]
    );
    // A fourth goal typed by hand, then moved to the top.
    rig.press(&[key(KeyCode::Char('n'))]);
    rig.typed("Klimatneutral kommun 2030");
    rig.press(&[key(KeyCode::Tab)]);
    rig.typed("Miljö");
    rig.press(&[key(KeyCode::Esc), alt(KeyCode::Up), alt(KeyCode::Up), alt(KeyCode::Up)]);
    assert_eq!(rig.setup().draft.goals[0].wording, "Klimatneutral kommun 2030");
    assert_eq!(rig.setup().draft.goals[0].perspective.as_deref(), Some("Miljö"));
    // Groups: two named ones instead of the four offered.
    rig.press(&[ctrl(KeyCode::Right), key(KeyCode::Enter)]);
    clear(&mut rig, 60);
    rig.typed("Röd, Blå");
    rig.press(&[key(KeyCode::Enter)]);
    let names: Vec<&str> = rig.setup().draft.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, vec!["Röd", "Blå"]);
    // Rename the second group.
    rig.press(&[key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Enter)]);
    clear(&mut rig, 3);
    rig.typed("Grön");
    rig.press(&[key(KeyCode::Enter)]);
    assert_eq!(rig.setup().draft.groups[1].name, "Grön");
    // Assignment: by perspective, then a manual toggle and back.
    rig.press(&[ctrl(KeyCode::Right), key(KeyCode::Char('2'))]);
    let w = &rig.setup().draft;
    assert!(assign::warnings(w).is_empty(), "{:?}", assign::warnings(w));
    assert_eq!(w.groups.iter().map(|g| g.goals.len()).sum::<usize>(), 4, "each goal once");
    let first_goal = w.goals[0].id;
    let had = w.groups[0].goals.contains(&first_goal);
    rig.press(&[key(KeyCode::Char(' '))]);
    assert_eq!(rig.setup().draft.groups[0].goals.contains(&first_goal), !had);
    if had {
        assert!(matches!(assign::warnings(&rig.setup().draft)[0], assign::Warning::GoalWithoutGroup { .. }));
        let screen = render(&rig.app, 80, 24);
        assert!(screen.contains("⚠ Ingen grupp arbetar med målet"), "{screen}");
    }
    rig.press(&[key(KeyCode::Char(' '))]);
    // Questions: add a suggested one, remove the first, move the new one up.
    rig.press(&[ctrl(KeyCode::Right), key(KeyCode::Char('n')), key(KeyCode::Down), key(KeyCode::Down)]);
    rig.press(&[key(KeyCode::Enter), key(KeyCode::Esc)]);
    rig.press(&[key(KeyCode::Home), key(KeyCode::Delete), key(KeyCode::End), alt(KeyCode::Up)]);
    let qkeys: Vec<String> = rig.setup().draft.questions.iter().map(|q| q.key.clone()).collect();
    assert_eq!(qkeys, vec!["delmal", "indikatorer", "hur-foljer-vi-upp", "matbarhet"]);
    // Finish: create it; the app opens it on its group list.
    rig.press(&[ctrl(KeyCode::Right), key(KeyCode::Enter)]);
    assert_eq!(rig.app.at(), At::Groups);
    let dirs: Vec<PathBuf> = std::fs::read_dir(&sessions).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(dirs.len(), 1);
    let dir = WorkshopDir::open(&dirs[0]).unwrap();
    let w = dir.load_workshop().unwrap();
    let errors: Vec<_> = validate::check_workshop(&w).into_iter().filter(|f| !f.is_warning()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        (w.title.as_str(), w.organisation.as_str(), w.plan.as_str()),
        ("Målstyrningsdag 2027", "Exempelby kommun", "BSP 2027–2029")
    );
    assert_eq!(w.date, chrono::NaiveDate::from_ymd_opt(2027, 3, 14));
    assert_eq!(w.goals.len(), 4);
    assert_eq!(w.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), vec!["Röd", "Grön"]);
    assert_eq!(w.questions.len(), 4);
    for g in &w.groups {
        assert!(dir.load_group(g).unwrap().is_some(), "an empty file per group");
    }
    assert_eq!(rig.app.workshop().map(|w| w.title.clone()), Some("Målstyrningsdag 2027".into()));
}

#[test]
fn goals_typed_but_not_added_are_kept_when_the_facilitator_moves_on() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    let mut rig = Rig::new(&sessions, Lang::Sv, None, None);
    rig.press(&[key(KeyCode::F(3)), key(KeyCode::Enter)]);
    rig.typed("Dag");
    rig.press(&[ctrl(KeyCode::Right)]);
    assert!(matches!(rig.setup().mode, Mode::Import(_)));
    // Typed, not added with the button: the next page takes them along.
    rig.typed("1.1 Alla barn ska klara skolan");
    rig.press(&[key(KeyCode::Enter)]);
    rig.typed("1.2 Äldre ska leva tryggt");
    rig.press(&[ctrl(KeyCode::Right)]);
    assert_eq!(rig.setup().page, Page::Groups);
    let labels: Vec<String> = rig.setup().draft.goals.iter().map(|g| g.label()).collect();
    assert_eq!(labels, vec!["1.1 Alla barn ska klara skolan", "1.2 Äldre ska leva tryggt"]);
    // Back on the goals page, an import with a problem (a duplicate code):
    // Esc does not throw it away but says why; a second Esc does.
    rig.press(&[ctrl(KeyCode::Left), key(KeyCode::Char('i'))]);
    rig.typed("1.1 Samma kod igen");
    rig.press(&[ctrl(KeyCode::Right)]);
    assert_eq!(rig.setup().page, Page::Goals, "a page change must not drop the text");
    assert!(render(&rig.app, 120, 40).contains("⚠ Inte tillagda – rätta problemen"), "{}", render(&rig.app, 120, 40));
    rig.press(&[key(KeyCode::Esc)]);
    assert!(matches!(rig.setup().mode, Mode::Import(_)), "the first Esc keeps the text");
    rig.press(&[key(KeyCode::Esc)]);
    assert!(matches!(rig.setup().mode, Mode::Browse));
    assert_eq!(rig.setup().draft.goals.len(), 2, "the faulty goal was not added");
}

#[test]
fn goals_from_a_windows_1252_file_and_problems_line_by_line() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252
        .encode("Kod;Mål;Perspektiv\n1;Öka tryggheten för äldre;Medborgare\n2;\"Skola; förskola\";Medborgare\n");
    let good = tmp.path().join("mal.csv");
    std::fs::write(&good, &bytes).unwrap();
    let bad = tmp.path().join("fel.txt");
    std::fs::write(&bad, "1 Ett\n1 Två\n").unwrap();
    let mut rig = Rig::new(&sessions, Lang::Sv, None, None);
    rig.press(&[key(KeyCode::F(3)), key(KeyCode::Enter)]);
    rig.typed("Dag");
    rig.press(&[ctrl(KeyCode::Right)]);
    // The bad file: its duplicate code shown on its line, nothing added.
    rig.press(&[key(KeyCode::Tab)]);
    rig.typed(&bad.display().to_string());
    rig.press(&[key(KeyCode::Enter)]);
    let screen = render(&rig.app, 80, 24);
    assert!(screen.contains("rad 2: fel: koden \"1\""), "{screen}");
    rig.press(&[key(KeyCode::Enter)]);
    assert!(rig.setup().draft.goals.is_empty());
    assert!(render(&rig.app, 80, 24).contains("⚠ Rätta felen"));
    // The good file: åäö intact, the quoted ';' kept in the wording.
    rig.press(&[key(KeyCode::BackTab)]);
    clear(&mut rig, 200);
    rig.typed(&good.display().to_string());
    rig.press(&[key(KeyCode::Enter)]);
    assert!(render(&rig.app, 120, 40).contains("mal.csv (csv, Windows-1252): 2 mål · problem: 0"));
    rig.press(&[key(KeyCode::Enter)]);
    let goals: Vec<String> = rig.setup().draft.goals.iter().map(|g| g.label()).collect();
    assert_eq!(goals, vec!["1 Öka tryggheten för äldre", "2 Skola; förskola"]);
    // A missing file is an error message, not a crash.
    rig.press(&[key(KeyCode::Char('i')), key(KeyCode::Tab)]);
    rig.typed("/finns/inte.csv");
    rig.press(&[key(KeyCode::Enter)]);
    assert!(render(&rig.app, 80, 24).contains("Kunde inte läsa filen"));
}

#[test]
fn editing_keeps_answers_and_a_timer_another_terminal_started() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = answered_workshop(tmp.path());
    let mut rig = Rig::new(tmp.path(), Lang::Sv, Some(&dir.root), None);
    assert_eq!(rig.app.at(), At::Groups);
    // A group answers after the workshop was opened: still counted.
    let w = dir.load_workshop().unwrap();
    let mut blue = GroupFile::new(&w, &w.groups[1]);
    blue.answers_mut(w.goals[1].id).answers.insert(keys::EFFECT.into(), Answer::Text("Balans".into()));
    dir.save_group(&w.groups[1], &blue).unwrap();
    rig.press(&[key(KeyCode::F(3)), key(KeyCode::Down), key(KeyCode::Enter)]);
    assert!(!rig.setup().is_new());
    rig.press(&[ctrl(KeyCode::Right), key(KeyCode::Down), key(KeyCode::Delete)]);
    assert!(render(&rig.app, 80, 24).contains("Grupper som har skrivit om målet: 1."), "asks before removing a goal");
    rig.press(&[key(KeyCode::Esc), ctrl(KeyCode::Left)]);
    assert_eq!(rig.setup().draft.goals.len(), 2);
    // Meanwhile, another terminal starts the timer.
    store::update::update_workshop(&dir, |w| {
        TimerOp::Start { minutes: 20, label: "Runda 1".into() }.apply(w, Utc::now())
    })
    .unwrap();
    for _ in 0..4 {
        rig.press(&[ctrl(KeyCode::Right)]);
    }
    assert_eq!(rig.setup().page, Page::Questions);
    rig.press(&[key(KeyCode::Delete)]);
    assert!(render(&rig.app, 80, 24).contains("Frågan har 2 svar"), "asks first");
    rig.press(&[key(KeyCode::Char('n'))]);
    assert_eq!(rig.setup().draft.questions.len(), 4, "no keeps it");
    rig.press(&[key(KeyCode::Delete), key(KeyCode::Enter)]);
    assert_eq!(rig.setup().draft.questions.len(), 3);
    rig.press(&[ctrl(KeyCode::Char('s'))]);
    let w = dir.load_workshop().unwrap();
    assert_eq!(w.questions.len(), 3);
    assert!(w.question(keys::EFFECT).is_none());
    assert_eq!(w.timer.as_ref().map(|t| t.label.as_str()), Some("Runda 1"), "the timer survived the save");
    let file = dir.load_group(&w.groups[0]).unwrap().unwrap();
    assert_eq!(file.answers(w.goals[0].id).unwrap().text(keys::EFFECT), Some("Tryggare barn"), "answers kept");
    assert!(render(&rig.app, 80, 24).contains("✓ Sparat"));
}

#[test]
fn a_question_set_saved_as_a_template_is_chosen_for_the_next_workshop() {
    let tmp = tempfile::tempdir().unwrap();
    // Only this test touches templates in this binary.
    std::env::set_var("MALVERKSTAD_CONFIG_DIR", tmp.path().join("config"));
    let mut rig = Rig::new(&tmp.path().join("s"), Lang::En, None, None);
    rig.press(&[key(KeyCode::F(3)), key(KeyCode::Enter)]);
    for _ in 0..4 {
        rig.press(&[ctrl(KeyCode::Right)]);
    }
    rig.press(&[key(KeyCode::Char('m'))]);
    assert!(render(&rig.app, 80, 24).contains("No saved question templates yet"));
    rig.press(&[key(KeyCode::Delete), key(KeyCode::Char('t'))]);
    rig.typed("Kort mall");
    rig.press(&[key(KeyCode::Enter)]);
    assert!(render(&rig.app, 80, 24).contains("Saved the question template \"Kort mall\""));
    // A second new workshop starts with the four defaults; the template gives three.
    rig.press(&[key(KeyCode::Esc), key(KeyCode::Enter), key(KeyCode::Enter)]);
    for _ in 0..4 {
        rig.press(&[ctrl(KeyCode::Right)]);
    }
    assert_eq!(rig.setup().draft.questions.len(), 4);
    rig.press(&[key(KeyCode::Char('m'))]);
    assert!(render(&rig.app, 80, 24).contains("Kort mall  (questions: 3)"));
    rig.press(&[key(KeyCode::Enter)]);
    let keys: Vec<String> = rig.setup().draft.questions.iter().map(|q| q.key.clone()).collect();
    let expected: Vec<String> = default_questions().into_iter().skip(1).map(|q| q.key).collect();
    assert_eq!(keys, expected);
}

#[test]
fn leaving_an_unsaved_draft_asks_first() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rig = Rig::new(tmp.path(), Lang::Sv, None, None);
    rig.press(&[key(KeyCode::F(3)), key(KeyCode::Enter)]);
    rig.typed("Utkast");
    rig.press(&[ctrl(KeyCode::Right), key(KeyCode::Esc), key(KeyCode::Esc)]);
    assert!(render(&rig.app, 80, 24).contains("Lämna utan att spara?"));
    rig.press(&[key(KeyCode::Esc)]);
    assert_eq!(rig.setup().draft.title, "Utkast", "no keeps the draft");
    rig.press(&[key(KeyCode::Esc), key(KeyCode::Enter)]);
    assert_eq!(rig.app.at(), At::Menu);
}

// ---------------------------------------------------------------- the timer

#[test]
fn the_timer_is_started_paused_resumed_extended_and_stopped_with_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = answered_workshop(tmp.path());
    let mut rig = Rig::new(tmp.path(), Lang::Sv, Some(&dir.root), None);
    rig.press(&[key(KeyCode::F(3)), key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Enter)]);
    clear(&mut rig, 5);
    rig.typed("15x");
    rig.press(&[key(KeyCode::Down)]);
    rig.typed("Runda 2");
    rig.press(&[key(KeyCode::Enter)]);
    let timer = || dir.load_workshop().unwrap().timer;
    let t = timer().expect("started");
    assert_eq!((t.label.as_str(), t.total_secs, t.is_paused()), ("Runda 2", 15 * 60, false), "letters are not minutes");
    // Rows: minutes, label, start, pause/resume, add, stop.
    rig.press(&[key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Enter)]);
    assert!(timer().unwrap().is_paused());
    assert!(render(&rig.app, 80, 24).contains("(pausad)"));
    rig.press(&[key(KeyCode::Enter)]);
    assert!(!timer().unwrap().is_paused());
    rig.press(&[key(KeyCode::Down), key(KeyCode::Right), key(KeyCode::Enter)]);
    assert_eq!(timer().unwrap().total_secs, 21 * 60, "15 + 6 minutes");
    rig.press(&[key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!(timer(), None);
    assert!(render(&rig.app, 80, 24).contains("Ingen timer är igång."));
}

#[test]
fn a_group_terminal_cannot_reach_the_facilitator_screens() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = answered_workshop(tmp.path());
    let mut rig = Rig::new(tmp.path(), Lang::Sv, Some(&dir.root), Some("Röd"));
    assert_eq!(rig.app.at(), At::Goals);
    rig.press(&[key(KeyCode::Esc), key(KeyCode::F(3))]);
    assert_eq!(rig.app.at(), At::Goals);
    assert!(!render(&rig.app, 80, 24).contains("F3"));
    // Without --group, F3 opens the menu from the group list.
    let mut rig = Rig::new(tmp.path(), Lang::Sv, Some(&dir.root), None);
    rig.press(&[key(KeyCode::F(3))]);
    assert!(render(&rig.app, 80, 24).contains("Ledarmeny"));
}

#[test]
fn the_status_bar_says_two_minutes_left_and_time_is_up_in_words() {
    let t0 = Utc.with_ymd_and_hms(2027, 3, 14, 10, 0, 0).unwrap();
    let mut w = Workshop::new("Dag");
    w.goals = vec![Goal::new(Some("1".into()), "Trygg uppväxt")];
    w.groups = malverkstad::domain::setup::make_groups(&["Röd".into()]);
    w.groups[0].goals = vec![w.goals[0].id];
    w.timer = Some(Timer::start(20, "Runda 1", t0));
    let mut app = new_app(Lang::Sv, "/f");
    load(&mut app, loaded("/f/dag", w.clone(), BTreeMap::new()));
    let group = w.groups[0].id;
    let file = GroupFile::new(&w, &w.groups[0]);
    press(&mut app, &[key(KeyCode::Enter)]);
    app.update(
        Msg::GroupOpened(Box::new(GroupOpened { group, file, locked_by: None, recovery: None })),
        Instant::now(),
    );
    let status = |app: &App| render(app, 80, 24).lines().last().unwrap().to_string();
    app.now = t0 + Duration::seconds(60);
    assert!(status(&app).contains("⏱ Runda 1 · Tid kvar 19:00"), "{}", status(&app));
    app.now = t0 + Duration::seconds(20 * 60 - 100);
    assert!(status(&app).contains("⚠ Runda 1 · Tid kvar 1:40 – 2 minuter kvar!"), "{}", status(&app));
    app.now = t0 + Duration::seconds(20 * 60 + 42);
    assert!(status(&app).contains("⏰ Runda 1 · Tiden är ute (+0:42)"), "{}", status(&app));
    // Text stays editable after time is up.
    press(&mut app, &[key(KeyCode::Enter), key('x')]);
    let file = &app.group.as_ref().unwrap().file;
    assert_eq!(file.answers(w.goals[0].id).and_then(|a| a.text(keys::EFFECT)), Some("x"));
}

// ---------------------------------------------------------------- effects

#[test]
fn the_shell_reports_failures_as_messages() {
    use malverkstad::tui::facil::run;
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("borta");
    let msg = run(FacilEffect::Timer { root: missing.clone(), op: TimerOp::Pause }, Lang::Sv);
    assert!(matches!(msg, FacilMsg::TimerSaved(Err(_))), "{msg:?}");
    let w = Box::new(Workshop::new("x"));
    let msg = run(FacilEffect::SaveSetup { root: missing, base: w.clone(), workshop: w, removed: vec![] }, Lang::Sv);
    assert!(matches!(msg, FacilMsg::SetupSaved(Err(_))), "{msg:?}");
    // Stop with no timer changes nothing and still answers with the workshop.
    let dir = answered_workshop(tmp.path());
    let before = std::fs::read(dir.workshop_path()).unwrap();
    let msg = run(FacilEffect::Timer { root: dir.root.clone(), op: TimerOp::Stop }, Lang::Sv);
    assert!(matches!(msg, FacilMsg::TimerSaved(Ok(ref w)) if w.timer.is_none()));
    assert_eq!(std::fs::read(dir.workshop_path()).unwrap(), before, "nothing written");
}

#[test]
fn effects_are_data() {
    // Creating asks the shell, with the draft; nothing is written by the app.
    let mut app = new_app(Lang::Sv, "/nowhere");
    app.update(Msg::Workshops(Vec::new()), Instant::now());
    press(&mut app, &[key(KeyCode::F(3)), key(KeyCode::Enter)]);
    typed(&mut app, "T");
    press(&mut app, &[ctrl(KeyCode::Right)]);
    paste(&mut app, "Ett mål");
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Enter)]);
    let fx = press(&mut app, &[ctrl('s')]);
    let [Effect::Facil(FacilEffect::Create { sessions, workshop })] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(sessions, &PathBuf::from("/nowhere"));
    assert_eq!((workshop.title.as_str(), workshop.goals.len(), workshop.groups.len()), ("T", 1, 4));
}

// ---------------------------------------------------------------- snapshots

/// The facilitator's screens, each built by keys.
fn screens(lang: Lang) -> Vec<(&'static str, App)> {
    let t0 = Utc.with_ymd_and_hms(2027, 3, 14, 10, 0, 0).unwrap();
    let mut w = Workshop::new("Målstyrningsdag KS 2027");
    w.goals = vec![
        Goal::new(Some("1.1".into()), "Fler unga ska ha en egen försörjning genom arbete eller studier"),
        Goal::new(Some("1.2".into()), "Äldre ska känna sig trygga i sitt boende"),
        Goal::new(Some("2.1".into()), "Kommunen ska ha en ekonomi i balans"),
    ];
    w.goals[0].perspective = Some("Medborgare".into());
    w.goals[0].owner = Some("Kommunstyrelsen".into());
    w.groups = malverkstad::domain::setup::make_groups(&["Grupp 1".into(), "Grupp 2".into()]);
    w.groups[0].goals = vec![w.goals[0].id, w.goals[1].id];
    w.timer = Some(Timer::start(20, "Runda 1", t0));
    let mut answered = GroupFile::new(&w, &w.groups[0]);
    answered.answers_mut(w.goals[0].id).answers.insert(keys::EFFECT.into(), Answer::Text("Fler i arbete".into()));
    let files: BTreeMap<_, _> = [(w.groups[0].id, answered)].into_iter().collect();
    let open = |keys: &[KeyEvent]| {
        let mut app = new_app(lang, "/f");
        app.now = t0 + Duration::seconds(20 * 60 - 90);
        load(&mut app, loaded("/f/ks", w.clone(), files.clone()));
        press(&mut app, keys);
        app
    };
    let f3 = key(KeyCode::F(3));
    let (down, enter, next) = (key(KeyCode::Down), key(KeyCode::Enter), ctrl(KeyCode::Right));
    let mut out = vec![
        ("menu", open(&[f3])),
        ("timer", open(&[f3, down, down, enter])),
        ("edit_details", open(&[f3, down, enter])),
        ("edit_goals", open(&[f3, down, enter, next])),
        ("edit_goal_form", open(&[f3, down, enter, next, enter])),
        ("edit_groups", open(&[f3, down, enter, next, next])),
        ("edit_assign", open(&[f3, down, enter, next, next, next, down, key(KeyCode::Right)])),
        ("edit_questions", open(&[f3, down, enter, next, next, next, next])),
        ("edit_question_new", open(&[f3, down, enter, next, next, next, next, key(KeyCode::Char('n'))])),
        ("edit_question_remove", open(&[f3, down, enter, next, next, next, next, key(KeyCode::Delete)])),
        ("edit_finish", open(&[f3, down, enter, next, next, next, next, next])),
    ];
    let mut import = new_app(lang, "/f");
    import.update(Msg::Workshops(Vec::new()), Instant::now());
    press(&mut import, &[f3, enter]);
    typed(&mut import, "Ny dag");
    press(&mut import, &[next]);
    paste(&mut import, "1.1 Trygg uppväxt\n1.1 Samma kod igen\n2.1 Ekonomi i balans\n");
    out.push(("new_import", import));
    out
}

#[test]
fn snapshots_of_the_setup_screens() {
    for lang in [Lang::Sv, Lang::En] {
        for (name, app) in screens(lang) {
            for (w, h) in [(80, 24), (120, 40)] {
                let text = render(&app, w, h);
                assert_fits(&text, w, &format!("{name}: "));
                insta::assert_snapshot!(format!("{name}_{}_{w}x{h}", lang.code()), text);
            }
        }
    }
}

#[test]
fn ctrl_q_asks_first_while_the_setup_is_unsaved() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rig = Rig::new(tmp.path(), Lang::En, None, None);
    rig.press(&[key(KeyCode::F(3)), key(KeyCode::Enter)]);
    rig.typed("Draft");
    let fx = press(&mut rig.app, &[ctrl('q')]);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(render(&rig.app, 80, 24).contains("Quit without saving?"));
    rig.press(&[key(KeyCode::Esc)]);
    rig.typed(" 2");
    assert_eq!(rig.setup().draft.title, "Draft 2", "back in the details form");
    rig.press(&[key(KeyCode::Esc)]);
    assert!(render(&rig.app, 80, 24).contains("Leave without saving?"), "Esc asks too");
    rig.press(&[key(KeyCode::Esc)]);
    press(&mut rig.app, &[ctrl('q')]);
    let fx = press(&mut rig.app, &[ctrl('q')]);
    assert_eq!(fx, vec![Effect::Quit], "a second Ctrl-Q quits");
}
