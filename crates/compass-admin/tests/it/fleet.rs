//! `compass-admin fleet report` end to end, on a generated folder of 30 status files as an admin would
//! copy them from two update sticks: one kiosk failing, one stale, one hostile, one with its clock
//! ahead, an older duplicate, and a truncated file, a symbolic link, a FIFO and a huge file.
//!
//! To get the folder for a note: `FLEET_SAMPLE_DIR=/tmp/fleet-sample cargo test -p compass-admin
//! --test it fleet_report_` writes it there too (the folder must be new or empty).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use compass_update::Check;
use compass_update::status::{ContentState, Count, FORMAT, KioskId, Problem, StatusRecord};
use jiff::{SignedDuration, Timestamp};

use crate::{admin, s, text};

const STICK_A: &str = "stick-a/safety-compass/status";
const STICK_B: &str = "stick-b/safety-compass/status";

/// `now` moved by `minutes` (negative: earlier).
fn at(now: Timestamp, minutes: i64) -> Timestamp {
    now.checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

const HOUR: i64 = 60;
const DAY: i64 = 24 * HOUR;

/// A healthy kiosk's record as of `now`; `n` varies its numbers.
fn healthy(id: &str, now: Timestamp, n: u64) -> StatusRecord {
    let minutes = i64::try_from(n).expect("small");
    let day = |days_ago: i64| {
        jiff::tz::TimeZone::UTC
            .to_datetime(at(now, -days_ago * DAY))
            .date()
    };
    let mut today = BTreeMap::from([
        ("reset".to_owned(), Count::Exact(10 + n)),
        ("screen.home".to_owned(), Count::Exact(20 + n)),
    ]);
    if n % 2 == 1 {
        today.insert("quick-exit".to_owned(), Count::Few);
    }
    let yesterday = BTreeMap::from([
        ("reset".to_owned(), Count::Exact(5)),
        ("search.zero-hits".to_owned(), Count::Exact(5 + n)),
    ]);
    StatusRecord {
        format: FORMAT,
        kiosk_id: KioskId::parse(id).expect("kiosk id"),
        written_at: at(now, -7 * minutes),
        app_version: "0.1.0".into(),
        country: Some("LV".into()),
        content: Some(ContentState {
            version: 12,
            published_at: Some(at(now, -3 * DAY)),
            fetched_at: at(now, -2 * DAY),
            expires: at(now, 20 * DAY),
        }),
        pending_version: None,
        last_check: Some(Check {
            at: at(now, -HOUR),
            source: "usb".into(),
            code: "update.current".into(),
            detail: "version 12 is current".into(),
        }),
        problems: vec![],
        started_at: at(now, -5 * DAY),
        starts: n,
        free_disk_bytes: Some(n << 30),
        counters: Some(BTreeMap::from([(day(1), yesterday), (day(0), today)])),
    }
}

fn write(dir: &Path, folder: &str, record: &StatusRecord) {
    record.write_into(&dir.join(folder)).expect("write record");
}

/// Writes the sample fleet into `dir`: 30 entries, 25 kiosks, 4 bad files.
pub fn write_sample(dir: &Path, now: Timestamp) {
    for n in 1..=21 {
        let folder = if n <= 11 { STICK_A } else { STICK_B };
        write(dir, folder, &healthy(&format!("kiosk-{n:02}"), now, n));
    }
    let mut older = healthy("kiosk-04", now, 4);
    older.written_at = at(now, -5 * DAY);
    older.starts = 2;
    write(dir, STICK_B, &older);

    let mut failing = healthy("riga-09", now, 9);
    failing.last_check = Some(Check {
        at: at(now, -2 * HOUR),
        source: "https://updates.example.org/compass".into(),
        code: "update.expired".into(),
        detail: "the timestamp metadata expired; run compass-admin repo refresh-timestamp".into(),
    });
    failing.problems = vec![Problem {
        at: at(now, -2 * HOUR),
        code: "update.expired".into(),
        detail: "timestamp.json expired".into(),
    }];
    write(dir, STICK_A, &failing);

    let mut stale = healthy("valmiera-02", now, 2);
    stale.written_at = at(now, -20 * DAY);
    stale.started_at = at(now, -30 * DAY);
    if let Some(check) = &mut stale.last_check {
        check.at = at(now, -20 * DAY - HOUR);
    }
    if let Some(content) = &mut stale.content {
        content.published_at = Some(at(now, -25 * DAY));
        content.fetched_at = at(now, -21 * DAY);
    }
    write(dir, STICK_B, &stale);

    let mut hostile = healthy("daugavpils-01", now, 3);
    hostile.app_version = "0.1.0\u{1b}[2J\u{1b}[31m".into();
    if let Some(check) = &mut hostile.last_check {
        check.detail = "\"><img src=x onerror=alert(1)>".into();
    }
    hostile.problems = vec![Problem {
        at: at(now, -3 * DAY),
        code: "status.stick-unwritable\u{1b}]0;owned\u{7}".into(),
        detail: "<script>alert(1)</script>\r\n\u{1b}[1A\u{1b}[2Kall good\u{202e}".into(),
    }];
    if let Some(counters) = &mut hostile.counters {
        for day in counters.values_mut() {
            day.insert("<script>x</script>".into(), Count::Few);
        }
    }
    write(dir, STICK_A, &hostile);

    let mut ahead = healthy("liepaja-05", now, 5);
    ahead.written_at = at(now, 3 * DAY + HOUR);
    if let Some(content) = &mut ahead.content {
        content.fetched_at = at(now, 3 * DAY);
    }
    write(dir, STICK_B, &ahead);

    let a = dir.join(STICK_A);
    let whole = healthy("kiosk-30", now, 30).to_json();
    std::fs::write(a.join("kiosk-30.json"), &whole[..whole.len() / 2]).expect("truncated");
    std::os::unix::fs::symlink("kiosk-01.json", a.join("link.json")).expect("symlink");
    let fifo = a.join("kiosk-31.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success(), "mkfifo {}", fifo.display());
    let mut huge = healthy("kiosk-32", now, 32);
    huge.problems = vec![Problem {
        at: now,
        code: "x".into(),
        detail: "x".repeat(300 * 1024),
    }];
    std::fs::write(dir.join(STICK_B).join("kiosk-32.json"), huge.to_json()).expect("huge");
}

/// Every entry under `dir`: path, kind, size and modification time, links not followed.
fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("list") {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                folders.push(path.clone());
            }
            let mtime = meta.modified().expect("mtime");
            out.push((
                path,
                format!("{:?} {} {mtime:?}", meta.file_type(), meta.len()),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn fleet_report_on_thirty_files_lists_failing_and_stale_first_and_every_bad_file() {
    let now = Timestamp::now();
    let fleet = tempfile::tempdir().expect("temp dir");
    write_sample(fleet.path(), now);
    if let Some(sample) = std::env::var_os("FLEET_SAMPLE_DIR") {
        let sample = Path::new(&sample);
        std::fs::create_dir_all(sample).expect("FLEET_SAMPLE_DIR");
        let empty = std::fs::read_dir(sample).expect("list").next().is_none();
        assert!(empty, "FLEET_SAMPLE_DIR {} is not empty", sample.display());
        write_sample(sample, now);
    }
    let before = snapshot(fleet.path());
    let entries = before
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "json"));
    assert_eq!(entries.count(), 30);

    let out_dir = tempfile::tempdir().expect("temp dir");
    let html = out_dir.path().join("fleet.html");
    let out = admin(&["fleet", "report", s(fleet.path()), "--html", s(&html)]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));

    let lines: Vec<&str> = stdout.lines().collect();
    let row = |i: usize| lines[i].split_whitespace().take(2).collect::<Vec<_>>();
    assert!(
        lines[0].starts_with("KIOSK          STATE    CONTENT  CONTENT AGE"),
        "{stdout}"
    );
    assert_eq!(row(1), ["riga-09", "failing"], "{stdout}");
    assert_eq!(row(2), ["valmiera-02", "stale"], "{stdout}");
    assert_eq!(row(3), ["daugavpils-01", "ok"], "{stdout}");
    assert_eq!(row(4), ["kiosk-01", "ok"], "{stdout}");
    assert!(lines[1].contains("update.expired"), "{}", lines[1]);
    assert!(
        lines[1].ends_with("last check update.expired; problem update.expired in the last day")
    );
    assert!(lines[2].ends_with("record 20 days old; content published 25 days ago"));
    assert_eq!(lines[26], "", "25 kiosks, then a blank line:\n{stdout}");
    assert_eq!(
        lines[27],
        "25 kiosks: 1 failing, 1 stale, 23 ok (stale after 14 days)"
    );
    let liepaja = lines
        .iter()
        .find(|l| l.starts_with("liepaja-05"))
        .expect("row");
    assert!(
        liepaja.contains(" ok ") && liepaja.contains("clock ahead +3d"),
        "{liepaja}"
    );

    // Nothing from a file reaches the terminal as a control character; it is shown escaped.
    assert!(
        !stdout.chars().any(|c| c.is_control() && c != '\n'),
        "{stdout:?}"
    );
    assert!(!stdout.contains('\u{202e}'));
    assert!(
        lines[3].contains("0.1.0\\u{1b}[2J\\u{1b}[31m"),
        "{}",
        lines[3]
    );

    let after_table = &lines[27..];
    let has = |needle: &str| after_table.iter().any(|l| l.contains(needle));
    assert!(
        has("  riga-09 (failing): last check update.expired"),
        "{stdout}"
    );
    assert!(
        has("  kiosk-04: 1 older copy ignored: stick-b/safety-compass/status/kiosk-04.json"),
        "{stdout}"
    );
    // 21 healthy kiosks' resets (10+n today, 5 yesterday) and the others'.
    let resets: u64 = (1..=21).map(|n| 15 + n).sum::<u64>() + 15 + 9 + 15 + 2 + 15 + 3 + 15 + 5;
    assert!(has("  reset ") && has(&format!(" {resets} ")), "{stdout}");
    assert!(
        after_table
            .iter()
            .any(|l| l.starts_with("  quick-exit") && l.contains('–')),
        "{stdout}"
    );
    assert!(has("  <script>x</script>"), "{stdout}");
    let bad: Vec<&str> = after_table
        .iter()
        .skip_while(|l| !l.starts_with("files not read"))
        .copied()
        .collect();
    assert_eq!(bad.len(), 5, "{stdout}");
    assert_eq!(bad[0], "files not read (4):");
    assert!(
        bad[1].starts_with(
            "  stick-a/safety-compass/status/kiosk-30.json: not a status record: EOF while parsing"
        ),
        "{}",
        bad[1]
    );
    assert_eq!(
        bad[2..],
        [
            "  stick-a/safety-compass/status/kiosk-31.json: a FIFO, not read (only regular files are)",
            "  stick-a/safety-compass/status/link.json: a symbolic link, not read (only regular files are)",
            "  stick-b/safety-compass/status/kiosk-32.json: larger than 262144 bytes",
        ]
    );

    let page = std::fs::read_to_string(&html).expect("the page");
    assert!(page.contains("<meta http-equiv=\"Content-Security-Policy\""));
    assert_eq!(page.matches("<script").count(), 1);
    assert!(!page.contains("<img"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("<tr class=\"failing\"><td>riga-09</td>"));
    let names: Vec<_> = std::fs::read_dir(out_dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["fleet.html"], "no temporary file is left");

    let out = admin(&["fleet", "report", s(fleet.path()), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(
        json["summary"],
        serde_json::json!({"kiosks": 25, "failing": 1, "stale": 1, "ok": 23})
    );
    assert_eq!(json["kiosks"][0]["kiosk_id"], "riga-09");
    assert_eq!(json["kiosks"][0]["state"], "failing");
    assert_eq!(json["kiosks"][1]["state"], "stale");
    assert_eq!(json["bad_files"].as_array().map(Vec::len), Some(4));
    let counter = |name: &str| {
        json["counters"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["name"] == name))
            .cloned()
            .expect("counter")
    };
    assert_eq!(counter("reset")["min"], resets);
    assert_eq!(counter("reset")["max"], resets);
    let quick = counter("quick-exit");
    assert_eq!(
        (quick["min"].as_u64(), quick["max"].as_u64()),
        (Some(14), Some(56))
    );

    // A longer --stale-after makes the stale kiosk ok.
    let out = admin(&["fleet", "report", s(fleet.path()), "--stale-after", "30"]);
    assert!(
        text(&out.stdout).contains("25 kiosks: 1 failing, 0 stale, 24 ok (stale after 30 days)")
    );

    assert_eq!(
        snapshot(fleet.path()),
        before,
        "the input folder is never changed"
    );
}

#[test]
fn fleet_report_without_records_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = admin(&["fleet", "report", s(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("error: no status records in"),
        "{}",
        text(&out.stderr)
    );

    std::fs::write(
        dir.path().join("riga-1.json"),
        "{\"format\": 1, \"kiosk_id\": \"riga",
    )
    .expect("write");
    std::fs::write(dir.path().join("notes.txt"), "not a record").expect("write");
    let out = admin(&["fleet", "report", s(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("riga-1.json: not a status record: EOF"),
        "{stderr}"
    );
    assert!(!stderr.contains("notes.txt"), "{stderr}");
    assert!(stderr.contains("(files not read: 1)"), "{stderr}");

    let out = admin(&["fleet", "report", s(&dir.path().join("missing"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("error: reading"),
        "{}",
        text(&out.stderr)
    );

    let out = admin(&["fleet", "report", s(dir.path()), "--stale-after", "0"]);
    assert_eq!(out.status.code(), Some(2));
}
