"""Exports: GDELT, ICEWS, PLOVER, JSONL and parquet rows built from hand-made records."""

from __future__ import annotations

import csv
import datetime
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from eventwatch.errors import EventwatchError
from eventwatch.exports import (
    EXPORT_FORMATS,
    GDELT_COLUMNS,
    ICEWS_COLUMNS,
    ICEWS_DTYPES,
    TABLE_COLUMNS,
    ExportDependencyError,
    ExportItem,
    event_number,
    event_rows,
    events_frame,
    fraction_date,
    load_export_tables,
    plover_schema,
    to_gdelt,
    to_icews,
    to_plover,
    to_row,
    write_export,
)
from eventwatch.records import Article, Event, EventActor, EventPlace, Place, Plover, Span
from eventwatch.store.stories import MentionCounts
from tests.conftest import SHARED, need_shared

GDELT_HEADER = (
    SHARED
    / "data"
    / "reference"
    / "gdelt"
    / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"
)

NEWS_TEXT = (
    "Secretary of State John Kerry met Chinese officials in Beijing on Saturday.\n\n"
    "Kerry urged North Korea to abandon its nuclear weapons programme."
)
OPINION_TEXT = (
    "China should finally squeeze Pyongyang.\n\n"
    "Beijing did not cut its aid to North Korea after the test."
)


def _span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return (start, start + len(words))


def _sentences(text: str) -> tuple[Span, ...]:
    cut = text.index("\n\n")
    return ((0, cut), (cut + 2, len(text)))


KERRY = EventActor(
    actor_id="person:john-kerry",
    name="John Kerry",
    country="USA",
    sector="GOV",
    code="USAGOV",
    span=_span(NEWS_TEXT, "John Kerry"),
)
CHINESE_OFFICIALS = EventActor(
    actor_id="group:CHN:GOV",
    name="Chinese officials",
    country="CHN",
    sector="GOV",
    code="CHNGOV",
    span=_span(NEWS_TEXT, "Chinese officials"),
)
BEIJING = EventPlace(
    place_id="geonames:1816670",
    name="Beijing",
    country="CHN",
    lat=39.9075,
    lon=116.39723,
    span=_span(NEWS_TEXT, "Beijing"),
)


def _event(
    text: str,
    number: int,
    *,
    source: EventActor | None,
    target: EventActor | None,
    cameo: str,
    name: str,
    goldstein: float,
    quad_class: int,
    plover: Plover | None,
    trigger: str,
    sentence: Span,
    modality: str = "asserted",
    authored: bool = False,
    location: EventPlace | None = None,
) -> Event:
    trigger_span = _span(text, trigger, sentence[0])
    return Event(
        id=f"c0ffee{number:06d}:{trigger_span[0]}:0",
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        cameo_name=name,
        goldstein=goldstein,
        quad_class=quad_class,
        plover=plover,
        modality=modality,
        attributed_to_author=authored,
        date=datetime.date(2013, 4, 13),
        date_period="day",
        location=location,
        sentence=sentence,
        span=trigger_span,
        trigger=trigger,
        trigger_span=trigger_span,
        explanation=f"pattern {trigger!r} → {cameo}",
    )


def _news() -> Article:
    first, second = _sentences(NEWS_TEXT)
    meet = _event(
        NEWS_TEXT,
        1,
        source=KERRY,
        target=CHINESE_OFFICIALS,
        cameo="040",
        name="Consult",
        goldstein=1.0,
        quad_class=1,
        plover=Plover(type="CONSULT"),
        trigger="met",
        sentence=first,
        location=BEIJING,
    )
    urge = _event(
        NEWS_TEXT,
        2,
        source=KERRY,
        target=EventActor(
            actor_id="country:PRK",
            name="North Korea",
            country="PRK",
            sector=None,
            code="PRK",
            span=_span(NEWS_TEXT, "North Korea"),
        ),
        cameo="100",
        name="Demand",
        goldstein=-5.0,
        quad_class=3,
        plover=Plover(type="REQUEST"),
        trigger="urged",
        sentence=second,
    )
    return Article(
        id="kerry-beijing",
        source="corpus/kerry-beijing.txt",
        source_kind="text",
        sha256="c0ffee" * 10 + "abcd",
        text=NEWS_TEXT,
        title="Kerry meets Chinese leaders in Beijing",
        published=datetime.date(2013, 4, 13),
        publisher="Reuters",
        url="https://example.com/2013/04/13/kerry-beijing",
        genre="news",
        sentences=(first, second),
        places=(
            Place(
                id=BEIJING.place_id,
                name="Beijing",
                kind="city",
                country="CHN",
                lat=BEIJING.lat,
                lon=BEIJING.lon,
                mentions=(BEIJING.span,),
                roles=("location",),
            ),
        ),
        events=(meet, urge),
    )


