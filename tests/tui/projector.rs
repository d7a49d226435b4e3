//! What a group at the projector would trip over: text cut off without a
//! mark, a whole document pasted by mistake, hints naming keys that do
//! nothing in the field at hand.

use super::*;

/// A rendered row without the quotes and trailing blanks of the snapshot form.
fn trimmed(row: &str) -> &str {
    row.trim_matches('"').trim_end()
}

#[test]
fn a_long_focused_form_field_wraps_so_all_of_it_is_read() {
    let mut file = filled_file(&workshop());
    let long = "Andel av alla invånare 20–24 år som förvärvsarbetar eller studerar, enligt SCB:s registerbaserade arbetsmarknadsstatistik, slutet";
    if let Some(Answer::Indicators(inds)) =
        file.goals.get_mut(&id(101)).and_then(|a| a.answers.get_mut(keys::INDICATORS))
    {
        inds[0].definition = long.into();
    }
    let mut app = app_in_group(Lang::Sv, Some(file));
    // Indicators step, open the indicator, Tab to its definition.
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::Enter)]);
    press(&mut app, &[key(KeyCode::Tab)]);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&app, w, h);
        let text: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("Andel av alla"), "{screen}");
        assert!(text.contains("slutet"), "{screen}");
        // Every field of the form is still on screen at 120x40.
        if h == 40 {
            assert!(screen.contains("Kopplat delmål"), "{screen}");
        }
    }
    // Not focused, the field is one row ending in an ellipsis.
    press(&mut app, &[key(KeyCode::Tab)]);
    let screen = render(&app, 80, 24);
    let row = screen.lines().find(|l| l.contains("Definition")).unwrap();
    assert!(trimmed(row).ends_with('…'), "{row}");
    assert!(!screen.contains("slutet"), "{screen}");
}

#[test]
fn long_prompt_guidance_and_list_items_end_with_an_ellipsis() {
    let mut w = workshop();
    let q = &mut w.questions[0];
    q.guidance.sv = "Skriv vad som är annorlunda för invånarna när vi lyckas. ".repeat(8);
    q.prompt.sv = "Vilken effekt vill vi se hos dem vi finns till för, och hur märks den? ".repeat(4);
    let mut app = new_app(Lang::Sv, "/fixture");
    load(&mut app, loaded(w.clone(), BTreeMap::new()));
    app.update(Msg::Key(key(KeyCode::Enter)), t0());
    let file = GroupFile::new(&w, &w.groups[0]);
    open_group(&mut app, id(201), file);
    press(&mut app, &[key(KeyCode::Enter)]);
    let screen = render(&app, 80, 24);
    let ellipses = screen.lines().filter(|l| trimmed(l).ends_with('…')).count();
    assert!(ellipses >= 2, "prompt and guidance both marked as cut:\n{screen}");
    // A sub-goal longer than two lines in the list.
    press(&mut app, &[key(KeyCode::PageDown), key(KeyCode::Char('n'))]);
    typed(&mut app, &"Ett mycket långt delmål som fortsätter ".repeat(6));
    press(&mut app, &[key(KeyCode::Enter)]);
    let screen = render(&app, 80, 24);
    let item = screen.lines().position(|l| l.contains("1. Ett mycket")).unwrap();
    let second = screen.lines().nth(item + 1).unwrap();
    assert!(trimmed(second).ends_with('…'), "{screen}");
}

#[test]
fn a_huge_paste_is_shortened_with_a_notice_and_undone_in_one_step() {
    use malverkstad::app::wizard::MAX_PASTE_CHARS;
    let mut app = app_in_group(Lang::Sv, None);
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "Före ");
    let huge = "å".repeat(MAX_PASTE_CHARS + 5_000);
    app.update(Msg::Paste(huge), t0());
    let text = answers(&app, 101).text(keys::EFFECT).unwrap().to_string();
    assert_eq!(text.chars().count(), "Före ".chars().count() + MAX_PASTE_CHARS);
    assert!(render(&app, 80, 24).contains("för lång"), "{}", render(&app, 80, 24));
    press(&mut app, &[ctrl('z')]);
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("Före "));
    // The notice is in English too.
    app.lang = Lang::En;
    app.update(Msg::Paste("x".repeat(MAX_PASTE_CHARS + 1)), t0());
    assert!(render(&app, 80, 24).contains("too long"));
}

#[test]
fn hints_in_a_text_field_of_a_form_do_not_offer_arrows_to_choose() {
    let mut app = app_in_group(Lang::Sv, Some(filled_file(&workshop())));
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::Enter)]);
    let name_row = render(&app, 80, 24);
    assert!(!name_row.contains("← → väljer"), "{name_row}");
    assert!(name_row.contains("Tab/↓ nästa fält"), "{name_row}");
    // On the frequency (a choice), the arrows choose.
    for _ in 0..8 {
        press(&mut app, &[key(KeyCode::Tab)]);
    }
    let screen = render(&app, 80, 24);
    assert!(screen.contains("▶ Mätfrekvens"), "{screen}");
    assert!(screen.contains("← → väljer"), "{screen}");
}

