"""The resolver's vocabulary: ``eventwatch/data/dates/vocab.toml``, read and checked.

Month and weekday names, number words, seasons, holidays, the windows of
"early"/"mid"/"late".  :func:`shipped_vocab` reads the shipped file once per
process; a malformed file raises :class:`~eventwatch.errors.ConfigError` naming
the file (and the line).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from eventwatch.dates.periods import safe_day
from eventwatch.errors import ConfigError

__all__ = ["VOCAB_PATH", "DateVocab", "Floating", "read_vocab", "shipped_vocab"]

VOCAB_PATH = Path(__file__).resolve().parent.parent / "data" / "dates" / "vocab.toml"


@dataclass(frozen=True, slots=True)
class Floating:
    month: int
    weekday: int
    nth: int
    first_day: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DateVocab:
    """The vocabulary of the resolver, read from ``vocab.toml`` (see that file)."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    vague_numbers: Mapping[str, int]
    ordinals: Mapping[str, int]
    seasons: Mapping[str, tuple[int, int]]
    part_words: Mapping[str, str]
    month_parts: Mapping[str, tuple[int, int]]
    year_parts: Mapping[str, tuple[int, int]]
    decade_parts: Mapping[str, tuple[int, int]]
    decade_words: Mapping[str, int]
    fixed_holidays: Mapping[str, tuple[int, int]]
    floating_holidays: Mapping[str, Floating]


_PARTS = ("early", "mid", "late")


class _VocabReader:
    """Checks the tables of one vocabulary file; errors name the file and line."""

    def __init__(self, path: Path, text: str, raw: Mapping[str, Any]) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.raw = raw

    def fail(self, table: str, key: str | None, problem: str) -> ConfigError:
        line = self.line_of(table, key)
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        name = f"[{table}]" if key is None else f"[{table}] {key!r}"
        return ConfigError(f"{where}: {name}: {problem}; fix the vocabulary file")

    def line_of(self, table: str, key: str | None) -> int | None:
        """The line of ``key`` in ``[table]`` (or of the header), by a plain scan."""
        current = ""
        for number, raw_line in enumerate(self.lines, start=1):
            line = raw_line.strip()
            if line.startswith("[") and line.endswith("]"):
                current = line.strip("[] ")
                if key is None and current == table:
                    return number
                continue
            if current == table and key is not None:
                name = line.partition("=")[0].strip().strip("\"'")
                if name == key:
                    return number
        return None

    def table(self, dotted: str) -> Mapping[str, Any]:
        value: Any = self.raw
        for part in dotted.split("."):
            if not isinstance(value, Mapping) or part not in value:
                raise self.fail(dotted, None, "table missing")
            value = value[part]
        if not isinstance(value, Mapping) or not value:
            raise self.fail(dotted, None, "expected a table with at least one entry")
        return value

    def ints(self, dotted: str, low: int, high: int) -> Mapping[str, int]:
        out: dict[str, int] = {}
        for key, value in self.table(dotted).items():
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise self.fail(dotted, key, f"expected a whole number {low}-{high}, got {value!r}")
            out[str(key)] = value
        return MappingProxyType(out)

    def pairs(self, dotted: str, low: int, high: int) -> Mapping[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for key, value in self.table(dotted).items():
            if (
                not isinstance(value, list)
                or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
                or not all(low <= v <= high for v in value)
            ):
                raise self.fail(dotted, key, f"expected [first, last] within {low}-{high}")
            out[str(key)] = (int(value[0]), int(value[1]))
        return MappingProxyType(out)

    def parts(self, dotted: str, low: int, high: int) -> Mapping[str, tuple[int, int]]:
        table = self.pairs(dotted, low, high)
        missing = [part for part in _PARTS if part not in table]
        if missing:
            raise self.fail(dotted, None, f"needs the parts {', '.join(_PARTS)}")
        for key, (first, last) in table.items():
            if first > last:
                raise self.fail(dotted, key, "the first value must not exceed the last")
        return table

    def part_words(self) -> Mapping[str, str]:
        out: dict[str, str] = {}
        for key, value in self.table("part_words").items():
            if value not in _PARTS:
                raise self.fail("part_words", key, f"expected one of {', '.join(_PARTS)}")
            out[str(key)] = str(value)
        return MappingProxyType(out)

    def fixed_holidays(self) -> Mapping[str, tuple[int, int]]:
        table = self.pairs("holidays.fixed", 1, 31)
        for key, (month, day) in table.items():
            if safe_day(2000, month, day) is None:
                raise self.fail("holidays.fixed", key, "expected [month, day] of a real day")
        return table

    def floating_holidays(self) -> Mapping[str, Floating]:
        out: dict[str, Floating] = {}
        for key, spec in self.table("holidays.floating").items():
            try:
                entry = Floating(
                    month=int(spec["month"]),
                    weekday=int(spec["weekday"]),
                    nth=int(spec["nth"]),
                    first_day=int(spec.get("from", 1)),
                )
            except (TypeError, KeyError, ValueError, AttributeError) as error:
                raise self.fail(
                    "holidays.floating", key, "expected { month, weekday, nth[, from] }"
                ) from error
            if not (
                1 <= entry.month <= 12
                and 0 <= entry.weekday <= 6
                and entry.nth in (-1, 1, 2, 3, 4, 5)
                and 1 <= entry.first_day <= 28
            ):
                raise self.fail("holidays.floating", key, "a value is out of range")
            out[str(key)] = entry
        return MappingProxyType(out)


def read_vocab(path: Path) -> DateVocab:
    """Read and check a vocabulary file; :class:`ConfigError` names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read the date vocabulary {path}: {error}") from error
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    reader = _VocabReader(path, text, raw)
    return DateVocab(
        months=reader.ints("months", 1, 12),
        weekdays=reader.ints("weekdays", 0, 6),
        numbers=reader.ints("numbers", 0, 10_000),
        vague_numbers=reader.ints("vague_numbers", 1, 100),
        ordinals=reader.ints("ordinals", 1, 100),
        seasons=reader.pairs("seasons", 1, 12),
        part_words=reader.part_words(),
        month_parts=reader.parts("parts.month", 1, 31),
        year_parts=reader.parts("parts.year", 1, 12),
        decade_parts=reader.parts("parts.decade", 0, 9),
        decade_words=reader.ints("decade_words", 1000, 2190),
        fixed_holidays=reader.fixed_holidays(),
        floating_holidays=reader.floating_holidays(),
    )


@cache
def shipped_vocab() -> DateVocab:
    """The shipped vocabulary, read once per process."""
    return read_vocab(VOCAB_PATH)
