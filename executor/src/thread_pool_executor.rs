//! `ThreadPoolExecutor`: a queue, some threads, and the rules for starting and stopping them.
//!
//! Python mirrored: `concurrent.futures.ThreadPoolExecutor` (`Lib/concurrent/futures/thread.py`).
//!
//! # The parts
//!
//! * **The queue**: an unbounded crossbeam channel of [`WorkItem`]s. `submit` sends, workers
//!   receive. The pool keeps the only `Sender` (inside its lock); each worker holds a clone of
//!   the `Receiver`, as Python hands each `_worker` the `work_queue`.
//! * **The workers**: threads running `worker_loop` (see `worker.rs`), started lazily.
//! * **The lock**: one mutex around the sender, the record of each thread and the broken flag.
//!   `submit` and `shutdown` take it, so a submit either happens entirely before a shutdown or is
//!   refused. Workers take it only between tasks: to hand back a claimed submit, or when their
//!   initializer fails.
//!
//! # Lazy start and idle reuse (Python's `_adjust_thread_count`)
//!
//! No thread starts in the constructor. Each `submit` first tries to take one count from the
//! *idle semaphore* (workers add one when they find the queue empty): if that works, an idle
//! worker will take the new item and no thread starts. Otherwise it tries to claim a worker that
//! is publishing its last result and will be back at the queue at once (`worker.rs` explains
//! why Python needs no such step and we do). Otherwise, if fewer than `max_workers` threads have
//! been started, one more starts. So threads start one per submit at most, never more than
//! `max_workers`, and an idle one is always reused first.
//!
//! # Shutdown
//!
//! `shutdown(wait, cancel_futures)` drops the sender, which closes the queue: workers finish what
//! is already queued and then exit, and later submits get `Error::Shutdown`. With
//! `cancel_futures` the queued items are drained and cancelled first. With `wait` the call joins
//! every worker, in start order. Several `shutdown(wait = true)` calls may run at once (from
//! other threads, or from the pool's own tasks); each takes the handles nobody has taken yet,
//! joins them, and then waits for the joins others are doing, so every one of them returns only
//! when all the workers it waits for have exited. Dropping the executor is
//! `shutdown(wait = true)`: leaving a `with` block.
//!
//! # What hangs or aborts, as in Python or worse
//!
//! * A task that waits for a future queued behind it, with every worker busy waiting likewise,
//!   hangs the pool for ever: the deadlock CPython's documentation warns of (see
//!   [`ThreadPoolExecutor::submit`]). Python hangs in silence; this pool says so on stderr
//!   first, or ends the stuck waits with an error ([`Builder::starvation`], `blocking.rs`).
//! * A task that overflows its thread's stack aborts the process: Rust cannot catch that as it
//!   catches a panic. Python raises `RecursionError` into the future. Deep recursion needs
//!   [`Builder::stack_size`].
//!
//! # Differences from Python, and why
//!
//! * Futures cancelled by `shutdown(cancel_futures = true)` are also *notified*, so `wait` and
//!   `as_completed` see them as done. CPython leaves them invisible to those calls, which then hang
//!   (gh-87893, gh-92001, gh-109934).
//! * When an initializer fails, every queued future fails with `BrokenThreadPool`; cancelled ones
//!   are notified instead. CPython stops draining at the first cancelled future and leaves the
//!   rest pending for ever.
//! * Rust joins nothing when `main` returns: threads still running are killed with the process.
//!   Keep the executor alive (or drop it, which waits) until its work is done. An executor that
//!   is leaked, or kept in a `static`, is never shut down; queued work it still holds when the
//!   process exits is lost. Python joins every pool at interpreter exit.
//! * `initializer` is a closure; it "raises" by panicking.
//! * Calling `shutdown(wait = true)` from one of the pool's own tasks waits for the workers
//!   started before that task's thread, as Python's does, and then returns where Python raises
//!   "cannot join current thread". Workers started later are not waited for: one of them may be
//!   waiting for this one. A shutdown from outside the pool joins them all, and so does the
//!   drop, unless the executor's last handle is dropped on one of its own workers.

