//! End-to-end tests of the flags server's network faults and of the flags2 clients that meet
//! them: a connection reset mid-body, a body shorter than its `Content-Length`, a response that
//! stalls past the client's timeout, a `500` with an HTML page, and a redirect.
//!
//! The server runs in-process on a free port; the clients are the real binaries, with a short
//! `--timeout` so that a stall costs half a second, not ten. Faults are decided by hashing
//! `(seed, path)`, so each test knows beforehand which codes fail and how
//! ([`ServerConfig::fault_for`]), and checks three things agree: that prediction, what the
//! server counted ([`Stats`](flags_server::Stats)), and the client's final report. And
//! that no fault leaves a file, whole or partial, in the destination folder.

mod common;

use common::{TempDir, report_counts, run, stderr, stdout};
use flags_server::{self, Fault, FaultRates, RunningServer, ServerConfig};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The clients' `--timeout`: long enough for any healthy response from a local server, short
/// enough that a stall is cheap.
const TIMEOUT: &str = "0.5";

/// The error-handling clients: each meets every fault.
const CLIENTS: [&str; 3] = [
    env!("CARGO_BIN_EXE_flags2_sequential"),
    env!("CARGO_BIN_EXE_flags2_threadpool"),
    env!("CARGO_BIN_EXE_flags3_threadpool"),
];

/// Whether `binary` is flags3, which also fetches `metadata.json` and names files after the
/// country.
fn is_flags3(binary: &str) -> bool {
    binary.ends_with("flags3_threadpool")
}

fn server(config: ServerConfig) -> RunningServer {
    flags_server::start(config).unwrap()
}

fn flag_path(cc: &str) -> String {
    let cc = cc.to_lowercase();
    format!("/flags/{cc}/{cc}.gif")
}

fn metadata_path(cc: &str) -> String {
    format!("/flags/{}/metadata.json", cc.to_lowercase())
}

/// What a run should end with, worked out from the configuration alone.
#[derive(Debug, Default, PartialEq)]
struct Expected {
    /// The client's final report: (downloaded, not found, errors).
    report: (usize, usize, usize),
    /// Files the server sent whole, redirect targets included.
    served: usize,
    /// 404s the server sent.
    not_found: usize,
    /// Error statuses the server sent (`error_rate`).
    errors: usize,
    /// Faults the server injected, in [`Fault::ALL`] order.
    injected: [usize; 5],
    /// The codes the client saves a file for.
    saved: Vec<String>,
}

/// How one request ends, seen from the client.
#[derive(PartialEq)]
enum Fetched {
    Ok,
    NotFound,
    Failed,
}

impl Expected {
    /// Predicts a run of a client over `codes`; `with_metadata` for flags3, which asks for
    /// `metadata.json` once the flag has arrived.
    fn predict(config: &ServerConfig, codes: &[String], with_metadata: bool) -> Expected {
        let known: Vec<String> = flags_server::known_codes().collect();
        let mut expected = Expected::default();
        for cc in codes {
            let has_files = known.contains(&cc.to_lowercase());
            let mut fetched = expected.fetch(config, &flag_path(cc), has_files);
            if with_metadata && fetched == Fetched::Ok {
                fetched = expected.fetch(config, &metadata_path(cc), has_files);
            }
            match fetched {
                Fetched::Ok => {
                    expected.report.0 += 1;
                    expected.saved.push(cc.clone());
                }
                Fetched::NotFound => expected.report.1 += 1,
                Fetched::Failed => expected.report.2 += 1,
            }
        }
        expected
    }

    /// What the server does with one request (the order of its checks in `answer`).
    fn fetch(&mut self, config: &ServerConfig, path: &str, has_file: bool) -> Fetched {
        if config.injects_error(path) {
            self.errors += 1;
            return Fetched::Failed;
        }
        if !has_file {
            self.not_found += 1;
            return Fetched::NotFound;
        }
        match config.fault_for(path) {
            None => {
                self.served += 1;
                Fetched::Ok
            }
            Some(fault) => {
                let index = Fault::ALL.iter().position(|f| *f == fault).unwrap();
                self.injected[index] += 1;
                if fault == Fault::Redirect {
                    self.served += 1; // the file, at the redirect's target
                    Fetched::Ok
                } else {
                    Fetched::Failed
                }
            }
        }
    }

