//! The bad-input matrix: every demo program, given each kind of bad input, answers with a
//! clear message, no panic and no backtrace, exit status 2 for a usage error and 1 for a
//! failure at run time, and leaves no partial file behind.
//!
//! [`rows`] is the one list of cases. The test runs each row's command and checks it, then
//! renders the table of `docs/bad-input.md` from the real output (the first line of the
//! message, with the test's paths and ports put back as `$URL`, `$DIR`, ...) and checks the
//! docs say the same. After a deliberate change, `BLESS=1 cargo test -p demos --test
//! e2e_bad_input` rewrites that table.

mod common;

use common::{TempDir, stderr, stdout};
use flags_server::{self, ServerConfig};
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Where a row's message is printed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stream {
    Stdout,
    Stderr,
}

/// One bad input: the program, its arguments, and what it must answer.
///
/// Arguments may name what the test sets up: `$URL` (a running flags server's base URL),
/// `$SERVER` (the same server's root), `$BUSY` (that server's port, so: a port in use),
/// `$DIR` (an empty folder) and `$FILE` (a regular file).
struct Row {
    /// The program, as its binary is named.
    program: &'static str,
    /// What is wrong, in words.
    input: &'static str,
    /// The command line after the program's name.
    args: &'static [&'static str],
    /// The exit status: 2 for a usage error, 1 for a failure at run time, 0 where the book
    /// treats the input as an ordinary outcome.
    status: i32,
    /// Where the message is printed.
    stream: Stream,
    /// A piece of the message's line: for a failure, of the first line on `stream`.
    fragment: &'static str,
}

const fn row(
    program: &'static str,
    input: &'static str,
    args: &'static [&'static str],
    status: i32,
    stream: Stream,
    fragment: &'static str,
) -> Row {
    Row {
        program,
        input,
        args,
        status,
        stream,
        fragment,
    }
}

use Stream::{Stderr, Stdout};

/// The rows the three first-series programs share (`SiteArgs`).
#[rustfmt::skip]
fn first_series(program: &'static str) -> Vec<Row> {
    vec![
        row(program, "unknown option", &["--bogus"], 2, Stderr, "unexpected argument '--bogus'"),
        row(program, "stray argument", &["BR"], 2, Stderr, "unexpected argument 'BR'"),
        row(program, "URL not http", &["--url", "ftp://127.0.0.1/flags"], 2, Stderr, "it must start with http://"),
        row(program, "malformed URL", &["--url", "http://exa mple/flags"], 2, Stderr, "not a URL"),
        row(program, "URL with an invalid port", &["--url", "http://127.0.0.1:99999/flags"], 2, Stderr, "port 99999 is not a number"),
        row(program, "URL with no host", &["--url", "http:///flags"], 2, Stderr, "invalid value 'http:///flags' for '--url <URL>'"),
        row(program, "unreachable URL (no downloads/ made)", &["--url", "http://127.0.0.1:1/flags"], 1, Stderr, "cannot connect to http://127.0.0.1:1/flags: Connection refused"),
        row(program, "URL with no flags", &["--url", "$SERVER/nothing", "--dest", "$DIR"], 1, Stderr, "answers 404 for flags that every flags server has"),
        row(program, "--dest is a file", &["--url", "$URL", "--dest", "$FILE"], 1, Stderr, "is a file, not a folder"),
        row(program, "--dest under a file", &["--url", "$URL", "--dest", "$FILE/sub"], 1, Stderr, "cannot create --dest"),
        row(program, "timeout 0", &["--timeout", "0"], 2, Stderr, "invalid value '0' for '--timeout <SECS>'"),
        row(program, "timeout not a number", &["--timeout", "soon"], 2, Stderr, "invalid value 'soon' for '--timeout <SECS>'"),
        row(program, "timeout negative", &["--timeout", "-1"], 2, Stderr, "invalid value '-1' for '--timeout <SECS>'"),
        row(program, "timeout past the clock", &["--timeout", "1e19"], 2, Stderr, "seconds from 0.001 to 3600"),
        row(program, "timeout that rounds to nothing", &["--timeout", "1e-10"], 2, Stderr, "seconds from 0.001 to 3600"),
        row(program, "option without its value", &["--dest"], 2, Stderr, "a value is required for '--dest <DIR>'"),
        row(program, "--trace in a missing folder", &["--trace", "$DIR/no/t.json"], 2, Stderr, "folder $DIR/no does not exist"),
        row(program, "--svg is a folder", &["--svg", "$DIR"], 2, Stderr, "is a folder, not a file"),
        row(program, "--svg is a device", &["--svg", "/dev/null"], 2, Stderr, "is not a regular file"),
    ]
}

