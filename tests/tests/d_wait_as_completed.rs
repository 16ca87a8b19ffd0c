//! Section D of the reference: `wait` in each mode and `as_completed`, with bare futures
//! completed by hand so the order of events is the test's own.

use executor::{
    ALL_COMPLETED, Error, FIRST_COMPLETED, FIRST_EXCEPTION, Future, Panic, ThreadPoolExecutor,
    as_completed, as_completed_timeout, wait,
};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;
use tests::{cancelled_and_notified, finished, raised};

// D.2: wait.

#[test]
fn wait_on_nothing_returns_two_empty_sets() {
    let result = wait(Vec::<Future<i32>>::new(), None, ALL_COMPLETED);
    assert!(result.done.is_empty() && result.not_done.is_empty());
}

#[test]
fn wait_all_completed_returns_at_once_when_everything_is_done() {
    let futures = [finished(1), raised("boom"), cancelled_and_notified()];
    let result = wait(&futures, None, ALL_COMPLETED);
    assert_eq!(result.done.len(), 3);
    assert!(result.not_done.is_empty());
}

#[test]
fn wait_first_completed_returns_at_once_with_a_done_future() {
    let done = finished(1);
    let pending: Future<i32> = Future::new();
    let result = wait([&done, &pending], None, FIRST_COMPLETED);
    assert!(result.done.contains(&done));
    assert!(result.not_done.contains(&pending));
}

#[test]
fn wait_first_completed_wakes_when_one_finishes() {
    let a: Future<i32> = Future::new();
    let b: Future<i32> = Future::new();
    let waiter = {
        let (a, b) = (a.clone(), b.clone());
        thread::spawn(move || wait([&a, &b], None, FIRST_COMPLETED))
    };
    b.set_result(2).unwrap();
    let result = waiter.join().unwrap();
    assert!(result.done.contains(&b));
    assert!(result.not_done.contains(&a) || result.done.contains(&a));
    assert_eq!(result.done.len() + result.not_done.len(), 2);
}

#[test]
fn wait_first_exception_returns_at_once_when_a_done_future_raised() {
    let failed = raised("boom");
    let pending: Future<i32> = Future::new();
    let result = wait([&failed, &pending], None, FIRST_EXCEPTION);
    assert!(result.done.contains(&failed));
    assert!(result.not_done.contains(&pending));
}

#[test]
fn wait_first_exception_wakes_on_the_first_raise_not_on_a_result() {
    let ok: Future<i32> = Future::new();
    let failing: Future<i32> = Future::new();
    let pending: Future<i32> = Future::new();
    let (ready_tx, ready_rx) = mpsc::channel();
    let waiter = {
        let futures = [ok.clone(), failing.clone(), pending.clone()];
        thread::spawn(move || {
            ready_tx.send(()).unwrap();
            wait(&futures, None, FIRST_EXCEPTION)
        })
    };
    ready_rx.recv().unwrap();
    ok.set_result(1).unwrap();
    failing
        .set_exception(Error::Panic(Panic::new("x")))
        .unwrap();
    let result = waiter.join().unwrap();
    assert!(result.done.contains(&failing));
    assert!(result.not_done.contains(&pending));
}

#[test]
fn wait_first_exception_is_not_triggered_by_a_cancellation() {
    // add_cancelled only counts down, it never ends a FIRST_EXCEPTION wait.
    let cancelled = cancelled_and_notified();
    let pending: Future<i32> = Future::new();
    let result = wait(
        [&cancelled, &pending],
        Some(Duration::from_millis(10)),
        FIRST_EXCEPTION,
    );
    assert!(result.done.contains(&cancelled));
    assert!(result.not_done.contains(&pending));
}

#[test]
fn wait_first_exception_without_exceptions_waits_for_all() {
    let a: Future<i32> = Future::new();
    let b: Future<i32> = Future::new();
    let waiter = {
        let (a, b) = (a.clone(), b.clone());
        thread::spawn(move || wait([&a, &b], None, FIRST_EXCEPTION))
    };
    a.set_result(1).unwrap();
    b.set_result(2).unwrap();
    let result = waiter.join().unwrap();
    assert_eq!(result.done.len(), 2);
}

#[test]
fn wait_and_as_completed_read_a_timeout_too_long_for_the_clock_as_none() {
    let done = finished(1);
    let result = wait([&done], Some(Duration::MAX), ALL_COMPLETED);
    assert!(result.done.contains(&done) && result.not_done.is_empty());
    let yielded: Vec<_> = as_completed_timeout([&done], Duration::MAX)
        .map(Result::unwrap)
        .collect();
    assert_eq!(yielded, [done]);
}

#[test]
fn wait_with_a_zero_timeout_only_looks() {
    let done = finished(1);
    let pending: Future<i32> = Future::new();
    let result = wait([&done, &pending], Some(Duration::ZERO), ALL_COMPLETED);
    assert!(result.done.contains(&done));
    assert!(result.not_done.contains(&pending));
}

#[test]
fn wait_with_a_timeout_returns_the_unfinished_as_not_done() {
    let pending: Future<i32> = Future::new();
    let result = wait([&pending], Some(Duration::from_millis(10)), ALL_COMPLETED);
    assert!(result.done.is_empty());
    assert!(result.not_done.contains(&pending));
}

#[test]
fn wait_counts_duplicates_once() {
    // test_20369
    let future = finished(1);
    let result = wait([&future, &future, &future], None, ALL_COMPLETED);
    assert_eq!(result.done.len(), 1);
}

#[test]
fn wait_does_not_count_a_cancelled_but_unnotified_future_as_done() {
    // Quirk A.1-Q: cancel() alone does not tell waiters.
    let cancelled: Future<i32> = Future::new();
    cancelled.cancel();
    let result = wait([&cancelled], Some(Duration::from_millis(10)), ALL_COMPLETED);
    assert!(result.not_done.contains(&cancelled));
}

