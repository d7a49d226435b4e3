//! Issue #20 with the real binary in a pseudo-terminal: a catalogue in
//! `MALVERKSTAD_KOLADA_DIR`, typed into the indicator form, suggested,
//! taken with Enter, shown as saved and in the group's file.

use chrono::TimeZone;
use malverkstad::domain::model::keys;
use malverkstad::kolada::{Catalogue, Kpi};

use super::common::pty::{self, Pty, CTRL_Q, ENTER, PAGE_DOWN};

#[test]
fn a_suggested_kpi_is_taken_and_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = malverkstad::demo::install(tmp.path(), false).unwrap();
    let w = dir.load_workshop().unwrap();
    let (gi, group) = (2, w.groups[2].clone());
    let goal = group.goals[0];
    let step = w.questions.iter().position(|q| q.key == keys::INDICATORS).unwrap();
    let kolada_dir = tmp.path().join("kolada");
    let kpi = |id: &str, title: &str, description: &str| Kpi {
        id: id.into(),
        title: title.into(),
        description: description.into(),
        ..Kpi::default()
    };
    let mut catalogue = Catalogue::new(
        "test",
        vec![
            kpi("N15505", "Meritvärde i åk 9, genomsnitt (17 ämnen)", "Genomsnittligt meritvärde i åk 9."),
            kpi("N00945", "Invånare som är nöjda med kommunens service", "Nöjd medborgar-index."),
        ],
    );
    catalogue.fetched = chrono::Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).unwrap();
    malverkstad::kolada::write_catalogue(&kolada_dir.join("kpi.json"), &catalogue).unwrap();

    let mut cmd = pty::app(&["open", dir.root.to_str().unwrap(), "--group", &group.slug], tmp.path());
    cmd.env("MALVERKSTAD_KOLADA_DIR", &kolada_dir);
    let mut s = Pty::spawn(cmd);
    s.wait_for(&group.name);
    s.send(ENTER);
    for _ in 0..step {
        s.send(PAGE_DOWN);
    }
    s.wait_for(&format!("Steg {} av", step + 1));
    s.send(ENTER);
    s.wait_for("Indikator 1");
    s.type_text("meritv");
    s.wait_until("the suggestion", |c| c.contains("N15505") && c.contains("Kolada-katalog hämtad 2026-11-30"));
    s.send(ENTER);
    s.wait_until("the KPI taken and saved", |c| c.contains("Meritvärde i åk 9, genomsnitt") && c.contains("✓ Sparat"));

    let mut ind = None;
    let held = pty::eventually(|| {
        let f = dir.load_group(&dir.load_workshop().unwrap().groups[gi]).unwrap();
        ind = f.and_then(|f| f.answers(goal).and_then(|a| a.indicators(keys::INDICATORS).first().cloned()));
        ind.as_ref().is_some_and(|i| i.kolada == "N15505")
    });
    assert!(held, "the group file never held the Kolada id; screen:\n{}", s.contents());
    let ind = ind.unwrap();
    assert_eq!(ind.name, "Meritvärde i åk 9, genomsnitt (17 ämnen)");
    assert_eq!(ind.definition, "Genomsnittligt meritvärde i åk 9.");
    assert_eq!(ind.source, "Kolada");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(pty::WAIT), Some(0), "Ctrl-Q quits; screen:\n{}", s.contents());
}
