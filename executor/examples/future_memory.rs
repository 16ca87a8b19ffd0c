//! What a pending future costs: resident memory per queued `submit` of a call returning `u64`.
//!
//! A pool of one worker is kept busy by a first task that blocks until this program lets it go,
//! so every later `submit` stays PENDING in the queue. The program reads its resident set
//! (Linux's `VmRSS`) before and after submitting `N` of them, and divides: everything a pending
//! task holds is counted, the future's shared state, the queued job and its slot in the queue,
//! plus the allocator's own overhead, minus the 16 bytes per handle of the `Vec` this program keeps
//! them in. Linux only.
//!
//! ```sh
//! cargo run --release -p executor --example future_memory           # 1,000,000 futures
//! cargo run --release -p executor --example future_memory -- 200000  # another count
//! ```

use executor::ThreadPoolExecutor;
use std::process::ExitCode;
use std::sync::mpsc;

fn main() -> ExitCode {
    let count: usize = match std::env::args().nth(1).map(|arg| arg.parse()) {
        None => 1_000_000,
        Some(Ok(count)) if count > 0 => count,
        Some(_) => {
            eprintln!("usage: future_memory [COUNT]");
            return ExitCode::from(2);
        }
    };
    let executor = ThreadPoolExecutor::new(1).unwrap();
    let (release, blocked) = mpsc::channel::<()>();
    let (started, running) = mpsc::channel::<()>();
    let blocker = executor
        .submit(move || {
            started.send(()).unwrap();
            blocked.recv().unwrap();
        })
        .unwrap();
    running.recv().unwrap(); // the one worker is busy: what follows stays queued
    let mut futures = Vec::with_capacity(count);
    let Some(before) = resident_kib() else {
        eprintln!("future_memory: cannot read VmRSS from /proc/self/status");
        return ExitCode::FAILURE;
    };
    for i in 0..count as u64 {
        futures.push(executor.submit(move || i).unwrap());
    }
    let after = resident_kib().unwrap_or(before);
    assert!(futures.iter().all(|future| !future.done()));
    let handles = std::mem::size_of_val(futures.as_slice()) as f64;
    let per_future = ((after - before) as f64 * 1024.0 - handles) / count as f64;
    println!("{count} pending futures of u64: {per_future:.0} bytes each");
    release.send(()).unwrap();
    blocker.result().unwrap();
    let sum: u64 = futures.iter().map(|future| *future.result().unwrap()).sum();
    assert_eq!(sum, (count as u64) * (count as u64 - 1) / 2);
    ExitCode::SUCCESS
}

/// This process's resident set size, in KiB.
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