use crate::blocking::{Blocking, Starvation};
use crate::errors::Error;
use crate::events::{EventHook, EventKind, HookDebug, emit};
use crate::exception::catch_panic;
use crate::future::Future;
use crate::sync::channel::{self, Receiver, Sender};
use crate::sync::thread::{self, JoinHandle, ThreadId};
use crate::sync::{Arc, AtomicU64, AtomicUsize, Condvar, FutureArc, Mutex, Ordering};
use crate::work_item::{Job, WorkItem, discard};
use crate::worker::{Phase, PhaseCell, Worker, worker_loop};
use std::fmt;

/// A pool of threads that run submitted calls and hand back [`Future`]s.
///
/// ```
/// use executor::ThreadPoolExecutor;
///
/// // with futures.ThreadPoolExecutor(max_workers=4) as executor:
/// let executor = ThreadPoolExecutor::new(4).unwrap();
/// let future = executor.submit(|| "BR".to_lowercase()).unwrap();
/// assert_eq!(future.result().unwrap(), "br");
/// drop(executor); // the end of the `with` block: shutdown(wait=True)
/// ```
pub struct ThreadPoolExecutor {
    pool: Arc<Pool>,
}

/// Everything the executor and its workers share.
pub(crate) struct Pool {
    /// `ThreadPoolExecutor-{k}` or the prefix the builder was given.
    thread_name_prefix: String,
    /// The prefix of the kernel's short thread names: `TPE-{k}`, or the given prefix.
    kernel_name_prefix: String,
    /// The most threads this pool will start.
    max_workers: usize,
    /// The queue's receiving end: each worker gets a clone; `shutdown` drains through it.
    work_queue: Receiver<WorkItem>,
    /// What `submit` and `shutdown` change together.
    control: Mutex<Control>,
    /// Signalled, with `control`, each time a `shutdown(wait = true)` has joined a worker.
    joined: Condvar,
    /// Python's `_idle_semaphore`: how many workers are free to take the next item. Read only
    /// while the pool has fewer than `max_workers` threads (see `adjust_thread_count`).
    idle_semaphore: IdleSemaphore,
    /// Run by each worker before its first task.
    initializer: Option<Initializer>,
    /// The opt-in event hook.
    events: Option<EventHook>,
    /// Each worker thread's stack size in bytes; `None` for Rust's default (2 MiB).
    stack_size: Option<usize>,
    /// The number the next submitted task gets.
    next_task: AtomicU64,
    /// Shared with every future of this pool: who is blocked on them (`blocking.rs`).
    blocking: Arc<Blocking>,
}

/// The state `submit` and `shutdown` read and change under the pool's lock.
struct Control {
    /// The queue's only sender; `None` once shut down, which closes the queue.
    sender: Option<Sender<WorkItem>>,
    /// Set when an initializer failed: Python's `_broken`.
    broken: bool,
    /// Every thread started, in start order (a worker's index is its place here): Python's
    /// `_threads`.
    threads: Vec<WorkerThread>,
}

/// The pool's record of one started worker thread.
struct WorkerThread {
    /// What the worker is doing, shared with it (see `worker.rs`).
    phase: Arc<PhaseCell>,
    /// To tell whether `shutdown` was called from this worker.
    id: ThreadId,
    /// Its handle, until a `shutdown(wait = true)` takes it to join it.
    handle: Option<JoinHandle<()>>,
    /// Set once that join has returned: the thread has exited.
    joined: bool,
}

/// A worker initializer: Python's `initializer(*initargs)`. Only ever read, so a plain std
/// `Arc` (loom's cannot hold a `dyn Fn`), like the event hook's.
type Initializer = std::sync::Arc<dyn Fn() + Send + Sync>;

/// Counts idle workers: Python's `_idle_semaphore`, as one atomic.
struct IdleSemaphore(AtomicUsize);

impl IdleSemaphore {
    /// A worker says it is free.
    fn release(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }

    /// `acquire(timeout=0)`: takes one count if there is one.
    fn try_acquire(&self) -> bool {
        self.0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |idle| {
                idle.checked_sub(1)
            })
            .is_ok()
    }
}

