//! The group TUI without a terminal: key scripts fed to `App::update`,
//! snapshots of every screen on a `TestBackend`, sizes and resizes, and the
//! real event loop driven through its channel on a temporary workshop.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use malverkstad::app::{App, At, Effect, GroupOpened, Loaded, Msg, Theme};
use malverkstad::domain::model::{
    default_questions, keys, Answer, Frequency, Goal, GoalAnswers, Group, GroupFile, Indicator, ListItem, Measure,
    Timer, Verdict, VerdictAnswer, Workshop,
};
use malverkstad::i18n::Lang;
use malverkstad::store::WorkshopDir;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use uuid::Uuid;

#[path = "../common/mod.rs"]
mod common;

use common::app::{id, load, new_app, open_group, press, render, t0, typed};
use common::keys::{alt, ctrl, key};

// ---------------------------------------------------------------- fixture

/// A fixed workshop built here, not read from the demo files.
fn workshop() -> Workshop {
    let mut w = Workshop::new("Målstyrningsdag KS 2027");
    w.id = id(1);
    w.organisation = "Exempelby kommun".into();
    w.date = chrono::NaiveDate::from_ymd_opt(2027, 3, 14);
    w.goals = vec![
        Goal {
            id: id(101),
            code: Some("1.1".into()),
            wording: "Fler unga ska ha en egen försörjning genom arbete eller studier, och ingen ska lämna skolan utan en plan för framtiden.".into(),
            perspective: Some("Medborgare".into()),
            owner: Some("Kommunstyrelsen".into()),
        },
        Goal { id: id(102), code: Some("1.2".into()), wording: "Äldre ska känna sig trygga i sitt boende.".into(), perspective: None, owner: None },
        Goal { id: id(103), code: Some("2.1".into()), wording: "Kommunen ska ha en ekonomi i balans.".into(), perspective: None, owner: None },
    ];
    w.groups = vec![
        Group { id: id(201), name: "Grupp 1".into(), slug: "grupp-1".into(), goals: vec![id(101), id(102)] },
        Group { id: id(202), name: "Grupp 2".into(), slug: "grupp-2".into(), goals: vec![id(103)] },
    ];
    w
}

fn loaded(w: Workshop, files: BTreeMap<Uuid, GroupFile>) -> Loaded {
    common::app::loaded("/fixture/ws", w, files)
}

fn filled_file(w: &Workshop) -> GroupFile {
    let mut f = GroupFile::new(w, &w.groups[0]);
    let mut a = GoalAnswers::default();
    a.answers.insert(keys::EFFECT.into(), Answer::Text("Fler unga i arbete eller studier.".into()));
    let mut sub = ListItem::new("Halvera ungdomsarbetslösheten");
    sub.id = id(301);
    sub.owner = "Arbetsmarknadsnämnden".into();
    let mut sub2 = ListItem::new("Alla elever har en studieplan");
    sub2.id = id(302);
    a.answers.insert(keys::SUBGOALS.into(), Answer::List(vec![sub, sub2]));
    let mut ind = Indicator::new("Andel unga i arbete");
    ind.id = id(401);
    ind.definition = "Andel 20–24 år som förvärvsarbetar".into();
    ind.source = "Kolada".into();
    ind.kolada = "N00955".into();
    ind.baseline = Measure { value: "71".into(), year: "2025".into() };
    ind.target = Measure { value: "80".into(), year: "2029".into() };
    ind.frequency = Some(Frequency::Year);
    ind.responsible = "Kommunchef".into();
    ind.subgoal = Some(id(301));
    a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
    a.answers.insert(
        keys::MEASURABILITY.into(),
        Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Partly), how: "Kolada årligen".into() }),
    );
    f.goals.insert(id(101), a);
    f
}

/// An app on the goal list of Grupp 1 with `file`.
fn app_in_group(lang: Lang, file: Option<GroupFile>) -> App {
    let w = workshop();
    let file = file.unwrap_or_else(|| GroupFile::new(&w, &w.groups[0]));
    let mut app = new_app(lang, "/fixture");
    app.now = Utc.with_ymd_and_hms(2027, 3, 14, 10, 0, 0).unwrap();
    let fx = common::app::load(&mut app, loaded(w, BTreeMap::new()));
    assert!(fx.is_empty());
    press(&mut app, &[KeyCode::Enter]);
    common::app::open_group(&mut app, id(201), file);
    app
}

