//! The workloads of `scripts/compare_with_python.py`, on this executor.
//!
//! Each line printed is `name value unit`, for the script to put beside CPython's figures for the
//! same workload (the Python side lives in the script). Run it alone with
//! `cargo run --release -p executor --example workloads`.
//!
//! * `submit_result`, `map`, `as_completed`: per-task overhead of each API, 100,000 trivial tasks
//!   on 4 workers (median of 3 rounds, ns per task);
//! * `io_fanout`: 20 tasks sleeping 100 ms on 20 workers (ms; the limit is 100);
//! * `cpu_1` and `cpu_4`: 8 CPU-bound tasks on 1 and on 4 workers (ms). Rust threads run in
//!   parallel, so 4 workers divide the time by the number of cores; CPython's GIL lets only one
//!   thread run Python code at a time, so there 4 workers are no faster than 1;
//! * `loiter`: the loiter demo's `map(loiter, range(8))` on 4 workers with a 10 ms unit (ms; the
//!   ideal is 100: the worker freed by `loiter(3)` at 30 ms runs `loiter(7)` until 100 ms).

use executor::{ThreadPoolExecutor, as_completed};
use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

const TASKS: u64 = 100_000;
const ROUNDS: usize = 3;

/// The median of `ROUNDS` runs of `round`, in ns per task.
fn per_task(round: impl Fn() -> u64) -> f64 {
    let mut samples: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            black_box(round());
            started.elapsed().as_nanos() as f64 / TASKS as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[ROUNDS / 2]
}

/// Milliseconds taken by `work`.
fn millis(work: impl FnOnce()) -> f64 {
    let started = Instant::now();
    work();
    started.elapsed().as_secs_f64() * 1e3
}

/// A CPU-bound task: a sum that cannot be folded away.
fn crunch(seed: u64) -> u64 {
    (0..3_000_000u64).fold(seed, |acc, n| {
        acc.wrapping_mul(31).wrapping_add(n ^ (acc >> 7))
    })
}

fn cpu_batch(workers: usize) -> f64 {
    let pool = ThreadPoolExecutor::new(workers).unwrap();
    millis(|| {
        let total: u64 = pool
            .map(crunch, 0..8)
            .unwrap()
            .map(Result::unwrap)
            .fold(0, u64::wrapping_add);
        black_box(total);
    })
}

fn main() {
    let pool = ThreadPoolExecutor::new(4).unwrap();
    let submit_result = per_task(|| {
        let futures: Vec<_> = (0..TASKS)
            .map(|i| pool.submit(move || i * 2).unwrap())
            .collect();
        futures.iter().map(|f| *f.result().unwrap()).sum()
    });
    let map = per_task(|| {
        pool.map(|i: u64| i * 2, 0..TASKS)
            .unwrap()
            .map(Result::unwrap)
            .sum()
    });
    let completed = per_task(|| {
        let futures: Vec<_> = (0..TASKS)
            .map(|i| pool.submit(move || i * 2).unwrap())
            .collect();
        as_completed(&futures).map(|f| *f.result().unwrap()).sum()
    });
    println!("submit_result {submit_result:.0} ns/task");
    println!("map {map:.0} ns/task");
    println!("as_completed {completed:.0} ns/task");

    let wide = ThreadPoolExecutor::new(20).unwrap();
    let fanout = millis(|| {
        let futures: Vec<_> = (0..20)
            .map(|_| {
                wide.submit(|| thread::sleep(Duration::from_millis(100)))
                    .unwrap()
            })
            .collect();
        executor::wait(&futures, None, executor::ALL_COMPLETED);
    });
    println!("io_fanout {fanout:.1} ms");

    println!("cpu_1 {:.0} ms", cpu_batch(1));
    println!("cpu_4 {:.0} ms", cpu_batch(4));

    let loiter_pool = ThreadPoolExecutor::new(4).unwrap();
    let loiter = millis(|| {
        let unit = Duration::from_millis(10);
        let results = loiter_pool
            .map(
                move |n: u32| {
                    thread::sleep(unit * n);
                    n * 10
                },
                0..8,
            )
            .unwrap();
        black_box(results.map(Result::unwrap).sum::<u32>());
    });
    println!("loiter {loiter:.1} ms");
}
