//! Atomic save: a child saving in a loop is killed (SIGKILL) at random moments.

use super::*;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use malverkstad::store::{self, StoreError, WorkshopDir};

/// Set in the child: the file to save in a loop.
const CHILD_ENV: &str = "MALVERKSTAD_TEST_SAVE_LOOP";
const KILLS: usize = 200;

/// Version `n` of the file. Odd versions are large (about 20 KB), even
/// ones small, so that a torn write could never pass for a whole version.
fn version(n: u64) -> GroupFile {
    let mut answers = GoalAnswers::default();
    let body = if n % 2 == 1 { "Öka andelen behöriga elever. ".repeat(700) } else { "Kort.".to_string() };
    answers.answers.insert(keys::EFFECT.into(), Answer::Text(body));
    GroupFile {
        schema: SCHEMA,
        workshop: Uuid::from_u128(1),
        group: Uuid::from_u128(2),
        group_name: format!("version {n}"),
        saved_at: None,
        goals: [(Uuid::from_u128(3), answers)].into_iter().collect(),
    }
}

fn version_of(f: &GroupFile) -> u64 {
    let n: u64 = f.group_name.strip_prefix("version ").and_then(|s| s.parse().ok()).expect("a version name");
    assert_eq!(f, &version(n), "the whole of version {n}, not a mix");
    n
}

/// Not a test of its own: the child process the test below starts (the
/// test binary itself, re-executed with `CHILD_ENV` set). Without the
/// variable it returns at once.
#[test]
fn save_loop_child() {
    let Some(path) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else { return };
    let mut n = version_of(&codec::read_file::<GroupFile>(&path).expect("the file loads after a kill"));
    loop {
        n += 1;
        store::save_checked(&path, &version(n)).expect("save");
        // One line per completed save; std's stdout flushes on newline.
        println!("saved {n}");
    }
}

/// A tiny deterministic generator (xorshift), seeded from the clock and printed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn file_is_always_the_old_or_the_new_version() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let dir = WorkshopDir { root: tmp.path().to_path_buf() };
    let groups = dir.groups_dir();
    std::fs::create_dir_all(&groups).unwrap();
    let path = groups.join("grupp-1.ron");
    store::save_checked(&path, &version(0)).unwrap();

    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    eprintln!("kill test seed {seed}");
    let mut rng = Rng(seed);
    let exe = std::env::current_exe().unwrap();
    let (mut was_old, mut was_new, mut with_leftover) = (0, 0, 0);
    let mut previous_temps = 0;
    for kill in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["killed_while_saving::save_loop_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut last_saved = None;
        let mut line = String::new();
        // Wait until the child is inside its loop (one save done), then
        // kill it at a random moment within the next few saves.
        while out.read_line(&mut line).unwrap() > 0 {
            if let Some(n) = line.trim().strip_prefix("saved ") {
                last_saved = n.parse::<u64>().ok();
                break;
            }
            line.clear();
        }
        assert!(last_saved.is_some(), "kill {kill}: the child never saved (could it load the file?)");
        std::thread::sleep(Duration::from_micros(rng.next() % 10_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        line.clear();
        while out.read_line(&mut line).unwrap() > 0 {
            if let Some(n) = line.trim().strip_prefix("saved ") {
                last_saved = n.parse::<u64>().ok();
            }
            line.clear();
        }
        let last = last_saved.unwrap();

        let on_disk = version_of(&codec::read_file::<GroupFile>(&path).expect("parses after kill"));
        assert!(on_disk == last || on_disk == last + 1, "kill {kill}: version {on_disk}, last saved {last}");
        if on_disk == last {
            was_old += 1;
        } else {
            was_new += 1;
        }
        let bak = version_of(&codec::read_file::<GroupFile>(&store::error::bak_path(&path)).expect("bak parses"));
        // The .bak is a whole earlier version: the one before, or (killed
        // between keeping the backup and the rename) the same one.
        assert!(bak == on_disk || bak + 1 == on_disk, "kill {kill}: bak {bak}, file {on_disk}");

        // A kill leaves at most one new hidden temp file, plus the one
        // backup link that the next save replaces; loading ignores them.
        let left = leftovers(&groups);
        let temps = left.iter().filter(|n| n.ends_with(".tmp")).count();
        let links = left.iter().filter(|n| n.as_str() == ".grupp-1.ron.bak.link").count();
        assert_eq!(temps + links, left.len(), "kill {kill}: {left:?}");
        assert!(temps <= previous_temps + 1 && links <= 1, "kill {kill}: {left:?}");
        if temps > previous_temps {
            with_leftover += 1;
        }
        previous_temps = temps;
        assert_eq!(dir.group_files().unwrap(), vec![path.clone()]);
    }
    eprintln!(
        "{KILLS} kills in {:.1} s: old version {was_old}, new version {was_new}, a temp file left {with_leftover} times",
        started.elapsed().as_secs_f64()
    );

    // The next save sweeps leftovers once they are old enough.
    let long_ago = std::time::SystemTime::now() - Duration::from_secs(store::atomic::STALE_TEMP_SECS + 1);
    for name in leftovers(&groups) {
        std::fs::File::options().write(true).open(groups.join(name)).unwrap().set_modified(long_ago).unwrap();
    }
    let n = version_of(&codec::read_file::<GroupFile>(&path).unwrap());
    // The children wrote the file since this process did: it is theirs now.
    store::forget(&path);
    store::save_checked(&path, &version(n + 1)).unwrap();
    let left: Vec<(String, Option<Duration>)> = leftovers(&groups)
        .into_iter()
        .map(|n| {
            let age = std::fs::metadata(groups.join(&n)).ok().and_then(|m| m.modified().ok()?.elapsed().ok());
            (n, age)
        })
        .collect();
    assert!(left.is_empty(), "not swept: {left:?}");
    let names: Vec<_> = std::fs::read_dir(&groups).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "the file and its .bak: {names:?}");
    assert!(!matches!(codec::read_file::<GroupFile>(&path), Err(StoreError::Parse { .. })));
}
