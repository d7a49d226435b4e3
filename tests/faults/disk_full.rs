//! Case 2: the disk fills up in the middle of a save. A child process with a
//! small `RLIMIT_FSIZE` (and SIGXFSZ ignored, so a write fails with EFBIG
//! instead of killing it) runs the real autosave; and the injectable `Sink`
//! of `store::atomic` fails at every write N = 1, 2, … of a real group file.

use std::fs::File;
use std::io::{self, Write};
use std::time::Duration;

use crossterm::event::KeyCode;
use malverkstad::app::save;
use malverkstad::store::atomic::{self, Sink};
use malverkstad::store::{codec, error::bak_path};

use super::driver::Driver;
use super::*;

const ROOT_ENV: &str = "MALVERKSTAD_FAULTS_FSIZE_ROOT";
const GROUP_ENV: &str = "MALVERKSTAD_FAULTS_FSIZE_GROUP";
/// Bytes a file may grow to in the child while the "disk is full".
const LIMIT: u64 = 4096;

fn hidden(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

fn set_fsize(limit: Option<u64>) {
    // SAFETY: plain libc calls with valid pointers.
    unsafe {
        let mut rl = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        assert_eq!(libc::getrlimit(libc::RLIMIT_FSIZE, &mut rl), 0);
        rl.rlim_cur = limit.map_or(rl.rlim_max, |l| l as libc::rlim_t);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &rl), 0);
    }
}

/// Not a test of its own: the child of `file_too_large_mid_save_*`.
#[test]
fn fsize_child() {
    let Some(root) = std::env::var_os(ROOT_ENV).map(PathBuf::from) else { return };
    let group = std::env::var(GROUP_ENV).unwrap();
    // SAFETY: setting a signal disposition before any thread of ours writes files.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
    let mut d = Driver::open(&root, &group);
    let path = d.app.group.as_ref().unwrap().path.clone();
    let groups = path.parent().unwrap().to_path_buf();
    let before = std::fs::read(&path).unwrap();
    assert!((before.len() as u64) < LIMIT);
    d.key(KeyCode::Enter);
    let text = "Ökad trygghet för äldre i hemtjänsten. ".repeat(200);
    d.feed(malverkstad::app::Msg::Paste(text.clone()));

    set_fsize(Some(LIMIT));
    d.advance(save::IDLE);
    let results = d.collect(Duration::from_secs(10));
    let err = match results.as_slice() {
        [Err(e)] => e.clone(),
        other => panic!("one failed save expected, got {other:?}"),
    };
    println!("error: {err}");
    // A visible warning, the text still in memory, the old file intact, no temp file.
    let screen = d.screen();
    assert!(screen.contains("KUNDE INTE SPARA"), "{screen}");
    let model = effect_text(&d.app.group.as_ref().unwrap().file, d.app.workshop().unwrap());
    assert_eq!(model, text, "the text is kept");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the old file is intact");
    assert_eq!(hidden(&groups), Vec::<String>::new(), "no temp file left");
    // No retry before the retry time …
    d.advance(save::RETRY / 2);
    assert!(!d.save_running());
    // … then, with space again, the retry saves without a key being pressed.
    set_fsize(None);
    d.advance(save::RETRY);
    let results = d.collect(Duration::from_secs(10));
    assert!(matches!(results.as_slice(), [Ok(_)]), "{results:?}");
    let screen = d.screen();
    assert!(screen.contains("✓ Sparat") && !screen.contains("KUNDE INTE"), "{screen}");
    let file: GroupFile = codec::read_file(&path).unwrap();
    assert_eq!(effect_text(&file, d.app.workshop().unwrap()), model);
    assert_eq!(std::fs::read(bak_path(&path)).unwrap(), before, "the old version became the .bak");
    println!("child ok");
}

#[test]
fn file_too_large_mid_save_warns_keeps_the_text_and_retries() {
    let (_tmp, root, w) = demo_copy();
    let out = child_command(
        "disk_full::fsize_child",
        &[(ROOT_ENV, root.as_os_str()), (GROUP_ENV, w.groups[0].slug.as_ref())],
    )
    .output()
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("child ok"), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    // The message the group saw names the cause.
    assert!(stdout.contains("error: ") && stdout.contains("grupp"), "{stdout}");
}

/// Writes in chunks and fails at the `fail_at`-th (after writing half of it).
struct FailAt {
    fail_at: usize,
    chunk: usize,
    writes: usize,
}

impl Sink for FailAt {
    fn write_all(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        for part in bytes.chunks(self.chunk) {
            self.writes += 1;
            if self.writes == self.fail_at {
                file.write_all(&part[..part.len() / 2])?;
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left on device"));
            }
            file.write_all(part)?;
        }
        Ok(())
    }
}

#[test]
fn a_sink_failing_at_every_write_leaves_the_old_file_and_no_temp() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("grupp-1.ron");
    let demo = |name: &str| malverkstad::demo::FILES.iter().find(|(rel, _)| *rel == name).unwrap().1;
    let old = demo("groups/grupp-1.ron").as_bytes();
    let new = demo("groups/grupp-2.ron").as_bytes();
    atomic::write_atomic(&path, b"older").unwrap();
    atomic::write_atomic(&path, old).unwrap();
    let listing = tree(tmp.path());
    let chunk = 64;
    let writes = new.len().div_ceil(chunk);
    assert!(writes > 20, "a real file takes many writes: {writes}");
    for n in 1..=writes {
        let mut sink = FailAt { fail_at: n, chunk, writes: 0 };
        let err = atomic::write_atomic_with(&path, new, &mut sink).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull, "write {n}");
        assert_eq!(std::fs::read(&path).unwrap(), old, "write {n}: the old file is intact");
        assert_eq!(std::fs::read(bak_path(&path)).unwrap(), b"older", "write {n}: the .bak is untouched");
        assert_eq!(tree(tmp.path()), listing, "write {n}: no temp file left");
    }
    // One more than needed: nothing fails, the save goes through.
    let mut sink = FailAt { fail_at: writes + 1, chunk, writes: 0 };
    atomic::write_atomic_with(&path, new, &mut sink).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), new);
    assert_eq!(std::fs::read(bak_path(&path)).unwrap(), old);
}
