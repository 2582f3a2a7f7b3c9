"""The quotes stage: who said (or thinks) what, over the dependency parse.

Needs: ``doc`` (the parse of ``article.text``), ``article.actors``,
``article.dates``, ``article.events``.  Adds: ``article.quotes`` and
``article.claims``.

A quote has three parts, as in the PolNeAR attribution corpus: the **source**
(the speaker's noun phrase), the **cue** (the verb or phrase that attributes)
and the **content** (the attributed material).  They are found by these rules,
in this order:

1. **quotation marks** — curly (“ ”), straight (") and TeX-style (`` '') marks
   are paired within a paragraph; a quotation left open at the end of a
   paragraph goes on when the next paragraph opens with a mark (the news
   convention for quotes over several paragraphs), else ends there.
2. **cue verbs** — every verb whose lemma is a ``verb`` cue of
   ``data/quotes/cues.tsv`` and that stands outside quotation marks.  Its
   source is its subject's phrase (the ``by`` phrase of a passive; the subject
   of the verb it hangs on for "..., saying ...", "... and said ..."), its
   content its clausal complement (``ccomp``; an open ``to`` complement for
   "vowed to ...").  A quotation in the same sentence (before or after the
   verb; "Name said: “...”"; "“...,” Name said") is the content when the
   complement lies inside it: a **direct** quote.  A complement that only
   contains a quotation ("asserted that the danger was "for a mistake ..."")
   is one **indirect** quote whose content runs over the partial quotation
   (``direct=False``).
3. **"according to X"** — X is the source, the rest of the clause the content.
   Then attitudes: an ``adj`` cue after a copula with a clause or a
   prepositional object ("are concerned that ...", "is critical of ..."); a
   ``raising`` verb ("seemed to be shrinking": subject and complement are the
   content, no source unless "to X"); a headline "Name: content" at a
   paragraph start.  An ``object`` cue followed by a preposition takes it into
   the cue ("voted for" Clinton).
4. **cue nouns** — "his desire to ...", "Kerry's claim that ...": the
   possessor is the source, the clause the content.
5. **quotations left over** — a quotation that opens the sentence right after
   a quote goes on that quote ("“...,” she said. “...”": one quote, two
   content spans); "“...” —Name" takes the name after the dash as its source.
   Other quotations of eight words or more are kept without a speaker;
   shorter ones (scare quotes, titles) are not quotes.

A cue inside another quote's content is part of that content, not a quote of
its own (PolNeAR's attributions do not nest either).

The speaker is the actor the actors stage resolved at the source phrase (its
head first, then any word of it), so pronouns and "the secretary" come out as
the person.  A quote's date is a date expression attached to the cue; its
location is the sentence's, from ``locate``; ``event_ids`` are the events
whose trigger lies in the content or is the cue.

:func:`extract_claims` reads the narrower case of an actor's belief that
another actor will act ("Kerry is hopeful that Beijing ... enough to turn the
screws on its ally"): a cue of ``data/quotes/claims.tsv`` whose complement has
an actor for its subject (not the claimant) and a modal, future or
infinitival verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from eventwatch.actors.stage import mention_index
from eventwatch.records import Actor, Article, Claim, DateMention, EventActor, EventPlace, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "ClaimCues",
    "CueLexicon",
    "claim_cues",
    "cue_lexicon",
    "extract_claims",
    "extract_quotes",
    "find_quotations",
    "load_claim_cues",
    "load_cue_lexicon",
]

Locate = Callable[["Doc", "Span"], EventPlace | None]
CharSpan = tuple[int, int]

CONTENT_SEPARATOR = " … "
MIN_UNATTRIBUTED_WORDS = 8
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "acl"})
CUE_MODIFIERS = frozenset({"aux", "auxpass", "neg", "advmod"})
LINK_DEPS = frozenset({"ccomp", "parataxis", "dobj", "xcomp", "advcl", "conj"})
OBJECT_PREPS = frozenset({"of", "as", "for", "on", "to", "about", "against"})
ADJ_PREPS = frozenset({"of", "about", "with", "on", "to", "for", "in"})
COPULAS = frozenset({"be", "become", "remain", "seem", "appear", "sound", "look", "feel", "grow"})
RAISING_COMPLEMENTS = frozenset({"xcomp", "acomp", "ccomp", "oprd", "attr"})
HEADLINE_WORDS = 6
RELATIVE_TAGS = frozenset({"WP", "WDT"})
MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})
OPENING = {"“": "”", '"': '"', "``": "''", "«": "»"}
MARK_RE = re.compile(r"``|''|[“”\"«»]")
DASH_RE = re.compile(r"\s*(?:—|–|--|-)\s*")
TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,400}>")  # markup left in the text (<tweet author="...">)
BREAKS = frozenset({"—", "–", "--", ":"})
QUOTE_TOKENS = frozenset({'"', "“", "”", "``", "''", "«", "»"})


# -- the lexicons ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The cue words: verb and noun lemmas, fixed phrases (lower case)."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[str, ...]
    object_verbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    raising: frozenset[str] = frozenset()


def _rows(text: str) -> Iterator[list[str]]:
    """The cells of a TSV data file: comments, blank lines and the header skipped."""
    header = True
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        yield [cell.strip() for cell in line.split("\t")]


def load_cue_lexicon(text: str) -> CueLexicon:
    """Parse ``cues.tsv`` (lemma, kind, note); ``object`` verbs are verbs too."""
    kinds: dict[str, set[str]] = {
        "verb": set(),
        "object": set(),
        "noun": set(),
        "phrase": set(),
        "adj": set(),
        "raising": set(),
    }
    for cells in _rows(text):
        if len(cells) >= 2 and cells[0] and cells[1] in kinds:
            kinds[cells[1]].add(cells[0].casefold())
    return CueLexicon(
        verbs=frozenset(kinds["verb"] | kinds["object"]),
        nouns=frozenset(kinds["noun"]),
        phrases=tuple(sorted(kinds["phrase"])),
        object_verbs=frozenset(kinds["object"]),
        adjectives=frozenset(kinds["adj"]),
        raising=frozenset(kinds["raising"]),
    )


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The shipped cue lexicon (``data/quotes/cues.tsv``), loaded once."""
    source = resources.files("eventwatch").joinpath("data/quotes/cues.tsv")
    return load_cue_lexicon(source.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class ClaimCues:
    """Belief and expectation cues: verb lemmas and adjectives."""

    verbs: frozenset[str]
    adjectives: frozenset[str]


def load_claim_cues(text: str) -> ClaimCues:
    """Parse ``claims.tsv`` (lemma, kind, note)."""
    verbs: set[str] = set()
    adjectives: set[str] = set()
    for cells in _rows(text):
        if len(cells) >= 2 and cells[0]:
            (adjectives if cells[1] == "adj" else verbs).add(cells[0].casefold())
    return ClaimCues(verbs=frozenset(verbs), adjectives=frozenset(adjectives))


@lru_cache(maxsize=1)
def claim_cues() -> ClaimCues:
    """The shipped claim cues (``data/quotes/claims.tsv``), loaded once."""
    source = resources.files("eventwatch").joinpath("data/quotes/claims.tsv")
    return load_claim_cues(source.read_text(encoding="utf-8"))


# -- quotation marks --------------------------------------------------------------------


def find_quotations(text: str) -> list[tuple[CharSpan, ...]]:
    """The quotations in ``text``, each a tuple of spans (one per paragraph), marks included.

    Marks pair within a paragraph; a quotation still open at a line break goes
    on only when the next paragraph opens with a mark of the same kind.
    """
    text = TAG_RE.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[CharSpan, ...]] = []
    parts: list[CharSpan] = []
    opener: str | None = None
    start = 0
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char == "\n":
            if opener is not None:
                end = position
                while end > start and text[end - 1].isspace():
                    end -= 1
                following = position
                while following < length and text[following].isspace():
                    following += 1
                if text.startswith(opener, following):
                    parts.append((start, end))
                    start = following
                    position = following + len(opener)
                    continue
                parts.append((start, end))
                found.append(tuple(parts))
                parts, opener = [], None
            position += 1
            continue
        match = MARK_RE.match(text, position)
        if match is None:
            position += 1
            continue
        mark = match.group(0)
        if opener is None:
            if mark in OPENING:
                opener, start = mark, position
        elif mark == OPENING[opener] or (opener == '"' and mark == "”"):
            parts.append((start, match.end()))
            found.append(tuple(parts))
            parts, opener = [], None
        elif mark == "“" and opener == '"':  # a straight mark left open: start again
            start = position
            opener = mark
        position = match.end()
    if opener is not None and parts:
        found.append(tuple(parts))
    elif opener is not None:
        end = length
        while end > start and text[end - 1].isspace():
            end -= 1
        found.append(((start, end),))
    return [quotation for quotation in found if quotation[-1][1] - quotation[0][0] > 2]


