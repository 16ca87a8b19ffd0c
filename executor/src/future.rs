//! `Future`: the result of a call that may not have happened yet.
//!
//! Python mirrored: `concurrent.futures.Future` (`Lib/concurrent/futures/_base.py`). Not Rust's
//! `std::future::Future`, which is a value polled by an async runtime; this one is a handle to a
//! call running on another thread, and you block on it, exactly as in Python.
//!
//! # How it is built
//!
//! A future is one `Arc` holding:
//!
//! * a [`OnceLock`] with the outcome, `Result<T, Box<Error>>`, written exactly once on completion
//!   (the error boxed: errors are rare, and a boxed one takes 8 bytes of every future instead of
//!   40);
//! * for a pool's future, its task number and its pool (`blocking.rs`);
//! * a [`Mutex`] around its [`Stage`] (`stage.rs`: the state, and the call until a worker takes
//!   it) and a box, made on first need, of who listens: the waiters of the `wait` and
//!   `as_completed` calls watching it, its done-callbacks, and the threads asleep in `result()`.
//!
//! `submit` makes this one allocation and queues a second handle on it as the job
//! (`work_item.rs`), so a task costs one allocation, not a future and a boxed job. The call's
//! type is erased in `Future<T>` (the stage is seen as `dyn ErasedStage<T>`), so the type a
//! debugger shows is `Future<T>`, whatever closure the future was made from.
//!
//! Why the listeners are boxed and `result()` parks rather than waiting on a condition variable
//! of the future's own: every byte of a future is paid by every task, and most tasks are never
//! listened to. A pending future of `u64`, its queue slot included, holds 121 bytes
//! (`examples/future_memory.rs`); with the lists inline and a condvar it held 193. The price is
//! one small allocation for the first listener (`listeners.rs`): a `wait` or `as_completed`
//! pays it per future it watches that is not done yet, and a `result()` that has to sleep pays it if nobody
//! listens yet (sleeping costs far more anyway).
//!
//! Keeping the outcome in a `OnceLock` beside the mutex is what lets `result()` return `&T` and
//! be called any number of times without `T: Clone`, the way Python hands back the same object
//! on every call: once a value is written it never changes, so references to it may outlive the
//! lock. A channel per task would do as a handle too, but a channel allocates its own buffer
//! and bookkeeping beside the value; this is one allocation (`docs/benchmarks.md` measures what
//! a task costs).
//!
//! # The state machine
//!
//! ```text
//!              cancel()                     set_running_or_notify_cancel()
//!   PENDING ─────────────▶ CANCELLED ─────────────────────────────▶ CANCELLED_AND_NOTIFIED
//!      │                                                            (waiters told now)
//!      │ set_running_or_notify_cancel()
//!      ▼
//!   RUNNING ──── set_result() / set_exception() ────▶ FINISHED
//!   (PENDING may also go straight to FINISHED)
//! ```
//!
//! Like Python, `done()` counts both cancelled states as done, but `wait` and `as_completed` see
//! a cancelled future only once it is *notified*: when a worker dequeues it, or when
//! `shutdown(cancel_futures = true)` drains it (that second case is our fix for CPython's
//! gh-87893, see [`crate::ThreadPoolExecutor::shutdown`]).
//!
//! # `try: future.result() except ...:` in Rust
//!
//! Python has one channel for failure: the call raises, and `result()` re-raises. Here a task
//! can fail two ways, and `result()` keeps them apart. A task that returns `Result` keeps its own
//! error as its *value* (`Ok(Err(e))`); a task that panics has "raised" (`Err(Error::Panic(_))`).
//! One `match` handles every case, arm for `except` clause:
//!
//! ```
//! use executor::{Error, ThreadPoolExecutor};
//!
//! fn get_flag(cc: &str) -> Result<Vec<u8>, String> {
//!     if cc == "XX" { Err(format!("HTTP 404 - Not Found")) } else { Ok(b"GIF89a".to_vec()) }
//! }
//!
//! let executor = ThreadPoolExecutor::new(2).unwrap();
//! let future = executor.submit(|| get_flag("XX")).unwrap();
//! let message = match future.result() {
//!     // res = future.result()
//!     Ok(Ok(image)) => format!("{} bytes", image.len()),
//!     // except HTTPError as exc:  (the task's own error, returned as its value)
//!     Ok(Err(http_error)) => format!("*** Error: {http_error}"),
//!     // except Exception as exc:  (the task panicked)
//!     Err(Error::Panic(panic)) => format!("*** crashed: {panic}"),
//!     // except CancelledError / TimeoutError:
//!     Err(other) => format!("*** {other}"),
//! };
//! assert_eq!(message, "*** Error: HTTP 404 - Not Found");
//! ```
//!
//! # Differences from Python
//!
//! * `result()` returns `Result<&T, Error>`; the task's panic comes back as
//!   [`Error::Panic`]. A task that returns `Result` keeps its own error as
//!   its value: `Ok(Err(e))`.
//! * Timeouts are separate methods (`result_timeout`), since Rust has no default arguments.
//! * Because any thread may call `result()` and borrow the value, a future is shared between
//!   threads only if `T: Send + Sync`.
//! * A panicking done-callback is reported on stderr (`exception calling callback for <Future ...>`)
//!   and the remaining callbacks still run, as Python does for an `Exception`.

