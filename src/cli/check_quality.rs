//! `malverkstad check WORKSHOP --quality [--min SCORE] [--words FILE]`: the
//! goal-quality check per goal and group, with scores. Groups answer
//! separately, so each group's answers for a goal get their own report; a
//! goal's score is its best group's score (the material the plenary has).

use std::path::{Path, PathBuf};

use clap::Args;

use super::check_target::{classify, workshop_of, Target};
use super::exit;
use crate::domain::quality::{self, badge, badge_long, Finding, GoalReport, Part, Severity, WordLists};
use crate::domain::{Goal, Group, GroupFile, Workshop};
use crate::i18n::{quality::T, Lang};
use crate::store::{codec, words, WorkshopDir};
use crate::tr;

#[derive(Debug, Default, Args)]
pub struct QualityArgs {
    /// Kontrollera också målens kvalitet (utvärderingsbarhet) / Also check the goals' quality (evaluability)
    #[arg(long)]
    pub quality: bool,
    /// Avsluta med kod 1 om något mål får under SCORE (0–100); innebär --quality / Exit 1 when a goal scores below SCORE (0–100); implies --quality
    #[arg(long, value_name = "SCORE", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min: Option<u8>,
    /// Egen ordlista ovanpå standardlistorna; innebär --quality / Own word list on top of the defaults; implies --quality
    #[arg(long, value_name = "FILE")]
    pub words: Option<PathBuf>,
}

impl QualityArgs {
    pub fn enabled(&self) -> bool {
        self.quality || self.min.is_some() || self.words.is_some()
    }
}

/// The word lists of `store::words` (the shipped ones, the user's config
/// file, then `explicit`) with Kolada's KPI ids when a catalogue has been
/// fetched. The error is the message to print.
pub(super) fn load_word_lists(explicit: Option<&Path>, lang: Lang) -> Result<WordLists, String> {
    let words = words::load_word_lists(explicit).map_err(|e| e.message(lang))?;
    // Kolada's catalogue, when one was fetched, for the Kolada-id findings.
    let kolada = crate::kolada::load_if_present().map(|c| crate::kolada::index(&c));
    Ok(words.with_kolada(kolada))
}

/// One group's answers, as far as they could be read.
struct GroupAnswers<'a> {
    name: String,
    /// The group in the workshop, when known (a lone file may name another).
    group: Option<&'a Group>,
    /// `None` when the group has saved nothing yet.
    file: Option<GroupFile>,
}

impl GroupAnswers<'_> {
    fn works_on(&self, goal: &Goal) -> bool {
        match self.group {
            Some(g) => g.goals.contains(&goal.id),
            None => self.file.as_ref().is_some_and(|f| f.goals.contains_key(&goal.id)),
        }
    }
}

fn print_findings<'a>(findings: impl Iterator<Item = &'a Finding>, indent: &str, lang: Lang) {
    for f in findings {
        println!("{indent}{} {} [{}] {}", f.severity.symbol(), f.severity.label(lang), f.code, f.message(lang));
        println!("{indent}  {}", tr!(lang, T::CliSuggestion, text = f.suggestion(lang)));
    }
}

/// One group's line and its findings. The goal wording's own findings are
/// the same for every group and are printed once under the goal instead.
fn print_report(name: &str, r: &GoalReport, lang: Lang) {
    let line = tr!(
        lang,
        T::CliGroup,
        group = name,
        badge = badge_long(r.score, lang),
        errors = r.count(Severity::Error),
        warnings = r.count(Severity::Warning),
        hints = r.count(Severity::Hint),
    );
    if !r.answered {
        // Nothing written: the findings would only list every question.
        println!("  {line} – {}", tr!(lang, T::CliNotStarted));
        return;
    }
    println!("  {line}");
    let own = || r.findings.iter().filter(|f| f.part != Part::Goal);
    if own().next().is_none() {
        println!("    {}", tr!(lang, T::CliNoFindings));
    }
    print_findings(own(), "    ", lang);
}

