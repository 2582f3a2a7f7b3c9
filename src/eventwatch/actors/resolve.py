"""Who is each mention? Names, titles, metonymy and coreference over a parsed Doc.

The resolver walks one article in four passes:

1. **name spans**: a phrase matcher over every surface form in the knowledge
   base (countries, capitals, adjectives, organisations, people, contextual
   short forms) plus spaCy's PERSON/ORG/GPE/NORP entities it did not cover;
2. **role phrases**: noun chunks headed by a role word ("officials", "foreign
   minister", "regime", "Central Committee"), their country taken from the
   chunk's adjectives, possessives, compounds and an ``of`` phrase;
3. **decisions** per span: a known person takes the office held on the
   article date; a capital that is the subject of a verb stands for the
   government ("Pyongyang revised…"), but a capital after a locative
   preposition is a place ("in Seoul"); a role with a country and a date
   names the office holder (marked ``inferred``);
4. **coreference** (:mod:`eventwatch.actors.coref`): surnames ("Mr. Kerry"), definite
   roles ("the secretary"), and he/his/she/her pronouns join earlier actors.

Every decision is recorded in :attr:`ResolvedMention.how` for provenance.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventwatch.actors.coref import (
    corefer_definites,
    corefer_names,
    corefer_pronouns,
    corefer_speaking_it,
)
from eventwatch.actors.kb import KbActor, KnowledgeBase, Person, Role, fold, is_harmed
from eventwatch.actors.mentions import SUBJECTS, MentionKind, ResolvedMention
from eventwatch.actors.people import (
    OFFICE_SECTORS,
    OFFICIAL_SECTORS,
    Stated,
    heads_state,
    is_head_of_state_or_government,
    leads_on_date,
    person_from_kb,
    person_in_office,
)
from eventwatch.nlp_lines import doc_text, sentences
from eventwatch.places.gazetteer import ABROAD_MIN
from eventwatch.places.senses import NameSenses, Sense

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from eventwatch.places import Gazetteer


LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "across",
        "inside",
        "outside",
        "throughout",
        "around",
        "via",
        "within",
        "through",
        "over",
        "under",
        "beyond",
    }
)
DIRECTION_PREPS = frozenset({"to", "into", "toward", "towards"})
COLLECTIVE_HEADS = frozenset({"government", "police", "military", "army", "media", "press"})
TRANSPARENT_HEADS = frozenset({"counterpart", "colleague", "predecessor", "successor"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# entities that only block shorter names inside them ("Latin America" is not America)
BLOCKING_LABELS = frozenset({"LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})


#: Sectors whose actors say nothing of where a story is: a company or a news outlet
#: ("Twitter", "CNN") is named in stories about every country
CONTEXTLESS_SECTORS = frozenset({"BUS", "MED"})


@dataclass(frozen=True, slots=True)
class _NameSpan:
    span: Span
    kind: str  # "name" | "adjective" | "capital" | "contextual" | "PERSON" | "ORG" | "GPE" | "NORP"
    sense: Sense | None = None  # a shared place name's sense in this article ("Georgia")
    actor: KbActor | None = None  # a contextual short form's actor, where the article allows it


_ROLE_PREPS = frozenset({"of", "for", "from", "in", "at"})  # "a director in X's ministry"


@lru_cache(maxsize=4)
def _matcher(nlp: Language, kb: KnowledgeBase) -> Any:
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    by_kind: dict[str, list[str]] = {}
    for text, pattern_kind in kb.patterns:
        by_kind.setdefault(pattern_kind, []).append(text)
    tokenizer: Any = nlp.tokenizer
    for label, texts in by_kind.items():
        matcher.add(label, list(tokenizer.pipe(texts)))
    return matcher


class Resolver:
    """Resolves the actor mentions of parsed articles (build once, call per Doc)."""

    def __init__(
        self,
        *,
        kb: KnowledgeBase,
        nlp: Language,
        gazetteer: Gazetteer | None = None,
        senses: NameSenses | None = None,
    ) -> None:
        """``gazetteer`` (optional) gives a country to place names the knowledge base lacks
        ("Sen. Johnson of Wisconsin", "Ohio officials"); ``senses`` tells shared names apart
        by the article's cue words (default: the shipped ``places/senses.tsv``)."""
        self.kb = kb
        self._matcher = _matcher(nlp, kb)
        # the quotes stage's cue verbs: a speaking "it" is a body (imported here, as that
        # package reads this one's mention index)
        from eventwatch.quotes.lexicon import cue_lexicon

        self._speech_verbs = cue_lexicon().speech
        self._cue_verbs = cue_lexicon().verbs
        self._gazetteer = gazetteer
        self._senses = senses if senses is not None else NameSenses.load()

    # -- pass 1: name spans ----------------------------------------------------------
    def _name_spans(self, doc: Doc, published: date | None = None) -> list[_NameSpan]:
        from spacy.util import filter_spans

        found: list[Span] = []
        kinds: dict[tuple[int, int], str] = {}
        for match_id, start, end in self._matcher(doc):
            span = doc[start:end]
            if _dated(span):
                continue  # "talks stalled in May": a month, not Theresa May
            found.append(span)
            kinds[(start, end)] = doc.vocab.strings[match_id]
        known: dict[int, list[Span]] = {}  # a known name's first token → the names there
        for span in filter_spans(found):
            known.setdefault(span.start, []).append(span)
        full_names: dict[int, list[Span]] = {}  # a known name of 2+ words, by its end
        for span in found:
            if len(span) > 1 and kinds[(span.start, span.end)] == "name":
                full_names.setdefault(span.end, []).append(span)
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS and ent.label_ not in BLOCKING_LABELS:
                continue
            if (
                ent.label_ == "WORK_OF_ART"
                and ent.start > 0
                and _closes_quotation(doc[ent.start - 1])
            ):
                # "“… a bad deal,” Trump told …": the tagger takes the words after a
                # closing mark for a title; a title is inside the marks, not after them
                continue
            trimmed = _trim(ent)
            if trimmed is not None and ent.label_ == "PERSON":
                trimmed = _person_words(trimmed)
            if trimmed is None or trimmed.text.islower():
                continue
            if ent.label_ == "PERSON" and self._only_titles(trimmed):
                continue  # "Lt Col" cut off "Alexander Vindman": a title is nobody
            ending = full_names.get(trimmed.end, ())
            if ent.label_ == "PERSON" and self._known_person_suffix(trimmed, ending):
                continue  # "Billionaire Donald Trump": the known name the parser ran into
            same_start = known.get(trimmed.start, ())
            if any(self._known_prefix(span, trimmed, kinds) for span in same_start):
                continue  # "Korea Workers Party Central": the parser ran past a known name
            found.append(trimmed)
            kinds.setdefault((trimmed.start, trimmed.end), ent.label_)
        if published is not None:  # "Rubio said": a surname the parser did not tag
            covered = {i for span in found for i in range(span.start, span.end)}
            names = {doc.vocab.strings[pos] for pos in NAME_POS}
            for i, pos in enumerate(doc.to_array("POS").tolist()):
                if pos in names and i not in covered and self._sitting_surname(doc[i], published):
                    found.append(doc[i : i + 1])
                    kinds[(i, i + 1)] = "surname"
        found += self._untagged_surnames(doc, found, kinds)
        chosen = filter_spans(found)
        out = []
        for span in chosen:
            if _names_a_period(span):
                continue  # "the Bush-era whistleblower": a time, not Bush
            kind = kinds[(span.start, span.end)]
            sense = None
            if kind in {"name", "GPE"} and self._senses.shared(span.text):
                text = doc_text(doc)
                sense = self._senses.decide(span.text, text=text, sentence=span.sent.text)
            out.append(_NameSpan(span, kind, sense))
        return out

    def _person_in_apposition(self, span: Span) -> bool:
        """Is ``span`` two to four capitalised words in apposition with a role of
        ``roles.tsv`` that names one person ("Eswar Prasad, a trade professor at
        Cornell")?  An organisation is not described so."""
        if not 2 <= len(span) <= 4 or not all(t.is_title or t.is_upper for t in span):
            return False
        for head in _appositions(span):
            found = self._match_role(span.doc, head.i)
            if found is not None and found[0].kind == "person":
                return True
        return False

    def _named_settlement(self, span: Span) -> bool:
        """Is ``span`` the name in "the town of X", "the village of X" (a ``settlement``
        noun of ``place_words.tsv`` and "of" right before it)?  The name is a place,
        whatever the entity tagger called it."""
        doc = span.doc
        return (
            span.start >= 2
            and doc[span.start - 1].lower_ == "of"
            and doc[span.start - 2].lemma_.casefold()
            in self.kb.place_words.get("settlement", frozenset())
        )

    def _rules_over(self, span: Span) -> bool:
        """Does the adjective at ``span`` say who ruled the place its noun names ("the
        former British colony", "a French protectorate": a ``colony`` word of
        ``place_words.tsv``)?  The place is meant, not the ruler."""
        head = span.root.head
        return (
            span.root.dep_ in {"amod", "compound"}
            and head.i >= span.end
            and head.lemma_.casefold() in self.kb.place_words.get("colony", frozenset())
        )

    def _names_a_person(self, span: Span) -> bool:
        """The words of ``span`` are a name the knowledge base knows for a person."""
        return any(actor.kind == "person" for actor in self.kb.lookup(fold(span.text)))

    def _only_titles(self, span: Span) -> bool:
        """Is ``span`` two or more words (or one abbreviation) each of which is a one-word
        title or role of ``roles.tsv`` ("Lt Col", "Gen.")?  One full word alone may be a
        surname ("King said")."""
        if len(span) == 1 and not span.text.endswith("."):
            return False
        for token in span:
            word = fold(token.text)
            roles = self.kb.roles.get(word, ()) or self.kb.roles.get(word.rstrip("."), ())
            if not any(len(role.tokens) == 1 for role in roles):
                return False
        return True

    def _untagged_surnames(
        self, doc: Doc, found: Sequence[Span], kinds: dict[tuple[int, int], str]
    ) -> list[Span]:
        """Proper nouns the parser left untagged that end a person's full name written
        elsewhere in the article ("Donald Trump … Trump responded"), as PERSON spans.

        A word that modifies a noun ("Trump University", "the Trump campaign") is not
        the person."""
        surnames = {
            fold(span[-1].text)
            for span in found
            if len(span) > 1
            and (kinds.get((span.start, span.end)) == "PERSON" or self._names_a_person(span))
        }
        if not surnames:
            return []
        covered = {i for span in found for i in range(span.start, span.end)}
        out = []
        for token in doc:
            if (
                token.i not in covered
                and _name_like(token)
                and not _modifies_noun(token)
                and not (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN")
                and fold(token.text) in surnames
            ):
                out.append(doc[token.i : token.i + 1])
                kinds[(token.i, token.i + 1)] = "PERSON"
        return out

    def _sitting_surname(self, token: Token, published: date | None) -> bool:
        """A capitalised proper noun the parser left untagged that is the surname of exactly
        one person in office on the date ("Rubio" in 2015)."""
        if published is None or not _name_like(token) or _dated(token.doc[token.i : token.i + 1]):
            return False
        people = self.kb.in_office(name_token=token.text, on=published)
        return len(people) == 1 and fold(people[0].name.split()[-1]) == fold(token.text)

    def _known_person_suffix(self, ent: Span, ending: Sequence[Span]) -> bool:
        """Does a known person's full name (two words or more; ``ending``: the known
        names that end where ``ent`` ends) end ``ent`` after words of its own
        ("Kentuckian Rand Paul", "Billionaire Donald Trump")?"""
        for span in ending:
            if span.start <= ent.start:
                continue
            # the words before must be a description, never a first name: "Michael
            # Patrick Leahy" is not Senator Patrick Leahy
            before = ent.doc[ent.start : span.start]
            if not all(
                t.tag_ in DESCRIPTION_TAGS or fold(t.text) in self.kb.adjectives for t in before
            ):
                continue
            if any(actor.kind == "person" for actor in self.kb.lookup(span.text)):
                return True
        return False

    def _known_prefix(self, span: Span, ent: Span, kinds: dict[tuple[int, int], str]) -> bool:
        """Does a known organisation or person name begin ``ent`` and stop short of its end?

        Countries are left out on purpose: "United States Senate" stays one entity.
        """
        if span.start != ent.start or span.end >= ent.end:
            return False
        if kinds.get((span.start, span.end)) != "name":
            return False
        return any(actor.kind != "country" for actor in self.kb.lookup(span.text))

    # -- the whole article -------------------------------------------------------------
    def resolve(self, doc: Doc, *, published: date | None) -> list[ResolvedMention]:
        """Every actor mention in ``doc``, in text order."""
        names = self._name_spans(doc, published)
        consumed: set[int] = set()
        mentions: list[ResolvedMention] = []
        mentioned_countries = self._countries_in(names, published)
        names = [self._in_context(name, mentioned_countries) for name in names]
        by_token = {token.i: name for name in names for token in name.span}
        # the last words of the full names the parser tagged PERSON ("Gordon Sondland") or
        # the knowledge base knows as a person's ("Sarah Palin")
        written: dict[str, set[str]] = {}
        for name in names:
            if len(name.span) > 1 and (
                name.kind == "PERSON" or (name.kind == "name" and self._names_a_person(name.span))
            ):
                written.setdefault(fold(name.span[-1].text), set()).add(fold(name.span.text))
        surnames = frozenset(written)

        # role phrases first: they consume their country modifiers
        for chunk in doc.noun_chunks:
            mention = self._role_chunk(doc, chunk, by_token, consumed, published, written=written)
            if mention is not None:
                mentions.append(mention)
                mentions.extend(self._conjoined_groups(chunk, mention, by_token, consumed))

        for name in names:
            if any(token.i in consumed for token in name.span):
                continue
            mention = self._name_mention(
                name, by_token, published, mentioned_countries, surnames=surnames
            )
            if mention is not None:
                mentions.append(mention)
        mentions.sort(key=lambda m: m.start)
        keep = _leads_a_named_country(mentions)
        speakers = _speaking_names(doc, mentions, self._speech_verbs)
        mentions = _speaking_people(mentions, speakers, self.kb)

        def known(key: str, text: str) -> bool:
            # a person of the knowledge base, or one whose surname the parser took for an
            # organisation that speaks as a person does ("Volker said", never "… it")
            return key in self.kb.actors or fold(text) in speakers

        # the main country counts the names as coreference will read them: a surname
        # that joins the full name written in the article ("Tim Morrison … Morrison")
        # is not the leader of that name it first resolved to
        main = _main_country(corefer_names(mentions, keep=keep, known=known))
        mentions = _in_main_country(mentions, main)
        mentions = self._bare_countries(doc, mentions, main)
        mentions = corefer_names(mentions, keep=keep, known=known)
        mentions += _repeated_names(doc, mentions)
        mentions = corefer_definites(
            mentions, past_offices=lambda key: self._past_offices(key, published)
        )
        mentions += corefer_pronouns(
            doc, mentions, speech=self._speech_verbs, given_names=self.kb.given_names
        )
        mentions += self._possessed_countries(doc, mentions)
        mentions = self._owned_roles(doc, mentions, published)
        mentions += corefer_speaking_it(
            doc, mentions, speech=self._speech_verbs, cues=self._cue_verbs
        )
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _in_context(self, name: _NameSpan, mentioned: set[str]) -> _NameSpan:
        """A contextual short form with the actor it names in this article, if any."""
        if name.kind not in {"contextual", "name", "ORG", "NORP"}:
            return name
        rule = self.kb.contextual.get(fold(name.span.text))
        if rule is None or not (set(rule.requires) & mentioned):
            return name
        return replace(name, actor=self.kb.actors.get(rule.actor_key))

    def _past_offices(self, key: str, published: date | None) -> list[str]:
        """The offices of the knowledge-base person ``key`` whose terms ended before
        ``published`` (all ended terms when the date is not known)."""
        person = self.kb.people.get(key.split(":", 1)[1]) if key.startswith("person:") else None
        if person is None:
            return []
        return [
            term.office
            for term in person.terms
            if term.end is not None and (published is None or term.end <= published)
        ]

    def _countries_in(self, names: Sequence[_NameSpan], published: date | None) -> set[str]:
        """The countries the article names: by name, adjective or capital, and those of the
        known people and institutions it names (a Trump article is about the United States),
        but not of companies and media (``CONTEXTLESS_SECTORS``): a Nigerian story that
        quotes a tweet is not about the United States."""
        countries: set[str] = set()
        for name in names:
            key = fold(name.span.text)
            if name.sense is not None:
                countries.add(name.sense.country)
            elif name.kind in {"name", "GPE"}:
                for actor in self.kb.lookup(key):
                    if actor.kind == "person":
                        term = self.kb.people[actor.key.split(":", 1)[1]].term_on(published)
                        if term is not None and term.country:
                            countries.add(term.country)
                    elif (
                        actor.country
                        and len(actor.country) == 3
                        and actor.sector not in CONTEXTLESS_SECTORS
                    ):
                        countries.add(actor.country)
            if name.kind in {"PERSON", "ORG"} and len(name.span) == 1 and published is not None:
                # "Trump": the people of that name in office on the date, if of one country
                found = {
                    term.country
                    for person in self.kb.in_office(name_token=name.span.text, on=published)
                    for term in person.terms
                    if term.covers(published)
                }
                if len(found) == 1 and None not in found:
                    countries.update(c for c in found if c)
            if name.kind in {"adjective", "NORP"} and key in self.kb.adjectives:
                countries.add(self.kb.adjectives[key])
            if name.kind in {"capital"} and key in self.kb.capitals:
                countries.add(self.kb.capitals[key])
        return countries

    # -- pass 2: role phrases ----------------------------------------------------------
    def _match_role(self, doc: Doc, index: int) -> tuple[Role, int] | None:
        """The longest role pattern ending at token ``index``: (role, first token index)."""
        token = doc[index]
        for last in dict.fromkeys((token.lower_, token.lemma_.lower())):
            for role in self.kb.roles.get(last, ()):
                first = index - len(role.tokens) + 1
                if first < 0:
                    continue
                words = [t.lower_ for t in doc[first:index]] + [last]
                if tuple(words) == role.tokens:
                    return role, first
        return None

    def _names_a_title(self, span: Span) -> bool:
        """Is ``span`` (an organisation the knowledge base does not know) the first words of
        a person's title: a role right after it and a name right after the role ("Defense
        Secretary Robert Gates", "Homeland Security Secretary Jeh Johnson")?  The person
        is the actor; the department only says what the title is."""
        doc = span.doc
        for last in range(span.end, min(span.end + 3, len(doc) - 1)):
            found = self._match_role(doc, last)
            if found is not None and found[1] <= span.end:
                after = doc[last + 1]
                return after.pos_ == "PROPN" and after.ent_type_ in {"PERSON", ""}
        return False

    def _match_role_right(self, doc: Doc, head: int) -> tuple[tuple[Role, int], int] | None:
        """A longer role that starts at or before ``head`` and runs past it, with its last token.

        The parser ends "U.S. Secretary" at its root and hangs "of State" off it.
        """
        end = head + 1
        while end < min(head + 5, len(doc)) and not doc[end].is_sent_start:
            end += 1  # stay inside the sentence
        for last in range(end - 1, head, -1):
            found = self._match_role(doc, last)
            if found is not None and found[1] <= head:
                return found, last
        return None

    def _role_chunk(
        self,
        doc: Doc,
        chunk: Span,
        by_token: dict[int, _NameSpan],
        consumed: set[int],
        published: date | None,
        *,
        written: Mapping[str, set[str]],
    ) -> ResolvedMention | None:
        root = chunk.root
        if root.i in consumed:
            return None  # already part of a longer role ("U.S. Secretary of State")
        if root.i in by_token and by_token[root.i].kind in {"PERSON", "name"}:
            named = by_token[root.i]
            if any(a.kind == "person" for a in self.kb.lookup(named.span.text)) or (
                named.kind == "PERSON"
            ):
                return None  # a person chunk: titles in it are read by _name_mention
        if (
            root.i in by_token
            and by_token[root.i].kind == "name"
            and len(by_token[root.i].span) > 1
        ):
            return None  # "the Bank of Japan", "Arakan Army": a known name beats its role word
        head_index = root.i
        if root.lower_ in TRANSPARENT_HEADS and root.i > chunk.start:
            head_index = root.i - 1
        role_end = head_index
        found: tuple[Role, int] | None
        extended = self._match_role_right(doc, head_index)
        if extended is not None:
            found, role_end = extended
        else:
            found = self._match_role(doc, head_index)
        if found is None:
            return None
        role, first = found
        # an appositive role describes the person it stands beside: "Wang Yi, China's FM"
        if root.dep_ == "appos" and root.head.i in by_token:
            return None
        body = self._body_word(doc, chunk, first, role)
        if body is not None:
            # "a company spokesperson said": someone of the company the article named last,
            # who speaks for it, as "the company said" does (not a government's spokesman)
            body_role, at = body
            consumed.update(range(chunk.start, head_index + 1))
            how = (
                f"'{role.pattern}' of the {body_role.pattern} (resolved by coreference if possible)"
            )
            return _definite(doc, at, head_index, body_role, "organization", at, how)
        if self._speaks_for_unknown(chunk, role, by_token):
            # "A spokeswoman for Neumann", "a spokesman for Acme Widgets Corp.": someone who
            # speaks for a person or organisation the knowledge base does not know, not a
            # government's spokesman; their side once coreference has named its actor
            # (_owned_roles), else no one
            consumed.update(range(first, role_end + 1))
            how = f"'{role.pattern}' for someone the knowledge base does not know"
            spokesperson = _definite(doc, first, role_end, role, "group", first, how)
            return replace(spokesperson, sector=None)  # no government's, whoever it is
        country, evidence, via_person = self._chunk_country(
            doc, chunk, first, by_token, published, written=written
        )
        sector, igo, org_tokens = self._chunk_organisation(
            chunk, first, role, by_token, published, written=written
        )
        placed = country is not None or igo is not None
        # "Ministers from Kenya and Uganda": a plural role names a group, not one person
        single = role.kind == "person" and doc[head_index].tag_ not in {"NNS", "NNPS"}
        someone = (
            not placed
            and doc[head_index].tag_ == "NN"
            and self._someone_of(chunk, first, role, by_token)
        )
        if someone:
            single = False  # "a judge ruled": one of that sector, coded as its group
        if not single and not placed and self._refers_back(chunk, first, head_index, role):
            consumed.update(range(first, role_end + 1))
            how = f"definite '{role.pattern}' (resolved by coreference if possible)"
            return _definite(doc, first, role_end, role, "organization", chunk.start, how)
        if (
            not single
            and not placed
            and any(
                t.dep_ == "poss"
                and (
                    t.lower_ in POSSESSIVE_PRONOUNS
                    or (t.i in by_token and self._written_other(by_token[t.i], written))
                )
                for t in chunk.root.children
            )
        ):
            # "His aides say …", "their lawyers", "Morrison's lawyer" (the article's Tim
            # Morrison): whose the owner says, once coreference has named its actor
            # (_owned_roles); a group of that actor's country. The owner keeps its own
            # mention
            consumed.update(range(first, role_end + 1))
            how = f"'{role.pattern}' of a possessive pronoun (its owner's, if resolved)"
            return _definite(doc, first, role_end, role, "group", first, how)
        if (
            not single
            and not placed
            and not someone
            and not self._bare_group(chunk, first, role, by_token)
        ):
            return None  # "a dysfunctional administration": whose is not said
        consumed.update(evidence)
        consumed.update(org_tokens)
        consumed.update(range(first, max(head_index, role_end) + 1))
        start_char = chunk[0].idx if chunk[0].lower_ not in {"the", "a", "an"} else chunk[1].idx
        last = max([role_end, *evidence])
        end_char = max(chunk.end_char, doc[last].idx + len(doc[last].text))
        span_text = doc[chunk.start : max(chunk.end, role_end + 1, last + 1)].text
        span_text = span_text[start_char - doc[chunk.start].idx :]
        # "Georgia's secretary of state", "the Ohio governor": a state's office, not the nation's
        states = sorted(  # a set: "New" and "Jersey" are two tokens of one name
            {
                fold(by_token[i].span.text)
                for i in evidence
                if i in by_token and self._subnational(by_token[i])
            }
        )
        local = bool(states)
        # "the Senate leader": an office of the body named, not the country's head
        of_body = sector != role.sector
        if single and country and published and not local and not of_body:
            holder = self._office_holder(role, country, published)
            if holder is not None:
                return ResolvedMention(
                    start=start_char,
                    end=end_char,
                    text=span_text,
                    **_holder_fields(holder, role, country, published),
                    how=f"role '{role.pattern}' + country {country} on {published}: office holder",
                )
        if single and not placed:
            return ResolvedMention(
                start=start_char,
                end=end_char,
                text=span_text,
                actor_key=f"definite:{role.pattern}",
                name=span_text,
                kind="person",
                country=None,
                sector=role.sector,
                office=role.office,
                how=f"definite role '{role.pattern}' (resolved by coreference if possible)",
            )
        how = f"role '{role.pattern}' → {role.sector}"
        if country:
            how += f"; country {country} from " + (VIA_PERSON if via_person else "modifier")
        if igo or sector != role.sector:
            how += f"; {igo or sector} from the organisation or person it speaks or works for"
        kind: MentionKind = "person" if single else "group"
        place = igo or country or "?"
        key = f"group:{place}:{sector}" if kind == "group" else f"role:{place}:{role.pattern}"
        if kind == "person" and local:
            # "the Vermont senator" and "the Florida senator" are two people: the state
            # belongs in the key, or both merge into one actor
            key += ":" + ":".join(state.replace(" ", "_") for state in states)
        return ResolvedMention(
            start=start_char,
            end=end_char,
            text=span_text,
            actor_key=key,
            name=(
                (self._sector_group_name(country, sector) if igo is None else span_text)
                if kind == "group"
                else span_text
            ),
            kind=kind,
            country=country,
            sector=sector,
            office=role.office,
            how=how,
            igo_code=igo,
        )

    def _body_word(self, doc: Doc, chunk: Span, first: int, role: Role) -> tuple[Role, int] | None:
        """The role word of a body that refers back (``refers`` in roles.tsv: company, firm,
        newspaper, union …) right before a GOV role that says no more than "someone of"
        ("a company spokesperson", "the firm's lawyer" is not): the body's role and its
        token index."""
        if role.sector != "GOV" or role.office or role.kind != "person" or first == 0:
            return None
        before = doc[first - 1]
        if before.i < chunk.start or before.dep_ != "compound":
            return None
        found = self._match_role(doc, before.i)
        if found is None or not found[0].refers_back or found[0].sector == role.sector:
            return None
        return found[0], found[1]

    def _spoken_for(self, token: Token) -> bool:
        """Is ``token`` the object of "for" or "to" after a role that speaks or works for
        someone ("a spokeswoman for Delgado", "an aide to Delgado")?"""
        if token.dep_ != "pobj" or token.head.lower_ not in SPOKEN_FOR_PREPS:
            return False
        noun = token.head.head
        found = self._match_role(token.doc, noun.i) if noun.pos_ == "NOUN" else None
        return found is not None and found[0].sector == "GOV" and not found[0].office

    def _speaks_for_unknown(self, chunk: Span, role: Role, by_token: dict[int, _NameSpan]) -> bool:
        """Is the phrase a GOV role that says no more than "someone of" (a spokesperson,
        an aide) speaking "for" (or working "to") a name the knowledge base knows neither
        as an organisation nor as a person, nor as a place?"""
        if role.sector != "GOV" or role.office or len(role.tokens) > 2:
            return False
        owners = _spoken_for_objects(chunk.root, to=True)
        if len(owners) != 1 or owners[0].i not in by_token:
            return False
        name = by_token[owners[0].i]
        if name.kind not in {"PERSON", "ORG", "surname"} or name.actor is not None:
            return False
        return not self.kb.lookup(fold(name.span.text)) and not self._country_inside(name.span)

    def _refers_back(self, chunk: Span, first: int, head_index: int, role: Role) -> bool:
        """Is the phrase just "the" and a singular role that refers back to an organisation
        ("the company said", "the newspaper reported"; ``refers`` in roles.tsv)?"""
        if not role.refers_back or chunk.doc[head_index].tag_ != "NN":
            return False
        before = [token for token in chunk if token.i < first]
        return len(before) == 1 and before[0].lower_ == "the" and chunk.end - 1 == head_index

    def _left_open(self, name: _NameSpan) -> bool:
        """Is ``name`` one the knowledge base leaves to the article (``ambiguous.tsv`` with
        no default, and no ``contextual.tsv`` reading here)?  "the Senate" of a Nigerian
        story is then read as the bare role it is, whose country the context gives."""
        return (
            name.kind in {"name", "contextual"}
            and name.actor is None
            and fold(name.span.text) in self.kb.ambiguous
            and not self.kb.lookup(name.span.text)
        )

    def _bare_group(
        self, chunk: Span, first: int, role: Role, by_token: dict[int, _NameSpan]
    ) -> bool:
        """Is the phrase a bare plural role ("Police", "the officials") of a sector whose
        country the context gives (``sectors.tsv`` `bare`)?  :meth:`_bare_countries`
        gives it one, or drops it."""
        if role.sector not in self.kb.bare_sectors:
            return False
        if any(
            token.i in by_token
            and not self._scope_word(token)
            and not self._left_open(by_token[token.i])
            for token in chunk
        ):
            return False  # a name ("the Supreme Court"): the knowledge base reads it
        if any(
            child.lower_ in {"of", "from"} and not _of_an_event(child, role)
            for child in chunk.root.children
        ):
            return False  # "the officials of the club", "leaders from both countries"
        if any(
            child.dep_ in {"amod", "acl"} and child.lemma_.casefold() in ANONYMOUS_SOURCE
            for child in chunk.root.children
        ):
            return False  # "people familiar with the talks": an unnamed source, no group
        before = [token for token in chunk if token.i < first]
        if (
            len(before) == 3
            and before[0].lower_ == "the"
            and before[1].lower_ in LOCAL_OWNERS
            and before[2].tag_ == "POS"
        ):
            return True  # "the city's police", "the country's military": the scene's own
        # "Federal prosecutors", "Several senior officials", "Two riot police": a count or
        # a level, rank or branch says nothing of whose they are (``scope`` in
        # place_words.tsv); "foreign", "former" or "other" officials stay no one's
        return all(
            token.lower_ == "the"
            or token.lower_ in GROUP_COUNTS
            or (token.tag_ == "CD" and token.dep_ == "nummod")
            or self._scope_word(token)
            for token in before
        )

    def _scope_word(self, token: Token) -> bool:
        """A modifier of a level, rank or branch ("federal", "senior", "riot", "defense"):
        ``scope`` in place_words.tsv."""
        return token.dep_ in {
            "amod",
            "compound",
            "nmod",
        } and token.lower_ in self.kb.place_words.get("scope", frozenset())

    def _someone_of(
        self, chunk: Span, first: int, role: Role, by_token: dict[int, _NameSpan]
    ) -> bool:
        """Is the phrase one unnamed member of a bare sector ("a judge", "an official",
        "a police officer")?  CAMEO codes such a source by its sector and the country
        the context gives, as it codes "officials": the bare group's country rules
        (:meth:`_bare_countries`) give it one, or drop it."""
        if role.sector not in self.kb.bare_sectors or len(role.tokens) > 2:
            return False
        if any(token.i in by_token for token in chunk):
            return False  # a name in the phrase: the knowledge base reads it
        before = [token for token in chunk if token.i < first]
        return (
            bool(before)
            and before[0].lower_ in {"a", "an"}
            # "a senior official", "a defense attorney"
            and all(token.pos_ == "ADJ" or self._scope_word(token) for token in before[1:])
        )

    def _bare_countries(
        self, doc: Doc, mentions: list[ResolvedMention], main: str | None
    ) -> list[ResolvedMention]:
        """Bare role groups ("Police said …") take the country of the same sector's actor
        named in this or the two sentences before ("Russian officials … Officials also
        said"), else the article's main country (``main``), else the scene the sentences
        set, else the dateline's, else the one country the whole article sets its places
        in ("in central Tehran"), else the country of the article's same-sector actors
        when they are all of one country; with none of these they are of their sector
        only."""
        if not any(m.actor_key.startswith(BARE_GROUP) for m in mentions):
            return mentions
        starts = [sentence.start_char for sentence in sentences(doc)]
        dateline: tuple[str | None, str] | None = None  # read once, when first needed
        out: list[ResolvedMention] = []
        for mention in mentions:
            if not mention.actor_key.startswith(BARE_GROUP):
                out.append(mention)
                continue
            here = max(bisect_right(starts, mention.start) - 1, 0)
            floor = starts[max(here - 2, 0)]
            country, why = next(
                (
                    (m.country, f"the {mention.sector} actor '{m.text}' just before")
                    for m in reversed(out)
                    if m.start >= floor
                    and m.sector == mention.sector
                    and m.country
                    and len(m.country) == 3
                ),
                (main, MAIN_COUNTRY),
            )
            if country is None:
                country, why = _scene_country(
                    doc, mentions, floor, here, starts, locate=self._place_country
                )
            if country is None:
                # where the story was filed ("NEW DELHI: … the officials said") before
                # the article's other actors of the sector, named anywhere
                if dateline is None:
                    dateline = self._dateline_country(doc)
                country, why = dateline
            if country is None:
                # "… in central Tehran on Sunday. … The interior ministry said …": the one
                # country the whole article is set in (Germany's foreign minister, named
                # later, is no guide)
                country, why = _scene_country(
                    doc, mentions, 0, len(starts) - 1, starts, locate=self._place_country
                )
                why = why and "the one country the article is set in"
            if country is None:
                country, why = _nearest_of_sector(mentions, mention)
            if country is None:
                # whose police, whose officials: not said; the group is still an actor, of
                # its sector only ("The Government said …", coded GOV), as CAMEO codes an
                # actor whose country the text does not give
                out.append(
                    replace(
                        mention,
                        actor_key=f"{UNPLACED_GROUP}{mention.sector}",
                        name=self._sector_group_name(None, mention.sector or ""),
                        how=f"{mention.how}; no country in the text",
                    )
                )
                continue
            out.append(
                replace(
                    mention,
                    actor_key=f"group:{country}:{mention.sector}",
                    name=self._sector_group_name(country, mention.sector or ""),
                    country=country,
                    how=f"{mention.how}; country {country}: {why}",
                )
            )
        return out

    def _possessed_countries(
        self, doc: Doc, mentions: list[ResolvedMention]
    ) -> list[ResolvedMention]:
        """ "his country", "her government", "their nation": the country (or its
        government) of the actor the possessive pronoun stands for, when that actor has
        one ("Putin said his country will not lift the ban" → Russia)."""
        out: list[ResolvedMention] = []
        for index, owner in _possessive_owners(doc, mentions).items():
            head = doc[index].head
            if head.lower_ not in POSSESSED_NOUNS:
                continue
            iso3 = owner.country
            if iso3 is None or len(iso3) != 3 or iso3 not in self.kb.countries:
                continue
            government = POSSESSED_NOUNS[head.lower_] == "GOV"
            phrase = doc[index : head.i + 1]
            out.append(
                ResolvedMention(
                    start=phrase.start_char,
                    end=phrase.end_char,
                    text=phrase.text,
                    actor_key=f"group:{iso3}:GOV" if government else f"country:{iso3}",
                    name=(
                        self._country_group(iso3, "GOV")
                        if government
                        else self.kb.countries[iso3].name
                    ),
                    kind="group" if government else "country",
                    country=iso3,
                    sector="GOV" if government else None,
                    how=f"'{doc[index].text} {head.text}': of {owner.name}",
                )
            )
        return out

    def _owned_roles(
        self, doc: Doc, mentions: list[ResolvedMention], published: date | None
    ) -> list[ResolvedMention]:
        """A role of no country owned by a possessive pronoun is the role of the pronoun's
        actor's country: "Putin praised his defense minister" → the Russian defence
        minister on that date (a known office holder), "Trump defended his campaign
        manager" → a USA party person, where both had been roles of no country."""
        owners = _possessive_owners(doc, mentions)
        out: list[ResolvedMention] = []
        for mention in mentions:
            found = self._owner_of(doc, mention, owners) if owners else None
            if found is None:
                if not _spoken_for_no_one(mention):
                    out.append(mention)
                continue
            role, owner, why = found
            iso3 = str(owner.country)
            holder = (
                self._office_holder(role, iso3, published)
                if mention.kind == "person" and published is not None
                else None
            )
            if holder is not None and published is not None:
                out.append(
                    replace(
                        mention,
                        **_holder_fields(holder, role, iso3, published),
                        how=f"{why}, country {iso3} on {published}: office holder",
                    )
                )
            elif mention.kind == "person":
                out.append(
                    replace(
                        mention,
                        actor_key=f"role:{iso3}:{role.pattern}",
                        country=iso3,
                        how=f"{why}, country {iso3}",
                    )
                )
            else:
                # "His aides" of a senator work in his office's sector, as "Trump aides" do
                sector = role.sector
                if role.sector == "GOV" and not role.office and owner.kind == "person":
                    sector = owner.sector or role.sector
                elif role.sector == "GOV" and not role.office and owner.kind == "organization":
                    # "a spokesperson for the NYAG": the organisation speaking, as "a
                    # company spokesperson" is the company
                    out.append(
                        replace(
                            owner,
                            start=mention.start,
                            end=mention.end,
                            text=mention.text,
                            how=f"{why}: it speaks for {owner.name}",
                        )
                    )
                    continue
                out.append(
                    replace(
                        mention,
                        actor_key=f"group:{iso3}:{sector}",
                        name=self._sector_group_name(iso3, sector),
                        kind="group",
                        country=iso3,
                        sector=sector,
                        how=f"{why}, country {iso3}",
                    )
                )
        return out

    def _owner_of(
        self, doc: Doc, mention: ResolvedMention, owners: dict[int, ResolvedMention]
    ) -> tuple[Role, ResolvedMention, str] | None:
        """(role, owner, why) for a definite role of no country whose own possessive
        pronoun stands for an actor of a known country (the owner's)."""
        if not mention.actor_key.startswith("definite:") or mention.country is not None:
            return None
        role = self._role_named(mention.actor_key.removeprefix("definite:"))
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if role is None or span is None:
            return None
        # the pronoun inside the phrase, or hanging on it from just before ("His aides"),
        # or the one spoken for ("a spokeswoman for Neumann")
        words = [*span, *(c for t in span for c in t.children if c.dep_ == "poss")]
        # "an aide to Zelenskiy" is his; an envoy to Ukraine is sent to it
        spoken_for = [o for t in span for o in _spoken_for_objects(t, to=not _envoy(role))]
        for token in words + spoken_for:
            owner = owners.get(token.i)
            if owner is None:
                continue
            if token not in spoken_for and not span.start <= token.head.i < span.end:
                continue
            iso3 = owner.country
            if iso3 is not None and iso3 in self.kb.countries:
                return role, owner, f"role '{role.pattern}' of '{token.text}' = {owner.name}"
        return None

    def _role_named(self, pattern: str) -> Role | None:
        """The role whose pattern is ``pattern``."""
        last = pattern.split()[-1] if pattern else ""
        return next((r for r in self.kb.roles.get(last, ()) if r.pattern == pattern), None)

    def _place_country(self, name: str) -> str | None:
        """The country of a place the gazetteer resolves on its own (a city, a division)."""
        if self._gazetteer is None:
            return None
        place = self._gazetteer.resolve(name)
        if place is None or not place.country or len(place.country) != 3:
            return None
        return place.country

    def _dateline_country(self, doc: Doc) -> tuple[str | None, str]:
        """The country of the place a news-agency dateline names at the start of one of
        the text's first lines ("HONG KONG (AP) —", "Indianapolis –", "RENO, Nev. -")."""
        if self._gazetteer is None:
            return None, ""
        opening = doc_text(doc)[:DATELINE_WITHIN]
        for found in [*DATELINE.finditer(opening), *CAPS_DATELINE.finditer(opening)]:
            words = found.group("place").split()
            if not all(w.isupper() or w.istitle() for w in words):
                continue
            country = self._place_country(found.group("place"))
            if country is not None:
                return country, f"the dateline '{found.group('place')}'"
        return None, ""

    def _conjoined_groups(
        self,
        chunk: Span,
        mention: ResolvedMention,
        by_token: dict[int, _NameSpan],
        consumed: set[int],
    ) -> list[ResolvedMention]:
        """ "Hungarian and Romanian officials": the second adjective is a group of its own."""
        if mention.kind != "group" or mention.sector is None:
            return []
        out = []
        tokens = list(chunk)
        for child in chunk.root.children:  # "Ministers from Kenya and Uganda"
            if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                tokens.extend(child.subtree)
        seen = {mention.country}
        for token in tokens:
            if token.dep_ != "conj" or token.i not in by_token:
                continue
            name = by_token[token.i]
            if any(t.i in consumed for t in name.span):
                continue
            key = fold(name.span.text)
            if name.kind in {"adjective", "NORP"}:
                country = self.kb.adjectives.get(key)
            else:
                found = [a.country for a in self.kb.lookup(key) if a.kind == "country"]
                country = found[0] if found else None
            if country is None or country in seen:
                continue
            seen.add(country)
            consumed.update(t.i for t in name.span)
            out.append(
                ResolvedMention(
                    start=name.span.start_char,
                    end=name.span.end_char,
                    text=name.span.text,
                    actor_key=f"group:{country}:{mention.sector}",
                    name=self._country_group(country, mention.sector),
                    kind="group",
                    country=country,
                    sector=mention.sector,
                    how=f"conjoined with '{mention.text}': {country} {mention.sector}",
                )
            )
        return out

    def _group_name(self, country: str | None, role: Role) -> str:
        return self._sector_group_name(country, role.sector)

    def _sector_group_name(self, country: str | None, code: str) -> str:
        sector = self.kb.sectors.get(code, code)
        if country is None:
            return f"unknown ({sector})"
        entry = self.kb.countries.get(country)
        return f"{entry.name if entry else country} ({sector})"

    def _office_holder(self, role: Role, country: str, day: date) -> Person | None:
        if role.pattern in {"leader", "head of state", "ruler"}:
            return self.kb.leader(country=country, on=day)
        for office in (role.office, role.pattern):
            if office:
                holder = self.kb.office_holder(country=country, office=office, on=day)
                if holder is not None:
                    return holder
        return None

    def _chunk_organisation(
        self,
        chunk: Span,
        role_start: int,
        role: Role,
        by_token: dict[int, _NameSpan],
        published: date | None,
        *,
        written: Mapping[str, set[str]],
    ) -> tuple[str, str | None, set[int]]:
        """The sector a role chunk takes from an organisation named in it, the organisation's
        code when it is international, and the organisation's tokens: "a Taliban
        spokesman" is AFGINS, "Pentagon officials" USAMIL, "a U.N. spokesman" IGOUNO, as a
        named person with that title is (:meth:`_stated_role`).  Only the roles that say
        no more than "someone of" take it: those of GOV (official, spokesman, aide) and,
        in an armed group, those of MIL ("Taliban commanders").  A role of its own sector
        keeps it ("Westminster Magistrates' Court" is JUD), a party leaves an office its
        sector ("Republican lawmakers" are LEG), an office keeps its own ("the Hamas prime
        minister"), and an envoy to an organisation is not its staff."""
        for token in _chunk_owners(chunk, role_start):
            name = by_token.get(token.i)
            org = self._organisation(name) if name is not None else None
            if name is not None and org is None and not role.office and role.sector == "GOV":
                # "Trump aides" in May 2016: the people of a candidate's campaign (PTY);
                # "Obama's aides": of the government he led
                held = (
                    None
                    if self._written_other(name, written)
                    else self._sector_in_office(name, published)
                )
                if held is not None:
                    return held, None, set()
            if name is None or org is None:
                continue
            sector = org.sector_on(published) or role.sector
            if (
                role.office
                or (org.kind == "igo" and _envoy(role))
                or (org.sector == "PTY" and role.sector in OFFICE_SECTORS)
                or not (role.sector == "GOV" or (role.sector == "MIL" and sector in ARMED_GROUPS))
            ):
                break
            return sector, org.code if org.kind == "igo" else None, {t.i for t in name.span}
        return role.sector, None, set()

    def _written_other(self, name: _NameSpan, written: Mapping[str, set[str]]) -> bool:
        """Is one-word ``name`` the surname of a full name the article writes of someone
        the knowledge base does not know, so that it stands for that person, not for
        whoever the knowledge base knows by the surname?"""
        # the parser may tag the lone surname an organisation ("Morrison's lawyer")
        if len(name.span) != 1 or name.kind not in {"PERSON", "name", "surname", "ORG"}:
            return False
        if name.actor is not None or name.sense is not None:
            return False
        key = fold(name.span.text)
        full = written.get(key, set())
        return (
            bool(full)
            and key not in full
            and not any(a.kind == "person" for f in full for a in self.kb.lookup(f))
        )

    def _sector_in_office(self, name: _NameSpan, published: date | None) -> str | None:
        """The sector of the one known person ``name`` names who held an office on the
        date, if there is exactly one."""
        if published is None or name.kind not in {"PERSON", "name", "surname", "ORG"}:
            return None
        people = {
            person.id: person
            for actor in self.kb.lookup(fold(name.span.text))
            if actor.kind == "person"
            for person in [self.kb.people[actor.key.split(":", 1)[1]]]
        }
        if not people:  # "Trump aides": a surname, read as elsewhere by who held office
            people = {
                p.id: p for p in self.kb.in_office(name_token=name.span[-1].text, on=published)
            }
        terms = [p.term_on(published) for p in people.values()]
        sectors = {t.sector for t in terms if t is not None and t.covers(published) and t.sector}
        return sectors.pop() if len(people) == 1 and len(sectors) == 1 else None

    def _chunk_country(
        self,
        doc: Doc,
        chunk: Span,
        role_start: int,
        by_token: dict[int, _NameSpan],
        published: date | None,
        *,
        written: Mapping[str, set[str]],
    ) -> tuple[str | None, set[int], bool]:
        """A role chunk's country, the tokens that gave it, and whether it came via a person."""
        where = [
            t
            for child in chunk.root.children
            if child.dep_ == "prep" and child.lower_ in {"in", "at"}
            for t in child.subtree
            if t.dep_ != "prep"
        ]
        # "victims of Beijing's regional bullying": the owner of the act the of-phrase of
        # a noun for the harmed names did it; the victims are not of its country
        harmed = self.kb.place_words.get("harmed", frozenset())
        doers = {
            t.i
            for child in chunk.root.children
            if is_harmed(chunk.root, harmed)
            if child.dep_ == "prep" and child.lower_ == "of"
            for noun in child.children
            if noun.dep_ == "pobj" and noun.i not in by_token
            for owner in noun.children
            if owner.dep_ == "poss"
            for t in owner.subtree
        }
        for token in _chunk_owners(chunk, role_start):
            name = by_token.get(token.i)
            if name is None or token.i in doers:
                continue
            if self._written_other(name, written):
                # "Tim Morrison … Morrison's lawyer": the article's own Morrison, whom the
                # knowledge base does not know, not its Scott Morrison (whose the role is,
                # coreference says: _owned_roles)
                continue
            country, via_person = self._country_of(name, published)
            if country:
                return country, {t.i for t in name.span}, via_person
        # "officials in Washington": a group where it sits, but the place stays a place
        # (and "the ambassador in Canberra" is no Australian)
        if chunk.root.tag_ in {"NNS", "NNPS"} or chunk.root.lower_ in COLLECTIVE_HEADS:
            for token in where:
                name = by_token.get(token.i)
                if name is not None and name.kind in {"capital", "GPE", "name"}:
                    country, _ = self._country_of(name, published)
                    if country:
                        return country, set(), False
        return None, set(), False

    def _country_of(self, name: _NameSpan, published: date | None) -> tuple[str | None, bool]:
        key = fold(name.span.text)
        if name.sense is not None:
            return name.sense.country, False
        if name.actor is not None and name.actor.country:
            return name.actor.country, False
        if key in self.kb.adjectives and name.kind in {"adjective", "NORP"}:
            return self.kb.adjectives[key], False
        if key in self.kb.capitals and name.kind in {"capital", "GPE"}:
            return self.kb.capitals[key], False
        for actor in self.kb.lookup(key):
            if actor.kind == "person":
                person = self.kb.people[actor.key.split(":", 1)[1]]
                term = person.term_on(published)
                return (term.country if term else actor.country), True
            if actor.country and len(actor.country) == 3:
                return actor.country, False
        if name.kind in {"ORG", "NORP", "GPE"}:  # "Guyanese Foreign Ministry", "Sri Lankan Navy"
            country = self._country_inside(name.span)
            if country:
                return country, False
        if name.kind == "PERSON" and published is not None:
            heads = [
                p
                for p in self.kb.in_office(name_token=name.span[-1].text, on=published)
                if any(is_head_of_state_or_government(t) and t.covers(published) for t in p.terms)
            ]
            countries = {
                t.country
                for p in heads
                for t in p.terms
                if t.covers(published) and t.country and is_head_of_state_or_government(t)
            }
            if len(countries) > 1:  # "the Kim regime": heads of state before prime ministers
                countries = {
                    t.country
                    for p in heads
                    for t in p.terms
                    if t.covers(published) and t.country and heads_state(t)
                }
            if len(countries) == 1:
                return countries.pop(), True
        if name.kind == "GPE" and self._gazetteer is not None:  # "of Wisconsin", "Ohio officials"
            place = self._gazetteer.resolve(name.span.text)
            if (
                place is not None
                and place.country
                and (place.kind in {"admin1", "region"} or (place.population or 0) >= ABROAD_MIN)
            ):
                return place.country, False
        return None, False

    def _country_inside(self, span: Span) -> str | None:
        """A country named by an adjective or name at the start of a longer name."""
        for size in (3, 2, 1):
            if size > len(span):
                continue
            key = fold(span[:size].text)
            if key in self.kb.adjectives:
                return self.kb.adjectives[key]
            for actor in self.kb.lookup(key):
                if actor.kind == "country":
                    return actor.country
        return None

    # -- pass 3: names -----------------------------------------------------------------
    def _name_mention(
        self,
        name: _NameSpan,
        by_token: dict[int, _NameSpan],
        published: date | None,
        mentioned: set[str],
        *,
        surnames: frozenset[str] = frozenset(),
    ) -> ResolvedMention | None:
        span = name.span
        key = fold(span.text)
        base: dict[str, Any] = {"start": span.start_char, "end": span.end_char, "text": span.text}
        if name.kind != "PERSON" and is_dateline(span):
            return None  # "ATLANTA (AP) —": where the story was filed, not an actor
        if dateline_credit(span):
            return None  # "LONDON (Reuters) —": who filed the story, not an actor in it
        if name.kind in {"PERSON", "ORG"} and self._named_settlement(span):
            return None  # "the town of Avdiivka": a place the tagger took for a person
        if name.sense is not None:
            return self._sensed_mention(name, name.sense, base, published)
        if (
            name.kind == "GPE"
            and len(span) == 1
            and key in surnames
            and not self.kb.lookup(key)
            and (self._no_place(name) or span[0].dep_ in {"nsubj", "nsubjpass"})
        ):
            # "Sarah Palin … Palin posted": the surname tagged a place that the gazetteer
            # does not know or that is the subject of a verb is the person, whom surname
            # coreference joins
            return self._unknown_person(span, by_token, published, base)
        if name.kind == "capital" or (name.kind == "GPE" and key in self.kb.capitals):
            if key not in self.kb.capitals or not self._capital_acts(span):
                return None  # a place, not an actor: the places stage records it
            iso3 = self.kb.capitals[key]
            return ResolvedMention(
                **base,
                actor_key=f"group:{iso3}:GOV",
                name=self._country_group(iso3, "GOV"),
                kind="group",
                country=iso3,
                sector="GOV",
                how=f"capital '{span.text}' used as an actor (not after a locative preposition)",
            )
        if name.actor is not None:  # a short form the article's countries decide
            how = f"short form '{span.text}' in context"
            return self._from_kb(name.actor, base, published, how=how)
        if name.kind == "contextual":
            return None
        if name.kind in {"adjective", "NORP"}:
            adjective_of = self.kb.adjectives.get(key)
            if adjective_of is None:
                return None
            if self._rules_over(span):
                return None  # "the former British colony": the colony, not Britain
            if len(span) == 1 and key in surnames and _stands_as_noun(span[0]):
                # "Mark Cuban … Cuban also complained": the surname of a full name the
                # article writes, not the adjective of Cuba; surname coreference joins it
                return self._unknown_person(span, by_token, published, base)
            return ResolvedMention(
                **base,
                actor_key=f"country:{adjective_of}",
                name=self.kb.countries[adjective_of].name,
                kind="country",
                country=adjective_of,
                sector=None,
                how=f"adjective '{span.text}' → {adjective_of}",
            )
        actors = self.kb.lookup(key)
        if (
            len(span) == 1
            and key in surnames
            and actors
            and not any(actor.kind in {"person", "country"} for actor in actors)
            and name.kind in {"PERSON", "name"}
        ):
            # the surname of a full name the article writes, where the knowledge base
            # knows only an organisation of that word ("Fiona Hill … said Hill", not The
            # Hill): a person, whom surname coreference joins
            return self._unknown_person(span, by_token, published, base)
        if len(actors) == 1:
            actor = actors[0]
            stated = None
            if actor.kind == "person":
                stated = self._stated_role(span, by_token, published)
            how = f"knowledge base name '{span.text}'"
            return self._from_kb(actor, base, published, how=how, stated=stated)
        if name.kind in {"PERSON", "name", "surname"} or (
            len(span) == 1 and (name.kind == "ORG" or self._no_place(name))
        ):
            stated = self._stated_role(span, by_token, published)
            holder, why = person_in_office(
                self.kb,
                span,
                published,
                title=self._title_role(span),
                stated=stated,
                mentioned=mentioned,
            )
            if holder is not None:
                actor = self.kb.actors[f"person:{holder.id}"]
                how = f"name '{span.text}' → {holder.name}, {why}"
                return self._from_kb(actor, base, published, how=how, stated=stated)
        if name.kind == "PERSON":
            return self._unknown_person(span, by_token, published, base)
        if (
            name.kind == "ORG"
            and len(span) == 1
            and key in surnames
            and not actors
            and (
                any(c.dep_ == "amod" and c.lower_ in BIRTH_WORDS for c in span[0].children)
                or self._spoken_for(span[0])
            )
        ):
            # "Julian Assange … Australian-born Assange faces": the surname of a full name
            # the article writes, tagged an organisation no knowledge base knows, with a
            # birth only a person has, or the one a role speaks for ("Maria Delgado … a
            # spokeswoman for Delgado"): the person, whom surname coreference joins (a
            # company named after its founder stays one: "Ford said its sales fell")
            return self._unknown_person(span, by_token, published, base)
        if name.kind == "ORG" and not actors and self._person_in_apposition(span):
            # "Eswar Prasad, a trade professor at Cornell, said": a name the parser tagged
            # an organisation, in apposition with a role only one person holds
            return self._unknown_person(span, by_token, published, base)
        if name.kind == "ORG":
            if self._names_a_title(span):
                return None  # "Defense Secretary Robert Gates": the title's words, no actor
            country = self._country_inside(span)
            found = self._match_role(span.doc, span.end - 1)
            sector = found[0].sector if found is not None else None
            how = "organisation named by the parser, not in the KB"
            if country:
                how += f"; country {country} from its name"
            else:
                stated = self._stated_role(span, by_token, published)
                if stated is not None and stated.country:
                    country = stated.country
                    sector = sector or stated.sector
                    how += f"; country {country} from '{stated.evidence}' beside it"
            if sector:
                how += f"; sector {sector} from '{found[0].pattern}'" if found else ""
            return ResolvedMention(
                **base,
                actor_key=f"org:{fold(span.text)}",
                name=span.text,
                kind="organization",
                country=country,
                sector=sector,
                how=how,
            )
        if len(span) == 1 and key in surnames and self._no_place(name):
            # the surname of a full name the article writes, taken by the parser for a
            # place the gazetteer does not know ("Gordon Sondland … Sondland has said")
            return self._unknown_person(span, by_token, published, base)
        return None

    def _capital_acts(self, span: Span) -> bool:
        """Does this capital stand for its government here, or is it a place?

        A subject or a ``by`` agent acts ("Pyongyang revised", "condemned by
        Beijing"); the object of a locative preposition is a place ("in Seoul"),
        as is a part of the city ("the streets of Tehran", "Moscow's airport") or
        the object of a physical verb ("snow blanketed Berlin"); "from" makes an
        actor only after a word of response or pressure ("a response from
        Islamabad"); a name modifying another noun ("a Beijing press
        conference", "Washington-based") is a place.
        """
        words = self.kb.place_words
        token = span.root
        while token.dep_ == "conj" and token.head != token:
            token = token.head
        dep = token.dep_
        head = token.head
        if dep in {"nsubj", "nsubjpass", "csubj"}:
            return True
        if dep == "poss":
            return head.lemma_.casefold() not in words.get("part", frozenset())
        if dep == "pobj":
            prep = head.lower_
            owner = head.head
            if head.dep_ == "agent" or prep == "by":
                return True
            if prep == "from":
                return owner.lemma_.casefold() in words.get("relation", frozenset())
            if prep == "of":
                return owner.lemma_.casefold() not in words.get("part", frozenset())
            if prep in DIRECTION_PREPS:  # "flew to Seoul" vs "appealed to Seoul"
                return owner.lemma_.casefold() not in words.get("physical", frozenset())
            return prep not in LOCATIVE_PREPS
        if dep in {"dobj", "obj"}:
            return head.lemma_.casefold() not in words.get("physical", frozenset())
        return dep not in {"compound", "amod", "nmod", "npadvmod", "nummod"}

    def _country_group(self, iso3: str, sector: str) -> str:
        entry = self.kb.countries.get(iso3)
        return f"{entry.name if entry else iso3} ({self.kb.sectors.get(sector, sector)})"

    def _from_kb(
        self,
        actor: KbActor,
        base: dict[str, Any],
        published: date | None,
        *,
        how: str,
        stated: Stated | None = None,
    ) -> ResolvedMention:
        if actor.kind == "person":
            return person_from_kb(self.kb, actor, base, published, how=how, stated=stated)
        kind: MentionKind = "country" if actor.kind == "country" else "organization"
        sector = actor.sector_on(published)
        return ResolvedMention(
            **base,
            actor_key=actor.key,
            name=actor.name,
            kind=kind,
            country=actor.country,
            sector=sector,
            how=how if actor.since is None else f"{how}; {sector} on {published}",
            igo_code=actor.code if actor.kind == "igo" else None,
        )

    def _title_role(self, span: Span) -> Role | None:
        doc = span.doc
        index = span.start - 1
        while (
            index >= 0
            and doc[index].dep_ in {"compound", "amod", "punct"}
            and (doc[index].head.i in range(span.start, span.end) or doc[index].head.i == index + 1)
        ):
            found = self._match_role(doc, index)
            if found is not None:
                return found[0]
            index -= 1
        return None

    def _stated_role(
        self, span: Span, by_token: dict[int, _NameSpan], published: date | None
    ) -> Stated | None:
        """The role the sentence gives the name at ``span``, with its country or organisation.

        Read from the words before the name in its own phrase ("Poland's newly
        appointed Prime Minister", "Israeli Defense Minister", "Hamas spokesman"), an
        apposition on either side ("X, a spokesman for Hamas", "Poland's prime
        minister, X") and an ``of``/``from`` phrase on the name ("Sen. Johnson of
        Wisconsin").  The country comes from an adjective, a possessive, a country or
        place name; an organisation gives its own country and sector (a spokesman of the
        Pentagon is USAMIL), except that a party leaves an office its sector
        ("Republican Sen. X" is LEG).
        """
        doc = span.doc
        role = self._title_role(span)
        evidence = [t for t in span.root.subtree if span.start - 8 <= t.i < span.start]
        former = any(FORMER_WORD.match(t.text) for t in evidence)
        for head in _appositions(span):
            found = self._match_role(doc, head.i)
            if found is not None and role is None:
                role = found[0]
            # the role's own phrase: its modifiers and an of/for/from phrase, not a
            # relative clause ("who negotiated the deal with Iran")
            topic = head.lemma_.casefold() in self.kb.place_words.get("topic", frozenset())
            for child in head.children:
                if topic and child.dep_ == "compound":
                    continue  # "a Ukraine specialist": the subject matter, not the country
                if child.i < head.i or (child.dep_ == "prep" and child.lower_ in _ROLE_PREPS):
                    evidence.extend(t for t in child.subtree if not span.start <= t.i < span.end)
        for child in span.root.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                evidence.extend(t for t in child.subtree if t.dep_ != "prep")
        if _envoy(role):
            # "China's ambassador to Britain Liu Xiaming" (the parser hangs "Britain" on
            # the name): the country an envoy is sent to is not the envoy's
            evidence = [t for t in evidence if not _after_to(t)]
        seen: set[int] = set()
        head_sector: str | None = None  # "" once an office names an unknown body's head
        for token in evidence:
            name = by_token.get(token.i)
            if name is None or name.span == span or name.span.start in seen:
                continue
            seen.add(name.span.start)
            org = self._organisation(name)
            if org is not None and org.kind == "igo" and _envoy(role):
                # "U.N. Ambassador John Bolton", "Iran's envoy to the IAEA": a country's
                # envoy to the organisation, not its staff; the country, if any, comes
                # from the other words
                continue
            if org is not None:
                sector = org.sector_on(published)
                if role is not None and (
                    (role.office and (org.kind == "igo" or sector in STATE_OR_PARTY))
                    or (org.sector == "PTY" and role.sector in OFFICE_SECTORS)
                ):
                    sector = role.sector
                igo = org.code if org.kind == "igo" else None
                return Stated(role, org.country, sector, igo, name.span.text, former)
            if role is not None and role.office and name.kind == "ORG" and head_sector is None:
                # "president of the Acme Corporation", "vice president of the Trade
                # Partnership": the head of an organisation the knowledge base does not
                # know, not the holder of the national office; its sector is what its
                # name says (BUS for a corporation), else unknown
                found = self._match_role(doc, name.span.end - 1)
                head_sector = found[0].sector if found is not None else ""
            country, _ = self._country_of(name, published)
            if country:
                sector = role.sector if role is not None else None
                if head_sector is not None:
                    sector = head_sector or None
                return Stated(role, country, sector, None, name.span.text, former)
        if role is not None:
            sector = role.sector if head_sector is None else (head_sector or None)
            return Stated(role, None, sector, None, role.pattern, former)
        return None

    def _no_place(self, name: _NameSpan) -> bool:
        """A one-word GPE the gazetteer does not know: the parser's guess, maybe a surname
        ("Kasich said")."""
        return (
            name.kind == "GPE"
            and self._gazetteer is not None
            and not self._gazetteer.lookup(name.span.text)
        )

    def _subnational(self, name: _NameSpan) -> bool:
        """A name standing for a part of a country (a US state), not the country itself."""
        if name.sense is not None:
            return not name.sense.place_id.startswith("country:")
        if name.kind != "GPE":
            return False
        key = fold(name.span.text)
        return key not in self.kb.capitals and not any(
            actor.kind == "country" for actor in self.kb.lookup(key)
        )

    def _organisation(self, name: _NameSpan) -> KbActor | None:
        """The known organisation (institution or IGO) a name span names, if any."""
        if name.actor is not None:  # "Republican" in a US article: the party
            return name.actor if name.actor.kind in {"institution", "igo"} else None
        if name.kind not in {"name", "ORG"}:
            return None
        found = [a for a in self.kb.lookup(name.span.text) if a.kind in {"institution", "igo"}]
        return found[0] if len(found) == 1 else None

    def _sensed_mention(
        self, name: _NameSpan, sense: Sense, base: dict[str, Any], published: date | None
    ) -> ResolvedMention | None:
        """A shared place name whose sense the article's cue words decided ("Georgia")."""
        span = name.span
        how = f"'{span.text}' read as {sense.place_id} from the article's cue words"
        actor = self.kb.actors.get(sense.place_id)
        if actor is not None:
            return self._from_kb(actor, base, published, how=how)
        if not self._capital_acts(span):
            return None  # "in Georgia": a place, left to the places stage
        return ResolvedMention(
            **base,
            actor_key=sense.place_id,
            name=f"{span.text} ({self._country_group(sense.country, 'GOV')}, state)",
            kind="group",
            country=sense.country,
            sector="GOV",
            how=how + "; the state acts: its government",
        )

    def _unknown_person(
        self,
        span: Span,
        by_token: dict[int, _NameSpan],
        published: date | None,
        base: dict[str, Any],
    ) -> ResolvedMention:
        stated = self._stated_role(span, by_token, published)
        role = stated.role if stated is not None else None
        country = stated.country if stated is not None else None
        sector = stated.sector if stated is not None else None
        how = "person named by the parser, not in the KB"
        if role:
            how += f"; title '{role.pattern}' → {role.sector}"
        if stated is not None and stated.former and sector in OFFICIAL_SECTORS:
            sector = "ELI"  # "former Ohio Gov. Ted Strickland": one of the elites now
            how += "; former: ELI"
        if stated is not None and (country or stated.igo):
            how += f"; {stated.igo or country} {sector or ''} from '{stated.evidence}'".rstrip()
        elif role and sector != role.sector:
            how += f"; sector {sector or 'unknown'}: the head of an organisation, not the office"
        return ResolvedMention(
            **base,
            actor_key=f"person:{fold(span.text).replace(' ', '-')}",
            name=span.text,
            kind="person",
            country=country,
            sector=sector,
            office=role.office if role else None,
            how=how,
            igo_code=stated.igo if stated is not None else None,
        )


BIRTH_WORDS = frozenset({"born", "bred"})  # "Australian-born Assange": a person's origin
STATE_OR_PARTY = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "PTY"})  # offices' bodies
ARMED_GROUPS = frozenset({"REB", "INS", "SEP", "UAF"})  # non-state armed sectors
BARE_GROUP = "group:?:"  # a bare role group waiting for its country (_bare_countries)
UNPLACED_GROUP = "group:-:"  # a bare role group whose country the text never gives
MAIN_COUNTRY = "the article's main country"  # a country given for want of any nearer
VIA_PERSON = (
    "the person in office"  # a role's country read off a person ("the Obama administration")
)