/// The rows the three flags2 programs share (`flags2_common::Args`).
#[rustfmt::skip]
fn second_series(program: &'static str) -> Vec<Row> {
    vec![
        row(program, "unknown option", &["--bogus"], 2, Stderr, "unexpected argument '--bogus'"),
        row(program, "-m 0", &["-m", "0"], 2, Stdout, "*** Usage error: --max_req CONCURRENT must be >= 1"),
        row(program, "-m negative", &["-m", "-5"], 2, Stdout, "*** Usage error: --max_req CONCURRENT must be >= 1"),
        row(program, "-m not a number", &["-m", "many"], 2, Stderr, "invalid value 'many' for '--max_req <CONCURRENT>'"),
        row(program, "-m too big for a number", &["-m", "99999999999999999999"], 2, Stderr, "number too large"),
        row(program, "-m huge: capped", &["-m", "100000", "-a", "-l", "3", "--url", "$URL", "--dest", "$DIR"], 0, Stdout, if program == "flags2_sequential" { "1 concurrent connection will be used." } else { "3 concurrent connections will be used." }),
        row(program, "-l 0", &["-l", "0"], 2, Stdout, "*** Usage error: --limit N must be >= 1"),
        row(program, "-l not a number", &["-l", "x"], 2, Stderr, "invalid value 'x' for '--limit <N>'"),
        row(program, "-l huge: no limit", &["-l", "1000000", "BR", "--url", "$URL", "--dest", "$DIR"], 0, Stdout, "Searching for 1 flag: BR"),
        row(program, "unknown server label", &["-s", "nowhere"], 2, Stdout, "*** Usage error: --server LABEL must be one of DELAY, ERROR, LOCAL, REMOTE"),
        row(program, "three-letter code", &["BRA"], 2, Stdout, "*** Usage error: each CC argument must be A to Z or AA to ZZ."),
        row(program, "digit for a code", &["1"], 2, Stdout, "*** Usage error: each CC argument must be A to Z or AA to ZZ."),
        row(program, "unknown country code: a 404", &["XX", "--url", "$URL", "--dest", "$DIR"], 0, Stdout, "1 not found."),
        row(program, "URL not http", &["--url", "https://127.0.0.1/flags"], 2, Stderr, "it must start with http://"),
        row(program, "URL with an invalid port", &["--url", "http://127.0.0.1:99999/flags"], 2, Stderr, "port 99999 is not a number"),
        row(program, "malformed URL", &["--url", "http://exa mple/flags"], 2, Stderr, "not a URL"),
        row(program, "unreachable URL (no downloads/ made)", &["BR", "--url", "http://127.0.0.1:1/flags"], 1, Stderr, "cannot connect to http://127.0.0.1:1/flags: Connection refused"),
        row(program, "--dest is a file", &["BR", "--url", "$URL", "--dest", "$FILE"], 1, Stderr, "is a file, not a folder"),
        row(program, "--dest under a file", &["BR", "--url", "$URL", "--dest", "$FILE/sub"], 1, Stderr, "cannot create --dest"),
        row(program, "timeout 0", &["--timeout", "0"], 2, Stderr, "invalid value '0' for '--timeout <SECS>'"),
        row(program, "timeout too long", &["--timeout", "1e30"], 2, Stderr, "invalid value '1e30' for '--timeout <SECS>'"),
        row(program, "timeout negative", &["--timeout", "-1"], 2, Stderr, "invalid value '-1' for '--timeout <SECS>'"),
        row(program, "timeout past the clock", &["--timeout", "1e19"], 2, Stderr, "seconds from 0.001 to 3600"),
        row(program, "timeout that rounds to nothing", &["--timeout", "1e-10"], 2, Stderr, "seconds from 0.001 to 3600"),
        row(program, "--trace in a missing folder", &["--trace", "$DIR/no/t.json"], 2, Stderr, "folder $DIR/no does not exist"),
        row(program, "--svg is a folder", &["--svg", "$DIR"], 2, Stderr, "is a folder, not a file"),
        row(program, "--svg is a device", &["--svg", "/dev/null"], 2, Stderr, "is not a regular file"),
    ]
}

