//! The pieces the notebook's programs share: the download functions of the flags clients and
//! the timeline of a pool's work. The server they download from is the `flags_server` crate.
//!
//! Each program in `src/bin/` is one notebook cell; what several of them need lives here, in
//! files named after what they do, so a program still reads top to bottom like its Python.

pub mod flags;
pub mod flags2;
pub mod timeline;

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
