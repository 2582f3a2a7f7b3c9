"""Which sense a shared place name has in one article ("Georgia": the US state or the country).

Reads ``eventwatch/data/places/senses.tsv``: for each shared name, its senses
(a gazetteer id and the country it belongs to) and the cue words that point at
each, with a weight.  :meth:`NameSenses.decide` scores every sense over the
article text (each cue once per occurrence, and once more inside the name's own
sentence) and returns the best one when it beats every other; a tie or no cue
leaves the decision to the other rules.  The places stage and the actors stage
read the same table, so an article never has Georgia the country as a place and
Georgia the state as an actor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwatch.errors import ConfigError
from eventwatch.places.names import clean, fold
from eventwatch.places.tables import DATA_DIR, _read_table

__all__ = ["NameSenses", "Sense"]

SENSES_FILE = "senses.tsv"
_COLUMNS = ("name", "sense", "country", "cue", "weight", "note")


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of a shared name: a gazetteer id and its country (ISO3)."""

    place_id: str
    country: str


@dataclass(frozen=True, slots=True)
class _Cue:
    sense: Sense
    pattern: re.Pattern[str]
    weight: float


class NameSenses:
    """The shared names and their cues, read once (:meth:`load`)."""

    __slots__ = ("_cues", "_last")

    def __init__(self, cues: dict[str, tuple[_Cue, ...]]) -> None:
        self._cues = cues
        # the last article text asked about and each name's cue counts over it: every
        # mention of a shared name in one article scans that text once, not once per
        # mention (one tuple, replaced whole, so threads never mix two articles' counts)
        self._last: tuple[str, dict[str, tuple[int, ...]]] = ("", {})

    @classmethod
    def load(cls) -> NameSenses:
        """The shipped table, read once per process."""
        return _default_senses()

    @classmethod
    def read(cls, path: Path) -> NameSenses:
        """Read a senses table; a malformed row raises ConfigError naming its line."""
        cues: dict[str, list[_Cue]] = defaultdict(list)
        for number, row in _read_table(path, _COLUMNS):
            where = f"{path}:{number}"
            if not re.fullmatch(r"[A-Z]{3}", row["country"]):
                raise ConfigError(f"{where}: country {row['country']!r} is not an ISO3 code")
            try:
                weight = float(row["weight"])
            except ValueError as error:
                raise ConfigError(f"{where}: weight {row['weight']!r} is not a number") from error
            if weight <= 0:
                raise ConfigError(f"{where}: weight must be above 0, not {weight}")
            cue = row["cue"]
            pattern = re.compile(
                r"(?<!\w)" + re.escape(cue).replace(r"\ ", r"\s+") + r"(?!\w)", re.IGNORECASE
            )
            sense = Sense(place_id=row["sense"], country=row["country"])
            cues[fold(clean(row["name"]))].append(_Cue(sense, pattern, weight))
        return cls({name: tuple(found) for name, found in cues.items()})

    def shared(self, name: str) -> bool:
        """Whether ``name`` is one of the shared names of the table."""
        return fold(clean(name)) in self._cues

    def senses(self, name: str) -> tuple[Sense, ...]:
        """Every sense the table knows for ``name`` (empty when it is not shared)."""
        return tuple(dict.fromkeys(cue.sense for cue in self._cues.get(fold(clean(name)), ())))

    def decide(self, name: str, *, text: str, sentence: str = "") -> Sense | None:
        """The sense ``name`` has in an article of ``text``; ``sentence`` is its own sentence.

        ``None`` when the name is not shared, no cue occurs, or two senses tie.
        """
        key = fold(clean(name))
        cues = self._cues.get(key)
        if not cues:
            return None
        scores: dict[Sense, float] = defaultdict(float)
        for cue, in_text in zip(cues, self._hits_in_text(key, cues, text), strict=True):
            hits = in_text + len(cue.pattern.findall(sentence))
            if hits:
                scores[cue.sense] += cue.weight * hits
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
            return None
        return ranked[0][0]

    def _hits_in_text(self, key: str, cues: tuple[_Cue, ...], text: str) -> tuple[int, ...]:
        """How often each of a name's cues occurs in ``text`` (remembered for the last text)."""
        last = self._last
        if last[0] is not text and last[0] != text:
            last = (text, {})
            self._last = last
        found = last[1].get(key)
        if found is None:
            found = tuple(len(cue.pattern.findall(text)) for cue in cues)
            last[1][key] = found
        return found


@lru_cache(maxsize=1)
def _default_senses() -> NameSenses:
    return NameSenses.read(DATA_DIR / SENSES_FILE)
