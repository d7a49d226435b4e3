//! Issue 13, item 9: after F2 "spara i annan mapp" the status bar names the
//! folder, every save tries the group's own file first and goes back there
//! (with the check of item 2) once that works again, and the next start
//! offers the copy saved elsewhere instead of silently loading the older file.

use std::time::Duration;

use crossterm::event::KeyCode;
use malverkstad::app::Dialog;

use super::driver::Driver;
use super::pty::{self, Pty};
use super::*;

/// Let the saves run until they are done or fail.
fn settle(d: &mut Driver) {
    d.settle_until(10, Duration::from_secs(5), |d, _| !d.dirty() || d.app.group.as_ref().unwrap().save.failed());
}

/// The workshop folder moved away (a USB stick pulled out) and back.
#[test]
fn saves_elsewhere_name_the_folder_and_go_back_home_when_it_returns() {
    let (tmp, root, w) = demo_copy();
    let away = tmp.path().join("away");
    let elsewhere = tempfile::tempdir().unwrap();
    let mut d = Driver::open(&root, &w.groups[0].slug);
    d.key(KeyCode::Enter);
    d.type_keys("Hemma#1 ");
    settle(&mut d);
    std::fs::rename(&root, &away).unwrap();
    d.type_keys("Borta#2 ");
    settle(&mut d);
    assert!(d.app.group.as_ref().unwrap().save.failed());
    // F2, the other folder, Enter.
    d.key(KeyCode::F(2));
    assert!(matches!(d.app.dialog, Some(Dialog::SaveElsewhere { .. })));
    if let Some(Dialog::SaveElsewhere { input }) = &mut d.app.dialog {
        *input = elsewhere.path().display().to_string();
    }
    d.key(KeyCode::Enter);
    settle(&mut d);
    let file = format!("{}.ron", w.groups[0].slug);
    let there: GroupFile = malverkstad::store::codec::read_file(&elsewhere.path().join(&file)).unwrap();
    assert_eq!(effect_text(&there, &w), "Hemma#1 Borta#2 ");
    let screen = d.screen();
    let shown = format!("✓ Sparat i {}", elsewhere.path().display());
    assert!(screen.contains(&shown[..shown.len().min(40)]), "the bar names the folder:\n{screen}");
    // The stick comes back: the next save goes home, and says so.
    std::fs::rename(&away, &root).unwrap();
    d.type_keys("Åter#3 ");
    settle(&mut d);
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Hemma#1 Borta#2 Åter#3 ");
    assert!(d.screen().contains("ursprungliga platsen"), "{}", d.screen());
    let g = d.app.group.as_ref().unwrap();
    assert_eq!(g.path, WorkshopDir { root: root.clone() }.group_path(&w.groups[0]));
    assert!(g.save.home.is_none());
    assert!(malverkstad::store::rescue::offer(&g.path).is_none(), "nothing left to offer");
}

/// The real binary: saved elsewhere, quit, the folder back, started again:
/// the copy is offered and, accepted, saved in the group's own file.
#[test]
fn the_next_start_offers_the_copy_saved_elsewhere() {
    let (tmp, root, w) = demo_copy();
    let away = tmp.path().join("away");
    let elsewhere = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let start = || {
        let mut cmd = pty::app(&["open", root.to_str().unwrap(), "--group", &w.groups[0].slug], tmp.path());
        cmd.env("XDG_STATE_HOME", state.path());
        let s = Pty::spawn(cmd);
        s.wait_for(&w.groups[0].name);
        s
    };
    let mut s = start();
    s.send(pty::ENTER);
    s.wait_for("Steg 1");
    s.type_text("Före#1 ");
    s.wait_until("saved", |screen| screen.contains("Före#1") && screen.contains("✓ Sparat"));
    std::fs::rename(&root, &away).unwrap();
    s.type_text("Räddad#2 ");
    s.wait_for("KUNDE INTE SPARA");
    s.send(pty::F2);
    s.wait_for("Spara i en annan mapp");
    let typed_before = w.groups[0].slug.len() + root.to_str().unwrap().len() + 20;
    s.type_text(&pty::BACKSPACE.repeat(typed_before));
    s.type_text(elsewhere.path().to_str().unwrap());
    s.send(pty::ENTER);
    s.wait_until("saved elsewhere, named", |screen| screen.contains("✓ Sparat i"));
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(Duration::from_secs(5)), Some(0), "{}", s.contents());
    s.wait_until("told where the text is after quitting", |_| s.raw_text().contains("sparades i den andra mappen"));
    drop(s);
    std::fs::rename(&away, &root).unwrap();
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Före#1 ", "home has the older text");
    let mut s = start();
    s.wait_for("Osparad text hittades");
    s.send(pty::ENTER);
    s.send(pty::ENTER);
    s.wait_until("the rescued text saved at home", |screen| {
        screen.contains("Räddad#2") && screen.contains("✓ Sparat") && !screen.contains("✓ Sparat i")
    });
    s.send(pty::CTRL_Q);
    assert_eq!(s.wait_exit(Duration::from_secs(5)), Some(0), "{}", s.contents());
    assert_eq!(effect_text(&group_file(&root, &w), &w), "Före#1 Räddad#2 ");
}
