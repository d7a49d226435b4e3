//! The TUI's export dialog: key scripts fed to `App::update` (the App only
//! emits `Effect::Export`), a snapshot of the dialog, and the shell's side
//! (`tui::export::run`) on a real demo workshop on disk.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crossterm::event::KeyCode;
use malverkstad::app::export::{ExportRequest, Stage, Target};
use malverkstad::app::{App, At, Dialog, Effect, Msg, Theme};
use malverkstad::domain::model::{keys, Answer, Goal, Group, GroupFile, ListItem, Workshop};
use malverkstad::export::Format;
use malverkstad::i18n::Lang;
use malverkstad::store::WorkshopDir;

mod common;

use common::app::{id, load, loaded, open_group, press, render, t0};

fn workshop() -> Workshop {
    let mut w = Workshop::new("KS arbetsdag");
    w.id = id(1);
    w.goals = vec![Goal::new(Some("1.1".into()), "Fler elever når gymnasiebehörighet")];
    w.goals[0].id = id(101);
    w.groups = vec![
        Group { id: id(201), name: "Grupp 1".into(), slug: "grupp-1".into(), goals: vec![id(101)] },
        Group { id: id(202), name: "Grupp 2".into(), slug: "grupp-2".into(), goals: vec![id(101)] },
    ];
    w
}

/// An app on the group list of the fixture workshop (as the facilitator).
fn app_on_groups(lang: Lang, fixed: Option<String>) -> App {
    let mut app = App::new(lang, Theme::plain(), PathBuf::from("/fixture"), fixed);
    load(&mut app, loaded("/fixture/ks", workshop(), BTreeMap::new()));
    app
}

/// An app on Grupp 2's goal list, with an unsaved sub-goal typed in.
fn app_in_group(lang: Lang, fixed: Option<String>) -> App {
    let mut app = app_on_groups(lang, fixed);
    let w = workshop();
    let file = GroupFile::new(&w, &w.groups[1]);
    open_group(&mut app, id(202), file);
    let g = app.group.as_mut().unwrap();
    g.file
        .answers_mut(id(101))
        .answers
        .insert(keys::SUBGOALS.into(), Answer::List(vec![ListItem::new("Osparat delmål")]));
    app
}

fn dialog(app: &App) -> &malverkstad::app::export::ExportDialog {
    match &app.dialog {
        Some(Dialog::Export(d)) => d,
        other => panic!("no export dialog: {other:?}"),
    }
}

fn requests(fx: &[Effect]) -> Vec<&ExportRequest> {
    fx.iter().filter_map(|e| if let Effect::Export(r) = e { Some(r) } else { None }).collect()
}

#[test]
fn facilitator_menu_exports_the_outline_and_shows_the_full_path() {
    let mut app = app_on_groups(Lang::Sv, None);
    press(&mut app, &[KeyCode::F(3)]);
    assert_eq!(app.at(), At::Menu);
    assert!(render(&app, 80, 24).contains("Exportera sammanställningen"), "the menu offers the export");
    // The export is the entry before the last ("Tillbaka").
    let fx = press(&mut app, &[KeyCode::End, KeyCode::Up, KeyCode::Enter]);
    assert!(fx.is_empty(), "opening the dialog writes nothing: {fx:?}");
    assert_eq!(dialog(&app).target, Target::Outline);
    assert_eq!(dialog(&app).stage, Stage::Choosing);
    // Docx is the third format.
    let fx = press(&mut app, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    let req = requests(&fx);
    assert_eq!(req.len(), 1, "{fx:?}");
    assert_eq!(req[0].format, Format::Docx);
    assert_eq!(req[0].target, Target::Outline);
    assert_eq!(req[0].root, PathBuf::from("/fixture/ks"));
    assert_eq!(dialog(&app).stage, Stage::Working);
    // Keys while working do nothing (and write nothing twice).
    assert!(requests(&press(&mut app, &[KeyCode::Enter])).is_empty());

    let long = PathBuf::from(
        "/home/strateg/.local/share/malverkstad/sessions/ks-arbetsdag/exports/ks-arbetsdag-2027-03-16.docx",
    );
    app.update(Msg::Exported(Ok((long.clone(), Some("Det fanns ingen sammanställning.".into())))), t0());
    assert_eq!(
        dialog(&app).stage,
        Stage::Done { path: long.clone(), note: Some("Det fanns ingen sammanställning.".into()) }
    );
    let screen = render(&app, 80, 24);
    let shown: String = screen.lines().map(|l| l.trim_matches(|c| c == '"' || c == ' ' || c == '│')).collect();
    assert!(shown.contains(long.to_str().unwrap()), "the whole path, wrapped, not cut:\n{screen}");
    insta::assert_snapshot!("export_dialog_done_sv_80x24", screen);
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.dialog.is_none());
    assert_eq!(app.at(), At::Menu, "back on the menu");
}

