//! Issue 13, bad files: a group file of another workshop, and a group file
//! with a key given twice. Both are refused with a message that names the
//! problem (before: the first opened and saved in the TUI although merge and
//! export refuse it; the second loaded silently without the first text).

use malverkstad::i18n::Lang;
use malverkstad::store::{codec, StoreError};

use super::driver::Driver;
use super::*;

#[test]
fn a_group_file_of_another_workshop_is_not_opened() {
    let (_tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let mut foreign = group_file(&root, &w);
    foreign.workshop = uuid::Uuid::from_u128(42);
    std::fs::write(&path, codec::to_ron(&foreign).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut d = Driver::open(&root, &w.groups[0].slug);
    assert!(d.app.group.is_none(), "the group is not opened");
    let screen = d.screen();
    assert!(screen.contains("annan workshop"), "{screen}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is untouched");
}

#[test]
fn a_key_given_twice_in_a_group_file_is_an_error_naming_it_and_its_line() {
    let (_tmp, root, w) = demo_copy();
    let path = WorkshopDir { root: root.clone() }.group_path(&w.groups[0]);
    let mut f = group_file(&root, &w);
    let goal = w.groups[0].goals[0];
    f.answers_mut(goal).answers.insert("effekt".into(), malverkstad::domain::model::Answer::Text("första".into()));
    let text = codec::to_ron(&f).unwrap();
    // The same answer key twice: the first text would be dropped.
    let at = text.find("\"effekt\": Text(").unwrap();
    let repeat_line = text[..at].lines().count() + 1;
    let damaged = format!("{}\"effekt\": Text(\"andra\"),\n                {}", &text[..at], &text[at..]);
    std::fs::write(&path, &damaged).unwrap();
    let err = codec::read_file::<GroupFile>(&path).unwrap_err();
    let StoreError::Parse { line, .. } = &err else { panic!("{err:?}") };
    assert!((repeat_line..=repeat_line + 1).contains(line), "line {line}, the repeat is on {repeat_line}");
    let sv = err.message(Lang::Sv);
    assert!(sv.contains("\"effekt\" förekommer två gånger"), "{sv}");
    assert!(err.message(Lang::En).contains("\"effekt\" appears twice"));
    // The TUI refuses to open it with that message.
    let mut d = Driver::open(&root, &w.groups[0].slug);
    assert!(d.app.group.is_none());
    assert!(d.screen().contains("två gånger"), "{}", d.screen());
    // A goal given twice is refused the same way.
    let key = format!("\"{goal}\": (");
    let at = text.find(&key).unwrap();
    let end = at + text[at..].find("\n        ),\n").unwrap() + "\n        ),\n".len();
    let block = &text[at..end];
    std::fs::write(&path, format!("{}{block}        {}", &text[..end], &text[end..])).unwrap();
    let err = codec::read_file::<GroupFile>(&path).unwrap_err();
    assert!(err.message(Lang::En).contains(&goal.to_string()), "{}", err.message(Lang::En));
}
