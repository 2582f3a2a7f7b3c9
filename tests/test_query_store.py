"""Migration 0005 (indexes, the actor directory and its triggers) and the statement splitter."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from eventwatch import queries
from eventwatch.errors import StoreError
from eventwatch.store import open_store
from eventwatch.store.sqlite import _statements, migrations

TRIGGER = (
    "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
    "    UPDATE b SET n = n + 1;\n"
    "    UPDATE c SET n = n + 1;\n"
    "END;"
)


@pytest.mark.parametrize(
    "sql,expected",
    [
        ("CREATE TABLE a (x);", ["CREATE TABLE a (x)"]),
        ("CREATE TABLE a (x); CREATE TABLE b (y)", ["CREATE TABLE a (x)", "CREATE TABLE b (y)"]),
        ("-- a comment; with a semicolon\nCREATE TABLE a (x);", ["CREATE TABLE a (x)"]),
        (TRIGGER + "\nCREATE TABLE z (q);", [TRIGGER.removesuffix(";"), "CREATE TABLE z (q)"]),
        ("\n\n;;", []),
    ],
)
def test_statements_keep_trigger_bodies_whole(sql: str, expected: list[str]) -> None:
    assert _statements(sql) == expected


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of a WAL store (the backup API reads the log too)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _undo_0005(db: sqlite3.Connection) -> None:
    """Take a store back to before migration 0005: drop what it created, and first what
    0010, 0012 and 0013 built on it (0010's triggers read the actor directory, 0012's the
    text index, 0013 fills the directory; all run again)."""
    for built in ("0013_event_actor_directory", "0012_event_order", "0010_stance_totals"):
        later = dict(migrations())[built]
        for kind, name in re.findall(r"CREATE (?:VIRTUAL )?(TABLE|TRIGGER) (\w+)", later):
            db.execute(f"DROP {kind} IF EXISTS {name}")  # names from our own migration
        db.execute("DELETE FROM schema_migrations WHERE name = ?", (built,))
    sql = dict(migrations())["0005_query_indexes"]
    for kind, name in re.findall(
        r"CREATE (TRIGGER|INDEX|TABLE|VIRTUAL TABLE)(?: IF NOT EXISTS)? (\w+)", sql
    ):
        if kind == "VIRTUAL TABLE":
            kind = "TABLE"
        db.execute(f"DROP {kind} IF EXISTS {name}")  # names from our own migration
    for table, column in re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", sql):
        if table != "actor_directory":
            db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.execute("DELETE FROM schema_migrations WHERE name = '0005_query_indexes'")


@pytest.mark.slow
@pytest.mark.shared
def test_an_older_store_is_migrated_and_its_directory_filled(
    web_store: Path, tmp_path: Path
) -> None:
    with queries.open_reader(web_store) as reader:
        before = queries.actors(reader, limit=1000)
        overview = queries.overview(reader)
    older = tmp_path / "older.db"
    _copy(web_store, older)
    db = sqlite3.connect(older)
    _undo_0005(db)
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="0005"):
        queries.open_reader(older)  # the reader never migrates: it says what to run
    with open_store(older) as store:
        assert "0005_query_indexes" in store.applied_migrations()
    with queries.open_reader(older) as reader:
        after = queries.actors(reader, limit=1000)
        assert queries.overview(reader) == overview
        stats = reader.db.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0]
    assert after == before
    assert stats > 0  # ANALYZE ran after the migration


@pytest.mark.slow
@pytest.mark.shared
def test_the_triggers_count_a_new_article_and_forget_a_deleted_one(
    web_store: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    _copy(web_store, copy)
    with open_store(copy) as store:
        article = store.get("000_c91db61947cea963")
    assert article is not None
    kerry = next(actor for actor in article.actors if actor.id == "person:john-kerry")
    with queries.open_reader(copy) as reader:
        row = queries.actor_row(reader, actor_id=kerry.id)
    assert row is not None
    db = sqlite3.connect(copy)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
    db.commit()
    db.close()
    with queries.open_reader(copy) as reader:
        gone = queries.actor_row(reader, actor_id=kerry.id)
    assert gone is not None
    assert gone.articles == row.articles - 1
    assert gone.mentions == row.mentions - len(kerry.mentions)
    with open_store(copy) as store:
        assert store.add(article)
    with queries.open_reader(copy) as reader:
        assert queries.actor_row(reader, actor_id=kerry.id) == row
