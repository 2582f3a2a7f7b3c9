"""The JSON API under ``/api/``: a thin shell over :mod:`eventwatch.queries`.

Every list answers ``{"total", "limit", "offset", "items"}``; a bad parameter
answers 400 with ``{"error", "parameter", "message"}``.  OpenAPI:
``/api/openapi.json``; a readable page of it: ``/api/docs``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from eventwatch import queries
from eventwatch.errors import QueryParameterError
from eventwatch.filters import QuoteFilter, parse_quote_filter
from eventwatch.queries import MAX_LIMIT, Reader

router = APIRouter(prefix="/api")


def reader(request: Request) -> Iterator[Reader]:
    yield from request.app.state.bench.reader()


Store = Annotated[Reader, Depends(reader)]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many items.")]
Evidence = Annotated[
    int,
    Query(
        ge=0,
        le=queries.MAX_EVIDENCE,
        description="Events listed inline as each point's evidence (default none: each"
        " point's evidence_url gives them).",
    ),
]
Key = Annotated[str | None, Query(description="An actor: name, id, code or three-letter country.")]


def event_filter(
    source: Key = None,
    target: Key = None,
    code: Annotated[str | None, Query(description="CAMEO code or root (prefix).")] = None,
    plover: Annotated[str | None, Query(description="PLOVER event type.")] = None,
    modality: Annotated[str | None, Query(description="asserted, negated, proposed, …")] = None,
    since: Annotated[str | None, Query(description="Events on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Events on or before (YYYY-MM-DD).")] = None,
    text: Annotated[str | None, Query(description="Words in the event's text.")] = None,
    article: Annotated[str | None, Query(description="An article id or sha256.")] = None,
    authored: Annotated[bool, Query(description="Include the author's judgements.")] = False,
) -> queries.EventFilter:
    return queries.parse_event_filter(
        source=source,
        target=target,
        code=code,
        plover=plover,
        modality=modality,
        since=since,
        until=until,
        text=text,
        article=article,
        include_authored=authored,
    )


Filter = Annotated[queries.EventFilter, Depends(event_filter)]


def quote_filter(
    speaker: Key = None,
    about: Key = None,
    article: Annotated[str | None, Query(description="An article id or sha256.")] = None,
) -> QuoteFilter:
    """The quotation filter every quotes route takes (the API, the page, the download)."""
    return parse_quote_filter(speaker=speaker, about=about, article=article)


Quotes = Annotated[QuoteFilter, Depends(quote_filter)]


@router.get("/events", summary="Events, filtered; oldest first")
def api_events(store: Store, flt: Filter, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return queries.events(store, flt=flt, limit=limit, offset=offset).to_dict()


@router.get("/events/{event_id}", summary="One event with its evidence")
def api_event(store: Store, event_id: str) -> dict[str, Any]:
    detail = queries.event_detail(store, event_id=event_id)
    if detail is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return {
        **asdict(detail.row),
        "sentence": detail.sentence,
        "marks": [asdict(mark) for mark in detail.marks],
        "explanation": detail.explanation,
        "article_title": detail.article_title,
        "article_url": detail.article_url,
        "record": detail.record,
    }


@router.get("/places", summary="Event places (for a map), filtered like events")
def api_places(store: Store, flt: Filter, limit: Limit = 500) -> dict[str, Any]:
    points = queries.event_points(store, flt=flt, limit=limit)
    return {
        "total": len(points),
        "limit": limit,
        "offset": 0,
        "items": [asdict(point) for point in points],
    }


@router.get("/quotes", summary="Quotations by speaker and about an actor")
def api_quotes(store: Store, flt: Quotes, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return queries.quotes(store, flt=flt, limit=limit, offset=offset).to_dict()


@router.get("/actors", summary="Actors, most mentioned first")
def api_actors(
    store: Store,
    q: Annotated[
        str | None, Query(description="Name, id, code, country or part of a name.")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return queries.actors(store, query=q, limit=limit, offset=offset).to_dict()


@router.get("/actors/{actor_id}", summary="One actor's profile")
def api_actor(
    store: Store,
    actor_id: str,
    period: Annotated[str, Query(description="week, month, quarter or year")] = "month",
) -> dict[str, Any]:
    profile = queries.actor_profile(store, actor_id=actor_id, period=queries.parse_period(period))
    if profile is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return {
        "actor": asdict(profile.actor),
        "as_source": [count.to_dict() for count in profile.as_source],
        "as_target": [count.to_dict() for count in profile.as_target],
        "targets": profile.targets,
        "quotes": profile.quotes.to_dict(),
    }


def _with_evidence_urls(
    points: list[queries.StancePoint], *, target: str, period: str, authored: bool
) -> list[dict[str, Any]]:
    """The points as JSON, each with the URL of its evidence (``/api/stance/evidence``)."""
    shared = [("target", target), ("period", period)] + ([("authored", "1")] if authored else [])
    prefix = {
        key: f"/api/stance/evidence?{urlencode([('actor', key), *shared])}&start="
        for key in dict.fromkeys(point.actor for point in points)
    }
    items = []
    for point in points:
        item = point.to_dict()
        item["evidence_url"] = prefix[point.actor] + point.start
        items.append(item)
    return items


@router.get("/stance", summary="One actor's stance path toward a target")
def api_stance(
    store: Store,
    actor: Annotated[str, Query(description="The actor: name, id, code or country.")],
    target: Annotated[str, Query(description="The target: name, id, code or country.")],
    period: Annotated[str, Query(description="week, month, quarter or year")] = "month",
    authored: bool = False,
    evidence: Evidence = 0,
) -> dict[str, Any]:
    checked = queries.parse_period(period)
    points = queries.stance(
        store,
        actor=actor,
        target=target,
        period=checked,
        include_authored=authored,
        evidence=evidence,
    )
    return {
        "total": len(points),
        "limit": len(points),
        "offset": 0,
        "items": _with_evidence_urls(points, target=target, period=checked, authored=authored),
    }


@router.get("/stance/evidence", summary="The events behind one point of a stance path")
def api_stance_evidence(
    store: Store,
    actor: Annotated[str, Query(description="The actor: name, id, code or country.")],
    target: Annotated[str, Query(description="The target: name, id, code or country.")],
    start: Annotated[str, Query(description="The point's start (or any day of its period).")],
    period: Annotated[str, Query(description="week, month, quarter or year")] = "month",
    authored: bool = False,
    limit: Annotated[
        int, Query(ge=0, le=queries.MAX_EVIDENCE, description="At most this many events.")
    ] = queries.EVIDENCE_LIMIT,
) -> dict[str, Any]:
    day = queries.parse_date("start", start)
    if day is None:
        raise QueryParameterError("start", "give the point's start date (YYYY-MM-DD)")
    return queries.point_evidence(
        store,
        actor=actor,
        target=target,
        period=queries.parse_period(period),
        day=day,
        include_authored=authored,
        limit=limit,
    ).to_dict()


@router.get("/compare", summary="Several actors' stance paths toward one target")
def api_compare(
    store: Store,
    actor: Annotated[list[str], Query(description="An actor; repeat for each.")],
    target: Annotated[str, Query(description="The target: name, id, code or country.")],
    period: Annotated[str, Query(description="week, month, quarter or year")] = "month",
    authored: bool = False,
    evidence: Evidence = 0,
) -> dict[str, Any]:
    checked = queries.parse_period(period)
    comparison = queries.compare(
        store,
        actors=actor,
        target=target,
        period=checked,
        include_authored=authored,
        evidence=evidence,
    )
    return {
        **comparison.to_dict(),
        "points": _with_evidence_urls(
            comparison.points, target=target, period=checked, authored=authored
        ),
        "total": len(comparison.points),
    }


@router.get("/dyads", summary="Source → target pairs by number of events")
def api_dyads(
    store: Store, actor: Key = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return queries.dyads(store, actor=actor, limit=limit, offset=offset).to_dict()


@router.get("/dyad", summary="A→B and B→A events over time")
def api_dyad(
    store: Store,
    a: Annotated[str, Query(description="One side: name, id, code or country.")],
    b: Annotated[str, Query(description="The other side.")],
    period: Annotated[str, Query(description="week, month, quarter or year")] = "month",
) -> dict[str, Any]:
    return queries.dyad(store, a=a, b=b, period=queries.parse_period(period)).to_dict()


@router.get("/articles/{key}", summary="One stored article's public record")
def api_article(store: Store, key: str) -> dict[str, Any]:
    found = queries.article(store, key=key)
    if found is None:
        raise HTTPException(404, f"no article {key!r}")
    return found.to_dict()


@router.get("/stats", summary="Counts, the timeline by quad class, top actors and dyads")
def api_stats(request: Request, store: Store) -> dict[str, Any]:
    bench = request.app.state.bench
    overview = bench.cached("overview", store, lambda: queries.overview(store))
    result: dict[str, Any] = overview.to_dict()
    return result


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    response: HTMLResponse = request.app.state.bench.templates.TemplateResponse(
        request, "api_docs.html", {"title": "API", "schema": schema}
    )
    return response
