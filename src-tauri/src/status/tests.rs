//! Fleet status and counters without Tauri: a visit driven through the same calls the commands and
//! the session's effects make, the record, and the record on a stick that is full or read-only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use compass_kiosk::counters::ScreenName;
use compass_kiosk::{Day, Effect, Session, SessionConfig, StateDb};
use compass_update::status::{ContentState, MAX_PROBLEMS, Problem};
use compass_update::{Count, KioskId, StatusRecord};

use super::{Facts, Fleet, FleetConfig, STICK_UNWRITABLE, assemble, default_kiosk_id};

/// What a visitor typed: it must appear in no file.
const WORDS: &str = "zzvisitorwords";

fn fleet(data: &Path, counters: bool) -> (Fleet, Arc<Mutex<StateDb>>) {
    let state = Arc::new(Mutex::new(
        StateDb::open(&data.join("state.db")).expect("state.db"),
    ));
    let fleet = Fleet::start(
        FleetConfig {
            kiosk_id: KioskId::parse("riga-1").expect("id"),
            data_dir: data.to_owned(),
            country: "LV".into(),
            counters,
            timezone: jiff::tz::TimeZone::UTC,
            known_locales: &compass_api::LAUNCH_LOCALES,
            status_url: None,
        },
        state.clone(),
    );
    (fleet, state)
}

/// A visit as the shell reports it: the home screen, a search typed letter by letter that finds
/// nothing from the third letter on, a service opened, Latvian chosen, a page-supplied locale that is
/// the visitor's words, then the quick exit (whose count is a session effect).
fn visit(fleet: &Fleet) {
    let t0 = Instant::now();
    let mut session = Session::new(SessionConfig::default(), None, t0);
    let n = session.number();
    fleet.screen(n, ScreenName::Home, "en");
    fleet.screen(n, ScreenName::Search, "en");
    for typed in 1..=WORDS.len() {
        fleet.searched(n, if typed < 3 { 4 } else { 0 });
    }
    fleet.screen(n, ScreenName::Home, "en");
    fleet.screen(n, ScreenName::Search, "en");
    fleet.service_opened(n, "lv-state-police");
    fleet.screen(n, ScreenName::Search, "lv");
    // Read again in Latvian: the same opening.
    fleet.service_opened(n, "lv-state-police");
    fleet.screen(n, ScreenName::Search, WORDS);
    for effect in session.quick_exit(n, t0) {
        if let Effect::Count(counter) = effect {
            fleet.count(counter);
        }
    }
    fleet.flush();
}

/// state.db and its journal, if any.
fn state_files(data: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    ["state.db", "state.db-journal"]
        .iter()
        .map(|name| data.join(name))
        .filter(|path| path.exists())
        .map(|path| {
            let bytes = std::fs::read(&path).expect("read");
            (path, bytes)
        })
        .collect()
}

fn holds(bytes: &[u8], words: &str) -> bool {
    bytes.windows(words.len()).any(|w| w == words.as_bytes())
}

#[test]
fn with_counters_off_a_visit_does_not_write_state_db() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (fleet, state) = fleet(dir.path(), false);
    drop(state);
    let before = state_files(dir.path());
    let modified = std::fs::metadata(dir.path().join("state.db"))
        .and_then(|m| m.modified())
        .expect("mtime");
    visit(&fleet);
    assert_eq!(state_files(dir.path()), before, "state.db changed");
    let after = std::fs::metadata(dir.path().join("state.db"))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(after, modified);
    assert!(!fleet.counting());
}

