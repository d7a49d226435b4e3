//! Store benchmarks (issue 8). `cargo bench --bench store`.
//!
//! 1. Autosave of one group file through the real save path
//!    (`tui::saver::save_file`: stamp, folder check, read-back check of the
//!    file on disk, RON, temp file + fsync + `.bak` + rename + folder fsync)
//!    against a floor of `ron::to_string_pretty` + `store::atomic::write_atomic`
//!    of the same file, interleaved round by round in one run, medians and
//!    their ratio (goal ≤ 1.3×).
//! 2. The input path: what a key that starts an autosave costs the event loop
//!    (`App::update` + `Services::run`, which only hands a copy to the saver
//!    thread) against a key that does not.
//! 3. Peak memory (max RSS from `getrusage` in a child process) of loading
//!    and merging a large generated workshop (8 groups × 50 goals), against
//!    the same child doing nothing.
//!
//! Then criterion's own report of the autosave and its floor.

#[path = "common/clock.rs"]
mod clock;

use clock::median;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::hint::black_box;

use criterion::Criterion;
use malverkstad::domain::merge::{merge, Input};
use malverkstad::domain::model::{
    default_questions, keys, Answer, Frequency, Goal, GoalAnswers, Group, GroupFile, Indicator, ListItem, Measure,
    Verdict, VerdictAnswer, Workshop,
};
use malverkstad::i18n::Lang;
use malverkstad::store::{self, atomic, WorkshopDir};
use uuid::Uuid;

const GROUPS: usize = 8;
const GOALS: usize = 50;
const ROUNDS: usize = 41;
const RSS_ENV: &str = "MALVERKSTAD_BENCH_RSS";

fn id(kind: u128, n: usize) -> Uuid {
    Uuid::from_u128((kind << 64) | n as u128)
}

/// 50 goals; 8 groups that each answer every goal in full (an effect, three
/// sub-goals, two indicators with every field, a verdict), with Swedish text.
pub fn large_workshop() -> (Workshop, Vec<GroupFile>) {
    let mut w = Workshop::new("Målstyrningsdag Norrvalla 2027");
    w.id = id(1, 0);
    w.questions = default_questions();
    w.goals = (0..GOALS)
        .map(|i| Goal {
            id: id(2, i),
            code: Some(format!("{}.{}", i / 10 + 1, i % 10 + 1)),
            wording: format!("Mål {i}: invånarna i Norrvalla ska uppleva att kommunens service blir bättre år för år."),
            perspective: Some("Medborgare".into()),
            owner: Some("Kommunstyrelsen".into()),
        })
        .collect();
    w.groups = (0..GROUPS)
        .map(|g| Group {
            id: id(3, g),
            name: format!("Grupp {}", g + 1),
            slug: format!("grupp-{}", g + 1),
            goals: w.goals.iter().map(|goal| goal.id).collect(),
        })
        .collect();
    let files = w
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let mut f = GroupFile::new(&w, group);
            for (i, goal) in w.goals.iter().enumerate() {
                let mut a = GoalAnswers::default();
                a.answers.insert(
                    keys::EFFECT.into(),
                    Answer::Text(format!("Grupp {g} om mål {i}: fler känner sig trygga, färre väntar länge på beslut, och det syns i uppföljningen varje tertial.")),
                );
                let subs: Vec<ListItem> = (0..3)
                    .map(|k| ListItem {
                        id: id(4, (g * GOALS + i) * 8 + k),
                        text: format!("Delmål {k} för mål {i}: halvera väntetiden till {k} veckor"),
                        owner: "Socialnämnden".into(),
                    })
                    .collect();
                let inds: Vec<Indicator> = (0..2)
                    .map(|k| {
                        let mut ind = Indicator::new(format!("Andel nöjda brukare {k}"));
                        ind.id = id(5, (g * GOALS + i) * 8 + k);
                        ind.definition = "Andel som svarar 4 eller 5 av 5 i brukarundersökningen".into();
                        ind.source = "Kolada".into();
                        ind.kolada = format!("N{:05}", 1000 + i);
                        ind.baseline = Measure { value: "71,5".into(), year: "2025".into() };
                        ind.target = Measure { value: "80".into(), year: "2029".into() };
                        ind.frequency = Some(Frequency::Year);
                        ind.responsible = "Förvaltningschef".into();
                        ind.subgoal = Some(subs[k].id);
                        ind
                    })
                    .collect();
                a.answers.insert(keys::SUBGOALS.into(), Answer::List(subs));
                a.answers.insert(keys::INDICATORS.into(), Answer::Indicators(inds));
                a.answers.insert(
                    keys::MEASURABILITY.into(),
                    Answer::Verdict(VerdictAnswer { verdict: Some(Verdict::Partly), how: "Årligen i Kolada".into() }),
                );
                f.goals.insert(goal.id, a);
            }
            f
        })
        .collect();
    (w, files)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn floor_save(path: &Path, file: &GroupFile) {
    let text = ron::ser::to_string_pretty(file, ron::ser::PrettyConfig::default()).unwrap();
    atomic::write_atomic(path, text.as_bytes()).unwrap();
}

