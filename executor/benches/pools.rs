//! This executor beside two well-kept Rust pools, on the same work, in one run.
//!
//! Absolute times on a shared 2-core machine drift from run to run, so each workload runs our
//! `ThreadPoolExecutor` next to the anchors — the `threadpool` crate and
//! `rayon::ThreadPool::spawn` — and `scripts/bench_ratios.py` reports our median divided by the
//! best anchor's. Every pool has 4 workers (W4: 20) and is built once, outside the timed loop:
//! thread start-up is not what we measure.
//!
//! * **W1 `submit_result`**: 200,000 tasks returning `i * 2`, then every result waited for in
//!   submission order. Neither anchor has futures, so each of their tasks returns its value
//!   through the same kind of handle ours is — an `Arc` of a mutex-guarded slot and a condvar —
//!   and the comparison is of pools, not of handles.
//! * **W2 `map_ordered`**: `map` over 0..200,000, summed in input order. The anchors send
//!   `(index, value)` through one shared channel; the consumer puts results back in order.
//! * **W3 `as_completed`**: the same 200,000 tasks summed in completion order: ours through
//!   `as_completed`, the anchors straight off the shared channel.
//! * **W4 `sleep_fanout`**: 20 tasks sleeping 100 ms on 20 workers; the limit is 100 ms.
//!
//! Run: `cargo bench -p executor`, then `python3 scripts/bench_ratios.py`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crossbeam_channel::unbounded;
use executor::{ThreadPoolExecutor, as_completed};
use parking_lot::{Condvar, Mutex};
use std::sync::Arc;
use std::time::Duration;

const TASKS: u64 = 200_000;
const WORKERS: usize = 4;
const FANOUT: usize = 20;
const NAP: Duration = Duration::from_millis(100);

/// The anchors' result handle: an `Arc` of a mutex-guarded slot and a condvar, like our future.
struct Handle<T>(Arc<(Mutex<Option<T>>, Condvar)>);

impl<T> Handle<T> {
    fn new() -> Self {
        Handle(Arc::new((Mutex::new(None), Condvar::new())))
    }

    fn clone_handle(&self) -> Self {
        Handle(Arc::clone(&self.0))
    }

    fn set(&self, value: T) {
        let (slot, ready) = &*self.0;
        *slot.lock() = Some(value);
        ready.notify_all();
    }

    fn wait(&self) -> T {
        let (slot, ready) = &*self.0;
        let mut slot = slot.lock();
        loop {
            if let Some(value) = slot.take() {
                return value;
            }
            ready.wait(&mut slot);
        }
    }
}

/// The three pools under test, each able to run a `'static` closure.
struct Pools {
    ours: ThreadPoolExecutor,
    threadpool: threadpool::ThreadPool,
    rayon: rayon::ThreadPool,
}

impl Pools {
    fn new(workers: usize) -> Self {
        Pools {
            ours: ThreadPoolExecutor::new(workers).unwrap(),
            threadpool: threadpool::ThreadPool::new(workers),
            rayon: rayon::ThreadPoolBuilder::new()
                .num_threads(workers)
                .build()
                .unwrap(),
        }
    }
}

/// Runs `spawn` for each of `n` tasks whose value is `i * 2`, returning handles in order.
fn handles(n: u64, spawn: impl Fn(Box<dyn FnOnce() + Send>)) -> Vec<Handle<u64>> {
    (0..n)
        .map(|i| {
            let handle = Handle::new();
            let slot = handle.clone_handle();
            spawn(Box::new(move || slot.set(i * 2)));
            handle
        })
        .collect()
}

/// Runs `n` tasks that send `(i, i * 2)` on one channel; sums them back in input order.
fn ordered_sum(n: u64, spawn: impl Fn(Box<dyn FnOnce() + Send>)) -> u64 {
    let (sender, receiver) = unbounded();
    for i in 0..n {
        let sender = sender.clone();
        spawn(Box::new(move || sender.send((i, i * 2)).unwrap()));
    }
    let mut waiting: Vec<Option<u64>> = vec![None; n as usize];
    let (mut next, mut sum) = (0, 0);
    while next < n as usize {
        let (i, value) = receiver.recv().unwrap();
        waiting[i as usize] = Some(value);
        while let Some(Some(value)) = waiting.get(next) {
            sum += value;
            next += 1;
        }
    }
    sum
}

/// Runs `n` tasks that send `i * 2` on one channel; sums them as they arrive.
fn arrival_sum(n: u64, spawn: impl Fn(Box<dyn FnOnce() + Send>)) -> u64 {
    let (sender, receiver) = unbounded();
    for i in 0..n {
        let sender = sender.clone();
        spawn(Box::new(move || sender.send(i * 2).unwrap()));
    }
    receiver.iter().take(n as usize).sum()
}

