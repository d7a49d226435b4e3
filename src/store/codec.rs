//! RON encoding and decoding with every guard a session file needs:
//! size cap, BOM, NFC, schema check, readable errors.

use std::path::Path;

use serde::{de::DeserializeOwned, Deserialize, Serialize};

pub use super::error::MAX_FILE_BYTES;
use super::error::{ParseWhat, SpecialKind, StoreError};
use crate::domain::{text, SCHEMA};

/// How deep [`to_ron`] nests pretty-printed: one outline item per line.
pub const PRETTY_DEPTH: usize = 8;

/// Pretty, stable RON: four-space indents, no struct names, maps in key
/// order. Strings are escaped the way `char::escape_debug` does it: letters
/// such as åäö stay as they are, while newlines, quotes, backslashes, control
/// and invisible characters (and combining marks) become `\n`, `\"`,
/// `\u{200d}` … so that a file never holds a raw CR that loading would turn
/// into LF. Loading normalises the file's text to NFC; what is written from
/// NFC values therefore loads back equal (the round-trip tests check this).
///
/// Nesting deeper than [`PRETTY_DEPTH`] is written on one line: group files
/// and `workshop.ron` never get that deep, while `outline.ron` gets one line
/// per item instead of dozens of indented ones (issue #14: the indentation
/// alone made it many times the size of the group files).
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config =
        ron::ser::PrettyConfig::new().indentor("    ".to_string()).new_line("\n".to_string()).depth_limit(PRETTY_DEPTH);
    let mut s = ron::ser::to_string_pretty(value, config)?;
    s.push('\n');
    Ok(s)
}

#[derive(Deserialize)]
struct SchemaProbe {
    schema: u32,
}

/// Decode the bytes of a file at `path` (the path is only used in messages).
pub fn from_bytes<T: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, StoreError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge { path: path.to_path_buf(), size: bytes.len() as u64 });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| StoreError::NotUtf8 { path: path.to_path_buf(), offset: e.valid_up_to() })?;
    let text = text::normalize(text);
    if text.trim().is_empty() {
        return Err(StoreError::Empty { path: path.to_path_buf() });
    }
    let options = ron::Options::default();
    // A newer schema is refused before its (possibly unknown) fields are reported.
    if let Ok(probe) = options.from_str::<SchemaProbe>(&text) {
        if probe.schema > SCHEMA {
            return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: probe.schema });
        }
    }
    options.from_str::<T>(&text).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        what: ParseWhat::from_ron(&e.code),
    })
}

/// Read and decode a file, refusing it early when it is over the size cap.
pub fn read_file<T: DeserializeOwned>(path: &Path) -> Result<T, StoreError> {
    let bytes = read_capped(path)?;
    from_bytes(path, &bytes)
}

/// Read a file's bytes, refusing files over [`MAX_FILE_BYTES`] without
/// reading them, and anything that is not a regular file without opening it
/// (a FIFO named `grupp-1.ron` would block `open` forever).
pub fn read_capped(path: &Path) -> Result<Vec<u8>, StoreError> {
    use std::io::Read;
    let file = open_regular(path)?;
    let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
    if len > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge { path: path.to_path_buf(), size: len });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| StoreError::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge { path: path.to_path_buf(), size: bytes.len() as u64 });
    }
    Ok(bytes)
}

/// Open a regular file (a symlink to one is followed) for reading. Anything
/// else is [`StoreError::NotRegular`]: looked at before opening, and opened
/// non-blocking with the type checked again on the open file, so that a FIFO
/// put in its place in between cannot block either.
pub fn open_regular(path: &Path) -> Result<std::fs::File, StoreError> {
    let not_regular =
        |ft: &std::fs::FileType| StoreError::NotRegular { path: path.to_path_buf(), kind: SpecialKind::of(ft) };
    let meta = std::fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| StoreError::io(path, e))?;
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    Ok(file)
}
