//! Download flags one at a time, handling errors (Fluent Python's `flags2_sequential.py`).
//!
//! ```python
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
//! Run: `cargo run -p demos --bin flags2_sequential -- -s DELAY b` (26 codes, 0.5 s each).

use demos::flags::{Downloader, FlagError};
use demos::flags2::{self, Plan, Status};
use indicatif::ProgressBar;
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

/// By default, one request at a time.
const DEFAULT_CONCUR_REQ: usize = 1;

fn download_many(downloader: &Downloader, plan: &Plan) -> BTreeMap<Status, usize> {
    let mut counter = BTreeMap::new();
    let progress = (!plan.verbose).then(|| ProgressBar::new(plan.cc_list.len() as u64));
    for cc in &plan.cc_list {
        let (status, error_msg) = match flags2::download_one(downloader, cc, plan.verbose) {
            Ok(status) => (status, None),
            Err(FlagError::Http { status, reason }) => (
                Status::Error,
                Some(format!("HTTP error {status} - {reason}")),
            ),
            Err(other) => (Status::Error, Some(other.to_string())),
        };
        *counter.entry(status).or_insert(0) += 1;
        if let (true, Some(error_msg)) = (plan.verbose, error_msg) {
            println!("*** Error for {cc}: {error_msg}");
        }
        if let Some(progress) = &progress {
            progress.inc(1);
        }
    }
    if let Some(progress) = progress {
        progress.finish_and_clear();
    }
    counter
}

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    let plan = match flags2::process_args("flags2_sequential", DEFAULT_CONCUR_REQ) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    let (_site, downloader) = match flags2::initial_report(&plan) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let t0 = Instant::now();
    let counter = download_many(&downloader, &plan);
    flags2::final_report(&counter, t0.elapsed());
    ExitCode::SUCCESS
}
