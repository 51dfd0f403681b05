use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::{Api, ApiConfig, IdleView, Mode, OpenNow, Section, ServiceFilter};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The content source at `source` (relative to the workspace) built, and an API over it at `now`.
fn api_over(source: &str, mode: Mode, country: &str, now: &str) -> (tempfile::TempDir, Api) {
    let source = workspace().join(source);
    let loaded = compass_content::source::load(&source);
    let dir = tempfile::tempdir().expect("temp dir");
    compass_content::build::build(&loaded.content, &source, &dir.path().join("content.db"))
        .expect("build");
    let api = Api::open(ApiConfig {
        content_dir: dir.path().to_owned(),
        locales_dir: workspace().join("resources/locales"),
        mode,
        country: country.to_owned(),
        default_locale: "lv".to_owned(),
        locales: ["lv", "et", "en", "ru", "uk"].map(String::from).to_vec(),
        timezone: TimeZone::get("Europe/Riga").expect("zone"),
        now: Some(now.parse::<Timestamp>().expect("instant")),
    })
    .expect("api");
    (dir, api)
}

/// The fictional fixture built, and an API over it. Monday 2026-11-02 10:00 in Riga.
fn api(mode: Mode, country: &str) -> (tempfile::TempDir, Api) {
    api_over(
        "crates/compass-content/tests/fixtures/mini",
        mode,
        country,
        "2026-11-02T08:00:00Z",
    )
}

#[test]
fn generated_typescript_is_current() {
    let path = workspace().join("ui/src/gen/ipc.ts");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == crate::typescript(),
        "{} is stale: run `cargo xtask codegen` and commit it",
        path.display()
    );
}

#[test]
fn idle_view_is_tagged_for_typescript() {
    let json = serde_json::to_value(IdleView::Warning { remaining_secs: 4 }).expect("json");
    assert_eq!(
        json,
        serde_json::json!({ "phase": "warning", "remaining_secs": 4 })
    );
}

#[test]
fn home_lists_the_kiosk_countrys_emergency_then_trafficking_lines() {
    let (_dir, api) = api(Mode::Visitor, "LV");
    let home = api.home("en").expect("home");
    let ids = |cards: &[crate::ServiceCard]| cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert!(!home.emergency.is_empty());
    assert!(home.emergency.iter().all(|c| c.country == "LV"));
    assert!(ids(&home.hotlines).contains(&"lv-alpha-hotline".to_owned()));
    assert!(
        home.hotlines
            .iter()
            .all(|c| c.country == "LV" && c.kind == "hotline")
    );
    assert_eq!(home.country_label, "Latvia");
}

#[test]
fn a_service_card_says_everything_in_the_visitors_language() {
    let (_dir, api) = api(Mode::Visitor, "LV");
    let page = api.service("en", "lv-alpha-hotline").expect("service");
    let card = &page.card;
    assert_eq!(card.name.text, "Trust line");
    assert_eq!(card.name.fallback_note, None);
    assert_eq!(card.kind_label, "Helpline");
    assert_eq!(card.audience_label, "For adults");
    assert_eq!(
        card.languages.as_deref(),
        Some("Answers in: Latvian, Russian")
    );
    assert_eq!(card.attributes, ["Free call"]);
    let voice = &card.channels[0];
    assert_eq!(voice.address, "20 000 001");
    assert_eq!(voice.open, OpenNow::Open);
    assert_eq!(voice.open_label.as_deref(), Some("Open now"));
    assert_eq!(voice.hours, "Closes at 17:00");
    let qr = voice.qr.as_ref().expect("a QR code");
    assert_eq!(qr.target, "tel:+37120000001");
    assert!(qr.image.starts_with("data:image/svg+xml,"));
    assert!(
        !qr.image.contains('<') && !qr.image.contains('#'),
        "percent-encoded"
    );
    assert_eq!(qr.caption, "Scan with your phone to call");
    assert_eq!(
        page.what_happens.as_ref().map(|t| t.text.as_str()),
        Some("You can stay anonymous.")
    );
}

#[test]
fn a_missing_translation_says_which_language_it_is_shown_in() {
    let (_dir, api) = api(Mode::Visitor, "LV");
    let page = api.service("uk", "lv-alpha-hotline").expect("service");
    assert_eq!(page.card.name.lang, "en");
    let note = page.card.name.fallback_note.expect("a fallback note");
    assert!(!note.is_empty() && note != "translation-fallback", "{note}");
}

