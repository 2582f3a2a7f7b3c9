"""Learn the cue table of the quotes stage from PolNeAR's train split.

PolNeAR marks as attributions far more than speech: "pleaded guilty",
"tweeted", "Trump's opposition to", "was endorsed by".  A hand-written
lexicon cannot follow that breadth, so this script counts, over the train
split only, how often each (lemma, construction) was the cue of an
attribution that has a source:

* every verb is keyed by its lemma and
  :func:`eventwatch.quotes.parse.construction` (``agent``, ``ccomp``, ``to``,
  ``dobj``, ``prep:<word>``, ``none``); every noun with a possessor by
  ``poss``; each verb also over all its constructions (``*``), the figure
  a rare construction falls back on;
* the cue's word is the head of the gold cue span (the first verb, noun,
  adjective or auxiliary whose head lies outside the span).

The counts are written to ``src/eventwatch/data/quotes/learned_cues.tsv``
(lemma, construction, cue, seen; pairs seen as a cue at least twice).  The
extractor takes a pair as a cue when it was one in at least
``MIN_SHARE`` of ``MIN_SEEN`` or more sightings
(:class:`eventwatch.quotes.lexicon.LearnedCues`).  The dev split is never
read, so ``eval/quotes.py`` on dev stays a held-out measurement.

Usage::

    python eval/learn_cues.py                  # write the shipped table
    python eval/learn_cues.py --limit 460 --out /tmp/half.tsv
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventwatch.quotes.lexicon import MIN_SEEN
from eventwatch.quotes.parse import construction
from quotes import GoldAttribution, read_ann, run_articles, texts

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwatch" / "data" / "quotes" / "learned_cues.tsv"
HEAD_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN", "AUX"})
MIN_CUE = 2

HEADER = """\
# Learned cue table of the quotes stage (eventwatch.quotes.lexicon.LearnedCues).
# Written by eval/learn_cues.py from the PolNeAR train split ({articles} articles,
# {attributions} attributions with a source); do not edit by hand, rerun the script.
# Each row: a lemma, how the word takes its complement (construction: agent, ccomp,
# to, dobj, prep:<word>, none for verbs, * for a verb over all of them; poss for
# nouns with a possessor), how many
# times it was the cue of an attribution (cue) and how many times it was seen (seen).
# Kept: pairs seen as a cue at least {min_cue} times, and every pair seen {min_seen}
# times or more of a verb kept.
"""


def cue_heads(doc: Any, gold: Sequence[GoldAttribution]) -> set[int]:
    """Token indices of the words that head the gold cues of attributions with a source."""
    heads: set[int] = set()
    for attribution in gold:
        if not attribution.cue or not attribution.source:
            continue
        tokens = [
            token
            for start, end in attribution.cue
            for token in (doc.char_span(start, end, alignment_mode="expand") or ())
        ]
        if not tokens:
            continue
        inside = {token.i for token in tokens}
        roots = [t for t in tokens if t.head.i not in inside or t.head == t]
        words = [t for t in roots if t.pos_ in HEAD_POS] or roots
        heads.add(words[0].i)
    return heads


Counts = dict[tuple[str, str], list[int]]


def count(items: Iterable[tuple[Any, Sequence[GoldAttribution]]]) -> Counts:
    """``{(lemma, construction): [cue, seen]}`` over (doc, gold attributions) pairs."""
    counts: Counts = {}
    for doc, gold in items:
        heads = cue_heads(doc, gold)
        for token in doc:
            if token.pos_ == "VERB":
                form = construction(token)
            elif token.pos_ == "NOUN" and construction(token) == "poss":
                form = "poss"
            else:
                continue
            cell = counts.setdefault((token.lemma_.casefold(), form), [0, 0])
            cell[1] += 1
            cell[0] += token.i in heads
    return counts


def render(counts: Counts, *, articles: int, attributions: int) -> str:
    lines = [
        HEADER.format(
            articles=articles, attributions=attributions, min_cue=MIN_CUE, min_seen=MIN_SEEN
        ),
        "lemma\tconstruction\tcue\tseen",
    ]
    totals: Counts = {}
    for (lemma, form), (cue, seen) in counts.items():
        if form != "poss":  # a verb over all its constructions
            cell = totals.setdefault((lemma, "*"), [0, 0])
            cell[0] += cue
            cell[1] += seen
    kept = {lemma for (lemma, _), (cue, _) in totals.items() if cue >= MIN_CUE}
    for (lemma, form), (cue, seen) in sorted({**counts, **totals}.items()):
        # a pair seen often enough to judge stays even with few cues: without
        # it, the verb's figures over all its constructions would decide
        if (cue >= MIN_CUE or (seen >= MIN_SEEN and lemma in kept)) and _plain(lemma):
            lines.append(f"{lemma}\t{form}\t{cue}\t{seen}")
    return "\n".join(lines) + "\n"


def _plain(lemma: str) -> bool:
    return bool(lemma.strip()) and "\t" not in lemma and not lemma.startswith("#")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N train texts only")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the table")
    args = parser.parse_args(argv)
    items = list(texts("train", args.limit))
    if not items:
        print("no PolNeAR train texts found under ../shared/data/dev/polnear", file=sys.stderr)
        return 1
    golds = [read_ann(ann) for _, _, ann in items]
    docs = (doc for doc, *_ in run_articles([(name, text) for name, text, _ in items]))
    counts = count(zip(docs, golds, strict=True))
    attributions = sum(1 for gold in golds for g in gold if g.cue and g.source)
    args.out.write_text(
        render(counts, articles=len(items), attributions=attributions), encoding="utf-8"
    )
    lines = args.out.read_text(encoding="utf-8").splitlines()
    rows = sum(1 for line in lines if line and not line.startswith("#")) - 1
    print(f"{args.out}: {rows} rows from {len(items)} articles, {attributions} attributions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
