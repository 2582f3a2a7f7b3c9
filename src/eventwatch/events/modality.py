"""Modality: did the coded event happen, or was it negated, proposed, demanded, …?

The cues live in ``eventwatch/data/events/modality.tsv``: negation words and
auxiliaries on the event verb, the verb that governs it through a complement
("offered to remove", "suggested that the U.S. could remove"), and
subordinating words ("if they attack").  :func:`modality_of` returns the
modality and the cue that decided, for the event's explanation.

``historical`` is decided by the caller from the event's date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from eventwatch.errors import ConfigError
from eventwatch.tables import packaged, read_rows, read_text

if TYPE_CHECKING:
    from spacy.tokens import Token

Modality = Literal[
    "asserted", "negated", "proposed", "demanded", "future", "hypothetical", "historical"
]
MODALITIES: tuple[str, ...] = (
    "asserted",
    "negated",
    "proposed",
    "demanded",
    "future",
    "hypothetical",
    "historical",
)
_PRIORITY = ("negated", "hypothetical", "demanded", "proposed", "future")
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "acomp", "advcl", "pcomp", "acl"})


@dataclass(frozen=True, slots=True)
class ModalityCues:
    neg: dict[str, str]
    aux: dict[str, str]
    head: dict[str, str]
    mark: dict[str, str]
    subject: dict[str, str] = field(default_factory=dict)


def load_cues(text: str, name: str = "modality.tsv") -> ModalityCues:
    tables: dict[str, dict[str, str]] = {
        "neg": {},
        "aux": {},
        "head": {},
        "mark": {},
        "subject": {},
    }
    for number, row in read_rows(text, name=name, columns=("cue", "kind", "modality")):
        cue, kind, modality = row["cue"].casefold(), row["kind"], row["modality"]
        if not cue:
            raise ConfigError(f"{name}:{number}: column 'cue' is empty")
        if kind not in tables:
            raise ConfigError(f"{name}:{number}: kind must be neg, aux, head, mark or subject")
        if modality not in MODALITIES:
            raise ConfigError(f"{name}:{number}: unknown modality {modality!r}")
        tables[kind][cue] = modality
    return ModalityCues(**tables)


@lru_cache(maxsize=1)
def cues() -> ModalityCues:
    """The shipped cues, read once."""
    return load_cues(read_text(packaged("data/events/modality.tsv")))


def _best(found: list[tuple[str, str]]) -> tuple[str, str] | None:
    for modality in _PRIORITY:
        for kind, cue in found:
            if kind == modality:
                return kind, cue
    return None


#: Nouns whose "of" phrase names what the noun's own act is about: "the threat of
#: tariffs" is a threat made (coded as the threat), not an act that may come
SELF_NAMED = frozenset({"threat", "warning"})


def _of_a_noun_of_chance(node: Token, table: ModalityCues) -> bool:
    """Is ``node`` the object of an "of" phrase on a noun the table reads as hypothetical
    ("his fear of being extradited", "the prospect of talks"), other than ``SELF_NAMED``?"""
    if node.dep_ not in {"pobj", "pcomp"} or node.head.dep_ != "prep" or node.head.lower_ != "of":
        return False
    noun = node.head.head
    lemma = noun.lemma_.casefold()
    return (
        noun.pos_ == "NOUN" and table.head.get(lemma) == "hypothetical" and lemma not in SELF_NAMED
    )


def modality_of(trigger: Token, *, table: ModalityCues | None = None) -> tuple[str, str]:
    """``(modality, reason)`` for an event whose trigger is ``trigger``.

    Looks at the trigger's own negation, auxiliaries and clause marker, then
    climbs through complement clauses to the verbs that govern it (at most three
    steps), so "offered to remove" is proposed and "refused to meet" negated; a
    conjunct climbs from its first conjunct ("threatened to assault and murder").
    """
    table = table or cues()
    found: list[tuple[str, str]] = []
    for child in trigger.children:
        word = child.lower_
        if child.dep_ == "neg" and word in table.neg:
            found.append((table.neg[word], f"negation '{child.text}'"))
        elif child.dep_ in {"aux", "auxpass"} and word in table.aux:
            found.append((table.aux[word], f"auxiliary '{child.text}'"))
        elif child.dep_ == "mark" and word in table.mark:
            found.append((table.mark[word], f"'{child.text}' clause"))
    found += _subject_cues(trigger, table)
    node = trigger
    for _ in range(3):
        while node.dep_ == "conj" and node.head != node:
            # "threatening to assault and murder": a later conjunct is governed as the
            # first is (the first's own verb is no governor: "threatened and attacked")
            node = node.head
        if (
            node.dep_ in {"pobj", "pcomp"}
            and node.head.dep_ == "prep"
            and node.head.lower_ in {"to", "from"}
        ):
            # "threatening to assault": the parser made the verb an object; "refrained
            # from criticizing": the verb is the preposition's complement
            node = node.head
        elif _of_a_noun_of_chance(node, table):
            # "his fear of being extradited", "the prospect of talks": the noun the "of"
            # phrase hangs on governs the act
            node = node.head
        elif node is trigger and node.pos_ == "NOUN" and node.dep_ == "dobj":
            # "avoided open criticism of …": an event noun a verb of not doing takes as
            # its object (only those: "pressed his attack" asks for nothing)
            if table.head.get(node.head.lemma_.casefold()) == "negated":
                found.append(("negated", f"governed by '{node.head.text}'"))
            break
        elif node.dep_ not in _COMPLEMENTS or node.head == node:
            break
        if any(c.tag_ in {"WDT", "WP", "WRB"} for c in node.children):
            break  # "asked what was condemned": an embedded question, not a request
        node = node.head
        lemma = node.lemma_.casefold()
        if lemma not in table.head and node.lower_ in table.head:
            lemma = node.lower_  # a word form listed for a lemmatizer slip ("hoped" → "hop")
        if lemma in table.head:
            found.append((table.head[lemma], f"governed by '{node.text}'"))
            if any(c.dep_ == "neg" for c in node.children):
                found.append(("negated", f"'{node.text}' is negated"))
            break
        if lemma == "be":
            # "his intention was only to arrest Moïse": the copula's subject governs
            subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and subject.lemma_.casefold() in table.head:
                cue = subject.lemma_.casefold()
                found.append((table.head[cue], f"'{subject.text} was to …'"))
                break
    if _is_question(trigger):
        found.append(("hypothetical", "a question"))
    best = _best(found)
    if best is None:
        return "asserted", "no modality cue"
    # "suggested that the U.S. could remove": a proposal, not a mere possibility
    if best[0] == "hypothetical" and any(kind == "proposed" for kind, _ in found):
        return next((k, c) for k, c in found if k == "proposed")
    return best


#: How a subject word hangs on the subject when it says no one did the act
_SUBJECT_DEPS = frozenset({"det", "preconj", "cc", "neg"})


def _subject_cues(trigger: Token, table: ModalityCues) -> list[tuple[str, str]]:
    """Cues in the subject of the trigger's clause (of its first conjunct, for a later
    one) that say no one did the act: "Neither Russia nor China condemned …", "No
    country voted against …", "Nobody attended …"."""
    if not table.subject:
        return []
    node = trigger
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    found: list[tuple[str, str]] = []
    for subject in (c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}):
        words = [subject, *subject.conjuncts]
        if subject.lower_ in table.subject:
            found.append((table.subject[subject.lower_], f"subject '{subject.text}'"))
        for word in words:
            for child in word.children:
                if child.dep_ in _SUBJECT_DEPS and child.lower_ in table.subject:
                    found.append((table.subject[child.lower_], f"subject '{child.text} …'"))
    return found


def _is_question(trigger: Token) -> bool:
    """Does the trigger's sentence end in a question mark outside quotation marks?"""
    sentence = trigger.sent
    words = [t for t in sentence if not t.is_space]
    if not words or words[-1].text != "?":
        return False
    marks = sum(1 for t in words if t.text in {'"', "“", "”"})
    return marks % 2 == 0 and not any(t.text in {"”", '"'} for t in words[-3:-1])
