//! The one window and the effects of the session state machine (`compass_kiosk::Session`).
//!
//! There is one webview for the life of the process, in production and under test automation alike.
//! Its WebKit data lives in a private folder made for this process in memory-backed storage
//! (`$XDG_RUNTIME_DIR`, else `/dev/shm`), removed at exit and, if a crash left it, at the next start. A
//! fresh session clears the clipboard and the primary selection, drops every kind of WebKit website data
//! and loads a new document (`index.html?session=N`), so the last visitor's page, its scripts' memory,
//! the search box and scroll are gone; the page cache is off, so no old document is kept for Back.
//!
//! In visitor mode the window is fullscreen and undecorated and refuses close requests; the page gets
//! an initialization script that blocks the context menu, reload, history, print, zoom, save and open
//! keys, copying outside inputs and dragging; WebKit's own print dialog and context menu are refused
//! natively too; every navigation away from the app is cancelled and new windows are denied. A crashed
//! or killed web process is replaced by a fresh session.

use std::path::{Path, PathBuf};
use std::time::Instant;

use compass_kiosk::{Effect, Start};
use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, Runtime, Url, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

use crate::Kiosk;

/// The window's label.
pub const LABEL: &str = "kiosk";

/// In visitor mode: no context menu, no reload, history, print, save, open or zoom keys, no copying
/// outside inputs, no dragging things in or out. Runs before the page's own scripts, outside its CSP.
const LOCKDOWN: &str = include_str!("lockdown.js");

/// Carries out the session's effects, in order.
pub fn apply<R: Runtime>(app: &AppHandle<R>, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::SwitchContent { shown } => {
                let kiosk = app.state::<Kiosk>();
                if let Some(release) = crate::updates::switch(&kiosk, shown) {
                    let more = kiosk.session().showing(release);
                    apply(app, more);
                }
            }
            Effect::RecordInUse(release) => crate::updates::record_in_use(&app.state(), release),
            Effect::FreshPage { number, start } => {
                // A quick exit or a reset silences the screen at once.
                if let Some(speaker) = &app.state::<Kiosk>().speaker {
                    speaker.stop();
                }
                fresh_page(app, number, start);
            }
            Effect::CheckStick(stick) => crate::updates::check_stick(app.clone(), stick),
            Effect::Count(counter) => app.state::<Kiosk>().fleet.count(counter),
        }
    }
}

/// Starts a fresh session now (from any thread).
pub fn reset<R: Runtime>(app: &AppHandle<R>, start: Start) {
    let effects = app.state::<Kiosk>().session().reset(Instant::now(), start);
    apply(app, effects);
}

/// On the main thread: clears the clipboard, the page's data and its document.
fn fresh_page<R: Runtime>(app: &AppHandle<R>, number: u64, start: Start) {
    let handle = app.clone();
    let result = app.run_on_main_thread(move || {
        clear_clipboard();
        if let Err(error) = load_fresh(&handle, number, start) {
            eprintln!("safety-compass: starting a fresh session failed: {error}");
        }
    });
    if let Err(error) = result {
        eprintln!("safety-compass: starting a fresh session failed: {error}");
    }
}

fn load_fresh<R: Runtime>(app: &AppHandle<R>, number: u64, start: Start) -> tauri::Result<()> {
    let Some(window) = app.get_webview_window(LABEL) else {
        return Ok(());
    };
    window.clear_all_browsing_data()?;
    window.navigate(page_url(&window.url()?, number, start))
}

/// The app's page for session `number`.
fn page_url(current: &Url, number: u64, start: Start) -> Url {
    let mut url = current.clone();
    url.set_path("/index.html");
    url.set_query(Some(&format!("session={number}")));
    url.set_fragment((start == Start::Neutral).then_some("neutral"));
    url
}

/// Empties the clipboard and the primary selection (what a visitor copied or selected).
#[cfg(target_os = "linux")]
fn clear_clipboard() {
    for selection in [gtk::gdk::SELECTION_CLIPBOARD, gtk::gdk::SELECTION_PRIMARY] {
        let clipboard = gtk::Clipboard::get(&selection);
        clipboard.set_text("");
        clipboard.clear();
    }
}

#[cfg(not(target_os = "linux"))]
fn clear_clipboard() {}

/// Opens the one window, on the home screen of session 1.
pub fn open<R: Runtime>(app: &AppHandle<R>, webview_data: &Path) -> tauri::Result<()> {
    let kiosk = app.state::<Kiosk>();
    let staff = kiosk.settings.staff;
    let number = kiosk.session().number();
    let url = WebviewUrl::App(format!("index.html?session={number}").into());
    let title = kiosk
        .api()
        .t(&kiosk.settings.default_locale, "common-app-name", &[]);
    let builder = WebviewWindowBuilder::new(app, LABEL, url)
        .title(title)
        .data_directory(webview_data.to_owned())
        .on_navigation(allowed)
        .on_new_window(|_, _| NewWindowResponse::Deny);
    let builder = if staff {
        builder
            .inner_size(1100.0, 820.0)
            .min_inner_size(480.0, 480.0)
    } else {
        // Fullscreen needs a window manager; size the window to the screen too, for kiosks without one.
        let size = app
            .primary_monitor()
            .ok()
            .flatten()
            .map(|monitor| monitor.size().to_logical::<f64>(monitor.scale_factor()));
        let builder = match size {
            Some(size) => builder
                .inner_size(size.width, size.height)
                .position(0.0, 0.0),
            None => builder,
        };
        builder
            .fullscreen(true)
            .decorations(false)
            .devtools(false)
            .initialization_script(LOCKDOWN)
    };
    let window = builder.build()?;
    if !staff {
        lock_presentation(app);
    }
    native_guards(app, &window, !staff)
}

