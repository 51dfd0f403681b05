//! HSDS 3.0 export and import: the export validates against the HSDS schemas, our content round-trips,
//! the specification's own (untidy) examples import with problems reported by path, and no JSON at all
//! makes the import panic.

use std::path::{Path, PathBuf};

use compass_content::hsds::{self, ImportProblem, Imported};
use compass_content::model::{
    Article, Audience, Channel, ChannelKind, Content, Event, Location, Organization, Provenance,
    Question, Report, ReportFile, SelfCheck, Service, ServiceKind, Text, TextValue,
    TranslationStatus, Translations, Verification,
};
use compass_content::source::{self, Severity};
use jiff::civil::{Date, date};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The Open Referral reference data (schemas and examples): `HSDS_REFERENCE_DIR`, or `../shared/hsds`
/// beside the clone, where CI has it. `None` on a bare clone: the checks against the official schemas
/// and examples then say, in one line, that they did not run.
fn hsds_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("HSDS_REFERENCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/hsds"));
    if dir.join("schema/organization.json").is_file() {
        println!("HSDS reference data: checking against {}", dir.display());
        Some(dir)
    } else {
        println!(
            "HSDS reference data not found at {} (put it beside the clone as shared/hsds or set \
             HSDS_REFERENCE_DIR): the check against the official schemas and examples did not run",
            dir.display()
        );
        None
    }
}

fn today() -> Date {
    date(2026, 11, 1)
}

fn import(value: &Value) -> Imported {
    hsds::import_with(value, today())
}

// ---------------------------------------------------------------------------------------------------
// A small hand-made content with every field our profile carries.

fn text(entries: &[(&str, &str)]) -> Text {
    entries
        .iter()
        .map(|(locale, text)| ((*locale).to_owned(), TextValue::Plain((*text).to_owned())))
        .collect()
}

fn translations(entries: &[(&str, TranslationStatus)]) -> Translations {
    entries
        .iter()
        .map(|(locale, status)| ((*locale).to_owned(), *status))
        .collect()
}

fn provenance(status: Verification, note: Option<&str>) -> Provenance {
    Provenance {
        source: "https://example.lv/about".to_owned(),
        verified_on: "2026-10-01".to_owned(),
        status,
        note: note.map(str::to_owned),
    }
}

use crate::hours_of as hours;

