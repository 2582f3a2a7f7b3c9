"""Reading the project's data tables: one reader for every TSV file in ``data/``.

Every knowledge file (actors, places, events, quotes, stance) has the same
shape: UTF-8, tab-separated, blank lines and ``#`` comment lines anywhere, the
first other line a header naming the columns.  :func:`read_rows` yields each
data row as a dict with its line number; a missing column, a row with more
cells than the header, or an unreadable file raises
:class:`~eventwatch.errors.ConfigError` naming the file and line, so a user who
edits a table learns exactly where the mistake is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from eventwatch.errors import ConfigError

Source = Traversable | Path


def packaged(relative: str) -> Traversable:
    """A file or folder shipped inside the package: ``packaged("data/events/cameo.tsv")``."""
    return resources.files("eventwatch").joinpath(relative)


def read_text(source: Source, *, label: str | None = None) -> str:
    """The text of a data file; an unreadable one raises ConfigError naming it."""
    try:
        return source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read data file {label or source.name}: {error}") from error


def read_rows(
    text: str, *, name: str, columns: Sequence[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for every data row of a table's ``text``.

    ``name`` is how errors name the file; ``columns`` must all be in the
    header.  Cells are stripped; a short row is padded with empty cells.
    """
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            missing = [column for column in columns if column not in header]
            if missing:
                raise ConfigError(f"{name}:{number}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise ConfigError(
                f"{name}:{number}: {len(cells)} cells but the header has {len(header)} columns"
            )
        cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, cells, strict=True))


def read_table(
    source: Source, *, columns: Sequence[str] = (), label: str | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """:func:`read_rows` over a file."""
    name = label or source.name
    yield from read_rows(read_text(source, label=name), name=name, columns=columns)


def need(row: dict[str, str], column: str, where: str) -> str:
    """The value of a required cell; an empty one raises ConfigError at ``where``."""
    value = row.get(column, "")
    if not value:
        raise ConfigError(f"{where}: column '{column}' is empty")
    return value
