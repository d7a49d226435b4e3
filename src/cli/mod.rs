//! The command line: clap definitions and the headless commands. Uses domain,
//! store and export; never the TUI (the binary hands TUI commands over).

mod check;
mod check_quality;
mod check_target;
mod export;
mod import;
mod kolada;
mod list;
mod merge;
mod new;
mod template;
mod timer;
/// Finding a workshop by path, folder name or title (for the TUI's use too).
pub mod workshop_arg;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::i18n::{cli::T, Lang};
use crate::tr;

/// Exit codes shared by every command.
pub mod exit {
    pub const OK: i32 = 0;
    /// Findings (check), or a failed command.
    pub const FINDINGS: i32 = 1;
    /// Unreadable input or bad usage.
    pub const UNREADABLE: i32 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "malverkstad",
    version,
    about = "Målverkstad – målstyrningsdag i terminalen / goal workshops in the terminal"
)]
pub struct Cli {
    /// Språk: sv eller en / Language: sv or en
    // An unknown language is an error (Lang's FromStr), never Swedish by default.
    #[arg(long, global = true, env = "MALVERKSTAD_LANG", value_name = "LANG", value_parser = <Lang as std::str::FromStr>::from_str)]
    pub lang: Option<Lang>,

    /// Mapp för sessioner / Folder for sessions [env: MALVERKSTAD_DIR]
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Skapa en workshop från en mållista / Create a workshop from a goal list
    New(new::NewArgs),
    /// Kontrollera en workshopmapp eller en fil / Check a workshop folder or a file
    Check(check::CheckArgs),
    /// Lista workshoppar / List workshops
    List,
    /// Lägg till mål i en workshop från en fil / Add goals to a workshop from a file
    ImportGoals(import::ImportArgs),
    /// Styr rundans timer / Run the round timer
    Timer(timer::TimerArgs),
    /// Frågemallar / Question templates
    Template(template::TemplateArgs),
    /// Sammanställ gruppernas filer / Merge the groups' files
    Merge(merge::MergeArgs),
    /// Exportera till md, html, docx, xlsx, csv, json eller opml / Export to md, html, docx, xlsx, csv, json or opml
    Export(export::ExportArgs),
    /// Öppna demoworkshopen / Open the demo workshop
    Demo {
        /// Ersätt en befintlig kopia / Replace an existing copy
        #[arg(long)]
        reset: bool,
        /// Skriv bara ut mappen, öppna inte / Only print the folder, do not open it
        #[arg(long)]
        no_open: bool,
    },
    /// Visa gruppernas arbete i storgrupp, ett mål i taget / Present the groups' work in the plenary, one goal at a time
    Present {
        /// Workshopmapp, mappnamn eller titel / Workshop folder, folder name or title
        path: PathBuf,
    },
    /// Kolada: KPI-katalogen, sökning och utgångsvärden / Kolada: the KPI catalogue, search and baselines
    Kolada(kolada::KoladaArgs),
    /// Öppna en workshop / Open a workshop
    Open {
        /// Workshopmapp, mappnamn eller titel / Workshop folder, folder name or title
        path: PathBuf,
        /// Öppna direkt i en grupp (namn eller filnamn) / Open straight into a group (name or slug)
        #[arg(long)]
        group: Option<String>,
    },
}

impl Cli {
    pub fn language(&self) -> Lang {
        self.lang.unwrap_or_default()
    }
}

/// What the binary should do after parsing.
pub enum Outcome {
    /// A headless command finished with this exit code.
    Exit(i32),
    /// Open the TUI (the binary hands this to `tui::run`).
    Tui(TuiRequest),
}

/// What the TUI needs to start: data only, so the CLI never uses the TUI.
#[derive(Clone, Debug)]
pub struct TuiRequest {
    pub sessions: PathBuf,
    /// A workshop folder to open directly; `None` shows the start screen.
    pub workshop: Option<PathBuf>,
    /// Stay on this group (name or slug).
    pub group: Option<String>,
    /// Open the workshop straight into the plenary (storgrupp) mode.
    pub present: bool,
    pub lang: Lang,
}

/// True when both stdin and stdout are terminals (else TUI commands say
/// that they need one and exit with [`exit::UNREADABLE`]).
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Parse the process arguments and run a headless command, or say which
/// TUI to open.
pub fn main() -> Outcome {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Outcome::Exit(match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => exit::OK,
                _ => exit::UNREADABLE,
            });
        }
    };
    match run(&cli) {
        Ok(outcome) => outcome,
        Err(e) => {
            eprintln!("{}: {e:#}", tr!(cli.language(), T::Error));
            Outcome::Exit(exit::FINDINGS)
        }
    }
}

/// `open` and `present`: find the workshop, then open the TUI on it, or say
/// that a terminal is needed (exit 2) when stdin or stdout is not one.
fn open_tui(
    cli: &Cli,
    command: &str,
    path: &std::path::Path,
    group: Option<String>,
    present: bool,
) -> anyhow::Result<Outcome> {
    let lang = cli.language();
    let dir = workshop_arg::open(cli.dir.as_deref(), path, lang).map_err(anyhow::Error::msg)?;
    if !interactive() {
        eprintln!("{}", tr!(lang, T::NeedsTerminal, command = command));
        eprintln!("{}", tr!(lang, T::TheFolder, path = dir.root.display()));
        return Ok(Outcome::Exit(exit::UNREADABLE));
    }
    let sessions = dir.root.parent().map(PathBuf::from).unwrap_or_default();
    Ok(Outcome::Tui(TuiRequest { sessions, workshop: Some(dir.root), group, present, lang }))
}

/// Run a parsed command line.
pub fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    let lang = cli.language();
    let code = match &cli.command {
        Some(Command::New(args)) => new::run(cli, args, lang)?,
        Some(Command::Check(args)) => check::run(args, lang),
        Some(Command::List) => list::run(cli, lang)?,
        Some(Command::ImportGoals(args)) => import::run(cli, args, lang)?,
        Some(Command::Timer(args)) => timer::run(cli, args, lang)?,
        Some(Command::Template(args)) => template::run(cli, args, lang)?,
        Some(Command::Merge(args)) => merge::run(cli, args, lang),
        Some(Command::Export(args)) => export::run(args, lang)?,
        Some(Command::Kolada(args)) => kolada::run(args, lang),
        Some(Command::Demo { reset, no_open }) => {
            let sessions =
                crate::store::sessions_dir(cli.dir.as_deref()).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
            let (dir, fresh) = crate::demo::install(&sessions, *reset).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
            if !*no_open && interactive() {
                let workshop = Some(dir.root);
                return Ok(Outcome::Tui(TuiRequest { sessions, workshop, group: None, present: false, lang }));
            }
            println!("{}", tr!(lang, if fresh { T::DemoCreated } else { T::DemoExists }));
            println!("{}", dir.root.display());
            if *no_open {
                exit::OK
            } else {
                eprintln!("{}", tr!(lang, T::NeedsTerminal, command = "demo"));
                eprintln!("{}", tr!(lang, T::DemoNoOpen));
                exit::UNREADABLE
            }
        }
        Some(Command::Open { path, group }) => return open_tui(cli, "open", path, group.clone(), false),
        Some(Command::Present { path }) => return open_tui(cli, "present", path, None, true),
        None if interactive() => {
            let sessions =
                crate::store::sessions_dir(cli.dir.as_deref()).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
            return Ok(Outcome::Tui(TuiRequest { sessions, workshop: None, group: None, present: false, lang }));
        }
        None => list::run(cli, lang)?,
    };
    Ok(Outcome::Exit(code))
}
