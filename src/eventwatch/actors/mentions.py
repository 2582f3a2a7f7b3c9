"""The resolver's output: one mention of an actor, with how it was resolved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MentionKind = Literal["person", "country", "group", "organization"]
PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
MASCULINE = frozenset({"he", "him", "his", "himself"})
# closed-class words that say a named person's gender: "Mr. Trump", "Ms. Yellen"
HONORIFIC_GENDER = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
}
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedMention:
    """One mention and the actor it stands for."""

    start: int
    end: int
    text: str
    actor_key: str
    name: str
    kind: MentionKind
    country: str | None
    sector: str | None
    office: str | None = None
    inferred: bool = False
    how: str = ""

    igo_code: str | None = None  # an international organisation's own code (IGOUNO)

    @property
    def code(self) -> str | None:
        if self.igo_code:
            return self.igo_code
        if self.country is None:
            return self.sector
        return self.country + (self.sector or "")
