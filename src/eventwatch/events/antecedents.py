"""The act a reaction names again: its doer is the reaction's target.

"The EU imposed sanctions on Belarus. … Belarus rejected the sanctions": the
sanctions are the EU's act, so the rejection is aimed at the EU.  A reaction
verb (``reaction`` in ``data/events/frames.tsv``: reject, welcome, condemn …)
whose direct object is a noun for an act (``data/events/act_nouns.tsv``) with a
definite determiner ("the", "this", "these" …) and no actor of its own points
back to an act the article has already told.  When the event coded at that verb
has no target, its target is the source of the nearest earlier event of the
article, a few sentences back at most, whose act the noun can name: one of the
noun's CAMEO roots, or the noun's own lemma as the earlier trigger's ("the
arrests" → "arrested").

Needs: the article's parse and its coded events (text order).  Adds: targets of
reaction events that had none, with the reason in the explanation.  Nothing
else changes: no event is added or dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwatch.errors import ConfigError
from eventwatch.nlp_lines import sentences
from eventwatch.tables import packaged, read_rows, read_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Token

    from eventwatch.records import Event

#: Determiners that point back to something already told
POINTING = frozenset({"the", "this", "these", "that", "those"})

#: How far back (in sentences) an act may have been told
REACH = 8

#: Roots that report or ask rather than do: never the act a noun names again
SAYING = frozenset({"01", "02"})

#: Roots of words, not deeds (demands, disapproval, rejections, threats): not what a
#: noun of any act ("the decision", "the move") names, only what a noun of their own
#: root names
WORDS = frozenset({"10", "11", "12", "13"})


@dataclass(frozen=True, slots=True)
class ActNouns:
    """Nouns that name an act, with the CAMEO roots of the acts each can name (an
    empty set: any deed, not a statement, an appeal or words of 10-13)."""

    roots: dict[str, frozenset[str]]


def load_act_nouns(text: str, name: str = "act_nouns.tsv") -> ActNouns:
    roots: dict[str, frozenset[str]] = {}
    for number, row in read_rows(text, name=name, columns=("noun", "roots")):
        noun = row["noun"].casefold()
        if not noun:
            continue
        cell = row["roots"]
        codes = frozenset() if cell == "*" else frozenset(c.strip() for c in cell.split(","))
        if any(len(c) != 2 or not c.isdigit() or not "01" <= c <= "20" for c in codes):
            raise ConfigError(
                f"{name}:{number}: roots must be * or CAMEO roots 01-20, not {cell!r}"
            )
        roots[noun] = codes
    return ActNouns(roots=roots)


@lru_cache(maxsize=1)
def act_nouns() -> ActNouns:
    return load_act_nouns(read_text(packaged("data/events/act_nouns.tsv")))


def named_act(verb: Token, reactions: frozenset[str], nouns: ActNouns) -> Token | None:
    """The definite act noun ``verb`` reacts to, if it names no actor of its own."""
    if verb.pos_ != "VERB" or verb.lemma_.casefold() not in reactions:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.casefold() not in nouns.roots:
        return None
    children = list(obj.children)
    if not any(c.dep_ == "det" and c.lower_ in POINTING for c in children):
        return None
    # "the EU's sanctions", "the Russian strikes", "the sanctions on Minsk by the EU",
    # "the sanctions that the EU imposed": the phrase says whose act it is (the coder
    # reads it), or is no plain pointer; a relative clause whose subject is its relative
    # word only describes the act ("the sanctions, which also list three firms")
    if any(c.dep_ in {"poss", "compound", "amod", "prep", "acl"} for c in children):
        return None
    if any(c.dep_ == "relcl" and not _describes(c) for c in children):
        return None
    return obj


def _describes(clause: Token) -> bool:
    """A relative clause whose subject is its relative word ("which also list …")."""
    return any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"WDT", "WP"} for c in clause.children
    )


def fill_named_targets(
    doc: Doc,
    events: Sequence[Event],
    *,
    reactions: frozenset[str],
    nouns: ActNouns | None = None,
) -> list[Event]:
    """``events`` with the reactions' targets read back (the module's text)."""
    nouns = nouns or act_nouns()
    starts = [s.start_char for s in sentences(doc)]  # line breaks end sentences too
    out = list(events)
    numbers = [_sentence_number(starts, e.sentence[0]) for e in out]
    for index, event in enumerate(out):
        if event.target is not None or event.source is None or event.attributed_to_author:
            continue
        span = doc.char_span(*event.trigger_span, alignment_mode="expand")
        noun = named_act(span.root, reactions, nouns) if span is not None else None
        if noun is None:
            continue
        roots = nouns.roots[noun.lemma_.casefold()]
        earlier = [
            other
            for other, number in zip(out[:index], numbers[:index], strict=True)
            if other.sentence[0] < event.sentence[0]
            and numbers[index] - number <= REACH
            and _names(other, noun, roots)
            and other.source is not None
            and other.source.actor_id != event.source.actor_id
            and not other.attributed_to_author
        ]
        if not earlier:
            continue
        act = max(earlier, key=lambda e: e.trigger_span[0])
        out[index] = replace(
            event,
            target=act.source,
            explanation=(
                f"{event.explanation}; target: who did '{noun.text}', "
                f"{act.cameo} at '{act.trigger}'"
            ),
        )
    return out


def _names(act: Event, noun: Token, roots: frozenset[str]) -> bool:
    """Can ``noun`` name the earlier ``act``?"""
    if act.cameo_root in SAYING or act.modality in {"negated", "hypothetical"}:
        return False
    if act.trigger.casefold() == noun.lower_ or _stem(act.trigger) == _stem(noun.text):
        return True  # "arrested" … "the arrests"
    return act.cameo_root in roots if roots else act.cameo_root not in WORDS


def _stem(word: str) -> str:
    """A crude common stem of a verb form and a noun ("arrested"/"arrests" → "arrest")."""
    word = word.casefold()
    for ending in ("ments", "ment", "ions", "ion", "ed", "es", "s", "ing"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _sentence_number(starts: Sequence[int], start: int) -> int:
    return bisect_right(starts, start) - 1
