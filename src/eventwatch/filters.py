"""One filter builder for every read of events and quotations: the web pages, the
REST API, :mod:`eventwatch.queries` and the store's own readers (``eventwatch
events`` and ``eventwatch quotes``).

* :class:`EventFilter` / :func:`parse_event_filter` — which events, checked
  from user strings (a bad one is a
  :class:`~eventwatch.errors.QueryParameterError` naming the parameter)
* :class:`QuoteFilter` — which quotations (by speaker, by an actor named in
  the content, by article)
* :func:`event_where` / :func:`quote_where` — the SQL tests that keep them,
  with their parameters (every value a parameter; no user text becomes SQL)
* :func:`walks` — whether a page is found faster by walking a table in order
  (events by date, quotes as stored) than by sorting every match

Actor keys (a name, an id, a code or a three-letter country) are resolved to
actor ids once, through :func:`eventwatch.actor_match.match_actor`, so every
test runs on an indexed id column.
"""

from __future__ import annotations

import datetime
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from eventwatch.actor_match import ActorMatch, country_key, id_test, match_actor
from eventwatch.errors import QueryParameterError
from eventwatch.events.modality import MODALITIES
from eventwatch.events.ontology import ontology

__all__ = [
    "EVIDENCE_LIMIT",
    "MAX_EVIDENCE",
    "POSITION_DAY",
    "WORDED_IDS",
    "EventFilter",
    "QuoteFilter",
    "Where",
    "actor_token",
    "article_test",
    "event_where",
    "parse_date",
    "parse_event_filter",
    "parse_quote_filter",
    "position_range",
    "quote_total",
    "quote_where",
    "walks",
    "words_query",
]

