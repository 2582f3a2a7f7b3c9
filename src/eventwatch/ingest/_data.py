"""Read the editable ingest tables shipped in ``eventwatch/data/ingest/``.

Every table is a UTF-8, tab-separated file; blank lines and lines starting with
``#`` are comments.  Callers cache what they build from the rows
(``functools.lru_cache``), so each file is read once per process.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "read_rows"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "ingest"


def read_rows(name: str, *, columns: int) -> tuple[tuple[str, ...], ...]:
    """Return the rows of ``data/ingest/<name>``, each cut into exactly ``columns`` cells.

    A row with fewer cells is padded with ``""``; extra tabs stay in the last cell.
    """
    rows: list[tuple[str, ...]] = []
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("\t", columns - 1)]
        cells += [""] * (columns - len(cells))
        rows.append(tuple(cells))
    return tuple(rows)
