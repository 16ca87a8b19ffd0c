//! `flags.py`, the book's first flags program, less its `download_many`: `POP20_CC`,
//! `get_flag`, `save_flag`, `show`, and `main`, which times a `download_many`. Each program in
//! `src/bin/` brings its own `download_many` (and `download_one`, where the book's file has
//! one) and calls this `main`; the flags2 programs use the same downloader.
//!
//! ```python
//! POP20_CC = ('CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR').split()
//!
//! def save_flag(img, filename): ...          # write downloads/{cc}.gif
//! def get_flag(cc): ...                      # GET {BASE_URL}/{cc}/{cc}.gif
//! def show(text): print(text, end=' '); sys.stdout.flush()
//! def main(download_many):
//!     t0 = time.time()
//!     count = download_many(POP20_CC)
//!     elapsed = time.time() - t0
//!     print('\n{} flags downloaded in {:.2f}s'.format(count, elapsed))
//! ```
//!
//! The notebook's first cell also defines `download_one` (get the flag, show the code, save
//! it), which its other cells share; the book's `flags_threadpool.py` and
//! `flags_threadpool_ac.py` each define it again, and so do our programs.
//!
//! Four things differ from the book, each because our users run this on a machine with no
//! internet and may point it anywhere:
//!
//! * **The server.** The book's first programs downloaded from a web site across the internet
//!   (`flupy.org`, gone today): each flag took a round trip of a tenth of a second or so, which
//!   is what a thread pool overlaps. With no `--url`, [`Site::connect`] starts the built-in
//!   server (the `flags_server` crate) inside the program, answering like that site: each
//!   response waits a seeded, jittered internet round trip ([`Delay::Internet`]), and the first
//!   line says so (`--delay 0` turns it off). The flags2 programs find the book's local servers
//!   by label (LOCAL is port 8001, as in the book's first edition), starting the built-in one
//!   only when the port is free, and REMOTE is the simulated internet again. `--url URL` points
//!   at any other server; it must accept a connection before the first download, so that a
//!   server that is down is one error, not one per flag.
//! * **Files are written whole or not at all.** [`Downloader::save_flag`] writes a temporary file
//!   beside the destination and renames it, so an interrupted or failed write never leaves a
//!   half-written flag; the folder is created if missing (`--dest`, default `downloads/`), and
//!   a `--dest` that cannot be a folder is refused before the first download.
//! * **Errors are values.** `get_flag` returns a [`FlagError`] (`HTTP 418 - I'm a teapot`, not
//!   found, connection failure) instead of raising; the programs print it and exit non-zero.
//!   In the first series the error names the URL, as the traceback of the book's `requests`
//!   call would.
//! * **A timeout.** `--timeout SECS` (default 10) bounds each download as a whole, from
//!   connecting to the last byte, so a server that stalls or drips is an error, not a hang;
//!   redirects are followed.
//! * **Only a flag counts.** A download is a flag only if the answer is a plain `200` whose
//!   whole body, at most [`MAX_FLAG_BYTES`], is a GIF; anything else (an HTML page, an empty
//!   or partial content status, an encoded body) is an error that says what arrived and asks
//!   whether the server is a flags server.

use flags_server::{self, Delay, Label, RunningServer, ServerConfig};
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The 20 most populous countries, in the book's order.
pub const POP20_CC: [&str; 20] = [
    "CN", "IN", "US", "ID", "BR", "PK", "NG", "BD", "RU", "JP", "MX", "PH", "VN", "ET", "EG", "DE",
    "IR", "TR", "CD", "FR",
];

/// Where flags are saved unless `--dest` says otherwise.
pub const DEST_DIR: &str = "downloads";

/// How long each download may take in all unless `--timeout` says otherwise (the book's
/// second edition passes `timeout=3.1` to `requests`, which bounds the connect and each read).
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The range `--timeout` accepts, in seconds: from a millisecond (less would round to no time
/// at all, and every server would seem down) to an hour (more is no timeout a user means).
pub const TIMEOUT_RANGE: (f64, f64) = (0.001, 3600.0);

/// Reads `--timeout SECS`: seconds from 0.001 to 3600, like `3.1` or `0.2`.
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    let (low, high) = TIMEOUT_RANGE;
    match text.trim().parse::<f64>() {
        Ok(seconds) if (low..=high).contains(&seconds) => Ok(Duration::from_secs_f64(seconds)),
        _ => Err(format!(
            "{text:?} is not a number of seconds from {low} to {high}, like 3.1"
        )),
    }
}

