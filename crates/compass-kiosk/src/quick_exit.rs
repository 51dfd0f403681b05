//! Quick exit: the keyboard gesture of GOV.UK's "Exit this page" — Esc at once, or Shift three times in
//! a row within a few seconds.

use std::time::{Duration, Instant};

/// Shift presses that count as the gesture.
const SHIFT_PRESSES: usize = 3;
/// The presses must fall within this window.
const WINDOW: Duration = Duration::from_secs(5);

/// A key, as far as quick exit cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Escape.
    Escape,
    /// Either Shift key, pressed on its own.
    Shift,
    /// Anything else: breaks a run of Shift presses.
    Other,
}

/// Watches key presses for the quick-exit gesture.
#[derive(Debug, Clone, Default)]
pub struct QuickExit {
    shifts: Vec<Instant>,
}

impl QuickExit {
    /// A watcher with no presses seen.
    pub fn new() -> Self {
        Self::default()
    }

    /// A key was pressed at `now`; true when the visitor asked to leave.
    pub fn key(&mut self, key: Key, now: Instant) -> bool {
        match key {
            Key::Escape => {
                self.shifts.clear();
                true
            }
            Key::Other => {
                self.shifts.clear();
                false
            }
            Key::Shift => {
                self.shifts
                    .retain(|pressed| now.saturating_duration_since(*pressed) < WINDOW);
                self.shifts.push(now);
                if self.shifts.len() >= SHIFT_PRESSES {
                    self.shifts.clear();
                    true
                } else {
                    false
                }
            }
        }
    }
}
