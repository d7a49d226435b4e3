//! The export dialog over the screen: the formats to choose from, then where
//! the file went (the full path, wrapped, never cut) or the error in words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::app::export::{format_text, ExportDialog, Stage, Target};
use crate::app::widgets::wrap::{ellipsize, wrap};
use crate::app::App;
use crate::export::Format;
use crate::i18n::export::T;
use crate::tr;

pub fn render(app: &App, d: &ExportDialog, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let title = match &d.target {
        Target::Outline => T::DialogOutline.get(lang).to_string(),
        Target::Group { group, .. } => {
            let name = app.workshop().and_then(|w| w.group(*group)).map(|g| g.name.clone()).unwrap_or_default();
            tr!(lang, T::DialogGroup, group = name)
        }
    };
    let box_w = area.width.saturating_sub(6).min(76);
    let inner_w = box_w.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let keys = match &d.stage {
        Stage::Choosing | Stage::Working => {
            lines.push(Line::from(T::ChooseFormat.get(lang)));
            for (i, format) in Format::ALL.iter().enumerate() {
                let chosen = i == d.selected;
                // The marker says which is chosen; the colour only repeats it.
                let marker = if chosen { "▶ " } else { "  " };
                let text = ellipsize(&format!("{marker}{}", format_text(*format, lang)), inner_w);
                let style = if chosen { app.theme.focus() } else { ratatui::style::Style::default() };
                lines.push(Line::from(Span::styled(text, style)));
            }
            lines.push(Line::from(""));
            if d.stage == Stage::Working {
                T::Working
            } else {
                T::KeysChoose
            }
        }
        Stage::Done { path, note } => {
            lines.push(Line::from(Span::styled(T::DoneTitle.get(lang), app.theme.title())));
            // A path has no spaces to break at: cut it into pieces of the width.
            lines.extend(hard_wrap(&path.display().to_string(), inner_w).into_iter().map(Line::from));
            if let Some(note) = note {
                lines.push(Line::from(""));
                lines.extend(wrap(note, inner_w).into_iter().map(Line::from));
            }
            lines.push(Line::from(""));
            T::KeysDone
        }
        Stage::Failed(error) => {
            lines.push(Line::from(Span::styled(T::FailedTitle.get(lang), app.theme.alarm())));
            lines.extend(wrap(error, inner_w).into_iter().map(Line::from));
            lines.push(Line::from(""));
            T::KeysFailed
        }
    };
    for l in wrap(keys.get(lang), inner_w) {
        lines.push(Line::from(Span::styled(l, app.theme.title())));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect =
        Rect { x: area.x + (area.width - box_w) / 2, y: area.y + (area.height - height) / 2, width: box_w, height };
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.focus_border())
        .title(format!(" {} ", ellipsize(&title, inner_w)));
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(lines).render(inner.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }), buf);
}

/// `s` in lines of at most `width` columns, broken anywhere.
fn hard_wrap(s: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(1);
    let mut out = vec![String::new()];
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            out.push(String::new());
            used = 0;
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
        used += w;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn hard_wrap_keeps_every_character() {
        let path = "/home/anna/.local/share/malverkstad/sessions/ks-arbetsdag/exports/ks-arbetsdag-2027-03-16.docx";
        let lines = super::hard_wrap(path, 30);
        assert!(lines.iter().all(|l| l.chars().count() <= 30));
        assert_eq!(lines.concat(), path);
    }
}
