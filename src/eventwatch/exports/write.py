"""Writing whole exports: never a half-written file, and a report of what was left out."""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from eventwatch.exports.flat import TABLE_COLUMNS, arrow_table, require, to_row
from eventwatch.exports.gdelt import GDELT_COLUMNS, to_gdelt
from eventwatch.exports.icews import ICEWS_COLUMNS, to_icews
from eventwatch.exports.plover import plover_problem, to_plover
from eventwatch.exports.select import DEFAULT_MODALITIES, ExportItem, export_items
from eventwatch.exports.tables import ExportTables, load_export_tables
from eventwatch.records import Article
from eventwatch.store.stories import MentionCounts

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped,import-not-found,unused-ignore]

__all__ = ["EXPORT_FORMATS", "ExportReport", "events_frame", "write_export"]

EXPORT_FORMATS: tuple[str, ...] = ("gdelt", "icews", "plover", "parquet", "jsonl")
Partition = Literal["month"]


@dataclass(slots=True, kw_only=True)
class ExportReport:
    """How many rows were written, and how many events were left out and why."""

    rows: int = 0
    left_out: Counter[str] = field(default_factory=Counter)

    def describe(self) -> str:
        """``12 events exported; 3 left out: …`` for the command line."""
        text = f"{self.rows} events exported"
        if self.left_out:
            reasons = "; ".join(f"{n} × {why}" for why, n in self.left_out.most_common())
            text += f"; {sum(self.left_out.values())} left out: {reasons}"
        return text


def _cell(value: object) -> str:
    """A value as one tab-separated cell: ``None`` empty, tabs and line breaks as spaces."""
    if value is None:
        return ""
    text = str(value)
    if "\t" in text or "\n" in text or "\r" in text:
        text = " ".join(text.replace("\t", " ").splitlines())
    return text


def _to_jsonl(item: ExportItem) -> dict[str, object]:
    counts = item.counts
    return {
        "article_id": item.article.id,
        "global_event_id": item.global_id,
        "story_id": counts.story_id if counts else None,
        "num_mentions": counts.num_mentions if counts else 1,
        "num_sources": counts.num_sources if counts else 1,
        "num_articles": counts.num_articles if counts else 1,
        **item.event.to_dict(),
    }


def _write_text(
    stream: IO[str],
    items: Iterable[ExportItem],
    format: str,
    header: bool,
    tables: ExportTables,
    report: ExportReport,
) -> None:
    columns: tuple[str, ...] = ()
    tsv: Callable[[ExportItem], dict[str, object]] | None = None
    if format == "gdelt":
        columns, tsv = GDELT_COLUMNS, lambda item: to_gdelt(item, tables=tables)
    elif format == "icews":
        columns, tsv = ICEWS_COLUMNS, lambda item: to_icews(item, tables=tables)
    if tsv is not None and header:
        stream.write("\t".join(columns) + "\n")
    for item in items:
        if tsv is not None:
            row = tsv(item)
            stream.write("\t".join(_cell(row[name]) for name in columns) + "\n")
        elif format == "plover":
            problem = plover_problem(item, tables=tables)
            if problem is not None:
                report.left_out[problem] += 1
                continue
            record = to_plover(item, tables=tables)
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            stream.write(json.dumps(_to_jsonl(item), ensure_ascii=False) + "\n")
        report.rows += 1


def _temp_beside(path: Path, *, folder: bool = False) -> Path:
    """A new, empty file (or folder) next to ``path``, so the final rename is atomic,
    named so that a later run removes it if this one is killed
    (:func:`eventwatch.destination.remove_stale_temps`)."""
    from eventwatch.destination import TEMP_PREFIX, remove_stale_temps

    remove_stale_temps(path.parent)
    while True:
        temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp")
        try:
            if folder:
                temp.mkdir()
            else:
                temp.open("x").close()
        except FileExistsError:
            continue
        return temp


