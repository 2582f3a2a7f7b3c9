"""Which known person a name is, and what that person was on the article date.

* :func:`person_in_office` — a surname (or partial name) to the one known person
  it can be: in office on the date, under a title that agrees with the office,
  never under another first name; a former office holder only when the sentence
  names the office or the person led a country the article names;
* :func:`person_from_kb` — a known person coded by the date: the office held,
  ``ELI`` after the last one, the country only before the first, and the role
  the sentence states (:class:`Stated`) outranking the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from eventwatch.actors.kb import CAMPAIGN_SECTORS, KbActor, KnowledgeBase, Person, Role, Term, fold
from eventwatch.actors.mentions import ResolvedMention

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = [
    "HEAD_OFFICE_WORDS",
    "OFFICE_SECTORS",
    "OFFICIAL_SECTORS",
    "Stated",
    "heads_state",
    "is_head_of_state_or_government",
    "leads_on_date",
    "office_note",
    "person_from_kb",
    "person_in_office",
]

HEAD_OFFICE_WORDS = (
    "president",
    "prime minister",
    "chancellor",
    "premier",
    "leader",
    "king",
    "emperor",
    "chairman",
    "general secretary",
    "first secretary",
)


@dataclass(frozen=True, slots=True)
class Stated:
    """The role a sentence gives a person: "Poland's Prime Minister X", "X, a Hamas spokesman"."""

    role: Role | None
    country: str | None
    sector: str | None
    igo: str | None
    evidence: str  # what gave the country: "Poland", "Hamas"
    former: bool = False  # "Former Alaska Gov. Sarah Palin": a role no longer held


# roles whose own sector a party modifier does not replace ("Republican Sen. X" is LEG)
OFFICE_SECTORS = frozenset({"LEG", "GOV", "JUD"})
# sectors of public office: a "former" holder of one is ELI, CAMEO's elites
OFFICIAL_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})


def heads_state(term: Term) -> bool:
    office = term.office.casefold()
    return is_head_of_state_or_government(term) and not any(
        word in office for word in ("prime minister", "premier", "chancellor")
    )


def is_head_of_state_or_government(term: Term) -> bool:
    office = term.office.casefold()
    if office.startswith(("vice", "deputy", "former")):
        return False
    return any(word in office for word in HEAD_OFFICE_WORDS)


def person_in_office(
    kb: KnowledgeBase,
    span: Span,
    published: date | None,
    *,
    title: Role | None,
    stated: Stated | None = None,
    mentioned: set[str] | frozenset[str] = frozenset(),
) -> tuple[Person | None, str]:
    """The one known person whose name holds every word of ``span`` and who was in
    office on the article date ("Kerry" in 2013; "President Kim" picks the head of
    state among the Kims by the title), with a note saying why.

    A title naming an elected office ("Sen.", "Rep.", "Gov.") keeps only the
    people who held one of its offices on the date (``holds`` in ``roles.tsv``):
    "Sen. Johnson" is no Representative Johnson.  A first name that differs never
    matches ("Tricia Miller" is not Christopher Miller).  With nobody of the name in
    office, a former office holder is taken only when the sentence names one of the
    person's offices ("Mukasey, the former attorney general") or the person was a head
    of state or government of a country the article names ("Trump" in 2022), and is
    coded by what that person was on the date.
    """
    if published is None:
        return None, ""
    words = [fold(t.text) for t in span if t.is_alpha]
    if not words:
        return None, ""

    def named(person: Person) -> bool:
        # the name or one of its written forms ("Zelensky" of Volodymyr Zelenskyy)
        return any(
            set(words) <= {fold(w) for w in form.replace("-", " ").split()}
            for form in (person.name, *person.aliases)
        )

    def agrees(person: Person) -> bool:
        return title is None or any(t.covers(published) and title.agrees(t) for t in person.terms)

    candidates = [
        person
        for person in kb.in_office(name_token=span[-1].text, on=published)
        if named(person) and agrees(person)
    ]
    if len(candidates) > 1 and title is not None and title.office:
        office = title.office.casefold()
        candidates = [
            person
            for person in candidates
            if any(t.covers(published) and t.office.casefold() == office for t in person.terms)
        ]
    if len(candidates) == 1:
        term = candidates[0].term_on(published)
        if term is not None and term.sector in CAMPAIGN_SECTORS:  # a candidate, not in office
            return candidates[0], f"{term.office} on {published}"
        return candidates[0], f"in office on {published}"
    if candidates or not span[-1].text[:1].isupper() or (title is not None and title.holds):
        return None, ""
    # nobody of that name in office on the date: a former (or future) office holder
    # whose office the sentence names, or a head of state or government of a country
    # the article names ("Trump" in 2022), coded by what he was on the date
    role = stated.role if stated is not None else None

    def known_for(person: Person) -> bool:
        for term in person.terms:
            if term.sector in CAMPAIGN_SECTORS:
                continue
            if role is not None and role.pattern.replace(" - ", "-") in term.office.casefold():
                return True
            if is_head_of_state_or_government(term) and term.country in mentioned:
                return True
        return False

    former = [
        person
        for person in kb.in_office(name_token=span[-1].text, on=None)
        if named(person) and known_for(person)
    ]
    if len(former) == 1:
        return former[0], "known by the office the text gives or the country it names"
    return None, ""


def person_from_kb(
    kb: KnowledgeBase,
    actor: KbActor,
    base: dict[str, Any],
    published: date | None,
    *,
    how: str,
    stated: Stated | None,
) -> ResolvedMention:
    """A known person, coded by what the person was on the article date.

    In office: that office's country and sector.  Not yet in office: the country
    only.  After the last office: a former office holder, ``ELI`` (CAMEO's code
    for people outside government).  A role the sentence states with a country
    or an organisation ("Poland's newly appointed Prime Minister Donald Tusk",
    "Hamas spokesman X") outranks the knowledge base unless the office held on
    the date already agrees with its country.
    """
    person = kb.people[actor.key.split(":", 1)[1]]
    term = person.term_on(published)
    when = f" on {published}" if published else " (latest office: no article date)"
    before = term is not None and published is not None and published < term.start
    after = term is not None and published is not None and not before and not term.covers(published)
    country = term.country if term else actor.country
    sector = None if before else (term.sector if term else actor.sector)
    office = None if before else (term.office if term else None)
    if after and term is not None:
        sector, office = "ELI", f"former {term.office}"
    how = how + office_note(term, published, when)
    igo = None
    # a bare country beside a known name ("Iran's nemesis X") is no role; a title or an
    # organisation is
    if (
        stated is not None
        and (stated.country or stated.igo)
        and (stated.role is not None or stated.sector is not None)
    ):
        current = term is not None and not before and not after
        agrees = current and (stated.igo is None and stated.country == country)
        if not agrees:
            country, sector, igo = stated.country, stated.sector, stated.igo
            if stated.role is not None:
                office = stated.role.office or stated.role.pattern
            if stated.former and (sector in OFFICIAL_SECTORS or igo):
                # a former office holder is one of the elites, CAMEO's ELI (a former
                # reporter keeps MED)
                sector, igo = "ELI", None
                office = f"former {office}" if office else None
            how += f"; the sentence's role wins: {stated.evidence} → {igo or country}"
            how += f" {sector}" if sector and not igo else ""
    return ResolvedMention(
        **base,
        actor_key=actor.key,
        name=person.name,
        kind="person",
        country=country,
        sector=sector,
        office=office,
        how=how,
        igo_code=igo,
    )


def leads_on_date(mention: ResolvedMention) -> bool:
    """A surname resolved to a sitting head of state or government keeps that person even
    where the article writes another full name with it ("Michelle Obama … Mr. Obama")."""
    office = (mention.office or "").casefold()
    return (
        mention.actor_key.startswith("person:")
        and not office.startswith(("former", "vice", "deputy"))
        and any(word in office for word in HEAD_OFFICE_WORDS)
        and mention.sector not in CAMPAIGN_SECTORS
    )


def office_note(term: Term | None, published: date | None, when: str) -> str:
    """How the office was chosen, saying so when it had ended by the article date."""
    if term is None:
        return ""
    if published is not None and not term.covers(published):
        if term.start > published:
            return f"; no office yet{when}, first office {term.office} from {term.start}"
        return f"; former {term.office} (until {term.end}){when}"
    return f"; office {term.office}{when}"