fn sample() -> Content {
    use TranslationStatus::{Machine, Original, Reviewed};
    let mut label = text(&[("lv", "Latgales līnija")]);
    label.insert(
        "en".to_owned(),
        TextValue::WithStatus {
            text: "Latgale line".to_owned(),
            status: Machine,
        },
    );
    let hotline = Service {
        keywords: Default::default(),
        id: "lv-sample-hotline".to_owned(),
        kind: ServiceKind::Hotline,
        topics: vec!["trafficking".to_owned(), "labour-exploitation".to_owned()],
        audience: Audience::Both,
        languages: vec!["lv".to_owned(), "ru".to_owned(), "en".to_owned()],
        free: Some(true),
        anonymous: Some(true),
        interpreter: Some(false),
        confidential: false,
        name: text(&[
            ("lv", "Uzticības tālrunis"),
            ("en", "Helpline"),
            ("ru", "Телефон доверия"),
        ]),
        short_name: text(&[("en", "Helpline")]),
        order: Some(1),
        description: text(&[("lv", "Palīdz."), ("en", "Helps.")]),
        what_happens: text(&[("lv", "Jūs uzklausīs."), ("en", "Someone listens.")]),
        eligibility: text(&[("lv", "Visi."), ("en", "Everyone.")]),
        how_to_start: text(&[("lv", "Zvaniet."), ("en", "Call.")]),
        locations: vec!["lv-sample-office".to_owned()],
        translation: None,
        provenance: None,
        channels: vec![
            Channel {
                number: Some("+37120000001".to_owned()),
                display: Some("20 000 001".to_owned()),
                from_abroad: Some(true),
                callable_from: vec!["EE".to_owned()],
                label,
                hours: Some(hours(
                    "Europe/Riga",
                    false,
                    &["Mo-Fr 10:00-18:00, 19:00-21:00", "Sa,Su 12:00-22:00"],
                    &[("2026-12-24", &["10:00-14:00"]), ("2026-12-25", &[])],
                )),
                ..Channel::new(ChannelKind::Voice)
            },
            Channel {
                short_code: Some("116006".to_owned()),
                abroad_number: Some("+37120000116".to_owned()),
                display: Some("116006".to_owned()),
                from_abroad: Some(false),
                hours: Some(hours("Europe/Riga", true, &[], &[])),
                ..Channel::new(ChannelKind::Sms)
            },
            Channel {
                url: Some("https://example.lv/chat".to_owned()),
                hours: Some(hours("Europe/Riga", false, &["Mo-Su 22:00-02:00"], &[])),
                ..Channel::new(ChannelKind::Chat)
            },
            Channel {
                address: Some("help@example.lv".to_owned()),
                ..Channel::new(ChannelKind::Email)
            },
            Channel {
                url: Some("https://example.lv/form".to_owned()),
                ..Channel::new(ChannelKind::Web)
            },
        ],
    };
    let programme = Service {
        keywords: Default::default(),
        id: "lv-sample-programme".to_owned(),
        kind: ServiceKind::Programme,
        topics: vec!["sexual-exploitation".to_owned()],
        audience: Audience::Adults,
        languages: Vec::new(),
        free: None,
        anonymous: None,
        interpreter: None,
        confidential: true,
        name: text(&[("en", "Exit programme")]),
        short_name: Text::new(),
        order: None,
        description: Text::new(),
        what_happens: Text::new(),
        eligibility: Text::new(),
        how_to_start: Text::new(),
        locations: vec!["lv-sample-shelter".to_owned()],
        translation: Some(translations(&[("en", Original)])),
        provenance: Some(provenance(Verification::Unverified, None)),
        channels: Vec::new(),
    };
    let riga = Organization {
        keywords: Default::default(),
        id: "lv-sample".to_owned(),
        country: "LV".to_owned(),
        name: text(&[("lv", "Paraugs"), ("en", "Sample")]),
        description: text(&[("lv", "Biedrība."), ("en", "An association.")]),
        website: Some("https://example.lv".to_owned()),
        email: Some("info@example.lv".to_owned()),
        confidential: false,
        translation: translations(&[("lv", Original), ("en", Reviewed), ("ru", Machine)]),
        provenance: provenance(Verification::Verified, Some("checked by phone")),
        locations: vec![
            Location {
                id: "lv-sample-office".to_owned(),
                address: "Brīvības iela 1-2".to_owned(),
                city: "Rīga".to_owned(),
                postal_code: Some("LV-1010".to_owned()),
                country: "LV".to_owned(),
                description: text(&[("lv", "Otrais stāvs."), ("en", "Second floor.")]),
            },
            Location {
                id: "lv-sample-shelter".to_owned(),
                address: "Adrese netiek izpausta".to_owned(),
                city: "Rīga".to_owned(),
                postal_code: None,
                country: "LV".to_owned(),
                description: Text::new(),
            },
        ],
        services: vec![hotline, programme],
    };
    // Odd but representable shapes: a number and a short code on one channel, a number on a chat
    // channel, no description, no locations.
    let london = Organization {
        keywords: Default::default(),
        id: "gb-sample".to_owned(),
        country: "GB".to_owned(),
        name: text(&[("en", "Sample UK")]),
        description: Text::new(),
        website: None,
        email: None,
        confidential: true,
        translation: translations(&[("en", Original)]),
        provenance: provenance(Verification::Verified, None),
        locations: Vec::new(),
        services: vec![Service {
            keywords: Default::default(),
            id: "gb-sample-line".to_owned(),
            kind: ServiceKind::Centre,
            topics: vec!["emergency".to_owned()],
            audience: Audience::Children,
            languages: vec!["en".to_owned()],
            free: Some(false),
            anonymous: None,
            interpreter: Some(true),
            confidential: false,
            name: text(&[("en", "Line")]),
            short_name: Text::new(),
            order: None,
            description: Text::new(),
            what_happens: Text::new(),
            eligibility: Text::new(),
            how_to_start: Text::new(),
            locations: Vec::new(),
            translation: None,
            provenance: None,
            channels: vec![
                Channel {
                    number: Some("+448001111".to_owned()),
                    short_code: Some("999".to_owned()),
                    ..Channel::new(ChannelKind::Voice)
                },
                Channel {
                    number: Some("+447700900123".to_owned()),
                    ..Channel::new(ChannelKind::Chat)
                },
                Channel {
                    address: Some("nobody@example.org".to_owned()),
                    ..Channel::new(ChannelKind::Voice)
                },
            ],
        }],
    };
    Content {
        synonyms: Default::default(),
        organizations: vec![london, riga],
        events: vec![Event {
            keywords: Default::default(),
            id: "sample-event".to_owned(),
            category: "training".to_owned(),
            starts: "2026-04-28T09:00".to_owned(),
            ends: None,
            tz: "Europe/Riga".to_owned(),
            organizer: Some("lv-sample".to_owned()),
            title: text(&[("en", "Training")]),
            summary: Text::new(),
            place: text(&[("en", "Rīga")]),
            translation: translations(&[("en", Original)]),
            provenance: provenance(Verification::Verified, None),
        }],
        reports: vec![Report {
            keywords: Default::default(),
            id: "sample-report".to_owned(),
            publisher: text(&[("en", "Sample")]),
            published_on: "2014-05-01".to_owned(),
            title: text(&[("en", "A study")]),
            summary: Text::new(),
            editions: vec!["lv".to_owned(), "en".to_owned()],
            files: vec![ReportFile {
                locale: "en".to_owned(),
                path: "study-en.pdf".to_owned(),
            }],
            translation: translations(&[("en", Original)]),
            provenance: provenance(Verification::Verified, None),
        }],
        articles: vec![Article {
            keywords: Default::default(),
            id: "sample-article".to_owned(),
            order: 1,
            topics: vec!["trafficking".to_owned()],
            translation: translations(&[("en", Original)]),
            provenance: provenance(Verification::Verified, None),
            body: [("en".to_owned(), "# Title\n\nBody.\n".to_owned())].into(),
        }],
        selfchecks: vec![SelfCheck {
            keywords: Default::default(),
            id: "sample-check".to_owned(),
            title: text(&[("en", "Job offer")]),
            intro: Text::new(),
            leads_to: vec!["labour-exploitation".to_owned()],
            translation: translations(&[("en", Original)]),
            provenance: provenance(Verification::Verified, None),
            questions: vec![Question {
                id: "q1".to_owned(),
                text: text(&[("en", "Did they keep your passport?")]),
            }],
        }],
    }
}

/// The seed content; it must load without errors and hold at least one organisation, or the tests
/// that use it would prove nothing.
fn seed() -> Content {
    let loaded =
        source::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/content"));
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "the seed does not load: {errors:#?}");
    assert!(
        !loaded.content.organizations.is_empty(),
        "the seed has no organisation"
    );
    loaded.content
}

// ---------------------------------------------------------------------------------------------------
// Validation against the HSDS 3.0 JSON Schemas.

const SCHEMA_BASE: &str = "https://schemas.openreferral.test/hsds/3.0/";

struct Schemas {
    organization: jsonschema::Validator,
    service: jsonschema::Validator,
}

impl Schemas {
    /// The schema files, registered under one base so their `$ref`s by file name resolve.
    fn load() -> Option<Schemas> {
        let dir = hsds_dir()?.join("schema");
        let mut resources = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("file name")
                .to_owned();
            // openapi.json describes the API, not an object.
            if name.ends_with(".json") && name != "openapi.json" {
                let schema: Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).expect("read"))
                        .expect("json");
                resources.push((format!("{SCHEMA_BASE}{name}"), schema));
            }
        }
        assert!(resources.len() > 10, "HSDS schemas in {}", dir.display());
        let registry = jsonschema::Registry::new()
            .extend(resources)
            .expect("uris")
            .prepare()
            .expect("registry");
        let validator = |name: &str| {
            jsonschema::options()
                .with_registry(&registry)
                .should_validate_formats(true)
                .build(&json!({ "$ref": format!("{SCHEMA_BASE}{name}") }))
                .expect("schema")
        };
        Some(Schemas {
            organization: validator("organization.json"),
            service: validator("service.json"),
        })
    }

    /// Validates every organization of an [`hsds::export`] and every service in it; returns how many.
    fn validate(&self, export: &Value) -> usize {
        let mut errors = Vec::new();
        let mut validated = 0;
        for (index, org) in export.as_array().expect("an array").iter().enumerate() {
            let name = org["name"].as_str().unwrap_or_default();
            errors.extend(
                self.organization
                    .iter_errors(org)
                    .map(|e| format!("organization {index} {name:?} {}: {e}", e.instance_path())),
            );
            validated += 1;
            for (s, service) in org["services"].as_array().into_iter().flatten().enumerate() {
                errors.extend(self.service.iter_errors(service).map(|e| {
                    format!(
                        "organization {index} service {s} {}: {e}",
                        e.instance_path()
                    )
                }));
                validated += 1;
            }
        }
        assert!(
            errors.is_empty(),
            "export does not validate against HSDS 3.0:\n{}",
            errors.join("\n")
        );
        validated
    }
}

