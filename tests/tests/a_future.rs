//! Section A of the reference: `Future`, its states, queries, results, callbacks and repr.
//!
//! Bare futures are driven by hand (`set_running_or_notify_cancel`, `set_result`,
//! `set_exception`), as CPython's `test_future.py` does, so every test here is deterministic.

use executor::{Error, Future, Panic, ThreadPoolExecutor};
use std::collections::{HashMap, HashSet};
use std::sync::mpsc;
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::Duration;
use tests::{cancelled, cancelled_and_notified, finished, pending, raised, running};

/// The repr with its address replaced, for comparing text.
fn repr<T>(future: &Future<T>) -> String {
    let text = format!("{future:?}");
    let start = text.find("0x").expect("an address");
    let end = text[start..].find(' ').map_or(text.len(), |i| start + i);
    assert!(
        text[start + 2..end]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
        "lower-case hex address in {text}"
    );
    format!("{}0xADDR{}", &text[..start], &text[end..])
}

// A.2: the tables of test_cancel, test_cancelled, test_running and test_done.

#[test]
fn cancel_answers_as_pythons_table() {
    assert!(pending().cancel());
    assert!(!running().cancel());
    assert!(cancelled().cancel());
    assert!(cancelled_and_notified().cancel());
    assert!(!finished(1).cancel());
    assert!(!raised("x").cancel());
}

#[test]
fn cancelled_answers_as_pythons_table() {
    assert!(!pending().cancelled());
    assert!(!running().cancelled());
    assert!(cancelled().cancelled());
    assert!(cancelled_and_notified().cancelled());
    assert!(!finished(1).cancelled());
}

#[test]
fn running_answers_as_pythons_table() {
    assert!(!pending().running());
    assert!(running().running());
    assert!(!cancelled().running());
    assert!(!cancelled_and_notified().running());
    assert!(!finished(1).running());
}

#[test]
fn done_answers_as_pythons_table() {
    assert!(!pending().done());
    assert!(!running().done());
    assert!(cancelled().done());
    assert!(cancelled_and_notified().done());
    assert!(finished(1).done());
    assert!(raised("x").done());
}

#[test]
fn cancel_leaves_a_running_future_running() {
    let future = running();
    assert!(!future.cancel());
    assert!(future.running());
}

// A.3: result() and exception().

#[test]
fn result_returns_the_value_every_time() {
    let future = finished(42);
    assert_eq!(*future.result().unwrap(), 42);
    assert_eq!(*future.result().unwrap(), 42);
    assert!(std::ptr::eq(
        future.result().unwrap(),
        future.result().unwrap()
    ));
}

#[test]
fn result_needs_no_clone_of_the_value() {
    struct NotClone(u8);
    let future = Future::new();
    future.set_result(NotClone(7)).unwrap();
    assert_eq!(future.result().unwrap().0, 7);
    assert_eq!(future.result().unwrap().0, 7);
}

#[test]
fn result_of_a_cancelled_future_is_cancelled_error() {
    assert!(matches!(cancelled().result(), Err(Error::Cancelled)));
    assert!(matches!(
        cancelled_and_notified().result(),
        Err(Error::Cancelled)
    ));
}

#[test]
fn result_reraises_the_stored_exception_every_time() {
    let future = raised("boom");
    for _ in 0..2 {
        match future.result() {
            Err(Error::Panic(panic)) => assert_eq!(panic.message(), "boom"),
            other => panic!("expected the stored panic, got {other:?}"),
        }
    }
}

#[test]
fn exception_is_none_after_a_result() {
    assert!(finished(1).exception().unwrap().is_none());
}

#[test]
fn exception_returns_the_stored_exception() {
    let future = raised("bad");
    let exception = future.exception().unwrap().unwrap();
    assert_eq!(exception.to_string(), "bad");
}

#[test]
fn exception_of_a_cancelled_future_is_cancelled_error() {
    assert!(matches!(cancelled().exception(), Err(Error::Cancelled)));
}

#[test]
fn result_timeout_on_a_pending_future_times_out() {
    let error = pending()
        .result_timeout(Duration::from_millis(10))
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { unfinished: None }));
}