fn answers(app: &App, goal: u128) -> GoalAnswers {
    app.group.as_ref().unwrap().file.answers(id(goal)).cloned().unwrap_or_default()
}

// ---------------------------------------------------------------- key scripts

#[test]
fn a_whole_goal_is_filled_in_with_keys() {
    let mut app = app_in_group(Lang::Sv, None);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.at(), At::Wizard);
    typed(&mut app, "Fler unga i arbete");
    let fx = press(&mut app, &[ctrl(KeyCode::Right)]);
    assert!(fx.iter().any(|e| matches!(e, Effect::Save { .. })), "a step change saves: {fx:?}");
    // Two sub-goals, the first with an owner.
    press(&mut app, &[key(KeyCode::Char('n'))]);
    typed(&mut app, "Halvera arbetslösheten");
    press(&mut app, &[key(KeyCode::Tab)]);
    typed(&mut app, "AMN");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Down), key(KeyCode::Enter)]);
    typed(&mut app, "Studieplan för alla");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::PageDown)]);
    // An indicator with every field.
    press(&mut app, &[key(KeyCode::Enter)]);
    for (i, v) in ["Andel i arbete", "Andel 20–24 år", "SCB", "N00955", "71", "2025", "80", "2029"].iter().enumerate()
    {
        if i > 0 {
            press(&mut app, &[key(KeyCode::Tab)]);
        }
        typed(&mut app, v);
    }
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Right), key(KeyCode::Right), key(KeyCode::Tab)]);
    typed(&mut app, "Kommunchef");
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Right), key(KeyCode::Right), key(KeyCode::Enter)]);
    press(&mut app, &[ctrl(KeyCode::Right), key(KeyCode::Right), key(KeyCode::Right), key(KeyCode::Tab)]);
    typed(&mut app, "Årlig uppföljning");

    let a = answers(&app, 101);
    assert_eq!(a.text(keys::EFFECT), Some("Fler unga i arbete"));
    let subs = a.list(keys::SUBGOALS);
    assert_eq!(subs.len(), 2);
    assert_eq!((subs[0].text.as_str(), subs[0].owner.as_str()), ("Halvera arbetslösheten", "AMN"));
    assert_eq!((subs[1].text.as_str(), subs[1].owner.as_str()), ("Studieplan för alla", ""));
    let inds = a.indicators(keys::INDICATORS);
    assert_eq!(inds.len(), 1);
    let i = &inds[0];
    assert_eq!(
        (i.name.as_str(), i.definition.as_str(), i.source.as_str(), i.kolada.as_str()),
        ("Andel i arbete", "Andel 20–24 år", "SCB", "N00955")
    );
    assert_eq!(i.baseline, Measure { value: "71".into(), year: "2025".into() });
    assert_eq!(i.target, Measure { value: "80".into(), year: "2029".into() });
    assert_eq!(i.frequency, Some(Frequency::Quarter), "two steps right from none: month, quarter");
    assert_eq!(i.responsible, "Kommunchef");
    assert_eq!(i.subgoal, Some(subs[1].id), "two steps right from none: the second sub-goal");
    let v = a.verdict(keys::MEASURABILITY).unwrap();
    assert_eq!(v.verdict, Some(Verdict::Partly));
    assert_eq!(v.how, "Årlig uppföljning");
    assert!(app.group.as_ref().unwrap().save.dirty);
}

#[test]
fn undo_brings_back_a_deleted_subgoal_and_redo_deletes_it_again() {
    let mut app = app_in_group(Lang::Sv, Some(filled_file(&workshop())));
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::PageDown)]);
    let before = answers(&app, 101).list(keys::SUBGOALS).to_vec();
    assert_eq!(before.len(), 2);
    press(&mut app, &[key(KeyCode::Delete)]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS).len(), 1);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS)[0].id, id(302));
    press(&mut app, &[ctrl('z')]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS), &before[..], "same ids, texts and order");
    press(&mut app, &[ctrl('y')]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS).len(), 1);
    // Reordering is undoable too.
    press(&mut app, &[ctrl('z'), key(KeyCode::Down), alt(KeyCode::Up)]);
    let moved = answers(&app, 101).list(keys::SUBGOALS).to_vec();
    assert_eq!(moved.iter().map(|i| i.id).collect::<Vec<_>>(), vec![id(302), id(301)]);
    press(&mut app, &[ctrl('z')]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS), &before[..]);
}

