//! End-to-end tests of the demo programs: the real binaries, run against a flags server each
//! test starts in-process on a free port, with files written to a fresh temporary folder.
//!
//! This file belongs to the `demos` package (see its `Cargo.toml`) so that cargo builds the
//! binaries and tells us where they are (`CARGO_BIN_EXE_*`).

mod common;

use common::{TempDir, report_counts, run, stderr, stdout};
use demos::flags_common::POP20_CC;
use flags_server::{self, RunningServer, ServerConfig};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Output};
use std::time::Duration;

fn server(config: ServerConfig) -> RunningServer {
    flags_server::start(config).unwrap()
}

/// Runs a first-series flags program against `server`, saving into `dest`.
fn download(binary: &str, server: &RunningServer, dest: &TempDir) -> Output {
    let url = server.base_url();
    run(
        binary,
        &["--url", &url, "--dest", dest.path().to_str().unwrap()],
    )
}

fn sorted_pop20() -> Vec<&'static str> {
    let mut codes = POP20_CC.to_vec();
    codes.sort();
    codes
}

/// Checks `dest` holds the 20 flags, each a whole GIF, and nothing else (no temporary files).
fn assert_twenty_gifs(dest: &TempDir) {
    let mut names: Vec<String> = std::fs::read_dir(dest.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let expected: Vec<String> = sorted_pop20()
        .iter()
        .map(|cc| format!("{}.gif", cc.to_lowercase()))
        .collect();
    assert_eq!(names, expected);
    for name in names {
        let bytes = std::fs::read(dest.path().join(name)).unwrap();
        assert!(bytes.starts_with(b"GIF89a") && bytes.ends_with(b";"));
    }
}

/// A line without the country codes that `show` printed at its start.
fn strip_codes(mut line: &str) -> &str {
    while line.len() >= 3
        && line.as_bytes()[..2].iter().all(u8::is_ascii_uppercase)
        && line.as_bytes()[2] == b' '
    {
        line = &line[3..];
    }
    line
}

/// `\n20 flags downloaded in 0.18s`
fn assert_summary(text: &str, count: usize) {
    let last = text.lines().last().unwrap();
    let seconds = last
        .strip_prefix(&format!("{count} flags downloaded in "))
        .and_then(|rest| rest.strip_suffix('s'))
        .unwrap_or_else(|| panic!("bad summary line {last:?}"));
    let (whole, hundredths) = seconds.split_once('.').unwrap();
    assert!(
        whole.parse::<u32>().is_ok() && hundredths.len() == 2,
        "{last:?}"
    );
}

#[test]
fn flags_downloads_the_twenty_in_sorted_order() {
    let server = server(ServerConfig::local());
    let dest = TempDir::new("e2e");
    let output = download(env!("CARGO_BIN_EXE_flags"), &server, &dest);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        sorted_pop20()
    );
    assert_summary(&text, 20);
    assert_twenty_gifs(&dest);
    assert_eq!(server.stats().served(), 20);
}

#[test]
fn flags_threadpool_downloads_the_twenty_in_any_order() {
    let server = server(ServerConfig::local());
    let dest = TempDir::new("e2e");
    let output = download(env!("CARGO_BIN_EXE_flags_threadpool"), &server, &dest);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let mut codes: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    codes.sort();
    assert_eq!(codes, sorted_pop20());
    assert_summary(&text, 20);
    assert_twenty_gifs(&dest);
}