#[test]
fn export_validates_against_the_hsds_schemas() {
    let Some(schemas) = Schemas::load() else {
        return;
    };
    for (what, content) in [("sample", sample()), ("seed", seed())] {
        let export = hsds::export(&content);
        let validated = schemas.validate(&export);
        let expected: usize = content
            .organizations
            .iter()
            .map(|org| 1 + org.services.len())
            .sum();
        assert_eq!(validated, expected, "{what}");
        if what == "sample" {
            assert_eq!(validated, 5);
        }
    }
}

#[test]
fn the_schemas_do_reject_a_broken_export() {
    // The validation above can fail: a missing required field and a non-UUID id are caught.
    let Some(schemas) = Schemas::load() else {
        return;
    };
    let mut export = hsds::export(&sample());
    export[0]["services"][0]["phones"][0]
        .as_object_mut()
        .expect("phone")
        .remove("number");
    assert!(!schemas.service.is_valid(&export[0]["services"][0]));
    export[1]["id"] = json!("lv-sample");
    assert!(!schemas.organization.is_valid(&export[1]));
}

// ---------------------------------------------------------------------------------------------------
// Round trips.

#[test]
fn the_bundle_round_trips_the_whole_content() {
    let content = sample();
    let imported = import(&hsds::export_bundle(&content));
    assert_eq!(imported.problems, Vec::<ImportProblem>::new());
    assert_eq!(imported.content, content);
}

#[test]
fn the_organization_array_round_trips_the_organizations() {
    let content = sample();
    let imported = import(&hsds::export(&content));
    assert_eq!(imported.problems, Vec::<ImportProblem>::new());
    assert_eq!(
        imported.content,
        Content {
            organizations: content.organizations,
            ..Content::default()
        }
    );
}

#[test]
fn the_seed_round_trips_and_validates() {
    let content = seed();
    let bundle = hsds::export_bundle(&content);
    let imported = import(&bundle);
    assert_eq!(imported.problems, Vec::<ImportProblem>::new());
    assert_eq!(imported.content, content);
    if let Some(schemas) = Schemas::load() {
        assert!(schemas.validate(&bundle["organizations"]) > 0);
    }
}

