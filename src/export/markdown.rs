//! Markdown (CommonMark with the common table extension): the protocol as
//! plain text that pastes into e-mail, wikis and Git. Every user text goes
//! through [`escape::md_text`], so nothing a group typed can make a heading,
//! list, link, table or HTML.

use std::fmt::Write;

use super::doc::{Document, GoalSection, SubGoal, Text};
use super::escape;
use crate::i18n::{common::T as C, export::T as E, Lang};

/// A hard line break and the indentation of a list item's content.
const ITEM_BREAK: &str = "\\\n  ";

pub fn render(doc: &Document) -> String {
    let lang = doc.lang;
    let mut out = String::with_capacity(doc.size_hint());
    out.push_str("# ");
    out.push_str(&escape::md_string(&doc.title));
    out.push_str("\n\n");
    out.push_str(&escape::md_string(&super::source_line(doc)));
    out.push_str("\n\n");
    let facts = super::title_facts(doc);
    for (label, value) in &facts {
        fact(&mut out, label, value);
    }
    if !facts.is_empty() {
        out.push('\n');
    }

    out.push_str("## ");
    out.push_str(E::GroupsAndGoals.get(lang));
    out.push_str("\n\n");
    for group in &doc.groups {
        let goals = if group.goals.is_empty() { E::NoGoals.get(lang).to_string() } else { group.goals.join("; ") };
        fact(&mut out, &group.name, &goals);
    }
    if !doc.groups.is_empty() {
        out.push('\n');
    }

    for goal in &doc.goals {
        goal_section(&mut out, lang, goal);
    }

    if !doc.quality.is_empty() {
        let _ = write!(out, "## {}\n\n", E::Quality.get(lang));
        for note in &doc.quality {
            out.push_str("### ");
            escape::md_inline(&note.heading(), &mut out);
            out.push_str("\n\n");
            escape::md_inline(&note.score_line(lang), &mut out);
            out.push_str("\n\n");
            if note.findings.is_empty() {
                let _ = write!(out, "{}\n\n", E::QualityNoFindings.get(lang));
                continue;
            }
            for f in &note.findings {
                fact(&mut out, f.severity, &f.line(lang));
            }
            out.push('\n');
        }
    }

    if doc.has_dropped() {
        let _ = write!(out, "## {}\n\n", E::Appendix.get(lang));
        for goal in doc.goals.iter().filter(|g| g.has_dropped()) {
            let _ = write!(out, "### {}\n\n", escape::md_string(&goal.label()));
            for (text, from) in goal.dropped_lines(lang) {
                item(&mut out, lang, &text, from);
            }
            out.push('\n');
        }
    }
    // One trailing newline.
    while out.ends_with("\n\n") {
        out.pop();
    }
    if let Some(credit) = super::kolada::document_credit(doc) {
        let _ = write!(out, "\n_{}_\n", escape::md_string(credit));
    }
    out
}

fn goal_section(out: &mut String, lang: Lang, goal: &GoalSection) {
    let _ = write!(out, "## {}\n\n", escape::md_string(&goal.label()));
    let facts = super::goal_facts(lang, goal);
    for (label, value) in &facts {
        fact(out, label, value);
    }
    if !facts.is_empty() {
        out.push('\n');
    }
    if goal.is_empty() {
        let _ = write!(out, "*{}*\n\n", E::NoAnswers.get(lang));
    }
    if goal.active_effects().next().is_some() {
        let _ = write!(out, "### {}\n\n", C::Effect.get(lang));
        for e in goal.active_effects() {
            out.push_str("- ");
            escape::md_text(&e.text, ITEM_BREAK, out);
            provenance(out, lang, &e.from);
            record_note(out, lang, e.record.as_ref());
            out.push('\n');
        }
        out.push('\n');
    }

    if goal.accepted().next().is_some() {
        let _ = write!(out, "### {}\n\n", C::SubGoals.get(lang));
        for sub in goal.accepted() {
            subgoal(out, lang, sub);
        }
        out.push('\n');
    }

    if goal.active_indicators().next().is_some() {
        let _ = write!(out, "### {}\n\n", C::Indicators.get(lang));
        indicator_table(out, lang, goal);
    }

    if goal.active_verdicts().next().is_some() {
        let _ = write!(out, "### {}\n\n", C::Measurability.get(lang));
        for v in goal.active_verdicts() {
            if v.comment.is_empty() {
                let _ = write!(out, "- **{}**", super::verdict_label(lang, v));
            } else {
                let _ = write!(out, "- **{}:** ", super::verdict_label(lang, v));
                escape::md_text(&v.comment, ITEM_BREAK, out);
            }
            provenance(out, lang, &v.from);
            record_note(out, lang, v.record.as_ref());
            out.push('\n');
        }
        out.push('\n');
    }

    if !goal.other.is_empty() {
        let _ = write!(out, "### {}\n\n", E::OtherAnswers.get(lang));
        for o in &goal.other {
            out.push_str("- **");
            escape::md_inline(&o.question, out);
            out.push_str(":** ");
            escape::md_text(&o.text, ITEM_BREAK, out);
            provenance(out, lang, &o.from);
            out.push('\n');
        }
        out.push('\n');
    }

    if !goal.flags.is_empty() {
        let _ = write!(out, "### {}\n\n", E::Flags.get(lang));
        for f in &goal.flags {
            fact(out, super::flag_label(lang, f.kind), &f.text);
        }
        out.push('\n');
    }
}