#[test]
fn typing_undoes_word_by_word() {
    let mut app = app_in_group(Lang::Sv, None);
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "ett två tre");
    press(&mut app, &[ctrl('z')]);
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("ett två"));
    press(&mut app, &[ctrl('z'), ctrl('z')]);
    assert_eq!(answers(&app, 101).text(keys::EFFECT).unwrap_or(""), "");
    press(&mut app, &[ctrl('y')]);
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("ett"));
}

#[test]
fn paste_is_normalised_and_one_undo_step() {
    let mut app = app_in_group(Lang::Sv, None);
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "Start ");
    app.update(Msg::Paste("Rad ett\r\nRad två: e\u{301} 🎉".into()), t0());
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("Start Rad ett\nRad två: é 🎉"));
    press(&mut app, &[ctrl('z')]);
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("Start "));
    // Into a one-line field, lines are joined.
    press(&mut app, &[key(KeyCode::PageDown), key(KeyCode::Char('n'))]);
    app.update(Msg::Paste("a\nb\r\n".into()), t0());
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS)[0].text, "a b");
}

#[test]
fn esc_never_loses_text() {
    let mut app = app_in_group(Lang::Sv, None);
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "Effekten");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.at(), At::Goals);
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("Effekten"));
    // Back in: the editor shows it and typing continues at the end.
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "!");
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("Effekten!"));
    // Esc from a half-typed sub-goal keeps it.
    press(&mut app, &[key(KeyCode::PageDown), key(KeyCode::Char('n'))]);
    typed(&mut app, "Halvfärdigt");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS)[0].text, "Halvfärdigt");
    // A new item left blank is dropped, not kept as an empty row.
    press(&mut app, &[key(KeyCode::Char('n')), key(KeyCode::Esc)]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS).len(), 1);
}

#[test]
fn questions_added_by_the_facilitator_become_steps() {
    let mut w = workshop();
    let mut extra = default_questions()[0].clone();
    extra.key = "risker".into();
    extra.prompt = malverkstad::domain::model::Bilingual::new("Vilka risker finns?", "What are the risks?");
    w.questions.push(extra);
    let file = GroupFile::new(&w, &w.groups[0]);
    let mut app = new_app(Lang::Sv, "/f");
    load(&mut app, loaded(w, BTreeMap::new()));
    open_group(&mut app, id(201), file);
    press(&mut app, &[key(KeyCode::Enter)]);
    for _ in 0..4 {
        press(&mut app, &[key(KeyCode::PageDown)]);
    }
    typed(&mut app, "Tidsbrist");
    assert_eq!(answers(&app, 101).text("risker"), Some("Tidsbrist"));
}

// ---------------------------------------------------------------- saving

#[test]
fn autosave_after_a_pause_on_ctrl_s_and_retry_after_failure() {
    let mut app = app_in_group(Lang::Sv, None);
    let start = Instant::now();
    app.update(Msg::Key(key(KeyCode::Enter)), start);
    let fx = app.update(Msg::Key(key(KeyCode::Char('a'))), start);
    assert!(fx.is_empty());
    let deadline = app.next_deadline().expect("a save is scheduled");
    assert!(deadline <= start + Duration::from_secs(1));
    assert!(app.update(Msg::Tick(Utc::now()), start + Duration::from_millis(200)).is_empty());
    let fx = app.update(Msg::Tick(Utc::now()), start + Duration::from_secs(1));
    let Some(Effect::Save { generation, file, .. }) = fx.first() else { panic!("save due: {fx:?}") };
    assert_eq!(file.answers(id(101)).unwrap().text(keys::EFFECT), Some("a"));
    // It fails: the warning shows, the text stays, a retry comes.
    app.update(
        Msg::Saved { generation: *generation, result: Err("Disken är full".into()) },
        start + Duration::from_secs(1),
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("KUNDE INTE SPARA"), "{screen}");
    assert!(screen.contains("Disken är full"), "{screen}");
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("a"));
    let fx = app.update(Msg::Tick(Utc::now()), start + Duration::from_secs(5));
    assert!(matches!(fx.first(), Some(Effect::Save { .. })), "retry: {fx:?}");
    // Ctrl-S while a save runs waits for it; after it, Ctrl-S saves at once.
    let Some(Effect::Save { generation, .. }) = fx.first() else { unreachable!() };
    app.update(Msg::Saved { generation: *generation, result: Ok(Utc::now()) }, start + Duration::from_secs(5));
    assert!(render(&app, 80, 24).contains("Sparat"));
    app.update(Msg::Key(key(KeyCode::Char('b'))), start + Duration::from_secs(6));
    let fx = app.update(Msg::Key(ctrl('s')), start + Duration::from_secs(6));
    assert!(matches!(fx.first(), Some(Effect::Save { .. })), "{fx:?}");
}

