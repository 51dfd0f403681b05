//! The kiosk's rules, as pure state machines with the clock passed in, and its own small writable state.
//!
//! - [`IdleTimer`]: after a quiet spell, a "still there?" countdown, then a reset to a fresh session.
//! - [`QuickExit`]: Esc, or Shift three times in a row, leaves at once.
//! - [`PinLockout`]: wrong admin PINs lock the panel for a growing time; [`AdminPin`] keeps the PIN
//!   as an Argon2id hash in the state DB behind that lockout.
//! - [`Session`]: the visit as one state machine over those rules — idle, quick exit, the admin
//!   unlock, the content release on screen — returning the [`Effect`]s the shell carries out.
//! - [`speech`]: read aloud through espeak-ng, run as a separate process, one utterance at a time.
//! - [`watchdog`]: systemd's `READY=1` at the first home screen and `WATCHDOG=1` only while the page
//!   answers a heartbeat.
//! - [`StateDb`]: settings in a small SQLite file with append-only migrations. Nothing a visitor does
//!   is ever written to it, except the opt-in anonymous [`counters`] (closed names per day, no text).
//!
//! Every decision takes `now` as an argument, so tests drive the machines with a fake clock. This crate
//! knows nothing of Tauri, windows, the content DB or the network.

#![deny(missing_docs)]

mod admin;
pub mod counters;
mod idle;
mod pin;
mod quick_exit;
mod session;
pub mod speech;
mod state;
pub mod watchdog;

#[cfg(test)]
mod tests;

pub use admin::{AdminPin, PIN_LENGTH, PinOutcome, PinRefusal};
pub use counters::{Counter, Day, Visit};
pub use idle::{IdleConfig, IdlePhase, IdleTimer};
pub use pin::{PinLockout, PinVerdict};
pub use quick_exit::{Key, QuickExit};
pub use session::{ADMIN_IDLE, Effect, Screen, Session, SessionConfig, Start};
pub use state::{Error, StateDb};