impl ThreadPoolExecutor {
    /// `ThreadPoolExecutor(max_workers)`. Zero gives `Err(Error::InvalidMaxWorkers)`, Python's
    /// `ValueError: max_workers must be greater than 0`.
    ///
    /// ```
    /// let executor = executor::ThreadPoolExecutor::new(4).unwrap();
    /// assert_eq!(executor.threads_started(), 0); // threads start on demand
    /// assert!(executor::ThreadPoolExecutor::new(0).is_err());
    /// ```
    pub fn new(max_workers: usize) -> Result<Self, Error> {
        Builder::default().max_workers(max_workers).build()
    }

    /// A [`Builder`] for the other constructor arguments (`thread_name_prefix`, `initializer`)
    /// and the event hook.
    ///
    /// ```
    /// let executor = executor::ThreadPoolExecutor::builder().build().unwrap();
    /// assert!(executor.max_workers() >= 5);
    /// ```
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Schedules `call` to run on a worker and returns its [`Future`].
    ///
    /// Python's `executor.submit(fn, *args)`; capture the arguments in the closure. Fails with
    /// [`Error::Shutdown`] after [`shutdown`](Self::shutdown) and with
    /// [`Error::BrokenThreadPool`] once an initializer has failed. If the operating system
    /// refuses to start a needed worker thread, it fails with [`Error::ThreadStart`]; as in
    /// Python, the call was already queued and runs if the pool has any worker.
    ///
    /// **A task must not wait for work queued behind it.** If every worker is busy with a task
    /// that waits (in `result()`, `wait` or `as_completed`) for a future still in the queue,
    /// nothing ever runs it: the pool hangs, as Python's does (its documentation's two examples:
    /// a task waiting on a future submitted after it to a one-worker pool, and two tasks each
    /// waiting on the other's future). Give the pool more workers than there can be waiting
    /// tasks, or collect results outside the tasks. Unlike Python's, this pool notices: it
    /// prints who waits for what on stderr, once, or, built with
    /// [`Starvation::Error`], ends those waits with
    /// [`Error::Deadlock`].
    ///
    /// ```
    /// let executor = executor::ThreadPoolExecutor::new(2).unwrap();
    /// let cc = "BR";
    /// let future = executor.submit(move || format!("{cc}.gif")).unwrap();
    /// assert_eq!(future.result().unwrap(), "BR.gif");
    /// executor.shutdown(true, false);
    /// assert!(executor.submit(|| ()).is_err());
    /// ```
    pub fn submit<T, F>(&self, call: F) -> Result<Future<T>, Error>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + Sync + 'static,
    {
        // Numbered outside the lock, so the future can carry its number; two threads submitting
        // at once may reach the queue in the other order.
        let task = self.pool.next_task.fetch_add(1, Ordering::Relaxed);
        // One allocation: the future, with the call in it, is also the queued job.
        let (future, job) = Future::of_task(task, Arc::clone(&self.pool.blocking), call);
        Pool::submit_work_item(&self.pool, task, job)?;
        Ok(future)
    }

    /// Queues a job made elsewhere (`map`'s items) from its number, numbered as `submit`
    /// numbers its tasks: returns its task number.
    pub(crate) fn submit_job(
        &self,
        job: impl FnOnce(u64) -> FutureArc<dyn Job>,
    ) -> Result<u64, Error> {
        let task = self.pool.next_task.fetch_add(1, Ordering::Relaxed);
        Pool::submit_work_item(&self.pool, task, job(task))?;
        Ok(task)
    }

    /// What the pool knows of the threads blocked on its work.
    pub(crate) fn blocking(&self) -> &Arc<Blocking> {
        &self.pool.blocking
    }

    /// Stops taking work and frees the threads once the queued work is done.
    ///
    /// * Later `submit`/`map` calls fail with [`Error::Shutdown`].
    /// * `cancel_futures`: cancel every call still in the queue (they are notified, so `wait` and
    ///   `as_completed` see them). Running calls always finish.
    /// * `wait`: return only when every worker has exited, after the queued (or running) work.
    ///   Called from one of the pool's own tasks, it waits for the workers started before that
    ///   task's thread, as far as Python's gets before it raises "cannot join current thread".
    ///
    /// Calling it again is harmless. Dropping the executor calls `shutdown(true, false)`.
    ///
    /// ```
    /// let executor = executor::ThreadPoolExecutor::new(1).unwrap();
    /// let future = executor.submit(|| 1).unwrap();
    /// executor.shutdown(true, false);
    /// assert_eq!(*future.result().unwrap(), 1); // queued work still ran
    /// ```
    pub fn shutdown(&self, wait: bool, cancel_futures: bool) {
        self.pool.shutdown(wait, cancel_futures);
    }

