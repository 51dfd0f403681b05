//! End-to-end tests of the real app in WebKitGTK, through tauri-driver and WebKitWebDriver. Run by
//! `cargo xtask test` under Xvfb; see `e2e/lib.rs` for what they need.

use std::path::Path;
use std::time::Duration;

use e2e::{App, Launch, build_content, build_hostile_content, copy_dir, root, snapshot};
use serde_json::json;

const LOCALES: [&str; 5] = ["lv", "et", "en", "ru", "uk"];

/// Escape and Shift as WebDriver key codes.
const ESCAPE: &str = "\u{E00C}";
const SHIFT: &str = "\u{E008}";

fn seed_content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("content dir");
    build_content(&root().join("resources/content"), dir.path());
    dir
}

async fn start(content: &Path, args: &[&str]) -> App {
    App::start(Launch {
        content: Some(content.to_owned()),
        args: args.iter().map(|a| (*a).to_owned()).collect(),
    })
    .await
}

async fn choose_locale(app: &App, locale: &str) {
    // The languages are behind the header's one language control.
    app.click("#language-menu").await;
    app.click(&format!("button[data-locale='{locale}']")).await;
    app.wait_until(
        &format!("lang {locale}"),
        &format!("return document.documentElement.lang === {locale:?};"),
    )
    .await;
}

async fn search_box_value(app: &App) -> String {
    app.js("const s = document.querySelector('#search'); return s ? s.value : null;")
        .await
        .as_str()
        .expect("a search box on the home screen")
        .to_owned()
}

/// The visitor journey, in every locale: choose the language, search, open a helpline, see its QR code,
/// go back home.
#[tokio::test(flavor = "current_thread")]
async fn visitor_journey_in_every_locale() {
    let content = seed_content();
    let app = start(content.path(), &["--country", "LV"]).await;
    for locale in LOCALES {
        choose_locale(&app, locale).await;
        app.type_into("#search", "dros").await;
        app.wait_screen("search").await;
        app.wait_until(
            "a helpline among the results",
            "return document.querySelectorAll('#search-results [data-kind=\"service\"]').length > 0;",
        )
        .await;
        app.click("#search-results [data-kind='service']").await;
        app.wait_screen("service").await;
        app.wait_until(
            "a QR code",
            "const q = document.querySelector('img.qr'); return !!q && q.complete && q.naturalWidth > 0 && q.src.startsWith('data:image/svg+xml');",
        )
        .await;
        let alt = app.js("return document.querySelector('img.qr').alt;").await;
        assert!(
            alt.as_str()
                .is_some_and(|a| a.starts_with("tel:") || a.starts_with("sms:")),
            "{locale}: QR alt {alt}"
        );
        assert_eq!(
            app.js("return document.documentElement.lang;").await,
            json!(locale)
        );
        app.click("#home").await;
        app.wait_screen("home").await;
    }
    app.quit().await;
}

/// A search that finds nothing still leaves the visitor with numbers to call; one with a word that
/// matches nothing shows what the other words find and says so.
#[tokio::test(flavor = "current_thread")]
async fn a_search_that_finds_nothing_offers_the_countrys_numbers() {
    let content = seed_content();
    let app = start(content.path(), &["--country", "LV"]).await;
    choose_locale(&app, "en").await;
    app.type_into("#search", "xyzzyq").await;
    app.wait_screen("search").await;
    app.wait_until(
        "the country's numbers under a heading",
        "const help = document.getElementById('search-help');
         return !!help && !help.hidden && help.querySelectorAll('.card-list li').length > 0
           && help.querySelector('h2').textContent === 'You can call these numbers:';",
    )
    .await;
    assert_eq!(
        app.js("return document.querySelectorAll('#search-results li').length;")
            .await,
        json!(0)
    );
    app.type_into("#search", " police").await;
    app.wait_until(
        "hits for the other word, with a line that says so",
        "const partial = document.getElementById('search-partial');
         return !!partial && !partial.hidden
           && partial.textContent === 'No entry has all of these words. These have some of them.'
           && document.querySelectorAll('#search-results li').length > 0
           && document.getElementById('search-help').hidden;",
    )
    .await;
    app.quit().await;
}

