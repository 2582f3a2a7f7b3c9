"""Typed read queries over a store: what the web app, the REST API and the CLI ask of it.

Every function reads only the rows it needs, in SQL, through the indexes of
migration 0005, and never decodes whole stored articles to answer a list:

* :func:`open_reader` — a read-only connection to a store (:class:`Reader`)
* :func:`parse_event_filter` — user strings → :class:`EventFilter`, or a
  :class:`~eventwatch.errors.QueryParameterError` naming the bad parameter
* :func:`events`, :func:`event_detail`, :func:`event_points` — the events table,
  one event with its evidence, event places for a map
* :func:`quotes`, :func:`actors`, :func:`actor_profile`, :func:`article`
* :func:`stance`, :func:`compare`, :func:`dyad` — stance paths and dyads read
  from the events table (:func:`stance_articles` gives :mod:`eventwatch.stance`
  the few events it needs, each in a slim article); :func:`point_evidence` —
  the events behind one point of a path, read when it is clicked
* :func:`overview` — counts, the timeline by quad class, top actors and dyads
* :func:`export_articles` — the articles holding a filtered set of events, with
  only those events, for :mod:`eventwatch.exports`

Lists answer a :class:`Page`: the rows, the ``total`` that match, ``limit``
and ``offset``.  Every statement takes parameters; no user text becomes SQL.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from eventwatch.actor_match import ActorMatch, country_key, id_test, match_actor
from eventwatch.errors import QueryParameterError, StoreError
from eventwatch.events.modality import MODALITIES
from eventwatch.filters import EVIDENCE_LIMIT as EVIDENCE_LIMIT
from eventwatch.filters import MAX_EVIDENCE as MAX_EVIDENCE
from eventwatch.filters import EventFilter as EventFilter
from eventwatch.filters import QuoteFilter as QuoteFilter
from eventwatch.filters import event_where, parse_quote_filter, quote_total, quote_where, walks
from eventwatch.filters import parse_date as parse_date
from eventwatch.filters import parse_event_filter as parse_event_filter
from eventwatch.records import Article, Event, Quote
from eventwatch.stance import PERIODS, Period, is_state, mean_score, period_of

T = TypeVar("T")

MAX_LIMIT = 1000
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


# -- the connection ----------------------------------------------------------------------------
class Reader:
    """A read-only connection to a store.  Use as a context manager, or call :meth:`close`."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.row_factory = sqlite3.Row

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def version(self) -> tuple[int, int]:
        """Changes whenever articles are added or removed: (articles, last event rowid)."""
        row = self.db.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT coalesce(max(rowid), 0) FROM events)"
        ).fetchone()
        return int(row[0]), int(row[1])


def open_reader(path: str | Path) -> Reader:
    """Open the store at ``path`` read-only (:meth:`eventwatch.store.Store.open_readonly`).

    The store must carry every packaged migration (any command that opens it
    for writing, such as ``eventwatch ingest`` or ``eventwatch serve``,
    applies pending ones); the reader never migrates, it names what is missing.
    """
    from eventwatch.store import open_store
    from eventwatch.store.sqlite import migrations

    file = Path(path)
    store = open_store(file, read_only=True)
    db = store.connection
    try:
        applied = {row[0] for row in db.execute("SELECT name FROM schema_migrations")}
    except sqlite3.DatabaseError as error:
        store.close()
        raise StoreError(f"cannot open store {file} read-only: {error}") from error
    missing = sorted({name for name, _ in migrations()} - applied)
    if missing:
        store.close()
        raise StoreError(
            f"store {file} predates migration {missing[0]}: run "
            f"`eventwatch serve --db {file}` (or any command that writes) once to migrate it"
        )
    return Reader(db)


# -- pages -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Generic[T]):
    """One page of a list: ``items``, out of ``total`` matching rows."""

    items: list[T]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "items": [_plain(item) for item in self.items],
        }


def _plain(item: object) -> Any:
    """A dataclass row as a dict; anything else as it is."""
    if hasattr(item, "__dataclass_fields__"):
        return asdict(item)  # type: ignore[call-overload]  # a dataclass instance, checked above
    return item


