//! `wait`: block until some or all of a set of futures are done.
//!
//! Python mirrored: `concurrent.futures.wait(fs, timeout=None, return_when=ALL_COMPLETED)`,
//! returning the named tuple `DoneAndNotDoneFutures(done, not_done)` of two sets.
//!
//! How it works: a [`Watch`] counts the futures already done and registers one channel on every
//! other one (see `watch.rs`), then the call counts completions as they arrive until its
//! condition holds or the timeout passes:
//!
//! | `return_when`     | returns when                                             |
//! |-------------------|----------------------------------------------------------|
//! | `FirstCompleted`  | at least one future is done                               |
//! | `FirstException`  | one future raised, or all are done (a cancel is no raise) |
//! | `AllCompleted`    | every future is done                                      |
//!
//! Python's three waiter classes become these three stopping rules over one channel. As in
//! Python, a future cancelled but never notified (see `future.rs`) counts as not done, and a
//! future that completes while the call is returning is still counted as done if its notice
//! arrived first.
//!
//! Difference from Python: `return_when` is an enum, so Python's
//! `ValueError: Invalid return condition` cannot happen.

use crate::blocking::{DEADLOCK_TOKEN, Needs};
use crate::future::{Future, deadline_after};
use crate::waiter::{Completion, Notice};
use crate::watch::Watch;
use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::time::Duration;

/// When [`wait`] should return.
///
/// ```
/// use executor::{wait, Error, Future, Panic, ReturnWhen};
///
/// let ok = Future::new();
/// let failed: Future<i32> = Future::new();
/// let pending: Future<i32> = Future::new();
/// ok.set_result(1).unwrap();
/// failed.set_exception(Error::Panic(Panic::new("boom"))).unwrap();
/// let result = wait([&ok, &failed, &pending], None, ReturnWhen::FirstException);
/// assert_eq!(result.done.len(), 2);
/// assert!(result.not_done.contains(&pending));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ReturnWhen {
    /// As soon as any future finishes or is cancelled.
    FirstCompleted,
    /// As soon as any future finishes by raising (panicking); if none does, like `AllCompleted`.
    FirstException,
    /// When every future has finished or been cancelled.
    #[default]
    AllCompleted,
}

/// Python's `concurrent.futures.FIRST_COMPLETED`.
///
/// ```
/// assert_eq!(executor::FIRST_COMPLETED, executor::ReturnWhen::FirstCompleted);
/// ```
pub const FIRST_COMPLETED: ReturnWhen = ReturnWhen::FirstCompleted;
/// Python's `concurrent.futures.FIRST_EXCEPTION`.
///
/// ```
/// assert_eq!(executor::FIRST_EXCEPTION, executor::ReturnWhen::FirstException);
/// ```
pub const FIRST_EXCEPTION: ReturnWhen = ReturnWhen::FirstException;
/// Python's `concurrent.futures.ALL_COMPLETED`.
///
/// ```
/// assert_eq!(executor::ALL_COMPLETED, executor::ReturnWhen::AllCompleted);
/// ```
pub const ALL_COMPLETED: ReturnWhen = ReturnWhen::AllCompleted;

/// What [`wait`] returns: the futures that were done and those that were not.
///
/// ```
/// use executor::{wait, DoneAndNotDoneFutures, Future, FIRST_COMPLETED};
/// use std::time::Duration;
///
/// let pending: Future<()> = Future::new();
/// let DoneAndNotDoneFutures { done, not_done } =
///     wait([&pending], Some(Duration::ZERO), FIRST_COMPLETED);
/// assert!(done.is_empty() && not_done.contains(&pending));
/// ```
pub struct DoneAndNotDoneFutures<T> {
    /// Futures that finished, or were cancelled and notified, before the call returned.
    pub done: HashSet<Future<T>>,
    /// All the others.
    pub not_done: HashSet<Future<T>>,
}

impl<T> fmt::Debug for DoneAndNotDoneFutures<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DoneAndNotDoneFutures")
            .field("done", &self.done)
            .field("not_done", &self.not_done)
            .finish()
    }
}

/// Waits for the futures until `return_when` holds or `timeout` passes (`None`: no limit;
/// zero: just look). Duplicates are counted once.
///
/// ```
/// use executor::{wait, ThreadPoolExecutor, ALL_COMPLETED};
///
/// let pool = ThreadPoolExecutor::new(4).unwrap();
/// let futures: Vec<_> = (1..=4).map(|n| pool.submit(move || n * n).unwrap()).collect();
/// let result = wait(&futures, None, ALL_COMPLETED);
/// assert_eq!(result.done.len(), 4);
/// assert!(result.not_done.is_empty());
/// ```
pub fn wait<T, I, F>(
    futures: I,
    timeout: Option<Duration>,
    return_when: ReturnWhen,
) -> DoneAndNotDoneFutures<T>
where
    I: IntoIterator<Item = F>,
    F: Borrow<Future<T>>,
{
    let deadline = timeout.and_then(deadline_after);
    let mut watch = Watch::new(futures);
    let total = watch.len();
    let mut tally = Tally::default();
    for notice in std::mem::take(&mut watch.already_done) {
        tally.count(notice);
    }
    // Told to the pool the first time the call has to sleep (`blocking.rs`).
    let mut blocked = None;
    let mut last = None;
    let mut woken = true;
    loop {
        let satisfied = match return_when {
            ReturnWhen::FirstCompleted => !tally.done.is_empty(),
            ReturnWhen::FirstException => tally.raised,
            ReturnWhen::AllCompleted => false,
        };
        if satisfied || tally.done.len() == total {
            break;
        }
        if blocked.is_none() {
            let needs = match return_when {
                ReturnWhen::AllCompleted => Needs::All,
                ReturnWhen::FirstCompleted | ReturnWhen::FirstException => Needs::Any,
            };
            blocked = Some(watch.begin_wait(("wait()", needs), deadline.is_none()));
        }
        let notice = match deadline {
            None => watch.receiver.recv().ok(),
            Some(deadline) => watch.receiver.recv_deadline(deadline).ok(),
        };
        match notice {
            // The pool's starvation check ended the wait: return as on a timeout.
            Some(notice) if notice.token == DEADLOCK_TOKEN => {
                woken = false;
                break;
            }
            Some(notice) => {
                last = Some(notice.token);
                tally.count(notice);
            }
            None => {
                woken = false;
                break; // timed out
            }
        }
    }
    if let Some(blocked) = blocked.flatten() {
        blocked.end(watch.task_of(last), woken);
    }
    // The futures counted done come out first, so that letting go of the rest does not lock
    // them (no waiter of this call is left on them; the order is for speed, not correctness).
    // Then stop listening to the rest and read what has arrived, as Python does: a future whose
    // notice is here is done too, even if we stopped waiting; one with none finished after we
    // let go.
    let mut done: HashSet<Future<T>> = (tally.done.into_iter())
        .filter_map(|token| watch.take(token))
        .collect();
    watch.unregister();
    while let Ok(notice) = watch.receiver.try_recv() {
        if notice.token != DEADLOCK_TOKEN
            && let Some(future) = watch.take(notice.token)
        {
            done.insert(future);
        }
    }
    let not_done = watch.take_rest().collect();
    DoneAndNotDoneFutures { done, not_done }
}

/// What `wait` has heard so far.
#[derive(Default)]
struct Tally {
    /// Tokens of the futures known to be done.
    done: Vec<usize>,
    /// Whether one of them raised.
    raised: bool,
}

impl Tally {
    fn count(&mut self, notice: Notice) {
        self.raised |= notice.completion == Completion::Raised;
        self.done.push(notice.token);
    }
}
