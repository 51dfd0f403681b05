//! The admin side: a TUF repository folder (`metadata/`, `targets/`, `repo.json`) and a key folder
//! kept elsewhere. tough's editor builds and signs the metadata; this module only decides names,
//! versions and expiry, and writes files so a kiosk reading mid-publish sees the old or new set.
//!
//! Keys are Ed25519 (PKCS#8 files `<role>-<key id prefix>.pk8`, mode 0600) made with aws-lc-rs,
//! the same crypto library tough verifies with. Rotated keys move to `<keys>/retired/`.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::Ed25519KeyPair;
use serde::{Deserialize, Serialize};
use tough::editor::RepositoryEditor;
use tough::editor::signed::{PathExists, SignedRole};
use tough::key_source::{KeySource, LocalKeySource};
use tough::schema::decoded::{Decoded, Hex};
use tough::schema::{KeyHolder, Role, RoleKeys, RoleType, Root, Target};
use tough::sign::Sign as _;
use tough::{ExpirationEnforcement, FilesystemTransport, RepositoryLoader, TargetName};
use url::Url;

use crate::error::{Error, Result};
use crate::fetch::ATTACHMENT_PREFIX;
use crate::store::{self, CONTENT_DB};

/// How a repository is set up: keys per role, the signature threshold, and expiry per role.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct RepoConfig {
    /// Keys generated for each role.
    pub keys_per_role: u64,
    /// Signatures required for each role (at most `keys_per_role`).
    pub threshold: u64,
    /// Days until the root metadata expires.
    pub root_days: i64,
    /// Days until targets metadata expires (re-sign by publishing).
    pub targets_days: i64,
    /// Days until snapshot metadata expires.
    pub snapshot_days: i64,
    /// Days until timestamp metadata expires (re-sign with `refresh-timestamp`).
    pub timestamp_days: i64,
}

impl Default for RepoConfig {
    fn default() -> Self {
        RepoConfig {
            keys_per_role: 1,
            threshold: 1,
            root_days: 730,
            targets_days: 365,
            snapshot_days: 365,
            timestamp_days: 14,
        }
    }
}

/// What a publish did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The new targets version (the content version kiosks will show).
    pub version: u64,
    /// Targets in this version.
    pub files: usize,
    /// Targets newly copied into `targets/` (unchanged files are already there).
    pub copied: usize,
}

/// A progress line of long admin work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminProgress {
    /// A target file was hashed and added (`index` of `total`).
    Added {
        /// 1-based.
        index: usize,
        /// Number of targets.
        total: usize,
        /// Target name.
        name: String,
    },
    /// Metadata signed; files are being written.
    Writing,
}

/// A repository folder.
#[derive(Debug, Clone)]
pub struct Repo {
    dir: PathBuf,
    keys: PathBuf,
}

/// `path` (absolute) as the file system will resolve it, whether or not it exists yet: its longest
/// existing ancestor canonicalised (symbolic links and `..` resolved), then the rest with `.` dropped and
/// `..` taken back. A folder to be made inside a linked folder resolves inside the link's target.
pub(crate) fn resolved(path: &Path) -> PathBuf {
    let mut existing = path.to_owned();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(real) = fs::canonicalize(&existing) {
            break real;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent.to_owned();
            }
            // `..` or the root itself: nothing more to take off.
            _ => match existing.parent() {
                Some(parent) => {
                    rest.push(std::ffi::OsString::from(".."));
                    existing = parent.to_owned();
                }
                None => break existing,
            },
        }
    };
    let mut out = base;
    for part in rest.iter().rev() {
        match part.to_str() {
            Some("..") => {
                out.pop();
            }
            Some(".") => {}
            _ => out.push(part),
        }
    }
    out
}

/// The lock file in a repository folder, held while one command writes it.
pub const LOCK_FILE: &str = ".lock";

