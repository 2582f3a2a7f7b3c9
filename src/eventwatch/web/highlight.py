"""An article's text cut into segments, each with the records that cover it.

The article page marks actor mentions, events, quotations and the author's
own judgements.  Spans may overlap, so the text is cut at every span edge;
each :class:`Segment` keeps its text (escaped later by the template, never
trusted as HTML), the kinds of mark that cover it and a link to the narrowest
record over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote

from eventwatch.records import Article


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A stretch of text with the kinds of mark over it and the record it links to."""

    text: str
    kinds: tuple[str, ...]
    href: str | None
    title: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Span:
    start: int
    end: int
    kind: str
    href: str
    title: str


def _spans(article: Article) -> list[_Span]:
    spans: list[_Span] = []
    for event in article.events:
        kind = "judgement" if event.attributed_to_author else "event"
        label = f"{event.cameo} {event.cameo_name}".strip()
        spans.append(
            _Span(
                start=event.span[0],
                end=event.span[1],
                kind=kind,
                href=f"/events/{quote(event.id, safe='')}",
                title=label,
            )
        )
    for item in article.quotes:
        speaker = item.speaker.name if item.speaker else "unknown speaker"
        for start, end in item.content_spans:
            spans.append(
                _Span(
                    start=start,
                    end=end,
                    kind="quote",
                    href=f"/quotes?article={quote(article.id, safe='')}#"
                    f"quote-{quote(item.id, safe='')}",
                    title=f"quote: {speaker}",
                )
            )
    for actor in article.actors:
        for start, end in actor.mentions:
            spans.append(
                _Span(
                    start=start,
                    end=end,
                    kind="actor",
                    href=f"/actors/{quote(actor.id, safe='')}",
                    title=f"{actor.name} ({actor.code or actor.kind})",
                )
            )
    return [span for span in spans if 0 <= span.start < span.end <= len(article.text)]


def article_segments(article: Article) -> list[list[Segment]]:
    """The article's paragraphs (split at blank lines), each a list of segments."""
    spans = _spans(article)
    text = article.text
    cuts = sorted(
        {0, len(text), *(s.start for s in spans), *(s.end for s in spans)}
        | {i for i in range(len(text)) if text.startswith("\n\n", i)}
    )
    paragraphs: list[list[Segment]] = [[]]
    for left, right in pairwise(cuts):
        piece = text[left:right]
        if piece.startswith("\n\n"):
            paragraphs.append([])
            piece = piece.lstrip("\n")
            if not piece:
                continue
        over = [s for s in spans if s.start <= left and right <= s.end]
        narrowest = min(over, key=lambda s: (s.end - s.start, s.kind)) if over else None
        paragraphs[-1].append(
            Segment(
                text=piece,
                kinds=tuple(sorted({s.kind for s in over})),
                href=narrowest.href if narrowest else None,
                title=narrowest.title if narrowest else None,
            )
        )
    return [paragraph for paragraph in paragraphs if paragraph]
