//! The operator commands that run without a window: `update`, `status`, `rollback` and `set-pin`.
//! Their output is for operators at a terminal, in English; the exit status says what happened.

use std::io::BufRead as _;
use std::path::Path;
use std::process::ExitCode;

use compass_kiosk::{AdminPin, PinRefusal, StateDb};
use compass_update::{FetchConfig, Outcome, Progress, Source, Store};

use crate::config::Headless;

/// Runs a headless command; the exit status says what happened.
pub fn run(command: Headless, data_dir: &Path, first_boot: Option<&Path>) -> ExitCode {
    if let Headless::SetPin = command {
        return set_pin(data_dir);
    }
    let store = match Store::open(&data_dir.join("updates")) {
        Ok(store) => store,
        Err(error) => return fail(&error),
    };
    match command {
        Headless::Update { source, root, ca } => {
            let config = FetchConfig {
                ca_file: ca,
                ..FetchConfig::default()
            };
            match headless_update(&store, &source, root.as_deref(), first_boot, &config) {
                Ok(Outcome::Staged(release)) => {
                    println!(
                        "activated content version {} from {}",
                        release.version, release.source
                    );
                    println!("a running app shows it at its next idle reset");
                    ExitCode::SUCCESS
                }
                Ok(Outcome::Current { offered }) => {
                    println!("nothing newer: the source offers version {offered}");
                    ExitCode::from(1)
                }
                Err(error) => fail(&error),
            }
        }
        Headless::Status => match store.status() {
            Ok(status) => {
                print!("{}", describe(&status));
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Headless::SetPin => set_pin(data_dir),
        Headless::Rollback => {
            let result = store.lock().and_then(|lock| store.rollback(&lock));
            match result {
                Ok(release) => {
                    println!(
                        "now showing content version {} (a running app switches at its next idle reset)",
                        release.version
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
    }
}

/// `update`: trusts the given (or first-boot) root on a kiosk that trusts none yet, then fetches,
/// verifies, stages and activates.
fn headless_update(
    store: &Store,
    source: &str,
    root: Option<&Path>,
    first_boot: Option<&Path>,
    config: &FetchConfig,
) -> compass_update::Result<Outcome> {
    let source = Source::parse(source)?;
    let lock = store.lock()?;
    let root = root
        .map(Path::to_owned)
        .or_else(|| first_boot.map(|dir| dir.join("root.json")));
    if let Some(root) = root.filter(|_| store.anchor().ok().flatten().is_none()) {
        let bytes = std::fs::read(&root).map_err(|e| compass_update::Error::Io {
            action: "reading",
            path: root.clone(),
            source: e,
        })?;
        store.trust_initial_root(&lock, &bytes)?;
    }
    let mut progress = |p: Progress| print_progress(&p);
    let outcome = tauri::async_runtime::block_on(compass_update::update(
        store,
        &lock,
        &source,
        config,
        &mut progress,
    ))?;
    store.activate_pending(&lock)?;
    Ok(outcome)
}

fn print_progress(progress: &Progress) {
    match progress {
        Progress::Planned {
            version,
            files,
            bytes,
        } => eprintln!("version {version}: {files} files, {bytes} bytes"),
        Progress::File {
            name,
            bytes,
            reused,
        } => {
            eprintln!(
                "  {name} ({bytes} bytes){}",
                if *reused { ", unchanged: reused" } else { "" }
            );
        }
        Progress::Committing => eprintln!("checked; committing"),
    }
}

fn fail(error: &compass_update::Error) -> ExitCode {
    eprintln!("safety-compass: {}: {error}", error.code());
    ExitCode::from(error.exit_status())
}

/// `status` for operators (English, like the other command-line output).
fn describe(status: &compass_update::Status) -> String {
    let now = jiff::Timestamp::now();
    let mut out = String::new();
    let mut line = |label: &str, value: String| out.push_str(&format!("{label:<20}{value}\n"));
    match &status.current {
        Some(release) => {
            line("version", release.version.to_string());
            if let Some(published) = release.published_at {
                line("published", published.to_string());
                line(
                    "age",
                    format!(
                        "{} days",
                        now.duration_since(published).as_hours().max(0) / 24
                    ),
                );
            }
            line("source", release.source.clone());
            line("received", release.fetched_at.to_string());
        }
        None => line("version", "none (no content installed)".to_owned()),
    }
    if let Some(check) = &status.last_check {
        line(
            "last check",
            format!("{} {} ({})", check.at, check.code, check.source),
        );
    }
    if let Some(expires) = status.metadata_expires {
        let state = if expires <= now {
            " (EXPIRED: new content is refused)"
        } else {
            ""
        };
        line("signatures until", format!("{expires}{state}"));
    }
    line(
        "previous version",
        status
            .previous
            .as_ref()
            .map_or("none".to_owned(), |r| r.version.to_string()),
    );
    if let Some(pending) = &status.pending {
        line(
            "pending",
            format!("version {} (shown at the next idle reset)", pending.version),
        );
    }
    out
}

/// `set-pin`: sets (or replaces) the admin PIN from two lines on standard input — the first PIN is an
/// operator's job, never a visitor's. Forgotten PINs are reset the same way.
fn set_pin(data_dir: &Path) -> ExitCode {
    let state = match StateDb::open(&data_dir.join("state.db")) {
        Ok(state) => state,
        Err(error) => {
            eprintln!("safety-compass: opening {}: {error}", data_dir.display());
            return ExitCode::from(15);
        }
    };
    eprintln!("new admin PIN (6-12 digits), then the same again, each on its own line:");
    let mut lines = std::io::stdin().lock().lines();
    let mut next = || lines.next().and_then(Result::ok).unwrap_or_default();
    let (pin, repeat) = (next(), next());
    match AdminPin::change(&state, pin.trim(), repeat.trim()) {
        Ok(Ok(())) => {
            println!("admin PIN set; a running app asks for it from now on");
            ExitCode::SUCCESS
        }
        Ok(Err(PinRefusal::Mismatch)) => {
            eprintln!("safety-compass: the two PINs differ; nothing changed");
            ExitCode::from(2)
        }
        Ok(Err(_)) => {
            eprintln!("safety-compass: a PIN is 6 to 12 digits; nothing changed");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("safety-compass: writing the PIN: {error}");
            ExitCode::from(15)
        }
    }
}
