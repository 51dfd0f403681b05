use std::collections::BTreeMap;

use compass_update::Check;
use compass_update::status::{ContentState, Count, FORMAT, KioskId, Problem};

use super::*;

/// The admin's clock in every case.
fn now() -> Timestamp {
    "2026-12-02T12:00:00Z".parse().expect("timestamp")
}

/// `now` minus `hours`.
fn ago(hours: i64) -> Timestamp {
    now()
        .checked_sub(SignedDuration::from_hours(hours))
        .expect("in range")
}

/// A healthy kiosk's record, written an hour ago, content published two days ago.
fn record(id: &str) -> StatusRecord {
    StatusRecord {
        format: FORMAT,
        kiosk_id: KioskId::parse(id).expect("kiosk id"),
        written_at: ago(1),
        app_version: "0.1.0".into(),
        country: Some("LV".into()),
        content: Some(ContentState {
            version: 7,
            published_at: Some(ago(48)),
            fetched_at: ago(40),
            expires: ago(-24 * 30),
        }),
        pending_version: None,
        last_check: Some(check("update.current", ago(2), "nothing new")),
        problems: vec![],
        started_at: ago(100),
        starts: 3,
        free_disk_bytes: Some(5 << 30),
        counters: None,
    }
}

fn check(code: &str, at: Timestamp, detail: &str) -> Check {
    Check {
        at,
        source: "usb".into(),
        code: code.into(),
        detail: detail.into(),
    }
}

fn problem(code: &str, at: Timestamp, detail: &str) -> Problem {
    Problem {
        at,
        code: code.into(),
        detail: detail.into(),
    }
}

const FORTNIGHT: SignedDuration = SignedDuration::from_hours(14 * 24);

/// Classifies `record` changed by `change` as of [`now`], stale after 14 days, and compares the state
/// and the reasons (each expected text must be in one reason, and there are as many reasons).
fn check_state(change: impl FnOnce(&mut StatusRecord), state: State, reasons: &[&str]) {
    let mut r = record("riga-1");
    change(&mut r);
    let verdict = classify(&r, now(), FORTNIGHT);
    assert_eq!(verdict.state, state, "{verdict:?}");
    assert_eq!(verdict.reasons.len(), reasons.len(), "{verdict:?}");
    for (reason, expected) in verdict.reasons.iter().zip(reasons) {
        assert!(reason.contains(expected), "{reason:?} lacks {expected:?}");
    }
}

#[test]
fn classification_failing_stale_ok() {
    check_state(|_| {}, State::Ok, &[]);
    check_state(|r| r.last_check = None, State::Ok, &[]);
    check_state(
        |r| r.last_check = Some(check("update.staged", ago(2), "")),
        State::Ok,
        &[],
    );
    check_state(
        |r| r.last_check = Some(check("update.expired", ago(2), "")),
        State::Failing,
        &["last check update.expired"],
    );
    // A problem in the day before the record was written fails the kiosk; an older one does not.
    check_state(
        |r| r.problems = vec![problem("status.stick-unwritable", ago(20), "")],
        State::Failing,
        &["problem status.stick-unwritable in the last day"],
    );
    check_state(
        |r| r.problems = vec![problem("status.stick-unwritable", ago(26), "")],
        State::Ok,
        &[],
    );
    check_state(
        |r| {
            r.problems = vec![
                problem("status.stick-unwritable", ago(5), ""),
                problem("update.network", ago(3), ""),
            ]
        },
        State::Failing,
        &["2 problems in the last day, newest update.network"],
    );
    check_state(
        |r| r.content = None,
        State::Failing,
        &["no content on screen"],
    );

    // Stale: the record, the content (published, else fetched), the metadata's expiry.
    check_state(
        |r| r.written_at = ago(15 * 24),
        State::Stale,
        &["record 15 days old"],
    );
    check_state(|r| r.written_at = ago(14 * 24), State::Ok, &[]);
    let content = |r: &mut StatusRecord| r.content.as_mut().expect("content").clone();
    check_state(
        |r| {
            let mut c = content(r);
            c.published_at = Some(ago(20 * 24));
            r.content = Some(c);
        },
        State::Stale,
        &["content published 20 days ago"],
    );
    check_state(
        |r| {
            let mut c = content(r);
            c.published_at = None;
            c.fetched_at = ago(16 * 24);
            r.content = Some(c);
        },
        State::Stale,
        &["content fetched 16 days ago"],
    );
    check_state(
        |r| {
            let mut c = content(r);
            c.expires = ago(1);
            r.content = Some(c);
        },
        State::Stale,
        &["content metadata expired 2026-12-02T11:00:00Z"],
    );
    // Failing wins over stale, and both reasons are given.
    check_state(
        |r| {
            r.written_at = ago(30 * 24);
            r.last_check = Some(check("update.signature_invalid", ago(30 * 24), ""));
        },
        State::Failing,
        &["last check update.signature_invalid", "record 30 days"],
    );
}