    /// How many worker threads this pool has started so far (Python: `len(executor._threads)`).
    ///
    /// ```
    /// let executor = executor::ThreadPoolExecutor::new(4).unwrap();
    /// for _ in 0..3 {
    ///     executor.submit(|| ()).unwrap().result().unwrap();
    /// }
    /// assert_eq!(executor.threads_started(), 1); // the idle thread was reused each time
    /// ```
    pub fn threads_started(&self) -> usize {
        self.pool.control.lock().threads.len()
    }

    /// The most threads this pool will start (Python: `executor._max_workers`).
    ///
    /// ```
    /// assert_eq!(executor::ThreadPoolExecutor::new(7).unwrap().max_workers(), 7);
    /// ```
    pub fn max_workers(&self) -> usize {
        self.pool.max_workers
    }

    /// The prefix of the workers' names: `ThreadPoolExecutor-{k}` or the one given.
    ///
    /// ```
    /// let executor = executor::ThreadPoolExecutor::new(1).unwrap();
    /// assert!(executor.thread_name_prefix().starts_with("ThreadPoolExecutor-"));
    /// ```
    pub fn thread_name_prefix(&self) -> &str {
        &self.pool.thread_name_prefix
    }
}

impl Drop for ThreadPoolExecutor {
    /// Leaving Python's `with` block: `shutdown(wait=True)`.
    fn drop(&mut self) {
        self.pool.shutdown(true, false);
    }
}

/// Shows the pool the way a debugger user wants to see it:
/// `ThreadPoolExecutor { name: "ThreadPoolExecutor-0", max_workers: 4, threads: 4, running: 4,
/// shutdown: false, broken: false, idle: 0, queued: 3 }`.
impl fmt::Debug for ThreadPoolExecutor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pool = &self.pool;
        let mut out = f.debug_struct("ThreadPoolExecutor");
        out.field("name", &pool.thread_name_prefix)
            .field("max_workers", &pool.max_workers);
        // `try_lock`: printing from inside an event hook (lock held) must not deadlock.
        if let Some(control) = pool.control.try_lock() {
            let in_phase = |phase| {
                (control.threads.iter())
                    .filter(|thread| thread.phase.get() == phase)
                    .count()
            };
            out.field("threads", &control.threads.len())
                .field("running", &in_phase(Phase::Running))
                .field("shutdown", &control.sender.is_none())
                .field("broken", &control.broken)
                .field("idle", &in_phase(Phase::Waiting));
        }
        out.field("queued", &pool.work_queue.len()).finish()
    }
}

impl Pool {
    /// The one non-generic door every submission goes through (`submit` and `map` alike):
    /// put a breakpoint here to see each task enter the pool.
    pub(crate) fn submit_work_item(
        pool: &Arc<Pool>,
        task: u64,
        job: FutureArc<dyn Job>,
    ) -> Result<(), Error> {
        let mut control = pool.control.lock();
        if control.broken {
            return Err(Error::BrokenThreadPool);
        }
        let Some(sender) = &control.sender else {
            return Err(Error::Shutdown);
        };
        if pool.events.is_some() {
            // Submitted by a task (on a worker), or by another thread?
            let me = thread::current();
            let worker = crate::blocking::on_a_worker().then(|| me.name()).flatten();
            emit(pool.events.as_ref(), task, EventKind::Submitted, worker);
        }
        // An unbounded send only fails when every receiver is gone; the pool holds one.
        sender.send(WorkItem { job }).map_err(|_| Error::Shutdown)?;
        Pool::adjust_thread_count(pool, &mut control)
    }

