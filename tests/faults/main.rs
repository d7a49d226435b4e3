//! The fault-injection suite (issue 8): crashes, full disks, vanished
//! folders, signals, panics, bad files, hostile names and odd terminal
//! sizes. `docs/faults.md` maps each of the eleven cases to the
//! tests that cover it, here and in the other test binaries.
//!
//! Some tests re-run this binary as a child process (the `*_child` tests:
//! they do nothing unless their environment variable is set). Every loop and
//! every wait is bounded.

use std::path::{Path, PathBuf};

use malverkstad::domain::model::{QuestionKind, Workshop};
use malverkstad::domain::GroupFile;
use malverkstad::store::WorkshopDir;

#[path = "../common/mod.rs"]
mod common;
use common::{demo_copy, driver, group_file, pty};

mod autosave_kill;
mod bad_files;
mod bad_group_files;
mod disk_full;
mod folder_gone;
mod hostile;
mod lock_lost;
mod quit_rescue;
mod save_elsewhere;
mod signals;
mod size_cap;
mod sizes;
mod soak;
mod soak_pty;
mod special_files;
mod ssh;
mod stop;
mod sync_replace;

/// The text answer to the first goal of the file's group, "" when none.
fn effect_text(file: &GroupFile, w: &Workshop) -> String {
    let key = &w.question_of_kind(QuestionKind::Text).unwrap().key;
    let goal = w.group(file.group).expect("the file's group").goals[0];
    file.answers(goal).and_then(|a| a.text(key)).unwrap_or_default().to_string()
}

/// A small deterministic generator (xorshift); seeds are printed so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn from_clock(what: &str) -> Rng {
        let seed = std::env::var("FAULTS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
        });
        eprintln!("{what}: seed {seed} (FAULTS_SEED={seed} replays it)");
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Every file and folder under `root`, as paths relative to it (symlinks not followed).
fn tree(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            out.push(p.strip_prefix(root).unwrap().to_path_buf());
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Re-run this test binary with only `test` (a `*_child` test) and `env` set.
fn child_command(test: &str, env: &[(&str, &std::ffi::OsStr)]) -> std::process::Command {
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args([test, "--exact", "--nocapture", "--test-threads=1"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}
