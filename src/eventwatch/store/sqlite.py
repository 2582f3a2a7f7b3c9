"""The SQLite store: one file, WAL journal, one writer, named migrations.

Every article is keyed by the SHA-256 of its clean body, so storing the same
body again is a no-op.  Each document is written in one transaction: either
all its rows are there or none are, so killing a run loses nothing that was
committed and leaves nothing half-written; rerunning resumes (stored articles
are skipped before parsing, see :class:`KnownHashes`).  Each article records
the stages that ran on it, so a store built with fewer stages is completed by
a later run with more (the article is analysed again and its rows replaced).

Reading never writes: :meth:`Store.open_readonly` (``open_store(path,
read_only=True)``) opens the file with SQLite's ``mode=ro``, refuses a file
that is not an eventwatch store, and neither migrates nor changes the journal
mode.  Every SQLite error, on either side, surfaces as a :class:`StoreError`
naming the file.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import quote

from eventwatch.actor_match import match_actor
from eventwatch.errors import StoreError
from eventwatch.filters import (
    EventFilter,
    QuoteFilter,
    Where,
    event_where,
    quote_total,
    quote_where,
    walks,
)
from eventwatch.records import Article, Quote
from eventwatch.store import stories as _stories
from eventwatch.store.stories import ConsolidationReport, MentionCounts

_MIGRATIONS = "store/migrations"
# the directory's kind of an actor id's prefix, for an actor only an event names
# (the same mapping as migration 0013)
DIRECTORY_KINDS = {
    "country": "country",
    "group": "group",
    "person": "person",
    "org": "organization",
    "igo": "organization",
}
_STORE_TABLES = ("schema_migrations", "articles")  # what makes a file an eventwatch store
SQL_MAX_INT = 2**63 - 1

_Method = TypeVar("_Method", bound=Callable[..., Any])


def _store_error(path: Path, doing: str, error: Exception) -> StoreError:
    hint = ""
    text = str(error).lower()
    if "malformed" in text or "not a database" in text:
        hint = " (the file is damaged or not an SQLite database; restore it from a copy)"
    elif "readonly" in text or "read-only" in text:
        hint = " (the file or its folder is read-only)"
    return StoreError(f"cannot {doing} store {path}: {error}{hint}")


def _reading(method: _Method) -> _Method:
    """Turn an SQLite error raised by a read method (or while iterating its rows)
    into a :class:`StoreError` naming the file."""
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def rows(self: Store, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.Error as error:
                raise _store_error(self.path, "read", error) from error

        return cast(_Method, rows)

    @functools.wraps(method)
    def call(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise _store_error(self.path, "read", error) from error

    return cast(_Method, call)


def sql_limit(limit: int | None) -> int:
    """A ``LIMIT`` value: ``-1`` (none) for ``None`` or anything SQLite cannot hold."""
    if limit is None or limit > SQL_MAX_INT:
        return -1
    return max(limit, 0)


def _like_prefix(text: str) -> str:
    """A ``LIKE ? ESCAPE '\\'`` pattern matching values that start with ``text``
    (its ``%`` and ``_`` match only themselves)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def migrations() -> list[tuple[str, str]]:
    """``(name, sql)`` of every packaged migration, in order."""
    folder = resources.files("eventwatch").joinpath(_MIGRATIONS)
    files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".sql")),
        key=lambda entry: entry.name,
    )
    return [(entry.name.removesuffix(".sql"), entry.read_text("utf-8")) for entry in files]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreStats:
    """Counts over the whole store."""

    articles: int
    stories: int
    events: int  # consolidated events (one per event however many articles report it)
    mentions: int  # event mentions: one per coded event in one article
    quotes: int
    actors: int  # distinct actor ids
    authors: int
    entities: int
    by_genre: dict[str, int]
    by_language: dict[str, int]
    by_source_kind: dict[str, int]
    first_published: str | None
    last_published: str | None
    migrations: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "stories": self.stories,
            "events": self.events,
            "mentions": self.mentions,
            "quotes": self.quotes,
            "actors": self.actors,
            "authors": self.authors,
            "entities": self.entities,
            "by_genre": self.by_genre,
            "by_language": self.by_language,
            "by_source_kind": self.by_source_kind,
            "first_published": self.first_published,
            "last_published": self.last_published,
            "migrations": self.migrations,
        }


