"""The HTML pages: each a thin shell over :mod:`eventwatch.queries`, each URL reproducing it.

Charts are Vega-Lite specs built here and drawn by ``static/app.js``; every
piece of stored text reaches the page through Jinja's autoescaping, so an
article's ``<script>`` is shown as text.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from eventwatch import queries
from eventwatch.errors import QueryParameterError
from eventwatch.events.modality import MODALITIES
from eventwatch.events.ontology import ontology
from eventwatch.queries import MAX_LIMIT, EventFilter, Reader
from eventwatch.web.api import Quotes, event_filter
from eventwatch.web.charts import compare_chart, dyad_chart, map_chart, timeline_chart
from eventwatch.web.highlight import article_segments

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def reader(request: Request) -> Iterator[Reader]:
    yield from request.app.state.bench.reader()


Store = Annotated[Reader, Depends(reader)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Offset = Annotated[int, Query(ge=0)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    response: HTMLResponse = request.app.state.bench.templates.TemplateResponse(
        request, name, context
    )
    return response


def pages_of(page: queries.Page[Any], base: list[tuple[str, str]]) -> dict[str, Any]:
    """Links to the previous and next page of a list, keeping its filters."""

    def link(offset: int) -> str:
        return "?" + urlencode([*base, ("offset", str(offset)), ("limit", str(page.limit))])

    shown_to = page.offset + len(page.items)
    return {
        "first": page.offset + 1 if page.items else 0,
        "last": shown_to,
        "total": page.total,
        "previous": link(max(0, page.offset - page.limit)) if page.offset > 0 else None,
        "next": link(page.offset + page.limit) if shown_to < page.total else None,
    }


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, store: Store) -> HTMLResponse:
    bench = request.app.state.bench
    overview = bench.cached("overview", store, lambda: queries.overview(store))
    return render(
        request,
        "overview.html",
        title="Overview",
        overview=overview,
        chart=timeline_chart(overview.timeline),
        quads=queries.QUAD_NAMES,
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request,
    store: Store,
    q: str | None = None,
    offset: Offset = 0,
    limit: Limit = PAGE_SIZE,
) -> HTMLResponse:
    page = queries.actors(store, query=q, limit=limit, offset=offset)
    base = [("q", q)] if q else []
    return render(
        request, "actors.html", title="Actors", page=page, q=q or "", nav=pages_of(page, base)
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(
    request: Request, store: Store, actor_id: str, period: str = "month"
) -> HTMLResponse:
    chosen = queries.parse_period(period)
    profile = queries.actor_profile(store, actor_id=actor_id, period=chosen)
    if profile is None:
        raise HTTPException(404, f"no actor {actor_id!r} in the store")
    stances = [
        (
            target,
            queries.stance(
                store,
                actor=actor_id,
                target=target["target_id"],
                period=chosen,
                evidence=0,
            ),
        )
        for target in profile.targets[:8]
    ]
    return render(
        request,
        "actor.html",
        title=profile.actor.name,
        profile=profile,
        period=chosen,
        stances=stances,
        chart=dyad_chart(
            profile.as_source,
            profile.as_target,
            forward_name="as source",
            backward_name="as target",
        ),
    )


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    store: Store,
    actor: Annotated[list[str] | None, Query()] = None,
    target: str | None = None,
    period: str = "month",
    authored: bool = False,
) -> HTMLResponse:
    chosen = queries.parse_period(period)
    keys = [key for key in (actor or []) if key.strip()]
    comparison = None
    if keys and target and target.strip():
        comparison = queries.compare(
            store, actors=keys, target=target, period=chosen, include_authored=authored
        )
    query = [("actor", key) for key in keys] + [("target", target or ""), ("period", chosen)]
    return render(
        request,
        "compare.html",
        title="Compare",
        keys=keys,
        target=target or "",
        period=chosen,
        comparison=comparison,
        query=urlencode(query),
        chart=compare_chart(comparison.points) if comparison and comparison.points else None,
    )


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(
    request: Request,
    store: Store,
    a: str | None = None,
    b: str | None = None,
    period: str = "month",
) -> HTMLResponse:
    chosen = queries.parse_period(period)
    found = None
    chart = None
    if a and b and a.strip() and b.strip():
        found = queries.dyad(store, a=a, b=b, period=chosen)
        chart = dyad_chart(
            found.a_to_b,
            found.b_to_a,
            forward_name=f"{found.a_name} → {found.b_name}",
            backward_name=f"{found.b_name} → {found.a_name}",
        )
    pairs = queries.dyads(store, limit=20)
    return render(
        request,
        "dyad.html",
        title="Dyad",
        a=a or "",
        b=b or "",
        period=chosen,
        dyad=found,
        chart=chart,
        pairs=pairs,
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, store: Store, flt: Filter, offset: Offset = 0, limit: Limit = PAGE_SIZE
) -> HTMLResponse:
    page = queries.events(store, flt=flt, limit=limit, offset=offset)
    base = flt.query_items()
    window = [*base, ("limit", str(limit)), ("offset", str(offset))]
    return render(
        request,
        "events.html",
        title="Events",
        page=page,
        flt=flt,
        nav=pages_of(page, base),
        query=urlencode(window),
        plover_types=[kind.name for kind in ontology().plover_types()],
        modalities=MODALITIES,
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: Store, event_id: str) -> HTMLResponse:
    detail = queries.event_detail(store, event_id=event_id)
    if detail is None:
        raise HTTPException(404, f"no event {event_id!r} in the store")
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for mark in sorted(detail.marks, key=lambda m: m.start):
        if mark.start < cursor:
            continue  # overlapping marks: the first one wins
        pieces.append((detail.sentence[cursor : mark.start], None))
        pieces.append((detail.sentence[mark.start : mark.end], mark.kind))
        cursor = mark.end
    pieces.append((detail.sentence[cursor:], None))
    return render(
        request,
        "event.html",
        title=f"Event {event_id}",
        detail=detail,
        pieces=pieces,
        quads=queries.QUAD_NAMES,
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    store: Store,
    flt: Quotes,
    offset: Offset = 0,
    limit: Limit = PAGE_SIZE,
) -> HTMLResponse:
    page = queries.quotes(store, flt=flt, limit=limit, offset=offset)
    base = flt.query_items()
    window = [*base, ("limit", str(limit)), ("offset", str(offset))]
    return render(
        request,
        "quotes.html",
        title="Quotes",
        page=page,
        speaker=flt.speaker or "",
        about=flt.about or "",
        article=flt.article or "",
        nav=pages_of(page, base),
        query=urlencode(window),
    )


@router.get("/articles/{key}", response_class=HTMLResponse)
def article_page(request: Request, store: Store, key: str) -> HTMLResponse:
    found = queries.article(store, key=key)
    if found is None:
        raise HTTPException(404, f"no article {key!r} in the store")
    return render(
        request,
        "article.html",
        title=found.title or found.id,
        article=found,
        paragraphs=article_segments(found),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: Store, flt: Filter) -> HTMLResponse:
    points = queries.event_points(store, flt=flt)
    query = urlencode(flt.query_items())
    return render(
        request,
        "map.html",
        title="Map",
        points=points,
        flt=flt,
        query=query,
        chart=map_chart(
            points, atlas=str(request.url_for("static", path="vendor/countries-110m.json").path)
        ),
    )


# -- downloads ---------------------------------------------------------------------------------
EVENT_FORMATS = {
    "csv": ("text/csv", "csv"),
    "gdelt": ("text/tab-separated-values", "tsv"),
    "icews": ("text/tab-separated-values", "tsv"),
    "plover": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def _attachment(body: str | bytes, media: str, name: str) -> Response:
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/download/events.{fmt}")
def download_events(
    store: Store, flt: Filter, fmt: str, offset: Offset = 0, limit: Limit = MAX_LIMIT
) -> Response:
    """The events a page shows (its filters, limit and offset) as CSV, GDELT, ICEWS,
    PLOVER or Parquet."""
    if fmt not in EVENT_FORMATS:
        raise QueryParameterError(
            "format", f"{fmt!r} is not a download format ({', '.join(EVENT_FORMATS)})"
        )
    media, suffix = EVENT_FORMATS[fmt]
    if fmt == "csv":
        page = queries.events(store, flt=flt, limit=limit, offset=offset)
        return _attachment(_csv([asdict(row) for row in page.items]), media, "events.csv")
    from eventwatch.exports import write_export

    # every modality the page shows, a header row on the tables, one row per event
    articles = queries.export_articles(store, flt=flt, limit=limit, offset=offset)
    authored = flt.include_authored
    if fmt == "parquet":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "events.parquet"
            write_export(
                articles, format="parquet", out=path, include_authored=authored, modalities=None
            )
            body = path.read_bytes()
        return _attachment(body, media, "events.parquet")
    text = io.StringIO()
    write_export(
        articles,
        format=fmt,
        out=text,
        include_authored=authored,
        modalities=None,
        header=fmt in ("gdelt", "icews"),
    )
    return _attachment(text.getvalue(), media, f"events-{fmt}.{suffix}")


@router.get("/download/quotes.csv")
def download_quotes(
    store: Store, flt: Quotes, offset: Offset = 0, limit: Limit = MAX_LIMIT
) -> Response:
    page = queries.quotes(store, flt=flt, limit=limit, offset=offset)
    return _attachment(_csv([asdict(row) for row in page.items]), "text/csv", "quotes.csv")


@router.get("/download/compare.csv")
def download_compare(
    store: Store,
    actor: Annotated[list[str], Query()],
    target: str,
    period: str = "month",
) -> Response:
    comparison = queries.compare(
        store, actors=actor, target=target, period=queries.parse_period(period)
    )
    rows = [
        {k: v for k, v in asdict(point).items() if k != "evidence"} for point in comparison.points
    ]
    return _attachment(_csv(rows), "text/csv", "compare.csv")
