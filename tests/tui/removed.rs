//! Issue #13 item 5: answers to a removed question or goal stay in the
//! group's file and are shown: in the wizard (a read-only step "Svar på
//! borttagna frågor") and in the group's own export, as the workshop export
//! shows them.

use super::*;
use malverkstad::app::export::{ExportRequest, Target};
use malverkstad::export::Format;

/// Goal 1.1 answered, plus a removed question "risker" (text), a removed
/// list "gamla", and the answers to a goal no longer in the workshop.
fn file_with_removed(w: &Workshop) -> GroupFile {
    let mut f = filled_file(w);
    let a = f.answers_mut(id(101));
    a.answers.insert("risker".into(), Answer::Text("Tidsbrist".into()));
    a.answers.insert("gamla".into(), Answer::List(vec![ListItem::new("Gammalt delmål")]));
    f.answers_mut(id(999)).answers.insert(keys::EFFECT.into(), Answer::Text("Svar om ett borttaget mål".into()));
    f
}

#[test]
fn the_group_export_shows_answers_to_removed_questions_and_goals_like_the_workshop_export() {
    let tmp = tempfile::tempdir().unwrap();
    let w = workshop();
    let dir = malverkstad::store::create_workshop(tmp.path(), &w).unwrap();
    let file = file_with_removed(&w);
    dir.save_group(&w.groups[0], &file).unwrap();
    let export = |target: Target| {
        let req = ExportRequest { root: dir.root.clone(), workshop: Box::new(w.clone()), target, format: Format::Md };
        let (path, _) = malverkstad::tui::export::run(req, Lang::Sv).expect("exported");
        std::fs::read_to_string(path).unwrap()
    };
    let group = export(Target::Group { group: id(201), file: Box::new(file.clone()) });
    let workshop_md = export(Target::Outline);
    for text in ["Tidsbrist", "risker", "Gammalt delmål", "Svar om ett borttaget mål"] {
        assert!(workshop_md.contains(text), "the workshop export shows {text:?}:\n{workshop_md}");
        assert!(group.contains(text), "the group export shows {text:?}:\n{group}");
    }
}

#[test]
fn the_wizard_shows_answers_to_removed_questions_read_only() {
    let w = workshop();
    let mut app = app_in_group(Lang::Sv, Some(file_with_removed(&w)));
    press(&mut app, &[key(KeyCode::Enter)]);
    let steps = render(&app, 120, 40);
    assert!(steps.contains("Borttagna frågor"), "the step bar offers the step:\n{steps}");
    for _ in 0..5 {
        press(&mut app, &[ctrl(KeyCode::Right)]);
    }
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Svar på borttagna frågor"), "{screen}");
    assert!(screen.contains("risker") && screen.contains("Tidsbrist"), "{screen}");
    assert!(screen.contains("Gammalt delmål"), "{screen}");
    // Read-only: typing changes nothing; Ctrl-← goes back to the last question.
    let before = answers(&app, 101);
    typed(&mut app, "x");
    press(&mut app, &[key(KeyCode::Delete), key(KeyCode::Enter)]);
    assert_eq!(answers(&app, 101), before);
    press(&mut app, &[ctrl(KeyCode::Left)]);
    assert!(render(&app, 120, 40).contains("Steg 4 av 4"));
    // Esc from the read-only step goes back to the goal list.
    press(&mut app, &[ctrl(KeyCode::Right), key(KeyCode::Esc)]);
    assert_eq!(app.at(), At::Goals);
    // English too.
    let mut app = app_in_group(Lang::En, Some(file_with_removed(&w)));
    press(&mut app, &[key(KeyCode::Enter)]);
    for _ in 0..4 {
        press(&mut app, &[ctrl(KeyCode::Right)]);
    }
    assert!(render(&app, 120, 40).contains("Answers to removed questions"));
}

#[test]
fn without_removed_answers_there_is_no_extra_step() {
    let mut app = app_in_group(Lang::Sv, Some(filled_file(&workshop())));
    press(&mut app, &[key(KeyCode::Enter)]);
    for _ in 0..5 {
        press(&mut app, &[ctrl(KeyCode::Right)]);
    }
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Steg 4 av 4") && !screen.contains("Borttagna"), "{screen}");
}

#[test]
fn the_goal_list_says_where_answers_to_removed_goals_are() {
    let w = workshop();
    let app = app_in_group(Lang::Sv, Some(file_with_removed(&w)));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Svar om mål som samordnaren har tagit bort (1)"), "{screen}");
    let app = app_in_group(Lang::En, Some(file_with_removed(&w)));
    assert!(render(&app, 120, 40).contains("Answers about goals the facilitator removed (1)"));
    let app = app_in_group(Lang::Sv, Some(filled_file(&w)));
    assert!(!render(&app, 80, 24).contains("tagit bort"));
}

#[test]
fn the_read_only_step_closes_when_the_question_comes_back() {
    let w = workshop();
    let mut app = app_in_group(Lang::Sv, Some(file_with_removed(&w)));
    press(&mut app, &[key(KeyCode::Enter)]);
    for _ in 0..4 {
        press(&mut app, &[ctrl(KeyCode::Right)]);
    }
    assert!(app.wizard().is_some_and(|s| s.removed_view));
    // The facilitator adds both questions back.
    let mut back = w.clone();
    for key in ["risker", "gamla"] {
        let mut q = default_questions()[if key == "gamla" { 1 } else { 0 }].clone();
        q.key = key.into();
        back.questions.push(q);
    }
    app.update(Msg::WorkshopChanged(Box::new(back)), t0());
    assert!(app.wizard().is_some_and(|s| !s.removed_view));
    // Typing goes on in the measurability step's editor.
    press(&mut app, &[key(KeyCode::Tab)]);
    typed(&mut app, "Ny");
    assert_eq!(answers(&app, 101).verdict(keys::MEASURABILITY).unwrap().how, "Kolada årligenNy");
}
