"""Vega-Lite specs for the pages (plain dicts; ``static/app.js`` draws them with vega-embed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventwatch.queries import QUAD_NAMES, Count, Point, StancePoint

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier, never fetched
_QUADS = [QUAD_NAMES[quad] for quad in sorted(QUAD_NAMES)]
_QUAD_COLOURS = ["#4c9a2a", "#1b6b3a", "#e08a1e", "#b22222"]


def _base(**extra: Any) -> dict[str, Any]:
    return {"$schema": SCHEMA, "width": 680, "height": 280, **extra}


def timeline_chart(counts: Sequence[Count]) -> dict[str, Any]:
    """Events per month, stacked by quad class."""
    values = [
        {
            "month": f"{count.period}-01",
            "quad": QUAD_NAMES.get(count.quad_class or 0, "none"),
            "events": count.events,
        }
        for count in counts
    ]
    return _base(
        data={"values": values},
        mark={"type": "bar"},
        encoding={
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": "month"},
            "y": {"field": "events", "type": "quantitative", "aggregate": "sum", "title": "events"},
            "color": {
                "field": "quad",
                "type": "nominal",
                "title": "quad class",
                "scale": {"domain": _QUADS, "range": _QUAD_COLOURS},
            },
            "tooltip": [
                {"field": "month", "type": "temporal", "timeUnit": "yearmonth"},
                {"field": "quad"},
                {"field": "events", "type": "quantitative"},
            ],
        },
    )


def compare_chart(points: Sequence[StancePoint]) -> dict[str, Any]:
    """One line per actor: its score per period, -10 (pressure) to +10 (engagement).

    Each point's ``anchor`` names the evidence section a click opens.
    """
    values = [
        {
            "actor": point.actor_name,
            "start": point.start,
            "period": point.period,
            "score": point.score,
            "side": point.side,
            "events": point.events,
            "anchor": f"evidence-{index}",
        }
        for index, point in enumerate(points)
    ]
    x = {"field": "start", "type": "temporal", "title": "period"}
    y = {
        "field": "score",
        "type": "quantitative",
        "title": "stance (−10 pressure … +10 engagement)",
        "scale": {"domain": [-10, 10]},
    }
    colour = {"field": "actor", "type": "nominal", "title": "actor"}
    return _base(
        data={"values": values},
        layer=[
            {
                "data": {"values": [{"zero": 0}]},
                "mark": {"type": "rule", "color": "#999"},
                "encoding": {"y": {"field": "zero", "type": "quantitative"}},
            },
            {"mark": {"type": "line"}, "encoding": {"x": x, "y": y, "color": colour}},
            {
                "mark": {"type": "point", "filled": True, "size": 120, "cursor": "pointer"},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": colour,
                    "tooltip": [
                        {"field": "actor"},
                        {"field": "period"},
                        {"field": "score", "type": "quantitative"},
                        {"field": "side"},
                        {"field": "events", "type": "quantitative"},
                    ],
                },
            },
        ],
    )


def dyad_chart(
    forward: Sequence[Count], backward: Sequence[Count], *, forward_name: str, backward_name: str
) -> dict[str, Any]:
    """Two directions' events per period by quad class, and their mean Goldstein score."""
    values = [
        {
            "direction": label,
            "period": count.period,
            "quad": QUAD_NAMES.get(count.quad_class or 0, "none"),
            "events": count.events,
            "goldstein": count.goldstein,
        }
        for label, counts in ((forward_name, forward), (backward_name, backward))
        for count in counts
    ]
    return {
        "$schema": SCHEMA,
        "data": {"values": values},
        "facet": {"row": {"field": "direction", "type": "nominal", "title": None}},
        "spec": {
            "width": 640,
            "height": 140,
            "mark": {"type": "bar"},
            "encoding": {
                "x": {"field": "period", "type": "ordinal", "title": "period"},
                "y": {"field": "events", "type": "quantitative", "aggregate": "sum"},
                "color": {
                    "field": "quad",
                    "type": "nominal",
                    "title": "quad class",
                    "scale": {"domain": _QUADS, "range": _QUAD_COLOURS},
                },
                "tooltip": [
                    {"field": "period"},
                    {"field": "quad"},
                    {"field": "events", "type": "quantitative"},
                    {"field": "goldstein", "type": "quantitative", "title": "mean Goldstein"},
                ],
            },
        },
    }


def map_chart(points: Sequence[Point], *, atlas: str) -> dict[str, Any]:
    """The world (Natural Earth, from world-atlas) with a circle per event place."""
    values = [
        {"place": point.place, "lat": point.lat, "lon": point.lon, "events": point.events}
        for point in points
    ]
    return {
        "$schema": SCHEMA,
        "width": 760,
        "height": 420,
        "projection": {"type": "equalEarth"},
        "layer": [
            {
                "data": {"url": atlas, "format": {"type": "topojson", "feature": "countries"}},
                "mark": {"type": "geoshape", "fill": "#e8e8e8", "stroke": "#fff"},
            },
            {
                "data": {"values": values},
                "mark": {"type": "circle", "color": "#b22222", "opacity": 0.7},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "size": {"field": "events", "type": "quantitative", "title": "events"},
                    "tooltip": [{"field": "place"}, {"field": "events", "type": "quantitative"}],
                },
            },
        ],
    }
