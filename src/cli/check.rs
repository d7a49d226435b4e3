//! `malverkstad check PATH`: parse, schema and references.

use std::path::{Path, PathBuf};

use clap::Args;

use super::check_target::{classify, workshop_of, Target};
use super::exit;
use crate::domain::{validate, GroupFile, Workshop};
use crate::i18n::{cli::T, Lang};
use crate::store::{codec, StoreError};
use crate::tr;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Workshopmapp, workshop.ron eller en gruppfil / Workshop folder, workshop.ron or a group file
    pub path: PathBuf,
    // `--quality`, `--min`, `--words`: the goal-quality check (check_quality.rs).
    #[command(flatten)]
    pub quality: super::check_quality::QualityArgs,
}

/// The reference check, then the quality check when asked for. The worse
/// exit code wins (unreadable 2 > findings 1 > ok 0).
pub fn run(args: &CheckArgs, lang: Lang) -> i32 {
    let code = run_references(args, lang);
    if !args.quality.enabled() || code == exit::UNREADABLE {
        return code;
    }
    code.max(super::check_quality::run(&args.path, &args.quality, lang))
}

fn run_references(args: &CheckArgs, lang: Lang) -> i32 {
    let mut errors = 0usize;
    let mut report = |path: &Path, msg: String, warning: bool| {
        let label = if warning { T::Warning } else { T::Error };
        if !warning {
            errors += 1;
        }
        println!("{}: {}: {msg}", path.display(), tr!(lang, label));
    };
    let target = match classify(&args.path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            return exit::UNREADABLE;
        }
    };
    let (dir, only_file) = match target {
        Target::Workshop(dir) => (Some(dir), None),
        Target::GroupFile(path) => (workshop_of(&path), Some(path)),
    };
    // Diagnostics about files go to stdout, one per line, starting with the
    // file (and line:col for parse errors); the exit code sums them up.
    let mut unreadable = false;
    let workshop: Option<Workshop> = match &dir {
        Some(dir) => match dir.load_workshop() {
            Ok(w) => Some(w),
            Err(e) => {
                // Keep going: the group files can still be parsed on their own.
                unreadable = true;
                println!("{}", e.message(lang));
                None
            }
        },
        None => None,
    };
    let files = match (&only_file, &dir) {
        (Some(f), _) => vec![f.clone()],
        (None, Some(dir)) => match dir.group_files() {
            Ok(files) => files,
            Err(e) => {
                eprintln!("{}", e.message(lang));
                return exit::UNREADABLE;
            }
        },
        (None, None) => Vec::new(),
    };
    if let (Some(w), None, Some(dir)) = (&workshop, &only_file, &dir) {
        for f in validate::check_workshop(w) {
            report(&dir.workshop_path(), f.message(lang), f.is_warning());
        }
    }
    for path in &files {
        match codec::read_file::<GroupFile>(path) {
            Ok(gf) => {
                if let Some(w) = &workshop {
                    for f in validate::check_group_file(w, &gf) {
                        report(path, f.message(lang), f.is_warning());
                    }
                }
            }
            // A lone file that is not a group file may be a copy of a
            // workshop file (`workshop (1).ron`, a .bak): check it as one.
            Err(e @ StoreError::Parse { .. }) if only_file.is_some() => match codec::read_file::<Workshop>(path) {
                Ok(w) => {
                    for f in validate::check_workshop(&w) {
                        report(path, f.message(lang), f.is_warning());
                    }
                }
                Err(_) => {
                    unreadable = true;
                    println!("{}", e.message(lang));
                }
            },
            Err(e) => {
                unreadable = true;
                println!("{}", e.message(lang));
            }
        }
    }
    if unreadable {
        return exit::UNREADABLE;
    }
    if errors > 0 {
        println!("{}", tr!(lang, T::CheckFindings, n = errors));
        exit::FINDINGS
    } else {
        println!("{}", tr!(lang, T::CheckOk, path = args.path.display()));
        exit::OK
    }
}
