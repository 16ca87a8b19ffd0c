//! Download the 20 flags on a thread pool with `executor.map` (the notebook's
//! `download_concurrently`).
//!
//! ```python
//! MAX_WORKERS = 20
//!
//! def download_one(cc):
//!     image = get_flag(cc)
//!     show(cc)
//!     save_flag(image, cc.lower() + '.gif')
//!     return cc
//!
//! def download_many(cc_list):
//!     workers = min(MAX_WORKERS, len(cc_list))
//!     with futures.ThreadPoolExecutor(workers) as executor:
//!         res = executor.map(download_one, sorted(cc_list))
//!     return len(list(res))
//! ```
//!
//! Run: `cargo run -p demos --bin flags_threadpool`. The codes print in the order the downloads
//! finish, not in sorted order: twenty requests wait on the network at once, so the whole run
//! takes about as long as the slowest one.

use clap::Parser;
use demos::flags_common::{self, Downloader, FlagError, SiteArgs, show};
use demos::interrupt;
use std::process::ExitCode;
use std::sync::Arc;

/// The most threads to use: one per flag, up to this many.
const MAX_WORKERS: usize = 20;

/// Downloads the flags of the 20 most populous countries on a thread pool (Executor.map).
#[derive(Debug, Parser)]
#[command(name = "flags_threadpool")]
struct Args {
    #[command(flatten)]
    site: SiteArgs,
}

fn download_one(downloader: &Downloader, cc: &str) -> Result<String, FlagError> {
    let image = downloader.get_flag(cc)?;
    show(cc);
    downloader.save_flag(&image, &format!("{}.gif", cc.to_lowercase()))?;
    Ok(cc.to_owned())
}

fn download_many(downloader: &Arc<Downloader>, cc_list: &[&str]) -> Result<usize, FlagError> {
    let workers = MAX_WORKERS.min(cc_list.len()).max(1);
    let mut sorted: Vec<String> = cc_list.iter().map(|cc| cc.to_string()).collect();
    sorted.sort();
    let executor = interrupt::executor(workers, sorted.clone())?;
    let downloader = Arc::clone(downloader);
    let res = executor.map(move |cc: String| download_one(&downloader, &cc), sorted)?;
    // Each item is the call's own Result (HTTP errors are values), inside map's Result
    // (a panic or a cancellation): flatten them, stopping at the first error as Python would.
    let mut count = 0;
    for result in res {
        result??;
        count += 1;
    }
    Ok(count)
}

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    demos::interrupt::install();
    let args = Args::parse();
    let (_site, downloader) = match args.site.downloader() {
        Ok(found) => found,
        Err(code) => return code,
    };
    let downloader = Arc::new(downloader);
    flags_common::main(|cc_list| download_many(&downloader, cc_list))
}
