//! Building the content DB: deterministic, complete, read-only, safe HTML.

use compass_content::ContentDb;
use compass_content::build::build;
use compass_content::source;

use crate::{edited_mini, mini_db, mini_dir};

fn build_hash(dir: &std::path::Path) -> String {
    let loaded = source::load(dir);
    let out = tempfile::tempdir().expect("temp dir");
    build(&loaded.content, dir, &out.path().join("content.db"))
        .expect("build")
        .content_hash
}

#[test]
fn same_source_same_hash_and_a_change_changes_it() {
    let first = build_hash(&mini_dir());
    assert_eq!(first.len(), 64);
    assert_eq!(
        build_hash(&mini_dir()),
        first,
        "a second build of the same source differs"
    );
    let changed = edited_mini(&[("organizations/gb-emergency.toml", None)]);
    assert_ne!(build_hash(changed.path()), first);
}

#[test]
fn counts_and_integrity() {
    let (_dir, db) = mini_db();
    let counts: std::collections::BTreeMap<String, usize> =
        db.counts().expect("counts").into_iter().collect();
    let expect = [
        ("organization", 9),
        ("service", 13),
        ("channel", 14),
        ("location", 1),
        ("event", 2),
        ("report", 1),
        ("report_file", 1),
        ("article", 1),
        ("selfcheck", 1),
        ("question", 1),
    ];
    for (kind, n) in expect {
        assert_eq!(counts.get(kind), Some(&n), "{kind} in {counts:?}");
    }
    assert!(db.integrity_ok().expect("integrity_check"));
}

#[test]
fn report_files_are_attachments_with_size_and_hash() {
    let loaded = source::load(&mini_dir());
    let out = tempfile::tempdir().expect("temp dir");
    let db_path = out.path().join("content.db");
    build(&loaded.content, &mini_dir(), &db_path).expect("build");
    let bytes = std::fs::read(mini_dir().join("reports/files/study-en.txt")).expect("fixture");
    let conn = rusqlite::Connection::open(&db_path).expect("open");
    let (size, sha): (i64, String) = conn
        .query_row(
            "SELECT size, sha256 FROM report_file WHERE report_id = 'report-study'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row");
    assert_eq!(size as usize, bytes.len());
    assert_eq!(
        std::fs::read(out.path().join("attachments").join(&sha)).expect("attachment"),
        bytes
    );
}

#[test]
fn article_html_is_safe() {
    let (_dir, db) = mini_db();
    let html = db
        .localized("hostile", "html", "en")
        .expect("query")
        .expect("article html")
        .text;
    for bad in ["<script", "javascript:", "<img", "<b>"] {
        assert!(!html.contains(bad), "{bad:?} survived in {html}");
    }
    // Every tag left is one of the allow-list, with no attribute but href and rel.
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or_default();
        assert!(["p", "a"].contains(&name), "tag {tag:?} in {html}");
        for attribute in tag.split(' ').skip(1) {
            assert!(
                attribute.starts_with("href=\"")
                    || attribute.starts_with("rel=\"")
                    || attribute == "noreferrer\"",
                "attribute {attribute:?} in {html}"
            );
        }
    }
    assert!(
        html.contains("&lt;script&gt;"),
        "raw HTML is shown as text: {html}"
    );
    assert!(html.contains("href=\"https://example.org\""), "{html}");
    assert!(html.contains("href=\"tel:+37120000001\""), "{html}");
    let title = db
        .localized("hostile", "title", "en")
        .expect("query")
        .expect("title")
        .text;
    assert_eq!(
        title, "Signs <b>to</b> know",
        "the title is plain text, escaped by whoever shows it"
    );
}

#[test]
fn unverified_entries_carry_no_hours() {
    let (_dir, db) = mini_db();
    let riga = jiff::tz::TimeZone::get("Europe/Riga").expect("tz");
    let detail = db
        .service(
            "ee-beta-unverified",
            "en",
            false,
            jiff::Timestamp::now(),
            &riga,
        )
        .expect("query")
        .expect("service");
    assert_eq!(detail.verification, "unverified");
    assert!(
        detail
            .channels
            .iter()
            .all(|c| c.hours.is_none() && c.state == compass_content::hours::OpenState::Unknown)
    );
}

#[test]
fn the_db_is_opened_read_only() {
    let (dir, db) = mini_db();
    drop(db);
    let path = dir.path().join("content.db");
    let before = std::fs::read(&path).expect("read");
    let db = ContentDb::open(&path).expect("open");
    let mut query = compass_content::SearchQuery::new("alpha");
    query.limit = 5;
    db.search(&query).expect("search");
    drop(db);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "searching changed the file"
    );
}

#[test]
fn not_a_content_db_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.db");
    rusqlite::Connection::open(&path)
        .expect("create")
        .execute_batch("CREATE TABLE meta (key TEXT, value TEXT);")
        .expect("schema");
    let err = ContentDb::open(&path).expect_err("must refuse").to_string();
    assert!(
        err.contains("is not a content database of schema version 1 (found none)"),
        "{err}"
    );
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not sqlite at all, just text").expect("write");
    assert!(ContentDb::open(&garbage).is_err());
    assert!(ContentDb::open(&dir.path().join("missing.db")).is_err());
}

#[test]
fn links_with_other_schemes_are_removed_and_reported() {
    let rendered = compass_content::markdown::render(
        "# T\n\n[a](javascript:alert(1)) [b](data:text/html,x) [c](relative/page) ![i](https://example.org/i.png) [ok](mailto:a@example.org)\n",
    );
    assert_eq!(
        rendered.rejected_links,
        [
            "javascript:alert(1)",
            "data:text/html,x",
            "relative/page",
            "https://example.org/i.png"
        ]
    );
    for bad in ["javascript:", "data:", "relative/page", "<img"] {
        assert!(!rendered.html.contains(bad), "{bad} in {}", rendered.html);
    }
    assert!(
        rendered.html.contains("href=\"mailto:a@example.org\""),
        "{}",
        rendered.html
    );
}

#[test]
fn source_write_refuses_names_that_leave_the_folder() {
    let mut content = source::load(&mini_dir()).content;
    content.organizations[0].id = "../../escaped".to_owned();
    let dir = tempfile::tempdir().expect("temp dir");
    let err = source::write(&content, &dir.path().join("out"), false).expect_err("must refuse");
    assert!(err.to_string().contains("cannot be a file name"), "{err}");
    assert!(!dir.path().join("escaped.toml").exists() && !dir.path().join("out").exists());
    let mut content = source::load(&mini_dir()).content;
    content.articles[0]
        .body
        .insert("../en".to_owned(), "# x".to_owned());
    assert!(source::write(&content, &dir.path().join("out"), false).is_err());
}
