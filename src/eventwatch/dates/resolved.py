"""What the resolver produces: :class:`ResolvedDate` and its :data:`Period`.

Also the two small values the rules pass around: a :class:`Hit` (what a rule
decides, before offsets are added) and a :class:`Reference` (the stretch an
earlier expression named, the base of "three days later").
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from eventwatch.records import DateMention

__all__ = [
    "Bounds",
    "Hit",
    "Period",
    "Reference",
    "ResolvedDate",
    "bounds_hit",
    "day_hit",
    "reference_of",
    "to_resolved",
]

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


Bounds = tuple[datetime.date, datetime.date]


# A resolved expression is the record the dates stage stores: one class, not two.
# ``date`` is the first day covered (the day itself, or the first day of the
# week, month, quarter, season, year, decade or range), ``end_date`` the last;
# ``relative`` says whether the anchor (or an earlier date of the text) was
# needed; ``rule`` names the rule that decided; ``start``/``end`` are character
# offsets into the text the expression was read from.
ResolvedDate = DateMention


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule decides; offsets are added by the caller."""

    date: datetime.date
    end_date: datetime.date
    period: Period
    relative: bool
    rule: str


@dataclass(frozen=True, slots=True)
class Reference:
    """The stretch an earlier expression named: the base of "three days later"."""

    first: datetime.date
    last: datetime.date

    def fits(self, unit: str) -> bool:
        """Whether it is precise enough to count ``unit``s from (a day for "days")."""
        return (self.last - self.first).days < _UNIT_DAYS.get(unit, 0)


_UNIT_DAYS: Mapping[str, int] = MappingProxyType(
    {"day": 1, "week": 7, "month": 31, "year": 366, "decade": 3653}
)


def bounds_hit(bounds: Bounds, period: Period, *, relative: bool, rule: str) -> Hit:
    return Hit(date=bounds[0], end_date=bounds[1], period=period, relative=relative, rule=rule)


def day_hit(day: datetime.date, *, relative: bool, rule: str) -> Hit:
    return bounds_hit((day, day), "day", relative=relative, rule=rule)


def to_resolved(hit: Hit, *, text: str, start: int, end: int) -> ResolvedDate:
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


def reference_of(resolved: ResolvedDate | None) -> Reference | None:
    if resolved is None:
        return None
    return Reference(first=resolved.date, last=resolved.end_date)
