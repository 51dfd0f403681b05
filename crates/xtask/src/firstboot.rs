//! The signed first-boot content of development and CI builds. Keys are never committed: they are
//! made on first use in a folder outside the clone (`$SAFETY_COMPASS_DEV_HOME`, default
//! `~/.local/share/safety-compass-dev`), beside the repository they sign. Each call publishes the
//! seed content when it changed (or re-signs an expiring timestamp) and copies the repository and
//! its newest root to `<target>/first-boot/`, the layout the app takes with `--first-boot`.
//! A deployment does the same with its own keys: `compass-admin repo init`, `repo publish`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use compass_update::{Repo, RepoConfig};

/// Where development keys and their repository live, outside the clone.
pub fn dev_home() -> PathBuf {
    if let Some(dir) = std::env::var_os("SAFETY_COMPASS_DEV_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".local/share")
        });
    data.join("safety-compass-dev")
}

/// Builds the seed, signs it with the development keys if it changed, and lays out
/// `<target>/first-boot/{root.json,repository/}`. Returns that folder.
pub fn prepare(target: &Path) -> Result<PathBuf> {
    let home = dev_home();
    let repo_dir = home.join("repository");
    let repo = Repo::new(&repo_dir, &home.join("keys"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    if !repo_dir.join("metadata/1.root.json").is_file() {
        eprintln!(
            "creating development signing keys in {} (outside the clone)",
            home.join("keys").display()
        );
        runtime.block_on(repo.init(&RepoConfig::default()))?;
    }
    let built = target.join("first-boot-build");
    if built.exists() {
        std::fs::remove_dir_all(&built).with_context(|| format!("removing {}", built.display()))?;
    }
    let seed = crate::root().join("resources/content");
    let loaded = compass_content::source::load(&seed);
    anyhow::ensure!(
        !compass_content::check::has_errors(&loaded.diagnostics),
        "the seed content has errors: run `compass-admin check`"
    );
    let report = compass_content::build::build(&loaded.content, &seed, &built.join("content.db"))?;
    let inspection = runtime.block_on(repo.inspect());
    let published = inspection.as_ref().ok().and_then(|i| {
        i.targets
            .iter()
            .find(|(name, _, _)| name == "content.db")
            .map(|(_, _, sha)| sha.clone())
    });
    let built_sha = compass_update::store::hash_file(&built.join("content.db"))?.sha256;
    let expiring = inspection
        .as_ref()
        .ok()
        .and_then(|i| i.versions.as_ref())
        .is_some_and(|v| {
            v.timestamp.1 < jiff::Timestamp::now() + jiff::SignedDuration::from_hours(48)
        });
    if published.as_deref() != Some(built_sha.as_str()) {
        let published = runtime.block_on(repo.publish(&built, &mut |_| {}))?;
        eprintln!(
            "signed the seed content ({}) as version {}",
            report.content_hash, published.version
        );
    } else if expiring || inspection.is_err() {
        runtime.block_on(repo.refresh_timestamp())?;
    }
    let out = target.join("first-boot");
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("removing {}", out.display()))?;
    }
    copy_dir(&repo_dir.join("metadata"), &out.join("repository/metadata"))?;
    copy_dir(&repo_dir.join("targets"), &out.join("repository/targets"))?;
    std::fs::copy(repo.latest_root()?, out.join("root.json"))
        .context("copying the trusted root")?;
    Ok(out)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("listing {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}
