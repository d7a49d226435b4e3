//! No text of the groups becomes a live link: the Markdown under a
//! GitHub-flavoured renderer that links bare URLs and e-mail addresses
//! (comrak with its autolink extension), and the CSV's negative numbers
//! left as numbers while formulas are defused.

use super::*;

/// Texts that GFM's autolinker would link if they were left as they are.
const URLS: [&str; 6] = [
    "https://example.com/a?b=c",
    "http://kommun.se",
    "www.kolada.se/N15428",
    "www.Example.org",
    "registrator@kommun.se",
    "Se https://x.se, www.y.se och a@b.se.",
];

fn gfm(md: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    options.extension.table = true;
    options.extension.strikethrough = true;
    comrak::markdown_to_html(md, &options)
}

#[test]
fn bare_urls_stay_text_under_a_gfm_autolinker() {
    // The check itself: comrak links these when they are not escaped.
    for url in URLS {
        assert!(gfm(url).contains("<a "), "comrak links {url}");
    }
    let mut doc = fixed_document();
    doc.goals[0].effects[0].text = URLS.join("\n").into();
    doc.goals[0].indicators[0].source = URLS[0].into();
    doc.goals[0].indicators[0].definition = URLS[5].into();
    doc.goals[0].subgoals[0].text = URLS[2].into();
    let md = export::markdown::render(&doc);
    let html = gfm(&md);
    assert!(!html.contains("<a "), "a live link: {}", &html[html.find("<a ").unwrap()..][..120]);
    let text = read_xml(&format!("<r>{}</r>", html.replace("<br>", "<br/>").replace("<hr>", "<hr/>")), &[], &[]).text;
    for url in URLS {
        assert!(squash(&text).contains(&squash(url)), "{url} shown as typed");
    }
}

#[test]
fn negative_numbers_in_the_csv_are_numbers_and_formulas_are_defused() {
    let mut doc = fixed_document();
    doc.goals[0].indicators[0].baseline = "-43".into();
    doc.goals[0].indicators[0].target = "-4,5".into();
    doc.goals[0].indicators[0].definition = "-1+2".into();
    let csv = export::csv::render(&doc, &Options::default()).unwrap();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&csv[3..]);
    let row = reader.records().next().unwrap().unwrap();
    let cells: Vec<&str> = row.iter().collect();
    assert!(cells.contains(&"-43") && cells.contains(&"-4,5"), "{cells:?}");
    assert!(cells.contains(&"'-1+2"), "{cells:?}");
}
