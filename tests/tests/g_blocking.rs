//! What a pool learns when a thread blocks on its futures: the `Waited` events, the starvation
//! deadlock of CPython's documentation (its two examples, and cases that must not be called
//! one), and the opt-in "Future exception was never retrieved".
//!
//! Synchronised with channels and barriers only. The tests of what is printed run this test
//! binary again as a child and read its stderr.

use executor::{
    Error, EventKind, Future, ReturnWhen, Starvation, ThreadPoolExecutor, as_completed, wait,
};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier, Mutex, OnceLock, mpsc};
use std::time::Duration;

fn pool(workers: usize, starvation: Starvation) -> Arc<ThreadPoolExecutor> {
    let pool = ThreadPoolExecutor::builder()
        .max_workers(workers)
        .starvation(starvation)
        .build()
        .unwrap();
    Arc::new(pool)
}

// The starvation deadlock.

#[test]
fn a_task_waiting_for_a_future_it_submitted_to_a_one_worker_pool_gets_the_diagnosis() {
    let pool = pool(1, Starvation::Error);
    let same = Arc::clone(&pool);
    let inner_slot = Arc::new(OnceLock::new());
    let keep = Arc::clone(&inner_slot);
    let outer = pool
        .submit(move || {
            let inner = same.submit(|| 5_u32.pow(2)).unwrap();
            let _ = keep.set(inner.clone());
            inner.result().copied().map_err(|e| e.to_string())
        })
        .unwrap();
    let report = outer.result().unwrap().clone().unwrap_err();
    let name = pool.thread_name_prefix().to_owned();
    assert!(
        report.starts_with(&format!("deadlock: every worker of {name} is waiting")),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "{name}_0 waits in result() for task 1 <Future at 0x"
        )),
        "{report}"
    );
    assert!(report.contains("state=pending>"), "{report}");
    assert!(report.contains("more workers"), "{report}");
    // Once the outer task has given up, the worker is free and the inner one runs.
    assert_eq!(*inner_slot.get().unwrap().result().unwrap(), 25);
}

#[test]
fn two_tasks_waiting_for_each_other_both_get_the_diagnosis() {
    let pool = pool(2, Starvation::Error);
    type Slot = Arc<OnceLock<Future<Result<i32, String>>>>;
    let slots: [Slot; 2] = Default::default();
    let both_running = Arc::new(Barrier::new(3));
    let task = |other: usize, value: i32| {
        let slot = Arc::clone(&slots[other]);
        let barrier = Arc::clone(&both_running);
        move || {
            barrier.wait();
            match slot.get().unwrap().result() {
                Ok(_) => Ok(value),
                Err(error) => Err(error.to_string()),
            }
        }
    };
    let a = pool.submit(task(1, 5)).unwrap();
    let b = pool.submit(task(0, 6)).unwrap();
    let _ = slots[0].set(a.clone());
    let _ = slots[1].set(b.clone());
    both_running.wait();
    for future in [&a, &b] {
        let report = future.result().unwrap().clone().unwrap_err();
        assert!(report.starts_with("deadlock: every worker of "), "{report}");
        assert!(
            report.contains("_0 waits in result() for task "),
            "{report}"
        );
        assert!(
            report.contains("_1 waits in result() for task "),
            "{report}"
        );
        assert!(report.contains("state=running>"), "{report}");
    }
}

#[test]
fn a_deadlock_error_says_it_is_a_runtime_error() {
    let pool = pool(1, Starvation::Error);
    let same = Arc::clone(&pool);
    let outer = pool
        .submit(move || {
            let inner = same.submit(|| ()).unwrap();
            let error = inner.result().unwrap_err();
            (matches!(error, Error::Deadlock(_)), error.python_name())
        })
        .unwrap();
    assert_eq!(*outer.result().unwrap(), (true, "RuntimeError"));
}

#[test]
fn wait_map_and_as_completed_inside_a_task_are_ended_too() {
    let pool = pool(1, Starvation::Error);
    let same = Arc::clone(&pool);
    let outer = pool
        .submit(move || {
            let queued = same.submit(|| 1).unwrap();
            // `wait` has no error to return: it returns as on a timeout.
            let waited = wait([&queued], None, ReturnWhen::AllCompleted);
            let wait_gave_up = waited.done.is_empty() && waited.not_done.len() == 1;
            // `as_completed` ends early.
            let completed = as_completed([&queued]).count();
            // `map` yields the error at the item.
            let mapped: Vec<_> = same.map(|n: i32| n * 2, [1, 2]).unwrap().collect();
            let map_error = matches!(mapped.first(), Some(Err(Error::Deadlock(_))));
            (wait_gave_up, completed, map_error)
        })
        .unwrap();
    assert_eq!(*outer.result().unwrap(), (true, 0, true));
}

