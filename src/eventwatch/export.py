"""Export coded events in the layouts other event-data tools read.

Five formats (see ``docs/export.md`` for the column mapping)::

    gdelt    tab-separated, the 61 columns of the GDELT 2.0 event table (header row first)
    icews    tab-separated, the ICEWS event columns (header row first)
    plover   JSON lines, one PLOVER-style record per event
    jsonl    JSON lines, ``Event.to_dict()`` plus the article id
    parquet  the flat event table (:func:`table_columns`), needs pyarrow

The row builders (:func:`to_gdelt`, :func:`to_icews`, :func:`to_plover`,
:func:`to_row`) take one ``(article, event)`` pair; :func:`event_rows` yields
those pairs and decides which events are exported: by default events an opinion
piece attributes to its own author are left out (they are the author's
judgements, not acts of the actors).  :func:`write_export` writes a whole file
and never leaves a half-written one behind; :func:`events_frame` gives the flat
table as a pandas DataFrame.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib
import json
import os
import secrets
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from eventwatch.errors import EventwatchError
from eventwatch.records import Article, Event, EventActor, EventPlace

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped,import-not-found,unused-ignore]

__all__ = [
    "EXPORT_FORMATS",
    "ExportDependencyError",
    "event_number",
    "event_rows",
    "events_frame",
    "gdelt_columns",
    "icews_columns",
    "table_columns",
    "to_gdelt",
    "to_icews",
    "to_plover",
    "to_row",
    "write_export",
]

EXPORT_FORMATS: tuple[str, ...] = ("gdelt", "icews", "plover", "parquet", "jsonl")

_INSTALL_HINT = "pip install 'eventwatch[tables]'"


class ExportDependencyError(EventwatchError):
    """An export format needs an optional package (pyarrow, pandas) that is not installed."""


# -- which events -------------------------------------------------------------------------


def event_rows(
    articles: Iterable[Article],
    *,
    include_authored: bool = False,
    modalities: Collection[str] | None = None,
) -> Iterator[tuple[Article, Event]]:
    """Yield ``(article, event)`` for every exported event, in article then event order.

    Events with ``attributed_to_author=True`` are left out unless
    ``include_authored``; all modalities are kept unless ``modalities`` names
    the ones to keep (an unknown modality name is a ``ValueError``, raised at
    once rather than on the first ``next()``).
    """
    keep: frozenset[str] | None = None
    if modalities is not None:
        from eventwatch.events.modality import MODALITIES

        keep = frozenset(modalities)
        unknown = sorted(keep - set(MODALITIES))
        if unknown:
            raise ValueError(
                f"unknown modality {', '.join(map(repr, unknown))}; "
                f"choose from {', '.join(MODALITIES)}"
            )
    return _select(articles, include_authored, keep)


def _select(
    articles: Iterable[Article], include_authored: bool, keep: frozenset[str] | None
) -> Iterator[tuple[Article, Event]]:
    for article in articles:
        for event in article.events:
            if event.attributed_to_author and not include_authored:
                continue
            if keep is not None and event.modality not in keep:
                continue
            yield article, event


def event_number(event_id: str) -> int:
    """A stable positive integer for an event id: the first 15 hex digits of its SHA-1.

    GDELT and ICEWS want integer event ids; 60 bits fit a signed 64-bit column.
    """
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


# -- shared helpers -----------------------------------------------------------------------


def _sentence_text(article: Article, event: Event) -> str:
    start, end = event.sentence
    return article.text[start:end]


def _sentence_number(article: Article, event: Event) -> int | None:
    """1-based number of the event's sentence in the article, when the sentences are known."""
    for number, (start, _end) in enumerate(article.sentences, start=1):
        if start == event.sentence[0]:
            return number
    return None


def _place_kind(place: EventPlace) -> str:
    """``country``, ``admin1``, ``city`` or ``region``, read from the place id's prefix."""
    prefix = place.place_id.split(":", 1)[0]
    return {"country": "country", "admin1": "admin1", "geonames": "city"}.get(prefix, "region")


def _country_name(iso3: str | None) -> str | None:
    """The display name of an ISO3 country code, or the code itself when it is not known."""
    if not iso3:
        return None
    from eventwatch.actors.kb import knowledge_base

    country = knowledge_base().countries.get(iso3)
    return country.name if country is not None else iso3


def _is_root(article: Article, event: Event) -> int:
    """1 when the event's sentence starts in the lead paragraph (GDELT's IsRootEvent).

    The lead paragraph runs up to the first blank line of the text; an article
    without paragraph breaks has its first sentence as its lead.
    """
    text = article.text
    begin = len(text) - len(text.lstrip())
    cut = text.find("\n\n", begin)
    if cut == -1:
        if article.sentences:
            cut = article.sentences[0][1]
        else:
            return 1
    return 1 if event.sentence[0] < cut else 0


