"""The cue lexicons of the quotes stage, loaded from ``data/quotes/*.tsv``.

``cues.tsv`` gives the words that introduce a quote (verbs, nouns, fixed
phrases, adjectives, raising verbs); ``claims.tsv`` the belief and expectation
cues of :func:`eventwatch.quotes.extract_claims`.  Each shipped file is loaded
once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventwatch.tables import read_rows


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The cue words: verb and noun lemmas, fixed phrases (lower case)."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[str, ...]
    object_verbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    raising: frozenset[str] = frozenset()


def _rows(text: str, name: str) -> Iterator[list[str]]:
    """``[lemma, kind]`` of every data row (the shared reader: a malformed row names its line)."""
    for _, row in read_rows(text, name=name, columns=("lemma", "kind")):
        yield [row["lemma"], row["kind"]]


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
    for cells in _rows(text, "cues.tsv"):
        if cells[0] and cells[1] in kinds:
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
    for cells in _rows(text, "claims.tsv"):
        if cells[0]:
            (adjectives if cells[1] == "adj" else verbs).add(cells[0].casefold())
    return ClaimCues(verbs=frozenset(verbs), adjectives=frozenset(adjectives))


@lru_cache(maxsize=1)
def claim_cues() -> ClaimCues:
    """The shipped claim cues (``data/quotes/claims.tsv``), loaded once."""
    source = resources.files("eventwatch").joinpath("data/quotes/claims.tsv")
    return load_claim_cues(source.read_text(encoding="utf-8"))
