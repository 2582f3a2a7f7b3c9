"""The learned coder: the encoder's reading of a sentence decides its event.

The encoder stage (:mod:`eventwatch.encoder`) gives each candidate sentence a
probability for every CAMEO root and for "no event", and tags the words that
name the event's source and target.  The verb patterns still find triggers and
read sources and targets off the parse; this module combines the two per
sentence (the knobs are in ``data/events/learned.toml``):

1. A sentence the model calls "no event" codes nothing.
2. The sentence's main event has the model's root.  A pattern event with that
   root keeps its full code (the patterns refine the code inside the root);
   otherwise a statement is recoded when the root is one a statement can be
   (criticism, appeal, demand …), or the sentence's main predicate is coded
   with the most specific pattern code of that root for its word, else the
   root's general code.
3. Reporting verbs ("said", "told") are not events of their own; bare
   statements are kept only when the model says the statement is the act.
4. Another pattern event stays when the model gives its root enough weight.
5. Sides the parse left empty are filled from the tagger's spans, then from
   the actors in the trigger's own phrase.

Every event's explanation names the model, its score and the pattern.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from eventwatch.actors.kb import is_harmed
from eventwatch.actors.resolve import is_dateline
from eventwatch.actors.stage import owners_of_associates
from eventwatch.errors import ConfigError
from eventwatch.tables import packaged, read_text

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwatch.actors.stage import MentionIndex
    from eventwatch.encoder.runtime import Reading, TagSpan
    from eventwatch.records import Event


MAX_SAME_ROOT = 4  # events of the model's root kept in one sentence


@dataclass(frozen=True, slots=True, kw_only=True)
class LearnedRules:
    """The thresholds and word lists of ``data/events/learned.toml``."""

    no_event: float
    secondary: float
    pattern_floor: float
    clause_factor: float
    require_source: bool
    tag_score: float
    reporting: frozenset[str]
    speech_roots: frozenset[str]
    speech_codes: dict[str, str] = field(default_factory=dict)
    state_verbs: frozenset[str] = frozenset()
    undergoer_verbs: frozenset[str] = frozenset()
    plain_statements: frozenset[str] = frozenset({"010"})
    intent_floor: float = 1.0  # above 1: intents never recoded
    predicate_floor: float = 0.0  # the model's root alone codes the main predicate from here
    claim_verbs: frozenset[str] = frozenset()  # a claim of one's own act is claim_code
    hedge_verbs: frozenset[str] = frozenset()  # "are believed to remain": passive, no agent
    claim_code: str = "015"
    intents: dict[str, str] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)

    def intent_of(self, code: str, root: str, *, refused: bool = False) -> str | None:
        """The code inside ``root`` that expresses the act ``code`` as an intent (03) or
        a threat (13), or with ``refused`` as a refusal (12): the row of the longest
        prefix of ``code`` whose code is in ``root``."""
        table = self.refusals if refused else self.intents
        for size in range(len(code), 1, -1):
            found = table.get(code[:size])
            if found is not None and found.startswith(root):
                return found
        return None


def load_learned_rules(text: str, name: str = "learned.toml") -> LearnedRules:
    """Read the rules; a missing or malformed setting is named with the file."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name}: {error}") from error

    def number(key: str) -> float:
        if key not in raw:
            raise ConfigError(f"{name}: setting '{key}' is missing")
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{name}: setting '{key}' must be a number, got {value!r}")
        if not 0.0 <= float(value) <= 1.0:
            raise ConfigError(f"{name}: {key} must be a probability between 0 and 1")
        return float(value)

    def words(key: str) -> frozenset[str]:
        value = raw.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise ConfigError(f"{name}: setting '{key}' must be a list of words")
        return frozenset(w.casefold() for w in value)

    codes = raw.get("speech_codes", {})
    if not isinstance(codes, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.startswith(k) and v.isdigit()
        for k, v in codes.items()
    ):
        raise ConfigError(
            f'{name}: [speech_codes] maps a root to a CAMEO code inside it, like "05" = "051"'
        )

    def code_table(key: str) -> dict[str, str]:
        table = raw.get(key, {})
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k.isdigit() and v.isdigit()
            for k, v in table.items()
        ):
            raise ConfigError(
                f'{name}: [{key}] maps an act code to a CAMEO code, like "07" = "033"'
            )
        return dict(table)

    flag = raw.get("require_source")
    if not isinstance(flag, bool):
        raise ConfigError(f"{name}: setting 'require_source' must be true or false")
    return LearnedRules(
        no_event=number("no_event"),
        secondary=number("secondary"),
        pattern_floor=number("pattern_floor"),
        clause_factor=number("clause_factor"),
        tag_score=number("tag_score"),
        require_source=flag,
        reporting=words("reporting"),
        speech_roots=words("speech_roots"),
        speech_codes=dict(codes),
        state_verbs=words("state_verbs") if "state_verbs" in raw else frozenset(),
        undergoer_verbs=words("undergoer_verbs") if "undergoer_verbs" in raw else frozenset(),
        plain_statements=(
            words("plain_statements") if "plain_statements" in raw else frozenset({"010"})
        ),
        intent_floor=number("intent_floor") if "intent_floor" in raw else 1.0,
        predicate_floor=number("predicate_floor") if "predicate_floor" in raw else 0.0,
        claim_verbs=words("claim_verbs") if "claim_verbs" in raw else frozenset(),
        hedge_verbs=words("hedge_verbs") if "hedge_verbs" in raw else frozenset(),
        intents=code_table("intents"),
        refusals=code_table("refusals"),
    )


