//! The kiosk session as the package ships it (`resources/systemd/safety-compass-kiosk.service`, its PAM
//! file and the .deb's maintainer scripts): the unit as systemd reads it, the notify protocol the app
//! speaks with systemd (`READY=1`, `WATCHDOG=1` only while the page answers), and the app started
//! exactly as the unit starts it, under Debian's cage with the wlroots headless backend (its screen is
//! captured with grim and saved, but not asserted: see `the_app_started_as_the_unit_starts_it…`).
//!
//! This machine has no systemd as PID 1, so no test starts the unit itself: the protocol is checked
//! against a socket the test holds, the way systemd holds `NOTIFY_SOCKET`.

use std::ffi::OsStr;
use std::io::ErrorKind;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::desk::{self, Desk};

const WAIT: Duration = Duration::from_secs(30);

/// The shipped unit.
fn unit_path() -> PathBuf {
    e2e::root().join("resources/systemd/safety-compass-kiosk.service")
}

/// `Key=value` lines of the unit, in order (comments and section headers left out).
fn unit_settings() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(unit_path()).expect("the unit file");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('['))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// The one value of `key` in the unit.
fn unit_setting(key: &str) -> String {
    let values: Vec<String> = unit_settings()
        .into_iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v)
        .collect();
    assert_eq!(values.len(), 1, "{key}= in the unit: {values:?}");
    values[0].clone()
}

/// A notify socket as systemd holds it: a bound datagram socket the app writes to.
struct NotifySocket {
    socket: UnixDatagram,
    path: PathBuf,
}

impl NotifySocket {
    fn bind(path: &Path) -> NotifySocket {
        let socket = UnixDatagram::bind(path).expect("binding the notify socket");
        NotifySocket {
            socket,
            path: path.to_owned(),
        }
    }

    /// The next datagram within `timeout`, and when it arrived.
    fn next(&self, timeout: Duration) -> Option<(Instant, String)> {
        let deadline = Instant::now() + timeout;
        let mut buf = [0u8; 4096];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            self.socket
                .set_read_timeout(Some(left))
                .expect("read timeout");
            match self.socket.recv(&mut buf) {
                Ok(n) => {
                    return Some((
                        Instant::now(),
                        String::from_utf8_lossy(&buf[..n]).into_owned(),
                    ));
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return None;
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => panic!("reading the notify socket: {e}"),
            }
        }
    }

    /// Every datagram that arrives within `period`.
    fn collect(&self, period: Duration) -> Vec<(Instant, String)> {
        let end = Instant::now() + period;
        let mut all = Vec::new();
        while let Some(message) = self.next(end.saturating_duration_since(Instant::now())) {
            all.push(message);
        }
        all
    }
}

/// The WebKit web processes under the app.
fn web_processes(app: u32) -> Vec<u32> {
    desk::process_tree(app)
        .into_iter()
        .filter(|p| desk::comm(*p).starts_with("WebKitWebProces"))
        .collect()
}

/// The app's first home screen, in ms from its start, from its trace line.
fn home_ms(log: &[String]) -> Option<u64> {
    log.iter()
        .find(|l| l.starts_with("trace: ") && l.contains(" screen=home "))
        .and_then(|l| l.split_whitespace().find_map(|f| f.strip_prefix("ms=")))
        .and_then(|ms| ms.parse().ok())
}

