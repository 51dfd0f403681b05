//! Property tests: formatting never panics, whatever the sources, ids, locales and arguments.

use compass_i18n::{Arg, Localizer};
use proptest::prelude::*;

use crate::shipped;

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a = A\n".to_owned()),
        Just(
            "b = { $n ->\n [zero] z\n [one] one\n [few] f\n *[other] other { $n }\n}\n".to_owned()
        ),
        Just("c = { b } { a.attr } { -t }\n    .attr = x { $s }\n".to_owned()),
        Just("-t = { $case ->\n *[nom] T\n}\nd = { -t(case: \"nom\") }\n".to_owned()),
        Just(
            "e = { NUMBER($n, minimumFractionDigits: 99) ->\n [one] a\n *[other] b\n}\n".to_owned()
        ),
        Just(
            "f = { NUMBER($n, minimumFractionDigits: 2) ->\n [one] a\n *[other] b\n}\n".to_owned()
        ),
        Just("g = { 1.000000000000000000000 ->\n [one] a\n *[other] b\n}\n".to_owned()),
        Just("h = { 99999999999999999999999 ->\n [one] a\n *[other] b\n}\n".to_owned()),
        Just("i = { i }{ j }\nj = { i }\n".to_owned()),
        Just("k = { $n ->\n [1.5] x\n *[other] y\n}\n".to_owned()),
        Just("{{{{".to_owned()),
        Just("}\n".to_owned()),
        Just("\n".to_owned()),
        "[a-k] ?= ?[a-z {}$*\\[\\]0-9.-]{0,16}\n",
    ]
}

fn ftl_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-k{}$*\\[\\]=. \n#\"\\\\(),0-9:-]{0,200}",
        prop::collection::vec(fragment(), 0..12).prop_map(|parts| parts.concat()),
    ]
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-k]",
        Just("c.attr".to_owned()),
        Just("search-results".to_owned()),
        Just("hours-opens-on".to_owned()),
        any::<String>(),
    ]
}

fn arg() -> impl Strategy<Value = Arg> {
    prop_oneof![
        any::<f64>().prop_map(Arg::Num),
        (-1e7_f64..1e7).prop_map(Arg::Num),
        any::<i64>().prop_map(Arg::from),
        any::<String>().prop_map(Arg::Str),
    ]
}

fn args() -> impl Strategy<Value = Vec<(String, Arg)>> {
    prop::collection::vec(
        (
            prop_oneof!["n", "s", "case", "count", "day", ".{0,4}"],
            arg(),
        ),
        0..4,
    )
}

fn locale() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("lv".to_owned()),
        Just("ru-RU".to_owned()),
        Just("en".to_owned()),
        any::<String>()
    ]
}

proptest! {
    #[test]
    fn format_never_panics(en in ftl_text(), lv in ftl_text(), id in id(), locale in locale(), args in args()) {
        let Ok(localizer) = Localizer::from_sources([("en", en.as_str()), ("lv", lv.as_str())]) else {
            return Err(TestCaseError::fail("en and lv are valid tags"));
        };
        let args: Vec<(&str, Arg)> = args.iter().map(|(name, value)| (name.as_str(), value.clone())).collect();
        let formatted = localizer.format(&locale, &id, &args);
        prop_assert!(formatted.locale == "en" || formatted.locale == "lv");
        for known in ["a", "b", "c", "c.attr", "d", "e", "f", "g", "h", "i", "j", "k"] {
            let formatted = localizer.format(&locale, known, &args);
            prop_assert!(formatted.locale == "en" || formatted.locale == "lv");
        }
        let _ = localizer.messages(&locale);
    }

    #[test]
    fn shipped_format_never_panics(id in id(), locale in locale(), args in args()) {
        let args: Vec<(&str, Arg)> = args.iter().map(|(name, value)| (name.as_str(), value.clone())).collect();
        let formatted = shipped().format(&locale, &id, &args);
        prop_assert!(compass_i18n::LAUNCH_LOCALES.contains(&formatted.locale.as_str()));
    }

    #[test]
    fn negotiation_always_ends_with_english(requested in prop::collection::vec(".{0,12}", 0..4)) {
        let requested: Vec<&str> = requested.iter().map(String::as_str).collect();
        let chain = shipped().negotiate(&requested);
        prop_assert_eq!(chain.last().map(String::as_str), Some("en"));
        prop_assert_eq!(chain.iter().filter(|tag| *tag == "en").count(), 1);
    }
}
