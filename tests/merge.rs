//! The merge end to end: the `merge` command on real folders with conflict
//! copies, and several processes writing group files into one shared folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use malverkstad::domain::merge::{merge, Input};
use malverkstad::domain::model::{keys, Answer, Goal, Group, GroupFile, ListItem, Workshop};
use malverkstad::domain::outline::Outline;
use malverkstad::store::lock::GroupLock;
use malverkstad::store::{self, codec, StoreError, WorkshopDir};
use uuid::Uuid;

const CHILD_ENV: &str = "MALVERKSTAD_TEST_MERGE_CHILD";

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn workshop(groups: usize) -> Workshop {
    let mut w = Workshop::new("Arbetsdag");
    w.id = id(1);
    for g in 0..2u128 {
        let mut goal = Goal::new(Some(format!("{}", g + 1)), format!("Mål {}", g + 1));
        goal.id = id(100 + g);
        w.goals.push(goal);
    }
    for g in 0..groups {
        w.groups.push(Group {
            id: id(200 + g as u128),
            name: format!("Grupp {}", g + 1),
            slug: format!("grupp-{}", g + 1),
            goals: w.goals.iter().map(|g| g.id).collect(),
        });
    }
    w
}

fn push_subgoal(f: &mut GroupFile, goal: Uuid, item: ListItem) {
    let answer = f.answers_mut(goal).answers.entry(keys::SUBGOALS.into()).or_insert(Answer::List(Vec::new()));
    if let Answer::List(items) = answer {
        items.push(item);
    }
}

fn item(n: u128, text: &str) -> ListItem {
    ListItem { id: id(n), text: text.into(), owner: String::new() }
}

fn setup(groups: usize) -> (tempfile::TempDir, WorkshopDir, Workshop) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let w = workshop(groups);
    let dir = store::create_workshop_at(&tmp.path().join("ws"), &w).expect("create");
    (tmp, dir, w)
}

fn bin() -> Command {
    let mut c = Command::cargo_bin("malverkstad").expect("binary");
    c.env_remove("MALVERKSTAD_LANG").env_remove("MALVERKSTAD_DIR");
    c
}

fn member_ids(o: &Outline) -> BTreeSet<Uuid> {
    o.items().flat_map(|i| i.members.iter().map(|m| m.id)).collect()
}

/// Group 1 saved on two laptops: a Syncthing conflict copy and a "(1)" copy
/// arrived beside its own file.
fn with_conflict_copies() -> (tempfile::TempDir, WorkshopDir, Workshop) {
    let (tmp, dir, w) = setup(2);
    let g = w.goals[0].id;
    let mut one = GroupFile::new(&w, &w.groups[0]);
    push_subgoal(&mut one, g, item(1000, "Öka läsförståelsen"));
    push_subgoal(&mut one, g, item(1001, "Fler behöriga lärare"));
    dir.save_group(&w.groups[0], &one).expect("save");
    // The other laptop edited one item and added one.
    let mut other = one.clone();
    if let Some(Answer::List(items)) = other.answers_mut(g).answers.get_mut(keys::SUBGOALS) {
        items[1].text = "Fler behöriga lärare i förskolan".into();
        items.push(item(1002, "Läxhjälp"));
    }
    store::save_checked(&dir.groups_dir().join("grupp-1.sync-conflict-20270316-101500-ABCD.ron"), &other)
        .expect("save");
    store::save_checked(&dir.groups_dir().join("grupp-1 (1).ron"), &one).expect("save");
    let mut two = GroupFile::new(&w, &w.groups[1]);
    push_subgoal(&mut two, g, item(2000, "öka läsförståelsen!"));
    dir.save_group(&w.groups[1], &two).expect("save");
    (tmp, dir, w)
}