def _known_group(code: str | None) -> str | None:
    """``UNO`` for ``IGOUNO``: CAMEO's known-group code of an IGO/NGO actor code."""
    if code and len(code) >= 6 and code[:3] in {"IGO", "NGO", "MNC"}:
        return code[3:6]
    return None


# -- GDELT --------------------------------------------------------------------------------

_GDELT_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GDELT_GEO = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
_GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{name}" for name in _GDELT_ACTOR),
    *(f"Actor2{name}" for name in _GDELT_ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GDELT_GEO),
    *(f"Actor2Geo_{name}" for name in _GDELT_GEO),
    *(f"ActionGeo_{name}" for name in _GDELT_GEO),
    "DATEADDED",
    "SOURCEURL",
)


def gdelt_columns() -> tuple[str, ...]:
    """The 61 column names of the GDELT 2.0 event table, in file order."""
    return _GDELT_COLUMNS


def _gdelt_actor(prefix: str, actor: EventActor | None) -> dict[str, object]:
    if actor is None:
        return {}
    return {
        f"{prefix}Code": actor.code or "",
        f"{prefix}Name": actor.name.upper(),
        f"{prefix}CountryCode": actor.country or "",
        f"{prefix}KnownGroupCode": _known_group(actor.code) or "",
        f"{prefix}Type1Code": actor.sector or "",
    }


def _gdelt_geo(place: EventPlace | None) -> dict[str, object]:
    if place is None:
        return {}
    kind = _place_kind(place)
    usa = place.country == "USA"
    geo_type = {"country": 1, "admin1": 2 if usa else 5, "city": 3 if usa else 4}.get(kind, "")
    if kind == "country" or not place.country:
        full_name = place.name
    else:
        full_name = f"{place.name}, {_country_name(place.country)}"
    # a GeoNames id for cities (GDELT has GNS/GNIS ids), the ISO3 or admin1 code otherwise
    feature = place.place_id.split(":", 1)[1] if kind != "region" else ""
    return {
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": full_name,
        "ActionGeo_CountryCode": place.country or "",
        "ActionGeo_Lat": "" if place.lat is None else place.lat,
        "ActionGeo_Long": "" if place.lon is None else place.lon,
        "ActionGeo_FeatureID": feature,
    }


def _fraction_date(day: datetime.date) -> float:
    """GDELT's YYYY.FFFF: the year plus (month * 30 + day) / 365, to four places."""
    return round(day.year + (day.month * 30 + day.day) / 365, 4)


def to_gdelt(article: Article, event: Event) -> dict[str, object]:
    """One GDELT 2.0 event-table row: every column of :func:`gdelt_columns`, unknown ones ``""``.

    Country codes are ISO 3166 alpha-3 everywhere (GDELT's ``*Geo_CountryCode``
    columns use FIPS 10-4, which eventwatch does not carry); ``DATEADDED`` is
    the article's publication date at midnight; tone and the per-update
    mention counts are not computed (``NumMentions`` etc. are 1, ``AvgTone`` empty).
    """
    row: dict[str, object] = dict.fromkeys(_GDELT_COLUMNS, "")
    code = event.cameo
    row.update(
        {
            "GLOBALEVENTID": event_number(event.id),
            "IsRootEvent": _is_root(article, event),
            "EventCode": code,
            "EventBaseCode": code[:3],
            "EventRootCode": event.cameo_root or code[:2],
            "QuadClass": event.quad_class,
            "GoldsteinScale": event.goldstein,
            "NumMentions": 1,
            "NumSources": 1,
            "NumArticles": 1,
            "SOURCEURL": article.url or article.source,
        }
    )
    if event.date is not None:
        day = event.date
        row["SQLDATE"] = int(day.strftime("%Y%m%d"))
        row["MonthYear"] = day.year * 100 + day.month
        row["Year"] = day.year
        row["FractionDate"] = _fraction_date(day)
    if article.published is not None:
        row["DATEADDED"] = int(article.published.strftime("%Y%m%d") + "000000")
    row.update(_gdelt_actor("Actor1", event.source))
    row.update(_gdelt_actor("Actor2", event.target))
    row.update(_gdelt_geo(event.location))
    return row


# -- ICEWS --------------------------------------------------------------------------------

_ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)


def icews_columns() -> tuple[str, ...]:
    """The ICEWS event-file column names, in file order."""
    return _ICEWS_COLUMNS


def _icews_actor(prefix: str, actor: EventActor | None) -> dict[str, object]:
    if actor is None:
        return {}
    return {
        f"{prefix} Name": actor.name,
        f"{prefix} Sectors": actor.sector or "",
        f"{prefix} Country": _country_name(actor.country) or "",
    }