# -- the parse ----------------------------------------------------------------------------


MentionIndex = dict[int, tuple[Actor, int, int]]


def _event_actor(found: tuple[Actor, int, int]) -> EventActor:
    actor, start, end = found
    return EventActor(
        actor_id=actor.id,
        name=actor.name,
        country=actor.country,
        sector=actor.sector,
        code=actor.code,
        span=(start, end),
    )


def _trim(tokens: Sequence[Token]) -> list[Token]:
    """Tokens without punctuation (other than quotation marks) at either edge."""
    items = list(tokens)
    while items and _edge_punct(items[0]):
        items.pop(0)
    while items and _edge_punct(items[-1]):
        items.pop()
    return items


def _edge_punct(token: Token) -> bool:
    return (token.is_punct or token.is_space) and token.text not in QUOTE_TOKENS


def _runs(tokens: Iterable[Token]) -> list[CharSpan]:
    """Contiguous runs of tokens (by index) as character spans."""
    ordered = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = []
    for token in ordered:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    spans: list[CharSpan] = []
    for run in runs:
        trimmed = _trim(run)
        if trimmed:
            spans.append((trimmed[0].idx, trimmed[-1].idx + len(trimmed[-1].text)))
    return spans


def _span_of(tokens: Sequence[Token]) -> CharSpan | None:
    trimmed = _trim(sorted(tokens, key=lambda t: t.i))
    if not trimmed:
        return None
    return (trimmed[0].idx, trimmed[-1].idx + len(trimmed[-1].text))


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it hangs on ("..., saying ...")."""
    node = verb
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in SUBJECTS]
        if subjects:  # the nearest, when a misparse gives two
            return min(subjects, key=lambda c: abs(c.i - verb.i))
        for child in node.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if node.dep_ not in CLIMB_DEPS or node.head == node:
            return None
        node = node.head
    return None


def _source_tokens(
    subject: Token,
    lexicon: CueLexicon | None = None,
    cue: Token | None = None,
    text: str | None = None,
) -> list[Token]:
    """The subject's phrase as PolNeAR marks it.

    Less a possessive ending, quotation marks, a relative clause that is itself
    an attribution ("Barkley, who said ..."), and anything before a line break
    or dash (a dateline: "RENO, Nev. (AP) — Donald Trump"); with the comma that
    closes an appositive ("Jeff Weaver, his campaign manager, said").
    """
    dropped: set[int] = set()
    for child in subject.children:
        if (
            child.dep_ == "relcl"
            and lexicon is not None
            and any(t.lemma_.casefold() in lexicon.verbs for t in child.subtree)
        ):
            dropped.update(t.i for t in child.subtree)
    tokens = [t for t in subject.subtree if t.text not in QUOTE_TOKENS and t.i not in dropped]
    if cue is not None:  # the cue's paragraph only
        text = text if text is not None else cue.doc.text  # doc.text is rebuilt per access
        low = text.rfind("\n", 0, cue.idx) + 1
        high = text.find("\n", cue.idx)
        high = len(text) if high < 0 else high
        tokens = [t for t in tokens if low <= t.idx < high]
    if not tokens:
        return []
    heads = [t for t in tokens if t.i <= subject.i] or tokens
    anchor = heads[-1].i if subject not in tokens else subject.i
    cut = [n for n, t in enumerate(tokens) if t.i < anchor and t.text in BREAKS]
    if cut:
        tokens = tokens[cut[-1] + 1 :]
    tokens = _trim(tokens)
    if tokens and tokens[-1].dep_ == "case":
        tokens.pop()
        tokens = _trim(tokens)
    if tokens and any(t.text == "," for t in tokens):
        last = tokens[-1]
        if last.i + 1 < len(last.doc) and last.doc[last.i + 1].text == ",":
            tokens.append(last.doc[last.i + 1])
    return tokens


# -- the extractor --------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """A quote under construction (character spans; the record is built at the end)."""

    sentence: Span
    cue_span: CharSpan | None
    cue_token: Token | None
    source: list[Token]
    speaker_hint: Token | None
    content: list[CharSpan]
    direct: bool
    quotations: set[int] = field(default_factory=set)

    @property
    def first(self) -> int:
        starts = [span[0] for span in self.content]
        if self.cue_span:
            starts.append(self.cue_span[0])
        return min(starts) if starts else self.sentence.start_char

    @property
    def last(self) -> int:
        ends = [span[1] for span in self.content]
        if self.cue_span:
            ends.append(self.cue_span[1])
        if self.source:
            ends.append(self.source[-1].idx + len(self.source[-1].text))
        return max(ends) if ends else self.sentence.end_char


class _Extractor:
    def __init__(self, doc: Doc, lexicon: CueLexicon) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds doc.text from the tokens on every access
        self.lexicon = lexicon
        self.quotations = find_quotations(self.text)
        self.markup: set[int] = set()
        for match in TAG_RE.finditer(self.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                self.markup.update(t.i for t in span)
        self.quoted: dict[int, int] = {}  # token index → quotation number
        for number, parts in enumerate(self.quotations):
            for start, end in parts:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    for token in span:
                        self.quoted.setdefault(token.i, number)

    # the quotation's extent over the tokens
    def _quotation_tokens(self, number: int) -> list[Token]:
        return [self.doc[i] for i, n in self.quoted.items() if n == number]

    def _is_cue_verb(self, token: Token) -> bool:
        return (
            token.pos_ in {"VERB", "AUX"}
            and token.lemma_.casefold() in self.lexicon.verbs
            and token.i not in self.quoted
            and token.i not in self.markup
            and not (token.pos_ == "AUX" and token.dep_ in {"aux", "auxpass"})
        )

    def drafts(self) -> list[_Draft]:
        doc = self.doc
        cue_verbs = [t for t in doc if self._is_cue_verb(t)]
        attached = self._attach(cue_verbs)
        drafts: list[_Draft] = []
        for verb in cue_verbs:
            draft = self._verb_draft(verb, attached.get(verb.i, []))
            if draft is not None:
                drafts.append(draft)
        drafts += self._according_to()
        drafts += self._adjective_drafts()
        drafts += self._raising_drafts()
        drafts += self._headline_drafts()
        drafts += self._noun_drafts()
        drafts = _outermost(drafts)
        drafts = self._leftovers(drafts)
        drafts.sort(key=lambda d: d.first)
        return drafts

    def _attach(self, cue_verbs: list[Token]) -> dict[int, list[int]]:
        """Quotation number → the nearest cue verb in its first or last sentence."""
        attached: dict[int, list[int]] = {}
        by_sentence: dict[int, list[Token]] = {}
        for verb in cue_verbs:
            by_sentence.setdefault(verb.sent.start, []).append(verb)
        for number, parts in enumerate(self.quotations):
            tokens = self._quotation_tokens(number)
            if not tokens:
                continue
            words = [t for t in tokens if not t.is_punct and not t.is_space] or tokens
            first, last = min(words, key=lambda t: t.i), max(words, key=lambda t: t.i)
            start, end = parts[0][0], parts[-1][1]
            candidates: list[tuple[int, Token]] = []
            for verb in by_sentence.get(last.sent.start, []):
                if verb.idx >= end and _linked(verb, tokens):
                    candidates.append((verb.idx - end, verb))
            for verb in by_sentence.get(first.sent.start, []):
                if verb.idx < start and (
                    _linked(verb, tokens)
                    or not self.text[verb.idx + len(verb) : start].strip(" :,")
                    or self.text[verb.idx : start].rstrip().endswith(":")
                ):
                    candidates.append((start - verb.idx, verb))
            if not candidates and first.sent.start > 0:
                # "He said:" ending the sentence before the quotation
                before = doc_sentence_before(first.sent)
                if before is not None and before.text.rstrip().endswith(":"):
                    for verb in by_sentence.get(before.start, []):
                        candidates.append((start - verb.idx, verb))
            if candidates:
                _, verb = min(candidates, key=lambda c: c[0])
                attached.setdefault(verb.i, []).append(number)
        return attached

    def _verb_draft(self, verb: Token, numbers: list[int]) -> _Draft | None:
        complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if complement is None:
            complement = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children)
                ),
                None,
            )
        objects: list[Token] = []
        if complement is None and verb.lemma_.casefold() in self.lexicon.object_verbs:
            objects = [
                c
                for c in verb.children
                if c.i > verb.i
                and (c.dep_ in {"dobj", "oprd"} or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS))
            ]
            if any(c.dep_ == "dobj" for c in objects):
                complement = next(c for c in objects if c.dep_ == "dobj")
        quoted_spans = [span for n in sorted(numbers) for span in self.quotations[n]]
        content: list[CharSpan] = []
        direct = False
        if complement is not None:
            tokens = list(complement.subtree)
            inside = [t for t in tokens if t.i in self.quoted]
            outside = [
                t for t in tokens if t.i not in self.quoted and not t.is_punct and not t.is_space
            ]
            touching = {self.quoted[t.i] for t in inside}
            if touching and len(outside) <= 1 and all(t.lower_ == "that" for t in outside):
                numbers = sorted(set(numbers) | touching)
                content = [span for n in numbers for span in self.quotations[n]]
                direct = True
            else:
                extra = [t for n in touching for t in self._quotation_tokens(n)]
                extra += [t for c in objects if c != complement for t in c.subtree]
                content = _runs({*tokens, *extra})
                rest = [self.quotations[n] for n in numbers if n not in touching]
                content += [span for parts in rest for span in parts]
                numbers = sorted(set(numbers) | touching)
        elif quoted_spans:
            content = quoted_spans
            direct = True
        elif objects:  # "committed to stressing ...", "voted for Clinton"
            skip = {objects[0].i} if objects[0].dep_ == "prep" else set()
            content = _runs(t for c in objects for t in c.subtree if t.i not in skip)
        elif verb.dep_ == "parataxis" and verb.head.i not in self.quoted:
            # "The trouble, Frank writes, began ...": the clause around the cue
            aside = {t.i for t in verb.subtree}
            content = _runs(t for t in verb.head.subtree if t.i not in aside)
        if not content:
            return None
        subject = _subject(verb)
        cue_start, cue_end = verb.idx, verb.idx + len(verb.text)
        position = verb.i - 1
        while position >= verb.sent.start:  # "has also said", "do not want"
            before = verb.doc[position]
            if before.head != verb or before.dep_ not in CUE_MODIFIERS:
                break
            cue_start = before.idx
            position -= 1
        for child in verb.children:
            if child.dep_ == "prt" and child.i == verb.i + 1:
                cue_end = child.idx + len(child.text)
            if (
                complement is None
                and objects
                and child == objects[0]
                and child.dep_ == "prep"
                and child.i <= verb.i + 2
            ):
                cue_end = child.idx + len(child.text)
            if child.dep_ == "prep" and child.i == verb.i + 1 and child.lower_ == "in":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                phrase = " ".join([child.lower_, *(o.lower_ for o in objects)])
                if objects and any(p.endswith(objects[0].lower_) for p in self.lexicon.phrases):
                    last = max(objects[0].subtree, key=lambda t: t.i)
                    if len(phrase) < 40:
                        cue_end = last.idx + len(last.text)
        return _Draft(
            sentence=verb.sent,
            cue_span=(cue_start, cue_end),
            cue_token=verb,
            source=(
                _source_tokens(subject, self.lexicon, verb, self.text)
                if subject is not None
                else []
            ),
            speaker_hint=verb.head if verb.dep_ == "relcl" else None,
            content=sorted(content),
            direct=direct,
            quotations=set(numbers),
        )

    def _according_to(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        for token in self.doc:
            if token.lower_ != "according" or token.i in self.quoted:
                continue
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None:
                continue
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                continue
            phrase = set(token.subtree)
            sentence = token.sent
            rest = [t for t in sentence if t not in phrase]
            content = _runs(rest)
            if not content:
                continue
            drafts.append(
                _Draft(
                    sentence=sentence,
                    cue_span=(token.idx, to.idx + len(to.text)),
                    cue_token=token,
                    source=_source_tokens(objects[0]),
                    speaker_hint=None,
                    content=content,
                    direct=False,
                )
            )
        return drafts

    def _cue_start(self, head: Token) -> int:
        """The start of a cue at ``head`` with the auxiliaries, negation and adverbs before it."""
        start = head.idx
        position = head.i - 1
        while position >= head.sent.start:
            before = head.doc[position]
            if before.head != head or before.dep_ not in CUE_MODIFIERS:
                break
            start = before.idx
            position -= 1
        return start

    def _adjective_drafts(self) -> list[_Draft]:
        """Copula and adjective: "X is concerned that ...", "is critical of ...", "was ready to"."""
        drafts: list[_Draft] = []
        adjectives = self.lexicon.adjectives
        for token in self.doc:
            if (
                token.pos_ != "ADJ"
                or token.dep_ != "acomp"
                or token.lemma_.casefold() not in adjectives
                or token.i in self.quoted
            ):
                continue
            copula = token.head
            if copula.lemma_.casefold() not in COPULAS:
                continue
            cue_end = token.idx + len(token.text)
            content: list[CharSpan] = []
            for child in token.children:
                if child.i < token.i:
                    continue
                if child.dep_ in {"ccomp", "xcomp"}:
                    content = _runs(child.subtree)
                    break
                if child.dep_ == "prep" and child.lower_ in ADJ_PREPS:
                    objects = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
                    if objects:
                        cue_end = child.idx + len(child.text)
                        content = _runs(t for o in objects for t in o.subtree)
                        break
            if not content:
                complement = next((c for c in copula.children if c.dep_ == "ccomp"), None)
                if complement is not None and complement.i > token.i:
                    content = _runs(complement.subtree)
            if not content:
                continue
            subject = _subject(copula)
            drafts.append(
                _Draft(
                    sentence=token.sent,
                    cue_span=(self._cue_start(copula), cue_end),
                    cue_token=token,
                    source=(
                        _source_tokens(subject, self.lexicon, copula, self.text)
                        if subject is not None
                        else []
                    ),
                    speaker_hint=copula.head if copula.dep_ == "relcl" else None,
                    content=sorted(content),
                    direct=False,
                )
            )
        return drafts

    def _raising_drafts(self) -> list[_Draft]:
        """ "X seemed to be shrinking", "it appears that ...": subject, complement: content."""
        drafts: list[_Draft] = []
        for verb in self.doc:
            if (
                verb.pos_ not in {"VERB", "AUX"}
                or verb.lemma_.casefold() not in self.lexicon.raising
                or verb.i in self.quoted
            ):
                continue
            complement = next(
                (c for c in verb.children if c.dep_ in RAISING_COMPLEMENTS and c.i > verb.i), None
            )
            if complement is None:
                continue
            parts: list[Token] = list(complement.subtree)
            for child in verb.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ != "it":
                    parts += list(child.subtree)
            experiencer = next(
                (
                    o
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ == "to"
                    for o in c.children
                    if o.dep_ == "pobj"
                ),
                None,
            )
            content = _runs(parts)
            if not content:
                continue
            drafts.append(
                _Draft(
                    sentence=verb.sent,
                    cue_span=(self._cue_start(verb), verb.idx + len(verb.text)),
                    cue_token=verb,
                    source=_source_tokens(experiencer) if experiencer is not None else [],
                    speaker_hint=None,
                    content=sorted(content),
                    direct=False,
                )
            )
        return drafts

    def _headline_drafts(self) -> list[_Draft]:
        """Headline style "Graham: Trump’s rhetoric destroying GOP’s chance": name, colon, rest."""
        drafts: list[_Draft] = []
        text = self.text
        for sentence in self.doc.sents:
            start = sentence.start_char
            if (
                start > 0
                and text[start - 1] != "\n"
                and text[max(0, start - 2) : start] != "  "
                and text[text.rfind("\n", 0, start) + 1 : start].strip()
            ):
                continue
            colon = next((t for t in sentence[: HEADLINE_WORDS + 1] if t.text == ":"), None)
            if colon is None or colon.i == sentence.start or colon.i in self.quoted:
                continue
            name = [t for t in sentence if t.i < colon.i]
            if not all(
                (t.is_title or t.pos_ == "PROPN" or t.is_punct or t.lower_ in {"camp", "campaign"})
                and not t.is_upper
                and t.pos_ not in {"VERB", "AUX", "DET", "NUM"}
                for t in name
            ) or not (name[0].is_title or name[0].pos_ == "PROPN"):
                continue
            body: list[Token] = []
            for token in sentence[colon.i - sentence.start + 1 :]:
                if token.is_space or "\n" in token.text:
                    if body:
                        break
                    continue
                body.append(token)
            words = [t for t in body if not t.is_punct]
            if len(words) < 3:
                continue
            content = _span_of(body)
            if content is None:
                continue
            drafts.append(
                _Draft(
                    sentence=sentence,
                    cue_span=(colon.idx, colon.idx + 1),
                    cue_token=colon,
                    source=_trim(name),
                    speaker_hint=None,
                    content=[content],
                    direct=False,
                )
            )
        return drafts

    def _noun_drafts(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        for token in self.doc:
            if (
                token.pos_ != "NOUN"
                or token.lemma_.casefold() not in self.lexicon.nouns
                or token.i in self.quoted
            ):
                continue
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is None:
                continue
            clause = next(
                (c for c in token.children if c.dep_ in {"acl", "ccomp", "xcomp", "relcl"}), None
            )
            if clause is None or clause.dep_ == "relcl":
                continue
            content = _runs(clause.subtree)
            drafts.append(
                _Draft(
                    sentence=token.sent,
                    cue_span=(token.idx, token.idx + len(token.text)),
                    cue_token=token,
                    source=_source_tokens(owner),
                    speaker_hint=None,
                    content=content,
                    direct=False,
                )
            )
        return drafts

    def _leftovers(self, drafts: list[_Draft]) -> list[_Draft]:
        """Quotations no cue took: continuations, "“...” —Name", long unattributed ones."""
        used = {n for d in drafts for n in d.quotations}
        covered = [span for d in drafts for span in d.content]
        text = self.text
        ordered = sorted(drafts, key=lambda d: d.first)
        for number, parts in enumerate(self.quotations):
            start, end = parts[0][0], parts[-1][1]
            if number in used or any(s <= start and end <= e for s, e in covered):
                continue
            tokens = self._quotation_tokens(number)
            if not tokens:
                continue
            first = min(tokens, key=lambda t: t.i)
            # a continuation of the quote just before
            before = [d for d in ordered if d.last <= start and d.direct]
            previous = max(before, key=lambda d: d.last, default=None)
            if previous is not None:
                sentence_end = _sentence_end(self.doc, previous.last)
                gap = text[sentence_end:start]
                if not gap.strip() and first.i == first.sent.start:
                    previous.content.extend(parts)
                    previous.quotations.add(number)
                    continue
            # "“...” —Name"
            dash = DASH_RE.match(text, end)
            if dash is not None and "-" not in text[end : end + 1]:
                name = self._dash_name(dash.end())
                if name:
                    mark = text[end : dash.end()].strip()
                    mark_start = text.index(mark, end)
                    drafts.append(
                        _Draft(
                            sentence=first.sent,
                            cue_span=(mark_start, mark_start + len(mark)),
                            cue_token=None,
                            source=name,
                            speaker_hint=None,
                            content=list(parts),
                            direct=True,
                            quotations={number},
                        )
                    )
                    continue
            words = sum(1 for t in tokens if not t.is_punct and not t.is_space)
            if words >= MIN_UNATTRIBUTED_WORDS:
                drafts.append(
                    _Draft(
                        sentence=first.sent,
                        cue_span=None,
                        cue_token=None,
                        source=[],
                        speaker_hint=None,
                        content=list(parts),
                        direct=True,
                        quotations={number},
                    )
                )
        return drafts

    def _dash_name(self, start: int) -> list[Token]:
        """The proper name (with its title) right after a dash, up to a comma or line end."""
        span = self.doc.char_span(start, min(len(self.text), start + 1), alignment_mode="expand")
        if span is None:
            return []
        name: list[Token] = []
        for token in self.doc[span.start :]:
            if token.is_space or token.text in {",", ";", "(", "\n"} or "\n" in token.text:
                break
            if token.pos_ != "PROPN" and not (token.is_title and token.is_alpha):
                break
            name.append(token)
            if len(name) > 5:
                return []
        return name


def _linked(verb: Token, tokens: Sequence[Token]) -> bool:
    """The quotation is the verb's complement in the parse (or the verb hangs on it)."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head == verb and token.dep_ in LINK_DEPS:
            return True
        if verb.head == token and verb.dep_ in LINK_DEPS and token.i in inside:
            return True
    return False


