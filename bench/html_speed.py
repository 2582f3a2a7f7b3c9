"""HTML extraction speed: eventwatch's ``extract_html`` against trafilatura alone.

Usage::

    python bench/html_speed.py [--data DIR] [--limit 181] [--repeat 3] [--json OUT]

Reads the ScrapingHub benchmark pages (``../shared/data/dev/scrapinghub_aeb``),
decodes them once, then times per page, as **CPU seconds of this process**
(``time.process_time``, so other work on a shared machine does not distort
them; the three are timed in turn within each of ``--repeat`` passes and
the best pass of each is kept):

* ``trafilatura.extract(html)`` — trafilatura alone, default settings;
* ``trafilatura.bare_extraction(…, favor_precision=True, with_metadata=True)``
  — the call ``extract_html`` makes;
* ``extract_html(html, url=…)`` — the whole HTML extractor.

It also counts the pages on which ``extract_html`` reads the page's rendered
lines (metadata missing from the markup) and those on which it runs the full
pasted-text classifier (trafilatura's body short), and times
``import eventwatch.cli`` in a fresh interpreter, with and without trafilatura
imported by it (it must not be: only HTML input needs it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "dev" / "scrapinghub_aeb"


def _best(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def _import_seconds(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    return min(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=181)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    truth = args.data / "ground-truth.json"
    if not truth.is_file():
        print(f"benchmark not found: {args.data} (needs ../shared beside the project)")
        return 2

    import trafilatura

    sys.path.insert(0, str(ROOT / "eval"))
    from eventwatch.ingest import html as html_module
    from eventwatch.ingest.html import extract_html
    from extraction import decode  # type: ignore[import-not-found]

    gold = json.loads(truth.read_text(encoding="utf-8"))
    pages = [
        (
            decode(gzip.decompress((args.data / "html" / f"{sha}.html.gz").read_bytes())),
            entry["url"],
        )
        for sha, entry in sorted(gold.items())
    ][: args.limit]

    counts = {"pages_reading_lines": 0, "pages_full_classifier": 0}
    original = html_module.__dict__["analyse_pasted"]

    def counting(text: str, **options: Any) -> Any:
        key = "pages_reading_lines" if options.get("known_body") else "pages_full_classifier"
        counts[key] += 1
        return original(text, **options)

    setattr(html_module, "analyse_pasted", counting)  # noqa: B010 - counts the calls
    for html, url in pages:
        extract_html(html, url=url)
    setattr(html_module, "analyse_pasted", original)  # noqa: B010

    # The three are timed in turn within each pass, so that a busy spell on a
    # shared machine hits them alike; the best pass of each is kept.
    work: dict[str, Callable[[], object]] = {
        "alone": lambda: [trafilatura.extract(html) for html, _ in pages],
        "bare": lambda: [
            trafilatura.bare_extraction(
                html, url=url, include_comments=False, favor_precision=True, with_metadata=True
            )
            for html, url in pages
        ],
        "ours": lambda: [extract_html(html, url=url) for html, url in pages],
    }
    best = dict.fromkeys(work, float("inf"))
    for _ in range(args.repeat):
        for name, run in work.items():
            best[name] = min(best[name], _best(run, 1))
    alone, bare, ours = best["alone"], best["bare"], best["ours"]
    figures: dict[str, float] = {
        "pages": float(len(pages)),
        "trafilatura_extract_pages_per_s": len(pages) / alone,
        "trafilatura_bare_pages_per_s": len(pages) / bare,
        "extract_html_pages_per_s": len(pages) / ours,
        "speed_vs_trafilatura_extract": alone / ours,
        "speed_vs_trafilatura_bare": bare / ours,
        **{key: float(value) for key, value in counts.items()},
        "import_cli_s": _import_seconds("import eventwatch.cli"),
        "import_cli_trafilatura_s": _import_seconds("import eventwatch.cli, trafilatura"),
    }
    for name, value in figures.items():
        print(f"{name:34} {value:10.3f}")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
