//! `cargo xtask`: the project's automation, in Rust.
//!
//! - `cargo xtask test`: everything CI runs — formatting, clippy, every test, the seed content checked and
//!   built, the admin CLI exercised, the search evaluation and a small benchmark run so that code cannot rot.
//! - `cargo xtask bench [--services N]`: search latency over a synthetic directory (default 100,000
//!   services in five locales) against a LIKE-scan baseline measured in the same run.
//! - `cargo xtask bench-update [--services N]`: time to verify and activate a signed release of the seed
//!   and of a synthetic directory (default 10,000 services), against a copy + integrity_check baseline.
//! - `cargo xtask search-eval [--verbose]`: recall@3 per locale of the queries in `crates/xtask/search-eval.toml`
//!   over the seed content.
//! - `cargo xtask dist [--first-boot DIR]`: a Debian package that carries signed first-boot content (the
//!   given folder with `root.json` and `repository/`, else the seed signed with the development keys).
//! - `cargo xtask lint`: formatting and clippy only.

mod bench;
mod bench_update;
mod firstboot;
mod search_eval;
mod setup;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = args
        .split_first()
        .map_or(("help", &[][..]), |(t, r)| (t.as_str(), r));
    match task {
        "test" => test(),
        "lint" => lint(),
        "codegen" => codegen(),
        "run" => run_app(rest),
        "dist" => dist(rest),
        // Measure optimised code: run the benchmark itself from a release build of this tool.
        "bench" => bench_in(&["--release"], rest),
        "bench-release" => bench::run(rest),
        // Verify and activate a signed release (seed and synthetic), release build.
        "bench-update" => run(cargo()
            .args([
                "run",
                "--locked",
                "--release",
                "--quiet",
                "-p",
                "xtask",
                "--",
                "bench-update-release",
            ])
            .args(rest)),
        "bench-update-release" => bench_update::run(rest),
        "search-eval" => search_eval::run(rest),
        _ => {
            eprintln!(
                "usage: cargo xtask <run [--kiosk | --staff] [app options] | test | dist [--first-boot DIR] | lint | codegen | bench [--services N] [--queries N] | bench-update [--services N] | search-eval [--file F] [--verbose]>"
            );
            if task == "help" {
                Ok(())
            } else {
                bail!("unknown task {task:?}")
            }
        }
    }
}

/// Builds the app and runs the end-to-end tests under a virtual display and a private session bus:
/// the WebDriver journeys (`tests/e2e`), the production visitor path (`tests/kiosk`, which starts its own
/// Xvfb, openbox and bus per test) and the update kill test (`tests/update`).
fn e2e() -> Result<()> {
    setup::tauri_driver()?;
    run(cargo().args(["build", "--locked", "-p", "safety-compass"]))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new("xvfb-run");
    command
        .current_dir(root())
        .args([
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "dbus-run-session",
            "--",
        ])
        .arg(cargo)
        .args([
            "test",
            "--locked",
            "-p",
            "e2e",
            "--",
            "--test-threads=1",
            "--nocapture",
        ]);
    run(&mut command)
}

/// Writes the TypeScript of the IPC types to `ui/src/gen/ipc.ts`.
fn codegen() -> Result<()> {
    let path = root().join("ui/src/gen/ipc.ts");
    std::fs::create_dir_all(path.parent().context("ui/src/gen")?)?;
    std::fs::write(&path, compass_api::typescript())
        .with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("."))
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(root());
    command
}

/// Runs the benchmark (`bench-release`) from a build of this tool with the given cargo profile flags.
fn bench_in(profile: &[&str], args: &[String]) -> Result<()> {
    let mut command = cargo();
    command.args(["run", "--locked", "--quiet"]).args(profile);
    command
        .args(["-p", "xtask", "--", "bench-release"])
        .args(args);
    run(&mut command)
}

fn run(command: &mut Command) -> Result<()> {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .with_context(|| format!("starting {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

/// Runs a named step and prints how long it took.
fn step(name: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
    eprintln!("\n==> {name}");
    let started = Instant::now();
    let result = f();
    eprintln!(
        "<== {name}: {} in {:.1} s",
        if result.is_ok() { "ok" } else { "FAILED" },
        started.elapsed().as_secs_f64()
    );
    result
}

fn lint() -> Result<()> {
    step("cargo fmt --check", || {
        run(cargo().args(["fmt", "--all", "--check"]))
    })?;
    step("cargo clippy", || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ]))
    })
}