#[test]
fn confidential_entries_are_for_staff_only() {
    let (_dir, visitor) = api(Mode::Visitor, "LV");
    let (_dir2, staff) = api(Mode::Staff, "LV");
    let all = |api: &Api| {
        api.services("en", Section::Hotlines, &ServiceFilter::default())
            .expect("list")
            .items
            .iter()
            .filter(|c| c.confidential)
            .count()
    };
    assert_eq!(all(&visitor), 0);
    assert!(all(&staff) > 0);
    let hidden = staff
        .services("en", Section::Hotlines, &ServiceFilter::default())
        .expect("list")
        .items
        .into_iter()
        .find(|c| c.confidential)
        .expect("a confidential service");
    let error = visitor
        .service("en", &hidden.id)
        .expect_err("hidden from visitors");
    assert_eq!(error.code, "content.not_found");
    assert_eq!(
        visitor
            .referral("en", "LV", "EE")
            .expect_err("staff only")
            .code,
        "content.not_found"
    );
    let sheet = staff.referral("en", "GB", "LV").expect("referral");
    assert_eq!(sheet.here_label, "United Kingdom");
    assert!(sheet.sections.iter().any(|s| !s.contacts.is_empty()));
}

#[test]
fn filters_narrow_the_list() {
    let (_dir, api) = api(Mode::Visitor, "LV");
    let list = |filter: ServiceFilter| {
        api.services("en", Section::Hotlines, &filter)
            .expect("list")
            .items
            .into_iter()
            .map(|c| c.id)
            .collect::<Vec<_>>()
    };
    let everything = list(ServiceFilter::default());
    let latvia = list(ServiceFilter {
        country: Some("LV".to_owned()),
        ..ServiceFilter::default()
    });
    let russian = list(ServiceFilter {
        language: Some("ru".to_owned()),
        ..ServiceFilter::default()
    });
    let open = list(ServiceFilter {
        open_now: true,
        ..ServiceFilter::default()
    });
    assert!(latvia.len() < everything.len() && !latvia.is_empty());
    assert!(russian.contains(&"lv-alpha-hotline".to_owned()));
    assert!(open.contains(&"lv-alpha-hotline".to_owned()));
    assert!(open.len() < everything.len());
    let programmes = api
        .services("en", Section::Programmes, &ServiceFilter::default())
        .expect("programmes");
    assert!(programmes.items.iter().all(|c| c.kind != "hotline"));
    let count = programmes.items.len();
    let expected = if count == 1 {
        "1 result".to_owned()
    } else {
        format!("{count} results")
    };
    assert_eq!(programmes.summary, expected);
    let bad = api.services(
        "en",
        Section::Hotlines,
        &ServiceFilter {
            audience: Some("aliens".to_owned()),
            ..ServiceFilter::default()
        },
    );
    assert_eq!(bad.expect_err("bad audience").code, "request.invalid");
}

#[test]
fn events_put_upcoming_first_and_past_most_recent_first() {
    let (_dir, api) = api(Mode::Visitor, "LV");
    let events = api.events("en").expect("events");
    assert!(events.upcoming.is_empty(), "every fixture event is in 2014");
    let ids: Vec<&str> = events.past.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["ev-one-day", "ev-training"]);
    assert_eq!(events.past[1].when, "28/04/2014 – 30/04/2014");
    assert_eq!(events.past[0].when, "10/07/2014");
}

#[test]
fn search_summarises_and_cuts_long_input() {
    let (_dir, api) = api(Mode::Visitor, "LV");
    let results = api.search("lv", "droša").expect("search");
    assert!(!results.hits.is_empty());
    assert!(results.summary.contains(&results.hits.len().to_string()));
    let nothing = api.search("en", "zzzzqqqq").expect("search");
    assert!(nothing.hits.is_empty());
    assert_eq!(
        nothing.summary,
        "Nothing found. Try a shorter word or another topic."
    );
    // Nothing found: a heading for the kiosk country's numbers, which the UI shows under it.
    assert_eq!(
        nothing.help_heading.as_deref(),
        Some("You can call these numbers:")
    );
    assert_eq!(results.help_heading, None);
    assert_eq!(results.partial, None);
    // A word that matches nothing: the others still find, and the result says so.
    let some = api.search("en", "consular zzzzqqqq").expect("search");
    assert!(!some.hits.is_empty());
    assert_eq!(
        some.partial.as_deref(),
        Some("No entry has all of these words. These have some of them.")
    );
    assert_eq!(some.help_heading, None);
    let long = "ž".repeat(10_000);
    api.search("en", &long)
        .expect("a very long query is cut, not refused");
}

