//! Formatting: per-message fallback, missing ids, arguments, `messages()`, loading errors.

use compass_i18n::{Arg, Error, Formatted, Localizer};

use crate::{TempTree, inline, locales_dir, shipped};

fn fallback_bundle() -> Localizer {
    inline(&[
        (
            "en",
            "only-en = Only in English\nboth = Both in English\ngreet = Hello, { $name }\n    .title = Greeting\n",
        ),
        ("lv", "both = Abos latviski\ngreet = Sveiki, { $name }\n"),
    ])
}

#[test]
fn format_falls_back_per_message() {
    let localizer = fallback_bundle();
    #[track_caller]
    fn check(
        localizer: &Localizer,
        locale: &str,
        id: &str,
        args: &[(&str, Arg)],
        expect: (&str, &str, usize),
    ) {
        let Formatted {
            text,
            locale: from,
            errors,
        } = localizer.format(locale, id, args);
        assert_eq!(
            (text.as_str(), from.as_str(), errors.len()),
            expect,
            "{locale} {id}: {errors:?}"
        );
    }
    let name = || [("name", Arg::from("Anna"))];
    check(&localizer, "lv", "both", &[], ("Abos latviski", "lv", 0));
    check(
        &localizer,
        "lv",
        "only-en",
        &[],
        ("Only in English", "en", 0),
    );
    check(
        &localizer,
        "lv-LV",
        "greet",
        &name(),
        ("Sveiki, Anna", "lv", 0),
    );
    check(&localizer, "de", "greet", &name(), ("Hello, Anna", "en", 0));
    check(&localizer, "", "both", &[], ("Both in English", "en", 0));
    // Attributes: `id.attribute`, with the same fallback.
    check(&localizer, "lv", "greet.title", &[], ("Greeting", "en", 0));
    check(
        &localizer,
        "lv",
        "greet.nothing",
        &[],
        ("greet.nothing", "en", 1),
    );
    // Missing ids render as themselves.
    check(&localizer, "lv", "no-such-id", &[], ("no-such-id", "en", 1));
    check(&localizer, "lv", "", &[], ("", "en", 1));
    // A missing variable is shown as itself and reported; the message does not fall back.
    check(&localizer, "lv", "greet", &[], ("Sveiki, {$name}", "lv", 1));
    // Unused arguments are fine.
    check(
        &localizer,
        "lv",
        "both",
        &[("unused", Arg::Num(1.0))],
        ("Abos latviski", "lv", 0),
    );
}

#[test]
fn format_shows_numbers_plainly() {
    let localizer = inline(&[(
        "en",
        "n = { $n }\nsel = { $n ->\n [one] one\n *[other] other\n}\n",
    )]);
    #[track_caller]
    fn check(localizer: &Localizer, n: f64, expect: &str) {
        let formatted = localizer.format("en", "n", &[("n", Arg::Num(n))]);
        assert_eq!(formatted.text, expect, "{n}");
        assert_eq!(formatted.errors, Vec::<String>::new());
        // Selecting on any of these does not panic either.
        let formatted = localizer.format("en", "sel", &[("n", Arg::Num(n))]);
        assert_eq!(
            formatted.text,
            if n == 1.0 { "one" } else { "other" },
            "{n}"
        );
    }
    check(&localizer, 0.0, "0");
    check(&localizer, 1.0, "1");
    check(&localizer, -2.0, "-2");
    check(&localizer, 1.5, "1.5");
    check(&localizer, 0.1 + 0.2, "0.30000000000000004");
    check(&localizer, 1e-30, &format!("0.{}1", "0".repeat(29)));
    check(
        &localizer,
        1.234_567_890_123_456_8e-5,
        "0.000012345678901234568",
    );
    check(&localizer, 1e20, "100000000000000000000");
    check(&localizer, f64::MAX, &f64::MAX.to_string());
    check(&localizer, f64::NAN, "NaN");
    check(&localizer, f64::INFINITY, "inf");
    check(&localizer, f64::NEG_INFINITY, "-inf");
}

