"""Claims: an actor's reported belief that another actor will act."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwatch.actors.stage import mention_index
from eventwatch.quotes.lexicon import ClaimCues, claim_cues
from eventwatch.quotes.parse import (
    SUBJECTS,
    MentionIndex,
    _date_for,
    _event_actor,
    _span_of,
    _subject,
)
from eventwatch.records import Article, Claim, EventActor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})


def _claim_complement(cue: Token) -> Token | None:
    """The clause a belief cue takes: its own ``ccomp``, or the copula's for an adjective."""
    for node in (cue, cue.head) if cue.dep_ == "acomp" else (cue,):
        for child in node.children:
            if child.dep_ == "ccomp":
                return child
    return None


def _acts(clause: Token) -> bool:
    """The clause says someone will (or would, could, is set to) act."""
    for token in clause.subtree:
        if token.lower_ in MODALS and token.dep_ in {"aux", "auxpass"}:
            return True
        if token.tag_ == "TO" and token.head.pos_ == "VERB":
            return True
        if token.lower_ == "going" and any(c.tag_ == "TO" for c in token.subtree):
            return True
    return False


def extract_claims(
    doc: Doc, *, article: Article, cues: ClaimCues | None = None
) -> tuple[Claim, ...]:
    """Actors' reported beliefs that another actor will act, in text order."""
    lexicon = cues or claim_cues()
    mentions = mention_index(doc, article.actors)
    claims: list[Claim] = []
    for token in doc:
        lemma = token.lemma_.casefold()
        if token.pos_ == "ADJ" and lemma in lexicon.adjectives:
            holder = token.head if token.dep_ == "acomp" else token
        elif token.pos_ == "VERB" and lemma in lexicon.verbs:
            holder = token
        else:
            continue
        clause = _claim_complement(token)
        if clause is None or not _acts(clause):
            continue
        claimant_token = _subject(holder)
        subject_token = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        if claimant_token is None or subject_token is None:
            continue
        claimant = _actor_at(claimant_token, mentions)
        subject = _actor_at(subject_token, mentions)
        if claimant is None or subject is None or claimant.actor_id == subject.actor_id:
            continue
        span = _span_of(list(clause.subtree))
        if span is None:
            continue
        sentence = token.sent
        roots = [
            event.cameo_root
            for event in article.events
            if span[0] <= event.trigger_span[0] and event.trigger_span[1] <= span[1]
        ]
        when = _date_for(token, sentence, [span], article.dates)
        claims.append(
            Claim(
                id=f"{article.sha256[:12]}:c{len(claims)}",
                claimant=claimant,
                subject=subject,
                text=article.text[span[0] : span[1]],
                span=span,
                sentence=(sentence.start_char, sentence.end_char),
                cameo_root=roots[0] if roots else None,
                date=when.date if when else None,
            )
        )
    return tuple(claims)


def _actor_at(token: Token, mentions: MentionIndex) -> EventActor | None:
    for candidate in [token, *token.subtree]:
        if candidate.i in mentions:
            return _event_actor(mentions[candidate.i])
    return None
