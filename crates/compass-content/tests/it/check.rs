//! `check`: every problem reported at once, with file and line; never a panic.

use compass_content::check::check;
use compass_content::source::{self, Severity};

use crate::{edited_mini, fixture_today, mini_dir, seed_dir};

/// Rendered findings of a source folder, with the folder's own path removed.
fn findings(dir: &std::path::Path, today: jiff::civil::Date) -> Vec<String> {
    let loaded = source::load(dir);
    check(&loaded, today)
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn errors(dir: &std::path::Path) -> Vec<String> {
    findings(dir, fixture_today())
        .into_iter()
        .filter(|f| f.contains(": error: "))
        .collect()
}

#[test]
fn fixture_has_no_errors() {
    assert_eq!(errors(&mini_dir()), Vec::<String>::new());
}

#[test]
fn seed_has_no_errors() {
    let today = jiff::ZonedDateTime::now().date();
    let all = findings(&seed_dir(), today);
    let errors: Vec<&String> = all.iter().filter(|f| f.contains(": error: ")).collect();
    assert!(errors.is_empty(), "seed errors:\n{errors:#?}");
    let loaded = source::load(&seed_dir());
    assert!(
        !loaded.content.organizations.is_empty(),
        "the seed has organisations"
    );
}

/// Each case edits one file of the fixture and expects exactly these errors (`file:line: error: text`
/// prefixes; the text may continue).
#[test]
fn each_mistake_is_reported_with_file_and_line() {
    let org =
        std::fs::read_to_string(mini_dir().join("organizations/lv-alpha.toml")).expect("fixture");
    let with = |from: &str, to: &str| {
        assert!(org.contains(from), "fixture has {from:?}");
        org.replacen(from, to, 1)
    };
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            with("+37120000001", "+371 2000 0001"),
            vec![
                "organizations/lv-alpha.toml:28: error: phone number \"+371 2000 0001\" is not in E.164",
            ],
        ),
        (
            with("+37120000001", "0037120000001"),
            vec!["organizations/lv-alpha.toml:28: error: phone number"],
        ),
        (
            with("https://alpha.example.org", "alpha.example.org"),
            vec!["organizations/lv-alpha.toml:5: error: \"alpha.example.org\" is not a valid URL"],
        ),
        (
            with("2026-10-01", "2026-13-01"),
            vec!["organizations/lv-alpha.toml:7: error: date \"2026-13-01\" is not YYYY-MM-DD"],
        ),
        (
            with("Europe/Riga", "Europe/Rigga"),
            vec!["organizations/lv-alpha.toml:30: error: unknown time zone \"Europe/Rigga\""],
        ),
        (
            with("Mo-Fr 09:00-17:00", "Mo-Fr 9-17"),
            vec!["organizations/lv-alpha.toml:30: error: invalid time"],
        ),
        (
            with("id = \"lv-alpha-programme\"", "id = \"lv-alpha-hotline\""),
            vec![
                "organizations/lv-alpha.toml:33: error: duplicate id \"lv-alpha-hotline\" (first used at organizations/lv-alpha.toml:16)",
            ],
        ),
        (
            with(
                "locations = [\"lv-alpha-riga\"]",
                "locations = [\"lv-nowhere\"]",
            ),
            vec![
                "organizations/lv-alpha.toml:22: error: location \"lv-nowhere\" is not a location of this organisation",
            ],
        ),
        (
            with(
                "topics = [\"trafficking\", \"sham-marriage\"]",
                "topics = [\"trafficking\", \"smuggling\"]",
            ),
            vec!["organizations/lv-alpha.toml:18: error: unknown topic \"smuggling\""],
        ),
        (
            with("country = \"LV\"", "country = \"UK\""),
            vec!["organizations/lv-alpha.toml:2: error: the United Kingdom's ISO code is GB"],
        ),
        (
            with(
                "lv = \"original\", en = \"machine\"",
                "lv = \"machine\", en = \"machine\"",
            ),
            vec![
                "organizations/lv-alpha.toml:6: error: `translation` must mark exactly one locale `original` (found 0)",
            ],
        ),
        (
            with("status = \"verified\"", "status = \"unverified\""),
            vec!["organizations/lv-alpha.toml:30: error: an unverified entry must not state hours"],
        ),
        (
            with("kind = \"voice\"", "kind = \"fax\""),
            vec!["organizations/lv-alpha.toml:27: error: unknown variant `fax`"],
        ),
        (
            with("audience = \"adults\"", ""),
            vec!["organizations/lv-alpha.toml:15: error: missing field `audience`"],
        ),
        (
            with(
                "name = { lv = \"Uzticības tālrunis\", en = \"Trust line\" }",
                "name = { en = \"Trust line\" }",
            ),
            vec![
                "organizations/lv-alpha.toml:23: error: `name` has no text in its original locale \"lv\"",
            ],
        ),
        (
            with("id = \"lv-alpha\"", "id = \"LV Alpha\""),
            vec!["organizations/lv-alpha.toml:1: error: id \"LV Alpha\" must be lowercase"],
        ),
        (
            with(
                "address = \"help@alpha.example.org\"",
                "address = \"help at alpha\"",
            ),
            vec![
                "organizations/lv-alpha.toml:46: error: \"help at alpha\" is not a valid e-mail address",
            ],
        ),
        (
            with(
                "[[service.channel]]\nkind = \"email\"\naddress = \"help@alpha.example.org\"",
                "[[service.channel]]\nkind = \"email\"",
            ),
            vec!["organizations/lv-alpha.toml:44: error: an e-mail channel needs `address`"],
        ),
        (
            with("name = { lv = \"Biedrība", "name = { lv = \"Biedrība\n"),
            vec!["organizations/lv-alpha.toml:4: error: missing comma"],
        ),
    ];
    expect_errors_in("organizations/lv-alpha.toml", cases);
}

