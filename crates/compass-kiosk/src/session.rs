//! The visitor session: one state machine that owns every rule of a visit — idle reset, quick exit,
//! the admin unlock, which content release is on screen and when another may replace it, and the
//! bookkeeping of update sources (USB sticks seen, failed checks in a row).
//!
//! It performs nothing itself: each event returns the [`Effect`]s the shell must carry out (replace
//! the page, show the store's current release, check a stick). The shell is the same in production and
//! under test automation, so what the tests drive is what a kiosk runs.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::{Counter, IdleConfig, IdlePhase, IdleTimer, Key, QuickExit};

/// How a session behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionConfig {
    /// Idle reset (visitor mode only; a staff window never resets by itself).
    pub idle: IdleConfig,
    /// The admin panel locks after this long without an admin action.
    pub admin_idle: Duration,
    /// Visitor mode (fullscreen, idle reset) rather than staff mode (a window).
    pub visitor: bool,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            idle: IdleConfig::default(),
            admin_idle: ADMIN_IDLE,
            visitor: true,
        }
    }
}

/// The admin panel locks after two quiet minutes, whatever the idle timeout.
pub const ADMIN_IDLE: Duration = Duration::from_secs(120);

/// A stick whose check failed on the stick itself is checked again at most this many times while
/// it stays plugged in (see [`Session::stick_failed`]).
pub const STICK_RETRIES: u32 = 3;

/// What a fresh session starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The home screen.
    Home,
    /// The neutral screen (after a quick exit), then home at the next touch.
    Neutral,
}

/// The screen the page reports it shows. Only the admin panel matters to the rules; the rest is
/// not told apart (nothing of what a visitor looks at is kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The admin panel (behind the PIN).
    Admin,
    /// The neutral cover after a quick exit.
    Neutral,
    /// Any other screen.
    Other,
}

/// What the shell must do, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Show the store's current release if it is not `shown` (activating a staged one first), then
    /// report it with [`Session::showing`]. Only ever returned at a reset, before [`Effect::FreshPage`].
    SwitchContent {
        /// The release on screen now.
        shown: Option<u64>,
    },
    /// Record this release as in use, so that no collection of old releases removes it.
    RecordInUse(u64),
    /// Clear the clipboard and the primary selection, drop the page's browsing data and load a new
    /// document for session `number`.
    FreshPage {
        /// The new session's number (it names the document, so no old one is reused).
        number: u64,
        /// What it starts on.
        start: Start,
    },
    /// Import from this USB stick's repository folder.
    CheckStick(PathBuf),
    /// Count this for the opt-in anonymous counters (the shell drops it when counting is off):
    /// after an idle reset's and a quick exit's other effects.
    Count(Counter),
}

/// The session state machine. Every method takes `now`; tests drive it with a fake clock.
#[derive(Debug, Clone)]
pub struct Session {
    config: SessionConfig,
    idle: IdleTimer,
    quick_exit: QuickExit,
    /// When the admin last acted, while the panel is unlocked.
    admin: Option<Instant>,
    number: u64,
    shown: Option<u64>,
    sticks: Vec<PathBuf>,
    /// Failed checks of each stick plugged in now ([`Session::stick_failed`]).
    stick_failures: Vec<(PathBuf, u32)>,
    failures: u32,
}

impl Session {
    /// The first session, showing release `shown` (if any content is installed).
    pub fn new(config: SessionConfig, shown: Option<u64>, now: Instant) -> Self {
        Session {
            config,
            idle: IdleTimer::new(config.idle, now),
            quick_exit: QuickExit::new(),
            admin: None,
            number: 1,
            shown,
            sticks: Vec::new(),
            stick_failures: Vec::new(),
            failures: 0,
        }
    }

    /// The current session's number.
    pub fn number(&self) -> u64 {
        self.number
    }

    /// The release on screen.
    pub fn shown(&self) -> Option<u64> {
        self.shown
    }

    /// Effects to run once at start: the release on screen is in use.
    pub fn started(&self) -> Vec<Effect> {
        self.shown.map(Effect::RecordInUse).into_iter().collect()
    }

    /// A touch, a key or scrolling: the visitor is still there.
    pub fn activity(&mut self, now: Instant) {
        self.idle.activity(now);
    }

    /// Nobody has touched the screen since the session began.
    pub fn untouched(&self) -> bool {
        self.idle.untouched()
    }

    /// Where the idle countdown is (always `Active` in staff mode).
    pub fn idle_phase(&self, now: Instant) -> IdlePhase {
        if self.config.visitor {
            self.idle.phase(now)
        } else {
            IdlePhase::Active
        }
    }

