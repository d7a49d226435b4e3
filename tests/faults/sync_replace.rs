//! Issue 13, item 2: a file-sync tool (or `cp`, `mv`) replaces the group
//! file under a running terminal with another valid version. The next save
//! never overwrites it: the two versions are merged per item, and where the
//! same text changed on both sides ours is kept as a named conflict copy that
//! the facilitator's merge reads. Oracle: every text the screen showed as
//! saved is in the group file or in the named copy, and the other version's
//! text is still there too.

use std::path::Path;
use std::time::Duration;

use crossterm::event::KeyCode;
use malverkstad::domain::model::{keys, Answer, ListItem};
use malverkstad::store::codec;

use super::driver::Driver;
use super::pty::{self, Pty};
use super::*;

/// Every group file in `groups/` of the workshop at `root` that belongs to
/// the file's group (its own file and any copies), with its name.
fn versions(root: &Path, group: uuid::Uuid) -> Vec<(String, GroupFile)> {
    let dir = WorkshopDir { root: root.to_path_buf() };
    dir.group_files()
        .unwrap()
        .into_iter()
        .filter_map(|p| {
            let f: GroupFile = codec::read_file(&p).ok()?;
            (f.group == group).then(|| (p.file_name().unwrap().to_string_lossy().into_owned(), f))
        })
        .collect()
}

/// Another program's version of the group's file: what is on disk now, with
/// a sub-goal added to the first goal, or with the first goal's text replaced.
fn theirs(root: &Path, w: &Workshop, replace_text: Option<&str>) -> GroupFile {
    let mut f = group_file(root, w);
    let goal = w.groups[0].goals[0];
    let a = f.answers_mut(goal);
    match replace_text {
        Some(t) => {
            a.answers.insert(keys::EFFECT.into(), Answer::Text(t.into()));
        }
        None => {
            let mut items = a.list(keys::SUBGOALS).to_vec();
            items.push(ListItem::new("Deras delmål"));
            a.answers.insert(keys::SUBGOALS.into(), Answer::List(items));
        }
    }
    f
}

fn subgoals(f: &GroupFile, w: &Workshop) -> Vec<String> {
    let goal = w.groups[0].goals[0];
    f.answers(goal).map(|a| a.list(keys::SUBGOALS).iter().map(|i| i.text.clone()).collect()).unwrap_or_default()
}