#[test]
fn merge_command_keeps_every_copy_and_flags_the_conflict() {
    let (_tmp, dir, _w) = with_conflict_copies();
    let out = bin().args(["merge"]).arg(&dir.root).output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Sammanställde 4 filer"), "{stdout}");
    assert!(stdout.contains("Sammanslagna dubbletter: 1"), "{stdout}");
    assert!(stdout.contains("Konflikter: 1"), "{stdout}");
    assert!(stdout.contains("grupp-1.sync-conflict-20270316-101500-ABCD.ron"), "{stdout}");
    let o = dir.load_outline().expect("load").expect("written");
    assert_eq!(member_ids(&o), BTreeSet::from([id(1000), id(1001), id(1002), id(2000)]));
    let conflict = o.find_item(id(1001)).expect("item");
    assert!(conflict.flags.conflict);
    let texts: BTreeSet<&str> = conflict.versions().map(|v| v.content.text()).collect();
    assert_eq!(texts, BTreeSet::from(["Fler behöriga lärare", "Fler behöriga lärare i förskolan"]));
    let folded = o.find_item(id(2000)).expect("folded");
    assert_eq!(folded.members.len(), 2);
    assert_eq!(o.goals[0].subgoals().len(), 3);

    let strict = bin().args(["--lang", "en", "merge", "--strict"]).arg(&dir.root).output().expect("run");
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stdout).contains("Conflicts: 1"));
}

#[test]
fn explicit_files_in_any_order_give_byte_identical_outlines_and_a_repeat_changes_nothing() {
    let (tmp, dir, _w) = with_conflict_copies();
    let mut files: Vec<PathBuf> = dir.group_files().expect("list");
    assert_eq!(files.len(), 4);
    let run = |files: &[PathBuf], out: &Path| {
        let result = bin().arg("merge").arg(&dir.root).args(files).arg("-o").arg(out).output().expect("run");
        assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
        std::fs::read(out).expect("read")
    };
    let a = run(&files, &tmp.path().join("a.ron"));
    files.reverse();
    files.swap(0, 1);
    let b = run(&files, &tmp.path().join("b.ron"));
    assert_eq!(a, b);
    let mut twice = files.clone();
    twice.extend(files.iter().cloned());
    assert_eq!(run(&twice, &tmp.path().join("c.ron")), a);
    // Re-merging into the existing output changes nothing either.
    assert_eq!(run(&files, &tmp.path().join("a.ron")), a);
    // And the outline itself is a valid input: merged with the files again.
    let mut with_outline = files.clone();
    with_outline.push(tmp.path().join("a.ron"));
    assert_eq!(run(&with_outline, &tmp.path().join("d.ron")), a);
}

#[test]
fn an_unreadable_group_file_is_named_and_nothing_is_written() {
    let (_tmp, dir, _w) = with_conflict_copies();
    std::fs::write(dir.groups_dir().join("grupp-3.ron"), "(schema: 1, workshop: \"").expect("write");
    let out = bin().args(["merge"]).arg(&dir.root).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("grupp-3.ron"), "{stderr}");
    assert!(!dir.outline_path().exists(), "no outline may be written without that group's work");
}

#[test]
fn a_group_file_of_another_workshop_is_refused() {
    let (_tmp, dir, w) = setup(1);
    let mut stray = GroupFile::new(&w, &w.groups[0]);
    stray.workshop = id(999);
    store::save_checked(&dir.groups_dir().join("grupp-9.ron"), &stray).expect("save");
    let out = bin().args(["--lang", "en", "merge"]).arg(&dir.root).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("grupp-9.ron"));
}

/// Entry point of the child processes the shared-folder test starts (it
/// re-executes this test binary). Without the environment variable it does
/// nothing, so it passes trivially in a normal run.
#[test]
fn child_process_entry() {
    let Ok(role) = std::env::var(CHILD_ENV) else { return };
    let parts: Vec<&str> = role.split(':').collect();
    let root = PathBuf::from(std::env::var("MALVERKSTAD_TEST_ROOT").expect("root"));
    let dir = WorkshopDir::open(&root).expect("open");
    let w = dir.load_workshop().expect("workshop");
    let group = w.find_group(parts[1]).expect("group").clone();
    match parts[0] {
        "writer" => {
            let n: u128 = parts[2].parse().expect("count");
            let index = w.groups.iter().position(|g| g.id == group.id).expect("index") as u128;
            let _lock = GroupLock::acquire(&dir.group_path(&group)).expect("lock");
            for k in 0..n {
                let mut f = dir.load_group(&group).expect("load").unwrap_or_else(|| GroupFile::new(&w, &group));
                let goal = w.goals[(k % 2) as usize].id;
                push_subgoal(&mut f, goal, item(10_000 * (index + 1) + k, &format!("Delmål {k} av {}", group.name)));
                dir.save_group(&group, &f).expect("save");
            }
        }
        "intruder" => match GroupLock::acquire(&dir.group_path(&group)) {
            Err(StoreError::Locked { .. }) => {}
            other => panic!("a second terminal got the group's lock: {other:?}"),
        },
        _ => panic!("unknown role {role}"),
    }
}