#[test]
fn ctrl_q_saves_first_then_quits() {
    let mut app = app_in_group(Lang::Sv, None);
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "x");
    let fx = press(&mut app, &[ctrl('q')]);
    let Some(Effect::Save { generation, .. }) = fx.first() else { panic!("{fx:?}") };
    assert!(!fx.contains(&Effect::Quit));
    let fx = app.update(Msg::Saved { generation: *generation, result: Ok(Utc::now()) }, t0());
    assert!(fx.contains(&Effect::Quit), "{fx:?}");
}

#[test]
fn a_locked_group_opens_read_only_on_request() {
    let w = workshop();
    let file = filled_file(&w);
    let mut app = new_app(Lang::En, "/f");
    load(&mut app, loaded(w, BTreeMap::new()));
    let holder = "laptop-2, process 4242, since 09:12".to_string();
    app.update(
        Msg::GroupOpened(Box::new(GroupOpened { group: id(201), file, locked_by: Some(holder), recovery: None })),
        t0(),
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("laptop-2, process 4242"), "{screen}");
    app.update(Msg::Key(key(KeyCode::Enter)), t0());
    assert!(app.group.as_ref().unwrap().read_only);
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "zzz");
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("Fler unga i arbete eller studier."));
    let fx = press(&mut app, &[ctrl('s'), ctrl('q')]);
    assert!(!fx.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert!(render(&app, 80, 24).contains("READ-ONLY"));
}

#[test]
fn a_recovery_file_is_offered_and_restored() {
    let w = workshop();
    let recovered = filled_file(&w);
    let mut app = new_app(Lang::Sv, "/f");
    load(&mut app, loaded(w.clone(), BTreeMap::new()));
    let path = PathBuf::from("/f/groups/grupp-1.ron.recovery");
    let opened = GroupOpened {
        group: id(201),
        file: GroupFile::new(&w, &w.groups[0]),
        locked_by: None,
        recovery: Some((path.clone(), recovered.clone())),
    };
    app.update(Msg::GroupOpened(Box::new(opened)), t0());
    assert!(render(&app, 80, 24).contains("Osparad text hittades"));
    let fx = app.update(Msg::Key(key(KeyCode::Enter)), t0());
    assert!(fx.contains(&Effect::DiscardRecovery(path)));
    assert_eq!(app.group.as_ref().unwrap().file.goals, recovered.goals);
    assert!(app.group.as_ref().unwrap().save.dirty, "restored text gets saved");
}

// ---------------------------------------------------------------- snapshots

