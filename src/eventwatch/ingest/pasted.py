"""Extract the article from a pasted web page: clean body and metadata.

A page a reader selects, copies and pastes carries the article together with
menus, cookie banners, share buttons, newsletter boxes, related-story lists,
captions, comments and footers, one block per line.  ``extract_pasted`` keeps
the article in five stages:

1. **Features per line** – effective length (CJK characters count triple), the
   share of function words (``data/ingest/stopwords.tsv`` for the language
   ``eventwatch.ingest.language`` detects), the weighted density of furniture
   cues (``data/ingest/boilerplate_cues.tsv``: share, subscribe, cookie,
   advertisement, read more, ©, …), sentence-final punctuation, how often the
   same line recurs on the page, whether the line heads end matter ("Comments",
   "Related stories", "About the author") or stands for an ad slot.
2. **Line classes** – each line is *good* (long prose), *near-good* (prose, but
   short), *short* or *bad* (furniture), in the manner of jusText; lines that
   state metadata (date, byline, "First appeared in …", a genre kicker, the
   time stamp of a comment) and end-matter headings are bad; a copy of a line
   above (a share box quoting the headline and the lede) is set aside.
3. **Context** – near-good and short lines take the class of their neighbours
   (a sub-heading between two paragraphs is kept, a teaser after the last one is
   not; ad slots and copies are looked through), then the densest contiguous
   run of text is chosen as the article.  Metadata lines, short labels that
   recur on the page and end-matter headings cost a toll to cross, and text
   after an end-matter heading counts for less, so comments, teaser lists and
   footers do not join the body.
4. **Body** – the good lines of that run, the lines between them unless the
   gap holds a teaser box (a list, a table, a sub-heading stays), and a list
   that continues the article (tour dates, results: items of one shape).
5. **Metadata** – title, byline (with job-title line), date, syndication note,
   agency dateline and copyright holder are read from the lines around the body
   by ``eventwatch.ingest.meta_lines``; a headline that opens the body leaves
   it; author bio and sign-off lines at the edges of the body are removed, and
   the author's bio ends the article; ``eventwatch.ingest.genre`` names the
   genre from the labels next to the headline and the sign-off signals.

Every step is linear in the number of lines; the input is never rejected.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise

from eventwatch.ingest import meta_lines
from eventwatch.ingest._data import read_rows
from eventwatch.ingest.extracted import Extracted
from eventwatch.ingest.genre import classify_genre, is_kicker
from eventwatch.ingest.language import detect_language, stopwords
from eventwatch.records import Author, Genre

__all__ = ["PastedAnalysis", "Removal", "analyse_pasted", "extract_pasted", "headline_kickers"]

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
_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 30
_TITLE_BODY_WORDS = 20  # a headline taken for the body's first line is no longer
_TITLE_META_REACH = 5  # a byline or date this close below a line marks a headline
_TITLE_META_BONUS = 1.5
_TITLE_META_STEP = 0.25
_TITLE_SENTENCE_PENALTY = 1.0
_TITLE_SHOUT_PENALTY = 1.0
_TITLE_REPEATS = 3  # a line met more often is a site name or a recurring label
_ROLE_MAX_WORDS = 6  # a longer line with a job-title word can be a headline
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
_BOX_LINES = 3  # an author box at the body's end: its name and bio lines
_BIO_MIN_BEFORE = 3  # paragraphs before an author bio that ends the article early
_KICKER_REACH = 3  # a section label this close to the headline labels the article
_MENU_WORDS = 3
_NAME_REACH = 4  # a bare name this close below the headline or above the body is a byline
_SEPARATOR_REPEATS = 3  # a short line this frequent on the page separates items
_SEPARATOR_WORDS = 6
_END_MAX_WORDS = 8  # an end-matter heading is no longer
_END_TOLL = 100.0
_END_DECAY = 0.3  # text after an end-matter heading counts this much less
_END_AFTER = 300  # ... once this many characters of good text preceded it
_COPY_MIN_WORDS = 5  # shorter repeated lines are labels, judged as separators
_COPY_MAX_REPEATS = 3  # a line met more often is a recurring element (a question)
_DUPLICATE_CANDIDATES = 8  # earlier lines kept per opening to compare a cut line with
_DUPLICATE_PREFIX = 40  # a paragraph cut short repeats at least this much of one above
_GAP_CUE_MAX = 0.2  # lines between paragraphs with more furniture cues stay out
_LIST_MIN_ITEMS = 3  # a list after the article needs this many items of one shape
_LIST_MIN_WORDS = 2
_LIST_MAX_WORDS = 40
_LIST_LEAD_WORDS = 8  # a lead-in line without a colon is at most this long

_GOOD, _NEAR, _SHORT, _BAD, _SLOT, _COPY = "good", "near", "short", "bad", "slot", "copy"

_WORD = re.compile(r"\w+")
_CUE_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LEDE_OPENING = re.compile(r"^[\"“‘'(]?[A-Z0-9]")  # a lede opens as a sentence does
_SENTENCE_END = re.compile(r"[.!?…。！？\"”’»)\]]\s*$")
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")  # zero-width, BOM, soft hyphen


@dataclass(frozen=True, slots=True)
class _Cues:
    phrase_weights: dict[tuple[str, ...], float]  # phrase as a tuple of tokens
    sizes: dict[str, tuple[int, ...]]  # first token -> phrase lengths, longest first
    regexes: tuple[tuple[re.Pattern[str], float], ...]
    ends: dict[tuple[str, ...], float]  # headings of end matter (token tuple -> weight)
    slots: frozenset[tuple[str, ...]]  # whole lines that stand for an ad slot


@lru_cache(maxsize=1)
def _boilerplate_cues() -> _Cues:
    """Index ``boilerplate_cues.tsv``: phrases by their token tuple, regexes compiled."""
    weights: dict[tuple[str, ...], float] = {}
    regexes: list[tuple[re.Pattern[str], float]] = []
    ends: dict[tuple[str, ...], float] = {}
    slots: set[tuple[str, ...]] = set()
    for kind, pattern, weight_text in read_rows("boilerplate_cues.tsv", columns=3):
        try:
            weight = float(weight_text)
        except ValueError:
            continue
        if kind in ("end", "slot"):
            whole = tuple(_CUE_TOKEN.findall(pattern.lower()))
            if whole and kind == "end":
                ends[whole] = weight
            elif whole:
                slots.add(whole)
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
        ends=ends,
        slots=frozenset(slots),
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


def _end_weight(sample: str, cues: _Cues) -> float:
    """The weight of the end-matter heading ``sample`` is ("Comments (12)", "Tags:"), or 0."""
    tokens = [token for token in _CUE_TOKEN.findall(sample.lower()) if not token.isdigit()]
    if not 1 <= len(tokens) <= _END_MAX_WORDS:
        return 0.0
    if len(tokens) >= _SHORT_SENTENCE_WORDS and sample.rstrip().endswith("."):
        return 0.0  # a short sentence, not a heading
    best = 0.0
    for start in range(len(tokens)):
        for size in range(len(tokens) - start, 0, -1):
            weight = cues.ends.get(tuple(tokens[start : start + size]))
            if weight is not None and (start == 0 or 2 * size >= len(tokens)):
                best = max(best, weight)
    return best


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
    end_weight: float  # > 0 for a heading of end matter (comments, related stories)
    slot: bool  # the line stands for an ad slot ("Advertisement")


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
        end_weight=_end_weight(sample, cues) if words <= 2 * _END_MAX_WORDS else 0.0,
        slot=words <= _END_MAX_WORDS and tuple(_CUE_TOKEN.findall(sample.lower())) in cues.slots,
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
        if classes[position] in (_SLOT, _COPY):  # an ad slot or a copy is no context
            position += step
            continue
        if classes[position] not in skip:
            return classes[position]
        skipped += 1
        if skipped > _MAX_SKIP:
            break
        position += step
    return _BAD  # the page edge counts as furniture


def _lede(lines: Sequence[_Line], initial: Sequence[str], metadata: Sequence[bool], i: int) -> bool:
    """Whether short line ``i`` is the article's one-sentence lede: a full sentence
    right below the date or byline and right above a paragraph of prose ("Police
    arrested a man in Munich on Friday." under the dateline).  News often opens so;
    a short line elsewhere still needs a near-good neighbour to stay."""
    line = lines[i]
    return (
        0 < i < len(lines) - 1
        and metadata[i - 1]
        and initial[i + 1] in (_GOOD, _NEAR)
        and line.sentence_end
        and line.words >= _SHORT_SENTENCE_WORDS
        and line.cue_score <= _GAP_CUE_MAX
        and _LEDE_OPENING.match(line.text) is not None
    )


def _smooth(
    initial: Sequence[str],
    lede: Callable[[int], bool] = lambda _index: False,
) -> list[str]:
    """jusText-style context reclassification of near-good and short lines.

    ``lede(i)`` says whether short line ``i`` opens the article below its header.
    """
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
        elif (after == _GOOD and lede(index)) or (
            _GOOD in (before, after)
            and (
                (before == _BAD and _neighbour(initial, index, -1, skip=skip_short) == _NEAR)
                or (after == _BAD and _neighbour(initial, index, 1, skip=skip_short) == _NEAR)
            )
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
    Metadata lines and recurring short labels cost a heavy toll (each starts a
    new item); an end-matter heading costs a toll and, once some article text
    came before it, lowers the worth of all text after it: a comment section or
    a teaser list longer than a short article does not win over it.
    """
    best_sum, best = 0.0, (0, 0)
    running, start = 0.0, 0
    total = max(len(lines), 1)
    seen_good = 0
    weight = 1.0
    for index, (line, value, is_meta) in enumerate(zip(lines, classes, metadata, strict=True)):
        if value == _SLOT:
            gain = 0.0
        elif value == _COPY:
            gain = -_LINE_TOLL  # a copy of a line above tells nothing about where it stands
        elif line.end_weight > 0.0:
            # Comments, related stories, author boxes follow the article.
            gain = -_END_TOLL * line.end_weight
            if seen_good >= _END_AFTER:
                weight *= _END_DECAY**line.end_weight
        elif is_meta or (
            value != _GOOD
            and line.repeats >= _SEPARATOR_REPEATS
            and 0 < line.words <= _SEPARATOR_WORDS
        ):
            # A date or byline inside a run of text starts a new item (a
            # comment, a teaser), and so does a short label or share bar that
            # recurs on the page: the article does not span it.
            gain = -_META_TOLL
        elif value == _GOOD:
            # Articles come before footers, comments and cookie notices: text
            # late in the page is worth a little less.
            gain = weight * line.length * (1.0 - _LATE_DISCOUNT * index / total)
            seen_good += line.length
        else:
            gain = -max(_LINE_TOLL, 0.5 * line.length) - _CUE_TOLL * min(line.cue_score, 2.0)
        if running <= 0.0:
            running, start = 0.0, index
        running += gain
        if running > best_sum:
            best_sum, best = running, (start, index + 1)
    return best


def _fill_gaps(
    lines: Sequence[_Line], classes: Sequence[str], metadata: Sequence[bool], lo: int, hi: int
) -> list[int]:
    """Indices of the article's lines in ``[lo, hi)``: its good lines and the gaps between them.

    A run of short lines between two paragraphs of the article (a list, a table,
    a sub-heading with a lead-in) belongs to it unless the run holds furniture:
    a metadata line or an end-matter heading discards the whole run (a teaser
    box), a line with furniture cues only itself (an "Advertisement" slot).
    """
    good = [index for index in range(lo, hi) if classes[index] == _GOOD]
    body = good[:1]
    for previous, following in pairwise(good):
        if following - previous >= 2:
            body.extend(_gap_lines(lines, classes, metadata, range(previous + 1, following)))
        body.append(following)
    return body


def _repeats_earlier(lines: Sequence[_Line]) -> list[bool]:
    """For each line, whether it repeats a line above it or cuts one short.

    A share box or a teaser quotes the headline and the first sentence again; the
    second copy is never article text.  A line met more than ``_COPY_MAX_REPEATS``
    times is a recurring element (the same question put to every interviewee)
    and is left to the classifier.
    """
    seen: set[str] = set()
    openings: dict[str, list[str]] = {}
    found: list[bool] = []
    for line in lines:
        key = _key(line.text)
        earlier = openings.get(key[:_DUPLICATE_PREFIX], [])
        found.append(
            (
                1 < line.repeats <= _COPY_MAX_REPEATS
                and line.words >= _COPY_MIN_WORDS
                and key in seen
            )
            or (len(key) >= _DUPLICATE_PREFIX and any(other.startswith(key) for other in earlier))
        )
        if key not in seen:
            seen.add(key)
            same_start = openings.setdefault(key[:_DUPLICATE_PREFIX], [])
            if len(same_start) < _DUPLICATE_CANDIDATES:  # stays linear on odd pages
                same_start.append(key)
    return found


def _gap_lines(
    lines: Sequence[_Line], classes: Sequence[str], metadata: Sequence[bool], run: range
) -> list[int]:
    """The lines of ``run`` (between two paragraphs) that belong to the article."""
    if any(metadata[index] or lines[index].end_weight > 0.0 for index in run):
        return []
    return [
        index
        for index in run
        if lines[index].cue_score <= _GAP_CUE_MAX and classes[index] not in (_SLOT, _COPY)
    ]


_ENUMERATOR = re.compile(r"^(?:([•·▪◦●■*–—-])|\d{1,3}([.)]))\s")
_LIST_MARKS = re.compile(r"[,:;()\[\]@|/$%–—]|-{1,2}(?=\s)")


def _shape(text: str) -> tuple[str, frozenset[str]]:
    """A coarse signature of a list item: how it starts and which separators it uses.

    ``"June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL"`` and ``"Aug. 4 --
    Riverbend Music Center, Cincinnati, OH"`` share one, so do the rows of a
    results table; menu entries ("Home", "World") have no separators and never
    form a list.
    """
    enumerator = _ENUMERATOR.match(text)
    if enumerator:  # "1) …", "2. …", "• …": numbered or bulleted, whatever follows
        return enumerator.group(1) or "0" + (enumerator.group(2) or ""), frozenset("#")
    words = text.split()
    head = words[0].strip(".,:").lower() if words else ""
    if head[:1].isdigit():
        start = "0"
    elif head in meta_lines.cues().months:
        start = "month"
    elif words and not words[0][:1].isalnum():
        start = words[0][:1]
    else:
        start = "A" if words and words[0][:1].isupper() else "a"
    return start, frozenset(mark.strip() for mark in _LIST_MARKS.findall(text))


def _same_shape(first: tuple[str, frozenset[str]], other: tuple[str, frozenset[str]]) -> bool:
    """Whether two items start alike and share most of their separators."""
    if first[0] != other[0] or not first[1] or not other[1]:
        return False
    return 2 * len(first[1] & other[1]) >= len(first[1] | other[1])


def _is_item(line: _Line, is_meta: bool) -> bool:
    return (
        _LIST_MIN_WORDS <= line.words <= _LIST_MAX_WORDS
        and not is_meta
        and line.end_weight == 0.0
        and line.cue_score <= _GAP_CUE_MAX
    )


def _list_after(
    texts: Sequence[str], lines: Sequence[_Line], metadata: Sequence[bool], start: int
) -> list[int]:
    """A list that continues the article right after its last line (tour dates, results).

    An optional lead-in line ("Tour dates:") and then at least ``_LIST_MIN_ITEMS``
    consecutive items of one shape (see ``_shape``) that carries separators, or
    as many pairs of lines that alternate between two such shapes.
    """
    position = start
    lead: list[int] = []
    if (
        position < len(texts)
        and _is_item(lines[position], metadata[position])
        and (texts[position].endswith(":") or lines[position].words <= _LIST_LEAD_WORDS)
    ):
        lead = [position]
        position += 1
    shapes: list[tuple[str, frozenset[str]]] = []
    while position < len(texts) and _is_item(lines[position], metadata[position]):
        shapes.append(_shape(texts[position]))
        position += 1
    best = 0
    for period in (1, 2):  # items of one shape, or alternating (an item and its link)
        count = period
        while count < len(shapes) and _same_shape(shapes[count - period], shapes[count]):
            count += 1
        if count >= _LIST_MIN_ITEMS * period and count > best:
            best = count
    if not best:
        return []
    first = start + len(lead)
    return lead + list(range(first, first + best))


@dataclass(frozen=True, slots=True)
class _Meta:
    """What the lines around the body say about the article."""

    title: str | None
    title_line: int | None  # where the headline was found
    authors: tuple[Author, ...]
    published: date | None
    publisher: str | None
    first_published_in: str | None
    kickers: tuple[str, ...]
    signals: frozenset[str]
    date_from: str | None = None  # which line gave the date, and the dates not taken
    byline_line: int | None = None


def _metadata_kind(text: str) -> str | None:
    """What metadata ``text`` states ("date", "byline" …), or ``None`` for other lines."""
    if len(text) > _MAX_META_CHARS:  # metadata lines are short; spare long ones the regexes
        return None
    if meta_lines.is_date_line(text):
        return "date line"
    if meta_lines.is_stamp(text):
        return "time stamp of a comment or teaser"
    if meta_lines.looks_like_byline(text) or meta_lines.parse_byline(text) is not None:
        return "byline"
    if meta_lines.first_published_in(text) is not None:
        return "syndication note"
    if is_kicker(text):
        return "section label"
    return None


def _is_metadata(text: str) -> bool:
    return _metadata_kind(text) is not None


# A breadcrumb ("Blog > Weight Loss > Tips") or a web address is no headline.
_NOT_HEADLINE = re.compile(r"\s[>»›]\s|\bwww\.|https?://|\.(?:com|org|net|co\.uk)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:\d{1,3}|[a-z])[.)]\s|^[•·▪◦●■*]\s")


def _title_score(
    texts: Sequence[str], index: int, counts: Counter[str], body_words: frozenset[str], start: int
) -> float | None:
    """How much line ``index`` looks like the headline of a body starting at ``start``."""
    text = texts[index]
    words = _WORD.findall(text.lower())
    if not _TITLE_MIN_WORDS <= len(words) <= _TITLE_MAX_WORDS or "@" in text:
        return None
    if _is_metadata(text) or _LIST_ITEM.match(text) or _NOT_HEADLINE.search(text):
        return None  # a list item, a breadcrumb, a web address
    if meta_lines.clean_publisher(text) == text and meta_lines.is_agency(text):
        return None  # "The Associated Press"
    if meta_lines.person_name(text) is not None or _names_only(text):
        return None
    if any(
        meta_lines.is_date_line(texts[near]) for near in (index + 1, index + 2) if near < len(texts)
    ):
        unmarked = _unmarked_byline(text)
        if unmarked is not None and len(unmarked.authors) >= 2:
            return None  # "Jo Roe and Jim Poe Sioux Falls Argus Leader" above "Published …"
    if len(words) <= _ROLE_MAX_WORDS and meta_lines.role_line(text) is not None:
        return None  # "Senior Research Fellow, Northeast Asia"
    if _features(text, stop=frozenset(), repeats=1).cue_score > _CUE_MAX / 2:
        return None
    content = {word for word in words if len(word) > 3}
    overlap = len(content & body_words) / len(content) if content else 0.0
    score = 2.0 * overlap
    repeats = counts[_key(text)]
    if 1 < repeats <= _TITLE_REPEATS:
        score += 1.0  # the headline, the tab title, a share box quoting it
    elif repeats > _TITLE_REPEATS:
        score -= 1.0  # a site name or a label that recurs on the page
    if text.endswith("."):
        score -= _TITLE_SENTENCE_PENALTY  # a standfirst or caption, more likely
    letters = [char for char in text if char.isalpha()]
    if len(words) >= 3 and letters and all(char.isupper() for char in letters):
        score -= _TITLE_SHOUT_PENALTY  # "GROWING AN ONLINE BUSINESS": a section heading
    if sum(1 for word in words if word.isdigit()) * 10 >= 3 * len(words):
        score -= _TITLE_SHOUT_PENALTY  # "Rockledge 14 11 6 15 — 44": a table row
    if 5 <= len(words) <= 20:
        score += 0.5
    # A byline or date right below the headline is the strongest sign.
    for distance in range(1, _TITLE_META_REACH + 1):
        near = index + distance
        if near < len(texts) and (_is_metadata(texts[near]) or _marked_name(texts[near])):
            score += _TITLE_META_BONUS - _TITLE_META_STEP * (distance - 1)
            break
    score += max(0.0, 1.0 - 0.1 * abs(start - index))
    capitalised = sum(1 for word in text.split() if word[:1].isupper())
    if capitalised >= 0.6 * len(text.split()):
        score += 0.5
    return score


def _names_only(text: str) -> bool:
    """A byline without its "By": two or more names, perhaps an outlet after them
    ("Lisa Kaczke and Trevor J. Mitchell Sioux Falls Argus Leader")."""
    byline = meta_lines.parse_byline(f"By {text}")
    if byline is None or len(byline.authors) < 2:
        return False
    words = text.replace(",", " ").split()
    joiners = {"and", "&", "und", "et", "y"}
    return all(word[:1].isupper() or word.lower() in joiners for word in words)


def _title(
    texts: Sequence[str], body: Sequence[int], counts: Counter[str]
) -> tuple[str | None, str | None, int | None]:
    """Pick the headline; also return a site name split off a tab title, and its line.

    A headline is a line of 3-30 words, not furniture or metadata, whose words
    recur in the body's opening, close above the body (a date or byline line
    just below it is a strong sign) and often repeated (the browser tab title).
    The first line of the body is a candidate too when it is short, ends
    without a full stop and a longer paragraph follows it: the classifier
    takes a headline set in body type for the article's first line.
    """
    start = body[0] if body else len(texts)
    opening = " ".join(texts[index] for index in body[:5]).lower()
    body_words = frozenset(word for word in _WORD.findall(opening) if len(word) > 3)
    best: tuple[float, int] | None = None
    for index in range(max(0, start - _HEADER_LINES), min(start, len(texts))):
        score = _title_score(texts, index, counts, body_words, start)
        if score is not None and (best is None or score > best[0]):
            best = (score, index)
    if len(body) >= 2 and _opens_with_headline(texts, body):
        rest = " ".join(texts[index] for index in body[1:6]).lower()
        rest_words = frozenset(word for word in _WORD.findall(rest) if len(word) > 3)
        score = _title_score(texts, body[0], counts, rest_words, body[1])
        if score is not None and (best is None or score > best[0]):
            best = (score, body[0])
    if best is None or best[0] < _TITLE_MIN_SCORE:
        return None, None, None
    title, site = _split_site(texts[best[1]], texts)
    return title, site, best[1]


def _opens_with_headline(texts: Sequence[str], body: Sequence[int]) -> bool:
    first = texts[body[0]]
    following = next((texts[i] for i in body[1:] if _key(texts[i]) != _key(first)), "")
    return (
        len(first.split()) <= _TITLE_BODY_WORDS
        and not first.endswith((".", ":", ";", ","))
        and len(following) > len(first)
    )


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


def _find_byline(
    texts: Sequence[str], indices: Sequence[int], near: frozenset[int] = frozenset()
) -> tuple[meta_lines.Byline, int | None] | None:
    """The first byline among ``indices``: a "By …" line, "Name | Role", or a bare name.

    A bare name counts when a job title follows it, a date is next to it, or it
    stands in ``near`` (just below the headline, just above the body).
    """
    date_lines = {index for index in indices if meta_lines.is_date_line(texts[index])}
    agency: str | None = None
    credit: int | None = None  # a "By HNN Staff" line: the page's byline names nobody
    for index in indices:
        text = texts[index]
        if text.lower().rstrip(":") == "by" and index + 1 < len(texts):
            text = f"By {texts[index + 1]}"  # "By" and the name on lines of their own
        byline = meta_lines.parse_byline(text)
        if byline is None:
            if credit is None and index in near and _BY_DATED.match(text):
                credit = index
            continue
        if not byline.authors:
            agency = agency or byline.agency
            if byline.agency is None and credit is None and index in near:
                credit = index  # "By Gazette Editorial Staff"
            continue
        authors = byline.authors
        if len(authors) == 1 and authors[0].role is None and index + 1 < len(texts):
            role = meta_lines.role_line(texts[index + 1])
            if role is not None:
                authors = (Author(name=authors[0].name, role=role),)
        return meta_lines.Byline(authors=authors, agency=byline.agency or agency), index
    for index in indices:
        if index in near:
            marked = _marked_name(texts[index])
            if marked is not None:  # "Jo Roe @jroe / 2 days", "Jo Roe 27/09/2018 Tags, More"
                return meta_lines.Byline(authors=(Author(name=marked, role=None),)), index
        if index > 0 and meta_lines.is_label_of_other_than_author(texts[index - 1]):
            continue  # "Related Tags:" / "Delhi Pollution": a label's item, not a byline
        name = meta_lines.bare_name(texts[index])
        near_date = bool({index - 2, index - 1, index + 1, index + 2} & date_lines)
        if name is not None and index + 1 < len(texts) and _bio_of(texts[index + 1], name):
            # An author box: the name, then "Jo Roe is a reporter for …".
            return meta_lines.Byline(authors=(Author(name=name, role=None),)), index
        if name is None and near_date and index in near:
            unmarked = _unmarked_byline(texts[index])
            if unmarked is not None:  # "Jane Doe and John Roe Westmere Gazette"
                return unmarked, index
        if name is None or _features(texts[index], stop=frozenset(), repeats=1).cue_score > 0.0:
            continue
        if (
            not near_date
            and 0 < index < len(texts) - 1
            and all(_is_menu_entry(texts[near]) for near in (index - 1, index + 1))
        ):
            continue  # "Golf / Auto Racing / Columnists": a menu entry, not a name
        role = meta_lines.role_line(texts[index + 1]) if index + 1 < len(texts) else None
        if role is not None or near_date or index in near:
            byline = meta_lines.Byline(authors=(Author(name=name, role=role),), agency=agency)
            return byline, index
    if credit is not None:
        return meta_lines.Byline(authors=(), agency=agency), credit
    return (meta_lines.Byline(authors=(), agency=agency), None) if agency else None


_MARKED_MAX_WORDS = 15


@lru_cache(maxsize=4096)
def _marked_name(text: str) -> str | None:
    """A name marked as the byline by what follows it: a handle, or a date (a
    line below the headline with the post's categories or a relative time)."""
    if len(text.split()) > _MARKED_MAX_WORDS:
        return None
    return meta_lines.handle_byline(text) or meta_lines.name_by_date(text)


def _bio_of(text: str, name: str) -> bool:
    """Whether ``text`` is the bio of ``name`` in an author box ("Jo Roe is a …")."""
    return text.startswith(name) and meta_lines.is_bio_line(
        text, surnames=frozenset({name.split()[-1].lower()})
    )


def _date_candidates(texts: Sequence[str], indices: Sequence[int]) -> list[tuple[int, date, bool]]:
    """``(line, date, is_update)`` for each dateline or dated byline among ``indices``."""
    found: list[tuple[int, date, bool]] = []
    for index in indices:
        text = texts[index]
        if not (
            meta_lines.is_date_line(text)
            or meta_lines.looks_like_byline(text)
            or meta_lines.parse_byline(text) is not None
            or _BY_DATED.match(text)  # "By HNN Staff | November 18, 2019 at 2:26 PM"
            or _marked_name(text) is not None  # "21/06/2014 Tony Carter All, Books"
        ):
            continue
        value = meta_lines.date_in_line(text)
        if value is not None:
            found.append((index, value, meta_lines.is_update_line(text)))
    return found


_UNMARKED_MAX_WORDS = 12


def _unmarked_byline(text: str) -> meta_lines.Byline | None:
    """A byline without "By" next to the headline and a date: names, then perhaps an
    outlet ("VICTOR ROE, FUTURISM", "Jane Doe and John Roe Westmere Gazette").

    The names must open the line, and what follows them must read as an outlet
    (capitalised words) or a date, not as a score or a sentence.
    """
    words = text.split()
    if len(words) > _UNMARKED_MAX_WORDS or _SENTENCE_END.search(text):
        return None
    if words[0].lower() in meta_lines.cues().by_words:
        return None  # a marked byline, read by the first pass
    byline = meta_lines.parse_byline(f"By {text}")
    if byline is None or not byline.authors:
        return None
    if words[0].lower() != byline.authors[0].name.split()[0].lower():
        return None  # the names must open the line
    authors = list(byline.authors)
    last = authors[-1].name.split()
    end = text.lower().find(last[-1].lower())
    rest = text[end + len(last[-1]) :] if end >= 0 else ""
    if (
        rest.strip()
        and rest.lstrip()[:1] not in ",|-–—/·•("
        and len(last) >= 3
        and not any(len(token.strip(".")) == 1 for token in last[1:-1])
    ):
        # "Elliot Brownstein Florida Today": the outlet runs on from the name.
        authors[-1] = Author(name=" ".join(last[:2]), role=authors[-1].role)
        rest = " ".join(last[2:]) + rest
    if not _outlet_or_date(rest):
        return None
    return meta_lines.Byline(authors=tuple(authors), agency=byline.agency)


def _outlet_or_date(rest: str) -> bool:
    """Whether ``rest`` (what follows the names) is an outlet, a date, or nothing."""
    if not rest.strip(" ,|-–—/·•"):
        return True
    if any(char.isdigit() for char in rest):
        return meta_lines.date_in_line(rest) is not None or meta_lines.is_stamp(rest)
    cues = meta_lines.cues()
    if not meta_lines.outlet_words(rest):
        return False  # "… Into Rape Allegation Against …": a title-cased headline
    return all(
        word[:1].isupper()
        or word.lower() in cues.date_words
        or word.lower() in cues.months
        or word.lower() in _JOINERS
        for word in re.findall(r"[^\W\d_][\w'’.-]*", rest)
    )


_JOINERS = frozenset({"and", "und", "et", "y", "e", "with"})


_BY_DATED = re.compile(r"^\W{0,3}by\s+[^.!?]{2,60}?\s*[|·•,–—-]\s*\S", re.IGNORECASE)


def _find_date(
    texts: Sequence[str], indices: Sequence[int], *, byline_line: int | None = None
) -> tuple[date | None, str | None]:
    """The article's date among ``indices`` and a note saying which line gave it.

    A publication stamp wins over an update stamp.  When the candidates
    disagree, the one nearest the byline is taken (a teaser's or a related
    item's date sits further away); without a byline, the first in ``indices``
    (which lists the lines below the headline first).
    """
    candidates = _date_candidates(texts, indices)
    if not candidates:
        return None, None
    published = [item for item in candidates if not item[2]] or candidates
    chosen = published[0]
    how = "first date line below the headline"
    if byline_line is not None and len({value for _, value, _ in published}) > 1:
        chosen = min(published, key=lambda item: abs(item[0] - byline_line))
        how = "date nearest the byline (candidates disagreed)"
    elif byline_line is not None and chosen[0] == byline_line:
        how = "date on the byline line"
    if chosen[2]:
        how = "update stamp (no publication date given)"
    others = sorted({value.isoformat() for _, value, _ in candidates} - {chosen[1].isoformat()})
    note = f"{how}: {texts[chosen[0]][:80]!r}"
    if others:
        note += f"; not taken: {', '.join(others)}"
    return chosen[1], note


_DATELINE_ANY = re.compile(r"^[A-Z][A-Z .,'\-]{2,40}(?:\([^)]{1,30}\))?\s*[-–—]\s+\S")


def _known_title(
    texts: Sequence[str], header: Sequence[int], title: str
) -> tuple[str | None, str | None, int | None]:
    """The line nearest the body that shows ``title`` (a headline another extractor read)."""
    key = _key(title)
    for index in reversed(header):
        if key and _key(texts[index]) == key:
            return texts[index], None, index
    return title, None, None


def _metadata(
    texts: Sequence[str], body: Sequence[int], counts: Counter[str], known_title: str | None = None
) -> _Meta:
    start, end = (body[0], body[-1] + 1) if body else (len(texts), len(texts))
    header = list(range(max(0, start - _HEADER_LINES), start))
    # The body's first lines, and the lines between them that the body left out
    # (a byline under the standfirst: "Текст: Венера Ерофеева·24 сентября 2018").
    opening = range(start, body[min(3, len(body) - 1)] + 1) if body else range(0)
    lead = [index for index in opening if len(texts[index].split()) <= 25]
    footer = list(range(end, min(len(texts), end + _FOOTER_LINES)))
    title, site, title_line = (
        _known_title(texts, header, known_title) if known_title else _title(texts, body, counts)
    )
    around = header + lead
    if title_line is not None:
        # Byline and date sit just below the headline: look there first.
        around = [index for index in around if index > title_line] + [
            index for index in around if index < title_line
        ]
    near = set(range(max(0, start - _NAME_REACH), start))
    if title_line is not None:
        near.update(range(title_line + 1, title_line + 1 + _NAME_REACH))
    found_byline = _find_byline(texts, around, frozenset(near)) or _find_byline(
        texts,
        [*body[-_BOX_LINES:], *footer],  # an author box closing the article
    )
    byline, byline_line = found_byline if found_byline is not None else (None, None)
    published, date_from = _find_date(texts, around, byline_line=byline_line)
    if published is None:
        published, date_from = _find_date(texts, footer, byline_line=byline_line)
    signals: set[str] = set()
    publisher: str | None = None
    if body:
        agency = meta_lines.agency_dateline(texts[body[0]])
        if agency is not None:
            publisher = agency
            signals.add("dateline")
        elif _DATELINE_ANY.match(texts[body[0]]):
            signals.add("dateline")
    if byline is not None and byline.authors and published is not None:
        signals.add("dated_byline")
    if published is not None:
        signals.add("dated")
    for index in header + lead:
        label = meta_lines.credit_label(texts[index])
        if label is not None:
            signals.add(f"{label}_byline")  # "Analysis by Jane Doe"
            break
    if byline is not None and byline.agency is not None:
        signals.add("agency_byline")
        publisher = publisher or byline.agency
    if publisher is None and site is not None:
        publisher = meta_lines.clean_publisher(site)
    if publisher is None:
        for index in footer + list(range(max(end, len(texts) - _FOOTER_LINES), len(texts))):
            holder = meta_lines.clean_publisher(meta_lines.copyright_holder(texts[index]))
            if holder is not None:
                publisher = holder
                break
    first_published: str | None = None
    for index in [*body[-5:], *footer, *header]:
        first_published = meta_lines.first_published_in(texts[index])
        if first_published is not None:
            signals.add("first_published_elsewhere")
            break
    kickers = _kickers(texts, start, title_line) + _tag_kickers(texts, end)
    return _Meta(
        title=title,
        title_line=title_line,
        authors=byline.authors if byline is not None else (),
        published=published,
        publisher=publisher,
        first_published_in=first_published,
        kickers=kickers,
        signals=frozenset(signals),
        date_from=date_from,
        byline_line=byline_line,
    )


def headline_kickers(lines: Sequence[str], headline: int) -> tuple[str, ...]:
    """Section labels ("Opinion") among ``lines`` next to the headline at ``headline``.

    The HTML extractor passes the few text pieces around the page's ``<h1>``.
    """
    return _kickers(lines, len(lines), headline)


def _kickers(texts: Sequence[str], start: int, title_line: int | None) -> tuple[str, ...]:
    """Section labels ("Opinion", "Analysis") next to the headline, or just above the body.

    A label counts only close to the headline (a few lines either side, not past
    the body's start) and only when it does not sit in a menu: a run of short
    entries around it ("Home", "World", "Opinion", "Subscribe") is navigation,
    and its "Opinion" says nothing about this article.
    """
    if title_line is not None:
        first, last = title_line - _KICKER_REACH, title_line + _KICKER_REACH + 1
        lines = range(max(0, first), min(start, last))
    else:
        lines = range(max(0, start - _KICKER_REACH - 1), start)
    found: list[str] = []
    for index in lines:
        if index == title_line or not is_kicker(texts[index]):
            continue
        neighbours = [texts[near] for near in (index - 1, index + 1) if 0 <= near < len(texts)]
        in_menu = len(neighbours) == 2 and all(
            near not in found and _is_menu_entry(near) for near in neighbours
        )
        if not in_menu:
            found.append(texts[index])
    return tuple(found)


_TAG_REACH = 3  # the article's tags follow its last line this closely
_TAG_WORDS = 4


def _tag_kickers(texts: Sequence[str], end: int) -> tuple[str, ...]:
    """Section labels among the article's tags, just below its last line.

    ``"Opinion"`` then ``"Beltway Confidential"`` under the body tags the piece;
    a label followed by a longer line heads a teaser box ("Opinion" over another
    article's headline), and one between two short entries sits in a menu.
    """
    found: list[str] = []
    for index in range(end, min(len(texts), end + _TAG_REACH)):
        if not is_kicker(texts[index]):
            continue
        after = texts[index + 1] if index + 1 < len(texts) else ""
        before = texts[index - 1] if index > 0 else ""
        if not after or len(after.split()) > _TAG_WORDS or _SENTENCE_END.search(after):
            continue  # a teaser box's heading, or the page's end
        if _is_menu_entry(before) and _is_menu_entry(after):
            continue  # "News / Weather / Sports": navigation
        found.append(texts[index])
    return tuple(found)


def _is_menu_entry(text: str) -> bool:
    """A short navigation entry: a few words, no sentence, no date."""
    return (
        len(text.split()) <= _MENU_WORDS
        and not _SENTENCE_END.search(text)
        and not meta_lines.is_date_line(text)
    )


def _trim_bio(
    texts: Sequence[str], body: list[int], authors: Sequence[Author]
) -> tuple[list[int], bool]:
    """Drop author bio / sign-off lines at either edge of the body.

    Also say whether one of them is an op-ed sign-off (see ``meta_lines.is_signoff``).
    """
    surnames = frozenset(
        author.name.split()[-1].lower() for author in authors if author.name.split()
    )
    bios: list[int] = []
    while body and meta_lines.is_bio_line(texts[body[0]], surnames=surnames):
        bios.append(body[0])
        body = body[1:]
    tail_cut = len(body)
    for position in range(len(body) - 1, max(-1, len(body) - 4), -1):
        if meta_lines.is_bio_line(texts[body[position]], surnames=surnames):
            tail_cut = position
            bios.append(body[position])
    if surnames and tail_cut > _BIO_MIN_BEFORE:
        # The author's bio closes the article (whether or not it was taken for
        # text): whatever follows it is end matter.
        for index in range(body[_BIO_MIN_BEFORE], body[tail_cut - 1]):
            if meta_lines.is_bio_line(texts[index], surnames=surnames):
                tail_cut = next(p for p, line in enumerate(body) if line >= index)
                bios.append(index)
                break
    names = {author.name for author in authors}
    if (
        bios
        and 0 < tail_cut < len(body)
        and meta_lines.bare_name(texts[body[tail_cut - 1]]) in names
    ):
        tail_cut -= 1  # the author box's name line above the bio
        bios.append(body[tail_cut])
    return body[:tail_cut], any(meta_lines.is_signoff(texts[index]) for index in bios)


@dataclass(frozen=True, slots=True, kw_only=True)
class Removal:
    """A line of the page left out of the body, and why (``eventwatch extract --explain``)."""

    line: int  # 1-based, counting the page's non-empty lines
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class PastedAnalysis:
    """``extract_pasted``'s result plus the genre evidence it was judged on.

    ``kickers`` are the section-label lines seen above the body, ``signals`` the
    named facts (see ``genre_cues.tsv``); the HTML extractor re-weighs them with
    what the markup says.  ``removed`` lists every line left out of the body
    with its reason when ``explain=True`` was asked for (empty otherwise).
    """

    extracted: Extracted
    kickers: tuple[str, ...]
    signals: frozenset[str]
    removed: tuple[Removal, ...] = ()


@dataclass(frozen=True, slots=True)
class _Page:
    """The lines of a page with their features, classes and the article's region."""

    lines: list[_Line]
    counts: Counter[str]  # how often each line (normalised) occurs
    metadata: list[bool]
    initial: list[str]  # class of each line on its own
    classes: list[str]  # class after context smoothing
    start: int  # the densest region is lines[start:end]
    end: int


def _classify(texts: Sequence[str]) -> _Page:
    """Stages 1-3: features, line classes, context and the densest region."""
    longest = sorted(texts, key=len, reverse=True)[:50]
    language = detect_language("\n".join(line[:_MAX_LINE_CHARS] for line in longest))
    stop = stopwords(language)
    counts = Counter(_key(line) for line in texts)
    lines = [_features(line, stop=stop, repeats=counts[_key(line)]) for line in texts]
    limits = _thresholds(lines)
    metadata = [_is_metadata(line) for line in texts]
    initial = [
        _SLOT
        if line.slot
        else _BAD
        if is_meta or line.end_weight
        else _COPY
        if repeated
        else _initial_class(line, limits)
        for line, is_meta, repeated in zip(lines, metadata, _repeats_earlier(lines), strict=True)
    ]
    classes = _smooth(initial, lambda i: _lede(lines, initial, metadata, i))
    start, end = _densest_region(lines, classes, metadata)
    return _Page(
        lines=lines,
        counts=counts,
        metadata=metadata,
        initial=initial,
        classes=classes,
        start=start,
        end=end,
    )


def extract_pasted(text: str) -> Extracted:
    """Return the article body and metadata found in pasted page text ``text``."""
    return analyse_pasted(text).extracted


_LOCATE_PREFIX = 60  # characters of a known paragraph's key that find its line


def _locate(texts: Sequence[str], paragraphs: Sequence[str]) -> list[int] | None:
    """The lines of ``texts`` from the first to the last of ``paragraphs``, if found.

    Used when another extractor already chose the body: the lines of the page
    are then only read for the metadata around it.
    """
    keys = [_key(paragraph) for paragraph in paragraphs]
    keys = [key for key in keys if len(key) >= 20]
    if not keys:
        return None
    line_keys = [_key(text) for text in texts]

    def find(key: str, lines: range) -> int | None:
        prefix = key[:_LOCATE_PREFIX]
        for index in lines:
            line = line_keys[index]
            if line.startswith(prefix) or (len(line) >= 20 and prefix.startswith(line)):
                return index
        return None

    first = find(keys[0], range(len(texts)))
    if first is None:
        return None
    last = find(keys[-1], range(len(texts) - 1, first - 1, -1))
    return list(range(first, (last if last is not None else first) + 1))


def analyse_pasted(
    text: str,
    *,
    known_body: Sequence[str] = (),
    known_title: str | None = None,
    explain: bool = False,
) -> PastedAnalysis:
    """Like :func:`extract_pasted`, also returning the genre evidence.

    ``known_body`` holds the paragraphs of a body another extractor already
    found (trafilatura's, for HTML): when they can be found among the lines,
    stages 1-4 are skipped and only the metadata around them is read;
    ``known_title`` (the headline it read) is then looked up, not searched for.
    ``explain=True`` also lists every line left out of the body with its reason.
    """
    texts = [_SPACE.sub(" ", _INVISIBLE.sub("", raw)).strip() for raw in text.splitlines()]
    texts = [line for line in texts if line]
    if not texts:
        return PastedAnalysis(extracted=Extracted(body=""), kickers=(), signals=frozenset())
    located = _locate(texts, known_body) if known_body else None
    page: _Page | None = None
    if located is not None:
        body = located
        counts = Counter(_key(line) for line in texts)
    else:
        page = _classify(texts)
        counts = page.counts
        body = _fill_gaps(page.lines, page.classes, page.metadata, page.start, page.end)
        if body:
            body += _list_after(texts, page.lines, page.metadata, body[-1] + 1)
    meta = _metadata(texts, body, counts, known_title if located is not None else None)
    removed_as: dict[int, str] = {}
    if meta.title_line is not None:
        removed_as[meta.title_line] = "headline (taken as the title)"
    if meta.title_line is not None and body and meta.title_line == body[0]:
        # The headline opened the body (perhaps twice, as heading and tab title).
        headline = _key(texts[body[0]])
        while body and _key(texts[body[0]]) == headline:
            removed_as[body[0]] = "headline (taken as the title)"
            body = body[1:]
    before_bio = set(body)
    body, signoff = _trim_bio(texts, body, meta.authors)
    for index in before_bio - set(body):
        removed_as[index] = "author bio or sign-off, or end matter after it"
    kept: list[int] = []
    for index in body:
        if meta_lines.first_published_in(texts[index]) is not None:
            removed_as[index] = "syndication note"
        else:
            kept.append(index)
    body, spliced = _drop_inner_ledes(texts, kept)
    removed_as.update(spliced)
    body_text = _join_body(texts, body)
    signals = set(meta.signals)
    if signoff:
        signals.add("author_signoff")
    # With a known body the caller judges the genre on what it knows besides.
    genre: Genre = (
        "unknown"
        if located is not None
        else classify_genre(
            body=body_text,
            kickers=meta.kickers,
            signals=signals,
            title=meta.title,
            roles=[author.role for author in meta.authors if author.role],
        )
    )
    extracted = Extracted(
        body=body_text,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        publisher=meta.publisher,
        first_published_in=meta.first_published_in,
        genre=genre,
        date_from=meta.date_from,
    )
    removed: tuple[Removal, ...] = ()
    if explain:
        removed = _explain(texts, page, set(body), removed_as, meta)
    return PastedAnalysis(
        extracted=extracted, kickers=meta.kickers, signals=frozenset(signals), removed=removed
    )


_LEDE = re.compile(r"^[A-Z][A-Z .,'’\-]{2,40}(?:\([^)]{1,30}\))?\s*[-–—]{1,2}\s*\S")
_TEASER_HEADLINE_WORDS = 20


def _drop_inner_ledes(texts: Sequence[str], body: list[int]) -> tuple[list[int], dict[int, str]]:
    """Drop another article's lede spliced into the body, and its headline.

    A line opening with a dateline ("RIO GRANDE VALLEY, N.M.—…") inside the
    body, right after a paragraph that stops mid-sentence, is a teaser for
    another story set into this one: the sentence goes on after it.  A short
    line without a full stop just above it is that teaser's headline.
    """
    removed: dict[int, str] = {}
    for position in range(1, len(body)):
        index = body[position]
        if not _LEDE.match(texts[index]):
            continue
        before = position - 1
        if (
            before > 0
            and len(texts[body[before]].split()) <= _TEASER_HEADLINE_WORDS
            and not _SENTENCE_END.search(texts[body[before]])
            and not _SENTENCE_END.search(texts[body[before - 1]])
        ):
            removed[body[before]] = "headline of another article's teaser"
            before -= 1
        if _SENTENCE_END.search(texts[body[before]]):
            continue  # the paragraph above is whole: a dateline of this article
        removed[index] = "another article's lede set into a sentence of this one"
    return [index for index in body if index not in removed], removed


def _join_body(texts: Sequence[str], body: Sequence[int]) -> str:
    """The body's lines as paragraphs; a sentence cut by a removed block is made whole."""
    paragraphs: list[str] = []
    previous: int | None = None
    for index in body:
        text = texts[index]
        if (
            paragraphs
            and previous is not None
            and index - previous > 1
            and not _SENTENCE_END.search(paragraphs[-1])
            and text[:1].islower()
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        else:
            paragraphs.append(text)
        previous = index
    return "\n\n".join(paragraphs)


def _explain(
    texts: Sequence[str],
    page: _Page | None,
    body: set[int],
    removed_as: dict[int, str],
    meta: _Meta,
) -> tuple[Removal, ...]:
    """Why each line outside ``body`` was left out."""
    found: list[Removal] = []
    for index, text in enumerate(texts):
        if index in body:
            continue
        reason = removed_as.get(index)
        if reason is None and index == meta.byline_line:
            reason = "byline (taken as the authors)"
        if (
            reason is None
            and meta.byline_line is not None
            and index == meta.byline_line + 1
            and meta_lines.role_line(text) is not None
        ):
            reason = "the author's role"
        if reason is None and meta.title is not None and _key(text) == _key(meta.title):
            reason = "copy of the headline"
        if reason is None:
            reason = _line_reason(texts, page, index)
        found.append(Removal(line=index + 1, text=text, reason=reason))
    return tuple(found)


def _line_reason(texts: Sequence[str], page: _Page | None, index: int) -> str:
    """The classifier's reason for leaving line ``index`` out."""
    kind = _metadata_kind(texts[index])
    if kind is not None:
        return f"metadata: {kind}"
    if page is None:
        return "outside the body another extractor chose"
    line = page.lines[index]
    initial = page.initial[index]
    if initial == _SLOT:
        return "ad slot"
    if initial == _COPY:
        return "copy of a line above (share box, teaser)"
    if line.end_weight > 0.0:
        return "heading of end matter (comments, related, most read …)"
    if line.cue_score > _CUE_MAX:
        return f"page furniture (cue score {line.cue_score:.2f})"
    inside = page.start <= index < page.end
    if inside:
        if line.cue_score > _GAP_CUE_MAX:
            return f"furniture between paragraphs (cue score {line.cue_score:.2f})"
        return "between paragraphs, in a run holding a teaser, date or heading"
    if initial == _SHORT:
        return "short line outside the article"
    if initial == _BAD:
        return "not prose (few function words)"
    return "text outside the article's densest run (another item: teaser, comment, list)"
