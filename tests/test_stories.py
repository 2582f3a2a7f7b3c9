"""Stories (near-duplicate articles) and consolidated events, issue 13."""

from __future__ import annotations

import datetime
import io
import json
import sqlite3
from pathlib import Path

import pytest

from eventwatch import api
from eventwatch.consolidate import (
    EventRef,
    consolidate_events,
    group_stories,
    outlet_of,
    shingles,
    signature,
)
from eventwatch.exports import GDELT_COLUMNS
from eventwatch.settings import Settings
from eventwatch.store import open_store

WIRE = Path(__file__).parent / "data" / "wire" / "kerry_wire.jsonl"


def _texts() -> dict[str, str]:
    return {
        row["id"]: row["text"]
        for row in map(json.loads, WIRE.read_text(encoding="utf-8").splitlines())
    }


def test_shingles_fold_case_and_ignore_punctuation() -> None:
    assert shingles("The U.S. said, no.", size=3) == {"the u s", "u s said", "s said no"}
    assert shingles("Two words", size=5) == {"two words"}
    assert shingles("", size=5) == set()


def test_wire_copies_with_different_boilerplate_are_one_story() -> None:
    texts = _texts()
    stories = group_stories((key, signature(text)) for key, text in texts.items())
    assert sorted(story.article_keys for story in stories) == [
        ("other",),
        ("wire-a", "wire-b", "wire-c"),
    ]
    assert stories[0].id == "story:wire-a"  # story: + the first article key's first 16 chars


def test_a_story_threshold_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        group_stories([], threshold=0.0)


def _ref(article: str, day: int | None, *, cameo: str = "040", outlet: str = "a") -> EventRef:
    date = datetime.date(2013, 4, day) if day else None
    return EventRef(
        article_sha256=article,
        event_id=f"{article}:1",
        source_key="person:john-kerry",
        target_key="country:CHN",
        cameo=cameo,
        modality="asserted",
        attributed_to_author=False,
        date=date,
        published=date,
        outlet=outlet,
    )


@pytest.mark.parametrize(
    ("refs", "groups"),
    [
        # same event, dates a day apart: one event
        ([_ref("a", 13), _ref("b", 14, outlet="b")], [["a", "b"]]),
        # two days apart: two events
        ([_ref("a", 13), _ref("b", 15, outlet="b")], [["a"], ["b"]]),
        # another code: another event
        ([_ref("a", 13), _ref("b", 13, cameo="042")], [["a"], ["b"]]),
        # undated mentions of one key are one event of their own
        ([_ref("a", None), _ref("b", None), _ref("c", 13)], [["a", "b"], ["c"]]),
    ],
)
def test_consolidate_events(refs: list[EventRef], groups: list[list[str]]) -> None:
    events = consolidate_events(refs)
    assert [[m.article_sha256 for m in e.mentions] for e in events] == groups


def test_counts_of_a_consolidated_event() -> None:
    refs = [_ref("a", 13, outlet="x"), _ref("b", 13, outlet="x"), _ref("c", 14, outlet="y")]
    (event,) = consolidate_events(refs, story_of={"a": "story:1"})
    assert (event.num_mentions, event.num_sources, event.num_articles) == (3, 2, 3)
    assert (event.first_seen, event.last_seen) == (
        datetime.date(2013, 4, 13),
        datetime.date(2013, 4, 14),
    )
    assert event.mentions[0].story_id == "story:1" and event.mentions[1].story_id is None


@pytest.mark.parametrize(
    ("publisher", "url", "expected"),
    [
        ("Reuters", "https://www.reuters.com/x", "reuters"),
        (None, "https://www.reuters.com/x", "reuters.com"),
        (None, None, "corpus/a.txt"),
    ],
)
def test_outlet(publisher: str | None, url: str | None, expected: str) -> None:
    assert outlet_of(publisher=publisher, url=url, source="corpus/a.txt") == expected


@pytest.mark.slow
def test_three_wire_copies_make_one_story_and_export_with_num_articles_3(
    tmp_path: Path, settings: Settings
) -> None:
    """Issue 13, done when: three copies of one wire story → one story, NumArticles 3."""
    db = tmp_path / "wire.db"
    report = api.ingest([WIRE], db=db, settings=settings)
    assert report.stored == 4 and report.consolidation is not None
    assert report.consolidation.stories == 2
    with open_store(db) as store:
        stories = list(store.stories())
        stats = store.stats()
    assert stories[0]["articles"] == 3 and stories[0]["outlets"] == 3
    assert stats.stories == 2 and stats.mentions > stats.events > 0

    stream = io.StringIO()
    api.export(db=db, format="gdelt", out=stream, settings=settings)
    rows = [
        dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
        for line in stream.getvalue().splitlines()
    ]
    # the events of the wire story are each written once, counted in all three copies
    assert rows and max(int(r["NumArticles"]) for r in rows) == 3
    three = [r for r in rows if r["NumArticles"] == "3"]
    assert len(three) >= len(rows) // 2
    assert all(r["NumSources"] == "3" and int(r["NumMentions"]) >= 3 for r in three)
    # each consolidated event is written once
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)

    # each mention keeps its own sentence and provenance
    with open_store(db) as store:
        counts = store.mention_counts()
    assert len(counts) == stats.mentions
    by_event: dict[str, set[str]] = {}
    for (article, _), found in counts.items():
        by_event.setdefault(found.global_id, set()).add(article)
    assert max(len(articles) for articles in by_event.values()) == 3
    with sqlite3.connect(db) as connection:
        sentences = connection.execute(
            "SELECT m.sentence, a.id FROM event_mentions m"
            " JOIN articles a ON a.sha256 = m.article_sha256 WHERE m.sentence LIKE '%met%Beijing%'"
        ).fetchall()
    assert sorted({article for _, article in sentences}) == ["wire-a", "wire-b", "wire-c"]
    own = {article: sentence for sentence, article in sentences}
    assert own["wire-a"].startswith("BEIJING (Reuters) - ")  # each keeps its own words
    assert not own["wire-b"].startswith("BEIJING")
