//! Search: prefixes, diacritics, scripts, ranking, filters, and no input that breaks it.

use compass_content::model::Audience;
use compass_content::{ContentDb, Filters, Matched, SearchQuery};
use proptest::prelude::*;

use crate::mini_db;

fn ids(db: &ContentDb, query: &SearchQuery<'_>) -> Vec<String> {
    db.search(query)
        .expect("search")
        .into_iter()
        .map(|hit| hit.id)
        .collect()
}

/// (typed text, an id that must be among the hits)
#[test]
fn finds_what_a_visitor_types() {
    let (_dir, db) = mini_db();
    let cases = [
        ("drošā", "lv-alpha"),
        ("drosa", "lv-alpha"),       // without diacritics
        ("DROSA VIETA", "lv-alpha"), // case
        ("дроша", "lv-alpha"),       // Cyrillic for Latvian
        ("dros", "lv-alpha"),        // as-you-type prefix
        ("uzticibas", "lv-alpha-hotline"),
        ("trust", "lv-alpha-hotline"), // another locale's name
        ("gamma", "gb-gamma-helpline"),
        ("гамма", "gb-gamma-helpline"), // Cyrillic query, Latin name
        ("линия", "gb-gamma-helpline"),
        ("linija", "gb-gamma-helpline"), // Latin query, Cyrillic name
        ("nouandeliin", "ee-beta-hotline"), // Estonian õ typed as o
        ("20000001", "lv-alpha-hotline"), // national number
        ("20 000", "lv-alpha-hotline"),  // as displayed
        ("+3712000", "lv-alpha-hotline"), // international prefix
        ("112", "lv-emergency-112"),
        ("0800 000", "gb-gamma-helpline"),
        ("training", "ev-training"),
        ("online recruitment", "report-study"),
        ("signs", "hostile"),
        ("passport", "job-check"),
        ("anonymous", "lv-alpha-hotline"), // what-happens text
        ("adult", "gb-gamma-children"),    // a prefix across a merged "ts"
        ("young adu", "gb-gamma-children"),
        ("dros\u{30c}a\u{304}", "lv-alpha"), // typed decomposed (NFD)
        ("vestlus", "ee-beta-chat"),
    ];
    for (text, expect) in cases {
        let got = ids(&db, &SearchQuery::new(text));
        assert!(
            got.iter().any(|id| id == expect),
            "{text:?} should find {expect}, got {got:?}"
        );
    }
}

#[test]
fn whole_words_do_not_match_prefixes() {
    let (_dir, db) = mini_db();
    let query = SearchQuery {
        prefix: false,
        ..SearchQuery::new("dros")
    };
    assert!(ids(&db, &query).is_empty());
    let query = SearchQuery {
        prefix: false,
        ..SearchQuery::new("drosa")
    };
    assert!(ids(&db, &query).contains(&"lv-alpha".to_owned()));
}

#[test]
fn emergency_and_trafficking_lines_of_the_kiosk_country_come_first() {
    let (_dir, db) = mini_db();
    let cases: [(&str, &[&str]); 3] = [
        ("LV", &["lv-emergency-112", "lv-alpha-hotline"]),
        ("EE", &["ee-emergency-112", "ee-beta-hotline"]),
        ("GB", &["gb-emergency-999", "gb-gamma-helpline"]),
    ];
    for (country, first) in cases {
        let query = SearchQuery {
            kiosk_country: Some(country),
            ..SearchQuery::new("")
        };
        let got = ids(&db, &query);
        assert_eq!(&got[..first.len()], first, "kiosk in {country}: {got:?}");
        // A one-letter prefix (ranked without bm25) keeps the kiosk country's lines first (no GB number
        // in the fixture has a word starting with 1).
        let query = SearchQuery {
            kiosk_country: Some(country),
            ..SearchQuery::new("1")
        };
        if country != "GB" {
            assert_eq!(
                ids(&db, &query).first().map(String::as_str),
                Some(first[0]),
                "\"1\" in {country}"
            );
        }
        // A query that matches lines of several countries keeps the kiosk's country first.
        let query = SearchQuery {
            kiosk_country: Some(country),
            ..SearchQuery::new("112")
        };
        let got = ids(&db, &query);
        if country != "GB" {
            assert_eq!(
                got.first().map(String::as_str),
                Some(first[0]),
                "112 in {country}: {got:?}"
            );
        }
    }
}