impl Repo {
    /// A repository in `dir` signed with the keys in `keys`; `keys` must not be inside `dir`, however
    /// it is reached (symbolic links and `..` are resolved, for folders not made yet too).
    pub fn new(dir: &Path, keys: &Path) -> Result<Repo> {
        let dir = std::path::absolute(dir).map_err(|e| Error::io("resolving", dir, e))?;
        let keys = std::path::absolute(keys).map_err(|e| Error::io("resolving", keys, e))?;
        if resolved(&keys).starts_with(resolved(&dir)) {
            return Err(Error::Repository {
                path: dir,
                detail:
                    "the key folder must not be inside the repository folder that gets published"
                        .into(),
            });
        }
        Ok(Repo { dir, keys })
    }

    /// A repository opened only to read and verify it (`inspect`); signing with it fails.
    pub fn for_reading(dir: &Path) -> Result<Repo> {
        let dir = std::path::absolute(dir).map_err(|e| Error::io("resolving", dir, e))?;
        Ok(Repo {
            dir,
            keys: PathBuf::new(),
        })
    }

    fn metadata(&self) -> PathBuf {
        self.dir.join("metadata")
    }

    fn targets(&self) -> PathBuf {
        self.dir.join("targets")
    }

    /// Takes the repository's lock (`.lock` in its folder) for one publish, timestamp refresh or key
    /// rotation, so that two of them (a cron refresh during a publish) never interleave their writes.
    /// Released when the returned file is dropped, and by the OS when the process dies.
    fn lock(&self) -> Result<fs::File> {
        let path = self.dir.join(LOCK_FILE);
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io("opening the lock", &path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(fs::TryLockError::WouldBlock) => Err(self.repository_error(
                "another publish, refresh-timestamp or rotate-key is running on this repository; \
                 try again when it has finished",
            )),
            Err(fs::TryLockError::Error(e)) => Err(Error::io("locking", &path, e)),
        }
    }

    fn repository_error(&self, detail: impl Into<String>) -> Error {
        Error::Repository {
            path: self.dir.clone(),
            detail: detail.into(),
        }
    }

    /// Creates the keys and a signed root (version 1). Refuses a folder that already has metadata.
    pub async fn init(&self, config: &RepoConfig) -> Result<PathBuf> {
        if config.threshold == 0
            || config.threshold > config.keys_per_role
            || config.keys_per_role > 16
        {
            return Err(self.repository_error(
                "the threshold must be between 1 and the number of keys per role (at most 16)",
            ));
        }
        if self.metadata().join("1.root.json").exists() {
            return Err(self.repository_error("already initialised (metadata/1.root.json exists)"));
        }
        for dir in [self.metadata(), self.targets(), self.keys.clone()] {
            fs::create_dir_all(&dir).map_err(|e| Error::io("creating", &dir, e))?;
        }
        let mut keys = HashMap::new();
        let mut roles = HashMap::new();
        for role in [
            RoleType::Root,
            RoleType::Targets,
            RoleType::Snapshot,
            RoleType::Timestamp,
        ] {
            let mut ids = Vec::new();
            for _ in 0..config.keys_per_role {
                let (id, key) = self.generate_key(role)?;
                keys.insert(id.clone(), key);
                ids.push(id);
            }
            roles.insert(role, role_keys(ids, config.threshold)?);
        }
        let root = Root {
            spec_version: "1.0.0".to_owned(),
            consistent_snapshot: true,
            version: NonZeroU64::MIN,
            expires: days_from_now(config.root_days)?,
            keys,
            roles,
            _extra: HashMap::new(),
        };
        let signed = self.sign_role(root.clone(), &KeyHolder::Root(root)).await?;
        self.write_role(signed).await?;
        let config_json =
            serde_json::to_vec_pretty(config).map_err(|e| self.repository_error(e.to_string()))?;
        store::write_atomic(&self.dir.join("repo.json"), &config_json)?;
        Ok(self.metadata().join("1.root.json"))
    }