#[test]
fn a_group_exports_its_own_unsaved_work_with_f4_and_sees_errors_in_words() {
    let mut app = app_in_group(Lang::En, Some("Grupp 2".into()));
    press(&mut app, &[KeyCode::F(4)]);
    let Target::Group { group, file } = &dialog(&app).target else { panic!("group target") };
    assert_eq!(*group, id(202));
    assert_eq!(file.answers(id(101)).unwrap().list(keys::SUBGOALS)[0].text, "Osparat delmål", "what is on screen");
    let choosing = render(&app, 80, 24);
    assert!(choosing.contains("Export the work of Grupp 2"), "{choosing}");
    assert!(choosing.contains("▶ Markdown"), "the choice is marked by a symbol, not colour alone:\n{choosing}");
    insta::assert_snapshot!("export_dialog_choose_en_80x24", choosing);

    let fx = press(&mut app, &[KeyCode::End, KeyCode::Up, KeyCode::Enter]);
    assert_eq!(requests(&fx)[0].format, Format::Json);
    app.update(Msg::Exported(Err("Could not write /x/exports: Permission denied".into())), t0());
    let screen = render(&app, 80, 24);
    assert!(screen.contains("The export failed") && screen.contains("Permission denied"), "{screen}");
    // Enter tries again from the choice; Esc closes.
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(dialog(&app).stage, Stage::Choosing);
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.dialog.is_none());
    assert_eq!(app.at(), At::Goals, "Esc closed only the dialog");
}

#[test]
fn f4_is_in_the_keymap_and_in_the_help_of_the_goal_list() {
    let mut app = app_in_group(Lang::Sv, None);
    press(&mut app, &[KeyCode::F(1)]);
    let help = render(&app, 100, 40);
    assert!(help.contains("F4") && help.contains("Exportera gruppens arbete"), "{help}");
    // F4 elsewhere (the group list) opens nothing.
    let mut groups = app_on_groups(Lang::Sv, None);
    press(&mut groups, &[KeyCode::F(4)]);
    assert!(groups.dialog.is_none());
}

// ---------------------------------------------------------------- the shell

fn demo() -> (tempfile::TempDir, WorkshopDir, Workshop) {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = malverkstad::demo::install(tmp.path(), false).unwrap();
    let w = dir.load_workshop().unwrap();
    (tmp, dir, w)
}

#[test]
fn the_shell_merges_first_writes_into_exports_and_never_overwrites() {
    let (_tmp, dir, w) = demo();
    let _ = std::fs::remove_file(dir.outline_path());
    let req = ExportRequest {
        root: dir.root.clone(),
        workshop: Box::new(w.clone()),
        target: Target::Outline,
        format: Format::Md,
    };
    let (first, note) = malverkstad::tui::export::run(req.clone(), Lang::Sv).expect("exported");
    assert!(note.is_some_and(|n| n.contains("slogs samman")), "said that it merged first");
    assert!(dir.outline_path().is_file(), "the outline was saved");
    assert_eq!(first.parent().unwrap(), dir.exports_dir());
    let md = std::fs::read_to_string(&first).unwrap();
    assert!(md.contains("Sammanställning") && md.contains("## Kvalitetsgranskning"), "{md}");
    // Again: the outline is current (no note) and the first file is kept.
    let (second, note) = malverkstad::tui::export::run(req, Lang::Sv).unwrap();
    assert_eq!(note, None);
    assert_ne!(first, second);
    assert!(second.file_name().unwrap().to_str().unwrap().ends_with("-2.md"), "{second:?}");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), md, "never overwritten");

    let group = w.groups[0].clone();
    let file = dir.load_group(&group).unwrap().unwrap_or_else(|| GroupFile::new(&w, &group));
    let req = ExportRequest {
        root: dir.root.clone(),
        workshop: Box::new(w.clone()),
        target: Target::Group { group: group.id, file: Box::new(file) },
        format: Format::Html,
    };
    let (path, _) = malverkstad::tui::export::run(req, Lang::Sv).unwrap();
    assert!(path.file_name().unwrap().to_str().unwrap().contains(&group.slug), "{path:?}");
}

#[cfg(unix)]
#[test]
fn the_shell_says_in_words_when_it_cannot_write() {
    let (_tmp, dir, w) = demo();
    let elsewhere = tempfile::tempdir().unwrap();
    let _ = std::fs::remove_dir_all(dir.exports_dir());
    std::os::unix::fs::symlink(elsewhere.path(), dir.exports_dir()).unwrap();
    let req =
        ExportRequest { root: dir.root.clone(), workshop: Box::new(w), target: Target::Outline, format: Format::Csv };
    let err = malverkstad::tui::export::run(req, Lang::En).expect_err("a planted exports link is refused");
    assert!(err.contains("exports"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0, "nothing written through the link");
}
