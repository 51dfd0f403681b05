//! Unit tests: the syntax helpers, plural categories, and the lint on in-memory folders.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::folders::{Folder, SourceFile};
use crate::lint::lint_folders;
use crate::syntax::{self, Facts};
use crate::{Arg, LintProblem, Localizer, Severity};

#[test]
fn localizer_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Localizer>();
}

#[test]
fn plural_categories_follow_cldr() {
    fn check(tag: &str, expect: &[&str]) {
        let Some(parsed) = crate::localizer::parse_folder_tag(tag) else {
            panic!("{tag} should parse");
        };
        let found = syntax::plural_categories(&parsed.langid);
        let expect: BTreeSet<&str> = expect.iter().copied().collect();
        assert_eq!(found, expect, "{tag}");
    }
    check("lv", &["zero", "one", "other"]);
    check("ru", &["one", "few", "many", "other"]);
    check("uk", &["one", "few", "many", "other"]);
    check("en", &["one", "other"]);
    check("et", &["one", "other"]);
    check("ar", &["zero", "one", "two", "few", "many", "other"]);
    check("ja", &["other"]);
    // A language the plural rules do not know is treated like English, as the formatter does.
    check("tlh", &["one", "other"]);
}

#[test]
fn too_deep() {
    #[track_caller]
    fn check(source: &str, expect: Option<usize>) {
        let start: String = source.chars().take(60).collect();
        assert_eq!(syntax::too_deep(source), expect, "{start:?}…");
    }
    let deep = |n: usize| format!("m = {}x{}", "{".repeat(n), "}".repeat(n));
    check("", None);
    check("m = { $a ->\n [one] { -t(x: 1) }\n *[other] x\n}\n", None);
    check(&deep(syntax::MAX_NESTING), None);
    check(
        &deep(syntax::MAX_NESTING + 1),
        Some(4 + syntax::MAX_NESTING),
    );
    check(
        &format!("m = {{ {}", "(".repeat(100)),
        Some(5 + syntax::MAX_NESTING),
    );
    check(&format!("m = {}", "(".repeat(100)), None);
    // Braces in string literals and comments do not count; in plain text they do (and are syntax errors).
    check(&format!("m = {{ \"{}\" }}", "{".repeat(100)), None);
    check(&format!("m = {{ \"\\\"{}\" }}", "{".repeat(100)), None);
    check(&format!("# {}\nm = x", "{".repeat(100)), None);
    check(
        &format!("m = \"{}", "{".repeat(100)),
        Some(5 + syntax::MAX_NESTING),
    );
    // A quote in variant text is text: it hides no braces.
    let quote = "m = { $a ->\n *[x] \"";
    check(
        &format!("{quote}{}", "{".repeat(100_000)),
        Some(quote.len() + syntax::MAX_NESTING - 1),
    );
    check("m = { $a ->\n *[x] \"{ $b }\"\n}\n", None);
    // Parentheses in variant text neither open nor close anything.
    let level = "{ $a ->\n *[x] ) ";
    check(
        &format!("m = {}", level.repeat(100_000)),
        Some(4 + level.len() * syntax::MAX_NESTING),
    );
    check(
        &format!("m = {}", "{ $a ->\n *[x] ( ".repeat(100)),
        Some(4 + level.len() * syntax::MAX_NESTING),
    );
    // In call arguments, a string may follow an argument without a comma; its braces are hidden.
    let level = "{ F($a \"}\" ";
    check(
        &format!("m = {}", level.repeat(100)),
        Some(4 + level.len() * (syntax::MAX_NESTING / 2)),
    );
    check("m = { F(\"{\" \"}\", x: \"}\") } { -t(\"(\") }", None);
    // A `)` closes call arguments, not a placeable; a `}` closes a placeable and its open calls.
    check(
        &format!("m = {}", "{ F() ".repeat(syntax::MAX_NESTING - 1)),
        None,
    );
    check(&format!("m = {}", "{ F( } ".repeat(100)), None);
    // A line starting an entry or comment starts afresh, as the parser does after a broken entry: what was
    // open does not make the next quote a string, nor does it add up.
    let junk = "a = { F( ]\nb = x, \"";
    check(
        &format!("{junk}{}", "{".repeat(100_000)),
        Some(junk.len() + syntax::MAX_NESTING),
    );
    check(&format!("a = {{ F( ]\n# {}", "{".repeat(100)), None);
    check(&"a = { F( ]\n".repeat(100), None);
    // Inside a placeable, other lines do not start afresh.
    check(
        &format!("m = {}", "{\nF(\n".repeat(100)),
        Some(4 + 5 * syntax::MAX_NESTING / 2),
    );
}