    fn config(&self) -> Result<RepoConfig> {
        let path = self.dir.join("repo.json");
        let bytes = fs::read(&path).map_err(|e| Error::io("reading", &path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| self.repository_error(format!("repo.json: {e}")))
    }

    /// Publishes a built content folder (`content.db` and `attachments/`) as the next version.
    pub async fn publish(
        &self,
        content: &Path,
        progress: &mut dyn FnMut(AdminProgress),
    ) -> Result<Published> {
        // Checked before anything touches the repository (its lock file included).
        let files = content_files(content)?;
        check_before_signing(&content.join(CONTENT_DB))?;
        let _lock = self.lock()?;
        let config = self.config()?;
        let existing = self.load(ExpirationEnforcement::Unsafe).await?;
        let versions = existing.as_ref().map_or((0, 0, 0), versions_of);
        let mut editor = match existing {
            Some(repo) => RepositoryEditor::from_repo(self.latest_root()?, repo).await,
            None => RepositoryEditor::new(self.latest_root()?).await,
        }
        .map_err(signing)?;
        editor.clear_targets().map_err(signing)?;
        let published = jiff::Timestamp::now().to_string();
        let total = files.len();
        let mut stored_names = Vec::with_capacity(total);
        for (index, (name, path)) in files.iter().enumerate() {
            let mut target = Target::from_path(path).await.map_err(signing)?;
            // With consistent snapshots a target is stored as `<sha256>.<name>`.
            stored_names.push(format!("{}.{name}", store::hex(&target.hashes.sha256)));
            if name == CONTENT_DB {
                target.custom.insert(
                    "published".to_owned(),
                    serde_json::Value::String(published.clone()),
                );
            }
            editor
                .add_target(target_name(name)?, target)
                .map_err(signing)?;
            progress(AdminProgress::Added {
                index: index + 1,
                total,
                name: name.clone(),
            });
        }
        let version = next_versions(&mut editor, &config, versions)?;
        let signed = editor.sign(&self.key_sources()?).await.map_err(signing)?;
        progress(AdminProgress::Writing);
        fs::create_dir_all(self.targets()).map_err(|e| Error::io("creating", self.targets(), e))?;
        let mut copied = 0;
        for ((name, path), stored) in files.iter().zip(&stored_names) {
            copied += usize::from(!self.targets().join(stored).exists());
            signed
                .copy_target(
                    path,
                    &self.targets(),
                    PathExists::Skip,
                    Some(&target_name(name)?),
                )
                .await
                .map_err(signing)?;
        }
        store::sync_dir(&self.targets())?;
        self.write_metadata(|dir| async move { signed.write(dir).await })
            .await?;
        Ok(Published {
            version,
            files: files.len(),
            copied,
        })
    }

    /// Signs a new timestamp (version + 1, fresh expiry) over the current snapshot. Needs only the
    /// timestamp key, so it can run unattended.
    pub async fn refresh_timestamp(&self) -> Result<u64> {
        let _lock = self.lock()?;
        let config = self.config()?;
        let repo = self
            .load(ExpirationEnforcement::Unsafe)
            .await?
            .ok_or_else(|| self.repository_error("nothing published yet"))?;
        let mut timestamp = repo.timestamp().signed.clone();
        let version = timestamp.version.get() + 1;
        timestamp.version = non_zero(version);
        timestamp.expires = days_from_now(config.timestamp_days)?;
        let holder = KeyHolder::Root(repo.root().signed.clone());
        let signed = self.sign_role(timestamp, &holder).await?;
        self.write_role(signed).await?;
        Ok(version)
    }

    /// Replaces every key of `role` with a new one: a new root version signed by the old and the
    /// new root keys, then every other role re-signed. Old keys move to `retired/`. Returns the new
    /// root version.
    pub async fn rotate_key(&self, role: RoleType) -> Result<u64> {
        let _lock = self.lock()?;
        let config = self.config()?;
        let repo = self.load(ExpirationEnforcement::Unsafe).await?;
        let old_root: Root = match &repo {
            Some(repo) => repo.root().signed.clone(),
            None => read_root(&self.latest_root()?)?.signed,
        };
        let mut root = old_root.clone();
        let old_ids = root
            .roles
            .get(&role)
            .map(|r| r.keyids.clone())
            .unwrap_or_default();
        let threshold = root.roles.get(&role).map_or(1, |r| r.threshold.get());
        let mut new_ids = Vec::new();
        for _ in 0..old_ids.len().max(1) {
            let (id, key) = self.generate_key(role)?;
            root.keys.insert(id.clone(), key);
            new_ids.push(id);
        }
        root.roles.insert(role, role_keys(new_ids, threshold)?);
        let still_used: Vec<&Decoded<Hex>> = root.roles.values().flat_map(|r| &r.keyids).collect();
        root.keys.retain(|id, _| still_used.contains(&id));
        let version = root.version.get() + 1;
        root.version = non_zero(version);
        root.expires = days_from_now(config.root_days)?;
        let by_old = self
            .sign_role(root.clone(), &KeyHolder::Root(old_root))
            .await?;
        let signed = self
            .sign_role(root.clone(), &KeyHolder::Root(root))
            .await?
            .add_old_signatures(by_old.signed().signatures.clone())
            .map_err(signing)?;
        self.write_role(signed).await?;
        self.retire_keys(&old_ids)?;
        if let Some(repo) = repo {
            self.resign(repo).await?;
        }
        Ok(version)
    }

    /// Re-signs the targets of `repo` (loaded before the rotation) as the next version with the
    /// current keys and the newest root.
    async fn resign(&self, repo: tough::Repository) -> Result<()> {
        let config = self.config()?;
        let versions = versions_of(&repo);
        let mut editor = RepositoryEditor::from_repo(self.latest_root()?, repo)
            .await
            .map_err(signing)?;
        next_versions(&mut editor, &config, versions)?;
        let signed = editor.sign(&self.key_sources()?).await.map_err(signing)?;
        self.write_metadata(|dir| async move { signed.write(dir).await })
            .await
    }

    /// Loads and verifies the repository as a fresh kiosk would (trusting its first root) and
    /// describes it. Expired metadata is reported, not refused.
    pub async fn inspect(&self) -> Result<Inspection> {
        let root = read_root(&self.latest_root()?)?;
        let mut inspection = Inspection {
            root_version: root.signed.version.get(),
            root_expires: crate::fetch::timestamp(root.signed.expires),
            roles: BTreeMap::new(),
            targets: Vec::new(),
            versions: None,
            expired: None,
        };
        for (role, keys) in &root.signed.roles {
            let ids = keys.keyids.iter().map(short_id).collect();
            inspection
                .roles
                .insert(role.to_string(), (keys.threshold.get(), ids));
        }
        let repo = match self.load(ExpirationEnforcement::Safe).await {
            Ok(repo) => repo,
            Err(Error::Expired { role }) => {
                inspection.expired = Some(role);
                self.load(ExpirationEnforcement::Unsafe).await?
            }
            Err(e) => return Err(e),
        };
        if let Some(repo) = repo {
            inspection.versions = Some(Versions {
                targets: (
                    repo.targets().signed.version.get(),
                    crate::fetch::timestamp(repo.targets().signed.expires),
                ),
                snapshot: (
                    repo.snapshot().signed.version.get(),
                    crate::fetch::timestamp(repo.snapshot().signed.expires),
                ),
                timestamp: (
                    repo.timestamp().signed.version.get(),
                    crate::fetch::timestamp(repo.timestamp().signed.expires),
                ),
            });
            for (name, target) in repo.all_targets() {
                inspection.targets.push((
                    name.raw().to_owned(),
                    target.length,
                    store::hex(&target.hashes.sha256),
                ));
            }
        }
        Ok(inspection)
    }

    /// Loads the published repository through tough, or `None` when nothing is published yet.
    async fn load(&self, enforcement: ExpirationEnforcement) -> Result<Option<tough::Repository>> {
        if !self.metadata().join("timestamp.json").exists() {
            return Ok(None);
        }
        let first = self.metadata().join("1.root.json");
        let root = fs::read(&first).map_err(|e| Error::io("reading", &first, e))?;
        let url = |dir: PathBuf| {
            Url::from_directory_path(dir).map_err(|()| self.repository_error("not a usable path"))
        };
        let datastore = tempfile::tempdir()
            .map_err(|e| Error::io("creating a temporary folder", std::env::temp_dir(), e))?;
        let repo = RepositoryLoader::new(&root, url(self.metadata())?, url(self.targets())?)
            .transport(FilesystemTransport)
            .datastore(datastore.path())
            .expiration_enforcement(enforcement)
            .load()
            .await;
        match repo {
            Ok(repo) => Ok(Some(repo)),
            Err(tough::error::Error::ExpiredMetadata { role, .. }) => Err(Error::Expired {
                role: role.to_string(),
            }),
            Err(e) => Err(self.repository_error(format!("does not verify: {e}"))),
        }
    }

    /// The newest `N.root.json` in `metadata/`.
    pub fn latest_root(&self) -> Result<PathBuf> {
        let dir = self.metadata();
        let mut newest: Option<(u64, PathBuf)> = None;
        for entry in fs::read_dir(&dir).map_err(|e| Error::io("listing", &dir, e))? {
            let path = entry.map_err(|e| Error::io("listing", &dir, e))?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some(n) = name
                .strip_suffix(".root.json")
                .and_then(|n| n.parse::<u64>().ok())
                && newest.as_ref().is_none_or(|(v, _)| n > *v)
            {
                newest = Some((n, path));
            }
        }
        newest
            .map(|(_, p)| p)
            .ok_or_else(|| self.repository_error("no root metadata: run `compass-admin repo init`"))
    }

    /// Signs one role with the keys in the key folder that `holder` names for it.
    async fn sign_role<T: Role + Serialize>(
        &self,
        role: T,
        holder: &KeyHolder,
    ) -> Result<SignedRole<T>> {
        SignedRole::new(role, holder, &self.key_sources()?, &SystemRandom::new())
            .await
            .map_err(signing)
    }

    /// Writes one signed role under its consistent-snapshot name (`N.root.json`, `timestamp.json`).
    async fn write_role<T: Role + Serialize>(&self, signed: SignedRole<T>) -> Result<()> {
        self.write_metadata(|dir| async move { signed.write(dir, true).await })
            .await
    }

    /// Signs into a fresh folder beside `metadata/`, then moves the files in, `timestamp.json` last,
    /// so a kiosk reading the folder meanwhile sees a consistent old or new set.
    async fn write_metadata<F, Fut>(&self, write: F) -> Result<()>
    where
        F: FnOnce(PathBuf) -> Fut,
        Fut: std::future::Future<Output = tough::error::Result<()>>,
    {
        let fresh = self.dir.join(".metadata-new");
        if fresh.exists() {
            fs::remove_dir_all(&fresh).map_err(|e| Error::io("removing", &fresh, e))?;
        }
        fs::create_dir_all(&fresh).map_err(|e| Error::io("creating", &fresh, e))?;
        write(fresh.clone()).await.map_err(signing)?;
        let mut names: Vec<String> = fs::read_dir(&fresh)
            .map_err(|e| Error::io("listing", &fresh, e))?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        names.sort_by_key(|n| n == "timestamp.json");
        for name in names {
            let from = fresh.join(&name);
            fs::File::open(&from)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io("syncing", &from, e))?;
            let to = self.metadata().join(&name);
            fs::rename(&from, &to).map_err(|e| Error::io("moving into place", &to, e))?;
            store::sync_dir(&self.metadata())?;
        }
        fs::remove_dir(&fresh).map_err(|e| Error::io("removing", &fresh, e))
    }