/// Quick exit by the button, by Esc and by Shift three times: a neutral screen at once, then a fresh
/// home screen with an empty search box.
#[tokio::test(flavor = "current_thread")]
async fn quick_exit_leaves_a_neutral_screen_then_a_fresh_home() {
    let content = seed_content();
    let app = start(content.path(), &[]).await;
    for how in ["button", "escape", "shift"] {
        println!("quick exit by {how}");
        choose_locale(&app, "en").await;
        app.type_into("#search", "trafficking").await;
        app.wait_screen("search").await;
        app.mark_document().await;
        match how {
            "button" => app.click("#quick-exit").await,
            "escape" => app.press(ESCAPE).await,
            _ => {
                for _ in 0..3 {
                    app.press(SHIFT).await;
                }
            }
        }
        app.wait_screen("neutral").await;
        // Proven visible: the neutral screen is what is under every point of the window (asked until
        // true, as the old document may be giving way to the new one, which shows it again).
        app.wait_until(
            &format!("{how}: the neutral screen covering the window"),
            "const n = document.getElementById('neutral'); const w = innerWidth, h = innerHeight; \
             const points = [[1,1],[w/2,1],[w-2,1],[1,h/2],[w/2,h/2],[w-2,h/2],[1,h-2],[w/2,h-2],[w-2,h-2]]; \
             return !!n && !n.hidden && points.every(([x, y]) => n.contains(document.elementFromPoint(x, y)));",
        )
        .await;
        let text = app.text().await.to_lowercase();
        for word in ["traffick", "help", "hotline", "exit"] {
            assert!(
                !text.contains(word),
                "{how}: neutral screen says {word:?}: {text}"
            );
        }
        // Then a new document: the old page is gone, and the neutral screen waits for a touch.
        app.leave_neutral().await;
        assert_eq!(
            search_box_value(&app).await,
            "",
            "{how}: search box not empty"
        );
        let lang = app.js("return document.documentElement.lang;").await;
        assert_eq!(
            lang,
            json!("lv"),
            "{how}: a fresh session starts in the default language"
        );
    }
    app.quit().await;
}

/// After the configured idle time and countdown, everything is cleared.
#[tokio::test(flavor = "current_thread")]
async fn idle_reset_clears_everything() {
    let content = seed_content();
    let app = start(
        content.path(),
        &["--idle-timeout", "3", "--idle-countdown", "3"],
    )
    .await;
    choose_locale(&app, "ru").await;
    app.type_into("#search", "drošā").await;
    app.wait_screen("search").await;
    app.mark_document().await;
    app.wait_until(
        "the still-there dialog",
        "const d = document.querySelector('[role=alertdialog]'); return !!d && d.getClientRects().length > 0;",
    )
    .await;
    app.wait_new_document().await;
    app.wait_screen("home").await;
    assert_eq!(search_box_value(&app).await, "");
    assert_eq!(
        app.js("return document.documentElement.lang;").await,
        json!("lv")
    );
    assert_eq!(app.js("return history.length <= 2;").await, json!(true));
    app.quit().await;
}

/// Clicking a link to the outside world shows a QR code and navigates nowhere; a script that tries
/// to leave is cancelled too.
#[tokio::test(flavor = "current_thread")]
async fn external_links_do_not_navigate() {
    // The fictional fixture has an article with outside links (the seed's articles have none).
    let content = tempfile::tempdir().expect("content dir");
    build_content(
        &root().join("crates/compass-content/tests/fixtures/mini"),
        content.path(),
    );
    let app = start(content.path(), &[]).await;
    choose_locale(&app, "en").await;
    let before = app.client.current_url().await.expect("url");
    app.click("[data-nav='articles']").await;
    app.wait_screen("articles").await;
    let clicked = open_link_qr(&app).await;
    assert!(clicked, "no article has an outside link to test with");
    let after = app.client.current_url().await.expect("url");
    assert_eq!(
        (before.scheme(), before.host_str()),
        (after.scheme(), after.host_str())
    );
    // The app itself refuses navigation away, whoever asks for it.
    app.js("location.href = 'https://example.org/'; return true;")
        .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let now = app.client.current_url().await.expect("url");
    assert_eq!(now.scheme(), before.scheme(), "navigated to {now}");
    assert!(app.screen().await.is_some());
    app.js("window.open('https://example.org/'); return true;")
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let windows = app.client.windows().await.expect("windows");
    assert_eq!(windows.len(), 1, "a new window was opened");
    app.quit().await;
}

/// From the articles list: opens each article until one has an outside link, taps the link and waits
/// for its QR dialog. False when no article has one.
async fn open_link_qr(app: &App) -> bool {
    let count = app
        .js("return document.querySelectorAll('#main button[data-id]').length;")
        .await
        .as_u64()
        .unwrap_or(0);
    for index in 0..count {
        app.js(&format!(
            "document.querySelectorAll('#main button[data-id]')[{index}].click(); return true;"
        ))
        .await;
        app.wait_screen("article").await;
        let has_link = app
            .js("return !!document.querySelector('#main a[href^=\"https:\"]');")
            .await;
        if has_link == json!(true) {
            app.click("#main a[href^='https:']").await;
            app.wait_until(
                "a QR code for the link",
                "return !!document.querySelector('[role=dialog] img.qr');",
            )
            .await;
            return true;
        }
        app.click("#back").await;
        app.wait_screen("articles").await;
    }
    false
}

