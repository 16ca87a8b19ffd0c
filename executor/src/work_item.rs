//! `_WorkItem`: one call waiting in the queue, with the future it will complete.
//!
//! Python mirrored: `concurrent.futures.thread._WorkItem(future, fn, args, kwargs)` and its
//! `run()` method:
//!
//! ```python
//! def run(self):
//!     if not self.future.set_running_or_notify_cancel():
//!         return
//!     try:
//!         result = self.fn(*self.args, **self.kwargs)
//!     except BaseException as exc:
//!         self.future.set_exception(exc)
//!     else:
//!         self.future.set_result(result)
//! ```
//!
//! The queue holds calls returning different types, so each one is boxed behind the small
//! [`Job`] trait: the queue and the workers see `Box<dyn Job>` and never the type `T`. `submit`
//! does that boxing at once and hands the box to one non-generic function, so a single
//! breakpoint on `Pool::submit_work_item` catches every submission, and a backtrace inside a
//! task reads `worker_loop` → `run_work_item` → `Task::call` → your closure.
//!
//! `run()` is split into steps (`set_running_or_notify_cancel`, `call`, `run_callbacks`) so
//! that the worker can do its own bookkeeping between them: it counts as almost idle from
//! before the result is published (`call` takes that step as a closure, so the outcome never
//! needs a place in the queued job), and stops before any done-callback runs (see `worker.rs`).

use crate::errors::Error;
use crate::exception::catch_panic;
use crate::future::{Callbacks, Future};

/// A queued call: Python's `_WorkItem`, plus the task number the event hook reports.
pub(crate) struct WorkItem {
    /// The task's number in its pool (0, 1, 2, ... in submission order).
    pub(crate) task: u64,
    /// The call and its future, with the type erased.
    pub(crate) job: Box<dyn Job>,
}

impl WorkItem {
    /// Drops the call and its handle on the future, once it has run, been cancelled or failed.
    /// Either may run user `Drop` code: the captures of a call that never ran, or the result, if
    /// nobody else holds the future. A panic there is reported on stderr, as a panicking
    /// done-callback is, and the worker (or the shutdown) goes on.
    pub(crate) fn discard(self) {
        let task = self.task;
        if let Err(panic) = catch_panic(move || drop(self)) {
            eprintln!("exception dropping task {task}: {panic}");
        }
    }
}

/// What a worker, or `shutdown`, can do with a queued call without knowing its result type.
pub(crate) trait Job: Send {
    /// Moves the future to RUNNING; `false` if it was cancelled and must not run.
    fn set_running_or_notify_cancel(&self) -> bool;
    /// Runs the call, catching a panic, then calls `finishing` (the worker's bookkeeping, see
    /// `worker.rs`), then publishes the outcome: stores it in the future, waking its waiters,
    /// and keeps its done-callbacks for [`run_callbacks`](Job::run_callbacks). Returns whether
    /// the call raised (panicked). The outcome stays on this stack frame: a queued job has no
    /// room for one.
    fn call(&mut self, finishing: &dyn Fn()) -> bool;
    /// Whether the future had done-callbacks when it was published.
    fn has_callbacks(&self) -> bool;
    /// Runs the done-callbacks that [`call`](Job::call) kept.
    fn run_callbacks(&mut self);
    /// For `shutdown(cancel_futures = true)`: cancels the future and notifies its waiters.
    fn cancel_and_notify(&self);
    /// For a broken pool: fails the future with `error`, or, if it was cancelled, notifies.
    fn fail(&self, error: Error);
}

/// The one implementation of [`Job`]: a closure and the future it completes.
pub(crate) struct Task<T, F> {
    /// The future `submit` returned.
    future: Future<T>,
    /// The call; taken when it runs.
    call: Option<F>,
    /// The future's done-callbacks, between `call` and `run_callbacks`.
    callbacks: Callbacks<T>,
}

impl<T, F> Task<T, F> {
    pub(crate) fn new(future: Future<T>, call: F) -> Self {
        Task {
            future,
            call: Some(call),
            callbacks: None,
        }
    }
}

impl<T, F> Job for Task<T, F>
where
    T: Send + Sync + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    fn set_running_or_notify_cancel(&self) -> bool {
        // `Err` means someone drove this future by hand; it is not ours to run.
        self.future.set_running_or_notify_cancel().unwrap_or(false)
    }

    fn call(&mut self, finishing: &dyn Fn()) -> bool {
        let Some(call) = self.call.take() else {
            return false;
        };
        // The task's code runs here. A panic is caught and becomes the future's exception.
        let outcome = catch_panic(call).map_err(Error::Panic);
        finishing();
        let raised = outcome.is_err();
        // An `Err` from `finish` means the future was completed by hand first; the first
        // outcome stays, as in Python.
        if let Ok(callbacks) = self.future.finish(outcome) {
            self.callbacks = callbacks;
        }
        raised
    }

    fn has_callbacks(&self) -> bool {
        self.callbacks
            .as_ref()
            .is_some_and(|callbacks| !callbacks.is_empty())
    }

    fn run_callbacks(&mut self) {
        self.future.run_callbacks(self.callbacks.take());
    }

    fn cancel_and_notify(&self) {
        if self.future.cancel() {
            let _ = self.future.set_running_or_notify_cancel();
        }
    }

    fn fail(&self, error: Error) {
        if let Ok(true) = self.future.set_running_or_notify_cancel() {
            let _ = self.future.set_exception(error);
        }
    }
}
