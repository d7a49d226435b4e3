//! `malverkstad merge WORKSHOP [FILES…] [-o FILE] [--strict]`: merge the
//! groups' files into the outline and print a summary.
//!
//! Every input must be readable: an unreadable file is named and the merge
//! refused (exit 2) before anything is written, since merging without it
//! would silently leave a group's work out.

use std::path::PathBuf;

use clap::Args;

use super::{exit, Cli};
use crate::domain::merge::{self, summarize};
use crate::i18n::{
    merge::{P, T},
    Lang,
};
use crate::store::outline::{self as store_outline};
use crate::{tr, trn};

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Workshopmapp, mappnamn eller titel / Workshop folder, folder name or title
    pub workshop: PathBuf,
    /// Gruppfiler eller sammanställningar (standard: alla i groups/) / Group files or outlines (default: all in groups/)
    pub files: Vec<PathBuf>,
    /// Skriv hit (standard: outline.ron i workshopmappen) / Write here (default: outline.ron in the workshop folder)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Avsluta med kod 1 vid olösta konflikter / Exit with code 1 on unresolved conflicts
    #[arg(long)]
    pub strict: bool,
}

pub fn run(cli: &Cli, args: &MergeArgs, lang: Lang) -> i32 {
    let fail = |msg: String| {
        eprintln!("{msg}");
        exit::UNREADABLE
    };
    let dir = match super::workshop_arg::open(cli.dir.as_deref(), &args.workshop, lang) {
        Ok(d) => d,
        Err(message) => return fail(message),
    };
    let workshop = match dir.load_workshop() {
        Ok(w) => w,
        Err(e) => return fail(e.message(lang)),
    };
    let paths = if args.files.is_empty() {
        match dir.group_files() {
            Ok(p) => p,
            Err(e) => return fail(e.message(lang)),
        }
    } else {
        args.files.clone()
    };
    let (files, unreadable) = store_outline::read_merge_files(&paths);
    if !unreadable.is_empty() {
        for e in &unreadable {
            eprintln!("{}", e.message(lang));
        }
        return fail(trn!(lang, P::Refused, unreadable.len()));
    }
    let output = args.output.clone().unwrap_or_else(|| dir.outline_path());
    let previous = match store_outline::load(&output) {
        Ok(p) => p,
        Err(e) => return fail(format!("{}\n{}", e.message(lang), tr!(lang, T::PreviousUnreadable))),
    };
    let inputs = store_outline::merge_inputs(&files);
    let outline = match merge::merge(&workshop, &inputs, previous.as_ref()) {
        Ok(o) => o,
        Err(e) => return fail(format!("{}\n{}", e.message(lang), trn!(lang, P::Refused, 1))),
    };
    if let Err(e) = store_outline::save(&output, &outline) {
        return fail(e.message(lang));
    }
    let s = summarize(&outline);
    println!("{}", trn!(lang, P::Merged, files.len(), path = output.display()));
    println!("  {}", tr!(lang, T::SummaryGoals, n = s.goals));
    println!("  {}", tr!(lang, T::SummaryItems, n = s.items));
    println!("  {}", tr!(lang, T::SummaryFolded, n = s.folded));
    println!("  {}", tr!(lang, T::SummaryPossibleDuplicates, n = s.possible_duplicates));
    println!("  {}", tr!(lang, T::SummaryConflicts, n = s.conflicts.len()));
    if s.accepted + s.dropped + s.changed_after_decision > 0 {
        println!(
            "  {}",
            tr!(
                lang,
                T::SummaryDecisions,
                accepted = s.accepted,
                dropped = s.dropped,
                changed = s.changed_after_decision
            )
        );
    }
    for c in &s.conflicts {
        let files = if c.files.is_empty() { String::new() } else { format!(" ({})", c.files.join(", ")) };
        println!("  {}", tr!(lang, T::ConflictLine, goal = c.goal, what = c.what, files = files));
    }
    if args.strict && !s.conflicts.is_empty() {
        eprintln!("{}", trn!(lang, P::StrictConflicts, s.conflicts.len()));
        return exit::FINDINGS;
    }
    exit::OK
}
