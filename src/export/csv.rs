//! CSV: the indicator table, one row per indicator with its goal, for Excel
//! and goal-management systems. Default for Swedish Excel: UTF-8 with BOM and
//! `;`. Cells that a spreadsheet would evaluate are prefixed with `'`
//! (OWASP's guidance on CSV injection), but a clean negative number is left
//! as the number it is; the csv crate quotes the rest.

use std::borrow::Cow;

use super::doc::Document;
use super::{ExportError, Options};
use crate::i18n::export::T as E;

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn render(doc: &Document, options: &Options) -> Result<Vec<u8>, ExportError> {
    let lang = doc.lang;
    let mut out = Vec::with_capacity(4096);
    if options.bom {
        out.extend_from_slice(BOM);
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(options.delimiter)
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    let mut header: Vec<&str> = vec![E::ColGoalCode.get(lang), E::ColGoal.get(lang)];
    header.extend(super::indicator_headers(lang));
    header.push(E::ColProposedBy.get(lang));
    header.push(E::ColGoalScore.get(lang));
    // The merged outline: each indicator's decision and the groups' wording.
    let recorded = doc.goals.iter().flat_map(|g| g.active_indicators()).any(|i| i.record.is_some());
    if recorded {
        header.push(E::ColStatus.get(lang));
    }
    w.write_record(&header).map_err(err)?;
    for goal in &doc.goals {
        let label = goal.label();
        for row in goal.active_indicators() {
            let from = super::group_names(&row.from);
            // The score of the goal as checked for the group that proposed the
            // indicator (groups side by side) or for the whole outline.
            let score = doc
                .quality
                .iter()
                .find(|n| n.goal == label && (n.group.is_empty() || row.from.iter().any(|f| *f == n.group)))
                .map(|n| n.score.to_string())
                .unwrap_or_default();
            let cells = [goal.code.as_ref(), goal.wording.as_ref()]
                .into_iter()
                .chain(super::indicator_cells(row))
                .chain([from.as_ref(), score.as_ref()]);
            for cell in cells {
                w.write_field(defuse_text(cell, lang).as_bytes()).map_err(err)?;
            }
            if recorded {
                let note = row.record.as_ref().map(|r| r.note(lang)).unwrap_or_default();
                w.write_field(defuse(&note).as_bytes()).map_err(err)?;
            }
            w.write_record(None::<&[u8]>).map_err(err)?;
        }
    }
    w.into_inner().map_err(|e| ExportError::Csv(e.to_string()))
}

/// [`defuse`], but a clean number ("-43", "-4,5", "−1 200") is left as it
/// is: a spreadsheet reads it as the number it is, nothing is evaluated.
pub fn defuse_text(cell: &str, lang: crate::i18n::Lang) -> Cow<'_, str> {
    if cell.starts_with('-') && super::number::parse(cell, lang).is_some() {
        return Cow::Borrowed(cell);
    }
    defuse(cell)
}

/// Prefix a cell a spreadsheet would read as a formula with `'`.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defuse_prefixes_formula_starts_only() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(bad), format!("'{bad}"));
        }
        for good in ["1-1", "a=b", "", "'quoted"] {
            assert_eq!(defuse(good), good);
        }
    }

    #[test]
    fn a_negative_number_is_not_defused() {
        use crate::i18n::Lang;
        for number in ["-43", "-4,5", "-1 200", "-12 %"] {
            assert_eq!(defuse_text(number, Lang::Sv), number);
        }
        for bad in ["-43+1", "-1-1", "-x", "-", "=-43", "+43"] {
            assert_eq!(defuse_text(bad, Lang::Sv), format!("'{bad}"), "{bad}");
        }
    }
}
