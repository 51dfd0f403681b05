//! Idle reset: a visitor who walks away leaves nothing behind.

use std::time::{Duration, Instant};

/// How long a quiet screen waits before it asks "still there?", and how long it then counts down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleConfig {
    /// Quiet time before the countdown starts.
    pub timeout: Duration,
    /// Length of the countdown.
    pub countdown: Duration,
}

impl Default for IdleConfig {
    fn default() -> Self {
        IdleConfig {
            timeout: Duration::from_secs(120),
            countdown: Duration::from_secs(20),
        }
    }
}

/// What the screen should show now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdlePhase {
    /// Someone is using it, or it is a fresh session nobody has touched.
    Active,
    /// "Still there?": the session resets after `remaining` whole seconds (rounded up).
    Warning {
        /// Seconds left, at least 1.
        remaining_secs: u64,
    },
    /// Reset now: a fresh session starts. Reported once per session.
    Reset,
}

/// The idle state machine. A session that nobody has touched since the last reset never warns or
/// resets again, so an idle kiosk stays calm on its home screen.
#[derive(Debug, Clone)]
pub struct IdleTimer {
    config: IdleConfig,
    last_activity: Instant,
    touched: bool,
}

impl IdleTimer {
    /// A fresh, untouched session at `now`.
    pub fn new(config: IdleConfig, now: Instant) -> Self {
        IdleTimer {
            config,
            last_activity: now,
            touched: false,
        }
    }

    /// The configuration.
    pub fn config(&self) -> IdleConfig {
        self.config
    }

    /// The visitor did something (a key, a touch, a scroll) at `now`; cancels a countdown.
    pub fn activity(&mut self, now: Instant) {
        self.last_activity = self.last_activity.max(now);
        self.touched = true;
    }

    /// True when nobody has touched the screen since the last reset: switching content now
    /// interrupts no one.
    pub fn untouched(&self) -> bool {
        !self.touched
    }

    /// A fresh session starts at `now` (after a reset, a quick exit or at start-up).
    pub fn restart(&mut self, now: Instant) {
        self.last_activity = now;
        self.touched = false;
    }

    /// The phase at `now`, without changing anything.
    pub fn phase(&self, now: Instant) -> IdlePhase {
        if !self.touched {
            return IdlePhase::Active;
        }
        let quiet = now.saturating_duration_since(self.last_activity);
        if quiet < self.config.timeout {
            return IdlePhase::Active;
        }
        let into_countdown = quiet - self.config.timeout;
        if into_countdown >= self.config.countdown {
            return IdlePhase::Reset;
        }
        let left = self.config.countdown - into_countdown;
        IdlePhase::Warning {
            remaining_secs: left.as_secs() + u64::from(left.subsec_nanos() > 0),
        }
    }

    /// The phase at `now`; `Reset` also restarts the timer, so it is reported once.
    pub fn tick(&mut self, now: Instant) -> IdlePhase {
        let phase = self.phase(now);
        if phase == IdlePhase::Reset {
            self.restart(now);
        }
        phase
    }
}
