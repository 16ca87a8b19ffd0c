//! `_worker`: the loop each pool thread runs.
//!
//! Python mirrored: `concurrent.futures.thread._worker(executor_reference, ctx, work_queue)`
//! (3.12+ shape):
//!
//! 1. run the initializer; if it raises, mark the pool broken and exit;
//! 2. take an item without blocking; if the queue is empty, count yourself idle
//!    (`_idle_semaphore.release()`) and block until an item arrives;
//! 3. run it, drop it, and loop; when the queue is closed, exit.
//!
//! Python wakes its workers for shutdown with a `None` sentinel that each passes on to the
//! next. Here shutdown drops the queue's only `Sender`: once the queue is empty, every blocked
//! `recv()` returns an error and each worker leaves its loop. That is the Rust Book's
//! `ThreadPool` shutdown: ownership closes the channel.
//!
//! **When a worker counts as idle.** As in Python, a worker adds one to the pool's idle
//! semaphore when it finds the queue empty, just before it blocks. Python has a race there:
//! after `submit(...).result()` returns, the worker may not have looped back to the queue yet,
//! so the next `submit` finds no idle worker and starts a new thread (CPython's
//! `test_idle_thread_reuse` passes by timing). We close it without adding work to the hot
//! path: each worker keeps its [`Phase`] in an atomic of its own, and before publishing a result
//! it sets `Finishing`. When `submit` finds no idle count and would start a thread, it first
//! tries to claim a `Finishing` worker (`Finishing` → `Promised`): that worker is about to take
//! the next item, so no thread is started. One worker absorbs one submit, as one idle count
//! does.
//!
//! A promise must not be broken by user code. If the finished future has done-callbacks, the
//! worker runs them before it gets back to the queue, and a callback may block, even on a task
//! it submits itself. So before the callbacks the worker moves back to `Running`, and if a
//! submit had claimed it meanwhile it hands the claim back: the pool runs `submit`'s thread
//! check again for the item still queued ([`Pool::hand_off`]). The claim and the move back are
//! each one atomic operation on the phase, so exactly one side sees the other. The future knows
//! nothing of this: its `finish` hands its callbacks back instead of running them, and the job
//! takes the worker's step ([`Steps`]) before it runs them.
//!
//! The phases also give `Debug` its count of running calls. Each is written by its worker, or
//! claimed by a compare-and-swap under the pool's lock, so the pool's threads do not fight over
//! one shared counter.
//!
//! **What a worker sees of its pool.** Python's `_worker(executor_reference, ctx, work_queue)`
//! gets the queue and the initializer (`ctx`) as arguments and reaches the executor only to
//! count itself idle or report a failed initializer. Likewise a [`Worker`] holds its own handle on
//! the queue, and asks the pool for four things only: run the initializer, count it idle,
//! report an event, and take back a claimed submit.
//!
//! **Thread names.** Each worker is named as in Python, `ThreadPoolExecutor-{k}_{i}` or
//! `{prefix}_{i}`; that is the name `std::thread::current().name()` and panic messages show.
//! Linux keeps only 15 bytes of a thread's name for the kernel, which is what `gdb`'s
//! `info threads`, `top -H` and `ps -L` show, so `ThreadPoolExecutor-0_1` would appear as
//! `ThreadPoolExecu` for every worker. After the thread starts we therefore give the kernel a
//! short form that keeps what tells workers apart: `TPE-{k}_{i}` for the default prefix, and for
//! a long custom prefix its first bytes followed by `_{i}` (`download_work_3`). The [`Worker`]
//! value on each worker's stack also holds its index and full name, for a debugger's `frame`.

use crate::events::EventKind;
use crate::sync::channel::{Receiver, TryRecvError};
use crate::sync::{Arc, AtomicU8, Ordering};
use crate::thread_pool_executor::Pool;
use crate::work_item::{Ran, Steps, WorkItem};

/// Linux's limit for a thread's kernel name, in bytes (16 with the terminating NUL).
const KERNEL_NAME_LIMIT: usize = 15;

/// What a worker is doing, as `submit` and `Debug` see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Phase {
    /// Started, not yet at the queue (running its initializer).
    Starting = 0,
    /// Running a task.
    Running = 1,
    /// Publishing a result, then back to the queue: as good as idle for the next `submit`.
    Finishing = 2,
    /// Blocked on an empty queue.
    Waiting = 3,
    /// `Finishing`, and a `submit` counted on it to take the next item.
    Promised = 4,
}

/// A worker's [`Phase`], shared with the pool: written by the worker, read by the pool, and
/// claimed (`Finishing` → `Promised`) by a `submit` under the pool's lock.
#[derive(Debug, Default)]
pub(crate) struct PhaseCell(AtomicU8);

impl PhaseCell {
    pub(crate) fn get(&self) -> Phase {
        match self.0.load(Ordering::Acquire) {
            1 => Phase::Running,
            2 => Phase::Finishing,
            3 => Phase::Waiting,
            4 => Phase::Promised,
            _ => Phase::Starting,
        }
    }

    fn set(&self, phase: Phase) {
        self.0.store(phase as u8, Ordering::Release);
    }

