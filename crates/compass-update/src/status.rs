//! A kiosk's status record: what an admin needs to see whether a kiosk is alive and up to date —
//! never anything about visitors. The kiosk writes it (into its data folder, onto the next update stick
//! an admin imports from, and optionally to a `status_url`); `compass-admin fleet report` reads a
//! folder of them.
//!
//! The record is plain JSON with a [`FORMAT`] number. A reader treats every file as hostile: it is
//! size-limited ([`MAX_BYTES`]), strictly typed, and its kiosk id is checked to be a safe file name.
//! Counters (opt-in on the kiosk) are per day only and a count below [`FEW`] is carried as `"<5"`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use std::time::Duration;

use url::Url;

use crate::error::{Error, Result};
use crate::schedule::Schedule;
use crate::source::Source;
use crate::store::{Check, write_atomic};
use crate::usb::STICK_FOLDER;

/// The record's format number; a reader refuses any other.
pub const FORMAT: u32 = 1;

/// Larger files are refused unread: a real record is a few kilobytes.
pub const MAX_BYTES: u64 = 256 * 1024;

/// Counts below this are reported as [`Count::Few`].
pub const FEW: u64 = 5;

/// The folder of status files on an update stick, beside the repository's `metadata/`.
pub const STICK_STATUS_FOLDER: &str = "status";

/// A kiosk's name in the fleet: 1–64 of `A-Z a-z 0-9 . _ -`, not starting with a dot. It becomes a
/// file name (`<id>.json`), so nothing else is accepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct KioskId(String);

impl KioskId {
    /// Parses a kiosk id, or says why it is not one.
    pub fn parse(text: &str) -> std::result::Result<KioskId, &'static str> {
        if text.is_empty() || text.len() > 64 {
            return Err("a kiosk id has 1 to 64 characters");
        }
        if text.starts_with('.') {
            return Err("a kiosk id does not start with a dot");
        }
        if !text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        {
            return Err("a kiosk id has only letters A-Z, digits, '.', '_' and '-'");
        }
        Ok(KioskId(text.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The status file's name: `<id>.json`.
    pub fn file_name(&self) -> String {
        format!("{}.json", self.0)
    }
}

impl fmt::Display for KioskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for KioskId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        KioskId::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A count as reported: exact from [`FEW`] up, else only "fewer than five".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// 1 to 4, carried as the string `"<5"`.
    Few,
    /// [`FEW`] or more.
    Exact(u64),
}

impl Count {
    /// How a kiosk reports `n` (zero is not reported at all: `None`).
    pub fn report(n: u64) -> Option<Count> {
        match n {
            0 => None,
            n if n < FEW => Some(Count::Few),
            n => Some(Count::Exact(n)),
        }
    }

    /// The smallest and largest true value this count stands for.
    pub fn bounds(self) -> (u64, u64) {
        match self {
            Count::Few => (1, FEW - 1),
            Count::Exact(n) => (n, n),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Count::Few => serializer.serialize_str("<5"),
            Count::Exact(n) => serializer.serialize_u64(*n),
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Number(n) if n >= FEW => Ok(Count::Exact(n)),
            Raw::Number(n) => Err(serde::de::Error::custom(format!(
                "a count of {n} must be reported as \"<5\""
            ))),
            Raw::Text(text) if text == "<5" => Ok(Count::Few),
            Raw::Text(text) => Err(serde::de::Error::custom(format!(
                "a count is a number or \"<5\", not {text:?}"
            ))),
        }
    }
}

/// The release a kiosk shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentState {
    /// The signed targets version.
    pub version: u64,
    /// When the admin published it, if recorded.
    pub published_at: Option<jiff::Timestamp>,
    /// When the kiosk fetched it.
    pub fetched_at: jiff::Timestamp,
    /// When its signed metadata expires.
    pub expires: jiff::Timestamp,
}

/// A recent problem on the kiosk, by stable code (`update.expired`, `status.stick-unwritable`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// When it happened.
    pub at: jiff::Timestamp,
    /// The stable code.
    pub code: String,
    /// A line for operators.
    pub detail: String,
}

