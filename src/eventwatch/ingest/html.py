"""Extract the article from an HTML page: trafilatura first, the line classifier as backup.

``extract_html`` runs in three steps:

1. **trafilatura** (``bare_extraction`` with ``favor_precision=True`` and
   comments left out, the setting that scored best on the ScrapingHub
   benchmark, see ``docs/ingest.md``) gives the main text and the page metadata:
   title, author, date, site name, categories and tags.  It is imported on
   first use: the import costs about 70 ms, which commands that never read
   HTML should not pay.
2. **The rendered text** of the same page (``html_to_visible_text``) is read
   around trafilatura's body for what the markup lacks: the visible headline,
   the byline with roles, the date next to it, a "First appeared in" note, a
   news-agency dateline, genre kickers, an author sign-off.  Only when
   trafilatura's body is short or suspect (fewer than 40 words, or not found
   among the page's lines) does the full pasted-text classifier run; its body
   replaces trafilatura's when it found more.
3. **Metadata fields are cleaned**: an author field keeps names only (a wire
   credit becomes the publisher, a role the author's role, dates and URL
   fragments go), a site name must be a name, a title loses a " | Site" suffix
   the page does not show.
4. **Genre** is judged by ``classify_genre`` on the URL path, the categories,
   the kickers, the signals and the body.

trafilatura reports trouble through the ``trafilatura`` logger; a
``NullHandler`` keeps those records off stderr unless the application
configures logging.  Nothing here raises on malformed markup.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from html import unescape
from typing import Any

from eventwatch.errors import ConfigError
from eventwatch.ingest import meta_lines
from eventwatch.ingest._data import read_rows
from eventwatch.ingest.extracted import Extracted
from eventwatch.ingest.genre import classify_genre
from eventwatch.ingest.pasted import analyse_pasted, headline_kickers
from eventwatch.ingest.visible_text import drop_hidden_blocks, html_to_visible_text
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
    """trafilatura's document, or ``None`` when it extracts nothing or fails.

    trafilatura runs in its fast mode first (no comparison with its fallback
    extractors, about a fifth cheaper); when that finds fewer than
    ``_RETRY_WORDS`` words, the full mode runs, whose fallbacks rescue pages
    the fast mode misses (measured on the ScrapingHub pages: the same F1).
    """
    import trafilatura  # imported on first use: it costs about 70 ms

    try:
        document = trafilatura.bare_extraction(html, fast=True, **_OPTIONS, url=url)
        text = _text(getattr(document, "text", None)) if document is not None else None
        if text is None or len(_WORD.findall(text)) < _RETRY_WORDS:
            document = trafilatura.bare_extraction(html, fast=False, **_OPTIONS, url=url)
        return document
    except Exception as error:  # noqa: BLE001 - a third-party parser must not sink ingest
        logger.debug("trafilatura failed (%s); using the line classifier", error)
        return None


_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "favor_precision": True,
    "with_metadata": True,
}
_RETRY_WORDS = 60


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


def _authors(
    value: Any, known: tuple[Author, ...], site: str | None
) -> tuple[tuple[Author, ...], str | None]:
    """trafilatura's ``"Jane Doe; John Roe"`` as authors (roles from the page text), and
    a wire the field credits ("AFP")."""
    text = _text(value)
    if text is None:
        return known, None
    byline = meta_lines.split_author_field(text, site=site)
    if not byline.authors:
        return known, byline.agency
    roles = {author.name.lower(): author.role for author in known}
    authors = tuple(
        Author(name=author.name, role=author.role or roles.get(author.name.lower()))
        for author in byline.authors
    )
    return authors, byline.agency


def _similar(first: str, second: str) -> float:
    mine, theirs = set(_WORD.findall(first.lower())), set(_WORD.findall(second.lower()))
    return len(mine & theirs) / len(mine | theirs) if mine | theirs else 0.0


_TITLE_SUFFIX = re.compile(r"\s+[|–—\-:·]\s+[^|–—:·]{1,60}$")


def _title(markup: str | None, visible: str | None, site: str | None) -> str | None:
    """The headline: the visible one when it agrees with the markup's, else the markup's
    without a " | Site" suffix."""
    if markup and site:
        suffix = _TITLE_SUFFIX.search(markup)
        if suffix and _similar(suffix.group(0), site) >= 0.5:
            markup = markup[: suffix.start()]
    if markup and visible and _similar(markup, visible) >= 0.5:
        return visible
    return markup or visible


_H1 = re.compile(r"<h1\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_H1_MAX_CHARS = 1_000


def _headings(html: str) -> list[str]:
    """The texts of the page's ``<h1>`` elements (a plain scan, linear in the page)."""
    found: list[str] = []
    for match in _H1.finditer(html):
        end = html.find("</h1", match.end(), match.end() + _H1_MAX_CHARS)
        if end < 0:
            end = html.find("</H1", match.end(), match.end() + _H1_MAX_CHARS)
        if end >= 0:
            text = " ".join(_TAG.sub(" ", html[match.end() : end]).split())
            found.append(unescape(text))
        if len(found) > 2:
            break
    return [text for text in found if text]