@lru_cache(maxsize=1)
def learned_rules() -> LearnedRules:
    """The shipped rules, read once."""
    return load_learned_rules(read_text(packaged("data/events/learned.toml")))


# what the coder hands in: make an event from (code, trigger, source, target, note)
MakeEvent = Callable[[str, "Token", Any, Any, str], "Event"]
Recode = Callable[["Event", str, str], "Event"]
Sides = Callable[["Token"], list[Any]]


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceContext:
    """What :func:`decide` needs from the coder for one sentence."""

    sentence: Span
    reading: Reading
    mentions: MentionIndex
    targets_at: MentionIndex
    make_event: MakeEvent
    recode: Recode
    sources_of: Sides  # the parse's sources of a verb
    side: Callable[[Any, int, int, str], Any]  # (actor, start, end, via) → a side
    refine: Callable[[Token, str, str], str | None]  # (word, pos, root) → a pattern code
    model: str
    text: str  # the Doc's text, read once per article (spaCy rebuilds doc.text per access)
    # (code, trigger, source, target) → no act after all: an election result, a mishap
    no_act: Callable[[str, Token, Any, Any], bool] = lambda *_: False
    associates: frozenset[str] = frozenset()  # "Trump's supporters": not Trump's act
    speech_verbs: frozenset[str] = frozenset()  # verbs of saying or judging (the cue verbs)
    harmed: frozenset[str] = frozenset()  # "victims of X's bullying": X did it
    venues: frozenset[str] = frozenset()  # "said at a rally": where, not to whom
    _triggers: dict[tuple[int, int], Token | None] = field(default_factory=dict)

    def trigger(self, event: Event) -> Token | None:
        """The token at the root of an event's trigger (looked up once per event)."""
        span = event.trigger_span
        if span not in self._triggers:
            found = self.sentence.doc.char_span(*span, alignment_mode="expand")
            self._triggers[span] = found.root if found is not None else None
        return self._triggers[span]