/// For each edited text of `file`, exactly the `expected` errors in that file (prefixes). (A file that
/// no longer parses also breaks references to it elsewhere; those are reported too, but each table is
/// about the edited file.)
#[track_caller]
fn expect_errors_in(file: &str, cases: Vec<(String, Vec<&str>)>) {
    for (text, expected) in cases {
        let dir = edited_mini(&[(file, Some(&text))]);
        let got: Vec<String> = errors(dir.path())
            .into_iter()
            .filter(|e| e.starts_with(file))
            .collect();
        assert_eq!(
            got.len(),
            expected.len(),
            "expected {expected:#?}\ngot {got:#?}"
        );
        for (got, expected) in got.iter().zip(&expected) {
            assert!(
                got.starts_with(expected),
                "expected {expected:?}\ngot {got:?}"
            );
        }
    }
}

#[test]
fn every_problem_in_every_file_at_once() {
    let dir = edited_mini(&[
        ("organizations/broken.toml", Some("id = \"x\"\nname = [")),
        ("organizations/empty.toml", Some("")),
        ("organizations/binary.toml", Some("\u{0}\u{1}garbage")),
        (
            "events/bad.toml",
            Some(
                "[[event]]\nid = \"ev-bad\"\ncategory = \"party\"\nstarts = \"2014-05-01\"\nends = \"2014-04-01\"\ntz = \"Europe/Riga\"\norganizer = \"nobody\"\ntitle = { lv = \"x\" }\ntranslation = { lv = \"original\" }\nprovenance = { source = \"https://example.org\", verified_on = \"2026-10-01\", status = \"verified\" }\n",
            ),
        ),
        (
            "reports/missing-file.toml",
            Some(
                "id = \"report-gone\"\npublisher = { en = \"x\" }\npublished_on = \"2014-12-10\"\ntitle = { en = \"x\" }\ntranslation = { en = \"original\" }\nprovenance = { source = \"https://example.org\", verified_on = \"2026-10-01\", status = \"verified\" }\n[[file]]\nlocale = \"en\"\npath = \"../../etc/passwd\"\n",
            ),
        ),
        (
            "articles/untitled/article.toml",
            Some(
                "order = 2\ntranslation = { en = \"original\" }\nprovenance = { source = \"https://example.org\", verified_on = \"2026-10-01\", status = \"verified\" }\n",
            ),
        ),
        ("articles/untitled/en.md", Some("no title here\n")),
        ("articles/no-meta/en.md", Some("# Lost\n")),
    ]);
    let got = errors(dir.path());
    let expected = [
        "articles/no-meta/article.toml: error: article folder has no article.toml",
        "articles/untitled/en.md: error: article has no title",
        "events/bad.toml:3: error: unknown event category \"party\"",
        "events/bad.toml:5: error: event ends (2014-04-01) before it starts (2014-05-01)",
        "events/bad.toml:7: error: organizer \"nobody\" is not an organisation id",
        "organizations/binary.toml:1: error:",
        "organizations/broken.toml:2: error:",
        "organizations/empty.toml:1: error: missing field `id`",
        "reports/missing-file.toml:9: error: report file path \"../../etc/passwd\" must stay inside reports/",
    ];
    assert_eq!(got.len(), expected.len(), "got {got:#?}");
    for expected in expected {
        assert!(
            got.iter().any(|g| g.starts_with(expected)),
            "missing {expected:?} in {got:#?}"
        );
    }
}

