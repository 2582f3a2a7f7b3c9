"""The ``eventwatch`` command: a thin click shell over :mod:`eventwatch.api`.

Exit codes: 0 all items done; 1 some items failed (each named on stderr, the rest
were processed); 2 usage or configuration error; 3 fatal error (store, model);
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).  :class:`Shell` maps the
library's errors to them in one place, so no command prints a traceback.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from eventwatch import api
from eventwatch.cli_options import (
    Progress,
    check_cameo,
    check_day,
    check_every,
    count_documents,
    output_format,
    pick_format,
    show_rows,
    terminal_width,
)
from eventwatch.destination import open_output, output_target
from eventwatch.errors import ConfigError, EventwatchError, OutputError, QueryError
from eventwatch.filters import EVIDENCE_LIMIT, MAX_EVIDENCE
from eventwatch.pipeline import REGISTRY, check_stages
from eventwatch.records import Failure
from eventwatch.settings import Settings, load_settings, render_default_config, setting_specs
from eventwatch.store import open_store
from eventwatch.store.sqlite import SQL_MAX_INT
from eventwatch.validate import validate_key

EXIT_FAILED_ITEMS = 1
EXIT_CONFIG = 2
EXIT_FATAL = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_TERMINATED = 143  # 128 + SIGTERM
USAGE_ERRORS = (ConfigError, QueryError, OutputError)


class Terminated(BaseException):
    """SIGTERM arrived: unwind (temporary files removed, transactions rolled back)."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated


class Shell(click.Group):
    """The command group: one place maps errors and signals to exit codes.

    ``ConfigError``, ``QueryError``, ``OutputError`` → 2; any other
    ``EventwatchError`` (store, model) or an OS error (writing to a full
    device) → 3; Ctrl-C → 130; SIGTERM → 143.  Each prints one ``error:`` line
    on stderr.
    """

    def invoke(self, ctx: click.Context) -> Any:
        previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            return super().invoke(ctx)
        except USAGE_ERRORS as error:
            _exit_with(EXIT_CONFIG, f"error: {error}")
        except EventwatchError as error:
            _exit_with(EXIT_FATAL, f"error: {error}")
        except BrokenPipeError:
            _exit_with(EXIT_FAILED_ITEMS, None)
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            _exit_with(EXIT_FATAL, f"error: {where}{error.strerror or error}")
        except KeyboardInterrupt:
            _exit_with(EXIT_INTERRUPTED, "interrupted")
        except Terminated:
            _exit_with(EXIT_TERMINATED, "terminated")
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
        return None  # pragma: no cover - _exit_with never returns


def _exit_with(code: int, message: str | None) -> None:
    if message:
        click.echo(f"\r\x1b[K{message}" if sys.stderr.isatty() else message, err=True)
    raise click.exceptions.Exit(code)


def _report_failure(failure: Failure) -> None:
    click.echo(
        f"\r\x1b[Kerror: {failure}" if sys.stderr.isatty() else f"error: {failure}", err=True
    )


def _resolve(ctx: click.Context, **overrides: Any) -> Settings:
    """The settings, checked (stage order included): a bad one exits 2."""
    folders = ctx.obj.get("data_dirs") or None  # --data-dir given before the command
    settings = load_settings(config_path=ctx.obj.get("config"), data_dirs=folders, **overrides)
    check_stages(settings.stages)
    return settings


@click.group(cls=Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (TOML). Default: $EVENTWATCH_CONFIG, else ./eventwatch.toml if present.",
)
@click.option(
    "--data-dir",
    "data_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder of your own tables (DIR/actors/*.tsv, DIR/events/*.tsv); repeatable "
    "(setting 'data_dirs').",
)
@click.version_option(package_name="eventwatch")
@click.pass_context
def main(ctx: click.Context, config: Path | None, data_dirs: tuple[Path, ...]) -> None:
    """eventwatch: news articles in, traceable political event records out.

    Run `eventwatch COMMAND --help` for each command.
    """
    ctx.ensure_object(dict)
    ctx.obj["config"] = config
    ctx.obj["data_dirs"] = [str(folder) for folder in data_dirs]


