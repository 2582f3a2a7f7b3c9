"""Place mentions in a parsed Doc: which names are places, their roles, where a sentence is.

Reads: a spaCy ``Doc`` with entities (``GPE``, ``LOC``, ``FAC``, ``PERSON``) and a
dependency parse.  Produces :class:`~eventwatch.places.records.PlaceMention`
records (:func:`find_places`); :func:`sentence_location` picks the mention that
says where a sentence's event or statement happened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from eventwatch.nlp_lines import doc_text
from eventwatch.places.gazetteer import NO_CONTEXT, Context, Gazetteer
from eventwatch.places.names import clean, fold
from eventwatch.places.records import PlaceKind, PlaceMention, Role
from eventwatch.places.senses import NameSenses

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["PLACE_LABELS", "find_places", "mention_role", "sentence_location"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


_CLIMB_DEPS = frozenset({"conj", "appos"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A place in one of these relations stands for its government or people.
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp"})


_SPATIAL_ROLES = frozenset({"location", "origin", "destination"})


def _climb(token: Token) -> Token:
    """From a conjunct or apposition up to the word that carries the grammatical role."""
    while token.dep_ in _CLIMB_DEPS and token.head != token:
        token = token.head
    return token


def _modified_noun(token: Token) -> Token:
    """The noun a modifier hangs on ("Beijing" → "conference" in "a Beijing press conference")."""
    noun = token.head
    while noun.dep_ in _MODIFIER_DEPS and noun.head != noun:
        noun = noun.head
    return _climb(noun)


def _role(span: Span, gazetteer: Gazetteer) -> Role:
    token = _climb(span.root)
    dep = token.dep_
    if dep in _ACTOR_DEPS or (dep == "pobj" and token.head.dep_ == "agent"):
        return "actor"  # "Pyongyang revised ...", "Beijing's bullying", "... by Tokyo"
    if dep in _MODIFIER_DEPS:
        noun = _modified_noun(token)
        if (
            noun.dep_ == "pobj"
            and noun.lemma_.lower() in gazetteer._cue("event")
            and noun.head.lower_ in gazetteer._cue("location")
        ):
            return "location"
        return "mention"
    if dep == "pobj":
        preposition = token.head.lower_
        if preposition in gazetteer._cue("location"):
            return "location"
        if preposition in gazetteer._cue("origin"):
            return "origin"
        moving = token.head.head.lemma_.lower() in gazetteer._cue("motion")
        if preposition in gazetteer._cue("toward") and moving:
            return "destination"
        return "mention"
    if dep == "dobj" and token.head.lemma_.lower() in gazetteer._cue("visit"):
        return "location"
    return "mention"


def mention_role(span: Span, *, gazetteer: Gazetteer) -> Role:
    """The role of a place-name span in its sentence, from the dependency parse.

    ``actor``: the place stands for its government or people — the subject of a
    verb, the agent of a passive or a possessor ("Beijing remained obstructionist",
    "Pyongyang revised its constitution", "Beijing's bullying").  ``location``,
    ``origin``, ``destination``: the object of a place, source or goal preposition
    (``cues.tsv``), the object of a visiting verb, or the modifier of an event noun
    in a place phrase ("In a Beijing press conference").  ``mention``: anything else.
    """
    return _role(span, gazetteer)


def _candidate_spans(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Place-like entities, plus multi-word region names the NER missed ("Korean peninsula")."""
    spans: list[Span] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        span = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
        spans.append(span)
        taken.update(range(ent.start, ent.end))
    phrases = gazetteer._phrases
    index = 0
    while index < len(doc):
        token = doc[index]
        matched = 0
        if token.is_title or token.is_upper:
            for words, _place_id in phrases.get(fold(token.text), ()):
                end = index + len(words)
                if (
                    end <= len(doc)
                    and all(fold(doc[index + k].text) == word for k, word in enumerate(words))
                    and not taken.intersection(range(index, end))
                ):
                    matched = max(matched, len(words))
        if matched:
            spans.append(doc[index : index + matched])
            index += matched
        else:
            index += 1
    spans.sort(key=lambda span: span.start)
    return spans


