//! Section B.2 of the reference: `Executor.map` — ordered results, eager or buffered
//! submission, the first failure, the timeout, and dropping the iterator.

use executor::{Error, MapOptions, ThreadPoolExecutor};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// An input iterator that counts how many items were pulled from it.
struct Counting {
    next: u64,
    end: u64,
    pulled: Arc<AtomicUsize>,
}

impl Iterator for Counting {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        if self.next == self.end {
            return None;
        }
        self.pulled.fetch_add(1, Ordering::SeqCst);
        self.next += 1;
        Some(self.next - 1)
    }
}

fn counting(end: u64) -> (Counting, Arc<AtomicUsize>) {
    let pulled = Arc::new(AtomicUsize::new(0));
    let input = Counting {
        next: 0,
        end,
        pulled: Arc::clone(&pulled),
    };
    (input, pulled)
}

#[test]
fn map_abs_gives_pythons_list() {
    // test_context_manager_shutdown: list(e.map(abs, range(-5, 5)))
    let pool = ThreadPoolExecutor::new(5).unwrap();
    let results: Vec<i32> = pool
        .map(i32::abs, -5..5)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(results, [5, 4, 3, 2, 1, 0, 1, 2, 3, 4]);
}

#[test]
fn map_over_nothing_yields_nothing() {
    // list(ex.map(int)) == []
    let pool = ThreadPoolExecutor::new(1).unwrap();
    assert_eq!(pool.map(|n: i32| n, Vec::new()).unwrap().count(), 0);
}

#[test]
fn results_come_back_in_input_order_even_when_calls_finish_out_of_order() {
    // Item 0 is released last; its result still comes first.
    let pool = ThreadPoolExecutor::new(3).unwrap();
    let (finished_tx, finished_rx) = mpsc::channel();
    let gates: Vec<_> = (0..3).map(|_| mpsc::channel::<()>()).collect();
    let (senders, receivers): (Vec<_>, Vec<_>) = gates.into_iter().unzip();
    let receivers: Vec<_> = receivers.into_iter().map(Mutex::new).collect();
    let receivers = Arc::new(receivers);
    let results = pool
        .map(
            move |i: usize| {
                receivers[i].lock().unwrap().recv().unwrap();
                finished_tx.send(i).unwrap();
                i * 10
            },
            0..3,
        )
        .unwrap();
    for i in [2, 1, 0] {
        senders[i].send(()).unwrap();
        assert_eq!(finished_rx.recv().unwrap(), i);
    }
    let results: Vec<usize> = results.map(Result::unwrap).collect();
    assert_eq!(results, [0, 10, 20]);
}

#[test]
fn map_submits_every_item_before_it_returns() {
    // test_map_submits_without_iteration
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let (input, pulled) = counting(100);
    let ran = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&ran);
    let results = pool
        .map(
            move |n| {
                counter.fetch_add(1, Ordering::SeqCst);
                n
            },
            input,
        )
        .unwrap();
    assert_eq!(pulled.load(Ordering::SeqCst), 100);
    std::mem::forget(results); // never iterated, never dropped: nothing is cancelled
    pool.shutdown(true, false);
    assert_eq!(ran.load(Ordering::SeqCst), 100);
}

#[test]
fn map_after_shutdown_is_refused_at_the_call() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    pool.shutdown(true, false);
    let error = pool.map(|n: i32| n, [1]).unwrap_err();
    assert!(matches!(error, Error::Shutdown));
    // With no item there is nothing to submit, so nothing to refuse.
    assert_eq!(pool.map(|n: i32| n, []).unwrap().count(), 0);
}

#[test]
fn the_first_failure_is_yielded_then_the_rest_are_cancelled_and_iteration_ends() {
    // map(divmod, [5,5,5,5], [2,0,3,5]): (2,1), ZeroDivisionError, then exhausted.
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = Arc::new(Mutex::new(release_rx));
    let ran = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&ran);
    let mut results = pool
        .map(
            move |(a, b): (i32, i32)| {
                release_rx.lock().unwrap().recv().unwrap();
                log.lock().unwrap().push(b);
                (a / b, a % b)
            },
            [(5, 2), (5, 0), (5, 3), (5, 5)],
        )
        .unwrap();
    release_tx.send(()).unwrap();
    assert_eq!(results.next().unwrap().unwrap(), (2, 1));
    release_tx.send(()).unwrap();
    match results.next().unwrap() {
        Err(Error::Panic(panic)) => assert!(panic.message().contains("divide by zero")),
        other => panic!("{other:?}"),
    }
    assert!(results.next().is_none());
    assert!(results.next().is_none());
    drop(release_tx); // a call that still started would fail its recv and panic, not hang
    pool.shutdown(true, false);
    // With one worker, items 3 and 4 were still queued when the failure came: cancelled.
    assert_eq!(*ran.lock().unwrap(), [2, 0]);
}

