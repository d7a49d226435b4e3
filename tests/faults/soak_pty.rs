//! The soak test of issue 13: two group terminals typing, the facilitator
//! changing `workshop.ron` from the command line (a timer and goal imports),
//! and a process playing a file-sync tool (replacing the group files with
//! other valid versions, by copy and by rename, and deleting their locks),
//! for a bounded time. The oracle: every word a terminal showed as saved
//! ("✓ Sparat" on a frame that also shows the word) is at the end in that
//! group's file or in a copy beside it that the facilitator's merge reads,
//! and every copy written was announced on the screen of its terminal.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::pty::{self, Pty};
use super::*;

/// How long the three actors run side by side.
const SOAK: Duration = Duration::from_secs(12);

/// Every text of a group file, joined (answers, sub-goals, indicators).
fn all_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The group's own file and every copy of it in `groups/`.
fn files_of(groups: &Path, slug: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(groups)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(slug) && name.ends_with(".ron") && !name.ends_with(".lock")
        })
        .collect();
    out.sort();
    out
}

/// Every name of a group-file copy ("….sync-conflict-….ron") a screen has shown,
/// collected by a thread that reads the screen every few milliseconds until `stop`.
fn watch_names(pty: &Pty, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<BTreeSet<String>> {
    let screen = pty.screen_handle();
    std::thread::spawn(move || {
        let mut seen = BTreeSet::new();
        while !stop.load(Ordering::SeqCst) {
            let text = screen.lock().unwrap().screen().contents();
            for word in text.split_whitespace() {
                if word.contains(".sync-conflict-") && word.ends_with(".ron") {
                    seen.insert(word.to_string());
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        seen
    })
}

struct Typist {
    pty: Pty,
    slug: String,
    prefix: char,
    typed: usize,
    shown_saved: usize,
}

impl Typist {
    fn open(root: &Path, sessions: &Path, w: &Workshop, i: usize, prefix: char) -> Typist {
        let g = &w.groups[i];
        let mut pty = Pty::spawn(pty::app(&["open", root.to_str().unwrap(), "--group", &g.slug], sessions));
        // Wide enough that a copy's whole name fits on the hint line.
        pty.resize(40, 160);
        pty.wait_for(&g.name);
        pty.send(pty::ENTER);
        pty.wait_for("Steg 1");
        Typist { pty, slug: g.slug.clone(), prefix, typed: 0, shown_saved: 0 }
    }

    fn word(&self, n: usize) -> String {
        format!("{}{n:04}", self.prefix)
    }

    /// Type the next word; when a frame shows it saved, count every word so far as shown saved.
    fn step(&mut self) {
        self.typed += 1;
        let word = self.word(self.typed);
        self.pty.type_text(&format!("{word} "));
        if self.typed.is_multiple_of(4) {
            let shown =
                self.pty.holds_within(Duration::from_millis(2500), |s| s.contains(&word) && s.contains("✓ Sparat"));
            if shown {
                self.shown_saved = self.typed;
            }
        }
    }
}

#[test]
fn two_groups_a_facilitator_and_a_sync_tool_lose_nothing() {
    let (tmp, root, w) = demo_copy();
    let groups = root.join(malverkstad::store::GROUPS_DIR);
    let mut a = Typist::open(&root, tmp.path(), &w, 0, 'a');
    let mut b = Typist::open(&root, tmp.path(), &w, 1, 'b');

    let stop = Arc::new(AtomicBool::new(false));
    let watching = Arc::new(AtomicBool::new(false));
    let watchers = [watch_names(&a.pty, watching.clone()), watch_names(&b.pty, watching.clone())];
    // The sync tool: keeps old versions of each group file and puts them back.
    let sync = {
        let (stop, groups) = (stop.clone(), groups.clone());
        let slugs = [a.slug.clone(), b.slug.clone()];
        std::thread::spawn(move || {
            let mut rng = Rng::from_clock("soak sync tool");
            let mut olds: Vec<(usize, Vec<u8>)> = Vec::new();
            let mut actions = 0;
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(150 + rng.below(250)));
                let i = rng.below(2) as usize;
                let file = groups.join(format!("{}.ron", slugs[i]));
                match rng.below(4) {
                    0 => {
                        if let Ok(bytes) = std::fs::read(&file) {
                            olds.push((i, bytes));
                        }
                    }
                    1 => {
                        // `cp` over it: written in place.
                        if let Some((_, bytes)) = olds.iter().rev().find(|(j, _)| *j == i) {
                            let _ = std::fs::write(&file, bytes);
                            actions += 1;
                        }
                    }
                    2 => {
                        // `mv` over it: a whole other file renamed into place.
                        if let Some((_, bytes)) = olds.iter().find(|(j, _)| *j == i) {
                            let tmp = groups.join(format!(".sync-{}.tmp", slugs[i]));
                            if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, &file).is_ok() {
                                actions += 1;
                            }
                        }
                    }
                    _ => {
                        let _ = std::fs::remove_file(malverkstad::store::lock::lock_path(&file));
                        actions += 1;
                    }
                }
            }
            actions
        })
    };
    // The facilitator: a timer and goal imports, each a change of workshop.ron.
    let facil = {
        let (stop, root, sessions) = (stop.clone(), root.clone(), tmp.path().to_path_buf());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) && n < 40 {
                n += 1;
                let goals = sessions.join(format!("soak-{n}.txt"));
                std::fs::write(&goals, format!("9.{n} Soakmål nummer {n}\n")).unwrap();
                let out = std::process::Command::new(env!("CARGO_BIN_EXE_malverkstad"))
                    .env("MALVERKSTAD_DIR", &sessions)
                    .args(["import-goals", root.to_str().unwrap(), goals.to_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(out.status.success(), "import-goals: {}", String::from_utf8_lossy(&out.stderr));
                let minutes = (n % 5 + 1).to_string();
                let _ = std::process::Command::new(env!("CARGO_BIN_EXE_malverkstad"))
                    .env("MALVERKSTAD_DIR", &sessions)
                    .args(["timer", root.to_str().unwrap(), "start", &minutes])
                    .output();
                std::thread::sleep(Duration::from_millis(300));
            }
            n
        })
    };

    let start = Instant::now();
    while start.elapsed() < SOAK {
        a.step();
        b.step();
    }
    stop.store(true, Ordering::SeqCst);
    let actions = sync.join().unwrap();
    let imports = facil.join().unwrap();
    // Let both settle and save (nothing unsaved on the bar); then quit.
    for t in [&mut a, &mut b] {
        t.pty.wait_until("everything saved", |s| s.contains("✓ Sparat") && !s.contains("Osparat"));
        t.pty.send(pty::CTRL_Q);
        assert!(t.pty.wait_exit(pty::WAIT).is_some(), "{} quits", t.slug);
    }
    watching.store(true, Ordering::SeqCst);
    let named: Vec<BTreeSet<String>> = watchers.into_iter().map(|h| h.join().unwrap()).collect();
    eprintln!("soak: {actions} sync actions, {imports} imports, typed {} and {} words", a.typed, b.typed);

    let w_end = WorkshopDir { root: root.clone() }.load_workshop().unwrap();
    assert!(w_end.goals.len() >= w.goals.len() + imports, "every imported goal is still in workshop.ron");
    for (t, named) in [&a, &b].into_iter().zip(&named) {
        let files = files_of(&groups, &t.slug);
        let texts: Vec<String> = files.iter().map(|p| all_text(p)).collect();
        for n in 1..=t.shown_saved {
            let word = t.word(n);
            assert!(
                texts.iter().any(|text| text.contains(&word)),
                "{word}, shown as saved by {}, is in none of {files:?}",
                t.slug
            );
        }
        for copy in &files {
            let name = copy.file_name().unwrap().to_string_lossy().into_owned();
            if name != format!("{}.ron", t.slug) {
                assert!(named.contains(&name), "the copy {name} was named on {}'s screen (named: {named:?})", t.slug);
            }
        }
    }
}
