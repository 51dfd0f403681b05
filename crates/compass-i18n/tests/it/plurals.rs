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

/// CLDR's cardinal rule for `locale` (`common/supplemental/plurals.xml`), written out as CLDR states it:
/// `n` is the number itself (so `n % 100 = 11..19` holds only for a whole number), `i` its integer part,
/// `v` the count of visible fraction digits and `f` those digits as a number. `text` is the number as
/// the formatter sees it (`1.5`).
#[allow(clippy::nonminimal_bool)] // written clause by clause as CLDR states it
fn cldr_category(locale: &str, text: &str) -> &'static str {
    let n: f64 = text.parse().expect("a number");
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let i: u64 = int.parse().expect("an integer part");
    let v = frac.len();
    let f: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().expect("fraction digits")
    };
    // `n % m = a..b`: the remainder is a whole number in the range.
    let n_mod_in = |m: f64, low: f64, high: f64| {
        let r = n % m;
        r.fract() == 0.0 && (low..=high).contains(&r)
    };
    match locale {
        "lv" | "prg" => {
            if n_mod_in(10.0, 0.0, 0.0)
                || n_mod_in(100.0, 11.0, 19.0)
                || (v == 2 && (11..=19).contains(&(f % 100)))
            {
                "zero"
            } else if (n_mod_in(10.0, 1.0, 1.0) && !n_mod_in(100.0, 11.0, 11.0))
                || (v == 2 && f % 10 == 1 && f % 100 != 11)
                || (v != 2 && f % 10 == 1)
            {
                "one"
            } else {
                "other"
            }
        }
        "lt" => {
            if n_mod_in(10.0, 1.0, 1.0) && !n_mod_in(100.0, 11.0, 19.0) {
                "one"
            } else if n_mod_in(10.0, 2.0, 9.0) && !n_mod_in(100.0, 11.0, 19.0) {
                "few"
            } else if f != 0 {
                "many"
            } else {
                "other"
            }
        }
        "ru" | "uk" => {
            if v == 0 && i % 10 == 1 && i % 100 != 11 {
                "one"
            } else if v == 0 && (2..=4).contains(&(i % 10)) && !(12..=14).contains(&(i % 100)) {
                "few"
            } else if v == 0
                && (i.is_multiple_of(10)
                    || (5..=9).contains(&(i % 10))
                    || (11..=14).contains(&(i % 100)))
            {
                "many"
            } else {
                "other"
            }
        }
        "en" | "et" => {
            if i == 1 && v == 0 {
                "one"
            } else {
                "other"
            }
        }
        other => panic!("no CLDR rule written out for {other}"),
    }
}

/// Every integer from 0 to 1,000 and a set of fractions, in every kiosk locale and Lithuanian (whose
/// rule had the same fault as Latvian's in the plural rules `fluent-bundle` uses; see patches/README.md).
#[test]
fn every_integer_to_1000_and_fractions_select_the_cldr_category() {
    let locales = ["lv", "lt", "ru", "uk", "en", "et"];
    let probe = "n = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n [many] many\n *[other] other\n}\n";
    let sources: Vec<(&str, &str)> = locales.iter().map(|locale| (*locale, probe)).collect();
    let localizer = inline(&sources);
    let fractions = [
        0.1, 0.5, 1.5, 2.5, 10.5, 11.1, 21.5, 0.11, 0.21, 1.01, 1.11, 5.25, 111.5,
    ];
    let numbers = (0..=1_000).map(f64::from).chain(fractions);
    let mut wrong = Vec::new();
    let mut checked = 0;
    for n in numbers {
        for locale in locales {
            let formatted = localizer.format(locale, "n", &[("n", Arg::Num(n))]);
            let expected = cldr_category(locale, &n.to_string());
            checked += 1;
            if formatted.text != expected {
                wrong.push(format!(
                    "{locale} {n}: {} (CLDR: {expected})",
                    formatted.text
                ));
            }
        }
    }
    assert_eq!(checked, 6 * 1_014);
    assert!(
        wrong.is_empty(),
        "{} of {checked} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn shipped_latvian_plurals_above_110_and_for_fractions() {
    let formatted = shipped().format("lv", "search-results", &[("count", Arg::Num(1.5))]);
    assert_eq!(formatted.text, "1.5 rezultāti");
    let formatted = shipped().format("lv", "search-results", &[("count", Arg::Num(111.0))]);
    assert_eq!(formatted.text, "111 rezultātu");
    let formatted = shipped().format("lv", "search-results", &[("count", Arg::Num(121.0))]);
    assert_eq!(formatted.text, "121 rezultāts");
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
    assert_eq!(formatted.text, "Закончит работу через 22 минуты");
    let formatted = localizer.format("lv", "hours-closes-in", &[("minutes", Arg::from(21_i64))]);
    assert_eq!(formatted.text, "Darbu beigs pēc 21 minūtes");
    // Text is never a plural category: the default variant.
    let formatted = localizer.format("en", "search-results", &[("count", Arg::from("1"))]);
    assert_eq!(formatted.text, "1 results");
}
