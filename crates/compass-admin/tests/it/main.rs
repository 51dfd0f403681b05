//! The `compass-admin` binary end to end: exit statuses, output formats, on the fictional fixture and the seed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[cfg(unix)] // its sample folder holds a symbolic link and a FIFO
mod fleet;

fn admin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_compass-admin"))
        .args(args)
        .output()
        .expect("run compass-admin")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../compass-content/tests/fixtures/mini")
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/content")
}

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/locales")
}

/// Builds the fictional fixture into `db`, checked as of 2026-11-01; returns what build printed.
fn build_fixture(db: &Path) -> String {
    let out = admin(&[
        "build",
        "--source",
        s(&fixture()),
        "--today",
        "2026-11-01",
        "--out",
        s(db),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn check_passes_on_the_seed_and_fails_with_file_and_line() {
    let out = admin(&["check", "--source", s(&seed()), "--locales", s(&locales())]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains(": 0 errors"),
        "{}",
        text(&out.stdout)
    );

    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("organizations")).expect("mkdir");
    std::fs::write(
        dir.path().join("organizations/bad.toml"),
        "id = \"bad\"\ncountry = \"LV\"\nname = [\n",
    )
    .expect("write");
    let out = admin(&[
        "check",
        "--source",
        s(dir.path()),
        "--locales",
        s(&locales()),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("organizations/bad.toml:3: error:"),
        "{stderr}"
    );
}

#[test]
fn build_prints_the_same_hash_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hash = |name: &str| {
        let stdout = build_fixture(&dir.path().join(name));
        let line = stdout
            .lines()
            .find(|l| l.starts_with("content hash sha256:"))
            .expect("hash line")
            .to_owned();
        assert_eq!(line.len(), "content hash sha256:".len() + 64, "{line}");
        line
    };
    assert_eq!(hash("a.db"), hash("b.db"));
}

#[test]
fn build_refuses_content_with_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = admin(&[
        "build",
        "--source",
        "/nonexistent",
        "--out",
        s(&dir.path().join("x.db")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("x.db").exists());
}

#[test]
fn search_json_has_id_kind_and_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("content.db");
    build_fixture(&db);
    let out = admin(&[
        "search",
        "--db",
        s(&db),
        "--locale",
        "lv",
        "--country",
        "lv",
        "--json",
        "drosa",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let hits = hits.as_array().expect("array");
    assert!(!hits.is_empty());
    for hit in hits {
        for key in ["id", "kind", "name"] {
            assert!(
                hit.get(key).and_then(|v| v.as_str()).is_some(),
                "{key} in {hit}"
            );
        }
    }
    // The kiosk country's trafficking hotline ranks first, then the organisation itself.
    assert_eq!(hits[0]["id"], "lv-alpha-hotline");
    assert!(hits.iter().any(|hit| hit["id"] == "lv-alpha"));
    // A bad DB path is a clear error with a non-zero status, not a panic.
    let out = admin(&["search", "--db", "/nonexistent.db", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("error: opening /nonexistent.db"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn hsds_export_and_import_round_trip_through_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = dir.path().join("seed.json");
    let out = admin(&[
        "export-hsds",
        "--bundle",
        "--include-confidential",
        "--source",
        s(&seed()),
        "--out",
        s(&json),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let imported = dir.path().join("imported");
    let out = admin(&["import-hsds", s(&json), "--out", s(&imported)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("; 0 problems"),
        "{}",
        text(&out.stdout)
    );
    // The imported source checks clean and builds to the same content hash as the seed.
    let build = |source: &Path, name: &str| {
        let out = admin(&[
            "build",
            "--source",
            s(source),
            "--out",
            s(&dir.path().join(name)),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(build(&imported, "imported.db"), build(&seed(), "seed.db"));
    // Importing again over existing files needs --force.
    let out = admin(&["import-hsds", s(&json), "--out", s(&imported)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("use --force"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn plain_hsds_export_leaves_confidential_entries_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = dir.path().join("mini.json");
    let source = fixture();
    let export = |extra: &[&str]| -> String {
        let mut args = vec![
            "export-hsds",
            "--source",
            s(&source),
            "--today",
            "2026-11-01",
            "--out",
            s(&json),
        ];
        args.extend_from_slice(extra);
        let out = admin(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        std::fs::read_to_string(&json).expect("export")
    };
    let plain = export(&[]);
    let value: serde_json::Value = serde_json::from_str(&plain).expect("json");
    assert!(
        value.as_array().is_some_and(|orgs| !orgs.is_empty()),
        "a plain HSDS array"
    );
    assert!(!plain.contains("lv-hidden"), "confidential entry exported");
    assert!(export(&["--include-confidential"]).contains("lv-hidden"));
    let bundle: serde_json::Value = serde_json::from_str(&export(&["--bundle"])).expect("json");
    assert!(bundle.get("organizations").is_some() && bundle.get("x-safety-compass").is_some());
}

#[test]
fn show_says_the_hours_in_the_visitors_language_and_the_kiosks_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("content.db");
    build_fixture(&db);
    let show = |locale: &str, tz: &str, at: &str| {
        let out = admin(&[
            "show",
            "--db",
            s(&db),
            "--locales",
            s(&locales()),
            "--locale",
            locale,
            "--tz",
            tz,
            "--at",
            at,
            "lv-alpha-hotline",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    // Saturday in Riga: the Mo-Fr 09:00-17:00 line opens on Monday.
    let en = show("en", "Europe/Riga", "2026-07-04T10:00:00Z");
    assert!(
        en.contains("Trust line") && en.contains("20 000 001 — Opens Monday at 09:00"),
        "{en}"
    );
    let lv = show("lv", "Europe/Riga", "2026-07-04T10:00:00Z");
    assert!(
        lv.contains("Uzticības tālrunis") && lv.contains("Darbu sāks pirmdien plkst. 09:00"),
        "{lv}"
    );
    // Wednesday 07:00 UTC is 10:00 in Riga and 08:00 in London: closes at 17:00 Riga = 15:00 London.
    let london = show("en", "Europe/London", "2026-07-01T07:00:00Z");
    assert!(london.contains("Closes at 15:00"), "{london}");
    // Asked in Ukrainian, the name falls back to English with the locale shown.
    let uk = show("uk", "Europe/Riga", "2026-07-01T07:00:00Z");
    assert!(uk.contains("Trust line [en]"), "{uk}");
    let out = admin(&[
        "show",
        "--db",
        s(&db),
        "--locales",
        s(&locales()),
        "no-such-service",
    ]);
    assert_eq!(out.status.code(), Some(1));
}

/// `repo init`, `publish --source`, `inspect`, `refresh-timestamp`, `rotate-key`, and the refusal
/// to keep keys inside the repository.
#[test]
fn repo_commands_sign_publish_refresh_rotate_and_inspect() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path().join("repo");
    let keys = dir.path().join("keys");
    let (repo_s, keys_s) = (s(&repo), s(&keys));
    let inside = repo.join("keys");
    let out = admin(&["repo", "init", "--repo", repo_s, "--keys", s(&inside)]);
    assert!(
        !out.status.success(),
        "keys inside the repository were accepted"
    );
    assert!(
        text(&out.stderr).contains("must not be inside"),
        "{}",
        text(&out.stderr)
    );

    let out = admin(&[
        "repo",
        "init",
        "--repo",
        repo_s,
        "--keys",
        keys_s,
        "--timestamp-days",
        "7",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(repo.join("metadata/1.root.json").is_file());
    let key_files = std::fs::read_dir(&keys).expect("keys").count();
    assert_eq!(key_files, 4, "one key per role");
    let out = admin(&["repo", "init", "--repo", repo_s, "--keys", keys_s]);
    assert!(!out.status.success(), "a second init was accepted");

    let out = admin(&["repo", "inspect", "--repo", repo_s]);
    assert!(
        text(&out.stdout).contains("nothing published yet"),
        "{}",
        text(&out.stdout)
    );

    let out = admin(&[
        "repo",
        "publish",
        "--repo",
        repo_s,
        "--keys",
        keys_s,
        "--source",
        s(&seed()),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("published version 1"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("[1/1] hashed content.db"),
        "progress: {}",
        text(&out.stderr)
    );

    // While another command holds the repository's lock (a publish still running), a refresh, a
    // publish and a rotation each refuse at once and change nothing.
    let metadata_before = std::fs::read_dir(repo.join("metadata"))
        .expect("metadata")
        .count();
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(repo.join(".lock"))
        .expect("lock file");
    held.try_lock().expect("the test takes the lock");
    for command in [
        vec![
            "repo",
            "refresh-timestamp",
            "--repo",
            repo_s,
            "--keys",
            keys_s,
        ],
        vec![
            "repo",
            "publish",
            "--repo",
            repo_s,
            "--keys",
            keys_s,
            "--source",
            s(&seed()),
        ],
        vec![
            "repo",
            "rotate-key",
            "--repo",
            repo_s,
            "--keys",
            keys_s,
            "--role",
            "timestamp",
        ],
    ] {
        let out = admin(&command);
        assert!(!out.status.success(), "{command:?} ran beside another");
        assert!(
            text(&out.stderr)
                .contains("another publish, refresh-timestamp or rotate-key is running"),
            "{command:?}: {}",
            text(&out.stderr)
        );
    }
    assert_eq!(
        std::fs::read_dir(repo.join("metadata"))
            .expect("metadata")
            .count(),
        metadata_before
    );
    drop(held);

    let out = admin(&[
        "repo",
        "refresh-timestamp",
        "--repo",
        repo_s,
        "--keys",
        keys_s,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("timestamp version 2"),
        "{}",
        text(&out.stdout)
    );

    let out = admin(&[
        "repo",
        "rotate-key",
        "--repo",
        repo_s,
        "--keys",
        keys_s,
        "--role",
        "timestamp",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("root version 2"),
        "{}",
        text(&out.stdout)
    );

    let out = admin(&["repo", "inspect", "--repo", repo_s]);
    let shown = text(&out.stdout);
    assert!(out.status.success(), "{shown}{}", text(&out.stderr));
    for expected in [
        "root       version    2",
        "targets    version    2",
        "target content.db",
        "verifies",
    ] {
        assert!(
            shown.contains(expected),
            "inspect lacks {expected:?}:\n{shown}"
        );
    }
    for entry in std::fs::read_dir(&repo).expect("repo").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            !name.ends_with(".pk8"),
            "a key file in the repository: {name}"
        );
    }
    let out = admin(&["repo", "publish", "--repo", repo_s, "--keys", keys_s]);
    assert!(
        !out.status.success(),
        "publish without content was accepted"
    );
}

/// The key guard compares where folders really are: a key folder inside the repository reached through
/// `..` or a symbolic link is refused like a plain one, whether or not the folders exist yet, and no
/// key is written.
#[cfg(unix)] // symbolic links and FIFOs as Unix makes them
#[test]
fn keys_inside_the_repository_are_refused_however_they_are_reached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(&repo).expect("repo folder");
    let link = dir.path().join("link-to-repo");
    std::os::unix::fs::symlink(&repo, &link).expect("symlink");
    let cases = [
        repo.join("sub/../keys"),
        dir.path().join("elsewhere/../repo/keys"),
        link.join("keys"),
        link.join("new/../keys"),
    ];
    for keys in cases {
        let out = admin(&["repo", "init", "--repo", s(&repo), "--keys", s(&keys)]);
        assert!(
            !out.status.success(),
            "keys at {} were accepted",
            keys.display()
        );
        assert!(
            text(&out.stderr).contains("must not be inside"),
            "{}: {}",
            keys.display(),
            text(&out.stderr)
        );
        let written: Vec<_> = std::fs::read_dir(&repo).expect("repo").collect();
        assert!(
            written.is_empty(),
            "{}: the repository folder was written to",
            keys.display()
        );
    }
    // A repository reached through the link, keys beside it: fine.
    let out = admin(&[
        "repo",
        "init",
        "--repo",
        s(&link),
        "--keys",
        s(&dir.path().join("keys")),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Every file of a folder with a hash of its bytes, to tell that a refused command wrote nothing.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64)> {
    use std::hash::{Hash as _, Hasher as _};
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(&path).expect("read").hash(&mut hasher);
            files.push((path, hasher.finish()));
        }
    }
    files.sort();
    files
}

/// `publish --content` checks the built DB again before signing it: its schema version, its
/// integrity, and that every stored article HTML is exactly what the sanitiser makes of it. A DB
/// edited by hand after the build is refused with the table and row named, and nothing is written.
#[test]
fn publish_refuses_a_content_db_edited_after_the_build() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (repo, keys) = (dir.path().join("repo"), dir.path().join("keys"));
    let out = admin(&["repo", "init", "--repo", s(&repo), "--keys", s(&keys)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let built = dir.path().join("built");
    std::fs::create_dir_all(&built).expect("built folder");
    build_fixture(&built.join("content.db"));
    // (the SQL run on a copy of the built DB, what stderr must name)
    let cases: &[(&str, &[&str])] = &[
        (
            "UPDATE translation SET text = text || '<script>alert(1)</script>' WHERE field = 'html'",
            &["table translation", "field = \"html\"", "<script>alert(1)"],
        ),
        (
            "UPDATE translation SET text = '<p onclick=\"alert(1)\">hi</p>' WHERE field = 'html'",
            &["table translation", "onclick"],
        ),
        (
            "UPDATE translation SET text = '<a href=\"javascript:alert(1)\">call</a>' WHERE field = 'html'",
            &["table translation", "javascript:"],
        ),
        (
            "UPDATE translation SET text = text || '<img src=x onerror=alert(2)>' WHERE field = 'html'",
            &["table translation", "<img"],
        ),
        (
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            &["schema version 1 (found 99)"],
        ),
    ];
    let before = snapshot(&repo);
    for (n, (sql, expect)) in cases.iter().enumerate() {
        let content = dir.path().join(format!("edited-{n}"));
        std::fs::create_dir_all(&content).expect("folder");
        std::fs::copy(built.join("content.db"), content.join("content.db")).expect("copy");
        let conn = rusqlite::Connection::open(content.join("content.db")).expect("open");
        assert!(
            conn.execute(sql, []).expect(sql) > 0,
            "{sql} changed nothing"
        );
        drop(conn);
        let out = admin(&[
            "repo",
            "publish",
            "--repo",
            s(&repo),
            "--keys",
            s(&keys),
            "--content",
            s(&content),
        ]);
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{sql}: published");
        for wanted in *expect {
            assert!(stderr.contains(wanted), "{sql}: {wanted:?} not in {stderr}");
        }
        assert_eq!(
            snapshot(&repo),
            before,
            "{sql}: the repository was written to"
        );
        println!("refused: {}", stderr.trim());
    }
    // The DB as built (the hostile fixture article's escaped HTML included) is published.
    let out = admin(&[
        "repo",
        "publish",
        "--repo",
        s(&repo),
        "--keys",
        s(&keys),
        "--content",
        s(&built),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("published version 1"));
}