fn spawn_child(root: &Path, role: &str) -> std::process::Child {
    Command::new(std::env::current_exe().expect("exe"))
        .args(["--exact", "child_process_entry", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, role)
        .env("MALVERKSTAD_TEST_ROOT", root)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn")
}

fn merge_folder(dir: &WorkshopDir, w: &Workshop) -> Outline {
    let paths = dir.group_files().expect("list");
    let (files, bad) = store::outline::read_merge_files(&paths);
    assert!(bad.is_empty(), "a reader saw a half-written file: {bad:?}");
    let inputs: Vec<Input> = files
        .iter()
        .map(|f| match &f.content {
            store::outline::MergeFile::Group(g) => Input::Group { source: &f.name, file: g },
            store::outline::MergeFile::Outline(o) => Input::Outline { source: &f.name, outline: o },
        })
        .collect();
    merge(w, &inputs, None).expect("merge")
}

#[test]
fn two_processes_write_their_own_files_into_one_folder_and_the_merge_loses_nothing() {
    const SAVES: u128 = 25;
    let (_tmp, dir, w) = setup(2);
    let writers: Vec<_> =
        ["grupp-1", "grupp-2"].iter().map(|slug| spawn_child(&dir.root, &format!("writer:{slug}:{SAVES}"))).collect();
    // The facilitator merges while the groups are saving: every file it reads
    // is whole (atomic saves), and what it sees only grows.
    let mut seen = 0;
    for _ in 0..20 {
        let count = member_ids(&merge_folder(&dir, &w)).len();
        assert!(count >= seen, "an item disappeared between two merges: {count} < {seen}");
        seen = count;
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    for mut child in writers {
        assert!(child.wait().expect("wait").success(), "a writer failed");
    }
    let o = merge_folder(&dir, &w);
    let expected: BTreeSet<Uuid> = (1..=2u128).flat_map(|g| (0..SAVES).map(move |k| id(10_000 * g + k))).collect();
    assert_eq!(member_ids(&o), expected);
    assert_eq!(o.items().count(), expected.len(), "nothing folded, nothing doubled");
    assert!(o.items().all(|i| !i.flags.conflict && i.groups.len() == 1));
    let from_disk: Vec<GroupFile> =
        dir.group_files().expect("list").iter().map(|p| codec::read_file(p).expect("read")).collect();
    assert_eq!(from_disk.len(), 2);

    // Two terminals on one group: the second is refused while the first holds the lock.
    let _held = GroupLock::acquire(&dir.group_path(&w.groups[0])).expect("lock");
    let status = spawn_child(&dir.root, "intruder:grupp-1").wait().expect("wait");
    assert!(status.success(), "the second terminal was not refused");
}

/// Issue #14, defect 5: one paste of 500 similar sub-goals made a 19 MiB
/// outline (124,750 "möjlig dubblett" pairs). Now the suggestions are a few
/// per item and the outline stays within a small factor of the group file.
#[test]
fn five_hundred_similar_sub_goals_give_an_outline_of_bounded_size() {
    let w = workshop(1);
    let mut f = GroupFile::new(&w, &w.groups[0]);
    for i in 0..500u128 {
        push_subgoal(&mut f, w.goals[0].id, item(10_000 + i, &format!("Öka andelen elever som når målen, skola {i}")));
    }
    let input = codec::to_ron(&f).expect("ron").len();
    let o = merge(&w, &[Input::Group { source: "grupp-1.ron", file: &f }], None).expect("merge");
    let ron = codec::to_ron(&o).expect("ron");
    let output = ron.len();
    let suggestions: usize = o.items().map(|i| i.flags.possible_duplicates.len()).sum();
    assert!(suggestions > 0 && suggestions <= 2 * 3 * 500, "{suggestions} suggestions");
    assert!(output <= 3 * input, "outline {output} bytes from {input} bytes of group file");
}

/// Issue #14, defect 5: an outline over the size cap (as older versions
/// wrote) blocked every merge until it was deleted by hand, with the
/// decisions. Now its decisions are salvaged, the merge rebuilds it from the
/// group files, and the large file is moved aside, not lost. An outline that
/// would pass the cap is never written.
#[test]
fn a_too_large_outline_is_rebuilt_keeping_its_decisions() {
    use malverkstad::domain::merge::review::{apply, Op};
    let (_tmp, dir, w) = setup(1);
    let mut f = GroupFile::new(&w, &w.groups[0]);
    push_subgoal(&mut f, w.goals[0].id, item(10_001, "Fler läser"));
    push_subgoal(&mut f, w.goals[0].id, item(10_002, "Färre slutar"));
    let inputs = [Input::Group { source: "grupp-1.ron", file: &f }];
    let mut o = merge(&w, &inputs, None).expect("merge");
    apply(&mut o, &Op::Drop(id(10_002))).expect("drop");
    apply(&mut o, &Op::Edit(id(10_001), Some("Fler barn läser".into()))).expect("edit");
    // The same outline padded past the cap (RON allows any whitespace).
    let text = codec::to_ron(&o).expect("ron");
    let (top, rest) = text.split_at(text.find("    groups:").expect("groups"));
    let padded = format!("{top}{}{rest}", " ".repeat(codec::MAX_FILE_BYTES as usize + 1));
    std::fs::write(dir.outline_path(), padded).expect("write");

    let salvaged = dir.load_outline().expect("salvaged").expect("an outline");
    assert_eq!(salvaged.decisions, o.decisions);
    let rebuilt = merge(&w, &inputs, Some(&salvaged)).expect("merge");
    dir.save_outline(&rebuilt).expect("saved over the too-large file");
    let again = dir.load_outline().expect("load").expect("an outline");
    assert_eq!(again, o, "every decision kept");
    let aside = dir.outline_path().with_file_name("outline.ron.too-large");
    assert!(std::fs::metadata(&aside).expect("moved aside").len() > codec::MAX_FILE_BYTES);

    // Too large to write: refused, the file on disk unchanged.
    push_subgoal(&mut f, w.goals[0].id, item(10_003, &format!("x{}", " ".repeat(codec::MAX_FILE_BYTES as usize))));
    let huge = merge(&w, &[Input::Group { source: "grupp-1.ron", file: &f }], None).expect("merge");
    let before = std::fs::read(dir.outline_path()).expect("read");
    assert!(matches!(dir.save_outline(&huge), Err(StoreError::TooLarge { .. })));
    assert_eq!(std::fs::read(dir.outline_path()).expect("read"), before);
}

/// outline.ron is written with nesting past codec::PRETTY_DEPTH on one line
/// (issue #14); group files (with indicators and verdicts) and workshop.ron
/// never get that deep, so they are written exactly as before.
#[test]
fn the_pretty_depth_leaves_group_files_and_the_workshop_as_they_were() {
    use malverkstad::domain::model::{Frequency, Indicator, VerdictAnswer};
    let w = workshop(1);
    let mut f = GroupFile::new(&w, &w.groups[0]);
    let mut ind = Indicator::new("A");
    ind.frequency = Some(Frequency::Other("x".into()));
    let answers = &mut f.answers_mut(w.goals[0].id).answers;
    answers.insert(keys::INDICATORS.into(), Answer::Indicators(vec![ind]));
    answers.insert(keys::MEASURABILITY.into(), Answer::Verdict(VerdictAnswer { verdict: None, how: "x".into() }));
    let unlimited = || ron::ser::PrettyConfig::new().indentor("    ".to_string()).new_line("\n".to_string());
    assert_eq!(codec::to_ron(&f).unwrap(), ron::ser::to_string_pretty(&f, unlimited()).unwrap() + "\n");
    assert_eq!(codec::to_ron(&w).unwrap(), ron::ser::to_string_pretty(&w, unlimited()).unwrap() + "\n");
}
