"""Helpers the row builders share: sentences, places near a span, the lead paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from eventwatch.records import Article, Event, EventPlace, Place

__all__ = ["GeoPlace", "is_root", "near_place", "sentence_number", "sentence_text"]


@dataclass(frozen=True, slots=True, kw_only=True)
class GeoPlace:
    """A place as the geo columns need it, from an event's place or an article's place."""

    place_id: str
    name: str
    kind: str  # country, admin1, city, region
    country: str | None
    lat: float | None
    lon: float | None

    @classmethod
    def of_event(cls, place: EventPlace, article: Article) -> GeoPlace:
        kind = next((p.kind for p in article.places if p.id == place.place_id), None)
        if kind is None:
            prefix = place.place_id.split(":", 1)[0]
            kind = {"country": "country", "admin1": "admin1", "geonames": "city"}.get(
                prefix, "region"
            )
        return cls(
            place_id=place.place_id,
            name=place.name,
            kind=kind,
            country=place.country,
            lat=place.lat,
            lon=place.lon,
        )

    @classmethod
    def of_place(cls, place: Place) -> GeoPlace:
        return cls(
            place_id=place.id,
            name=place.name,
            kind=place.kind,
            country=place.country,
            lat=place.lat,
            lon=place.lon,
        )

    @property
    def mappable(self) -> bool:
        """Whether GDELT's geo types can hold it: not a region spanning several countries."""
        return self.kind != "region" or bool(self.country)


def sentence_text(article: Article, event: Event) -> str:
    start, end = event.sentence
    return article.text[start:end]


def sentence_number(article: Article, event: Event) -> int | None:
    """1-based number of the event's sentence in the article, when the sentences are known."""
    for number, (start, _end) in enumerate(article.sentences, start=1):
        if start == event.sentence[0]:
            return number
    return None


def near_place(
    article: Article, event: Event, anchor: int, *, country: str | None = None
) -> GeoPlace | None:
    """The mappable place mentioned in the event's sentence nearest to offset ``anchor``
    (with ``country``, only a place in that country)."""
    start, end = event.sentence
    best: tuple[int, GeoPlace] | None = None
    for place in article.places:
        geo = GeoPlace.of_place(place)
        if not geo.mappable or (country is not None and geo.country != country):
            continue
        for mention_start, mention_end in place.mentions:
            if mention_start < start or mention_end > end:
                continue
            distance = min(abs(mention_start - anchor), abs(mention_end - anchor))
            if best is None or distance < best[0]:
                best = (distance, geo)
    return best[1] if best else None


def is_root(article: Article, event: Event) -> int:
    """1 when the event's sentence starts in the lead paragraph (GDELT's IsRootEvent).

    The lead paragraph runs up to the first blank line of the text; an article
    without paragraph breaks has its first sentence as its lead.
    """
    text = article.text
    begin = len(text) - len(text.lstrip())
    cut = text.find("\n\n", begin)
    if cut == -1:
        if article.sentences:
            cut = article.sentences[0][1]
        else:
            return 1
    return 1 if event.sentence[0] < cut else 0
