//! Fleet status and the opt-in anonymous counters, the kiosk's side (the record type and its files
//! are `compass_update::status`'s; the counters' rules are `compass_kiosk::counters`').
//!
//! [`Fleet`] keeps what the record needs beyond the update store: the kiosk id, when this run
//! started and how many starts there were, recent problems (in memory, at most `MAX_PROBLEMS`), and
//! — when `counters = true` — the visit tracker and a writer thread that stores counts in `state.db`,
//! so counting never blocks or fails what a visitor does (a DB error is logged, nothing else).
//! The record is written to `<data>/status.json` at start, after each update check and hourly, and
//! onto an update stick after each import from it.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

use compass_kiosk::counters::{KEEP_DAYS, ScreenName};
use compass_kiosk::{Counter, Day, StateDb, Visit};
use compass_update::status::{ContentState, FORMAT, MAX_PROBLEMS, Problem, Upload};
use compass_update::{Count, KioskId, StatusRecord};
use jiff::tz::TimeZone;
use tauri::{AppHandle, Manager, Runtime};

use crate::{Kiosk, lock};

/// The status file in the data folder.
pub const STATUS_FILE: &str = "status.json";

/// The problem code when the record could not be written onto a stick (read-only, full).
pub const STICK_UNWRITABLE: &str = "status.stick-unwritable";
/// The problem code when the record could not be sent to `status_url` after every try.
pub const UPLOAD_FAILED: &str = "status.upload-failed";
/// The problem code when the record could not be written into the data folder.
pub const FILE_UNWRITABLE: &str = "status.file-unwritable";

/// Fleet status and counters of one running app.
#[derive(Debug)]
pub struct Fleet {
    kiosk_id: KioskId,
    data_dir: PathBuf,
    country: String,
    started_at: jiff::Timestamp,
    starts: u64,
    problems: Mutex<VecDeque<Problem>>,
    counting: Option<Counting>,
    state: Arc<Mutex<StateDb>>,
    /// The kiosk's time zone: what "today" is for the counters.
    timezone: TimeZone,
    /// Where the record is also sent (`<url><kiosk_id>.json`), if configured.
    status_url: Option<String>,
    /// The upload still trying, replaced (aborted) by the next record's.
    upload: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
}

/// What the counters need: the visit tracker and the writer's queue.
#[derive(Debug)]
struct Counting {
    visit: Mutex<Visit>,
    queue: Mutex<mpsc::Sender<Message>>,
    known_locales: &'static [&'static str],
}

#[derive(Debug)]
enum Message {
    Count(Counter),
    /// Answered once every count sent before it is stored.
    Flush(mpsc::Sender<()>),
}

/// How the fleet side is set up.
#[derive(Debug, Clone)]
pub struct FleetConfig {
    /// The kiosk's id.
    pub kiosk_id: KioskId,
    /// The data folder (`status.json`, free disk).
    pub data_dir: PathBuf,
    /// The kiosk's country.
    pub country: String,
    /// Counters on.
    pub counters: bool,
    /// The kiosk's time zone: a counter's day is its local date.
    pub timezone: TimeZone,
    /// Launch locales: the only locales counted.
    pub known_locales: &'static [&'static str],
    /// The upload address.
    pub status_url: Option<String>,
}

impl Fleet {
    /// Counts this start in `state` and, with counters on, starts the writer thread.
    pub fn start(config: FleetConfig, state: Arc<Mutex<StateDb>>) -> Fleet {
        let starts = lock(&state).record_start().unwrap_or_else(|error| {
            eprintln!("safety-compass: counting this start: {error}");
            0
        });
        let counting = config.counters.then(|| {
            let (queue, received) = mpsc::channel();
            let writer = state.clone();
            let timezone = config.timezone.clone();
            std::thread::spawn(move || write_counts(&writer, &timezone, &received));
            Counting {
                visit: Mutex::new(Visit::new()),
                queue: Mutex::new(queue),
                known_locales: config.known_locales,
            }
        });
        Fleet {
            kiosk_id: config.kiosk_id,
            data_dir: config.data_dir,
            country: config.country,
            started_at: jiff::Timestamp::now(),
            starts,
            problems: Mutex::new(VecDeque::new()),
            counting,
            timezone: config.timezone,
            state,
            status_url: config.status_url,
            upload: Mutex::new(None),
        }
    }