    /// Checks the server counted what was predicted.
    fn assert_matches_server(&self, server: &RunningServer, client: &str) {
        let stats = server.stats();
        let injected = Fault::ALL.map(|fault| stats.injected(fault));
        assert_eq!(
            (
                stats.served(),
                stats.not_found(),
                stats.failed_on_purpose(),
                injected
            ),
            (self.served, self.not_found, self.errors, self.injected),
            "{client}: server stats (served, not found, failed on purpose, [reset, short, stall, html500, redirect])"
        );
    }
}

/// Runs `client` over `codes` against `server`, saving into `dest`.
fn download(client: &str, server: &RunningServer, dest: &TempDir, codes: &[&str]) -> String {
    let url = server.base_url();
    let mut args = vec![
        "--url",
        &url,
        "--dest",
        dest.arg(),
        "--timeout",
        TIMEOUT,
        "-m",
        "100",
    ];
    args.extend_from_slice(codes);
    let output = run(client, &args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{client}: {}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    stdout(&output)
}

/// Checks `dest` holds exactly one file per saved code, each byte for byte the flag the server
/// sends when nothing goes wrong (fetched from `/moved/...`, which has no faults), and no
/// temporary file.
fn assert_only_whole_flags(dest: &TempDir, server: &RunningServer, client: &str, saved: &[String]) {
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let names = dest.names();
    assert_eq!(names.len(), saved.len(), "{client}: {names:?}");
    for cc in saved {
        let suffix = if is_flags3(client) {
            format!("-{cc}.gif")
        } else {
            format!("{}.gif", cc.to_lowercase())
        };
        let name = names
            .iter()
            .find(|name| name.ends_with(&suffix) && !name.starts_with('.'))
            .unwrap_or_else(|| panic!("{client}: no file for {cc} in {names:?}"));
        let saved_bytes = std::fs::read(dest.path().join(name)).unwrap();
        let whole = agent
            .get(format!("http://{}/moved{}", server.addr(), flag_path(cc)))
            .call()
            .unwrap()
            .body_mut()
            .read_to_vec()
            .unwrap();
        assert!(
            saved_bytes == whole,
            "{client}: {name} is not the whole flag"
        );
    }
}

fn codes_starting_with(letters: &[char]) -> Vec<String> {
    letters
        .iter()
        .flat_map(|a| ('A'..='Z').map(move |b| format!("{}{b}", a.to_ascii_uppercase())))
        .collect()
}

#[test]
fn every_fault_at_once_counts_the_same_in_the_client_the_server_and_the_prediction() {
    let config = ServerConfig {
        error_rate: 0.1,
        faults: FaultRates::parse("reset=0.1,short=0.1,stall=0.1,html500=0.1,redirect=0.1")
            .unwrap(),
        seed: 11,
        ..ServerConfig::local()
    };
    // 78 codes, about half of them real flags: enough for every fault to turn up, few enough
    // stalls for the sequential client to sit through.
    let letters = ['b', 'c', 'm'];
    let codes = codes_starting_with(&letters);
    let args: Vec<String> = letters.iter().map(char::to_string).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    for client in CLIENTS {
        let expected = Expected::predict(&config, &codes, is_flags3(client));
        for (fault, count) in Fault::ALL.iter().zip(expected.injected) {
            assert!(count > 0, "seed 11 should inject {fault} at least once");
        }
        let server = server(config.clone());
        let dest = TempDir::new("faults");
        let text = download(client, &server, &dest, &args);
        assert_eq!(report_counts(&text), expected.report, "{client}: {text}");
        expected.assert_matches_server(&server, client);
        if !is_flags3(client) {
            // One request a code: the report reads straight off the server's counters.
            let stats = server.stats();
            let errors = stats.failed_on_purpose() + stats.faulted();
            let from_server = (stats.served(), stats.not_found(), errors);
            assert_eq!(report_counts(&text), from_server, "{client}: {text}");
        }
        // (This fetches each saved flag again, so it comes after reading the counters.)
        assert_only_whole_flags(&dest, &server, client, &expected.saved);
    }
}

#[test]
fn the_same_seed_faults_the_same_codes_on_every_run() {
    let config = ServerConfig {
        faults: FaultRates::parse("reset=0.2,stall=0.1,html500=0.2").unwrap(),
        seed: 5,
        ..ServerConfig::local()
    };
    let client = env!("CARGO_BIN_EXE_flags2_threadpool");
    let verbose_errors = |text: &str| {
        let mut lines: Vec<String> = text
            .lines()
            .filter(|line| line.starts_with("*** Error for "))
            .map(str::to_owned)
            .collect();
        lines.sort();
        lines
    };
    let mut runs = Vec::new();
    for _ in 0..2 {
        let server = server(config.clone());
        let dest = TempDir::new("faults");
        runs.push(verbose_errors(&download(
            client,
            &server,
            &dest,
            &["-v", "-a"],
        )));
    }
    assert!(!runs[0].is_empty());
    assert_eq!(runs[0], runs[1]);
}

/// Runs every client over BR and CN with `fault` hitting every request, verbosely.
fn each_client_meets(fault: &str) -> Vec<(&'static str, String, TempDir, RunningServer)> {
    let config = ServerConfig {
        faults: FaultRates::parse(&format!("{fault}=1")).unwrap(),
        ..ServerConfig::local()
    };
    CLIENTS
        .into_iter()
        .map(|client| {
            let server = server(config.clone());
            let dest = TempDir::new("faults");
            let text = download(client, &server, &dest, &["-v", "BR", "CN"]);
            (client, text, dest, server)
        })
        .collect()
}

/// Checks each client reported both codes as errors with `message`, saved nothing, and the
/// server injected `fault` twice (once per flag: flags3 never gets to the metadata).
fn assert_two_errors(fault: Fault, message: &str) {
    for (client, text, dest, server) in each_client_meets(fault.name()) {
        assert_eq!(report_counts(&text), (0, 0, 2), "{client}: {text}");
        for cc in ["BR", "CN"] {
            let line = text
                .lines()
                .find(|line| line.starts_with(&format!("*** Error for {cc}: ")))
                .unwrap_or_else(|| panic!("{client}: no error line for {cc} in {text}"));
            assert!(line.contains(message), "{client}: {line:?}");
        }
        assert_eq!(server.stats().injected(fault), 2, "{client}");
        assert_eq!(dest.names(), Vec::<String>::new(), "{client} left a file");
    }
}

#[test]
fn a_reset_mid_body_is_a_connection_error_and_saves_nothing() {
    assert_two_errors(Fault::Reset, "Connection error: ");
}

#[test]
fn a_short_body_is_a_connection_error_and_saves_nothing() {
    assert_two_errors(Fault::Short, "Connection error: ");
}

#[test]
fn a_stall_is_a_timeout_error_and_saves_nothing() {
    assert_two_errors(Fault::Stall, "Connection error: timeout");
}

#[test]
fn a_500_with_an_html_page_is_an_http_error() {
    // flags2_sequential says "HTTP error 500 - ...", the thread-pool clients "HTTP 500 - ...".
    assert_two_errors(Fault::Html500, "500 - Internal Server Error");
}

#[test]
fn a_redirect_is_followed_and_the_flag_saved() {
    for (client, text, dest, server) in each_client_meets("redirect") {
        assert_eq!(report_counts(&text), (2, 0, 0), "{client}: {text}");
        assert!(text.contains("BR OK") && text.contains("CN OK"), "{text}");
        // flags3's metadata.json is redirected too: 2 or 4 redirects, each one followed.
        let requests = if is_flags3(client) { 4 } else { 2 };
        assert_eq!(server.stats().injected(Fault::Redirect), requests);
        assert_eq!(
            server.stats().served(),
            requests,
            "each redirect's target served"
        );
        assert_only_whole_flags(&dest, &server, client, &["BR".into(), "CN".into()]);
    }
}

// The faults on the wire, read with a bare socket: what each one looks like to any client.

/// Sends a GET for `path` and returns the stream, with reads timing out after `timeout`.
fn raw_get(server: &RunningServer, path: &str, timeout: Duration) -> TcpStream {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream.set_read_timeout(Some(timeout)).unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    stream
}

/// A head's `Content-Length`, and the body bytes after it.
fn split_response(response: &[u8]) -> (String, usize, Vec<u8>) {
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a whole head");
    let head = String::from_utf8_lossy(&response[..end]).into_owned();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("Content-Length: "))
        .and_then(|n| n.parse().ok())
        .expect("a Content-Length");
    (head, length, response[end + 4..].to_vec())
}

