"""The actors stage: resolved mentions grouped into the article's actors.

Needs: ``doc`` and ``article.published``.  Adds: ``article.actors`` — one
:class:`~eventwatch.records.Actor` per distinct actor, with every mention span
and how each was resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from eventwatch.actors.kb import KnowledgeBase
from eventwatch.actors.mentions import ResolvedMention
from eventwatch.actors.resolve import Resolver
from eventwatch.records import Actor, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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


def owners_of_associates(
    heads: Iterable[Token], mentions: MentionIndex, associates: frozenset[str]
) -> set[int]:
    """The token indices of the possessive owners of those ``heads`` that are nouns for the
    people around an actor (``associates``) and name no actor themselves: in "Trump's
    supporters said …" the owner "Trump's" is neither the speaker nor the doer."""
    return {
        t.i
        for head in heads
        if head.i not in mentions and head.lemma_.casefold() in associates
        for owner in head.children
        if owner.dep_ == "poss"
        for t in owner.subtree
    }


def named_apposition(token: Token, mentions: MentionIndex) -> Token | None:
    """The name in apposition beside ``token`` that names an actor, read before any
    owner in the phrase: "His top aide, Kellyanne Conway," is Conway, not "His"."""
    return next((c for c in token.children if c.dep_ == "appos" and c.i in mentions), None)


def named_first(token: Token, mentions: MentionIndex) -> list[Token]:
    """``token`` and the name in apposition beside it, in the order a side or a speaker
    is read: the name first where the token is a common noun ("His top aide, Kellyanne
    Conway," is Conway, neither the aide nor "His"), the token first where it is a name
    itself ("Trump, the nominee,")."""
    named = named_apposition(token, mentions)
    if named is None:
        return [token]
    if named.pos_ == "PROPN" and token.pos_ != "PROPN":
        return [named, token]
    return [token, named]


def resolve_actors(doc: Doc, *, resolver: Resolver, published: date | None) -> tuple[Actor, ...]:
    """The actors of one parsed article."""
    return group_mentions(resolver.resolve(doc, published=published))


def article_countries(article: Article, *, kb: KnowledgeBase) -> tuple[str, ...]:
    """The countries an article's actors and publisher point at, as context for its places.

    One entry per distinct actor country (a country, a group, a person, an
    institution), and one for the publisher's country when the knowledge base
    knows the publisher ("Haaretz" → ISR): the places stage weighs them with the
    place names themselves, so that "Los Alamos" in a US article is not in Chile.
    """
    countries = dict.fromkeys(
        actor.country for actor in article.actors if actor.country and len(actor.country) == 3
    )
    if article.publisher:
        for known in kb.lookup(article.publisher):
            if known.country and len(known.country) == 3:
                countries[known.country] = None
                break
    return tuple(countries)
