"""Resolve date expressions against an article's publication date.

Reads: a spaCy ``Doc`` (its ``DATE`` and ``TIME`` entities and the dependency
parse around them) and the article's publication date, the *anchor*.  Produces:
one :class:`ResolvedDate` per expression that names a point or a stretch of time,
with its first and last day, its period (:data:`Period`) and the name of the rule
that decided it.  Expressions that name no point in time ("the time", "decades",
"every day", "for years") produce nothing: no guess is ever recorded.

How an expression is resolved:

1. The text is normalised (lower case, straight apostrophes, no full stops or
   commas, ordinal suffixes dropped, "this past"/"this coming" folded into
   "last"/"next").
2. The rules below are tried in order, each a compiled regular expression that
   must match the *whole* normalised text plus a small function; the first rule
   that returns a result wins.  A leading neutral preposition or hedge ("on",
   "in", "over", "just", ...) is peeled off and the rules are tried again.
3. Only when no rule applies, and the text looks like an explicit calendar date
   (a month name or a numeric date), is :mod:`dateparser` asked, once per
   ``(text, anchor, tense)`` thanks to a cache.

Durations and frequencies ("two years", "for years", "every day", "60 days",
"within days") match no rule and resolve to ``None``; stretches that end or start
at the article date ("the past week", "the next four years") are ranges.
Sequences ("three days later", "the following week", "that day") count from
the *reference*: the date the same paragraph named last, when it is precise
enough, else from the anchor ("that day" needs a reference).

Tense (:func:`sentence_tense`) comes from the verb that governs the expression
and decides the ambiguous cases: "this Sunday" in "which ended this Sunday" is
the Sunday before the article, in "will meet this Sunday" the one after; "in late
February" is the last February that has begun unless the verb points ahead.  The
conventions are written down in ``docs/dates.md``.

The vocabulary (month and weekday names, number words, seasons, holidays, the
windows of "early"/"mid"/"late") is data: ``eventwatch/data/dates/vocab.toml``,
read once per process; a malformed file raises :class:`~eventwatch.errors.ConfigError`
naming the file (and the line, for TOML syntax errors).
"""

from __future__ import annotations

import calendar
import datetime
import re
import tomllib
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from eventwatch.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "VOCAB_PATH",
    "DateVocab",
    "Period",
    "ResolvedDate",
    "Tense",
    "read_vocab",
    "resolve_doc_dates",
    "resolve_expression",
    "sentence_tense",
]

Tense = Literal["past", "present", "future"]
#: What a resolved expression covers.  ``*-part`` is the early, middle or late
#: stretch of a month, year or decade; ``half`` a half year; ``range`` any other
#: stretch (explicit ranges, "the past two weeks", "earlier this year").
Period = Literal[
    "day",
    "weekend",
    "week",
    "month-part",
    "month",
    "quarter",
    "season",
    "half",
    "year-part",
    "year",
    "decade-part",
    "decade",
    "century",
    "range",
]

VOCAB_PATH = Path(__file__).resolve().parent / "data" / "dates" / "vocab.toml"

#: Entity labels whose spans are resolved by :func:`resolve_doc_dates`.  TIME
#: spans only resolve when they name a day ("last night", "Sunday morning").
ENTITY_LABELS = ("DATE", "TIME")

#: Longest expression worth looking at; longer DATE spans are parser noise.
_MAX_CHARS = 80

#: A past-tense sentence may name a day this far after the anchor (a dateline in
#: another time zone) before the year is moved back.
_PAST_SLACK = datetime.timedelta(days=1)

_ONE_DAY = datetime.timedelta(days=1)

# Tokens just before a DATE entity that belong to the expression.
_LEADING_PREPOSITIONS = frozenset(
    {"in", "on", "at", "during", "over", "for", "within", "throughout", "by"}
)

# Leading words peeled off before the rules are tried again (longest first).
_STRIPPABLE = (
    "as recently as ",
    "as early as ",
    "as late as ",
    "some time ",
    "sometime ",
    "throughout ",
    "during ",
    "around ",
    "about ",
    "roughly ",
    "approximately ",
    "circa ",
    "just ",
    "only ",
    "over ",
    "for ",
    "on ",
    "at ",
    "in ",
    "by ",
)