#[test]
fn a_clock_ahead_is_flagged_and_not_trusted_for_staleness() {
    let mut r = record("riga-1");
    r.written_at = ago(-3 * 24);
    r.content = Some(ContentState {
        version: 7,
        published_at: None,
        fetched_at: ago(-3 * 24),
        expires: ago(-30 * 24),
    });
    let verdict = classify(&r, now(), FORTNIGHT);
    assert!(verdict.clock_ahead);
    assert_eq!(verdict.state, State::Ok);

    // Ten minutes is clock skew, not a clock ahead.
    r.written_at = now()
        .checked_add(SignedDuration::from_mins(9))
        .expect("in range");
    assert!(!classify(&r, now(), FORTNIGHT).clock_ahead);

    // The publisher's time and the signed expiry still count.
    r.written_at = ago(-3 * 24);
    r.content = Some(ContentState {
        version: 7,
        published_at: Some(ago(20 * 24)),
        fetched_at: ago(-3 * 24),
        expires: ago(2),
    });
    let verdict = classify(&r, now(), FORTNIGHT);
    assert!(verdict.clock_ahead);
    assert_eq!(verdict.state, State::Stale);
    assert_eq!(verdict.reasons.len(), 2, "{verdict:?}");
}

fn found(records: Vec<(&str, StatusRecord)>) -> Found {
    Found {
        records: records
            .into_iter()
            .map(|(path, r)| (Path::new("/fleet").join(path), r))
            .collect(),
        bad: vec![],
    }
}

fn ids(report: &Report) -> Vec<(&str, State)> {
    report
        .kiosks
        .iter()
        .map(|k| (k.kiosk_id.as_str(), k.state))
        .collect()
}

#[test]
fn failing_first_then_stale_then_ok_each_by_id() {
    let failing = |id: &str| {
        let mut r = record(id);
        r.last_check = Some(check("update.expired", ago(1), ""));
        r
    };
    let stale = |id: &str| {
        let mut r = record(id);
        r.written_at = ago(20 * 24);
        r
    };
    let records = vec![
        ("a/ok-b.json", record("ok-b")),
        ("a/stale-b.json", stale("stale-b")),
        ("b/failing-b.json", failing("failing-b")),
        ("b/ok-a.json", record("ok-a")),
        ("stale-a.json", stale("stale-a")),
        ("failing-a.json", failing("failing-a")),
    ];
    let report = Report::new(Path::new("/fleet"), found(records), now(), 14);
    assert_eq!(
        ids(&report),
        [
            ("failing-a", State::Failing),
            ("failing-b", State::Failing),
            ("stale-a", State::Stale),
            ("stale-b", State::Stale),
            ("ok-a", State::Ok),
            ("ok-b", State::Ok),
        ]
    );
    assert_eq!(report.kiosks[1].path, "b/failing-b.json", "relative to DIR");
    assert_eq!(
        report.summary,
        Summary {
            kiosks: 6,
            failing: 2,
            stale: 2,
            ok: 2
        }
    );
}

