//! Download flags one at a time, handling errors (Fluent Python's `flags2_sequential.py`).
//!
//! ```python
//! def download_one(cc, base_url, verbose=False):
//!     try:
//!         image = get_flag(base_url, cc)
//!     except requests.exceptions.HTTPError as exc:
//!         res = exc.response
//!         if res.status_code == 404:
//!             status = HTTPStatus.not_found
//!             msg = 'not found'
//!         else:
//!             raise
//!     else:
//!         save_flag(image, cc.lower() + '.gif')
//!         status = HTTPStatus.ok
//!         msg = 'OK'
//!     if verbose:
//!         print(cc, msg)
//!     return Result(status, cc)
//!
//! def download_many(cc_list, base_url, verbose, max_req):
//!     counter = collections.Counter()
//!     cc_iter = sorted(cc_list)
//!     if not verbose:
//!         cc_iter = tqdm.tqdm(cc_iter)
//!     for cc in cc_iter:
//!         try:
//!             res = download_one(cc, base_url, verbose)
//!         except requests.exceptions.HTTPError as exc:
//!             error_msg = 'HTTP error {res.status_code} - {res.reason}'.format(res=exc.response)
//!         except requests.exceptions.ConnectionError as exc:
//!             error_msg = 'Connection error'
//!         else:
//!             error_msg = ''
//!             status = res.status
//!         if error_msg:
//!             status = HTTPStatus.error
//!         counter[status] += 1
//!         if verbose and error_msg:
//!             print('*** Error for {}: {}'.format(cc, error_msg))
//!     return counter
//! ```
//!
//! `download_one` raises nothing: a 404 is a status, any other failure the `Err` it returns,
//! which `download_many` turns into a message where the book catches the exception.
//! `flags2_threadpool` uses this `download_one`, as the book's imports it from here.
//! Run: `cargo run -p demos --bin flags2_sequential -- -s DELAY b` (26 codes, 0.5 s each).

use demos::flags_common::{Downloader, FlagError};
use demos::flags2_common::{self, Counter, Status, progress_bar};
use indicatif::ProgressIterator;
use std::process::ExitCode;

/// By default, one request at a time.
const DEFAULT_CONCUR_REQ: usize = 1;

/// `download_one(cc, base_url, verbose)`: a 404 is `NotFound`, a saved flag `Ok`, anything
/// else an error for the caller to handle.
pub fn download_one(downloader: &Downloader, cc: &str, verbose: bool) -> Result<Status, FlagError> {
    let (status, msg) = match downloader.get_flag(cc) {
        Err(FlagError::NotFound) => (Status::NotFound, "not found"),
        Err(error) => return Err(error),
        Ok(image) => {
            downloader.save_flag(&image, &format!("{}.gif", cc.to_lowercase()))?;
            (Status::Ok, "OK")
        }
    };
    if verbose {
        println!("{cc} {msg}");
    }
    Ok(status)
}

fn download_many(downloader: &Downloader, cc_list: &[String], verbose: bool) -> Counter {
    let mut counter = Counter::new();
    let progress = progress_bar(verbose, cc_list.len());
    for cc in cc_list.iter().progress_with(progress) {
        let (status, error_msg) = match download_one(downloader, cc, verbose) {
            Ok(status) => (status, None),
            Err(FlagError::Http { status, reason }) => (
                Status::Error,
                Some(format!("HTTP error {status} - {reason}")),
            ),
            Err(other) => (Status::Error, Some(other.to_string())),
        };
        *counter.entry(status).or_insert(0) += 1;
        if let (true, Some(error_msg)) = (verbose, error_msg) {
            println!("*** Error for {cc}: {error_msg}");
        }
    }
    counter
}

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    flags2_common::main(
        "flags2_sequential",
        DEFAULT_CONCUR_REQ,
        |downloader, cc_list, verbose, _max_req| Ok(download_many(downloader, cc_list, verbose)),
    )
}