def _speaking_names(doc: Doc, mentions: list[ResolvedMention], speech: frozenset[str]) -> set[str]:
    """The one-word organisations the parser named (``org:``) that are the subject of a
    verb of speaking ("Volker said", "Neumann told") or that a personal pronoun follows
    in their sentence ("Neumann had borrowed against his shares"), folded, less any
    followed in a sentence by "its" ("Ford said its sales fell"): a person's surname
    the parser took for an organisation, as far as the text shows."""
    found: set[str] = set()
    company: set[str] = set()
    for mention in mentions:
        if not mention.actor_key.startswith("org:") or len(mention.text.split()) != 1:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        word = fold(mention.text)
        if any(t.lower_ == "its" for t in token.sent if t.i > token.i):
            company.add(word)  # "Ford said its sales fell": a company after all
        elif token.dep_ in SUBJECTS and (
            token.head.lemma_.casefold() in speech
            or any(t.lower_ in PERSONAL_PRONOUNS for t in token.sent if t.i > token.i)
        ):
            found.add(word)
    return found - company


def _speaking_people(
    mentions: list[ResolvedMention], speakers: set[str], kb: KnowledgeBase
) -> list[ResolvedMention]:
    """A full name the parser took for an organisation whose last word speaks as a person
    does (:func:`_speaking_names`: "Claure said in the email", never "its") is a person,
    and so is that surname alone, so that "he" and "she" can join them ("… said The We
    Company's executive chair Marcelo Claure … Claure said in the email. He said WeWork
    needs …").  A name with a place or actor the knowledge base knows before its last
    word is no one's full name ("Ukraine Kurt Volker": "envoy to Ukraine Kurt Volker")."""

    def full_name(words: list[str]) -> bool:
        return (
            len(words) in {2, 3}
            and all(word[:1].isupper() and word.isalpha() for word in words)
            and fold(words[-1]) in speakers
            and not any(kb.lookup(fold(word)) or fold(word) in kb.adjectives for word in words[:-1])
        )

    def an_org(mention: ResolvedMention) -> bool:
        return mention.actor_key.startswith("org:") and mention.kind == "organization"

    surnames = {
        fold(m.text.split()[-1]) for m in mentions if an_org(m) and full_name(m.text.split())
    }
    out: list[ResolvedMention] = []
    for mention in mentions:
        words = mention.text.split()
        if an_org(mention) and (
            full_name(words) or (len(words) == 1 and fold(words[0]) in surnames)
        ):
            mention = replace(
                mention,
                actor_key=f"person:{fold(mention.text).replace(' ', '-')}",
                kind="person",
                how=f"{mention.how}; a person: '{words[-1]}' speaks as a person does",
            )
        out.append(mention)
    return out


