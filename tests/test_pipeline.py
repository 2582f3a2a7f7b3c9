from __future__ import annotations

from pathlib import Path

import pytest

from eventwatch.errors import ConfigError
from eventwatch.ingest.sources import RawDocument, iter_sources
from eventwatch.pipeline import REGISTRY, Skipped, check_stages, run
from eventwatch.records import Article, Failure
from eventwatch.settings import Settings

from .conftest import SAMPLES


def test_registry_is_pinned() -> None:
    """A stage must not vanish silently: update this when one is added on purpose."""
    assert list(REGISTRY) == [
        "ingest",
        "nlp",
        "actors",
        "places",
        "dates",
        "encode",
        "events",
        "quotes",
        "stance",
    ]
    assert REGISTRY["nlp"].requires == ("article.text",)
    assert REGISTRY["encode"].requires == ("doc", "article.actors")
    assert "article.entities" in REGISTRY["nlp"].assigns


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        ([], "must start with 'ingest'"),
        (["nlp"], "must start with 'ingest'"),
        (["ingest", "export"], "unknown stage 'export'"),
        (["ingest", "actors"], "stage 'actors' needs doc"),
        (["ingest", "nlp", "events"], "stage 'events' needs article.actors"),
    ],
)
def test_stage_order_is_checked(stages: list[str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        check_stages(stages)


def raw(doc_id: str, data: bytes, kind: str = "text") -> RawDocument:
    return RawDocument(id=doc_id, source=f"{doc_id}.txt", kind=kind, data=data)  # type: ignore[arg-type]


GOOD = (
    b"Ministers from two neighbouring states met on Monday to discuss the border. "
    b"They agreed to hold another round of talks next month in the capital.\n\n"
    b"Officials said the meeting was constructive and that both sides had made proposals."
)


def test_failures_do_not_stop_the_batch_and_order_is_kept(article_settings: Settings) -> None:
    items: list[RawDocument | Failure] = [
        raw("a", GOOD),
        raw("empty", b""),
        Failure(item="x.pdf", stage="read", message="unsupported"),
        raw("binary", b"\x00\x01\x02" * 50),
        raw("b", GOOD.replace(b"Monday", b"Tuesday")),
    ]
    results = list(run(items, settings=article_settings.with_overrides(batch_size=2)))
    assert [type(r).__name__ for r in results] == [
        "Article",
        "Failure",
        "Failure",
        "Failure",
        "Article",
    ]
    assert [getattr(r, "id", getattr(r, "item", None)) for r in results] == [
        "a",
        "empty.txt",
        "x.pdf",
        "binary.txt",
        "b",
    ]
    assert "empty input" in results[1].message  # type: ignore[union-attr]
    assert "binary data" in results[3].message  # type: ignore[union-attr]


def test_skip_marks_known_articles(article_settings: Settings) -> None:
    first = next(iter(run([raw("a", GOOD)], settings=article_settings)))
    assert isinstance(first, Article)
    results = list(
        run(
            [raw("a", GOOD), raw("b", GOOD + b"!")],
            settings=article_settings,
            skip=lambda sha: sha == first.sha256,
        )
    )
    assert isinstance(results[0], Skipped) and results[0].sha256 == first.sha256
    assert isinstance(results[1], Article)


def test_too_long_body_fails_in_nlp_only(settings: Settings) -> None:
    long_text = ("This is a long sentence about the ministers and their talks. " * 40).encode()
    small = settings.with_overrides(max_text_chars=1000)
    results = list(run([raw("long", long_text), raw("ok", GOOD)], settings=small))
    assert isinstance(results[0], Failure) and results[0].stage == "nlp"
    assert "over max_text_chars" in results[0].message
    assert isinstance(results[1], Article) and results[1].sentences


@pytest.mark.slow
def test_two_workers_give_the_same_records_in_order(settings: Settings) -> None:
    def records(workers: int) -> list[dict[str, object]]:
        items = iter_sources([SAMPLES / "corpus"], max_document_bytes=10**7)
        chosen = settings.with_overrides(workers=workers, batch_size=2)
        return [r.to_dict() for r in run(items, settings=chosen)]  # type: ignore[union-attr]

    one, two = records(1), records(2)
    assert one == two
    assert len(one) == 6
    assert all(r["sentences"] and r["entities"] for r in one)


def test_samples_are_all_readable(article_settings: Settings) -> None:
    items = list(iter_sources([SAMPLES / "corpus"], max_document_bytes=10**7))
    results = list(run(items, settings=article_settings))
    assert all(isinstance(r, Article) for r in results), results
    assert {r.source_kind for r in results if isinstance(r, Article)} == {"text", "html", "jsonl"}
    assert Path(SAMPLES / "README.md").exists()


def test_an_analysis_stage_failing_on_one_article_fails_only_that_one(
    article_settings: Settings,
) -> None:
    from dataclasses import replace

    from eventwatch.pipeline import Work, per_article

    ingest = REGISTRY["ingest"].build(article_settings)
    body = b"The ministers met in the capital on Monday and agreed to meet again next month."
    batch = ingest([Work(raw=raw("a", body)), Work(raw=raw("b", body + b" They said so."))])
    assert all(isinstance(w, Work) for w in batch)

    def update(work: Work, article: Article) -> Article:
        if article.id == "a":
            raise ValueError("broken on purpose")
        return replace(article, title="seen")

    out = per_article("probe", update)(batch)  # type: ignore[arg-type]
    assert isinstance(out[0], Failure)
    assert out[0].stage == "probe" and "broken on purpose" in out[0].message
    assert "a.txt" in str(out[0])
    assert isinstance(out[1], Work) and out[1].article is not None
    assert out[1].article.title == "seen"
