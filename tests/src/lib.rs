//! Helpers shared by the conformance tests: a future in each of Python's five states, built by
//! hand as CPython's `test_future.py` builds them (`PENDING_FUTURE`, `RUNNING_FUTURE`, ...).
//!
//! ```
//! use tests::{cancelled_and_notified, finished};
//! assert!(finished(3).done());
//! assert!(cancelled_and_notified().cancelled());
//! ```

use executor::{Error, Future, Panic};

/// PENDING: new, as `submit` makes it.
pub fn pending() -> Future<i32> {
    Future::new()
}

/// RUNNING: a worker would have started it.
pub fn running() -> Future<i32> {
    let future = Future::new();
    assert!(future.set_running_or_notify_cancel().unwrap());
    future
}

/// CANCELLED: cancelled while pending; no worker has seen it, so `wait` does not know yet.
pub fn cancelled() -> Future<i32> {
    let future = Future::new();
    assert!(future.cancel());
    future
}

/// CANCELLED_AND_NOTIFIED: cancelled, and its waiters told.
pub fn cancelled_and_notified() -> Future<i32> {
    let future = cancelled();
    assert!(!future.set_running_or_notify_cancel().unwrap());
    future
}

/// FINISHED with `value`.
pub fn finished(value: i32) -> Future<i32> {
    let future = Future::new();
    future.set_result(value).unwrap();
    future
}

/// FINISHED, having raised a panic with `message`.
pub fn raised(message: &str) -> Future<i32> {
    let future = Future::new();
    future
        .set_exception(Error::Panic(Panic::new(message)))
        .unwrap();
    future
}