#[test]
fn messages_that_would_crash_the_formatter_fall_back() {
    // Selecting a plural variant for a number with this many decimals overflows inside fluent-bundle (a panic
    // in debug builds, a wrong answer in release), so such messages are never formatted: they fall back.
    let localizer = inline(&[
        ("en", "many = { $n ->\n [one] one\n *[other] other\n}\n"),
        (
            "lv",
            "many = { 1.000000000000000000000 ->\n [one] one\n *[other] other\n}\nuses = { many }\n",
        ),
    ]);
    let formatted = localizer.format("lv", "many", &[("n", Arg::Num(1.0))]);
    assert_eq!(
        (formatted.text.as_str(), formatted.locale.as_str()),
        ("one", "en")
    );
    assert_eq!(formatted.errors.len(), 1, "{:?}", formatted.errors);
    let formatted = localizer.format("lv", "uses", &[]);
    assert_eq!(
        (formatted.text.as_str(), formatted.locale.as_str()),
        ("uses", "en")
    );
    // So does a message that asks for more decimals than the formatter can count.
    let localizer = inline(&[(
        "en",
        "digits = { NUMBER($n, minimumFractionDigits: 30) ->\n [one] one\n *[other] other\n}\n",
    )]);
    let formatted = localizer.format("en", "digits", &[("n", Arg::Num(1.5))]);
    assert_eq!(
        (formatted.text.as_str(), formatted.errors.len()),
        ("digits", 2),
        "{:?}",
        formatted.errors
    );
}

#[test]
fn messages_lists_every_reference_id() {
    let localizer = shipped();
    let english = localizer.messages("en");
    assert_eq!(
        english.get("search-results").map(String::as_str),
        Some("{ $count } results")
    );
    assert_eq!(
        english.get("hours-opens-on").map(String::as_str),
        Some("Opens { $day } at { $time }")
    );
    assert_eq!(
        english.get("common-app-name").map(String::as_str),
        Some("Safety Compass")
    );
    for locale in compass_i18n::LAUNCH_LOCALES {
        let messages = localizer.messages(locale);
        let ids: Vec<&String> = messages.keys().collect();
        assert_eq!(ids, english.keys().collect::<Vec<_>>(), "{locale}");
        if locale != "en" {
            // Messages that may read the same as English: the brand, and unit symbols.
            const SAME_AS_ENGLISH: [&str; 2] = ["common-app-name", "ui-file-size-kb"];
            let untranslated: Vec<&String> = messages
                .iter()
                .filter(|(id, text)| {
                    !SAME_AS_ENGLISH.contains(&id.as_str()) && english.get(*id) == Some(*text)
                })
                .map(|(id, _)| id)
                .collect();
            assert!(untranslated.is_empty(), "{locale}: {untranslated:?}");
        }
    }
    let latvian = localizer.messages("lv-LV");
    assert_eq!(
        latvian.get("search-results").map(String::as_str),
        Some("{ $count } rezultāti")
    );
    assert_eq!(
        latvian.get("hours-closes-at").map(String::as_str),
        Some("Strādā līdz plkst. { $time }")
    );
    assert_eq!(localizer.messages("de"), english);

    let partial = fallback_bundle().messages("lv");
    let expect = [
        ("both", "Abos latviski"),
        ("greet", "Sveiki, { $name }"),
        ("greet.title", "Greeting"),
        ("only-en", "Only in English"),
    ];
    let expect = expect
        .iter()
        .map(|(id, text)| ((*id).to_owned(), (*text).to_owned()))
        .collect();
    assert_eq!(partial, expect);

    // A message without a value gives only its attributes; terms and later definitions give nothing.
    let localizer = inline(&[("en", "a =\n    .title = T\n-t = Term\nb = B\nb = B2\n")]);
    let found: Vec<(String, String)> = localizer.messages("en").into_iter().collect();
    let expect = [("a.title", "T"), ("b", "B")].map(|(id, text)| (id.to_owned(), text.to_owned()));
    assert_eq!(found, expect);
}