# Verbs whose infinitive complement points ahead ("plans to meet on Sunday").
_FUTURE_GOVERNORS = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "intend",
        "aim",
        "set",
        "hope",
        "prepare",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "agree",
        "due",
        "slate",
    }
)
# Words between two DATE entities that make them one range ("March to May 2012").
_RANGE_JOINERS = frozenset({"to", "through", "until", "till", "-", "–", "—"})
# Words before the first entity of such a range that belong to it.
_RANGE_OPENERS = frozenset({"from", "between"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedDate:
    """A date expression tied to the calendar.

    ``date`` is the first day covered (the day itself, or the first day of the
    week, month, quarter, season, year, decade or range); ``end_date`` is the last
    day covered (equal to ``date`` for a day).  ``relative`` says whether the
    anchor (or an earlier date of the text) was needed; ``rule`` names the rule
    that decided, for provenance.  ``start``/``end`` are character offsets into
    the text the expression was read from.
    """

    text: str
    start: int
    end: int
    date: datetime.date
    end_date: datetime.date
    period: Period
    relative: bool
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date": self.date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "period": self.period,
            "relative": self.relative,
            "rule": self.rule,
        }


# --------------------------------------------------------------------------- public API


def resolve_expression(
    text: str,
    *,
    anchor: datetime.date | None,
    tense: Tense | None = None,
    reference: ResolvedDate | None = None,
) -> ResolvedDate | None:
    """Resolve one date expression relative to ``anchor`` (the publication date).

    ``tense`` is the tense of the sentence that carries the expression; it
    settles expressions such as "this Sunday" or "in late February".
    ``reference`` is the date the text named just before, the base of sequences
    such as "three days later".  Returns ``None`` for durations, frequencies and
    anything the rules are unsure about.  The offsets of the result cover the
    whole of ``text``.  Never raises on odd input.
    """
    hit = _resolve_text(text, anchor=anchor, tense=tense, reference=_reference_of(reference))
    if hit is None:
        return None
    return _to_resolved(hit, text=text, start=0, end=len(text))


def resolve_doc_dates(doc: Doc, *, anchor: datetime.date | None) -> list[ResolvedDate]:
    """Resolve the DATE (and day-naming TIME) entities of a parsed ``doc``, in text order.

    A preposition just before an entity that changes its meaning ("in two
    weeks", "for years", "over the past week") is taken into the expression, and
    so is a following "ago"; two entities joined by "to"/"through"/"-" are read
    as one range ("from March to May 2012"); offsets are into ``doc.text``.  The
    tense of each expression comes from its governing verb
    (:func:`sentence_tense`); sequences ("three days later") count from the last
    date resolved in the same paragraph.  With no ``anchor`` only explicit dates
    ("May 2012", "April 16, 2013") resolve.  Expressions that resolve to no date
    are left out.
    """
    entities = [ent for ent in doc.ents if ent.label_ in ENTITY_LABELS]
    if not entities:
        return []
    text = doc.text  # built from the tokens on every access: read it once
    resolved: list[ResolvedDate] = []
    index = 0
    while index < len(entities):
        ent = entities[index]
        found: ResolvedDate | None = None
        taken = 1
        if index + 1 < len(entities) and _joined(doc, ent, entities[index + 1]):
            found = _resolve_span(doc, text, ent, entities[index + 1], anchor, resolved)
            taken = 2
        if found is None:
            found = _resolve_span(doc, text, ent, None, anchor, resolved)
            taken = 1
        if found is not None:
            resolved.append(found)
        index += taken
    return resolved


def sentence_tense(span: Span) -> Tense | None:
    """The tense of the verb governing ``span``, or ``None`` when there is none.

    Walks from the span's root up the dependency heads to the first verb.
    Future: a modal auxiliary (will, shall, would, may, ...; "could have gone" is
    past), "going to"/"about to", an infinitive under a verb of intent ("plans
    to", "is scheduled to") or a headline infinitive ("Kerry to visit Seoul").
    Past: a past-tense verb or auxiliary (VBD), a perfect (has/had + VBN) or a
    bare participle ("the law passed last month").  Present: other finite verbs.
    A participle or infinitive that settles nothing defers to the verb above it.
    """
    try:
        token: Token = span.root
        for _ in range(24):
            if _is_verb(token) and not (span.start <= token.i < span.end):
                tense = _verb_tense(token)
                if tense != "defer":
                    return tense
            if token.head.i == token.i:
                return None
            token = token.head
    except (AttributeError, IndexError):
        return None
    return None


# --------------------------------------------------------------------------- tense


def _is_verb(token: Token) -> bool:
    tag: str = token.tag_
    return (tag.startswith("VB") or tag == "MD") and token.dep_ not in ("aux", "auxpass")


def _verb_tense(verb: Token) -> Tense | Literal["defer"]:
    """Tense of one verb from its tag and auxiliaries; "defer" to ask its head."""
    tag: str = verb.tag_
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if tag == "MD":
        return "future"
    modals = [aux for aux in auxiliaries if aux.tag_ == "MD"]
    if modals:
        perfect = tag == "VBN" and any(aux.lemma_ == "have" for aux in auxiliaries)
        modal = modals[0].lower_
        if perfect and modal not in ("will", "shall", "'ll"):
            return "past"
        return "future"
    if verb.lemma_ in ("go", "about") and any(
        child.dep_ == "xcomp" and any(grand.lower_ == "to" for grand in child.children)
        for child in verb.children
    ):
        return "future"
    if tag == "VB" and any(aux.lower_ == "to" for aux in auxiliaries):
        head = verb.head
        if head.i == verb.i:
            return "future"  # headline infinitive: "Kerry to visit Seoul on Sunday"
        if head.lemma_ in _FUTURE_GOVERNORS or (head.lemma_ == "go" and head.tag_ == "VBG"):
            return "future"
        return "defer"
    if (
        tag == "VBN"
        and verb.lemma_ in _FUTURE_GOVERNORS
        and any(aux.dep_ == "auxpass" for aux in auxiliaries)
    ):
        if any(aux.tag_ == "VBD" for aux in auxiliaries):
            return "present"  # "was scheduled for May 3": a plan either side, the nearest
        return "future"  # "the vote is scheduled for next Tuesday"
    finite = next((aux for aux in auxiliaries if aux.lower_ != "to"), None)
    if finite is not None:
        if finite.tag_ == "VBD":
            return "past"
        if finite.lemma_ == "have" and tag == "VBN":
            return "past"  # present perfect reports the past
        if finite.tag_ in ("VBZ", "VBP"):
            return "present"
        return "defer"
    if tag in ("VBD", "VBN"):
        return "past"
    if tag in ("VBZ", "VBP"):
        return "present"
    return "defer"


def _expression_bounds(doc: Doc, ent: Span) -> tuple[int, int]:
    """Character bounds of ``ent`` grown by a meaningful preposition and "ago"."""
    start: int = ent.start_char
    end: int = ent.end_char
    if ent.start > 0:
        before = doc[ent.start - 1]
        if before.lower_ in _LEADING_PREPOSITIONS and not before.is_sent_end:
            start = before.idx
    if ent.end < len(doc):
        after = doc[ent.end]
        if after.lower_ == "ago":
            end = after.idx + len(after.text)
    return start, end


def _joined(doc: Doc, first: Span, second: Span) -> bool:
    """Whether two DATE entities are the ends of one range ("March to May 2012")."""
    return second.start == first.end + 1 and doc[first.end].lower_ in _RANGE_JOINERS


def _resolve_span(
    doc: Doc,
    doc_text: str,
    first: Span,
    last: Span | None,
    anchor: datetime.date | None,
    earlier: Sequence[ResolvedDate],
) -> ResolvedDate | None:
    """Resolve one entity (or the range from ``first`` to ``last``) of ``doc``."""
    start, end = _expression_bounds(doc, first)
    if last is not None:
        end = _expression_bounds(doc, last)[1]
        if first.start > 0 and doc[first.start - 1].lower_ in _RANGE_OPENERS:
            start = doc[first.start - 1].idx
    text = doc_text[start:end]
    reference = _paragraph_reference(doc_text, start, earlier)
    hit = _resolve_text(text, anchor=anchor, tense=sentence_tense(first), reference=reference)
    return None if hit is None else _to_resolved(hit, text=text, start=start, end=end)


def _paragraph_reference(
    text: str, start: int, earlier: Sequence[ResolvedDate]
) -> _Reference | None:
    """The last date resolved before ``start`` in the same paragraph, if any."""
    if not earlier:
        return None
    previous = earlier[-1]
    if "\n\n" in text[previous.end : start]:
        return None
    return _reference_of(previous)


def _reference_of(resolved: ResolvedDate | None) -> _Reference | None:
    if resolved is None:
        return None
    return _Reference(first=resolved.date, last=resolved.end_date)


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True, slots=True)
class _Floating:
    month: int
    weekday: int
    nth: int
    first_day: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DateVocab:
    """The vocabulary of the resolver, read from ``vocab.toml`` (see that file)."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    vague_numbers: Mapping[str, int]
    ordinals: Mapping[str, int]
    seasons: Mapping[str, tuple[int, int]]
    part_words: Mapping[str, str]
    month_parts: Mapping[str, tuple[int, int]]
    year_parts: Mapping[str, tuple[int, int]]
    decade_parts: Mapping[str, tuple[int, int]]
    decade_words: Mapping[str, int]
    fixed_holidays: Mapping[str, tuple[int, int]]
    floating_holidays: Mapping[str, _Floating]


_PARTS = ("early", "mid", "late")


class _VocabReader:
    """Checks the tables of one vocabulary file; errors name the file and line."""

    def __init__(self, path: Path, text: str, raw: Mapping[str, Any]) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.raw = raw

    def fail(self, table: str, key: str | None, problem: str) -> ConfigError:
        line = self.line_of(table, key)
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        name = f"[{table}]" if key is None else f"[{table}] {key!r}"
        return ConfigError(f"{where}: {name}: {problem}; fix the vocabulary file")

    def line_of(self, table: str, key: str | None) -> int | None:
        """The line of ``key`` in ``[table]`` (or of the header), by a plain scan."""
        current = ""
        for number, raw_line in enumerate(self.lines, start=1):
            line = raw_line.strip()
            if line.startswith("[") and line.endswith("]"):
                current = line.strip("[] ")
                if key is None and current == table:
                    return number
                continue
            if current == table and key is not None:
                name = line.partition("=")[0].strip().strip("\"'")
                if name == key:
                    return number
        return None

    def table(self, dotted: str) -> Mapping[str, Any]:
        value: Any = self.raw
        for part in dotted.split("."):
            if not isinstance(value, Mapping) or part not in value:
                raise self.fail(dotted, None, "table missing")
            value = value[part]
        if not isinstance(value, Mapping) or not value:
            raise self.fail(dotted, None, "expected a table with at least one entry")
        return value

    def ints(self, dotted: str, low: int, high: int) -> Mapping[str, int]:
        out: dict[str, int] = {}
        for key, value in self.table(dotted).items():
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise self.fail(dotted, key, f"expected a whole number {low}-{high}, got {value!r}")
            out[str(key)] = value
        return MappingProxyType(out)

    def pairs(self, dotted: str, low: int, high: int) -> Mapping[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for key, value in self.table(dotted).items():
            if (
                not isinstance(value, list)
                or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
                or not all(low <= v <= high for v in value)
            ):
                raise self.fail(dotted, key, f"expected [first, last] within {low}-{high}")
            out[str(key)] = (int(value[0]), int(value[1]))
        return MappingProxyType(out)

    def parts(self, dotted: str, low: int, high: int) -> Mapping[str, tuple[int, int]]:
        table = self.pairs(dotted, low, high)
        missing = [part for part in _PARTS if part not in table]
        if missing:
            raise self.fail(dotted, None, f"needs the parts {', '.join(_PARTS)}")
        for key, (first, last) in table.items():
            if first > last:
                raise self.fail(dotted, key, "the first value must not exceed the last")
        return table

    def part_words(self) -> Mapping[str, str]:
        out: dict[str, str] = {}
        for key, value in self.table("part_words").items():
            if value not in _PARTS:
                raise self.fail("part_words", key, f"expected one of {', '.join(_PARTS)}")
            out[str(key)] = str(value)
        return MappingProxyType(out)

    def fixed_holidays(self) -> Mapping[str, tuple[int, int]]:
        table = self.pairs("holidays.fixed", 1, 31)
        for key, (month, day) in table.items():
            if _safe_day(2000, month, day) is None:
                raise self.fail("holidays.fixed", key, "expected [month, day] of a real day")
        return table

    def floating_holidays(self) -> Mapping[str, _Floating]:
        out: dict[str, _Floating] = {}
        for key, spec in self.table("holidays.floating").items():
            try:
                entry = _Floating(
                    month=int(spec["month"]),
                    weekday=int(spec["weekday"]),
                    nth=int(spec["nth"]),
                    first_day=int(spec.get("from", 1)),
                )
            except (TypeError, KeyError, ValueError, AttributeError) as error:
                raise self.fail(
                    "holidays.floating", key, "expected { month, weekday, nth[, from] }"
                ) from error
            if not (
                1 <= entry.month <= 12
                and 0 <= entry.weekday <= 6
                and entry.nth in (-1, 1, 2, 3, 4, 5)
                and 1 <= entry.first_day <= 28
            ):
                raise self.fail("holidays.floating", key, "a value is out of range")
            out[str(key)] = entry
        return MappingProxyType(out)


def read_vocab(path: Path) -> DateVocab:
    """Read and check a vocabulary file; :class:`ConfigError` names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read the date vocabulary {path}: {error}") from error
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    reader = _VocabReader(path, text, raw)
    return DateVocab(
        months=reader.ints("months", 1, 12),
        weekdays=reader.ints("weekdays", 0, 6),
        numbers=reader.ints("numbers", 0, 10_000),
        vague_numbers=reader.ints("vague_numbers", 1, 100),
        ordinals=reader.ints("ordinals", 1, 100),
        seasons=reader.pairs("seasons", 1, 12),
        part_words=reader.part_words(),
        month_parts=reader.parts("parts.month", 1, 31),
        year_parts=reader.parts("parts.year", 1, 12),
        decade_parts=reader.parts("parts.decade", 0, 9),
        decade_words=reader.ints("decade_words", 1000, 2190),
        fixed_holidays=reader.fixed_holidays(),
        floating_holidays=reader.floating_holidays(),
    )


