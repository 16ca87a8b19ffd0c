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
//! Two kinds of work wait in the queue. [`Task`] is a `submit`: the call and the future it
//! completes. [`ItemTask`] is one item of a `map`, which has no future: its outcome goes, with
//! the item's place in the input, down the map's channel, and a flag shared by the map's items
//! says which are still wanted (`map.rs` explains why). The worker treats both alike.
//!
//! `run()` is split into steps (`set_running_or_notify_cancel`, `call`, `run_callbacks`) so
//! that the worker can do its own bookkeeping between them: it counts as almost idle from
//! before the result is published (`call` takes that step as a closure, so the outcome never
//! needs a place in the queued job), and stops before any done-callback runs (see `worker.rs`).

use crate::errors::{Error, Outcome};
use crate::exception::catch_panic;
use crate::future::{Callbacks, Future};
use crate::sync::channel::Sender;
use crate::sync::{Arc, AtomicUsize, Ordering};

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

/// A `submit`ted call and the future it completes.
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
        let outcome = catch_panic(call).map_err(|panic| Box::new(Error::Panic(panic)));
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

/// What a map's tasks share: the function, where outcomes go, and which items are still
/// wanted. One `Arc` of it per map; each item's task holds a clone.
///
/// Aligned to a cache line of its own (128 bytes covers the pairs of lines some processors
/// fetch together): the `Arc`'s reference count, just before it, is written by the submitting
/// thread and by every worker once per item, and the workers read these fields once per item.
/// Sharing a line, each read would wait for the line to come back from the last writer.
#[repr(align(128))]
pub(crate) struct MapShared<F, T> {
    /// The function, shared once by every item.
    call: F,
    /// The iterator's channel.
    results: Sender<Arrival<T>>,
    /// An item whose index is below this is not to be run: those yielded, the one whose wait
    /// failed, and, once the iteration has ended (`usize::MAX`), all.
    cancelled_below: Arc<AtomicUsize>,
}

/// What an item's task sends when its call has ended: where the item was in the input, and
/// the value, the panic, or why it never ran.
pub(crate) struct Arrival<T> {
    pub(crate) index: usize,
    pub(crate) outcome: Outcome<T>,
}

/// An arrival with no item: how the starvation check wakes a `next()` it has ended.
pub(crate) const WAKE_ONLY: usize = usize::MAX;

/// One item's call, queued in the pool like any task: Python's `_WorkItem` for
/// `fn(*args)`, with the item as `args`.
pub(crate) struct ItemTask<I, F, T> {
    /// The item's place in the input: 0, 1, 2, ...
    index: usize,
    /// The item; taken when the call is made.
    item: Option<I>,
    /// Set once its outcome is sent: the call has ended (for a debugger).
    sent: bool,
    /// The function, the channel and the flag.
    shared: Arc<MapShared<F, T>>,
}

impl<F, T> MapShared<F, T> {
    pub(crate) fn new(
        call: F,
        results: Sender<Arrival<T>>,
        cancelled_below: Arc<AtomicUsize>,
    ) -> Self {
        MapShared {
            call,
            results,
            cancelled_below,
        }
    }
}

impl<I, F, T> ItemTask<I, F, T> {
    /// Item number `index` of the map that `shared` belongs to.
    pub(crate) fn new(index: usize, item: I, shared: Arc<MapShared<F, T>>) -> Self {
        ItemTask {
            index,
            item: Some(item),
            sent: false,
            shared,
        }
    }

    /// Sends the item's outcome to the iterator; if it is gone, the outcome is dropped here.
    fn send(&self, outcome: Outcome<T>) {
        let index = self.index;
        let _ = self.shared.results.send(Arrival { index, outcome });
    }
}

impl<I, F, T> Job for ItemTask<I, F, T>
where
    I: Send,
    F: Fn(I) -> T + Send + Sync,
    T: Send,
{
    fn set_running_or_notify_cancel(&self) -> bool {
        // Not wanted any more: the iteration ended, or its wait for this item failed. Nobody
        // will look for an outcome, so none is sent.
        self.index >= self.shared.cancelled_below.load(Ordering::Acquire)
    }

    fn call(&mut self, finishing: &dyn Fn()) -> bool {
        let Some(item) = self.item.take() else {
            return false;
        };
        let call = &self.shared.call;
        // The task's code runs here. A panic is caught and becomes the item's error.
        let outcome = catch_panic(|| call(item)).map_err(|panic| Box::new(Error::Panic(panic)));
        finishing();
        let raised = outcome.is_err();
        self.send(outcome);
        self.sent = true;
        raised
    }

    fn has_callbacks(&self) -> bool {
        false
    }

    fn run_callbacks(&mut self) {}

    fn cancel_and_notify(&self) {
        self.send(Err(Box::new(Error::Cancelled)));
    }

    fn fail(&self, error: Error) {
        self.send(Err(Box::new(error)));
    }
}
