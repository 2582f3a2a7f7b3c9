"""The store's story and consolidated-event tables (migration 0006).

Plain functions over the store's connection; :class:`eventwatch.store.Store`
exposes them as methods.  :func:`consolidate` is the whole step: signatures
for the articles that lack one, stories, consolidated events and their
mentions, rewritten in one transaction so a reader never sees half of them.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eventwatch.consolidate import (
    DEFAULT_STORY_THRESHOLD,
    ConsolidatedEvent,
    EventRef,
    Story,
    consolidate_events,
    group_stories,
    outlet_of,
    signature,
)

__all__ = ["ConsolidationReport", "MentionCounts", "consolidate", "mention_counts", "stories"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsolidationReport:
    """What one consolidation pass found."""

    articles: int
    stories: int
    events: int
    mentions: int


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionCounts:
    """A stored event mention's place in its consolidated event (for exports)."""

    global_id: str
    position: int  # 0: the mention the event is exported from
    story_id: str | None
    num_mentions: int
    num_sources: int
    num_articles: int
    first_seen: str | None
    last_seen: str | None


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _signatures(db: sqlite3.Connection) -> list[tuple[str, bytes]]:
    """Every article's MinHash signature in store order, computing the missing ones."""
    missing = db.execute(
        "SELECT a.sha256, a.text FROM articles a"
        " LEFT JOIN article_signatures s ON s.article_sha256 = a.sha256"
        " WHERE s.article_sha256 IS NULL ORDER BY a.rowid"
    ).fetchall()
    if missing:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT OR REPLACE INTO article_signatures VALUES (?, ?)",
                [(row[0], signature(row[1])) for row in missing],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    rows = db.execute(
        "SELECT s.article_sha256, s.signature FROM article_signatures s"
        " JOIN articles a ON a.sha256 = s.article_sha256 ORDER BY a.rowid"
    )
    return [(row[0], bytes(row[1])) for row in rows]


def _refs(db: sqlite3.Connection) -> Iterator[EventRef]:
    rows = db.execute(
        "SELECT e.article_sha256, e.event_id, e.source_actor_id, e.target_actor_id, e.cameo,"
        " e.modality, e.attributed_to_author, e.event_date, a.published, a.publisher, a.url,"
        " a.source FROM events e JOIN articles a ON a.sha256 = e.article_sha256"
        " ORDER BY a.rowid, e.span_start, e.event_id"
    )
    for row in rows:
        published = _day(row[8])
        yield EventRef(
            article_sha256=row[0],
            event_id=row[1],
            source_key=row[2] or "",
            target_key=row[3] or "",
            cameo=row[4],
            modality=row[5],
            attributed_to_author=bool(row[6]),
            date=_day(row[7]) or published,
            published=published,
            outlet=outlet_of(publisher=row[9], url=row[10], source=row[11]),
        )


def consolidate(
    db: sqlite3.Connection, *, threshold: float = DEFAULT_STORY_THRESHOLD
) -> ConsolidationReport:
    """Rebuild stories, consolidated events and mentions from the stored articles."""
    found: list[Story] = group_stories(_signatures(db), threshold=threshold)
    story_of = {key: story.id for story in found for key in story.article_keys}
    events: list[ConsolidatedEvent] = consolidate_events(_refs(db), story_of=story_of)
    db.execute("BEGIN IMMEDIATE")
    try:
        for table in ("story_articles", "consolidated_events", "event_mentions"):
            db.execute(f"DELETE FROM {table}")  # fixed table names, no user input
        db.executemany(
            "INSERT INTO story_articles (article_sha256, story_id) VALUES (?, ?)",
            list(story_of.items()),
        )
        db.executemany(
            "INSERT INTO consolidated_events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    event.id,
                    event.source_key or None,
                    event.target_key or None,
                    event.cameo,
                    event.modality,
                    int(event.attributed_to_author),
                    event.date.isoformat() if event.date else None,
                    event.num_mentions,
                    event.num_sources,
                    event.num_articles,
                    event.first_seen.isoformat() if event.first_seen else None,
                    event.last_seen.isoformat() if event.last_seen else None,
                )
                for event in events
            ],
        )
        db.executemany(
            "INSERT INTO event_mentions (article_sha256, event_id, global_id, position, story_id,"
            " outlet, published, sentence)"
            " SELECT ?, ?, ?, ?, ?, ?, ?, substr(a.text, json_extract(e.record, '$.sentence[0]')"
            " + 1, json_extract(e.record, '$.sentence[1]') - json_extract(e.record,"
            " '$.sentence[0]')) FROM events e JOIN articles a ON a.sha256 = e.article_sha256"
            " WHERE e.article_sha256 = ? AND e.event_id = ?",
            [
                (
                    mention.article_sha256,
                    mention.event_id,
                    event.id,
                    position,
                    mention.story_id,
                    mention.outlet,
                    mention.published.isoformat() if mention.published else None,
                    mention.article_sha256,
                    mention.event_id,
                )
                for event in events
                for position, mention in enumerate(event.mentions)
            ],
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return ConsolidationReport(
        articles=len(story_of),
        stories=len(found),
        events=len(events),
        mentions=sum(event.num_mentions for event in events),
    )


def mention_counts(db: sqlite3.Connection) -> dict[tuple[str, str], MentionCounts]:
    """``(article sha256, event id) -> MentionCounts`` for every consolidated mention."""
    rows = db.execute(
        "SELECT m.article_sha256, m.event_id, m.global_id, m.position, m.story_id,"
        " c.num_mentions, c.num_sources, c.num_articles, c.first_seen, c.last_seen"
        " FROM event_mentions m JOIN consolidated_events c ON c.global_id = m.global_id"
    )
    return {
        (row[0], row[1]): MentionCounts(
            global_id=row[2],
            position=row[3],
            story_id=row[4],
            num_mentions=row[5],
            num_sources=row[6],
            num_articles=row[7],
            first_seen=row[8],
            last_seen=row[9],
        )
        for row in rows
    }


def stories(db: sqlite3.Connection, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Stories, largest first: id, article count, outlets, first and last published, title."""
    sql = (
        "SELECT s.story_id, count(*) AS articles,"
        " count(DISTINCT coalesce(a.publisher, a.source)) AS outlets,"
        " min(a.published) AS first_published, max(a.published) AS last_published,"
        " (SELECT count(*) FROM event_mentions m WHERE m.story_id = s.story_id) AS mentions,"
        " min(a.title) AS title, group_concat(a.id, ' ') AS article_ids"
        " FROM story_articles s JOIN articles a ON a.sha256 = s.article_sha256"
        " GROUP BY s.story_id ORDER BY articles DESC, first_published, s.story_id LIMIT ?"
    )
    for row in db.execute(sql, (-1 if limit is None else limit,)):
        yield dict(row)
