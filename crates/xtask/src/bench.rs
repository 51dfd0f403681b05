//! The search benchmark: a synthetic directory of services in five locales, built into a content DB,
//! queried with whole words and with prefixes (as a visitor types), next to a LIKE-scan baseline run
//! on the same DB in the same run. Prints p50/p99 latency and the ratio baseline / FTS.
//!
//! The synthetic text is made of invented words per locale (with Latvian and Estonian diacritics and
//! Cyrillic), invented numbers and invented names: no real organisation or number.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use compass_content::model::{
    Audience, Channel, ChannelKind, Content, Hours, Organization, Provenance, Service, ServiceKind,
    Text, TextValue, TranslationStatus, Verification,
};
use compass_content::{ContentDb, SearchQuery};

use compass_content::check::LAUNCH_LOCALES as LOCALES;
const COUNTRIES: [&str; 3] = ["LV", "EE", "GB"];
const TOPICS: [&str; 6] = [
    "trafficking",
    "labour-exploitation",
    "sham-marriage",
    "legal-aid",
    "emotional-support",
    "job-offer-check",
];

/// Syllables per locale; words are made of two or three of them.
const SYLLABLES: [(&str, &[&str]); 5] = [
    (
        "lv",
        &[
            "drō", "ša", "mā", "ja", "pa", "lī", "dzī", "bas", "ķe", "ņa", "ļo", "ti", "ģim",
            "ene", "dar", "bs", "čak", "žē",
        ],
    ),
    (
        "et",
        &[
            "nõu", "an", "de", "liin", "ab", "ii", "töö", "kä", "si", "öö", "pä", "ev", "ta", "lu",
            "mä", "ri", "sõ", "pe",
        ],
    ),
    (
        "en",
        &[
            "help", "line", "work", "safe", "ty", "sup", "port", "ad", "vice", "home", "care",
            "net", "ly", "ward", "ter", "mo", "pen", "sel",
        ],
    ),
    (
        "ru",
        &[
            "по", "мо", "щь", "ли", "ни", "я", "ра", "бо", "та", "дом", "со", "вет", "за", "щи",
            "та", "пра", "во", "ско",
        ],
    ),
    (
        "uk",
        &[
            "до", "по", "мо", "га", "лі", "ні", "я", "ро", "бо", "та", "ві", "ль", "ний", "їж",
            "єв", "ґа", "пра", "ва",
        ],
    ),
];

/// A small deterministic generator (xorshift64*), so every run benchmarks the same directory.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Options {
    services: usize,
    queries: usize,
    /// Queries for the LIKE baseline (a scan of the whole DB each: slow).
    like_queries: usize,
    /// Leave the synthetic DB here instead of deleting it.
    keep: Option<std::path::PathBuf>,
}

fn options(args: &[String]) -> Result<Options> {
    let mut options = Options {
        services: 100_000,
        queries: 400,
        like_queries: 100,
        keep: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--services" => options.services = number(args.next(), arg)?.max(5),
            "--queries" => options.queries = number(args.next(), arg)?.max(1),
            "--like-queries" => options.like_queries = number(args.next(), arg)?.max(1),
            "--keep" => options.keep = Some(args.next().context("--keep needs a folder")?.into()),
            other => bail!(
                "unknown option {other:?} (use --services N, --queries N, --like-queries N, --keep DIR)"
            ),
        }
    }
    Ok(options)
}

fn number(value: Option<&String>, name: &str) -> Result<usize> {
    let value = value.with_context(|| format!("{name} needs a number"))?;
    value
        .parse()
        .with_context(|| format!("{name} {value:?} is not a number"))
}

