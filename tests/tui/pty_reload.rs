//! Issue #13 item 1 with the real binary in a pseudo-terminal: the
//! facilitator reorders the questions in workshop.ron while a group types;
//! every text the screen showed as saved is in the group file under its own
//! question.

use malverkstad::domain::model::keys;
use malverkstad::store::WorkshopDir;

use super::common::pty::{self, Pty, CTRL_Q, ENTER};

/// Poll the group file until `pred` holds (bounded).
fn wait_file(dir: &WorkshopDir, group: usize, what: &str, pred: impl Fn(&malverkstad::domain::GroupFile) -> bool) {
    let held = pty::eventually(|| {
        let w = dir.load_workshop().unwrap();
        dir.load_group(&w.groups[group]).ok().flatten().is_some_and(|f| pred(&f))
    });
    assert!(held, "timed out waiting for the file: {what}");
}

#[test]
fn questions_reordered_while_a_group_types_keep_every_text_under_its_question() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = malverkstad::demo::install(tmp.path(), false).unwrap();
    let w = dir.load_workshop().unwrap();
    // The demo's third group has no answers yet.
    let (gi, group) = (2, w.groups[2].clone());
    assert!(dir.load_group(&group).unwrap().is_none_or(|f| f.goals.is_empty()));
    let goal = group.goals[0];
    assert_eq!(w.questions[0].key, keys::EFFECT);
    let n = w.questions.len();

    let mut s = Pty::spawn(pty::app(&["open", dir.root.to_str().unwrap(), "--group", &group.slug], tmp.path()));
    s.wait_for(&group.name);
    s.send(ENTER);
    s.wait_for(&format!("Steg 1 av {n}"));
    s.type_text("Första");
    s.wait_until("the first text shown as saved", |c| c.contains("Första") && c.contains("✓ Sparat"));
    let effect =
        |f: &malverkstad::domain::GroupFile| f.answers(goal).and_then(|a| a.text(keys::EFFECT)).map(str::to_string);
    wait_file(&dir, gi, "Första", |f| effect(f).as_deref() == Some("Första"));

    // The facilitator moves the effect question to the end, atomically,
    // while the group goes on typing.
    let mut moved = dir.load_workshop().unwrap();
    moved.questions.rotate_left(1);
    dir.save_workshop(&moved).unwrap();
    s.type_text(" andra");
    s.wait_for(&format!("Steg {n} av {n}"));
    s.type_text(" tredje");
    s.wait_until("all the text shown as saved", |c| c.contains("Första andra tredje") && c.contains("✓ Sparat"));
    wait_file(&dir, gi, "all the text", |f| effect(f).as_deref() == Some("Första andra tredje"));

    // Then the facilitator removes the question being written: the group is
    // told, and the text stays in the file as an answer to a removed question.
    let mut removed = moved.clone();
    removed.questions.retain(|q| q.key != keys::EFFECT);
    dir.save_workshop(&removed).unwrap();
    s.wait_for("Frågan ”Önskad effekt” togs bort av samordnaren; er text är sparad.");
    s.wait_for("Borttagna frågor");

    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(pty::WAIT), Some(0), "Ctrl-Q quits; screen:\n{}", s.contents());
    let file = dir.load_group(&group).unwrap().expect("the group file");
    let a = file.answers(goal).expect("answers");
    assert_eq!(a.text(keys::EFFECT), Some("Första andra tredje"));
    // The questions that stood where it had been got nothing.
    for q in &moved.questions[..n - 1] {
        assert!(a.answers.get(&q.key).is_none_or(|x| x.is_empty()), "{} untouched: {a:?}", q.key);
    }
}