/// Run the quality check on a workshop folder, `workshop.ron` or one group
/// file. Returns the exit code: 2 when something could not be read, 1 when a
/// goal scored below `--min`, else 0.
pub fn run(path: &Path, args: &QualityArgs, lang: Lang) -> i32 {
    let words = match load_word_lists(args.words.as_deref(), lang) {
        Ok(w) => w,
        Err(msg) => {
            eprintln!("{msg}");
            return exit::UNREADABLE;
        }
    };
    let (dir, only_file) = match classify(path) {
        Ok(Target::Workshop(dir)) => (dir, None),
        Ok(Target::GroupFile(file)) => match workshop_of(&file) {
            Some(dir) => (dir, Some(file)),
            None => {
                eprintln!("{}", tr!(lang, T::CliNeedsWorkshop, path = path.display()));
                return exit::UNREADABLE;
            }
        },
        Err(e) => {
            eprintln!("{}", e.message(lang));
            return exit::UNREADABLE;
        }
    };
    let workshop = match dir.load_workshop() {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            return exit::UNREADABLE;
        }
    };
    let (groups, unreadable) = load_groups(&dir, &workshop, only_file.as_deref(), lang);
    let below = report(&workshop, &groups, only_file.is_some(), &words, args.min, lang);
    if unreadable {
        exit::UNREADABLE
    } else if below > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// Every group's answers (or just the one file's). Unreadable files are
/// reported and skipped; the flag says whether there was one.
fn load_groups<'w>(
    dir: &WorkshopDir,
    workshop: &'w Workshop,
    only_file: Option<&Path>,
    lang: Lang,
) -> (Vec<GroupAnswers<'w>>, bool) {
    let mut unreadable = false;
    let mut out = Vec::new();
    if let Some(path) = only_file {
        match codec::read_file::<GroupFile>(path) {
            Ok(file) => {
                let group = workshop.group(file.group);
                let name = group.map_or_else(|| file.group_name.clone(), |g| g.name.clone());
                out.push(GroupAnswers { name, group, file: Some(file) });
            }
            Err(e) => {
                unreadable = true;
                eprintln!("{}", tr!(lang, T::CliGroupFileError, group = path.display(), error = e.message(lang)));
            }
        }
        return (out, unreadable);
    }
    for group in &workshop.groups {
        match dir.load_group(group) {
            Ok(file) => out.push(GroupAnswers { name: group.name.clone(), group: Some(group), file }),
            Err(e) => {
                unreadable = true;
                eprintln!("{}", tr!(lang, T::CliGroupFileError, group = group.name, error = e.message(lang)));
            }
        }
    }
    (out, unreadable)
}

/// Print the reports; returns how many goals scored below `min`. With
/// `one_file`, only the goals of that file's group are reported.
fn report(
    workshop: &Workshop,
    groups: &[GroupAnswers<'_>],
    one_file: bool,
    words: &WordLists,
    min: Option<u8>,
    lang: Lang,
) -> usize {
    println!("{}", tr!(lang, T::CliHeader, title = workshop.title));
    // (goal, its score) for the overview at the end.
    let mut scores: Vec<(&Goal, u8)> = Vec::new();
    for goal in &workshop.goals {
        let working: Vec<&GroupAnswers<'_>> = groups.iter().filter(|g| g.works_on(goal)).collect();
        if working.is_empty() && one_file {
            // Checking one group's file: other groups' goals are not its business.
            continue;
        }
        println!();
        println!("{}", tr!(lang, T::CliGoal, label = goal.label()));
        let unanswered = quality::check_goal(workshop, goal, None, words);
        print_findings(unanswered.findings.iter().filter(|f| f.part == Part::Goal), "  ", lang);
        let goal_score = if working.is_empty() {
            println!("  {}", tr!(lang, T::CliNoGroup));
            unanswered.score
        } else {
            let mut best = 0;
            for g in &working {
                let r = quality::goal_report(workshop, g.file.as_ref(), goal, words);
                print_report(&g.name, &r, lang);
                best = best.max(r.score);
            }
            best
        };
        println!("  {}", tr!(lang, T::CliGoalScore, badge = badge_long(goal_score, lang)));
        scores.push((goal, goal_score));
    }
    println!();
    println!("{}", tr!(lang, T::CliOverview));
    for (goal, score) in &scores {
        let mut line = format!("  {}  {}", badge(*score), quality::short_label(&goal.label()));
        if let Some(m) = min.filter(|m| score < m) {
            line = format!("{line}  ← {}", tr!(lang, T::CliBelowMark, min = m));
        }
        println!("{line}");
    }
    let lowest = scores.iter().map(|(_, s)| *s).min();
    let below = scores.iter().filter(|(_, s)| min.is_some_and(|m| *s < m)).count();
    println!();
    println!("{}", tr!(lang, T::CliSummary, goals = scores.len(), lowest = lowest.unwrap_or(100)));
    if let Some(m) = min {
        if below > 0 {
            println!("{}", tr!(lang, T::CliBelowMin, n = below, min = m));
        } else {
            println!("{}", tr!(lang, T::CliAllAboveMin, min = m));
        }
    }
    below
}