#[test]
fn with_counters_on_a_visit_changes_only_counter_rows_and_leaves_no_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (fleet, state) = fleet(dir.path(), true);
    lock(&state)
        .set_setting("locale.default", Some("lv"))
        .expect("an admin's setting");
    let before = lock(&state).contents().expect("contents");
    visit(&fleet);
    let after = lock(&state).contents().expect("contents");

    let mut others_before = before.clone();
    let mut others_after = after.clone();
    let counters_before = others_before.remove("counter").expect("counter table");
    let counters_after = others_after.remove("counter").expect("counter table");
    assert_eq!(
        others_after, others_before,
        "a visit changed more than counters"
    );
    assert!(counters_before.is_empty());
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let names: Vec<String> = lock(&state)
        .counters()
        .expect("counters")
        .into_iter()
        .map(|(day, name, count)| {
            assert_eq!(day.to_string(), today);
            format!("{name}={count}")
        })
        .collect();
    assert_eq!(
        names,
        [
            "locale.lv=1",
            "quick-exit=1",
            "screen.home=2",
            "screen.search=2",
            "search.zero-hits=1",
            "service.lv-state-police=1",
        ]
    );
    assert_eq!(counters_after.len(), names.len());
    drop(state);
    for (path, bytes) in state_files(dir.path()) {
        assert!(
            !holds(&bytes, WORDS),
            "{} holds the visitor's words",
            path.display()
        );
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    crate::lock(mutex)
}

fn at(text: &str) -> jiff::Timestamp {
    text.parse().expect(text)
}

fn facts() -> Facts {
    Facts {
        kiosk_id: KioskId::parse("riga-1").expect("id"),
        now: at("2026-12-02T10:00:00Z"),
        today: "2026-12-02".parse().expect("date"),
        country: "LV".into(),
        started_at: at("2026-12-02T08:00:00Z"),
        starts: 7,
        free_disk_bytes: Some(1 << 30),
    }
}

