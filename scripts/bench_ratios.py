#!/usr/bin/env python3
"""Print the benchmark table: each pool's median time per task, and ours over the best anchor.

Run the benchmarks first, then this script, from the repository root:

    cargo bench -p executor
    python3 scripts/bench_ratios.py

It reads criterion's results (target/criterion/<group>/<pool>/new/estimates.json). A ratio of
1.00 or less means the executor is at least as fast as the best anchor in the same run.
"""
import json
import pathlib
import sys

TASKS = {"W1_submit_result": 200_000, "W2_map_ordered": 200_000, "W3_as_completed": 200_000}
FANOUT = "W4_sleep_fanout"
OURS = "executor"
ANCHORS = ["threadpool", "rayon"]


def median_ns(root, group, pool):
    path = root / group / pool / "new" / "estimates.json"
    try:
        return json.loads(path.read_text())["median"]["point_estimate"]
    except FileNotFoundError:
        return None


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    if not root.is_dir():
        sys.exit(f"no criterion results in {root}: run `cargo bench -p executor` first")
    print(f"{'workload':<20} {'executor':>10} {'threadpool':>11} {'rayon':>8} {'ratio':>7}")
    for group, tasks in TASKS.items():
        per_task = {pool: median_ns(root, group, pool) for pool in [OURS, *ANCHORS]}
        if per_task[OURS] is None:
            continue
        per_task = {pool: (ns / tasks if ns is not None else None) for pool, ns in per_task.items()}
        best = min(ns for pool, ns in per_task.items() if pool != OURS and ns is not None)
        cells = " ".join(
            f"{per_task[pool]:>{width}.0f}" if per_task[pool] is not None else f"{'-':>{width}}"
            for pool, width in [(OURS, 10), ("threadpool", 11), ("rayon", 8)]
        )
        print(f"{group + ' (ns/task)':<20} {cells} {per_task[OURS] / best:>7.2f}")
    fanout = {pool: median_ns(root, FANOUT, pool) for pool in [OURS, *ANCHORS]}
    if fanout[OURS] is not None:
        cells = " ".join(
            f"{fanout[pool] / 1e6:>{width}.1f}" if fanout[pool] is not None else f"{'-':>{width}}"
            for pool, width in [(OURS, 10), ("threadpool", 11), ("rayon", 8)]
        )
        print(f"{FANOUT + ' (ms)':<20} {cells} {'(limit 100 ms)':>7}")


if __name__ == "__main__":
    main()