/// One kiosk's status at `written_at`. Nothing in it is about a visitor: counters (when the kiosk's
/// operator turned them on) are per day, by kind, with small counts blurred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusRecord {
    /// Always [`FORMAT`].
    pub format: u32,
    /// The kiosk's id (`kiosk_id` in kiosk.toml).
    pub kiosk_id: KioskId,
    /// When the kiosk wrote this record.
    pub written_at: jiff::Timestamp,
    /// The app's version (`CARGO_PKG_VERSION` of the kiosk binary).
    pub app_version: String,
    /// The kiosk's country (ISO 3166-1 alpha-2), as configured.
    pub country: Option<String>,
    /// The release on screen, if any.
    pub content: Option<ContentState>,
    /// A verified release waiting for the next idle reset.
    pub pending_version: Option<u64>,
    /// How the last update check ended.
    pub last_check: Option<Check>,
    /// Recent problems, newest last (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<Problem>,
    /// When this run of the app started.
    pub started_at: jiff::Timestamp,
    /// How many times the app has started on this kiosk (this run included).
    pub starts: u64,
    /// Free bytes on the disk of the kiosk's data folder.
    pub free_disk_bytes: Option<u64>,
    /// Opt-in counters by day (`YYYY-MM-DD`) and name (`screen.home`, `locale.lv`, `quick-exit`…);
    /// absent when the kiosk does not count.
    pub counters: Option<BTreeMap<jiff::civil::Date, BTreeMap<String, Count>>>,
}

/// A record keeps at most this many problems.
pub const MAX_PROBLEMS: usize = 20;

/// Why a status file was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadRecord {
    /// Larger than [`MAX_BYTES`].
    #[error("larger than {MAX_BYTES} bytes")]
    TooLarge,
    /// Not JSON of this format.
    #[error("not a status record: {0}")]
    Malformed(String),
    /// A format number this build does not know.
    #[error("format {0}, this build reads format {FORMAT}")]
    Format(u32),
    /// The file's name is not `<kiosk_id>.json`.
    #[error("the file is named for another kiosk than {0}")]
    Misnamed(KioskId),
}

impl StatusRecord {
    /// Parses a record from untrusted bytes.
    pub fn from_json(bytes: &[u8]) -> std::result::Result<StatusRecord, BadRecord> {
        if bytes.len() as u64 > MAX_BYTES {
            return Err(BadRecord::TooLarge);
        }
        #[derive(Deserialize)]
        struct Probe {
            format: u32,
        }
        let probe: Probe =
            serde_json::from_slice(bytes).map_err(|e| BadRecord::Malformed(e.to_string()))?;
        if probe.format != FORMAT {
            return Err(BadRecord::Format(probe.format));
        }
        serde_json::from_slice(bytes).map_err(|e| BadRecord::Malformed(e.to_string()))
    }

    /// Reads a status file, refusing anything but a regular file of at most [`MAX_BYTES`] whose name
    /// is `<kiosk_id>.json`.
    pub fn read(path: &Path) -> std::result::Result<StatusRecord, BadRecord> {
        let meta =
            std::fs::symlink_metadata(path).map_err(|e| BadRecord::Malformed(e.to_string()))?;
        if !meta.file_type().is_file() {
            return Err(BadRecord::Malformed("not a regular file".into()));
        }
        if meta.len() > MAX_BYTES {
            return Err(BadRecord::TooLarge);
        }
        let bytes = read_regular(path).map_err(|e| BadRecord::Malformed(e.to_string()))?;
        let record = StatusRecord::from_json(&bytes)?;
        let named = path.file_name().and_then(|n| n.to_str());
        if named != Some(record.kiosk_id.file_name().as_str()) {
            return Err(BadRecord::Misnamed(record.kiosk_id));
        }
        Ok(record)
    }

    /// The record as pretty JSON.
    pub fn to_json(&self) -> Vec<u8> {
        // Every field serialises infallibly (strings, numbers, timestamps, string-keyed maps).
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// Writes the record atomically as `<dir>/<kiosk_id>.json` (write, fsync, rename, folder fsync),
    /// creating `dir` if needed; a reader sees the old file or the new one, never a part.
    pub fn write_into(&self, dir: &Path) -> Result<PathBuf> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
        let path = dir.join(self.kiosk_id.file_name());
        write_atomic(&path, &self.to_json())?;
        Ok(path)
    }

    /// Writes the record atomically to `path` (the kiosk's own `<data>/status.json`), creating its
    /// folder if needed.
    pub fn write_to(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
        }
        write_atomic(path, &self.to_json())
    }

    /// Writes the record onto an update stick, given the stick's repository folder (the
    /// [`STICK_FOLDER`] that holds `metadata/`): into `status/<kiosk_id>.json` beside it. A folder
    /// that is not an update stick's repository is refused, so nothing is written to other disks.
    pub fn write_to_stick(&self, repository: &Path) -> Result<PathBuf> {
        let is_stick_repository = repository.file_name().is_some_and(|n| n == STICK_FOLDER)
            && repository.join("metadata").join("timestamp.json").is_file();
        if !is_stick_repository {
            return Err(Error::BadSource {
                text: repository.display().to_string(),
                reason: "not an update stick's repository folder",
            });
        }
        self.write_into(&repository.join(STICK_STATUS_FOLDER))
    }
}

