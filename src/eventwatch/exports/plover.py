"""PLOVER 2.0 JSON records with the manual's field names and types.

The manual's fields (its "PLOVER JSON" table): ``id``, ``date``, ``actor`` and
``recipient`` (lists of entity objects: ``code``, ``sector``, ``entity_text``,
``identifier_id``, ``identifier_text``), ``event`` (a list of event types),
``event_loc`` (a location object), ``event_text``, ``quad_code``,
``event_scale``, ``mode`` and ``context`` (lists), ``text``, ``text_info``,
``cite_info``, ``coder``.  The manual invites extra named fields; eventwatch
adds its CAMEO reading, modality, mention counts and provenance.

Modality goes into ``mode`` as PLOVER's auxiliary modes (``negation``,
``future``, ``hypothetical``, ``historical``; ``data/export/plover_modes.tsv``).

A record the manual would not accept is not written; :func:`plover_problem`
says why: the CAMEO code has no PLOVER type (public statements), or there is no
date or no actor (both required).  The JSON Schema written from the manual is
``eventwatch/schema/plover.schema.json`` (:func:`plover_schema`).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from eventwatch.exports.common import GeoPlace, sentence_number, sentence_text
from eventwatch.exports.select import ExportItem
from eventwatch.exports.tables import ExportTables
from eventwatch.records import Article, EventActor

__all__ = ["CODER", "plover_problem", "plover_schema", "to_plover"]

CODER = "eventwatch"
_RESOLUTION = {"country": 1, "admin1": 2, "region": 2, "city": 4}


def plover_schema() -> dict[str, Any]:
    """The JSON Schema of one exported PLOVER record."""
    text = resources.files("eventwatch").joinpath("schema/plover.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def plover_problem(item: ExportItem, *, tables: ExportTables) -> str | None:
    """Why ``item`` cannot be a PLOVER record (the reason it is left out), else None."""
    event = item.event
    if event.plover is None:
        return tables.plover_missing.get(
            event.cameo, f"CAMEO {event.cameo} has no PLOVER event type"
        )
    if event.date is None and item.article.published is None:
        return "no date: PLOVER requires one"
    if event.source is None:
        return "no actor: PLOVER requires one"
    return None


def _entity(actor: EventActor, article: Article) -> dict[str, object]:
    entity: dict[str, object] = {
        "code": actor.country or (actor.code[:3] if actor.code else None),
        "sector": actor.sector,
        "identifier_id": actor.actor_id,
        "identifier_text": actor.name,
    }
    if actor.span is not None:
        entity["entity_text"] = article.text[actor.span[0] : actor.span[1]]
    return entity


def _location(item: ExportItem, tables: ExportTables) -> dict[str, object] | None:
    place = item.event.location
    if place is None:
        return None
    geo = GeoPlace.of_event(place, item.article)
    location: dict[str, object] = {
        "extracted_place": item.article.text[place.span[0] : place.span[1]],
        "resolved_place": geo.name,
        "lat": geo.lat,
        "lon": geo.lon,
        "country": tables.country_name(geo.country),
        "country_code": geo.country,
        "resolution": _RESOLUTION.get(geo.kind, 1),
    }
    prefix, _, number = geo.place_id.partition(":")
    if prefix == "geonames" and number.isdigit():
        location["geonameid"] = int(number)
    return location


def to_plover(item: ExportItem, *, tables: ExportTables) -> dict[str, object]:
    """One PLOVER record.  Check :func:`plover_problem` first: it must be ``None``."""
    article, event = item.article, item.event
    plover, source, target = event.plover, event.source, event.target
    day = event.date or article.published
    modes = [plover.mode] if plover and plover.mode else []
    auxiliary = tables.plover_aux.get(event.modality, "")
    if auxiliary and auxiliary not in modes:
        modes.append(auxiliary)
    counts = item.counts
    return {
        "id": item.global_id,
        "date": day.isoformat() if day else None,
        "actor": [_entity(source, article)] if source else [],
        "recipient": [_entity(target, article)] if target else [],
        "event": [plover.type] if plover else [],
        "event_loc": _location(item, tables),
        "event_text": [event.trigger],
        "quad_code": event.quad_class,
        "event_scale": event.goldstein,
        "mode": modes,
        "context": list(plover.context) if plover else [],
        "text": sentence_text(article, event),
        "text_info": {
            "sequence": sentence_number(article, event),
            "start": event.sentence[0],
            "end": event.sentence[1],
        },
        "cite_info": {
            "url": article.url,
            "title": article.title,
            "language": article.language,
            "publication": article.publisher,
            "coder": CODER,
        },
        "coder": CODER,
        # eventwatch's own fields (the manual invites extra named fields)
        "event_id": event.id,
        "article_id": article.id,
        "cameo": event.cameo,
        "cameo_name": event.cameo_name,
        "modality": event.modality,
        "attributed_to_author": event.attributed_to_author,
        "num_mentions": counts.num_mentions if counts else 1,
        "num_sources": counts.num_sources if counts else 1,
        "num_articles": counts.num_articles if counts else 1,
        "explanation": event.explanation,
    }
