"""GDELT 2.0 event-table rows: the codebook's 61 columns, in file order.

* Geo columns (``ActionGeo_*``, ``Actor1Geo_*``, ``Actor2Geo_*``) carry FIPS 10-4
  country codes (``CountryCode``, and ``ADM1Code`` for a country-level place),
  from ``data/export/fips_countries.tsv``.  ``Type`` is 1 country, 2 US state,
  3 US city, 4 world city, 5 world state (a sub-national area outside the US);
  it is never empty when the other geo columns are filled.  A region spanning
  several countries (``Asia``) has no GDELT type: the nearest mappable place
  in the sentence stands in, else the columns stay empty.
* ``ActionGeo`` is the event's place; ``Actor1Geo``/``Actor2Geo`` the mappable
  place named nearest the actor in the event's sentence, in the actor's own
  country when it has one (or, for the source, the event's place: where it
  acted), else the actor's country (type 1).
* ``FractionDate`` is the year plus the share of the year gone by at the start
  of the day, ``(day of year - 1) / days in year``, to four places: always in
  ``[year, year + 1)`` (the codebook's ``(month * 30 + day) / 365`` runs past the
  year end in December).
* ``NumMentions``, ``NumSources`` and ``NumArticles`` come from consolidation.
* Actor ``CountryCode`` columns keep CAMEO's three-letter country codes, as GDELT does.
"""

from __future__ import annotations

import datetime

from eventwatch.exports.common import GeoPlace, is_root, near_place
from eventwatch.exports.select import ExportItem, event_number
from eventwatch.exports.tables import ExportTables
from eventwatch.records import EventActor

__all__ = ["GDELT_COLUMNS", "fraction_date", "to_gdelt"]

_ACTOR = (
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
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR),
    *(f"Actor2{name}" for name in _ACTOR),
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
    *(f"Actor1Geo_{name}" for name in _GEO),
    *(f"Actor2Geo_{name}" for name in _GEO),
    *(f"ActionGeo_{name}" for name in _GEO),
    "DATEADDED",
    "SOURCEURL",
)


def fraction_date(day: datetime.date) -> float:
    """``YYYY.FFFF``: the year plus the share of it gone by when ``day`` starts."""
    days_in_year = 366 if datetime.date(day.year, 12, 31).timetuple().tm_yday == 366 else 365
    fraction = (day.timetuple().tm_yday - 1) / days_in_year
    return round(day.year + min(fraction, 0.9999), 4)


def _known_group(code: str | None) -> str | None:
    """``UNO`` for ``IGOUNO``: CAMEO's known-group code of an IGO/NGO actor code."""
    if code and len(code) >= 6 and code[:3] in {"IGO", "NGO", "MNC"}:
        return code[3:6]
    return None


def _actor(prefix: str, actor: EventActor | None) -> dict[str, object]:
    if actor is None:
        return {}
    return {
        f"{prefix}Code": actor.code or "",
        f"{prefix}Name": actor.name.upper(),
        f"{prefix}CountryCode": actor.country or "",
        f"{prefix}KnownGroupCode": _known_group(actor.code) or "",
        f"{prefix}Type1Code": actor.sector or "",
    }


def _geo(prefix: str, place: GeoPlace | None, tables: ExportTables) -> dict[str, object]:
    if place is None or not place.mappable:
        return {}
    usa = place.country == "USA"
    kind = place.kind
    if kind == "country":
        geo_type = 1
    elif kind == "city":
        geo_type = 3 if usa else 4
    else:  # admin1, or a region inside one country
        geo_type = 2 if usa else 5
    fips = tables.fips_of(place.country)
    if kind == "country":
        full_name = tables.country_name(place.country) or place.name
        feature = fips
    else:
        country = tables.country_name(place.country)
        full_name = f"{place.name}, {country}" if country else place.name
        feature = place.place_id.split(":", 1)[1] if kind != "region" else ""
    return {
        f"{prefix}Type": geo_type,
        f"{prefix}FullName": full_name,
        f"{prefix}CountryCode": fips,
        f"{prefix}ADM1Code": fips if kind == "country" else "",
        f"{prefix}Lat": "" if place.lat is None else place.lat,
        f"{prefix}Long": "" if place.lon is None else place.lon,
        f"{prefix}FeatureID": feature,
    }


def _actor_place(
    item: ExportItem,
    actor: EventActor | None,
    tables: ExportTables,
    *,
    acted_at: GeoPlace | None = None,
) -> GeoPlace | None:
    """The place named nearest the actor in the event's sentence, in the actor's own
    country when it has one ("Kerry said in Seoul that North Korea …" does not put North
    Korea in Seoul); the source is also where it acted (``acted_at``, the event's place)."""
    if actor is None:
        return None
    if acted_at is not None and actor.country:
        return acted_at
    anchor = actor.span[0] if actor.span else item.event.span[0]
    found = near_place(item.article, item.event, anchor, country=actor.country or None)
    if found is not None:
        return found
    if actor.country and actor.country in tables.country_names:
        return GeoPlace(
            place_id=f"country:{actor.country}",
            name=tables.country_name(actor.country) or actor.country,
            kind="country",
            country=actor.country,
            lat=None,
            lon=None,
        )
    return None


def _action_place(item: ExportItem) -> GeoPlace | None:
    event = item.event
    if event.location is None:
        return None
    place = GeoPlace.of_event(event.location, item.article)
    if place.mappable:
        return place
    return near_place(item.article, event, event.location.span[0])


def to_gdelt(item: ExportItem, *, tables: ExportTables) -> dict[str, object]:
    """One GDELT 2.0 event-table row: every column of :data:`GDELT_COLUMNS`, unknown ones ``""``.

    ``DATEADDED`` is the article's publication date at midnight; ``AvgTone`` is
    not computed (empty).
    """
    article, event = item.article, item.event
    row: dict[str, object] = dict.fromkeys(GDELT_COLUMNS, "")
    code = event.cameo
    counts = item.counts
    row.update(
        {
            "GLOBALEVENTID": event_number(item.global_id),
            "IsRootEvent": is_root(article, event),
            "EventCode": code,
            "EventBaseCode": code[:3],
            "EventRootCode": event.cameo_root or code[:2],
            "QuadClass": event.quad_class,
            "GoldsteinScale": event.goldstein,
            "NumMentions": counts.num_mentions if counts else 1,
            "NumSources": counts.num_sources if counts else 1,
            "NumArticles": counts.num_articles if counts else 1,
            "SOURCEURL": article.url or article.source,
        }
    )
    day = event.date or article.published
    if day is not None:
        row["SQLDATE"] = int(day.strftime("%Y%m%d"))
        row["MonthYear"] = day.year * 100 + day.month
        row["Year"] = day.year
        row["FractionDate"] = fraction_date(day)
    if article.published is not None:
        row["DATEADDED"] = int(article.published.strftime("%Y%m%d") + "000000")
    row.update(_actor("Actor1", event.source))
    row.update(_actor("Actor2", event.target))
    action = _action_place(item)
    source_place = _actor_place(item, event.source, tables, acted_at=action)
    row.update(_geo("Actor1Geo_", source_place, tables))
    row.update(_geo("Actor2Geo_", _actor_place(item, event.target, tables), tables))
    row.update(_geo("ActionGeo_", action, tables))
    return row