#[test]
fn a_duplicate_id_in_another_file_points_at_both() {
    let org = std::fs::read_to_string(mini_dir().join("organizations/lv-emergency.toml"))
        .expect("fixture");
    let copy = org
        .replace("id = \"lv-emergency-112\"", "id = \"lv-emergency-copy\"")
        .replace("country = \"LV\"", "country = \"lv\"");
    let dir = edited_mini(&[("organizations/zz-copy.toml", Some(&copy))]);
    let got = errors(dir.path());
    assert_eq!(
        got,
        [
            "organizations/zz-copy.toml:1: error: duplicate id \"lv-emergency\" (first used at organizations/lv-emergency.toml:1)",
            "organizations/zz-copy.toml:2: error: country \"lv\" must be an ISO 3166-1 alpha-2 code such as LV, EE, GB",
        ]
    );
}

#[test]
fn unexpected_files_and_bad_links_are_reported() {
    let dir = edited_mini(&[
        ("organisations/lv-typo.toml", Some("id = \"x\"")),
        ("events/notes.txt", Some("notes")),
        (
            "articles/hostile/en.md",
            Some("# Title\n\n[x](javascript:alert(1))\n"),
        ),
    ]);
    let all = findings(dir.path(), fixture_today());
    for expected in [
        "organisations: warning: unexpected folder, ignored",
        "events/notes.txt: warning: unexpected file, ignored (expected *.toml files)",
        "articles/hostile/en.md: error: link \"javascript:alert(1)\" is not allowed",
    ] {
        assert!(
            all.iter().any(|f| f.starts_with(expected)),
            "missing {expected:?} in {all:#?}"
        );
    }
}

#[test]
fn warnings_do_not_fail_and_name_what_is_missing() {
    // The fixture is verified on 2026-10-01: 200 days later it is stale.
    let later = jiff::civil::date(2027, 4, 19);
    let all = findings(&mini_dir(), later);
    assert!(all.iter().all(|f| !f.contains(": error: ")), "{all:#?}");
    assert!(
        all.iter().any(|f| f.contains(
            "organizations/lv-alpha.toml:7: warning: last verified 2026-10-01, over 180 days ago"
        )),
        "{all:#?}"
    );
    assert!(
        all.iter().any(|f| f.contains(
            "organizations/gb-emergency.toml:1: warning: missing lv translation of name"
        )),
        "{all:#?}"
    );
    let loaded = source::load(&mini_dir());
    let diagnostics = check(&loaded, later);
    assert!(diagnostics.iter().any(|d| d.severity == Severity::Warning));
    assert!(!compass_content::check::has_errors(&diagnostics));
}

#[test]
fn a_missing_folder_is_an_error_not_a_panic() {
    let got = errors(std::path::Path::new("/nonexistent/content"));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("does not exist"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 128, ..Default::default() })]
    /// Whatever a file holds, loading and checking report it and never panic.
    #[test]
    fn any_file_content_is_reported_not_a_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400), text in "\\PC{0,300}") {
        let org = std::fs::read_to_string(mini_dir().join("organizations/lv-alpha.toml")).expect("fixture");
        let cut = org.char_indices().map(|(i, _)| i).nth(text.len() % org.chars().count()).unwrap_or(0);
        let spliced = format!("{}{}{}", &org[..cut], text, &org[cut..]);
        let dir = edited_mini(&[("organizations/lv-alpha.toml", Some(&spliced))]);
        std::fs::write(dir.path().join("events/garbage.toml"), &bytes).expect("write");
        let loaded = source::load(dir.path());
        let diagnostics = check(&loaded, fixture_today());
        proptest::prop_assert!(diagnostics.iter().any(|d| d.file.ends_with("events/garbage.toml")), "{diagnostics:?}");
    }
}