use crate::blocking::{Awaited, BlockedWait, Blocking, Needs, Origin, Wake};
use crate::errors::{Error, Outcome};
use crate::exception::catch_panic;
use crate::stage::{ByHand, Stage, State, Stranded};
use crate::sync::channel::Sender;
use crate::sync::thread;
use crate::sync::{Arc, FutureArc, Mutex, MutexGuard, OnceLock, park_until};
use crate::type_name::short_type_name;
use crate::waiter::{Completion, Notice, Waiter};
use crate::work_item::{Job, discard};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

/// A handle to the result of a call, shared by whoever submitted it, the worker running it, and
/// any `wait`/`as_completed` watching it.
///
/// Cloning is cheap (one reference count) and clones are the *same* future: equal, with the
/// same hash and the same address in `Debug`, like Python's identity-based hashing. That lets
/// a `HashMap<Future<T>, &str>` map futures to country codes as the flags demo does.
///
/// ```
/// use executor::ThreadPoolExecutor;
///
/// let pool = ThreadPoolExecutor::new(2).unwrap();
/// let future = pool.submit(|| 6 * 7).unwrap();
/// assert_eq!(*future.result().unwrap(), 42);
/// assert_eq!(*future.result().unwrap(), 42); // as many times as you like
/// assert!(future.done());
/// println!("{future:?}"); // <Future at 0x55d0c2a4e2c0 state=finished returned i32>
/// ```
pub struct Future<T> {
    inner: FutureArc<Inner<T, dyn ErasedStage<T>>>,
}

/// What every clone of a future points at, and, for a pool's future, the call that completes
/// it: `submit` allocates once for both (`S` is the [`Stage`], holding the call).
pub(crate) struct Inner<T, S: ?Sized> {
    /// The call's outcome, written once under the lock just before the state becomes FINISHED.
    outcome: OnceLock<Outcome<T>>,
    /// The pool that runs it and the task's number there, for the waits it reports
    /// (`blocking.rs`); `None` if made by hand.
    link: Option<Origin>,
    /// The state with the call, and who listens. Last, so that a future can see the stage as
    /// [`ErasedStage`]: the one allocation holds a call of any type, and `Future<T>` names no
    /// closure type.
    guarded: Mutex<Guarded<T, S>>,
}

/// The part of a future that changes, kept under its mutex.
pub(crate) struct Guarded<T, S: ?Sized> {
    /// Whoever waits for the future, `None` until the first: most futures are never waited
    /// on by anything but a `result()` that finds them done, and every byte here is paid by
    /// every task (`docs/benchmarks.md`).
    listeners: Option<Box<Listeners<T>>>,
    /// Where the future is in its life (see the module's diagram), with its call.
    pub(crate) stage: S,
}

/// Who is told when a future is done (`listeners.rs`).
type Listeners<T> = crate::listeners::Listeners<Callback<T>>;

/// A done-callback: Python's `fn(future)`.
pub(crate) type Callback<T> = Box<dyn FnOnce(&Future<T>) + Send>;

/// A future's done-callbacks, as kept and handed out.
pub(crate) type Callbacks<T> = Vec<Callback<T>>;

/// What every clone of a future can do with its stage, not knowing the call's type.
pub(crate) trait ErasedStage<T>: Send {
    /// The state.
    fn state(&self) -> State;
    /// Moves to `to`, keeping the call where the new state has room for it (PENDING to
    /// CANCELLED). Otherwise the call, if any, comes back to be dropped outside the lock.
    fn advance(&mut self, to: State) -> Stranded;
    /// A type-erased handle on `future` for the pool's starvation check (`blocking.rs`);
    /// `None` for a future made by hand. Here because only the pool's futures, made where
    /// `T: Send + Sync` is known, can give one, and the stage's vtable costs a future nothing.
    fn erase(&self, future: &Future<T>) -> Option<Box<dyn Awaited>>;
}

/// A `submit`ted call's stage.
impl<T, F> ErasedStage<T> for Stage<F>
where
    T: Send + Sync + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    fn state(&self) -> State {
        Stage::state(self)
    }

    fn advance(&mut self, to: State) -> Stranded {
        Stage::advance(self, to)
    }

    fn erase(&self, future: &Future<T>) -> Option<Box<dyn Awaited>> {
        Some(Box::new(future.clone()))
    }
}

/// A hand-made future's stage.
impl<T> ErasedStage<T> for Stage<ByHand> {
    fn state(&self) -> State {
        Stage::state(self)
    }

    fn advance(&mut self, to: State) -> Stranded {
        Stage::advance(self, to)
    }

    fn erase(&self, _future: &Future<T>) -> Option<Box<dyn Awaited>> {
        None
    }
}