/// A step of `map` on a worker hears of an item other than the one it waits for, and sleeps
/// again: the check must look at it again then, or a pool stuck from that moment on would go
/// unnoticed. Three workers: the task mapping, item 0 waiting for work queued behind it, and
/// the worker that finished item 1 and then took item 2, which waits likewise.
#[test]
fn a_map_step_that_sleeps_again_after_another_item_arrives_is_still_checked() {
    for _ in 0..50 {
        let pool = pool(3, Starvation::Error);
        let same = Arc::clone(&pool);
        // Items 0 and 2 submit their work only once all three items are queued, so that work
        // is behind them.
        let all_queued = Arc::new(Barrier::new(3));
        let outer = pool
            .submit(move || {
                let inner = Arc::clone(&same);
                let queued_too = Arc::clone(&all_queued);
                let call = move |n: u32| {
                    if n == 1 {
                        return Ok(n);
                    }
                    queued_too.wait();
                    let queued = inner.submit(move || n * 10).unwrap();
                    queued.result().copied().map_err(|e| e.to_string())
                };
                let mut results = same.map(call, 0..3).unwrap();
                all_queued.wait();
                // Every stuck wait is ended: this one's, or item 0's first (its error is then
                // item 0's value).
                match results.next() {
                    Some(Err(Error::Deadlock(_))) => true,
                    Some(Ok(Err(message))) => message.starts_with("deadlock: "),
                    _ => false,
                }
            })
            .unwrap();
        assert!(*outer.result().unwrap());
    }
}

/// A step of `map` that has just received its item is no deadlock, even before it clears its
/// record: another worker beginning a wait meanwhile must not count it as stuck.
#[test]
fn a_map_step_whose_item_just_arrived_is_never_called_a_deadlock() {
    for _ in 0..200 {
        let pool = pool(2, Starvation::Error);
        let same = Arc::clone(&pool);
        let (submitted, items_queued) = mpsc::channel();
        let a = pool
            .submit(move || {
                let results = same.map(|n: u32| n * 2, [1]).unwrap();
                submitted.send(()).unwrap();
                results.collect::<Vec<_>>()
            })
            .unwrap();
        // C is queued behind A's item: the worker that runs the item takes C next, and C's
        // wait for A may begin while A is taking the item's outcome.
        items_queued.recv().unwrap();
        let waits_for_a = a.clone();
        let c = pool
            .submit(move || {
                waits_for_a
                    .result()
                    .map(|v| v.len())
                    .map_err(|e| e.to_string())
            })
            .unwrap();
        assert!(matches!(a.result().unwrap().as_slice(), [Ok(2)]));
        assert_eq!(*c.result().unwrap(), Ok(1));
    }
}

#[test]
fn a_task_waiting_for_work_a_new_worker_picks_up_is_never_called_a_deadlock() {
    for _ in 0..200 {
        let pool = pool(2, Starvation::Error);
        let same = Arc::clone(&pool);
        let outer = pool
            .submit(move || *same.submit(|| 7).unwrap().result().unwrap())
            .unwrap();
        assert_eq!(*outer.result().unwrap(), 7);
    }
}

#[test]
fn a_wait_for_a_future_that_just_finished_is_never_called_a_deadlock() {
    // B finishes while A waits for it; B's worker then takes C, which waits for A. At that
    // moment A's record may still say it waits, but for a future that is done.
    for _ in 0..200 {
        let pool = pool(2, Starvation::Error);
        let b = pool.submit(|| 2).unwrap();
        let b_for_a = b.clone();
        let a = pool
            .submit(move || b_for_a.result().map(|v| v * 10).map_err(|e| e.to_string()))
            .unwrap();
        let a_for_c = a.clone();
        let c = pool
            .submit(move || match a_for_c.result() {
                Ok(Ok(v)) => Ok(v + 1),
                Ok(Err(e)) => Err(e.clone()),
                Err(e) => Err(e.to_string()),
            })
            .unwrap();
        assert_eq!(c.result().unwrap(), &Ok(21));
    }
}

#[test]
fn a_wait_with_a_timeout_is_never_counted() {
    let pool = pool(1, Starvation::Error);
    let same = Arc::clone(&pool);
    let outer = pool
        .submit(move || {
            let inner = same.submit(|| ()).unwrap();
            inner
                .result_timeout(Duration::from_millis(20))
                .unwrap_err()
                .is_timeout()
        })
        .unwrap();
    assert!(*outer.result().unwrap());
}

