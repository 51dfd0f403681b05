//! The update path end to end: an admin repository on disk, a kiosk store, and a loopback HTTP
//! server that misbehaves. Each test prints its counts.

mod server;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use compass_update::{
    Error, FetchConfig, Outcome, Progress, Repo, RepoConfig, RoleType, Source, Store,
};
use server::{Reply, Server};

/// A repository with keys, and a kiosk that trusts its first root and shows version 1.
struct Fixture {
    dir: tempfile::TempDir,
    repo: Repo,
    store: Store,
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/content")
}

/// A built content folder: the seed content DB plus report files with the given texts.
fn content(dir: &Path, name: &str, reports: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let loaded = compass_content::source::load(&seed());
    let db = out.join("content.db");
    compass_content::build::build(&loaded.content, &seed(), &db).expect("build seed");
    // Each version's DB differs, as a real re-publish would.
    let conn = rusqlite::Connection::open(&db).expect("open built DB");
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('test.variant', ?1)",
        [name],
    )
    .expect("variant");
    drop(conn);
    let attachments = out.join("attachments");
    std::fs::create_dir_all(&attachments).expect("attachments folder");
    for text in reports {
        let sha = sha256_hex(text.as_bytes());
        std::fs::write(attachments.join(sha), text).expect("attachment");
    }
    out
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn config() -> FetchConfig {
    FetchConfig {
        deadline: Duration::from_secs(3),
        ..FetchConfig::default()
    }
}

async fn update(store: &Store, source: &Source) -> Result<Outcome, Error> {
    let lock = store.lock().expect("lock");
    compass_update::update(store, &lock, source, &config(), &mut |_| {}).await
}

async fn update_and_activate(store: &Store, source: &Source) -> Result<u64, Error> {
    let outcome = update(store, source).await?;
    let lock = store.lock().expect("lock");
    store.activate_pending(&lock)?;
    Ok(match outcome {
        Outcome::Staged(release) => release.version,
        Outcome::Current { offered } => offered,
    })
}

impl Fixture {
    async fn new() -> Fixture {
        Fixture::with_config(RepoConfig::default()).await
    }

    async fn with_config(config: RepoConfig) -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = Repo::new(&dir.path().join("repo"), &dir.path().join("keys")).expect("repo");
        let root = repo.init(&config).await.expect("init");
        let v1 = content(dir.path(), "content1", &["report one", "report two"]);
        let published = repo.publish(&v1, &mut |_| {}).await.expect("publish v1");
        assert_eq!(published.version, 1);
        let store = Store::open(&dir.path().join("kiosk")).expect("store");
        {
            let lock = store.lock().expect("lock");
            assert!(
                store
                    .trust_initial_root(&lock, &std::fs::read(root).expect("root"))
                    .expect("trust")
            );
        }
        let fixture = Fixture { dir, repo, store };
        assert_eq!(
            update_and_activate(&fixture.store, &fixture.folder())
                .await
                .expect("first update"),
            1
        );
        fixture
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn folder(&self) -> Source {
        Source::Folder(self.path().join("repo"))
    }

    async fn publish(&self, name: &str, reports: &[&str]) -> u64 {
        let built = content(self.path(), name, reports);
        self.repo
            .publish(&built, &mut |_| {})
            .await
            .expect("publish")
            .version
    }

    /// Publishes the next version and updates the kiosk from the folder; returns the version shown.
    async fn publish_and_show(&self, name: &str, reports: &[&str]) -> u64 {
        self.publish(name, reports).await;
        update_and_activate(&self.store, &self.folder())
            .await
            .expect("update from the repository folder")
    }

    /// The kiosk still shows `version`, complete and sound, with nothing pending.
    fn assert_showing(&self, version: u64) {
        let current = self
            .store
            .current()
            .expect("current")
            .expect("a current release");
        assert_eq!(current.version, version);
        self.store
            .verify(&current)
            .expect("current release verifies");
        assert_eq!(self.store.pending().expect("pending"), None);
    }

