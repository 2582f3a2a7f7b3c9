"""The events stage: the coder over one parsed article, with places for locations.

Needs: ``doc``, ``article.actors``, ``article.places``, ``article.dates``,
``article.genre``, and the encoder's ``readings`` where the ``encode`` stage ran.
Adds: ``article.events``.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from eventwatch.events.coder import Coder, place_of
from eventwatch.records import Article, Event, EventPlace

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from eventwatch.encoder.stage import SentenceReadings


def sentence_locator(article: Article, gazetteer: Any) -> Any:
    """``locate(doc, sentence)`` over the places the places stage found."""
    from eventwatch.places import PlaceMention, sentence_location

    # every place mention once, in the places' order, with its place looked up once;
    # their starts sorted, so a sentence finds its own mentions by bisection
    known_places = [gazetteer.get(place.id) for place in article.places]
    flat: list[tuple[int, int, int, str, Any]] = []
    for place, known in zip(article.places, known_places, strict=True):
        if known is None:
            continue
        for (start, end), role in zip(place.mentions, place.roles, strict=True):
            flat.append((start, len(flat), end, role, known))
    by_start = sorted(flat)
    starts = [item[0] for item in by_start]

    def locate(doc: Doc, sentence: Span) -> EventPlace | None:
        first = bisect_left(starts, sentence.start_char)
        last = bisect_left(starts, sentence.end_char, first)
        if first == last:
            return None
        mentions = [
            PlaceMention(
                place=known,
                start=start,
                end=end,
                text=article.text[start:end],
                role=role,  # type: ignore[arg-type]  # roles come from that stage
                sentence=(sentence.start_char, sentence.end_char),
            )
            for start, _, end, role, known in sorted(by_start[first:last], key=lambda m: m[1])
        ]
        found = sentence_location(
            doc, (sentence.start_char, sentence.end_char), mentions=mentions, gazetteer=gazetteer
        )
        if found is None:
            return None
        place = next(p for p in article.places if p.id == found.place.id)
        return place_of(place, found.start, found.end)

    return locate


def code_events(
    doc: Doc,
    *,
    article: Article,
    coder: Coder,
    gazetteer: Any,
    readings: SentenceReadings | None = None,
) -> tuple[Event, ...]:
    """The events of one parsed article (learned where ``readings`` has the sentence)."""
    return coder.code(
        doc,
        article=article,
        locate=sentence_locator(article, gazetteer),
        readings=readings,
    )
