#!/usr/bin/env python3
"""The same workloads on CPython's ThreadPoolExecutor and on this executor, in one table.

    python3 scripts/compare_with_python.py

Runs the Python side here (CPython >= 3.9, standard library only), then the Rust side
(`cargo run --release -p executor --example workloads`, whose source lists the workloads), and
prints each figure beside its counterpart. Run from the repository root.
"""
import platform
import subprocess
import sys
import time
from concurrent.futures import ALL_COMPLETED, ThreadPoolExecutor, as_completed, wait

TASKS = 100_000
ROUNDS = 3


def per_task(round_fn):
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        round_fn()
        samples.append((time.perf_counter() - started) / TASKS * 1e9)
    return sorted(samples)[ROUNDS // 2]


def millis(work):
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1e3


def double(i):
    return i * 2


def crunch(seed):
    acc = seed
    for n in range(3_000_000):
        acc = (acc * 31 + (n ^ (acc >> 7))) & 0xFFFFFFFFFFFFFFFF
    return acc


def cpu_batch(workers):
    with ThreadPoolExecutor(workers) as pool:
        return millis(lambda: list(pool.map(crunch, range(8))))


def python_side():
    figures = {}
    with ThreadPoolExecutor(4) as pool:
        def submit_result():
            futures = [pool.submit(double, i) for i in range(TASKS)]
            return sum(f.result() for f in futures)

        def completed():
            futures = [pool.submit(double, i) for i in range(TASKS)]
            return sum(f.result() for f in as_completed(futures))

        figures["submit_result"] = per_task(submit_result)
        figures["map"] = per_task(lambda: sum(pool.map(double, range(TASKS))))
        figures["as_completed"] = per_task(completed)
    with ThreadPoolExecutor(20) as wide:
        figures["io_fanout"] = millis(
            lambda: wait([wide.submit(time.sleep, 0.1) for _ in range(20)], return_when=ALL_COMPLETED)
        )
    figures["cpu_1"] = cpu_batch(1)
    figures["cpu_4"] = cpu_batch(4)

    def loiter(n):
        time.sleep(n * 0.01)
        return n * 10

    with ThreadPoolExecutor(4) as pool:
        figures["loiter"] = millis(lambda: list(pool.map(loiter, range(8))))
    return figures


def rust_side():
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "executor", "--example", "workloads"],
        check=True, capture_output=True, text=True,
    ).stdout
    figures = {}
    for line in out.splitlines():
        name, value, _unit = line.split()
        figures[name] = float(value)
    return figures


ROWS = [
    ("submit + result, per task", "submit_result", "ns"),
    ("map, per task", "map", "ns"),
    ("as_completed, per task", "as_completed", "ns"),
    ("20 x 100 ms I/O fan-out", "io_fanout", "ms"),
    ("8 CPU tasks, 1 worker", "cpu_1", "ms"),
    ("8 CPU tasks, 4 workers", "cpu_4", "ms"),
    ("loiter, 4 workers, 10 ms unit", "loiter", "ms"),
]


def main():
    print(f"CPython {platform.python_version()} vs this executor (release build); "
          f"{TASKS:,} tasks on 4 workers for the per-task rows")
    python = python_side()
    rust = rust_side()
    print(f"{'workload':<32} {'CPython':>12} {'executor':>12} {'CPython/executor':>17}")
    for label, key, unit in ROWS:
        ratio = python[key] / rust[key] if rust[key] else float("nan")
        print(f"{label:<32} {python[key]:>9.1f} {unit:<2} {rust[key]:>9.1f} {unit:<2} {ratio:>16.1f}x")
    for name, figures in (("CPython", python), ("executor", rust)):
        print(f"{name}: 4 workers run the CPU batch {figures['cpu_1'] / figures['cpu_4']:.2f}x "
              f"as fast as 1 worker")


if __name__ == "__main__":
    sys.exit(main())
