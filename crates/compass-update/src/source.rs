//! Where updates come from: an `https://` URL, or a folder (a USB stick, a `file://` URL). Both
//! hold the same repository layout, `metadata/` and `targets/`, as `compass-admin publish` writes it.

use std::fmt;
use std::path::{Path, PathBuf};

use url::Url;

use crate::error::{Error, Result};

/// An update source, parsed from what an operator typed or `kiosk.toml` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A repository served over HTTP(S). Plain `http://` is accepted for loopback addresses only.
    Url(Url),
    /// A repository folder on a local or removable disk.
    Folder(PathBuf),
}

/// The longest source text accepted (a URL or a path); longer input is refused, not truncated.
const MAX_SOURCE_LEN: usize = 4096;

impl Source {
    /// Parses `https://…`, `http://127.0.0.1…` / `http://localhost…`, `file:///…` or a folder path.
    /// The folder need not exist yet (a stick may be plugged in later); it is checked when read.
    pub fn parse(text: &str) -> Result<Source> {
        let bad = |reason| Error::BadSource {
            text: text.chars().take(200).collect(),
            reason,
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(bad("it is empty"));
        }
        if trimmed.len() > MAX_SOURCE_LEN {
            return Err(bad("it is too long"));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(bad("it contains control characters"));
        }
        if let Some((scheme, _)) = trimmed.split_once("://") {
            let mut url = Url::parse(trimmed).map_err(|_| bad("it is not a valid URL"))?;
            if url.query().is_some() || url.fragment().is_some() {
                return Err(bad("a repository URL has no query or fragment"));
            }
            if !url.username().is_empty() || url.password().is_some() {
                return Err(bad("credentials do not belong in the URL"));
            }
            match scheme.to_ascii_lowercase().as_str() {
                "https" => {}
                "http" if is_loopback(&url) => {}
                "http" => return Err(bad("plain http is only allowed on this machine; use https")),
                "file" => {
                    let path = url
                        .to_file_path()
                        .map_err(|()| bad("it is not a local file URL"))?;
                    return Ok(Source::Folder(path));
                }
                _ => {
                    return Err(bad(
                        "only https:// and file:// URLs or a folder path are supported",
                    ));
                }
            }
            if url.host_str().is_none_or(str::is_empty) {
                return Err(bad("the URL has no host"));
            }
            if !url.path().ends_with('/') {
                let path = format!("{}/", url.path());
                url.set_path(&path);
            }
            return Ok(Source::Url(url));
        }
        let path = Path::new(trimmed);
        if !path.is_absolute() {
            return std::path::absolute(path)
                .map(Source::Folder)
                .map_err(|_| bad("the folder path cannot be made absolute"));
        }
        Ok(Source::Folder(path.to_owned()))
    }

    /// The base URL of the metadata files.
    pub fn metadata_url(&self) -> Result<Url> {
        self.join("metadata/")
    }

    /// The base URL of the target files.
    pub fn targets_url(&self) -> Result<Url> {
        self.join("targets/")
    }

    fn join(&self, part: &str) -> Result<Url> {
        let base = match self {
            Source::Url(url) => url.clone(),
            Source::Folder(path) => {
                Url::from_directory_path(path).map_err(|()| Error::BadSource {
                    text: path.display().to_string(),
                    reason: "the folder path cannot be used as a URL",
                })?
            }
        };
        base.join(part).map_err(|_| Error::BadSource {
            text: base.to_string(),
            reason: "the URL cannot be extended",
        })
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Url(url) => write!(f, "{url}"),
            Source::Folder(path) => write!(f, "{}", path.display()),
        }
    }
}
