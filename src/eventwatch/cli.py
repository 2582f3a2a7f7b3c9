"""The ``eventwatch`` command: a thin click shell over :mod:`eventwatch.api`.

Exit codes: 0 all items done; 1 some items failed (each named on stderr, the rest
were processed); 2 usage or configuration error; 3 fatal error (store, model).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from eventwatch import api
from eventwatch.errors import ConfigError, EventwatchError
from eventwatch.pipeline import REGISTRY
from eventwatch.records import Failure
from eventwatch.settings import Settings, load_settings, render_default_config, setting_specs
from eventwatch.store import open_store

EXIT_FAILED_ITEMS = 1
EXIT_CONFIG = 2
EXIT_FATAL = 3


class Progress:
    """A one-line status on stderr, redrawn at most twice a second."""

    def __init__(self, *, label: str, mode: str) -> None:
        self.label = label
        self.enabled = mode == "always" or (mode == "auto" and sys.stderr.isatty())
        self._last = 0.0
        self._started = time.monotonic()
        self._shown = False

    def update(self, text: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if force or now - self._last >= 0.5:
            self._last = now
            elapsed = now - self._started
            click.echo(f"\r\x1b[K{self.label}: {text} [{elapsed:.0f}s]", err=True, nl=False)
            self._shown = True

    def finish(self) -> None:
        if self._shown:
            click.echo("", err=True)


def _report_failure(failure: Failure) -> None:
    click.echo(
        f"\r\x1b[Kerror: {failure}" if sys.stderr.isatty() else f"error: {failure}", err=True
    )


def _resolve(ctx: click.Context, **overrides: Any) -> Settings:
    try:
        return load_settings(config_path=ctx.obj.get("config"), **overrides)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (TOML). Default: $EVENTWATCH_CONFIG, else ./eventwatch.toml if present.",
)
@click.version_option(package_name="eventwatch")
@click.pass_context
def main(ctx: click.Context, config: Path | None) -> None:
    """eventwatch: news articles in, traceable political event records out.

    Run `eventwatch COMMAND --help` for each command.
    """
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


def _table(articles: list[dict[str, Any]]) -> str:
    columns = ("id", "genre", "published", "language", "authors", "title")
    rows = [[str(a.get(c) or "") for c in columns] for a in articles]
    widths = [min(max([len(c)] + [len(r[i]) for r in rows]), 40) for i, c in enumerate(columns)]
    widths[-1] = 60

    def fmt(values: list[str]) -> str:
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    return "\n".join([fmt(list(columns)), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows])


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    out = dict(record)
    out["authors"] = "; ".join(a["name"] for a in record["authors"])
    return out


class _AtomicOutput:
    """Write to a temporary file beside the target and move it into place on success."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._tmp: str | None = None

    def __enter__(self) -> IO[str]:
        if self.path is None:
            return sys.stdout
        directory = self.path.resolve().parent
        handle, self._tmp = tempfile.mkstemp(prefix=".eventwatch-", dir=directory)
        self._handle = os.fdopen(handle, "w", encoding="utf-8")
        return self._handle

    def __exit__(self, kind: object, *_: object) -> None:
        if self.path is None or self._tmp is None:
            return
        self._handle.close()
        if kind is None:
            Path(self._tmp).replace(self.path)
        else:
            Path(self._tmp).unlink(missing_ok=True)


