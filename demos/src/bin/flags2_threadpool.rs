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
//! `download_many` is [`flags2::threadpool_download_many`] (shared with `flags3_threadpool`):
//! the error travels from the worker inside the future, as the task's returned `Result`, and
//! `future.result()` hands it back, where one `match` plays the `except` clauses.
//! Run: `cargo run -p demos --bin flags2_threadpool -- -s ERROR -e`.

use demos::flags2;
use std::process::ExitCode;

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    flags2::threadpool_main("flags2_threadpool", flags2::download_one)
}
