//! A trace of a run that a standard viewer opens: Chrome's trace-event JSON, which
//! ui.perfetto.dev and chrome://tracing read, and which VizTracer writes for Python.
//!
//! The notebook's lesson is about time: which call ran on which thread, when the main thread
//! was blocked, why `map` hands back result 0 only after a long wait. A trace shows it the way
//! a Python user of VizTracer sees it: one row per thread, named as the threads are
//! (`ThreadPoolExecutor-0_2`), each call a bar on the row of the worker that ran it
//! (`loiter(3)`, with its input and its result), the main thread's waits on its own row, an
//! arrow from each submit to the call's start and from each call's end to the wait it ended,
//! and two counters: the work items queued and the idle workers.
//!
//! [`Trace::from_run`] builds it from what the executor's event hook reported
//! ([`Recorder`](crate::timeline::Recorder)): the tasks, and the waits, which the executor
//! reports itself ([`EventKind::Waited`]: the call, the thread, from when to when, and the task
//! whose end woke it); the program adds only what it knows of its own calls, their names and
//! results. [`Trace::write`] saves it whole or not at all (a temporary file, then a rename), so
//! the file is valid JSON whenever it exists.

use crate::timeline::{ByIndex, Recorded};
use executor::EventKind;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// What the program says of one of its calls: its name and its `args` (input, result).
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// `loiter(3)`, `download_one('BR')`.
    pub name: String,
    /// Shown under the bar when it is selected: `{"n": 3, "result": "30"}`.
    pub args: Map<String, Value>,
}

/// A span of a thread's time spent waiting, as the executor reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    /// `next(map)`, `result()`, `next(as_completed)`, `wait()`, ...
    pub name: String,
    /// When the thread started waiting.
    pub start: Instant,
    /// When it was woken.
    pub end: Instant,
    /// The task whose end woke it.
    pub woken_by: Option<u64>,
    /// The worker that waited, or `None` for a thread outside the pool (the main thread).
    pub thread: Option<String>,
}

