"""Stories and consolidated events: one story, many outlets; one event, many mentions.

Two steps, each a pure function over plain records (the store feeds them and
keeps what they return, see :func:`eventwatch.store.sqlite.Store.replace_consolidation`):

1. :func:`group_stories` — near-duplicate articles form a **story**.  Each
   article's body becomes a set of word shingles (:func:`shingles`, five words
   by default), summarised by a MinHash signature (:func:`signature`);
   ``datasketch``'s LSH index proposes candidate pairs and a pair whose
   estimated Jaccard similarity reaches ``threshold`` is joined.  Wire copies
   that differ in boilerplate, a dateline or a few edited words share most of
   their shingles and land in one story; articles about the same topic written
   independently do not.
2. :func:`consolidate_events` — the same event (same source actor, target actor,
   CAMEO code, modality and authorship, dates at most ``window_days`` apart)
   across a story's articles or across stories becomes one
   :class:`ConsolidatedEvent` carrying its :class:`EventMention` list, as
   GDELT keeps its Events and Mentions tables apart: ``num_mentions``,
   ``num_sources`` (distinct outlets), ``num_articles``, first and last seen.

Both are deterministic: the same input in the same order gives the same ids.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = [
    "DEFAULT_NUM_PERM",
    "DEFAULT_SHINGLE_WORDS",
    "DEFAULT_STORY_THRESHOLD",
    "ConsolidatedEvent",
    "EventMention",
    "EventRef",
    "Story",
    "consolidate_events",
    "group_stories",
    "outlet_of",
    "shingles",
    "signature",
    "signature_from_bytes",
]

DEFAULT_SHINGLE_WORDS = 5
DEFAULT_NUM_PERM = 128
DEFAULT_STORY_THRESHOLD = 0.6

_SCHEME = "affine32"  # datasketch 2's hashing scheme; stored signatures depend on it
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """Articles that are copies of one another (one wire story, many outlets)."""

    id: str
    article_keys: tuple[str, ...]  # article sha256s, in the order they were given


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRef:
    """What consolidation needs to know about one coded event in one article."""

    article_sha256: str
    event_id: str
    source_key: str  # the source actor's id, "" when the event has none
    target_key: str
    cameo: str
    modality: str
    attributed_to_author: bool
    date: datetime.date | None  # the event's date, else the article's
    published: datetime.date | None
    outlet: str  # publisher, else the URL's host, else the source path


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One article's report of a consolidated event (its provenance)."""

    article_sha256: str
    event_id: str
    story_id: str | None
    outlet: str
    published: datetime.date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsolidatedEvent:
    """One event however many articles report it, with every mention."""

    id: str
    source_key: str
    target_key: str
    cameo: str
    modality: str
    attributed_to_author: bool
    date: datetime.date | None  # the earliest date among the mentions
    mentions: tuple[EventMention, ...]

    @property
    def num_mentions(self) -> int:
        return len(self.mentions)

    @property
    def num_sources(self) -> int:
        return len({m.outlet for m in self.mentions})

    @property
    def num_articles(self) -> int:
        return len({m.article_sha256 for m in self.mentions})

    @property
    def first_seen(self) -> datetime.date | None:
        days = [m.published for m in self.mentions if m.published is not None]
        return min(days) if days else None

    @property
    def last_seen(self) -> datetime.date | None:
        days = [m.published for m in self.mentions if m.published is not None]
        return max(days) if days else None


# -- stories ----------------------------------------------------------------------------------


def shingles(text: str, *, size: int = DEFAULT_SHINGLE_WORDS) -> set[str]:
    """The ``size``-word shingles of ``text`` (words case-folded; punctuation ignored).

    A text shorter than ``size`` words gives one shingle of all its words
    (none for a text without words).
    """
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(
    text: str, *, num_perm: int = DEFAULT_NUM_PERM, size: int = DEFAULT_SHINGLE_WORDS
) -> bytes:
    """The MinHash signature of ``text``'s shingles, as bytes (to store beside the article)."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=num_perm, scheme=_SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(text, size=size))])
    return bytes(minhash.hashvalues.astype("<u8").tobytes())


def signature_from_bytes(data: bytes) -> object:
    """A ``datasketch.MinHash`` rebuilt from :func:`signature`'s bytes."""
    import numpy as np
    from datasketch import MinHash

    values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
    return MinHash(num_perm=len(values), hashvalues=values, scheme=_SCHEME)


