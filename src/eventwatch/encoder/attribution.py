"""Attribution examples for the encoder's ``quotes`` head, read from PolNeAR.

Needs no torch.  PolNeAR (``../shared/data/dev/polnear/<split>``) holds raw texts
and brat annotations: each ``E`` line is one attribution whose Source, Cue and
Content arguments point at ``T`` spans (a span may be discontinuous: fragments
separated by ``;``).  The tagger reads one sentence at a time, so an attribution
becomes per-sentence labels: every encoder token whose characters fall inside a
Source, Cue or Content fragment gets that role, B on the first token of a
fragment (or of its part inside the sentence) and I after.  Where roles overlap
(a nested attribution's source inside another's content) the narrower role wins:
source, then cue, then content.

Only the ``train`` split is trained on; ``dev`` gives the head's own figures
(``eval/quotes.py`` scores the whole quotes stage on it).
"""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwatch.encoder.labels import QUOTE_LABELS
from eventwatch.encoder.text import strip_sentence

ROLES = ("source", "cue", "content")
ROLE_TAG = {"source": "SRC", "cue": "CUE", "content": "CON"}
PRIORITY = {"source": 3, "cue": 2, "content": 1}
Span = tuple[int, int]


@dataclass(slots=True)
class Attribution:
    """One gold attribution: its source, cue and content fragments (document offsets)."""

    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)

    def role(self, name: str) -> list[Span]:
        spans: list[Span] = getattr(self, name)
        return spans


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file (``E`` lines over ``T`` spans)."""
    spans: dict[str, list[Span]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 2:
            continue
        if cells[0].startswith("T"):
            _, _, offsets = cells[1].partition(" ")
            spans[cells[0]] = [
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            ]
        elif cells[0].startswith("E"):
            arguments = []
            for argument in cells[1].split():
                role, _, ref = argument.partition(":")
                arguments.append((role, ref))
            events.append(arguments)
    found: list[Attribution] = []
    for arguments in events:
        gold = Attribution()
        for role, ref in arguments:
            key = role.casefold()
            if key in ROLES and ref in spans:
                gold.role(key).extend(spans[ref])
        found.append(gold)
    return found


_NAME_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


def polnear_date(name: str) -> datetime.date | None:
    """The publication date a PolNeAR file name carries (``nyt_2016-01-20_…``), or ``None``.

    The evaluations and benchmarks run the texts with it, as an article ingested
    with its metadata would be (offices, candidacies and relative dates are
    resolved on it).
    """
    found = _NAME_DATE.search(name)
    if found is None:
        return None
    try:
        return datetime.date.fromisoformat(found.group(1))
    except ValueError:
        return None


def polnear_texts(folder: Path, *, limit: int | None = None) -> Iterator[tuple[str, str, Path]]:
    """(name, text, .ann path) for each annotated text of one PolNeAR split folder.

    PolNeAR may annotate a text more than once (``<name>_<annotator>.ann``); the
    first annotation in name order is taken, as ``eval/quotes.py`` does.
    """
    seen: set[str] = set()
    count = 0
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.name[: -len(".ann")].rsplit("_", 1)[0]
        text_path = folder / "text" / f"{stem}.txt"
        if stem in seen or not text_path.exists():
            continue
        seen.add(stem)
        yield stem, text_path.read_text(encoding="utf-8"), ann
        count += 1
        if limit is not None and count >= limit:
            return


def polnear_sentences(
    folder: Path, *, spacy_model: str, limit: int | None = None, log: Any = None
) -> Iterator[tuple[int, str, int, list[Attribution]]]:
    """(text number, sentence, its start, the text's attributions) for each sentence.

    Sentences are cut by the configured spaCy pipeline, as the pipeline reads
    them at run time, and stripped as the encode stage strips them.
    """
    from eventwatch.nlp import load_pipeline

    nlp = load_pipeline(model=spacy_model, use_blis=False, blas_threads=1)
    items = list(polnear_texts(folder, limit=limit))
    started = time.monotonic()
    disabled = [name for name in ("ner", "lemmatizer") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        for number, (_name, text, ann) in enumerate(items):
            gold = read_ann(ann)
            for sentence in nlp(text).sents:
                stripped, shift = strip_sentence(
                    text[sentence.start_char : sentence.end_char], sentence.start_char
                )
                if stripped:
                    yield number, stripped, shift, gold
            if log is not None and (number + 1) % 50 == 0:
                log(
                    f"{folder.name}: {number + 1}/{len(items)} texts,"
                    f" {time.monotonic() - started:.0f} s"
                )


def token_labels(
    offsets: Sequence[Span], shift: int, attributions: Sequence[Attribution]
) -> list[int]:
    """The label index (into ``QUOTE_LABELS``) of each encoder token of one sentence.

    ``offsets`` are the tokens' character offsets in the sentence text and
    ``shift`` the sentence's start in the document; special tokens (empty
    offsets) are ``O``.
    """
    labels = [0] * len(offsets)
    rank = [0] * len(offsets)
    fragment = [-1] * len(offsets)
    number = 0
    for attribution in attributions:
        for role in ROLES:
            for start, end in attribution.role(role):
                number += 1
                first = True
                for i, (a, b) in enumerate(offsets):
                    if b <= a:
                        continue
                    a, b = a + shift, b + shift
                    if a < start or b > end:
                        continue
                    if PRIORITY[role] > rank[i] or (PRIORITY[role] == rank[i] and first):
                        tag = ("B-" if first else "I-") + ROLE_TAG[role]
                        labels[i] = QUOTE_LABELS.index(tag)
                        rank[i] = PRIORITY[role]
                        fragment[i] = number
                    first = False
    return labels
