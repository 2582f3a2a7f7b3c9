"""The extractor: quote drafts (source tokens, cue, content spans) over one parse.

:class:`_Extractor` applies the rules of :mod:`eventwatch.quotes` in order and
yields :class:`_Draft` objects (character spans); :mod:`eventwatch.quotes.build`
turns them into :class:`~eventwatch.records.Quote` records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwatch.clauses import compared, feeling_auxiliary, relative_object
from eventwatch.nlp_lines import doc_text, sentences
from eventwatch.quotes.lexicon import CueLexicon
from eventwatch.quotes.marks import TAG_RE, CharSpan, find_quotations
from eventwatch.quotes.parse import (
    BREAKS,
    SUBJECTS,
    _agent,
    _runs,
    _source_tokens,
    _span_of,
    _subject,
    _to_complement,
    _trim,
    construction,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MIN_UNATTRIBUTED_WORDS = 8
CUE_MODIFIERS = frozenset({"aux", "auxpass", "neg", "advmod"})
LINK_DEPS = frozenset({"ccomp", "parataxis", "dobj", "xcomp", "advcl", "conj"})
OBJECT_PREPS = frozenset({"of", "as", "for", "on", "to", "about", "against"})
ADJ_PREPS = frozenset({"of", "about", "with", "on", "to", "for", "in"})
COPULAS = frozenset({"be", "become", "remain", "seem", "appear", "sound", "look", "feel", "grow"})
RAISING_COMPLEMENTS = frozenset({"xcomp", "acomp", "ccomp", "oprd", "attr"})
HEADLINE_WORDS = 6
MAX_TAG_NAME = 15  # the longest speaker phrase read between a quotation and its verb
CONTRAST_MARKS = frozenset({"while", "whereas"})  # "…, while Sanders suggests …"
SUBJECT_DEPS = SUBJECTS | {"expl"}  # "there" counts: "and there was …" has a subject
FINITE_OR_GERUND = frozenset({"VBD", "VBZ", "VBP", "VBG"})
DASHES = frozenset({",", "—", "–"})  # the marks a participle going on with the words follows
DASH_RE = re.compile(r"\s*(?:—|―|–|--|-)\s*")  # em dash, horizontal bar, en dash, hyphens
TAG_CLOSERS = frozenset({",", "?", "!"})  # "“…,” he said": the mark that hands over to a tag
CLOSING_MARKS = "”\"'»’"  # the marks a quotation may close on, stripped as characters
GOES_ON_PREPS = frozenset({"of", "in", "for", "with", "against", "about", "to"})
ADDRESSEE_DEPS = frozenset({"dobj", "dative"})  # "telling reporters, “…”"


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
        self.text = doc_text(doc)
        # the tokens made once: each pass below walks them (iterating the Doc makes new
        # Token objects every time)
        self.tokens: list[Token] = list(doc)
        self.lexicon = lexicon
        self.quotations = find_quotations(self.text)
        self.markup: set[int] = set()
        # "That said, …", "Needless to say, …": a fixed phrase whose verb reports no one
        self.idiom: set[int] = set()
        for start, token in enumerate(self.tokens):
            for words in lexicon.idioms:
                end = start + len(words)
                if (
                    token.lower_ == words[0]
                    and end <= len(self.tokens)
                    and tuple(t.lower_ for t in self.tokens[start:end]) == words
                ):
                    self.idiom.update(range(start, end))
        for match in TAG_RE.finditer(self.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                self.markup.update(t.i for t in span)
        self.quoted: dict[int, int] = {}  # token index → quotation number
        # a cue verb cut out of another cue's content ("said that …, and predicted …")
        # → that cue verb: the one whose subject speaks it
        self.speaks_for: dict[int, Token] = {}
        self._further: dict[int, list[Token]] = {}  # complement index → its further cues
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
            and self._cue_verdict(token)
            and token.i not in self.quoted
            and token.i not in self.markup
            and token.i not in self.idiom
            and not (token.pos_ == "AUX" and token.dep_ in {"aux", "auxpass"})
            # "according to X": the phrase rule reads it (X the source), not a verb "accord"
            and not (token.lower_ == "according" and any(c.lower_ == "to" for c in token.children))
            # "keener to meet them than to support Israel": what the comparison sets the
            # act against was not said; "Moscow, which feels threatened by a NATO buildup":
            # a feeling, not a threat anyone made
            and not compared(token)
            and not feeling_auxiliary(token)
            # "Spot gold added 0.1% to $1,472", "the index added 12 points": a change
            # in a quantity, nothing said
            and not (token.lemma_.casefold() in self.lexicon.amount and _takes_an_amount(token))
        )

    def _cue_verdict(self, token: Token) -> bool:
        """A cue verb: in the lexicon, or a cue in its construction by the learned table."""
        lemma = token.lemma_.casefold()
        if lemma in self.lexicon.verbs:
            return True
        return (
            token.pos_ == "VERB"
            and self.lexicon.learned.knows(lemma)  # most verbs: no construction to work out
            and self._learned(token, construction(token))
        )

    def _refuted(self, lemma: str, form: str) -> bool:
        """The learned table has seen ``lemma`` in construction ``form`` often and rarely
        as a cue ("known as X": 2 of 50), whatever the hand lexicon says of the lemma."""
        learned = self.lexicon.learned
        found = learned.counts.get((lemma, form))
        return (
            found is not None
            and found[1] >= learned.min_seen
            and found[0] < learned.min_share * found[1]
        )

    def _learned(self, token: Token, form: str) -> bool:
        """The learned table says ``token`` in construction ``form`` is a cue."""
        return bool(self.lexicon.learned.verdict(token.lemma_.casefold(), form))

    def _takes_objects(self, verb: Token) -> bool:
        """The verb's object is its content ("criticized Trump", "called for ...")."""
        lemma = verb.lemma_.casefold()
        form = construction(verb)
        if behaviour(verb, self.lexicon.evidence):
            return False
        if lemma in self.lexicon.object_verbs:
            # a participle that names ("the place now known as Los Alamos") where the
            # learned table says the construction is rarely a cue
            return not (verb.tag_ == "VBN" and form == "prep:as" and self._refuted(lemma, form))

        return (form == "dobj" or form.startswith("prep:")) and self._learned(verb, form)

    def drafts(self) -> list[_Draft]:
        cue_verbs = [t for t in self.tokens if self._is_cue_verb(t)]
        attached = self._attach(cue_verbs)
        for verb in cue_verbs:
            complement = _clause(verb, skip=self.idiom)
            if complement is not None:
                for further in self._further_cues(complement):
                    self.speaks_for.setdefault(further.i, verb)
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
        drafts = _outermost(drafts, nesting=self.lexicon.nesting)
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
            after = by_sentence.get(last.sent.start, [])
            following = last.i + 1
            while following < len(self.tokens) and following in self.quoted:
                following += 1
            if following < len(self.tokens) and self.tokens[following].is_sent_start:
                # a tag the sentence splitter cut off: "“… our new bridge today!” | Mayor
                # Varga said as she cut the ribbon."
                after = after + by_sentence.get(following, [])
            for verb in after:
                if verb.idx >= end and (_linked(verb, tokens) or self._tag_after(end, verb)):
                    candidates.append((verb.idx - end, verb))
            for verb in by_sentence.get(first.sent.start, []):
                if verb.idx < start and (
                    _linked(verb, tokens)
                    or not self.text[verb.idx + len(verb) : start].strip(" :,")
                    or self.text[verb.idx : start].rstrip().endswith(":")
                    or self._addressee_before(verb, start)
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

    def _tag_after(self, end: int, verb: Token) -> bool:
        """A speech tag right after a quotation that closes on a comma, question or
        exclamation mark ("“To all the teachers,” Varga said, “…”"): between the two only the
        verb's subject, or nothing ("“…,” said Bond"), whatever the parser hung the
        quotation's words on."""
        closing = self.text[:end].rstrip().rstrip(CLOSING_MARKS).rstrip()
        if not closing or closing[-1] not in TAG_CLOSERS:
            return False
        between = [
            t for t in self.tokens[verb.sent.start : verb.i] if t.idx >= end and not t.is_space
        ]
        if not between:
            return True
        subject = _subject(verb)
        if subject is None or subject.i > verb.i or len(between) > MAX_TAG_NAME:
            return False
        phrase = {t.i for t in subject.subtree}
        return all(t.i in phrase for t in between if not t.is_punct)

    def _addressee_before(self, verb: Token, start: int) -> bool:
        """The cue's addressee alone between it and a quotation, then a comma or colon:
        "…, telling reporters, “The bridge stays closed …”"."""
        if not self.text[:start].rstrip().endswith((",", ":")):
            return False
        between = [
            t
            for t in self.tokens[verb.i + 1 : verb.sent.end]
            if t.idx < start and not (t.is_punct or t.is_space)
        ]
        if not between or len(between) > MAX_TAG_NAME:
            return False
        addressees = {
            t.i
            for child in verb.children
            if child.dep_ in ADDRESSEE_DEPS and child.i > verb.i and child.i not in self.quoted
            for t in child.subtree
        }
        return all(t.i in addressees for t in between)

    def _verb_draft(self, verb: Token, numbers: list[int]) -> _Draft | None:
        if not numbers and relative_object(verb) is not None:
            # "everything the minister said (was false)": the clause names words, and
            # what the parser hung on the verb is the phrase's own predicate
            return None
        complement = _clause(verb, skip=self.idiom)
        objects: list[Token] = []
        if complement is None and self._takes_objects(verb):
            objects = [
                c
                for c in verb.children
                if c.i > verb.i
                and (
                    c.dep_ in {"dobj", "oprd"}
                    or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS and not _when(c))
                )
            ]
            if any(c.dep_ == "dobj" for c in objects):
                complement = next(c for c in objects if c.dep_ == "dobj")
        if (
            numbers
            and complement is not None
            and complement.dep_ in ADDRESSEE_DEPS
            and complement.i > verb.i
            and complement.i not in self.quoted
            and (
                complement.right_edge.idx < min(self.quotations[n][0][0] for n in numbers)
                or max(self.quotations[n][-1][1] for n in numbers) <= verb.idx
            )
        ):
            # "telling reporters, “…”", "“…,” Trump told a rally": the object is whom it
            # was said to, the quotation what was said; "“…?” asked the senator, who …":
            # the object the parser gave the verb is its speaker
            complement, objects = None, []
        agent = _agent(verb)
        if complement is None and agent is not None and self._learned(verb, "agent"):
            # "was endorsed by the Times": the agent speaks, the subject is what it is about
            objects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            agent = None
        quoted_spans = [span for n in sorted(numbers) for span in self.quotations[n]]
        content: list[CharSpan] = []
        direct = False
        if complement is not None:
            cut = {i for further in self._further_cues(complement) for i in self._cut(further)}
            cut |= {
                i
                for owner in {complement, *objects}
                for other in self._contrasts(owner)
                for i in self._cut(other)
            }
            tokens = [t for t in complement.subtree if t.i not in cut]
            tokens += self._stray_conjunct(verb, complement)
            others = [t for c in objects if c != complement for t in c.subtree if t.i not in cut]
            if complement.dep_ == "dobj" and complement.head == verb:
                others += sorted(
                    self._object_goes_on(verb, max([*tokens, *others], key=lambda t: t.i)),
                    key=lambda t: t.i,
                )
            inside = [t for t in [*tokens, *others] if t.i in self.quoted]
            outside = [
                t for t in tokens if t.i not in self.quoted and not t.is_punct and not t.is_space
            ]
            touching = {self.quoted[t.i] for t in inside}
            if touching and len(outside) <= 1 and all(t.lower_ == "that" for t in outside):
                numbers = sorted(set(numbers) | touching)
                content = [span for n in numbers for span in self.quotations[n]]
                direct = True
            else:
                extra = [t for n in touching for t in self._quotation_tokens(n)] + others
                content = _runs({*tokens, *extra})
                rest = [self.quotations[n] for n in numbers if n not in touching]
                content += [span for parts in rest for span in parts]
                numbers = sorted(set(numbers) | touching)
        elif quoted_spans:
            content = quoted_spans
            direct = True
        elif objects:  # "committed to stressing ...", "voted for Clinton"
            skip = {objects[0].i} if objects[0].dep_ == "prep" else set()
            words = {t for c in objects for t in c.subtree if t.i not in skip}
            if words:
                words |= self._object_goes_on(verb, max(words, key=lambda t: t.i))
            # a quotation the objects reach into is theirs whole, marks and all: "called
            # the plan “a disgrace to the nation.”"
            touching = {self.quoted[t.i] for t in words if t.i in self.quoted}
            words |= {t for n in touching for t in self._quotation_tokens(n)}
            content = _runs(words)
            numbers = sorted(set(numbers) | touching)
        elif verb.dep_ == "parataxis" and verb.head.i not in self.quoted:
            # "The trouble, Frank writes, began ...": the clause around the cue
            aside = {t.i for t in verb.subtree}
            content = _runs(t for t in verb.head.subtree if t.i not in aside)
        speaker_verb = self.speaks_for.get(verb.i)
        if agent is not None:
            subject: Token | None = agent
        elif speaker_verb is not None:
            subject = _subject(speaker_verb)
        else:
            subject = _subject(verb)
        tag_name: list[Token] = []
        if subject is not None and self._quoted_subject(verb, subject, numbers):
            # a misparse hands the tag verb a subject inside the quotation ("“… We will
            # achieve justice,” Tulsa police Chief Chuck Jordan said") or inside a quoted
            # title after it ("said on “Fox and Friends”"): the speaker is the name
            # between the quotation and the verb, or no one
            subject = None
            tag_name = self._name_after_quotation(verb)
        if not content and self._trailing_tag(verb, subject):
            content, earlier = self._sentence_before(verb.sent)
            direct = bool(earlier)
            numbers = sorted(set(numbers) | set(earlier))
        if not content:
            return None
        cue_start, cue_end = self._cue_start(verb), verb.idx + len(verb.text)
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
                else tag_name
            ),
            speaker_hint=verb.head if verb.dep_ == "relcl" else None,
            content=sorted(content),
            direct=direct,
            quotations=set(numbers),
        )

    def _object_goes_on(self, verb: Token, last: Token) -> set[Token]:
        """The cue's dependents that go on right after its object, which the parser hung
        on the verb though they belong to the object: a participle ("bragged about her
        father | teaching her to shoot") or a phrase of ``GOES_ON_PREPS`` ("recalled the
        mayor's generosity | in support of a food bank").  Not after a comma or dash, not a
        purpose ("to help …") or a clause with a subordinator, not a date, not a place
        ("at the convention").  Measured with ``eval/quotes.py --split train --limit 250``:
        whole-attribution recall 0.629 → 0.631; dev unchanged."""
        found: set[Token] = set()
        for child in sorted(verb.children, key=lambda c: c.i):
            if child.i <= last.i or child.i in self.quoted:
                continue
            if child.left_edge.i != last.i + 1 or child.left_edge.is_punct:
                break
            if child.dep_ in {"advcl", "xcomp"}:
                # a participle ("her husband | making millions"); not a purpose ("to help …")
                if child.tag_ != "VBG" or any(c.dep_ in {"mark", "aux"} for c in child.children):
                    break
            elif child.dep_ != "prep" or child.lower_ not in GOES_ON_PREPS or _dated(child):
                break
            found.update(child.subtree)
            last = child.right_edge
        return found

    def _stray_conjunct(self, verb: Token, complement: Token) -> list[Token]:
        """The conjunct the parser hung on the cue verb though its "and" closes the
        complement ("Pate claimed that he's not backing any candidate, and …, he also
        hosted Bush": "hosted" on "claimed", "and" on "backing"): the words of the claim go
        on there, unless that conjunct is a cue of its own."""
        ends = [c for c in complement.children if c.i > complement.i]
        if not ends or ends[-1].dep_ != "cc" or any(c.dep_ == "conj" for c in ends):
            return []
        after = ends[-1].i
        stray = next(
            (c for c in verb.children if c.dep_ == "conj" and c.left_edge.i == after + 1),
            None,
        )
        if stray is None or stray.lemma_.casefold() in self.lexicon.verbs:
            return []
        return list(stray.subtree)

    def _cut(self, further: Token) -> list[int]:
        """The token indices a further cue takes out of a content: its subtree and the
        comma, dash or "and" joining it on."""
        out = [t.i for t in further.subtree]
        at = further.left_edge.i - 1
        while at >= 0 and (self.doc[at].lower_ in {"and", "but"} or self.doc[at].text in DASHES):
            out.append(at)
            at -= 1
        return out

    def _contrasts(self, complement: Token) -> list[Token]:
        """Cue verbs with subjects of their own in a "while"/"whereas" clause inside a
        content: another speaker set beside the first ("Clinton accuses Sanders of a
        smear while Sanders suggests she is a captive of the establishment"), whose words
        are a quote of their own, not the first speaker's."""
        return [
            token
            for token in complement.subtree
            if token.i > complement.i
            and token.dep_ == "advcl"
            and token.i not in self.quoted
            and token.lemma_.casefold() in self.lexicon.verbs
            and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in token.children)
            and any(c.dep_ in SUBJECTS for c in token.children)
        ]

    def _further_cues(self, complement: Token) -> list[Token]:
        """Verbs of speech inside a complement's subtree that go on with the speaker's
        own words: a conjoined one with no subject of its own ("said that she did not
        want to think about it and predicted that …", where the parse hangs "predicted"
        on "want") or a participle after a comma ("…, adding …", "…, claiming that …").
        Each is a statement of its own, not part of the first one's content (read once
        per complement: the drafts and the speakers both ask)."""
        known = self._further.get(complement.i)
        if known is not None:
            return known
        found: list[Token] = []
        for token in complement.subtree:
            if (
                token.i <= complement.i
                or token.i in self.quoted
                or token.pos_ != "VERB"
                or token.lemma_.casefold() not in self.lexicon.verbs
                or any(c.dep_ in SUBJECT_DEPS for c in token.children)
                or any(token.i in range(f.left_edge.i, f.right_edge.i + 1) for f in found)
            ):
                continue
            before = self.doc[token.i - 1]
            conjoined = (
                token.dep_ == "conj"
                and token.tag_ in FINITE_OR_GERUND
                # a participle sharing its head's "is" goes on with the content's clause:
                # in "says Obama is acting unlawfully and showing disregard" it is Obama's
                and not (
                    token.tag_ == "VBG"
                    and token.head.tag_ == "VBG"
                    and any(c.dep_ == "aux" for c in token.head.children)
                )
                and (
                    before.lower_ in {"and", "but"}
                    or any(c.dep_ == "cc" for c in token.head.children)
                )
            )
            going_on = token.dep_ == "advcl" and token.tag_ == "VBG" and before.text in DASHES
            if conjoined or going_on:
                found.append(token)
        self._further[complement.i] = found
        return found

    def _quoted_subject(self, verb: Token, subject: Token, numbers: list[int]) -> bool:
        """The subject found for a cue outside quotation marks lies inside one of the
        quotations it introduces, or inside a quotation after the verb."""
        if verb.i in self.quoted or subject.i not in self.quoted:
            return False
        return self.quoted[subject.i] in numbers or subject.i > verb.i

    def _name_after_quotation(self, verb: Token) -> list[Token]:
        """The words between a quotation's close and its tag verb, when they name someone:
        "“…,” Flynn, a top Trump surrogate, said" → ``Flynn, a top Trump surrogate,``."""
        start = verb.sent.start
        at = verb.i - 1
        while at >= start and at not in self.quoted:
            at -= 1
        if at < start:
            return []
        words = self.tokens[at + 1 : verb.i]
        while words and (words[0].is_punct or words[0].is_space):
            words = words[1:]
        if not 0 < len(words) <= MAX_TAG_NAME or any(
            t.text in BREAKS or t.is_space or (t.pos_ in {"VERB", "AUX"} and t.is_lower)
            for t in words
        ):
            return []
        if not any(t.pos_ in {"PROPN", "NOUN", "PRON"} for t in words):
            return []
        trimmed = _trim(words)
        if trimmed and len(trimmed) < len(words) and any(t.text == "," for t in trimmed):
            trimmed.append(words[len(trimmed)])  # the comma that closes an appositive
        return trimmed

    def _trailing_tag(self, verb: Token, subject: Token | None) -> bool:
        """A sentence that is only a speech tag: "Trump said.", ", he said.", "said Mr. Cruz"."""
        sentence = verb.sent
        start = subject.left_edge.i if subject is not None and subject.i < verb.i else verb.i
        if verb.dep_ != "ROOT" or any(
            not (t.is_punct or t.is_space) for t in sentence if t.i < start
        ):
            return False
        return not any(c.dep_ in {"ccomp", "xcomp", "advcl", "conj", "dobj"} for c in verb.children)

    def _sentence_before(self, sentence: Span) -> tuple[list[CharSpan], list[int]]:
        """The quotations of the sentence before (and their numbers), or that sentence."""
        before = doc_sentence_before(sentence)
        if before is None:
            return [], []
        numbers = sorted({self.quoted[t.i] for t in before if t.i in self.quoted})
        if numbers:
            return [span for n in numbers for span in self.quotations[n]], numbers
        root = before.root
        if root.lemma_.casefold() in self.lexicon.verbs and any(
            c.dep_ in SUBJECT_DEPS for c in root.children
        ):
            # "Trump said the US would act. The Justice Department agreed.": the sentence
            # before is someone else's report, not the words of this one's speaker
            return [], []
        return _runs(before), []

    def _according_to(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        for token in self.tokens:
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
        """The start of a cue at ``head`` with the auxiliaries, negation and adverbs before it.

        "has also said", "do not want".
        """
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
        for token in self.tokens:
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
        for verb in self.tokens:
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
        for sentence in sentences(self.doc):
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
        for token in self.tokens:
            if token.pos_ != "NOUN" or token.i in self.quoted:
                continue
            learned = self._learned(token, "poss")
            if not learned and token.lemma_.casefold() not in self.lexicon.nouns:
                continue
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is None:
                continue
            clause = next(
                (c for c in token.children if c.dep_ in {"acl", "ccomp", "xcomp", "relcl"}), None
            )
            if clause is not None and clause.dep_ != "relcl":
                content = _runs(clause.subtree)
            elif learned:  # "Mayor Varga's insistence on new elections"
                content = _runs(
                    t
                    for c in token.children
                    if c.dep_ == "prep" and c.i > token.i and c.lower_ in OBJECT_PREPS
                    for g in c.children
                    if g.dep_ in {"pobj", "pcomp"}
                    for t in g.subtree
                )
            else:
                continue
            if not content:
                continue
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
                    ordered.append(drafts[-1])  # the quotation after it may go on with it
                    continue
            # a continuation of the quote just before: its content goes on; after an
            # indirect quote or a partial one ("Erekat said it was only the latest move
            # … state. “They wanted us on our knees …”") the quotation is the same
            # speaker's words, a quote of its own
            before = [d for d in ordered if d.last <= start and (d.direct or _spoken(d))]
            previous = max(before, key=lambda d: d.last, default=None)
            if previous is not None:
                sentence_end = _sentence_end(self.doc, previous.last)
                gap = text[sentence_end:start]
                if not gap.strip() and first.i == first.sent.start:
                    if previous.direct and _whole_quotation(previous, self.quotations):
                        previous.content.extend(parts)
                        previous.quotations.add(number)
                        continue
                    # not when a cue the rules did not link follows the quotation, such
                    # as "said" after “My reaction, that was outrageous,”
                    if not self._cue_after(max(tokens, key=lambda t: t.i)):
                        drafts.append(
                            _Draft(
                                sentence=first.sent,
                                cue_span=None,
                                cue_token=None,
                                source=list(previous.source),
                                speaker_hint=previous.speaker_hint,
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

    def _cue_after(self, last: Token) -> bool:
        """A cue verb outside quotations after ``last`` in its sentence."""
        return any(
            self._is_cue_verb(token)
            for token in self.tokens[last.i + 1 : last.sent.end]
            if token.i not in self.quoted
        )

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


def _clause(verb: Token, *, skip: set[int] | frozenset[int] = frozenset()) -> Token | None:
    """The clause a cue verb governs: its ``ccomp``, else its to-infinitive complement;
    never a fixed phrase (``skip``: "That said, the council says that …")."""
    complement = next((c for c in verb.children if c.dep_ == "ccomp" and c.i not in skip), None)
    return complement if complement is not None else _to_complement(verb)


def _when(prep: Token) -> bool:
    """A phrase whose object is a date or time ("lashed out at Washington on Monday"):
    when it was said, not what about ("commented on the Monday meeting" is)."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def _dated(phrase: Token) -> bool:
    """A phrase that holds a date or time ("on Monday", "Sunday"): when, not what."""
    return any(t.ent_type_ in {"DATE", "TIME"} for t in phrase.subtree)


def _spoken(draft: _Draft) -> bool:
    """A draft with a source and a verb for its cue (not a headline's colon), whose
    speaker may go on in the quotation after it."""
    cue = draft.cue_token
    return bool(draft.source) and cue is not None and cue.pos_ in {"VERB", "AUX"}


def _whole_quotation(draft: _Draft, quotations: Sequence[Sequence[CharSpan]]) -> bool:
    """The draft's content is quotations only (not "“…” impeachment", a quoted phrase
    inside the writer's words)."""
    quoted = {span for number in draft.quotations for span in quotations[number]}
    return bool(draft.content) and all(span in quoted for span in draft.content)


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


def _asked(draft: _Draft) -> bool:
    """Is the draft's cue inside a question the writer asks ("Would he continue …, pushing
    for a firm policy?"): the sentence ends with a question mark and its main verb has
    an inverted auxiliary or a wh-word before it."""
    sentence = draft.sentence
    words = [t for t in sentence if not t.is_space]
    if not words or words[-1].text != "?":
        return False
    root = sentence.root
    first = next((t for t in words if not t.is_punct), None)
    return (
        first is not None
        and first.i < root.i
        and (
            first.tag_ in {"MD", "WDT", "WP", "WP$", "WRB"}
            or (first.pos_ == "AUX" and first.head == root)
        )
    )


def _outermost(drafts: list[_Draft], *, nesting: frozenset[str] = frozenset()) -> list[_Draft]:
    """Drop drafts whose cue lies inside another draft's content, unless the cue nests.

    A cue in ``nesting`` (the lexicon's ``nests`` rows: say, tell) with a source of its
    own, inside indirect quotes only, stays: "Roe said the governor told her that the
    bridge would close" gives Roe's quote and the governor's.
    """
    kept: list[_Draft] = []
    for draft in drafts:
        if draft.cue_span is None:
            kept.append(draft)
            continue
        cue_start, cue_end = draft.cue_span
        outer = [
            other
            for other in drafts
            if other is not draft and any(s <= cue_start and cue_end <= e for s, e in other.content)
        ]
        nests = (
            bool(draft.source)
            and not draft.direct
            and draft.cue_token is not None
            and draft.cue_token.lemma_.casefold() in nesting
            and not any(other.direct for other in outer)
        )
        if not outer or (nests and not _bare_word(draft)):
            kept.append(draft)
    return kept


def _bare_word(draft: _Draft) -> bool:
    """Is the draft's whole content one pronoun or relative word ("…, which he said",
    "he told them")?  Nested inside another quote such a draft adds no attribution of
    its own (outside one PolNeAR annotates some: there it stays)."""
    doc = draft.sentence.doc
    tokens = [
        t for s, e in draft.content for t in doc.char_span(s, e, alignment_mode="expand") or ()
    ]
    words = [t for t in tokens if not t.is_punct]
    return len(words) == 1 and words[0].tag_ in {"PRP", "WDT", "WP", "DT"}


PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they"})


def behaviour(verb: Token, evidence: frozenset[str]) -> bool:
    """Is ``verb`` a verb of evidence (``evidence``: "show") whose subject is a person?
    "Polls show Clinton ahead" reports what the poll shows; "she showed real enthusiasm
    to bargain" is what she did, the writer's reading of it, no quote (for the rules'
    objects and the tagger's cues alike)."""
    if verb.lemma_.casefold() not in evidence:
        return False
    subject = _subject(verb)
    return subject is not None and (
        subject.lower_ in PERSONAL_PRONOUNS or subject.ent_type_ == "PERSON"
    )


def _takes_an_amount(verb: Token) -> bool:
    """Does ``verb`` take an amount as its object ("added 0.1%", "added 12 points",
    "added $3 billion to the budget")?"""
    for child in verb.children:
        amount = child.ent_type_ in {"PERCENT", "MONEY", "QUANTITY"}
        if child.dep_ == "npadvmod" and amount:
            return True  # "added 0.1%": the parser's adverbial "%"
        if child.dep_ == "dobj" and (
            amount or child.like_num or any(c.dep_ == "nummod" for c in child.children)
        ):
            return True
    return False