ARTICLE_COLUMNS = ("id", "genre", "published", "language", "authors", "title")
ACTOR_COLUMNS = ("actor_id", "code", "kind", "articles", "mentions", "name")


def _table(articles: list[dict[str, Any]], columns: tuple[str, ...] = ARTICLE_COLUMNS) -> str:
    rows = [[str(a.get(c) if a.get(c) is not None else "") for c in columns] for a in articles]
    widths = [min(max([len(c)] + [len(r[i]) for r in rows]), 40) for i, c in enumerate(columns)]
    widths[-1] = 60

    def fmt(values: list[str]) -> str:
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    return "\n".join([fmt(list(columns)), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows])


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    out = dict(record)
    out["authors"] = "; ".join(a["name"] for a in record["authors"])
    return out


F = TypeVar("F", bound=Callable[..., Any])

_WORKERS = click.option("--workers", type=int, help="Worker processes (setting 'workers').")
_BATCH = click.option("--batch-size", type=int, help="Documents per batch (setting 'batch_size').")
_MODEL = click.option("--model", help="Installed spaCy pipeline to use (setting 'model').")
_EXECUTOR = click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    help="Where batches run: local processes, or dask.distributed workers (setting 'executor').",
)
_SCHEDULER = click.option(
    "--scheduler",
    help="With --executor dask: scheduler address (tcp://host:8786), or 'local' for a "
    "LocalCluster of --workers processes (setting 'scheduler').",
)
_DB = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="Database file (setting 'db')."
)


def _limit(default: int) -> Callable[[F], F]:
    """The ``--limit`` option of the listing commands."""
    return click.option(
        "--limit",
        type=click.IntRange(0, SQL_MAX_INT),
        default=default,
        show_default=True,
        help="At most this many.",
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one record per line; json: one array; table: a summary line per article.",
)
@click.option(
    "--only",
    type=click.Choice(["article"]),
    help="Stop after this part: 'article' = ingest only (clean body + metadata, no parse).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here, not stdout.")
@click.option(
    "--explain",
    is_flag=True,
    help="Instead of records, show each document's metadata and every removed block "
    "of the page with its reason.",
)
@_WORKERS
@_BATCH
@_MODEL
@_EXECUTOR
@_SCHEDULER
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    only: str | None,
    output: Path | None,
    explain: bool,
    workers: int | None,
    batch_size: int | None,
    model: str | None,
    executor: str | None,
    scheduler: str | None,
) -> None:
    """Print one record per document under PATHS, in input order.

    PATHS are files (.txt pasted pages, .html, .jsonl; .gz too), folders
    (read recursively) or - for standard input.  Nothing is stored.
    """
    settings = _resolve(
        ctx,
        workers=workers,
        batch_size=batch_size,
        model=model,
        executor=executor,
        scheduler=scheduler,
    )
    if output is not None:
        output_target(output)  # a bad path stops the run before any work
    if explain:
        _explain(paths, settings=settings, output=output)
        return
    total = count_documents(paths) if settings.progress != "never" else None
    progress = Progress(label="extract", mode=settings.progress, total=total)
    failures = 0
    done = 0
    records: list[dict[str, Any]] = []
    try:
        with open_output(output) as out:
            for result in api.extract(paths, settings=settings, only="article" if only else None):
                done += 1
                if isinstance(result, Failure):
                    failures += 1
                    _report_failure(result)
                elif fmt == "jsonl":
                    out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                else:
                    records.append(result.to_dict())
                progress.update(f"{done} documents, {failures} failed", done=done)
            if fmt == "json":
                out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
            elif fmt == "table":
                out.write(_table([_summary(r) for r in records]) + "\n")
    finally:
        progress.finish()
    if failures:
        click.echo(f"{failures} of {done} items failed", err=True)
        sys.exit(EXIT_FAILED_ITEMS)


