//! The round timer as words and a mark: never colour alone.

use chrono::{DateTime, Utc};
use ratatui::style::Style;

use super::theme::Theme;
use crate::domain::timer::TimerState;
use crate::domain::Timer;
use crate::i18n::Lang;

/// "⏱ Tid kvar 12:34", "⚠ … – 2 minuter kvar!", "⏰ Tiden är ute (+0:42)",
/// with the style to draw it in.
pub fn line(t: &Timer, now: DateTime<Utc>, lang: Lang, theme: &Theme) -> Option<(String, Style)> {
    let (mark, style) = match t.state(now) {
        TimerState::Running => ("⏱", theme.title()),
        TimerState::Paused => ("⏸", theme.title()),
        TimerState::Warning => ("⚠", theme.alarm()),
        TimerState::TimeUp => ("⏰", theme.alarm()),
    };
    Some((format!("{mark} {}", t.status_text(now, lang)), style))
}