#[test]
fn exported_ids_are_stable_uuids() {
    let content = sample();
    let first = hsds::export(&content);
    assert_eq!(first, hsds::export(&content));
    let riga = &first[1];
    let id = riga["id"].as_str().expect("id");
    assert_eq!(id.len(), 36);
    assert_eq!(id.as_bytes()[14], b'8', "version 8: {id}");
    assert_eq!(riga["x-safety-compass"]["id"], "lv-sample");
    // A foreign record keeps its HSDS id through import and export.
    let foreign =
        json!({"id": "D9D5E0F5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Org", "description": ""});
    let imported = import(&foreign);
    assert_eq!(
        imported.content.organizations[0].id,
        "hsds-d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    );
    let again = hsds::export(&imported.content);
    assert_eq!(again[0]["id"], "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610");
}

#[test]
fn hours_export_as_weekly_schedules() {
    let export = hsds::export(&sample());
    let schedules = export[1]["services"][0]["schedules"]
        .as_array()
        .expect("schedules");
    let brief: Vec<String> = schedules
        .iter()
        .map(|s| {
            format!(
                "{} {} {}-{} {} {}",
                s["x-safety-compass"]["channel"],
                s["byday"].as_str().unwrap_or(""),
                s["opens_at"].as_str().unwrap_or(""),
                s["closes_at"].as_str().unwrap_or(""),
                s["valid_from"].as_str().unwrap_or(""),
                s["x-safety-compass"]["tz"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "0 MO,TU,WE,TH,FR 10:00-18:00  Europe/Riga",
            "0 MO,TU,WE,TH,FR 19:00-21:00  Europe/Riga",
            "0 SA,SU 12:00-22:00  Europe/Riga",
            "0 TH 10:00-14:00 2026-12-24 Europe/Riga",
            "0 FR - 2026-12-25 Europe/Riga",
            "1 MO,TU,WE,TH,FR,SA,SU 00:00-24:00  Europe/Riga",
            "2 MO,TU,WE,TH,FR,SA,SU 22:00-02:00  Europe/Riga",
        ]
    );
    assert!(
        schedules
            .iter()
            .all(|s| s["freq"] == "WEEKLY" && s.get("timezone").is_none())
    );
}

#[test]
fn edits_to_the_hsds_side_are_read_or_reported() {
    // (pointer, new value, what the import shows, problem path or "" for none)
    type Case = (&'static str, Value, fn(&Content) -> String, &'static str);
    let cases: Vec<Case> = vec![
        // HSDS holds the number exactly: the edit is imported.
        (
            "/1/services/0/phones/0/number",
            json!("+371 2000 0000"),
            |c| number(c, 0),
            "",
        ),
        // A text field is a projection: the profile wins and the difference is reported.
        (
            "/1/services/0/name",
            json!("Renamed"),
            |c| name(c),
            "/1/services/0/name",
        ),
        ("/1/name", json!("Renamed"), |c| name(c), "/1/name"),
        // So are a phone's description and a contact's name: the channel's label.
        (
            "/1/services/0/phones/0/description",
            json!("Renamed"),
            |c| labels(c),
            "/1/services/0/phones/0/description",
        ),
        (
            "/1/services/0/contacts/0/name",
            json!("Reception"),
            |c| labels(c),
            "/1/services/0/contacts/0/name",
        ),
        (
            "/1/services/0/schedules/0/opens_at",
            json!("09:00"),
            |c| weekly(c),
            "/1/services/0/schedules",
        ),
        // A phone the profile does not know of becomes a new channel.
        (
            "/1/services/0/phones/-",
            json!({"id": "6f1e2d3c-0000-4000-8000-000000000000", "number": "+37167000000"}),
            |c| number(c, 5),
            "",
        ),
        // A number that is not E.164: the channel is left out.
        (
            "/1/services/0/phones/0/number",
            json!("call us"),
            |c| number(c, 0),
            "/1/services/0/phones/0/number",
        ),
        // A broken profile: the object is imported as plain HSDS.
        (
            "/1/services/0/x-safety-compass/kind",
            json!("spaceship"),
            |c| name(c),
            "/1/services/0/x-safety-compass",
        ),
    ];
    fn service(content: &Content) -> Option<&Service> {
        content
            .organizations
            .iter()
            .find(|o| o.id == "lv-sample")?
            .services
            .first()
    }
    fn number(content: &Content, index: usize) -> String {
        let channel = service(content).and_then(|s| s.channels.get(index));
        format!("{:?}", channel.map(|c| (c.kind, c.number.as_deref())))
    }
    fn name(content: &Content) -> String {
        let org = content.organizations.iter().find(|o| o.id == "lv-sample");
        let service = service(content).map(|s| (s.id.as_str(), s.kind, names(&s.name)));
        format!(
            "{:?} {:?}",
            org.and_then(|o| o.name.get("lv")).map(TextValue::text),
            service
        )
    }
    fn labels(content: &Content) -> String {
        let channels = service(content).map(|s| &s.channels);
        let labels = channels.map(|c| [0, 3].map(|i| c.get(i).map(|c| names(&c.label))));
        format!("{labels:?}")
    }
    fn weekly(content: &Content) -> String {
        let hours = service(content)
            .and_then(|s| s.channels.first())
            .and_then(|c| c.hours.as_ref());
        format!("{:?}", hours.map(|h| &h.weekly))
    }
    let expected = [
        "Some((Voice, Some(\"+37120000000\")))",
        "Some(\"Paraugs\") Some((\"lv-sample-hotline\", Hotline, \"Helpline|Uzticības tālrunis|Телефон доверия\"))",
        "Some(\"Paraugs\") Some((\"lv-sample-hotline\", Hotline, \"Helpline|Uzticības tālrunis|Телефон доверия\"))",
        "Some([Some(\"Latgale line|Latgales līnija\"), Some(\"\")])",
        "Some([Some(\"Latgale line|Latgales līnija\"), Some(\"\")])",
        "Some([\"Mo-Fr 10:00-18:00, 19:00-21:00\", \"Sa,Su 12:00-22:00\"])",
        "Some((Voice, Some(\"+37167000000\")))",
        "Some((Sms, None))",
        // Imported as plain HSDS: the HSDS id, a guessed kind, the projected name taken as English.
        "Some(\"Paraugs\") Some((\"hsds-SERVICE\", Hotline, \"Uzticības tālrunis\"))",
    ];
    assert_eq!(cases.len(), expected.len());
    for ((pointer, value, show, problem_path), expect) in cases.into_iter().zip(expected) {
        let mut doc = hsds::export(&sample());
        match pointer.strip_suffix("/-") {
            // `-` is the JSON Pointer for "after the last element".
            Some(array) => doc
                .pointer_mut(array)
                .and_then(Value::as_array_mut)
                .expect("array")
                .push(value),
            None if doc.pointer(pointer).is_some() => {
                *doc.pointer_mut(pointer)
                    .unwrap_or_else(|| panic!("{pointer}")) = value
            }
            // A field the export leaves out: added to its object.
            None => {
                let (object, key) = pointer.rsplit_once('/').expect("a pointer");
                doc.pointer_mut(object)
                    .and_then(Value::as_object_mut)
                    .unwrap_or_else(|| panic!("{pointer}"))
                    .insert(key.to_owned(), value);
            }
        }
        let imported = import(&doc);
        let service_uuid = hsds::export(&sample())[1]["services"][0]["id"]
            .as_str()
            .expect("id")
            .to_owned();
        assert_eq!(
            show(&imported.content),
            expect.replace("SERVICE", &service_uuid),
            "{pointer}"
        );
        let paths: Vec<&str> = imported.problems.iter().map(|p| p.path.as_str()).collect();
        if problem_path.is_empty() {
            assert_eq!(imported.problems, Vec::<ImportProblem>::new(), "{pointer}");
        } else {
            assert!(
                paths.contains(&problem_path),
                "{pointer}: expected a problem at {problem_path}, got {:#?}",
                imported.problems
            );
        }
    }
}

#[test]
fn profile_channels_find_their_phone_by_id_not_position() {
    // An HSDS tool that re-sorts the phones changes nothing.
    let content = sample();
    let mut doc = hsds::export(&content);
    doc[1]["services"][0]["phones"]
        .as_array_mut()
        .expect("phones")
        .reverse();
    let imported = import(&doc);
    assert_eq!(imported.problems, Vec::<ImportProblem>::new());
    assert_eq!(
        imported.content,
        Content {
            organizations: content.organizations.clone(),
            ..Content::default()
        }
    );
    // A profile naming a phone that is gone leaves that channel out, and says so.
    doc[1]["services"][0]["phones"]
        .as_array_mut()
        .expect("phones")
        .pop();
    let imported = import(&doc);
    let problems: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
    // The channel's hours go with it, so the schedules no longer match what is imported either.
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("/1/services/0/x-safety-compass/channels/0/phone: names phone"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("/1/services/0/schedules: differs from the Safety Compass profile"),
        "{problems:#?}"
    );
    let channels = &imported.content.organizations[1].services[0].channels;
    assert_eq!(
        channels.len(),
        content.organizations[1].services[0].channels.len() - 1
    );
}

#[test]
fn an_unreadable_profile_is_reported_with_its_path() {
    // A field this build does not know, as a newer build might write, nested or not: the profile
    // cannot be read, and that is reported where it is, not dropped silently.
    let cases = [
        ("/1/x-safety-compass/provenance", "reviewer"),
        (
            "/1/services/0/x-safety-compass/channels/0/hours",
            "holidays",
        ),
        (
            "/1/services/0/x-safety-compass/channels/0/hours/exception/0",
            "note",
        ),
        ("/1/services/0/x-safety-compass", "severity"),
        ("/1/locations/0/x-safety-compass", "floor"),
    ];
    for (pointer, key) in cases {
        let mut doc = hsds::export(&sample());
        doc.pointer_mut(pointer)
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("{pointer}"))
            .insert(key.to_owned(), json!("new"));
        let imported = import(&doc);
        let profile = pointer
            .find("/x-safety-compass")
            .map(|end| &pointer[..end + "/x-safety-compass".len()])
            .expect("a profile");
        let found = imported.problems.iter().any(|p| {
            p.path == profile
                && p.message.contains("profile is not valid")
                && p.message.contains(key)
        });
        assert!(found, "{pointer}: {:#?}", imported.problems);
    }
    // The bundle's own profile: a record list this build does not know.
    let mut bundle = hsds::export_bundle(&sample());
    bundle["x-safety-compass"]["glossary"] = json!([{"id": "term"}]);
    let imported = import(&bundle);
    let problems: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["/x-safety-compass: \"glossary\" is not a record list this build knows; ignored"]
    );
}

/// The organizations of `doc` (an export) with their services moved out: the services first, each
/// naming its organization by `organization_id`, then the organizations.
fn services_first(doc: &Value) -> Value {
    let mut organizations = doc.as_array().expect("organizations").clone();
    let mut items = Vec::new();
    for org in &mut organizations {
        if let Some(Value::Array(services)) = org.as_object_mut().and_then(|o| o.remove("services"))
        {
            items.extend(services);
        }
    }
    items.extend(organizations);
    Value::Array(items)
}

#[test]
fn services_listed_before_their_organization_import_the_same() {
    // Ours: the same organisations, nothing to report.
    let content = sample();
    let imported = import(&services_first(&hsds::export(&content)));
    assert_eq!(imported.problems, Vec::<ImportProblem>::new());
    assert_eq!(imported.content.organizations, content.organizations);

    // Foreign: the same content and the same problems (at other paths) in either order.
    let org = json!({
        "id": "org-1", "name": "Helpers", "website": "https://helpers.example.org",
        "locations": [{"id": "loc-1", "addresses": [
            {"address_1": "1 High St", "city": "London", "country": "GB", "address_type": "physical"}
        ]}]
    });
    let service = |id: &str| {
        json!({"id": id, "name": id, "status": "active", "organization_id": "org-1",
               "service_at_locations": [{"location_id": "loc-1"}]})
    };
    let messages = |imported: &Imported| {
        let mut messages: Vec<String> = imported
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect();
        messages.sort();
        messages
    };
    let orgs_first = import(&json!([org, service("s-1"), service("s-2")]));
    let later = import(&json!([service("s-1"), service("s-2"), org]));
    assert_eq!(later.content, orgs_first.content);
    assert_eq!(messages(&later), messages(&orgs_first));
    assert_eq!(
        summary(&later.content),
        [
            "org hsds-org-1 \"Helpers\" GB https://helpers.example.org 2026-11-01 locations=1 High St, London None GB",
            "  service \"s-1\" centre languages= channels= locations=1",
            "  service \"s-2\" centre languages= channels= locations=1",
        ]
    );

    // An organisation nested in a later service takes the place of the stub an earlier service was
    // put in; the earlier (foreign) service does not inherit the organisation's verified provenance.
    let mut ours = hsds::export(&sample())[1].clone();
    let uuid = ours["id"].as_str().expect("id").to_owned();
    ours.as_object_mut().expect("org").remove("services");
    let doc = json!([
        {"id": "svc-a", "name": "A", "status": "active", "organization_id": uuid},
        {"id": "svc-b", "name": "B", "status": "active", "organization": ours},
    ]);
    let imported = import(&doc);
    let shown: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().all(|p| !p.contains("not in the document")),
        "{shown:#?}"
    );
    let [org] = imported.content.organizations.as_slice() else {
        panic!("one organisation: {:#?}", summary(&imported.content));
    };
    assert_eq!(
        (org.id.as_str(), org.provenance.status),
        ("lv-sample", Verification::Verified)
    );
    let services: Vec<(&str, Option<Verification>)> = org
        .services
        .iter()
        .map(|s| (s.id.as_str(), s.provenance.as_ref().map(|p| p.status)))
        .collect();
    assert_eq!(
        services,
        [
            ("hsds-svc-a", Some(Verification::Unverified)),
            ("hsds-svc-b", Some(Verification::Unverified)),
        ]
    );
}

