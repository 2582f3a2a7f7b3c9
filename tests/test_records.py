"""The records' JSON form: one serializer worked out from the field types."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

import eventwatch
from eventwatch.records import (
    Article,
    DateMention,
    Event,
    EventActor,
    EventPlace,
    Plover,
    Quote,
    Record,
    Stance,
)
from eventwatch.settings import Settings

from .conftest import SEED, need_shared

KERRY = EventActor(
    actor_id="person:john-kerry", name="John Kerry", country="USA", sector="GOV", code="USAGOV"
)
SEOUL = EventPlace(
    place_id="1835848", name="Seoul", country="KOR", lat=37.566, lon=126.9784, span=(10, 15)
)


def _event(**changes: Any) -> Event:
    values: dict[str, Any] = {
        "id": "e1",
        "source": KERRY,
        "target": None,
        "cameo": "036",
        "cameo_root": "03",
        "cameo_name": "Express intent to meet or negotiate",
        "goldstein": 4.0,
        "quad_class": 1,
        "plover": Plover(type="CONSULT", mode=None, context=("diplomatic",)),
        "modality": "proposed",
        "attributed_to_author": False,
        "date": date(2013, 4, 12),
        "date_period": "day",
        "location": SEOUL,
        "sentence": (0, 40),
        "span": (0, 30),
        "trigger": "revive",
        "trigger_span": (20, 26),
        "explanation": "pattern",
    }
    values.update(changes)
    return Event(**values)


@pytest.mark.parametrize(
    "record,expected",
    [
        (
            KERRY,
            {
                "actor_id": "person:john-kerry",
                "name": "John Kerry",
                "country": "USA",
                "sector": "GOV",
                "code": "USAGOV",
                "span": None,
            },
        ),
        (SEOUL, {"span": [10, 15], "lat": 37.566}),
        (
            _event(),
            {
                "date": "2013-04-12",
                "plover": {"type": "CONSULT", "mode": None, "context": ["diplomatic"]},
            },
        ),
        (_event(source=None, date=None, location=None), {"source": None, "date": None}),
        (
            DateMention(
                text="this Sunday",
                start=3,
                end=14,
                date=date(2013, 4, 14),
                end_date=date(2013, 4, 14),
                period="day",
                relative=True,
                rule="weekday",
            ),
            {"date": "2013-04-14", "end_date": "2013-04-14", "relative": True},
        ),
    ],
)
def test_to_dict_gives_json_values_and_from_dict_reads_them_back(
    record: Record, expected: dict[str, Any]
) -> None:
    found = record.to_dict()
    assert {key: found[key] for key in expected} == expected
    assert list(found) == list(type(record).__dataclass_fields__)  # declaration order
    assert type(record).from_dict(json.loads(json.dumps(found))) == record


@pytest.mark.parametrize(
    "cls,data,field_name,value",
    [  # older records, written before a field existed, still load
        (EventActor, {"actor_id": "x", "name": "X"}, "country", None),
        (
            Event,
            {k: v for k, v in _event().to_dict().items() if k != "cameo_name"},
            "cameo_name",
            "",
        ),
        (
            Stance,
            {
                "actor_id": "a",
                "actor_name": "A",
                "target_id": "t",
                "target_name": "T",
                "period": "2013-04",
                "score": "2.5",
                "events": "2",
                "statements": 1,
                "actions": 1,
            },
            "score",
            2.5,
        ),
        (
            Quote,
            {
                "id": "q",
                "speaker": None,
                "speaker_span": None,
                "cue": None,
                "cue_span": None,
                "content_spans": [[1, 4]],
                "content": "abc",
                "direct": True,
                "sentence": [0, 9],
            },
            "event_ids",
            (),
        ),
    ],
)
def test_from_dict_fills_what_older_records_lack(
    cls: type[Record], data: dict[str, Any], field_name: str, value: Any
) -> None:
    assert getattr(cls.from_dict(data), field_name) == value


def test_from_dict_names_a_missing_required_field() -> None:
    with pytest.raises(KeyError, match="a Quote record needs 'content'"):
        Quote.from_dict({"id": "q", "content_spans": [], "direct": True, "sentence": [0, 1]})


def test_a_field_without_a_json_form_is_refused() -> None:
    @dataclass(frozen=True, slots=True, kw_only=True)
    class Odd(Record):
        tags: set[str]

    with pytest.raises(TypeError, match="no JSON form"):
        Odd(tags={"a"}).to_dict()


@pytest.mark.slow
@pytest.mark.shared
def test_the_seed_article_survives_a_json_round_trip(settings: Settings) -> None:
    need_shared(SEED)
    (article,) = eventwatch.extract([SEED], settings=settings)
    assert isinstance(article, Article)
    assert article.events and article.quotes and article.claims and article.stances
    again = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert again.to_dict() == article.to_dict()
    assert again.quotes == article.quotes and again.events == article.events
    assert "extra" not in article.to_dict()


def test_an_actor_as_one_side_of_an_event() -> None:
    kerry = eventwatch.records.Actor(
        id="person:john-kerry",
        name="John Kerry",
        country="USA",
        sector="GOV",
        code="USAGOV",
        mentions=((0, 5),),
    )
    assert kerry.as_event_actor((10, 15)) == EventActor(
        actor_id="person:john-kerry",
        name="John Kerry",
        country="USA",
        sector="GOV",
        code="USAGOV",
        span=(10, 15),
    )
    assert kerry.as_event_actor().span is None
