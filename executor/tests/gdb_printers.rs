//! The executor's gdb pretty-printers, checked against the executor's own `Debug`.
//!
//! The `future_states` example prints each of its values with `{:?}` and then stops in
//! `look_here`; gdb, stopped there, prints the same values through the printers embedded in the
//! binary. The two must agree, addresses included: a future in gdb reads exactly as it does in
//! the program's output, which reads like Python's repr.
//!
//! Runs when `gdb` is installed and skips with a note otherwise; set `EXECUTOR_REQUIRE_GDB=1`
//! (as `.ci/run` does) to make a missing gdb a failure instead.

mod support {
    pub mod gdb;
}

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use support::gdb::gdb_batch;

/// The values `future_states` prints and stops with.
const NAMES: [&str; 10] = [
    "pending",
    "running",
    "cancelled",
    "finished",
    "raised",
    "blocked",
    "panic",
    "results",
    "buffered",
    "executor",
];

#[test]
fn gdb_prints_each_value_as_its_debug_does() {
    let program = example("future_states");
    let mut script = String::from(
        "set pagination off
         set print thread-events off
         set confirm off
         break future_states::look_here
         run
         up
        ",
    );
    for name in NAMES {
        script += &format!("echo {name}=\\n\nprint {name}\n");
    }
    script += "kill";
    let Some(text) = gdb_batch(&program, &[], &script) else {
        return;
    };

    // What the program printed: `finished:  <Future at 0x... state=finished returned String>`.
    let debug: HashMap<&str, &str> = text
        .lines()
        .filter_map(|line| line.split_once(": "))
        .filter(|(name, _)| NAMES.contains(name))
        .map(|(name, value)| (name, value.trim()))
        .collect();
    // What gdb printed: `finished=` then `$4 = <Future at 0x... returned String> = {result = ...}`.
    let mut printed = HashMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(name) = line.strip_suffix('=').filter(|name| NAMES.contains(name)) {
            let value = lines.next().unwrap_or_default();
            let value = value.split_once(" = ").map_or(value, |(_, value)| value);
            printed.insert(name, value);
        }
    }

    for name in NAMES {
        let want = debug
            .get(name)
            .unwrap_or_else(|| panic!("the program did not print {name}:\n{text}"));
        let got = printed
            .get(name)
            .unwrap_or_else(|| panic!("gdb did not print {name}:\n{text}"));
        assert!(
            got.starts_with(want),
            "{name}: gdb printed {got:?}, the program {want:?}"
        );
    }
    assert!(
        printed["finished"].ends_with("{result = \"BR.gif\"}"),
        "{text}"
    );
    assert!(printed["raised"].contains("exception = "), "{text}");
    // The pool's queue, oldest first: the map's three calls behind the blocked task, then the
    // buffered map's two.
    let queue: Vec<&str> = printed["executor"]
        .match_indices("WorkItem(task ")
        .map(|(at, _)| printed["executor"][at..].split(')').next().unwrap())
        .collect();
    assert_eq!(
        queue,
        [2, 3, 4, 5, 6].map(|task| format!("WorkItem(task {task}")),
        "{text}"
    );
}

/// gdb prints a frame's arguments in its "summary" mode, where a value's fields are not shown;
/// the printers must read a job's state the same way there as in `print`.
#[test]
fn frame_lines_show_a_queued_job_as_print_does() {
    let program = example("future_states");
    let script = "set pagination off
         set print thread-events off
         set confirm off
         break executor::thread_pool_executor::Pool::submit_work_item
         run
         frame
         print job
         kill";
    let Some(text) = gdb_batch(&program, &[], script) else {
        return;
    };
    let frame_lines: Vec<&str> = text.lines().filter(|l| l.contains("job=")).collect();
    assert!(!frame_lines.is_empty(), "{text}");
    for line in frame_lines {
        assert!(line.contains("job=Task(not yet called)"), "{line}\n{text}");
    }
    assert!(
        text.lines()
            .any(|l| l.starts_with("$1 = Task(not yet called) = {future = <Future at 0x")),
        "{text}"
    );
}

/// The path of an example binary beside this test's own, brought up to date first: cargo builds
/// examples for a whole `cargo test`, but not when only this test is asked for, and a stale
/// binary would carry stale printers.
fn example(name: &str) -> PathBuf {
    let deps = std::env::current_exe().unwrap();
    let profile_dir = deps.parent().unwrap().parent().unwrap().to_path_buf();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut build = Command::new(cargo);
    build.args(["build", "--quiet", "-p", "executor", "--example", name]);
    if profile_dir.ends_with("release") {
        build.arg("--release");
    }
    assert!(build.status().unwrap().success(), "could not build {name}");
    profile_dir.join("examples").join(name)
}
