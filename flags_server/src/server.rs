//! The book's flags test server, as one program and as a library the clients start in-process.
//!
//! Fluent Python's flags clients download from a server: the book's site (gone today), or a
//! local one that a teacher makes slow or unreliable to show what threads buy and how errors
//! travel through futures. This server plays all of those parts:
//!
//! * `GET /flags/{cc}/{cc}.gif` and `GET /flags/{cc}/metadata.json` for the 194 codes of
//!   [`crate::countries::COUNTRIES`], drawn by `flag_image.rs`, or read from a real
//!   flags tree with `--directory`; `404` for anything else;
//! * a delay, fixed or random, before each response (the book's DELAY proxy);
//! * an error rate, answering with a chosen status (the book's ERROR proxy; `418 I'm a teapot`);
//! * the faults a real network shows ([`Fault`]): a connection reset mid-body, a body shorter
//!   than its `Content-Length`, a response that stalls until the client gives up, a `500` with
//!   an HTML page, and a redirect to `/moved/flags/...`, which serves the real file;
//! * the three labels of the book's first edition as presets: LOCAL, DELAY, ERROR;
//! * `GET /stats`: what it has answered and injected so far, as JSON ([`Stats`]).
//!
//! **Reproducible faults.** Whether a request fails, how, and how long it is delayed, is decided
//! by hashing `(seed, path)`, not by drawing from one random stream: concurrent requests arrive
//! in any order, and the same seed must fail the same codes every time.
//! [`ServerConfig::injects_error`] and [`ServerConfig::fault_for`] answer the question for a
//! test, and [`Stats`] counts what was actually sent, so a client's report can be checked
//! against both.
//!
//! **Concurrency.** One thread accepts connections; each connection is then served on a thread
//! of its own (`http.rs` reads the request and writes the response), so a delayed response, a
//! stalled one or a silent client never holds up another. Every response closes its connection,
//! as the book's `requests.get` calls expect: one request per connection.

use crate::countries::{COUNTRIES, country};
use crate::flag_image;
use crate::http::{self, HeadError};
use std::fmt;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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
            if value < 0.0 || value.is_nan() {
                return Err(format!("invalid delay {text:?}: seconds must be 0 or more"));
            }
            Duration::try_from_secs_f64(value)
                .map_err(|_| format!("invalid delay {text:?}: too many seconds"))
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
    /// The share of requests hit by each network fault (none by default).
    pub faults: FaultRates,
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
            faults: FaultRates::NONE,
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

    /// Which network fault, if any, a request for `path` gets under this configuration.
    ///
    /// The error knob comes first: a path that [`injects_error`](Self::injects_error) gets no
    /// other fault. A fault spoils the delivery of a file the server has; a file it does not
    /// have is a `404` whatever the draw.
    pub fn fault_for(&self, path: &str) -> Option<Fault> {
        if self.injects_error(path) {
            return None;
        }
        let draw = unit(self.seed, path, 4);
        let mut bound = 0.0;
        for (fault, rate) in self.faults.by_fault() {
            bound += rate;
            if draw < bound {
                return Some(fault);
            }
        }
        None
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

/// A fault a real network or a sick server shows, injected into the delivery of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The headers and half the body, then the connection is reset (a TCP RST, not a FIN).
    Reset,
    /// The headers with the full `Content-Length`, half the body, then a normal close.
    Short,
    /// The headers and half the body, then nothing until the client gives up and closes
    /// (or [`STALL_LIMIT`] passes).
    Stall,
    /// `500 Internal Server Error` with an HTML page, as a crashed application behind a web
    /// server answers.
    Html500,
    /// `302 Found` to `/moved{path}`, which serves the real file with no delay and no fault: a
    /// client that follows redirects succeeds.
    Redirect,
}

impl Fault {
    /// Every fault, in the order `--fault` lists them.
    pub const ALL: [Fault; 5] = [
        Fault::Reset,
        Fault::Short,
        Fault::Stall,
        Fault::Html500,
        Fault::Redirect,
    ];

