//! `compass-admin repo …`: create a signed update repository, publish content to it, re-sign its
//! timestamp, rotate a key, inspect it. The TUF work is `compass-update`'s (on tough).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use compass_update::{AdminProgress, Repo, RepoConfig, RoleType};

#[derive(Debug, Subcommand)]
pub enum RepoCommand {
    /// Create the signing keys (in --keys, never inside the repository) and a signed root.
    Init(InitArgs),
    /// Publish content as the next signed version (built content, or a source folder built first).
    Publish(PublishArgs),
    /// Re-sign the timestamp with a fresh expiry (needs only the timestamp key; run it from cron).
    RefreshTimestamp(RepoArgs),
    /// Replace the keys of a role: a new root signed by the old and new root keys, then re-sign.
    RotateKey(RotateArgs),
    /// Verify the repository as a fresh kiosk would and print versions, expiry, keys and targets.
    Inspect(InspectArgs),
}

#[derive(Debug, Args)]
pub struct RepoArgs {
    /// The repository folder (its `metadata/` and `targets/` are what you publish or copy to USB).
    #[arg(long)]
    repo: PathBuf,
    /// The folder with the private keys; keep it off the web server and out of version control.
    #[arg(long)]
    keys: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    repo: RepoArgs,
    /// Keys generated per role.
    #[arg(long, default_value_t = 1)]
    keys_per_role: u64,
    /// Signatures each role needs (at most --keys-per-role).
    #[arg(long, default_value_t = 1)]
    threshold: u64,
    /// Days until the root metadata expires.
    #[arg(long, default_value_t = RepoConfig::default().root_days)]
    root_days: i64,
    /// Days until the targets metadata expires.
    #[arg(long, default_value_t = RepoConfig::default().targets_days)]
    targets_days: i64,
    /// Days until the snapshot metadata expires.
    #[arg(long, default_value_t = RepoConfig::default().snapshot_days)]
    snapshot_days: i64,
    /// Days until the timestamp expires; kiosks accept nothing new after that until it is refreshed.
    #[arg(long, default_value_t = RepoConfig::default().timestamp_days)]
    timestamp_days: i64,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    #[command(flatten)]
    repo: RepoArgs,
    /// A built content folder (content.db and attachments/, from `compass-admin build`).
    #[arg(long, conflicts_with = "source")]
    content: Option<PathBuf>,
    /// A content source folder: checked and built first, then published.
    #[arg(long)]
    source: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Role {
    Root,
    Targets,
    Snapshot,
    Timestamp,
}

#[derive(Debug, Args)]
pub struct RotateArgs {
    #[command(flatten)]
    repo: RepoArgs,
    /// The role whose keys are replaced.
    #[arg(long, value_enum)]
    role: Role,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The repository folder.
    #[arg(long)]
    repo: PathBuf,
}

pub fn run(command: RepoCommand) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        match command {
            RepoCommand::Init(args) => init(&args).await,
            RepoCommand::Publish(args) => publish(&args).await,
            RepoCommand::RefreshTimestamp(args) => {
                let version = open(&args)?.refresh_timestamp().await?;
                println!("signed timestamp version {version}");
                Ok(ExitCode::SUCCESS)
            }
            RepoCommand::RotateKey(args) => {
                let role = match args.role {
                    Role::Root => RoleType::Root,
                    Role::Targets => RoleType::Targets,
                    Role::Snapshot => RoleType::Snapshot,
                    Role::Timestamp => RoleType::Timestamp,
                };
                let version = open(&args.repo)?.rotate_key(role).await?;
                println!(
                    "rotated the {role} keys: root version {version}; old keys moved to {}/retired",
                    args.repo.keys.display()
                );
                println!("kiosks follow the new root on their next update; nothing to reinstall");
                Ok(ExitCode::SUCCESS)
            }
            RepoCommand::Inspect(args) => {
                let inspection = Repo::for_reading(&args.repo)?.inspect().await?;
                print!("{inspection}");
                Ok(if inspection.expired.is_some() {
                    ExitCode::FAILURE
                } else {
                    ExitCode::SUCCESS
                })
            }
        }
    })
}

fn open(args: &RepoArgs) -> Result<Repo> {
    Ok(Repo::new(&args.repo, &args.keys)?)
}

async fn init(args: &InitArgs) -> Result<ExitCode> {
    let config = RepoConfig {
        keys_per_role: args.keys_per_role,
        threshold: args.threshold,
        root_days: args.root_days,
        targets_days: args.targets_days,
        snapshot_days: args.snapshot_days,
        timestamp_days: args.timestamp_days,
    };
    let root = open(&args.repo)?.init(&config).await?;
    println!(
        "created {} (trusted root; package it with the kiosk)",
        root.display()
    );
    println!(
        "keys in {} — back them up and keep them private",
        args.repo.keys.display()
    );
    Ok(ExitCode::SUCCESS)
}

async fn publish(args: &PublishArgs) -> Result<ExitCode> {
    let repo = open(&args.repo)?;
    let built;
    let content: &Path = match (&args.content, &args.source) {
        (Some(content), None) => content,
        (None, Some(source)) => {
            built = tempfile::tempdir().context("creating a build folder")?;
            if !crate::build_for_publish(source, &built.path().join("content.db"))? {
                return Ok(ExitCode::FAILURE);
            }
            built.path()
        }
        _ => bail!("give --content (a built folder) or --source (a content source folder)"),
    };
    let published = repo
        .publish(content, &mut |progress| match progress {
            AdminProgress::Added { index, total, name } => {
                eprintln!("[{index}/{total}] hashed {name}")
            }
            AdminProgress::Writing => eprintln!("signed; writing targets and metadata"),
        })
        .await?;
    println!(
        "published version {} ({} files, {} new in targets/)",
        published.version, published.files, published.copied
    );
    Ok(ExitCode::SUCCESS)
}
