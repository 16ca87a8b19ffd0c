//! The flags server against what would wear it down: a closed log, more connections than it
//! can hold, big files, and files that are not files.

mod common;

use common::TempDir;
use flags_server::{RunningServer, ServerConfig};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `GET path` on a connection of its own; the whole response, or what came before `timeout`.
fn get(address: std::net::SocketAddr, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    response
}

fn status(response: &[u8]) -> String {
    String::from_utf8_lossy(response)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn body(response: &[u8]) -> &[u8] {
    let end = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    &response[end + 4..]
}

#[test]
fn a_closed_log_is_reported_once_and_the_server_serves_on() {
    let mut server = Command::new(env!("CARGO_BIN_EXE_flags_server"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // "Serving flags on http://127.0.0.1:PORT/flags (no delay) - Ctrl-C to stop"
    let mut first = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap(); // the reader is dropped here: standard output is now closed
    let url = first.split_whitespace().nth(3).unwrap().to_owned();
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches("/flags")
        .parse()
        .unwrap();
    for cc in ["br", "cn", "in"] {
        let response = get(address, &format!("/flags/{cc}/{cc}.gif"));
        assert_eq!(status(&response), "HTTP/1.1 200 OK", "{first}");
        assert!(body(&response).starts_with(b"GIF89a"));
    }
    assert!(server.try_wait().unwrap().is_none(), "the server stopped");
    server.kill().unwrap();
    let mut stderr = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    server.wait().unwrap();
    assert_eq!(
        stderr.matches("cannot write the log").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn connections_beyond_the_cap_are_refused_at_once_and_a_freed_slot_serves_again() {
    let server = flags_server::start(ServerConfig {
        max_connections: Some(3),
        ..ServerConfig::local()
    })
    .unwrap();
    // Three clients that connect and say nothing hold every slot.
    let silent: Vec<TcpStream> = (0..3)
        .map(|_| TcpStream::connect(server.addr()).unwrap())
        .collect();
    let started = Instant::now();
    let refused = get(server.addr(), "/flags/br/br.gif");
    assert_eq!(status(&refused), "HTTP/1.1 503 Service Unavailable");
    assert!(started.elapsed() < Duration::from_secs(5), "refused late");
    drop(silent);
    // Each silent connection's thread notices its client left and frees its slot; a client
    // retrying after a 503, as told to, gets its flag.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let response = get(server.addr(), "/flags/br/br.gif");
        if status(&response) == "HTTP/1.1 200 OK" {
            break;
        }
        assert_eq!(status(&response), "HTTP/1.1 503 Service Unavailable");
        assert!(Instant::now() < deadline, "no slot came free");
        std::thread::yield_now();
    }
    assert!(server.stats().rejected() >= 1);
}

fn tree_server(tree: &TempDir) -> RunningServer {
    flags_server::start(ServerConfig {
        directory: Some(tree.path().to_owned()),
        ..ServerConfig::local()
    })
    .unwrap()
}

#[test]
fn a_big_file_in_the_tree_arrives_whole() {
    let tree = TempDir::new("big-tree");
    std::fs::create_dir_all(tree.path().join("br")).unwrap();
    let big: Vec<u8> = (0..6_000_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(tree.path().join("br/br.gif"), &big).unwrap();
    let server = tree_server(&tree);
    let response = get(server.addr(), "/flags/br/br.gif");
    assert!(String::from_utf8_lossy(&response[..200]).contains("Content-Length: 6000000"));
    assert!(body(&response) == big.as_slice(), "the body differs");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_out_of_the_tree_is_not_found_and_never_waited_on() {
    let tree = TempDir::new("hostile-tree");
    let outside = TempDir::new("outside");
    for cc in ["jp", "cn"] {
        std::fs::create_dir_all(tree.path().join(cc)).unwrap();
    }
    nix::unistd::mkfifo(
        &tree.path().join("jp/jp.gif"),
        nix::sys::stat::Mode::S_IRWXU,
    )
    .unwrap();
    std::fs::write(outside.path().join("secret"), b"secret").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret"), tree.path().join("cn/cn.gif"))
        .unwrap();
    let server = tree_server(&tree);
    for path in [
        "/flags/jp/jp.gif",
        "/flags/cn/cn.gif",
        "/moved/flags/cn/cn.gif",
    ] {
        let response = get(server.addr(), path);
        assert_eq!(status(&response), "HTTP/1.1 404 Not Found", "{path}");
        assert!(!String::from_utf8_lossy(&response).contains("secret"));
    }
}