/// Every row, program by program.
#[rustfmt::skip]
fn rows() -> Vec<Row> {
    let loiter = "loiter";
    let server = "flags_server";
    let mut rows = vec![
        row(loiter, "unknown option", &["--bogus"], 2, Stderr, "unexpected argument '--bogus'"),
        row(loiter, "stray argument", &["5"], 2, Stderr, "unexpected argument '5'"),
        row(loiter, "no workers", &["--workers", "0"], 2, Stderr, "invalid value '0' for '--workers <WORKERS>'"),
        row(loiter, "workers not a number", &["--workers", "many"], 2, Stderr, "invalid value 'many' for '--workers <WORKERS>'"),
        row(loiter, "workers too many", &["--workers", "99999"], 2, Stderr, "99999 is not in 1..=65535"),
        row(loiter, "tasks too many", &["--tasks", "1000"], 2, Stderr, "1000 is not in 0..=100"),
        row(loiter, "tasks negative", &["--tasks", "-1"], 2, Stderr, "invalid value '-1' for '--tasks <TASKS>'"),
        row(loiter, "unknown unit", &["--unit", "h"], 2, Stderr, "invalid value 'h' for '--unit <UNIT>'"),
        row(loiter, "option without its value", &["--workers"], 2, Stderr, "a value is required for '--workers <WORKERS>'"),
        row(loiter, "--trace in a missing folder", &["--trace", "$DIR/no/t.json"], 2, Stderr, "folder $DIR/no does not exist"),
        row(loiter, "--svg is a folder", &["--svg", "$DIR"], 2, Stderr, "is a folder, not a file"),
        row(loiter, "--trace is a device", &["--trace", "/dev/null"], 2, Stderr, "is not a regular file"),
        row(loiter, "--trace empty", &["--trace", ""], 2, Stderr, "an empty path names no file"),
        row("starvation", "unknown option", &["--bogus"], 2, Stderr, "unexpected argument '--bogus'"),
        row("starvation", "stray argument", &["1"], 2, Stderr, "unexpected argument '1'"),
    ];
    for program in ["flags", "flags_threadpool", "flags_threadpool_ac"] {
        rows.extend(first_series(program));
    }
    rows.extend([
        row("flags_threadpool_ac", "no workers", &["--workers", "0"], 2, Stderr, "invalid value '0' for '--workers <WORKERS>'"),
        row("flags_threadpool_ac", "workers too many", &["--workers", "5000"], 2, Stderr, "5000 is not in 1..=1000"),
        row("flags_threadpool_ac", "workers negative", &["--workers", "-3"], 2, Stderr, "invalid value '-3' for '--workers <WORKERS>'"),
    ]);
    for program in ["flags2_sequential", "flags2_threadpool", "flags3_threadpool"] {
        rows.extend(second_series(program));
    }
    rows.extend([
        row(server, "unknown option", &["--bogus"], 2, Stderr, "unexpected argument '--bogus'"),
        row(server, "port out of range", &["--port", "70000"], 2, Stderr, "invalid value '70000' for '--port <PORT>'"),
        row(server, "port not a number", &["--port", "http"], 2, Stderr, "invalid value 'http' for '--port <PORT>'"),
        row(server, "port in use", &["--port", "$BUSY"], 1, Stderr, "Address already in use"),
        row(server, "address not on this machine", &["--bind", "192.0.2.1", "--port", "0"], 1, Stderr, "Cannot assign requested address"),
        row(server, "address not an address", &["--bind", "nowhere"], 2, Stderr, "invalid value 'nowhere' for '--bind <BIND>'"),
        row(server, "delay not a number", &["--delay", "soon"], 2, Stderr, "invalid delay \"soon\""),
        row(server, "delay negative", &["--delay", "-1"], 2, Stderr, "seconds must be 0 or more"),
        row(server, "delay range reversed", &["--delay", "5..1"], 2, Stderr, "the range is reversed"),
        row(server, "delay too long", &["--delay", "1e30"], 2, Stderr, "too many seconds"),
        row(server, "delay over an hour", &["--delay", "3601"], 2, Stderr, "at most 3600"),
        row(server, "delay range past an hour", &["--delay", "1..1e19"], 2, Stderr, "at most 3600"),
        row(server, "error rate above 1", &["--error-rate", "2"], 2, Stderr, "\"2\" is not a rate from 0 to 1"),
        row(server, "error rate negative", &["--error-rate", "-0.5"], 2, Stderr, "\"-0.5\" is not a rate from 0 to 1"),
        row(server, "error status not an error", &["--error-status", "200"], 2, Stderr, "200 is not in 400..=599"),
        row(server, "unknown fault", &["--fault", "crash=0.1"], 2, Stderr, "unknown fault \"crash\""),
        row(server, "fault without a rate", &["--fault", "reset"], 2, Stderr, "expected NAME=RATE"),
        row(server, "fault rate above 1", &["--fault", "reset=2"], 2, Stderr, "invalid rate \"2\" for reset"),
        row(server, "fault rates adding up past 1", &["--fault", "reset=0.6,short=0.6"], 2, Stderr, "more than 1"),
        row(server, "unknown label", &["--label", "remote"], 2, Stderr, "invalid value 'remote' for '--label <LABEL>'"),
        row(server, "negative seed", &["--seed", "-1"], 2, Stderr, "invalid value '-1' for '--seed <SEED>'"),
        row(server, "negative port", &["--port", "-1"], 2, Stderr, "invalid value '-1' for '--port <PORT>'"),
        row(server, "directory missing", &["--port", "0", "--directory", "/no/such/dir"], 1, Stderr, "/no/such/dir is not a readable directory"),
        row(server, "directory is a file", &["--port", "0", "--directory", "$FILE"], 1, Stderr, "$FILE is not a readable directory"),
    ]);
    rows
}