def _explain(paths: tuple[str, ...], *, settings: Settings, output: Path | None) -> None:
    """``extract --explain``: the ingest stage's reasons, document by document."""
    from eventwatch.ingest.explain import explain_document, format_explanation
    from eventwatch.ingest.sources import iter_sources

    failures = done = 0
    with open_output(output) as out:
        for raw in iter_sources(paths, max_document_bytes=settings.max_document_bytes):
            done += 1
            if isinstance(raw, Failure):
                failures += 1
                _report_failure(raw)
                continue
            try:
                out.write(format_explanation(explain_document(raw)) + "\n\n")
            except EventwatchError as error:
                failures += 1
                click.echo(f"error: {error}", err=True)
    if failures:
        click.echo(f"{failures} of {done} items failed", err=True)
        sys.exit(EXIT_FAILED_ITEMS)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_DB
@_WORKERS
@_BATCH
@_MODEL
@_EXECUTOR
@_SCHEDULER
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: Path | None,
    workers: int | None,
    batch_size: int | None,
    model: str | None,
    executor: str | None,
    scheduler: str | None,
) -> None:
    """Run the pipeline over PATHS and store the articles.

    Each article is committed on its own, keyed by the hash of its body:
    re-ingesting is a no-op, and a killed run resumes where it stopped.
    """
    settings = _resolve(
        ctx,
        workers=workers,
        batch_size=batch_size,
        model=model,
        executor=executor,
        scheduler=scheduler,
    )
    total = count_documents(paths) if settings.progress != "never" else None
    progress = Progress(label="ingest", mode=settings.progress, total=total)
    seen_failures = 0

    def on_progress(report: api.RunReport) -> None:
        nonlocal seen_failures
        for failure in report.failures[seen_failures:]:
            _report_failure(failure)
        seen_failures = len(report.failures)
        rate = report.done / report.elapsed if report.elapsed else 0.0
        progress.update(
            f"{report.stored} stored, {report.skipped} already stored, "
            f"{report.duplicates} duplicates, {len(report.failures)} failed ({rate:.1f} docs/s)",
            done=report.done,
        )

    try:
        report = api.ingest(paths, db=db, settings=settings, progress=on_progress)
    finally:
        progress.finish()
    taken = f", {report.seen} feed items taken before" if report.seen else ""
    stories = (
        f", {report.consolidation.stories} stories, {report.consolidation.events} events"
        if report.consolidation
        else ""
    )
    click.echo(
        f"{report.stored} stored, {report.skipped} already stored, {report.duplicates} duplicate "
        f"bodies, {len(report.failures)} failed{taken}, in {report.elapsed:.1f}s "
        f"-> {db or settings.db}{stories}",
        err=True,
    )
    if report.failures:
        sys.exit(EXIT_FAILED_ITEMS)


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@_DB
@click.option(
    "--every",
    default="15m",
    show_default=True,
    callback=check_every,
    help="Time between cycles: 90s, 15m, 2h.",
)
@click.option(
    "--cycles",
    type=click.IntRange(min=1),
    help="Stop after this many cycles (default: run until stopped).",
)
@_MODEL
@click.option("-v", "--verbose", is_flag=True, help="Name each item skipped or retried on stderr.")
@click.pass_context
def watch(
    ctx: click.Context,
    feeds: tuple[str, ...],
    db: Path | None,
    every: float,
    cycles: int | None,
    model: str | None,
    verbose: bool,
) -> None:
    """Follow FEEDS (RSS/Atom URLs or files): every --every, ingest only the new items.

    What was taken is remembered in the store (by GUID or link, and by body
    hash), so a restarted watch takes up where the last one stopped.
    """
    settings = _resolve(ctx, model=model)
    feed_log = logging.getLogger("eventwatch.feeds")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    level = feed_log.level
    if verbose:
        feed_log.addHandler(handler)
        feed_log.setLevel(logging.INFO)

    def on_cycle(number: int, report: api.RunReport) -> None:
        for failure in report.failures:
            _report_failure(failure)
        click.echo(
            f"cycle {number}: {report.stored} new, {report.seen} taken before (skipped), "
            f"{report.skipped + report.duplicates} already stored, {len(report.failures)} failed",
            err=True,
        )

    try:
        api.watch(
            list(feeds), db=db, settings=settings, every_s=every, cycles=cycles, on_cycle=on_cycle
        )
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    except EventwatchError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    finally:
        feed_log.removeHandler(handler)
        feed_log.setLevel(level)


