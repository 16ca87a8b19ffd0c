//! `_WorkItem`: one call waiting in the queue, with what it completes.
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
//! The queue holds calls returning different types, so each one is seen through the small
//! [`Job`] trait: the queue and the workers hold `Arc<dyn Job>` and never see the type `T`.
//! Every submission reaches one non-generic function, so a single breakpoint on
//! `Pool::submit_work_item` catches them all, and a backtrace inside a task reads
//! `worker_loop` → `run_work_item` → `Job::run` → your closure.
//!
//! Two kinds of job wait in the queue:
//!
//! * **A `submit`**: the future's own allocation. `submit` allocates once: the future's shared
//!   state with the call in its [`Stage`] (`stage.rs`), and the queue holds a second handle on
//!   it, seen as a job. A worker takes the call out in the step that moves the future to
//!   RUNNING (one uncontended lock), runs it, and completes the future it came in (another).
//!   Python's `_WorkItem` is a separate object pointing at its future; here they are one, which halves the allocations per task (`docs/benchmarks.md`).
//! * **An item of a `map`** ([`ItemTask`]), which has no future: its outcome goes, with the
//!   item's place in the input, down the map's channel, and a flag shared by the map's items
//!   says which are still wanted (`map.rs` explains why).
//!
//! The worker gives a job its own steps to take in between ([`Steps`]): it counts as almost
//! idle from just before the outcome is published, and stops counting so before any
//! done-callback runs, since a callback is user code that may block (see `worker.rs`).

use crate::blocking::Blocking;
use crate::errors::{Error, Outcome};
use crate::exception::catch_panic;
use crate::future::{Future, Inner};
use crate::map::report_unseen;
use crate::stage::{Stage, Stranded};
use crate::sync::channel::Sender;
use crate::sync::{Arc, AtomicBool, AtomicUsize, FutureArc, Mutex, Ordering};
use std::any::Any;

/// A queued call: Python's `_WorkItem`. The queue's slot holds just this handle: the task's
/// number is the job's ([`Job::task`]), not a second copy beside it.
pub(crate) struct WorkItem {
    /// The call and what it completes, with the types erased.
    pub(crate) job: FutureArc<dyn Job>,
}

impl WorkItem {
    /// The task's number in its pool (0, 1, 2, ... in submission order).
    pub(crate) fn task(&self) -> u64 {
        self.job.task()
    }

    /// Drops the work item once it has run, been cancelled or failed; see [`discard`].
    pub(crate) fn discard(self) {
        discard(self.task(), self);
    }
}

/// Drops what a job held once it has run, been cancelled or failed. It may run user `Drop`
/// code: the captures of a call that never ran, or the result, if nobody else holds the
/// future. A panic there is reported on stderr, as a panicking done-callback is, and the worker
/// (or the shutdown) goes on.
pub(crate) fn discard<D>(task: u64, held: D) {
    if let Err(panic) = catch_panic(move || drop(held)) {
        eprintln!("exception dropping task {task}: {panic}");
    }
}

/// What a worker does between the steps of a job (see `worker.rs`).
pub(crate) struct Steps<'a> {
    /// The call is about to run: the worker counts as running, and says so to the event hook.
    pub(crate) started: &'a dyn Fn(),
    /// The call has returned and its outcome is about to be published.
    pub(crate) finishing: &'a dyn Fn(),
    /// Done-callbacks are about to run.
    pub(crate) before_callbacks: &'a dyn Fn(),
}

/// How a job ended, for the event the worker reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ran {
    /// It was not run: cancelled, or no longer wanted.
    Cancelled,
    /// It ran; `raised` if it panicked.
    Finished { raised: bool },
}

