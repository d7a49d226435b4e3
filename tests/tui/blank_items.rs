//! Issue #13 item 10: a sub-goal or indicator that was never given any text
//! is never saved or counted, even when an autosave comes while its form is
//! open.

use super::*;

/// Let the autosave run; the file it writes, marked saved.
fn autosave(app: &mut App, after: Duration) -> Option<GroupFile> {
    let fx = app.update(Msg::Tick(Utc::now()), t0() + after);
    let (generation, file) = fx.into_iter().find_map(|e| match e {
        Effect::Save { generation, file, .. } => Some((generation, *file)),
        _ => None,
    })?;
    app.update(Msg::Saved { generation, result: Ok(Utc::now()) }, t0() + after);
    Some(file)
}

/// Answer every save in `fx` as done.
fn saves_done(app: &mut App, fx: Vec<Effect>) {
    for e in fx {
        if let Effect::Save { generation, .. } = e {
            app.update(Msg::Saved { generation, result: Ok(Utc::now()) }, t0());
        }
    }
}

fn items(f: &GroupFile, key: &str) -> usize {
    let a = f.answers(id(101)).cloned().unwrap_or_default();
    a.list(key).len() + a.indicators(key).len()
}

#[test]
fn an_empty_new_subgoal_or_indicator_is_never_saved() {
    for (step, qkey) in [(1, keys::SUBGOALS), (2, keys::INDICATORS)] {
        let mut app = app_in_group(Lang::Sv, None);
        // Something real first, so the file has content to save.
        press(&mut app, &[key(KeyCode::Enter)]);
        typed(&mut app, "Effekt");
        for _ in 0..step {
            let fx = press(&mut app, &[ctrl(KeyCode::Right)]);
            saves_done(&mut app, fx);
        }
        press(&mut app, &[key(KeyCode::Enter)]);
        assert!(app.wizard().is_some_and(|w| w.new_item_open()), "the new item's form is open");
        // The autosave while the new item's form is open: the item is not in it.
        let saved = autosave(&mut app, Duration::from_secs(60)).expect("an autosave");
        assert_eq!(saved.answers(id(101)).and_then(|a| a.text(keys::EFFECT)), Some("Effekt"), "{saved:?}");
        assert_eq!(items(&saved, qkey), 0, "{qkey}: an empty item was saved: {saved:?}");
        // Esc: gone from the screen and from the model; leaving saves nothing with it.
        press(&mut app, &[key(KeyCode::Esc)]);
        assert_eq!(items(&app.group.as_ref().unwrap().file, qkey), 0);
        let fx = press(&mut app, &[key(KeyCode::Esc)]);
        for e in &fx {
            if let Effect::Save { file, .. } = e {
                assert_eq!(items(file, qkey), 0, "{qkey}");
            }
        }
        // After a restart from the saved file nothing is counted for it.
        let w = workshop();
        let q = w.questions.iter().find(|q| q.key == qkey).unwrap();
        assert!(!malverkstad::app::progress::is_answered(saved.answers(id(101)), q), "{qkey} counted");
    }
}

#[test]
fn a_new_item_that_gets_text_is_saved() {
    let mut app = app_in_group(Lang::Sv, None);
    let fx = press(&mut app, &[key(KeyCode::Enter), ctrl(KeyCode::Right), key(KeyCode::Enter)]);
    saves_done(&mut app, fx);
    typed(&mut app, "Halvera");
    let saved = autosave(&mut app, Duration::from_secs(60)).expect("an autosave");
    assert_eq!(saved.answers(id(101)).unwrap().list(keys::SUBGOALS)[0].text, "Halvera");
    // Emptied again before Enter: dropped, and the drop is saved.
    for _ in 0.."Halvera".len() {
        press(&mut app, &[key(KeyCode::Backspace)]);
    }
    let saved = autosave(&mut app, Duration::from_secs(120)).expect("an autosave");
    assert_eq!(items(&saved, keys::SUBGOALS), 0);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(items(&app.group.as_ref().unwrap().file, keys::SUBGOALS), 0);
}
