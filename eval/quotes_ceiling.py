"""How far better cue decisions alone could take the quotes stage (a ceiling study).

The extractor decides, verb by verb, whether a verb is a quote's cue (the
lexicon, then the learned table), and everything else — subject, source
span, content — follows from that choice.  This script replaces only that
decision with the gold answer (a verb is a cue when it lies inside the cue of
a gold attribution that has a source) and scores the source spans again:

* ``as shipped``: the extractor unchanged (the figures of ``eval/quotes.py``);
* ``gold cue verbs``: every verb decided by the gold;
* ``gold vetoes only``: a verb the lists take stays only if the gold has it;
* ``gold additions only``: the gold adds verbs the lists miss, removes none.

Source overlap F1 (printed too) bounds exact F1 from above whatever the
boundaries, so the two together say what any cue classifier, and any source
boundary rule, could still gain.  Gold annotations are read, so the figures
are a diagnosis, never a result.

Usage::

    python eval/quotes_ceiling.py                 # the dev split
    python eval/quotes_ceiling.py --split train --limit 200
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import GoldAttribution, Tally, read_ann, run_articles, texts

MODES: dict[str, Callable[[bool, bool], bool]] = {
    "as shipped": lambda listed, gold: listed,
    "gold cue verbs": lambda listed, gold: gold,
    "gold vetoes only": lambda listed, gold: listed and gold,
    "gold additions only": lambda listed, gold: listed or gold,
}


def gold_cue_tokens(doc: Any, gold: Sequence[GoldAttribution]) -> set[int]:
    """Token indices inside the cues of gold attributions that have a source."""
    inside: set[int] = set()
    for attribution in gold:
        if attribution.source:
            for start, end in attribution.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                inside.update(t.i for t in span or ())
    return inside


def _extractor_with(decide: Callable[[bool, bool], bool], cues: set[int]) -> type:
    """The extractor class with its verb decision combined with the gold's."""
    from eventwatch.quotes.extractor import _Extractor

    class Judged(_Extractor):
        def _cue_verdict(self, token: Any) -> bool:
            return decide(super()._cue_verdict(token), token.i in cues)

    return Judged


def study(split: str, limit: int | None) -> dict[str, dict[str, float]]:
    """Source figures for each mode of :data:`MODES`."""
    from eventwatch.quotes import extract_quotes

    items = list(texts(split, limit))
    runs = run_articles([(name, text) for name, text, _ in items])
    tallies = {mode: Tally() for mode in MODES}
    for (_name, text, ann), (doc, article, *_) in zip(items, runs, strict=True):
        gold = read_ann(ann)
        cues = gold_cue_tokens(doc, gold)
        sources = [s for g in gold for s in g.source]
        for mode, decide in MODES.items():
            judged = _extractor_with(decide, cues)
            with mock.patch("eventwatch.quotes.build._Extractor", judged):
                quotes = extract_quotes(doc, article=article)
            tallies[mode].add([q.speaker_span for q in quotes if q.speaker_span], sources, text)
    return {mode: tally.figures() for mode, tally in tallies.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=None, help="first N texts only")
    args = parser.parse_args(argv)
    figures = study(args.split, args.limit)
    print(f"source spans, {args.split} split")
    print(f"{'':22} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap F1':>10}")
    for mode, f in figures.items():
        print(
            f"{mode:22} {f['exact_precision']:8.3f} {f['exact_recall']:6.3f} "
            f"{f['exact_f1']:6.3f}   {f['overlap_f1']:10.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
