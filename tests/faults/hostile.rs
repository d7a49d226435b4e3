//! Case 9: hostile group names and symlinks planted at the paths the program
//! writes to (the backup link, the backup, the lock, the recovery file, an
//! export): nothing is written outside the workshop folder and no symlink
//! target is touched.

use std::os::unix::fs::symlink;

use malverkstad::domain::setup;
use malverkstad::store::{self, lock::GroupLock, WorkshopDir};
use malverkstad::tui::{recovery, saver};

use super::*;

const HOSTILE: [&str; 7] = ["../../.bashrc", "CON", "a/b", "/etc/passwd", "..", "nul.txt", "Grupp\u{0}noll"];

fn victim(tmp: &Path) -> (PathBuf, std::time::SystemTime) {
    let v = tmp.join("victim.txt");
    std::fs::write(&v, "precious").unwrap();
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&v).unwrap().set_modified(long_ago).unwrap();
    (v.clone(), std::fs::metadata(&v).unwrap().modified().unwrap())
}

fn untouched(v: &Path, mtime: std::time::SystemTime) {
    assert_eq!(std::fs::read_to_string(v).unwrap(), "precious");
    assert_eq!(std::fs::metadata(v).unwrap().modified().unwrap(), mtime);
}

/// `malverkstad export <path> --format md …` (a workshop folder or a group file).
fn export(path: &Path, extra: &[&str]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_malverkstad"))
        .env_remove("MALVERKSTAD_LANG")
        .args(["export", path.to_str().unwrap(), "--format", "md"])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn hostile_group_names_write_nothing_outside_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (v, mtime) = victim(tmp.path());
    let sessions = tmp.path().join("sessions");
    let (demo, _) = malverkstad::demo::install(&tmp.path().join("demo"), false).unwrap();
    let mut w = demo.load_workshop().unwrap();
    let long = "Å".repeat(300);
    let mut names: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    names.push(long);
    names.push("Grupp A".into());
    // Names that differ only in case are refused by the setup …
    assert!(setup::add_group(&mut w.clone(), "GRUPP 1").is_err());
    // … and when they come from elsewhere, they still get files of their own.
    names.push("grupp a".into());
    w.groups = setup::make_groups(&names);
    for (i, g) in w.groups.iter_mut().enumerate() {
        g.goals = vec![w.goals[i % w.goals.len()].id];
    }
    let dir = store::create_workshop(&sessions, &w).unwrap();
    let mut files: Vec<String> = Vec::new();
    for g in &w.groups {
        let path = dir.group_path(g);
        assert_eq!(path.parent().unwrap(), dir.groups_dir(), "{:?} → {path:?}", g.name);
        let name = path.file_name().unwrap().to_string_lossy().to_lowercase();
        assert!(!files.contains(&name), "{:?} shares a file with another group, ignoring case", g.name);
        files.push(name);
        let mut file = GroupFile::new(&w, g);
        saver::save_file(&path, &mut file, malverkstad::i18n::Lang::Sv).unwrap();
        saver::save_file(&path, &mut file, malverkstad::i18n::Lang::Sv).unwrap();
        recovery::write(&path, &file).unwrap();
        drop(GroupLock::acquire(&path).unwrap());
        export(&path, &[]);
    }
    export(&dir.root, &[]);
    // Everything is inside the workshop folder, the demo copy or the victim.
    let root_rel = dir.root.strip_prefix(tmp.path()).unwrap().to_path_buf();
    for p in tree(tmp.path()) {
        assert!(
            p.starts_with(&root_rel)
                || p.starts_with("demo")
                || p == Path::new("victim.txt")
                || p == Path::new("sessions"),
            "written outside the folder: {p:?}"
        );
    }
    untouched(&v, mtime);
    assert_eq!(dir.group_files().unwrap().len(), w.groups.len());
}

#[test]
fn two_groups_whose_slugs_differ_only_in_case_never_share_a_file() {
    let (_tmp, root, _) = demo_copy();
    let dir = WorkshopDir { root: root.clone() };
    // A hand-edited workshop.ron: the second slug is the first in capitals,
    // which is not a safe slug and is made safe as … the first one.
    let mut w = dir.load_workshop().unwrap();
    w.groups[1].slug = w.groups[0].slug.to_uppercase();
    dir.save_workshop(&w).unwrap();
    let (a, b) = (&w.groups[0], &w.groups[1]);
    assert_eq!(dir.group_path(a), dir.group_path(b), "the case this test is about");
    let before = std::fs::read(dir.group_path(a)).unwrap();
    // Opening the second group must not hand it the first group's answers.
    let mut d = super::driver::Driver::open(&root, &b.name);
    assert!(d.app.group.is_none(), "group {:?} was given the file of {:?}", b.name, a.name);
    let screen = d.screen();
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("hör till en annan grupp (Grupp 1)"), "{screen}");
    d.advance(std::time::Duration::from_secs(10));
    assert_eq!(std::fs::read(dir.group_path(a)).unwrap(), before);
}

#[test]
fn planted_symlinks_are_replaced_never_followed() {
    let (tmp, root, w) = demo_copy();
    let outside = tempfile::tempdir().unwrap();
    let (v, mtime) = victim(outside.path());
    let dir = WorkshopDir { root: root.clone() };
    let path = dir.group_path(&w.groups[0]);
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    let groups = dir.groups_dir();
    // The predictable names beside a group file.
    let planted = [
        groups.join(format!(".{name}.bak.link")),
        groups.join(format!("{name}.bak")),
        groups.join(format!("{name}.lock")),
        groups.join(format!("{name}.recovery")),
    ];
    for p in &planted {
        let _ = std::fs::remove_file(p);
        symlink(&v, p).unwrap();
    }
    let mut file = group_file(&root, &w);
    saver::save_file(&path, &mut file, malverkstad::i18n::Lang::Sv).unwrap();
    saver::save_file(&path, &mut file, malverkstad::i18n::Lang::Sv).unwrap();
    recovery::write(&path, &file).unwrap();
    let lock = GroupLock::acquire(&path).expect("a symlink is not a holder");
    drop(lock);
    // The export's default path, found by exporting once.
    export(&root, &[]);
    let exported: Vec<PathBuf> = std::fs::read_dir(dir.exports_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(exported.len(), 1, "{exported:?}");
    std::fs::remove_file(&exported[0]).unwrap();
    symlink(&v, &exported[0]).unwrap();
    // A symlink at the export path is refused even with --force (issue 13),
    // and left as it is: neither followed nor replaced.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_malverkstad"))
        .env_remove("MALVERKSTAD_LANG")
        .args(["export", root.to_str().unwrap(), "--format", "md", "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    untouched(&v, mtime);
    for p in &planted {
        if let Ok(m) = std::fs::symlink_metadata(p) {
            assert!(!m.file_type().is_symlink(), "still a symlink: {p:?}");
        }
    }
    assert!(std::fs::symlink_metadata(&exported[0]).unwrap().file_type().is_symlink());
    drop(tmp);
}
