/// Every app command the UI may call; the build script makes a permission of each, and
/// `capabilities/kiosk.json` grants them one by one.
pub const COMMANDS: &[&str] = &[
    "kiosk_info",
    "ui_strings",
    "home",
    "services",
    "service",
    "events",
    "reports",
    "articles",
    "article",
    "selfchecks",
    "search",
    "referral",
    "about",
    "qr",
    "activity",
    "idle_phase",
    "key",
    "quick_exit",
];
