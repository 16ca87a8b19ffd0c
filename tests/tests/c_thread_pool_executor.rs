//! Sections B.1 and C of the reference: `ThreadPoolExecutor` — construction, submit, lazy
//! threads and idle reuse, names, shutdown, the initializer, panics as exceptions, events.
//!
//! Tasks that must stay busy wait on channels or barriers that the test releases; nothing
//! here sleeps to synchronise.

use executor::{Error, EventKind, Future, ReturnWhen, ThreadPoolExecutor, as_completed, wait};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

/// A gate tasks block on until the test opens it.
#[derive(Clone)]
struct Gate(Arc<(Mutex<bool>, std::sync::Condvar)>);

impl Gate {
    fn new() -> Self {
        Gate(Arc::new((Mutex::new(false), std::sync::Condvar::new())))
    }

    fn wait(&self) {
        let (open, cond) = &*self.0;
        let mut open = open.lock().unwrap();
        while !*open {
            open = cond.wait(open).unwrap();
        }
    }

    fn open(&self) {
        let (open, cond) = &*self.0;
        *open.lock().unwrap() = true;
        cond.notify_all();
    }
}

/// Submits `count` tasks that wait for the gate; returns once `running` of them have started.
fn submit_blocked(
    pool: &ThreadPoolExecutor,
    gate: &Gate,
    count: usize,
    running: usize,
) -> Vec<Future<()>> {
    let (started_tx, started_rx) = mpsc::channel();
    let futures = (0..count)
        .map(|_| {
            let gate = gate.clone();
            let started = started_tx.clone();
            pool.submit(move || {
                // Nobody listens once `running` tasks have reported; later ones just wait.
                let _ = started.send(());
                gate.wait();
            })
            .unwrap()
        })
        .collect();
    for _ in 0..running {
        started_rx.recv().unwrap();
    }
    futures
}

/// Occupies one worker with a task that waits for the gate; returns once it is running.
fn occupy(pool: &ThreadPoolExecutor, gate: &Gate) -> Future<()> {
    submit_blocked(pool, gate, 1, 1).remove(0)
}

/// Runs `scenario` on a thread of its own and returns what it returns, or fails the test if it
/// has not finished within a minute: a watchdog, so that a deadlock fails instead of hanging.
fn without_deadlock<T: Send + 'static>(scenario: impl FnOnce() -> T + Send + 'static) -> T {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(scenario()).unwrap());
    match done_rx.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("deadlocked: not finished within a minute"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the scenario panicked"),
    }
}

// C.1: the constructor.

#[test]
fn a_thread_name_prefix_with_a_nul_byte_is_a_value_error() {
    let error = ThreadPoolExecutor::builder()
        .thread_name_prefix("a\0b")
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::InvalidThreadNamePrefix));
    assert_eq!(error.python_name(), "ValueError");
}

#[test]
fn zero_max_workers_is_a_value_error() {
    let error = ThreadPoolExecutor::new(0).unwrap_err();
    assert!(matches!(error, Error::InvalidMaxWorkers));
    assert_eq!(error.to_string(), "max_workers must be greater than 0");
}

#[test]
fn the_default_max_workers_is_cpus_plus_four_at_most_32() {
    let cpus = thread::available_parallelism().map_or(1, |n| n.get());
    let pool = ThreadPoolExecutor::builder().build().unwrap();
    assert_eq!(pool.max_workers(), 32.min(cpus + 4));
}

#[test]
fn no_thread_starts_in_the_constructor() {
    let pool = ThreadPoolExecutor::new(4).unwrap();
    assert_eq!(pool.threads_started(), 0);
}

#[test]
fn the_default_prefix_counts_executors() {
    let a = ThreadPoolExecutor::new(1).unwrap();
    let b = ThreadPoolExecutor::builder()
        .thread_name_prefix("")
        .build()
        .unwrap();
    let number = |pool: &ThreadPoolExecutor| -> usize {
        pool.thread_name_prefix()
            .strip_prefix("ThreadPoolExecutor-")
            .expect("the default prefix")
            .parse()
            .unwrap()
    };
    assert!(number(&b) > number(&a));
}

// C.1 and C.3: thread names.

fn worker_name(pool: &ThreadPoolExecutor) -> String {
    pool.submit(|| thread::current().name().unwrap().to_owned())
        .unwrap()
        .result()
        .unwrap()
        .clone()
}

#[test]
fn workers_are_named_like_pythons() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let name = worker_name(&pool);
    assert_eq!(name, format!("{}_0", pool.thread_name_prefix()));
    assert!(name.starts_with("ThreadPoolExecutor-") && name.ends_with("_0"));
}