#[test]
fn filters() {
    let (_dir, db) = mini_db();
    let with = |filters: Filters| SearchQuery {
        filters,
        ..SearchQuery::new("")
    };
    let got = ids(
        &db,
        &with(Filters {
            country: Some("EE".into()),
            ..Filters::default()
        }),
    );
    assert!(
        !got.is_empty() && got.iter().all(|id| id.starts_with("ee-")),
        "{got:?}"
    );
    let got = ids(
        &db,
        &with(Filters {
            topic: Some("consular-help".into()),
            ..Filters::default()
        }),
    );
    assert_eq!(got, ["ee-consular-line", "lv-consular-line"]);
    let got = ids(
        &db,
        &with(Filters {
            audience: Some(Audience::Children),
            ..Filters::default()
        }),
    );
    assert!(
        got.contains(&"gb-gamma-children".to_owned())
            && got.contains(&"lv-emergency-112".to_owned()),
        "{got:?}"
    );
    assert!(
        !got.contains(&"lv-alpha-hotline".to_owned()),
        "adults only: {got:?}"
    );
    let got = ids(
        &db,
        &with(Filters {
            language: Some("ru".into()),
            ..Filters::default()
        }),
    );
    assert_eq!(got, ["ee-beta-hotline", "lv-alpha-hotline"]);
}

#[test]
fn open_now_filter_uses_the_clock_given() {
    let (_dir, db) = mini_db();
    let at = |now: &str, text: &'static str| SearchQuery {
        filters: Filters {
            open_now: true,
            ..Filters::default()
        },
        now: now.parse().expect("timestamp"),
        ..SearchQuery::new(text)
    };
    // Wednesday 10:00 in Riga: the alpha line (Mo-Fr 09-17) is open.
    assert_eq!(
        ids(&db, &at("2026-07-01T07:00:00Z", "uzticibas")),
        ["lv-alpha-hotline"]
    );
    // Sunday: closed.
    assert!(ids(&db, &at("2026-07-05T07:00:00Z", "uzticibas")).is_empty());
    // Lines without hours never count as open.
    assert!(ids(&db, &at("2026-07-01T07:00:00Z", "unchecked")).is_empty());
}

#[test]
fn confidential_entries_only_for_staff() {
    let (_dir, db) = mini_db();
    assert!(ids(&db, &SearchQuery::new("shelter")).is_empty());
    let staff = SearchQuery {
        include_confidential: true,
        ..SearchQuery::new("shelter")
    };
    assert!(ids(&db, &staff).contains(&"lv-hidden-line".to_owned()));
    let riga = jiff::tz::TimeZone::get("Europe/Riga").expect("tz");
    assert!(
        db.service("lv-hidden-line", "en", false, jiff::Timestamp::now(), &riga)
            .expect("query")
            .is_none()
    );
}

#[test]
fn names_fall_back_to_english_then_the_original_with_a_flag() {
    let (_dir, db) = mini_db();
    let name = |id: &str, locale: &str| {
        let query = SearchQuery {
            locale,
            ..SearchQuery::new("trust")
        };
        db.search(&query)
            .expect("search")
            .into_iter()
            .find(|hit| hit.id == id)
            .expect("hit")
            .name
    };
    let lv = name("lv-alpha-hotline", "lv");
    assert_eq!(
        (lv.text.as_str(), lv.locale.as_str(), lv.fallback),
        ("Uzticības tālrunis", "lv", false)
    );
    let uk = name("lv-alpha-hotline", "uk");
    assert_eq!(
        (uk.text.as_str(), uk.locale.as_str(), uk.fallback),
        ("Trust line", "en", true)
    );
    assert_eq!(uk.status, "machine");
    // No English: the original, never another language the visitor did not choose.
    let et = db
        .localized("ee-beta", "name", "lv")
        .expect("query")
        .expect("name");
    assert_eq!((et.locale.as_str(), et.fallback), ("en", true));
    let only_ru = db
        .localized("gb-gamma-helpline", "name", "lv")
        .expect("query")
        .expect("name");
    assert_eq!(only_ru.locale, "en");
}

#[test]
fn punctuation_only_finds_nothing() {
    let (_dir, db) = mini_db();
    for text in [
        "\"",
        "*",
        "()",
        "-",
        "^",
        "AND",
        "NEAR(",
        "'; DROP TABLE search; --",
    ] {
        let got = db.search(&SearchQuery::new(text));
        assert!(got.is_ok(), "{text:?}: {got:?}");
    }
    assert!(ids(&db, &SearchQuery::new("***")).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    #[test]
    fn no_input_produces_an_sql_error(text in ".{0,200}", prefix: bool, country in proptest::option::of("[A-Za-z\"' ]{0,3}")) {
        let query = SearchQuery { prefix, kiosk_country: country.as_deref(), ..SearchQuery::new(&text) };
        prop_assert!(shared_db().search(&query).is_ok());
    }

    #[test]
    fn fts_syntax_is_never_interpreted(words in proptest::collection::vec("(AND|OR|NOT|NEAR|\\*|\"|\\(|\\)|:|\\^|[a-z]{1,5}|[а-я]{1,5})", 0..12)) {
        let text = words.join(" ");
        prop_assert!(shared_db().search(&SearchQuery::new(&text)).is_ok());
    }
}

/// One fixture DB for all property-test cases. Its folder is removed at once: the open connection
/// keeps the file readable, and nothing is left behind in the temp folder.
fn shared_db() -> std::sync::MutexGuard<'static, ContentDb> {
    static DB: std::sync::OnceLock<std::sync::Mutex<ContentDb>> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let (dir, db) = mini_db();
        drop(dir);
        std::sync::Mutex::new(db)
    })
    .lock()
    .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// (typed text, an id that must be among the hits): words in another form than the text, keywords,