    /// A copy of the repository folder as it is now.
    fn snapshot_repo(&self, name: &str) -> PathBuf {
        let to = self.path().join(name);
        copy_dir(&self.path().join("repo"), &to);
        to
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The files the kiosk fetches for the newest version (metadata and targets, as server paths),
/// found by updating a copy of its store.
fn fetched_files(fixture: &Fixture, server: &Server) -> Vec<String> {
    let _ = server.take_requests();
    copy_dir(fixture.store.root(), &fixture.path().join("probe"));
    let store = Store::open(&fixture.path().join("probe")).expect("probe store");
    let runtime = tokio::runtime::Handle::current();
    let source = Source::parse(&server.url()).expect("url");
    let _ = std::thread::scope(|s| s.spawn(|| runtime.block_on(update(&store, &source))).join());
    let mut paths: Vec<String> = server
        .take_requests()
        .into_iter()
        .filter(|p| !p.ends_with(".root.json"))
        .collect();
    paths.dedup();
    paths
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flipped_byte_in_any_file_is_rejected() {
    let fixture = Fixture::new().await;
    fixture
        .publish("content2", &["report one", "report three"])
        .await;
    let server = Server::start(fixture.path().join("repo"));
    let files = fetched_files(&fixture, &server);
    assert!(
        files.iter().any(|f| f.ends_with("timestamp.json")),
        "{files:?}"
    );
    assert!(files.iter().any(|f| f.contains("/targets/")), "{files:?}");
    let source = Source::parse(&server.url()).expect("url");
    let mut cases = 0;
    let mut codes = std::collections::BTreeMap::<&str, usize>::new();
    for file in &files {
        let size = std::fs::metadata(
            fixture
                .path()
                .join("repo")
                .join(file.trim_start_matches('/')),
        )
        .expect("file")
        .len() as usize;
        for at in [0, size / 3, size / 2, size - 2] {
            let wanted = file.clone();
            server.rule(move |path| {
                if path == wanted {
                    Reply::Flip(at)
                } else {
                    Reply::Normal
                }
            });
            let result = update(&fixture.store, &source).await;
            let error =
                result.expect_err(&format!("a flipped byte at {at} of {file} was accepted"));
            *codes.entry(error.code()).or_default() += 1;
            fixture.assert_showing(1);
            cases += 1;
        }
    }
    server.behave();
    assert_eq!(
        update_and_activate(&fixture.store, &source)
            .await
            .expect("clean update"),
        2
    );
    println!(
        "byte flips: {cases} cases over {} files, {cases} rejected, live content unchanged; by code {codes:?}",
        files.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_signed_version_is_rejected_over_http_and_folder() {
    let fixture = Fixture::new().await;
    let old = fixture.snapshot_repo("repo-v1");
    assert_eq!(
        fixture
            .publish_and_show("content2", &["report three"])
            .await,
        2
    );
    let server = Server::start(old.clone());
    let mut rejected = 0;
    for source in [
        Source::parse(&server.url()).expect("url"),
        Source::Folder(old),
    ] {
        let error = update(&fixture.store, &source)
            .await
            .expect_err("older version accepted");
        assert_eq!(error.code(), "update.rollback", "{error}");
        fixture.assert_showing(2);
        rejected += 1;
    }
    println!(
        "older signed version: {rejected} of 2 sources (http, folder) rejected with update.rollback"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_timestamp_refuses_new_content_and_keeps_the_current() {
    let fixture = Fixture::new().await;
    let repo_json = fixture.path().join("repo/repo.json");
    let mut config: RepoConfig =
        serde_json::from_slice(&std::fs::read(&repo_json).expect("repo.json")).expect("parse");
    config.timestamp_days = -1;
    std::fs::write(&repo_json, serde_json::to_vec(&config).expect("json")).expect("write");
    fixture.publish("content2", &["report three"]).await;
    let error = update(&fixture.store, &fixture.folder())
        .await
        .expect_err("expired accepted");
    assert_eq!(error.code(), "update.expired", "{error}");
    fixture.assert_showing(1);
    let current = fixture.store.current_dir().expect("dir").expect("some");
    let db = compass_content::ContentDb::open(&current.join("content.db"))
        .expect("current content opens");
    assert!(db.integrity_ok().expect("check"));
    let status = fixture.store.status().expect("status");
    assert_eq!(
        status.last_check.expect("check recorded").code,
        "update.expired"
    );
    println!(
        "expired timestamp: new content refused (update.expired), version 1 still served and sound"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snapshot_and_targets_from_different_versions_are_rejected() {
    let fixture = Fixture::new().await;
    fixture.publish("content2", &["report three"]).await;
    fixture.publish("content3", &["report four"]).await;
    let server = Server::start(fixture.path().join("repo"));
    let source = Source::parse(&server.url()).expect("url");
    let meta = fixture.path().join("repo/metadata");
    let read = |name: &str| std::fs::read(meta.join(name)).expect("metadata");
    let mixes = [
        ("/metadata/3.targets.json", read("2.targets.json")),
        ("/metadata/3.snapshot.json", read("2.snapshot.json")),
    ];
    let mut rejected = 0;
    for (path, bytes) in mixes {
        let wanted = path.to_owned();
        server.rule(move |p| {
            if p == wanted {
                Reply::Bytes(bytes.clone())
            } else {
                Reply::Normal
            }
        });
        let error = update(&fixture.store, &source)
            .await
            .expect_err("mixed versions accepted");
        // The snapshot pins each file's length and hash: a longer file from another version is
        // cut at the signed length, a shorter or equal one fails the hash. Both are refusals.
        assert!(
            matches!(
                error.code(),
                "update.signature_invalid" | "update.too_large"
            ),
            "{path}: {error}"
        );
        fixture.assert_showing(1);
        rejected += 1;
    }
    server.behave();
    assert_eq!(
        update_and_activate(&fixture.store, &source)
            .await
            .expect("consistent set"),
        3
    );
    println!("mix-and-match: {rejected} of 2 mixes (targets v2 as v3, snapshot v2 as v3) rejected");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_and_endless_files_are_cut_at_their_limit() {
    let fixture = Fixture::new().await;
    fixture.publish("content2", &["report three"]).await;
    let server = Server::start(fixture.path().join("repo"));
    let source = Source::parse(&server.url()).expect("url");
    let limit = config().limits.max_timestamp_size;
    // The content DB of the release just published: the newest of the two in targets/ (read_dir
    // order is arbitrary, so the first one found may be the first release's, which no update asks for).
    let target = std::fs::read_dir(fixture.path().join("repo/targets"))
        .expect("targets")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".content.db"))
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .expect("content.db target");
    let cases: Vec<(String, Reply)> = vec![
        ("/metadata/timestamp.json".into(), Reply::Endless),
        (
            "/metadata/timestamp.json".into(),
            Reply::Pad(2 * limit as usize),
        ),
        ("/metadata/2.snapshot.json".into(), Reply::Pad(4096)),
        (format!("/targets/{target}"), Reply::Pad(1 << 20)),
        (format!("/targets/{target}"), Reply::Endless),
    ];
    for (path, reply) in cases {
        let wanted = path.clone();
        let r = reply.clone();
        server.rule(move |p| {
            if p == wanted {
                r.clone()
            } else {
                Reply::Normal
            }
        });
        let _ = server.take_sent();
        let error = update(&fixture.store, &source)
            .await
            .expect_err("oversized file accepted");
        let sent = server.take_sent();
        assert!(
            matches!(
                error.code(),
                "update.too_large" | "update.signature_invalid"
            ),
            "{path}: {error}"
        );
        fixture.assert_showing(1);
        println!("{path} {reply:?}: {} after {sent} bytes sent", error.code());
    }
    server.behave();
    assert_eq!(
        update_and_activate(&fixture.store, &source)
            .await
            .expect("good update"),
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_sends_a_byte_a_second_is_stopped_at_the_deadline() {
    let fixture = Fixture::new().await;
    fixture.publish("content2", &["report three"]).await;
    let server = Server::start(fixture.path().join("repo"));
    let source = Source::parse(&server.url()).expect("url");
    server.rule(|p| {
        if p == "/metadata/timestamp.json" {
            Reply::Trickle
        } else {
            Reply::Normal
        }
    });
    let started = Instant::now();
    let error = update(&fixture.store, &source)
        .await
        .expect_err("trickle accepted");
    assert_eq!(error.code(), "update.deadline", "{error}");
    // The file has a few hundred bytes: without the deadline this would take minutes.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "not stopped: {:?}",
        started.elapsed()
    );
    fixture.assert_showing(1);
    println!(
        "one byte a second: stopped with update.deadline after {:.1} s (deadline {} s), {} bytes received",
        started.elapsed().as_secs_f64(),
        config().deadline.as_secs(),
        server.take_sent()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_download_then_a_good_one_succeeds() {
    let fixture = Fixture::new().await;
    fixture.publish("content2", &["report three"]).await;
    let server = Server::start(fixture.path().join("repo"));
    let source = Source::parse(&server.url()).expect("url");
    let cut = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let once = cut.clone();
    server.rule(move |p| {
        if p.ends_with(".content.db") && !once.swap(true, std::sync::atomic::Ordering::SeqCst) {
            Reply::Truncate(1000)
        } else {
            Reply::Normal
        }
    });
    let error = update(&fixture.store, &source)
        .await
        .expect_err("truncated accepted");
    fixture.assert_showing(1);
    assert!(
        cut.load(std::sync::atomic::Ordering::SeqCst),
        "the content DB was never requested"
    );
    assert_eq!(
        update_and_activate(&fixture.store, &source)
            .await
            .expect("second try"),
        2
    );
    fixture.assert_showing(2);
    println!(
        "truncated download: first refused ({}), second succeeded (version 2 active)",
        error.code()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_folder_removed_mid_import_leaves_the_old_content_and_a_later_import_works() {
    let fixture = Fixture::new().await;
    fixture
        .publish("content2", &["report three", "report four"])
        .await;
    let stick = fixture.snapshot_repo("stick");
    let source = Source::Folder(stick.clone());
    let lock = fixture.store.lock().expect("lock");
    let checked = compass_update::Checked::load(&fixture.store, &lock, &source, &config())
        .await
        .expect("metadata");
    let unplugged = fixture.path().join("unplugged");
    std::fs::rename(&stick, &unplugged).expect("unplug");
    let error = checked
        .stage(&fixture.store, &lock, &mut |_| {})
        .await
        .expect_err("import without the stick");
    drop(lock);
    println!("stick removed mid-import: {} ({error})", error.code());
    assert_eq!(error.code(), "update.unreachable");
    fixture.assert_showing(1);
    std::fs::rename(&unplugged, &stick).expect("plug in again");
    assert_eq!(
        update_and_activate(&fixture.store, &source)
            .await
            .expect("later import"),
        2
    );
    fixture.assert_showing(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_that_missed_two_root_versions_catches_up() {
    let fixture = Fixture::new().await;
    let v2 = fixture
        .repo
        .rotate_key(RoleType::Root)
        .await
        .expect("rotate root");
    let v3 = fixture
        .repo
        .rotate_key(RoleType::Targets)
        .await
        .expect("rotate targets");
    assert_eq!((v2, v3), (2, 3));
    fixture.publish("content2", &["report three"]).await;
    let before =
        compass_update::fetch::check_root(&fixture.store.anchor().expect("anchor").expect("some"))
            .expect("root");
    let version = update_and_activate(&fixture.store, &fixture.folder())
        .await
        .expect("catch up");
    let after =
        compass_update::fetch::check_root(&fixture.store.anchor().expect("anchor").expect("some"))
            .expect("root");
    assert_eq!(
        (before.signed.version.get(), after.signed.version.get()),
        (1, 3)
    );
    fixture.assert_showing(version);
    let retired = std::fs::read_dir(fixture.path().join("keys/retired"))
        .expect("retired")
        .count();
    println!(
        "key rotation: kiosk on root 1 caught up to root 3 (2 missed), content version {version}; {retired} keys retired"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unchanged_report_files_are_not_downloaded_again() {
    let fixture = Fixture::new().await;
    fixture
        .publish("content2", &["report one", "report two", "report three"])
        .await;
    let server = Server::start(fixture.path().join("repo"));
    let source = Source::parse(&server.url()).expect("url");
    let lock = fixture.store.lock().expect("lock");
    let mut reused = 0;
    let mut fetched = 0;
    let outcome = compass_update::update(&fixture.store, &lock, &source, &config(), &mut |p| {
        if let Progress::File { reused: r, .. } = p {
            if r { reused += 1 } else { fetched += 1 }
        }
    })
    .await
    .expect("update");
    assert!(matches!(outcome, Outcome::Staged(_)));
    let requested = server
        .take_requests()
        .iter()
        .filter(|p| p.starts_with("/targets/"))
        .count();
    assert_eq!(
        (reused, fetched, requested),
        (2, 2, 2),
        "two reports unchanged; a new DB and a new report"
    );
    println!(
        "unchanged files: {reused} reused from the kept release, {fetched} downloaded ({requested} target requests)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rollback_returns_to_the_previous_version_and_it_is_not_fetched_again() {
    let fixture = Fixture::new().await;
    assert_eq!(
        fixture
            .publish_and_show("content2", &["report three"])
            .await,
        2
    );
    let lock = fixture.store.lock().expect("lock");
    assert_eq!(fixture.store.rollback(&lock).expect("rollback").version, 1);
    assert!(matches!(
        fixture.store.rollback(&lock),
        Err(Error::NoPrevious)
    ));
    drop(lock);
    fixture.assert_showing(1);
    assert_eq!(
        update(&fixture.store, &fixture.folder())
            .await
            .expect("check"),
        Outcome::Current { offered: 2 }
    );
    assert_eq!(
        fixture.publish_and_show("content3", &["report four"]).await,
        3
    );
    fixture.assert_showing(3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_updater_is_told_the_store_is_busy() {
    let fixture = Fixture::new().await;
    let _held = fixture.store.lock().expect("lock");
    let other = Store::open(fixture.store.root()).expect("open twice");
    assert!(matches!(other.lock(), Err(Error::Busy)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_without_a_trusted_root_refuses_to_update() {
    let fixture = Fixture::new().await;
    let store = Store::open(&fixture.path().join("untrusting")).expect("store");
    let error = update(&store, &fixture.folder())
        .await
        .expect_err("no trust");
    assert_eq!(error.code(), "update.no_trust");
    let lock = store.lock().expect("lock");
    assert!(store.trust_initial_root(&lock, b"{\"signed\": 1}").is_err());
    assert!(store.trust_initial_root(&lock, b"").is_err());
}

/// A size-limited tmpfs, unmounted on drop. Mounting needs root, as CI runs.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> SmallDisk {
        std::fs::create_dir_all(at).expect("mount point");
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .status()
            .expect("run mount");
        assert!(
            status.success(),
            "mounting a {size} tmpfs at {} needs root (CI runs as root)",
            at.display()
        );
        SmallDisk(at.to_owned())
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_space_while_staging_keeps_the_old_content_with_a_clear_error() {
    let fixture = Fixture::new().await;
    let big = "x".repeat(3 << 20);
    fixture.publish("content2", &["report three", &big]).await;
    let disk = SmallDisk::mount(&fixture.path().join("small"), "2m");
    copy_dir(fixture.store.root(), &disk.0.join("kiosk"));
    let store = Store::open(&disk.0.join("kiosk")).expect("store on the small disk");
    let error = update(&store, &fixture.folder())
        .await
        .expect_err("staged more than the disk holds");
    assert_eq!(error.code(), "update.no_space", "{error}");
    let current = store.current().expect("current").expect("some");
    assert_eq!(current.version, 1);
    store.verify(&current).expect("old content intact");
    assert_eq!(store.pending().expect("pending"), None);
    let staging_left = std::fs::read_dir(disk.0.join("kiosk/staging"))
        .expect("staging")
        .count();
    assert_eq!(staging_left, 0, "a failed staging is cleaned up");
    println!(
        "no space: {} ({error}); version 1 intact, staging empty",
        error.code()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_version_is_refused_even_when_the_trust_store_is_lost() {
    let fixture = Fixture::new().await;
    let old = fixture.snapshot_repo("repo-v1");
    assert_eq!(
        fixture
            .publish_and_show("content2", &["report three"])
            .await,
        2
    );
    // tough's datastore and our copies of it are gone (a disk repair, a careless operator).
    std::fs::remove_dir_all(fixture.store.root().join("trust/tuf")).expect("remove datastore");
    std::fs::remove_dir_all(fixture.store.root().join("trust/backup")).expect("remove backup");
    let error = update(&fixture.store, &Source::Folder(old))
        .await
        .expect_err("older accepted");
    assert_eq!(error.code(), "update.rollback", "{error}");
    fixture.assert_showing(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_torn_trust_store_file_is_restored_from_its_copy() {
    let fixture = Fixture::new().await;
    let old = fixture.snapshot_repo("repo-v1");
    assert_eq!(
        fixture
            .publish_and_show("content2", &["report three"])
            .await,
        2
    );
    let timestamp = fixture.store.root().join("trust/tuf/timestamp.json");
    let good = std::fs::read(&timestamp).expect("timestamp");
    std::fs::write(&timestamp, &good[..good.len() / 2]).expect("tear it");
    // tough alone would skip the torn file and accept the older timestamp; the copy keeps the check.
    let error = update(&fixture.store, &Source::Folder(old))
        .await
        .expect_err("older accepted");
    assert_eq!(error.code(), "update.rollback", "{error}");
    assert!(
        error.to_string().contains("timestamp"),
        "tough's own check refused it: {error}"
    );
    fixture.assert_showing(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_release_a_running_app_shows_is_never_collected() {
    let fixture = Fixture::new().await;
    fixture.store.set_in_use(Some(1)).expect("in use");
    for (n, name) in [(2, "content2"), (3, "content3")] {
        assert_eq!(fixture.publish_and_show(name, &["report three"]).await, n);
    }
    assert!(
        fixture.store.release_dir(1).join("content.db").is_file(),
        "version 1 was collected while shown"
    );
    fixture.store.set_in_use(Some(3)).expect("in use");
    assert_eq!(
        fixture.publish_and_show("content4", &["report four"]).await,
        4
    );
    assert!(
        !fixture.store.release_dir(1).exists(),
        "version 1 kept after it is no longer shown"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rollback_drops_a_pending_release_and_keeps_it_from_coming_back() {
    let fixture = Fixture::new().await;
    assert_eq!(
        fixture
            .publish_and_show("content2", &["report three"])
            .await,
        2
    );
    fixture.publish("content3", &["report four"]).await;
    assert!(matches!(
        update(&fixture.store, &fixture.folder())
            .await
            .expect("stage v3"),
        Outcome::Staged(_)
    ));
    let lock = fixture.store.lock().expect("lock");
    assert_eq!(fixture.store.rollback(&lock).expect("rollback").version, 1);
    assert_eq!(
        fixture.store.activate_pending(&lock).expect("activate"),
        None,
        "v3 must not come back"
    );
    drop(lock);
    fixture.assert_showing(1);
    assert_eq!(
        update(&fixture.store, &fixture.folder())
            .await
            .expect("check"),
        Outcome::Current { offered: 3 }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stick_with_a_space_in_its_label_is_read() {
    let fixture = Fixture::new().await;
    fixture.publish("content2", &["report three"]).await;
    let stick = fixture.snapshot_repo("USB DISK ÄÖ/safety-compass");
    assert_eq!(
        update_and_activate(&fixture.store, &Source::Folder(stick))
            .await
            .expect("import"),
        2
    );
    fixture.assert_showing(2);
}

/// A FIFO (or a device) where a stick or folder source has a file is refused at once, never opened: a
/// FIFO would block the import forever. The kiosk keeps what it shows and takes a sound copy later.
#[cfg(unix)] // symbolic links and FIFOs as Unix makes them
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn special_files_on_a_stick_are_refused_at_once() {
    let fixture = Fixture::new().await;
    fixture.publish("content2", &["report three"]).await;
    // The newest version's files: its timestamp, its snapshot and a target it names.
    let newest = |folder: &str, wanted: &dyn Fn(&str) -> bool| -> String {
        let mut names: Vec<String> = std::fs::read_dir(fixture.path().join("repo").join(folder))
            .expect("repository folder")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|name| wanted(name))
            .collect();
        names.sort_by_key(|name| {
            name.split('.')
                .next()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        });
        format!("{folder}/{}", names.last().expect("a file"))
    };
    let victims = [
        "metadata/timestamp.json".to_owned(),
        newest("metadata", &|name| name.ends_with(".snapshot.json")),
        newest("targets", &|_| true),
    ];
    for victim in &victims {
        let stick = fixture.snapshot_repo(&format!("stick-{}", victim.replace('/', "-")));
        let file = stick.join(victim);
        std::fs::remove_file(&file).expect("remove");
        let made = std::process::Command::new("mkfifo")
            .arg(&file)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let source = Source::Folder(stick.clone());
        // A hang is the failure this guards against; the bound only turns it into a message.
        let result = tokio::time::timeout(
            std::time::Duration::from_secs(60),
            update(&fixture.store, &source),
        )
        .await
        .unwrap_or_else(|_| panic!("the import blocked on the FIFO at {victim}"));
        let error = result.expect_err("a FIFO accepted as metadata");
        println!("FIFO at {victim}: {} ({error})", error.code());
        fixture.assert_showing(1);
    }
    assert_eq!(
        update_and_activate(&fixture.store, &fixture.folder())
            .await
            .expect("the sound folder"),
        2
    );
}

/// The server's answer to one path, every other path served as it is.
fn on(path: &str, reply: Reply) -> impl Fn(&str) -> Reply + Send + Sync + 'static {
    let path = path.to_owned();
    move |p| {
        if p == path {
            reply.clone()
        } else {
            Reply::Normal
        }
    }
}

/// A redirect to another origin (another port, host or scheme) is refused with `update.redirect`
/// and never followed; redirects within the source's origin are followed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_to_another_origin_is_refused_and_one_within_it_is_followed() {
    let fixture = Fixture::new().await;
    fixture.publish("content2", &["report three"]).await;
    let server = Server::start(fixture.path().join("repo"));
    let other = Server::start(fixture.path().join("repo"));
    let source = Source::parse(&server.url()).expect("url");
    let target = format!("/targets/{}", newest_content_db(&fixture));
    let cases = [
        (
            "/metadata/timestamp.json".to_owned(),
            format!("http://127.0.0.1:{}/metadata/timestamp.json", other.port),
        ),
        (
            "/metadata/timestamp.json".to_owned(),
            format!("http://localhost:{}/metadata/timestamp.json", server.port),
        ),
        (
            "/metadata/timestamp.json".to_owned(),
            format!("https://127.0.0.1:{}/metadata/timestamp.json", server.port),
        ),
        (
            "/metadata/2.snapshot.json".to_owned(),
            format!("http://127.0.0.1:{}/metadata/2.snapshot.json", other.port),
        ),
        (
            target.clone(),
            format!("http://127.0.0.1:{}{target}", other.port),
        ),
    ];
    for (path, to) in &cases {
        server.rule(on(path, Reply::Redirect(to.clone())));
        let error = update(&fixture.store, &source)
            .await
            .expect_err("a redirect to another origin was followed");
        assert_eq!(error.code(), "update.redirect", "{path} → {to}: {error}");
        assert!(error.to_string().contains(to.as_str()), "{error}");
        assert_eq!(error.exit_status(), 22);
        assert!(
            other.take_requests().is_empty(),
            "the other origin was asked"
        );
        fixture.assert_showing(1);
        println!("{path} → {to}: {} ({error})", error.code());
    }
    // Within the origin: the metadata and the target moved on the same server.
    let moved = target.clone();
    server.rule(move |p| match p {
        "/metadata/timestamp.json" => Reply::Redirect("/metadata/timestamp.json?moved".into()),
        p if p == moved => Reply::Redirect(format!("{p}?moved")),
        _ => Reply::Normal,
    });
    assert_eq!(
        update_and_activate(&fixture.store, &source)
            .await
            .expect("same-origin redirects"),
        2
    );
    let requests = server.take_requests();
    assert!(
        requests.contains(&format!("{target}?moved")),
        "{requests:?}"
    );
    fixture.assert_showing(2);
}

/// The name of the newest release's content DB in `targets/`.
fn newest_content_db(fixture: &Fixture) -> String {
    std::fs::read_dir(fixture.path().join("repo/targets"))
        .expect("targets")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".content.db"))
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .expect("content.db target")
}

/// A test certificate authority (rcgen) and the server certificates it issues.
struct TestCa {
    issuer: rcgen::CertifiedIssuer<'static, rcgen::KeyPair>,
    pem: PathBuf,
}

impl TestCa {
    fn new(dir: &Path, name: &str) -> TestCa {
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::CrlSign,
            rcgen::KeyUsagePurpose::DigitalSignature,
        ];
        let key = rcgen::KeyPair::generate().expect("CA key");
        let issuer = rcgen::CertifiedIssuer::self_signed(params, key).expect("CA certificate");
        let pem = dir.join(format!("{name}.pem"));
        std::fs::write(&pem, issuer.pem()).expect("CA file");
        TestCa { issuer, pem }
    }

    /// A server's TLS settings with a certificate for `names`, valid until `not_after`.
    fn server(
        &self,
        names: &[&str],
        not_after: (i32, u8, u8),
    ) -> std::sync::Arc<rustls::ServerConfig> {
        let key = rcgen::KeyPair::generate().expect("server key");
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = rcgen::CertificateParams::new(names).expect("params");
        params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        params.not_after = rcgen::date_time_ymd(not_after.0, not_after.1, not_after.2);
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
        let cert = params
            .signed_by(&key, &self.issuer)
            .expect("server certificate");
        let private = rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der());
        let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone(), self.issuer.der().clone()],
                private.into(),
            )
            .expect("server TLS settings");
        std::sync::Arc::new(config)
    }
}

/// HTTPS against a loopback server whose certificate a test CA issued: with the CA as `ca_file`
/// the kiosk fetches and verifies the update; a certificate for another name, an expired one, one
/// from an untrusted CA, and no CA file at all are each refused with `update.certificate` saying why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_with_a_test_ca_works_and_a_wrong_name_or_expired_certificate_is_refused() {
    let fixture = Fixture::new().await;
    fixture.publish("content2", &["report three"]).await;
    let repo = fixture.path().join("repo");
    let ca = TestCa::new(fixture.path(), "test-ca");
    let stranger = TestCa::new(fixture.path(), "other-ca");
    let with_ca = |file: Option<&Path>| FetchConfig {
        ca_file: file.map(Path::to_owned),
        ..config()
    };
    let https = |server: &Server| {
        Source::parse(&format!("https://localhost:{}/", server.port)).expect("https url")
    };
    let valid = (2099, 1, 1);
    let cases = [
        (
            "wrong host name",
            ca.server(&["updates.example.org"], valid),
            Some(ca.pem.as_path()),
            "another host name",
        ),
        (
            "expired",
            ca.server(&["localhost"], (2021, 1, 1)),
            Some(ca.pem.as_path()),
            "expired",
        ),
        (
            "another CA",
            stranger.server(&["localhost"], valid),
            Some(ca.pem.as_path()),
            "not issued by a trusted",
        ),
        (
            "no CA file",
            ca.server(&["localhost"], valid),
            None,
            "not issued by a trusted",
        ),
    ];
    for (case, tls, ca_file, why) in cases {
        let server = Server::start_tls(repo.clone(), tls);
        let lock = fixture.store.lock().expect("lock");
        let error = compass_update::update(
            &fixture.store,
            &lock,
            &https(&server),
            &with_ca(ca_file),
            &mut |_| {},
        )
        .await
        .expect_err("a refused certificate was accepted");
        drop(lock);
        assert_eq!(error.code(), "update.certificate", "{case}: {error}");
        assert!(error.to_string().contains(why), "{case}: {error}");
        assert_eq!(error.exit_status(), 21);
        fixture.assert_showing(1);
        println!("{case}: {} ({error})", error.code());
    }
    // A CA file that holds no certificate is refused before anything is fetched.
    let empty = fixture.path().join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").expect("write");
    let server = Server::start_tls(repo.clone(), ca.server(&["localhost"], valid));
    let lock = fixture.store.lock().expect("lock");
    let error = compass_update::update(
        &fixture.store,
        &lock,
        &https(&server),
        &with_ca(Some(&empty)),
        &mut |_| {},
    )
    .await
    .expect_err("an empty CA file was accepted");
    assert_eq!(error.code(), "update.certificate", "{error}");
    assert!(server.take_requests().is_empty());
    // The good certificate: fetched, verified, staged and shown.
    let outcome = compass_update::update(
        &fixture.store,
        &lock,
        &https(&server),
        &with_ca(Some(&ca.pem)),
        &mut |_| {},
    )
    .await
    .expect("update over https");
    assert!(
        matches!(outcome, Outcome::Staged(ref r) if r.version == 2),
        "{outcome:?}"
    );
    fixture.store.activate_pending(&lock).expect("activate");
    drop(lock);
    fixture.assert_showing(2);
    assert!(
        server
            .take_requests()
            .iter()
            .any(|p| p.starts_with("/targets/")),
        "the release came over https"
    );
}

/// A stick that holds only part of a repository (a metadata file or a target missing) fails with
/// the same error every time, keeps the current content, and leaves nothing staged. (That the kiosk
/// does not check such a stick again and again is the session's rule: `compass-kiosk`'s
/// `a_stick_that_keeps_failing_is_not_checked_again_until_it_is_plugged_in_again`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stick_with_part_of_a_repository_is_refused_the_same_way_each_time() {
    let fixture = Fixture::new().await;
    fixture.publish("content2", &["report three"]).await;
    let missing = [
        "metadata/2.snapshot.json".to_owned(),
        "metadata/2.targets.json".to_owned(),
        format!("targets/{}", newest_content_db(&fixture)),
    ];
    for file in &missing {
        let stick = fixture.snapshot_repo(&format!("partial-{}", file.replace('/', "-")));
        std::fs::remove_file(stick.join(file)).expect("remove");
        let source = Source::Folder(stick);
        let mut codes = Vec::new();
        for _ in 0..3 {
            let error = update(&fixture.store, &source)
                .await
                .expect_err("a partial repository was accepted");
            codes.push(error.code());
            fixture.assert_showing(1);
        }
        assert_eq!(codes, ["update.unreachable"; 3], "{file}");
        let staging = std::fs::read_dir(fixture.store.root().join("staging"))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(staging, 0, "{file}: staging left behind");
        println!("stick without {file}: {:?}", codes);
    }
}
