"""The records eventwatch produces, as explicit, frozen, keyword-only dataclasses.

Every record carries its provenance: the article it came from and, where it
points into the text, a character span ``(start, end)`` into ``Article.text``.

``Article`` is filled by the ingest stage; each later stage adds its list:
the NLP stage sentence and entity spans, then ``Actor`` (actors), ``Place``
(places), ``DateMention`` (dates), ``Event`` with its ``EventActor``,
``EventPlace`` and ``Plover`` parts (events), ``Quote`` and ``Claim``
(quotes) and ``Stance`` (stance).  They are declared here so the shape of the
record is fixed in one place.  Field names are part of the public record and
are never renamed; new fields may be added.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Genre = Literal["news", "opinion", "analysis", "unknown"]
SourceKind = Literal["text", "html", "jsonl"]
Span = tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Author:
    """A person (or agency) credited with writing an article."""

    name: str
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A named-entity span found by the NLP stage, offsets into ``Article.text``."""

    text: str
    label: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One place in the text where an actor is named or referred to."""

    article_sha256: str
    actor_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A resolved actor: a person, organisation, state or group, with CAMEO-style codes.

    ``id`` is stable within and across articles for known actors
    (``person:john-kerry``, ``country:PRK``, ``group:CHN:GOV``, ``igo:IGOUNO``).
    ``mentions`` are spans into ``Article.text``; ``mention_how`` says, for each,
    how it was resolved.  ``inferred`` marks an actor never named in the text
    but identified from a role and the date ("Japan's foreign minister" in April
    2013 → Fumio Kishida).
    """

    id: str
    name: str
    kind: str = "person"
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    office: str | None = None
    inferred: bool = False
    mentions: tuple[Span, ...] = ()
    mention_how: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "office": self.office,
            "inferred": self.inferred,
            "mentions": [list(span) for span in self.mentions],
            "mention_how": list(self.mention_how),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data.get("kind", "person"),
            country=data.get("country"),
            sector=data.get("sector"),
            code=data.get("code"),
            office=data.get("office"),
            inferred=bool(data.get("inferred", False)),
            mentions=tuple((int(s), int(e)) for s, e in data.get("mentions", [])),
            mention_how=tuple(data.get("mention_how", [])),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A place named in the text, geocoded; ``roles`` align with ``mentions``."""

    id: str
    name: str
    kind: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: tuple[Span, ...] = ()
    roles: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "mentions": [list(span) for span in self.mentions],
            "roles": list(self.roles),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            country=data.get("country"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            mentions=tuple((int(s), int(e)) for s, e in data.get("mentions", [])),
            roles=tuple(data.get("roles", [])),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A date expression resolved against the article date: a day and its period."""

    text: str
    start: int
    end: int
    date: datetime.date
    end_date: datetime.date
    period: str
    relative: bool
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date": self.date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "period": self.period,
            "relative": self.relative,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateMention:
        return cls(
            text=data["text"],
            start=int(data["start"]),
            end=int(data["end"]),
            date=datetime.date.fromisoformat(data["date"]),
            end_date=datetime.date.fromisoformat(data["end_date"]),
            period=data["period"],
            relative=bool(data["relative"]),
            rule=data["rule"],
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class EventActor:
    """One side of an event: the actor and the words that named it."""

    actor_id: str
    name: str
    country: str | None
    sector: str | None
    code: str | None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor_id": self.actor_id,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "span": list(self.span) if self.span else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventActor:
        span = data.get("span")
        return cls(
            actor_id=data["actor_id"],
            name=data["name"],
            country=data.get("country"),
            sector=data.get("sector"),
            code=data.get("code"),
            span=(int(span[0]), int(span[1])) if span else None,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Plover:
    """The PLOVER reading of an event: type, mode and context."""

    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "context": list(self.context)}


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPlace:
    """Where an event happened, when the sentence says so."""

    place_id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "place_id": self.place_id,
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "span": list(self.span),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventPlace:
        return cls(
            place_id=data["place_id"],
            name=data["name"],
            country=data.get("country"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            span=(int(data["span"][0]), int(data["span"][1])),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A coded event: who did what to whom, traceable to its sentence and words.

    ``sentence`` and ``span`` are offsets into ``Article.text`` (``span`` runs
    from the first to the last word the coder used: trigger, source, target);
    ``explanation`` says which pattern matched and why source and target were
    chosen.  ``attributed_to_author`` marks events in an opinion piece's own
    judgements: kept for inspection, left out of exports and stance.
    """

    id: str
    source: EventActor | None
    target: EventActor | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: Plover | None
    modality: str
    attributed_to_author: bool
    date: datetime.date | None
    date_period: str | None
    location: EventPlace | None
    sentence: Span
    span: Span
    trigger: str
    trigger_span: Span
    explanation: str

    @property
    def source_actor_id(self) -> str | None:
        return self.source.actor_id if self.source else None

    @property
    def target_actor_id(self) -> str | None:
        return self.target.actor_id if self.target else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "cameo_name": self.cameo_name,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": self.plover.to_dict() if self.plover else None,
            "modality": self.modality,
            "attributed_to_author": self.attributed_to_author,
            "date": self.date.isoformat() if self.date else None,
            "date_period": self.date_period,
            "location": self.location.to_dict() if self.location else None,
            "sentence": list(self.sentence),
            "span": list(self.span),
            "trigger": self.trigger,
            "trigger_span": list(self.trigger_span),
            "explanation": self.explanation,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        plover = data.get("plover")
        location = data.get("location")
        when = data.get("date")
        return cls(
            id=data["id"],
            source=EventActor.from_dict(data["source"]) if data.get("source") else None,
            target=EventActor.from_dict(data["target"]) if data.get("target") else None,
            cameo=data["cameo"],
            cameo_root=data["cameo_root"],
            cameo_name=data.get("cameo_name", ""),
            goldstein=float(data["goldstein"]),
            quad_class=int(data["quad_class"]),
            plover=Plover(
                type=plover["type"], mode=plover.get("mode"), context=tuple(plover["context"])
            )
            if plover
            else None,
            modality=data["modality"],
            attributed_to_author=bool(data["attributed_to_author"]),
            date=datetime.date.fromisoformat(when) if when else None,
            date_period=data.get("date_period"),
            location=EventPlace.from_dict(location) if location else None,
            sentence=(int(data["sentence"][0]), int(data["sentence"][1])),
            span=(int(data["span"][0]), int(data["span"][1])),
            trigger=data["trigger"],
            trigger_span=(int(data["trigger_span"][0]), int(data["trigger_span"][1])),
            explanation=data["explanation"],
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A direct or indirect quotation attributed to a speaker.

    Spans are offsets into ``Article.text``; ``content_spans`` may be several
    (a quote broken by its attribution).  ``speaker`` is the resolved actor
    (through pronouns and "the secretary"), ``None`` when the text names no one
    the actors stage knows.  ``event_ids`` are the events coded inside the
    quote's content or from its cue.
    """

    id: str
    speaker: EventActor | None
    speaker_span: Span | None
    cue: str | None
    cue_span: Span | None
    content_spans: tuple[Span, ...]
    content: str
    direct: bool
    sentence: Span
    location: EventPlace | None = None
    date: datetime.date | None = None
    date_period: str | None = None
    event_ids: tuple[str, ...] = ()

    @property
    def speaker_actor_id(self) -> str | None:
        return self.speaker.actor_id if self.speaker else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "content_spans": [list(span) for span in self.content_spans],
            "content": self.content,
            "direct": self.direct,
            "sentence": list(self.sentence),
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.isoformat() if self.date else None,
            "date_period": self.date_period,
            "event_ids": list(self.event_ids),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        def span(value: Any) -> Span | None:
            return (int(value[0]), int(value[1])) if value else None

        location = data.get("location")
        when = data.get("date")
        return cls(
            id=data["id"],
            speaker=EventActor.from_dict(data["speaker"]) if data.get("speaker") else None,
            speaker_span=span(data.get("speaker_span")),
            cue=data.get("cue"),
            cue_span=span(data.get("cue_span")),
            content_spans=tuple((int(s), int(e)) for s, e in data.get("content_spans", [])),
            content=data["content"],
            direct=bool(data["direct"]),
            sentence=(int(data["sentence"][0]), int(data["sentence"][1])),
            location=EventPlace.from_dict(location) if location else None,
            date=datetime.date.fromisoformat(when) if when else None,
            date_period=data.get("date_period"),
            event_ids=tuple(data.get("event_ids", [])),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Stance:
    """An actor's position toward a target in one period, from its coded events.

    ``score`` runs from -10 (pressure, conflict) to +10 (engagement,
    cooperation): the modality-weighted mean Goldstein value of the actor's
    events toward the target in ``period`` (``2013-W15``, ``2013-04``).
    ``change`` marks a period whose score moved from the previous one by more
    than the change threshold.  ``evidence_event_ids`` link to the events.
    """

    actor_id: str
    actor_name: str
    target_id: str
    target_name: str
    period: str
    score: float
    events: int
    statements: int
    actions: int
    change: bool = False
    evidence_event_ids: tuple[str, ...] = ()

    @property
    def target_actor_id(self) -> str:
        return self.target_id

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "target_id": self.target_id,
            "target_name": self.target_name,
            "period": self.period,
            "score": self.score,
            "events": self.events,
            "statements": self.statements,
            "actions": self.actions,
            "change": self.change,
            "evidence_event_ids": list(self.evidence_event_ids),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stance:
        return cls(
            actor_id=data["actor_id"],
            actor_name=data["actor_name"],
            target_id=data["target_id"],
            target_name=data["target_name"],
            period=data["period"],
            score=float(data["score"]),
            events=int(data["events"]),
            statements=int(data["statements"]),
            actions=int(data["actions"]),
            change=bool(data.get("change", False)),
            evidence_event_ids=tuple(data.get("evidence_event_ids", [])),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """An actor's claim, reported in the text, that another actor will (or did) act:
    "Kerry is hopeful that Beijing will turn the screws on its ally"."""

    id: str
    claimant: EventActor
    subject: EventActor
    text: str
    span: Span
    sentence: Span
    cameo_root: str | None = None  # the root of the claimed act, when it is coded
    date: datetime.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claimant": self.claimant.to_dict(),
            "subject": self.subject.to_dict(),
            "text": self.text,
            "span": list(self.span),
            "sentence": list(self.sentence),
            "cameo_root": self.cameo_root,
            "date": self.date.isoformat() if self.date else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        when = data.get("date")
        return cls(
            id=data["id"],
            claimant=EventActor.from_dict(data["claimant"]),
            subject=EventActor.from_dict(data["subject"]),
            text=data["text"],
            span=(int(data["span"][0]), int(data["span"][1])),
            sentence=(int(data["sentence"][0]), int(data["sentence"][1])),
            cameo_root=data.get("cameo_root"),
            date=datetime.date.fromisoformat(when) if when else None,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One document after ingest: clean body text plus metadata.

    ``id`` is the JSONL ``id`` or the file name without its extension;
    ``sha256`` is the hash of ``text`` and keys the article in the store, so the
    same body ingested twice is stored once.  All spans in the later lists are
    character offsets into ``text``.
    """

    id: str
    source: str
    source_kind: SourceKind
    sha256: str
    text: str
    title: str | None = None
    authors: tuple[Author, ...] = ()
    published: date | None = None
    publisher: str | None = None
    first_published_in: str | None = None
    url: str | None = None
    genre: Genre = "unknown"
    language: str | None = None
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    stances: tuple[Stance, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON record (see ``schema/article.schema.json``)."""
        return {
            "id": self.id,
            "source": self.source,
            "source_kind": self.source_kind,
            "sha256": self.sha256,
            "title": self.title,
            "authors": [author.to_dict() for author in self.authors],
            "published": self.published.isoformat() if self.published else None,
            "publisher": self.publisher,
            "first_published_in": self.first_published_in,
            "url": self.url,
            "genre": self.genre,
            "language": self.language,
            "text": self.text,
            "sentences": [list(span) for span in self.sentences],
            "entities": [entity.to_dict() for entity in self.entities],
            "actors": [actor.to_dict() for actor in self.actors],
            "places": [place.to_dict() for place in self.places],
            "dates": [mention.to_dict() for mention in self.dates],
            "events": [event.to_dict() for event in self.events],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "claims": [claim.to_dict() for claim in self.claims],
            "stances": [stance.to_dict() for stance in self.stances],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from its public record (the inverse of ``to_dict``).

        Every list a stage adds is read back too.
        """
        published = data.get("published")
        return cls(
            id=data["id"],
            source=data["source"],
            source_kind=data.get("source_kind", "text"),
            sha256=data["sha256"],
            text=data["text"],
            title=data.get("title"),
            authors=tuple(
                Author(name=a["name"], role=a.get("role")) for a in data.get("authors", [])
            ),
            published=date.fromisoformat(published) if published else None,
            publisher=data.get("publisher"),
            first_published_in=data.get("first_published_in"),
            url=data.get("url"),
            genre=data.get("genre", "unknown"),
            language=data.get("language"),
            sentences=tuple((int(s), int(e)) for s, e in data.get("sentences", [])),
            entities=tuple(
                Entity(text=e["text"], label=e["label"], start=e["start"], end=e["end"])
                for e in data.get("entities", [])
            ),
            actors=tuple(Actor.from_dict(a) for a in data.get("actors", [])),
            places=tuple(Place.from_dict(p) for p in data.get("places", [])),
            dates=tuple(DateMention.from_dict(d) for d in data.get("dates", [])),
            events=tuple(Event.from_dict(e) for e in data.get("events", [])),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            claims=tuple(Claim.from_dict(c) for c in data.get("claims", [])),
            stances=tuple(Stance.from_dict(s) for s in data.get("stances", [])),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input item that could not be processed; the batch goes on without it."""

    item: str
    stage: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.item}:{self.line}" if self.line is not None else self.item
        return f"{where}: {self.stage}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "stage": self.stage, "message": self.message, "line": self.line}