def doc_sentence_before(sentence: Span) -> Span | None:
    """The sentence before ``sentence`` in its doc, if any."""
    if sentence.start == 0:
        return None
    return sentence.doc[sentence.start - 1].sent


def _sentence_end(doc: Doc, position: int) -> int:
    """The end of the sentence that holds the character before ``position``."""
    span = doc.char_span(max(0, position - 1), position, alignment_mode="expand")
    if span is None or not len(span):
        return position
    return max(position, span[-1].sent.end_char)


def _outermost(drafts: list[_Draft]) -> list[_Draft]:
    """Drop drafts whose cue lies inside another draft's content (no nesting)."""
    kept: list[_Draft] = []
    for draft in drafts:
        if draft.cue_span is None:
            kept.append(draft)
            continue
        cue_start, cue_end = draft.cue_span
        inside = any(
            other is not draft and any(s <= cue_start and cue_end <= e for s, e in other.content)
            for other in drafts
        )
        if not inside:
            kept.append(draft)
    return kept


# -- records ----------------------------------------------------------------------------------


def _speaker(draft: _Draft, mentions: MentionIndex) -> EventActor | None:
    candidates: list[Token] = []
    if draft.source:
        heads = [t for t in draft.source if t.head not in draft.source or t.head == t]
        if heads and heads[0].tag_ in RELATIVE_TAGS and draft.speaker_hint is not None:
            candidates.append(draft.speaker_hint)
        candidates += heads + list(draft.source)
    for token in candidates:
        if token.i in mentions:
            return _event_actor(mentions[token.i])
    return None


