"""Where documents come from: files, directories (recursively), JSONL, stdin.

:func:`iter_sources` turns the paths a user names into a stream of
:class:`RawDocument` (not yet decoded or extracted) and :class:`Failure` (an item
that could not be read), in input order.  Nothing here parses HTML or text; the
ingest stage does that.

Kinds by extension (``.gz`` is decompressed first):

* ``.txt .text .md`` and no extension with text in it → ``text`` (pasted pages)
* ``.html .htm .xhtml .shtml`` → ``html``
* ``.jsonl .ndjson`` → one ``jsonl`` record per line: ``id``, ``text`` and
  optional ``date``, ``title``, ``url``, ``authors``, ``publisher``,
  ``first_published_in``, ``genre``; the text is taken as the clean body.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal, Protocol

from eventwatch.records import Failure

RawKind = Literal["text", "html", "jsonl"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
STDIN = "-"


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """One document as read: bytes (files) or a decoded record (JSONL)."""

    id: str
    source: str
    kind: RawKind
    data: bytes = b""
    line: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How errors name this item: ``path`` or ``path:line``."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source


def _suffixes(path: Path) -> tuple[str, bool]:
    """The meaningful suffix (lower-case) and whether the file is gzipped."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gz


def document_id(path: Path) -> str:
    """The file's name without its extension(s): ``a/b/page.html.gz`` → ``page``."""
    name = path.name
    suffix, gz = _suffixes(path)
    if gz:
        name = name[: -len(".gz")]
    if suffix and name.lower().endswith(suffix):
        name = name[: -len(suffix)]
    return name or path.name


def sniff_kind(data: bytes) -> RawKind:
    """Guess the kind of extension-less input from its first bytes."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    if head.startswith(b"{"):
        first_line = data.split(b"\n", 1)[0].strip()
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
    return "text"


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _read_limited(handle: _Readable, limit: int, label: str) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise _TooLargeError(f"{label} is larger than max_document_bytes ({limit:,} bytes)")
    return data


class _TooLargeError(Exception):
    pass


def _read_file(path: Path, *, limit: int, gz: bool) -> bytes:
    label = str(path)
    if not gz:
        size = path.stat().st_size
        if size > limit:
            raise _TooLargeError(
                f"file is {size / 1e6:.1f} MB, over max_document_bytes "
                f"({limit / 1e6:.1f} MB); split it or raise the setting"
            )
        return path.read_bytes()
    with gzip.open(path, "rb") as handle:
        return _read_limited(handle, limit, label)


def _iter_paths(path: Path) -> Iterator[Path | Failure]:
    """A file, or every file under a directory (sorted, recursive, hidden skipped).

    Symbolic links to folders are followed; a link back into a folder already
    read (a loop) is reported as a :class:`Failure` and not read twice.  A folder
    that cannot be listed is a :class:`Failure` naming it, never a silent skip.
    """
    if not path.is_dir():
        yield path
        return
    errors: list[OSError] = []
    seen: set[tuple[int, int]] = set()
    walk = os.walk(path, onerror=errors.append, followlinks=True)
    for root, dirs, files in walk:
        yield from _walk_failures(errors, path)
        try:
            info = Path(root).stat()
        except OSError as error:
            errors.append(error)
            dirs[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            dirs[:] = []
            yield Failure(
                item=root,
                stage="read",
                message="folder already read through another path (a symbolic link loop); "
                "read once",
            )
            continue
        seen.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
    yield from _walk_failures(errors, path)


def _walk_failures(errors: list[OSError], top: Path) -> Iterator[Failure]:
    while errors:
        error = errors.pop(0)
        yield Failure(
            item=str(error.filename or top),
            stage="read",
            message=f"cannot read folder: {error.strerror or error}",
        )


def _jsonl_documents(
    data: bytes, *, source: str, stem: str, limit: int
) -> Iterator[RawDocument | Failure]:
    yield from _jsonl_stream(io.BytesIO(data), source=source, stem=stem, limit=limit)


class _LineReadable(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _bounded_lines(handle: _LineReadable, limit: int) -> Iterator[bytes]:
    """The lines of ``handle``; a line over ``limit`` bytes comes back cut to
    ``limit + 1`` bytes (enough to say it is too long) without ever being held whole."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def _jsonl_stream(
    handle: _LineReadable, *, source: str, stem: str, limit: int
) -> Iterator[RawDocument | Failure]:
    empty = True
    for number, raw_line in enumerate(_bounded_lines(handle, limit), start=1):
        if not raw_line.strip():
            continue
        empty = False
        if len(raw_line) > limit:
            yield Failure(
                item=source,
                line=number,
                stage="read",
                message=f"line is over max_document_bytes ({limit:,} bytes)",
            )
            continue
        yield _jsonl_record(raw_line, source=source, stem=stem, number=number, limit=limit)
    if empty:
        yield Failure(item=source, stage="read", message="empty feed: no JSON lines in it")


