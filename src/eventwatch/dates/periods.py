"""Calendar arithmetic: bounds of months, quarters and weeks, weekday steps, year choice.

Pure functions of dates; nothing here reads the vocabulary.  :func:`pick` decides
which year's occurrence of a yearly day or stretch an expression means, from the
anchor and the tense.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from eventwatch.dates.resolved import Bounds, Period
from eventwatch.dates.tense import Tense

if TYPE_CHECKING:
    from eventwatch.dates.vocab import Floating

__all__ = [
    "PickMode",
    "floating_day",
    "month_bounds",
    "on_or_after",
    "on_or_before",
    "pick",
    "point_for_unit",
    "quarter_bounds",
    "safe_day",
    "shift",
    "strictly_after",
    "strictly_before",
    "unit_bounds",
]

#: A past-tense sentence may name a day this far after the anchor (a dateline in
#: another time zone) before the year is moved back.
_PAST_SLACK = datetime.timedelta(days=1)


def month_bounds(year: int, month: int) -> Bounds:
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


def on_or_before(day: datetime.date, weekday: int) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def strictly_before(day: datetime.date, weekday: int) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - weekday - 1) % 7 + 1)


def strictly_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _distance(bounds: Bounds, anchor: datetime.date) -> int:
    first, last = bounds
    if first <= anchor <= last:
        return 0
    return min(abs((first - anchor).days), abs((last - anchor).days))


PickMode = Literal["tense", "last", "next"]


def pick(
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


def safe_day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def quarter_bounds(year: int, quarter: int) -> Bounds:
    first = 3 * (quarter - 1) + 1
    return datetime.date(year, first, 1), month_bounds(year, first + 2)[1]


def floating_day(spec: Floating, year: int) -> datetime.date:
    if spec.nth < 0:
        last = month_bounds(year, spec.month)[1]
        return on_or_before(last, spec.weekday)
    first = on_or_after(datetime.date(year, spec.month, spec.first_day), spec.weekday)
    return first + datetime.timedelta(weeks=spec.nth - 1)


def unit_bounds(unit: str, anchor: datetime.date, offset: int) -> tuple[Bounds, Period]:
    """The calendar week/month/quarter/year ``offset`` units from the anchor's."""
    if unit == "week":
        monday = _monday(anchor) + datetime.timedelta(weeks=offset)
        return (monday, monday + datetime.timedelta(days=6)), "week"
    if unit == "month":
        first = _add_months(anchor.replace(day=1), offset)
        return month_bounds(first.year, first.month), "month"
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + offset
        return quarter_bounds(index // 4, index % 4 + 1), "quarter"
    year = anchor.year + offset
    return (datetime.date(year, 1, 1), datetime.date(year, 12, 31)), "year"


def shift(anchor: datetime.date, unit: str, amount: int) -> datetime.date:
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


def point_for_unit(day: datetime.date, unit: str) -> tuple[Bounds, Period]:
    """The day, week, month or year that contains ``day`` ("three weeks ago")."""
    if unit == "day":
        return (day, day), "day"
    if unit == "week":
        return unit_bounds("week", day, 0)
    if unit == "month":
        return month_bounds(day.year, day.month), "month"
    return (datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)), "year"
