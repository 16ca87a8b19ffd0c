//! The companion text: Fluent Python's futures chapter, cell by cell, beside the Rust.
//!
//! These chapters live in the repository's `docs/` folder, where they read as plain Markdown.
//! They are included here so that every Rust snippet in them is compiled and run by
//! `cargo test`, and cannot drift from the code. The build script (`executor/build.rs`) draws
//! their diagrams here as pictures and points their links to each other at these modules;
//! links to the repository's source files are left as plain text.
//!
//! The index below is `docs/README.md`.
#![doc = include_str!(concat!(env!("OUT_DIR"), "/README.md"))]

/// 1. How the notebook's cells map to files; Python's `Future` against Rust's.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/01-reading-guide.md"))]
pub mod reading_guide {}

/// 2. One download after another, then on a thread pool; the GIL.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/02-web-downloads.md"))]
pub mod web_downloads {}

/// 3. `submit`, the states of a future, `as_completed`.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/03-where-are-the-futures.md"))]
pub mod where_are_the_futures {}

/// 4. `Executor.map`: ordered results, and why the loop blocks.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/04-executor-map.md"))]
pub mod executor_map {}

/// 5. How a failure travels from a worker to the caller.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/05-error-handling.md"))]
pub mod error_handling {}

/// 6. The queue, the workers, shutdown, the waiters.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/06-inside-the-executor.md"))]
pub mod inside_the_executor {}

/// 7. Each difference from Python, with its reason.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/differences-from-python.md"))]
pub mod differences_from_python {}

/// 8. rayon and tokio; Dask and Ray.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/08-where-next.md"))]
pub mod where_next {}

/// Stepping through the executor in gdb, lldb and VS Code.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/debugging.md"))]
pub mod debugging {}

/// Rust and Python side by side: the timings table.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/performance.md"))]
pub mod performance {}

/// This executor beside other Rust pools.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/benchmarks.md"))]
pub mod benchmarks {}

/// Model checks, stress tests, hostile tasks and `map`'s memory.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/reliability.md"))]
pub mod reliability {}