    /// Python's `_adjust_thread_count`: reuse an idle worker, or start one if below the limit.
    /// A worker that is publishing its last result counts as idle, once (see `worker.rs`).
    ///
    /// Python takes a count from the idle semaphore first, even in a full pool. We look at the
    /// limit first: a full pool starts no thread whatever the count says, and skipping the
    /// semaphore spares each submit an atomic write to a counter every idle worker also
    /// writes (a tenth of `map`'s cost per item, `docs/benchmarks.md`). The count then only
    /// grows in a full pool, where nothing reads it; `Debug`'s `idle` counts waiting workers.
    fn adjust_thread_count(pool: &Arc<Pool>, control: &mut Control) -> Result<(), Error> {
        if control.threads.len() >= pool.max_workers || pool.idle_semaphore.try_acquire() {
            return Ok(());
        }
        if control.threads.iter().any(|thread| thread.phase.claim()) {
            return Ok(());
        }
        let worker = Worker::new(
            control.threads.len(),
            &pool.thread_name_prefix,
            &pool.kernel_name_prefix,
            pool.work_queue.clone(),
            Arc::clone(pool),
        );
        let phase = Arc::clone(&worker.phase);
        let mut builder = thread::Builder::new().name(worker.name.clone());
        if let Some(bytes) = pool.stack_size {
            builder = builder.stack_size(bytes);
        }
        // Counted before its thread exists, so the starvation check never sees too few workers.
        pool.blocking.add_worker(&worker.name);
        let handle = match builder.spawn(move || worker_loop(worker)) {
            Ok(handle) => handle,
            Err(error) => {
                pool.blocking.remove_last_worker();
                return Err(Error::ThreadStart(error.to_string()));
            }
        };
        control.threads.push(WorkerThread {
            phase,
            id: handle.thread().id(),
            handle: Some(handle),
            joined: false,
        });
        Ok(())
    }

    /// See [`ThreadPoolExecutor::shutdown`].
    fn shutdown(&self, wait: bool, cancel_futures: bool) {
        let cancelled: Vec<WorkItem> = {
            let mut control = self.control.lock();
            // Dropping the only sender closes the queue: workers drain it, then exit.
            control.sender = None;
            if cancel_futures {
                self.work_queue.try_iter().collect()
            } else {
                Vec::new()
            }
        };
        // Outside the lock, and before taking any thread to join: cancelling runs done-callbacks,
        // which may call into the executor, even `shutdown(wait = true)` itself.
        let mut calls = Vec::with_capacity(cancelled.len());
        for item in &cancelled {
            calls.push(FutureArc::clone(&item.job).cancel_and_notify(item.task()));
            emit(
                self.events.as_ref(),
                item.task(),
                EventKind::Cancelled,
                None,
            );
        }
        // Only once every future is cancelled: a call's captures may panic as they drop, or
        // wait for another of these calls.
        for (item, call) in cancelled.iter().zip(calls) {
            discard(item.task(), call);
        }
        cancelled.into_iter().for_each(WorkItem::discard);
        if wait {
            self.join_workers();
        }
    }

    /// `shutdown(wait = true)`'s joins. Python joins in start order and raises on reaching its
    /// own thread: called from a worker, it waits for exactly the workers started before it. So
    /// do we, and that order also means no two workers can each be waiting for the other. A Rust
    /// thread is joined once, so each call joins the handles nobody has taken yet, then waits for
    /// the joins other calls are doing. It looks again after each round: a worker handing back a
    /// submit ([`Pool::hand_off`]) may start one last thread before it exits.
    fn join_workers(&self) {
        let me = thread::current().id();
        loop {
            let to_join: Vec<(usize, JoinHandle<()>)> = {
                let mut control = self.control.lock();
                loop {
                    let waits_for = (control.threads.iter())
                        .position(|worker| worker.id == me)
                        .unwrap_or(control.threads.len());
                    let threads = &mut control.threads[..waits_for];
                    if threads.iter().all(|worker| worker.joined) {
                        return;
                    }
                    let to_join: Vec<_> = (threads.iter_mut().enumerate())
                        .filter_map(|(index, worker)| Some((index, worker.handle.take()?)))
                        .collect();
                    if !to_join.is_empty() {
                        break to_join;
                    }
                    // Every handle is taken: wait for the calls joining them.
                    self.joined.wait(&mut control);
                }
            };
            for (index, handle) in to_join {
                // `Err` only if the thread panicked; it has ended all the same.
                let _ = handle.join();
                self.control.lock().threads[index].joined = true;
                self.joined.notify_all();
            }
        }
    }
}

