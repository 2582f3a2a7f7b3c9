"""The ``encode`` stage: the shared encoder reads each candidate sentence once.

Needs: ``doc`` and ``article.actors``.  Adds: the work item's ``readings`` (in
memory only, like the parse): for each candidate sentence, the heads' reading
(:class:`~eventwatch.encoder.runtime.Reading`), keyed by the sentence's start
offset in ``Article.text``.  A candidate sentence names an actor and has a verb;
the others cannot hold an event.  Every learned stage reads these readings: the
encoder runs once per sentence whatever the number of heads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eventwatch.encoder.runtime import Encoder, Reading
from eventwatch.encoder.text import strip_sentence
from eventwatch.nlp_lines import heading_line, sentences

if TYPE_CHECKING:
    from eventwatch.records import Article


class SentenceReadings(Mapping[int, Reading]):
    """Sentence start offset → reading, for one article, and the model that read them.

    ``quotes`` says whether the model has the attribution tagger (the quotes
    stage then refines its rules with the readings).
    """

    def __init__(
        self, model: str, readings: Mapping[int, Reading], *, quotes: bool = False
    ) -> None:
        self.model = model
        self.quotes = quotes
        self._readings = dict(readings)

    def __getitem__(self, start: int) -> Reading:
        return self._readings[start]

    def __iter__(self) -> Iterator[int]:
        return iter(self._readings)

    def __len__(self) -> int:
        return len(self._readings)


def candidate_sentences(doc: Any, article: Article) -> list[Any]:
    """Sentences that name an actor and have a verb (spaCy spans); headings
    (:func:`~eventwatch.nlp_lines.heading_line`) are none."""
    starts = sorted(start for actor in article.actors for start, _ in actor.mentions)
    out = []
    at = 0
    for sentence in sentences(doc):
        while at < len(starts) and starts[at] < sentence.start_char:
            at += 1
        if at >= len(starts) or starts[at] >= sentence.end_char:
            continue
        if heading_line(sentence):
            continue
        if any(token.pos_ in {"VERB", "AUX"} for token in sentence):
            out.append(sentence)
    return out


def read_sentences(
    items: Sequence[tuple[Any, Article]], *, encoder: Encoder
) -> list[SentenceReadings]:
    """The readings of every candidate sentence of each ``(doc, article)``, in one pass."""
    texts: list[str] = []
    offsets: list[int] = []
    keys: list[tuple[int, int]] = []  # (item, sentence start)
    for position, (doc, article) in enumerate(items):
        for sentence in candidate_sentences(doc, article):
            text, start = strip_sentence(
                article.text[sentence.start_char : sentence.end_char], sentence.start_char
            )
            texts.append(text)
            offsets.append(start)
            keys.append((position, sentence.start_char))
    readings = encoder.read(texts, offsets=offsets) if texts else []
    grouped: list[dict[int, Reading]] = [{} for _ in items]
    for (position, start), reading in zip(keys, readings, strict=True):
        grouped[position][start] = reading
    quotes = encoder.quotes is not None
    return [SentenceReadings(encoder.name, found, quotes=quotes) for found in grouped]