def decide(candidates: Sequence[Event], ctx: SentenceContext, rules: LearnedRules) -> list[Event]:
    """The events of one sentence, from its pattern events and the model's reading."""
    reading = ctx.reading
    if reading.prob("none") >= rules.no_event:
        return []
    root, p_root = reading.best_root()
    note = f"model {ctx.model}: root {root} p={p_root:.2f}, no event p={reading.prob('none'):.2f}"
    tagged_source = _tagged(ctx, "S", rules)
    tagged_target = _tagged(ctx, "T", rules)

    def reporting(event: Event) -> bool:
        token = ctx.trigger(event)
        return token is not None and _reports(token, rules)

    def agreement(event: Event) -> tuple[int, int, int, int]:
        source_ok = tagged_source is not None and event.source_actor_id == tagged_source.actor.id
        target_ok = tagged_target is not None and event.target_actor_id == tagged_target.actor.id
        return (
            -int(source_ok) - int(target_ok),
            -int(event.source is not None),
            -int(event.target is not None),
            event.trigger_span[0],
        )

    def fitting(event: Event) -> tuple[int, tuple[int, int, int, int]]:
        # of the acts a statement reports, the one the model's root reads (the act, or the
        # intent to it, or the refusal of it) first: "Putin said his country will not lift
        # the ban until the EU provides details" read as a rejection is about the ban
        return (int(_as_root(event, root, ctx, rules) is None), agreement(event))

    if root == APPEAL_ROOT and not any(e.cameo_root == APPEAL_ROOT for e in candidates):
        claims = [
            token
            for token in (ctx.trigger(e) for e in candidates if reporting(e))
            if token is not None and token.lemma_.casefold() in rules.claim_verbs
        ]
        if claims and not any(_requests(token) for token in claims):
            # "The army claimed that the rebels had attacked a convoy": a claim of what
            # happened asks nobody for anything; the model's hesitation between a
            # statement and an appeal (01/02) is the statement
            root = "01"
            note += "; a claim, no request: read as a statement"
    plain = [e for e in candidates if not (reporting(e) and e.cameo_root in STATEMENT_ROOTS)]
    same = [e for e in candidates if e.cameo_root == root and (root == "01" or not reporting(e))]
    if not same and root in STATEMENT_ROOTS:
        # the model hesitates between a comment (01) and an appeal (02); a statement the
        # patterns read as a specific act at its own verb is it ("Japan is considering
        # sending aid": 014, not the aid it considers)
        same = [
            e
            for e in candidates
            if e.cameo_root in STATEMENT_ROOTS
            and e.cameo not in rules.plain_statements
            and not reporting(e)
        ]
    main: Event | None = None
    claimed: Event | None = None
    backed = [
        e
        for e in plain
        if e.cameo_root != "01" and reading.prob(e.cameo_root) >= rules.pattern_floor
    ]
    if same:
        main = min(same, key=agreement)
        # a plain statement reports an act: code that; a statement that is itself a
        # specific act ("is considering sending aid" 014, "expressed pessimism" 012,
        # "denied" 016) stays that act
        plain_statement = main.cameo_root == "01" and main.cameo in rules.plain_statements
        inner = _reported(main, plain, ctx) if plain_statement else []
        reported = min(inner, key=fitting) if inner else None
        trigger = ctx.trigger(main)
        if (
            reported is not None
            and trigger is not None
            and trigger.lemma_.casefold() in rules.claim_verbs
            and reported.source is not None
            and reported.source_actor_id == main.source_actor_id
        ):
            # "the Houthis claimed that they had attacked the airport": a claim of one's
            # own act is the claim (015); the act it claims is kept beside it
            claimed = _annotate(reported, f"{note}; the act the claim is of")
            main = ctx.recode(main, rules.claim_code, f"{note}; a claim of its own act")
        elif reported is not None:
            # "X said/declared/repeated that Y …": code what was reported
            main = _annotate(reported, f"{note}; the act reported in the statement")
        else:
            main = _annotate(main, f"{note}; the pattern's code is inside the model's root")
    elif backed:
        # the patterns found a specific act the model also gives weight to: keep it
        main = max(backed, key=lambda e: (reading.prob(e.cameo_root), -e.trigger_span[0]))
        p = reading.prob(main.cameo_root)
        main = _annotate(
            main, f"{note}; the pattern's root {main.cameo_root} has p={p:.2f} from the model"
        )
    else:
        statements = [e for e in candidates if e.cameo_root in STATEMENT_ROOTS and e.source]
        said = min(statements, key=agreement) if statements else None
        inner = _reported(said, plain, ctx) if said is not None else []
        if inner:
            main = _annotate(min(inner, key=fitting), f"{note}; the act reported in the statement")
        elif root in rules.speech_codes and said is not None and said.target is None:
            # a statement in a root whose statements need someone to address (praise
            # or endorse, 051): with no one addressed it is the plain statement
            main = _annotate(
                said, f"{note}; no one addressed in the statement's clause: kept a statement"
            )
        elif (
            # the statement is itself the act the model reads, when the model is as
            # sure as it must be to code a main predicate on its own ("Sometimes
            # employees don't follow the rules, he said" is no disapproval at p=0.20)
            root in rules.speech_roots
            and p_root >= rules.predicate_floor
            and said is not None
            and _says(ctx.trigger(said))
            and not _news_outlet(said)
        ):
            token = ctx.trigger(said)
            code = (
                (ctx.refine(token, "VERB", root) if token else None)
                or rules.speech_codes.get(root)
                or root + "0"
            )
            main = ctx.recode(said, code, f"{note}; the statement itself is the act")
        elif p_root >= rules.predicate_floor:
            main = _predicate_event(root, note, plain, ctx, rules, tagged_source, tagged_target)
    if main is not None and main.cameo_root != root and p_root >= rules.intent_floor:
        # "Ethiopia said it would allow the WFP to deliver food": the model reads the
        # sentence as an intent (03) or a threat (13), the patterns found the act it is
        # about; CAMEO codes the intent to that act (0333), not the act.  "France will not
        # lift the ban", read as a rejection (12), is a refusal to ease it (1241)
        intent = _as_root(main, root, ctx, rules)
        if intent is not None:
            refused = main.modality == "negated"
            how = "a refusal of" if refused else "an intent to"
            main = ctx.recode(main, intent, f"{note}; the model reads {how} {main.cameo}")
            if refused:
                # "Baku would not sign any deal": the refusal is said, not denied
                main = replace(main, modality="asserted")
    kept: list[Event] = []
    anchor: Token | None
    if main is None:
        # no act at the main predicate ("13,000 US troops remain in Afghanistan, 18 years
        # after Washington invaded the country"): the pattern acts beside it stay as they
        # would beside a main event, measured against the sentence's root
        anchor = ctx.sentence.root
    else:
        anchor = ctx.trigger(main)
        kept.append(main)
        pairs = {(main.source_actor_id, main.target_actor_id)}
        for event in same:
            # the same act by conjoined actors, or again by another actor: "the UN and
            # the EU stressed …", "the Arab League condemned …"
            pair = (event.source_actor_id, event.target_actor_id)
            if event.source is None or pair in pairs or len(kept) >= MAX_SAME_ROOT:
                continue
            pairs.add(pair)
            kept.append(_annotate(event, f"model {ctx.model}: root {root} p={p_root:.2f}"))
    for event in plain:
        if event.cameo_root == "01":
            continue
        if main is not None and (
            event is main or event.trigger_span == main.trigger_span or event.cameo_root == root
        ):
            continue
        p = reading.prob(event.cameo_root)
        # an act in a clause of its own ("…, instead continuing its entreaties") needs less
        trigger = ctx.trigger(event)
        own_clause = (
            anchor is not None and trigger is not None and _separate_tokens(anchor, trigger)
        )
        # ... and none when the main event's actor goes on to it ("Beijing never singled
        # out North Korea, instead continuing its entreaties for all countries to …")
        goes_on = (
            main is not None
            and event.source is not None
            and event.source_actor_id == main.source_actor_id
            and anchor is not None
            and trigger is not None
            and _goes_on(anchor, trigger)
        )
        floor = rules.secondary * (0.0 if goes_on else rules.clause_factor)
        if p >= rules.secondary or (own_clause and p >= floor):
            kept.append(_annotate(event, f"model {ctx.model}: root {event.cameo_root} p={p:.2f}"))
    if claimed is not None and all(e.trigger_span != claimed.trigger_span for e in kept):
        kept.append(claimed)
    filled = _reporters_address_no_one(
        [_fill_sides(e, ctx, tagged_source, tagged_target) for e in kept], rules
    )
    if rules.require_source:
        # an act needs someone who did it: one with no source is no event record
        filled = [e for e in filled if e.source is not None]
    return filled