#[test]
fn keep_going_yields_the_failure_and_goes_on() {
    // CPython main (gh-108518): (2,1), (1,2), ZeroDivisionError, (1,0).
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let results: Vec<Result<(i32, i32), Error>> = pool
        .map_with(
            |(a, b): (i32, i32)| (a / b, a % b),
            [(5, 2), (5, 3), (5, 0), (5, 5)],
            MapOptions::new().keep_going(true),
        )
        .unwrap()
        .collect();
    assert_eq!(results.len(), 4);
    assert_eq!(*results[0].as_ref().unwrap(), (2, 1));
    assert_eq!(*results[1].as_ref().unwrap(), (1, 2));
    assert!(matches!(results[2], Err(Error::Panic(_))));
    assert_eq!(*results[3].as_ref().unwrap(), (1, 0));
}

#[test]
fn a_map_that_fails_partway_through_submitting_leaves_the_submitted_calls_to_run() {
    // Python: the exception leaves `[submit(fn, x) for x in xs]`; the calls submitted run.
    let pool = Arc::new(ThreadPoolExecutor::new(1).unwrap());
    let (ran_tx, ran_rx) = mpsc::channel();
    let stopper = Arc::clone(&pool);
    let items = (0..5).inspect(move |&n| {
        if n == 2 {
            stopper.shutdown(false, false);
        }
    });
    let error = pool
        .map(move |n: u32| ran_tx.send(n).unwrap(), items)
        .expect_err("map after shutdown must fail");
    assert!(matches!(error, Error::Shutdown));
    drop(Arc::into_inner(pool).expect("the only handle left")); // joins the worker
    assert_eq!(ran_rx.iter().collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn a_map_timeout_too_long_for_the_clock_means_no_timeout() {
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let options = MapOptions::new().timeout(Duration::MAX);
    let results = pool.map_with(|n: u32| n + 1, 0..3, options).unwrap();
    assert_eq!(results.map(Result::unwrap).collect::<Vec<_>>(), [1, 2, 3]);
}

#[test]
fn a_finished_result_is_returned_even_after_the_deadline() {
    // map(sleep, [0, 0.3, 0], timeout=0.1): None, then TimeoutError, then exhausted.
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = Arc::new(Mutex::new(release_rx));
    let (done_tx, done_rx) = mpsc::channel();
    let mut results = pool
        .map_with(
            move |i: u32| {
                if i == 1 {
                    // Held until the test has seen the timeout.
                    let _ = release_rx.lock().unwrap().recv();
                } else {
                    done_tx.send(i).unwrap();
                }
                i
            },
            0..3,
            MapOptions::new().timeout(Duration::from_millis(20)),
        )
        .unwrap();
    assert_eq!(done_rx.recv().unwrap(), 0);
    // Item 0 is finished. Let the deadline pass (time passing, not synchronisation).
    std::thread::sleep(Duration::from_millis(30));
    assert!(
        results.next().unwrap().is_ok(),
        "a finished result comes back whatever the clock says"
    );
    let error = results.next().unwrap().unwrap_err();
    assert!(matches!(error, Error::Timeout { unfinished: None }));
    assert!(results.next().is_none());
    release_tx.send(()).unwrap();
}

#[test]
fn the_map_deadline_counts_from_the_call() {
    // map(sleep, [0.3], timeout=0.2) with 0.25 s of caller delay raises TimeoutError.
    let timeout = Duration::from_secs(1);
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = Arc::new(Mutex::new(release_rx));
    let mut results = pool
        .map_with(
            move |i: u32| {
                let _ = release_rx.lock().unwrap().recv();
                i
            },
            [0],
            MapOptions::new().timeout(timeout),
        )
        .unwrap();
    // Outlive the deadline before the first next() (time passing, not synchronisation).
    std::thread::sleep(timeout + Duration::from_millis(100));
    let before = std::time::Instant::now();
    assert!(results.next().unwrap().unwrap_err().is_timeout());
    // A deadline counted from next() would have waited the whole second again.
    assert!(before.elapsed() < timeout, "next() waited a fresh timeout");
    let _ = release_tx.send(());
}

#[test]
fn a_zero_buffersize_is_a_value_error() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let error = pool
        .map_with(|n: i32| n, [1], MapOptions::new().buffersize(0))
        .unwrap_err();
    assert!(matches!(error, Error::InvalidBuffersize));
    assert_eq!(error.to_string(), "buffersize must be None or > 0");
}

#[test]
fn buffersize_pulls_only_that_many_items_at_the_call_then_one_per_next() {
    // test_map_buffersize_when_buffer_is_full
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let (input, pulled) = counting(10);
    let mut results = pool
        .map_with(|n| n * 2, input, MapOptions::new().buffersize(2))
        .unwrap();
    assert_eq!(pulled.load(Ordering::SeqCst), 2);
    assert_eq!(results.next().unwrap().unwrap(), 0);
    assert_eq!(pulled.load(Ordering::SeqCst), 3);
    assert_eq!(results.next().unwrap().unwrap(), 2);
    assert_eq!(pulled.load(Ordering::SeqCst), 4);
    let rest: Vec<u64> = results.map(Result::unwrap).collect();
    assert_eq!(rest, [4, 6, 8, 10, 12, 14, 16, 18]);
    assert_eq!(pulled.load(Ordering::SeqCst), 10);
}

#[test]
fn buffersize_works_on_an_endless_input() {
    // test_map_buffersize_on_infinite_iterable
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let first: Vec<u64> = pool
        .map_with(|n: u64| n + 1, 0.., MapOptions::new().buffersize(3))
        .unwrap()
        .take(100)
        .map(Result::unwrap)
        .collect();
    assert_eq!(first, (1..=100).collect::<Vec<_>>());
}

#[test]
fn a_buffered_map_refill_after_shutdown_yields_the_shutdown_error() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let mut results = pool
        .map_with(|n: u32| n, 0..5, MapOptions::new().buffersize(1))
        .unwrap();
    pool.shutdown(true, false);
    assert!(matches!(results.next().unwrap(), Err(Error::Shutdown)));
    assert!(results.next().is_none());
}