_WORKERS = click.option("--workers", type=int, help="Worker processes (setting 'workers').")
_BATCH = click.option("--batch-size", type=int, help="Documents per batch (setting 'batch_size').")
_MODEL = click.option("--model", help="Installed spaCy pipeline to use (setting 'model').")
_DB = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="Database file (setting 'db')."
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
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here, not stdout.",
)
@_WORKERS
@_BATCH
@_MODEL
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    only: str | None,
    output: Path | None,
    workers: int | None,
    batch_size: int | None,
    model: str | None,
) -> None:
    """Print one record per document under PATHS, in input order.

    PATHS are files (.txt pasted pages, .html, .jsonl; .gz too), folders
    (read recursively) or - for standard input.  Nothing is stored.
    """
    settings = _resolve(ctx, workers=workers, batch_size=batch_size, model=model)
    progress = Progress(label="extract", mode=settings.progress)
    failures = 0
    done = 0
    records: list[dict[str, Any]] = []
    try:
        with _AtomicOutput(output) as out:
            for result in api.extract(paths, settings=settings, only="article" if only else None):
                done += 1
                if isinstance(result, Failure):
                    failures += 1
                    _report_failure(result)
                elif fmt == "jsonl":
                    out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                else:
                    records.append(result.to_dict())
                progress.update(f"{done} documents, {failures} failed")
            if fmt == "json":
                out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
            elif fmt == "table":
                out.write(_table([_summary(r) for r in records]) + "\n")
    except EventwatchError as error:
        progress.finish()
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    progress.finish()
    if failures:
        click.echo(f"{failures} of {done} items failed", err=True)
        sys.exit(EXIT_FAILED_ITEMS)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_DB
@_WORKERS
@_BATCH
@_MODEL
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: Path | None,
    workers: int | None,
    batch_size: int | None,
    model: str | None,
) -> None:
    """Run the pipeline over PATHS and store the articles.

    Each article is committed on its own, keyed by the hash of its body:
    re-ingesting is a no-op, and a killed run resumes where it stopped.
    """
    settings = _resolve(ctx, workers=workers, batch_size=batch_size, model=model)
    progress = Progress(label="ingest", mode=settings.progress)
    seen_failures = 0

    def on_progress(report: api.RunReport) -> None:
        nonlocal seen_failures
        for failure in report.failures[seen_failures:]:
            _report_failure(failure)
        seen_failures = len(report.failures)
        rate = report.done / report.elapsed if report.elapsed else 0.0
        progress.update(
            f"{report.stored} stored, {report.skipped} already stored, "
            f"{report.duplicates} duplicates, {len(report.failures)} failed ({rate:.1f} docs/s)"
        )

    try:
        report = api.ingest(paths, db=db, settings=settings, progress=on_progress)
    except EventwatchError as error:
        progress.finish()
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    progress.finish()
    click.echo(
        f"{report.stored} stored, {report.skipped} already stored, {report.duplicates} duplicate "
        f"bodies, {len(report.failures)} failed, in {report.elapsed:.1f}s "
        f"-> {db or settings.db}",
        err=True,
    )
    if report.failures:
        sys.exit(EXIT_FAILED_ITEMS)


def _open(ctx: click.Context, db: Path | None) -> Any:
    settings = _resolve(ctx)
    path = Path(db or settings.db)
    if not path.exists():
        raise click.UsageError(f"no store at {path}: run `eventwatch ingest` first or pass --db")
    return open_store(path)


def _emit(rows: Iterator[dict[str, Any]] | list[dict[str, Any]], *, as_json: bool) -> None:
    rows = list(rows)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(_table(rows))


@main.command()
@_DB
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many.")
@click.option("--genre", type=click.Choice(["news", "opinion", "analysis", "unknown"]))
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@click.pass_context
def articles(
    ctx: click.Context, db: Path | None, limit: int, genre: str | None, as_json: bool
) -> None:
    """List stored articles, newest first."""
    with _open(ctx, db) as store:
        _emit(store.articles(limit=limit, genre=genre), as_json=as_json)


@main.command()
@click.argument("key")
@_DB
@click.option("--text/--no-text", default=True, help="Include the body text.")
@click.pass_context
def show(ctx: click.Context, key: str, db: Path | None, text: bool) -> None:
    """Print the stored record of one article: KEY is its id, sha256 or a sha256 prefix."""
    with _open(ctx, db) as store:
        record = store.record(key)
    if record is None:
        click.echo(f"error: no article with id or sha256 {key!r}", err=True)
        sys.exit(EXIT_FAILED_ITEMS)
    if not text:
        record.pop("text", None)
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@main.command()
@_DB
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
@click.pass_context
def stats(ctx: click.Context, db: Path | None, as_json: bool) -> None:
    """Counts over the store: articles, authors, entities, genres, languages, dates."""
    with _open(ctx, db) as store:
        figures = store.stats().to_dict()
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    for name, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        elif isinstance(value, list):
            value = ", ".join(value)
        click.echo(f"{name:16} {value}")


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