def check_window(limit: int, offset: int) -> None:
    """A limit from 0 to :data:`MAX_LIMIT` and an offset of at least 0, or a parameter error."""
    if limit < 0 or limit > MAX_LIMIT:
        raise QueryParameterError("limit", f"must be between 0 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise QueryParameterError("offset", f"must be 0 or more, not {offset}")


# -- filters (see eventwatch.filters) ----------------------------------------------------
def parse_period(value: str | None) -> Period:
    """A stance period name, or a parameter error naming ``period``."""
    period = (value or "month").strip()
    if period not in PERIODS:
        raise QueryParameterError("period", f"{period!r} is not a period ({', '.join(PERIODS)})")
    return period  # type: ignore[return-value]  # checked against PERIODS just above


# -- events ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class EventRow:
    """One event as a table shows it."""

    event_id: str
    article_id: str
    date: str | None
    source_id: str | None
    source: str | None
    source_code: str | None
    cameo: str
    cameo_name: str
    quad_class: int | None
    goldstein: float | None
    target_id: str | None
    target: str | None
    target_code: str | None
    plover_type: str | None
    modality: str
    attributed_to_author: bool
    text: str
    place: str | None
    lat: float | None
    lon: float | None


_EVENT_SELECT = (
    "SELECT e.event_id, a.id AS article_id, e.event_date AS date,"
    " e.source_actor_id AS source_id, json_extract(e.record, '$.source.name') AS source,"
    " e.source_code, e.cameo, json_extract(e.record, '$.cameo_name') AS cameo_name,"
    " e.quad_class, e.goldstein, e.target_actor_id AS target_id,"
    " json_extract(e.record, '$.target.name') AS target, e.target_code, e.plover_type,"
    " e.modality, e.attributed_to_author,"
    " substr(a.text, e.span_start + 1, e.span_end - e.span_start) AS text,"
    " e.place_name AS place, e.place_lat AS lat, e.place_lon AS lon"
)
_EVENT_COLUMNS = f"{_EVENT_SELECT} FROM events e JOIN articles a ON a.sha256 = e.article_sha256"
_BY_DATE = (
    f"{_EVENT_SELECT} FROM events e INDEXED BY events_shown"
    " JOIN articles a ON a.sha256 = e.article_sha256"
)


def _event_row(row: sqlite3.Row) -> EventRow:
    item = dict(row)
    item["attributed_to_author"] = bool(item["attributed_to_author"])
    item["text"] = " ".join(str(item["text"] or "").split())
    item["cameo_name"] = item["cameo_name"] or ""
    return EventRow(**item)


def events(reader: Reader, *, flt: EventFilter, limit: int = 50, offset: int = 0) -> Page[EventRow]:
    """The events ``flt`` keeps, oldest first, one page of them and their total.

    When every test is in the words' full-text query (words, by actors named by
    a few ids, dates as a range of its rowids), the page is read from the text
    index in the order shown (its rowids are the events' positions, migration
    0012): only the page's own events are looked up, however many match.
    """
    check_window(limit, offset)
    where = event_where(reader.db, flt)
    clause, params = where.clause, where.params
    if flt == EventFilter():  # everything shown: the month totals and the undated rest
        total = reader.db.execute(
            "SELECT (SELECT coalesce(sum(events), 0) FROM month_totals)"
            " + (SELECT count(*) FROM events WHERE attributed_to_author = 0"
            " AND event_date IS NULL)"
        ).fetchone()[0]
    elif where.words_only:  # every test is in the full-text query: counted in its index
        total = reader.db.execute(
            f"SELECT count(*) FROM event_words w WHERE event_words MATCH ?{where.positions}",
            [where.words, *where.position_params],
        ).fetchone()[0]
    else:
        total = reader.db.execute(f"SELECT count(*) FROM events e{clause}", params).fetchone()[0]
    if where.words_only:  # the text index walked in the order shown (migration 0012)
        rows = reader.db.execute(
            f"{_EVENT_SELECT} FROM (SELECT w.rowid AS position FROM event_words w"
            f" WHERE event_words MATCH ?{where.positions} ORDER BY w.rowid LIMIT ? OFFSET ?) p"
            " JOIN event_order o ON o.position = p.position"
            " JOIN events e ON e.article_sha256 = o.article_sha256 AND e.event_id = o.event_id"
            " JOIN articles a ON a.sha256 = e.article_sha256 ORDER BY p.position",
            [where.words, *where.position_params, limit, offset],
        )
        return Page(
            items=[_event_row(row) for row in rows], total=int(total), limit=limit, offset=offset
        )
    walk = not flt.include_authored and walks(
        reader.db, table="events", total=int(total), window=offset + limit
    )
    source = _BY_DATE if walk else _EVENT_COLUMNS
    rows = reader.db.execute(
        f"{source}{clause} ORDER BY e.event_date, e.rowid LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(
        items=[_event_row(row) for row in rows], total=int(total), limit=limit, offset=offset
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """A marked stretch of a sentence: ``kind`` is trigger, source or target."""

    kind: str
    start: int  # offsets into the sentence text
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDetail:
    """One event with its evidence: the whole sentence, its marks, the explanation."""

    row: EventRow
    article_sha256: str
    article_title: str | None
    article_url: str | None
    sentence: str
    sentence_start: int
    marks: list[Mark]
    explanation: str
    record: dict[str, Any]


def event_detail(reader: Reader, *, event_id: str) -> EventDetail | None:
    """The event with id ``event_id`` and its evidence; None when there is none."""
    row = reader.db.execute(
        f"{_EVENT_COLUMNS} WHERE e.event_id = ? LIMIT 1", (event_id,)
    ).fetchone()
    if row is None:
        return None
    extra = reader.db.execute(
        "SELECT e.record, a.sha256, a.title, a.url, a.text FROM events e"
        " JOIN articles a ON a.sha256 = e.article_sha256 WHERE e.event_id = ? LIMIT 1",
        (event_id,),
    ).fetchone()
    record = json.loads(extra["record"])
    event = Event.from_dict(record)
    start, end = event.sentence
    marks: list[Mark] = []
    spans = [("trigger", event.trigger_span)]
    spans += [("source", event.source.span)] if event.source and event.source.span else []
    spans += [("target", event.target.span)] if event.target and event.target.span else []
    for kind, (left, right) in spans:
        if start <= left and right <= end and left < right:
            marks.append(Mark(kind=kind, start=left - start, end=right - start))
    return EventDetail(
        row=_event_row(row),
        article_sha256=extra["sha256"],
        article_title=extra["title"],
        article_url=extra["url"],
        sentence=str(extra["text"])[start:end],
        sentence_start=start,
        marks=marks,
        explanation=event.explanation,
        record=record,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Point:
    """The events at one place: for a map."""

    place: str
    lat: float
    lon: float
    events: int
    first: str | None
    last: str | None


def event_points(reader: Reader, *, flt: EventFilter, limit: int = 500) -> list[Point]:
    """Places of the events ``flt`` keeps, with how many events each, most first."""
    check_window(limit, 0)
    if flt == EventFilter():  # everything: the running totals of migration 0005
        rows = reader.db.execute(
            "SELECT place_name AS place, place_lat AS lat, place_lon AS lon, events, first, last"
            " FROM place_totals WHERE events > 0 ORDER BY events DESC, place LIMIT ?",
            (limit,),
        )
        return [Point(**dict(row)) for row in rows]
    where = event_where(reader.db, flt)
    where.add("e.place_lat IS NOT NULL")
    rows = reader.db.execute(
        "SELECT e.place_name AS place, e.place_lat AS lat, e.place_lon AS lon,"
        " count(*) AS events, min(e.event_date) AS first, max(e.event_date) AS last"
        f" FROM events e{where.clause}"
        " GROUP BY e.place_name, e.place_lat, e.place_lon ORDER BY events DESC, place LIMIT ?",
        [*where.params, limit],
    )
    return [Point(**dict(row)) for row in rows]


# -- quotes ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteRow:
    """One quotation as a list shows it."""

    quote_id: str
    article_id: str
    published: str | None
    speaker_id: str | None
    speaker: str | None
    speaker_code: str | None
    cue: str | None
    direct: bool
    location: str | None
    date: str | None
    content: str


def quotes(
    reader: Reader,
    *,
    speaker: str | None = None,
    about: str | None = None,
    article: str | None = None,
    flt: QuoteFilter | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[QuoteRow]:
    """Quotations by ``speaker`` and naming ``about`` inside their content, in the order
    they were stored (so a page walks an index instead of sorting every match).

    ``about`` keeps a quote when a mention of the actor starts inside one of its
    content spans (the ``quote_about`` rows of migration 0008).  ``flt`` gives
    the three at once (as the web app's shared filter parses them).
    """
    check_window(limit, offset)
    if flt is None:
        flt = parse_quote_filter(speaker=speaker, about=about, article=article)
    where = quote_where(reader.db, flt)
    total = quote_total(reader.db, flt, where)
    if walks(reader.db, table="quotes", total=total, window=offset + limit):
        where = quote_where(reader.db, flt, probe=True)  # most quotes match: walk them in order
    rows = reader.db.execute(
        "SELECT q.record, a.id AS article_id, a.published FROM quotes q"
        f" JOIN articles a ON a.sha256 = q.article_sha256{where.clause}"
        " ORDER BY q.rowid LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    )
    items: list[QuoteRow] = []
    for row in rows:
        quote = Quote.from_dict(json.loads(row["record"]))
        items.append(
            QuoteRow(
                quote_id=quote.id,
                article_id=row["article_id"],
                published=row["published"],
                speaker_id=quote.speaker.actor_id if quote.speaker else None,
                speaker=quote.speaker.name if quote.speaker else None,
                speaker_code=quote.speaker.code if quote.speaker else None,
                cue=quote.cue,
                direct=quote.direct,
                location=quote.location.name if quote.location else None,
                date=quote.date.isoformat() if quote.date else None,
                content=" ".join(quote.content.split()),
            )
        )
    return Page(items=items, total=total, limit=limit, offset=offset)


# -- actors ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRow:
    """One actor across the store."""

    actor_id: str
    name: str
    kind: str | None
    country: str | None
    sector: str | None
    code: str | None
    articles: int
    mentions: int


def actors(
    reader: Reader, *, query: str | None = None, limit: int = 50, offset: int = 0
) -> Page[ActorRow]:
    """Actors, most mentioned first; ``query`` keeps those that answer to it as a key
    (name, id, code, country) or whose name contains it."""
    check_window(limit, offset)
    where = ""
    params: list[Any] = []
    if query and query.strip():
        match = match_actor(reader.db, query)
        test, values = id_test("actor_id", match)
        where = f" WHERE ({test} OR instr(lower(name), lower(?)) > 0)"
        params = [*values, query.strip()]
    total = reader.db.execute(f"SELECT count(*) FROM actor_directory{where}", params).fetchone()[0]
    rows = reader.db.execute(
        "SELECT actor_id, name, kind, country, sector, code, articles, mentions"
        f" FROM actor_directory{where} ORDER BY mentions DESC, articles DESC, actor_id"
        " LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(
        items=[ActorRow(**dict(row)) for row in rows], total=int(total), limit=limit, offset=offset
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Count:
    """A count in one period (and quad class, where given)."""

    period: str
    quad_class: int | None
    events: int
    goldstein: float | None

    def to_dict(self) -> dict[str, Any]:
        """The count as JSON (what ``dataclasses.asdict`` gives, without its deep copy:
        a busy actor's profile has thousands)."""
        return {
            "period": self.period,
            "quad_class": self.quad_class,
            "events": self.events,
            "goldstein": self.goldstein,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorProfile:
    """One actor: its directory row, its events over time as source and target, its
    targets (with event counts) and its most recent quotes."""

    actor: ActorRow
    as_source: list[Count]
    as_target: list[Count]
    targets: list[dict[str, Any]]
    quotes: Page[QuoteRow]


def actor_row(reader: Reader, *, actor_id: str) -> ActorRow | None:
    """The directory row of the actor with id ``actor_id``."""
    row = reader.db.execute(
        "SELECT actor_id, name, kind, country, sector, code, articles, mentions"
        " FROM actor_directory WHERE actor_id = ?",
        (actor_id,),
    ).fetchone()
    return ActorRow(**dict(row)) if row else None


def _counts(reader: Reader, where: str, params: Sequence[Any], period: Period) -> list[Count]:
    """Events per period and quad class (the author's judgements left out).

    SQL counts per period and class (from the side indexes); the first day of each
    period becomes its label here.
    """
    rows = reader.db.execute(
        f"SELECT {_BUCKET_START[period]}, e.quad_class, count(*), total(e.goldstein)"
        f" FROM events e WHERE {where} AND e.attributed_to_author = 0"
        " AND e.event_date IS NOT NULL GROUP BY 1, 2",
        list(params),
    )
    return _count_rows(rows, period)


def _count_rows(rows: Iterable[tuple[str, int | None, int, float]], period: Period) -> list[Count]:
    """:class:`Count` rows from (first day of the period, quad class, events, Goldstein
    sum) rows, labelled and in order."""
    buckets: dict[tuple[datetime.date, str, int | None], list[float]] = {}
    for day, quad, number, goldstein in rows:
        start, label = period_of(datetime.date.fromisoformat(day), period)
        held = buckets.setdefault((start, label, quad), [0.0, 0.0])
        held[0] += number
        held[1] += goldstein
    return [
        Count(
            period=label,
            quad_class=quad,
            events=int(number),
            goldstein=mean_score(total, number),
        )
        for (_, label, quad), (number, total) in sorted(
            buckets.items(), key=lambda item: (item[0][0], item[0][2] or 0)
        )
    ]


def _side_counts(reader: Reader, *, actor_id: str, side: str, period: Period) -> list[Count]:
    """:func:`_counts` of one actor's events on one ``side`` (source or target), summed
    from its running totals per day (migration 0010): a few rows per day it was
    active, however many events it has."""
    rows = reader.db.execute(
        f"SELECT {_BUCKET_START[period].replace('e.event_date', 't.day')}, t.quad_class,"
        " sum(t.events), sum(t.goldstein_sum) FROM actor_day_totals t"
        " WHERE t.actor_id = ? AND t.side = ? AND t.events > 0 GROUP BY 1, 2",
        (actor_id, side),
    )
    return _count_rows(
        ((day, None if quad == -1 else quad, n, g) for day, quad, n, g in rows), period
    )


def actor_profile(
    reader: Reader, *, actor_id: str, period: Period = "month"
) -> ActorProfile | None:
    """The profile of the actor with id ``actor_id``; None when the store has no such actor."""
    row = actor_row(reader, actor_id=actor_id)
    if row is None:
        return None
    targets = [
        dict(item)
        for item in reader.db.execute(
            "SELECT d.target_actor_id AS target_id, coalesce(t.name, d.target_actor_id) AS target,"
            " d.events, round(d.goldstein_sum / d.events, 2) AS goldstein FROM dyad_totals d"
            " LEFT JOIN actor_directory t ON t.actor_id = d.target_actor_id"
            " WHERE d.source_actor_id = ? AND d.events > 0"
            " ORDER BY d.events DESC, d.target_actor_id LIMIT 20",
            (actor_id,),
        )
    ]
    return ActorProfile(
        actor=row,
        as_source=_side_counts(reader, actor_id=actor_id, side="source", period=period),
        as_target=_side_counts(reader, actor_id=actor_id, side="target", period=period),
        targets=targets,
        quotes=quotes(reader, speaker=actor_id, limit=20),
    )


# -- articles ----------------------------------------------------------------------------------
def article(reader: Reader, *, key: str) -> Article | None:
    """The stored article whose id or sha256 is ``key``."""
    row = reader.db.execute(
        "SELECT record FROM articles WHERE id = ? OR sha256 = ? ORDER BY ingested_at LIMIT 1",
        (key, key),
    ).fetchone()
    return Article.from_dict(json.loads(row["record"])) if row else None


# -- stance, compare, dyads --------------------------------------------------------------------
def stance_articles(
    reader: Reader,
    *,
    actors: Sequence[str],
    target: str,
    include_authored: bool = False,
    sides: str = "source",
) -> list[Article]:
    """Slim articles holding only the events from any of ``actors`` toward ``target``.

    Each carries its id, sha256, text and published date and only those
    events, in store order: enough for :func:`eventwatch.stance.stance_path`,
    :func:`~eventwatch.stance.compare` and :func:`~eventwatch.stance.evidence`,
    which decide on each event exactly as they do over whole articles.
    """
    target_test, target_params = id_test("e.target_actor_id", match_actor(reader.db, target))
    tests: list[str] = []
    params: list[Any] = []
    for key in actors:
        test, values = id_test("e.source_actor_id", match_actor(reader.db, key))
        tests.append(test)
        params += values
    if not tests:
        return []
    authored = "" if include_authored else " AND e.attributed_to_author = 0"
    rows = reader.db.execute(
        "SELECT e.record, e.article_sha256 FROM events e"
        f" WHERE ({' OR '.join(tests)}) AND {target_test}{authored}"
        " ORDER BY e.article_sha256, e.rowid",
        [*params, *target_params],
    ).fetchall()
    return _slim_articles(reader, rows)


def _slim_articles(reader: Reader, rows: Sequence[sqlite3.Row]) -> list[Article]:
    grouped: dict[str, list[Event]] = defaultdict(list)
    for row in rows:
        grouped[row["article_sha256"]].append(Event.from_dict(json.loads(row["record"])))
    if not grouped:
        return []
    found: list[Article] = []
    for item in reader.db.execute(
        "SELECT sha256, id, source, source_kind, text, published FROM articles"
        " WHERE sha256 IN (SELECT value FROM json_each(?)) ORDER BY rowid",
        (json.dumps(list(grouped)),),
    ):
        found.append(
            Article(
                id=item["id"],
                source=item["source"],
                source_kind=item["source_kind"],
                sha256=item["sha256"],
                text=item["text"],
                published=(
                    datetime.date.fromisoformat(item["published"]) if item["published"] else None
                ),
                events=tuple(grouped[item["sha256"]]),
            )
        )
    return found


def check_claims(
    reader: Reader,
    *,
    claimant: str | None = None,
    window_days: int | None = None,
    ontology: Any = None,
    with_events: bool = True,
) -> list[dict[str, Any]]:
    """The rows :func:`eventwatch.stance.check_claims` gives over whole articles (a test
    holds them equal), reading for each claim only the events of its window.

    Claims come from the ``claims`` table (by ``claimant`` when given), in the
    order they were stored (``ontology``: as :func:`eventwatch.stance.check_claims`
    takes it).  With ``with_events`` each is checked against a slim corpus: its
    own article with that one claim, and the articles holding an event whose
    source may be the claim's subject, dated within the window; each row lists
    those events.  Without, the verdict and reason are the same but worked out
    from the window's events counted by code and score in the running totals of
    migration 0011, and ``events`` is left empty: what a table needs.
    """
    from eventwatch import stance as stance_module

    days = stance_module.weights().claim_window_days if window_days is None else window_days
    rows: list[dict[str, Any]] = []
    if not with_events:
        from eventwatch.events.ontology import load_ontology

        book = ontology or load_ontology()
        claims = list(_claims(reader, claimant=claimant))
        per_subject = Counter(_subject_sides(claim) for _, claim in claims)
        daily: dict[tuple[tuple[str, str | None], ...], _Daily] = {}
        by_day: dict[tuple[tuple[str, str | None], ...], bool] = {}
        for item, claim in claims:
            published = _day(item["published"])
            row, window = stance_module.claim_row(
                claim, article_id=item["id"], day=claim.date or published, days=days, book=book
            )
            if window is not None:
                sides = _subject_sides(claim)
                if sides not in by_day:  # read its events once by day, or a window each?
                    by_day[sides] = _by_day(reader, claim, window, per_subject[sides])
                stance_module.judge(
                    row,
                    _counting(
                        reader,
                        claim,
                        item["article_sha256"],
                        window,
                        row,
                        daily=daily if by_day[_subject_sides(claim)] else None,
                    ),
                    table=stance_module.weights(),
                )
            rows.append(row)
        return rows
    for corpus in _claim_corpora(reader, claimant=claimant, days=days):
        rows += stance_module.check_claims(
            corpus, claimant=claimant, window_days=days, ontology=ontology
        )
    return rows


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _claims(reader: Reader, *, claimant: str | None) -> Iterator[tuple[sqlite3.Row, Any]]:
    """Each stored claim (by ``claimant`` when given) with its article's columns."""
    from eventwatch.records import Claim

    where = ""
    params: list[str] = []
    if claimant and claimant.strip():
        test, params = id_test("c.claimant_actor_id", match_actor(reader.db, claimant))
        where = f" WHERE {test}"
    rows = reader.db.execute(
        "SELECT c.article_sha256, c.record, a.id, a.source, a.source_kind, a.text, a.published"
        f" FROM claims c JOIN articles a ON a.sha256 = c.article_sha256{where}"
        " ORDER BY a.rowid, c.rowid",
        params,
    ).fetchall()
    for item in rows:
        yield item, Claim.from_dict(json.loads(item["record"]))


#: A subject's totals are read once, by day, for all its claims when their windows
#: (estimated from the first) hold this many times its rows (less: a window each).  A
#: row read by day goes through Python, a window's rows are summed by SQLite: about
#: five times cheaper (100k store, the USA: 183,000 rows by day 0.74 s, 150 windows
#: of 3,000 rows each 0.41 s).
_DAILY_FROM = 5.0


def _by_day(
    reader: Reader, claim: Any, window: tuple[datetime.date, datetime.date], claims: int
) -> bool:
    """Whether reading the subject's counts once, by day, reads fewer rows of the claim
    totals than ``claims`` windows like this one (counted in their keys, no row read)."""
    first, last = (day.isoformat() for day in window)
    whole = one = 0
    for part, values in _claim_parts(claim):
        sql = f"SELECT count(*) FROM {part} AND t.day BETWEEN ? AND ?"
        whole += int(reader.db.execute(sql, [*values, "0000", "9999"]).fetchone()[0])
        one += int(reader.db.execute(sql, [*values, first, last]).fetchone()[0])
    return claims * one > _DAILY_FROM * whole


def _claim_parts(claim: Any) -> list[tuple[str, list[Any]]]:
    """Where the counts of a claim's subject's own events are (migration 0011): the
    subject's totals, and for a state every actor of its country, as ``FROM … WHERE …``
    (alias ``t``) with its values.  The country's totals hold the state's own events
    already, so the state's are read only where they name no country or another one
    (the same sum as the subject's events plus the country's others')."""
    subject = claim.subject
    if not is_state(subject):
        return [("claim_actor_totals t WHERE t.source_actor_id = ?", [subject.actor_id])]
    return [
        ("claim_country_totals t WHERE t.source_country = ?", [subject.country]),
        (
            "claim_actor_totals t WHERE t.source_actor_id = ? AND t.source_country <> ?",
            [subject.actor_id, subject.country],
        ),
    ]


class _Daily:
    """A subject's counting events by day: sorted days, and per day the count of
    each (code, score)."""

    def __init__(self, rows: Iterator[tuple[str, str, float, int]]) -> None:
        held: dict[str, dict[tuple[str, float], int]] = defaultdict(lambda: defaultdict(int))
        for day, cameo, goldstein, number in rows:
            held[day][(str(cameo), float(goldstein))] += int(number)
        self.days = sorted(held)
        self.counts = [held[day] for day in self.days]

    def window(self, first: str, last: str) -> dict[tuple[str, float], int]:
        found: dict[tuple[str, float], int] = defaultdict(int)
        for counts in self.counts[bisect_left(self.days, first) : bisect_right(self.days, last)]:
            for key, number in counts.items():
                found[key] += number
        return found


def _subject_sides(claim: Any) -> tuple[tuple[str, str | None], ...]:
    """The tests that find a claim's subject's own events: (SQL, the key's value), with
    the values in :func:`_side_values`; a state also counts every actor of its country."""
    subject = claim.subject
    sides: list[tuple[str, str | None]] = [("e.source_actor_id = ?", subject.actor_id)]
    if is_state(subject):
        sides.append(("e.source_country = ? AND e.source_actor_id IS NOT ?", subject.country))
    return tuple(sides)


def _side_values(claim: Any, side: str) -> list[Any]:
    subject = claim.subject
    if side.startswith("e.source_country"):  # counted once, not again as the subject
        return [subject.country, subject.actor_id]
    return [subject.actor_id]


def _counting(
    reader: Reader,
    claim: Any,
    own: str,
    window: tuple[datetime.date, datetime.date],
    row: dict[str, Any],
    *,
    daily: dict[tuple[tuple[str, str | None], ...], _Daily] | None = None,
) -> list[tuple[str, bool]]:
    """The claim's counting events in ``window`` as (code, supports), one per distinct
    code and score (the verdict needs no more): the subject's own events, or any
    actor's of the country a state names, counted from the running totals of
    migration 0011 (a few rows per day of the window).  With ``daily`` (shared by the
    claims of one run) the subject's totals are read once, by day, and each claim sums
    its window's days."""
    from eventwatch import stance as stance_module

    table = stance_module.weights()
    first, last = (day.isoformat() for day in window)
    kinds = json.dumps(list(table.claim_modalities))
    subject = _subject_sides(claim)
    found: dict[tuple[str, float], int] = defaultdict(int)
    common = " AND e.attributed_to_author = 0 AND e.modality IN (SELECT value FROM json_each(?))"
    counted = (  # grouped in the totals' own order (day, modality, code, score): no sort
        "SELECT {day}, t.cameo, t.goldstein, sum(t.events) FROM {part}"
        " AND t.modality IN (SELECT value FROM json_each(?)) AND t.day BETWEEN ? AND ?"
        " GROUP BY {day}, t.modality, t.cameo, t.goldstein"
    )
    if daily is not None and subject not in daily:
        rows: list[tuple[str, str, float, int]] = []
        for part, values in _claim_parts(claim):
            sql = counted.format(day="t.day", part=part)
            rows += reader.db.execute(sql, [*values, kinds, "0000", "9999"]).fetchall()
        daily[subject] = _Daily(iter(rows))
    if daily is not None:
        found = daily[subject].window(first, last)
    else:
        for part, values in _claim_parts(claim):
            sql = counted.format(day="''", part=part)
            for _, cameo, goldstein, number in reader.db.execute(
                sql, [*values, kinds, first, last]
            ):
                found[(str(cameo), float(goldstein))] += int(number)
    for side, _ in subject:
        values = _side_values(claim, side)
        # the claim's own words are not a record of the subject: take back the events
        # of its own article whose sentence overlaps the claim's
        for cameo, goldstein, start, end in reader.db.execute(
            "SELECT e.cameo, e.goldstein, json_extract(e.record, '$.sentence[0]'),"
            " json_extract(e.record, '$.sentence[1]') FROM events e"
            f" JOIN articles a ON a.sha256 = e.article_sha256 WHERE e.article_sha256 = ?"
            # "+": the article's own rows (its key), never the subject's whole index
            f" AND {side.replace('e.source', '+e.source')}"
            f"{common.replace('e.attributed', '+e.attributed')}"
            " AND coalesce(e.event_date, a.published) BETWEEN ? AND ?",
            [own, *values, kinds, first, last],
        ):
            if start < claim.sentence[1] and claim.sentence[0] < end:
                found[(str(cameo), float(goldstein))] -= 1
    root, claimed = row["claimed_root"], row["claimed_direction"]
    return [
        (
            cameo,
            stance_module.supports_claim(
                cameo_root=cameo[:2], goldstein=goldstein, root=root, claimed=claimed
            ),
        )
        for (cameo, goldstein), number in sorted(found.items())
        if number > 0
    ]


def _claim_corpora(reader: Reader, *, claimant: str | None, days: int) -> Iterator[list[Article]]:
    for item, claim in _claims(reader, claimant=claimant):
        published = _day(item["published"])
        own = Article(
            id=item["id"],
            source=item["source"],
            source_kind=item["source_kind"],
            sha256=item["article_sha256"],
            text=item["text"],
            published=published,
        )
        day = claim.date or published
        corpus: dict[str, Article] = {}
        if day is not None:
            first = (day - datetime.timedelta(days=days)).isoformat()
            last = (day + datetime.timedelta(days=days)).isoformat()
            subject = claim.subject
            side = "e.source_actor_id = ?"
            values: list[Any] = [subject.actor_id]
            if is_state(subject):
                side = "(e.source_actor_id = ? OR e.source_country = ?)"
                values.append(subject.country)
            window = reader.db.execute(
                "SELECT e.record, e.article_sha256 FROM events e"
                f" WHERE {side} AND coalesce(e.event_date, (SELECT a.published FROM articles a"
                " WHERE a.sha256 = e.article_sha256)) BETWEEN ? AND ? ORDER BY e.rowid",
                [*values, first, last],
            ).fetchall()
            corpus = {article.sha256: article for article in _slim_articles(reader, window)}
        held = corpus.get(own.sha256, own)
        corpus[own.sha256] = Article(
            **{name: getattr(held, name) for name in _SLIM_FIELDS},
            events=held.events,
            claims=(claim,),
        )
        yield list(corpus.values())


_SLIM_FIELDS = ("id", "source", "source_kind", "sha256", "text", "published")


@dataclass(frozen=True, slots=True, kw_only=True)
class StancePoint:
    """One actor's stance toward the target in one period, with the evidence behind it."""

    actor: str
    actor_id: str
    actor_name: str
    target_id: str
    target_name: str
    period: str
    start: str
    end: str
    score: float
    side: str
    events: int
    statements: int
    actions: int
    change: bool
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The point as :func:`dataclasses.asdict` gives it, without its deep copy (a
        path at 100,000 articles has a thousand points and thousands of evidence rows)."""
        item = {name: getattr(self, name) for name in _POINT_FIELDS}
        item["evidence"] = [dict(row) for row in self.evidence]
        return item


_POINT_FIELDS = tuple(name for name in StancePoint.__dataclass_fields__ if name != "evidence")


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """Several actors' stance paths toward one target, and each one's overall side."""

    target: str
    target_name: str
    period: str
    points: list[StancePoint]
    overall: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "target_name": self.target_name,
            "period": self.period,
            "points": [point.to_dict() for point in self.points],
            "overall": [dict(row) for row in self.overall],
        }

    def rows(self) -> list[dict[str, Any]]:
        """The rows :func:`eventwatch.stance.compare` gives: per period (by period, then
        in the order of the actors), then one ``overall`` row per actor."""
        order = {row["actor"]: index for index, row in enumerate(self.overall)}
        points = sorted(self.points, key=lambda point: (point.start, order[point.actor]))
        keys = ("actor", "actor_id", "actor_name", "period", "score", "events", "statements")
        return [
            {
                **{key: getattr(point, key) for key in keys},
                "actions": point.actions,
                "change": point.change,
                "side": point.side,
            }
            for point in points
        ] + [dict(row) for row in self.overall]


@dataclass(slots=True)
class _Sum:
    """A running stance bucket: the sums :class:`eventwatch.stance.Stance` is made of."""

    start: datetime.date
    label: str
    weighted: float = 0.0
    weight: float = 0.0
    events: int = 0
    statements: int = 0
    actions: int = 0

    def add(self, weight: float, number: int, goldstein: float, quad: int | None) -> None:
        self.weighted += weight * goldstein
        self.weight += weight * number
        self.events += number
        if quad in (1, 3):
            self.statements += number
        elif quad in (2, 4):
            self.actions += number

    @property
    def score(self) -> float:
        return mean_score(self.weighted, self.weight)


def _period_end(start: datetime.date, period: Period) -> datetime.date:
    if period == "week":
        return start + datetime.timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    month = start.month - 1 + months
    following = datetime.date(start.year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Sides:
    """Where one actor's stance toward a target is summed: the totals table and its
    tests (``t`` is the table's alias), and the matched ids of both sides."""

    table: str
    test: str
    params: list[Any]
    sources: ActorMatch
    targets: ActorMatch
    authored: bool  # the author's own judgements count too


def _sides(reader: Reader, *, source: ActorMatch, target: ActorMatch, authored: bool) -> _Sides:
    """The totals that hold ``source``'s events toward ``target``: per country when the
    target is a whole country, else per target actor."""
    source_test, source_params = id_test("t.source_actor_id", source)
    country = country_key(reader.db, target)
    if country is not None:
        table, target_test, target_params = "stance_country_totals", "t.country = ?", [country]
    else:
        table = "stance_totals"
        target_test, target_params = id_test("t.target_actor_id", target)
    test = f"{source_test} AND {target_test}"
    if not authored:
        test += " AND t.attributed_to_author = 0"
    return _Sides(
        table=table,
        test=test,
        params=[*source_params, *target_params],
        sources=source,
        targets=target,
        authored=authored,
    )


def _path(
    reader: Reader,
    *,
    key: str,
    target: ActorMatch,
    period: Period,
    include_authored: bool,
) -> tuple[list[_Sum], _Sum | None, tuple[str, str], tuple[str, str], _Sides]:
    """One actor's buckets toward ``target`` (per period, modality and class), its
    overall sum, the labels of both sides, and where its totals are.

    Summed from the running totals of migration 0010, per day: a few rows per day
    of the actor's events toward the target, whatever their number.
    """
    from eventwatch.stance import weights

    table = weights()
    sides = _sides(
        reader, source=match_actor(reader.db, key), target=target, authored=include_authored
    )
    bucket_of = _BUCKET_START[period].replace("e.event_date", "t.day")
    # which source actors the rows are of: only asked when the key matched several
    ids = (
        "min(t.source_actor_id), max(t.source_actor_id)"
        if len(sides.sources.actor_ids) > 1
        else "NULL, NULL"
    )
    # one row per period, the sums _Sum.add makes of its modalities and classes (a
    # score does not depend on the order it is summed in, see mean_score); each
    # weighed modality's weight in SQL, as parameters
    for modality in MODALITIES:
        table.weight(modality)  # a modality the coder gives with no weight: its ConfigError
    weighed = [(name, value) for name, value in table.modality.items() if value > 0]
    weight_of = "CASE t.modality" + " WHEN ? THEN ?" * len(weighed) + " END"
    weight_params = [value for pair in weighed for value in pair]
    marks = ", ".join("?" * len(weighed))
    rows = reader.db.execute(
        f"SELECT {bucket_of} AS bucket, total(({weight_of}) * t.goldstein_sum),"
        f" total(({weight_of}) * t.events), sum(t.events),"
        " sum(iif(t.quad_class IN (1, 3), t.events, 0)),"
        f" sum(iif(t.quad_class IN (2, 4), t.events, 0)), {ids}"
        f" FROM {sides.table} t WHERE {sides.test} AND t.modality IN ({marks})"
        " GROUP BY 1 ORDER BY 1",
        [*weight_params, *weight_params, *sides.params, *(name for name, _ in weighed)],
    ).fetchall()
    buckets: dict[str, _Sum] = {}
    overall: _Sum | None = None
    sources: set[str] = set()
    for first, weighted, weight, number, statements, actions, *ids_seen in rows:
        start, label = period_of(datetime.date.fromisoformat(first), period)
        bucket = _Sum(
            start=start,
            label=label,
            weighted=weighted,
            weight=weight,
            events=number,
            statements=statements,
            actions=actions,
        )
        buckets[label] = bucket
        if overall is None:
            overall = _Sum(start=start, label="overall")
        overall.weighted += weighted
        overall.weight += weight
        overall.events += number
        overall.statements += statements
        overall.actions += actions
        sources.update(seen for seen in ids_seen if seen is not None)
    if overall is not None and len(sides.sources.actor_ids) == 1:
        sources = set(sides.sources.actor_ids)
    return (
        sorted(buckets.values(), key=lambda bucket: bucket.start),
        overall,
        _side_label(reader, sources, key),
        _side_label(reader, _targets_met(reader, sides) if overall else set(), target.key),
        sides,
    )


def _weighted() -> str:
    """The modalities a stance weighs (weight above 0), as one JSON parameter."""
    from eventwatch.stance import weights

    return json.dumps([kind for kind, weight in weights().modality.items() if weight > 0])


def _targets_met(reader: Reader, sides: _Sides) -> set[str]:
    """Up to two of the target's actor ids the source's weighed events are aimed at
    (enough to tell whether there is only one): one index probe per target id."""
    source_test, source_params = id_test("t.source_actor_id", sides.sources)
    authored = "" if sides.authored else " AND t.attributed_to_author = 0"
    rows = reader.db.execute(
        "SELECT m.value FROM json_each(?) m WHERE EXISTS (SELECT 1 FROM stance_totals t"
        f" WHERE {source_test} AND t.target_actor_id = m.value{authored}"
        " AND t.modality IN (SELECT value FROM json_each(?))) LIMIT 2",
        [json.dumps(list(sides.targets.actor_ids)), *source_params, _weighted()],
    )
    return {row[0] for row in rows}


def _side_label(reader: Reader, ids: set[str], key: str) -> tuple[str, str]:
    """The id and name a stance shows: the actor's own when one actor matched, else the key."""
    if len(ids) == 1:
        (only,) = ids
        row = actor_row(reader, actor_id=only)
        return only, row.name if row else only
    return key, key


_BUCKET_START = {  # the first day of the period holding e.event_date, in SQL
    "week": "date(e.event_date, '-' || ((CAST(strftime('%w', e.event_date) AS INTEGER) + 6) % 7)"
    " || ' days')",
    "month": "substr(e.event_date, 1, 7) || '-01'",
    "quarter": "substr(e.event_date, 1, 5) || printf('%02d',"
    " ((CAST(substr(e.event_date, 6, 2) AS INTEGER) - 1) / 3) * 3 + 1) || '-01'",
    "year": "substr(e.event_date, 1, 4) || '-01-01'",
}


#: The columns of an evidence row (:func:`eventwatch.stance.evidence`'s keys), read by SQL
#: from the event's columns and record and its article: no record is decoded.
_EVIDENCE_COLUMNS = (
    "e.event_id, a.id AS article_id, coalesce(e.event_date, a.published) AS date,"
    " e.cameo AS code, json_extract(e.record, '$.cameo_name') AS name, e.goldstein,"
    " e.quad_class, e.modality, json_extract(e.record, '$.source.name') AS source,"
    " json_extract(e.record, '$.target.name') AS target,"
    " json_extract(e.record, '$.location.name') AS location,"
    " substr(a.text, json_extract(e.record, '$.sentence[0]') + 1,"
    " json_extract(e.record, '$.sentence[1]') - json_extract(e.record, '$.sentence[0]'))"
    " AS sentence"
)
_EVIDENCE_KEYS = (
    "event_id",
    "article_id",
    "date",
    "code",
    "name",
    "goldstein",
    "quad_class",
    "modality",
    "source",
    "target",
    "location",
    "sentence",
)


def _evidence_row(row: sqlite3.Row) -> dict[str, Any]:
    """One evidence row as :func:`eventwatch.stance.evidence` gives it."""
    item = {key: row[key] for key in _EVIDENCE_KEYS}
    item["sentence"] = " ".join(str(item["sentence"] or "").split())
    return item


def _evidence(
    reader: Reader,
    sides: _Sides,
    period: Period,
    limit: int | None,
    *,
    within: tuple[str, str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Each bucket's first ``limit`` events (all when None), keyed by the ISO date its
    period starts on, as :func:`stance.evidence` lists them (a test holds them equal);
    with a ``limit`` and ``within`` (the first and last day of one period), that
    period's alone.

    The totals give each bucket's days with their weighed events, so only the first
    days that hold ``limit`` of them are read from the events (again past them, in
    the rare bucket where events dated by their article alone made the count look
    larger): a bounded read per bucket, never every event of a busy pair.  Only the
    rows picked are read for the few fields shown and the sentence (a stretch of
    the article text), never a whole record.
    """
    source_test, source_params = id_test("e.source_actor_id", sides.sources)
    target_test, target_params = id_test("e.target_actor_id", sides.targets)
    # the side with fewer ids walks its index by date (the other only checked);
    # both sides' indexes start (actor, attributed_to_author, event_date)
    by_target = len(sides.targets.actor_ids) < len(sides.sources.actor_ids)
    if by_target:
        index, source_test = "events_target_actor", source_test.replace("e.", "+e.", 1)
    else:
        index, target_test = "events_source_actor", target_test.replace("e.", "+e.", 1)
    authored = "IN (0, 1)" if sides.authored else "= 0"
    where = (
        f"{source_test} AND {target_test} AND e.source_actor_id <> e.target_actor_id"
        f" AND e.attributed_to_author {authored}"
        " AND e.modality IN (SELECT value FROM json_each(?))"
    )
    params = [*source_params, *target_params, _weighted()]
    bucket = _BUCKET_START[period]
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if limit is None:
        rows = reader.db.execute(
            f"SELECT {_EVIDENCE_COLUMNS}, {bucket} AS bucket FROM events e"
            " JOIN articles a ON a.sha256 = e.article_sha256"
            f" WHERE {where} AND e.event_date IS NOT NULL ORDER BY e.event_date, e.rowid",
            params,
        )
        for row in rows:
            found[row["bucket"]].append(_evidence_row(row))
        return found
    days: dict[str, list[tuple[str, int]]] = defaultdict(list)
    span, span_params = (" AND t.day BETWEEN ? AND ?", list(within)) if within else ("", [])
    for day, number in reader.db.execute(
        f"SELECT t.day, sum(t.events) FROM {sides.table} t WHERE {sides.test}{span}"
        " AND t.modality IN (SELECT value FROM json_each(?)) GROUP BY t.day ORDER BY t.day",
        [*sides.params, *span_params, _weighted()],
    ):
        start, _ = period_of(datetime.date.fromisoformat(day), period)
        days[start.isoformat()].append((day, int(number)))
    done = dict.fromkeys(days, 0)  # the days of each bucket read so far
    while True:
        ranges = []  # (bucket, first day, last day, events still wanted)
        for key, held in days.items():
            wanted, at = limit - len(found[key]), done[key]
            if wanted <= 0 or at >= len(held):
                continue
            end, counted = at, 0
            while end < len(held) and counted < wanted:
                counted += held[end][1]
                end += 1
            ranges.append((key, held[at][0], held[end - 1][0], wanted))
            done[key] = end
        if not ranges:
            return found
        rows = reader.db.execute(
            f"SELECT {_EVIDENCE_COLUMNS}, w.bucket FROM ("
            " SELECT e.rowid AS id, json_extract(r.value, '$[0]') AS bucket, row_number() OVER"
            " (PARTITION BY r.key ORDER BY e.event_date, e.rowid) AS n,"
            " json_extract(r.value, '$[3]') AS wanted"
            f" FROM json_each(?) r CROSS JOIN events e INDEXED BY {index}"
            f" WHERE {where} AND e.event_date BETWEEN json_extract(r.value, '$[1]')"
            " AND json_extract(r.value, '$[2]')"
            ") w JOIN events e ON e.rowid = w.id JOIN articles a ON a.sha256 = e.article_sha256"
            " WHERE w.n <= w.wanted ORDER BY w.bucket, w.n",
            [json.dumps(ranges), *params],
        )
        for row in rows:
            found[row["bucket"]].append(_evidence_row(row))


def compare(
    reader: Reader,
    *,
    actors: Sequence[str],
    target: str,
    period: Period = "month",
    include_authored: bool = False,
    evidence: int | None = EVIDENCE_LIMIT,
) -> Comparison:
    """Each of ``actors``' stance path toward ``target`` and overall side.

    The same figures as :func:`eventwatch.stance.compare` over whole articles
    (a test holds them equal), summed in SQL from the side indexes; each
    point lists its first ``evidence`` events (0 to :data:`MAX_EVIDENCE`;
    None lists them all, as ``eventwatch stance --all-evidence`` does).
    """
    from eventwatch import stance as stance_module

    if not actors:
        raise QueryParameterError("actor", "name at least one actor")
    if not target.strip():
        raise QueryParameterError("target", "name a target (PRK, a code, an id or a name)")
    if evidence is not None and not 0 <= evidence <= MAX_EVIDENCE:
        raise QueryParameterError(
            "evidence", f"must be between 0 and {MAX_EVIDENCE}, not {evidence}"
        )
    table = stance_module.weights()
    aimed = match_actor(reader.db, target)
    points: list[StancePoint] = []
    overall: list[dict[str, Any]] = []
    target_name = aimed.label
    for key in actors:
        buckets, whole, (actor_id, actor_name), (target_id, name), sides = _path(
            reader, key=key, target=aimed, period=period, include_authored=include_authored
        )
        listed = _evidence(reader, sides, period, evidence) if evidence != 0 else {}
        previous: float | None = None
        for bucket in buckets:
            score = bucket.score
            change = previous is not None and abs(score - previous) >= table.change_threshold - 1e-9
            previous = score
            target_name = name
            points.append(
                StancePoint(
                    actor=key,
                    actor_id=actor_id,
                    actor_name=actor_name,
                    target_id=target_id,
                    target_name=name,
                    period=bucket.label,
                    start=bucket.start.isoformat(),
                    end=_period_end(bucket.start, period).isoformat(),
                    score=score,
                    side=table.side(score),
                    events=bucket.events,
                    statements=bucket.statements,
                    actions=bucket.actions,
                    change=change,
                    evidence=listed.get(bucket.start.isoformat(), []),
                )
            )
        row: dict[str, Any] = {
            "actor": key,
            "actor_id": actor_id if whole else key,
            "actor_name": actor_name if whole else key,
            "period": stance_module.OVERALL,
            "score": whole.score if whole else None,
            "events": whole.events if whole else 0,
            "statements": whole.statements if whole else 0,
            "actions": whole.actions if whole else 0,
            "change": False,
            "side": table.side(whole.score if whole else None),
        }
        overall.append(row)
    return Comparison(
        target=target, target_name=target_name, period=period, points=points, overall=overall
    )


def _period_start(label: str) -> str:
    if "-W" in label:
        year, week = label.split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1).isoformat()
    if "-Q" in label:
        year, quarter = label.split("-Q")
        return datetime.date(int(year), 3 * int(quarter) - 2, 1).isoformat()
    if "-" in label:
        return f"{label}-01"
    return f"{label}-01-01"


def stance(
    reader: Reader,
    *,
    actor: str,
    target: str,
    period: Period = "month",
    include_authored: bool = False,
    evidence: int | None = EVIDENCE_LIMIT,
) -> list[StancePoint]:
    """One actor's stance path toward ``target``, period by period (with evidence)."""
    return compare(
        reader,
        actors=[actor],
        target=target,
        period=period,
        include_authored=include_authored,
        evidence=evidence,
    ).points


def point_evidence(
    reader: Reader,
    *,
    actor: str,
    target: str,
    period: Period = "month",
    day: datetime.date,
    include_authored: bool = False,
    limit: int = EVIDENCE_LIMIT,
) -> Page[dict[str, Any]]:
    """The events behind one point of ``actor``'s stance path toward ``target``: the
    point of the ``period`` holding ``day`` (its ``start``, or any day of it).

    The first ``limit`` events (0 to :data:`MAX_EVIDENCE`), the same rows the
    path lists as the point's evidence with ``evidence=limit``; ``total`` is the
    point's ``events``.  Reads that one period's days of the running totals and
    its first events: the same small read whatever the length of the path, so a
    path can be drawn without evidence and each point's read when clicked.
    """
    if not 0 <= limit <= MAX_EVIDENCE:
        raise QueryParameterError("limit", f"must be between 0 and {MAX_EVIDENCE}, not {limit}")
    if not actor.strip():
        raise QueryParameterError("actor", "name an actor (a name, an id, a code or a country)")
    if not target.strip():
        raise QueryParameterError("target", "name a target (PRK, a code, an id or a name)")
    sides = _sides(
        reader,
        source=match_actor(reader.db, actor),
        target=match_actor(reader.db, target),
        authored=include_authored,
    )
    start, _ = period_of(day, period)
    within = (start.isoformat(), _period_end(start, period).isoformat())
    total = reader.db.execute(
        f"SELECT coalesce(sum(t.events), 0) FROM {sides.table} t WHERE {sides.test}"
        " AND t.day BETWEEN ? AND ? AND t.modality IN (SELECT value FROM json_each(?))",
        [*sides.params, *within, _weighted()],
    ).fetchone()[0]
    listed = _evidence(reader, sides, period, limit, within=within) if limit else {}
    return Page(items=listed.get(within[0], []), total=int(total), limit=limit, offset=0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Dyad:
    """Events between two actors in both directions, by period and quad class."""

    a: str
    a_name: str
    b: str
    b_name: str
    period: str
    a_to_b: list[Count]
    b_to_a: list[Count]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def dyad(reader: Reader, *, a: str, b: str, period: Period = "month") -> Dyad:
    """A→B and B→A events over time (author's judgements left out)."""
    first, second = match_actor(reader.db, a), match_actor(reader.db, b)
    series: list[list[Count]] = []
    for one, two in ((first, second), (second, first)):
        source_test, source_params = id_test("e.source_actor_id", one)
        target_test, target_params = id_test("e.target_actor_id", two)
        series.append(
            _counts(
                reader, f"{source_test} AND {target_test}", [*source_params, *target_params], period
            )
        )
    return Dyad(
        a=a,
        a_name=first.label,
        b=b,
        b_name=second.label,
        period=period,
        a_to_b=series[0],
        b_to_a=series[1],
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class DyadRow:
    """A source → target pair with its event count."""

    source_id: str
    source: str | None
    target_id: str
    target: str | None
    events: int
    goldstein: float | None


def dyads(
    reader: Reader, *, actor: str | None = None, limit: int = 50, offset: int = 0
) -> Page[DyadRow]:
    """Source → target pairs by number of events (``actor`` on either side when given).

    Read from the running totals of migration 0005 (``dyad_totals``), which
    leave out the author's judgements and events without two different sides.
    """
    check_window(limit, offset)
    where = "d.events > 0"
    params: list[Any] = []
    if actor and actor.strip():
        match = match_actor(reader.db, actor)
        source_test, source_params = id_test("d.source_actor_id", match)
        target_test, target_params = id_test("d.target_actor_id", match)
        where += f" AND ({source_test} OR {target_test})"
        params += [*source_params, *target_params]
    total = reader.db.execute(
        f"SELECT count(*) FROM dyad_totals d WHERE {where}", params
    ).fetchone()[0]
    rows = reader.db.execute(
        "SELECT d.source_actor_id AS source_id, s.name AS source,"
        " d.target_actor_id AS target_id, t.name AS target, d.events,"
        " round(d.goldstein_sum / d.events, 2) AS goldstein FROM dyad_totals d"
        " LEFT JOIN actor_directory s ON s.actor_id = d.source_actor_id"
        " LEFT JOIN actor_directory t ON t.actor_id = d.target_actor_id"
        f" WHERE {where} ORDER BY d.events DESC, source_id, target_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(
        items=[DyadRow(**dict(row)) for row in rows], total=int(total), limit=limit, offset=offset
    )


# -- overview ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Overview:
    """Counts over the store, the monthly timeline by quad class, top actors and dyads."""

    articles: int
    events: int
    quotes: int
    actors: int
    first_date: str | None
    last_date: str | None
    timeline: list[Count]
    top_actors: list[ActorRow]
    top_dyads: list[DyadRow]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def overview(reader: Reader, *, top: int = 10) -> Overview:
    """The store at a glance (the timeline and dyads come from migration 0005's totals)."""
    db = reader.db
    articles_n, first, last = db.execute(
        "SELECT count(*), min(published), max(published) FROM articles"
    ).fetchone()
    timeline = [
        Count(period=month, quad_class=quad, events=int(n), goldstein=round(float(g) / n, 2))
        for month, quad, n, g in db.execute(
            "SELECT month, quad_class, events, goldstein_sum FROM month_totals"
            " WHERE events > 0 ORDER BY month, quad_class"
        )
    ]
    return Overview(
        articles=int(articles_n),
        events=int(db.execute("SELECT count(*) FROM events").fetchone()[0]),
        quotes=int(db.execute("SELECT count(*) FROM quotes").fetchone()[0]),
        actors=int(db.execute("SELECT count(*) FROM actor_directory").fetchone()[0]),
        first_date=first,
        last_date=last,
        timeline=timeline,
        top_actors=actors(reader, limit=top).items,
        top_dyads=dyads(reader, limit=top).items,
    )


# -- exports -----------------------------------------------------------------------------------
def export_articles(
    reader: Reader, *, flt: EventFilter, limit: int = MAX_LIMIT, offset: int = 0
) -> Iterator[Article]:
    """The articles holding the events of one page of :func:`events`, each with only those
    events: what :func:`eventwatch.exports.write_export` needs for a download.

    Each article carries its metadata, text and sentences (read from its
    record by SQLite's JSON functions); nothing else of the record is decoded.
    """
    check_window(limit, offset)
    where = event_where(reader.db, flt)
    rows = reader.db.execute(
        f"SELECT e.record, e.article_sha256 FROM events e{where.clause}"
        " ORDER BY e.event_date, e.rowid LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    ).fetchall()
    grouped: dict[str, list[Event]] = defaultdict(list)
    for row in rows:
        grouped[row["article_sha256"]].append(Event.from_dict(json.loads(row["record"])))
    for sha, found in grouped.items():
        item = reader.db.execute(
            "SELECT id, source, source_kind, text, title, published, publisher, url, genre,"
            " json_extract(record, '$.sentences') AS sentences FROM articles WHERE sha256 = ?",
            (sha,),
        ).fetchone()
        yield Article(
            id=item["id"],
            source=item["source"],
            source_kind=item["source_kind"],
            sha256=sha,
            text=item["text"],
            title=item["title"],
            published=(
                datetime.date.fromisoformat(item["published"]) if item["published"] else None
            ),
            publisher=item["publisher"],
            url=item["url"],
            genre=item["genre"],
            sentences=tuple(
                (int(start), int(end)) for start, end in json.loads(item["sentences"] or "[]")
            ),
            events=tuple(found),
        )
