//! The update path across processes: `safety-compass update` (the headless command an operator
//! or script runs) is killed with SIGKILL at random points during staging and activation, at
//! least 200 times. After each kill the kiosk starts (the store is opened as the app opens it) on
//! the old or the new content, complete, and `PRAGMA integrity_check` passes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use compass_update::{FetchConfig, Repo, RepoConfig, Source, Store};

const KILLS: usize = 200;

/// A small xorshift generator: the kill points only need to spread, not be secret.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Seed content with `reports` report files of `size` bytes each (so staging takes a while).
fn content(dir: &Path, name: &str, reports: usize, size: usize) -> PathBuf {
    let out = dir.join(name);
    e2e::build_content(&e2e::root().join("resources/content"), &out);
    let attachments = out.join("attachments");
    std::fs::create_dir_all(&attachments).expect("attachments");
    for i in 0..reports {
        let mut bytes = format!("{name} report {i}\n").into_bytes();
        bytes.resize(size, b'.');
        use sha2::Digest as _;
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        std::fs::write(attachments.join(sha), bytes).expect("report file");
    }
    out
}

fn update_command(data: &Path, repo: &Path) -> Command {
    let mut command = Command::new(e2e::app_binary());
    command
        .args(["update", "--source"])
        .arg(repo)
        .arg("--data-dir")
        .arg(data)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// What a starting kiosk sees: the store recovered, and the version it shows, verified.
fn start_kiosk(data: &Path) -> u64 {
    let store = Store::open(&data.join("updates")).expect("the store opens after a kill");
    let current = store
        .current()
        .expect("pointer readable")
        .expect("some content is current");
    store
        .verify(&current)
        .expect("the current release is complete and passes integrity_check");
    let staging = std::fs::read_dir(data.join("updates/staging"))
        .expect("staging")
        .count();
    assert_eq!(staging, 0, "a killed staging is cleared at start");
    current.version
}

#[test]
fn killing_the_update_at_random_points_never_leaves_a_broken_kiosk() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let repo_dir = dir.path().join("repo");
    let repo = Repo::new(&repo_dir, &dir.path().join("keys")).expect("repo");
    let root = runtime
        .block_on(repo.init(&RepoConfig::default()))
        .expect("init");
    let v1 = content(dir.path(), "v1", 2, 1 << 20);
    runtime
        .block_on(repo.publish(&v1, &mut |_| {}))
        .expect("publish v1");

    // The template kiosk: trusts the root and shows version 1.
    let template = dir.path().join("template");
    {
        let store = Store::open(&template.join("updates")).expect("store");
        let lock = store.lock().expect("lock");
        store
            .trust_initial_root(&lock, &std::fs::read(&root).expect("root"))
            .expect("trust");
        let source = Source::Folder(repo_dir.clone());
        runtime
            .block_on(compass_update::update(
                &store,
                &lock,
                &source,
                &FetchConfig::default(),
                &mut |_| {},
            ))
            .expect("v1");
        store.activate_pending(&lock).expect("activate v1");
    }
    let v2 = content(dir.path(), "v2", 6, 1 << 20);
    runtime
        .block_on(repo.publish(&v2, &mut |_| {}))
        .expect("publish v2");

    // How long a whole update takes here (the median of five), to spread the kills over it.
    let mut runs = Vec::new();
    for run in 0..5 {
        let probe = dir.path().join(format!("probe-{run}"));
        e2e::copy_dir(&template, &probe);
        let started = Instant::now();
        let status = update_command(&probe, &repo_dir)
            .status()
            .expect("run update");
        runs.push(started.elapsed());
        assert!(status.success(), "a clean update failed: {status}");
        assert_eq!(start_kiosk(&probe), 2);
    }
    runs.sort();
    let full = runs[runs.len() / 2];

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    let (mut old, mut new, mut finished, mut i) = (0, 0, 0, 0);
    // A little past a typical run, so some kills land after the switch too.
    let span = full.as_micros() as u64 * 11 / 10;
    while i - finished < KILLS {
        assert!(
            i < 4 * KILLS,
            "too few kills landed before the update finished ({finished} of {i})"
        );
        i += 1;
        let data = dir.path().join(format!("kiosk-{i}"));
        e2e::copy_dir(&template, &data);
        let mut child = update_command(&data, &repo_dir)
            .spawn()
            .expect("spawn update");
        std::thread::sleep(Duration::from_micros(rng.next() % span.max(1)));
        if child.try_wait().expect("poll").is_some() {
            finished += 1;
        } else {
            child.kill().expect("SIGKILL");
        }
        child.wait().expect("reap");
        match start_kiosk(&data) {
            1 => old += 1,
            2 => new += 1,
            other => panic!("kill {i}: version {other} is neither the old nor the new"),
        }
        // Every tenth kiosk updates again after the kill: the next run must finish the job.
        if i % 10 == 1 {
            let status = update_command(&data, &repo_dir)
                .status()
                .expect("update after a kill");
            assert!(
                status.success() || status.code() == Some(1),
                "update after kill {i}: {status}"
            );
            assert_eq!(start_kiosk(&data), 2, "after kill {i} and a new update");
        }
        std::fs::remove_dir_all(&data).expect("clean up");
    }
    println!(
        "kill -9 during update: {} runs, {KILLS} killed at random points in 0..{:.0} ms (1.1 x the median of five full \
         updates; seed {seed}), {finished} finished before their kill; after every run the kiosk \
         started on complete content that passed integrity_check: {old} on the old version, {new} on the new; \
         {} re-updates after a kill all reached the new version",
        i,
        span as f64 / 1000.0,
        i.div_ceil(10)
    );
    assert!(
        old > 0 && new > 0,
        "the kills should land on both sides of the switch (old {old}, new {new})"
    );
}
