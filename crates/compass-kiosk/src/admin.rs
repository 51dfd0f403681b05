//! The admin PIN: stored only as an Argon2id hash (RustCrypto's `argon2`, default parameters, a
//! random salt per PIN) in the state DB, checked behind [`PinLockout`]. The count of wrong PINs is
//! kept in the state DB too, so restarting the app does not reset the lockout. A PIN is never
//! logged, never kept after the check, and never leaves this module except as its hash.

use std::time::Instant;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};

use crate::pin::{PinLockout, PinVerdict};
use crate::state::{Error, StateDb};

const HASH_KEY: &str = "admin.pin_hash";
const FAILURES_KEY: &str = "admin.pin_failures";

/// Digits a PIN may have.
pub const PIN_LENGTH: std::ops::RangeInclusive<usize> = 6..=12;

/// What a PIN try came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinOutcome {
    /// The right PIN: the panel opens.
    Accepted,
    /// A wrong PIN; the verdict says whether (and for how long) the next try must wait.
    Wrong(PinVerdict),
    /// Not checked: locked for this much longer.
    Locked(std::time::Duration),
    /// No PIN has been set yet: set one first.
    NotSet,
}

/// Why a new PIN was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinRefusal {
    /// Not 6 to 12 digits.
    Shape,
    /// The two entries differ.
    Mismatch,
    /// A PIN is already set (changing it needs the panel open).
    AlreadySet,
}

/// The admin PIN of one kiosk.
#[derive(Debug)]
pub struct AdminPin {
    lockout: PinLockout,
}

impl AdminPin {
    /// Resumes the lockout from the failures recorded in `state` (counted from `now`).
    pub fn load(state: &StateDb, now: Instant) -> Result<AdminPin, Error> {
        let failures = state
            .setting(FAILURES_KEY)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        Ok(AdminPin {
            lockout: PinLockout::resume(failures, now),
        })
    }

    /// Whether a PIN has been set.
    pub fn is_set(state: &StateDb) -> Result<bool, Error> {
        Ok(state.setting(HASH_KEY)?.is_some())
    }

    /// May a PIN be tried now?
    pub fn verdict(&self, now: Instant) -> PinVerdict {
        self.lockout.verdict(now)
    }

    /// Sets the first PIN (first run). Refused once one is set; use [`AdminPin::change`] then.
    pub fn set_first(
        state: &StateDb,
        pin: &str,
        repeat: &str,
    ) -> Result<Result<(), PinRefusal>, Error> {
        if AdminPin::is_set(state)? {
            return Ok(Err(PinRefusal::AlreadySet));
        }
        AdminPin::change(state, pin, repeat)
    }

    /// Replaces the PIN (the caller has checked the admin is signed in).
    pub fn change(
        state: &StateDb,
        pin: &str,
        repeat: &str,
    ) -> Result<Result<(), PinRefusal>, Error> {
        if !well_formed(pin) {
            return Ok(Err(PinRefusal::Shape));
        }
        if pin != repeat {
            return Ok(Err(PinRefusal::Mismatch));
        }
        state.set_setting(HASH_KEY, Some(&hash(pin)))?;
        state.set_setting(FAILURES_KEY, None)?;
        Ok(Ok(()))
    }

    /// Checks a PIN at `now`, unless locked out; records the outcome.
    pub fn try_pin(
        &mut self,
        state: &StateDb,
        pin: &str,
        now: Instant,
    ) -> Result<PinOutcome, Error> {
        if let PinVerdict::LockedFor(left) = self.lockout.verdict(now) {
            return Ok(PinOutcome::Locked(left));
        }
        let Some(stored) = state.setting(HASH_KEY)? else {
            return Ok(PinOutcome::NotSet);
        };
        if matches(pin, &stored) {
            self.lockout.succeeded();
            state.set_setting(FAILURES_KEY, None)?;
            return Ok(PinOutcome::Accepted);
        }
        let verdict = self.lockout.failed(now);
        state.set_setting(FAILURES_KEY, Some(&self.lockout.failures().to_string()))?;
        Ok(PinOutcome::Wrong(verdict))
    }
}

fn well_formed(pin: &str) -> bool {
    PIN_LENGTH.contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// The PHC string of an Argon2id hash of `pin` with a fresh random salt.
fn hash(pin: &str) -> String {
    match Argon2::default().hash_password(pin.as_bytes()) {
        Ok(hash) => hash.to_string(),
        // Only a broken system random source fails here; store nothing usable rather than the PIN.
        Err(_) => String::from("!"),
    }
}

fn matches(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}
