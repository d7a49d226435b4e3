//! The round timer: pure operations on [`Timer`]. The clock is always passed
//! in, so every operation is testable and every terminal computes the same
//! state from the same file.
//!
//! A timer is never "stopped" by running out: after time is up it keeps
//! counting (the remaining seconds go negative) and shows "Tiden är ute".
//! Nothing locks: groups can go on writing.

use chrono::{DateTime, Utc};

use crate::domain::{Timer, Workshop};
use crate::i18n::{facil::T, Lang};
use crate::tr;

/// Seconds left at which the timer warns ("2 minuter kvar").
pub const WARNING_SECS: i64 = 120;

/// Longest round a timer accepts, in minutes (a whole day).
pub const MAX_MINUTES: u32 = 24 * 60;

/// What a terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerState {
    /// Running with more than [`WARNING_SECS`] left.
    Running,
    /// Running with [`WARNING_SECS`] or less left.
    Warning,
    /// Paused with time left.
    Paused,
    /// No time left ("Tiden är ute"), paused or not.
    TimeUp,
}

impl Timer {
    /// A timer of `minutes` (clamped to 1..=[`MAX_MINUTES`]) started at `now`.
    pub fn start(minutes: u32, label: impl Into<String>, now: DateTime<Utc>) -> Timer {
        Timer {
            label: label.into().trim().to_string(),
            total_secs: u64::from(minutes.clamp(1, MAX_MINUTES)) * 60,
            elapsed_secs: 0,
            running_since: Some(now),
        }
    }

    /// Seconds run so far.
    pub fn elapsed_at(&self, now: DateTime<Utc>) -> u64 {
        let running = self.running_since.map(|since| (now - since).num_seconds().max(0) as u64).unwrap_or(0);
        self.elapsed_secs.saturating_add(running)
    }

    /// Pause; a paused timer stays as it is.
    pub fn pause(&mut self, now: DateTime<Utc>) {
        if !self.is_paused() {
            self.elapsed_secs = self.elapsed_at(now);
            self.running_since = None;
        }
    }

    /// Resume; a running timer stays as it is.
    pub fn resume(&mut self, now: DateTime<Utc>) {
        if self.is_paused() {
            self.running_since = Some(now);
        }
    }

    /// Add minutes to the round (also after time is up: the round goes on).
    pub fn add_minutes(&mut self, minutes: u32) {
        self.total_secs = self.total_secs.saturating_add(u64::from(minutes.min(MAX_MINUTES)) * 60);
    }

    /// The state at `now`.
    pub fn state(&self, now: DateTime<Utc>) -> TimerState {
        let left = self.remaining_secs(now);
        if left <= 0 {
            TimerState::TimeUp
        } else if self.is_paused() {
            TimerState::Paused
        } else if left <= WARNING_SECS {
            TimerState::Warning
        } else {
            TimerState::Running
        }
    }

    /// One line for a status bar: "Runda 1 · Tid kvar 12:05", "… (pausad)",
    /// "… – 2 minuter kvar!", "Tiden är ute (+0:42)". The state is said in
    /// words, never by colour alone.
    pub fn status_text(&self, now: DateTime<Utc>, lang: Lang) -> String {
        let left = self.remaining_secs(now);
        let text = match self.state(now) {
            TimerState::Running => tr!(lang, T::TimerRunning, left = clock(left)),
            TimerState::Warning => tr!(lang, T::TimerWarning, left = clock(left)),
            TimerState::Paused => tr!(lang, T::TimerPaused, left = clock(left)),
            TimerState::TimeUp => tr!(lang, T::TimerUp, over = clock(-left)),
        };
        if self.label.is_empty() {
            text
        } else {
            format!("{} · {text}", self.label)
        }
    }
}

/// A change to the shared round timer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimerOp {
    Start { minutes: u32, label: String },
    Pause,
    Resume,
    Add(u32),
    Stop,
}