# the words of an unnamed source: "people familiar with the talks", "two people briefed on
# the call", "sources close to the minister" are no group of civilians
ANONYMOUS_SOURCE = frozenset({"familiar", "brief", "briefed", "close", "knowledgeable", "aware"})
# "Several officials", "Some lawmakers": counts before a bare group, which leave it the scene's
GROUP_COUNTS = frozenset({"some", "several", "many", "most", "few", "all", "both"})
# "the city's police", "the country's military": a group owned by the place the article is
# set in, whose country the bare-group rules give
LOCAL_OWNERS = frozenset(
    {"city", "country", "nation", "state", "province", "region", "capital", "territory"}
)


def _holder_fields(holder: Person, role: Role, country: str, day: date) -> dict[str, Any]:
    """The mention fields of the person holding ``role``'s office in ``country`` on ``day``."""
    term = holder.term_on(day)
    return {
        "actor_key": f"person:{holder.id}",
        "name": holder.name,
        "kind": "person",
        "country": term.country if term else country,
        "sector": term.sector if term else role.sector,
        "office": term.office if term else role.office,
        "inferred": True,
    }


#: Prepositions after a role that name whom it speaks or works for ("a spokeswoman for
#: Delgado", "an aide to Delgado")
SPOKEN_FOR_PREPS = frozenset({"for", "to"})


