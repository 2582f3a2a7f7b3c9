"""The faster reads of issue 12 (migrations 0008 and 0009) give what the slow, obvious
path gives, over a real store built from the seed and the samples.

Expected values are worked out from whole stored articles (``Store.iter_articles``)
with the library's own matcher, never written in.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwatch import queries, stance
from eventwatch.actor_match import matches
from eventwatch.cli import main
from eventwatch.records import Article
from eventwatch.store import open_store
from eventwatch.store.sqlite import migrations

from .conftest import copy_store

pytestmark = [pytest.mark.slow, pytest.mark.shared]

KEYS = ["John Kerry", "person:john-kerry", "USA", "PRK", "North Korea", "USAGOV", "Nobody Atall"]


@pytest.fixture(scope="module")
def articles(web_articles: list[Article]) -> list[Article]:
    return web_articles


def _quotes_about(articles: list[Article], key: str) -> list[str]:
    """Quote ids whose content spans hold a mention of an actor answering to ``key``."""
    found = []
    for article in articles:
        starts = [
            start
            for actor in article.actors
            if matches(actor.as_event_actor(), key)
            for start, _ in actor.mentions
        ]
        for quote in article.quotes:
            if any(s <= start < e for start in starts for s, e in quote.content_spans):
                found.append(quote.id)
    return found


@pytest.mark.parametrize("key", KEYS)
def test_quotes_about_an_actor_are_those_naming_it_in_their_content(
    web_store: Path, articles: list[Article], key: str
) -> None:
    expected = _quotes_about(articles, key)
    with queries.open_reader(web_store) as reader:
        page = queries.quotes(reader, about=key, limit=1000)
        assert [row.quote_id for row in page.items] == expected
        assert page.total == len(expected)
        if len(expected) > 2:  # a page further in walks the same order
            later = queries.quotes(reader, about=key, limit=2, offset=1)
            assert [row.quote_id for row in later.items] == expected[1:3]
    with open_store(web_store, read_only=True) as store:
        assert [row["record"]["id"] for row in store.quotes(about=key)] == expected
        assert store.count_quotes(about=key) == len(expected)
    if key == "PRK":
        assert expected  # the seed's quotes name North Korea: the check is not empty


def _events(articles: list[Article], **keys: str) -> list[str]:
    """Ids of the events a filter keeps over whole articles, oldest first, in store order."""
    kept: list[tuple[str, int, str]] = []
    order = 0
    for article in articles:
        for event in article.events:
            order += 1
            if event.attributed_to_author:
                continue
            if "source" in keys and not matches(event.source, keys["source"]):
                continue
            if "target" in keys and not matches(event.target, keys["target"]):
                continue
            if "code" in keys and not event.cameo.startswith(keys["code"]):
                continue
            kept.append((event.date.isoformat() if event.date else "", order, event.id))
    return [event_id for _, _, event_id in sorted(kept)]


@pytest.mark.parametrize(
    "keys",
    [
        {},
        {"source": "John Kerry"},
        {"source": "USA"},
        {"target": "PRK"},
        {"source": "USA", "target": "PRK"},
        {"code": "04"},
        {"code": "036", "source": "USA"},
        {"source": "Nobody Atall"},
    ],
)
def test_store_events_decide_in_sql_as_the_matcher_does(
    web_store: Path, articles: list[Article], keys: dict[str, str]
) -> None:
    expected = _events(articles, **keys)
    with open_store(web_store, read_only=True) as store:
        assert [row["event_id"] for row in store.events(**keys)] == expected
        assert store.count_events(**keys) == len(expected)
        assert [row["event_id"] for row in store.events(**keys, limit=3, offset=1)] == (
            expected[1:4]
        )


@pytest.mark.parametrize(
    "keys,target", [(["John Kerry", "Fumio Kishida"], "PRK"), (["USA"], "PRK")]
)
@pytest.mark.parametrize("period", ["week", "month", "year"])
def test_evidence_read_in_sql_is_what_stance_evidence_lists(
    web_store: Path, articles: list[Article], keys: list[str], target: str, period: str
) -> None:
    with queries.open_reader(web_store) as reader:
        found = queries.compare(
            reader,
            actors=keys,
            target=target,
            period=period,  # type: ignore[arg-type]
            evidence=None,
        )
    assert found.points
    for point in found.points:
        path = stance.stance_path(
            articles,
            actor=point.actor,
            target=target,
            period=period,  # type: ignore[arg-type]
        )
        (same,) = [item for item in path if item.period == point.period]
        assert point.evidence == stance.evidence(articles, same)


@pytest.mark.parametrize("claimant", [None, "John Kerry", "Nobody Atall"])
@pytest.mark.parametrize("window", [None, 3, 365])
@pytest.mark.parametrize("daily", [0.0, 1e9])  # always by day; never (a window each)
def test_claim_verdicts_from_the_index_match_whole_articles(
    web_store: Path,
    articles: list[Article],
    claimant: str | None,
    window: int | None,
    daily: float,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(queries, "_DAILY_FROM", daily)
    with queries.open_reader(web_store) as reader:
        found = queries.check_claims(
            reader, claimant=claimant, window_days=window, with_events=False
        )
    expected = stance.check_claims(articles, claimant=claimant, window_days=window)
    assert found == [{**row, "events": []} for row in expected]
    if claimant is None:
        assert {row["verdict"] for row in expected} - {"no record"}  # a verdict was reached


def _direct_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {
            "mentions": con.execute("SELECT count(*) FROM events").fetchone()[0],
            "quotes": con.execute("SELECT count(*) FROM quotes").fetchone()[0],
            "entities": con.execute("SELECT count(*) FROM entities").fetchone()[0],
            "events": con.execute("SELECT count(*) FROM consolidated_events").fetchone()[0],
            "actors": con.execute("SELECT count(DISTINCT actor_id) FROM actors").fetchone()[0],
        }


def _stats(db: Path) -> dict[str, Any]:
    with open_store(db, read_only=True) as store:
        figures = store.stats().to_dict()
    return {name: figures[name] for name in ("mentions", "quotes", "entities", "events", "actors")}


def test_store_totals_follow_articles_in_and_out(web_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy_store(web_store, copy)
    assert _stats(copy) == _direct_counts(copy)
    with open_store(copy) as store:
        article = store.get("000_c91db61947cea963")
    assert article is not None and article.events and article.quotes
    with sqlite3.connect(copy) as con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("DELETE FROM articles WHERE sha256 = ?", (article.sha256,))
        left = con.execute(
            "SELECT count(*) FROM quote_about WHERE article_sha256 = ?", (article.sha256,)
        ).fetchone()[0]
    assert left == 0  # the article's quotes took their rows with them
    assert _stats(copy) == _direct_counts(copy)
    with open_store(copy) as store:
        assert store.add(article)
        store.consolidate()
    assert _stats(copy) == _direct_counts(copy)


def _about_rows(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as con:
        return sorted(con.execute("SELECT * FROM quote_about").fetchall())


def test_an_older_store_upgrades_to_the_same_rows(web_store: Path, tmp_path: Path) -> None:
    """Migration 0008 run on a filled store gives what its triggers give while ingesting."""
    filled = _about_rows(web_store)
    assert filled
    older = tmp_path / "older.db"
    copy_store(web_store, older)
    with sqlite3.connect(older) as con:
        for name in ("0008_query_speed", "0009_store_totals"):
            sql = dict(migrations())[name]
            for kind, item in re.findall(r"CREATE (TRIGGER|INDEX|TABLE) (\w+)", sql):
                if item != "events_source_actor":  # 0008 replaces 0005's: it must exist
                    con.execute(f"DROP {kind} IF EXISTS {item}")  # names from our migrations
        # 0010 stays applied: it builds on 0005, not on these two
        con.execute(
            "DELETE FROM schema_migrations WHERE name IN ('0008_query_speed', '0009_store_totals')"
        )
    with pytest.raises(Exception, match="0008"):
        queries.open_reader(older)  # the reader never migrates: it names what to run
    with open_store(older) as store:
        assert "0009_store_totals" in store.applied_migrations()
    assert _about_rows(older) == filled
    assert _stats(older) == _direct_counts(older)


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_stance_lists_a_few_events_per_period_unless_asked_for_all(web_store: Path) -> None:
    # China toward North Korea: the seed gives it more than one event in 2013
    base = ("stance", "CHN", "--target", "PRK", "--period", "year", "--db", str(web_store))
    code, out, _ = _cli(*base, "--format", "json", "--evidence", "1")
    assert code == 0
    rows = json.loads(out)
    code, out, _ = _cli(*base, "--format", "json", "--all-evidence")
    every = json.loads(out)
    assert [row["events"] for row in rows] == [row["events"] for row in every]
    assert any(len(row["evidence"]) > 1 for row in every)  # the seed's store: a cut to see
    for few, full in zip(rows, every, strict=True):
        assert few["evidence"] == full["evidence"][:1]
        assert few["evidence_event_ids"] == [item["event_id"] for item in few["evidence"]]
    code, out, _ = _cli(*base, "--format", "json")  # the default: EVIDENCE_LIMIT each
    assert [row["evidence"] for row in json.loads(out)] == [
        row["evidence"][: queries.EVIDENCE_LIMIT] for row in every
    ]
    code, out, err = _cli(*base, "--evidence", "1")
    assert code == 0 and "--all-evidence" in err


def test_check_as_a_table_gives_the_verdicts_of_the_full_rows(web_store: Path) -> None:
    code, out, _ = _cli("check", "--db", str(web_store), "--format", "json")
    assert code == 0
    full = json.loads(out)
    code, out, _ = _cli("check", "--db", str(web_store), "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(full) + 1
    for row in full:
        assert row["verdict"] in out and row["claimant"] in out


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("side", ["speaker", "about"])
def test_short_pages_walk_the_quotes_in_the_same_order(
    web_store: Path, key: str, side: str
) -> None:
    """A page of one walks the quotes in stored order (most match) or sorts the matches
    (few do): either way the pages are the slices of the whole list."""
    with open_store(web_store, read_only=True) as store:
        every = [row["record"]["id"] for row in store.quotes(**{side: key})]
        pages = [
            [row["record"]["id"] for row in store.quotes(**{side: key}, limit=1, offset=at)]
            for at in range(len(every) + 1)
        ]
    assert pages == [[quote] for quote in every] + [[]]
    with queries.open_reader(web_store) as reader:
        listed = [
            item.quote_id
            for at in range(len(every))
            for item in queries.quotes(reader, **{side: key}, limit=1, offset=at).items
        ]
    assert listed == every
