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
//! A future's clones see the stage through `ErasedStage` (`future.rs`), which names no call
//! type: the type a debugger shows is `Future<T>`, whatever closure the future was made from.
//! This file knows nothing of futures.

/// The state of a future, and its call while it has one (`F`: the closure of a `submit`;
/// [`ByHand`] for a future made with `Future::new`, which no worker runs).
#[repr(u8)]
pub(crate) enum Stage<F> {
    /// Waiting in the queue, the call with it.
    Pending(F) = 0,
    /// A worker has taken the call and is running it.
    Running = 1,
    /// Cancelled while pending. The call stays until a worker dequeues it, or a shutdown
    /// drains it, or a future driven by hand moves on: each drops it outside every lock.
    Cancelled(F) = 2,
    /// Cancelled, and the waiters have been told.
    CancelledAndNotified = 3,
    /// The call returned or panicked; the outcome is stored.
    Finished = 4,
}

/// The call of a future made by hand: there is none.
pub(crate) struct ByHand;

/// A call taken out of its stage without being run, type-erased: by a shutdown or a broken
/// pool draining the queue (dropped once every drained future is cancelled or failed), or by a
/// move only a future driven by hand makes: a queued task completed with `set_result` or
/// `set_exception` (dropped once the lock is let go and the callbacks have run), or started
/// with `set_running_or_notify_cancel` (dropped once the lock is let go). Dropped under
/// `discard`.
pub(crate) type Stranded = Option<Box<dyn Send>>;

/// Python's five internal states (`_base.py` spells them as strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// Waiting in the queue.
    Pending,
    /// A worker has taken it and is running the call.
    Running,
    /// Cancelled while pending; no worker has seen it yet, so `wait`/`as_completed` do not know.
    Cancelled,
    /// Cancelled, and the waiters have been told.
    CancelledAndNotified,
    /// The call returned or panicked; the outcome is stored.
    Finished,
}

impl State {
    /// Python's raw state name, used in `InvalidStateError` messages.
    pub(crate) fn python_name(self) -> &'static str {
        match self {
            State::Pending => "PENDING",
            State::Running => "RUNNING",
            State::Cancelled => "CANCELLED",
            State::CancelledAndNotified => "CANCELLED_AND_NOTIFIED",
            State::Finished => "FINISHED",
        }
    }

    /// The word `repr` shows after `state=`.
    pub(crate) fn repr_name(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Running => "running",
            State::Cancelled | State::CancelledAndNotified => "cancelled",
            State::Finished => "finished",
        }
    }

    /// What `done()` answers: cancelled (either kind) or finished.
    pub(crate) fn is_done(self) -> bool {
        matches!(
            self,
            State::Cancelled | State::CancelledAndNotified | State::Finished
        )
    }
}

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
        debug_assert!(to != State::Pending, "nothing moves back to PENDING");
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

impl<F: Send + 'static> Stage<F> {
    /// Moves to `to`, keeping the call where the new state has room for it (PENDING to
    /// CANCELLED). Otherwise the call, if any, comes back to be dropped outside the lock.
    pub(crate) fn advance(&mut self, to: State) -> Stranded {
        debug_assert!(
            to != State::Cancelled || matches!(self, Stage::Pending(_)),
            "only a pending future is cancelled"
        );
        match (self.take(to), to) {
            // A cancelled call stays until it is dequeued or drained.
            (Some(call), State::Cancelled) => {
                *self = Stage::Cancelled(call);
                None
            }
            (call, _) => call.map(|call| Box::new(call) as Box<dyn Send>),
        }
    }
}
