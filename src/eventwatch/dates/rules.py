"""The rule functions: one per kind of date expression.

Each receives a full match of its pattern (see :mod:`eventwatch.dates.grammar`)
over the normalised text and a :class:`Context` (anchor, tense, vocabulary,
reference), and returns a :class:`~eventwatch.dates.resolved.Hit` or ``None``
when unsure.  The vocabulary's windows of "early"/"mid"/"late", the seasons and
the decade parts are applied here.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from eventwatch.dates.periods import (
    PickMode,
    floating_day,
    month_bounds,
    on_or_after,
    on_or_before,
    pick,
    point_for_unit,
    quarter_bounds,
    safe_day,
    shift,
    strictly_after,
    strictly_before,
    unit_bounds,
)
from eventwatch.dates.resolved import Bounds, Hit, Period, Reference, bounds_hit, day_hit
from eventwatch.dates.tense import Tense
from eventwatch.dates.vocab import DateVocab, shipped_vocab

__all__ = [
    "Context",
    "RuleFn",
    "rule_adjacent",
    "rule_ago",
    "rule_anchored_range",
    "rule_century",
    "rule_day_range",
    "rule_day_word",
    "rule_decade",
    "rule_earlier_later",
    "rule_half",
    "rule_holiday",
    "rule_in_offset",
    "rule_in_offset_from_now",
    "rule_iso",
    "rule_month",
    "rule_month_day",
    "rule_month_range",
    "rule_numeric_us",
    "rule_part_of_unit",
    "rule_part_of_year",
    "rule_quarter",
    "rule_relative_unit",
    "rule_same",
    "rule_season",
    "rule_sequence",
    "rule_weekday",
    "rule_weekend",
    "rule_year",
    "rule_year_range",
]

_ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule knows besides its match: anchor, tense, vocabulary, reference."""

    anchor: datetime.date | None
    tense: Tense | None
    vocab: DateVocab
    reference: Reference | None


RuleFn = Callable[[re.Match[str], Context], Hit | None]


def _part_of_month(year: int, month: int, part: str) -> Bounds:
    low, high = shipped_vocab().month_parts[part]
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(low, last)), datetime.date(year, month, min(high, last))


def _part_of_year(year: int, part: str) -> Bounds:
    low, high = shipped_vocab().year_parts[part]
    return datetime.date(year, low, 1), month_bounds(year, high)[1]


def _season_bounds(name: str, year: int) -> Bounds:
    """The season ``name`` whose last month falls in ``year``."""
    first, last = shipped_vocab().seasons[name]
    start_year = year - 1 if first > last else year
    return datetime.date(start_year, first, 1), month_bounds(year, last)[1]


def _anchor(ctx: Context) -> datetime.date:
    if ctx.anchor is None:  # guarded by Rule.needs_anchor; kept for the type checker
        raise ValueError("rule needs an anchor")
    return ctx.anchor


def _number(word: str | None, ctx: Context, *, vague_ok: bool = False) -> int | None:
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


def _year_ref(text: str | None, ctx: Context) -> tuple[int, bool] | None:
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


def rule_day_word(offset: int, name: str) -> RuleFn:
    def apply(match: re.Match[str], ctx: Context) -> Hit | None:
        day = _anchor(ctx) + datetime.timedelta(days=offset)
        return day_hit(day, relative=True, rule=name)

    return apply


def _ahead(ctx: Context) -> bool:
    """Whether a "this"/bare weekday or weekend points ahead: present or future tense."""
    return ctx.tense in ("present", "future")


def rule_weekday(match: re.Match[str], ctx: Context) -> Hit | None:
    anchor = _anchor(ctx)
    weekday = ctx.vocab.weekdays[match["weekday"]]
    modifier = match["mod"] or ""
    if modifier == "last":
        return day_hit(strictly_before(anchor, weekday), relative=True, rule="last-weekday")
    if modifier == "next":
        return day_hit(strictly_after(anchor, weekday), relative=True, rule="next-weekday")
    prefix = "this-weekday" if modifier == "this" else "weekday"
    if _ahead(ctx):
        return day_hit(on_or_after(anchor, weekday), relative=True, rule=f"{prefix}-ahead")
    return day_hit(on_or_before(anchor, weekday), relative=True, rule=f"{prefix}-past")


