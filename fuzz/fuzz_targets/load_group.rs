//! The session-file loader on a group file: any bytes give a value or a
//! `StoreError` (never a panic), and a value saves and loads back equal.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use malverkstad::domain::GroupFile;
use malverkstad::i18n::Lang;
use malverkstad::store::codec;

fuzz_target!(|data: &[u8]| {
    match codec::from_bytes::<GroupFile>(Path::new("grupp-1.ron"), data) {
        Ok(file) => {
            let text = codec::to_ron(&file).expect("a loaded file serializes");
            let again: GroupFile = codec::from_bytes(Path::new("grupp-1.ron"), text.as_bytes()).expect("reloads");
            assert_eq!(again, file, "save and load changed the file");
        }
        Err(e) => {
            // Both languages have words for it.
            assert!(!e.message(Lang::Sv).is_empty() && !e.message(Lang::En).is_empty());
        }
    }
});
