//! Integration tests of compass-content: one test binary, a module per area.
#![allow(clippy::type_complexity)] // test tables are tuples of slices by design

mod build;
mod check;
mod hours;
mod hsds;
mod morphology;
mod referral;
mod search;
mod translations;

use std::path::{Path, PathBuf};

use compass_content::{ContentDb, check as checker, source};

/// Opening hours from their parts: zone, 24/7, weekly rules, (date, spans) exceptions.
pub fn hours_of(
    tz: &str,
    always: bool,
    weekly: &[&str],
    exceptions: &[(&str, &[&str])],
) -> compass_content::model::Hours {
    compass_content::model::Hours {
        tz: tz.to_owned(),
        always,
        weekly: weekly.iter().map(|rule| (*rule).to_owned()).collect(),
        exceptions: exceptions
            .iter()
            .map(|(date, spans)| compass_content::model::HoursException {
                date: (*date).to_owned(),
                spans: spans.iter().map(|span| (*span).to_owned()).collect(),
            })
            .collect(),
    }
}

/// The fictional test directory.
pub fn mini_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

/// The seed content the kiosk ships with.
pub fn seed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/content")
}

/// The date the fixtures are checked against.
pub fn fixture_today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 1)
}

/// Loads, checks (no errors allowed) and builds a source folder into a temporary DB.
pub fn build_dir(dir: &Path, today: jiff::civil::Date) -> (tempfile::TempDir, ContentDb) {
    let loaded = source::load(dir);
    let diagnostics = checker::check(&loaded, today);
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == source::Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.is_empty(),
        "{} has errors:\n{}",
        dir.display(),
        errors.join("\n")
    );
    let out = tempfile::tempdir().expect("temp dir");
    let db_path = out.path().join("content.db");
    compass_content::build::build(&loaded.content, dir, &db_path).expect("build");
    let db = ContentDb::open(&db_path).expect("open");
    (out, db)
}

/// The fixture directory built.
pub fn mini_db() -> (tempfile::TempDir, ContentDb) {
    build_dir(&mini_dir(), fixture_today())
}

/// A copy of the fixture directory with `edits` applied: (relative path, new text or None to delete).
pub fn edited_mini(edits: &[(&str, Option<&str>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&mini_dir(), dir.path());
    for (path, text) in edits {
        let path = dir.path().join(path);
        match text {
            Some(text) => {
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, text).expect("write");
            }
            None => std::fs::remove_file(&path).expect("remove"),
        }
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Every label the model defines has a Fluent message in every launch locale, without falling back.
#[test]
fn every_model_label_is_translated() {
    use compass_content::model::{EVENT_CATEGORIES, TOPICS};
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/locales");
    let localizer = compass_i18n::Localizer::load(&locales).expect("locales");
    let mut ids: Vec<String> = TOPICS.iter().map(|t| format!("topic-{t}")).collect();
    ids.extend(
        EVENT_CATEGORIES
            .iter()
            .map(|c| format!("event-category-{c}")),
    );
    ids.extend(["adults", "children", "both"].map(|a| format!("audience-{a}")));
    ids.extend(["voice", "sms", "chat", "email", "web"].map(|c| format!("channel-{c}")));
    ids.extend(["hotline", "programme", "centre"].map(|k| format!("service-kind-{k}")));
    ids.extend(
        [
            "organization",
            "service",
            "event",
            "report",
            "article",
            "selfcheck",
        ]
        .map(|k| format!("kind-{k}")),
    );
    for locale in compass_i18n::LAUNCH_LOCALES {
        for id in &ids {
            let formatted = localizer.format(locale, id, &[]);
            assert_eq!(formatted.locale, locale, "{id} is missing in {locale}");
            assert!(
                formatted.errors.is_empty(),
                "{id} in {locale}: {:?}",
                formatted.errors
            );
        }
    }
}