@cache
def _vocab() -> DateVocab:
    """The shipped vocabulary, read once per process."""
    return read_vocab(VOCAB_PATH)


# --------------------------------------------------------------------------- calendar helpers


@dataclass(frozen=True, slots=True)
class _Hit:
    """What a rule decides; offsets are added by the caller."""

    date: datetime.date
    end_date: datetime.date
    period: Period
    relative: bool
    rule: str


@dataclass(frozen=True, slots=True)
class _Reference:
    """The stretch an earlier expression named: the base of "three days later"."""

    first: datetime.date
    last: datetime.date

    def fits(self, unit: str) -> bool:
        """Whether it is precise enough to count ``unit``s from (a day for "days")."""
        return (self.last - self.first).days < _UNIT_DAYS.get(unit, 0)


Bounds = tuple[datetime.date, datetime.date]
_UNIT_DAYS: Mapping[str, int] = MappingProxyType(
    {"day": 1, "week": 7, "month": 31, "year": 366, "decade": 3653}
)


def _month_bounds(year: int, month: int) -> Bounds:
    return (
        datetime.date(year, month, 1),
        datetime.date(year, month, calendar.monthrange(year, month)[1]),
    )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _on_or_before(day: datetime.date, weekday: int) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def _on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _strictly_before(day: datetime.date, weekday: int) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - weekday - 1) % 7 + 1)


def _strictly_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _distance(bounds: Bounds, anchor: datetime.date) -> int:
    first, last = bounds
    if first <= anchor <= last:
        return 0
    return min(abs((first - anchor).days), abs((last - anchor).days))


PickMode = Literal["tense", "last", "next"]


def _pick(
    bounds_for_year: Callable[[int], Bounds | None],
    *,
    anchor: datetime.date,
    tense: Tense | None,
    mode: PickMode = "tense",
    within_year: bool = False,
) -> Bounds | None:
    """Choose which year's occurrence of a yearly day or stretch is meant.

    ``last``: the latest that ended before the anchor; ``next``: the earliest that
    starts after it.  By tense: future, the earliest not yet over; present, the
    nearest (the earlier on a tie); past or unknown, the latest that has begun by
    the anchor (give or take :data:`_PAST_SLACK`).  ``within_year`` keeps only
    occurrences that overlap the anchor's calendar year ("this winter").
    """
    candidates = [
        bounds
        for year in range(anchor.year - 4, anchor.year + 5)
        if (bounds := bounds_for_year(year)) is not None
    ]
    if within_year:
        candidates = [c for c in candidates if c[0].year <= anchor.year <= c[1].year]
        current = [c for c in candidates if c[0] <= anchor <= c[1]]
        if current:
            return current[0]
    if mode == "last":
        return max((c for c in candidates if c[1] < anchor), default=None)
    if mode == "next":
        return min((c for c in candidates if c[0] > anchor), default=None)
    if tense == "future":
        return min((c for c in candidates if c[1] >= anchor), default=None)
    if tense == "present":
        return min(candidates, key=lambda c: (_distance(c, anchor), c[0]), default=None)
    return max((c for c in candidates if c[0] <= anchor + _PAST_SLACK), default=None)


def _safe_day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _part_of_month(year: int, month: int, part: str) -> Bounds:
    low, high = _vocab().month_parts[part]
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(low, last)), datetime.date(year, month, min(high, last))