impl<T> Future<T> {
    /// A new, pending future. The executor makes these in `submit`; build one by hand to drive
    /// it yourself with [`set_running_or_notify_cancel`](Self::set_running_or_notify_cancel),
    /// [`set_result`](Self::set_result) and [`set_exception`](Self::set_exception), as Python's
    /// tests do.
    ///
    /// ```
    /// let future: executor::Future<&str> = executor::Future::new();
    /// assert!(!future.done());
    /// assert!(format!("{future:?}").ends_with("state=pending>"));
    /// ```
    pub fn new() -> Self {
        Future {
            inner: FutureArc::new(Inner::pending(None, ByHand)),
        }
    }

    /// A pool's new future for task number `task`, with the call that will complete it: the
    /// future, and the same allocation seen as a queued job.
    pub(crate) fn of_task<F>(task: u64, pool: Arc<Blocking>, call: F) -> (Self, FutureArc<dyn Job>)
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let origin = Origin { task, pool };
        let inner = FutureArc::new(Inner::pending(Some(origin), call));
        let job: FutureArc<dyn Job> = inner.clone();
        (Future { inner }, job)
    }

    /// The future a worker completes, from its job (see `work_item.rs`).
    pub(crate) fn of_job<F>(inner: FutureArc<Inner<T, Stage<F>>>) -> Self
    where
        Stage<F>: ErasedStage<T> + 'static,
    {
        Future { inner }
    }

    /// Attempts to cancel the call. Returns `false` if it is running or finished (it cannot be
    /// stopped), `true` if it is now cancelled (also when it already was).
    ///
    /// A successful first cancel wakes anyone blocked in `result()` and runs the done-callbacks
    /// in this thread. Like Python, it does not tell `wait`/`as_completed`: they learn of it when
    /// a worker dequeues the future.
    ///
    /// ```
    /// let future: executor::Future<i32> = executor::Future::new();
    /// assert!(future.cancel());
    /// assert!(future.cancel()); // still true, and callbacks do not run twice
    /// assert!(future.cancelled() && future.done());
    /// ```
    pub fn cancel(&self) -> bool {
        let callbacks = {
            let mut guarded = self.inner.guarded.lock();
            match guarded.stage.state() {
                State::Running | State::Finished => return false,
                State::Cancelled | State::CancelledAndNotified => return true,
                State::Pending => {}
            }
            // Keeps the call: it is dropped outside every lock, when a worker dequeues it or
            // a shutdown drains it.
            let kept = guarded.stage.advance(State::Cancelled);
            debug_assert!(kept.is_none());
            guarded.wake_sleepers();
            guarded.take_callbacks()
        };
        self.run_callbacks(callbacks);
        true
    }

    /// True if the call was cancelled.
    ///
    /// ```
    /// let future: executor::Future<i32> = executor::Future::new();
    /// assert!(!future.cancelled());
    /// ```
    pub fn cancelled(&self) -> bool {
        matches!(self.state(), State::Cancelled | State::CancelledAndNotified)
    }

    /// True if the call is running right now (a worker has started it).
    ///
    /// ```
    /// let future: executor::Future<i32> = executor::Future::new();
    /// future.set_running_or_notify_cancel().unwrap();
    /// assert!(future.running());
    /// ```
    pub fn running(&self) -> bool {
        self.state() == State::Running
    }

    /// True if the call finished or was cancelled.
    ///
    /// ```
    /// let future = executor::Future::new();
    /// future.set_result(1).unwrap();
    /// assert!(future.done());
    /// ```
    pub fn done(&self) -> bool {
        self.state().is_done()
    }

    /// Waits for the call to finish and returns a reference to its value.
    ///
    /// Returns `Err(Error::Cancelled)` if it was cancelled, and the task's own exception
    /// (usually [`Error::Panic`]) if it raised one. Blocks without limit; see
    /// [`result_timeout`](Self::result_timeout).
    ///
    /// ```
    /// let future = executor::Future::new();
    /// future.set_result(String::from("BR")).unwrap();
    /// assert_eq!(future.result().unwrap(), "BR");
    /// ```
    pub fn result(&self) -> Result<&T, Error> {
        self.result_until(None, "result()")
    }

    /// Like [`result`](Self::result), but gives up after `timeout` with
    /// `Err(Error::Timeout { .. })`. A zero timeout polls.
    ///
    /// ```
    /// use std::time::Duration;
    /// let future: executor::Future<i32> = executor::Future::new();
    /// let error = future.result_timeout(Duration::ZERO).unwrap_err();
    /// assert!(error.is_timeout());
    /// ```
    ///
    /// A timeout too long for the clock to reach, such as `Duration::MAX`, waits for ever.
    pub fn result_timeout(&self, timeout: Duration) -> Result<&T, Error> {
        self.result_until(deadline_after(timeout), "result()")
    }

    /// `result()` with an absolute deadline (`None` waits for ever), reporting a wait as `call`.
    pub(crate) fn result_until(
        &self,
        deadline: Option<Instant>,
        call: &'static str,
    ) -> Result<&T, Error> {
        match self.wait_until_done(deadline, call)? {
            Ok(value) => Ok(value),
            Err(error) => Err((**error).clone()),
        }
    }

    /// Waits for the call to finish and returns the exception it raised, or `None` if it
    /// returned normally. `Err(Error::Cancelled)` if it was cancelled.
    ///
    /// ```
    /// use executor::{Error, Future, Panic};
    /// let future: Future<i32> = Future::new();
    /// future.set_exception(Error::Panic(Panic::new("bad flag"))).unwrap();
    /// assert_eq!(future.exception().unwrap().unwrap().to_string(), "bad flag");
    /// ```
    pub fn exception(&self) -> Result<Option<&Error>, Error> {
        Ok(self
            .wait_until_done(None, "exception()")?
            .as_ref()
            .err()
            .map(|error| &**error))
    }

    /// Like [`exception`](Self::exception), but gives up after `timeout`.
    ///
    /// ```
    /// use std::time::Duration;
    /// let future = executor::Future::new();
    /// future.set_result(()).unwrap();
    /// assert!(future.exception_timeout(Duration::ZERO).unwrap().is_none());
    /// ```
    pub fn exception_timeout(&self, timeout: Duration) -> Result<Option<&Error>, Error> {
        Ok(self
            .wait_until_done(deadline_after(timeout), "exception()")?
            .as_ref()
            .err()
            .map(|error| &**error))
    }

    /// The heart of `result()` and `exception()`: sleep until the state is final or the
    /// deadline passes. Returns the stored outcome, or `Cancelled`/`Timeout`.
    fn wait_until_done(
        &self,
        deadline: Option<Instant>,
        call: &'static str,
    ) -> Result<&Outcome<T>, Error> {
        // Fast path: a finished future needs no lock, its outcome never changes.
        if let Some(outcome) = self.inner.outcome.get() {
            return Ok(self.retrieve(outcome));
        }
        self.wait_until_done_slowly(deadline, call)
    }

    /// The slow path of [`wait_until_done`](Self::wait_until_done), kept out of line so that
    /// the fast one stays small: tell the pool this thread is about to sleep (before taking our
    /// lock, see `blocking.rs`; the pool takes it briefly, under its own, for the starvation
    /// check's handle on this future), sleep, then tell it we woke.
    #[inline(never)]
    fn wait_until_done_slowly(
        &self,
        deadline: Option<Instant>,
        call: &'static str,
    ) -> Result<&Outcome<T>, Error> {
        let blocked = self.inner.link.as_ref().and_then(|origin| {
            let erase = || Some(vec![self.erased()?]);
            Blocking::begin_wait(
                &origin.pool,
                (call, Needs::Any),
                deadline.is_none(),
                erase,
                Wake::Awaited,
            )
        });
        let slept = self.sleep_until_done(deadline, blocked.as_ref());
        if let (Some(blocked), Some(origin)) = (blocked, &self.inner.link) {
            let woken = matches!(slept, Ok(()) | Err(Error::Cancelled));
            blocked.end(origin.task, woken);
        }
        slept?;
        let outcome =
            (self.inner.outcome.get()).ok_or(Error::UnexpectedState { state: "FINISHED" })?;
        Ok(self.retrieve(outcome))
    }

    /// Parks until the state is final, the deadline passes, or the pool's starvation check
    /// ends the wait. The thread lists itself among the sleepers under the lock before it
    /// first parks, so the unpark of whoever makes the state final cannot come too early to
    /// be seen: a park after an unpark returns at once.
    fn sleep_until_done(
        &self,
        deadline: Option<Instant>,
        blocked: Option<&BlockedWait>,
    ) -> Result<(), Error> {
        let me = thread::current();
        let mut listed = false;
        loop {
            let mut guarded = self.inner.guarded.lock();
            let woken = self.woken(&guarded, deadline, blocked);
            match (woken, listed) {
                (Some(woken), false) => return woken,
                (Some(woken), true) => {
                    let listeners = guarded.listeners();
                    listeners.remove_sleeper(me.id());
                    if listeners.is_idle() {
                        guarded.listeners = None;
                    }
                    return woken;
                }
                // Listed before the lock goes: whoever makes the state final will unpark us.
                (None, false) => {
                    guarded.listeners().add_sleeper(me.clone());
                    listed = true;
                }
                (None, true) => {}
            }
            drop(guarded);
            // Python waits once; a park may end early, so we loop to the deadline.
            park_until(deadline);
        }
    }

    /// Why a sleep in `result()` is over, looked at under the lock; `None` to sleep on.
    fn woken(
        &self,
        guarded: &Guarded<T, dyn ErasedStage<T>>,
        deadline: Option<Instant>,
        blocked: Option<&BlockedWait>,
    ) -> Option<Result<(), Error>> {
        // First, so that every wait the check ended gets its error, even one whose future
        // another such wait's task completed a moment later.
        if let Some(deadlock) = blocked.and_then(BlockedWait::deadlock) {
            return Some(Err(deadlock));
        }
        match guarded.stage.state() {
            State::Finished => Some(Ok(())),
            State::Cancelled | State::CancelledAndNotified => Some(Err(Error::Cancelled)),
            State::Pending | State::Running
                if deadline.is_some_and(|deadline| Instant::now() >= deadline) =>
            {
                Some(Err(Error::Timeout { unfinished: None }))
            }
            State::Pending | State::Running => None,
        }
    }

    /// Notes that an exception has been seen (a lock, but only for an exception), then hands
    /// the outcome on.
    fn retrieve<'a>(&self, outcome: &'a Outcome<T>) -> &'a Outcome<T> {
        if outcome.is_err() && self.inner.tracks_retrieval() {
            self.inner.guarded.lock().listeners().retrieved = true;
        }
        outcome
    }

    /// Attaches `callback`, to be called with this future when it is done (finished or
    /// cancelled). If it is already done, the callback runs at once, in this thread; otherwise it
    /// runs in the thread that completes the future (a worker, or whoever calls `cancel`).
    /// Callbacks run in the order added, each exactly once. A panicking callback is reported on
    /// stderr and the others still run.
    ///
    /// ```
    /// use std::sync::mpsc;
    /// let future = executor::Future::new();
    /// let (tx, rx) = mpsc::channel();
    /// future.add_done_callback(move |f| tx.send(*f.result().unwrap()).unwrap());
    /// future.set_result(10).unwrap();
    /// assert_eq!(rx.recv().unwrap(), 10);
    /// ```
    pub fn add_done_callback(&self, callback: impl FnOnce(&Future<T>) + Send + 'static) {
        {
            let mut guarded = self.inner.guarded.lock();
            // The callback is handed the future: it may look at the exception, so it counts.
            if self.inner.tracks_retrieval() {
                guarded.listeners().retrieved = true;
            }
            if !guarded.stage.state().is_done() {
                guarded.listeners().add_callback(Box::new(callback));
                return;
            }
        }
        self.run_callbacks(vec![Box::new(callback)]);
    }

    /// Marks the future as running, for the executor (or a test) that is about to run the call.
    ///
    /// Returns `Ok(true)` if it was pending: run the call. Returns `Ok(false)` if it was
    /// cancelled: do not run it; the future becomes CANCELLED_AND_NOTIFIED and the `wait`/
    /// `as_completed` calls watching it are told now. Any other state is a misuse (it may be
    /// called once, before a result is set) and gives `Err(Error::UnexpectedState { .. })`.
    ///
    /// ```
    /// let future: executor::Future<i32> = executor::Future::new();
    /// assert_eq!(future.set_running_or_notify_cancel().unwrap(), true);
    /// assert!(future.set_running_or_notify_cancel().is_err());
    /// ```
    pub fn set_running_or_notify_cancel(&self) -> Result<bool, Error> {
        self.inner.set_running_or_notify_cancel()
    }

    /// Stores the call's value and wakes everyone waiting: `result()` callers, `wait`/
    /// `as_completed` calls, then the done-callbacks (in this thread).
    ///
    /// Fails with `Err(Error::InvalidState { .. })` if the future is already finished or
    /// cancelled; the first outcome is kept.
    ///
    /// ```
    /// let future = executor::Future::new();
    /// future.set_result(1).unwrap();
    /// let error = future.set_result(2).unwrap_err();
    /// assert!(error.to_string().starts_with("FINISHED: <Future at 0x"));
    /// assert_eq!(*future.result().unwrap(), 1);
    /// ```
    pub fn set_result(&self, value: T) -> Result<(), Error> {
        let (callbacks, stranded) = self.inner.finish(Ok(value))?;
        self.run_callbacks(callbacks);
        discard(self.inner.origin_task(), stranded);
        Ok(())
    }

    /// Stores the exception the call raised, with the same wake-ups and the same rules as
    /// [`set_result`](Self::set_result).
    ///
    /// ```
    /// use executor::{Error, Future, Panic};
    /// let future: Future<i32> = Future::new();
    /// future.set_exception(Error::Panic(Panic::new("boom"))).unwrap();
    /// assert!(format!("{future:?}").ends_with("state=finished raised panic>"));
    /// ```
    pub fn set_exception(&self, exception: Error) -> Result<(), Error> {
        let (callbacks, stranded) = self.inner.finish(Err(Box::new(exception)))?;
        self.run_callbacks(callbacks);
        discard(self.inner.origin_task(), stranded);
        Ok(())
    }

    /// Runs done-callbacks outside the lock, reporting (not propagating) a panicking one.
    pub(crate) fn run_callbacks(&self, callbacks: Callbacks<T>) {
        for callback in callbacks {
            if let Err(panic) = catch_panic(|| callback(self)) {
                eprintln!("exception calling callback for {self:?}: {panic}");
            }
        }
    }

    /// The current state, read under the lock.
    fn state(&self) -> State {
        self.inner.guarded.lock().stage.state()
    }

    /// For a `wait`/`as_completed` call: how the future ended if it is done already, or, if
    /// not, `None` once the call's waiter is listed, so that its completion will be sent.
    ///
    /// A finished future is seen without the lock, from its outcome, which is written once and
    /// never taken back. A call over many finished futures then reads each one with a plain
    /// load, and those overlap; taking each lock, a locked instruction, would wait out each
    /// future's cache miss in turn. A done future gets no waiter: it will never send a notice.
    pub(crate) fn completion_or_listen(
        &self,
        token: usize,
        sender: &Sender<Notice>,
    ) -> Option<Completion> {
        if let Some(outcome) = self.inner.outcome.get() {
            return Some(Completion::of(outcome));
        }
        let mut guarded = self.inner.guarded.lock();
        match guarded.stage.state() {
            // The outcome is written under the lock before the state moves, so it is there.
            State::Finished => {
                let outcome = self.inner.outcome.get();
                Some(Completion::of(
                    outcome.expect("a finished future holds its outcome"),
                ))
            }
            State::CancelledAndNotified => Some(Completion::Cancelled),
            State::Pending | State::Running | State::Cancelled => {
                let waiter = Waiter::new(token, sender.clone());
                guarded.listeners().add_waiter(waiter);
                None
            }
        }
    }

    /// Removes the waiter that sends on `sender`'s channel, when a `wait`/`as_completed` call
    /// stops watching.
    pub(crate) fn remove_waiter(&self, sender: &Sender<Notice>) {
        let mut guarded = self.inner.guarded.lock();
        if let Some(listeners) = &mut guarded.listeners {
            listeners.remove_waiter(sender);
            if listeners.is_idle() {
                guarded.listeners = None;
            }
        }
    }

    /// The pool that runs it, and its task number there; `None` for a future made by hand.
    pub(crate) fn origin(&self) -> Option<&Origin> {
        self.inner.link.as_ref()
    }

    /// A type-erased handle for the starvation check; `None` for a future made by hand.
    pub(crate) fn erased(&self) -> Option<Box<dyn Awaited>> {
        self.inner.guarded.lock().stage.erase(self)
    }

    /// Python's `id(future)`: the address of the shared state, the same for every clone.
    pub(crate) fn address(&self) -> usize {
        FutureArc::as_ptr(&self.inner) as *const () as usize
    }
}

