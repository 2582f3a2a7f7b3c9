"""What each analysis stage costs, as a share of the spaCy parse of the same articles.

Usage::

    python bench/stage_costs.py [--corpus DIR] [--limit 200] [--repeat 3] [--json OUT]

Times the ingest stage on the files as pasted text, then ingests them as
given (like JSONL bodies), parses them once with the
configured pipeline, then runs every stage after ``nlp`` in the default
settings (actors, places, dates, events, quotes, stance …) over the parsed
batch.  Times are **CPU seconds of this process** (``time.process_time``), so
other work on the machine does not distort them; the best of ``--repeat`` runs
is kept.  Building a stage (loading its knowledge base, gazetteer, patterns)
is timed separately: it happens once per process.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "dev" / "polnear" / "train" / "text"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (needs ../shared beside the project)")
        return 2

    from eventwatch.ingest.sources import RawDocument
    from eventwatch.nlp import limit_blas_threads, load_pipeline
    from eventwatch.pipeline import REGISTRY, Work
    from eventwatch.settings import load_settings

    limit_blas_threads(1)
    settings = load_settings(use_environment=False, progress="never")
    files = sorted(args.corpus.glob("*.txt"))[: args.limit]
    raws = [
        RawDocument(
            id=path.stem,
            source=str(path),
            kind="jsonl",
            fields={"id": path.stem, "text": path.read_text(encoding="utf-8")},
        )
        for path in files
    ]
    ingest = REGISTRY["ingest"].build(settings)
    text_raws = [  # the same files as pasted text: the body extractor at work
        RawDocument(id=path.stem, source=str(path), kind="text", data=path.read_bytes())
        for path in files
    ]
    ingest_cpu = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        ingest([Work(raw=raw) for raw in text_raws])
        ingest_cpu = min(ingest_cpu, time.process_time() - start)
    articles = [w for w in ingest([Work(raw=raw) for raw in raws]) if isinstance(w, Work)]
    nlp = load_pipeline(
        model=settings.model,
        use_blis=settings.use_blis,
        blas_threads=1,
        fast_components=settings.fast_components,
    )
    texts = [w.article.text for w in articles if w.article is not None]
    list(nlp.pipe(texts[:4]))

    parse = float("inf")
    docs: list[Any] = []
    for _ in range(args.repeat):
        start = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
        parse = min(parse, time.process_time() - start)
    work = [replace(item, doc=doc) for item, doc in zip(articles, docs, strict=True)]

    later = [name for name in settings.stages if name not in {"ingest", "nlp"}]
    figures: dict[str, Any] = {
        "articles": len(work),
        "words": sum(len(doc) for doc in docs),
        "parse_cpu_s": round(parse, 3),
        "stages": {},
    }
    figures["ingest_cpu_s"] = round(ingest_cpu, 3)
    print(f"{len(work)} articles, parse {parse:.2f} CPU s")
    print(
        f"  ingest (pasted-text extraction, metadata, genre): {ingest_cpu:.2f} s,"
        f" {1000 * ingest_cpu / len(work):.1f} ms an article, {ingest_cpu / parse:.1%} of the parse"
    )
    for name in later:
        start = time.process_time()
        stage = REGISTRY[name].build(settings)
        built = time.process_time() - start
        best = float("inf")
        result: list[Any] = work
        for _ in range(args.repeat):
            start = time.process_time()
            result = stage(list(work))
            best = min(best, time.process_time() - start)
        work = [r for r in result if isinstance(r, Work)]
        share = best / parse
        figures["stages"][name] = {
            "build_cpu_s": round(built, 3),
            "run_cpu_s": round(best, 3),
            "share_of_parse": round(share, 4),
        }
        print(f"  {name:8} build {built:5.2f} s   run {best:6.3f} s   {share:6.1%} of the parse")
    total = sum(s["run_cpu_s"] for s in figures["stages"].values())
    figures["all_after_parse_share"] = round(total / parse, 4)
    print(f"  all stages after the parse: {total / parse:.1%} of the parse")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
