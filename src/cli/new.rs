//! `malverkstad new TITLE --goals FILE --groups N|"A,B"`.

use std::path::PathBuf;

use anyhow::{anyhow, bail};
use clap::Args;

use super::{exit, Cli};
use crate::domain::{import, model::new_id, slug, text::normalize, Group, Workshop};
use crate::i18n::{cli::T, Lang};
use crate::store;
use crate::tr;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Workshopens titel / The workshop's title
    pub title: String,
    /// Fil med mål, ett per rad / File of goals, one per line
    #[arg(long, value_name = "FILE")]
    pub goals: PathBuf,
    /// Antal grupper eller namn: 4 eller "Grupp A,Grupp B" / Number of groups or names
    #[arg(long, default_value = "4")]
    pub groups: String,
    /// Kommun eller organisation / Municipality or organisation
    #[arg(long, default_value = "")]
    pub org: String,
    /// Plan, t.ex. "BSP 2027–2029" / Plan name
    #[arg(long, default_value = "")]
    pub plan: String,
    /// Datum ÅÅÅÅ-MM-DD / Date YYYY-MM-DD
    #[arg(long)]
    pub date: Option<String>,
}

/// Group names from `--groups`: a count or a comma-separated list.
pub fn group_names(spec: &str, lang: Lang) -> anyhow::Result<Vec<String>> {
    let spec = spec.trim();
    if let Ok(n) = spec.parse::<usize>() {
        if !(1..=50).contains(&n) {
            bail!(tr!(lang, T::BadGroups));
        }
        return Ok((1..=n).map(|i| tr!(lang, T::GroupDefaultName, n = i)).collect());
    }
    let names: Vec<String> = spec.split(',').map(|s| normalize(s.trim())).filter(|s| !s.is_empty()).collect();
    if names.is_empty() || names.len() > 50 {
        bail!(tr!(lang, T::BadGroups));
    }
    for (i, name) in names.iter().enumerate() {
        if names[..i].iter().any(|n| n.to_lowercase() == name.to_lowercase()) {
            bail!(tr!(lang, T::DuplicateGroupName, name = name));
        }
    }
    Ok(names)
}

/// Groups with unique slugs for the given names.
pub fn make_groups(names: &[String]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for name in names {
        let slug = slug::unique_slug(name, "grupp", groups.iter().map(|g| g.slug.as_str()));
        groups.push(Group { id: new_id(), name: name.clone(), slug, goals: Vec::new() });
    }
    groups
}

pub fn run(cli: &Cli, args: &NewArgs, lang: Lang) -> anyhow::Result<i32> {
    let title = normalize(args.title.trim());
    if title.is_empty() {
        bail!(tr!(lang, T::EmptyTitle));
    }
    // An unreadable goal list is unreadable input: exit 2, like `check`.
    let bytes = match store::codec::read_capped(&args.goals) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            return Ok(exit::UNREADABLE);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            eprintln!("{}", store::StoreError::NotUtf8 { path: args.goals.clone(), offset }.message(lang));
            return Ok(exit::UNREADABLE);
        }
    };
    let preview = import::text::parse(&text);
    for p in &preview.problems {
        eprintln!(
            "{}",
            tr!(lang, T::GoalsFileProblem, path = args.goals.display(), line = p.line, problem = p.message(lang))
        );
    }
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
    println!("{}", tr!(lang, T::Created, title = w.title, goals = w.goals.len(), groups = w.groups.len()));
    println!("{}", dir.root.display());
    Ok(exit::OK)
}
