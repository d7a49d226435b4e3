//! DOCX, written with docx-rs: the protocol. Word's built-in heading styles
//! (`Heading1`–`Heading3`, named "heading 1"…, with outline levels) so that
//! Word's navigation pane and the table of contents work, real bullets
//! ("List Bullet" with a numbering), page numbers in the footer, a table of
//! contents after the title block, and indicator tables on A4 whose
//! columns are wide enough for every header word (or, when they cannot all
//! be, one small two-column table per indicator).
//!
//! What docx-rs cannot say (the proofing language, header rows that repeat
//! on each page) is added to its parts before they are zipped
//! ([`package`]).

mod package;
mod styles;
mod table;

use docx_rs::{
    BreakType, DocumentChild, FieldCharType, Hyperlink, HyperlinkType, IndentLevel, InstrPAGEREF, InstrText, InstrToC,
    NumberingId, Paragraph, Run, StructuredDataTag,
};

use super::doc::{Document, GoalSection, SubGoal, Text};
use super::ExportError;
use crate::i18n::{common::T as C, export::T as E, Lang};

/// A4 in twentieths of a point, and 2 cm margins.
const A4: (u32, u32) = (11906, 16838);
const MARGIN: i32 = 1134;
/// Text width between the margins, in twips.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;
/// The numbering of "List Bullet".
const BULLETS: usize = 1;

pub fn render(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let lang = doc.lang;
    let mut d = Body::new(lang);
    d.p(para("Title", &doc.title));
    d.p(para("Subtitle", &super::source_line(doc)));
    for (label, value) in super::title_facts(doc) {
        d.p(labelled(label, &value));
    }
    let groups: Vec<Text> = doc.groups.iter().map(|g| g.name.clone()).collect();
    if !groups.is_empty() {
        d.p(labelled(C::Groups.get(lang), &super::group_names(&groups)));
    }
    d.toc();

    let h = d.heading1(E::GroupsAndGoals.get(lang));
    d.p(h);
    for group in &doc.groups {
        let goals = if group.goals.is_empty() { E::NoGoals.get(lang).to_string() } else { group.goals.join("\n") };
        d.p(labelled(&group.name, &goals));
    }

    for goal in &doc.goals {
        goal_section(&mut d, lang, goal);
    }

    if !doc.quality.is_empty() {
        let h = d.heading1(E::Quality.get(lang));
        d.p(h);
        for note in &doc.quality {
            d.p(para("Heading2", &note.heading()));
            d.p(Paragraph::new().add_run(text_run(&note.score_line(lang)).bold()));
            if note.findings.is_empty() {
                d.p(Paragraph::new().add_run(text_run(E::QualityNoFindings.get(lang))));
            }
            for f in &note.findings {
                d.p(labelled(f.severity, &f.line(lang)));
            }
        }
    }

    if doc.has_dropped() {
        let h = d.heading1(E::Appendix.get(lang));
        d.p(h.page_break_before(true));
        for goal in doc.goals.iter().filter(|g| g.has_dropped()) {
            d.p(para("Heading3", &goal.label()));
            for (text, from) in goal.dropped_lines(lang) {
                d.p(d.from(bullet(&text), from));
            }
        }
    }
    if let Some(credit) = super::kolada::document_credit(doc) {
        d.p(Paragraph::new().add_run(text_run(credit).italic()));
    }
    package::pack(doc, d.finish()).map_err(ExportError::Docx)
}

fn goal_section(d: &mut Body, lang: Lang, goal: &GoalSection) {
    let h = d.heading1(&goal.label());
    d.p(h);
    for (label, value) in super::goal_facts(lang, goal) {
        d.p(labelled(label, value));
    }
    if goal.is_empty() {
        d.p(Paragraph::new().add_run(text_run(E::NoAnswers.get(lang)).italic()));
    }
    if goal.active_effects().next().is_some() {
        d.p(para("Heading2", C::Effect.get(lang)));
        for e in goal.active_effects() {
            let p = d.from(bullet(&e.text), &e.from);
            d.p(with_record(lang, p, e.record.as_ref()));
        }
    }
    if goal.accepted().next().is_some() {
        d.p(para("Heading2", C::SubGoals.get(lang)));
        for sub in goal.accepted() {
            let p = d.from(subgoal(lang, sub), &sub.from);
            // The record of the sub-goal (merged outline), after its provenance.
            let p = match &sub.record {
                Some(r) => p.add_run(text_run(&format!(" — {}", r.note(lang))).italic()),
                None => p,
            };
            d.p(p);
        }
    }
    if goal.active_indicators().next().is_some() {
        d.p(para("Heading2", C::Indicators.get(lang)));
        for t in table::indicators(lang, goal) {
            d.children.push(DocumentChild::Table(Box::new(t)));
        }
        // The record of each indicator (merged outline): under the table,
        // which has no room for another column.
        for row in goal.active_indicators() {
            if let Some(r) = &row.record {
                d.p(labelled(&row.name, &r.note(lang)));
            }
        }
    }
    if goal.active_verdicts().next().is_some() {
        d.p(para("Heading2", C::Measurability.get(lang)));
        for v in goal.active_verdicts() {
            let p = d.from(labelled(super::verdict_label(lang, v), &v.comment), &v.from);
            d.p(with_record(lang, p, v.record.as_ref()));
        }
    }
    if !goal.other.is_empty() {
        d.p(para("Heading2", E::OtherAnswers.get(lang)));
        for o in &goal.other {
            d.p(d.from(labelled(&o.question, &o.text), &o.from));
        }
    }
    if !goal.flags.is_empty() {
        d.p(para("Heading2", E::Flags.get(lang)));
        for f in &goal.flags {
            d.p(labelled(super::flag_label(lang, f.kind), &f.text));
        }
    }
}

