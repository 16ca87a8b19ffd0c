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
//! ```
//!
//! The command line and `download_many` are flags2's. Run:
//! `cargo run -p demos --bin flags3_threadpool -- -v BR CN JP`.

use demos::flags::{Downloader, FlagError};
use demos::flags2::{self, Status};
use std::process::ExitCode;

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

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    flags2::threadpool_main("flags3_threadpool", download_one)
}