#[test]
fn a_worker_waiting_for_a_future_made_by_hand_is_not_stuck() {
    let pool = pool(1, Starvation::Error);
    let by_hand: Future<i32> = Future::new();
    let awaited = by_hand.clone();
    let (started, running) = mpsc::channel();
    let outer = pool
        .submit(move || {
            started.send(()).unwrap();
            awaited.result().copied().map_err(|e| e.to_string())
        })
        .unwrap();
    running.recv().unwrap();
    by_hand.set_result(3).unwrap();
    assert_eq!(outer.result().unwrap(), &Ok(3));
}

/// Runs this test binary's `test` as a child process and returns its stderr; with `until`,
/// reads stderr until a line containing it, then kills the child (which hangs).
fn stderr_of_child(test: &str, envs: &[(&str, &str)], until: Option<&str>) -> String {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env("EXECUTOR_TEST_CHILD", "1")
        .env_remove(executor::REPORT_NEVER_RETRIEVED_VAR)
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut text = String::new();
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        text.push_str(&line);
        text.push('\n');
        if until.is_some_and(|until| line.contains(until)) {
            child.kill().unwrap();
            break;
        }
    }
    let status = child.wait().unwrap();
    assert!(until.is_some() || status.success(), "child failed: {text}");
    text
}

fn is_child() -> bool {
    std::env::var_os("EXECUTOR_TEST_CHILD").is_some()
}

#[test]
fn child_a_one_worker_pool_starves() {
    if !is_child() {
        return;
    }
    let pool = pool(1, Starvation::Report);
    let same = Arc::clone(&pool);
    let outer = pool
        .submit(move || *same.submit(|| 1).unwrap().result().unwrap())
        .unwrap();
    outer.result().unwrap(); // hangs, as in Python; the parent kills this process
}

#[test]
fn by_default_a_starving_pool_says_why_on_stderr_and_hangs() {
    if is_child() {
        return;
    }
    let stderr = stderr_of_child("child_a_one_worker_pool_starves", &[], Some("more workers"));
    assert!(stderr.contains("deadlock: every worker of "), "{stderr}");
    assert!(
        stderr.contains("_0 waits in result() for task 1 "),
        "{stderr}"
    );
}

// Waits, as events.

#[test]
fn waits_are_reported_with_their_call_their_thread_and_the_task_that_woke_them() {
    let events = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&events);
    let pool = ThreadPoolExecutor::builder()
        .max_workers(1)
        .thread_name_prefix("W")
        .on_event(move |event| {
            if let EventKind::Waited { call, since, woken } = event.kind {
                let worker = event.worker.map(str::to_owned);
                log.lock()
                    .unwrap()
                    .push((event.task, call, woken, worker, since <= event.at));
            }
        })
        .build()
        .unwrap();
    let (release, gate) = mpsc::channel::<()>();
    let (started, running) = mpsc::channel::<()>();
    let gated = pool
        .submit(move || {
            started.send(()).unwrap();
            gate.recv().unwrap();
        })
        .unwrap();
    running.recv().unwrap();
    assert!(gated.result_timeout(Duration::from_millis(1)).is_err());
    let waited = wait(
        [&gated],
        Some(Duration::from_millis(1)),
        ReturnWhen::AllCompleted,
    );
    assert_eq!(waited.not_done.len(), 1);
    release.send(()).unwrap();
    gated.result().unwrap();
    let events = events.lock().unwrap();
    assert_eq!(events[0], (0, "result()", false, None, true));
    assert_eq!(events[1], (0, "wait()", false, None, true));
    // The last `result()` slept only if the call had not finished yet; if it did, it was woken.
    assert!(
        events[2..].iter().all(|e| e.1 == "result()" && e.2),
        "{events:?}"
    );
}

#[test]
fn a_wait_or_a_submit_by_a_task_is_reported_on_its_worker() {
    let events = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&events);
    let pool = Arc::new(
        ThreadPoolExecutor::builder()
            .max_workers(1)
            .thread_name_prefix("V")
            .on_event(move |event| {
                let what = match event.kind {
                    EventKind::Waited { call, .. } => call,
                    EventKind::Submitted => "submitted",
                    _ => return,
                };
                let worker = event.worker.map(str::to_owned);
                log.lock().unwrap().push((event.task, what, worker));
            })
            .build()
            .unwrap(),
    );
    let same = Arc::clone(&pool);
    let outer = pool
        .submit(move || {
            let inner = same.submit(|| ()).unwrap();
            inner.result_timeout(Duration::from_millis(1)).is_err()
        })
        .unwrap();
    assert!(*outer.result().unwrap());
    pool.shutdown(true, false);
    let events = events.lock().unwrap();
    let on_worker = Some("V_0".to_owned());
    assert!(
        events.contains(&(1, "result()", on_worker.clone())),
        "{events:?}"
    );
    // The outer task was submitted by the test's thread, the inner one by the outer task.
    assert!(events.contains(&(0, "submitted", None)), "{events:?}");
    assert!(events.contains(&(1, "submitted", on_worker)), "{events:?}");
}

