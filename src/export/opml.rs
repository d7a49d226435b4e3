//! OPML 2.0: the outline as a tree (goal → question → answer) for outliners
//! and mind-map tools. Every text is an attribute value, escaped with
//! [`escape::xml_attr`] so quotes and line breaks survive.

use std::fmt::Write;

use super::doc::Document;
use super::escape;
use crate::i18n::{common::T as C, export::T as E};

pub fn render(doc: &Document) -> String {
    let lang = doc.lang;
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head>\n<title>");
    escape::xml(&doc.title, &mut out);
    out.push_str("</title>\n</head>\n<body>\n");
    let mut o = Outliner { out, depth: 1 };
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
            o.leaf(&format!("{label}: {value}"));
        }
        let with_from = |text: String, from: &[String]| match super::provenance(lang, from) {
            Some(p) => format!("{text} ({p})"),
            None => text,
        };
        if !goal.effects.is_empty() {
            o.open(C::Effect.get(lang));
            for e in &goal.effects {
                o.leaf(&with_from(e.text.clone(), &e.from));
            }
            o.close();
        }
        if !goal.subgoals.is_empty() {
            o.open(C::SubGoals.get(lang));
            for s in &goal.subgoals {
                let mut text = s.text.clone();
                if !s.owner.is_empty() {
                    let _ = write!(text, " – {}: {}", C::Owner.get(lang), s.owner);
                }
                if s.dropped {
                    let _ = write!(text, " [{}]", E::Dropped.get(lang));
                }
                o.leaf(&with_from(text, &s.from));
            }
            o.close();
        }
        if !goal.indicators.is_empty() {
            o.open(C::Indicators.get(lang));
            let headers = super::indicator_headers(lang);
            for row in &goal.indicators {
                o.open(&with_from(row.name.clone(), &row.from));
                // The name is the node itself; the other fields are its children.
                for (label, value) in headers.iter().zip(super::indicator_cells(row)).skip(1) {
                    if !value.is_empty() {
                        o.leaf(&format!("{label}: {value}"));
                    }
                }
                o.close();
            }
            o.close();
        }
        if !goal.verdicts.is_empty() {
            o.open(C::Measurability.get(lang));
            for v in &goal.verdicts {
                let mut text = super::verdict_label(lang, v).to_string();
                if !v.comment.is_empty() {
                    let _ = write!(text, ": {}", v.comment);
                }
                o.leaf(&with_from(text, &v.from));
            }
            o.close();
        }
        if !goal.other.is_empty() {
            o.open(E::OtherAnswers.get(lang));
            for a in &goal.other {
                o.leaf(&with_from(format!("{}: {}", a.question, a.text), &a.from));
            }
            o.close();
        }
        if !goal.flags.is_empty() {
            o.open(E::Flags.get(lang));
            for f in &goal.flags {
                o.leaf(&format!("{}: {}", super::flag_label(lang, f.kind), f.text));
            }
            o.close();
        }
        o.close();
    }
    if !doc.quality.is_empty() {
        o.open(E::Quality.get(lang));
        for n in &doc.quality {
            o.leaf(&if n.goal.is_empty() { n.text.clone() } else { format!("{}: {}", n.goal, n.text) });
        }
        o.close();
    }
    let mut out = o.out;
    out.push_str("</body>\n</opml>\n");
    out
}

/// Writes nested `<outline>` elements with indentation.
struct Outliner {
    out: String,
    depth: usize,
}

impl Outliner {
    fn start(&mut self, text: &str) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("<outline text=\"");
        escape::xml_attr(text, &mut self.out);
        self.out.push('"');
    }

    fn open(&mut self, text: &str) {
        self.start(text);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn leaf(&mut self, text: &str) {
        self.start(text);
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
