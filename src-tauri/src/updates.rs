//! Glue between the app and `compass-update`: where the shown content comes from (first boot
//! installs the signed first-boot repository), the sync task, the USB watcher, the switch to new
//! content at an idle reset, and the headless `update` / `status` / `rollback` commands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use anyhow::{Context, Result};
use compass_update::{FetchConfig, Outcome, Progress, Source, Store};
use tauri::{AppHandle, Manager, Runtime};

use crate::Kiosk;
use crate::config::Headless;
use crate::session;

/// The state-DB setting that overrides `update_url` from kiosk.toml (set in the admin panel).
pub const URL_SETTING: &str = "update.url";

/// The app's update state.
#[derive(Debug)]
pub struct Updates {
    /// The store in the data folder.
    pub store: Store,
    /// The version the app is showing.
    shown: Mutex<Option<u64>>,
    /// Repository folders on USB sticks, as last seen.
    sticks: Mutex<Vec<PathBuf>>,
    /// Failed checks of the update URL in a row.
    failures: AtomicU32,
}

impl Updates {
    /// Opens the store; on first boot (nothing shown yet) installs the signed first-boot content.
    /// Returns the state and the folder of the content to show, if there is one.
    pub fn open(data_dir: &Path, first_boot: Option<&Path>) -> Result<(Updates, Option<PathBuf>)> {
        let store = Store::open(&data_dir.join("updates")).context("opening the update store")?;
        if store.current()?.is_none()
            && let Some(first_boot) = first_boot.filter(|dir| dir.join("root.json").is_file())
            && let Err(error) = install_first_boot(&store, first_boot)
        {
            // Start anyway: the screen says the content is missing, and a USB stick or the
            // update URL can still bring signed content.
            eprintln!("safety-compass: installing the first-boot content failed: {error:#}");
        }
        let current = store.current()?;
        let dir = current.as_ref().map(|r| store.release_dir(r.version));
        let shown = current.map(|r| r.version);
        if let Err(error) = store.set_in_use(shown) {
            eprintln!("safety-compass: recording the content in use: {error}");
        }
        let updates = Updates {
            store,
            shown: Mutex::new(shown),
            sticks: Mutex::default(),
            failures: AtomicU32::new(0),
        };
        Ok((updates, dir))
    }