    /// The clock moved: resets the session when the idle countdown ran out.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        if self.config.visitor && self.idle.tick(now) == IdlePhase::Reset {
            let mut effects = self.reset(now, Start::Home);
            effects.push(Effect::Count(Counter::RESET));
            effects
        } else {
            Vec::new()
        }
    }

    /// A key press; true when it completes the quick-exit gesture (the page then asks for
    /// [`Session::quick_exit`]).
    pub fn key(&mut self, key: Key, now: Instant) -> bool {
        self.quick_exit.key(key, now)
    }

    /// The quick exit asked for by the page of session `from`: a fresh session that starts on the
    /// neutral screen. A request from an older page (one the reset already replaced, or a retried
    /// call) does nothing, so one press never costs two resets.
    pub fn quick_exit(&mut self, from: u64, now: Instant) -> Vec<Effect> {
        let mut effects = self.reset_from(from, now, Start::Neutral);
        if !effects.is_empty() {
            effects.push(Effect::Count(Counter::QUICK_EXIT));
        }
        effects
    }

    /// A reset asked for by the page of session `from` (the admin panel's Close); nothing when that
    /// page is no longer the current one.
    pub fn reset_from(&mut self, from: u64, now: Instant, start: Start) -> Vec<Effect> {
        if from == self.number {
            self.reset(now, start)
        } else {
            Vec::new()
        }
    }

    /// Ends this session and starts a fresh one: forgets the idle time, Shift presses and the admin
    /// unlock, and switches content — the only moment it may switch.
    pub fn reset(&mut self, now: Instant, start: Start) -> Vec<Effect> {
        self.idle.restart(now);
        self.quick_exit = QuickExit::new();
        self.admin = None;
        self.number += 1;
        vec![
            Effect::SwitchContent { shown: self.shown },
            Effect::FreshPage {
                number: self.number,
                start,
            },
        ]
    }

    /// The shell now shows `release` (after [`Effect::SwitchContent`], or an admin's roll back).
    pub fn showing(&mut self, release: u64) -> Vec<Effect> {
        self.shown = Some(release);
        vec![Effect::RecordInUse(release)]
    }

    /// A new release was staged. On an untouched screen with the panel locked it is shown at once
    /// (a reset interrupts no one); otherwise at the next reset, never mid-visit.
    pub fn staged(&mut self, now: Instant) -> Vec<Effect> {
        if self.untouched() && !self.admin_open(now) {
            self.reset(now, Start::Home)
        } else {
            Vec::new()
        }
    }

    /// The right PIN was entered (or the first one set): the panel is open.
    pub fn admin_unlocked(&mut self, now: Instant) {
        self.admin = Some(now);
    }

    /// True while the panel is unlocked: it was opened, not left, and an admin acted within
    /// [`SessionConfig::admin_idle`]. Each admin action calls this, which keeps it open.
    pub fn admin_act(&mut self, now: Instant) -> bool {
        let open = self.admin_open(now);
        self.admin = open.then_some(now);
        open
    }

    /// Whether the panel is unlocked now, without counting as an admin action.
    pub fn admin_open(&self, now: Instant) -> bool {
        self.admin
            .is_some_and(|at| now.saturating_duration_since(at) < self.config.admin_idle)
    }

    /// The page of session `from` shows `screen`: any screen but the panel locks it. Returns false
    /// (and changes nothing) when the report comes from an older page.
    pub fn screen(&mut self, from: u64, screen: Screen, now: Instant) -> bool {
        if from != self.number {
            return false;
        }
        if screen != Screen::Admin {
            self.admin = None;
        } else if self.admin_open(now) {
            self.admin = Some(now);
        }
        true
    }

    /// The USB sticks with a repository folder seen now: checks each one not seen before.
    pub fn sticks_seen(&mut self, found: Vec<PathBuf>) -> Vec<Effect> {
        let new = found
            .iter()
            .filter(|stick| !self.sticks.contains(stick))
            .cloned()
            .map(Effect::CheckStick)
            .collect();
        self.stick_failures
            .retain(|(stick, _)| found.contains(stick));
        self.sticks = found;
        new
    }

    /// The sticks seen last, for the admin panel.
    pub fn sticks(&self) -> &[PathBuf] {
        &self.sticks
    }

    /// A stick's check failed on the stick itself (a file missing or unreadable: part of a
    /// repository, or a stick still mounting): the next scan checks it again, at most
    /// [`STICK_RETRIES`] times while it stays plugged in; after that only once it has been unplugged
    /// and plugged in again, so a broken stick is not read every few seconds forever. Returns
    /// whether it will be checked again.
    pub fn stick_failed(&mut self, stick: &std::path::Path) -> bool {
        let failures = match self.stick_failures.iter_mut().find(|(s, _)| s == stick) {
            Some((_, failures)) => {
                *failures += 1;
                *failures
            }
            None => {
                self.stick_failures.push((stick.to_owned(), 1));
                1
            }
        };
        let again = failures <= STICK_RETRIES;
        if again {
            self.stick_retry(stick);
        }
        again
    }

    /// A stick's import could not start for a reason that is not the stick's (another update holds
    /// the store): the next scan checks it again.
    pub fn stick_retry(&mut self, stick: &std::path::Path) {
        self.sticks.retain(|seen| seen != stick);
    }

    /// A scheduled check of the update URL ended; returns the failures in a row (for back-off).
    pub fn sync_checked(&mut self, ok: bool) -> u32 {
        self.failures = if ok { 0 } else { self.failures + 1 };
        self.failures
    }
}