fn fault_server(fault: &str) -> RunningServer {
    server(ServerConfig {
        faults: FaultRates::parse(&format!("{fault}=1")).unwrap(),
        ..ServerConfig::local()
    })
}

#[test]
fn on_the_wire_a_reset_is_a_tcp_reset_after_half_the_body() {
    let server = fault_server("reset");
    let mut stream = raw_get(&server, "/flags/br/br.gif", Duration::from_secs(10));
    let mut response = Vec::new();
    let error = stream.read_to_end(&mut response).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::ConnectionReset, "{error}");
}

#[test]
fn on_the_wire_a_short_body_is_half_the_content_length_then_a_clean_close() {
    let server = fault_server("short");
    let mut stream = raw_get(&server, "/flags/br/br.gif", Duration::from_secs(10));
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let (head, length, body) = split_response(&response);
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    assert_eq!(body.len(), length / 2);
}

#[test]
fn on_the_wire_a_stall_sends_half_the_body_and_then_nothing() {
    let server = fault_server("stall");
    let mut stream = raw_get(&server, "/flags/br/br.gif", Duration::from_millis(300));
    let mut response = Vec::new();
    let error = stream.read_to_end(&mut response).unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
        "{error}"
    );
    let (_, length, body) = split_response(&response);
    assert_eq!(body.len(), length / 2);
    assert_eq!(server.stats().injected(Fault::Stall), 1);
}

