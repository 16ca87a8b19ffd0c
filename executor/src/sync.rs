//! The synchronisation types the executor is built from, gathered in one place.
//!
//! Every other module imports its locks, condition variables and atomics from here rather than from
//! `parking_lot` or `std::sync` directly. Keeping them behind one door means the whole crate can be
//! pointed at other implementations (a model checker's, for instance) by changing this file alone.
//!
//! Why `parking_lot`: its `Mutex` is one byte, never poisoned (a panicking task cannot wedge a
//! future), and its `Condvar` has a `wait_until` that takes a deadline, which is exactly what
//! Python's `result(timeout)` needs.

pub(crate) use parking_lot::{Condvar, Mutex, MutexGuard};
pub(crate) use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
pub(crate) use std::sync::{Arc, OnceLock};
