//! Unit tests of the private pieces: folding and the FTS match expression.

use crate::db::match_words;

fn match_expression(text: &str, prefix: bool) -> Option<String> {
    match_words(text, prefix).map(|(expression, _)| expression)
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
        ("drošā", true, Some("(\"drosa\"* OR \"drosha\"*)")),
        ("112", true, Some("\"112\"*")),
        ("help now", false, Some("\"help\" AND \"nov\"")),
        (
            "\"); DROP TABLE x; --",
            true,
            Some("\"drop\"* AND \"table\"* AND \"ks\"*"),
        ),
        ("NEAR(a b)", true, Some("\"near\"* AND \"a\"* AND \"b\"*")),
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
    let long = "a".repeat(500);
    assert_eq!(match_expression(&long, true).map(|e| e.len()), Some(48 + 3));
    assert_eq!(
        match_words("dr pomo", true).map(|(_, shortest)| shortest),
        Some(2)
    );
    let many = "w ".repeat(100);
    assert_eq!(
        match_expression(&many, false).map(|e| e.matches("AND").count()),
        Some(7)
    );
}
