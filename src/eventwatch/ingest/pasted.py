"""Extract the article from a pasted web page: clean body and metadata.

A page a reader selects, copies and pastes carries the article together with
menus, cookie banners, share buttons, newsletter boxes, related-story lists,
captions, comments and footers, one block per line.  ``extract_pasted`` keeps
the article in four stages:

1. **Features per line** – effective length (CJK characters count triple), the
   share of function words (``data/ingest/stopwords.tsv`` for the language
   ``eventwatch.ingest.language`` detects), the weighted density of furniture
   cues (``data/ingest/boilerplate_cues.tsv``: share, subscribe, cookie,
   advertisement, read more, ©, …), sentence-final punctuation, the share of
   capitalised words and how often the same line recurs on the page.
2. **Line classes** – each line is *good* (long prose), *near-good* (prose, but
   short), *short* or *bad* (furniture), in the manner of jusText; lines that
   state metadata (date, byline, "First appeared in …", a genre kicker) are bad.
3. **Context** – near-good and short lines take the class of their neighbours
   (a sub-heading between two paragraphs is kept, a teaser after the last one is
   not), then the densest contiguous run of text is chosen as the article, so a
   stray long line in a footer or comment section does not join the body.
4. **Metadata** – title, byline (with job-title line), date, syndication note,
   agency dateline and copyright holder are read from the lines around the body
   by ``eventwatch.ingest.meta_lines``; author bio and sign-off lines at the edges
   of the body are removed; ``eventwatch.ingest.genre`` names the genre.

Every step is linear in the number of lines; the input is never rejected.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from eventwatch.ingest import meta_lines
from eventwatch.ingest._data import read_rows
from eventwatch.ingest.extracted import Extracted
from eventwatch.ingest.genre import classify_genre, is_kicker
from eventwatch.ingest.language import detect_language, stopwords
from eventwatch.records import Author

__all__ = ["PastedAnalysis", "analyse_pasted", "extract_pasted"]

# Line-class thresholds (effective characters, function-word share, cue score).
_LENGTH_LOW = 70
_LENGTH_HIGH = 200
_STOP_LOW = 0.22  # used when the page has too little prose to calibrate on
_STOP_HIGH = 0.28
_REFERENCE_MIN = 0.15
_REFERENCE_MAX = 0.6
_LOW_SHARE = 0.5
_HIGH_SHARE = 0.65
_CUE_MAX = 0.34
_MAX_SKIP = 3
_TITLE_MIN_SCORE = 1.5
_SHORT_SENTENCE_WORDS = 5
_SENTENCE_STOP_SHARE = 0.5
_LATE_DISCOUNT = 0.5
_LINE_TOLL = 20.0
_CUE_TOLL = 40.0
_META_TOLL = 200.0
_MAX_META_CHARS = 400  # no metadata line is longer
_MAX_LINE_CHARS = 20_000  # longer lines are cut for feature computation only
_HEADER_LINES = 40  # how far above the body metadata is looked for
_FOOTER_LINES = 15

_GOOD, _NEAR, _SHORT, _BAD = "good", "near", "short", "bad"

_WORD = re.compile(r"\w+")
_CUE_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[.!?…。！？\"”’»)\]]\s*$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Cues:
    phrase_weights: dict[tuple[str, ...], float]  # phrase as a tuple of tokens
    sizes: dict[str, tuple[int, ...]]  # first token -> phrase lengths, longest first
    regexes: tuple[tuple[re.Pattern[str], float], ...]


@lru_cache(maxsize=1)
def _boilerplate_cues() -> _Cues:
    """Index ``boilerplate_cues.tsv``: phrases by their token tuple, regexes compiled."""
    weights: dict[tuple[str, ...], float] = {}
    regexes: list[tuple[re.Pattern[str], float]] = []
    for kind, pattern, weight_text in read_rows("boilerplate_cues.tsv", columns=3):
        try:
            weight = float(weight_text)
        except ValueError:
            continue
        tokens = tuple(_CUE_TOKEN.findall(pattern.lower()))
        if kind == "phrase" and tokens:
            weights[tokens] = weight
        elif kind == "regex" and pattern:
            try:
                regexes.append((re.compile(pattern, re.IGNORECASE), weight))
            except re.error:
                continue
    sizes: dict[str, set[int]] = {}
    for phrase in weights:
        sizes.setdefault(phrase[0], set()).add(len(phrase))
    return _Cues(
        phrase_weights=weights,
        sizes={first: tuple(sorted(found, reverse=True)) for first, found in sizes.items()},
        regexes=tuple(regexes),
    )


def _phrase_weight(tokens: Sequence[str], cues: _Cues) -> float:
    """Summed weight × length of the cue phrases in ``tokens`` (longest match first)."""
    total = 0.0
    position = 0
    while position < len(tokens):
        step = 1
        for size in cues.sizes.get(tokens[position], ()):
            weight = cues.phrase_weights.get(tuple(tokens[position : position + size]))
            if weight is not None:
                total += weight * size
                step = size
                break
        position += step
    return total


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-empty line of the page and its features."""

    text: str
    words: int
    length: int
    stop_density: float | None  # None when the language has no word list
    cue_score: float
    sentence_end: bool
    repeats: int