#[test]
fn on_the_wire_an_html500_is_a_whole_html_page() {
    let server = fault_server("html500");
    let mut stream = raw_get(&server, "/flags/br/br.gif", Duration::from_secs(10));
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let (head, length, body) = split_response(&response);
    assert!(
        head.starts_with("HTTP/1.1 500 Internal Server Error"),
        "{head}"
    );
    assert!(head.contains("Content-Type: text/html"), "{head}");
    assert_eq!(body.len(), length);
    assert!(body.starts_with(b"<!DOCTYPE html>"));
}

#[test]
fn on_the_wire_a_redirect_points_at_the_same_file_under_moved() {
    let server = fault_server("redirect");
    let mut stream = raw_get(&server, "/flags/br/br.gif", Duration::from_secs(10));
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let (head, _, _) = split_response(&response);
    assert!(head.starts_with("HTTP/1.1 302 Found"), "{head}");
    assert!(
        head.contains("\r\nLocation: /moved/flags/br/br.gif"),
        "{head}"
    );
}

#[test]
fn the_server_reports_what_it_injected_at_slash_stats() {
    let server = fault_server("html500");
    for path in ["/flags/br/br.gif", "/flags/cn/cn.gif", "/flags/xx/xx.gif"] {
        let mut stream = raw_get(&server, path, Duration::from_secs(10));
        stream.read_to_end(&mut Vec::new()).unwrap();
    }
    let mut stream = raw_get(&server, "/stats", Duration::from_secs(10));
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let (_, _, body) = split_response(&response);
    let stats: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(stats["html500"], 2);
    assert_eq!(
        stats["faulted"], 2,
        "an HTML 500 leaves the client without its flag"
    );
    assert_eq!(stats["not_found"], 1);
    assert_eq!(stats["served"], 0);
    assert_eq!(stats["failed_on_purpose"], 0);
    assert_eq!(stats["reset"], 0);
}
