//! The synchronisation types the executor is built from, gathered in one place.
//!
//! Every other module imports its locks, condition variables, atomics, `Arc`s, channels and
//! threads from here rather than from `parking_lot`, `std::sync`, `std::thread` or
//! `crossbeam_channel` directly. Keeping them behind one door means the whole crate can be
//! pointed at other implementations by changing this file alone, and it is: at a model
//! checker's.
//!
//! Why `parking_lot`: its `Mutex` is one byte, never poisoned (a panicking task cannot wedge a
//! future), and its `Condvar` waits on a guard by reference (a pool's shutdown sleeps on one
//! while another thread joins the workers). A future's `result()` parks instead
//! ([`park_until`], with a deadline for `result(timeout)`), so that a future needs no condvar
//! of its own (`future.rs` says why).
//!
//! # Two builds, one API
//!
//! The crate is model-checked with [loom](https://docs.rs/loom): a loom test runs its body once
//! for every way its threads can interleave, and fails on a broken assertion, a deadlock or a
//! leaked `Arc` in any of them (see `docs/reliability.md`). loom sees only synchronisation done
//! through its own types, so, as in tokio, a build with `RUSTFLAGS="--cfg loom"` points every
//! name below at loom's version:
//!
//! | name                      | normal build         | `cfg(loom)`                                       |
//! |---------------------------|----------------------|---------------------------------------------------|
//! | `Mutex`, `MutexGuard`     | parking_lot's        | loom's, in parking_lot's shape (`sync/loom_locks.rs`) |
//! | `Condvar`                 | parking_lot's        | loom's                                            |
//! | `Arc`, atomics            | std's                | loom's                                            |
//! | `OnceLock`                | std's                | std's cell plus a flag loom sees                  |
//! | `channel`                 | crossbeam-channel    | a mutex-and-condvar queue (`sync/loom_channel.rs`) |
//! | `thread`, `thread_local!` | `std::thread`        | `loom::thread`, `loom::thread_local!`             |
//! | `park_until`              | `park`/`park_timeout` | `loom::thread::park`; a deadline never passes    |
//!
//! The normal build uses the real types as they are; only the model-checked build has
//! wrappers, in the two `loom_*` files, which no normal build compiles.
//!
//! A few things stay std's under every build, because loom's types cannot hold them and they
//! hold nothing a model needs to see: the `Arc` of each future (`FutureArc`: one allocation
//! holds the future and its call, seen through a `dyn`; the locks inside are loom's, so the
//! model still sees every state change, but not the reference counts, and so not a leaked
//! future), the process-wide counter that numbers executors (loom's
//! types cannot be built in a `static`) and the read-only `Arc<dyn Fn>`s of the initializer and
//! the event hook (loom's `Arc` cannot hold a `dyn` value).

pub(crate) use std::sync::atomic::Ordering;

/// The `Arc` of a future's allocation and of a queued job, std's in both builds: it holds the
/// call as an unsized value (`dyn ErasedStage<T>`, `dyn Job`), which loom's `Arc` cannot.
pub(crate) use std::sync::Arc as FutureArc;

#[cfg(not(loom))]
pub(crate) use parking_lot::{Condvar, Mutex, MutexGuard};
#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize};
#[cfg(not(loom))]
pub(crate) use std::sync::{Arc, OnceLock};
#[cfg(not(loom))]
pub(crate) use std::thread;
#[cfg(not(loom))]
pub(crate) use std::thread_local;

/// The executor's queues: the work queue and each `wait`/`as_completed` call's notices.
#[cfg(not(loom))]
pub(crate) mod channel {
    pub(crate) use crossbeam_channel::{
        Receiver, RecvTimeoutError, Sender, TryRecvError, unbounded,
    };
}

/// Parks this thread until it is unparked, or until `deadline` (`None`: no deadline). Like
/// any park, it may also end early, for no reason: callers look again and loop.
#[cfg(not(loom))]
pub(crate) fn park_until(deadline: Option<std::time::Instant>) {
    match deadline {
        None => thread::park(),
        Some(deadline) => {
            thread::park_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
        }
    }
}

/// Under loom, a plain park: loom has no clock, so a deadline never passes.
#[cfg(loom)]
#[track_caller]
pub(crate) fn park_until(_deadline: Option<std::time::Instant>) {
    thread::park();
}

#[cfg(loom)]
pub(crate) mod loom_channel;
#[cfg(loom)]
mod loom_locks;

#[cfg(loom)]
pub(crate) use loom::sync::Arc;
#[cfg(loom)]
pub(crate) use loom::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize};
#[cfg(loom)]
pub(crate) use loom::thread;
#[cfg(loom)]
pub(crate) use loom::thread_local;
#[cfg(loom)]
pub(crate) use loom_channel as channel;
#[cfg(loom)]
pub(crate) use loom_locks::{Condvar, Mutex, MutexGuard, OnceLock};
