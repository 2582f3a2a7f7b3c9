"""Render HTML to the text a reader would get by selecting and copying the page.

``html_to_visible_text`` keeps what a browser shows and nothing else: elements
that never render (``head``, ``script``, ``style``, ``template``, ``svg`` …) and
elements hidden by the ``hidden`` attribute or an inline ``display:none`` /
``visibility:hidden`` style are dropped, and so are those whose class names a
block the site's stylesheet hides (``data/ingest/hidden_classes.tsv``: hover
cards, tooltips, screen-reader text; :func:`drop_hidden_blocks` takes them out
of the markup for trafilatura too).  Every block element (paragraph, list
item, heading, table cell, ``div`` …) starts a new line and ``<br>`` breaks one;
inline elements are joined into the line around them.  Whitespace is collapsed
inside a line and the lines are separated by a blank line, the shape a pasted
page has.  This is what ``eventwatch.ingest.pasted`` is built for, and what the
extraction evaluation feeds it.

The walk is iterative (no recursion), so deeply nested or malformed markup is
handled like any other page; lxml's HTML parser repairs what it can.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import lxml.etree
import lxml.html

from eventwatch.ingest._data import read_rows

__all__ = ["drop_hidden_blocks", "hidden_classes", "html_to_visible_text"]

logger = logging.getLogger(__name__)

# Elements whose content is never rendered as page text.
_INVISIBLE = frozenset(
    {
        "head",
        "title",
        "meta",
        "link",
        "base",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "canvas",
        "iframe",
        "object",
        "embed",
        "audio",
        "video",
        "source",
        "track",
        "map",
        "input",
        "select",
        "textarea",
        "datalist",
        "dialog",
    }
)

# Elements that start (and end) their own line when rendered.
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "button",
    }
)

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# Characters lxml refuses in its input (NUL and most C0 controls).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=1)
def hidden_classes() -> frozenset[str]:
    """The class names of blocks a reader never sees (``data/ingest/hidden_classes.tsv``)."""
    return frozenset(row[0] for row in read_rows("hidden_classes.tsv", columns=2) if row[0])


def _hidden_class(element: lxml.html.HtmlElement) -> bool:
    """Does the element's class name a block readers never see (:func:`hidden_classes`)?"""
    return not hidden_classes().isdisjoint(element.attrib.get("class", "").split())


def _is_hidden(element: lxml.html.HtmlElement) -> bool:
    """True when the element's own markup says it is not rendered."""
    attrib = element.attrib
    if "hidden" in attrib:
        return True
    if attrib.get("type", "").lower() == "hidden":
        return True
    if _hidden_class(element):
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def drop_hidden_blocks(html: str) -> str:
    """``html`` without the elements whose class names a block readers never see (hover
    cards, tooltips, screen-reader text), their tails kept: "Gov. Kristi Noem (R) is
    defending …" where The Hill's markup carries, after the linked name, a card with the
    governor's three other headlines and "MORE".  The page comes back unchanged (the same
    string) when it names none of those classes or cannot be parsed."""
    names = hidden_classes()
    if not any(name in html for name in names):
        return html
    root = _parse(html)
    if root is None:
        return html
    doomed = [e for e in root.iter() if isinstance(e.tag, str) and _hidden_class(e)]
    if not doomed:
        return html
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    result: str = lxml.html.tostring(root, encoding="unicode")
    return result


class _Lines:
    """Accumulates inline text and cuts it into lines at block boundaries."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._parts: list[str] = []

    def add(self, text: str | None, *, preformatted: bool = False) -> None:
        if not text:
            return
        if preformatted and "\n" in text:
            pieces = text.split("\n")
            for piece in pieces[:-1]:
                self._parts.append(piece)
                self.cut()
            self._parts.append(pieces[-1])
        else:
            self._parts.append(text)

    def cut(self) -> None:
        if self._parts:
            line = _SPACE.sub(" ", "".join(self._parts)).strip()
            if line:
                self.lines.append(line)
            self._parts.clear()


def _parse(html: str) -> lxml.html.HtmlElement | None:
    text = _CONTROL.sub("", html)
    if not text.strip():
        return None
    # lxml refuses a str that carries an XML encoding declaration; the text is
    # already decoded, so the declaration is meaningless here.
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        # huge_tree lifts libxml2's limits on text-node size and nesting depth.
        parser = lxml.html.HTMLParser(huge_tree=True)
        return lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        logger.debug("unparseable HTML (%s); no visible text", error)
        return None


def html_to_visible_text(html: str) -> str:
    """Return the visible text of ``html``, one line per block, blank line between blocks.

    Never raises on malformed input: markup lxml cannot parse at all gives ``""``.
    """
    root = _parse(html)
    if root is None:
        return ""
    lines = _Lines()
    pre_depth = 0
    skipping: lxml.html.HtmlElement | None = None
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if skipping is not None:
            if event == "end" and element is skipping:
                skipping = None
                lines.add(element.tail, preformatted=pre_depth > 0)
            continue
        if not isinstance(tag, str):  # comments, processing instructions
            if event == "end":
                lines.add(element.tail, preformatted=pre_depth > 0)
            continue
        name = tag.lower()
        if event == "start":
            if name in _INVISIBLE or _is_hidden(element):
                skipping = element
                walker.skip_subtree()
                continue
            if name in _BLOCK or name == "br":
                lines.cut()
            if name == "pre":
                pre_depth += 1
            lines.add(element.text, preformatted=pre_depth > 0)
        else:
            if name == "pre":
                pre_depth -= 1
            if name in _BLOCK:
                lines.cut()
            lines.add(element.tail, preformatted=pre_depth > 0)
    lines.cut()
    return "\n\n".join(lines.lines)
