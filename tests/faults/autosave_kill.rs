//! Case 1: SIGKILL at random moments while the TUI autosaves during typing.
//! After every kill the group file parses and holds at least everything the
//! status bar had shown as saved ("✓ Sparat" drawn while the text was on
//! screen), and nothing the group never typed.
//!
//! Two drivers (docs/faults.md explains the trade-off):
//! - 200 kills of a light child: this test binary re-run, driving the real
//!   `App`, the real effect runner (`tui::Services`, which takes the group's
//!   lock) and the real autosave thread (`tui::saver`) with keys and a
//!   virtual clock, and drawing the real status bar on a `TestBackend`;
//! - a few kills of the real binary in a pseudo-terminal while it is typed into.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use malverkstad::app::{save, At};
use malverkstad::store::{self, codec, WorkshopDir};

use super::driver::Driver;
use super::pty::{self, Pty};
use super::*;

const ROOT_ENV: &str = "MALVERKSTAD_FAULTS_TYPING_ROOT";
const GROUP_ENV: &str = "MALVERKSTAD_FAULTS_TYPING_GROUP";
const SEED_ENV: &str = "MALVERKSTAD_FAULTS_TYPING_SEED";
const KILLS: usize = 200;
const LANES: usize = 2;
const PTY_KILLS: usize = 3;
/// Virtual time between two keys of the light driver.
const KEY_GAP: Duration = Duration::from_millis(150);

/// The words the group "types", in order, forever: Swedish letters, an
/// emoji and CJK (no combining marks: they would be composed on load).
fn script_words() -> impl Iterator<Item = String> {
    const WORDS: [&str; 9] = ["Öka", "andelen", "behöriga", "elever", "🎉", "trygghet", "för", "äldre", "漢字"];
    (0..).map(|k| format!("{}#{k} ", WORDS[k % WORDS.len()]))
}

/// The first `n` characters of everything ever typed.
fn script(n: usize) -> String {
    script_words().flat_map(|w| w.chars().collect::<Vec<_>>()).take(n).collect()
}

/// Check a file's text against the script: a prefix, and at least `shown` long.
fn check_text(text: &str, shown: usize, context: &str) -> usize {
    let n = text.chars().count();
    assert_eq!(text, script(n), "{context}: the file holds something that was never typed");
    assert!(n >= shown, "{context}: {n} characters on disk, but {shown} were shown as saved");
    n
}

fn text_chars(d: &Driver) -> usize {
    effect_text(&d.app.group.as_ref().unwrap().file, d.app.workshop().unwrap()).chars().count()
}

/// Not a test of its own: the child that `sigkill_during_autosave_*` kills.
/// Opens the group as the TUI does, goes on typing the script where the file
/// left off, and prints `shown N` whenever the drawn status bar says saved
/// (N = the characters in the text at that moment).
#[test]
fn typing_child() {
    let Some(root) = std::env::var_os(ROOT_ENV).map(PathBuf::from) else { return };
    let group = std::env::var(GROUP_ENV).unwrap();
    let mut rng = Rng(std::env::var(SEED_ENV).unwrap().parse().unwrap());
    let mut d = Driver::open(&root, &group);
    assert_eq!(d.app.at(), At::Goals, "the group opens (a stale lock is reclaimed)");
    d.key(KeyCode::Enter);
    assert_eq!(d.app.at(), At::Wizard);
    let mut typed = text_chars(&d);
    assert_eq!(effect_text(&d.app.group.as_ref().unwrap().file, d.app.workshop().unwrap()), script(typed));
    let started = Instant::now();
    let mut until_pause = 20 + rng.below(40);
    // Bounded: the parent kills long before this.
    while started.elapsed() < Duration::from_secs(20) {
        let c = script(typed + 1).chars().last().unwrap();
        d.key(KeyCode::Char(c));
        typed += 1;
        assert!(d.collect(Duration::ZERO).iter().all(Result::is_ok));
        d.advance(KEY_GAP);
        until_pause -= 1;
        if until_pause == 0 {
            until_pause = 20 + rng.below(40);
            // A pause in typing: the idle save runs and finishes.
            for _ in 0..20 {
                assert!(d.collect(Duration::from_secs(5)).iter().all(Result::is_ok));
                d.advance(save::IDLE);
                if !d.dirty() && !d.save_running() {
                    break;
                }
            }
            if d.screen().contains("✓ Sparat") {
                println!("shown {}", text_chars(&d));
            }
        }
    }
}

fn spawn_typing_child(root: &std::path::Path, group: &str, seed: u64, stderr: &std::path::Path) -> std::process::Child {
    let seed = seed.to_string();
    child_command(
        "autosave_kill::typing_child",
        &[(ROOT_ENV, root.as_os_str()), (GROUP_ENV, group.as_ref()), (SEED_ENV, seed.as_ref())],
    )
    .stdout(Stdio::piped())
    .stderr(std::fs::File::create(stderr).unwrap())
    .spawn()
    .unwrap()
}