#[test]
fn the_record_carries_the_store_problems_and_blurred_counts() {
    let release = compass_update::Release {
        version: 4,
        published_at: Some(at("2026-11-30T12:00:00Z")),
        expires: at("2027-01-30T12:00:00Z"),
        source: "/media/stick/safety-compass".into(),
        fetched_at: at("2026-12-01T09:00:00Z"),
        files: BTreeMap::new(),
    };
    let status = compass_update::Status {
        current: Some(release.clone()),
        pending: Some(compass_update::Release {
            version: 5,
            ..release
        }),
        ..compass_update::Status::default()
    };
    let problem = Problem {
        at: at("2026-12-02T09:00:00Z"),
        code: "update.expired".into(),
        detail: "metadata expired".into(),
    };
    let day = |text: &str| Day::parse(text).expect(text);
    let rows = [
        (day("2026-12-01"), "reset".to_owned(), 3),
        (day("2026-12-01"), "quick-exit".to_owned(), 5),
        (day("2026-12-02"), "screen.home".to_owned(), 12),
        (day("2026-12-02"), "never".to_owned(), 0),
    ];
    let record = assemble(&facts(), Some(&status), vec![problem.clone()], Some(&rows));
    assert_eq!(
        record.content,
        Some(ContentState {
            version: 4,
            published_at: Some(at("2026-11-30T12:00:00Z")),
            fetched_at: at("2026-12-01T09:00:00Z"),
            expires: at("2027-01-30T12:00:00Z"),
        })
    );
    assert_eq!(record.pending_version, Some(5));
    assert_eq!(record.problems, [problem]);
    assert_eq!((record.starts, record.free_disk_bytes), (7, Some(1 << 30)));
    assert_eq!(record.app_version, env!("CARGO_PKG_VERSION"));
    let date = |text: &str| text.parse::<jiff::civil::Date>().expect(text);
    assert_eq!(
        record.counters,
        Some(BTreeMap::from([
            (
                date("2026-12-01"),
                BTreeMap::from([
                    ("reset".to_owned(), Count::Few),
                    ("quick-exit".to_owned(), Count::Exact(5)),
                ])
            ),
            // 2026-12-02 is today: not reported until it is over.
        ]))
    );
    let json = String::from_utf8(record.to_json()).expect("utf-8");
    assert!(json.contains(r#""reset": "<5""#), "{json}");
    assert_eq!(StatusRecord::from_json(json.as_bytes()), Ok(record));

    // Counters off: no counters at all (not an empty map); no store: no content.
    let bare = assemble(&facts(), None, vec![], None);
    assert_eq!(
        (bare.counters, bare.content, bare.last_check),
        (None, None, None)
    );
}

#[test]
fn the_kiosk_id_defaults_to_the_host_name_else_the_machine_id() {
    let machine = Some("0123456789ABCDEF0123456789abcdef\n");
    for (hostname, machine_id, expect) in [
        (Some("riga-1\n"), machine, "riga-1"),
        (Some("bad host name"), machine, "kiosk-0123456789ab"),
        (Some(""), machine, "kiosk-0123456789ab"),
        (None, machine, "kiosk-0123456789ab"),
        (None, Some("not-hex-at-all!!"), "kiosk-unknown"),
        (None, Some("abc"), "kiosk-unknown"),
        (None, None, "kiosk-unknown"),
    ] {
        assert_eq!(
            default_kiosk_id(hostname, machine_id).as_str(),
            expect,
            "{hostname:?} {machine_id:?}"
        );
    }
}

#[cfg(target_os = "linux")] // free disk is read with statvfs
#[test]
fn problems_are_kept_newest_last_up_to_the_limit_and_the_record_is_written_to_the_data_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (fleet, _state) = fleet(dir.path(), false);
    for n in 0..MAX_PROBLEMS + 3 {
        fleet.problem("update.unreachable", format!("try {n}"));
    }
    let problems = fleet.problems();
    assert_eq!(problems.len(), MAX_PROBLEMS);
    assert_eq!(problems[0].detail, "try 3");
    let record = fleet.record(None);
    fleet.write(&record);
    let written = std::fs::read(dir.path().join("status.json")).expect("status.json");
    let read = StatusRecord::from_json(&written).expect("a record");
    assert_eq!(read, record);
    assert_eq!(read.starts, 1);
    assert!(read.free_disk_bytes.is_some_and(|free| free > 0));
}

/// A tmpfs of 64 KiB holding an update stick's repository folder, unmounted on drop. Mounting
/// needs root, as CI runs.
struct Stick(PathBuf);

impl Stick {
    fn mount(at: &Path) -> Stick {
        std::fs::create_dir_all(at).expect("mount point");
        mount(&["-t", "tmpfs", "-o", "size=64k", "tmpfs"], at);
        let stick = Stick(at.to_owned());
        let metadata = stick.repository().join("metadata");
        std::fs::create_dir_all(&metadata).expect("metadata");
        std::fs::write(metadata.join("timestamp.json"), "{}").expect("timestamp");
        stick
    }

    fn repository(&self) -> PathBuf {
        self.0.join(compass_update::usb::STICK_FOLDER)
    }

    fn fill(&self) {
        let mut n = 0;
        while std::fs::write(self.0.join(format!("filler{n}")), vec![7u8; 8192]).is_ok() {
            n += 1;
        }
    }

    fn read_only(&self) {
        mount(&["-o", "remount,ro"], &self.0);
    }

    fn files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in std::fs::read_dir(dir).expect("list").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, into);
                } else {
                    into.insert(path.clone(), std::fs::read(&path).expect("read"));
                }
            }
        }
        let mut files = BTreeMap::new();
        walk(&self.0, &mut files);
        files
    }
}

fn mount(args: &[&str], at: &Path) {
    let status = std::process::Command::new("mount")
        .args(args)
        .arg(at)
        .status()
        .expect("run mount");
    assert!(
        status.success(),
        "mount {args:?} {} needs root (CI runs as root)",
        at.display()
    );
}