/// Why a flag could not be fetched.
#[derive(Debug, Clone)]
pub enum FlagError {
    /// The server answered 404.
    NotFound,
    /// The server answered another error status: `HTTP 418 - I'm a teapot`.
    Http {
        /// The status code.
        status: u16,
        /// Its reason phrase.
        reason: String,
    },
    /// No answer: refused, reset, timed out, or a malformed response.
    Connection(String),
    /// The flag arrived but could not be saved.
    Save(String),
    /// The executor failed the call: it panicked, was cancelled, or could not be submitted.
    Executor(executor::Error),
    /// Not started: Ctrl-C came first.
    Interrupted,
    /// What arrived is not a flag: a status other than 200, an encoded body, a body too big,
    /// or bytes that are not a GIF. The server may not be a flags server at all.
    NotAFlag(String),
    /// A failed GET, with the URL it was for: what the first series reports, as `requests`
    /// does (`404 Client Error: Not Found for url: ...`), so a wrong server is easy to spot.
    ForUrl {
        /// What went wrong.
        error: Box<FlagError>,
        /// The URL of the flag.
        url: String,
    },
}

impl From<executor::Error> for FlagError {
    fn from(error: executor::Error) -> Self {
        FlagError::Executor(error)
    }
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlagError::NotFound => f.write_str("HTTP 404 - Not Found"),
            FlagError::Http { status, reason } => write!(f, "HTTP {status} - {reason}"),
            FlagError::Connection(message) => write!(f, "Connection error: {message}"),
            FlagError::Save(message) => f.write_str(message),
            FlagError::Executor(error) => write!(f, "{error}"),
            FlagError::Interrupted => f.write_str("KeyboardInterrupt"),
            FlagError::NotAFlag(what) => {
                write!(f, "not a flag: {what} (is --url, or -s, a flags server?)")
            }
            FlagError::ForUrl { error, url } => write!(f, "{error} for url: {url}"),
        }
    }
}

impl std::error::Error for FlagError {}

/// The largest body accepted: a flag is a few kilobytes, and a server that sends without end
/// must not cost more than this per connection.
pub const MAX_FLAG_BYTES: u64 = 1024 * 1024;

/// Fetches flags from one server and saves them in one folder.
#[derive(Debug, Clone)]
pub struct Downloader {
    base_url: String,
    dest: PathBuf,
    agent: ureq::Agent,
    /// Set once a 404 for a flag every flags server has was reported: said once, not per flag.
    warned_missing: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Whether `get_flag`'s errors name the URL ([`FlagError::ForUrl`]): the first series'
    /// report, where the flags2 programs word their own from the status.
    errors_name_the_url: bool,
}

impl Downloader {
    /// A downloader for `base_url` (e.g. `http://127.0.0.1:8001/flags`) saving into `dest`,
    /// giving up on a request that takes longer than `timeout` in all, from connecting to the
    /// last byte of the body (a server dripping a byte now and then included). Redirects are
    /// followed (up to 10).
    pub fn new(base_url: &str, dest: &Path, timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .build()
            .into();
        Downloader {
            base_url: base_url.trim_end_matches('/').to_owned(),
            dest: dest.to_owned(),
            agent,
            warned_missing: Default::default(),
            errors_name_the_url: false,
        }
    }

    /// The same downloader, with errors from [`get_flag`](Self::get_flag) that name the URL
    /// (`HTTP 404 - Not Found for url: http://...`), so a wrong server is easy to spot.
    pub fn naming_urls_in_errors(self) -> Self {
        Downloader {
            errors_name_the_url: true,
            ..self
        }
    }

