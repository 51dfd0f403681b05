//! The lint, on fixture folders written to a temp dir and on the shipped locales.

use compass_i18n::{LintProblem, Severity, lint};

use crate::{TempTree, locales_dir};

/// Lints `files` and compares every problem, displayed relative to the fixture root (`lv/a.ftl:3: error: …`).
#[track_caller]
fn check(files: &[(&str, &str)], expect: &[&str]) {
    let bytes: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(path, text)| (*path, text.as_bytes()))
        .collect();
    let tree = TempTree::new(&bytes);
    let found: Vec<String> = lint(&tree.root)
        .iter()
        .map(|problem| {
            let file = problem
                .file
                .strip_prefix(&tree.root)
                .unwrap_or(&problem.file);
            format!(
                "{}:{}: {}: {}",
                file.display(),
                problem.line,
                problem.severity,
                problem.message
            )
        })
        .collect();
    assert_eq!(found, expect, "{files:?}");
}

const EN: (&str, &str) = ("en/main.ftl", "hello = Hello, { $name }\nbye = Goodbye\n");

#[test]
fn clean_locales_have_no_problems() {
    check(
        &[
            EN,
            (
                "lv/main.ftl",
                "hello = Sveiki, { $name }\nbye = Uz redzēšanos\n",
            ),
        ],
        &[],
    );
    // Files may be split differently, and terms are each locale's own business.
    check(
        &[
            EN,
            ("lv/a.ftl", "-name = Vārds\nhello = Sveiki, { $name }\n"),
            ("lv/b.ftl", "bye = { -name }\n"),
        ],
        &[],
    );
}

#[test]
fn syntax_errors() {
    check(
        &[
            EN,
            ("lv/main.ftl", "hello = Sveiki, { $name }\n\nbye = { $x\n"),
        ],
        &[
            "lv/main.ftl:0: warning: `bye` is not translated yet",
            "lv/main.ftl:3: error: syntax error in `bye`: expected a token starting with \"}\"",
        ],
    );
    check(
        &[
            EN,
            (
                "lv/main.ftl",
                "hello = Sveiki, { $name }\nbye = Atā\nthis is not fluent\n",
            ),
        ],
        &["lv/main.ftl:3: error: syntax error: expected a token starting with \"=\""],
    );
    // Fluent requires a default variant.
    check(
        &[
            EN,
            (
                "lv/main.ftl",
                "hello = { $name ->\n    [a] A\n    [b] B\n}\nbye = Atā\n",
            ),
        ],
        &[
            "lv/main.ftl:0: warning: `hello` is not translated yet",
            "lv/main.ftl:4: error: syntax error in `hello`: the select expression must have a default variant",
        ],
    );
}

#[test]
fn missing_and_extra_ids() {
    check(
        &[EN, ("lv/main.ftl", "hello = Sveiki, { $name }\n")],
        &["lv/main.ftl:0: warning: `bye` is not translated yet"],
    );
    check(
        &[
            EN,
            (
                "lv/other.ftl",
                "hello = Sveiki, { $name }\nbye = Atā\nextra = Lieks\n",
            ),
        ],
        &["lv/other.ftl:3: error: `extra` is not in en: add it there first or remove it"],
    );
    check(
        &[
            EN,
            (
                "lv/main.ftl",
                "hello = Sveiki, { $name }\nbye = Atā\nbye = Atā atkal\n",
            ),
        ],
        &["lv/main.ftl:3: error: `bye` is defined twice (first at main.ftl:2)"],
    );
}

#[test]
fn lines_after_a_broken_definition() {
    // The broken `bye` is junk, not a definition: the ones after it are reported at their own lines.
    check(
        &[
            EN,
            (
                "lv/main.ftl",
                "hello = Sveiki, { $name }\nbye = {\n}\nbye = Atā, { $name }\nbye = Atā\n",
            ),
        ],
        &[
            "lv/main.ftl:3: error: syntax error in `bye`: expected an inline expression",
            "lv/main.ftl:4: error: `bye` uses $name, which the en message does not",
            "lv/main.ftl:5: error: `bye` is defined twice (first at main.ftl:4)",
        ],
    );
}

#[test]
fn variable_mismatches() {
    check(
        &[
            EN,
            (
                "lv/main.ftl",
                "hello = Sveiki, { $nme }\nbye = Atā, { $name }\n",
            ),
        ],
        &[
            "lv/main.ftl:1: error: `hello` uses $nme, which the en message does not",
            "lv/main.ftl:1: error: `hello` does not use $name, which the en message uses",
            "lv/main.ftl:2: error: `bye` uses $name, which the en message does not",
        ],
    );
}

