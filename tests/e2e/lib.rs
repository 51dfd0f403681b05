//! The harness for end-to-end tests of the real app: builds content DBs, starts `tauri-driver` (which
//! starts WebKitWebDriver and the app) with its own ports and its own XDG folders, and drives the
//! webview through WebDriver.
//!
//! Needs a display (the tests run under `xvfb-run`), `tauri-driver` and `WebKitWebDriver` on the PATH,
//! the app built (`cargo build -p safety-compass`, found through `CARGO_TARGET_DIR`) and the UI built
//! (`ui/dist`, `ui/node_modules/axe-core`). `cargo xtask test` sees to all of that.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The built app.
pub fn app_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let binary = target.join("debug/safety-compass");
    assert!(
        binary.is_file(),
        "{} is missing: run `cargo build -p safety-compass` (cargo xtask test does)",
        binary.display()
    );
    binary.canonicalize().unwrap_or(binary)
}

/// Where screenshots go: `$E2E_SCREENSHOTS`, else `<target>/e2e-screenshots`.
pub fn screenshot_dir() -> PathBuf {
    let dir = std::env::var_os("E2E_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            app_binary()
                .parent()
                .map(|d| d.join("../e2e-screenshots"))
                .unwrap_or_default()
        });
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Copies a folder tree (a repository, a kiosk's data folder).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Builds the content DB of a source folder into `<out>/content.db`.
pub fn build_content(source: &Path, out: &Path) {
    let loaded = compass_content::source::load(source);
    assert!(
        !compass_content::check::has_errors(&loaded.diagnostics),
        "{} has errors: {:?}",
        source.display(),
        loaded.diagnostics
    );
    std::fs::create_dir_all(out).expect("content folder");
    compass_content::build::build(&loaded.content, source, &out.join("content.db"))
        .expect("content build");
}

/// The payload put into every text field of the hostile content: each part would set `window.__pwned`
/// if it ran.
pub const HOSTILE: &str = "<script>window.__pwned='script'</script><img src=x onerror=\"window.__pwned='onerror'\"><a href=\"javascript:window.__pwned='link'\">x</a>[md](javascript:window.__pwned='md')";

/// The seed content with [`HOSTILE`] prefixed to every translated text, built into `<out>/content.db`.
pub fn build_hostile_content(out: &Path) {
    let seed = root().join("resources/content");
    let loaded = compass_content::source::load(&seed);
    let mut value = serde_json::to_value(&loaded.content).expect("content as JSON");
    poison(&mut value);
    let content: compass_content::model::Content =
        serde_json::from_value(value).expect("poisoned content");
    std::fs::create_dir_all(out).expect("content folder");
    compass_content::build::build(&content, &seed, &out.join("content.db")).expect("hostile build");
}

/// Prefixes [`HOSTILE`] to every string in a locale → text map (texts and Markdown bodies).
fn poison(value: &mut Value) {
    const LOCALES: [&str; 5] = ["lv", "et", "en", "ru", "uk"];
    match value {
        Value::Object(map) => {
            let is_text = !map.is_empty() && map.keys().all(|k| LOCALES.contains(&k.as_str()));
            for (key, child) in map.iter_mut() {
                // Translation statuses are not text.
                if key == "translation" || key == "status" {
                    continue;
                }
                match child {
                    Value::String(text) if is_text => {
                        // A Markdown body keeps its "# title" line first.
                        *text = match text.strip_prefix("# ") {
                            Some(rest) => format!("# {HOSTILE} {rest}\n\n{HOSTILE}"),
                            None => format!("{HOSTILE} {text}"),
                        };
                    }
                    Value::Object(inner) if is_text && inner.contains_key("text") => {
                        if let Some(Value::String(text)) = inner.get_mut("text") {
                            *text = format!("{HOSTILE} {text}");
                        }
                    }
                    other => poison(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(poison),
        _ => {}
    }
}

/// A private X server of a given size, for the screen sizes a kiosk has; stopped on drop.
#[derive(Debug)]
pub struct Screen {
    /// `:N`.
    pub display: String,
    server: Child,
}

impl Screen {
    /// Starts Xvfb at `width`×`height` on the first free display from `:90`.
    pub fn start(width: u16, height: u16) -> Screen {
        for number in 90..140 {
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
            let lock = PathBuf::from(format!("/tmp/.X{number}-lock"));
            if socket.exists() || lock.exists() {
                continue;
            }
            let display = format!(":{number}");
            let mut server = Command::new("Xvfb")
                .arg(&display)
                .args([
                    "-screen",
                    "0",
                    &format!("{width}x{height}x24"),
                    "-nolisten",
                    "tcp",
                ])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("starting Xvfb (apt-get install xvfb)");
            let deadline = Instant::now() + Duration::from_secs(10);
            while !socket.exists() {
                if server.try_wait().ok().flatten().is_some() || Instant::now() > deadline {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            if socket.exists() {
                return Screen { display, server };
            }
            let _ = server.kill();
            let _ = server.wait();
        }
        panic!("no free X display between :90 and :139");
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// How to start the app.
#[derive(Debug, Clone)]
pub struct Launch {
    /// Folder with content.db (`--content`: a fixed folder, updates off); `None`: the app's own
    /// update store, which `--first-boot` in `args` fills.
    pub content: Option<PathBuf>,
    /// Extra command-line arguments.
    pub args: Vec<String>,
}

/// A running app under WebDriver. Dropping it ends the session and stops tauri-driver with SIGTERM
/// (SIGKILL would orphan WebKitWebDriver and hang the test run).
#[derive(Debug)]
pub struct App {
    /// The WebDriver client.
    pub client: Client,
    driver: Child,
    /// The app's XDG home: `data`, `cache`, `config` and `state` folders.
    pub home: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free loopback port")
}

impl App {
    /// Starts the app on `launch.content` (or its update store) in visitor mode unless `launch.args`
    /// say otherwise.
    pub async fn start(launch: Launch) -> App {
        App::start_on(launch, &[]).await
    }

    /// [`App::start`] with environment variables for the app (`DISPLAY` for a screen of another size,
    /// `PATH` with a stand-in program first).
    pub async fn start_on(launch: Launch, env: &[(&str, String)]) -> App {
        let home = tempfile::tempdir().expect("app home");
        for dir in ["data", "cache", "config", "state"] {
            std::fs::create_dir_all(home.path().join(dir)).expect("xdg folder");
        }
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new("tauri-driver");
        command.envs(env.iter().map(|(name, value)| (*name, value)));
        let driver = command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_STATE_HOME", home.path().join("state"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting tauri-driver (cargo install tauri-driver --locked)");
        let mut guard = DriverGuard(Some(driver));
        // tauri-driver listens at once but proxies a new session to WebKitWebDriver, which it starts on
        // the native port; a session asked for before that one listens fails with hyper's
        // `IncompleteMessage` (seen on a fresh machine's first, slowest run). Wait for both.
        let deadline = Instant::now() + Duration::from_secs(30);
        for (what, port) in [("tauri-driver", port), ("WebKitWebDriver", native_port)] {
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(Instant::now() < deadline, "{what} did not listen on {port}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        let mut args = Vec::new();
        if let Some(content) = &launch.content {
            args.extend(["--content".to_owned(), content.display().to_string()]);
        }
        args.extend(launch.args);
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".to_owned(), json!("wry"));
        capabilities.insert(
            "tauri:options".to_owned(),
            json!({ "application": app_binary(), "args": args }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with the app");
        let driver = guard.0.take().expect("driver");
        let app = App {
            client,
            driver,
            home,
        };
        app.wait_screen("home").await;
        app
    }

    /// Ends the session; dropping the app then stops the driver.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }

    /// Ends the WebDriver session, which ends the app, and waits a moment for it to go; the app's
    /// folders stay until the `App` is dropped.
    pub async fn end(&self) {
        let _ = self.client.clone().close().await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
    }

    /// Runs a script in the page and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// The `data-screen` of the screen shown (`None` while loading).
    pub async fn screen(&self) -> Option<String> {
        self.client
            .execute(
                "const m = document.querySelector('main[data-screen]'); return m ? m.dataset.screen : null;",
                Vec::new(),
            )
            .await
            .ok()?
            .as_str()
            .map(str::to_owned)
    }

    /// Waits (up to 15 s) until `check` returns true.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if self.client.execute(script, Vec::new()).await.ok() == Some(Value::Bool(true)) {
                return;
            }
            if Instant::now() > deadline {
                let shown = self.screen().await;
                panic!("timed out waiting for {what} (screen {shown:?})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `screen` is shown.
    pub async fn wait_screen(&self, screen: &str) {
        let script = format!(
            "const m = document.querySelector('main[data-screen]'); return !!m && m.dataset.screen === {screen:?} && !document.querySelector('[aria-busy=\"true\"]');"
        );
        self.wait_until(&format!("screen {screen}"), &script).await;
    }

    /// Clicks the first element matching `css`, finding it again if the UI replaced it meanwhile.
    pub async fn click(&self, css: &str) {
        let mut last = String::new();
        for _ in 0..5 {
            let element = self
                .client
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css(css))
                .await
                .unwrap_or_else(|e| panic!("no {css}: {e}"));
            match element.click().await {
                Ok(()) => return,
                Err(error) => last = error.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("clicking {css}: {last}");
    }

    /// Marks the current document, so [`App::wait_new_document`] can tell when it was replaced.
    pub async fn mark_document(&self) {
        self.js("window.__e2eOldDocument = true; return true;")
            .await;
    }

    /// Waits until the marked document has been replaced by a fresh one.
    pub async fn wait_new_document(&self) {
        self.wait_until(
            "a fresh document",
            "return window.__e2eOldDocument !== true;",
        )
        .await;
    }

    /// Leaves the neutral screen with a touch (it ignores touches in its first second, so a panicked
    /// double press does not bring the app straight back).
    pub async fn leave_neutral(&self) {
        self.wait_new_document().await;
        self.leave_neutral_here().await;
    }

    /// Taps the neutral screen already shown in the new document, then waits for home.
    pub async fn leave_neutral_here(&self) {
        self.wait_screen("neutral").await;
        tokio::time::sleep(Duration::from_millis(1300)).await;
        self.click("main[data-screen='neutral']").await;
        self.wait_screen("home").await;
    }

    /// Clicks the first element matching `css` and types `text` as a keyboard would: each key goes to
    /// whatever has the focus then (the UI may move the search box to a new screen while you type).
    pub async fn type_into(&self, css: &str, text: &str) {
        self.click(css).await;
        for key in text.chars() {
            self.press(&key.to_string()).await;
        }
    }

    /// Presses a key (a WebDriver key code such as `\u{E00C}` for Escape) on the focused element.
    pub async fn press(&self, key: &str) {
        let active = self
            .client
            .active_element()
            .await
            .expect("a focused element");
        active.send_keys(key).await.expect("pressing a key");
    }

    /// The page's visible text.
    pub async fn text(&self) -> String {
        self.js("return document.body.innerText;")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Writes a screenshot of the webview to the screenshot folder.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("writing a screenshot");
        path
    }

    /// Runs axe-core in the page; returns the serious and critical violations as `id: selector…`.
    pub async fn axe(&self) -> Vec<String> {
        let source = std::fs::read_to_string(root().join("ui/node_modules/axe-core/axe.min.js"))
            .expect("ui/node_modules/axe-core (npm ci in ui/)");
        self.client
            .execute(&format!("{source}\nreturn true;"), Vec::new())
            .await
            .expect("injecting axe-core");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then((r) => done(
                   r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                     .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | '))
                 ), (e) => done(['axe failed: ' + e]));",
                Vec::new(),
            )
            .await
            .expect("running axe-core");
        // Anything but an array of strings means axe did not report: a failure, never a pass.
        let items = result
            .as_array()
            .unwrap_or_else(|| panic!("axe-core returned no list of violations: {result}"));
        items
            .iter()
            .map(|v| {
                v.as_str()
                    .unwrap_or_else(|| panic!("axe-core returned {v} among its violations"))
                    .to_owned()
            })
            .collect()
    }

    /// Calls an app command from the page, as the UI does.
    pub async fn invoke(&self, command: &str, args: Value) -> Value {
        self.client
            .execute_async(
                "const [command, args, done] = arguments;
                 window.__TAURI_INTERNALS__.invoke(command, args).then(done, (e) => done({ error: e }));",
                vec![json!(command), args],
            )
            .await
            .expect("invoking a command")
    }
}

/// Stops tauri-driver with SIGTERM and waits for it, even when a test panics.
#[derive(Debug)]
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let _ = self.driver.wait();
    }
}

/// SHA-256 of every file under `dirs` (path → hash), for comparing before and after a visit.
pub fn snapshot(dirs: &[&Path]) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    for dir in dirs {
        walk(dir, &mut files);
    }
    files
}

fn walk(dir: &Path, files: &mut BTreeMap<PathBuf, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else if let Ok(bytes) = std::fs::read(&path) {
            files.insert(path, format!("{:x}", Sha256::digest(&bytes)));
        }
    }
}

/// Serves the files under `root` over HTTP on a loopback port (a static update host, as a CDN
/// would be); runs until the test process ends. Returns the port.
pub fn serve_folder(root: PathBuf) -> u16 {
    use std::io::{BufRead as _, BufReader, Write as _};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let Ok(reader) = stream.try_clone() else {
                    return;
                };
                let mut reader = BufReader::new(reader);
                let mut stream = stream;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let mut header = String::new();
                    while reader.read_line(&mut header).unwrap_or(0) > 0 && header != "\r\n" {
                        header.clear();
                    }
                    let path = line
                        .split_whitespace()
                        .nth(1)
                        .unwrap_or("/")
                        .trim_start_matches('/')
                        .to_owned();
                    let reply = match std::fs::read(root.join(&path)) {
                        Ok(body) if !path.contains("..") => {
                            let mut reply = format!(
                                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
                                body.len()
                            )
                            .into_bytes();
                            reply.extend(body);
                            reply
                        }
                        _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
                    };
                    if stream.write_all(&reply).is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}
