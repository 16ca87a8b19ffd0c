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

use crate::future::Future;
use crate::sync::channel::{self, Receiver, Sender};
use crate::waiter::Notice;
use std::borrow::Borrow;
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

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
        // Identity is the address, so deduplicating needs no clone of the future.
        let mut seen = HashSet::with_capacity_and_hasher(expected, AddressHash::default());
        let mut watched = Vec::with_capacity(expected);
        let mut already_done = VecDeque::new();
        for future in futures {
            let future = future.borrow();
            if !seen.insert(future.address()) {
                continue;
            }
            let token = watched.len();
            if let Some(completion) = future.install_waiter(token, &sender) {
                already_done.push_back(Notice { token, completion });
            }
            watched.push(Some(future.clone()));
        }
        Watch {
            futures: watched,
            already_done,
            receiver,
            sender,
            listening: true,
        }
    }

    /// How many distinct futures are watched.
    pub(crate) fn len(&self) -> usize {
        self.futures.len()
    }

    /// Takes the future with this token out of the watch, to hand it to the caller.
    pub(crate) fn take(&mut self, token: usize) -> Option<Future<T>> {
        self.futures.get_mut(token).and_then(Option::take)
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

/// Hashes a future's address for deduplication. Addresses are distinct and not chosen by an
/// attacker, so one multiplication spreads them well enough, at a fraction of SipHash's cost:
/// this runs once per future in every `wait` and `as_completed` call (`docs/benchmarks.md`
/// measures what it saves).
type AddressHash = BuildHasherDefault<AddressHasher>;

/// The [`Hasher`] behind [`AddressHash`]: Fibonacci hashing of a `usize`.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, address: usize) {
        self.0 = (address as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
