//! `Stage`: where a future is in its life, together with the call while it waits to run.
//!
//! Python mirrored: `Future._state` (`_base.py`), and the `fn` that `_WorkItem` keeps until it
//! runs.
//!
//! Python keeps the state and the call apart: the state is a string on the future, the call an
//! attribute of the work item. Here one enum holds both, because the call exists exactly while
//! the state is PENDING or CANCELLED: a worker that takes the call moves the state on in the
//! same step, under the same lock. One enum makes that a rule the compiler keeps (there is no
//! RUNNING future still holding its call), and it makes the state free: the enum's tag is the
//! state, so a future pays no word for it beside the call (`docs/benchmarks.md` counts every
//! byte). `#[repr(u8)]` fixes the tag, the first byte, to the order of the variants below, so a
//! debugger reads the state off that byte (`executor/gdb`).
//!
//! A future's clones see the stage through [`ErasedStage`], which names no call type: the
//! type a debugger shows is `Future<T>`, whatever closure the future was made from.

use crate::blocking::Awaited;
use crate::future::{Future, State};

/// The state of a future, and its call while it has one (`F`: the closure of a `submit`;
/// [`ByHand`] for a future made with `Future::new`, which no worker runs).
#[repr(u8)]
pub(crate) enum Stage<F> {
    /// Waiting in the queue, the call with it.
    Pending(F) = 0,
    /// A worker has taken the call and is running it.
    Running = 1,
    /// Cancelled while pending. The call stays until a worker dequeues it (or a shutdown
    /// drains it), which drops it outside every lock.
    Cancelled(F) = 2,
    /// Cancelled, and the waiters have been told.
    CancelledAndNotified = 3,
    /// The call returned or panicked; the outcome is stored.
    Finished = 4,
}

/// The call of a future made by hand: there is none.
pub(crate) struct ByHand;

/// A call left without a place by a move only a future driven by hand makes (say a queued
/// task completed with `set_result`): dropped by the caller once it has let go of the lock.
pub(crate) type Stranded = Option<Box<dyn Send>>;

impl<F> Stage<F> {
    /// The state, without the call.
    pub(crate) fn state(&self) -> State {
        match self {
            Stage::Pending(_) => State::Pending,
            Stage::Running => State::Running,
            Stage::Cancelled(_) => State::Cancelled,
            Stage::CancelledAndNotified => State::CancelledAndNotified,
            Stage::Finished => State::Finished,
        }
    }

    /// Moves to `to`, handing out the call if there is one: what the worker that dequeues the
    /// future does (to RUNNING, or to CANCELLED_AND_NOTIFIED), and a shutdown that drains it.
    pub(crate) fn take(&mut self, to: State) -> Option<F> {
        let next = match to {
            State::Pending | State::Running => Stage::Running,
            State::Cancelled | State::CancelledAndNotified => Stage::CancelledAndNotified,
            State::Finished => Stage::Finished,
        };
        match std::mem::replace(self, next) {
            Stage::Pending(call) | Stage::Cancelled(call) => Some(call),
            Stage::Running | Stage::CancelledAndNotified | Stage::Finished => None,
        }
    }
}

/// What every clone of a future can do with its stage, not knowing the call's type.
pub(crate) trait ErasedStage<T>: Send {
    /// The state.
    fn state(&self) -> State;
    /// Moves to `to`, keeping the call where the new state has room for it (PENDING to
    /// CANCELLED). Otherwise the call, if any, comes back to be dropped outside the lock.
    fn advance(&mut self, to: State) -> Stranded;
    /// A type-erased handle on `future` for the pool's starvation check (`blocking.rs`);
    /// `None` for a future made by hand. Here because only the pool's futures, made where
    /// `T: Send + Sync` is known, can give one, and the stage's vtable costs a future nothing.
    fn erase(&self, future: &Future<T>) -> Option<Box<dyn Awaited>>;
}

/// A `submit`ted call's stage.
impl<T, F> ErasedStage<T> for Stage<F>
where
    T: Send + Sync + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    fn state(&self) -> State {
        Stage::state(self)
    }

    fn advance(&mut self, to: State) -> Stranded {
        advance(self, to)
    }

    fn erase(&self, future: &Future<T>) -> Option<Box<dyn Awaited>> {
        Some(Box::new(future.clone()))
    }
}

/// A hand-made future's stage.
impl<T> ErasedStage<T> for Stage<ByHand> {
    fn state(&self) -> State {
        Stage::state(self)
    }

    fn advance(&mut self, to: State) -> Stranded {
        advance(self, to)
    }

    fn erase(&self, _future: &Future<T>) -> Option<Box<dyn Awaited>> {
        None
    }
}

/// [`ErasedStage::advance`], for any call.
fn advance<F: Send + 'static>(stage: &mut Stage<F>, to: State) -> Stranded {
    match (stage.take(to), to) {
        // A cancelled call stays until it is dequeued or drained.
        (Some(call), State::Cancelled) => {
            *stage = Stage::Cancelled(call);
            None
        }
        (call, _) => call.map(|call| Box::new(call) as Box<dyn Send>),
    }
}