#[test]
fn malformed_synonym_lists_and_keywords_are_reported_with_file_and_line() {
    let synonyms = "# comment\nwork, job\nsingle\na,,b\nforced labour, labor\nwork, toil\nx1y, z\n";
    let keywords = std::fs::read_to_string(mini_dir().join("organizations/lv-consular.toml"))
        .expect("read")
        .replace(
            r#"keywords = { lv = ["pazaudēta pase"]"#,
            &format!(r#"keywords = {{ lv = ["", "{}"]"#, "x".repeat(41)),
        );
    let dir = edited_mini(&[
        ("synonyms/en.txt", Some(synonyms)),
        ("synonyms/xx.txt", Some("one, two\n")),
        ("organizations/lv-consular.toml", Some(&keywords)),
    ]);
    let got = errors(dir.path());
    let expected = [
        "organizations/lv-consular.toml:13: error: keyword \"\" must be 1 to 40 characters",
        "organizations/lv-consular.toml:13: error: keyword \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" must be 1 to 40 characters",
        "synonyms/en.txt:3: error: a group needs two words or more",
        "synonyms/en.txt:4: error: an empty word",
        "synonyms/en.txt:5: error: \"forced labour\" is more than one word",
        "synonyms/en.txt:6: error: \"work\" is already in the group on line 2",
        "synonyms/en.txt:7: error: \"x1y\" holds a character that is not a letter",
        "synonyms/xx.txt: error: synonyms for \"xx\", which is not a kiosk locale",
    ];
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for (got, expected) in got.iter().zip(expected) {
        assert!(
            got.starts_with(expected),
            "expected {expected:?}\ngot {got:?}"
        );
    }
}

/// The rules that keep a card right: an emergency line always available (never "hours not confirmed"),
/// a short name that fits a card, `always` not mixed with weekly hours.
#[test]
fn emergency_lines_and_short_names_are_held_to_what_a_card_shows() {
    let org = std::fs::read_to_string(mini_dir().join("organizations/lv-emergency.toml"))
        .expect("fixture");
    let with = |from: &str, to: &str| {
        assert!(org.contains(from), "fixture has {from:?}");
        org.replacen(from, to, 1)
    };
    let long = "x".repeat(33);
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            with("hours = { tz = \"Europe/Riga\", always = true }\n", ""),
            vec![
                "organizations/lv-emergency.toml:15: error: an emergency line must be always available",
            ],
        ),
        (
            with(
                "always = true }",
                "always = true, weekly = [\"Mo-Fr 09:00-17:00\"] }",
            ),
            vec![
                "organizations/lv-emergency.toml:19: error: hours give both `always = true` and weekly rules",
            ],
        ),
        (
            with(
                "name = { lv = \"Vienotais ārkārtas tālrunis\", en = \"Single emergency number\" }\n",
                &format!(
                    "name = {{ lv = \"Vienotais ārkārtas tālrunis\", en = \"Single emergency number\" }}\nshort_name = {{ lv = \"Ārkārtas 112\", en = \"{long}\" }}\n"
                ),
            ),
            vec![
                "organizations/lv-emergency.toml:14: error: `short_name` in \"en\" has 33 characters; a card holds 32",
            ],
        ),
        (
            with("status = \"verified\"", "status = \"unverified\""),
            vec![
                "organizations/lv-emergency.toml:10: error: an emergency line must be verified",
                "organizations/lv-emergency.toml:19: error: an unverified entry must not state hours",
            ],
        ),
    ];
    expect_errors_in("organizations/lv-emergency.toml", cases);
}

/// A symbolic link or a special file in the content folder is refused, never followed or read: a link
/// could ship any file of the admin's machine to every kiosk, a FIFO would hang the build.
#[test]
#[cfg(unix)] // symbolic links and FIFOs as Unix makes them
fn links_and_special_files_are_refused_not_followed() {
    let outside = tempfile::tempdir().expect("outside");
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "not for kiosks").expect("secret");
    let org = std::fs::read_to_string(mini_dir().join("organizations/lv-alpha.toml")).expect("org");
    std::fs::write(
        outside.path().join("lv-linked.toml"),
        org.replace("lv-alpha", "lv-linked"),
    )
    .expect("org outside");

    // A report file that is a link to a file outside.
    let dir = edited_mini(&[]);
    let report_file = dir.path().join("reports/files/study-en.txt");
    std::fs::remove_file(&report_file).expect("remove");
    std::os::unix::fs::symlink(&secret, &report_file).expect("symlink");
    let found = errors(dir.path());
    assert!(
        found.iter().any(|e| e.starts_with(
            "reports/study.toml:11: error: report file \"files/study-en.txt\" is a symbolic link"
        )),
        "{found:#?}"
    );

    // The folder on the way is a link.
    let dir = edited_mini(&[]);
    let files = dir.path().join("reports/files");
    std::fs::rename(&files, outside.path().join("files")).expect("move");
    std::os::unix::fs::symlink(outside.path().join("files"), &files).expect("symlink");
    let found = errors(dir.path());
    assert!(
        found.iter().any(|e| e.starts_with("reports/study.toml:11: error: report file \"files/study-en.txt\" lies in reports/files, which is a symbolic link")),
        "{found:#?}"
    );

    // A record file that is a link, and a FIFO where a record would be.
    let dir = edited_mini(&[]);
    std::os::unix::fs::symlink(
        outside.path().join("lv-linked.toml"),
        dir.path().join("organizations/lv-linked.toml"),
    )
    .expect("symlink");
    let fifo = dir.path().join("events/pipe.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let found = errors(dir.path());
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("organizations/lv-linked.toml: error: is a symbolic link")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("events/pipe.toml: error: is not a plain file or folder")),
        "{found:#?}"
    );
    let loaded = compass_content::source::load(dir.path());
    assert!(
        !loaded
            .content
            .organizations
            .iter()
            .any(|o| o.id == "lv-linked"),
        "the linked record was read"
    );
}
