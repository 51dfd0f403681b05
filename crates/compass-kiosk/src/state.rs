//! The kiosk's own writable state: a small SQLite file beside the content, holding settings an admin
//! changed on this machine, how often the app has started, and — only when the operator turned them
//! on (`counters = true`) — the anonymous per-day counters. Nothing else a visitor does is ever
//! written here: a counter is a closed name ([`Counter`]) and a day, never text the visitor typed, a
//! time of day or an order of events.
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

use crate::counters::{Counter, Day};

/// The schema, one step per entry. Append only.
const MIGRATIONS: &[&str] = &[
    // 1: settings an admin changed on this kiosk, overriding kiosk.toml (e.g. `locale.default`).
    // value is never NULL: removing a setting deletes its row.
    "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
    // 2: the opt-in anonymous counters: how often `name` (`screen.home`, `service.<id>`,
    // `quick-exit`…, see `Counter::name`) happened on the kiosk's local date `day` (`YYYY-MM-DD`).
    // WITHOUT ROWID and one row per day and name, raised in place: no row id, time or insertion order
    // survives. Days older than `KEEP_DAYS` are deleted when a count is written.
    // `run` holds facts about the app, not visitors: `starts`, the number of times it started.
    "CREATE TABLE counter (day TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL, \
     PRIMARY KEY (day, name)) WITHOUT ROWID;
     CREATE TABLE run (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;",
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

    /// Counts one `counter` on `day` and drops the days before `keep_from`, in one transaction.
    pub fn count(&mut self, day: Day, counter: &Counter, keep_from: Day) -> Result<(), Error> {
        let path = self.path.clone();
        let db_error = |source| Error::Db {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(db_error)?;
        tx.execute(
            "INSERT INTO counter (day, name, count) VALUES (?1, ?2, 1) \
             ON CONFLICT (day, name) DO UPDATE SET count = count + 1",
            params![day.to_string(), counter.name()],
        )
        .map_err(db_error)?;
        tx.execute(
            "DELETE FROM counter WHERE day < ?1",
            [keep_from.to_string()],
        )
        .map_err(db_error)?;
        tx.commit().map_err(db_error)
    }

    /// Every stored count: day, name, count, in day and name order. Rows that are not a valid day
    /// (a damaged file) are skipped.
    pub fn counters(&self) -> Result<Vec<(Day, String, u64)>, Error> {
        let mut statement = self
            .conn
            .prepare("SELECT day, name, count FROM counter ORDER BY day, name")
            .map_err(|source| self.error(source))?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })
            .map_err(|source| self.error(source))?;
        let mut counts = Vec::new();
        for row in rows {
            let (day, name, count) = row.map_err(|source| self.error(source))?;
            if let (Some(day), Ok(count)) = (Day::parse(&day), u64::try_from(count)) {
                counts.push((day, name, count));
            }
        }
        Ok(counts)
    }

    /// Everything the file holds, table by table, each row as its values' text in key order: what
    /// an operator auditing the kiosk (and the privacy test) compares.
    pub fn contents(&self) -> Result<std::collections::BTreeMap<String, Vec<String>>, Error> {
        let error = |source| self.error(source);
        let mut names = self
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .map_err(error)?;
        let tables = names
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(error)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(error)?;
        let mut contents = std::collections::BTreeMap::new();
        for table in tables {
            let quoted = table.replace('"', "\"\"");
            let mut select = self
                .conn
                .prepare(&format!("SELECT * FROM \"{quoted}\""))
                .map_err(error)?;
            let columns = select.column_count();
            let mut rows = select
                .query_map([], |row| {
                    (0..columns)
                        .map(|i| row.get_ref(i).map(|v| format!("{v:?}")))
                        .collect::<Result<Vec<_>, _>>()
                        .map(|values| values.join(" | "))
                })
                .map_err(error)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(error)?;
            rows.sort();
            contents.insert(table, rows);
        }
        Ok(contents)
    }

    /// Counts one more start of the app and returns the number of starts so far (this one included).
    pub fn record_start(&self) -> Result<u64, Error> {
        self.conn
            .query_row(
                "INSERT INTO run (name, value) VALUES ('starts', 1) \
                 ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|source| self.error(source))
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
