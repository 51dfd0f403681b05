//! Glue between the app and `compass-update`: where the shown content comes from (first boot
//! installs the signed first-boot repository), the sync task, the USB watcher, the switch to new
//! content at an idle reset, and the headless `update` / `status` / `rollback` commands.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use compass_update::{FetchConfig, Outcome, Source, Store};
use tauri::{AppHandle, Manager, Runtime};

use crate::Kiosk;
use crate::session;

/// The state-DB setting that overrides `update_url` from kiosk.toml (set in the admin panel).
pub const URL_SETTING: &str = "update.url";

/// The app's update store.
#[derive(Debug)]
pub struct Updates {
    /// The store in the data folder.
    pub store: Store,
}

impl Updates {
    /// Opens the store; on first boot (nothing shown yet) installs the signed first-boot content.
    /// Returns the state and the version of the content to show, if there is one.
    pub fn open(data_dir: &Path, first_boot: Option<&Path>) -> Result<(Updates, Option<u64>)> {
        let store = Store::open(&data_dir.join("updates")).context("opening the update store")?;
        if store.current()?.is_none()
            && let Some(first_boot) = first_boot.filter(|dir| dir.join("root.json").is_file())
            && let Err(error) = install_first_boot(&store, first_boot)
        {
            // Start anyway: the screen says the content is missing, and a USB stick or the
            // update URL can still bring signed content.
            eprintln!("safety-compass: installing the first-boot content failed: {error:#}");
        }
        let shown = store.current()?.map(|r| r.version);
        Ok((Updates { store }, shown))
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

/// At a reset (and only then, `Effect::SwitchContent`): activates a staged release, and opens the
/// current release if it is not `shown` (another process may have activated or rolled back). Returns
/// the release now on screen when it changed.
pub fn switch(kiosk: &Kiosk, shown: Option<u64>) -> Option<u64> {
    let updates = kiosk.updates.as_ref()?;
    if let Ok(lock) = updates.store.lock()
        && let Err(error) = updates.store.activate_pending(&lock)
    {
        eprintln!("safety-compass: activating new content failed: {error}");
    }
    let current = updates.store.current().ok().flatten()?.version;
    if Some(current) == shown {
        return None;
    }
    match kiosk.reopen_api(Some(updates.store.release_dir(current))) {
        Ok(()) => Some(current),
        Err(error) => {
            eprintln!("safety-compass: opening content version {current}: {error}");
            None
        }
    }
}

/// Records the release on screen as in use (`Effect::RecordInUse`), so no other process's update
/// collects it.
pub fn record_in_use(kiosk: &Kiosk, release: u64) {
    if let Some(updates) = &kiosk.updates
        && let Err(error) = updates.store.set_in_use(Some(release))
    {
        eprintln!("safety-compass: recording content version {release} as in use: {error}");
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
        &FetchConfig {
            ca_file: kiosk.settings.update_ca.clone(),
            ..FetchConfig::default()
        },
        &mut |_| {},
    )
    .await;
    drop(lock);
    if let Err(error) = &outcome {
        kiosk
            .fleet
            .problem(error.code(), format!("{source}: {error}"));
    }
    if matches!(outcome, Ok(Outcome::Staged(_))) {
        let effects = kiosk.session().staged(Instant::now());
        session::apply(app, effects);
    }
    // After every check, whatever its outcome: the status record in the data folder.
    crate::status::publish(app);
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
            let ok = match update_url(&kiosk).map(|url| Source::parse(&url)) {
                Some(Ok(source)) => check(&app, &source).await.is_ok(),
                _ => true,
            };
            let failures = kiosk.session().sync_checked(ok);
            delay = schedule.next_delay(failures, random_fraction());
        }
    });
}

/// Watches the mount roots for a stick with a repository folder; the session says which to check.
pub fn watch_usb<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        loop {
            let kiosk = app.state::<Kiosk>();
            let found = compass_update::usb::find_repositories(&kiosk.settings.usb_roots);
            let effects = kiosk.session().sticks_seen(found);
            session::apply(&app, effects);
            std::thread::sleep(std::time::Duration::from_secs(3));
        }
    });
}

/// Imports from a stick (`Effect::CheckStick`) in the background.
pub fn check_stick<R: Runtime>(app: AppHandle<R>, stick: PathBuf) {
    tauri::async_runtime::spawn(async move {
        let outcome = check(&app, &Source::Folder(stick.clone())).await;
        // Only onto a stick whose signed metadata verified: a stick that merely looks like an update
        // stick gets nothing from the kiosk.
        if outcome.is_ok() {
            status_to_stick(&app, &stick);
        }
        if let Err(error) = outcome {
            eprintln!(
                "safety-compass: importing from {}: {}",
                stick.display(),
                error.code()
            );
            // Busy, or this kiosk's own disk failing: not the stick's fault, the next scan tries
            // again. A file missing or unreadable on the stick (part of a repository, or still
            // mounting): a few more tries, then not until it is plugged in again.
            let kiosk = app.state::<Kiosk>();
            let mut session = kiosk.session();
            match error {
                compass_update::Error::Io { ref path, .. } if !path.starts_with(&stick) => {
                    session.stick_retry(&stick);
                }
                compass_update::Error::Busy => session.stick_retry(&stick),
                compass_update::Error::Unreachable { .. } | compass_update::Error::Io { .. } => {
                    session.stick_failed(&stick);
                }
                _ => {}
            }
        }
    });
}

/// After an import from a stick whose metadata verified (new content or not): the status record onto
/// the stick (a read-only or full stick is a problem entry; the import and the data folder's record
/// are unaffected).
fn status_to_stick<R: Runtime>(app: &AppHandle<R>, stick: &Path) {
    let kiosk = app.state::<Kiosk>();
    let store = kiosk.updates.as_ref().and_then(|u| u.store.status().ok());
    kiosk
        .fleet
        .write_to_stick(&kiosk.fleet.record(store.as_ref()), stick);
}

/// A fraction in [0, 1) for jitter (not for anything secret).
pub(crate) fn random_fraction() -> f64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(Instant::now().elapsed().as_nanos());
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
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
            .session()
            .sticks()
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
            let stick = kiosk
                .session()
                .sticks()
                .first()
                .cloned()
                .ok_or_else(|| api.admin_error(locale, "update.no_usb"))?;
            Source::Folder(stick)
        }
    };
    let outcome = check(app, &source).await;
    if let (Via::Usb, Source::Folder(stick), Ok(_)) = (via, &source, &outcome) {
        status_to_stick(app, stick);
    }
    match outcome {
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
pub fn admin_rollback<R: Runtime>(
    app: &AppHandle<R>,
    locale: &str,
) -> Result<compass_api::AdminNotice, compass_api::ApiError> {
    let kiosk = app.state::<Kiosk>();
    let api = kiosk.api();
    let Some(updates) = &kiosk.updates else {
        return Err(api.admin_error(locale, "update.fixed_content"));
    };
    let release = updates
        .store
        .lock()
        .and_then(|lock| updates.store.rollback(&lock))
        .map_err(|e| api.update_error(locale, &e))?;
    // Only the admin is at the screen: show it now, not at the next reset.
    let shown = kiosk.session().shown();
    if let Some(release) = switch(&kiosk, shown) {
        let effects = kiosk.session().showing(release);
        session::apply(app, effects);
    }
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
