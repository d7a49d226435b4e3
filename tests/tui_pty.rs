//! End to end: the real binary in a pseudo-terminal (portable-pty + vt100),
//! on a temporary copy of the demo workshop. Every wait is bounded.

use std::time::{Duration, Instant};

use malverkstad::domain::model::{Frequency, QuestionKind, Verdict};
use malverkstad::store::WorkshopDir;

mod common;

use common::pty::{self, Pty, CTRL_Q, CTRL_RIGHT, ENTER, RIGHT, TAB};
use common::{demo_copy, group_file};

const EFFECT: &str = "åäö 🎉 \"citat\" \\ backslash";

#[test]
fn a_group_fills_in_a_goal_and_quits_with_ctrl_q() {
    let (tmp, root, w) = demo_copy();
    let group = w.groups[0].slug.clone();
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &group], tmp.path()));
    s.wait_for(&w.groups[0].name);
    s.send(ENTER);
    // Walk the workshop's own questions in order.
    for (i, q) in w.questions.iter().enumerate() {
        s.wait_for(&format!("Steg {} av {}", i + 1, w.questions.len()));
        match q.kind {
            QuestionKind::Text => s.send(EFFECT),
            QuestionKind::List => {
                for (text, owner) in [("Första delmålet", "AMN"), ("Andra delmålet", "")] {
                    s.send("n");
                    s.send(text);
                    s.send(TAB);
                    s.send(owner);
                    s.send(ENTER);
                }
            }
            QuestionKind::Indicators => {
                s.send("n");
                for (n, v) in ["Andel i arbete", "Andel 20–24 år", "Kolada", "N00955", "71,5", "2025", "80", "2029"]
                    .iter()
                    .enumerate()
                {
                    if n > 0 {
                        s.send(TAB);
                    }
                    s.send(v);
                }
                s.send(TAB);
                s.send(RIGHT);
                s.send(RIGHT);
                s.send(TAB);
                s.send("Kommunchef");
                s.send(TAB);
                s.send(RIGHT);
                s.send(ENTER);
            }
            QuestionKind::Verdict => {
                s.send(RIGHT);
                s.send(RIGHT);
                s.send(TAB);
                s.send("Årligen i Kolada");
            }
        }
        if i + 1 < w.questions.len() {
            s.send(CTRL_RIGHT);
        }
    }
    s.send(CTRL_Q);
    assert!(s.wait_exit(Duration::from_secs(10)).is_some(), "Ctrl-Q quits; screen:\n{}", s.contents());

    let file = group_file(&root, &w);
    let goal = w.groups[0].goals[0];
    let a = file.answers(goal).expect("answers of the first goal");
    for q in &w.questions {
        match q.kind {
            QuestionKind::Text => assert_eq!(a.text(&q.key), Some(EFFECT)),
            QuestionKind::List => {
                let items: Vec<(&str, &str)> =
                    a.list(&q.key).iter().map(|i| (i.text.as_str(), i.owner.as_str())).collect();
                assert_eq!(items, vec![("Första delmålet", "AMN"), ("Andra delmålet", "")]);
            }
            QuestionKind::Indicators => {
                let inds = a.indicators(&q.key);
                assert_eq!(inds.len(), 1);
                let i = &inds[0];
                assert_eq!(i.name, "Andel i arbete");
                assert_eq!(i.definition, "Andel 20–24 år");
                assert_eq!(i.source, "Kolada");
                assert_eq!(i.kolada, "N00955");
                assert_eq!((i.baseline.value.as_str(), i.baseline.year.as_str()), ("71,5", "2025"));
                assert_eq!((i.target.value.as_str(), i.target.year.as_str()), ("80", "2029"));
                assert_eq!(i.frequency, Some(Frequency::Quarter));
                assert_eq!(i.responsible, "Kommunchef");
                let sub_key = w.question_of_kind(QuestionKind::List).unwrap().key.clone();
                assert_eq!(i.subgoal, Some(a.list(&sub_key)[0].id));
            }
            QuestionKind::Verdict => {
                let v = a.verdict(&q.key).unwrap();
                assert_eq!(v.verdict, Some(Verdict::Partly));
                assert_eq!(v.how, "Årligen i Kolada");
            }
        }
    }
    assert!(file.saved_at.is_some());
    let lock = malverkstad::store::lock::lock_path(&WorkshopDir { root: root.clone() }.group_path(&w.groups[0]));
    assert!(!lock.exists(), "lock released");
}

#[test]
fn text_survives_sigkill_two_seconds_after_typing() {
    let (tmp, root, w) = demo_copy();
    let group = w.groups[0].slug.clone();
    let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &group], tmp.path()));
    s.wait_for(&w.groups[0].name);
    s.send(ENTER);
    s.wait_for("Steg 1");
    s.send(EFFECT);
    std::thread::sleep(Duration::from_secs(2));
    let pid = s.child.process_id().expect("pid") as i32;
    // SAFETY: sending a signal to our own child.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    assert!(s.wait_exit(Duration::from_secs(5)).is_some());
    let file = group_file(&root, &w);
    let key = &w.question_of_kind(QuestionKind::Text).unwrap().key;
    assert_eq!(file.answers(w.groups[0].goals[0]).unwrap().text(key), Some(EFFECT));
}

#[test]
fn sigterm_saves_and_exits_within_a_second_and_a_second_terminal_gets_read_only() {
    let (tmp, root, w) = demo_copy();
    let group = w.groups[0].slug.clone();
    let mut first = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &group], tmp.path()));
    first.wait_for(&w.groups[0].name);
    let mut second =
        Pty::spawn(pty::app(&["--lang", "en", "open", root.to_str().unwrap(), "--group", &group], tmp.path()));
    second.wait_for("already open");
    let pid = first.child.process_id().expect("pid");
    assert!(second.contents().contains(&format!("process {pid}")), "{}", second.contents());
    second.send(ENTER);
    second.wait_for("READ-ONLY");
    second.send(CTRL_Q);
    assert!(second.wait_exit(Duration::from_secs(5)).is_some());

    first.send(ENTER);
    first.wait_for("Steg 1");
    first.send("Sparas vid SIGTERM");
    let sent = Instant::now();
    // SAFETY: sending a signal to our own child.
    unsafe { libc::kill(pid as i32, libc::SIGTERM) };
    assert!(first.wait_exit(Duration::from_secs(3)).is_some());
    assert!(sent.elapsed() < Duration::from_millis(1500), "{:?}", sent.elapsed());
    let key = &w.question_of_kind(QuestionKind::Text).unwrap().key;
    let file = group_file(&root, &w);
    assert_eq!(file.answers(w.groups[0].goals[0]).unwrap().text(key), Some("Sparas vid SIGTERM"));
}

#[test]
fn present_opens_the_plenary_and_steps_through_the_goals() {
    let (tmp, root, w) = demo_copy();
    let mut s = Pty::spawn(pty::app(&["present", root.to_str().unwrap()], tmp.path()));
    s.wait_for(&format!("Mål 1 av {}", w.goals.len()));
    s.wait_for(&w.goals[0].wording);
    s.wait_for("▼ mer (↓)");
    s.send(RIGHT);
    s.wait_for(&format!("Mål 2 av {}", w.goals.len()));
    s.send("\x1b[F"); // End
    s.wait_for(&format!("Mål {} av {}", w.goals.len(), w.goals.len()));
    s.send("a");
    s.wait_for("Alla mål × grupper");
    s.send(CTRL_Q);
    assert!(s.wait_exit(Duration::from_secs(5)).is_some(), "Ctrl-Q quits from the plenary");
}
