"""The cue lexicons of the quotes stage, loaded from ``data/quotes/*.tsv``.

``cues.tsv`` gives the words that introduce a quote (verbs, nouns, fixed
phrases, adjectives, raising verbs); ``claims.tsv`` the belief and expectation
cues of :func:`eventwatch.quotes.extract_claims`.  Each shipped file is loaded
once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from eventwatch.errors import ConfigError
from eventwatch.tables import read_rows

MIN_SEEN = 4
MIN_SHARE = 0.35
NOUN_FORMS = frozenset({"poss", "noun"})
ALL_FORMS = "*"  # a verb over all its constructions


@dataclass(frozen=True, slots=True)
class LearnedCues:
    """How often each (verb lemma, construction) was a cue in annotated text.

    ``counts[(lemma, construction)] = (cue, seen)``: of ``seen`` verbs with
    that lemma and construction (:func:`eventwatch.quotes.parse.construction`),
    ``cue`` were the cue of an attribution with a source.  A pair seen at
    least ``min_seen`` times is a cue when its share reaches ``min_share``
    and is not one when it falls short; rarer pairs have no verdict (the
    hand-written lexicon decides).
    """

    counts: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    min_seen: int = MIN_SEEN
    min_share: float = MIN_SHARE

    def knows(self, lemma: str) -> bool:
        """The verb was a cue often enough to have a row over all its constructions."""
        return (lemma, ALL_FORMS) in self.counts

    def verdict(self, lemma: str, construction: str) -> bool | None:
        """True (a cue), False (not one) or None (too rare to say).

        A verb construction too rare to judge falls back on the verb's figures
        over all its constructions.
        """
        found = self.counts.get((lemma, construction))
        if (found is None or found[1] < self.min_seen) and construction not in NOUN_FORMS:
            found = self.counts.get((lemma, ALL_FORMS))
        if found is None or found[1] < self.min_seen:
            return None
        return found[0] >= self.min_share * found[1]


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The cue words: verb and noun lemmas, fixed phrases (lower case)."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[str, ...]
    object_verbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    raising: frozenset[str] = frozenset()
    learned: LearnedCues = field(default_factory=LearnedCues)
    nesting: frozenset[str] = frozenset()  # verb cues that nest inside another's content
    speech: frozenset[str] = frozenset()  # verb cues of speaking (note "speech"), not thought
    idioms: tuple[tuple[str, ...], ...] = ()  # fixed phrases whose verb is no cue ("that said")
    evidence: frozenset[str] = frozenset()  # verb cues of evidence (note "evidence"): "polls show"
    amount: frozenset[str] = frozenset()  # verb cues that with an amount as object are no cue


def _rows(text: str, name: str) -> Iterator[list[str]]:
    """``[lemma, kind, note]`` of every data row (the shared reader: a malformed row names
    its line)."""
    for _, row in read_rows(text, name=name, columns=("lemma", "kind")):
        yield [row["lemma"], row["kind"], row.get("note") or ""]


def load_cue_lexicon(text: str) -> CueLexicon:
    """Parse ``cues.tsv`` (lemma, kind, note); ``object`` verbs are verbs too."""
    kinds: dict[str, set[str]] = {
        "verb": set(),
        "object": set(),
        "noun": set(),
        "phrase": set(),
        "adj": set(),
        "raising": set(),
        "nests": set(),
        "idiom": set(),
        "amount": set(),
    }
    speech: set[str] = set()
    evidence: set[str] = set()
    for cells in _rows(text, "cues.tsv"):
        if cells[0] and cells[1] in kinds:
            kinds[cells[1]].add(cells[0].casefold())
            if cells[1] == "verb" and cells[2].startswith("speech"):
                speech.add(cells[0].casefold())
            if cells[1] == "verb" and cells[2].startswith("evidence"):
                evidence.add(cells[0].casefold())
    return CueLexicon(
        verbs=frozenset(kinds["verb"] | kinds["object"]),
        nouns=frozenset(kinds["noun"]),
        phrases=tuple(sorted(kinds["phrase"])),
        object_verbs=frozenset(kinds["object"]),
        adjectives=frozenset(kinds["adj"]),
        raising=frozenset(kinds["raising"]),
        nesting=frozenset(kinds["nests"]),
        speech=frozenset(speech),
        evidence=frozenset(evidence),
        amount=frozenset(kinds["amount"]),
        idioms=tuple(sorted(tuple(p.split()) for p in kinds["idiom"])),
    )


def load_learned_cues(
    text: str, *, min_seen: int = MIN_SEEN, min_share: float = MIN_SHARE
) -> LearnedCues:
    """Parse ``learned_cues.tsv`` (lemma, construction, cue, seen)."""
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    name = "learned_cues.tsv"
    for number, row in read_rows(text, name=name, columns=("lemma", "construction", "cue", "seen")):
        try:
            cue, seen = int(row["cue"]), int(row["seen"])
        except ValueError:
            raise ConfigError(f"{name}:{number}: cue and seen must be whole numbers") from None
        if not 0 <= cue <= seen:
            raise ConfigError(f"{name}:{number}: cue must lie between 0 and seen")
        counts[(row["lemma"].casefold(), row["construction"])] = (cue, seen)
    return LearnedCues(counts=counts, min_seen=min_seen, min_share=min_share)


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The shipped cue lexicon (``data/quotes/cues.tsv`` and ``learned_cues.tsv``), loaded once."""
    folder = resources.files("eventwatch").joinpath("data/quotes")
    lexicon = load_cue_lexicon(folder.joinpath("cues.tsv").read_text(encoding="utf-8"))
    learned = load_learned_cues(folder.joinpath("learned_cues.tsv").read_text(encoding="utf-8"))
    return replace(lexicon, learned=learned)


@dataclass(frozen=True, slots=True)
class ClaimCues:
    """Belief and expectation cues: verb lemmas and adjectives."""

    verbs: frozenset[str]
    adjectives: frozenset[str]


def load_claim_cues(text: str) -> ClaimCues:
    """Parse ``claims.tsv`` (lemma, kind, note)."""
    verbs: set[str] = set()
    adjectives: set[str] = set()
    for cells in _rows(text, "claims.tsv"):
        if cells[0]:
            (adjectives if cells[1] == "adj" else verbs).add(cells[0].casefold())
    return ClaimCues(verbs=frozenset(verbs), adjectives=frozenset(adjectives))


@lru_cache(maxsize=1)
def claim_cues() -> ClaimCues:
    """The shipped claim cues (``data/quotes/claims.tsv``), loaded once."""
    source = resources.files("eventwatch").joinpath("data/quotes/claims.tsv")
    return load_claim_cues(source.read_text(encoding="utf-8"))
