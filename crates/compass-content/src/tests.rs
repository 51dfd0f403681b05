//! Unit tests of the private pieces: folding and the FTS match expression.

use crate::db::QueryWords;

fn match_expression(text: &str, prefix: bool) -> Option<String> {
    QueryWords::parse(text, prefix).map(|words| words.expression(" AND "))
}
use crate::fold;

#[test]
fn folding() {
    let cases = [
        ("Drošā vieta", "drosa vieta", "drosha vieta"),
        ("Дроша мая", "drosha maja", "drosha maja"),
        ("Nõuandeliin ÄÖÜ", "nouandeliin aou", "nouandeliin aou"),
        (
            "Ķekava, Ģirts, Ļoti, Ņina",
            "kekava  girc  loti  nina",
            "kekava  girc  loti  nina",
        ),
        (
            "Яна / Yana / Jana",
            "jana   jana   jana",
            "jana   jana   jana",
        ),
        ("Харків Kharkiv", "harkiv harkiv", "harkiv harkiv"),
        ("Цесис Tsesis", "cesis cesis", "cesis cesis"),
        (
            "Український їжак",
            "ukrajinskij jizhak",
            "ukrajinskij jizhak",
        ),
        ("+371 28 612 120", " 371 28 612 120", " 371 28 612 120"),
        ("", "", ""),
        ("<script>", " script ", " script "),
    ];
    for (text, strip, phonetic) in cases {
        assert_eq!(fold::strip(text), strip, "strip {text:?}");
        assert_eq!(fold::phonetic(text), phonetic, "phonetic {text:?}");
    }
}

#[test]
fn match_expressions_are_quoted_words() {
    let cases = [
        // Both folded forms as prefixes, and the stems of each Latin-script language exactly, tagged
        // and plain (a plain stem that is one of the forms is covered by its prefix).
        (
            "drošā",
            true,
            Some(
                "(\"drosa\"* OR \"drosha\"* OR \"dros\" OR \"drosaqe\" OR \"drosaqn\" OR \"drosql\")",
            ),
        ),
        ("112", true, Some("\"112\"*")),
        (
            "help now",
            false,
            Some(
                "(\"help\" OR \"helpqe\" OR \"helpql\" OR \"helpqn\") AND (\"nov\" OR \"novqe\" OR \"novql\" OR \"novqn\")",
            ),
        ),
        (
            "\"); DROP TABLE x; --",
            true,
            Some(
                "(\"drop\"* OR \"dropqe\" OR \"dropql\" OR \"dropqn\") AND (\"table\"* OR \"tab\" OR \"tabl\" OR \"tableqe\" OR \"tablqe\" OR \"tablql\" OR \"tablqn\" OR \"tabqe\") AND \"ks\"*",
            ),
        ),
        (
            "NEAR(a b)",
            true,
            Some("(\"near\"* OR \"nearqe\" OR \"nearql\" OR \"nearqn\") AND \"a\"* AND \"b\"*"),
        ),
        ("***", true, None),
        ("", true, None),
    ];
    for (text, prefix, expect) in cases {
        assert_eq!(
            match_expression(text, prefix).as_deref(),
            expect,
            "{text:?}"
        );
    }
    // A very long word is cut to 48 letters, in every form.
    let long = match_expression(&"a".repeat(500), true).expect("a word");
    assert!(
        long.starts_with(&format!("(\"{}\"*", "a".repeat(48))),
        "{long}"
    );
    assert!(!long.contains(&"a".repeat(49)), "{long}");
    assert_eq!(
        QueryWords::parse("dr pomo", true).map(|words| words.longest),
        Some(4)
    );
    // At most eight words are used; a word typed again adds nothing.
    assert_eq!(
        match_expression("help help help", true),
        match_expression("help", true)
    );
    let many: String = (0..100).map(|i| format!("w{i} ")).collect();
    assert_eq!(
        match_expression(&many, false).map(|e| e.matches("AND").count()),
        Some(7)
    );
}