def _news_outlet(statement: Event) -> bool:
    """Is the statement's source a news outlet (a named MED organisation, not a journalist
    nor an editor)?  What an outlet reports ("…, Reuters reported") is reportage, never the
    outlet's own demand or criticism; the act it reports is coded at its own predicate.
    An editor's article critical of a country stays the editor's criticism."""
    source = statement.source
    return (
        source is not None
        and source.sector == "MED"
        and source.actor_id.startswith(("institution:", "org:"))
    )


def _reporters_address_no_one(events: list[Event], rules: LearnedRules) -> list[Event]:
    """A plain statement (010) beside an act coded in the same sentence does not take
    that act's target: "Reed pleaded guilty to threatening Governor Lee, prosecutors
    said" is the prosecutors' report, addressed to no one, and Reed's threat to Lee."""
    acted_on = {
        e.target.actor_id
        for e in events
        if e.target is not None and e.cameo not in rules.plain_statements
    }
    return [
        replace(
            e,
            target=None,
            explanation=f"{e.explanation}; the target is the reported act's, not the report's",
        )
        if e.cameo in rules.plain_statements
        and e.target is not None
        and e.target.actor_id in acted_on
        else e
        for e in events
    ]


CLAUSE_LINKS = frozenset({"advcl", "conj", "parataxis"})


def _separate_tokens(a: Token, b: Token) -> bool:
    """Do two words head clauses of their own: neither contains the other,
    or the inner one hangs on the outer through an adverbial, conjoined or parenthetical
    clause ("Beijing never singled out North Korea, instead continuing its entreaties")?"""
    if a.i == b.i:
        return False
    for inner, outer in ((a, b), (b, a)):
        if outer.is_ancestor(inner):
            node = inner
            while node.i != outer.i and node.head.i != node.i:
                if node.dep_ in CLAUSE_LINKS:
                    return True
                node = node.head
            return False
    return True


def _goes_on(anchor: Token, trigger: Token) -> bool:
    """Does ``trigger`` lie in a clause by which the subject of ``anchor`` goes on, with
    no subject of its own ("Beijing never singled out North Korea, instead continuing its
    entreaties", "… and called for talks")?"""
    node = trigger
    while node.head.i != node.i:
        if node.head.i == anchor.i:
            return (
                node.dep_ in {"advcl", "conj"}
                and node.pos_ == "VERB"
                and not any(child.dep_ in CLAUSE_SUBJECTS for child in node.children)
            )
        node = node.head
    return False


def _reported(statement: Event, plain: Sequence[Event], ctx: SentenceContext) -> list[Event]:
    """Pattern events (not statements) inside the clause a statement reports."""
    token = ctx.trigger(statement)
    if token is None:
        return []
    return [
        event
        for event in plain
        if event.cameo_root not in STATEMENT_ROOTS
        and (trigger := ctx.trigger(event)) is not None
        and token.is_ancestor(trigger)
    ]