#[test]
fn plural_categories() {
    let en = (
        "en/main.ftl",
        "n = { $count ->\n    [one] one\n   *[other] { $count } many\n}\n",
    );
    let one_other = "n = { $count ->\n    [one] a\n   *[other] { $count } b\n}\n";
    check(&[en, ("et/main.ftl", one_other)], &[]);
    check(
        &[en, ("lv/main.ftl", one_other)],
        &[
            "lv/main.ftl:1: warning: `n`: the selector on $count lacks [zero] (lv needs zero, one, other)",
        ],
    );
    check(
        &[en, ("ru/main.ftl", one_other), ("uk/main.ftl", one_other)],
        &[
            "ru/main.ftl:1: warning: `n`: the selector on $count lacks [few], [many] (ru needs one, few, many, other)",
            "uk/main.ftl:1: warning: `n`: the selector on $count lacks [few], [many] (uk needs one, few, many, other)",
        ],
    );
    // A translation that selects only on [other] is still a plural when English's is.
    check(
        &[
            en,
            (
                "ru/main.ftl",
                "n = { $count ->\n   *[other] { $count } b\n}\n",
            ),
        ],
        &[
            "ru/main.ftl:1: warning: `n`: the selector on $count lacks [one], [few], [many] (ru needs one, few, many, other)",
        ],
    );
    // English itself is checked too, and so is the default variant.
    check(
        &[(
            "en/main.ftl",
            "n = { $count ->\n   *[one] one\n    [other] { $count } many\n}\nm = { $count ->\n   *[other] x\n    [few] { $count }\n}\n",
        )],
        &[
            "en/main.ftl:1: error: `n`: the default variant of the selector on $count is *[one], not *[other]",
            "en/main.ftl:5: warning: `m`: the selector on $count lacks [one] (en needs one, other)",
        ],
    );
    // Selectors on text are not plurals.
    check(
        &[(
            "en/main.ftl",
            "d = { $day ->\n    [mon] Monday\n   *[other] { $day }\n}\n",
        )],
        &[],
    );
}

#[test]
fn folders() {
    check(
        &[
            EN,
            ("en_GB/main.ftl", "hello = Hi\n"),
            ("123/main.ftl", "x"),
            ("ok/main.ftl", "bye = x\n"),
        ],
        &[
            "123:0: error: folder name `123` is not a valid BCP 47 language tag",
            "en_GB:0: error: folder name `en_GB` is not a valid BCP 47 language tag",
            "ok/main.ftl:0: warning: `hello` is not translated yet",
        ],
    );
    check(
        &[("lv/main.ftl", "a = A\n")],
        &["en:0: error: the reference locale folder `en` is missing"],
    );
    check(
        &[
            ("LV/main.ftl", "hello = Sveiki, { $name }\nbye = Atā\n"),
            EN,
        ],
        &["LV:0: warning: folder name `LV` should be written `lv`"],
    );
    check(
        &[
            EN,
            ("lv/main.ftl", "hello = Sveiki, { $name }\nbye = Atā\n"),
            ("lv/notes.txt", "{{{"),
        ],
        &[],
    );
    check(
        &[
            EN,
            ("lv/main.ftl", "hello = Sveiki, { $name }\n\u{0}bye = Atā\n"),
        ],
        &[
            "lv/main.ftl:0: warning: `bye` is not translated yet",
            "lv/main.ftl:2: error: syntax error: expected one of \"a-zA-Z\"",
        ],
    );
}

#[test]
fn references_and_hazards() {
    check(
        &[("en/main.ftl", "a = { b } { -brand } { c.title }\nc = C\n")],
        &[
            "en/main.ftl:1: error: `a` uses message `b`, which en does not define",
            "en/main.ftl:1: error: `a` uses term `-brand`, which en does not define",
        ],
    );
    check(
        &[(
            "en/main.ftl",
            "a = { 0.0000000000000000000001 }\nb = { NUMBER($n, minimumFractionDigits: 50) }\n",
        )],
        &[
            "en/main.ftl:1: error: `a`: number 0.0000000000000000000001 has more decimals than the formatter handles (at most 12)",
            "en/main.ftl:2: error: `b`: minimumFractionDigits: 50 is more than the formatter handles (at most 12)",
        ],
    );
    // Deep enough to overflow the parser's stack if it were parsed.
    let deep = format!(
        "a = A\nb = {}x{}\n",
        "{".repeat(100_000),
        "}".repeat(100_000)
    );
    check(
        &[("en/main.ftl", &deep)],
        &["en/main.ftl:2: error: placeables nested more than 32 deep: the file was not parsed"],
    );
}

/// Sources that nest 100,000 levels deep in ways a brace count can miss; each would overflow the parser's
/// stack and abort the process.
pub(crate) fn hostile_sources() -> [String; 3] {
    let levels = 100_000;
    [
        // A quote in variant text is text, not a string literal hiding the braces after it.
        format!("a = A\nb = {{ $n ->\n *[x] \"{}\n}}\n", "{".repeat(levels)),
        // A parenthesis in variant text closes nothing.
        format!("a = A\nb = {}x\n", "{ $n ->\n *[x] ) ".repeat(levels)),
        // After a broken entry the parser starts afresh: its open braces do not make the next quote a string.
        format!("a = {{ F( ]\nb = x, \"{}\n", "{".repeat(levels)),
    ]
}

#[test]
fn hostile_nesting_is_reported_not_parsed() {
    // Reported at the line of the 33rd level.
    for (source, line) in hostile_sources().iter().zip([3, 34, 2]) {
        let expect = format!(
            "en/main.ftl:{line}: error: placeables nested more than 32 deep: the file was not parsed"
        );
        check(&[("en/main.ftl", source)], &[expect.as_str()]);
    }
}

