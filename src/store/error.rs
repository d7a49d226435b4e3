//! Errors of the file layer, each with a message in the user's language.

use std::path::{Path, PathBuf};

use crate::i18n::{store::T, Lang};
use crate::tr;

/// Files larger than this are refused before reading (and never written).
/// Defined here, where the messages name it, and re-exported as
/// `codec::MAX_FILE_BYTES`, so that `codec` imports `error` and not back.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// `NotRegular`: a FIFO, device, socket, folder or symlink where a regular
/// file must be (never opened: opening a FIFO waits forever).
/// `WorkshopData`: one of a workshop's own data files (workshop.ron,
/// outline.ron, a file in groups/, a lock, a .bak), never an export's target.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum StoreError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    NotFound {
        path: PathBuf,
    },
    TooLarge {
        path: PathBuf,
        size: u64,
    },
    NotUtf8 {
        path: PathBuf,
        offset: usize,
    },
    Empty {
        path: PathBuf,
    },
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        what: ParseWhat,
    },
    NewerSchema {
        path: PathBuf,
        found: u32,
    },
    RefuseOverwrite {
        path: PathBuf,
    },
    Locked {
        path: PathBuf,
        host: String,
        pid: u32,
        since: String,
    },
    Exists {
        path: PathBuf,
    },
    NotAWorkshop {
        path: PathBuf,
    },
    NoSessionsDir,
    NotRegular {
        path: PathBuf,
        kind: SpecialKind,
    },
    WorkshopData {
        path: PathBuf,
    },
    /// The file on disk is not the version this process last read or wrote.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// Saving would write a file larger than the reader accepts.
    WouldBeTooLarge {
        path: PathBuf,
        size: u64,
    },
}

/// What stands where a regular file was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialKind {
    Fifo,
    Socket,
    Device,
    Folder,
    Symlink,
    Other,
}

impl SpecialKind {
    pub fn of(ft: &std::fs::FileType) -> SpecialKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_fifo() {
                return SpecialKind::Fifo;
            }
            if ft.is_socket() {
                return SpecialKind::Socket;
            }
            if ft.is_block_device() || ft.is_char_device() {
                return SpecialKind::Device;
            }
        }
        if ft.is_symlink() {
            SpecialKind::Symlink
        } else if ft.is_dir() {
            SpecialKind::Folder
        } else {
            SpecialKind::Other
        }
    }

    pub fn message(self, lang: Lang) -> String {
        match self {
            SpecialKind::Fifo => tr!(lang, T::KindFifo),
            SpecialKind::Socket => tr!(lang, T::KindSocket),
            SpecialKind::Device => tr!(lang, T::KindDevice),
            SpecialKind::Folder => tr!(lang, T::KindFolder),
            SpecialKind::Symlink => tr!(lang, T::KindSymlink),
            SpecialKind::Other => tr!(lang, T::KindOther),
        }
    }
}

/// What the parser expected, kept structured so it can be said in Swedish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseWhat {
    Eof,
    Comma,
    String,
    StringEnd,
    Integer,
    Struct,
    StructEnd,
    Array,
    ArrayEnd,
    Map,
    MapEnd,
    Option,
    UnknownField {
        field: String,
        expected: String,
    },
    MissingField {
        field: String,
    },
    DuplicateField {
        field: String,
    },
    UnknownVariant {
        found: String,
        expected: String,
    },
    TooDeep,
    Trailing,
    UnexpectedChar(char),
    InvalidValue(String),
    /// A `:` between a key and its value.
    Colon,
    /// A field name.
    Identifier,
    /// A bad `\…` escape in a text.
    Escape,
    /// A `/* comment` without its end.
    UnclosedComment,
    /// A bare word where a value was expected (a text without quotes?).
    UnexpectedWord(String),
    /// A value the field's type rejects (a malformed id or date); the
    /// detail is the parser's own (English) words.
    BadValue(String),
    /// Anything else: the parser's own (English) words.
    Other(String),
    /// A key given twice in one map (the first text would be dropped).
    DuplicateKey(String),
}