/// The waits among `events` (the executor's [`EventKind::Waited`]), in the order they ended.
pub fn waits(events: &[Recorded]) -> Vec<Wait> {
    (events.iter())
        .filter_map(|event| match event.kind {
            EventKind::Waited { call, since, woken } => Some(Wait {
                name: call.to_owned(),
                start: since,
                end: event.at,
                woken_by: woken.then_some(event.task),
                thread: event.worker.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// `at`, moved just inside the slice from `start` to `end` (microseconds), so that a viewer
/// binds an arrow there to that slice and not to its neighbour.
fn inside(start: f64, end: f64, at: f64) -> f64 {
    let margin = ((end - start) / 2.0).min(0.5);
    at.clamp(start + margin, end - margin)
}

/// A trace being built: the JSON object's `traceEvents`.
#[derive(Debug, Default)]
pub struct Trace {
    events: Vec<Value>,
}

/// The row of the main thread.
const MAIN_TID: u64 = 1;

/// The name of the main thread's row, as Python names it; events of calls a program ran on its
/// main thread (no pool) carry it as their worker.
pub const MAIN_THREAD: &str = "MainThread";

impl Trace {
    /// The trace of one run of `process`: the pool's `events` (its tasks and the waits on
    /// them), each task's description from `describe`, timed from `origin` (the program's
    /// start).
    pub fn from_run(
        process: &str,
        origin: Instant,
        events: &[Recorded],
        describe: &dyn Fn(u64) -> Call,
    ) -> Trace {
        let micros = |at: Instant| at.saturating_duration_since(origin).as_secs_f64() * 1e6;
        let mut trace = Trace::default();
        trace.metadata("process_name", 0, process);
        trace.metadata("thread_name", MAIN_TID, MAIN_THREAD);
        // Workers get rows 2, 3, ... in the order of their names, which is their start order.
        let mut tids: BTreeMap<ByIndex, u64> = BTreeMap::new();
        for worker in events.iter().filter_map(|e| e.worker.as_deref()) {
            if worker != MAIN_THREAD {
                tids.entry(ByIndex(worker)).or_insert(0);
            }
        }
        for (row, (name, tid)) in tids.iter_mut().enumerate() {
            *tid = MAIN_TID + 1 + row as u64;
            trace.metadata("thread_name", *tid, name.0);
        }
        for (tid, sort_index) in std::iter::once(MAIN_TID)
            .chain(tids.values().copied())
            .zip(0..)
        {
            trace.push(
                json!({"ph": "M", "name": "thread_sort_index", "pid": 1, "tid": tid,
                              "args": {"sort_index": sort_index}}),
            );
        }

        // Each task: a bar from its start to its finish, an arrow from its submit.
        let mut started: BTreeMap<u64, (u64, f64)> = BTreeMap::new();
        let mut finished: BTreeMap<u64, (u64, f64, f64)> = BTreeMap::new();
        let (mut queued, mut running) = (0i64, 0i64);
        let mut seen = std::collections::BTreeSet::new();
        let tid_of = |worker: Option<&str>| worker.and_then(|w| tids.get(&ByIndex(w)).copied());
        // Where a slice begins or ends, row by row: the tasks, the waits, the submits (made on
        // the main thread, or by a task on its worker's row, inside its slice).
        let mut bounds: BTreeMap<u64, Vec<f64>> = BTreeMap::new();
        for event in events {
            let tid = tid_of(event.worker.as_deref()).unwrap_or(MAIN_TID);
            if matches!(event.kind, EventKind::Submitted | EventKind::Started)
                || matches!(event.kind, EventKind::Finished { .. })
            {
                bounds.entry(tid).or_default().push(micros(event.at));
            }
        }
        for wait in waits(events) {
            let tid = tid_of(wait.thread.as_deref()).unwrap_or(MAIN_TID);
            let row = bounds.entry(tid).or_default();
            row.extend([micros(wait.start), micros(wait.end)]);
        }
        bounds
            .values_mut()
            .for_each(|row| row.sort_by(f64::total_cmp));
        for event in events {
            let at = micros(event.at);
            let tid = tid_of(event.worker.as_deref()).unwrap_or(MAIN_TID);
            match event.kind {
                EventKind::Submitted => {
                    queued += 1;
                    // A viewer binds an arrow's ends to the slices open where they are, so the
                    // submit gets a slice of its own for the arrow to leave: a microsecond, or
                    // less if a slice on its row begins or ends sooner (slices on a row must
                    // nest or follow one another).
                    let row = bounds.get(&tid).map_or(&[][..], Vec::as_slice);
                    let next = row.iter().find(|&&bound| bound > at);
                    let dur = next.map_or(1.0, |next| ((next - at) * 0.9).min(1.0));
                    let name = format!("submit({})", describe(event.task).name);
                    trace.push(json!({"ph": "X", "cat": "submit", "name": name, "pid": 1,
                                      "tid": tid, "ts": at, "dur": dur}));
                    trace.push(json!({"ph": "s", "id": event.task, "cat": "submit",
                                      "name": "submit", "pid": 1, "tid": tid,
                                      "ts": at + dur / 2.0}));
                }
                EventKind::Started => {
                    queued -= 1;
                    running += 1;
                    seen.insert(tid);
                    started.insert(event.task, (tid, at));
                }
                EventKind::Finished { raised } => {
                    running -= 1;
                    if let Some((tid, start)) = started.remove(&event.task) {
                        let call = describe(event.task);
                        let mut args = call.args;
                        if raised {
                            args.insert("exception".into(), "panic".into());
                        }
                        trace.push(json!({"ph": "X", "cat": "task", "name": call.name,
                                          "pid": 1, "tid": tid, "ts": start, "dur": at - start,
                                          "args": args}));
                        trace.push(json!({"ph": "f", "bp": "e", "id": event.task,
                                          "cat": "submit", "name": "submit", "pid": 1,
                                          "tid": tid, "ts": inside(start, at, start)}));
                        finished.insert(event.task, (tid, start, at));
                    }
                }
                EventKind::Cancelled => queued -= 1,
                // Drawn below, once every task's end is known.
                EventKind::Waited { .. } => continue,
            }
            // Idle: the workers that have started a task so far, less those running one now.
            let idle = (seen.len() as i64 - running).max(0);
            trace.push(json!({"ph": "C", "name": "queued", "pid": 1, "ts": at,
                              "args": {"work items": queued.max(0)}}));
            trace.push(
                json!({"ph": "C", "name": "idle workers", "pid": 1, "ts": at,
                              "args": {"workers": idle}}),
            );
        }

        // Each wait, on the row of the thread that waited, with an arrow from the task whose
        // end woke it.
        for (id, wait) in waits(events).iter().enumerate() {
            let (start, end) = (micros(wait.start), micros(wait.end));
            let tid = tid_of(wait.thread.as_deref()).unwrap_or(MAIN_TID);
            let mut args = Map::new();
            if let Some(task) = wait.woken_by {
                args.insert("woken by".into(), describe(task).name.into());
            }
            trace.push(
                json!({"ph": "X", "cat": "wait", "name": wait.name, "pid": 1,
                              "tid": tid, "ts": start, "dur": end - start, "args": args}),
            );
            if let Some(&(from, began, at)) = wait.woken_by.and_then(|task| finished.get(&task)) {
                let id = format!("wake-{id}");
                // The task's end is reported after its result is out, so the wait may have
                // ended first: the arrow leaves before both, so it never points back in time.
                let leaves = inside(began, at, at.min(end) - 1.0);
                trace.push(json!({"ph": "s", "id": id, "cat": "wake", "name": "wake",
                                  "pid": 1, "tid": from, "ts": leaves}));
                trace.push(
                    json!({"ph": "f", "bp": "e", "id": id, "cat": "wake", "name": "wake",
                                  "pid": 1, "tid": tid, "ts": inside(start, end, end)}),
                );
            }
        }
        trace
    }

    fn metadata(&mut self, name: &str, tid: u64, value: &str) {
        self.push(json!({"ph": "M", "name": name, "pid": 1, "tid": tid, "args": {"name": value}}));
    }

    fn push(&mut self, event: Value) {
        self.events.push(event);
    }

    /// Every event, in the order they were added.
    pub fn events(&self) -> &[Value] {
        &self.events
    }

    /// The whole trace as JSON text: `{"traceEvents": [...], "displayTimeUnit": "ms"}`.
    pub fn to_json(&self) -> String {
        let trace = json!({"traceEvents": self.events, "displayTimeUnit": "ms"});
        serde_json::to_string(&trace).unwrap_or_default()
    }

    /// Writes the trace to `path` whole: into a temporary file beside it, then renamed, so
    /// the file is never found half written.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        crate::whole_file::write_whole(path, self.to_json().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// What the hook would have recorded for `task`, `ms` milliseconds after `t0`.
    fn recorded(
        t0: Instant,
        task: u64,
        kind: EventKind,
        worker: Option<&str>,
        ms: u64,
    ) -> Recorded {
        Recorded {
            task,
            kind,
            worker: worker.map(str::to_owned),
            at: t0 + Duration::from_millis(ms),
        }
    }

    #[test]
    fn rows_bars_waits_arrows_and_counters_in_the_chrome_format() {
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let event = |task, kind, worker, ms| recorded(t0, task, kind, worker, ms);
        let done = EventKind::Finished { raised: false };
        let waited = EventKind::Waited {
            call: "next(map)",
            since: at(4),
            woken: true,
        };
        let events = [
            event(0, EventKind::Submitted, None, 1),
            event(1, EventKind::Submitted, None, 2),
            event(0, EventKind::Started, Some("TPE-0_0"), 3),
            event(1, EventKind::Started, Some("TPE-0_1"), 3),
            event(0, done, Some("TPE-0_0"), 10),
            event(1, done, Some("TPE-0_1"), 20),
            event(1, waited, None, 21),
        ];
        let describe = |task| Call {
            name: format!("loiter({task})"),
            args: [("n".to_owned(), Value::from(task))].into_iter().collect(),
        };
        let trace = Trace::from_run("loiter", t0, &events, &describe);
        let parsed: Value = serde_json::from_str(&trace.to_json()).unwrap();
        let all = parsed["traceEvents"].as_array().unwrap();
        let with = |ph: &'static str| all.iter().filter(move |e| e["ph"] == ph);
        let names: Vec<&str> = with("M")
            .filter(|e| e["name"] == "thread_name")
            .map(|e| e["args"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["MainThread", "TPE-0_0", "TPE-0_1"]);
        let bars: Vec<&Value> = with("X").filter(|e| e["cat"] == "task").collect();
        assert_eq!(bars.len(), 2);
        assert_eq!(bars[1]["name"], "loiter(1)");
        assert_eq!(bars[1]["tid"], 3);
        assert_eq!(bars[1]["dur"].as_f64().unwrap().round(), 17_000.0);
        assert_eq!(bars[1]["args"]["n"], 1);
        let wait = with("X").find(|e| e["cat"] == "wait").unwrap();
        assert_eq!(
            (wait["tid"].as_u64(), wait["name"].as_str()),
            (Some(1), Some("next(map)"))
        );
        assert_eq!(wait["args"]["woken by"], "loiter(1)");
        assert_eq!(wait["dur"].as_f64().unwrap().round(), 17_000.0);
        // An arrow from each submit to its start, and one from loiter(1)'s end to the wait.
        assert_eq!(with("s").count(), 3);
        assert_eq!(with("f").count(), 3);
        let queued: Vec<i64> = with("C")
            .filter(|e| e["name"] == "queued")
            .map(|e| e["args"]["work items"].as_i64().unwrap())
            .collect();
        assert_eq!(queued, [1, 2, 1, 0, 0, 0]);
        let idle: Vec<i64> = with("C")
            .filter(|e| e["name"] == "idle workers")
            .map(|e| e["args"]["workers"].as_i64().unwrap())
            .collect();
        assert_eq!(idle, [0, 0, 0, 0, 1, 2]);
    }

    #[test]
    fn a_submit_made_by_a_task_is_drawn_inside_that_task_on_its_worker() {
        let t0 = Instant::now();
        let event = |task, kind, worker, ms| recorded(t0, task, kind, worker, ms);
        let done = EventKind::Finished { raised: false };
        let events = [
            event(0, EventKind::Submitted, None, 1),
            event(0, EventKind::Started, Some("TPE-0_0"), 2),
            event(1, EventKind::Submitted, Some("TPE-0_0"), 4),
            event(0, done, Some("TPE-0_0"), 10),
        ];
        let describe = |task| Call {
            name: format!("t({task})"),
            args: Map::new(),
        };
        let trace = Trace::from_run("x", t0, &events, &describe);
        let submit = (trace.events().iter())
            .find(|e| e["ph"] == "X" && e["name"] == "submit(t(1))")
            .unwrap();
        assert_eq!(submit["tid"], 2, "on the worker's row");
        let (ts, dur) = (
            submit["ts"].as_f64().unwrap(),
            submit["dur"].as_f64().unwrap(),
        );
        assert!(
            ts >= 2_000.0 && ts + dur <= 10_000.0 && dur <= 1.0,
            "{submit}"
        );
    }

    #[test]
    fn a_written_trace_is_whole_json() {
        let folder = std::env::temp_dir().join(format!("trace-test-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("t.json");
        let trace = Trace::from_run("x", Instant::now(), &[], &|_| Call {
            name: String::new(),
            args: Map::new(),
        });
        trace.write(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["displayTimeUnit"], "ms");
        let names: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
