//! Negotiating the fallback chain.

use crate::shipped;

#[test]
fn negotiate() {
    let localizer = shipped();
    #[track_caller]
    fn check(localizer: &compass_i18n::Localizer, requested: &[&str], expect: &[&str]) {
        assert_eq!(localizer.negotiate(requested), expect, "{requested:?}");
    }
    check(&localizer, &["lv-LV"], &["lv", "en"]);
    check(&localizer, &["lv"], &["lv", "en"]);
    check(&localizer, &["uk-UA"], &["uk", "en"]);
    check(&localizer, &["ru"], &["ru", "en"]);
    check(&localizer, &["et-EE"], &["et", "en"]);
    check(&localizer, &["de"], &["en"]);
    check(&localizer, &["en-GB"], &["en"]);
    check(&localizer, &["en"], &["en"]);
    // English is the end of the chain: nothing after it.
    check(&localizer, &["en", "lv"], &["en"]);
    check(&localizer, &["de-AT", "ru-RU", "lv"], &["ru", "lv", "en"]);
    check(&localizer, &["et-EE", "et"], &["et", "en"]);
    check(&localizer, &["LV"], &["lv", "en"]);
    check(&localizer, &["lv_LV.UTF-8"], &["lv", "en"]);
    // Garbage and nothing.
    check(&localizer, &[], &["en"]);
    check(&localizer, &[""], &["en"]);
    check(&localizer, &["!!"], &["en"]);
    check(&localizer, &["*"], &["en"]);
    check(&localizer, &["lv-!!"], &["en"]);
    check(&localizer, &["  ", "\u{0}", "x-private"], &["en"]);
    check(&localizer, &["!!", "uk"], &["uk", "en"]);
}

#[test]
fn locales_are_the_launch_set_sorted() {
    let mut expect: Vec<String> = compass_i18n::LAUNCH_LOCALES
        .iter()
        .map(|tag| (*tag).to_owned())
        .collect();
    expect.sort();
    assert_eq!(shipped().locales(), expect);
    assert!(compass_i18n::LAUNCH_LOCALES.contains(&compass_i18n::REFERENCE_LOCALE));
}