    /// Whether counters are on.
    #[cfg(test)]
    pub fn counting(&self) -> bool {
        self.counting.is_some()
    }

    /// Counts `counter` (nothing when counters are off). Never blocks on the disk.
    pub fn count(&self, counter: Counter) {
        if let Some(counting) = &self.counting {
            // A gone writer (it cannot end while the sender lives) loses the count, nothing else.
            let _ = lock(&counting.queue).send(Message::Count(counter));
        }
    }

    /// The page of `session` shows `screen` in `locale`.
    pub fn screen(&self, session: u64, screen: ScreenName, locale: &str) {
        if let Some(counting) = &self.counting {
            let counters =
                lock(&counting.visit).screen(session, screen, locale, counting.known_locales);
            counters.into_iter().for_each(|c| self.count(c));
        }
    }

    /// A search in `session` found `hits` entries (its text never reaches this module).
    pub fn searched(&self, session: u64, hits: usize) {
        if let Some(counting) = &self.counting
            && let Some(counter) = lock(&counting.visit).searched(session, hits)
        {
            self.count(counter);
        }
    }

    /// The page of `session` opened a service the content DB found: counted once per session.
    pub fn service_opened(&self, session: u64, id: &str) {
        if let Some(counting) = &self.counting
            && let Some(counter) = lock(&counting.visit).service(session, id)
        {
            self.count(counter);
        }
    }

    /// Waits until every count sent so far is stored (at exit, and in tests).
    pub fn flush(&self) {
        if let Some(counting) = &self.counting {
            let (done, wait) = mpsc::channel();
            if lock(&counting.queue).send(Message::Flush(done)).is_ok() {
                let _ = wait.recv();
            }
        }
    }

    /// Records a problem by stable code (oldest dropped beyond `MAX_PROBLEMS`).
    pub fn problem(&self, code: &str, detail: String) {
        eprintln!("safety-compass: {code}: {detail}");
        let mut problems = lock(&self.problems);
        problems.push_back(Problem {
            at: jiff::Timestamp::now(),
            code: code.to_owned(),
            detail,
        });
        while problems.len() > MAX_PROBLEMS {
            problems.pop_front();
        }
    }

    /// The record now, from the update store's status (if updates are on).
    pub fn record(&self, store: Option<&compass_update::Status>) -> StatusRecord {
        let counters = self
            .counting
            .as_ref()
            .map(|_| lock(&self.state).counters().unwrap_or_default());
        let now = jiff::Timestamp::now();
        assemble(
            &Facts {
                kiosk_id: self.kiosk_id.clone(),
                now,
                today: now.to_zoned_datetime(self.timezone.clone()).date(),
                country: self.country.clone(),
                started_at: self.started_at,
                starts: self.starts,
                free_disk_bytes: free_disk(&self.data_dir),
            },
            store,
            lock(&self.problems).iter().cloned().collect(),
            counters.as_deref(),
        )
    }

    /// Writes `record` to `<data>/status.json`; a failure is a problem entry.
    pub fn write(&self, record: &StatusRecord) {
        let path = self.data_dir.join(STATUS_FILE);
        if let Err(error) = record.write_to(&path) {
            self.problem(FILE_UNWRITABLE, error.to_string());
        }
    }

    /// Writes `record` onto the update stick whose repository folder is `repository`
    /// (`status/<id>.json` beside it); a read-only or full stick is a problem entry, and nothing else
    /// changes. True when written.
    pub fn write_to_stick(&self, record: &StatusRecord, repository: &Path) -> bool {
        match record.write_to_stick(repository) {
            Ok(_) => true,
            Err(error) => {
                self.problem(
                    STICK_UNWRITABLE,
                    format!("{}: {error}", repository.display()),
                );
                false
            }
        }
    }