#[test]
fn an_unknown_locale_gets_the_default_and_every_launch_locale_has_strings() {
    let (_dir, api) = api(Mode::Visitor, "LV");
    assert_eq!(api.ui_strings("xx").locale, "lv");
    let brands = [
        ("lv", "Drošības kompass"),
        ("et", "Turvakompass"),
        ("en", "Safety Compass"),
        ("ru", "Компас безопасности"),
        ("uk", "Компас безпеки"),
    ];
    for (locale, brand) in brands {
        let strings = api.ui_strings(locale);
        assert_eq!(strings.dir, "ltr");
        assert_eq!(
            strings.messages.get("common-app-name").map(String::as_str),
            Some(brand),
            "the brand in {locale}"
        );
        assert!(strings.messages.contains_key("ui-quick-exit"), "{locale}");
    }
    let info = api.kiosk();
    assert!(info.content_ok);
    assert_eq!(
        info.locales
            .iter()
            .map(|l| l.own_name.as_str())
            .collect::<Vec<_>>()[..2],
        ["Latviešu", "Eesti"]
    );
}

#[test]
fn missing_or_damaged_content_is_a_clear_error_not_a_crash() {
    for (name, bytes) in [
        ("missing", None),
        ("damaged", Some(&b"not a database at all"[..])),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        if let Some(bytes) = bytes {
            std::fs::write(dir.path().join("content.db"), bytes).expect("write");
        }
        let api = Api::open(ApiConfig {
            content_dir: dir.path().to_owned(),
            locales_dir: workspace().join("resources/locales"),
            mode: Mode::Visitor,
            country: "LV".to_owned(),
            default_locale: "en".to_owned(),
            locales: vec!["en".to_owned()],
            timezone: TimeZone::UTC,
            now: None,
        })
        .expect("the API starts without content");
        let info = api.kiosk();
        assert!(!info.content_ok, "{name}");
        let error = info.content_error.expect("an error");
        let expected = if name == "missing" {
            "content.missing"
        } else {
            "content.corrupt"
        };
        assert_eq!(error.code, expected);
        assert!(
            error
                .message
                .is_some_and(|m| !m.is_empty() && !m.starts_with("error-"))
        );
        assert_eq!(api.home("en").expect_err(name).code, expected);
    }
}

#[test]
fn attachments_are_served_only_by_their_hash() {
    let (_dir, api) = api(Mode::Visitor, "LV");
    for bad in [
        "",
        "../content.db",
        "ABCDEF",
        &"0".repeat(64),
        &"g".repeat(64),
    ] {
        assert!(api.attachment(bad).is_err(), "{bad:?}");
    }
    let report = api.reports("en").expect("reports");
    let file = report
        .iter()
        .flat_map(|r| r.files.iter())
        .next()
        .expect("a report file in the fixture");
    assert!(api.attachment(&file.sha256).expect("served").is_file());
}

#[test]
fn qr_codes_only_for_links_a_phone_can_use() {
    let (_dir, api) = api(Mode::Visitor, "LV");
    for target in [
        "https://example.org/",
        "tel:+37120000001",
        "sms:+37120000001",
        "mailto:a@example.org",
    ] {
        assert!(api.qr("en", target).is_ok(), "{target}");
    }
    for target in [
        "javascript:alert(1)",
        "http://example.org/",
        "file:///etc/passwd",
        "data:text/html,x",
    ] {
        assert_eq!(
            api.qr("en", target).expect_err(target).code,
            "request.invalid"
        );
    }
}

