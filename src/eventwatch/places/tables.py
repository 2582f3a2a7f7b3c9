"""The curated tables of ``eventwatch/data/places/``: aliases, regions, stop list, role cues.

Each is a TSV file whose first non-comment line is its header; a malformed row
raises :class:`~eventwatch.errors.ConfigError` naming the file and line.
:meth:`Tables.attach` adds the regions and aliases to the name index, checking
every place id they name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwatch.errors import ConfigError
from eventwatch.places.index import PRIMARY, IndexBuilder
from eventwatch.places.names import clean, fold
from eventwatch.places.records import Place

__all__ = ["DATA_DIR", "Tables"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"


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


@dataclass(slots=True, kw_only=True)
class Tables:
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
    def read(cls, folder: Path) -> Tables:
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

    def attach(self, builder: IndexBuilder) -> None:
        """Add regions and aliases to the index, checking every id they name."""
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for line, place, members, names in self.regions:
            if place.id in builder.by_id:
                raise ConfigError(f"{self.folder / 'regions.tsv'}:{line}: duplicate id {place.id}")
            number = builder.add(place)
            self.members[number] = members
            for name in (place.name, *names):
                key = fold(name)
                builder.name(key, number, PRIMARY)
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
            key = fold(clean(name))
            builder.name(key, target, PRIMARY)
            if default:
                self.defaults[key] = target
