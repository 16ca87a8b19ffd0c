//! What a pool learns when a thread blocks on one of its futures: the waits its event hook
//! reports, and the starvation deadlock CPython's documentation warns of.
//!
//! Python has neither. Its `result()` sleeps on a condition and tells nobody, so a trace of a
//! Python program (VizTracer) shows a wait only as a gap, and a pool whose workers all wait
//! for work queued behind them hangs in silence. Here every future a pool hands out carries an
//! [`Origin`]: its task number and this pool's `Blocking`. When a thread has to sleep in
//! `result()`, `exception()`, a step of `map`, `as_completed` or `wait`, it first tells the
//! pool of the future it waits for ([`Blocking::begin_wait`]), and when it wakes it says so
//! ([`BlockedWait::end`]). That costs nothing on the fast path (a future already finished
//! needs no sleep), and on the slow path one short lock, next to a sleep of microseconds.
//!
//! # Waits, for the event hook
//!
//! A wait that ends becomes an [`EventKind::Waited`] event: which call, since when, on which
//! thread, and the task whose completion woke it. With no hook installed none is built.
//!
//! # The starvation deadlock
//!
//! A worker that waits for a future of its own pool holds its thread while it waits. If every
//! worker the pool has started does that at once, and every future they wait for is one that
//! only this pool's workers can run (queued behind them, or held by one of them, waiting in
//! turn), nothing can ever move. CPython's documentation gives two examples: a task waiting for
//! a future it submitted to a one-worker pool, and two tasks each waiting for the other's.
//!
//! Each worker's record here says what it waits for. When a worker is about to sleep without a
//! timeout, it looks at every record, under this file's one lock: if every worker is waiting,
//! and each one's wait can only be ended by a future of this pool that is not done, the pool is
//! stuck, and [`Starvation`] says what happens then. The futures are looked at as they are now,
//! each under its own lock (never the other way round: no code takes this file's lock while it
//! holds a future's). A wait that one done future ends (`result()`, `as_completed`, `wait` for
//! the first) is stuck only while none of its futures is done: one a worker finished a moment
//! ago means the waiter is on its way out, even if it has not cleared its record yet. A `wait`
//! for all of them is stuck while one of this pool's is not done.
//!
//! What the check cannot know: that the main thread is about to cancel one of the futures; that
//! a submit from outside would start one more worker, in a pool below its `max_workers` (only
//! the workers it has are counted); or that a worker's wait would be ended by a future of
//! another pool or one made by hand (such a wait is never called stuck, nor is one watching
//! more than a thousand futures). A timed wait ends on its own and is never counted. The first
//! two can make a report come before the pool would have moved again; the others only keep the
//! check silent. Running the check when a worker begins to sleep (and when a worker that was
//! counted fails to start) is enough: a wait that is not stuck when it begins never becomes
//! stuck later (its futures only ever become done), so a pool can only become stuck then.
//!
//! A step of `map` waits for one item, which has no future: it counts as done once any of the
//! map's items has sent an outcome since the wait began (a count that only grows, so once done
//! it stays done, as a future does). If that outcome was another item's, the step sleeps again
//! for the same item: its record starts afresh and the check runs again
//! ([`BlockedWait::watch_again`]), as for a wait that begins.

use crate::errors::Error;
use crate::events::{EventHook, EventKind, emit};
use crate::sync::channel::Sender;
use crate::sync::thread::{self, ThreadId};
use crate::sync::{Arc, Mutex, OnceLock, thread_local};
use crate::waiter::{Completion, Notice};
use std::cell::Cell;
use std::fmt::Write as _;
use std::time::Instant;

/// What a pool does when every one of its workers waits for work that only its own workers
/// could do: the starvation deadlock.
///
/// ```
/// use executor::{Error, Starvation, ThreadPoolExecutor};
/// use std::sync::{Arc, Mutex};
///
/// // CPython's first example: a task waits for a future it submits to a one-worker pool.
/// let pool = Arc::new(ThreadPoolExecutor::builder()
///     .max_workers(1)
///     .starvation(Starvation::Error)
///     .build()
///     .unwrap());
/// let same_pool = Arc::clone(&pool);
/// let outer = pool.submit(move || {
///     let inner = same_pool.submit(|| 5_u32.pow(2)).unwrap();
///     match inner.result() {
///         Ok(value) => value.to_string(),
///         Err(error) => error.to_string(),
///     }
/// }).unwrap();
/// assert!(outer.result().unwrap().starts_with("deadlock: every worker of ThreadPoolExecutor-"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Starvation {
    /// Print what is stuck on stderr, once for the pool, and keep waiting. The pool hangs, as
    /// Python's does, but says why.
    #[default]
    Report,
    /// End every stuck wait with [`Error::Deadlock`], whose message is that report: `result()`
    /// and `exception()` return it and `map` yields it; `wait` returns as on a timeout and
    /// `as_completed` ends early, having no error to give. (A wait with a timeout is never
    /// counted: it ends on its own.)
    Error,
    /// Say nothing and keep waiting, as Python does.
    Ignore,
}