/// How a record is sent to a `status_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// Tries in all before giving up until the next record.
    pub tries: u32,
    /// The wait between tries: its back-off after failures (`first_backoff` doubling up to
    /// `max_backoff`, jittered).
    pub schedule: Schedule,
    /// The deadline of one try (connecting, sending and the answer).
    pub deadline: Duration,
    /// More certificate authorities (PEM), as for the update source (`update_ca`).
    pub ca_file: Option<PathBuf>,
}

impl Default for Upload {
    fn default() -> Self {
        Upload {
            tries: 6,
            schedule: Schedule {
                first_backoff: Duration::from_secs(30),
                max_backoff: Duration::from_secs(15 * 60),
                ..Schedule::default()
            },
            deadline: Duration::from_secs(30),
            ca_file: None,
        }
    }
}

/// Where a record goes under `base` (a `status_url`, https or loopback http, ending in `/`):
/// `<base><kiosk_id>.json`.
pub fn upload_url(base: &str, kiosk_id: &KioskId) -> Result<Url> {
    match Source::parse(base)? {
        Source::Url(base) => base
            .join(&kiosk_id.file_name())
            .map_err(|_| Error::BadSource {
                text: base.to_string(),
                reason: "the URL cannot be extended",
            }),
        Source::Folder(_) => Err(Error::BadSource {
            text: base.to_string(),
            reason: "a status URL is https:// (or http:// on this machine)",
        }),
    }
}

/// Sends `record` by HTTP PUT to `<base><kiosk_id>.json`: up to `upload.tries` tries, each within
/// `upload.deadline`, waiting on the back-off between them (`random` gives the jitter's fraction).
/// Redirects are not followed (a 3xx is a failure). Returns the tries it took, or the last failure.
pub async fn upload(
    record: &StatusRecord,
    base: &str,
    upload: &Upload,
    random: &mut (dyn FnMut() -> f64 + Send),
) -> Result<u32> {
    let url = upload_url(base, &record.kiosk_id)?;
    let client = upload_client(upload)?;
    let body = record.to_json();
    let mut failures = 0;
    loop {
        let sent = client
            .put(url.clone())
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await;
        let failure = match sent {
            Ok(answer) if answer.status().is_success() => return Ok(failures + 1),
            Ok(answer) => format!("{url}: the server answered {}", answer.status()),
            Err(error) if error.is_timeout() => {
                format!("{url}: no answer within {} s", upload.deadline.as_secs())
            }
            Err(error) => format!("{url}: {error}"),
        };
        failures += 1;
        if failures >= upload.tries.max(1) {
            return Err(Error::Unreachable { detail: failure });
        }
        tokio::time::sleep(upload.schedule.next_delay(failures, random())).await;
    }
}

/// reqwest over the update transport's TLS (the system's certificate authorities and `ca_file`),
/// following no redirect.
fn upload_client(upload: &Upload) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .tls_backend_preconfigured(crate::fetch::http::tls_config(upload.ca_file.as_deref())?)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(upload.deadline)
        .connect_timeout(upload.deadline)
        .build()
        .map_err(|e| crate::fetch::http::client_error(&e))
}

