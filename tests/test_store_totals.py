"""The running totals and the actor tokens of migration 0010 give what the obvious
paths give, over a real store built from the seed and the samples.

Stance paths, comparisons and their evidence are checked against
:mod:`eventwatch.stance` over whole stored articles; profiles against the events
grouped in Python; words said by an actor against the same filter with the
actor tokens switched off; the totals kept by triggers against the totals worked
out again from the rows, after an article goes and comes back.
"""

from __future__ import annotations

import datetime
import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from eventwatch import filters, queries, stance
from eventwatch.actor_match import country_key, match_actor, matches
from eventwatch.records import Article
from eventwatch.store import open_store
from eventwatch.store.sqlite import _statements, migrations

from .conftest import copy_store

pytestmark = [pytest.mark.slow, pytest.mark.shared]

TOTALS = (
    "stance_totals",
    "stance_country_totals",
    "actor_day_totals",
    "quote_country_totals",
    "claim_actor_totals",
    "claim_country_totals",
)
#: The migrations that fill them (on an older store, from its rows); 0012 keys the text
#: index of 0010 by the events' positions; 0013 adds the actors only events name.
FILLING = (
    "0010_stance_totals",
    "0011_claim_totals",
    "0012_event_order",
    "0013_event_actor_directory",
)


@pytest.fixture(scope="module")
def articles(web_articles: list[Article]) -> list[Article]:
    return web_articles


@pytest.mark.parametrize(
    "keys,target",
    [
        (["John Kerry", "Fumio Kishida"], "PRK"),
        (["USA"], "PRK"),
        (["John Kerry"], "North Korea"),
        (["USAGOV", "JPN"], "PRK"),
        (["PRK"], "USA"),
    ],
)
@pytest.mark.parametrize("period", ["week", "month", "quarter", "year"])
@pytest.mark.parametrize("include_authored", [False, True])
def test_stance_from_the_totals_is_the_whole_article_path(
    web_store: Path,
    articles: list[Article],
    keys: list[str],
    target: str,
    period: str,
    include_authored: bool,
) -> None:
    with queries.open_reader(web_store) as reader:
        found = queries.compare(
            reader,
            actors=keys,
            target=target,
            period=period,  # type: ignore[arg-type]
            include_authored=include_authored,
            evidence=2,
        )
    expected = stance.compare(
        articles,
        actors=keys,
        target=target,
        period=period,  # type: ignore[arg-type]
        include_authored=include_authored,
    )
    assert found.rows() == expected
    if target == "PRK" and keys[0] in ("John Kerry", "USA"):
        assert found.points  # the seed's own question has a path: a real check
    for point in found.points:
        path = stance.stance_path(
            articles,
            actor=point.actor,
            target=target,
            period=period,  # type: ignore[arg-type]
            include_authored=include_authored,
        )
        (same,) = [item for item in path if item.period == point.period]
        assert point.evidence == stance.evidence(articles, same)[:2]


def test_a_country_target_reads_its_own_totals(web_store: Path) -> None:
    with queries.open_reader(web_store) as reader:
        usa = match_actor(reader.db, "USA")
        kerry = match_actor(reader.db, "John Kerry")
        assert country_key(reader.db, usa) == "USA"
        assert country_key(reader.db, kerry) is None
        for source in (usa, kerry):
            sides = queries._sides(reader, source=source, target=usa, authored=False)
            assert sides.table == "stance_country_totals"


def _profile(articles: list[Article], actor_id: str, side: str, period: str) -> list[str]:
    held: dict[tuple[datetime.date, str, int | None], list[float]] = defaultdict(lambda: [0, 0.0])
    for article in articles:
        for event in article.events:
            if event.attributed_to_author or event.date is None:
                continue
            if getattr(event, f"{side}_actor_id") != actor_id:
                continue
            start, label = stance.period_of(event.date, period)  # type: ignore[arg-type]
            held[(start, label, event.quad_class)][0] += 1
            held[(start, label, event.quad_class)][1] += event.goldstein
    return [
        f"{label} {quad} {int(n)} {stance.mean_score(total, n)}"
        for (_, label, quad), (n, total) in sorted(held.items(), key=lambda i: (i[0][0], i[0][2]))
    ]