#[test]
fn the_app_says_ready_after_home_and_feeds_the_watchdog_only_while_the_page_answers() {
    // WatchdogSec=3: a heartbeat a second.
    const WATCHDOG_USEC: &str = "3000000";
    let mut desk = Desk::start(1280, 800);
    let content = desk.dir("kiosk").join("content");
    e2e::build_content(&e2e::root().join("resources/content"), &content);
    let notify = NotifySocket::bind(&desk.dir("kiosk").join("notify"));
    let data = desk.dir("kiosk").join("data").display().to_string();
    let content = content.display().to_string();
    // Under cage, WATCHDOG_PID names cage, not the app: the app must not rely on it.
    let other_pid = std::process::id().to_string();
    desk.launch_with(
        &[
            "--kiosk",
            "--country",
            "LV",
            "--locale",
            "en",
            "--content",
            &content,
            "--data-dir",
            &data,
        ],
        &[
            ("NOTIFY_SOCKET", notify.path.as_os_str()),
            ("WATCHDOG_USEC", OsStr::new(WATCHDOG_USEC)),
            ("WATCHDOG_PID", OsStr::new(&other_pid)),
        ],
    );
    let (_, first) = notify.next(WAIT).expect("no READY=1 within 30 s");
    assert_eq!(first, "READY=1\n", "the first notification");
    // The trace line of the painted home screen comes before READY=1 is sent (one thread writes both).
    let deadline = Instant::now() + WAIT;
    let log = loop {
        let log = desk.log();
        if log.iter().any(|l| l.contains("READY=1 sent")) {
            break log;
        }
        assert!(
            Instant::now() < deadline,
            "no log line about READY=1: {log:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let home = log
        .iter()
        .position(|l| l.starts_with("trace: ") && l.contains(" screen=home "));
    let ready = log.iter().position(|l| l.contains("READY=1 sent"));
    assert!(
        home.is_some() && home < ready,
        "READY=1 before the home screen was painted: {log:?}"
    );

    let fed = notify.collect(Duration::from_secs(6));
    assert!(
        fed.iter().all(|(_, m)| m == "WATCHDOG=1\n"),
        "unexpected notifications: {fed:?}"
    );
    assert!(
        fed.len() >= 3,
        "{} WATCHDOG=1 in 6 s with a heartbeat a second",
        fed.len()
    );

    // Freeze the page: its web process stops, so nothing answers the heartbeat.
    let web = web_processes(desk.pid());
    assert!(!web.is_empty(), "no WebKit web process under the app");
    for p in &web {
        desk::signal(*p, "STOP");
    }
    let stopped = Instant::now();
    // The tick after the stop may still report the last answer from before it.
    let grace = notify.collect(Duration::from_secs(4));
    let silent = notify.collect(Duration::from_secs(7));
    for p in &web {
        desk::signal(*p, "CONT");
    }
    let continued = Instant::now();
    assert!(
        silent.is_empty(),
        "WATCHDOG=1 went on with the web process stopped: {} in the 7 s from 4 s after the stop",
        silent.len()
    );
    let (resumed_at, resumed) = notify
        .next(WAIT)
        .expect("no WATCHDOG=1 within 30 s of the web process running again");
    assert_eq!(resumed, "WATCHDOG=1\n");
    assert!(
        desk.log()
            .iter()
            .any(|l| l.contains("has not answered two watchdog heartbeats")),
        "no log line about the silent page"
    );
    assert!(desk.alive(), "the app ended");
    let last_fed = grace
        .last()
        .map_or(Duration::ZERO, |(at, _)| at.duration_since(stopped));
    println!(
        "notify protocol: first home {} ms after start, then READY=1; {} WATCHDOG=1 in 6 s (WatchdogSec=3); \
         web process stopped: last WATCHDOG=1 {} ms after the stop, none for the next {} s; \
         resumed {} ms after SIGCONT",
        home_ms(&log).map_or_else(|| "?".to_owned(), |ms| ms.to_string()),
        fed.len(),
        last_fed.as_millis(),
        7,
        resumed_at.duration_since(continued).as_millis()
    );
}

#[test]
fn systemd_accepts_the_shipped_unit_and_the_package_ships_it() {
    let output = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(unit_path())
        .output()
        .expect("systemd-analyze (apt-get install systemd)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // verify exits 0 on settings it ignores, so its warnings fail the test too.
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "systemd-analyze verify: {}\n{stderr}",
        output.status
    );
    let settings = unit_settings();
    for (key, value) in [
        ("Type", "notify"),
        ("NotifyAccess", "all"),
        ("Restart", "always"),
        ("User", "safety-compass"),
        ("PAMName", "safety-compass"),
    ] {
        assert!(
            settings.iter().any(|(k, v)| k == key && v == value),
            "{key}={value} missing from the unit"
        );
    }
    assert!(
        unit_setting("WatchdogSec")
            .parse::<u64>()
            .is_ok_and(|s| s > 0),
        "WatchdogSec= in seconds"
    );
    let exec: Vec<String> = unit_setting("ExecStart")
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    assert_eq!(exec[0], "/usr/bin/cage", "{exec:?}");
    assert!(
        !exec.iter().any(|a| a == "-s"),
        "cage -s allows VT switching: {exec:?}"
    );
    // The .deb carries the unit and the PAM file where systemd and PAM look, and makes the user.
    let conf: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(e2e::root().join("src-tauri/tauri.conf.json")).expect("conf"),
    )
    .expect("tauri.conf.json");
    let deb = &conf["bundle"]["linux"]["deb"];
    let src_tauri = e2e::root().join("src-tauri");
    for (installed, source) in [
        (
            "/lib/systemd/system/safety-compass-kiosk.service",
            unit_path(),
        ),
        (
            "/etc/pam.d/safety-compass",
            e2e::root().join("resources/pam/safety-compass"),
        ),
    ] {
        let shipped = deb["files"][installed]
            .as_str()
            .unwrap_or_else(|| panic!("the .deb does not install {installed}"));
        assert_eq!(
            src_tauri
                .join(shipped)
                .canonicalize()
                .expect("shipped file"),
            source.canonicalize().expect("source file"),
            "{installed}"
        );
    }
    let postinst = deb["postInstallScript"]
        .as_str()
        .expect("a postinst script");
    let postinst = std::fs::read_to_string(src_tauri.join(postinst)).expect("postinst");
    assert!(
        postinst.contains("useradd --system") && postinst.contains(" safety-compass\n"),
        "the postinst makes no safety-compass user"
    );
    let pam = std::fs::read_to_string(e2e::root().join("resources/pam/safety-compass"))
        .expect("PAM file");
    assert!(
        pam.lines()
            .any(|l| l.starts_with("session")
                && l.split_whitespace().last() == Some("pam_systemd.so")),
        "no logind session in the PAM file"
    );
}

/// The user the app runs as under cage in the test: `nobody` (cage refuses root; the unit's own user is
/// made by the package's postinst, which the tests do not install).
const NOBODY: &str = "65534";

/// `command` as `nobody`, with only `env` in its environment.
fn as_nobody(command: &[String], env: &[(String, String)]) -> Command {
    let mut setpriv = Command::new("setpriv");
    setpriv
        .args([
            &format!("--reuid={NOBODY}"),
            &format!("--regid={NOBODY}"),
            "--clear-groups",
            "--",
        ])
        .args(command)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)));
    setpriv
}