/// The path cargo built `program` at.
fn binary(program: &str) -> &'static str {
    match program {
        "loiter" => env!("CARGO_BIN_EXE_loiter"),
        "starvation" => env!("CARGO_BIN_EXE_starvation"),
        "flags" => env!("CARGO_BIN_EXE_flags"),
        "flags_threadpool" => env!("CARGO_BIN_EXE_flags_threadpool"),
        "flags_threadpool_ac" => env!("CARGO_BIN_EXE_flags_threadpool_ac"),
        "flags2_sequential" => env!("CARGO_BIN_EXE_flags2_sequential"),
        "flags2_threadpool" => env!("CARGO_BIN_EXE_flags2_threadpool"),
        "flags3_threadpool" => env!("CARGO_BIN_EXE_flags3_threadpool"),
        "flags_server" => env!("CARGO_BIN_EXE_flags_server"),
        other => panic!("no program {other}"),
    }
}

/// What the placeholders stand for in one row's run.
struct Setting {
    url: String,
    server: String,
    busy: String,
    dir: TempDir,
    file: String,
    _file_dir: TempDir,
    /// The program's working folder, empty: one that forgot `--dest` would write
    /// `downloads/` there.
    scratch: TempDir,
}

impl Setting {
    fn new(server: &flags_server::RunningServer) -> Self {
        let file_dir = TempDir::new("bad-input-file");
        let file = file_dir.path().join("a-file.txt");
        std::fs::write(&file, b"not a folder\n").unwrap();
        Setting {
            url: server.base_url(),
            server: format!("http://{}", server.addr()),
            busy: server.addr().port().to_string(),
            dir: TempDir::new("bad-input-dir"),
            file: file.to_str().unwrap().to_owned(),
            _file_dir: file_dir,
            scratch: TempDir::new("bad-input-cwd"),
        }
    }

    /// `arg` with the placeholders filled in.
    fn fill(&self, arg: &str) -> String {
        arg.replace("$URL", &self.url)
            .replace("$SERVER", &self.server)
            .replace("$BUSY", &self.busy)
            .replace("$DIR", self.dir.arg())
            .replace("$FILE", &self.file)
    }

    /// `text` with this run's values put back as placeholders.
    fn unfill(&self, text: &str) -> String {
        let text = text
            .replace(&self.url, "$URL")
            .replace(&self.server, "$SERVER")
            .replace(self.dir.arg(), "$DIR")
            .replace(&self.file, "$FILE")
            .replace(&format!(":{}", self.busy), ":$BUSY");
        mask_country_code(&text)
    }
}

/// A flag's URL in a message, `.../br/br.gif`, as `.../$CC/$CC.gif`: the thread-pool programs
/// report whichever flag failed first, which changes from run to run.
fn mask_country_code(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(end) = text.find(".gif")
        && let Some(start) = end.checked_sub(6)
        && let Some(path) = text.get(start..end)
        && path.as_bytes()[0] == b'/'
        && path.as_bytes()[3] == b'/'
    {
        text.replace_range(start..end, "/$CC/$CC");
    }
    text
}

/// Checks a folder the program may have written to holds no partial or temporary file.
fn assert_no_partial_file(dir: &Path, context: &str) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap_or_default();
        let whole_gif =
            name.ends_with(".gif") && bytes.starts_with(b"GIF89a") && bytes.ends_with(b";");
        if name.starts_with('.') || !whole_gif {
            return Err(format!("{context}: left {name} behind"));
        }
    }
    Ok(())
}

/// How long any row may take: a program that should have failed but runs on (a server that
/// did bind) is killed, so the test fails instead of hanging.
const DEADLINE: Duration = Duration::from_secs(30);

