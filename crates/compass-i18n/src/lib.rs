//! Localisation for Safety Compass: the Fluent (`.ftl`) resources under `resources/locales/`, language
//! negotiation, per-message fallback and the lint that checks translations against English.
//!
//! What this crate owns:
//! - [`Localizer`]: loads `resources/locales/<bcp47>/*.ftl` (one bundle per locale), negotiates a fallback
//!   chain ([`Localizer::negotiate`]) and formats messages ([`Localizer::format`]). Formatting never fails:
//!   a message missing in the visitor's language falls back along the chain to English, a missing id renders
//!   as the id itself, and every problem is collected in [`Formatted::errors`].
//! - [`lint`]: compares every locale folder with the reference locale ([`REFERENCE_LOCALE`], English) and
//!   reports syntax errors, missing and extra ids, variable mismatches and missing plural categories as
//!   [`LintProblem`]s, and holds the UI strings to the glossary (`glossary.toml`: one term per concept per
//!   locale, [`check_glossary`]).
//! - [`LAUNCH_LOCALES`]: the languages the kiosk ships with.
//!
//! It must not depend on SQLite, Tauri or the network: it reads a folder of text files (or strings given to
//! [`Localizer::from_sources`]) and nothing else.
#![deny(missing_docs)]

mod error;
mod folders;
mod glossary;
mod lint;
mod localizer;
mod syntax;

#[cfg(test)]
mod tests;

pub use error::Error;
pub use glossary::{GLOSSARY_FILE, check_glossary};
pub use lint::{LintProblem, Severity, lint};
pub use localizer::{Arg, Formatted, Localizer};

/// The locales the kiosk launches with, as folder names under `resources/locales/`.
pub const LAUNCH_LOCALES: [&str; 5] = ["lv", "et", "en", "ru", "uk"];

/// The reference locale: complete by definition, the last step of every fallback chain, and what [`lint`]
/// compares the other locales with.
pub const REFERENCE_LOCALE: &str = "en";
