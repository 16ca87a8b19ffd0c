//! Every exception `concurrent.futures` can raise, as one Rust enum.
//!
//! Python mirrored: the exception classes of `concurrent.futures._base` and `.thread`
//! (`CancelledError`, `TimeoutError`, `InvalidStateError`, `BrokenThreadPool`) and the
//! `RuntimeError`/`ValueError`s raised by `ThreadPoolExecutor`, with their messages word for word,
//! so `cannot schedule new futures after shutdown` reads the same in both languages.
//!
//! Why one enum rather than a type per operation: a Python caller writes one `try`/`except`
//! around `future.result()` and may meet the task's own exception, a cancellation, a timeout or a
//! broken pool there. The same happens here: [`Future::result`](crate::Future::result) returns
//! `Result<&T, Error>`, and a `match` on [`Error`](enum@Error) has one arm per `except` clause. The enum is
//! also what [`Future::set_exception`](crate::Future::set_exception) stores, just as Python's
//! `set_exception` takes any exception object.
//!
//! Differences from Python: `str(CancelledError())` and `str(TimeoutError())` are empty in
//! Python; ours say what happened (`the future was cancelled`, `timed out`), because an empty
//! message helps nobody in a Rust log line.

use crate::exception::Panic;
use crate::type_name::class_name;
use std::sync::Arc;
use thiserror::Error;

/// How a call ended, as the executor keeps it until someone looks: the value, or the error
/// boxed. Errors are rare and [`enum@Error`] is 40 bytes, so a `Result<u64, Error>` takes 48 where a
/// `Result<u64, Box<Error>>` takes 16, in every item and future that holds one.
pub(crate) type Outcome<T> = Result<T, Box<Error>>;

/// What a future raised, or why an executor call was refused.
///
/// Each variant names the Python exception it stands for.
///
/// ```
/// use executor::{Error, Future};
///
/// let future: Future<i32> = Future::new();
/// future.cancel();
/// match future.result() {
///     Err(Error::Cancelled) => {}            // except CancelledError:
///     Err(Error::Panic(panic)) => println!("task raised {panic}"),
///     Err(other) => println!("{other}"),
///     Ok(value) => println!("{value}"),
/// }
/// assert_eq!(Error::Shutdown.to_string(), "cannot schedule new futures after shutdown");
/// ```
#[derive(Debug, Clone, Error)]
#[non_exhaustive]
pub enum Error {
    /// `CancelledError`: the future was cancelled before it ran.
    #[error("the future was cancelled")]
    Cancelled,

    /// `TimeoutError`: the result was not ready before the deadline. From
    /// [`as_completed_timeout`](crate::as_completed_timeout) it counts the futures still running,
    /// as in Python's `2 (of 4) futures unfinished`.
    #[error("{}", timeout_message(*unfinished))]
    Timeout {
        /// `(unfinished, total)` when raised by `as_completed`; `None` elsewhere.
        unfinished: Option<(usize, usize)>,
    },

    /// The task's own exception: it panicked. The panic was caught in the worker and its message
    /// kept (see [`Panic`]). `repr` shows it as `raised panic`.
    #[error("{0}")]
    Panic(Panic),

    /// `BrokenThreadPool`: a worker's initializer panicked, so the pool refuses new work and
    /// fails the work that was queued.
    #[error("A thread initializer failed, the thread pool is not usable anymore")]
    BrokenThreadPool,

    /// `RuntimeError` from `submit` or `map` after `shutdown`.
    #[error("cannot schedule new futures after shutdown")]
    Shutdown,

    /// `RuntimeError` when the operating system refuses to start a worker thread.
    #[error("can't start new thread: {0}")]
    ThreadStart(String),

    /// `InvalidStateError` from `set_result`/`set_exception` on a future that is already done:
    /// `FINISHED: <Future at 0x... state=finished returned i32>`.
    #[error("{state}: {repr}")]
    InvalidState {
        /// Python's raw state name: `CANCELLED`, `CANCELLED_AND_NOTIFIED` or `FINISHED`.
        state: &'static str,
        /// The future's repr when the call was refused.
        repr: String,
    },

    /// `RuntimeError` from `set_running_or_notify_cancel` on a future that is not pending or
    /// cancelled (it may be called once, before the result is set).
    #[error("Future in unexpected state")]
    UnexpectedState {
        /// Python's raw state name at the time of the call, e.g. `RUNNING`.
        state: &'static str,
    },

