//! The book's flags test server, as a library the clients start in-process and as the
//! `flags_server` program (`demos/src/bin/flags_server.rs`, a command line over [`start`]).
//!
//! Fluent Python's flags clients download from a server: the book's site (gone today), or a
//! local one that a teacher makes slow or unreliable to show what threads buy and how errors
//! travel through futures. This server plays all of those parts:
//!
//! * `GET /flags/{cc}/{cc}.gif` and `GET /flags/{cc}/metadata.json` for the 194 codes of
//!   [`countries::COUNTRIES`], drawn by [`flag_image`], or read from a real flags tree with
//!   `--directory`; `404` for anything else;
//! * a delay before each response: fixed or random (the book's DELAY proxy), or like a round
//!   trip across the internet ([`Delay::Internet`]), which stands in for the book's remote site;
//! * an error rate, answering with a chosen status (the book's ERROR proxy; `418 I'm a teapot`);
//! * the faults a real network shows ([`Fault`]): a connection reset mid-body, a body shorter
//!   than its `Content-Length`, a response that stalls until the client gives up, a `500` with
//!   an HTML page, and a redirect to `/moved/flags/...`, which serves the real file;
//! * the three labels of the book's first edition as presets: LOCAL, DELAY, ERROR ([`Label`]);
//! * `GET /stats`: what it has answered and injected so far, as JSON ([`Stats`]);
//! * guards against clients and trees that would wear it down: a deadline for each request
//!   head, a cap on connections held at once, a log that cannot stop it, and a `--directory`
//!   that serves only its own regular files (`server.rs`, `files.rs`).
//!
//! # A tour
//!
//! A request goes down the files in this order:
//!
//! 1. [`http`] reads the request's head (`httparse`, with no body and one request per
//!    connection);
//! 2. [`route`] decides the whole answer, as a pure function of the request and the
//!    [`ServerConfig`]: the reply, the delay before it, the fault that spoils it, what it
//!    counts as. Its tests are the server's policy, checked without a socket;
//! 3. the connection's thread (`server.rs`) waits, counts in [`Stats`], logs, and hands the
//!    reply back to [`http`], which sends it and ends the connection as the fault says: a
//!    polite close, a TCP reset, or a stall.
//!
//! What `route` reads: [`config`] (the labels, the delay and the seeded per-path draw that
//! makes the same seed fail the same flags on every run), [`fault`] (one table: each fault's
//! name and what it sends) and the files ([`countries`], [`flag_image`]).
//!
//! ```
//! use flags_server::{ServerConfig, start};
//! use std::io::{Read, Write};
//! use std::net::TcpStream;
//!
//! let server = start(ServerConfig::local()).unwrap(); // 127.0.0.1, a free port
//! let mut stream = TcpStream::connect(server.addr()).unwrap();
//! stream.write_all(b"GET /flags/br/metadata.json HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
//! let mut response = String::new();
//! stream.read_to_string(&mut response).unwrap();
//! assert!(response.starts_with("HTTP/1.1 200 OK"));
//! assert!(response.ends_with("{\"country\": \"Brazil\", \"cc\": \"BR\"}\n"));
//! assert_eq!(server.stats().served(), 1);
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

pub mod config;
pub mod countries;
pub mod fault;
mod files;
pub mod flag_image;
pub mod http;
mod json;
pub mod route;
mod server;
pub mod stats;

pub use config::{Delay, Label, ServerConfig};
pub use countries::known_codes;
pub use fault::{Fault, FaultRates};
pub use http::STALL_LIMIT;
pub use server::{RunningServer, connection_cap, log, start};
pub use stats::Stats;