#: Events listed as a stance point's evidence by default (the point counts them all).
EVIDENCE_LIMIT = 5
#: The most a caller of the API may ask for (the CLI's --all-evidence lists every one).
MAX_EVIDENCE = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which events to show.  Every field is optional; all given ones must hold.

    ``source`` / ``target``: actor keys (name, id, code, country, see
    :mod:`eventwatch.actor_match`); ``code``: a CAMEO code or root, matched as a
    prefix (``03``, ``036``); ``plover``: a PLOVER type; ``modality``;
    ``since`` / ``until``: event dates; ``text``: words in the event's text;
    ``article``: an article id; ``include_authored``: also the opinion
    author's own judgements.
    """

    source: str | None = None
    target: str | None = None
    code: str | None = None
    plover: str | None = None
    modality: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    text: str | None = None
    article: str | None = None
    include_authored: bool = False

    def query_items(self) -> list[tuple[str, str]]:
        """The filter as URL query pairs (empty fields left out)."""
        pairs: list[tuple[str, str]] = []
        for name in ("source", "target", "code", "plover", "modality", "text", "article"):
            value = getattr(self, name)
            if value:
                pairs.append((name, value))
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                pairs.append((name, value.isoformat()))
        if self.include_authored:
            pairs.append(("authored", "1"))
        return pairs


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteFilter:
    """Which quotations to show: by ``speaker``, naming ``about`` inside one of
    their content spans, from ``article`` (an id or sha256).  Empty keeps all."""

    speaker: str | None = None
    about: str | None = None
    article: str | None = None

    def query_items(self) -> list[tuple[str, str]]:
        """The filter as URL query pairs (empty fields left out)."""
        return [
            (name, value)
            for name in ("speaker", "about", "article")
            if (value := getattr(self, name))
        ]


def _clean(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def parse_quote_filter(
    *, speaker: str | None = None, about: str | None = None, article: str | None = None
) -> QuoteFilter:
    """A :class:`QuoteFilter` from user strings: blank ones are left out."""
    return QuoteFilter(speaker=_clean(speaker), about=_clean(about), article=_clean(article))


def parse_date(parameter: str, value: str | None) -> datetime.date | None:
    """``YYYY-MM-DD`` → a date; empty → None; anything else names ``parameter``."""
    if value is None or not value.strip():
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise QueryParameterError(parameter, f"{value!r} is not a date; write YYYY-MM-DD") from None


def parse_event_filter(
    *,
    source: str | None = None,
    target: str | None = None,
    code: str | None = None,
    plover: str | None = None,
    modality: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
    article: str | None = None,
    include_authored: bool = False,
) -> EventFilter:
    """Check user strings and build an :class:`EventFilter`.

    Raises :class:`QueryParameterError` naming the parameter for a date that
    is not a date, a CAMEO code or PLOVER type that does not exist, or an
    unknown modality.
    """
    code = _clean(code)
    if code is not None and not any(known.startswith(code) for known in ontology().codes()):
        raise QueryParameterError("code", f"{code!r} is not a CAMEO code or root (e.g. 03, 036)")
    plover = _clean(plover)
    if plover is not None:
        types = {kind.name for kind in ontology().plover_types()}
        plover = plover.upper()
        if plover not in types:
            raise QueryParameterError(
                "plover", f"{plover!r} is not a PLOVER type ({', '.join(sorted(types))})"
            )
    modality = _clean(modality)
    if modality is not None and modality not in MODALITIES:
        raise QueryParameterError(
            "modality", f"{modality!r} is not a modality ({', '.join(MODALITIES)})"
        )
    first, last = parse_date("since", since), parse_date("until", until)
    if first and last and first > last:
        raise QueryParameterError("until", f"{last} is before since {first}")
    return EventFilter(
        source=_clean(source),
        target=_clean(target),
        code=code,
        plover=plover,
        modality=modality,
        since=first,
        until=last,
        text=_clean(text),
        article=_clean(article),
        include_authored=include_authored,
    )


@dataclass(slots=True)
class Where:
    """SQL tests joined by AND, their parameters, and the actors each side matched."""

    tests: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    matched: dict[str, ActorMatch] = field(default_factory=dict)
    #: the full-text query of the events' words, when the filter has words; with
    #: ``words_only`` every test is inside it, so it alone counts the events
    words: str | None = None
    words_only: bool = False
    #: the test of the text index's rowids (``w.rowid``, the events' positions of
    #: migration 0012) that keeps the filter's dates, and its parameters
    positions: str = ""
    position_params: list[Any] = field(default_factory=list)

    def add(self, test: str, *values: Any) -> None:
        self.tests.append(test)
        self.params += values

    @property
    def clause(self) -> str:
        """`` WHERE …`` (empty when nothing is tested)."""
        return (" WHERE " + " AND ".join(self.tests)) if self.tests else ""


def article_test(column: str, key: str) -> tuple[str, list[Any]]:
    """``column`` (an article sha256 column) is the article whose id or sha256 is ``key``."""
    return f"{column} IN (SELECT sha256 FROM articles WHERE id = ? OR sha256 = ?)", [key, key]


def _mentions(db: sqlite3.Connection, match: ActorMatch) -> int:
    """How many mentions the matched actors have (a cheap stand-in for their events)."""
    if not match.actor_ids:
        return 0
    test, values = id_test("actor_id", match)
    row = db.execute(
        f"SELECT coalesce(sum(mentions), 0) FROM actor_directory WHERE {test}", values
    ).fetchone()
    return int(row[0])


def event_where(db: sqlite3.Connection, flt: EventFilter, *, alias: str = "e") -> Where:
    """The tests on the events table (as ``alias``) that keep the events ``flt`` keeps.

    With both sides named, the side with fewer mentions picks the rows (its
    index) and the other is only checked.
    """
    where = Where()
    for side, key in (("source", flt.source), ("target", flt.target)):
        if key:
            where.matched[side] = match_actor(db, key)
    lead = min(where.matched, key=lambda side: _mentions(db, where.matched[side]), default="")
    # with words to find, a side of few actors is found in the full-text index too
    # (its ids are tokens there): SQLite intersects the two lists in the index
    worded = {
        side: match
        for side, match in where.matched.items()
        if flt.text and 0 < len(match.actor_ids) <= WORDED_IDS
    }
    for side, match in where.matched.items():
        # "+" keeps SQLite from using the other side's index as well (or either side's
        # when the full-text index finds them)
        indexed = side == lead and not worded
        column = f"{alias}.{side}_actor_id" if indexed else f"+{alias}.{side}_actor_id"
        test, values = id_test(column, match)
        where.add(test, *values)
    if flt.code:
        if len(flt.code) == 2:
            where.add(f"{alias}.cameo_root = ?", flt.code)
        else:  # a code and its children: a range of the index on cameo
            where.add(f"{alias}.cameo >= ? AND {alias}.cameo < ?", flt.code, flt.code + "~")
    if flt.plover:
        where.add(f"{alias}.plover_type = ?", flt.plover)
    if flt.modality:
        where.add(f"{alias}.modality = ?", flt.modality)
    if flt.since:
        where.add(f"{alias}.event_date >= ?", flt.since.isoformat())
    if flt.until:
        where.add(f"{alias}.event_date <= ?", flt.until.isoformat())
    if flt.article:
        test, values = article_test(f"{alias}.article_sha256", flt.article)
        where.add(test, *values)
    if flt.text:  # the words, as a phrase, in the full-text index of event texts
        where.words = words_query(flt.text, worded, include_authored=flt.include_authored)
        where.words_only = len(worded) == len(where.matched) and not any(
            (flt.code, flt.plover, flt.modality, flt.article)
        )
        where.positions, where.position_params = position_range(flt.since, flt.until)
        where.add(
            f"({alias}.article_sha256, {alias}.event_id) IN (SELECT o.article_sha256,"
            " o.event_id FROM event_words w JOIN event_order o ON o.position = w.rowid"
            f" WHERE event_words MATCH ?{where.positions})",
            where.words,
            *where.position_params,
        )
    if not flt.include_authored:
        where.add(f"{alias}.attributed_to_author = 0")
    return where


#: An event's position (migration 0012): its day (the integer part of its Julian day, 0
#: when undated) times this, plus a sequence number that grows as events are stored.
POSITION_DAY = 2**36


def position_range(
    since: datetime.date | None, until: datetime.date | None
) -> tuple[str, list[Any]]:
    """`` AND …``: the text index's rowids (``w.rowid``, events' positions) of events
    dated from ``since`` to ``until`` (either open), or nothing without dates.  A date
    test keeps no undated event, nor does the range (their day is 0)."""
    if since is None and until is None:
        return "", []
    first = since or datetime.date.min
    sql = f" AND w.rowid >= CAST(julianday(?) AS INTEGER) * {POSITION_DAY}"
    values = [first.isoformat()]
    if until is not None:
        sql += f" AND w.rowid < (CAST(julianday(?) AS INTEGER) + 1) * {POSITION_DAY}"
        values.append(until.isoformat())
    return sql, values


#: A side matching at most this many actors is looked up in the full-text index with the
#: words (one token per actor id); a country's thousands of actors are checked per event.
WORDED_IDS = 50


def actor_token(side: str, actor_id: str) -> str:
    """The full-text token of ``actor_id`` on ``side`` (source or target) in migration
    0010's ``event_words``: the side's initial and the id's UTF-8 bytes in hex."""
    return side[0] + actor_id.encode("utf-8").hex()