#[test]
fn flags_threadpool_ac_shows_each_future_scheduled_then_finished() {
    let server = server(ServerConfig::local());
    let dest = TempDir::new("e2e");
    let output = download(env!("CARGO_BIN_EXE_flags_threadpool_ac"), &server, &dest);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    // Each task's show(cc) prints "BR " with no newline, so codes may start any line, as in
    // the notebook's output: "BR <Future at 0x... state=finished ...> result : 'BR'".
    let lines: Vec<&str> = text.lines().map(strip_codes).collect();
    let scheduled: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| line.starts_with("Scheduled for "))
        .collect();
    assert_eq!(scheduled.len(), 20);
    for (line, cc) in scheduled.iter().zip(sorted_pop20()) {
        // Scheduled for BD : <Future at 0x7f41963595c0 state=running>
        let future = line
            .strip_prefix(&format!("Scheduled for {cc} : "))
            .unwrap_or_else(|| panic!("{line:?}"));
        assert!(future.starts_with("<Future at 0x"), "{line:?}");
        assert!(
            [
                "state=pending>",
                "state=running>",
                "state=finished returned Result<String, FlagError>>"
            ]
            .iter()
            .any(|end| future.ends_with(end)),
            "{line:?}"
        );
    }
    let mut finished: Vec<String> = lines
        .iter()
        .filter(|line| line.starts_with("<Future"))
        .map(|line| {
            // <Future at 0x... state=finished returned Result<String, FlagError>> result : 'BR'
            let (future, result) = line.split_once(" result : ").unwrap();
            assert!(
                future.ends_with("state=finished returned Result<String, FlagError>>"),
                "{line:?}"
            );
            result.trim_matches('\'').to_owned()
        })
        .collect();
    finished.sort();
    assert_eq!(finished, sorted_pop20());
    assert_summary(&text, 20);
    assert_twenty_gifs(&dest);
}

