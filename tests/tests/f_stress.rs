//! Races and stress: several threads submit at once while others cancel, shut the pool down,
//! drop `map` iterators, add callbacks and wait with `as_completed`, and tasks panic at random.
//!
//! Each round is driven by a seed, so a failing round can be replayed (`STRESS_SEED=n`). After a
//! round, every check below must hold:
//!
//! * every future `submit` returned is done, in exactly one final state: finished with its own
//!   value, finished with its own panic, or cancelled, and never run if cancelled;
//! * every task ran at most once, and exactly once if its future finished;
//! * no value is lost or duplicated: each finished future holds its own task's number;
//! * a refused `submit` (`Error::Shutdown`) happened only after `shutdown` began;
//! * every done-callback ran exactly once, whether added before, during or after completion;
//! * `as_completed` over a submitter's futures yields each exactly once, and ends;
//! * a `map` yields its results in order, and dropping it early hangs nothing;
//! * once the executor is dropped, none of its worker threads is left (the kernel's thread list).
//!
//! Nothing hangs CI: each round runs under a watchdog that, past its limit, fails the test with
//! the round's progress and a listing of the process's threads instead of waiting for ever.
//!
//! `cargo test -p tests --test f_stress` runs the CI-sized version; the heavy one (100 rounds of
//! 10^6 tasks each) is `cargo test --release -p tests --test f_stress -- --ignored --nocapture`.

use crossbeam_channel::{Receiver, RecvTimeoutError, bounded, unbounded};
use executor::{Error, Future, MapOptions, ThreadPoolExecutor, as_completed};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The workers' thread-name prefix: their kernel names (`stress_0`, ...) are how the last check
/// finds any left behind.
const PREFIX: &str = "stress";

/// Stress rounds share the process's thread list; one at a time keeps the leftover-thread count
/// exact when several stress tests run in one process.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A small seeded generator (SplitMix64): the same seed, the same round.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

/// The shape of one round.
#[derive(Debug, Clone, Copy)]
struct Round {
    seed: u64,
    workers: usize,
    submitters: usize,
    tasks_per_submitter: usize,
}

impl Round {
    fn from_seed(seed: u64, tasks: usize) -> Self {
        let mut rng = Rng(seed);
        let submitters = 2 + rng.below(3) as usize;
        Round {
            seed,
            workers: 1 + rng.below(4) as usize,
            submitters,
            tasks_per_submitter: tasks / submitters,
        }
    }

    fn tasks(&self) -> usize {
        self.submitters * self.tasks_per_submitter
    }
}

/// What happened to each task number, written by tasks, callbacks and submitters.
struct Ledger {
    /// How many times the task ran.
    ran: Vec<AtomicU8>,
    /// How many times its done-callback ran.
    called_back: Vec<AtomicU8>,
    /// Whether a callback was attached at submit time (the others get one at the end).
    callback_added: Vec<AtomicBool>,
    /// Whether `submit` refused it.
    refused: Vec<AtomicBool>,
    /// Whether a `cancel()` on it returned true.
    cancel_succeeded: Vec<AtomicBool>,
    /// Tasks submitted so far (for the shutdown trigger and the watchdog's report).
    submitted: AtomicUsize,
    /// Set just before `shutdown` is called.
    shutdown_started: AtomicBool,
}

impl Ledger {
    fn new(tasks: usize) -> Self {
        Ledger {
            ran: (0..tasks).map(|_| AtomicU8::new(0)).collect(),
            called_back: (0..tasks).map(|_| AtomicU8::new(0)).collect(),
            callback_added: (0..tasks).map(|_| AtomicBool::new(false)).collect(),
            refused: (0..tasks).map(|_| AtomicBool::new(false)).collect(),
            cancel_succeeded: (0..tasks).map(|_| AtomicBool::new(false)).collect(),
            submitted: AtomicUsize::new(0),
            shutdown_started: AtomicBool::new(false),
        }
    }
}

/// Whether task `id` of round `seed` panics: decided by the seed, so the checker knows.
fn panics(seed: u64, id: usize) -> bool {
    Rng(seed ^ (id as u64).wrapping_mul(0x2545_F491_4F6C_DD1D)).percent(10)
}