def _part_of_year(year: int, part: str) -> Bounds:
    low, high = _vocab().year_parts[part]
    return datetime.date(year, low, 1), _month_bounds(year, high)[1]


def _season_bounds(name: str, year: int) -> Bounds:
    """The season ``name`` whose last month falls in ``year``."""
    first, last = _vocab().seasons[name]
    start_year = year - 1 if first > last else year
    return datetime.date(start_year, first, 1), _month_bounds(year, last)[1]


def _quarter_bounds(year: int, quarter: int) -> Bounds:
    first = 3 * (quarter - 1) + 1
    return datetime.date(year, first, 1), _month_bounds(year, first + 2)[1]


def _floating_day(spec: _Floating, year: int) -> datetime.date:
    if spec.nth < 0:
        last = _month_bounds(year, spec.month)[1]
        return _on_or_before(last, spec.weekday)
    first = _on_or_after(datetime.date(year, spec.month, spec.first_day), spec.weekday)
    return first + datetime.timedelta(weeks=spec.nth - 1)


def _unit_bounds(unit: str, anchor: datetime.date, offset: int) -> tuple[Bounds, Period]:
    """The calendar week/month/quarter/year ``offset`` units from the anchor's."""
    if unit == "week":
        monday = _monday(anchor) + datetime.timedelta(weeks=offset)
        return (monday, monday + datetime.timedelta(days=6)), "week"
    if unit == "month":
        first = _add_months(anchor.replace(day=1), offset)
        return _month_bounds(first.year, first.month), "month"
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + offset
        return _quarter_bounds(index // 4, index % 4 + 1), "quarter"
    year = anchor.year + offset
    return (datetime.date(year, 1, 1), datetime.date(year, 12, 31)), "year"


def _shift(anchor: datetime.date, unit: str, amount: int) -> datetime.date:
    """The anchor moved ``amount`` units (negative: back)."""
    if unit == "day":
        return anchor + datetime.timedelta(days=amount)
    if unit == "week":
        return anchor + datetime.timedelta(weeks=amount)
    if unit == "month":
        return _add_months(anchor, amount)
    if unit == "year":
        return _add_months(anchor, 12 * amount)
    return _add_months(anchor, 120 * amount)  # decade


def _point_for_unit(day: datetime.date, unit: str) -> tuple[Bounds, Period]:
    """The day, week, month or year that contains ``day`` ("three weeks ago")."""
    if unit == "day":
        return (day, day), "day"
    if unit == "week":
        return _unit_bounds("week", day, 0)
    if unit == "month":
        return _month_bounds(day.year, day.month), "month"
    return (datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)), "year"


# --------------------------------------------------------------------------- normalisation

_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        ",": " ",
    }
)
_STOP_AFTER_LETTER = re.compile(r"(?<=[a-z])\.")
_ORDINAL_SUFFIX = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_EDGE_PUNCTUATION = ' .;:!?()[]{}"-'


def _normalise(text: str) -> str:
    value = text.lower().translate(_CHAR_MAP)
    value = _STOP_AFTER_LETTER.sub("", value)
    value = _ORDINAL_SUFFIX.sub(r"\1", value)
    value = _SPACED_HYPHEN.sub("-", value)
    value = _SPACES.sub(" ", value).strip(_EDGE_PUNCTUATION)
    if value.endswith("'s"):
        value = value[:-2]
    elif value.endswith("'") and not value.endswith("s'"):
        value = value[:-1]
    value = value.replace("this past ", "last ").replace("this coming ", "next ")
    return value.strip()


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: datetime.date | None
    tense: Tense | None
    vocab: DateVocab
    reference: _Reference | None