#[test]
fn foreign_ids_are_unique_across_organisations_and_record_kinds() {
    // HSDS ids need only be unique per table and per publisher, and `hsds-` ids fold case.
    let org = |id: &str, service: &str| {
        json!({"id": id, "name": id, "locations": [{"id": "1", "addresses": [
            {"address_1": "1 High St", "city": "London", "country": "GB"}
        ]}], "services": [{"id": service, "name": service, "service_at_locations": [{"location_id": "1"}]}]})
    };
    let doc = json!([org("1", "1"), org("2", "1"), org("A", "x"), org("a", "X")]);
    let imported = import(&doc);
    let shown: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().all(|p| !p.contains("appears again")),
        "{shown:#?}"
    );
    let content = &imported.content;
    assert_eq!(content.organizations.len(), 4, "{shown:#?}");
    let mut ids = Vec::new();
    for org in &content.organizations {
        ids.push(org.id.clone());
        ids.extend(org.locations.iter().map(|l| l.id.clone()));
        for service in &org.services {
            ids.push(service.id.clone());
            // Each service links to its own organisation's location.
            assert_eq!(service.locations.len(), 1, "{}", service.id);
            assert!(org.locations.iter().any(|l| l.id == service.locations[0]));
        }
    }
    assert_eq!(ids.len(), 12, "{ids:#?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:#?}");
    assert!(
        ids.iter()
            .all(|id| id.len() <= 80 && id.starts_with("hsds-"))
    );
    assert!(ids.contains(&"hsds-1".to_owned()), "{ids:#?}");

    // The same service in two service_at_locations of a list page is one service with two locations.
    let link = |location: &str| {
        json!({"id": format!("sal-{location}"), "service": {"id": "s", "name": "S", "organization_id": "o"},
               "location": {"id": location, "addresses": [{"address_1": location, "city": "London", "country": "GB"}]}})
    };
    let imported = import(&json!({"contents": [link("l-1"), link("l-2")]}));
    let services: Vec<(&str, usize)> = imported
        .content
        .organizations
        .iter()
        .flat_map(|o| &o.services)
        .map(|s| (s.id.as_str(), s.locations.len()))
        .collect();
    assert_eq!(services, [("hsds-s", 2)]);
}