def group_stories(
    signatures: Iterable[tuple[str, bytes]],
    *,
    threshold: float = DEFAULT_STORY_THRESHOLD,
) -> list[Story]:
    """Group articles ``(sha256, signature bytes)`` into stories of near-duplicates.

    Every article is in exactly one story (most stories have one article).  A
    story's id is ``story:`` and the first 16 hex digits of its first article's
    sha256; stories come in the order of their first article.
    """
    from datasketch import MinHashLSH

    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"story threshold {threshold} is not in (0, 1]")
    keys: list[str] = []
    hashes: list[object] = []
    for key, data in signatures:
        keys.append(key)
        hashes.append(signature_from_bytes(data))
    if not keys:
        return []
    num_perm = len(hashes[0].hashvalues)  # type: ignore[attr-defined]
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index_of = {key: i for i, key in enumerate(keys)}
    for i, (key, minhash) in enumerate(zip(keys, hashes, strict=True)):
        for other in lsh.query(minhash):
            j = index_of[other]
            if minhash.jaccard(hashes[j]) >= threshold:  # type: ignore[attr-defined]
                a, b = root(i), root(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        if key not in lsh:
            lsh.insert(key, minhash)
    members: dict[int, list[str]] = defaultdict(list)
    for i, key in enumerate(keys):
        members[root(i)].append(key)
    return [
        Story(id=f"story:{group[0][:16]}", article_keys=tuple(group))
        for _, group in sorted(members.items())
    ]


# -- events -----------------------------------------------------------------------------------


def outlet_of(*, publisher: str | None, url: str | None, source: str) -> str:
    """Who published an article, for counting sources: the publisher, the URL's host, the path."""
    if publisher:
        return publisher.strip().casefold()
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return source


def consolidate_events(
    refs: Iterable[EventRef],
    *,
    story_of: Mapping[str, str] | None = None,
    window_days: int = 1,
) -> list[ConsolidatedEvent]:
    """Merge the mentions of one event across articles into :class:`ConsolidatedEvent` records.

    Mentions with the same source, target, CAMEO code, modality and
    authorship are sorted by date; a run of mentions whose dates lie at most
    ``window_days`` after the run's first date is one event.  Undated mentions
    of the same key form one event of their own.  ``story_of`` maps an
    article's sha256 to its story id (kept on each mention).  Events come out
    in the order of their first mention in ``refs``.
    """
    stories = story_of or {}
    order: dict[tuple[str, str], int] = {}
    keyed: dict[tuple[str, str, str, str, bool], list[EventRef]] = defaultdict(list)
    for position, ref in enumerate(refs):
        order.setdefault((ref.article_sha256, ref.event_id), position)
        key = (ref.source_key, ref.target_key, ref.cameo, ref.modality, ref.attributed_to_author)
        keyed[key].append(ref)
    runs: list[list[EventRef]] = []
    for group in keyed.values():
        undated = [r for r in group if r.date is None]
        dated = sorted(
            ((r.date, order[(r.article_sha256, r.event_id)], r) for r in group if r.date),
            key=lambda item: (item[0], item[1]),
        )
        current: list[EventRef] = []
        start: datetime.date | None = None
        for day, _, ref in dated:
            if start is not None and (day - start).days > window_days:
                runs.append(current)
                current = []
            if not current:
                start = day
            current.append(ref)
        if current:
            runs.append(current)
        if undated:
            runs.append(undated)

    def first(run: Sequence[EventRef]) -> int:
        return min(order[(r.article_sha256, r.event_id)] for r in run)

    events: list[ConsolidatedEvent] = []
    for run in sorted(runs, key=first):
        run = sorted(run, key=lambda r: order[(r.article_sha256, r.event_id)])
        head = run[0]
        digest = hashlib.sha1(f"{head.article_sha256}:{head.event_id}".encode()).hexdigest()
        dates = [r.date for r in run if r.date is not None]
        events.append(
            ConsolidatedEvent(
                id=f"ev:{digest[:16]}",
                source_key=head.source_key,
                target_key=head.target_key,
                cameo=head.cameo,
                modality=head.modality,
                attributed_to_author=head.attributed_to_author,
                date=min(dates) if dates else None,
                mentions=tuple(
                    EventMention(
                        article_sha256=r.article_sha256,
                        event_id=r.event_id,
                        story_id=stories.get(r.article_sha256),
                        outlet=r.outlet,
                        published=r.published,
                    )
                    for r in run
                ),
            )
        )
    return events
