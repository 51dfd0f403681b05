//! The kiosk's settings: `kiosk.toml`, overridden by the command line.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use compass_update::KioskId;
use serde::Deserialize;

/// Command line of `safety-compass`.
#[derive(Debug, Parser)]
#[command(name = "safety-compass", version, about = "Safety Compass kiosk")]
pub struct Cli {
    /// Run a headless operator command instead of the app.
    #[command(subcommand)]
    pub command: Option<Headless>,
    /// Settings file (default: kiosk.toml in the app's config folder, if there is one).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Visitor mode: fullscreen and locked down.
    #[arg(long, conflicts_with = "staff")]
    pub kiosk: bool,
    /// Staff mode: a normal window with confidential entries and the referral sheet.
    #[arg(long)]
    pub staff: bool,
    /// The kiosk's country (LV, EE, GB/UK).
    #[arg(long)]
    pub country: Option<String>,
    /// The language a fresh session starts in.
    #[arg(long)]
    pub locale: Option<String>,
    /// Folder with content.db and attachments/.
    #[arg(long)]
    pub content: Option<PathBuf>,
    /// Folder with <locale>/*.ftl (default: the bundled one).
    #[arg(long)]
    pub locales_dir: Option<PathBuf>,
    /// The kiosk's own state (state.db) and content releases; default: the app's data folder.
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// The signed first-boot content: a folder with `root.json` (the trusted root) and
    /// `repository/` (default: the one packaged with the app).
    #[arg(long, global = true)]
    pub first_boot: Option<PathBuf>,
    /// Seconds without a touch before "still there?".
    #[arg(long)]
    pub idle_timeout: Option<u64>,
    /// Seconds of the "still there?" countdown.
    #[arg(long)]
    pub idle_countdown: Option<u64>,
}

/// Operator commands that run without a window and exit with a status that says what happened.
#[derive(Debug, Subcommand)]
pub enum Headless {
    /// Fetch, verify, stage and activate content from an https:// URL or a folder.
    /// Exit status: 0 a new version is active, 1 nothing newer, 10+ refused or failed (see README).
    Update {
        /// `https://…` or a repository folder (a USB stick's `safety-compass/` folder).
        #[arg(long)]
        source: String,
        /// The root metadata to trust when this kiosk trusts none yet (default: the first-boot one).
        #[arg(long)]
        root: Option<PathBuf>,
        /// More certificate authorities (PEM) for an https source, as `update_ca` in kiosk.toml.
        #[arg(long)]
        ca: Option<PathBuf>,
    },
    /// Print the content version, its age and source, the last check and the previous version.
    Status,
    /// Show the previous content version again.
    Rollback,
    /// Set or replace the admin PIN: reads it twice from standard input, one line each.
    SetPin,
}

/// `kiosk.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// `visitor` or `staff`.
    pub mode: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// Default locale.
    pub default_locale: Option<String>,
    /// Locales offered, in order.
    pub locales: Option<Vec<String>>,
    /// Idle timeout in seconds.
    pub idle_timeout_secs: Option<u64>,
    /// Countdown in seconds.
    pub idle_countdown_secs: Option<u64>,
    /// Folder with content.db.
    pub content_dir: Option<PathBuf>,
    /// IANA time zone times are shown in (default: the system's).
    pub timezone: Option<String>,
    /// The update repository to check (`https://…`); none: USB sticks and operators only.
    pub update_url: Option<String>,
    /// A PEM file of certificate authorities trusted for `update_url` besides the system's.
    pub update_ca: Option<PathBuf>,
    /// Minutes between checks of `update_url` (default 60; jittered, with back-off on failure).
    pub update_interval_minutes: Option<u64>,
    /// Where removable disks are mounted (default /media, /run/media, /mnt).
    pub usb_roots: Option<Vec<PathBuf>>,
    /// The kiosk's name in fleet status (default: the host name, else `kiosk-` + machine id).
    pub kiosk_id: Option<String>,
    /// Anonymous per-day counters in state.db, carried in the status record (default off).
    pub counters: Option<bool>,
    /// Where the status record is also sent by HTTPS PUT, as `<status_url><kiosk_id>.json`.
    pub status_url: Option<String>,
}

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Staff mode.
    pub staff: bool,
    /// Country code.
    pub country: String,
    /// Default locale.
    pub default_locale: String,
    /// Locales offered.
    pub locales: Vec<String>,
    /// Idle timeout.
    pub idle_timeout_secs: u64,
    /// Countdown.
    pub idle_countdown_secs: u64,
    /// Content folder (`None`: the data folder's `content/`).
    pub content_dir: Option<PathBuf>,
    /// Time zone name (`None`: system).
    pub timezone: Option<String>,
    /// The update URL from kiosk.toml (an admin may override it in the panel).
    pub update_url: Option<String>,
    /// `update_ca` from kiosk.toml: more certificate authorities for https update sources.
    pub update_ca: Option<PathBuf>,
    /// Time between update checks.
    pub update_interval: std::time::Duration,
    /// Mount roots the USB watcher looks under.
    pub usb_roots: Vec<PathBuf>,
    /// `kiosk_id` from kiosk.toml (`None`: derived from the machine, see `status::default_kiosk_id`).
    pub kiosk_id: Option<KioskId>,
    /// Anonymous counters are on.
    pub counters: bool,
    /// The status upload address (https, or http on loopback), ending in `/`.
    pub status_url: Option<String>,
}

