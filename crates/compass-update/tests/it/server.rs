//! A small HTTP/1.1 server on loopback that serves a repository folder and can misbehave on
//! purpose: flip a byte, cut a file short, trickle one byte a second, stream forever, pad a file,
//! serve another file's bytes, or redirect; a missing file is a 404. Every request and every byte
//! sent is counted. Over TLS too ([`Server::start_tls`], with rustls and a test CA).

use std::io::{BufRead as _, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What to send for one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// The file as it is.
    Normal,
    /// The file with the byte at this offset (clamped) XOR 0x01.
    Flip(usize),
    /// Announce the full length, send this many bytes, close.
    Truncate(usize),
    /// Announce the full length, send one byte a second.
    Trickle,
    /// No length; send bytes until the client goes away.
    Endless,
    /// The file followed by this many extra bytes (length announced truthfully).
    Pad(usize),
    /// These bytes instead of the file.
    Bytes(Vec<u8>),
    /// `302 Found` to this location.
    Redirect(String),
}

type Rule = Box<dyn Fn(&str) -> Reply + Send + Sync>;

/// A running server; lives until the test process ends.
pub struct Server {
    pub port: u16,
    root: Arc<Mutex<PathBuf>>,
    rule: Arc<Mutex<Rule>>,
    requests: Arc<Mutex<Vec<String>>>,
    sent: Arc<AtomicU64>,
}

impl Server {
    pub fn start(root: PathBuf) -> Server {
        Server::start_with(root, None)
    }

    /// The same server over TLS with this certificate (`https://localhost:PORT/`).
    pub fn start_tls(root: PathBuf, tls: Arc<rustls::ServerConfig>) -> Server {
        Server::start_with(root, Some(tls))
    }

    fn start_with(root: PathBuf, tls: Option<Arc<rustls::ServerConfig>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let server = Server {
            port,
            root: Arc::new(Mutex::new(root)),
            rule: Arc::new(Mutex::new(Box::new(|_| Reply::Normal))),
            requests: Arc::default(),
            sent: Arc::default(),
        };
        let (root, rule, requests, sent) = (
            server.root.clone(),
            server.rule.clone(),
            server.requests.clone(),
            server.sent.clone(),
        );
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, rule, requests, sent) =
                    (root.clone(), rule.clone(), requests.clone(), sent.clone());
                let tls = tls.clone();
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                    let _ = match tls {
                        None => serve(stream, &root, &rule, &requests, &sent),
                        Some(config) => match rustls::ServerConnection::new(config) {
                            Ok(conn) => serve(
                                rustls::StreamOwned::new(conn, stream),
                                &root,
                                &rule,
                                &requests,
                                &sent,
                            ),
                            Err(e) => Err(std::io::Error::other(e)),
                        },
                    };
                });
            }
        });
        server
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Decides the reply per request path (e.g. `/metadata/timestamp.json`).
    pub fn rule(&self, rule: impl Fn(&str) -> Reply + Send + Sync + 'static) {
        *self.rule.lock().expect("rule") = Box::new(rule);
    }

    pub fn behave(&self) {
        self.rule(|_| Reply::Normal);
    }

    /// Paths requested so far (and forgets them).
    pub fn take_requests(&self) -> Vec<String> {
        std::mem::take(&mut *self.requests.lock().expect("requests"))
    }

    /// Body bytes sent so far (and resets the count).
    pub fn take_sent(&self) -> u64 {
        self.sent.swap(0, Ordering::SeqCst)
    }
}

fn serve<S: Read + Write>(
    stream: S,
    root: &Mutex<PathBuf>,
    rule: &Mutex<Rule>,
    requests: &Mutex<Vec<String>>,
    sent: &AtomicU64,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header == "\r\n" {
                break;
            }
        }
        let path = request_line
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .to_owned();
        requests.lock().expect("requests").push(path.clone());
        let reply = (rule.lock().expect("rule"))(&path);
        let file = root.lock().expect("root").join(
            path.split('?')
                .next()
                .unwrap_or_default()
                .trim_start_matches('/'),
        );
        // Reads go through the buffer; writes go to the stream under it.
        let stream = reader.get_mut();
        if let Reply::Redirect(to) = &reply {
            write!(
                stream,
                "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n"
            )?;
            stream.flush()?;
            continue;
        }
        let body = match (&reply, std::fs::read(&file)) {
            (Reply::Bytes(bytes), _) => bytes.clone(),
            (_, Err(_)) => {
                stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")?;
                stream.flush()?;
                continue;
            }
            (_, Ok(bytes)) => bytes,
        };
        match reply {
            Reply::Normal | Reply::Bytes(_) | Reply::Redirect(_) => {
                send(stream, &body, body.len(), sent)?
            }
            Reply::Flip(at) => {
                let mut body = body;
                let at = at.min(body.len().saturating_sub(1));
                if let Some(byte) = body.get_mut(at) {
                    *byte ^= 0x01;
                }
                send(stream, &body, body.len(), sent)?;
            }
            Reply::Pad(extra) => {
                let mut body = body;
                body.extend(std::iter::repeat_n(b' ', extra));
                send(stream, &body, body.len(), sent)?;
            }
            Reply::Truncate(keep) => {
                send(stream, &body[..keep.min(body.len())], body.len(), sent)?;
                return Ok(());
            }
            Reply::Trickle => {
                write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )?;
                for byte in body {
                    stream.write_all(&[byte])?;
                    stream.flush()?;
                    sent.fetch_add(1, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_secs(1));
                }
                return Ok(());
            }
            Reply::Endless => {
                stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")?;
                let chunk = vec![b' '; 16 * 1024];
                loop {
                    stream.write_all(&chunk)?;
                    sent.fetch_add(chunk.len() as u64, Ordering::SeqCst);
                }
            }
        }
    }
}

fn send(
    stream: &mut impl Write,
    body: &[u8],
    announced: usize,
    sent: &AtomicU64,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Length: {announced}\r\n\r\n"
    )?;
    stream.write_all(body)?;
    stream.flush()?;
    sent.fetch_add(body.len() as u64, Ordering::SeqCst);
    Ok(())
}
