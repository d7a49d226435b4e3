//! The plenary (storgrupp) mode without a terminal: key scripts on
//! `App::update` with the workshop and group files held in memory, the
//! shell's answers given by hand, and snapshots of the goal view, the goal
//! list and the overview at 80×24, 120×40 and the projector's 240×70.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use crossterm::event::KeyCode;
use malverkstad::app::facil::{FacilEffect, FacilMsg};
use malverkstad::app::outline::screen::OutlineFiles;
use malverkstad::app::plenary::{PlenaryState, View};
use malverkstad::app::{App, At, Effect, Msg};
use malverkstad::domain::merge::review::{self, Op};
use malverkstad::domain::merge::{merge, Input};
use malverkstad::domain::model::{
    keys, Answer, Goal, GroupFile, Indicator, ListItem, Measure, Timer, Verdict, VerdictAnswer, Workshop,
};
use malverkstad::domain::outline::Outline;
use malverkstad::domain::setup::make_groups;
use malverkstad::i18n::Lang;
use malverkstad::store::outline::{MergeFile, ReadFile};

mod common;

use common::app::{assert_fits, load, loaded, mouse, new_app, press, render_at_size, typed};
use common::keys::key;

// ---------------------------------------------------------------- fixtures

fn sub(text: &str, owner: &str) -> ListItem {
    ListItem { owner: owner.into(), ..ListItem::new(text) }
}

fn indicator(name: &str, target: &str, year: &str) -> Indicator {
    Indicator {
        source: "Kolada".into(),
        baseline: Measure { value: "7,1".into(), year: "2025".into() },
        target: Measure { value: target.into(), year: year.into() },
        responsible: "HR-chef".into(),
        ..Indicator::new(name)
    }
}

fn verdict(v: Option<Verdict>, how: &str) -> Answer {
    Answer::Verdict(VerdictAnswer { verdict: v, how: how.into() })
}

/// Three goals, two groups that both work on every goal. Both groups wrote
/// the same sub-goal "Sjukfrånvaron ska minska" (spelled a little
/// differently), which the merge folds into one item.
struct Fixture {
    workshop: Workshop,
    files: BTreeMap<uuid::Uuid, GroupFile>,
    /// Grupp 1's sub-goal that the review drops.
    dropped: uuid::Uuid,
    /// Grupp 2's indicator whose name the review edits.
    edited: uuid::Uuid,
}

fn fixture() -> Fixture {
    let mut w = Workshop::new("Målstyrningsdag KS 2027");
    let mut g1 = Goal::new(
        Some("3.1".into()),
        "Kommunen ska vara en attraktiv arbetsgivare som kan behålla och rekrytera rätt kompetens.",
    );
    g1.perspective = Some("Medarbetare".into());
    g1.owner = Some("Kommunstyrelsen".into());
    w.goals = vec![
        g1,
        Goal::new(Some("4.1".into()), "Ekonomin ska vara i balans."),
        Goal::new(Some("5.1".into()), "Kommunens utsläpp ska halveras till 2030 jämfört med 2020."),
    ];
    w.groups = make_groups(&["Grupp 1".into(), "Grupp 2".into()]);
    let all: Vec<_> = w.goals.iter().map(|g| g.id).collect();
    for g in &mut w.groups {
        g.goals = all.clone();
    }
    let goal = w.goals[0].id;
    let mut f1 = GroupFile::new(&w, &w.groups[0]);
    let dropped = sub("Alla ska gå på kurs i arbetsglädje.", "");
    let a = f1.answers_mut(goal);
    a.answers.insert(
        keys::EFFECT.into(),
        Answer::Text("Medarbetarna vill stanna och rekommenderar oss som arbetsgivare.".into()),
    );
    a.answers.insert(
        keys::SUBGOALS.into(),
        Answer::List(vec![
            sub("Sjukfrånvaron ska minska.", "HR-chef"),
            sub("Ingen chef ska ha fler än 30 medarbetare.", "Kommundirektör"),
            dropped.clone(),
        ]),
    );
    a.answers.insert(
        keys::INDICATORS.into(),
        Answer::Indicators(vec![indicator("Sjukfrånvaro, kommunalt anställda", "6,5", "2029")]),
    );
    a.answers.insert(keys::MEASURABILITY.into(), verdict(Some(Verdict::Yes), "Sjukfrånvaron mäts varje månad."));
    let mut f2 = GroupFile::new(&w, &w.groups[1]);
    let edited = indicator("Personalomsattning", "10", "2028");
    let b = f2.answers_mut(goal);
    b.answers.insert(keys::EFFECT.into(), Answer::Text("Fler söker jobb hos oss och färre slutar.".into()));
    b.answers.insert(
        keys::SUBGOALS.into(),
        Answer::List(vec![
            sub("sjukfrånvaron ska  minska", "Personalchef"),
            sub("Andelen nyanställda som slutar inom ett år ska halveras.", "HR-chef"),
        ]),
    );
    b.answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![edited.clone()]));
    b.answers.insert(
        keys::MEASURABILITY.into(),
        verdict(Some(Verdict::Partly), "\"Attraktiv\" mäter vi inte i dag – kanske medarbetarenkäten?"),
    );
    // Grupp 2 also answered the second goal a little.
    f2.answers_mut(w.goals[1].id)
        .answers
        .insert(keys::EFFECT.into(), Answer::Text("Vi klarar välfärden utan att låna till driften.".into()));
    let files = BTreeMap::from([(w.groups[0].id, f1), (w.groups[1].id, f2)]);
    Fixture { workshop: w, files, dropped: dropped.id, edited: edited.id }
}

