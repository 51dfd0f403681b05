//! Plural selection per CLDR, with the shipped `search-results` and with a small bundle whose variants are
//! named after the categories.

use compass_i18n::Arg;

use crate::{inline, shipped};

/// Which category each number falls in, per locale (CLDR cardinal rules).
const CATEGORIES: &[(&str, &[(f64, &str)])] = &[
    (
        "lv",
        &[
            (0.0, "zero"),
            (1.0, "one"),
            (2.0, "other"),
            (5.0, "other"),
            (10.0, "zero"),
            (11.0, "zero"),
            (12.0, "zero"),
            (19.0, "zero"),
            (20.0, "zero"),
            (21.0, "one"),
            (22.0, "other"),
            (25.0, "other"),
            (100.0, "zero"),
            (101.0, "one"),
            (0.1, "one"),
            (2.5, "other"),
        ],
    ),
    (
        "ru",
        &[
            (0.0, "many"),
            (1.0, "one"),
            (2.0, "few"),
            (4.0, "few"),
            (5.0, "many"),
            (11.0, "many"),
            (12.0, "many"),
            (21.0, "one"),
            (22.0, "few"),
            (25.0, "many"),
            (111.0, "many"),
            (1.5, "other"),
        ],
    ),
    (
        "uk",
        &[
            (0.0, "many"),
            (1.0, "one"),
            (2.0, "few"),
            (5.0, "many"),
            (11.0, "many"),
            (12.0, "many"),
            (21.0, "one"),
            (22.0, "few"),
            (25.0, "many"),
            (1.5, "other"),
        ],
    ),
    (
        "en",
        &[
            (0.0, "other"),
            (1.0, "one"),
            (2.0, "other"),
            (21.0, "other"),
            (1.5, "other"),
        ],
    ),
    (
        "et",
        &[
            (0.0, "other"),
            (1.0, "one"),
            (2.0, "other"),
            (21.0, "other"),
            (1.5, "other"),
        ],
    ),
];

/// FIXME(intl_pluralrules 7.0.2 Latvian rule; no upstream issue filed yet): the plural rules fluent-bundle uses
/// test the integer part `i` where CLDR says `n`, and `i` in 11..=19 where CLDR says `n % 100` in 11..19.
/// So 111..=119, 211..=219, … select [other] instead of [zero], and a fraction follows its integer part
/// (1.5 selects [one], 10.5 [zero]) where CLDR gives [other]. Integers below 111 are right. These cases
/// assert today's behaviour: `(locale, n, today, CLDR)`; when the dependency is fixed, move them to
/// `CATEGORIES` with the CLDR answer.
const KNOWN_DEVIATIONS: &[(&str, f64, &str, &str)] = &[
    ("lv", 111.0, "other", "zero"),
    ("lv", 112.0, "other", "zero"),
    ("lv", 219.0, "other", "zero"),
    ("lv", 1.5, "one", "other"),
    ("lv", 0.5, "zero", "other"),
    ("lv", 10.5, "zero", "other"),
    ("lv", 21.5, "one", "other"),
];

fn probe_bundle() -> compass_i18n::Localizer {
    let probe = "n = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n [many] many\n *[other] other\n}\n";
    let sources: Vec<(&str, &str)> = CATEGORIES
        .iter()
        .map(|(locale, _)| (*locale, probe))
        .collect();
    inline(&sources)
}

#[test]
fn inline_bundles_select_cldr_categories() {
    let localizer = probe_bundle();
    for (locale, cases) in CATEGORIES {
        for (n, expect) in *cases {
            let formatted = localizer.format(locale, "n", &[("n", Arg::Num(*n))]);
            assert_eq!(formatted.text, *expect, "{locale} {n}");
            assert_eq!(formatted.locale, *locale);
            assert_eq!(formatted.errors, Vec::<String>::new());
        }
    }
}

#[test]
fn latvian_rule_deviates_from_cldr_above_110_and_for_fractions() {
    let localizer = probe_bundle();
    for (locale, n, today, cldr) in KNOWN_DEVIATIONS {
        let formatted = localizer.format(locale, "n", &[("n", Arg::Num(*n))]);
        assert_eq!(formatted.text, *today, "{locale} {n} (CLDR: {cldr})");
    }
    // The shipped Latvian text today.
    let formatted = shipped().format("lv", "search-results", &[("count", Arg::Num(1.5))]);
    assert_eq!(formatted.text, "1.5 rezultāts", "CLDR wants 1.5 rezultāti");
    let formatted = shipped().format("lv", "search-results", &[("count", Arg::Num(111.0))]);
    assert_eq!(formatted.text, "111 rezultāti", "CLDR wants 111 rezultātu");
}

/// `search-results` in the shipped files, per category.
const SEARCH_RESULTS: &[(&str, &[(&str, &str)])] = &[
    (
        "lv",
        &[
            ("zero", "rezultātu"),
            ("one", "rezultāts"),
            ("other", "rezultāti"),
        ],
    ),
    (
        "ru",
        &[
            ("one", "результат"),
            ("few", "результата"),
            ("many", "результатов"),
            ("other", "результата"),
        ],
    ),
    (
        "uk",
        &[
            ("one", "результат"),
            ("few", "результати"),
            ("many", "результатів"),
            ("other", "результату"),
        ],
    ),
    ("en", &[("one", "result"), ("other", "results")]),
    ("et", &[("one", "tulemus"), ("other", "tulemust")]),
];

#[test]
fn shipped_search_results_use_every_category() {
    let localizer = shipped();
    for (locale, cases) in CATEGORIES {
        let Some((_, words)) = SEARCH_RESULTS.iter().find(|(tag, _)| tag == locale) else {
            panic!("no expectation for {locale}");
        };
        for (n, category) in *cases {
            let Some((_, word)) = words.iter().find(|(c, _)| c == category) else {
                panic!("no word for {locale} {category}");
            };
            let formatted = localizer.format(locale, "search-results", &[("count", Arg::Num(*n))]);
            assert_eq!(formatted.text, format!("{n} {word}"), "{locale} {n}");
            assert_eq!(formatted.locale, *locale);
            assert_eq!(formatted.errors, Vec::<String>::new());
        }
    }
}

#[test]
fn integer_arguments_select_like_numbers() {
    let localizer = shipped();
    let formatted = localizer.format("ru", "hours-closes-in", &[("minutes", Arg::from(22))]);
    assert_eq!(formatted.text, "Закроется через 22 минуты");
    let formatted = localizer.format("lv", "hours-closes-in", &[("minutes", Arg::from(21_i64))]);
    assert_eq!(formatted.text, "Slēdz pēc 21 minūtes");
    // Text is never a plural category: the default variant.
    let formatted = localizer.format("en", "search-results", &[("count", Arg::from("1"))]);
    assert_eq!(formatted.text, "1 results");
}