def to_icews(article: Article, event: Event) -> dict[str, object]:
    """One ICEWS row: every column of :func:`icews_columns`, unknown ones ``""``.

    ``Event ID`` is :func:`event_number` (the same integer as GDELT's
    GLOBALEVENTID); countries are written as names; sectors are eventwatch's
    sector codes (``GOV``), not ICEWS's sector names.
    """
    row: dict[str, object] = dict.fromkeys(_ICEWS_COLUMNS, "")
    sentence = _sentence_number(article, event)
    row.update(
        {
            "Event ID": event_number(event.id),
            "Event Date": event.date.isoformat() if event.date else "",
            "Event Text": event.cameo_name,
            "CAMEO Code": event.cameo,
            "Intensity": event.goldstein,
            "Story ID": article.id,
            "Sentence Number": "" if sentence is None else sentence,
            "Publisher": article.publisher or article.source,
        }
    )
    row.update(_icews_actor("Source", event.source))
    row.update(_icews_actor("Target", event.target))
    place = event.location
    if place is not None:
        kind = _place_kind(place)
        if kind == "city":
            row["City"] = place.name
        elif kind == "admin1":
            row["Province"] = place.name
        row["Country"] = _country_name(place.country) or (place.name if kind == "country" else "")
        row["Latitude"] = "" if place.lat is None else place.lat
        row["Longitude"] = "" if place.lon is None else place.lon
    return row


# -- PLOVER -------------------------------------------------------------------------------


def to_plover(article: Article, event: Event) -> dict[str, object]:
    """A PLOVER-style JSON record, with eventwatch's CAMEO reading and provenance added.

    ``event_type``, ``mode`` and ``context`` are ``None``/``[]`` when the CAMEO
    code has no PLOVER mapping.
    """
    source, target, place = event.source, event.target, event.location
    return {
        "id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "event_type": event.plover.type if event.plover else None,
        "mode": event.plover.mode if event.plover else None,
        "context": list(event.plover.context) if event.plover else [],
        "actor1": source.name if source else None,
        "actor1_id": source.actor_id if source else None,
        "actor1_code": source.code if source else None,
        "actor1_country": source.country if source else None,
        "actor2": target.name if target else None,
        "actor2_id": target.actor_id if target else None,
        "actor2_code": target.code if target else None,
        "actor2_country": target.country if target else None,
        "location": {
            "name": place.name,
            "country": place.country,
            "lat": place.lat,
            "lon": place.lon,
        }
        if place
        else None,
        "text": _sentence_text(article, event),
        "article_id": article.id,
        "url": article.url,
        "publisher": article.publisher,
        "cameo": event.cameo,
        "cameo_name": event.cameo_name,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "modality": event.modality,
        "attributed_to_author": event.attributed_to_author,
        "trigger": event.trigger,
        "explanation": event.explanation,
    }


def _to_jsonl(article: Article, event: Event) -> dict[str, object]:
    return {"article_id": article.id, **event.to_dict()}


# -- the flat table -----------------------------------------------------------------------

_TABLE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "event_id",
    "date",
    "date_period",
    *(
        f"{side}_{name}"
        for side in ("source", "target")
        for name in ("id", "name", "code", "country", "sector")
    ),
    "cameo",
    "cameo_root",
    "cameo_name",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "modality",
    "attributed_to_author",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "trigger",
    "sentence",
    "explanation",
)


def table_columns() -> tuple[str, ...]:
    """The columns of the flat event table (parquet and :func:`events_frame`)."""
    return _TABLE_COLUMNS


def to_row(article: Article, event: Event) -> dict[str, object]:
    """One row of the flat event table; ``None`` where a value is unknown."""
    row: dict[str, object] = {
        "article_id": article.id,
        "event_id": event.id,
        "date": event.date,
        "date_period": event.date_period,
    }
    for side, actor in (("source", event.source), ("target", event.target)):
        row[f"{side}_id"] = actor.actor_id if actor else None
        row[f"{side}_name"] = actor.name if actor else None
        row[f"{side}_code"] = actor.code if actor else None
        row[f"{side}_country"] = actor.country if actor else None
        row[f"{side}_sector"] = actor.sector if actor else None
    place = event.location
    row.update(
        {
            "cameo": event.cameo,
            "cameo_root": event.cameo_root,
            "cameo_name": event.cameo_name,
            "goldstein": event.goldstein,
            "quad_class": event.quad_class,
            "plover_type": event.plover.type if event.plover else None,
            "plover_mode": event.plover.mode if event.plover else None,
            "modality": event.modality,
            "attributed_to_author": event.attributed_to_author,
            "location_name": place.name if place else None,
            "location_country": place.country if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "trigger": event.trigger,
            "sentence": _sentence_text(article, event),
            "explanation": event.explanation,
        }
    )
    return row