def _predicate_event(
    root: str,
    note: str,
    plain: Sequence[Event],
    ctx: SentenceContext,
    rules: LearnedRules,
    tagged_source: Any,
    tagged_target: Any,
) -> Event | None:
    """An event of the model's root at the sentence's main (non-reporting) predicate."""
    anchor = _anchor(ctx.sentence, rules, [ctx.trigger(e) for e in plain])
    if anchor is None:
        return None
    lemma = anchor.lemma_.casefold()
    refined = ctx.refine(anchor, anchor.pos_, root)
    if refined is None and lemma in rules.state_verbs:
        # "13,000 US troops remain in Afghanistan", "the base is located near …": a
        # state or a quantity, no act, unless a pattern of the root reads the verb.  A
        # pattern act the state's complement names is the act ("Beijing remained
        # obstructionist against sanctions": 120, though the model, taken by "sanctions",
        # reads 16): the model's root has no word of its own to be coded on
        held = next((e for e in plain if _complement_of(ctx.trigger(e), anchor)), None)
        if held is not None:
            return _annotate(held, f"{note}; the act the state verb '{anchor.text}' holds")
        return None
    code = refined or root + "0"
    why = f"{note}; main predicate '{anchor.text}' coded with the model's root"
    same_trigger = next((e for e in plain if ctx.trigger(e) == anchor), None)
    if same_trigger is not None:
        if (
            root in STATEMENT_ROOTS
            and same_trigger.cameo_root not in STATEMENT_ROOTS
            and lemma not in ctx.speech_verbs
        ):
            # "Austria, having been annexed by Hitler's Germany": the pattern's act (192)
            # at a verb that says nothing is no statement, whatever the model's weak
            # reading of the sentence ("warned", a verb of saying, may be one)
            return _annotate(
                same_trigger, f"{note}; the pattern's act at '{anchor.text}' is no statement"
            )
        if (
            root not in STATEMENT_ROOTS
            and same_trigger.cameo in rules.plain_statements
            and lemma not in ctx.speech_verbs
        ):
            # "the Taliban released two videos", "Moscow released a transcript": a verb
            # that says nothing of itself, read as a statement by its object, makes
            # public; it is no act of the model's root (no one was released)
            return _annotate(
                same_trigger, f"{note}; '{anchor.text}' with its object is a statement"
            )
        return ctx.recode(same_trigger, code, why)
    sources = ctx.sources_of(anchor) if anchor.pos_ in {"VERB", "AUX"} else []
    if lemma in rules.undergoer_verbs and sources:
        # "Assange faces 18 charges in the US", "Israel received aid from Washington":
        # the subject undergoes the act; whoever does it is named in the phrase, if at all
        target = sources[0]
        source = _object_side(anchor, ctx, banned=target.actor.id)
        if source is None and tagged_source is not None:
            source = tagged_source if tagged_source.actor.id != target.actor.id else None
        why += f"; '{anchor.text}': its subject undergoes the act"
        return ctx.make_event(code, anchor, source, target, why)
    source = sources[0] if sources else tagged_source
    if source is not None and source.actor.id in _owners_of_people(anchor, ctx):
        source = None  # "Israel's allies criticized …": not Israel
    if source is not None and source.actor.id in _passive_actors(anchor, ctx):
        # "Britain's Conservative Party was accused of …": who is accused is no accuser,
        # and with no one named who did it there is no one to code it for
        return None
    target = tagged_target
    if target is not None and source is not None and target.actor.id == source.actor.id:
        target = None
    if target is None:
        target = _object_side(
            anchor,
            ctx,
            banned=source.actor.id if source else None,
            own_country=source.actor.country if source and root in GIVING_ROOTS else None,
        )
    if source is None and target is None:
        return None
    if ctx.no_act(code, anchor, source, target):
        return None  # "Kentucky Democrats beat incumbent Gov. Matt Bevin": a result
    return ctx.make_event(code, anchor, source, target, why)


def _anchor(sentence: Span, rules: LearnedRules, triggers: Sequence[Token | None]) -> Token | None:
    """The sentence's main predicate: past reporting verbs to what they report."""

    is_reporting = partial(_reports, rules=rules)

    def acting(verb: Token) -> Token:
        # "Pakistan is willing to withdraw its troops", "the front was guilty of
        # violating the ceasefire": the act is the verb the state's complement holds
        if verb.lemma_.casefold() in rules.state_verbs:
            return _complement_verb(verb) or verb
        return verb

    root = sentence.root
    if _hedging(root, rules):
        # "Some 200 troops are believed to remain at the base", "the shift was widely
        # seen as an attempt to …": nobody named believes or sees; the act, if any, is
        # the clause the hedge governs
        held = next(
            (c for c in root.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ == "VERB"),
            None,
        )
        return acting(held) if held is not None and not is_reporting(held) else None
    if root.pos_ in {"VERB", "AUX"} and not is_reporting(root):
        return acting(root)
    for child in root.children:
        clause = child.dep_ in {"ccomp", "xcomp", "parataxis"} and child.pos_ in {"VERB", "AUX"}
        if clause and not is_reporting(child):
            return acting(child)
    known = [t for t in triggers if t is not None and not is_reporting(t)]
    if known:
        return known[0]
    verbs = [t for t in sentence if t.pos_ == "VERB" and not is_reporting(t)]
    if verbs:
        return verbs[0]
    return root if root.pos_ in {"VERB", "AUX"} else None