/// Runs one round and checks everything the module's docs list. Returns how many futures
/// finished, panicked, were cancelled, and were refused.
fn run_round(round: Round) -> [usize; 4] {
    let ledger = Arc::new(Ledger::new(round.tasks()));
    let mut rng = Rng(round.seed);
    // Shut down partway through in most rounds; let the pool drain normally in the rest.
    let shutdown_after = if rng.percent(70) {
        Some(rng.below(round.tasks() as u64 + 1) as usize)
    } else {
        None
    };
    let cancel_futures = rng.percent(50);
    let executor = ThreadPoolExecutor::builder()
        .max_workers(round.workers)
        .thread_name_prefix(PREFIX)
        .build()
        .unwrap();
    let (to_cancel, cancel_queue) = unbounded::<(usize, Future<u64>)>();
    let (trigger, shutdown_signal) = bounded::<()>(1);
    let all_futures = Mutex::new(Vec::new());

    thread::scope(|scope| {
        // Submitters.
        for submitter in 0..round.submitters {
            let (ledger, to_cancel, trigger, all_futures) =
                (&ledger, to_cancel.clone(), trigger.clone(), &all_futures);
            let executor = &executor;
            scope.spawn(move || {
                let mut rng = Rng(round.seed.wrapping_add(1 + submitter as u64));
                let mut mine = Vec::new();
                for j in 0..round.tasks_per_submitter {
                    let id = submitter * round.tasks_per_submitter + j;
                    let task_ledger = Arc::clone(ledger);
                    let seed = round.seed;
                    let submitted = executor.submit(move || {
                        task_ledger.ran[id].fetch_add(1, Ordering::SeqCst);
                        if panics(seed, id) {
                            panic!("task {id}");
                        }
                        id as u64
                    });
                    let count = ledger.submitted.fetch_add(1, Ordering::SeqCst) + 1;
                    if Some(count) == shutdown_after {
                        let _ = trigger.try_send(());
                    }
                    match submitted {
                        Ok(future) => {
                            if rng.percent(50) {
                                let callback_ledger = Arc::clone(ledger);
                                ledger.callback_added[id].store(true, Ordering::SeqCst);
                                future.add_done_callback(move |_| {
                                    callback_ledger.called_back[id].fetch_add(1, Ordering::SeqCst);
                                });
                            }
                            if rng.percent(30) {
                                to_cancel.send((id, future.clone())).unwrap();
                            }
                            mine.push(future.clone());
                            all_futures.lock().unwrap().push((id, future));
                        }
                        Err(Error::Shutdown) => {
                            assert!(
                                ledger.shutdown_started.load(Ordering::SeqCst),
                                "task {id} refused before shutdown began"
                            );
                            ledger.refused[id].store(true, Ordering::SeqCst);
                        }
                        Err(other) => panic!("submit of task {id} failed with {other:?}"),
                    }
                    // Now and then, a map beside the submits, dropped partway through.
                    if rng.percent(1) {
                        check_a_map(executor, &mut rng);
                    }
                }
                // as_completed over this submitter's futures: each exactly once, and it ends.
                let mut seen = HashSet::new();
                for future in as_completed(&mine) {
                    assert!(future.done());
                    assert!(seen.insert(future), "as_completed yielded a future twice");
                }
                assert_eq!(seen.len(), mine.len());
            });
        }
        drop(trigger);

        // The canceller: cancels what the submitters hand it, racing the workers.
        let ledger_for_cancel = &ledger;
        scope.spawn(move || cancel_all(&cancel_queue, ledger_for_cancel));
        drop(to_cancel);

        // The shutdown caller: waits for its signal (or for the submitters to finish).
        let (executor, ledger) = (&executor, &ledger);
        scope.spawn(move || {
            if shutdown_signal.recv().is_ok() {
                ledger.shutdown_started.store(true, Ordering::SeqCst);
                executor.shutdown(false, cancel_futures);
            }
        });
    });
    drop(executor); // joins every worker

    check_ledger(round, &ledger, all_futures.into_inner().unwrap())
}

/// Cancels every future that arrives, noting which cancels succeeded.
fn cancel_all(queue: &Receiver<(usize, Future<u64>)>, ledger: &Ledger) {
    for (id, future) in queue {
        if future.cancel() {
            ledger.cancel_succeeded[id].store(true, Ordering::SeqCst);
        }
    }
}