#[test]
fn a_timeout_too_long_for_the_clock_waits_for_ever() {
    // Python raises OverflowError for such a timeout; here Duration::MAX means "no deadline".
    assert_eq!(*finished(3).result_timeout(Duration::MAX).unwrap(), 3);
    assert!(
        finished(3)
            .exception_timeout(Duration::MAX)
            .unwrap()
            .is_none()
    );
    let future = Future::new();
    let setter = {
        let future = future.clone();
        thread::spawn(move || future.set_result(4).unwrap())
    };
    assert_eq!(*future.result_timeout(Duration::MAX).unwrap(), 4);
    setter.join().unwrap();
}

#[test]
fn result_timeout_zero_polls() {
    assert!(
        running()
            .result_timeout(Duration::ZERO)
            .unwrap_err()
            .is_timeout()
    );
    assert_eq!(*finished(3).result_timeout(Duration::ZERO).unwrap(), 3);
}

#[test]
fn exception_timeout_on_a_running_future_times_out() {
    let error = running()
        .exception_timeout(Duration::from_millis(10))
        .unwrap_err();
    assert!(error.is_timeout());
}

#[test]
fn a_blocked_result_wakes_when_the_result_is_set() {
    let future = running();
    let (ready_tx, ready_rx) = mpsc::channel();
    let waiter = {
        let future = future.clone();
        thread::spawn(move || {
            ready_tx.send(()).unwrap();
            *future.result().unwrap()
        })
    };
    ready_rx.recv().unwrap();
    future.set_result(5).unwrap();
    assert_eq!(waiter.join().unwrap(), 5);
}

#[test]
fn a_blocked_result_wakes_with_cancelled_error_on_cancel() {
    let future = pending();
    let (ready_tx, ready_rx) = mpsc::channel();
    let waiter = {
        let future = future.clone();
        thread::spawn(move || {
            ready_tx.send(()).unwrap();
            matches!(future.result(), Err(Error::Cancelled))
        })
    };
    ready_rx.recv().unwrap();
    assert!(future.cancel());
    assert!(waiter.join().unwrap());
}

#[test]
fn a_blocked_exception_wakes_when_an_exception_is_set() {
    let future = running();
    let waiter = {
        let future = future.clone();
        thread::spawn(move || future.exception().unwrap().map(ToString::to_string))
    };
    future
        .set_exception(Error::Panic(Panic::new("late")))
        .unwrap();
    assert_eq!(waiter.join().unwrap().as_deref(), Some("late"));
}

// A.4: add_done_callback.

#[test]
fn a_callback_added_to_a_done_future_runs_at_once_in_the_calling_thread() {
    let future = finished(1);
    let (tx, rx) = mpsc::channel();
    future.add_done_callback(move |f| {
        tx.send((thread::current().id(), *f.result().unwrap()))
            .unwrap();
    });
    assert_eq!(rx.try_recv().unwrap(), (thread::current().id(), 1));
}

#[test]
fn a_callback_added_to_a_cancelled_future_runs_at_once() {
    let future = cancelled();
    let (tx, rx) = mpsc::channel();
    future.add_done_callback(move |f| tx.send(f.cancelled()).unwrap());
    assert!(rx.try_recv().unwrap());
}

#[test]
fn callbacks_run_once_in_the_order_added_when_the_result_is_set() {
    let future = pending();
    let order = Arc::new(Mutex::new(Vec::new()));
    for n in 0..3 {
        let order = Arc::clone(&order);
        future.add_done_callback(move |_| order.lock().unwrap().push(n));
    }
    assert!(order.lock().unwrap().is_empty());
    future.set_result(1).unwrap();
    assert_eq!(*order.lock().unwrap(), [0, 1, 2]);
    let _ = future.set_result(2);
    assert_eq!(*order.lock().unwrap(), [0, 1, 2]);
}

#[test]
fn callbacks_run_on_set_exception() {
    let future = running();
    let (tx, rx) = mpsc::channel();
    future.add_done_callback(move |f| tx.send(f.exception().unwrap().is_some()).unwrap());
    future.set_exception(Error::Panic(Panic::new("x"))).unwrap();
    assert!(rx.try_recv().unwrap());
}