/// What a future and its job both do to the shared state: a worker runs a `submit`'s call
/// from the job's side (`work_item.rs`), with no `Future` handle of its own.
impl<T, S: ?Sized + ErasedStage<T>> Inner<T, S> {
    pub(crate) fn set_running_or_notify_cancel(&self) -> Result<bool, Error> {
        let (started, stranded) = self.start(|stage, to| stage.advance(to));
        discard(self.origin_task(), stranded);
        started
    }

    /// Python's `set_running_or_notify_cancel`, giving the stage's call to `leave` with the
    /// state to move to (RUNNING, or CANCELLED_AND_NOTIFIED): the worker takes the call out
    /// in the same step, under the same lock.
    pub(crate) fn start<R: Default>(
        &self,
        leave: impl FnOnce(&mut S, State) -> R,
    ) -> (Result<bool, Error>, R) {
        let mut guarded = self.guarded.lock();
        let to = match guarded.stage.state() {
            State::Pending => State::Running,
            State::Cancelled => State::CancelledAndNotified,
            state => {
                let state = state.python_name();
                return (Err(Error::UnexpectedState { state }), R::default());
            }
        };
        let left = leave(&mut guarded.stage, to);
        if to == State::CancelledAndNotified {
            // Under the lock, as Python does: a `wait` that sees no notice for this future
            // saw it before it became final. A send never blocks. Each waiter is told once
            // and taken off: its call knows from the notice that nothing is left to remove.
            guarded.notify_waiters(Completion::Cancelled);
        }
        (Ok(to == State::Running), left)
    }