def _opinion() -> Article:
    first, second = _sentences(OPINION_TEXT)
    china = EventActor(actor_id="country:CHN", name="China", country="CHN", sector=None, code="CHN")
    prk = EventActor(
        actor_id="country:PRK", name="North Korea", country="PRK", sector=None, code="PRK"
    )
    squeeze = _event(
        OPINION_TEXT,
        3,
        source=china,
        target=prk,
        cameo="020",
        name="Make an appeal or request",
        goldstein=3.0,
        quad_class=1,
        plover=Plover(type="REQUEST"),
        trigger="squeeze",
        sentence=first,
        modality="demanded",
        authored=True,
    )
    cut = _event(
        OPINION_TEXT,
        4,
        source=china,
        target=prk,
        cameo="1621",
        name="Reduce or stop economic assistance",
        goldstein=-5.6,
        quad_class=4,
        plover=Plover(type="SANCTION", mode="discontinue", context=("economic",)),
        trigger="cut",
        sentence=second,
        modality="negated",
    )
    return Article(
        id="op-ed-pyongyang",
        source="corpus/op-ed.txt",
        source_kind="text",
        sha256="beef" * 16,
        text=OPINION_TEXT,
        published=datetime.date(2013, 4, 14),
        genre="opinion",
        sentences=(first, second),
        events=(squeeze, cut),
    )


TABLES = load_export_tables()
ALL = None  # every modality


def gdelt_columns() -> tuple[str, ...]:
    return GDELT_COLUMNS


def icews_columns() -> tuple[str, ...]:
    return ICEWS_COLUMNS


def table_columns() -> tuple[str, ...]:
    return TABLE_COLUMNS


@pytest.fixture
def articles() -> list[Article]:
    return [_news(), _opinion()]


def _read_tsv(text: str) -> list[dict[str, str]]:
    lines = text.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


# -- which events -------------------------------------------------------------------------


def test_event_rows_leaves_out_authored_events_by_default(articles: list[Article]) -> None:
    ids = [(a.id, e.trigger) for a, e in event_rows(articles, modalities=ALL)]
    assert ids == [
        ("kerry-beijing", "met"),
        ("kerry-beijing", "urged"),
        ("op-ed-pyongyang", "cut"),
    ]
    every = [e.trigger for _, e in event_rows(articles, include_authored=True, modalities=ALL)]
    assert every == ["met", "urged", "squeeze", "cut"]


def test_event_rows_filters_modalities(articles: list[Article]) -> None:
    asserted = [e.trigger for _, e in event_rows(articles, modalities={"asserted"})]
    assert asserted == ["met", "urged"]
    assert [e.trigger for _, e in event_rows(articles)] == asserted  # the default
    with pytest.raises(ValueError, match="'maybe'"):
        event_rows(articles, modalities=["asserted", "maybe"])


def test_event_number_is_stable_and_fits_64_bits() -> None:
    number = event_number("c0ffee000001:30:0")
    assert number == event_number("c0ffee000001:30:0")
    assert number != event_number("c0ffee000001:30:1")
    assert 0 <= number < 2**60


# -- GDELT --------------------------------------------------------------------------------