/// A short `map`, read partway and dropped: what it yields is in order and correct.
fn check_a_map(executor: &ThreadPoolExecutor, rng: &mut Rng) {
    let length = 1 + rng.below(20);
    let read = rng.below(length + 1) as usize;
    let options = if rng.percent(50) {
        MapOptions::new().buffersize(1 + rng.below(4) as usize)
    } else {
        MapOptions::new()
    };
    let Ok(results) = executor.map_with(|n: u64| n * 3, 0..length, options) else {
        return; // refused: the pool is shutting down
    };
    for (n, result) in results.take(read).enumerate() {
        match result {
            Ok(value) => assert_eq!(value, n as u64 * 3, "map out of order"),
            // shutdown(cancel_futures=true) cancelled the rest, or a buffered map could not
            // submit its next call after shutdown: either way the map stops here.
            Err(Error::Cancelled | Error::Shutdown) => break,
            Err(other) => panic!("map item {n} failed with {other:?}"),
        }
    }
}

/// The checks of the module's docs, over every future of the round.
fn check_ledger(round: Round, ledger: &Ledger, futures: Vec<(usize, Future<u64>)>) -> [usize; 4] {
    let mut counts = [0; 4];
    let mut values = HashSet::new();
    for (id, future) in &futures {
        let id = *id;
        assert!(
            future.done(),
            "task {id}: not done after shutdown: {future:?}"
        );
        let ran = ledger.ran[id].load(Ordering::SeqCst);
        match future.result() {
            Ok(value) => {
                assert_eq!(*value, id as u64, "task {id} holds another task's value");
                assert!(values.insert(*value), "value {value} delivered twice");
                assert!(!panics(round.seed, id), "task {id} should have panicked");
                assert_eq!(ran, 1, "task {id} finished but ran {ran} times");
                assert!(!future.cancelled());
                counts[0] += 1;
            }
            Err(Error::Panic(panic)) => {
                assert!(
                    panics(round.seed, id),
                    "task {id} panicked unexpectedly: {panic}"
                );
                assert_eq!(panic.message(), format!("task {id}"));
                assert_eq!(ran, 1, "task {id} raised but ran {ran} times");
                assert!(!future.cancelled());
                counts[1] += 1;
            }
            Err(Error::Cancelled) => {
                assert!(future.cancelled());
                assert_eq!(ran, 0, "task {id} was cancelled yet ran");
                counts[2] += 1;
            }
            Err(other) => panic!("task {id} ended with {other:?}"),
        }
        if ledger.cancel_succeeded[id].load(Ordering::SeqCst) {
            assert!(future.cancelled(), "task {id}: cancel() said true");
        }
        // A callback added now, to a done future, runs at once, in this thread.
        if !ledger.callback_added[id].load(Ordering::SeqCst) {
            let ledger_called_back = &ledger.called_back[id];
            let (done, called) = bounded(1);
            future.add_done_callback(move |_| done.send(()).unwrap());
            called
                .try_recv()
                .expect("callback on a done future did not run at once");
            ledger_called_back.fetch_add(1, Ordering::SeqCst);
        }
        let calls = ledger.called_back[id].load(Ordering::SeqCst);
        assert_eq!(calls, 1, "task {id}: its callback ran {calls} times");
    }
    for id in 0..round.tasks() {
        if ledger.refused[id].load(Ordering::SeqCst) {
            assert_eq!(
                ledger.ran[id].load(Ordering::SeqCst),
                0,
                "refused task {id} ran"
            );
            counts[3] += 1;
        }
    }
    assert_eq!(
        counts.iter().sum::<usize>(),
        round.tasks(),
        "every task is finished, raised, cancelled or refused"
    );
    let left = worker_threads_left();
    assert!(left.is_empty(), "worker threads left after drop: {left:?}");
    counts
}

/// The stress-pool workers still listed once the executor has dropped. `join` returns when a
/// thread has stopped running, but the kernel may list it in `/proc/self/task` a moment longer
/// while it tears the thread down; so look again until the list is empty, for up to ten seconds.
/// A worker really left behind (blocked on its queue) is still listed then.
fn worker_threads_left() -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = worker_threads_alive();
        if left.is_empty() || Instant::now() > deadline {
            return left;
        }
        thread::yield_now();
    }
}

