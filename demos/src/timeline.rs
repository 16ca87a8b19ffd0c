//! A picture of what a pool did: one row per worker thread, one bar per task, over time.
//!
//! The notebook shows the interleaving of `loiter` calls as lines of text with timestamps; a
//! timeline shows the same thing at a glance. The executor's event hook
//! ([`Builder::on_event`](executor::Builder::on_event)) reports when each task started and
//! finished and on which worker; [`Recorder`] keeps those events and [`Recorder::render`] draws
//! them in the terminal:
//!
//! ```text
//! ThreadPoolExecutor-0_0 |0111111111444444444444444444444444444444|
//! ThreadPoolExecutor-0_1 |22222222222222222222555555555555555555555555555555|
//! ```
//!
//! Each digit is a task's number (its index in `map`'s input; letters from the eleventh on);
//! where a row is blank the worker was idle.

use executor::{Event, EventKind};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One task's run: who ran it, from when to when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The task's number in the pool.
    pub task: u64,
    /// The worker thread's name.
    pub worker: String,
    /// When the worker started it.
    pub start: Instant,
    /// When it finished.
    pub end: Instant,
}

/// Collects the events a pool reports; clone it into the hook and keep one to render.
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    events: Arc<Mutex<Vec<Recorded>>>,
}

/// An [`Event`] kept after the hook returns (its worker name copied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The task's number in the pool.
    pub task: u64,
    /// What happened to it.
    pub kind: EventKind,
    /// The worker thread it happened on, if any.
    pub worker: Option<String>,
    /// When.
    pub at: Instant,
}

impl Recorder {
    /// An empty recorder.
    pub fn new() -> Self {
        Recorder::default()
    }

    /// The event hook: pass `move |event| recorder.record(event)` to `on_event`.
    pub fn record(&self, event: &Event<'_>) {
        if let Ok(mut events) = self.events.lock() {
            events.push(Recorded {
                task: event.task,
                kind: event.kind,
                worker: event.worker.map(str::to_owned),
                at: event.at,
            });
        }
    }

    /// Every event so far, in the order they were reported.
    pub fn events(&self) -> Vec<Recorded> {
        self.events.lock().map(|e| e.clone()).unwrap_or_default()
    }

    /// Each finished task's span, in start order.
    pub fn spans(&self) -> Vec<Span> {
        spans(&self.events())
    }

    /// The timeline, `width` columns wide, with a line saying what a column is worth.
    pub fn render(&self, width: usize) -> String {
        render(&self.spans(), width)
    }
}

/// Each finished task's span among `events`, from its `Started` and `Finished`, in start order.
pub fn spans(events: &[Recorded]) -> Vec<Span> {
    let mut started: BTreeMap<u64, (&str, Instant)> = BTreeMap::new();
    let mut spans = Vec::new();
    for event in events {
        match (event.kind, event.worker.as_deref()) {
            (EventKind::Started, Some(worker)) => {
                started.insert(event.task, (worker, event.at));
            }
            (EventKind::Finished { .. }, _) => {
                if let Some((worker, start)) = started.remove(&event.task) {
                    spans.push(Span {
                        task: event.task,
                        worker: worker.to_owned(),
                        start,
                        end: event.at,
                    });
                }
            }
            _ => {}
        }
    }
    spans.sort_by_key(|span| span.start);
    spans
}

/// A worker's name, ordered as its pool numbered it: `ThreadPoolExecutor-0_2` before
/// `ThreadPoolExecutor-0_10`, where plain text order would put it after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByIndex<'a>(pub &'a str);

impl ByIndex<'_> {
    /// The prefix, the index after its last `_` (if it is a number), then the whole name.
    fn key(&self) -> (&str, Option<u64>, &str) {
        match self.0.rsplit_once('_') {
            Some((prefix, index)) => match index.parse() {
                Ok(index) => (prefix, Some(index), self.0),
                Err(_) => (self.0, None, self.0),
            },
            None => (self.0, None, self.0),
        }
    }
}

