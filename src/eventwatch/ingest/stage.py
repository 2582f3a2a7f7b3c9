"""The ingest stage: a :class:`RawDocument` becomes an :class:`Article`.

Needs: a raw document (bytes or a JSONL record).  Adds: the clean body
(``Article.text``), its ``sha256`` and the metadata (title, authors, date,
publisher, first_published_in, url, genre, language).

* ``text`` → decoded → :func:`eventwatch.ingest.pasted.extract_pasted`
* ``html`` → decoded (honouring ``<meta charset>``) →
  :func:`eventwatch.ingest.html.extract_html`
* ``jsonl`` → the record's ``text`` exactly as given (offsets index it), its
  optional fields validated.
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from datetime import date, datetime
from typing import Any, get_args

from eventwatch.errors import ExtractionError, RecordError
from eventwatch.ingest.decoding import decode_bytes
from eventwatch.ingest.extracted import Extracted
from eventwatch.ingest.html import extract_html
from eventwatch.ingest.language import detect_language
from eventwatch.ingest.pasted import extract_pasted
from eventwatch.ingest.sources import RawDocument
from eventwatch.records import Article, Author, Genre

GENRES: frozenset[str] = frozenset(get_args(Genre))


def text_sha256(text: str) -> str:
    """The content hash that keys an article: SHA-256 of its UTF-8 body."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _optional_str(record: dict[str, Any], name: str, label: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{label}: '{name}' must be a string, got {type(value).__name__}")
    return value.strip() or None


def _record_date(record: dict[str, Any], label: str) -> date | None:
    value = record.get("date", record.get("published"))
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(f"{label}: 'date' must be a string like 2013-04-16")
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as error:
        raise RecordError(f"{label}: 'date' {value!r} is not an ISO date (YYYY-MM-DD)") from error


def _record_authors(record: dict[str, Any], label: str) -> tuple[Author, ...]:
    value = record.get("authors", record.get("author"))
    if value is None:
        return ()
    items = [value] if isinstance(value, str | dict) else value
    if not isinstance(items, list):
        raise RecordError(f"{label}: 'authors' must be a list of names or {{name, role}} objects")
    authors = []
    for item in items:
        if isinstance(item, str) and item.strip():
            authors.append(Author(name=item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            role = item.get("role")
            authors.append(
                Author(name=item["name"].strip(), role=role if isinstance(role, str) else None)
            )
        else:
            raise RecordError(f"{label}: each author must be a name or a {{name, role}} object")
    return tuple(authors)


def _from_record(raw: RawDocument) -> Article:
    record = raw.fields
    label = raw.label
    text: str = record["text"]
    genre = _optional_str(record, "genre", label) or "unknown"
    if genre not in GENRES:
        raise RecordError(f"{label}: 'genre' must be one of {', '.join(sorted(GENRES))}")
    return Article(
        id=raw.id,
        source=raw.label,
        source_kind="jsonl",
        sha256=text_sha256(text),
        text=text,
        title=_optional_str(record, "title", label),
        authors=_record_authors(record, label),
        published=_record_date(record, label),
        publisher=_optional_str(record, "publisher", label),
        first_published_in=_optional_str(record, "first_published_in", label),
        url=_optional_str(record, "url", label),
        genre=genre,  # type: ignore[arg-type]  # checked against GENRES above
        language=_optional_str(record, "language", label) or detect_language(text),
    )


def _fetched_day(value: object) -> date | None:
    """A feed item's ISO date (the fallback when a fetched page states none)."""
    if isinstance(value, str):
        with suppress(ValueError):
            return date.fromisoformat(value)
    return None


def _fetched_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


_MIN_PARAGRAPH_CHARS = 15  # a line this long in a script written without spaces
_MIN_BODY_CHARS = 40


def _unspaced_body(text: str, kind: str) -> str:
    """The body of a pasted page in a language the line classifier cannot read.

    The classifier counts words between spaces; Chinese, Japanese and Thai put
    none between words, so a short article in them can look like page noise.
    When a pasted page's language is one of those scripts, its long lines are
    taken as the paragraphs of the body.
    """
    if kind != "text" or detect_language(text) not in UNSPACED_LANGUAGES:
        return ""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [line for line in lines if len(line) >= _MIN_PARAGRAPH_CHARS]
    body = "\n\n".join(paragraphs)
    return body if len(body) >= _MIN_BODY_CHARS else ""


UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th"})


def ingest_document(raw: RawDocument) -> Article:
    """Turn one raw document into an article, or raise an ``InputError``/``ExtractionError``."""
    if raw.kind == "jsonl":
        return _from_record(raw)
    decoded = decode_bytes(raw.data, item=raw.label)
    extractor = extract_html if raw.kind == "html" else extract_pasted
    extracted: Extracted = extractor(decoded.text)
    body = extracted.body.strip() or _unspaced_body(decoded.text, raw.kind)
    if not body:
        raise ExtractionError(f"{raw.label}: no article text found ({raw.kind} input)")
    return Article(
        id=raw.id,
        source=raw.label,
        source_kind=raw.kind,
        sha256=text_sha256(body),
        text=body,
        title=extracted.title or _fetched_str(raw.fields.get("title")),
        authors=extracted.authors,
        published=extracted.published or _fetched_day(raw.fields.get("published")),
        publisher=extracted.publisher,
        first_published_in=extracted.first_published_in,
        url=extracted.url or _fetched_str(raw.fields.get("url")),  # a fetched page: its URL
        genre=extracted.genre,
        language=detect_language(body),
        extra={"encoding": decoded.encoding}
        | ({"date_from": extracted.date_from} if extracted.date_from else {}),
    )