#[test]
fn duplicates_keep_the_newest_trusted_record() {
    let written = |hours: i64| {
        let mut r = record("riga-1");
        r.written_at = ago(hours);
        r.starts = u64::try_from(100 + hours).unwrap_or(0);
        r
    };
    let records = vec![
        ("stick-a/riga-1.json", written(30)),
        ("stick-b/riga-1.json", written(2)),
        ("stick-c/riga-1.json", written(-72)),
        ("stick-d/riga-1.json", written(10)),
    ];
    let report = Report::new(Path::new("/fleet"), found(records), now(), 14);
    assert_eq!(report.kiosks.len(), 1);
    let kiosk = &report.kiosks[0];
    assert_eq!(kiosk.path, "stick-b/riga-1.json");
    assert!(!kiosk.clock_ahead);
    assert_eq!(
        kiosk.ignored_copies,
        [
            "stick-d/riga-1.json",
            "stick-a/riga-1.json",
            "stick-c/riga-1.json"
        ]
    );
    let table = render_table(&report);
    assert!(
        table.contains("riga-1: 3 older copies ignored: stick-d/riga-1.json"),
        "{table}"
    );

    // Only future copies: the newest is shown, flagged.
    let records = vec![
        ("a/riga-1.json", written(-72)),
        ("b/riga-1.json", written(-24)),
    ];
    let report = Report::new(Path::new("/fleet"), found(records), now(), 14);
    assert_eq!(report.kiosks[0].path, "a/riga-1.json");
    assert!(report.kiosks[0].clock_ahead);
    assert!(render_table(&report).contains("clock ahead +3d"));
}

fn counted(id: &str, days: &[(&str, &[(&str, Count)])]) -> StatusRecord {
    let mut r = record(id);
    r.counters = Some(
        days.iter()
            .map(|(day, counts)| {
                let counts = counts
                    .iter()
                    .map(|(name, count)| ((*name).to_owned(), *count))
                    .collect();
                (day.parse().expect("date"), counts)
            })
            .collect::<BTreeMap<_, _>>(),
    );
    r
}

#[test]
fn counters_sum_exactly_or_as_a_range() {
    let records = [
        counted(
            "a",
            &[
                (
                    "2026-12-01",
                    &[("reset", Count::Exact(12)), ("quick-exit", Count::Few)],
                ),
                (
                    "2026-12-02",
                    &[("reset", Count::Exact(5)), ("quick-exit", Count::Few)],
                ),
            ],
        ),
        counted(
            "b",
            &[(
                "2026-12-01",
                &[("reset", Count::Exact(7)), ("quick-exit", Count::Exact(9))],
            )],
        ),
        record("c"),
        counted("d", &[("2026-12-01", &[("big", Count::Exact(u64::MAX))])]),
        counted("e", &[("2026-12-01", &[("big", Count::Exact(6))])]),
    ];
    let totals = counter_totals(records.iter());
    let shown: Vec<(&str, String, usize)> = totals
        .iter()
        .map(|t| (t.name.as_str(), t.total(), t.kiosks))
        .collect();
    assert_eq!(
        shown,
        [
            ("big", u64::MAX.to_string(), 2),
            ("quick-exit", "11–17".to_owned(), 2),
            ("reset", "24".to_owned(), 2),
        ]
    );
    assert_eq!((totals[1].min, totals[1].max), (11, 17));
    assert!(counter_totals(std::iter::empty()).is_empty());
}

