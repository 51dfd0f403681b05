//! The kiosk side of an update: load and verify the repository's metadata with tough (against the
//! store's trusted root and datastore), then copy the content DB and its attachments into staging,
//! check them, and commit the release as pending. Activation is [`Store::activate_pending`].

pub(crate) mod http;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt as _;
use tokio::io::AsyncWriteExt as _;
use tough::schema::{Root, Signed};
use tough::{
    ExpirationEnforcement, Limits, RepositoryLoader, TargetName, Transport, TransportError,
    TransportErrorKind, TransportStream,
};
use url::Url;

use crate::error::{Error, Result};
use crate::source::Source;
use crate::store::{self, CONTENT_DB, FileMeta, Lock, Release, Store};

/// The prefix of attachment target names: `attachment.<sha256>`.
pub const ATTACHMENT_PREFIX: &str = "attachment.";

/// Bounds on one update: a deadline on every fetch and limits on every metadata file. Target files
/// are bounded by the lengths their signed metadata gives.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The longest a single file may take, from request to last byte.
    pub deadline: Duration,
    /// The largest root, timestamp, snapshot and targets metadata accepted.
    pub limits: Limits,
    /// The largest target file accepted, whatever its metadata says.
    pub max_target_bytes: u64,
    /// Refuse expired metadata (always, except for the first-boot content a package carries, which
    /// is trusted like the package itself and may be installed long after it was signed).
    pub enforce_expiry: bool,
    /// A PEM file of certificate authorities trusted for `https://` sources besides the system's
    /// (an organisation's own CA; `update_ca` in kiosk.toml).
    pub ca_file: Option<PathBuf>,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            deadline: Duration::from_secs(120),
            limits: Limits {
                max_root_size: 256 * 1024,
                max_targets_size: 4 * 1024 * 1024,
                max_timestamp_size: 64 * 1024,
                max_snapshot_size: 256 * 1024,
                max_root_updates: 64,
            },
            max_target_bytes: 512 * 1024 * 1024,
            enforce_expiry: true,
            ca_file: None,
        }
    }
}

/// How a successful update call ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The source offers nothing newer than what this kiosk has (or rolled back from).
    Current {
        /// The version the source offers.
        offered: u64,
    },
    /// A newer release was verified and staged; it becomes current at activation.
    Staged(Release),
}

/// Progress of a long update, for a progress line or bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Metadata verified; `files` targets (`bytes` in all) are to be copied.
    Planned {
        /// The version being staged.
        version: u64,
        /// Files to copy or reuse.
        files: usize,
        /// Their total size.
        bytes: u64,
    },
    /// One file is in staging (`reused` when an unchanged local copy was taken).
    File {
        /// Target name.
        name: String,
        /// Its size.
        bytes: u64,
        /// Taken from a kept release instead of downloaded.
        reused: bool,
    },
    /// Files written and checked; the release is being committed.
    Committing,
}