    fn generate_key(&self, role: RoleType) -> Result<(Decoded<Hex>, tough::schema::key::Key)> {
        let rng = SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).map_err(|e| Error::Signing {
            detail: e.to_string(),
        })?;
        let pair = tough::sign::parse_keypair(pkcs8.as_ref()).map_err(signing)?;
        let key = pair.tuf_key();
        let id = key.key_id().map_err(|e| Error::Signing {
            detail: e.to_string(),
        })?;
        let path = self.keys.join(format!("{role}-{}.pk8", short_id(&id)));
        write_private(&path, pkcs8.as_ref())?;
        Ok((id, key))
    }

    fn key_sources(&self) -> Result<Vec<Box<dyn KeySource>>> {
        let mut sources: Vec<Box<dyn KeySource>> = Vec::new();
        let entries = fs::read_dir(&self.keys).map_err(|e| Error::io("listing", &self.keys, e))?;
        for entry in entries {
            let path = entry
                .map_err(|e| Error::io("listing", &self.keys, e))?
                .path();
            if path.extension().is_some_and(|e| e == "pk8") {
                sources.push(Box::new(LocalKeySource { path }));
            }
        }
        if sources.is_empty() {
            return Err(Error::Repository {
                path: self.keys.clone(),
                detail: "no keys (*.pk8) in the key folder".into(),
            });
        }
        Ok(sources)
    }

    fn retire_keys(&self, ids: &[Decoded<Hex>]) -> Result<()> {
        let retired = self.keys.join("retired");
        fs::create_dir_all(&retired).map_err(|e| Error::io("creating", &retired, e))?;
        for entry in fs::read_dir(&self.keys).map_err(|e| Error::io("listing", &self.keys, e))? {
            let path = entry
                .map_err(|e| Error::io("listing", &self.keys, e))?
                .path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if ids
                .iter()
                .any(|id| name.ends_with(&format!("-{}.pk8", short_id(id))))
            {
                fs::rename(&path, retired.join(&name))
                    .map_err(|e| Error::io("retiring", &path, e))?;
            }
        }
        Ok(())
    }
}

