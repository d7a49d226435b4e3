//! Kolada's KPI catalogue (issue #20): sync (paging, error page, timeout,
//! malformed body, no network), `--from`/`--save`, search, baseline and the
//! quality findings. Every request goes to a server on loopback inside the test.

mod common;
#[path = "kolada/server.rs"]
mod server;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use malverkstad::domain::quality::{check_goal, Code, WordLists};
use malverkstad::domain::{keys, Answer, GroupFile, Indicator, Workshop};
use malverkstad::kolada::{self, Catalogue, Kpi};
use malverkstad::store::lock::{lock_path, this_host, LockInfo};
use malverkstad::store::WorkshopDir;
use server::{catalogue_route, closed_port, kpi, page, Reply, Server};

/// The binary pointed at `base` and a catalogue folder of its own.
fn kolada_cmd(base: &str, dir: &Path) -> Command {
    let mut cmd = common::bin();
    cmd.env("MALVERKSTAD_KOLADA_URL", base)
        .env("MALVERKSTAD_KOLADA_DIR", dir)
        .env("MALVERKSTAD_KOLADA_TIMEOUT_MS", "5000");
    cmd
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn saved(dir: &Path) -> Catalogue {
    kolada::read_catalogue(&dir.join(kolada::CATALOGUE_FILE)).expect("a saved catalogue")
}

/// A catalogue already in `dir`, to show that a failed sync keeps it.
fn existing(dir: &Path) -> Vec<u8> {
    let old = Catalogue::new("earlier", vec![Kpi { id: "N00001".into(), title: "Gammal".into(), ..Kpi::default() }]);
    kolada::write_catalogue(&dir.join(kolada::CATALOGUE_FILE), &old).unwrap();
    fs::read(dir.join(kolada::CATALOGUE_FILE)).unwrap()
}

#[test]
fn sync_follows_next_url_over_three_pages_and_saves_the_catalogue() {
    let server = Server::start(catalogue_route);
    let dir = tempfile::tempdir().unwrap();
    let out = kolada_cmd(&server.base, dir.path()).args(["kolada", "sync"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let c = saved(dir.path());
    let ids: Vec<&str> = c.kpis.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["N15505", "N15504", "U15505", "N00945", "L17001"]);
    assert_eq!(c.kpis[0].municipality_type, "K");
    assert!(c.kpis[0].is_divided_by_gender, "1 read as true");
    assert_eq!(c.source, format!("{}/v3/kpi?per_page=5000", server.base));
    assert!((chrono::Utc::now() - c.fetched).num_minutes() < 5);
    assert_eq!(server.paths().len(), 3);
    let err = stderr(&out);
    assert!(err.contains("Hämtar sida 1 … 2 av 5 KPI:er"), "{err}");
    assert!(err.contains("Hämtar sida 3 … 5 av 5 KPI:er"), "{err}");
    assert!(stdout(&out).contains("Sparade 5 KPI:er"), "{}", stdout(&out));
}

#[test]
fn an_error_page_fails_the_sync_and_keeps_the_existing_catalogue() {
    let server = Server::start(|path, base| match path {
        "/v3/kpi?per_page=5000" => Reply::Json(200, page(4, &[kpi("N1", "a", "K")], Some(format!("{base}/p2")))),
        _ => Reply::Json(500, r#"{"error": "internal"}"#.into()),
    });
    let dir = tempfile::tempdir().unwrap();
    let before = existing(dir.path());
    let out = kolada_cmd(&server.base, dir.path()).args(["kolada", "sync"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Kolada svarade med fel 500"), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join(kolada::CATALOGUE_FILE)).unwrap(), before);
}

#[test]
fn no_network_says_so_in_both_languages_and_keeps_the_catalogue() {
    let base = closed_port();
    let dir = tempfile::tempdir().unwrap();
    let before = existing(dir.path());
    let out = kolada_cmd(&base, dir.path()).args(["kolada", "sync"]).output().unwrap();
    assert!(!out.status.success());
    let host = base.trim_start_matches("http://");
    let err = stderr(&out);
    assert!(err.contains(&format!("Kunde inte nå Kolada ({host})")), "{err}");
    assert!(err.contains("kolada sync --from FIL"), "{err}");
    let out = kolada_cmd(&base, dir.path()).args(["--lang", "en", "kolada", "sync"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains(&format!("Could not reach Kolada ({host})")), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join(kolada::CATALOGUE_FILE)).unwrap(), before);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = Server::start(|_, _| Reply::Hang);
    let dir = tempfile::tempdir().unwrap();
    let before = existing(dir.path());
    let out = kolada_cmd(&server.base, dir.path())
        .env("MALVERKSTAD_KOLADA_TIMEOUT_MS", "300")
        .args(["kolada", "sync"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("svarade inte i tid"), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join(kolada::CATALOGUE_FILE)).unwrap(), before);
}

#[test]
fn a_malformed_body_or_a_repeated_page_is_an_error() {
    let server = Server::start(|_, _| Reply::Json(200, r#"{"values": [{"id": "N1"}, "#.into()));
    let dir = tempfile::tempdir().unwrap();
    let out = kolada_cmd(&server.base, dir.path()).args(["kolada", "sync"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("som inte kunde läsas"), "{}", stderr(&out));
    assert!(!dir.path().join(kolada::CATALOGUE_FILE).exists());

    // Page 2 names itself as the next page: stopped, not followed for ever.
    let looping = Server::start(|path, base| {
        let next = Some(format!("{base}/v3/kpi?page=2"));
        match path {
            "/v3/kpi?per_page=5000" => Reply::Json(200, page(9, &[kpi("N1", "a", "K")], next)),
            _ => Reply::Json(200, page(9, &[kpi("N2", "b", "K")], next)),
        }
    });
    let out = kolada_cmd(&looping.base, dir.path()).args(["kolada", "sync"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("en sida som redan hämtats"), "{}", stderr(&out));
    assert_eq!(looping.paths().len(), 2);
    assert!(!dir.path().join(kolada::CATALOGUE_FILE).exists());
}

#[test]
fn save_then_from_round_trips_and_a_raw_kolada_page_imports() {
    let server = Server::start(catalogue_route);
    let online = tempfile::tempdir().unwrap();
    let copy = online.path().join("kolada-katalog.json");
    let out = kolada_cmd(&server.base, online.path()).args(["kolada", "sync", "--save"]).arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Skrev katalogen (5 KPI:er)"), "{}", stdout(&out));

    // The laptop that is never online: no server at all.
    let offline = tempfile::tempdir().unwrap();
    let out =
        kolada_cmd(&closed_port(), offline.path()).args(["kolada", "sync", "--from"]).arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(saved(offline.path()), saved(online.path()), "the date and source travel with the file");

    let raw = offline.path().join("page.json");
    fs::write(&raw, page(2, &[kpi("N1", "Ett", "K"), kpi("N2", "Två", "L")], None)).unwrap();
    let out = kolada_cmd(&closed_port(), offline.path()).args(["kolada", "sync", "--from"]).arg(&raw).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(saved(offline.path()).kpis.len(), 2);

    let missing = offline.path().join("missing.json");
    let out =
        kolada_cmd(&closed_port(), offline.path()).args(["kolada", "sync", "--from"]).arg(&missing).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Kunde inte läsa"), "{}", stderr(&out));

    let junk = offline.path().join("junk.json");
    fs::write(&junk, "{\"not\": \"kolada\"}").unwrap();
    let out =
        kolada_cmd(&closed_port(), offline.path()).args(["kolada", "sync", "--from"]).arg(&junk).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("är inte en Kolada-katalog"), "{}", stderr(&out));
    assert_eq!(saved(offline.path()).kpis.len(), 2, "the catalogue is kept");
}

/// A catalogue folder holding the test catalogue.
fn catalogue_dir() -> tempfile::TempDir {
    let server = Server::start(catalogue_route);
    let dir = tempfile::tempdir().unwrap();
    let out = kolada_cmd(&server.base, dir.path()).args(["kolada", "sync"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

#[test]
fn search_folds_swedish_letters_and_puts_id_prefixes_first() {
    let dir = catalogue_dir();
    let search = |args: &[&str]| {
        let out = kolada_cmd(&closed_port(), dir.path()).args(["kolada", "search"]).args(args).output().unwrap();
        (out.status.success(), stdout(&out))
    };
    let (ok, text) = search(&["N155"]);
    assert!(ok);
    let ids: Vec<&str> = text.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(ids, ["N15504", "N15505"]);
    let (_, text) = search(&["meritvarde", "AK", "9"]);
    assert!(text.starts_with("N155"), "{text}");
    assert_eq!(text.lines().count(), 2, "{text}");
    let (_, text) = search(&["nojda"]);
    assert!(text.starts_with("N00945") && text.contains("Invånare som är nöjda"), "{text}");
    let (_, text) = search(&["åk", "--limit", "1"]);
    assert_eq!(text.lines().count(), 1, "{text}");
    let (ok, text) = search(&["zzzqqq"]);
    assert!(!ok && text.contains("Inga KPI:er matchar"), "{text}");

    let empty = tempfile::tempdir().unwrap();
    let out = kolada_cmd(&closed_port(), empty.path()).args(["kolada", "search", "meritvärde"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("kolada sync"), "{}", stderr(&out));
}

/// A workshop with two groups; group 1 has three indicators on goal 1,
/// group 2 one. Returns the folder.
fn baseline_workshop(root: &Path, org: &str) -> WorkshopDir {
    let dir = common::new_workshop(root, "mal.txt", b"Fler elever ska klara skolan\n", "2");
    let mut w: Workshop = dir.load_workshop().unwrap();
    w.organisation = org.into();
    w.groups[1].goals = w.groups[0].goals.clone();
    dir.save_workshop(&w).unwrap();
    let goal = w.goals[0].id;
    let indicator = |name: &str, id: &str, value: &str, year: &str| {
        let mut i = Indicator::new(name);
        i.kolada = id.into();
        i.baseline.value = value.into();
        i.baseline.year = year.into();
        i
    };
    let mut one = GroupFile::new(&w, &w.groups[0]);
    one.answers_mut(goal).answers.insert(
        keys::INDICATORS.into(),
        Answer::Indicators(vec![
            indicator("Meritvärde", "N15505", "", ""),
            indicator("Meritvärde kommunala", "n15504", "200", ""),
            indicator("Utan värde", "U15505", "", ""),
        ]),
    );
    dir.save_group(&w.groups[0], &one).unwrap();
    let mut two = GroupFile::new(&w, &w.groups[1]);
    two.answers_mut(goal)
        .answers
        .insert(keys::INDICATORS.into(), Answer::Indicators(vec![indicator("Meritvärde", "N15505", "", "")]));
    dir.save_group(&w.groups[1], &two).unwrap();
    dir
}

/// Kolada's data endpoint: N15505 has values 2022 (and 2023 without a total),
/// N15504 has one, U15505 none.
fn data_route(path: &str, _: &str) -> Reply {
    let point = |kpi: &str, period: i32, value: &str| {
        format!(
            r#"{{"kpi": "{kpi}", "municipality": "0180", "period": {period}, "values": [
                {{"count": 1, "gender": "K", "status": "", "value": 1.0}},
                {{"count": 1, "gender": "T", "status": "", "value": {value}}}]}}"#
        )
    };
    let prefix = "/v3/data/kpi/";
    let Some(rest) = path.strip_prefix(prefix) else { return Reply::Json(404, "{}".into()) };
    let kpi = rest.split('/').next().unwrap_or("");
    let values = match kpi {
        "N15505" => vec![point(kpi, 2021, "220.5"), point(kpi, 2022, "231.4"), point(kpi, 2023, "null")],
        "N15504" => vec![point(kpi, 2022, "250")],
        _ => vec![],
    };
    Reply::Json(200, format!(r#"{{"count": {}, "values": [{}], "next_url": null}}"#, values.len(), values.join(",")))
}

fn indicators(dir: &WorkshopDir, n: usize) -> Vec<Indicator> {
    let w = dir.load_workshop().unwrap();
    let file = dir.load_group(&w.groups[n]).unwrap().unwrap();
    file.answers(w.goals[0].id).unwrap().indicators(keys::INDICATORS).to_vec()
}

#[test]
fn baseline_is_a_dry_run_by_default_and_fills_only_empty_fields_with_yes() {
    let server = Server::start(data_route);
    let root = tempfile::tempdir().unwrap();
    let dir = baseline_workshop(root.path(), "Stockholms stad");
    let group_file = dir.group_path(&dir.load_workshop().unwrap().groups[0]);
    let before = fs::read(&group_file).unwrap();

    let out = kolada_cmd(&server.base, root.path())
        .args(["kolada", "baseline"])
        .arg(&dir.root)
        .args(["--municipality", "0180"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Grupp 1 · Meritvärde (N15505): utgångsvärde 231,4 (2022)"), "{text}");
    assert!(text.contains("redan ifyllt (200)"), "{text}");
    assert!(text.contains("Utan värde (U15505): Kolada har inget värde"), "{text}");
    assert!(text.contains("Torrkörning: inget sparades") && text.contains("--yes"), "{text}");
    assert_eq!(fs::read(&group_file).unwrap(), before, "a dry run writes nothing");
    let asked = server.paths();
    assert!(asked.iter().any(|p| p.starts_with("/v3/data/kpi/N15505/municipality/0180/year/")), "{asked:?}");
    assert!(!asked.iter().any(|p| p.contains("N15504")), "a filled baseline is not fetched: {asked:?}");
    assert_eq!(asked.iter().filter(|p| p.contains("N15505")).count(), 1, "asked once for both groups");

    let out = kolada_cmd(&server.base, root.path())
        .args(["kolada", "baseline"])
        .arg(&dir.root)
        .args(["--municipality", "0180", "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Fyllde i 1 utgångsvärden i Grupp 1."), "{}", stdout(&out));
    let one = indicators(&dir, 0);
    assert_eq!((one[0].baseline.value.as_str(), one[0].baseline.year.as_str()), ("231,4", "2022"));
    assert_eq!((one[1].baseline.value.as_str(), one[1].baseline.year.as_str()), ("200", ""), "never overwritten");
    assert!(one[2].baseline.is_empty());
    assert_eq!(indicators(&dir, 1)[0].baseline.value, "231,4");
}

#[test]
fn baseline_skips_a_group_file_open_in_a_terminal() {
    let server = Server::start(data_route);
    let root = tempfile::tempdir().unwrap();
    let dir = baseline_workshop(root.path(), "");
    let w = dir.load_workshop().unwrap();
    let locked = dir.group_path(&w.groups[1]);
    // This test process is alive: its lock is a terminal's.
    let info = LockInfo { host: this_host(), pid: std::process::id(), since: chrono::Utc::now(), ..Default::default() };
    fs::write(lock_path(&locked), ron::to_string(&info).unwrap()).unwrap();
    let before = fs::read(&locked).unwrap();

    let out = kolada_cmd(&server.base, root.path())
        .args(["--lang", "en", "kolada", "baseline"])
        .arg(&dir.root)
        .args(["--municipality", "0180", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a skipped group is reported in the exit code");
    let err = stderr(&out);
    assert!(err.contains("Grupp 2 was skipped: the file is open in a terminal"), "{err}");
    assert!(err.contains(&format!("process {}", std::process::id())), "{err}");
    assert_eq!(fs::read(&locked).unwrap(), before, "never written");
    assert!(lock_path(&locked).exists(), "the terminal's lock is left alone");
    assert_eq!(indicators(&dir, 0)[0].baseline.value, "231.4".replace('.', ","));
}

#[test]
fn baseline_without_network_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let dir = baseline_workshop(root.path(), "");
    let group_file = dir.group_path(&dir.load_workshop().unwrap().groups[0]);
    let before = fs::read(&group_file).unwrap();
    let out = kolada_cmd(&closed_port(), root.path())
        .args(["kolada", "baseline"])
        .arg(&dir.root)
        .args(["--municipality", "0180", "--yes"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Kunde inte nå Kolada"), "{}", stderr(&out));
    assert_eq!(fs::read(&group_file).unwrap(), before);
    let out = kolada_cmd(&closed_port(), root.path())
        .args(["kolada", "baseline"])
        .arg(&dir.root)
        .args(["--municipality", "Stockholm"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("fyra siffror"), "{}", stderr(&out));
}

fn kolada_codes(w: &Workshop, file: &GroupFile, words: &WordLists) -> Vec<(Code, String)> {
    let goal = &w.goals[0];
    check_goal(w, goal, file.answers(goal.id), words)
        .findings
        .into_iter()
        .filter(|f| matches!(f.code, Code::KoladaUnknownId | Code::KoladaWrongOrgType))
        .map(|f| (f.code, f.word))
        .collect()
}

#[test]
fn the_quality_check_flags_unknown_ids_and_kpis_for_another_kind_of_organisation() {
    let root = tempfile::tempdir().unwrap();
    let dir = baseline_workshop(root.path(), "Lunds kommun");
    let mut w = dir.load_workshop().unwrap();
    let mut file = dir.load_group(&w.groups[0]).unwrap().unwrap();
    let list = match file.answers_mut(w.goals[0].id).answers.get_mut(keys::INDICATORS) {
        Some(Answer::Indicators(list)) => list,
        _ => unreachable!(),
    };
    list[1].kolada = "N99999".into();
    list[2].kolada = "L17001".into();
    let catalogue = Catalogue::new(
        "test",
        vec![
            Kpi { id: "N15505".into(), municipality_type: "A".into(), ..Kpi::default() },
            Kpi { id: "L17001".into(), municipality_type: "L".into(), ..Kpi::default() },
        ],
    );
    // Without a catalogue: no Kolada findings at all.
    assert!(kolada_codes(&w, &file, &WordLists::embedded()).is_empty());
    let words = WordLists::embedded().with_kolada(Some(kolada::index(&catalogue)));
    assert_eq!(
        kolada_codes(&w, &file, &words),
        [(Code::KoladaUnknownId, "N99999".into()), (Code::KoladaWrongOrgType, "L17001".into())]
    );
    // A region's workshop: the region KPI fits.
    w.organisation = "Region Skåne".into();
    assert_eq!(kolada_codes(&w, &file, &words), [(Code::KoladaUnknownId, "N99999".into())]);

    // On the command line, with the catalogue in the data folder.
    w.organisation = "Lunds kommun".into();
    dir.save_workshop(&w).unwrap();
    dir.save_group(&w.groups[0], &file).unwrap();
    let kdir = tempfile::tempdir().unwrap();
    kolada::write_catalogue(&kdir.path().join(kolada::CATALOGUE_FILE), &catalogue).unwrap();
    let out = kolada_cmd(&closed_port(), kdir.path()).arg("check").arg(&dir.root).arg("--quality").output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("[kolada-unknown-id] Indikatorn \"Meritvärde kommunala\": Kolada-id N99999 finns inte"),
        "{text}"
    );
    assert!(text.contains("[kolada-org-type]"), "{text}");
    let out = kolada_cmd(&closed_port(), kdir.path())
        .args(["--lang", "en", "check"])
        .arg(&dir.root)
        .arg("--quality")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("does not apply to this kind of organisation"), "{}", stdout(&out));
}

/// Kolada's terms of use: every export that shows an indicator from Kolada
/// credits it ("Källa: Kolada"); one without such an indicator does not.
#[test]
fn every_export_with_a_kolada_indicator_credits_kolada() {
    use std::io::Read;
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = malverkstad::demo::install(tmp.path(), false).unwrap();
    let export = |format: &str, out: &Path| {
        let status = Command::cargo_bin("malverkstad")
            .unwrap()
            .env("MALVERKSTAD_DIR", tmp.path())
            .env_remove("MALVERKSTAD_LANG")
            .arg("export")
            .arg(&dir.root)
            .args(["--format", format, "-o"])
            .arg(out)
            .output()
            .unwrap();
        assert!(status.status.success(), "{format}: {}", stderr(&status));
        fs::read(out).unwrap()
    };
    let part = |bytes: &[u8], name: &str| {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    };
    for format in ["md", "html", "json", "opml"] {
        let text = String::from_utf8(export(format, &tmp.path().join(format!("x.{format}")))).unwrap();
        assert!(text.contains("Källa: Kolada"), "{format}");
    }
    let docx = export("docx", &tmp.path().join("x.docx"));
    assert!(part(&docx, "word/document.xml").contains("Källa: Kolada"), "docx");
    let xlsx = export("xlsx", &tmp.path().join("x.xlsx"));
    assert!(part(&xlsx, "xl/worksheets/sheet1.xml").contains("&amp;LKälla: Kolada"), "xlsx footer");
    // Without a Kolada id or source anywhere: no credit.
    for g in dir.load_workshop().unwrap().groups {
        let path = dir.group_path(&g);
        let text = fs::read_to_string(&path).unwrap();
        let cleaned: String = text
            .lines()
            .map(|l| if l.trim_start().starts_with("kolada:") { "kolada: \"\"," } else { l })
            .collect::<Vec<_>>()
            .join("\n")
            .replace("Kolada", "SCB");
        fs::write(&path, cleaned).unwrap();
    }
    let text = String::from_utf8(export("md", &tmp.path().join("y.md"))).unwrap();
    assert!(!text.contains("Källa: Kolada"));
}