def rule_weekend(match: re.Match[str], ctx: Context) -> Hit | None:
    anchor = _anchor(ctx)
    modifier = match["mod"] or "the"
    saturday, sunday = 5, 6
    if modifier in ("last", "the past"):
        end = strictly_before(anchor, sunday)
        rule = "last-weekend"
    elif modifier == "next":
        end = strictly_after(anchor, saturday) + _ONE_DAY
        rule = "next-weekend"
    elif modifier == "the coming" or _ahead(ctx):
        end = on_or_after(anchor, sunday)
        rule = f"{'this' if modifier == 'this' else 'the'}-weekend-ahead"
    else:  # "the weekend", "over the weekend", "this weekend" in the past tense
        end = on_or_before(anchor, saturday) + _ONE_DAY
        rule = f"{'this' if modifier == 'this' else 'the'}-weekend-past"
    return bounds_hit((end - _ONE_DAY, end), "weekend", relative=True, rule=rule)


_UNIT_OFFSETS = MappingProxyType({"this": 0, "the current": 0, "last": -1})


def rule_relative_unit(match: re.Match[str], ctx: Context) -> Hit | None:
    unit = match["unit"]
    which = match["which"]
    offset = _UNIT_OFFSETS.get(which, 1)
    bounds, period = unit_bounds(unit, _anchor(ctx), offset)
    name = {0: "this", -1: "last", 1: "next"}[offset]
    return bounds_hit(bounds, period, relative=True, rule=f"{name}-{unit}")


def rule_earlier_later(match: re.Match[str], ctx: Context) -> Hit | None:
    anchor = _anchor(ctx)
    unit = match["unit"]
    (first, last), _ = unit_bounds(unit, anchor, 0)
    if match["when"] == "earlier":
        return bounds_hit((first, anchor), "range", relative=True, rule=f"earlier-this-{unit}")
    return bounds_hit((anchor, last), "range", relative=True, rule=f"later-this-{unit}")


def rule_part_of_unit(match: re.Match[str], ctx: Context) -> Hit | None:
    anchor = _anchor(ctx)
    part = ctx.vocab.part_words[match["part"]]
    unit = match["unit"]
    offset = {"this": 0, "the": 0, "last": -1, "next": 1}[match["which"]]
    (first, _), _period = unit_bounds(unit, anchor, offset)
    if unit == "month":
        bounds = _part_of_month(first.year, first.month, part)
        return bounds_hit(bounds, "month-part", relative=True, rule=f"{part}-{unit}")
    bounds = _part_of_year(first.year, part)
    return bounds_hit(bounds, "year-part", relative=True, rule=f"{part}-{unit}")


def rule_quarter(match: re.Match[str], ctx: Context) -> Hit | None:
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
        return bounds_hit(
            quarter_bounds(year, quarter), "quarter", relative=relative, rule="quarter"
        )
    if ctx.anchor is None:
        return None
    bounds = pick(lambda y: quarter_bounds(y, quarter), anchor=ctx.anchor, tense=ctx.tense)
    if bounds is None:
        return None
    return bounds_hit(bounds, "quarter", relative=True, rule="quarter-anchor-year")


def rule_ago(match: re.Match[str], ctx: Context) -> Hit | None:
    amount = _number(match["n"], ctx)
    if amount is None:
        return None
    unit = match["unit"]
    day = shift(_anchor(ctx), unit, -amount)
    bounds, period = point_for_unit(day, "year" if unit == "decade" else unit)
    return bounds_hit(bounds, period, relative=True, rule="ago")


def rule_in_offset(match: re.Match[str], ctx: Context) -> Hit | None:
    if ctx.tense == "past":
        return None  # "was built in two weeks": a duration
    amount = _number(match["n"], ctx)
    if amount is None:
        return None
    unit = match["unit"]
    day = shift(_anchor(ctx), unit, amount)
    bounds, period = point_for_unit(day, "year" if unit == "decade" else unit)
    return bounds_hit(bounds, period, relative=True, rule="in-offset")


