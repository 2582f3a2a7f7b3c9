"""ICEWS coded-event rows: the columns of ICEWS's event files, in file order.

ICEWS conventions: sectors are ICEWS sector names, comma-separated
(``Government``, ``Legislative / Parliamentary``; ``data/export/icews_sectors.tsv``),
never CAMEO codes; countries are names; ``Event Text`` is the CAMEO code's
name; ``CAMEO Code`` is text and keeps its leading zero (``042``) — read it
with :data:`ICEWS_DTYPES`; ``Event ID`` and ``Story ID`` are integers
(``Story ID`` numbers the article the event was read from).
"""

from __future__ import annotations

from eventwatch.exports.common import GeoPlace, sentence_number
from eventwatch.exports.select import ExportItem, event_number
from eventwatch.exports.tables import ExportTables
from eventwatch.records import EventActor

__all__ = ["ICEWS_COLUMNS", "ICEWS_DTYPES", "to_icews"]

ICEWS_COLUMNS: tuple[str, ...] = (
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

#: pandas dtypes to read an ICEWS file with (as the field's loaders do): codes stay text.
ICEWS_DTYPES: dict[str, str] = {
    "Event ID": "int64",
    "Event Date": "str",
    "Source Name": "str",
    "Source Sectors": "str",
    "Source Country": "str",
    "Event Text": "str",
    "CAMEO Code": "str",
    "Intensity": "float64",
    "Target Name": "str",
    "Target Sectors": "str",
    "Target Country": "str",
    "Story ID": "int64",
    "Sentence Number": "Int64",
    "Publisher": "str",
    "City": "str",
    "District": "str",
    "Province": "str",
    "Country": "str",
    "Latitude": "float64",
    "Longitude": "float64",
}


def _actor(prefix: str, actor: EventActor | None, tables: ExportTables) -> dict[str, object]:
    if actor is None:
        return {}
    return {
        f"{prefix} Name": actor.name,
        f"{prefix} Sectors": tables.icews_sector(actor.sector),
        f"{prefix} Country": tables.country_name(actor.country) or "",
    }


def to_icews(item: ExportItem, *, tables: ExportTables) -> dict[str, object]:
    """One ICEWS row: every column of :data:`ICEWS_COLUMNS`, unknown ones ``""``.

    ``Event ID`` is the same integer as GDELT's GLOBALEVENTID.
    """
    article, event = item.article, item.event
    row: dict[str, object] = dict.fromkeys(ICEWS_COLUMNS, "")
    sentence = sentence_number(article, event)
    day = event.date or article.published
    row.update(
        {
            "Event ID": event_number(item.global_id),
            "Event Date": day.isoformat() if day else "",
            "Event Text": event.cameo_name,
            "CAMEO Code": event.cameo,
            "Intensity": event.goldstein,
            "Story ID": event_number(article.sha256),
            "Sentence Number": "" if sentence is None else sentence,
            "Publisher": article.publisher or article.source,
        }
    )
    row.update(_actor("Source", event.source, tables))
    row.update(_actor("Target", event.target, tables))
    if event.location is not None:
        place = GeoPlace.of_event(event.location, article)
        if place.kind == "city":
            row["City"] = place.name
        elif place.kind == "admin1" or (place.kind == "region" and place.country):
            row["Province"] = place.name
        row["Country"] = tables.country_name(place.country) or ""
        row["Latitude"] = "" if place.lat is None else place.lat
        row["Longitude"] = "" if place.lon is None else place.lon
    return row