/// The stored outline.ron: the review dropped one sub-goal and renamed one indicator.
fn reviewed(fx: &Fixture) -> Outline {
    let inputs: Vec<Input> = fx.files.values().map(|file| Input::Group { source: "grupp.ron", file }).collect();
    let mut o = merge(&fx.workshop, &inputs, None).expect("merge");
    review::apply(&mut o, &Op::Drop(fx.dropped)).expect("drop");
    review::apply(&mut o, &Op::Edit(fx.edited, Some("Personalomsättning, tillsvidareanställda".into()))).expect("edit");
    o
}

/// An app on the group list of the fixture's workshop, at a size.
fn app(fx: &Fixture, lang: Lang, size: (u16, u16)) -> App {
    let mut app = new_app(lang, "/nowhere");
    let t0 = Utc.with_ymd_and_hms(2027, 3, 16, 13, 0, 0).unwrap();
    let mut workshop = fx.workshop.clone();
    workshop.timer =
        Some(Timer { label: "Storgrupp".into(), total_secs: 30 * 60, elapsed_secs: 0, running_since: Some(t0) });
    app.now = t0 + Duration::seconds(5 * 60 + 17);
    load(&mut app, loaded("/nowhere/dag", workshop, fx.files.clone()));
    app.update(Msg::Resize(size.0, size.1), Instant::now());
    app
}

/// The shell's read of `groups/` and outline.ron, as `read` gives it.
fn read(
    files: &BTreeMap<uuid::Uuid, GroupFile>,
    w: &Workshop,
    previous: Result<Option<Outline>, String>,
) -> OutlineFiles {
    let files = files
        .values()
        .map(|f| {
            let name = format!("{}.ron", w.group(f.group).unwrap().slug);
            ReadFile { path: PathBuf::from(&name), name, content: MergeFile::Group(f.clone()) }
        })
        .collect();
    OutlineFiles { files, unreadable: Vec::new(), previous: Some(previous) }
}

/// Open the plenary from the F3 menu and answer the shell's read with `previous`.
fn open_with(app: &mut App, entry: usize, previous: Result<Option<Outline>, String>) {
    let mut keys = vec![key(KeyCode::F(3))];
    keys.extend(std::iter::repeat_n(key(KeyCode::Down), entry));
    keys.push(key(KeyCode::Enter));
    let fx = press(app, &keys);
    assert!(fx.iter().any(|e| matches!(e, Effect::Facil(FacilEffect::LoadOutline(p)) if p.ends_with("dag"))), "{fx:?}");
    assert!(st(app).loading, "waits for the outline");
    let l = app.loaded.as_ref().unwrap();
    let files = read(&l.group_files, &l.workshop, previous);
    app.update(Msg::Facil(FacilMsg::Outline(files)), Instant::now());
    assert!(!st(app).loading);
}

fn open(app: &mut App, entry: usize, previous: Option<Outline>) {
    open_with(app, entry, Ok(previous));
}

/// The menu's entries from a group list: new, edit, timer, plenary, overview, back.
const PLENARY: usize = 3;
const OVERVIEW: usize = 4;

fn st(app: &App) -> &PlenaryState {
    app.plenary().expect("the plenary is open")
}

fn render(app: &App) -> String {
    let text = render_at_size(app);
    assert_fits(&text, app.size.0, "");
    text
}

