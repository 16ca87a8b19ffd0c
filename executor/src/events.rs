//! An opt-in hook that tells you what the pool does, as it does it.
//!
//! Python has no such hook; it is here so the demos can draw the notebook's interleaving as a
//! picture (one row per worker, one bar per task) and so a reader can watch a pool at work
//! without a debugger. Pass a closure to
//! [`Builder::on_event`](crate::Builder::on_event) and it is called with an
//! [`Event`] each time a task is submitted, started, finished or cancelled, and each time a
//! thread that had to sleep on one of the pool's futures wakes up ([`EventKind::Waited`]: which
//! call, on which thread, from when, woken by which task).
//!
//! Cost when unused: the pool keeps an `Option` of the hook and checks it at each of those
//! points; with no hook that is one predictable branch, no allocation, no clock read. Waits are
//! seen only on the slow path of a wait, where the thread is about to sleep anyway
//! (`blocking.rs`).
//!
//! When it is called, and the rules that follow from that:
//!
//! * `Submitted` is called inside `submit`, with the pool's submission lock held (so it is always
//!   reported before the same task's `Started`). So the hook must not call the same pool's
//!   `submit`, `map`, `shutdown` or `threads_started`, which take that lock: the thread would wait
//!   for itself. (Printing the executor with `{:?}` is safe: it only tries the lock.)
//! * `Waited` is called on the thread that waited, once it is awake, with no lock held.
//! * `Started`, `Finished` and `Cancelled` are called on the worker thread that saw them, or on the
//!   thread calling `shutdown(cancel_futures = true)` for the tasks it cancels. `Finished` comes
//!   while the worker may still count as idle for the next `submit` (see `worker.rs`), so the
//!   hook must not wait for work it submits to the same pool: that work could be waiting for
//!   this very worker.
//! * A panicking hook is reported on stderr and otherwise ignored.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

/// What happened to a task.
///
/// ```
/// use executor::EventKind;
/// let kind = EventKind::Finished { raised: true };
/// assert!(matches!(kind, EventKind::Finished { raised: true }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// `submit` put it in the queue.
    Submitted,
    /// A worker took it from the queue and is calling it.
    Started,
    /// The call returned (`raised: false`) or panicked (`raised: true`).
    Finished {
        /// Whether the task panicked.
        raised: bool,
    },
    /// It was not run: found cancelled by a worker, or drained by
    /// `shutdown(cancel_futures = true)`. Also a queued task whose future someone completed
    /// or started by hand, which the worker then skips.
    Cancelled,
    /// A thread slept on this task's future and is awake again: in `result()`,
    /// `exception()`, a step of `map`, `as_completed` or `wait`. The event's `at` is when it
    /// woke; `worker` is its name if it is one of the pool's workers, `None` for any other
    /// thread (the main thread, in the demos). For `wait` and `as_completed`, whose calls watch
    /// many futures, the task is the one whose completion it heard of last.
    Waited {
        /// `result()`, `exception()`, `next(map)`, `next(as_completed)` or `wait()`.
        call: &'static str,
        /// When it began to sleep.
        since: Instant,
        /// `true` if the task's completion (or cancellation) woke it, `false` if it ended
        /// otherwise: a timeout, or the pool's starvation check.
        woken: bool,
    },
}

/// One thing that happened to one task.
///
/// ```
/// use executor::{EventKind, ThreadPoolExecutor};
/// use std::sync::{Arc, Mutex};
/// use std::time::Duration;
///
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let log = Arc::clone(&seen);
/// let pool = ThreadPoolExecutor::builder()
///     .max_workers(1)
///     .on_event(move |event| log.lock().unwrap().push((event.task, event.kind)))
///     .build()
///     .unwrap();
/// let (release, gate) = std::sync::mpsc::channel::<()>();
/// let (running, started) = std::sync::mpsc::channel::<()>();
/// let future = pool.submit(move || {
///     running.send(()).unwrap();
///     gate.recv().unwrap()
/// }).unwrap();
/// started.recv().unwrap();
/// // The call is running and cannot finish yet: this wait sleeps, and times out.
/// assert!(future.result_timeout(Duration::from_millis(1)).is_err());
/// release.send(()).unwrap();
/// pool.shutdown(true, false);
/// let seen = seen.lock().unwrap();
/// assert!(matches!(seen[..], [
///     (0, EventKind::Submitted),
///     (0, EventKind::Started),
///     (0, EventKind::Waited { call: "result()", woken: false, .. }),
///     (0, EventKind::Finished { raised: false }),
/// ]));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Event<'a> {
    /// The task's number in this pool: 0 for the first submission, then 1, 2, ...
    /// `map` submits its items in order, so for `map` this is the item's index. (A submit that
    /// is refused, after `shutdown` or once the pool is broken, still uses up a number; two
    /// threads submitting at once may see their numbers queued in the other order.)
    pub task: u64,
    /// What happened.
    pub kind: EventKind,
    /// The worker thread's name (`ThreadPoolExecutor-0_1`) it happened on, or `None` when it
    /// happened on a thread that is no pool's worker (a submission or a wait from the main
    /// thread, a cancellation by `shutdown`). A task that submits more work or waits is on a
    /// worker, so its `Submitted` events name that worker, and so do its `Waited` events on
    /// futures of its own pool.
    pub worker: Option<&'a str>,
    /// When it happened.
    pub at: Instant,
}

/// The hook itself, shared by the pool and its workers.
pub(crate) type EventHook = Arc<dyn Fn(&Event<'_>) + Send + Sync>;

/// Calls `hook`, if there is one, with an event stamped now. Inlined, so that a pool with no
/// hook pays one test per event; the call itself stays out of line.
#[inline]
pub(crate) fn emit(hook: Option<&EventHook>, task: u64, kind: EventKind, worker: Option<&str>) {
    if let Some(hook) = hook {
        call_hook(hook, task, kind, worker);
    }
}

/// [`emit`]'s call of the hook, reporting (not propagating) a panic in it.
#[inline(never)]
fn call_hook(hook: &EventHook, task: u64, kind: EventKind, worker: Option<&str>) {
    let event = Event {
        task,
        kind,
        worker,
        at: Instant::now(),
    };
    if let Err(panic) = crate::exception::catch_panic(|| hook(&event)) {
        eprintln!("exception calling event hook for {event:?}: {panic}");
    }
}

/// Shows that a hook is set without trying to print a closure.
pub(crate) struct HookDebug<'a>(pub(crate) &'a Option<EventHook>);

impl fmt::Debug for HookDebug<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Some(<hook>)"
        } else {
            "None"
        })
    }
}
