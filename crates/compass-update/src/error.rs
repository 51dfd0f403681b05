//! One error type for both sides. Each variant says what the caller can do about it and carries a
//! stable code (`update.*`) that reaches the UI and the exit status of the headless commands.

use std::path::PathBuf;

/// What went wrong with a publish, fetch, stage, activation or rollback.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The `--source` text is neither an `https://` URL nor an existing folder.
    #[error("update source {text:?} is not usable: {reason}")]
    BadSource {
        /// What was given.
        text: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// The source could not be reached or a file is missing from it (network down, stick removed).
    #[error("the update source could not be read: {detail}")]
    Unreachable {
        /// What the transport said.
        detail: String,
    },
    /// The server's TLS certificate was refused: not from a trusted authority (the system's, or
    /// `update_ca`), for another host name, expired or not yet valid.
    #[error("the certificate of {url} was refused: {detail}")]
    Certificate {
        /// The URL being fetched.
        url: String,
        /// What the certificate check said.
        detail: String,
    },
    /// The server redirected to another origin (scheme, host or port): refused, not followed.
    #[error("a redirect from {from} to {to} was refused: it leads to another origin")]
    Redirect {
        /// The URL asked for.
        from: String,
        /// Where the server sent the kiosk.
        to: String,
    },
    /// A fetch did not finish before its deadline (a stalled or very slow source).
    #[error("reading {url} took longer than {seconds} s")]
    Deadline {
        /// The file being read.
        url: String,
        /// The deadline per file.
        seconds: u64,
    },
    /// A file was larger than its limit (endless data).
    #[error("{url} is larger than its limit of {limit} bytes")]
    TooLarge {
        /// The file being read.
        url: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The repository's metadata has expired: new content is refused until an admin re-signs it.
    #[error("the update metadata has expired ({role}); the current content stays")]
    Expired {
        /// The role that expired.
        role: String,
    },
    /// The offered metadata or content is older than what this kiosk already trusts.
    #[error("the offered update is older than what this kiosk has: {detail}")]
    Rollback {
        /// Which version was offered against which.
        detail: String,
    },
    /// A signature, hash, length or version check failed: the update may be forged or mixed up.
    #[error("the update failed verification: {detail}")]
    Verification {
        /// What did not verify.
        detail: String,
    },
    /// The content DB is not a sound content DB (downloaded, or about to be published).
    #[error("the content failed its integrity check: {detail}")]
    Integrity {
        /// What `integrity_check` or the schema check said.
        detail: String,
    },
    /// The disk filled up while staging; nothing was activated.
    #[error("no space left on the device while writing {path}")]
    NoSpace {
        /// The file being written.
        path: PathBuf,
    },
    /// Any other file-system error.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// Where.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The system clock is earlier than a time this kiosk has already seen: fix the clock.
    #[error("the system clock went back in time: {detail}")]
    Clock {
        /// What tough saw.
        detail: String,
    },
    /// The kiosk has no trusted root yet (never installed, and no root given).
    #[error("this kiosk has no trusted root yet: install first-boot content or pass --root")]
    NoTrust,
    /// `rollback` with no previous version kept.
    #[error("there is no previous content version to roll back to")]
    NoPrevious,
    /// Another process holds the update lock.
    #[error("another update is running on this data folder")]
    Busy,
    /// The repository folder or key folder is not as expected (admin side).
    #[error("repository {path}: {detail}")]
    Repository {
        /// The folder.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// Signing or writing metadata failed (admin side).
    #[error("signing failed: {detail}")]
    Signing {
        /// What tough said.
        detail: String,
    },
}

impl Error {
    /// The stable code for this error, which the UI and scripts branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadSource { .. } => "update.bad_source",
            Error::Unreachable { .. } => "update.unreachable",
            Error::Deadline { .. } => "update.deadline",
            Error::Certificate { .. } => "update.certificate",
            Error::Redirect { .. } => "update.redirect",
            Error::TooLarge { .. } => "update.too_large",
            Error::Expired { .. } => "update.expired",
            Error::Rollback { .. } => "update.rollback",
            Error::Verification { .. } => "update.signature_invalid",
            Error::Integrity { .. } => "update.integrity",
            Error::NoSpace { .. } => "update.no_space",
            Error::Io { .. } => "update.io",
            Error::Clock { .. } => "update.clock",
            Error::NoTrust => "update.no_trust",
            Error::NoPrevious => "update.no_previous",
            Error::Busy => "update.busy",
            Error::Repository { .. } => "update.repository",
            Error::Signing { .. } => "update.signing",
        }
    }

    /// The process exit status the headless commands use for this error (0 is success, 1 is
    /// "up to date"-style no-ops, 2 usage). Scripts can tell refusals from outages.
    pub fn exit_status(&self) -> u8 {
        match self {
            Error::BadSource { .. } => 2,
            Error::Unreachable { .. } | Error::Deadline { .. } => 10,
            Error::Expired { .. } => 11,
            Error::Rollback { .. } => 12,
            Error::Verification { .. } | Error::TooLarge { .. } => 13,
            Error::Integrity { .. } => 14,
            Error::NoSpace { .. } | Error::Io { .. } => 15,
            Error::NoTrust => 16,
            Error::NoPrevious => 17,
            Error::Busy => 18,
            Error::Clock { .. } => 20,
            Error::Certificate { .. } => 21,
            Error::Redirect { .. } => 22,
            Error::Repository { .. } | Error::Signing { .. } => 19,
        }
    }

    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        let path = path.into();
        if source.raw_os_error() == Some(28) || source.kind() == std::io::ErrorKind::StorageFull {
            return Error::NoSpace { path };
        }
        Error::Io {
            action,
            path,
            source,
        }
    }
}

/// Shorthand for this crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;