/// Every screen, built by keys from the fixture.
fn screens(lang: Lang) -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    // Start screen with a workshop, and empty (demo offered).
    let mut start = new_app(lang, "/sessions");
    start.update(
        Msg::Workshops(vec![malverkstad::store::WorkshopSummary {
            dir: PathBuf::from("/sessions/ks-2027"),
            workshop: Ok(workshop()),
            last_saved: None,
        }]),
        t0(),
    );
    out.push(("start", start));
    let mut empty = new_app(lang, "/sessions");
    empty.update(Msg::Workshops(Vec::new()), t0());
    out.push(("start_empty", empty));
    let mut groups = new_app(lang, "/f");
    let w = workshop();
    let mut files = BTreeMap::new();
    files.insert(id(201), filled_file(&w));
    load(&mut groups, loaded(w.clone(), files));
    out.push(("groups", groups));
    let filled = || app_in_group(lang, Some(filled_file(&workshop())));
    out.push(("goals", filled()));
    let mut a = filled();
    press(&mut a, &[key(KeyCode::Enter)]);
    out.push(("wizard_effect", a));
    let mut a = filled();
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::PageDown)]);
    out.push(("wizard_subgoals", a));
    let mut a = filled();
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::Enter), key(KeyCode::Tab)]);
    out.push(("wizard_subgoal_form", a));
    let mut a = filled();
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::PageDown)]);
    out.push(("wizard_indicators", a));
    let mut a = filled();
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::Enter)]);
    for _ in 0..8 {
        press(&mut a, &[key(KeyCode::Tab)]);
    }
    out.push(("wizard_indicator_form", a));
    let mut a = filled();
    let mut wt = workshop();
    wt.timer = Some(Timer { label: "Runda 1".into(), total_secs: 1200, elapsed_secs: 445, running_since: None });
    a.update(Msg::WorkshopChanged(Box::new(wt)), t0());
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::PageUp), ctrl(KeyCode::Left)]);
    for _ in 0..3 {
        press(&mut a, &[ctrl(KeyCode::Right)]);
    }
    out.push(("wizard_verdict_timer", a));
    let mut a = filled();
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::F(1))]);
    out.push(("help_wizard", a));
    let mut a = filled();
    press(&mut a, &[key(KeyCode::Char('?'))]);
    out.push(("help_goals", a));
    let mut a = new_app(lang, "/f");
    load(&mut a, loaded(workshop(), BTreeMap::new()));
    let holder = "laptop-2, process 4242, 09:12".to_string();
    let file = GroupFile::new(&workshop(), &workshop().groups[0]);
    a.update(
        Msg::GroupOpened(Box::new(GroupOpened { group: id(201), file, locked_by: Some(holder), recovery: None })),
        t0(),
    );
    out.push(("dialog_locked", a));
    out
}

#[test]
fn snapshots_of_every_screen() {
    for lang in [Lang::Sv, Lang::En] {
        for (name, app) in screens(lang) {
            for (w, h) in [(80, 24), (120, 40)] {
                let text = render(&app, w, h);
                insta::assert_snapshot!(format!("{name}_{}_{w}x{h}", lang.code()), text);
            }
        }
    }
}

#[test]
fn below_80x24_a_plain_message() {
    let app = app_in_group(Lang::Sv, None);
    let text = render(&app, 79, 24);
    assert!(text.contains("Förstora fönstret (minst 80×24)"), "{text}");
    let app = app_in_group(Lang::En, None);
    assert!(render(&app, 80, 23).contains("Enlarge the window"));
}

#[test]
fn no_panic_at_any_small_size_or_on_resizes() {
    for (name, mut app) in screens(Lang::Sv) {
        for w in 0..=20 {
            for h in 0..=10 {
                let _ = render(&app, w, h);
            }
        }
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for (w, h) in
            [(80, 24), (0, 0), (1, 1), (200, 60), (79, 24), (80, 23), (81, 25), (300, 100), (80, 24), (2, 200)]
        {
            term.backend_mut().resize(w, h);
            app.update(Msg::Resize(w, h), t0());
            term.autoresize().unwrap();
            term.draw(|f| f.render_widget(&app, f.area())).unwrap_or_else(|e| panic!("{name} {w}x{h}: {e}"));
        }
    }
}

#[test]
fn wide_characters_emoji_and_decomposed_letters_keep_the_layout() {
    let mut app = app_in_group(Lang::Sv, None);
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = "漢字と🎉👨‍👩‍👧 e\u{301}n lång rad som måste brytas ".repeat(6);
    app.update(Msg::Paste(text.clone()), t0());
    let stored = answers(&app, 101).text(keys::EFFECT).unwrap().to_string();
    assert!(stored.contains("én"), "decomposed letters composed (NFC)");
    for (w, h) in [(80, 24), (120, 40), (81, 30)] {
        let screen = render(&app, w, h);
        for line in screen.lines() {
            let inner = line.split(" Hidden by").next().unwrap_or(line);
            let width = unicode_width::UnicodeWidthStr::width(inner.trim_matches('"'));
            assert!(width <= w as usize, "line wider than {w}: {line}");
        }
        // The box border is intact on every row of the editor.
        let rows_with_right_border = screen.lines().filter(|l| l.contains('│')).count();
        assert!(rows_with_right_border > 3, "{screen}");
    }
}

// ---------------------------------------------------------------- the real loop

/// The real loop's parts on a temporary copy of the fixture, opened with
/// `--group grupp-1`: the folder (kept alive), the workshop, the channel's
/// ends, the services and the app.
struct LoopRig {
    _tmp: tempfile::TempDir,
    dir: WorkshopDir,
    tx: std::sync::mpsc::Sender<malverkstad::tui::ShellEvent>,
    rx: std::sync::mpsc::Receiver<malverkstad::tui::ShellEvent>,
    services: malverkstad::tui::Services,
    app: App,
}

