//! Peak memory of `map`: buffered over an endless iterator (flat) against eager (growing).
//!
//! Python 3.14's `buffersize` exists for this: an eager `map` submits every item before it
//! returns, so its memory grows with the input (a future, a queued call and a result slot per
//! item), while `map_with(.., MapOptions::new().buffersize(n))` keeps at most `n` calls in flight
//! and can consume an endless iterator in constant memory.
//!
//! ```sh
//! cargo run --release -p executor --example map_memory           # the table, about 15 s
//! cargo run --release -p executor --example map_memory -- buffered 1000000   # one measurement
//! ```
//!
//! Each measurement runs in a fresh child process, because peak resident memory (Linux's
//! `VmHWM`) only ever grows within a process. Linux only.

use executor::{MapOptions, ThreadPoolExecutor};
use std::process::{Command, ExitCode};

const SIZES: [u64; 3] = [100_000, 1_000_000, 10_000_000];
const WORKERS: usize = 4;
const BUFFERSIZE: usize = 64;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => table(),
        [mode, items] => match (mode.as_str(), items.parse::<u64>()) {
            ("buffered" | "eager", Ok(items)) => {
                let sum = run(mode == "buffered", items);
                // Every result counted, so nothing was skipped: sum of 0..items.
                assert_eq!(sum, items * (items.saturating_sub(1)) / 2);
                match peak_rss_kib() {
                    Some(kib) => {
                        println!("{kib}");
                        ExitCode::SUCCESS
                    }
                    None => {
                        eprintln!("map_memory: cannot read VmHWM from /proc/self/status");
                        ExitCode::FAILURE
                    }
                }
            }
            _ => usage(),
        },
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: map_memory [buffered|eager ITEMS]");
    ExitCode::from(2)
}

/// Maps the identity over `items` numbers and adds the results up.
fn run(buffered: bool, items: u64) -> u64 {
    let executor = ThreadPoolExecutor::new(WORKERS).unwrap();
    if buffered {
        // An endless input: only `BUFFERSIZE` calls are ever submitted ahead of the reader.
        let options = MapOptions::new().buffersize(BUFFERSIZE);
        let results = executor.map_with(|n: u64| n, 0u64.., options).unwrap();
        results.take(items as usize).map(Result::unwrap).sum()
    } else {
        // Every call is submitted (and its future kept) before the first result is read.
        let results = executor.map(|n: u64| n, 0..items).unwrap();
        results.map(Result::unwrap).sum()
    }
}

/// This process's peak resident set size, in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs every (mode, size) in a child process and prints the table.
fn table() -> ExitCode {
    let me = match std::env::current_exe() {
        Ok(me) => me,
        Err(error) => {
            eprintln!("map_memory: cannot find my own program: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("peak RSS of map over N items, {WORKERS} workers (buffersize {BUFFERSIZE})");
    println!("| items | buffered, endless input | eager |");
    println!("|---:|---:|---:|");
    for items in SIZES {
        let mut row = format!("| {items} |");
        for mode in ["buffered", "eager"] {
            let output = Command::new(&me).args([mode, &items.to_string()]).output();
            match output {
                Ok(output) if output.status.success() => {
                    let kib: u64 = String::from_utf8_lossy(&output.stdout)
                        .trim()
                        .parse()
                        .unwrap_or(0);
                    row.push_str(&format!(" {:.1} MiB |", kib as f64 / 1024.0));
                }
                _ => row.push_str(" failed |"),
            }
        }
        println!("{row}");
    }
    ExitCode::SUCCESS
}
