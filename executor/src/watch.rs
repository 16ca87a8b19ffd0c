//! `Watch`: the futures one `wait` or `as_completed` call is watching, and its channel.
//!
//! Python mirrored: the set-up and tear-down around the waiter in `wait` and `as_completed`
//! (`_base.py`): `fs = set(fs)`, `waiter = _create_and_install_waiters(fs, ...)`, and the
//! `finally: f._waiters.remove(waiter)` loop.
//!
//! Why no call needs to lock all its futures at once (Python locks them all, in `id` order):
//! each future is looked at exactly once. If it is already done, the call counts it then; if
//! not, the waiter (`waiter.rs`) is in its list before the future's lock is released, so its
//! completion will be sent. Either way nothing is missed.
//!
//! What each step costs, since a call may watch a great many futures, most of them often done
//! already (`docs/benchmarks.md`):
//!
//! * **`fs = set(fs)`** becomes a sort of the futures' addresses, which finds any listed twice
//!   with no hashing and no look inside a future; usually there are none, and a second
//!   occurrence is then skipped as the list is walked.
//! * **A finished future is read without its lock** (`Future::completion_or_listen`) and gets no waiter.
//! * **Nothing to take back from a future heard from.** A future takes its waiters off as it
//!   tells them, so one the call has heard from, or found done, is handed back without a lock;
//!   [`Watch::unregister`] locks only the futures not heard from.

use crate::blocking::{BlockedWait, Blocking, Needs, Wake};
use crate::future::Future;
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
    /// The watched futures in input order, duplicates removed; a token is an index here.
    futures: Vec<Watched<T>>,
    /// Futures that were already done when the call began, in input order.
    pub(crate) already_done: VecDeque<Notice>,
    /// Where completions arrive.
    pub(crate) receiver: Receiver<Notice>,
    /// Kept to tell this call's waiters apart from others' when unregistering; it also keeps the
    /// channel open, so `receiver.recv()` waits rather than failing.
    sender: Sender<Notice>,
    /// The pool of the first pool-made future watched, told when the call sleeps.
    pool: Option<Arc<Blocking>>,
}

/// One future of a [`Watch`].
struct Watched<T> {
    /// Taken out (set to `None`) once the call hands the future back to its caller.
    future: Option<Future<T>>,
    /// Whether this call's waiter may still be listed on the future, so that letting go of it
    /// means taking the waiter off. False once the future was found done at the call, has been
    /// taken out, or the call has unregistered; still true for one whose notice has come but
    /// which is not taken out yet (its waiter is gone then, and taking it off finds nothing).
    listening: bool,
}

impl<T> Watch<T> {
    /// Starts watching `futures`.
    pub(crate) fn new<I, F>(futures: I) -> Self
    where
        I: IntoIterator<Item = F>,
        F: Borrow<Future<T>>,
    {
        let (sender, receiver) = channel::unbounded();
        // All collected first: the caller's iterator runs before any waiter is listed (so a
        // panic in it leaves none behind), and the futures stay alive while their addresses
        // are compared, so no address can be reused by another.
        let futures: Vec<F> = futures.into_iter().collect();
        let mut repeats = Repeats::find(futures.iter().map(|future| future.borrow().address()));
        let mut watched = Vec::with_capacity(futures.len());
        let mut already_done = VecDeque::new();
        for future in &futures {
            let future = future.borrow();
            if repeats.seen_before(future.address()) {
                continue;
            }
            let token = watched.len();
            let done = future.completion_or_listen(token, &sender);
            if let Some(completion) = done {
                already_done.push_back(Notice { token, completion });
            }
            watched.push(Watched {
                future: Some(future.clone()),
                listening: done.is_none(),
            });
        }
        let pool = (watched.iter().flat_map(|entry| &entry.future))
            .find_map(|future| future.origin().map(|origin| Arc::clone(&origin.pool)));
        Watch {
            futures: watched,
            already_done,
            receiver,
            sender,
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
            let left = self.futures.iter().flat_map(|entry| &entry.future);
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
            Some(token) => self
                .futures
                .get(token)
                .and_then(|entry| entry.future.as_ref()),
            None => self.futures.iter().flat_map(|entry| &entry.future).next(),
        };
        future
            .and_then(Future::origin)
            .map_or(0, |origin| origin.task)
    }

    /// Takes the future with this token out of the watch, to hand it to the caller: one the
    /// call knows is done, found so at the call or told by its notice. Either way this call's
    /// waiter is no longer on it, so there is nothing to take off and no lock to take.
    pub(crate) fn take(&mut self, token: usize) -> Option<Future<T>> {
        let entry = self.futures.get_mut(token)?;
        entry.listening = false;
        let future = entry.future.take();
        debug_assert!(
            future.as_ref().is_none_or(Future::done),
            "taken before done"
        );
        future
    }

    /// Stops listening to the futures still in the watch (they stay in it). A future that
    /// finished before this returns has sent its notice already: notices are sent under the
    /// future's lock, which unregistering takes too.
    pub(crate) fn unregister(&mut self) {
        for entry in &mut self.futures {
            if entry.listening
                && let Some(future) = &entry.future
            {
                future.remove_waiter(&self.sender);
            }
            entry.listening = false;
        }
    }

    /// Takes every future still in the watch, no longer listening to them.
    pub(crate) fn take_rest(&mut self) -> impl Iterator<Item = Future<T>> + '_ {
        self.unregister();
        self.futures
            .iter_mut()
            .filter_map(|entry| entry.future.take())
    }
}

/// Python's `fs = set(fs)`, keeping each future's first place: the futures listed more than
/// once, found by sorting their addresses (no hashing, and no look inside a future).
struct Repeats {
    /// The addresses listed more than once, sorted; usually none.
    addresses: Vec<usize>,
    /// Whether each has been met yet, walking the list.
    met: Vec<bool>,
}

impl Repeats {
    fn find(addresses: impl Iterator<Item = usize>) -> Self {
        let mut sorted: Vec<usize> = addresses.collect();
        sorted.sort_unstable();
        let mut addresses: Vec<usize> = (sorted.windows(2))
            .filter(|pair| pair[0] == pair[1])
            .map(|pair| pair[0])
            .collect();
        addresses.dedup();
        let met = vec![false; addresses.len()];
        Repeats { addresses, met }
    }

    /// Whether the future at `address` came earlier in the list (the first time, it did not).
    fn seen_before(&mut self, address: usize) -> bool {
        if self.addresses.is_empty() {
            return false;
        }
        match self.addresses.binary_search(&address) {
            Ok(at) => std::mem::replace(&mut self.met[at], true),
            Err(_) => false,
        }
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
            .field(
                "futures",
                &self
                    .futures
                    .iter()
                    .map(|entry| &entry.future)
                    .collect::<Vec<_>>(),
            )
            .field("already_done", &self.already_done)
            .field(
                "listening",
                &self.futures.iter().filter(|entry| entry.listening).count(),
            )
            .field("notices_waiting", &self.receiver.len())
            .finish()
    }
}