impl ParseWhat {
    pub fn from_ron(e: &ron::Error) -> ParseWhat {
        use ron::Error as E;
        match e {
            E::Eof => ParseWhat::Eof,
            E::ExpectedComma => ParseWhat::Comma,
            E::ExpectedString => ParseWhat::String,
            E::ExpectedStringEnd => ParseWhat::StringEnd,
            E::ExpectedInteger | E::InvalidIntegerDigit { .. } | E::IntegerOutOfBounds => ParseWhat::Integer,
            E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => ParseWhat::Struct,
            E::ExpectedStructLikeEnd => ParseWhat::StructEnd,
            E::ExpectedArray => ParseWhat::Array,
            E::ExpectedArrayEnd => ParseWhat::ArrayEnd,
            E::ExpectedMap => ParseWhat::Map,
            E::ExpectedMapEnd => ParseWhat::MapEnd,
            E::ExpectedOption | E::ExpectedOptionEnd => ParseWhat::Option,
            E::NoSuchStructField { expected, found, .. } => {
                ParseWhat::UnknownField { field: found.clone(), expected: expected.join(", ") }
            }
            E::MissingStructField { field, .. } => ParseWhat::MissingField { field: field.to_string() },
            E::DuplicateStructField { field, .. } => ParseWhat::DuplicateField { field: field.to_string() },
            E::NoSuchEnumVariant { expected, found, .. } => {
                ParseWhat::UnknownVariant { found: found.clone(), expected: expected.join(", ") }
            }
            E::ExceededRecursionLimit => ParseWhat::TooDeep,
            E::TrailingCharacters => ParseWhat::Trailing,
            E::UnexpectedChar(c) => ParseWhat::UnexpectedChar(*c),
            E::InvalidValueForType { expected, found } => ParseWhat::InvalidValue(format!("{found} → {expected}")),
            E::ExpectedMapColon => ParseWhat::Colon,
            E::ExpectedIdentifier | E::InvalidIdentifier(_) | E::SuggestRawIdentifier(_) => ParseWhat::Identifier,
            E::InvalidEscape(_) => ParseWhat::Escape,
            E::UnclosedBlockComment | E::UnclosedLineComment => ParseWhat::UnclosedComment,
            E::ExpectedDifferentStructName { found, .. } | E::ExpectedStructName(found) => {
                ParseWhat::UnexpectedWord(found.clone())
            }
            E::Message(m) => match m.strip_prefix(crate::domain::unique_map::DUPLICATE_KEY) {
                Some(key) => ParseWhat::DuplicateKey(key.to_string()),
                None => ParseWhat::BadValue(m.clone()),
            },
            other => ParseWhat::Other(other.to_string()),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            ParseWhat::Eof => tr!(lang, T::ExpEof),
            ParseWhat::Comma => tr!(lang, T::ExpComma),
            ParseWhat::String => tr!(lang, T::ExpString),
            ParseWhat::StringEnd => tr!(lang, T::ExpStringEnd),
            ParseWhat::Integer => tr!(lang, T::ExpInteger),
            ParseWhat::Struct => tr!(lang, T::ExpStruct),
            ParseWhat::StructEnd => tr!(lang, T::ExpStructEnd),
            ParseWhat::Array => tr!(lang, T::ExpArray),
            ParseWhat::ArrayEnd => tr!(lang, T::ExpArrayEnd),
            ParseWhat::Map => tr!(lang, T::ExpMap).replace("{{", "{"),
            ParseWhat::MapEnd => tr!(lang, T::ExpMapEnd).replace("}}", "}"),
            ParseWhat::Option => tr!(lang, T::ExpOption),
            ParseWhat::UnknownField { field, expected } => {
                tr!(lang, T::UnknownField, field = field, expected = expected)
            }
            ParseWhat::MissingField { field } => tr!(lang, T::MissingField, field = field),
            ParseWhat::DuplicateField { field } => tr!(lang, T::DuplicateField, field = field),
            ParseWhat::UnknownVariant { found, expected } => {
                tr!(lang, T::UnknownVariant, found = found, expected = expected)
            }
            ParseWhat::TooDeep => tr!(lang, T::TooDeep),
            ParseWhat::Trailing => tr!(lang, T::Trailing),
            ParseWhat::UnexpectedChar(c) => tr!(lang, T::UnexpectedChar, c = c.escape_default()),
            ParseWhat::InvalidValue(d) => tr!(lang, T::InvalidValue, detail = d),
            ParseWhat::Colon => tr!(lang, T::ExpColon),
            ParseWhat::Identifier => tr!(lang, T::ExpIdentifier),
            ParseWhat::Escape => tr!(lang, T::BadEscape),
            ParseWhat::UnclosedComment => tr!(lang, T::UnclosedComment),
            ParseWhat::UnexpectedWord(w) => tr!(lang, T::UnexpectedWord, word = w),
            ParseWhat::BadValue(d) => tr!(lang, T::BadValue, detail = d),
            ParseWhat::Other(s) => s.clone(),
            ParseWhat::DuplicateKey(key) => tr!(lang, T::DuplicateKey, key = key),
        }
    }
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

/// `<name>.bak` beside a file.
pub fn bak_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

impl StoreError {
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        if source.kind() == std::io::ErrorKind::NotFound {
            StoreError::NotFound { path: path.to_path_buf() }
        } else {
            StoreError::Io { path: path.to_path_buf(), source }
        }
    }

    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StoreError::Io { path, .. }
            | StoreError::NotFound { path }
            | StoreError::TooLarge { path, .. }
            | StoreError::NotUtf8 { path, .. }
            | StoreError::Empty { path }
            | StoreError::Parse { path, .. }
            | StoreError::NewerSchema { path, .. }
            | StoreError::RefuseOverwrite { path }
            | StoreError::Locked { path, .. }
            | StoreError::Exists { path }
            | StoreError::NotAWorkshop { path }
            | StoreError::NotRegular { path, .. }
            | StoreError::WorkshopData { path }
            | StoreError::ChangedOnDisk { path }
            | StoreError::WouldBeTooLarge { path, .. } => Some(path),
            StoreError::NoSessionsDir => None,
        }
    }

    /// True for errors about a file's content (as opposed to I/O or locks):
    /// such a file must never be overwritten.
    pub fn is_damaged_file(&self) -> bool {
        matches!(
            self,
            StoreError::Parse { .. }
                | StoreError::NotUtf8 { .. }
                | StoreError::Empty { .. }
                | StoreError::TooLarge { .. }
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        let mut msg = match self {
            StoreError::Io { path, source } => {
                tr!(lang, T::Io, path = shown(path), detail = crate::i18n::io::describe(source, lang))
            }
            StoreError::NotFound { path } => tr!(lang, T::NotFound, path = shown(path)),
            StoreError::TooLarge { path, size } => tr!(
                lang,
                T::TooLarge,
                path = shown(path),
                size = size / (1024 * 1024),
                cap = MAX_FILE_BYTES / (1024 * 1024)
            ),
            StoreError::NotUtf8 { path, offset } => tr!(lang, T::NotUtf8, path = shown(path), offset = offset),
            StoreError::Empty { path } => tr!(lang, T::Empty, path = shown(path)),
            StoreError::Parse { path, line, col, what } => {
                tr!(lang, T::Parse, path = shown(path), line = line, col = col, what = what.message(lang))
            }
            StoreError::NewerSchema { path, found } => {
                tr!(lang, T::NewerSchema, path = shown(path), found = found, supported = crate::domain::SCHEMA)
            }
            StoreError::RefuseOverwrite { path } => tr!(lang, T::RefuseOverwrite, path = shown(path)),
            StoreError::Locked { host, pid, since, .. } => tr!(lang, T::Locked, host = host, pid = pid, since = since),
            StoreError::Exists { path } => tr!(lang, T::Exists, path = shown(path)),
            StoreError::NotAWorkshop { path } => tr!(lang, T::NotAWorkshop, path = shown(path)),
            StoreError::NoSessionsDir => tr!(lang, T::NoSessionsDir),
            StoreError::NotRegular { path, kind } => {
                tr!(lang, T::NotRegular, path = shown(path), kind = kind.message(lang))
            }
            StoreError::WorkshopData { path } => tr!(lang, T::WorkshopData, path = shown(path)),
            StoreError::ChangedOnDisk { path } => tr!(lang, T::ChangedOnDisk, path = shown(path)),
            StoreError::WouldBeTooLarge { path, size } => tr!(
                lang,
                T::WouldBeTooLarge,
                path = shown(path),
                size = format!("{:.2}", *size as f64 / (1024.0 * 1024.0)),
                cap = MAX_FILE_BYTES / (1024 * 1024)
            ),
        };
        if self.is_damaged_file() {
            if let Some(path) = self.path() {
                let bak = bak_path(path);
                if bak.exists() {
                    msg.push(' ');
                    msg.push_str(&tr!(lang, T::BakHint, bak = shown(&bak)));
                }
            }
        }
        msg
    }
}
