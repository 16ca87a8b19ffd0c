#!/usr/bin/env python3
"""Time flags2_sequential against flags2_threadpool on the DELAY server, in one run.

    python3 scripts/flags_timings.py

Builds the release binaries, starts `flags_server --label DELAY` (0.5 s per response) on a free
port, runs each case, and prints the elapsed time each program reports. Sequential downloads
add up one delay per flag; the thread pool waits for about one delay in all. The sequential
run over all 194 codes (about 97 s) is left out unless --all-sequential is given.
"""
import re
import socket
import subprocess
import sys
import tempfile
import time

DELAY = 0.5


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def elapsed(binary, url, args, dest):
    out = subprocess.run(
        [binary, "--url", url, "--dest", dest, *args],
        check=True, capture_output=True, text=True,
    ).stdout
    found = re.search(r"Elapsed time: ([0-9.]+)s", out)
    if not found:
        sys.exit(f"no elapsed time in the output of {binary}:\n{out}")
    counts = re.search(r"(\d+) flags? downloaded", out)
    return float(found.group(1)), int(counts.group(1)) if counts else 0


def main():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "demos"], check=True)
    port = free_port()
    server = subprocess.Popen(
        ["target/release/flags_server", "--label", "DELAY", "--port", str(port), "--quiet"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        url = f"http://127.0.0.1:{port}/flags"
        cases = [
            ("flags2_sequential", "20 codes", []),
            ("flags2_threadpool", "20 codes", []),
            ("flags2_threadpool", "194 codes, -m 200", ["-a", "-m", "200"]),
        ]
        if "--all-sequential" in sys.argv:
            cases.append(("flags2_sequential", "194 codes", ["-a"]))
        print(f"DELAY server: {DELAY} s per response, {url}")
        print(f"{'program':<20} {'codes':<20} {'elapsed':>8} {'delays':>7}")
        with tempfile.TemporaryDirectory() as dest:
            elapsed(f"target/release/flags2_threadpool", url, ["-l", "1"], dest)  # warm the server
            for program, label, args in cases:
                seconds, count = elapsed(f"target/release/{program}", url, args, dest)
                print(f"{program:<20} {label:<20} {seconds:>7.2f}s {seconds / DELAY:>7.1f}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
