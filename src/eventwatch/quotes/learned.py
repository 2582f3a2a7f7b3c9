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
3. **content** — an indirect draft's content runs on to the end of the tagger's
   content span that overlaps it (``extend_content``): the parse often hangs
   the rest of a reported clause elsewhere.
4. **rejection** — an indirect draft whose cue and content the tagger marks
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
from eventwatch.nlp_lines import doc_text, sentences
from eventwatch.quotes.extractor import _Draft, behaviour
from eventwatch.quotes.lexicon import cue_lexicon
from eventwatch.quotes.marks import QUOTE_TOKENS, CharSpan
from eventwatch.quotes.parse import _source_tokens as _subject_tokens
from eventwatch.quotes.parse import _subject, _trim, is_break, spoken_of

#: Parts of speech a parsed subject must have to be taken as a tagger attribution's source
SOURCE_POS = frozenset({"PROPN", "NOUN", "PRON"})

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
    parse_source: bool = True
    reject_score: float = 0.5
    tidy_source: bool = True
    add_needs_source: bool = False
    extend_content: bool = False


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


#: Left dependents of a source's head that belong to its phrase ("President
#: Obama", "The Washington Post", "skittish Democrats", "Trump's campaign").
PHRASE_LEFT = frozenset({"det", "compound", "amod", "poss", "nummod", "nmod", "quantmod", "case"})
OPENING_MARKS = frozenset({"“", "``", "«"})
STRAIGHT_MARKS = frozenset({'"'})


def _source_tokens(doc: Doc, span: CharSpan, near: CharSpan, *, tidy: bool) -> list[Token]:
    """The tagger's source span as tokens, tidied to the phrase it names (``tidy_source``).

    The tagger's span may run over a paragraph break or quotation mark into
    the quote ("Sonya Herridge\\n“Donald Trump"), start after a dateline's dash,
    stop short of the phrase's own determiner, title or possessor ("Post" for
    "The Washington Post", "'s" for "Trump's"), or end on a bare title ("Mr.").
    Tidied, it is the run between breaks nearest ``near`` (the cue), widened to
    its head's left dependents and to the name a title precedes.
    """
    tokens = _tokens(doc, span)
    if not tidy or not tokens:
        return tokens
    runs: list[list[Token]] = [[]]
    quoted = False  # words inside a quotation the span runs into are no source
    for token in tokens:
        if token.text in QUOTE_TOKENS:
            quoted = token.text in OPENING_MARKS or (token.text in STRAIGHT_MARKS and not quoted)
            runs.append([])
        elif "\n" in token.text or is_break(token):
            runs.append([])
        elif not quoted:
            runs[-1].append(token)
            if "\n" in token.whitespace_:
                runs.append([])
    runs = [_trim(r) for r in runs]
    runs = [r for r in runs if r]
    if not runs:
        return []
    run = min(runs, key=lambda r: _distance((r[0].idx, r[-1].idx + len(r[-1].text)), near))
    members = {t.i for t in run}
    heads = [t for t in run if t.head.i not in members or t.head == t]
    if len(heads) == 1:
        head = heads[0]
        first = run[0].i
        if head.dep_ == "case" and head.head.i < head.i:
            head = head.head  # "'s" of "Trump's"
            first = head.i
        for child in sorted(head.lefts, key=lambda t: -t.i):
            if child.i >= first:
                continue
            if child.dep_ not in PHRASE_LEFT or child.right_edge.i != first - 1:
                break
            left = child.left_edge.i
            between = [doc[j] for j in range(left, first)]
            if any("\n" in t.text_with_ws or t.text in QUOTE_TOKENS for t in between):
                break
            first = left
        run = [doc[j] for j in range(first, run[0].i)] + run
    last = run[-1]
    title = last.text.endswith(".") and last.text[:1].isupper() and len(last.text) <= 5
    if title and last.head.i > last.i and last.head.pos_ == "PROPN":  # "Mr.", "Sen."
        stop = last.head.i
        if all("\n" not in doc[j].text_with_ws for j in range(last.i, stop)):
            run = run + [doc[j] for j in range(last.i + 1, stop + 1)]
    return _trim(run)


def _distance(a: CharSpan, b: CharSpan) -> int:
    if min(a[1], b[1]) > max(a[0], b[0]):
        return 0
    return min(abs(a[1] - b[0]), abs(b[1] - a[0]))


