//! The workshops and app states the TUI benchmark draws.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use malverkstad::app::{App, Effect, GroupOpened, Loaded, Msg, Theme};
use malverkstad::domain::model::{
    keys, new_id, Answer, Goal, GoalAnswers, Group, GroupFile, Indicator, ListItem, VerdictAnswer, Workshop,
};
use malverkstad::i18n::Lang;
use malverkstad::store::{codec, WorkshopDir, WorkshopSummary};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

pub type Files = BTreeMap<uuid::Uuid, GroupFile>;

/// The demo workshop as shipped, parsed from the embedded files.
pub fn demo() -> (Workshop, Files) {
    let mut w: Option<Workshop> = None;
    let mut files = Vec::new();
    for (rel, text) in malverkstad::demo::FILES {
        if *rel == "workshop.ron" {
            w = codec::from_bytes(Path::new(rel), text.as_bytes()).ok();
        } else if let Ok(f) = codec::from_bytes::<GroupFile>(Path::new(rel), text.as_bytes()) {
            files.push(f);
        }
    }
    let w = w.expect("demo workshop parses");
    (w, files.into_iter().map(|f| (f.group, f)).collect())
}

/// 60 goals, 12 groups, long texts, every question answered.
pub fn large() -> (Workshop, Files) {
    let long = "Kommunens verksamheter ska tillsammans med civilsamhället och näringslivet skapa förutsättningar för att fler invånare ska kunna leva ett gott liv med arbete, bostad och trygghet i alla delar av kommunen. ";
    let mut w = Workshop::new("Stor workshop med många grupper och mål");
    for i in 0..60 {
        w.goals.push(Goal::new(Some(format!("{}.{}", i / 10 + 1, i % 10 + 1)), long.repeat(2)));
    }
    for g in 0..12 {
        w.groups.push(Group {
            id: new_id(),
            name: format!("Grupp {}", g + 1),
            slug: format!("grupp-{}", g + 1),
            goals: vec![],
        });
    }
    w.assign_evenly_in_order();
    let mut files = BTreeMap::new();
    for g in &w.groups {
        let mut f = GroupFile::new(&w, g);
        for goal in &g.goals {
            let mut a = GoalAnswers::default();
            a.answers.insert(keys::EFFECT.into(), Answer::Text(long.repeat(6)));
            let subs: Vec<ListItem> = (0..8).map(|n| ListItem::new(format!("Delmål {n}: {long}"))).collect();
            a.answers.insert(keys::SUBGOALS.into(), Answer::List(subs));
            let inds: Vec<Indicator> = (0..6).map(|n| Indicator::new(format!("Indikator {n} {long}"))).collect();
            a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(inds));
            a.answers.insert(
                keys::MEASURABILITY.into(),
                Answer::Verdict(VerdictAnswer { verdict: None, how: long.repeat(3) }),
            );
            f.goals.insert(*goal, a);
        }
        files.insert(g.id, f);
    }
    (w, files)
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn loaded(w: &Workshop, files: &Files) -> Loaded {
    Loaded { dir: WorkshopDir { root: PathBuf::from("/bench/ws") }, workshop: w.clone(), group_files: files.clone() }
}

/// Feed a message, answering any save at once (as a fast saver would).
pub fn feed(app: &mut App, msg: Msg, now: Instant) {
    for fx in app.update(msg, now) {
        if let Effect::Save { generation, .. } = fx {
            app.update(Msg::Saved { generation, result: Ok(chrono::Utc::now()) }, now);
        }
    }
}

/// A screen of the group TUI: its name, a word it must show, and the keys
/// that reach it from the group's goal list (`None`: before a group is open).
struct Spec {
    name: &'static str,
    marker: &'static str,
    keys: Option<&'static [KeyCode]>,
}

const PGDN: KeyCode = KeyCode::PageDown;
const ENTER: KeyCode = KeyCode::Enter;

const SPECS: [Spec; 9] = [
    Spec { name: "start", marker: "Målverkstad", keys: None },
    Spec { name: "groups", marker: "Välj er grupp", keys: None },
    Spec { name: "goals", marker: "era mål", keys: Some(&[]) },
    Spec { name: "effect", marker: "Steg 1 av", keys: Some(&[ENTER]) },
    Spec { name: "subgoals", marker: "Steg 2 av", keys: Some(&[ENTER, PGDN]) },
    Spec { name: "indicators", marker: "Steg 3 av", keys: Some(&[ENTER, PGDN, PGDN]) },
    Spec { name: "indicator_form", marker: "Datakälla", keys: Some(&[ENTER, PGDN, PGDN, ENTER]) },
    Spec { name: "verdict", marker: "Steg 4 av", keys: Some(&[ENTER, PGDN, PGDN, PGDN]) },
    Spec { name: "help", marker: "Hjälp – tangenter", keys: Some(&[ENTER, KeyCode::F(1)]) },
];

/// Every screen of the group TUI as an app state, reached by keys; checked
/// to show what its name says.
pub fn screens(w: &Workshop, files: &Files, (width, height): (u16, u16)) -> Vec<(&'static str, App)> {
    let now = Instant::now();
    let new_app = || {
        let mut app = App::new(Lang::Sv, Theme { color: true }, PathBuf::from("/bench"), None);
        // As the terminal runs it: the quality check follows typing at most every 250 ms.
        app.quality.throttle = Some(malverkstad::app::quality::THROTTLE);
        app.update(Msg::Resize(width, height), now);
        app
    };
    let mut out = Vec::new();
    for spec in &SPECS {
        let mut app = new_app();
        match (spec.name, spec.keys) {
            ("start", _) => {
                let list = (0..6)
                    .map(|i| WorkshopSummary {
                        dir: PathBuf::from(format!("/bench/ws-{i}")),
                        workshop: Ok(w.clone()),
                        last_saved: Some(chrono::Utc::now()),
                    })
                    .collect();
                app.update(Msg::Workshops(list), now);
            }
            (_, None) => {
                app.update(Msg::WorkshopLoaded(Ok(Box::new(loaded(w, files)))), now);
            }
            (_, Some(keys)) => {
                app.update(Msg::WorkshopLoaded(Ok(Box::new(loaded(w, files)))), now);
                let g = &w.groups[0];
                let file = files.get(&g.id).cloned().unwrap_or_else(|| GroupFile::new(w, g));
                app.update(
                    Msg::GroupOpened(Box::new(GroupOpened { group: g.id, file, locked_by: None, recovery: None })),
                    now,
                );
                for k in keys {
                    feed(&mut app, key(*k), now);
                }
            }
        }
        let text = screen_text(&app, width, height);
        assert!(text.contains(spec.marker), "screen {} lacks {:?}:\n{text}", spec.name, spec.marker);
        out.push((spec.name, app));
    }
    out
}

/// The text a screen shows, row by row (trailing blanks dropped).
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    term.draw(|f| f.render_widget(app, f.area())).expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let row: String = (0..width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}