def _reports(token: Token, rules: LearnedRules) -> bool:
    """A reporting verb, by lemma or by form ("according", which spaCy lemmatises to
    "accord")."""
    return token.lemma_.casefold() in rules.reporting or token.lower_ in rules.reporting


def _hedging(verb: Token, rules: LearnedRules) -> bool:
    """Is ``verb`` a passive verb of belief with no agent ("are believed to", "was seen
    as", "is thought to"): the writer's hedge, no one's act?"""
    return (
        verb.lemma_.casefold() in rules.hedge_verbs
        and any(c.dep_ == "auxpass" for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


STATEMENT_ROOTS = frozenset({"01", "02"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})


def _as_root(event: Event, root: str, ctx: SentenceContext, rules: LearnedRules) -> str | None:
    """The code of ``event`` read in the model's ``root``: its own code when it is in
    that root; the intent to it (03, 13) when it is still to come; the refusal of it
    (12) when it is negated; else ``None``."""
    if event.cameo_root == root:
        return event.cameo
    if event.modality == "negated":
        return rules.intent_of(event.cameo, root, refused=True)
    return rules.intent_of(event.cameo, root) if _intended(event, ctx) else None


def _intended(event: Event, ctx: SentenceContext) -> bool:
    """The act is one still to come: its modality says so, or a verb it hangs on takes
    "will"/"would" ("said it would allow the WFP to deliver food")."""
    if event.modality in {"future", "proposed", "hypothetical"}:
        return True
    if event.modality != "asserted":
        return False
    node = ctx.trigger(event)
    while node is not None:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _says(token: Token | None) -> bool:
    """Does a statement's trigger head a clause of its own (a verb), rather than name an
    occasion ("during the UN deliberations on North Korea" is no statement of the act)?"""
    return token is not None and token.pos_ in {"VERB", "AUX"}


def _complement_of(token: Token | None, state: Token) -> bool:
    """Is ``token`` the adjective or noun complement of the state verb ``state``?"""
    return (
        token is not None
        and token.head.i == state.i
        and token.i != state.i
        and token.dep_ in {"acomp", "attr", "oprd"}
    )


def _complement_verb(state: Token) -> Token | None:
    """The verb an adjective or noun complement of a state verb governs ("is willing to
    withdraw", "is ready to contribute", "was guilty of violating"), if any."""
    for child in state.children:
        if child.dep_ not in {"acomp", "attr", "oprd"}:
            continue
        for grand in child.children:
            if grand.dep_ == "xcomp" and grand.pos_ == "VERB":
                return grand
            if grand.dep_ == "prep":
                verb = next(
                    (g for g in grand.children if g.dep_ == "pcomp" and g.pos_ == "VERB"), None
                )
                if verb is not None:
                    return verb
    return None


def _sentence_mentions(ctx: SentenceContext, index: MentionIndex) -> list[tuple[Any, int, int]]:
    seen: dict[tuple[int, int], tuple[Any, int, int]] = {}
    start, end = ctx.sentence.start_char, ctx.sentence.end_char
    for actor, a, b in index.values():
        if start <= a < end:
            seen[(a, b)] = (actor, a, b)
    return list(seen.values())


def _tagged(ctx: SentenceContext, kind: str, rules: LearnedRules) -> Any:
    """The actor the tagger marks as the event's source (S) or target (T), if any."""
    spans: list[TagSpan] = [s for s in ctx.reading.spans_of(kind) if s.score >= rules.tag_score]
    if not spans:
        return None
    index = ctx.mentions if kind == "S" else ctx.targets_at
    best: tuple[float, Any] | None = None
    for actor, a, b in _sentence_mentions(ctx, index):
        if kind == "S" and _owner_of_associates(ctx, a, b):
            continue  # "representatives of Delgado's family": not Delgado
        for span in spans:
            overlap = min(b, span.end) - max(a, span.start)
            if overlap <= 0:
                continue
            score = span.score * overlap / max(b - a, span.end - span.start)
            if best is None or score > best[0]:
                words = ctx.text[a:b]
                best = (score, ctx.side(actor, a, b, f"tagger {kind} '{words}' ({span.score:.2f})"))
    return best[1] if best else None


def _owner_of_associates(ctx: SentenceContext, start: int, end: int) -> bool:
    """Is the mention at ``start``–``end`` the owner of a noun for the people around an
    actor ("family", "supporters": ``ctx.associates``), as :func:`owners_of_associates`
    reads it?"""
    span = ctx.sentence.doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.dep_ != "poss":
        return False
    owners = owners_of_associates([span.root.head], ctx.mentions, ctx.associates)
    return span.root.i in owners


OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "prep", "attr", "oprd", "pobj", "agent"})
#: Prepositions whose phrase names who reports the act, never whom it is done to
REPORT_PREPS = frozenset({"according"})