/// Checks `source` and, when it offers a newer signed release, stages it (but does not activate
/// it). The store's lock is held throughout; the last check is recorded either way.
pub async fn update(
    store: &Store,
    lock: &Lock,
    source: &Source,
    config: &FetchConfig,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Outcome> {
    let result = match Checked::load(store, lock, source, config).await {
        Ok(checked) => checked.stage(store, lock, progress).await,
        Err(e) => Err(e),
    };
    let (code, detail) = match &result {
        Ok(Outcome::Staged(release)) => (
            "update.staged".to_owned(),
            format!("version {}", release.version),
        ),
        Ok(Outcome::Current { offered }) => (
            "update.current".to_owned(),
            format!("offered version {offered}"),
        ),
        Err(e) => (e.code().to_owned(), e.to_string()),
    };
    let check = store::Check {
        at: jiff::Timestamp::now(),
        source: source.to_string(),
        code,
        detail,
    };
    if let Err(error) = store.record_check(&check) {
        // The outcome stands (a staged release is committed); only the record of it is lost.
        eprintln!("compass-update: recording the check: {error}");
    }
    result
}

/// A repository whose metadata has been verified, with the plan of what to copy.
#[derive(Debug)]
pub struct Checked {
    repo: tough::Repository,
    source: Source,
    trip: Trip,
    config: FetchConfig,
    version: u64,
}

impl Checked {
    /// Loads and verifies the metadata of `source` against the store's trust (tough does the TUF
    /// work: signatures, thresholds, versions, expiry, sizes, root rotation).
    pub async fn load(
        store: &Store,
        _lock: &Lock,
        source: &Source,
        config: &FetchConfig,
    ) -> Result<Checked> {
        let anchor = store.anchor()?.ok_or(Error::NoTrust)?;
        if let Source::Folder(path) = source
            && !path.join("metadata").is_dir()
        {
            return Err(Error::Unreachable {
                detail: format!("{} has no metadata folder", path.display()),
            });
        }
        let trip = Trip::default();
        let transport = Guarded::new(config, trip.clone())?;
        let datastore = store.datastore_dir();
        std::fs::create_dir_all(&datastore).map_err(|e| Error::io("creating", &datastore, e))?;
        store.repair_datastore()?;
        let loaded = RepositoryLoader::new(&anchor, source.metadata_url()?, source.targets_url()?)
            .transport(transport)
            .limits(config.limits)
            .datastore(datastore)
            .expiration_enforcement(if config.enforce_expiry {
                ExpirationEnforcement::Safe
            } else {
                ExpirationEnforcement::Unsafe
            })
            .load()
            .await;
        let repo = loaded.map_err(|e| classify(&e, &trip))?;
        store.back_up_datastore()?;
        let newest_root = serde_json::to_vec(repo.root()).map_err(|e| Error::Verification {
            detail: e.to_string(),
        })?;
        if newest_root != anchor {
            store.set_anchor(&newest_root)?;
        }
        let version = repo.targets().signed.version.get();
        Ok(Checked {
            repo,
            source: source.clone(),
            trip,
            config: config.clone(),
            version,
        })
    }

    /// The signed targets version the source offers.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Copies the release into staging, checks it and commits it as pending.
    pub async fn stage(
        self,
        store: &Store,
        lock: &Lock,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<Outcome> {
        // Decided under the lock, against the store as it is now.
        let current = store.current()?.map_or(0, |r| r.version);
        if self.version < current {
            return Err(Error::Rollback {
                detail: format!(
                    "offered version {} is older than the current {current}",
                    self.version
                ),
            });
        }
        if self.version <= store.high_water()? {
            return Ok(Outcome::Current {
                offered: self.version,
            });
        }
        let targets = self.plan()?;
        progress(Progress::Planned {
            version: self.version,
            files: targets.len(),
            bytes: targets.iter().map(|(_, _, meta)| meta.length).sum(),
        });
        let staging = store.staging_release_dir(self.version);
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| Error::io("removing", &staging, e))?;
        }
        let attachments = staging.join("attachments");
        std::fs::create_dir_all(&attachments)
            .map_err(|e| Error::io("creating", &attachments, e))?;
        let result = self.copy_all(store, &staging, &targets, progress).await;
        if let Err(e) = result {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
        progress(Progress::Committing);
        let targets_meta = &self.repo.targets().signed;
        let published_at = self
            .repo
            .targets()
            .signed
            .targets
            .get(&target_name(CONTENT_DB)?)
            .and_then(|t| t.custom.get("published"))
            .and_then(|v| v.as_str())
            .and_then(|text| text.parse().ok());
        let release = Release {
            version: self.version,
            published_at,
            expires: timestamp(targets_meta.expires),
            source: self.source.to_string(),
            fetched_at: jiff::Timestamp::now(),
            files: targets
                .into_iter()
                .map(|(_, path, meta)| (path, meta))
                .collect(),
        };
        if let Err(e) = store.commit_staged(lock, &release) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
        Ok(Outcome::Staged(release))
    }

    /// The targets of this release: (target name, path in the release, expected length and hash).
    fn plan(&self) -> Result<Vec<(TargetName, String, FileMeta)>> {
        let mut plan = Vec::new();
        let mut has_db = false;
        for (name, target) in self.repo.all_targets() {
            let raw = name.raw();
            let path = if raw == CONTENT_DB {
                has_db = true;
                CONTENT_DB.to_owned()
            } else if let Some(sha) = raw
                .strip_prefix(ATTACHMENT_PREFIX)
                .filter(|s| is_sha256_hex(s))
            {
                format!("attachments/{sha}")
            } else {
                return Err(Error::Verification {
                    detail: format!("unexpected target {raw:?}"),
                });
            };
            if target.length > self.config.max_target_bytes {
                return Err(Error::TooLarge {
                    url: raw.to_owned(),
                    limit: self.config.max_target_bytes,
                });
            }
            let sha256 = store::hex(&target.hashes.sha256);
            if let Some(named) = raw.strip_prefix(ATTACHMENT_PREFIX)
                && named != sha256
            {
                return Err(Error::Verification {
                    detail: format!("{raw} is named for another hash"),
                });
            }
            plan.push((
                name.clone(),
                path,
                FileMeta {
                    length: target.length,
                    sha256,
                },
            ));
        }
        if !has_db {
            return Err(Error::Verification {
                detail: format!("the release has no {CONTENT_DB}"),
            });
        }
        Ok(plan)
    }

    async fn copy_all(
        &self,
        store: &Store,
        staging: &Path,
        targets: &[(TargetName, String, FileMeta)],
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<()> {
        for (name, path, meta) in targets {
            let out = staging.join(path);
            // A kept file was hashed by `find_file` just now; a download is hashed again once on
            // disk (tough checked the stream; this checks what was written).
            let reused = match store.find_file(meta)? {
                Some(local) => {
                    copy_local(&local, &out)?;
                    true
                }
                None => {
                    self.download(name, &out).await?;
                    if store::hash_file(&out)? != *meta {
                        return Err(Error::Verification {
                            detail: format!("{} does not match its signed hash", name.raw()),
                        });
                    }
                    false
                }
            };
            progress(Progress::File {
                name: name.raw().to_owned(),
                bytes: meta.length,
                reused,
            });
        }
        store::check_content_db(&staging.join(CONTENT_DB))?;
        store::sync_dir(&staging.join("attachments"))?;
        store::sync_dir(staging)
    }

    async fn download(&self, name: &TargetName, out: &Path) -> Result<()> {
        let stream = self
            .repo
            .read_target(name)
            .await
            .map_err(|e| classify(&e, &self.trip))?;
        let Some(mut stream) = stream else {
            return Err(Error::Verification {
                detail: format!("{} is not listed", name.raw()),
            });
        };
        let mut file = tokio::fs::File::create(out)
            .await
            .map_err(|e| Error::io("creating", out, e))?;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| classify(&e, &self.trip))?;
            file.write_all(&chunk)
                .await
                .map_err(|e| Error::io("writing", out, e))?;
        }
        file.flush()
            .await
            .map_err(|e| Error::io("writing", out, e))?;
        file.sync_all()
            .await
            .map_err(|e| Error::io("syncing", out, e))
    }
}