def _spoken_for_objects(token: Token, *, to: bool) -> list[Token]:
    """The objects of ``token``'s "for" phrases (and, with ``to``, its "to" phrases): whom
    a role speaks or works for."""
    preps = SPOKEN_FOR_PREPS if to else SPOKEN_FOR_PREPS - {"to"}
    return [
        o
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in preps
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _spoken_for_no_one(mention: ResolvedMention) -> bool:
    """A "spokeswoman for" someone the article never resolved (a definite group of no
    sector, :meth:`Resolver._speaks_for_unknown`): no actor at all."""
    return (
        mention.actor_key.startswith("definite:")
        and mention.kind == "group"
        and mention.sector is None
    )


def _possessive_owners(doc: Doc, mentions: list[ResolvedMention]) -> dict[int, ResolvedMention]:
    """Token index → the actor with a country that owns a role: each possessive pronoun
    ("his", "their") coreference resolved, each person named as an owner ("Tim Morrison
    … Morrison's lawyer"), and each person or organisation a role speaks for ("a
    spokeswoman for Neumann")."""
    owners: dict[int, ResolvedMention] = {}
    for mention in mentions:
        if not mention.country:
            continue
        span = doc.char_span(mention.start, mention.end)
        if span is None:
            continue
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ in SPOKEN_FOR_PREPS:
            # "a spokeswoman for Neumann": the one spoken for
            if mention.kind in {"person", "organization"}:
                owners[root.i] = mention
            continue
        if span[-1].dep_ != "poss":
            continue
        if (len(span) == 1 and mention.text.casefold() in POSSESSIVE_PRONOUNS) or (
            mention.kind == "person"
        ):
            owners[span[-1].i] = mention
    return owners


def _of_an_event(preposition: Token, role: Role) -> bool:
    """Civilians "of" something no name gives a country, which names no owner of them:
    "survivors of the nightclub massacre", "victims of the attack" (the scene's)."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return (
        role.sector == "CVL"
        and preposition.lower_ == "of"
        and bool(objects)
        and all(
            o.pos_ == "NOUN" and not any(t.ent_type_ in OWNING_ENTITIES for t in o.subtree)
            for o in objects
        )
    )


#: Entity types that can own a group ("residents of Gaza", "victims of ISIS")
OWNING_ENTITIES = frozenset({"GPE", "LOC", "NORP", "ORG", "PERSON", "FAC"})


# "his country", "their government": a possessive pronoun's country, or its government
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
POSSESSED_NOUNS = {"country": "", "nation": "", "government": "GOV", "administration": "GOV"}

# pronouns that only a person takes ("Neumann had borrowed against his shares")
PERSONAL_PRONOUNS = frozenset({"he", "his", "him", "himself", "she", "her", "hers", "herself"})


def _leads_a_named_country(mentions: list[ResolvedMention]) -> Callable[[ResolvedMention], bool]:
    """Which surname mentions keep the sitting head of state or government they resolved
    to although the article writes another full name with that surname: those whose
    country some other actor of the article has ("Michelle Obama … Mr. Obama" in a US
    story keeps the president), not a leader the story otherwise never touches ("Tim
    Morrison … Morrison testified" in a story with nothing Australian is Tim Morrison)."""
    countries: dict[str, set[str]] = {}
    for m in mentions:
        # not a group whose country came from a person ("Morrison's lawyer") nor one
        # given the main country: the person would vouch for himself
        if m.country and len(m.country) == 3 and not (VIA_PERSON in m.how or MAIN_COUNTRY in m.how):
            countries.setdefault(m.country, set()).add(m.actor_key)

    def keep(mention: ResolvedMention) -> bool:
        others = countries.get(mention.country or "", set()) - {mention.actor_key}
        return leads_on_date(mention) and bool(others)

    return keep


def _scene_country(
    doc: Doc,
    mentions: list[ResolvedMention],
    floor: int,
    here: int,
    starts: list[int],
    locate: Callable[[str], str | None] | None = None,
) -> tuple[str | None, str]:
    """The one country that this sentence or the two before place their story in ("police
    said the demonstrators … in Hong Kong had no option", "battles raged in central
    Baghdad between insurgents and security forces"): a country after "in", or a place
    after "in" whose country ``locate`` gives, and no other country so placed."""
    end = starts[here + 1] if here + 1 < len(starts) else doc[-1].idx + len(doc[-1])
    placed: set[str] = set()
    for m in mentions:
        if not (floor <= m.start < end and m.kind == "country" and m.country):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if len(m.country) == 3 and span is not None and _after_in(span):
            placed.add(m.country)
    if locate is not None:
        for ent in doc.ents:
            if ent.label_ == "GPE" and floor <= ent.start_char < end and _after_in(ent):
                country = locate(ent.text)
                if country is not None:
                    placed.add(country)
    if len(placed) != 1:
        return None, ""
    return placed.pop(), "the one country its sentence or the two before are set in"


#: role words for a country's envoy to an organisation, not the organisation's own staff
ENVOY_WORDS = frozenset({"ambassador", "envoy", "representative", "delegate", "emissary"})


#: Words that, after a name and a hyphen, make the name a time or a manner ("Bush-era")
PERIOD_WORDS = frozenset({"era", "style", "vintage"})


def _appositions(span: Span) -> list[Token]:
    """The heads of the phrases in apposition with the name at ``span``: after it ("X, a
    trade professor at Cornell") or before it ("Poland's prime minister, Donald Tusk")."""
    heads = [child for child in span.root.children if child.dep_ == "appos"]
    if span.root.dep_ == "appos" and span.root.head.i < span.start:
        heads.append(span.root.head)
    return heads


def _names_a_period(span: Span) -> bool:
    """Is ``span`` the first part of a hyphenated modifier that names a time or manner
    after it ("a Bush-era official", "Soviet-era tanks", "Trump-style rallies")?  The
    name is no actor there."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and not doc[span.end - 1].whitespace_
        and doc[span.end + 1].lower_ in PERIOD_WORDS
    )


def _dated(span: Span) -> bool:
    """Does the entity tagger read every word of ``span`` as a date or time ("in May",
    "since August")?  A month is no person of that name."""
    return all(token.ent_type_ in {"DATE", "TIME"} for token in span)


def _chunk_owners(chunk: Span, role_start: int) -> list[Token]:
    """The words of a role chunk that may say whose the role is: those before the role
    word, a possessor, and an of/from/for phrase ("foreign minister of Japan",
    "Committee of the KWP", "a spokesman for Hamas")."""
    owners = [t for t in chunk if t.i < role_start or t.dep_ == "poss"]
    for child in chunk.root.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "from", "for"}:
            owners.extend(t for t in child.subtree if t.dep_ != "prep")
    return owners


def _definite(
    doc: Doc, first: int, role_end: int, role: Role, kind: MentionKind, named_from: int, how: str
) -> ResolvedMention:
    """A role whose owner coreference decides later ("the company", "His aides"): the
    mention runs from the role's first word, its name from ``named_from``."""
    end = doc[role_end].idx + len(doc[role_end].text)
    text = doc_text(doc)
    return ResolvedMention(
        start=doc[first].idx,
        end=end,
        text=text[doc[first].idx : end],
        actor_key=f"definite:{role.pattern}",
        name=text[doc[named_from].idx : end],
        kind=kind,
        country=None,
        sector=role.sector,
        how=how,
    )


def _closes_quotation(token: Token) -> bool:
    """A closing quotation mark ("”", "’", or a straight one after the words it closes)."""
    if token.text in {"”", "’", "''"}:
        return True
    return (
        token.text in {'"', "'"}
        and token.i > 0
        and not token.doc[token.i - 1].is_space
        and (token.whitespace_ != "" or token.i + 1 == len(token.doc))
    )


def _envoy(role: Role | None) -> bool:
    return role is not None and role.pattern.split()[-1].casefold() in ENVOY_WORDS


def _after_to(token: Token) -> bool:
    """Does ``token`` open (after "the") the phrase of a "to" ("ambassador to the US")?"""
    at = token.i - 1
    while at >= 0 and token.doc[at].lower_ == "the":
        at -= 1
    return at >= 0 and token.doc[at].lower_ == "to"


def _stands_as_noun(token: Token) -> bool:
    """A capitalised word in a noun's place, the subject or object of a verb ("Cuban
    demurred"), not a modifier ("Cuban officials"), a plural ("Cubans") or a noun with an
    article ("a Cuban said")."""
    return (
        token.is_title
        and token.tag_ in {"NNP", "NN"}
        and token.dep_ in NAME_DEPS - {"conj", "appos", "poss"}
        and token.head.pos_ in {"VERB", "AUX", "ADP"}
        and not any(child.dep_ == "det" for child in token.children)  # "a Cuban said"
    )


#: "former", "ex-" before a title: the role is no longer held
FORMER_WORD = re.compile(r"(?i)^(?:former|ex-?)$")


def _after_in(span: Span) -> bool:
    """``span`` is the object of a locative "in" ("in Hong Kong", "in central Baghdad")."""
    start = span.start
    for _ in range(2):  # "the", "central", "the northern"
        if start > 0 and span.doc[start - 1].pos_ in {"DET", "ADJ"}:
            start -= 1
    return start > 0 and span.doc[start - 1].lower_ == "in"


def _repeated_names(doc: Doc, mentions: list[ResolvedMention]) -> list[ResolvedMention]:
    """The one-word name of an organisation the article names, written again where the
    parser tagged nothing ("Wikileaks welcomed the Swedish move" after "Wikileaks
    co-founder Julian Assange"): the same proper noun, word for word, is that
    organisation again.  So is the surname of a person whose full name the article
    writes ("Adam Schiff … just as Schiff is addressing the committee", where the
    tagger took "Schiff" for a location or nothing), where no other person of the
    article has that surname."""
    names: dict[str, ResolvedMention] = {}
    for mention in mentions:
        if (
            mention.kind == "organization"
            and " " not in mention.text
            and mention.text[:1].isupper()
        ):
            names.setdefault(mention.text, mention)
    surnames: dict[str, list[ResolvedMention]] = {}
    for mention in mentions:
        words = mention.text.split()
        if (
            mention.kind == "person"
            and len(words) > 1
            and not mention.inferred
            and not mention.actor_key.startswith(("definite:", "role:"))
            and words[-1][:1].isupper()
            and not words[-1].endswith(".")  # "Jr.", "Sr."
            and words[-1] not in names
        ):
            same = surnames.setdefault(words[-1], [])
            if all(m.actor_key != mention.actor_key for m in same):
                same.append(mention)
    names.update({word: same[0] for word, same in surnames.items() if len(same) == 1})
    if not names:
        return []
    taken = [(m.start, m.end) for m in mentions]
    taken.sort()
    starts = [a for a, _ in taken]
    out: list[ResolvedMention] = []
    for token in doc:
        found = names.get(token.text)
        if (
            found is None
            or token.pos_ not in {"PROPN", "NOUN"}  # "Wikileaks welcomed": tagged NOUN
            or token.ent_type_ not in {"", "ORG", "LOC"}
            or (found.kind == "person" and (token.pos_ != "PROPN" or token.ent_type_ == "ORG"))
            or (found.kind != "person" and token.ent_type_ == "LOC")
        ):
            continue
        at = bisect_right(starts, token.idx) - 1
        if at >= 0 and taken[at][1] > token.idx:
            continue  # inside another mention
        if dateline_credit(doc[token.i : token.i + 1]) or is_dateline(doc[token.i : token.i + 1]):
            continue  # the "AP" of "LONDON (AP) —" is who filed it, whatever "AP" says later
        out.append(
            replace(
                found,
                start=token.idx,
                end=token.idx + len(token.text),
                text=token.text,
                how=f"'{token.text}' again: {found.name}, named before",
            )
        )
    return out


def _nearest_of_sector(
    mentions: list[ResolvedMention], group: ResolvedMention
) -> tuple[str | None, str]:
    """The country of the article's same-sector actor nearest ``group``, before or after
    it, when only one country's actors have that sector ("Police said …" opening a story
    whose "Hong Kong police" come later and whose mentions no one country holds)."""
    found = [
        m
        for m in mentions
        if m.sector == group.sector
        and m.country
        and len(m.country) == 3
        and not m.actor_key.startswith(BARE_GROUP)
    ]
    if len({m.country for m in found}) != 1:
        return None, ""
    nearest = min(found, key=lambda m: abs(m.start - group.start))
    return nearest.country, f"the article's only {group.sector} actors, '{nearest.text}'"


# An article's main country: at least this many mentions, and this share of those with one
MAIN_COUNTRY_MENTIONS = 3
MAIN_COUNTRY_SHARE = 0.6


def _main_country(mentions: list[ResolvedMention]) -> str | None:
    """The country that holds most of an article's mentions, if one does."""
    counts = Counter(m.country for m in mentions if m.country and len(m.country) == 3)
    total = sum(counts.values())
    if not counts:
        return None
    main, top = counts.most_common(1)[0]
    if top < MAIN_COUNTRY_MENTIONS or top < MAIN_COUNTRY_SHARE * total:
        return None
    return main


def _in_main_country(mentions: list[ResolvedMention], main: str | None) -> list[ResolvedMention]:
    """Unknown people and organisations that nothing nearer places take the article's main
    country (``main``, :func:`_main_country`), when one country holds most of its mentions
    ("Webb confessed" in a US story): country only, the sector stays what the sentence said."""
    if main is None:
        return mentions
    return [
        replace(m, country=main, how=f"{m.how}; country {main}: {MAIN_COUNTRY}")
        if m.country is None
        and m.igo_code is None
        and m.sector not in {"IGO", "NGO"}  # a known IGO official has no country of his own
        and m.actor_key.startswith(("person:", "org:"))
        and m.kind in {"person", "organization"}
        else m
        for m in mentions
    ]


_DATELINE_MARKS = frozenset({"(", "—", "–", "-", "--"})
DATELINE_WITHIN = 600  # a dateline opens one of the lines in the text's first characters
# "NEW DELHI: …": a place in capitals and a colon opening a line
CAPS_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){0,3}):[ \t]", re.MULTILINE
)
# a dateline line: "PLACE[, State] [(Agency)] —" (dash, en dash, or a spaced hyphen)
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z.'’]*(?: [A-Z][A-Za-z.'’]*){0,3})"
    r"(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?"
    r"(?: \([A-Za-z. ]{1,30}\))?"
    r" ?(?:—|–|--| - )",
    re.MULTILINE,
)


