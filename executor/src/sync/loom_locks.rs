//! The locks of the model-checked build: loom's `Mutex` and `Condvar` in parking_lot's shape,
//! and a `OnceLock` loom can follow. Compiled only under `cfg(loom)` (see `sync.rs`).
//!
//! The wrappers give loom's types parking_lot's shape: `lock()` hands back the guard itself, and
//! `Condvar::wait` takes the guard by `&mut`. loom's own types have std's shape instead (`lock()`
//! returns a `LockResult`, `wait` takes the guard by value and gives it back), so the methods
//! here translate. They are `#[track_caller]`, so that with `LOOM_LOCATION=1` loom's reports
//! name the line in the executor that locked or waited, not this file.

use loom::sync::atomic::{AtomicBool, Ordering};
use std::ops::{Deref, DerefMut};
use std::sync::PoisonError;

/// A mutual-exclusion lock. A panic while it is held fails the model anyway, so poisoning
/// is ignored, as parking_lot does.
pub(crate) struct Mutex<T: ?Sized>(loom::sync::Mutex<T>);

/// Proof that a [`Mutex`] is held; the lock is released when it is dropped.
pub(crate) struct MutexGuard<'a, T: ?Sized> {
    /// loom's guard. Always `Some`, except while [`Condvar::wait`] has lent it to loom.
    guard: Option<loom::sync::MutexGuard<'a, T>>,
}

impl<T> Mutex<T> {
    /// A new, unlocked mutex holding `value`.
    pub(crate) fn new(value: T) -> Self {
        Mutex(loom::sync::Mutex::new(value))
    }
}

impl<T: ?Sized> Mutex<T> {
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

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.guard.as_deref().expect("the guard is back after wait")
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
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
