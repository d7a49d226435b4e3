//! `malverkstad template list | show NAME | save NAME --from WORKSHOP | delete NAME`:
//! named question sets in the user's config folder.

use std::path::PathBuf;

use anyhow::anyhow;
use clap::{Args, Subcommand};

use super::{exit, Cli};
use crate::domain::questions;
use crate::i18n::{common, facil::T, Lang};
use crate::store::templates::{TemplateError, Templates};
use crate::{tr, trn};

#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub action: TemplateAction,
}

#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Lista sparade frågemallar / List saved question templates
    List,
    /// Visa en mall / Show a template
    Show { name: String },
    /// Spara frågorna i en workshop som en mall / Save a workshop's questions as a template
    Save {
        name: String,
        /// Workshopmapp, mappnamn eller titel / Workshop folder, folder name or title
        #[arg(long, value_name = "WORKSHOP")]
        from: PathBuf,
        /// Skriv över en befintlig mall med samma namn / Replace an existing template of the same name
        #[arg(long)]
        force: bool,
    },
    /// Ta bort en mall / Delete a template
    Delete { name: String },
}

pub fn run(cli: &Cli, args: &TemplateArgs, lang: Lang) -> anyhow::Result<i32> {
    let store = Templates::user().map_err(|e| anyhow!(e.message(lang)))?;
    match &args.action {
        TemplateAction::List => {
            let list = store.list().map_err(|e| anyhow!(e.message(lang)))?;
            if list.is_empty() {
                println!("{}", tr!(lang, T::NoTemplates, dir = store.dir.display()));
            }
            for (path, t) in list {
                match t {
                    Ok(t) => println!("  {}  ({})", t.name, trn!(lang, common::P::Questions, t.questions.len())),
                    Err(e) => println!("  {}  {}", path.display(), e.message(lang)),
                }
            }
        }
        TemplateAction::Show { name } => {
            let t = store.load(name).map_err(|e| anyhow!(e.message(lang)))?;
            println!("{}", t.name);
            for (i, q) in t.questions.iter().enumerate() {
                println!("  {}. {}  [{}; {}]", i + 1, q.prompt.get(lang), questions::kind_label(q.kind, lang), q.key);
            }
        }
        TemplateAction::Save { name, from, force } => {
            let dir = super::workshop_arg::open(cli.dir.as_deref(), from, lang).map_err(anyhow::Error::msg)?;
            let w = dir.load_workshop().map_err(|e| anyhow!(e.message(lang)))?;
            let saved = if *force { store.save(name, &w.questions) } else { store.save_new(name, &w.questions) };
            let path = match saved {
                Ok(path) => path,
                Err(e @ TemplateError::Exists(_)) => {
                    eprintln!("{} {}", e.message(lang), tr!(lang, T::TemplateForceHint));
                    return Ok(exit::FINDINGS);
                }
                Err(e) => return Err(anyhow!(e.message(lang))),
            };
            println!("{}", tr!(lang, T::TemplateSaved, name = name.trim(), path = path.display()));
        }
        TemplateAction::Delete { name } => {
            store.load(name).map_err(|e| anyhow!(e.message(lang)))?;
            store.delete(name).map_err(|e| anyhow!(e.message(lang)))?;
            println!("{}", tr!(lang, T::TemplateDeleted, name = name.trim()));
        }
    }
    Ok(exit::OK)
}