/// macOS: while the app is in front, no Dock, no menu bar, no app switching (Cmd+Tab), no Force Quit
/// dialog, no log-out and no hiding the app. A combination AppKit accepts: `HideMenuBar` needs
/// `HideDock`, and `DisableProcessSwitching` needs one of the two Dock options.
#[cfg(target_os = "macos")]
fn lock_presentation<R: Runtime>(app: &AppHandle<R>) {
    use objc2::MainThreadMarker;
    use objc2_app_kit::{NSApplication, NSApplicationPresentationOptions as Options};
    let locked = app.run_on_main_thread(|| {
        if let Some(main_thread) = MainThreadMarker::new() {
            NSApplication::sharedApplication(main_thread).setPresentationOptions(
                Options::HideDock
                    | Options::HideMenuBar
                    | Options::DisableProcessSwitching
                    | Options::DisableForceQuit
                    | Options::DisableSessionTermination
                    | Options::DisableHideApplication,
            );
        }
    });
    if let Err(error) = locked {
        eprintln!("safety-compass: the presentation options were not set: {error}");
    }
}

/// Linux: the window is fullscreen and undecorated; what else a visitor could reach (other programs,
/// virtual terminals) is the session's to take away — the kiosk session runs the app alone under
/// cage. Windows: the same holds for the shell, which Shell Launcher v2 replaces by the app (see the
/// README); an app cannot take Ctrl+Alt+Del away by itself.
#[cfg(not(target_os = "macos"))]
fn lock_presentation<R: Runtime>(_app: &AppHandle<R>) {}

/// WebKit-level guards: no page cache; a crashed web process gets a fresh session; in visitor mode no
/// print dialog and no native context menu, whatever the page does.
#[cfg(target_os = "linux")]
fn native_guards<R: Runtime>(
    app: &AppHandle<R>,
    window: &WebviewWindow<R>,
    visitor: bool,
) -> tauri::Result<()> {
    use webkit2gtk::{SettingsExt as _, WebViewExt as _};
    let app = app.clone();
    window.with_webview(move |platform| {
        let webview = platform.inner();
        if let Some(settings) = webview.settings() {
            settings.set_enable_page_cache(false);
            settings.set_enable_back_forward_navigation_gestures(false);
        }
        if visitor {
            webview.connect_print(|_, _| {
                eprintln!("safety-compass: a print request was refused (visitor mode)");
                true
            });
            webview.connect_context_menu(|_, _, _, _| true);
        }
        webview.connect_web_process_terminated(move |_, reason| {
            eprintln!(
                "safety-compass: the web process ended ({reason:?}); starting a fresh session"
            );
            reset(&app, Start::Home);
        });
    })
}

#[cfg(not(target_os = "linux"))]
fn native_guards<R: Runtime>(
    _app: &AppHandle<R>,
    _window: &WebviewWindow<R>,
    _visitor: bool,
) -> tauri::Result<()> {
    Ok(())
}

/// SIGTERM (the OS session ending, systemd stopping the unit), SIGINT and SIGHUP end the app through its
/// normal exit, which removes the webview's folder.
#[cfg(target_os = "linux")]
pub fn exit_on_signals<R: Runtime>(app: &AppHandle<R>) {
    const SIGHUP: i32 = 1;
    const SIGINT: i32 = 2;
    const SIGTERM: i32 = 15;
    for signal in [SIGHUP, SIGINT, SIGTERM] {
        let app = app.clone();
        gtk::glib::unix_signal_add(signal, move || {
            eprintln!("safety-compass: ending on signal {signal}");
            app.exit(0);
            gtk::glib::ControlFlow::Break
        });
    }
}

#[cfg(not(target_os = "linux"))]
pub fn exit_on_signals<R: Runtime>(_app: &AppHandle<R>) {}

/// Only the app's own pages and its report files: every other navigation is cancelled.
pub fn allowed(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        "attachment" => true,
        "about" => url.as_str() == "about:blank",
        _ => false,
    }
}

/// The webview's private per-process folder in memory-backed storage, made empty and owner-only.
/// Leftovers of processes that are gone are removed.
pub fn webview_folder() -> std::io::Result<PathBuf> {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|dir| dir.is_dir())
        .or_else(|| Some(PathBuf::from("/dev/shm")).filter(|dir| dir.is_dir()))
        .unwrap_or_else(std::env::temp_dir);
    const PREFIX: &str = "safety-compass-webview-";
    remove_leftovers(&base, PREFIX);
    let dir = base.join(format!("{PREFIX}{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    create_private_dir(&dir)?;
    Ok(dir)
}

/// Removes the webview folders of processes that are gone (a crash left them).
#[cfg(target_os = "linux")]
fn remove_leftovers(base: &Path, prefix: &str) {
    if let Ok(entries) = std::fs::read_dir(base) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let pid = name.to_str().and_then(|n| n.strip_prefix(prefix));
            let gone = pid
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists());
            if gone {
                std::fs::remove_dir_all(entry.path()).ok();
            }
        }
    }
}

/// Without `/proc` a leftover cannot be told from a running process's folder: it stays until the
/// OS clears its temporary files.
#[cfg(not(target_os = "linux"))]
fn remove_leftovers(_base: &Path, _prefix: &str) {}

/// A folder only its owner can enter.
#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    std::fs::DirBuilder::new().mode(0o700).create(dir)
}

/// On Windows a folder under the user's temporary folder inherits that folder's owner-only access.
#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir(dir)
}
