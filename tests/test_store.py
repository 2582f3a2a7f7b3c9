from __future__ import annotations

import pickle
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from eventwatch.errors import StoreError
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
    assert names == [
        "0001_articles",
        "0002_analysis_tables",
        "0003_actors_places_dates",
        "0004_event_columns",
        "0005_query_indexes",
        "0006_stories_event_mentions",
        "0006_watch_feed_items",
        "0007_article_stages",
        "0008_query_speed",
        "0009_store_totals",
        "0010_stance_totals",
        "0011_claim_totals",
        "0012_event_order",
        "0013_event_actor_directory",
    ]
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


def analysed_article() -> Article:
    from eventwatch.records import Actor, DateMention, Place

    text = "Kerry spoke in Seoul this Sunday. Pyongyang said no. Mr. Kerry left."
    return make_article(
        text,
        id="analysed",
        actors=(
            Actor(
                id="person:john-kerry",
                name="John Kerry",
                kind="person",
                country="USA",
                sector="GOV",
                code="USAGOV",
                office="Secretary of State",
                mentions=((0, 5), (57, 62)),
                mention_how=("knowledge base name", "surname of John Kerry"),
            ),
            Actor(
                id="group:PRK:GOV",
                name="North Korea (government)",
                kind="group",
                country="PRK",
                sector="GOV",
                code="PRKGOV",
                mentions=((34, 43),),
                mention_how=("capital used as an actor",),
            ),
        ),
        places=(
            Place(
                id="geonames:1835848",
                name="Seoul",
                kind="city",
                country="KOR",
                lat=37.566,
                lon=126.9784,
                mentions=((15, 20),),
                roles=("location",),
            ),
        ),
        dates=(
            DateMention(
                text="this Sunday",
                start=21,
                end=32,
                date=date(2013, 4, 14),
                end_date=date(2013, 4, 14),
                period="day",
                relative=True,
                rule="weekday-this-past",
            ),
        ),
    )


def test_actors_places_and_dates_are_stored_with_the_article(tmp_path: Path) -> None:
    article = analysed_article()
    with open_store(tmp_path / "s.db") as store:
        assert store.add(article)
        back = store.get("analysed")
        assert back is not None
        assert back.actors == article.actors
        assert back.places == article.places
        assert back.dates == article.dates
        listed = list(store.actors())
        assert [row["actor_id"] for row in listed] == ["person:john-kerry", "group:PRK:GOV"]
        assert listed[0]["mentions"] == 2 and listed[0]["articles"] == 1
        assert [row["actor_id"] for row in store.actors(country="prk")] == ["group:PRK:GOV"]
        seen = list(store.actor_mentions("john kerry"))
        assert [(row["start"], row["text"]) for row in seen] == [(0, "Kerry"), (57, "Kerry")]
        assert seen[1]["how"] == "surname of John Kerry"
        assert "Seoul" in seen[0]["context"]
        assert list(store.actor_mentions("nobody")) == []
        # any actor key, as in every read: a code, a country
        assert [row["text"] for row in store.actor_mentions("USAGOV")] == ["Kerry", "Kerry"]
        by_country = {row["actor_id"] for row in store.actor_mentions("PRK")}
        assert by_country == {"group:PRK:GOV"}
    db = sqlite3.connect(tmp_path / "s.db")
    assert db.execute("SELECT date, period FROM dates").fetchall() == [("2013-04-14", "day")]
    assert db.execute("SELECT role FROM place_mentions").fetchall() == [("location",)]


def test_a_failing_analysis_row_leaves_no_half_written_article(tmp_path: Path) -> None:
    from dataclasses import replace

    article = analysed_article()
    # two actors with the same id violate the primary key inside the transaction
    broken = replace(article, actors=(article.actors[0], article.actors[0]))
    with open_store(tmp_path / "s.db") as store:
        with pytest.raises(StoreError, match=r"cannot store .*UNIQUE"):
            store.add(broken)
        assert not store.has(article.sha256)
        assert store.add(article)


