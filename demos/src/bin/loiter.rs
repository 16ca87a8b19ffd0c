//! The notebook's `Executor.map` experiment (Fluent Python's `demo_executor_map.py`).
//!
//! ```python
//! def loiter(n):
//!     msg = '{}loiter({}): doing nothing for {}s...'
//!     display(msg.format('\t' * n, n, n))
//!     sleep(n)
//!     msg = '{}loiter({}): done.'
//!     display(msg.format('\t' * n, n))
//!     return n * 10
//!
//! def main():
//!     display('Script starting.')
//!     executor = futures.ThreadPoolExecutor(max_workers=4)
//!     results = executor.map(loiter, range(8))
//!     display('result:', results)
//!     display('Waiting for individual results:')
//!     for i, result in enumerate(results):
//!         display('result {} : {}'.format(i, result))
//! ```
//!
//! What to notice: `map` returns at once (the `result:` line comes before any call but
//! `loiter(0)` is done); five calls start together on four workers (`loiter(0)` frees its worker
//! at once) and the others start as workers free up; the results come back in input order, the
//! loop waiting for each in turn, even for one whose later neighbours have finished.
//!
//! Run it: `cargo run -p demos --bin loiter` (about 10 s). `--unit ms` runs the same story in
//! milliseconds; `--workers` and `--tasks` change the pool and the range; `--timeline` draws,
//! after the run, one row per worker thread and one bar per call, from the executor's events.

use chrono::Local;
use clap::{Parser, ValueEnum};
use demos::pictures::{self, PictureArgs};
use demos::trace::Call;
use std::fmt::Display;
use std::io::{self, Write};
use std::process::{self, ExitCode};
use std::thread;
use std::time::Duration;

/// The Executor.map experiment from Fluent Python's futures chapter.
#[derive(Debug, Parser)]
#[command(name = "loiter")]
struct Args {
    /// How many worker threads (the notebook uses 4).
    #[arg(short, long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..), allow_negative_numbers = true)]
    workers: u16,
    /// How many calls: loiter(0) .. loiter(N-1) (the notebook uses 8).
    #[arg(short, long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(0..=100), allow_negative_numbers = true)]
    tasks: u16,
    /// The time unit loiter(n) sleeps n of.
    #[arg(short, long, value_enum, default_value_t = Unit::S)]
    unit: Unit,
    /// After the run, draw which worker ran which call, and when.
    #[arg(long)]
    timeline: bool,
    #[command(flatten)]
    pictures: PictureArgs,
}

/// The unit of `loiter(n)`'s n.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Unit {
    /// Seconds, as in the notebook.
    S,
    /// Milliseconds, for tests and the impatient.
    Ms,
}

impl Unit {
    fn duration(self) -> Duration {
        match self {
            Unit::S => Duration::from_secs(1),
            Unit::Ms => Duration::from_millis(1),
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Unit::S => "s",
            Unit::Ms => "ms",
        }
    }
}

/// Prints the time, then the text: `[09:57:19] Script starting.`
fn display(text: impl Display) {
    // One write per line, so lines from different threads never mix. If the reader has gone
    // (`loiter | head`), end quietly as a Python script would: workers print too, so this is
    // where that is caught, not only in main.
    let line = format!("{} {text}\n", Local::now().format("[%H:%M:%S]"));
    if io::stdout().lock().write_all(line.as_bytes()).is_err() {
        process::exit(141);
    }
}

/// Does nothing for `n` units, announcing it, and returns `n * 10`.
fn loiter(n: u64, unit: Unit) -> u64 {
    let tabs = "\t".repeat(n as usize);
    display(format!(
        "{tabs}loiter({n}): doing nothing for {n}{}...",
        unit.suffix()
    ));
    thread::sleep(unit.duration() * n as u32);
    display(format!("{tabs}loiter({n}): done."));
    n * 10
}

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    let args = Args::parse();
    let unit = args.unit;
    pictures::ask("loiter", &args.pictures);
    demos::interrupt::install();
    display("Script starting.");
    let names = (0..args.tasks).map(|n| format!("loiter({n})")).collect();
    let executor = match demos::interrupt::executor(args.workers.into(), names) {
        Ok(executor) => executor,
        Err(error) => {
            eprintln!("loiter: {error}");
            return ExitCode::FAILURE;
        }
    };
    let results = match executor.map(move |n| loiter(n, unit), 0..u64::from(args.tasks)) {
        Ok(results) => results,
        Err(error) => {
            eprintln!("loiter: {error}");
            return ExitCode::FAILURE;
        }
    };
    display(format!("result: {results}"));
    display("Waiting for individual results:");
    for (i, result) in results.enumerate() {
        match result {
            // Ctrl-C: the wait ends here (Python's KeyboardInterrupt lands in the same place).
            _ if demos::interrupt::interrupted() => break,
            Ok(result) => display(format!("result {i} : {result}")),
            Err(error) => {
                eprintln!("loiter: result {i} failed: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    // Wait for the workers: the running calls finish, and the last Finished event is in.
    executor.shutdown(true, false);
    if let Err(error) = write_pictures() {
        eprintln!("loiter: {error}");
        return ExitCode::FAILURE;
    }
    demos::interrupt::exit_if_interrupted();
    if args.timeline {
        print!("\n{}", demos::interrupt::recorder().render(60));
    }
    ExitCode::SUCCESS
}

/// `--trace` and `--svg`: the run as a trace and as a picture, from the pool's events.
fn write_pictures() -> std::io::Result<()> {
    let events = demos::interrupt::recorder().events();
    let describe = |task: u64| Call {
        name: format!("loiter({task})"),
        args: [
            ("n".to_owned(), task.into()),
            ("result".to_owned(), (task * 10).into()),
        ]
        .into_iter()
        .collect(),
    };
    pictures::write(&events, &describe)
}
