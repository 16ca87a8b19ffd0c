//! `as_completed`: futures in the order they finish.
//!
//! Python mirrored: `concurrent.futures.as_completed(fs, timeout=None)`, the loop at the heart of
//! the flags demo:
//!
//! ```python
//! for future in futures.as_completed(to_do):
//!     res = future.result()
//! ```
//!
//! How it works: at the call, a [`Watch`] deduplicates the futures and registers a channel
//! sender on each one not yet done (see `watch.rs` and `waiter.rs`). Futures that were already
//! done are yielded first, in the order given; after that, each `next()` receives the next
//! completion from the channel, so futures come out in the order they finished.
//!
//! Differences from Python, each deliberate:
//!
//! * The work happens at the call, not at the first `next()` (Python's is a generator, so its
//!   body waits for iteration). In particular the timeout of [`as_completed_timeout`] counts from
//!   the call, as Python's documentation says; CPython's code starts the clock at the first
//!   `next()`.
//! * Futures that were already done come out in input order; Python yields them in set order,
//!   which is arbitrary.
//! * Python's `as_completed` raises `TimeoutError` from inside a `for` loop. In Rust a timeout is
//!   an item: [`as_completed_timeout`] yields `Result<Future<T>, Error>`, and the iteration ends
//!   after the error. Without a timeout, [`as_completed`] yields plain futures.
//!
//! Like Python, a future that was cancelled but never reached a worker is not "completed" here
//! and is waited for; `shutdown(cancel_futures = true)` notifies the futures it cancels, so they
//! do come out.

use crate::blocking::{BlockedWait, DEADLOCK_TOKEN, Needs};
use crate::errors::Error;
use crate::future::{Future, deadline_after};
use crate::watch::Watch;
use std::borrow::Borrow;
use std::fmt;
use std::time::{Duration, Instant};

/// Returns an iterator over `futures` that yields each one as it completes (finishes or is
/// cancelled and notified). Futures already done come first; duplicates come once.
///
/// Accepts anything that iterates over futures or references to them: `&vec`, `vec`,
/// `map.keys()`.
///
/// ```
/// use executor::{as_completed, ThreadPoolExecutor};
///
/// let pool = ThreadPoolExecutor::new(3).unwrap();
/// let to_do: Vec<_> = ["BR", "CN", "IN"]
///     .into_iter()
///     .map(|cc| pool.submit(move || cc.to_lowercase()).unwrap())
///     .collect();
/// let mut results: Vec<String> = as_completed(&to_do)
///     .map(|future| future.result().unwrap().clone())
///     .collect();
/// results.sort();
/// assert_eq!(results, ["br", "cn", "in"]);
/// ```
pub fn as_completed<T, I, F>(futures: I) -> AsCompleted<T>
where
    I: IntoIterator<Item = F>,
    F: Borrow<Future<T>>,
{
    AsCompleted::new(futures, None)
}

/// Like [`as_completed`], but stops with `Err(Error::Timeout { .. })`, reading
/// `N (of M) futures unfinished`, when `timeout` (counted from this call) passes before all are
/// done.
///
/// ```
/// use executor::{as_completed_timeout, Future};
/// use std::time::Duration;
///
/// let finished = Future::new();
/// finished.set_result(1).unwrap();
/// let stuck: Future<i32> = Future::new();
/// let mut completed = as_completed_timeout([&finished, &stuck], Duration::from_millis(10));
/// assert_eq!(completed.next().unwrap().unwrap(), finished);
/// let error = completed.next().unwrap().unwrap_err();
/// assert_eq!(error.to_string(), "1 (of 2) futures unfinished");
/// assert!(completed.next().is_none());
/// ```
pub fn as_completed_timeout<T, I, F>(futures: I, timeout: Duration) -> AsCompletedTimeout<T>
where
    I: IntoIterator<Item = F>,
    F: Borrow<Future<T>>,
{
    AsCompletedTimeout {
        inner: AsCompleted::new(futures, deadline_after(timeout)),
    }
}