/// A report of three kiosks, one of them with hostile strings in every free-text field, and two bad
/// files.
fn hostile_report() -> Report {
    let mut hostile = record("hostile");
    hostile.app_version = "0.1.0\u{1b}[2J\u{1b}[31m".into();
    hostile.last_check = Some(check(
        "update.current",
        ago(1),
        "\"><img src=x onerror=alert(1)>",
    ));
    hostile.problems = vec![problem(
        "usb.\u{1b}]0;pwned\u{7}",
        ago(24 * 5),
        "<script>alert('x')</script>\nline two\u{202e}",
    )];
    hostile.counters = Some(BTreeMap::from([(
        "2026-12-01".parse().expect("date"),
        BTreeMap::from([("<b>bold</b>\u{1b}[1m".to_owned(), Count::Few)]),
    )]));
    let mut failing = record("failing");
    failing.last_check = Some(check("update.expired", ago(3), "</td><script>x</script>"));
    let mut found = found(vec![
        ("hostile.json", hostile),
        ("failing.json", failing),
        ("ok.json", record("ok")),
    ]);
    found.bad = vec![
        (
            PathBuf::from("/fleet/x\u{1b}[31m.json"),
            "not a status record: <script>".into(),
        ),
        (
            PathBuf::from("/fleet/link.json"),
            "a symbolic link, not read".into(),
        ),
    ];
    Report::new(Path::new("/fleet"), found, now(), 14)
}

#[test]
fn terminal_text_from_files_cannot_escape() {
    assert_eq!(
        clean("a\u{1b}[31mb\nc\r\u{9b}d\u{202e}e\u{7f}"),
        "a\\u{1b}[31mb\\u{a}c\\u{d}\\u{9b}d\\u{202e}e\\u{7f}"
    );
    assert_eq!(clean("Rīga — ok"), "Rīga — ok");
    let table = render_table(&hostile_report());
    assert!(
        !table.chars().any(|c| c.is_control() && c != '\n'),
        "{table}"
    );
    assert!(!table.contains('\u{202e}'));
    assert!(table.contains("0.1.0\\u{1b}[2J\\u{1b}[31m"), "{table}");
    assert!(
        table.contains("x\\u{1b}[31m.json: not a status record"),
        "{table}"
    );
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("KIOSK    STATE    CONTENT"), "{table}");
    assert!(lines[1].starts_with("failing  failing  7"), "{table}");
    assert!(lines[2].starts_with("hostile  ok"), "{table}");
    assert!(lines[3].starts_with("ok       ok"), "{table}");
}

#[test]
fn html_escapes_every_string_and_allows_only_its_own_script() {
    let page = render_html(&hostile_report());
    // One script, ours; nothing a file holds becomes markup.
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("<b>"), "{page}");
    assert!(!page.contains("</td><script>"));
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\\u{a}line two\\u{202e}")
    );
    assert!(
        page.contains("title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""),
        "{page}"
    );
    assert!(page.contains("&lt;b&gt;bold&lt;/b&gt;\\u{1b}[1m"));
    assert!(!page.contains('\u{1b}'));

    // The CSP comes before any script and allows exactly the script in the page, by hash.
    let csp = content_security_policy();
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">");
    let at = page.find(&meta).expect("CSP meta");
    let script_at = page.find("<script>").expect("script");
    assert!(at < script_at && at < page.find("<style>").expect("style"));
    let script = &page[script_at + "<script>".len()..page.find("</script>").expect("end")];
    let hash = base64(&Sha256::digest(script.as_bytes()));
    assert!(
        csp.contains(&format!("script-src 'sha256-{hash}';")),
        "{csp}"
    );
    assert!(csp.starts_with("default-src 'none';"));
    assert!(csp.contains("style-src 'unsafe-inline'"));
    assert!(!csp.contains("unsafe-eval") && !csp.contains("script-src 'unsafe-inline'"));
    // Self-contained: nothing loaded from elsewhere.
    for outside in [" src=\"", " href=\"", "http:", "https:", "url(", "@import"] {
        assert!(!page.contains(outside), "{outside} in the page");
    }

    // Failing first, marked; the table sorts.
    let body = &page[page.find("<tbody>").expect("rows")..];
    assert!(
        body.starts_with("<tbody>\n<tr class=\"failing\"><td>failing</td>"),
        "{body}"
    );
    assert!(page.contains("<table class=\"sortable\" id=\"kiosks\">"));
    assert!(page.contains("tr.failing {"));
}