#[test]
fn line_index() {
    fn check(source: &str, byte: usize, expect: usize) {
        assert_eq!(
            syntax::LineIndex::new(source).line(byte),
            expect,
            "{source:?} at {byte}"
        );
    }
    check("", 0, 1);
    check("", 99, 1);
    check("a\nb\nc", 0, 1);
    check("a\nb\nc", 1, 1);
    check("a\nb\nc", 2, 2);
    check("a\nb\nc", 4, 3);
    check("a\nb\nc", 99, 3);
    check("a\n", 2, 2);
    check("a\r\nb", 3, 2);
    check("ä\nb", 1, 1);
}

#[test]
fn offset_in() {
    let source = "a = 1\nb = 2";
    assert_eq!(syntax::offset_in(source, &source[6..7]), Some(6));
    assert_eq!(syntax::offset_in(source, &source[11..]), Some(11));
    assert_eq!(syntax::offset_in(source, source), Some(0));
    let other = String::from("b");
    assert_eq!(syntax::offset_in(source, &other), None);
    assert_eq!(syntax::offset_in(&source[6..], &source[..1]), None);
    assert_eq!(syntax::offset_in(&source[..6], &source[6..7]), None);
}

#[test]
fn leading_identifier() {
    fn check(text: &str, expect: Option<&str>) {
        assert_eq!(syntax::leading_identifier(text), expect, "{text:?}");
    }
    check("hello = Hi", Some("hello"));
    check("hello=Hi", Some("hello"));
    check("search-results =", Some("search-results"));
    check("-brand-name = X", Some("-brand-name"));
    check("a_b-1\t= x", Some("a_b-1"));
    check("  hello = Hi", None);
    check("1abc = x", None);
    check("hello Hi", None);
    check("# hello = x", None);
    check("-", None);
    check("", None);
    check("ä = x", None);
}

#[test]
fn facts_by_id_keeps_the_first_definition() {
    let mut facts = syntax::FactsById::default();
    let first = "a = { $x }\n-t = T\n";
    let resource = fluent_syntax::parser::parse(first).unwrap_or_else(|(resource, _)| resource);
    assert_eq!(facts.add(0, first, &resource.body), vec![]);
    // Junk is skipped and does not shift the lines of what follows.
    let second = "b = {\n}\nc = C\n# b = x\n  -t = y\n-t = U\na = { $y }\n";
    let resource = fluent_syntax::parser::parse(second).unwrap_or_else(|(resource, _)| resource);
    let duplicates = facts.add(1, second, &resource.body);
    let duplicate = |id: &str, line| syntax::Duplicate {
        id: id.to_owned(),
        line,
    };
    assert_eq!(duplicates, vec![duplicate("-t", 6), duplicate("a", 7)]);
    let found: Vec<(&str, usize, usize, bool)> = facts
        .iter()
        .map(|(id, d)| (id.as_str(), d.source, d.line, d.facts.value))
        .collect();
    assert_eq!(
        found,
        vec![("-t", 0, 2, true), ("a", 0, 1, true), ("c", 1, 3, true)]
    );
    assert!(facts.facts("a").is_some_and(|a| a.variables.contains("x")));
    assert!(facts.contains("c") && !facts.contains("b") && !facts.contains("t"));
}