pub fn run(args: &[String]) -> Result<()> {
    let options = options(args)?;
    let mut rng = Rng(0x5AFE_C0DE_2026);
    let dir = std::env::temp_dir().join(format!("safety-compass-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let db_path = dir.join("content.db");

    eprintln!(
        "generating {} services in {} locales",
        options.services,
        LOCALES.len()
    );
    let (content, vocabulary) = synthetic(options.services, &mut rng);
    let started = Instant::now();
    let report = compass_content::build::build(&content, &dir, &db_path)
        .context("building the synthetic DB")?;
    let build_time = started.elapsed();
    drop(content);
    println!(
        "built {} services ({} MiB) in {:.1} s",
        options.services,
        report.size / (1024 * 1024),
        build_time.as_secs_f64()
    );

    let db = ContentDb::open(&db_path)?;
    let baseline = rusqlite::Connection::open_with_flags(
        &db_path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?;
    let words: Vec<String> = (0..options.queries)
        .map(|_| vocabulary[rng.below(vocabulary.len())].clone())
        .collect();
    let prefix =
        |n: usize| -> Vec<String> { words.iter().map(|w| w.chars().take(n).collect()).collect() };
    let (prefix1, prefix2, prefix3, prefix4) = (prefix(1), prefix(2), prefix(3), prefix(4));
    // Two words as typed: a whole word and the start of the next.
    let pairs: Vec<String> = words
        .iter()
        .zip(prefix3.iter().rev())
        .map(|(a, b)| format!("{a} {b}"))
        .collect();
    // What a visitor should not type but may: each must be as quick as a word.
    let hostile: Vec<String> = [
        "".to_owned(),
        "   ".to_owned(),
        "!!! ??? ...".to_owned(),
        "\"*() AND OR NOT NEAR(a b) ^x: {name}".to_owned(),
        "😀🆘 help 😀".to_owned(),
        "pasi паспорт passport".to_owned(),
        "xyzzyq zzqqxx".to_owned(),
        "a".repeat(10_000),
        "a b c d e f g h i j k l m n o p".to_owned(),
        "pa ".repeat(3_000),
    ]
    .into_iter()
    .cycle()
    .take(options.queries)
    .collect();

    println!(
        "\n{:<22} {:>10} {:>10} {:>12} {:>12} {:>8} {:>8}",
        "queries", "FTS p50", "FTS p99", "LIKE p50", "LIKE p99", "p50 x", "p99 x"
    );
    for (label, queries, prefix) in [
        ("whole words", &words, false),
        ("4-letter prefixes", &prefix4, true),
        ("3-letter prefixes", &prefix3, true),
        ("2-letter prefixes", &prefix2, true),
        ("1-letter prefixes", &prefix1, true),
        ("word + 3-letter prefix", &pairs, true),
        ("hostile inputs", &hostile, true),
    ] {
        let fts = measure(queries, |q| {
            let query = SearchQuery {
                prefix,
                limit: 20,
                kiosk_country: Some("LV"),
                locale: "lv",
                ..SearchQuery::new(q)
            };
            db.search(&query).map(|hits| hits.len()).map_err(Into::into)
        })?;
        let sample = &queries[..options.like_queries.min(queries.len())];
        let like = measure(sample, |q| like_scan(&baseline, q))?;
        let (f50, f99, l50, l99) = (pct(&fts, 50), pct(&fts, 99), pct(&like, 50), pct(&like, 99));
        println!(
            "{label:<22} {:>10} {:>10} {:>12} {:>12} {:>7.0}x {:>7.0}x",
            ms(f50),
            ms(f99),
            ms(l50),
            ms(l99),
            ratio(l50, f50),
            ratio(l99, f99)
        );
    }
    println!(
        "\n(FTS: ContentDb::search, 20 hits, ranked, diacritic- and script-insensitive; LIKE: a scan of every"
    );
    println!(
        " translated text for '%query%', grouped and ranked by matches, same DB, same run; {} queries each,",
        options.queries
    );
    println!(
        " the first {} of them for LIKE, which scans the whole DB each time)",
        options.like_queries.min(options.queries)
    );
    drop((db, baseline));
    if let Some(keep) = &options.keep {
        std::fs::create_dir_all(keep).with_context(|| format!("creating {}", keep.display()))?;
        let kept = keep.join("content.db");
        std::fs::rename(&db_path, &kept).or_else(|_| std::fs::copy(&db_path, &kept).map(drop))?;
        println!("kept the synthetic DB at {}", kept.display());
    }
    std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))?;
    Ok(())
}

/// The baseline: what search would be without an index.
fn like_scan(conn: &rusqlite::Connection, query: &str) -> Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity_id, count(*) AS n FROM translation WHERE text LIKE ?1 GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT 20",
    )?;
    let rows = stmt.query_map([format!("%{query}%")], |row| row.get::<_, String>(0))?;
    Ok(rows.count())
}

fn measure(queries: &[String], mut f: impl FnMut(&str) -> Result<usize>) -> Result<Vec<Duration>> {
    // One warm-up pass over a few queries so both sides start with the pages cached.
    for q in queries.iter().take(5) {
        f(q)?;
    }
    let mut times = Vec::with_capacity(queries.len());
    for q in queries {
        let started = Instant::now();
        f(q)?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times)
}

