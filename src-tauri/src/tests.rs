use tauri::Url;

use crate::command_names::COMMANDS;
use crate::config::{Cli, Settings};
use crate::session::allowed;

#[test]
fn the_capability_grants_exactly_the_commands() {
    let text = include_str!("../capabilities/kiosk.json");
    let capability: serde_json::Value = serde_json::from_str(text).expect("capability JSON");
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a permission name"))
        .collect();
    let expected: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(granted, expected);
}

#[test]
fn the_csp_allows_no_remote_origin() {
    let config: serde_json::Value =
        serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json");
    let csp = config["app"]["security"]["csp"].as_object().expect("csp");
    for (directive, sources) in csp {
        let sources = sources.as_str().expect("sources");
        for source in sources.split_whitespace() {
            let ok = matches!(
                source,
                "'self'" | "'none'" | "data:" | "ipc:" | "attachment:"
            ) || source.ends_with(".localhost");
            assert!(ok, "{directive}: {source}");
        }
    }
    assert_eq!(csp["script-src"], "'self'");
}

#[test]
fn only_the_app_itself_can_be_navigated_to() {
    for (url, expect) in [
        ("tauri://localhost/index.html", true),
        ("tauri://localhost/index.html?session=3#neutral", true),
        ("http://tauri.localhost/index.html", true),
        ("attachment://localhost/00ff", true),
        ("about:blank", true),
        ("https://example.org/", false),
        ("http://localhost:8080/", false),
        ("tauri://evil.example/", false),
        ("file:///etc/passwd", false),
        ("javascript:alert(1)", false),
        ("data:text/html,<script>alert(1)</script>", false),
        ("about:config", false),
    ] {
        let parsed = Url::parse(url).expect(url);
        assert_eq!(allowed(&parsed), expect, "{url}");
    }
}

fn settings(args: &[&str], file: Option<&str>) -> anyhow::Result<Settings> {
    use clap::Parser;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kiosk.toml");
    if let Some(text) = file {
        std::fs::write(&path, text).expect("write kiosk.toml");
    }
    let cli = Cli::try_parse_from(std::iter::once("safety-compass").chain(args.iter().copied()))
        .expect("command line");
    Settings::load(&cli, &path)
}

#[test]
fn settings_come_from_the_file_then_the_command_line() {
    let file =
        "mode = \"staff\"\ncountry = \"ee\"\ndefault_locale = \"et\"\nidle_timeout_secs = 30\n";
    let from_file = settings(&[], Some(file)).expect("settings");
    assert!(from_file.staff);
    assert_eq!(from_file.country, "EE");
    assert_eq!(from_file.default_locale, "et");
    assert_eq!(from_file.idle_timeout_secs, 30);
    assert_eq!(from_file.idle_countdown_secs, 20);
    let overridden = settings(
        &["--kiosk", "--country", "uk", "--locale", "ru"],
        Some(file),
    )
    .expect("settings");
    assert!(!overridden.staff);
    assert_eq!(overridden.country, "GB");
    assert_eq!(overridden.default_locale, "ru");
    let defaults = settings(&[], None).expect("defaults");
    assert!(!defaults.staff);
    assert_eq!(defaults.locales, ["lv", "et", "en", "ru", "uk"]);
}

#[test]
fn bad_settings_are_clear_errors() {
    for (args, file, needle) in [
        (&[][..], Some("mode = \"kiosk\""), "mode"),
        (&[][..], Some("colour = \"red\""), "not a valid kiosk.toml"),
        (&["--locale", "de"][..], None, "not one of the locales"),
        (&["--country", "Latvia"][..], None, "country"),
        (&["--idle-timeout", "0"][..], None, "at least one second"),
        (&[][..], Some("locales = []"), "at least one language"),
        (
            &[][..],
            Some("update_url = \"http://updates.example.org/\""),
            "plain http",
        ),
        (
            &[][..],
            Some("update_url = \"ftp://example.org/\""),
            "update_url",
        ),
        (&[][..], Some("update_interval_minutes = 0"), "at least 1"),
    ] {
        let error = settings(args, file).expect_err(needle);
        assert!(format!("{error:#}").contains(needle), "{error:#}");
    }
}

#[test]
fn update_settings_and_headless_commands_parse() {
    let file = "update_url = \"https://updates.example.org/compass\"\nupdate_interval_minutes = 15\nusb_roots = [\"/srv/usb\"]\n";
    let set = settings(&[], Some(file)).expect("settings");
    assert_eq!(
        set.update_url.as_deref(),
        Some("https://updates.example.org/compass")
    );
    assert_eq!(set.update_interval.as_secs(), 15 * 60);
    assert_eq!(set.usb_roots, [std::path::PathBuf::from("/srv/usb")]);
    let defaults = settings(&[], None).expect("defaults");
    assert_eq!(defaults.update_interval.as_secs(), 3600);
    assert_eq!(defaults.usb_roots.len(), 3);

    use clap::Parser;
    let cli = Cli::try_parse_from([
        "safety-compass",
        "update",
        "--source",
        "/media/x/safety-compass",
        "--data-dir",
        "/tmp/d",
    ])
    .expect("update parses");
    assert!(matches!(
        cli.command,
        Some(crate::config::Headless::Update { .. })
    ));
    assert_eq!(
        cli.data_dir.as_deref(),
        Some(std::path::Path::new("/tmp/d"))
    );
    for args in [
        &["safety-compass", "status"][..],
        &["safety-compass", "rollback", "--data-dir", "/d"][..],
    ] {
        assert!(
            Cli::try_parse_from(args).expect("parses").command.is_some(),
            "{args:?}"
        );
    }
    assert!(
        Cli::try_parse_from(["safety-compass", "update"]).is_err(),
        "update needs --source"
    );
}

#[test]
fn the_data_folder_is_named_for_the_app_identifier() {
    let config: serde_json::Value =
        serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json");
    assert_eq!(config["identifier"], crate::IDENTIFIER);
}
