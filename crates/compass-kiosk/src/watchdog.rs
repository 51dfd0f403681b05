//! systemd's readiness and watchdog rules for the kiosk session, with no clock and no socket: how often
//! to ask the page for a heartbeat (from `WATCHDOG_USEC`), when to say `READY=1` (the first home screen
//! painted), and when to say `WATCHDOG=1` (only when the page answered since the last tick).
//!
//! The shell ticks a [`Heartbeat`] once per [`heartbeat_interval`] and carries out each [`Beat`]: it
//! sends `WATCHDOG=1` when told, and asks the page the numbered question; the page's answer comes back
//! through [`Heartbeat::answered`]. A hung page, a stopped web process or a stuck UI thread answers
//! nothing, so the watchdog is no longer fed and systemd restarts the unit.

use std::time::Duration;

/// Heartbeats per watchdog timeout. systemd restarts the unit when no `WATCHDOG=1` arrives within the
/// timeout; three questions per timeout let one go unanswered (a page being replaced at a reset)
/// without a restart.
pub const BEATS_PER_TIMEOUT: u32 = 3;

/// The shortest interval between heartbeats, whatever `WATCHDOG_USEC` says (no busy loop).
pub const MIN_INTERVAL: Duration = Duration::from_millis(10);

/// `WATCHDOG_USEC` that is not a positive whole number of microseconds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("WATCHDOG_USEC={0:?} is not a positive number of microseconds")]
pub struct BadWatchdogUsec(pub String);

/// The time between heartbeats for systemd's `WATCHDOG_USEC` (the unit's `WatchdogSec=`): a
/// [`BEATS_PER_TIMEOUT`]th of it, at least [`MIN_INTERVAL`]. `WATCHDOG_PID` is deliberately not read:
/// under a kiosk compositor it names the compositor, the unit's main process, not the app.
pub fn heartbeat_interval(watchdog_usec: &str) -> Result<Duration, BadWatchdogUsec> {
    let usec: u64 = watchdog_usec
        .trim()
        .parse()
        .ok()
        .filter(|usec| *usec > 0)
        .ok_or_else(|| BadWatchdogUsec(watchdog_usec.to_owned()))?;
    Ok((Duration::from_micros(usec) / BEATS_PER_TIMEOUT).max(MIN_INTERVAL))
}

/// What one tick asks the shell to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Beat {
    /// Send `WATCHDOG=1`: the page answered since the last tick.
    pub watchdog: bool,
    /// Ask the page this question (its number tells its answer from a later one's); `None` before the
    /// first home screen.
    pub ask: Option<u64>,
    /// Ticks in a row the page has not answered (0 when it did), for the log.
    pub unanswered: u32,
}

/// The heartbeat between the shell and the page: asked once a tick, answered by the page.
#[derive(Debug, Clone, Default)]
pub struct Heartbeat {
    /// The first home screen was painted (`READY=1` was due).
    ready: bool,
    /// The number of the last question asked (0: none yet).
    asked: u64,
    /// The page answered since the last tick.
    answered: bool,
    /// Ticks in a row without an answer.
    unanswered: u32,
}

impl Heartbeat {
    /// A heartbeat before the first home screen: nothing is asked and nothing is sent yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A home screen was painted. True the first time only: send `READY=1` now. The painted page counts
    /// as an answer, so the first tick after it feeds the watchdog.
    pub fn home_shown(&mut self) -> bool {
        if self.ready {
            return false;
        }
        self.ready = true;
        self.answered = true;
        true
    }

    /// The page answered question `number`. An answer to a question never asked is ignored; a late
    /// answer to an earlier question still shows the page runs.
    pub fn answered(&mut self, number: u64) {
        if self.ready && number >= 1 && number <= self.asked {
            self.answered = true;
        }
    }