/// Facts of the first message in `source`, rendered compactly for comparison.
fn facts_of(source: &str) -> Facts {
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(resource, _)| resource);
    resource
        .body
        .iter()
        .find_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(Facts::of_message(message)),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn facts() {
    #[track_caller]
    fn check(source: &str, expect: &str) {
        let facts = facts_of(source);
        let selects: Vec<String> = facts
            .selects
            .iter()
            .map(|s| {
                let keys: Vec<&str> = s.keys.iter().map(String::as_str).collect();
                format!(
                    "{}{}[{}]*{}",
                    s.variable.as_deref().unwrap_or("?"),
                    if s.plural { " plural " } else { " " },
                    keys.join(","),
                    s.default.as_deref().unwrap_or("-")
                )
            })
            .collect();
        let join = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(",");
        let found = format!(
            "vars: {}; msgs: {}; terms: {}; attrs: {}; selects: {}; hazards: {}",
            join(&facts.variables),
            join(&facts.messages),
            join(&facts.terms),
            join(&facts.attributes),
            selects.join(" | "),
            facts.hazards.len()
        );
        assert_eq!(found, expect, "{source:?}");
    }
    check(
        "m = plain",
        "vars: ; msgs: ; terms: ; attrs: ; selects: ; hazards: 0",
    );
    check(
        "m = { $a } and { $b } { other } { -brand }\n    .title = { $c }",
        "vars: a,b,c; msgs: other; terms: -brand; attrs: title; selects: ; hazards: 0",
    );
    check(
        "m = { $count ->\n [one] one\n *[other] { $count } many\n}",
        "vars: count; msgs: ; terms: ; attrs: ; selects: count plural [one,other]*other; hazards: 0",
    );
    check(
        "m = { $day ->\n [mon] Monday\n *[other] { $day }\n}",
        "vars: day; msgs: ; terms: ; attrs: ; selects: day [mon,other]*other; hazards: 0",
    );
    check(
        "m = { NUMBER($n) ->\n *[other] x\n}",
        "vars: n; msgs: ; terms: ; attrs: ; selects: n plural [other]*other; hazards: 0",
    );
    check(
        "m = { $n ->\n [0] none\n *[other] x\n}",
        "vars: n; msgs: ; terms: ; attrs: ; selects: n plural [0,other]*other; hazards: 0",
    );
    check(
        "m = { $a ->\n *[x] { $b ->\n [one] y\n *[other] z\n }\n}",
        "vars: a,b; msgs: ; terms: ; attrs: ; selects: b plural [one,other]*other | a [x]*x; hazards: 0",
    );
    // Numbers the formatter's plural operands cannot hold.
    check(
        "m = { 0.0000000000001 }",
        "vars: ; msgs: ; terms: ; attrs: ; selects: ; hazards: 1",
    );
    check(
        "m = { -1.0000000000000 }",
        "vars: ; msgs: ; terms: ; attrs: ; selects: ; hazards: 1",
    );
    check(
        "m = { $n ->\n [1.0000000000000] x\n *[other] y\n}",
        "vars: n; msgs: ; terms: ; attrs: ; selects: n plural [1.0000000000000,other]*other; hazards: 1",
    );
    check(
        "m = { 123456789012345678901234567890.000000000001 }",
        "vars: ; msgs: ; terms: ; attrs: ; selects: ; hazards: 0",
    );
    check(
        "m = { NUMBER($n, minimumFractionDigits: 13) }",
        "vars: n; msgs: ; terms: ; attrs: ; selects: ; hazards: 1",
    );
    check(
        "m = { NUMBER($n, minimumFractionDigits: 2) }",
        "vars: n; msgs: ; terms: ; attrs: ; selects: ; hazards: 0",
    );
}

#[test]
fn hazards_are_followed_through_references() {
    let source = "a = { b }\nb = { -t }\n-t = { 0.0000000000000000000001 }\nc = fine\nd = { d }\n";
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(resource, _)| resource);
    let mut facts = syntax::FactsById::default();
    assert_eq!(facts.add(0, source, &resource.body), vec![]);
    assert!(syntax::first_hazard(&facts, "a").is_some_and(|h| h.starts_with("-t: number")));
    assert!(syntax::first_hazard(&facts, "b").is_some());
    assert_eq!(syntax::first_hazard(&facts, "c"), None);
    assert_eq!(syntax::first_hazard(&facts, "d"), None, "cycles end");
    assert_eq!(syntax::first_hazard(&facts, "missing"), None);
}