/// Every screen of the goal view from the top to the bottom, scrolling with ↓.
fn all_pages(app: &mut App) -> Vec<String> {
    press(app, &[key(KeyCode::Home)]);
    let mut pages = vec![render(app)];
    for _ in 0..200 {
        let before = st(app).scroll;
        press(app, &[key(KeyCode::Down)]);
        if st(app).scroll == before {
            break;
        }
        pages.push(render(app));
    }
    pages
}

// ---------------------------------------------------------------- navigation

#[test]
fn goals_are_stepped_through_with_arrows_page_keys_space_and_numbers() {
    let fx = fixture();
    let mut app = app(&fx, Lang::Sv, (120, 40));
    open(&mut app, PLENARY, None);
    assert_eq!((st(&app).view, st(&app).goal), (View::Goal, 0));
    press(&mut app, &[key(KeyCode::Right)]);
    assert_eq!(st(&app).goal, 1);
    press(&mut app, &[key(KeyCode::Char(' '))]);
    assert_eq!(st(&app).goal, 2);
    press(&mut app, &[key(KeyCode::PageDown), key(KeyCode::Right)]);
    assert_eq!(st(&app).goal, 2, "stays on the last goal");
    press(&mut app, &[key(KeyCode::PageUp)]);
    assert_eq!(st(&app).goal, 1);
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Left)]);
    assert_eq!(st(&app).goal, 0, "stays on the first goal");
    press(&mut app, &[key(KeyCode::End)]);
    assert_eq!(st(&app).goal, 2);
    press(&mut app, &[key(KeyCode::Home)]);
    assert_eq!(st(&app).goal, 0);
    // A goal's code, or its position.
    typed(&mut app, "4.1");
    assert!(render(&app).contains("Gå till mål: 4.1"), "the typed number is shown");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(st(&app).goal, 1);
    assert!(render(&app).contains("4.1  Ekonomin ska vara i balans."));
    typed(&mut app, "3");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(st(&app).goal, 2);
    typed(&mut app, "9");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(st(&app).goal, 2, "no goal 9: stays");
    assert!(render(&app).contains("Inget mål heter \"9\"."));
    // The goal list: G, ↓, Enter.
    press(&mut app, &[key(KeyCode::Char('g'))]);
    assert_eq!(st(&app).view, View::Index);
    press(&mut app, &[key(KeyCode::Home), key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!((st(&app).view, st(&app).goal), (View::Goal, 1));
    // The overview: A, ↑, Enter shows that goal.
    press(&mut app, &[key(KeyCode::Char('a')), key(KeyCode::Up), key(KeyCode::Enter)]);
    assert_eq!((st(&app).view, st(&app).goal), (View::Goal, 0));
    // Esc in the goal view: back to the menu.
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.at(), At::Menu);
}

#[test]
fn esc_goes_back_the_way_the_facilitator_came() {
    let fx = fixture();
    let mut app = app(&fx, Lang::En, (120, 40));
    open(&mut app, OVERVIEW, None);
    assert_eq!(st(&app).view, View::Overview);
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!((st(&app).view, st(&app).goal), (View::Goal, 1));
    press(&mut app, &[key(KeyCode::Char('g')), key(KeyCode::Down), key(KeyCode::Esc)]);
    assert_eq!((st(&app).view, st(&app).goal), (View::Goal, 1), "Esc in the list goes back to the goal");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!((st(&app).view, st(&app).selected), (View::Overview, 1), "then to the overview it came from");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.at(), At::Menu);
}

#[test]
fn present_opens_straight_into_the_plenary() {
    let fx = fixture();
    let mut app = new_app(Lang::Sv, "/nowhere");
    app.present = true;
    let fx_out = load(&mut app, loaded("/nowhere/dag", fx.workshop.clone(), fx.files.clone()));
    assert!(fx_out.iter().any(|e| matches!(e, Effect::Facil(FacilEffect::LoadOutline(_)))));
    assert_eq!(st(&app).view, View::Goal);
    // Esc goes to the facilitator menu of the workshop.
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.at(), At::Menu);
}

