"""The records eventwatch produces, as explicit, frozen, keyword-only dataclasses.

Every record carries its provenance: the article it came from and, where it
points into the text, a character span ``(start, end)`` into ``Article.text``.

``Article`` is filled by the ingest stage (and the NLP stage adds sentence and
entity spans).  ``Actor``, ``Mention``, ``Event``, ``Quote`` and ``Stance`` are
declared here so the shape of the record is fixed in one place; the stages that
fill them land with their own issues.  Field names are part of the public record
and are never renamed; new fields may be added.
"""

from __future__ import annotations

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
    """A resolved actor: a person, organisation or state, with CAMEO-style codes."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "mentions": [list(span) for span in self.mentions],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A coded event: who did what to whom, traceable to its sentence span."""

    id: str
    source_actor_id: str | None
    target_actor_id: str | None
    cameo: str
    modality: str
    span: Span
    trigger: str
    explanation: str
    attributed_to_author: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_actor_id": self.source_actor_id,
            "target_actor_id": self.target_actor_id,
            "cameo": self.cameo,
            "modality": self.modality,
            "span": list(self.span),
            "trigger": self.trigger,
            "explanation": self.explanation,
            "attributed_to_author": self.attributed_to_author,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A direct or indirect quotation attributed to a speaker."""

    id: str
    speaker_actor_id: str | None
    speaker_span: Span | None
    cue_span: Span | None
    content_spans: tuple[Span, ...]
    content: str
    direct: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker_actor_id": self.speaker_actor_id,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "content_spans": [list(span) for span in self.content_spans],
            "content": self.content,
            "direct": self.direct,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Stance:
    """An actor's position toward a target in one period (cooperation > 0 > conflict)."""

    actor_id: str
    target_actor_id: str
    period: str
    score: float
    evidence_event_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor_id": self.actor_id,
            "target_actor_id": self.target_actor_id,
            "period": self.period,
            "score": self.score,
            "evidence_event_ids": list(self.evidence_event_ids),
        }


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
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
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
            "events": [event.to_dict() for event in self.events],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "stances": [stance.to_dict() for stance in self.stances],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from its public record (the inverse of ``to_dict``).

        Only the ingest and NLP fields are rebuilt; the lists filled by later
        stages are read back by those stages' own loaders.
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