/// Sets up what is missing, builds the UI, the seed content and the app, and starts it.
fn run_app(args: &[String]) -> Result<()> {
    step("system packages", || setup::system_packages(false))?;
    step("ui (npm ci, build)", setup::ui)?;
    let mut first_boot = PathBuf::new();
    step("seed content, signed with the development keys", || {
        first_boot = firstboot::prepare(&target_dir())?;
        Ok(())
    })?;
    step("cargo build -p safety-compass", || {
        run(cargo().args(["build", "--locked", "-p", "safety-compass"]))
    })?;
    let app = target_dir().join("debug/safety-compass");
    let data = target_dir().join("run-data");
    step(
        "install the newest seed content (safety-compass update)",
        || {
            let update = |data: &Path| {
                Command::new(&app)
                    .args(["update", "--source"])
                    .arg(first_boot.join("repository"))
                    .arg("--root")
                    .arg(first_boot.join("root.json"))
                    .arg("--data-dir")
                    .arg(data)
                    .status()
                    .context("running safety-compass update")
            };
            let status = update(&data)?;
            if status.success() || status.code() == Some(1) {
                return Ok(());
            }
            // New development keys (their folder was removed): start this data folder afresh.
            eprintln!("the run data trusts other keys; starting it afresh");
            std::fs::remove_dir_all(&data)
                .with_context(|| format!("removing {}", data.display()))?;
            let status = update(&data)?;
            anyhow::ensure!(status.success(), "safety-compass update failed: {status}");
            Ok(())
        },
    )?;
    let mut command = Command::new(&app);
    command
        .arg("--data-dir")
        .arg(&data)
        .arg("--first-boot")
        .arg(&first_boot)
        .args(args);
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        bail!("no display: run it in a desktop session (or under xvfb-run)");
    }
    run(&mut command)
}

/// Runs each fuzz target for `seconds` from its seed corpus (the corpus it grows is thrown away).
fn fuzz(seconds: u32) -> Result<()> {
    setup::cargo_fuzz()?;
    for target in ["metadata", "source"] {
        let corpus = std::env::temp_dir().join(format!(
            "safety-compass-fuzz-{target}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&corpus)?;
        let result = run(cargo()
            .current_dir(root().join("fuzz"))
            .args(["fuzz", "run", target, "--sanitizer", "none", "-O"])
            .arg(&corpus)
            .arg(format!("seeds/{target}"))
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-print_final_stats=1",
            ]));
        std::fs::remove_dir_all(&corpus).ok();
        result?;
    }
    Ok(())
}

/// Builds the .deb with signed first-boot content as a bundle resource.
fn dist(args: &[String]) -> Result<()> {
    let first_boot = match args {
        [] => None,
        [flag, dir] if flag == "--first-boot" => Some(PathBuf::from(dir)),
        _ => bail!(
            "usage: cargo xtask dist [--first-boot DIR]  (DIR holds root.json and repository/)"
        ),
    };
    step("system packages", || setup::system_packages(false))?;
    step("ui (npm ci, build)", setup::ui)?;
    let first_boot = match first_boot {
        Some(dir) => dir,
        None => {
            let mut dir = PathBuf::new();
            step("seed content, signed with the development keys", || {
                dir = firstboot::prepare(&target_dir())?;
                Ok(())
            })?;
            dir
        }
    };
    let first_boot = std::path::absolute(&first_boot)?;
    if !first_boot.join("root.json").is_file() || !first_boot.join("repository/metadata").is_dir() {
        bail!(
            "{} must hold root.json and repository/metadata (see README, Packaging)",
            first_boot.display()
        );
    }
    step("tauri-cli", setup::tauri_cli)?;
    let resources = serde_json::json!({
        "bundle": { "resources": {
            "../resources/locales/": "locales/",
            format!("{}/", first_boot.display()): "first-boot/",
        } }
    });
    let bundles = BUNDLES.join(",");
    step(&format!("cargo tauri build --bundles {bundles}"), || {
        run(cargo()
            .current_dir(root().join("src-tauri"))
            .args(["tauri", "build", "--bundles", &bundles, "--config"])
            .arg(resources.to_string()))
    })?;
    for bundle in BUNDLES {
        let folder = target_dir().join("release/bundle").join(bundle);
        let entries =
            std::fs::read_dir(&folder).with_context(|| format!("listing {}", folder.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == *bundle || e == "exe") {
                let size = std::fs::metadata(&path)?.len();
                println!("{} ({:.2} MiB)", path.display(), size as f64 / MIB);
            }
        }
    }
    Ok(())
}

