//! The synchronisation types the executor is built from, gathered in one place.
//!
//! Every other module imports its locks, condition variables, atomics, `Arc`s, channels and
//! threads from here rather than from `parking_lot`, `std::sync`, `std::thread` or
//! `crossbeam_channel` directly. Keeping them behind one door means the whole crate can be
//! pointed at other implementations by changing this file alone, and it is: at a model
//! checker's.
//!
//! Why `parking_lot`: its `Mutex` is one byte, never poisoned (a panicking task cannot wedge a
//! future), and its `Condvar` has a `wait_until` that takes a deadline, which is exactly what
//! Python's `result(timeout)` needs.
//!
//! # Two builds, one API
//!
//! The crate is model-checked with [loom](https://docs.rs/loom): a loom test runs its body once
//! for every way its threads can interleave, and fails on a broken assertion, a deadlock or a
//! leaked `Arc` in any of them (see `docs/reliability.md`). loom sees only synchronisation done
//! through its own types, so, as in tokio, a build with `RUSTFLAGS="--cfg loom"` points every
//! name below at loom's version:
//!
//! | name                      | normal build                       | `cfg(loom)`                          |
//! |---------------------------|------------------------------------|--------------------------------------|
//! | `Mutex`, `MutexGuard`     | parking_lot's, in a thin wrapper   | loom's, in the same wrapper          |
//! | `Condvar`                 | parking_lot's, in a thin wrapper   | loom's; `wait_until` never times out |
//! | `Arc`, atomics            | std's                              | loom's                               |
//! | `OnceLock`                | std's                              | std's cell plus a flag loom sees     |
//! | `channel`                 | crossbeam-channel                  | `sync/channel.rs`                    |
//! | `thread`                  | `std::thread`                      | `loom::thread`                       |
//!
//! The wrappers give both builds parking_lot's shape: `lock()` hands back the guard itself, and
//! `Condvar::wait` takes the guard by `&mut`. loom's types have std's shape instead (`lock()`
//! returns a `LockResult`, `wait` takes the guard by value and gives it back), so the loom
//! wrappers do that translation. In the normal build every wrapper method is one inlined call
//! to parking_lot, so the hot path is what it would be without them.
//!
//! A few things stay std's under every build, because loom's types cannot hold them and they
//! hold nothing a model needs to see: the two process-wide statics (a counter that numbers
//! executors, a cache of type names; loom's types cannot be built in a `static`) and the
//! read-only `Arc<dyn Fn>`s of the initializer and the event hook (loom's `Arc` cannot hold a
//! `dyn` value).

pub(crate) use std::sync::atomic::Ordering;

#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{AtomicU8, AtomicUsize};
#[cfg(not(loom))]
pub(crate) use std::sync::{Arc, OnceLock};
#[cfg(not(loom))]
pub(crate) use std::thread;

#[cfg(loom)]
pub(crate) use loom::sync::Arc;
#[cfg(loom)]
pub(crate) use loom::sync::atomic::{AtomicU8, AtomicUsize};
#[cfg(loom)]
pub(crate) use loom::thread;

/// The executor's queues: crossbeam-channel, whose lock-free insides loom cannot see, so under
/// `cfg(loom)` a small channel built from the types in this file takes its place.
#[cfg(not(loom))]
pub(crate) mod channel {
    pub(crate) use crossbeam_channel::{Receiver, Sender, TryRecvError, unbounded};
}
#[cfg(loom)]
pub(crate) mod channel;

#[cfg(loom)]
pub(crate) use model::{Condvar, Mutex, MutexGuard, OnceLock};
#[cfg(not(loom))]
pub(crate) use parking::{Condvar, Mutex, MutexGuard};

/// The normal build: parking_lot's lock and condition variable.
#[cfg(not(loom))]
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

/// The model-checked build: loom's lock and condition variable in parking_lot's shape, and a
/// `OnceLock` loom can follow.
#[cfg(loom)]
mod model {
    use loom::sync::atomic::{AtomicBool, Ordering};
    use std::ops::{Deref, DerefMut};
    use std::sync::PoisonError;
    use std::time::Instant;