    /// `get_flag(cc)`: the GIF bytes of `{base_url}/{cc}/{cc}.gif`, `cc` lower-cased.
    /// Once Ctrl-C was pressed, a download is refused before it starts.
    pub fn get_flag(&self, cc: &str) -> Result<Vec<u8>, FlagError> {
        if crate::interrupt::interrupted() {
            crate::interrupt::not_started(&cc.to_uppercase());
            return Err(FlagError::Interrupted);
        }
        crate::pictures::download_began(&cc.to_uppercase());
        let url = self.flag_url(cc);
        let image = self.get(&url).and_then(|body| {
            if body.starts_with(b"GIF87a") || body.starts_with(b"GIF89a") {
                Ok(body)
            } else {
                let start = String::from_utf8_lossy(&body[..body.len().min(20)]).into_owned();
                Err(FlagError::NotAFlag(format!(
                    "{} bytes starting {start:?}, not a GIF",
                    body.len()
                )))
            }
        });
        if matches!(image, Err(FlagError::NotFound))
            && flags_server::countries::country(cc).is_some()
            && !self
                .warned_missing
                .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            eprintln!(
                "note: {} answers 404 for flags that every flags server has: is --url, or -s, \
                 a flags server?",
                self.base_url
            );
        }
        if let Err(error) = &image {
            crate::pictures::download_ended(Err(error.to_string()));
        }
        image.map_err(|error| {
            if self.errors_name_the_url {
                FlagError::ForUrl {
                    error: Box::new(error),
                    url,
                }
            } else {
                error
            }
        })
    }

    /// `{base_url}/{cc}/{cc}.gif`, `cc` lower-cased.
    fn flag_url(&self, cc: &str) -> String {
        let cc = cc.to_lowercase();
        format!("{}/{cc}/{cc}.gif", self.base_url)
    }

    /// GETs `url`: its body, or the HTTP status as an error.
    fn get(&self, url: &str) -> Result<Vec<u8>, FlagError> {
        let mut response = self
            .agent
            .get(url)
            // One request per connection, as the book's `requests.get` calls make: a kept-alive
            // connection holds one of the server's connection threads for as long as it lives.
            .header("Connection", "close")
            .call()
            .map_err(|error| FlagError::Connection(error.to_string()))?;
        let status = response.status();
        if status.as_u16() == 404 {
            return Err(FlagError::NotFound);
        }
        if !status.is_success() {
            return Err(FlagError::Http {
                status: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("Error").to_owned(),
            });
        }
        // Only a whole, plain 200 body is the file: a 204 or a 206 is something else, and we
        // asked for no encoding, so a compressed body is not what was asked for.
        if status.as_u16() != 200 {
            let reason = status.canonical_reason().unwrap_or("Success");
            return Err(FlagError::NotAFlag(format!(
                "HTTP {} - {reason}",
                status.as_u16()
            )));
        }
        if let Some(encoding) = response.headers().get("content-encoding") {
            let encoding = encoding.to_str().unwrap_or("?").to_owned();
            return Err(FlagError::NotAFlag(format!(
                "a body with Content-Encoding: {encoding}"
            )));
        }
        response
            .body_mut()
            .with_config()
            .limit(MAX_FLAG_BYTES)
            .read_to_vec()
            .map_err(|error| match error {
                ureq::Error::BodyExceedsLimit(_) => {
                    FlagError::NotAFlag(format!("a body of more than {MAX_FLAG_BYTES} bytes"))
                }
                error => FlagError::Connection(error.to_string()),
            })
    }

    /// `get_country(cc)`: the `country` field of `{base_url}/{cc}/metadata.json`.
    pub fn get_country(&self, cc: &str) -> Result<String, FlagError> {
        let cc = cc.to_lowercase();
        let body = self.get(&format!("{}/{cc}/metadata.json", self.base_url))?;
        let metadata: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|error| FlagError::Connection(format!("bad metadata.json: {error}")))?;
        metadata["country"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| FlagError::Connection("metadata.json has no \"country\"".into()))
    }

    /// `save_flag(img, filename)`: writes `dest/filename` whole, or not at all.
    ///
    /// The bytes go to a temporary file in `dest` first, created exclusively under a short,
    /// unpredictable name (`tempfile`): it never follows a link planted at a guessable name,
    /// and however long `filename` is, the temporary name is legal. Then it is renamed over
    /// `dest/filename`. A failed write removes it; so does a second Ctrl-C ([`crate::interrupt`]).
    pub fn save_flag(&self, img: &[u8], filename: &str) -> Result<(), FlagError> {
        let stem = Path::new(filename)
            .file_stem()
            .and_then(|stem| stem.to_str());
        let cc = stem.unwrap_or(filename).to_uppercase();
        let saved = self.save_whole(img, filename);
        let result = match &saved {
            Ok(()) => Ok(format!("saved {filename}, {} bytes", img.len())),
            Err(error) => Err(error.to_string()),
        };
        crate::pictures::download_ended(result);
        if saved.is_ok() {
            crate::interrupt::finished(&cc);
        }
        saved
    }

    /// The body of [`save_flag`](Self::save_flag): the temporary file, then the rename.
    fn save_whole(&self, img: &[u8], filename: &str) -> Result<(), FlagError> {
        let path = self.dest.join(filename);
        let failed =
            |error: io::Error| FlagError::Save(format!("cannot write {}: {error}", path.display()));
        fs::create_dir_all(&self.dest).map_err(failed)?;
        let mut temp = crate::whole_file::temporary_file_in(&self.dest).map_err(failed)?;
        let _saving = crate::interrupt::saving(temp.path());
        temp.write_all(img).map_err(failed)?;
        temp.persist(&path).map_err(|error| failed(error.error))?;
        Ok(())
    }

    /// Where flags are fetched from.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
}