#[test]
fn dropping_an_unstarted_map_cancels_its_queued_calls() {
    // CPython cancels nothing if the generator never started; we always do (decision 4).
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let (started_tx, started_rx) = mpsc::channel();
    let release_rx = Arc::new(Mutex::new(release_rx));
    let ran = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&ran);
    let results = pool
        .map(
            move |i: u32| {
                if i == 0 {
                    started_tx.send(()).unwrap();
                    release_rx.lock().unwrap().recv().unwrap();
                }
                counter.fetch_add(1, Ordering::SeqCst);
            },
            0..5,
        )
        .unwrap();
    started_rx.recv().unwrap();
    drop(results);
    release_tx.send(()).unwrap();
    pool.shutdown(true, false);
    assert_eq!(
        ran.load(Ordering::SeqCst),
        1,
        "only the running call finished"
    );
}

#[test]
fn dropping_a_started_map_cancels_what_it_has_not_yielded() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = Arc::new(Mutex::new(release_rx));
    let ran = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&ran);
    let mut results = pool
        .map(
            move |i: u32| {
                if i == 1 {
                    release_rx.lock().unwrap().recv().unwrap();
                }
                counter.fetch_add(1, Ordering::SeqCst);
                i
            },
            0..6,
        )
        .unwrap();
    assert_eq!(results.next().unwrap().unwrap(), 0);
    // Item 1 is running (blocked) or about to; items 2.. are queued.
    drop(results);
    // Item 1 may have been cancelled before it started, and its receiver dropped with it.
    let _ = release_tx.send(());
    pool.shutdown(true, false);
    assert!(
        ran.load(Ordering::SeqCst) <= 2,
        "queued calls were cancelled"
    );
}

#[test]
fn results_are_moved_out_not_cloned() {
    struct NotClone(String);
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let names: Vec<String> = pool
        .map(|cc: &str| NotClone(cc.to_lowercase()), ["BR", "CN"])
        .unwrap()
        .map(|r| r.unwrap().0)
        .collect();
    assert_eq!(names, ["br", "cn"]);
}

#[test]
fn map_shows_how_many_results_it_has_not_yet_yielded() {
    let pool = ThreadPoolExecutor::new(1).unwrap();
    let mut results = pool.map(|n: u32| n, 0..3).unwrap();
    assert_eq!(
        results.to_string(),
        "<executor::Map: 3 results not yet yielded>"
    );
    assert_eq!(results.next().unwrap().unwrap(), 0);
    // Whether the other two calls are done by now or not, they are still to be yielded.
    assert_eq!(
        results.to_string(),
        "<executor::Map: 2 results not yet yielded>"
    );
}