def test_gdelt_columns_match_the_reference_header() -> None:
    need_shared(GDELT_HEADER)
    with GDELT_HEADER.open(encoding="utf-8", newline="") as handle:
        names = tuple(row["tableId"] for row in csv.DictReader(handle))
    assert gdelt_columns() == names


def test_gdelt_row(articles: list[Article]) -> None:
    article = articles[0]
    meet, urge = article.events
    row = to_gdelt(ExportItem(article=article, event=meet), tables=TABLES)
    assert tuple(row) == gdelt_columns()
    assert len(row) == 61
    assert row["GLOBALEVENTID"] == event_number(meet.id)
    assert row["SQLDATE"] == 20130413
    assert row["MonthYear"] == 201304
    assert row["Year"] == 2013
    assert row["FractionDate"] == round(2013 + 102 / 365, 4)  # April 13 is day 103
    assert row["Actor1Code"] == "USAGOV"
    assert row["Actor1Name"] == "JOHN KERRY"
    assert row["Actor1CountryCode"] == "USA"
    assert row["Actor1Type1Code"] == "GOV"
    assert row["Actor2Code"] == "CHNGOV"
    assert row["Actor2CountryCode"] == "CHN"
    assert row["Actor2Type1Code"] == "GOV"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("040", "040", "04")
    assert row["QuadClass"] == 1
    assert row["GoldsteinScale"] == 1.0
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (1, 1, 1)
    assert row["AvgTone"] == ""
    assert row["IsRootEvent"] == 1
    assert row["ActionGeo_Type"] == 4  # a city outside the US
    assert row["ActionGeo_FullName"] == "Beijing, China"
    assert row["ActionGeo_CountryCode"] == "CH"  # FIPS 10-4, not ISO3 "CHN"
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == (39.9075, 116.39723)
    assert row["ActionGeo_FeatureID"] == "1816670"
    # both actors are placed by the place named in their sentence
    assert (row["Actor1Geo_Type"], row["Actor1Geo_FullName"]) == (4, "Beijing, China")
    assert row["Actor2Geo_CountryCode"] == "CH"
    assert row["DATEADDED"] == 20130413000000
    assert row["SOURCEURL"] == "https://example.com/2013/04/13/kerry-beijing"

    second = to_gdelt(ExportItem(article=article, event=urge), tables=TABLES)
    assert second["IsRootEvent"] == 0  # not in the lead paragraph
    assert second["Actor2Code"] == "PRK" and second["Actor2Type1Code"] == ""
    assert second["ActionGeo_Type"] == "" and second["ActionGeo_Lat"] == ""
    # no place in the sentence: each actor falls back to its country (type 1, FIPS codes)
    assert (second["Actor2Geo_Type"], second["Actor2Geo_CountryCode"]) == (1, "KN")
    assert (second["Actor1Geo_FullName"], second["Actor1Geo_ADM1Code"]) == ("United States", "US")


def test_gdelt_four_digit_code_and_fallback_url(articles: list[Article]) -> None:
    article = articles[1]
    row = to_gdelt(ExportItem(article=article, event=article.events[1]), tables=TABLES)
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("1621", "162", "16")
    assert row["QuadClass"] == 4
    assert row["SOURCEURL"] == "corpus/op-ed.txt"


def test_gdelt_file_has_a_header_only_when_asked_and_one_line_per_event(
    articles: list[Article], tmp_path: Path
) -> None:
    out = tmp_path / "events.tsv"
    assert write_export(articles, format="gdelt", out=out, header=True, modalities=ALL).rows == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(gdelt_columns())
    assert all(len(line.split("\t")) == 61 for line in lines)
    rows = _read_tsv(out.read_text(encoding="utf-8"))
    assert [r["EventCode"] for r in rows] == ["040", "100", "1621"]
    assert rows[0]["GoldsteinScale"] == "1.0"

    stream = io.StringIO()
    assert write_export(articles, format="gdelt", out=stream, modalities=ALL).rows == 3
    assert stream.getvalue().splitlines() == lines[1:]


# -- ICEWS --------------------------------------------------------------------------------