/// The iterator [`as_completed`] returns: each item is a future that is done.
///
/// ```
/// use executor::{as_completed, Future};
///
/// let (first, second): (Future<u8>, Future<u8>) = (Future::new(), Future::new());
/// let mut completed = as_completed([&first, &second]);
/// second.set_result(2).unwrap(); // finishes first...
/// assert_eq!(completed.next().unwrap(), second); // ...so comes out first
/// first.set_result(1).unwrap();
/// assert_eq!(completed.next().unwrap(), first);
/// assert!(completed.next().is_none());
/// ```
pub struct AsCompleted<T> {
    /// The futures, their channel, and which were done at the call (yielded first).
    watch: Watch<T>,
    /// How many futures have not been yielded yet.
    unfinished: usize,
    /// When to give up; `None` for never.
    deadline: Option<Instant>,
    /// Set after a timeout: the iteration is over.
    timed_out: bool,
}

impl<T> AsCompleted<T> {
    fn new<I, F>(futures: I, deadline: Option<Instant>) -> Self
    where
        I: IntoIterator<Item = F>,
        F: Borrow<Future<T>>,
    {
        let watch = Watch::new(futures);
        AsCompleted {
            unfinished: watch.len(),
            watch,
            deadline,
            timed_out: false,
        }
    }

    /// One step: the next done future, `Ok(None)` at the end, or a timeout.
    fn advance(&mut self) -> Result<Option<Future<T>>, Error> {
        loop {
            if self.timed_out || self.unfinished == 0 {
                return Ok(None);
            }
            let token = match self.watch.already_done.pop_front() {
                Some(notice) => notice.token,
                None => self.receive()?,
            };
            if let Some(future) = self.watch.take(token) {
                self.unfinished -= 1;
                return Ok(Some(future));
            }
        }
    }
}

impl<T> AsCompleted<T> {
    /// Sleeps for the next completion, telling the pool (`blocking.rs`); gives its token.
    fn receive(&mut self) -> Result<usize, Error> {
        let untimed = self.deadline.is_none();
        let blocked = (self.watch).begin_wait(("next(as_completed)", Needs::Any), untimed);
        let deadlock = || blocked.as_ref().and_then(BlockedWait::deadlock);
        let token = loop {
            let notice = match self.deadline {
                None => self.watch.receiver.recv().ok(),
                Some(deadline) => self.watch.receiver.recv_deadline(deadline).ok(),
            };
            match notice.map(|notice| notice.token) {
                // A token the check sent an earlier step, which ended otherwise: not for us.
                Some(DEADLOCK_TOKEN) if deadlock().is_none() => continue,
                Some(DEADLOCK_TOKEN) | None => break None,
                Some(token) => break Some(token),
            }
        };
        let deadlock = deadlock();
        if let Some(blocked) = blocked {
            blocked.end(self.watch.task_of(token), token.is_some());
        }
        match (token, deadlock) {
            (Some(token), _) => Ok(token),
            // The pool's starvation check ended the wait, or the deadline passed: the end.
            (None, deadlock) => {
                self.timed_out = true;
                // As Python's generator does as it raises: the futures left are let go now,
                // not when the iterator is dropped.
                self.watch.unregister();
                Err(deadlock.unwrap_or(Error::Timeout {
                    unfinished: Some((self.unfinished, self.watch.len())),
                }))
            }
        }
    }
}

impl<T> Iterator for AsCompleted<T> {
    type Item = Future<T>;

    fn next(&mut self) -> Option<Future<T>> {
        // Without a deadline `advance` waits for ever and never times out.
        self.advance().ok().flatten()
    }
}

impl<T> fmt::Debug for AsCompleted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsCompleted")
            .field("unfinished", &self.unfinished)
            .field("total", &self.watch.len())
            .field("deadline", &self.deadline)
            .finish()
    }
}

/// The iterator [`as_completed_timeout`] returns: done futures, then at most one
/// `Err(Error::Timeout { .. })`, after which it ends.
///
/// ```
/// use executor::{as_completed_timeout, Future};
/// use std::time::Duration;
///
/// let never: Future<()> = Future::new();
/// let items: Vec<_> = as_completed_timeout([never], Duration::ZERO).collect();
/// assert_eq!(items.len(), 1);
/// assert!(items[0].as_ref().unwrap_err().is_timeout());
/// ```
pub struct AsCompletedTimeout<T> {
    inner: AsCompleted<T>,
}

impl<T> Iterator for AsCompletedTimeout<T> {
    type Item = Result<Future<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.advance().transpose()
    }
}

impl<T> fmt::Debug for AsCompletedTimeout<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}