RuleFn = Callable[[re.Match[str], _Context], _Hit | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    apply: RuleFn
    needs_anchor: bool


def _hit(bounds: Bounds, period: Period, *, relative: bool, rule: str) -> _Hit:
    return _Hit(date=bounds[0], end_date=bounds[1], period=period, relative=relative, rule=rule)


def _day(day: datetime.date, *, relative: bool, rule: str) -> _Hit:
    return _hit((day, day), "day", relative=relative, rule=rule)


def _anchor(ctx: _Context) -> datetime.date:
    if ctx.anchor is None:  # guarded by _Rule.needs_anchor; kept for the type checker
        raise ValueError("rule needs an anchor")
    return ctx.anchor


def _number(word: str | None, ctx: _Context, *, vague_ok: bool = False) -> int | None:
    """Read "3", "three", "twenty-five", "a"; vague words only where allowed."""
    if word is None:
        return 1
    if word.isdigit():
        return int(word)
    if word in ctx.vocab.numbers:
        return ctx.vocab.numbers[word]
    if word in ctx.vocab.vague_numbers:
        return ctx.vocab.vague_numbers[word] if vague_ok else None
    tens, _, units = word.partition("-")
    numbers = ctx.vocab.numbers
    if (
        units
        and tens in numbers
        and units in numbers
        and numbers[tens] % 10 == 0
        and numbers[units] < 10
    ):
        return numbers[tens] + numbers[units]
    return None


def _plausible_year(year: int) -> bool:
    return 1000 <= year <= 2199


def _year_ref(text: str | None, ctx: _Context) -> tuple[int, bool] | None:
    """A year as written: "2012" (explicit) or "this/last/next year" (relative)."""
    if text is None:
        return None
    if text.isdigit():
        year = int(text)
        return (year, False) if _plausible_year(year) else None
    if ctx.anchor is None:
        return None
    offsets = {"this year": 0, "the year": 0, "last year": -1, "next year": 1}
    if text in offsets:
        return ctx.anchor.year + offsets[text], True
    return None


# The rule functions.  Each receives a full match over the normalised text.


def _rule_day_word(offset: int, name: str) -> RuleFn:
    def apply(match: re.Match[str], ctx: _Context) -> _Hit | None:
        day = _anchor(ctx) + datetime.timedelta(days=offset)
        return _day(day, relative=True, rule=name)

    return apply


def _ahead(ctx: _Context) -> bool:
    """Whether a "this"/bare weekday or weekend points ahead: present or future tense."""
    return ctx.tense in ("present", "future")


def _rule_weekday(match: re.Match[str], ctx: _Context) -> _Hit | None:
    anchor = _anchor(ctx)
    weekday = ctx.vocab.weekdays[match["weekday"]]
    modifier = match["mod"] or ""
    if modifier == "last":
        return _day(_strictly_before(anchor, weekday), relative=True, rule="last-weekday")
    if modifier == "next":
        return _day(_strictly_after(anchor, weekday), relative=True, rule="next-weekday")
    prefix = "this-weekday" if modifier == "this" else "weekday"
    if _ahead(ctx):
        return _day(_on_or_after(anchor, weekday), relative=True, rule=f"{prefix}-ahead")
    return _day(_on_or_before(anchor, weekday), relative=True, rule=f"{prefix}-past")


def _rule_weekend(match: re.Match[str], ctx: _Context) -> _Hit | None:
    anchor = _anchor(ctx)
    modifier = match["mod"] or "the"
    saturday, sunday = 5, 6
    if modifier in ("last", "the past"):
        end = _strictly_before(anchor, sunday)
        rule = "last-weekend"
    elif modifier == "next":
        end = _strictly_after(anchor, saturday) + _ONE_DAY
        rule = "next-weekend"
    elif modifier == "the coming" or _ahead(ctx):
        end = _on_or_after(anchor, sunday)
        rule = f"{'this' if modifier == 'this' else 'the'}-weekend-ahead"
    else:  # "the weekend", "over the weekend", "this weekend" in the past tense
        end = _on_or_before(anchor, saturday) + _ONE_DAY
        rule = f"{'this' if modifier == 'this' else 'the'}-weekend-past"
    return _hit((end - _ONE_DAY, end), "weekend", relative=True, rule=rule)


_UNIT_OFFSETS = MappingProxyType({"this": 0, "the current": 0, "last": -1})


def _rule_relative_unit(match: re.Match[str], ctx: _Context) -> _Hit | None:
    unit = match["unit"]
    which = match["which"]
    offset = _UNIT_OFFSETS.get(which, 1)
    bounds, period = _unit_bounds(unit, _anchor(ctx), offset)
    name = {0: "this", -1: "last", 1: "next"}[offset]
    return _hit(bounds, period, relative=True, rule=f"{name}-{unit}")


def _rule_earlier_later(match: re.Match[str], ctx: _Context) -> _Hit | None:
    anchor = _anchor(ctx)
    unit = match["unit"]
    (first, last), _ = _unit_bounds(unit, anchor, 0)
    if match["when"] == "earlier":
        return _hit((first, anchor), "range", relative=True, rule=f"earlier-this-{unit}")
    return _hit((anchor, last), "range", relative=True, rule=f"later-this-{unit}")


def _rule_part_of_unit(match: re.Match[str], ctx: _Context) -> _Hit | None:
    anchor = _anchor(ctx)
    part = ctx.vocab.part_words[match["part"]]
    unit = match["unit"]
    offset = {"this": 0, "the": 0, "last": -1, "next": 1}[match["which"]]
    (first, _), _period = _unit_bounds(unit, anchor, offset)
    if unit == "month":
        bounds = _part_of_month(first.year, first.month, part)
        return _hit(bounds, "month-part", relative=True, rule=f"{part}-{unit}")
    bounds = _part_of_year(first.year, part)
    return _hit(bounds, "year-part", relative=True, rule=f"{part}-{unit}")


def _rule_quarter(match: re.Match[str], ctx: _Context) -> _Hit | None:
    raw = match["q"]
    quarter = int(raw) if raw.isdigit() else ctx.vocab.ordinals.get(raw, 0)
    if not 1 <= quarter <= 4:
        return None
    year_text = match["year"]
    if year_text is not None:
        reference = _year_ref(year_text, ctx)
        if reference is None:
            return None
        year, relative = reference
        return _hit(_quarter_bounds(year, quarter), "quarter", relative=relative, rule="quarter")
    if ctx.anchor is None:
        return None
    bounds = _pick(lambda y: _quarter_bounds(y, quarter), anchor=ctx.anchor, tense=ctx.tense)
    if bounds is None:
        return None
    return _hit(bounds, "quarter", relative=True, rule="quarter-anchor-year")


def _rule_ago(match: re.Match[str], ctx: _Context) -> _Hit | None:
    amount = _number(match["n"], ctx)
    if amount is None:
        return None
    unit = match["unit"]
    day = _shift(_anchor(ctx), unit, -amount)
    bounds, period = _point_for_unit(day, "year" if unit == "decade" else unit)
    return _hit(bounds, period, relative=True, rule="ago")


def _rule_in_offset(match: re.Match[str], ctx: _Context) -> _Hit | None:
    if ctx.tense == "past":
        return None  # "was built in two weeks": a duration
    amount = _number(match["n"], ctx)
    if amount is None:
        return None
    unit = match["unit"]
    day = _shift(_anchor(ctx), unit, amount)
    bounds, period = _point_for_unit(day, "year" if unit == "decade" else unit)
    return _hit(bounds, period, relative=True, rule="in-offset")


def _rule_in_offset_from_now(match: re.Match[str], ctx: _Context) -> _Hit | None:
    amount = _number(match["n2"], ctx)
    if amount is None:
        return None
    unit = match["unit2"]
    day = _shift(_anchor(ctx), unit, amount)
    bounds, period = _point_for_unit(day, "year" if unit == "decade" else unit)
    return _hit(bounds, period, relative=True, rule="in-offset")


def _base(ctx: _Context, unit: str) -> tuple[datetime.date, str] | None:
    """Where a sequence counts from: the reference when precise enough, else the anchor."""
    if ctx.reference is not None and ctx.reference.fits(unit):
        return ctx.reference.first, "previous-date"
    if ctx.anchor is not None:
        return ctx.anchor, "anchor"
    return None


_BACKWARD = frozenset({"earlier", "before", "prior", "previous", "preceding"})


def _rule_sequence(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """ "three days later", "two years earlier", "a week afterwards"."""
    amount = _number(match["n"], ctx)
    unit = match["unit"]
    base = _base(ctx, unit)
    if amount is None or base is None:
        return None
    day, source = base
    sign = -1 if match["dir"] in _BACKWARD else 1
    bounds, period = _point_for_unit(_shift(day, unit, sign * amount), unit)
    word = "earlier" if sign < 0 else "later"
    return _hit(bounds, period, relative=True, rule=f"{word}-from-{source}")


def _rule_adjacent(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """ "the next day", "the day before", "the following week", "the previous month"."""
    unit = match["unit"] or "day"
    base = _base(ctx, unit)
    if base is None:
        return None
    day, source = base
    offset = -1 if (match["dir"] or match["dir2"]) in _BACKWARD else 1
    if unit == "day":
        bounds, period = _point_for_unit(day + offset * _ONE_DAY, "day")
    else:
        bounds, period = _unit_bounds(unit, day, offset)
    word = "preceding" if offset < 0 else "following"
    return _hit(bounds, period, relative=True, rule=f"{word}-{unit}-from-{source}")


def _rule_same(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """ "that day", "the same week", "later that year": only with a reference."""
    unit = match["unit"]
    if ctx.reference is None or not ctx.reference.fits(unit):
        return None
    bounds, period = _point_for_unit(ctx.reference.first, unit)
    return _hit(bounds, period, relative=True, rule=f"same-{unit}-as-previous-date")


def _rule_anchored_range(match: re.Match[str], ctx: _Context) -> _Hit | None:
    anchor = _anchor(ctx)
    amount = _number(match["n"], ctx, vague_ok=True)
    if amount is None or amount <= 0:
        return None
    unit = match["unit"]
    if match["n"] is None and match["plural"]:
        return None  # "the coming days", "the past years": how many?
    if match["dir"] in ("next", "coming"):
        end = _shift(anchor, unit, amount) - _ONE_DAY
        return _hit((anchor, end), "range", relative=True, rule="next-range")
    start = _shift(anchor, unit, -amount) + _ONE_DAY
    return _hit((start, anchor), "range", relative=True, rule="past-range")


def _rule_iso(match: re.Match[str], ctx: _Context) -> _Hit | None:
    day = _safe_day(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None or not _plausible_year(day.year):
        return None
    return _day(day, relative=False, rule="explicit-iso")


def _rule_numeric_us(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """ "4/12/2013" is month/day (US style); "12.4.2013" day.month (European style)."""
    year = int(match["y"])
    if len(match["y"]) == 2:
        year += 2000 if year < 50 else 1900
    day = _safe_day(year, int(match["m"]), int(match["d"]))
    if day is None:
        return None
    return _day(day, relative=False, rule="explicit-numeric")


def _month_day(month: int, day: int, year_text: str | None, ctx: _Context) -> _Hit | None:
    if year_text is not None:
        found = _safe_day(int(year_text), month, day)
        if found is None or not _plausible_year(found.year):
            return None
        return _day(found, relative=False, rule="explicit-day")
    if ctx.anchor is None or not 1 <= day <= 31:
        return None

    def bounds(year: int) -> Bounds | None:
        found = _safe_day(year, month, day)
        return None if found is None else (found, found)

    picked = _pick(bounds, anchor=ctx.anchor, tense=ctx.tense)
    if picked is None:
        return None
    return _day(picked[0], relative=True, rule="month-day-anchor-year")


def _rule_month_day(match: re.Match[str], ctx: _Context) -> _Hit | None:
    month = ctx.vocab.months[match["month"]]
    return _month_day(month, int(match["d"]), match["y"], ctx)


def _rule_day_range(match: re.Match[str], ctx: _Context) -> _Hit | None:
    first_month = ctx.vocab.months[match["m1"]]
    last_month = ctx.vocab.months[match["m2"]] if match["m2"] else first_month
    first = _month_day(first_month, int(match["d1"]), match["y"], ctx)
    if first is None:
        return None
    last = _safe_day(first.date.year, last_month, int(match["d2"]))
    if last is not None and last < first.date:
        last = _safe_day(first.date.year + 1, last_month, int(match["d2"]))
    if last is None or (last - first.date).days > 366:
        return None
    return _hit((first.date, last), "range", relative=first.relative, rule="day-range")


def _rule_month(match: re.Match[str], ctx: _Context) -> _Hit | None:
    month = ctx.vocab.months[match["month"]]
    part = ctx.vocab.part_words[match["part"]] if match["part"] else None

    def bounds(year: int) -> Bounds:
        if part is None:
            return _month_bounds(year, month)
        return _part_of_month(year, month, part)

    period: Period = "month" if part is None else "month-part"
    kind = "month" if part is None else f"{part}-month"
    year_text = match["y"]
    if year_text is not None:
        year = int(year_text)
        if not _plausible_year(year):
            return None
        return _hit(bounds(year), period, relative=False, rule=f"explicit-{kind}")
    if ctx.anchor is None:
        return None
    anchor = ctx.anchor
    modifier = match["mod"]
    if modifier == "this":
        return _hit(bounds(anchor.year), period, relative=True, rule=f"this-{kind}")
    if modifier in ("last", "next"):
        whole = _pick(
            lambda y: _month_bounds(y, month),
            anchor=anchor,
            tense=ctx.tense,
            mode="last" if modifier == "last" else "next",
        )
        if whole is None:
            return None
        return _hit(bounds(whole[0].year), period, relative=True, rule=f"{modifier}-{kind}")
    picked = _pick(bounds, anchor=anchor, tense=ctx.tense)
    if picked is None:
        return None
    return _hit(picked, period, relative=True, rule=f"{kind}-anchor-year")


def _rule_month_range(match: re.Match[str], ctx: _Context) -> _Hit | None:
    first_month = ctx.vocab.months[match["m1"]]
    last_month = ctx.vocab.months[match["m2"]]
    year_text = match["y"]
    if year_text is None:
        return None
    year = int(year_text)
    if not _plausible_year(year):
        return None
    first_year = year if first_month <= last_month else year - 1
    bounds = (_month_bounds(first_year, first_month)[0], _month_bounds(year, last_month)[1])
    return _hit(bounds, "range", relative=False, rule="month-range")


def _rule_year(match: re.Match[str], ctx: _Context) -> _Hit | None:
    year = int(match["y"])
    if not _plausible_year(year):
        return None
    bounds = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return _hit(bounds, "year", relative=False, rule="explicit-year")


def _rule_part_of_year(match: re.Match[str], ctx: _Context) -> _Hit | None:
    year = int(match["y"])
    if not _plausible_year(year):
        return None
    part = ctx.vocab.part_words[match["part"]]
    return _hit(
        _part_of_year(year, part), "year-part", relative=False, rule=f"explicit-{part}-year"
    )


def _rule_year_range(match: re.Match[str], ctx: _Context) -> _Hit | None:
    first = int(match["y1"])
    raw = match["y2"]
    last = int(raw) if len(raw) == 4 else first // 100 * 100 + int(raw)
    if not (_plausible_year(first) and _plausible_year(last)) or not first < last <= first + 100:
        return None
    bounds = (datetime.date(first, 1, 1), datetime.date(last, 12, 31))
    return _hit(bounds, "range", relative=False, rule="year-range")


def _rule_half(match: re.Match[str], ctx: _Context) -> _Hit | None:
    reference = _year_ref(match["year"], ctx)
    if reference is None:
        return None
    year, relative = reference
    if match["h"] == "first":
        bounds = (datetime.date(year, 1, 1), datetime.date(year, 6, 30))
    else:
        bounds = (datetime.date(year, 7, 1), datetime.date(year, 12, 31))
    return _hit(bounds, "half", relative=relative, rule="half-year")


def _decade_hit(decade: int, part: str | None, *, relative: bool) -> _Hit:
    if part is None:
        bounds = (datetime.date(decade, 1, 1), datetime.date(decade + 9, 12, 31))
        return _hit(bounds, "decade", relative=relative, rule="decade")
    low, high = _vocab().decade_parts[part]
    bounds = (datetime.date(decade + low, 1, 1), datetime.date(decade + high, 12, 31))
    return _hit(bounds, "decade-part", relative=relative, rule=f"{part}-decade")


def _rule_decade(match: re.Match[str], ctx: _Context) -> _Hit | None:
    part = ctx.vocab.part_words[match["part"]] if match["part"] else None
    if match["full"]:
        decade = int(match["full"])
        if not _plausible_year(decade):
            return None
        return _decade_hit(decade, part, relative=False)
    if match["word"]:
        return _decade_hit(ctx.vocab.decade_words[match["word"]], part, relative=False)
    short = int(match["short"])
    if short >= 30:
        return _decade_hit(1900 + short, part, relative=False)
    if ctx.anchor is None:
        return None
    century = 2000 if 2000 + short <= ctx.anchor.year else 1900
    return _decade_hit(century + short, part, relative=True)


def _rule_century(match: re.Match[str], ctx: _Context) -> _Hit | None:
    raw = match["n"]
    number = int(raw) if raw.isdigit() else ctx.vocab.ordinals.get(raw, 0)
    if not 11 <= number <= 22:
        return None
    first = (number - 1) * 100 + 1
    bounds = (datetime.date(first, 1, 1), datetime.date(first + 99, 12, 31))
    return _hit(bounds, "century", relative=False, rule="century")


def _rule_season(match: re.Match[str], ctx: _Context) -> _Hit | None:
    season = match["season"]
    year_text = match["y"]
    if year_text is not None:
        year = int(year_text)
        if not _plausible_year(year):
            return None
        bounds = _season_bounds(season, year)
        return _hit(bounds, "season", relative=False, rule="explicit-season")
    if ctx.anchor is None:
        return None
    modifier = match["mod"]
    mode: PickMode = "last" if modifier == "last" else "next" if modifier == "next" else "tense"
    picked = _pick(
        lambda y: _season_bounds(season, y),
        anchor=ctx.anchor,
        tense=ctx.tense,
        mode=mode,
        within_year=modifier == "this",
    )
    if picked is None:
        return None
    name = f"{modifier}-season" if modifier in ("last", "next", "this") else "season-anchor-year"
    return _hit(picked, "season", relative=True, rule=name)


def _rule_holiday(match: re.Match[str], ctx: _Context) -> _Hit | None:
    name = match["holiday"]
    fixed = ctx.vocab.fixed_holidays.get(name)
    floating = ctx.vocab.floating_holidays.get(name)

    def bounds(year: int) -> Bounds | None:
        if fixed is not None:
            day = _safe_day(year, fixed[0], fixed[1])
        elif floating is not None:
            day = _floating_day(floating, year)
        else:
            return None
        return None if day is None else (day, day)

    year_text = match["y"]
    if year_text is not None:
        year = int(year_text)
        found = bounds(year) if _plausible_year(year) else None
        if found is None:
            return None
        return _day(found[0], relative=False, rule="holiday")
    if ctx.anchor is None:
        return None
    modifier = match["mod"]
    mode: PickMode = "last" if modifier == "last" else "next" if modifier == "next" else "tense"
    picked = _pick(bounds, anchor=ctx.anchor, tense=ctx.tense, mode=mode)
    if picked is None:
        return None
    return _day(picked[0], relative=True, rule="holiday-anchor-year")


# --------------------------------------------------------------------------- grammar


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_UNIT = r"(?P<unit>day|week|month|year|decade)"
_TIME_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"

# (name, pattern template, rule function, needs anchor).  Templates name the
# vocabulary through {MONTH}, {WEEKDAY}, {NUM}, {SEASON}, {PART}, {ORD},
# {DECADE_WORD} and {HOLIDAY}; each is matched against the whole normalised text.
_RULE_TEMPLATES: tuple[tuple[str, str, RuleFn, bool], ...] = (
    (
        "today",
        r"(?:(?:earlier|later|early|late) )?(?:today|tonight|this (?:morning|afternoon|evening))",
        _rule_day_word(0, "today"),
        True,
    ),
    (
        "yesterday",
        r"(?:(?:earlier|early|late) )?(?:yesterday" + _TIME_OF_DAY + r"|last night)",
        _rule_day_word(-1, "yesterday"),
        True,
    ),
    (
        "tomorrow",
        r"(?:(?:early|late|later) )?tomorrow" + _TIME_OF_DAY,
        _rule_day_word(1, "tomorrow"),
        True,
    ),
    ("day-before-yesterday", r"the day before yesterday", _rule_day_word(-2, "day-offset"), True),
    ("day-after-tomorrow", r"the day after tomorrow", _rule_day_word(2, "day-offset"), True),
    (
        "adjacent",
        r"the (?P<dir>following|previous|preceding|prior) (?P<unit>day|week|month|year)"
        r"|the next day|the day (?P<dir2>before|after)",
        _rule_adjacent,
        False,
    ),
    (
        "sequence",
        r"(?P<n>{NUM}) " + _UNIT + r"s? (?P<dir>later|earlier|afterwards?|before|prior|on)",
        _rule_sequence,
        False,
    ),
    (
        "same",
        r"(?:(?:earlier|later) )?(?:that|the same) (?P<unit>day|week|month|year)",
        _rule_same,
        False,
    ),
    (
        "weekday",
        r"(?:(?:(?P<mod>this|last|next)|early|earlier|late|later)(?: on)? )?"
        r"(?P<weekday>{WEEKDAY})" + _TIME_OF_DAY,
        _rule_weekday,
        True,
    ),
    (
        "weekend",
        r"(?:(?P<mod>this|last|next|the past|the coming|the) )?weekend",
        _rule_weekend,
        True,
    ),
    (
        "relative-unit",
        r"(?P<which>this|last|next|the current) (?P<unit>week|month|quarter|year)",
        _rule_relative_unit,
        True,
    ),
    (
        "earlier-later",
        r"(?P<when>earlier|later) (?:in )?(?:this|the) (?P<unit>week|month|quarter|year)",
        _rule_earlier_later,
        True,
    ),
    (
        "part-of-unit",
        r"(?:the )?(?P<part>{PART})(?: of)?[- ]?(?P<which>this|last|next|the) "
        r"(?P<unit>month|year)",
        _rule_part_of_unit,
        True,
    ),
    (
        "quarter",
        r"(?:the )?(?P<q>{ORD}|[1-4]) quarter"
        r"(?: of (?P<year>\d{{4}}|this year|last year|next year|the year))?",
        _rule_quarter,
        False,
    ),
    ("quarter-q", r"q(?P<q>[1-4])(?: (?P<year>\d{{4}}))?", _rule_quarter, False),
    ("quarter-yq", r"(?P<year>\d{{4}}) q(?P<q>[1-4])", _rule_quarter, False),
    ("ago", r"(?P<n>{NUM}) " + _UNIT + r"s? ago", _rule_ago, True),
    (
        "in-offset",
        r"(?:in (?P<n>{NUM}) " + _UNIT + r"s?(?:'s)?(?: time)?"
        r"|(?P<n2>{NUM}) (?P<unit2>day|week|month|year|decade)s? from (?:now|today))",
        lambda m, ctx: _rule_in_offset(m, ctx) if m["unit"] else _rule_in_offset_from_now(m, ctx),
        True,
    ),
    (
        "anchored-range",
        r"(?:the )?(?P<dir>past|last|previous|next|coming) (?:(?P<n>{NUM}) )?"
        + _UNIT
        + r"(?P<plural>s)?",
        _rule_anchored_range,
        True,
    ),
    ("iso", r"(?P<y>\d{{4}})[-/](?P<m>\d{{1,2}})[-/](?P<d>\d{{1,2}})", _rule_iso, False),
    (
        "numeric-us",
        r"(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})",
        _rule_numeric_us,
        False,
    ),
    (
        "numeric-dotted",
        r"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}})",
        _rule_numeric_us,
        False,
    ),
    (
        "month-day",
        r"(?:{WEEKDAY} )?(?P<month>{MONTH}) (?P<d>\d{{1,2}})(?: (?P<y>\d{{4}}))?",
        _rule_month_day,
        False,
    ),
    (
        "day-month",
        r"(?:{WEEKDAY} )?(?:the )?(?P<d>\d{{1,2}}) (?:of )?(?P<month>{MONTH})(?: (?P<y>\d{{4}}))?",
        _rule_month_day,
        False,
    ),
    (
        "day-range",
        r"(?:between |from )?(?P<m1>{MONTH}) (?P<d1>\d{{1,2}}) ?(?:-| and | to | until | through )"
        r" ?(?:(?P<m2>{MONTH}) )?(?P<d2>\d{{1,2}})(?: (?P<y>\d{{4}}))?",
        _rule_day_range,
        False,
    ),
    (
        "month-range",
        r"(?:between |from )?(?P<m1>{MONTH}) ?(?:-| and | to | until | through ) ?"
        r"(?P<m2>{MONTH})(?: (?P<y>\d{{4}}))?",
        _rule_month_range,
        False,
    ),
    (
        "month",
        r"(?:(?P<mod>this|last|next) )?(?:(?:the )?(?P<part>{PART})(?: of)?[- ]?)?"
        r"(?P<month>{MONTH})(?: (?:of )?(?P<y>\d{{4}}))?",
        _rule_month,
        False,
    ),
    ("year", r"(?:the year )?(?P<y>\d{{4}})", _rule_year, False),
    (
        "part-of-year",
        r"(?:the )?(?P<part>{PART})(?: of)?[- ]?(?:the year )?(?P<y>\d{{4}})",
        _rule_part_of_year,
        False,
    ),
    (
        "year-range",
        r"(?:between |from )?(?P<y1>\d{{4}}) ?(?:-| and | to | until | through ) ?"
        r"(?P<y2>\d{{4}}|\d{{2}})",
        _rule_year_range,
        False,
    ),
    (
        "half",
        r"the (?P<h>first|second) half of "
        r"(?P<year>\d{{4}}|this year|last year|next year|the year)",
        _rule_half,
        False,
    ),
    (
        "decade",
        r"(?:the )?(?:(?P<part>early|mid|late)[- ]?)?"
        r"(?:(?P<full>\d{{3}}0)'?s|'(?P<short>\d0)s|(?P<word>{DECADE_WORD}))",
        _rule_decade,
        False,
    ),
    (
        "decade-short",
        r"the (?:(?P<part>early|mid|late)[- ]?)?(?P<short>\d0)'?s(?P<full>)(?P<word>)",
        _rule_decade,
        False,
    ),
    ("century", r"the (?P<n>\d{{2}}|{ORD}) century", _rule_century, False),
    (
        "season",
        r"(?:(?P<mod>this|last|next|the) )?(?P<season>{SEASON})(?: (?:of )?(?P<y>\d{{4}}))?",
        _rule_season,
        False,
    ),
    (
        "holiday",
        r"(?:(?P<mod>this|last|next) )?(?P<holiday>{HOLIDAY})(?: (?P<y>\d{{4}}))?",
        _rule_holiday,
        False,
    ),
)


@dataclass(frozen=True, slots=True)
class _Grammar:
    rules: tuple[_Rule, ...]
    explicit_cue: re.Pattern[str]
    duration_cue: re.Pattern[str]
    year_cue: re.Pattern[str]


@cache
def _grammar() -> _Grammar:
    """Compile the rule patterns over the vocabulary, once per process."""
    vocab = _vocab()
    number_words = [*vocab.numbers, *vocab.vague_numbers]
    slots = {
        "MONTH": _alternation(vocab.months),
        "WEEKDAY": _alternation(vocab.weekdays),
        "NUM": r"\d+|" + _alternation(number_words) + r"|[a-z]+-[a-z]+",
        "SEASON": _alternation(vocab.seasons),
        "PART": _alternation(vocab.part_words),
        "ORD": _alternation(vocab.ordinals),
        "DECADE_WORD": _alternation(vocab.decade_words),
        "HOLIDAY": _alternation([*vocab.fixed_holidays, *vocab.floating_holidays]),
    }
    rules = tuple(
        _Rule(
            name=name,
            pattern=re.compile(template.format(**{k: f"(?:{v})" for k, v in slots.items()})),
            apply=apply,
            needs_anchor=needs_anchor,
        )
        for name, template, apply, needs_anchor in _RULE_TEMPLATES
    )
    return _Grammar(
        rules=rules,
        explicit_cue=re.compile(rf"\b(?:{slots['MONTH']})\b|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}"),
        duration_cue=re.compile(
            r"\b(?:days?|weeks?|months?|years?|decades?|hours?|minutes?|ago|every|each|per)\b"
        ),
        year_cue=re.compile(r"\b\d{4}\b"),
    )


# --------------------------------------------------------------------------- dispatch


def _to_resolved(hit: _Hit, *, text: str, start: int, end: int) -> ResolvedDate:
    return ResolvedDate(
        text=text,
        start=start,
        end=end,
        date=hit.date,
        period=hit.period,
        end_date=hit.end_date,
        relative=hit.relative,
        rule=hit.rule,
    )


def _resolve_text(
    text: str,
    *,
    anchor: datetime.date | None,
    tense: Tense | None,
    reference: _Reference | None = None,
) -> _Hit | None:
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_CHARS:
        return None
    if tense not in ("past", "present", "future"):
        tense = None
    ctx = _Context(anchor=anchor, tense=tense, vocab=_vocab(), reference=reference)
    try:
        return _resolve_normalised(_normalise(text), ctx)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None  # a rule computed a day outside the calendar: not a date we can use


def _resolve_normalised(value: str, ctx: _Context) -> _Hit | None:
    grammar = _grammar()
    if value.startswith("within "):
        return None  # "within days", "within two weeks": a deadline, not a point
    for _ in range(4):
        hit = _apply_rules(value, ctx, grammar)
        if hit is not None:
            return hit
        stripped = next((value[len(p) :] for p in _STRIPPABLE if value.startswith(p)), None)
        if not stripped:
            break
        value = stripped
    return _fallback(value, anchor=ctx.anchor, tense=ctx.tense, grammar=grammar)


def _apply_rules(value: str, ctx: _Context, grammar: _Grammar) -> _Hit | None:
    for rule in grammar.rules:
        if rule.needs_anchor and ctx.anchor is None:
            continue
        match = rule.pattern.fullmatch(value)
        if match is None:
            continue
        hit = rule.apply(match, ctx)
        if hit is not None:
            return hit
    return None


def _fallback(
    value: str, *, anchor: datetime.date | None, tense: Tense | None, grammar: _Grammar
) -> _Hit | None:
    """Ask dateparser about what looks like an explicit date the rules missed."""
    if not grammar.explicit_cue.search(value) or grammar.duration_cue.search(value):
        return None
    if anchor is None and not grammar.year_cue.search(value):
        return None  # dateparser would fill the gaps from today's date
    found = _dateparser_lookup(value, anchor, tense)
    if found is None:
        return None
    day, period = found
    relative = anchor is not None and not grammar.year_cue.search(value)
    rule = "explicit-dateparser"
    if period == "month":
        return _hit(_month_bounds(day.year, day.month), "month", relative=relative, rule=rule)
    if period == "year":
        bounds = (datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
        return _hit(bounds, "year", relative=relative, rule=rule)
    if period == "week":
        bounds, _ = _unit_bounds("week", day, 0)
        return _hit(bounds, "week", relative=relative, rule=rule)
    return _day(day, relative=relative, rule=rule)


@lru_cache(maxsize=4096)
def _dateparser_lookup(
    value: str, anchor: datetime.date | None, tense: Tense | None
) -> tuple[datetime.date, str] | None:
    """dateparser's reading of ``value``: (day, period) or ``None``; cached."""
    prefer = {"past": "past", "future": "future"}.get(tense or "", "current_period")
    base = anchor or datetime.date(2000, 1, 1)
    settings = {
        "PREFER_DATES_FROM": prefer,
        "RELATIVE_BASE": datetime.datetime(base.year, base.month, base.day),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from dateparser.date import DateDataParser  # type: ignore[import-untyped]

            data = DateDataParser(languages=["en"], settings=settings).get_date_data(value)
        except Exception:  # noqa: BLE001 - a third-party parser on arbitrary text: no date
            return None
    parsed = getattr(data, "date_obj", None)
    if not isinstance(parsed, datetime.datetime):
        return None
    period = str(getattr(data, "period", "day") or "day")
    return parsed.date(), period
