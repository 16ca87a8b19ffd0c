//! A running server: one thread accepts connections, and each connection is served on a thread
//! of its own, so a delayed response, a stalled one or a silent client never holds up another.
//!
//! Every response closes its connection, as the book's `requests.get` calls expect: one request
//! per connection, read by [`http`](crate::http), answered by [`route`](crate::route::route).
//!
//! **What slow or many clients can hold.** A thread per connection is the plainest server, and
//! a client that sends nothing, or a byte now and then, holds its thread and its file
//! descriptor. So a connection has [`HEAD_DEADLINE`](crate::http::HEAD_DEADLINE) to send its
//! whole request, and at most [`connection_cap`] connections are held at once: one more is
//! answered `503 Service Unavailable` at once by the accepting thread and closed, rather than
//! left queued. The cap comes from the descriptor limit, which the server first raises as far as
//! the system allows (from the usual 1,024 to its hard limit), so a crowd of trickling clients
//! is refused or timed out while an ordinary client still gets its flag.
//!
//! **The log never stops the server.** A line that cannot be written (standard output closed or
//! full) is reported once on standard error, and the server goes on without its log.

use crate::config::ServerConfig;
use crate::files;
use crate::http;
use crate::route::{reject, route};
use crate::stats::{Outcome, Stats};
use std::fmt;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

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
        files::warm_up();
    }
    let stats = Arc::new(Stats::default());
    let stopping = Arc::new(AtomicBool::new(false));
    let acceptor = {
        let (stats, stopping) = (Arc::clone(&stats), Arc::clone(&stopping));
        let cap = config.max_connections.unwrap_or_else(connection_cap);
        let shared = Arc::new(Shared {
            config,
            stats,
            held: AtomicUsize::new(0),
            cap,
        });
        thread::Builder::new()
            .name("flags_server".into())
            .spawn(move || accept_loop(&listener, &shared, &stopping))?
    };
    Ok(RunningServer {
        addr,
        stopping,
        acceptor: Some(acceptor),
        stats,
    })
}

/// What the accepting thread shares with the connections' threads.
struct Shared {
    config: ServerConfig,
    stats: Arc<Stats>,
    /// Connections being served right now.
    held: AtomicUsize,
    /// The most connections served at once ([`connection_cap`]).
    cap: usize,
}

/// The stack of a connection's thread: it parses a head, sleeps a delay and copies a file, and
/// a small stack lets many connections be held cheaply.
const CONNECTION_STACK: usize = 256 * 1024;

/// How many connections may be held at once: the descriptor limit, raised first as far as the
/// system allows, less a margin for the process's other files, and at most 4,096.
pub fn connection_cap() -> usize {
    const MARGIN: u64 = 64;
    (raise_descriptor_limit().saturating_sub(MARGIN) as usize).clamp(16, 4096)
}

/// Raises the soft limit on open descriptors to the hard limit; returns the limit in force.
fn raise_descriptor_limit() -> u64 {
    #[cfg(unix)]
    {
        use nix::sys::resource::{Resource, getrlimit, setrlimit};
        if let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) {
            let wanted = hard.min(1 << 16);
            if wanted > soft && setrlimit(Resource::RLIMIT_NOFILE, wanted, hard).is_ok() {
                return wanted;
            }
            return soft;
        }
    }
    1024
}

/// Accepts connections until told to stop, serving each on a thread of its own, and refusing
/// at once those beyond the cap.
fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>, stopping: &AtomicBool) {
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
        if shared.held.fetch_add(1, Ordering::SeqCst) >= shared.cap {
            shared.held.fetch_sub(1, Ordering::SeqCst);
            refuse(stream, &shared.stats);
            continue;
        }
        let connection = Arc::clone(shared);
        let spawned = thread::Builder::new()
            .name("flags_request".into())
            .stack_size(CONNECTION_STACK)
            .spawn(move || {
                serve_connection(stream, &connection.config, &connection.stats);
                connection.held.fetch_sub(1, Ordering::SeqCst);
            });
        if let Err(error) = spawned {
            shared.held.fetch_sub(1, Ordering::SeqCst);
            eprintln!("flags_server: cannot start a thread for a request: {error}");
        }
    }
}

/// Answers a connection beyond the cap without reading it: `503`, then a close. The write must
/// not wait on the client, or one slow client would hold up every other connection.
fn refuse(mut stream: TcpStream, stats: &Stats) {
    stats.record(Outcome::Rejected);
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 24\r\n\
          Connection: close\r\nRetry-After: 1\r\n\r\n503 Service Unavailable\n",
    );
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

/// Reads the one request of a connection and answers it: the route decides, this thread
/// waits, counts, logs and sends.
fn serve_connection(mut stream: TcpStream, config: &ServerConfig, stats: &Stats) {
    let answer = match http::read_request(&mut stream) {
        Ok(request) => route(&request, config, stats),
        Err(error) => match reject(&error) {
            Some(answer) => answer,
            None => return,
        },
    };
    if !answer.delay.is_zero() {
        stats.record(Outcome::Delayed);
        thread::sleep(answer.delay);
    }
    if let Some(outcome) = answer.outcome {
        stats.record(outcome);
    }
    if let (true, Some(line)) = (config.log, &answer.log) {
        log(line);
    }
    http::deliver(stream, &answer.reply);
}

/// Prints one log line on standard output. If that fails (closed, full), says so once on
/// standard error, and logs nothing more: serving matters more than its log.
pub fn log(line: &str) {
    static BROKEN: AtomicBool = AtomicBool::new(false);
    if BROKEN.load(Ordering::Relaxed) {
        return;
    }
    let written = writeln!(io::stdout().lock(), "{line}");
    if let Err(error) = written
        && !BROKEN.swap(true, Ordering::Relaxed)
    {
        let _ = writeln!(
            io::stderr(),
            "flags_server: cannot write the log to standard output ({error}); serving on without it"
        );
    }
}
