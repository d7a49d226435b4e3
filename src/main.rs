//! The binary: parse the command line and run a headless command or the TUI.

use malverkstad::cli::{self, Outcome};

/// mimalloc rather than the system allocator: the merge and the export build
/// many small strings, and with glibc's allocator freeing and re-faulting
/// them cost as much as the work itself (`BENCHMARKS.md`, Export). The
/// export bench uses the same allocator, floor included.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Commands print to pipes (`malverkstad check … | head`): a closed pipe ends
    // the process quietly, as it does for other Unix tools, instead of a panic.
    set_sigpipe(libc::SIG_DFL);
    ignore_file_size_signal();
    let code = match cli::main() {
        Outcome::Exit(code) => code,
        Outcome::Tui(req) => {
            // The TUI handles its own write errors and must save before it exits.
            set_sigpipe(libc::SIG_IGN);
            let lang = req.lang;
            let opts = malverkstad::tui::Options {
                sessions: req.sessions,
                workshop: req.workshop,
                group: req.group,
                present: req.present,
                lang,
            };
            match malverkstad::tui::run(opts) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("{}: {e:#}", malverkstad::i18n::tui::T::Error.get(lang));
                    cli::exit::FINDINGS
                }
            }
        }
    };
    std::process::exit(code);
}

fn set_sigpipe(action: libc::sighandler_t) {
    // SAFETY: called on the main thread before any other thread exists or after
    // the command's threads have ended; SIG_DFL/SIG_IGN are valid dispositions.
    unsafe {
        libc::signal(libc::SIGPIPE, action);
    }
}

/// A file-size limit (`ulimit -f`) must make a write fail with EFBIG, which
/// the save reports with its warning and cleans up after, instead of
/// SIGXFSZ ending the process with a temp file left behind. For the TUI and
/// every command alike.
fn ignore_file_size_signal() {
    // SAFETY: called on the main thread before any other thread exists;
    // SIG_IGN is a valid disposition.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
