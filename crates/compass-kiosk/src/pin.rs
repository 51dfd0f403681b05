//! Admin PIN lockout: after [`PinLockout::FREE_ATTEMPTS`] wrong PINs in a row, every further wrong PIN
//! locks the panel for twice as long as the one before (30 s, 1 min, 2 min … up to an hour). Checking
//! the PIN itself (its hash) is the caller's business; this only decides whether a try is allowed.

use std::time::{Duration, Instant};

const FIRST_LOCK: Duration = Duration::from_secs(30);
const LONGEST_LOCK: Duration = Duration::from_secs(3600);

/// Whether a PIN may be tried now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinVerdict {
    /// Go ahead.
    Allowed,
    /// Locked for this much longer.
    LockedFor(Duration),
}

/// The lockout state machine.
#[derive(Debug, Clone, Default)]
pub struct PinLockout {
    failures: u32,
    locked_until: Option<Instant>,
}

impl PinLockout {
    /// Wrong PINs allowed before the first lock.
    pub const FREE_ATTEMPTS: u32 = 5;

    /// No failures yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The state after a restart with `failures` wrong PINs on record: at or past the free tries,
    /// the lock of that step starts again at `now`.
    pub fn resume(failures: u32, now: Instant) -> Self {
        if failures < Self::FREE_ATTEMPTS {
            return PinLockout {
                failures,
                locked_until: None,
            };
        }
        let mut lockout = PinLockout {
            failures: failures - 1,
            locked_until: None,
        };
        lockout.failed(now);
        lockout
    }

    /// Wrong PINs in a row so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// May a PIN be tried at `now`?
    pub fn verdict(&self, now: Instant) -> PinVerdict {
        match self.locked_until {
            Some(until) if until > now => PinVerdict::LockedFor(until - now),
            _ => PinVerdict::Allowed,
        }
    }

    /// A wrong PIN was entered at `now`; returns the verdict for the next try.
    pub fn failed(&mut self, now: Instant) -> PinVerdict {
        self.failures = self.failures.saturating_add(1);
        if self.failures >= Self::FREE_ATTEMPTS {
            let doublings = (self.failures - Self::FREE_ATTEMPTS).min(16);
            let lock = FIRST_LOCK.saturating_mul(1 << doublings).min(LONGEST_LOCK);
            self.locked_until = Some(now + lock);
        }
        self.verdict(now)
    }

    /// The right PIN was entered: failures are forgotten.
    pub fn succeeded(&mut self) {
        self.failures = 0;
        self.locked_until = None;
    }
}