def _features(text: str, *, stop: frozenset[str], repeats: int) -> _Line:
    sample = text[:_MAX_LINE_CHARS]
    tokens = _WORD.findall(sample)
    words = len(tokens)
    length = len(sample) + 2 * len(_CJK.findall(sample))
    stop_density: float | None = None
    if stop:
        stop_density = sum(1 for token in tokens if token.lower() in stop) / words if words else 0.0
    cues = _boilerplate_cues()
    cue_total = _phrase_weight(_CUE_TOKEN.findall(sample.lower()), cues)
    for pattern, weight in cues.regexes:
        if pattern.search(sample):
            cue_total += weight
    cue_score = cue_total / max(words, 1)
    return _Line(
        text=text,
        words=words,
        length=length,
        stop_density=stop_density,
        cue_score=cue_score,
        sentence_end=bool(_SENTENCE_END.search(sample)),
        repeats=repeats,
    )


@dataclass(frozen=True, slots=True)
class _Thresholds:
    stop_low: float
    stop_high: float


def _thresholds(lines: Sequence[_Line]) -> _Thresholds:
    """Function-word thresholds scaled to this page's prose.

    Word lists differ in coverage between languages, so the share of function
    words in the page's long lines (its upper quartile) sets the scale.
    """
    densities = sorted(
        line.stop_density
        for line in lines
        if line.stop_density is not None and line.length >= _LENGTH_HIGH
    )
    if len(densities) < 3:
        return _Thresholds(stop_low=_STOP_LOW, stop_high=_STOP_HIGH)
    reference = densities[(3 * len(densities)) // 4]
    reference = min(max(reference, _REFERENCE_MIN), _REFERENCE_MAX)
    return _Thresholds(stop_low=reference * _LOW_SHARE, stop_high=reference * _HIGH_SHARE)


def _initial_class(line: _Line, limits: _Thresholds) -> str:
    if line.cue_score > _CUE_MAX:
        return _BAD
    if line.length < _LENGTH_LOW:
        # A short full sentence is prose that only needs support from context.
        if (
            line.sentence_end
            and line.words >= _SHORT_SENTENCE_WORDS
            and (line.stop_density is None or line.stop_density >= limits.stop_high)
        ):
            return _NEAR
        return _SHORT
    density = line.stop_density
    if density is None:  # no word list: judge by shape alone
        if line.sentence_end:
            found = _GOOD if line.length >= _LENGTH_HIGH else _NEAR
        else:
            found = _NEAR if line.length >= _LENGTH_HIGH else _BAD
    elif density >= limits.stop_high:
        found = _GOOD if line.length >= _LENGTH_HIGH or line.sentence_end else _NEAR
    elif density >= limits.stop_low:
        found = _NEAR
    elif line.sentence_end and density >= limits.stop_low * _SENTENCE_STOP_SHARE:
        # Names and figures crowd out function words in some real sentences.
        found = _NEAR
    else:
        found = _BAD
    if found == _GOOD and line.repeats > 1:
        return _NEAR  # a paragraph repeated on the page needs support from context
    return found


def _neighbour(classes: Sequence[str], index: int, step: int, *, skip: frozenset[str]) -> str:
    """Class of the nearest line in direction ``step`` whose class is not in ``skip``.

    Looking past more than ``_MAX_SKIP`` skipped lines counts as meeting furniture:
    a long run of short lines is a list of links, not a sub-heading.
    """
    position = index + step
    skipped = 0
    while 0 <= position < len(classes):
        if classes[position] not in skip:
            return classes[position]
        skipped += 1
        if skipped > _MAX_SKIP:
            break
        position += step
    return _BAD  # the page edge counts as furniture


def _smooth(initial: Sequence[str]) -> list[str]:
    """jusText-style context reclassification of near-good and short lines."""
    skip_both = frozenset({_SHORT, _NEAR})
    skip_short = frozenset({_SHORT})
    classes = list(initial)
    # Near-good lines join the article unless furniture surrounds them.
    for index, value in enumerate(initial):
        if value != _NEAR:
            continue
        before = _neighbour(initial, index, -1, skip=skip_both)
        after = _neighbour(initial, index, 1, skip=skip_both)
        classes[index] = _BAD if before == after == _BAD else _GOOD
    # Short lines take the class of their neighbours; mixed neighbours keep a
    # short line only when a near-good line stands between it and the furniture.
    final = list(classes)
    for index, value in enumerate(classes):
        if value != _SHORT:
            continue
        before = _neighbour(classes, index, -1, skip=skip_short)
        after = _neighbour(classes, index, 1, skip=skip_short)
        if before == after:
            final[index] = before
        elif _GOOD in (before, after) and (
            (before == _BAD and _neighbour(initial, index, -1, skip=skip_short) == _NEAR)
            or (after == _BAD and _neighbour(initial, index, 1, skip=skip_short) == _NEAR)
        ):
            final[index] = _GOOD
        else:
            final[index] = _BAD
    return final


def _densest_region(
    lines: Sequence[_Line], classes: Sequence[str], metadata: Sequence[bool]
) -> tuple[int, int]:
    """``(start, end)`` of the contiguous run of lines with the most article text.

    Good lines add their length, furniture subtracts (at least a fixed toll per
    line, so a long menu costs what it is); a maximum-sum segment (Kadane).
    """
    best_sum, best = 0.0, (0, 0)
    running, start = 0.0, 0
    total = max(len(lines), 1)
    for index, (line, value, is_meta) in enumerate(zip(lines, classes, metadata, strict=True)):
        if is_meta:
            # A date or byline inside a run of text starts a new item (a
            # comment, a teaser): the article does not span it.
            gain = -_META_TOLL
        elif value == _GOOD:
            # Articles come before footers, comments and cookie notices: text
            # late in the page is worth a little less.
            gain = line.length * (1.0 - _LATE_DISCOUNT * index / total)
        else:
            gain = -max(_LINE_TOLL, 0.5 * line.length) - _CUE_TOLL * min(line.cue_score, 2.0)
        if running <= 0.0:
            running, start = 0.0, index
        running += gain
        if running > best_sum:
            best_sum, best = running, (start, index + 1)
    return best


@dataclass(frozen=True, slots=True)
class _Meta:
    """What the lines around the body say about the article."""

    title: str | None
    authors: tuple[Author, ...]
    published: date | None
    publisher: str | None
    first_published_in: str | None
    kickers: tuple[str, ...]
    signals: frozenset[str]


def _is_metadata(text: str) -> bool:
    if len(text) > _MAX_META_CHARS:  # metadata lines are short; spare long ones the regexes
        return False
    return (
        meta_lines.is_date_line(text)
        or meta_lines.looks_like_byline(text)
        or meta_lines.parse_byline(text) is not None
        or meta_lines.first_published_in(text) is not None
        or is_kicker(text)
    )


def _title(
    texts: Sequence[str], start: int, counts: Counter[str], body_words: frozenset[str]
) -> tuple[str | None, str | None]:
    """Pick the headline above the body; also return a site name split off a tab title.

    A headline is a line of 3-30 words, not furniture or metadata, whose words
    recur in the body's opening, close above the body (a date or byline line
    just below it is a strong sign) and often repeated (the browser tab title).
    """
    first = max(0, start - _HEADER_LINES)
    best: tuple[float, int] | None = None
    for index in range(first, min(start, len(texts))):
        text = texts[index]
        words = _WORD.findall(text.lower())
        if not 3 <= len(words) <= 30 or _is_metadata(text) or "@" in text:
            continue
        if meta_lines.role_line(text) is not None or meta_lines.person_name(text) is not None:
            continue
        if _features(text, stop=frozenset(), repeats=1).cue_score > _CUE_MAX / 2:
            continue
        content = {word for word in words if len(word) > 3}
        overlap = len(content & body_words) / len(content) if content else 0.0
        score = 2.0 * overlap
        if counts[_key(text)] > 1:
            score += 1.0
        if text.endswith("."):
            score -= 0.5
        if 5 <= len(words) <= 20:
            score += 0.5
        below = range(index + 1, min(index + 4, start))
        if any(_is_metadata(texts[near]) for near in below):
            score += 1.0
        score += max(0.0, 1.0 - 0.1 * (start - index))
        capitalised = sum(1 for word in text.split() if word[:1].isupper())
        if capitalised >= 0.6 * len(text.split()):
            score += 0.5
        if best is None or score > best[0]:
            best = (score, index)
    if best is None or best[0] < _TITLE_MIN_SCORE:
        return None, None
    return _split_site(texts[best[1]], texts)


_SITE_SEPARATOR = re.compile(r"\s+[|–—\-:·]\s+")


def _split_site(title: str, texts: Sequence[str]) -> tuple[str, str | None]:
    """``"Headline | Site"`` -> ``("Headline", "Site")`` when the page shows the bare headline."""
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title, None
    head, site = title[: title.rfind(parts[-1])].rstrip(" |–—-:·"), parts[-1].strip()
    if head and _key(head) in {_key(text) for text in texts} and len(site.split()) <= 5:
        return head, site
    return title, None


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text[:_MAX_LINE_CHARS].lower()))


