//! A running server: one thread accepts connections, and each connection is served on a thread
//! of its own, so a delayed response, a stalled one or a silent client never holds up another.
//!
//! Every response closes its connection, as the book's `requests.get` calls expect: one request
//! per connection, read by [`http`](crate::http), answered by [`route`](crate::route::route).

use crate::config::ServerConfig;
use crate::files;
use crate::http;
use crate::route::{reject, route};
use crate::stats::{Outcome, Stats};
use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
        println!("{line}");
    }
    http::deliver(stream, &answer.reply);
}
