//! Reading the locales folder from disk, the same way for the localizer and the lint.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;

/// One `.ftl` file's text.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// One locale folder as read from disk.
#[derive(Debug)]
pub(crate) struct Folder {
    /// The folder's name as found (`lv`), not yet checked to be a locale tag.
    pub name: String,
    pub path: PathBuf,
    /// Its `*.ftl` files, sorted by name.
    pub files: Vec<SourceFile>,
    /// What could not be read: the folder itself, or some of its files. Only [`Error::ReadDir`] and
    /// [`Error::ReadFile`].
    pub unreadable: Vec<Error>,
}

/// Every locale folder under `dir` (normally `resources/locales`; names starting with `.` are skipped),
/// sorted by name, with what could and could not be read in each: the localizer stops at the first thing
/// unreadable, the lint reports them all.
///
/// # Errors
/// [`Error::ReadDir`] when `dir` itself cannot be listed.
pub(crate) fn read_locales(dir: &Path) -> Result<Vec<Folder>, Error> {
    let folders = locale_folders(dir).map_err(|source| Error::ReadDir {
        path: dir.to_owned(),
        source,
    })?;
    let mut read = Vec::new();
    for (name, path) in folders {
        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        match ftl_files(&path) {
            Ok(paths) => {
                for file in paths {
                    match fs::read_to_string(&file) {
                        Ok(text) => files.push(SourceFile { path: file, text }),
                        Err(source) => unreadable.push(Error::ReadFile { path: file, source }),
                    }
                }
            }
            Err(source) => unreadable.push(Error::ReadDir {
                path: path.clone(),
                source,
            }),
        }
        read.push(Folder {
            name,
            path,
            files,
            unreadable,
        });
    }
    Ok(read)
}

/// The folders under `dir` (names not starting with `.`), sorted by name.
fn locale_folders(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut folders = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.path().is_dir() {
            continue;
        }
        folders.push((name, entry.path()));
    }
    folders.sort();
    Ok(folders)
}

/// The `*.ftl` files directly in `folder`, sorted.
fn ftl_files(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(folder)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "ftl") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