    /// The name `--fault` knows it by: `reset`, `short`, `stall`, `html500`, `redirect`.
    pub fn name(self) -> &'static str {
        match self {
            Fault::Reset => "reset",
            Fault::Short => "short",
            Fault::Stall => "stall",
            Fault::Html500 => "html500",
            Fault::Redirect => "redirect",
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How long a stalled response waits for its client to give up before closing.
pub const STALL_LIMIT: Duration = Duration::from_secs(60);

/// The share of requests each [`Fault`] hits: each from 0 to 1, together at most 1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FaultRates {
    /// Connection reset mid-body.
    pub reset: f64,
    /// Body shorter than its `Content-Length`.
    pub short: f64,
    /// Response stalled past the client's timeout.
    pub stall: f64,
    /// `500` with an HTML page.
    pub html500: f64,
    /// `302` to the same file under `/moved`.
    pub redirect: f64,
}

impl FaultRates {
    /// No faults.
    pub const NONE: FaultRates = FaultRates {
        reset: 0.0,
        short: 0.0,
        stall: 0.0,
        html500: 0.0,
        redirect: 0.0,
    };

    /// Parses `reset=0.1,short=0.05,stall=0.1,html500=0.1,redirect=0.1` (any subset, any
    /// order; a fault not named gets 0). Unknown names, rates outside 0..=1 and rates adding up
    /// to more than 1 are an error with a message for the user.
    pub fn parse(text: &str) -> Result<FaultRates, String> {
        let names = Fault::ALL.map(Fault::name).join(", ");
        let mut rates = FaultRates::NONE;
        for item in text.split(',') {
            let (name, rate) = item.split_once('=').ok_or_else(|| {
                format!("invalid fault {item:?}: expected NAME=RATE, like reset=0.1")
            })?;
            let fault = Fault::ALL
                .into_iter()
                .find(|fault| fault.name() == name.trim())
                .ok_or_else(|| format!("unknown fault {name:?}: expected one of {names}"))?;
            let rate: f64 = match rate.trim().parse() {
                Ok(rate) if (0.0..=1.0).contains(&rate) => rate,
                _ => return Err(format!("invalid rate {rate:?} for {name}: expected 0 to 1")),
            };
            *rates.rate_mut(fault) = rate;
        }
        let total: f64 = rates.by_fault().iter().map(|(_, rate)| rate).sum();
        if total > 1.0 + 1e-9 {
            return Err(format!("the fault rates add up to {total}, more than 1"));
        }
        Ok(rates)
    }

    /// Each fault with its rate, in [`Fault::ALL`] order.
    pub fn by_fault(&self) -> [(Fault, f64); 5] {
        Fault::ALL.map(|fault| (fault, self.rate(fault)))
    }

    /// The rate of one fault.
    pub fn rate(&self, fault: Fault) -> f64 {
        match fault {
            Fault::Reset => self.reset,
            Fault::Short => self.short,
            Fault::Stall => self.stall,
            Fault::Html500 => self.html500,
            Fault::Redirect => self.redirect,
        }
    }

    fn rate_mut(&mut self, fault: Fault) -> &mut f64 {
        match fault {
            Fault::Reset => &mut self.reset,
            Fault::Short => &mut self.short,
            Fault::Stall => &mut self.stall,
            Fault::Html500 => &mut self.html500,
            Fault::Redirect => &mut self.redirect,
        }
    }