def _qualifier(doc: Doc, span: Span, following: Span | None) -> Span | None:
    """The entity after "<span>, " that may name its state or country ("Paris, Texas")."""
    if following is None or span.end >= len(doc) or doc[span.end].text != ",":
        return None
    return following if following.start == span.end + 1 else None


def _followed_by_state(doc: Doc, span: Span) -> bool:
    return span.end < len(doc) and doc[span.end].lower_ == "state"


def _kind_hint(doc: Doc, span: Span) -> PlaceKind | None:
    """``admin1`` for "Washington state" and "the state of Washington", else ``None``."""
    if _followed_by_state(doc, span):
        return "admin1"
    before = doc[max(span.start - 2, 0) : span.start]
    if len(before) == 2 and before[0].lower_ == "state" and before[1].lower_ == "of":
        return "admin1"
    return None


def _person_names(doc: Doc) -> frozenset[str]:
    """Folded PERSON entities and their last words ("John Kerry" → "john kerry", "kerry")."""
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            names.add(fold(clean(ent.text)))
            if len(ent) > 1:
                names.add(fold(clean(ent[-1].text)))
    return frozenset(names)


# Context weight of the dateline's place ("WASHINGTON (Reuters) —"), per the article.
DATELINE_WEIGHT = 3


def _dateline(doc: Doc, spans: Sequence[Span]) -> Span | None:
    """The place of a news-agency dateline: the first name of the text, followed by a
    bracket, a dash or a comma and a state ("RENO, Nev. (AP) —")."""
    if not spans or spans[0].start > 2:
        return None
    span = spans[0]
    after = doc[span.end : span.end + 6].text
    return span if after[:1] in {"(", "—", "–", "-"} or "(" in after or "—" in after else None


def find_places(
    doc: Doc,
    *,
    gazetteer: Gazetteer,
    context_countries: Sequence[str] = (),
    senses: NameSenses | None = None,
) -> list[PlaceMention]:
    """Resolve the place names of a parsed Doc, in text order, with their roles.

    Two passes: names that resolve beyond doubt without context give the context
    (their countries, one per mention so that weight follows frequency, and their
    first-level divisions); then every name is resolved with that context.  Names
    that stay ambiguous are left out, and so is a name the text also uses for a
    person ("Kerry" after "John Kerry") unless a place preposition governs it.
    "Paris, Texas" is one mention of Paris, Texas: the qualifier is not repeated.

    ``context_countries`` are ISO3 codes the rest of the article already gives (its
    actors' countries, the publisher's country), one per unit of weight; the
    dateline's place counts :data:`DATELINE_WEIGHT` times.  A shared name listed in
    ``senses`` (default: the shipped ``senses.tsv``, "Georgia") takes the sense its
    article's cue words point at before any other rule.
    """
    table = senses if senses is not None else NameSenses.load()
    spans = _candidate_spans(doc, gazetteer)
    hints = [_kind_hint(doc, span) for span in spans]
    countries: list[str] = [code.upper() for code in context_countries]
    admin1: list[str] = []
    chosen = _sensed(doc, spans, table, gazetteer)
    dateline = _dateline(doc, spans)
    first_pass: dict[tuple[str, PlaceKind | None], tuple[int | None, bool]] = {}
    for position, (span, hint) in enumerate(zip(spans, hints, strict=True)):
        key = (span.text, hint)
        sure: int | None
        if position in chosen:
            sure, certain = chosen[position], True
        else:
            if key not in first_pass:
                first_pass[key] = gazetteer._resolve(span.text, NO_CONTEXT, kind=hint)
            sure, certain = first_pass[key]
        if sure is not None and certain and not gazetteer._small_city(sure):
            weight = DATELINE_WEIGHT if span is dateline else 1
            countries.extend(gazetteer._context_of(sure) * weight)
            division = gazetteer._admin1_of(sure)
            if division is not None:
                admin1.append(division)
    context = Context(countries=Counter(countries), admin1=Counter(admin1))
    people = _person_names(doc)
    resolved: dict[tuple[str, PlaceKind | None], int | None] = {}
    mentions: list[PlaceMention] = []
    skip: set[int] = set()
    for position, span in enumerate(spans):
        if position in skip:
            continue
        following = spans[position + 1] if position + 1 < len(spans) else None
        qualifier = _qualifier(doc, span, following)
        outer = None if qualifier is None else gazetteer._resolve(qualifier.text, context)[0]
        number = None if outer is None else gazetteer._qualified(fold(clean(span.text)), outer)[0]
        qualified = number is not None
        if number is None and position in chosen:
            number = chosen[position]
        if number is None:
            key = (span.text, hints[position])
            if key not in resolved:
                resolved[key] = gazetteer._resolve(span.text, context, kind=hints[position])[0]
            number = resolved[key]
        if number is None:
            continue
        if qualified or (outer is not None and outer == number):
            skip.add(position + 1)  # "Paris, Texas", "Washington, D.C.": one mention
        if _followed_by_state(doc, span):
            span = doc[span.start : span.end + 1]  # "Washington state": one mention
        role = _role(span, gazetteer)
        if role not in _SPATIAL_ROLES and fold(clean(span.text)) in people:
            continue
        sentence = span.sent
        mentions.append(
            PlaceMention(
                place=gazetteer._places[number],
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                role=role,
                sentence=(sentence.start_char, sentence.end_char),
            )
        )
    return mentions


