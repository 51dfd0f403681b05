//! A desk for the production visitor path: a private X server (Xvfb) with a real window manager
//! (openbox) and session bus, the real `safety-compass --kiosk` binary started as a kiosk starts it (no
//! WebDriver, no automation variable), input through XTest, and two ways to read what happens:
//!
//! - the screen itself: the root window's pixels (`GetImage`), the window manager's client list and
//!   each client's `_NET_WM_STATE`, and the mapped override-redirect windows (menus, popups);
//! - the app's trace (`SAFETY_COMPASS_TRACE=1`): one stderr line each time the page reports the screen
//!   it painted — `trace: session=N screen=home locale=en` — naming no content and no text. The page
//!   reports its screen in every run (the admin lock depends on it); the variable only prints it, so it
//!   cannot change what the kiosk does.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Read as _};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{self, ConnectionExt as _, ImageFormat, MapState, Window};
use x11rb::protocol::xtest::ConnectionExt as _;
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

/// Keysyms the tests press.
pub mod keysym {
    pub const ESCAPE: u32 = 0xff1b;
    pub const TAB: u32 = 0xff09;
    pub const RETURN: u32 = 0xff0d;
    pub const LEFT: u32 = 0xff51;
    pub const SHIFT: u32 = 0xffe1;
    pub const CONTROL: u32 = 0xffe3;
    pub const ALT: u32 = 0xffe9;
    pub const F4: u32 = 0xffc1;
    pub const F5: u32 = 0xffc2;
    pub const F11: u32 = 0xffc8;
    pub const F12: u32 = 0xffc9;

    /// The keysym of a lowercase ASCII letter or digit.
    pub fn ascii(c: char) -> u32 {
        u32::from(c)
    }
}

/// The X server, window manager and session bus of one test.
pub struct Desk {
    children: Vec<Child>,
    pub conn: RustConnection,
    pub root: Window,
    pub width: u16,
    pub height: u16,
    display: String,
    bus: String,
    keycodes: BTreeMap<u32, u8>,
    /// The app's folders: `home`, `data`, `cache`, `config`, `state`, `runtime`, `tmp`, `kiosk`.
    pub dirs: tempfile::TempDir,
    app: Option<Child>,
    trace: Arc<Mutex<Vec<String>>>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("display", &self.display)
            .finish()
    }
}

fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Desk {
    /// Starts Xvfb at `width`×`height`, a session bus and openbox.
    pub fn start(width: u16, height: u16) -> Desk {
        let dirs = tempfile::tempdir().expect("desk folders");
        for dir in [
            "home", "data", "cache", "config", "state", "runtime", "tmp", "kiosk",
        ] {
            std::fs::create_dir_all(dirs.path().join(dir)).expect("folder");
        }
        std::fs::set_permissions(
            dirs.path().join("runtime"),
            std::fs::Permissions::from_mode(0o700),
        )
        .expect("runtime folder mode");
        let mut children = Vec::new();
        // Xvfb picks a free display and writes its number to the pipe we give it.
        let mut xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-nolisten", "tcp", "-screen", "0"])
            .arg(format!("{width}x{height}x24"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting Xvfb (apt-get install xvfb)");
        let mut number = String::new();
        let mut stdout = xvfb.stdout.take().expect("Xvfb stdout");
        let mut byte = [0u8; 1];
        while stdout.read(&mut byte).map(|n| n == 1).unwrap_or(false) && byte[0] != b'\n' {
            number.push(char::from(byte[0]));
        }
        children.push(xvfb);
        let display = format!(":{}", number.trim());
        let (conn, screen) = x11rb::connect(Some(&display)).expect("connecting to Xvfb");
        let root = conn.setup().roots[screen].root;
        let bus_child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting dbus-daemon");
        let mut bus_child = bus_child;
        let mut bus = String::new();
        BufReader::new(bus_child.stdout.take().expect("bus stdout"))
            .read_line(&mut bus)
            .expect("bus address");
        children.push(bus_child);
        let wm = Command::new("openbox")
            .env("DISPLAY", &display)
            .env("HOME", dirs.path().join("home"))
            .env("DBUS_SESSION_BUS_ADDRESS", bus.trim())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting openbox (apt-get install openbox)");
        children.push(wm);
        let mut desk = Desk {
            children,
            conn,
            root,
            width,
            height,
            display,
            bus: bus.trim().to_owned(),
            keycodes: BTreeMap::new(),
            dirs,
            app: None,
            trace: Arc::default(),
        };
        wait_for("openbox", Duration::from_secs(10), || {
            desk.atom_list(desk.root, "_NET_SUPPORTING_WM_CHECK")
                .is_some_and(|v| !v.is_empty())
        });
        desk.keycodes = desk.keyboard_map();
        desk
    }

    /// The X display's name.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// A folder of the app's, by name (see [`Desk::dirs`]).
    pub fn dir(&self, name: &str) -> PathBuf {
        self.dirs.path().join(name)
    }

    /// The folders a visit must leave unchanged: HOME, the XDG folders, the runtime and temporary folders.
    pub fn private_roots(&self) -> Vec<PathBuf> {
        ["home", "data", "cache", "config", "state", "runtime", "tmp"]
            .iter()
            .map(|name| self.dir(name))
            .collect()
    }

    /// Every file under [`Desk::private_roots`] with its content, except Mesa's GPU shader cache
    /// (`XDG_CACHE_HOME/mesa_shader_cache*`), which is the graphics driver's: compiled shader programs
    /// keyed by their source, shared by every program on the machine, never page text. Also returns
    /// how many of those were set aside (the privacy test still searches them for visitor words).
    pub fn private_files(&self) -> (BTreeMap<PathBuf, Vec<u8>>, BTreeMap<PathBuf, Vec<u8>>) {
        let cache = self.dir("cache");
        files_under(&self.private_roots())
            .into_iter()
            .partition(|(path, _)| {
                !path
                    .strip_prefix(&cache)
                    .is_ok_and(|rest| rest.to_string_lossy().starts_with("mesa_shader_cache"))
            })
    }

    /// Starts the app with `args` and waits for its first home screen.
    pub fn launch(&mut self, args: &[&str]) {
        self.launch_with(args, &[]);
    }

    /// Starts the app with `args` and, besides the desk's environment, `env`; waits for its first
    /// home screen.
    pub fn launch_with(&mut self, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) {
        let mut child = Command::new(crate::app_binary())
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("DISPLAY", &self.display)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .env("HOME", self.dir("home"))
            .env("XDG_DATA_HOME", self.dir("data"))
            .env("XDG_CACHE_HOME", self.dir("cache"))
            .env("XDG_CONFIG_HOME", self.dir("config"))
            .env("XDG_STATE_HOME", self.dir("state"))
            .env("XDG_RUNTIME_DIR", self.dir("runtime"))
            .env("TMPDIR", self.dir("tmp"))
            .env("LANG", "C.UTF-8")
            .env("SAFETY_COMPASS_TRACE", "1")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting safety-compass");
        let stderr = child.stderr.take().expect("app stderr");
        let trace = Arc::clone(&self.trace);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                trace.lock().expect("trace").push(line);
            }
        });
        self.app = Some(child);
        self.wait_trace("the first home screen", Duration::from_secs(60), |t| {
            t.screen == "home"
        });
        wait_for("the app window", Duration::from_secs(10), || {
            !self.clients().is_empty()
        });
    }

    /// The app's process id.
    pub fn pid(&self) -> u32 {
        self.app.as_ref().expect("app started").id()
    }

    /// True while the app runs.
    pub fn alive(&mut self) -> bool {
        self.app
            .as_mut()
            .is_some_and(|app| matches!(app.try_wait(), Ok(None)))
    }

    /// Every stderr line so far.
    pub fn log(&self) -> Vec<String> {
        self.trace.lock().expect("trace").clone()
    }

    /// The trace lines so far, parsed.
    pub fn traces(&self) -> Vec<Trace> {
        self.log().iter().filter_map(|l| Trace::parse(l)).collect()
    }

    /// Waits for a trace line that `matches`, among all so far.
    pub fn wait_trace(
        &self,
        what: &str,
        timeout: Duration,
        mut matches: impl FnMut(&Trace) -> bool,
    ) -> Trace {
        self.wait_trace_after(0, what, timeout, &mut matches)
    }

    /// Waits for a trace line among those after the first `skip` lines of the log.
    pub fn wait_trace_after(
        &self,
        skip: usize,
        what: &str,
        timeout: Duration,
        matches: &mut dyn FnMut(&Trace) -> bool,
    ) -> Trace {
        let deadline = Instant::now() + timeout;
        loop {
            let log = self.log();
            if let Some(found) = log
                .iter()
                .skip(skip)
                .filter_map(|l| Trace::parse(l))
                .find(|t| matches(t))
            {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the app's log ends:\n{}",
                log.iter()
                    .rev()
                    .take(15)
                    .rev()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// How many log lines there are now (to wait for what comes after).
    pub fn mark(&self) -> usize {
        self.trace.lock().expect("trace").len()
    }

    fn keyboard_map(&self) -> BTreeMap<u32, u8> {
        let setup = self.conn.setup();
        let (min, max) = (setup.min_keycode, setup.max_keycode);
        let reply = self
            .conn
            .get_keyboard_mapping(min, max - min + 1)
            .expect("keyboard mapping")
            .reply()
            .expect("keyboard mapping reply");
        let per = usize::from(reply.keysyms_per_keycode);
        let mut map = BTreeMap::new();
        for (index, syms) in reply.keysyms.chunks(per).enumerate() {
            let code = min + u8::try_from(index).expect("keycode");
            for sym in syms.iter().take(2) {
                map.entry(*sym).or_insert(code);
            }
        }
        map
    }

    fn fake(&self, kind: u8, detail: u8, x: i16, y: i16) {
        self.conn
            .xtest_fake_input(kind, detail, x11rb::CURRENT_TIME, self.root, x, y, 0)
            .expect("xtest");
        self.conn.sync().expect("sync");
    }

    /// Presses the keys together (modifiers first), then releases them in reverse.
    pub fn keys(&self, syms: &[u32]) {
        self.holding(syms, || ());
    }

    /// Holds the keys down while `action` runs.
    pub fn holding(&self, syms: &[u32], action: impl FnOnce()) {
        let codes: Vec<u8> = syms.iter().map(|sym| self.keycode(*sym)).collect();
        for code in &codes {
            self.fake(xproto::KEY_PRESS_EVENT, *code, 0, 0);
        }
        action();
        for code in codes.iter().rev() {
            self.fake(xproto::KEY_RELEASE_EVENT, *code, 0, 0);
        }
    }

    fn keycode(&self, sym: u32) -> u8 {
        *self
            .keycodes
            .get(&sym)
            .unwrap_or_else(|| panic!("no keycode for keysym {sym:#x}"))
    }

    /// Types lowercase ASCII text key by key.
    pub fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.keys(&[keysym::ascii(c)]);
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// Moves the pointer to (`x`, `y`).
    pub fn move_to(&self, x: i16, y: i16) {
        self.fake(xproto::MOTION_NOTIFY_EVENT, 0, x, y);
    }

    /// Clicks `button` (1 left, 2 middle, 3 right, 4/5 wheel) at (`x`, `y`).
    pub fn click(&self, x: i16, y: i16, button: u8) {
        self.move_to(x, y);
        self.fake(xproto::BUTTON_PRESS_EVENT, button, 0, 0);
        self.fake(xproto::BUTTON_RELEASE_EVENT, button, 0, 0);
    }

    /// Drags with the left button from one point to another (selects text).
    pub fn drag(&self, from: (i16, i16), to: (i16, i16)) {
        self.move_to(from.0, from.1);
        self.fake(xproto::BUTTON_PRESS_EVENT, 1, 0, 0);
        for step in 1..=10 {
            let x = from.0 + (to.0 - from.0) * step / 10;
            let y = from.1 + (to.1 - from.1) * step / 10;
            self.move_to(x, y);
            std::thread::sleep(Duration::from_millis(10));
        }
        self.fake(xproto::BUTTON_RELEASE_EVENT, 1, 0, 0);
    }

    /// Drags `uris` (a `text/uri-list`: files or links) from another program onto `target` at (`x`, `y`)
    /// with the XDND protocol, as a file manager or browser does, and drops them. Returns whether the
    /// target answered the position (`XdndStatus`) and finished the drop (`XdndFinished`), which shows
    /// the drop reached the app.
    pub fn drop_onto(&self, target: Window, x: i16, y: i16, uris: &str) -> (bool, bool) {
        use x11rb::protocol::Event;
        use x11rb::protocol::xproto::{
            ClientMessageEvent, CreateWindowAux, EventMask, PropMode, SelectionNotifyEvent,
            WindowClass,
        };
        let (conn, screen) = x11rb::connect(Some(&self.display)).expect("a second connection");
        let root = conn.setup().roots[screen].root;
        let source = conn.generate_id().expect("id");
        conn.create_window(
            x11rb::COPY_DEPTH_FROM_PARENT,
            source,
            root,
            -10,
            -10,
            1,
            1,
            0,
            WindowClass::INPUT_OUTPUT,
            0,
            &CreateWindowAux::new(),
        )
        .expect("source window");
        let atom = |name: &str| {
            conn.intern_atom(false, name.as_bytes())
                .expect("atom")
                .reply()
                .expect("atom reply")
                .atom
        };
        let [
            selection,
            enter,
            position,
            status,
            drop,
            finished,
            copy,
            uri_list,
        ] = [
            "XdndSelection",
            "XdndEnter",
            "XdndPosition",
            "XdndStatus",
            "XdndDrop",
            "XdndFinished",
            "XdndActionCopy",
            "text/uri-list",
        ]
        .map(atom);
        conn.set_selection_owner(source, selection, x11rb::CURRENT_TIME)
            .expect("selection");
        let send = |kind: u32, data: [u32; 5]| {
            let event = ClientMessageEvent::new(32, target, kind, data);
            conn.send_event(false, target, EventMask::NO_EVENT, event)
                .expect("send_event");
            conn.flush().expect("flush");
        };
        let point = (u32::from(x.unsigned_abs()) << 16) | u32::from(y.unsigned_abs());
        send(enter, [source, 5 << 24, uri_list, 0, 0]);
        send(position, [source, 0, point, 0, copy]);
        let mut answered = (false, false);
        let mut dropped = false;
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && !answered.1 {
            match conn.poll_for_event().expect("event") {
                Some(Event::ClientMessage(message)) if message.type_ == status => {
                    answered.0 = true;
                    if !dropped {
                        dropped = true;
                        send(drop, [source, 0, 0, 0, 0]);
                    }
                }
                Some(Event::ClientMessage(message)) if message.type_ == finished => {
                    answered.1 = true;
                }
                Some(Event::SelectionRequest(request)) => {
                    conn.change_property8(
                        PropMode::REPLACE,
                        request.requestor,
                        request.property,
                        request.target,
                        uris.as_bytes(),
                    )
                    .expect("property");
                    let notify = SelectionNotifyEvent {
                        response_type: xproto::SELECTION_NOTIFY_EVENT,
                        sequence: 0,
                        time: request.time,
                        requestor: request.requestor,
                        selection: request.selection,
                        target: request.target,
                        property: request.property,
                    };
                    conn.send_event(false, request.requestor, EventMask::NO_EVENT, notify)
                        .expect("notify");
                    conn.flush().expect("flush");
                }
                Some(_) => {}
                None => std::thread::sleep(Duration::from_millis(10)),
            }
        }
        conn.destroy_window(source).ok();
        conn.flush().ok();
        answered
    }

    /// The whole screen as RGB pixels, row by row.
    pub fn screen(&self) -> Screen {
        let reply = self
            .conn
            .get_image(
                ImageFormat::Z_PIXMAP,
                self.root,
                0,
                0,
                self.width,
                self.height,
                !0,
            )
            .expect("get_image")
            .reply()
            .expect("get_image reply");
        Screen {
            width: usize::from(self.width),
            height: usize::from(self.height),
            bgrx: reply.data,
        }
    }

    /// True when the screen's edges — rows 8 px from the top and bottom, columns 8 px from the left and
    /// right — are all white. Four one-pixel lines instead of the whole screen, so polling for the
    /// neutral cover after a key press costs little; confirm with [`Screen::neutral`].
    pub fn edges_white(&self) -> bool {
        let (w, h) = (self.width, self.height);
        let lines = [
            (0, 8, w, 1),
            (0, h - 8, w, 1),
            (8, 0, 1, h),
            (w - 8, 0, 1, h),
        ];
        lines.iter().all(|&(x, y, width, height)| {
            let reply = self
                .conn
                .get_image(
                    ImageFormat::Z_PIXMAP,
                    self.root,
                    i16::try_from(x).expect("x"),
                    i16::try_from(y).expect("y"),
                    width,
                    height,
                    !0,
                )
                .expect("get_image")
                .reply()
                .expect("get_image reply");
            reply
                .data
                .chunks(4)
                .all(|px| px[0] == 255 && px[1] == 255 && px[2] == 255)
        })
    }

    /// Saves the screen as a PNG (through ImageMagick's `convert`) for a person to look at.
    pub fn save_png(&self, name: &str) -> PathBuf {
        let screen = self.screen();
        let dir = crate::screenshot_dir();
        let raw = dir.join(format!("{name}.bgra"));
        let png = dir.join(format!("{name}.png"));
        std::fs::write(&raw, &screen.bgrx).expect("raw screenshot");
        let status = Command::new("convert")
            .args([
                "-size",
                &format!("{}x{}", self.width, self.height),
                "-depth",
                "8",
            ])
            .arg(format!("bgra:{}", raw.display()))
            .args(["-alpha", "off"])
            .arg(&png)
            .status()
            .expect("convert (imagemagick)");
        assert!(status.success(), "convert failed");
        std::fs::remove_file(&raw).ok();
        png
    }

    fn atom(&self, name: &str) -> u32 {
        self.conn
            .intern_atom(false, name.as_bytes())
            .expect("intern_atom")
            .reply()
            .expect("atom")
            .atom
    }

    fn atom_list(&self, window: Window, property: &str) -> Option<Vec<u32>> {
        let property = self.atom(property);
        let reply = self
            .conn
            .get_property(false, window, property, xproto::AtomEnum::ANY, 0, 1024)
            .ok()?
            .reply()
            .ok()?;
        Some(reply.value32()?.collect())
    }

    /// The window manager's client windows (every top-level window of every program).
    pub fn clients(&self) -> Vec<Window> {
        self.atom_list(self.root, "_NET_CLIENT_LIST")
            .unwrap_or_default()
    }

    /// Mapped windows that bypass the window manager (menus, popups, tooltips) and show on the screen
    /// (GTK keeps 1×1 or off-screen helper windows for drag and drop and input methods; they are not
    /// something a visitor could see or use).
    pub fn popups(&self) -> Vec<Window> {
        let Ok(tree) = self.conn.query_tree(self.root).map(|c| c.reply()) else {
            return Vec::new();
        };
        let Ok(tree) = tree else {
            return Vec::new();
        };
        tree.children
            .into_iter()
            .filter(|window| {
                self.conn
                    .get_window_attributes(*window)
                    .ok()
                    .and_then(|c| c.reply().ok())
                    .is_some_and(|a| a.override_redirect && a.map_state == MapState::VIEWABLE)
                    && self.on_screen(*window)
            })
            .collect()
    }

    fn on_screen(&self, window: Window) -> bool {
        let Some(g) = self
            .conn
            .get_geometry(window)
            .ok()
            .and_then(|c| c.reply().ok())
        else {
            return false;
        };
        let (x, y) = (i32::from(g.x), i32::from(g.y));
        let (w, h) = (i32::from(g.width), i32::from(g.height));
        w > 2
            && h > 2
            && x + w > 0
            && y + h > 0
            && x < i32::from(self.width)
            && y < i32::from(self.height)
    }

    /// True when `window` is fullscreen (its `_NET_WM_STATE` says so and it covers the screen).
    pub fn fullscreen(&self, window: Window) -> bool {
        let fullscreen = self.atom("_NET_WM_STATE_FULLSCREEN");
        let state = self.atom_list(window, "_NET_WM_STATE").unwrap_or_default();
        let geometry = self
            .conn
            .get_geometry(window)
            .ok()
            .and_then(|c| c.reply().ok());
        state.contains(&fullscreen)
            && geometry.is_some_and(|g| g.width == self.width && g.height == self.height)
    }

    /// Ends the app like the OS session does (SIGTERM) and waits for it.
    pub fn terminate_app(&mut self) -> std::process::ExitStatus {
        let mut app = self.app.take().expect("app started");
        signal(app.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = app.try_wait() {
                return status;
            }
            if Instant::now() > deadline {
                signal(app.id(), "KILL");
                panic!("the app did not end within 20 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        if let Some(mut app) = self.app.take() {
            signal(app.id(), "KILL");
            let _ = app.wait();
        }
        for child in self.children.iter_mut().rev() {
            signal(child.id(), "TERM");
            let _ = child.wait();
        }
    }
}

/// Sends a signal with kill(1) (the workspace forbids unsafe code, so no libc call).
pub fn signal(pid: u32, name: &str) {
    let _ = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .stderr(Stdio::null())
        .status();
}

/// One trace line of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub session: u64,
    pub screen: String,
    pub locale: String,
}

impl Trace {
    fn parse(line: &str) -> Option<Trace> {
        let rest = line.strip_prefix("trace: ")?;
        let mut fields = BTreeMap::new();
        for pair in rest.split_whitespace() {
            let (key, value) = pair.split_once('=')?;
            fields.insert(key, value);
        }
        Some(Trace {
            session: fields.get("session")?.parse().ok()?,
            screen: (*fields.get("screen")?).to_owned(),
            locale: (*fields.get("locale")?).to_owned(),
        })
    }
}

/// A captured screen.
pub struct Screen {
    pub width: usize,
    pub height: usize,
    bgrx: Vec<u8>,
}

impl Screen {
    /// The RGB colour at (`x`, `y`).
    pub fn rgb(&self, x: usize, y: usize) -> [u8; 3] {
        let at = (y * self.width + x) * 4;
        [self.bgrx[at + 2], self.bgrx[at + 1], self.bgrx[at]]
    }

    /// Grid points outside the centre, where the neutral screen has its only text.
    pub fn margin_points(&self) -> Vec<(usize, usize)> {
        let mut points = Vec::new();
        for y in (8..self.height).step_by(24) {
            for x in (8..self.width).step_by(24) {
                let centre_x = x > self.width / 10 && x < self.width * 9 / 10;
                let centre_y = y > self.height * 3 / 10 && y < self.height * 7 / 10;
                if !(centre_x && centre_y) {
                    points.push((x, y));
                }
            }
        }
        points
    }

    /// True when every margin point is the neutral screen's white: nothing of a page shows around it.
    pub fn neutral(&self) -> bool {
        self.margin_points()
            .iter()
            .all(|&(x, y)| self.rgb(x, y) == [255, 255, 255])
    }

    /// True when the centre (where the neutral screen's neutral title and "touch to start" are) holds
    /// dark pixels: text, not a blank page.
    pub fn centre_has_text(&self) -> bool {
        (self.height * 3 / 10..self.height * 7 / 10)
            .step_by(2)
            .any(|y| {
                (self.width / 10..self.width * 9 / 10)
                    .step_by(2)
                    .any(|x| self.rgb(x, y).iter().all(|c| *c < 100))
            })
    }

    /// How many margin points are not white (a page with its header and exit button has many).
    pub fn coloured_points(&self) -> usize {
        self.margin_points()
            .iter()
            .filter(|&&(x, y)| self.rgb(x, y) != [255, 255, 255])
            .count()
    }
}

/// Every process in the tree under `pid` (itself included).
pub fn process_tree(pid: u32) -> Vec<u32> {
    let mut parents: BTreeMap<u32, u32> = BTreeMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(child) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok());
        if let Some(ppid) = ppid {
            parents.insert(child, ppid);
        }
    }
    let mut tree = vec![pid];
    let mut index = 0;
    while index < tree.len() {
        let parent = tree[index];
        tree.extend(
            parents
                .iter()
                .filter(|(_, p)| **p == parent)
                .map(|(c, _)| *c),
        );
        index += 1;
    }
    tree
}

/// The command name of a process.
pub fn comm(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Resource figures of the app's process tree.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    /// Proportional set size summed over the tree, KiB.
    pub pss_kib: u64,
    /// Open file descriptors of the app process.
    pub fds: usize,
    /// Threads of the app process.
    pub threads: u64,
    /// Processes in the tree.
    pub processes: usize,
}

/// Measures the app's process tree.
pub fn figures(pid: u32) -> Figures {
    let tree = process_tree(pid);
    let pss_kib = tree
        .iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).ok())
        .filter_map(|text| {
            text.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .sum();
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0);
    let threads = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    Figures {
        pss_kib,
        fds,
        threads,
        processes: tree.len(),
    }
}

/// Every file under `roots` with its content, for before/after comparisons.
pub fn files_under(roots: &[PathBuf]) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                walk(&path, out);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    for root in roots {
        walk(root, &mut out);
    }
    out
}
