//! The crate's error type.

use std::path::PathBuf;

/// Why [`Localizer`](crate::Localizer) could not be built.
///
/// Problems inside `.ftl` files are not errors here: the good entries are kept and [`lint`](crate::lint)
/// reports the rest.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A folder could not be listed: check that the locales folder exists and is readable.
    #[error("cannot read folder {}", path.display())]
    ReadDir {
        /// The folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// An `.ftl` file could not be read (or is not UTF-8).
    #[error("cannot read file {}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A locale folder (or a tag given to [`Localizer::from_sources`](crate::Localizer::from_sources)) is not
    /// a valid BCP 47 language tag: rename or remove it.
    #[error("invalid locale tag `{tag}`")]
    InvalidLocaleTag {
        /// The tag as found.
        tag: String,
    },
    /// There is no `en` locale, which every fallback chain ends with: the locales folder is probably wrong.
    #[error("the reference locale `en` is missing")]
    MissingReferenceLocale,
}
