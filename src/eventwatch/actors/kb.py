"""The actor knowledge base: user-editable TSV files loaded once into indexes.

Files (``eventwatch/data/actors/``, documented in that folder's README):

* ``countries.tsv``    iso3, name, aliases, adjectives, capitals
* ``institutions.tsv`` name, aliases, country, sector (the Kremlin → RUS GOV)
* ``igos.tsv``         code, name, aliases, sector (the United Nations → IGOUNO)
* ``roles.tsv``        pattern, sector, kind (title / group / person), refers (back)
* ``people.tsv``       one row per office term: person_id, name, aliases, country,
  sector, office, start, end
* ``contextual.tsv``   short forms that need a country in the article ("the North")
* ``ambiguous.tsv``    aliases that legitimately name several actors
* ``place_words.tsv``  words that make a capital a place ("the streets of Tehran")
* ``leaders.tsv``      which office "the leader" of a country holds
* ``name_particles.tsv`` words of a name that never identify a person alone
  ("bin", "de", "II")

A malformed row raises :class:`ConfigError` naming the file and line.  An alias
that two different actors claim (and that ``ambiguous.tsv`` does not list) is
*reported* in :attr:`KnowledgeBase.conflicts` and kept for neither, never
silently overwritten.  Users can point ``extra_dirs`` at folders holding more
files of the same names; their rows are added to the shipped ones.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from eventwatch.errors import ConfigError
from eventwatch.tables import need, read_table

if TYPE_CHECKING:
    from spacy.tokens import Token

logger = logging.getLogger(__name__)

ActorKind = Literal["country", "igo", "institution", "person"]
RoleKind = Literal["title", "group", "person"]

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def normalize(text: str) -> str:
    """The key every alias is indexed by: case-folded, accents and dots kept, spaces single."""
    text = unicodedata.normalize("NFC", text.translate(_APOSTROPHES)).strip()
    return _SPACES.sub(" ", text).casefold()


@lru_cache(maxsize=1 << 16)  # the same names come back article after article
def fold(text: str) -> str:
    """The lookup key: also without accents, full stops and a leading "the" ("the U.S." → "us")."""
    decomposed = unicodedata.normalize("NFKD", normalize(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace(".", "")
    plain = plain.removesuffix("'s").removesuffix("'")
    return plain[4:] if plain.startswith("the ") else plain


@dataclass(frozen=True, slots=True, kw_only=True)
class KbActor:
    """An actor the knowledge base knows by name."""

    key: str  # "country:PRK", "igo:IGOUNO", "institution:the-kremlin", "person:john-kerry"
    name: str
    kind: ActorKind
    country: str | None
    sector: str | None
    # an institution whose sector changed: ``sector`` from ``since``, ``earlier`` before it
    # (the Taliban: GOV from 2021-08-15, INS before)
    since: date | None = None
    earlier: str | None = None

    def sector_on(self, day: date | None) -> str | None:
        """The sector on ``day`` (the current one when the day is unknown)."""
        if self.since is not None and day is not None and day < self.since:
            return self.earlier
        return self.sector

    @property
    def code(self) -> str | None:
        """CAMEO-style code: country + sector (``USAGOV``), or the IGO code."""
        if self.kind == "igo":
            return self.key.split(":", 1)[1]
        if self.country is None:
            return self.sector
        return self.country + (self.sector or "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """One office a person held, from ``start`` to ``end`` (None = still in office)."""

    person_id: str
    country: str | None
    sector: str
    office: str
    start: date
    end: date | None
    acting: bool = False  # the note column says "acting": a stand-in yields to the holder

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """A person with dated offices."""

    id: str
    name: str
    aliases: tuple[str, ...]
    terms: tuple[Term, ...]

    def term_on(self, day: date | None) -> Term | None:
        """The office held on ``day``; else the last one before it; else the first."""
        if not self.terms:
            return None
        ordered = sorted(self.terms, key=lambda term: term.start)
        if day is None:
            return ordered[-1]
        current = [term for term in ordered if term.covers(day)]
        if current:
            return _most_senior(current)
        before = [term for term in ordered if term.start <= day]
        return before[-1] if before else ordered[0]


_SENIORITY = ("president", "prime minister", "chancellor", "premier", "supreme leader", "king")
# sectors of a standing outside government (a candidacy, a president-elect): any office beats them
CAMPAIGN_SECTORS = frozenset({"PTY", "ELI"})


def _most_senior(terms: Sequence[Term]) -> Term:
    def rank(term: Term) -> int:
        if term.sector in CAMPAIGN_SECTORS:
            return len(_SENIORITY) + 1
        office = term.office.casefold()
        for position, word in enumerate(_SENIORITY):
            if word in office:
                return position
        return len(_SENIORITY)

    return min(terms, key=rank)


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A role word or title and the sector it implies."""

    pattern: str
    tokens: tuple[str, ...]
    sector: str
    kind: RoleKind
    office: str | None = None  # the office name in people.tsv this role refers to, if any
    # offices a known person called by this title may hold on the article date ("Sen." →
    # Senator): a surname under the title matches only such a holder (empty: any person)
    holds: tuple[str, ...] = ()
    # "the company", "the newspaper": the phrase refers back to the organisation of this
    # sector the article named last (``refers`` = back in roles.tsv; group roles only)
    refers_back: bool = False

    def agrees(self, term: Term) -> bool:
        """Whether a person holding ``term`` may be called by this title."""
        if not self.holds:
            return True
        return normalize(term.office) in {normalize(office) for office in self.holds}


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Contextual:
    """A short form ("the North") naming ``actor_key`` only when a context country is present."""

    alias: str
    actor_key: str
    requires: tuple[str, ...]


