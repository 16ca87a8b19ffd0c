//! `flags2_common.py`: the command line, the reports and the `main` that the error-handling
//! flags clients share. Each program brings its own `download_many` (and `download_one`), as
//! in the book.
//!
//! Fluent Python's second series of flags programs (`flags2_sequential`, `flags2_threadpool`)
//! adds what the first series leaves out: a choice of server (LOCAL, DELAY, ERROR), of which
//! codes to fetch, of how many requests to run at once, and errors handled rather than fatal.
//! A 404 is an ordinary outcome (`NotFound`); any other HTTP error or a connection failure is an
//! error, counted and, with `-v`, reported as `*** Error for BR: HTTP 418 - I'm a teapot`.
//! Where the book says only `Connection error`, ours adds the cause, so that a reset, a body cut
//! short and a stall can be told apart: `Connection error: timeout: per read`.
//!
//! `--timeout SECS` (default 10) bounds each download as a whole, from connecting to the last
//! byte (the book's `requests.get(timeout=)` bounds the connect and each read; a server
//! dripping a byte now and then would never time out): a server that stops sending mid-body
//! is an error after that long, not a hang. A body that ends early or a connection reset is an error too, and
//! nothing is saved for it: the flag is only written once its whole body has arrived.
//!
//! Usage errors are the book's: the line `*** Usage error: ...` and the usage on stdout, exit
//! status 2. The `REMOTE` label, the book's web site (gone today), is a built-in server that
//! answers like it, each response a simulated internet round trip away.

use crate::flags_common::{self, Downloader, POP20_CC, Site, Source, prepare};
use clap::{CommandFactory, FromArgMatches, Parser, ValueEnum};
use flags_server::Label;
use flags_server::countries::COUNTRIES;
use indicatif::{ProgressBar, ProgressFinish};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The most requests the programs will run at once.
pub const MAX_CONCUR_REQ: usize = 1000;

/// How one download ended: the book's `HTTPStatus` enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Saved.
    Ok,
    /// The server has no such flag (404).
    NotFound,
    /// Another HTTP error or a connection failure.
    Error,
}

/// How many downloads ended each way: the book's `collections.Counter` of statuses.
pub type Counter = BTreeMap<Status, usize>;

/// The server labels a user may name with `-s`: the built-in server's [`Label`]s and the
/// book's REMOTE, sorted, as the book lists them.
pub const SERVER_LABELS: &str = "DELAY, ERROR, LOCAL, REMOTE";

/// The common command line (`flags2_common.py`).
#[derive(Debug, Parser)]
#[command(about = "Download flags for country codes. Default: top 20 countries by population.")]
pub struct Args {
    /// Country codes to download (a single letter means all codes starting with it).
    #[arg(value_name = "CC")]
    pub cc: Vec<String>,
    /// Get all available flags (194 codes).
    #[arg(short, long)]
    pub all: bool,
    /// Get flags for every possible code (AA...ZZ, 676 codes; most are 404s).
    #[arg(short, long)]
    pub every: bool,
    /// Limit to N first codes.
    #[arg(short, long, value_name = "N", allow_negative_numbers = true)]
    pub limit: Option<i64>,
    /// Maximum concurrent requests.
    #[arg(
        short,
        long = "max_req",
        value_name = "CONCURRENT",
        allow_negative_numbers = true
    )]
    pub max_req: Option<i64>,
    /// Server to hit: one of DELAY, ERROR, LOCAL, REMOTE.
    #[arg(short, long, value_name = "LABEL", default_value = "LOCAL")]
    pub server: String,
    /// Output detailed progress info.
    #[arg(short, long)]
    pub verbose: bool,
    /// Download from this URL instead of the label's server.
    #[arg(long, value_name = "URL", value_parser = flags_common::parse_url)]
    pub url: Option<String>,
    /// Folder to save the flags in (created if missing).
    #[arg(long, value_name = "DIR", default_value = flags_common::DEST_DIR)]
    pub dest: PathBuf,
    /// Seconds each download may take in all, from connecting to the last byte (0.001 to 3600).
    #[arg(
        long,
        value_name = "SECS",
        default_value = "10",
        value_parser = flags_common::parse_timeout,
        allow_negative_numbers = true
    )]
    pub timeout: Duration,
    #[command(flatten)]
    pub pictures: crate::pictures::PictureArgs,
}