#[test]
fn callbacks_run_once_on_cancel_even_if_cancel_is_called_twice() {
    let future = pending();
    let count = Arc::new(Mutex::new(0));
    let seen = Arc::clone(&count);
    future.add_done_callback(move |f| {
        assert!(f.cancelled());
        *seen.lock().unwrap() += 1;
    });
    assert!(future.cancel());
    assert!(future.cancel());
    assert!(!future.set_running_or_notify_cancel().unwrap());
    assert_eq!(*count.lock().unwrap(), 1);
}

#[test]
fn a_panicking_callback_does_not_stop_the_others() {
    // test_done_callback_raises: the error is reported, the next callback still runs.
    let future = pending();
    let (tx, rx) = mpsc::channel();
    future.add_done_callback(|_| panic!("callback failed"));
    future.add_done_callback(move |f| tx.send(*f.result().unwrap()).unwrap());
    future.set_result(9).unwrap();
    assert_eq!(rx.try_recv().unwrap(), 9);
}

#[test]
fn a_panicking_callback_added_late_does_not_reach_the_caller() {
    let future = finished(1);
    future.add_done_callback(|_| panic!("callback failed"));
    assert_eq!(*future.result().unwrap(), 1);
}

#[test]
fn a_callback_runs_in_the_worker_thread_that_completes_the_future() {
    let pool = ThreadPoolExecutor::builder()
        .max_workers(1)
        .thread_name_prefix("W")
        .build()
        .unwrap();
    let gate = Arc::new(Barrier::new(2));
    let task_gate = Arc::clone(&gate);
    let future = pool
        .submit(move || {
            task_gate.wait();
            1
        })
        .unwrap();
    let (tx, rx) = mpsc::channel();
    future.add_done_callback(move |_| {
        tx.send(thread::current().name().map(str::to_owned))
            .unwrap();
    });
    gate.wait(); // the callback is registered before the task can finish
    assert_eq!(rx.recv().unwrap().as_deref(), Some("W_0"));
}

#[test]
fn a_callback_can_read_the_result_without_deadlock() {
    let future = pending();
    let (tx, rx) = mpsc::channel();
    future.add_done_callback(move |f| {
        tx.send((f.done(), format!("{f:?}"), *f.result().unwrap()))
            .unwrap();
    });
    future.set_result(4).unwrap();
    let (done, text, value) = rx.try_recv().unwrap();
    assert!(done && text.contains("state=finished") && value == 4);
}

// A.5: repr.

#[test]
fn repr_shows_each_state_as_python_does() {
    assert_eq!(repr(&pending()), "<Future at 0xADDR state=pending>");
    assert_eq!(repr(&running()), "<Future at 0xADDR state=running>");
    assert_eq!(repr(&cancelled()), "<Future at 0xADDR state=cancelled>");
    assert_eq!(
        repr(&cancelled_and_notified()),
        "<Future at 0xADDR state=cancelled>"
    );
    assert_eq!(
        repr(&finished(1)),
        "<Future at 0xADDR state=finished returned i32>"
    );
    assert_eq!(
        repr(&raised("x")),
        "<Future at 0xADDR state=finished raised panic>"
    );
}

#[test]
fn repr_names_the_result_type_without_its_path() {
    let future = Future::new();
    future.set_result(String::from("BR")).unwrap();
    assert_eq!(
        repr(&future),
        "<Future at 0xADDR state=finished returned String>"
    );
    let unit = Future::new();
    unit.set_result(()).unwrap();
    assert_eq!(repr(&unit), "<Future at 0xADDR state=finished returned ()>");
}

#[test]
fn repr_names_the_exception_by_its_python_class() {
    let future: Future<i32> = Future::new();
    future.set_exception(Error::BrokenThreadPool).unwrap();
    assert_eq!(
        repr(&future),
        "<Future at 0xADDR state=finished raised BrokenThreadPool>"
    );
    let custom: Future<i32> = Future::new();
    custom
        .set_exception(Error::custom(std::io::Error::other("disk full")))
        .unwrap();
    assert_eq!(
        repr(&custom),
        "<Future at 0xADDR state=finished raised Error>"
    );
}

