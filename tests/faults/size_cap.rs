//! Issue 13, item 7: the program must never write a file it then refuses to
//! read. A group file just under the 16 MiB cap plus a paste is not saved
//! (a clear message instead, the text kept in memory), and no file above
//! the cap is ever written; a save past 90 % of the cap warns.

use std::time::Duration;

use malverkstad::app::Msg;
use malverkstad::domain::model::Answer;
use malverkstad::store::codec::{self, MAX_FILE_BYTES};

use super::driver::{Driver, SaveResult};
use super::*;

/// The group's file with an answer of `filler` bytes kept under a goal id
/// the workshop does not have (as an answer to a removed goal is kept).
fn group_file_of_size(root: &Path, w: &Workshop, filler: usize) -> std::path::PathBuf {
    let path = WorkshopDir { root: root.to_path_buf() }.group_path(&w.groups[0]);
    let mut f = group_file(root, w);
    f.answers_mut(uuid::Uuid::from_u128(7)).answers.insert("effekt".into(), Answer::Text("a".repeat(filler)));
    let text = codec::to_ron(&f).unwrap();
    assert!(text.len() as u64 <= MAX_FILE_BYTES);
    std::fs::write(&path, text).unwrap();
    path
}

fn settle(d: &mut Driver) -> Vec<SaveResult> {
    d.settle_until(20, Duration::from_secs(20), |d, all| !d.dirty() || all.iter().any(Result::is_err))
}

#[test]
fn a_paste_that_would_pass_the_cap_is_not_saved_and_says_why() {
    let (_tmp, root, w) = demo_copy();
    let path = group_file_of_size(&root, &w, MAX_FILE_BYTES as usize - 60_000);
    let before = std::fs::read(&path).unwrap();
    let mut d = Driver::open(&root, &w.groups[0].slug);
    d.key(crossterm::event::KeyCode::Enter);
    d.feed(Msg::Paste("b".repeat(90_000)));
    let results = settle(&mut d);
    let err = results.iter().find_map(|r| r.as_ref().err()).expect("the save is refused");
    assert!(err.contains("skulle bli") && err.contains("16 MiB"), "{err}");
    assert!(std::fs::metadata(&path).unwrap().len() <= MAX_FILE_BYTES, "never a file above the cap");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file on disk is as it was");
    assert!(d.dirty(), "the text stays unsaved in memory");
    assert_eq!(effect_text(&d.app.group.as_ref().unwrap().file, &w).len(), 90_000, "the pasted text is kept");
    assert!(d.screen().contains("KUNDE INTE SPARA"), "{}", d.screen());
    // Nothing above the cap anywhere in the folder (no temp file left either).
    for p in tree(&root) {
        let m = std::fs::symlink_metadata(root.join(&p)).unwrap();
        assert!(m.len() <= MAX_FILE_BYTES, "{p:?} is {} bytes", m.len());
    }
}

#[test]
fn a_save_past_ninety_percent_of_the_cap_warns() {
    let (_tmp, root, w) = demo_copy();
    group_file_of_size(&root, &w, (MAX_FILE_BYTES as usize) * 92 / 100);
    let mut d = Driver::open(&root, &w.groups[0].slug);
    d.key(crossterm::event::KeyCode::Enter);
    d.key(crossterm::event::KeyCode::Char('x'));
    let results = settle(&mut d);
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert!(d.screen().contains("av högst 16.0 MiB"), "{}", d.screen());
}
