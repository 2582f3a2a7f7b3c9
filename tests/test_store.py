from __future__ import annotations

import pickle
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from eventwatch.records import Article, Author, Entity
from eventwatch.store import KnownHashes, migrations, open_store


def make_article(text: str = "Body text.", **fields: object) -> Article:
    import hashlib

    values: dict[str, object] = {
        "id": "doc",
        "source": "doc.txt",
        "source_kind": "text",
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "text": text,
        "title": "A title",
        "authors": (Author(name="Bruce Klingner", role="Senior Research Fellow"),),
        "published": date(2013, 4, 16),
        "genre": "opinion",
        "language": "en",
        "entities": (Entity(text="Kerry", label="PERSON", start=0, end=5),),
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def test_migrations_are_named_and_applied_once(tmp_path: Path) -> None:
    names = [name for name, _ in migrations()]
    assert names == ["0001_articles", "0002_analysis_tables"]
    db = tmp_path / "e.db"
    with open_store(db) as store:
        assert store.applied_migrations() == names
    with open_store(db) as store:  # reopening does not re-run them
        assert store.applied_migrations() == names
    tables = {
        row[0]
        for row in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {"articles", "authors", "entities", "actors", "events", "quotes", "stances"} <= tables


def test_wal_journal(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.db"):
        pass
    mode = sqlite3.connect(tmp_path / "e.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_add_is_idempotent_by_content_hash(tmp_path: Path) -> None:
    article = make_article()
    with open_store(tmp_path / "e.db") as store:
        assert store.add(article, model="m==1") is True
        assert store.add(article) is False
        assert store.add(make_article(id="other-name")) is False  # same body, other file
        assert store.has(article.sha256)
        stats = store.stats()
        assert (stats.articles, stats.authors, stats.entities) == (1, 1, 1)


def test_round_trip_by_id_sha_and_prefix(tmp_path: Path) -> None:
    article = make_article()
    with open_store(tmp_path / "e.db") as store:
        store.add(article)
        for key in ("doc", article.sha256, article.sha256[:8]):
            assert store.get(key) == article
        assert store.get("nope") is None
        record = store.record("doc")
        assert record is not None
        assert record["authors"] == [{"name": "Bruce Klingner", "role": "Senior Research Fellow"}]
        assert record["published"] == "2013-04-16"


def test_failed_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    bad = make_article(entities=(Entity(text="x", label="X", start=0, end=1),))
    db = tmp_path / "e.db"
    with open_store(db) as store:
        # make the second insert of the transaction fail
        store._db.execute(
            "CREATE TRIGGER no_entities BEFORE INSERT ON entities BEGIN "
            "SELECT RAISE(ABORT, 'disk trouble'); END"
        )
        with pytest.raises(Exception, match="disk trouble"):
            store.add(bad)
        assert not store.has(bad.sha256)
        assert store.stats().authors == 0


def test_listing_and_stats(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.db") as store:
        store.add(make_article("one", id="a", published=date(2020, 1, 1), genre="news"))
        store.add(make_article("two", id="b", published=date(2021, 1, 1)))
        store.add(make_article("three", id="c", published=None))
        assert [row["id"] for row in store.articles()] == ["b", "a", "c"]
        assert [row["id"] for row in store.articles(genre="news")] == ["a"]
        stats = store.stats()
        assert stats.by_genre == {"opinion": 2, "news": 1}
        assert (stats.first_published, stats.last_published) == ("2020-01-01", "2021-01-01")


def test_known_hashes_is_picklable_and_reads_committed_rows(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    article = make_article()
    with open_store(db) as store:
        known = pickle.loads(pickle.dumps(KnownHashes(db)))
        assert known(article.sha256) is False
        store.add(article)
        assert known(article.sha256) is True


def test_unopenable_store_is_a_store_error(tmp_path: Path) -> None:
    from eventwatch.errors import StoreError

    not_a_db = tmp_path / "e.db"
    not_a_db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(not_a_db)
