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
//! ([`Recorder`](crate::timeline::Recorder)) and what the program knows of its own calls and
//! waits; [`Trace::write`] saves it whole or not at all (a temporary file, then a rename), so
//! the file is valid JSON whenever it exists.

use crate::timeline::Recorded;
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

/// A span of the main thread's time spent waiting, and on which task, if one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    /// `next(results)`, `future.result()`, `as_completed`, ...
    pub name: String,
    /// When the main thread started waiting.
    pub start: Instant,
    /// When it was woken.
    pub end: Instant,
    /// The task whose end woke it.
    pub woken_by: Option<u64>,
}

/// An iterator that notes how long each `next()` kept the main thread waiting: wrap `map`'s
/// results in it, and the trace shows each wait, with an arrow from the call that ended it
/// (`map` submits in order, so result `i` is task `i`).
#[derive(Debug)]
pub struct TimedWaits<I> {
    inner: I,
    name: &'static str,
    log: std::sync::Arc<std::sync::Mutex<Vec<Wait>>>,
    index: u64,
}

/// Wraps `results`, noting each wait in `log` under `name` (`next(results)`).
pub fn timed_waits<I: Iterator>(
    results: I,
    name: &'static str,
    log: &std::sync::Arc<std::sync::Mutex<Vec<Wait>>>,
) -> TimedWaits<I> {
    TimedWaits {
        inner: results,
        name,
        log: std::sync::Arc::clone(log),
        index: 0,
    }
}

impl<I: Iterator> Iterator for TimedWaits<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let start = Instant::now();
        let item = self.inner.next()?;
        if let Ok(mut log) = self.log.lock() {
            log.push(Wait {
                name: format!("{} -> result {}", self.name, self.index),
                start,
                end: Instant::now(),
                woken_by: Some(self.index),
            });
        }
        self.index += 1;
        Some(item)
    }
}

/// A trace being built: the JSON object's `traceEvents`.
#[derive(Debug, Default)]
pub struct Trace {
    events: Vec<Value>,
}

/// The row of the main thread.
const MAIN_TID: u64 = 1;

impl Trace {
    /// The trace of one run of `process`: the pool's `events`, the main thread's `waits`, and
    /// each task's description from `describe`, timed from `origin` (the program's start).
    pub fn from_run(
        process: &str,
        origin: Instant,
        events: &[Recorded],
        waits: &[Wait],
        describe: &dyn Fn(u64) -> Call,
    ) -> Trace {
        let micros = |at: Instant| at.saturating_duration_since(origin).as_secs_f64() * 1e6;
        let mut trace = Trace::default();
        trace.metadata("process_name", 0, process);
        trace.metadata("thread_name", MAIN_TID, "MainThread");
        // Workers get rows 2, 3, ... in the order of their names, which is their start order.
        let mut tids: BTreeMap<&str, u64> = BTreeMap::new();
        for worker in events.iter().filter_map(|e| e.worker.as_deref()) {
            tids.entry(worker).or_insert(0);
        }
        for (row, (name, tid)) in tids.iter_mut().enumerate() {
            *tid = MAIN_TID + 1 + row as u64;
            trace.metadata("thread_name", *tid, name);
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
        let mut finished: BTreeMap<u64, (u64, f64)> = BTreeMap::new();
        let (mut queued, mut running) = (0i64, 0i64);
        let mut seen = std::collections::BTreeSet::new();
        for event in events {
            let at = micros(event.at);
            let tid = event.worker.as_deref().map_or(MAIN_TID, |w| tids[w]);
            match event.kind {
                EventKind::Submitted => {
                    queued += 1;
                    trace.push(json!({"ph": "s", "id": event.task, "cat": "submit",
                                      "name": "submit", "pid": 1, "tid": MAIN_TID, "ts": at}));
                }
                EventKind::Started => {
                    queued -= 1;
                    running += 1;
                    seen.insert(tid);
                    started.insert(event.task, (tid, at));
                    trace.push(
                        json!({"ph": "f", "bp": "e", "id": event.task, "cat": "submit",
                                      "name": "submit", "pid": 1, "tid": tid, "ts": at}),
                    );
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
                        finished.insert(event.task, (tid, at));
                    }
                }
                EventKind::Cancelled => queued -= 1,
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

        // The main thread's waits, with an arrow from the task that ended each.
        for (id, wait) in waits.iter().enumerate() {
            let (start, end) = (micros(wait.start), micros(wait.end));
            trace.push(
                json!({"ph": "X", "cat": "wait", "name": wait.name, "pid": 1,
                              "tid": MAIN_TID, "ts": start, "dur": end - start}),
            );
            if let Some((tid, at)) = wait.woken_by.and_then(|task| finished.get(&task)) {
                let id = format!("wake-{id}");
                trace.push(json!({"ph": "s", "id": id, "cat": "wake", "name": "wake",
                                  "pid": 1, "tid": tid, "ts": at}));
                trace.push(
                    json!({"ph": "f", "bp": "e", "id": id, "cat": "wake", "name": "wake",
                                  "pid": 1, "tid": MAIN_TID, "ts": end.max(*at)}),
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

    #[test]
    fn rows_bars_waits_arrows_and_counters_in_the_chrome_format() {
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let event = |task, kind, worker: Option<&str>, ms| Recorded {
            task,
            kind,
            worker: worker.map(str::to_owned),
            at: at(ms),
        };
        let done = EventKind::Finished { raised: false };
        let events = [
            event(0, EventKind::Submitted, None, 1),
            event(1, EventKind::Submitted, None, 2),
            event(0, EventKind::Started, Some("TPE-0_0"), 3),
            event(1, EventKind::Started, Some("TPE-0_1"), 3),
            event(0, done, Some("TPE-0_0"), 10),
            event(1, done, Some("TPE-0_1"), 20),
        ];
        let waits = [Wait {
            name: "next(results)".into(),
            start: at(4),
            end: at(21),
            woken_by: Some(1),
        }];
        let describe = |task| Call {
            name: format!("loiter({task})"),
            args: [("n".to_owned(), Value::from(task))].into_iter().collect(),
        };
        let trace = Trace::from_run("loiter", t0, &events, &waits, &describe);
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
            (Some(1), Some("next(results)"))
        );
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
    fn a_written_trace_is_whole_json() {
        let folder = std::env::temp_dir().join(format!("trace-test-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("t.json");
        let trace = Trace::from_run("x", Instant::now(), &[], &[], &|_| Call {
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
