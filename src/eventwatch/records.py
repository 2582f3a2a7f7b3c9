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
import types
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from functools import cache
from typing import (
    Any,
    ClassVar,
    Literal,
    Self,
    Union,
    cast,
    get_args,
    get_origin,
    get_type_hints,
)

Genre = Literal["news", "opinion", "analysis", "unknown"]
SourceKind = Literal["text", "html", "jsonl"]
Span = tuple[int, int]

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (to JSON, from JSON)


def _same(value: Any) -> Any:
    return value


def _codec(hint: Any) -> Codec:
    """How a field of type ``hint`` goes to JSON and back: spans and tuples as
    lists, dates as ISO strings, records as their dicts; numbers coerced."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        dump, load = _codec(inner)
        if dump is _same and load is _same:
            return (_same, _same)
        return (
            lambda v: None if v is None else dump(v),
            lambda v: None if v is None else load(v),
        )
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        dump, load = _codec(args[0])
        if dump is _same and load is _same:
            return (list, tuple)
        return (lambda v: [dump(x) for x in v], lambda v: tuple(load(x) for x in v))
    if hint == Span:
        return (list, lambda v: (int(v[0]), int(v[1])))
    if origin is tuple:
        parts = [_codec(a) for a in args]
        return (
            lambda v: [d(x) for (d, _), x in zip(parts, v, strict=True)],
            lambda v: tuple(ld(x) for (_, ld), x in zip(parts, v, strict=True)),
        )
    if hint is datetime.date:
        return (lambda v: v.isoformat(), datetime.date.fromisoformat)
    if hint in (int, float, bool):
        return (_same, hint)
    if isinstance(hint, type) and issubclass(hint, Record):
        return (lambda v: v.to_dict(), hint.from_dict)
    if hint in (str, Any) or origin in (Literal, dict):
        return (_same, _same)
    raise TypeError(f"no JSON form for a record field of type {hint!r}")


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]
    has_default: bool
    optional: bool  # None is a value it may take


@cache
def _fields(cls: Any) -> tuple[_Field, ...]:  # a record class
    hints = get_type_hints(cls)
    found: list[_Field] = []
    for item in fields(cls):
        if item.metadata.get("json") is False:
            continue
        hint = hints[item.name]
        optional = get_origin(hint) in (Union, types.UnionType) and type(None) in get_args(hint)
        has_default = item.default is not MISSING or item.default_factory is not MISSING
        dump, load = _codec(hint)
        found.append(_Field(item.name, dump, load, has_default, optional))
    return tuple(found)


class Record:
    """The JSON form every record shares, worked out from its field types.

    ``to_dict`` gives each field in declaration order (spans and tuples as
    lists, dates as ISO strings, nested records as dicts); ``from_dict`` is its
    inverse and also reads older records: a missing field takes its default,
    or ``None`` where the field may be empty.
    """

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for f in _fields(cast(Any, type(self))):
            value = getattr(self, f.name)
            record[f.name] = value if f.dump is _same or value is None else f.dump(value)
        return record

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        values: dict[str, Any] = {}
        for f in _fields(cast(Any, cls)):
            if f.name in data:
                values[f.name] = f.load(data[f.name])
            elif f.optional and not f.has_default:
                values[f.name] = None
            elif not f.has_default:
                raise KeyError(f"a {cls.__name__} record needs {f.name!r}")
        return cls(**values)


@dataclass(frozen=True, slots=True, kw_only=True)
class Author(Record):
    """A person (or agency) credited with writing an article."""

    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity(Record):
    """A named-entity span found by the NLP stage, offsets into ``Article.text``."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor(Record):
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

    def as_event_actor(self, span: Span | None = None) -> EventActor:
        """The actor as one side of an event or quote, named by the words at ``span``."""
        return EventActor(
            actor_id=self.id,
            name=self.name,
            country=self.country,
            sector=self.sector,
            code=self.code,
            span=span,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Place(Record):
    """A place named in the text, geocoded; ``roles`` align with ``mentions``."""

    id: str
    name: str
    kind: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: tuple[Span, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention(Record):
    """A date expression resolved against the article date: a day and its period."""

    text: str
    start: int
    end: int
    date: datetime.date
    end_date: datetime.date
    period: str
    relative: bool
    rule: str


@dataclass(frozen=True, slots=True, kw_only=True)
class EventActor(Record):
    """One side of an event: the actor and the words that named it."""

    actor_id: str
    name: str
    country: str | None
    sector: str | None
    code: str | None
    span: Span | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Plover(Record):
    """The PLOVER reading of an event: type, mode and context."""

    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPlace(Record):
    """Where an event happened, when the sentence says so."""

    place_id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Record):
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
    cameo_name: str = ""
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Record):
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Stance(Record):
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim(Record):
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Article(Record):
    """One document after ingest: clean body text plus metadata.

    ``id`` is the JSONL ``id`` or the file name without its extension;
    ``sha256`` is the hash of ``text`` and keys the article in the store, so the
    same body ingested twice is stored once.  All spans in the later lists are
    character offsets into ``text``.  ``to_dict`` is the public JSON record
    (``schema/article.schema.json``) with every list a stage adds, and
    ``from_dict`` reads it back; ``extra`` stays out of it.
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
    notes: tuple[str, ...] = ()  # what the pipeline left undone and why
    extra: dict[str, Any] = field(default_factory=dict, metadata={"json": False})


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure(Record):
    """An input item that could not be processed; the batch goes on without it."""

    item: str
    stage: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.item}:{self.line}" if self.line is not None else self.item
        return f"{where}: {self.stage}: {self.message}"
