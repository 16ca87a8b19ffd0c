//! Driving gdb from a test: shared by the printers' test here and the debugger walkthrough's test
//! in `tests/e2e/debugger.rs`, which includes this file by path.

use std::path::Path;
use std::process::Command;

/// Runs `script` (one gdb command a line) in gdb's batch mode against `program` started with
/// `args`, with the executor's printers allowed to load from the binary's folder, and returns
/// what gdb and the program printed (standard output, then standard error). `None` when gdb is
/// not installed and not required.
pub fn gdb_batch(program: &Path, args: &[&str], script: &str) -> Option<String> {
    let gdb = find_gdb()?;
    let folder = program.parent().unwrap().display().to_string();
    let mut command = Command::new("timeout");
    // A watchdog: a wedged debugger fails the test instead of hanging the run.
    command.args(["--kill-after=5", "120", gdb, "-nx", "-batch"]);
    command.args(["-iex", &format!("add-auto-load-safe-path {folder}")]);
    for line in script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        command.args(["-ex", line]);
    }
    command.arg("--args").arg(program).args(args);
    let output = command.output().expect("run gdb");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_ne!(output.status.code(), Some(124), "gdb timed out:\n{text}");
    Some(text)
}

/// `rust-gdb` (gdb with rustc's printers for `String`, `Vec`, ... on its path) when the toolchain
/// has it, else plain `gdb`; `None`, after a note, when neither is installed and none is required.
fn find_gdb() -> Option<&'static str> {
    let runs = |name: &str| {
        Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if let Some(gdb) = ["rust-gdb", "gdb"].into_iter().find(|name| runs(name)) {
        return Some(gdb);
    }
    assert!(
        std::env::var_os("EXECUTOR_REQUIRE_GDB").is_none(),
        "EXECUTOR_REQUIRE_GDB is set but gdb is not installed"
    );
    eprintln!("skipped: gdb is not installed");
    None
}