/// A future's link to the pool that runs it. Hand-made futures (`Future::new`) have none.
pub(crate) struct Origin {
    /// The task's number in its pool, as the event hook reports it.
    pub(crate) task: u64,
    /// The pool's record of blocked threads.
    pub(crate) pool: Arc<Blocking>,
}

/// A future seen without its type, for the starvation check: `Future<T>` implements it, and so
/// does the item a step of `map` waits for.
pub(crate) trait Awaited: Send {
    /// Finished or cancelled; for a step of `map`, an outcome sent since the wait began.
    fn is_done(&self) -> bool;
    /// The pool it was submitted to, if any.
    fn origin(&self) -> Option<&Origin>;
    /// `task 1 <Future at 0x... state=pending>`.
    fn describe(&self) -> String;
    /// Wakes whoever sleeps waiting for it, to look again.
    fn wake(&self);
}

/// One pool's view of the threads blocked on its futures.
pub(crate) struct Blocking {
    /// The pool's thread name prefix, for reports.
    name: String,
    /// The pool's event hook, for `Waited` events.
    hook: Option<EventHook>,
    /// What to do about a starvation deadlock.
    starvation: Starvation,
    /// Whether a future holding a panic nobody looked at is reported when it goes.
    pub(crate) report_never_retrieved: bool,
    /// One record per worker started.
    workers: Mutex<Workers>,
}

/// The workers' records, under [`Blocking`]'s lock.
struct Workers {
    /// In start order: a worker's index is its place here.
    slots: Vec<Slot>,
    /// Set once a report has been printed (`Starvation::Report` prints once per pool).
    reported: bool,
}

/// One worker's record.
struct Slot {
    /// `ThreadPoolExecutor-0_1`.
    name: String,
    /// Its thread, once it has started running.
    thread: Option<ThreadId>,
    /// What it is blocked on, while it is.
    waiting: Option<Waiting>,
}

/// A worker's blocking wait, as the check sees it.
struct Waiting {
    /// `result()`, `wait()`, ...
    call: &'static str,
    /// Whether one of its futures ends it, or only all of them.
    needs: Needs,
    /// The futures that could end it.
    futures: Vec<Box<dyn Awaited>>,
    /// How the check wakes it to end it with an error.
    wake: Wake,
    /// Written by the check when it ends this wait: the report.
    deadlock: Arc<OnceLock<String>>,
}

/// What ends a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needs {
    /// Any one of its futures done: `result()`, a step of `map` or `as_completed`, and `wait`
    /// with `FIRST_COMPLETED` or `FIRST_EXCEPTION` (counted as "any": the check errs on the
    /// side of silence).
    Any,
    /// Every one done: `wait` with `ALL_COMPLETED`.
    All,
}

/// How a blocked call sleeps, so the check can wake it.
pub(crate) enum Wake {
    /// By what it waits for: unparking the threads asleep in the future's `result()` and
    /// `exception()`, or the channel a step of `map` receives from (each [`Awaited::wake`]).
    Awaited,
    /// On a channel of notices (`wait`, `as_completed`).
    Channel(Sender<Notice>),
}

thread_local! {
    /// Set on a pool's worker threads: a wait on any other thread (the main thread, say) needs
    /// no look at any pool's workers, and a pool with no hook skips it without a lock.
    #[allow(
        clippy::missing_const_for_thread_local,
        reason = "loom's thread_local! takes no const block"
    )]
    static ON_A_WORKER: Cell<bool> = Cell::new(false);
}

/// Whether this thread is a worker of some pool.
pub(crate) fn on_a_worker() -> bool {
    ON_A_WORKER.with(Cell::get)
}

/// The token of the notice that ends a `wait` or `as_completed` stuck in a deadlock.
pub(crate) const DEADLOCK_TOKEN: usize = usize::MAX;

