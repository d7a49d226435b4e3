//! The facilitator's tools across processes and files: the timer shared
//! through workshop.ron, removed questions whose answers survive, templates
//! in the config folder.

use std::fs;

mod common;

use assert_cmd::Command;
use common::{bin, new_workshop};
use malverkstad::domain::{model::keys, questions, Answer, GroupFile, QuestionKind, Workshop};
use malverkstad::store::templates::Templates;

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Minutes and seconds of a "Tid kvar m:ss" line.
fn secs_left(line: &str) -> u64 {
    let clock = line.split("Tid kvar ").nth(1).unwrap().split_whitespace().next().unwrap();
    let (m, s) = clock.split_once(':').unwrap();
    m.parse::<u64>().unwrap() * 60 + s.parse::<u64>().unwrap()
}

#[test]
fn timer_started_in_one_process_is_seen_by_another() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_workshop(tmp.path(), "mal.txt", "1.1 Trygg uppväxt\n1.2 Bra skola\n".as_bytes(), "2");
    // a change the facilitator made before: must survive the timer's writes
    let mut w = dir.load_workshop().unwrap();
    w.organisation = "Exempelby kommun".into();
    dir.save_workshop(&w).unwrap();

    bin().arg("timer").arg(&dir.root).args(["start", "20", "--label", "Runda 1"]).assert().success();
    let status = stdout(bin().arg("timer").arg(&dir.root).arg("status"));
    assert!(status.starts_with("Runda 1 · Tid kvar "), "{status}");
    let left = secs_left(&status);
    assert!((1190..=1200).contains(&left), "{status}");

    let paused = stdout(bin().arg("timer").arg(&dir.root).arg("pause"));
    assert!(paused.contains("(pausad)"), "{paused}");
    let added = stdout(bin().arg("timer").arg(&dir.root).args(["add", "5"]));
    assert!((1490..=1500).contains(&secs_left(&added)), "{added}");
    let english = stdout(bin().args(["--lang", "en", "timer"]).arg(&dir.root).arg("status"));
    assert!(english.contains("Time left") && english.contains("(paused)"), "{english}");

    let w: Workshop = dir.load_workshop().unwrap();
    assert_eq!(w.organisation, "Exempelby kommun");
    let t = w.timer.expect("timer in workshop.ron");
    assert_eq!((t.label.as_str(), t.total_secs, t.is_paused()), ("Runda 1", 1500, true));

    bin().arg("timer").arg(&dir.root).arg("resume").assert().success();
    bin().arg("timer").arg(&dir.root).arg("stop").assert().success();
    assert_eq!(dir.load_workshop().unwrap().timer, None);
    bin().arg("timer").arg(&dir.root).arg("pause").assert().code(1);
    bin().arg("timer").arg(&dir.root).args(["start", "0"]).assert().code(2);
}

#[test]
fn answers_to_a_removed_question_survive_and_only_warn() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_workshop(tmp.path(), "mal.txt", "1.1 Trygg uppväxt\n1.2 Bra skola\n".as_bytes(), "2");
    let mut w = dir.load_workshop().unwrap();
    let group = w.groups[0].clone();
    let mut file = GroupFile::new(&w, &group);
    file.answers_mut(w.goals[0].id).answers.insert(keys::EFFECT.into(), Answer::Text("Tryggare barn".into()));
    dir.save_group(&group, &file).unwrap();

    let files = vec![dir.load_group(&group).unwrap().unwrap()];
    assert_eq!(questions::answer_count(&files, keys::EFFECT), 1, "the UI must ask first");
    questions::remove(&mut w.questions, keys::EFFECT).unwrap();
    dir.save_workshop(&w).unwrap();

    // a load/save round trip keeps the answer under the removed key
    let reloaded = dir.load_group(&group).unwrap().unwrap();
    dir.save_group(&group, &reloaded).unwrap();
    let again = dir.load_group(&group).unwrap().unwrap();
    assert_eq!(again.answers(w.goals[0].id).unwrap().text(keys::EFFECT), Some("Tryggare barn"));

    bin()
        .arg("check")
        .arg(&dir.root)
        .assert()
        .success()
        .stdout(predicates::str::contains("Varning"))
        .stdout(predicates::str::contains("\"effekt\""));
}