class Store:
    """An open eventwatch database.  Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                self._db = self._connect_readonly()
            else:
                self._db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
                self._db.row_factory = sqlite3.Row
                _while_locked(lambda: self._db.execute("PRAGMA journal_mode=WAL"))
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                _while_locked(self._migrate)
        except sqlite3.Error as error:
            raise _store_error(self.path, "open", error) from error

    @classmethod
    def open_readonly(cls, path: str | Path) -> Store:
        """Open an existing store for reading only (see the module docstring)."""
        return cls(path, read_only=True)

    def _connect_readonly(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise StoreError(f"no store at {self.path}: run `eventwatch ingest` first or pass --db")
        uri = "file:" + quote(str(self.path.resolve())) + "?mode=ro"
        try:
            db, found = _open_ro(uri)
        except sqlite3.OperationalError:
            # a WAL store in a folder we cannot write (no -shm can be made): nobody
            # can be writing it either, so read it as an immutable file
            if os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK):
                raise
            db, found = _open_ro(uri + "&immutable=1")
        if found != set(_STORE_TABLES):
            db.close()
            raise StoreError(
                f"{self.path} is not an eventwatch store (it has no "
                f"{' or '.join(sorted(set(_STORE_TABLES) - found))} table); refusing to read it"
            )
        return db

    @property
    def connection(self) -> sqlite3.Connection:
        """The store's SQLite connection (rows as :class:`sqlite3.Row`), for the typed
        read queries of :mod:`eventwatch.queries`; closing the store closes it."""
        return self._db

    # -- lifecycle ---------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        done = {row[0] for row in self._db.execute("SELECT name FROM schema_migrations")}
        applied = False
        for name, sql in migrations():
            if name in done:
                continue
            applied = True
            try:
                # the write lock first, then look again: another process opening
                # the same new store may have applied it in the meantime
                self._db.execute("BEGIN IMMEDIATE")
                if self._db.execute(
                    "SELECT 1 FROM schema_migrations WHERE name = ?", (name,)
                ).fetchone():
                    self._db.execute("COMMIT")
                    continue
                for statement in _statements(sql):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, _now()))
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed on {self.path}: {error}") from error
        if applied:
            self._db.execute("ANALYZE")  # the planner's statistics for the new indexes

    # -- stories and consolidated events (see eventwatch.store.stories) ------------
    def consolidate(self, *, threshold: float | None = None) -> ConsolidationReport:
        """Rebuild stories and consolidated events over every stored article."""
        try:
            if threshold is None:
                return _stories.consolidate(self._db)
            return _stories.consolidate(self._db, threshold=threshold)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot consolidate events in {self.path}: {error}") from error

    def mention_counts(self) -> dict[tuple[str, str], MentionCounts]:
        """``(article sha256, event id) -> MentionCounts`` of every consolidated mention."""
        return _stories.mention_counts(self._db)

    def stories(self, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Stories (near-duplicate articles), largest first."""
        return _stories.stories(self._db, limit=limit)

    # -- feed items taken by ingest/watch (migration 0006_watch_feed_items) --------
    def feed_item_seen(self, guid: str, link: str) -> bool:
        """Whether a feed item with this GUID or link was taken before (from any feed)."""
        row = self._db.execute(
            "SELECT 1 FROM feed_items WHERE guid = ? OR link = ? LIMIT 1", (guid, link)
        ).fetchone()
        return row is not None

    def feed_body_seen(self, sha256: str) -> bool:
        """Whether a fetched body with this SHA-256 was taken before."""
        row = self._db.execute(
            "SELECT 1 FROM feed_items WHERE body_sha256 = ? LIMIT 1", (sha256,)
        ).fetchone()
        return row is not None

    def mark_feed_item(self, *, feed: str, guid: str, link: str, body_sha256: str | None) -> None:
        """Remember a feed item as taken (stored, already stored, or a body seen before)."""
        self._db.execute(
            "INSERT OR REPLACE INTO feed_items VALUES (?, ?, ?, ?, ?)",
            (feed, guid, link, body_sha256, _now()),
        )

    @_reading
    def applied_migrations(self) -> list[str]:
        return [
            row[0] for row in self._db.execute("SELECT name FROM schema_migrations ORDER BY name")
        ]

    # -- writing -----------------------------------------------------------------
    @_reading
    def has(self, sha256: str, *, stages: Sequence[str] = ()) -> bool:
        """Is the article stored, with at least ``stages`` run on it?"""
        row = self._db.execute(
            "SELECT stages, model FROM articles WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return row is not None and covers(row[0], row[1], stages)

    def add(
        self, article: Article, *, model: str | None = None, stages: Sequence[str] = ()
    ) -> bool:
        """Store one article and its rows in one transaction; False if already there.

        ``stages`` are the stages that ran on it.  An article stored earlier
        with fewer stages is replaced (with all its rows) by this fuller one.
        """
        record = article.to_dict()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            stored = self._db.execute(
                "SELECT stages, model FROM articles WHERE sha256 = ?", (article.sha256,)
            ).fetchone()
            if stored is not None:
                if covers(stored[0], stored[1], stages):
                    self._db.execute("ROLLBACK")
                    return False
                # completing an article stored with fewer stages; its rows cascade
                self._db.execute("DELETE FROM articles WHERE sha256 = ?", (article.sha256,))
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO articles (sha256, id, source, source_kind, title, published,"
                " publisher, first_published_in, url, genre, language, text, model, record,"
                " ingested_at, stages) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.sha256,
                    article.id,
                    article.source,
                    article.source_kind,
                    article.title,
                    record["published"],
                    article.publisher,
                    article.first_published_in,
                    article.url,
                    article.genre,
                    article.language,
                    article.text,
                    model,
                    json.dumps(record, ensure_ascii=False),
                    _now(),
                    ",".join(stages) if stages else None,
                ),
            )
            if cursor.rowcount == 0:
                self._db.execute("ROLLBACK")
                return False
            self._db.executemany(
                "INSERT INTO authors VALUES (?,?,?,?)",
                [(article.sha256, i, a.name, a.role) for i, a in enumerate(article.authors)],
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO entities VALUES (?,?,?,?,?)",
                [(article.sha256, e.start, e.end, e.label, e.text) for e in article.entities],
            )
            self._add_analysis(article)
            self._db.execute("COMMIT")
        except BaseException as error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                message = f"cannot store {article.source} in {self.path}: {error}"
                raise StoreError(message) from error
            raise
        return True

    def _add_analysis(self, article: Article) -> None:
        """The rows of the actors, places and dates stages (inside :meth:`add`'s transaction)."""
        key = article.sha256
        self._db.executemany(
            "INSERT INTO actors (article_sha256, actor_id, name, country, sector, code, record,"
            " kind, office, inferred) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    key,
                    actor.id,
                    actor.name,
                    actor.country,
                    actor.sector,
                    actor.code,
                    json.dumps(actor.to_dict(), ensure_ascii=False),
                    actor.kind,
                    actor.office,
                    int(actor.inferred),
                )
                for actor in article.actors
            ],
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO mentions (article_sha256, actor_id, start, end, how)"
            " VALUES (?,?,?,?,?)",
            [
                (key, actor.id, start, end, how)
                for actor in article.actors
                for (start, end), how in zip(
                    actor.mentions,
                    actor.mention_how or ("",) * len(actor.mentions),
                    strict=True,
                )
            ],
        )
        self._db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    key,
                    place.id,
                    place.name,
                    place.kind,
                    place.country,
                    place.lat,
                    place.lon,
                    json.dumps(place.to_dict(), ensure_ascii=False),
                )
                for place in article.places
            ],
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO place_mentions VALUES (?,?,?,?,?)",
            [
                (key, place.id, start, end, role)
                for place in article.places
                for (start, end), role in zip(place.mentions, place.roles, strict=True)
            ],
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO dates VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    key,
                    d.start,
                    d.end,
                    d.text,
                    d.date.isoformat(),
                    d.end_date.isoformat(),
                    d.period,
                    int(d.relative),
                    d.rule,
                )
                for d in article.dates
            ],
        )

        # an actor an event names that the article does not list ("a visit to Oslo" →
        # country:NOR) joins the directory first: the country totals read it (0013)
        listed = {actor.id for actor in article.actors}
        sides = {
            side.actor_id: side
            for e in article.events
            for side in (e.source, e.target)
            if side is not None and side.actor_id not in listed
        }
        self._db.executemany(
            "INSERT OR IGNORE INTO actor_directory (actor_id, name, kind, country, sector, code)"
            " VALUES (?,?,?,?,?,?)",
            [
                (
                    actor_id,
                    side.name or actor_id,
                    DIRECTORY_KINDS.get(actor_id.split(":", 1)[0]),
                    side.country,
                    side.sector,
                    side.code,
                )
                for actor_id, side in sides.items()
            ],
        )
        self._db.executemany(
            "INSERT INTO events (article_sha256, event_id, source_actor_id, target_actor_id,"
            " cameo, modality, span_start, span_end, record, cameo_root, goldstein, quad_class,"
            " plover_type, source_code, source_country, target_code, target_country, event_date,"
            " attributed_to_author) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    key,
                    e.id,
                    e.source_actor_id,
                    e.target_actor_id,
                    e.cameo,
                    e.modality,
                    e.span[0],
                    e.span[1],
                    json.dumps(e.to_dict(), ensure_ascii=False),
                    e.cameo_root,
                    e.goldstein,
                    e.quad_class,
                    e.plover.type if e.plover else None,
                    e.source.code if e.source else None,
                    e.source.country if e.source else None,
                    e.target.code if e.target else None,
                    e.target.country if e.target else None,
                    e.date.isoformat() if e.date else None,
                    int(e.attributed_to_author),
                )
                for e in article.events
            ],
        )

        self._db.executemany(
            "INSERT OR IGNORE INTO quotes (article_sha256, quote_id, speaker_actor_id, direct,"
            " record) VALUES (?,?,?,?,?)",
            [
                (
                    key,
                    q.id,
                    q.speaker_actor_id,
                    int(q.direct),
                    json.dumps(q.to_dict(), ensure_ascii=False),
                )
                for q in article.quotes
            ],
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO stances (article_sha256, actor_id, target_actor_id, period,"
            " score, record) VALUES (?,?,?,?,?,?)",
            [
                (
                    key,
                    st.actor_id,
                    st.target_id,
                    st.period,
                    st.score,
                    json.dumps(st.to_dict(), ensure_ascii=False),
                )
                for st in article.stances
            ],
        )

    # -- reading -----------------------------------------------------------------
    @_reading
    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, Any]]:
        """Stored quotations, in the order they were stored (oldest article first).

        ``speaker`` and ``about`` are actor keys (an id, a name, a code or a
        country, see :mod:`eventwatch.actor_match`): the quote's speaker, and an
        actor with a mention inside one of its content spans.  Everything is
        decided in SQL (:func:`eventwatch.filters.quote_where`); only the rows
        returned are decoded.  :meth:`count_quotes` counts the same rows.
        """
        flt = QuoteFilter(speaker=speaker, about=about)
        where = quote_where(self._db, flt)
        if limit is not None:
            total = quote_total(self._db, flt, where)
            if walks(self._db, table="quotes", total=total, window=offset + limit):
                where = quote_where(self._db, flt, probe=True)  # most match: walk in order
        rows = self._db.execute(
            "SELECT q.record, a.id AS article, a.published FROM quotes q"
            f" JOIN articles a ON a.sha256 = q.article_sha256{where.clause}"
            " ORDER BY q.rowid LIMIT ? OFFSET ?",
            [*where.params, sql_limit(limit), sql_limit(offset)],
        )
        for row in rows:
            quote = Quote.from_dict(json.loads(row["record"]))
            yield _quote_row(row["article"], row["published"], quote)

    @_reading
    def count_quotes(self, *, speaker: str | None = None, about: str | None = None) -> int:
        """How many quotations :meth:`quotes` gives without a limit."""
        flt = QuoteFilter(speaker=speaker, about=about)
        return quote_total(self._db, flt, quote_where(self._db, flt))

    @_reading
    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        code: str | None = None,
        since: str | None = None,
        until: str | None = None,
        modality: str | None = None,
        include_authored: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, Any]]:
        """Stored events, oldest first (then in the order they were stored).

        ``source`` / ``target`` are actor keys (an id, a name, a code or a
        country, see :mod:`eventwatch.actor_match`); ``code`` is a CAMEO prefix
        (``03``, ``036``); ``since`` / ``until`` bound the event date
        (YYYY-MM-DD).  Events marked as the author's judgement are left out
        unless asked for.  The filter is the web app's
        (:func:`eventwatch.filters.event_where`), decided in SQL; only the rows
        returned are decoded.  :meth:`count_events` counts the same rows.
        """
        flt = _event_filter(source, target, code, since, until, modality, include_authored)
        where = event_where(self._db, flt)
        shown = "e"  # a short page of many matches walks the date index instead of sorting
        if limit is not None and not include_authored:
            total = self._count(where)
            if walks(self._db, table="events", total=total, window=offset + limit):
                shown = "e INDEXED BY events_shown"
        sql = (
            "SELECT e.event_id, a.id AS article, e.event_date AS date, e.source_code,"
            " e.cameo, e.target_code, e.modality, e.plover_type, e.goldstein, e.quad_class,"
            " e.attributed_to_author, substr(a.text, e.span_start + 1, e.span_end - e.span_start)"
            " AS text, substr(a.text, json_extract(e.record, '$.sentence[0]') + 1,"
            " json_extract(e.record, '$.sentence[1]') - json_extract(e.record, '$.sentence[0]'))"
            f" AS sentence, e.record FROM events {shown}"
            f" JOIN articles a ON a.sha256 = e.article_sha256{where.clause}"
            " ORDER BY e.event_date, e.rowid LIMIT ? OFFSET ?"
        )
        for row in self._db.execute(sql, [*where.params, sql_limit(limit), sql_limit(offset)]):
            item = dict(row)
            item["record"] = json.loads(item["record"])
            yield item

    @_reading
    def count_events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        code: str | None = None,
        since: str | None = None,
        until: str | None = None,
        modality: str | None = None,
        include_authored: bool = False,
    ) -> int:
        """How many events :meth:`events` gives without a limit."""
        flt = _event_filter(source, target, code, since, until, modality, include_authored)
        return self._count(event_where(self._db, flt))

    def _count(self, where: Where) -> int:
        row = self._db.execute(f"SELECT count(*) FROM events e{where.clause}", where.params)
        return int(row.fetchone()[0])

    @_reading
    def actors(
        self, *, country: str | None = None, sector: str | None = None, limit: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Actors across the store with how many articles and mentions each has.

        Read from the actor directory (migration 0005), which triggers keep
        current as articles are stored, so no per-article row is read.
        """
        sql = (
            "SELECT a.actor_id, a.name, a.country, a.sector, a.code, a.kind, a.articles,"
            " a.mentions, a.inferred FROM actor_directory a"
        )
        where: list[str] = []
        params: list[Any] = []
        if country:
            where.append("a.country = ?")
            params.append(country.upper())
        if sector:
            where.append("a.sector = ?")
            params.append(sector.upper())
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.mentions DESC, a.articles DESC, a.actor_id LIMIT ?"
        params.append(sql_limit(limit))
        for row in self._db.execute(sql, params):
            yield dict(row)

    @_reading
    def actor_mentions(self, name: str, *, context: int = 60) -> Iterator[dict[str, Any]]:
        """Every mention of the actors ``name`` answers to, an actor key as in every other
        read (an id, a name, a code or a country, :func:`eventwatch.actor_match.match_actor`),
        with its article, span, surrounding text and how it was resolved."""
        ids = list(match_actor(self._db, name).actor_ids)
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        sql = (
            "SELECT m.actor_id, ac.name, ac.code, a.id AS article, a.title, a.published,"
            " m.start, m.end, m.how,"
            " substr(a.text, max(1, m.start + 1 - ?), m.end - m.start + 2 * ?) AS context,"
            " substr(a.text, m.start + 1, m.end - m.start) AS text"
            " FROM mentions m JOIN articles a ON a.sha256 = m.article_sha256"
            " JOIN actors ac ON ac.article_sha256 = m.article_sha256 AND ac.actor_id = m.actor_id"
            f" WHERE m.actor_id IN ({marks})"
            " ORDER BY a.published, a.id, m.start"
        )
        for row in self._db.execute(sql, [context, context, *ids]):
            item = dict(row)
            item["context"] = " ".join(str(item["context"]).split())
            yield item

    @_reading
    def get(self, key: str) -> Article | None:
        """An article by its id, its sha256, or a unique sha256 prefix (≥ 6 chars)."""
        rows = self._db.execute(
            "SELECT record FROM articles WHERE id = ? OR sha256 = ? ORDER BY ingested_at LIMIT 2",
            (key, key),
        ).fetchall()
        prefix = key.lower()
        if not rows and 6 <= len(prefix) <= 64 and all(c in "0123456789abcdef" for c in prefix):
            rows = self._db.execute(
                "SELECT record FROM articles WHERE sha256 LIKE ? ESCAPE '\\' LIMIT 2",
                (_like_prefix(prefix),),
            ).fetchall()
        if not rows:
            return None
        return Article.from_dict(json.loads(rows[0]["record"]))

    @_reading
    def record(self, key: str) -> dict[str, Any] | None:
        """The stored public JSON record of an article (see :meth:`get` for keys)."""
        article = self.get(key)
        if article is None:
            return None
        row = self._db.execute(
            "SELECT record FROM articles WHERE sha256 = ?", (article.sha256,)
        ).fetchone()
        return dict(json.loads(row["record"]))

    @_reading
    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, in the order they were stored."""
        for row in self._db.execute("SELECT record FROM articles ORDER BY rowid"):
            yield Article.from_dict(json.loads(row["record"]))

    @_reading
    def articles(
        self, *, limit: int | None = None, offset: int = 0, genre: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Article summaries (no body), newest first by published date."""
        sql = (
            "SELECT a.sha256, a.id, a.title, a.published, a.publisher, a.genre, a.language,"
            " a.source, length(a.text) AS chars,"
            " (SELECT group_concat(name, '; ') FROM authors WHERE article_sha256 = a.sha256)"
            " AS authors FROM articles a"
        )
        params: list[Any] = []
        if genre:
            sql += " WHERE a.genre = ?"
            params.append(genre)
        sql += " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?"
        params += [sql_limit(limit), sql_limit(offset)]
        for row in self._db.execute(sql, params):
            yield dict(row)

    def _has_table(self, name: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    @_reading
    def count_articles(self, *, genre: str | None = None) -> int:
        """How many articles :meth:`articles` gives without a limit."""
        if genre:
            row = self._db.execute("SELECT count(*) FROM articles WHERE genre = ?", (genre,))
        else:
            row = self._db.execute("SELECT count(*) FROM articles")
        return int(row.fetchone()[0])

    @_reading
    def stats(self) -> StoreStats:
        def count(sql: str) -> int:
            return int(self._db.execute(sql).fetchone()[0])

        def grouped(column: str) -> dict[str, int]:
            rows = self._db.execute(
                f"SELECT coalesce({column}, 'unknown'), count(*) FROM articles"
                f" GROUP BY 1 ORDER BY 2 DESC"
            )
            return {str(key): int(n) for key, n in rows}

        def total(table: str) -> int:
            """The running total of migration 0009, else a count (an older store
            opened read-only)."""
            if kept:
                return int(kept[table])
            return count(f"SELECT count(*) FROM {table}")  # fixed table names, no user input

        kept: dict[str, int] = {}
        if self._has_table("store_totals"):
            kept = {
                str(name): int(rows)
                for name, rows in self._db.execute("SELECT name, rows FROM store_totals")
            }
        first, last = self._db.execute(
            "SELECT min(published), max(published) FROM articles"
        ).fetchone()
        actors = (
            "SELECT count(*) FROM actor_directory WHERE articles > 0"
            if self._has_table("actor_directory")
            else "SELECT count(DISTINCT actor_id) FROM actors"
        )
        return StoreStats(
            articles=count("SELECT count(*) FROM articles"),
            stories=count("SELECT count(DISTINCT story_id) FROM story_articles"),
            events=total("consolidated_events"),
            mentions=total("events"),
            quotes=total("quotes"),
            actors=count(actors),
            authors=count("SELECT count(DISTINCT name) FROM authors"),
            entities=total("entities"),
            by_genre=grouped("genre"),
            by_language=grouped("language"),
            by_source_kind=grouped("source_kind"),
            first_published=first,
            last_published=last,
            migrations=self.applied_migrations(),
        )


class KnownHashes:
    """A picklable ``sha256 -> bool``: is this article already in the store,
    with every stage of ``stages`` run on it?

    Each process opens its own read-only connection on first use, so worker
    processes can skip stored articles before parsing while the main process
    stays the only writer.  An article stored with fewer stages is not known:
    the run analyses it again and :meth:`Store.add` completes it.
    """

    def __init__(self, path: str | Path, *, stages: Sequence[str] = ()) -> None:
        self.path = str(path)
        self.stages = tuple(stages)
        self._db: sqlite3.Connection | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "stages": self.stages}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self.stages = tuple(state.get("stages", ()))
        self._db = None

    def __call__(self, sha256: str) -> bool:
        try:
            if self._db is None:
                uri = "file:" + quote(str(Path(self.path).resolve())) + "?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, timeout=30)
            row = self._db.execute(
                "SELECT stages, model FROM articles WHERE sha256 = ?", (sha256,)
            ).fetchone()
        except sqlite3.Error as error:
            raise _store_error(Path(self.path), "read", error) from error
        return row is not None and covers(row[0], row[1], self.stages)


_LOCK_WAIT_S = 30.0


def _while_locked(step: Callable[[], object]) -> None:
    """Run ``step``, again while SQLite answers "database is locked" without waiting
    (switching to WAL, or a first open racing another process's), up to 30 s."""
    deadline = time.monotonic() + _LOCK_WAIT_S
    pause = 0.01
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _open_ro(uri: str) -> tuple[sqlite3.Connection, set[str]]:
    """A read-only connection and which of the tables of a store the file has."""
    # the web app reads one connection from its worker threads, one request at a time
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30, check_same_thread=False)
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA query_only=ON")
        found = {
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)",
                _STORE_TABLES,
            )
        }
    except BaseException:
        db.close()
        raise
    return db, found


