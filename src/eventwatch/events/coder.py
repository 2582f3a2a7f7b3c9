"""The event coder: verb and noun patterns over the dependency parse → CAMEO events.

For every verb (and event noun) whose lemma is a trigger in the pattern book
(:mod:`eventwatch.events.patterns`), the most specific pattern whose frame the
parse satisfies (particle, preposition, direct-object lemma) gives the CAMEO
code.  Then:

* **source** — the subject; for a passive, the ``by`` agent; for a verb without
  its own subject, the subject it shares (a conjoined verb, an open complement:
  "agreed to meet"), or the object of a verb that controls it ("urged Pyongyang
  to stop" → Pyongyang stops); for an event noun, its possessor or modifier
  ("Kerry's visit", "U.S. sanctions") or the subject of the clause it sits in;
* **target** — the slot the pattern names: direct object, the object of its
  preposition, indirect object, possessor, or none;
* conjoined actors ("Hungarian and Romanian officials") give one event each;
* an event needs an actor on at least one side;
* **modality** from :mod:`eventwatch.events.modality`; an event dated more than
  a year before the article is ``historical``;
* **author attribution**: in opinion and analysis pieces, sentences with the
  author's judgement cues (``data/events/author_cues.tsv``), first-person
  words or a question outside quotation marks are marked
  ``attributed_to_author``;
* **date and place**: a date expression in the sentence (the one attached to
  the trigger first), else the article date; the sentence's location from the
  places stage.

Every event carries its sentence, its span, its trigger and an explanation.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

from eventwatch.actors.kb import associate_words, harmed_words, is_harmed
from eventwatch.actors.resolve import is_dateline
from eventwatch.actors.stage import MentionIndex, mention_index, named_first
from eventwatch.clauses import (
    compared,
    feeling_auxiliary,
    feeling_complement,
    generic_deed,
    said_thing,
)
from eventwatch.errors import ConfigError
from eventwatch.events.antecedents import fill_named_targets
from eventwatch.events.learned import (
    PASSIVE_SUBJECTS,
    LearnedRules,
    SentenceContext,
    decide,
    for_whom,
    learned_rules,
)
from eventwatch.events.modality import ModalityCues, cues, modality_of
from eventwatch.events.patterns import Pattern, PatternBook
from eventwatch.nlp_lines import doc_text, heading_line, sentences
from eventwatch.quotes.lexicon import cue_lexicon
from eventwatch.records import (
    Actor,
    Article,
    DateMention,
    Event,
    EventActor,
    EventPlace,
    Place,
    Plover,
)
from eventwatch.tables import packaged, read_rows, read_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwatch.encoder.runtime import Reading
    from eventwatch.encoder.stage import SentenceReadings

SUBJECTS = frozenset({"nsubj", "csubj"})
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "call", "press", "tell", "force", "order", "invite", "persuade", "pressure"}
)
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "appos"})
FALLBACK_PREPS = ("with", "to", "against", "on", "toward", "towards", "at")
#: Where forces sent somewhere are sent: the target of a show of force (15x)
DEPLOYMENT_PREPS = ("to", "into", "onto", "in", "near", "along", "on", "at", "across")
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
QUOTES = frozenset({'"', "“", "”", "«", "»"})
OPINION_GENRES = frozenset({"opinion", "analysis"})
MAX_PAIRS = 4
# acts done together: agree, meet, cooperate, sign; not praise, defence, apology (051-056:
# "France and the United States welcomed the transfer" is no praise of each other)
JOINT_ROOTS = frozenset({"03", "04", "05", "06"})
NOT_JOINT = frozenset({"051", "052", "053", "054", "055", "056"})
ARMED = frozenset({"MIL", "REB", "INS", "SPY", "COP", "UAF", "SEP", "RAD"})
# sectors that contest elections: a verb of force between two of them is a result
POLITICAL = frozenset({"PTY", "GOV", "LEG", "ELI"})


@dataclass(frozen=True, slots=True)
class AuthorCues:
    starts: tuple[str, ...]
    phrases: tuple[str, ...]
    modals: frozenset[str] = frozenset()  # prescribing modals on the main verb: "should"


AUTHOR_CUE_KINDS = ("start", "phrase", "modal")


def load_author_cues(text: str, name: str = "author_cues.tsv") -> AuthorCues:
    found: dict[str, list[str]] = {kind: [] for kind in AUTHOR_CUE_KINDS}
    for number, row in read_rows(text, name=name, columns=("cue", "kind")):
        if not row["cue"]:
            continue
        if row["kind"] not in found:
            raise ConfigError(
                f"{name}:{number}: kind must be {', '.join(AUTHOR_CUE_KINDS)}, not {row['kind']!r}"
            )
        found[row["kind"]].append(row["cue"].casefold())
    return AuthorCues(
        starts=tuple(found["start"]),
        phrases=tuple(found["phrase"]),
        modals=frozenset(found["modal"]),
    )


@lru_cache(maxsize=1)
def author_cues() -> AuthorCues:
    return load_author_cues(read_text(packaged("data/events/author_cues.tsv")))


@dataclass(frozen=True, slots=True)
class FrameWords:
    light: frozenset[str]
    quantity: frozenset[str]
    pronoun: frozenset[str]
    verbal: frozenset[str] = frozenset()
    contest: frozenset[str] = frozenset()
    raising: frozenset[str] = frozenset()
    reaction: frozenset[str] = frozenset()
    routine: frozenset[str] = frozenset()
    undergo: frozenset[str] = frozenset()
    mishap: frozenset[str] = frozenset()
    inforce: frozenset[str] = frozenset()
    venue: frozenset[str] = frozenset()


def load_frame_words(text: str, name: str = "frames.tsv") -> FrameWords:
    kinds: dict[str, set[str]] = {
        "light": set(),
        "quantity": set(),
        "pronoun": set(),
        "verbal": set(),
        "contest": set(),
        "raising": set(),
        "reaction": set(),
        "routine": set(),
        "undergo": set(),
        "mishap": set(),
        "inforce": set(),
        "venue": set(),
    }
    for number, row in read_rows(text, name=name, columns=("word", "kind")):
        if row["kind"] not in kinds:
            raise ConfigError(f"{name}:{number}: kind must be one of {', '.join(kinds)}")
        kinds[row["kind"]].add(row["word"].casefold())
    return FrameWords(**{kind: frozenset(words) for kind, words in kinds.items()})


@lru_cache(maxsize=1)
def frame_words() -> FrameWords:
    return load_frame_words(read_text(packaged("data/events/frames.tsv")))


@lru_cache(maxsize=1)
def blame_words() -> frozenset[str]:
    """Words of blame (``data/events/evaluation.tsv``)."""
    text = read_text(packaged("data/events/evaluation.tsv"))
    return frozenset(row["word"].casefold() for _, row in read_rows(text, name="evaluation.tsv"))


@dataclass(frozen=True, slots=True)
class _Side:
    actor: Actor
    start: int
    end: int
    via: str  # how the coder found it: "subject 'Mr. Kerry'"

    def record(self) -> EventActor:
        return self.actor.as_event_actor((self.start, self.end))


# what a coding rule returns: (pattern, trigger, source, target) for each pair
Coded: TypeAlias = "list[tuple[Pattern, Token, _Side | None, _Side | None]]"


class Coder:
    """Codes the events of parsed articles (build once; call :meth:`code` per article)."""

    def __init__(
        self,
        *,
        patterns: PatternBook,
        ontology: Any,
        modality_cues: ModalityCues | None = None,
        judgement_cues: AuthorCues | None = None,
        frames: FrameWords | None = None,
        learned: LearnedRules | None = None,
        associates: frozenset[str] | None = None,
    ) -> None:
        self.patterns = patterns
        # nouns for the people around an actor ("Trump's supporters"): their owner is not
        # the doer (the actor knowledge base's `associate` words; the shipped ones if None)
        self.associates = associates if associates is not None else associate_words()
        self.harmed = harmed_words()  # "victims of X's bullying": X did it
        self.ontology = ontology
        self.modality_cues = modality_cues or cues()
        self.judgement_cues = judgement_cues or author_cues()
        self.frames = frames or frame_words()
        self.blame = blame_words()
        self.judging_verbs = cue_lexicon().verbs  # the verbs that report or judge
        self.learned = learned or learned_rules()

    # -- the article ------------------------------------------------------------------
    def code(
        self,
        doc: Doc,
        *,
        article: Article,
        locate: Any = None,
        readings: SentenceReadings | None = None,
    ) -> tuple[Event, ...]:
        """Every event in ``doc`` (the parse of ``article.text``).

        ``locate(doc, sentence)`` returns the sentence's location as an
        :class:`EventPlace` (the places stage provides it); without it events
        have no location.  ``readings`` (sentence start → the encoder's reading,
        with the model's name) switch on the learned coder for those sentences
        (:mod:`eventwatch.events.learned`); without them the patterns alone code.
        """
        mentions = mention_index(doc, article.actors)
        # where a target may be found: actors, and places standing for their country
        targets_at = {**_place_index(doc, article.places), **mentions}
        events: list[Event] = []
        opinion = article.genre in OPINION_GENRES
        text = doc_text(doc) if readings else ""
        for sentence in sentences(doc):
            if heading_line(sentence):
                continue  # a headline or subheading: the story's sentences tell it
            authored = opinion and self._authored(sentence)
            place = locate(doc, sentence) if locate is not None else None
            used_objects: set[int] = set()
            first = len(events)
            for token in sentence:
                if token.pos_ == "VERB" and token.i not in used_objects:
                    found = self._verb_events(token, mentions, used_objects, targets_at)
                elif token.pos_ in {"NOUN", "PROPN"} and token.i not in used_objects:
                    found = self._noun_events(token, mentions, targets_at)
                elif token.pos_ == "ADJ" and token.dep_ in {"acomp", "attr", "oprd"}:
                    found = self._adjective_events(token, mentions, targets_at)
                else:
                    continue
                for pattern, trigger, source, target in found:
                    if self._no_act(pattern.code, trigger, source, target):
                        continue
                    events.append(
                        self._event(
                            article=article,
                            sentence=sentence,
                            pattern=pattern,
                            trigger=trigger,
                            source=source,
                            target=target,
                            authored=authored,
                            place=place,
                            number=len(events),
                        )
                    )
            # the patterns' own readings of reported speech (a demand on the actor who
            # must act, criticism of the actor blamed); then the model, where it read
            drafts = self._criticisms(doc, self._demands(doc, events[first:]), mentions)
            reading = readings.get(sentence.start_char) if readings is not None else None
            if reading is None:
                events[first:] = _one_statement_each(drafts, doc)
                continue
            context = self._learned_context(
                sentence=sentence,
                reading=reading,
                mentions=mentions,
                targets_at=targets_at,
                article=article,
                authored=authored,
                place=place,
                number=first,
                model=readings.model if readings is not None else "",
                text=text,
            )
            events[first:] = decide(drafts, context, self.learned)
        # "Belarus rejected the sanctions": the act named again is the EU's, told before
        events = fill_named_targets(doc, events, reactions=self.frames.reaction)
        return tuple(_intent_expressed(event, doc, self.modality_cues) for event in events)

    def _learned_context(
        self,
        *,
        sentence: Span,
        reading: Reading,
        mentions: MentionIndex,
        targets_at: MentionIndex,
        article: Article,
        authored: bool,
        place: EventPlace | None,
        number: int,
        model: str,
        text: str,
    ) -> SentenceContext:
        made = [number + 1000]

        def make_event(code: str, trigger: Token, source: Any, target: Any, note: str) -> Event:
            pattern = Pattern(
                code=code,
                trigger=trigger.lemma_.casefold(),
                before=(),
                pos="NOUN" if trigger.pos_ in {"NOUN", "PROPN"} else "VERB",
                particle=None,
                prep=None,
                object=None,
                target="none",
                source="model",
            )
            made[0] += 1
            return self._event(
                article=article,
                sentence=sentence,
                pattern=pattern,
                trigger=trigger,
                source=source,
                target=target,
                authored=authored,
                place=place,
                number=made[0],
                note=note,
            )

        def refine(token: Token, pos: str, root: str) -> str | None:
            # the most specific pattern of the root the word's phrase satisfies:
            # "declared most settlements legal" is no "declare curfew" (1723), "released
            # two videos" no "release prisoner" (0841); with none the root's general code
            for kind in dict.fromkeys((pos, "VERB", "NOUN")):
                matched = self._match(token, kind, root=root)
                if matched is not None:
                    return matched[0].code
            return None

        return SentenceContext(
            sentence=sentence,
            reading=reading,
            mentions=mentions,
            targets_at=targets_at,
            make_event=make_event,
            recode=lambda event, code, why: self._recode(event, code, why=why),
            sources_of=lambda verb: self._sources_of_verb(verb, mentions),
            side=lambda actor, start, end, via: _Side(actor, start, end, via),
            refine=refine,
            model=model or "encoder",
            text=text,
            no_act=self._no_act,
            associates=self.associates,
            speech_verbs=self.judging_verbs,
            harmed=self.harmed,
            venues=self.frames.venue,
        )

    def _criticisms(self, doc: Doc, events: list[Event], mentions: MentionIndex) -> list[Event]:
        """A statement whose reported clause blames another actor is criticism of it:
        "Rubio said Obama's policy was a disaster" → 111, target Obama; but not the
        subject of a verb of saying or judging in the clause, who does the blaming there."""
        out = []
        for event in events:
            if event.cameo_root != "01" or event.source is None or event.target is not None:
                out.append(event)
                continue
            span = doc.char_span(*event.trigger_span)
            clause = (
                [t for c in span.root.children if c.dep_ == "ccomp" for t in c.subtree]
                if span is not None
                else []
            )
            # "the envoy said his predecessor had called the plan a disaster", "Reed called
            # Lee a liar, the police said": who says or judges inside the clause is the
            # one blaming, not the one blamed, and blame in what he says is his, not the
            # reporter's
            judging = [
                t
                for t in clause
                if t.pos_ == "VERB"
                and t.lemma_.casefold() in self.judging_verbs
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
            ]
            judges = {
                w.i
                for t in judging
                for c in t.children
                if c.dep_ in {"nsubj", "nsubjpass"}
                for w in c.subtree
            }
            said_inside = {w.i for t in judging for w in t.subtree}
            blamed = any(
                t.lemma_.casefold() in self.blame and t.i not in said_inside for t in clause
            )
            target = next(
                (
                    mentions[t.i]
                    for t in clause
                    if t.i in mentions
                    and t.i not in judges
                    and mentions[t.i][0].id != event.source.actor_id
                ),
                None,
            )
            if not blamed or target is None:
                out.append(event)
                continue
            actor, start, end = target
            side = _Side(actor, start, end, "actor blamed in the reported clause")
            out.append(
                self._recode(
                    event,
                    "111",
                    target=side.record(),
                    why="a criticism: the reported clause blames "
                    f"{actor.name} ('{doc.char_span(start, end, alignment_mode='expand')}')",
                )
            )
        return out

    def _code_fields(self, code: str) -> dict[str, Any]:
        """The event fields a CAMEO code decides: code, root, name, Goldstein, quad, PLOVER."""
        entry = self.ontology.cameo(code)
        mapping = self.ontology.plover_for(code)
        return {
            "cameo": entry.code,
            "cameo_root": entry.root,
            "cameo_name": entry.name,
            "goldstein": float(entry.goldstein),
            "quad_class": int(entry.quad_class),
            "plover": Plover(type=mapping.type, mode=mapping.mode, context=mapping.context)
            if mapping is not None and mapping.type
            else None,
        }

    def _recode(
        self, event: Event, code: str, *, target: EventActor | None = None, why: str
    ) -> Event:
        """The event with another code (and, if given, another target), saying why."""
        coded = self._code_fields(code)
        recoded = f"recoded {coded['cameo']} {coded['cameo_name']}: {why}"
        return replace(
            event,
            **coded,
            target=target if target is not None else event.target,
            explanation=f"{event.explanation}; {recoded}",
        )

    def _demands(self, doc: Doc, events: list[Event]) -> list[Event]:
        """A statement whose reported clause says someone must act is a demand on them:
        "the minister emphasized that North Korea must first honor its commitments"."""
        out = []
        for event in events:
            if event.cameo_root != "01" or event.source is None or event.target is not None:
                out.append(event)
                continue
            span = doc.char_span(*event.trigger_span)
            if span is None:
                out.append(event)
                continue
            clause = {t.i for c in span.root.children if c.dep_ == "ccomp" for t in c.subtree}
            demanded = next(
                (
                    other
                    for other in events
                    if other.modality == "demanded"
                    and other.source is not None
                    and other.source.actor_id != event.source.actor_id
                    and _token_at(doc, other.trigger_span) in clause
                ),
                None,
            )
            if demanded is None or demanded.source is None:
                out.append(event)
                continue
            out.append(
                self._recode(
                    event,
                    "100",
                    target=demanded.source,
                    why=f"a demand: the reported clause says {demanded.source.name} must act"
                    f" ('{demanded.trigger}')",
                )
            )
        return out

    # -- triggers ---------------------------------------------------------------------
    def _match(
        self, token: Token, pos: str, *, root: str | None = None
    ) -> tuple[Pattern, Token | None] | None:
        """The most specific pattern the parse satisfies (of CAMEO ``root`` only, if
        given), and its object token."""
        lemma = token.lemma_.casefold()
        doc = token.doc
        obj = _direct_object(token)
        if obj is not None and obj.lemma_.casefold() in self.frames.quantity:
            counted = _prep_object(obj, None, "of")  # "a number of exercises"
            obj = counted if counted is not None else obj
        for pattern in self.patterns.candidates(lemma, pos):
            if root is not None and pattern.code[:2] != root:
                continue
            if pattern.before:
                first = token.i - len(pattern.before)
                if first < 0 or tuple(t.lower_ for t in doc[first : token.i]) != pattern.before:
                    continue
            if pattern.particle and not any(
                c.dep_ in {"prt", "advmod"} and c.lower_ == pattern.particle for c in token.children
            ):
                continue
            if pattern.object == "*" and obj is None:
                continue
            found = obj
            if pattern.object is not None and pattern.object.startswith("to "):
                # "declined to comment" (object "to comment"): the verb of the "to" clause
                found = next(
                    (
                        c
                        for c in token.children
                        if c.dep_ == "xcomp"
                        and c.pos_ in {"VERB", "AUX"}
                        and c.lemma_.casefold() == pattern.object[3:]
                    ),
                    None,
                )
                if found is None:
                    continue
            elif pattern.object not in (None, "*") and (
                not _object_is(obj, pattern.object) or _judged(token, obj)
            ):
                # a passive's subject is the object its lemma asks for: "tariffs have been
                # imposed on imports", "sanctions were lifted"
                passive = _passive_subject(token) if obj is None else None
                if passive is None or not _object_is(passive, pattern.object):
                    continue
                found = passive
            if (
                pattern.prep
                and _prep_object(token, found, pattern.prep) is None
                and (pattern.target == "prep" or not _has_prep(token, found, pattern.prep))
            ):
                continue
            return pattern, found
        return None

    def _verb_events(
        self,
        verb: Token,
        mentions: MentionIndex,
        used: set[int],
        targets_at: MentionIndex,
    ) -> Coded:
        matched = self._match(verb, "VERB")
        if matched is None or compared(verb):
            return []
        if feeling_auxiliary(verb) or feeling_complement(verb):
            # "Moscow, which feels threatened by a NATO buildup": a perception, not the
            # act; no one is coded as threatening
            return []
        pattern, obj = matched
        if obj is not None and pattern.object not in (None, "*"):
            used.add(obj.i)  # "imposed sanctions": the noun is not coded again
        sources = self._sources_of_verb(verb, mentions)
        targets = self._targets(verb, obj, pattern, targets_at)
        if (
            not targets
            and len(sources) > 1
            and pattern.code[:2] in JOINT_ROOTS
            and pattern.code[:3] not in NOT_JOINT
        ):
            targets = sources  # "Kenya and Uganda signed": each with the other
        return _pairs(pattern, verb, sources, targets)

    def _noun_events(
        self,
        noun: Token,
        mentions: MentionIndex,
        targets_at: MentionIndex,
    ) -> Coded:
        matched = self._match(noun, "NOUN")
        if matched is None:
            return []
        pattern, _ = matched
        if noun.i in mentions:  # the noun is itself part of an actor's name
            return []
        if _routine(noun, self.frames.routine):
            return []  # "The Hill's request for comment": the press's routine, no event
        sources: list[_Side] = []
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                sources.extend(_actors_at(child, mentions, via="modifier"))
        targets = _prep_targets(noun, pattern, targets_at)
        if noun.dep_ in {"dobj", "obj"} and noun.head.lemma_.casefold() in self.frames.undergo:
            # "The United States faced Palestinian criticism": the act is done to the
            # verb's subject, whoever the noun's modifiers say did it
            if not targets:
                targets = [
                    replace(side, via=f"subject of '{noun.head.text}', who undergoes it")
                    for side in self._sources_of_verb(noun.head, targets_at)
                ]
            undergoers = {side.actor.id for side in targets}
            for prep in ("from", "by"):  # "condemnation from Turkey", "… by Ankara"
                doer = _prep_object(noun, noun.head, prep)
                if doer is not None:
                    sources.extend(_actors_at(doer, mentions, via=f"'{prep}' object"))
            sources = [side for side in sources if side.actor.id not in undergoers]
            if not sources and not targets:
                return []
            return _pairs(pattern, noun, sources, targets)
        light = noun.dep_ in {"dobj", "obj"} and noun.head.lemma_.casefold() in self.frames.light
        # a pattern that starts with the preposition it hangs on: "troops remained on alert"
        phrase = (
            bool(pattern.before) and noun.dep_ == "pobj" and noun.head.lower_ == pattern.before[0]
        )
        if not sources and (light or targets or phrase):
            # "held talks with Seoul", "after meetings with Mr. Kerry": the clause's subject
            sources = self._clause_subject(noun, mentions)
        if not sources and not targets:
            return []  # a bare event noun ("military exercises") is no event of its own
        if pattern.target == "prep":
            return _pairs(pattern, noun, sources, targets)
        if pattern.target == "poss":
            targets = [s for s in sources if s.via.startswith("modifier")]
            sources = self._clause_subject(noun, mentions)
        return _pairs(pattern, noun, sources, targets)

    def _adjective_events(
        self,
        adjective: Token,
        mentions: MentionIndex,
        targets_at: MentionIndex,
    ) -> Coded:
        """A predicate adjective: "Beijing remained obstructionist against sanctions"."""
        matched = self._match(adjective, "ADJ")
        if matched is None:
            return []
        pattern, _ = matched
        sources = self._sources_of_verb(adjective.head, mentions)
        targets = _prep_targets(adjective, pattern, targets_at)
        return _pairs(pattern, adjective, sources, targets)

    # -- sources and targets ----------------------------------------------------------
    def _sources_of_verb(self, verb: Token, mentions: MentionIndex) -> list[_Side]:
        node = verb
        for _ in range(4):
            passive = [c for c in node.children if c.dep_ == "agent"]
            if passive and node == verb:
                for agent in passive:
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            return _actors_at(pobj, mentions, via="'by' agent")
            subjects = [c for c in node.children if c.dep_ in SUBJECTS]
            if subjects:
                via = "subject" if node == verb else f"subject of '{node.text}'"
                found = _subject_sides(node, subjects, mentions, via=via)
                if not found and all(
                    s.lower_ in self.frames.pronoun and s.i not in mentions for s in subjects
                ):
                    # "North Korea declared it would never abandon ...": it = North Korea
                    reporter = node.head if node.dep_ in {"ccomp", "conj"} else None
                    if reporter is not None and reporter != node:
                        found = [
                            replace(side, via=f"'{subjects[0].text}' = {side.via}")
                            for side in self._sources_of_verb(reporter, mentions)
                            if side.actor.kind != "person"
                        ]
                return found
            if node == verb and (_passive(node) or _participle_clause(node)):
                # "… but their helicopter was shot down", "pleaded not guilty and were
                # released": a passive with no 'by' agent leaves its doer unsaid; the subject
                # of the clause it is joined to underwent it
                return []
            if node.dep_ == "xcomp" and node.head.lemma_.casefold() in OBJECT_CONTROL:
                controller = _direct_object(node.head)
                if controller is not None:
                    return _actors_at(controller, mentions, via=f"object of '{node.head.text}'")
            if node.dep_ == "relcl":
                return _actors_at(node.head, mentions, via="relative clause head")
            if node.dep_ == "acl" and node.tag_ == "VBN":
                return []  # "allies threatened with attack": the noun suffers the act
            if node.dep_ == "acl" and node.tag_ in {"VBD", "VBZ", "VBP"}:
                # a finite verb the parser hung on its subject: "The Committee ... resolved"
                found = _actors_at(node.head, mentions, via="subject")
                if found:
                    return found
            if (
                node.dep_ == "acl"
                and node.tag_ == "VBG"
                and node.head.pos_ in {"NOUN", "PROPN"}
                # not "Morrison was the witness testifying", "took turns rebutting"
                and node.head.dep_ in {"advcl", "nsubj", "nsubjpass", "pobj"}
            ):
                # "With Hong Kong protests exploding …", "troops firing on crowds": the
                # noun the participle modifies does it, not the main clause's subject; a
                # noun that names no actor ("protests") gives none
                if node.head.i not in mentions:
                    return []
                return _actors_at(node.head, mentions, via="noun of the participle", owners=False)
            if node.dep_ == "acl" and node.head.pos_ in {"NOUN", "PROPN"}:
                noun = node.head  # "his desire to revive", "eagerness to negotiate"
                owner = [c for c in noun.children if c.dep_ == "poss"]
                if owner:
                    return _actors_at(owner[0], mentions, via=f"owner of '{noun.text}'")
                if noun.head != noun and noun.head.pos_ in {"VERB", "AUX"}:
                    node = noun.head
                    continue
                break
            if node.dep_ == "pcomp" and node.head.lower_ == "to" and node.head.head != node.head:
                # "pleaded guilty to threatening …", "admitted to attacking …": the doer is
                # whoever the "to" phrase's word is said of
                node = node.head.head
                if node.pos_ in {"ADJ", "NOUN"} and node.dep_ in {
                    "acomp",
                    "advmod",
                    "dobj",
                    "oprd",
                }:
                    node = node.head
                continue
            if node.dep_ == "advcl" and _bare_infinitive(node):
                break  # "… reiterated the position that X “are illegal, present …”": a misparse
            if node.dep_ == "xcomp" and node.head != node:
                # "Erdogan is expected to visit Egypt", "the minister was forced to resign":
                # the passive's subject does what its "to" clause says
                held = [c for c in node.head.children if c.dep_ == "nsubjpass"]
                if held:
                    via = f"subject of '{node.head.text}'"
                    return _subject_sides(node.head, held, mentions, via=via)
            if node.dep_ in {"xcomp", "conj", "advcl"} and node.head != node:
                node = node.head
                continue
            if node.dep_ == "acomp" and node.lemma_.casefold() in self.frames.raising:
                node = node.head  # "Xi is likely to deploy", "Kyiv was ready to sign"
                continue
            break
        return []

    def _clause_subject(self, noun: Token, mentions: MentionIndex) -> list[_Side]:
        node = noun
        for _ in range(4):
            if node.head == node:
                return []
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                if noun.dep_ == "dobj" and node.lemma_.casefold() in self.frames.reaction:
                    # "Russia condemned the attack": someone else's act (frames.tsv)
                    return []
                return self._sources_of_verb(node, mentions)
        return []

    def _targets(
        self,
        verb: Token,
        obj: Token | None,
        pattern: Pattern,
        mentions: MentionIndex,
    ) -> list[_Side]:
        if pattern.target == "none":
            return []
        if pattern.target == "prep" and pattern.prep:
            pobj = _prep_object(verb, obj, pattern.prep)
            return _actors_at(pobj, mentions, via=f"'{pattern.prep}' object") if pobj else []
        if pattern.target == "iobj":
            for child in verb.children:
                if child.dep_ == "dative":
                    inner = next((c for c in child.children if c.dep_ == "pobj"), child)
                    return _actors_at(inner, mentions, via="indirect object")
            for prep in ("to", "for"):
                pobj = _prep_object(verb, obj, prep)
                if pobj is not None:
                    return _actors_at(pobj, mentions, via=f"'{prep}' object")
            return []
        passive = next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS), None)
        if passive is None and verb.dep_ in {"acomp", "xcomp", "oprd"}:
            # "China, which feels threatened by ...": the feeler is the one threatened
            passive = next((c for c in verb.head.children if c.dep_ in SUBJECTS), None)
        if passive is None and (
            (verb.dep_ == "conj" and _passive(verb)) or _participle_clause(verb)
        ):
            # "Russian troops crossed the border and were attacked", "he faces prison if
            # convicted": the main clause's subject undergoes the passive
            passive = next((c for c in verb.head.children if c.dep_ in SUBJECTS), None)
        if passive is not None and passive.tag_ in {"WDT", "WP"}:
            relative = passive.head
            while relative.dep_ != "relcl" and relative.head != relative:
                relative = relative.head
            passive = relative.head if relative.dep_ == "relcl" else passive
        head = obj if obj is not None else passive
        found = _actors_at(head, mentions, via="object") if head is not None else []
        if (
            pattern.code[:2] == "15"
            and obj is not None
            and found
            and all(side.actor.sector in ARMED for side in found)
        ):
            # "Xi is likely to deploy PLA forces onto the streets": the forces sent are
            # the actor's own means, not whom the show of force is aimed at
            for prep in DEPLOYMENT_PREPS:
                pobj = _prep_object(verb, obj, prep)
                if pobj is not None and (
                    where := _actors_at(pobj, mentions, via=f"'{prep}' object")
                ):
                    return where
            return []
        if not found:  # "met with", "spoke to": the actor sits in a prepositional phrase
            for prep in FALLBACK_PREPS:
                pobj = _prep_object(verb, None, prep)
                if pobj is not None:
                    found = _actors_at(pobj, mentions, via=f"'{prep}' object")
                    if found:
                        break
        return found

    # -- the record -------------------------------------------------------------------
    def _authored(self, sentence: Span) -> bool:
        """Is this sentence of an opinion piece the author's own judgement?"""
        quoted = _quoted_tokens(sentence)
        text = " ".join(t.lower_ for t in sentence if t.i not in quoted)
        plain = text.replace(" ’", "'").replace(" '", "'")
        if any(plain.startswith(cue) for cue in self.judgement_cues.starts):
            return True
        if any(f" {cue} " in f" {plain} " for cue in self.judgement_cues.phrases):
            return True
        outside = [t for t in sentence if t.i not in quoted]
        if any(t.lower_ in FIRST_PERSON for t in outside):
            return True
        if _prescribed(sentence.root, self.judgement_cues.modals, quoted):
            # "Congress ought to reject this policy", "the White House should negotiate
            # with Beijing": the author's advice to an actor, in the main clause
            return True
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in sentence.root.children):
            # "First, that North Korea is willing to negotiate …": a that-clause no verb
            # governs is a premise the author lists, not a report
            return True
        return bool(outside) and outside[-1].text == "?"

    def _no_act(
        self, code: str, trigger: Token, source: _Side | None, target: _Side | None
    ) -> bool:
        """Words that record no act: force in an election result or a mishap, a measure
        taking effect, words or deeds a relative clause names ("everything the minister
        said", "nothing Trump has done")."""
        return (
            self._electoral(code, trigger, source, target)
            or self._mishap(code, trigger)
            or _takes_effect(trigger, self.frames.inforce)
            or said_thing(trigger)
            or generic_deed(trigger)
        )

    def _mishap(self, code: str, trigger: Token) -> bool:
        """Killed, injured or destroyed *in* an accident or a disaster ("two service
        members have been killed in a helicopter crash", "died in the fire"): no one
        used force (``mishap`` in frames.tsv)."""
        if code[:2] not in {"18", "19", "20"}:
            return False
        for prep in trigger.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "during"}:
                for noun in prep.children:
                    if noun.dep_ == "pobj" and noun.lemma_.casefold() in self.frames.mishap:
                        return True
        return False

    def _electoral(
        self, code: str, trigger: Token, source: _Side | None, target: _Side | None
    ) -> bool:
        """A verb of force between two political actors is an election result, no event:
        "Kentucky Democrats beat incumbent Gov. Matt Bevin", "Harris beating Trump"."""
        if code[:2] not in {"18", "19"} or source is None or target is None:
            return False
        if trigger.lemma_.casefold() not in self.frames.contest:
            return False
        return all(side.actor.sector in POLITICAL for side in (source, target))

    def _event(
        self,
        *,
        article: Article,
        sentence: Span,
        pattern: Pattern,
        trigger: Token,
        source: _Side | None,
        target: _Side | None,
        authored: bool,
        place: EventPlace | None,
        number: int,
        note: str = "",
    ) -> Event:
        code, verbal = pattern.code, ""
        if (
            pattern.source != "model"  # the model has read the sentence: its root stands
            and code[:2] in {"18", "19"}
            and trigger.lemma_.casefold() in self.frames.verbal
            and source is not None
            # a person, or a body of a sector that bears no arms; a state named bare has
            # an army ("Russia attacked the port" is force)
            and (
                source.actor.kind == "person"
                or (source.actor.sector is not None and source.actor.sector not in ARMED)
            )
            and (target is None or target.actor.sector not in ARMED)
        ):
            code = "111"  # "Cruz attacked Trump's record": words, not weapons
            verbal = f"; '{trigger.text}' by an unarmed actor is criticism, not force"
        coded = self._code_fields(code)
        modality, reason = modality_of(trigger, table=self.modality_cues)
        when, period = _event_date(trigger, sentence, article)
        if (
            modality == "asserted"
            and when is not None
            and article.published is not None
            and (article.published - when).days > 365
        ):
            modality, reason = "historical", f"dated {when}, over a year before the article"
        sides = [trigger.idx, trigger.idx + len(trigger.text)]
        for side in (source, target):
            if side is not None:
                sides += [side.start, side.end]
        explanation = (
            f"{pattern.describe()} ({pattern.source}) → {coded['cameo']} {coded['cameo_name']}; "
            f"source: {_explain(source)}; target: {_explain(target)}; "
            f"modality {modality} ({reason})"
        )
        explanation += verbal
        if note:
            explanation += f"; {note}"
        if authored:
            explanation += "; the author's judgement in an opinion piece"
        return Event(
            id=f"{article.sha256[:12]}:{trigger.idx}:{number}",
            source=source.record() if source else None,
            target=target.record() if target else None,
            **coded,
            modality=modality,
            attributed_to_author=authored,
            date=when,
            date_period=period,
            location=place,
            sentence=(sentence.start_char, sentence.end_char),
            span=(min(sides), max(sides)),
            trigger=trigger.text,
            trigger_span=(trigger.idx, trigger.idx + len(trigger.text)),
            explanation=explanation,
        )


