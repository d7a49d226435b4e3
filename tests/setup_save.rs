//! Issue #13 item 4: "Redigera workshopen" saves as a read-modify-write. What
//! the editor changed is applied onto workshop.ron as it is at save time, so
//! goals added meanwhile by `import-goals` or another terminal are kept, and
//! the same field changed on both sides is named on screen.

use std::path::Path;

mod common;

use common::keys::{ctrl, key};
use common::rig::Rig;
use crossterm::event::KeyCode;
use malverkstad::domain::{Goal, Workshop};
use malverkstad::i18n::Lang;
use malverkstad::store::{self, WorkshopDir};

/// As the binary opens `workshop` on `sessions`, in Swedish.
fn rig(sessions: &Path, workshop: &Path) -> Rig {
    Rig::new(sessions, Lang::Sv, Some(workshop), None)
}

fn workshop(sessions: &Path) -> WorkshopDir {
    let mut w = Workshop::new("Dag");
    w.goals = vec![Goal::new(Some("1".into()), "Trygg uppväxt"), Goal::new(Some("2".into()), "Ekonomi i balans")];
    w.groups = malverkstad::domain::setup::make_groups(&["Röd".into(), "Blå".into()]);
    w.assign_evenly_in_order();
    store::create_workshop(sessions, &w).unwrap()
}

/// F3, "Redigera workshopen": the details form, the title field first.
fn open_editor(rig: &mut Rig) {
    rig.press(&[key(KeyCode::F(3)), key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!(rig.setup().draft.title, "Dag");
}

#[test]
fn a_goal_imported_while_the_editor_is_open_survives_its_save() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("s");
    let dir = workshop(&sessions);
    let mut rig = rig(&sessions, &dir.root);
    open_editor(&mut rig);
    // Meanwhile, from the command line.
    let goals = tmp.path().join("nya.txt");
    std::fs::write(&goals, "3.1 Hållbar energi\n").unwrap();
    common::bin().arg("import-goals").arg(&dir.root).arg(&goals).args(["--group", "Blå"]).assert().success();
    assert_eq!(dir.load_workshop().unwrap().goals.len(), 3);
    // The editor changes a detail and saves.
    rig.typed(" 2");
    rig.press(&[ctrl(KeyCode::Char('s'))]);
    let w = dir.load_workshop().unwrap();
    assert_eq!(w.title, "Dag 2");
    let labels: Vec<String> = w.goals.iter().map(Goal::label).collect();
    assert_eq!(labels, vec!["1 Trygg uppväxt", "2 Ekonomi i balans", "3.1 Hållbar energi"]);
    let blue = w.groups.iter().find(|g| g.name == "Blå").unwrap();
    assert!(blue.goals.contains(&w.goals[2].id), "the import's assignment kept: {blue:?}");
    assert!(rig.screen().contains("Sparat."), "{}", rig.screen());
    // The editor now shows the imported goal too; a second save keeps it.
    assert_eq!(rig.setup().draft.goals.len(), 3);
    rig.press(&[ctrl(KeyCode::Right), ctrl(KeyCode::Left)]);
    rig.typed("!");
    rig.press(&[ctrl(KeyCode::Char('s'))]);
    let w = dir.load_workshop().unwrap();
    assert_eq!((w.title.as_str(), w.goals.len()), ("Dag 2!", 3));
}

#[test]
fn the_same_field_changed_elsewhere_is_the_editors_and_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = workshop(tmp.path());
    let mut rig = rig(tmp.path(), &dir.root);
    open_editor(&mut rig);
    // Another terminal renames the workshop and adds a goal of its own.
    let mut other = dir.load_workshop().unwrap();
    other.title = "Annan dag".into();
    other.plan = "Budget 2027".into();
    other.goals.push(Goal::new(Some("9".into()), "Från annat håll"));
    dir.save_workshop(&other).unwrap();
    rig.typed("sdag");
    rig.press(&[ctrl(KeyCode::Char('s'))]);
    let w = dir.load_workshop().unwrap();
    assert_eq!(w.title, "Dagsdag", "the editor's value wins");
    assert_eq!(w.plan, "Budget 2027", "a field the editor left alone keeps the other change");
    assert_eq!(w.goals.len(), 3, "nothing added elsewhere is dropped");
    let screen = rig.screen();
    assert!(screen.contains("din ändring gäller för: titeln"), "{screen}");
}

