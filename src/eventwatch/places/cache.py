"""A built gazetteer kept on disk, so a new process loads it instead of building it.

Building the index over GeoNames' 34,000 cities and their 350,000 alternate
names costs about a second in every process that resolves a place (every
``eventwatch ingest``, every worker); reading the built index back costs about
0.3 s (``bench/resolve_speed.py``; docs/places.md).  :func:`load_or_build` keeps
one file per *version* of what the index is made of: its key is the SHA-256 of

* :data:`CACHE_FORMAT` and the source of the modules that build and read it
  (``gazetteer.py``, ``index.py``, ``names.py``, ``tables.py``, ``records.py``),
* every file of the table folder (``eventwatch/data/places``, or the one given),
* the name, size and modification time of each GeoNames file it reads.

Change any of them and the key changes: a stale file is never read, and files
of other keys in the folder are removed once a new one is written (and so are
temporary files an hour old, left by a process killed while writing).

Where it lives: ``$EVENTWATCH_CACHE_DIR`` when set (``off`` or an empty value
turns the cache off), else ``$XDG_CACHE_HOME/eventwatch``, else
``~/.cache/eventwatch``.  A missing, unreadable or damaged file is rebuilt; a
folder that cannot be written is skipped (the process builds the index itself,
as without a cache).  A file is written whole to a temporary name and renamed,
so two processes starting at once never read half a file.  The file is a
pickle: it is read only from the user's own cache folder, never from input.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

CACHE_ENV = "EVENTWATCH_CACHE_DIR"
CACHE_FORMAT = "eventwatch-gazetteer-1"
PREFIX = "gazetteer-"
SUFFIX = ".pickle"
STALE_SECONDS = 3600  # a temporary file older than this was left by a killed process
SOURCES = ("gazetteer.py", "index.py", "names.py", "tables.py", "records.py")

T = TypeVar("T")


def cache_dir(environ: dict[str, str] | None = None) -> Path | None:
    """The cache folder the environment names, or ``None`` when the cache is off."""
    env = os.environ if environ is None else environ
    if CACHE_ENV in env:
        value = env[CACHE_ENV].strip()
        return None if value.lower() in {"", "off", "none", "0"} else Path(value).expanduser()
    base = env.get("XDG_CACHE_HOME", "").strip()
    root = Path(base).expanduser() if base else Path("~/.cache").expanduser()
    return root / "eventwatch"


def cache_key(*, tables: Path, geonames: Sequence[Path]) -> str:
    """The SHA-256 of everything the built index depends on (see the module's text)."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    here = Path(__file__).resolve().parent
    for name in SOURCES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    for path in sorted(p for p in tables.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(tables)).encode() + b"\0" + path.read_bytes())
    for path in geonames:
        stat = path.stat()
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def load_or_build(build: Callable[[], T], *, folder: Path | None, key: str, kind: type[T]) -> T:
    """The object stored under ``key`` in ``folder``, else ``build()`` (stored for next time)."""
    if folder is None:
        return build()
    path = folder / f"{PREFIX}{key[:32]}{SUFFIX}"
    with contextlib.suppress(
        OSError,
        EOFError,
        ImportError,
        LookupError,
        TypeError,
        ValueError,
        AttributeError,
        pickle.UnpicklingError,
    ):
        with path.open("rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, kind):
            return found
    built = build()
    _store(built, folder=folder, path=path)
    return built


def _store(value: object, *, folder: Path, path: Path) -> None:
    """Write ``value`` to ``path`` whole (temporary file, then rename); errors are ignored."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temporary).replace(path)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        return
    for other in folder.glob(f"{PREFIX}*{SUFFIX}"):
        if other != path:
            with contextlib.suppress(OSError):
                other.unlink()
    # temporary files a killed process left behind (a live writer's is seconds old)
    for left in folder.glob(".gazetteer-*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - left.stat().st_mtime > STALE_SECONDS:
                left.unlink()
