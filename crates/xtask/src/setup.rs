//! Setting up a fresh Debian machine: the system packages the app and its tests need, the UI's npm
//! packages from the lock file, the UI build and tauri-driver. Each step is skipped when already done.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{root, run};

/// Debian packages to build and run the app (WebKitGTK and friends).
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "pkg-config",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    // Not to build: read aloud (the .deb recommends it), so that `cargo xtask run` shows "Listen".
    "espeak-ng",
];

/// Debian packages to run it headless, drive it through WebDriver, and as a visitor meets it: a
/// window manager (openbox), a session bus and the clipboard tool the production-path suite reads with.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "openbox",
    "xclip",
    "dbus",
    "xauth",
    "x11-utils",
    "imagemagick",
    "webkit2gtk-driver",
    "dbus-x11",
    "fonts-dejavu-core",
    // Measures the audio espeak-ng makes in the read-aloud test.
    "sox",
    // The kiosk session's tests: `systemd-analyze verify` on the unit, the app under cage (with its
    // Xwayland) on the headless backend, its screen captured with grim.
    "systemd",
    "cage",
    "xwayland",
    "grim",
];

/// Installs whichever of the packages is missing (with sudo when not root).
pub fn system_packages(for_tests: bool) -> Result<()> {
    if !cfg!(target_os = "linux") {
        eprintln!("system packages: nothing to install on this OS (the lists are Debian's)");
        return Ok(());
    }
    let mut wanted: Vec<&str> = BUILD_PACKAGES.to_vec();
    if for_tests {
        wanted.extend(TEST_PACKAGES);
    }
    let missing: Vec<&str> = wanted.into_iter().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("installing system packages: {}", missing.join(" "));
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut command = if root_user {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        run(&mut command)
    };
    apt(&["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(&missing);
    apt(&args)
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f", "${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

/// `npm ci` (when the lock file is newer than the installed packages) and `npm run build` in `ui/`.
pub fn ui() -> Result<()> {
    let ui = root().join("ui");
    let lock = ui.join("package-lock.json");
    let stamp = ui.join("node_modules/.package-lock.json");
    if newer(&lock, &stamp) {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&ui))
        .context("npm ci in ui/ (is Node 20 with npm installed?)")?;
    }
    run(Command::new("npm")
        .args(["run", "--silent", "build"])
        .current_dir(&ui))
}

fn newer(a: &Path, b: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(a), modified(b)) {
        (Some(a), Some(b)) => a > b,
        _ => true,
    }
}

/// `cargo install tauri-driver` when it is not on the PATH.
pub fn tauri_driver() -> Result<()> {
    let found = Command::new("tauri-driver").arg("--help").output().is_ok();
    if found {
        return Ok(());
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(cargo).args(["install", "tauri-driver", "--locked", "--version", "2.1.0"]))?;
    if Command::new("tauri-driver").arg("--help").output().is_err() {
        bail!("tauri-driver was installed but is not on the PATH (add ~/.cargo/bin)");
    }
    Ok(())
}

/// cargo-fuzz, for the fuzz targets' short run (libFuzzer without a sanitizer works on stable Rust).
pub fn cargo_fuzz() -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let found = Command::new(&cargo)
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Ok(());
    }
    run(Command::new(&cargo).args(["install", "cargo-fuzz", "--locked", "--version", "0.13.2"]))
}

/// The Tauri CLI, for bundling the .deb (`cargo xtask dist` only; about 9 minutes to build once).
pub fn tauri_cli() -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let found = Command::new(&cargo)
        .args(["tauri", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Ok(());
    }
    run(Command::new(&cargo).args(["install", "tauri-cli", "--locked", "--version", "^2"]))
}