def _find_byline(texts: Sequence[str], indices: Sequence[int]) -> meta_lines.Byline | None:
    """The first byline among ``indices``: a "By …" line, "Name | Role", or a bare name."""
    date_lines = {index for index in indices if meta_lines.is_date_line(texts[index])}
    agency: str | None = None
    for index in indices:
        text = texts[index]
        if text.lower().rstrip(":") == "by" and index + 1 < len(texts):
            text = f"By {texts[index + 1]}"  # "By" and the name on lines of their own
        byline = meta_lines.parse_byline(text)
        if byline is None:
            continue
        if not byline.authors:
            agency = agency or byline.agency
            continue
        authors = byline.authors
        if len(authors) == 1 and authors[0].role is None and index + 1 < len(texts):
            role = meta_lines.role_line(texts[index + 1])
            if role is not None:
                authors = (Author(name=authors[0].name, role=role),)
        return meta_lines.Byline(authors=authors, agency=byline.agency or agency)
    for index in indices:
        name = meta_lines.person_name(texts[index])
        if name is None:
            continue
        role = meta_lines.role_line(texts[index + 1]) if index + 1 < len(texts) else None
        near_date = bool({index - 2, index - 1, index + 1, index + 2} & date_lines)
        if role is not None or near_date:
            return meta_lines.Byline(authors=(Author(name=name, role=role),), agency=agency)
    return meta_lines.Byline(authors=(), agency=agency) if agency else None


