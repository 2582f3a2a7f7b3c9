"""Resolve the DATE and TIME entities of a parsed Doc, in text order.

Grows each entity by a meaningful preposition, a following "ago" or the "after" of
a past clause said from the present ("18 years after Washington invaded"), joins two
entities into one range ("from March to May 2012"), takes the tense of each from
its governing verb and the reference of sequences from the same paragraph.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from eventwatch.dates.expression import resolve_text
from eventwatch.dates.resolved import Reference, ResolvedDate, reference_of, to_resolved
from eventwatch.dates.tense import sentence_tense
from eventwatch.nlp_lines import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ENTITY_LABELS", "resolve_doc_dates"]

#: Entity labels whose spans are resolved by :func:`resolve_doc_dates`.  TIME
#: spans only resolve when they name a day ("last night", "Sunday morning").
ENTITY_LABELS = ("DATE", "TIME")


# Tokens just before a DATE entity that belong to the expression.
_LEADING_PREPOSITIONS = frozenset(
    {"in", "on", "at", "during", "over", "for", "within", "throughout", "by"}
)


# Words between two DATE entities that make them one range ("March to May 2012").
_RANGE_JOINERS = frozenset({"to", "through", "until", "till", "-", "–", "—"})
# Words before the first entity of such a range that belong to it.
_RANGE_OPENERS = frozenset({"from", "between"})


def resolve_doc_dates(doc: Doc, *, anchor: datetime.date | None) -> list[ResolvedDate]:
    """Resolve the DATE (and day-naming TIME) entities of a parsed ``doc``, in text order.

    A preposition just before an entity that changes its meaning ("in two
    weeks", "for years", "over the past week") is taken into the expression, and
    so is a following "ago"; two entities joined by "to"/"through"/"-" are read
    as one range ("from March to May 2012"); offsets are into ``doc.text``.  The
    tense of each expression comes from its governing verb
    (:func:`sentence_tense`); sequences ("three days later") count from the last
    date resolved in the same paragraph.  With no ``anchor`` only explicit dates
    ("May 2012", "April 16, 2013") resolve.  Expressions that resolve to no date
    are left out.
    """
    entities = [ent for ent in doc.ents if ent.label_ in ENTITY_LABELS]
    if not entities:
        return []
    text = doc_text(doc)
    resolved: list[ResolvedDate] = []
    index = 0
    while index < len(entities):
        ent = entities[index]
        found: ResolvedDate | None = None
        taken = 1
        if index + 1 < len(entities) and _joined(doc, ent, entities[index + 1]):
            found = _resolve_span(doc, text, ent, entities[index + 1], anchor, resolved)
            taken = 2
        if found is None:
            found = _resolve_span(doc, text, ent, None, anchor, resolved)
            taken = 1
        if found is not None:
            resolved.append(found)
        index += taken
    return resolved


def _expression_bounds(doc: Doc, ent: Span) -> tuple[int, int]:
    """Character bounds of ``ent`` grown by a meaningful preposition and "ago"."""
    start: int = ent.start_char
    end: int = ent.end_char
    if ent.start > 0:
        before = doc[ent.start - 1]
        if before.lower_ in _LEADING_PREPOSITIONS and not before.is_sent_end:
            start = before.idx
    if ent.end < len(doc):
        after = doc[ent.end]
        if after.lower_ == "ago" or _after_a_past_act(ent, after):
            end = after.idx + len(after.text)
    return start, end


_PRESENT = frozenset({"VBP", "VBZ"})
_HAVE = frozenset({"has", "have", "'s", "'ve"})


def _perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.lower_ in _HAVE for c in verb.children if c.dep_ == "aux")


def _after_a_past_act(ent: Span, after: Token) -> bool:
    """Whether ``ent`` (a span of time) and the "after" that follows it date the act of
    a past clause from now: "Roughly 13,000 US troops remain in Afghanistan, 18 years
    after Washington invaded the country" (the invasion is 18 years ago).  Read so only
    when the clause is in the past and the sentence it hangs on is in the present; "a
    week after the summit ends" and "returned in 2019, 18 years after it left" are not."""
    act = ent.root.head
    if after.lower_ != "after" or after.dep_ != "mark" or after.head != act:
        return False
    if ent.root.dep_ != "npadvmod" or act.dep_ != "advcl":
        return False
    if act.tag_ != "VBD" and not _perfect(act):
        return False
    main = act.head
    return main.tag_ in _PRESENT or _perfect(main)


def _joined(doc: Doc, first: Span, second: Span) -> bool:
    """Whether two DATE entities are the ends of one range ("March to May 2012")."""
    return second.start == first.end + 1 and doc[first.end].lower_ in _RANGE_JOINERS


def _resolve_span(
    doc: Doc,
    doc_text: str,
    first: Span,
    last: Span | None,
    anchor: datetime.date | None,
    earlier: Sequence[ResolvedDate],
) -> ResolvedDate | None:
    """Resolve one entity (or the range from ``first`` to ``last``) of ``doc``."""
    start, end = _expression_bounds(doc, first)
    if last is not None:
        end = _expression_bounds(doc, last)[1]
        if first.start > 0 and doc[first.start - 1].lower_ in _RANGE_OPENERS:
            start = doc[first.start - 1].idx
    text = doc_text[start:end]
    reference = _paragraph_reference(doc_text, start, earlier)
    hit = resolve_text(text, anchor=anchor, tense=sentence_tense(first), reference=reference)
    return None if hit is None else to_resolved(hit, text=text, start=start, end=end)


def _paragraph_reference(
    text: str, start: int, earlier: Sequence[ResolvedDate]
) -> Reference | None:
    """The last date resolved before ``start`` in the same paragraph, if any."""
    if not earlier:
        return None
    previous = earlier[-1]
    if "\n\n" in text[previous.end : start]:
        return None
    return reference_of(previous)
