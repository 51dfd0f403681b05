//! When the kiosk checks its update URL next: every `interval` with up to ±`jitter` (so a fleet does
//! not hit the server at the same second), and after a failure a back-off that doubles up to
//! `max_backoff`. Pure: the caller passes a random fraction in.

use std::time::Duration;

/// The sync schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// Time between successful checks.
    pub interval: Duration,
    /// Largest shift either way, as a fraction of `interval` in per cent (0–50).
    pub jitter_percent: u32,
    /// First wait after a failure.
    pub first_backoff: Duration,
    /// Longest wait after failures.
    pub max_backoff: Duration,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            interval: Duration::from_secs(60 * 60),
            jitter_percent: 20,
            first_backoff: Duration::from_secs(60),
            max_backoff: Duration::from_secs(6 * 60 * 60),
        }
    }
}

impl Schedule {
    /// The wait before the next check, given failures in a row so far and `random` in [0, 1).
    pub fn next_delay(&self, failures: u32, random: f64) -> Duration {
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.5
        };
        let base = if failures == 0 {
            self.interval
        } else {
            let doublings = (failures - 1).min(20);
            self.first_backoff
                .saturating_mul(1 << doublings)
                .min(self.max_backoff)
        };
        let spread = base.as_secs_f64() * f64::from(self.jitter_percent.min(50)) / 100.0;
        let shifted = base.as_secs_f64() + spread * (2.0 * random - 1.0);
        Duration::from_secs_f64(shifted.max(1.0))
    }
}
