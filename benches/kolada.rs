//! The Kolada suggestion search (issue #20). `cargo bench --bench kolada`.
//!
//! `kolada::suggest` runs on every keystroke of the indicator form, so it is
//! timed on a generated catalogue of 6,000 KPIs with Swedish titles (Kolada's
//! size): the one-time preparation of a loaded catalogue, the median CPU time
//! per query of several kinds (an id prefix, one word, words with å ä ö, a
//! single letter, no match), then criterion's report.

#[path = "common/clock.rs"]
mod clock;

use std::hint::black_box;

use clock::{median, thread_cpu};
use criterion::Criterion;
use malverkstad::kolada::{suggest, Catalogue, Kpi};

const KPIS: usize = 6_000;
const ROUNDS: usize = 41;
const LIMIT: usize = 10;

const QUERIES: [&str; 6] = ["N155", "meritvärde", "meritvarde ak 9", "nöjda invånare", "m", "zzzqqq"];

/// 6,000 KPIs whose titles are built from the words Kolada's titles use.
fn catalogue() -> Catalogue {
    let subjects = [
        "Meritvärde",
        "Elever",
        "Invånare",
        "Brukare",
        "Väntetid",
        "Kostnad",
        "Andel",
        "Personal",
        "Barn",
        "Äldre",
        "Nöjd-Kund-Index",
        "Föräldrar",
        "Ungdomar",
        "Företag",
        "Hushåll",
    ];
    let middles = [
        "i åk 9",
        "i förskola",
        "inom hemtjänsten",
        "i särskilt boende",
        "med försörjningsstöd",
        "i gymnasieskolan",
        "som är nöjda med",
        "per invånare",
        "inom äldreomsorgen",
        "i grundskolan",
        "med behörighet till",
        "som upplever trygghet i",
        "inom LSS",
        "i kommunal regi",
        "i fristående regi",
        "på biblioteket",
    ];
    let tails = [
        "genomsnitt (17 ämnen)",
        "andel (%)",
        "kr/invånare",
        "antal",
        "dagar",
        "kommunens service",
        "yrkesprogram",
        "totalt",
        "kvinnor",
        "män",
        "hemkommun",
        "lägeskommun",
        "medelvärde",
        "median",
        "index",
        "2020–",
        "exkl. nyinvandrade",
        "inkl. okänd bakgrund",
        "vägd",
        "ovägd",
        "skillnad mot modellberäknat värde",
        "ej justerat",
        "justerat",
    ];
    let kinds = ["K", "L", "A"];
    let kpis = (0..KPIS)
        .map(|n| Kpi {
            id: format!("{}{:05}", ['N', 'U', 'L'][n % 3], 10_000 + n * 7),
            title: format!(
                "{} {} {}",
                subjects[n % subjects.len()],
                middles[(n / subjects.len()) % middles.len()],
                tails[(n / 7) % tails.len()]
            ),
            municipality_type: kinds[n % 3].into(),
            ..Kpi::default()
        })
        .collect();
    Catalogue::new("bench", kpis)
}

fn main() {
    // What loading the catalogue adds once (the titles made ready for the matcher).
    let mut prepare = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let fresh = catalogue();
        let start = thread_cpu();
        fresh.prepare_search();
        prepare.push(thread_cpu() - start);
    }
    println!("prepare_search, once per catalogue: {:.3} ms (median)", median(&mut prepare).as_secs_f64() * 1e3);
    let c = catalogue();
    c.prepare_search();
    println!("kolada::suggest over {KPIS} KPIs, limit {LIMIT}: median CPU time per query ({ROUNDS} rounds)");
    for query in QUERIES {
        let mut times = Vec::with_capacity(ROUNDS);
        let mut found = 0;
        for _ in 0..ROUNDS {
            let start = thread_cpu();
            found = black_box(suggest(black_box(&c), black_box(query), LIMIT)).len();
            times.push(thread_cpu() - start);
        }
        println!("  {query:<18} {:>9.3} ms  ({found} shown)", median(&mut times).as_secs_f64() * 1e3);
    }
    let mut criterion = Criterion::default().configure_from_args().sample_size(20);
    let mut group = criterion.benchmark_group("kolada_suggest");
    for query in QUERIES {
        group.bench_function(query, |b| b.iter(|| suggest(black_box(&c), black_box(query), LIMIT)));
    }
    group.finish();
    criterion.final_summary();
}