/// Waits for `child` and collects its output; kills it if it is still running after `limit`.
fn wait_at_most(child: Child, limit: Duration) -> std::io::Result<Output> {
    let pid = child.id().to_string();
    let (finished, watch) = mpsc::channel::<()>();
    let watchdog = thread::spawn(move || {
        if let Err(RecvTimeoutError::Timeout) = watch.recv_timeout(limit) {
            let _ = Command::new("kill").args(["-9", &pid]).status();
        }
    });
    let output = child.wait_with_output();
    let _ = finished.send(());
    let _ = watchdog.join();
    output
}

/// Runs one row; returns its line of the docs' table, or what is wrong.
fn check(row: &Row, server: &flags_server::RunningServer) -> Result<String, String> {
    let setting = Setting::new(server);
    let args: Vec<String> = row.args.iter().map(|arg| setting.fill(arg)).collect();
    let command = format!("{} {}", row.program, row.args.join(" "));
    let child = Command::new(binary(row.program))
        .args(&args)
        .current_dir(setting.scratch.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("{command}: cannot run: {error}"))?;
    let output = wait_at_most(child, DEADLINE).map_err(|error| format!("{command}: {error}"))?;
    let (out, err) = (stdout(&output), stderr(&output));
    let context = format!("{command}\n--- stdout:\n{out}--- stderr:\n{err}");
    if output.status.code() != Some(row.status) {
        return Err(format!(
            "exit status {:?}, not {}: {context}",
            output.status.code(),
            row.status
        ));
    }
    for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
        if out.contains(bad) || err.contains(bad) {
            return Err(format!("{bad:?} in the output: {context}"));
        }
    }
    let text = match row.stream {
        Stdout => &out,
        Stderr => &err,
    };
    let fragment = setting.fill(row.fragment);
    let line = if row.status == 0 {
        text.lines().find(|line| line.contains(&fragment))
    } else {
        text.lines().next().filter(|line| line.contains(&fragment))
    };
    let Some(line) = line else {
        return Err(format!(
            "no line with {fragment:?} where expected: {context}"
        ));
    };
    assert_no_partial_file(setting.dir.path(), &context)?;
    if !setting.scratch.names().is_empty() {
        return Err(format!("wrote into its working folder: {context}"));
    }
    let stream = match row.stream {
        Stdout => "stdout",
        Stderr => "stderr",
    };
    Ok(format!(
        "| {} | `{}` | {} | {stream}: `{}` |",
        row.input,
        command.replace('|', "\\|"),
        row.status,
        setting.unfill(line).replace('|', "\\|"),
    ))
}

/// Where the generated table starts and ends in the docs.
const TABLE_START: &str = "<!-- The table below is generated by tests/e2e/bad_input.rs. -->";
const TABLE_END: &str = "<!-- End of the generated table. -->";

/// The docs' table, program by program.
fn render(rows: &[Row], lines: &[String]) -> String {
    let mut table = String::new();
    let mut program = "";
    for (row, line) in rows.iter().zip(lines) {
        if row.program != program {
            program = row.program;
            write!(
                table,
                "\n## {program}\n\n| input | command | exit | message |\n|---|---|---|---|\n"
            )
            .unwrap();
        }
        writeln!(table, "{line}").unwrap();
    }
    table
}

#[test]
fn every_bad_input_gets_a_clear_message_the_right_status_and_no_partial_file() {
    let server = flags_server::start(ServerConfig::local()).unwrap();
    let rows = rows();
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    for row in &rows {
        match check(row, &server) {
            Ok(line) => lines.push(line),
            Err(failure) => {
                lines.push(String::new());
                failures.push(failure);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );

    let docs_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/bad-input.md");
    let docs = std::fs::read_to_string(&docs_path).unwrap();
    let (Some(start), Some(end)) = (docs.find(TABLE_START), docs.find(TABLE_END)) else {
        panic!("docs/bad-input.md has lost its table markers");
    };
    let table = render(&rows, &lines);
    let current = &docs[start + TABLE_START.len()..end];
    if current.trim() != table.trim() {
        if std::env::var_os("BLESS").is_some() {
            let updated = format!(
                "{}{TABLE_START}\n\n{}\n\n{}",
                &docs[..start],
                table.trim(),
                &docs[end..]
            );
            std::fs::write(&docs_path, updated).unwrap();
        } else {
            panic!(
                "docs/bad-input.md does not match the programs' real messages; after checking \
                 the difference, run BLESS=1 cargo test -p demos --test e2e_bad_input.\n\
                 Expected table:\n{table}"
            );
        }
    }
}
