#!/usr/bin/env python3
"""Print the pool benchmarks' figures: one table per workload, ours against the anchors.

The figures come from criterion's results of the last run, made from the repository root with:

    cargo bench -p executor
    python3 scripts/bench_ratios.py

For each implementation the table shows its median time per task (criterion's median point
estimate for one iteration, target/criterion/<group>/<implementation>/new/estimates.json,
divided by the iteration's task count) and that median divided by the best anchor's. The
executor's line is the one that matters: a ratio of 1.00 or less means it meets the target,
i.e. it is at least as fast as the fastest of `threadpool`, `rayon` and the bare crossbeam-channel
pool (`crossbeam`) in the same run; the summary names that anchor for each workload.
W4 (20 tasks sleeping 100 ms on 20 workers) is shown per iteration, in milliseconds, against
its 100 ms limit.
"""

import argparse
import json
import pathlib
import sys

OURS = "executor"
ANCHORS = ["threadpool", "rayon", "crossbeam"]
IMPLEMENTATIONS = [OURS, *ANCHORS]

# (criterion group, what it measures, tasks per iteration if benchmark.json does not say)
PER_TASK = [
    ("W1_submit_result", "submit, then result() in submission order", 200_000),
    ("W2_map_ordered", "map, results in input order", 200_000),
    ("W3_as_completed", "submit, then as_completed", 200_000),
]
FANOUT = ("W4_sleep_fanout", "20 tasks sleeping 100 ms on 20 workers", 20)
FANOUT_LIMIT_MS = 100.0


def read_json(path):
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return None


def median_ns(root, group, implementation):
    """Criterion's median time for one iteration, in ns, or None if it was not run."""
    estimates = read_json(root / group / implementation / "new" / "estimates.json")
    return None if estimates is None else estimates["median"]["point_estimate"]


def tasks_per_iteration(root, group, fallback):
    """The `Throughput::Elements` the bench declared, else the known task count."""
    for implementation in IMPLEMENTATIONS:
        info = read_json(root / group / implementation / "new" / "benchmark.json")
        elements = ((info or {}).get("throughput") or {}).get("Elements")
        if elements:
            return elements
    return fallback


def print_table(title, unit, values):
    """values: implementation -> figure in `unit` (None if missing).

    Returns (ours / best anchor, the best anchor's name), or (None, None) if either is missing.
    """
    anchors = {name: values[name] for name in ANCHORS if values.get(name) is not None}
    best = min(anchors, key=anchors.get) if anchors else None
    print(title)
    print(f"  {'implementation':<14} {unit:>12} {'/ best anchor':>14}")
    for name in IMPLEMENTATIONS:
        value = values.get(name)
        if value is None:
            print(f"  {name:<14} {'-':>12} {'-':>14}")
            continue
        ratio = f"{value / anchors[best]:.2f}" if best else "-"
        marker = "  (best anchor)" if name == best else ""
        print(f"  {name:<14} {value:>12.1f} {ratio:>14}{marker}")
    if best is None or values.get(OURS) is None:
        return None, None
    return values[OURS] / anchors[best], best


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "criterion_dir",
        nargs="?",
        default="target/criterion",
        type=pathlib.Path,
        help="criterion's output directory (default: %(default)s)",
    )
    args = parser.parse_args()
    root = args.criterion_dir
    if not root.is_dir():
        sys.exit(f"no criterion results in {root}: run `cargo bench -p executor` first")

    summary = []
    for group, what, fallback in PER_TASK:
        tasks = tasks_per_iteration(root, group, fallback)
        values = {}
        for name in IMPLEMENTATIONS:
            ns = median_ns(root, group, name)
            values[name] = None if ns is None else ns / tasks
        title = f"{group}: {what} ({tasks:,} tasks, 4 workers)"
        summary.append((group, *print_table(title, "ns/task", values)))
        print()

    group, what, _ = FANOUT
    values = {}
    for name in IMPLEMENTATIONS:
        ns = median_ns(root, group, name)
        values[name] = None if ns is None else ns / 1e6
    ratio, best = print_table(f"{group}: {what}", "ms", values)
    summary.append((group, ratio, best))
    if values.get(OURS) is not None:
        over = values[OURS] - FANOUT_LIMIT_MS
        limit = f"{FANOUT_LIMIT_MS:.0f} ms limit"
        print(f"  executor: {values[OURS]:.1f} ms, {over:+.1f} ms against the {limit}")
    print()

    print("executor / best anchor (<= 1.00 meets the target)")
    for group, ratio, best in summary:
        if ratio is None:
            print(f"  {group:<18} -")
            continue
        # Judge the figure as printed, so that a 1.004 shown as 1.00 is not called a miss.
        verdict = "meets" if round(ratio, 2) <= 1.0 else "misses"
        print(f"  {group:<18} {ratio:.2f}  {verdict}  (best anchor: {best})")


if __name__ == "__main__":
    main()