#[test]
fn a_deleted_subgoal_comes_back_after_leaving_the_goal_and_returning() {
    let mut app = app_in_group(Lang::Sv, Some(filled_file(&workshop())));
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::Delete)]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS).len(), 1);
    // Back to the goal list, then into the goal again.
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.at(), At::Goals);
    press(&mut app, &[key(KeyCode::Enter), ctrl('z')]);
    let subs = answers(&app, 101).list(keys::SUBGOALS).to_vec();
    assert_eq!(subs.iter().map(|s| s.id).collect::<Vec<_>>(), vec![id(301), id(302)]);
    assert_eq!(subs[0].owner, "Arbetsmarknadsnämnden");
    // Redo works the same way; another goal has its own (empty) history.
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Enter), ctrl('y')]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS).len(), 1);
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Down), key(KeyCode::Enter), ctrl('z')]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS).len(), 1);
    assert!(render(&app, 80, 24).contains("Inget att ångra"));
}

#[test]
fn question_mark_opens_help_on_choices_and_f3_is_in_the_start_help() {
    let mut app = app_in_group(Lang::Sv, Some(filled_file(&workshop())));
    press(&mut app, &[key(KeyCode::Enter)]);
    for _ in 0..3 {
        press(&mut app, &[key(KeyCode::PageDown)]);
    }
    let Some(w) = app.wizard() else { panic!() };
    assert_eq!(w.focus, malverkstad::app::fields::Focus::VerdictChoice);
    press(&mut app, &[key(KeyCode::Char('?'))]);
    assert!(app.help, "? on the Ja/Delvis/Nej/Osäkert choice opens the help");
    press(&mut app, &[key(KeyCode::Esc)]);
    // In a text field "?" is typed.
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Char('?'))]);
    assert!(!app.help);
    assert_eq!(answers(&app, 101).verdict(keys::MEASURABILITY).unwrap().how, "Kolada årligen?");
    // The start screen's help names F3 as the hint bar does; not with --group.
    let mut app = new_app(Lang::Sv, "/f");
    press(&mut app, &[key(KeyCode::F(1))]);
    assert!(render(&app, 80, 24).contains("F3"), "{}", render(&app, 80, 24));
    let mut app = App::new(Lang::Sv, Theme::plain(), PathBuf::from("/f"), Some("Grupp 1".into()));
    press(&mut app, &[key(KeyCode::F(1))]);
    assert!(!render(&app, 80, 24).contains("F3"));
}

#[test]
fn a_long_text_in_a_box_without_focus_ends_with_an_ellipsis() {
    let mut app = app_in_group(Lang::Sv, None);
    // A long sub-goal: with the owner field focused its box shows a cut text.
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::PageDown), key(KeyCode::Char('n'))]);
    typed(&mut app, &"Delmålet är långt och fortsätter ".repeat(12));
    typed(&mut app, "SLUT");
    press(&mut app, &[key(KeyCode::Tab)]);
    let screen = render(&app, 80, 24);
    assert!(!screen.contains("SLUT"), "{screen}");
    let top = screen.lines().position(|l| l.contains("┌ Delmål")).unwrap();
    let last_text_row = screen.lines().nth(top + 3).unwrap();
    assert!(trimmed(last_text_row).trim_end_matches('│').trim_end().ends_with('…'), "{screen}");
}

#[test]
fn the_clock_keeps_up_while_keys_keep_coming() {
    use malverkstad::tui::{run_loop, ShellEvent};
    let LoopRig { _tmp, tx, rx, mut services, mut app, .. } = loop_rig();
    let started = Utc::now();
    app.now = started;
    // A key every 40 ms for 1.4 s (never a pause long enough to time out), then quit.
    let typist = std::thread::spawn(move || {
        let send = |k: KeyEvent| tx.send(ShellEvent::Term(crossterm::event::Event::Key(k))).is_ok();
        send(key(KeyCode::Enter));
        for _ in 0..35 {
            send(key(KeyCode::Char('a')));
            std::thread::sleep(Duration::from_millis(40));
        }
        send(ctrl('q'));
    });
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    run_loop(&mut term, &mut app, &rx, &mut services).unwrap();
    typist.join().unwrap();
    assert!(app.now - started >= chrono::Duration::milliseconds(900), "clock stood still at {}", app.now);
}

#[test]
fn the_whole_help_fits_at_80x24_in_both_languages() {
    for (lang, close) in [(Lang::Sv, "Tryck valfri tangent"), (Lang::En, "Press any key")] {
        let mut app = app_in_group(lang, None);
        press(&mut app, &[key(KeyCode::Enter), key(KeyCode::F(1))]);
        let screen = render(&app, 80, 24);
        assert!(screen.contains(close), "{screen}");
        assert!(screen.contains("Ctrl-Z") && screen.contains("Enter"), "{screen}");
    }
}