def words_query(text: str, sides: dict[str, ActorMatch], *, include_authored: bool) -> str:
    """The FTS5 query for ``text`` as a phrase in an event's words, by one of the actors
    of each of ``sides``, and not the author's own judgement unless ``include_authored``
    (every value quoted: no user text becomes query syntax)."""
    query = '{text} : "' + text.replace('"', '""') + '"'
    for side, match in sides.items():
        tokens = " OR ".join(f'"{actor_token(side, actor_id)}"' for actor_id in match.actor_ids)
        query += f" AND {{actors}} : ({tokens})"
    if not include_authored:
        query += ' NOT {actors} : "authored"'
    return query


def quote_where(
    db: sqlite3.Connection, flt: QuoteFilter, *, alias: str = "q", probe: bool = False
) -> Where:
    """The tests on the quotes table (as ``alias``) that keep the quotations ``flt`` keeps.

    ``about`` reads the ``quote_about`` rows of migration 0008 (the actors with
    a mention inside one of the quote's content spans): as the set of quotes
    that name the actor, or with ``probe`` as a lookup per quote.  With
    ``probe`` every test is checked on each quote as the quotes are walked in
    stored order (for a page when most of them match).
    """
    where = Where()
    if flt.speaker:  # a blank key names nobody (see parse_quote_filter for user input)
        match = match_actor(db, flt.speaker)
        where.matched["speaker"] = match
        # probing: checked on each quote walked in order ("+": not through its index)
        column = f"+{alias}.speaker_actor_id" if probe else f"{alias}.speaker_actor_id"
        test, values = id_test(column, match)
        where.add(test, *values)
    if flt.about:
        match = match_actor(db, flt.about)
        where.matched["about"] = match
        test, values = id_test("x.actor_id", match)
        if probe:
            # "+": each quote's own few rows (its key), not one index probe per actor id
            test, values = id_test("+x.actor_id", match)
            where.add(
                f"EXISTS (SELECT 1 FROM quote_about x WHERE x.article_sha256 ="
                f" {alias}.article_sha256 AND x.quote_id = {alias}.quote_id AND {test})",
                *values,
            )
        else:
            where.add(
                f"({alias}.article_sha256, {alias}.quote_id) IN"
                f" (SELECT x.article_sha256, x.quote_id FROM quote_about x WHERE {test})",
                *values,
            )
    if flt.article and flt.article.strip():
        test, values = article_test(f"{alias}.article_sha256", flt.article.strip())
        where.add(test, *values)
    return where


