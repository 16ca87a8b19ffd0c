//! The book's flags test server, as one program and as a library the clients start in-process.
//!
//! Fluent Python's flags clients download from a server: the book's site (gone today), or a
//! local one that a teacher makes slow or unreliable to show what threads buy and how errors
//! travel through futures. This server plays all of those parts:
//!
//! * `GET /flags/{cc}/{cc}.gif` and `GET /flags/{cc}/metadata.json` for the 194 codes of
//!   [`COUNTRIES`](crate::countries::COUNTRIES), drawn by `flag_image.rs`, or read from a real
//!   flags tree with `--directory`; `404` for anything else;
//! * a delay, fixed or random, before each response (the book's DELAY proxy);
//! * an error rate, answering with a chosen status (the book's ERROR proxy; `418 I'm a teapot`);
//! * the three labels of the book's first edition as presets: LOCAL, DELAY, ERROR.
//!
//! **Reproducible faults.** Whether a request fails, and how long it is delayed, is decided by
//! hashing `(seed, path)`, not by drawing from one random stream: concurrent requests arrive in
//! any order, and the same seed must fail the same codes every time. [`ServerConfig::injects_error`]
//! answers the question for a test.
//!
//! **Concurrency.** `tiny_http` reads requests on its own threads; each request is then answered
//! on a thread of its own, so a delayed response or a slow client never holds up another. One
//! catch, worth knowing: `tiny_http` keeps a connection's reading thread busy until a kept-alive
//! connection is done, and it starts a new thread only when it counts no idle one — a count that
//! lags behind a burst (the race CPython's `ThreadPoolExecutor` had with its idle semaphore, and
//! `worker.rs` avoids). Under a burst of kept-alive connections, one could wait a whole delay for
//! a thread. Our clients therefore send `Connection: close`, as the book's `requests.get` calls
//! do, so each reading thread is free as soon as it has read its request.

use crate::countries::{COUNTRIES, country};
use crate::flag_image;
use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// The book's server labels (first edition), each with its port and behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// No delay, no errors: `http://localhost:8001/flags`.
    Local,
    /// Every response delayed 0.5 s: port 8002.
    Delay,
    /// 25% of responses fail with 418, half of them delayed 0.5 s: port 8003.
    Error,
}

impl Label {
    /// The port the book's setup used for this label.
    pub fn port(self) -> u16 {
        match self {
            Label::Local => 8001,
            Label::Delay => 8002,
            Label::Error => 8003,
        }
    }

    /// What this label's server does, for the clients' first line.
    pub fn behaviour(self) -> &'static str {
        match self {
            Label::Local => "no delay",
            Label::Delay => "0.5 s delay",
            Label::Error => "25% errors, half the responses delayed 0.5 s",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Label::Local => "LOCAL",
            Label::Delay => "DELAY",
            Label::Error => "ERROR",
        })
    }
}

/// How long to wait before answering.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Delay {
    /// Answer at once.
    None,
    /// Always this long.
    Fixed(Duration),
    /// Uniformly between the two, decided per path.
    Range(Duration, Duration),
}

impl Delay {
    /// Parses `0.5` (seconds) or `0.5..5` (a range). Negative, reversed or unreadable values are
    /// an error with a message for the user.
    pub fn parse(text: &str) -> Result<Delay, String> {
        let seconds = |part: &str| -> Result<Duration, String> {
            let value: f64 = part.trim().parse().map_err(|_| {
                format!("invalid delay {text:?}: expected seconds like 0.5 or 0.5..5")
            })?;
            Duration::try_from_secs_f64(value)
                .map_err(|_| format!("invalid delay {text:?}: seconds must be 0 or more"))
        };
        match text.split_once("..") {
            None => Ok(Delay::Fixed(seconds(text)?)),
            Some((low, high)) => {
                let (low, high) = (seconds(low)?, seconds(high)?);
                if low > high {
                    return Err(format!("invalid delay {text:?}: the range is reversed"));
                }
                Ok(Delay::Range(low, high))
            }
        }
    }
}

/// Everything the server can be told.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerConfig {
    /// The address to listen on; 127.0.0.1 by default.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The delay before each response.
    pub delay: Delay,
    /// The share of responses that are delayed (1.0: all; ERROR: 0.5).
    pub delay_share: f64,
    /// The share of flag requests answered with `error_status` instead.
    pub error_rate: f64,
    /// The status of injected errors; 418 by default.
    pub error_status: u16,
    /// Seeds the per-path decisions.
    pub seed: u64,
    /// Serve `DIR/{cc}/{cc}.gif` and `DIR/{cc}/metadata.json` instead of the built-in flags.
    pub directory: Option<PathBuf>,
    /// Print one line per request.
    pub log: bool,
}

