//! The bundled demo workshop: valid, with the promised shape.

use super::*;
use malverkstad::demo;
use malverkstad::domain::text::fold_key;
use malverkstad::domain::validate::{check_group_file, check_workshop};
use malverkstad::store::WorkshopDir;

fn installed() -> (tempfile::TempDir, WorkshopDir) {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, fresh) = demo::install(tmp.path(), false).expect("demo installs");
    assert!(fresh);
    (tmp, dir)
}

#[test]
fn demo_is_valid_with_zero_findings() {
    let (_tmp, dir) = installed();
    let w = dir.load_workshop().expect("workshop.ron loads");
    assert_eq!(check_workshop(&w), vec![], "workshop findings");
    for group in &w.groups {
        let file = dir.load_group(group).expect("group file loads").expect("group file exists");
        assert_eq!(check_group_file(&w, &file), vec![], "findings in {}", group.slug);
        assert_eq!(file.group, group.id);
        assert_eq!(file.group_name, group.name);
    }
    // Nothing beyond the four group files.
    assert_eq!(dir.group_files().unwrap().len(), 4);
}

#[test]
fn demo_has_the_promised_shape() {
    let (_tmp, dir) = installed();
    let w = dir.load_workshop().unwrap();
    assert_eq!(w.goals.len(), 9);
    assert_eq!(w.date, NaiveDate::from_ymd_opt(2027, 3, 16));
    assert!(!w.organisation.is_empty() && w.plan.contains("BSP"));
    assert_eq!(w.questions, default_questions(), "the default questions, both languages");
    let perspectives: std::collections::BTreeSet<_> = w.goals.iter().filter_map(|g| g.perspective.clone()).collect();
    assert_eq!(perspectives.len(), 5, "{perspectives:?}");
    assert!(w.goals.iter().all(|g| g.code.is_some()));
    let names: Vec<_> = w.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Grupp 1", "Grupp 2", "Grupp 3", "Grupp 4"]);
    assert!(w.groups.iter().all(|g| (2..=3).contains(&g.goals.len())));
    let covered: std::collections::BTreeSet<_> = w.groups.iter().flat_map(|g| g.goals.clone()).collect();
    assert_eq!(covered.len(), 9, "every goal has a group");

    let files: Vec<GroupFile> = w.groups.iter().map(|g| dir.load_group(g).unwrap().unwrap()).collect();
    // Groups 1 and 2 have answered every goal they were given; 3 and 4 nothing yet.
    for (group, file) in w.groups.iter().zip(&files).take(2) {
        assert_eq!(file.goals.keys().copied().collect::<Vec<_>>().len(), group.goals.len());
        assert!(file.goals.values().all(|a| !a.is_empty()));
        assert!(file.saved_at.is_some());
    }
    assert!(files[2].goals.is_empty() && files[3].goals.is_empty());
    let count = |f: &GroupFile, key: &str| -> usize {
        f.goals
            .values()
            .map(|a| match a.answers.get(key) {
                Some(Answer::List(v)) => v.len(),
                Some(Answer::Indicators(v)) => v.len(),
                Some(_) => 1,
                None => 0,
            })
            .sum()
    };
    assert_eq!(
        [keys::EFFECT, keys::SUBGOALS, keys::INDICATORS, keys::MEASURABILITY].map(|k| count(&files[0], k)),
        [3, 7, 6, 2]
    );
    assert_eq!(
        [keys::EFFECT, keys::SUBGOALS, keys::INDICATORS, keys::MEASURABILITY].map(|k| count(&files[1], k)),
        [3, 4, 3, 3]
    );
    // Every id is a fixed, v7-shaped uuid, and no id is used twice.
    let mut ids = vec![w.id];
    ids.extend(w.goals.iter().map(|g| g.id));
    ids.extend(w.groups.iter().map(|g| g.id));
    for f in &files {
        for a in f.goals.values() {
            ids.extend(a.list(keys::SUBGOALS).iter().map(|i| i.id));
            ids.extend(a.indicators(keys::INDICATORS).iter().map(|i| i.id));
        }
    }
    assert!(ids.iter().all(|id| id.get_version_num() == 7 && id.get_variant() == uuid::Variant::RFC4122));
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    // Kolada-style ids where given: a letter and five digits.
    for f in &files {
        for a in f.goals.values() {
            for ind in a.indicators(keys::INDICATORS) {
                let k = &ind.kolada;
                assert!(
                    k.is_empty()
                        || (k.len() == 6
                            && k.as_bytes()[0].is_ascii_uppercase()
                            && k[1..].bytes().all(|b| b.is_ascii_digit())),
                    "{k}"
                );
            }
        }
    }
    // Some fields are left empty on purpose (for the quality check).
    let empty_owner = files[0].goals.values().flat_map(|a| a.list(keys::SUBGOALS)).any(|s| s.owner.is_empty());
    let empty_target = files
        .iter()
        .flat_map(|f| f.goals.values())
        .flat_map(|a| a.indicators(keys::INDICATORS))
        .any(|i| i.target.is_empty());
    assert!(empty_owner && empty_target);
}

/// Groups 1 and 2 share a goal and wrote the same sub-goal in different
/// case and punctuation: the merge folds them.
#[test]
fn demo_has_a_duplicate_sub_goal_for_merge_to_fold() {
    let (_tmp, dir) = installed();
    let w = dir.load_workshop().unwrap();
    let shared: Vec<Uuid> = w.groups[0].goals.iter().copied().filter(|g| w.groups[1].goals.contains(g)).collect();
    assert_eq!(shared.len(), 1);
    let one = dir.load_group(&w.groups[0]).unwrap().unwrap();
    let two = dir.load_group(&w.groups[1]).unwrap().unwrap();
    let subs = |f: &GroupFile| f.goals[&shared[0]].list(keys::SUBGOALS).to_vec();
    let pairs: Vec<(String, String)> = subs(&one)
        .iter()
        .flat_map(|a| subs(&two).into_iter().map(move |b| (a.text.clone(), b.text)))
        .filter(|(a, b)| fold_key(a) == fold_key(b))
        .collect();
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_ne!(pairs[0].0, pairs[0].1, "same words, different spelling");
}

/// The checked-in files are exactly what a save writes, so opening and
/// saving the demo does not reformat it.
#[test]
fn demo_files_are_in_the_saved_format() {
    for (rel, content) in demo::FILES {
        let path = Path::new(rel);
        let again = if *rel == "workshop.ron" {
            codec::to_ron(&codec::from_bytes::<Workshop>(path, content.as_bytes()).unwrap()).unwrap()
        } else {
            codec::to_ron(&codec::from_bytes::<GroupFile>(path, content.as_bytes()).unwrap()).unwrap()
        };
        assert_eq!(&again, content, "{rel}");
    }
}

#[test]
fn demo_install_keeps_an_existing_copy_unless_reset() {
    let (tmp, dir) = installed();
    let path = dir.group_path(&dir.load_workshop().unwrap().groups[2]);
    std::fs::write(&path, b"edited by hand").unwrap();
    let (_, fresh) = demo::install(tmp.path(), false).unwrap();
    assert!(!fresh);
    assert_eq!(std::fs::read(&path).unwrap(), b"edited by hand");
    let (_, fresh) = demo::install(tmp.path(), true).unwrap();
    assert!(fresh);
    assert_ne!(std::fs::read(&path).unwrap(), b"edited by hand");
    // The old copy was moved aside, not deleted, and is not listed.
    let aside: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let listed = malverkstad::store::list_workshops(tmp.path(), Lang::Sv).unwrap();
    assert_eq!(listed.len(), 1);
}
