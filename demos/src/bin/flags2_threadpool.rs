//! Download flags on a thread pool, handling errors at `future.result()` (Fluent Python's
//! `flags2_threadpool.py`).
//!
//! ```python
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
//! ```
//!
//! The error travels from the worker to here inside the future: the task returns its
//! `Result`, and `future.result()` hands it back, where the `match` below plays the `except`
//! clauses. Run: `cargo run -p demos --bin flags2_threadpool -- -s ERROR -e`.

use demos::flags::{Downloader, FlagError};
use demos::flags2::{self, Plan, Status};
use executor::{ThreadPoolExecutor, as_completed};
use indicatif::ProgressBar;
use std::collections::{BTreeMap, HashMap};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// By default, 30 requests at once.
const DEFAULT_CONCUR_REQ: usize = 30;

fn download_many(
    downloader: &Arc<Downloader>,
    plan: &Plan,
) -> Result<BTreeMap<Status, usize>, executor::Error> {
    let mut counter = BTreeMap::new();
    let executor = ThreadPoolExecutor::new(plan.concur_req)?;
    let mut to_do_map = HashMap::new();
    for cc in &plan.cc_list {
        let (downloader, task_cc, verbose) = (Arc::clone(downloader), cc.clone(), plan.verbose);
        let future =
            executor.submit(move || flags2::download_one(&downloader, &task_cc, verbose))?;
        to_do_map.insert(future, cc.clone());
    }
    let progress = (!plan.verbose).then(|| ProgressBar::new(plan.cc_list.len() as u64));
    for future in as_completed(to_do_map.keys()) {
        let (status, error_msg) = match future.result() {
            Ok(Ok(status)) => (*status, None),
            Ok(Err(FlagError::Http { status, reason })) => {
                (Status::Error, Some(format!("HTTP {status} - {reason}")))
            }
            Ok(Err(FlagError::Connection(_))) => {
                (Status::Error, Some("Connection error".to_owned()))
            }
            Ok(Err(other)) => (Status::Error, Some(other.to_string())),
            Err(panic_or_cancel) => (Status::Error, Some(panic_or_cancel.to_string())),
        };
        *counter.entry(status).or_insert(0) += 1;
        if let (true, Some(error_msg)) = (plan.verbose, error_msg) {
            let cc = &to_do_map[&future];
            println!("*** Error for {cc}: {error_msg}");
        }
        if let Some(progress) = &progress {
            progress.inc(1);
        }
    }
    if let Some(progress) = progress {
        progress.finish_and_clear();
    }
    Ok(counter)
}

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    let plan = match flags2::process_args("flags2_threadpool", DEFAULT_CONCUR_REQ) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    let (_site, downloader) = match flags2::initial_report(&plan) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let downloader = Arc::new(downloader);
    let t0 = Instant::now();
    match download_many(&downloader, &plan) {
        Ok(counter) => {
            flags2::final_report(&counter, t0.elapsed());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