#[test]
fn display_prints_the_same_text_as_debug() {
    let future = finished(1);
    assert_eq!(format!("{future}"), format!("{future:?}"));
}

#[test]
fn clones_share_one_address_in_repr() {
    let future = pending();
    assert_eq!(format!("{future:?}"), format!("{:?}", future.clone()));
    assert_ne!(format!("{future:?}"), format!("{:?}", pending()));
}

// A.6: the executor-facing methods.

#[test]
fn set_running_or_notify_cancel_starts_a_pending_future() {
    let future = pending();
    assert!(future.set_running_or_notify_cancel().unwrap());
    assert!(future.running());
}

#[test]
fn set_running_or_notify_cancel_reports_a_cancelled_future() {
    let future = cancelled();
    assert!(!future.set_running_or_notify_cancel().unwrap());
    assert!(future.cancelled() && future.done());
}

#[test]
fn set_running_or_notify_cancel_twice_is_an_unexpected_state() {
    let future = running();
    match future.set_running_or_notify_cancel() {
        Err(Error::UnexpectedState { state }) => assert_eq!(state, "RUNNING"),
        other => panic!("{other:?}"),
    }
    let error = cancelled_and_notified()
        .set_running_or_notify_cancel()
        .unwrap_err();
    assert_eq!(error.to_string(), "Future in unexpected state");
    assert!(matches!(
        finished(1).set_running_or_notify_cancel(),
        Err(Error::UnexpectedState { state: "FINISHED" })
    ));
}

#[test]
fn a_pending_future_may_finish_without_running_first() {
    let future = pending();
    future.set_result(1).unwrap();
    assert_eq!(*future.result().unwrap(), 1);
}

#[test]
fn set_result_on_a_finished_future_is_invalid_state_and_keeps_the_first() {
    let future = finished(1);
    let error = future.set_result(2).unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("FINISHED: <Future at 0x"), "{text}");
    assert!(text.ends_with(" state=finished returned i32>"), "{text}");
    assert!(matches!(
        error,
        Error::InvalidState {
            state: "FINISHED",
            ..
        }
    ));
    assert_eq!(*future.result().unwrap(), 1);
}

#[test]
fn set_exception_on_a_raised_future_is_invalid_state_and_keeps_the_first() {
    let future = raised("first");
    let error = future
        .set_exception(Error::Panic(Panic::new("second")))
        .unwrap_err();
    assert!(error.to_string().ends_with("state=finished raised panic>"));
    assert_eq!(future.exception().unwrap().unwrap().to_string(), "first");
}

#[test]
fn set_result_on_a_cancelled_future_is_invalid_state() {
    let error = cancelled().set_result(1).unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("CANCELLED: <Future at 0x"), "{text}");
    assert!(text.ends_with("state=cancelled>"), "{text}");
    let error = cancelled_and_notified()
        .set_exception(Error::Cancelled)
        .unwrap_err();
    assert!(error.to_string().starts_with("CANCELLED_AND_NOTIFIED: "));
}

// A.7: identity.

#[test]
fn clones_are_equal_and_hash_alike_distinct_futures_are_not() {
    let a = pending();
    let b = pending();
    assert_eq!(a, a.clone());
    assert_ne!(a, b);
    let set: HashSet<_> = [a.clone(), a.clone(), b.clone()].into_iter().collect();
    assert_eq!(set.len(), 2);
}

#[test]
fn a_future_is_a_map_key_like_the_flags_demo_uses() {
    let pool = ThreadPoolExecutor::new(2).unwrap();
    let mut to_do = HashMap::new();
    for cc in ["BR", "CN"] {
        to_do.insert(pool.submit(move || cc.to_lowercase()).unwrap(), cc);
    }
    for (future, cc) in &to_do {
        assert_eq!(*future.result().unwrap(), cc.to_lowercase());
    }
}

#[test]
fn a_future_state_change_is_seen_by_every_clone() {
    let future = pending();
    let other = future.clone();
    future.set_result(3).unwrap();
    assert!(other.done());
    assert_eq!(*other.result().unwrap(), 3);
}
