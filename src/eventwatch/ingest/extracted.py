"""The result every body extractor returns (pasted text, HTML): clean body + metadata."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventwatch.records import Author, Genre


@dataclass(frozen=True, slots=True, kw_only=True)
class Extracted:
    """What an extractor found in one document.

    ``body`` is the clean article text (paragraphs separated by a blank line);
    every other field is ``None``/empty when the document does not state it.
    """

    body: str
    title: str | None = None
    authors: tuple[Author, ...] = ()
    published: date | None = None
    publisher: str | None = None
    first_published_in: str | None = None
    url: str | None = None
    genre: Genre = "unknown"
    # Which line or field gave ``published``, and the dates not taken (for --explain).
    date_from: str | None = None