    /// Whether any fault has a rate above 0.
    pub fn any(&self) -> bool {
        self.by_fault().iter().any(|(_, rate)| *rate > 0.0)
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

/// Counts of what the server answered and injected.
#[derive(Debug, Default)]
pub struct Stats {
    ok: AtomicUsize,
    not_found: AtomicUsize,
    errors: AtomicUsize,
    delayed: AtomicUsize,
    rejected: AtomicUsize,
    resets: AtomicUsize,
    shorts: AtomicUsize,
    stalls: AtomicUsize,
    html500s: AtomicUsize,
    redirects: AtomicUsize,
}

impl Stats {
    /// Flags and metadata served whole (a redirect's target included).
    pub fn ok(&self) -> usize {
        self.ok.load(Ordering::SeqCst)
    }
    /// 404 answers.
    pub fn not_found(&self) -> usize {
        self.not_found.load(Ordering::SeqCst)
    }
    /// Injected error statuses (`--error-rate`).
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
    /// How many times `fault` was injected.
    pub fn injected(&self, fault: Fault) -> usize {
        self.counter(fault).load(Ordering::SeqCst)
    }

    fn counter(&self, fault: Fault) -> &AtomicUsize {
        match fault {
            Fault::Reset => &self.resets,
            Fault::Short => &self.shorts,
            Fault::Stall => &self.stalls,
            Fault::Html500 => &self.html500s,
            Fault::Redirect => &self.redirects,
        }
    }

    /// The counts as one JSON object, for `GET /stats`:
    /// `{"ok": 150, "not_found": 361, "errors": 165, ..., "reset": 3, ...}`.
    pub fn to_json(&self) -> String {
        let mut fields = vec![
            ("ok", self.ok()),
            ("not_found", self.not_found()),
            ("errors", self.errors()),
            ("delayed", self.delayed()),
            ("rejected", self.rejected()),
        ];
        fields.extend(Fault::ALL.map(|fault| (fault.name(), self.injected(fault))));
        let fields: Vec<String> = fields
            .iter()
            .map(|(name, count)| format!("\"{name}\": {count}"))
            .collect();
        format!("{{{}}}\n", fields.join(", "))
    }
}

/// A server started by [`start`]; dropping it stops it.
pub struct RunningServer {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
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

    /// Stops accepting connections and waits for the accepting thread. Responses in flight
    /// finish on their own threads.
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
        let Some(acceptor) = self.acceptor.take() else {
            return;
        };
        self.stopping.store(true, Ordering::SeqCst);
        // The accepting thread is blocked in accept(): one connection of our own wakes it to
        // see the flag.
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let wake = SocketAddr::new(ip, self.addr.port());
        if TcpStream::connect_timeout(&wake, Duration::from_secs(1)).is_ok() {
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
    let listener = TcpListener::bind(SocketAddr::new(config.bind, config.port))?;
    let addr = listener.local_addr()?;
    if config.directory.is_none() {
        warm_up();
    }
    let stats = Arc::new(Stats::default());
    let stopping = Arc::new(AtomicBool::new(false));
    let acceptor = {
        let (stats, stopping) = (Arc::clone(&stats), Arc::clone(&stopping));
        let config = Arc::new(config);
        thread::Builder::new()
            .name("flags_server".into())
            .spawn(move || accept_loop(&listener, &config, &stats, &stopping))?
    };
    Ok(RunningServer {
        addr,
        stopping,
        acceptor: Some(acceptor),
        stats,
    })
}

/// Accepts connections until told to stop, serving each on a thread of its own.
fn accept_loop(
    listener: &TcpListener,
    config: &Arc<ServerConfig>,
    stats: &Arc<Stats>,
    stopping: &AtomicBool,
) {
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let stream = match stream {
            Ok(stream) => stream,
            Err(error) => {
                // Out of file descriptors, most likely: let some connections finish.
                eprintln!("flags_server: cannot accept a connection: {error}");
                thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let (config, stats) = (Arc::clone(config), Arc::clone(stats));
        let spawned = thread::Builder::new()
            .name("flags_request".into())
            .spawn(move || serve_connection(stream, &config, &stats));
        if let Err(error) = spawned {
            eprintln!("flags_server: cannot start a thread for a request: {error}");
        }
    }
}

/// Reads the one request of a connection and answers it.
fn serve_connection(mut stream: TcpStream, config: &ServerConfig, stats: &Stats) {
    let (status, body): (u16, &[u8]) = match http::read_request(&mut stream) {
        Ok(request) => return answer(&request, stream, config, stats),
        // Closed, reset or silent: no one to answer.
        Err(HeadError::Io(_)) => return,
        Err(HeadError::TooLarge) => (431, b"431 Request Header Fields Too Large\n"),
        Err(HeadError::Malformed) => (400, b"400 Bad Request\n"),
    };
    stats.rejected.fetch_add(1, Ordering::SeqCst);
    log(config, format_args!("{status} unreadable request"));
    http::respond(stream, false, status, "text/plain", body, &[]);
}

/// What a request asks for, once its path is understood.
enum Wanted {
    Flag(String),
    Metadata(String),
}

/// The longest path we read; anything longer is refused.
const MAX_PATH: usize = 256;

/// Where a redirected file is served: `/moved/flags/br/br.gif`, with no delay and no fault.
const MOVED: &str = "/moved";

/// The page a crashed application's web server sends.
const HTML_500: &str = "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n\
    <body><h1>Internal Server Error</h1><p>The server encountered an internal error and was \
    unable to complete your request.</p></body></html>\n";

/// Answers one request: checks, then the delay, then the file, an error or a fault.
fn answer(request: &http::Request, stream: TcpStream, config: &ServerConfig, stats: &Stats) {
    let path = request.path.as_str();
    let method = request.method.as_str();
    let head_only = method == "HEAD";
    let respond = |stream: TcpStream,
                   status: u16,
                   content_type: &str,
                   body: &[u8],
                   extra: &[(&str, &str)]| {
        http::respond(stream, head_only, status, content_type, body, extra);
    };
    if !matches!(method, "GET" | "HEAD") {
        stats.rejected.fetch_add(1, Ordering::SeqCst);
        log(
            config,
            format_args!("{} {} 405 method not allowed", short(method), short(path)),
        );
        return respond(stream, 405, "text/plain", b"405 Method Not Allowed\n", &[]);
    }
    if path.len() > MAX_PATH {
        stats.rejected.fetch_add(1, Ordering::SeqCst);
        log(config, format_args!("{} 414 path too long", short(path)));
        return respond(stream, 414, "text/plain", b"414 URI Too Long\n", &[]);
    }
    if path.contains("..") || path.contains('%') || path.contains('\\') {
        stats.rejected.fetch_add(1, Ordering::SeqCst);
        log(config, format_args!("{} 400 bad path", short(path)));
        return respond(stream, 400, "text/plain", b"400 Bad Request\n", &[]);
    }
    if path == "/stats" {
        return respond(
            stream,
            200,
            "application/json",
            stats.to_json().as_bytes(),
            &[],
        );
    }
    let (moved, flags_path) = match path.strip_prefix(MOVED) {
        Some(rest) => (true, rest),
        None => (false, path),
    };
    let Some(wanted) = parse_path(flags_path) else {
        stats.not_found.fetch_add(1, Ordering::SeqCst);
        log(config, format_args!("{} 404 not found", short(path)));
        return respond(stream, 404, "text/plain", b"404 Not Found\n", &[]);
    };
    let cc = match &wanted {
        Wanted::Flag(cc) | Wanted::Metadata(cc) => cc.to_ascii_uppercase(),
    };
    let delay = if moved {
        Duration::ZERO
    } else {
        config.delay_for(path)
    };
    if !delay.is_zero() {
        stats.delayed.fetch_add(1, Ordering::SeqCst);
        thread::sleep(delay);
    }
    if !moved && config.injects_error(path) {
        stats.errors.fetch_add(1, Ordering::SeqCst);
        log(config, format_args!("{cc} error: {}", config.error_status));
        let body = format!(
            "{} {}\n",
            config.error_status,
            http::reason(config.error_status)
        );
        return respond(
            stream,
            config.error_status,
            "text/plain",
            body.as_bytes(),
            &[],
        );
    }
    let (content_type, body) = match &wanted {
        Wanted::Flag(cc) => ("image/gif", flag_bytes(config, cc)),
        Wanted::Metadata(cc) => ("application/json", metadata_bytes(config, cc)),
    };
    let Some(body) = body else {
        stats.not_found.fetch_add(1, Ordering::SeqCst);
        log(config, format_args!("{cc} 404 not found"));
        return respond(stream, 404, "text/plain", b"404 Not Found\n", &[]);
    };
    let fault = if moved { None } else { config.fault_for(path) };
    let Some(fault) = fault else {
        stats.ok.fetch_add(1, Ordering::SeqCst);
        log(
            config,
            format_args!("{cc} delay: {:.2}s", delay.as_secs_f64()),
        );
        return respond(stream, 200, content_type, &body, &[]);
    };
    stats.counter(fault).fetch_add(1, Ordering::SeqCst);
    log(config, format_args!("{cc} fault: {fault}"));
    match fault {
        Fault::Html500 => respond(stream, 500, "text/html", HTML_500.as_bytes(), &[]),
        Fault::Redirect => {
            let location = format!("{MOVED}{path}");
            respond(
                stream,
                302,
                "text/plain",
                b"302 Found\n",
                &[("Location", &location)],
            );
        }
        Fault::Reset => {
            if let Some(stream) = send_half(stream, content_type, &body, head_only) {
                http::reset(stream);
            }
        }
        Fault::Short => {
            if let Some(stream) = send_half(stream, content_type, &body, head_only) {
                http::close(stream);
            }
        }
        Fault::Stall => {
            if let Some(stream) = send_half(stream, content_type, &body, head_only) {
                http::wait_for_client_to_leave(&stream, STALL_LIMIT);
                http::close(stream);
            }
        }
    }
}

/// Sends a `200` whose headers promise the whole `body`, then only its first half; gives the
/// connection back for the fault to end, or `None` if the client has already gone.
fn send_half(
    mut stream: TcpStream,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> Option<TcpStream> {
    let head = http::head(200, content_type, body.len(), &[]);
    let half = if head_only {
        &[][..]
    } else {
        &body[..body.len() / 2]
    };
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(half).ok()?;
    stream.flush().ok()?;
    Some(stream)
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
    fn fault_rates_parse_as_named_shares() {
        let rates = FaultRates::parse("reset=0.1, stall=0.25,redirect=0").unwrap();
        assert_eq!((rates.reset, rates.stall, rates.short), (0.1, 0.25, 0.0));
        assert!(rates.any());
        assert!(!FaultRates::NONE.any());
        assert!(FaultRates::parse("reset").is_err());
        assert!(FaultRates::parse("crash=0.1").is_err());
        assert!(FaultRates::parse("reset=2").is_err());
        assert!(FaultRates::parse("reset=-0.1").is_err());
        assert!(FaultRates::parse("reset=0.6,short=0.6").is_err());
    }

    #[test]
    fn faults_share_the_draw_and_never_meet_an_injected_error() {
        let config = ServerConfig {
            error_rate: 0.2,
            faults: FaultRates::parse("reset=0.2,short=0.2,stall=0.2,html500=0.2,redirect=0.2")
                .unwrap(),
            seed: 9,
            ..ServerConfig::local()
        };
        let mut seen = std::collections::HashSet::new();
        for cc in known_codes() {
            let path = format!("/flags/{cc}/{cc}.gif");
            match config.fault_for(&path) {
                Some(fault) => {
                    assert!(!config.injects_error(&path));
                    seen.insert(fault);
                }
                // All five rates add up to 1: only an injected error leaves no fault.
                None => assert!(config.injects_error(&path), "{path}"),
            }
            assert_eq!(config.fault_for(&path), config.fault_for(&path));
        }
        assert_eq!(seen.len(), 5);
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
        assert!(
            parse_path("/moved/flags/br/br.gif").is_none(),
            "answer strips /moved first"
        );
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
