//! `safety-compass`: the desktop shell. Thin glue: settings, the window and its lockdown ([`session`]),
//! and Tauri commands that each call one `compass-api` or `compass-kiosk` method ([`commands`]). No SQL,
//! file format or content rule lives here.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod command_names;
mod commands;
mod config;
mod session;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Parser;
use compass_api::{Api, ApiConfig, Mode};
use compass_kiosk::{IdleConfig, IdlePhase, IdleTimer, QuickExit, StateDb};
use jiff::tz::TimeZone;
use tauri::http::{Response, StatusCode, header};
use tauri::{AppHandle, Manager, Runtime};

use crate::config::{Cli, Settings};

/// The app's state.
#[derive(Debug)]
pub struct Kiosk {
    api: Api,
    settings: Settings,
    idle: Mutex<IdleTimer>,
    quick_exit: Mutex<QuickExit>,
    session: AtomicU64,
    /// Visitor mode outside automation: an ephemeral webview, recreated on every reset.
    recreate_webview: bool,
    /// Settings an admin changed on this kiosk; never written during a visit.
    _state: Mutex<StateDb>,
    /// When the process started, for `SAFETY_COMPASS_TRACE_STARTUP=1` (the benchmark of cold start).
    started: Option<Instant>,
}

impl Kiosk {
    fn idle(&self) -> MutexGuard<'_, IdleTimer> {
        self.idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Prints, once, how long the first home screen took from process start (when tracing startup).
    fn trace_home(&self) {
        if let Some(started) = self.started {
            static ONCE: std::sync::Once = std::sync::Once::new();
            ONCE.call_once(|| {
                eprintln!(
                    "startup: home requested after {} ms",
                    started.elapsed().as_millis()
                )
            });
        }
    }

    fn quick_exit(&self) -> MutexGuard<'_, QuickExit> {
        self.quick_exit
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("safety-compass: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let started =
        (std::env::var("SAFETY_COMPASS_TRACE_STARTUP").as_deref() == Ok("1")).then(Instant::now);
    let context = tauri::generate_context!();
    let identifier = context.config().identifier.clone();
    let default_config = xdg_dir("XDG_CONFIG_HOME", ".config")
        .join(&identifier)
        .join("kiosk.toml");
    let settings = Settings::load(&cli, &default_config)?;
    let data_dir = cli
        .data_dir
        .clone()
        .unwrap_or_else(|| xdg_dir("XDG_DATA_HOME", ".local/share").join(&identifier));
    let state = StateDb::open(&data_dir.join("state.db")).context("opening the kiosk's state")?;
    let mut settings = settings;
    if cli.locale.is_none() {
        if let Some(locale) = state.setting("locale.default")? {
            if settings.locales.contains(&locale) {
                settings.default_locale = locale;
            }
        }
    }
    let content_dir = settings
        .content_dir
        .clone()
        .unwrap_or_else(|| data_dir.join("content"));
    let timezone = match &settings.timezone {
        Some(name) => TimeZone::get(name).with_context(|| format!("timezone {name:?}"))?,
        None => TimeZone::system(),
    };
    let locales_override = cli.locales_dir.clone();
    tauri::Builder::default()
        .register_uri_scheme_protocol("attachment", |ctx, request| {
            attachment(ctx.app_handle(), request.uri().path())
        })
        .invoke_handler(tauri::generate_handler![
            commands::kiosk_info,
            commands::ui_strings,
            commands::home,
            commands::services,
            commands::service,
            commands::events,
            commands::reports,
            commands::articles,
            commands::article,
            commands::selfchecks,
            commands::search,
            commands::referral,
            commands::about,
            commands::qr,
            commands::activity,
            commands::idle_phase,
            commands::key,
            commands::quick_exit,
        ])
        .setup(move |app| {
            let locales_dir = locales_override.unwrap_or_else(|| bundled_locales(app.handle()));
            let api = Api::open(ApiConfig {
                content_dir,
                locales_dir,
                mode: if settings.staff {
                    Mode::Staff
                } else {
                    Mode::Visitor
                },
                country: settings.country.clone(),
                default_locale: settings.default_locale.clone(),
                locales: settings.locales.clone(),
                timezone,
                now: None,
            })?;
            let idle = IdleConfig {
                timeout: Duration::from_secs(settings.idle_timeout_secs),
                countdown: Duration::from_secs(settings.idle_countdown_secs),
            };
            let staff = settings.staff;
            app.manage(Kiosk {
                api,
                recreate_webview: !staff && !session::automated(),
                settings,
                idle: Mutex::new(IdleTimer::new(idle, Instant::now())),
                quick_exit: Mutex::new(QuickExit::new()),
                session: AtomicU64::new(1),
                _state: Mutex::new(state),
                started,
            });
            session::open_first(app.handle())?;
            if !staff {
                watch_idle(app.handle().clone());
            }
            Ok(())
        })
        .run(context)
        .context("running the app")
}

/// Ticks the idle timer and resets the session when it says so. Runs on its own thread, so a hung page
/// cannot keep the last visitor's screen up.
fn watch_idle<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let phase = app.state::<Kiosk>().idle().tick(Instant::now());
            if phase == IdlePhase::Reset {
                session::reset(&app, session::Start::Home);
            }
        }
    });
}

/// Serves a report file by its SHA-256 (`attachment://localhost/<sha256>`), read-only.
fn attachment<R: Runtime>(app: &AppHandle<R>, path: &str) -> Response<Vec<u8>> {
    let sha256 = path.trim_start_matches('/');
    let found = app
        .state::<Kiosk>()
        .api
        .attachment(sha256)
        .ok()
        .and_then(|path| std::fs::read(path).ok());
    let builder = Response::builder()
        .header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
        )
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    let response = match found {
        Some(bytes) => builder
            .header(header::CONTENT_TYPE, sniff(&bytes))
            .body(bytes),
        None => builder.status(StatusCode::NOT_FOUND).body(Vec::new()),
    };
    response.unwrap_or_else(|_| Response::new(Vec::new()))
}

/// The type of a report file from its first bytes: PDF, plain text, else opaque bytes.
fn sniff(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else if std::str::from_utf8(bytes).is_ok() {
        "text/plain; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}

/// The bundled UI strings: beside the installed app, else the source tree's (development builds).
fn bundled_locales<R: Runtime>(app: &AppHandle<R>) -> PathBuf {
    let installed = app.path().resource_dir().map(|dir| dir.join("locales"));
    match installed {
        Ok(dir) if dir.is_dir() => dir,
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../resources/locales"),
    }
}

/// `$VAR`, else `$HOME/<fallback>`.
fn xdg_dir(var: &str, fallback: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(fallback)
        })
}