/// What the command line asks for, once checked.
#[derive(Debug)]
pub struct Plan {
    /// The codes to fetch, sorted.
    pub cc_list: Vec<String>,
    /// How many requests at once.
    pub concur_req: usize,
    /// Print a line per flag instead of a progress bar.
    pub verbose: bool,
    /// The server named with `-s`.
    pub source: Source,
    /// Where flags are saved.
    pub dest: PathBuf,
    /// `--url`, if given.
    pub url: Option<String>,
    /// How long each download may take in all.
    pub timeout: Duration,
}

/// Prints `*** Usage error: {message}` and the usage on stdout; exit status 2.
fn usage_error(program: &'static str, message: &str) -> ExitCode {
    println!("*** Usage error: {message}");
    println!("{}", command(program, 1).render_usage());
    ExitCode::from(2)
}

/// The command line of `program`, whose `-m` defaults to `default_concur_req`.
fn command(program: &'static str, default_concur_req: usize) -> clap::Command {
    let default = default_concur_req.to_string();
    Args::command()
        .name(program)
        .mut_arg("max_req", |arg| arg.default_value(default))
}

/// Parses and checks the command line of `program`, with `default_concur_req` for `-m` (1
/// sequential, 30 for the thread pool). On a usage error, prints it and returns the exit code.
pub fn process_args(program: &'static str, default_concur_req: usize) -> Result<Plan, ExitCode> {
    crate::interrupt::install();
    let matches = command(program, default_concur_req).get_matches();
    let args = Args::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    crate::pictures::ask(program, &args.pictures);
    let source = match Label::from_str(&args.server, true) {
        Ok(label) => Source::Label(label),
        Err(_) if args.server.eq_ignore_ascii_case("REMOTE") => Source::Remote {
            delay: flags_server::Delay::Internet,
            seed: 0,
        },
        Err(_) => {
            return Err(usage_error(
                program,
                &format!("--server LABEL must be one of {SERVER_LABELS}"),
            ));
        }
    };
    let max_req = args.max_req.unwrap_or(default_concur_req as i64);
    // The sequential program downloads one at a time, whatever -m says, as the book's does.
    let max_req = if default_concur_req == 1 {
        max_req.min(1)
    } else {
        max_req
    };
    if max_req < 1 {
        return Err(usage_error(program, "--max_req CONCURRENT must be >= 1"));
    }
    if matches!(args.limit, Some(limit) if limit < 1) {
        return Err(usage_error(program, "--limit N must be >= 1"));
    }
    let mut cc_list = if args.every {
        every_code()
    } else if args.all {
        COUNTRIES.iter().map(|c| c.cc.to_owned()).collect()
    } else if args.cc.is_empty() {
        POP20_CC.iter().map(|cc| cc.to_string()).collect()
    } else {
        match expand_cc_args(&args.cc) {
            Some(codes) => codes,
            None => {
                return Err(usage_error(
                    program,
                    "each CC argument must be A to Z or AA to ZZ.",
                ));
            }
        }
    };
    cc_list.sort();
    cc_list.dedup();
    if let Some(limit) = args.limit {
        cc_list.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    let concur_req = usize::try_from(max_req)
        .unwrap_or(usize::MAX)
        .min(MAX_CONCUR_REQ)
        .min(cc_list.len().max(1));
    Ok(Plan {
        cc_list,
        concur_req,
        verbose: args.verbose,
        source,
        dest: args.dest,
        url: args.url,
        timeout: args.timeout,
    })
}

/// AA to ZZ.
fn every_code() -> Vec<String> {
    let letters = b'A'..=b'Z';
    letters
        .clone()
        .flat_map(|a| {
            letters
                .clone()
                .map(move |b| String::from_utf8(vec![a, b]).unwrap_or_default())
        })
        .collect()
}

/// `B` → BA..BZ; `br` → BR; anything else (digits, three letters) → `None`.
fn expand_cc_args(args: &[String]) -> Option<Vec<String>> {
    let mut codes = Vec::new();
    for arg in args {
        let arg = arg.to_ascii_uppercase();
        if !arg.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        match arg.len() {
            1 => codes.extend((b'A'..=b'Z').map(|b| format!("{arg}{}", b as char))),
            2 => codes.push(arg),
            _ => return None,
        }
    }
    Some(codes)
}

/// Prepares `--dest`, finds or starts the server, and prints the book's opening lines:
/// `LOCAL site: http://...`, `Searching for 20 flags: from BD to VN`,
/// `30 concurrent connections will be used.`
pub fn initial_report(plan: &Plan) -> Result<(Site, Downloader), ExitCode> {
    let site = prepare(&plan.dest, plan.url.as_deref(), plan.source, plan.timeout);
    let site = site.map_err(|message| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    })?;
    println!("{} site: {}", plan.source, site.base_url);
    let n = plan.cc_list.len();
    let cc_msg = if n <= 10 {
        plan.cc_list.join(", ")
    } else {
        format!("from {} to {}", plan.cc_list[0], plan.cc_list[n - 1])
    };
    println!("Searching for {n} flag{}: {cc_msg}", plural(n));
    let c = plan.concur_req;
    println!("{c} concurrent connection{} will be used.", plural(c));
    let downloader = Downloader::new(&site.base_url, &plan.dest, plan.timeout);
    Ok((site, downloader))
}

