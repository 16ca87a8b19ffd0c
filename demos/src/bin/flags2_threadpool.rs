//! Download flags on a thread pool, handling errors at `future.result()` (Fluent Python's
//! `flags2_threadpool.py`).
//!
//! ```python
//! from flags2_common import main, HTTPStatus
//! from flags2_sequential import download_one
//!
//! DEFAULT_CONCUR_REQ = 30
//!
//! def download_many(cc_list, base_url, verbose, concur_req):
//!     counter = collections.Counter()
//!     with futures.ThreadPoolExecutor(max_workers=concur_req) as executor:
//!         to_do_map = {}
//!         for cc in sorted(cc_list):
//!             future = executor.submit(download_one, cc, base_url, verbose)
//!             to_do_map[future] = cc
//!         done_iter = futures.as_completed(to_do_map)
//!         if not verbose:
//!             done_iter = tqdm.tqdm(done_iter, total=len(cc_list))
//!         for future in done_iter:
//!             try:
//!                 res = future.result()
//!             except requests.exceptions.HTTPError as exc:
//!                 error_msg = 'HTTP {res.status_code} - {res.reason}'.format(res=exc.response)
//!             except requests.exceptions.ConnectionError as exc:
//!                 error_msg = 'Connection error'
//!             else:
//!                 error_msg = ''
//!                 status = res.status
//!             if error_msg:
//!                 status = HTTPStatus.error
//!             counter[status] += 1
//!             if verbose and error_msg:
//!                 cc = to_do_map[future]
//!                 print('*** Error for {}: {}'.format(cc, error_msg))
//!     return counter
//!
//! main(download_many, DEFAULT_CONCUR_REQ, MAX_CONCUR_REQ)
//! ```
//!
//! The error travels from the worker inside the future, as the task's returned `Result`, and
//! `future.result()` hands it back, where one `match` plays the `except` clauses. A panic in a
//! task, or a cancelled one, is the outer `Err`: the executor's, not the download's.
//! Run: `cargo run -p demos --bin flags2_threadpool -- -s ERROR -e`.

use demos::flags_common::{Downloader, FlagError};
use demos::flags2_common::{self, Counter, Status, progress_bar};
use demos::interrupt;
use executor::as_completed;
use indicatif::ProgressIterator;
use std::collections::HashMap;
use std::process::ExitCode;

// `from flags2_sequential import download_one`: the same file, compiled in as a module (only
// its download_one is used here).
#[allow(dead_code)]
#[path = "flags2_sequential.rs"]
mod flags2_sequential;
use flags2_sequential::download_one;

/// By default, 30 requests at once.
const DEFAULT_CONCUR_REQ: usize = 30;

fn download_many(
    downloader: &Downloader,
    cc_list: &[String],
    verbose: bool,
    concur_req: usize,
) -> Result<Counter, executor::Error> {
    let mut counter = Counter::new();
    let executor = interrupt::executor(concur_req, cc_list.to_vec())?;
    let mut to_do_map = HashMap::new();
    for cc in cc_list {
        let (downloader, task_cc) = (downloader.clone(), cc.clone());
        let future = executor.submit(move || download_one(&downloader, &task_cc, verbose))?;
        to_do_map.insert(future, cc.clone());
    }
    let progress = progress_bar(verbose, cc_list.len());
    for future in as_completed(to_do_map.keys()).progress_with(progress) {
        let (status, error_msg) = match future.result() {
            Ok(Ok(status)) => (*status, None),
            Ok(Err(FlagError::Http { status, reason })) => {
                (Status::Error, Some(format!("HTTP {status} - {reason}")))
            }
            Ok(Err(other)) => (Status::Error, Some(other.to_string())),
            Err(panic_or_cancel) => (Status::Error, Some(panic_or_cancel.to_string())),
        };
        *counter.entry(status).or_insert(0) += 1;
        if let (true, Some(error_msg)) = (verbose, error_msg) {
            let cc = &to_do_map[&future];
            println!("*** Error for {cc}: {error_msg}");
        }
    }
    Ok(counter)
}

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    flags2_common::main("flags2_threadpool", DEFAULT_CONCUR_REQ, download_many)
}
