//! The outline screen (sammanställning) without a terminal: key scripts on
//! `App::update` with the files given by hand as the shell would read them;
//! each review action with undo, the filters, a decision surviving a
//! re-merge after a group edits its file, snapshots at 80×24 and 120×40 in
//! both languages; then the shell's side on a real folder: the outline
//! follows a group file written by "another laptop", and two hosts' groups
//! write into one folder.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use malverkstad::app::facil::{FacilEffect, FacilMsg};
use malverkstad::app::outline::screen::{item_at, rows, OutlineFiles, Row};
use malverkstad::app::outline::{Filter, OutlineScreen};
use malverkstad::app::{App, At, Effect, Msg, Theme};
use malverkstad::domain::model::{
    keys, Answer, Goal, GroupFile, Indicator, ListItem, Verdict, VerdictAnswer, Workshop,
};
use malverkstad::domain::outline::{OutlineItem, Status};
use malverkstad::domain::setup::make_groups;
use malverkstad::i18n::Lang;
use malverkstad::store::outline::{MergeFile, ReadFile};
use malverkstad::store::WorkshopDir;
use uuid::Uuid;

mod common;

use common::app::{choose, id, load, loaded, new_app, press, render_trimmed};
use common::keys::{alt, ctrl, key};

// ---------------------------------------------------------------- fixture

fn sub(n: u128, text: &str) -> ListItem {
    ListItem { id: id(n), text: text.into(), owner: "Kommunstyrelsen".into() }
}

fn workshop() -> Workshop {
    let mut w = Workshop::new("Målstyrningsdag KS 2027");
    w.id = id(1);
    w.goals = vec![
        Goal { id: id(11), ..Goal::new(Some("1.1".into()), "Alla barn ska klara skolan.") },
        Goal { id: id(12), ..Goal::new(Some("3.1".into()), "Kommunen ska vara en attraktiv arbetsgivare.") },
    ];
    w.groups = make_groups(&["Grupp 1".into(), "Grupp 2".into()]);
    for (i, g) in w.groups.iter_mut().enumerate() {
        g.id = id(100 + i as u128);
        g.goals = vec![id(11), id(12)];
    }
    w
}

/// Grupp 1 and Grupp 2 on goal 1.1: one sub-goal both wrote (folds), two
/// near duplicates, one indicator each, verdicts; Grupp 2 on goal 3.1.
fn files(w: &Workshop) -> (GroupFile, GroupFile) {
    let mut f1 = GroupFile::new(w, &w.groups[0]);
    let a = f1.answers_mut(id(11));
    a.answers.insert(keys::EFFECT.into(), Answer::Text("Fler elever går ut med godkända betyg.".into()));
    a.answers.insert(
        keys::SUBGOALS.into(),
        Answer::List(vec![
            sub(1001, "Öka andelen elever som når målen"),
            sub(1002, "Frånvaron ska minska."),
            sub(1003, "Fler lärare ska vara behöriga."),
        ]),
    );
    a.answers.insert(
        keys::INDICATORS.into(),
        Answer::Indicators(vec![Indicator { id: id(1050), ..Indicator::new("Andel behöriga till gymnasiet") }]),
    );
    a.answers.insert(
        keys::MEASURABILITY.into(),
        Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Yes), how: "Kolada".into() }),
    );
    let mut f2 = GroupFile::new(w, &w.groups[1]);
    let b = f2.answers_mut(id(11));
    b.answers.insert(
        keys::SUBGOALS.into(),
        Answer::List(vec![
            sub(2001, "Öka andelen elever som når kunskapsmålen"),
            sub(2002, "frånvaron ska  minska"),
            sub(2003, "Skolmaten ska bli bättre."),
        ]),
    );
    b.answers.insert(
        keys::MEASURABILITY.into(),
        Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Partly), how: "Enkät".into() }),
    );
    f2.answers_mut(id(12))
        .answers
        .insert(keys::SUBGOALS.into(), Answer::List(vec![sub(2101, "Sjukfrånvaron ska minska.")]));
    (f1, f2)
}

fn read_files(list: &[(&str, &GroupFile)]) -> Vec<ReadFile> {
    list.iter()
        .map(|(name, f)| ReadFile {
            path: PathBuf::from(format!("/nowhere/dag/groups/{name}")),
            name: name.to_string(),
            content: MergeFile::Group((*f).clone()),
        })
        .collect()
}

/// An app on the group list of the workshop, at a size and a fixed time.
fn app(lang: Lang, size: (u16, u16)) -> App {
    let mut app = new_app(lang, "/nowhere");
    load(&mut app, loaded("/nowhere/dag", workshop(), Default::default()));
    app.update(Msg::Resize(size.0, size.1), Instant::now());
    app.update(Msg::Tick(Utc.with_ymd_and_hms(2027, 3, 16, 13, 5, 9).unwrap()), Instant::now());
    app
}

/// F3, down to the outline entry, Enter: the screen asks for the files.
fn open_screen(app: &mut App) -> Vec<Effect> {
    press(app, &[key(KeyCode::F(3))]);
    choose(app, malverkstad::i18n::merge::T::MenuOutline.get(app.lang));
    press(app, &[key(KeyCode::Enter)])
}

/// Open the screen and answer with the files, as the shell would.
fn opened(lang: Lang, size: (u16, u16)) -> (App, Vec<Effect>) {
    let mut app = app(lang, size);
    let fx = open_screen(&mut app);
    assert_eq!(fx, vec![Effect::Facil(FacilEffect::LoadOutline(PathBuf::from("/nowhere/dag")))]);
    let w = workshop();
    let (f1, f2) = files(&w);
    let msg = OutlineFiles {
        files: read_files(&[("grupp-1.ron", &f1), ("grupp-2.ron", &f2)]),
        unreadable: Vec::new(),
        previous: Some(Ok(None)),
    };
    let fx = app.update(Msg::Facil(FacilMsg::Outline(msg)), Instant::now());
    (app, fx)
}

fn screen(app: &App) -> &OutlineScreen {
    app.outline_screen().unwrap_or_else(|| panic!("not the outline: {:?}", app.at()))
}