impl Blocking {
    /// The record of a new pool.
    pub(crate) fn new(
        name: String,
        hook: Option<EventHook>,
        starvation: Starvation,
        report_never_retrieved: bool,
    ) -> Self {
        Blocking {
            name,
            hook,
            starvation,
            report_never_retrieved,
            workers: Mutex::new(Workers {
                slots: Vec::new(),
                reported: false,
            }),
        }
    }

    /// Counts a worker about to be started, before its thread exists, so the check never
    /// sees fewer workers than the pool has.
    pub(crate) fn add_worker(&self, name: &str) {
        self.workers.lock().slots.push(Slot {
            name: name.to_owned(),
            thread: None,
            waiting: None,
        });
    }

    /// Takes back the last [`add_worker`](Self::add_worker) when its thread could not start.
    pub(crate) fn remove_last_worker(&self) {
        let mut workers = self.workers.lock();
        workers.slots.pop();
        // The workers left may all be stuck now, with nobody about to begin a wait.
        if !workers.slots.is_empty() {
            self.check(&mut workers);
        }
    }

    /// Called by worker `index` on its own thread before it takes its first task.
    pub(crate) fn worker_started(&self, index: usize) {
        ON_A_WORKER.with(|on_a_worker| on_a_worker.set(true));
        let me = thread::current().id();
        if let Some(slot) = self.workers.lock().slots.get_mut(index) {
            slot.thread = Some(me);
        }
    }

    /// The pool's thread name prefix.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// A thread is about to sleep on futures of this pool. `untimed` says it has no deadline;
    /// `futures` lists what could end its wait (built only if the thread is one of this pool's
    /// workers; `None` if some of them cannot be listed, futures made by hand, and then the wait
    /// is never counted as stuck). Returns `None` when nobody needs to know: no hook, and not a
    /// worker here.
    pub(crate) fn begin_wait(
        pool: &Arc<Blocking>,
        (call, needs): (&'static str, Needs),
        untimed: bool,
        futures: impl FnOnce() -> Option<Vec<Box<dyn Awaited>>>,
        wake: Wake,
    ) -> Option<BlockedWait> {
        if pool.hook.is_none() && (pool.starvation == Starvation::Ignore || !on_a_worker()) {
            return None;
        }
        let me = thread::current().id();
        let mut workers = pool.workers.lock();
        let slot = workers.slots.iter().position(|s| s.thread == Some(me));
        if slot.is_none() && pool.hook.is_none() {
            return None;
        }
        let deadlock = Arc::new(OnceLock::new());
        let mut watched = false;
        if let Some(index) = slot.filter(|_| untimed && pool.starvation != Starvation::Ignore)
            && let Some(futures) = futures()
        {
            workers.slots[index].waiting = Some(Waiting {
                call,
                needs,
                futures,
                wake,
                deadlock: Arc::clone(&deadlock),
            });
            watched = true;
            pool.check(&mut workers);
        }
        Some(BlockedWait {
            pool: Arc::clone(pool),
            call,
            since: Instant::now(),
            slot,
            watched,
            deadlock,
        })
    }

    /// The starvation check, run by a worker that is about to sleep.
    fn check(&self, workers: &mut Workers) {
        if self.starvation == Starvation::Report && workers.reported {
            return;
        }
        // First without a lock of any future: is every worker waiting at all?
        if !workers.slots.iter().all(|slot| slot.waiting.is_some()) {
            return;
        }
        let stuck = |slot: &Slot| slot.waiting.as_ref().is_some_and(|w| self.is_stuck(w));
        if !workers.slots.iter().all(stuck) {
            return;
        }
        let report = self.report(&workers.slots);
        match self.starvation {
            Starvation::Report => {
                workers.reported = true;
                eprintln!("{report}");
            }
            Starvation::Error => {
                for waiting in workers.slots.iter().filter_map(|s| s.waiting.as_ref()) {
                    let _ = waiting.deadlock.set(report.clone());
                    match &waiting.wake {
                        Wake::Awaited => waiting.futures.iter().for_each(|f| f.wake()),
                        Wake::Channel(sender) => {
                            let _ = sender.send(Notice {
                                token: DEADLOCK_TOKEN,
                                completion: Completion::Cancelled,
                            });
                        }
                    }
                }
            }
            Starvation::Ignore => {}
        }
    }

    /// Whether a wait can only end by a future of this pool that no worker is free to finish.
    /// The futures are read as they are now: one done a moment ago (its waiter may be waking,
    /// its notice taken but its record not yet cleared) ends an "any" wait, so that wait is
    /// not stuck.
    fn is_stuck(&self, waiting: &Waiting) -> bool {
        // A wait the check has already ended is on its way out.
        if waiting.deadlock.get().is_some() {
            return false;
        }
        let open_here = |f: &dyn Awaited| {
            !f.is_done() && f.origin().is_some_and(|origin| self.is(&origin.pool))
        };
        let mut futures = waiting.futures.iter().map(|f| &**f);
        match waiting.needs {
            Needs::Any => !waiting.futures.is_empty() && futures.all(open_here),
            Needs::All => futures.any(open_here),
        }
    }

    /// Whether `pool` is this very record.
    fn is(&self, pool: &Arc<Blocking>) -> bool {
        std::ptr::eq(self, Arc::as_ptr(pool))
    }

    /// What a stuck pool prints, or what its stuck waits return.
    fn report(&self, slots: &[Slot]) -> String {
        let mut text = format!(
            "deadlock: every worker of {} is waiting for a future that only its own workers \
             could finish, and none is free:",
            self.name
        );
        for slot in slots {
            let Some(waiting) = &slot.waiting else {
                continue;
            };
            let open: Vec<String> = (waiting.futures.iter())
                .filter(|f| !f.is_done())
                .map(|f| f.describe())
                .collect();
            let _ = write!(text, "\n  {} waits in {} for ", slot.name, waiting.call);
            match open.as_slice() {
                [one] => text.push_str(one),
                [first, second] => {
                    let _ = write!(text, "{first} or {second}");
                }
                [first, rest @ ..] => {
                    let _ = write!(text, "{first} or {} more", rest.len());
                }
                [] => {}
            }
        }
        text.push_str(
            "\nGive the pool more workers than there can be waiting tasks, \
             or wait for results outside the tasks.",
        );
        text
    }
}

/// A blocking wait in progress, from [`Blocking::begin_wait`] to [`end`](Self::end).
pub(crate) struct BlockedWait {
    pool: Arc<Blocking>,
    call: &'static str,
    since: Instant,
    /// The worker's index, if the waiting thread is one of this pool's workers.
    slot: Option<usize>,
    /// Whether its record is in the check.
    watched: bool,
    deadlock: Arc<OnceLock<String>>,
}

impl BlockedWait {
    /// The report, if the check ended this wait.
    pub(crate) fn deadlock(&self) -> Option<Error> {
        self.deadlock.get().cloned().map(Error::Deadlock)
    }