def _store_path(ctx: click.Context, db: Path | None) -> Path:
    path = Path(db or _resolve(ctx).db)
    if not path.exists():
        raise click.UsageError(f"no store at {path}: run `eventwatch ingest` first or pass --db")
    return path


def _open(ctx: click.Context, db: Path | None) -> Any:
    """The store, opened for reading only: a read command never writes to it."""
    return open_store(_store_path(ctx, db), read_only=True)


def _migrated(ctx: click.Context, db: Path | None) -> Path:
    """The store's path, after applying the migrations it lacks (the query commands
    read the tables and indexes they add); a store that has them all is not written."""
    from eventwatch.store.sqlite import migrations

    path = _store_path(ctx, db)
    with open_store(path, read_only=True) as store:
        missing = {name for name, _ in migrations()} - set(store.applied_migrations())
    if missing:
        open_store(path).close()
    return path


@main.command()
@_DB
@_limit(50)
@click.option("--genre", type=click.Choice(["news", "opinion", "analysis", "unknown"]))
@output_format()
@click.pass_context
def articles(
    ctx: click.Context, db: Path | None, limit: int, genre: str | None, fmt: str, as_json: bool
) -> None:
    """List stored articles, newest first."""
    with _open(ctx, db) as store:  # one page and a count, not every article
        rows = list(store.articles(genre=genre, limit=limit))
        total = store.count_articles(genre=genre)
    show_rows(rows, fmt=pick_format(fmt, as_json), columns=ARTICLE_COLUMNS, total=total)


@main.command()
@click.argument("key")
@_DB
@click.option("--text/--no-text", default=True, help="Include the body text.")
@click.pass_context
def show(ctx: click.Context, key: str, db: Path | None, text: bool) -> None:
    """Print the stored record of one article: KEY is its id, sha256 or a sha256 prefix."""
    key = validate_key(key, option="KEY")
    with _open(ctx, db) as store:
        record = store.record(key)
    if record is None:
        click.echo(f"error: no article with id or sha256 {key!r}", err=True)
        sys.exit(EXIT_FAILED_ITEMS)
    if not text:
        record.pop("text", None)
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@main.command("actors")
@_DB
@click.option("--country", help="Only actors of this country (ISO3, e.g. PRK).")
@click.option("--sector", help="Only actors of this sector (e.g. GOV, MIL, PTY).")
@_limit(50)
@output_format()
@click.pass_context
def actors_command(
    ctx: click.Context,
    db: Path | None,
    country: str | None,
    sector: str | None,
    limit: int,
    fmt: str,
    as_json: bool,
) -> None:
    """List stored actors with their codes and how many articles and mentions each has."""
    with _open(ctx, db) as store:
        rows = list(store.actors(country=country, sector=sector))
    show_rows(rows[:limit], fmt=pick_format(fmt, as_json), columns=ACTOR_COLUMNS, total=len(rows))