fn pct(sorted: &[Duration], p: usize) -> Duration {
    let index = (sorted.len() * p / 100).min(sorted.len().saturating_sub(1));
    sorted.get(index).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn ratio(baseline: Duration, fts: Duration) -> f64 {
    baseline.as_secs_f64() / fts.as_secs_f64().max(1e-9)
}

fn word(rng: &mut Rng, syllables: &[&str]) -> String {
    let n = 2 + rng.below(2);
    (0..n)
        .map(|_| syllables[rng.below(syllables.len())])
        .collect()
}

fn sentence(rng: &mut Rng, syllables: &[&str], words: usize) -> String {
    (0..words)
        .map(|_| word(rng, syllables))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A directory of `services` services (five per organisation) and the words that occur in it.
pub(crate) fn synthetic(services: usize, rng: &mut Rng) -> (Content, Vec<String>) {
    let provenance = Provenance {
        source: "https://example.org/synthetic".to_owned(),
        verified_on: "2026-11-01".to_owned(),
        status: Verification::Verified,
        note: None,
    };
    let translation: BTreeMap<String, TranslationStatus> = LOCALES
        .iter()
        .map(|l| {
            (
                (*l).to_owned(),
                if *l == "en" {
                    TranslationStatus::Original
                } else {
                    TranslationStatus::Machine
                },
            )
        })
        .collect();
    let mut vocabulary = Vec::new();
    let mut organizations = Vec::with_capacity(services / 5 + 1);
    for o in 0..services.div_ceil(5) {
        let country = COUNTRIES[o % COUNTRIES.len()];
        let tz = match country {
            "LV" => "Europe/Riga",
            "EE" => "Europe/Tallinn",
            _ => "Europe/London",
        };
        let services_here = (services - o * 5).min(5);
        let services = (0..services_here)
            .map(|s| {
                let n = o * 5 + s;
                Service {
                    id: format!("syn-service-{n}"),
                    kind: if s == 4 {
                        ServiceKind::Programme
                    } else {
                        ServiceKind::Hotline
                    },
                    topics: vec![TOPICS[n % TOPICS.len()].to_owned()],
                    audience: [Audience::Adults, Audience::Children, Audience::Both][n % 3],
                    languages: vec![LOCALES[n % LOCALES.len()].to_owned()],
                    free: Some(true),
                    anonymous: None,
                    interpreter: None,
                    confidential: false,
                    name: text(rng, 3, &mut vocabulary),
                    short_name: Text::new(),
                    order: None,
                    description: text(rng, 10, &mut vocabulary),
                    what_happens: text(rng, 6, &mut vocabulary),
                    eligibility: Text::new(),
                    how_to_start: Text::new(),
                    keywords: Default::default(),
                    locations: Vec::new(),
                    translation: None,
                    provenance: None,
                    channels: vec![Channel {
                        number: Some(format!("+3712{:07}", n % 10_000_000)),
                        hours: Some(Hours {
                            tz: tz.to_owned(),
                            always: false,
                            weekly: vec!["Mo-Fr 09:00-17:00".to_owned()],
                            exceptions: Vec::new(),
                        }),
                        ..Channel::new(ChannelKind::Voice)
                    }],
                }
            })
            .collect();
        organizations.push(Organization {
            id: format!("syn-org-{o}"),
            country: country.to_owned(),
            name: text(rng, 2, &mut vocabulary),
            description: Text::new(),
            keywords: Default::default(),
            website: None,
            email: None,
            confidential: false,
            translation: translation.clone(),
            provenance: provenance.clone(),
            locations: Vec::new(),
            services,
        });
    }
    vocabulary.sort();
    vocabulary.dedup();
    (
        Content {
            organizations,
            ..Content::default()
        },
        vocabulary,
    )
}

/// A text in every locale, `words` words long; remembers the first few thousand words for queries.
fn text(rng: &mut Rng, words: usize, vocabulary: &mut Vec<String>) -> Text {
    SYLLABLES
        .iter()
        .map(|(locale, syllables)| {
            let sentence = sentence(rng, syllables, words);
            if vocabulary.len() < 5000 {
                vocabulary.extend(sentence.split(' ').map(str::to_owned));
            }
            ((*locale).to_owned(), TextValue::Plain(sentence))
        })
        .collect()
}
