//! Issue 13, item 3: the lock file is deleted while a terminal runs (by
//! hand, or by a sync tool) and a second terminal opens the group with write
//! access. The first terminal notices before its next save that the lock is
//! no longer its own, stops writing the group's file, saves to a named copy
//! beside it from then on, and says so. Nothing either terminal showed as
//! saved is lost. (Two `Driver`s in one process: each holds its own lock
//! token, exactly as two processes do.)

use crossterm::event::KeyCode;
use malverkstad::store::{codec, lock};

use super::driver::Driver;
use super::*;

/// Effect texts of every version of the group in `groups/`.
fn all_texts(root: &Path, w: &Workshop) -> Vec<(String, String)> {
    let dir = WorkshopDir { root: root.to_path_buf() };
    dir.group_files()
        .unwrap()
        .into_iter()
        .filter_map(|p| {
            let f: GroupFile = codec::read_file(&p).ok()?;
            (f.group == w.groups[0].id)
                .then(|| (p.file_name().unwrap().to_string_lossy().into_owned(), effect_text(&f, w)))
        })
        .collect()
}

#[test]
fn a_deleted_lock_taken_by_a_second_terminal_loses_no_text() {
    let (_tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let mut first = Driver::open(&root, &w.groups[0].slug);
    first.key(KeyCode::Enter);
    first.type_keys("Ett#1 ");
    first.settle();
    assert!(first.screen().contains("✓ Sparat"));
    // The lock vanishes; a second terminal opens the group and may write.
    std::fs::remove_file(lock::lock_path(&path)).unwrap();
    let mut second = Driver::open(&root, &w.groups[0].slug);
    assert!(second.app.dialog.is_none(), "the second terminal got the group with write access");
    second.key(KeyCode::Enter);
    second.type_keys("Två#1 ");
    second.settle();
    // The first terminal types on: its saves go to a copy, and it says where.
    first.type_keys("Ett#2 ");
    first.settle();
    let screen = first.screen();
    assert!(screen.contains("Låset togs") && screen.contains("sync-conflict"), "{screen}");
    second.type_keys("Två#2 ");
    second.settle();
    first.type_keys("Ett#3 ");
    first.settle();
    // Oracle: each terminal's last saved text is in the file or the one named copy.
    let texts = all_texts(&root, &w);
    assert_eq!(texts.len(), 2, "the group's file and one copy: {texts:?}");
    let main = format!("{}.ron", w.groups[0].slug);
    let main_text = &texts.iter().find(|(n, _)| *n == main).unwrap().1;
    assert_eq!(main_text, "Ett#1 Två#1 Två#2 ", "the second terminal owns the file");
    let copy = texts.iter().find(|(n, _)| *n != main).unwrap();
    assert!(copy.0.contains(".sync-conflict-"), "{copy:?}");
    assert_eq!(copy.1, "Ett#1 Ett#2 Ett#3 ", "the first terminal's text is whole in the copy");
    assert_eq!(lock::holder(&path).unwrap().token, second_token(&path), "the second terminal's lock is untouched");
}

fn second_token(path: &Path) -> Option<uuid::Uuid> {
    lock::holder(path).and_then(|i| i.token)
}

/// A lock file that simply vanished, with nobody else taking the group, is
/// taken again and the group's own file goes on being saved.
#[test]
fn a_deleted_lock_nobody_took_is_taken_again() {
    let (_tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let mut d = Driver::open(&root, &w.groups[0].slug);
    d.key(KeyCode::Enter);
    let token = second_token(&path).expect("a token in the lock");
    std::fs::remove_file(lock::lock_path(&path)).unwrap();
    d.type_keys("Ensam ");
    d.settle();
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Ensam ");
    assert_eq!(second_token(&path), Some(token), "the same lock is back");
    assert_eq!(all_texts(&root, &w).len(), 1, "no copy");
}

/// The same with two real programs in two terminals.
#[test]
fn two_real_terminals_after_the_lock_was_deleted_lose_no_text() {
    use super::pty::{self, Pty};
    let (tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let open = || {
        let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
        s.wait_for(&w.groups[0].name);
        s.send(pty::ENTER);
        s.wait_for("Steg 1");
        s
    };
    let mut first = open();
    first.type_text("Första#1 ");
    first.wait_until("saved", |screen| screen.contains("Första#1") && screen.contains("✓ Sparat"));
    std::fs::remove_file(lock::lock_path(&path)).unwrap();
    let mut second = open();
    assert!(!second.contents().contains("Skrivskyddad"), "the second terminal may write");
    second.type_text("Andra#1 ");
    second.wait_until("saved", |screen| screen.contains("Andra#1") && screen.contains("✓ Sparat"));
    first.type_text("Första#2 ");
    first.wait_until("the copy named", |screen| screen.contains("Låset togs") && screen.contains("✓ Sparat"));
    second.type_text("Andra#2 ");
    second.wait_until("saved", |screen| screen.contains("Andra#2") && screen.contains("✓ Sparat"));
    for s in [&mut first, &mut second] {
        s.send(pty::CTRL_Q);
        assert_eq!(s.wait_exit(std::time::Duration::from_secs(5)), Some(0), "{}", s.contents());
    }
    let texts: Vec<String> = all_texts(&root, &w).into_iter().map(|(_, t)| t).collect();
    assert!(texts.iter().any(|t| t.contains("Första#1 Första#2")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("Andra#1 Andra#2")), "{texts:?}");
    assert!(!lock::lock_path(&path).exists(), "the lock is released");
}
