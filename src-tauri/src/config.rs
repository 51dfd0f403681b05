//! The kiosk's settings: `kiosk.toml`, overridden by the command line.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Parser;
use serde::Deserialize;

/// Command line of `safety-compass`.
#[derive(Debug, Parser)]
#[command(name = "safety-compass", version, about = "Safety Compass kiosk")]
pub struct Cli {
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
    /// The kiosk's own state (state.db); default: the app's data folder.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Seconds without a touch before "still there?".
    #[arg(long)]
    pub idle_timeout: Option<u64>,
    /// Seconds of the "still there?" countdown.
    #[arg(long)]
    pub idle_countdown: Option<u64>,
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
        Ok(Settings {
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