/// Issue #13 item 5: removing a question or goal asks with the counts read
/// when the editor opened; saving counts again from the groups' files and
/// asks again when they grew. The answers stay in the files either way.
#[test]
fn removing_answered_things_asks_again_when_groups_wrote_meanwhile() {
    use malverkstad::domain::model::keys;
    use malverkstad::domain::{Answer, GroupFile};
    let tmp = tempfile::tempdir().unwrap();
    let dir = workshop(tmp.path());
    let w = dir.load_workshop().unwrap();
    let (red, blue) = (&w.groups[0], &w.groups[1]);
    let (goal1, goal2) = (w.goals[0].id, w.goals[1].id);
    let mut red_file = GroupFile::new(&w, red);
    red_file.answers_mut(goal1).answers.insert(keys::EFFECT.into(), Answer::Text("Tryggare barn".into()));
    dir.save_group(red, &red_file).unwrap();
    let mut rig = rig(tmp.path(), &dir.root);
    open_editor(&mut rig);
    // Goal 2 has no answers: removed without a question.
    rig.press(&[ctrl(KeyCode::Right), key(KeyCode::Down), key(KeyCode::Delete)]);
    assert_eq!(rig.setup().draft.goals.len(), 1);
    // The effect question has one answer: asked, yes.
    for _ in 0..3 {
        rig.press(&[ctrl(KeyCode::Right)]);
    }
    rig.press(&[key(KeyCode::Delete)]);
    assert!(rig.screen().contains("Frågan har 1 svar"), "{}", rig.screen());
    rig.press(&[key(KeyCode::Enter)]);
    assert!(rig.setup().draft.question(keys::EFFECT).is_none());
    // Meanwhile group Blå writes an effect for goal 2.
    let mut blue_file = GroupFile::new(&w, blue);
    blue_file.answers_mut(goal2).answers.insert(keys::EFFECT.into(), Answer::Text("Balans".into()));
    dir.save_group(blue, &blue_file).unwrap();
    // Saving counts again: asked, nothing written yet.
    rig.press(&[ctrl(KeyCode::Char('s'))]);
    let screen = rig.screen();
    assert!(screen.contains("Spara ändå?"), "{screen}");
    assert!(screen.contains("har nu 2 svar"), "{screen}");
    assert!(screen.contains("grupper som nu har skrivit om det: 1"), "{screen}");
    assert_eq!(dir.load_workshop().unwrap(), w, "nothing saved before the answer");
    // No: still not saved. Ctrl-S again asks again; yes saves.
    rig.press(&[key(KeyCode::Esc)]);
    assert!(rig.screen().contains("Inte sparat."), "{}", rig.screen());
    assert_eq!(dir.load_workshop().unwrap(), w);
    rig.press(&[ctrl(KeyCode::Char('s'))]);
    assert!(rig.screen().contains("Spara ändå?"));
    rig.press(&[key(KeyCode::Enter)]);
    let saved = dir.load_workshop().unwrap();
    assert!(saved.question(keys::EFFECT).is_none());
    assert_eq!(saved.goals.len(), 1);
    // The answers are still in the groups' files.
    let red_now = dir.load_group(red).unwrap().unwrap();
    assert_eq!(red_now.answers(goal1).unwrap().text(keys::EFFECT), Some("Tryggare barn"));
    let blue_now = dir.load_group(blue).unwrap().unwrap();
    assert_eq!(blue_now.answers(goal2).unwrap().text(keys::EFFECT), Some("Balans"));
}