/// What `compass-admin repo inspect` prints.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The newest root version.
    pub root_version: u64,
    /// When it expires.
    pub root_expires: jiff::Timestamp,
    /// Role name → (threshold, key id prefixes).
    pub roles: BTreeMap<String, (u64, Vec<String>)>,
    /// Version and expiry of targets, snapshot and timestamp, once something is published.
    pub versions: Option<Versions>,
    /// Targets: name, length, SHA-256.
    pub targets: Vec<(String, u64, String)>,
    /// The first role found expired, if any (kiosks refuse new content until it is re-signed).
    pub expired: Option<String>,
}

/// Version and expiry of the three changing roles.
#[derive(Debug, Clone)]
pub struct Versions {
    /// targets.json.
    pub targets: (u64, jiff::Timestamp),
    /// snapshot.json.
    pub snapshot: (u64, jiff::Timestamp),
    /// timestamp.json.
    pub timestamp: (u64, jiff::Timestamp),
}

impl std::fmt::Display for Inspection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "root       version {:>4}  expires {}",
            self.root_version, self.root_expires
        )?;
        if let Some(v) = &self.versions {
            writeln!(
                f,
                "targets    version {:>4}  expires {}",
                v.targets.0, v.targets.1
            )?;
            writeln!(
                f,
                "snapshot   version {:>4}  expires {}",
                v.snapshot.0, v.snapshot.1
            )?;
            writeln!(
                f,
                "timestamp  version {:>4}  expires {}",
                v.timestamp.0, v.timestamp.1
            )?;
        } else {
            writeln!(f, "nothing published yet")?;
        }
        for (role, (threshold, ids)) in &self.roles {
            writeln!(
                f,
                "role {role}: threshold {threshold}, keys {}",
                ids.join(", ")
            )?;
        }
        for (name, length, sha) in &self.targets {
            writeln!(
                f,
                "target {name}  {length} bytes  sha256 {}",
                &sha[..16.min(sha.len())]
            )?;
        }
        match &self.expired {
            Some(role) => writeln!(
                f,
                "EXPIRED: {role} metadata; kiosks accept no new content until it is re-signed"
            ),
            None => writeln!(
                f,
                "verifies: signatures, thresholds, versions and expiry all good"
            ),
        }
    }
}