impl Settings {
    /// Reads the settings file (the given one must exist; the default one may not) and applies the
    /// command line over it.
    pub fn load(cli: &Cli, default_file: &Path) -> Result<Settings> {
        let file = match &cli.config {
            Some(path) => read(path)?,
            None if default_file.is_file() => read(default_file)?,
            None => File::default(),
        };
        let staff = match (cli.staff, cli.kiosk, file.mode.as_deref()) {
            (true, _, _) => true,
            (_, true, _) => false,
            (_, _, None | Some("visitor")) => false,
            (_, _, Some("staff")) => true,
            (_, _, Some(other)) => bail!("mode = {other:?}: use \"visitor\" or \"staff\""),
        };
        let locales = file.locales.unwrap_or_else(|| {
            compass_api::LAUNCH_LOCALES
                .iter()
                .map(|l| (*l).to_owned())
                .collect()
        });
        if locales.is_empty() {
            bail!("locales: offer at least one language");
        }
        let default_locale = cli
            .locale
            .clone()
            .or(file.default_locale)
            .unwrap_or_else(|| locales[0].clone());
        if !locales.contains(&default_locale) {
            bail!(
                "default locale {default_locale:?} is not one of the locales offered {locales:?}"
            );
        }
        let country = cli
            .country
            .clone()
            .or(file.country)
            .unwrap_or_else(|| "LV".to_owned());
        let country = compass_api::parse_country(&country).map_err(|_| {
            anyhow::anyhow!("country {country:?}: use a two-letter code such as LV, EE or GB")
        })?;
        let idle_timeout_secs = cli.idle_timeout.or(file.idle_timeout_secs).unwrap_or(120);
        let idle_countdown_secs = cli
            .idle_countdown
            .or(file.idle_countdown_secs)
            .unwrap_or(20);
        if idle_timeout_secs == 0 || idle_countdown_secs == 0 {
            bail!("idle timeout and countdown must be at least one second");
        }
        if let Some(url) = &file.update_url {
            compass_update::Source::parse(url).with_context(|| format!("update_url = {url:?}"))?;
        }
        let kiosk_id = file
            .kiosk_id
            .as_deref()
            .map(|id| KioskId::parse(id).map_err(|why| anyhow::anyhow!("kiosk_id = {id:?}: {why}")))
            .transpose()?;
        let status_url = match file.status_url.as_deref() {
            None => None,
            Some(url) => match compass_update::Source::parse(url)
                .with_context(|| format!("status_url = {url:?}"))?
            {
                compass_update::Source::Url(url) => Some(url.to_string()),
                compass_update::Source::Folder(_) => {
                    bail!("status_url = {url:?}: use an https:// address")
                }
            },
        };
        let minutes = file.update_interval_minutes.unwrap_or(60);
        if minutes == 0 {
            bail!("update_interval_minutes must be at least 1");
        }
        Ok(Settings {
            update_url: file.update_url,
            update_ca: file.update_ca,
            update_interval: std::time::Duration::from_secs(minutes * 60),
            usb_roots: file.usb_roots.unwrap_or_else(|| {
                compass_update::usb::MOUNT_ROOTS
                    .iter()
                    .map(PathBuf::from)
                    .collect()
            }),
            kiosk_id,
            // Staff mode is not a visit, and it shows confidential services: never counted.
            counters: file.counters.unwrap_or(false) && !staff,
            status_url,
            staff,
            country,
            default_locale,
            locales,
            idle_timeout_secs,
            idle_countdown_secs,
            content_dir: cli.content.clone().or(file.content_dir),
            timezone: file.timezone,
        })
    }
}

fn read(path: &Path) -> Result<File> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("{} is not a valid kiosk.toml", path.display()))
}