#[test]
fn a_changed_workshop_or_reread_files_update_the_goal_shown() {
    let fx = fixture();
    let mut app = app(&fx, Lang::Sv, (120, 40));
    open(&mut app, PLENARY, None);
    typed(&mut app, "4.1");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(st(&app).goal, 1);
    // Another terminal rewords 4.1 and adds a goal first: the wording shows at once.
    let mut w = app.loaded.as_ref().unwrap().workshop.clone();
    w.goals[1].wording = "Ekonomin ska vara i balans varje år.".into();
    w.goals.insert(0, Goal::new(Some("0.1".into()), "Ett nytt mål."));
    app.update(Msg::WorkshopChanged(Box::new(w.clone())), Instant::now());
    assert!(render(&app).contains("4.1  Ekonomin ska vara i balans varje år."));
    // R reads the files again (merged anew): the new goal comes first, 4.1
    // stays on screen, and what a group wrote since then appears.
    let fx_out = press(&mut app, &[key(KeyCode::Char('r'))]);
    assert!(fx_out.iter().any(|e| matches!(e, Effect::Facil(FacilEffect::LoadOutline(_)))));
    let mut files = fx.files.clone();
    let g1 = fx.workshop.groups[0].id;
    files
        .get_mut(&g1)
        .unwrap()
        .answers_mut(fx.workshop.goals[1].id)
        .answers
        .insert(keys::SUBGOALS.into(), Answer::List(vec![sub("Resultatet ska vara minst 2 procent.", "Ekonomichef")]));
    let mut again = read(&files, &w, Ok(None));
    again.previous = None;
    app.update(Msg::Facil(FacilMsg::Outline(again)), Instant::now());
    assert_eq!(st(&app).goal, 2);
    let text = render(&app);
    assert!(text.contains("Mål 3 av 4"), "{text}");
    assert!(text.contains("Resultatet ska vara minst 2 procent."), "{text}");
    assert!(text.contains("– Grupp 1 · ägare: Ekonomichef"), "{text}");
    // The quality check reads the group's new file too: the sub-goal is counted.
    press(&mut app, &[key(KeyCode::Char('a'))]);
    let text = render(&app);
    assert!(text.contains("●○○  ") && text.contains("· D1 · ·"), "{text}");
}

#[test]
fn an_unreadable_outline_is_said_and_the_groups_work_still_shows() {
    let fx = fixture();
    let mut app = app(&fx, Lang::En, (120, 40));
    open_with(&mut app, PLENARY, Err("outline.ron: line 3: expected a list".into()));
    let text = all_pages(&mut app).join("\n");
    assert!(text.contains("⚠ outline.ron: line 3: expected a list"), "{text}");
    assert!(text.contains("Alla ska gå på kurs i arbetsglädje."), "no decisions: nothing hidden");
    // It is still said after workshop.ron changed (the timer, say).
    let w = app.loaded.as_ref().unwrap().workshop.clone();
    app.update(Msg::WorkshopChanged(Box::new(w)), Instant::now());
    assert!(render(&app).contains("⚠ outline.ron: line 3"));
    // An outline of another workshop: said, and not used.
    let mut other = reviewed(&fx);
    other.workshop = uuid::Uuid::nil();
    let mut app = self::app(&fx, Lang::En, (120, 40));
    open(&mut app, PLENARY, Some(other));
    let text = all_pages(&mut app).join("\n");
    assert!(text.contains("\"outline.ron\" belongs to another"), "{text}");
    assert!(text.contains("Alla ska gå på kurs i arbetsglädje."));
}

// ---------------------------------------------------------------- content

#[test]
fn folded_duplicates_are_shown_once_with_both_groups_and_dropped_items_are_hidden() {
    let fx = fixture();
    let mut app = app(&fx, Lang::Sv, (120, 40));
    open(&mut app, PLENARY, Some(reviewed(&fx)));
    let text = all_pages(&mut app).join("\n");
    // Same text, different owners (issue #14): one line per version, each
    // owner with its own group, marked; never "Grupp 1 · Grupp 2" for both.
    // (Pages may overlap, so the lines are looked for, not counted.)
    assert!(!text.contains("sjukfrånvaron ska  minska"), "the folded copy is not shown again");
    assert!(text.contains("– Grupp 1 · ägare: HR-chef · ≠ samma namn, olika uppgifter"), "{text}");
    assert!(text.contains("– Grupp 2 · ägare: Personalchef · ≠ samma namn, olika uppgifter"), "{text}");
    assert!(!text.contains("arbetsglädje"), "a dropped item is hidden");
    assert!(text.contains("Personalomsättning, tillsvidareanställda – målvärde 10 år 2028"), "the review's text");
    assert!(!text.contains("Personalomsattning"), "not the group's text once edited");
    // Each group's effect, attributed; the verdicts tallied with comments.
    assert!(text.contains("Medarbetarna vill stanna"));
    assert!(text.contains("MÄTBARHET   Ja 1 · Delvis 1"), "{text}");
    assert!(text.contains("Grupp 2: Delvis"));
    assert!(text.contains("kanske medarbetarenkäten?"));
}

