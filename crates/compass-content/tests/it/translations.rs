//! The translator workflow: export to PO, import back, reviewed and outdated strings, bad files.

use std::collections::BTreeMap;
use std::path::Path;

use compass_content::check::check;
use compass_content::model::TranslationStatus;
use compass_content::source;
use compass_content::translations::{self, REVIEWS_FILE};

use crate::{edited_mini, fixture_today};

const LOCALES: [&str; 5] = ["lv", "et", "en", "ru", "uk"];

fn export(dir: &Path, locale: &str) -> (Vec<translations::Unit>, String) {
    let loaded = source::load(dir);
    let reviews = translations::read_reviews(dir).expect("reviews");
    let units = translations::units(&loaded, locale, &reviews);
    let po = translations::write_po(&units, locale);
    (units, po)
}

fn import(dir: &Path, locale: &str, po: &str) -> Result<translations::ImportReport, Vec<String>> {
    let loaded = source::load(dir);
    translations::import(&loaded, locale, &LOCALES, po)
        .map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                out.insert(name, std::fs::read(&path).expect("file"));
            }
        }
    }
    out
}

fn unit<'a>(units: &'a [translations::Unit], key: &str) -> &'a translations::Unit {
    units.iter().find(|u| u.key == key).unwrap_or_else(|| {
        panic!(
            "no unit {key}: {:#?}",
            units.iter().map(|u| &u.key).collect::<Vec<_>>()
        )
    })
}

#[test]
fn a_po_file_reads_back_as_it_was_written() {
    let dir = edited_mini(&[]);
    for locale in LOCALES {
        let (units, po) = export(dir.path(), locale);
        let file = translations::read_po(&po).expect("own PO parses");
        assert_eq!(file.language.as_deref(), Some(locale));
        assert_eq!(file.entries.len(), units.len(), "{locale}");
        for (entry, unit) in file.entries.iter().zip(&units) {
            assert_eq!(entry.context, unit.key);
            assert_eq!(entry.source, unit.source, "{}", unit.key);
            assert_eq!(
                entry.target,
                unit.target.clone().unwrap_or_default(),
                "{}",
                unit.key
            );
            assert_eq!(
                entry.fuzzy,
                unit.target.is_some() && unit.status != TranslationStatus::Reviewed,
                "{}",
                unit.key
            );
        }
    }
    // Nothing to translate into a record's own language; English has the Latvian originals.
    let (units, po) = export(dir.path(), "en");
    assert!(units.iter().all(|u| u.source_locale != "en"));
    let name = unit(&units, "organizations/lv-alpha.toml#name");
    assert_eq!(name.source, "Biedrība „Drošā vieta”");
    assert_eq!(name.target.as_deref(), Some("Safe Place association"));
    assert_eq!(name.status, TranslationStatus::Machine);
    assert!(
        po.contains("#, fuzzy\nmsgctxt \"organizations/lv-alpha.toml#name\"\n"),
        "{po}"
    );
}

/// Export, a translator's changes, import: reviewed strings say so and keep their text; a changed
/// original makes them outdated (check warns at the line; the next export flags them); an import
/// changed nothing else.
#[test]
fn round_trip_marks_reviewed_and_then_outdated() {
    let dir = edited_mini(&[]);
    let before = snapshot(dir.path());
    let (_, po) = export(dir.path(), "en");
    // The translator confirms the name with a better text and leaves the description fuzzy, changed.
    let edited = po
        .replace(
            "#, fuzzy\nmsgctxt \"organizations/lv-alpha.toml#name\"\nmsgid \"Biedrība „Drošā vieta”\"\nmsgstr \"Safe Place association\"",
            "msgctxt \"organizations/lv-alpha.toml#name\"\nmsgid \"Biedrība „Drošā vieta”\"\nmsgstr \"The Safe Place association\"",
        )
        .replace(
            "msgstr \"Helps people who work abroad.\"",
            "msgstr \"Helps people who work in other countries.\"",
        );
    assert_ne!(edited, po, "the PO has the expected entries");
    let report = import(dir.path(), "en", &edited).expect("import");
    assert_eq!(report.reviewed, 1);
    assert!(report.machine >= 1);
    let after = snapshot(dir.path());
    let changed: Vec<&String> = after
        .iter()
        .filter(|(name, bytes)| before.get(*name) != Some(*bytes))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        changed,
        ["organizations/lv-alpha.toml", REVIEWS_FILE],
        "only the translated file and the review record"
    );
    let toml = String::from_utf8(after["organizations/lv-alpha.toml"].clone()).expect("utf-8");
    assert!(
        toml.contains("id = \"lv-alpha\"\ncountry = \"LV\"\n"),
        "layout kept:\n{toml}"
    );

    let (units, po) = export(dir.path(), "en");
    let name = unit(&units, "organizations/lv-alpha.toml#name");
    assert_eq!(name.target.as_deref(), Some("The Safe Place association"));
    assert_eq!(name.status, TranslationStatus::Reviewed);
    let description = unit(&units, "organizations/lv-alpha.toml#description");
    assert_eq!(
        description.target.as_deref(),
        Some("Helps people who work in other countries.")
    );
    assert_eq!(description.status, TranslationStatus::Machine);
    assert!(po.contains(
        "#. original: lv; status: reviewed\nmsgctxt \"organizations/lv-alpha.toml#name\""
    ));
    // The rest of the record is still a machine translation.
    let loaded = source::load(dir.path());
    let org = &loaded
        .content
        .organizations
        .iter()
        .find(|o| o.id == "lv-alpha")
        .expect("org");
    assert_eq!(org.translation.get("en"), Some(&TranslationStatus::Machine));
    let warnings = |dir: &Path| -> Vec<String> {
        check(&source::load(dir), fixture_today())
            .iter()
            .map(ToString::to_string)
            .filter(|d| d.contains("outdated"))
            .collect()
    };
    assert_eq!(warnings(dir.path()), Vec::<String>::new());

    // The original name changes: the reviewed English is outdated.
    let path = dir.path().join("organizations/lv-alpha.toml");
    let text = std::fs::read_to_string(&path).expect("toml");
    std::fs::write(
        &path,
        text.replace("Biedrība „Drošā vieta”", "Biedrība „Drošā vieta” (Rīga)"),
    )
    .expect("edit");
    let found = warnings(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("organizations/lv-alpha.toml:3: warning: outdated en translation"),
        "{found:#?}"
    );
    let (units, po) = export(dir.path(), "en");
    assert_eq!(
        unit(&units, "organizations/lv-alpha.toml#name").status,
        TranslationStatus::Outdated
    );
    assert!(po.contains(
        "#. original: lv; status: outdated\n#, fuzzy\nmsgctxt \"organizations/lv-alpha.toml#name\""
    ));
}