def covers(stored: str | None, model: str | None, stages: Sequence[str]) -> bool:
    """Did the stages recorded for a stored article include every one of ``stages``?

    Articles stored before stages were recorded (``stored`` is NULL) count as
    complete when they were parsed (a model is recorded) and as ingest-only
    when not.
    """
    if stored is None:
        done = {"ingest"} if model is None else set(stages)
    else:
        done = set(stored.split(","))
    return set(stages) <= done


def open_store(path: str | Path, *, read_only: bool = False) -> Store:
    """Open the store at ``path``: for writing (creating and migrating it if
    needed), or with ``read_only=True`` for reading only (never written)."""
    return Store(path, read_only=read_only)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements (no semicolons inside our SQL literals).

    A part is joined to the next until SQLite calls it complete, so a trigger's
    ``BEGIN … END`` body stays one statement.
    """
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    statements: list[str] = []
    pending = ""
    for part in "\n".join(lines).split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                statements.append(pending.strip().removesuffix(";").strip())
            pending = ""
    if pending.strip(" \n\t;"):
        statements.append(pending.strip().removesuffix(";").strip())
    return statements


def _quote_row(article: str, published: str | None, quote: Any) -> dict[str, Any]:
    return {
        "article": article,
        "published": published,
        "speaker": quote.speaker.name if quote.speaker else None,
        "speaker_code": quote.speaker.code if quote.speaker else None,
        "cue": quote.cue,
        "direct": quote.direct,
        "location": quote.location.name if quote.location else None,
        "date": quote.date.isoformat() if quote.date else None,
        "content": quote.content,
        "record": quote.to_dict(),
    }


def _event_filter(
    source: str | None,
    target: str | None,
    code: str | None,
    since: str | None,
    until: str | None,
    modality: str | None,
    include_authored: bool,
) -> EventFilter:
    """The store readers' arguments as the shared :class:`~eventwatch.filters.EventFilter`."""
    return EventFilter(
        source=source.strip() if source and source.strip() else None,
        target=target.strip() if target and target.strip() else None,
        code=code or None,
        modality=modality or None,
        since=date.fromisoformat(since) if since else None,
        until=date.fromisoformat(until) if until else None,
        include_authored=include_authored,
    )