def _date_for(
    cue: Token | None, sentence: Span, content: Sequence[CharSpan], dates: Sequence[DateMention]
) -> DateMention | None:
    """A date expression attached to the cue (not inside the content), if any."""
    if cue is None:
        return None
    doc = sentence.doc
    for mention in dates:
        if not (sentence.start_char <= mention.start < sentence.end_char):
            continue
        if any(s <= mention.start < e for s, e in content):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        if cue in span.root.ancestors:
            return mention
    return None


def _events_in(
    article: Article, content: Sequence[CharSpan], cue_span: CharSpan | None
) -> tuple[str, ...]:
    found: list[str] = []
    for event in article.events:
        start, end = event.trigger_span
        if any(s <= start and end <= e for s, e in content) or (
            cue_span is not None and cue_span[0] <= start and end <= cue_span[1]
        ):
            found.append(event.id)
    return tuple(found)


def extract_quotes(
    doc: Doc,
    *,
    article: Article,
    locate: Locate | None = None,
    lexicon: CueLexicon | None = None,
) -> tuple[Quote, ...]:
    """The quotes of ``doc``, the parse of ``article.text``, in text order.

    ``locate(doc, sentence)`` gives the sentence's location (the places stage's
    :func:`eventwatch.events.stage.sentence_locator`); without it quotes have
    no location.
    """
    extractor = _Extractor(doc, lexicon or cue_lexicon())
    text = extractor.text
    mentions = mention_index(doc, article.actors)
    quotes: list[Quote] = []
    for draft in extractor.drafts():
        content = sorted(set(draft.content))
        source = (
            (draft.source[0].idx, draft.source[-1].idx + len(draft.source[-1].text))
            if draft.source
            else None
        )
        when = _date_for(draft.cue_token, draft.sentence, content, article.dates)
        quotes.append(
            Quote(
                id=f"{article.sha256[:12]}:q{len(quotes)}",
                speaker=_speaker(draft, mentions),
                speaker_span=source,
                cue=text[draft.cue_span[0] : draft.cue_span[1]] if draft.cue_span else None,
                cue_span=draft.cue_span,
                content_spans=tuple(content),
                content=CONTENT_SEPARATOR.join(text[s:e] for s, e in content),
                direct=draft.direct,
                sentence=(draft.sentence.start_char, draft.sentence.end_char),
                location=locate(doc, draft.sentence) if locate is not None else None,
                date=when.date if when else None,
                date_period=when.period if when else None,
                event_ids=_events_in(article, content, draft.cue_span),
            )
        )
    return tuple(quotes)


# -- claims -----------------------------------------------------------------------------------


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
