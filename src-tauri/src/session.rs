//! Sessions: the window a visitor uses, locked down in visitor mode, and the reset that gives the next
//! visitor a fresh one.
//!
//! A reset (idle timeout or quick exit) restarts the idle timer, forgets any Shift presses and replaces
//! the page. In visitor mode the webview is ephemeral (incognito: WebKit keeps nothing on disk) and is
//! recreated on every reset, so nothing of the last visitor survives — storage, history, scroll or the
//! search box. Under WebDriver automation (`TAURI_WEBVIEW_AUTOMATION=true`, set by tauri-driver) wry can
//! drive only the first webview and only a persistent one, so there the same webview is kept: its
//! browsing data is cleared and a new document is loaded instead.

use std::sync::atomic::Ordering;
use std::time::Instant;

use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, Runtime, Url, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

use crate::Kiosk;

/// What a fresh session starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The home screen.
    Home,
    /// The neutral screen (after a quick exit), then home at the next touch.
    Neutral,
}

/// In visitor mode: no context menu, no reload, history, print or zoom keys, no dragging things in or
/// out. Runs before the page's own scripts, outside its CSP.
const LOCKDOWN: &str = r#"(() => {
  const stop = (event) => { event.preventDefault(); event.stopPropagation(); };
  window.addEventListener("contextmenu", stop, true);
  window.addEventListener("dragstart", stop, true);
  window.addEventListener("drop", stop, true);
  window.addEventListener("wheel", (event) => { if (event.ctrlKey) stop(event); }, { capture: true, passive: false });
  window.addEventListener("keydown", (event) => {
    const key = event.key;
    const mod = event.ctrlKey || event.metaKey;
    const editing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (key === "F5" || key === "F7" || key === "F11" || key === "F12" || key === "BrowserBack" || key === "BrowserForward" || key === "BrowserRefresh"
        || (mod && ["r", "R", "p", "P", "s", "S", "o", "O", "u", "U", "w", "W", "n", "N", "t", "T", "+", "-", "=", "0", "[", "]"].includes(key))
        || (event.altKey && (key === "ArrowLeft" || key === "ArrowRight" || key === "Home"))
        || (key === "Backspace" && !editing)) {
      stop(event);
    }
  }, true);
})();"#;

/// True when tauri-driver is driving this process.
pub fn automated() -> bool {
    std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true")
}

/// Opens the first window.
pub fn open_first<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let kiosk = app.state::<Kiosk>();
    let session = kiosk.session.fetch_add(1, Ordering::SeqCst);
    open_window(app, session, Start::Home).map(drop)
}

/// Starts a fresh session (from any thread).
pub fn reset<R: Runtime>(app: &AppHandle<R>, start: Start) {
    let kiosk = app.state::<Kiosk>();
    kiosk.admin_open.store(false, Ordering::SeqCst);
    crate::updates::switch_at_reset(&kiosk);
    kiosk.idle().restart(Instant::now());
    *kiosk.quick_exit() = compass_kiosk::QuickExit::new();
    let session = kiosk.session.fetch_add(1, Ordering::SeqCst);
    let handle = app.clone();
    let result = app.run_on_main_thread(move || {
        if let Err(error) = replace(&handle, session, start) {
            eprintln!("safety-compass: starting a fresh session failed: {error}");
        }
    });
    if let Err(error) = result {
        eprintln!("safety-compass: starting a fresh session failed: {error}");
    }
}

fn replace<R: Runtime>(app: &AppHandle<R>, session: u64, start: Start) -> tauri::Result<()> {
    let kiosk = app.state::<Kiosk>();
    let old: Vec<WebviewWindow<R>> = app.webview_windows().into_values().collect();
    if kiosk.recreate_webview {
        open_window(app, session, start)?;
        for window in old {
            window.destroy()?;
        }
    } else {
        for window in old {
            window.clear_all_browsing_data()?;
            let mut url = window.url()?;
            url.set_path("/index.html");
            url.set_query(Some(&format!("session={session}")));
            url.set_fragment((start == Start::Neutral).then_some("neutral"));
            window.navigate(url)?;
        }
    }
    Ok(())
}

fn open_window<R: Runtime>(
    app: &AppHandle<R>,
    session: u64,
    start: Start,
) -> tauri::Result<WebviewWindow<R>> {
    let kiosk = app.state::<Kiosk>();
    let fragment = if start == Start::Neutral {
        "#neutral"
    } else {
        ""
    };
    let url = WebviewUrl::App(format!("index.html?session={session}{fragment}").into());
    let title = kiosk
        .api()
        .t(&kiosk.settings.default_locale, "common-app-name", &[]);
    let builder = WebviewWindowBuilder::new(app, format!("session-{session}"), url)
        .title(title)
        .on_navigation(allowed)
        .on_new_window(|_, _| NewWindowResponse::Deny);
    let builder = if kiosk.settings.staff {
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
            .incognito(kiosk.recreate_webview)
            .initialization_script(LOCKDOWN)
    };
    builder.build()
}

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
