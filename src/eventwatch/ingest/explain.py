"""Say what extraction kept and why it left each other block out (``extract --explain``).

``explain_document`` reads one raw document as the ingest stage would and
returns an :class:`Explanation`: the metadata found (with the line the date
came from) and every removed block of the page with its reason.  Pasted text
is explained by the line classifier itself; for HTML the rendered page's lines
outside trafilatura's body are listed, with the classifier's reading of the
metadata around it; a JSONL record's text is taken as given, so nothing is
removed.  ``format_explanation`` renders the result for a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwatch.errors import ExtractionError
from eventwatch.ingest.decoding import decode_bytes
from eventwatch.ingest.extracted import Extracted
from eventwatch.ingest.html import extract_html
from eventwatch.ingest.pasted import Removal, analyse_pasted
from eventwatch.ingest.sources import RawDocument
from eventwatch.ingest.visible_text import html_to_visible_text

__all__ = ["Explanation", "explain_document", "format_explanation"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Explanation:
    """What extraction found in one document and what it left out."""

    item: str
    kind: str
    extracted: Extracted
    removed: tuple[Removal, ...]


def explain_document(raw: RawDocument) -> Explanation:
    """Extract ``raw`` as ingest does, listing each removed block with its reason.

    Raises an ``EventwatchError`` naming the item when it cannot be decoded.
    """
    if raw.kind == "jsonl":
        text = raw.fields.get("text")
        if not isinstance(text, str):
            raise ExtractionError(f"{raw.label}: the record has no 'text' string")
        return Explanation(
            item=raw.label, kind=raw.kind, extracted=Extracted(body=text), removed=()
        )
    decoded = decode_bytes(raw.data, item=raw.label)
    if raw.kind == "html":
        extracted = extract_html(decoded.text)
        paragraphs = [line for line in extracted.body.splitlines() if line.strip()]
        analysis = analyse_pasted(
            html_to_visible_text(decoded.text), known_body=paragraphs, explain=True
        )
        return Explanation(
            item=raw.label, kind=raw.kind, extracted=extracted, removed=analysis.removed
        )
    analysis = analyse_pasted(decoded.text, explain=True)
    return Explanation(
        item=raw.label, kind=raw.kind, extracted=analysis.extracted, removed=analysis.removed
    )


_SHOWN_CHARS = 100


def format_explanation(explanation: Explanation) -> str:
    """A plain-text report: metadata, body size, then each removed line and its reason."""
    extracted = explanation.extracted
    authors = "; ".join(
        f"{author.name} ({author.role})" if author.role else author.name
        for author in extracted.authors
    )
    rows = [
        f"== {explanation.item} ({explanation.kind})",
        f"title:      {extracted.title or '-'}",
        f"authors:    {authors or '-'}",
        f"published:  {extracted.published or '-'}"
        + (f"  [{extracted.date_from}]" if extracted.date_from else ""),
        f"publisher:  {extracted.publisher or '-'}",
        f"first appeared in: {extracted.first_published_in or '-'}",
        f"genre:      {extracted.genre}",
        f"body:       {len(extracted.body.split())} words",
        f"removed:    {len(explanation.removed)} lines",
    ]
    for removal in explanation.removed:
        text = removal.text
        shown = text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"
        rows.append(f"  {removal.line:>5}  {removal.reason}: {shown}")
    return "\n".join(rows)
