"""The verb-pattern dictionary: trigger words and the frames that give a CAMEO code.

Files ``eventwatch/data/events/verbs_*.tsv`` (documented in that folder's
README), one pattern per row::

    code  trigger  pos  particle  prep  object  target  note
    036   meet     VERB           with          prep    X met with Y
    163   impose   VERB           on    sanction prep   X imposed sanctions on Y

* ``trigger`` — lemma of the verb, noun or predicate adjective ("Beijing
  remained *obstructionist*"); a multi-word noun trigger ("air strike") names
  its head last, the words before must precede it;
* ``particle`` — a required phrasal particle ("single *out*");
* ``prep`` — a preposition on the trigger (its object is the target when
  ``target`` is ``prep``);
* ``object`` — a required direct-object lemma, or ``*`` for any object, or ``to``
  and a verb's lemma for the verb of the trigger's "to" clause ("declined to comment":
  ``to comment``);
* ``target`` — where the target comes from: ``dobj``, ``prep``, ``iobj``,
  ``poss`` or ``none``.

A pattern with more constraints beats a bare lemma: :meth:`PatternBook.candidates`
returns the patterns of a trigger, most specific first.  A malformed row raises
:class:`~eventwatch.errors.ConfigError` naming the file and line.  Users add
patterns in files of the same form in their own folders (``extra_dirs``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from eventwatch.errors import ConfigError
from eventwatch.tables import read_table

TargetSlot = Literal["dobj", "prep", "iobj", "poss", "none"]
TARGETS: frozenset[str] = frozenset({"dobj", "prep", "iobj", "poss", "none"})
COLUMNS = ("code", "trigger", "pos", "particle", "prep", "object", "target")


@dataclass(frozen=True, slots=True, kw_only=True)
class Pattern:
    """One trigger frame and the CAMEO code it gives."""

    code: str
    trigger: str  # the head lemma
    before: tuple[str, ...]  # words that must precede the head ("air" in "air strike")
    pos: Literal["VERB", "NOUN", "ADJ"]
    particle: str | None
    prep: str | None
    object: str | None  # a lemma, "*" for any direct object, "to <verb>", None for none
    target: TargetSlot
    source: str  # "verbs_01_09.tsv:42", for the explanation

    @property
    def specificity(self) -> int:
        score = len(self.before)
        score += 2 if self.particle else 0
        score += 2 if self.object not in (None, "*") else (1 if self.object == "*" else 0)
        score += 1 if self.prep else 0
        return score

    def describe(self) -> str:
        parts = [" ".join((*self.before, self.trigger)), self.pos.lower()]
        if self.particle:
            parts.append(f"+ particle '{self.particle}'")
        if self.object:
            parts.append(f"+ object '{self.object}'")
        if self.prep:
            parts.append(f"+ '{self.prep}' phrase")
        return " ".join(parts)


@dataclass(frozen=True, slots=True, kw_only=True)
class PatternBook:
    """All patterns, indexed by (head lemma, part of speech)."""

    by_trigger: dict[tuple[str, str], tuple[Pattern, ...]]
    files: tuple[str, ...]

    def __len__(self) -> int:
        return sum(len(patterns) for patterns in self.by_trigger.values())

    def candidates(self, lemma: str, pos: str) -> tuple[Pattern, ...]:
        """Patterns whose trigger head is ``lemma`` (most specific first)."""
        return self.by_trigger.get((lemma, pos), ())

    def codes(self) -> set[str]:
        return {p.code for patterns in self.by_trigger.values() for p in patterns}


def _sources(extra_dirs: Sequence[Path], shipped: bool) -> list[Traversable | Path]:
    found: list[Traversable | Path] = []
    packaged = resources.files("eventwatch").joinpath("data/events")
    if shipped and packaged.is_dir():
        found.extend(
            sorted(
                (f for f in packaged.iterdir() if f.name.startswith("verbs") and f.is_file()),
                key=lambda f: f.name,
            )
        )
    for folder in extra_dirs:
        found.extend(sorted(Path(folder).glob("verbs*.tsv")))
    return [f for f in found if f.name.endswith(".tsv")]


def _rows(source: Traversable | Path) -> Iterator[tuple[int, dict[str, str]]]:
    return read_table(source, columns=COLUMNS)


def load_patterns(
    extra_dirs: Sequence[Path] = (),
    *,
    shipped: bool = True,
    known_codes: frozenset[str] = frozenset(),
) -> PatternBook:
    """Read every pattern file; ``known_codes`` (if given) rejects codes not in the ontology."""
    index: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
    seen: dict[tuple[object, ...], str] = {}
    files = []
    for source in _sources(extra_dirs, shipped):
        files.append(source.name)
        for number, row in _rows(source):
            where = f"{source.name}:{number}"
            code, trigger, pos = row["code"], row["trigger"].casefold(), row["pos"].upper()
            if not code.isdigit() or not 2 <= len(code) <= 4:
                raise ConfigError(f"{where}: code {code!r} is not a CAMEO code")
            if known_codes and code not in known_codes:
                raise ConfigError(f"{where}: code {code!r} is not in the CAMEO table")
            if not trigger:
                raise ConfigError(f"{where}: column 'trigger' is empty")
            if pos not in {"VERB", "NOUN", "ADJ"}:
                raise ConfigError(f"{where}: pos must be VERB, NOUN or ADJ, not {row['pos']!r}")
            target = row["target"] or ("prep" if row["prep"] else "dobj")
            if target not in TARGETS:
                raise ConfigError(f"{where}: target must be one of {sorted(TARGETS)}")
            words = tuple(trigger.split())
            pattern = Pattern(
                code=code,
                trigger=words[-1],
                before=words[:-1],
                pos=pos,  # type: ignore[arg-type]  # checked above
                particle=row["particle"].casefold() or None,
                prep=row["prep"].casefold() or None,
                object=row["object"].casefold() or None,
                target=target,  # type: ignore[arg-type]  # checked above
                source=where,
            )
            key = (words, pos, pattern.particle, pattern.prep, pattern.object)
            if key in seen:  # the first file wins; later duplicates are ignored
                continue
            seen[key] = code
            index[(pattern.trigger, pos)].append(pattern)
    return PatternBook(
        by_trigger={
            key: tuple(sorted(items, key=lambda p: -p.specificity)) for key, items in index.items()
        },
        files=tuple(files),
    )


@lru_cache(maxsize=4)
def pattern_book(extra_dirs: tuple[Path, ...] = ()) -> PatternBook:
    """The pattern dictionary, loaded once per process."""
    return load_patterns(extra_dirs)
