"""The events stage: the coder over one parsed article, with places for locations.

Needs: ``doc``, ``article.actors``, ``article.places``, ``article.dates``,
``article.genre``, and the encoder's ``readings`` where the ``encode`` stage ran.
Adds: ``article.events``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwatch.events.coder import Coder, place_of
from eventwatch.records import Article, Event, EventPlace

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from eventwatch.encoder.stage import SentenceReadings


def sentence_locator(article: Article, gazetteer: Any) -> Any:
    """``locate(doc, sentence)`` over the places the places stage found."""
    from eventwatch.places import PlaceMention, sentence_location

    def locate(doc: Doc, sentence: Span) -> EventPlace | None:
        mentions = []
        for place in article.places:
            known = gazetteer.get(place.id)
            if known is None:
                continue
            for (start, end), role in zip(place.mentions, place.roles, strict=True):
                if sentence.start_char <= start < sentence.end_char:
                    mentions.append(
                        PlaceMention(
                            place=known,
                            start=start,
                            end=end,
                            text=article.text[start:end],
                            role=role,  # type: ignore[arg-type]  # roles come from that stage
                            sentence=(sentence.start_char, sentence.end_char),
                        )
                    )
        if not mentions:
            return None
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