    /// `set_result` and `set_exception` up to their callbacks, for a `Future` or the job that
    /// runs its call (`work_item.rs`): the move to FINISHED, waking `result()` and the waiters.
    /// Hands back the done-callbacks, for the caller to run once the lock is released (a worker
    /// does something of its own in between, `worker.rs`), and the call if a future driven by
    /// hand still held one, to be dropped after them under [`discard`].
    pub(crate) fn finish(&self, outcome: Outcome<T>) -> Result<(Callbacks<T>, Stranded), Error> {
        let completion = Completion::of(&outcome);
        let finished = {
            let mut guarded = self.guarded.lock();
            let state = guarded.stage.state();
            if let State::Cancelled | State::CancelledAndNotified | State::Finished = state {
                return Err(Error::InvalidState {
                    state: state.python_name(),
                    repr: self.repr(&guarded),
                });
            }
            // Only this branch ever writes the outcome, and only once: the state check above
            // guarantees the cell is still empty.
            let _ = self.outcome.set(outcome);
            let stranded = guarded.stage.advance(State::Finished);
            guarded.wake_sleepers();
            // Under the lock, as Python does: a `wait` that sees no notice for this future
            // saw it before it became final. A send never blocks. Each waiter is told once
            // and taken off: its call knows from the notice that nothing is left to remove.
            guarded.notify_waiters(completion);
            (guarded.take_callbacks(), stranded)
        };
        Ok(finished)
    }