#[test]
fn wait_wakes_when_a_cancelled_future_is_notified() {
    let cancelled: Future<i32> = Future::new();
    cancelled.cancel();
    let waiter = {
        let cancelled = cancelled.clone();
        thread::spawn(move || wait([&cancelled], None, ALL_COMPLETED))
    };
    assert!(!cancelled.set_running_or_notify_cancel().unwrap());
    assert_eq!(waiter.join().unwrap().done.len(), 1);
}

#[test]
fn wait_all_completed_on_pool_futures() {
    let pool = ThreadPoolExecutor::new(4).unwrap();
    let futures: Vec<_> = (0..50).map(|n| pool.submit(move || n).unwrap()).collect();
    let result = wait(&futures, None, ALL_COMPLETED);
    assert_eq!(result.done.len(), 50);
    assert!(futures.iter().all(Future::done));
}

// D.3: as_completed.

#[test]
fn as_completed_on_nothing_yields_nothing() {
    assert_eq!(as_completed(Vec::<Future<i32>>::new()).count(), 0);
}

#[test]
fn as_completed_yields_finished_futures_first_in_input_order() {
    let futures: Vec<_> = (0..5).map(finished).collect();
    let order: Vec<i32> = as_completed(&futures)
        .map(|f| *f.result().unwrap())
        .collect();
    assert_eq!(order, [0, 1, 2, 3, 4]);
}

#[test]
fn as_completed_yields_the_rest_in_completion_order() {
    // Sleeps of 0.3, 0.1, 0.2 give indices 1, 2, 0; here the test completes them in that order.
    let futures: Vec<Future<i32>> = (0..3).map(|_| Future::new()).collect();
    let mut completed = as_completed(&futures);
    for index in [1, 2, 0] {
        futures[index].set_result(index as i32).unwrap();
        assert_eq!(completed.next().unwrap(), futures[index]);
    }
    assert!(completed.next().is_none());
}

#[test]
fn as_completed_yields_a_duplicate_once() {
    // test_duplicate_futures: itertools.repeat(f, 3) yields one item.
    let future = finished(1);
    assert_eq!(as_completed(std::iter::repeat_n(&future, 3)).count(), 1);
}

#[test]
fn as_completed_yields_a_future_notified_as_cancelled() {
    let cancelled: Future<i32> = Future::new();
    let mut completed = as_completed([&cancelled]);
    cancelled.cancel();
    cancelled.set_running_or_notify_cancel().unwrap();
    let future = completed.next().unwrap();
    assert!(future.cancelled());
}

#[test]
fn as_completed_waits_for_a_cancelled_but_unnotified_future() {
    // '1 (of 1) futures unfinished' after cancel() alone.
    let cancelled: Future<i32> = Future::new();
    cancelled.cancel();
    let mut completed = as_completed_timeout([&cancelled], Duration::from_millis(10));
    let error = completed.next().unwrap().unwrap_err();
    assert_eq!(error.to_string(), "1 (of 1) futures unfinished");
}

#[test]
fn as_completed_timeout_reports_unfinished_of_total_then_ends() {
    let futures = [finished(1), finished(2), Future::new(), Future::new()];
    let items: Vec<_> = as_completed_timeout(&futures, Duration::from_millis(10)).collect();
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    let error = items[2].as_ref().unwrap_err();
    assert!(matches!(
        error,
        Error::Timeout {
            unfinished: Some((2, 4))
        }
    ));
    assert_eq!(error.to_string(), "2 (of 4) futures unfinished");
}

#[test]
fn as_completed_timeout_counts_totals_after_removing_duplicates() {
    let pending: Future<i32> = Future::new();
    let error = as_completed_timeout([&pending, &pending], Duration::ZERO)
        .next()
        .unwrap()
        .unwrap_err();
    assert_eq!(error.to_string(), "1 (of 1) futures unfinished");
}

#[test]
fn as_completed_accepts_owned_futures_and_map_keys() {
    let pool = ThreadPoolExecutor::new(3).unwrap();
    let to_do: std::collections::HashMap<_, _> = ["BR", "CN", "IN"]
        .into_iter()
        .map(|cc| (pool.submit(move || cc.len()).unwrap(), cc))
        .collect();
    assert_eq!(as_completed(to_do.keys()).count(), 3);
    let owned: Vec<_> = to_do.into_keys().collect();
    assert_eq!(as_completed(owned).count(), 3);
}

#[test]
fn two_waiters_on_one_future_are_both_told() {
    let future: Future<i32> = Future::new();
    let mut completed = as_completed([&future]);
    let waiter = {
        let future = future.clone();
        thread::spawn(move || wait([&future], None, ALL_COMPLETED).done.len())
    };
    future.set_result(1).unwrap();
    assert_eq!(completed.next().unwrap(), future);
    assert_eq!(waiter.join().unwrap(), 1);
}

#[test]
fn a_dropped_as_completed_stops_watching() {
    let future: Future<i32> = Future::new();
    let completed = as_completed([&future]);
    drop(completed);
    // Completing after the watcher is gone must not fail or block.
    future.set_result(1).unwrap();
    assert_eq!(as_completed([&future]).count(), 1);
}

#[test]
fn as_completed_over_pool_futures_yields_each_once() {
    let pool = ThreadPoolExecutor::new(4).unwrap();
    let futures: Vec<_> = (0..200).map(|n| pool.submit(move || n).unwrap()).collect();
    let mut seen: Vec<i32> = as_completed(&futures)
        .map(|f| *f.result().unwrap())
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, (0..200).collect::<Vec<_>>());
}
