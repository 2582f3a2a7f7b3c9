"""The library API on the seed and the samples, with the real spaCy model."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import eventwatch
from eventwatch.records import Article, Failure
from eventwatch.settings import Settings

from .conftest import SAMPLES, SEED, need_shared

SCHEMA = json.loads(
    resources.files("eventwatch").joinpath("schema/article.schema.json").read_text("utf-8")
)


@pytest.mark.slow
def test_seed_end_to_end(seed_path: Path, settings: Settings) -> None:
    (article,) = list(eventwatch.extract([seed_path], settings=settings))
    assert isinstance(article, Article)
    assert article.title == "Kerry's Soft Touch on North Korea"
    assert str(article.published) == "2013-04-16"
    assert article.genre == "opinion" and article.language == "en"
    assert article.first_published_in == "The Wall Street Journal"
    assert article.authors[0].name == "Bruce Klingner"
    assert article.authors[0].role and "Research Fellow" in article.authors[0].role
    text = article.text
    assert text.startswith("When John Kerry was selected")
    assert text.endswith("So much for the Asian pivot.")
    for noise in (
        "Watch live now",
        "Free Speech Victories",
        "The Constitution",
        "2 min read",
        "specializes in",
        "-Mr. Klingner",
        "First appeared",
    ):
        assert noise not in text
    # parse of the clean body only, spans index the body
    assert len(article.sentences) > 30
    for entity in article.entities:
        assert text[entity.start : entity.end] == entity.text
    names = {e.text for e in article.entities if e.label in {"PERSON", "GPE"}}
    assert {"John Kerry", "Pyongyang", "Seoul", "Beijing", "Tokyo"} <= names
    jsonschema.validate(article.to_dict(), SCHEMA)


@pytest.mark.slow
def test_extract_text_in_memory(settings: Settings) -> None:
    page = (SAMPLES / "corpus" / "html" / "river-accord.html").read_text()
    article = eventwatch.extract_text(page, id="river", kind="html", settings=settings)
    assert article.title == "Upstream and downstream states sign river accord"
    assert "Kampala" in {e.text for e in article.entities}
    jsonschema.validate(article.to_dict(), SCHEMA)


def test_extract_text_raises_on_failure(settings: Settings) -> None:
    with pytest.raises(eventwatch.EventwatchError, match="empty input"):
        eventwatch.extract_text("   ", settings=settings, only="article")


def test_every_sample_record_matches_the_schema(article_settings: Settings) -> None:
    results = list(eventwatch.extract([SAMPLES / "corpus"], settings=article_settings))
    assert results and not [r for r in results if isinstance(r, Failure)]
    for article in results:
        record = article.to_dict()
        jsonschema.validate(record, SCHEMA)
        assert Article.from_dict(record) == article.__class__(
            **{f: getattr(article, f) for f in article.__slots__ if f != "extra"}
        )


def test_ingest_report_and_store(tmp_path: Path, article_settings: Settings) -> None:
    db = tmp_path / "e.db"
    seen: list[int] = []
    report = eventwatch.ingest(
        [SAMPLES / "corpus"],
        db=db,
        settings=article_settings,
        progress=lambda r: seen.append(r.done),
    )
    assert (report.stored, report.skipped, report.ok) == (6, 0, True)
    assert seen == [1, 2, 3, 4, 5, 6]
    again = eventwatch.ingest([SAMPLES / "corpus"], db=db, settings=article_settings)
    assert (again.stored, again.skipped) == (0, 6)
    with eventwatch.open_store(db) as store:
        assert store.get("wire-001") is not None


@pytest.mark.slow
@pytest.mark.shared
def test_the_seed_with_every_stage_matches_the_schema() -> None:
    need_shared(SEED)
    article = eventwatch.extract_text(SEED.read_text(encoding="utf-8"), id="seed")
    assert article.events and article.quotes and article.stances and article.claims
    jsonschema.validate(article.to_dict(), SCHEMA)