    /// Python's `id(future)`: the address of the shared state.
    pub(crate) fn address(&self) -> usize {
        std::ptr::from_ref(self) as *const () as usize
    }

    /// Whether anyone will ask if the outcome was seen: the pool reports exceptions never
    /// retrieved ([`crate::Builder::report_never_retrieved`]). Only then is it noted, in the
    /// listeners' box, so that looking at an exception costs no allocation otherwise.
    fn tracks_retrieval(&self) -> bool {
        self.link
            .as_ref()
            .is_some_and(|origin| origin.pool.report_never_retrieved)
    }

    /// The task's number in its pool; 0 for a future made by hand.
    pub(crate) fn origin_task(&self) -> u64 {
        self.link.as_ref().map_or(0, |origin| origin.task)
    }

    /// Python's `__repr__`, from an already-held lock.
    fn repr(&self, guarded: &MutexGuard<'_, Guarded<T, S>>) -> String {
        let state = guarded.stage.state();
        let mut text = format!(
            "<Future at {:#x} state={}",
            self.address(),
            state.repr_name()
        );
        if state == State::Finished {
            match self.outcome.get() {
                Some(Ok(_)) => {
                    text.push_str(" returned ");
                    text.push_str(&short_type_name(std::any::type_name::<T>()));
                }
                Some(Err(error)) => {
                    text.push_str(" raised ");
                    text.push_str(error.python_name());
                }
                None => {}
            }
        }
        text.push('>');
        text
    }
}