/// Switching the language changes every visible UI string.
#[tokio::test(flavor = "current_thread")]
async fn locale_switch_changes_every_visible_string() {
    let content = seed_content();
    let app = start(content.path(), &[]).await;
    let info = app.invoke("kiosk_info", json!({})).await;
    let own_names: Vec<String> = info["locales"]
        .as_array()
        .expect("locales")
        .iter()
        .filter_map(|l| l["own_name"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(own_names.len(), LOCALES.len());
    let mut compared = 0;
    for screen in ["home", "hotlines", "about"] {
        let mut previous: Option<(String, serde_json::Map<String, serde_json::Value>)> = None;
        for locale in LOCALES {
            choose_locale(&app, locale).await;
            if screen != "home" {
                app.click(&format!("[data-nav='{screen}']")).await;
            }
            app.wait_screen(screen).await;
            let text = app.text().await;
            let strings = app.invoke("ui_strings", json!({ "locale": locale })).await;
            let messages = strings["messages"].as_object().cloned().unwrap_or_default();
            if let Some((old_text, old_messages)) = &previous {
                for (id, old) in old_messages {
                    let Some(old) = old.as_str() else { continue };
                    let new = messages
                        .get(id)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default();
                    // Language names are shown in their own language on every screen, by design
                    // (so "Eesti" stays, whether it is the language or the country).
                    if own_names.iter().any(|name| name == old) {
                        continue;
                    }
                    // A message shown before that reads differently now must be gone.
                    if old.len() > 3 && !old.contains("{ $") && old != new && old_text.contains(old)
                    {
                        compared += 1;
                        assert!(
                            !text.contains(old),
                            "{screen} in {locale}: {id} still reads {old:?}"
                        );
                    }
                }
            }
            previous = Some((text, messages));
            app.click("#home").await;
            app.wait_screen("home").await;
        }
    }
    // Three screens, four switches each: every one compared the strings shown before it.
    println!("locale switch: {compared} visible strings compared across switches");
    assert!(
        compared >= 3 * 4 * 5,
        "only {compared} strings were compared: the check saw almost nothing"
    );
    app.quit().await;
}

/// After a full visit (a language, a search, a service with its QR codes, the self-check answered,
/// reports), a quick exit and the app's end — and separately a referral sheet in staff mode — no file
/// under the app's data, cache, config and state folders or its content differs from before.
#[tokio::test(flavor = "current_thread")]
async fn a_visit_leaves_no_file_behind() {
    let content = seed_content();
    let app = start(content.path(), &[]).await;
    let before = snapshot(&[app.home.path(), content.path()]);
    assert!(!before.is_empty(), "the content at least is there");
    choose_locale(&app, "uk").await;
    app.type_into("#search", "допомога").await;
    app.wait_screen("search").await;
    app.click("#home").await;
    app.wait_screen("home").await;
    app.click("[data-nav='hotlines']").await;
    app.wait_screen("hotlines").await;
    app.click("#main [data-id]").await;
    app.wait_screen("service").await;
    app.wait_until(
        "a QR code",
        "return !!document.querySelector('#main img.qr');",
    )
    .await;
    app.click("#home").await;
    app.wait_screen("home").await;
    app.click("[data-nav='selfcheck']").await;
    app.wait_screen("selfcheck").await;
    app.click("#main input[type=radio][value=yes]").await;
    app.click("#main .selfcheck-submit").await;
    app.wait_until(
        "the self-check's answer",
        "const r = document.querySelector('#main .selfcheck-result'); return !!r && r.textContent.length > 0;",
    )
    .await;
    app.click("#home").await;
    app.wait_screen("home").await;
    app.click("[data-nav='reports']").await;
    app.wait_screen("reports").await;
    app.mark_document().await;
    app.click("#quick-exit").await;
    app.leave_neutral().await;
    app.end().await;
    let after = snapshot(&[app.home.path(), content.path()]);
    assert_unchanged("a visit", &before, &after);

    // Staff mode, separately: a referral sheet for a person.
    let staff = start(content.path(), &["--staff"]).await;
    let before = snapshot(&[staff.home.path(), content.path()]);
    staff.click("[data-nav='referral']").await;
    staff.wait_screen("referral").await;
    staff
        .js("const s = document.querySelector('#referral-nationality'); s.value = s.options[s.options.length - 1].value; return true;")
        .await;
    staff.click("#referral-show").await;
    staff
        .wait_until(
            "the referral sheet",
            "return !!document.querySelector('#referral-sheet dl, #referral-sheet .card');",
        )
        .await;
    staff.end().await;
    let after = snapshot(&[staff.home.path(), content.path()]);
    assert_unchanged("a referral in staff mode", &before, &after);
}

/// Fails when a file differs between the snapshots. Mesa's GPU shader cache (~/.cache/mesa_shader_cache)
/// is set aside by name: it is the graphics driver's, shared by every program, and holds compiled
/// shaders, not what was on the screen.
fn assert_unchanged(
    what: &str,
    before: &std::collections::BTreeMap<std::path::PathBuf, String>,
    after: &std::collections::BTreeMap<std::path::PathBuf, String>,
) {
    let changed: Vec<String> = after
        .iter()
        .filter(|(path, hash)| before.get(*path) != Some(*hash))
        .map(|(path, _)| path.display().to_string())
        .chain(
            before
                .keys()
                .filter(|path| !after.contains_key(*path))
                .map(|path| format!("removed {}", path.display())),
        )
        .collect();
    let (shader_cache, changed): (Vec<String>, Vec<String>) = changed
        .into_iter()
        .partition(|path| path.contains("/cache/mesa_shader_cache/"));
    println!(
        "privacy, {what}, compared after the app ended: {} files, {} changed (set aside: {} GPU shader cache entries)",
        before.len().max(after.len()),
        changed.len(),
        shader_cache.len(),
    );
    assert!(changed.is_empty(), "files changed by {what}: {changed:#?}");
}

/// `<script>`, `onerror=` and `javascript:` in every text field render as text and run nothing.
#[tokio::test(flavor = "current_thread")]
async fn hostile_content_runs_nothing() {
    let content = tempfile::tempdir().expect("content dir");
    build_hostile_content(content.path());
    let app = start(content.path(), &["--staff"]).await;
    choose_locale(&app, "en").await;
    let mut screens_checked = 0;
    for nav in [
        "hotlines",
        "programmes",
        "events",
        "reports",
        "articles",
        "selfcheck",
        "about",
    ] {
        app.click(&format!("[data-nav='{nav}']")).await;
        app.wait_screen(nav).await;
        if nav == "hotlines" || nav == "articles" {
            app.click("#main [data-id]").await;
            app.wait_screen(if nav == "hotlines" {
                "service"
            } else {
                "article"
            })
            .await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let pwned = app.js("return window.__pwned || null;").await;
        assert_eq!(pwned, json!(null), "{nav}: hostile content ran");
        let scripts = app
            .js("return document.querySelectorAll('script:not([src]), [onerror], a[href^=\"javascript:\"]').length;")
            .await;
        assert_eq!(scripts, json!(0), "{nav}: hostile markup reached the DOM");
        let text = app.text().await;
        if nav != "about" {
            assert!(
                text.contains("<script>") || text.contains("window.__pwned"),
                "{nav}: payload not shown as text"
            );
        }
        screens_checked += 1;
        app.click("#home").await;
        app.wait_screen("home").await;
    }
    app.type_into("#search", "script").await;
    app.wait_screen("search").await;
    assert_eq!(app.js("return window.__pwned || null;").await, json!(null));
    println!("hostile content: {screens_checked} screens checked, nothing ran");
    app.quit().await;
}

/// Every screen in every locale: axe-core finds no serious or critical violation, and a screenshot
/// is written for people to look at.
#[tokio::test(flavor = "current_thread")]
async fn every_screen_in_every_locale_is_accessible() {
    let content = seed_content();
    let app = start(content.path(), &["--staff"]).await;
    let mut problems = Vec::new();
    let mut runs = 0;
    for locale in LOCALES {
        choose_locale(&app, locale).await;
        let mut check = async |name: &str| {
            let violations = app.axe().await;
            runs += 1;
            app.screenshot(&format!("{locale}-{name}")).await;
            problems.extend(
                violations
                    .into_iter()
                    .map(|v| format!("{locale} {name}: {v}")),
            );
        };
        check("home").await;
        for nav in [
            "hotlines",
            "programmes",
            "events",
            "reports",
            "articles",
            "selfcheck",
            "referral",
            "about",
        ] {
            app.click(&format!("[data-nav='{nav}']")).await;
            app.wait_screen(nav).await;
            check(nav).await;
            if nav == "hotlines" {
                app.click("#main [data-id]").await;
                app.wait_screen("service").await;
                check("service").await;
                assert_eq!(
                    app.js("return !!document.querySelector('#print-card');")
                        .await,
                    json!(true),
                    "{locale}: staff mode prints the small card"
                );
            }
            if nav == "articles" {
                app.click("#main [data-id]").await;
                app.wait_screen("article").await;
                check("article").await;
            }
            app.click("#home").await;
            app.wait_screen("home").await;
        }
        app.type_into("#search", "112").await;
        app.wait_screen("search").await;
        check("search").await;
        app.click("#home").await;
        app.wait_screen("home").await;
    }
    println!(
        "axe-core: {runs} runs, {} serious or critical violations; screenshots in {}",
        problems.len(),
        e2e::screenshot_dir().display()
    );
    assert!(problems.is_empty(), "{problems:#?}");
    app.quit().await;
}

/// axe-core on what a visitor meets in visitor mode — home with the exit bar, a service with its QR
/// codes, an outside link's QR dialog, the idle countdown and the neutral screen — in every locale.
/// (Report files and printing are staff-mode features, so visitor mode has no viewer to check.)
#[tokio::test(flavor = "current_thread")]
async fn visitor_screens_and_dialogs_are_accessible_in_every_locale() {
    // The fictional fixture: services, and an article with outside links (the seed's have none).
    let content = tempfile::tempdir().expect("content dir");
    build_content(
        &root().join("crates/compass-content/tests/fixtures/mini"),
        content.path(),
    );
    let app = start(
        content.path(),
        &["--idle-timeout", "6", "--idle-countdown", "120"],
    )
    .await;
    let mut problems = Vec::new();
    let mut checked: Vec<String> = Vec::new();
    for locale in LOCALES {
        choose_locale(&app, locale).await;
        let mut check = async |name: &str| {
            let violations = app.axe().await;
            app.screenshot(&format!("visitor-{locale}-{name}")).await;
            checked.push(format!("{locale} {name}"));
            problems.extend(
                violations
                    .into_iter()
                    .map(|v| format!("{locale} {name}: {v}")),
            );
        };
        check("home").await;
        app.click("[data-nav='hotlines']").await;
        app.wait_screen("hotlines").await;
        app.click("#main [data-id]").await;
        app.wait_screen("service").await;
        check("service").await;
        // Printing opens a system dialog: no print button for a visitor.
        assert_eq!(
            app.js("return !!document.querySelector('#print-card');")
                .await,
            json!(false),
            "{locale}: a print button in visitor mode"
        );
        app.click("#home").await;
        app.wait_screen("home").await;
        app.click("[data-nav='articles']").await;
        app.wait_screen("articles").await;
        if open_link_qr(&app).await {
            check("qr-dialog").await;
            app.click("[role=dialog] .dialog-close").await;
        }
        app.click("#home").await;
        app.wait_screen("home").await;
        // Six quiet seconds: "still there?".
        app.wait_until(
            "the idle dialog",
            "return !!document.querySelector('[role=alertdialog]');",
        )
        .await;
        check("idle-dialog").await;
        app.click("[role=alertdialog] button").await;
        app.mark_document().await;
        app.click("#quick-exit").await;
        app.wait_new_document().await;
        app.wait_screen("neutral").await;
        check("neutral").await;
        app.leave_neutral_here().await;
    }
    println!(
        "axe-core, visitor mode: {} runs ({}), {} serious or critical violations",
        checked.len(),
        ["home", "service", "qr-dialog", "idle-dialog", "neutral"].join(", "),
        problems.len()
    );
    assert_eq!(
        checked.len(),
        LOCALES.len() * 5,
        "a screen or dialog was not reached: {checked:?}"
    );
    assert!(problems.is_empty(), "{problems:#?}");
    app.quit().await;
}

/// A publisher's repository with the seed as version 1, and a first-boot folder made of it (the
/// repository and its root), as a package carries. Returns the repository, its folder and the
/// first-boot folder.
async fn signed_first_boot(
    dir: &Path,
) -> (compass_update::Repo, std::path::PathBuf, std::path::PathBuf) {
    use compass_update::{Repo, RepoConfig};
    let repo_dir = dir.join("repo");
    let repo = Repo::new(&repo_dir, &dir.join("keys")).expect("repo");
    repo.init(&RepoConfig::default()).await.expect("init");
    build_content(&root().join("resources/content"), &dir.join("v1"));
    repo.publish(&dir.join("v1"), &mut |_| {})
        .await
        .expect("publish v1");
    let first_boot = dir.join("first-boot");
    copy_dir(&repo_dir, &first_boot.join("repository"));
    std::fs::copy(
        repo_dir.join("metadata/1.root.json"),
        first_boot.join("root.json"),
    )
    .expect("root");
    (repo, repo_dir, first_boot)
}

async fn about_hash(app: &App) -> String {
    app.click("[data-nav='about']").await;
    app.wait_screen("about").await;
    app.wait_until(
        "the content hash",
        "return !!document.querySelector('.hash');",
    )
    .await;
    app.js("return document.querySelector('.hash').textContent;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn open_admin(app: &App) {
    if app.screen().await.as_deref() != Some("about") {
        app.click("[data-nav='about']").await;
        app.wait_screen("about").await;
    }
    for _ in 0..5 {
        app.click("main[data-screen='about'] h1").await;
    }
    app.wait_screen("admin").await;
    app.wait_until(
        "the PIN form, the panel or the notice that no PIN is set",
        "return !!document.querySelector('#admin-pin, #admin-facts, main[data-screen=\\'admin\\'] .notice');",
    )
    .await;
}

/// `safety-compass set-pin` on a kiosk's data folder, as an operator runs it.
fn set_pin(data_dir: &std::path::Path, pin: &str) {
    use std::io::Write as _;
    let mut child = std::process::Command::new(e2e::app_binary())
        .arg("set-pin")
        .arg("--data-dir")
        .arg(data_dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("safety-compass set-pin");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{pin}\n{pin}\n").as_bytes())
        .expect("write the PIN");
    assert!(child.wait().expect("set-pin").success(), "set-pin failed");
}

async fn admin_row(app: &App, index: usize) -> String {
    let script = format!(
        "const d = document.querySelectorAll('#admin-facts dd')[{index}]; return d ? d.textContent : '';"
    );
    app.js(&script)
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// First boot installs signed content; a USB stick with a newer signed version is imported and
/// shown at the next idle reset; the admin panel (five taps, a first PIN) shows both versions and
/// rolls back; a wrong PIN is refused.
#[tokio::test(flavor = "current_thread")]
async fn signed_first_boot_usb_update_and_the_admin_panel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (repo, repo_dir, first_boot) = signed_first_boot(dir.path()).await;
    let media = dir.path().join("media");
    std::fs::create_dir_all(&media).expect("media");
    let config = dir.path().join("kiosk.toml");
    std::fs::write(
        &config,
        format!("usb_roots = [{:?}]\n", media.display().to_string()),
    )
    .expect("kiosk.toml");

    let app = App::start(Launch {
        content: None,
        args: [
            "--first-boot",
            &first_boot.display().to_string(),
            "--config",
            &config.display().to_string(),
        ]
        .into_iter()
        .chain([
            "--country",
            "LV",
            "--idle-timeout",
            "4",
            "--idle-countdown",
            "2",
        ])
        .map(str::to_owned)
        .collect(),
    })
    .await;
    app.wait_screen("home").await;
    let first = about_hash(&app).await;
    assert!(
        first.starts_with("sha256:"),
        "first-boot content shown: {first:?}"
    );

    // A newer signed version arrives on a stick; the screen was touched, so it waits for the reset.
    build_hostile_content(&dir.path().join("v2"));
    repo.publish(&dir.path().join("v2"), &mut |_| {})
        .await
        .expect("publish v2");
    copy_dir(&repo_dir, &media.join("STICK/safety-compass"));
    app.mark_document().await;
    app.wait_new_document().await;
    app.wait_screen("home").await;
    let second = about_hash(&app).await;
    assert_ne!(
        first, second,
        "the stick's version is shown after the idle reset"
    );

    // The admin panel: five taps. A visitor cannot set the first PIN: the door only says none is set.
    open_admin(&app).await;
    assert_eq!(
        app.js("return [!!document.querySelector('#admin-pin'), !!document.querySelector('main[data-screen=\\'admin\\'] .notice')];")
            .await,
        json!([false, true]),
        "visitor mode offers no first-PIN form"
    );
    app.click("#home").await;
    app.wait_screen("home").await;
    // An operator sets it (`safety-compass set-pin`); then the PIN opens the panel.
    set_pin(
        &app.home.path().join("data/org.safetycompass.kiosk"),
        "246813",
    );
    open_admin(&app).await;
    app.type_into("#admin-pin", "246813").await;
    app.click("#admin-pin-submit").await;
    app.wait_until(
        "the panel",
        "return !!document.querySelector('#admin-facts');",
    )
    .await;
    assert_eq!(admin_row(&app, 0).await, "2", "content version");
    let text = app.text().await;
    assert!(text.contains("STICK"), "the stick is listed: {text}");
    app.screenshot("admin-panel").await;
    app.click("#admin-rollback").await;
    app.wait_until(
        "the rollback",
        "const d = document.querySelector('#admin-facts dd'); return !!d && d.textContent === '1';",
    )
    .await;
    // Settings: a remote plain-http address is refused, an https one is kept and shown.
    for (url, kept) in [
        ("http://updates.example.org/", false),
        ("https://updates.example.org/compass/", true),
    ] {
        app.js(&format!(
            "const u = document.querySelector('#admin-update-url'); u.value = {url:?}; return true;"
        ))
        .await;
        app.click("#admin-save").await;
        let shown = format!(
            "const f = document.querySelector('#admin-facts'); const s = document.querySelector('#admin-status'); \
             return !!f && !!s && s.textContent.length > 0 && !s.textContent.includes('…') && f.textContent.includes({url:?}) === {kept};"
        );
        app.wait_until(&format!("saving {url}"), &shown).await;
    }
    app.mark_document().await;
    app.click("#admin-close").await;
    app.wait_new_document().await;
    app.wait_screen("home").await;
    assert_eq!(
        about_hash(&app).await,
        first,
        "rolled back to the first-boot version"
    );

    // The PIN is asked for again, and a wrong one is refused.
    open_admin(&app).await;
    app.type_into("#admin-pin", "111111").await;
    app.click("#admin-pin-submit").await;
    app.wait_until("a refusal", "const s = document.querySelector('#admin-pin-status'); return !!s && s.textContent.length > 0;").await;
    assert_eq!(
        app.js("return !!document.querySelector('#admin-facts');")
            .await,
        json!(false)
    );
    app.quit().await;
}

/// The sync task: a kiosk pointed at an update URL fetches a newer signed version by itself and,
/// as nobody is using the screen, shows it at once (a fresh session on the new content).
#[tokio::test(flavor = "current_thread")]
async fn the_sync_task_updates_an_untouched_kiosk_from_its_update_url() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (repo, repo_dir, first_boot) = signed_first_boot(dir.path()).await;
    let port = e2e::serve_folder(repo_dir.clone());
    let config = dir.path().join("kiosk.toml");
    let toml = format!("update_url = \"http://127.0.0.1:{port}/\"\nusb_roots = []\n");
    std::fs::write(&config, toml).expect("kiosk.toml");
    let app = App::start(Launch {
        content: None,
        args: [
            "--first-boot",
            &first_boot.display().to_string(),
            "--config",
            &config.display().to_string(),
        ]
        .into_iter()
        .map(str::to_owned)
        .collect(),
    })
    .await;
    app.wait_screen("home").await;
    let hash = |about: serde_json::Value| {
        about["content_hash"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let first = hash(app.invoke("about", json!({ "locale": "en" })).await);
    assert!(
        first.starts_with("sha256:"),
        "first-boot content: {first:?}"
    );

    build_hostile_content(&dir.path().join("v2"));
    repo.publish(&dir.path().join("v2"), &mut |_| {})
        .await
        .expect("publish v2");
    app.mark_document().await;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while app.js("return window.__e2eOldDocument === true;").await == json!(true) {
        assert!(
            std::time::Instant::now() < deadline,
            "the kiosk did not switch to the new version"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    app.wait_screen("home").await;
    let second = hash(app.invoke("about", json!({ "locale": "en" })).await);
    assert_ne!(first, second, "the new version is shown");
    println!(
        "sync task: fetched version 2 from http://127.0.0.1:{port}/ and showed it on the untouched screen"
    );
    app.quit().await;
}

/// What the layout check measures on the screen shown, as `problem` lines: the page wider than the
/// screen, a control smaller than 48 px, and on a kiosk's home at normal text size a header over 15 %
/// of the height, a number of the country below the fold, or the exit, language or search off screen.
const LAYOUT_PROBLEMS: &str = r#"
const [home, normalText] = arguments;
const problems = [];
const vw = window.innerWidth, vh = window.innerHeight;
if (document.documentElement.scrollWidth > vw + 1) problems.push(`page ${document.documentElement.scrollWidth}px wide on a ${vw}px screen`);
const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
const name = (e) => (e.id ? '#' + e.id : e.tagName.toLowerCase()) + ' "' + (e.innerText || e.value || e.placeholder || '').trim().slice(0, 30) + '"';
for (const e of document.querySelectorAll('button, input, select, textarea, a[href], summary')) {
  if (!visible(e) || e.closest('.prose-html p, .prose-html li, .neutral')) continue;
  // A radio button or check box is touched through its label as well.
  const target = e.type === 'radio' || e.type === 'checkbox' ? e.closest('.radio, .check-field') || e : e;
  const r = target.getBoundingClientRect();
  if (r.height < 47.5 || r.width < 47.5) problems.push(`touch target ${name(e)} ${Math.round(r.width)}x${Math.round(r.height)}px`);
}
if (home && normalText) {
  const top = Math.max(...['header', 'exit-bar'].map((id) => document.getElementById(id).getBoundingClientRect().bottom));
  if (top > 0.15 * vh + 0.5) problems.push(`header ${Math.round(top)}px of ${vh}px (${Math.round(100 * top / vh)} %)`);
  const numbers = document.querySelectorAll('.home-grid .card-number');
  if (numbers.length === 0) problems.push('no numbers on home');
  for (const n of numbers) {
    if (n.getBoundingClientRect().bottom > vh) problems.push(`number ${n.innerText} below the fold (${Math.round(n.getBoundingClientRect().bottom)}px of ${vh}px)`);
  }
  for (const id of ['quick-exit', 'language-menu', 'search']) {
    const e = document.getElementById(id);
    const r = e ? e.getBoundingClientRect() : null;
    if (!r || r.top < 0 || r.bottom > vh || r.left < 0 || r.right > vw) problems.push(`#${id} not on screen`);
  }
}
return problems;
"#;

/// A stand-in for espeak-ng, first on the app's `PATH`: it keeps the arguments and the text it was
/// given and then "speaks" for half a minute, as a long text would.
struct SpeechStandIn {
    dir: tempfile::TempDir,
}

/// What the stand-in was given.
struct Spoken {
    voice: String,
    text: String,
    pid: u32,
}

impl SpeechStandIn {
    fn new() -> SpeechStandIn {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("stand-in folder");
        let program = dir.path().join("espeak-ng");
        let record = dir.path().join("spoken");
        std::fs::write(
            &program,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}.args.tmp'\ncat > '{0}.text.tmp'\necho $$ > '{0}.pid.tmp'\nmv '{0}.args.tmp' '{0}.args'; mv '{0}.pid.tmp' '{0}.pid'; mv '{0}.text.tmp' '{0}.text'\nexec sleep 30\n",
                record.display()
            ),
        )
        .expect("stand-in");
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        SpeechStandIn { dir }
    }

    fn path_with_stand_in(&self) -> String {
        format!(
            "{}:{}",
            self.dir.path().display(),
            std::env::var("PATH").unwrap_or_default()
        )
    }

    /// Presses "Listen" and returns what the stand-in was given.
    async fn listen(&self, app: &App) -> Spoken {
        let record = self.dir.path().join("spoken");
        for ext in ["text", "args", "pid"] {
            let _ = std::fs::remove_file(record.with_extension(ext));
        }
        app.click("#listen").await;
        let text_file = record.with_extension("text");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !text_file.exists() {
            assert!(
                std::time::Instant::now() < deadline,
                "Listen started nothing"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let args = std::fs::read_to_string(record.with_extension("args")).expect("args");
        let args: Vec<&str> = args.lines().collect();
        let voice = args
            .iter()
            .position(|a| *a == "-v")
            .and_then(|i| args.get(i + 1))
            .map_or_else(String::new, |v| (*v).to_owned());
        Spoken {
            voice,
            text: std::fs::read_to_string(&text_file).expect("text"),
            pid: std::fs::read_to_string(record.with_extension("pid"))
                .expect("pid")
                .trim()
                .parse()
                .expect("a pid"),
        }
    }
}

/// What would make a text wrong to read aloud: empty, markup, a phone number read as one big number
/// (three digits or more in a row: the app spells them out).
fn speech_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if text.trim().is_empty() {
        problems.push("nothing".to_owned());
    }
    if text.contains('<') || text.contains('>') {
        problems.push(format!("markup in {text:?}"));
    }
    // Dates, times and years are read as numbers; any other run of three digits or more is spelled.
    for token in text.split(|c: char| !(c.is_ascii_digit() || "/:.".contains(c))) {
        let token = token.trim_matches('.');
        let digits = token.chars().filter(char::is_ascii_digit).count();
        let date_or_time = token.contains(['/', ':', '.']);
        let year = token.len() == 4
            && token
                .parse::<u16>()
                .is_ok_and(|y| (1900..=2099).contains(&y));
        if digits >= 3 && !date_or_time && !year {
            problems.push(format!("{token:?} not spelled out"));
        }
    }
    problems
}

/// The kiosk's screens at the sizes kiosks have — 1280×800, 1920×1080 and 1080×1920 (portrait) — in
/// visitor mode, every screen in every locale, and the home at 200 % text: nothing wider than the
/// screen, every control at least 48 px, and on the home at normal text the header at most 15 % of the
/// height with every emergency and trafficking number of the country, the exit, the language control
/// and search visible without scrolling. Screenshots of each go to `layout-<size>-<locale>-<screen>`.
#[tokio::test(flavor = "current_thread")]
async fn kiosk_layouts_at_three_sizes() {
    let content = seed_content();
    let speech = SpeechStandIn::new();
    let mut problems = Vec::new();
    let mut shots = 0;
    let mut spoken_screens = 0;
    for (width, height) in [(1280, 800), (1920, 1080), (1080, 1920)] {
        let screen = e2e::Screen::start(width, height);
        let app = App::start_on(
            Launch {
                content: Some(content.path().to_owned()),
                args: ["--kiosk", "--country", "LV", "--locale", "en"]
                    .map(str::to_owned)
                    .to_vec(),
            },
            &[
                ("DISPLAY", screen.display.clone()),
                ("PATH", speech.path_with_stand_in()),
            ],
        )
        .await;
        let size = format!("{width}x{height}");
        for locale in LOCALES {
            choose_locale(&app, locale).await;
            let mut check = async |name: &str, home: bool, normal_text: bool| {
                if normal_text && name != "language-panel" {
                    let spoken = speech.listen(&app).await;
                    let locale_of = spoken.voice.as_str();
                    let expected_voice = if locale == "en" { "en-gb" } else { locale };
                    if locale_of != expected_voice {
                        problems.push(format!(
                            "{size} {locale} {name}: read with voice {locale_of}"
                        ));
                    }
                    problems.extend(
                        speech_problems(&spoken.text)
                            .into_iter()
                            .map(|p| format!("{size} {locale} {name}: read aloud: {p}")),
                    );
                    spoken_screens += 1;
                }
                app.js("window.scrollTo(0, 0); return true;").await;
                let found = app
                    .client
                    .execute(LAYOUT_PROBLEMS, vec![json!(home), json!(normal_text)])
                    .await
                    .expect("measuring the layout");
                let found = found
                    .as_array()
                    .cloned()
                    .unwrap_or_else(|| panic!("{found}"));
                problems.extend(
                    found
                        .iter()
                        .map(|p| format!("{size} {locale} {name}: {}", p.as_str().unwrap_or("?"))),
                );
                app.screenshot(&format!("layout-{size}-{locale}-{name}"))
                    .await;
                shots += 1;
            };
            check("home", true, true).await;
            for nav in [
                "hotlines",
                "programmes",
                "articles",
                "selfcheck",
                "events",
                "reports",
                "about",
            ] {
                app.click(&format!("[data-nav='{nav}']")).await;
                app.wait_screen(nav).await;
                check(nav, false, true).await;
                let detail = match nav {
                    "hotlines" => Some("service"),
                    "articles" => Some("article"),
                    _ => None,
                };
                if let Some(detail) = detail {
                    app.click("#main [data-id]").await;
                    app.wait_screen(detail).await;
                    check(detail, false, true).await;
                }
                app.click("#home").await;
                app.wait_screen("home").await;
            }
            app.type_into("#search", "112").await;
            app.wait_screen("search").await;
            check("search", false, true).await;
            app.click("#home").await;
            app.wait_screen("home").await;
            app.click("#language-menu").await;
            check("language-panel", false, true).await;
            app.click("[data-text-size='3']").await;
            app.click("#home").await;
            app.wait_screen("home").await;
            check("home-200", true, false).await;
            app.click("#language-menu").await;
            app.click("[data-text-size='1']").await;
            app.click("#home").await;
            app.wait_screen("home").await;
        }
        // Reading aloud stops at once on a quick exit: the speech process is gone.
        let spoken = speech.listen(&app).await;
        let proc = std::path::PathBuf::from(format!("/proc/{}", spoken.pid));
        assert!(proc.exists(), "the stand-in is speaking");
        app.mark_document().await;
        app.click("#quick-exit").await;
        app.wait_new_document().await;
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while proc.exists() {
            assert!(
                std::time::Instant::now() < deadline,
                "{size}: still reading aloud after a quick exit"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        app.quit().await;
        drop(screen);
    }
    println!(
        "layout: {shots} screens measured at 1280x800, 1920x1080 and 1080x1920; screenshots in {}",
        e2e::screenshot_dir().display()
    );
    println!("read aloud: {spoken_screens} screens, the text espeak-ng was given checked");
    assert_eq!(shots, 3 * LOCALES.len() * 13, "a screen was not reached");
    assert_eq!(
        spoken_screens,
        3 * LOCALES.len() * 11,
        "a screen was not read aloud"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
