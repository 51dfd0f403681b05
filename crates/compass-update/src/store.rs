//! The kiosk's side of the disk: the trust store, the content releases, and the pointer to the one
//! being shown. Everything lives under one data folder:
//!
//! ```text
//! <data>/update.lock          held (flock) by whoever stages, activates or rolls back
//! <data>/trust/anchor.json    the newest root this kiosk trusts (written atomically by us)
//! <data>/trust/tuf/           tough's datastore: the last timestamp, snapshot, targets (rollback guard)
//! <data>/staging/<n>/         a release being written; removed on the next start if left behind
//! <data>/trust/backup/        our atomic copies of tough's datastore files, restored if one is torn
//! <data>/releases/<n>/        complete releases: content.db, attachments/<sha256>, release.json
//! <data>/active.json          the one pointer: current, previous, pending (verified, shown at the
//!                             next idle reset) and the version rolled back from
//! <data>/in-use.json          the version a running app shows (never collected while named)
//! <data>/last-check.json      when the last check ran, from where, and how it ended
//! ```
//!
//! Crash safety: a release is written and fsynced in `staging/`, renamed into `releases/`, and the
//! directory fsynced before the pointer names it; the pointer is one file, replaced by
//! write-fsync-rename-fsync. So after a `kill -9` at any point it names the old or the new state.
//! Compatibility: the JSON files carry only added fields over time (serde defaults).

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::error::{Error, Result};

/// The content DB's file name inside a release and as a target name.
pub const CONTENT_DB: &str = "content.db";

/// A release of content as this kiosk received it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    /// The signed targets version: it only grows.
    pub version: u64,
    /// When the admin published it (from the signed targets metadata), if recorded.
    #[serde(default)]
    pub published_at: Option<jiff::Timestamp>,
    /// When its signed targets metadata expires.
    pub expires: jiff::Timestamp,
    /// Where it came from (URL or folder).
    pub source: String,
    /// When this kiosk fetched it.
    pub fetched_at: jiff::Timestamp,
    /// Every file of the release by its path inside the release folder, with length and SHA-256.
    pub files: BTreeMap<String, FileMeta>,
}

/// Length and SHA-256 (hex) of one file of a release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMeta {
    /// Bytes.
    pub length: u64,
    /// Lower-case hex SHA-256.
    pub sha256: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Active {
    current: Option<Release>,
    previous: Option<Release>,
    /// Verified and complete, waiting for the next idle reset.
    #[serde(default)]
    pending: Option<Release>,
    /// The highest version an operator rolled back from: it is not fetched again.
    #[serde(default)]
    rolled_back_from: Option<u64>,
}

/// How the last update check ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// When it ran.
    pub at: jiff::Timestamp,
    /// Where it looked.
    pub source: String,
    /// `update.staged`, `update.current`, or an error code such as `update.expired`.
    pub code: String,
    /// A line for operators (not shown to visitors).
    pub detail: String,
}

/// Everything `safety-compass status` and the admin panel show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// The release being shown.
    pub current: Option<Release>,
    /// The release a rollback returns to.
    pub previous: Option<Release>,
    /// A verified release waiting for the next idle reset.
    pub pending: Option<Release>,
    /// The last check.
    pub last_check: Option<Check>,
    /// When the trusted timestamp metadata expires; after that no new content is accepted.
    pub metadata_expires: Option<jiff::Timestamp>,
}

/// The update store in one data folder. Cheap to clone; every change takes [`Store::lock`].
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// Proof that this process holds the update lock of a store (released on drop).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Active {
    fn high_water(&self) -> u64 {
        [&self.current, &self.pending]
            .into_iter()
            .flatten()
            .map(|r| r.version)
            .chain(self.rolled_back_from)
            .max()
            .unwrap_or(0)
    }
}

/// tough's datastore files: it writes them in place, so a kill can tear one; a torn file would
/// silently drop its rollback check. We keep atomic copies and restore a torn file before a load.
const DATASTORE_FILES: [&str; 4] = [
    "root.json",
    "timestamp.json",
    "snapshot.json",
    "targets.json",
];