#[test]
fn without_a_stored_outline_every_item_shows() {
    let fx = fixture();
    let mut app = app(&fx, Lang::Sv, (120, 40));
    open(&mut app, PLENARY, None);
    let text = all_pages(&mut app).join("\n");
    assert!(text.contains("Alla ska gå på kurs i arbetsglädje."));
    assert!(text.contains("Personalomsattning – målvärde 10 år 2028"));
}

#[test]
fn each_group_has_its_quality_badge() {
    let fx = fixture();
    let mut app = app(&fx, Lang::Sv, (120, 40));
    open(&mut app, PLENARY, None);
    let words = malverkstad::domain::quality::WordLists::embedded();
    let text = render(&app);
    for g in &fx.workshop.groups {
        let answers = fx.files[&g.id].answers(fx.workshop.goals[0].id);
        let r = malverkstad::domain::quality::check_goal(&fx.workshop, &fx.workshop.goals[0], answers, &words);
        let badge = malverkstad::domain::quality::badge_long(r.score, Lang::Sv);
        assert!(text.contains(&format!("{}  {badge}", g.name)), "{badge}\n{text}");
    }
    // Goal 5.1: nobody wrote anything.
    press(&mut app, &[key(KeyCode::End)]);
    assert_eq!(render(&app).matches("inget skrivet ännu").count(), 4, "two quality lines, two effects");
}

#[test]
fn what_does_not_fit_scrolls_and_says_so() {
    let fx = fixture();
    let mut app = app(&fx, Lang::Sv, (80, 24));
    open(&mut app, PLENARY, None);
    let first = render(&app);
    assert!(first.contains("▼ mer (↓)"), "{first}");
    assert!(first.contains("3.1  Kommunen ska vara en attraktiv"), "the goal at the top");
    let pages = all_pages(&mut app);
    assert!(pages.len() > 2, "it scrolls");
    let last = pages.last().unwrap();
    assert!(last.contains("▲ början (↑)"), "{last}");
    assert!(!last.contains("▼ mer"));
    assert!(last.contains("3.1  Kommunen"), "the goal stays at the top while the rest scrolls");
    // Nothing is cut: every text of the goal appears on some page.
    let all = pages.join("\n");
    for needle in [
        "Medarbetarna vill stanna",
        "Ingen chef ska ha fler än 30",
        "Andelen nyanställda som slutar",
        "Sjukfrånvaro, kommunalt anställda",
        "kanske medarbetarenkäten?",
    ] {
        assert!(all.contains(needle), "{needle} never shown");
    }
    // ↑ and the mouse wheel go back; a new goal starts at the top.
    press(&mut app, &[key(KeyCode::Up)]);
    assert_eq!(st(&app).scroll, pages.len() - 2);
    let wheel = |kind| mouse(kind, 10, 10);
    app.update(wheel(crossterm::event::MouseEventKind::ScrollUp), Instant::now());
    assert_eq!(st(&app).scroll, pages.len() - 3);
    app.update(wheel(crossterm::event::MouseEventKind::ScrollDown), Instant::now());
    assert_eq!(st(&app).scroll, pages.len() - 2);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Left)]);
    assert_eq!(st(&app).scroll, 0);
    // At the projector's size the same goal fits: no scroll marker.
    let mut big = self::app(&fx, Lang::Sv, (240, 70));
    open(&mut big, PLENARY, None);
    assert!(!render(&big).contains("▼ mer"));
    press(&mut big, &[key(KeyCode::Down)]);
    assert_eq!(st(&big).scroll, 0);
}

#[test]
fn the_overview_shows_every_goal_and_group_with_what_is_filled_in() {
    let fx = fixture();
    let mut app = app(&fx, Lang::Sv, (120, 40));
    open(&mut app, OVERVIEW, None);
    let text = render(&app);
    assert!(text.contains("Grupp 1") && text.contains("Grupp 2"));
    for g in &fx.workshop.goals {
        assert!(text.contains(g.code.as_deref().unwrap()), "{text}");
    }
    // Grupp 1 on goal 3.1: effect, three sub-goals, one indicator, measurability.
    assert!(text.contains("E D3 I1 M"), "{text}");
    // Grupp 2 on goal 4.1: only the effect.
    assert!(text.contains("E · · ·"), "{text}");
}