PatternKind = Literal["name", "adjective", "capital", "contextual"]


@dataclass(slots=True)
class _Builder:
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    actors: dict[str, KbActor] = field(default_factory=dict)
    patterns: set[tuple[str, PatternKind]] = field(default_factory=set)

    def surface(self, text: str, kind: PatternKind) -> None:
        """Remember a form as written, for the phrase matcher (without a leading "the")."""
        text = text.strip()
        for prefix in ("the ", "The "):
            text = text.removeprefix(prefix)
        if text:
            self.patterns.add((text, kind))


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity
class KnowledgeBase:
    """Every index the resolver needs, built once (see :func:`load_knowledge_base`)."""

    actors: dict[str, KbActor]
    names: dict[str, tuple[str, ...]]  # fold(alias) -> actor keys (country/igo/institution/person)
    countries: dict[str, Country]
    adjectives: dict[str, str]  # fold(adjective or demonym) -> iso3
    capitals: dict[str, str]  # fold(capital) -> iso3
    roles: dict[str, tuple[Role, ...]]  # last token of the pattern -> roles, longest first
    people: dict[str, Person]
    offices: dict[tuple[str, str], tuple[Term, ...]]  # (country, normalize(office)) -> terms
    surnames: dict[str, tuple[str, ...]]  # fold(name token) -> person ids (for "the Kim regime")
    contextual: dict[str, Contextual]
    ambiguous: dict[str, tuple[tuple[str, ...], str | None]]  # fold(alias) -> (keys, default)
    conflicts: tuple[str, ...]
    sectors: dict[str, str]  # code -> name
    patterns: tuple[tuple[str, PatternKind], ...]  # surface forms for the phrase matcher
    place_words: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> lemmas
    leaders: dict[str, str] = field(default_factory=dict)  # iso3 -> office "the leader" holds
    bare_sectors: frozenset[str] = frozenset()  # sectors.tsv `bare`: "police said" takes a country
    given_names: dict[str, str] = field(default_factory=dict)  # casefolded given name -> m/f

    def leader(self, *, country: str, on: date) -> Person | None:
        """Who "the leader" of ``country`` was on ``on`` (see ``leaders.tsv``)."""
        for office in (self.leaders.get(country), "President", "Prime Minister"):
            if office:
                holder = self.office_holder(country=country, office=office, on=on)
                if holder is not None:
                    return holder
        return None

    def lookup(self, alias: str) -> tuple[KbActor, ...]:
        """Actors known by exactly this name (ambiguous names give their default, if any)."""
        key = fold(alias)
        if key in self.ambiguous:
            _, default = self.ambiguous[key]
            return (self.actors[default],) if default and default in self.actors else ()
        return tuple(self.actors[k] for k in self.names.get(key, ()))

    def office_holder(self, *, country: str, office: str, on: date) -> Person | None:
        """Who held ``office`` for ``country`` on ``on`` (None if unknown or several)."""
        terms = [t for t in self.offices.get((country, normalize(office)), ()) if t.covers(on)]
        if len({t.person_id for t in terms}) > 1:  # a suspended holder and a stand-in
            terms = [t for t in terms if not t.acting] or terms
        holders = {t.person_id for t in terms}
        if len(holders) != 1:
            return None
        return self.people[holders.pop()]

    def in_office(self, *, name_token: str, on: date | None) -> tuple[Person, ...]:
        """People with ``name_token`` in their name who held some office on ``on``."""
        found = []
        for person_id in self.surnames.get(fold(name_token), ()):
            person = self.people[person_id]
            if on is None or any(term.covers(on) for term in person.terms):
                found.append(person)
        return tuple(found)


