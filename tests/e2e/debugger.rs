//! The debugger walkthrough, checked: gdb in batch mode against the loiter demo.
//!
//! A breakpoint in `loiter` must be hit on a worker thread that `info threads` tells apart by
//! its kernel name (`TPE-0_1`, not `loiter`), and printing the worker's job must show which
//! item of the map it runs and that its call is running, through the pretty-printers the
//! executor embeds in the binary.
//!
//! Runs when `gdb` is installed and skips with a note otherwise; set `EXECUTOR_REQUIRE_GDB=1`
//! (as `.ci/run` does) to make a missing gdb a failure instead.

#[path = "../../executor/tests/support/gdb.rs"]
mod gdb;

use gdb::gdb_batch;
use std::path::Path;

#[test]
fn a_breakpoint_in_a_task_stops_on_a_named_worker_and_shows_its_job() {
    let loiter = Path::new(env!("CARGO_BIN_EXE_loiter"));
    let script = "
        set pagination off
        set print thread-events off
        set confirm off
        break loiter::loiter if n == 1
        run
        bt
        info threads
        frame function executor::worker::run_work_item
        print item
        print worker.kernel_name
        print worker.pool
        kill
    ";
    let Some(text) = gdb_batch(
        loiter,
        &["--unit", "ms", "--workers", "2", "--tasks", "3"],
        script,
    ) else {
        return;
    };

    // Thread 3 "TPE-0_1" hit Breakpoint 1, loiter::loiter (n=1, unit=loiter::Unit::Ms) at ...
    let hit = text
        .lines()
        .find(|line| line.contains("hit Breakpoint 1"))
        .unwrap_or_else(|| panic!("the breakpoint was never hit:\n{text}"));
    assert!(hit.contains("loiter::loiter (n=1"), "{hit}");
    let worker = quoted(hit).unwrap_or_else(|| panic!("no thread name in {hit:?}"));
    assert!(
        worker.starts_with("TPE-0_"),
        "the task ran on {worker:?}, not a pool worker"
    );

    // `bt` tells the story, task on top of the worker, without the standard library's frames
    // between (the executor's frame filter): loiter → ... → Job::run → run_work_item →
    // worker_loop.
    let frames: Vec<&str> = text.lines().filter(|line| line.starts_with('#')).collect();
    let story = [
        "loiter::loiter (",
        "executor::work_item::",
        "executor::worker::run_work_item (",
        "executor::worker::worker_loop (",
    ];
    let mut at = 0;
    for step in story {
        let found = frames[at..].iter().position(|frame| frame.contains(step));
        let found = found.unwrap_or_else(|| panic!("no {step} in the backtrace:\n{text}"));
        at += found + 1;
    }
    assert!(
        frames.iter().all(|frame| !frame.contains(" in std::")),
        "the backtrace shows std's frames:\n{text}"
    );

    // `info threads`: the current thread (marked `*`) is that worker, the main thread is still
    // `loiter`, and no two workers share a name.
    let threads: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("Thread 0x") && line.contains("(LWP"))
        .collect();
    let current = threads
        .iter()
        .find(|line| line.trim_start().starts_with('*'))
        .unwrap_or_else(|| panic!("no current thread in:\n{text}"));
    assert_eq!(quoted(current), Some(worker), "{current}");
    assert!(
        threads.iter().any(|line| quoted(line) == Some("loiter")),
        "the main thread is missing:\n{text}"
    );
    let mut workers: Vec<&str> = threads
        .iter()
        .filter_map(|line| quoted(line))
        .filter(|name| name.starts_with("TPE-"))
        .collect();
    let listed = workers.len();
    workers.sort_unstable();
    workers.dedup();
    assert_eq!(workers.len(), listed, "two workers share a name:\n{text}");

    // print item  →  WorkItem(task 1) = {job = ItemTask(item 1, state=running)}: loiter's
    // calls are `map`'s items, which carry no future; the job says which item and where its
    // call is, in the words a future's repr uses.
    let job = text
        .lines()
        .find(|line| line.contains("WorkItem(task ") && line.contains("job = "))
        .unwrap_or_else(|| {
            panic!("the job did not print through the executor's printers:\n{text}")
        });
    assert!(
        job.contains("job = ItemTask(item 1, state=running)"),
        "{job}"
    );
    assert!(
        text.contains(&format!("\"{worker}\"")),
        "worker.kernel_name does not match the thread list:\n{text}"
    );

    // print worker.pool  →  Arc(...) = {value = ThreadPoolExecutor { ..., queued: 1 } = {...}, ...}
    let pool = text
        .lines()
        .find(|line| line.contains("ThreadPoolExecutor {"))
        .unwrap_or_else(|| panic!("the pool did not print through the printers:\n{text}"));
    assert!(
        pool.contains("ThreadPoolExecutor { name: \"ThreadPoolExecutor-0\", max_workers: 2, "),
        "{pool}"
    );
    assert!(pool.contains(", queued: "), "{pool}");
}

/// The first `"..."` in a line of gdb's output.
fn quoted(line: &str) -> Option<&str> {
    let start = line.find('"')? + 1;
    let end = start + line[start..].find('"')?;
    Some(&line[start..end])
}
