//! Ctrl-C, sent for real (SIGINT), to loiter and to a flags download: what has not started is
//! cancelled, what runs finishes, no partial file is left, and the exit status is 130.

mod common;

use common::TempDir;
use flags_server::{Delay, ServerConfig};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Sends SIGINT to `child`, as a terminal's Ctrl-C does.
fn ctrl_c(child: &Child) {
    kill(Pid::from_raw(child.id() as i32), Signal::SIGINT).unwrap();
}

/// Reads `child`'s standard output line by line until one contains `wanted`; returns the lines.
fn read_until(lines: &mut impl Iterator<Item = String>, wanted: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let found = line.contains(wanted);
        seen.push(line);
        if found {
            return seen;
        }
    }
    panic!("no line with {wanted:?} in {seen:#?}");
}

#[test]
fn ctrl_c_in_loiter_cancels_what_has_not_started_and_waits_for_what_runs() {
    // In seconds: loiter(5) starts at 1 s and loiter(6) only at 2 s, so a Ctrl-C sent on
    // seeing loiter(5) start lands well before loiter(6) could.
    let mut child = Command::new(env!("CARGO_BIN_EXE_loiter"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(Result::unwrap);
    let mut out = read_until(&mut lines, "loiter(5): doing nothing");
    ctrl_c(&child);
    out.extend(lines);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    let text = out.join("\n");
    assert_eq!(status.code(), Some(130), "{text}\n{err}");
    assert!(
        !text.contains("loiter(6)") && !text.contains("loiter(7)"),
        "{text}"
    );
    for n in 2..=5 {
        assert!(text.contains(&format!("loiter({n}): done.")), "{text}");
    }
    assert!(
        err.contains("KeyboardInterrupt: cancelled loiter(6), loiter(7); waited for loiter(2), loiter(3), loiter(4), loiter(5) to finish"),
        "{err}"
    );
}

/// A flags2 download of `codes` from a server that answers each request after `delay`.
fn slow_download(
    dest: &TempDir,
    delay: Duration,
    codes: &[&str],
) -> (Child, flags_server::RunningServer) {
    slow_download_with(dest, delay, codes, &[])
}

/// [`slow_download`], with more options.
fn slow_download_with(
    dest: &TempDir,
    delay: Duration,
    codes: &[&str],
    extra: &[&str],
) -> (Child, flags_server::RunningServer) {
    let server = flags_server::start(ServerConfig {
        delay: Delay::Fixed(delay),
        ..ServerConfig::local()
    })
    .unwrap();
    let url = server.base_url();
    let mut args = vec!["-v", "-m", "2", "--url", &url, "--dest", dest.arg()];
    args.extend_from_slice(extra);
    args.extend_from_slice(codes);
    let child = Command::new(env!("CARGO_BIN_EXE_flags2_threadpool"))
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    (child, server)
}

#[test]
fn ctrl_c_in_a_flags_download_leaves_only_whole_flags() {
    let dest = TempDir::new("interrupt");
    let codes = ["BR", "CN", "IN", "JP", "US", "FR"];
    let (mut child, server) = slow_download(&dest, Duration::from_millis(300), &codes);
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(Result::unwrap);
    // Two workers: once the first flag is in, two more are running or about to, three queued.
    read_until(&mut lines, " OK");
    ctrl_c(&child);
    let rest: Vec<String> = lines.collect();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(130), "{rest:?}\n{err}");
    assert!(err.contains("KeyboardInterrupt: cancelled "), "{err}");
    let names = dest.names();
    assert!(
        names.len() < codes.len(),
        "nothing was cancelled: {names:?}"
    );
    for name in &names {
        assert!(
            name.ends_with(".gif") && !name.starts_with('.'),
            "{names:?}"
        );
        let cc = name.trim_end_matches(".gif");
        let bytes = std::fs::read(dest.path().join(name)).unwrap();
        let path = format!("/flags/{cc}/{cc}.gif");
        let whole = common::fetch(&server, &path);
        assert_eq!(bytes, whole, "{name} is not the whole flag");
    }
}

#[test]
fn a_second_ctrl_c_quits_at_once_and_leaves_no_partial_file() {
    let dest = TempDir::new("interrupt-twice");
    let (mut child, _server) = slow_download(&dest, Duration::from_secs(30), &["BR", "CN", "IN"]);
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(Result::unwrap);
    read_until(&mut lines, "concurrent connections will be used.");
    ctrl_c(&child);
    ctrl_c(&child);
    // The server holds every answer for 30 s: only quitting at once ends the program now.
    assert_eq!(child.wait().unwrap().code(), Some(130));
    assert_eq!(dest.names(), Vec::<String>::new());
}

#[test]
fn an_interrupted_download_still_writes_a_whole_trace_of_what_ran() {
    let dest = TempDir::new("interrupt-trace");
    let pictures = TempDir::new("interrupt-trace-pictures");
    let trace = pictures.path().join("t.json");
    let codes = ["BR", "CN", "IN", "JP", "US", "FR"];
    let extra = ["--trace", trace.to_str().unwrap()];
    let (mut child, _server) =
        slow_download_with(&dest, Duration::from_millis(300), &codes, &extra);
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(Result::unwrap);
    read_until(&mut lines, " OK");
    ctrl_c(&child);
    let _: Vec<String> = lines.collect();
    assert_eq!(child.wait().unwrap().code(), Some(130));
    let text = std::fs::read_to_string(&trace).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let events = json["traceEvents"].as_array().unwrap();
    let tasks = (events.iter())
        .filter(|e| e["ph"] == "X" && e["cat"] == "task")
        .count();
    // The calls that ran are in; the cancelled ones never started.
    assert!((1..codes.len()).contains(&tasks), "{tasks} tasks");
    assert_eq!(pictures.names(), ["t.json"], "no temporary file is left");
}