def _require(module: str, what: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ExportDependencyError(
            f"{what} needs {module.split('.')[0]}, which is not installed: {_INSTALL_HINT}"
        ) from error


def _arrow_table(rows: list[dict[str, object]]) -> Any:
    pa = _require("pyarrow", "parquet export")
    types = {
        "date": pa.date32(),
        "goldstein": pa.float64(),
        "quad_class": pa.int8(),
        "attributed_to_author": pa.bool_(),
        "lat": pa.float64(),
        "lon": pa.float64(),
    }
    schema = pa.schema([(name, types.get(name, pa.string())) for name in _TABLE_COLUMNS])
    columns = {name: [row[name] for row in rows] for name in _TABLE_COLUMNS}
    return pa.table(columns, schema=schema)


def events_frame(
    articles: Iterable[Article], *, include_authored: bool = False
) -> pandas.DataFrame:
    """The flat event table (:func:`table_columns`) as a pandas DataFrame, one row per event.

    ``date`` is a datetime64 column (``NaT`` where unknown).  Needs pandas
    (``pip install 'eventwatch[tables]'``).
    """
    pd = _require("pandas", "events_frame")
    rows = [to_row(a, e) for a, e in event_rows(articles, include_authored=include_authored)]
    frame = pd.DataFrame(rows, columns=list(_TABLE_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


# -- writing ------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A value as one tab-separated cell: ``None`` empty, tabs and line breaks as spaces."""
    if value is None:
        return ""
    text = str(value)
    if "\t" in text or "\n" in text or "\r" in text:
        text = " ".join(text.replace("\t", " ").splitlines())
    return text


def _write_tsv(
    stream: IO[str],
    pairs: Iterable[tuple[Article, Event]],
    columns: tuple[str, ...],
    row_of: Callable[[Article, Event], dict[str, object]],
    header: bool,
) -> int:
    if header:
        stream.write("\t".join(columns) + "\n")
    count = 0
    for article, event in pairs:
        row = row_of(article, event)
        stream.write("\t".join(_cell(row[name]) for name in columns) + "\n")
        count += 1
    return count


def _write_jsonl(
    stream: IO[str],
    pairs: Iterable[tuple[Article, Event]],
    row_of: Callable[[Article, Event], dict[str, object]],
) -> int:
    count = 0
    for article, event in pairs:
        stream.write(json.dumps(row_of(article, event), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_text(
    stream: IO[str], pairs: Iterable[tuple[Article, Event]], format: str, header: bool
) -> int:
    if format == "gdelt":
        return _write_tsv(stream, pairs, _GDELT_COLUMNS, to_gdelt, header)
    if format == "icews":
        return _write_tsv(stream, pairs, _ICEWS_COLUMNS, to_icews, header)
    if format == "plover":
        return _write_jsonl(stream, pairs, to_plover)
    return _write_jsonl(stream, pairs, _to_jsonl)


def _temp_beside(path: Path) -> Path:
    """A new, empty file next to ``path`` (same folder, so the final rename is atomic).

    Created with ``open(..., "x")`` rather than ``mkstemp`` so the result gets the
    usual permissions (umask), not mkstemp's owner-only ones.
    """
    while True:
        temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            temp.open("x").close()
        except FileExistsError:
            continue
        return temp


def write_export(
    articles: Iterable[Article],
    *,
    format: str,
    out: IO[str] | Path,
    include_authored: bool = False,
    modalities: Collection[str] | None = None,
    header: bool = True,
) -> int:
    """Write the exported events of ``articles`` to ``out``; return the number of rows.

    ``format`` is one of :data:`EXPORT_FORMATS` (anything else is a
    ``ValueError``).  ``gdelt`` and ``icews`` start with a header row unless
    ``header=False`` (GDELT's own files have none).  ``parquet`` needs pyarrow
    and a path.  A path is written through a temporary file in the same folder
    that replaces it only when every row is written, so an error leaves the
    old file (or none) in place; an open stream is written as rows come.
    """
    if format not in EXPORT_FORMATS:
        raise ValueError(
            f"unknown export format {format!r}; choose from {', '.join(EXPORT_FORMATS)}"
        )
    pairs = event_rows(articles, include_authored=include_authored, modalities=modalities)
    if format == "parquet":
        if not isinstance(out, Path):
            raise ValueError("parquet export needs a file path, not a text stream")
        pq = _require("pyarrow.parquet", "parquet export")
        table = _arrow_table([to_row(a, e) for a, e in pairs])
        temp = _temp_beside(out)
        try:
            pq.write_table(table, temp)
            temp.replace(out)
        except BaseException:
            with suppress(OSError):
                temp.unlink()
            raise
        return int(table.num_rows)
    if not isinstance(out, Path):
        return _write_text(out, pairs, format, header)
    temp = _temp_beside(out)
    try:
        with temp.open("w", encoding="utf-8", newline="") as stream:
            count = _write_text(stream, pairs, format, header)
        temp.replace(out)
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
    return count