# -- helpers ------------------------------------------------------------------------------


def _prep_targets(token: Token, pattern: Pattern, mentions: MentionIndex) -> list[_Side]:
    """The actors in the object of the pattern's preposition on a noun or adjective."""
    if pattern.target != "prep" or not pattern.prep:
        return []
    pobj = _prep_object(token, None, pattern.prep)
    return _actors_at(pobj, mentions, via=f"'{pattern.prep}' object") if pobj is not None else []


def _place_index(doc: Doc, places: Iterable[Place]) -> MentionIndex:
    """A place named where a target belongs ("a visit to Beijing", "troops to Syria")
    stands for its country; never for a source, nor where the story was filed
    ("LONDON (AP) —")."""
    index: MentionIndex = {}
    for place in places:
        if not place.country:
            continue
        stand_in = Actor(
            id=f"country:{place.country}",
            name=place.country,
            kind="country",
            country=place.country,
            code=place.country,
        )
        for start, end in place.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or is_dateline(span):
                continue
            for token in span:
                index.setdefault(token.i, (stand_in, start, end))
    return index


def _subject_sides(
    clause: Token, subjects: Sequence[Token], mentions: MentionIndex, *, via: str
) -> list[_Side]:
    """The actors of a clause's subjects: a relative pronoun stands for its noun; a
    possessor is no subject ("Kerry's trip provided the answer": the trip acts)."""
    found: list[_Side] = []
    for subject in subjects:
        if subject.tag_ in {"WDT", "WP"} and clause.dep_ == "relcl":
            found.extend(_antecedent_actors(clause, subject, mentions))
        else:
            found.extend(_actors_at(subject, mentions, via=via, owners=False))
    return found


