//! The timeline as a picture for a page: a self-contained SVG, one row per thread, a bar per
//! call with its name (and a tooltip with its times and result), the main thread's waits
//! shaded on its own row, and a time axis in seconds.
//!
//! The terminal timeline ([`crate::timeline`]) is for the moment of the run; this one is for
//! the docs, where a reader wants to see at a glance that five calls started together and that
//! the main thread waited for `loiter(1)` while `loiter(0)` was long done. It needs no script
//! and no stylesheet, so a browser, an image viewer or a Markdown page shows it as it is.

use crate::timeline::{ByIndex, Span};
use crate::trace::{Call, MAIN_THREAD, Wait};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::Instant;

/// Pixels: the label column, each row, the plot's width.
const LABEL: f64 = 190.0;
const ROW: f64 = 28.0;
const PLOT: f64 = 760.0;

/// The SVG document: the main thread's `waits` on the first row, each of `bars` on its
/// worker's, timed from `origin`; `describe` names each task.
pub fn render(
    origin: Instant,
    bars: &[Span],
    waits: &[Wait],
    describe: &dyn Fn(u64) -> Call,
) -> String {
    let seconds = |at: Instant| at.saturating_duration_since(origin).as_secs_f64();
    let end = bars
        .iter()
        .map(|bar| seconds(bar.end))
        .chain(waits.iter().map(|wait| seconds(wait.end)))
        .fold(0.0_f64, f64::max)
        .max(1e-3);
    let x = |t: f64| LABEL + t / end * PLOT;
    let mut rows: BTreeMap<ByIndex, usize> = BTreeMap::new();
    for bar in bars.iter().filter(|bar| bar.worker != MAIN_THREAD) {
        rows.entry(ByIndex(&bar.worker)).or_insert(0);
    }
    for (index, row) in rows.values_mut().enumerate() {
        *row = index + 1; // row 0 is the main thread's
    }
    let height = ROW * (rows.len() + 1) as f64 + 50.0;
    let width = LABEL + PLOT + 30.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        svg,
        r#"<rect width="{width}" height="{height}" fill="white"/>"#
    );
    let row_y = |row: usize| 10.0 + ROW * row as f64;
    let names = std::iter::once((MAIN_THREAD, 0)).chain(rows.iter().map(|(n, r)| (n.0, *r)));
    for (name, row) in names {
        let y = row_y(row);
        let _ = writeln!(
            svg,
            r##"<text x="6" y="{}" fill="#222">{}</text>"##,
            y + ROW * 0.62,
            escape(name)
        );
        let _ = writeln!(
            svg,
            r##"<line x1="{LABEL}" y1="{0}" x2="{1}" y2="{0}" stroke="#ddd"/>"##,
            y + ROW - 2.0,
            LABEL + PLOT
        );
    }
    let row_of = |bar: &Span| rows.get(&ByIndex(&bar.worker)).copied().unwrap_or(0);
    // Row by row, in time order, so that a bar widened to be seen stops where the next begins.
    let mut in_order: Vec<&Span> = bars.iter().collect();
    in_order.sort_by_key(|bar| (row_of(bar), bar.start));
    for (index, bar) in in_order.iter().enumerate() {
        let call = describe(bar.task);
        let (from, to) = (seconds(bar.start), seconds(bar.end));
        let next = (in_order.get(index + 1)).filter(|next| row_of(next) == row_of(bar));
        let next_left = next.map_or(f64::INFINITY, |next| x(seconds(next.start)));
        let (left, right) = (
            x(from),
            x(to).max(x(from) + 1.0).min(next_left).max(x(from)),
        );
        let y = row_y(row_of(bar));
        let args = serde_json::Value::Object(call.args.clone()).to_string();
        let _ = writeln!(
            svg,
            r##"<rect class="task" x="{left:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="#7fa7d9" stroke="#35689f"><title>{} on {} from {from:.3}s to {to:.3}s {}</title></rect>"##,
            y + 3.0,
            right - left,
            ROW - 8.0,
            escape(&call.name),
            escape(&bar.worker),
            escape(&args)
        );
        // The call's name if it fits, else what is between its parentheses (`BR`, `3`).
        let label = [call.name.as_str(), short_name(&call.name)]
            .into_iter()
            .find(|label| right - left > 6.5 * label.len() as f64 + 6.0);
        if let Some(label) = label {
            let _ = writeln!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" fill="#0d2b4d">{}</text>"##,
                left + 4.0,
                y + ROW * 0.62,
                escape(label)
            );
        }
    }
    for wait in waits {
        let (from, to) = (seconds(wait.start), seconds(wait.end));
        // On the main thread's row, or on the row of the worker that waited.
        let row = (wait.thread.as_deref()).and_then(|t| rows.get(&ByIndex(t)).copied());
        let _ = writeln!(
            svg,
            r##"<rect class="wait" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#f4c7a1" fill-opacity="0.85"><title>{} (waiting {:.3}s to {:.3}s)</title></rect>"##,
            x(from),
            row_y(row.unwrap_or(0)) + 4.0,
            (x(to) - x(from)).max(1.0),
            ROW - 10.0,
            escape(&wait.name),
            from,
            to
        );
    }
    // The axis: a tick and a label at each of about eight round steps of seconds.
    let axis_y = row_y(rows.len() + 1) + 4.0;
    let step = nice_step(end / 8.0);
    let _ = writeln!(
        svg,
        r##"<line x1="{LABEL}" y1="{axis_y}" x2="{}" y2="{axis_y}" stroke="#222"/>"##,
        LABEL + PLOT
    );
    let mut tick = 0.0;
    while tick <= end + 1e-9 {
        let _ = writeln!(
            svg,
            r##"<line x1="{0:.1}" y1="{axis_y}" x2="{0:.1}" y2="{1}" stroke="#222"/><text x="{0:.1}" y="{2}" text-anchor="middle" fill="#222">{3}s</text>"##,
            x(tick),
            axis_y + 5.0,
            axis_y + 19.0,
            trim(tick)
        );
        tick += step;
    }
    svg.push_str("</svg>\n");
    svg
}