# -- reading -------------------------------------------------------------------------


def _rows(
    source: Traversable | Path, columns: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for every data row; a bad row raises ConfigError naming it."""
    return read_table(source, columns=columns)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _date(cell: str, where: str) -> date | None:
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError as error:
        raise ConfigError(f"{where}: {cell!r} is not a date (YYYY-MM-DD)") from error


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _matches(file_name: str, name: str) -> bool:
    """``people.tsv`` also takes ``people_asia.tsv`` and the like: one table may span files."""
    stem = name.removesuffix(".tsv")
    return file_name == name or (file_name.startswith(stem + "_") and file_name.endswith(".tsv"))


def _refers(value: str, kind: str, where: str) -> bool:
    """The ``refers`` cell of a role: empty, or ``back`` on a group role."""
    value = value.strip().lower()
    if value not in {"", "back"}:
        raise ConfigError(f"{where}: refers must be empty or back, not {value!r}")
    if value == "back" and kind != "group":
        raise ConfigError(f"{where}: refers = back is for group roles only")
    return value == "back"


def _files(name: str, extra_dirs: Sequence[Path], shipped: bool) -> list[Traversable | Path]:
    found: list[Traversable | Path] = []
    packaged = resources.files("eventwatch").joinpath("data/actors")
    if shipped and packaged.is_dir():
        found.extend(
            sorted(
                (
                    item
                    for item in packaged.iterdir()
                    if item.is_file() and _matches(item.name, name)
                ),
                key=lambda item: item.name,
            )
        )
    for folder in extra_dirs:
        if Path(folder).is_dir():
            found.extend(
                sorted(p for p in Path(folder).iterdir() if p.is_file() and _matches(p.name, name))
            )
    return found


def _label(source: Traversable | Path) -> str:
    return str(source) if isinstance(source, Path) else f"data/actors/{source.name}"


PLACE_WORD_KINDS = frozenset(
    {
        "part",
        "physical",
        "relation",
        "topic",
        "scope",
        "associate",
        "harmed",
        "colony",
        "settlement",
    }
)


def load_knowledge_base(extra_dirs: Sequence[Path] = (), *, shipped: bool = True) -> KnowledgeBase:
    """Read every file and build the indexes (use :func:`knowledge_base` for the cached one).

    ``extra_dirs`` hold more files of the same names, added to the shipped ones;
    ``shipped=False`` reads only those (tests build small knowledge bases this way).
    """
    builder = _Builder()
    countries: dict[str, Country] = {}
    adjectives: dict[str, str] = {}
    capitals: dict[str, str] = {}
    conflicts: list[str] = []

    def claim(index: dict[str, str], alias: str, value: str, where: str) -> None:
        key = fold(alias)
        if key in index and index[key] != value:
            conflicts.append(f"{where}: '{alias}' names both {index[key]} and {value}")
        index.setdefault(key, value)

    def add(actor: KbActor, aliases: Iterable[str]) -> None:
        builder.actors.setdefault(actor.key, actor)
        for alias in aliases:
            builder.names[fold(alias)].add(actor.key)
            builder.surface(alias, "name")

    sectors: dict[str, str] = {}
    bare_sectors: set[str] = set()
    for source in _files("sectors.tsv", extra_dirs, shipped):
        for number, row in _rows(source, ("code", "name")):
            where = f"{_label(source)}:{number}"
            code = need(row, "code", where)
            sectors[code] = row["name"]
            bare = (row.get("bare") or "no").strip().lower()
            if bare not in {"yes", "no"}:
                raise ConfigError(f"{where}: bare must be yes or no, got {bare!r}")
            if bare == "yes":
                bare_sectors.add(code)

    for source in _files("countries.tsv", extra_dirs, shipped):
        label = _label(source)
        for number, row in _rows(source, ("iso3", "name", "aliases", "adjectives", "capitals")):
            where = f"{label}:{number}"
            iso3 = need(row, "iso3", where)
            if not re.fullmatch(r"[A-Z]{3}", iso3):
                raise ConfigError(f"{where}: iso3 {iso3!r} is not three capital letters")
            country = Country(
                iso3=iso3,
                name=need(row, "name", where),
                aliases=_split(row["aliases"]),
                adjectives=_split(row["adjectives"]),
                capitals=_split(row["capitals"]),
            )
            countries[iso3] = country
            actor = KbActor(
                key=f"country:{iso3}", name=country.name, kind="country", country=iso3, sector=None
            )
            add(actor, (country.name, *country.aliases))
            for adjective in country.adjectives:
                claim(adjectives, adjective, iso3, where)
                builder.surface(adjective, "adjective")
            for capital in country.capitals:
                claim(capitals, capital, iso3, where)
                builder.surface(capital, "capital")

    for source in _files("igos.tsv", extra_dirs, shipped):
        label = _label(source)
        for number, row in _rows(source, ("code", "name", "aliases", "sector")):
            where = f"{label}:{number}"
            code = need(row, "code", where)
            sector = row["sector"] or "IGO"
            actor = KbActor(
                key=f"igo:{code}",
                name=need(row, "name", where),
                kind="igo",
                country=None,
                sector=sector,
            )
            add(actor, (actor.name, *_split(row["aliases"])))

    for source in _files("institutions.tsv", extra_dirs, shipped):
        label = _label(source)
        for number, row in _rows(source, ("name", "aliases", "country", "sector")):
            where = f"{label}:{number}"
            name = need(row, "name", where)
            country_code = row["country"] or None
            since = row.get("since") or None
            if (since is None) != (not row.get("earlier")):
                raise ConfigError(f"{where}: 'since' and 'earlier' go together")
            try:
                since_day = date.fromisoformat(since) if since else None
            except ValueError:
                raise ConfigError(f"{where}: 'since' must be a date (YYYY-MM-DD)") from None
            actor = KbActor(
                key=f"institution:{_slug(name)}",
                name=name,
                kind="institution",
                country=country_code,
                sector=row["sector"] or None,
                since=since_day,
                earlier=row.get("earlier") or None,
            )
            add(actor, (name, *_split(row["aliases"])))

    roles: dict[str, list[Role]] = defaultdict(list)
    for source in _files("roles.tsv", extra_dirs, shipped):
        label = _label(source)
        for number, row in _rows(source, ("pattern", "sector", "kind")):
            where = f"{label}:{number}"
            pattern = normalize(need(row, "pattern", where))
            kind = need(row, "kind", where)
            if kind not in {"title", "group", "person"}:
                raise ConfigError(f"{where}: kind must be title, group or person, not {kind!r}")
            tokens = tuple(pattern.split())
            roles[tokens[-1]].append(
                Role(
                    pattern=pattern,
                    tokens=tokens,
                    sector=need(row, "sector", where),
                    kind=kind,  # type: ignore[arg-type]  # checked above
                    office=row.get("office") or None,
                    holds=_split(row.get("holds", "")),
                    refers_back=_refers(row.get("refers") or "", kind, where),
                )
            )

    people: dict[str, Person] = {}
    person_terms: dict[str, list[Term]] = defaultdict(list)
    person_names: dict[str, tuple[str, set[str]]] = {}
    offices: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for source in _files("people.tsv", extra_dirs, shipped):
        label = _label(source)
        columns = ("person_id", "name", "aliases", "country", "sector", "office", "start", "end")
        for number, row in _rows(source, columns):
            where = f"{label}:{number}"
            person_id = need(row, "person_id", where)
            start = _date(need(row, "start", where), where)
            end = _date(row["end"], where)
            if start is None:  # pragma: no cover - _need guarantees a value
                raise ConfigError(f"{where}: no start date")
            if end is not None and end < start:
                raise ConfigError(f"{where}: office ends ({end}) before it starts ({start})")
            term = Term(
                person_id=person_id,
                country=row["country"] or None,
                sector=need(row, "sector", where),
                office=need(row, "office", where),
                start=start,
                end=end,
                acting="acting" in row.get("note", "").casefold(),
            )
            person_terms[person_id].append(term)
            name = need(row, "name", where)
            known = person_names.setdefault(person_id, (name, set()))
            known[1].update(_split(row["aliases"]))
            if term.country:
                offices[(term.country, normalize(term.office))].append(term)
    particles: set[str] = set()
    for source in _files("name_particles.tsv", extra_dirs, shipped):
        for _, row in _rows(source, ("particle",)):
            if row["particle"]:
                particles.add(fold(row["particle"]))
    surnames: dict[str, set[str]] = defaultdict(set)
    for person_id, (name, aliases) in person_names.items():
        terms = tuple(person_terms[person_id])
        person = Person(id=person_id, name=name, aliases=tuple(sorted(aliases)), terms=terms)
        people[person_id] = person
        latest = person.term_on(None)
        actor = KbActor(
            key=f"person:{person_id}",
            name=name,
            kind="person",
            country=latest.country if latest else None,
            sector=latest.sector if latest else None,
        )
        add(actor, (name, *aliases))
        for token in name.replace("-", " ").split():
            if len(token) > 1 and fold(token) not in particles:
                surnames[fold(token)].add(person_id)
        for alias in aliases:  # the surname of another written form ("Zelensky")
            words = alias.replace("-", " ").split()
            if len(words) > 1 and len(words[-1]) > 1 and fold(words[-1]) not in particles:
                surnames[fold(words[-1])].add(person_id)

    contextual: dict[str, Contextual] = {}
    for source in _files("contextual.tsv", extra_dirs, shipped):
        label = _label(source)
        for number, row in _rows(source, ("alias", "actor", "requires")):
            where = f"{label}:{number}"
            alias = need(row, "alias", where)
            builder.surface(alias, "contextual")
            contextual[fold(alias)] = Contextual(
                alias=alias, actor_key=need(row, "actor", where), requires=_split(row["requires"])
            )

    ambiguous: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for source in _files("ambiguous.tsv", extra_dirs, shipped):
        label = _label(source)
        for number, row in _rows(source, ("alias", "candidates", "default")):
            where = f"{label}:{number}"
            ambiguous[fold(need(row, "alias", where))] = (
                _split(row["candidates"]),
                row["default"] or None,
            )

    names: dict[str, tuple[str, ...]] = {}
    for alias, keys in builder.names.items():
        if len(keys) > 1 and alias not in ambiguous:
            listed = ", ".join(sorted(keys))
            conflicts.append(f"alias '{alias}' names several actors ({listed}); kept for none")
            continue
        names[alias] = tuple(sorted(keys))
    place_words: dict[str, set[str]] = defaultdict(set)
    for source in _files("place_words.tsv", extra_dirs, shipped):
        label = _label(source)
        for number, row in _rows(source, ("word", "kind")):
            where = f"{label}:{number}"
            kind = need(row, "kind", where)
            if kind not in PLACE_WORD_KINDS:
                raise ConfigError(
                    f"{where}: kind must be one of {', '.join(sorted(PLACE_WORD_KINDS))}"
                )
            place_words[kind].add(need(row, "word", where).casefold())
    leaders: dict[str, str] = {}
    for source in _files("leaders.tsv", extra_dirs, shipped):
        label = _label(source)
        for number, row in _rows(source, ("country", "office")):
            where = f"{label}:{number}"
            leaders[need(row, "country", where)] = need(row, "office", where)
    given_names: dict[str, str] = {}
    for source in _files("given_names.tsv", extra_dirs, shipped):
        label = _label(source)
        for number, row in _rows(source, ("name", "gender")):
            where = f"{label}:{number}"
            name, gender = need(row, "name", where).casefold(), need(row, "gender", where)
            if gender not in {"m", "f"}:
                raise ConfigError(f"{where}: gender must be m or f, got {gender!r}")
            if given_names.get(name, gender) != gender:
                raise ConfigError(f"{where}: '{row['name']}' is listed with both genders")
            given_names[name] = gender
    for report in conflicts:
        logger.warning("knowledge base: %s", report)
    return KnowledgeBase(
        actors=builder.actors,
        names=names,
        countries=countries,
        adjectives=adjectives,
        capitals=capitals,
        roles={
            last: tuple(sorted(r, key=lambda role: -len(role.tokens))) for last, r in roles.items()
        },
        people=people,
        offices={key: tuple(terms) for key, terms in offices.items()},
        surnames={key: tuple(sorted(ids)) for key, ids in surnames.items()},
        contextual=contextual,
        ambiguous=ambiguous,
        conflicts=tuple(conflicts),
        sectors=sectors,
        patterns=tuple(sorted(builder.patterns)),
        place_words={kind: frozenset(words) for kind, words in place_words.items()},
        leaders=leaders,
        bare_sectors=frozenset(bare_sectors),
        given_names=given_names,
    )


@lru_cache(maxsize=4)
def knowledge_base(extra_dirs: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The knowledge base, loaded once per process (per set of extra folders)."""
    return load_knowledge_base(extra_dirs)


def harmed_words(extra_dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    """The nouns for the people an act harmed (``harmed`` in ``place_words.tsv``): in
    "victims of Beijing's bullying" Beijing did the act; it is neither the victims'
    country nor a target of what is done to them."""
    return knowledge_base(extra_dirs).place_words.get("harmed", frozenset())


def is_harmed(noun: Token, words: frozenset[str]) -> bool:
    """Is ``noun`` one of the ``harmed`` words (victims, casualties, survivors), as
    written or by its lemma?"""
    return noun.lower_ in words or noun.lemma_.casefold() in words


def associate_words(extra_dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    """The nouns for the people around an actor (``associate`` in ``place_words.tsv``):
    "Trump's supporters" are not Trump, as speaker or doer."""
    return knowledge_base(extra_dirs).place_words.get("associate", frozenset())