#[test]
fn arg_conversions() {
    assert_eq!(Arg::from("x"), Arg::Str("x".to_owned()));
    assert_eq!(Arg::from(String::from("x")), Arg::Str("x".to_owned()));
    assert_eq!(Arg::from(3_i64), Arg::Num(3.0));
    assert_eq!(Arg::from(3), Arg::Num(3.0));
    assert_eq!(Arg::from(3_usize), Arg::Num(3.0));
    assert_eq!(Arg::from(1.5), Arg::Num(1.5));
}

fn folder(name: &str, files: &[(&str, &str)]) -> Folder {
    let path = Path::new("locales").join(name);
    Folder {
        name: name.to_owned(),
        unreadable: Vec::new(),
        files: files
            .iter()
            .map(|(file, text)| SourceFile {
                path: path.join(file),
                text: (*text).to_owned(),
            })
            .collect(),
        path,
    }
}

#[test]
fn lint_in_memory_reports_only_what_is_wrong() {
    let folders = [
        folder("en", &[("a.ftl", "hello = Hello { $name }\nbye = Bye\n")]),
        folder("lv", &[("a.ftl", "hello = Sveiki { $name }\nbye = Atā\n")]),
    ];
    assert_eq!(lint_folders(Path::new("locales"), &folders), vec![]);

    let folders = [
        folder("en", &[("a.ftl", "hello = Hello { $name }\nbye = Bye\n")]),
        folder("lv", &[("a.ftl", "hello = Sveiki\n")]),
    ];
    let found: Vec<(Severity, Option<String>)> = lint_folders(Path::new("locales"), &folders)
        .into_iter()
        .map(|problem| (problem.severity, problem.id))
        .collect();
    assert_eq!(
        found,
        vec![
            (Severity::Warning, Some("bye".to_owned())),
            (Severity::Error, Some("hello".to_owned()))
        ]
    );
}

fn ftl_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a = A\n".to_owned()),
        Just("b = { $n ->\n [one] one\n *[other] other\n}\n".to_owned()),
        Just("c = { b } { a.attr }\n    .attr = x\n".to_owned()),
        Just("-t = { $case ->\n *[nom] T\n}\nd = { -t(case: \"nom\") }\n".to_owned()),
        Just(
            "e = { NUMBER($n, minimumFractionDigits: 99) ->\n [one] a\n *[other] b\n}\n".to_owned()
        ),
        Just("f = { 0.000000000000000000000001 ->\n [one] a\n *[other] b\n}\n".to_owned()),
        Just("g = { g }{ h }\nh = { g }\n".to_owned()),
        Just("{{{{".to_owned()),
        Just("}\n".to_owned()),
        Just("# comment\n".to_owned()),
        Just("\n".to_owned()),
        "[a-z]{1,3} ?= ?[a-z {}$*\\[\\]0-9.-]{0,16}\n",
    ]
}

fn ftl_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z{}$*\\[\\]=. \n#\"\\\\(),0-9:-]{0,200}",
        prop::collection::vec(ftl_fragment(), 0..12).prop_map(|parts| parts.concat()),
    ]
}

proptest! {
    #[test]
    fn lint_never_panics(
        en in ftl_text(),
        other in ftl_text(),
        name in prop_oneof![Just("lv".to_owned()), Just("ru".to_owned()), "[^/]{0,12}"],
    ) {
        let folders = [folder("en", &[("a.ftl", &en)]), folder(&name, &[("a.ftl", &other), ("b.ftl", &en)])];
        let problems = lint_folders(Path::new("locales"), &folders);
        for problem in problems {
            let LintProblem { severity, file, line, message, .. } = &problem;
            prop_assert_eq!(
                problem.to_string(),
                format!("{}:{line}: {severity}: {message}", file.display())
            );
            // Messages are lowercase, without a trailing period.
            prop_assert!(!message.is_empty() && !message.ends_with('.'), "{problem}");
            prop_assert!(!message.starts_with(char::is_uppercase), "{problem}");
            prop_assert!(file.starts_with(PathBuf::from("locales")));
        }
    }
}