def test_icews_row(articles: list[Article]) -> None:
    article = articles[0]
    row = to_icews(ExportItem(article=article, event=article.events[0]), tables=TABLES)
    assert tuple(row) == icews_columns()
    assert row == {
        "Event ID": event_number(article.events[0].id),
        "Event Date": "2013-04-13",
        "Source Name": "John Kerry",
        "Source Sectors": "Government",
        "Source Country": "United States",
        "Event Text": "Consult",
        "CAMEO Code": "040",
        "Intensity": 1.0,
        "Target Name": "Chinese officials",
        "Target Sectors": "Government",
        "Target Country": "China",
        "Story ID": event_number(article.sha256),
        "Sentence Number": 1,
        "Publisher": "Reuters",
        "City": "Beijing",
        "District": "",
        "Province": "",
        "Country": "China",
        "Latitude": 39.9075,
        "Longitude": 116.39723,
    }
    second = to_icews(ExportItem(article=article, event=article.events[1]), tables=TABLES)
    assert second["Sentence Number"] == 2
    assert second["Target Country"] == "North Korea"
    assert second["City"] == "" and second["Country"] == ""


def test_icews_file(articles: list[Article], tmp_path: Path) -> None:
    out = tmp_path / "icews.tab"
    report = write_export(articles, format="icews", out=out, include_authored=True, modalities=ALL)
    assert report.rows == 4
    rows = _read_tsv(out.read_text(encoding="utf-8"))
    assert list(rows[0]) == list(icews_columns())
    assert [r["CAMEO Code"] for r in rows] == ["040", "100", "020", "1621"]
    assert rows[3]["Intensity"] == "-5.6"
    assert rows[3]["Publisher"] == "corpus/op-ed.txt"


# -- PLOVER and JSONL ---------------------------------------------------------------------


def _item(article: Article, number: int) -> ExportItem:
    return ExportItem(article=article, event=article.events[number])