#[test]
fn the_csp_hash_is_standard_base64_of_sha256() {
    // The SHA-256 of "abc", as a CSP hash source would carry it.
    assert_eq!(
        base64(&Sha256::digest(b"abc")),
        "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
    );
}

#[test]
fn json_has_stable_field_names() {
    let report = hostile_report();
    let value = serde_json::to_value(&report).expect("json");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(
        keys(&value),
        [
            "bad_files",
            "counters",
            "dir",
            "generated_at",
            "kiosks",
            "stale_after_days",
            "summary"
        ]
    );
    assert_eq!(
        keys(&value["kiosks"][0]),
        [
            "clock_ahead",
            "ignored_copies",
            "kiosk_id",
            "path",
            "reasons",
            "record",
            "state"
        ]
    );
    assert_eq!(value["kiosks"][0]["state"], "failing");
    assert_eq!(
        value["kiosks"][0]["reasons"][0],
        "last check update.expired"
    );
    assert_eq!(value["kiosks"][0]["record"]["kiosk_id"], "failing");
    assert_eq!(
        value["summary"],
        serde_json::json!({"kiosks": 3, "failing": 1, "stale": 0, "ok": 2})
    );
    assert_eq!(
        value["counters"][0],
        serde_json::json!({"name": "<b>bold</b>\u{1b}[1m", "min": 1, "max": 4, "kiosks": 1})
    );
    assert_eq!(
        value["bad_files"][0],
        serde_json::json!({"path": "link.json", "reason": "a symbolic link, not read"})
    );
    assert_eq!(value["generated_at"], "2026-12-02T12:00:00Z");
    // The record round-trips: scripts get everything the kiosk wrote.
    let record: StatusRecord =
        serde_json::from_value(value["kiosks"][1]["record"].clone()).expect("a record");
    assert_eq!(record.app_version, "0.1.0\u{1b}[2J\u{1b}[31m");
}

#[test]
fn ages_and_sizes_read_shortly() {
    assert_eq!(age(now(), ago(0)), "0m");
    assert_eq!(age(now(), ago(5)), "5h");
    assert_eq!(age(now(), ago(47)), "47h");
    assert_eq!(age(now(), ago(20 * 24)), "20d");
    assert_eq!(age(now(), ago(-3 * 24)), "+3d");
    assert_eq!(bytes(512), "512 B");
    assert_eq!(bytes(5 << 30), "5.0 GiB");
    assert_eq!(cut("abcdef", 4), "abc…");
}

#[cfg(unix)] // symbolic links and FIFOs as Unix makes them
#[test]
fn scan_reads_a_few_levels_follows_no_link_and_skips_other_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let deep = root.join("1/2/3/4/5");
    let too_deep = deep.join("6");
    std::fs::create_dir_all(&too_deep).expect("folders");
    record("riga-1").write_into(&deep).expect("write");
    record("riga-2").write_into(&too_deep).expect("write");
    std::fs::write(root.join("notes.txt"), "not a record").expect("write");
    std::os::unix::fs::symlink(&deep, root.join("elsewhere")).expect("symlink");

    let found = scan(root).expect("scan");
    let read: Vec<_> = found
        .records
        .iter()
        .map(|(_, r)| r.kiosk_id.as_str())
        .collect();
    assert_eq!(read, ["riga-1"]);
    let bad: Vec<(String, &str)> = found
        .bad
        .iter()
        .map(|(p, why)| {
            (
                p.strip_prefix(root).expect("inside").display().to_string(),
                why.as_str(),
            )
        })
        .collect();
    assert_eq!(
        bad,
        [
            (
                "1/2/3/4/5/6".to_owned(),
                "a folder more than 5 levels down, not read"
            ),
            (
                "elsewhere".to_owned(),
                "a symbolic link, not read (only regular files are)"
            ),
        ]
    );
    assert!(scan(&root.join("notes.txt")).is_err());
    assert!(scan(&root.join("missing")).is_err());
}
