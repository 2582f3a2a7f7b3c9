"""The library API the CLI (and later the web service) is a thin shell over.

* :func:`extract` — run the pipeline over paths and yield records, store nothing
* :func:`extract_text` — the same for one text or HTML string held in memory
* :func:`ingest` — run the pipeline and store the articles, skipping stored ones
"""

from __future__ import annotations

import io
import itertools
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from eventwatch.errors import EventwatchError
from eventwatch.ingest.sources import RawDocument, iter_sources
from eventwatch.nlp import model_label
from eventwatch.pipeline import Result, Skipped, run
from eventwatch.records import Article, Failure
from eventwatch.settings import Settings, load_settings
from eventwatch.store import KnownHashes, Store, open_store
from eventwatch.store.stories import ConsolidationReport

if TYPE_CHECKING:
    from eventwatch.exports import ExportReport
    from eventwatch.feeds import Fetcher, SeenLog

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
    seen: int = 0  # feed items skipped as taken before (by GUID/link or body hash)

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
    fetcher: Fetcher | None = None,
) -> RunReport:
    """Run the pipeline over ``paths`` and store every article, one transaction each.

    ``paths`` may mix files, folders, ``-``, page URLs and feeds (an
    ``http(s)`` URL serving RSS/Atom, or a ``.xml``/``.rss``/``.atom`` file):
    each feed item's page is fetched once — items taken before (by GUID or
    link, or a body fetched before) are skipped and counted in
    ``report.seen``.  Articles already in the store are skipped before
    parsing, so a killed run resumes where it stopped; an article stored by an
    earlier run with fewer stages (``stages = ["ingest"]``) is analysed again
    and completed.  Failures are collected
    in the report; the batch goes on.  Stories and consolidated events are
    rebuilt at the end.
    """
    from eventwatch.feeds import Fetcher, SeenLog, is_feed_path, is_url, remote_documents

    resolved = _settings(settings, None)
    db_path = Path(db or resolved.db)
    report = RunReport()
    model = model_label(resolved.model) if "nlp" in resolved.stages else None
    given = [str(path) for path in paths]
    remote = [p for p in given if is_url(p) or is_feed_path(p)]
    local = [p for p in given if p not in remote]
    seen = SeenLog()
    own_fetcher = fetcher is None and bool(remote)
    active = fetcher or (Fetcher() if remote else None)
    try:
        with open_store(db_path) as store:
            items: Iterable[RawDocument | Failure] = iter_sources(
                local,
                max_document_bytes=resolved.max_document_bytes,
                stdin=stdin,  # type: ignore[arg-type]
            )
            if remote and active is not None:
                items = itertools.chain(
                    items,
                    remote_documents(
                        remote,
                        fetcher=active,
                        seen_item=store.feed_item_seen,
                        seen_body=store.feed_body_seen,
                        log_to=seen,
                    ),
                )
            result: Result
            known = KnownHashes(db_path.resolve(), stages=resolved.stages)
            for result in run(items, settings=resolved, skip=known):
                if isinstance(result, Failure):
                    report.failures.append(result)
                elif isinstance(result, Skipped):
                    report.skipped += 1
                elif store.add(result, model=model, stages=resolved.stages):
                    report.stored += 1
                else:
                    report.duplicates += 1
                if progress is not None:
                    progress(report)
            _mark_taken(store, seen)
            report.seen = seen.seen_items + seen.seen_bodies
            if report.stored or not store.stats().stories:
                # stories and consolidated events span articles: rebuilt once per run
                report.consolidation = store.consolidate()
    finally:
        if own_fetcher and active is not None:
            active.close()
    return report


def _mark_taken(store: Store, seen: SeenLog) -> None:
    """Remember the feed items this run took (stored, failed or already stored alike)."""
    for feed, guid, link, body in seen.items:
        store.mark_feed_item(feed=feed, guid=guid, link=link, body_sha256=body)
    seen.items.clear()


def watch(
    feeds: Sequence[str],
    *,
    db: str | Path | None = None,
    settings: Settings | None = None,
    every_s: float = 900.0,
    cycles: int | None = None,
    fetcher: Fetcher | None = None,
    on_cycle: Callable[[int, RunReport], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[RunReport]:
    """Ingest ``feeds`` every ``every_s`` seconds: each cycle takes only new items.

    What was taken is kept in the store, so a restarted watch goes on where
    the last one stopped.  ``cycles=None`` runs until interrupted.
    """
    reports: list[RunReport] = []
    cycle = 0
    while cycles is None or cycle < cycles:
        started = time.monotonic()
        report = ingest(feeds, db=db, settings=settings, fetcher=fetcher)
        reports.append(report)
        cycle += 1
        if on_cycle is not None:
            on_cycle(cycle, report)
        if cycles is not None and cycle >= cycles:
            break
        sleep(max(every_s - (time.monotonic() - started), 0.0))
    return reports


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
    with open_store(Path(db), read_only=True) as store:
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

    with open_store(Path(db), read_only=True) as store:
        return frame(
            store.iter_articles(),
            include_authored=include_authored,
            modalities=modalities,
            counts=store.mention_counts(),
        )
