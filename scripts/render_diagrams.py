#!/usr/bin/env python3
"""Draws the companion chapters' Mermaid diagrams as SVG files, for the API documentation.

GitHub draws a ```mermaid block itself; rustdoc does not, so the executor's build script
(`executor/build.rs`) puts a picture in its place when it includes a chapter in the docs. The
pictures are made here, once per change of a diagram, and kept in `docs/diagrams/`: the k-th
block of `docs/NAME.md` becomes `docs/diagrams/NAME-k.svg`, beside a copy of its source,
`NAME-k.mmd`, by which `executor/tests/diagrams.rs` tells that a picture is out of date.

Needs Mermaid's command line and a Chromium, neither of which the build or the tests need:

    apt-get install chromium
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix /tmp/mmdc @mermaid-js/mermaid-cli
    python3 scripts/render_diagrams.py [--mmdc /tmp/mmdc/node_modules/.bin/mmdc]
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUT = DOCS / "diagrams"
BLOCK = re.compile(r"^```mermaid\n(.*?)^```$", re.S | re.M)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mmdc", default="/tmp/mmdc/node_modules/.bin/mmdc")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        config = pathlib.Path(scratch) / "puppeteer.json"
        config.write_text(json.dumps({"executablePath": args.chromium, "args": ["--no-sandbox"]}))
        wanted = set()
        for chapter in sorted(DOCS.glob("*.md")):
            for k, match in enumerate(BLOCK.finditer(chapter.read_text()), start=1):
                name = f"{chapter.stem}-{k}"
                wanted.update({f"{name}.mmd", f"{name}.svg"})
                source = OUT / f"{name}.mmd"
                source.write_text(match.group(1))
                subprocess.run(
                    [args.mmdc, "-q", "-p", str(config), "-b", "white",
                     "-i", str(source), "-o", str(OUT / f"{name}.svg")],
                    check=True,
                )
                print(f"drew {OUT.relative_to(ROOT)}/{name}.svg")
        for stale in OUT.iterdir():
            if stale.name not in wanted:
                stale.unlink()
                print(f"removed {stale.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
