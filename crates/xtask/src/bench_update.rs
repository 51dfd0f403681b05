//! The update benchmark: the time a kiosk takes to verify and activate a signed release (TUF
//! metadata through tough, every target's length and hash, `PRAGMA integrity_check`, fsync, the
//! pointer flip), for the seed content and for a synthetic directory (default 10,000 services).
//! Baseline, measured in the same run on the same files: copying them into a folder with fsync and
//! running `integrity_check` — what an unsigned update would cost at least. Prints the median of
//! several runs and the ratio signed / baseline.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use compass_update::{FetchConfig, Repo, RepoConfig, Source, Store};

const RUNS: usize = 5;

pub fn run(args: &[String]) -> Result<()> {
    let mut services = 10_000;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--services" => {
                services = args
                    .next()
                    .context("--services needs a number")?
                    .parse()
                    .context("--services")?;
            }
            other => bail!("unknown option {other:?} (use --services N)"),
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let dir = tempfile::tempdir()?;
    let seed_dir = dir.path().join("seed");
    let seed = crate::root().join("resources/content");
    let loaded = compass_content::source::load(&seed);
    compass_content::build::build(&loaded.content, &seed, &seed_dir.join("content.db"))?;
    let synthetic_dir = dir.path().join("synthetic");
    let mut rng = crate::bench::Rng(0x5AFE_C0DE_2026);
    let (content, _) = crate::bench::synthetic(services, &mut rng);
    compass_content::build::build(&content, &synthetic_dir, &synthetic_dir.join("content.db"))?;
    println!(
        "verify and activate a signed release: median of {RUNS} runs, baseline = copy + fsync + integrity_check"
    );
    for (name, content) in [
        ("seed".to_owned(), seed_dir),
        (format!("synthetic {services} services"), synthetic_dir),
    ] {
        measure(&runtime, dir.path(), &name, &content)?;
    }
    Ok(())
}

fn measure(
    runtime: &tokio::runtime::Runtime,
    dir: &Path,
    name: &str,
    content: &Path,
) -> Result<()> {
    let work = dir.join(name.replace(' ', "-"));
    let repo_dir = work.join("repo");
    let repo = Repo::new(&repo_dir, &work.join("keys"))?;
    let root = runtime.block_on(repo.init(&RepoConfig::default()))?;
    let root = std::fs::read(root)?;
    let started = Instant::now();
    runtime.block_on(repo.publish(content, &mut |_| {}))?;
    let publish = started.elapsed();
    let size = std::fs::metadata(content.join("content.db"))?.len();
    let mut signed = Vec::new();
    let mut baseline = Vec::new();
    for run in 0..RUNS {
        let kiosk = work.join(format!("kiosk-{run}"));
        let store = Store::open(&kiosk)?;
        let lock = store.lock()?;
        store.trust_initial_root(&lock, &root)?;
        let started = Instant::now();
        let source = Source::Folder(repo_dir.clone());
        runtime.block_on(compass_update::update(
            &store,
            &lock,
            &source,
            &FetchConfig::default(),
            &mut |_| {},
        ))?;
        store
            .activate_pending(&lock)?
            .context("nothing was activated")?;
        signed.push(started.elapsed());

        let copy = work.join(format!("copy-{run}"));
        let started = Instant::now();
        copy_synced(&content.join("content.db"), &copy.join("content.db"))?;
        let db = compass_content::ContentDb::open(&copy.join("content.db"))?;
        anyhow::ensure!(db.integrity_ok()?, "integrity_check failed on the copy");
        baseline.push(started.elapsed());
    }
    let (signed, baseline) = (median(&mut signed), median(&mut baseline));
    println!(
        "{name}: content.db {:.1} MiB; publish {:.0} ms; verify+stage+activate {:.0} ms; baseline {:.0} ms; ratio {:.2}x",
        size as f64 / (1024.0 * 1024.0),
        ms(publish),
        ms(signed),
        ms(baseline),
        signed.as_secs_f64() / baseline.as_secs_f64().max(1e-9),
    );
    Ok(())
}

fn copy_synced(from: &Path, to: &Path) -> Result<()> {
    let dir = to.parent().context("no parent")?;
    std::fs::create_dir_all(dir)?;
    std::fs::copy(from, to)?;
    std::fs::File::open(to)?.sync_all()?;
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

fn median(values: &mut [Duration]) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