#[test]
fn templates_round_trip_through_the_config_dir() {
    let config = tempfile::tempdir().unwrap();
    // the only test in this binary that reads the variable
    std::env::set_var("MALVERKSTAD_CONFIG_DIR", config.path());
    let store = Templates::user().unwrap();
    assert_eq!(store.dir, config.path().join("templates"));

    let mut qs = Workshop::new("W").questions;
    let reserved = Default::default();
    for (kind, prompt, guidance) in questions::suggestions() {
        questions::add(&mut qs, kind, prompt, guidance, &reserved);
    }
    questions::move_to(&mut qs, "hur-foljer-vi-upp", 0).unwrap();
    let path = store.save("Utökad mall", &qs).unwrap();
    assert!(path.starts_with(config.path()));
    assert!(fs::read_to_string(&path).unwrap().contains("Vilka resurser krävs inom ramen?"));

    let loaded = store.load("Utökad mall").unwrap();
    assert_eq!(loaded.questions, qs);
    assert_eq!(loaded.questions[0].kind, QuestionKind::Text);
    assert_eq!(loaded.questions.len(), 7);
    // saving again under the same name replaces it
    store.save("Utökad mall", &qs[..4]).unwrap();
    assert_eq!(store.load("utökad MALL").unwrap().questions.len(), 4);
    assert_eq!(store.list().unwrap().len(), 1);
}

#[test]
fn a_template_saved_from_one_workshop_sets_up_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let dir = new_workshop(tmp.path(), "mal.txt", "1.1 Trygg uppväxt\n".as_bytes(), "1");
    let mut w = dir.load_workshop().unwrap();
    questions::remove(&mut w.questions, keys::MEASURABILITY).unwrap();
    let (kind, prompt, guidance) = questions::suggestions().remove(0);
    let key = questions::add(&mut w.questions, kind, prompt, guidance, &Default::default());
    dir.save_workshop(&w).unwrap();

    let cfg = |cmd: &mut Command| {
        cmd.env("MALVERKSTAD_CONFIG_DIR", &config);
    };
    let mut save = bin();
    cfg(&mut save);
    save.args(["template", "save", "Vår mall", "--from"]).arg(&dir.root).assert().success();
    let mut list = bin();
    cfg(&mut list);
    list.args(["template", "list"]).assert().success().stdout(predicates::str::contains("Vår mall  (4 frågor)"));
    let mut show = bin();
    cfg(&mut show);
    show.args(["template", "show", "vår mall"])
        .assert()
        .success()
        .stdout(predicates::str::contains("4. Vem äger målet?"));

    let sessions = tmp.path().join("s2");
    let goals = tmp.path().join("mal.txt");
    let mut new = bin();
    cfg(&mut new);
    new.arg("--dir").arg(&sessions).args(["new", "Nästa", "--template", "Vår mall", "--goals"]).arg(&goals);
    new.assert().success();
    let next = common::only_workshop(&sessions).load_workshop().unwrap();
    let keys_next: Vec<&str> = next.questions.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(keys_next, vec![keys::EFFECT, keys::SUBGOALS, keys::INDICATORS, key.as_str()]);

    let mut missing = bin();
    cfg(&mut missing);
    missing.arg("--dir").arg(&sessions).args(["new", "X", "--template", "finns inte", "--goals"]).arg(&goals);
    missing.assert().code(1).stderr(predicates::str::contains("finns inte"));
    let mut delete = bin();
    cfg(&mut delete);
    delete.args(["template", "delete", "Vår mall"]).assert().success();
    assert!(!config.join("templates").join("var-mall.ron").exists());
}