fn copy_local(from: &Path, to: &Path) -> Result<()> {
    // Releases are immutable, so a hard link is a safe copy; fall back to copying across devices.
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to).map_err(|e| Error::io("copying", to, e))?;
        File::open(to)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io("syncing", to, e))?;
    }
    Ok(())
}

fn target_name(name: &str) -> Result<TargetName> {
    TargetName::new(name).map_err(|e| Error::Verification {
        detail: e.to_string(),
    })
}

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Parses and self-verifies a root metadata file (what a kiosk is told to trust at first boot).
pub fn check_root(bytes: &[u8]) -> Result<Signed<Root>> {
    let root: Signed<Root> = serde_json::from_slice(bytes).map_err(|e| Error::Verification {
        detail: format!("root.json does not parse: {e}"),
    })?;
    root.signed
        .verify_role(&root)
        .map_err(|e| Error::Verification {
            detail: format!("root.json is not signed by its own keys: {e}"),
        })?;
    Ok(root)
}

/// The first deadline or limit the guarded transport hit, which explains the error tough returns.
#[derive(Debug, Clone, Default)]
struct Trip(Arc<Mutex<Option<(String, u64)>>>);

impl Trip {
    fn set(&self, url: &Url, seconds: u64) {
        if let Ok(mut slot) = self.0.lock() {
            slot.get_or_insert((url.to_string(), seconds));
        }
    }

    fn get(&self) -> Option<(String, u64)> {
        self.0.lock().ok().and_then(|slot| slot.clone())
    }
}

/// The transport of one update: local files (regular files only) and HTTP(S) ([`http::Http`]:
/// same-origin redirects, the operator's CA), with a deadline over each whole fetch, from the request
/// to the last byte, so a server that trickles bytes cannot hold an update forever.
#[derive(Debug, Clone)]
struct Guarded {
    http: http::Http,
    deadline: Duration,
    trip: Trip,
}

impl Guarded {
    fn new(config: &FetchConfig, trip: Trip) -> Result<Guarded> {
        Ok(Guarded {
            http: http::Http::new(config)?,
            deadline: config.deadline,
            trip,
        })
    }
}

