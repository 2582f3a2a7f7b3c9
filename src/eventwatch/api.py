"""The library API the CLI (and later the web service) is a thin shell over.

* :func:`extract` — run the pipeline over paths and yield records, store nothing
* :func:`extract_text` — the same for one text or HTML string held in memory
* :func:`ingest` — run the pipeline and store the articles, skipping stored ones
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from eventwatch.errors import EventwatchError
from eventwatch.ingest.sources import RawDocument, iter_sources
from eventwatch.nlp import model_label
from eventwatch.pipeline import Result, Skipped, run
from eventwatch.records import Article, Failure
from eventwatch.settings import Settings, load_settings
from eventwatch.store import KnownHashes, open_store
from eventwatch.store.stories import ConsolidationReport

if TYPE_CHECKING:
    from eventwatch.exports import ExportReport

ProgressFn = Callable[["RunReport"], None]


@dataclass(slots=True, kw_only=True)
class RunReport:
    """Running totals of one ingest run (passed to the progress callback as it goes)."""

    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    consolidation: ConsolidationReport | None = None  # stories and events after the run

    @property
    def done(self) -> int:
        return self.stored + self.duplicates + self.skipped + len(self.failures)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def ok(self) -> bool:
        return not self.failures


def _settings(settings: Settings | None, only: str | None) -> Settings:
    resolved = settings or load_settings()
    if only == "article":
        resolved = resolved.with_overrides(stages=["ingest"])
    return resolved


def extract(
    paths: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    only: Literal["article"] | None = None,
    stdin: io.BufferedIOBase | None = None,
) -> Iterator[Article | Failure]:
    """Yield one article (or failure) per document under ``paths``, in input order.

    ``only="article"`` stops after ingest: clean body and metadata, no parse.
    """
    resolved = _settings(settings, only)
    items = iter_sources(
        paths,
        max_document_bytes=resolved.max_document_bytes,
        stdin=stdin,  # type: ignore[arg-type]
    )
    for result in run(items, settings=resolved):
        if isinstance(result, Skipped):  # no skip function is given here
            continue
        yield result


def extract_text(
    text: str,
    *,
    id: str = "text",  # the record's field is called id
    kind: Literal["text", "html"] = "text",
    settings: Settings | None = None,
    only: Literal["article"] | None = None,
) -> Article:
    """Run the pipeline on one in-memory document; raise on failure."""
    resolved = _settings(settings, only).with_overrides(workers=1)
    raw = RawDocument(id=id, source=id, kind=kind, data=text.encode("utf-8"))
    (result,) = list(run([raw], settings=resolved))
    if isinstance(result, Failure):
        raise EventwatchError(str(result))
    if isinstance(result, Skipped):  # pragma: no cover - no skip function is given
        raise EventwatchError(f"{id}: skipped ({result.reason})")
    return result


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | Path | None = None,
    settings: Settings | None = None,
    progress: ProgressFn | None = None,
    stdin: io.BufferedIOBase | None = None,
) -> RunReport:
    """Run the pipeline over ``paths`` and store every article, one transaction each.

    Articles already in the store are skipped before parsing, so a killed run
    resumes where it stopped.  Failures are collected in the report; the batch
    goes on.
    """
    resolved = _settings(settings, None)
    db_path = Path(db or resolved.db)
    report = RunReport()
    model = model_label(resolved.model) if "nlp" in resolved.stages else None
    with open_store(db_path) as store:
        items = iter_sources(
            paths,
            max_document_bytes=resolved.max_document_bytes,
            stdin=stdin,  # type: ignore[arg-type]
        )
        result: Result
        for result in run(items, settings=resolved, skip=KnownHashes(db_path)):
            if isinstance(result, Failure):
                report.failures.append(result)
            elif isinstance(result, Skipped):
                report.skipped += 1
            elif store.add(result, model=model):
                report.stored += 1
            else:
                report.duplicates += 1
            if progress is not None:
                progress(report)
        if report.stored or not store.stats().stories:
            # stories and consolidated events span articles: rebuilt once per run
            report.consolidation = store.consolidate()
    return report


def export(
    *,
    db: str | Path,
    format: str,  # the format's name, as the CLI spells it
    out: IO[str] | Path,
    include_authored: bool = False,
    modalities: Collection[str] | None = ("asserted",),
    header: bool | None = None,
    partition: Literal["month"] | None = None,
    settings: Settings | None = None,
) -> ExportReport:
    """Write the events stored in ``db`` as ``gdelt``, ``icews``, ``plover``, ``jsonl``
    or ``parquet`` (see :mod:`eventwatch.exports`); return the :class:`ExportReport`.

    Each consolidated event is written once, with its mention counts.  Only
    asserted events are written unless ``modalities`` names others (``None``:
    every modality); the opinion author's own judgements are left out unless
    ``include_authored``.
    """
    from eventwatch.exports import load_export_tables, write_export
    from eventwatch.knowledge import knowledge_base_for, ontology_for

    resolved = settings or load_settings()
    tables = load_export_tables(
        knowledge_base=knowledge_base_for(resolved), ontology=ontology_for(resolved)
    )
    with open_store(Path(db)) as store:
        return write_export(
            store.iter_articles(),
            format=format,
            out=out,
            include_authored=include_authored,
            modalities=modalities,
            header=header,
            counts=store.mention_counts(),
            tables=tables,
            partition=partition,
        )


def events_frame(
    *,
    db: str | Path,
    include_authored: bool = False,
    modalities: Collection[str] | None = None,
) -> Any:
    """The stored events as a pandas DataFrame, one row per consolidated event, every
    modality unless ``modalities`` names some (needs ``eventwatch[tables]``)."""
    from eventwatch.exports import events_frame as frame

    with open_store(Path(db)) as store:
        return frame(
            store.iter_articles(),
            include_authored=include_authored,
            modalities=modalities,
            counts=store.mention_counts(),
        )
