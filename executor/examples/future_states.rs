//! A future in each of Python's states, a pool and a `map` in flight, held still for a debugger.
//!
//! Run it to see each future's repr; run it under gdb to see the same text from the executor's
//! pretty-printers (`docs/debugging.md` shows the session):
//!
//! ```sh
//! cargo run -p executor --example future_states
//! rust-gdb -iex "add-auto-load-safe-path $PWD/target" -ex "break future_states::look_here" \
//!     -ex run -ex up -ex "info locals" target/debug/examples/future_states
//! ```

use crossbeam_channel::bounded;
use executor::{Error, Future, MapOptions, ThreadPoolExecutor};

fn main() {
    // Futures driven by hand, as Python's own tests do.
    let pending: Future<u64> = Future::new();
    let running: Future<u64> = Future::new();
    running.set_running_or_notify_cancel().unwrap();
    let cancelled: Future<u64> = Future::new();
    cancelled.cancel();
    let finished: Future<String> = Future::new();
    finished.set_result(String::from("BR.gif")).unwrap();

    // A task that panics on a worker: its panic is the future's exception.
    let executor = ThreadPoolExecutor::new(1).unwrap();
    let raised = executor
        .submit(|| -> u64 { panic!("HTTP 418 - I'm a teapot") })
        .unwrap();
    let panic = match raised.result() {
        Err(Error::Panic(panic)) => panic.clone(),
        other => unreachable!("the task panics, yet result() gave {other:?}"),
    };

    // The pool's one worker blocked in a task, and a map queued behind it.
    let (release, gate) = bounded::<()>(0);
    let (started, has_started) = bounded::<()>(0);
    let blocked = executor
        .submit(move || {
            started.send(()).unwrap();
            gate.recv().unwrap();
        })
        .unwrap();
    has_started.recv().unwrap();
    let results = executor.map(|n: u64| n * 10, 0..3).unwrap();
    // A buffered map over an endless input: two calls queued, the rest not yet submitted.
    let buffered = executor
        .map_with(|n: u64| n + 1, 0.., MapOptions::new().buffersize(2))
        .unwrap();

    println!("pending:   {pending:?}");
    println!("running:   {running:?}");
    println!("cancelled: {cancelled:?}");
    println!("finished:  {finished:?}");
    println!("raised:    {raised:?}");
    println!("blocked:   {blocked:?}");
    println!("panic:     {panic:?}");
    println!("results:   {results}");
    println!("buffered:  {buffered}");
    println!("executor:  {executor:?}");
    look_here();

    release.send(()).unwrap();
    let tens: Vec<u64> = results.map(Result::unwrap).collect();
    assert_eq!(tens, [0, 10, 20]);
    let firsts: Vec<u64> = buffered.take(3).map(Result::unwrap).collect();
    assert_eq!(firsts, [1, 2, 3]);
}

/// Where a debugger stops: every local of `main` is set up and nothing moves until it returns.
#[inline(never)]
fn look_here() {
    std::hint::black_box(());
}
