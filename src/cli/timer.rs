//! `malverkstad timer WORKSHOP start 20 [--label …] | pause | resume | add 5 | stop | status`
//!
//! The timer lives in `workshop.ron`, so every terminal working in the same
//! folder (also on another laptop, through a shared folder) shows it.

use std::path::PathBuf;

use anyhow::anyhow;
use chrono::Utc;
use clap::{Args, Subcommand};

use super::exit;
use crate::domain::{timer::MAX_MINUTES, Timer, Workshop};
use crate::i18n::{facil::T, Lang};
use crate::store::{codec, StoreError, WorkshopDir};
use crate::tr;

#[derive(Debug, Args)]
pub struct TimerArgs {
    /// Workshopmapp eller workshop.ron / Workshop folder or workshop.ron
    pub workshop: PathBuf,
    #[command(subcommand)]
    pub action: TimerAction,
}

#[derive(Debug, Clone, Subcommand)]
pub enum TimerAction {
    /// Starta en runda på N minuter / Start a round of N minutes
    Start {
        #[arg(value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_MINUTES)))]
        minutes: u32,
        /// Vad rundan gäller, t.ex. "Runda 1" / What the round is for
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Pausa / Pause
    Pause,
    /// Fortsätt / Resume
    Resume,
    /// Lägg till N minuter / Add N minutes
    Add {
        #[arg(value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_MINUTES)))]
        minutes: u32,
    },
    /// Ta bort timern / Remove the timer
    Stop,
    /// Visa tid kvar / Show the time left
    Status,
}

/// Apply an action to a workshop's timer. `Ok(false)` when there is no timer
/// to act on (nothing to save).
pub fn apply(w: &mut Workshop, action: &TimerAction, now: chrono::DateTime<Utc>) -> bool {
    match (action, w.timer.as_mut()) {
        (TimerAction::Start { minutes, label }, _) => {
            w.timer = Some(Timer::start(*minutes, crate::domain::text::normalize(label), now));
            true
        }
        (TimerAction::Stop, Some(_)) => {
            w.timer = None;
            true
        }
        (TimerAction::Pause, Some(t)) => {
            t.pause(now);
            true
        }
        (TimerAction::Resume, Some(t)) => {
            t.resume(now);
            true
        }
        (TimerAction::Add { minutes }, Some(t)) => {
            t.add_minutes(*minutes);
            true
        }
        (TimerAction::Status, _) | (_, None) => false,
    }
}

/// Change workshop.ron with `change` (which returns whether it changed
/// anything), reading the file right before and checking just before the
/// write that nobody saved it meanwhile; if someone did, start over from
/// their version, so their change is kept. Returns the workshop as saved (or
/// as read, when nothing changed) and whether it was saved.
pub(super) fn update_workshop(
    dir: &WorkshopDir,
    mut change: impl FnMut(&mut Workshop) -> bool,
) -> Result<(Workshop, bool), StoreError> {
    let path = dir.workshop_path();
    let mut attempt = 0;
    loop {
        let before = codec::read_capped(&path)?;
        let mut w: Workshop = codec::from_bytes(&path, &before)?;
        if !change(&mut w) {
            return Ok((w, false));
        }
        attempt += 1;
        if attempt < 5 && codec::read_capped(&path)? != before {
            continue;
        }
        dir.save_workshop(&w)?;
        return Ok((w, true));
    }
}

pub fn run(args: &TimerArgs, lang: Lang) -> anyhow::Result<i32> {
    let dir = WorkshopDir::open(&args.workshop).map_err(|e| anyhow!(e.message(lang)))?;
    let now = Utc::now();
    let (w, changed) = update_workshop(&dir, |w| apply(w, &args.action, now)).map_err(|e| anyhow!(e.message(lang)))?;
    match (&w.timer, &args.action) {
        (None, TimerAction::Stop) if changed => println!("{}", tr!(lang, T::TimerStopped)),
        (None, TimerAction::Status) => println!("{}", tr!(lang, T::NoTimer)),
        (None, _) => {
            eprintln!("{}", tr!(lang, T::NoTimer));
            return Ok(exit::FINDINGS);
        }
        (Some(t), _) => println!("{}", t.status_text(now, lang)),
    }
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_without_a_timer_change_nothing() {
        let mut w = Workshop::new("W");
        let now = Utc::now();
        for action in [TimerAction::Pause, TimerAction::Resume, TimerAction::Add { minutes: 5 }, TimerAction::Stop] {
            assert!(!apply(&mut w, &action, now));
            assert_eq!(w.timer, None);
        }
        assert!(apply(&mut w, &TimerAction::Start { minutes: 20, label: "Runda 1".into() }, now));
        assert_eq!(w.timer.as_ref().map(|t| t.remaining_secs(now)), Some(1200));
        assert!(apply(&mut w, &TimerAction::Stop, now));
        assert_eq!(w.timer, None);
    }
}
