//! Issue 13: a bounded soak. Two group terminals type (the real `App`,
//! effect runner and autosave thread, on a virtual clock), the facilitator's
//! editor saves workshop.ron (`update_workshop`), and a "sync tool" replaces
//! group files with other valid versions (an older one, or one with a
//! sub-goal added elsewhere) and deletes locks. Oracle after every round:
//! the text each terminal last showed as saved is in its group's file or in
//! a named copy, and every sub-goal the sync tool added is still somewhere.

use std::time::Duration;

use crossterm::event::KeyCode;
use malverkstad::domain::model::{keys, Answer, ListItem};
use malverkstad::store::{codec, error::bak_path, lock, update::update_workshop};

use super::driver::Driver;
use super::*;

const ROUNDS: usize = 40;

/// Every version of group `g` in `groups/`: its effect texts and sub-goals.
fn everything(root: &Path, w: &Workshop, g: usize) -> (Vec<String>, Vec<String>) {
    let dir = WorkshopDir { root: root.to_path_buf() };
    let goal = w.groups[g].goals[0];
    let (mut texts, mut subs) = (Vec::new(), Vec::new());
    for p in dir.group_files().unwrap() {
        let Ok(f) = codec::read_file::<GroupFile>(&p) else { continue };
        if f.group != w.groups[g].id {
            continue;
        }
        if let Some(a) = f.answers(goal) {
            texts.push(a.text(keys::EFFECT).unwrap_or_default().to_string());
            subs.extend(a.list(keys::SUBGOALS).iter().map(|i| i.text.clone()));
        }
    }
    (texts, subs)
}

#[test]
fn two_terminals_a_facilitator_and_a_sync_tool_lose_nothing() {
    let (_tmp, root, w) = demo_copy();
    let dir = WorkshopDir { root: root.clone() };
    let mut rng = Rng::from_clock("soak");
    let mut terms: Vec<Driver> = (0..2).map(|g| Driver::open(&root, &w.groups[g].slug)).collect();
    for d in &mut terms {
        d.key(KeyCode::Enter);
        assert!(d.app.dialog.is_none() && d.app.group.is_some());
    }
    // Every text each terminal showed as saved, oldest first.
    let mut shown: Vec<Vec<String>> = vec![Vec::new(), Vec::new()];
    let mut added: Vec<Vec<String>> = vec![Vec::new(), Vec::new()];
    for round in 0..=ROUNDS {
        for (g, d) in terms.iter_mut().enumerate() {
            for c in format!("g{g}r{round} ").chars() {
                d.key(KeyCode::Char(c));
                d.advance(Duration::from_millis(40));
            }
            d.settle();
            if d.screen().contains("✓ Sparat") {
                shown[g].push(effect_text(&d.app.group.as_ref().unwrap().file, &w));
            }
        }
        // Oracle, once both terminals saved after the last round's sync.
        for g in 0..2 {
            let (texts, subs) = everything(&root, &w, g);
            for s in &shown[g] {
                assert!(texts.iter().any(|t| t.contains(s.as_str())), "round {round}: group {g} lost {s:?}: {texts:?}");
            }
            for a in &added[g] {
                assert!(subs.contains(a), "round {round}: group {g} lost the sync tool's {a:?}: {subs:?}");
            }
        }
        if round == ROUNDS {
            break;
        }
        // The facilitator's editor saves workshop.ron now and then.
        if rng.below(4) == 0 {
            update_workshop(&dir, |ws| {
                ws.timebox_minutes = Some(10 + round as u32);
                true
            })
            .unwrap();
        }
        // The sync tool.
        let g = rng.below(2) as usize;
        let path = dir.group_path(&w.groups[g]);
        match rng.below(4) {
            0 if bak_path(&path).exists() => {
                std::fs::copy(bak_path(&path), &path).unwrap();
            }
            1 => {
                let mut f: GroupFile = codec::read_file(&path).unwrap();
                let text = format!("Sync#{round}");
                let a = f.answers_mut(w.groups[g].goals[0]);
                let mut items = a.list(keys::SUBGOALS).to_vec();
                items.push(ListItem::new(text.clone()));
                a.answers.insert(keys::SUBGOALS.into(), Answer::List(items));
                let staged = path.with_file_name(".sync-tmp");
                std::fs::write(&staged, codec::to_ron(&f).unwrap()).unwrap();
                std::fs::rename(&staged, &path).unwrap();
                added[g].push(text);
            }
            2 => {
                let _ = std::fs::remove_file(lock::lock_path(&path));
            }
            _ => {}
        }
    }
    // Every conflict was said on screen: a copy exists only with its note.
    for (g, d) in terms.iter_mut().enumerate() {
        let copies = dir
            .group_files()
            .unwrap()
            .iter()
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy().into_owned();
                n.starts_with(&format!("{}.sync-conflict-", w.groups[g].slug))
            })
            .count();
        let note = d.app.group.as_ref().unwrap().save.note.is_some();
        eprintln!("soak: group {g}: {copies} conflict copies, {} sync sub-goals kept", added[g].len());
        assert_eq!(copies > 0, note, "group {g}: {copies} copies, note shown: {note}");
    }
}