impl ServerConfig {
    /// The LOCAL server on port 0: no delay, no errors.
    pub fn local() -> Self {
        ServerConfig {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            delay: Delay::None,
            delay_share: 1.0,
            error_rate: 0.0,
            error_status: 418,
            seed: 0,
            directory: None,
            log: false,
        }
    }

    /// The behaviour of one of the book's labels, on that label's port.
    pub fn for_label(label: Label) -> Self {
        let half_second = Delay::Fixed(Duration::from_millis(500));
        let base = ServerConfig {
            port: label.port(),
            ..ServerConfig::local()
        };
        match label {
            Label::Local => base,
            Label::Delay => ServerConfig {
                delay: half_second,
                ..base
            },
            Label::Error => ServerConfig {
                delay: half_second,
                delay_share: 0.5,
                error_rate: 0.25,
                ..base
            },
        }
    }

    /// Whether a request for `path` gets an injected error under this configuration.
    pub fn injects_error(&self, path: &str) -> bool {
        unit(self.seed, path, 1) < self.error_rate
    }

    /// How long a request for `path` is delayed under this configuration.
    pub fn delay_for(&self, path: &str) -> Duration {
        if unit(self.seed, path, 2) >= self.delay_share {
            return Duration::ZERO;
        }
        match self.delay {
            Delay::None => Duration::ZERO,
            Delay::Fixed(delay) => delay,
            Delay::Range(low, high) => low + (high - low).mul_f64(unit(self.seed, path, 3)),
        }
    }
}

/// A number in [0, 1) decided by `(seed, path, salt)` alone: FNV-1a, then a splitmix64 finish.
fn unit(seed: u64, path: &str, salt: u64) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt;
    for byte in path.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^= hash >> 31;
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

/// Counts of what the server answered.
#[derive(Debug, Default)]
pub struct Stats {
    ok: AtomicUsize,
    not_found: AtomicUsize,
    errors: AtomicUsize,
    delayed: AtomicUsize,
    rejected: AtomicUsize,
}

impl Stats {
    /// Flags and metadata served.
    pub fn ok(&self) -> usize {
        self.ok.load(Ordering::SeqCst)
    }
    /// 404 answers.
    pub fn not_found(&self) -> usize {
        self.not_found.load(Ordering::SeqCst)
    }
    /// Injected errors.
    pub fn errors(&self) -> usize {
        self.errors.load(Ordering::SeqCst)
    }
    /// Responses sent after a delay.
    pub fn delayed(&self) -> usize {
        self.delayed.load(Ordering::SeqCst)
    }
    /// Hostile or malformed requests refused (4xx other than 404).
    pub fn rejected(&self) -> usize {
        self.rejected.load(Ordering::SeqCst)
    }
}

/// A server started by [`start`]; dropping it stops it.
pub struct RunningServer {
    addr: SocketAddr,
    server: Arc<tiny_http::Server>,
    acceptor: Option<JoinHandle<()>>,
    stats: Arc<Stats>,
}

impl RunningServer {
    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL the clients use: `http://127.0.0.1:8001/flags`.
    pub fn base_url(&self) -> String {
        format!("http://{}/flags", self.addr)
    }

    /// What it has answered so far.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Stops accepting requests and waits for the accepting thread. Responses in flight finish
    /// on their own threads.
    pub fn shutdown(mut self) {
        self.stop();
    }

    /// Serves until the process is killed.
    pub fn run_forever(mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }

    fn stop(&mut self) {
        self.server.unblock();
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.stop();
    }
}

impl fmt::Debug for RunningServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningServer")
            .field("addr", &self.addr)
            .field("stats", &self.stats)
            .finish()
    }
}

/// Binds and starts serving; returns once the port is open.
pub fn start(config: ServerConfig) -> io::Result<RunningServer> {
    if let Some(directory) = &config.directory
        && !directory.is_dir()
    {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{} is not a readable directory", directory.display()),
        ));
    }
    let server = tiny_http::Server::http(SocketAddr::new(config.bind, config.port))
        .map_err(|error| io::Error::new(io::ErrorKind::AddrInUse, error.to_string()))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| io::Error::other("the server has no IP address"))?;
    if config.directory.is_none() {
        warm_up();
    }
    let server = Arc::new(server);
    let stats = Arc::new(Stats::default());
    let acceptor = {
        let server = Arc::clone(&server);
        let stats = Arc::clone(&stats);
        let config = Arc::new(config);
        thread::Builder::new()
            .name("flags_server".into())
            .spawn(move || {
                for request in server.incoming_requests() {
                    let config = Arc::clone(&config);
                    let stats = Arc::clone(&stats);
                    let spawned = thread::Builder::new()
                        .name("flags_request".into())
                        .spawn(move || answer(request, &config, &stats));
                    if let Err(error) = spawned {
                        eprintln!("flags_server: cannot start a thread for a request: {error}");
                    }
                }
            })?
    };
    Ok(RunningServer {
        addr,
        server,
        acceptor: Some(acceptor),
        stats,
    })
}