#[test]
fn an_article_body_round_trips_through_its_markdown_file() {
    let dir = edited_mini(&[]);
    let (units, po) = export(dir.path(), "lv");
    let key = "articles/hostile/lv.md";
    assert!(unit(&units, key).target.is_none());
    let source = unit(&units, key).source.clone();
    let translated = "# Virsraksts\n\nTeksts ar \"pēdiņām\" un \\ slīpsvītru.\n";
    let entry_start = po
        .find(&format!("msgctxt \"{key}\""))
        .expect("article entry");
    let entry_end = po[entry_start..]
        .find("\n\n")
        .map_or(po.len(), |e| entry_start + e);
    let entry = &po[entry_start..entry_end];
    let new_entry = entry.replace(
        "msgstr \"\"",
        "msgstr \"\"\n\"# Virsraksts\\n\"\n\"\\n\"\n\"Teksts ar \\\"pēdiņām\\\" un \\\\ slīpsvītru.\\n\"",
    );
    let edited = po.replacen(entry, &new_entry, 1);
    let report = import(dir.path(), "lv", &edited).expect("import");
    assert_eq!(report.reviewed, 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(key)).expect("lv.md"),
        translated
    );
    let loaded = source::load(dir.path());
    let article = loaded
        .content
        .articles
        .iter()
        .find(|a| a.id == "hostile")
        .expect("article");
    assert_eq!(
        article.translation.get("lv"),
        Some(&TranslationStatus::Reviewed)
    );
    assert_eq!(article.body.get("en"), Some(&source));
}

/// A malformed file, an unknown locale, a string that is not in the content, an original that changed
/// since the export: each is reported with its line, and nothing is written.
#[test]
fn bad_files_are_refused_with_their_line_and_change_nothing() {
    let dir = edited_mini(&[]);
    let (_, po) = export(dir.path(), "en");
    let before = snapshot(dir.path());
    let reviewed = po.replace("#, fuzzy\n", "");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "en",
            "msgctxt \"a\"\nmsgid \"b\nmsgstr \"c\"\n".to_owned(),
            "2: expected a quoted string",
        ),
        (
            "en",
            "msgctxt \"a\"\nmsgid \"b\"\n".to_owned(),
            "1: an incomplete entry",
        ),
        (
            "en",
            "msgid \"b\"\nmsgstr \"c\"\n".to_owned(),
            "1: an entry without msgctxt",
        ),
        (
            "en",
            "msgctxt \"a\"\nmsgid \"b\"\nmsgid_plural \"bs\"\n".to_owned(),
            "3: plural forms",
        ),
        (
            "en",
            "msgctxt \"a\"\nmsgid \"b\\q\"\nmsgstr \"c\"\n".to_owned(),
            "2: unknown escape",
        ),
        ("de", reviewed.clone(), "0: \"de\" is not a kiosk locale"),
        ("lv", reviewed.clone(), "0: the file is for \"en\""),
        (
            "en",
            reviewed.replace(
                "msgctxt \"organizations/lv-alpha.toml#name\"",
                "msgctxt \"organizations/lv-alpha.toml#nickname\"",
            ),
            "is not a string of this content",
        ),
        (
            "en",
            reviewed.replace("msgid \"Biedrība „Drošā vieta”\"", "msgid \"Biedrība\""),
            "the original of \"organizations/lv-alpha.toml#name\" changed since the export",
        ),
    ];
    for (locale, text, expected) in cases {
        let problems = import(dir.path(), locale, &text).expect_err(expected);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected:?} not in {problems:#?}"
        );
        assert_eq!(snapshot(dir.path()), before, "{expected}: a file changed");
    }
}