#[tough::async_trait]
impl Transport for Guarded {
    async fn fetch(&self, url: Url) -> Result<TransportStream, TransportError> {
        let until = tokio::time::Instant::now() + self.deadline;
        let seconds = self.deadline.as_secs();
        // File URLs are read here: tough's FilesystemTransport takes the URL path without
        // percent-decoding it, so a stick labelled "USB DISK" (`USB%20DISK`) would never be found.
        let fetch = async {
            match url.scheme() {
                "file" => open_file(&url).await,
                "http" | "https" => self.http.fetch(url.clone()).await,
                _ => Err(TransportError::new(
                    TransportErrorKind::UnsupportedUrlScheme,
                    &url,
                )),
            }
        };
        let stream = match tokio::time::timeout_at(until, fetch).await {
            Ok(stream) => stream?,
            Err(_) => {
                self.trip.set(&url, seconds);
                return Err(TransportError::new(TransportErrorKind::Other, url));
            }
        };
        let trip = self.trip.clone();
        let guarded = futures::stream::unfold(Some(stream), move |state| {
            let trip = trip.clone();
            let url = url.clone();
            async move {
                let mut stream = state?;
                match tokio::time::timeout_at(until, stream.next()).await {
                    Ok(Some(item)) => Some((item, Some(stream))),
                    Ok(None) => None,
                    Err(_) => {
                        trip.set(&url, seconds);
                        Some((
                            Err(TransportError::new(TransportErrorKind::Other, url)),
                            None,
                        ))
                    }
                }
            }
        });
        Ok(Box::pin(guarded))
    }
}

/// Maps a tough error (and what the transport saw) to what the caller can act on.
fn classify(error: &tough::error::Error, trip: &Trip) -> Error {
    use tough::error::Error as E;
    if let Some((url, seconds)) = trip.get() {
        return Error::Deadline { url, seconds };
    }
    if let Some(refused) = http::classify_cause(error) {
        return match refused {
            Error::Certificate { detail, .. } => Error::Certificate {
                url: transport_url(error).unwrap_or_default(),
                detail,
            },
            other => other,
        };
    }
    let detail = error.to_string();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = current {
        if let Some(tough) = e.downcast_ref::<E>() {
            match tough {
                E::ExpiredMetadata { role, .. } => {
                    return Error::Expired {
                        role: role.to_string(),
                    };
                }
                E::OlderMetadata { .. }
                | E::OlderSnapshotInTimestamp { .. }
                | E::SnapshotRoleRollback { .. } => {
                    return Error::Rollback { detail };
                }
                E::MaxSizeExceeded { max_size, .. } => {
                    return Error::TooLarge {
                        url: transport_url(error).unwrap_or_default(),
                        limit: *max_size,
                    };
                }
                E::DatastoreCreate { path, source, .. }
                | E::DatastoreRemove { path, source, .. } => {
                    let cause = std::io::Error::new(source.kind(), source.to_string());
                    return Error::io("writing the trust store", path.clone(), cause);
                }
                E::SystemTimeSteppedBackward { .. } => return Error::Clock { detail },
                E::HashMismatch { .. }
                | E::VerifyMetadata { .. }
                | E::VerifyTrustedMetadata { .. }
                | E::VersionMismatch { .. } => {
                    return Error::Verification { detail };
                }
                _ => {}
            }
        }
        current = e.source();
    }
    match error {
        E::Transport { .. } => Error::Unreachable { detail },
        _ => Error::Verification { detail },
    }
}

fn transport_url(error: &tough::error::Error) -> Option<String> {
    match error {
        tough::error::Error::Transport { url, .. } => Some(url.to_string()),
        _ => None,
    }
}

/// tough's timestamp (jiff 0.2) as the workspace's jiff 1 timestamp.
pub(crate) fn timestamp(t: jiff02::Timestamp) -> jiff::Timestamp {
    jiff::Timestamp::from_nanosecond(t.as_nanosecond()).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// A local file as a transport stream, from its percent-decoded path; only a regular file.
async fn open_file(url: &Url) -> Result<TransportStream, TransportError> {
    use tokio::io::AsyncReadExt as _;
    let path = url
        .to_file_path()
        .map_err(|()| TransportError::new(TransportErrorKind::UnsupportedUrlScheme, url.clone()))?;
    let failed = |url: &Url, error: std::io::Error| {
        let kind = if error.kind() == std::io::ErrorKind::NotFound {
            TransportErrorKind::FileNotFound
        } else {
            TransportErrorKind::Other
        };
        TransportError::new_with_cause(kind, url.clone(), error)
    };
    // A FIFO would block the open and a device would be read without end: only a regular file (after
    // links) is opened; anything else is refused at once, unread.
    let meta = tokio::fs::metadata(&path)
        .await
        .map_err(|e| failed(url, e))?;
    if !meta.is_file() {
        return Err(failed(
            url,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file (a folder, FIFO, socket or device): refused, not read",
            ),
        ));
    }
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| failed(url, e))?;
    let stream = futures::stream::unfold(Some((file, url.clone())), move |state| async move {
        let (mut file, url) = state?;
        let mut buffer = vec![0; 64 * 1024];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(n) => {
                buffer.truncate(n);
                Some((Ok(tough::Bytes::from(buffer)), Some((file, url))))
            }
            Err(error) => Some((Err(failed(&url, error)), None)),
        }
    });
    Ok(Box::pin(stream))
}