    /// The problems recorded so far, oldest first.
    #[cfg(test)]
    pub fn problems(&self) -> Vec<Problem> {
        lock(&self.problems).iter().cloned().collect()
    }
}

/// The writer thread: stores each count on the kiosk's local date, dropping days beyond
/// `KEEP_DAYS`. Errors are logged; the visitor never waits for or sees them.
fn write_counts(state: &Mutex<StateDb>, timezone: &TimeZone, received: &mpsc::Receiver<Message>) {
    for message in received {
        match message {
            Message::Count(counter) => {
                let today = jiff::Timestamp::now()
                    .to_zoned_datetime(timezone.clone())
                    .date();
                let keep_from = today
                    .checked_sub(jiff::Span::new().days(i64::from(KEEP_DAYS) - 1))
                    .unwrap_or(today);
                let (Some(day), Some(keep_from)) = (day_of(today), day_of(keep_from)) else {
                    continue;
                };
                if let Err(error) = lock(state).count(day, &counter, keep_from) {
                    eprintln!("safety-compass: a counter was not stored: {error}");
                }
            }
            Message::Flush(done) => {
                let _ = done.send(());
            }
        }
    }
}

fn day_of(date: jiff::civil::Date) -> Option<Day> {
    Day::new(date.year(), date.month(), date.day())
}

/// Everything of a record that does not come from the update store, the problems or the counters.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The kiosk's id.
    pub kiosk_id: KioskId,
    /// When the record is made.
    pub now: jiff::Timestamp,
    /// The kiosk's local date then: its counts are not reported until the day is over.
    pub today: jiff::civil::Date,
    /// The kiosk's country.
    pub country: String,
    /// When this run started.
    pub started_at: jiff::Timestamp,
    /// Starts so far.
    pub starts: u64,
    /// Free bytes of the data folder's disk.
    pub free_disk_bytes: Option<u64>,
}

/// The status record from its parts. Counts are reported with `Count::report` (1–4 become "<5",
/// zero is left out); a day with nothing left to report is left out too. Only finished days are
/// reported: records are written hourly and at every check, and two of today's snapshots would tell
/// in which hour something was counted.
pub fn assemble(
    facts: &Facts,
    store: Option<&compass_update::Status>,
    problems: Vec<Problem>,
    counters: Option<&[(Day, String, u64)]>,
) -> StatusRecord {
    let counters = counters.map(|rows| {
        let mut days: BTreeMap<jiff::civil::Date, BTreeMap<String, Count>> = BTreeMap::new();
        for (day, name, count) in rows {
            let (year, month, day) = day.parts();
            let (Ok(date), Some(count)) = (
                jiff::civil::Date::new(year, month, day),
                Count::report(*count),
            ) else {
                continue;
            };
            if date >= facts.today {
                continue;
            }
            days.entry(date).or_default().insert(name.clone(), count);
        }
        days
    });
    StatusRecord {
        format: FORMAT,
        kiosk_id: facts.kiosk_id.clone(),
        written_at: facts.now,
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        country: Some(facts.country.clone()),
        content: store
            .and_then(|s| s.current.as_ref())
            .map(|r| ContentState {
                version: r.version,
                published_at: r.published_at,
                fetched_at: r.fetched_at,
                expires: r.expires,
            }),
        pending_version: store.and_then(|s| s.pending.as_ref()).map(|r| r.version),
        last_check: store.and_then(|s| s.last_check.clone()),
        problems,
        started_at: facts.started_at,
        starts: facts.starts,
        free_disk_bytes: facts.free_disk_bytes,
        counters,
    }
}

