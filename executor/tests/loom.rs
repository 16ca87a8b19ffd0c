//! Model checks of the executor's races, with loom.
//!
//! Each test is a small program of two or three threads. loom runs it once for every way
//! those threads can interleave (up to [`PREEMPTION_BOUND`] forced switches per run), with the
//! crate's locks, condvars, atomics, `Arc`s and channels swapped for loom's (see `sync.rs`).
//! A run fails if an assertion fails, if every thread is blocked (a lost wakeup, a hang), or
//! if an `Arc` is still alive at the end (a leak). Each test also records which way its race
//! went in each run, and checks afterwards that every way was seen: a model that only ever
//! explored one side of its race would prove nothing.
//!
//! Built only with `--cfg loom`; see `docs/reliability.md` for how to run them and what loom
//! cannot see.
//!
//! ```text
//! RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test -p executor --release --test loom
//! ```

#![cfg(loom)]

use executor::{
    ALL_COMPLETED, DoneAndNotDoneFutures, Error, EventKind, FIRST_COMPLETED, Future, Starvation,
    ThreadPoolExecutor, as_completed, wait,
};
use loom::sync::Arc;
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::thread;
use std::collections::BTreeSet;

/// At most this many times per run does loom switch away from a thread that could go on.
///
/// Every bug we planted to test these models (a missed wakeup, a check-then-act across two
/// locks, an outcome published after the state) is found with two; three is a margin. Each
/// step up multiplies the runs by seven to ten. `LOOM_MAX_PREEMPTIONS` overrides it, for a
/// deeper search by hand (see `docs/reliability.md`).
const PREEMPTION_BOUND: usize = 3;

/// The names of the outcomes a model saw, over all its runs.
type Seen = BTreeSet<&'static str>;

/// Where a model notes which way its race went in one run.
#[derive(Clone, Default)]
struct Outcomes(std::sync::Arc<std::sync::Mutex<Seen>>);

impl Outcomes {
    /// Notes that this run ended as `outcome`.
    fn saw(&self, outcome: &'static str) {
        self.0.lock().unwrap().insert(outcome);
    }
}

/// Runs `model` under every interleaving loom explores, and returns the outcomes it noted.
fn explore(model: impl Fn(&Outcomes) + Send + Sync + 'static) -> Seen {
    let outcomes = Outcomes::default();
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound.get_or_insert(PREEMPTION_BOUND);
    let noted = outcomes.clone();
    let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&runs);
    builder.check(move || {
        counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        model(&noted);
    });
    // `LOOM_REPORT_RUNS=1` prints how many interleavings each model explored: the figures in
    // docs/reliability.md.
    if std::env::var_os("LOOM_REPORT_RUNS").is_some() {
        eprintln!("runs: {}", runs.load(std::sync::atomic::Ordering::Relaxed));
    }
    outcomes.0.lock().unwrap().clone()
}

/// The two ways a task's owner can meet the task's end: it waited, or the task was done when it
/// looked (`OWNER_WAYS[usize::from(done)]`).
const OWNER_WAYS: [&str; 2] = [
    "its owner waited for the task",
    "the task was done when its owner looked",
];

/// The two ways C can meet A's end in the finishing-worker models (`C_WAYS[usize::from(done)]`).
const C_WAYS: [&str; 2] = ["C waited for A", "A was done when C looked"];

/// The set of outcomes a test expects to see.
fn all_of<const N: usize>(outcomes: [&'static str; N]) -> Seen {
    outcomes.into_iter().collect()
}

/// (a) `cancel()` races the worker's `set_running_or_notify_cancel()`: the task is either
/// cancelled or run, never both, never neither.
#[test]
fn a_task_is_either_cancelled_or_run_never_both() {
    let seen = explore(|outcome| {
        let executor = ThreadPoolExecutor::new(1).unwrap();
        let runs = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&runs);
        let future = executor
            .submit(move || counter.fetch_add(1, Ordering::SeqCst) + 1)
            .unwrap();
        let cancelled = future.cancel();
        drop(executor); // joins the worker: whatever it was going to do is done
        if cancelled {
            assert_eq!(runs.load(Ordering::SeqCst), 0);
            assert!(future.cancelled());
            assert!(matches!(future.result(), Err(Error::Cancelled)));
            outcome.saw("cancelled");
        } else {
            assert_eq!(runs.load(Ordering::SeqCst), 1);
            assert!(!future.cancelled());
            assert_eq!(*future.result().unwrap(), 1);
            outcome.saw("ran");
        }
    });
    assert_eq!(seen, all_of(["cancelled", "ran"]));
}

