"""Which events an export writes, and the :class:`ExportItem` each row is built from."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from eventwatch.records import Article, Event
from eventwatch.store.stories import MentionCounts

__all__ = ["DEFAULT_MODALITIES", "ExportItem", "event_number", "event_rows", "export_items"]

DEFAULT_MODALITIES: tuple[str, ...] = ("asserted",)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportItem:
    """One exported event: the article and event it is read from, and its mention counts.

    ``counts`` is ``None`` for an event that was never consolidated (a list of
    articles rather than a store): it then counts one mention in one article.
    """

    article: Article
    event: Event
    counts: MentionCounts | None = None

    @property
    def global_id(self) -> str:
        """The consolidated event's id, else the event's own."""
        return self.counts.global_id if self.counts else self.event.id


def event_number(event_id: str) -> int:
    """A stable positive integer for an event id: the first 15 hex digits of its SHA-1.

    GDELT and ICEWS want integer event ids; 60 bits fit a signed 64-bit column.
    """
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _keep(modalities: Collection[str] | None) -> frozenset[str] | None:
    if modalities is None:
        return None
    from eventwatch.events.modality import MODALITIES

    keep = frozenset(modalities)
    unknown = sorted(keep - set(MODALITIES))
    if unknown:
        raise ValueError(
            f"unknown modality {', '.join(map(repr, unknown))}; choose from {', '.join(MODALITIES)}"
        )
    return keep


def export_items(
    articles: Iterable[Article],
    *,
    include_authored: bool = False,
    modalities: Collection[str] | None = DEFAULT_MODALITIES,
    counts: Mapping[tuple[str, str], MentionCounts] | None = None,
) -> Iterator[ExportItem]:
    """Yield one :class:`ExportItem` per exported event, in article then event order.

    Left out: events an opinion piece attributes to its own author (unless
    ``include_authored``), and events whose modality is not in ``modalities``
    (default: asserted only; ``None`` keeps all).  With ``counts`` (from
    :meth:`eventwatch.store.Store.mention_counts`) an event reported by several
    articles is written once, from its first mention, with its counts.
    An unknown modality name is a ``ValueError``, raised at once.
    """
    keep = _keep(modalities)
    return _select(articles, include_authored, keep, counts)


def _select(
    articles: Iterable[Article],
    include_authored: bool,
    keep: frozenset[str] | None,
    counts: Mapping[tuple[str, str], MentionCounts] | None,
) -> Iterator[ExportItem]:
    for article in articles:
        for event in article.events:
            if event.attributed_to_author and not include_authored:
                continue
            if keep is not None and event.modality not in keep:
                continue
            found = counts.get((article.sha256, event.id)) if counts else None
            if found is not None and found.position != 0:
                continue  # a further mention of an event written from its first
            yield ExportItem(article=article, event=event, counts=found)


def event_rows(
    articles: Iterable[Article],
    *,
    include_authored: bool = False,
    modalities: Collection[str] | None = DEFAULT_MODALITIES,
) -> Iterator[tuple[Article, Event]]:
    """``(article, event)`` for every exported event (see :func:`export_items`)."""
    items = export_items(articles, include_authored=include_authored, modalities=modalities)
    return ((item.article, item.event) for item in items)
