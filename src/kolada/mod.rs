//! Kolada's KPI catalogue (issue #20): the offline catalogue file, the sync
//! client for Kolada's open API v3, the search the indicator form will call,
//! and the baseline fetch. Sits beside `store`: uses `domain` and `store`,
//! never the app or the TUI.
//!
//! The catalogue lives in `$MALVERKSTAD_KOLADA_DIR/kpi.json`, else in the
//! platform data folder under `kolada/kpi.json`. The API's base URL is
//! `$MALVERKSTAD_KOLADA_URL` (default <https://api.kolada.se>).

pub mod baseline;
pub mod client;
mod fold;
pub mod model;
pub mod search;

use std::path::{Path, PathBuf};

pub use client::Client;
pub use model::{Catalogue, Kpi};
pub use search::{suggest, Match};

use crate::domain::quality::kolada::KoladaIndex;
use crate::i18n::{kolada::T, Lang};
use crate::tr;

/// The catalogue's file name inside its folder.
pub const CATALOGUE_FILE: &str = "kpi.json";
/// A catalogue file larger than this is refused (Kolada's ~6,000 KPIs with
/// descriptions take a few MB).
pub const MAX_CATALOGUE_BYTES: u64 = 256 * 1024 * 1024;

/// Everything that can go wrong with the catalogue or the API.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum KoladaError {
    NoCatalogue {
        path: PathBuf,
    },
    Read {
        path: PathBuf,
        error: String,
    },
    Parse {
        path: PathBuf,
        error: String,
    },
    Write {
        path: PathBuf,
        error: String,
    },
    NoDataDir,
    /// No connection (no network, DNS, refused).
    Offline {
        host: String,
        error: String,
    },
    Timeout {
        host: String,
        error: String,
    },
    Status {
        url: String,
        status: u16,
    },
    Malformed {
        url: String,
        error: String,
    },
    TooManyPages {
        max: usize,
    },
    RepeatedPage {
        url: String,
    },
    Empty,
}

impl KoladaError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            KoladaError::NoCatalogue { path } => tr!(lang, T::NoCatalogue, path = path.display()),
            KoladaError::Read { path, error } => tr!(lang, T::ReadError, path = path.display(), error = error),
            KoladaError::Parse { path, error } => tr!(lang, T::ParseError, path = path.display(), error = error),
            KoladaError::Write { path, error } => tr!(lang, T::WriteError, path = path.display(), error = error),
            KoladaError::NoDataDir => tr!(lang, T::NoDataDir),
            KoladaError::Offline { host, error } => tr!(lang, T::Offline, host = host, error = error),
            KoladaError::Timeout { host, error } => tr!(lang, T::Timeout, host = host, error = error),
            KoladaError::Status { url, status } => tr!(lang, T::HttpStatus, url = url, status = status),
            KoladaError::Malformed { url, error } => tr!(lang, T::Malformed, url = url, error = error),
            KoladaError::TooManyPages { max } => tr!(lang, T::TooManyPages, max = max),
            KoladaError::RepeatedPage { url } => tr!(lang, T::RepeatedPage, url = url),
            KoladaError::Empty => tr!(lang, T::EmptyCatalogue),
        }
    }
}

/// The catalogue's folder: `$MALVERKSTAD_KOLADA_DIR`, else
/// `<platform data dir>/kolada`.
pub fn catalogue_dir() -> Result<PathBuf, KoladaError> {
    if let Some(dir) = std::env::var_os("MALVERKSTAD_KOLADA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("se", "Malverkstad", "malverkstad")
        .map(|p| p.data_dir().join("kolada"))
        .ok_or(KoladaError::NoDataDir)
}

/// Where the catalogue is kept.
pub fn catalogue_path() -> Result<PathBuf, KoladaError> {
    Ok(catalogue_dir()?.join(CATALOGUE_FILE))
}

/// Read a catalogue file (saved by sync or `--save`, or a raw Kolada page).
pub fn read_catalogue(path: &Path) -> Result<Catalogue, KoladaError> {
    let read = |e: std::io::Error| KoladaError::Read { path: path.to_path_buf(), error: e.to_string() };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => KoladaError::NoCatalogue { path: path.to_path_buf() },
        _ => read(e),
    })?;
    if meta.len() > MAX_CATALOGUE_BYTES {
        return Err(read(std::io::Error::other(format!("{} bytes", meta.len()))));
    }
    let bytes = std::fs::read(path).map_err(read)?;
    Catalogue::from_json(&bytes, path)
        .map_err(|e| KoladaError::Parse { path: path.to_path_buf(), error: e.to_string() })
}

/// The saved catalogue. A missing file is [`KoladaError::NoCatalogue`].
pub fn load() -> Result<Catalogue, KoladaError> {
    read_catalogue(&catalogue_path()?)
}

/// The saved catalogue if there is a readable one (the quality check and
/// the form work without it).
pub fn load_if_present() -> Option<Catalogue> {
    load().ok()
}

/// Write a catalogue atomically to `path` (its folder is created).
pub fn write_catalogue(path: &Path, catalogue: &Catalogue) -> Result<(), KoladaError> {
    let write = |e: std::io::Error| KoladaError::Write { path: path.to_path_buf(), error: e.to_string() };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(write)?;
    }
    crate::store::atomic::write_atomic(path, &catalogue.to_json()).map_err(write)
}

/// Save the catalogue where [`load`] finds it; returns that path.
pub fn save(catalogue: &Catalogue) -> Result<PathBuf, KoladaError> {
    let path = catalogue_path()?;
    write_catalogue(&path, catalogue)?;
    Ok(path)
}

/// The ids and organisation types the quality check needs.
pub fn index(catalogue: &Catalogue) -> KoladaIndex {
    KoladaIndex::new(catalogue.kpis.iter().map(|k| (k.id.as_str(), k.municipality_type.as_str())))
}