_KICKER_WINDOW = 2_000  # characters of markup either side of the <h1> read for labels
_KICKER_PIECES = 4


def _kickers(html: str) -> tuple[str, ...]:
    """Section labels ("Opinion", "Analysis") in the text pieces next to the first ``<h1>``."""
    match = _H1.search(html)
    if match is None:
        return ()
    end = html.find("</h", match.end(), match.end() + _H1_MAX_CHARS)
    if end < 0:
        return ()
    before = [
        " ".join(unescape(piece).split())
        for piece in _TAG.split(html[max(0, match.start() - _KICKER_WINDOW) : match.start()])
    ]
    after = [
        " ".join(unescape(piece).split()) for piece in _TAG.split(html[end : end + _KICKER_WINDOW])
    ]
    heading = " ".join(_TAG.sub(" ", html[match.end() : end]).split())
    lines_before = [piece for piece in before if piece][-_KICKER_PIECES:]
    lines_after = [piece for piece in after if piece][:_KICKER_PIECES]
    return headline_kickers([*lines_before, heading, *lines_after], len(lines_before))


def _headline(html: str, markup: str | None, site: str | None) -> str | None:
    """The page's single ``<h1>`` when it is a headline agreeing with the markup's title."""
    headings = _headings(html)
    if len(headings) != 1:
        return None
    heading = headings[0]
    if not 3 <= len(_WORD.findall(heading)) <= 30:
        return None
    if site and _similar(heading, site) >= 0.5:
        return None  # the site's name set as a heading
    if markup and _similar(heading, markup) < 0.2:
        return None
    return heading


def _edges(paragraphs: list[str]) -> tuple[list[str], set[str], str | None]:
    """Trim trafilatura's body of a closing bio or syndication note, reading signals.

    Returns the paragraphs kept, the genre signals found (an op-ed sign-off, a
    note that the piece first appeared elsewhere, a news-agency dateline) and
    the outlet such a note names.
    """
    signals: set[str] = set()
    outlet: str | None = None
    if paragraphs and (
        meta_lines.agency_dateline(paragraphs[0]) or _DATELINE_ANY.match(paragraphs[0])
    ):
        signals.add("dateline")
    keep = list(paragraphs)
    for position in range(len(keep) - 1, max(-1, len(keep) - 4), -1):
        text = keep[position]
        found = meta_lines.first_published_in(text)
        if found is not None:
            outlet = outlet or found
            signals.add("first_published_elsewhere")
            del keep[position]
        elif meta_lines.is_bio_line(text, surnames=frozenset()):
            if meta_lines.is_signoff(text):
                signals.add("author_signoff")
            del keep[position]
    return keep, signals, outlet


@lru_cache(maxsize=1)
def _teaser_labels() -> tuple[re.Pattern[str], dict[str, int]]:
    """The teaser labels of ``teaser_labels.tsv``: one pattern and each label's word limit."""
    limits: dict[str, int] = {}
    for label, words in read_rows("teaser_labels.tsv", columns=2):
        if not words.isdigit():
            raise ConfigError(
                f"teaser_labels.tsv: label '{label}' needs a word limit (a whole number), "
                f"got {words!r}"
            )
        limits[label.casefold()] = int(words)
    labels = sorted(limits, key=len, reverse=True)
    pattern = re.compile(
        r"^\s*(" + "|".join(re.escape(label) for label in labels) + r")\s*(?::|[-–—]\s)\s*(.*)$",
        re.IGNORECASE,
    )
    return pattern, limits


def is_teaser(line: str) -> bool:
    """Is ``line`` a teaser for another story ("SEE MORE: Protests spread to the airport"):
    a label, a colon or dash, and a short headline with no full stop?"""
    pattern, limits = _teaser_labels()
    found = pattern.match(line)
    if found is None:
        return False
    rest = found.group(2).strip()
    if not rest or rest.endswith((".", ",", ";")):
        return False  # "More: the party said it would appeal." is a sentence of the story
    return len(_WORD.findall(rest)) <= limits[found.group(1).casefold()]


#: a media tag a teaser headline ends with: "… amid China turmoil [VIDEO]"
_MEDIA_TAG = re.compile(r"\s*\[[A-Z][A-Z ]{1,18}\]\s*\|?\s*$")
_TEASER_BLOCK_LINES = 8  # a label alone heads at most this many headlines
_TEASER_HEADLINE_WORDS = 25  # a headline with a media tag runs no longer
_OPEN_ENDS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with"}
    | {"and", "or", "but", "as", "than", "that", "which", "who"}
)


def _headline_like(line: str, limit: int) -> bool:
    """A line that reads as another story's headline: no more than ``limit`` words and no
    full stop, comma or semicolon at its end (a media tag and a bar after it aside)."""
    rest = _MEDIA_TAG.sub("", line).strip().rstrip("|").strip()
    words = _WORD.findall(rest)
    return (
        bool(words)
        and not rest.endswith((".", ",", ";", ":"))
        and len(words) <= limit
        # a paragraph the markup broke at a link ends on "of", "the" …, a headline does not
        and words[-1].casefold() not in _OPEN_ENDS
    )