/// What a worker, or `shutdown`, can do with a queued call without knowing its result type.
pub(crate) trait Job: Any + Send + Sync {
    /// The task's number in its pool, as the event hook reports it.
    fn task(&self) -> u64;
    /// Python's `_WorkItem.run`: moves the future to RUNNING (or finds it cancelled and
    /// notifies its waiters), runs the call, catching a panic, publishes the outcome, waking
    /// whoever waits, and runs the done-callbacks, taking the worker's [`Steps`] in between.
    /// `me` is the queue's handle on this very job, for the one step that needs a handle of
    /// its own (done-callbacks are handed the future); the worker drops it afterwards, under
    /// [`discard`].
    fn run(&self, me: &FutureArc<dyn Job>, task: u64, steps: &Steps<'_>) -> Ran;
    /// For `shutdown(cancel_futures = true)`: cancels the call and notifies its waiters. The
    /// call (a `map`'s: its item) comes back, for the caller to drop under [`discard`] once
    /// every queued call is cancelled: a call's captures may wait, as they drop, for another.
    fn cancel_and_notify(self: FutureArc<Self>, task: u64) -> Stranded;
    /// For a broken pool: fails the call with `error`, or, if it was cancelled, notifies. The
    /// call comes back, as from [`cancel_and_notify`](Job::cancel_and_notify).
    fn fail(self: FutureArc<Self>, task: u64, error: Error) -> Stranded;
}

/// A `submit`: the future's shared state is the job, its stage holding the call.
impl<T, F> Job for Inner<T, Stage<F>>
where
    T: Send + Sync + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    fn task(&self) -> u64 {
        self.origin_task()
    }

    fn run(&self, me: &FutureArc<dyn Job>, task: u64, steps: &Steps<'_>) -> Ran {
        // The call comes out in the same step as the move to RUNNING, under the one lock.
        // A call that will not run has its captures dropped here, under `discard`, not
        // wherever the last handle on the future goes. `Err` means someone drove this future
        // by hand; it is not ours to run.
        let call = match self.start(Stage::take) {
            (Ok(true), Some(call)) => call,
            (_, call) => {
                discard(task, call);
                return Ran::Cancelled;
            }
        };
        (steps.started)();
        // The task's code runs here. A panic is caught and becomes the future's exception.
        let outcome = catch_panic(call).map_err(|panic| Box::new(Error::Panic(panic)));
        (steps.finishing)();
        let raised = outcome.is_err();
        // An `Err` from `finish` means the future was completed by hand first; the first
        // outcome stays, as in Python, and ours is dropped: in `catch_panic`, since that runs
        // the value's `Drop` here on the worker.
        let finished = catch_panic(|| self.finish(outcome));
        // The call is out already (the future is RUNNING), so nothing comes back stranded.
        let callbacks = finished.ok().and_then(Result::ok).unwrap_or_default().0;
        if !callbacks.is_empty() {
            (steps.before_callbacks)();
            // `me` is this job: the downcast finds the type it was made with.
            let me: FutureArc<dyn Any + Send + Sync> = FutureArc::<dyn Job>::clone(me);
            match me.downcast::<Self>() {
                Ok(inner) => {
                    let future = Future::of_job(inner);
                    future.run_callbacks(callbacks);
                    discard(task, future);
                }
                // Cannot happen (the worker hands every job itself); if it did, the callbacks
                // would be dropped unrun, their captures under `discard` all the same.
                Err(_) => discard(task, callbacks),
            }
        }
        Ran::Finished { raised }
    }

    fn cancel_and_notify(self: FutureArc<Self>, task: u64) -> Stranded {
        let future = Future::of_job(FutureArc::clone(&self));
        let call = if future.cancel() {
            self.start(Stage::take).1
        } else {
            None
        };
        discard(task, future);
        call.map(|call| Box::new(call) as Box<dyn Send>)
    }

    fn fail(self: FutureArc<Self>, task: u64, error: Error) -> Stranded {
        let future = Future::of_job(FutureArc::clone(&self));
        let (started, call) = self.start(Stage::take);
        if let Ok(true) = started {
            let _ = future.set_exception(error);
        }
        discard(task, future);
        call.map(|call| Box::new(call) as Box<dyn Send>)
    }
}

/// What a map's tasks share: the function, where outcomes go, and how far the iteration has
/// got. One `Arc` of it per map; each item's task holds a clone.
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
    /// Which items are still wanted, and how many outcomes have been sent.
    progress: Arc<MapProgress>,
    /// The pool, for the "never retrieved" report of an outcome sent to a map that is gone.
    pool: Arc<Blocking>,
}

/// What a map's iterator and its items' tasks both change.
pub(crate) struct MapProgress {
    /// An item whose index is below this is not to be run: those yielded, the one whose wait
    /// failed, and, once the iteration has ended (`usize::MAX`), all. Read by each item's task
    /// before it runs.
    pub(crate) cancelled_below: AtomicUsize,
    /// How many outcomes the items' tasks have sent: one more just before each send, so it
    /// only ever grows. The starvation check compares it with what the iterator has received
    /// (`map.rs`). On a cache line of its own, away from the flag every task reads.
    pub(crate) outcomes_sent: OwnLine<AtomicUsize>,
}