impl TimerOp {
    /// Apply to a workshop freshly read from disk; false when there is
    /// nothing to change (no timer to pause, …).
    pub fn apply(&self, w: &mut Workshop, now: DateTime<Utc>) -> bool {
        match (self, w.timer.as_mut()) {
            (TimerOp::Start { minutes, label }, _) => {
                w.timer = Some(Timer::start(*minutes, crate::domain::text::normalize(label), now));
                true
            }
            (TimerOp::Stop, Some(_)) => {
                w.timer = None;
                true
            }
            (TimerOp::Pause, Some(t)) => {
                t.pause(now);
                true
            }
            (TimerOp::Resume, Some(t)) => {
                t.resume(now);
                true
            }
            (TimerOp::Add(m), Some(t)) => {
                t.add_minutes(*m);
                true
            }
            (_, None) => false,
        }
    }
}

/// Seconds as `m:ss` (or `h:mm:ss` from an hour); negative values as their size.
pub fn clock(secs: i64) -> String {
    let s = secs.unsigned_abs();
    let (h, m, s) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-24T09:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn runs_warns_and_times_out() {
        let t = Timer::start(20, " Runda 1 ", t0());
        assert_eq!(t.label, "Runda 1");
        assert_eq!(t.remaining_secs(t0()), 1200);
        assert_eq!(t.state(t0() + Duration::seconds(1079)), TimerState::Running);
        assert_eq!(t.state(t0() + Duration::seconds(1080)), TimerState::Warning);
        assert_eq!(t.state(t0() + Duration::seconds(1199)), TimerState::Warning);
        assert_eq!(t.state(t0() + Duration::seconds(1200)), TimerState::TimeUp);
        assert_eq!(t.remaining_secs(t0() + Duration::seconds(1242)), -42);
        assert_eq!(t.status_text(t0() + Duration::seconds(1242), Lang::Sv), "Runda 1 · Tiden är ute (+0:42)");
        assert_eq!(
            t.status_text(t0() + Duration::seconds(1100), Lang::En),
            "Runda 1 · Time left 1:40 – 2 minutes left!"
        );
    }

    #[test]
    fn pause_resume_add() {
        let mut t = Timer::start(10, "", t0());
        t.pause(t0() + Duration::seconds(60));
        t.pause(t0() + Duration::seconds(300)); // twice: no change
        assert_eq!(t.remaining_secs(t0() + Duration::seconds(500)), 540);
        assert_eq!(t.state(t0() + Duration::seconds(500)), TimerState::Paused);
        assert_eq!(t.status_text(t0(), Lang::Sv), "Tid kvar 9:00 (pausad)");
        t.resume(t0() + Duration::seconds(600));
        t.resume(t0() + Duration::seconds(700)); // twice: no change
        assert_eq!(t.remaining_secs(t0() + Duration::seconds(720)), 420);
        t.add_minutes(5);
        assert_eq!(t.remaining_secs(t0() + Duration::seconds(720)), 720);
    }

    #[test]
    fn minutes_are_clamped_and_clock_formats() {
        assert_eq!(Timer::start(0, "", t0()).total_secs, 60);
        assert_eq!(Timer::start(u32::MAX, "", t0()).total_secs, u64::from(MAX_MINUTES) * 60);
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(61), "1:01");
        assert_eq!(clock(-3725), "1:02:05");
    }

    #[test]
    fn timer_ops_need_a_timer_except_start() {
        let now = t0();
        let mut w = Workshop::new("W");
        for op in [TimerOp::Pause, TimerOp::Resume, TimerOp::Add(5), TimerOp::Stop] {
            assert!(!op.apply(&mut w, now), "{op:?}");
        }
        assert!(TimerOp::Start { minutes: 20, label: " Runda 1 ".into() }.apply(&mut w, now));
        assert!(TimerOp::Add(5).apply(&mut w, now));
        assert_eq!(w.timer.as_ref().map(|t| (t.label.as_str(), t.remaining_secs(now))), Some(("Runda 1", 25 * 60)));
        assert!(TimerOp::Pause.apply(&mut w, now));
        assert!(w.timer.as_ref().is_some_and(Timer::is_paused));
        assert!(TimerOp::Stop.apply(&mut w, now));
        assert_eq!(w.timer, None);
    }

    #[test]
    fn a_clock_running_backwards_never_adds_time() {
        let t = Timer::start(5, "", t0());
        assert_eq!(t.remaining_secs(t0() - Duration::seconds(100)), 300);
    }
}
