//! The content of Safety Compass: the model, the source files an admin edits, the read-only content DB
//! built from them, and the questions a kiosk asks of it.
//!
//! - [`model`]: organisations, services, channels, hours, events, reports, articles, self-checks, following
//!   Open Referral HSDS 3.0 with our profile (translations with status, provenance, hotline attributes).
//! - [`source`] reads `resources/content` ([`source::load`]); [`check`] validates it, every problem at once.
//! - [`build`] writes the content DB (SQLite with FTS5), deterministically; [`ContentDb`] opens it read-only
//!   and answers [`ContentDb::search`], [`ContentDb::referral`] and [`ContentDb::service`].
//! - [`hours`]: open now / opens at / closes at in the service's time zone, shown in the kiosk's.
//! - [`fold`]: search folding that ignores diacritics and the script a visitor types in; [`stem`]: the
//!   morphology that lets the forms of a word meet (Snowball for en, et, ru, uk; a light Latvian stemmer).
//! - [`hsds`]: HSDS 3.0 JSON export and import.
//!
//! This crate knows nothing of Tauri, windows, IPC or the network, and returns no user-visible sentence:
//! labels are Fluent message ids (`compass-i18n`) or translated content.

#![deny(missing_docs)]

pub mod build;
mod catalog;
pub mod check;
mod db;
pub mod fold;
pub mod hours;
pub mod hsds;
pub mod markdown;
pub mod model;
pub mod source;
pub mod stem;
pub mod translations;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use catalog::{
    ArticleEntry, Checked, EventEntry, ReportEntry, ReportFileEntry, SelfCheckEntry,
};
pub use db::{
    Channel, ContentDb, Filters, Found, Hit, Localized, Matched, Referral, ReferralEntry,
    SearchQuery, ServiceDetail, UnsanitisedHtml,
};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("content database: {0}")]
    Db(#[from] rusqlite::Error),
    /// The file is not a content DB of the layout this build reads.
    #[error("{path} is not a content database of schema version {expected} (found {found})")]
    Schema {
        /// The file.
        path: PathBuf,
        /// The version this build reads.
        expected: i64,
        /// What the file says, or "none".
        found: String,
    },
    /// A JSON value could not be written or read.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// A record could not be written as TOML.
    #[error("toml: {0}")]
    Toml(String),
    /// An id or locale that cannot be used as a file name.
    #[error("{0:?} cannot be a file name: ids are lowercase letters, digits and -")]
    InvalidName(String),
    /// A country code that is not one of ours.
    #[error("unknown country {0:?} (use LV, EE or GB/UK)")]
    Country(String),
}

/// Results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Parses a country as a visitor or admin writes it: `lv`, `EE`, `uk` or `GB` (→ `GB`).
pub fn parse_country(value: &str) -> Result<String> {
    let upper = value.trim().to_ascii_uppercase();
    match upper.as_str() {
        "UK" | "GB" => Ok("GB".to_owned()),
        code if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) => Ok(upper),
        _ => Err(Error::Country(value.to_owned())),
    }
}