def _find_date(texts: Sequence[str], indices: Sequence[int]) -> date | None:
    updated: date | None = None
    for index in indices:
        text = texts[index]
        if not (meta_lines.is_date_line(text) or meta_lines.parse_byline(text) is not None):
            continue
        found = meta_lines.date_in_line(text)
        if found is None:
            continue
        if meta_lines.is_update_line(text):
            updated = updated or found
            continue
        return found
    return updated


_DATELINE_ANY = re.compile(r"^[A-Z][A-Z .,'\-]{2,40}(?:\([^)]{1,30}\))?\s*[-–—]\s+\S")


def _metadata(texts: Sequence[str], body: Sequence[int], counts: Counter[str]) -> _Meta:
    start, end = (body[0], body[-1] + 1) if body else (len(texts), len(texts))
    header = list(range(max(0, start - _HEADER_LINES), start))
    lead = [index for index in body[:4] if len(texts[index].split()) <= 25]
    footer = list(range(end, min(len(texts), end + _FOOTER_LINES)))
    opening = " ".join(texts[index] for index in body[:5]).lower()
    body_words = frozenset(word for word in _WORD.findall(opening) if len(word) > 3)
    title, site = _title(texts, start, counts, body_words)
    byline = _find_byline(texts, header + lead) or _find_byline(texts, footer)
    published = _find_date(texts, header + lead) or _find_date(texts, footer)
    signals: set[str] = set()
    publisher: str | None = None
    if body:
        agency = meta_lines.agency_dateline(texts[body[0]])
        if agency is not None:
            publisher = agency
            signals.add("dateline")
        elif _DATELINE_ANY.match(texts[body[0]]):
            signals.add("dateline")
    if byline is not None and byline.agency is not None:
        signals.add("agency_byline")
        publisher = publisher or byline.agency
    if publisher is None and site is not None:
        publisher = site
    if publisher is None:
        for index in footer + list(range(max(end, len(texts) - _FOOTER_LINES), len(texts))):
            holder = meta_lines.copyright_holder(texts[index])
            if holder is not None:
                publisher = holder
                break
    first_published: str | None = None
    for index in [*body[-5:], *footer, *header]:
        first_published = meta_lines.first_published_in(texts[index])
        if first_published is not None:
            signals.add("first_published_elsewhere")
            break
    kickers = tuple(texts[index] for index in header[-12:] if is_kicker(texts[index]))
    return _Meta(
        title=title,
        authors=byline.authors if byline is not None else (),
        published=published,
        publisher=publisher,
        first_published_in=first_published,
        kickers=kickers,
        signals=frozenset(signals),
    )


