//! What an I/O error means, in the user's language: "the file does not
//! exist", "permission denied", "is a folder", … instead of the system's
//! English ("No such file or directory (os error 2)") inside a Swedish
//! sentence. Used by the file layer's messages (`StoreError::Io`), so by the
//! command line's import path, and by the TUI's reading of goal files.

use std::io::{Error, ErrorKind};

use super::Lang;
use crate::tr;

crate::catalogue! {
    NotFound => ("filen eller mappen finns inte", "the file or folder does not exist"),
    PermissionDenied => ("behörighet saknas (du får inte läsa eller skriva här)", "permission denied (you may not read or write here)"),
    IsADirectory => ("det är en mapp, inte en fil", "it is a folder, not a file"),
    NotADirectory => ("en del av sökvägen är en fil, inte en mapp", "a part of the path is a file, not a folder"),
    StorageFull => ("disken är full", "the disk is full"),
    QuotaExceeded => ("din diskkvot är slut", "your disk quota is used up"),
    ReadOnly => ("filsystemet är skrivskyddat", "the file system is read-only"),
    FileTooLarge => ("filen blir för stor för filsystemet eller gränsen för filstorlek", "the file grows too large for the file system or the file size limit"),
    AlreadyExists => ("det finns redan", "it already exists"),
    DirectoryNotEmpty => ("mappen är inte tom", "the folder is not empty"),
    InvalidName => ("namnet är ogiltigt eller för långt", "the name is invalid or too long"),
    Busy => ("filen eller enheten är upptagen", "the file or device is busy"),
    TimedOut => ("det tog för lång tid (nätverksmapp?)", "it took too long (a network folder?)"),
    StaleNetwork => ("nätverksmappen är inte längre tillgänglig", "the network folder is no longer available"),
    NetworkDown => ("nätverket går inte att nå", "the network cannot be reached"),
    UnexpectedEof => ("filen tog slut oväntat", "the file ended unexpectedly"),
    InvalidData => ("filen innehåller data som inte går att läsa", "the file holds data that cannot be read"),
    Interrupted => ("avbröts", "interrupted"),
    OutOfMemory => ("minnet tog slut", "out of memory"),
    TooManyOpenFiles => ("för många öppna filer", "too many open files"),
    DeviceError => ("läs- eller skrivfel på disken", "a read or write error on the disk"),
    LinkLoop => ("för många symboliska länkar (en länk som pekar på sig själv?)", "too many symbolic links (a link pointing at itself?)"),
    CrossesDevices => ("kan inte flyttas mellan två diskar", "cannot be moved between two disks"),
    Unsupported => ("stöds inte av filsystemet", "not supported by the file system"),
    Other => ("systemfel: {detail}", "system error: {detail}"),
}

/// An I/O error in words of `lang`. Errors without a wording of their own
/// keep the system's text, marked as such.
pub fn describe(e: &Error, lang: Lang) -> String {
    if let Some(key) = e.raw_os_error().and_then(by_os_code).or_else(|| by_kind(e.kind())) {
        return tr!(lang, key);
    }
    tr!(lang, T::Other, detail = e)
}

/// Codes whose `ErrorKind` is not stable (or too broad) to tell them apart.
fn by_os_code(code: i32) -> Option<T> {
    Some(match code {
        libc::EMFILE | libc::ENFILE => T::TooManyOpenFiles,
        libc::EIO => T::DeviceError,
        libc::ELOOP => T::LinkLoop,
        libc::ENAMETOOLONG => T::InvalidName,
        _ => return None,
    })
}

fn by_kind(kind: ErrorKind) -> Option<T> {
    Some(match kind {
        ErrorKind::NotFound => T::NotFound,
        ErrorKind::PermissionDenied => T::PermissionDenied,
        ErrorKind::IsADirectory => T::IsADirectory,
        ErrorKind::NotADirectory => T::NotADirectory,
        ErrorKind::StorageFull => T::StorageFull,
        ErrorKind::QuotaExceeded => T::QuotaExceeded,
        ErrorKind::ReadOnlyFilesystem => T::ReadOnly,
        ErrorKind::FileTooLarge => T::FileTooLarge,
        ErrorKind::AlreadyExists => T::AlreadyExists,
        ErrorKind::DirectoryNotEmpty => T::DirectoryNotEmpty,
        ErrorKind::InvalidFilename => T::InvalidName,
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy | ErrorKind::WouldBlock => T::Busy,
        ErrorKind::TimedOut => T::TimedOut,
        ErrorKind::StaleNetworkFileHandle => T::StaleNetwork,
        ErrorKind::NetworkDown | ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable => T::NetworkDown,
        ErrorKind::UnexpectedEof => T::UnexpectedEof,
        ErrorKind::InvalidData => T::InvalidData,
        ErrorKind::Interrupted => T::Interrupted,
        ErrorKind::OutOfMemory => T::OutOfMemory,
        ErrorKind::CrossesDevices => T::CrossesDevices,
        ErrorKind::Unsupported => T::Unsupported,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_errors_are_worded_in_the_users_language() {
        let cases = [
            (
                Error::from_raw_os_error(libc::ENOENT),
                "filen eller mappen finns inte",
                "the file or folder does not exist",
            ),
            (Error::from_raw_os_error(libc::EACCES), "behörighet saknas", "permission denied"),
            (Error::from_raw_os_error(libc::EISDIR), "det är en mapp", "it is a folder"),
            (Error::from_raw_os_error(libc::ENOTDIR), "en del av sökvägen är en fil", "a part of the path is a file"),
            (Error::from_raw_os_error(libc::ENOSPC), "disken är full", "the disk is full"),
            (Error::from_raw_os_error(libc::EROFS), "skrivskyddat", "read-only"),
            (Error::from_raw_os_error(libc::EIO), "läs- eller skrivfel", "read or write error"),
            (Error::from_raw_os_error(libc::EMFILE), "för många öppna filer", "too many open files"),
            (Error::from(ErrorKind::PermissionDenied), "behörighet saknas", "permission denied"),
        ];
        for (e, sv, en) in cases {
            let (got_sv, got_en) = (describe(&e, Lang::Sv), describe(&e, Lang::En));
            assert!(got_sv.contains(sv) && !got_sv.contains("os error"), "{e:?}: {got_sv}");
            assert!(got_en.contains(en), "{e:?}: {got_en}");
        }
    }

    #[test]
    fn an_error_without_its_own_words_keeps_the_system_text() {
        let e = Error::other("something odd");
        assert_eq!(describe(&e, Lang::Sv), "systemfel: something odd");
    }
}