def _sensed(
    doc: Doc, spans: Sequence[Span], senses: NameSenses, gazetteer: Gazetteer
) -> dict[int, int]:
    """Span position → place number, for shared names whose cue words decide them."""
    chosen: dict[int, int] = {}
    for position, span in enumerate(spans):
        if not senses.shared(span.text):
            continue
        text = doc_text(doc)
        sense = senses.decide(span.text, text=text, sentence=span.sent.text)
        number = None if sense is None else gazetteer._by_id.get(sense.place_id)
        if number is not None:
            chosen[position] = number
    return chosen


def _attachment_rank(span: Span, root: Token, gazetteer: Gazetteer) -> int | None:
    """How directly a location phrase locates the sentence's main event (0 best)."""
    token = _climb(span.root)
    if token.dep_ in _MODIFIER_DEPS:
        token = _modified_noun(token)
    if token.dep_ == "pobj":
        governor = token.head.head
    elif token.dep_ == "dobj":
        governor = token.head
    else:
        return None
    if governor == root:
        return 0
    if governor.pos_ in ("VERB", "AUX"):
        return 1 if governor.dep_ in _CLAUSE_DEPS and governor.head == root else 2
    if governor.lemma_.lower() in gazetteer._cue("event"):
        return 3
    if governor.dep_ in _SUBJECT_DEPS and governor.head == root:
        return 3  # "Officials in Washington said ..."
    if (
        governor.dep_ == "dobj"
        and governor.head == root
        and (governor.ent_type_ == "PERSON" or governor.lemma_.lower() in gazetteer._cue("person"))
    ):
        return 4  # "met the prime minister in Amman": the parser hung the place on the person
    return None


def sentence_location(
    doc: Doc,
    sentence: tuple[int, int],
    *,
    mentions: Sequence[PlaceMention],
    gazetteer: Gazetteer | None = None,
) -> PlaceMention | None:
    """Where the sentence's statement or event took place, when the text says so.

    ``sentence`` is the ``(start, end)`` character span of a sentence of ``doc``;
    ``mentions`` are :func:`find_places` results for ``doc``.  Among the
    sentence's ``location`` mentions, the one attached to the main verb wins, then
    one on a clause hanging on it ("Speaking in Seoul, he said"), then any verb,
    then an event noun ("meetings in Beijing") or the subject ("officials in
    Washington said"), then a person the main verb acts on ("met the minister in
    Amman").  A location inside a mere noun phrase ("capability in Asia") does not
    locate the sentence: ``None``.
    """
    start, end = sentence
    inside = [m for m in mentions if m.role == "location" and start <= m.start < end]
    if not inside:
        return None
    cues = gazetteer if gazetteer is not None else Gazetteer.load()
    best: tuple[int, PlaceMention] | None = None
    for mention in inside:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        rank = _attachment_rank(span, span.sent.root, cues)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, mention)
    return None if best is None else best[1]