def _trim_bio(
    texts: Sequence[str], body: list[int], authors: Sequence[Author]
) -> tuple[list[int], bool]:
    """Drop author bio / sign-off lines at either edge of the body."""
    surnames = frozenset(
        author.name.split()[-1].lower() for author in authors if author.name.split()
    )
    found = False
    while body and meta_lines.is_bio_line(texts[body[0]], surnames=surnames):
        body = body[1:]
        found = True
    tail_cut = len(body)
    for position in range(len(body) - 1, max(-1, len(body) - 4), -1):
        if meta_lines.is_bio_line(texts[body[position]], surnames=surnames):
            tail_cut = position
            found = True
    return body[:tail_cut], found


@dataclass(frozen=True, slots=True)
class PastedAnalysis:
    """``extract_pasted``'s result plus the genre evidence it was judged on.

    ``kickers`` are the section-label lines seen above the body, ``signals`` the
    named facts (see ``genre_cues.tsv``); the HTML extractor re-weighs them with
    what the markup says.
    """

    extracted: Extracted
    kickers: tuple[str, ...]
    signals: frozenset[str]


def extract_pasted(text: str) -> Extracted:
    """Return the article body and metadata found in pasted page text ``text``."""
    return analyse_pasted(text).extracted


def analyse_pasted(text: str) -> PastedAnalysis:
    """Like :func:`extract_pasted`, also returning the genre evidence."""
    texts = [_SPACE.sub(" ", raw).strip() for raw in text.splitlines()]
    texts = [line for line in texts if line]
    if not texts:
        return PastedAnalysis(extracted=Extracted(body=""), kickers=(), signals=frozenset())
    longest = sorted(texts, key=len, reverse=True)[:50]
    language = detect_language("\n".join(line[:_MAX_LINE_CHARS] for line in longest))
    stop = stopwords(language)
    counts = Counter(_key(line) for line in texts)
    lines = [_features(line, stop=stop, repeats=counts[_key(line)]) for line in texts]
    limits = _thresholds(lines)
    metadata = [_is_metadata(line) for line in texts]
    initial = [
        _BAD if is_meta else _initial_class(line, limits)
        for line, is_meta in zip(lines, metadata, strict=True)
    ]
    classes = _smooth(initial)
    lo, hi = _densest_region(lines, classes, metadata)
    body = [index for index in range(lo, hi) if classes[index] == _GOOD]
    meta = _metadata(texts, body, counts)
    body, signoff = _trim_bio(texts, body, meta.authors)
    body = [index for index in body if meta_lines.first_published_in(texts[index]) is None]
    body_text = "\n\n".join(texts[index] for index in body)
    signals = set(meta.signals)
    if signoff:
        signals.add("author_signoff")
    genre = classify_genre(body=body_text, kickers=meta.kickers, signals=signals)
    extracted = Extracted(
        body=body_text,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        publisher=meta.publisher,
        first_published_in=meta.first_published_in,
        genre=genre,
    )
    return PastedAnalysis(extracted=extracted, kickers=meta.kickers, signals=frozenset(signals))