impl<T, F> Inner<T, Stage<F>> {
    /// A pending future's shared state, with its link to a pool (if any) and its call.
    fn pending(link: Option<Origin>, call: F) -> Self {
        Inner {
            outcome: OnceLock::new(),
            link,
            guarded: Mutex::new(Guarded {
                listeners: None,
                stage: Stage::Pending(call),
            }),
        }
    }
}

impl<T, S: ?Sized> Guarded<T, S> {
    /// The listeners, made on first need.
    fn listeners(&mut self) -> &mut Listeners<T> {
        self.listeners.get_or_insert_default()
    }

    /// Wakes every `result()` asleep on the future.
    fn wake_sleepers(&self) {
        for sleeper in self.listeners.iter().flat_map(|l| l.sleepers()) {
            sleeper.unpark();
        }
    }

    /// Tells every `wait`/`as_completed` call watching the future how it ended, taking their
    /// waiters off (the box goes too if nobody else listens).
    fn notify_waiters(&mut self, completion: Completion) {
        if let Some(listeners) = &mut self.listeners {
            listeners.notify_waiters(completion);
            if listeners.is_idle() {
                self.listeners = None;
            }
        }
    }

    /// The done-callbacks, to be run once the lock is released.
    /// The box goes with them if nobody else listens.
    fn take_callbacks(&mut self) -> Callbacks<T> {
        let listeners = self.listeners.as_mut();
        let callbacks = listeners.map(|listeners| listeners.take_callbacks());
        if self.listeners.as_ref().is_some_and(|l| l.is_idle()) {
            self.listeners = None;
        }
        callbacks.unwrap_or_default()
    }

    /// Whether anyone has seen an exception the future holds.
    fn retrieved(&self) -> bool {
        self.listeners.as_ref().is_some_and(|l| l.retrieved)
    }
}

/// What the starvation check sees of a pool's future (see `blocking.rs`).
impl<T: Send + Sync + 'static> Awaited for Future<T> {
    fn is_done(&self) -> bool {
        self.done()
    }

    fn origin(&self) -> Option<&Origin> {
        Future::origin(self)
    }

    fn describe(&self) -> String {
        match self.origin() {
            Some(origin) => format!("task {} {self:?}", origin.task),
            None => format!("{self:?}"),
        }
    }

    fn wake(&self) {
        self.inner.guarded.lock().wake_sleepers();
    }
}

/// Asyncio's "Future exception was never retrieved", when the pool asked for it
/// ([`Builder::report_never_retrieved`](crate::Builder::report_never_retrieved)): a future whose
/// task panicked goes without anyone having called `result()` or `exception()` or added a
/// done-callback.
impl<T, S: ?Sized> Drop for Inner<T, S> {
    fn drop(&mut self) {
        let Some(origin) = &self.link else {
            return;
        };
        if !origin.pool.report_never_retrieved || self.guarded.lock().retrieved() {
            return;
        }
        if let Some(Err(error)) = self.outcome.get()
            && let Error::Panic(_) = **error
        {
            let address = std::ptr::from_ref(self) as *const () as usize;
            let text = format!(
                "Future exception was never retrieved\nfuture: <Future at {address:#x} \
                 state=finished raised panic> ({} task {})\npanic: {error}\n",
                origin.pool.name(),
                origin.task,
            );
            // Never panic in a drop, even with stderr closed.
            let _ = std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes());
        }
    }
}

