//! `Watch`: the futures one `wait` or `as_completed` call is watching, and its channel.
//!
//! Python mirrored: the set-up and tear-down around the waiter in `wait` and `as_completed`
//! (`_base.py`): `fs = set(fs)`, `waiter = _create_and_install_waiters(fs, ...)`, and the
//! `finally: f._waiters.remove(waiter)` loop.
//!
//! Why no call needs to lock all its futures at once (Python locks them all, in `id` order):
//! each future is looked at, under its own lock, exactly once. If it is already done, the call
//! counts it then; if not, the waiter (`waiter.rs`) is in its list before the lock is released,
//! so its completion will be sent. Either way nothing is missed.
//!
//! Python's `fs = set(fs)` needs no set here: the same look under the lock finds this call's
//! waiter already listed when a future comes a second time (`Future::install_waiter`), so the
//! duplicate is skipped with no hashing. The price is that a waiter stays on its future until
//! the call lets go of it, even after the notice: [`Watch::take`] and [`Watch::unregister`]
//! remove it.

use crate::blocking::{BlockedWait, Blocking, Needs, Wake};
use crate::future::{Future, Installed};
use crate::sync::Arc;
use crate::sync::channel::{self, Receiver, Sender};
use crate::waiter::Notice;
use std::borrow::Borrow;
use std::collections::VecDeque;
use std::fmt;

/// The most futures a `wait` or `as_completed` on a pool's worker may watch and still be looked
/// at by the starvation check (`blocking.rs`).
const CHECKED_AT_MOST: usize = 1_000;

/// The set of futures one waiting call watches, with its channel.
///
/// Building it deduplicates the futures (by identity, keeping the first occurrence's position),
/// registers a waiter on each one not yet done, and notes which were done already. Dropping it
/// unregisters from the futures the call has not taken out, so a future that outlives the call
/// does not keep a dead sender.
pub(crate) struct Watch<T> {
    /// The watched futures in input order, duplicates removed; a token is an index here. A
    /// future is taken out (set to `None`) once the call hands it back to its caller.
    futures: Vec<Option<Future<T>>>,
    /// Futures that were already done when the call began, in input order.
    pub(crate) already_done: VecDeque<Notice>,
    /// Where completions arrive.
    pub(crate) receiver: Receiver<Notice>,
    /// Kept to tell this call's waiters apart from others' when unregistering; it also keeps the
    /// channel open, so `receiver.recv()` waits rather than failing.
    sender: Sender<Notice>,
    /// Whether the futures still in the watch may send to `sender`: until [`unregister`].
    ///
    /// [`unregister`]: Watch::unregister
    listening: bool,
    /// The pool of the first pool-made future watched, told when the call sleeps.
    pool: Option<Arc<Blocking>>,
}

impl<T> Watch<T> {
    /// Starts watching `futures`.
    pub(crate) fn new<I, F>(futures: I) -> Self
    where
        I: IntoIterator<Item = F>,
        F: Borrow<Future<T>>,
    {
        let (sender, receiver) = channel::unbounded();
        let futures = futures.into_iter();
        let expected = futures.size_hint().0;
        let mut watched = Vec::with_capacity(expected);
        let mut already_done = VecDeque::new();
        let mut pool = None;
        for future in futures {
            let future = future.borrow();
            if pool.is_none() {
                pool = future.origin().map(|origin| Arc::clone(&origin.pool));
            }
            let token = watched.len();
            match future.install_waiter(token, &sender) {
                Installed::Duplicate => continue,
                Installed::Done(completion) => already_done.push_back(Notice { token, completion }),
                Installed::Waiting => {}
            }
            watched.push(Some(future.clone()));
        }
        Watch {
            futures: watched,
            already_done,
            receiver,
            sender,
            listening: true,
            pool,
        }
    }

    /// How many distinct futures are watched.
    pub(crate) fn len(&self) -> usize {
        self.futures.len()
    }

    /// Tells the pool of the first pool-made future still watched that this call is about to
    /// sleep (see `blocking.rs`): for the event hook, and for the starvation check if this
    /// thread is one of that pool's workers. Returns `None` if no pool needs to know.
    ///
    /// The check is handed the futures not yet handed back, at each sleep; a call watching
    /// more than [`CHECKED_AT_MOST`] of them is not checked, so that `as_completed` over many
    /// futures in a task costs no more than it did.
    pub(crate) fn begin_wait(
        &self,
        call: (&'static str, Needs),
        untimed: bool,
    ) -> Option<BlockedWait> {
        let pool = self.pool.as_ref()?;
        let erased = || {
            let left = self.futures.iter().flatten();
            if left.clone().count() > CHECKED_AT_MOST {
                return None;
            }
            left.map(Future::erased).collect()
        };
        let wake = Wake::Channel(self.sender.clone());
        Blocking::begin_wait(pool, call, untimed, erased, wake)
    }

    /// The task number of the future with this token, or of the first one watched.
    pub(crate) fn task_of(&self, token: Option<usize>) -> u64 {
        let future = match token {
            Some(token) => self.futures.get(token).and_then(Option::as_ref),
            None => self.futures.iter().flatten().next(),
        };
        future
            .and_then(Future::origin)
            .map_or(0, |origin| origin.task)
    }

    /// Takes the future with this token out of the watch, to hand it to the caller, no longer
    /// listening to it.
    pub(crate) fn take(&mut self, token: usize) -> Option<Future<T>> {
        let future = self.futures.get_mut(token).and_then(Option::take)?;
        if self.listening {
            future.remove_waiter(&self.sender);
        }
        Some(future)
    }

    /// Stops listening to the futures still in the watch (they stay in it). A future that
    /// finished before this returns has sent its notice already: notices are sent under the
    /// future's lock, which unregistering takes too.
    pub(crate) fn unregister(&mut self) {
        if std::mem::take(&mut self.listening) {
            for future in self.futures.iter().flatten() {
                future.remove_waiter(&self.sender);
            }
        }
    }

    /// Takes every future still in the watch, no longer listening to them.
    pub(crate) fn take_rest(&mut self) -> impl Iterator<Item = Future<T>> + '_ {
        self.unregister();
        self.futures.iter_mut().filter_map(Option::take)
    }
}

impl<T> Drop for Watch<T> {
    fn drop(&mut self) {
        self.unregister();
    }
}

impl<T> fmt::Debug for Watch<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watch")
            .field("futures", &self.futures)
            .field("already_done", &self.already_done)
            .field("listening", &self.listening)
            .field("notices_waiting", &self.receiver.len())
            .finish()
    }
}
