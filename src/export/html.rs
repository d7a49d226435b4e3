//! HTML: one self-contained page (inline CSS, no scripts, no external
//! resources) that reads well on screen and prints on A4. Every text goes
//! through [`escape::xml`]; line breaks typed by a group are kept by CSS
//! (`white-space: pre-wrap`), not by inserting markup.

use std::fmt::Write;

use super::doc::{Document, GoalSection, SubGoal, Text};
use super::escape;
use crate::i18n::{common::T as C, export::T as E, Lang};

const CSS: &str = "\
:root{color-scheme:light}\
body{font-family:\"Segoe UI\",Calibri,Arial,sans-serif;font-size:11pt;line-height:1.45;color:#1a1a1a;\
max-width:52rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.9em;margin:0 0 .2em}\
h2{font-size:1.4em;margin:1.6em 0 .4em;padding-top:.3em;border-top:2px solid #2b5f8a}\
h3{font-size:1.1em;margin:1.1em 0 .3em;color:#2b5f8a}\
h1,h2,h3{break-after:avoid;page-break-after:avoid}\
.source{font-size:1.1em;color:#444;margin:0 0 1em}\
.t{white-space:pre-wrap;overflow-wrap:anywhere}\
.from{color:#555;font-style:italic;font-size:.9em}\
.rec{color:#333;font-size:.9em}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.5em 0}\
dt{font-weight:600}dd{margin:0}\
ul{padding-left:1.3em}li{margin:.2em 0}\
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.4em 0 1em}\
th,td{border:1px solid #999;padding:.25em .4em;vertical-align:top;text-align:left;\
white-space:pre-wrap;overflow-wrap:anywhere}\
th{background:#e8eef4;overflow-wrap:normal;word-break:normal}\
thead{display:table-header-group}\
tr,li{break-inside:avoid;page-break-inside:avoid}\
.flag{border-left:4px solid #b35c00;padding-left:.5em}\
@page{size:A4;margin:18mm 15mm}\
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}\
h2.appendix{break-before:page;page-break-before:always}table{font-size:8.5pt}\
h2,h3{break-inside:avoid;page-break-inside:avoid}\
h2::after,h3::after{content:\"\";display:block;height:4em;margin-bottom:-4em}}";

