//! `malverkstad new TITLE --goals FILE --groups N|"A,B"`.

use std::path::PathBuf;

use anyhow::{anyhow, bail};
use clap::Args;

use super::{exit, Cli};
use crate::domain::{import, setup, text::normalize, Group, Workshop};
use crate::i18n::{cli::T, common, Lang};
use crate::store;
use crate::{tr, trn};

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Workshopens titel / The workshop's title
    pub title: String,
    /// Fil med mål (txt, md, csv, ron) / File of goals (txt, md, csv, ron)
    #[arg(long, value_name = "FILE")]
    pub goals: PathBuf,
    /// Målfilens format (annars från filändelse och innehåll) / The goal file's format (else from extension and content)
    #[arg(long, value_name = "txt|md|csv|ron", value_parser = super::import::parse_format)]
    pub format: Option<import::Format>,
    /// Antal grupper eller namn: 4 eller "Grupp A,Grupp B" / Number of groups or names
    #[arg(long, default_value = "4")]
    pub groups: String,
    /// Kommun eller organisation / Municipality or organisation
    #[arg(long, default_value = "")]
    pub org: String,
    /// Plan, t.ex. "BSP 2027–2029" / Plan name
    #[arg(long, default_value = "")]
    pub plan: String,
    /// Frågor från en sparad mall / Questions from a saved template
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// Datum ÅÅÅÅ-MM-DD / Date YYYY-MM-DD
    #[arg(long)]
    pub date: Option<String>,
}

/// Group names from `--groups`: a count or a comma-separated list.
pub fn group_names(spec: &str, lang: Lang) -> anyhow::Result<Vec<String>> {
    let spec = spec.trim();
    let names = match spec.parse::<usize>() {
        Ok(n) => setup::default_group_names(n, lang),
        Err(_) => setup::check_group_names(&spec.split(',').map(String::from).collect::<Vec<_>>()),
    };
    names.map_err(|e| match e {
        setup::SetupError::DuplicateGroupName(name) => anyhow!(tr!(lang, T::DuplicateGroupName, name = name)),
        _ => anyhow!(tr!(lang, T::BadGroups)),
    })
}

/// Groups with unique slugs for the given names.
pub fn make_groups(names: &[String]) -> Vec<Group> {
    setup::make_groups(names)
}

pub fn run(cli: &Cli, args: &NewArgs, lang: Lang) -> anyhow::Result<i32> {
    let title = normalize(args.title.trim());
    if title.is_empty() {
        bail!(tr!(lang, T::EmptyTitle));
    }
    // An unreadable goal list (missing, too large) is unreadable input: exit 2, like `check`.
    let imported = match super::import::read_goals(&args.goals, args.format, lang) {
        Ok(imported) => imported,
        Err(e) => {
            eprintln!("{e:#}");
            return Ok(exit::UNREADABLE);
        }
    };
    super::import::print_problems(&args.goals, &imported, lang);
    let preview = imported.preview;
    if preview.has_errors() {
        return Ok(exit::FINDINGS);
    }
    if preview.goals.is_empty() {
        eprintln!("{}", tr!(lang, T::NoGoalsInFile, path = args.goals.display()));
        return Ok(exit::FINDINGS);
    }
    let mut w = Workshop::new(title);
    w.organisation = normalize(&args.org);
    w.plan = normalize(&args.plan);
    w.language = lang;
    if let Some(d) = &args.date {
        w.date = Some(
            chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                .map_err(|_| anyhow!(tr!(lang, T::BadDate, date = d)))?,
        );
    }
    if let Some(name) = &args.template {
        let store = store::templates::Templates::user().map_err(|e| anyhow!(e.message(lang)))?;
        w.questions = store.load(name).map_err(|e| anyhow!(e.message(lang)))?.questions;
    }
    w.goals = preview.goals;
    w.groups = make_groups(&group_names(&args.groups, lang)?);
    w.assign_evenly_in_order();
    let sessions = store::sessions_dir(cli.dir.as_deref()).map_err(|e| anyhow!(e.message(lang)))?;
    // The same title twice is almost always `new` run twice by mistake: refuse
    // and name the existing folder. A different title whose folder name is
    // taken gets a suffix (`-2`) instead; an existing folder is never reused.
    let same_title = |other: &Workshop| other.title.trim().to_lowercase() == w.title.to_lowercase();
    if let Some(existing) = store::list_workshops(&sessions, lang)
        .map_err(|e| anyhow!(e.message(lang)))?
        .into_iter()
        .find(|s| s.workshop.as_ref().is_ok_and(same_title))
    {
        bail!(tr!(lang, T::TitleExists, title = w.title, path = existing.dir.display()));
    }
    let dir = store::create_workshop(&sessions, &w).map_err(|e| anyhow!(e.message(lang)))?;
    let goals = trn!(lang, common::P::Goals, w.goals.len());
    let groups = trn!(lang, common::P::Groups, w.groups.len());
    println!("{}", tr!(lang, T::Created, title = w.title, goals = goals, groups = groups));
    println!("{}", dir.root.display());
    Ok(exit::OK)
}
