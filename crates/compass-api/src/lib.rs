//! The one façade every front end calls: the content (search, lists, pages, referral), the UI strings of
//! a locale and the kiosk's settings, as IPC types ([`types`]) whose TypeScript is generated into
//! `ui/src/gen/ipc.ts` ([`typescript`]).
//!
//! [`Api`] opens the content DB read-only and the Fluent locales once; every method takes the visitor's
//! locale and returns text already localised, so the UI never builds a sentence. Errors are
//! [`ApiError`]s with a stable code the UI branches on and a Fluent message id.
//!
//! This crate knows nothing of Tauri, windows or IPC transport: `src-tauri` wraps each method in a
//! command of a few lines.

#![deny(missing_docs)]

mod admin;
mod codegen;
mod qr;
pub mod types;
mod views;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use compass_content::ContentDb;
use compass_i18n::{Arg, Localizer};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use sha2::{Digest, Sha256};

pub use admin::AdminContext;
pub use codegen::typescript;
pub use compass_content::parse_country;
pub use compass_i18n::LAUNCH_LOCALES;
pub use types::*;

/// The stable error codes the UI branches on, each with the Fluent message that says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorCode {
    /// No content DB where the settings say.
    ContentMissing,
    /// The content DB cannot be read (damaged, wrong schema).
    ContentCorrupt,
    /// No such entry (or not for visitors).
    NotFound,
    /// A request the UI should never send (an unknown country, a bad filter).
    InvalidRequest,
}

impl ErrorCode {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::ContentMissing => "content.missing",
            ErrorCode::ContentCorrupt => "content.corrupt",
            ErrorCode::NotFound => "content.not_found",
            ErrorCode::InvalidRequest => "request.invalid",
        }
    }

    /// The Fluent message id.
    pub fn message_id(self) -> &'static str {
        match self {
            ErrorCode::ContentMissing => "error-content-missing",
            ErrorCode::ContentCorrupt => "error-content-corrupt",
            ErrorCode::NotFound | ErrorCode::InvalidRequest => "error-not-found",
        }
    }

    /// The error, without a localised message yet.
    pub fn error(self) -> ApiError {
        ApiError {
            code: self.code().to_owned(),
            message_id: self.message_id().to_owned(),
            message: None,
        }
    }
}

impl From<compass_content::Error> for ApiError {
    fn from(error: compass_content::Error) -> Self {
        match error {
            compass_content::Error::Io { source, .. }
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                ErrorCode::ContentMissing.error()
            }
            compass_content::Error::Country(_) | compass_content::Error::InvalidName(_) => {
                ErrorCode::InvalidRequest.error()
            }
            _ => ErrorCode::ContentCorrupt.error(),
        }
    }
}

/// Results of the API.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// How an [`Api`] is set up.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// The folder with `content.db` (and `attachments/`).
    pub content_dir: PathBuf,
    /// The folder with `<locale>/*.ftl`.
    pub locales_dir: PathBuf,
    /// Visitor or staff.
    pub mode: Mode,
    /// The kiosk's country (`LV`, `EE`, `GB`).
    pub country: String,
    /// The language a fresh session starts in.
    pub default_locale: String,
    /// Languages offered, in order.
    pub locales: Vec<String>,
    /// The time zone times are shown in.
    pub timezone: TimeZone,
    /// A fixed "now" for tests; `None`: the clock.
    pub now: Option<Timestamp>,
}

/// The content DB, and its hash once the about screen has asked for it.
#[derive(Debug)]
struct OpenContent {
    db: ContentDb,
    path: PathBuf,
    hash: std::sync::OnceLock<String>,
}

impl OpenContent {
    /// `sha256:…` of the file, read and hashed on first use (not at start-up: the file may be large).
    fn hash(&self) -> Result<&str> {
        if let Some(hash) = self.hash.get() {
            return Ok(hash);
        }
        let bytes = std::fs::read(&self.path).map_err(|_| ErrorCode::ContentMissing.error())?;
        let hash = format!(
            "sha256:{}",
            compass_content::build::hex(&Sha256::digest(&bytes))
        );
        Ok(self.hash.get_or_init(|| hash))
    }
}

/// The façade. `Send + Sync`: the content DB sits behind a mutex (SQLite connections are not `Sync`).
#[derive(Debug)]
pub struct Api {
    config: ApiConfig,
    localizer: Localizer,
    content: Result<Mutex<OpenContent>>,
}

/// Errors that stop the API from starting at all (missing UI strings). A missing or damaged content DB
/// does not: the API starts and reports it through [`KioskInfo::content_error`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The locale folder could not be read.
    #[error("reading the UI strings: {0}")]
    Locales(#[from] compass_i18n::Error),
}

impl Api {
    /// Opens the locales and the content DB of `config`.
    pub fn open(config: ApiConfig) -> Result<Api, StartError> {
        let localizer = Localizer::load(&config.locales_dir)?;
        let content = open_content(&config.content_dir.join("content.db")).map(Mutex::new);
        Ok(Api {
            config,
            localizer,
            content,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &ApiConfig {
        &self.config
    }

    /// The path of a report file by its SHA-256, when it is one of this content's attachments.
    pub fn attachment(&self, sha256: &str) -> Result<PathBuf> {
        let valid = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        let path = self.config.content_dir.join("attachments").join(sha256);
        if valid && path.is_file() {
            Ok(path)
        } else {
            Err(ErrorCode::NotFound.error())
        }
    }

    /// The locale to answer in: `requested` if offered, else the kiosk's default.
    pub fn locale<'a>(&'a self, requested: &'a str) -> &'a str {
        if self.config.locales.iter().any(|l| l == requested) {
            requested
        } else {
            &self.config.default_locale
        }
    }

    /// Formats a Fluent message.
    pub fn t(&self, locale: &str, id: &str, args: &[(&str, Arg)]) -> String {
        self.localizer.format(locale, id, args).text
    }

    /// Adds the localised message to an error.
    pub fn localize_error(&self, locale: &str, mut error: ApiError) -> ApiError {
        error.message = Some(self.t(self.locale(locale), &error.message_id, &[]));
        error
    }

    fn now(&self) -> Timestamp {
        self.config.now.unwrap_or_else(Timestamp::now)
    }

    fn staff(&self) -> bool {
        self.config.mode == Mode::Staff
    }

    /// Runs `f` on the content DB.
    fn with_db<T>(&self, f: impl FnOnce(&OpenContent) -> Result<T>) -> Result<T> {
        let content = self.content.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave a read-only connection half-changed.
        let guard = content
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&guard)
    }
}

/// Opens the content DB.
fn open_content(path: &Path) -> Result<OpenContent> {
    Ok(OpenContent {
        db: ContentDb::open(path)?,
        path: path.to_owned(),
        hash: std::sync::OnceLock::new(),
    })
}
