"""How the encoder cuts a sentence out of a document (no dependencies: training reads it too)."""

from __future__ import annotations


def strip_sentence(raw: str, start: int) -> tuple[str, int]:
    """A sentence's text as the encoder reads it (no edge whitespace) and where that starts.

    ``raw`` is the sentence's text as it stands at ``start`` in the document;
    the encode stage and every training reader cut sentences through this.
    """
    return raw.strip(), start + len(raw) - len(raw.lstrip())