fn selected(app: &App) -> OutlineItem {
    let id = screen(app).selected.expect("a selection");
    app.outline().expect("outline").find_item(id).expect("selected item").clone()
}

/// Move the selection to the item whose text starts with `text` (by keys;
/// effects and verdicts on the way are rows too).
fn select(app: &mut App, text: &str) {
    press(app, &[key(KeyCode::Home)]);
    for _ in 0..40 {
        let id = screen(app).selected.expect("a selection");
        if app.outline().expect("outline").find_item(id).is_some_and(|it| it.text.starts_with(text)) {
            return;
        }
        press(app, &[key(KeyCode::Down)]);
    }
    panic!("no item starts with {text:?}");
}

fn item(app: &App, text: &str) -> OutlineItem {
    app.outline().expect("outline").items().find(|i| i.text.starts_with(text)).expect(text).clone()
}

fn saves(fx: &[Effect]) -> Vec<u64> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Facil(FacilEffect::SaveOutline { generation, .. }) => Some(*generation),
            _ => None,
        })
        .collect()
}

/// "13:05:09" (local time: differs between machines) as "HH:MM:SS".
fn without_clock(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let window: String = chars[i..(i + 8).min(chars.len())].iter().collect();
        let is_clock = window.len() == 8
            && window.chars().enumerate().all(|(k, c)| if k == 2 || k == 5 { c == ':' } else { c.is_ascii_digit() });
        if is_clock {
            out.push_str("HH:MM:SS");
            i += 8;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn render(app: &App) -> String {
    let (w, h) = app.size;
    render_trimmed(app, w, h)
}

// ---------------------------------------------------------------- the review

#[test]
fn opening_merges_every_file_and_saves_outline_ron() {
    let (app, fx) = opened(Lang::Sv, (120, 40));
    let o = app.outline().expect("the outline is readable by other screens");
    // The folded sub-goal names both groups; near duplicates are only flagged.
    let folded = item(&app, "Frånvaron");
    assert_eq!(folded.members.len(), 2);
    assert_eq!(folded.groups, vec![id(100), id(101)]);
    assert!(folded.flags.folded);
    let near = item(&app, "Öka andelen elever som når målen");
    assert_eq!(near.flags.possible_duplicates.len(), 1);
    assert_eq!(item(&app, "Öka andelen elever som når kunskapsmålen").members.len(), 1);
    // A save of exactly this outline was asked for.
    let saved: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Facil(FacilEffect::SaveOutline { path, outline, .. }) => Some((path.clone(), outline.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].0, PathBuf::from("/nowhere/dag/outline.ron"));
    assert_eq!(*saved[0].1, *o);
    assert!(app.outline_updated().is_some());
}

#[test]
fn accept_drop_and_reopen_with_undo_and_redo() {
    let (mut app, fx) = opened(Lang::Sv, (120, 40));
    let first = saves(&fx)[0];
    app.update(Msg::Facil(FacilMsg::OutlineSaved { generation: first, result: Ok(()) }), Instant::now());
    select(&mut app, "Fler lärare");
    let fx = press(&mut app, &[key(KeyCode::Char('a'))]);
    assert_eq!(item(&app, "Fler lärare").status, Status::Accepted);
    assert_eq!(saves(&fx).len(), 1, "an accepted item is saved");
    press(&mut app, &[key(KeyCode::Char('d'))]);
    let dropped = item(&app, "Fler lärare");
    assert_eq!(dropped.status, Status::Dropped, "dropped, and still in the outline");
    press(&mut app, &[ctrl('z')]);
    assert_eq!(item(&app, "Fler lärare").status, Status::Accepted);
    press(&mut app, &[ctrl('z')]);
    assert_eq!(item(&app, "Fler lärare").status, Status::Open);
    assert!(app.outline().unwrap().decisions.is_empty(), "undo removes the decisions it made");
    press(&mut app, &[ctrl('y')]);
    assert_eq!(item(&app, "Fler lärare").status, Status::Accepted);
    press(&mut app, &[key(KeyCode::Char('d')), key(KeyCode::Char('u'))]);
    assert_eq!(item(&app, "Fler lärare").status, Status::Open, "U makes it undecided again");
    // Nothing left to redo after a new action.
    press(&mut app, &[ctrl('y')]);
    assert_eq!(screen(&app).message.as_deref(), Some("Inget att göra om"));
}

#[test]
fn edit_text_and_undo() {
    let (mut app, _) = opened(Lang::Sv, (120, 40));
    select(&mut app, "Skolmaten");
    let original = selected(&app);
    press(&mut app, &[key(KeyCode::Char('e'))]);
    assert!(screen(&app).editing.is_some());
    press(&mut app, &vec![key(KeyCode::Backspace); original.text.chars().count()]);
    let typed: Vec<KeyEvent> = "Bättre skolmat".chars().map(|c| key(KeyCode::Char(c))).collect();
    press(&mut app, &typed);
    press(&mut app, &[key(KeyCode::Enter)]);
    let edited = app.outline().unwrap().find_item(original.key).unwrap().clone();
    assert_eq!(edited.text, "Bättre skolmat");
    assert_eq!(edited.members, original.members, "the group's own text is kept as provenance");
    assert_eq!(app.outline().unwrap().decisions[&original.key].text.as_deref(), Some("Bättre skolmat"));
    press(&mut app, &[ctrl('z')]);
    assert_eq!(app.outline().unwrap().find_item(original.key).unwrap().text, original.text);
    // Esc while editing changes nothing.
    press(&mut app, &[key(KeyCode::Char('e')), key(KeyCode::Char('x')), key(KeyCode::Esc)]);
    assert_eq!(app.outline().unwrap().find_item(original.key).unwrap().text, original.text);
    assert!(screen(&app).editing.is_none());
}

/// The position of an item in its section.
fn position(app: &App, text: &str) -> usize {
    let o = app.outline().unwrap();
    let goal = o.goal(id(11)).unwrap();
    goal.subgoals().iter().position(|i| i.text.starts_with(text)).expect(text)
}

#[test]
fn reorder_with_alt_arrows_and_undo() {
    let (mut app, _) = opened(Lang::Sv, (120, 40));
    select(&mut app, "Skolmaten");
    let before = position(&app, "Skolmaten");
    assert!(before > 0);
    press(&mut app, &[alt(KeyCode::Up)]);
    assert_eq!(position(&app, "Skolmaten"), before - 1);
    press(&mut app, &[alt(KeyCode::Up)]);
    assert_eq!(position(&app, "Skolmaten"), before - 2);
    assert!(selected(&app).text.starts_with("Skolmaten"), "the moved item stays chosen");
    press(&mut app, &[ctrl('z'), ctrl('z')]);
    assert_eq!(position(&app, "Skolmaten"), before);
}

#[test]
fn combine_two_marked_items_keeps_both_and_undo_splits_them() {
    let (mut app, _) = opened(Lang::Sv, (120, 40));
    let a = item(&app, "Öka andelen elever som når målen");
    let b = item(&app, "Öka andelen elever som når kunskapsmålen");
    let before = app.outline().unwrap().goal(id(11)).unwrap().subgoals().len();
    // C with nothing marked explains what to do.
    press(&mut app, &[key(KeyCode::Char('c'))]);
    assert!(screen(&app).message.as_deref().is_some_and(|m| m.contains("Markera")));
    select(&mut app, "Öka andelen elever som når målen");
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert!(screen(&app).marked.contains(&a.key));
    select(&mut app, "Öka andelen elever som når kunskapsmålen");
    press(&mut app, &[key(KeyCode::Char('c'))]);
    let combined = app.outline().unwrap().find_item(a.key).unwrap().clone();
    let ids: Vec<Uuid> = combined.members.iter().map(|m| m.id).collect();
    assert_eq!(ids, vec![a.key, b.key]);
    assert!(combined.flags.combined);
    assert_eq!(combined.groups, vec![id(100), id(101)], "the provenance of both");
    assert_eq!(app.outline().unwrap().goal(id(11)).unwrap().subgoals().len(), before - 1);
    assert!(screen(&app).marked.is_empty());
    press(&mut app, &[ctrl('z')]);
    assert_eq!(app.outline().unwrap().goal(id(11)).unwrap().subgoals().len(), before);
    // Items of different questions are not combined: said, and nothing changes.
    select(&mut app, "Andel behöriga");
    press(&mut app, &[key(KeyCode::Char('m'))]);
    select(&mut app, "Skolmaten");
    let decisions = app.outline().unwrap().decisions.clone();
    press(&mut app, &[key(KeyCode::Char('c'))]);
    assert_eq!(app.outline().unwrap().decisions, decisions);
    assert!(screen(&app).message.as_deref().is_some_and(|m| m.contains("samma mål och fråga")));
}

/// The items the tree shows under the screen's filter.
fn shown(app: &App) -> Vec<String> {
    let o = app.outline().unwrap();
    rows(o, screen(app).filter).into_iter().filter_map(|r| item_at(o, r)).map(|i| i.text.clone()).collect()
}

#[test]
fn filters_show_conflicts_possible_duplicates_and_undecided_items() {
    let (mut app, _) = opened(Lang::Sv, (120, 40));
    // A conflicting copy of Grupp 2's file: one sub-goal differs.
    let w = workshop();
    let (f1, f2) = files(&w);
    let mut copy = f2.clone();
    if let Some(Answer::List(items)) = copy.answers_mut(id(11)).answers.get_mut(keys::SUBGOALS) {
        items[2].text = "Skolmaten ska bli godare.".into();
    }
    let msg = OutlineFiles {
        files: read_files(&[("grupp-1.ron", &f1), ("grupp-2.ron", &f2), ("grupp-2 (1).ron", &copy)]),
        unreadable: Vec::new(),
        previous: None,
    };
    app.update(Msg::Facil(FacilMsg::Outline(msg)), Instant::now());
    let all = shown(&app);
    assert_eq!(all.len(), app.outline().unwrap().items().count());
    press(&mut app, &[key(KeyCode::Char('f'))]);
    assert_eq!(screen(&app).filter, Filter::Conflicts);
    let conflicts = shown(&app);
    assert_eq!(conflicts.len(), 1);
    assert!(conflicts[0].starts_with("Skolmaten"));
    assert!(selected(&app).flags.conflict, "the selection moves to a shown item");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    assert_eq!(screen(&app).filter, Filter::Duplicates);
    let mut dups = shown(&app);
    dups.sort();
    assert_eq!(dups, vec!["Öka andelen elever som når kunskapsmålen", "Öka andelen elever som når målen"]);
    press(&mut app, &[key(KeyCode::Char('f'))]);
    assert_eq!(screen(&app).filter, Filter::Undecided);
    select(&mut app, "Fler lärare");
    press(&mut app, &[key(KeyCode::Char('a'))]);
    assert!(!shown(&app).iter().any(|t| t.starts_with("Fler lärare")), "an accepted item is decided");
    assert_eq!(shown(&app).len(), all.len() - 1);
    press(&mut app, &[key(KeyCode::Char('f'))]);
    assert_eq!(screen(&app).filter, Filter::All);
    // Conflicts shown on screen in words, not colour alone, with every
    // version and the file it came from.
    press(&mut app, &[key(KeyCode::Char('f'))]);
    let screen_text = render(&app);
    assert!(screen_text.contains("⚠ konflikt"));
    assert!(screen_text.contains("↳ 2) grupp-2 (1).ron: Skolmaten ska bli godare."), "{screen_text}");
    assert!(screen_text.contains("↳ 1) grupp-2.ron: Skolmaten ska bli bättre."), "{screen_text}");
}

/// Issue #14, defect 3: accepting a conflicted item kept whichever version
/// the line showed and the other vanished. Now accept asks, 1, 2 … choose a
/// version (shown with its file and when it was saved), 0 keeps all, and the
/// choice is saved and survives a re-merge.
#[test]
fn a_conflict_is_chosen_by_number_not_guessed_and_the_choice_survives_a_re_merge() {
    let (mut app, _) = opened(Lang::Sv, (120, 40));
    let w = workshop();
    let (f1, mut f2) = files(&w);
    f2.saved_at = Some(Utc.with_ymd_and_hms(2027, 3, 16, 10, 0, 0).unwrap());
    let mut copy = f2.clone();
    copy.saved_at = Some(Utc.with_ymd_and_hms(2027, 3, 16, 11, 0, 0).unwrap());
    if let Some(Answer::List(items)) = copy.answers_mut(id(11)).answers.get_mut(keys::SUBGOALS) {
        items[2].text = "Skolmaten ska bli godare.".into();
    }
    let read = || read_files(&[("grupp-1.ron", &f1), ("grupp-2.ron", &f2), ("grupp-2 (1).ron", &copy)]);
    let msg = OutlineFiles { files: read(), unreadable: Vec::new(), previous: None };
    app.update(Msg::Facil(FacilMsg::Outline(msg)), Instant::now());
    select(&mut app, "Skolmaten");
    let text = render(&app);
    assert!(text.contains("grupp-2.ron (sparad 2027-03-16"), "when each copy was saved: {text}");
    // Accept asks instead of keeping whichever version shows.
    press(&mut app, &[key(KeyCode::Char('a'))]);
    assert_eq!(selected(&app).status, Status::Open);
    assert!(render(&app).contains("välj version med 1, 2"), "{}", render(&app));
    // 2 chooses "godare" (the copy); the other is kept, marked not chosen.
    press(&mut app, &[key(KeyCode::Char('2'))]);
    let item = selected(&app);
    assert!(!item.flags.conflict);
    assert_eq!(item.text, "Skolmaten ska bli godare.");
    assert_eq!(item.versions().count(), 2, "nothing is lost");
    let text = render(&app);
    assert!(
        text.contains("2) grupp-2 (1).ron (sparad") && text.contains("[ej vald]: Skolmaten ska bli bättre."),
        "{text}"
    );
    press(&mut app, &[key(KeyCode::Char('a'))]);
    assert_eq!(selected(&app).status, Status::Accepted, "once chosen, accept works");
    // Saved in outline.ron, and kept by a re-merge.
    let saved = malverkstad::store::codec::to_ron(app.outline().unwrap()).unwrap();
    assert!(saved.contains("choice: Some(Version("), "{saved}");
    let msg = OutlineFiles { files: read(), unreadable: Vec::new(), previous: None };
    app.update(Msg::Facil(FacilMsg::Outline(msg)), Instant::now());
    assert_eq!(item_text(&app, "Skolmaten"), "Skolmaten ska bli godare.");
    // 0 keeps both: each version stands.
    select(&mut app, "Skolmaten");
    press(&mut app, &[key(KeyCode::Char('0'))]);
    assert!(!selected(&app).flags.conflict && selected(&app).flags.set_aside.is_empty());
}

fn item_text(app: &App, start: &str) -> String {
    item(app, start).text
}

#[test]
fn a_decision_survives_a_group_editing_its_file() {
    let (mut app, _) = opened(Lang::Sv, (120, 40));
    select(&mut app, "Fler lärare");
    press(&mut app, &[key(KeyCode::Char('a'))]);
    select(&mut app, "Skolmaten");
    press(&mut app, &[key(KeyCode::Char('d'))]);
    // Not saved yet when the group's new file arrives: still kept.
    let w = workshop();
    let (mut f1, mut f2) = files(&w);
    if let Some(Answer::List(items)) = f1.answers_mut(id(11)).answers.get_mut(keys::SUBGOALS) {
        items[2].text = "Fler lärare ska vara behöriga i alla ämnen.".into();
        items.push(sub(1004, "Alla elever ska läsa varje dag."));
    }
    f2.answers_mut(id(12)).answers.remove(keys::SUBGOALS);
    let msg = OutlineFiles {
        files: read_files(&[("grupp-1.ron", &f1), ("grupp-2.ron", &f2)]),
        unreadable: Vec::new(),
        previous: None,
    };
    let now = Utc.with_ymd_and_hms(2027, 3, 16, 13, 7, 0).unwrap();
    app.update(Msg::Tick(now), Instant::now());
    let fx = app.update(Msg::Facil(FacilMsg::Outline(msg)), Instant::now());
    let changed = item(&app, "Fler lärare");
    assert_eq!(changed.text, "Fler lärare ska vara behöriga i alla ämnen.");
    assert_eq!(changed.status, Status::Accepted, "the decision is kept");
    assert!(changed.flags.changed_after_decision, "and flagged for another look");
    assert_eq!(item(&app, "Skolmaten").status, Status::Dropped);
    assert!(!item(&app, "Skolmaten").flags.changed_after_decision);
    assert_eq!(item(&app, "Alla elever").status, Status::Open, "a new item arrives undecided");
    assert!(app.outline().unwrap().items().all(|i| !i.text.starts_with("Sjukfrånvaron")), "a deleted item is gone");
    assert_eq!(app.outline_updated(), Some(now));
    assert!(render(&app).contains("↻ ändrad efter beslut"));
    // The outline with every decision goes to disk (or waits for the save running).
    let o = app.outline().unwrap();
    assert_eq!(o.decisions.len(), 2);
    assert!(!saves(&fx).is_empty() || app.outline.as_ref().unwrap().in_flight.is_some());
    // Undo still works across the re-merge.
    press(&mut app, &[ctrl('z')]);
    assert_eq!(item(&app, "Skolmaten").status, Status::Open);
}

#[test]
fn saves_never_overlap_and_a_failed_save_is_shown() {
    let (mut app, fx) = opened(Lang::Sv, (120, 40));
    let first = saves(&fx);
    assert_eq!(first.len(), 1);
    select(&mut app, "Fler lärare");
    let fx = press(&mut app, &[key(KeyCode::Char('a'))]);
    assert!(saves(&fx).is_empty(), "one save at a time");
    let fx = app.update(
        Msg::Facil(FacilMsg::OutlineSaved { generation: first[0], result: Err("disken är full".into()) }),
        Instant::now(),
    );
    assert_eq!(saves(&fx).len(), 1, "the newer state is saved next");
    assert!(render(&app).contains("disken är full"));
    let g = saves(&fx)[0];
    app.update(Msg::Facil(FacilMsg::OutlineSaved { generation: g, result: Ok(()) }), Instant::now());
    assert!(!app.outline.as_ref().unwrap().dirty());
    assert!(render(&app).contains("sparad"));
}

#[test]
fn help_lists_the_review_keys_and_esc_goes_back_to_the_menu() {
    let (mut app, _) = opened(Lang::En, (120, 40));
    press(&mut app, &[key(KeyCode::F(1))]);
    let help = render(&app);
    for text in [
        "Accept the item",
        "Drop the item",
        "Combine the marked",
        "Filter: all, conflicts",
        "Ctrl-Z",
        "Choose version 1, 2",
        "Keep every version",
    ] {
        assert!(help.contains(text), "{text} missing from the help:\n{help}");
    }
    press(&mut app, &[key(KeyCode::Esc)]);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.at(), At::Menu);
    assert!(app.outline().is_some(), "the outline stays readable after leaving the screen");
}

#[test]
fn snapshots_sv_en_80x24_120x40() {
    for lang in [Lang::Sv, Lang::En] {
        for size in [(80, 24), (120, 40)] {
            let (mut app, _) = opened(lang, size);
            select(&mut app, "Frånvaron");
            press(&mut app, &[key(KeyCode::Char('a'))]);
            select(&mut app, "Skolmaten");
            press(&mut app, &[key(KeyCode::Char('d'))]);
            select(&mut app, "Öka andelen elever som når målen");
            press(&mut app, &[key(KeyCode::Char('m'))]);
            let name = format!("outline_{}_{}x{}", if lang == Lang::Sv { "sv" } else { "en" }, size.0, size.1);
            insta::assert_snapshot!(name, without_clock(&render(&app)));
        }
    }
}

// ---------------------------------------------------------------- several laptops, for real

fn write_group(dir: &WorkshopDir, w: &Workshop, f: &GroupFile) {
    let group = w.group(f.group).expect("group");
    dir.save_group(group, f).expect("save");
}

fn setup_folder() -> (tempfile::TempDir, WorkshopDir, Workshop) {
    let tmp = tempfile::tempdir().expect("tmp");
    let w = workshop();
    let dir = malverkstad::store::create_workshop_at(&tmp.path().join("dag"), &w).expect("create");
    (tmp, dir, w)
}

#[test]
fn the_shell_follows_a_group_file_written_by_another_laptop_and_keeps_decisions() {
    use malverkstad::tui::{saver, Services, POLL};
    assert!(POLL <= std::time::Duration::from_secs(1), "the folder is looked at every second at least");
    let (tmp, dir, w) = setup_folder();
    let (f1, f2) = files(&w);
    write_group(&dir, &w, &f1);
    let (tx, _rx) = std::sync::mpsc::channel();
    let shared = std::sync::Arc::new(std::sync::Mutex::new(None));
    let mut services = Services::new(tmp.path().to_path_buf(), Lang::Sv, saver::spawn(tx, Lang::Sv), shared);
    let mut app = App::new(Lang::Sv, Theme::plain(), tmp.path().to_path_buf(), None);
    app.update(Msg::Resize(120, 40), Instant::now());
    services.start(&mut app, Some(&dir.root));
    let fx = open_screen(&mut app);
    services.run(&mut app, fx);
    assert!(app.outline().is_some());
    assert!(!services.poll_outline(&mut app), "nothing changed yet");
    select(&mut app, "Fler lärare");
    let fx = press(&mut app, &[key(KeyCode::Char('a'))]);
    services.run(&mut app, fx);
    let on_disk = dir.load_outline().expect("read").expect("outline.ron written");
    assert_eq!(on_disk.find_item(id(1003)).unwrap().status, Status::Accepted);
    // Grupp 2's laptop writes its file into the shared folder.
    write_group(&dir, &w, &f2);
    assert!(services.poll_outline(&mut app), "the change is seen at the next poll");
    assert!(app.outline().unwrap().find_item(id(2003)).is_some(), "Grupp 2's work is in the outline");
    assert_eq!(item(&app, "Fler lärare").status, Status::Accepted, "the decision is kept");
    let on_disk = dir.load_outline().expect("read").expect("outline.ron");
    assert!(on_disk.find_item(id(2003)).is_some() && on_disk.decisions.contains_key(&id(1003)));
    assert!(!services.poll_outline(&mut app), "and read once");
    // A rewrite of the same size in the same second is still seen (a new file each save).
    let mut again = f2.clone();
    if let Some(Answer::List(items)) = again.answers_mut(id(11)).answers.get_mut(keys::SUBGOALS) {
        items[2].text = "Skolmaten ska bli godare".into();
    }
    write_group(&dir, &w, &again);
    assert!(services.poll_outline(&mut app));
    assert!(app.outline().unwrap().items().any(|i| i.text == "Skolmaten ska bli godare"));
    // A decision whose save has not run yet is written when the program ends.
    select(&mut app, "Skolmaten");
    let _not_run = press(&mut app, &[key(KeyCode::Char('d'))]);
    services.finish(&mut app);
    let on_disk = dir.load_outline().expect("read").expect("outline.ron");
    assert_eq!(on_disk.find_item(id(2003)).unwrap().status, Status::Dropped);
}

/// A lock file as a terminal on another machine leaves it.
fn foreign_lock(file: &Path, host: &str) {
    let info =
        malverkstad::store::lock::LockInfo { host: host.into(), pid: 1, since: Utc::now(), ..Default::default() };
    std::fs::write(malverkstad::store::lock::lock_path(file), ron::to_string(&info).unwrap()).unwrap();
}

#[test]
fn groups_on_two_hosts_write_their_own_files_and_a_merge_sees_both() {
    use malverkstad::store::lock::GroupLock;
    let (_tmp, dir, w) = setup_folder();
    let (f1, f2) = files(&w);
    // Grupp 1 works on "laptop-a", Grupp 2 on "laptop-b": their locks are in the folder.
    foreign_lock(&dir.group_path(&w.groups[0]), "laptop-a");
    foreign_lock(&dir.group_path(&w.groups[1]), "laptop-b");
    write_group(&dir, &w, &f1);
    write_group(&dir, &w, &f2);
    // A third terminal (here) cannot take either group, even though the
    // process named in the lock is not running here.
    for g in &w.groups {
        match GroupLock::acquire(&dir.group_path(g)) {
            Err(malverkstad::store::StoreError::Locked { host, .. }) => assert!(host.starts_with("laptop-")),
            other => panic!("another host's lock was taken: {other:?}"),
        }
    }
    let (files, bad) = malverkstad::store::outline::read_merge_files(&dir.group_files().unwrap());
    assert!(bad.is_empty());
    let inputs = malverkstad::app::outline::inputs(&files);
    let o = malverkstad::domain::merge::merge(&w, &inputs, None).expect("merge");
    for n in [1001, 1002, 1003, 1050, 2001, 2002, 2003, 2101] {
        assert!(o.find_item(id(n)).is_some(), "item {n} missing");
    }
    assert_eq!(item_groups(&o, 1002), vec![id(100), id(101)]);
}

fn item_groups(o: &malverkstad::domain::outline::Outline, n: u128) -> Vec<Uuid> {
    o.find_item(id(n)).unwrap().groups.clone()
}

#[test]
fn rows_name_goals_and_sections_before_their_items() {
    let (app, _) = opened(Lang::Sv, (120, 40));
    let o = app.outline().unwrap();
    let r = rows(o, Filter::All);
    assert_eq!(r[0], Row::Goal(0));
    assert!(matches!(r[1], Row::Section(0, _)));
    let first_item = r.iter().position(|row| matches!(row, Row::Item(..))).unwrap();
    assert!(matches!(r[first_item - 1], Row::Section(..)));
}

#[test]
fn an_unreadable_or_foreign_outline_ron_is_said_and_never_overwritten() {
    for previous in [Err("outline.ron, rad 3: oväntat tecken".to_string()), Ok(Some(foreign()))] {
        let mut app = app(Lang::Sv, (120, 40));
        open_screen(&mut app);
        let w = workshop();
        let (f1, f2) = files(&w);
        let msg = OutlineFiles {
            files: read_files(&[("grupp-1.ron", &f1), ("grupp-2.ron", &f2)]),
            unreadable: vec!["grupp-3.ron: trasig".into()],
            previous: Some(previous),
        };
        let fx = app.update(Msg::Facil(FacilMsg::Outline(msg)), Instant::now());
        assert!(saves(&fx).is_empty());
        assert!(app.outline().unwrap().find_item(id(2003)).is_some(), "the groups' work still shows");
        select(&mut app, "Fler lärare");
        let fx = press(&mut app, &[key(KeyCode::Char('a'))]);
        assert!(saves(&fx).is_empty(), "the stored file is kept as it is");
        assert_eq!(item(&app, "Fler lärare").status, Status::Accepted, "the review works in memory");
        assert!(render(&app).contains('⚠'));
    }
}

/// An outline of another workshop.
fn foreign() -> malverkstad::domain::outline::Outline {
    malverkstad::domain::outline::Outline::empty(id(999))
}

/// Issue #14 (smaller defects): a question the facilitator added showed
/// under its internal key ("Fråga resurser") in the review.
#[test]
fn an_added_question_shows_with_its_text_not_its_key() {
    use malverkstad::domain::model::{Bilingual, Question, QuestionKind};
    let mut app = app(Lang::Sv, (120, 40));
    let question = Question {
        key: "resurser".into(),
        kind: QuestionKind::Text,
        prompt: Bilingual::new("Vilka resurser behövs?", "Which resources are needed?"),
        guidance: Bilingual::new("", ""),
    };
    app.loaded.as_mut().unwrap().workshop.questions.push(question);
    open_screen(&mut app);
    let w = workshop();
    let (mut f1, f2) = files(&w);
    f1.answers_mut(id(11)).answers.insert("resurser".into(), Answer::Text("Två lärare till.".into()));
    let msg = OutlineFiles {
        files: read_files(&[("grupp-1.ron", &f1), ("grupp-2.ron", &f2)]),
        unreadable: Vec::new(),
        previous: Some(Ok(None)),
    };
    app.update(Msg::Facil(FacilMsg::Outline(msg)), Instant::now());
    let text = render(&app);
    assert!(text.contains("Vilka resurser behövs?"), "{text}");
    assert!(!text.contains("Fråga resurser"), "{text}");
}

/// Issue #14 (smaller defects): the review cut texts to one line, so the
/// end of a long sub-goal and what tells near duplicates apart were never
/// visible. The chosen item is shown in full below the tree.
#[test]
fn the_chosen_item_is_shown_in_full_with_its_versions_and_near_duplicates() {
    let mut app = app(Lang::Sv, (100, 40));
    open_screen(&mut app);
    let w = workshop();
    let (mut f1, f2) = files(&w);
    let long = "Öka andelen elever som når målen i alla ämnen i årskurs 6 och 9, med särskilt fokus på \
                pojkarnas läsförståelse och på elever med annat modersmål än svenska, SLUTORDET";
    if let Some(Answer::List(items)) = f1.answers_mut(id(11)).answers.get_mut(keys::SUBGOALS) {
        items[0].text = long.into();
    }
    let msg = OutlineFiles {
        files: read_files(&[("grupp-1.ron", &f1), ("grupp-2.ron", &f2)]),
        unreadable: Vec::new(),
        previous: Some(Ok(None)),
    };
    app.update(Msg::Facil(FacilMsg::Outline(msg)), Instant::now());
    select(&mut app, "Öka andelen elever som når kunskapsmålen");
    let text = render(&app);
    assert!(
        text.contains("1) Öka andelen elever som når kunskapsmålen – Ägare: Kommunstyrelsen (Grupp 2; grupp-2.ron)"),
        "{text}"
    );
    select(&mut app, "Öka andelen elever som når målen i alla");
    let text = render(&app);
    assert!(text.contains("SLUTORDET"), "the whole text, wrapped: {text}");
}

/// A decision whose outline.ron was rewritten by another program (here a
/// merge from the command line) is not lost on quit: it goes whole to a
/// copy beside outline.ron, the note names it and the exit code says so.
#[test]
fn decisions_that_outline_ron_cannot_take_on_quit_go_to_a_named_copy() {
    use malverkstad::tui::{saver, Services};
    let (tmp, dir, w) = setup_folder();
    let (f1, _) = files(&w);
    write_group(&dir, &w, &f1);
    let (tx, _rx) = std::sync::mpsc::channel();
    let shared = std::sync::Arc::new(std::sync::Mutex::new(None));
    let mut services = Services::new(tmp.path().to_path_buf(), Lang::Sv, saver::spawn(tx, Lang::Sv), shared);
    let mut app = App::new(Lang::Sv, Theme::plain(), tmp.path().to_path_buf(), None);
    app.update(Msg::Resize(120, 40), Instant::now());
    services.start(&mut app, Some(&dir.root));
    let fx = open_screen(&mut app);
    services.run(&mut app, fx);
    // Another program rewrites outline.ron (valid, but not what this process wrote).
    let mut other = dir.load_outline().expect("read").expect("outline.ron written");
    other.decisions.clear();
    let text = malverkstad::store::codec::to_ron(&other).unwrap() + "\n";
    std::fs::write(dir.outline_path(), &text).unwrap();
    select(&mut app, "Fler lärare");
    let _not_run = press(&mut app, &[key(KeyCode::Char('d'))]);
    services.finish(&mut app);
    assert_eq!(
        std::fs::read_to_string(dir.outline_path()).unwrap(),
        text,
        "the other program's file is not overwritten"
    );
    let note = services.final_note.clone().expect("a note says where the decisions are");
    let copy = std::fs::read_dir(&dir.root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("outline.unsaved-"))
        .expect("a copy beside outline.ron");
    assert!(note.contains(&copy.display().to_string()), "{note}");
    let saved = malverkstad::store::outline::load(&copy).expect("the copy reads").expect("an outline");
    assert_eq!(saved.find_item(id(1003)).unwrap().status, Status::Dropped, "with the decision");
    assert_eq!(services.exit_code, malverkstad::tui::recovery::EXIT_RESCUED);
}

/// Move the selection by keys to the row with this handle (an effect's or a
/// verdict's `entry_key`).
fn select_key(app: &mut App, handle: Uuid) {
    press(app, &[key(KeyCode::Home)]);
    for _ in 0..40 {
        if screen(app).selected == Some(handle) {
            return;
        }
        press(app, &[key(KeyCode::Down)]);
    }
    panic!("no row selects {handle}");
}

/// Issue 14: a group's effect and its verdict are rows the review selects
/// (arrows, like items), and the detail pane shows the chosen one in full:
/// every version of a conflicting effect with the file it came from (the
/// tree's one line cut the second version off), the verdict with its
/// comment. The selection stays on the effect across a re-merge. Before,
/// the arrows skipped effects and verdicts and nothing showed them whole.
#[test]
fn effects_and_verdicts_are_selected_and_shown_in_full_with_every_version() {
    use malverkstad::app::outline::screen::entry_key;
    let mut app = app(Lang::Sv, (100, 40));
    open_screen(&mut app);
    let w = workshop();
    let (f1, f2) = files(&w);
    let mut copy = f1.clone();
    let long = "Fler elever går ut med godkända betyg och trivs i skolan, SLUTORDET";
    copy.answers_mut(id(11)).answers.insert(keys::EFFECT.into(), Answer::Text(long.into()));
    let msg = || OutlineFiles {
        files: read_files(&[("grupp-1.ron", &f1), ("grupp-1 (1).ron", &copy), ("grupp-2.ron", &f2)]),
        unreadable: Vec::new(),
        previous: Some(Ok(None)),
    };
    app.update(Msg::Facil(FacilMsg::Outline(msg())), Instant::now());

    let effect = entry_key(id(11), keys::EFFECT, w.groups[0].id);
    select_key(&mut app, effect);
    let text = render(&app);
    assert!(text.contains(&format!("1) {long} (grupp-1 (1).ron)")), "{text}");
    assert!(text.contains("2) Fler elever går ut med godkända betyg. (grupp-1.ron)"), "{text}");

    // Accepting a conflicting effect asks for a version first, and changes nothing.
    let generation = app.outline.as_ref().unwrap().generation;
    press(&mut app, &[key(KeyCode::Char('a'))]);
    assert_eq!(screen(&app).message.as_deref(), Some(malverkstad::i18n::merge::T::ChooseFirst.get(Lang::Sv)));
    assert_eq!(app.outline.as_ref().unwrap().generation, generation);

    // A re-merge (the same files read again) keeps the effect selected.
    app.update(Msg::Facil(FacilMsg::Outline(msg())), Instant::now());
    assert_eq!(screen(&app).selected, Some(effect));

    let verdict = entry_key(id(11), keys::MEASURABILITY, w.groups[1].id);
    select_key(&mut app, verdict);
    let text = render(&app);
    assert!(text.contains("  Delvis – Enkät (grupp-2.ron)"), "{text}");

    // Items are still reached by the arrows after them.
    select(&mut app, "Frånvaron ska minska.");
}

/// The effect (or verdict) whose entry key is `handle`: (status, text shown,
/// edited, conflict).
fn entry_state(app: &App, handle: Uuid) -> (Status, String, bool, bool) {
    use malverkstad::app::outline::screen::{entry_at, Entry as Row};
    match entry_at(app.outline().unwrap(), handle).expect("the entry") {
        Row::Text(_, e) => (e.status, e.text.clone(), e.edited, e.conflict),
        Row::Verdict(_, e) => (e.status, e.text.clone(), e.edited, e.conflict),
    }
}

/// Issue 14: the decision keys work on a group's effect as on an item:
/// A accepts, D drops, U reopens, E edits the text (the group's wording is
/// kept), 1–9 choose a version of conflicting copies; Ctrl+Z undoes each;
/// the decisions are stored under the effect's entry key in
/// `Outline::decisions` and survive a re-merge. Before, every one of these
/// keys only said the effect could not be decided yet.
#[test]
fn effects_and_verdicts_are_decided_with_undo_and_survive_a_remerge() {
    use malverkstad::domain::outline::entry_key;
    let mut app = app(Lang::Sv, (120, 40));
    open_screen(&mut app);
    let w = workshop();
    let (f1, f2) = files(&w);
    let mut copy = f1.clone();
    let other = "Fler elever trivs i skolan.";
    copy.answers_mut(id(11)).answers.insert(keys::EFFECT.into(), Answer::Text(other.into()));
    let msg = |with_copy: bool| {
        let mut list = vec![("grupp-1.ron", &f1), ("grupp-2.ron", &f2)];
        if with_copy {
            list.push(("grupp-1 (1).ron", &copy));
        }
        OutlineFiles { files: read_files(&list), unreadable: Vec::new(), previous: Some(Ok(None)) }
    };
    app.update(Msg::Facil(FacilMsg::Outline(msg(false))), Instant::now());
    let effect = entry_key(id(11), keys::EFFECT, w.groups[0].id);
    select_key(&mut app, effect);
    let original = entry_state(&app, effect).1;
    assert_eq!(original, "Fler elever går ut med godkända betyg.");

    // The undecided filter shows it until it is decided.
    let listed = |app: &App| {
        let o = app.outline().unwrap();
        rows(o, screen(app).filter)
            .into_iter()
            .any(|r| malverkstad::app::outline::screen::row_key(o, r) == Some(effect))
    };
    press(&mut app, &[key(KeyCode::Char('f')), key(KeyCode::Char('f')), key(KeyCode::Char('f'))]);
    assert_eq!(screen(&app).filter, Filter::Undecided);
    assert!(listed(&app));
    select_key(&mut app, effect);
    press(&mut app, &[key(KeyCode::Char('a'))]);
    assert_eq!(entry_state(&app, effect).0, Status::Accepted);
    assert!(!listed(&app), "an accepted effect is decided");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    assert_eq!(screen(&app).filter, Filter::All);
    select_key(&mut app, effect);
    assert_eq!(app.outline().unwrap().decisions[&effect].status, Status::Accepted, "stored under the entry key");
    assert!(render(&app).contains("✓ [Grupp 1]"), "{}", render(&app));
    press(&mut app, &[key(KeyCode::Char('d'))]);
    assert_eq!(entry_state(&app, effect).0, Status::Dropped);
    assert!(render(&app).contains("✗ [Grupp 1]"), "{}", render(&app));
    press(&mut app, &[ctrl('z')]);
    assert_eq!(entry_state(&app, effect).0, Status::Accepted, "undo");
    press(&mut app, &[key(KeyCode::Char('u'))]);
    assert_eq!(entry_state(&app, effect).0, Status::Open);
    press(&mut app, &[ctrl('z'), ctrl('z')]);
    assert_eq!(entry_state(&app, effect).0, Status::Open);
    assert!(!app.outline().unwrap().decisions.contains_key(&effect), "undo removes the decision it made");

    // Edit: the facilitator's text shows, the group's wording stays.
    press(&mut app, &[key(KeyCode::Char('e'))]);
    assert!(screen(&app).editing.is_some());
    press(&mut app, &vec![key(KeyCode::Backspace); original.chars().count()]);
    let typed: Vec<KeyEvent> = "Alla elever lyckas.".chars().map(|c| key(KeyCode::Char(c))).collect();
    press(&mut app, &typed);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('a'))]);
    assert_eq!(entry_state(&app, effect), (Status::Accepted, "Alla elever lyckas.".into(), true, false));
    let text = render(&app);
    assert!(text.contains("✓ ✎ [Grupp 1] Alla elever lyckas."), "{text}");
    assert!(text.contains(&original), "the group's wording is shown beside the edit: {text}");

    // A re-merge with a differing copy of the group's file keeps the
    // decisions; the effect is a conflict until a version is chosen.
    app.update(Msg::Facil(FacilMsg::Outline(msg(true))), Instant::now());
    assert_eq!(screen(&app).selected, Some(effect));
    assert_eq!(entry_state(&app, effect), (Status::Accepted, "Alla elever lyckas.".into(), true, true));
    let changed = |app: &App| match malverkstad::app::outline::screen::entry_at(app.outline().unwrap(), effect) {
        Some(malverkstad::app::outline::screen::Entry::Text(_, e)) => e.changed_after_decision,
        _ => panic!("the effect"),
    };
    assert!(changed(&app), "a copy that differs came after the decision");
    assert!(render(&app).contains("↻ ändrad efter beslut"), "{}", render(&app));
    press(&mut app, &[key(KeyCode::Char('e'))]);
    press(&mut app, &vec![key(KeyCode::Backspace); 40]);
    press(&mut app, &[key(KeyCode::Enter)]);
    let versions = match malverkstad::app::outline::screen::entry_at(app.outline().unwrap(), effect) {
        Some(malverkstad::app::outline::screen::Entry::Text(_, e)) => e.versions.clone(),
        _ => panic!("the effect"),
    };
    let n = versions.iter().position(|v| v == other).unwrap();
    press(&mut app, &[key(KeyCode::Char(char::from(b'1' + n as u8)))]);
    assert_eq!(entry_state(&app, effect), (Status::Accepted, other.to_string(), false, false));
    assert!(!changed(&app), "choosing a version sees every version");
    press(&mut app, &[ctrl('z')]);
    assert!(entry_state(&app, effect).3, "undo brings the conflict back");

    // A verdict: dropped, and the drop survives a re-merge.
    let verdict = entry_key(id(11), keys::MEASURABILITY, w.groups[1].id);
    select_key(&mut app, verdict);
    press(&mut app, &[key(KeyCode::Char('d'))]);
    app.update(Msg::Facil(FacilMsg::Outline(msg(true))), Instant::now());
    assert_eq!(entry_state(&app, verdict).0, Status::Dropped);
    // Marking (to combine) or moving a verdict is refused with a message.
    press(&mut app, &[key(KeyCode::Char(' '))]);
    assert!(screen(&app).marked.is_empty());
    assert_eq!(screen(&app).message.as_deref(), Some(malverkstad::i18n::merge::T::EntryNotMovable.get(Lang::Sv)));
}
