//! Styles. High contrast by default; with `NO_COLOR` only bold, reverse and
//! underline, so nothing depends on colour (marks and words carry the state).

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    pub fn plain() -> Theme {
        Theme { color: false }
    }

    pub fn base(&self) -> Style {
        Style::default()
    }

    pub fn title(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::LightCyan)
        } else {
            s
        }
    }

    /// The focused row or field: unmistakable.
    pub fn focus(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// The border of the focused editor.
    pub fn focus_border(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Gray)
        } else {
            Style::default()
        }
    }

    pub fn guidance(&self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    pub fn done(&self) -> Style {
        if self.color {
            Style::default().fg(Color::LightGreen)
        } else {
            Style::default()
        }
    }

    pub fn status(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Black).bg(Color::Gray)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// A failed save: impossible to miss.
    pub fn alarm(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::White).bg(Color::Red)
        } else {
            s.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// A goal-quality band: green, yellow or red, and without colour plain
    /// (the badge's dots and the band's word carry it).
    pub fn band(&self, band: crate::domain::quality::Band) -> Style {
        use crate::domain::quality::Band;
        if !self.color {
            return Style::default();
        }
        match band {
            Band::Evaluable => Style::default().fg(Color::LightGreen),
            Band::Partly => Style::default().fg(Color::Yellow),
            Band::Vague => Style::default().fg(Color::LightRed),
        }
        .add_modifier(Modifier::BOLD)
    }

    /// A finding's severity word and symbol (✗ Fel, ! Varning, i Tips).
    pub fn severity(&self, severity: crate::domain::quality::Severity) -> Style {
        use crate::domain::quality::Severity;
        let s = Style::default().add_modifier(Modifier::BOLD);
        if !self.color {
            return s;
        }
        match severity {
            Severity::Error => s.fg(Color::LightRed),
            Severity::Warning => s.fg(Color::Yellow),
            Severity::Hint => s.fg(Color::LightCyan),
        }
    }

    pub fn cursor(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}