/// Reads at most [`MAX_BYTES`] + 1 bytes of `path` if it is still a regular file when opened: the file
/// may have been swapped for a link or a FIFO since it was looked at, so the open follows no link and
/// does not wait for a FIFO's writer, and the type is checked again on the open file.
fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str) -> StatusRecord {
        let at: jiff::Timestamp = "2026-12-01T10:00:00Z".parse().expect("as set up");
        let day: jiff::civil::Date = "2026-12-01".parse().expect("as set up");
        StatusRecord {
            format: FORMAT,
            kiosk_id: KioskId::parse(id).expect("as set up"),
            written_at: at,
            app_version: "0.1.0".into(),
            country: Some("LV".into()),
            content: Some(ContentState {
                version: 7,
                published_at: Some(at),
                fetched_at: at,
                expires: at,
            }),
            pending_version: None,
            last_check: None,
            problems: vec![],
            started_at: at,
            starts: 3,
            free_disk_bytes: Some(1 << 30),
            counters: Some(BTreeMap::from([(
                day,
                BTreeMap::from([
                    ("reset".to_owned(), Count::Exact(12)),
                    ("quick-exit".to_owned(), Count::Few),
                ]),
            )])),
        }
    }

    #[test]
    fn small_counts_travel_only_as_fewer_than_five() {
        assert_eq!(Count::report(0), None);
        for n in 1..FEW {
            assert_eq!(Count::report(n), Some(Count::Few));
        }
        assert_eq!(Count::report(5), Some(Count::Exact(5)));
        let json = serde_json::to_string(&[Count::Few, Count::Exact(9)]).expect("as set up");
        assert_eq!(json, r#"["<5",9]"#);
        assert_eq!(
            serde_json::from_str::<Vec<Count>>(&json).expect("as set up"),
            [Count::Few, Count::Exact(9)]
        );
        for bad in ["[3]", r#"["7"]"#, r#"["<6"]"#, "[-1]"] {
            assert!(serde_json::from_str::<Vec<Count>>(bad).is_err(), "{bad}");
        }
        assert_eq!(Count::Few.bounds(), (1, 4));
    }

    #[test]
    fn kiosk_ids_are_safe_file_names() {
        for good in ["riga-1", "EE.Tallinn_02", "a"] {
            assert_eq!(KioskId::parse(good).expect("as set up").as_str(), good);
        }
        let long = "x".repeat(65);
        for bad in [
            "",
            ".hidden",
            "../up",
            "a/b",
            "ümlaut",
            "sp ace",
            long.as_str(),
        ] {
            assert!(KioskId::parse(bad).is_err(), "{bad:?}");
        }
        let hostile = r#"{"format":1,"kiosk_id":"../../etc/passwd"}"#;
        assert!(matches!(
            StatusRecord::from_json(hostile.as_bytes()),
            Err(BadRecord::Malformed(_))
        ));
    }

    #[test]
    fn records_round_trip_and_strangers_are_refused() {
        let record = record("riga-1");
        let json = record.to_json();
        assert_eq!(StatusRecord::from_json(&json).expect("as set up"), record);

        let mut value: serde_json::Value = serde_json::from_slice(&json).expect("as set up");
        value["format"] = 2.into();
        let future = serde_json::to_vec(&value).expect("as set up");
        assert_eq!(StatusRecord::from_json(&future), Err(BadRecord::Format(2)));

        value["format"] = 1.into();
        value["visitor_search"] = "anything".into();
        let extra = serde_json::to_vec(&value).expect("as set up");
        assert!(matches!(
            StatusRecord::from_json(&extra),
            Err(BadRecord::Malformed(_))
        ));

        let truncated = &json[..json.len() / 2];
        assert!(matches!(
            StatusRecord::from_json(truncated),
            Err(BadRecord::Malformed(_))
        ));
        let huge = vec![b' '; MAX_BYTES as usize + 1];
        assert_eq!(StatusRecord::from_json(&huge), Err(BadRecord::TooLarge));
    }

    #[test]
    fn a_record_is_written_only_onto_an_update_stick_and_read_back_by_its_name() {
        let dir = tempfile::tempdir().expect("as set up");
        let record = record("riga-1");

        let plain = dir.path().join("photos");
        std::fs::create_dir_all(&plain).expect("as set up");
        assert!(record.write_to_stick(&plain).is_err());
        let unsigned = dir.path().join(STICK_FOLDER);
        std::fs::create_dir_all(&unsigned).expect("as set up");
        assert!(record.write_to_stick(&unsigned).is_err());
        assert!(!unsigned.join(STICK_STATUS_FOLDER).exists());

        std::fs::create_dir_all(unsigned.join("metadata")).expect("as set up");
        std::fs::write(unsigned.join("metadata/timestamp.json"), "{}").expect("as set up");
        let written = record.write_to_stick(&unsigned).expect("as set up");
        assert_eq!(written, unsigned.join("status/riga-1.json"));
        assert_eq!(StatusRecord::read(&written).expect("as set up"), record);
        let names: Vec<_> = std::fs::read_dir(unsigned.join("status"))
            .expect("as set up")
            .map(|e| e.expect("as set up").file_name())
            .collect();
        assert_eq!(names, ["riga-1.json"], "no temporary file is left");

        let renamed = written.with_file_name("tallinn-2.json");
        std::fs::rename(&written, &renamed).expect("as set up");
        assert!(matches!(
            StatusRecord::read(&renamed),
            Err(BadRecord::Misnamed(_))
        ));
        #[cfg(unix)]
        {
            let link = written.with_file_name("link.json");
            std::os::unix::fs::symlink(&renamed, &link).expect("as set up");
            assert!(matches!(
                StatusRecord::read(&link),
                Err(BadRecord::Malformed(_))
            ));
        }
    }
}