/// What a request asks for, once its path is understood.
enum Wanted {
    Flag(String),
    Metadata(String),
}

/// The longest path we read; anything longer is refused.
const MAX_PATH: usize = 256;

/// Answers one request: checks, then the delay, then the file or an error.
fn answer(request: tiny_http::Request, config: &ServerConfig, stats: &Stats) {
    let path = request.url().to_owned();
    let method = request.method().clone();
    if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
        stats.rejected.fetch_add(1, Ordering::SeqCst);
        log(
            config,
            format_args!("{method} {} 405 method not allowed", short(&path)),
        );
        return respond(
            request,
            405,
            "text/plain",
            b"405 Method Not Allowed\n".to_vec(),
        );
    }
    if path.len() > MAX_PATH {
        stats.rejected.fetch_add(1, Ordering::SeqCst);
        log(config, format_args!("{} 414 path too long", short(&path)));
        return respond(request, 414, "text/plain", b"414 URI Too Long\n".to_vec());
    }
    if path.contains("..") || path.contains('%') || path.contains('\\') {
        stats.rejected.fetch_add(1, Ordering::SeqCst);
        log(config, format_args!("{} 400 bad path", short(&path)));
        return respond(request, 400, "text/plain", b"400 Bad Request\n".to_vec());
    }
    let Some(wanted) = parse_path(&path) else {
        stats.not_found.fetch_add(1, Ordering::SeqCst);
        log(config, format_args!("{} 404 not found", short(&path)));
        return respond(request, 404, "text/plain", b"404 Not Found\n".to_vec());
    };
    let cc = match &wanted {
        Wanted::Flag(cc) | Wanted::Metadata(cc) => cc.to_ascii_uppercase(),
    };
    let delay = config.delay_for(&path);
    if !delay.is_zero() {
        stats.delayed.fetch_add(1, Ordering::SeqCst);
        thread::sleep(delay);
    }
    if config.injects_error(&path) {
        stats.errors.fetch_add(1, Ordering::SeqCst);
        log(config, format_args!("{cc} error: {}", config.error_status));
        let body = format!("{} {}\n", config.error_status, reason(config.error_status));
        return respond(
            request,
            config.error_status,
            "text/plain",
            body.into_bytes(),
        );
    }
    let (content_type, body) = match &wanted {
        Wanted::Flag(cc) => ("image/gif", flag_bytes(config, cc)),
        Wanted::Metadata(cc) => ("application/json", metadata_bytes(config, cc)),
    };
    match body {
        Some(body) => {
            stats.ok.fetch_add(1, Ordering::SeqCst);
            log(
                config,
                format_args!("{cc} delay: {:.2}s", delay.as_secs_f64()),
            );
            respond(request, 200, content_type, body)
        }
        None => {
            stats.not_found.fetch_add(1, Ordering::SeqCst);
            log(config, format_args!("{cc} 404 not found"));
            respond(request, 404, "text/plain", b"404 Not Found\n".to_vec())
        }
    }
}

/// `/flags/{cc}/{cc}.gif` or `/flags/{cc}/metadata.json` with the same two-letter code twice.
fn parse_path(path: &str) -> Option<Wanted> {
    let rest = path.strip_prefix("/flags/")?;
    let (cc, file) = rest.split_once('/')?;
    if cc.len() != 2 || !cc.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if file == "metadata.json" {
        return Some(Wanted::Metadata(cc.to_owned()));
    }
    let stem = file.strip_suffix(".gif")?;
    (stem == cc).then(|| Wanted::Flag(cc.to_owned()))
}

/// The flag image, built in or from `--directory` (the path is made from a checked code only).
fn flag_bytes(config: &ServerConfig, cc: &str) -> Option<Vec<u8>> {
    match &config.directory {
        Some(directory) => std::fs::read(directory.join(cc).join(format!("{cc}.gif"))).ok(),
        None => built_in_flag(cc),
    }
}

/// The built-in flag for `cc`, drawn once per process and kept.
fn built_in_flag(cc: &str) -> Option<Vec<u8>> {
    static DRAWN: [OnceLock<Vec<u8>>; COUNTRIES.len()] =
        [const { OnceLock::new() }; COUNTRIES.len()];
    let index = COUNTRIES
        .iter()
        .position(|country| country.cc.eq_ignore_ascii_case(cc))?;
    Some(
        DRAWN[index]
            .get_or_init(|| flag_image::render(&COUNTRIES[index].flag))
            .clone(),
    )
}

