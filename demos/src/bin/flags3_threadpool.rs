//! Two dependent requests per task: the flag, then the country's name, saved as
//! `{Country_Name}-{cc}.gif` (Fluent Python's first-edition `flags3_threadpool.py`).
//!
//! ```python
//! def get_country(base_url, cc):
//!     url = '{}/{cc}/metadata.json'.format(base_url, cc=cc.lower())
//!     res = requests.get(url)
//!     if res.status_code != 200:
//!         res.raise_for_status()
//!     return res.json()['country']
//!
//! def download_one(cc, base_url, verbose=False):
//!     try:
//!         image = get_flag(base_url, cc)
//!         country = get_country(base_url, cc)
//!     except requests.exceptions.HTTPError as exc:
//!         res = exc.response
//!         if res.status_code == 404:
//!             status = HTTPStatus.not_found
//!             msg = 'not found'
//!         else:
//!             raise
//!     else:
//!         country = country.replace(' ', '_')
//!         filename = '{}-{}.gif'.format(country, cc)
//!         save_flag(image, filename)
//!         status = HTTPStatus.ok
//!         msg = 'OK'
//!     if verbose:
//!         print(cc, msg)
//!     return Result(status, cc)
//!
//! def download_many(cc_list, base_url, verbose, concur_req):
//!     ...                 # flags2_threadpool.py's, line for line
//! ```
//!
//! The command line is flags2's; `download_many` is a copy of `flags2_threadpool`'s, as in the
//! book, calling this file's `download_one`. Run:
//! `cargo run -p demos --bin flags3_threadpool -- -v BR CN JP`.

use demos::flags_common::{Downloader, FlagError};
use demos::flags2_common::{self, Counter, Status, progress_bar};
use demos::interrupt;
use executor::as_completed;
use indicatif::ProgressIterator;
use std::collections::HashMap;
use std::process::ExitCode;

/// By default, 30 requests at once.
const DEFAULT_CONCUR_REQ: usize = 30;

fn download_one(downloader: &Downloader, cc: &str, verbose: bool) -> Result<Status, FlagError> {
    let fetched = downloader
        .get_flag(cc)
        .and_then(|image| Ok((image, downloader.get_country(cc)?)));
    let (status, msg) = match fetched {
        Err(FlagError::NotFound) => (Status::NotFound, "not found"),
        Err(error) => return Err(error),
        Ok((image, country)) => {
            let filename = format!("{}-{cc}.gif", file_name_part(&country));
            downloader.save_flag(&image, &filename)?;
            (Status::Ok, "OK")
        }
    };
    if verbose {
        println!("{cc} {msg}");
    }
    Ok(status)
}

/// `country.replace(' ', '_')`, and nothing a server could use to leave the folder.
fn file_name_part(country: &str) -> String {
    country
        .chars()
        .map(|ch| match ch {
            ' ' => '_',
            '/' | '\\' | '\0' => '-',
            ch => ch,
        })
        .collect::<String>()
        .trim_start_matches('.')
        .to_owned()
}

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
    flags2_common::main("flags3_threadpool", DEFAULT_CONCUR_REQ, download_many)
}