def _phrases(word: Token) -> Iterator[str]:
    """The word with its object or a preposition and its object, as lemmas: "take
    effect", "come into force", "request for comment" (the phrase kinds of frames.tsv)."""
    lemma = word.lemma_.casefold()
    for child in word.children:
        if child.dep_ == "dobj":
            yield f"{lemma} {child.lemma_.casefold()}"
        elif child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield f"{lemma} {child.lower_} {obj.lemma_.casefold()}"


def _takes_effect(verb: Token, inforce: frozenset[str]) -> bool:
    """Does the verb say a measure starts to apply (``inforce`` in frames.tsv: "the
    tariffs took effect", "the ban went into effect", "entered into force")?"""
    return any(phrase in inforce for phrase in _phrases(verb))


def _routine(noun: Token, routine: frozenset[str]) -> bool:
    """Is the event noun with its preposition and object one of the press's routines
    (``routine`` in frames.tsv: "request for comment", "requests for interviews")?
    Its rows are all three words: a noun's object phrase of two matches none."""
    return any(phrase in routine for phrase in _phrases(noun))


def _antecedent_actors(clause: Token, pronoun: Token, mentions: MentionIndex) -> list[_Side]:
    """The actors of the noun a relative clause's pronoun stands for: the clause's head,
    or, where that names no actor and the pronoun is "who", the noun just before the
    comma that opens the clause ("talks between his government and the Taliban, who have
    refused to negotiate": the parser hangs the clause on "talks"; "who" is never a
    thing), and that noun alone, not the nouns joined to it."""
    found = _actors_at(clause.head, mentions, via="relative clause head")
    if found or pronoun.lower_ != "who" or pronoun.i < 2:
        return found
    comma, before = pronoun.doc[pronoun.i - 1], pronoun.doc[pronoun.i - 2]
    if comma.text != "," or before.pos_ not in {"PROPN", "NOUN"} or before == clause.head:
        return found
    # that noun alone: "his government and the Taliban, who …" is the Taliban
    side = _actor_of_phrase(before, mentions, via="relative clause head")
    return [side] if side is not None else []