#[test]
fn article_html_is_sanitised_again_at_the_kiosk() {
    let (dir, _) = api(Mode::Visitor, "LV");
    // A DB that says it was built, with raw HTML in an article (a signing key in the wrong hands).
    let db = dir.path().join("content.db");
    let connection = rusqlite::Connection::open(&db).expect("open");
    let id: String = connection
        .query_row(
            "SELECT entity_id FROM translation WHERE field = 'html' LIMIT 1",
            [],
            |row| row.get(0),
        )
        .expect("an article");
    connection
        .execute(
            "UPDATE translation SET text = ?1 WHERE entity_id = ?2 AND field = 'html'",
            (
                "<p onclick=\"x()\">kept</p><script>alert(1)</script><img src=x onerror=alert(2)>\
                 <iframe src=\"https://example.org\"></iframe><a href=\"javascript:alert(3)\">link</a>",
                &id,
            ),
        )
        .expect("update");
    drop(connection);
    let page = reopen(&db).article("en", &id).expect("article");
    assert!(page.html.text.contains("<p>kept</p>"), "{}", page.html.text);
    for banned in [
        "<script",
        "onerror",
        "onclick",
        "<iframe",
        "<img",
        "javascript:",
    ] {
        assert!(
            !page.html.text.contains(banned),
            "{banned} in {}",
            page.html.text
        );
    }
}

/// An API over an existing content DB folder.
fn reopen(db: &Path) -> Api {
    Api::open(ApiConfig {
        content_dir: db.parent().expect("folder").to_owned(),
        locales_dir: workspace().join("resources/locales"),
        mode: Mode::Visitor,
        country: "LV".to_owned(),
        default_locale: "lv".to_owned(),
        locales: ["lv", "et", "en", "ru", "uk"].map(String::from).to_vec(),
        timezone: TimeZone::get("Europe/Riga").expect("zone"),
        now: None,
    })
    .expect("api")
}

/// The seed as a Latvian kiosk shows it: 112 first, every emergency line always available (never "hours
/// not confirmed", always in "open now"), neutral short names on the cards, and a freephone number not
/// known to work from abroad never offered as a number to dial from abroad.
#[test]
fn the_seed_home_puts_112_first_and_never_guesses() {
    // A Sunday night, when no weekday line is open.
    let (_dir, api) = api_over(
        "resources/content",
        Mode::Visitor,
        "LV",
        "2026-11-01T23:30:00Z",
    );
    for locale in ["lv", "et", "en", "ru", "uk"] {
        let home = api.home(locale).expect("home");
        let ids: Vec<&str> = home.emergency.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["lv-vugd-112", "lv-valsts-policija-110", "lv-nmpd-113"],
            "{locale}"
        );
        for card in &home.emergency {
            for channel in card.channels.iter().filter(|c| c.kind == "voice") {
                assert_eq!(channel.open, OpenNow::Open, "{locale} {}", card.id);
                assert_eq!(
                    channel.hours,
                    api.t(locale, "hours-open-always", &[]),
                    "{locale} {}",
                    card.id
                );
            }
        }
        for card in home.emergency.iter().chain(&home.hotlines) {
            assert!(
                card.title.text.chars().count() <= compass_content::model::MAX_SHORT_NAME,
                "{locale} {}: {:?}",
                card.id,
                card.title.text
            );
        }
    }
    let open_now = api
        .services(
            "en",
            Section::Hotlines,
            &ServiceFilter {
                country: Some("LV".to_owned()),
                topic: Some("emergency".to_owned()),
                open_now: true,
                ..ServiceFilter::default()
            },
        )
        .expect("open now");
    assert_eq!(
        open_now.items.len(),
        3,
        "112, 110 and 113 are open at night"
    );
    let home = api.home("en").expect("home");
    for card in home.emergency.iter().chain(&home.hotlines) {
        let subject = card.title.text.to_lowercase();
        assert!(
            !["trafficking", "slavery", "exploitation"]
                .iter()
                .any(|word| subject.contains(word)),
            "{}: {:?} names the subject",
            card.id,
            card.title.text
        );
    }
    // A list of search hits shows a service by its short name too.
    let results = api.search("lv", "cilvēku tirdzniecība").expect("search");
    let drosa = results
        .hits
        .iter()
        .find(|hit| hit.id == "lv-drosa-maja-hotline")
        .expect("Drošā māja's line is found");
    assert_eq!(drosa.name.text, "Drošā māja – konsultācijas");
    let marta = api.service("en", "lv-centrs-marta-hotline").expect("marta");
    let freephone = &marta.card.channels[0];
    assert_eq!(freephone.address, "8000 2012");
    assert_eq!(
        freephone.abroad.as_deref(),
        Some(api.t("en", "hotline-abroad-unknown", &[]).as_str()),
        "not known to work from abroad: never printed as a number to dial"
    );
}
