//! What the notebook's programs share, in files named after the book's modules:
//!
//! * [`flags_common`]: the book's `flags.py` less its `download_many` (`POP20_CC`, `get_flag`,
//!   `save_flag`, `show`, `main`), with the downloader both series of flags programs use;
//! * [`flags2_common`]: the book's `flags2_common.py` (the flags2 command line, reports, `main`);
//! * [`interrupt`]: Ctrl-C as Python's `KeyboardInterrupt`, in every program;
//! * [`timeline`]: a picture of which worker ran which call, for `loiter --timeline`;
//! * [`trace`] and [`timeline_svg`]: the same run as a trace a viewer opens (Perfetto,
//!   chrome://tracing) and as an SVG picture; [`pictures`] gives every program `--trace` and
//!   `--svg`.
//!
//! Each program in `src/bin/` is one notebook cell or one file of the book, with its own
//! `download_many` (and `download_one` where the book's file has one), so it reads top to
//! bottom like its Python. The server the programs download from is the `flags_server` crate.

pub mod flags2_common;
pub mod flags_common;
pub mod interrupt;
pub mod pictures;
pub mod timeline;
pub mod timeline_svg;
pub mod trace;
pub mod whole_file;

/// Makes a closed standard output end the program quietly, as it does for a Python script.
///
/// `cargo run --bin flags | head -3` closes the pipe early; Rust's `println!` then panics with
/// `failed printing to stdout: Broken pipe`. Every demo calls this first: such a panic exits
/// with status 141 (what a shell reports for SIGPIPE) and no backtrace. Other panics are
/// reported as before.
pub fn exit_quietly_on_broken_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") {
            std::process::exit(141);
        }
        previous(info);
    }));
}
