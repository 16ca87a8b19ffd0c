//! The companion text: Fluent Python's futures chapter, cell by cell, beside the Rust.
//!
//! These chapters live in the repository's `docs/` folder, where they read as plain Markdown,
//! with their diagrams drawn and their links to each other and to the code working. They are
//! included here so that every Rust snippet in them is compiled and run by `cargo test`, and
//! cannot drift from the code; here, move between them with the list below (links to files in
//! the chapters do not resolve in rustdoc). `docs/README.md` maps each notebook cell to its
//! chapter, file and command.
//!
//! 1. [Reading guide](reading_guide): how cells map to files; Python's `Future` versus Rust's.
//! 2. [Web downloads](web_downloads): one after another, then on a thread pool; the GIL.
//! 3. [Where are the futures?](where_are_the_futures): `submit`, the states, `as_completed`.
//! 4. [Executor.map](executor_map): ordered results, and why the loop blocks.
//! 5. [Error handling](error_handling): how a failure travels from a worker to the caller.
//! 6. [Inside the executor](inside_the_executor): the queue, the workers, shutdown, waiters.
//! 7. [Differences from Python](differences_from_python), each with its reason.
//! 8. [Where next](where_next): rayon and tokio; Dask and Ray.

#[doc = include_str!("../../docs/01-reading-guide.md")]
pub mod reading_guide {}

#[doc = include_str!("../../docs/02-web-downloads.md")]
pub mod web_downloads {}

#[doc = include_str!("../../docs/03-where-are-the-futures.md")]
pub mod where_are_the_futures {}

#[doc = include_str!("../../docs/04-executor-map.md")]
pub mod executor_map {}

#[doc = include_str!("../../docs/05-error-handling.md")]
pub mod error_handling {}

#[doc = include_str!("../../docs/06-inside-the-executor.md")]
pub mod inside_the_executor {}

#[doc = include_str!("../../docs/differences-from-python.md")]
pub mod differences_from_python {}

#[doc = include_str!("../../docs/08-where-next.md")]
pub mod where_next {}