/// " — [godkänd, redigerad] Gruppernas lydelse: …" after an effect or a verdict.
fn record_note(out: &mut String, lang: Lang, record: Option<&super::doc::Record>) {
    if let Some(r) = record {
        out.push_str(" — ");
        escape::md_text(&r.note(lang), ITEM_BREAK, out);
    }
}

fn subgoal(out: &mut String, lang: Lang, sub: &SubGoal) {
    out.push_str("- ");
    escape::md_text(&sub.text, ITEM_BREAK, out);
    if !sub.owner.is_empty() {
        let _ = write!(out, " – {}: ", C::Owner.get(lang));
        escape::md_text(&sub.owner, ITEM_BREAK, out);
    }
    provenance(out, lang, &sub.from);
    if let Some(r) = &sub.record {
        out.push_str(" — ");
        escape::md_text(&r.note(lang), ITEM_BREAK, out);
    }
    out.push('\n');
}

/// `- text *(förslag från …)*`
fn item(out: &mut String, lang: Lang, text: &str, from: &[Text]) {
    out.push_str("- ");
    escape::md_text(text, ITEM_BREAK, out);
    provenance(out, lang, from);
    out.push('\n');
}

/// `- **Label:** value` (the label may be a group's name: escaped too).
fn fact(out: &mut String, label: &str, value: &str) {
    out.push_str("- **");
    escape::md_inline(label, out);
    out.push_str(":** ");
    escape::md_text(value, ITEM_BREAK, out);
    out.push('\n');
}

fn provenance(out: &mut String, lang: Lang, from: &[Text]) {
    if !from.is_empty() {
        out.push_str(" *(");
        super::write_provenance(lang, from, out, escape::md_fragment);
        out.push_str(")*");
    }
}

fn indicator_table(out: &mut String, lang: Lang, goal: &GoalSection) {
    let attributed = goal.active_indicators().any(|i| !i.from.is_empty());
    let recorded = goal.active_indicators().any(|i| i.record.is_some());
    let headers = super::indicator_headers(lang);
    out.push('|');
    let extra = [attributed.then_some(E::ColProposedBy.get(lang)), recorded.then_some(E::ColStatus.get(lang))];
    for h in headers.iter().copied().chain(extra.into_iter().flatten()) {
        let _ = write!(out, " {h} |");
    }
    out.push_str("\n|");
    for _ in 0..headers.len() + usize::from(attributed) + usize::from(recorded) {
        out.push_str(" --- |");
    }
    out.push('\n');
    for row in goal.active_indicators() {
        out.push('|');
        for cell in super::indicator_cells(row) {
            table_cell(out, cell);
        }
        if attributed {
            table_cell(out, &super::group_names(&row.from));
        }
        if recorded {
            table_cell(out, &row.record.as_ref().map(|r| r.note(lang)).unwrap_or_default());
        }
        out.push('\n');
    }
    out.push('\n');
}

fn table_cell(out: &mut String, text: &str) {
    out.push(' ');
    escape::md_text(text, "<br>", out);
    out.push_str(" |");
}