def _token_span(tokens: Sequence[Token]) -> CharSpan:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _source_span(draft: _Draft) -> CharSpan | None:
    return _token_span(draft.source) if draft.source else None


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
    for sentence in sentences(doc):
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
            cue_words = _tokens(doc, draft.cue_span) if draft.cue_span else []
            free = _free(doc, sources, taken, cue_words)
            near = draft.cue_span or (draft.first, draft.first)
            nearest = _nearest(free, near)
            if nearest is not None:
                tokens = _source_tokens(
                    doc, (nearest.start, nearest.end), near, tidy=knobs.tidy_source
                )
                if tokens:
                    result[index] = replace(
                        draft, source=tokens, cue_span=draft.cue_span or _colon(doc, tokens, draft)
                    )
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
            cue_tokens = _tokens(doc, (cue.start, cue.end))
            evidence = cue_lexicon().evidence
            if any(t.pos_ == "VERB" and behaviour(t, evidence) for t in cue_tokens):
                continue  # "she showed real enthusiasm": what she did, as the rules read it
            free = _free(doc, sources, taken, cue_tokens)
            nearest = _nearest(free, (cue.start, cue.end))
            source = (
                _source_tokens(
                    doc, (nearest.start, nearest.end), (cue.start, cue.end), tidy=knobs.tidy_source
                )
                if nearest is not None
                else []
            )
            if nearest is not None:
                taken.add((nearest.start, nearest.end))
            if not source and knobs.parse_source:
                source = _parsed_source(cue_tokens, [*covered, *content])
            if not source and knobs.add_needs_source:
                continue
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
    if knobs.extend_content:
        result = _extend_contents(result, contents)
    return result


def _extend_contents(drafts: list[_Draft], contents: Sequence[TagSpan]) -> list[_Draft]:
    """An indirect draft's content runs on to the end of the tagger's content that
    overlaps it, where the parse cut it short ("how he believes cuts to military
    spending | left his … hands tied"), up to another draft's source or cue."""
    out: list[_Draft] = []
    for draft in drafts:
        if draft.direct or not draft.content:
            out.append(draft)
            continue
        end = max(span[1] for span in draft.content)
        reach = max(
            (c.end for c in contents if any(_overlaps((c.start, c.end), s) for s in draft.content)),
            default=end,
        )
        others = [
            span
            for other in drafts
            if other is not draft
            for span in [other.cue_span, _source_span(other)]
            if span is not None
        ]
        if reach > end and not any(_overlaps((end, reach), span) for span in others):
            last = max(draft.content, key=lambda span: span[1])
            content = [span if span != last else (last[0], reach) for span in draft.content]
            draft = replace(draft, content=content)
        out.append(draft)
    return out


def _colon(doc: Doc, source: Sequence[Token], draft: _Draft) -> CharSpan | None:
    """The colon between a source and the quotation it introduces ("Pollster Ann Lee:
    “…”"), the cue of a quote that had none."""
    end = source[-1].idx + len(source[-1].text)
    gap = doc_text(doc)[end : draft.first]
    if gap.strip() != ":":
        return None
    at = end + gap.index(":")
    return (at, at + 1)


def _free(
    doc: Doc, sources: Sequence[TagSpan], taken: set[tuple[int, int]], cue: Sequence[Token]
) -> list[TagSpan]:
    """The tagger's sources no draft holds, less any within the one a passive ``cue``
    speaks of, and less the owner of a claim in a phrase (:func:`_owns_cue_noun`)."""
    spoken_of = _passive_subject(cue)
    return [
        s
        for s in sources
        if (s.start, s.end) not in taken
        and not (spoken_of is not None and _overlaps((s.start, s.end), spoken_of))
        and not _owns_cue_noun(doc, s)
    ]


def _owns_cue_noun(doc: Doc, source: TagSpan) -> bool:
    """Is the tagger's source the owner of a cue noun in a prepositional phrase ("Contrary
    to the envoy's claims, nothing in the ministry's statements seems to suggest …")?  It
    is the source of that noun's claim, not of a cue elsewhere in the sentence ("the
    envoy's remarks suggesting …", the noun the cue's subject, stays)."""
    tokens = _tokens(doc, (source.start, source.end))
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside]
    if len(heads) != 1 or heads[0].dep_ != "poss":
        return False
    noun = heads[0].head
    return noun.lemma_.casefold() in cue_lexicon().nouns and noun.dep_ == "pobj"


def _passive_subject(cue: Sequence[Token]) -> CharSpan | None:
    """The span of a passive cue verb's subject, the one spoken of or to ("Britain's
    Conservative Party was accused of …"): never the source (as the rules read it)."""
    verbs = [t for t in cue if t.pos_ == "VERB"]
    words = [t for c in spoken_of(verbs[0]) for t in c.subtree] if verbs else []
    if not words:
        return None
    first, last = min(words, key=lambda t: t.i), max(words, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _parsed_source(cue: Sequence[Token], taken: Sequence[CharSpan]) -> list[Token]:
    """The parse's subject of the cue's verb ("Trump has dismissed the consensus …"), for
    a tagger attribution the tagger gave no source: the subject's phrase as the rules
    read a source (quotation marks left out), unless it overlaps words another
    attribution (or this content) holds."""
    verbs = [t for t in cue if t.pos_ in {"VERB", "AUX"} and not (t.head in cue and t.head != t)]
    if not verbs:
        return []
    subject = _subject(verbs[0])
    if subject is None or subject.pos_ not in SOURCE_POS:
        return []
    tokens = _subject_tokens(subject, cue=verbs[0])
    if not tokens or any(_overlaps(_token_span(tokens), other) for other in taken):
        return []
    return tokens


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
