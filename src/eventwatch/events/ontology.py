"""The event ontology: CAMEO codes, PLOVER types and the mapping between them.

Three user-editable TSV files in ``eventwatch/data/events/`` (documented in that
folder's README):

* ``cameo.tsv``        code, name, goldstein, quad_class, root, note — every
  CAMEO event code (2-digit roots, 3- and 4-digit children)
* ``plover.tsv``       type, description, modes, contexts — the 16 PLOVER types
  with the modes and contexts each allows (``|``-separated)
* ``cameo_plover.tsv`` cameo, plover_type, plover_mode, plover_context, note —
  CAMEO code → PLOVER; an empty ``plover_type`` says "no PLOVER event"

A malformed row raises :class:`ConfigError` naming the file and line, and so do
references that do not resolve: a mapping for a CAMEO code ``cameo.tsv`` lacks,
a PLOVER type ``plover.tsv`` lacks, or a mode or context the type does not allow.
``extra_dirs`` hold more files of the same three names; their rows are read
after the shipped ones and replace shipped rows for the same code or type.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from eventwatch.errors import ConfigError
from eventwatch.tables import need, read_table

CAMEO_FILE = "cameo.tsv"
PLOVER_FILE = "plover.tsv"
MAPPING_FILE = "cameo_plover.tsv"

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

_CODE = re.compile(r"\d{2,4}")
_TYPE = re.compile(r"[A-Z][A-Z_]*")


@dataclass(frozen=True, slots=True, kw_only=True)
class CameoCode:
    """One CAMEO event code, e.g. ``036`` "Express intent to meet or negotiate"."""

    code: str
    name: str
    goldstein: float  # -10 (most conflictual) .. +10 (most cooperative)
    quad_class: int  # 1..4, see QUAD_CLASSES
    root: str  # the 2-digit cue category ("03")
    note: str = ""

    @property
    def parent(self) -> str | None:
        """The code one level up (``0362`` → ``036`` → ``03``); None for a root."""
        if len(self.code) == 2:
            return None
        return self.code[:-1] if len(self.code) == 4 else self.code[:2]

    @property
    def quad_name(self) -> str:
        return QUAD_CLASSES[self.quad_class]


@dataclass(frozen=True, slots=True, kw_only=True)
class PloverType:
    """One PLOVER event type with the modes and contexts it may carry."""

    name: str
    description: str
    modes: tuple[str, ...]
    contexts: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PloverMapping:
    """The PLOVER reading of a CAMEO code: type, optional mode, zero or more contexts."""

    type: str
    mode: str | None
    context: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity
class Ontology:
    """Every table the coder needs, built once (see :func:`load_ontology`)."""

    _cameo: dict[str, CameoCode]
    _plover: dict[str, PloverType]
    _mapping: dict[str, PloverMapping | None]  # None: explicitly no PLOVER event

    def cameo(self, code: str) -> CameoCode:
        """The CAMEO code ``code`` (a string: ``"010"`` and ``"10"`` differ)."""
        try:
            return self._cameo[code]
        except KeyError:
            raise KeyError(
                f"unknown CAMEO event code {code!r} (codes are 2-4 digit strings such as '036')"
            ) from None

    def __contains__(self, code: object) -> bool:
        return code in self._cameo

    def __len__(self) -> int:
        return len(self._cameo)

    def codes(self) -> tuple[str, ...]:
        """Every CAMEO code, roots before their children, in numeric order."""
        return tuple(self._cameo)

    def roots(self) -> tuple[str, ...]:
        """The 2-digit cue categories ("01" .. "20")."""
        return tuple(code for code in self._cameo if len(code) == 2)

    def children(self, code: str) -> tuple[str, ...]:
        """The codes directly below ``code`` (``03`` → ``030`` .. ``039``)."""
        self.cameo(code)
        return tuple(c for c, entry in self._cameo.items() if entry.parent == code)

    def plover_type(self, name: str) -> PloverType:
        try:
            return self._plover[name]
        except KeyError:
            known = ", ".join(self._plover)
            raise KeyError(f"unknown PLOVER type {name!r} (known: {known})") from None

    def plover_types(self) -> tuple[PloverType, ...]:
        return tuple(self._plover.values())

    def plover_for(self, code: str) -> PloverMapping | None:
        """The PLOVER mapping of ``code``, else of its parent, else of its root.

        None when the nearest row says "no PLOVER event" (public statements) or
        no level has a row.  Raises KeyError for a code ``cameo.tsv`` lacks.
        """
        entry: CameoCode | None = self.cameo(code)
        while entry is not None:
            if entry.code in self._mapping:
                return self._mapping[entry.code]
            entry = self._cameo.get(entry.parent) if entry.parent else None
        return None


# -- reading -------------------------------------------------------------------------


Source = Traversable | Path


def _label(source: Source) -> str:
    return str(source) if isinstance(source, Path) else f"data/events/{source.name}"


def _rows(source: Source, columns: Sequence[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """``("file:line", row)`` for every data row; a bad row raises ConfigError naming it."""
    label = _label(source)
    for number, row in read_table(source, columns=columns, label=label):
        yield f"{label}:{number}", row


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _files(name: str, extra_dirs: Sequence[Path], shipped: bool) -> list[Source]:
    """The shipped file ``name`` (exact name only) followed by any in ``extra_dirs``."""
    found: list[Source] = []
    if shipped:
        packaged = resources.files("eventwatch").joinpath("data/events").joinpath(name)
        if packaged.is_file():
            found.append(packaged)
    for folder in extra_dirs:
        candidate = Path(folder) / name
        if candidate.is_file():
            found.append(candidate)
    if not found:
        where = "the package data" if shipped else "extra_dirs"
        raise ConfigError(f"event ontology file {name} not found in {where}")
    return found


def _code(row: dict[str, str], column: str, where: str) -> str:
    code = need(row, column, where)
    if not _CODE.fullmatch(code):
        raise ConfigError(f"{where}: CAMEO code {code!r} is not 2 to 4 digits")
    return code


def _read_plover(sources: Sequence[Source]) -> dict[str, PloverType]:
    types: dict[str, PloverType] = {}
    for source in sources:
        seen: dict[str, str] = {}
        for where, row in _rows(source, ("type", "description", "modes", "contexts")):
            name = need(row, "type", where)
            if not _TYPE.fullmatch(name):
                raise ConfigError(f"{where}: PLOVER type {name!r} is not upper-case letters")
            if name in seen:
                raise ConfigError(f"{where}: PLOVER type {name} repeats {seen[name]}")
            seen[name] = where
            types[name] = PloverType(
                name=name,
                description=row["description"],
                modes=_split(row["modes"]),
                contexts=_split(row["contexts"]),
            )
    return types


def _read_cameo(sources: Sequence[Source]) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    where_of: dict[str, str] = {}
    for source in sources:
        seen: dict[str, str] = {}
        columns = ("code", "name", "goldstein", "quad_class", "root")
        for where, row in _rows(source, columns):
            code = _code(row, "code", where)
            if code in seen:
                raise ConfigError(f"{where}: CAMEO code {code} repeats {seen[code]}")
            seen[code] = where
            root = need(row, "root", where)
            if root != code[:2]:
                raise ConfigError(f"{where}: root {root!r} is not the first two digits of {code}")
            goldstein_cell = need(row, "goldstein", where)
            try:
                goldstein = float(goldstein_cell)
            except ValueError:
                goldstein = math.nan
            if not -10.0 <= goldstein <= 10.0:
                raise ConfigError(
                    f"{where}: goldstein {goldstein_cell!r} is not a number from -10 to 10"
                )
            quad_cell = need(row, "quad_class", where)
            if quad_cell not in {"1", "2", "3", "4"}:
                raise ConfigError(f"{where}: quad_class {quad_cell!r} is not 1, 2, 3 or 4")
            codes[code] = CameoCode(
                code=code,
                name=need(row, "name", where),
                goldstein=goldstein,
                quad_class=int(quad_cell),
                root=root,
                note=row.get("note", ""),
            )
            where_of[code] = where
    for code, entry in codes.items():
        if entry.parent is not None and entry.parent not in codes:
            raise ConfigError(f"{where_of[code]}: CAMEO code {code} has no parent {entry.parent}")
    return dict(sorted(codes.items()))  # "03" < "030" < "0311" < "032": roots first


def _read_mapping(
    sources: Sequence[Source], codes: dict[str, CameoCode], types: dict[str, PloverType]
) -> dict[str, PloverMapping | None]:
    mapping: dict[str, PloverMapping | None] = {}
    for source in sources:
        seen: dict[str, str] = {}
        columns = ("cameo", "plover_type", "plover_mode", "plover_context")
        for where, row in _rows(source, columns):
            code = _code(row, "cameo", where)
            if code not in codes:
                raise ConfigError(f"{where}: CAMEO code {code} is not in {CAMEO_FILE}")
            if code in seen:
                raise ConfigError(f"{where}: CAMEO code {code} repeats {seen[code]}")
            seen[code] = where
            name = row["plover_type"]
            mode = row["plover_mode"] or None
            contexts = _split(row["plover_context"])
            if not name:
                if mode or contexts:
                    raise ConfigError(f"{where}: a mode or context needs a plover_type")
                mapping[code] = None
                continue
            plover = types.get(name)
            if plover is None:
                raise ConfigError(f"{where}: PLOVER type {name!r} is not in {PLOVER_FILE}")
            if mode is not None and mode not in plover.modes:
                allowed = ", ".join(plover.modes) or "none"
                raise ConfigError(f"{where}: {name} has no mode {mode!r} (allowed: {allowed})")
            for context in contexts:
                if context not in plover.contexts:
                    raise ConfigError(f"{where}: {name} has no context {context!r}")
            mapping[code] = PloverMapping(
                type=name, mode=mode, context=contexts, note=row.get("note", "")
            )
    return mapping


def load_ontology(extra_dirs: Sequence[Path] = (), *, shipped: bool = True) -> Ontology:
    """Read the three files and check them (use :func:`ontology` for the cached one).

    ``extra_dirs`` hold more files of the same names, read after the shipped ones;
    ``shipped=False`` reads only those (tests build small ontologies this way).
    """
    types = _read_plover(_files(PLOVER_FILE, extra_dirs, shipped))
    codes = _read_cameo(_files(CAMEO_FILE, extra_dirs, shipped))
    mapping = _read_mapping(_files(MAPPING_FILE, extra_dirs, shipped), codes, types)
    return Ontology(codes, types, mapping)


@lru_cache(maxsize=4)
def ontology(extra_dirs: tuple[Path, ...] = ()) -> Ontology:
    """The ontology, loaded once per process (per set of extra folders)."""
    return load_ontology(extra_dirs)