/// Every id the other crates use exists in every launch locale, formats without errors and without falling
/// back.
#[test]
fn required_ids_are_translated_everywhere() {
    const IDS: &[&str] = &[
        "locale-own-name",
        "language-lv",
        "language-et",
        "language-en",
        "language-ru",
        "language-uk",
        "language-other",
        "country-lv",
        "country-ee",
        "country-gb",
        "topic-trafficking",
        "topic-sexual-exploitation",
        "topic-labour-exploitation",
        "topic-sham-marriage",
        "topic-domestic-violence",
        "topic-child-protection",
        "topic-consular-help",
        "topic-emergency",
        "topic-emotional-support",
        "topic-legal-aid",
        "topic-job-offer-check",
        "audience-adults",
        "audience-children",
        "audience-both",
        "channel-voice",
        "channel-sms",
        "channel-chat",
        "channel-email",
        "channel-web",
        "kind-organization",
        "kind-service",
        "kind-event",
        "kind-report",
        "kind-article",
        "kind-selfcheck",
        "service-kind-hotline",
        "service-kind-programme",
        "service-kind-centre",
        "event-category-training",
        "event-category-campaign",
        "event-category-publication",
        "event-category-broadcast",
        "event-category-launch",
        "hours-open",
        "hours-open-always",
        "hours-closes-at",
        "hours-closed",
        "hours-opens-at",
        "hours-opens-on",
        "hours-unknown",
        "hours-closes-in",
        "hours-opens-in",
        "weekday-mon",
        "weekday-tue",
        "weekday-wed",
        "weekday-thu",
        "weekday-fri",
        "weekday-sat",
        "weekday-sun",
        "provenance-verified-on",
        "provenance-unverified",
        "provenance-source",
        "provenance-stale",
        "translation-fallback",
        "translation-machine",
        "hotline-free",
        "hotline-anonymous",
        "hotline-interpreter",
        "hotline-from-abroad",
        "hotline-abroad-unknown",
        "hotline-answers-in",
        "search-placeholder",
        "search-no-results",
        "search-results",
        "search-filter-country",
        "search-filter-topic",
        "search-filter-audience",
        "search-filter-language",
        "search-filter-open-now",
        "referral-heading",
        "referral-where",
        "referral-nationality",
        "referral-emergency",
        "referral-trafficking-here",
        "referral-consular",
        "referral-home-hotline",
        "referral-programmes",
        "selfcheck-yes",
        "selfcheck-no",
        "selfcheck-result-talk",
        "selfcheck-result-none",
        "error-content-missing",
        "error-content-corrupt",
        "error-search-failed",
        "error-not-found",
        "common-back",
        "common-home",
        "common-print",
    ];
    let args = [
        ("time", Arg::from("09:00")),
        ("day", Arg::from("mon")),
        ("minutes", Arg::from(5)),
        ("days", Arg::from(30)),
        ("date", Arg::from("2025-03-01")),
        ("language", Arg::from("English")),
        ("number", Arg::from("+371 0000 0000")),
        ("languages", Arg::from("English, Latvian")),
        ("count", Arg::from(3)),
    ];
    let localizer = shipped();
    let own_names = [
        ("lv", "Latviešu"),
        ("et", "Eesti"),
        ("en", "English"),
        ("ru", "Русский"),
        ("uk", "Українська"),
    ];
    for locale in compass_i18n::LAUNCH_LOCALES {
        for id in IDS {
            let formatted = localizer.format(locale, id, &args);
            assert_eq!(formatted.locale, locale, "{locale} {id}");
            assert_eq!(formatted.errors, Vec::<String>::new(), "{locale} {id}");
            assert!(!formatted.text.trim().is_empty(), "{locale} {id}");
        }
        let own = own_names
            .iter()
            .find(|(tag, _)| *tag == locale)
            .map(|(_, name)| *name);
        assert_eq!(
            Some(
                localizer
                    .format(locale, "locale-own-name", &[])
                    .text
                    .as_str()
            ),
            own
        );
    }
    let opens = |locale, day| {
        localizer
            .format(
                locale,
                "hours-opens-on",
                &[("day", Arg::from(day)), ("time", Arg::from("9:00"))],
            )
            .text
    };
    assert_eq!(opens("en", "tue"), "Opens Tuesday at 9:00");
    assert_eq!(opens("ru", "wed"), "Начнёт работу в среду в 9:00");
    assert_eq!(opens("en", "tomorrow"), "Opens tomorrow at 9:00");
}