/// The packages `dist` builds on this OS: Debian's on Linux (tested here); NSIS and MSI on Windows and
/// a disk image on macOS (configured in tauri.conf.json, built by the workflow in `.github/`, not here).
const BUNDLES: &[&str] = if cfg!(target_os = "windows") {
    &["nsis", "msi"]
} else if cfg!(target_os = "macos") {
    &["dmg"]
} else {
    &["deb"]
};

const MIB: f64 = 1024.0 * 1024.0;

/// Cargo's target folder.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn test() -> Result<()> {
    let started = Instant::now();
    step("system packages", || setup::system_packages(true))?;
    step("ui (npm ci, build)", setup::ui)?;
    lint()?;
    step("cargo test", || {
        // --nocapture: the update, PIN and parser tests print their counts into the CI log.
        run(cargo().args([
            "test",
            "--workspace",
            "--locked",
            "--exclude",
            "e2e",
            "--",
            "--nocapture",
        ]))
    })?;
    step(
        "end-to-end tests of the app: WebDriver journeys, the production visitor path (own Xvfb and openbox, XTest), update kills",
        e2e,
    )?;
    let out = std::env::temp_dir().join(format!("safety-compass-xtask-{}", std::process::id()));
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let db = out.join("content.db");
    let admin = |args: &[&str]| {
        let mut command = cargo();
        command
            .args(["run", "--locked", "--quiet", "-p", "compass-admin", "--"])
            .args(args);
        run(&mut command)
    };
    let db_arg = db.to_string_lossy().into_owned();
    step("compass-admin check (seed content and locales)", || {
        admin(&["check"])
    })?;
    step("compass-admin build (seed content)", || {
        admin(&["build", "--out", &db_arg])
    })?;
    step("compass-admin search", || {
        admin(&[
            "search",
            "--db",
            &db_arg,
            "--country",
            "LV",
            "--locale",
            "lv",
            "drosa",
        ])
    })?;
    step("compass-admin show", || {
        admin(&[
            "show",
            "--db",
            &db_arg,
            "--locale",
            "uk",
            "--tz",
            "Europe/Riga",
            "lv-centrs-marta-hotline",
        ])
    })?;
    step("compass-admin referral", || {
        admin(&[
            "referral",
            "--db",
            &db_arg,
            "--here",
            "GB",
            "--nationality",
            "LV",
        ])
    })?;
    let hsds = out.join("seed.hsds.json").to_string_lossy().into_owned();
    step("compass-admin export-hsds", || {
        admin(&["export-hsds", "--out", &hsds])
    })?;
    // A debug build is enough to keep the benchmark working; its figures are not the point here.
    step("benchmark (small, to keep it working)", || {
        bench_in(
            &[],
            &["--services", "2000", "--queries", "50"].map(String::from),
        )
    })?;
    step(
        "search evaluation (recall@3 per locale, seed content)",
        || search_eval::run(&[]),
    )?;
    step("fuzz targets (cargo fuzz, 30 s each)", || fuzz(30))?;
    step("update benchmark (small, to keep it working)", || {
        run(cargo().args([
            "run",
            "--locked",
            "--quiet",
            "-p",
            "xtask",
            "--",
            "bench-update-release",
            "--services",
            "200",
        ]))
    })?;
    std::fs::remove_dir_all(&out).with_context(|| format!("removing {}", out.display()))?;
    eprintln!(
        "\nall checks passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