/// What a worker asks of its pool: Python's `_worker` reaches the executor through its
/// `executor_reference` for the same few things.
impl Pool {
    /// Runs the initializer, if there is one, before the worker's first task. If it panics,
    /// the pool is broken: returns `false`, and the worker exits.
    pub(crate) fn initialize_worker(&self) -> bool {
        let Some(initializer) = &self.initializer else {
            return true;
        };
        match catch_panic(|| initializer()) {
            Ok(()) => true,
            Err(panic) => {
                eprintln!("Exception in initializer: {panic:?}");
                self.initializer_failed();
                false
            }
        }
    }

    /// What the pool knows of the threads blocked on its futures.
    pub(crate) fn blocking(&self) -> &Blocking {
        &self.blocking
    }

    /// A worker found the queue empty: `_idle_semaphore.release()`.
    pub(crate) fn count_idle(&self) {
        self.idle_semaphore.release();
    }

    /// Reports `kind` for `task` to the event hook, if there is one.
    #[inline]
    pub(crate) fn emit(&self, task: u64, kind: EventKind, worker: Option<&str>) {
        emit(self.events.as_ref(), task, kind, worker);
    }

    /// A worker that a submit counted on is about to run done-callbacks instead of taking the
    /// next item: check again, as that submit did, whether the queued work needs a thread. The
    /// submit came before any shutdown, and Python would have started its thread then, so this
    /// may start one after a shutdown too; `shutdown(wait = true)` joins it all the same.
    pub(crate) fn hand_off(pool: &Arc<Pool>) {
        let mut control = pool.control.lock();
        if !control.broken && !pool.work_queue.is_empty() {
            // Failing to start a thread leaves the item queued for the workers there are.
            let _ = Pool::adjust_thread_count(pool, &mut control);
        }
    }

    /// Python's `_initializer_failed`: mark the pool broken and fail everything queued.
    fn initializer_failed(&self) {
        let drained: Vec<WorkItem> = {
            let mut control = self.control.lock();
            control.broken = true;
            self.work_queue.try_iter().collect()
        };
        let mut calls = Vec::with_capacity(drained.len());
        for item in &drained {
            calls.push(FutureArc::clone(&item.job).fail(item.task(), Error::BrokenThreadPool));
        }
        // As in `shutdown`: every future failed before any call's captures go.
        for (item, call) in drained.iter().zip(calls) {
            discard(item.task(), call);
        }
        drained.into_iter().for_each(WorkItem::discard);
    }
}

/// Settings for a [`ThreadPoolExecutor`]: Python's constructor arguments.
///
/// ```
/// use executor::ThreadPoolExecutor;
///
/// let executor = ThreadPoolExecutor::builder()
///     .max_workers(3)
///     .thread_name_prefix("flags")
///     .initializer(|| println!("worker ready"))
///     .build()
///     .unwrap();
/// let name = executor.submit(|| std::thread::current().name().unwrap().to_owned()).unwrap();
/// assert_eq!(name.result().unwrap(), "flags_0");
/// ```
#[must_use]
#[derive(Default)]
pub struct Builder {
    max_workers: Option<usize>,
    thread_name_prefix: Option<String>,
    initializer: Option<Initializer>,
    events: Option<EventHook>,
    stack_size: Option<usize>,
    starvation: Starvation,
    report_never_retrieved: Option<bool>,
}

/// The environment variable that turns on [`Builder::report_never_retrieved`] for every pool
/// built without saying: set it to anything but `0` or nothing.
pub const REPORT_NEVER_RETRIEVED_VAR: &str = "EXECUTOR_REPORT_NEVER_RETRIEVED";

impl Builder {
    /// The most threads the pool may start. Zero is an error at [`build`](Self::build).
    /// Default: `min(32, available_parallelism + 4)`.
    ///
    /// ```
    /// let pool = executor::ThreadPoolExecutor::builder().max_workers(2).build().unwrap();
    /// assert_eq!(pool.max_workers(), 2);
    /// ```
    pub fn max_workers(mut self, max_workers: usize) -> Self {
        self.max_workers = Some(max_workers);
        self
    }