#[cfg(test)]
mod upload_tests {
    use std::io::{BufRead as _, BufReader, Read as _, Write as _};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    use super::*;

    /// A loopback HTTP server that answers each request with the next status of `answers` (then
    /// 200), recording each request's first line and body.
    /// Each request's first line and body, in arrival order.
    type Seen = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

    fn server(answers: Vec<u16>) -> (Url, Seen) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = Url::parse(&format!(
            "http://{}/fleet/",
            listener.local_addr().expect("addr")
        ))
        .expect("url");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        std::thread::spawn(move || {
            let mut answers = answers.into_iter();
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let mut reader = BufReader::new(stream);
                let mut first = String::new();
                reader.read_line(&mut first).expect("request line");
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).expect("header");
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        length = value.trim().parse().expect("length");
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).expect("body");
                record
                    .lock()
                    .expect("lock")
                    .push((first.trim().to_owned(), body));
                let status = answers.next().unwrap_or(200);
                let mut stream = reader.into_inner();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
            }
        });
        (url, seen)
    }

    fn quick() -> Upload {
        Upload {
            tries: 3,
            schedule: Schedule {
                first_backoff: Duration::from_millis(1),
                max_backoff: Duration::from_millis(1),
                jitter_percent: 0,
                ..Schedule::default()
            },
            deadline: Duration::from_secs(20),
            ca_file: None,
        }
    }

    fn record() -> StatusRecord {
        let at: jiff::Timestamp = "2026-12-01T10:00:00Z".parse().expect("time");
        StatusRecord {
            format: FORMAT,
            kiosk_id: KioskId::parse("riga-1").expect("id"),
            written_at: at,
            app_version: "0.1.0".into(),
            country: Some("LV".into()),
            content: None,
            pending_version: None,
            last_check: None,
            problems: vec![],
            started_at: at,
            starts: 1,
            free_disk_bytes: None,
            counters: None,
        }
    }

    #[tokio::test]
    async fn a_record_arrives_after_two_failed_tries() {
        let (url, seen) = server(vec![500, 503]);
        let tries = upload(&record(), url.as_str(), &quick(), &mut || 0.5)
            .await
            .expect("uploaded");
        assert_eq!(tries, 3);
        let seen = seen.lock().expect("lock").clone();
        assert_eq!(seen.len(), 3);
        for (line, body) in &seen {
            assert_eq!(line, "PUT /fleet/riga-1.json HTTP/1.1");
            assert_eq!(StatusRecord::from_json(body), Ok(record()));
        }
    }

    #[tokio::test]
    async fn a_redirect_is_not_followed_and_the_upload_gives_up_after_its_tries() {
        let (url, seen) = server(vec![307, 307, 307, 307]);
        let error = upload(&record(), url.as_str(), &quick(), &mut || 0.5)
            .await
            .expect_err("a redirect is a failure");
        assert_eq!(error.code(), "update.unreachable");
        assert!(error.to_string().contains("307"), "{error}");
        assert_eq!(
            seen.lock().expect("lock").len(),
            3,
            "one request per try, no redirect"
        );
    }

    #[tokio::test]
    async fn an_unreachable_status_url_gives_up_quietly_after_its_tries() {
        // A port that was just free: nothing listens there.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let url = Url::parse(&format!("http://127.0.0.1:{port}/")).expect("url");
        let mut jitter_asked = 0;
        let error = upload(&record(), url.as_str(), &quick(), &mut || {
            jitter_asked += 1;
            0.5
        })
        .await
        .expect_err("nothing listens");
        assert_eq!(error.code(), "update.unreachable");
        assert_eq!(jitter_asked, 2, "two waits between three tries");
    }

    #[test]
    fn status_urls_are_https_or_loopback_http() {
        let id = KioskId::parse("riga-1").expect("id");
        for (base, expect) in [
            (
                "https://status.example.org/fleet/",
                Some("https://status.example.org/fleet/riga-1.json"),
            ),
            (
                "https://status.example.org/fleet",
                Some("https://status.example.org/fleet/riga-1.json"),
            ),
            (
                "http://127.0.0.1:8080/",
                Some("http://127.0.0.1:8080/riga-1.json"),
            ),
            ("http://status.example.org/", None),
            ("file:///srv/status/", None),
        ] {
            assert_eq!(
                upload_url(base, &id).ok().map(|u| u.to_string()).as_deref(),
                expect,
                "{base}"
            );
        }
    }
}
