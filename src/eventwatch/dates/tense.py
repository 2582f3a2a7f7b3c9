"""The tense of the verb that governs a date expression: past, present or future.

Reads: a span of a parsed spaCy ``Doc`` (its dependency heads, tags, lemmas and
auxiliaries).  The tense settles the ambiguous expressions: "this Sunday" in
"which ended this Sunday" is the Sunday before the article, in "will meet this
Sunday" the one after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Tense", "sentence_tense"]

Tense = Literal["past", "present", "future"]


# Verbs whose infinitive complement points ahead ("plans to meet on Sunday").
_FUTURE_GOVERNORS = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "intend",
        "aim",
        "set",
        "hope",
        "prepare",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "agree",
        "due",
        "slate",
    }
)


def sentence_tense(span: Span) -> Tense | None:
    """The tense of the verb governing ``span``, or ``None`` when there is none.

    Walks from the span's root up the dependency heads to the first verb.
    Future: a modal auxiliary (will, shall, would, may, ...; "could have gone" is
    past), "going to"/"about to", an infinitive under a verb of intent ("plans
    to", "is scheduled to") or a headline infinitive ("Kerry to visit Seoul").
    Past: a past-tense verb or auxiliary (VBD), a perfect (has/had + VBN) or a
    bare participle ("the law passed last month").  Present: other finite verbs.
    A participle or infinitive that settles nothing defers to the verb above it.
    """
    try:
        token: Token = span.root
        for _ in range(24):
            if _is_verb(token) and not (span.start <= token.i < span.end):
                tense = _verb_tense(token)
                if tense != "defer":
                    return tense
            if token.head.i == token.i:
                return None
            token = token.head
    except (AttributeError, IndexError):
        return None
    return None


def _is_verb(token: Token) -> bool:
    tag: str = token.tag_
    return (tag.startswith("VB") or tag == "MD") and token.dep_ not in ("aux", "auxpass")


def _verb_tense(verb: Token) -> Tense | Literal["defer"]:
    """Tense of one verb from its tag and auxiliaries; "defer" to ask its head."""
    tag: str = verb.tag_
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if tag == "MD":
        return "future"
    modals = [aux for aux in auxiliaries if aux.tag_ == "MD"]
    if modals:
        perfect = tag == "VBN" and any(aux.lemma_ == "have" for aux in auxiliaries)
        modal = modals[0].lower_
        if perfect and modal not in ("will", "shall", "'ll"):
            return "past"
        return "future"
    if verb.lemma_ in ("go", "about") and any(
        child.dep_ == "xcomp" and any(grand.lower_ == "to" for grand in child.children)
        for child in verb.children
    ):
        return "future"
    if tag == "VB" and any(aux.lower_ == "to" for aux in auxiliaries):
        head = verb.head
        if head.i == verb.i:
            return "future"  # headline infinitive: "Kerry to visit Seoul on Sunday"
        if head.lemma_ in _FUTURE_GOVERNORS or (head.lemma_ == "go" and head.tag_ == "VBG"):
            return "future"
        return "defer"
    if (
        tag == "VBN"
        and verb.lemma_ in _FUTURE_GOVERNORS
        and any(aux.dep_ == "auxpass" for aux in auxiliaries)
    ):
        if any(aux.tag_ == "VBD" for aux in auxiliaries):
            return "present"  # "was scheduled for May 3": a plan either side, the nearest
        return "future"  # "the vote is scheduled for next Tuesday"
    finite = next((aux for aux in auxiliaries if aux.lower_ != "to"), None)
    if finite is not None:
        if finite.tag_ == "VBD":
            return "past"
        if finite.lemma_ == "have" and tag == "VBN":
            return "past"  # present perfect reports the past
        if finite.tag_ in ("VBZ", "VBP"):
            return "present"
        return "defer"
    if tag in ("VBD", "VBN"):
        return "past"
    if tag in ("VBZ", "VBP"):
        return "present"
    return "defer"
