//! Python's `concurrent.futures`, rebuilt by hand in Rust to be read, run and stepped through.
//!
//! This crate is the thread side of Python's module: a [`ThreadPoolExecutor`] that runs calls
//! on worker threads and hands back [`Future`]s, [`as_completed()`] and [`wait()`] to collect them,
//! and `map` for results in order. The names are Python's, so you can read a cell of Fluent
//! Python's futures chapter and then the Rust that does the same thing.
//!
//! (A `Future` here is Python's: a handle to a call running on another thread, which you block
//! on. It is not Rust's `std::future::Future`, which an async runtime polls. There is no async
//! anywhere in this crate.)
//!
//! # A tour in one example
//!
//! ```
//! use executor::{as_completed, wait, Error, ThreadPoolExecutor, ALL_COMPLETED};
//! use std::collections::HashMap;
//!
//! // with futures.ThreadPoolExecutor(max_workers=3) as executor:
//! let executor = ThreadPoolExecutor::new(3).unwrap();
//!
//! // submit: one call, one future. The future is also a key, like Python's `to_do_map`.
//! let mut to_do = HashMap::new();
//! for cc in ["BR", "CN", "IN"] {
//!     let future = executor.submit(move || format!("{cc}.gif")).unwrap();
//!     println!("Scheduled for {cc}: {future}"); // <Future at 0x... state=running>
//!     to_do.insert(future, cc);
//! }
//!
//! // as_completed: futures in the order they finish.
//! for future in as_completed(to_do.keys()) {
//!     let result = future.result().unwrap();
//!     println!("{future} result: {result:?}"); // <Future at 0x... state=finished returned String>
//!     assert_eq!(*result, format!("{}.gif", to_do[&future]));
//! }
//!
//! // map: results in input order, whatever order the calls finished in.
//! let lengths: Vec<usize> = executor
//!     .map(|word: &str| word.len(), ["loiter", "display", "main"])
//!     .unwrap()
//!     .map(Result::unwrap)
//!     .collect();
//! assert_eq!(lengths, [6, 7, 4]);
//!
//! // A panic in a task is its exception: caught in the worker, handed back by result().
//! let failing = executor.submit(|| -> i32 { panic!("HTTP 418 - I'm a teapot") }).unwrap();
//! match failing.result() {
//!     Err(Error::Panic(panic)) => assert_eq!(panic.message(), "HTTP 418 - I'm a teapot"),
//!     other => panic!("{other:?}"),
//! }
//!
//! // wait: block until a condition over several futures holds.
//! let futures: Vec<_> = (0..4).map(|n| executor.submit(move || n).unwrap()).collect();
//! let result = wait(&futures, None, ALL_COMPLETED);
//! assert_eq!(result.done.len(), 4);
//!
//! // Leaving the `with` block: drop joins the workers.
//! drop(executor);
//! ```
//!
//! # The companion text
//!
//! [`companion`] holds the chapters that follow the notebook cell by cell: the downloads, the
//! futures, `map`, error handling, the executor's insides, and the differences from Python. Their
//! examples are tested with the rest of the crate's.
//!
//! # Where each piece lives
//!
//! Read them in this order; each file opens by naming the Python it mirrors and why it is built
//! the way it is.
//!
//! | file                      | Python                                     | what it holds |
//! |---------------------------|--------------------------------------------|---------------|
//! | `future.rs`               | `Future`                                   | the shared state: one `Arc` of the outcome and a mutex-guarded stage and listeners |
//! | `stage.rs`                | `Future._state`                            | the state machine: the state, with the call while it waits |
//! | `listeners.rs`            | `Future._waiters`, `_done_callbacks`       | who is told when a future is done, in a box made on first need |
//! | `thread_pool_executor.rs` | `ThreadPoolExecutor`, `submit`, `shutdown` | the pool, the queue, lazy workers, idle reuse, shutdown, then `Builder` |
//! | `work_item.rs`            | `_WorkItem`                                | one queued call and the future it completes |
//! | `worker.rs`               | `_worker`                                  | the loop each thread runs; its phase; thread names |
//! | `map.rs`                  | `Executor.map`                             | ordered results, timeout, buffersize |
//! | `as_completed.rs`         | `as_completed`                             | futures as they finish |
//! | `wait.rs`                 | `wait`, `FIRST_COMPLETED`, ...             | done and not-done sets |
//! | `watch.rs`                | the set-up and tear-down in `wait`         | the futures one `wait`/`as_completed` call watches, and its channel |
//! | `waiter.rs`               | `_Waiter` and friends                      | how a future tells a waiting call it is done: a message on a channel |
//! | `errors.rs`               | `CancelledError`, `TimeoutError`, ...      | every exception as one enum, with Python's messages |
//! | `exception.rs`            | `except BaseException`                     | a task's panic, caught and kept as text |
//! | `type_name.rs`            | `type(x).__name__`                         | type names without their module paths, for the repr |
//! | `events.rs`               | (none)                                     | an opt-in hook reporting each task's life and each wait, for timelines |
//! | `blocking.rs`             | (none)                                     | what a pool learns when a thread sleeps on its futures: the waits, and the starvation deadlock |
//! | `sync.rs`                 | (none)                                     | the lock types everything above uses (and, under loom, `sync/loom_*.rs`) |
//!
//! Outside their tests, no two of these files import each other but three pairs, each two
//! halves of one thing: `thread_pool_executor.rs` and `worker.rs`, the pool (the pool starts
//! workers, and a worker asks its pool for the few things listed in `worker.rs`);
//! `future.rs` and `work_item.rs`, a submitted task (the future's allocation is the queued job);
//! and `map.rs` and `work_item.rs`, a map (an item's job reports its own unseen panic as the
//! map does). `blocking.rs` sees futures only through a trait of its own, so
//! `future.rs` may use it without it using `future.rs`. The mechanism files (`waiter.rs`, `exception.rs`,
//! `type_name.rs`, `listeners.rs`) import nothing of ours but `sync.rs` and `waiter.rs`, and
//! `stage.rs` nothing at all.