# parts of speech a surname the parser did not tag as a name may carry: a proper noun, or
# a verb or noun by its other sense in a noun's place ("Trump and his attorneys have
# denied …": "Trump" tagged VERB as the subject)
NAME_POS = ("PROPN", "VERB", "NOUN")
NAME_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "poss", "dative"})


def _modifies_noun(token: Token) -> bool:
    """A word modifying a noun ("Trump University", "the Trump campaign"); a "compound"
    on a verb is the parser's slip on a subject ("“Go back,” Trump barked")."""
    if token.dep_ in {"amod", "nmod"}:
        return True
    return token.dep_ == "compound" and token.head.pos_ not in {"VERB", "AUX"}


def _name_like(token: Token) -> bool:
    """A capitalised word that is a proper noun, or another word standing where a noun
    phrase goes (the parser's slip on a surname that is also a word)."""
    if not token.is_title:
        return False
    return token.pos_ == "PROPN" or (token.pos_ in NAME_POS and token.dep_ in NAME_DEPS)


def dateline_credit(span: Span) -> bool:
    """Is ``span`` the agency in a dateline's parentheses ("LONDON (Reuters) —", "HANOI,
    Vietnam (AP) —")?  It filed the story; the sentence after the dash is someone else's
    (the parser may make it the subject: "British Prime Minister Boris Johnson on Tuesday
    criticized …" had been Reuters criticising)."""
    doc = span.doc
    if span.start < 2 or span.end + 1 >= len(doc):
        return False
    if doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    if doc[span.end + 1].text not in _DATELINE_MARKS - {"("}:
        return False
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, doc[span.start - 1].idx) + 1
    line = text[line_start : doc[span.end + 1].idx + len(doc[span.end + 1].text)]
    found = DATELINE.match(line)
    return found is not None and found.end() == len(line)