pub fn render(doc: &Document) -> String {
    let lang = doc.lang;
    let mut out = String::with_capacity(doc.size_hint() + CSS.len());
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(lang.code());
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\" />\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    // No scripts, styles or images from anywhere, even if markup got through.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n",
    );
    let _ = write!(out, "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n", escape::xml_string(&doc.title));

    out.push_str("<header>\n");
    block(&mut out, "h1", "", &doc.title);
    block(&mut out, "p", "source", &super::source_line(doc));
    let facts = super::title_facts(doc);
    if !facts.is_empty() {
        out.push_str("<dl>\n");
        for (label, value) in &facts {
            block(&mut out, "dt", "", label);
            block(&mut out, "dd", "t", value);
        }
        out.push_str("</dl>\n");
    }
    out.push_str("</header>\n");

    let _ = writeln!(out, "<section>\n<h2>{}</h2>\n<dl>", E::GroupsAndGoals.get(lang));
    for group in &doc.groups {
        block(&mut out, "dt", "", &group.name);
        out.push_str("<dd>");
        if group.goals.is_empty() {
            out.push_str(E::NoGoals.get(lang));
        } else {
            out.push_str("<ul>");
            for g in &group.goals {
                block(&mut out, "li", "t", g);
            }
            out.push_str("</ul>");
        }
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n</section>\n");

    for goal in &doc.goals {
        goal_section(&mut out, lang, goal);
    }

    if !doc.quality.is_empty() {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", E::Quality.get(lang));
        for note in &doc.quality {
            block(&mut out, "h3", "t", &note.heading());
            block(&mut out, "p", "", &note.score_line(lang));
            if note.findings.is_empty() {
                let _ = writeln!(out, "<p>{}</p>", E::QualityNoFindings.get(lang));
                continue;
            }
            out.push_str("<ul>\n");
            for f in &note.findings {
                out.push_str("<li>");
                tag(&mut out, "strong", "", f.severity);
                out.push_str(": ");
                span(&mut out, "t", &f.line(lang));
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }

    if doc.has_dropped() {
        let _ = writeln!(out, "<section>\n<h2 class=\"appendix\">{}</h2>", E::Appendix.get(lang));
        for goal in doc.goals.iter().filter(|g| g.has_dropped()) {
            block(&mut out, "h3", "t", &goal.label());
            out.push_str("<ul>\n");
            for (text, from) in goal.dropped_lines(lang) {
                out.push_str("<li>");
                span(&mut out, "t", &text);
                provenance(&mut out, lang, from);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    if let Some(credit) = super::kolada::document_credit(doc) {
        block(&mut out, "p", "credit", credit);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn goal_section(out: &mut String, lang: Lang, goal: &GoalSection) {
    out.push_str("<section>\n");
    block(out, "h2", "t", &goal.label());
    let facts = super::goal_facts(lang, goal);
    if !facts.is_empty() {
        out.push_str("<dl>\n");
        for (label, value) in facts {
            block(out, "dt", "", label);
            block(out, "dd", "t", value);
        }
        out.push_str("</dl>\n");
    }
    if goal.is_empty() {
        block(out, "p", "from", E::NoAnswers.get(lang));
    }

    if goal.active_effects().next().is_some() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", C::Effect.get(lang));
        for e in goal.active_effects() {
            out.push_str("<li>");
            span(out, "t", &e.text);
            provenance(out, lang, &e.from);
            if let Some(r) = &e.record {
                out.push(' ');
                span(out, "rec", &r.note(lang));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }

    if goal.accepted().next().is_some() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", C::SubGoals.get(lang));
        for sub in goal.accepted() {
            subgoal(out, lang, sub);
        }
        out.push_str("</ul>\n");
    }

    if goal.active_indicators().next().is_some() {
        let _ = writeln!(out, "<h3>{}</h3>", C::Indicators.get(lang));
        indicator_table(out, lang, goal);
    }

    if goal.active_verdicts().next().is_some() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", C::Measurability.get(lang));
        for v in goal.active_verdicts() {
            out.push_str("<li>");
            if v.comment.is_empty() {
                tag(out, "strong", "", super::verdict_label(lang, v));
            } else {
                tag(out, "strong", "", &format!("{}:", super::verdict_label(lang, v)));
                out.push(' ');
                span(out, "t", &v.comment);
            }
            provenance(out, lang, &v.from);
            if let Some(r) = &v.record {
                out.push(' ');
                span(out, "rec", &r.note(lang));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }

    if !goal.other.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", E::OtherAnswers.get(lang));
        for o in &goal.other {
            out.push_str("<li>");
            tag(out, "strong", "t", &o.question);
            out.push_str(": ");
            span(out, "t", &o.text);
            provenance(out, lang, &o.from);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }

    if !goal.flags.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", E::Flags.get(lang));
        for f in &goal.flags {
            out.push_str("<li class=\"flag\">");
            tag(out, "strong", "", super::flag_label(lang, f.kind));
            out.push_str(": ");
            span(out, "t", &f.text);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn subgoal(out: &mut String, lang: Lang, sub: &SubGoal) {
    out.push_str("<li>");
    span(out, "t", &sub.text);
    if !sub.owner.is_empty() {
        let _ = write!(out, " – {}: ", C::Owner.get(lang));
        span(out, "t", &sub.owner);
    }
    provenance(out, lang, &sub.from);
    if let Some(r) = &sub.record {
        out.push(' ');
        span(out, "rec", &r.note(lang));
    }
    out.push_str("</li>\n");
}

fn indicator_table(out: &mut String, lang: Lang, goal: &GoalSection) {
    let attributed = goal.active_indicators().any(|i| !i.from.is_empty());
    let recorded = goal.active_indicators().any(|i| i.record.is_some());
    out.push_str("<table>\n<thead><tr>");
    let extra = [attributed.then_some(E::ColProposedBy.get(lang)), recorded.then_some(E::ColStatus.get(lang))];
    for h in super::compact_headers(lang).iter().copied().chain(extra.into_iter().flatten()) {
        block(out, "th", "", h);
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in goal.active_indicators() {
        out.push_str("<tr>");
        for cell in super::compact_cells(lang, row) {
            block(out, "td", "", &cell);
        }
        if attributed {
            block(out, "td", "", &super::group_names(&row.from));
        }
        if recorded {
            block(out, "td", "rec", &row.record.as_ref().map(|r| r.note(lang)).unwrap_or_default());
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn provenance(out: &mut String, lang: Lang, from: &[Text]) {
    if !from.is_empty() {
        out.push_str(" <span class=\"from\">(");
        super::write_provenance(lang, from, out, escape::xml);
        out.push_str(")</span>");
    }
}

fn span(out: &mut String, class: &str, text: &str) {
    let _ = write!(out, "<span class=\"{class}\">");
    escape::xml(text, out);
    out.push_str("</span>");
}

/// `<name class="…">escaped text</name>` (no class attribute when empty).
fn tag(out: &mut String, name: &str, class: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    if !class.is_empty() {
        let _ = write!(out, " class=\"{class}\"");
    }
    out.push('>');
    escape::xml(text, out);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// [`tag`] on a line of its own.
fn block(out: &mut String, name: &str, class: &str, text: &str) {
    tag(out, name, class, text);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::CSS;

    /// The declarations of the last rule in `css` (outside `@media`) whose
    /// selector list names `selector`.
    fn rules<'c>(css: &'c str, selector: &str) -> Vec<&'c str> {
        css.split('}')
            .filter_map(|r| r.rsplit_once('{'))
            .filter(|(sel, _)| sel.rsplit('{').next().unwrap_or(sel).split(',').any(|s| s.trim() == selector))
            .map(|(_, body)| body)
            .collect()
    }

    #[test]
    fn header_cells_break_between_words_only() {
        // The last word on overflow-wrap for a header cell is "normal": a
        // Swedish header word ("Utgångsvärde") is never split mid-word.
        let last = rules(CSS, "th").into_iter().flat_map(|b| b.split(';')).rfind(|d| d.starts_with("overflow-wrap"));
        assert_eq!(last, Some("overflow-wrap:normal"));
    }

    #[test]
    fn headings_are_kept_with_what_follows_in_print() {
        let print = &CSS[CSS.find("@media print").unwrap()..];
        for h in ["h2", "h3"] {
            assert!(rules(CSS, h).iter().any(|b| b.contains("break-after:avoid")), "{h}");
            assert!(rules(print, h).iter().any(|b| b.contains("break-inside:avoid")), "{h}");
            // Room for a few lines under the heading, or it moves to the next page.
            assert!(rules(print, &format!("{h}::after")).iter().any(|b| b.contains("margin-bottom:-4em")), "{h}");
        }
    }
}