/// The kiosk id when kiosk.toml names none: the host name if it is a valid id, else `kiosk-` and
/// the first 12 hex digits of the machine id, else `kiosk-unknown`.
pub fn default_kiosk_id(hostname: Option<&str>, machine_id: Option<&str>) -> KioskId {
    if let Some(id) = hostname.and_then(|name| KioskId::parse(name.trim()).ok()) {
        return id;
    }
    let hex = machine_id
        .map(str::trim)
        .filter(|id| id.len() >= 12 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(|id| id[..12].to_ascii_lowercase());
    let name = format!("kiosk-{}", hex.as_deref().unwrap_or("unknown"));
    KioskId::parse(&name).unwrap_or_else(|_| unreachable!("kiosk- and hex digits are an id"))
}

/// This machine's default kiosk id (Linux: the kernel's host name, `/etc/machine-id`).
pub fn machine_kiosk_id() -> KioskId {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let hostname = read("/proc/sys/kernel/hostname").or_else(|| read("/etc/hostname"));
    default_kiosk_id(hostname.as_deref(), read("/etc/machine-id").as_deref())
}

/// Free bytes for an unprivileged writer on the disk that holds `dir`.
#[cfg(unix)]
fn free_disk(dir: &Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(dir).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

#[cfg(not(unix))]
fn free_disk(_dir: &Path) -> Option<u64> {
    None
}

/// The screens counted: the visitor screens by kind (the neutral cover is counted as a quick exit; the
/// admin panel and the staff-only referral sheet are not a visit).
pub fn screen_name(kind: compass_api::ScreenKind) -> Option<ScreenName> {
    use compass_api::ScreenKind as Kind;
    match kind {
        Kind::Home => Some(ScreenName::Home),
        Kind::Search => Some(ScreenName::Search),
        Kind::Hotlines => Some(ScreenName::Hotlines),
        Kind::Programmes => Some(ScreenName::Programmes),
        Kind::Service => Some(ScreenName::Service),
        Kind::Events => Some(ScreenName::Events),
        Kind::Reports => Some(ScreenName::Reports),
        Kind::Articles => Some(ScreenName::Articles),
        Kind::Article => Some(ScreenName::Article),
        Kind::Selfcheck => Some(ScreenName::Selfcheck),
        Kind::About => Some(ScreenName::About),
        Kind::Neutral | Kind::Admin | Kind::Referral => None,
    }
}

/// Makes the record now, writes it to `<data>/status.json` and sends it to `status_url` (if set) in
/// the background. Returns it, for a stick.
pub fn publish<R: Runtime>(app: &AppHandle<R>) -> StatusRecord {
    let kiosk = app.state::<Kiosk>();
    let store = kiosk.updates.as_ref().and_then(|u| u.store.status().ok());
    let record = kiosk.fleet.record(store.as_ref());
    kiosk.fleet.write(&record);
    if let Some(url) = kiosk.fleet.status_url.clone() {
        let app = app.clone();
        let sent = record.clone();
        let upload = Upload {
            ca_file: kiosk.settings.update_ca.clone(),
            ..Upload::default()
        };
        let task = tauri::async_runtime::spawn(async move {
            let fleet = &app.state::<Kiosk>().fleet;
            send(fleet, &sent, &url, &upload).await;
        });
        if let Some(older) = lock(&kiosk.fleet.upload).replace(task) {
            older.abort();
        }
    }
    record
}

/// Sends `record` to `status_url` with retries and back-off (never on the UI's thread); after the
/// last try a problem entry says why. True when the server took it.
pub async fn send(fleet: &Fleet, record: &StatusRecord, url: &str, upload: &Upload) -> bool {
    let mut random = crate::updates::random_fraction;
    match compass_update::status::upload(record, url, upload, &mut random).await {
        Ok(_) => true,
        Err(error) => {
            fleet.problem(UPLOAD_FAILED, error.to_string());
            false
        }
    }
}

/// Writes the record at start and then every hour, on its own thread.
pub fn spawn_hourly<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        loop {
            publish(&app);
            std::thread::sleep(HOURLY);
        }
    });
}

/// How often the record is written when nothing else happens.
const HOURLY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

#[cfg(test)]
mod tests;