impl<T> Default for Future<T> {
    fn default() -> Self {
        Future::new()
    }
}

impl<T> Clone for Future<T> {
    fn clone(&self) -> Self {
        Future {
            inner: FutureArc::clone(&self.inner),
        }
    }
}

impl<T> PartialEq for Future<T> {
    fn eq(&self, other: &Self) -> bool {
        FutureArc::ptr_eq(&self.inner, &other.inner)
    }
}

impl<T> Eq for Future<T> {}

impl<T> Hash for Future<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.address().hash(state);
    }
}

/// Python's repr: `<Future at 0x7f41963595c0 state=running>`, and for a finished future
/// `... state=finished returned String>` or `... state=finished raised panic>`.
///
/// The address is the shared state's, the same for every clone. After `returned` comes the
/// Rust type name without its module path (`String`, `i32`, `Result<String, Error>`, `()` where
/// Python says `NoneType`); after `raised`, [`Error::python_name`].
impl<T> fmt::Debug for Future<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let guarded = self.inner.guarded.lock();
        f.write_str(&self.inner.repr(&guarded))
    }
}

/// The same text as `Debug`, so `println!("{future}")` prints what Python's `print(future)`
/// prints.
impl<T> fmt::Display for Future<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// The instant `timeout` from now, or `None` (no deadline) for a timeout too long for the
/// clock to reach, such as `Duration::MAX`: every `*_timeout` call reads it as "wait for ever",
/// where Python raises `OverflowError`.
pub(crate) fn deadline_after(timeout: Duration) -> Option<Instant> {
    Instant::now().checked_add(timeout)
}

#[cfg(test)]
mod tests {
    use super::Future;
    use crate::as_completed::{as_completed, as_completed_timeout};
    use crate::wait::{ALL_COMPLETED, FIRST_COMPLETED, wait};
    use std::time::Duration;

    /// Whether the future's listeners' box is allocated.
    fn listened(future: &Future<u8>) -> bool {
        future.inner.guarded.lock().listeners.is_some()
    }

    #[test]
    fn a_finished_result_allocates_no_listeners() {
        let future = Future::new();
        future.set_result(1).unwrap();
        assert_eq!(*future.result().unwrap(), 1);
        assert!(!listened(&future));
    }

    #[test]
    fn callbacks_leave_no_listeners_behind_once_run() {
        let future: Future<u8> = Future::new();
        future.add_done_callback(|_| ());
        assert!(listened(&future));
        future.set_result(1).unwrap();
        assert!(!listened(&future));
    }

    #[test]
    fn a_timed_out_result_leaves_no_listeners_behind() {
        let future: Future<u8> = Future::new();
        for _ in 0..3 {
            assert!(future.result_timeout(Duration::from_millis(1)).is_err());
            assert!(!listened(&future));
        }
    }

    #[test]
    fn as_completed_listens_only_to_what_is_not_done_and_lets_go_of_it() {
        let (done, pending, later): (Future<u8>, Future<u8>, Future<u8>) =
            (Future::new(), Future::new(), Future::new());
        done.set_result(1).unwrap();
        let mut completed = as_completed([&done, &pending, &later]);
        // A done future gets no waiter; the others do.
        assert!(!listened(&done) && listened(&pending) && listened(&later));
        assert_eq!(completed.next().unwrap(), done);
        // Completing tells the waiter and takes it off at once.
        later.set_result(3).unwrap();
        assert!(!listened(&later));
        assert_eq!(completed.next().unwrap(), later);
        drop(completed);
        assert!(!listened(&pending));
    }

    #[test]
    fn wait_leaves_no_waiter_on_any_future_however_it_returns() {
        let (done, pending): (Future<u8>, Future<u8>) = (Future::new(), Future::new());
        done.set_result(1).unwrap();
        let first = wait([&done, &pending, &done], None, FIRST_COMPLETED);
        assert_eq!((first.done.len(), first.not_done.len()), (1, 1));
        assert!(!listened(&done) && !listened(&pending));
        let timed_out = wait([&done, &pending], Some(Duration::ZERO), ALL_COMPLETED);
        assert_eq!((timed_out.done.len(), timed_out.not_done.len()), (1, 1));
        assert!(!listened(&pending));
    }

    #[test]
    fn as_completed_lets_go_of_what_is_left_when_it_times_out() {
        let pending: Future<u8> = Future::new();
        let mut completed = as_completed_timeout([&pending], Duration::ZERO);
        assert!(completed.next().unwrap().unwrap_err().is_timeout());
        // The iterator is still alive, but ended: it listens to nothing.
        assert!(!listened(&pending));
        assert!(completed.next().is_none());
    }
}
