"""Coreference within an article: later mentions joined to the actors named earlier.

* :func:`corefer_names` — a surname ("Kerry", "Mr. Kerry", "Kerry's") joins the
  full name used elsewhere in the article, also where the parser took it for an
  organisation ("Trump" tagged ORG);
* :func:`corefer_definites` — a definite role ("the secretary") joins the last
  person before it whose office has that word;
* :func:`corefer_pronouns` — he/his/she/her join the latest person in the same
  or the two previous sentences, preferring subjects.

Each joined mention keeps its own span and says in ``how`` whom it was joined to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from eventwatch.actors.kb import fold
from eventwatch.actors.mentions import (
    HONORIFIC_GENDER,
    MASCULINE,
    PRONOUNS,
    SUBJECTS,
    ResolvedMention,
)
from eventwatch.nlp_lines import doc_text, sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def corefer_names(
    mentions: list[ResolvedMention],
    *,
    keep: Callable[[ResolvedMention], bool] | None = None,
    known: Callable[[str, str], bool] | None = None,
) -> list[ResolvedMention]:
    """Surname forms join the full name used elsewhere in the article.

    A full name counts where the text writes it ("Tricia Miller … Miller said"
    joins Tricia Miller even when the knowledge base knows another Miller); a
    person reached from a role ("the Japanese foreign minister") counts by name,
    after the written ones.  A mention for which ``keep`` is true stays as resolved.
    An organisation the parser made of a person's name joins that person when
    ``known(person key, organisation's words)`` says so: the person is in the knowledge
    base, or the organisation speaks as a person does (none without ``known``).
    """
    written: dict[str, ResolvedMention] = {}
    surnames: dict[str, ResolvedMention] = {}  # a word that ends a written name wins
    by_name: dict[str, ResolvedMention] = {}
    for mention in mentions:
        if mention.kind != "person" or mention.actor_key.startswith(("definite:", "role:")):
            continue
        text_words = mention.text.replace("-", " ").split()
        if len(text_words) > 1 and not mention.inferred:
            surnames.setdefault(fold(text_words[-1]), mention)
            for word in text_words:
                written.setdefault(fold(word), mention)
        name_words = mention.name.replace("-", " ").split()
        if len(name_words) > 1:
            for word in name_words:
                by_name.setdefault(fold(word), mention)
    written.update(surnames)
    full = {**by_name, **written}
    written_keys = {m.actor_key for m in written.values()}
    out = []
    for mention in mentions:
        words = mention.text.split()
        target = full.get(fold(words[0])) if len(words) == 1 else None
        if (
            target is not None
            and mention.kind == "person"
            and not mention.actor_key.startswith(("definite:", "role:"))
            and target.actor_key != mention.actor_key
            and mention.actor_key not in written_keys
            and not (keep is not None and keep(mention))
        ):
            out.append(_join(mention, target, how=f"surname of {target.name}"))
        else:
            out.append(mention)
    out = _spread_country(out)
    if known is None:
        return out
    # organisations the parser made of a person's name, joined once the people are
    people: dict[str, ResolvedMention] = {}  # a person's written words → the first such mention
    for mention in out:
        if mention.kind == "person" and not mention.actor_key.startswith(("definite:", "role:")):
            people.setdefault(fold(mention.text), mention)
    for index, mention in enumerate(out):
        person = _person_named_as_org(mention, people, written)
        if person is not None and known(person.actor_key, mention.text):
            how = f"name of {person.name} (the parser took it for an organisation)"
            out[index] = _join(mention, person, how=how)
    return out


def _person_named_as_org(
    mention: ResolvedMention,
    people: dict[str, ResolvedMention],
    written: dict[str, ResolvedMention],
) -> ResolvedMention | None:
    """The person an organisation the parser made up ("Trump", tagged ORG) names.

    An organisation not in the knowledge base (``org:`` key) whose words are a
    person's name written in the article is that person: the same words tagged
    PERSON elsewhere (``people``, by their folded words), or a one-word surname
    of a full name the text writes ("Donald Trump … Trump returned the
    compliment").  The caller keeps only people of the knowledge base: a
    company named after someone the article also names ("John M. Ford … Ford
    will display") and products the parser tags PERSON stay as they were.
    """
    if not mention.actor_key.startswith("org:"):
        return None
    key = fold(mention.text)
    if key in people:
        return people[key]
    if len(mention.text.split()) != 1:
        return None
    target = written.get(key)
    if target is None or fold(target.text.replace("-", " ").split()[-1]) != key:
        return None  # a first name ("Jordan") or no written full name
    return target


def corefer_definites(
    mentions: list[ResolvedMention],
    *,
    past_offices: Callable[[str], Sequence[str]] | None = None,
) -> list[ResolvedMention]:
    """ "the secretary" → the last person before it whose office has that word, and a
    title right before a person's name ("Secretary of State Hillary Clinton") that person;
    "the former secretary of state" → the last person before it who held that office
    before (``past_offices``: a person's actor key → the offices of the terms that ended
    before the article's date); "the company" → the last organisation before it of that
    sector (a company: also an organisation of no known sector, as most companies are),
    and no actor when there is none."""
    out: list[ResolvedMention] = []
    following = {
        id(m): n
        for m, n in pairwise(mentions)
        if m.actor_key.startswith("definite:")
        and n.kind == "person"
        and not n.actor_key.startswith("definite:")
        and 0 <= n.start - m.end <= 1
    }
    for mention in mentions:
        if not mention.actor_key.startswith("definite:"):
            out.append(mention)
            continue
        titled = following.get(id(mention))
        if titled is not None and mention.kind == "person":
            # "Former Secretary of State Hillary Clinton": the title of the name after it
            out.append(_join(mention, titled, how=f"title '{mention.text}' of {titled.name}"))
            continue
        if mention.kind == "organization":
            found = next(
                (
                    m
                    for m in reversed(out)
                    if m.kind == "organization"
                    and m.sector in _antecedent_sectors(mention.sector)
                    and not m.actor_key.startswith("definite:")
                ),
                None,
            )
            if found is not None:
                out.append(_join(mention, found, how=f"definite '{mention.text}' → {found.name}"))
            continue
        pattern = mention.actor_key.split(":", 1)[1]
        if past_offices is not None and FORMER.search(mention.text):
            target = next(
                (
                    m
                    for m in reversed(out)
                    if m.kind == "person"
                    and not m.actor_key.startswith("definite:")
                    and any(pattern in office.casefold() for office in past_offices(m.actor_key))
                ),
                None,
            )
            if target is not None:
                how = f"definite '{mention.text}' → {target.name}, who held the office before"
                out.append(_join(mention, target, how=how))
                continue
        word = pattern.split()[-1]
        target = next(
            (
                m
                for m in reversed(out)
                if m.kind == "person"
                and m.office
                and word in m.office.casefold()
                and not m.actor_key.startswith("definite:")
            ),
            None,
        )
        if target is not None:
            out.append(_join(mention, target, how=f"definite '{mention.text}' → {target.name}"))
        else:
            out.append(mention)
    return out


#: "the former secretary", "the ex-president": a past office
FORMER = re.compile(r"\b(?:former|ex-)", re.IGNORECASE)


def _antecedent_sectors(sector: str | None) -> set[str | None]:
    """The sectors an organisation "the <role>" may refer back to: its own, for a
    company (BUS) also none known, as most companies are in no actor file, and for a
    government body (GOV: "the agency") also the state's police and intelligence
    agencies ("Customs and Border Protection … the agency said")."""
    if sector == "BUS":
        return {sector, None}
    if sector == "GOV":
        return {"GOV", "COP", "SPY"}
    return {sector}


def corefer_pronouns(
    doc: Doc,
    mentions: list[ResolvedMention],
    *,
    speech: frozenset[str] = frozenset(),
    given_names: Mapping[str, str] | None = None,
) -> list[ResolvedMention]:
    """he/his/she/her → the latest person in this or the two sentences before, never one
    an honorific elsewhere in the article gives the other gender ("Mr. Trump … she said"),
    for a pronoun outside quotation marks never a person named inside them, and for one
    inside a quotation never the person who speaks it: a speaker says "I", so the "he"
    of '"He has zero experience," Gates said' is someone else.  The speaker is the
    subject of a verb of ``speech`` after the quotation closes or before it opens, in
    the same sentence (a name, or a pronoun outside quotations joined to one).

    A pronoun joined to a person is itself a mention of that person for the pronouns
    after it ("Trump … He said … He added … He also"), so a chain of pronouns reaches
    past the two-sentence window as long as each link is within it."""
    people = [m for m in mentions if m.kind == "person" and not m.actor_key.startswith("definite:")]
    if not people:
        return []
    gender = _genders(doc, people, given_names or {})
    from eventwatch.quotes.marks import find_quotations  # the quotes stage's mark pairing

    quotations = find_quotations(doc_text(doc))
    quoted = sorted(span for parts in quotations for span in parts)
    # sentences are counted in the narration: one wholly inside quotation marks is the
    # speaker's, not a step away from the person the narration last named ("Trump said
    # … “…. …. ….” He added")
    sentence_of = {}
    number = -1
    for sentence in sentences(doc):
        if number < 0 or not _wholly_quoted(sentence, quoted):
            number += 1
        sentence_of[sentence.start_char] = number
    starts = sorted(sentence_of)
    people.sort(key=lambda m: m.end)
    ends = [m.end for m in people]
    sentence_numbers = [_sentence_number(starts, sentence_of, m.start) for m in people]
    subject_flags: dict[int, bool] = {}  # by mention start
    named = _mention_tokens(doc, mentions)
    out: list[ResolvedMention] = []
    pronouns = {doc.vocab.strings[word] for word in PRONOUNS}
    found = [
        doc[i]
        for i, lower in enumerate(doc.to_array("LOWER").tolist())
        if lower in pronouns  # read off the array: no Token made for other words
    ]
    found = [t for t in found if t.pos_ == "PRON" or t.tag_ == "PRP$"]
    narration = [t for t in found if not _quoted(quoted, t.idx)]
    in_quotes = [t for t in found if _quoted(quoted, t.idx)]
    speakers: _Speakers | None = None
    # the narration first: the pronoun that names a quotation's speaker ('," he said')
    # is joined before the pronouns inside the quotation are
    for token in narration + in_quotes:
        outside = token in narration if speakers is None else False
        speaker: str | None = None
        if not outside and speech:
            if speakers is None:
                speakers = _Speakers(doc, people + out, quotations, quoted, speech)
            speaker = speakers.of(token)
        here = _sentence_number(starts, sentence_of, token.idx)
        said = "m" if token.lower_ in MASCULINE else "f"
        clause_subjects = _clause_subjects(token)
        target = None
        fallback = None
        for position in range(bisect_right(ends, token.idx) - 1, -1, -1):
            if sentence_numbers[position] < here - 2:
                break
            if gender.get(people[position].actor_key, said) != said:
                continue
            if speaker is not None and people[position].actor_key == speaker:
                continue  # '"He has no experience," Gates said': he is not Gates
            if outside and _quoted(quoted, people[position].start):
                # '"… nothing President Trump has done …," she added': a person the
                # quotation talks about is not the one the narration's pronoun names
                continue
            if clause_subjects and _names_any(people[position], clause_subjects):
                continue  # "Clinton criticized him": him is not Clinton
            if fallback is None:
                fallback = people[position]
            start = people[position].start
            if start not in subject_flags:
                subject_flags[start] = _is_subject(doc, people[position], named)
            if subject_flags[start]:
                target = people[position]
                break
        target = target or fallback
        if target is None:
            lone = _lone_person(
                people, ends, sentence_numbers, token, here, said, gender, outside, quoted
            )
            # not past a subject the actors stage read as someone other than a person:
            # "… the deputy editor of a journal wrote an article …, he was fired"
            if lone is not None and not _subject_between(doc, mentions, lone, token):
                target = lone
        if target is None:
            continue
        joined = ResolvedMention(
            start=token.idx,
            end=token.idx + len(token.text),
            text=token.text,
            actor_key=target.actor_key,
            name=target.name,
            kind="person",
            country=target.country,
            sector=target.sector,
            office=target.office,
            inferred=target.inferred,
            how=f"pronoun '{token.text}' → {target.name}",
        )
        out.append(joined)
        if token.dep_ in SUBJECTS and outside:
            # the next link of the chain: "He said … He added"; not a pronoun inside a
            # quotation, which is often someone the speaker talks about
            at = bisect_right(ends, joined.end)
            people.insert(at, joined)
            ends.insert(at, joined.end)
            sentence_numbers.insert(at, here)
            subject_flags[joined.start] = True
    return out


#: How many sentences back a pronoun reaches for a person when that person is the
#: last one the narration named: "Lee, 55, pleaded guilty … Sentencing is set for May.
#: He was arrested in April …" (no one else named in between).
LONE_REACH = 4


def _lone_person(
    people: list[ResolvedMention],
    ends: list[int],
    sentence_numbers: list[int],
    token: Token,
    here: int,
    said: str,
    gender: Mapping[str, str],
    outside: bool,
    quoted: list[tuple[int, int]],
) -> ResolvedMention | None:
    """The last person named before a narration pronoun, up to ``LONE_REACH`` sentences
    back, when no other person stands between (the usual window is two sentences)."""
    if not outside or token.dep_ not in SUBJECTS:
        return None
    position = bisect_right(ends, token.idx) - 1
    if position < 0 or sentence_numbers[position] < here - LONE_REACH:
        return None
    last = people[position]
    if gender.get(last.actor_key, said) != said or _quoted(quoted, last.start):
        return None
    return last


def _subject_between(
    doc: Doc, mentions: Sequence[ResolvedMention], person: ResolvedMention, token: Token
) -> bool:
    """Is a singular mention of another actor, one that may be a person ("the deputy
    editor", not "prosecutors", a ministry or a country), the subject of a clause between
    ``person`` and the pronoun ``token``?"""
    for mention in mentions:
        if not person.end <= mention.start < token.idx or mention.actor_key == person.actor_key:
            continue
        if mention.kind in {"organization", "country"}:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in SUBJECTS and span.root.tag_ in {"NN", "NNP"}:
            return True
    return False


class _Speakers:
    """Who speaks each quotation: the person that is the subject of a verb of speech
    outside the quotation, after its close in the sentence where it closes or, failing
    that, before its opening in the sentence where it opens."""

    def __init__(
        self,
        doc: Doc,
        people: list[ResolvedMention],
        quotations: Sequence[Sequence[tuple[int, int]]],
        quoted: list[tuple[int, int]],
        speech: frozenset[str],
    ) -> None:
        self._doc = doc
        self._quotations = quotations
        self._quoted = quoted
        self._speech = speech
        self._by_token: dict[int, ResolvedMention] = {}
        for mention in people:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span if span is not None else ():
                self._by_token[token.i] = mention
        self._known: dict[int, str | None] = {}  # quotation number → speaker's actor key

    def of(self, token: Token) -> str | None:
        """The actor key of the speaker of the quotation ``token`` stands in, if known."""
        for number, parts in enumerate(self._quotations):
            if any(a <= token.idx < b for a, b in parts):
                if number not in self._known:
                    self._known[number] = self._find(parts)
                return self._known[number]
        return None

    def _find(self, parts: Sequence[tuple[int, int]]) -> str | None:
        doc = self._doc
        last = doc.char_span(max(0, parts[-1][1] - 1), parts[-1][1], alignment_mode="expand")
        if last is not None:
            sentence = last[-1].sent
            for token in doc[last[-1].i + 1 : sentence.end]:
                if _quoted(self._quoted, token.idx):
                    break  # the next quotation: its speech verb is its own
                found = self._speaking(token)
                if found is not None:
                    return found
        first = doc.char_span(parts[0][0], parts[0][0] + 1, alignment_mode="expand")
        if first is not None:
            sentence = first[0].sent
            for token in reversed(doc[sentence.start : first[0].i]):
                if _quoted(self._quoted, token.idx):
                    break
                found = self._speaking(token)
                if found is not None:
                    return found
        return None

    def _speaking(self, token: Token) -> str | None:
        if token.pos_ not in {"VERB", "AUX"} or token.lemma_.casefold() not in self._speech:
            return None
        for child in token.children:
            if (
                child.dep_ in {"nsubj", "nsubjpass"}
                and child.i in self._by_token
                and not _quoted(self._quoted, child.idx)
            ):
                return self._by_token[child.i].actor_key
        return None


OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "iobj"})


def _clause_subjects(token: Token) -> list[Token]:
    """The subjects of the verb whose object ``token`` is ("him" in "Clinton criticized
    him", "her" in "Obama told her"): a plain (not reflexive, not possessive) object
    pronoun never stands for its own clause's subject."""
    if token.dep_ not in OBJECT_DEPS or token.lower_ not in {"him", "her"} or token.tag_ == "PRP$":
        return []
    return [child for child in token.head.children if child.dep_ in SUBJECTS]


def _names_any(mention: ResolvedMention, tokens: list[Token]) -> bool:
    return any(mention.start <= t.idx < mention.end for t in tokens)


def _genders(
    doc: Doc, people: list[ResolvedMention], given_names: Mapping[str, str]
) -> dict[str, str]:
    """Actor key → "m" or "f" where an honorific stands before one of its mentions, and
    all such honorifics agree; else where the person's name starts with a given name of
    ``given_names`` (``given_names.tsv``: "Bernie Sanders" → m)."""
    seen: dict[str, set[str]] = {}
    for mention in people:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        words = [span[0]] if span[0].lower_ in HONORIFIC_GENDER else []
        if not words and span.start > 0:
            words = [doc[span.start - 1]]
        for word in words:
            found = HONORIFIC_GENDER.get(word.lower_)
            if found:
                seen.setdefault(mention.actor_key, set()).add(found)
    genders = {key: next(iter(kinds)) for key, kinds in seen.items() if len(kinds) == 1}
    for mention in people:
        if mention.actor_key in seen:
            continue  # an honorific decides, or honorifics that disagree leave it open
        parts = mention.name.split()
        found = given_names.get(parts[0].casefold()) if len(parts) > 1 else None
        if found:
            genders[mention.actor_key] = found
    return genders


def _sentence_number(starts: list[int], numbers: dict[int, int], offset: int) -> int:
    position = bisect_right(starts, offset) - 1
    return numbers[starts[max(position, 0)]]


def _wholly_quoted(sentence: Span, spans: list[tuple[int, int]]) -> bool:
    """Every word of ``sentence`` lies inside one of the sorted quotation ``spans``."""
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    return bool(words) and all(_quoted(spans, t.idx) for t in words)


def _quoted(spans: list[tuple[int, int]], offset: int) -> bool:
    """``offset`` lies inside one of the sorted quotation ``spans``."""
    at = bisect_right(spans, (offset, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= offset < spans[at][1]


def _is_subject(doc: Doc, mention: ResolvedMention, named: set[int]) -> bool:
    """Is the mention its clause's subject, or the owner of the sentence's main subject
    when that names no one itself ("Mr. Trump's theatrical embrace is not limited to
    China. He …": the topic is Trump; not "Trump's lawyer", a mention of its own, nor
    the owner in a reported clause, "Matthews said Pence's debate went well. “…,” he
    said")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in SUBJECTS:
        return True
    if root.dep_ == "case" and root.head.i in range(span.start, span.end):
        root = root.head
    head = root.head
    return (
        root.dep_ == "poss"
        and head.dep_ in SUBJECTS
        and head.head.dep_ == "ROOT"  # not a reported clause's: "X said Y's plan would …"
        and head.pos_ == "NOUN"
        and head.i not in named
    )


def _mention_tokens(doc: Doc, mentions: Sequence[ResolvedMention]) -> set[int]:
    """The token indices of every mention (of any actor)."""
    found: set[int] = set()
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return found


def _spread_country(mentions: list[ResolvedMention]) -> list[ResolvedMention]:
    """A person the first words left without a country, later ones give one ("the blogger
    Tamsin Vell … Norwegian-born Vell"): every mention of that person takes the first
    country said, each keeping its sector or taking the first one said."""
    told: dict[str, ResolvedMention] = {}
    sectors: dict[str, str] = {}
    for mention in mentions:
        if mention.kind != "person" or mention.igo_code:
            continue
        if mention.country is not None:
            told.setdefault(mention.actor_key, mention)
        if mention.sector:
            sectors.setdefault(mention.actor_key, mention.sector)
    out = []
    for mention in mentions:
        source = told.get(mention.actor_key)
        if source is not None and mention.kind == "person" and mention.country is None:
            mention = replace(
                mention,
                country=source.country,
                sector=mention.sector or sectors.get(mention.actor_key),
                how=f"{mention.how}; country {source.country} from '{source.text}'",
            )
        out.append(mention)
    return out


def _join(mention: ResolvedMention, target: ResolvedMention, *, how: str) -> ResolvedMention:
    # what the words beside this mention say of a person the earlier ones left without a
    # country stays with it ("Julian Assange … Australian-born Assange"): the actor takes
    # it.  Not a country the knowledge base gave the word alone ("Juan Perez … Perez" is
    # no Tom Perez): a person it names is called by the full name, not the written word
    told = (
        target.kind == "person"
        and target.country is None
        and mention.country is not None
        and mention.name == mention.text
    )
    return ResolvedMention(
        start=mention.start,
        end=mention.end,
        text=mention.text,
        actor_key=target.actor_key,
        name=target.name,
        kind=target.kind,
        country=mention.country if told else target.country,
        sector=mention.sector if told else target.sector,
        office=target.office,
        inferred=target.inferred,
        how=how,
        igo_code=target.igo_code,
    )


def corefer_speaking_it(
    doc: Doc,
    mentions: list[ResolvedMention],
    *,
    speech: frozenset[str],
    cues: frozenset[str] = frozenset(),
) -> list[ResolvedMention]:
    """ "it" as the subject of a speech verb ("It says it has killed …", "it said in a
    statement") → the organisation, country or group that is the subject of the
    sentence before (of this one, when that subject comes first: "The Kazakh
    government is building a port, which it hopes …").

    ``cues`` widens "speaking" to the other cue verbs of the quotes stage, of thought
    and stance ("They worry …", "it has rejected …"), read the same way.

    Only a speaking "it" is read, and only when the subject before is such an actor:
    "The paper notes … it says" and "The strategy appears … it assumes" stay
    unjoined, since the last subject, a paper or a strategy, is no actor.  The
    ``it`` of the clause the speech verb reports, when it is that clause's subject
    ("it has killed"), goes with it.
    """
    bodies = {
        (m.start, m.end): m for m in mentions if m.kind in {"organization", "country", "group"}
    }
    if not bodies:
        return []
    by_token: dict[int, ResolvedMention] = {}
    for mention in bodies.values():
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                by_token[token.i] = mention
    verbs = speech | cues
    out: list[ResolvedMention] = []
    # the body the latest main-clause subject names, and whether that subject is plural
    last: tuple[ResolvedMention, bool] | None = None
    for sentence in sentences(doc):
        subject = next(
            (c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None
        )
        for token in sentence:
            if (
                token.lower_ not in SPEAKING_PRONOUNS
                or token.dep_ != "nsubj"
                or token.head.tag_ == "VBG"  # "because it is demanding": an adjective
            ):
                continue
            # "While China needs soybeans, it has balked on terms …": the subject of a
            # clause that opens the sentence is the body the main "it" goes on with,
            # whatever its verb
            opening = (
                _opening_clause_body(token, by_token)
                if subject is not None and subject.i == token.i
                else None
            )
            if token.head.lemma_.casefold() not in verbs and opening is None:
                continue
            found = last
            if (
                subject is not None
                and subject.i < token.i
                and subject.lower_ not in SPEAKING_PRONOUNS
            ):
                found = _subject_body(subject, by_token)
            elif opening is not None:
                found = opening
            if found is None or (
                found[1] != (token.lower_ == "they") and not _a_government(found[0], token)
            ):
                continue  # "it" for one body, "they" for a plural one ("officials")
            body = found[0]
            joined = [token] + [
                t
                for child in token.head.children
                if child.dep_ == "ccomp"
                for t in child.children
                if t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ == token.lower_
            ]
            for word in joined:
                by_token[word.i] = body
                out.append(
                    ResolvedMention(
                        start=word.idx,
                        end=word.idx + len(word.text),
                        text=word.text,
                        actor_key=body.actor_key,
                        name=body.name,
                        kind=body.kind,
                        country=body.country,
                        sector=body.sector,
                        office=body.office,
                        inferred=body.inferred,
                        how=f"'{word.text}' speaking → {body.name}, the subject before",
                    )
                )
        if (
            subject is not None
            and not _in_quotation(sentence, subject)  # a quoted subject is the speaker's
            # "the US military said in a statement … the statement said. It did not
            # reveal …": the statement is the last body's, and "it" is that body
            and not (_their_statement(subject) and last is not None)
        ):
            if subject.lower_ in SPEAKING_PRONOUNS:
                named = by_token.get(subject.i)
                if named is not None:
                    last = (named, subject.lower_ == "they")
                elif not (subject.lower_ == "they" and last is not None and last[1]):
                    # a plural "they" no verb of speech joined goes on naming the plural
                    # body before it ("… leaders of the Legislature have avoided
                    # criticism. They seem intent on … However, they said …")
                    last = None
            else:
                last = _subject_body(subject, by_token)
    return out


def _opening_clause_body(
    pronoun: Token, by_token: dict[int, ResolvedMention]
) -> tuple[ResolvedMention, bool] | None:
    """The body named by the subject of an adverbial clause before ``pronoun``, the main
    clause's subject ("While China needs …, it has balked")."""
    for clause in pronoun.head.children:
        if clause.dep_ != "advcl" or clause.i > pronoun.i:
            continue
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.lower_ not in SPEAKING_PRONOUNS:
            found = _subject_body(subject, by_token)
            if found is not None:
                return found
    return None


def _subject_body(
    subject: Token, by_token: dict[int, ResolvedMention]
) -> tuple[ResolvedMention, bool] | None:
    """The body a subject names and whether it is plural.  Conjoined subjects are plural
    and name a body only when one of them is one ("Gov. Eric Holcomb and leaders of the
    legislature": a person is no body, so "they" stands for the group beside him);
    "Russia and China … They said" names no one body."""
    conjuncts = [subject, *subject.conjuncts]
    if len(conjuncts) > 1:
        bodies = {id(by_token[t.i]): by_token[t.i] for t in conjuncts if t.i in by_token}
        return (next(iter(bodies.values())), True) if len(bodies) == 1 else None
    named = by_token.get(subject.i)
    return (named, _plural(subject)) if named is not None else None


SPEAKING_PRONOUNS = frozenset({"it", "they"})
#: Nouns for what a body issued: "the statement said" speaks for the body before it
STATEMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "release"})


def _their_statement(subject: Token) -> bool:
    """Is the subject "the statement" (a body's statement named again)?"""
    return subject.lemma_.casefold() in STATEMENT_NOUNS and any(
        child.dep_ == "det" and child.lower_ == "the" for child in subject.children
    )


def _a_government(body: ResolvedMention, token: Token) -> bool:
    """A government named by its capital ("Beijing is also concerned … They fear"):
    "they", its officials, as well as "it"."""
    return token.lower_ == "they" and body.kind == "group" and body.sector == "GOV"


def _plural(token: Token) -> bool:
    return token.tag_ in {"NNS", "NNPS"} or "Plur" in token.morph.get("Number", [])


OPENING_MARKS = frozenset({"“", "``", "‘"})
CLOSING_MARKS = frozenset({"”", "''", "’"})


def _in_quotation(sentence: Span, token: Token) -> bool:
    """``token`` follows a quotation mark its sentence opened and has not closed."""
    depth = 0
    straight = False
    for word in sentence:
        if word.i >= token.i:
            break
        if word.text in OPENING_MARKS:
            depth += 1
        elif word.text in CLOSING_MARKS:
            depth = max(depth - 1, 0)
        elif word.text == '"':
            straight = not straight
    return depth > 0 or straight