    /// Repository folders on the USB sticks seen last.
    pub fn sticks(&self) -> Vec<PathBuf> {
        self.sticks.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

/// Trusts the packaged root and installs the packaged repository through the same verification
/// as any later update, except expiry: the package is trusted as a whole and may be installed long
/// after it was signed.
fn install_first_boot(store: &Store, first_boot: &Path) -> Result<()> {
    let lock = store.lock()?;
    let root =
        std::fs::read(first_boot.join("root.json")).context("reading the first-boot root")?;
    store.trust_initial_root(&lock, &root)?;
    let source = Source::Folder(first_boot.join("repository"));
    let config = FetchConfig {
        enforce_expiry: false,
        ..FetchConfig::default()
    };
    tauri::async_runtime::block_on(compass_update::update(
        store,
        &lock,
        &source,
        &config,
        &mut |_| {},
    ))
    .context("installing the first-boot content")?;
    store.activate_pending(&lock)?;
    Ok(())
}

/// The packaged first-boot folder, beside the installed app, if there is one.
pub fn packaged_first_boot<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    app.path()
        .resource_dir()
        .ok()
        .map(|dir| dir.join("first-boot"))
        .filter(|dir| dir.is_dir())
}

/// At an idle reset (and only then): activates a pending release, and shows the current release
/// if it is not the one on screen (another process may have activated or rolled back).
pub fn switch_at_reset(kiosk: &Kiosk) {
    let Some(updates) = &kiosk.updates else {
        return;
    };
    if let Ok(lock) = updates.store.lock()
        && let Err(error) = updates.store.activate_pending(&lock)
    {
        eprintln!("safety-compass: activating new content failed: {error}");
    }
    let current = updates.store.current().ok().flatten();
    let Ok(mut shown) = updates.shown.lock() else {
        return;
    };
    if current.as_ref().map(|r| r.version) != *shown
        && let Some(release) = current
    {
        match kiosk.reopen_api(Some(updates.store.release_dir(release.version))) {
            Ok(()) => *shown = Some(release.version),
            Err(error) => eprintln!(
                "safety-compass: opening content version {}: {error}",
                release.version
            ),
        }
    }
}

/// Checks one source and stages what is new. When nobody is using the kiosk, the new content is
/// shown at once (a reset of an untouched screen interrupts no one); otherwise at the next reset.
pub async fn check<R: Runtime>(
    app: &AppHandle<R>,
    source: &Source,
) -> compass_update::Result<Outcome> {
    let kiosk = app.state::<Kiosk>();
    let Some(updates) = &kiosk.updates else {
        return Err(compass_update::Error::BadSource {
            text: source.to_string(),
            reason: "updates are off",
        });
    };
    let lock = updates.store.lock()?;
    let outcome = compass_update::update(
        &updates.store,
        &lock,
        source,
        &FetchConfig::default(),
        &mut |_| {},
    )
    .await;
    drop(lock);
    if matches!(outcome, Ok(Outcome::Staged(_)))
        && kiosk.idle().untouched()
        && !kiosk.admin_is_open()
    {
        session::reset(app, session::Start::Home);
    }
    outcome
}

/// The update URL in force: the admin panel's, else kiosk.toml's.
pub fn update_url(kiosk: &Kiosk) -> Option<String> {
    let saved = kiosk.state().setting(URL_SETTING).ok().flatten();
    saved
        .or_else(|| kiosk.settings.update_url.clone())
        .filter(|url| !url.is_empty())
}

/// Checks the update URL on a jittered interval, backing off after failures. Runs on Tauri's
/// tokio runtime for the life of the app.
pub fn spawn_sync<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let schedule = compass_update::Schedule {
            interval: app.state::<Kiosk>().settings.update_interval,
            ..compass_update::Schedule::default()
        };
        // First check soon after start (a kiosk that was off for a while catches up), then on the
        // schedule.
        let mut delay = std::time::Duration::from_secs(10);
        loop {
            tokio::time::sleep(delay).await;
            let kiosk = app.state::<Kiosk>();
            let Some(updates) = &kiosk.updates else {
                return;
            };
            let failures = match update_url(&kiosk).map(|url| Source::parse(&url)) {
                Some(Ok(source)) => match check(&app, &source).await {
                    Ok(_) => 0,
                    Err(_) => updates.failures.fetch_add(1, Ordering::SeqCst) + 1,
                },
                _ => 0,
            };
            if failures == 0 {
                updates.failures.store(0, Ordering::SeqCst);
            }
            delay = schedule.next_delay(failures, random_fraction());
        }
    });
}

/// Watches the mount roots for a stick with a repository folder and imports from each new one.
pub fn watch_usb<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        loop {
            let kiosk = app.state::<Kiosk>();
            let Some(updates) = &kiosk.updates else {
                return;
            };
            let found = compass_update::usb::find_repositories(&kiosk.settings.usb_roots);
            let new: Vec<PathBuf> = {
                let Ok(mut sticks) = updates.sticks.lock() else {
                    return;
                };
                let new = found
                    .iter()
                    .filter(|p| !sticks.contains(p))
                    .cloned()
                    .collect();
                *sticks = found;
                new
            };
            for stick in new {
                let app = app.clone();
                tauri::async_runtime::spawn(async move {
                    if let Err(error) = check(&app, &Source::Folder(stick.clone())).await {
                        eprintln!(
                            "safety-compass: importing from {}: {}",
                            stick.display(),
                            error.code()
                        );
                        // Busy, or the stick still mounting: forget it, so the next scan tries again.
                        let retry = matches!(
                            error,
                            compass_update::Error::Busy
                                | compass_update::Error::Unreachable { .. }
                                | compass_update::Error::Io { .. }
                        );
                        if retry && let Some(updates) = &app.state::<Kiosk>().updates {
                            updates
                                .sticks
                                .lock()
                                .map(|mut s| s.retain(|p| p != &stick))
                                .ok();
                        }
                    }
                });
            }
            std::thread::sleep(std::time::Duration::from_secs(3));
        }
    });
}

