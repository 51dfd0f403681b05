//! Integration tests of `compass-i18n` through its public API: the real `resources/locales` and small
//! bundles and fixture folders written by the tests.

mod format;
mod lint;
mod negotiate;
mod plurals;
mod props;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use compass_i18n::Localizer;

/// The shipped locales folder.
fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/locales")
}

/// The shipped locales, loaded.
fn shipped() -> Localizer {
    match Localizer::load(&locales_dir()) {
        Ok(localizer) => localizer,
        Err(error) => panic!("loading {}: {error}", locales_dir().display()),
    }
}

/// A bundle per `(tag, source)`.
fn inline(sources: &[(&str, &str)]) -> Localizer {
    match Localizer::from_sources(sources.iter().copied()) {
        Ok(localizer) => localizer,
        Err(error) => panic!("building from {sources:?}: {error}"),
    }
}

/// A folder under the system temp dir holding the given files, removed on drop.
struct TempTree {
    root: PathBuf,
}

impl TempTree {
    fn new(files: &[(&str, &[u8])]) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "compass-i18n-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let root = std::env::temp_dir().join(unique);
        let _ = fs::remove_dir_all(&root);
        if let Err(error) = fs::create_dir_all(&root) {
            panic!("creating {}: {error}", root.display());
        }
        for (path, contents) in files {
            let path = root.join(path);
            if let Some(parent) = path.parent()
                && let Err(error) = fs::create_dir_all(parent)
            {
                panic!("creating {}: {error}", parent.display());
            }
            if let Err(error) = fs::write(&path, contents) {
                panic!("writing {}: {error}", path.display());
            }
        }
        Self { root }
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}
