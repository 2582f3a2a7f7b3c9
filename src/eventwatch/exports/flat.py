"""The flat event table: JSON-friendly rows for Parquet and pandas, one per exported event."""

from __future__ import annotations

import importlib
from typing import Any

from eventwatch.errors import ConfigError
from eventwatch.exports.common import sentence_text
from eventwatch.exports.select import ExportItem

__all__ = ["TABLE_COLUMNS", "ExportDependencyError", "arrow_table", "require", "to_row"]

INSTALL_HINT = "pip install 'eventwatch[tables]'"


class ExportDependencyError(ConfigError):
    """An export format needs an optional package (pyarrow, pandas) that is not installed:
    a matter of the installation, so the CLI exits 2 (usage or configuration), not 3."""


TABLE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "event_id",
    "global_event_id",
    "story_id",
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
    "num_mentions",
    "num_sources",
    "num_articles",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "trigger",
    "sentence",
    "explanation",
)


def to_row(item: ExportItem) -> dict[str, object]:
    """One row of the flat event table; ``None`` where a value is unknown."""
    article, event, counts = item.article, item.event, item.counts
    row: dict[str, object] = {
        "article_id": article.id,
        "event_id": event.id,
        "global_event_id": item.global_id,
        "story_id": counts.story_id if counts else None,
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
            "num_mentions": counts.num_mentions if counts else 1,
            "num_sources": counts.num_sources if counts else 1,
            "num_articles": counts.num_articles if counts else 1,
            "location_name": place.name if place else None,
            "location_country": place.country if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "trigger": event.trigger,
            "sentence": sentence_text(article, event),
            "explanation": event.explanation,
        }
    )
    return row


def require(module: str, what: str) -> Any:
    """Import an optional module, or raise ExportDependencyError saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ExportDependencyError(
            f"{what} needs {module.split('.')[0]}, which is not installed: {INSTALL_HINT}"
        ) from error


def arrow_table(rows: list[dict[str, object]], *, month: bool = False) -> Any:
    """The rows as a pyarrow Table with typed columns (and a ``month`` column if asked)."""
    pa = require("pyarrow", "parquet export")
    types = {
        "date": pa.date32(),
        "goldstein": pa.float64(),
        "quad_class": pa.int8(),
        "attributed_to_author": pa.bool_(),
        "num_mentions": pa.int32(),
        "num_sources": pa.int32(),
        "num_articles": pa.int32(),
        "lat": pa.float64(),
        "lon": pa.float64(),
    }
    names = [*TABLE_COLUMNS, "month"] if month else list(TABLE_COLUMNS)
    schema = pa.schema([(name, types.get(name, pa.string())) for name in names])
    columns: dict[str, list[object]] = {name: [row[name] for row in rows] for name in TABLE_COLUMNS}
    if month:
        columns["month"] = [
            row["date"].strftime("%Y-%m") if row["date"] is not None else "unknown"  # type: ignore[attr-defined]
            for row in rows
        ]
    return pa.table(columns, schema=schema)
