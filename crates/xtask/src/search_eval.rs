//! `cargo xtask search-eval [--file F] [--verbose]`: how well search finds what a visitor needs.
//!
//! Builds the seed content (`resources/content`) into a temporary DB, runs every query of the evaluation
//! file (`crates/xtask/search-eval.toml`: locale, kiosk country, what the visitor types, the entries that
//! should come first) through `ContentDb::search` exactly as the kiosk asks it (as-you-type, the kiosk's
//! country, visitor mode), and prints recall@3 per locale: for each query |expected ∩ top 3| /
//! min(|expected|, 3), averaged. `--verbose` lists the queries that missed.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use compass_content::{ContentDb, SearchQuery};
use serde::Deserialize;

/// Hits counted.
const TOP: usize = 3;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvalFile {
    query: Vec<EvalQuery>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvalQuery {
    locale: String,
    country: String,
    text: String,
    expect: Vec<String>,
}

/// Per-locale sums.
#[derive(Debug, Default)]
struct Score {
    queries: usize,
    recall: f64,
    perfect: usize,
}

pub fn run(args: &[String]) -> Result<()> {
    let mut file = crate::root().join("crates/xtask/search-eval.toml");
    let mut verbose = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--file" => file = PathBuf::from(args.next().context("--file needs a path")?),
            "--verbose" => verbose = true,
            other => bail!("unknown option {other:?} (use --file F, --verbose)"),
        }
    }
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let eval: EvalFile =
        toml::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;

    let source = crate::root().join("resources/content");
    let loaded = compass_content::source::load(&source);
    let dir = tempfile::tempdir()?;
    let db_path = dir.path().join("content.db");
    compass_content::build::build(&loaded.content, &source, &db_path)
        .context("building the seed content")?;
    let db = ContentDb::open(&db_path)?;

    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    for (n, q) in eval.query.iter().enumerate() {
        if q.expect.is_empty() {
            bail!(
                "{}: query {} ({:?}) expects nothing",
                file.display(),
                n + 1,
                q.text
            );
        }
        let country = compass_content::parse_country(&q.country)?;
        let query = SearchQuery {
            locale: &q.locale,
            kiosk_country: Some(&country),
            limit: TOP,
            ..SearchQuery::new(&q.text)
        };
        let found: Vec<String> = db.search(&query)?.into_iter().map(|hit| hit.id).collect();
        let wanted = q.expect.len().min(TOP);
        let got = q
            .expect
            .iter()
            .filter(|id| found.contains(id))
            .count()
            .min(wanted);
        let recall = got as f64 / wanted as f64;
        let score = scores.entry(&q.locale).or_default();
        score.queries += 1;
        score.recall += recall;
        score.perfect += usize::from(got == wanted);
        if verbose && got < wanted {
            println!(
                "miss  {} {} {:?}: top {TOP} {:?}, expected {:?}",
                q.locale, q.country, q.text, found, q.expect
            );
        }
    }
    println!(
        "\n{:<8} {:>8} {:>10} {:>14}",
        "locale", "queries", "recall@3", "all expected"
    );
    let (mut queries, mut recall) = (0, 0.0);
    for (locale, score) in &scores {
        println!(
            "{locale:<8} {:>8} {:>10.2} {:>14}",
            score.queries,
            score.recall / score.queries as f64,
            score.perfect
        );
        queries += score.queries;
        recall += score.recall;
    }
    println!(
        "{:<8} {queries:>8} {:>10.2}",
        "all",
        recall / queries.max(1) as f64
    );
    Ok(())
}
