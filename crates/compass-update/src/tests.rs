use std::path::PathBuf;

use proptest::prelude::*;

use crate::Source;

static CASES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn check(input: &str, expect: Result<&str, &str>) {
    CASES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let found = match Source::parse(input) {
        Ok(Source::Url(url)) => Ok(format!("url {url}")),
        Ok(Source::Folder(path)) => Ok(format!("folder {}", path.display())),
        Err(crate::Error::BadSource { reason, .. }) => Err(reason.to_owned()),
        Err(other) => panic!("unexpected error {other}"),
    };
    match (&found, expect) {
        (Ok(text), Ok(want)) if text == want => {}
        (Err(reason), Err(want)) if reason.contains(want) => {}
        _ => panic!("{input:?}: found {found:?}, expected {expect:?}"),
    }
}

#[test]
fn sources_parse_or_say_why_not() {
    check(
        "https://updates.example.org/compass",
        Ok("url https://updates.example.org/compass/"),
    );
    check(
        "https://updates.example.org/compass/",
        Ok("url https://updates.example.org/compass/"),
    );
    check(
        "  HTTPS://Example.ORG/r/ ",
        Ok("url https://example.org/r/"),
    );
    check(
        "http://127.0.0.1:8080/repo",
        Ok("url http://127.0.0.1:8080/repo/"),
    );
    check("http://localhost/repo/", Ok("url http://localhost/repo/"));
    check("http://[::1]:9/", Ok("url http://[::1]:9/"));
    check(
        "file:///media/stick/compass",
        Ok("folder /media/stick/compass"),
    );
    check("/media/stick/compass", Ok("folder /media/stick/compass"));
    check("http://updates.example.org/", Err("plain http"));
    check("http://127.0.0.1.example.org/", Err("plain http"));
    check("ftp://example.org/", Err("only https"));
    check("javascript://alert(1)", Err("only https"));
    check("https://user:secret@example.org/", Err("credentials"));
    check("https://example.org/?a=1", Err("no query"));
    check("https://example.org/#x", Err("no query"));
    check("https://", Err("not a valid URL"));
    check("https:///nohost", Ok("url https://nohost/"));
    check("", Err("empty"));
    check("   ", Err("empty"));
    check("/media/stick\ncompass", Err("control"));
    check(&"a".repeat(5000), Err("too long"));
    println!(
        "update sources: {} cases parsed or refused with their reason",
        CASES.load(std::sync::atomic::Ordering::SeqCst)
    );
}

#[test]
fn a_relative_folder_is_made_absolute() {
    let Ok(Source::Folder(path)) = Source::parse("stick/compass") else {
        panic!("not a folder")
    };
    assert!(path.is_absolute());
    assert!(path.ends_with(PathBuf::from("stick/compass")));
}

#[test]
fn metadata_and_targets_sit_under_the_source() {
    let url = Source::parse("https://example.org/repo").expect("parse");
    assert_eq!(
        url.metadata_url().expect("meta").as_str(),
        "https://example.org/repo/metadata/"
    );
    let folder = Source::parse("/media/stick").expect("parse");
    assert_eq!(
        folder.targets_url().expect("targets").as_str(),
        "file:///media/stick/targets/"
    );
}

#[test]
fn error_codes_are_stable_and_exit_statuses_distinct_by_kind() {
    let expired = crate::Error::Expired {
        role: "timestamp".into(),
    };
    assert_eq!(
        (expired.code(), expired.exit_status()),
        ("update.expired", 11)
    );
    let rollback = crate::Error::Rollback {
        detail: String::new(),
    };
    assert_eq!(
        (rollback.code(), rollback.exit_status()),
        ("update.rollback", 12)
    );
    let full = crate::Error::io("writing", "/x", std::io::Error::from_raw_os_error(28));
    assert_eq!(full.code(), "update.no_space");
}

proptest! {
    #[test]
    fn parsing_any_text_never_panics_and_never_yields_remote_plain_http(text in "\\PC{0,300}") {
        if let Ok(Source::Url(url)) = Source::parse(&text) {
            prop_assert!(url.scheme() == "https" || matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]")) || url.host().is_some_and(|h| matches!(h, url::Host::Ipv4(ip) if ip.is_loopback())));
        }
    }
}

#[test]
fn the_schedule_jitters_and_backs_off() {
    use std::time::Duration;
    let s = crate::Schedule {
        interval: Duration::from_secs(3600),
        jitter_percent: 20,
        first_backoff: Duration::from_secs(60),
        max_backoff: Duration::from_secs(3 * 3600),
    };
    let secs = |failures, random| s.next_delay(failures, random).as_secs();
    assert_eq!(
        (secs(0, 0.0), secs(0, 0.5), secs(0, 0.999_999)),
        (2880, 3600, 4319)
    );
    assert_eq!((secs(1, 0.5), secs(2, 0.5), secs(3, 0.5)), (60, 120, 240));
    assert_eq!(secs(30, 0.5), 3 * 3600, "capped");
    assert_eq!(secs(0, f64::NAN), 3600);
    assert_eq!(secs(0, 7.0), 4320, "clamped");
}

#[test]
fn sticks_are_found_one_and_two_levels_under_a_mount_root() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = |path: &str| {
        let meta = dir.path().join(path).join("metadata");
        std::fs::create_dir_all(&meta).expect("mkdir");
        std::fs::write(meta.join("timestamp.json"), "{}").expect("write");
        dir.path().join(path)
    };
    let a = repo("media/STICK/safety-compass");
    let b = repo("media/kiosk/USB2/safety-compass");
    std::fs::create_dir_all(dir.path().join("media/EMPTY/safety-compass/metadata"))
        .expect("no timestamp");
    repo("media/a/b/c/safety-compass");
    let roots = vec![dir.path().join("media"), dir.path().join("absent")];
    assert_eq!(
        crate::usb::find_repositories(&roots),
        vec![a, b],
        "sorted; the EMPTY one and the one too deep left out"
    );
}

/// Where a folder really is, made or not: `..` and symbolic links resolved.
#[cfg(unix)] // symbolic links and FIFOs as Unix makes them
#[test]
fn resolved_paths_see_through_dots_and_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = std::fs::canonicalize(dir.path()).expect("canonical");
    std::fs::create_dir(base.join("repo")).expect("repo");
    std::os::unix::fs::symlink(base.join("repo"), base.join("link")).expect("link");
    for (path, expected) in [
        (base.join("repo/sub/../keys"), base.join("repo/keys")),
        (base.join("elsewhere/../repo/keys"), base.join("repo/keys")),
        (base.join("link/keys"), base.join("repo/keys")),
        (base.join("link/new/../keys"), base.join("repo/keys")),
        (base.join("link"), base.join("repo")),
        (base.join("./keys"), base.join("keys")),
    ] {
        assert_eq!(crate::repo::resolved(&path), expected, "{}", path.display());
    }
}
