//! Finding update repositories on removable disks. A stick carries the repository (as
//! `compass-admin repo publish` wrote it) in a folder named [`STICK_FOLDER`] at its top level; the
//! kiosk looks one and two levels under each mount root (`/media/<user>/<label>`, `/media/<label>`,
//! `/run/media/<user>/<label>`, `/mnt/<label>`).

use std::path::{Path, PathBuf};

/// The folder on a stick that holds the repository.
pub const STICK_FOLDER: &str = "safety-compass";

/// Where removable disks are mounted on Debian-like systems.
pub const MOUNT_ROOTS: &[&str] = &["/media", "/run/media", "/mnt"];

/// Repository folders on the disks mounted under `roots`, sorted. Unreadable folders are skipped.
pub fn find_repositories(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for root in roots {
        for mount in children(root) {
            look(&mount, &mut found);
            for inner in children(&mount) {
                look(&inner, &mut found);
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn look(mount: &Path, found: &mut Vec<PathBuf>) {
    let candidate = mount.join(STICK_FOLDER);
    if candidate.join("metadata").join("timestamp.json").is_file() {
        found.push(candidate);
    }
}

fn children(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != STICK_FOLDER))
                .collect()
        })
        .unwrap_or_default()
}