#[test]
fn messages_quote_at_most_60_characters() {
    let huge = "x".repeat(1_000_000);
    let export = hsds::export(&sample());
    let mut twice = export.clone();
    // The same (huge) profile id on both organisations: the second is a duplicate.
    twice[0]["x-safety-compass"]["id"] = json!(huge);
    twice[1]["x-safety-compass"]["id"] = json!(huge);
    let mut service_twice = export.clone();
    let services = service_twice[1]["services"]
        .as_array_mut()
        .expect("services");
    services[0]["x-safety-compass"]["id"] = json!(huge);
    let copy = services[0].clone();
    services.push(copy);
    let mut bad_kind = export.clone();
    bad_kind[1]["services"][0]["x-safety-compass"]["kind"] = json!(huge);
    let mut bad_record = hsds::export_bundle(&sample());
    bad_record["x-safety-compass"]["events"][0]
        .as_object_mut()
        .expect("event")
        .insert(huge.clone(), json!(1));
    let orphan = json!({"id": "s", "name": "S", "organization_id": huge});
    let cases = [
        (twice, "/1", "appears again"),
        (service_twice, "/1/services/2", "appears again"),
        (
            bad_kind,
            "/1/services/0/x-safety-compass",
            "profile is not valid",
        ),
        (
            bad_record,
            "/x-safety-compass/events/0",
            "not a valid record",
        ),
        (orphan, "/", "not in the document"),
    ];
    for (doc, path, message) in cases {
        let imported = import(&doc);
        let found = imported
            .problems
            .iter()
            .any(|p| p.path == path && p.message.contains(message));
        let long: Vec<String> = imported
            .problems
            .iter()
            .filter(|p| p.message.len() > 300)
            .map(|p| p.to_string().chars().take(200).collect())
            .collect();
        assert!(found && long.is_empty(), "{path}: long messages {long:#?}");
    }
}

#[test]
fn each_problem_is_reported_once() {
    let doc = json!({"id": "o", "name": 5, "services": [
        {"id": "s", "name": 6, "phones": 7, "contacts": "none", "email": 8,
         "service_at_locations": [{"phones": {}, "contacts": 9}]}
    ]});
    let imported = import(&doc);
    let mut paths: Vec<&str> = imported
        .problems
        .iter()
        .filter(|p| p.message.starts_with("expected"))
        .map(|p| p.path.as_str())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/name",
            "/services/0/contacts",
            "/services/0/email",
            "/services/0/name",
            "/services/0/phones",
            "/services/0/service_at_locations/0/contacts",
            "/services/0/service_at_locations/0/phones",
        ],
        "{:#?}",
        imported.problems
    );
}

// ---------------------------------------------------------------------------------------------------
// The specification's examples.

fn example(dir: &Path, name: &str) -> Value {
    let path = dir.join("examples").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("json")
}

fn names(text: &Text) -> String {
    text.values()
        .map(TextValue::text)
        .collect::<Vec<_>>()
        .join("|")
}

/// One line per organisation and service: what the import made of a document.
fn summary(content: &Content) -> Vec<String> {
    let mut out = Vec::new();
    for org in &content.organizations {
        out.push(format!(
            "org {} {:?} {} {} {} locations={}",
            org.id,
            names(&org.name),
            org.country,
            org.provenance.source,
            org.provenance.verified_on,
            org.locations
                .iter()
                .map(|l| format!(
                    "{}, {} {:?} {}",
                    l.address, l.city, l.postal_code, l.country
                ))
                .collect::<Vec<_>>()
                .join("; "),
        ));
        for service in &org.services {
            let channels: Vec<String> = service
                .channels
                .iter()
                .map(|c| {
                    format!(
                        "{}:{}",
                        c.kind.as_str(),
                        c.number
                            .as_deref()
                            .or(c.address.as_deref())
                            .or(c.url.as_deref())
                            .unwrap_or("")
                    )
                })
                .collect();
            out.push(format!(
                "  service {:?} {} languages={} channels={} locations={}",
                names(&service.name),
                service.kind.as_str(),
                service.languages.join(","),
                channels.join(","),
                service.locations.len(),
            ));
        }
    }
    out
}

#[test]
fn the_specification_examples_import_with_their_problems_reported() {
    // The latest of the service's metadata (2011-01-01) and assured_date (2005-01-01).
    let org = "org hsds-d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610 \"Example Organization Inc.\" US urn:x-safety-compass:no-source 2011-01-01";
    let address = "locations=1-30 Main Street, MyVillage, MyCity Some(\"ABC 1234\") US";
    let service = "  service \"Community Counselling\" hotline languages=ur channels=voice:+441234234567,email:email@example.com locations=1";
    // (file, summary, problems that must be among those reported)
    let cases: &[(&str, &[&str], &[(&str, &str)])] = &[
        (
            "organization_full.json",
            &[&format!("{org} {address}"), service],
            &[
                ("/phones", "not imported"),
                (
                    "/services/0/phones/0/extension",
                    "extensions are not supported",
                ),
                ("/services/0/schedules/0/timezone", "UTC offset (3)"),
                ("/services/0/schedules/0", "byweekno is not supported"),
                (
                    "/services/0/url",
                    "\"http://example.com/counselling\" is not an https address",
                ),
                ("/services/0", "kind guessed as hotline"),
                ("/locations/0/schedules", "not imported"),
                ("/", "no https page to cite"),
            ],
        ),
        (
            "service_full.json",
            &[&format!("{org} {address}"), service],
            &[
                ("/phones/0/extension", "extensions are not supported"),
                ("/organization/phones", "not imported"),
                ("/organization", "no https page"),
            ],
        ),
        (
            "service_at_location_full.json",
            &[&format!("{org} {address}"), service],
            &[
                ("/phones/0/extension", "extensions are not supported"),
                ("/service", "kind guessed"),
            ],
        ),
        (
            "organization_list.json",
            &[
                "org hsds-d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610 \"Example Organization Inc.\"  urn:x-safety-compass:no-source 2026-11-01 locations=",
            ],
            &[
                ("/contents/0", "no country"),
                ("/contents/0", "no date the organization was last checked"),
            ],
        ),
        (
            "service_list.json",
            &[
                "org hsds-d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610 \"Example Organization Inc.\"  urn:x-safety-compass:no-source 2005-01-01 locations=",
                "  service \"Community Counselling\" programme languages= channels=email:email@example.com locations=0",
            ],
            &[("/contents/0/url", "not an https address")],
        ),
    ];
    let Some(dir) = hsds_dir() else {
        return;
    };
    let mut files: Vec<String> = std::fs::read_dir(dir.join("examples"))
        .expect("examples")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    let mut covered: Vec<&str> = cases.iter().map(|(file, ..)| *file).collect();
    covered.sort_unstable();
    assert_eq!(files, covered, "every example has a case");
    for (file, expect, problems) in cases {
        let imported = import(&example(&dir, file));
        let shown: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            summary(&imported.content),
            *expect,
            "{file}; problems:\n{}",
            shown.join("\n")
        );
        assert!(
            imported.problems.iter().all(|p| p.path.starts_with('/')),
            "{file}: {shown:#?}"
        );
        for (path, message) in *problems {
            let found = imported
                .problems
                .iter()
                .any(|p| p.path == *path && p.message.contains(message));
            assert!(
                found,
                "{file}: no problem at {path} saying {message:?}; got:\n{}",
                shown.join("\n")
            );
        }
        // Imported foreign data is never verified and states no hours.
        for org in &imported.content.organizations {
            assert_eq!(org.provenance.status, Verification::Unverified, "{file}");
            assert!(
                org.services
                    .iter()
                    .flat_map(|s| &s.channels)
                    .all(|c| c.hours.is_none()),
                "{file}"
            );
        }
    }
}

