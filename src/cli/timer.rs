//! `malverkstad timer WORKSHOP start 20 [--label …] | pause | resume | add 5 | stop | status`
//!
//! The timer lives in `workshop.ron`, so every terminal working in the same
//! folder (also on another laptop, through a shared folder) shows it.

use std::path::PathBuf;

use anyhow::anyhow;
use chrono::Utc;
use clap::{Args, Subcommand};

use super::{exit, Cli};
use crate::domain::timer::{TimerOp, MAX_MINUTES};
use crate::domain::Workshop;
use crate::i18n::{facil::T, Lang};
use crate::tr;

#[derive(Debug, Args)]
pub struct TimerArgs {
    /// Workshopmapp, mappnamn eller titel / Workshop folder, folder name or title
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
    let op = match action {
        TimerAction::Start { minutes, label } => TimerOp::Start { minutes: *minutes, label: label.clone() },
        TimerAction::Stop => TimerOp::Stop,
        TimerAction::Pause => TimerOp::Pause,
        TimerAction::Resume => TimerOp::Resume,
        TimerAction::Add { minutes } => TimerOp::Add(*minutes),
        TimerAction::Status => return false,
    };
    op.apply(w, now)
}

pub(super) use crate::store::update::update_workshop;

pub fn run(cli: &Cli, args: &TimerArgs, lang: Lang) -> anyhow::Result<i32> {
    let dir = super::workshop_arg::open(cli.dir.as_deref(), &args.workshop, lang).map_err(anyhow::Error::msg)?;
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
