//! Opening hours across the March and October DST changes in Riga, Tallinn and London.

use compass_content::hours::{OpenState, Schedule, state};
use compass_content::model::Hours;

use crate::hours_of as hours;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Renders the state as `open until <local time>`, `closed until …`, `open`, `closed`, `unknown`.
fn render(state: &OpenState) -> String {
    let fmt = |z: &jiff::ZonedDateTime| z.strftime("%a %Y-%m-%d %H:%M %Z").to_string();
    match state {
        OpenState::Unknown => "unknown".to_owned(),
        OpenState::Open { closes: Some(at) } => format!("open until {}", fmt(at)),
        OpenState::Open { closes: None } => "open".to_owned(),
        OpenState::Closed { opens: Some(at) } => format!("closed until {}", fmt(at)),
        OpenState::Closed { opens: None } => "closed".to_owned(),
    }
}

fn check(h: &Hours, now: &str, display: &str, expect: &str) {
    let schedule = Schedule::parse(h).expect("valid hours");
    let now: Timestamp = now.parse().expect("timestamp");
    let display = TimeZone::get(display).expect("tz");
    let got = render(&schedule.state_at(now, &display));
    assert_eq!(got, expect, "hours {h:?} at {now} shown in {display:?}");
}

#[test]
fn weekly_hours_across_dst() {
    let riga_office = hours("Europe/Riga", false, &["Mo-Fr 10:00-18:00"], &[]);
    let riga_daily = hours("Europe/Riga", false, &["Mo-Su 12:00-22:00"], &[]);
    let tallinn_night = hours("Europe/Tallinn", false, &["Mo-Su 19:00-07:00"], &[]);
    let london_office = hours("Europe/London", false, &["Mo-Fr 09:00-17:00"], &[]);
    let riga_early = hours("Europe/Riga", false, &["Mo-Su 03:30-05:00"], &[]);
    let london_evening = hours(
        "Europe/London",
        false,
        &["Mo-Su 18:00-24:00", "Mo-Su 00:00-02:00"],
        &[],
    );
    let cases: &[(&Hours, &str, &str, &str)] = &[
        // Riga, winter time (EET, +02) on the Friday before the March change.
        (
            &riga_office,
            "2026-03-27T07:30:00Z",
            "Europe/Riga",
            "closed until Fri 2026-03-27 10:00 EET",
        ),
        (
            &riga_office,
            "2026-03-27T08:00:00Z",
            "Europe/Riga",
            "open until Fri 2026-03-27 18:00 EET",
        ),
        (
            &riga_office,
            "2026-03-27T16:00:00Z",
            "Europe/Riga",
            "closed until Mon 2026-03-30 10:00 EEST",
        ),
        // The Monday after: summer time (EEST, +03); 07:30Z is 10:30 local.
        (
            &riga_office,
            "2026-03-30T07:30:00Z",
            "Europe/Riga",
            "open until Mon 2026-03-30 18:00 EEST",
        ),
        // Saturday evening before the change; Sunday's noon is already summer time.
        (
            &riga_daily,
            "2026-03-28T20:30:00Z",
            "Europe/Riga",
            "closed until Sun 2026-03-29 12:00 EEST",
        ),
        // Past midnight across the change: Saturday 19:00 EET to Sunday 07:00 EEST.
        (
            &tallinn_night,
            "2026-03-29T00:30:00Z",
            "Europe/Tallinn",
            "open until Sun 2026-03-29 07:00 EEST",
        ),
        (
            &tallinn_night,
            "2026-03-29T03:59:00Z",
            "Europe/Tallinn",
            "open until Sun 2026-03-29 07:00 EEST",
        ),
        (
            &tallinn_night,
            "2026-03-29T04:00:00Z",
            "Europe/Tallinn",
            "closed until Sun 2026-03-29 19:00 EEST",
        ),
        // October: the night of the change is an hour longer.
        (
            &tallinn_night,
            "2026-10-25T00:30:00Z",
            "Europe/Tallinn",
            "open until Sun 2026-10-25 07:00 EET",
        ),
        (
            &tallinn_night,
            "2026-10-25T04:59:00Z",
            "Europe/Tallinn",
            "open until Sun 2026-10-25 07:00 EET",
        ),
        (
            &tallinn_night,
            "2026-10-25T05:00:00Z",
            "Europe/Tallinn",
            "closed until Sun 2026-10-25 19:00 EET",
        ),
        // London in BST, shown in London and in Riga.
        (
            &london_office,
            "2026-03-30T08:30:00Z",
            "Europe/London",
            "open until Mon 2026-03-30 17:00 BST",
        ),
        (
            &london_office,
            "2026-03-30T08:30:00Z",
            "Europe/Riga",
            "open until Mon 2026-03-30 19:00 EEST",
        ),
        // London on the Sunday of the March change (01:00 GMT -> 02:00 BST): closed on Sundays.
        (
            &london_office,
            "2026-03-29T01:30:00Z",
            "Europe/London",
            "closed until Mon 2026-03-30 09:00 BST",
        ),
        // The Friday before the October change, after hours; Monday is GMT again.
        (
            &london_office,
            "2026-10-23T16:30:00Z",
            "Europe/London",
            "closed until Mon 2026-10-26 09:00 GMT",
        ),
        (
            &london_office,
            "2026-10-26T09:00:00Z",
            "Europe/London",
            "open until Mon 2026-10-26 17:00 GMT",
        ),
        // A local time in the spring gap (03:30 does not exist in Riga on 29 March) moves forward.
        (
            &riga_early,
            "2026-03-29T01:15:00Z",
            "Europe/Riga",
            "closed until Sun 2026-03-29 04:30 EEST",
        ),
        // A local time that happens twice in autumn means its first occurrence.
        (
            &riga_early,
            "2026-10-25T00:45:00Z",
            "Europe/Riga",
            "open until Sun 2026-10-25 05:00 EET",
        ),
        // Two spans meeting at midnight are one opening.
        (
            &london_evening,
            "2026-07-01T22:30:00Z",
            "Europe/London",
            "open until Thu 2026-07-02 02:00 BST",
        ),
        (
            &london_evening,
            "2026-07-01T01:30:00Z",
            "Europe/London",
            "closed until Wed 2026-07-01 18:00 BST",
        ),
    ];
    for (h, now, display, expect) in cases {
        check(h, now, display, expect);
    }
}