/// `show(text)`: the code and a space, flushed at once so the order of arrival is visible.
pub fn show(text: &str) {
    let mut stdout = io::stdout().lock();
    let _ = write!(stdout, "{text} ");
    let _ = stdout.flush();
}

/// Where a program downloads from when no `--url` is given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Source {
    /// The book's local server of this label, on its port: used if something answers there,
    /// else started there, built in.
    Label(Label),
    /// The book's remote site, simulated: a built-in server on a free port whose responses
    /// wait `delay` (an internet round trip by default), seeded by `seed`.
    Remote {
        /// How long each response waits.
        delay: Delay,
        /// Seeds the per-flag latency.
        seed: u64,
    },
}

/// The book's name for it: `LOCAL`, `DELAY`, `ERROR` or `REMOTE`.
impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Label(label) => label.fmt(f),
            Source::Remote { .. } => f.write_str("REMOTE"),
        }
    }
}

/// The server a program downloads from, and the built-in one it started, if any.
#[derive(Debug)]
pub struct Site {
    /// `http://127.0.0.1:8001/flags` or the `--url` given.
    pub base_url: String,
    /// Kept alive while the program runs when we started it ourselves.
    _server: Option<RunningServer>,
}

impl Site {
    /// `--url URL` if given (already checked by [`parse_url`]), once a connection to it
    /// succeeds within `timeout`; else `source`. Prints one line when it starts a server.
    pub fn connect(url: Option<&str>, source: Source, timeout: Duration) -> Result<Site, String> {
        if let Some(url) = url {
            check_reachable(url, timeout)?;
            return Ok(Site {
                base_url: url.to_owned(),
                _server: None,
            });
        }
        match source {
            Source::Label(label) => Site::local(label, timeout),
            Source::Remote { delay, seed } => {
                let config = ServerConfig {
                    delay,
                    seed,
                    ..ServerConfig::internet()
                };
                let server = flags_server::start(config)
                    .map_err(|error| format!("cannot start the built-in flags server: {error}"))?;
                if delay == Delay::Internet {
                    println!(
                        "Downloading from a built-in flags server that simulates the internet: \
                         about {} ms a response, seed {seed} (--delay 0 turns the latency off; \
                         --url URL uses another server)",
                        flags_server::config::INTERNET_MEDIAN.as_millis()
                    );
                } else {
                    println!(
                        "Downloading from a built-in flags server: {delay} (--url URL uses \
                         another server)"
                    );
                }
                Ok(Site {
                    base_url: server.base_url(),
                    _server: Some(server),
                })
            }
        }
    }