/// The kernel names of this process's threads that are stress-pool workers.
fn worker_threads_alive() -> Vec<String> {
    thread_names()
        .into_iter()
        .filter(|name| name.starts_with(PREFIX))
        .collect()
}

/// Every thread of this process, by its kernel name (Linux); empty elsewhere.
fn thread_names() -> Vec<String> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Vec::new();
    };
    tasks
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .map(|name| name.trim_end().to_string())
        .collect()
}

/// What the watchdog prints for a stuck round: each thread, its state and where it sleeps.
fn thread_dump() -> String {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return "(no /proc/self/task on this system)".into();
    };
    let mut lines: Vec<String> = tasks
        .filter_map(|task| {
            let path = task.ok()?.path();
            let read = |file: &str| std::fs::read_to_string(path.join(file)).unwrap_or_default();
            let stat = read("stat");
            // The state letter follows the `(comm)` field.
            let state = stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .next();
            Some(format!(
                "  {:>7} {:<16} state={} wchan={}",
                path.file_name()?.to_string_lossy(),
                read("comm").trim_end(),
                state.unwrap_or("?"),
                read("wchan").trim_end()
            ))
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

/// Runs `round` on its own thread and fails, with a thread listing, if it takes over `limit`.
fn with_watchdog(round: Round, limit: Duration) -> [usize; 4] {
    let (done, finished) = bounded(1);
    let worker = thread::Builder::new()
        .name(format!("round-{}", round.seed))
        .spawn(move || {
            let counts = run_round(round);
            let _ = done.send(counts);
        })
        .unwrap();
    match finished.recv_timeout(limit) {
        Ok(counts) => {
            worker.join().unwrap();
            counts
        }
        Err(RecvTimeoutError::Disconnected) => {
            // The round panicked before reporting: re-raise its own message.
            std::panic::resume_unwind(worker.join().unwrap_err())
        }
        Err(RecvTimeoutError::Timeout) => panic!(
            "watchdog: round {round:?} still running after {limit:?}; threads:\n{}",
            thread_dump()
        ),
    }
}

/// Runs `rounds` seeded rounds of about `tasks` tasks each, starting at `STRESS_SEED` if set.
fn stress(rounds: u64, tasks: usize, limit: Duration) -> [usize; 4] {
    let _one_at_a_time = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let first_seed = std::env::var("STRESS_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(1);
    let mut totals = [0; 4];
    for seed in first_seed..first_seed + rounds {
        let counts = with_watchdog(Round::from_seed(seed, tasks), limit);
        for (total, count) in totals.iter_mut().zip(counts) {
            *total += count;
        }
    }
    totals
}

#[test]
fn racing_submit_cancel_shutdown_callbacks_and_maps_lose_nothing() {
    let [finished, panicked, cancelled, refused] = stress(50, 2_000, Duration::from_secs(60));
    // The seeds make every outcome happen; if a change made one impossible, say so.
    assert!(finished > 0 && panicked > 0 && cancelled > 0 && refused > 0);
}

#[test]
#[ignore = "heavy: 100 rounds of 10^6 tasks; run with --release -- --ignored"]
fn heavy_stress_a_million_tasks_a_round() {
    let started = Instant::now();
    let [finished, panicked, cancelled, refused] = stress(100, 1_000_000, Duration::from_secs(300));
    println!(
        "100 rounds of 10^6 tasks, {} in all: {finished} finished, {panicked} panicked, {cancelled} cancelled, \
         {refused} refused, in {:.1?}",
        finished + panicked + cancelled + refused,
        started.elapsed()
    );
}

#[test]
fn the_watchdog_lists_the_process_threads() {
    let dump = thread_dump();
    if std::fs::metadata("/proc/self/task").is_ok() {
        let current = thread::current();
        let name = current.name().unwrap_or_default();
        // The kernel keeps 15 bytes of a name; the test harness names threads after the test.
        let short: String = name.chars().take(15).collect();
        assert!(dump.contains(&short), "{dump}");
        assert!(dump.contains("state="), "{dump}");
    }
}