def _write_parquet(
    out: Path, items: Iterable[ExportItem], partition: Partition | None, report: ExportReport
) -> None:
    pq = require("pyarrow.parquet", "parquet export")
    rows = [to_row(item) for item in items]
    table = arrow_table(rows, month=partition == "month")
    if partition is None:
        temp = _temp_beside(out)
        try:
            pq.write_table(table, temp)
            temp.replace(out)
        except BaseException:
            with suppress(OSError):
                temp.unlink()
            raise
    else:
        if out.exists() and not out.is_dir():
            raise ValueError(f"--partition writes a folder, and {out} is a file")
        temp = _temp_beside(out, folder=True)
        try:
            pq.write_to_dataset(table, root_path=str(temp), partition_cols=["month"])
            if out.exists():
                old = _temp_beside(out, folder=True)
                old.rmdir()
                out.replace(old)
                temp.replace(out)
                shutil.rmtree(old, ignore_errors=True)
            else:
                temp.replace(out)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
    report.rows += int(table.num_rows)


def write_export(
    articles: Iterable[Article],
    *,
    format: str,
    out: IO[str] | Path,
    include_authored: bool = False,
    modalities: Collection[str] | None = DEFAULT_MODALITIES,
    header: bool | None = None,
    counts: Mapping[tuple[str, str], MentionCounts] | None = None,
    tables: ExportTables | None = None,
    partition: Partition | None = None,
) -> ExportReport:
    """Write the exported events of ``articles`` to ``out``; return an :class:`ExportReport`.

    ``format`` is one of :data:`EXPORT_FORMATS` (anything else is a
    ``ValueError``).  Only asserted events are written unless ``modalities``
    says otherwise (``None``: all).  ``header``: GDELT's own files have no
    header row, so ``gdelt`` writes none unless ``header=True``; ``icews``
    writes one unless ``header=False``.  ``counts`` (from
    :meth:`eventwatch.store.Store.mention_counts`) writes each consolidated event
    once with its mention counts.  ``parquet`` needs pyarrow and a path;
    ``partition="month"`` writes a hive-partitioned folder (``month=2013-04/…``).
    A path is written through a temporary file beside it that replaces it only
    when every row is written, so an error leaves the old file (or none).
    """
    if format not in EXPORT_FORMATS:
        raise ValueError(
            f"unknown export format {format!r}; choose from {', '.join(EXPORT_FORMATS)}"
        )
    if partition is not None and format != "parquet":
        raise ValueError("only parquet exports can be partitioned")
    items = export_items(
        articles, include_authored=include_authored, modalities=modalities, counts=counts
    )
    report = ExportReport()
    if format == "parquet":
        if not isinstance(out, Path):
            raise ValueError("parquet export needs a file path, not a text stream")
        _write_parquet(out, items, partition, report)
        return report
    resolved = tables or load_export_tables()
    with_header = header if header is not None else format == "icews"
    if not isinstance(out, Path):
        _write_text(out, items, format, with_header, resolved, report)
        return report
    temp = _temp_beside(out)
    try:
        with temp.open("w", encoding="utf-8", newline="") as stream:
            _write_text(stream, items, format, with_header, resolved, report)
        temp.replace(out)
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
    return report


def events_frame(
    articles: Iterable[Article],
    *,
    include_authored: bool = False,
    modalities: Collection[str] | None = None,
    counts: Mapping[tuple[str, str], MentionCounts] | None = None,
) -> pandas.DataFrame:
    """The flat event table (:data:`TABLE_COLUMNS`) as a pandas DataFrame, one row per event.

    Every modality is kept unless ``modalities`` names some (the ``modality``
    column says which each is).  ``date`` is a datetime64 column (``NaT`` where
    unknown).  Needs pandas (``pip install 'eventwatch[tables]'``).
    """
    pd = require("pandas", "events_frame")
    items = export_items(
        articles, include_authored=include_authored, modalities=modalities, counts=counts
    )
    rows: list[dict[str, Any]] = [to_row(item) for item in items]
    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"])
    return frame
