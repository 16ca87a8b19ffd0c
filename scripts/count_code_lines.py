#!/usr/bin/env python3
"""Counts the executor's code lines as the normal build sees them.

A line counts unless it is blank, a comment (`//`, `///`, `//!`), or inside an item that the
normal build leaves out: `#[cfg(test)]` and `#[cfg(loom)]` items, and files compiled only under
`cfg(loom)`. Usage: `python3 scripts/count_code_lines.py [DIR]` (default `executor/src`).
"""

import pathlib
import re
import sys

SKIPPED_CFG = re.compile(r"^\s*#\[cfg\((test|loom|all\((test|loom)\b.*)\)\]")


def loom_only_files(root):
    """Files declared with `#[cfg(loom)] mod name;`."""
    skipped = set()
    for path in root.rglob("*.rs"):
        lines = path.read_text().splitlines()
        for i, line in enumerate(lines[:-1]):
            match = re.match(r"\s*(pub(\(crate\))?\s+)?mod (\w+);", lines[i + 1])
            if SKIPPED_CFG.match(line) and match:
                name = match.group(3)
                for candidate in (path.parent / f"{name}.rs", path.parent / path.stem / f"{name}.rs"):
                    skipped.add(candidate)
    return skipped


def count(path):
    lines = path.read_text().splitlines()
    total = 0
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if SKIPPED_CFG.match(lines[i]):
            # Skip the attribute and the item after it: up to its `;` or its matching `}`.
            depth = 0
            opened = False
            i += 1
            while i < len(lines):
                text = re.sub(r"//.*", "", lines[i])
                depth += text.count("{") - text.count("}")
                opened = opened or "{" in text
                i += 1
                if (opened and depth <= 0) or (not opened and text.rstrip().endswith(";")):
                    break
            continue
        if line and not line.startswith("//"):
            total += 1
        i += 1
    return total


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "executor/src")
    skipped = loom_only_files(root)
    rows = []
    for path in sorted(root.rglob("*.rs")):
        if path in skipped:
            continue
        rows.append((count(path), path.relative_to(root)))
    for lines, path in rows:
        print(f"{lines:6} {path}")
    print(f"{sum(lines for lines, _ in rows):6} total")


if __name__ == "__main__":
    main()