def is_dateline(span: Span) -> bool:
    """The place of a news-agency dateline at the start of the text or of one of its
    first lines, after the headline ("ATLANTA (AP) —", "TBILISI, Georgia (Reuters) —",
    "Indianapolis –")."""
    doc = span.doc
    begin = span.start
    # "HANOI, Vietnam (AP) —" where only the country is a name: the city before it
    if begin >= 2 and doc[begin - 1].text == "," and doc[begin - 2].is_upper:
        city = begin - 2
        while city > 0 and doc[city - 1].is_upper and doc[city - 1].is_alpha:
            city -= 1
        if city == 0 or doc[city - 1].is_space or doc[city - 1].is_punct:
            begin = city
    at_start = all(t.is_space or t.is_punct for t in doc[:begin])
    # a line's start: the token before is the line break (spaCy keeps it as a space token)
    after_break = (
        begin > 0
        and doc[begin].idx < DATELINE_WITHIN
        and doc[begin - 1].is_space
        and doc[begin - 1].text.rstrip(" \t").endswith("\n")
    )
    if not at_start and not after_break:
        return False
    if not (span.text.isupper() or span.text.istitle()):
        return False
    index = span.end
    if begin == span.start and index < len(doc) and doc[index].text == ",":
        # "TBILISI, Georgia", "RENO, Nev."
        index += 1
        while (
            index < len(doc)
            and index < span.end + 5
            and (doc[index].is_title or doc[index].is_upper or doc[index].text == ".")
        ):
            index += 1
    if index >= len(doc):
        return False
    mark = doc[index]
    spaced = doc[index - 1].whitespace_ != ""  # " - ", not "five-point"
    if mark.text == ":" and span.text.isupper() and index == span.end:
        return True  # "NEW DELHI: …", the dateline of much of the South Asian press
    return mark.text in _DATELINE_MARKS and (mark.text != "-" or spaced)


VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
DESCRIPTION_TAGS = frozenset({"NN", "NNS", "JJ", "JJR", "JJS", "VBG", "VBN"})  # "Billionaire"


def _person_words(ent: Span) -> Span | None:
    """A PERSON entity without the verbs a title-case headline runs into it: leading
    ones dropped ("Telling Jeb Bush", "Follow Jeff Horwitz"), and the name cut before
    the first one inside ("Trump May be Aligning With Rubio" → "Trump May")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and doc[start].tag_ in VERB_TAGS:
        start += 1
    for i in range(start + 1, end):
        if doc[i].tag_ in VERB_TAGS:
            end = i
            break
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end] if end > start else None


def _trim(ent: Span) -> Span | None:
    """An entity without a leading determiner or a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and doc[end - 1].text in {"'s", "'", "’s", "’"}:
        end -= 1
    return doc[start:end] if end > start else None