def _jsonl_record(
    raw_line: bytes, *, source: str, stem: str, number: int, limit: int
) -> RawDocument | Failure:
    def fail(message: str) -> Failure:
        return Failure(item=source, line=number, stage="read", message=message)

    if len(raw_line) > limit:
        return fail(f"line is {len(raw_line):,} bytes, over max_document_bytes ({limit:,})")
    if _nesting_depth(raw_line) > MAX_JSON_DEPTH:
        return fail(f"JSON nested more than {MAX_JSON_DEPTH} levels deep; not a document record")
    try:
        record = json.loads(raw_line.decode("utf-8", errors="replace"))
    except ValueError as error:
        return fail(f"not valid JSON ({error.args[0] if error.args else error})")
    except RecursionError:  # a guard behind _nesting_depth, which over-counts only
        return fail("JSON nested too deeply; not a document record")
    record = _repair_surrogates(record)
    if not isinstance(record, dict):
        return fail(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        return fail("missing 'text' (a string holding the article body)")
    if not text.strip():
        return fail("'text' is empty")
    raw_id = record.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        doc_id = f"{stem}-{number}"
    elif isinstance(raw_id, str | int):
        doc_id = str(raw_id)
    else:
        return fail(f"'id' must be a string or integer, got {type(raw_id).__name__}")
    return RawDocument(id=doc_id, source=source, kind="jsonl", line=number, fields=record)


MAX_JSON_DEPTH = 64  # a document record needs 3 levels (record, authors, author)
_BRACKETS = re.compile(rb"[\[\]{}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _nesting_depth(raw_line: bytes) -> int:
    """The deepest bracket nesting of a JSON line (brackets inside strings count
    too, so it may over-count; it never under-counts)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(raw_line):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
        else:
            depth -= 1
    return deepest


def _repair_surrogates(value: Any) -> Any:
    """``value`` with every lone UTF-16 surrogate (``"\\ud800"`` in JSON, which
    cannot be written as UTF-8) replaced by U+FFFD; one code point for one, so
    offsets into the text stay the same."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_repair_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_repair_surrogates(k): _repair_surrogates(v) for k, v in value.items()}
    return value


def _file_documents(path: Path, *, limit: int) -> Iterator[RawDocument | Failure]:
    label = str(path)
    suffix, gz = _suffixes(path)
    if suffix and suffix not in KNOWN_SUFFIXES:
        known = " ".join(sorted(KNOWN_SUFFIXES))
        yield Failure(
            item=label,
            stage="read",
            message=f"unsupported file type '{suffix}' (eventwatch reads {known}, also .gz)",
        )
        return
    try:
        if not path.exists():
            raise FileNotFoundError(2, "no such file or directory", label)
        if not path.is_file():
            yield Failure(item=label, stage="read", message="not a regular file")
            return
        if suffix in JSONL_SUFFIXES:
            # a feed is read line by line (each line is one document, checked
            # against the limit), so its total size does not matter
            with gzip.open(path, "rb") if gz else path.open("rb") as handle:
                yield from _jsonl_stream(handle, source=label, stem=document_id(path), limit=limit)
            return
        data = _read_file(path, limit=limit, gz=gz)
    except _TooLargeError as error:
        yield Failure(item=label, stage="read", message=str(error))
        return
    except (OSError, EOFError, zlib.error) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        yield Failure(item=label, stage="read", message=f"cannot read: {reason}")
        return
    kind: RawKind
    if suffix in JSONL_SUFFIXES:
        kind = "jsonl"
    elif suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in TEXT_SUFFIXES:
        kind = "text"
    else:
        kind = sniff_kind(data)
    if kind == "jsonl":
        yield from _jsonl_documents(data, source=label, stem=document_id(path), limit=limit)
        return
    yield RawDocument(id=document_id(path), source=label, kind=kind, data=data)


def _stdin_documents(stream: BinaryIO, *, limit: int) -> Iterator[RawDocument | Failure]:
    try:
        data = _read_limited(stream, limit, "stdin")
    except _TooLargeError as error:
        yield Failure(item="stdin", stage="read", message=str(error))
        return
    kind = sniff_kind(data)
    if kind == "jsonl":
        yield from _jsonl_documents(data, source="stdin", stem="stdin", limit=limit)
    else:
        yield RawDocument(id="stdin", source="stdin", kind=kind, data=data)


def iter_sources(
    paths: Iterable[str | Path],
    *,
    max_document_bytes: int,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | Failure]:
    """Every document under ``paths``, in order; ``-`` reads standard input."""
    for given in paths:
        if str(given) == STDIN:
            yield from _stdin_documents(stdin or sys.stdin.buffer, limit=max_document_bytes)
            continue
        for entry in _iter_paths(Path(given)):
            if isinstance(entry, Failure):
                yield entry
            else:
                yield from _file_documents(entry, limit=max_document_bytes)