def for_whom(prep: Token) -> bool:
    """Is ``prep`` an "on behalf of" phrase ("filed the suit on behalf of the
    lawmakers"): whom the act serves, not whom it is done to?"""
    return any(c.dep_ == "pobj" and c.lower_ == "behalf" for c in prep.children)


def _object_side(
    anchor: Token,
    ctx: SentenceContext,
    *,
    banned: str | None,
    clauses: bool = False,
    own_country: str | None = None,
) -> Any:
    """The first actor named in the predicate's own objects and phrases (and, with
    ``clauses``, in the clause it reports: "Obama said Trump's plan was a disaster").
    The source's own country as the owner of a thing in them is no one the act is done
    to ("she offered her country's air defences as a concession")."""
    deps = OBJECT_DEPS | {"ccomp"} if clauses else OBJECT_DEPS
    own = f"country:{own_country}" if own_country else None
    for child in anchor.children:
        if child.dep_ not in deps or _contrasting(child):
            continue
        if child.dep_ == "prep" and child.lower_ in REPORT_PREPS:
            continue  # "killed, according to reports received by Amnesty": who reports
        if child.dep_ == "prep" and for_whom(child):
            continue
        if clauses and _setting(child, ctx.venues):
            continue  # "asserted in Seoul", "said at a rally": where, not to whom
        for token in child.subtree:
            found = ctx.targets_at.get(token.i)
            if found is not None and own is not None and found[0].id == own and _owner(token):
                continue
            if found is not None and _harms(token, ctx.harmed):
                continue  # "to reassure victims of Beijing's bullying": Beijing is the bully
            if found is not None and found[0].id != banned:
                actor, a, b = found
                return ctx.side(actor, a, b, f"in the phrase of '{anchor.text}'")
    return None


# roots of offering, consulting, cooperating, aiding and yielding: a thing the source owns
# in their phrase is what it offers or gives, not someone it acts on
GIVING_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})


def _harms(token: Token, harmed: frozenset[str]) -> bool:
    """Is ``token`` in the owner of the act that the of-phrase of a noun for the harmed
    names ("victims of Beijing's regional bullying")?"""
    node = token
    while node.dep_ != "poss" and node.dep_ in {"compound", "amod", "det", "flat"}:
        node = node.head
    if node.dep_ != "poss":
        return False
    act = node.head
    of = act.head
    return act.dep_ == "pobj" and of.lower_ == "of" and is_harmed(of.head, harmed)


def _owner(token: Token) -> bool:
    """Is ``token`` in a possessor ("his country's", "America's")?"""
    return token.dep_ == "poss" or token.head.dep_ == "poss"


PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
CLAUSE_SUBJECTS = PASSIVE_SUBJECTS | {"nsubj", "csubj", "expl"}