def test_plover_record_uses_the_manuals_fields(articles: list[Article]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    article = articles[0]
    meet = article.events[0]
    record = to_plover(_item(article, 0), tables=TABLES)
    jsonschema.validate(record, plover_schema())
    assert record["id"] == meet.id
    assert record["date"] == "2013-04-13"
    assert (record["event"], record["mode"], record["context"]) == (["CONSULT"], [], [])
    assert record["actor"] == [
        {
            "code": "USA",
            "sector": "GOV",
            "identifier_id": "person:john-kerry",
            "identifier_text": "John Kerry",
            "entity_text": "John Kerry",
        }
    ]
    assert record["recipient"][0]["code"] == "CHN"
    assert record["event_loc"] == {
        "extracted_place": "Beijing",
        "resolved_place": "Beijing",
        "lat": 39.9075,
        "lon": 116.39723,
        "country": "China",
        "country_code": "CHN",
        "resolution": 4,
        "geonameid": 1816670,
    }
    assert (record["quad_code"], record["event_scale"]) == (1, 1.0)
    assert record["event_text"] == ["met"]
    assert record["text"] == NEWS_TEXT.split("\n\n")[0]
    assert record["text_info"] == {"sequence": 1, "start": 0, "end": meet.sentence[1]}
    assert record["cite_info"]["url"] == article.url
    for old in ("event_type", "actor1", "actor2", "location", "quad_class", "goldstein"):
        assert old not in record


@pytest.mark.parametrize(
    ("modality", "modes"),
    [
        ("asserted", ["discontinue"]),
        ("negated", ["discontinue", "negation"]),
        ("hypothetical", ["discontinue", "hypothetical"]),
        ("future", ["discontinue", "future"]),
        ("historical", ["discontinue", "historical"]),
        ("demanded", ["discontinue"]),
    ],
)
def test_plover_mode_is_a_list_with_the_auxiliary_mode(
    articles: list[Article], modality: str, modes: list[str]
) -> None:
    article = articles[1]
    event = replace(article.events[1], modality=modality)
    record = to_plover(ExportItem(article=article, event=event), tables=TABLES)
    assert record["mode"] == modes
    assert record["context"] == ["economic"]
    assert record["modality"] == modality


def test_plover_file_validates_and_leaves_out_what_plover_cannot_hold(
    articles: list[Article], tmp_path: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    statement = replace(articles[0].events[0], cameo="010", cameo_root="01", plover=None)
    no_actor = replace(articles[0].events[1], source=None)
    articles = [replace(articles[0], events=(*articles[0].events, statement, no_actor))]
    plover = tmp_path / "events.plover.jsonl"
    report = write_export(articles, format="plover", out=plover)
    records = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    assert [r["event"] for r in records] == [["CONSULT"], ["REQUEST"]]
    for record in records:
        jsonschema.validate(record, plover_schema())
    assert report.rows == 2
    assert sum(report.left_out.values()) == 2
    assert any("010" in why and "PLOVER" in why for why in report.left_out)
    assert "no actor: PLOVER requires one" in report.left_out
    assert "2 left out" in report.describe()


def test_jsonl_file_carries_modality_and_consolidation(articles: list[Article]) -> None:
    stream = io.StringIO()
    report = write_export(
        articles, format="jsonl", out=stream, include_authored=True, modalities=ALL
    )
    assert report.rows == 4
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0]["article_id"] == "kerry-beijing"
    assert lines[0]["num_articles"] == 1
    assert [line["modality"] for line in lines] == ["asserted", "asserted", "demanded", "negated"]
    assert [line["attributed_to_author"] for line in lines] == [False, False, True, False]
    extra = {"article_id", "global_event_id", "story_id", "num_mentions", "num_sources"}
    extra |= {"num_articles"}
    assert (
        Event.from_dict({k: v for k, v in lines[3].items() if k not in extra})
        == (articles[1].events[1])
    )


@pytest.mark.parametrize("format", ["gdelt", "icews", "plover", "jsonl"])
def test_only_asserted_events_by_default(
    articles: list[Article], tmp_path: Path, format: str
) -> None:
    out = tmp_path / "out"
    default = write_export(articles, format=format, out=out, include_authored=True).rows
    every = write_export(
        articles, format=format, out=out, include_authored=True, modalities=ALL
    ).rows
    assert (default, every) == (2, 4)


# -- consolidation: one row per event, with its counts ------------------------------------


def _copies(article: Article) -> tuple[list[Article], dict[tuple[str, str], MentionCounts]]:
    """Three outlets' copies of one article, consolidated: each event has three mentions."""
    copies = [
        replace(article, sha256=f"{n}" * 64, id=f"copy-{n}", publisher=f"Outlet {n}")
        for n in (1, 2, 3)
    ]
    counts = {
        (copy.sha256, event.id): MentionCounts(
            global_id=f"ev:{number}",
            position=position,
            story_id="story:1",
            num_mentions=3,
            num_sources=3,
            num_articles=3,
            first_seen="2013-04-13",
            last_seen="2013-04-13",
        )
        for position, copy in enumerate(copies)
        for number, event in enumerate(copy.events)
    }
    return copies, counts


def test_a_consolidated_event_is_written_once_with_its_counts(articles: list[Article]) -> None:
    copies, counts = _copies(articles[0])
    stream = io.StringIO()
    assert write_export(copies, format="gdelt", out=stream, counts=counts).rows == 2
    rows = [line.split("\t") for line in stream.getvalue().splitlines()]
    mentions = gdelt_columns().index("NumMentions")
    assert [row[mentions : mentions + 3] for row in rows] == [["3", "3", "3"]] * 2
    assert rows[0][0] == str(event_number("ev:0"))


# -- loading the files the way the field's own code does ---------------------------------


def test_gdelt_loads_with_header_none_into_the_codebook_columns(
    articles: list[Article], tmp_path: Path
) -> None:
    pd = pytest.importorskip("pandas")
    need_shared(GDELT_HEADER)
    with GDELT_HEADER.open(encoding="utf-8", newline="") as handle:
        names = [row["tableId"] for row in csv.DictReader(handle)]
    out = tmp_path / "events.export.CSV"
    write_export(articles, format="gdelt", out=out, modalities=ALL, include_authored=True)
    frame = pd.read_csv(out, sep="\t", header=None, names=names, dtype=str)
    assert len(frame) == 4 and list(frame.columns) == names
    assert frame["EventCode"].tolist() == ["040", "100", "020", "1621"]
    assert frame["ActionGeo_CountryCode"].iloc[0] == "CH"
    assert frame["ActionGeo_Type"].iloc[0] == "4"
    fractions = frame["FractionDate"].astype(float)
    years = frame["Year"].astype(int)
    assert ((fractions >= years) & (fractions < years + 1)).all()


def test_icews_loads_with_the_icews_dtypes(articles: list[Article], tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.tab"
    write_export(articles, format="icews", out=out, modalities=ALL, include_authored=True)
    frame = pd.read_csv(out, sep="\t", dtype=ICEWS_DTYPES)
    assert list(frame.columns) == list(ICEWS_COLUMNS)
    assert frame["CAMEO Code"].tolist() == ["040", "100", "020", "1621"]
    assert frame["Source Sectors"].iloc[0] == "Government"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2023, 12, 22), 2023.9726),
        (datetime.date(2023, 1, 1), 2023.0),
        (datetime.date(2023, 12, 31), 2023.9973),
        (datetime.date(2024, 12, 31), 2024.9973),
        (datetime.date(2013, 4, 13), 2013.2795),
    ],
)
def test_fraction_date_stays_inside_its_year(day: datetime.date, expected: float) -> None:
    assert fraction_date(day) == expected
    assert day.year <= fraction_date(day) < day.year + 1