/// True while process `pid` runs as `nobody` (so a number reused by another process is left alone).
fn owned_by_nobody(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().next())
        == Some(NOBODY)
}

/// A captured output: RGB pixels from grim's PPM.
struct Capture {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

impl Capture {
    /// Parses a binary PPM (P6, maxval 255).
    fn parse(ppm: &[u8]) -> Option<Capture> {
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while ppm.get(at)?.is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !ppm.get(at)?.is_ascii_whitespace() {
                at += 1;
            }
            fields.push(std::str::from_utf8(&ppm[start..at]).ok()?.to_owned());
        }
        let (width, height) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
        let rgb = ppm.get(at + 1..at + 1 + width * height * 3)?.to_vec();
        (fields[0] == "P6" && fields[3] == "255").then_some(Capture { width, height, rgb })
    }

    /// How many distinct colours, the share of the commonest, and the share of pure black (where no
    /// window covers the output).
    fn stats(&self) -> (usize, f64, f64) {
        let mut counts = std::collections::HashMap::new();
        for px in self.rgb.chunks(3) {
            *counts.entry([px[0], px[1], px[2]]).or_insert(0usize) += 1;
        }
        let total = (self.width * self.height) as f64;
        let commonest = counts.values().copied().max().unwrap_or(0) as f64 / total;
        let black = counts.get(&[0, 0, 0]).copied().unwrap_or(0) as f64 / total;
        (counts.len(), commonest, black)
    }

    /// A painted page fills the output: text and colours, not one flat colour, and no uncovered black.
    fn painted(&self) -> bool {
        let (colours, commonest, black) = self.stats();
        colours >= 16 && commonest < 0.9 && black < 0.01
    }
}