def _passive_actors(verb: Token, ctx: SentenceContext) -> set[str]:
    """The ids of the actors a passive verb's subject names ("the party was accused", "the
    helicopter of the Americans was shot down"), its owners too ("Britain's Conservative
    Party was accused": not Britain's accusation): the one the act is done to and whose it
    is, never its doer."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return set()
    found: set[str] = set()
    for child in verb.children:
        if child.dep_ not in PASSIVE_SUBJECTS or is_dateline(child.doc[child.i : child.i + 1]):
            continue
        for token in child.subtree:
            mention = ctx.targets_at.get(token.i)
            if mention is not None:
                found.add(str(mention[0].id))
    return found


def _owners_of_people(verb: Token, ctx: SentenceContext) -> set[str]:
    """The ids of the actors that own the verb's subject when it is a noun of the people
    around them (``ctx.associates``) that names no actor of its own ("Trump's supporters
    attacked …", "Israel's allies criticized …"): not the owner's act."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    tokens = owners_of_associates(subjects, ctx.mentions, ctx.associates)
    return {str(ctx.mentions[i][0].id) for i in tokens if i in ctx.mentions}


CONTRAST_WORDS = frozenset({"rather", "instead"})
SETTING_PREPS = frozenset({"in", "during", "at"})
SETTING_ENTITIES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT"})


def _setting(child: Token, venues: frozenset[str] = frozenset()) -> bool:
    """A phrase of where or when a statement was made ("asserted in Seoul", "said
    during the summit", "said at a Nov. 6 event at the Peterson Institute": an
    occasion, ``venue`` in frames.tsv), not of whom it was made to ("in a speech to the
    academy", "lashed out at Beijing", "at a meeting with Abe")."""
    if child.dep_ != "prep" or child.lower_ not in SETTING_PREPS:
        return False
    objects = [c for c in child.children if c.dep_ == "pobj"]

    def where(noun: Token) -> bool:
        if noun.ent_type_ in SETTING_ENTITIES:
            return child.lower_ != "at"  # "at" an entity may be aimed at it
        return noun.lemma_.casefold() in venues and not any(
            c.dep_ == "prep" and c.lower_ == "with" for c in noun.children
        )

    return bool(objects) and all(where(o) for o in objects)


def _contrasting(child: Token) -> bool:
    """A phrase naming what the actor did not do: "Rather than identifying North Korean
    belligerence as the catalyst, Kerry asserted …", "instead of blaming Pyongyang",
    "unlike Japan"."""
    if child.dep_ != "prep":
        return False
    word = child.lower_
    return (
        word in {"unlike", "instead"}
        or (word == "than" and any(c.lower_ in CONTRAST_WORDS for c in child.children))
        or any(c.lower_ == "instead" and c.dep_ == "advmod" for c in child.children)
    )


def _annotate(event: Event, note: str) -> Event:
    return replace(event, explanation=f"{event.explanation}; {note}")


def _fill_sides(event: Event, ctx: SentenceContext, source: Any, target: Any) -> Event:
    """Fill an empty source or target from the tagger, then from the trigger's phrase."""
    changes: dict[str, Any] = {}
    notes = []
    trigger = ctx.trigger(event)
    if (
        event.source is None
        and source is not None
        and source.actor.id != event.target_actor_id
        and (
            trigger is None
            or (
                source.actor.id not in _passive_actors(trigger, ctx)
                and source.actor.id not in _owners_of_people(trigger, ctx)
            )
        )
    ):
        changes["source"] = source.record()
        notes.append(f"source from {source.via}")
    source_side = changes.get("source", event.source)
    source_id = source_side.actor_id if source_side is not None else None
    # what an actor offers, gives or yields of its own ("offered her country's air
    # defences") is its own; in criticism the owner is the one criticised
    own_country = (
        source_side.country
        if source_side is not None and event.cameo_root in GIVING_ROOTS
        else None
    )
    if event.target is None:
        pick = target if target is not None and target.actor.id != source_id else None
        if pick is not None and _forces_sent(event, trigger, pick.start):
            pick = None
        if pick is None:
            token = trigger
            if token is not None:
                speech = event.cameo_root in {"01", "02", "10", "11", "12", "13", "16"}
                pick = _object_side(
                    token, ctx, banned=source_id, clauses=speech, own_country=own_country
                )
                if pick is not None and _forces_sent(event, trigger, pick.start):
                    pick = None
        if pick is not None:
            changes["target"] = pick.record()
            notes.append(f"target from {pick.via}")
    if not changes:
        return event
    spans = [event.span[0], event.span[1]]
    for side in changes.values():
        if side.span:
            spans += [side.span[0], side.span[1]]
    changes["span"] = (min(spans), max(spans))
    return replace(event, **changes, explanation=f"{event.explanation}; " + "; ".join(notes))


def _forces_sent(event: Event, trigger: Token | None, at: int) -> bool:
    """In a show of force (root 15), is the character ``at`` inside the forces the trigger
    sends ("deploy Peoples Liberation Army forces onto the streets")?  They are the means,
    not whom the act is aimed at."""
    if event.cameo_root != SHOW_OF_FORCE or trigger is None:
        return False
    for child in trigger.children:
        if child.dep_ in {"dobj", "obj"}:
            edge = child.right_edge
            if child.left_edge.idx <= at < edge.idx + len(edge.text):
                return True
    return False


SHOW_OF_FORCE = "15"
APPEAL_ROOT = "02"
REQUEST_MODALS = frozenset({"should", "must", "ought", "need", "have", "let"})


def _requests(verb: Token) -> bool:
    """Does a reporting verb carry a request: an infinitive ("told them to leave"), a
    clause with a modal of obligation ("said Israel must withdraw", "said they should
    talk"), a bare imperative, or quoted words (which may hold one)?  A finite clause of
    what happened ("claimed that the rebels had attacked a convoy") does not."""
    for child in verb.children:
        if child.dep_ == "xcomp" and any(
            t.dep_ == "aux" and t.lower_ == "to" for t in child.children
        ):
            return True
        if child.dep_ in {"ccomp", "xcomp"}:
            if any(t.lower_ in REQUEST_MODALS and t.dep_ == "aux" for t in child.subtree):
                return True
            if child.tag_ == "VB" and not any(t.dep_ in {"aux", "nsubj"} for t in child.children):
                return True  # a bare imperative: "said: stop the strikes"
    return any(token.is_quote for token in verb.sent)