impl Drop for Stick {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(target_os = "linux")] // it mounts tmpfs sticks
#[test]
fn the_record_goes_onto_an_update_stick_and_a_full_or_read_only_stick_is_a_problem() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let (fleet, _state) = fleet(&data, false);
    let record = fleet.record(None);
    fleet.write(&record);

    let good = Stick::mount(&dir.path().join("good"));
    assert!(fleet.write_to_stick(&record, &good.repository()));
    let written = good.repository().join("status/riga-1.json");
    assert_eq!(StatusRecord::read(&written), Ok(record.clone()));
    assert!(fleet.problems().is_empty());

    let full = Stick::mount(&dir.path().join("full"));
    full.fill();
    let full_before = full.files();
    assert!(!fleet.write_to_stick(&record, &full.repository()));
    let mut full_after = full.files();
    full_after.retain(|path, _| !path.starts_with(full.repository().join("status")));
    assert_eq!(
        full_after, full_before,
        "a full stick lost or gained a file"
    );

    let read_only = Stick::mount(&dir.path().join("read-only"));
    read_only.read_only();
    let read_only_before = read_only.files();
    assert!(!fleet.write_to_stick(&record, &read_only.repository()));
    assert_eq!(read_only.files(), read_only_before);

    let problems = fleet.problems();
    let codes: Vec<_> = problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, [STICK_UNWRITABLE, STICK_UNWRITABLE], "{problems:?}");
    assert!(
        problems[0].detail.contains("full"),
        "{}",
        problems[0].detail
    );
    assert!(
        problems[1].detail.contains("read-only"),
        "{}",
        problems[1].detail
    );
    // The data folder's record is still there, unchanged.
    let kept = std::fs::read(data.join("status.json")).expect("status.json");
    assert_eq!(StatusRecord::from_json(&kept), Ok(record));
}

#[tokio::test]
async fn an_unreachable_status_url_ends_in_a_problem_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (fleet, _state) = fleet(dir.path(), false);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let upload = compass_update::status::Upload {
        tries: 2,
        schedule: compass_update::Schedule {
            first_backoff: std::time::Duration::from_millis(1),
            max_backoff: std::time::Duration::from_millis(1),
            ..compass_update::Schedule::default()
        },
        deadline: std::time::Duration::from_secs(20),
        ca_file: None,
    };
    let record = fleet.record(None);
    let url = format!("http://127.0.0.1:{port}/fleet/");
    assert!(!super::send(&fleet, &record, &url, &upload).await);
    let problems = fleet.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, super::UPLOAD_FAILED);
    assert!(
        problems[0].detail.contains("riga-1.json"),
        "{}",
        problems[0].detail
    );
}

fn settings(file: &str) -> anyhow::Result<crate::config::Settings> {
    use clap::Parser as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kiosk.toml");
    std::fs::write(&path, file).expect("kiosk.toml");
    let cli = crate::config::Cli::try_parse_from(["safety-compass"]).expect("command line");
    crate::config::Settings::load(&cli, &path)
}

#[test]
fn fleet_settings_are_read_and_checked_at_load() {
    let defaults = settings("").expect("defaults");
    assert!(!defaults.counters, "counters are off unless turned on");
    assert_eq!((defaults.kiosk_id, defaults.status_url), (None, None));
    let set = settings(
        "kiosk_id = \"riga-1\"\ncounters = true\nstatus_url = \"https://status.example.org/fleet\"\n",
    )
    .expect("settings");
    assert!(set.counters);
    assert_eq!(
        set.kiosk_id.map(|id| id.to_string()).as_deref(),
        Some("riga-1")
    );
    assert_eq!(
        set.status_url.as_deref(),
        Some("https://status.example.org/fleet/")
    );
    let local = settings("status_url = \"http://127.0.0.1:8080/\"\n").expect("loopback");
    assert_eq!(local.status_url.as_deref(), Some("http://127.0.0.1:8080/"));
    for (file, needle) in [
        ("status_url = \"http://status.example.org/\"", "plain http"),
        ("status_url = \"/srv/status\"", "https://"),
        ("status_url = \"ftp://example.org/\"", "status_url"),
        ("kiosk_id = \"../etc\"", "kiosk_id"),
        ("kiosk_id = \"\"", "kiosk_id"),
        ("counters = \"yes\"", "not a valid kiosk.toml"),
    ] {
        let error = settings(file).expect_err(file);
        let text = format!("{error:#}");
        assert!(text.contains(needle), "{file}: {text}");
    }
}