def test_every_data_file_of_the_package_is_declared_as_package_data() -> None:
    """Regression: a plain `pip install .` left the migrations out, so the store
    could not open outside an editable install."""
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["eventwatch"]
    package = root / "src" / "eventwatch"
    data_files = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    ]
    assert data_files
    undeclared = [f for f in data_files if not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert undeclared == []


def _quoted_article(tmp_path: Path) -> Path:
    """Two stored articles with quotes: Kerry on North Korea, a Zürich mayor on trams."""
    from eventwatch.records import Actor, Quote

    kerry = Actor(
        id="person:john-kerry",
        name="John Kerry",
        country="USA",
        sector="GOV",
        code="USAGOV",
        mentions=((0, 5),),
    )
    prk = Actor(
        id="country:PRK",
        name="North Korea",
        kind="state",
        country="PRK",
        code="PRK",
        mentions=((40, 51),),
    )
    first = "Kerry said on Friday in Seoul that only North Korea could end it. Kerry smiled."
    quotes = (
        Quote(
            id="q0",
            speaker=kerry.as_event_actor(),
            speaker_span=(0, 5),
            cue="said",
            cue_span=(6, 10),
            content_spans=((35, 65),),
            content=first[35:65],
            direct=False,
            sentence=(0, 66),
        ),
        Quote(
            id="q1",
            speaker=kerry.as_event_actor(),
            speaker_span=(0, 5),
            cue="smiled",
            cue_span=(73, 79),
            content_spans=((67, 72),),
            content="Kerry",
            direct=False,
            sentence=(67, 80),
        ),
    )
    mayor = Actor(
        id="person:émile-zürcher",
        name="Émile Zürcher",
        country="CHE",
        code="CHEGOV",
        mentions=((0, 13),),
    )
    second = "Émile Zürcher said the trams would run again."
    other = Quote(
        id="q0",
        speaker=mayor.as_event_actor(),
        speaker_span=(0, 13),
        cue="said",
        cue_span=(14, 18),
        content_spans=((19, 45),),
        content=second[19:45],
        direct=False,
        sentence=(0, 46),
    )
    db = tmp_path / "q.db"
    with open_store(db) as store:
        store.add(make_article(first, id="kerry", actors=(kerry, prk), quotes=quotes))
        store.add(make_article(second, id="zurich", actors=(mayor,), quotes=(other,)))
    return db


@pytest.mark.parametrize(
    "speaker,about,expected",
    [
        (None, None, ["kerry:said", "kerry:smiled", "zurich:said"]),
        ("John Kerry", None, ["kerry:said", "kerry:smiled"]),
        ("john kerry", None, ["kerry:said", "kerry:smiled"]),  # names fold case
        ("person:john-kerry", None, ["kerry:said", "kerry:smiled"]),
        ("usagov", None, ["kerry:said", "kerry:smiled"]),  # a code
        ("USA", None, ["kerry:said", "kerry:smiled"]),  # a country
        ("émile zürcher", None, ["zurich:said"]),  # beyond ASCII: folded by Python
        ("CHE", None, ["zurich:said"]),
        ("PRK", None, []),  # North Korea says nothing
        ("   ", None, []),
        (None, "PRK", ["kerry:said"]),  # named inside the content only
        (None, "North Korea", ["kerry:said"]),
        ("Kerry", None, []),  # a surname is not a key
        ("USA", "PRK", ["kerry:said"]),
        ("CHE", "PRK", []),
    ],
)
def test_quotes_filter_by_speaker_and_by_actor_named(
    tmp_path: Path, speaker: str | None, about: str | None, expected: list[str]
) -> None:
    db = _quoted_article(tmp_path)
    with open_store(db) as store:
        rows = list(store.quotes(speaker=speaker, about=about))
    assert [f"{r['article']}:{r['cue']}" for r in rows] == expected
    for row in rows:
        assert row["published"] == "2013-04-16"
        assert row["record"]["content"] == row["content"]


def test_quotes_stop_at_the_limit(tmp_path: Path) -> None:
    db = _quoted_article(tmp_path)
    with open_store(db) as store:
        assert [r["cue"] for r in store.quotes(limit=2)] == ["said", "smiled"]