    /// For `submit`: counts on a `Finishing` worker to take the next item. `false` if it is in
    /// any other phase (or already promised to another submit).
    pub(crate) fn claim(&self) -> bool {
        let (finishing, promised) = (Phase::Finishing as u8, Phase::Promised as u8);
        self.0
            .compare_exchange(finishing, promised, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    /// Moves to `Running`, saying whether a submit had counted on this worker.
    fn resume_running(&self) -> bool {
        self.0.swap(Phase::Running as u8, Ordering::AcqRel) == Phase::Promised as u8
    }
}

/// One pool thread: who it is, and what it takes work from.
pub(crate) struct Worker {
    /// 0 for the first thread the pool started, then 1, 2, ...: its place in the pool's records.
    index: usize,
    /// Python's name for it: `ThreadPoolExecutor-0_1`.
    pub(crate) name: String,
    /// The name the kernel (and so gdb) shows: at most 15 bytes, e.g. `TPE-0_1`.
    kernel_name: String,
    /// What it is doing; the pool's record of this thread holds a clone of this `Arc`.
    pub(crate) phase: Arc<PhaseCell>,
    /// The pool's queue: Python's `work_queue` argument.
    work_queue: Receiver<WorkItem>,
    /// The pool it serves: Python's `executor_reference`.
    pool: Arc<Pool>,
}

impl Worker {
    /// Worker number `index` of a pool whose threads are named `{prefix}_{index}`.
    pub(crate) fn new(
        index: usize,
        prefix: &str,
        kernel_prefix: &str,
        work_queue: Receiver<WorkItem>,
        pool: Arc<Pool>,
    ) -> Self {
        Worker {
            index,
            name: format!("{prefix}_{index}"),
            kernel_name: kernel_name(kernel_prefix, index),
            phase: Arc::new(PhaseCell::default()),
            work_queue,
            pool,
        }
    }

    /// Reports `kind` for `task` to the pool's event hook, if it has one.
    #[inline]
    fn emit(&self, task: u64, kind: EventKind) {
        self.pool.emit(task, kind, Some(&self.name));
    }
}

/// The body of every pool thread.
pub(crate) fn worker_loop(worker: Worker) {
    set_kernel_thread_name(&worker.kernel_name);
    worker.pool.blocking().worker_started(worker.index);
    if !worker.pool.initialize_worker() {
        return;
    }
    loop {
        let item = match worker.work_queue.try_recv() {
            Ok(item) => item,
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => {
                worker.phase.set(Phase::Waiting);
                worker.pool.count_idle();
                match worker.work_queue.recv() {
                    Ok(item) => item,
                    Err(_) => break, // the queue is closed and empty: shutdown
                }
            }
        };
        run_work_item(item, &worker);
    }
}

/// Runs one queued call: Python's `_WorkItem.run`, marking the worker `Finishing` before the
/// result becomes visible and `Running` again before any done-callback.
fn run_work_item(item: WorkItem, worker: &Worker) {
    let task = item.task();
    let steps = Steps {
        started: &|| {
            worker.phase.set(Phase::Running);
            worker.emit(task, EventKind::Started);
        },
        // Finishing from before the result is visible to after it is published.
        finishing: &|| worker.phase.set(Phase::Finishing),
        // Done-callbacks are user code and may block: stop counting as almost idle first.
        before_callbacks: &|| {
            if worker.phase.resume_running() {
                Pool::hand_off(&worker.pool);
            }
        },
    };
    match item.job.run(&item.job, task, &steps) {
        Ran::Finished { raised } => worker.emit(task, EventKind::Finished { raised }),
        Ran::Cancelled => worker.emit(task, EventKind::Cancelled),
    }
    // What the job held (a value nobody else holds) may run user `Drop` code: under `discard`.
    item.discard();
}

/// `{prefix}_{index}` cut to the kernel's 15 bytes by shortening the prefix, never the index.
fn kernel_name(prefix: &str, index: usize) -> String {
    let suffix = format!("_{index}");
    let mut keep = KERNEL_NAME_LIMIT
        .saturating_sub(suffix.len())
        .min(prefix.len());
    while !prefix.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}{suffix}", &prefix[..keep])
}

/// Gives the kernel the short name (Linux only; elsewhere Rust's name is all there is). Not
/// under loom, whose threads all share the one OS thread running the model.
fn set_kernel_thread_name(name: &str) {
    #[cfg(all(target_os = "linux", not(loom)))]
    if let Ok(name) = std::ffi::CString::new(name) {
        let _ = nix::sys::prctl::set_name(&name);
    }
    #[cfg(any(not(target_os = "linux"), loom))]
    let _ = name;
}

#[cfg(test)]
mod tests {
    use super::kernel_name;

    #[test]
    fn kernel_names_keep_the_index() {
        assert_eq!(kernel_name("TPE-0", 1), "TPE-0_1");
        assert_eq!(kernel_name("download_worker", 12), "download_wor_12");
        assert_eq!(kernel_name("P", 3), "P_3");
        assert!(kernel_name("ééééééééééé", 1).len() <= 15);
    }
}