#[test]
fn flags_threadpool_ac_with_three_workers_still_schedules_and_finishes_all_twenty() {
    let server = server(ServerConfig::local());
    let dest = TempDir::new("e2e");
    let url = server.base_url();
    let output = run(
        env!("CARGO_BIN_EXE_flags_threadpool_ac"),
        &[
            "--url",
            &url,
            "--dest",
            dest.path().to_str().unwrap(),
            "--workers",
            "3",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().map(strip_codes).collect();
    let count = |prefix: &str| lines.iter().filter(|line| line.starts_with(prefix)).count();
    assert_eq!(count("Scheduled for "), 20, "{text}");
    assert_eq!(count("<Future at 0x"), 20, "{text}");
    assert_summary(&text, 20);
    assert_twenty_gifs(&dest);
}

#[test]
fn an_http_error_stops_the_program_with_the_books_message_and_no_partial_file() {
    let server = server(ServerConfig {
        error_rate: 1.0,
        ..ServerConfig::local()
    });
    for binary in [
        env!("CARGO_BIN_EXE_flags"),
        env!("CARGO_BIN_EXE_flags_threadpool"),
        env!("CARGO_BIN_EXE_flags_threadpool_ac"),
    ] {
        let dest = TempDir::new("e2e");
        let output = download(binary, &server, &dest);
        assert_eq!(output.status.code(), Some(1), "{binary}");
        assert!(
            stderr(&output).contains("HTTP 418 - I'm a teapot"),
            "{}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains("panicked"));
        let left: Vec<_> = std::fs::read_dir(dest.path()).map_or(Vec::new(), |d| d.collect());
        assert!(left.is_empty(), "{binary} left files behind");
    }
}

#[test]
fn a_destination_that_is_a_file_is_refused_before_any_download() {
    let server = server(ServerConfig::local());
    let dest = TempDir::new("e2e");
    let file = dest.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let url = server.base_url();
    let output = run(
        env!("CARGO_BIN_EXE_flags"),
        &["--url", &url, "--dest", file.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is a file, not a folder"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("panicked"));
    assert_eq!(
        server.stats().served(),
        0,
        "nothing downloaded to be thrown away"
    );
}

#[test]
fn a_url_that_is_not_http_is_a_usage_error() {
    let dest = TempDir::new("e2e");
    for url in ["ftp://127.0.0.1/flags", "flags", "http://"] {
        let output = run(
            env!("CARGO_BIN_EXE_flags"),
            &["--url", url, "--dest", dest.path().to_str().unwrap()],
        );
        assert_eq!(output.status.code(), Some(2), "{url}");
        assert!(
            stderr(&output).contains("invalid value") && stderr(&output).contains("--url <URL>"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let output = run(env!("CARGO_BIN_EXE_flags"), &["--bogus"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(
        env!("CARGO_BIN_EXE_flags_threadpool_ac"),
        &["--workers", "0"],
    );
    assert_eq!(output.status.code(), Some(2));
}

// The loiter demo.

#[test]
fn loiter_prints_the_notebooks_story_in_order() {
    let output = run(env!("CARGO_BIN_EXE_loiter"), &["--unit", "ms"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let messages: Vec<&str> = text
        .lines()
        .map(|line| {
            // [09:57:19] message
            assert!(
                line.starts_with('[') && line[9..].starts_with("] "),
                "{line:?}"
            );
            &line[11..]
        })
        .collect();
    let position = |wanted: &str| {
        messages
            .iter()
            .position(|m| *m == wanted)
            .unwrap_or_else(|| panic!("{wanted:?} missing from {messages:?}"))
    };
    assert_eq!(messages[0], "Script starting.");
    let results = position("result: <executor::Map: 8 results not yet yielded>");
    let waiting = position("Waiting for individual results:");
    assert!(results < waiting);
    let mut previous = waiting;
    for n in 0..8 {
        let result = position(&format!("result {n} : {}", n * 10));
        assert!(result > previous, "results come back in input order");
        previous = result;
        let tabs = "\t".repeat(n);
        let start = position(&format!("{tabs}loiter({n}): doing nothing for {n}ms..."));
        let done = position(&format!("{tabs}loiter({n}): done."));
        assert!(start < done && done < result);
    }
    assert_eq!(messages.len(), 3 + 8 * 3);
}

#[test]
fn loiter_draws_a_row_per_worker_and_a_bar_per_task() {
    let output = run(
        env!("CARGO_BIN_EXE_loiter"),
        &[
            "--unit",
            "ms",
            "--tasks",
            "6",
            "--workers",
            "3",
            "--timeline",
        ],
    );
    assert!(output.status.success());
    let text = stdout(&output);
    let timeline: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.starts_with("Timeline: "))
        .collect();
    // Fast calls free their worker for the next one, so 1 to 3 threads may have been started.
    // Below the rows, the time axis.
    let axis = timeline[timeline.len() - 1];
    assert!(
        axis.trim_start().starts_with('0') && axis.ends_with("ms"),
        "{text}"
    );
    let timeline = &timeline[..timeline.len() - 1];
    let threads = timeline.len() - 1;
    assert!((1..=3).contains(&threads), "{text}");
    assert!(
        timeline[0].starts_with(&format!("Timeline: 6 tasks on {threads} thread")),
        "{text}"
    );
    let bars: String = timeline[1..].concat();
    for task in 0..6 {
        let mark = char::from_digit(task, 10).unwrap();
        assert!(bars.contains(mark), "task {task} missing from {text}");
    }
    assert!(
        timeline[1..]
            .iter()
            .all(|row| row.starts_with("ThreadPoolExecutor-"))
    );
}

#[test]
fn loiter_refuses_bad_options() {
    for args in [&["--workers", "0"][..], &["--unit", "h"], &["--tasks", "x"]] {
        let output = run(env!("CARGO_BIN_EXE_loiter"), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

// The flags server, over raw TCP for requests a client library would tidy up.

/// Sends `request` as is and returns the status line's code.
fn raw_status(server: &RunningServer, request: &str) -> u16 {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    text.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"))
}

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
}

#[test]
fn the_server_answers_hostile_requests_with_4xx() {
    let server = server(ServerConfig::local());
    assert_eq!(raw_status(&server, &get("/flags/br/br.gif")), 200);
    assert_eq!(raw_status(&server, &get("/flags/../../etc/passwd")), 400);
    assert_eq!(
        raw_status(&server, &get("/flags/%2e%2e/%2e%2e/etc/passwd")),
        400
    );
    assert_eq!(raw_status(&server, &get("/flags/br/..%2f..%2fbr.gif")), 400);
    assert_eq!(
        raw_status(&server, &get(&format!("/flags/{}", "a".repeat(5000)))),
        414
    );
    assert_eq!(raw_status(&server, &get("/flags/xx/xx.gif")), 404);
    assert_eq!(raw_status(&server, &get("/etc/passwd")), 404);
    assert_eq!(raw_status(&server, &get("/flags/br/cn.gif")), 404);
    let post = "POST /flags/br/br.gif HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    assert_eq!(raw_status(&server, post), 405);
}

#[test]
fn a_silent_client_does_not_hold_up_another() {
    let server = server(ServerConfig::local());
    let _silent = TcpStream::connect(server.addr()).unwrap(); // connects, sends nothing
    assert_eq!(raw_status(&server, &get("/flags/jp/jp.gif")), 200);
}

#[test]
fn every_country_has_a_flag_and_its_name() {
    let server = server(ServerConfig::local());
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    for country in &flags_server::countries::COUNTRIES {
        let cc = country.cc.to_lowercase();
        let gif = agent
            .get(format!("{}/{cc}/{cc}.gif", server.base_url()))
            .call()
            .unwrap()
            .body_mut()
            .read_to_vec()
            .unwrap();
        assert!(gif.starts_with(b"GIF89a"), "{cc}");
        let metadata = agent
            .get(format!("{}/{cc}/metadata.json", server.base_url()))
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap();
        assert!(
            metadata.contains(&format!(
                "\"country\": \"{}\"",
                country.name.replace('"', "\\\"")
            )),
            "{metadata}"
        );
    }
}

#[test]
fn seeded_errors_hit_exactly_the_predicted_codes() {
    let config = ServerConfig {
        error_rate: 0.25,
        seed: 42,
        ..ServerConfig::local()
    };
    let server = server(config.clone());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut failed = 0;
    for cc in flags_server::known_codes() {
        let path = format!("/flags/{cc}/{cc}.gif");
        let status = agent
            .get(format!("http://{}{path}", server.addr()))
            .call()
            .unwrap()
            .status()
            .as_u16();
        let predicted = config.injects_error(&path);
        assert_eq!(status == 418, predicted, "{cc}");
        failed += usize::from(predicted);
    }
    assert_eq!(server.stats().failed_on_purpose(), failed);
    assert!(failed > 0);
}

#[test]
fn a_fixed_delay_is_applied() {
    let delay = Duration::from_millis(30);
    let server = server(ServerConfig {
        delay: flags_server::Delay::Fixed(delay),
        ..ServerConfig::local()
    });
    let started = std::time::Instant::now();
    assert_eq!(raw_status(&server, &get("/flags/br/br.gif")), 200);
    assert!(started.elapsed() >= delay);
    assert_eq!(server.stats().delayed(), 1);
}

#[test]
fn the_server_program_refuses_bad_options_and_a_busy_port() {
    let binary = env!("CARGO_BIN_EXE_flags_server");
    for args in [
        &["--delay", "soon"][..],
        &["--delay", "-1"],
        &["--error-rate", "2"],
        &["--error-status", "200"],
        &["--port", "70000"],
        &["--label", "REMOTE"],
    ] {
        let output = run(binary, args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let busy = server(ServerConfig::local());
    let port = busy.addr().port().to_string();
    let output = run(binary, &["--port", &port, "--quiet"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("cannot serve"),
        "{}",
        stderr(&output)
    );
    let output = run(binary, &["--port", "0", "--directory", "/no/such/dir"]);
    assert_eq!(output.status.code(), Some(1));
}

// The second series: flags2_sequential and flags2_threadpool.

fn every_code() -> Vec<String> {
    (b'a'..=b'z')
        .flat_map(|a| (b'a'..=b'z').map(move |b| format!("{}{}", a as char, b as char)))
        .collect()
}

#[test]
fn flags2_counts_match_what_a_seeded_server_injected() {
    let config = ServerConfig {
        error_rate: 0.25,
        seed: 3,
        ..ServerConfig::local()
    };
    let server = server(config.clone());
    let known: Vec<String> = flags_server::known_codes().collect();
    let (mut ok, mut not_found, mut errors) = (0, 0, 0);
    for cc in every_code() {
        if config.injects_error(&format!("/flags/{cc}/{cc}.gif")) {
            errors += 1;
        } else if known.contains(&cc) {
            ok += 1;
        } else {
            not_found += 1;
        }
    }
    for binary in [
        env!("CARGO_BIN_EXE_flags2_threadpool"),
        env!("CARGO_BIN_EXE_flags2_sequential"),
    ] {
        let dest = TempDir::new("e2e");
        let url = server.base_url();
        let output = run(
            binary,
            &[
                "-e",
                "-m",
                "50",
                "--url",
                &url,
                "--dest",
                dest.path().to_str().unwrap(),
            ],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let text = stdout(&output);
        assert_eq!(
            report_counts(&text),
            (ok, not_found, errors),
            "{binary}: {text}"
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("LOCAL site: {url}"));
        assert_eq!(lines[1], "Searching for 676 flags: from AA to ZZ");
        assert!(lines.contains(&"--------------------"));
        assert!(lines.last().unwrap().starts_with("Elapsed time: "));
        assert_eq!(std::fs::read_dir(dest.path()).unwrap().count(), ok);
    }
}

#[test]
fn flags2_verbose_reports_each_error_in_the_books_words() {
    let server = server(ServerConfig {
        error_rate: 1.0,
        ..ServerConfig::local()
    });
    let dest = TempDir::new("e2e");
    let url = server.base_url();
    let args = [
        "-v",
        "BR",
        "CN",
        "--url",
        &url,
        "--dest",
        dest.path().to_str().unwrap(),
    ];
    let threadpool = stdout(&run(env!("CARGO_BIN_EXE_flags2_threadpool"), &args));
    assert!(
        threadpool.contains("*** Error for BR: HTTP 418 - I'm a teapot"),
        "{threadpool}"
    );
    assert!(
        threadpool.contains("2 concurrent connections will be used."),
        "{threadpool}"
    );
    assert!(
        threadpool.contains("Searching for 2 flags: BR, CN"),
        "{threadpool}"
    );
    let sequential = stdout(&run(env!("CARGO_BIN_EXE_flags2_sequential"), &args));
    assert!(
        sequential.contains("*** Error for CN: HTTP error 418 - I'm a teapot"),
        "{sequential}"
    );
    assert!(
        sequential.contains("1 concurrent connection will be used."),
        "{sequential}"
    );
    assert_eq!(report_counts(&sequential), (0, 0, 2));
}

#[test]
fn flags2_one_letter_means_twenty_six_codes_and_limit_cuts_the_list() {
    let server = server(ServerConfig::local());
    let dest = TempDir::new("e2e");
    let url = server.base_url();
    let output = run(
        env!("CARGO_BIN_EXE_flags2_threadpool"),
        &[
            "b",
            "-l",
            "5",
            "-v",
            "--url",
            &url,
            "--dest",
            dest.path().to_str().unwrap(),
        ],
    );
    let text = stdout(&output);
    assert!(
        text.contains("Searching for 5 flags: BA, BB, BC, BD, BE"),
        "{text}"
    );
    assert!(text.contains("BC not found"), "{text}");
    assert_eq!(report_counts(&text), (4, 1, 0));
}

#[test]
fn flags2_usage_errors_print_the_books_line_and_exit_2() {
    for binary in [
        env!("CARGO_BIN_EXE_flags2_threadpool"),
        env!("CARGO_BIN_EXE_flags2_sequential"),
    ] {
        for (args, message) in [
            (&["-m", "0"][..], "--max_req CONCURRENT must be >= 1"),
            (&["-l", "0"], "--limit N must be >= 1"),
            (
                &["-s", "nowhere"],
                "--server LABEL must be one of DELAY, ERROR, LOCAL, REMOTE",
            ),
            (&["BRA"], "each CC argument must be A to Z or AA to ZZ."),
            (&["1"], "each CC argument must be A to Z or AA to ZZ."),
        ] {
            let output = run(binary, args);
            assert_eq!(output.status.code(), Some(2), "{args:?}");
            let text = stdout(&output);
            assert!(
                text.starts_with(&format!("*** Usage error: {message}")),
                "{text}"
            );
            assert!(text.contains("Usage: flags2_"), "{text}");
        }
        assert_eq!(run(binary, &["--bogus"]).status.code(), Some(2));
    }
}

#[test]
fn remote_is_the_books_site_simulated_by_a_built_in_server() {
    let dest = TempDir::new("remote");
    let output = run(
        env!("CARGO_BIN_EXE_flags2_threadpool"),
        &["-s", "remote", "--dest", dest.arg(), "BR", "CN"],
    );
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0]
            .starts_with("Downloading from a built-in flags server that simulates the internet"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("REMOTE site: http://127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("2 flags downloaded."), "{text}");
    assert_eq!(dest.names(), ["br.gif", "cn.gif"]);
}

#[test]
fn a_closed_stdout_ends_a_demo_quietly() {
    // `loiter | head -0`: the reader goes away; the program must not print a panic.
    let mut child = Command::new(env!("CARGO_BIN_EXE_loiter"))
        .args(["--unit", "ms", "--tasks", "20"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone before the first line is printed
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(141));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

#[test]
fn flags3_saves_each_flag_under_its_countrys_name() {
    let server = server(ServerConfig::local());
    let dest = TempDir::new("e2e");
    let url = server.base_url();
    let output = run(
        env!("CARGO_BIN_EXE_flags3_threadpool"),
        &["-a", "--url", &url, "--dest", dest.path().to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(report_counts(&stdout(&output)), (194, 0, 0));
    for name in [
        "Brazil-BR.gif",
        "United_States-US.gif",
        "Côte_d'Ivoire-CI.gif",
    ] {
        let bytes = std::fs::read(dest.path().join(name)).unwrap();
        assert!(bytes.starts_with(b"GIF89a"), "{name}");
    }
    assert_eq!(std::fs::read_dir(dest.path()).unwrap().count(), 194);
    assert_eq!(
        server.stats().served(),
        2 * 194,
        "a flag and its metadata per country"
    );
}

#[test]
fn the_server_can_serve_a_real_flags_tree_from_a_directory() {
    let tree = TempDir::new("e2e");
    std::fs::create_dir_all(tree.path().join("br")).unwrap();
    std::fs::write(tree.path().join("br/br.gif"), b"GIF89a-real-brazil").unwrap();
    std::fs::write(
        tree.path().join("br/metadata.json"),
        br#"{"country": "Brazil"}"#,
    )
    .unwrap();
    std::fs::write(tree.path().join("secret.txt"), b"not for clients").unwrap();
    let server = server(ServerConfig {
        directory: Some(tree.path().to_owned()),
        ..ServerConfig::local()
    });
    let dest = TempDir::new("e2e");
    let url = server.base_url();
    let output = run(
        env!("CARGO_BIN_EXE_flags3_threadpool"),
        &[
            "BR",
            "CN",
            "--url",
            &url,
            "--dest",
            dest.path().to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        report_counts(&stdout(&output)),
        (1, 1, 0),
        "CN is not in the tree"
    );
    let saved = std::fs::read(dest.path().join("Brazil-BR.gif")).unwrap();
    assert_eq!(saved, b"GIF89a-real-brazil");
    assert_eq!(raw_status(&server, &get("/flags/secret.txt")), 404);
    assert_eq!(raw_status(&server, &get("/flags/../secret.txt")), 400);
}

#[test]
fn loiter_writes_a_trace_a_viewer_opens_and_an_svg_timeline() {
    let dir = TempDir::new("trace");
    let (trace, svg) = (dir.path().join("t.json"), dir.path().join("t.svg"));
    let output = run(
        env!("CARGO_BIN_EXE_loiter"),
        &[
            "--unit",
            "ms",
            "--trace",
            trace.to_str().unwrap(),
            "--svg",
            svg.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&trace).unwrap()).unwrap();
    let events = json["traceEvents"].as_array().unwrap();
    let mut names: Vec<&str> = (events.iter())
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .map(|e| e["args"]["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names[0], "MainThread");
    assert!(
        names[1..]
            .iter()
            .all(|n| n.starts_with("ThreadPoolExecutor-")),
        "{names:?}"
    );
    let tasks: Vec<&serde_json::Value> = (events.iter())
        .filter(|e| e["ph"] == "X" && e["cat"] == "task")
        .collect();
    assert_eq!(tasks.len(), 8);
    let mut rows: std::collections::BTreeMap<u64, Vec<(f64, f64)>> = Default::default();
    for task in &tasks {
        let (ts, dur) = (task["ts"].as_f64().unwrap(), task["dur"].as_f64().unwrap());
        let tid = task["tid"].as_u64().unwrap();
        assert_ne!(tid, 1, "a task on the main thread's row");
        rows.entry(tid).or_default().push((ts, ts + dur));
    }
    for spans in rows.values_mut() {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in spans.windows(2) {
            assert!(
                pair[1].0 >= pair[0].1 - 1e-3,
                "bars overlap on a row: {pair:?}"
            );
        }
    }
    // The executor reports each step of `map` that had to sleep: at most one per result (a
    // result already in when asked for needs no wait), and loiter(7) is never in at once.
    let waits: Vec<&serde_json::Value> = (events.iter())
        .filter(|e| e["ph"] == "X" && e["cat"] == "wait")
        .collect();
    assert!((1..=8).contains(&waits.len()), "{waits:?}");
    for wait in &waits {
        assert_eq!(
            (wait["tid"].as_u64(), wait["name"].as_str()),
            (Some(1), Some("next(map)"))
        );
        let woken_by = wait["args"]["woken by"].as_str().unwrap();
        assert!(woken_by.starts_with("loiter("), "{wait}");
    }
    let wakes = (events.iter())
        .filter(|e| e["cat"] == "wake" && e["ph"] == "f" && e["tid"] == 1)
        .count();
    assert_eq!(
        wakes,
        waits.len(),
        "an arrow from each call's end to the wait it ended"
    );
    // A viewer binds each end of an arrow to the slice open at that time on its row
    // (Perfetto's JSON importer takes the topmost open slice): each end must be inside one.
    for end in events.iter().filter(|e| e["ph"] == "s" || e["ph"] == "f") {
        let at = end["ts"].as_f64().unwrap();
        let inside = events.iter().any(|slice| {
            let (ts, dur) = (slice["ts"].as_f64(), slice["dur"].as_f64());
            slice["ph"] == "X"
                && slice["tid"] == end["tid"]
                && ts
                    .zip(dur)
                    .is_some_and(|(ts, dur)| ts < at && at < ts + dur)
        });
        assert!(
            inside,
            "an arrow's end outside every slice of its row: {end}"
        );
    }
    assert_slices_nest(events);
    let picture = std::fs::read_to_string(&svg).unwrap();
    assert!(picture.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(picture.matches("class=\"task\"").count(), 8);
    // In the picture too, the bars on one row never overlap.
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut bars: std::collections::BTreeMap<String, Vec<(f64, f64)>> = Default::default();
    for tag in picture
        .lines()
        .filter(|line| line.contains("class=\"task\""))
    {
        let (x, width) = (number(tag, "x"), number(tag, "width"));
        bars.entry(number(tag, "y").to_string())
            .or_default()
            .push((x, x + width));
    }
    for row in bars.values_mut() {
        row.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in row.windows(2) {
            assert!(
                pair[1].0 >= pair[0].1 - 0.11,
                "bars overlap in the SVG: {pair:?}"
            );
        }
    }
    assert_eq!(
        dir.names(),
        ["t.json", "t.svg"],
        "no temporary file is left"
    );
}

/// Perfetto's rule for complete events on one row: two slices either follow one another or one
/// holds the other.
fn assert_slices_nest(events: &[serde_json::Value]) {
    let slices: Vec<(u64, f64, f64)> = (events.iter())
        .filter(|e| e["ph"] == "X")
        .map(|e| {
            let ts = e["ts"].as_f64().unwrap();
            (
                e["tid"].as_u64().unwrap(),
                ts,
                ts + e["dur"].as_f64().unwrap(),
            )
        })
        .collect();
    for (i, a) in slices.iter().enumerate() {
        for b in &slices[i + 1..] {
            let apart = a.2 <= b.1 || b.2 <= a.1;
            let nested = (a.1 <= b.1 && b.2 <= a.2) || (b.1 <= a.1 && a.2 <= b.2);
            assert!(
                a.0 != b.0 || apart || nested,
                "slices overlap on a row: {a:?} {b:?}"
            );
        }
    }
}

/// Reads a trace: its task bars (name, args, row) and its waits' rows.
fn read_trace(path: &std::path::Path) -> (Vec<(String, serde_json::Value, u64)>, Vec<u64>) {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let events = json["traceEvents"].as_array().unwrap();
    let tasks = (events.iter())
        .filter(|e| e["ph"] == "X" && e["cat"] == "task")
        .map(|e| {
            let name = e["name"].as_str().unwrap().to_owned();
            (name, e["args"].clone(), e["tid"].as_u64().unwrap())
        })
        .collect();
    let waits = (events.iter())
        .filter(|e| e["ph"] == "X" && e["cat"] == "wait")
        .map(|e| e["tid"].as_u64().unwrap())
        .collect();
    (tasks, waits)
}

#[test]
fn every_flags_program_writes_a_trace_and_an_svg_of_its_downloads() {
    let server = server(ServerConfig::local());
    let url = server.base_url();
    let programs = [
        (env!("CARGO_BIN_EXE_flags"), true),
        (env!("CARGO_BIN_EXE_flags_threadpool"), false),
        (env!("CARGO_BIN_EXE_flags_threadpool_ac"), false),
        (env!("CARGO_BIN_EXE_flags2_sequential"), true),
        (env!("CARGO_BIN_EXE_flags2_threadpool"), false),
        (env!("CARGO_BIN_EXE_flags3_threadpool"), false),
    ];
    for (binary, sequential) in programs {
        let dir = TempDir::new("flags-trace");
        let dest = dir.path().join("flags");
        let (trace, svg) = (dir.path().join("t.json"), dir.path().join("t.svg"));
        let mut args = vec!["--url", &url, "--dest", dest.to_str().unwrap()];
        args.extend([
            "--trace",
            trace.to_str().unwrap(),
            "--svg",
            svg.to_str().unwrap(),
        ]);
        let output = run(binary, &args);
        assert!(output.status.success(), "{binary}: {output:?}");
        let (tasks, waits) = read_trace(&trace);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&trace).unwrap()).unwrap();
        assert_slices_nest(json["traceEvents"].as_array().unwrap());
        let mut codes: Vec<&str> = (tasks.iter())
            .map(|(name, ..)| {
                let code = name
                    .strip_prefix("download_one('")
                    .and_then(|n| n.strip_suffix("')"));
                code.unwrap_or_else(|| panic!("{binary}: a task named {name}"))
            })
            .collect();
        codes.sort();
        assert_eq!(codes, sorted_pop20(), "{binary}");
        for (name, args, tid) in &tasks {
            let cc = args["cc"].as_str().unwrap();
            // flags3 names its files after the country: `Brazil-BR.gif`.
            let saved = match binary.ends_with("flags3_threadpool") {
                true => format!("-{cc}.gif, "),
                false => format!("saved {}.gif, ", cc.to_lowercase()),
            };
            assert!(
                args["result"].as_str().unwrap().contains(&saved),
                "{name}: {args}"
            );
            // The sequential programs download on the main thread; the others on workers.
            assert_eq!(*tid == 1, sequential, "{binary}: {name} on row {tid}");
        }
        if sequential {
            assert!(waits.is_empty(), "{binary}: no pool, nothing to wait for");
        }
        let picture = std::fs::read_to_string(&svg).unwrap();
        assert_eq!(picture.matches("class=\"task\"").count(), 20, "{binary}");
    }
}

#[test]
fn a_trace_in_a_missing_folder_is_refused_before_any_download() {
    let server = server(ServerConfig::local());
    let dest = TempDir::new("flags-trace-refused");
    let url = server.base_url();
    let output = run(
        env!("CARGO_BIN_EXE_flags_threadpool"),
        &[
            "--url",
            &url,
            "--dest",
            dest.arg(),
            "--trace",
            "no/such/folder/t.json",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(stderr(&output).contains("folder no/such/folder does not exist"));
    assert_eq!(server.stats().served(), 0);
}

#[test]
fn starvation_ends_on_its_own_with_the_diagnosis_of_both_examples_and_the_way_out() {
    let output = run(env!("CARGO_BIN_EXE_starvation"), &[]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let reports = text
        .matches("*** deadlock: every worker of ThreadPoolExecutor-")
        .count();
    assert_eq!(
        reports, 3,
        "one for wait_on_future, one for each of a and b:\n{text}"
    );
    assert!(
        text.contains("_0 waits in result() for task 1 <Future at 0x"),
        "{text}"
    );
    assert!(text.contains("state=pending>"), "{text}");
    assert!(
        text.contains("state=running>"),
        "the tasks waiting on each other:\n{text}"
    );
    assert!(text.contains("The way out, a second worker: wait_on_future printed 25"));
    assert!(text.contains("The way out, waiting outside the tasks: a returned 5, b returned 6"));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}