/// `download_one('BR')` → `BR`, `loiter(3)` → `3`: a call's argument, for a narrow bar.
fn short_name(name: &str) -> &str {
    let inner = name
        .split_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or(name);
    inner.trim_matches('\'')
}

/// 1, 2 or 5 times a power of ten, at least `rough`.
fn nice_step(rough: f64) -> f64 {
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power)
}

/// `1`, `0.5`, `0.25`: a tick's seconds without trailing zeros.
fn trim(seconds: f64) -> String {
    let text = format!("{seconds:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Text made safe inside an SVG element or attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn one_bar_per_call_on_its_workers_row_and_an_axis_in_seconds() {
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let bar = |task, worker: &str, start, end| Span {
            task,
            worker: worker.into(),
            start: at(start),
            end: at(end),
        };
        let bars = [
            bar(0, "W_0", 0, 100),
            bar(1, "W_1", 0, 1000),
            bar(2, "W_0", 100, 2000),
        ];
        let waits = [Wait {
            name: "next(map)".into(),
            start: at(5),
            end: at(1000),
            woken_by: Some(1),
            thread: None,
        }];
        let describe = |task| Call {
            name: format!("loiter({task})"),
            args: serde_json::Map::new(),
        };
        let svg = render(t0, &bars, &waits, &describe);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("class=\"task\"").count(), 3);
        assert_eq!(svg.matches("class=\"wait\"").count(), 1);
        assert!(svg.contains("<title>loiter(2) on W_0 from 0.100s to 2.000s"));
        assert!(svg.contains(">0s</text>") && svg.contains(">2s</text>"));
        assert!(svg.contains(">MainThread</text>") && svg.contains(">W_1</text>"));
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(1.2), 2.0);
        assert_eq!(nice_step(0.0123), 0.02);
        assert_eq!(trim(0.25), "0.25");
        assert_eq!(trim(2.0), "2");
        assert_eq!(short_name("download_one('BR')"), "BR");
        assert_eq!(short_name("loiter(3)"), "3");
        assert_eq!(short_name("plain"), "plain");
    }
}
