//! The timer control: start N minutes with a label, pause, resume, add
//! minutes, stop. Each change is a [`FacilEffect::Timer`] that the shell
//! applies to a freshly read workshop.ron, so every terminal sees it.

use crossterm::event::{KeyCode, KeyEvent};

use super::{FacilEffect, TimerOp};
use crate::app::widgets::input::Input;
use crate::app::{Action, App, Context, Effect};
use crate::domain::timer::MAX_MINUTES;
use crate::i18n::setup::T;
use crate::tr;

/// The rows of the timer screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Minutes,
    Label,
    Start,
    PauseResume,
    Add,
    Stop,
}

#[derive(Debug)]
pub struct TimerState {
    pub row: usize,
    pub minutes: Input,
    pub label: Input,
    /// Minutes the "add" row adds.
    pub add: u32,
    pub message: Option<String>,
}

impl TimerState {
    pub fn paste(&mut self, text: &str) {
        match self.row {
            0 => self.minutes.paste(text),
            1 => self.label.paste(text),
            _ => {}
        }
    }

    pub fn hint(&self, app: &App) -> String {
        format!(" {}", app.ts(T::HintTimer))
    }
}

/// The rows shown: pause, add and stop only when a timer exists.
pub fn rows(app: &App) -> Vec<Row> {
    let mut out = vec![Row::Minutes, Row::Label, Row::Start];
    if app.workshop().is_some_and(|w| w.timer.is_some()) {
        out.extend([Row::PauseResume, Row::Add, Row::Stop]);
    }
    out
}

pub fn open(app: &mut App) {
    let minutes = app.workshop().and_then(|w| w.timebox_minutes).unwrap_or(20);
    let label = app.workshop().and_then(|w| w.timer.as_ref()).map(|t| t.label.clone()).unwrap_or_default();
    let state = TimerState {
        row: 0,
        minutes: Input::new(&minutes.to_string(), false),
        label: Input::new(&label, false),
        add: 5,
        message: None,
    };
    app.screen = crate::app::Screen::Timer(Box::new(state));
}

fn state(app: &mut App) -> Option<&mut TimerState> {
    match &mut app.screen {
        crate::app::Screen::Timer(t) => Some(t),
        _ => None,
    }
}

pub fn on_key(app: &mut App, key: KeyEvent, global: Option<Action>, fx: &mut Vec<Effect>) {
    let rows = rows(app);
    let root = app.loaded.as_ref().map(|l| l.dir.root.clone());
    let paused = app.workshop().and_then(|w| w.timer.as_ref()).is_some_and(|t| t.is_paused());
    let action = global.or_else(|| app.keymap.lookup(&[Context::Form, Context::Nav, Context::Choice], &key));
    let lang = app.lang;
    let current = match &app.screen {
        crate::app::Screen::Timer(t) => rows[t.row.min(rows.len() - 1)],
        _ => return,
    };
    let text_row = matches!(current, Row::Minutes | Row::Label);
    match action {
        Some(Action::Back) => return super::to_menu(app),
        Some(Action::Help) if !text_row => {
            app.help = true;
            return;
        }
        _ => {}
    }
    let Some(t) = state(app) else { return };
    t.row = t.row.min(rows.len() - 1);
    let row = rows[t.row];
    let op = match action {
        Some(Action::Up | Action::PrevField) => {
            t.row = t.row.saturating_sub(1);
            None
        }
        Some(Action::Down | Action::NextField) => {
            t.row = (t.row + 1).min(rows.len() - 1);
            None
        }
        Some(a @ (Action::ChoicePrev | Action::ChoiceNext)) if matches!(row, Row::Minutes | Row::Add) => {
            let delta: i64 = if a == Action::ChoiceNext { 1 } else { -1 };
            if row == Row::Add {
                t.add = (i64::from(t.add) + delta).clamp(1, 60) as u32;
            } else {
                let n = t.minutes.text().trim().parse::<i64>().unwrap_or(20);
                t.minutes = Input::new(&(n + delta).clamp(1, i64::from(MAX_MINUTES)).to_string(), false);
            }
            None
        }
        Some(Action::Confirm | Action::Open) => match row {
            Row::Minutes | Row::Label | Row::Start => match t.minutes.text().trim().parse::<u32>() {
                Ok(m) if (1..=MAX_MINUTES).contains(&m) => Some(TimerOp::Start { minutes: m, label: t.label.text() }),
                _ => {
                    t.message = Some(tr!(lang, T::BadMinutes, max = MAX_MINUTES));
                    None
                }
            },
            Row::PauseResume if paused => Some(TimerOp::Resume),
            Row::PauseResume => Some(TimerOp::Pause),
            Row::Add => Some(TimerOp::Add(t.add)),
            Row::Stop => Some(TimerOp::Stop),
        },
        _ if row == Row::Minutes => {
            if !matches!(key.code, KeyCode::Char(c) if !c.is_ascii_digit()) {
                t.minutes.key(key);
            }
            None
        }
        _ if row == Row::Label => {
            t.label.key(key);
            None
        }
        _ => None,
    };
    if let (Some(op), Some(root)) = (op, root) {
        t.message = None;
        fx.push(Effect::Facil(FacilEffect::Timer { root, op }));
    }
}

/// The shell saved (or could not save) the timer.
pub fn on_saved(app: &mut App, result: Result<Box<crate::domain::Workshop>, String>) {
    match result {
        Ok(w) => {
            if let Some(l) = &mut app.loaded {
                l.workshop = *w;
            }
            let n = rows(app).len();
            if let Some(t) = state(app) {
                t.row = t.row.min(n - 1);
                t.message = None;
            }
        }
        Err(e) => {
            if let Some(t) = state(app) {
                t.message = Some(e);
            }
        }
    }
}