@main.command("actor")
@click.argument("name")
@_DB
@output_format()
@click.pass_context
def actor_command(ctx: click.Context, name: str, db: Path | None, fmt: str, as_json: bool) -> None:
    """Show where an actor appears: NAME is its name ("John Kerry"), id (person:john-kerry),
    code (USAGOV) or country (PRK: every actor of North Korea)."""
    name = validate_key(name, option="NAME")
    with _open(ctx, db) as store:
        rows = list(store.actor_mentions(name))
    if not rows:
        click.echo(f"error: no actor named {name!r} in the store", err=True)
        sys.exit(EXIT_FAILED_ITEMS)
    fmt = pick_format(fmt, as_json)
    if fmt != "table":
        show_rows(rows, fmt=fmt, columns=MENTION_COLUMNS)
        return
    for row in rows:
        click.echo(
            f"{row['article']} {row['published'] or '-'} [{row['start']}:{row['end']}]"
            f" {row['text']!r} ({row['code'] or '-'})  …{row['context']}…"
        )
        click.echo(f"    how: {row['how']}")


MENTION_COLUMNS = ("article", "published", "start", "end", "text", "code", "how", "context")
EVENT_COLUMNS = (
    "date",
    "article",
    "source_code",
    "cameo",
    "target_code",
    "modality",
    "sentence",
)


@main.command("events")
@_DB
@click.option("--source", help="Source actor: name (John Kerry), id, code (USAGOV) or country.")
@click.option("--target", help="Target actor: name, id, code (PRKGOV) or country (PRK).")
@click.option(
    "--code", callback=check_cameo, help="CAMEO code prefix: a root (03) or a code (036)."
)
@click.option("--since", callback=check_day, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=check_day, help="Events on or before this date (YYYY-MM-DD).")
@click.option(
    "--modality",
    type=click.Choice(
        ["asserted", "negated", "proposed", "demanded", "future", "hypothetical", "historical"]
    ),
)
@click.option("--authored", is_flag=True, help="Include the opinion author's own judgements.")
@_limit(100)
@output_format("json and jsonl give the full event records.")
@click.pass_context
def events_command(
    ctx: click.Context,
    db: Path | None,
    source: str | None,
    target: str | None,
    code: str | None,
    since: str | None,
    until: str | None,
    modality: str | None,
    authored: bool,
    limit: int,
    fmt: str,
    as_json: bool,
) -> None:
    """List stored events: who did what to whom, when, and the words that say so."""
    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
    path = _migrated(ctx, db)
    wanted: dict[str, Any] = {
        "source": source,
        "target": target,
        "code": code,
        "since": since,
        "until": until,
        "modality": modality,
        "include_authored": authored,
    }
    with open_store(path, read_only=True) as store:  # only the rows shown are read
        total = store.count_events(**wanted)
        shown = list(store.events(**wanted, limit=limit))
    fmt = pick_format(fmt, as_json)
    if fmt in ("json", "jsonl"):
        show_rows([row["record"] for row in shown], fmt=fmt, columns=EVENT_COLUMNS)
        return
    show_rows(shown, fmt=fmt, columns=EVENT_COLUMNS, total=total)