fn expected_sum(n: u64) -> u64 {
    n * (n - 1)
}

fn w1_submit_result(c: &mut Criterion) {
    let pools = Pools::new(WORKERS);
    let mut group = c.benchmark_group("W1_submit_result");
    group.throughput(Throughput::Elements(TASKS));
    group.bench_function("executor", |b| {
        b.iter(|| {
            let futures: Vec<_> = (0..TASKS)
                .map(|i| pools.ours.submit(move || i * 2).unwrap())
                .collect();
            let sum: u64 = futures.iter().map(|f| *f.result().unwrap()).sum();
            assert_eq!(sum, expected_sum(TASKS));
        })
    });
    group.bench_function("threadpool", |b| {
        b.iter(|| {
            let handles = handles(TASKS, |job| pools.threadpool.execute(job));
            let sum: u64 = handles.iter().map(Handle::wait).sum();
            assert_eq!(sum, expected_sum(TASKS));
        })
    });
    group.bench_function("rayon", |b| {
        b.iter(|| {
            let handles = handles(TASKS, |job| pools.rayon.spawn(job));
            let sum: u64 = handles.iter().map(Handle::wait).sum();
            assert_eq!(sum, expected_sum(TASKS));
        })
    });
    group.finish();
}

fn w2_map_ordered(c: &mut Criterion) {
    let pools = Pools::new(WORKERS);
    let mut group = c.benchmark_group("W2_map_ordered");
    group.throughput(Throughput::Elements(TASKS));
    group.bench_function("executor", |b| {
        b.iter(|| {
            let sum: u64 = pools
                .ours
                .map(|i: u64| i * 2, 0..TASKS)
                .unwrap()
                .map(Result::unwrap)
                .sum();
            assert_eq!(sum, expected_sum(TASKS));
        })
    });
    group.bench_function("threadpool", |b| {
        b.iter(|| {
            let sum = ordered_sum(TASKS, |job| pools.threadpool.execute(job));
            assert_eq!(sum, expected_sum(TASKS));
        })
    });
    group.bench_function("rayon", |b| {
        b.iter(|| {
            let sum = ordered_sum(TASKS, |job| pools.rayon.spawn(job));
            assert_eq!(sum, expected_sum(TASKS));
        })
    });
    group.finish();
}

fn w3_as_completed(c: &mut Criterion) {
    let pools = Pools::new(WORKERS);
    let mut group = c.benchmark_group("W3_as_completed");
    group.throughput(Throughput::Elements(TASKS));
    group.bench_function("executor", |b| {
        b.iter(|| {
            let futures: Vec<_> = (0..TASKS)
                .map(|i| pools.ours.submit(move || i * 2).unwrap())
                .collect();
            let sum: u64 = as_completed(&futures).map(|f| *f.result().unwrap()).sum();
            assert_eq!(sum, expected_sum(TASKS));
        })
    });
    group.bench_function("threadpool", |b| {
        b.iter(|| {
            let sum = arrival_sum(TASKS, |job| pools.threadpool.execute(job));
            assert_eq!(sum, expected_sum(TASKS));
        })
    });
    group.bench_function("rayon", |b| {
        b.iter(|| {
            let sum = arrival_sum(TASKS, |job| pools.rayon.spawn(job));
            assert_eq!(sum, expected_sum(TASKS));
        })
    });
    group.finish();
}

fn w4_sleep_fanout(c: &mut Criterion) {
    let pools = Pools::new(FANOUT);
    let mut group = c.benchmark_group("W4_sleep_fanout");
    group.measurement_time(Duration::from_secs(7));
    group.bench_function("executor", |b| {
        b.iter(|| {
            let futures: Vec<_> = (0..FANOUT)
                .map(|_| pools.ours.submit(|| std::thread::sleep(NAP)).unwrap())
                .collect();
            executor::wait(&futures, None, executor::ALL_COMPLETED);
        })
    });
    let nap = |job: &dyn Fn(Box<dyn FnOnce() + Send>)| {
        let handles: Vec<Handle<()>> = (0..FANOUT)
            .map(|_| {
                let handle = Handle::new();
                let slot = handle.clone_handle();
                job(Box::new(move || {
                    std::thread::sleep(NAP);
                    slot.set(());
                }));
                handle
            })
            .collect();
        handles.iter().for_each(Handle::wait);
    };
    group.bench_function("threadpool", |b| {
        b.iter(|| nap(&|job| pools.threadpool.execute(job)))
    });
    group.bench_function("rayon", |b| b.iter(|| nap(&|job| pools.rayon.spawn(job))));
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = pools;
    config = config();
    targets = w1_submit_result, w2_map_ordered, w3_as_completed, w4_sleep_fanout
}
criterion_main!(pools);