#[test]
fn unreadable_input() {
    let tree = TempTree::new(&[("en/bad.ftl", b"a = \xff\n")]);
    let problems = lint(&tree.root);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.starts_with("cannot read the file"),
        "{}",
        problems[0]
    );

    let problems = lint(&tree.root.join("missing"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].severity, Severity::Error);
    assert!(
        problems[0]
            .message
            .starts_with("cannot read the locales folder"),
        "{}",
        problems[0]
    );
}

#[test]
fn display() {
    let problem = LintProblem {
        severity: Severity::Warning,
        locale: "lv".to_owned(),
        file: "resources/locales/lv/search.ftl".into(),
        line: 0,
        id: Some("search-results".to_owned()),
        message: "`search-results` is not translated yet".to_owned(),
    };
    assert_eq!(
        problem.to_string(),
        "resources/locales/lv/search.ftl:0: warning: `search-results` is not translated yet"
    );
}

#[test]
fn shipped_locales_are_clean() {
    let problems = lint(&locales_dir());
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    // No errors, and the translations are complete too.
    assert_eq!(shown, Vec::<String>::new());
}

/// The glossary holds the UI strings to one term per concept: a form to avoid is an error at its line
/// (in message text only, never in ids, comments or placeables), and a glossary that does not parse or
/// names a locale with no folder is an error on the glossary itself.
#[test]
fn the_glossary_is_enforced_on_ui_strings_with_file_and_line() {
    let glossary = r#"
[[term]]
concept = "helpline"
lv = { use = "palīdzības tālrunis", avoid = ["uzticības tālru"] }
uk = { use = "’", avoid = ["'"] }
"#;
    let tree = TempTree::new(&[
        ("glossary.toml", glossary.as_bytes()),
        ("en/ui.ftl", b"lines = Helplines\nname = Name\nsel = { $n ->\n   *[other] Helplines\n}\n"),
        (
            "lv/ui.ftl",
            "# Uzticības tālrunis in a comment is fine\nlines = Uzticības tālruņi\nname = { $uzticības_tālrunis }\nsel = { $n ->\n   *[other] Palīdzības tālruņi un uzticības tālrunis\n}\n"
                .as_bytes(),
        ),
        ("uk/ui.ftl", "lines = Гарячі лінії\nname = Пам'ять\nsel = { $n ->\n   *[other] Пам’ять\n}\n".as_bytes()),
    ]);
    let found: Vec<String> = compass_i18n::check_glossary(&tree.root)
        .iter()
        .map(|problem| {
            let file = problem
                .file
                .strip_prefix(&tree.root)
                .unwrap_or(&problem.file);
            format!("{}:{}: {}", file.display(), problem.line, problem.message)
        })
        .collect();
    assert_eq!(
        found,
        [
            "lv/ui.ftl:2: \"uzticības tālru\" is not the glossary's term for helpline: write \"palīdzības tālrunis\"",
            "lv/ui.ftl:5: \"uzticības tālru\" is not the glossary's term for helpline: write \"palīdzības tālrunis\"",
            "uk/ui.ftl:2: \"'\" is not the glossary's term for helpline: write \"’\"",
        ]
    );
    // The lint reports them too, so `compass-admin check` fails on them.
    assert_eq!(
        lint(&tree.root)
            .iter()
            .filter(|p| p.message.contains("glossary"))
            .count(),
        3
    );

    for (bad, expected) in [
        (
            "[[term]]\nconcept = \"x\"\nlv = { use = \"a\", avoid = [\n",
            "glossary.toml:3: glossary: unclosed array",
        ),
        (
            "[[term]]\nconcept = \"x\"\nde = { use = \"a\" }\n",
            "glossary.toml:2: glossary: \"x\" names locale \"de\"",
        ),
        (
            "[[term]]\nconcept = \"x\"\nlv = { use = \"a\", avoid = [\"\"] }\n",
            "glossary.toml:2: glossary: \"x\" in \"lv\" has an empty",
        ),
    ] {
        let tree = TempTree::new(&[("glossary.toml", bad.as_bytes()), ("lv/ui.ftl", b"a = b\n")]);
        let found: Vec<String> = compass_i18n::check_glossary(&tree.root)
            .iter()
            .map(|problem| {
                let file = problem
                    .file
                    .strip_prefix(&tree.root)
                    .unwrap_or(&problem.file);
                format!("{}:{}: {}", file.display(), problem.line, problem.message)
            })
            .collect();
        assert_eq!(found.len(), 1, "{bad:?}: {found:?}");
        assert!(found[0].starts_with(expected), "{bad:?}: {found:?}");
    }
}

#[test]
fn the_shipped_ui_strings_follow_the_shipped_glossary() {
    let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/locales");
    assert!(locales.join(compass_i18n::GLOSSARY_FILE).is_file());
    let problems: Vec<String> = compass_i18n::check_glossary(&locales)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems, Vec::<String>::new());
}
