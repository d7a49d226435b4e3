//! Issue #13 item 1: the wizard is bound to the question's stable key. A
//! reload of workshop.ron that reorders, adds or removes questions never
//! sends typing into another question.

use super::*;
use malverkstad::domain::model::{Bilingual, Question};

fn risks() -> Question {
    let mut q = default_questions()[0].clone();
    q.key = "risker".into();
    q.prompt = Bilingual::new("Vilka risker finns?", "What are the risks?");
    q
}

/// Grupp 1 on goal 1.1 with `questions`, the effect already written.
fn app_with_questions(questions: Vec<Question>) -> App {
    let mut w = workshop();
    w.questions = questions;
    let file = filled_file(&w);
    let mut app = new_app(Lang::Sv, "/f");
    load(&mut app, loaded(w, BTreeMap::new()));
    open_group(&mut app, id(201), file);
    press(&mut app, &[key(KeyCode::Enter)]);
    app
}

/// The facilitator saves workshop.ron with `questions`; every terminal reloads it.
fn reload(app: &mut App, questions: Vec<Question>) {
    let mut w = app.workshop().unwrap().clone();
    w.questions = questions;
    app.update(Msg::WorkshopChanged(Box::new(w)), t0());
}

fn wizard_key(app: &App) -> (String, usize) {
    let Some(w) = app.wizard() else { panic!("not in the wizard") };
    (w.key.clone(), w.step)
}

/// The file the next autosave writes.
fn saved_file(app: &mut App) -> GroupFile {
    let fx = app.update(Msg::Tick(Utc::now()), t0() + Duration::from_secs(60));
    let file = fx.into_iter().find_map(|e| match e {
        Effect::Save { file, .. } => Some(*file),
        _ => None,
    });
    file.expect("an autosave")
}

#[test]
fn a_reorder_keeps_the_editor_on_its_question() {
    let q = default_questions();
    let mut app = app_with_questions(vec![q[0].clone(), risks(), q[1].clone(), q[2].clone(), q[3].clone()]);
    press(&mut app, &[ctrl(KeyCode::Right)]);
    typed(&mut app, "Tids");
    // Question 2 moves first; the effect question (text, like it) takes position 2.
    reload(&mut app, vec![risks(), q[0].clone(), q[1].clone(), q[2].clone(), q[3].clone()]);
    assert_eq!(wizard_key(&app), ("risker".to_string(), 0));
    typed(&mut app, "brist");
    let a = answers(&app, 101);
    assert_eq!(a.text("risker"), Some("Tidsbrist"));
    assert_eq!(a.text(keys::EFFECT), Some("Fler unga i arbete eller studier."), "position 2 untouched");
    let saved = saved_file(&mut app);
    assert_eq!(saved.answers(id(101)).unwrap().text("risker"), Some("Tidsbrist"));
    assert_eq!(saved.answers(id(101)).unwrap().text(keys::EFFECT), Some("Fler unga i arbete eller studier."));
}

#[test]
fn a_question_of_another_kind_at_the_position_does_not_swallow_keys() {
    let q = default_questions();
    let mut app = app_with_questions(q.clone());
    // Question 2 is the sub-goals: a new one, half typed.
    press(&mut app, &[ctrl(KeyCode::Right), key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Enter)]);
    typed(&mut app, "Halv");
    // The indicators move to position 2.
    reload(&mut app, vec![q[0].clone(), q[2].clone(), q[1].clone(), q[3].clone()]);
    assert_eq!(wizard_key(&app), (keys::SUBGOALS.to_string(), 2));
    typed(&mut app, "era");
    let a = answers(&app, 101);
    let subs = a.list(keys::SUBGOALS);
    assert_eq!(subs.len(), 3, "{subs:?}");
    assert_eq!(subs[2].text, "Halvera");
    assert_eq!(a.indicators(keys::INDICATORS).len(), 1, "the indicators untouched");
    assert_eq!(a.indicators(keys::INDICATORS)[0].name, "Andel unga i arbete");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Halvera"), "{screen}");
}

#[test]
fn a_removed_question_keeps_its_answer_and_the_group_is_told() {
    let q = default_questions();
    let mut app = app_with_questions(vec![q[0].clone(), risks(), q[1].clone(), q[2].clone(), q[3].clone()]);
    press(&mut app, &[ctrl(KeyCode::Right)]);
    typed(&mut app, "Tidsbrist");
    reload(&mut app, q.clone());
    // The wizard is on a step that exists: the one now at that position.
    assert_eq!(wizard_key(&app), (keys::SUBGOALS.to_string(), 1));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("togs bort av samordnaren"), "{screen}");
    assert!(app.notice.as_deref().unwrap_or("").contains("”Vilka risker finns”"), "{:?}", app.notice);
    assert!(screen.contains("er text är sparad"), "the whole message on one line:\n{screen}");
    // Typing goes on in the sub-goals, the removed question's text stays.
    press(&mut app, &[key(KeyCode::Char('n'))]);
    typed(&mut app, "Ny");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("togs bort av samordnaren"), "still said after typing on:\n{screen}");
    let a = answers(&app, 101);
    assert_eq!(a.text("risker"), Some("Tidsbrist"));
    assert_eq!(a.list(keys::SUBGOALS).last().map(|i| i.text.as_str()), Some("Ny"));
    let saved = saved_file(&mut app);
    assert_eq!(saved.answers(id(101)).unwrap().text("risker"), Some("Tidsbrist"));
}

#[test]
fn undo_returns_to_the_question_by_key() {
    let q = default_questions();
    let mut app = app_with_questions(vec![q[0].clone(), risks(), q[1].clone(), q[2].clone(), q[3].clone()]);
    press(&mut app, &[ctrl(KeyCode::Right)]);
    typed(&mut app, "ett två");
    press(&mut app, &[ctrl(KeyCode::Right)]);
    reload(&mut app, vec![risks(), q[0].clone(), q[1].clone(), q[2].clone(), q[3].clone()]);
    press(&mut app, &[ctrl('z')]);
    assert_eq!(wizard_key(&app), ("risker".to_string(), 0));
    assert_eq!(answers(&app, 101).text("risker"), Some("ett"));
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some("Fler unga i arbete eller studier."));
}

#[test]
fn a_removed_goal_keeps_the_text_being_written_and_the_group_is_told() {
    let mut app = app_with_questions(default_questions());
    typed(&mut app, " Mer.");
    let mut w = app.workshop().unwrap().clone();
    w.goals.retain(|g| g.id != id(101));
    w.groups[0].goals.retain(|g| *g != id(101));
    app.update(Msg::WorkshopChanged(Box::new(w)), t0());
    typed(&mut app, " Sist.");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Samordnaren tog bort målet"), "{screen}");
    let text = "Fler unga i arbete eller studier. Mer. Sist.";
    assert_eq!(answers(&app, 101).text(keys::EFFECT), Some(text));
    let saved = saved_file(&mut app);
    assert_eq!(saved.answers(id(101)).unwrap().text(keys::EFFECT), Some(text));
    // Back on the goal list: the answers are said to be in the file.
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(render(&app, 80, 24).contains("Svar om mål som samordnaren har tagit bort (1)"));
}
