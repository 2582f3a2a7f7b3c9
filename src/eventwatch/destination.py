"""Where results are written: the output path is checked before any work is done.

:func:`output_target` says what a path names and refuses what cannot be written
(a folder, a path in a missing folder) with an :class:`OutputError`.
:func:`open_output` then writes:

* a regular file (or a new one) through a temporary file beside it, named
  ``.eventwatch-<pid>-<random>.tmp``, moved into place only when everything is
  written, so a failed run leaves the old file (or none); a symbolic link is
  followed, and the file it points to is the one replaced, never the link;
* a pipe or character device (``/dev/stdout``, a FIFO) straight through:
  these are never replaced by a regular file.

Temporary files left by a run that was killed (its process is gone) are
removed the next time that folder is written to.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from eventwatch.errors import OutputError

__all__ = ["TEMP_PREFIX", "OutputTarget", "open_output", "output_target", "remove_stale_temps"]

TEMP_PREFIX = ".eventwatch-"


@dataclass(frozen=True, slots=True, kw_only=True)
class OutputTarget:
    """A checked output path: ``file`` (replaced atomically) or ``stream`` (a pipe,
    a character device: written straight through)."""

    given: Path
    path: Path  # symbolic links resolved
    kind: Literal["file", "stream"]


def output_target(path: Path) -> OutputTarget:
    """Check ``path`` can be written to, before any work is done."""
    real = path.resolve()
    try:
        info = real.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from error
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{path} is a folder; give a file name to write to")
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            return OutputTarget(given=path, path=real, kind="stream")
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"{path} is not a regular file, a pipe or a terminal; refusing it")
    folder = real.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {path}: the folder {folder} is not writable")
    return OutputTarget(given=path, path=real, kind="file")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but owned by someone else
        return True
    return True


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove the temporary files of runs that died in ``folder``; return them."""
    removed = []
    with suppress(OSError):
        for entry in folder.glob(f"{TEMP_PREFIX}*.tmp"):
            pid_text = entry.name[len(TEMP_PREFIX) :].split("-", 1)[0]
            if pid_text.isdigit() and not _alive(int(pid_text)) and entry.is_file():
                with suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def temp_beside(path: Path) -> Path:
    """A new, empty temporary file in ``path``'s folder (so the final move is atomic)."""
    while True:
        name = f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp"
        temp = path.with_name(name)
        try:
            temp.open("x").close()
        except FileExistsError:
            continue
        return temp


@contextmanager
def open_output(path: Path | None) -> Iterator[IO[str]]:
    """A text stream to write results to: standard output for ``None``, else
    ``path`` as :func:`output_target` checked it (see the module docstring)."""
    if path is None:
        yield sys.stdout
        return
    target = output_target(path)
    if target.kind == "stream":
        try:
            with target.path.open("w", encoding="utf-8") as stream:
                yield stream
        except OSError as error:  # name the device (/dev/full: no space left)
            if error.filename is None:
                raise OSError(error.errno, error.strerror, str(path)) from error
            raise
        return
    remove_stale_temps(target.path.parent)
    temp = temp_beside(target.path)
    try:
        with temp.open("w", encoding="utf-8") as stream:
            yield stream
        temp.replace(target.path)
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