#[test]
fn the_app_started_as_the_unit_starts_it_under_cage_says_ready_after_home_and_feeds_the_watchdog() {
    let dirs = tempfile::tempdir().expect("folders");
    let root = dirs.path();
    let (home, runtime, content) = (
        root.join("home"),
        root.join("runtime"),
        root.join("content"),
    );
    e2e::build_content(&e2e::root().join("resources/content"), &content);
    let config = home.join(".config/org.safetycompass.kiosk");
    std::fs::create_dir_all(&config).expect("config folder");
    std::fs::create_dir_all(&runtime).expect("runtime folder");
    // The settings an operator writes (the unit's command line has none of its own).
    std::fs::write(
        config.join("kiosk.toml"),
        format!(
            "country = \"LV\"\ndefault_locale = \"en\"\ncontent_dir = \"{}\"\n",
            content.display()
        ),
    )
    .expect("kiosk.toml");
    let notify = NotifySocket::bind(&root.join("notify"));
    let chown = Command::new("chown")
        .args(["-R", &format!("{NOBODY}:{NOBODY}")])
        .args([&home, &runtime, &content])
        .status()
        .expect("chown");
    assert!(chown.success(), "chown");
    let chmod = Command::new("chmod")
        .args(["755", &root.display().to_string()])
        .status()
        .expect("chmod");
    let chmod_socket = Command::new("chmod")
        .args(["666", &notify.path.display().to_string()])
        .status()
        .expect("chmod");
    let chmod_runtime = Command::new("chmod")
        .args(["700", &runtime.display().to_string()])
        .status()
        .expect("chmod");
    assert!(chmod.success() && chmod_socket.success() && chmod_runtime.success());

    // The unit's command line, with the built app where the package installs it.
    let app = crate::app_binary().display().to_string();
    let command: Vec<String> = unit_setting("ExecStart")
        .split_whitespace()
        .map(|word| match word {
            "/usr/bin/safety-compass" => app.clone(),
            other => other.to_owned(),
        })
        .collect();
    assert!(
        command.contains(&app),
        "the unit does not start the app: {command:?}"
    );
    let watchdog_usec =
        (unit_setting("WatchdogSec").parse::<u64>().expect("seconds") * 1_000_000).to_string();
    // What systemd and PAM give the unit's processes, then the unit's own Environment=, then what
    // only the test adds: the headless backend, the trace, a notify socket of its own.
    let mut env: Vec<(String, String)> = vec![
        ("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into()),
        ("HOME".into(), home.display().to_string()),
        ("USER".into(), "nobody".into()),
        ("LOGNAME".into(), "nobody".into()),
        ("SHELL".into(), "/usr/sbin/nologin".into()),
        ("LANG".into(), "C.UTF-8".into()),
        ("XDG_RUNTIME_DIR".into(), runtime.display().to_string()),
        ("NOTIFY_SOCKET".into(), notify.path.display().to_string()),
        ("WATCHDOG_USEC".into(), watchdog_usec),
        // systemd names the main process, cage.
        ("WATCHDOG_PID".into(), "1".into()),
    ];
    for (key, value) in unit_settings() {
        if key == "Environment"
            && let Some((k, v)) = value.split_once('=')
        {
            env.push((k.to_owned(), v.to_owned()));
        }
    }
    for (k, v) in [
        ("WLR_BACKENDS", "headless"),
        ("WLR_RENDERER", "pixman"),
        ("WLR_LIBINPUT_NO_DEVICES", "1"),
        ("SAFETY_COMPASS_TRACE", "1"),
    ] {
        env.push((k.into(), v.into()));
    }
    // The user's session bus, as user@.service runs it with dbus-user-session: outside the unit, so
    // its dbus-daemon does not see the unit's NOTIFY_SOCKET.
    let bus_path = runtime.join("bus");
    let mut bus = as_nobody(
        &[
            "dbus-daemon".into(),
            "--session".into(),
            "--nofork".into(),
            format!("--address=unix:path={}", bus_path.display()),
        ],
        &[("PATH".into(), "/usr/bin:/bin".into())],
    )
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .spawn()
    .expect("dbus-daemon");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !bus_path.exists() {
        assert!(Instant::now() < deadline, "the session bus did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    env.push((
        "DBUS_SESSION_BUS_ADDRESS".into(),
        format!("unix:path={}", bus_path.display()),
    ));
    let started = Instant::now();
    let mut cage = as_nobody(&command, &env)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starting cage (apt-get install cage xwayland)");
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    {
        let log = std::sync::Arc::clone(&log);
        let stderr = cage.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            use std::io::BufRead as _;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                log.lock().expect("log").push(line);
            }
        });
    }
    let cage_pid = cage.id();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let ready = notify.next(Duration::from_secs(90));
        let lines = || log.lock().expect("log").clone();
        let (ready_at, message) = ready
            .unwrap_or_else(|| panic!("no READY=1 under cage; its log:\n{}", lines().join("\n")));
        assert_eq!(message, "READY=1\n");
        let ready_ms = ready_at.duration_since(started).as_millis();
        // The trace line travels through cage's stderr, the datagram straight: wait for the line.
        let deadline = Instant::now() + WAIT;
        while !lines()
            .iter()
            .any(|l| l.starts_with("trace: ") && l.contains(" screen=home locale=en "))
        {
            assert!(
                Instant::now() < deadline,
                "READY=1 without a home screen in English: {:?}",
                lines()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // The screen: grim, as the same user, on cage's Wayland socket.
        let socket = std::fs::read_dir(&runtime)
            .expect("runtime folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("wayland-") && !n.ends_with(".lock"))
            .expect("cage's Wayland socket");
        let grim_env = vec![
            ("XDG_RUNTIME_DIR".to_owned(), runtime.display().to_string()),
            ("WAYLAND_DISPLAY".to_owned(), socket),
        ];
        // Not asserted, and why: under Debian 12's cage 0.1.4 (wlroots 0.15, headless backend, pixman
        // renderer, no GL here) the output is not reliably updated — in about half the runs it stays
        // black or one flat colour while wlroots logs "Basic output test failed for HEADLESS-1" at
        // every frame (its output_basic_test refusing the commit), although the page reports its home
        // screen painted and answers the heartbeat. A plain GTK window shows the same under this
        // cage, so it is the compositor's software path, not the app. The capture is saved for a
        // person to look at; what is asserted is the protocol, as the unit runs it.
        let deadline = Instant::now() + Duration::from_secs(10);
        let capture = loop {
            let shot = as_nobody(
                &["grim".into(), "-t".into(), "ppm".into(), "-".into()],
                &grim_env,
            )
            .output()
            .expect("grim (apt-get install grim)");
            let capture = Capture::parse(&shot.stdout).expect("grim's capture");
            if capture.painted() || Instant::now() > deadline {
                break capture;
            }
            std::thread::sleep(Duration::from_millis(500));
        };
        let (colours, commonest, black) = capture.stats();
        let png = crate::screenshot_dir().join("cage-home.png");
        let mut convert = Command::new("convert")
            .args([
                "-size",
                &format!("{}x{}", capture.width, capture.height),
                "-depth",
                "8",
                "rgb:-",
            ])
            .arg(&png)
            .stdin(std::process::Stdio::piped())
            .spawn()
            .expect("convert (imagemagick)");
        {
            use std::io::Write as _;
            convert
                .stdin
                .take()
                .expect("stdin")
                .write_all(&capture.rgb)
                .expect("write");
        }
        assert!(convert.wait().expect("convert").success(), "convert failed");
        // The watchdog is fed under cage too.
        let (_, beat) = notify
            .next(Duration::from_secs(30))
            .expect("no WATCHDOG=1 under cage");
        assert_eq!(
            beat, "WATCHDOG=1\n",
            "only the app notifies, and READY=1 once"
        );
        println!(
            "under cage (headless, pixman) as nobody: READY=1 {ready_ms} ms after exec; output {}x{}, painted {}, \
             {colours} colours, commonest {:.0} %, uncovered {:.1} %; see {}",
            capture.width,
            capture.height,
            capture.painted(),
            commonest * 100.0,
            black * 100.0,
            png.display()
        );
    }));
    // End the session as systemd stops the unit: the whole tree, cage first.
    let tree = desk::process_tree(cage_pid);
    desk::signal(cage_pid, "TERM");
    let deadline = Instant::now() + Duration::from_secs(10);
    while matches!(cage.try_wait(), Ok(None)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    for pid in tree.into_iter().filter(|pid| owned_by_nobody(*pid)) {
        desk::signal(pid, "KILL");
    }
    let _ = cage.wait();
    desk::signal(bus.id(), "TERM");
    let _ = bus.wait();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