    /// The label's local server: whatever answers on its port, or the built-in one started
    /// there. A server that is slow to accept (a loaded machine, a full listen queue) has all
    /// of `timeout` to answer, and a port that something else holds is an error, never a
    /// reason to start a server of our own elsewhere.
    fn local(label: Label, timeout: Duration) -> Result<Site, String> {
        let port = label.port();
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        if TcpStream::connect_timeout(&address, timeout).is_ok() {
            return Ok(Site {
                base_url: format!("http://{address}/flags"),
                _server: None,
            });
        }
        let server = flags_server::start(ServerConfig::for_label(label)).map_err(|error| {
            if error.kind() == io::ErrorKind::AddrInUse {
                format!(
                    "port {port} is held by something that did not accept a connection within {} s \
                     (a server too busy or paused?), so the built-in {label} server cannot start \
                     there; free the port, or use --url URL",
                    timeout.as_secs_f64()
                )
            } else {
                format!("cannot start the built-in {label} server on port {port}: {error}")
            }
        })?;
        println!(
            "Nothing answered on port {port}: started the built-in {label} flags server ({}) at {}",
            label.behaviour(),
            server.base_url()
        );
        Ok(Site {
            base_url: server.base_url(),
            _server: Some(server),
        })
    }
}

/// Reads `--url URL`: `http://host[:port]/path`, returned without a trailing slash. This
/// program speaks plain HTTP, so `https://` is refused along with anything that is not a URL.
pub fn parse_url(text: &str) -> Result<String, String> {
    let uri: ureq::http::Uri = text
        .parse()
        .map_err(|error| format!("not a URL ({error}); expected http://HOST[:PORT]/PATH"))?;
    if uri.scheme_str() != Some("http") {
        return Err("it must start with http:// (plain HTTP only)".to_owned());
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err("no host; expected http://HOST[:PORT]/PATH".to_owned());
    }
    // `Uri` drops a port it cannot read as a u16 instead of refusing it: look at the text.
    let authority = uri.authority().map_or("", |authority| authority.as_str());
    if let Some((_, port)) = authority.rsplit_once(':')
        && !port.ends_with(']')
        && port.parse::<u16>().is_err()
    {
        return Err(format!("port {port} is not a number from 0 to 65535"));
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// Connects once to the server of `url`: a server that is down, or a host that does not exist,
/// is one clear error before the first download rather than one per flag.
fn check_reachable(url: &str, timeout: Duration) -> Result<(), String> {
    let unreachable = |reason: String| format!("cannot connect to {url}: {reason}");
    let uri: ureq::http::Uri = url
        .parse()
        .map_err(|error| unreachable(format!("{error}")))?;
    let host = uri.host().unwrap_or_default().trim_matches(['[', ']']);
    let port = uri.port_u16().unwrap_or(80);
    let addresses = (host, port)
        .to_socket_addrs()
        .map_err(|error| unreachable(error.to_string()))?;
    let mut last_error = io::Error::new(io::ErrorKind::NotFound, "the host has no address");
    for address in addresses {
        match TcpStream::connect_timeout(&address, timeout) {
            Ok(_) => return Ok(()),
            Err(error) => last_error = error,
        }
    }
    Err(unreachable(last_error.to_string()))
}

/// Gets ready to download: refuses a `--dest` that is a file, finds or starts the server
/// ([`Site::connect`]), and only then creates `dest` if it is missing, so a run that cannot
/// start leaves no empty folder behind. A `--dest` that is a file, or lies under one, is one
/// clear error before the first download, not one per flag.
pub fn prepare(
    dest: &Path,
    url: Option<&str>,
    source: Source,
    timeout: Duration,
) -> Result<Site, String> {
    if dest.exists() && !dest.is_dir() {
        return Err(format!("--dest {} is a file, not a folder", dest.display()));
    }
    let site = Site::connect(url, source, timeout)?;
    fs::create_dir_all(dest)
        .map_err(|error| format!("cannot create --dest {}: {error}", dest.display()))?;
    Ok(site)
}

/// `main(download_many)`: runs it on POP20_CC, timed, and prints the book's summary line.
/// A failure is printed on stderr and gives a non-zero exit.
pub fn main(download_many: impl FnOnce(&[&str]) -> Result<usize, FlagError>) -> ExitCode {
    let mut planned: Vec<String> = POP20_CC.iter().map(|cc| cc.to_string()).collect();
    planned.sort();
    crate::interrupt::planned(planned);
    let t0 = Instant::now();
    let count = download_many(&POP20_CC);
    let elapsed = t0.elapsed();
    // `--trace` and `--svg`, before a Ctrl-C report exits, so an interrupted run has them too,
    // with every call that was running.
    crate::interrupt::wait_for_running_calls();
    let pictures = crate::pictures::write_downloads();
    crate::interrupt::exit_if_interrupted();
    if let Err(error) = pictures {
        println!();
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    match count {
        Ok(count) => {
            println!(
                "\n{count} flags downloaded in {:.2}s",
                elapsed.as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            println!();
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The command line the first series of flags programs share.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// Download from this server instead of the built-in one (e.g. http://127.0.0.1:8001/flags).
    #[arg(long, value_name = "URL", value_parser = parse_url, conflicts_with_all = ["delay", "seed"])]
    pub url: Option<String>,
    /// The built-in server's delay before each response: internet (a simulated round trip,
    /// about 0.1 s), or seconds like 0 or 0.5.
    #[arg(long, value_name = "SECS", default_value = "internet", value_parser = Delay::parse, allow_negative_numbers = true)]
    pub delay: Delay,
    /// Seeds the built-in server's latencies: the same seed, the same run.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
    /// Folder to save the flags in (created if missing).
    #[arg(long, value_name = "DIR", default_value = DEST_DIR)]
    pub dest: PathBuf,
    /// Seconds each download may take in all, from connecting to the last byte (0.001 to 3600).
    #[arg(long, value_name = "SECS", default_value = "10", value_parser = parse_timeout, allow_negative_numbers = true)]
    pub timeout: Duration,
    #[command(flatten)]
    pub pictures: crate::pictures::PictureArgs,
}

impl SiteArgs {
    /// Prepares `--dest`, finds or starts the server, then makes a downloader for it, whose
    /// errors name the URL; prints why if it cannot.
    pub fn downloader(&self) -> Result<(Site, Downloader), ExitCode> {
        let program = std::env::args_os().next().unwrap_or_default();
        let program = Path::new(&program).file_name().unwrap_or_default();
        crate::pictures::ask(&program.to_string_lossy(), &self.pictures);
        let source = Source::Remote {
            delay: self.delay,
            seed: self.seed,
        };
        let site = prepare(&self.dest, self.url.as_deref(), source, self.timeout);
        match site {
            Ok(site) => {
                let downloader = Downloader::new(&site.base_url, &self.dest, self.timeout)
                    .naming_urls_in_errors();
                Ok((site, downloader))
            }
            Err(message) => {
                eprintln!("error: {message}");
                Err(ExitCode::FAILURE)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_like_the_books() {
        let teapot = FlagError::Http {
            status: 418,
            reason: "I'm a teapot".into(),
        };
        assert_eq!(teapot.to_string(), "HTTP 418 - I'm a teapot");
    }

    #[test]
    fn timeouts_are_positive_seconds() {
        assert_eq!(parse_timeout("0.2"), Ok(Duration::from_millis(200)));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("-1").is_err());
        assert!(parse_timeout("soon").is_err());
        assert!(parse_timeout("1e30").is_err());
    }

    #[test]
    fn only_http_urls_are_accepted() {
        assert_eq!(
            parse_url("http://127.0.0.1:8001/flags/").as_deref(),
            Ok("http://127.0.0.1:8001/flags")
        );
        assert!(parse_url("http://[::1]:8001/flags").is_ok());
        assert!(parse_url("https://example.com/flags").is_err());
        assert!(parse_url("http:///flags").is_err());
        assert!(parse_url("http://127.0.0.1:99999/flags").is_err());
        assert!(parse_url("http://exa mple/flags").is_err());
        assert!(parse_url("flags").is_err());
    }
}
