//! Case 7, beyond `tests/store/bad_files.rs`: a cut at every single offset
//! of a real group file (and at a spread of a workshop file), random byte flips
//! (proptest), and a damaged file opened in the TUI: a clear error within a
//! second, the `.bak` pointed to, the file untouched, no crash.

use std::time::{Duration, Instant};

use malverkstad::domain::Workshop;
use malverkstad::i18n::Lang;
use malverkstad::store::{self, codec, StoreError};
use proptest::prelude::*;

use super::driver::Driver;
use super::*;

const QUICK: Duration = Duration::from_secs(1);

fn demo(name: &str) -> &'static str {
    malverkstad::demo::FILES.iter().find(|(rel, _)| *rel == name).unwrap().1
}

/// Decode as `T`; a refusal must be one of the file errors and quick.
fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    let started = Instant::now();
    let r = codec::from_bytes::<T>(Path::new("f.ron"), bytes);
    assert!(started.elapsed() < QUICK, "took {:?}", started.elapsed());
    if let Err(e) = &r {
        assert!(e.is_damaged_file(), "{e:?}");
        assert!(!e.message(Lang::Sv).is_empty() && !e.message(Lang::En).is_empty());
    }
    r
}

/// Cut `text` at every `step`-th offset, and at every offset of its last 64 bytes.
fn every_cut<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str, step: usize) {
    let whole: T = decode(text.as_bytes()).unwrap();
    let end = text.trim_end().len();
    for cut in (0..text.len()).step_by(step).chain(text.len().saturating_sub(64)..text.len()) {
        match decode::<T>(&text.as_bytes()[..cut]) {
            Ok(v) => assert!(cut >= end && v == whole, "a cut at {cut} of {} loaded", text.len()),
            Err(StoreError::NotUtf8 { offset, .. }) => assert!(!text.is_char_boundary(cut) && offset < cut),
            Err(StoreError::Empty { .. }) => assert!(text[..cut].trim().is_empty()),
            Err(StoreError::Parse { line, .. }) => assert!(line >= 1 && line <= text[..cut].lines().count() + 1),
            Err(e) => panic!("cut at {cut}: {e:?}"),
        }
    }
}

#[test]
fn a_cut_at_every_offset_of_a_group_file_and_a_workshop_file() {
    let started = Instant::now();
    // Every single offset of a real group file with answers (grupp-1 is cut
    // at every third offset in tests/store/bad_files.rs) …
    every_cut::<GroupFile>(demo("groups/grupp-2.ron"), 1);
    // … and of the workshop file at a spread (each decode costs its length).
    every_cut::<Workshop>(demo("workshop.ron"), 5);
    // Each decode is checked against QUICK; this only reports the total.
    eprintln!("every cut of two files decoded in {:?}", started.elapsed());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Flipped bytes: refused quickly and clearly, or (when the flip hit a
    /// letter inside a text) loaded as a file that saves and loads back equal.
    #[test]
    fn random_byte_flips(flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..8), workshop in any::<bool>()) {
        let text = if workshop { demo("workshop.ron") } else { demo("groups/grupp-1.ron") };
        let mut bytes = text.as_bytes().to_vec();
        for (at, xor) in &flips {
            let i = at.index(bytes.len());
            bytes[i] ^= xor;
        }
        if workshop {
            if let Ok(w) = decode::<Workshop>(&bytes) {
                let again: Workshop = decode(codec::to_ron(&w).unwrap().as_bytes()).unwrap();
                prop_assert_eq!(again, w);
            }
        } else if let Ok(f) = decode::<GroupFile>(&bytes) {
            let again: GroupFile = decode(codec::to_ron(&f).unwrap().as_bytes()).unwrap();
            prop_assert_eq!(again, f);
        }
    }
}

#[test]
fn a_damaged_group_file_opened_in_the_tui_is_an_error_not_a_crash() {
    let (_tmp, root, w) = demo_copy();
    let dir = WorkshopDir { root: root.clone() };
    let path = dir.group_path(&w.groups[0]);
    // Two saves leave a .bak, then the file is cut short.
    let good = group_file(&root, &w);
    store::save_checked(&path, &good).unwrap();
    store::save_checked(&path, &good).unwrap();
    let text = std::fs::read(&path).unwrap();
    let cut = &text[..text.len() / 2];
    std::fs::write(&path, cut).unwrap();
    let started = Instant::now();
    let mut d = Driver::open(&root, &w.groups[0].slug);
    assert!(started.elapsed() < QUICK, "{:?}", started.elapsed());
    assert!(d.app.group.is_none(), "a damaged file is not opened for editing");
    let screen = d.screen();
    assert!(screen.contains("kunde inte läsas"), "{screen}");
    let err = codec::read_file::<GroupFile>(&path).unwrap_err();
    assert!(err.message(Lang::Sv).contains("Föregående version finns i"), "the .bak is offered");
    // Keys and time pass; nothing is written over it.
    d.key(crossterm::event::KeyCode::Enter);
    d.advance(Duration::from_secs(10));
    d.collect(Duration::from_millis(100));
    assert_eq!(std::fs::read(&path).unwrap(), cut, "the damaged file is untouched");
}
