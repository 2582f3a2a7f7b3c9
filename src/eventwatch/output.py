"""Rendering rows for the read commands: one output option set, four formats.

``table`` (aligned columns; the last column — a sentence, a quote, a title —
is shown whole, wrapped under itself, and a footer says "N of M" when rows
were cut by a limit), ``json`` (one array), ``jsonl`` (one object a line) and
``csv`` (a header row, then every value whole).  Pure functions over lists of
dicts, so the CLI stays a shell and the formats are tested without click.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence
from typing import Any, Literal

__all__ = ["OUTPUT_FORMATS", "OutputFormat", "render", "render_table"]

OutputFormat = Literal["table", "json", "jsonl", "csv"]
OUTPUT_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv")
_MAX_CELL = 40
_MIN_LAST = 30


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return " ".join(str(value).split())


def footer(shown: int, total: int | None) -> str | None:
    """``"100 of 342 rows (--limit N to see more)"`` when rows were cut, else None."""
    if total is None or total <= shown:
        return None
    return f"{shown} of {total} rows (--limit N to see more)"


def render_table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    width: int = 100,
    total: int | None = None,
) -> str:
    """Aligned columns; the last one whole, wrapped to fit ``width`` characters."""
    cells = [[_text(row.get(column)) for column in columns] for row in rows]
    widths = [
        min(max([len(column)] + [len(r[i]) for r in cells]), _MAX_CELL)
        for i, column in enumerate(columns[:-1])
    ]
    used = sum(widths) + 2 * len(widths)
    last = max(width - used, _MIN_LAST)

    def line(values: Sequence[str], last_part: str) -> str:
        head = "  ".join(
            (v if len(v) <= w else v[: w - 1] + "…").ljust(w)
            for v, w in zip(values, widths, strict=True)
        )
        return (head + "  " + last_part if widths else last_part).rstrip()

    out = [line(list(columns[:-1]), columns[-1])]
    out.append(line(["-" * w for w in widths], "-" * min(last, max(len(columns[-1]), 10))))
    for row in cells:
        wrapped = textwrap.wrap(row[-1], width=last) or [""]
        out.append(line(row[:-1], wrapped[0]))
        pad = " " * (used)
        out += [(pad + part).rstrip() for part in wrapped[1:]]
    note = footer(len(rows), total)
    if note:
        out.append(note)
    return "\n".join(out)


def render(
    rows: Sequence[dict[str, Any]],
    *,
    format: str,
    columns: Sequence[str],
    width: int = 100,
    total: int | None = None,
) -> str:
    """``rows`` in ``format`` (table, json, jsonl, csv); json and jsonl keep whole records."""
    if format == "table":
        return render_table(rows, columns, width=width, total=total)
    if format == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str)
    if format == "jsonl":
        return "\n".join(json.dumps(row, ensure_ascii=False, default=str) for row in rows)
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(row.get(column)) for column in columns])
        return buffer.getvalue().rstrip("\n")
    raise ValueError(f"unknown output format {format!r}; choose from {', '.join(OUTPUT_FORMATS)}")