    /// Names threads `{prefix}_0`, `{prefix}_1`, ... instead of `ThreadPoolExecutor-{k}_{i}`.
    /// An empty prefix means the default, as in Python. A prefix with a NUL byte, which no
    /// thread name can hold, makes [`build`](Self::build) fail with
    /// [`Error::InvalidThreadNamePrefix`].
    ///
    /// ```
    /// let pool = executor::ThreadPoolExecutor::builder().thread_name_prefix("P").build().unwrap();
    /// assert_eq!(pool.thread_name_prefix(), "P");
    /// ```
    pub fn thread_name_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.thread_name_prefix = Some(prefix.into());
        self
    }

    /// A function each worker runs once, before its first task. If it panics, the pool is
    /// broken: queued futures fail with [`Error::BrokenThreadPool`] and later submits are refused.
    ///
    /// ```
    /// use executor::{Error, ThreadPoolExecutor};
    /// let pool = ThreadPoolExecutor::builder()
    ///     .initializer(|| panic!("error in initializer"))
    ///     .build()
    ///     .unwrap();
    /// let future = pool.submit(|| 1);
    /// // Either submit is refused, or the queued future fails.
    /// let error = future.and_then(|f| f.result().copied()).unwrap_err();
    /// assert!(matches!(error, Error::BrokenThreadPool));
    /// ```
    pub fn initializer(mut self, initializer: impl Fn() + Send + Sync + 'static) -> Self {
        self.initializer = Some(std::sync::Arc::new(initializer));
        self
    }

    /// Calls `hook` for every [`Event`](crate::Event): a task submitted, started, finished or
    /// cancelled, and a thread woken from a wait on one of the pool's futures. See `events.rs`
    /// for when it runs and what it must not do.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// use std::sync::Arc;
    /// let count = Arc::new(AtomicUsize::new(0));
    /// let seen = Arc::clone(&count);
    /// let pool = executor::ThreadPoolExecutor::builder()
    ///     .on_event(move |event| {
    ///         if !matches!(event.kind, executor::EventKind::Waited { .. }) {
    ///             seen.fetch_add(1, Ordering::SeqCst);
    ///         }
    ///     })
    ///     .build()
    ///     .unwrap();
    /// pool.submit(|| ()).unwrap().result().unwrap();
    /// drop(pool);
    /// assert_eq!(count.load(Ordering::SeqCst), 3); // submitted, started, finished
    /// ```
    pub fn on_event(mut self, hook: impl Fn(&crate::Event<'_>) + Send + Sync + 'static) -> Self {
        self.events = Some(std::sync::Arc::new(hook));
        self
    }

    /// Gives each worker thread a stack of `bytes` (Rust's default is 2 MiB; the system may
    /// round a small value up to its minimum). A task that overflows its thread's stack, in deep
    /// recursion say, cannot be caught as a panic is: Rust aborts the whole process with
    /// `thread '...' has overflowed its stack`, where Python raises a `RecursionError` the
    /// future would hold. Give such tasks a bigger stack. A size the system refuses makes
    /// `submit` fail with [`Error::ThreadStart`] when it starts a thread.
    ///
    /// ```
    /// let pool = executor::ThreadPoolExecutor::builder()
    ///     .stack_size(64 * 1024 * 1024)
    ///     .build()
    ///     .unwrap();
    /// fn depth(n: u64) -> u64 {
    ///     let frame = [n; 64]; // 512 bytes of stack per call
    ///     if n == 0 { 0 } else { 1 + depth(std::hint::black_box(frame)[0] - 1) }
    /// }
    /// // Far more stack than Rust's default 2 MiB holds.
    /// assert_eq!(*pool.submit(|| depth(40_000)).unwrap().result().unwrap(), 40_000);
    /// ```
    pub fn stack_size(mut self, bytes: usize) -> Self {
        self.stack_size = Some(bytes);
        self
    }

    /// What the pool does when every worker it has started waits (in `result()`, `map`,
    /// `wait` or `as_completed`, without a timeout) for a future that only its own workers
    /// could run: the starvation deadlock of CPython's documentation. By default
    /// ([`Starvation::Report`]) it says so on stderr, once, naming the workers and what each
    /// waits for, and hangs as Python does; [`Starvation::Error`] ends the stuck waits with
    /// [`Error::Deadlock`]; [`Starvation::Ignore`] is Python's silence. See `blocking.rs`.
    ///
    /// ```
    /// use executor::{Starvation, ThreadPoolExecutor};
    /// let pool = ThreadPoolExecutor::builder().starvation(Starvation::Error).build().unwrap();
    /// # drop(pool);
    /// ```
    pub fn starvation(mut self, starvation: Starvation) -> Self {
        self.starvation = starvation;
        self
    }

    /// Reports on stderr each future of this pool that holds a task's panic and is dropped
    /// without anyone having called `result()` or `exception()` on it or added a done-callback:
    /// asyncio's "Future exception was never retrieved", which CPython's thread pool does not
    /// have (cpython#85544). Off by default, as in Python, unless the environment variable
    /// [`REPORT_NEVER_RETRIEVED_VAR`] (`EXECUTOR_REPORT_NEVER_RETRIEVED`) is set to anything
    /// but `0`; this call overrides it either way.
    ///
    /// ```
    /// let pool = executor::ThreadPoolExecutor::builder()
    ///     .report_never_retrieved(true)
    ///     .build()
    ///     .unwrap();
    /// let future = pool.submit(|| panic!("nobody looks")).unwrap();
    /// pool.shutdown(true, false);
    /// drop(future); // stderr: Future exception was never retrieved ... panic: nobody looks
    /// ```
    pub fn report_never_retrieved(mut self, report: bool) -> Self {
        self.report_never_retrieved = Some(report);
        self
    }

    /// Makes the executor. Starts no thread yet.
    ///
    /// ```
    /// use executor::{Error, ThreadPoolExecutor};
    /// let error = ThreadPoolExecutor::builder().max_workers(0).build().unwrap_err();
    /// assert!(matches!(error, Error::InvalidMaxWorkers));
    /// ```
    pub fn build(self) -> Result<ThreadPoolExecutor, Error> {
        let max_workers = self.max_workers.unwrap_or_else(default_max_workers);
        if max_workers == 0 {
            return Err(Error::InvalidMaxWorkers);
        }
        if self
            .thread_name_prefix
            .as_ref()
            .is_some_and(|p| p.contains('\0'))
        {
            return Err(Error::InvalidThreadNamePrefix);
        }
        let (thread_name_prefix, kernel_name_prefix) = match self.thread_name_prefix {
            Some(prefix) if !prefix.is_empty() => (prefix.clone(), prefix),
            _ => {
                let k = EXECUTOR_COUNTER.fetch_add(1, Ordering::Relaxed);
                (format!("ThreadPoolExecutor-{k}"), format!("TPE-{k}"))
            }
        };
        let report_never_retrieved = self.report_never_retrieved.unwrap_or_else(|| {
            std::env::var_os(REPORT_NEVER_RETRIEVED_VAR).is_some_and(|v| !v.is_empty() && v != "0")
        });
        let blocking = Blocking::new(
            thread_name_prefix.clone(),
            self.events.clone(),
            self.starvation,
            report_never_retrieved,
        );
        let (sender, work_queue) = channel::unbounded();
        Ok(ThreadPoolExecutor {
            pool: Arc::new(Pool {
                thread_name_prefix,
                kernel_name_prefix,
                max_workers,
                work_queue,
                control: Mutex::new(Control {
                    sender: Some(sender),
                    broken: false,
                    threads: Vec::new(),
                }),
                joined: Condvar::new(),
                idle_semaphore: IdleSemaphore(AtomicUsize::new(0)),
                initializer: self.initializer,
                events: self.events,
                stack_size: self.stack_size,
                next_task: AtomicU64::new(0),
                blocking: Arc::new(blocking),
            }),
        })
    }
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("max_workers", &self.max_workers)
            .field("thread_name_prefix", &self.thread_name_prefix)
            .field("initializer", &self.initializer.as_ref().map(|_| "<fn>"))
            .field("on_event", &HookDebug(&self.events))
            .field("stack_size", &self.stack_size)
            .field("starvation", &self.starvation)
            .field("report_never_retrieved", &self.report_never_retrieved)
            .finish()
    }
}

/// Numbers executors built without a prefix, like Python's class-wide counter:
/// `ThreadPoolExecutor-0`, `ThreadPoolExecutor-1`, ... A `static`, so std's atomic under every
/// build (see `sync.rs`).
static EXECUTOR_COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Python's default: `min(32, (os.process_cpu_count() or 1) + 4)`.
fn default_max_workers() -> usize {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    32.min(cpus + 4)
}
