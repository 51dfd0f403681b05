//! Morphology: the word forms of `tests/morphology.toml` meet, and the pairs there stay apart, through
//! the whole search path (build-time stems in the index, query-time stems of what is typed).

use std::collections::BTreeMap;

use compass_content::model::{Article, Content, Provenance, TranslationStatus, Verification};
use compass_content::{ContentDb, SearchQuery};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    meet: Vec<Vec<String>>,
    apart: Vec<[String; 2]>,
}

fn tables() -> BTreeMap<String, Table> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/morphology.toml");
    let text = std::fs::read_to_string(path).expect("read morphology.toml");
    toml::from_str(&text).expect("parse morphology.toml")
}

/// One article per word form, titled with the form alone, in its language; its id names the form.
fn db_of(
    tables: &BTreeMap<String, Table>,
) -> (tempfile::TempDir, ContentDb, BTreeMap<String, String>) {
    let mut ids = BTreeMap::new();
    let mut articles = Vec::new();
    for (locale, table) in tables {
        let words = table
            .meet
            .iter()
            .flatten()
            .chain(table.apart.iter().flatten());
        for word in words {
            let key = format!("{locale}:{word}");
            if ids.contains_key(&key) {
                continue;
            }
            let id = format!("w-{}", ids.len());
            ids.insert(key, id.clone());
            articles.push(Article {
                id,
                order: 1,
                topics: Vec::new(),
                translation: [(locale.clone(), TranslationStatus::Original)].into(),
                provenance: Provenance {
                    source: "https://example.org".to_owned(),
                    verified_on: "2026-11-01".to_owned(),
                    status: Verification::Verified,
                    note: None,
                },
                body: [(locale.clone(), format!("# {word}\n"))].into(),
                keywords: BTreeMap::new(),
            });
        }
    }
    let content = Content {
        articles,
        ..Content::default()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("content.db");
    compass_content::build::build(&content, dir.path(), &path).expect("build");
    let db = ContentDb::open(&path).expect("open");
    (dir, db, ids)
}

/// The ids a visitor finds by typing `word` as a whole word (no prefix matching: forms must meet by
/// their stems, not because one begins the other).
fn found(db: &ContentDb, word: &str) -> Vec<String> {
    let query = SearchQuery {
        prefix: false,
        limit: 10_000,
        ..SearchQuery::new(word)
    };
    db.search(&query)
        .expect("search")
        .into_iter()
        .map(|hit| hit.id)
        .collect()
}

#[test]
fn forms_of_a_word_meet_and_different_words_stay_apart() {
    let tables = tables();
    assert_eq!(
        tables.keys().map(String::as_str).collect::<Vec<_>>(),
        ["en", "et", "lv", "ru", "uk"]
    );
    let (_dir, db, ids) = db_of(&tables);
    let mut failures = Vec::new();
    for (locale, table) in &tables {
        let forms: usize = table.meet.iter().map(Vec::len).sum();
        assert!(forms >= 30, "{locale}: {forms} forms, at least 30 wanted");
        assert!(table.apart.len() >= 10, "{locale}: fewer than 10 pairs");
        for group in &table.meet {
            for typed in group {
                let hits = found(&db, typed);
                for other in group {
                    if !hits.contains(&ids[&format!("{locale}:{other}")]) {
                        failures.push(format!("{locale}: {typed:?} does not find {other:?}"));
                    }
                }
            }
        }
        for [a, b] in &table.apart {
            for (typed, other) in [(a, b), (b, a)] {
                if found(&db, typed).contains(&ids[&format!("{locale}:{other}")]) {
                    failures.push(format!("{locale}: {typed:?} finds {other:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