def rule_in_offset_from_now(match: re.Match[str], ctx: Context) -> Hit | None:
    amount = _number(match["n2"], ctx)
    if amount is None:
        return None
    unit = match["unit2"]
    day = shift(_anchor(ctx), unit, amount)
    bounds, period = point_for_unit(day, "year" if unit == "decade" else unit)
    return bounds_hit(bounds, period, relative=True, rule="in-offset")


def _base(ctx: Context, unit: str) -> tuple[datetime.date, str] | None:
    """Where a sequence counts from: the reference when precise enough, else the anchor."""
    if ctx.reference is not None and ctx.reference.fits(unit):
        return ctx.reference.first, "previous-date"
    if ctx.anchor is not None:
        return ctx.anchor, "anchor"
    return None


_BACKWARD = frozenset({"earlier", "before", "prior", "previous", "preceding"})


def rule_sequence(match: re.Match[str], ctx: Context) -> Hit | None:
    """ "three days later", "two years earlier", "a week afterwards"."""
    amount = _number(match["n"], ctx)
    unit = match["unit"]
    base = _base(ctx, unit)
    if amount is None or base is None:
        return None
    day, source = base
    sign = -1 if match["dir"] in _BACKWARD else 1
    bounds, period = point_for_unit(shift(day, unit, sign * amount), unit)
    word = "earlier" if sign < 0 else "later"
    return bounds_hit(bounds, period, relative=True, rule=f"{word}-from-{source}")


def rule_adjacent(match: re.Match[str], ctx: Context) -> Hit | None:
    """ "the next day", "the day before", "the following week", "the previous month"."""
    unit = match["unit"] or "day"
    base = _base(ctx, unit)
    if base is None:
        return None
    day, source = base
    offset = -1 if (match["dir"] or match["dir2"]) in _BACKWARD else 1
    if unit == "day":
        bounds, period = point_for_unit(day + offset * _ONE_DAY, "day")
    else:
        bounds, period = unit_bounds(unit, day, offset)
    word = "preceding" if offset < 0 else "following"
    return bounds_hit(bounds, period, relative=True, rule=f"{word}-{unit}-from-{source}")


def rule_same(match: re.Match[str], ctx: Context) -> Hit | None:
    """ "that day", "the same week", "later that year": only with a reference."""
    unit = match["unit"]
    if ctx.reference is None or not ctx.reference.fits(unit):
        return None
    bounds, period = point_for_unit(ctx.reference.first, unit)
    return bounds_hit(bounds, period, relative=True, rule=f"same-{unit}-as-previous-date")


def rule_anchored_range(match: re.Match[str], ctx: Context) -> Hit | None:
    anchor = _anchor(ctx)
    amount = _number(match["n"], ctx, vague_ok=True)
    if amount is None or amount <= 0:
        return None
    unit = match["unit"]
    if match["n"] is None and match["plural"]:
        return None  # "the coming days", "the past years": how many?
    if match["dir"] in ("next", "coming"):
        end = shift(anchor, unit, amount) - _ONE_DAY
        return bounds_hit((anchor, end), "range", relative=True, rule="next-range")
    start = shift(anchor, unit, -amount) + _ONE_DAY
    return bounds_hit((start, anchor), "range", relative=True, rule="past-range")


