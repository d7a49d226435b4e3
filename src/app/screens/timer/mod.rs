//! The timer control: start N minutes with a label, pause, resume, add
//! minutes, stop. Each change is a [`FacilEffect::Timer`] that the shell
//! applies to a freshly read workshop.ron, so every terminal sees it.

mod view;

use crossterm::event::{KeyCode, KeyEvent};

pub use view::TimerView;

use crate::app::ctx::{Ctx, Cx, Outcome, Route};
use crate::app::keymap::{Action, Context};
use crate::app::msg::facil::{FacilEffect, TimerOp};
use crate::app::msg::Effect;
use crate::app::widgets::input::Input;
use crate::domain::model::Workshop;
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

/// The rows shown: pause, add and stop only when a timer exists.
pub fn rows(workshop: Option<&Workshop>) -> Vec<Row> {
    let mut out = vec![Row::Minutes, Row::Label, Row::Start];
    if workshop.is_some_and(|w| w.timer.is_some()) {
        out.extend([Row::PauseResume, Row::Add, Row::Stop]);
    }
    out
}

impl TimerState {
    /// The control for the open workshop: its time box and the running label.
    pub fn new(ctx: &Ctx) -> TimerState {
        let w = ctx.workshop();
        let minutes = w.and_then(|w| w.timebox_minutes).unwrap_or(20);
        let label = w.and_then(|w| w.timer.as_ref()).map(|t| t.label.clone()).unwrap_or_default();
        TimerState {
            row: 0,
            minutes: Input::new(&minutes.to_string(), false),
            label: Input::new(&label, false),
            add: 5,
            message: None,
        }
    }

    pub fn paste(&mut self, text: &str) {
        match self.row {
            0 => self.minutes.paste(text),
            1 => self.label.paste(text),
            _ => {}
        }
    }

    pub fn hint(&self, ctx: &Ctx) -> String {
        format!(" {}", ctx.ts(T::HintTimer))
    }

    pub fn on_key(&mut self, cx: &mut Cx, key: KeyEvent, global: Option<Action>) -> Outcome {
        let rows = rows(cx.workshop());
        let root = cx.loaded.as_ref().map(|l| l.dir.root.clone());
        let paused = cx.workshop().and_then(|w| w.timer.as_ref()).is_some_and(|t| t.is_paused());
        let action = global.or_else(|| cx.keymap.lookup(&[Context::Form, Context::Nav, Context::Choice], &key));
        let lang = cx.lang;
        self.row = self.row.min(rows.len() - 1);
        let row = rows[self.row];
        let text_row = matches!(row, Row::Minutes | Row::Label);
        match action {
            Some(Action::Back) => return Outcome::Go(Route::Menu),
            Some(Action::Help) if !text_row => return Outcome::Help,
            _ => {}
        }
        let op = match action {
            Some(Action::Up | Action::PrevField) => {
                self.row = self.row.saturating_sub(1);
                None
            }
            Some(Action::Down | Action::NextField) => {
                self.row = (self.row + 1).min(rows.len() - 1);
                None
            }
            Some(a @ (Action::ChoicePrev | Action::ChoiceNext)) if matches!(row, Row::Minutes | Row::Add) => {
                let delta: i64 = if a == Action::ChoiceNext { 1 } else { -1 };
                if row == Row::Add {
                    self.add = (i64::from(self.add) + delta).clamp(1, 60) as u32;
                } else {
                    let n = self.minutes.text().trim().parse::<i64>().unwrap_or(20);
                    self.minutes = Input::new(&(n + delta).clamp(1, i64::from(MAX_MINUTES)).to_string(), false);
                }
                None
            }
            Some(Action::Confirm | Action::Open) => match row {
                Row::Minutes | Row::Label | Row::Start => match self.minutes.text().trim().parse::<u32>() {
                    Ok(m) if (1..=MAX_MINUTES).contains(&m) => {
                        Some(TimerOp::Start { minutes: m, label: self.label.text() })
                    }
                    _ => {
                        self.message = Some(tr!(lang, T::BadMinutes, max = MAX_MINUTES));
                        None
                    }
                },
                Row::PauseResume if paused => Some(TimerOp::Resume),
                Row::PauseResume => Some(TimerOp::Pause),
                Row::Add => Some(TimerOp::Add(self.add)),
                Row::Stop => Some(TimerOp::Stop),
            },
            _ if row == Row::Minutes => {
                if !matches!(key.code, KeyCode::Char(c) if !c.is_ascii_digit()) {
                    self.minutes.key(key);
                }
                None
            }
            _ if row == Row::Label => {
                self.label.key(key);
                None
            }
            _ => None,
        };
        if let (Some(op), Some(root)) = (op, root) {
            self.message = None;
            cx.fx.push(Effect::Facil(FacilEffect::Timer { root, op }));
        }
        Outcome::Consumed
    }

    /// The shell saved (or could not save) the timer; the workshop as saved
    /// is already in the session.
    pub fn on_saved(&mut self, workshop: Option<&Workshop>, result: Result<(), String>) {
        match result {
            Ok(()) => {
                let n = rows(workshop).len();
                self.row = self.row.min(n - 1);
                self.message = None;
            }
            Err(e) => self.message = Some(e),
        }
    }
}
