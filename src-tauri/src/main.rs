//! `safety-compass`: the desktop shell. Thin glue: settings, the window and its lockdown ([`session`]),
//! and Tauri commands that each call one `compass-api` or `compass-kiosk` method ([`commands`]). No SQL,
//! file format or content rule lives here.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod command_names;
mod commands;
mod config;
mod headless;
mod session;
mod status;
#[cfg(test)]
mod tests;
mod updates;
mod watchdog;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Parser;
use compass_api::{Api, ApiConfig, Mode, ScreenKind};
use compass_kiosk::{AdminPin, IdleConfig, Screen, Session, SessionConfig, StateDb};
use jiff::tz::TimeZone;
use tauri::http::{Response, StatusCode, header};
use tauri::{AppHandle, Manager, Runtime};

use crate::config::{Cli, Settings};

/// The app's state.
#[derive(Debug)]
pub struct Kiosk {
    /// The façade over the content on screen; replaced (never mid-visit) when new content is shown.
    api: RwLock<Arc<Api>>,
    /// How `api` was opened, to open it again over other content or another default language.
    api_config: Mutex<ApiConfig>,
    settings: Settings,
    /// Signed updates; `None` when a fixed content folder was given (`--content`).
    updates: Option<updates::Updates>,
    /// The admin PIN's lockout.
    admin_pin: Mutex<AdminPin>,
    /// Every rule of the visit: idle, quick exit, admin unlock, content on screen, update sources.
    session: Mutex<Session>,
    /// Settings an admin changed, the PIN hash, starts; during a visit only the opt-in counters.
    state: Arc<Mutex<StateDb>>,
    /// Fleet status (the record, problems) and the opt-in anonymous counters.
    fleet: status::Fleet,
    /// Read aloud; `None` when espeak-ng is not installed (the UI then shows no "Listen").
    speaker: Option<compass_kiosk::speech::Speaker>,
    /// `SAFETY_COMPASS_TRACE=1`: print session numbers and screen kinds (never content or text) to
    /// stderr, and how long the first home screen took from process start.
    trace: Option<Instant>,
    /// systemd's notify protocol: `READY=1` at the first home screen, `WATCHDOG=1` on the page's heartbeat.
    watchdog: watchdog::Watchdog,
}