impl Store {
    /// Restores any datastore file that does not parse from our last good copy.
    pub(crate) fn repair_datastore(&self) -> Result<()> {
        let backup = self.trust_dir().join("backup");
        for name in DATASTORE_FILES {
            let live = self.datastore_dir().join(name);
            let torn = match fs::read(&live) {
                Ok(bytes) => serde_json::from_slice::<serde_json::Value>(&bytes).is_err(),
                Err(e) => e.kind() == std::io::ErrorKind::NotFound && backup.join(name).is_file(),
            };
            if torn && let Ok(good) = fs::read(backup.join(name)) {
                write_atomic(&live, &good)?;
            }
        }
        Ok(())
    }

    /// Keeps atomic copies of the datastore files after a successful load.
    pub(crate) fn back_up_datastore(&self) -> Result<()> {
        let backup = self.trust_dir().join("backup");
        fs::create_dir_all(&backup).map_err(|e| Error::io("creating", &backup, e))?;
        for name in DATASTORE_FILES {
            if let Ok(bytes) = fs::read(self.datastore_dir().join(name))
                && serde_json::from_slice::<serde_json::Value>(&bytes).is_ok()
            {
                write_atomic(&backup.join(name), &bytes)?;
            }
        }
        Ok(())
    }

    /// Opens (creating it if needed) the store in `root`, and clears what a killed update left: the
    /// staging folder and releases no pointer names. (A pending release is only ever named once it
    /// is complete; activation checks it again.) Nothing is hashed here, so start-up stays cheap.
    pub fn open(root: &Path) -> Result<Store> {
        let store = Store {
            root: root.to_owned(),
        };
        for dir in [store.trust_dir(), store.staging_dir(), store.releases_dir()] {
            fs::create_dir_all(&dir).map_err(|e| Error::io("creating", &dir, e))?;
        }
        if let Ok(lock) = store.lock() {
            store.collect_garbage(&lock)?;
        }
        Ok(store)
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Takes the update lock, or fails with [`Error::Busy`] when another process holds it.
    pub fn lock(&self) -> Result<Lock> {
        let path = self.root.join("update.lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io("opening", &path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(Error::Busy),
            Err(fs::TryLockError::Error(e)) => Err(Error::io("locking", &path, e)),
        }
    }

    pub(crate) fn trust_dir(&self) -> PathBuf {
        self.root.join("trust")
    }

    pub(crate) fn datastore_dir(&self) -> PathBuf {
        self.trust_dir().join("tuf")
    }

    fn staging_dir(&self) -> PathBuf {
        self.root.join("staging")
    }

    fn releases_dir(&self) -> PathBuf {
        self.root.join("releases")
    }

    /// The folder of a release (content.db and attachments/).
    pub fn release_dir(&self, version: u64) -> PathBuf {
        self.releases_dir().join(version.to_string())
    }

    pub(crate) fn staging_release_dir(&self, version: u64) -> PathBuf {
        self.staging_dir().join(version.to_string())
    }

    /// The folder of the content being shown, if any.
    pub fn current_dir(&self) -> Result<Option<PathBuf>> {
        Ok(self.active()?.current.map(|r| self.release_dir(r.version)))
    }

    /// The release being shown.
    pub fn current(&self) -> Result<Option<Release>> {
        Ok(self.active()?.current)
    }

    /// The release waiting for the next idle reset.
    pub fn pending(&self) -> Result<Option<Release>> {
        Ok(self.active()?.pending)
    }

    /// The newest version this kiosk will not fetch again (what it has, or rolled back from).
    pub(crate) fn high_water(&self) -> Result<u64> {
        Ok(self.active()?.high_water())
    }

    /// Records that a running app shows `version`, so no other process collects that release.
    pub fn set_in_use(&self, version: Option<u64>) -> Result<()> {
        write_json(&self.root.join("in-use.json"), &version)
    }

    /// Version, age, source, last check and previous version.
    pub fn status(&self) -> Result<Status> {
        let active = self.active()?;
        let metadata_expires =
            read_json::<serde_json::Value>(&self.datastore_dir().join("timestamp.json"))
                .ok()
                .flatten()
                .and_then(|v| {
                    v.pointer("/signed/expires")
                        .and_then(|e| e.as_str().map(str::to_owned))
                })
                .and_then(|text| text.parse().ok());
        Ok(Status {
            current: active.current,
            previous: active.previous,
            pending: active.pending,
            last_check: read_json(&self.root.join("last-check.json"))?,
            metadata_expires,
        })
    }

    /// The trusted root this kiosk chains updates from.
    pub fn anchor(&self) -> Result<Option<Vec<u8>>> {
        let path = self.trust_dir().join("anchor.json");
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io("reading", path, e)),
        }
    }

    /// Trusts `root` (a signed `root.json`) when this kiosk trusts nothing yet. Returns whether it
    /// was taken: an existing anchor is never replaced this way, only by a verified chain.
    pub fn trust_initial_root(&self, _lock: &Lock, root: &[u8]) -> Result<bool> {
        if self.anchor()?.is_some() {
            return Ok(false);
        }
        crate::fetch::check_root(root)?;
        self.set_anchor(root)?;
        Ok(true)
    }

    pub(crate) fn set_anchor(&self, root: &[u8]) -> Result<()> {
        write_atomic(&self.trust_dir().join("anchor.json"), root)
    }

    /// Records how a check ended (for status and the admin panel).
    pub fn record_check(&self, check: &Check) -> Result<()> {
        write_json(&self.root.join("last-check.json"), check)
    }

    /// Moves a fully written and fsynced staging folder into `releases/` and marks it pending.
    /// Refused (as a rollback) when the store meanwhile has this version or a newer one.
    pub(crate) fn commit_staged(&self, _lock: &Lock, release: &Release) -> Result<()> {
        let mut active = self.active()?;
        if release.version <= active.high_water() {
            return Err(Error::Rollback {
                detail: format!(
                    "version {} is not newer than what this kiosk has",
                    release.version
                ),
            });
        }
        let staged = self.staging_release_dir(release.version);
        write_json(&staged.join("release.json"), release)?;
        sync_dir(&staged)?;
        let target = self.release_dir(release.version);
        if target.exists() {
            // A release of this version left from before a rollback or a killed run: replace it.
            fs::remove_dir_all(&target).map_err(|e| Error::io("removing", &target, e))?;
        }
        fs::rename(&staged, &target).map_err(|e| Error::io("moving into place", &target, e))?;
        sync_dir(&self.releases_dir())?;
        active.pending = Some(release.clone());
        write_json(&self.root.join("active.json"), &active)
    }

    /// Makes the pending release current (the old current becomes previous). Returns it, or
    /// `None` when nothing was pending. Called at an idle reset, never mid-visit.
    pub fn activate_pending(&self, lock: &Lock) -> Result<Option<Release>> {
        let mut active = self.active()?;
        let Some(pending) = active.pending.take() else {
            return Ok(None);
        };
        if let Err(error) = self.verify(&pending) {
            // A damaged pending release is dropped, so it is not tried at every reset.
            write_json(&self.root.join("active.json"), &active)?;
            return Err(error);
        }
        let next = Active {
            previous: active.current,
            current: Some(pending.clone()),
            pending: None,
            rolled_back_from: active.rolled_back_from,
        };
        write_json(&self.root.join("active.json"), &next)?;
        self.collect_garbage(lock)?;
        Ok(Some(pending))
    }

    /// Shows the previous release again and keeps the rolled-back version from being fetched anew.
    pub fn rollback(&self, lock: &Lock) -> Result<Release> {
        let active = self.active()?;
        let Some(previous) = active.previous.clone() else {
            return Err(Error::NoPrevious);
        };
        self.verify(&previous)?;
        let next = Active {
            current: Some(previous.clone()),
            previous: None,
            pending: None,
            rolled_back_from: Some(active.high_water()),
        };
        write_json(&self.root.join("active.json"), &next)?;
        self.collect_garbage(lock)?;
        Ok(previous)
    }

    /// Checks a release folder against its record: every file present with its length and
    /// SHA-256, and the content DB passes `PRAGMA integrity_check`.
    pub fn verify(&self, release: &Release) -> Result<()> {
        let dir = self.release_dir(release.version);
        verify_files(&dir, release)?;
        check_content_db(&dir.join(CONTENT_DB))
    }

    /// A file of a kept release with this length and SHA-256, to reuse instead of downloading
    /// it again (an unchanged report file or content DB). Checked again before it is used.
    pub(crate) fn find_file(&self, wanted: &FileMeta) -> Result<Option<PathBuf>> {
        let active = self.active()?;
        for release in [active.current, active.previous, active.pending]
            .into_iter()
            .flatten()
        {
            for (path, meta) in &release.files {
                let file = self.release_dir(release.version).join(path);
                if meta == wanted && hash_file(&file).ok().as_ref() == Some(wanted) {
                    return Ok(Some(file));
                }
            }
        }
        Ok(None)
    }

    fn active(&self) -> Result<Active> {
        Ok(read_json(&self.root.join("active.json"))?.unwrap_or_default())
    }

    /// Removes releases that no pointer names, and leftover staging folders.
    fn collect_garbage(&self, _lock: &Lock) -> Result<()> {
        let active = self.active()?;
        let in_use: Option<u64> = read_json(&self.root.join("in-use.json"))
            .ok()
            .flatten()
            .flatten();
        let keep: Vec<String> = [active.current, active.previous, active.pending]
            .into_iter()
            .flatten()
            .map(|r| r.version)
            .chain(in_use)
            .map(|v| v.to_string())
            .collect();
        let dir = self.releases_dir();
        for entry in fs::read_dir(&dir).map_err(|e| Error::io("listing", &dir, e))? {
            let entry = entry.map_err(|e| Error::io("listing", &dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !keep.contains(&name) {
                let path = entry.path();
                fs::remove_dir_all(&path).map_err(|e| Error::io("removing", &path, e))?;
            }
        }
        clear_dir(&self.staging_dir())
    }
}

/// Checks every file listed in `release` under `dir`.
pub(crate) fn verify_files(dir: &Path, release: &Release) -> Result<()> {
    if !release.files.contains_key(CONTENT_DB) {
        return Err(Error::Integrity {
            detail: format!("release {} has no {CONTENT_DB}", release.version),
        });
    }
    for (name, meta) in &release.files {
        let path = dir.join(name);
        let found = hash_file(&path)?;
        if found != *meta {
            return Err(Error::Integrity {
                detail: format!("{} does not match its record", path.display()),
            });
        }
    }
    Ok(())
}

/// Opens a content DB read-only and runs `PRAGMA integrity_check`.
pub(crate) fn check_content_db(path: &Path) -> Result<()> {
    let db = compass_content::ContentDb::open(path).map_err(|e| Error::Integrity {
        detail: e.to_string(),
    })?;
    match db.integrity_ok() {
        Ok(true) => Ok(()),
        Ok(false) => Err(Error::Integrity {
            detail: format!("{} failed integrity_check", path.display()),
        }),
        Err(e) => Err(Error::Integrity {
            detail: e.to_string(),
        }),
    }
}

/// Length and SHA-256 of a file.
pub fn hash_file(path: &Path) -> Result<FileMeta> {
    let mut file = File::open(path).map_err(|e| Error::io("opening", path, e))?;
    let mut hasher = Sha256::new();
    let length =
        std::io::copy(&mut file, &mut hasher).map_err(|e| Error::io("reading", path, e))?;
    Ok(FileMeta {
        length,
        sha256: hex(&hasher.finalize()),
    })
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::Integrity {
                detail: format!("{} is not readable: {e}", path.display()),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("reading", path, e)),
    }
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(value).map_err(|e| Error::Integrity {
        detail: e.to_string(),
    })?;
    write_atomic(path, &bytes)
}

/// Replaces `path` by write, fsync, rename and directory fsync: readers see the old or the new file.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per write, so two threads replacing the same file never share a temporary one.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let write = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{write}.tmp", std::process::id()));
    let mut file = File::create(&temp).map_err(|e| Error::io("creating", &temp, e))?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(Error::io("writing", &temp, e));
    }
    fs::rename(&temp, path).map_err(|e| Error::io("replacing", path, e))?;
    sync_dir(dir)
}

/// fsync of a directory, so a rename or a new entry in it survives a power cut.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io("syncing", dir, e))
}

fn clear_dir(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| Error::io("listing", dir, e))? {
        let path = entry.map_err(|e| Error::io("listing", dir, e))?.path();
        let removed = if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.map_err(|e| Error::io("removing", &path, e))?;
    }
    Ok(())
}
