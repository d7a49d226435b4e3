//! The binary: parse the command line and run a headless command or the TUI.

fn main() {
    let code = malverkstad::cli::main();
    std::process::exit(code);
}