/// A fraction in [0, 1) for jitter (not for anything secret).
fn random_fraction() -> f64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(Instant::now().elapsed().as_nanos());
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Runs a headless command; the exit status says what happened.
pub fn headless(command: Headless, data_dir: &Path, first_boot: Option<&Path>) -> ExitCode {
    let store = match Store::open(&data_dir.join("updates")) {
        Ok(store) => store,
        Err(error) => return fail(&error),
    };
    match command {
        Headless::Update { source, root } => {
            match headless_update(&store, &source, root.as_deref(), first_boot) {
                Ok(Outcome::Staged(release)) => {
                    println!(
                        "activated content version {} from {}",
                        release.version, release.source
                    );
                    println!("a running app shows it at its next idle reset");
                    ExitCode::SUCCESS
                }
                Ok(Outcome::Current { offered }) => {
                    println!("nothing newer: the source offers version {offered}");
                    ExitCode::from(1)
                }
                Err(error) => fail(&error),
            }
        }
        Headless::Status => match store.status() {
            Ok(status) => {
                print!("{}", describe(&status));
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Headless::Rollback => {
            let result = store.lock().and_then(|lock| store.rollback(&lock));
            match result {
                Ok(release) => {
                    println!(
                        "now showing content version {} (a running app switches at its next idle reset)",
                        release.version
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
    }
}

/// `update`: trusts the given (or first-boot) root on a kiosk that trusts none yet, then fetches,
/// verifies, stages and activates.
fn headless_update(
    store: &Store,
    source: &str,
    root: Option<&Path>,
    first_boot: Option<&Path>,
) -> compass_update::Result<Outcome> {
    let source = Source::parse(source)?;
    let lock = store.lock()?;
    let root = root
        .map(Path::to_owned)
        .or_else(|| first_boot.map(|dir| dir.join("root.json")));
    if let Some(root) = root.filter(|_| store.anchor().ok().flatten().is_none()) {
        let bytes = std::fs::read(&root).map_err(|e| compass_update::Error::Io {
            action: "reading",
            path: root.clone(),
            source: e,
        })?;
        store.trust_initial_root(&lock, &bytes)?;
    }
    let mut progress = |p: Progress| print_progress(&p);
    let outcome = tauri::async_runtime::block_on(compass_update::update(
        store,
        &lock,
        &source,
        &FetchConfig::default(),
        &mut progress,
    ))?;
    store.activate_pending(&lock)?;
    Ok(outcome)
}

fn print_progress(progress: &Progress) {
    match progress {
        Progress::Planned {
            version,
            files,
            bytes,
        } => eprintln!("version {version}: {files} files, {bytes} bytes"),
        Progress::File {
            name,
            bytes,
            reused,
        } => {
            eprintln!(
                "  {name} ({bytes} bytes){}",
                if *reused { ", unchanged: reused" } else { "" }
            );
        }
        Progress::Committing => eprintln!("checked; committing"),
    }
}

fn fail(error: &compass_update::Error) -> ExitCode {
    eprintln!("safety-compass: {}: {error}", error.code());
    ExitCode::from(error.exit_status())
}

/// `status` for operators (English, like the other command-line output).
fn describe(status: &compass_update::Status) -> String {
    let now = jiff::Timestamp::now();
    let mut out = String::new();
    let mut line = |label: &str, value: String| out.push_str(&format!("{label:<20}{value}\n"));
    match &status.current {
        Some(release) => {
            line("version", release.version.to_string());
            if let Some(published) = release.published_at {
                line("published", published.to_string());
                line(
                    "age",
                    format!(
                        "{} days",
                        now.duration_since(published).as_hours().max(0) / 24
                    ),
                );
            }
            line("source", release.source.clone());
            line("received", release.fetched_at.to_string());
        }
        None => line("version", "none (no content installed)".to_owned()),
    }
    if let Some(check) = &status.last_check {
        line(
            "last check",
            format!("{} {} ({})", check.at, check.code, check.source),
        );
    }
    if let Some(expires) = status.metadata_expires {
        let state = if expires <= now {
            " (EXPIRED: new content is refused)"
        } else {
            ""
        };
        line("signatures until", format!("{expires}{state}"));
    }
    line(
        "previous version",
        status
            .previous
            .as_ref()
            .map_or("none".to_owned(), |r| r.version.to_string()),
    );
    if let Some(pending) = &status.pending {
        line(
            "pending",
            format!("version {} (shown at the next idle reset)", pending.version),
        );
    }
    out
}

/// Where the admin panel checks.
#[derive(Debug, Clone, Copy)]
pub enum Via {
    /// The update URL in force.
    Url,
    /// The first USB stick found.
    Usb,
}

/// The admin panel's view of the update state.
pub fn admin_view(kiosk: &Kiosk, locale: &str) -> compass_api::AdminView {
    let status = kiosk.updates.as_ref().and_then(|u| u.store.status().ok());
    let context = compass_api::AdminContext {
        usb: kiosk
            .updates
            .as_ref()
            .map(|u| u.sticks())
            .unwrap_or_default()
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        update_url: update_url(kiosk),
        fixed_content: kiosk.updates.is_none(),
        default_locale: kiosk
            .api_config
            .lock()
            .map(|config| config.default_locale.clone())
            .unwrap_or_else(|_| kiosk.settings.default_locale.clone()),
    };
    kiosk
        .api()
        .admin_view(locale, &status.unwrap_or_default(), &context)
}

/// "Check now" and "Import from USB".
pub async fn admin_check<R: Runtime>(
    app: &AppHandle<R>,
    locale: &str,
    via: Via,
) -> Result<compass_api::AdminNotice, compass_api::ApiError> {
    let kiosk = app.state::<Kiosk>();
    let api = kiosk.api();
    let Some(updates) = &kiosk.updates else {
        return Err(api.admin_error(locale, "update.fixed_content"));
    };
    let source = match via {
        Via::Url => {
            let url = update_url(&kiosk).ok_or_else(|| api.admin_error(locale, "update.no_url"))?;
            Source::parse(&url).map_err(|e| api.update_error(locale, &e))?
        }
        Via::Usb => {
            let stick = updates
                .sticks()
                .into_iter()
                .next()
                .ok_or_else(|| api.admin_error(locale, "update.no_usb"))?;
            Source::Folder(stick)
        }
    };
    match check(app, &source).await {
        Ok(Outcome::Staged(release)) => {
            Ok(api.admin_notice(locale, "admin-staged", Some(release.version)))
        }
        Ok(Outcome::Current { .. }) => {
            let version = updates.store.current().ok().flatten().map(|r| r.version);
            Ok(api.admin_notice(locale, "admin-up-to-date", version))
        }
        Err(error) => Err(api.update_error(locale, &error)),
    }
}

/// "Roll back": the previous version is shown at once (only the admin is at the screen).
pub fn admin_rollback(
    kiosk: &Kiosk,
    locale: &str,
) -> Result<compass_api::AdminNotice, compass_api::ApiError> {
    let api = kiosk.api();
    let Some(updates) = &kiosk.updates else {
        return Err(api.admin_error(locale, "update.fixed_content"));
    };
    let release = updates
        .store
        .lock()
        .and_then(|lock| updates.store.rollback(&lock))
        .map_err(|e| api.update_error(locale, &e))?;
    switch_at_reset(kiosk);
    Ok(kiosk
        .api()
        .admin_notice(locale, "admin-rolled-back", Some(release.version)))
}

/// "Save settings": the default language of new sessions and the update URL ("" clears it).
pub fn admin_save(
    kiosk: &Kiosk,
    locale: &str,
    default_locale: &str,
    url: &str,
) -> Result<compass_api::AdminNotice, compass_api::ApiError> {
    let api = kiosk.api();
    if !kiosk.settings.locales.iter().any(|l| l == default_locale) {
        return Err(api.admin_error(locale, "request.invalid"));
    }
    let url = url.trim();
    if !url.is_empty() {
        match Source::parse(url) {
            Ok(Source::Url(_)) => {}
            Ok(Source::Folder(_)) => {
                return Err(api.update_error(
                    locale,
                    &compass_update::Error::BadSource {
                        text: url.to_owned(),
                        reason: "not a URL",
                    },
                ));
            }
            Err(error) => return Err(api.update_error(locale, &error)),
        }
    }
    let state = kiosk.state();
    let saved = state
        .set_setting("locale.default", Some(default_locale))
        .and_then(|()| {
            state.set_setting(URL_SETTING, if url.is_empty() { None } else { Some(url) })
        });
    drop(state);
    saved.map_err(|_| api.admin_error(locale, "update.io"))?;
    if let Ok(mut config) = kiosk.api_config.lock() {
        config.default_locale = default_locale.to_owned();
    }
    kiosk
        .reopen_api(None)
        .map_err(|_| api.admin_error(locale, "update.io"))?;
    Ok(kiosk.api().admin_notice(locale, "admin-saved", None))
}
