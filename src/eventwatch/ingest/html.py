"""Extract the article from an HTML page: trafilatura first, the line classifier as backup.

``extract_html`` runs in three steps:

1. **trafilatura** (``bare_extraction`` with ``favor_precision=True`` and
   comments left out, the setting that scored best on the ScrapingHub
   benchmark, see ``docs/ingest.md``) gives the main text and the page metadata:
   title, author, date, site name, categories and tags.
2. **The pasted-text classifier** reads the rendered text of the same page
   (``html_to_visible_text`` → ``analyse_pasted``).  Its body replaces
   trafilatura's when trafilatura finds nothing or very little; its metadata
   fills what the markup lacks (author roles, a "First appeared in" note, a
   news-agency dateline, genre kickers).
3. **Genre** is judged by ``classify_genre`` on the URL path, the categories,
   the kickers and the body.

trafilatura reports trouble through the ``trafilatura`` logger; a
``NullHandler`` keeps those records off stderr unless the application
configures logging.  Nothing here raises on malformed markup.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import trafilatura

from eventwatch.ingest.extracted import Extracted
from eventwatch.ingest.genre import classify_genre
from eventwatch.ingest.pasted import analyse_pasted
from eventwatch.ingest.visible_text import html_to_visible_text
from eventwatch.records import Author

__all__ = ["extract_html"]

logger = logging.getLogger(__name__)
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("htmldate").addHandler(logging.NullHandler())

# trafilatura's body is replaced by the classifier's when it has fewer words
# than this and the classifier found more.
_MIN_WORDS = 40
_WORD = re.compile(r"\w+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\band\b|&)\s*")


def _trafilatura(html: str, url: str | None) -> Any:
    """trafilatura's document, or ``None`` when it extracts nothing or fails."""
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            favor_precision=True,
            with_metadata=True,
        )
    except Exception as error:  # noqa: BLE001 - a third-party parser must not sink ingest
        logger.debug("trafilatura failed (%s); using the line classifier", error)
        return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, Iterable):
        return [str(item).strip() for item in value if str(item).strip()]
    return []


def _date(value: Any) -> date | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _authors(value: Any, known: tuple[Author, ...]) -> tuple[Author, ...]:
    """trafilatura's ``"Jane Doe; John Roe"`` as authors, with roles the page text gave."""
    text = _text(value)
    if text is None:
        return known
    roles = {author.name.lower(): author.role for author in known}
    names = [name.strip() for name in _AUTHOR_SPLIT.split(text) if name.strip()]
    return tuple(Author(name=name, role=roles.get(name.lower())) for name in names)


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Return the article body and metadata of the HTML page ``html`` (fetched from ``url``)."""
    analysis = analyse_pasted(html_to_visible_text(html))
    pasted = analysis.extracted
    document = _trafilatura(html, url) if html.strip() else None
    if document is None:
        return Extracted(
            body=pasted.body,
            title=pasted.title,
            authors=pasted.authors,
            published=pasted.published,
            publisher=pasted.publisher,
            first_published_in=pasted.first_published_in,
            url=url,
            genre=classify_genre(
                body=pasted.body, kickers=analysis.kickers, url=url, signals=analysis.signals
            ),
        )
    body = _text(getattr(document, "text", None)) or ""
    if len(_WORD.findall(body)) < _MIN_WORDS and len(pasted.body) > len(body):
        body = pasted.body
    page_url = url or _text(getattr(document, "url", None))
    sections = _strings(getattr(document, "categories", None)) + _strings(
        getattr(document, "tags", None)
    )
    return Extracted(
        body=body,
        title=_text(getattr(document, "title", None)) or pasted.title,
        authors=_authors(getattr(document, "author", None), pasted.authors),
        published=_date(getattr(document, "date", None)) or pasted.published,
        publisher=_text(getattr(document, "sitename", None)) or pasted.publisher,
        first_published_in=pasted.first_published_in,
        url=page_url,
        genre=classify_genre(
            body=body,
            kickers=analysis.kickers,
            url=page_url,
            sections=sections,
            signals=analysis.signals,
        ),
    )
