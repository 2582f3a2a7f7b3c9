"""The command line's shared option set and helpers (kept apart from the commands).

* :class:`Progress` — a progress line, a bar with total and ETA when the total
  is known (:func:`count_documents`);
* :func:`output_format` — the read commands' one output option set,
  ``--format table|json|jsonl|csv`` (rendered by :mod:`eventwatch.output`);
* ``check_*`` — option callbacks that turn bad dates, CAMEO codes and periods
  into usage errors (exit 2) with a message naming the value.  (The `robust`
  branch's query validation may take these over.)
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from eventwatch.errors import QueryError
from eventwatch.output import OUTPUT_FORMATS, render
from eventwatch.validate import parse_date_option, validate_cameo_code

F = TypeVar("F", bound=Callable[..., Any])


class Progress:
    """A one-line status on stderr, redrawn at most twice a second.

    With a known ``total`` it draws a bar with the share done and the time
    left (estimated from the rate so far).
    """

    def __init__(self, *, label: str, mode: str, total: int | None = None) -> None:
        self.label = label
        self.total = total
        self.enabled = mode == "always" or (mode == "auto" and sys.stderr.isatty())
        self._last = 0.0
        self._started = time.monotonic()
        self._shown = False

    def line(self, text: str, *, done: int | None = None, now: float | None = None) -> str:
        """The status line for ``done`` items (a bar and ETA when the total is known)."""
        elapsed = (now if now is not None else time.monotonic()) - self._started
        if self.total and done is not None:
            share = min(done / self.total, 1.0)
            filled = int(share * 20)
            eta = ""
            if 0 < done < self.total:
                left = elapsed / done * (self.total - done)
                eta = f", ETA {_duration(left)}"
            bar = "#" * filled + "." * (20 - filled)
            return (
                f"{self.label} [{bar}] {done}/{self.total} ({share:.0%}) {text}"
                f" [{_duration(elapsed)}{eta}]"
            )
        return f"{self.label}: {text} [{_duration(elapsed)}]"

    def update(self, text: str, *, done: int | None = None, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if force or now - self._last >= 0.5:
            self._last = now
            click.echo(f"\r\x1b[K{self.line(text, done=done, now=now)}", err=True, nl=False)
            self._shown = True

    def finish(self) -> None:
        if self._shown:
            click.echo("", err=True)


def _duration(seconds: float) -> str:
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"


def count_documents(paths: tuple[str, ...]) -> int | None:
    """How many documents ``paths`` hold, when that is cheap to know; else None.

    Files count one each, plain JSONL files one per non-blank line; stdin,
    URLs, feeds and gzipped JSONL make the total unknown.
    """
    total = 0
    for given in paths:
        if given == "-" or given.startswith(("http://", "https://")):
            return None
        root = Path(given)
        files = (
            [root]
            if not root.is_dir()
            else [
                Path(folder) / name
                for folder, dirs, names in os.walk(root)
                for name in names
                if not name.startswith(".")
                and not any(d.startswith(".") for d in Path(folder).relative_to(root).parts)
            ]
        )
        for file in files:
            name = file.name.lower()
            if name.endswith((".xml", ".rss", ".atom", ".jsonl.gz")):
                return None
            if name.endswith(".jsonl"):
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    return None
            else:
                total += 1
    return total


def output_format(what: str = "") -> Callable[[F], F]:
    """The read commands' one output option set: ``--format table|json|jsonl|csv``.

    ``--json`` stays as a hidden synonym of ``--format json``.  The parameter is ``fmt``.
    """

    def decorate(function: F) -> F:
        function = click.option("--json", "as_json", is_flag=True, hidden=True)(function)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(OUTPUT_FORMATS),
            default="table",
            show_default=True,
            help="table: aligned, whole sentences wrapped; json: one array; jsonl: one object "
            "a line; csv: a header row, then values." + (f" {what}" if what else ""),
        )(function)

    return decorate


def pick_format(fmt: str, as_json: bool) -> str:
    return "json" if as_json else fmt


def terminal_width() -> int:
    return max(shutil.get_terminal_size((100, 24)).columns, 60)


def show_rows(
    rows: list[dict[str, Any]],
    *,
    fmt: str,
    columns: tuple[str, ...],
    total: int | None = None,
) -> None:
    click.echo(render(rows, format=fmt, columns=columns, width=terminal_width(), total=total))


# -- validation of query options (exit 2 with a message) -------------------------------------


def check_day(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``YYYY-MM-DD`` date option: a real calendar day, else a usage error (exit 2).

    The check is :func:`eventwatch.validate.parse_date_option`, shared with the web service.
    """
    if value is None:
        return None
    try:
        return parse_date_option(value, option="date").isoformat()
    except QueryError as error:
        raise click.BadParameter(str(error).removeprefix("date "), param=param) from None


def check_cameo(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A CAMEO code prefix the codebook knows (``03``, ``036``, ``0361``), else exit 2.

    The check is :func:`eventwatch.validate.validate_cameo_code`, shared with the web service.
    """
    if value is None:
        return None
    try:
        return validate_cameo_code(value, option="code")
    except QueryError as error:
        raise click.BadParameter(str(error).removeprefix("code "), param=param) from None


def check_every(_ctx: click.Context, param: click.Parameter, value: str) -> float:
    """``90s``, ``15m``, ``2h`` or plain seconds → seconds; anything else exits 2."""
    units = {"s": 1, "m": 60, "h": 3600}
    text = value.strip().lower()
    number, unit = (text[:-1], text[-1]) if text[-1:] in units else (text, "s")
    try:
        seconds = float(number) * units[unit]
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a period like 90s, 15m or 2h", param=param
        ) from None
    if seconds <= 0:
        raise click.BadParameter(f"{value!r} must be longer than zero", param=param)
    return seconds