    /// The thread goes back to sleep on the same wait, whose futures may have changed (a step
    /// of `map` that heard of another item than the one it waits for): its record gets them
    /// and the check looks again, as when the wait began.
    pub(crate) fn watch_again(&self, futures: impl FnOnce() -> Option<Vec<Box<dyn Awaited>>>) {
        let Some(index) = self.slot.filter(|_| self.watched) else {
            return;
        };
        let Some(futures) = futures() else {
            return;
        };
        let mut workers = self.pool.workers.lock();
        let Some(waiting) = workers
            .slots
            .get_mut(index)
            .and_then(|s| s.waiting.as_mut())
        else {
            return;
        };
        let old = std::mem::replace(&mut waiting.futures, futures);
        self.pool.check(&mut workers);
        drop(workers);
        // Dropped outside the lock, as in `clear`.
        drop(old);
    }

    /// The thread is awake: its record is cleared and, with a hook, the wait reported. `task` is
    /// the task whose completion woke it (the future waited for, or the one `wait` or
    /// `as_completed` heard of last); `woken` is false when it ended otherwise (a timeout, a
    /// deadlock).
    pub(crate) fn end(mut self, task: u64, woken: bool) {
        self.clear();
        if self.pool.hook.is_some() {
            let worker = self.slot.and_then(|index| {
                let workers = self.pool.workers.lock();
                workers.slots.get(index).map(|slot| slot.name.clone())
            });
            let kind = EventKind::Waited {
                call: self.call,
                since: self.since,
                woken,
            };
            emit(self.pool.hook.as_ref(), task, kind, worker.as_deref());
        }
    }

    /// Takes the record out of the check.
    fn clear(&mut self) {
        if !std::mem::take(&mut self.watched) {
            return;
        }
        let Some(index) = self.slot else {
            return;
        };
        let waiting = {
            let mut workers = self.pool.workers.lock();
            workers
                .slots
                .get_mut(index)
                .and_then(|slot| slot.waiting.take())
        };
        // Dropped outside the lock: the last handle on a future may run a value's `Drop`.
        drop(waiting);
    }
}

impl Drop for BlockedWait {
    fn drop(&mut self) {
        self.clear();
    }
}