#[test]
fn a_version_copied_over_the_file_is_merged_not_overwritten() {
    let (_tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let mut d = Driver::open(&root, &w.groups[0].slug);
    d.key(KeyCode::Enter);
    d.type_keys("Vår#1 ");
    d.settle();
    assert!(d.screen().contains("✓ Sparat"));
    // The sync tool writes another valid version: a sub-goal added.
    std::fs::write(&path, codec::to_ron(&theirs(&root, &w, None)).unwrap()).unwrap();
    d.type_keys("Vår#2 ");
    d.settle();
    let on_disk = group_file(&root, &w);
    assert_eq!(effect_text(&on_disk, &w), "Vår#1 Vår#2 ");
    assert_eq!(subgoals(&on_disk, &w), ["Deras delmål"], "their sub-goal is kept");
    let in_memory = &d.app.group.as_ref().unwrap().file;
    assert_eq!(subgoals(in_memory, &w), ["Deras delmål"], "the screen shows the merged file");
    assert!(d.screen().contains("slogs ihop"), "{}", d.screen());
    assert_eq!(versions(&root, w.groups[0].id).len(), 1, "no copy needed");
    // And the next save goes on from the merged version.
    d.type_keys("Vår#3 ");
    d.settle();
    let on_disk = group_file(&root, &w);
    assert_eq!(effect_text(&on_disk, &w), "Vår#1 Vår#2 Vår#3 ");
    assert_eq!(subgoals(&on_disk, &w), ["Deras delmål"]);
}

#[test]
fn the_same_text_changed_on_both_sides_keeps_ours_as_a_named_copy() {
    let (_tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let mut d = Driver::open(&root, &w.groups[0].slug);
    d.key(KeyCode::Enter);
    d.type_keys("Vår#1 ");
    d.settle();
    std::fs::write(&path, codec::to_ron(&theirs(&root, &w, Some("Deras text"))).unwrap()).unwrap();
    d.type_keys("Vår#2 ");
    d.settle();
    let all = versions(&root, w.groups[0].id);
    assert_eq!(all.len(), 2, "the file and one copy: {:?}", all.iter().map(|v| &v.0).collect::<Vec<_>>());
    let main = format!("{}.ron", w.groups[0].slug);
    let (copy_name, copy) = all.iter().find(|(n, _)| *n != main).unwrap();
    assert!(copy_name.contains(".sync-conflict-"), "{copy_name}");
    assert_eq!(effect_text(copy, &w), "Vår#1 Vår#2 ", "ours, whole, in the copy");
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Deras text", "theirs stays in the file");
    let screen = d.screen();
    assert!(screen.contains("Din version finns i") && screen.contains("sync-conflict"), "{screen}");
    // The screen now shows their text; typing goes on from it, saved plainly.
    assert_eq!(effect_text(&d.app.group.as_ref().unwrap().file, &w), "Deras text");
    d.type_keys(" och mer");
    d.settle();
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Deras text och mer");
    assert_eq!(versions(&root, w.groups[0].id).len(), 2, "no second copy");
}

/// The real binary: type, wait for "✓ Sparat", replace the file with `cp`
/// (written in place) or `mv` (renamed over it), type more, wait for saved.
fn replaced_under_a_running_terminal(by_mv: bool, same_text: bool) {
    let (tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    s.type_text("Före#1 ");
    s.wait_until("the first words saved", |screen| screen.contains("Före#1") && screen.contains("✓ Sparat"));
    let other = theirs(&root, &w, same_text.then_some("Deras#X"));
    let staged = if by_mv { root.join("groups").join(".incoming.tmp") } else { tmp.path().join("incoming.ron") };
    std::fs::write(&staged, codec::to_ron(&other).unwrap()).unwrap();
    let tool = if by_mv { "mv" } else { "cp" };
    let ok = std::process::Command::new(tool).arg(&staged).arg(&path).status().unwrap();
    assert!(ok.success());
    s.type_text("Efter#2 ");
    if same_text {
        s.wait_until("the conflict named", |screen| screen.contains("Din version finns i"));
    } else {
        s.wait_until("the merge saved", |screen| {
            screen.contains("Efter#2") && screen.contains("✓ Sparat") && screen.contains("slogs ihop")
        });
    }
    s.wait_until("saved", |screen| screen.contains("✓ Sparat"));
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(Duration::from_secs(5)), Some(0), "{}", s.contents());
    // Oracle: what the screen showed as saved, and their text, are both somewhere.
    let all = versions(&root, w.groups[0].id);
    let texts: Vec<String> = all.iter().map(|(_, f)| effect_text(f, &w)).collect();
    assert!(texts.iter().any(|t| t.contains("Före#1 Efter#2")), "ours lost: {texts:?}");
    if same_text {
        assert!(texts.iter().any(|t| t == "Deras#X"), "theirs lost: {texts:?}");
        assert!(all.iter().any(|(n, _)| n.contains(".sync-conflict-")));
    } else {
        assert_eq!(subgoals(&group_file(&root, &w), &w), ["Deras delmål"], "theirs lost");
    }
}

#[test]
fn cp_over_the_group_file_under_a_running_terminal_loses_nothing() {
    replaced_under_a_running_terminal(false, false);
}

#[test]
fn mv_over_the_group_file_with_the_same_text_changed_keeps_both() {
    replaced_under_a_running_terminal(true, true);
}

/// A sync tool puts back an older version of our own (here the `.bak`):
/// every byte of it was written by this process and ours supersedes it, so
/// the save puts ours in its place (the screen keeps what it shows) and no
/// copy is needed; nothing anyone typed is lost.
#[test]
fn an_older_version_of_our_own_put_back_is_replaced_by_the_text_shown_as_saved() {
    let (_tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let mut d = Driver::open(&root, &w.groups[0].slug);
    d.key(KeyCode::Enter);
    d.type_keys("Vår#1 ");
    d.settle();
    d.type_keys("Vår#2 ");
    d.settle();
    std::fs::copy(malverkstad::store::error::bak_path(&path), &path).unwrap();
    // The next save of the same (unchanged) text, as on quit.
    let mut ours = d.app.group.as_ref().unwrap().file.clone();
    malverkstad::tui::saver::save_file(&path, &mut ours, malverkstad::i18n::Lang::Sv).unwrap();
    let texts: Vec<String> = versions(&root, w.groups[0].id).iter().map(|(_, f)| effect_text(f, &w)).collect();
    assert_eq!(texts, vec!["Vår#1 Vår#2 ".to_string()], "the text shown as saved, in the group's own file only");
}

/// A sync tool puts an older version back after the last save, while the
/// group is not typing: the terminal notices within a poll (no key needed)
/// and its latest text is in the group's file again; and when the version is
/// put back just before quitting, the quit restores it too.
#[test]
fn an_older_version_put_back_while_nobody_types_is_restored_without_a_key() {
    let (tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path()));
    s.wait_for(&w.groups[0].name);
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    s.type_text("Först#1 ");
    s.wait_until("the first words saved", |screen| screen.contains("Först#1") && screen.contains("✓ Sparat"));
    let older = std::fs::read(&path).unwrap();
    s.type_text("Sedan#2 ");
    s.wait_until("the second words saved", |screen| screen.contains("Sedan#2") && screen.contains("✓ Sparat"));
    // `mv` of the older version over the file, and no key afterwards.
    let staged = root.join("groups").join(".older.tmp");
    std::fs::write(&staged, &older).unwrap();
    std::fs::rename(&staged, &path).unwrap();
    assert!(
        pty::eventually(|| effect_text(&group_file(&root, &w), &w) == "Först#1 Sedan#2 "),
        "the older version stayed: {:?}",
        effect_text(&group_file(&root, &w), &w)
    );
    // Once more, right before quitting: the quit itself puts the text back.
    std::fs::write(&staged, &older).unwrap();
    std::fs::rename(&staged, &path).unwrap();
    s.send(pty::CTRL_Q);
    assert!(s.wait_exit(Duration::from_secs(5)).is_some(), "{}", s.contents());
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Först#1 Sedan#2 ");
}
