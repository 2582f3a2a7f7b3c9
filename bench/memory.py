"""Peak memory on long documents and on a folder of real pages (issue 14, item 6).

Usage::

    python bench/memory.py [--cases 5mb-text,long-body,300-pages] [--json OUT]

Each case runs ``eventwatch`` with the default settings (every stage, one
process, batch size 16) in a fresh child process and reports its peak RSS and
wall time:

* ``5mb-text``   one pasted page of 5 MB (PolNeAR train texts one after another):
  read, extracted, then refused by the parse (over ``max_text_chars``) with a
  per-item error;
* ``long-body``  one JSONL record whose body is 0.9 MB of PolNeAR text (just
  under ``max_text_chars``), through every stage;
* ``300-pages``  a folder of 300 real pages, the 181 scrapinghub HTML pages
  (gzipped) and 119 PolNeAR texts, ingested into a new store.

Needs ``../shared``.  The 1.5 GiB bound is the one issue 14 sets.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
POLNEAR = SHARED / "dev" / "polnear" / "train" / "text"
HTML = SHARED / "dev" / "scrapinghub_aeb" / "html"
BOUND_GIB = 1.5


def _polnear_text(chars: int) -> str:
    parts: list[str] = []
    for path in sorted(POLNEAR.glob("*.txt")):
        parts.append(path.read_text(encoding="utf-8").strip())
        if sum(map(len, parts)) >= chars:
            break
    return "\n\n".join(parts)[:chars]


def _prepare(case: str, folder: Path) -> list[str]:
    if case == "5mb-text":
        page = folder / "long-page.txt"
        page.write_text(_polnear_text(5_000_000), encoding="utf-8")
        return ["extract", str(page), "-o", str(folder / "out.jsonl")]
    if case == "long-body":
        feed = folder / "long.jsonl"
        record = {"id": "long", "text": _polnear_text(900_000)}
        feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
        return ["extract", str(feed), "-o", str(folder / "out.jsonl")]
    if case == "300-pages":
        pages = folder / "pages"
        pages.mkdir()
        html = sorted(HTML.glob("*.html.gz"))
        for path in html:
            shutil.copy(path, pages / path.name)
        for path in sorted(POLNEAR.glob("*.txt"))[: 300 - len(html)]:
            shutil.copy(path, pages / path.name)
        return ["ingest", str(pages), "--db", str(folder / "pages.db")]
    raise SystemExit(f"unknown case {case!r}")


def measure(case: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="eventwatch-memory-") as tmp:
        args = _prepare(case, Path(tmp))
        env = dict(os.environ, EVENTWATCH_CONFIG="")
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "eventwatch", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        elapsed = time.monotonic() - started
    peak_gib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    tail = [line for line in done.stderr.splitlines() if line.strip()][-2:]
    return {
        "case": case,
        "exit": done.returncode,
        "peak_rss_gib": round(peak_gib, 2),
        "under_bound": peak_gib < BOUND_GIB,
        "seconds": round(elapsed, 1),
        "stderr_tail": tail,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default="5mb-text,long-body,300-pages")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # one case, in a child process
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not POLNEAR.exists():
        print(f"needs {POLNEAR} (the shared data beside the project)")
        return 2
    if args.case:  # each case in its own process, so RUSAGE_CHILDREN is its own
        print(json.dumps(measure(args.case)))
        return 0
    results = []
    for case in args.cases.split(","):
        child = subprocess.run(
            [sys.executable, __file__, "--case", case], capture_output=True, text=True, check=True
        )
        result = json.loads(child.stdout)
        results.append(result)
        print(
            f"{case:10} peak {result['peak_rss_gib']:.2f} GiB  {result['seconds']:7.1f}s"
            f"  exit {result['exit']}  {' | '.join(result['stderr_tail'])[:150]}",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["under_bound"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