/// Imports `doc` and compares the summary and the problems (path, part of the message), in order.
fn check_foreign(doc: &Value, summary_expect: &[&str], problems: &[(&str, &str)]) {
    let imported = import(doc);
    let shown: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        summary(&imported.content),
        summary_expect,
        "problems:\n{}",
        shown.join("\n")
    );
    assert_eq!(imported.problems.len(), problems.len(), "{shown:#?}");
    for (problem, (path, message)) in imported.problems.iter().zip(problems) {
        assert!(
            problem.path == *path && problem.message.contains(message),
            "expected {path}: …{message}…, got {problem}"
        );
    }
}

#[test]
fn foreign_hsds_is_mapped_and_its_guesses_reported() {
    let tidy = json!({
        "id": "11111111-2222-4333-8444-555555555555",
        "name": "Helpers",
        "description": "We help.",
        "website": "https://helpers.example.org",
        "metadata": [{"last_action_date": "2026-03-04T10:00:00Z"}, {"last_action_date": "2025-01-01"}],
        "locations": [{"id": "loc-1", "location_type": "physical", "addresses": [
            {"address_1": "PO Box 1", "city": "London", "postal_code": "E1 1AA", "country": "GB", "address_type": "postal"},
            {"address_1": "1 High St", "city": "London", "postal_code": "E1 1AA", "country": "uk", "address_type": "physical"}
        ]}],
        "services": [{
            "id": "svc-1",
            "name": "Line",
            "status": "active",
            "url": "https://helpers.example.org/chat",
            "email": "line@helpers.example.org",
            "languages": [{"code": "RU"}, {"code": "en"}, {"name": "Polish"}],
            "phones": [
                {"number": "\"0044 20 7946 0000\""},
                {"number": "(+44) 7700-900-123", "type": "text"},
                {"number": "+44 20 7946 0000"}
            ],
            "contacts": [{"name": "Reception", "email": "LINE@helpers.example.org"}],
            "service_at_locations": [{"location_id": "loc-1"}],
            "schedules": [{"freq": "WEEKLY", "byday": "MO,TU", "opens_at": "09:00:00", "closes_at": "17:00"}]
        }]
    });
    check_foreign(
        &tidy,
        &[
            "org hsds-11111111-2222-4333-8444-555555555555 \"Helpers\" GB https://helpers.example.org 2026-03-04 locations=1 High St, London Some(\"E1 1AA\") GB",
            "  service \"Line\" hotline languages=ru,en channels=voice:+442079460000,sms:+447700900123,email:LINE@helpers.example.org,web:https://helpers.example.org/chat locations=1",
        ],
        &[
            ("/services/0/languages/2", "language has no code"),
            (
                "/services/0",
                "kind guessed as hotline, audience set to both, no topics",
            ),
            ("/services/0/schedules/0", "it reads as `Mo,Tu 09:00-17:00`"),
        ],
    );
    let orphan = json!({"id": "svc-2", "name": "Orphan", "status": "temporarily closed", "organization_id": "org-x", "assured_date": "2025-12-01"});
    check_foreign(
        &orphan,
        &[
            "org hsds-org-x \"\"  urn:x-safety-compass:no-source 2025-12-01 locations=",
            "  service \"Orphan\" programme languages= channels= locations=0",
        ],
        &[
            ("/status", "temporarily closed\"; imported anyway"),
            ("/", "kind guessed as programme"),
            // Reported at the end: the organization could have come later in the document.
            (
                "/",
                "organization of this service is not in the document; imported under \"hsds-org-x\"",
            ),
            ("/", "no country"),
            ("/", "no https page to cite as the organization's source"),
        ],
    );
    // A foreign service added to one of our organisations gets its own unverified provenance and
    // translation table instead of inheriting the organisation's verified ones.
    let mut ours = hsds::export(&sample());
    let services = ours[1]["services"].as_array_mut().expect("services");
    services.push(json!({"id": "svc-3", "name": "Added", "status": "active", "url": "https://added.example.org"}));
    let imported = import(&ours);
    let org = imported
        .content
        .organizations
        .iter()
        .find(|o| o.id == "lv-sample")
        .expect("org");
    let added = org
        .services
        .iter()
        .find(|s| s.id == "hsds-svc-3")
        .expect("added");
    let provenance = added.provenance.as_ref().expect("own provenance");
    assert_eq!(
        (provenance.source.as_str(), provenance.status),
        ("https://added.example.org", Verification::Unverified)
    );
    assert_eq!(
        added.translation,
        Some(translations(&[("en", TranslationStatus::Original)]))
    );
    assert_eq!(org.provenance.status, Verification::Verified);
}

// ---------------------------------------------------------------------------------------------------
// Hostile and garbage input.

fn nested_arrays(depth: usize) -> Value {
    let mut value = json!("bottom");
    for _ in 0..depth {
        value = Value::Array(vec![value]);
    }
    value
}

