"""The actors stage: resolved mentions grouped into the article's actors.

Needs: ``doc`` and ``article.published``.  Adds: ``article.actors`` — one
:class:`~eventwatch.records.Actor` per distinct actor, with every mention span
and how each was resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from eventwatch.actors.mentions import ResolvedMention
from eventwatch.actors.resolve import Resolver
from eventwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc


def group_mentions(mentions: Sequence[ResolvedMention]) -> tuple[Actor, ...]:
    """One actor per key, in order of first mention; an actor named in the text wins
    over the same actor reached only by inference."""
    grouped: dict[str, list[ResolvedMention]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        grouped.setdefault(mention.actor_key, []).append(mention)
    actors = []
    for key, items in grouped.items():
        named = [m for m in items if not m.inferred] or items
        first = named[0]
        actors.append(
            Actor(
                id=key,
                name=first.name,
                kind=first.kind,
                country=first.country,
                sector=first.sector,
                code=first.code,
                office=first.office,
                inferred=all(m.inferred for m in items),
                mentions=tuple((m.start, m.end) for m in items),
                mention_how=tuple(m.how for m in items),
            )
        )
    return tuple(actors)


MentionIndex = dict[int, tuple[Actor, int, int]]


def mention_index(doc: Doc, actors: Iterable[Actor]) -> MentionIndex:
    """token index → (actor, mention start, mention end), for the stages that read the
    actors back off the parse (events, quotes); where mentions overlap, the shorter wins."""
    index: MentionIndex = {}
    for actor in actors:
        for start, end in actor.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                known = index.get(token.i)
                if known is None or (end - start) < (known[2] - known[1]):
                    index[token.i] = (actor, start, end)
    return index


def resolve_actors(doc: Doc, *, resolver: Resolver, published: date | None) -> tuple[Actor, ...]:
    """The actors of one parsed article."""
    return group_mentions(resolver.resolve(doc, published=published))