@main.command("export")
@_DB
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gdelt", "icews", "plover", "jsonl", "parquet"]),
    required=True,
    help="GDELT 2.0 or ICEWS columns (TSV), PLOVER JSON lines, event JSON lines, Parquet.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Output file (default: stdout)."
)
@click.option(
    "--header/--no-header",
    default=None,
    help="A header row first (TSV formats). Default: none for gdelt (as GDELT's files), "
    "one for icews.",
)
@click.option("--authored", is_flag=True, help="Include the opinion author's own judgements.")
@click.option(
    "--all-modalities",
    is_flag=True,
    help="Also export negated, proposed, demanded, future, hypothetical and historical events "
    "(default: asserted events only).",
)
@click.option(
    "--partition",
    type=click.Choice(["month"]),
    help="parquet only: write a folder with one sub-folder per month (month=YYYY-MM).",
)
@click.pass_context
def export_command(
    ctx: click.Context,
    db: Path | None,
    fmt: str,
    output: Path | None,
    header: bool | None,
    authored: bool,
    all_modalities: bool,
    partition: str | None,
) -> None:
    """Export stored events in GDELT, ICEWS, PLOVER, JSON lines or Parquet form.

    Each event is written once however many articles report it, with its
    mention counts; only asserted events unless --all-modalities.
    """
    path = _store_path(ctx, db)
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o FILE")
    if partition and fmt != "parquet":
        raise click.UsageError("--partition needs --format parquet")
    options: dict[str, Any] = {
        "db": path,
        "format": fmt,
        "include_authored": authored,
        "modalities": None if all_modalities else ("asserted",),
        "header": header,
        "partition": "month" if partition else None,
        "settings": _resolve(ctx),
    }
    try:
        if fmt == "parquet" and output is not None:
            # a file written through a temporary beside it; --partition writes a folder
            target = output.resolve()
            if not partition:
                checked = output_target(output)
                if checked.kind != "file":
                    raise OutputError(f"parquet needs a regular file; {output} is a pipe or device")
                target = checked.path
            elif not target.parent.is_dir():
                missing = f"the folder {target.parent} does not exist"
                raise OutputError(f"cannot write {output}: {missing}")
            report = api.export(out=target, **options)
        else:
            if output is not None:
                output_target(output)  # a bad path stops the run before any work
            with open_output(output) as out:
                report = api.export(out=out, **options)
    except ValueError as error:  # a combination of options the export refuses
        raise click.UsageError(str(error)) from error
    click.echo(report.describe(), err=True)


_PERIOD = click.option(
    "--period",
    type=click.Choice(["week", "month", "quarter", "year"]),
    default="month",
    show_default=True,
    help="How to group events in time.",
)


QUOTE_COLUMNS = ("published", "article", "speaker", "speaker_code", "cue", "location", "content")


@main.command("quotes")
@_DB
@click.option("--speaker", help="Speaker: name, actor id, code or country.")
@click.option("--about", help="An actor named in the quote: name, id, code or country (PRK).")
@_limit(100)
@output_format("json and jsonl give the full quote records.")
@click.pass_context
def quotes_command(
    ctx: click.Context,
    db: Path | None,
    speaker: str | None,
    about: str | None,
    limit: int,
    fmt: str,
    as_json: bool,
) -> None:
    """List stored quotations, direct and indirect, with speaker, cue and place."""
    path = _migrated(ctx, db)
    with open_store(path, read_only=True) as store:  # only the rows shown are read
        total = store.count_quotes(speaker=speaker, about=about)
        shown = list(store.quotes(speaker=speaker, about=about, limit=limit))
    fmt = pick_format(fmt, as_json)
    if fmt in ("json", "jsonl"):
        show_rows([row["record"] for row in shown], fmt=fmt, columns=QUOTE_COLUMNS)
        return
    show_rows(shown, fmt=fmt, columns=QUOTE_COLUMNS, total=total)