#[test]
fn load_reports_what_it_cannot_use() {
    #[track_caller]
    fn check(files: &[(&str, &[u8])], expect: &str) {
        let tree = TempTree::new(files);
        let found = match Localizer::load(&tree.root) {
            Ok(localizer) => format!("ok {:?}", localizer.locales()),
            Err(error) => {
                let text = error
                    .to_string()
                    .replace(&tree.root.display().to_string(), "ROOT");
                match error {
                    Error::ReadDir { .. } => format!("read dir: {text}"),
                    Error::ReadFile { .. } => format!("read file: {text}"),
                    Error::InvalidLocaleTag { .. } => format!("tag: {text}"),
                    Error::MissingReferenceLocale => format!("no en: {text}"),
                    _ => format!("other: {text}"),
                }
            }
        };
        assert_eq!(found, expect);
    }
    check(
        &[("en/a.ftl", b"a = A\n"), ("lv/a.ftl", b"a = A\n")],
        r#"ok ["en", "lv"]"#,
    );
    // Syntax errors keep the good entries; other files and hidden folders are ignored.
    check(
        &[
            ("en/a.ftl", b"a = A\nb = { \nc = C\n"),
            ("en/notes.txt", b"{{{"),
            (".git/x", b""),
            ("en/b.ftl", b""),
        ],
        r#"ok ["en"]"#,
    );
    check(
        &[("lv/a.ftl", b"a = A\n")],
        "no en: the reference locale `en` is missing",
    );
    check(&[], "no en: the reference locale `en` is missing");
    check(
        &[("en/a.ftl", b"a = A\n"), ("en_GB/a.ftl", b"a = A\n")],
        "tag: invalid locale tag `en_GB`",
    );
    check(
        &[("en/a.ftl", b"a = \xff\n")],
        "read file: cannot read file ROOT/en/a.ftl",
    );
    check(
        &[("en/a.ftl", b"a = A\n"), ("EN/b.ftl", b"b = B\n")],
        r#"ok ["en"]"#,
    );

    let missing = locales_dir().join("no-such-folder");
    assert!(matches!(
        Localizer::load(&missing),
        Err(Error::ReadDir { .. })
    ));
}

#[test]
fn load_keeps_good_entries_of_a_broken_file() {
    let tree = TempTree::new(&[("en/a.ftl", b"a = A\nb = }\nc = C\n")]);
    let Ok(localizer) = Localizer::load(&tree.root) else {
        panic!("should load");
    };
    assert_eq!(localizer.format("en", "a", &[]).text, "A");
    assert_eq!(localizer.format("en", "c", &[]).text, "C");
    assert_eq!(localizer.format("en", "b", &[]).text, "b");
}

#[test]
fn deeply_nested_sources_are_skipped() {
    // Deep enough to overflow the parser's stack: the source is left out, the rest of the locale works.
    let deep = format!("a = {}x{}\n", "{".repeat(100_000), "}".repeat(100_000));
    let localizer = inline(&[("en", "b = B\n"), ("en", &deep)]);
    assert_eq!(localizer.format("en", "b", &[]).text, "B");
    assert_eq!(localizer.format("en", "a", &[]).text, "a");
}

#[test]
fn hostile_nesting_is_skipped_by_load() {
    for hostile in crate::lint::hostile_sources() {
        let tree = TempTree::new(&[
            ("en/a.ftl", b"c = C\n".as_slice()),
            ("en/b.ftl", hostile.as_bytes()),
        ]);
        let Ok(localizer) = Localizer::load(&tree.root) else {
            panic!("should load");
        };
        assert_eq!(localizer.format("en", "c", &[]).text, "C");
        // The file is left out whole: even its harmless `a` is unknown.
        let a = localizer.format("en", "a", &[]);
        assert_eq!(
            (a.text.as_str(), a.errors),
            ("a", vec!["unknown message id `a`".to_owned()])
        );
    }
}

#[test]
fn from_sources_rejects_bad_tags() {
    assert!(matches!(
        Localizer::from_sources([("en", "a = A"), ("!!", "a = A")]),
        Err(Error::InvalidLocaleTag { .. })
    ));
    assert!(matches!(
        Localizer::from_sources([]),
        Err(Error::MissingReferenceLocale)
    ));
    // Two sources for one tag go into one bundle; the first definition of an id wins.
    let localizer = inline(&[("en", "a = A\n"), ("en", "a = A2\nb = B\n")]);
    assert_eq!(localizer.format("en", "a", &[]).text, "A");
    assert_eq!(localizer.format("en", "b", &[]).text, "B");
}