def drop_teasers(lines: Sequence[str]) -> list[str]:
    """``lines`` without teasers for other stories: a labelled teaser line (:func:`is_teaser`),
    a label standing alone ("DON'T MISS") with the headlines listed under it, and a
    headline ending in a media tag ("… [VIDEO]").  Labels: ``teaser_labels.tsv``."""
    pattern, limits = _teaser_labels()
    kept: list[str] = []
    under: int | None = None  # the word limit of the label heading a block, inside one
    taken = 0
    for line in lines:
        text = line.strip()
        if under is not None and taken < _TEASER_BLOCK_LINES and _headline_like(text, under):
            taken += 1
            continue
        under = None
        alone = pattern.match(text.replace("’", "'").rstrip(":").strip() + ":")
        if alone is not None and not alone.group(2).strip() and text.rstrip(":").strip():
            under, taken = limits[alone.group(1).casefold()], 0
            continue
        if is_teaser(text) or (
            _MEDIA_TAG.search(text) is not None and _headline_like(text, _TEASER_HEADLINE_WORDS)
        ):
            continue
        kept.append(line)
    return kept


_DATELINE_ANY = re.compile(r"^[A-Z][A-Z .,'\-]{2,40}(?:\([^)]{1,30}\))?\s*[-–—]\s+\S")


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Return the article body and metadata of the HTML page ``html`` (fetched from ``url``)."""
    html = drop_hidden_blocks(html)  # hover cards, tooltips: never the article's text
    document = _trafilatura(html, url) if html.strip() else None
    body = (_text(getattr(document, "text", None)) or "") if document is not None else ""
    if document is None or len(_WORD.findall(body)) < _MIN_WORDS:
        return _with_classifier(html, url, document, body)
    page_url = url or _text(getattr(document, "url", None))
    sections = _strings(getattr(document, "categories", None)) + _strings(
        getattr(document, "tags", None)
    )
    site = meta_lines.clean_publisher(_text(getattr(document, "sitename", None)))
    paragraphs, signals, outlet = _edges(
        drop_teasers([line for line in body.splitlines() if line.strip()])
    )
    authors, wire = _authors(getattr(document, "author", None), (), site)
    label = meta_lines.credit_label(_text(getattr(document, "author", None)) or "")
    if label is not None:
        signals.add(f"{label}_byline")
    published = _date(getattr(document, "date", None))
    markup_title = _text(getattr(document, "title", None))
    title = _headline(html, markup_title, site) or _title(markup_title, None, site)
    kickers = _kickers(html)
    date_from = "page metadata (trafilatura)" if published is not None else None
    if not authors or published is None or title is None:
        # Fill the gaps from the rendered page, read around trafilatura's body.
        analysis = analyse_pasted(
            html_to_visible_text(html), known_body=paragraphs, known_title=title
        )
        pasted = analysis.extracted
        if not _headings(html):  # no <h1> to read labels next to: the lines' labels
            kickers = kickers or analysis.kickers
        signals |= analysis.signals
        authors = authors or pasted.authors
        title = title or pasted.title
        if published is None:
            published, date_from = pasted.published, pasted.date_from
        outlet = outlet or pasted.first_published_in
        wire = wire or pasted.publisher
    body = "\n".join(paragraphs)
    if authors and published is not None:
        signals.add("dated_byline")
    if published is not None:
        signals.add("dated")
    return Extracted(
        body=body,
        title=title,
        authors=authors,
        published=published,
        publisher=site or wire,
        first_published_in=outlet,
        url=page_url,
        genre=classify_genre(
            body=body,
            kickers=kickers,
            url=page_url,
            sections=sections,
            signals=signals,
            title=title,
            roles=[author.role for author in authors if author.role],
        ),
        date_from=date_from,
    )


def _with_classifier(html: str, url: str | None, document: Any, body: str) -> Extracted:
    """trafilatura found little or nothing: the pasted-text classifier reads the page."""
    analysis = analyse_pasted(html_to_visible_text(html))
    pasted = analysis.extracted
    if len(pasted.body) > len(body):
        body = pasted.body
    page_url = url or _text(getattr(document, "url", None))
    sections = _strings(getattr(document, "categories", None)) + _strings(
        getattr(document, "tags", None)
    )
    site = meta_lines.clean_publisher(_text(getattr(document, "sitename", None)))
    authors, wire = _authors(getattr(document, "author", None), pasted.authors, site)
    published = _date(getattr(document, "date", None))
    title = _title(_text(getattr(document, "title", None)), pasted.title, site)
    return Extracted(
        body=body,
        title=title,
        authors=authors,
        published=published or pasted.published,
        publisher=site or wire or pasted.publisher,
        first_published_in=pasted.first_published_in,
        url=page_url,
        genre=classify_genre(
            body=body,
            kickers=analysis.kickers,
            url=page_url,
            sections=sections,
            signals=analysis.signals,
            title=title,
            roles=[author.role for author in authors if author.role],
        ),
        date_from="page metadata (trafilatura)" if published is not None else pasted.date_from,
    )
