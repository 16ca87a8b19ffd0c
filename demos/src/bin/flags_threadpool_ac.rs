//! Download the flags with `submit` and `as_completed`, printing each future (the notebook's
//! `download_concurrently_v2`).
//!
//! ```python
//! def download_one(cc):
//!     image = get_flag(cc)
//!     show(cc)
//!     save_flag(image, cc.lower() + '.gif')
//!     return cc
//!
//! def download_many(cc_list):
//!     with futures.ThreadPoolExecutor(max_workers=len(cc_list)) as executor:
//!         to_do = []
//!         for cc in sorted(cc_list):
//!             future = executor.submit(download_one, cc)
//!             to_do.append(future)
//!             print('Scheduled for {} : {}'.format(cc, future))
//!         results = []
//!         for future in futures.as_completed(to_do):
//!             res = future.result()
//!             print('{} result : {!r}'.format(future, res))
//!             results.append(res)
//!     return len(results)
//! ```
//!
//! Run: `cargo run -p demos --bin flags_threadpool_ac`. Here the futures are visible: each is
//! usually `pending` when scheduled (the notebook shows `running`: CPython's `submit` waits for
//! each new thread to start, which then often takes the call before the print; starting a
//! thread here does not wait), sometimes `running`, and comes out of `as_completed` `finished`,
//! in the order the downloads ended.

use clap::Parser;
use demos::flags_common::{self, Downloader, FlagError, SiteArgs, show};
use demos::interrupt;
use executor::as_completed;
use std::process::ExitCode;
use std::sync::Arc;

/// Downloads the flags with submit and as_completed, showing each future's state.
#[derive(Debug, Parser)]
#[command(name = "flags_threadpool_ac")]
struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// Worker threads (default: one per flag, as in the notebook; the book uses 3).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..=1000), allow_negative_numbers = true)]
    workers: Option<u16>,
}

fn download_one(downloader: &Downloader, cc: &str) -> Result<String, FlagError> {
    let image = downloader.get_flag(cc)?;
    show(cc);
    downloader.save_flag(&image, &format!("{}.gif", cc.to_lowercase()))?;
    Ok(cc.to_owned())
}

fn download_many(
    downloader: &Arc<Downloader>,
    workers: Option<u16>,
    cc_list: &[&str],
) -> Result<usize, FlagError> {
    let workers = workers.map_or(cc_list.len().max(1), usize::from);
    let mut sorted: Vec<String> = cc_list.iter().map(|cc| cc.to_string()).collect();
    sorted.sort();
    let executor = interrupt::executor(workers, sorted.clone())?;
    let mut to_do = Vec::new();
    for cc in sorted {
        let downloader = Arc::clone(downloader);
        let task_cc = cc.clone();
        let future = executor.submit(move || download_one(&downloader, &task_cc))?;
        println!("Scheduled for {cc} : {future}");
        to_do.push(future);
    }
    let mut results = Vec::new();
    for future in as_completed(&to_do) {
        // future.result() is the call's own Result inside the executor's: `?` twice.
        let res = future.result()?.clone()?;
        println!("{future} result : '{res}'");
        results.push(res);
    }
    Ok(results.len())
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
    flags_common::main(|cc_list| download_many(&downloader, args.workers, cc_list))
}
