"""Tell news from opinion and analysis, from the cues a page gives.

``classify_genre`` adds up weighted cues from ``data/ingest/genre_cues.tsv``:

* **kicker** – a section label near the title (``"Opinion"``, ``"Analysis"``),
* **url** – the article URL's path (``/opinion/``, ``/commentary/``),
* **section** – categories or a section name from page metadata,
* **signal** – facts an extractor established (an author sign-off, a note that
  the piece first appeared elsewhere, a news-agency dateline),
* **site** – a site's own convention, a regular expression on host and path
  (``theatlantic.com/ideas/`` holds op-eds, ``politifact.com`` fact checks),
* **title** – a label opening the headline (``"Column: …"``, ``"Analysis: …"``),
  read like a kicker,
* **body** – phrases in the body, counted per 1000 words so that density, not
  length, matters (capped so body wording never outvotes an explicit label),
* **role** – the author's role as the byline or bio states it
  (``"Business Columnist"``, ``"Opinion Writer"``): a regular expression,
* **first person** – the author arguing in their own voice: first-person
  singular pronouns outside quotation marks, per 1000 words (the
  ``first_person`` rows give the density thresholds and their weights).

The genre with the highest total wins once it reaches ``_DECISIVE``; below that
the article is ``"news"`` when it shows any news evidence and ``"unknown"``
otherwise.  Both the pasted-text and the HTML extractor call it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import get_args

from eventwatch.ingest._data import read_rows
from eventwatch.records import Genre

__all__ = ["classify_genre", "first_person_rate", "is_kicker"]

_DECIDED: dict[str, Genre] = {"news": "news", "opinion": "opinion", "analysis": "analysis"}
_DECISIVE = 2.0
_BODY_CAP = 3.0
_BODY_SCALE = 5.0  # body weight per 1000 words that is worth one point
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True, slots=True)
class _GenreCues:
    kickers: dict[str, tuple[tuple[str, float], ...]]  # normalised label -> (genre, weight)
    urls: tuple[tuple[str, re.Pattern[str], float], ...]
    sections: tuple[tuple[str, re.Pattern[str], float], ...]
    signals: dict[str, tuple[tuple[str, float], ...]]
    body: tuple[tuple[str, re.Pattern[str], float], ...]
    sites: tuple[tuple[str, re.Pattern[str], float], ...] = ()
    first_person: tuple[tuple[str, float, float], ...] = ()  # (genre, per 1000 words, weight)
    roles: tuple[tuple[str, re.Pattern[str], float], ...] = ()
    # body phrases as token tuples (what each scores), and their lengths by first token
    body_phrases: dict[tuple[str, ...], tuple[tuple[str, float], ...]] | None = None
    body_sizes: dict[str, tuple[int, ...]] | None = None


def _normalise_label(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("-", "")))


@lru_cache(maxsize=1)
def _cues() -> _GenreCues:
    kickers: dict[str, list[tuple[str, float]]] = {}
    signals: dict[str, list[tuple[str, float]]] = {}
    urls: list[tuple[str, re.Pattern[str], float]] = []
    sections: list[tuple[str, re.Pattern[str], float]] = []
    body: list[tuple[str, re.Pattern[str], float]] = []
    sites: list[tuple[str, re.Pattern[str], float]] = []
    first_person: list[tuple[str, float, float]] = []
    roles: list[tuple[str, re.Pattern[str], float]] = []
    known = set(get_args(Genre))
    for genre, where, pattern, weight_text in read_rows("genre_cues.tsv", columns=4):
        if genre not in known:
            continue
        try:
            weight = float(weight_text)
        except ValueError:
            continue
        if where == "kicker":
            kickers.setdefault(_normalise_label(pattern), []).append((genre, weight))
        elif where == "signal":
            signals.setdefault(pattern, []).append((genre, weight))
        elif where == "url":
            urls.append((genre, re.compile(pattern, re.IGNORECASE), weight))
        elif where == "site":
            sites.append((genre, re.compile(pattern, re.IGNORECASE), weight))
        elif where == "first_person":
            try:
                first_person.append((genre, float(pattern), weight))
            except ValueError:
                continue
        elif where == "role":
            roles.append((genre, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), weight))
        elif where == "section":
            sections.append((genre, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), weight))
        elif where == "body":
            words = r"\s+".join(re.escape(word) for word in pattern.split())
            body.append((genre, re.compile(rf"\b{words}\b", re.IGNORECASE), weight))
    phrases: dict[tuple[str, ...], list[tuple[str, float]]] = {}
    for genre, compiled, weight in body:
        tokens = tuple(_TOKEN.findall(_phrase_key(compiled.pattern)))
        if tokens:
            phrases.setdefault(tokens, []).append((genre, weight))
    sizes: dict[str, set[int]] = {}
    for tokens in phrases:
        sizes.setdefault(tokens[0], set()).add(len(tokens))
    return _GenreCues(
        kickers={label: tuple(items) for label, items in kickers.items()},
        urls=tuple(urls),
        sections=tuple(sections),
        signals={name: tuple(items) for name, items in signals.items()},
        body=tuple(body),
        sites=tuple(sites),
        first_person=tuple(sorted(first_person, key=lambda row: row[1], reverse=True)),
        roles=tuple(roles),
        body_phrases={key: tuple(items) for key, items in phrases.items()},
        body_sizes={first: tuple(sorted(found, reverse=True)) for first, found in sizes.items()},
    )


def _body_scores(sample: str, cues: _GenreCues) -> dict[str, float]:
    """Summed weights of the body phrases in ``sample``, one pass over its tokens."""
    scores: dict[str, float] = {}
    if not cues.body_phrases or not cues.body_sizes:
        return scores
    tokens = _TOKEN.findall(sample.lower().replace("’", "'"))
    position = 0
    while position < len(tokens):
        step = 1
        for size in cues.body_sizes.get(tokens[position], ()):
            items = cues.body_phrases.get(tuple(tokens[position : position + size]))
            if items is not None:  # the longest phrase here; matches do not overlap
                for genre, weight in items:
                    scores[genre] = scores.get(genre, 0.0) + weight
                step = size
                break
        position += step
    return scores


def _phrase_key(text: str) -> str:
    """The words of a body phrase (or of its compiled pattern), lower-case, single-spaced."""
    return " ".join(re.sub(r"\\b|\\s\+|\\", " ", text).lower().split())


# A paragraph that quotes or reports speech is (partly) someone else's voice.
_REPORTED = re.compile(
    r"[\"“”«»„]|\b(?:said|says|told|tells|added|adds|wrote|writes|asked|according)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|myself)\b")
_TITLE_LABEL = re.compile(r"^\s*(?P<label>[\w' -]{2,30}?)\s*[:|]\s+\S")


def first_person_rate(body: str) -> float:
    """First-person singular pronouns outside quotations, per 1000 words of ``body``."""
    sample = body[:100_000]
    words = len(_WORD.findall(sample))
    if not words:
        return 0.0
    own = 0
    for paragraph in sample.splitlines():
        if not _REPORTED.search(paragraph):
            own += len(_FIRST_PERSON.findall(paragraph))
    return 1000.0 * own / words


def is_kicker(line: str) -> bool:
    """True when ``line`` is a genre label such as ``"Opinion"`` or ``"News Analysis"``."""
    return len(line.split()) <= 5 and _normalise_label(line) in _cues().kickers


def classify_genre(
    *,
    body: str = "",
    kickers: Iterable[str] = (),
    url: str | None = None,
    sections: Iterable[str] = (),
    signals: Iterable[str] = (),
    title: str | None = None,
    roles: Iterable[str] = (),
) -> Genre:
    """Classify an article as ``"news"``, ``"opinion"``, ``"analysis"`` or ``"unknown"``.

    ``kickers`` are short label lines seen near the title, ``sections`` metadata
    categories, ``signals`` names of facts the extractor found (see the cue file),
    ``title`` the headline (a label opening it counts as a kicker), ``roles``
    the authors' roles ("Business Columnist"; each matching row counts once).
    """
    cues = _cues()
    scores: dict[str, float] = {"news": 0.0, "opinion": 0.0, "analysis": 0.0}

    def add(items: Iterable[tuple[str, float]]) -> None:
        for genre, weight in items:
            scores[genre] = scores.get(genre, 0.0) + weight

    for kicker in kickers:
        add(cues.kickers.get(_normalise_label(kicker), ()))
    if title:
        label = _TITLE_LABEL.match(title)
        if label is not None:
            add(cues.kickers.get(_normalise_label(label["label"]), ()))
    if url:
        path = re.sub(r"^[a-z]+://[^/]+", "", url.lower())
        add((genre, weight) for genre, pattern, weight in cues.urls if pattern.search(path))
        site = re.sub(r"^[a-z]+://(?:www\.)?", "", url.lower())
        add((genre, weight) for genre, pattern, weight in cues.sites if pattern.search(site))
    for section in sections:
        add((genre, weight) for genre, pattern, weight in cues.sections if pattern.search(section))
    for signal in signals:
        add(cues.signals.get(signal, ()))
    role_text = " | ".join(role for role in roles if role)
    if role_text:
        add((genre, weight) for genre, pattern, weight in cues.roles if pattern.search(role_text))
    sample = body[:100_000]
    words = len(_WORD.findall(sample))
    if words >= 50:
        body_scores = _body_scores(sample, cues)
        for genre, total in body_scores.items():
            per_thousand = total * 1000.0 / words
            scores[genre] += min(_BODY_CAP, per_thousand / _BODY_SCALE)
        rate = first_person_rate(sample)
        for genre, threshold, weight in cues.first_person:
            if rate >= threshold:
                scores[genre] += weight
                break
    best = max(scores, key=lambda genre: scores[genre])
    if scores[best] >= _DECISIVE:
        return _DECIDED[best]
    if scores["news"] > 0.0:
        return "news"
    return "unknown"