    /// `ValueError` from `ThreadPoolExecutor(max_workers=0)`.
    #[error("max_workers must be greater than 0")]
    InvalidMaxWorkers,

    /// `ValueError` for a `thread_name_prefix` with a NUL byte, which a Rust thread name cannot
    /// hold (Python accepts it).
    #[error("thread_name_prefix must not contain a NUL byte")]
    InvalidThreadNamePrefix,

    /// Every worker of the pool waits for a future only its own workers could run: returned
    /// by the stuck waits when the pool was built with
    /// [`Starvation::Error`](crate::Starvation::Error). The message names each worker and what
    /// it waits for. Python has no such error: its pool hangs.
    ///
    /// ```
    /// let error = executor::Error::Deadlock("deadlock: ...".into());
    /// assert_eq!(error.python_name(), "RuntimeError");
    /// ```
    #[error("{0}")]
    Deadlock(String),

    /// `ValueError` from `map(..., buffersize=0)`.
    #[error("buffersize must be None or > 0")]
    InvalidBuffersize,

    /// Any other error, stored with [`Future::set_exception`](crate::Future::set_exception):
    /// Python's `set_exception` takes any exception object. Build it with [`Error::custom`].
    #[error("{error}")]
    Custom {
        /// The short name of the error's type, shown by a future's repr (`raised Error`).
        type_name: &'static str,
        /// The error itself, shared so that every `result()` call can hand it back.
        error: Arc<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// Wraps any error so a future can store it: `future.set_exception(Error::custom(e))`.
    ///
    /// ```
    /// use executor::{Error, Future};
    /// use std::io;
    ///
    /// let future: Future<()> = Future::new();
    /// future.set_exception(Error::custom(io::Error::other("disk full"))).unwrap();
    /// assert_eq!(future.result().unwrap_err().to_string(), "disk full");
    /// assert!(format!("{future:?}").ends_with("state=finished raised Error>"));
    /// ```
    pub fn custom<E: std::error::Error + Send + Sync + 'static>(error: E) -> Self {
        Error::Custom {
            type_name: class_name(std::any::type_name::<E>()),
            error: Arc::new(error),
        }
    }

    /// The name a future's repr shows after `raised`: Python's exception class name, or `panic`
    /// for a task that panicked.
    ///
    /// ```
    /// use executor::Error;
    /// assert_eq!(Error::Cancelled.python_name(), "CancelledError");
    /// assert_eq!(Error::Panic(executor::Panic::new("x")).python_name(), "panic");
    /// ```
    pub fn python_name(&self) -> &'static str {
        match self {
            Error::Cancelled => "CancelledError",
            Error::Timeout { .. } => "TimeoutError",
            Error::Panic(_) => "panic",
            Error::BrokenThreadPool => "BrokenThreadPool",
            Error::Shutdown
            | Error::ThreadStart(_)
            | Error::UnexpectedState { .. }
            | Error::Deadlock(_) => "RuntimeError",
            Error::InvalidState { .. } => "InvalidStateError",
            Error::InvalidMaxWorkers
            | Error::InvalidThreadNamePrefix
            | Error::InvalidBuffersize => "ValueError",
            Error::Custom { type_name, .. } => type_name,
        }
    }

    /// True for a [`Error::Timeout`], whatever it counts.
    ///
    /// ```
    /// assert!(executor::Error::Timeout { unfinished: None }.is_timeout());
    /// ```
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }
}

impl From<Panic> for Error {
    fn from(panic: Panic) -> Self {
        Error::Panic(panic)
    }
}

/// `TimeoutError`'s text: Python's count from `as_completed`, or plainly what happened.
fn timeout_message(unfinished: Option<(usize, usize)>) -> String {
    match unfinished {
        Some((pending, total)) => format!("{pending} (of {total}) futures unfinished"),
        None => "timed out".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_pythons() {
        assert_eq!(
            Error::InvalidMaxWorkers.to_string(),
            "max_workers must be greater than 0"
        );
        assert_eq!(
            Error::BrokenThreadPool.to_string(),
            "A thread initializer failed, the thread pool is not usable anymore"
        );
        assert_eq!(
            Error::Timeout {
                unfinished: Some((2, 4))
            }
            .to_string(),
            "2 (of 4) futures unfinished"
        );
        assert_eq!(
            Error::InvalidBuffersize.to_string(),
            "buffersize must be None or > 0"
        );
        assert_eq!(
            Error::UnexpectedState { state: "RUNNING" }.to_string(),
            "Future in unexpected state"
        );
    }
}