#[test]
fn groups_that_do_not_fit_the_overview_are_paged_and_counted() {
    let mut fx = fixture();
    let names: Vec<String> = (1..=9).map(|n| format!("Grupp {n}")).collect();
    let goals: Vec<_> = fx.workshop.goals.iter().map(|g| g.id).collect();
    let mut groups = make_groups(&names);
    groups[..2].clone_from_slice(&fx.workshop.groups);
    for g in &mut groups {
        g.goals = goals.clone();
    }
    fx.workshop.groups = groups;
    let mut app = app(&fx, Lang::Sv, (80, 24));
    open(&mut app, OVERVIEW, None);
    let text = render(&app);
    assert!(text.contains("Grupp 1") && !text.contains("Grupp 9"), "{text}");
    assert!(text.contains("Fler grupper till höger: 3 (→)"), "{text}");
    assert!(text.contains("←/→ fler grupper"), "the hint says how: {text}");
    press(&mut app, &[key(KeyCode::Right)]);
    assert!(render(&app).contains("Grupper till vänster: 1 (←) · Fler grupper till höger: 2 (→)"));
    for _ in 0..5 {
        press(&mut app, &[key(KeyCode::Right)]);
    }
    let text = render(&app);
    assert!(text.contains("Grupp 9") && text.contains("Grupper till vänster: 3 (←)"), "{text}");
    press(&mut app, &[key(KeyCode::Left)]);
    assert!(render(&app).contains("Fler grupper till höger: 1 (→)"), "one ← is enough to step back");
}

#[test]
fn the_goal_list_says_when_goals_are_hidden() {
    let mut fx = fixture();
    for n in 1..=24 {
        fx.workshop.goals.push(Goal::new(Some(format!("6.{n}")), format!("Ett mål till, nummer {n}.")));
    }
    let mut app = app(&fx, Lang::Sv, (80, 24));
    open(&mut app, PLENARY, None);
    press(&mut app, &[key(KeyCode::Char('g'))]);
    let text = render(&app);
    assert!(text.contains("▼ fler nedanför") && !text.contains("6.24 Ett mål"), "{text}");
    press(&mut app, &[key(KeyCode::End)]);
    let text = render(&app);
    assert!(text.contains("▲ fler ovanför") && text.contains("6.24 Ett mål"), "{text}");
    // With room for every goal, nothing is said.
    let mut big = self::app(&fx, Lang::Sv, (120, 70));
    open(&mut big, PLENARY, None);
    press(&mut big, &[key(KeyCode::Char('g'))]);
    let text = render(&big);
    assert!(!text.contains("▼ fler") && !text.contains("▲ fler") && text.contains("6.24 Ett mål"), "{text}");
}

#[test]
fn the_help_lists_the_plenary_keys() {
    let fx = fixture();
    let mut app = app(&fx, Lang::En, (120, 40));
    open(&mut app, PLENARY, None);
    press(&mut app, &[key(KeyCode::F(1))]);
    let text = render(&app);
    for words in ["Next goal", "Previous goal", "Scroll down", "Overview", "Go to goal number", "Show the chosen goal"]
    {
        assert!(text.contains(words), "{words}\n{text}");
    }
    assert!(text.contains("→ / PageDown / Space"), "{text}");
}

// ---------------------------------------------------------------- the command

#[test]
fn present_without_a_terminal_says_so_and_fails_and_a_missing_folder_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = malverkstad::demo::install(tmp.path(), false).unwrap();
    let out = common::bin().arg("present").arg(&dir.root).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(text.contains("\"malverkstad present\"") && text.contains("behöver en terminal"), "{text}");
    assert!(text.contains(dir.root.to_str().unwrap()), "{text}");
    let out = common::bin().args(["present", "--lang", "en"]).arg(tmp.path().join("nothing")).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshots_of_the_plenary() {
    let fx = fixture();
    let previous = reviewed(&fx);
    for lang in [Lang::Sv, Lang::En] {
        for (w, h) in [(80, 24), (120, 40), (240, 70)] {
            let name = |what: &str| format!("{what}_{}_{w}x{h}", lang.code());
            let mut app = app(&fx, lang, (w, h));
            open(&mut app, PLENARY, Some(previous.clone()));
            insta::assert_snapshot!(name("goal"), render(&app));
            press(&mut app, &[key(KeyCode::Char('a'))]);
            insta::assert_snapshot!(name("overview"), render(&app));
            if (w, h) == (80, 24) {
                press(&mut app, &[key(KeyCode::Char('g'))]);
                insta::assert_snapshot!(name("index"), render(&app));
            }
        }
    }
}
