//! `malverkstad import-goals WORKSHOP FILE [--format …] [--dry-run] [--group NAME]…`
//! and the goal-file reading shared with `malverkstad new`.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use clap::Args;

use super::{exit, Cli};
use crate::domain::import::{self, Format, Imported};
use crate::i18n::{common, facil::T, Lang};
use crate::store::codec;
use crate::{tr, trn};

/// `--format txt|md|csv|ron`.
pub fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("okänt format / unknown format: {s} (txt, md, csv, ron)"))
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Workshopmapp, mappnamn eller titel / Workshop folder, folder name or title
    pub workshop: PathBuf,
    /// Fil med mål (txt, md, csv, ron) / File of goals
    pub file: PathBuf,
    /// Filens format (annars från filändelse och innehåll) / The file's format (else from extension and content)
    #[arg(long, value_name = "txt|md|csv|ron", value_parser = parse_format)]
    pub format: Option<Format>,
    /// Visa bara förhandsvisningen, spara inget / Only show the preview, save nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Ge de nya målen till den här gruppen (kan upprepas) / Give the new goals to this group (repeatable)
    #[arg(long, value_name = "NAME")]
    pub group: Vec<String>,
}

/// Read and parse a goal file (size-capped, any encoding).
pub fn read_goals(path: &Path, format: Option<Format>, lang: Lang) -> anyhow::Result<Imported> {
    let bytes = codec::read_capped(path).map_err(|e| anyhow!(e.message(lang)))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    Ok(import::preview_bytes(&bytes, format, name.as_deref()))
}

/// Print the problems, one per line, to stderr.
pub fn print_problems(path: &Path, imported: &Imported, lang: Lang) {
    for p in &imported.preview.problems {
        let label = if p.is_error() { T::Error } else { T::Note };
        eprintln!("{}:{}: {}: {}", path.display(), p.line, tr!(lang, label), p.message(lang));
    }
}

/// Print the goals that would be imported, one per line, to stdout.
pub fn print_preview(path: &Path, imported: &Imported, lang: Lang) {
    let preview = &imported.preview;
    println!(
        "{}",
        tr!(
            lang,
            T::PreviewHeader,
            path = path.display(),
            format = imported.format.name(),
            encoding = imported.encoding.name(),
            goals = trn!(lang, common::P::Goals, preview.goals.len())
        )
    );
    for (goal, line) in preview.goals.iter().zip(&preview.lines) {
        let mut extra = Vec::new();
        if let Some(p) = &goal.perspective {
            extra.push(tr!(lang, T::PreviewPerspective, perspective = p));
        }
        if let Some(o) = &goal.owner {
            extra.push(tr!(lang, T::PreviewOwner, owner = o));
        }
        let extra = if extra.is_empty() { String::new() } else { format!("  ({})", extra.join("; ")) };
        println!("  {line:>4}  {}{extra}", goal.label());
    }
}

pub fn run(cli: &Cli, args: &ImportArgs, lang: Lang) -> anyhow::Result<i32> {
    let dir = super::workshop_arg::open(cli.dir.as_deref(), &args.workshop, lang).map_err(anyhow::Error::msg)?;
    let workshop = dir.load_workshop().map_err(|e| anyhow!(e.message(lang)))?;
    let mut imported = read_goals(&args.file, args.format, lang)?;
    imported.preview.flag_codes_in_use(&workshop.goals);
    print_preview(&args.file, &imported, lang);
    print_problems(&args.file, &imported, lang);
    let mut groups = Vec::new();
    for name in &args.group {
        match workshop.find_group(name) {
            Some(g) => groups.push(g.id),
            None => {
                eprintln!("{}", tr!(lang, T::UnknownGroup, name = name));
                return Ok(exit::FINDINGS);
            }
        }
    }
    if imported.preview.has_errors() {
        eprintln!("{}", tr!(lang, T::NothingImported));
        return Ok(exit::FINDINGS);
    }
    if args.dry_run {
        println!("{}", tr!(lang, T::DryRun));
        return Ok(exit::OK);
    }
    // Re-read right before writing so a change made meanwhile is kept.
    let n = imported.preview.goals.len();
    let new_ids: Vec<_> = imported.preview.goals.iter().map(|g| g.id).collect();
    let (fresh, _) = super::timer::update_workshop(&dir, |fresh| {
        fresh.goals.extend(imported.preview.goals.iter().cloned());
        for group in fresh.groups.iter_mut().filter(|g| groups.contains(&g.id)) {
            group.goals.extend(new_ids.iter().copied());
        }
        true
    })
    .map_err(|e| anyhow!(e.message(lang)))?;
    println!("{}", tr!(lang, T::Imported, goals = trn!(lang, common::P::Goals, n), title = fresh.title));
    if groups.is_empty() {
        println!("{}", tr!(lang, T::ImportedUnassigned));
    }
    Ok(exit::OK)
}