/// The book's closing lines: 20 dashes, counts, and the elapsed time.
pub fn final_report(counter: &Counter, elapsed: Duration) {
    let ok = counter.get(&Status::Ok).copied().unwrap_or(0);
    let not_found = counter.get(&Status::NotFound).copied().unwrap_or(0);
    let errors = counter.get(&Status::Error).copied().unwrap_or(0);
    println!("{}", "-".repeat(20));
    println!("{ok} flag{} downloaded.", plural(ok));
    if not_found > 0 {
        println!("{not_found} not found.");
    }
    if errors > 0 {
        println!("{errors} error{}.", plural(errors));
    }
    println!("Elapsed time: {:.2}s", elapsed.as_secs_f64());
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `main(download_many, default_concur_req, max_concur_req)`: parse the command line of
/// `program` (`-m` defaults to `default_concur_req`), print the opening lines, time
/// `download_many(downloader, cc_list, verbose, concur_req)` and print the closing ones. An
/// executor that fails to start is an error on stderr and a non-zero exit.
pub fn main(
    program: &'static str,
    default_concur_req: usize,
    download_many: impl FnOnce(&Downloader, &[String], bool, usize) -> Result<Counter, executor::Error>,
) -> ExitCode {
    let plan = match process_args(program, default_concur_req) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    let (_site, downloader) = match initial_report(&plan) {
        Ok(found) => found,
        Err(code) => return code,
    };
    crate::interrupt::planned(plan.cc_list.clone());
    let t0 = Instant::now();
    let outcome = download_many(&downloader, &plan.cc_list, plan.verbose, plan.concur_req);
    // `--trace` and `--svg`, before a Ctrl-C report exits, so an interrupted run has them too,
    // with every call that was running.
    crate::interrupt::wait_for_running_calls();
    let pictures = crate::pictures::write_downloads();
    crate::interrupt::exit_if_interrupted();
    if let Err(error) = pictures {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    match outcome {
        Ok(counter) => {
            debug_assert_eq!(
                counter.values().sum::<usize>(),
                plan.cc_list.len(),
                "some downloads are unaccounted for"
            );
            final_report(&counter, t0.elapsed());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// What the book wraps its loop in, `tqdm.tqdm(...)`, unless verbose: a bar of `total` steps on
/// stderr that clears itself at the end. Verbose, the bar is hidden: a line per flag says more.
pub fn progress_bar(verbose: bool, total: usize) -> ProgressBar {
    if verbose {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(total as u64).with_finish(ProgressFinish::AndClear)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_means_all_26_codes_starting_with_it() {
        let codes = expand_cc_args(&["b".into()]).unwrap();
        assert_eq!(codes.len(), 26);
        assert_eq!(codes[0], "BA");
        assert!(expand_cc_args(&["BRA".into()]).is_none());
        assert!(expand_cc_args(&["1".into()]).is_none());
    }

    #[test]
    fn every_code_is_676() {
        assert_eq!(every_code().len(), 676);
    }

    #[test]
    fn the_server_labels_are_the_built_in_ones_and_remote() {
        let mut labels: Vec<String> = Label::value_variants()
            .iter()
            .map(Label::to_string)
            .collect();
        labels.push("REMOTE".into());
        labels.sort();
        assert_eq!(labels.join(", "), SERVER_LABELS);
    }
}