@main.command("stance")
@click.argument("actor")
@click.option("--target", required=True, help="Target: country (PRK), code, id or name.")
@_DB
@_PERIOD
@click.option("--authored", is_flag=True, help="Include the opinion author's own judgements.")
@click.option(
    "--evidence",
    "evidence",
    type=click.IntRange(0, MAX_EVIDENCE),
    default=EVIDENCE_LIMIT,
    show_default=True,
    help="Events listed behind each period (the first ones, by date).",
)
@click.option(
    "--all-evidence", is_flag=True, help="List every event behind each period (can be long)."
)
@output_format("table prints each period with the events behind it.")
@click.pass_context
def stance_command(
    ctx: click.Context,
    actor: str,
    target: str,
    db: Path | None,
    period: str,
    authored: bool,
    evidence: int,
    all_evidence: bool,
    fmt: str,
    as_json: bool,
) -> None:
    """ACTOR's position toward --target over time, with the statements and acts behind it.

    Scores run from -10 (pressure, conflict) to +10 (engagement, cooperation).
    Each period lists its first --evidence events (5 by default); --all-evidence
    lists them all.
    """
    from eventwatch.queries import open_reader, stance

    path = _migrated(ctx, db)
    with open_reader(path) as reader:
        points = stance(
            reader,
            actor=actor,
            target=target,
            period=period,  # type: ignore[arg-type]  # click checked the choice
            include_authored=authored,
            evidence=None if all_evidence else evidence,
        )
    rows: list[dict[str, Any]] = [
        {
            "actor_id": point.actor_id,
            "actor_name": point.actor_name,
            "target_id": point.target_id,
            "target_name": point.target_name,
            "period": point.period,
            "score": point.score,
            "events": point.events,
            "statements": point.statements,
            "actions": point.actions,
            "change": point.change,
            "evidence_event_ids": [item["event_id"] for item in point.evidence],
            "evidence": point.evidence,
        }
        for point in points
    ]
    fmt = pick_format(fmt, as_json)
    if fmt != "table":
        show_rows(rows, fmt=fmt, columns=STANCE_COLUMNS)
        return
    if not rows:
        click.echo(f"no events from {actor!r} toward {target!r} in the store", err=True)
        sys.exit(EXIT_FAILED_ITEMS)
    width = terminal_width()
    cut = False
    for row in rows:
        flag = "  << change" if row["change"] else ""
        click.echo(
            f"{row['period']:9} {row['score']:+6.2f}  {row['events']} events"
            f" ({row['statements']} statements, {row['actions']} actions){flag}"
        )
        cut = cut or (not all_evidence and len(row["evidence"]) == evidence < row["events"])
        for item in row["evidence"]:
            head = f"    {item['date']} {item['code']} {item['modality']:12} "
            lines = textwrap.wrap(
                " ".join(str(item["sentence"]).split()), width=max(width - len(head), 30)
            )
            click.echo(head + (lines[0] if lines else ""))
            for line in lines[1:]:
                click.echo(" " * len(head) + line)
    if cut:
        click.echo(
            f"(at most {evidence} events shown per period: --evidence N or --all-evidence"
            " lists more)",
            err=True,
        )


STANCE_COLUMNS = ("period", "score", "events", "statements", "actions", "change", "actor_name")


@main.command("compare")
@click.argument("actors", nargs=-1, required=True)
@click.option("--target", required=True, help="Target: country (PRK), code, id or name.")
@_DB
@_PERIOD
@output_format()
@click.pass_context
def compare_command(
    ctx: click.Context,
    actors: tuple[str, ...],
    target: str,
    db: Path | None,
    period: str,
    fmt: str,
    as_json: bool,
) -> None:
    """Line ACTORS up side by side toward --target: score per period and overall side."""
    from eventwatch.queries import compare, open_reader
    from eventwatch.stance import COMPARE_COLUMNS

    path = _migrated(ctx, db)
    with open_reader(path) as reader:
        rows = compare(
            reader,
            actors=list(actors),
            target=target,
            period=period,  # type: ignore[arg-type]  # click checked the choice
        ).rows()
    columns = tuple(c for c in COMPARE_COLUMNS if c != "actor_id")
    show_rows(rows, fmt=pick_format(fmt, as_json), columns=columns)


CHECK_COLUMNS = ("date", "claimant", "subject", "verdict", "reason", "text")