impl Ord for ByIndex<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for ByIndex<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Draws `spans` as one row per worker, `width` columns for the whole run.
pub fn render(spans: &[Span], width: usize) -> String {
    let (Some(first), Some(last)) = (
        spans.iter().map(|s| s.start).min(),
        spans.iter().map(|s| s.end).max(),
    ) else {
        return String::from("(no task ran)\n");
    };
    let width = width.max(10);
    let total = (last - first).max(Duration::from_micros(1));
    let column = |at: Instant| {
        let offset = (at - first).as_secs_f64() / total.as_secs_f64();
        ((offset * width as f64) as usize).min(width - 1)
    };
    let mut rows: BTreeMap<ByIndex, Vec<char>> = BTreeMap::new();
    for span in spans {
        let row = (rows.entry(ByIndex(&span.worker))).or_insert_with(|| vec![' '; width]);
        // Earlier tasks keep their cells; a task too short for a free cell of its own takes
        // the next one, so every task shows.
        let mark = task_mark(span.task);
        let (from, to) = (column(span.start), column(span.end).max(column(span.start)));
        let mut painted = false;
        for cell in row[from..=to].iter_mut().filter(|cell| **cell == ' ') {
            *cell = mark;
            painted = true;
        }
        if !painted {
            row[(to + 1).min(width - 1)] = mark;
        }
    }
    let name_width = rows.keys().map(|name| name.0.len()).max().unwrap_or(0);
    let mut out = format!(
        "Timeline: {} tasks on {} threads in {}; one column = {}\n",
        spans.len(),
        rows.len(),
        human(total),
        human(total / width as u32)
    );
    for (ByIndex(name), row) in rows {
        let row: String = row.into_iter().collect();
        out.push_str(&format!("{name:<name_width$} |{}|\n", row.trim_end()));
    }
    out.push_str(&axis(name_width + 2, width, total));
    out
}

/// A time axis under the rows: a label every quarter of the run, from 0 at the rows' first
/// column, each where the time it names falls.
fn axis(indent: usize, width: usize, total: Duration) -> String {
    let mut line = vec![' '; indent + width + 12];
    for quarter in 0..=4 {
        let column = (width - 1) * quarter / 4;
        let label = if quarter == 0 {
            "0".to_owned()
        } else {
            human(total.mul_f64(quarter as f64 / 4.0))
        };
        let at = indent + column;
        // A label that would run into the previous one is left out.
        if line[at.saturating_sub(2)..]
            .iter()
            .take(label.len() + 2)
            .all(|c| *c == ' ')
        {
            line.splice(at..at + label.len(), label.chars());
        }
    }
    let line: String = line.into_iter().collect();
    format!("{}\n", line.trim_end())
}

/// `2.05s` or `0.17ms`: seconds above one second, milliseconds below.
fn human(duration: Duration) -> String {
    if duration >= Duration::from_secs(1) {
        format!("{:.2}s", duration.as_secs_f64())
    } else {
        format!("{:.2}ms", duration.as_secs_f64() * 1e3)
    }
}

/// `0`–`9`, then `a`–`z`, then round again: one character per task.
fn task_mark(task: u64) -> char {
    char::from_digit((task % 36) as u32, 36).unwrap_or('*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_worker_gets_a_row_and_each_task_a_bar() {
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let span = |task, worker: &str, start, end| Span {
            task,
            worker: worker.into(),
            start: at(start),
            end: at(end),
        };
        let spans = [
            span(0, "W_0", 0, 15),
            span(1, "W_1", 0, 50),
            span(2, "W_0", 50, 100),
        ];
        let text = render(&spans, 10);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("Timeline: 3 tasks on 2 threads"));
        assert_eq!(lines[1], "W_0 |00   22222|");
        assert_eq!(lines[2], "W_1 |111111|");
        // The axis: 0 under the first column, the run's length near the last.
        assert_eq!(lines[3], "     0   50.00ms");
        let wide = render(&spans, 60);
        let axis = wide.lines().last().unwrap();
        assert!(axis.starts_with("     0"), "{axis}");
        assert!(
            axis.contains("25.00ms") && axis.contains("100.00ms"),
            "{axis}"
        );
    }

    #[test]
    fn workers_are_in_the_order_the_pool_numbered_them() {
        let mut names = ["P_10", "P_2", "Q", "P_1", "P_x"].map(ByIndex);
        names.sort();
        assert_eq!(names.map(|n| n.0), ["P_1", "P_2", "P_10", "P_x", "Q"]);
    }

    #[test]
    fn nothing_to_draw_says_so() {
        assert_eq!(render(&[], 40), "(no task ran)\n");
    }
}