fn autosave(path: &Path, file: &mut GroupFile) {
    malverkstad::tui::saver::save_file(path, file, Lang::Sv).unwrap();
}

/// One group file of the large workshop saved three ways, interleaved:
/// the real autosave, `store::save_checked` alone (the read-back check of the
/// file on disk + RON + atomic write, without the stamp and folder check), and
/// the floor. Medians of each.
fn autosave_vs_floor(dir: &Path, file: &GroupFile) -> [Duration; 3] {
    let real = dir.join("grupp-1.ron");
    let checked = dir.join("checked.ron");
    let floor = dir.join("floor.ron");
    let mut f = file.clone();
    // Warm up (and create the files, so each keeps a .bak from now on).
    for _ in 0..3 {
        autosave(&real, &mut f);
        store::save_checked(&checked, file).unwrap();
        floor_save(&floor, file);
    }
    let mut times: [Vec<Duration>; 3] = Default::default();
    for round in 0..ROUNDS {
        // Rotate which goes first, so none always meets a warm cache.
        for k in 0..3 {
            let which = (round + k) % 3;
            let t = Instant::now();
            match which {
                0 => autosave(&real, black_box(&mut f)),
                1 => store::save_checked(&checked, black_box(file)).unwrap(),
                _ => floor_save(&floor, black_box(file)),
            }
            times[which].push(t.elapsed());
        }
    }
    times.map(|mut t| median(&mut t))
}

/// What the event loop spends on a key that starts an autosave, against a key that does not.
fn input_path(root: &Path, group: &str) -> (Duration, Duration) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use malverkstad::app::{App, Msg, Theme};
    use malverkstad::tui::{saver, Services};
    let sessions = root.parent().unwrap().to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    let shared = std::sync::Arc::new(std::sync::Mutex::new(None));
    let mut services = Services::new(sessions.clone(), Lang::Sv, saver::spawn(tx, Lang::Sv), shared);
    let mut app = App::new(Lang::Sv, Theme::plain(), sessions, Some(group.into()));
    services.start(&mut app, Some(root));
    let mut now = Instant::now();
    let key = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let fx = app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)), now);
    services.run(&mut app, fx);
    let (mut with_save, mut without) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        // A key typed while nothing is due: no save.
        now += Duration::from_millis(10);
        let t = Instant::now();
        let fx = app.update(key('a'), now);
        services.run(&mut app, fx);
        without.push(t.elapsed());
        // A key typed after MAX_UNSAVED of continuous typing: it starts a save.
        now += malverkstad::app::session::save::MAX_UNSAVED;
        let t = Instant::now();
        let fx = app.update(key('b'), now);
        let started = fx.iter().any(|e| matches!(e, malverkstad::app::Effect::Save { .. }));
        services.run(&mut app, fx);
        with_save.push(t.elapsed());
        assert!(started, "the key started a save");
        // Let the save finish before the next round.
        if let Ok(malverkstad::tui::ShellEvent::Saved { generation, result }) = rx.recv_timeout(Duration::from_secs(10))
        {
            let fx = app.update(Msg::Saved { generation, result }, now);
            services.run(&mut app, fx);
        }
    }
    (median(&mut with_save), median(&mut without))
}