@main.command("check")
@_DB
@click.option("--claimant", help="Only claims made by this actor.")
@click.option(
    "--window",
    type=click.IntRange(0, 36_500),
    help="Days either side of the claim (default 30).",
)
@output_format("json and jsonl include the events each claim was held against.")
@click.pass_context
def check_command(
    ctx: click.Context,
    db: Path | None,
    claimant: str | None,
    window: int | None,
    fmt: str,
    as_json: bool,
) -> None:
    """Hold reported claims ("Kerry is hopeful that Beijing will …") against the claimed
    actor's own coded statements and acts in the same period."""
    from eventwatch.knowledge import ontology_for
    from eventwatch.queries import check_claims, open_reader

    path = _migrated(ctx, db)
    fmt = pick_format(fmt, as_json)
    with open_reader(path) as reader:
        rows = check_claims(
            reader,
            claimant=claimant,
            window_days=window,
            ontology=ontology_for(_resolve(ctx)),
            with_events=fmt in ("json", "jsonl"),  # a table or CSV shows verdicts, not events
        )
    if not rows and fmt == "table":
        click.echo("no claims in the store", err=True)
        return
    show_rows(rows, fmt=fmt, columns=CHECK_COLUMNS)


STORY_COLUMNS = (
    "story_id",
    "articles",
    "outlets",
    "first_published",
    "last_published",
    "mentions",
    "title",
)


@main.command("stories")
@_DB
@_limit(50)
@output_format()
@click.pass_context
def stories_command(
    ctx: click.Context, db: Path | None, limit: int, fmt: str, as_json: bool
) -> None:
    """List stories: near-duplicate articles (one wire story, many outlets), largest first."""
    with _open(ctx, db) as store:
        rows = list(store.stories())
    show_rows(rows[:limit], fmt=pick_format(fmt, as_json), columns=STORY_COLUMNS, total=len(rows))


@main.command()
@_DB
@output_format()
@click.pass_context
def stats(ctx: click.Context, db: Path | None, fmt: str, as_json: bool) -> None:
    """Counts over the store: articles, stories, events, mentions, quotes, actors, and more."""
    with _open(ctx, db) as store:
        figures = store.stats().to_dict()
    fmt = pick_format(fmt, as_json)
    if fmt == "json":
        click.echo(json.dumps(figures, indent=2))
        return
    if fmt == "jsonl":
        click.echo(json.dumps(figures))
        return
    rows = []
    for name, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        elif isinstance(value, list):
            value = ", ".join(value)
        rows.append({"name": name, "value": value})
    if fmt == "csv":
        show_rows(rows, fmt=fmt, columns=("name", "value"))
        return
    for row in rows:
        click.echo(f"{row['name']:16} {row['value']}")


@main.command("serve")
@_DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8765, show_default=True, help="Port to listen on.")
@click.pass_context
def serve_command(ctx: click.Context, db: Path | None, host: str, port: int) -> None:
    """Serve the workbench: pages and a JSON API (/api/) over the store, read-only."""
    from eventwatch.web import app as web

    path = _store_path(ctx, db)
    open_store(path).close()  # applies pending migrations; the app then reads only
    click.echo(f"eventwatch: serving {path} at {web.url(host, port)} (Ctrl-C stops)", err=True)
    if not web.is_local(host):
        click.echo(
            f"warning: listening on {host}, not localhost: anyone who can reach this machine "
            "can read the store (there is no login)",
            err=True,
        )
    try:
        web.serve(db=path, host=host, port=port)
    except EventwatchError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)


@main.group(invoke_without_command=True)
@click.pass_context
def config(ctx: click.Context) -> None:
    """Show the resolved settings (or `config init` for a commented file)."""
    if ctx.invoked_subcommand is None:
        settings = _resolve(ctx)
        helps = {spec.name: spec.help for spec in setting_specs()}
        for name, value in settings.to_dict().items():
            click.echo(f"{name} = {json.dumps(value)}    # {helps[name]}")


@config.command("init")
def config_init() -> None:
    """Print a commented settings file with every default, to save as eventwatch.toml."""
    click.echo(render_default_config())


@main.command()
def stages() -> None:
    """List the pipeline stages with what each needs and adds."""
    for info in REGISTRY.values():
        click.echo(f"{info.name:8} {info.help}")
        click.echo(f"{'':8} needs: {', '.join(info.requires)}; adds: {', '.join(info.assigns)}")


if __name__ == "__main__":  # pragma: no cover
    main()