/// Draws every built-in flag ahead of the first requests, on a thread of its own.
fn warm_up() {
    let _ = thread::Builder::new()
        .name("flags_warm_up".into())
        .spawn(|| {
            for country in &COUNTRIES {
                built_in_flag(country.cc);
            }
        });
}

/// The metadata, built in or from `--directory`.
fn metadata_bytes(config: &ServerConfig, cc: &str) -> Option<Vec<u8>> {
    match &config.directory {
        Some(directory) => std::fs::read(directory.join(cc).join("metadata.json")).ok(),
        None => country(cc).map(|country| {
            format!(
                "{{\"country\": {}, \"cc\": \"{}\"}}\n",
                json_string(country.name),
                country.cc
            )
            .into_bytes()
        }),
    }
}

/// A JSON string literal (our names have no control characters, but quotes must be escaped).
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ch if ch.is_control() => out.push_str(&format!("\\u{:04x}", ch as u32)),
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

fn respond(request: tiny_http::Request, status: u16, content_type: &str, body: Vec<u8>) {
    let header = tiny_http::Header::from_bytes("Content-Type", content_type)
        .expect("a fixed ASCII header is valid");
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header);
    // A client that went away is no concern of the other clients.
    let _ = request.respond(response);
}

/// The reason phrase for a status, as the book's error proxy sent it.
pub fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        418 => "I'm a teapot",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    }
}

fn log(config: &ServerConfig, line: fmt::Arguments<'_>) {
    if config.log {
        println!("{line}");
    }
}

/// A path cut short for a log line.
fn short(path: &str) -> String {
    path.chars().take(60).collect()
}

/// Every code the built-in server knows, lower case, for building URLs.
pub fn known_codes() -> impl Iterator<Item = String> {
    COUNTRIES
        .iter()
        .map(|country| country.cc.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_parse_as_seconds_or_ranges() {
        assert_eq!(
            Delay::parse("0.5").unwrap(),
            Delay::Fixed(Duration::from_millis(500))
        );
        assert_eq!(
            Delay::parse("0.5..5").unwrap(),
            Delay::Range(Duration::from_millis(500), Duration::from_secs(5))
        );
        assert!(Delay::parse("-1").is_err());
        assert!(Delay::parse("5..1").is_err());
        assert!(Delay::parse("soon").is_err());
    }

    #[test]
    fn fault_decisions_depend_on_seed_and_path_only() {
        let config = ServerConfig {
            error_rate: 0.25,
            seed: 7,
            ..ServerConfig::local()
        };
        let failing = known_codes()
            .filter(|cc| config.injects_error(&format!("/flags/{cc}/{cc}.gif")))
            .count();
        assert!((20..80).contains(&failing), "{failing} of 194 at 25%");
        let again = known_codes()
            .filter(|cc| config.injects_error(&format!("/flags/{cc}/{cc}.gif")))
            .count();
        assert_eq!(failing, again);
    }

    #[test]
    fn the_labels_are_the_books_first_edition_servers() {
        let local = ServerConfig::for_label(Label::Local);
        assert_eq!(
            (local.port, local.delay, local.error_rate),
            (8001, Delay::None, 0.0)
        );
        let delay = ServerConfig::for_label(Label::Delay);
        assert_eq!(delay.port, 8002);
        assert_eq!(
            delay.delay_for("/flags/br/br.gif"),
            Duration::from_millis(500)
        );
        let error = ServerConfig::for_label(Label::Error);
        assert_eq!(
            (error.port, error.error_rate, error.error_status),
            (8003, 0.25, 418)
        );
        let delayed = known_codes()
            .filter(|cc| !error.delay_for(&format!("/flags/{cc}/{cc}.gif")).is_zero())
            .count();
        assert!((60..135).contains(&delayed), "about half of 194: {delayed}");
    }

    #[test]
    fn only_well_formed_flag_paths_parse() {
        assert!(matches!(parse_path("/flags/br/br.gif"), Some(Wanted::Flag(cc)) if cc == "br"));
        assert!(matches!(
            parse_path("/flags/br/metadata.json"),
            Some(Wanted::Metadata(_))
        ));
        assert!(parse_path("/flags/br/cn.gif").is_none());
        assert!(parse_path("/flags/BR/BR.gif").is_none());
        assert!(parse_path("/flags/bra/bra.gif").is_none());
        assert!(parse_path("/etc/passwd").is_none());
    }
}