//! # How it differs from Python
//!
//! Each difference is explained where it lives; in short:
//!
//! * a task's exception is a panic, caught and carried as [`Error::Panic`]; nothing is printed
//!   when it happens (as in Python), see `exception.rs`;
//! * `result()` returns `Result<&T, Error>`; timeouts are separate `*_timeout` methods;
//! * `shutdown(cancel_futures = true)` notifies the futures it cancels, so `wait` and
//!   `as_completed` do not hang on them (CPython's gh-87893);
//! * an initializer failure fails every queued future, skipping none;
//! * `as_completed` starts its clock at the call, as Python's documentation (not its code) says,
//!   and yields already-done futures in input order;
//! * dropping a `map` iterator cancels what it has not yielded, even if it was never advanced;
//! * nothing joins the pool when `main` returns: drop the executor to wait for its work;
//! * a pool whose workers all wait for futures only its own workers could finish says so on
//!   stderr (or, asked to, ends those waits with [`Error::Deadlock`]); Python's hangs in silence;
//! * asyncio's "Future exception was never retrieved" is there for the asking
//!   ([`Builder::report_never_retrieved`]), off by default as in Python.

#![forbid(unsafe_code)]
// gdb pretty-printers, embedded in every program that links this crate: see docs/debugging.md.
#![debugger_visualizer(gdb_script_file = "../gdb/executor_printers.py")]
#![deny(missing_docs, missing_debug_implementations)]

mod as_completed;
mod blocking;
pub mod companion;
mod errors;
mod events;
mod exception;
mod future;
mod listeners;
mod map;
mod stage;
mod sync;
mod thread_pool_executor;
mod type_name;
mod wait;
mod waiter;
mod watch;
mod work_item;
mod worker;

pub use as_completed::{AsCompleted, AsCompletedTimeout, as_completed, as_completed_timeout};
pub use blocking::Starvation;
pub use errors::Error;
pub use events::{Event, EventKind};
pub use exception::Panic;
pub use future::Future;
pub use map::{Map, MapOptions};
pub use thread_pool_executor::{Builder, REPORT_NEVER_RETRIEVED_VAR, ThreadPoolExecutor};
pub use wait::{
    ALL_COMPLETED, DoneAndNotDoneFutures, FIRST_COMPLETED, FIRST_EXCEPTION, ReturnWhen, wait,
};