    /// One heartbeat interval has passed: feed the watchdog if the page answered since the last tick,
    /// and ask the next question.
    pub fn tick(&mut self) -> Beat {
        if !self.ready {
            return Beat {
                watchdog: false,
                ask: None,
                unanswered: 0,
            };
        }
        let watchdog = std::mem::take(&mut self.answered);
        self.unanswered = if watchdog {
            0
        } else {
            self.unanswered.saturating_add(1)
        };
        self.asked += 1;
        Beat {
            watchdog,
            ask: Some(self.asked),
            unanswered: self.unanswered,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{BadWatchdogUsec, Beat, Heartbeat, heartbeat_interval};

    #[test]
    fn the_interval_is_a_third_of_the_watchdog_timeout() {
        let check = |usec: &str, expect: Result<Duration, ()>| {
            let got = heartbeat_interval(usec);
            assert_eq!(
                got,
                expect.map_err(|()| BadWatchdogUsec(usec.to_owned())),
                "{usec:?}"
            );
        };
        check("15000000", Ok(Duration::from_secs(5)));
        check("3000000", Ok(Duration::from_secs(1)));
        check(" 1500000\n", Ok(Duration::from_millis(500)));
        check("1000000", Ok(Duration::from_nanos(333_333_333)));
        check("1", Ok(super::MIN_INTERVAL));
        check(
            &u64::MAX.to_string(),
            Ok(Duration::from_micros(u64::MAX) / 3),
        );
        for bad in [
            "",
            "0",
            "-5",
            "15s",
            "1.5",
            "0x10",
            "99999999999999999999999",
        ] {
            check(bad, Err(()));
        }
    }

    /// A tick's expected beat: (watchdog, question asked, unanswered ticks).
    type Expect = Option<(bool, Option<u64>, u32)>;

    /// Drives a heartbeat through events — `home`, `tick`, `answer N` — and checks each tick's beat.
    fn check(steps: &[(&str, Expect)]) {
        let mut heartbeat = Heartbeat::new();
        for (index, (event, expect)) in steps.iter().enumerate() {
            let got = match *event {
                "home" => {
                    heartbeat.home_shown();
                    None
                }
                "tick" => Some(heartbeat.tick()),
                other => {
                    let number = other
                        .strip_prefix("answer ")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or_else(|| panic!("unknown event {other}"));
                    heartbeat.answered(number);
                    None
                }
            };
            let expect = expect.map(|(watchdog, ask, unanswered)| Beat {
                watchdog,
                ask,
                unanswered,
            });
            assert_eq!(got, expect, "step {index}: {event}");
        }
    }

    #[test]
    fn nothing_is_asked_or_fed_before_the_first_home_screen() {
        check(&[
            ("tick", Some((false, None, 0))),
            ("answer 1", None),
            ("tick", Some((false, None, 0))),
        ]);
    }

    #[test]
    fn ready_is_due_once() {
        let mut heartbeat = Heartbeat::new();
        assert!(heartbeat.home_shown());
        assert!(!heartbeat.home_shown());
        heartbeat.tick();
        assert!(!heartbeat.home_shown());
    }

    #[test]
    fn an_answering_page_feeds_the_watchdog_every_tick() {
        check(&[
            ("home", None),
            ("tick", Some((true, Some(1), 0))),
            ("answer 1", None),
            ("tick", Some((true, Some(2), 0))),
            ("answer 2", None),
            ("tick", Some((true, Some(3), 0))),
        ]);
    }

    #[test]
    fn a_silent_page_stops_the_watchdog_until_it_answers_again() {
        check(&[
            ("home", None),
            ("tick", Some((true, Some(1), 0))),
            ("answer 1", None),
            // Frozen after answering 1: one more feed for that answer, then none.
            ("tick", Some((true, Some(2), 0))),
            ("tick", Some((false, Some(3), 1))),
            ("tick", Some((false, Some(4), 2))),
            ("tick", Some((false, Some(5), 3))),
            // It runs again and answers a question it was asked while frozen.
            ("answer 3", None),
            ("tick", Some((true, Some(6), 0))),
        ]);
    }

    #[test]
    fn one_answer_feeds_one_tick_only() {
        check(&[
            ("home", None),
            ("tick", Some((true, Some(1), 0))),
            ("answer 1", None),
            ("answer 1", None),
            ("tick", Some((true, Some(2), 0))),
            ("tick", Some((false, Some(3), 1))),
        ]);
    }

    #[test]
    fn answers_to_questions_never_asked_are_ignored() {
        check(&[
            ("home", None),
            ("tick", Some((true, Some(1), 0))),
            ("answer 0", None),
            ("answer 2", None),
            ("answer 99", None),
            ("tick", Some((false, Some(2), 1))),
            ("answer 2", None),
            ("tick", Some((true, Some(3), 0))),
        ]);
    }
}