#[test]
fn garbage_is_reported_not_imported() {
    let huge = "x".repeat(2_000_000);
    // (document, organisations imported, a problem (path, message part) that must be reported)
    let cases: Vec<(Value, usize, (&str, &str))> = vec![
        (Value::Null, 0, ("/", "found null")),
        (json!(42), 0, ("/", "found a number")),
        (json!("organization"), 0, ("/", "found text")),
        (json!(true), 0, ("/", "found a boolean")),
        (json!([]), 0, ("", "")),
        (json!({}), 0, ("/", "no id, no name")),
        (json!([null, 1, "x", []]), 0, ("/3", "found an array")),
        (
            json!({"contents": 5}),
            0,
            ("/contents", "expected an array"),
        ),
        (
            json!({"contents": [{"id": 7}]}),
            0,
            ("/contents/0/id", "expected text, found a number"),
        ),
        (
            json!({"organizations": {"id": "x"}}),
            0,
            ("/organizations", "expected an array"),
        ),
        (
            json!({"organizations": [], "x-safety-compass": {"events": [{"id": 1}], "reports": 5}}),
            0,
            ("/x-safety-compass/events/0", "not a valid record"),
        ),
        (
            json!({"name": "Org", "services": "none"}),
            1,
            ("/services", "expected an array"),
        ),
        (
            json!({"name": "Org", "services": [null, {"name": "S", "phones": [{"number": "+44 20 7946 0000", "type": "fax"}]}]}),
            1,
            ("/services/1/phones/0/type", "\"fax\""),
        ),
        (
            json!({"name": "Org", "services": [{"name": "S", "phones": [{"number": ["+44"]}]}]}),
            1,
            (
                "/services/0/phones/0/number",
                "expected text, found an array",
            ),
        ),
        (
            json!({"name": "Org", "services": [{"name": "S", "status": "defunct"}]}),
            1,
            ("/services/0/status", "defunct"),
        ),
        // Left out before anything else: no stub organisation is made for it.
        (
            json!({"name": "S", "status": "inactive", "organization_id": "o"}),
            0,
            ("/status", "service is inactive; left out"),
        ),
        (
            json!({"name": "Org", "locations": [{"id": "l", "addresses": [{"city": "Rīga"}]}]}),
            1,
            ("/locations/0/addresses/0", "needs address_1 and city"),
        ),
        (
            json!({"name": nested_arrays(1000)}),
            0,
            ("/name", "expected text, found an array"),
        ),
        (
            json!({"id": "o", "name": "Org", "x-safety-compass": nested_arrays(1000)}),
            1,
            ("/x-safety-compass", "deeper than 32"),
        ),
        (
            json!({"id": "o", "name": "Org", "x-safety-compass": {"id": 5}}),
            1,
            ("/x-safety-compass", "profile is not valid"),
        ),
        (json!({"id": "o", "name": huge}), 1, ("/", "no https page")),
        (
            json!({"id": "o", "name": "Org", "services": [{"name": "S", "phones": [{"number": huge}]}]}),
            1,
            (
                "/services/0/phones/0/number",
                "…\" is not an international number",
            ),
        ),
        (
            json!({"service": {"name": "S"}, "location": {"id": "l"}}),
            1,
            ("/service", "not in the document"),
        ),
        (
            json!({"service": "S"}),
            0,
            ("/service", "expected an HSDS service object"),
        ),
        (
            json!({"id": "x", "name": "Org", "website": 7, "metadata": [{"last_action_date": "yesterday"}]}),
            1,
            ("/metadata/0/last_action_date", "not a date"),
        ),
        (
            json!([{"id": "x", "name": "A"}, {"id": "x", "name": "B"}]),
            1,
            ("/1", "appears again"),
        ),
        // Other HSDS objects are not taken for organizations.
        (
            json!([{"id": "l", "name": "Office", "location_type": "physical", "addresses": [
                {"address_1": "1 High St", "city": "London", "country": "GB"}
            ]}]),
            0,
            ("/0", "a location on its own cannot be imported"),
        ),
        (
            json!({"id": "p", "service_id": "s", "number": "+44 20 7946 0000"}),
            0,
            ("/", "a phone on its own cannot be imported"),
        ),
        (
            json!({"contents": [{"id": "t", "name": "Housing", "code": "H", "taxonomy": "x"}]}),
            0,
            ("/contents/0", "a taxonomy term on its own"),
        ),
    ];
    for (doc, organizations, (path, message)) in cases {
        let imported = import(&doc);
        let shown: Vec<String> = imported
            .problems
            .iter()
            .map(|p| {
                let mut line = p.to_string();
                line.truncate(200);
                line
            })
            .collect();
        assert_eq!(
            imported.content.organizations.len(),
            organizations,
            "{path} {message}: {shown:#?}"
        );
        assert!(
            imported.problems.iter().all(|p| p.path.starts_with('/')),
            "{shown:#?}"
        );
        if path.is_empty() {
            assert!(imported.problems.is_empty(), "{shown:#?}");
        } else {
            let found = imported
                .problems
                .iter()
                .any(|p| p.path == path && p.message.contains(message));
            assert!(
                found,
                "no problem at {path} saying {message:?}; got {shown:#?}"
            );
        }
    }
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    // Keys the importer looks at, so that random documents reach deep into it.
    const KEYS: &[&str] = &[
        "id",
        "name",
        "description",
        "services",
        "organizations",
        "contents",
        "locations",
        "addresses",
        "phones",
        "contacts",
        "schedules",
        "languages",
        "service_at_locations",
        "service",
        "location",
        "organization",
        "organization_id",
        "location_id",
        "number",
        "type",
        "email",
        "url",
        "website",
        "status",
        "code",
        "address_1",
        "city",
        "country",
        "metadata",
        "last_action_date",
        "assured_date",
        "x-safety-compass",
        "channels",
        "phone",
        "contact",
        "kind",
        "events",
        "timezone",
        "byday",
        "opens_at",
        "closes_at",
        "freq",
        "extension",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        "[+0-9 ()\"-]{0,16}".prop_map(Value::String),
        Just(json!("+37120000001")),
        Just(json!("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(KEYS).prop_map(str::to_owned),
                    inner.clone()
                ),
                0..8
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            prop::collection::vec((".{0,6}", inner), 0..3)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Every JSON Pointer in a document.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{index}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                pointers(
                    item,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
    out.push(at);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_json_makes_the_import_panic(doc in arbitrary_json()) {
        let imported = import(&doc);
        prop_assert!(imported.problems.iter().all(|p| p.path.starts_with('/')));
        // Whatever was imported exports again.
        let _ = hsds::export_bundle(&imported.content);
    }

    #[test]
    fn a_damaged_export_still_imports(choice in any::<prop::sample::Index>(), replacement in arbitrary_json()) {
        let mut doc = hsds::export_bundle(&sample());
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let pointer = choice.get(&all).clone();
        if let Some(slot) = doc.pointer_mut(&pointer) {
            *slot = replacement;
        }
        let imported = import(&doc);
        prop_assert!(imported.problems.iter().all(|p| p.path.starts_with('/')));
    }
}
