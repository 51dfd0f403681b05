//! systemd's notify protocol for the kiosk session (`safety-compass-kiosk.service`): `READY=1` once the
//! first home screen is painted, then `WATCHDOG=1` only while the page answers a heartbeat. The rules
//! (the interval from `WATCHDOG_USEC`, "answered since the last tick") are
//! `compass_kiosk::watchdog`'s; this module reads the environment, asks the page and sends the
//! datagrams (through the `sd-notify` crate).
//!
//! The heartbeat is a numbered script evaluated in the page, whose result comes back to the shell. It
//! is answered only when the app's main thread dispatches it, the web process's main thread (the one
//! that runs the page's scripts and paints) evaluates it, and the result travels back — so a stuck UI
//! thread, a page busy in a script, or a stopped, hung or crashed web process all stop the answers,
//! and with them `WATCHDOG=1`; systemd then restarts the unit. No IPC command is involved and the
//! page's own scripts take no part.
//!
//! Under cage the unit's main process is cage and the app its child, so `WATCHDOG_PID` names cage: the
//! app reads `WATCHDOG_USEC` itself, and the unit accepts notifications from all its processes
//! (`NotifyAccess=all`). Without `NOTIFY_SOCKET` (not started by systemd) nothing is sent or asked.

use std::sync::Mutex;
use std::time::Duration;

use compass_kiosk::watchdog::{Heartbeat, heartbeat_interval};
use tauri::{AppHandle, Manager, Runtime};

use crate::{Kiosk, lock};

/// A notification to the service manager.
#[derive(Debug, Clone, Copy)]
enum Message {
    /// `READY=1`: the kiosk shows its first home screen.
    Ready,
    /// `WATCHDOG=1`: the page answered since the last tick.
    Alive,
}

/// The heartbeat and where it is reported.
#[derive(Debug)]
pub struct Watchdog {
    /// Whether systemd listens (`NOTIFY_SOCKET` is set).
    notify: bool,
    /// Time between heartbeats; `None` when systemd set no watchdog (or a bad `WATCHDOG_USEC`).
    interval: Option<Duration>,
    heartbeat: Mutex<Heartbeat>,
}

impl Watchdog {
    /// From the environment systemd gives the unit's processes: `NOTIFY_SOCKET`, `WATCHDOG_USEC`.
    pub fn from_env() -> Self {
        let notify = std::env::var_os("NOTIFY_SOCKET").is_some_and(|s| !s.is_empty());
        let interval = std::env::var("WATCHDOG_USEC")
            .ok()
            .filter(|_| notify)
            .and_then(|usec| {
                heartbeat_interval(&usec)
                    .map_err(|error| eprintln!("safety-compass: no watchdog heartbeat: {error}"))
                    .ok()
            });
        Watchdog {
            notify,
            interval,
            heartbeat: Mutex::new(Heartbeat::new()),
        }
    }

    /// A home screen of the current session was painted: `READY=1` the first time.
    pub fn home_shown(&self) {
        if !self.notify || !lock(&self.heartbeat).home_shown() {
            return;
        }
        match send(Message::Ready) {
            Ok(()) => match self.interval {
                Some(interval) => eprintln!(
                    "safety-compass: ready (READY=1 sent); watchdog heartbeat every {:.1} s",
                    interval.as_secs_f64()
                ),
                None => eprintln!("safety-compass: ready (READY=1 sent); no watchdog"),
            },
            Err(error) => eprintln!("safety-compass: READY=1 could not be sent: {error}"),
        }
    }

    fn answered(&self, number: u64) {
        lock(&self.heartbeat).answered(number);
    }
}

/// Starts the heartbeat thread when systemd asked for a watchdog: once an interval it feeds the
/// watchdog if the page answered since the last tick, and asks the page the next question.
pub fn spawn<R: Runtime>(app: &AppHandle<R>) {
    let Some(interval) = app.state::<Kiosk>().watchdog.interval else {
        return;
    };
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("watchdog".into())
        .spawn(move || beat(&app, interval));
    if let Err(error) = spawned {
        eprintln!("safety-compass: the watchdog heartbeat did not start: {error}");
    }
}

fn beat<R: Runtime>(app: &AppHandle<R>, interval: Duration) {
    let mut sending_failed = false;
    loop {
        std::thread::sleep(interval);
        let kiosk = app.state::<Kiosk>();
        let beat = lock(&kiosk.watchdog.heartbeat).tick();
        if beat.watchdog {
            match send(Message::Alive) {
                Ok(()) => sending_failed = false,
                Err(error) if !sending_failed => {
                    sending_failed = true;
                    eprintln!("safety-compass: WATCHDOG=1 could not be sent: {error}");
                }
                Err(_) => {}
            }
        }
        // One silent tick may be a page being replaced at a reset; two in a row are not.
        if beat.unanswered == 2 {
            eprintln!(
                "safety-compass: the page has not answered two watchdog heartbeats; systemd restarts the kiosk if it stays silent"
            );
        }
        if let Some(number) = beat.ask {
            ask(app, number);
        }
    }
}

/// Asks the page to evaluate question `number` (the number itself); its result is the answer.
fn ask<R: Runtime>(app: &AppHandle<R>, number: u64) {
    let Some(window) = app.get_webview_window(crate::session::LABEL) else {
        return;
    };
    let handle = app.clone();
    let expected = number.to_string();
    let asked = window.eval_with_callback(expected.clone(), move |answer| {
        // A failed evaluation (no page, a crashed web process) answers "".
        if answer.trim() == expected {
            handle.state::<Kiosk>().watchdog.answered(number);
        }
    });
    if let Err(error) = asked {
        eprintln!("safety-compass: the watchdog could not ask the page: {error}");
    }
}

#[cfg(target_os = "linux")]
fn send(message: Message) -> std::io::Result<()> {
    use sd_notify::NotifyState;
    let state = match message {
        Message::Ready => NotifyState::Ready,
        Message::Alive => NotifyState::Watchdog,
    };
    sd_notify::notify(&[state])
}

/// systemd is Linux's: elsewhere nothing listens.
#[cfg(not(target_os = "linux"))]
fn send(_message: Message) -> std::io::Result<()> {
    Ok(())
}
