//! Cross-border referral for every pair of LV, EE and GB (where the person is × nationality).

use compass_content::{ContentDb, Referral, ReferralEntry};

use crate::{build_dir, mini_db, seed_dir};

fn ids(entries: &[ReferralEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.service_id.as_str()).collect()
}

fn numbers(entries: &[ReferralEntry]) -> Vec<&str> {
    entries
        .iter()
        .flat_map(|e| e.numbers.iter().map(String::as_str))
        .collect()
}

#[test]
fn every_pair_in_the_fixture() {
    let (_dir, db) = mini_db();
    // here, nationality, emergency, trafficking here, consular, home hotlines (from abroad), programmes
    type Row = (
        &'static str,
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
    );
    let cases: &[Row] = &[
        (
            "LV",
            "LV",
            &["lv-emergency-112"],
            &["lv-alpha-hotline"],
            &[],
            &[],
            &["lv-alpha-programme"],
        ),
        (
            "LV",
            "EE",
            &["lv-emergency-112"],
            &["lv-alpha-hotline"],
            &["ee-consular-line"],
            &["ee-beta-hotline"],
            &["lv-alpha-programme"],
        ),
        (
            "LV",
            "GB",
            &["lv-emergency-112"],
            &["lv-alpha-hotline"],
            &[],
            &["gb-gamma-helpline"],
            &["lv-alpha-programme"],
        ),
        (
            "EE",
            "EE",
            &["ee-emergency-112"],
            &["ee-beta-hotline"],
            &[],
            &[],
            &[],
        ),
        (
            "EE",
            "LV",
            &["ee-emergency-112"],
            &["ee-beta-hotline"],
            &["lv-consular-line"],
            &["lv-alpha-hotline"],
            &["lv-alpha-programme"],
        ),
        (
            "EE",
            "GB",
            &["ee-emergency-112"],
            &["ee-beta-hotline"],
            &[],
            &["gb-gamma-helpline"],
            &[],
        ),
        (
            "GB",
            "GB",
            &["gb-emergency-999"],
            &["gb-gamma-helpline"],
            &[],
            &[],
            &[],
        ),
        (
            "GB",
            "LV",
            &["gb-emergency-999"],
            &["gb-gamma-helpline"],
            &["lv-consular-line"],
            &["lv-alpha-hotline"],
            &["lv-alpha-programme"],
        ),
        (
            "GB",
            "EE",
            &["gb-emergency-999"],
            &["gb-gamma-helpline"],
            &["ee-consular-line"],
            &["ee-beta-hotline"],
            &[],
        ),
    ];
    for &(here, nationality, emergency, trafficking, consular, home, programmes) in cases {
        let r: Referral = db
            .referral(here, nationality, "en", false)
            .expect("referral");
        let pair = format!("{here} × {nationality}");
        assert_eq!(ids(&r.emergency), emergency, "{pair} emergency");
        assert_eq!(ids(&r.trafficking_here), trafficking, "{pair} trafficking");
        assert_eq!(ids(&r.consular), consular, "{pair} consular");
        assert_eq!(ids(&r.home_hotlines), home, "{pair} home");
        assert_eq!(ids(&r.programmes), programmes, "{pair} programmes");
    }
}

#[test]
fn numbers_are_given_as_dialled_from_where_the_person_is() {
    let (_dir, db) = mini_db();
    let r = db.referral("GB", "LV", "en", false).expect("referral");
    assert_eq!(numbers(&r.emergency), ["999"]);
    assert_eq!(
        numbers(&r.trafficking_here),
        ["0800 000 0001"],
        "at home: the national form"
    );
    assert_eq!(numbers(&r.consular), ["+37120000009"]);
    assert_eq!(
        r.consular[0].reachable,
        Some(true),
        "marked as working from abroad"
    );
    assert_eq!(
        ids(&r.home_hotlines),
        ["lv-alpha-hotline"],
        "the line at home is listed"
    );
    assert_eq!(
        numbers(&r.home_hotlines),
        Vec::<&str>::new(),
        "not known to work from abroad: no number is offered as if it did"
    );
    assert_eq!(
        r.home_hotlines[0].reachable, None,
        "not known to work from abroad: the sheet says so"
    );
    // A freephone number that does not work from abroad is replaced by its number for callers abroad.
    let r = db.referral("LV", "GB", "en", false).expect("referral");
    assert_eq!(numbers(&r.home_hotlines), ["+442000000001"]);
}

#[test]
fn confidential_lines_only_for_staff() {
    let (_dir, db) = mini_db();
    let visitor = db.referral("LV", "LV", "en", false).expect("referral");
    assert!(!ids(&visitor.trafficking_here).contains(&"lv-hidden-line"));
    let staff = db.referral("LV", "LV", "en", true).expect("referral");
    assert!(ids(&staff.trafficking_here).contains(&"lv-hidden-line"));
}

/// The seed: every pair has emergency numbers and a trafficking hotline where the person is; Latvians
/// and Estonians abroad get their consular line.
#[test]
fn every_pair_in_the_seed() {
    let (_dir, db): (_, ContentDb) = build_dir(&seed_dir(), jiff::ZonedDateTime::now().date());
    let countries = ["LV", "EE", "GB"];
    for here in countries {
        for nationality in countries {
            let r = db
                .referral(here, nationality, "en", false)
                .expect("referral");
            let pair = format!("{here} × {nationality}");
            assert!(!r.emergency.is_empty(), "{pair}: no emergency number");
            assert!(
                !r.trafficking_here.is_empty(),
                "{pair}: no trafficking hotline"
            );
            assert!(
                r.emergency
                    .iter()
                    .chain(&r.trafficking_here)
                    .all(|e| !e.numbers.is_empty()),
                "{pair}: {r:?}"
            );
            if here != nationality && nationality != "GB" {
                assert!(!r.consular.is_empty(), "{pair}: no consular line");
                assert!(
                    r.consular
                        .iter()
                        .all(|e| e.numbers.iter().all(|n| n.starts_with('+'))),
                    "{pair}: {r:?}"
                );
            }
            if here == nationality {
                assert!(
                    r.consular.is_empty() && r.home_hotlines.is_empty(),
                    "{pair}"
                );
            }
        }
    }
}