// Future exception was never retrieved.

#[test]
fn child_a_panic_nobody_looks_at() {
    if !is_child() {
        return;
    }
    let report = match std::env::var("CHILD_OPTION").as_deref() {
        Ok("on") => Some(true),
        Ok("off") => Some(false),
        _ => None,
    };
    let mut builder = ThreadPoolExecutor::builder().max_workers(1);
    if let Some(report) = report {
        builder = builder.report_never_retrieved(report);
    }
    let pool = builder.build().unwrap();
    let unseen = pool
        .submit(|| -> u8 { panic!("nobody looks at me") })
        .unwrap();
    let seen = pool.submit(|| -> u8 { panic!("somebody looked") }).unwrap();
    let returned = pool.submit(|| 1_u8).unwrap();
    let with_callback = pool
        .submit(|| -> u8 { panic!("a callback looked") })
        .unwrap();
    with_callback.add_done_callback(|_| {});
    pool.shutdown(true, false);
    assert!(seen.result().is_err());
    eprintln!("dropping");
    drop((unseen, seen, returned, with_callback));
    eprintln!("dropped");
}

fn never_retrieved_reports(envs: &[(&str, &str)]) -> String {
    let stderr = stderr_of_child("child_a_panic_nobody_looks_at", envs, None);
    let start = stderr.find("dropping").expect("the child got to its drops");
    stderr[start..].to_owned()
}

#[test]
fn a_panic_nobody_retrieved_is_reported_when_asked_for() {
    if is_child() {
        return;
    }
    let reports = never_retrieved_reports(&[("CHILD_OPTION", "on")]);
    assert_eq!(
        reports
            .matches("Future exception was never retrieved")
            .count(),
        1,
        "{reports}"
    );
    assert!(
        reports.contains("state=finished raised panic> (ThreadPoolExecutor-"),
        "{reports}"
    );
    assert!(
        reports.contains(" task 0)\npanic: nobody looks at me"),
        "{reports}"
    );
    assert!(!reports.contains("somebody looked") && !reports.contains("callback looked"));
}

#[test]
fn child_a_map_dropped_with_panics_it_never_yielded() {
    if !is_child() {
        return;
    }
    let pool = ThreadPoolExecutor::builder()
        .max_workers(1)
        .report_never_retrieved(true)
        .build()
        .unwrap();
    let (ran, calls) = mpsc::channel();
    let ran = Mutex::new(ran);
    let call = move |n: u32| {
        ran.lock().unwrap().send(n).unwrap();
        if n > 0 {
            panic!("item {n} panicked");
        }
        n
    };
    let mut results = pool.map(call, 0..3).unwrap();
    assert_eq!(results.next().unwrap().unwrap(), 0);
    // Every call has run (their outcomes arrived, or are about to): none is cancelled.
    for _ in 0..3 {
        calls.recv().unwrap();
    }
    eprintln!("dropping");
    drop(results);
    pool.shutdown(true, false);
    eprintln!("dropped");
}

/// A `map`'s items have no futures, but a panic the iterator will never yield is reported as
/// a future's would be, naming the item: whether its outcome had arrived when the map was
/// dropped, or its call sent it to a map already gone.
#[test]
fn a_map_item_panic_never_yielded_is_reported_when_asked_for() {
    if is_child() {
        return;
    }
    let stderr = stderr_of_child(
        "child_a_map_dropped_with_panics_it_never_yielded",
        &[],
        None,
    );
    let start = stderr.find("dropping").expect("the child got to its drop");
    let reports = &stderr[start..];
    assert_eq!(
        reports
            .matches("Future exception was never retrieved")
            .count(),
        2,
        "{reports}"
    );
    for n in [1, 2] {
        let line = format!("future: item {n} of a map (ThreadPoolExecutor-");
        assert!(reports.contains(&line), "{reports}");
        assert!(reports.contains(&format!("item {n} panicked")), "{reports}");
    }
}

#[test]
fn the_environment_variable_turns_the_report_on_and_the_builder_overrides_it() {
    if is_child() {
        return;
    }
    let by_default = never_retrieved_reports(&[]);
    assert!(!by_default.contains("never retrieved"), "{by_default}");
    let var = executor::REPORT_NEVER_RETRIEVED_VAR;
    let by_variable = never_retrieved_reports(&[(var, "1")]);
    assert!(by_variable.contains("never retrieved"), "{by_variable}");
    let zero = never_retrieved_reports(&[(var, "0")]);
    assert!(!zero.contains("never retrieved"), "{zero}");
    let overridden = never_retrieved_reports(&[(var, "1"), ("CHILD_OPTION", "off")]);
    assert!(!overridden.contains("never retrieved"), "{overridden}");
}
