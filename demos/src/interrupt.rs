//! Ctrl-C as Python's `KeyboardInterrupt`: stop what has not started, let what runs finish,
//! leave no half-written file, say what happened, and exit with status 130.
//!
//! What Python does: the interrupt is raised in the main thread, in the wait it is blocked in
//! (`result()`, `as_completed`, iterating `map`); worker threads never see it. Closing `map`'s
//! iterator cancels the calls that have not started, and leaving a `with` block (or the
//! interpreter's exit) then waits for the running ones. A second Ctrl-C interrupts that wait,
//! and the process ends as killed by SIGINT: a shell reports status 130.
//!
//! Here the first Ctrl-C cancels every queued call of the program's pool at once, as
//! `shutdown(cancel_futures=True)` does ([`executor()`] registers the pool); the main thread sees
//! the cancelled futures come back from its wait, stops, and, once the running calls have
//! finished (dropping the pool waits for them), [`exit_if_interrupted`] prints what was
//! cancelled and what was waited for and exits with 130. A program without a pool checks
//! [`interrupted`] before each download instead. A second Ctrl-C removes the temporary files of
//! saves in progress ([`saving`]) and exits at once, with 130.
//!
//! Where we differ from Python, and why: Rust cannot raise into a thread blocked in a wait, so
//! the main thread learns of the interrupt from the futures it waits on, which the cancel
//! completes; and the running calls are always waited for, as Python's `with` block does, so a
//! download in flight finishes its file rather than leaving half of it.

use crate::timeline::Recorder;
use executor::{EventKind, ThreadPoolExecutor};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, Weak};
use std::time::Instant;

/// The exit status a shell reports for a program ended by SIGINT.
pub const EXIT_STATUS: u8 = 130;

/// What the handler knows of the program.
#[derive(Default)]
struct State {
    /// The program's pool, to cancel its queue.
    pool: Option<Weak<ThreadPoolExecutor>>,
    /// What the pool did, to report.
    recorder: Option<Recorder>,
    /// What to call task `i` in the report (`loiter(3)`, `BR`).
    names: Vec<String>,
    /// When the first Ctrl-C came.
    at: Option<Instant>,
    /// Set once the handler is done with the pool (it may have been the one to drop it).
    handled: bool,
    /// Temporary files being written, removed by a second Ctrl-C.
    partial: Vec<PathBuf>,
    /// Downloads refused because Ctrl-C came first ([`not_started`]).
    not_started: Vec<String>,
    /// Work without a pool that finished after Ctrl-C ([`finished`]).
    finished: Vec<String>,
    /// What a program without a pool means to do, in order ([`planned`]).
    planned: Vec<String>,
}

static PRESSES: AtomicUsize = AtomicUsize::new(0);

/// Signalled when the handler is done with the pool (`State::handled`).
static HANDLED: Condvar = Condvar::new();

fn state() -> &'static Mutex<State> {
    static STATE: OnceLock<Mutex<State>> = OnceLock::new();
    STATE.get_or_init(|| {
        // Installed once, on first use: ctrlc runs the handler on a thread of its own.
        let _ = ctrlc::set_handler(on_ctrl_c);
        Mutex::new(State::default())
    })
}

fn lock() -> std::sync::MutexGuard<'static, State> {
    state()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn on_ctrl_c() {
    if PRESSES.fetch_add(1, Ordering::SeqCst) == 0 {
        let pool = {
            let mut state = lock();
            state.at = Some(Instant::now());
            state.pool.as_ref().and_then(Weak::upgrade)
        };
        if let Some(pool) = pool {
            // shutdown(wait=False, cancel_futures=True): the queue is cancelled and notified.
            pool.shutdown(false, true);
        }
        // If the program let go of the pool meanwhile, this was its last handle, and dropping
        // it waited for the running calls. Only then may the report go out.
        lock().handled = true;
        HANDLED.notify_all();
    } else {
        for path in std::mem::take(&mut lock().partial) {
            let _ = std::fs::remove_file(path);
        }
        eprintln!("\nKeyboardInterrupt");
        std::process::exit(EXIT_STATUS.into());
    }
}

/// Makes Ctrl-C behave as described above from now on. Every program calls it first (it also
/// notes the program's start, time zero of `--trace` and `--svg`).
pub fn install() {
    crate::pictures::start();
    let _ = state();
}

/// Whether Ctrl-C has been pressed.
pub fn interrupted() -> bool {
    PRESSES.load(Ordering::SeqCst) > 0
}