def _actors_at(
    head: Token | None,
    mentions: MentionIndex,
    *,
    via: str,
    owners: bool = True,
) -> list[_Side]:
    """The actors a noun phrase names: its head, else a modifier; conjuncts each count."""
    if head is None:
        return []
    found: list[_Side] = []
    nodes = [head, *head.conjuncts]
    # "Japanese and Chinese officials": conjoined modifiers name actors of their own
    nodes += [c for m in head.children if m.dep_ in {"amod", "compound"} for c in m.conjuncts]
    # "Two Arab states, Egypt and Jordan, criticised …": each name the apposition joins
    nodes += [c for a in head.children if a.dep_ == "appos" for c in a.conjuncts]
    # "Ministers from Kenya and Uganda": the countries joined inside the phrase
    nodes += [
        c
        for p in head.children
        if p.dep_ == "prep" and p.lower_ in {"of", "from"}
        for o in p.children
        if o.dep_ == "pobj"
        for c in o.conjuncts
    ]
    for node in nodes:
        side = _actor_of_phrase(node, mentions, via=via, owners=owners)
        if side is not None and all(side.actor.id != f.actor.id for f in found):
            found.append(side)
    return found


def _actor_of_phrase(
    node: Token, mentions: MentionIndex, *, via: str, owners: bool = True
) -> _Side | None:
    def side(token: Token) -> _Side:
        actor, start, end = mentions[token.i]
        span = token.doc.char_span(start, end, alignment_mode="expand")
        words = span.text if span is not None else token.text
        return _Side(actor, start, end, f"{via} '{words}'")

    for token in named_first(node, mentions):
        if token.i in mentions:
            return side(token)
    # modifiers and the phrase's own words, not clauses or conjuncts hanging on it
    skip = CLAUSE_DEPS | {"conj", "cc", "prep"} | (set() if owners else {"poss"})
    queue = [c for c in node.children if c.dep_ not in skip]
    if not is_harmed(node, harmed_words()):
        # "foreign minister of Japan"; not "victims of Beijing's bullying", where the
        # of-phrase names who did the harm (``harmed`` in place_words.tsv)
        queue += [c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"]
    deeper = CLAUSE_DEPS | {"conj", "cc"} | (set() if owners else {"poss"})
    while queue:
        token = queue.pop(0)
        if token.i in mentions:
            return side(token)
        # "representatives of Epstein's family suggested …": not Epstein, at any depth
        queue.extend(c for c in token.children if c.dep_ not in deeper)
    return None


def _prescribed(root: Token, modals: frozenset[str], quoted: set[int] | frozenset[int]) -> bool:
    """Does a prescribing modal (``modals``) bear on the sentence's main verb outside
    quotation marks: an auxiliary on it ("should negotiate") or the root itself, which
    the parser makes of "ought" ("ought to reject")?"""
    if root.i in quoted:
        return False
    if root.lower_ in modals:
        return True
    return any(c.dep_ == "aux" and c.lower_ in modals for c in root.children)


def _direct_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in {"dobj", "obj"}:
            return child
    for child in token.children:  # "is a threat": the attribute stands for the object
        if child.dep_ == "attr":
            return child
    return None


def _judged(verb: Token, obj: Token | None) -> bool:
    """The verb says what its object is ("called the ceasefire a historic achievement",
    "called the strike illegal"): an object predicate beside the object, so the verb
    judges or names the object and does not do the act "call a ceasefire" names."""
    return obj is not None and any(c.dep_ == "oprd" for c in verb.children)


def _passive(verb: Token) -> bool:
    """Is ``verb`` passive: a passive auxiliary or a passive subject of its own?"""
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def _participle_clause(verb: Token) -> bool:
    """A past participle heading an adverbial clause of its own, with no auxiliary and no
    subject ("… faces 175 years in prison if convicted", "Asked about the talks, Kerry
    …"): a passive whose undergoer is the main clause's subject."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and not any(
            c.dep_ in SUBJECTS | PASSIVE_SUBJECTS | {"aux", "auxpass"} for c in verb.children
        )
        # set off as a clause: a conjunction ("if", "once") or before the main verb; a
        # finite verb the parser took for a participle after it is not
        and (verb.i < verb.head.i or any(c.dep_ == "mark" for c in verb.children))
    )


def _passive_subject(token: Token) -> Token | None:
    """The subject of a passive verb ("tariffs have been imposed"), if any."""
    if not any(c.dep_ == "auxpass" for c in token.children):
        return None
    return next((c for c in token.children if c.dep_ == "nsubjpass"), None)


def _object_is(obj: Token | None, lemma: str) -> bool:
    if obj is None:
        return False
    words = {obj.lemma_.casefold(), obj.lower_}
    if obj.pos_ == "PROPN" and obj.lower_.endswith("s"):  # "the Six Party Talks"
        words.add(obj.lower_[:-1])
    words.update(c.lemma_.casefold() for c in obj.children if c.dep_ == "compound")
    words.update(c.lemma_.casefold() for c in obj.conjuncts)
    return lemma in words or lemma == f"{obj.lemma_.casefold()}"


def _prep_object(token: Token, obj: Token | None, prep: str) -> Token | None:
    for owner in (token, obj):
        if owner is None:
            continue
        for child in owner.children:
            if child.dep_ in {"prep", "dative", "agent"} and child.lower_ == prep:
                pobj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
                if pobj is not None and not for_whom(child):
                    return pobj
    return None


def _has_prep(token: Token, obj: Token | None, prep: str) -> bool:
    return any(
        child.dep_ in {"prep", "dative"} and child.lower_ == prep
        for owner in (token, obj)
        if owner is not None
        for child in owner.children
    )


def _pairs(
    pattern: Pattern, trigger: Token, sources: Sequence[_Side], targets: Sequence[_Side]
) -> Coded:
    if not sources and not targets:
        return []  # no actor on either side: not an event
    out: Coded = []
    source_options: list[_Side | None] = list(sources) or [None]
    target_options: list[_Side | None] = list(targets) or [None]
    for source in source_options:
        for target in target_options:
            if source is not None and target is not None and source.actor.id == target.actor.id:
                continue
            out.append((pattern, trigger, source, target))
    return out[:MAX_PAIRS]


def _quoted_tokens(sentence: Span) -> set[int]:
    """The sentence's tokens inside quotation marks, with the words before a closing
    mark that no mark in the sentence opened: a quotation that began in an earlier
    sentence ("… must continue for Damascus to allow the U.N. to deliver aid.”")."""
    marks = [t for t in sentence if t.text in QUOTES or (t.text == "'" and t.pos_ == "PUNCT")]
    quoted: set[int] = set()
    closing = marks[0].i if marks and _closes(marks[0], len(marks), sentence) else None
    if closing is not None:
        quoted.update(range(sentence.start, closing))
    at_marks = {t.i for t in marks}
    inside = False
    for token in sentence:
        if token.i in at_marks:
            inside = not inside and token.i != closing
            quoted.add(token.i)
        elif inside:
            quoted.add(token.i)
    return quoted


def _closes(mark: Token, count: int, sentence: Span) -> bool:
    """Does the ``sentence``'s first quotation mark close a quotation: a right curly
    mark, or the lone straight mark of an odd count that ends the sentence?"""
    if mark.text in {"”", "»"}:
        return True
    last = next((t for t in reversed(sentence) if not t.is_space), mark)
    return mark.text in {'"', "'"} and count % 2 == 1 and mark.i == last.i


#: Clauses an event's trigger governs, whose dates are their own acts'
GOVERNED_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "parataxis"})


def _event_date(
    trigger: Token, sentence: Span, article: Article
) -> tuple[datetime.date | None, str | None]:
    inside: list[DateMention] = [
        d for d in article.dates if sentence.start_char <= d.start < sentence.end_char
    ]
    if inside:
        doc = trigger.doc
        # "Macron said the two countries would host a conference next month", "Obama
        # said the war began in 2003": a date in a clause the trigger governs dates that
        # clause's act, not the trigger's
        governed = {
            t.i
            for child in trigger.children
            if child.dep_ in GOVERNED_CLAUSES
            for t in child.subtree
        }
        roots = [
            (d, span.root)
            for d in inside
            if (span := doc.char_span(d.start, d.end, alignment_mode="expand")) is not None
            and span.root.i not in governed
        ]
        ancestors = {trigger.i, *(t.i for t in trigger.children)}
        attached = [
            d for d, root in roots if root.head.i in ancestors or root.head.head.i in ancestors
        ]
        if roots:  # the attached dates are among them
            chosen = (attached or [d for d, _ in roots])[0]
            return chosen.date, chosen.period
    if article.published is not None:
        return article.published, "article"
    return None, None


#: Auxiliaries of the future of a past report ("said they would seek …")
REPORTED_AUX = frozenset({"would", "'d"})


def _intent_expressed(event: Event, doc: Doc, table: ModalityCues) -> Event:
    """An intent (03) in a future auxiliary of ``table`` ("will"), or in "would" under a
    report, is the intent expressed, which happened: "Indian officials said they would
    seek another round of talks" is an asserted 036, not a hypothetical one.  Not under
    one of ``table``'s clause markers, a condition or a question ("would seek talks if
    …", "whether Trump will agree"), not with "could", "may", "might", not a bare
    "would" ("Peace would allow …"), and not with no source."""
    if (
        event.cameo_root != "03"
        or event.modality not in {"future", "hypothetical"}
        or event.source is None
    ):
        return event
    token = _token_at(doc, event.trigger_span)
    if token < 0:
        return event
    trigger = doc[token]
    aux = {c.lower_ for c in trigger.children if c.dep_ == "aux"}
    reported = trigger.dep_ == "ccomp" and trigger.head.pos_ == "VERB"
    future = {word for word, modality in table.aux.items() if modality == "future"}
    if not (aux & future or (reported and aux & REPORTED_AUX)):
        return event
    if any(c.dep_ == "mark" and c.lower_ in table.mark for c in trigger.subtree):
        return event
    return replace(
        event,
        modality="asserted",
        explanation=f"{event.explanation}; an intent in '{trigger.text}' is the intent said",
    )


def _one_statement_each(events: list[Event], doc: Doc) -> list[Event]:
    """Statements are subordinate events: one per speaker and sentence, from a verb.

    "Trump said late Wednesday ..., although he tweeted that ...": the second
    plain statement by the same speaker adds nothing; "his remarks", "in a
    statement" (statement nouns) are no event of their own.
    """
    out: list[Event] = []
    speakers: set[str] = set()
    for event in events:
        if event.cameo_root == "01":
            token = _token_at(doc, event.trigger_span)
            if token >= 0 and doc[token].pos_ != "VERB":
                continue
            key = event.source.actor_id if event.source else ""
            if key in speakers and event.target is None:
                continue
            speakers.add(key)
        out.append(event)
    return out


def _token_at(doc: Doc, span: tuple[int, int]) -> int:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found.root.i if found is not None else -1


def _explain(side: _Side | None) -> str:
    if side is None:
        return "none"
    return f"{side.via} → {side.actor.code or side.actor.id}"


def place_of(place: Place, start: int, end: int) -> EventPlace:
    return EventPlace(
        place_id=place.id,
        name=place.name,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        span=(start, end),
    )


def _bare_infinitive(verb: Token) -> bool:
    """Is ``verb`` a base form with no "to", modal or subordinator of its own?  As an
    adverbial clause that is the parser's slip (a conjunct of a quoted clause hung on
    the reporting verb), not a clause whose subject is the main verb's: "saying …",
    "to meet …", "after meeting …" all have a form or word that says so."""
    return verb.tag_ == "VB" and not any(
        c.dep_ in {"aux", "mark"} or c.tag_ == "MD" for c in verb.children
    )