#[test]
fn a_list_pasted_onto_the_subgoals_becomes_one_item_per_line_in_one_undo_step() {
    let mut app = app_in_group(Lang::Sv, Some(filled_file(&workshop())));
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::PageDown)]);
    app.update(Msg::Paste("- Fler i arbete\r\n\r\n* Kortare väntetider\n3. Trygga skolvägar\n".into()), t0());
    let texts: Vec<String> = answers(&app, 101).list(keys::SUBGOALS).iter().map(|s| s.text.clone()).collect();
    assert_eq!(
        texts,
        vec![
            "Halvera ungdomsarbetslösheten",
            "Alla elever har en studieplan",
            "Fler i arbete",
            "Kortare väntetider",
            "Trygga skolvägar"
        ]
    );
    // The first pasted item is selected.
    let Some(w) = app.wizard() else { panic!() };
    assert_eq!(w.focus, malverkstad::app::fields::Focus::List { sel: 2 });
    press(&mut app, &[ctrl('z')]);
    assert_eq!(answers(&app, 101).list(keys::SUBGOALS).len(), 2);
    // Onto the indicators: the lines name new indicators.
    press(&mut app, &[key(KeyCode::PageDown)]);
    app.update(Msg::Paste("Andel i arbete\nVäntetid i dagar".into()), t0());
    let names: Vec<String> = answers(&app, 101).indicators(keys::INDICATORS).iter().map(|i| i.name.clone()).collect();
    assert_eq!(names, vec!["Andel unga i arbete", "Andel i arbete", "Väntetid i dagar"]);
}

#[test]
fn a_terminal_kept_on_one_group_does_not_offer_esc_on_its_goal_list() {
    let w = workshop();
    let mut app = App::new(Lang::Sv, Theme::plain(), PathBuf::from("/f"), Some("grupp-1".into()));
    load(&mut app, loaded(w.clone(), BTreeMap::new()));
    let file = GroupFile::new(&w, &w.groups[0]);
    open_group(&mut app, id(201), file);
    assert_eq!(app.at(), At::Goals);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Enter öppna målet") && !screen.contains("Esc tillbaka"), "{screen}");
    // Without --group the goal list offers Esc back to the groups.
    assert!(render(&app_in_group(Lang::Sv, None), 80, 24).contains("Esc tillbaka"));
}

#[test]
fn every_hint_bar_fits_80_columns() {
    let hint = |app: &App, w: u16| {
        let screen = render(app, w, 24);
        let lines: Vec<&str> = screen.lines().collect();
        trimmed(lines[lines.len() - 2]).to_string()
    };
    for lang in [Lang::Sv, Lang::En] {
        for (name, app) in screens(lang) {
            if app.dialog.is_some() || app.help {
                continue; // they cover the hint bar
            }
            // The whole hint, as a wide window shows it, is there at 80 columns too.
            let wide = hint(&app, 200);
            assert!(wide.contains("F1"), "{name}: {wide}");
            assert_eq!(hint(&app, 80), wide, "{name}");
        }
    }
}

#[test]
fn a_long_workshop_title_gives_way_to_the_group_name_in_the_title_bar() {
    let mut w = workshop();
    w.title =
        "Målstyrningsdag för kommunstyrelsen och samtliga nämnder i Exempelby kommun, mandatperioden 2027–2030".into();
    let mut app = new_app(Lang::Sv, "/fixture");
    load(&mut app, loaded(w.clone(), BTreeMap::new()));
    let file = GroupFile::new(&w, &w.groups[0]);
    open_group(&mut app, id(201), file);
    let screen = render(&app, 80, 24);
    let title = trimmed(screen.lines().next().unwrap());
    assert!(title.ends_with("… · Grupp 1"), "{title}");
    assert!(title.contains("Målstyrningsdag för"), "{title}");
}

#[test]
fn a_list_longer_than_the_screen_says_there_is_more() {
    let mut w = workshop();
    for g in &mut w.goals {
        g.wording = "Kommunens verksamheter ska tillsammans med civilsamhället skapa förutsättningar för ett gott liv med arbete, bostad och trygghet i hela kommunen. ".repeat(3);
    }
    w.groups[0].goals = vec![id(101), id(102), id(103)];
    let mut app = new_app(Lang::Sv, "/fixture");
    load(&mut app, loaded(w.clone(), BTreeMap::new()));
    let file = GroupFile::new(&w, &w.groups[0]);
    open_group(&mut app, id(201), file);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("▼ fler nedanför") && !screen.contains("▲"), "{screen}");
    press(&mut app, &[key(KeyCode::End)]);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("▲ fler ovanför") && !screen.contains("▼"), "{screen}");
    // Back at the top, the mark below again.
    press(&mut app, &[key(KeyCode::Home)]);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("▼ fler nedanför"), "{screen}");
    // At 120x40 everything fits: no marks.
    assert!(!render(&app, 120, 40).contains("fler "), "{}", render(&app, 120, 40));
}