fn loop_rig() -> LoopRig {
    use malverkstad::tui::{saver, Services};
    let tmp = tempfile::tempdir().unwrap();
    let dir = malverkstad::store::create_workshop(tmp.path(), &workshop()).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let shared = std::sync::Arc::new(std::sync::Mutex::new(None));
    let mut services = Services::new(tmp.path().to_path_buf(), Lang::Sv, saver::spawn(tx.clone(), Lang::Sv), shared);
    let mut app = App::new(Lang::Sv, Theme::plain(), tmp.path().to_path_buf(), Some("grupp-1".into()));
    services.start(&mut app, Some(&dir.root));
    LoopRig { _tmp: tmp, dir, tx, rx, services, app }
}

#[test]
fn the_event_loop_saves_to_disk_and_quits() {
    use malverkstad::tui::{run_loop, ShellEvent};
    let LoopRig { _tmp, dir, tx, rx, mut services, mut app } = loop_rig();
    assert_eq!(app.at(), At::Goals, "--group opens the goal list");
    let send = |k: KeyEvent| tx.send(ShellEvent::Term(crossterm::event::Event::Key(k))).unwrap();
    send(key(KeyCode::Enter));
    for c in "Sparas på riktigt".chars() {
        send(key(KeyCode::Char(c)));
    }
    send(ctrl('q'));
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    run_loop(&mut term, &mut app, &rx, &mut services).unwrap();
    let saved = dir.load_group(&workshop().groups[0]).unwrap().unwrap();
    assert_eq!(saved.answers(id(101)).unwrap().text(keys::EFFECT), Some("Sparas på riktigt"));
    assert!(saved.saved_at.is_some());
    let lock = malverkstad::store::lock::lock_path(&dir.group_path(&workshop().groups[0]));
    assert!(!lock.exists(), "the lock is released on quit");
}

#[test]
fn after_a_failed_save_f2_saves_in_another_folder() {
    let mut app = app_in_group(Lang::Sv, None);
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "Viktig text");
    let fx = press(&mut app, &[ctrl('s')]);
    let Some(Effect::Save { generation, .. }) = fx.first() else { panic!("{fx:?}") };
    app.update(Msg::Saved { generation: *generation, result: Err("USB-stickan saknas".into()) }, t0());
    assert!(render(&app, 80, 24).contains("F2"));
    press(&mut app, &[key(KeyCode::F(2))]);
    assert!(render(&app, 80, 24).contains("Spara i en annan mapp"));
    for _ in 0..200 {
        press(&mut app, &[key(KeyCode::Backspace)]);
    }
    typed(&mut app, "/home/grupp");
    let fx = press(&mut app, &[key(KeyCode::Enter)]);
    let Some(Effect::Save { path, file, .. }) = fx.first() else { panic!("{fx:?}") };
    assert_eq!(path, &PathBuf::from("/home/grupp/grupp-1.ron"));
    assert_eq!(file.answers(id(101)).unwrap().text(keys::EFFECT), Some("Viktig text"));
}

#[test]
fn mouse_clicks_pick_list_rows_and_fields() {
    use common::app::{click, mouse};
    use crossterm::event::MouseEventKind;
    let mut app = app_in_group(Lang::Sv, Some(filled_file(&workshop())));
    app.update(Msg::Resize(80, 24), t0());
    // The goal list: find the row of goal 1.2 on screen and click it.
    let screen = render(&app, 80, 24);
    let row = screen.lines().position(|l| l.contains("1.2 Äldre")).unwrap() as u16;
    app.update(click(10, row), t0());
    let Some(l) = app.goal_list() else { panic!() };
    assert_eq!(l.selected, 1);
    // In the verdict step, a click in the text box focuses it.
    press(&mut app, &[key(KeyCode::Enter)]);
    for _ in 0..3 {
        press(&mut app, &[key(KeyCode::PageDown)]);
    }
    let screen = render(&app, 80, 24);
    let row = screen.lines().position(|l| l.contains("Hur mäter vi?")).unwrap() as u16;
    app.update(click(10, row + 1), t0());
    let Some(w) = app.wizard() else { panic!() };
    assert_eq!(w.focus, malverkstad::app::fields::Focus::VerdictHow);
    // The wheel moves a list selection.
    let mut app = app_in_group(Lang::Sv, None);
    app.update(mouse(MouseEventKind::ScrollDown, 5, 5), t0());
    let Some(l) = app.goal_list() else { panic!() };
    assert_eq!(l.selected, 1);
    // In the wizard the wheel moves the sub-goal list's selection.
    let wheel = |kind| mouse(kind, 5, 12);
    let mut app = app_in_group(Lang::Sv, Some(filled_file(&workshop())));
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::PageDown)]);
    app.update(wheel(MouseEventKind::ScrollDown), t0());
    let Some(w) = app.wizard() else { panic!() };
    assert_eq!(w.focus, malverkstad::app::fields::Focus::List { sel: 1 });
    app.update(wheel(MouseEventKind::ScrollUp), t0());
    let Some(w) = app.wizard() else { panic!() };
    assert_eq!(w.focus, malverkstad::app::fields::Focus::List { sel: 0 });
}