#[test]
fn always_open_and_exceptions() {
    let always = hours("Europe/London", true, &[], &[]);
    check(&always, "2026-03-29T00:59:00Z", "Europe/London", "open");
    check(&always, "2026-10-25T01:30:00Z", "Europe/Riga", "open");
    let christmas = hours("Europe/Riga", true, &[], &[("2026-12-24", &[])]);
    check(
        &christmas,
        "2026-12-22T10:00:00Z",
        "Europe/Riga",
        "open until Thu 2026-12-24 00:00 EET",
    );
    check(
        &christmas,
        "2026-12-24T10:00:00Z",
        "Europe/Riga",
        "closed until Fri 2026-12-25 00:00 EET",
    );
    let office = hours(
        "Europe/Riga",
        false,
        &["Mo-Fr 10:00-18:00"],
        &[("2026-12-24", &["10:00-14:00"]), ("2026-12-25", &[])],
    );
    check(
        &office,
        "2026-12-24T09:00:00Z",
        "Europe/Riga",
        "open until Thu 2026-12-24 14:00 EET",
    );
    check(
        &office,
        "2026-12-24T12:30:00Z",
        "Europe/Riga",
        "closed until Mon 2026-12-28 10:00 EET",
    );
    let rarely = hours(
        "Europe/Riga",
        false,
        &[],
        &[("2026-01-10", &["10:00-12:00"])],
    );
    check(&rarely, "2026-06-01T10:00:00Z", "Europe/Riga", "closed");
}

#[test]
fn no_hours_is_unknown() {
    let riga = TimeZone::get("Europe/Riga").expect("tz");
    assert_eq!(
        state(None, Timestamp::UNIX_EPOCH, &riga),
        OpenState::Unknown
    );
}