def quote_total(db: sqlite3.Connection, flt: QuoteFilter, where: Where) -> int:
    """How many quotations ``where`` (from :func:`quote_where` for ``flt``) keeps.

    Quotes about an actor, and only that, are counted in the ``quote_about``
    index alone (one row per quote and actor named); about a whole country
    (see :func:`~eventwatch.actor_match.country_key`), from its running total.
    """
    about = where.matched.get("about")
    if about is not None and not flt.speaker and not flt.article:
        country = country_key(db, about)
        if country is not None:  # a whole country: its running total (migration 0010)
            row = db.execute(
                "SELECT quotes FROM quote_country_totals WHERE country = ?", (country,)
            ).fetchone()
            return int(row[0]) if row else 0
        test, values = id_test("actor_id", about)
        if len(about.actor_ids) == 1:
            sql = f"SELECT count(*) FROM quote_about WHERE {test}"
        else:  # a quote naming two of the actors counts once
            sql = (
                "SELECT count(*) FROM (SELECT DISTINCT article_sha256, quote_id"
                f" FROM quote_about WHERE {test})"
            )
        return int(db.execute(sql, values).fetchone()[0])
    return int(
        db.execute(f"SELECT count(*) FROM quotes q{where.clause}", where.params).fetchone()[0]
    )


def walks(db: sqlite3.Connection, *, table: str, total: int, window: int) -> bool:
    """Whether to walk ``table`` in order (its date index or its rowids, no sort) rather
    than sort the ``total`` matching rows to show a ``window`` of them.

    Walking reads about ``window * rows / total`` rows; sorting reads all
    ``total`` of them.  Walk when that is fewer.  ``table`` is a name written
    by the caller (``events``, ``quotes``), never user input.
    """
    rows = int(db.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])
    return total > 0 and window * rows < total * total