/// The child's part of the peak-memory measurement.
fn rss_child(mode: &str, root: &Path) {
    if mode == "load-merge" {
        let dir = WorkshopDir::open(root).unwrap();
        let w = dir.load_workshop().unwrap();
        let files: Vec<(String, GroupFile)> =
            w.groups.iter().map(|g| (g.slug.clone(), dir.load_group(g).unwrap().expect("a group file"))).collect();
        let inputs: Vec<Input> = files.iter().map(|(s, f)| Input::Group { source: s, file: f }).collect();
        let o = merge(&w, &inputs, None).unwrap();
        black_box(o);
    }
    // SAFETY: getrusage with a valid out pointer.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    println!("maxrss_kib {}", ru.ru_maxrss);
}

fn max_rss(mode: &str, root: &Path) -> u64 {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .env(RSS_ENV, format!("{mode}:{}", root.display()))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().find_map(|l| l.strip_prefix("maxrss_kib ")?.trim().parse().ok()).unwrap_or_else(|| panic!("{text}"))
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn main() {
    if let Ok(spec) = std::env::var(RSS_ENV) {
        let (mode, root) = spec.split_once(':').unwrap();
        return rss_child(mode, &PathBuf::from(root));
    }
    let tmp = tempfile::tempdir().unwrap();
    let (w, files) = large_workshop();
    let dir = store::create_workshop(tmp.path(), &w).unwrap();
    for (g, f) in w.groups.iter().zip(&files) {
        dir.save_group(g, f).unwrap();
    }
    let one = store::codec::to_ron(&files[0]).unwrap().len();

    let save_dir = tempfile::tempdir().unwrap();
    let [auto, checked, floor] = autosave_vs_floor(save_dir.path(), &files[0]);
    println!(
        "autosave of one group file ({} KB): median {:.2} ms; floor (to_string_pretty + atomic write) {:.2} ms; ratio {:.2}× (goal ≤ 1.3×); store::save_checked alone {:.2} ms ({:.2}×); {ROUNDS} interleaved rounds",
        one / 1024,
        ms(auto),
        ms(floor),
        auto.as_secs_f64() / floor.as_secs_f64(),
        ms(checked),
        checked.as_secs_f64() / floor.as_secs_f64()
    );
    let (with_save, without) = input_path(&dir.root, &w.groups[1].slug);
    println!(
        "input path: a key that starts an autosave {:.3} ms, a key that does not {:.3} ms (medians of {ROUNDS}); the save itself runs on the autosave thread",
        ms(with_save),
        ms(without)
    );
    let floor_rss = max_rss("nothing", &dir.root);
    let rss = max_rss("load-merge", &dir.root);
    println!(
        "peak memory: load + merge of {GROUPS} groups × {GOALS} goals ({} KB of group files): max RSS {} KiB; the same process doing nothing {} KiB; ratio {:.2}×",
        dir_bytes(&dir.groups_dir()) / 1024,
        rss,
        floor_rss,
        rss as f64 / floor_rss as f64
    );

    let mut c = Criterion::default().configure_from_args().sample_size(30);
    let mut group = c.benchmark_group("store");
    let real = save_dir.path().join("c-real.ron");
    let flo = save_dir.path().join("c-floor.ron");
    let mut f = files[0].clone();
    group.bench_function("autosave_one_group_file", |b| b.iter(|| autosave(&real, &mut f)));
    group.bench_function("floor_to_string_pretty_atomic_write", |b| b.iter(|| floor_save(&flo, &files[0])));
    group.finish();
    c.final_summary();
}