/// A pool of `workers` threads that Ctrl-C cancels, calling its task `i` `names[i]` in the
/// report (tasks are numbered in submission order; `map` submits its items in order).
pub fn executor(
    workers: usize,
    names: Vec<String>,
) -> Result<Arc<ThreadPoolExecutor>, executor::Error> {
    let recorder = Recorder::new();
    let hook = recorder.clone();
    let pool = ThreadPoolExecutor::builder()
        .max_workers(workers)
        .on_event(move |event| hook.record(event))
        .build()?;
    let pool = Arc::new(pool);
    let mut state = lock();
    state.pool = Some(Arc::downgrade(&pool));
    state.recorder = Some(recorder);
    state.names = names;
    Ok(pool)
}

/// What task `i` of the pool [`executor()`] made is called (`loiter(3)`, `BR`).
pub fn task_names() -> Vec<String> {
    lock().names.clone()
}

/// Tells what a program without a pool will download, in order: the report then names every
/// one from the first that Ctrl-C stopped.
pub fn planned(names: Vec<String>) {
    lock().planned = names;
}

/// Notes that `name` was not started because Ctrl-C came first (a program without a pool).
pub fn not_started(name: &str) {
    lock().not_started.push(name.to_owned());
}

/// Notes that `name` finished; reported as waited for if Ctrl-C came before.
pub fn finished(name: &str) {
    if interrupted() {
        lock().finished.push(name.to_owned());
    }
}

/// The events of the pool [`executor()`] made, recorded for the report: a program can draw its
/// timeline from them too.
pub fn recorder() -> Recorder {
    lock().recorder.clone().unwrap_or_default()
}

/// Marks `path` as a file being written, for a second Ctrl-C to remove; the guard unmarks it.
pub fn saving(path: &Path) -> Saving {
    lock().partial.push(path.to_owned());
    Saving(path.to_owned())
}

/// A temporary file being written: see [`saving`].
#[derive(Debug)]
pub struct Saving(PathBuf);

impl Drop for Saving {
    fn drop(&mut self) {
        lock().partial.retain(|path| *path != self.0);
    }
}

/// If Ctrl-C was pressed, waits until the calls that were running have finished: the handler
/// is done with the pool, and the pool's workers have exited, whoever holds it. A program
/// calls it before anything that must see every call's end (`--trace`, the report).
pub fn wait_for_running_calls() {
    if !interrupted() {
        return;
    }
    let pool = {
        let mut state = lock();
        while !state.handled {
            state = HANDLED
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        state.pool.as_ref().and_then(Weak::upgrade)
    };
    if let Some(pool) = pool {
        pool.shutdown(true, false);
    }
}

/// If Ctrl-C was pressed, prints what it cancelled and what was waited for, and exits with
/// status 130. Call it once the pool is gone (its running calls finished).
pub fn exit_if_interrupted() {
    if !interrupted() {
        return;
    }
    wait_for_running_calls();
    let (cancelled, waited) = {
        let state = lock();
        let name = |task: u64| {
            (state.names.get(task as usize).cloned()).unwrap_or_else(|| format!("task {task}"))
        };
        let events = state
            .recorder
            .as_ref()
            .map(Recorder::events)
            .unwrap_or_default();
        let at = state.at.unwrap_or_else(Instant::now);
        let mut cancelled: Vec<String> = (events.iter())
            .filter(|event| event.kind == EventKind::Cancelled)
            .map(|event| name(event.task))
            .collect();
        let first_stopped = (state.not_started.first())
            .and_then(|first| state.planned.iter().position(|name| name == first));
        match first_stopped {
            Some(at) => cancelled.extend(state.planned[at..].iter().cloned()),
            None => cancelled.extend(state.not_started.iter().cloned()),
        }
        let mut waited: Vec<String> = (events.iter())
            .filter(|event| matches!(event.kind, EventKind::Finished { .. }) && event.at >= at)
            .map(|event| name(event.task))
            .collect();
        if state.recorder.is_none() {
            waited.extend(state.finished.iter().cloned());
        }
        (cancelled, waited)
    };
    let list = |names: &[String]| {
        if names.is_empty() {
            "nothing".to_owned()
        } else {
            names.join(", ")
        }
    };
    println!();
    eprintln!(
        "KeyboardInterrupt: cancelled {}; waited for {} to finish",
        list(&cancelled),
        list(&waited)
    );
    std::process::exit(EXIT_STATUS.into());
}