#[test]
fn a_prefix_names_workers_prefix_underscore_index() {
    // test_thread_names_assigned: ^SpecialPool_[0-4]$
    let pool = ThreadPoolExecutor::builder()
        .max_workers(5)
        .thread_name_prefix("SpecialPool")
        .build()
        .unwrap();
    let gate = Gate::new();
    let (started_tx, started_rx) = mpsc::channel();
    let mut names = Vec::new();
    for _ in 0..5 {
        let gate = gate.clone();
        let started = started_tx.clone();
        names.push(
            pool.submit(move || {
                started.send(()).unwrap();
                gate.wait();
                thread::current().name().unwrap().to_owned()
            })
            .unwrap(),
        );
    }
    for _ in 0..5 {
        started_rx.recv().unwrap();
    }
    gate.open();
    let mut names: Vec<String> = names.iter().map(|f| f.result().unwrap().clone()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "SpecialPool_0",
            "SpecialPool_1",
            "SpecialPool_2",
            "SpecialPool_3",
            "SpecialPool_4"
        ]
    );
}

#[cfg(target_os = "linux")]
fn kernel_name(pool: &ThreadPoolExecutor) -> String {
    pool.submit(|| std::fs::read_to_string("/proc/thread-self/comm").unwrap())
        .unwrap()
        .result()
        .unwrap()
        .trim_end()
        .to_owned()
}

#[cfg(target_os = "linux")]
#[test]
fn the_kernel_sees_a_short_name_that_keeps_the_index() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let k = pool
        .thread_name_prefix()
        .strip_prefix("ThreadPoolExecutor-")
        .unwrap()
        .to_owned();
    assert_eq!(kernel_name(&pool), format!("TPE-{k}_0"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_long_prefix_is_cut_for_the_kernel_but_not_for_rust() {
    let pool = ThreadPoolExecutor::builder()
        .max_workers(1)
        .thread_name_prefix("download_worker")
        .build()
        .unwrap();
    assert_eq!(kernel_name(&pool), "download_work_0");
    assert_eq!(worker_name(&pool), "download_worker_0");
}

// C.3: lazy start and idle reuse.

#[test]
fn sequential_submits_reuse_one_idle_thread() {
    // test_idle_thread_reuse
    let pool = ThreadPoolExecutor::new(4).unwrap();
    for n in 0..3 {
        assert_eq!(
            *pool.submit(move || n * 2).unwrap().result().unwrap(),
            n * 2
        );
    }
    assert_eq!(pool.threads_started(), 1);
}

#[test]
fn a_saturated_pool_starts_exactly_max_workers_threads() {
    // test_saturation: 60 blocking tasks on 4 workers give 4 threads.
    let pool = ThreadPoolExecutor::new(4).unwrap();
    let gate = Gate::new();
    let futures = submit_blocked(&pool, &gate, 60, 4);
    assert_eq!(pool.threads_started(), 4);
    gate.open();
    for future in &futures {
        future.result().unwrap();
    }
    assert_eq!(pool.threads_started(), 4);
}

#[test]
fn a_done_callback_that_submits_and_waits_gets_a_thread() {
    // Python: callbacks run before the worker counts itself idle, so the submit starts a thread.
    let value = without_deadlock(|| {
        let pool = Arc::new(ThreadPoolExecutor::new(2).unwrap());
        let gate = Gate::new();
        let first = occupy(&pool, &gate);
        let (value_tx, value_rx) = mpsc::channel();
        let inner = Arc::clone(&pool);
        first.add_done_callback(move |_| {
            let value = *inner.submit(|| 2).unwrap().result().unwrap();
            value_tx.send(value).unwrap();
        });
        gate.open();
        value_rx.recv().unwrap()
    });
    assert_eq!(value, 2);
}

#[test]
fn a_slow_done_callback_does_not_hold_back_new_threads() {
    let threads = without_deadlock(|| {
        let pool = ThreadPoolExecutor::new(4).unwrap();
        let (gate, callback_gate, later_gate) = (Gate::new(), Gate::new(), Gate::new());
        let first = occupy(&pool, &gate);
        let (in_callback_tx, in_callback_rx) = mpsc::channel();
        let held = callback_gate.clone();
        first.add_done_callback(move |_| {
            in_callback_tx.send(()).unwrap();
            held.wait();
        });
        gate.open();
        in_callback_rx.recv().unwrap();
        // The first worker is busy in the callback: three more tasks need three more threads.
        let later = submit_blocked(&pool, &later_gate, 3, 3);
        let threads = pool.threads_started();
        callback_gate.open();
        later_gate.open();
        for future in &later {
            future.result().unwrap();
        }
        threads
    });
    assert_eq!(threads, 4);
}

#[test]
fn three_blocking_tasks_start_three_threads_of_five() {
    // test_threads_terminate
    let pool = ThreadPoolExecutor::new(5).unwrap();
    let gate = Gate::new();
    let futures = submit_blocked(&pool, &gate, 3, 3);
    assert_eq!(pool.threads_started(), 3);
    gate.open();
    for future in &futures {
        future.result().unwrap();
    }
}

// B.1: submit.

#[test]
fn submit_returns_a_future_with_the_calls_value() {
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let future = pool.submit(|| 21 * 2).unwrap();
    assert_eq!(*future.result().unwrap(), 42);
}

#[test]
fn a_queued_future_is_pending_and_can_be_cancelled() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let gate = Gate::new();
    let busy = occupy(&pool, &gate);
    let ran = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&ran);
    let queued = pool
        .submit(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
    assert!(busy.running());
    assert!(!queued.running() && !queued.done());
    assert!(queued.cancel());
    gate.open();
    pool.shutdown(true, false);
    assert_eq!(ran.load(Ordering::SeqCst), 0, "a cancelled call never runs");
    assert!(matches!(queued.result(), Err(Error::Cancelled)));
}

#[test]
fn a_future_cancelled_in_the_queue_is_notified_when_a_worker_reaches_it() {
    // H: "A queued future cancelled by the user is reported by wait once the worker reaches it."
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let gate = Gate::new();
    let busy = occupy(&pool, &gate);
    let queued = pool.submit(|| ()).unwrap();
    assert!(queued.cancel());
    gate.open();
    let result = wait([&busy, &queued], None, ReturnWhen::AllCompleted);
    assert_eq!(result.done.len(), 2);
}

#[test]
fn submit_after_shutdown_is_refused_with_pythons_message() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    pool.shutdown(true, false);
    let error = pool.submit(|| ()).unwrap_err();
    assert!(matches!(error, Error::Shutdown));
    assert_eq!(
        error.to_string(),
        "cannot schedule new futures after shutdown"
    );
}

