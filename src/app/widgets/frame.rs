//! The parts every screen's body shares: its heading.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;

/// A screen's heading: one line in the title style.
pub fn heading(theme: &Theme, text: String, area: Rect, buf: &mut Buffer) {
    Paragraph::new(Line::from(Span::styled(text, theme.title()))).render(area, buf);
}
