"""The regions table (``eventwatch/data/places/regions.tsv``): first-level divisions abroad.

States, provinces and regions of countries other than the US resolve to a region of their
country ("Alberta", "Borno", "Donetsk region"); a bare name that news more often uses for a
city, a country or a person keeps that meaning ("Donetsk", "Kano", "Victoria").  The table
itself is checked too: ids and names unique, country codes known, every name its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventwatch.errors import ConfigError
from eventwatch.places import DATA_DIR, Gazetteer, fold

REGIONS = DATA_DIR / "regions.tsv"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def region_rows() -> list[tuple[int, list[str]]]:
    """``(line number, cells)`` of every data row of regions.tsv (the header skipped)."""
    rows = []
    header_seen = False
    for number, line in enumerate(REGIONS.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append((number, line.split("\t")))
    return rows


def names_of(cells: list[str]) -> list[str]:
    return [cells[1], *([] if cells[6] == "-" else cells[6].split("|"))]


# name, the country it must resolve to without context (None: no country), the kind
RESOLVE: list[tuple[str, str | None, str]] = [
    ("Alberta", "CAN", "region"),
    ("Ontario", "CAN", "region"),  # not Ontario, California
    ("Quebec", "CAN", "region"),  # the province; "Quebec City" is the city
    ("B.C.", "CAN", "region"),
    ("Queensland", "AUS", "region"),
    ("New South Wales", "AUS", "region"),
    ("Victoria state", "AUS", "region"),
    ("Borno", "NGA", "region"),  # not Borna, Germany
    ("Kano State", "NGA", "region"),
    ("Sindh", "PAK", "region"),
    ("Khyber Pakhtunkhwa", "PAK", "region"),
    ("Kerala", "IND", "region"),
    ("Jammu and Kashmir", "IND", "region"),
    ("Guangdong", "CHN", "region"),
    ("Bavaria", "DEU", "region"),
    ("North Rhine-Westphalia", "DEU", "region"),
    ("Dagestan", "RUS", "region"),
    ("Donetsk region", "UKR", "region"),
    ("Lugansk region", "UKR", "region"),
    ("Helmand", "AFG", "region"),
    ("Kandahar province", "AFG", "region"),
    ("Anbar", "IRQ", "region"),
    ("Idlib province", "SYR", "region"),
    ("Tigray", "ETH", "region"),
    ("North Kivu", "COD", "region"),
    ("Rakhine", "MMR", "region"),
    ("Jalisco", "MEX", "region"),
    ("Minas Gerais", "BRA", "region"),
    ("Catalonia", "ESP", "region"),
    ("Cabo Delgado", "MOZ", "region"),
    # bare names that keep the meaning they had before the divisions were added
    ("Texas", "USA", "admin1"),
    ("Berlin", "DEU", "city"),
    ("Donetsk", "UKR", "city"),
    ("Kano", "NGA", "city"),
    ("Kandahar", "AFG", "city"),
    ("Idlib", "SYR", "city"),
    ("Quebec City", "CAN", "city"),
    ("Punjab", None, "region"),  # spans India and Pakistan
]


@pytest.mark.parametrize(("name", "country", "kind"), RESOLVE)
def test_a_division_resolves_to_its_country(
    gazetteer: Gazetteer, name: str, country: str | None, kind: str
) -> None:
    place = gazetteer.resolve(name)
    assert place is not None, name
    assert (place.country, place.kind) == (country, kind), place


def test_victoria_alone_stays_ambiguous(gazetteer: Gazetteer) -> None:
    # an Australian state, a Canadian and a Hong Kong city, a first name: not guessed
    # without context (stoplist.tsv: "context")
    assert gazetteer.resolve("Victoria") is None
    canadian = gazetteer.resolve("Victoria", context_countries=["CAN"])
    assert canadian is not None and (canadian.kind, canadian.country) == ("city", "CAN")


def test_a_qualified_namesake_is_still_the_city(gazetteer: Gazetteer) -> None:
    ontario = gazetteer.resolve("Ontario, Calif.")
    assert ontario is not None and (ontario.kind, ontario.country) == ("city", "USA")
    acre = gazetteer.resolve("Acre")  # Brazil's state is only "Acre state"
    assert acre is not None and (acre.kind, acre.country) == ("city", "ISR")


def test_the_shipped_tables_build_without_error() -> None:
    built = Gazetteer.build()  # uncached: every table is read and checked again
    for _number, cells in region_rows():
        assert built.get(cells[0]) is not None, cells[0]


def test_region_ids_and_names_are_unique() -> None:
    ids: dict[str, int] = {}
    owners: dict[str, str] = {}
    for number, cells in region_rows():
        assert len(cells) == 7, f"regions.tsv:{number}: {cells}"
        assert cells[0] not in ids, f"regions.tsv:{number}: {cells[0]} also on {ids[cells[0]]}"
        ids[cells[0]] = number
        for name in names_of(cells):
            key = fold(name)
            assert owners.get(key, cells[0]) == cells[0], f"{name!r}: {owners[key]}, {cells[0]}"
            owners[key] = cells[0]


def test_region_countries_and_points_are_valid(gazetteer: Gazetteer) -> None:
    for number, cells in region_rows():
        _id, _name, country, members, lat, lon, _aliases = cells
        codes = ([] if country == "-" else [country]) + ([] if members == "-" else members.split())
        for code in codes:
            assert gazetteer.get(f"country:{code}") is not None, f"regions.tsv:{number}: {code}"
        if lat != "-":
            assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, f"regions.tsv:{number}"


def test_every_region_name_resolves_to_its_region(gazetteer: Gazetteer) -> None:
    wrong = []
    for _number, cells in region_rows():
        for name in names_of(cells):
            place = gazetteer.resolve(name)
            if place is None or place.id != cells[0]:
                wrong.append((name, cells[0], place.id if place else None))
    assert not wrong


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("region:narnia\tNarnia\tGBR\tGBR\tnorth\t-1.0\t-", "'north' is not a number"),
        ("region:narnia\tNarnia\tGBR\tGBR\t52.0", "expected 7 tab-separated cells"),
        ("region:alberta\tAlberta again\tCAN\tCAN\t55.0\t-115.0\t-", "duplicate id region:alberta"),
    ],
)
def test_a_bad_region_row_names_its_line(tmp_path: Path, row: str, message: str) -> None:
    folder = tmp_path / "places"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "regions.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Gazetteer.build(data_dir=folder)
    assert f"{path}:{len(lines) + 1}" in str(caught.value)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "name,context,expected",
    [
        # a region abroad never outweighs a city of the article's own countries
        ("Ontario", ["USA"], ("city", "USA")),
        ("New Brunswick", ["USA"], ("city", "USA")),
        # the division wins in its own country's story and with no context at all
        ("Ontario", ["CAN"], ("region", "CAN")),
        ("Ontario", [], ("region", "CAN")),
    ],
)
def test_a_division_abroad_does_not_outweigh_a_city_at_home(
    gazetteer: Gazetteer, name: str, context: list[str], expected: tuple[str, str]
) -> None:
    place = gazetteer.resolve(name, context_countries=context)
    assert place is not None and (place.kind, place.country) == expected, place


@pytest.mark.parametrize(
    "name,expected",
    [("Borno", "NGA"), ("Rakhine", "MMR"), ("Kano", "NGA"), ("Washington", "USA")],
)
def test_a_state_hint_finds_first_level_divisions_of_every_country(
    gazetteer: Gazetteer, name: str, expected: str
) -> None:
    # "Borno state", "Kano state" (the division is a row of its own, "Kano State")
    place = gazetteer.resolve(name, kind="admin1")
    assert place is not None and place.kind in {"admin1", "region"}, place
    assert place.country == expected