/// synonyms and topics.
#[test]
fn finds_other_forms_keywords_and_synonyms() {
    let (_dir, db) = mini_db();
    let cases = [
        ("cilvēks", "lv-alpha"),       // text: "cilvēkiem"
        ("ārzemes", "lv-alpha"),       // text: "ārzemēs"
        ("drošas vietas", "lv-alpha"), // text: "Drošā vieta"
        ("pasi", "lv-consular-line"),  // keyword "pazaudēta pase"
        ("pazaudētu pasi", "lv-consular-line"),
        ("passports", "lv-consular-line"), // keyword "lost passport"
        ("employment", "lv-consular-line"), // keyword "job abroad" + synonyms work, job, employment
        ("labor", "ee-beta-hotline"),      // topic labour-exploitation + synonyms labour, labor
        ("exploited", "ee-beta-hotline"),  // topic labour-exploitation
        ("sham marriage", "lv-alpha-hotline"), // topic sham-marriage
        ("trafficking", "lv-alpha-programme"), // topic trafficking
        ("helping", "lv-alpha"),           // text: "Helps"
    ];
    for (text, expect) in cases {
        let got = ids(&db, &SearchQuery::new(text));
        assert!(
            got.iter().any(|id| id == expect),
            "{text:?} should find {expect}, got {got:?}"
        );
    }
}

fn found(db: &ContentDb, text: &str, country: &str) -> (Vec<String>, Matched) {
    let query = SearchQuery {
        kiosk_country: Some(country),
        ..SearchQuery::new(text)
    };
    let found = db.find(&query).expect("search");
    (
        found.hits.into_iter().map(|hit| hit.id).collect(),
        found.matched,
    )
}

#[test]
fn the_kiosk_countrys_entries_come_before_the_rest() {
    let (_dir, db) = mini_db();
    // A ministry (with its consular line) in each country: each kiosk sees all of its own country's
    // entries before the other country's.
    for (country, own, other) in [("LV", "lv-", "ee-"), ("EE", "ee-", "lv-")] {
        let (hits, matched) = found(&db, "ministry", country);
        assert_eq!(matched, Matched::All);
        let first_other = hits.iter().position(|id| id.starts_with(other));
        let last_own = hits.iter().rposition(|id| id.starts_with(own));
        assert!(
            matches!((last_own, first_other), (Some(own), Some(other)) if own < other),
            "{country}: {hits:?}"
        );
    }
}

#[test]
fn entries_with_every_word_come_before_entries_with_some() {
    let (_dir, db) = mini_db();
    // Only the Latvian consular line holds both words; in an Estonian kiosk it still comes first, and
    // entries with one of the words (the Estonian consular line, other lines) follow.
    let (hits, matched) = found(&db, "consular line", "EE");
    assert_eq!(matched, Matched::All);
    assert_eq!(
        hits.first().map(String::as_str),
        Some("lv-consular-line"),
        "{hits:?}"
    );
    assert!(hits.contains(&"ee-consular-line".to_owned()), "{hits:?}");
    assert!(hits.contains(&"lv-alpha-hotline".to_owned()), "{hits:?}");
}

#[test]
fn a_word_that_matches_nothing_falls_back_to_the_others() {
    let (_dir, db) = mini_db();
    let (hits, matched) = found(&db, "consular xyzzyq", "LV");
    assert_eq!(matched, Matched::Some);
    assert_eq!(
        hits.first().map(String::as_str),
        Some("lv-consular-line"),
        "{hits:?}"
    );
    assert!(hits.contains(&"ee-consular-line".to_owned()), "{hits:?}");
}

#[test]
fn nothing_found_says_so() {
    let (_dir, db) = mini_db();
    for text in ["xyzzyq", "xyzzyq qqqq", "😀", "\"*"] {
        let (hits, matched) = found(&db, text, "LV");
        assert!(hits.is_empty(), "{text:?}: {hits:?}");
        assert_eq!(matched, Matched::None, "{text:?}");
    }
}