@pytest.mark.parametrize("actor_id", ["person:john-kerry", "country:PRK", "country:USA"])
@pytest.mark.parametrize("period", ["week", "month", "year"])
def test_a_profile_from_the_totals_counts_the_events(
    web_store: Path, articles: list[Article], actor_id: str, period: str
) -> None:
    with queries.open_reader(web_store) as reader:
        profile = queries.actor_profile(reader, actor_id=actor_id, period=period)  # type: ignore[arg-type]
    assert profile is not None
    for side, counts in (("source", profile.as_source), ("target", profile.as_target)):
        listed = [f"{c.period} {c.quad_class} {c.events} {c.goldstein}" for c in counts]
        assert listed == _profile(articles, actor_id, side, period)
    assert profile.as_source or profile.as_target


@pytest.mark.parametrize(
    "keys",
    [
        {"source": "John Kerry", "text": "said"},
        {"target": "PRK", "text": "talks"},
        {"source": "USA", "target": "PRK", "text": "said"},
        {"source": "John Kerry", "target": "North Korea", "text": "said"},
        {"source": "John Kerry", "text": "said", "code": "01"},
        {"source": "John Kerry", "text": "said", "include_authored": True},
        {"text": "said"},
        {"source": "Nobody Atall", "text": "said"},
    ],
)
def test_words_by_an_actor_found_in_the_index_are_those_found_per_event(
    web_store: Path, keys: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    flt = queries.parse_event_filter(**keys)

    def listed() -> tuple[int, list[str], list[str]]:
        with queries.open_reader(web_store) as reader:
            every = queries.events(reader, flt=flt, limit=1000)
            later = queries.events(reader, flt=flt, limit=2, offset=1)
        return (
            every.total,
            [row.event_id for row in every.items],
            [row.event_id for row in later.items],
        )

    with_tokens = listed()
    monkeypatch.setattr(filters, "WORDED_IDS", 0)  # every actor checked per event
    assert with_tokens == listed()
    if keys == {"source": "John Kerry", "text": "said"}:
        assert with_tokens[0] > 0  # Kerry says things in the seed: not an empty check


@pytest.mark.parametrize(
    "keys,in_index,at_least",
    [
        ({"source": "John Kerry", "text": "said"}, True, 1),
        ({"text": "said"}, True, 5),
        ({"text": "and"}, True, 10),
        ({"text": "said", "include_authored": True}, True, 5),
        ({"source": "JPN", "text": "said"}, True, 0),  # a country of few actor ids
        ({"source": "John Kerry", "target": "PRK", "text": "korea"}, True, 0),
        # dates: a range of the index's rowids (the events' positions)
        ({"text": "and", "since": "2024-03-02"}, True, 5),
        ({"text": "to", "until": "2023-11-20"}, True, 4),
        ({"text": "to", "since": "2013-04-16", "until": "2013-04-16"}, True, 2),
        ({"text": "korea", "since": "2013-03-01", "until": "2013-04-16"}, True, 5),
        ({"source": "John Kerry", "text": "pyongyang", "since": "2013-04-17"}, True, 0),
        ({"text": "said", "since": "2024-05-03", "until": "2030-01-01"}, True, 1),
        ({"text": "and", "code": "01"}, False, 0),  # a code: checked per event
        ({"text": "korea", "modality": "asserted", "since": "2013-03-02"}, False, 1),
        ({"source": "Nobody Atall", "text": "said"}, False, 0),  # no actor: nothing found
    ],
)
def test_a_page_of_words_read_from_the_text_index_is_the_page_sorted_by_date(
    web_store: Path, keys: dict[str, Any], in_index: bool, at_least: int
) -> None:
    """Every window of the events a words filter keeps, as the text index walks them in
    order (migration 0012), is that window of all of them sorted by date and rowid."""
    flt = queries.parse_event_filter(**keys)
    with queries.open_reader(web_store) as reader:
        where = filters.event_where(reader.db, flt)
        every = [
            row[0]
            for row in reader.db.execute(
                f"SELECT e.event_id FROM events e{where.clause} ORDER BY e.event_date, e.rowid",
                where.params,
            )
        ]
        assert where.words_only == in_index
        windows = [(50, 0), (3, 0), (3, 2), (7, 10), (5, max(0, len(every) - 2)), (5, 10**6)]
        for limit, offset in windows:
            page = queries.events(reader, flt=flt, limit=limit, offset=offset)
            assert page.total == len(every)
            assert [row.event_id for row in page.items] == every[offset : offset + limit]
        if "since" in keys or "until" in keys:  # the dates keep some of the words' events
            undated = {
                name: value for name, value in keys.items() if name not in ("since", "until")
            }
            unbounded = queries.events(reader, flt=queries.parse_event_filter(**undated), limit=0)
            assert unbounded.total > len(every)
    assert len(every) >= at_least  # the seed's events hold these words: real checks


def _recomputed(db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every totals table of migrations 0010 and 0011 worked out again from the rows,
    as the migrations do on an older store (their own INSERT … SELECT statements)."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    for table in TOTALS:
        fills: list[str] = []
        for name in reversed(FILLING):  # the latest migration that fills the table
            fills = [
                statement.split("\n", 1)[1]  # "INSERT INTO <table>\n SELECT …" → "SELECT …"
                for statement in _statements(dict(migrations())[name])
                if statement.startswith(f"INSERT INTO {table}\n")
            ]
            if fills:
                break
        assert fills, table
        found[table] = sorted(row for fill in fills for row in db.execute(fill))
    found["event_words"] = sorted(
        db.execute(
            "SELECT e.article_sha256, e.event_id, substr(a.text, e.span_start + 1,"
            " e.span_end - e.span_start) FROM events e"
            " JOIN articles a ON a.sha256 = e.article_sha256"
        )
    )
    return found


def _kept(db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    found: dict[str, list[tuple[Any, ...]]] = {}
    for table in TOTALS:  # names from the list above, never input
        key = "quotes" if table == "quote_country_totals" else "events"
        found[table] = sorted(db.execute(f"SELECT * FROM {table} WHERE {key} > 0"))
    found["event_words"] = sorted(
        db.execute(
            "SELECT o.article_sha256, o.event_id, w.text FROM event_words w"
            " JOIN event_order o ON o.position = w.rowid"
        )
    )
    return found


def _in_order(db: sqlite3.Connection) -> None:
    """Every event has one position (and one row in the text index), and positions
    order the events as pages list them: by date, undated first, then by rowid."""
    listed = db.execute(
        "SELECT article_sha256, event_id FROM events ORDER BY event_date, rowid"
    ).fetchall()
    assert listed
    assert (
        db.execute("SELECT article_sha256, event_id FROM event_order ORDER BY position").fetchall()
        == listed
    )
    assert db.execute(
        "SELECT count(*), count(DISTINCT w.rowid) FROM event_words w"
        " JOIN event_order o ON o.position = w.rowid"
    ).fetchone() == (len(listed), len(listed))
    assert db.execute("SELECT count(*) FROM event_words").fetchone()[0] == len(listed)


def _equal(kept: dict[str, list[tuple[Any, ...]]], rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """The same rows: counts exactly, Goldstein sums (the last column of the stance
    and profile totals) to the float noise of the order they were summed in."""
    assert kept.keys() == rows.keys()
    for table, expected in rows.items():
        if table in ("quote_country_totals", "event_words"):
            assert kept[table] == expected, table
        else:
            assert [row[:-1] for row in kept[table]] == [row[:-1] for row in expected], table
            assert [row[-1] for row in kept[table]] == pytest.approx([row[-1] for row in expected])


def _same(db_path: Path) -> None:
    with sqlite3.connect(db_path) as db:
        _equal(_kept(db), _recomputed(db))
        _in_order(db)


def test_the_totals_follow_articles_in_and_out(web_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy_store(web_store, copy)
    _same(copy)
    with sqlite3.connect(copy) as db:
        assert all(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TOTALS)
    with open_store(copy) as store:
        article = store.get("000_c91db61947cea963")
    assert article is not None and article.events and article.quotes
    with sqlite3.connect(copy) as con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("DELETE FROM articles WHERE sha256 = ?", (article.sha256,))
        assert not con.execute(
            "SELECT count(*) FROM event_order WHERE article_sha256 = ?", (article.sha256,)
        ).fetchone()[0]
    _same(copy)
    with open_store(copy) as store:
        assert store.add(article)
    _same(copy)
    # the last stored events go and VACUUM may renumber the rest: later events still
    # take their places after them within a day (their sequence goes on growing)
    with sqlite3.connect(copy) as con:
        con.execute("PRAGMA foreign_keys = ON")
        last = con.execute(
            "SELECT article_sha256 FROM events ORDER BY rowid DESC LIMIT 1"
        ).fetchone()[0]
        gone = con.execute("SELECT id FROM articles WHERE sha256 = ?", (last,)).fetchone()[0]
        con.execute("DELETE FROM articles WHERE sha256 = ?", (last,))
        con.commit()
        con.execute("VACUUM")
    _same(copy)
    with open_store(web_store) as store:
        back = store.get(gone)
    assert back is not None and back.events
    with open_store(copy) as store:
        assert store.add(back)
    _same(copy)


def test_an_actor_only_an_event_names_counts_toward_its_country(
    web_store: Path, tmp_path: Path
) -> None:
    """An event may name an actor its article does not list ("a visit to Thimphu" →
    country:BTN): the directory gains it with the event, so the country totals count
    the event from the start, as the per-actor path does (migration 0013)."""
    from dataclasses import replace

    from eventwatch.records import EventActor

    copy = tmp_path / "copy.db"
    copy_store(web_store, copy)
    with open_store(copy) as store:
        article = store.get("000_c91db61947cea963")
    assert article is not None
    bhutan = EventActor(
        actor_id="country:BTN", name="Bhutan", country="BTN", sector=None, code="BTN"
    )
    assert all(actor.id != bhutan.actor_id for actor in article.actors)
    index, event = next(
        (i, e) for i, e in enumerate(article.events) if e.source and not e.attributed_to_author
    )
    events = list(article.events)
    events[index] = replace(event, target=bhutan)
    changed = replace(article, events=tuple(events))
    with sqlite3.connect(copy) as con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("DELETE FROM articles WHERE sha256 = ?", (article.sha256,))
        listed = con.execute(
            "SELECT count(*) FROM actor_directory WHERE actor_id = 'country:BTN'"
        ).fetchone()[0]
    assert not listed, "the seed and samples must not list Bhutan for this test to mean much"
    with open_store(copy) as store:
        assert store.add(changed)
    with sqlite3.connect(copy) as db:
        assert db.execute(
            "SELECT kind, country, code FROM actor_directory WHERE actor_id = 'country:BTN'"
        ).fetchone() == ("country", "BTN", "BTN")
        assert db.execute(
            "SELECT sum(events) FROM stance_country_totals WHERE country = 'BTN'"
            " AND source_actor_id = ?",
            (event.source.actor_id,),
        ).fetchone()[0]
    _same(copy)


def test_an_older_store_gains_the_totals_its_triggers_would_keep(
    web_store: Path, tmp_path: Path
) -> None:
    """Migrations 0010 to 0012 run on a filled store (0005's text index in place) give
    the rows their triggers keep while ingesting, and the events their positions."""
    with sqlite3.connect(web_store) as db:
        filled = _kept(db)
    older = tmp_path / "older.db"
    copy_store(web_store, older)
    with sqlite3.connect(older) as con:
        sql = "\n".join(dict(migrations())[name] for name in FILLING)
        created = re.findall(r"CREATE (?:VIRTUAL )?(TABLE|TRIGGER) (\w+)", sql)
        for kind, name in dict.fromkeys(created):  # 0012 replaces 0010's text index
            con.execute(f"DROP {kind} IF EXISTS {name}")  # names from our own migrations
        for statement in _statements(dict(migrations())["0005_query_indexes"]):
            if "event_text" in statement:  # 0005's text index, as an older store has it
                con.execute(statement)
        con.execute("DELETE FROM schema_migrations WHERE name >= '0010'")
    with pytest.raises(Exception, match="0010"):
        queries.open_reader(older)
    with open_store(older) as store:
        assert set(FILLING) <= set(store.applied_migrations())
    with sqlite3.connect(older) as db:
        again = _kept(db)
        assert not db.execute(
            "SELECT 1 FROM sqlite_master WHERE name IN ('event_text', 'event_words_0010')"
        ).fetchall()
        _in_order(db)
    _equal(again, filled)


def test_quotes_about_a_country_count_from_its_total(
    web_store: Path, articles: list[Article]
) -> None:
    for key in ("JPN", "USA", "PRK"):
        expected = {
            quote.id
            for article in articles
            for quote in article.quotes
            for actor in article.actors
            if matches(actor.as_event_actor(), key)
            for start, _ in actor.mentions
            for s, e in quote.content_spans
            if s <= start < e
        }
        with queries.open_reader(web_store) as reader:
            assert country_key(reader.db, match_actor(reader.db, key)) == key
            assert queries.quotes(reader, about=key).total == len(expected)
    assert expected  # the seed names North Korea in its quotes: a real check