/// A value on a cache line of its own (see [`MapShared`]).
#[repr(align(128))]
pub(crate) struct OwnLine<V>(pub(crate) V);

impl MapProgress {
    pub(crate) fn new() -> Self {
        MapProgress {
            cancelled_below: AtomicUsize::new(0),
            outcomes_sent: OwnLine(AtomicUsize::new(0)),
        }
    }
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
    /// The task's number in its pool.
    task: u64,
    /// The item's place in the input: 0, 1, 2, ...
    index: usize,
    /// The item; taken when the call is made. Behind a lock only because the queue shares its
    /// jobs between threads; nobody else ever takes it.
    item: Mutex<Option<I>>,
    /// Set once the item is taken to be called, and once its outcome is sent: where the call
    /// is, for a debugger.
    taken: AtomicBool,
    sent: AtomicBool,
    /// The function, the channel and the progress.
    shared: Arc<MapShared<F, T>>,
}

impl<F, T> MapShared<F, T> {
    pub(crate) fn new(
        call: F,
        results: Sender<Arrival<T>>,
        progress: Arc<MapProgress>,
        pool: Arc<Blocking>,
    ) -> Self {
        MapShared {
            call,
            results,
            progress,
            pool,
        }
    }
}

impl<I, F, T> ItemTask<I, F, T> {
    /// Item number `index` of the map that `shared` belongs to, as task number `task`.
    pub(crate) fn new(task: u64, index: usize, item: I, shared: Arc<MapShared<F, T>>) -> Self {
        ItemTask {
            task,
            index,
            item: Mutex::new(Some(item)),
            taken: AtomicBool::new(false),
            sent: AtomicBool::new(false),
            shared,
        }
    }

    /// Sends the item's outcome to the iterator. If the iterator is gone, the outcome is
    /// dropped here, a panic in its `Drop` reported as [`discard`] does.
    fn send(&self, task: u64, outcome: Outcome<T>) {
        let index = self.index;
        self.shared
            .progress
            .outcomes_sent
            .0
            .fetch_add(1, Ordering::AcqRel);
        if let Err(unsent) = self.shared.results.send(Arrival { index, outcome }) {
            report_unseen(&self.shared.pool, index, &unsent.0.outcome);
            discard(task, unsent);
        }
        self.sent.store(true, Ordering::Relaxed);
    }
}

impl<I, F, T> Job for ItemTask<I, F, T>
where
    I: Send + 'static,
    F: Fn(I) -> T + Send + Sync + 'static,
    T: Send + 'static,
{
    fn task(&self) -> u64 {
        self.task
    }

    fn run(&self, _me: &FutureArc<dyn Job>, task: u64, steps: &Steps<'_>) -> Ran {
        // Not wanted any more: the iteration ended, or its wait for this item failed. Nobody
        // will look for an outcome, so none is sent.
        let wanted = self.index >= self.shared.progress.cancelled_below.load(Ordering::Acquire);
        let item = if wanted {
            self.item.lock().take()
        } else {
            None
        };
        let Some(item) = item else {
            return Ran::Cancelled;
        };
        self.taken.store(true, Ordering::Relaxed);
        (steps.started)();
        let call = &self.shared.call;
        // The task's code runs here. A panic is caught and becomes the item's error.
        let outcome = catch_panic(|| call(item)).map_err(|panic| Box::new(Error::Panic(panic)));
        (steps.finishing)();
        let raised = outcome.is_err();
        self.send(task, outcome);
        Ran::Finished { raised }
    }

    fn cancel_and_notify(self: FutureArc<Self>, task: u64) -> Stranded {
        self.send(task, Err(Box::new(Error::Cancelled)));
        self.item
            .lock()
            .take()
            .map(|item| Box::new(item) as Box<dyn Send>)
    }

    fn fail(self: FutureArc<Self>, task: u64, error: Error) -> Stranded {
        self.send(task, Err(Box::new(error)));
        self.item
            .lock()
            .take()
            .map(|item| Box::new(item) as Box<dyn Send>)
    }
}
