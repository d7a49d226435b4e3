//! OPML 2.0: the outline as a tree (goal → question → answer) for outliners
//! and mind-map tools. Every text is an attribute value, escaped with
//! [`escape::xml_attr`] so quotes and line breaks survive.

use super::doc::{Document, Text};
use super::escape;
use crate::i18n::{common::T as C, export::T as E, Lang};

pub fn render(doc: &Document) -> String {
    let lang = doc.lang;
    let mut out = String::with_capacity(doc.size_hint() * 2);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head>\n<title>");
    escape::xml(&doc.title, &mut out);
    out.push_str("</title>\n</head>\n<body>\n");
    let mut o = Outliner { out, depth: 1, lang };
    o.open(&super::source_line(doc));
    for (label, value) in super::title_facts(doc) {
        o.leaf(&format!("{label}: {value}"));
    }
    o.close();
    o.open(E::GroupsAndGoals.get(lang));
    for group in &doc.groups {
        o.open(&group.name);
        for g in &group.goals {
            o.leaf(g);
        }
        o.close();
    }
    o.close();
    for goal in &doc.goals {
        o.open(&goal.label());
        for (label, value) in super::goal_facts(lang, goal) {
            o.leaf_parts(&[label, ": ", value], &[]);
        }
        if !goal.effects.is_empty() {
            o.open(C::Effect.get(lang));
            let dropped = format!(" [{}]", E::Dropped.get(lang));
            for e in &goal.effects {
                o.start(&[&e.text, if e.dropped { &dropped } else { "" }], &e.from);
                o.record(e.record.as_ref());
                o.out.push_str("/>\n");
            }
            o.close();
        }
        if !goal.subgoals.is_empty() {
            o.open(C::SubGoals.get(lang));
            let owner = format!(" – {}: ", C::Owner.get(lang));
            let dropped = format!(" [{}]", E::Dropped.get(lang));
            for s in &goal.subgoals {
                let (owner_label, owner) =
                    if s.owner.is_empty() { ("", "") } else { (owner.as_ref(), s.owner.as_ref()) };
                let mark = if s.dropped { dropped.as_ref() } else { "" };
                o.start(&[&s.text, owner_label, owner, mark], &s.from);
                o.record(s.record.as_ref());
                o.out.push_str("/>\n");
            }
            o.close();
        }
        if !goal.indicators.is_empty() {
            o.open(C::Indicators.get(lang));
            let headers = super::indicator_headers(lang);
            let dropped = format!(" [{}]", E::Dropped.get(lang));
            for row in &goal.indicators {
                o.start(&[&row.name, if row.dropped { &dropped } else { "" }], &row.from);
                o.record(row.record.as_ref());
                o.out.push_str(">\n");
                o.depth += 1;
                // The name is the node itself; the other fields are its children.
                for (label, value) in headers.iter().zip(super::indicator_cells(row)).skip(1) {
                    if !value.is_empty() {
                        o.leaf_parts(&[label, ": ", value], &[]);
                    }
                }
                o.close();
            }
            o.close();
        }
        if !goal.verdicts.is_empty() {
            o.open(C::Measurability.get(lang));
            let dropped = format!(" [{}]", E::Dropped.get(lang));
            for v in &goal.verdicts {
                let sep = if v.comment.is_empty() { "" } else { ": " };
                let mark = if v.dropped { dropped.as_ref() } else { "" };
                o.start(&[super::verdict_label(lang, v), sep, &v.comment, mark], &v.from);
                o.record(v.record.as_ref());
                o.out.push_str("/>\n");
            }
            o.close();
        }
        if !goal.other.is_empty() {
            o.open(E::OtherAnswers.get(lang));
            for a in &goal.other {
                o.leaf_parts(&[&a.question, ": ", &a.text], &a.from);
            }
            o.close();
        }
        if !goal.flags.is_empty() {
            o.open(E::Flags.get(lang));
            for f in &goal.flags {
                o.leaf_parts(&[super::flag_label(lang, f.kind), ": ", &f.text], &[]);
            }
            o.close();
        }
        o.close();
    }
    if !doc.quality.is_empty() {
        o.open(E::Quality.get(lang));
        for note in &doc.quality {
            o.open_parts(&[&note.heading(), ": ", &note.score_line(lang)], &[]);
            for f in &note.findings {
                o.leaf_parts(&[f.severity, ": ", &f.line(lang)], &[]);
            }
            o.close();
        }
        o.close();
    }
    if let Some(credit) = super::kolada::document_credit(doc) {
        o.leaf_parts(&[credit], &[]);
    }
    let mut out = o.out;
    out.push_str("</body>\n</opml>\n");
    out
}

/// Writes nested `<outline>` elements with indentation. A node's text is
/// written from parts and the provenance, escaped, without building it first.
struct Outliner {
    out: String,
    depth: usize,
    lang: Lang,
}

impl Outliner {
    fn start(&mut self, parts: &[&str], from: &[Text]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("<outline text=\"");
        for part in parts {
            escape::xml_attr(part, &mut self.out);
        }
        if !from.is_empty() {
            self.out.push_str(" (");
            super::write_provenance(self.lang, from, &mut self.out, escape::xml_attr);
            self.out.push(')');
        }
        self.out.push('"');
    }

    /// The record of an item of the merged outline as attributes:
    /// `status`, `edited`, `combined`, `original` (the groups' wording) and
    /// `differs` (fields that differ between versions of the same name).
    fn record(&mut self, record: Option<&super::doc::Record>) {
        let Some(r) = record else { return };
        let status = match r.status {
            super::doc::RecordStatus::Open => "open",
            super::doc::RecordStatus::Accepted => "accepted",
            super::doc::RecordStatus::Dropped => "dropped",
        };
        self.out.push_str(" status=\"");
        self.out.push_str(status);
        self.out.push('"');
        if r.edited {
            self.out.push_str(" edited=\"true\"");
        }
        if r.combined {
            self.out.push_str(" combined=\"true\"");
        }
        if !r.original.is_empty() {
            let texts: Vec<String> =
                r.original.iter().map(|a| format!("\"{}\" ({})", a.text, a.from.join(", "))).collect();
            self.out.push_str(" original=\"");
            escape::xml_attr(&texts.join("; "), &mut self.out);
            self.out.push('"');
        }
        if !r.differs.is_empty() {
            self.out.push_str(" differs=\"");
            escape::xml_attr(&r.differs.join(", "), &mut self.out);
            self.out.push('"');
        }
    }

    fn open(&mut self, text: &str) {
        self.open_parts(&[text], &[]);
    }

    fn open_parts(&mut self, parts: &[&str], from: &[Text]) {
        self.start(parts, from);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn leaf(&mut self, text: &str) {
        self.leaf_parts(&[text], &[]);
    }

    fn leaf_parts(&mut self, parts: &[&str], from: &[Text]) {
        self.start(parts, from);
        self.out.push_str("/>\n");
    }

    fn close(&mut self) {
        self.depth -= 1;
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("</outline>\n");
    }
}