/// The paragraphs and tables of the document body, in order (docx-rs's
/// by-value builder would move the whole `Docx` once per paragraph).
struct Body {
    lang: Lang,
    children: Vec<DocumentChild>,
    /// The level-1 headings so far, for the table of contents.
    headings: Vec<String>,
    /// Where the table of contents goes.
    toc_at: Option<usize>,
}

impl Body {
    fn new(lang: Lang) -> Body {
        Body { lang, children: Vec::new(), headings: Vec::new(), toc_at: None }
    }

    fn p(&mut self, p: Paragraph) {
        self.children.push(DocumentChild::Paragraph(Box::new(p)));
    }

    /// Where the table of contents goes: filled in by [`Body::finish`],
    /// when every level-1 heading is known.
    fn toc(&mut self) {
        self.toc_at = Some(self.children.len());
    }

    /// A level-1 heading, bookmarked for the table of contents.
    fn heading1(&mut self, text: &str) -> Paragraph {
        self.headings.push(text.to_string());
        let n = self.headings.len();
        let name = format!("_Toc{n:08}");
        Paragraph::new().style("Heading1").add_bookmark_start(n, &name).add_run(text_run(text)).add_bookmark_end(n)
    }

    /// The body with its table of contents: a TOC field over the level-1
    /// headings, marked dirty so that Word updates it (and its page
    /// numbers) when it opens the file, with an entry for each heading
    /// already in it, its page a PAGEREF field that LibreOffice fills in.
    /// The field starts in a paragraph of its own.
    fn finish(mut self) -> Vec<DocumentChild> {
        let Some(at) = self.toc_at else { return self.children };
        let instr = InstrToC::new().heading_styles_range(1, 1).hyperlink();
        let mut toc = vec![para("TOCHeading", E::Contents.get(self.lang))];
        for (i, text) in self.headings.iter().enumerate() {
            let name = format!("_Toc{:08}", i + 1);
            let page = Run::new()
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(&name).hyperlink()))
                .add_field_char(FieldCharType::Separate, false)
                .add_text("")
                .add_field_char(FieldCharType::End, false);
            let link = Hyperlink::new(&name, HyperlinkType::Anchor)
                .add_run(Run::new().add_text(text))
                .add_run(Run::new().add_tab())
                .add_run(page);
            let mut p = Paragraph::new().style("TOC1");
            if i == 0 {
                // The field starts in the first entry, as Word writes it.
                p = p
                    .add_run(Run::new().add_field_char(FieldCharType::Begin, true))
                    .add_run(Run::new().add_instr_text(InstrText::TOC(instr.clone())))
                    .add_run(Run::new().add_field_char(FieldCharType::Separate, false));
            }
            toc.push(p.add_hyperlink(link));
        }
        toc.push(Paragraph::new().style("TOC1").add_run(Run::new().add_field_char(FieldCharType::End, false)));
        let sdt =
            toc.into_iter().fold(StructuredDataTag::new().alias(E::Contents.get(self.lang)), |t, p| t.add_paragraph(p));
        self.children.insert(at, DocumentChild::StructuredDataTag(Box::new(sdt)));
        self.children
    }

    /// `p` with " (förslag från Grupp 1, Grupp 2)" in grey italics when
    /// there is anyone to name.
    fn from(&self, p: Paragraph, from: &[Text]) -> Paragraph {
        match super::provenance_pieces(self.lang, from) {
            Some(pieces) => {
                let text: String = [" ("].into_iter().chain(pieces).chain([")"]).collect();
                p.add_run(text_run(&text).italic().color("555555"))
            }
            None => p,
        }
    }
}

/// "Sub-goal – Ägare: owner" as one run.
fn subgoal(lang: Lang, sub: &SubGoal) -> Paragraph {
    if sub.owner.is_empty() {
        bullet(&sub.text)
    } else {
        bullet(&format!("{} – {}: {}", sub.text, C::Owner.get(lang), sub.owner))
    }
}

/// A run holding `text`, with `<w:br/>` for each line break. Text of the
/// same formatting goes into one run: docx-rs writes every run's
/// properties element by element.
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// A list item in "List Bullet" with Word's bullet numbering.
fn bullet(text: &str) -> Paragraph {
    para("ListBullet", text).numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
}

fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(text_run(text))
}

/// "**Label:** value" as a plain paragraph.
fn labelled(label: &str, value: &str) -> Paragraph {
    let p = Paragraph::new().add_run(text_run(&format!("{label}:")).bold());
    if value.is_empty() {
        p
    } else {
        p.add_run(text_run(&format!(" {value}")))
    }
}

/// The facilitator's record of an effect or a verdict, after its provenance.
fn with_record(lang: Lang, p: Paragraph, record: Option<&super::doc::Record>) -> Paragraph {
    match record {
        Some(r) => p.add_run(text_run(&format!(" — {}", r.note(lang))).italic()),
        None => p,
    }
}
