//! The book's flags test server, as a library the clients start in-process and as the
//! `flags_server` program (`demos/src/bin/flags_server.rs`).

#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

pub mod countries;
pub mod flag_image;
pub mod http;
mod server;

pub use server::*;