def test_fips_table_covers_the_countries_news_names() -> None:
    assert {iso: TABLES.fips_of(iso) for iso in ("USA", "GBR", "DEU", "PRK", "KOR", "CHN")} == {
        "USA": "US",
        "GBR": "UK",
        "DEU": "GM",
        "PRK": "KN",
        "KOR": "KS",
        "CHN": "CH",
    }


# -- the flat table: parquet and pandas ---------------------------------------------------


def test_flat_row(articles: list[Article]) -> None:
    row = to_row(_item(articles[0], 0))
    assert tuple(row) == table_columns()
    assert row["date"] == datetime.date(2013, 4, 13)
    assert (row["source_code"], row["target_code"]) == ("USAGOV", "CHNGOV")
    assert (row["location_name"], row["lat"], row["lon"]) == ("Beijing", 39.9075, 116.39723)
    assert row["sentence"] == NEWS_TEXT.split("\n\n")[0]


def test_parquet_round_trip(articles: list[Article], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    assert write_export(articles, format="parquet", out=out, modalities=ALL).rows == 3
    table = pq.read_table(out)
    assert tuple(table.column_names) == table_columns()
    rows = table.to_pylist()
    expected = [
        to_row(ExportItem(article=a, event=e)) for a, e in event_rows(articles, modalities=ALL)
    ]
    assert rows == expected
    assert str(table.schema.field("date").type) == "date32[day]"
    assert rows[1]["target_sector"] is None
    assert rows[1]["lat"] is None


def test_parquet_needs_a_path(articles: list[Article]) -> None:
    with pytest.raises(ValueError, match="path"):
        write_export(articles, format="parquet", out=io.StringIO())


@pytest.mark.parametrize("module", ["pyarrow", "pyarrow.parquet"])
def test_missing_pyarrow_says_how_to_install(
    articles: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    out = tmp_path / "events.parquet"
    with pytest.raises(ExportDependencyError, match=r"pip install 'eventwatch\[tables\]'") as info:
        write_export(articles, format="parquet", out=out)
    assert isinstance(info.value, EventwatchError)
    assert "pyarrow" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_missing_pandas_says_how_to_install(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ExportDependencyError, match=r"pandas.*pip install 'eventwatch\[tables\]'"):
        events_frame(articles)


def test_parquet_partitioned_by_month_is_queryable_with_duckdb(
    articles: list[Article], tmp_path: Path
) -> None:
    duckdb = pytest.importorskip("duckdb")
    later = replace(
        articles[1],
        events=tuple(replace(e, date=datetime.date(2013, 5, 2)) for e in articles[1].events),
    )
    out = tmp_path / "events"
    report = write_export(
        [articles[0], later], format="parquet", out=out, partition="month", modalities=ALL
    )
    assert report.rows == 3
    assert sorted(p.name for p in out.iterdir()) == ["month=2013-04", "month=2013-05"]
    rows = duckdb.sql(
        f"SELECT month, count(*) AS n FROM read_parquet('{out}/*/*.parquet',"
        " hive_partitioning = true) GROUP BY month ORDER BY month"
    ).fetchall()
    assert rows == [("2013-04", 2), ("2013-05", 1)]
    with pytest.raises(ValueError, match="partition"):
        write_export(articles, format="gdelt", out=tmp_path / "x", partition="month")


def test_events_frame(articles: list[Article]) -> None:
    pd = pytest.importorskip("pandas")
    frame = events_frame(articles)
    assert tuple(frame.columns) == table_columns()
    assert len(frame) == 3  # every modality: the modality column says which
    assert list(frame["cameo"]) == ["040", "100", "1621"]
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["date"].iloc[0] == pd.Timestamp("2013-04-13")
    assert frame["source_country"].iloc[0] == "USA"
    assert frame["plover_type"].tolist() == ["CONSULT", "REQUEST", "SANCTION"]
    assert len(events_frame(articles, include_authored=True)) == 4
    assert len(events_frame([])) == 0


# -- errors -------------------------------------------------------------------------------


def test_unknown_format_is_named(articles: list[Article], tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    with pytest.raises(ValueError, match="'csv'") as info:
        write_export(articles, format="csv", out=out)
    assert all(name in str(info.value) for name in EXPORT_FORMATS)
    assert not out.exists()


@pytest.mark.parametrize("format", EXPORT_FORMATS)
def test_an_error_mid_way_leaves_no_half_written_file(
    articles: list[Article], tmp_path: Path, format: str
) -> None:
    if format == "parquet":
        pytest.importorskip("pyarrow")

    def failing() -> Iterator[Article]:
        yield articles[0]
        raise RuntimeError("the store went away")

    out = tmp_path / f"events.{format}"
    with pytest.raises(RuntimeError, match="store went away"):
        write_export(failing(), format=format, out=out, modalities=ALL)
    assert list(tmp_path.iterdir()) == []

    out.write_text("previous export\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_export(failing(), format=format, out=out, modalities=ALL)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.slow
def test_an_actor_is_placed_in_its_own_country_not_where_another_spoke() -> None:
    """ "In Seoul, Mr. Kerry urged Kim Jong-un …": Kerry acted in Seoul; North Korea's
    leader is not in Seoul, so his geo columns fall back to his country."""
    from eventwatch.api import extract_text
    from eventwatch.settings import load_settings

    text = (
        "Secretary of State John Kerry met South Korean officials in Seoul on Friday, "
        "April 12, 2013, in a visit meant to calm tensions after weeks of threats.\n\n"
        "In Seoul, Mr. Kerry urged Kim Jong-un to stop his provocations and return to talks."
    )
    settings = load_settings(use_environment=False, progress="never")
    article = extract_text(text, id="geo", settings=settings)
    urged = next(e for e in article.events if e.trigger == "urged")
    row = to_gdelt(ExportItem(article=article, event=urged), tables=TABLES)
    assert (row["Actor1Code"], row["Actor2Code"][:3]) == ("USAGOV", "PRK")
    assert row["Actor1Geo_FullName"] == "Seoul, South Korea" == row["ActionGeo_FullName"]
    assert (row["Actor2Geo_Type"], row["Actor2Geo_CountryCode"]) == (1, "KN")
    met = next(e for e in article.events if e.trigger == "met")
    second = to_gdelt(ExportItem(article=article, event=met), tables=TABLES)
    assert second["Actor2Geo_FullName"] == "Seoul, South Korea"  # South Korea's own city
