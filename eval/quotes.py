"""Quotes: source, cue and content spans against the PolNeAR attribution annotations.

Each text of a PolNeAR split (``../shared/data/dev/polnear/<split>/text``) is run,
exactly as the file holds it (no ingest clean-up, so offsets index the raw
text), with the publication date its file name carries (offices and
candidacies are resolved on it, as for an article ingested with its
metadata), through the stages nlp, actors, places and dates (events with
``--with-events``; no span depends on it), and then
:func:`eventwatch.quotes.extract_quotes`.  Each quote gives a predicted
source span (``speaker_span``), cue span and content spans; each gold
attribution (brat ``E`` line) its Source, Cue and Content spans.

For each of source, cue and content:

* **exact** — a predicted span counts when a gold span of the same role has
  the same start and end (discontinuous content: each fragment is a span);
* **overlap** — a predicted span counts when it shares at least one
  non-space character with a gold span of the same role (and a gold span is
  found when a predicted span overlaps it).

Precision is over predicted spans, recall over gold spans, F1 their harmonic
mean (spans pooled over the split).  **Attribution recall** is the share of gold
attributions whose cue or content any quote overlaps.  Timing is the
``extract_quotes`` time per article (the parse and other stages excluded).

Usage::

    python eval/quotes.py                     # the dev split
    python eval/quotes.py --split train --limit 100
    python eval/quotes.py --json
    python eval/quotes.py --check eval/floors.toml   # reads the [quotes] table
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# set by --encoder-model: the trained encoder folder the pipeline loads instead of the packaged one
ENCODER_ENV = "EVENTWATCH_EVAL_ENCODER"

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "dev" / "polnear"
FLOORS = ROOT / "eval" / "floors.toml"
ROLES = ("source", "cue", "content")
Span = tuple[int, int]


from eventwatch.encoder.attribution import Attribution  # noqa: E402

GoldAttribution = Attribution  # the name the studies (learn_cues, cue_classifier_study) use


def read_ann(path: Path) -> list[Any]:
    """The attributions of one brat ``.ann`` file (the library's reader)."""
    from eventwatch.encoder.attribution import read_ann as read

    return read(path)


def texts(split: str, limit: int | None) -> Iterator[tuple[str, str, Path]]:
    """(name, text, .ann path) for each text of the split, its first annotation only."""
    from eventwatch.encoder.attribution import polnear_texts

    yield from polnear_texts(POLNEAR / split, limit=limit)


def run_articles(
    items: Sequence[tuple[str, str]], *, events: bool = False, model: bool = False
) -> Iterator[tuple[Any, Any, float, Any]]:
    """(doc, article, quote seconds, quotes) for each (name, text); stages run on the raw text.

    The events stage only fills ``event_ids`` (no span depends on it) and is
    left out unless ``events``.
    """
    from eventwatch.encoder.attribution import polnear_date
    from eventwatch.events.stage import sentence_locator
    from eventwatch.ingest.sources import RawDocument
    from eventwatch.pipeline import REGISTRY, Work
    from eventwatch.places import Gazetteer
    from eventwatch.quotes import extract_quotes
    from eventwatch.records import Article
    from eventwatch.settings import load_settings

    settings = load_settings(
        use_environment=False,
        progress="never",
        encoder_model=os.environ.get(ENCODER_ENV) or None,
    )
    skip = {"ingest"} if events else {"ingest", "events"}
    stages = [REGISTRY[name].build(settings) for name in settings.stages if name not in skip]
    gazetteer = Gazetteer.load()
    for name, text in items:
        article = Article(
            id=name,
            source=name,
            source_kind="text",
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            text=text,
            published=polnear_date(name),
        )
        work: Any = Work(raw=RawDocument(id=name, source=name, kind="text"), article=article)
        for stage in stages:
            (work,) = stage([work])
            if not isinstance(work, Work):
                raise SystemExit(f"{name}: {work}")
        started = time.perf_counter()
        readings = work.readings if model and getattr(work.readings, "quotes", False) else None
        quotes = extract_quotes(
            work.doc,
            article=work.article,
            locate=sentence_locator(work.article, gazetteer),
            readings=readings,
        )
        elapsed = time.perf_counter() - started
        yield work.doc, work.article, elapsed, quotes


def _overlaps(a: Span, b: Span, text: str) -> bool:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return end > start and bool(text[start:end].strip())


@dataclass(slots=True)
class Tally:
    predicted: int = 0
    gold: int = 0
    exact_p: int = 0
    exact_g: int = 0
    over_p: int = 0
    over_g: int = 0

    def add(self, predicted: list[Span], gold: list[Span], text: str) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        gold_set = set(gold)
        predicted_set = set(predicted)
        self.exact_p += sum(span in gold_set for span in predicted)
        self.exact_g += sum(span in predicted_set for span in gold)
        self.over_p += sum(any(_overlaps(p, g, text) for g in gold) for p in predicted)
        self.over_g += sum(any(_overlaps(g, p, text) for p in predicted) for g in gold)

    def figures(self) -> dict[str, float]:
        def prf(hit_p: int, hit_g: int) -> tuple[float, float, float]:
            p = hit_p / self.predicted if self.predicted else 0.0
            r = hit_g / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        ep, er, ef = prf(self.exact_p, self.exact_g)
        op, orr, of = prf(self.over_p, self.over_g)
        return {
            "exact_precision": ep,
            "exact_recall": er,
            "exact_f1": ef,
            "overlap_precision": op,
            "overlap_recall": orr,
            "overlap_f1": of,
        }


def _jaccard(a: Sequence[Span], b: Sequence[Span]) -> float:
    first = {i for s, e in a for i in range(s, e)}
    second = {i for s, e in b for i in range(s, e)}
    return len(first & second) / len(first | second) if first | second else 0.0


def evaluate(
    split: str, limit: int | None, *, events: bool = False, model: bool = True
) -> dict[str, Any]:
    items = list(texts(split, limit))
    tallies = {role: Tally() for role in ROLES}
    attributions = found = whole = 0
    resolved = with_source = 0
    seconds = 0.0
    quotes_total = 0
    for (_name, text, ann), (_doc, _article, elapsed, quotes) in zip(
        items,
        run_articles([(name, text) for name, text, _ in items], events=events, model=model),
        strict=True,
    ):
        seconds += elapsed
        quotes_total += len(quotes)
        gold = read_ann(ann)
        predicted = {
            "source": [q.speaker_span for q in quotes if q.speaker_span],
            "cue": [q.cue_span for q in quotes if q.cue_span],
            "content": [span for q in quotes for span in q.content_spans],
        }
        for role in ROLES:
            tallies[role].add(predicted[role], [s for g in gold for s in getattr(g, role)], text)
        ours = predicted["cue"] + predicted["content"]
        for attribution in gold:
            attributions += 1
            theirs = attribution.cue + attribution.content
            if any(_overlaps(g, p, text) for g in theirs for p in ours):
                found += 1
            if any(
                _jaccard(q.content_spans, attribution.content) >= 0.5
                and (
                    not attribution.source
                    or (
                        q.speaker_span is not None
                        and any(_overlaps(q.speaker_span, s, text) for s in attribution.source)
                    )
                )
                for q in quotes
            ):
                whole += 1
        for q in quotes:
            if q.speaker_span is not None:
                with_source += 1
                resolved += q.speaker is not None
    result: dict[str, Any] = {
        "split": split,
        "articles": len(items),
        "gold_attributions": attributions,
        "quotes": quotes_total,
        "attribution_recall": found / attributions if attributions else 0.0,
        "whole_attribution_recall": whole / attributions if attributions else 0.0,
        "speaker_resolved": resolved / with_source if with_source else 0.0,
        "quotes_with_speaker": resolved / quotes_total if quotes_total else 0.0,
        "ms_per_article": 1000 * seconds / len(items) if items else 0.0,
    }
    for role in ROLES:
        for key, value in tallies[role].figures().items():
            result[f"{role}_{key}"] = value
    return result


def check(result: dict[str, Any], floors_path: Path) -> list[str]:
    floors = tomllib.loads(floors_path.read_text(encoding="utf-8")).get("quotes", {})
    return [
        f"{name} = {result.get(name, 0.0):.4f} is below its floor {floor}"
        for name, floor in floors.items()
        if result.get(name, 0.0) < floor
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=None, help="first N texts only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", type=Path, help="floors file with a [quotes] table")
    parser.add_argument("--with-events", action="store_true", help="run the events stage too")
    parser.add_argument(
        "--rules-only", action="store_true", help="the rules alone (no attribution tagger)"
    )
    parser.add_argument(
        "--encoder-model", help="a trained encoder folder to score instead of the packaged one"
    )
    args = parser.parse_args(argv)
    if args.encoder_model:
        os.environ[ENCODER_ENV] = str(Path(args.encoder_model).resolve())
    result = evaluate(args.split, args.limit, events=args.with_events, model=not args.rules_only)
    result["quotes_tagger"] = not args.rules_only
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['split']}: {result['articles']} articles, "
            f"{result['gold_attributions']} gold attributions, {result['quotes']} quotes"
        )
        print(f"{'':8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}")
        for role in ROLES:
            f = {k: result[f"{role}_{k}"] for k in Tally().figures()}
            print(
                f"{role:8} {f['exact_precision']:8.3f} {f['exact_recall']:6.3f} "
                f"{f['exact_f1']:6.3f}   {f['overlap_precision']:9.3f} "
                f"{f['overlap_recall']:6.3f} {f['overlap_f1']:6.3f}"
            )
        print(f"attribution recall {result['attribution_recall']:.3f}")
        print(f"whole-attribution recall {result['whole_attribution_recall']:.3f}")
        print(
            f"quotes with a source span whose speaker resolved {result['speaker_resolved']:.3f}; "
            f"quotes with a speaker {result['quotes_with_speaker']:.3f}"
        )
        print(f"extract_quotes: {result['ms_per_article']:.1f} ms/article")
    if args.check:
        failures = check(result, args.check)
        for failure in failures:
            print(f"FAIL {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