#[test]
fn no_color_theme_uses_no_colours_and_marks_state_with_symbols() {
    let mut app = app_in_group(Lang::Sv, Some(filled_file(&workshop())));
    app.theme = Theme::plain();
    let buf = common::app::buffer(&app, 80, 24);
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
    let text = render(&app, 80, 24);
    assert!(text.contains("✓ Önskad effekt") && text.contains("– Mätbarhet") && text.contains('▶'));
}

#[test]
fn a_fixed_group_terminal_that_declines_read_only_shows_why() {
    let w = workshop();
    let mut app = App::new(Lang::Sv, Theme::plain(), PathBuf::from("/f"), Some("Grupp 1".into()));
    let fx = load(&mut app, loaded(w.clone(), BTreeMap::new()));
    assert_eq!(fx, vec![Effect::OpenGroup { group: id(201), read_only: false }]);
    let file = GroupFile::new(&w, &w.groups[0]);
    let holder = "laptop-2, process 4242, sedan 09:12".to_string();
    app.update(
        Msg::GroupOpened(Box::new(GroupOpened { group: id(201), file, locked_by: Some(holder), recovery: None })),
        t0(),
    );
    app.update(Msg::Key(key(KeyCode::Esc)), t0());
    assert_eq!(app.at(), At::Error);
    assert!(render(&app, 80, 24).contains("process 4242"));
}
mod blank_items;
mod kolada_form;
mod projector;
mod pty_kolada;
mod pty_reload;
mod reload;
mod removed;

/// The help in the wizard lists the keys of the step's kind: list keys only
/// beside a list, choice keys only where there is a choice, and the quality
/// panel's scroll keys only on the measurability step (before it, F5 says
/// where it goes).
#[test]
fn the_wizard_help_lists_the_keys_of_the_current_step() {
    let wants: [(&str, &[&str], &[&str]); 4] = [
        ("effect", &["Next step", "F5 ", "on the measurability step"], &["Add", "Previous choice", "Alt-↓ / Alt-↑"]),
        ("sub-goals", &["N / Insert", "Move down", "Done – back to the list"], &["Previous choice", "Alt-↓ / Alt-↑"]),
        ("indicators", &["N / Insert", "Previous choice", "Done – back to the list"], &["Alt-↓ / Alt-↑"]),
        (
            "measurability",
            &["Previous choice", "Show/hide and scroll what the goal lacks", "F5 / Alt-↓ / Alt-↑"],
            &["N / Insert", "Move down", "on the measurability step"],
        ),
    ];
    for (step, (name, shown, hidden)) in wants.iter().enumerate() {
        let mut a = app_in_group(Lang::En, Some(filled_file(&workshop())));
        press(&mut a, &[key(KeyCode::Enter)]);
        press(&mut a, &vec![key(KeyCode::PageDown); step]);
        press(&mut a, &[key(KeyCode::F(1))]);
        let screen = render(&a, 120, 40);
        assert!(screen.contains(&format!("Step {} of 4", step + 1)), "{name}: on its step\n{screen}");
        for s in *shown {
            assert!(screen.contains(s), "{name}: the help shows {s:?}\n{screen}");
        }
        for s in *hidden {
            assert!(!screen.contains(s), "{name}: the help leaves out {s:?}\n{screen}");
        }
    }
}