// C.4: shutdown.

#[test]
fn shutdown_twice_is_harmless() {
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let future = pool.submit(|| 1).unwrap();
    pool.shutdown(true, false);
    pool.shutdown(true, false);
    pool.shutdown(false, true);
    assert_eq!(*future.result().unwrap(), 1);
}

#[test]
fn shutdown_with_wait_runs_every_queued_call() {
    // test_hang_issue12364: everything queued before shutdown still runs.
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let gate = Gate::new();
    let mut futures = submit_blocked(&pool, &gate, 2, 2);
    let ran = Arc::new(AtomicUsize::new(0));
    for _ in 0..50 {
        let ran = Arc::clone(&ran);
        futures.push(
            pool.submit(move || {
                ran.fetch_add(1, Ordering::SeqCst);
            })
            .unwrap(),
        );
    }
    gate.open();
    pool.shutdown(true, false);
    assert_eq!(ran.load(Ordering::SeqCst), 50);
    assert!(futures.iter().all(|f| f.done() && f.result().is_ok()));
}

#[test]
fn shutdown_without_wait_returns_while_work_goes_on() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let gate = Gate::new();
    let busy = occupy(&pool, &gate);
    let queued = pool.submit(|| 7).unwrap();
    pool.shutdown(false, false); // returns although a task is blocked
    assert!(busy.running());
    assert!(pool.submit(|| 0).is_err());
    gate.open();
    assert_eq!(*queued.result().unwrap(), 7);
}

#[test]
fn shutdown_with_cancel_futures_cancels_the_queue_and_lets_running_calls_finish() {
    // test_cancel_futures
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let gate = Gate::new();
    let busy = occupy(&pool, &gate);
    let queued: Vec<_> = (0..5).map(|n| pool.submit(move || n).unwrap()).collect();
    // Shutdown drains in queue order; when it cancels the last one, let the running call end.
    let opener = gate.clone();
    queued[4].add_done_callback(move |_| opener.open());
    pool.shutdown(true, true);
    assert!(busy.done() && !busy.cancelled());
    assert!(queued.iter().all(Future::cancelled));
}

#[test]
fn futures_cancelled_by_shutdown_are_seen_by_wait_and_as_completed() {
    // Our fix for CPython gh-87893: the drained futures are notified, so nothing hangs.
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let gate = Gate::new();
    let busy = occupy(&pool, &gate);
    let queued: Vec<_> = (0..3).map(|_| pool.submit(|| ()).unwrap()).collect();
    pool.shutdown(false, true);
    let result = wait(&queued, None, ReturnWhen::AllCompleted);
    assert_eq!(result.done.len(), 3);
    assert_eq!(as_completed(&queued).count(), 3);
    gate.open();
    busy.result().unwrap();
}

