//! The two deadlocks of CPython's `ThreadPoolExecutor` documentation, diagnosed, and the way
//! out of each.
//!
//! ```python
//! def wait_on_future():
//!     f = executor.submit(pow, 5, 2)
//!     # This will never complete because there is only one worker thread and
//!     # it is executing this function.
//!     print(f.result())
//!
//! executor = ThreadPoolExecutor(max_workers=1)
//! executor.submit(wait_on_future)
//! ```
//!
//! ```python
//! def wait_on_b():
//!     time.sleep(5)
//!     print(b.result())  # b will never complete because it is waiting on a.
//!     return 5
//!
//! def wait_on_a():
//!     time.sleep(5)
//!     print(a.result())  # a will never complete because it is waiting on b.
//!     return 6
//!
//! executor = ThreadPoolExecutor(max_workers=2)
//! a = executor.submit(wait_on_b)
//! b = executor.submit(wait_on_a)
//! ```
//!
//! In Python both hang for ever, in silence. Here the pool sees that every worker waits for a
//! future only its own workers could run, and, built with `Starvation::Error` as below, ends
//! those waits with an error that says who waits for what. (Built as by default, it prints the
//! same report on stderr and hangs as Python does: `--hang` shows that; Ctrl-C ends it.) The
//! book's `sleep(5)` is there so that both tasks are running before either waits: a barrier
//! does that here, without the wait.
//!
//! Run it: `cargo run -p demos --bin starvation`.

use clap::Parser;
use executor::{Error, Future, Starvation, ThreadPoolExecutor};
use std::process::ExitCode;
use std::sync::{Arc, Barrier, OnceLock};

/// CPython's two starvation deadlocks, diagnosed, and the way out of each.
#[derive(Debug, Parser)]
#[command(name = "starvation")]
struct Args {
    /// Build the pools as by default: the report on stderr, then the hang Python has (Ctrl-C
    /// ends it).
    #[arg(long)]
    hang: bool,
}

/// What a task prints of the result it waited for: Python's `print(f.result())`.
fn shown<T: std::fmt::Display>(result: Result<&T, Error>) -> String {
    match result {
        Ok(value) => value.to_string(),
        Err(error) => format!("*** {error}"),
    }
}

/// A pool of `workers` threads that ends a starvation deadlock with an error, or, with
/// `--hang`, one built as by default.
fn pool(workers: usize, hang: bool) -> Result<Arc<ThreadPoolExecutor>, Error> {
    let starvation = if hang {
        Starvation::Report
    } else {
        Starvation::Error
    };
    let builder = ThreadPoolExecutor::builder().max_workers(workers);
    Ok(Arc::new(builder.starvation(starvation).build()?))
}

/// `wait_on_future`, on a pool of `workers`: it submits `pow(5, 2)` to its own pool and waits.
fn wait_on_future_example(workers: usize, hang: bool) -> Result<String, Error> {
    let executor = pool(workers, hang)?;
    let same = Arc::clone(&executor);
    let wait_on_future = move || {
        let f = same.submit(|| 5_u32.pow(2))?;
        Ok::<String, Error>(shown(f.result()))
    };
    let future = executor.submit(wait_on_future)?;
    let printed = future.result()?.clone()?;
    executor.shutdown(true, false);
    Ok(printed)
}

/// Where a task finds the other's future.
type Slot = Arc<OnceLock<Future<String>>>;

/// `wait_on_b` and `wait_on_a`, on two workers, each waiting for the other's future.
fn wait_on_each_other(hang: bool) -> Result<[String; 2], Error> {
    let executor = pool(2, hang)?;
    // The globals `a` and `b` of the book's example: set once both are submitted.
    let (a, b): (Slot, Slot) = Default::default();
    // Instead of the book's sleep(5): both tasks, and the code submitting them, meet here.
    let both_running = Arc::new(Barrier::new(3));
    // What the task prints, `print(other.result())`, is what it returns here.
    let waits_for = |other: &Slot| {
        let (other, barrier) = (Arc::clone(other), Arc::clone(&both_running));
        move || {
            barrier.wait();
            other
                .get()
                .map(|other| shown(other.result()))
                .unwrap_or_default()
        }
    };
    let future_a = executor.submit(waits_for(&b))?; // a = executor.submit(wait_on_b)
    let future_b = executor.submit(waits_for(&a))?; // b = executor.submit(wait_on_a)
    let _ = a.set(future_a.clone());
    let _ = b.set(future_b.clone());
    both_running.wait();
    let results = [future_a.result()?.clone(), future_b.result()?.clone()];
    executor.shutdown(true, false);
    Ok(results)
}

/// The way out of the second: the tasks do not wait; the code that submitted them does.
fn wait_outside_the_tasks() -> Result<(u32, u32), Error> {
    let executor = ThreadPoolExecutor::new(2)?;
    let a = executor.submit(|| 5)?;
    let b = executor.submit(|| 6)?;
    Ok((*a.result()?, *b.result()?))
}

fn run(hang: bool) -> Result<(), Error> {
    println!("1. wait_on_future: a task waits for a future it submitted to a one-worker pool");
    let printed = wait_on_future_example(1, hang)?;
    println!("   wait_on_future printed:\n{}", indent(&printed));
    println!(
        "   The way out, a second worker: wait_on_future printed {}",
        { wait_on_future_example(2, hang)? }
    );
    println!();
    println!("2. wait_on_b and wait_on_a: two tasks on two workers wait for each other");
    let [printed_a, printed_b] = wait_on_each_other(hang)?;
    println!("   wait_on_b printed:\n{}", indent(&printed_a));
    println!("   wait_on_a printed:\n{}", indent(&printed_b));
    let (a, b) = wait_outside_the_tasks()?;
    println!("   The way out, waiting outside the tasks: a returned {a}, b returned {b}");
    Ok(())
}

/// Each line of `text`, indented under its heading.
fn indent(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|line| format!("     {line}")).collect();
    lines.join("\n")
}

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    let args = Args::parse();
    match run(args.hang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("starvation: {error}");
            ExitCode::FAILURE
        }
    }
}