    /// A mutual-exclusion lock. A panic while it is held fails the model anyway, so poisoning
    /// is ignored, as parking_lot does.
    ///
    /// The methods here and on [`Condvar`] are `#[track_caller]`, so that with `LOOM_LOCATION=1`
    /// loom's reports name the line in the executor that locked or waited, not this file.
    pub(crate) struct Mutex<T>(loom::sync::Mutex<T>);

    /// Proof that a [`Mutex`] is held; the lock is released when it is dropped.
    pub(crate) struct MutexGuard<'a, T> {
        /// loom's guard. Always `Some`, except while [`Condvar::wait`] has lent it to loom.
        guard: Option<loom::sync::MutexGuard<'a, T>>,
    }

    impl<T> Mutex<T> {
        /// A new, unlocked mutex holding `value`.
        pub(crate) fn new(value: T) -> Self {
            Mutex(loom::sync::Mutex::new(value))
        }

        /// Blocks until the lock is ours.
        #[track_caller]
        pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
            let guard = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            MutexGuard { guard: Some(guard) }
        }

        /// Takes the lock if nobody holds it; `None` otherwise.
        #[track_caller]
        pub(crate) fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
            let guard = self.0.try_lock().ok()?;
            Some(MutexGuard { guard: Some(guard) })
        }
    }

    impl<T> Deref for MutexGuard<'_, T> {
        type Target = T;

        fn deref(&self) -> &T {
            self.guard.as_deref().expect("the guard is back after wait")
        }
    }

    impl<T> DerefMut for MutexGuard<'_, T> {
        fn deref_mut(&mut self) -> &mut T {
            self.guard
                .as_deref_mut()
                .expect("the guard is back after wait")
        }
    }

    /// Lets threads sleep until another changes the state behind a [`Mutex`].
    pub(crate) struct Condvar(loom::sync::Condvar);

    impl Condvar {
        /// A condition variable nobody is waiting on.
        pub(crate) fn new() -> Self {
            Condvar(loom::sync::Condvar::new())
        }

        /// Releases the lock, sleeps until notified, takes the lock back.
        #[track_caller]
        pub(crate) fn wait<T>(&self, guard: &mut MutexGuard<'_, T>) {
            let held = guard.guard.take().expect("the guard is back after wait");
            let held = self.0.wait(held).unwrap_or_else(PoisonError::into_inner);
            guard.guard = Some(held);
        }

        /// Under loom this is [`wait`](Self::wait): loom has no clock, so a deadline never
        /// passes and this never times out (it always returns `false`). A model that relies on
        /// a timeout to make progress shows up as a deadlock.
        #[track_caller]
        pub(crate) fn wait_until<T>(
            &self,
            guard: &mut MutexGuard<'_, T>,
            _deadline: Instant,
        ) -> bool {
            self.wait(guard);
            false
        }

        /// Wakes every thread waiting on this condition variable.
        #[track_caller]
        pub(crate) fn notify_all(&self) {
            self.0.notify_all();
        }
    }

    /// A cell written at most once, then read without a lock: std's `OnceLock`, which loom does
    /// not have.
    ///
    /// The value lives in std's `OnceLock`, which loom cannot see; `published` is the part loom
    /// can. `set` raises it (`Release`) after the value is written, and `get` looks at it
    /// (`Acquire`) before it reads the value, which is the ordering std's `OnceLock` promises.
    /// So loom explores every moment at which a reader can find the value there or not, and
    /// checks that whoever finds it also sees everything written before it. (Under loom all
    /// threads run on one OS thread and switch only at loom's operations, so std's cell itself
    /// is never contended.)
    pub(crate) struct OnceLock<T> {
        /// The value, once written.
        cell: std::sync::OnceLock<T>,
        /// Raised once the value is in `cell`.
        published: AtomicBool,
    }

    impl<T> OnceLock<T> {
        /// An empty cell.
        pub(crate) fn new() -> Self {
            OnceLock {
                cell: std::sync::OnceLock::new(),
                published: AtomicBool::new(false),
            }
        }

        /// The value, if it has been published.
        pub(crate) fn get(&self) -> Option<&T> {
            if self.published.load(Ordering::Acquire) {
                self.cell.get()
            } else {
                None
            }
        }

        /// Writes the value, unless one was written before: then hands `value` back.
        pub(crate) fn set(&self, value: T) -> Result<(), T> {
            self.cell.set(value)?;
            self.published.store(true, Ordering::Release);
            Ok(())
        }
    }
}