#[test]
fn dropping_the_executor_waits_for_its_work() {
    // Leaving `with ThreadPoolExecutor() as e:` is shutdown(wait=True).
    let ran = Arc::new(AtomicUsize::new(0));
    let futures: Vec<_> = {
        let pool = ThreadPoolExecutor::new(3).unwrap();
        (0..20)
            .map(|_| {
                let ran = Arc::clone(&ran);
                pool.submit(move || ran.fetch_add(1, Ordering::SeqCst))
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(ran.load(Ordering::SeqCst), 20);
    assert!(futures.iter().all(Future::done));
}

#[test]
fn shutdown_from_inside_a_task_does_not_deadlock() {
    let pool = Arc::new(ThreadPoolExecutor::new(1).unwrap());
    let inner = Arc::clone(&pool);
    let future = pool.submit(move || inner.shutdown(true, false)).unwrap();
    future.result().unwrap();
    assert!(pool.submit(|| ()).is_err());
}

#[test]
fn a_shutdown_from_outside_still_waits_for_a_task_that_shut_down_first() {
    // Python's owner still joins the task's thread: the work is done when its shutdown returns.
    let pool = Arc::new(ThreadPoolExecutor::new(1).unwrap());
    let gate = Gate::new();
    let (shut_tx, shut_rx) = mpsc::channel();
    let (inner, held) = (Arc::clone(&pool), gate.clone());
    let task = pool
        .submit(move || {
            inner.shutdown(true, false);
            shut_tx.send(()).unwrap();
            held.wait();
        })
        .unwrap();
    shut_rx.recv().unwrap();
    let owner = {
        let (pool, task) = (Arc::clone(&pool), task.clone());
        thread::spawn(move || {
            pool.shutdown(true, false);
            task.done()
        })
    };
    gate.open();
    assert!(
        owner.join().unwrap(),
        "shutdown(wait) returned while the task was running"
    );
}

#[test]
fn a_task_and_its_owner_shutting_down_together_do_not_deadlock() {
    let finished = without_deadlock(|| {
        let pool = Arc::new(ThreadPoolExecutor::new(1).unwrap());
        let gate = Gate::new();
        let (inner, held) = (Arc::clone(&pool), gate.clone());
        let (started_tx, started_rx) = mpsc::channel();
        let task = pool
            .submit(move || {
                started_tx.send(()).unwrap();
                held.wait();
                inner.shutdown(true, false);
            })
            .unwrap();
        started_rx.recv().unwrap();
        let owner = {
            let pool = Arc::clone(&pool);
            thread::spawn(move || pool.shutdown(true, false))
        };
        gate.open();
        owner.join().unwrap();
        task.done()
    });
    assert!(finished);
}

#[test]
fn two_tasks_shutting_down_with_wait_do_not_wait_for_each_other() {
    // Python: each joins the workers started before its own, then raises at its own thread.
    let results = without_deadlock(|| {
        let pool = Arc::new(ThreadPoolExecutor::new(2).unwrap());
        let barrier = Arc::new(Barrier::new(2));
        let tasks: Vec<_> = (0..2)
            .map(|_| {
                let (inner, barrier) = (Arc::clone(&pool), Arc::clone(&barrier));
                pool.submit(move || {
                    barrier.wait(); // both running, on two workers
                    inner.shutdown(true, false);
                })
                .unwrap()
            })
            .collect();
        pool.shutdown(true, false);
        tasks.iter().map(Future::done).collect::<Vec<_>>()
    });
    assert_eq!(results, [true, true]);
}

#[test]
fn shutdown_with_wait_from_the_callback_of_a_future_it_cancels_does_not_deadlock() {
    let cancelled = without_deadlock(|| {
        let pool = Arc::new(ThreadPoolExecutor::new(1).unwrap());
        let gate = Gate::new();
        let _busy = occupy(&pool, &gate);
        let queued = pool.submit(|| ()).unwrap();
        let (inner, opener) = (Arc::clone(&pool), gate.clone());
        queued.add_done_callback(move |_| {
            opener.open();
            inner.shutdown(true, false);
        });
        pool.shutdown(true, true);
        queued.cancelled()
    });
    assert!(cancelled);
}

/// A value whose `Drop` panics, captured by a call that never runs.
struct PanicsWhenDropped;

impl Drop for PanicsWhenDropped {
    fn drop(&mut self) {
        panic!("a queued call's capture panicked as it was dropped");
    }
}

#[test]
fn a_capture_panicking_as_shutdown_drops_it_stops_nothing() {
    let (first, second) = without_deadlock(|| {
        let pool = ThreadPoolExecutor::new(1).unwrap();
        let gate = Gate::new();
        let _busy = occupy(&pool, &gate);
        let capture = PanicsWhenDropped;
        let first = pool.submit(move || drop(capture)).unwrap();
        let second = pool.submit(|| 42).unwrap();
        // Cancelling `first` runs its callback, which lets the busy task finish.
        first.add_done_callback(move |_| gate.open());
        pool.shutdown(true, true); // reports the panic, cancels both, joins the worker
        (first.cancelled(), second.cancelled())
    });
    assert_eq!((first, second), (true, true));
}

/// A capture whose `Drop` waits for another queued call's future: `shutdown(cancel_futures)`
/// cancels every queued call before it drops any call's captures, so that wait ends.
#[test]
fn a_capture_waiting_in_its_drop_for_another_cancelled_call_does_not_hang_shutdown() {
    struct WaitsWhenDropped(Arc<std::sync::OnceLock<Future<u32>>>);
    impl Drop for WaitsWhenDropped {
        fn drop(&mut self) {
            if let Some(other) = self.0.get() {
                let _ = other.result();
            }
        }
    }
    let cancelled = without_deadlock(|| {
        let pool = ThreadPoolExecutor::new(1).unwrap();
        let gate = Gate::new();
        let _busy = occupy(&pool, &gate);
        let later = Arc::new(std::sync::OnceLock::new());
        let capture = WaitsWhenDropped(Arc::clone(&later));
        let first = pool.submit(move || drop(capture)).unwrap();
        let second = pool.submit(|| 7_u32).unwrap();
        let _ = later.set(second.clone());
        pool.shutdown(false, true);
        gate.open();
        (first.cancelled(), second.cancelled())
    });
    assert_eq!(cancelled, (true, true));
}

#[test]
fn a_capture_panicking_as_a_worker_drops_a_cancelled_call_does_not_kill_the_worker() {
    let value = without_deadlock(|| {
        let pool = ThreadPoolExecutor::new(1).unwrap();
        let gate = Gate::new();
        let _busy = occupy(&pool, &gate);
        let capture = PanicsWhenDropped;
        let doomed = pool.submit(move || drop(capture)).unwrap();
        let later = pool.submit(|| 42).unwrap();
        assert!(doomed.cancel());
        gate.open();
        let value = *later.result().unwrap();
        assert_eq!(pool.threads_started(), 1);
        value
    });
    assert_eq!(value, 42);
}

/// A queued task completed by hand never runs; its call's captures are dropped by the thread
/// that completed it, once its callbacks have run, and a panic there is reported, not raised.
#[test]
fn a_queued_call_completed_by_hand_drops_its_captures_after_its_callbacks() {
    /// Notes, in `log`, which thread dropped it; then panics.
    struct NotesItsDrop(Arc<std::sync::Mutex<Vec<String>>>);
    impl Drop for NotesItsDrop {
        fn drop(&mut self) {
            let me = format!("dropped on {:?}", thread::current().id());
            self.0.lock().unwrap().push(me);
            panic!("a queued call's capture panicked as it was dropped");
        }
    }
    let log = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (outcome, worker_value, completer) = without_deadlock({
        let log = Arc::clone(&log);
        move || {
            let pool = ThreadPoolExecutor::new(1).unwrap();
            let gate = Gate::new();
            let _busy = occupy(&pool, &gate);
            let capture = NotesItsDrop(Arc::clone(&log));
            let queued = pool
                .submit(move || {
                    drop(capture);
                    1_u32
                })
                .unwrap();
            let noted = Arc::clone(&log);
            queued.add_done_callback(move |future| {
                let value = *future.result().unwrap();
                noted.lock().unwrap().push(format!("callback saw {value}"));
            });
            let outcome = queued.set_result(99).map_err(|error| error.to_string());
            gate.open();
            // The worker dequeues it, finds it finished, and goes on to the next task.
            let later = pool.submit(|| 5_u32).unwrap();
            let me = format!("dropped on {:?}", thread::current().id());
            (outcome, *later.result().unwrap(), me)
        }
    });
    assert_eq!(outcome, Ok(()));
    assert_eq!(worker_value, 5);
    assert_eq!(
        *log.lock().unwrap(),
        ["callback saw 99".to_string(), completer]
    );
}

/// The same for `set_running_or_notify_cancel` on a queued task: it is running by hand now,
/// and the worker leaves it alone.
#[test]
fn a_queued_call_started_by_hand_is_not_run_by_the_worker() {
    let (started, state, value) = without_deadlock(|| {
        let pool = ThreadPoolExecutor::new(1).unwrap();
        let gate = Gate::new();
        let _busy = occupy(&pool, &gate);
        let ran = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        let queued = pool
            .submit(move || flag.store(true, std::sync::atomic::Ordering::SeqCst))
            .unwrap();
        let started = queued.set_running_or_notify_cancel().unwrap();
        gate.open();
        let later = pool.submit(|| 3_u32).unwrap();
        let value = *later.result().unwrap();
        let state = (
            queued.running(),
            ran.load(std::sync::atomic::Ordering::SeqCst),
        );
        queued.set_result(()).unwrap();
        (started, state, value)
    });
    assert!(started);
    assert_eq!(state, (true, false));
    assert_eq!(value, 3);
}

#[test]
fn concurrent_shutdowns_with_wait_both_wait_for_the_work() {
    let pool = Arc::new(ThreadPoolExecutor::new(1).unwrap());
    let gate = Gate::new();
    let busy = occupy(&pool, &gate);
    let barrier = Arc::new(Barrier::new(3));
    let waiters: Vec<_> = (0..2)
        .map(|_| {
            let pool = Arc::clone(&pool);
            let barrier = Arc::clone(&barrier);
            let busy = busy.clone();
            thread::spawn(move || {
                barrier.wait();
                pool.shutdown(true, false);
                busy.done()
            })
        })
        .collect();
    barrier.wait();
    gate.open();
    for waiter in waiters {
        assert!(
            waiter.join().unwrap(),
            "shutdown(wait) returned before the work was done"
        );
    }
}

// C.5: a failing initializer breaks the pool.

#[test]
fn the_initializer_runs_once_in_each_worker() {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    let pool = ThreadPoolExecutor::builder()
        .max_workers(3)
        .initializer(move || {
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .unwrap();
    let gate = Gate::new();
    let futures = submit_blocked(&pool, &gate, 3, 3);
    gate.open();
    for future in &futures {
        future.result().unwrap();
    }
    for _ in 0..10 {
        pool.submit(|| ()).unwrap().result().unwrap();
    }
    drop(pool);
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

#[test]
fn a_failing_initializer_fails_queued_futures_and_refuses_new_ones() {
    // test_init and BrokenThreadPool's message.
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = Mutex::new(release_rx);
    let pool = ThreadPoolExecutor::builder()
        .max_workers(1)
        .initializer(move || {
            release_rx.lock().unwrap().recv().unwrap();
            panic!("error in initializer");
        })
        .build()
        .unwrap();
    let queued: Vec<_> = (0..3).map(|n| pool.submit(move || n).unwrap()).collect();
    release_tx.send(()).unwrap();
    for future in &queued {
        let error = future.result().unwrap_err();
        assert!(matches!(error, Error::BrokenThreadPool));
        assert_eq!(
            error.to_string(),
            "A thread initializer failed, the thread pool is not usable anymore"
        );
    }
    assert!(matches!(pool.submit(|| 0), Err(Error::BrokenThreadPool)));
}

#[test]
fn a_broken_pool_notifies_cancelled_queued_futures_instead_of_failing_them() {
    // Our fix: CPython's drain stops at a cancelled future and leaves the rest pending.
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = Mutex::new(release_rx);
    let pool = ThreadPoolExecutor::builder()
        .max_workers(1)
        .initializer(move || {
            release_rx.lock().unwrap().recv().unwrap();
            panic!("error in initializer");
        })
        .build()
        .unwrap();
    let first = pool.submit(|| 1).unwrap();
    let cancelled = pool.submit(|| 2).unwrap();
    let last = pool.submit(|| 3).unwrap();
    assert!(cancelled.cancel());
    release_tx.send(()).unwrap();
    let result = wait([&first, &cancelled, &last], None, ReturnWhen::AllCompleted);
    assert_eq!(result.done.len(), 3);
    assert!(matches!(first.result(), Err(Error::BrokenThreadPool)));
    assert!(matches!(cancelled.result(), Err(Error::Cancelled)));
    assert!(matches!(last.result(), Err(Error::BrokenThreadPool)));
}

// A.3 and decision 8: a task's panic is its exception.

#[test]
fn a_panicking_task_gives_its_panic_to_result_and_the_worker_survives() {
    let pool = ThreadPoolExecutor::builder()
        .max_workers(1)
        .thread_name_prefix("P")
        .build()
        .unwrap();
    let failing = pool
        .submit(|| -> i32 { panic!("HTTP 418 - I'm a teapot") })
        .unwrap();
    match failing.result() {
        Err(Error::Panic(panic)) => {
            assert_eq!(panic.message(), "HTTP 418 - I'm a teapot");
            assert_eq!(panic.thread(), Some("P_0"));
            assert!(
                panic
                    .location()
                    .unwrap()
                    .contains("c_thread_pool_executor.rs")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(*pool.submit(|| 5).unwrap().result().unwrap(), 5);
    assert_eq!(pool.threads_started(), 1);
}

/// A panic payload whose `Drop` panics in turn, as a hostile task might throw one.
struct PayloadPanicsWhenDropped;

impl Drop for PayloadPanicsWhenDropped {
    fn drop(&mut self) {
        panic!("the payload panicked as it was dropped");
    }
}

#[test]
fn a_panic_payload_that_panics_as_it_drops_still_completes_the_future() {
    let (message, later, finished_events) = without_deadlock(|| {
        let events = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&events);
        let pool = ThreadPoolExecutor::builder()
            .max_workers(1)
            .on_event(move |event| log.lock().unwrap().push(event.kind))
            .build()
            .unwrap();
        let failing = pool
            .submit(|| -> i32 { std::panic::panic_any(PayloadPanicsWhenDropped) })
            .unwrap();
        let (tx, rx) = mpsc::channel();
        failing.add_done_callback(move |f| tx.send(f.done()).unwrap());
        let message = match failing.result() {
            Err(Error::Panic(panic)) => panic.message().to_owned(),
            other => panic!("{other:?}"),
        };
        assert!(rx.recv().unwrap(), "the done-callback ran");
        // The same worker is alive and takes the next task.
        let later = *pool.submit(|| 7).unwrap().result().unwrap();
        assert_eq!(pool.threads_started(), 1);
        drop(pool);
        let finished = (events.lock().unwrap().iter())
            .filter(|kind| matches!(kind, EventKind::Finished { raised: true }))
            .count();
        (message, later, finished)
    });
    assert!(message.starts_with("Box<dyn Any> holding"), "{message}");
    assert_eq!((later, finished_events), (7, 1));
}

#[test]
fn a_non_string_panic_payload_says_what_it_held() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let future = pool
        .submit(|| -> () { std::panic::panic_any(404_u16) })
        .unwrap();
    assert_eq!(
        future.exception().unwrap().unwrap().to_string(),
        "Box<dyn Any> holding u16: 404"
    );
}

#[test]
fn an_initializer_whose_panic_payload_panics_as_it_drops_still_breaks_the_pool() {
    let outcome = without_deadlock(|| {
        let pool = ThreadPoolExecutor::builder()
            .max_workers(1)
            .initializer(|| std::panic::panic_any(PayloadPanicsWhenDropped))
            .build()
            .unwrap();
        pool.submit(|| 1).and_then(|f| f.result().copied())
    });
    assert!(
        matches!(outcome, Err(Error::BrokenThreadPool)),
        "{outcome:?}"
    );
}

#[test]
fn a_formatted_panic_message_is_kept_whole() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let cc = "BR";
    let future = pool
        .submit(move || -> () { panic!("{cc} failed with {}", 404) })
        .unwrap();
    assert_eq!(
        future.exception().unwrap().unwrap().to_string(),
        "BR failed with 404"
    );
}

#[test]
fn a_task_returning_result_keeps_its_error_as_its_value() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let future = pool.submit(|| "x".parse::<i32>()).unwrap();
    assert!(matches!(future.result(), Ok(Err(_))));
    assert!(future.exception().unwrap().is_none());
}

/// Runs this test binary again as a child that executes only `test`, returning its stderr.
fn stderr_of_child(test: &str) -> String {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env("EXECUTOR_TEST_CHILD", "1")
        .output()
        .unwrap();
    assert!(output.status.success(), "child test failed: {output:?}");
    String::from_utf8(output.stderr).unwrap()
}

/// Recursion that needs far more than a thread's default 2 MiB of stack.
fn deep(n: u64) -> u64 {
    let frame = [n; 64];
    if n == 0 {
        0
    } else {
        1 + deep(std::hint::black_box(frame)[0] - 1)
    }
}

#[test]
fn child_a_task_overflows_its_stack() {
    // Only as a child of `a_stack_overflow_aborts_the_process`: it ends the process.
    if std::env::var_os("EXECUTOR_TEST_CHILD").is_none() {
        return;
    }
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let _ = pool.submit(|| deep(40_000)).unwrap().result();
}

#[test]
fn a_stack_overflow_aborts_the_process_and_a_bigger_stack_avoids_it() {
    if std::env::var_os("EXECUTOR_TEST_CHILD").is_some() {
        return;
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["child_a_task_overflows_its_stack", "--exact", "--nocapture"])
        .env("EXECUTOR_TEST_CHILD", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{output:?}");
    assert!(stderr.contains("has overflowed its stack"), "{stderr}");

    let pool = ThreadPoolExecutor::builder()
        .stack_size(256 * 1024 * 1024)
        .build()
        .unwrap();
    assert_eq!(
        *pool.submit(|| deep(40_000)).unwrap().result().unwrap(),
        40_000
    );
}

#[test]
fn child_a_task_panics() {
    // Run as a child by `a_caught_task_panic_prints_nothing`; alone it just checks the panic.
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let future = pool.submit(|| -> () { panic!("quiet please") }).unwrap();
    assert!(future.result().is_err());
}

#[test]
fn a_caught_task_panic_prints_nothing() {
    // Python prints nothing when a task raises; neither do we (see exception.rs).
    if std::env::var_os("EXECUTOR_TEST_CHILD").is_some() {
        return;
    }
    let stderr = stderr_of_child("child_a_task_panics");
    assert!(!stderr.contains("quiet please"), "stderr was: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr was: {stderr}");
}

// The event hook.

#[test]
fn the_event_hook_sees_each_task_submitted_started_and_finished_in_order() {
    let events = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&events);
    let pool = ThreadPoolExecutor::builder()
        .max_workers(2)
        .thread_name_prefix("E")
        .on_event(move |event| {
            log.lock().unwrap().push((
                event.task,
                event.kind,
                event.worker.map(str::to_owned),
                event.at,
            ));
        })
        .build()
        .unwrap();
    let ok = pool.submit(|| 1).unwrap();
    let failing = pool.submit(|| -> i32 { panic!("no") }).unwrap();
    ok.result().unwrap();
    failing.result().unwrap_err();
    pool.shutdown(true, false);
    let events = events.lock().unwrap();
    for task in [0, 1] {
        // A wait in `result()` is reported too, as `Waited`; this test is about the task's life.
        let mine: Vec<_> = (events.iter())
            .filter(|e| e.0 == task && !matches!(e.1, EventKind::Waited { .. }))
            .collect();
        assert_eq!(mine.len(), 3, "{mine:?}");
        assert_eq!(mine[0].1, EventKind::Submitted);
        assert_eq!(mine[0].2, None);
        assert_eq!(mine[1].1, EventKind::Started);
        assert!(mine[1].2.as_deref().unwrap().starts_with("E_"));
        assert_eq!(mine[2].1, EventKind::Finished { raised: task == 1 });
        assert_eq!(mine[1].2, mine[2].2, "started and finished on one worker");
        assert!(mine[0].3 <= mine[1].3 && mine[1].3 <= mine[2].3);
    }
}

#[test]
fn the_event_hook_reports_cancelled_tasks() {
    let events = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&events);
    let pool = ThreadPoolExecutor::builder()
        .max_workers(1)
        .on_event(move |event| log.lock().unwrap().push((event.task, event.kind)))
        .build()
        .unwrap();
    let gate = Gate::new();
    let busy = occupy(&pool, &gate);
    let by_user = pool.submit(|| ()).unwrap();
    let by_shutdown = pool.submit(|| ()).unwrap();
    by_user.cancel();
    let opener = gate.clone();
    by_shutdown.add_done_callback(move |_| opener.open());
    pool.shutdown(true, true);
    busy.result().unwrap();
    let events = events.lock().unwrap();
    // Task 1 was cancelled by the user while queued, task 2 by shutdown's drain.
    assert!(events.contains(&(1, EventKind::Cancelled)), "{events:?}");
    assert!(events.contains(&(2, EventKind::Cancelled)), "{events:?}");
    assert!(!events.contains(&(1, EventKind::Started)), "{events:?}");
    assert!(!events.contains(&(2, EventKind::Started)), "{events:?}");
}

// Debug.

#[test]
fn the_executors_debug_shows_name_workers_queue_and_running() {
    let pool = ThreadPoolExecutor::builder()
        .max_workers(1)
        .thread_name_prefix("dbg")
        .build()
        .unwrap();
    let gate = Gate::new();
    let busy = occupy(&pool, &gate);
    let queued = pool.submit(|| ()).unwrap();
    let text = format!("{pool:?}");
    for field in [
        "name: \"dbg\"",
        "max_workers: 1",
        "threads: 1",
        "queued: 1",
        "running: 1",
        "shutdown: false",
    ] {
        assert!(text.contains(field), "{field} missing from {text}");
    }
    gate.open();
    busy.result().unwrap();
    queued.result().unwrap();
}

#[test]
fn an_executor_can_be_shared_between_threads() {
    let pool = ThreadPoolExecutor::new(4).unwrap();
    let total: i32 = thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let pool = &pool;
                scope.spawn(move || {
                    (0..100)
                        .map(|n| pool.submit(move || t * 100 + n).unwrap())
                        .map(|f| *f.result().unwrap())
                        .sum::<i32>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert_eq!(total, (0..400).sum());
}
