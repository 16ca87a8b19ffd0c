//! The synchronisation types the executor is built from, gathered in one place.
//!
//! Every other module imports its locks, condition variables, atomics, `Arc`s, channels and
//! threads from here rather than from `parking_lot`, `std::sync`, `std::thread` or
//! `crossbeam_channel` directly. Keeping them behind one door means the whole crate can be
//! pointed at other implementations (a model checker's, for instance) by changing this file
//! alone.
//!
//! Why `parking_lot`: its `Mutex` is one byte, never poisoned (a panicking task cannot wedge a
//! future), and its `Condvar` has a `wait_until` that takes a deadline, which is exactly what
//! Python's `result(timeout)` needs.
//!
//! The lock and the condition variable are wrapped in thin types of our own, so that the rest of
//! the crate is written against this file's API rather than parking_lot's: `lock()` hands back
//! the guard itself, `Condvar::wait` takes the guard by `&mut`, and `wait_until` says whether it
//! timed out. Each wrapper method is one inlined call to parking_lot, so the hot path is what it
//! would be without them.

pub(crate) use parking::{Condvar, Mutex, MutexGuard};
pub(crate) use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
pub(crate) use std::sync::{Arc, OnceLock};
pub(crate) use std::thread;

/// The executor's queues: unbounded crossbeam channels.
pub(crate) mod channel {
    pub(crate) use crossbeam_channel::{Receiver, Sender, TryRecvError, unbounded};
}

/// parking_lot's lock and condition variable.
mod parking {
    use std::time::Instant;

    /// A mutual-exclusion lock that is never poisoned.
    pub(crate) struct Mutex<T>(parking_lot::Mutex<T>);

    /// Proof that a [`Mutex`] is held; the lock is released when it is dropped.
    pub(crate) type MutexGuard<'a, T> = parking_lot::MutexGuard<'a, T>;

    impl<T> Mutex<T> {
        /// A new, unlocked mutex holding `value`.
        pub(crate) const fn new(value: T) -> Self {
            Mutex(parking_lot::Mutex::new(value))
        }

        /// Blocks until the lock is ours.
        #[inline]
        pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
            self.0.lock()
        }

        /// Takes the lock if nobody holds it; `None` otherwise.
        #[inline]
        pub(crate) fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
            self.0.try_lock()
        }
    }

    /// Lets threads sleep until another changes the state behind a [`Mutex`].
    pub(crate) struct Condvar(parking_lot::Condvar);

    impl Condvar {
        /// A condition variable nobody is waiting on.
        pub(crate) const fn new() -> Self {
            Condvar(parking_lot::Condvar::new())
        }

        /// Releases the lock, sleeps until notified (or woken spuriously), takes the lock back.
        #[inline]
        pub(crate) fn wait<T>(&self, guard: &mut MutexGuard<'_, T>) {
            self.0.wait(guard);
        }

        /// Like [`wait`](Self::wait), but wakes at `deadline` at the latest. Returns whether
        /// it timed out.
        #[inline]
        pub(crate) fn wait_until<T>(
            &self,
            guard: &mut MutexGuard<'_, T>,
            deadline: Instant,
        ) -> bool {
            self.0.wait_until(guard, deadline).timed_out()
        }

        /// Wakes every thread waiting on this condition variable.
        #[inline]
        pub(crate) fn notify_all(&self) {
            self.0.notify_all();
        }
    }
}