/// Locks a mutex, recovering the data from a panicked holder (the rules stay usable).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Kiosk {
    /// The API over the content on screen.
    fn api(&self) -> Arc<Api> {
        self.api
            .read()
            .map(|api| api.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    /// Opens the API again over `content_dir` (if given) with the current settings, and swaps it in.
    fn reopen_api(&self, content_dir: Option<PathBuf>) -> Result<()> {
        let mut config = lock(&self.api_config);
        if let Some(dir) = content_dir {
            config.content_dir = dir;
        }
        let api = Api::open(config.clone())?;
        *self.api.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(api);
        Ok(())
    }

    fn state(&self) -> MutexGuard<'_, StateDb> {
        lock(&self.state)
    }

    fn admin_pin(&self) -> MutexGuard<'_, AdminPin> {
        lock(&self.admin_pin)
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        lock(&self.session)
    }

    /// The page of session `from` shows `screen` (in `locale`): the session's rules hear of it; traced
    /// when asked.
    fn screen_shown(&self, from: u64, screen: ScreenKind, locale: &str) {
        let kind = match screen {
            ScreenKind::Admin => Screen::Admin,
            ScreenKind::Neutral => Screen::Neutral,
            // Home included: the rules learn of a fresh home from the reset itself.
            _ => Screen::Other,
        };
        let mut session = self.session();
        let current = session.screen(from, kind, Instant::now());
        if current && let Some(name) = status::screen_name(screen) {
            self.fleet.screen(session.number(), name, locale);
        }
        if let Some(started) = self.trace.filter(|_| current) {
            eprintln!(
                "trace: session={} screen={} locale={locale} ms={}",
                session.number(),
                screen.name(),
                started.elapsed().as_millis()
            );
        }
        drop(session);
        if current && matches!(screen, ScreenKind::Home) {
            self.watchdog.home_shown();
        }
    }
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if let Some(command) = cli.command.take() {
        let data_dir = data_dir(&cli);
        let first_boot = cli.first_boot.clone().or_else(installed_first_boot);
        return headless::run(command, &data_dir, first_boot.as_deref());
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("safety-compass: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let trace = (std::env::var("SAFETY_COMPASS_TRACE").as_deref() == Ok("1")).then(Instant::now);
    let context = tauri::generate_context!();
    let identifier = context.config().identifier.clone();
    let default_config = xdg_dir("XDG_CONFIG_HOME", ".config")
        .join(&identifier)
        .join("kiosk.toml");
    let settings = Settings::load(&cli, &default_config)?;
    let data_dir = data_dir(&cli);
    let state = StateDb::open(&data_dir.join("state.db")).context("opening the kiosk's state")?;
    let mut settings = settings;
    if cli.locale.is_none()
        && let Some(locale) = state.setting("locale.default")?
        && settings.locales.contains(&locale)
    {
        settings.default_locale = locale;
    }
    let admin_pin =
        AdminPin::load(&state, Instant::now()).context("reading the admin PIN state")?;
    let timezone = match &settings.timezone {
        Some(name) => TimeZone::get(name).with_context(|| format!("timezone {name:?}"))?,
        None => TimeZone::system(),
    };
    // Fleet status and the opt-in counters (status.rs): this start is counted now.
    let state = Arc::new(Mutex::new(state));
    let fleet = status::Fleet::start(
        status::FleetConfig {
            kiosk_id: settings
                .kiosk_id
                .clone()
                .unwrap_or_else(status::machine_kiosk_id),
            data_dir: data_dir.clone(),
            country: settings.country.clone(),
            counters: settings.counters,
            timezone: timezone.clone(),
            known_locales: &compass_api::LAUNCH_LOCALES,
            status_url: settings.status_url.clone(),
        },
        state.clone(),
    );
    let locales_override = cli.locales_dir.clone();
    let webview_data = session::webview_folder().context("making the webview's private folder")?;
    let webview_data_at_exit = webview_data.clone();
    let app = tauri::Builder::default()
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
            commands::screen,
            commands::admin_gate,
            commands::admin_set_pin,
            commands::admin_unlock,
            commands::admin_view,
            commands::admin_check,
            commands::admin_import_usb,
            commands::admin_rollback,
            commands::admin_save,
            commands::admin_close,
            commands::speak,
            commands::stop_speaking,
            commands::speaking,
        ])
        .on_window_event(|window, event| {
            // Only the OS session or an operator ends a visitor kiosk (Alt+F4, a WM close: refused).
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && !window.state::<Kiosk>().settings.staff
            {
                eprintln!(
                    "safety-compass: a request to close the window was refused (visitor mode)"
                );
                api.prevent_close();
            }
        })
        .setup(move |app| {
            let locales_dir = locales_override.unwrap_or_else(|| bundled_locales(app.handle()));
            // A fixed content folder turns updates off; otherwise the store decides what is shown.
            let (updates, content_dir, shown) = match &settings.content_dir {
                Some(dir) => (None, dir.clone(), None),
                None => {
                    let first_boot = cli
                        .first_boot
                        .clone()
                        .or_else(|| updates::packaged_first_boot(app.handle()));
                    let (updates, release) =
                        updates::Updates::open(&data_dir, first_boot.as_deref())?;
                    let dir = release.map_or_else(
                        || data_dir.join("no-content"),
                        |version| updates.store.release_dir(version),
                    );
                    (Some(updates), dir, release)
                }
            };
            let api_config = ApiConfig {
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
            };
            let api = Api::open(api_config.clone())?;
            if let Some(error) = api.kiosk().content_error {
                // The screen says it too (a notice on every content screen), in the visitor's language.
                eprintln!(
                    "safety-compass: no content to show ({}: {}): {}",
                    error.code,
                    api_config.content_dir.display(),
                    error.message.unwrap_or_default()
                );
            }
            let session = Session::new(
                SessionConfig {
                    idle: IdleConfig {
                        timeout: Duration::from_secs(settings.idle_timeout_secs),
                        countdown: Duration::from_secs(settings.idle_countdown_secs),
                    },
                    visitor: !settings.staff,
                    ..SessionConfig::default()
                },
                shown,
                Instant::now(),
            );
            let with_updates = updates.is_some();
            let started = session.started();
            app.manage(Kiosk {
                api: RwLock::new(Arc::new(api)),
                api_config: Mutex::new(api_config),
                updates,
                admin_pin: Mutex::new(admin_pin),
                session: Mutex::new(session),
                speaker: compass_kiosk::speech::Speaker::find(),
                settings,
                state,
                fleet,
                trace,
                watchdog: watchdog::Watchdog::from_env(),
            });
            session::apply(app.handle(), started);
            session::open(app.handle(), &webview_data)?;
            session::exit_on_signals(app.handle());
            watch_idle(app.handle().clone());
            status::spawn_hourly(app.handle().clone());
            watchdog::spawn(app.handle());
            if with_updates {
                updates::spawn_sync(app.handle().clone());
                updates::watch_usb(app.handle().clone());
            }
            Ok(())
        })
        .build(context)
        .context("starting the app")?;
    app.run(move |app, event| {
        if let tauri::RunEvent::Exit = event {
            // Counts still queued are stored before the process ends.
            app.state::<Kiosk>().fleet.flush();
            // The webview's folder is in memory, but leave nothing of it behind either way.
            std::fs::remove_dir_all(&webview_data_at_exit).ok();
        }
    });
    Ok(())
}

/// Ticks the session's clock and carries out what it says (the idle reset). Runs on its own thread,
/// so a hung page cannot keep the last visitor's screen up.
fn watch_idle<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let effects = app.state::<Kiosk>().session().tick(Instant::now());
            session::apply(&app, effects);
        }
    });
}

/// Serves a report file by its SHA-256 (`attachment://localhost/<sha256>`), read-only.
fn attachment<R: Runtime>(app: &AppHandle<R>, path: &str) -> Response<Vec<u8>> {
    let sha256 = path.trim_start_matches('/');
    let found = app
        .state::<Kiosk>()
        .api()
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

/// The data folder: `--data-dir`, else the XDG data folder of the app.
fn data_dir(cli: &Cli) -> PathBuf {
    cli.data_dir
        .clone()
        .unwrap_or_else(|| xdg_dir("XDG_DATA_HOME", ".local/share").join(IDENTIFIER))
}

/// The app's identifier (as in tauri.conf.json), which names its XDG folders.
const IDENTIFIER: &str = "org.safetycompass.kiosk";

/// The first-boot folder of an installed package (Debian: beside the binary's resources), found
/// without starting Tauri, for the headless commands.
fn installed_first_boot() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let prefix = exe.parent()?.parent()?;
    let dir = prefix.join("lib").join("Safety Compass").join("first-boot");
    dir.is_dir().then_some(dir)
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
