"""Resolve one date expression: normalise it, try the rules in order, ask dateparser last."""

from __future__ import annotations

import datetime
import re
import warnings
from functools import lru_cache

from eventwatch.dates.grammar import Grammar, compiled_grammar
from eventwatch.dates.periods import month_bounds, unit_bounds
from eventwatch.dates.resolved import (
    Hit,
    Reference,
    ResolvedDate,
    bounds_hit,
    day_hit,
    reference_of,
    to_resolved,
)
from eventwatch.dates.rules import Context
from eventwatch.dates.tense import Tense
from eventwatch.dates.vocab import shipped_vocab

__all__ = ["resolve_expression", "resolve_text"]

#: Longest expression worth looking at; longer DATE spans are parser noise.
_MAX_CHARS = 80


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
    hit = resolve_text(text, anchor=anchor, tense=tense, reference=reference_of(reference))
    if hit is None:
        return None
    return to_resolved(hit, text=text, start=0, end=len(text))


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


def resolve_text(
    text: str,
    *,
    anchor: datetime.date | None,
    tense: Tense | None,
    reference: Reference | None = None,
) -> Hit | None:
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_CHARS:
        return None
    if tense not in ("past", "present", "future"):
        tense = None
    ctx = Context(anchor=anchor, tense=tense, vocab=shipped_vocab(), reference=reference)
    try:
        return _resolve_normalised(_normalise(text), ctx)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None  # a rule computed a day outside the calendar: not a date we can use


def _resolve_normalised(value: str, ctx: Context) -> Hit | None:
    grammar = compiled_grammar()
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


def _apply_rules(value: str, ctx: Context, grammar: Grammar) -> Hit | None:
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
    value: str, *, anchor: datetime.date | None, tense: Tense | None, grammar: Grammar
) -> Hit | None:
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
        return bounds_hit(month_bounds(day.year, day.month), "month", relative=relative, rule=rule)
    if period == "year":
        bounds = (datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
        return bounds_hit(bounds, "year", relative=relative, rule=rule)
    if period == "week":
        bounds, _ = unit_bounds("week", day, 0)
        return bounds_hit(bounds, "week", relative=relative, rule=rule)
    return day_hit(day, relative=relative, rule=rule)


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