/// One lane of kills on its own copy of the demo; returns characters on
/// disk beyond the last shown save, summed, and the longest text.
fn kill_lane(lane: usize, kills: usize, seed: u64) -> (usize, usize) {
    let (tmp, root, w) = demo_copy();
    let dir = WorkshopDir { root: root.clone() };
    let group = &w.groups[0];
    let path = dir.group_path(group);
    let stderr = tmp.path().join("child.err");
    let mut rng = Rng(seed);
    let (mut beyond, mut max_len) = (0usize, 0usize);
    for kill in 0..kills {
        let context = format!("lane {lane}, kill {kill}");
        if kill % 50 == 0 {
            // Start the text over now and then so the file stays small (the
            // children wrote it since: replacing their version is meant here).
            store::forget(&path);
            store::save_checked(&path, &GroupFile::new(&w, group)).unwrap();
        }
        let mut child = spawn_typing_child(&root, &group.slug, rng.next() | 1, &stderr);
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut shown = None;
        let mut line = String::new();
        while out.read_line(&mut line).unwrap() > 0 {
            if let Some(n) = line.trim().strip_prefix("shown ") {
                shown = n.parse::<usize>().ok();
                break;
            }
            line.clear();
        }
        if shown.is_none() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{context}: the child never showed a save:\n{}", std::fs::read_to_string(&stderr).unwrap());
        }
        std::thread::sleep(Duration::from_micros(rng.below(25_000)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        line.clear();
        while out.read_line(&mut line).unwrap() > 0 {
            if let Some(n) = line.trim().strip_prefix("shown ") {
                shown = shown.max(n.parse::<usize>().ok());
            }
            line.clear();
        }
        let shown = shown.unwrap();
        let file = codec::read_file::<GroupFile>(&path).unwrap_or_else(|e| panic!("{context}: {e:?}"));
        let n = check_text(&effect_text(&file, &w), shown, &context);
        beyond += n - shown;
        max_len = max_len.max(n);
        assert_eq!(dir.group_files().unwrap().len(), w.groups.len(), "{context}: no stray group files");
    }
    (beyond, max_len)
}

#[test]
fn sigkill_during_autosave_never_loses_what_was_shown_as_saved() {
    let started = Instant::now();
    let mut rng = Rng::from_clock("sigkill during autosave");
    // Two lanes side by side: one types while the other waits for the disk.
    let lanes: Vec<_> = (0..LANES)
        .map(|lane| {
            let seed = rng.next() | 1;
            std::thread::spawn(move || kill_lane(lane, KILLS / LANES, seed))
        })
        .collect();
    let (mut beyond, mut max_len) = (0, 0);
    for lane in lanes {
        let (b, m) = lane.join().expect("a lane failed");
        beyond += b;
        max_len = max_len.max(m);
    }
    eprintln!(
        "{KILLS} kills in {:.1} s; on disk beyond the last shown save: {beyond} characters in total; longest text {max_len}",
        started.elapsed().as_secs_f64()
    );
}

/// Where each word of the script ends (in characters).
fn word_ends() -> impl Iterator<Item = usize> {
    script_words().scan(0, |end, w| {
        *end += w.chars().count();
        Some(*end)
    })
}

/// Characters `from..to` of the script.
fn script_part(from: usize, to: usize) -> String {
    script(to).chars().skip(from).collect()
}

#[test]
fn sigkill_of_the_real_binary_while_typing_in_a_terminal() {
    let (tmp, root, w) = demo_copy();
    let group = w.groups[0].slug.clone();
    let mut rng = Rng::from_clock("pty sigkill");
    // Characters of the script on disk so far.
    let mut on_disk = 0;
    for round in 0..PTY_KILLS {
        let mut s = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &group], tmp.path()));
        s.wait_for(&w.groups[0].name);
        s.send(pty::ENTER);
        s.wait_for("Steg 1");
        // Type a few words, stop, and wait for one frame that shows both the
        // last word and "✓ Sparat": from then on that text counts as shown saved.
        let shown = word_ends().filter(|&e| e > on_disk).nth(3 + rng.below(4) as usize).unwrap();
        s.type_text(&script_part(on_disk, shown));
        let word = script(shown).split_whitespace().last().unwrap().to_string();
        s.wait_until("the last word shown as saved", |screen| screen.contains(&word) && screen.contains("✓ Sparat"));
        // Go on typing, and kill at a random moment within 1.5 s.
        let kill_at = Instant::now() + Duration::from_millis(rng.below(1500));
        let mut pos = shown;
        while Instant::now() < kill_at {
            let next = word_ends().find(|&e| e > pos).unwrap();
            s.type_text(&script_part(pos, next));
            pos = next;
            std::thread::sleep(Duration::from_millis(60));
        }
        s.signal(libc::SIGKILL);
        assert!(s.wait_exit(Duration::from_secs(5)).is_some());
        let text = effect_text(&group_file(&root, &w), &w);
        on_disk = check_text(&text, shown, &format!("pty kill {round}"));
        assert!(on_disk <= pos, "pty kill {round}: more on disk than typed");
    }
}
