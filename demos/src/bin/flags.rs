//! Download the 20 flags one after another (the notebook's `download_sequentially`).
//!
//! ```python
//! def download_many(cc_list):
//!     for cc in sorted(cc_list):
//!         image = get_flag(cc)
//!         show(cc)
//!         save_flag(image, cc.lower() + '.gif')
//!     return len(cc_list)
//! ```
//!
//! Run: `cargo run -p demos --bin flags`. Each request waits for the one before it, so the time
//! is the sum of all of them; compare with `flags_threadpool`.

use clap::Parser;
use demos::flags_common::{self, Downloader, FlagError, SiteArgs, show};
use std::process::ExitCode;

/// Downloads the flags of the 20 most populous countries, one at a time.
#[derive(Debug, Parser)]
#[command(name = "flags")]
struct Args {
    #[command(flatten)]
    site: SiteArgs,
}

fn download_many(downloader: &Downloader, cc_list: &[&str]) -> Result<usize, FlagError> {
    let mut cc_list = cc_list.to_vec();
    cc_list.sort();
    for cc in &cc_list {
        let image = downloader.get_flag(cc)?;
        show(cc);
        downloader.save_flag(&image, &format!("{}.gif", cc.to_lowercase()))?;
    }
    Ok(cc_list.len())
}

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    demos::interrupt::install();
    let args = Args::parse();
    let (_site, downloader) = match args.site.downloader() {
        Ok(found) => found,
        Err(code) => return code,
    };
    flags_common::main(|cc_list| download_many(&downloader, cc_list))
}
