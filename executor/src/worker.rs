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
//! **When a worker counts itself idle.** Python counts a worker idle when it finds the queue empty
//! before blocking. We do the same, and also look once more *just before publishing a result*: if
//! the queue is empty then, the worker is about to be free, so it counts itself idle before
//! anyone can see the result. That makes idle reuse deterministic: after
//! `submit(...).result()`, the next `submit` always finds that worker idle and starts no thread
//! (Python's `test_idle_thread_reuse` relies on timing for the same thing). A flag keeps the
//! worker from counting itself twice.
//!
//! **Thread names.** Each worker is named as in Python, `ThreadPoolExecutor-{k}_{i}` or
//! `{prefix}_{i}`; that is the name `std::thread::current().name()` and panic messages show.
//! Linux keeps only 15 bytes of a thread's name for the kernel, which is what `gdb`'s
//! `info threads`, `top -H` and `ps -L` show, so `ThreadPoolExecutor-0_1` would appear as
//! `ThreadPoolExecu` for every worker. After the thread starts we therefore give the kernel a
//! short form that keeps what tells workers apart: `TPE-{k}_{i}` for the default prefix, and for
//! a long custom prefix its first bytes followed by `_{i}` (`download_work_3`). The [`Worker`]
//! value on each worker's stack also holds its index and full name, for a debugger's `frame`.

use crate::events::{EventKind, emit};
use crate::exception::catch_panic;
use crate::sync::{Arc, Ordering};
use crate::thread_pool_executor::Pool;
use crate::work_item::WorkItem;
use crossbeam_channel::TryRecvError;

/// Linux's limit for a thread's kernel name, in bytes (16 with the terminating NUL).
const KERNEL_NAME_LIMIT: usize = 15;

/// One pool thread: who it is, and the pool it serves.
pub(crate) struct Worker {
    /// 0 for the first thread the pool started, then 1, 2, ...
    #[allow(
        dead_code,
        reason = "for a debugger: `p worker.index` tells workers apart"
    )]
    pub(crate) index: usize,
    /// Python's name for it: `ThreadPoolExecutor-0_1`.
    pub(crate) name: String,
    /// The name the kernel (and so gdb) shows: at most 15 bytes, e.g. `TPE-0_1`.
    pub(crate) kernel_name: String,
    /// The shared pool: its queue, idle count and hook.
    pub(crate) pool: Arc<Pool>,
}

impl Worker {
    pub(crate) fn new(pool: Arc<Pool>, index: usize) -> Self {
        Worker {
            index,
            name: format!("{}_{index}", pool.thread_name_prefix),
            kernel_name: kernel_name(&pool.kernel_name_prefix, index),
            pool,
        }
    }

    /// Reports `kind` for `task` to the pool's event hook, if it has one.
    fn emit(&self, task: u64, kind: EventKind) {
        emit(self.pool.events.as_ref(), task, kind, Some(&self.name));
    }
}

/// The body of every pool thread.
pub(crate) fn worker_loop(worker: Worker) {
    set_kernel_thread_name(&worker.kernel_name);
    let pool = Arc::clone(&worker.pool);
    if let Some(initializer) = &pool.initializer
        && let Err(panic) = catch_panic(|| initializer())
    {
        eprintln!("Exception in initializer: {panic:?}");
        pool.initializer_failed();
        return;
    }
    // Whether the last task already counted this worker idle (see `run_work_item`).
    let mut counted_idle = false;
    loop {
        let item = match pool.work_queue.try_recv() {
            Ok(item) => item,
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => {
                if !counted_idle {
                    pool.idle_semaphore.release();
                }
                match pool.work_queue.recv() {
                    Ok(item) => item,
                    Err(_) => break, // the queue is closed and empty: shutdown
                }
            }
        };
        counted_idle = run_work_item(item, &worker);
    }
}

/// Runs one queued call: Python's `_WorkItem.run`, with the idle check before publishing.
/// Returns whether the worker counted itself idle.
pub(crate) fn run_work_item(item: WorkItem, worker: &Worker) -> bool {
    let WorkItem { task, mut job } = item;
    let pool = &worker.pool;
    if !job.set_running_or_notify_cancel() {
        worker.emit(task, EventKind::Cancelled);
        return false;
    }
    worker.emit(task, EventKind::Started);
    pool.running.fetch_add(1, Ordering::Relaxed);
    job.call();
    pool.running.fetch_sub(1, Ordering::Relaxed);
    let counted_idle = pool.work_queue.is_empty();
    if counted_idle {
        pool.idle_semaphore.release();
    }
    let raised = job.publish();
    worker.emit(task, EventKind::Finished { raised });
    counted_idle
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

/// Gives the kernel the short name (Linux only; elsewhere Rust's name is all there is).
fn set_kernel_thread_name(name: &str) {
    #[cfg(target_os = "linux")]
    if let Ok(name) = std::ffi::CString::new(name) {
        let _ = nix::sys::prctl::set_name(&name);
    }
    #[cfg(not(target_os = "linux"))]
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
