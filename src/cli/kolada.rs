//! `malverkstad kolada sync|search|baseline`: Kolada's KPI catalogue on the
//! command line (issue #20).

use std::io::Write;
use std::path::PathBuf;

use chrono::Datelike;
use clap::{Args, Subcommand};

use super::exit;
use crate::domain::model::GroupFile;
use crate::i18n::{kolada::T, Lang};
use crate::kolada::{self, baseline, client, Catalogue, Client, KoladaError};
use crate::store::{lock::GroupLock, StoreError, WorkshopDir};
use crate::tr;

#[derive(Debug, Args)]
pub struct KoladaArgs {
    #[command(subcommand)]
    pub command: KoladaCommand,
}

#[derive(Debug, Subcommand)]
pub enum KoladaCommand {
    /// Hämta Kolada-katalogen (eller importera en fil) / Fetch Kolada's catalogue (or import a file)
    Sync {
        /// Importera en katalog sparad med --save (eller en sida från Kolada v3) / Import a catalogue saved with --save (or a Kolada v3 page)
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// Skriv katalogen också till FILE / Also write the catalogue to FILE
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
    },
    /// Sök KPI:er på id eller ord / Search KPIs by id or words
    Search {
        #[arg(required = true, value_name = "WORDS")]
        words: Vec<String>,
        /// Högst så många träffar / At most this many matches
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Fyll tomma utgångsvärden från Kolada / Fill empty baselines from Kolada
    Baseline {
        /// Workshopmapp eller workshop.ron / Workshop folder or workshop.ron
        workshop: PathBuf,
        /// Kommunkod, t.ex. 0180 / Municipality code, e.g. 0180
        #[arg(long, value_name = "CODE")]
        municipality: String,
        /// Spara ändringarna (annars visas de bara) / Save the changes (else they are only shown)
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(args: &KoladaArgs, lang: Lang) -> i32 {
    let result = match &args.command {
        KoladaCommand::Sync { from, save } => sync(from.as_ref(), save.as_ref(), lang),
        KoladaCommand::Search { words, limit } => search(&words.join(" "), *limit, lang),
        KoladaCommand::Baseline { workshop, municipality, yes } => run_baseline(workshop, municipality, *yes, lang),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            exit::FINDINGS
        }
    }
}

/// Fetch (or import) the catalogue and save it; the existing one is only
/// replaced once the new one is complete.
fn sync(from: Option<&PathBuf>, save: Option<&PathBuf>, lang: Lang) -> Result<i32, KoladaError> {
    let catalogue = match from {
        // A missing --from file is a file that cannot be read, not a missing catalogue.
        Some(file) => kolada::read_catalogue(file).map_err(|e| match e {
            KoladaError::NoCatalogue { path } => {
                let error = std::io::Error::from(std::io::ErrorKind::NotFound).to_string();
                KoladaError::Read { path, error }
            }
            e => e,
        })?,
        None => {
            let client = Client::from_env();
            let mut stderr = std::io::stderr();
            let kpis = client.catalogue(&mut |page, fetched, total| {
                let line = match total {
                    Some(total) => tr!(
                        lang,
                        T::Progress,
                        page = page,
                        fetched = thousands(fetched as u64),
                        total = thousands(total)
                    ),
                    None => tr!(lang, T::ProgressNoTotal, page = page, fetched = thousands(fetched as u64)),
                };
                let _ = writeln!(stderr, "{line}");
            })?;
            Catalogue::new(client.catalogue_url(), kpis)
        }
    };
    if catalogue.kpis.is_empty() {
        return Err(KoladaError::Empty);
    }
    let path = kolada::save(&catalogue)?;
    let source = catalogue.source.clone();
    println!(
        "{}",
        tr!(lang, T::Synced, n = thousands(catalogue.kpis.len() as u64), source = source, path = path.display())
    );
    if let Some(file) = save {
        kolada::write_catalogue(file, &catalogue)?;
        println!("{}", tr!(lang, T::SavedCopy, n = thousands(catalogue.kpis.len() as u64), path = file.display()));
    }
    Ok(exit::OK)
}

fn search(query: &str, limit: usize, lang: Lang) -> Result<i32, KoladaError> {
    let catalogue = kolada::load()?;
    let matches = kolada::suggest(&catalogue, query, limit);
    if matches.is_empty() {
        println!("{}", tr!(lang, T::NoMatches, query = query));
        return Ok(exit::FINDINGS);
    }
    for m in &matches {
        println!("{:<8} {}", m.kpi.id, m.kpi.title);
    }
    let date = catalogue.fetched.format("%Y-%m-%d");
    eprintln!("{}", tr!(lang, T::CatalogueDate, date = date, n = thousands(catalogue.kpis.len() as u64)));
    Ok(exit::OK)
}

/// The latest total Kolada has for a KPI: `(year, value)`.
type Latest = Option<(i32, f64)>;

/// One fill-in to make in a group's file.
struct Fill {
    goal: uuid::Uuid,
    indicator: uuid::Uuid,
    value: String,
    year: i32,
}

fn run_baseline(path: &std::path::Path, municipality: &str, yes: bool, lang: Lang) -> Result<i32, KoladaError> {
    let municipality = municipality.trim();
    if municipality.len() != 4 || !municipality.bytes().all(|b| b.is_ascii_digit()) {
        eprintln!("{}", tr!(lang, T::BadMunicipality, code = municipality));
        return Ok(exit::UNREADABLE);
    }
    let store_err = |e: StoreError| {
        eprintln!("{}", e.message(lang));
        exit::UNREADABLE
    };
    let dir = match WorkshopDir::open(path) {
        Ok(d) => d,
        Err(e) => return Ok(store_err(e)),
    };
    let workshop = match dir.load_workshop() {
        Ok(w) => w,
        Err(e) => return Ok(store_err(e)),
    };
    let client = Client::from_env();
    let this_year = chrono::Local::now().year();
    // Kolada is asked once per KPI and year set, however many groups use it.
    let mut cache: std::collections::HashMap<(String, Vec<i32>), Latest> = Default::default();
    let mut any_candidate = false;
    let mut trouble = false;
    let mut plans: Vec<(usize, Vec<Fill>)> = Vec::new();
    for (n, group) in workshop.groups.iter().enumerate() {
        let file = match dir.load_group(group) {
            Ok(Some(f)) => f,
            Ok(None) => continue,
            Err(e) => {
                eprintln!("{}", tr!(lang, T::GroupError, group = group.name, error = e.message(lang)));
                trouble = true;
                continue;
            }
        };
        let mut fills = Vec::new();
        for c in baseline::candidates(&file) {
            any_candidate = true;
            let (name, kpi) = (&c.name, &c.kpi);
            if c.is_filled() {
                let value = c.baseline.value.trim();
                println!(
                    "{}",
                    tr!(lang, T::AlreadyFilled, group = group.name, indicator = name, kpi = kpi, value = value)
                );
                continue;
            }
            let typed = c.typed_year();
            let years = match typed {
                Some(y) => vec![y],
                None => baseline::years(this_year, None),
            };
            let key = (kpi.clone(), years.clone());
            let latest = match cache.get(&key) {
                Some(v) => *v,
                None => match client.data(kpi, municipality, &years) {
                    Ok(points) => *cache.entry(key).or_insert(client::latest_total(&points)),
                    // No network: every further request would fail the same way.
                    Err(e @ (KoladaError::Offline { .. } | KoladaError::Timeout { .. })) => return Err(e),
                    Err(e) => {
                        let error = e.message(lang);
                        eprintln!(
                            "{}",
                            tr!(lang, T::FetchFailed, group = group.name, indicator = name, kpi = kpi, error = error)
                        );
                        trouble = true;
                        continue;
                    }
                },
            };
            let Some((year, value)) = latest else {
                println!(
                    "{}",
                    tr!(lang, T::NoValue, group = group.name, indicator = name, kpi = kpi, municipality = municipality)
                );
                continue;
            };
            let value = baseline::format_value(value, workshop.language);
            println!(
                "{}",
                tr!(lang, T::Proposal, group = group.name, indicator = name, kpi = kpi, value = value, year = year)
            );
            fills.push(Fill { goal: c.goal, indicator: c.indicator, value, year });
        }
        if !fills.is_empty() {
            plans.push((n, fills));
        }
    }
    if !any_candidate {
        println!("{}", tr!(lang, T::NoKoladaIndicators));
        return Ok(exit::OK);
    }
    let total: usize = plans.iter().map(|(_, f)| f.len()).sum();
    if total == 0 {
        println!("{}", tr!(lang, T::NothingToFill));
    } else if !yes {
        println!("{}", tr!(lang, T::DryRun, n = total));
    } else {
        for (n, fills) in &plans {
            trouble |= !apply(&dir, &workshop.groups[*n], fills, lang);
        }
    }
    Ok(if trouble { exit::FINDINGS } else { exit::OK })
}

/// Write one group's fill-ins under its lock: a file open in a terminal is
/// skipped, and the file is read again under the lock so that only fields
/// still empty are filled. Returns false when the group was skipped.
fn apply(dir: &WorkshopDir, group: &crate::domain::Group, fills: &[Fill], lang: Lang) -> bool {
    let file_path = dir.group_path(group);
    let _lock = match GroupLock::acquire(&file_path) {
        Ok(lock) => lock,
        Err(StoreError::Locked { host, pid, .. }) => {
            eprintln!("{}", tr!(lang, T::GroupLocked, group = group.name, host = host, pid = pid));
            return false;
        }
        Err(e) => {
            eprintln!("{}", tr!(lang, T::GroupError, group = group.name, error = e.message(lang)));
            return false;
        }
    };
    let mut file: GroupFile = match dir.load_group(group) {
        Ok(Some(f)) => f,
        Ok(None) => return true,
        Err(e) => {
            eprintln!("{}", tr!(lang, T::GroupError, group = group.name, error = e.message(lang)));
            return false;
        }
    };
    let filled = fills.iter().filter(|f| baseline::fill(&mut file, f.goal, f.indicator, &f.value, f.year)).count();
    if filled == 0 {
        return true;
    }
    file.saved_at = Some(chrono::Utc::now());
    match dir.save_group(group, &file) {
        Ok(()) => {
            println!("{}", tr!(lang, T::Filled, n = filled, group = group.name));
            true
        }
        Err(e) => {
            eprintln!("{}", tr!(lang, T::GroupError, group = group.name, error = e.message(lang)));
            false
        }
    }
}

/// 6123 -> "6 123" (a space between thousands, as Swedish writes it).
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
