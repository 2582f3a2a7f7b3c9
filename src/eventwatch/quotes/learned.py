"""Rules and the encoder's attribution tagger together: the drafts, refined by the model.

The rules (:mod:`eventwatch.quotes.extractor`) are strong where the text is
explicit: quotation marks paired over paragraphs, "“…” —Name", "Name said:",
the clause a cue verb governs.  The encoder's ``quotes`` head
(:class:`~eventwatch.encoder.runtime.QuoteHead`, trained on PolNeAR) reads the
whole sentence and tags source, cue and content; it finds attributions the
rules miss and places source boundaries as annotators do.  For each sentence the
encoder read (:class:`~eventwatch.encoder.stage.SentenceReadings`), with the
knobs of ``data/quotes/learned.toml``:

1. **source** — a rule draft's source is replaced by the tagger's source span
   that overlaps it (the model's boundaries: "Secretary of State John Kerry",
   not "Kerry"), when the span's score reaches ``source_score``; a draft
   without a source takes the tagger's source of the sentence nearest its cue
   that no other draft holds.
2. **new attributions** — a tagger cue (score ≥ ``cue_score``) that no draft's
   cue or content touches, with tagger content in the same sentence, becomes
   a draft: that content, the nearest free tagger source, the cue's words.
3. **rejection** — an indirect draft whose cue and content the tagger marks
   with nothing in a sentence it read is dropped when ``reject`` is on
   (naming, "known as", reported facts with no attribution).  Direct quotes
   (quotation marks) are never dropped.

Nothing here reads the gold data; the knobs were set on PolNeAR dev figures
(``eval/quotes.py``), never on its test split.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwatch.errors import ConfigError
from eventwatch.quotes.extractor import _Draft
from eventwatch.quotes.marks import CharSpan
from eventwatch.quotes.parse import _trim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwatch.encoder.runtime import Reading, TagSpan


@dataclass(frozen=True, slots=True, kw_only=True)
class LearnedQuotes:
    """The knobs of the merge (``data/quotes/learned.toml``)."""

    source: bool = True
    source_score: float = 0.5
    fill_source: bool = True
    add: bool = True
    cue_score: float = 0.5
    content_score: float = 0.5
    reject: bool = False
    reject_score: float = 0.5


def load_learned_quotes(path: Path | None = None) -> LearnedQuotes:
    """The knobs from ``path`` or the shipped ``data/quotes/learned.toml``."""
    if path is None:
        text = resources.files("eventwatch").joinpath("data/quotes/learned.toml").read_text("utf-8")
        where = "data/quotes/learned.toml"
    else:
        text, where = path.read_text(encoding="utf-8"), str(path)
    try:
        table: dict[str, Any] = tomllib.loads(text).get("merge", {})
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: {error}") from error
    known = LearnedQuotes.__dataclass_fields__
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting [merge] {key}")
        expected = type(getattr(LearnedQuotes(), key))
        if not isinstance(value, expected) or (expected is float and isinstance(value, bool)):
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                table[key] = float(value)
                continue
            raise ConfigError(f"{where}: [merge] {key} must be a {expected.__name__}")
    return replace(LearnedQuotes(), **table)


@lru_cache(maxsize=1)
def learned_quotes() -> LearnedQuotes:
    """The shipped knobs, loaded once."""
    return load_learned_quotes()


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _tokens(doc: Doc, span: CharSpan) -> list[Token]:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return _trim(list(found)) if found is not None else []


def _source_span(draft: _Draft) -> CharSpan | None:
    if not draft.source:
        return None
    last = draft.source[-1]
    return draft.source[0].idx, last.idx + len(last.text)


def refine(
    drafts: Sequence[_Draft],
    *,
    doc: Doc,
    readings: Mapping[int, Reading],
    knobs: LearnedQuotes | None = None,
) -> list[_Draft]:
    """The rule drafts refined by the tagger's spans (see the module's text)."""
    knobs = knobs or learned_quotes()
    by_sentence: dict[int, list[_Draft]] = {}
    for draft in drafts:
        by_sentence.setdefault(draft.sentence.start_char, []).append(draft)
    out: list[_Draft] = [d for d in drafts if d.sentence.start_char not in readings]
    for sentence in doc.sents:
        reading = readings.get(sentence.start_char)
        own = by_sentence.get(sentence.start_char, [])
        if reading is None:
            continue
        out += _refine_sentence(own, sentence, reading, doc, knobs)
    out.sort(key=lambda d: d.first)
    return out


def _refine_sentence(
    drafts: list[_Draft], sentence: Any, reading: Reading, doc: Doc, knobs: LearnedQuotes
) -> list[_Draft]:
    sources = [s for s in reading.spans_of("SRC") if s.score >= knobs.source_score]
    cues = [s for s in reading.spans_of("CUE") if s.score >= knobs.cue_score]
    contents = [s for s in reading.spans_of("CON") if s.score >= knobs.content_score]
    taken: set[tuple[int, int]] = set()
    kept: list[_Draft] = []
    for draft in drafts:
        if knobs.reject and not draft.direct and _unsupported(draft, reading, knobs):
            continue
        kept.append(draft)
    result: list[_Draft] = []
    for draft in kept:
        span = _source_span(draft)
        if knobs.source and span is not None:
            match = [s for s in sources if _overlaps((s.start, s.end), span)]
            if len(match) == 1:
                tokens = _tokens(doc, (match[0].start, match[0].end))
                if tokens:
                    draft = replace(draft, source=tokens)
                    taken.add((match[0].start, match[0].end))
                    result.append(draft)
                    continue
        if span is not None:
            taken.update((s.start, s.end) for s in sources if _overlaps((s.start, s.end), span))
        result.append(draft)
    if knobs.fill_source:
        for index, draft in enumerate(result):
            if draft.source:
                continue
            free = [s for s in sources if (s.start, s.end) not in taken]
            nearest = _nearest(free, draft.cue_span or (draft.first, draft.first))
            if nearest is not None:
                tokens = _tokens(doc, (nearest.start, nearest.end))
                if tokens:
                    result[index] = replace(draft, source=tokens)
                    taken.add((nearest.start, nearest.end))
    if knobs.add:
        covered = [d.cue_span for d in result if d.cue_span] + [
            span for d in result for span in d.content
        ]
        for cue in cues:
            if any(_overlaps((cue.start, cue.end), span) for span in covered):
                continue
            content = [
                (c.start, c.end)
                for c in contents
                if not any(_overlaps((c.start, c.end), span) for span in covered)
            ]
            if not content:
                continue
            free = [s for s in sources if (s.start, s.end) not in taken]
            nearest = _nearest(free, (cue.start, cue.end))
            source = _tokens(doc, (nearest.start, nearest.end)) if nearest is not None else []
            if nearest is not None:
                taken.add((nearest.start, nearest.end))
            cue_tokens = _tokens(doc, (cue.start, cue.end))
            result.append(
                _Draft(
                    sentence=sentence,
                    cue_span=(cue.start, cue.end),
                    cue_token=cue_tokens[0] if cue_tokens else None,
                    source=source,
                    speaker_hint=None,
                    content=sorted(content),
                    direct=False,
                )
            )
            covered += [(cue.start, cue.end), *content]
    return result


def _unsupported(draft: _Draft, reading: Reading, knobs: LearnedQuotes) -> bool:
    """The tagger marks neither the draft's cue nor its content."""
    spans = [
        (s.start, s.end)
        for s in reading.quote_spans
        if s.kind in {"CUE", "CON"} and s.score >= knobs.reject_score
    ]
    mine = ([draft.cue_span] if draft.cue_span else []) + list(draft.content)
    return not any(_overlaps(a, b) for a in spans for b in mine)


def _nearest(spans: Sequence[TagSpan], anchor: CharSpan) -> TagSpan | None:
    if not spans:
        return None
    return min(spans, key=lambda s: min(abs(s.end - anchor[0]), abs(anchor[1] - s.start)))
