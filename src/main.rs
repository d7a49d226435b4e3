//! The binary: parse the command line and run a headless command or the TUI.

use malverkstad::cli::{self, Outcome};

fn main() {
    let code = match cli::main() {
        Outcome::Exit(code) => code,
        Outcome::Tui(req) => {
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