#[test]
fn invalid_hours_are_refused() {
    let cases: &[(Hours, &str)] = &[
        (hours("Mars/Olympus", true, &[], &[]), "unknown time zone"),
        (hours("Europe/Riga", false, &[], &[]), "neither"),
        (
            hours("Europe/Riga", true, &["Mo-Fr 10:00-18:00"], &[]),
            "both `always = true` and weekly rules",
        ),
        (
            hours("Europe/Riga", false, &["Monday 10:00-18:00"], &[]),
            "unknown day",
        ),
        (
            hours("Europe/Riga", false, &["Mo-Fr 10-18"], &[]),
            "invalid time",
        ),
        (
            hours("Europe/Riga", false, &["Mo-Fr 10:00-25:00"], &[]),
            "invalid time",
        ),
        (
            hours("Europe/Riga", false, &["Mo-Fr 10:00-10:00"], &[]),
            "empty",
        ),
        (hours("Europe/Riga", false, &["Mo-Fr"], &[]), "not `<days>"),
        (
            hours("Europe/Riga", false, &["Mo-Fr 24:00-02:00"], &[]),
            "cannot start at 24:00",
        ),
        (
            hours("Europe/Riga", true, &[], &[("2026-02-30", &[])]),
            "invalid exception date",
        ),
        (
            hours(
                "Europe/Riga",
                true,
                &[],
                &[("2026-02-01", &[]), ("2026-02-01", &[])],
            ),
            "two exceptions",
        ),
    ];
    for (h, expect) in cases {
        let err = Schedule::parse(h).expect_err("must be refused");
        assert!(
            err.contains(expect),
            "{h:?}: {err:?} should contain {expect:?}"
        );
    }
}

/// The state as a visitor reads it: the Fluent message chosen, formatted in English and Latvian.
#[test]
fn states_become_fluent_messages() {
    let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/locales");
    let localizer = compass_i18n::Localizer::load(&locales).expect("locales");
    let office = hours("Europe/Riga", false, &["Mo-Fr 10:00-18:00"], &[]);
    let night = hours("Europe/Tallinn", false, &["Mo-Su 19:00-07:00"], &[]);
    let always = hours("Europe/London", true, &[], &[]);
    let cases: &[(Option<&Hours>, &str, &str, &str)] = &[
        (
            Some(&office),
            "2026-07-01T06:00:00Z",
            "Opens at 10:00",
            "Darbu sāks plkst. 10:00",
        ),
        (
            Some(&office),
            "2026-07-01T08:00:00Z",
            "Closes at 18:00",
            "Strādā līdz plkst. 18:00",
        ),
        (
            Some(&office),
            "2026-07-03T16:00:00Z",
            "Opens Monday at 10:00",
            "Darbu sāks pirmdien plkst. 10:00",
        ),
        (
            Some(&night),
            "2026-07-01T20:00:00Z",
            "Closes at 07:00",
            "Strādā līdz plkst. 07:00",
        ),
        (
            Some(&always),
            "2026-07-01T20:00:00Z",
            "Always available, day and night",
            "Strādā visu diennakti, katru dienu",
        ),
        (
            None,
            "2026-07-01T20:00:00Z",
            "Opening hours not confirmed — call to check",
            "",
        ),
    ];
    let riga = TimeZone::get("Europe/Riga").expect("tz");
    for (h, now, en, lv) in cases {
        let now: Timestamp = now.parse().expect("timestamp");
        let schedule = h.map(|h| Schedule::parse(h).expect("valid"));
        let (id, args) = state(schedule.as_ref(), now, &riga).message(now);
        let args: Vec<(&str, compass_i18n::Arg)> =
            args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
        assert_eq!(
            localizer.format("en", id, &args).text,
            *en,
            "{h:?} at {now}"
        );
        let lv_text = localizer.format("lv", id, &args).text;
        assert!(
            lv.is_empty() || lv_text == *lv,
            "{h:?} at {now} in lv: {lv_text:?}"
        );
        assert_ne!(lv_text, *en, "{id} is translated into Latvian");
    }
}
