"""What the place stage produces: :class:`Place`, :class:`PlaceMention`, their kinds and roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Place", "PlaceKind", "PlaceMention", "Role"]

PlaceKind = Literal["city", "country", "admin1", "region"]
Role = Literal["location", "origin", "destination", "actor", "mention"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A place the gazetteer knows."""

    id: str
    name: str
    kind: PlaceKind
    country: str | None
    lat: float | None
    lon: float | None
    population: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    """One resolved place name in a Doc; offsets are into ``doc.text``."""

    place: Place
    start: int
    end: int
    text: str
    role: Role
    sentence: tuple[int, int]