/// (b) `add_done_callback()` races `set_result()`: the callback runs exactly once, in the
/// completing thread if it was added first, in the adding thread otherwise.
#[test]
fn a_done_callback_runs_exactly_once_whether_added_before_or_after_completion() {
    let seen = explore(|outcome| {
        let future = Future::new();
        let completer = {
            let future = future.clone();
            thread::spawn(move || future.set_result(7).unwrap())
        };
        let calls = Arc::new(AtomicUsize::new(0));
        let ran_here = Arc::new(AtomicUsize::new(0));
        let adder = thread::current().id();
        {
            let (calls, ran_here) = (Arc::clone(&calls), Arc::clone(&ran_here));
            future.add_done_callback(move |future| {
                assert_eq!(*future.result().unwrap(), 7);
                calls.fetch_add(1, Ordering::SeqCst);
                if thread::current().id() == adder {
                    ran_here.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
        completer.join().unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        outcome.saw(match ran_here.load(Ordering::SeqCst) {
            1 => "added after completion",
            _ => "added before completion",
        });
    });
    assert_eq!(
        seen,
        all_of(["added after completion", "added before completion"])
    );
}

/// (c) `result()` blocks while a worker runs the task: it wakes with the value, whether it
/// got to the future before or after the worker finished (no lost wakeup).
#[test]
fn result_wakes_with_the_value_when_the_worker_finishes() {
    let seen = explore(|outcome| {
        let executor = ThreadPoolExecutor::new(1).unwrap();
        let future = executor.submit(|| 42).unwrap();
        outcome.saw(if future.done() {
            "already done"
        } else {
            "not yet done"
        });
        assert_eq!(*future.result().unwrap(), 42);
        drop(executor);
    });
    assert_eq!(seen, all_of(["already done", "not yet done"]));
}

/// (d) `as_completed` and `wait`, in two threads, watch one future that a third completes:
/// both see it, whenever each registers.
#[test]
fn as_completed_and_wait_on_one_future_both_see_it_finish() {
    let seen = explore(|outcome| {
        let future: Future<i32> = Future::new();
        let via_as_completed = {
            let future = future.clone();
            thread::spawn(move || as_completed([&future]).collect::<Vec<_>>())
        };
        let via_wait = {
            let future = future.clone();
            thread::spawn(move || wait([&future], None, ALL_COMPLETED))
        };
        future.set_result(3).unwrap();
        let yielded = via_as_completed.join().unwrap();
        assert_eq!(yielded.len(), 1);
        assert_eq!(yielded[0], future);
        let DoneAndNotDoneFutures { done, not_done } = via_wait.join().unwrap();
        assert!(done.contains(&future));
        assert!(not_done.is_empty());
        outcome.saw("both saw it");
    });
    assert_eq!(seen, all_of(["both saw it"]));
}

/// (d2) `as_completed` is given one future twice while another thread finishes it: it yields
/// the future exactly once, whether it finished before the call looked at it or after (the
/// repeat is dropped before the call looks at any future).
#[test]
fn as_completed_yields_a_future_listed_twice_once_however_it_races_completion() {
    let seen = explore(|outcome| {
        let future: Future<i32> = Future::new();
        let completer = {
            let future = future.clone();
            thread::spawn(move || future.set_result(5).unwrap())
        };
        let completed = as_completed([&future, &future]);
        let done_at_call = future.done();
        let yielded: Vec<_> = completed.collect();
        assert_eq!(yielded, std::slice::from_ref(&future));
        completer.join().unwrap();
        outcome.saw(if done_at_call {
            "finished before the call returned"
        } else {
            "finished after"
        });
    });
    assert_eq!(
        seen,
        all_of(["finished after", "finished before the call returned"])
    );
}

/// (d3) `wait(FIRST_COMPLETED)` on two futures that two other threads complete: it returns
/// with at least one done, each future in exactly one of the two sets, whether their notices
/// came while it slept, while it let go of the rest, or not at all before it returned.
#[test]
fn wait_first_completed_puts_each_future_in_one_set_however_completions_race_its_return() {
    let seen = explore(|outcome| {
        let (a, b): (Future<i32>, Future<i32>) = (Future::new(), Future::new());
        let completers: Vec<_> = [(&a, 1), (&b, 2)]
            .into_iter()
            .map(|(future, value)| {
                let future = future.clone();
                thread::spawn(move || future.set_result(value).unwrap())
            })
            .collect();
        let DoneAndNotDoneFutures { done, not_done } = wait([&a, &b], None, FIRST_COMPLETED);
        assert!(!done.is_empty());
        assert_eq!(done.len() + not_done.len(), 2);
        for future in [&a, &b] {
            assert!(done.contains(future) != not_done.contains(future));
            if done.contains(future) {
                assert!(future.done());
            }
        }
        for completer in completers {
            completer.join().unwrap();
        }
        outcome.saw(if done.len() == 2 {
            "both done"
        } else {
            "one done"
        });
    });
    assert_eq!(seen, all_of(["both done", "one done"]));
}

/// (e) `shutdown(cancel_futures = true)` drains the queue while another thread starts
/// `as_completed` on a queued future: the waiter is told, however the two interleave, and
/// whether the drain or the worker got the item.
#[test]
fn shutdown_cancelling_futures_notifies_a_waiter_registering_meanwhile() {
    let seen = explore(|outcome| {
        let executor = ThreadPoolExecutor::new(1).unwrap();
        let future = executor.submit(|| 5).unwrap();
        let waiter = {
            let future = future.clone();
            thread::spawn(move || as_completed([&future]).count())
        };
        executor.shutdown(true, true);
        assert_eq!(waiter.join().unwrap(), 1);
        match future.result() {
            Ok(value) => {
                assert_eq!(*value, 5);
                outcome.saw("ran");
            }
            Err(Error::Cancelled) => outcome.saw("cancelled"),
            Err(other) => panic!("unexpected {other:?}"),
        }
    });
    assert_eq!(seen, all_of(["cancelled", "ran"]));
}

/// (f) `submit()` races `shutdown()`: the submission either goes in and runs, or is refused
/// with `Error::Shutdown` and starts no thread.
#[test]
fn submit_racing_shutdown_either_runs_or_fails_with_shutdown() {
    let seen = explore(|outcome| {
        let executor = Arc::new(ThreadPoolExecutor::new(1).unwrap());
        let stopper = {
            let executor = Arc::clone(&executor);
            thread::spawn(move || executor.shutdown(false, false))
        };
        let submitted = executor.submit(|| 9);
        stopper.join().unwrap();
        match submitted {
            Ok(future) => {
                assert_eq!(*future.result().unwrap(), 9);
                assert_eq!(executor.threads_started(), 1);
                outcome.saw("ran");
            }
            Err(Error::Shutdown) => {
                assert_eq!(executor.threads_started(), 0);
                outcome.saw("refused");
            }
            Err(other) => panic!("unexpected {other:?}"),
        }
        drop(executor); // the last reference: joins the worker, if one started
    });
    assert_eq!(seen, all_of(["ran", "refused"]));
}

/// (g) `cancel()` races the worker taking the item off the queue: an `as_completed` already
/// watching hears of the future either way (from the worker that finds it cancelled, or from
/// the completion), and the pool reports exactly one of `Started` and `Cancelled`.
#[test]
fn a_cancel_racing_the_worker_still_reaches_as_completed() {
    let seen = explore(|outcome| {
        let started = Arc::new(AtomicUsize::new(0));
        let cancelled = Arc::new(AtomicUsize::new(0));
        let executor = {
            let (started, cancelled) = (Arc::clone(&started), Arc::clone(&cancelled));
            ThreadPoolExecutor::builder()
                .max_workers(1)
                .on_event(move |event| match event.kind {
                    EventKind::Started => _ = started.fetch_add(1, Ordering::SeqCst),
                    EventKind::Cancelled => _ = cancelled.fetch_add(1, Ordering::SeqCst),
                    EventKind::Submitted
                    | EventKind::Finished { .. }
                    | EventKind::Waited { .. } => {}
                })
                .build()
                .unwrap()
        };
        let future = executor.submit(|| 1).unwrap();
        let mut completed = as_completed([&future]);
        let was_cancelled = future.cancel();
        assert_eq!(completed.next(), Some(future.clone()));
        assert_eq!(completed.next(), None);
        drop(executor);
        let events = (
            started.load(Ordering::SeqCst),
            cancelled.load(Ordering::SeqCst),
        );
        if was_cancelled {
            assert_eq!(events, (0, 1));
            outcome.saw("cancelled");
        } else {
            assert_eq!(events, (1, 0));
            outcome.saw("ran");
        }
    });
    assert_eq!(seen, all_of(["cancelled", "ran"]));
}

/// (h) Dropping the executor joins every worker: when the drop returns, both tasks have run,
/// every worker that started has finished with the pool, and the pool itself is gone.
#[test]
fn dropping_the_executor_joins_every_worker() {
    let seen = explore(|outcome| {
        let initialized = Arc::new(AtomicUsize::new(0));
        let executor = {
            // The initializer lives in the pool, so its clone of `initialized` goes when the
            // pool does: after the last worker lets go of it.
            let initialized = Arc::clone(&initialized);
            ThreadPoolExecutor::builder()
                .max_workers(2)
                .initializer(move || _ = initialized.fetch_add(1, Ordering::SeqCst))
                .build()
                .unwrap()
        };
        let runs = Arc::new(AtomicUsize::new(0));
        let futures: Vec<_> = (0..2)
            .map(|_| {
                let runs = Arc::clone(&runs);
                executor
                    .submit(move || runs.fetch_add(1, Ordering::SeqCst))
                    .unwrap()
            })
            .collect();
        let threads = executor.threads_started();
        drop(executor);
        assert!(futures.iter().all(Future::done));
        assert_eq!(runs.load(Ordering::SeqCst), 2);
        assert_eq!(initialized.load(Ordering::SeqCst), threads);
        assert_eq!(Arc::strong_count(&initialized), 1, "the pool outlived drop");
        outcome.saw(match threads {
            1 => "one worker",
            _ => "two workers",
        });
    });
    assert_eq!(seen, all_of(["one worker", "two workers"]));
}

/// (i) A worker that a submit counted on runs a done-callback instead of taking the next item:
/// the callback waits for that very item, so the worker must hand its promise back and a
/// thread must start for the item, even if the pool was shut down meanwhile. Without the
/// hand-off, every thread blocks (loom reports it).
#[test]
fn a_worker_promised_to_a_submit_hands_it_back_before_running_callbacks() {
    let seen = explore(|outcome| {
        let executor = ThreadPoolExecutor::new(2).unwrap();
        let gate: Future<()> = Future::new();
        let first = {
            let gate = gate.clone();
            executor.submit(move || _ = gate.result()).unwrap()
        };
        // Set by the second task; the first task's callback waits for it.
        let handed: Future<()> = Future::new();
        let began = Arc::new(AtomicUsize::new(0));
        {
            let (handed, began) = (handed.clone(), Arc::clone(&began));
            first.add_done_callback(move |_| {
                began.store(1, Ordering::SeqCst);
                handed.result().unwrap();
            });
        }
        gate.set_result(()).unwrap();
        first.result().unwrap();
        let began_first = began.load(Ordering::SeqCst) == 1;
        // Races the worker between publishing the first result and running the callback.
        let second = {
            let handed = handed.clone();
            executor
                .submit(move || handed.set_result(()).unwrap())
                .unwrap()
        };
        // A shutdown before the worker hands the submit back must not strand it: Python would
        // have started its thread at the submit.
        executor.shutdown(false, false);
        second.result().unwrap();
        drop(executor);
        outcome.saw(if began_first {
            "callback began before the second submit"
        } else {
            "callback began after the second submit"
        });
    });
    assert_eq!(
        seen,
        all_of([
            "callback began after the second submit",
            "callback began before the second submit"
        ])
    );
}

/// (j) A task calls `shutdown(wait = true)` while its owner does the same: neither waits for
/// the other for ever, and when the owner's call returns every accepted task is done.
#[test]
fn shutdown_with_wait_from_a_task_and_from_its_owner_both_return() {
    let seen = explore(|outcome| {
        let executor = Arc::new(ThreadPoolExecutor::new(2).unwrap());
        let stopper = {
            let inner = Arc::clone(&executor);
            executor
                .submit(move || inner.shutdown(true, false))
                .unwrap()
        };
        let other = executor.submit(|| 1);
        executor.shutdown(true, false);
        assert!(stopper.done());
        outcome.saw(match other {
            Ok(other) => {
                assert!(other.done());
                "the second task was accepted"
            }
            Err(Error::Shutdown) => "the second task was refused",
            Err(error) => panic!("unexpected {error:?}"),
        });
    });
    assert_eq!(
        seen,
        all_of([
            "the second task was accepted",
            "the second task was refused"
        ])
    );
}

/// (k) CPython's first starvation example, in a pool that turns the report into an error: the
/// one worker runs a task that waits for a future it submitted, queued behind itself. The
/// check always finds it (never a hang, which loom would report), the task gets the error, and
/// the queued call then runs.
#[test]
fn a_task_waiting_for_work_queued_behind_it_always_gets_the_deadlock_error() {
    let seen = explore(|outcome| {
        let executor = Arc::new(
            ThreadPoolExecutor::builder()
                .max_workers(1)
                .starvation(Starvation::Error)
                .build()
                .unwrap(),
        );
        let same = Arc::clone(&executor);
        let outer = executor
            .submit(move || {
                let inner = same.submit(|| 25).unwrap();
                let error = inner.result().map(|_| ()).unwrap_err();
                (matches!(error, Error::Deadlock(_)), inner)
            })
            .unwrap();
        let done_at_once = outer.done();
        let (deadlock, inner) = outer.result().unwrap();
        assert!(*deadlock);
        assert_eq!(*inner.result().unwrap(), 25);
        executor.shutdown(true, false);
        outcome.saw(OWNER_WAYS[usize::from(done_at_once)]);
    });
    assert_eq!(seen, all_of(OWNER_WAYS));
}

/// (l) The check races a worker finishing. In a two-worker pool, A waits for B, and C (queued
/// until a worker is free) waits for A. When B's worker finishes B and takes C, A's record may
/// still say it waits, but for a future that is done now: the check must look at the future,
/// not the record, and never call it a deadlock.
#[test]
fn a_worker_that_just_finished_what_another_waits_for_is_no_deadlock() {
    let seen = explore(|outcome| {
        let executor = ThreadPoolExecutor::builder()
            .max_workers(2)
            .starvation(Starvation::Error)
            .build()
            .unwrap();
        let b = executor.submit(|| 2).unwrap();
        let a = {
            let b = b.clone();
            executor
                .submit(move || b.result().map(|v| v * 10).map_err(|e| e.to_string()))
                .unwrap()
        };
        let c = {
            let a = a.clone();
            executor
                .submit(move || {
                    let a_done = a.done();
                    let value = match a.result() {
                        Ok(Ok(v)) => Ok(v + 1),
                        Ok(Err(e)) => Err(e.clone()),
                        Err(e) => Err(e.to_string()),
                    };
                    (a_done, value)
                })
                .unwrap()
        };
        let (a_done, value) = c.result().unwrap();
        assert_eq!(value, &Ok(21));
        executor.shutdown(true, false);
        outcome.saw(C_WAYS[usize::from(*a_done)]);
    });
    assert_eq!(seen, all_of(C_WAYS));
}

/// (m) Dropping a `map` races a worker taking its next item. The map's items have no futures:
/// one shared flag says which are still wanted. The item behind the one yielded is run or not
/// run, never half, and its outcome, sent to a map that is gone, is simply dropped.
#[test]
fn an_item_of_a_dropped_map_is_either_run_or_not() {
    let seen = explore(|outcome| {
        let executor = ThreadPoolExecutor::new(1).unwrap();
        let runs = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&runs);
        let mut results = executor
            .map(
                move |n: usize| {
                    counter.fetch_add(1, Ordering::SeqCst);
                    n * 10
                },
                0..2,
            )
            .unwrap();
        assert_eq!(results.next().unwrap().unwrap(), 0);
        drop(results);
        drop(executor); // joins the worker: whatever it was going to do is done
        outcome.saw(match runs.load(Ordering::SeqCst) {
            1 => "the second item was not run",
            2 => "the second item ran",
            n => panic!("{n} calls for two items"),
        });
    });
    assert_eq!(
        seen,
        all_of(["the second item ran", "the second item was not run"])
    );
}

/// (n) A step of `map` races its item's call: the value is there before `next()` looks, or
/// `next()` sleeps on the map's channel until it comes. Either way it gets the value, and a
/// sleep is reported as a wait woken by the item's task.
#[test]
fn next_of_a_map_gets_its_value_whether_it_found_it_or_slept() {
    let seen = explore(|outcome| {
        let waits = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let noted = std::sync::Arc::clone(&waits);
        let executor = ThreadPoolExecutor::builder()
            .max_workers(1)
            .on_event(move |event| {
                if let EventKind::Waited { call, woken, .. } = event.kind {
                    noted.lock().unwrap().push((event.task, call, woken));
                }
            })
            .build()
            .unwrap();
        let values: Vec<usize> = executor
            .map(|n: usize| n + 1, [41])
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(values, [42]);
        drop(executor);
        let waits = waits.lock().unwrap().clone();
        outcome.saw(match waits.as_slice() {
            [] => "the value was there",
            [(0, "next(map)", true)] => "next() slept until the task sent it",
            other => panic!("unexpected waits {other:?}"),
        });
    });
    assert_eq!(
        seen,
        all_of(["next() slept until the task sent it", "the value was there"])
    );
}

/// (o) CPython's first starvation example with `map`: the one worker runs a task that maps
/// over its own pool. Its items are queued behind it; the check finds the step of `map`
/// stuck (nothing sent since its wait began, its item this pool's), and the map yields the
/// error at the item.
#[test]
fn a_task_mapping_over_its_own_full_pool_always_gets_the_deadlock_error() {
    let seen = explore(|outcome| {
        let executor = Arc::new(
            ThreadPoolExecutor::builder()
                .max_workers(1)
                .starvation(Starvation::Error)
                .build()
                .unwrap(),
        );
        let same = Arc::clone(&executor);
        let outer = executor
            .submit(move || {
                let mut results = same.map(|n: u32| n * 2, [1]).unwrap();
                let first = results.next().unwrap();
                (
                    matches!(first, Err(Error::Deadlock(_))),
                    results.next().is_none(),
                )
            })
            .unwrap();
        let done_at_once = outer.done();
        assert_eq!(*outer.result().unwrap(), (true, true));
        executor.shutdown(true, false);
        outcome.saw(OWNER_WAYS[usize::from(done_at_once)]);
    });
    assert_eq!(seen, all_of(OWNER_WAYS));
}

/// (p) The map version of (l): in a two-worker pool, A maps over the pool and C, queued behind
/// A's item, waits for A. The worker that ran the item takes C, and C's wait may begin while A
/// is taking the item's outcome, before A has cleared its record. The check must count the
/// outcomes sent, not the channel's contents, and never call that a deadlock.
#[test]
fn a_map_step_whose_item_just_arrived_is_no_deadlock() {
    let seen = explore(|outcome| {
        let executor = Arc::new(
            ThreadPoolExecutor::builder()
                .max_workers(2)
                .starvation(Starvation::Error)
                .build()
                .unwrap(),
        );
        let same = Arc::clone(&executor);
        let (submitted, queued) = loom::sync::mpsc::channel();
        let a = executor
            .submit(move || {
                let results = same.map(|n: u32| n * 2, [1]).unwrap();
                submitted.send(()).unwrap();
                results
                    .map(|r| r.map_err(|e| e.to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap();
        queued.recv().unwrap();
        let c = {
            let a = a.clone();
            executor
                .submit(move || {
                    let a_done = a.done();
                    (
                        a_done,
                        a.result().map(|v| v.len()).map_err(|e| e.to_string()),
                    )
                })
                .unwrap()
        };
        let (a_done, waited) = c.result().unwrap();
        assert_eq!(waited, &Ok(1));
        assert_eq!(a.result().unwrap(), &[Ok(2)]);
        executor.shutdown(true, false);
        outcome.saw(C_WAYS[usize::from(*a_done)]);
    });
    assert_eq!(seen, all_of(C_WAYS));
}

/// (q) Two threads in `result()` on one future while a third completes it, with `set_result`
/// or with `cancel`: each wakes with what the third did, whether it looked before or after.
/// One sleeper is kept in the future's listeners' box itself and the other in its overflow, so
/// both places are unparked (`listeners.rs`).
#[test]
fn two_threads_in_result_both_wake_when_a_third_completes_or_cancels() {
    let seen = explore(|outcome| {
        for cancel in [false, true] {
            let future: Future<i32> = Future::new();
            let sleepers: Vec<_> = (0..2)
                .map(|_| {
                    let future = future.clone();
                    thread::spawn(move || {
                        let looked_done = future.done();
                        let got = future.result().copied();
                        (looked_done, got)
                    })
                })
                .collect();
            if cancel {
                assert!(future.cancel());
            } else {
                future.set_result(5).unwrap();
            }
            for sleeper in sleepers {
                let (looked_done, got) = sleeper.join().unwrap();
                match (cancel, got) {
                    (false, Ok(5)) | (true, Err(Error::Cancelled)) => {}
                    (_, got) => panic!("cancel={cancel}: result() gave {got:?}"),
                }
                outcome.saw(WAYS[usize::from(looked_done)]);
            }
        }
    });
    assert_eq!(seen, all_of(WAYS));

    /// How a sleeper met the future's end: it looked before, or after.
    const WAYS: [&str; 2] = ["a thread looked before the end", "a thread looked after it"];
}