def rule_iso(match: re.Match[str], ctx: Context) -> Hit | None:
    day = safe_day(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None or not _plausible_year(day.year):
        return None
    return day_hit(day, relative=False, rule="explicit-iso")


def rule_numeric_us(match: re.Match[str], ctx: Context) -> Hit | None:
    """ "4/12/2013" is month/day (US style); "12.4.2013" day.month (European style)."""
    year = int(match["y"])
    if len(match["y"]) == 2:
        year += 2000 if year < 50 else 1900
    day = safe_day(year, int(match["m"]), int(match["d"]))
    if day is None:
        return None
    return day_hit(day, relative=False, rule="explicit-numeric")


def _month_day(month: int, day: int, year_text: str | None, ctx: Context) -> Hit | None:
    if year_text is not None:
        found = safe_day(int(year_text), month, day)
        if found is None or not _plausible_year(found.year):
            return None
        return day_hit(found, relative=False, rule="explicit-day")
    if ctx.anchor is None or not 1 <= day <= 31:
        return None

    def bounds(year: int) -> Bounds | None:
        found = safe_day(year, month, day)
        return None if found is None else (found, found)

    picked = pick(bounds, anchor=ctx.anchor, tense=ctx.tense)
    if picked is None:
        return None
    return day_hit(picked[0], relative=True, rule="month-day-anchor-year")


def rule_month_day(match: re.Match[str], ctx: Context) -> Hit | None:
    month = ctx.vocab.months[match["month"]]
    return _month_day(month, int(match["d"]), match["y"], ctx)


def rule_day_range(match: re.Match[str], ctx: Context) -> Hit | None:
    first_month = ctx.vocab.months[match["m1"]]
    last_month = ctx.vocab.months[match["m2"]] if match["m2"] else first_month
    first = _month_day(first_month, int(match["d1"]), match["y"], ctx)
    if first is None:
        return None
    last = safe_day(first.date.year, last_month, int(match["d2"]))
    if last is not None and last < first.date:
        last = safe_day(first.date.year + 1, last_month, int(match["d2"]))
    if last is None or (last - first.date).days > 366:
        return None
    return bounds_hit((first.date, last), "range", relative=first.relative, rule="day-range")


def rule_month(match: re.Match[str], ctx: Context) -> Hit | None:
    month = ctx.vocab.months[match["month"]]
    part = ctx.vocab.part_words[match["part"]] if match["part"] else None

    def bounds(year: int) -> Bounds:
        if part is None:
            return month_bounds(year, month)
        return _part_of_month(year, month, part)

    period: Period = "month" if part is None else "month-part"
    kind = "month" if part is None else f"{part}-month"
    year_text = match["y"]
    if year_text is not None:
        year = int(year_text)
        if not _plausible_year(year):
            return None
        return bounds_hit(bounds(year), period, relative=False, rule=f"explicit-{kind}")
    if ctx.anchor is None:
        return None
    anchor = ctx.anchor
    modifier = match["mod"]
    if modifier == "this":
        return bounds_hit(bounds(anchor.year), period, relative=True, rule=f"this-{kind}")
    if modifier in ("last", "next"):
        whole = pick(
            lambda y: month_bounds(y, month),
            anchor=anchor,
            tense=ctx.tense,
            mode="last" if modifier == "last" else "next",
        )
        if whole is None:
            return None
        return bounds_hit(bounds(whole[0].year), period, relative=True, rule=f"{modifier}-{kind}")
    picked = pick(bounds, anchor=anchor, tense=ctx.tense)
    if picked is None:
        return None
    return bounds_hit(picked, period, relative=True, rule=f"{kind}-anchor-year")


def rule_month_range(match: re.Match[str], ctx: Context) -> Hit | None:
    first_month = ctx.vocab.months[match["m1"]]
    last_month = ctx.vocab.months[match["m2"]]
    year_text = match["y"]
    if year_text is None:
        return None
    year = int(year_text)
    if not _plausible_year(year):
        return None
    first_year = year if first_month <= last_month else year - 1
    bounds = (month_bounds(first_year, first_month)[0], month_bounds(year, last_month)[1])
    return bounds_hit(bounds, "range", relative=False, rule="month-range")


def rule_year(match: re.Match[str], ctx: Context) -> Hit | None:
    year = int(match["y"])
    if not _plausible_year(year):
        return None
    bounds = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return bounds_hit(bounds, "year", relative=False, rule="explicit-year")


def rule_part_of_year(match: re.Match[str], ctx: Context) -> Hit | None:
    year = int(match["y"])
    if not _plausible_year(year):
        return None
    part = ctx.vocab.part_words[match["part"]]
    return bounds_hit(
        _part_of_year(year, part), "year-part", relative=False, rule=f"explicit-{part}-year"
    )


def rule_year_range(match: re.Match[str], ctx: Context) -> Hit | None:
    first = int(match["y1"])
    raw = match["y2"]
    last = int(raw) if len(raw) == 4 else first // 100 * 100 + int(raw)
    if not (_plausible_year(first) and _plausible_year(last)) or not first < last <= first + 100:
        return None
    bounds = (datetime.date(first, 1, 1), datetime.date(last, 12, 31))
    return bounds_hit(bounds, "range", relative=False, rule="year-range")


def rule_half(match: re.Match[str], ctx: Context) -> Hit | None:
    reference = _year_ref(match["year"], ctx)
    if reference is None:
        return None
    year, relative = reference
    if match["h"] == "first":
        bounds = (datetime.date(year, 1, 1), datetime.date(year, 6, 30))
    else:
        bounds = (datetime.date(year, 7, 1), datetime.date(year, 12, 31))
    return bounds_hit(bounds, "half", relative=relative, rule="half-year")


def _decade_hit(decade: int, part: str | None, *, relative: bool) -> Hit:
    if part is None:
        bounds = (datetime.date(decade, 1, 1), datetime.date(decade + 9, 12, 31))
        return bounds_hit(bounds, "decade", relative=relative, rule="decade")
    low, high = shipped_vocab().decade_parts[part]
    bounds = (datetime.date(decade + low, 1, 1), datetime.date(decade + high, 12, 31))
    return bounds_hit(bounds, "decade-part", relative=relative, rule=f"{part}-decade")


def rule_decade(match: re.Match[str], ctx: Context) -> Hit | None:
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


def rule_century(match: re.Match[str], ctx: Context) -> Hit | None:
    raw = match["n"]
    number = int(raw) if raw.isdigit() else ctx.vocab.ordinals.get(raw, 0)
    if not 11 <= number <= 22:
        return None
    first = (number - 1) * 100 + 1
    bounds = (datetime.date(first, 1, 1), datetime.date(first + 99, 12, 31))
    return bounds_hit(bounds, "century", relative=False, rule="century")


def rule_season(match: re.Match[str], ctx: Context) -> Hit | None:
    season = match["season"]
    year_text = match["y"]
    if year_text is not None:
        year = int(year_text)
        if not _plausible_year(year):
            return None
        bounds = _season_bounds(season, year)
        return bounds_hit(bounds, "season", relative=False, rule="explicit-season")
    if ctx.anchor is None:
        return None
    modifier = match["mod"]
    mode: PickMode = "last" if modifier == "last" else "next" if modifier == "next" else "tense"
    picked = pick(
        lambda y: _season_bounds(season, y),
        anchor=ctx.anchor,
        tense=ctx.tense,
        mode=mode,
        within_year=modifier == "this",
    )
    if picked is None:
        return None
    name = f"{modifier}-season" if modifier in ("last", "next", "this") else "season-anchor-year"
    return bounds_hit(picked, "season", relative=True, rule=name)


def rule_holiday(match: re.Match[str], ctx: Context) -> Hit | None:
    name = match["holiday"]
    fixed = ctx.vocab.fixed_holidays.get(name)
    floating = ctx.vocab.floating_holidays.get(name)

    def bounds(year: int) -> Bounds | None:
        if fixed is not None:
            day = safe_day(year, fixed[0], fixed[1])
        elif floating is not None:
            day = floating_day(floating, year)
        else:
            return None
        return None if day is None else (day, day)

    year_text = match["y"]
    if year_text is not None:
        year = int(year_text)
        found = bounds(year) if _plausible_year(year) else None
        if found is None:
            return None
        return day_hit(found[0], relative=False, rule="holiday")
    if ctx.anchor is None:
        return None
    modifier = match["mod"]
    mode: PickMode = "last" if modifier == "last" else "next" if modifier == "next" else "tense"
    picked = pick(bounds, anchor=ctx.anchor, tense=ctx.tense, mode=mode)
    if picked is None:
        return None
    return day_hit(picked[0], relative=True, rule="holiday-anchor-year")
