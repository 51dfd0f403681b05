//! The kiosk's own writable state: a small SQLite file beside the content, holding settings an admin
//! changed on this machine. Nothing a visitor does is ever written here.
//!
//! # Migrations
//! [`MIGRATIONS`] is append-only: never edit, reorder or remove one. `PRAGMA user_version` counts the
//! migrations applied; each runs in its own transaction with the version bump, so a crash leaves the file
//! at a whole version. A file from a newer build (a higher version) is refused rather than guessed at.
//!
//! # Locking
//! One process opens the file (the app or a headless command); SQLite's own locking covers the rest.
//! Pragmas are set per connection, outside migrations. The rollback journal (not WAL) keeps reads from
//! touching the disk.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

/// The schema, one step per entry. Append only.
const MIGRATIONS: &[&str] = &[
    // 1: settings an admin changed on this kiosk, overriding kiosk.toml (e.g. `locale.default`).
    // value is never NULL: removing a setting deletes its row.
    "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
];

/// Errors of the state DB.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// SQLite failed; the file may be damaged or unwritable.
    #[error("state database {path}: {source}")]
    Db {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The file was written by a newer build.
    #[error("state database {path} has schema version {found}; this build knows up to {known}")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// Its folder could not be created.
    #[error("creating {path}: {source}")]
    Io {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The kiosk's state DB.
#[derive(Debug)]
pub struct StateDb {
    conn: Connection,
    path: PathBuf,
}

impl StateDb {
    /// Opens (creating it and its folder if needed) and migrates the state DB at `path`.
    pub fn open(path: &Path) -> Result<StateDb, Error> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let db_error = |source| Error::Db {
            path: path.to_owned(),
            source,
        };
        let mut conn = Connection::open(path).map_err(db_error)?;
        conn.execute_batch(
            "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
        )
        .map_err(db_error)?;
        migrate(&mut conn, path)?;
        Ok(StateDb {
            conn,
            path: path.to_owned(),
        })
    }

    /// The schema version of the file (the number of migrations applied).
    pub fn version(&self) -> Result<i64, Error> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|source| self.error(source))
    }

    /// A setting, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        self.conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()
            .map_err(|source| self.error(source))
    }

    /// Sets (`Some`) or removes (`None`) a setting.
    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), Error> {
        let result = match value {
            Some(value) => self.conn.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, value],
            ),
            None => self
                .conn
                .execute("DELETE FROM setting WHERE key = ?1", [key]),
        };
        result.map(drop).map_err(|source| self.error(source))
    }

    fn error(&self, source: rusqlite::Error) -> Error {
        Error::Db {
            path: self.path.clone(),
            source,
        }
    }
}

/// Applies the migrations the file has not seen yet.
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), Error> {
    let db_error = |source| Error::Db {
        path: path.to_owned(),
        source,
    };
    let known = MIGRATIONS.len() as i64;
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(db_error)?;
    if found > known {
        return Err(Error::TooNew {
            path: path.to_owned(),
            found,
            known,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction().map_err(db_error)?;
        tx.execute_batch(sql).map_err(db_error)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(db_error)?;
        tx.commit().map_err(db_error)?;
    }
    Ok(())
}