/// The files of a built content folder as (target name, path): `content.db` and one
/// `attachment.<sha256>` per report file.
fn content_files(content: &Path) -> Result<Vec<(String, PathBuf)>> {
    let db = content.join(CONTENT_DB);
    if !db.is_file() {
        return Err(Error::Repository {
            path: content.to_owned(),
            detail: format!("no {CONTENT_DB}: run `compass-admin build` first"),
        });
    }
    let mut files = vec![(CONTENT_DB.to_owned(), db)];
    let attachments = content.join("attachments");
    if attachments.is_dir() {
        let mut found = Vec::new();
        for entry in
            fs::read_dir(&attachments).map_err(|e| Error::io("listing", &attachments, e))?
        {
            let path = entry
                .map_err(|e| Error::io("listing", &attachments, e))?
                .path();
            let meta = store::hash_file(&path)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name != meta.sha256 {
                return Err(Error::Repository {
                    path,
                    detail: "an attachment must be named by its SHA-256".into(),
                });
            }
            found.push((format!("{ATTACHMENT_PREFIX}{name}"), path));
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// The (targets, snapshot, timestamp) versions of a loaded repository.
fn versions_of(repo: &tough::Repository) -> (u64, u64, u64) {
    (
        repo.targets().signed.version.get(),
        repo.snapshot().signed.version.get(),
        repo.timestamp().signed.version.get(),
    )
}

/// Sets each changing role to the version after `versions`, with a fresh expiry; returns the
/// new targets version.
fn next_versions(
    editor: &mut RepositoryEditor,
    config: &RepoConfig,
    (targets, snapshot, timestamp): (u64, u64, u64),
) -> Result<u64> {
    editor
        .targets_version(non_zero(targets + 1))
        .map_err(signing)?
        .targets_expires(days_from_now(config.targets_days)?)
        .map_err(signing)?
        .snapshot_version(non_zero(snapshot + 1))
        .snapshot_expires(days_from_now(config.snapshot_days)?)
        .timestamp_version(non_zero(timestamp + 1))
        .timestamp_expires(days_from_now(config.timestamp_days)?);
    Ok(targets + 1)
}

fn read_root(path: &Path) -> Result<tough::schema::Signed<Root>> {
    let bytes = fs::read(path).map_err(|e| Error::io("reading", path, e))?;
    crate::fetch::check_root(&bytes)
}

fn role_keys(keyids: Vec<Decoded<Hex>>, threshold: u64) -> Result<RoleKeys> {
    let threshold = NonZeroU64::new(threshold).ok_or(Error::Signing {
        detail: "threshold 0".into(),
    })?;
    Ok(RoleKeys {
        keyids,
        threshold,
        _extra: HashMap::new(),
    })
}

fn short_id(id: &Decoded<Hex>) -> String {
    store::hex(id.as_ref()).chars().take(16).collect()
}

fn non_zero(n: u64) -> NonZeroU64 {
    NonZeroU64::new(n).unwrap_or(NonZeroU64::MIN)
}

fn target_name(name: &str) -> Result<TargetName> {
    TargetName::new(name).map_err(signing)
}

/// `days` from now, as tough's timestamp type.
fn days_from_now(days: i64) -> Result<jiff02::Timestamp> {
    let span = jiff02::SignedDuration::from_hours(days.saturating_mul(24));
    jiff02::Timestamp::now()
        .checked_add(span)
        .map_err(|e| Error::Signing {
            detail: format!("expiry of {days} days: {e}"),
        })
}

fn signing(e: impl std::fmt::Display) -> Error {
    Error::Signing {
        detail: e.to_string(),
    }
}

/// Writes a new file only its owner can read (on Windows: with the folder's access rules, which for a
/// key folder in the admin's profile are the admin's).
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| Error::io("creating", path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io("writing", path, e))
}

/// What a content DB must pass before it is signed: the kiosk's own checks (schema version,
/// `integrity_check`), and every stored HTML text exactly what the article sanitiser makes of it, so
/// a DB edited by hand after the build (a `<script>` in an article) is refused, naming the row.
fn check_before_signing(db: &Path) -> Result<()> {
    store::check_content_db(db)?;
    let integrity = |detail: String| Error::Integrity { detail };
    let content = compass_content::ContentDb::open(db).map_err(|e| integrity(e.to_string()))?;
    let unsafe_rows = content
        .unsanitised_html()
        .map_err(|e| integrity(e.to_string()))?;
    let Some(first) = unsafe_rows.first() else {
        return Ok(());
    };
    let more = match unsafe_rows.len() {
        1 => String::new(),
        n => format!(" (and {} more rows)", n - 1),
    };
    Err(integrity(format!(
        "{}: {first}{more}; it was changed after the build: rebuild it with `compass-admin build`",
        db.display()
    )))
}
