"""Quote records: drafts from the extractor → :class:`~eventwatch.records.Quote`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from eventwatch.actors.kb import associate_words
from eventwatch.actors.stage import mention_index, named_first, owners_of_associates
from eventwatch.nlp_lines import heading_line
from eventwatch.quotes.extractor import _asked, _Draft, _Extractor
from eventwatch.quotes.lexicon import CueLexicon, cue_lexicon
from eventwatch.quotes.marks import CharSpan
from eventwatch.quotes.parse import MentionIndex, _date_for, _end, _event_actor, _source_span
from eventwatch.records import Article, EventActor, EventPlace, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwatch.encoder.runtime import Reading
    from eventwatch.quotes.learned import LearnedQuotes

Locate = Callable[["Doc", "Span"], EventPlace | None]

CONTENT_SEPARATOR = " … "
RELATIVE_TAGS = frozenset({"WP", "WDT"})
SENTENCE_ENDS = frozenset('.!?"”’)')


def _speaker(
    draft: _Draft, mentions: MentionIndex, associates: frozenset[str] = frozenset()
) -> EventActor | None:
    """The actor at the source: a relative pronoun's noun, the head, a name in apposition
    beside it, then any word of the phrase, but not the owner of a head of ``associates``
    that names no one itself ("Trump's supporters"; "the ministry's statement" speaks for
    the ministry)."""
    candidates: list[Token] = []
    if draft.source:
        heads = [t for t in draft.source if t.head not in draft.source or t.head == t]
        hint = draft.speaker_hint
        if hint is None and heads and heads[0].head.dep_ == "relcl":
            hint = heads[0].head.head  # "retailers that said …": the noun the clause hangs on
        if heads and heads[0].tag_ in RELATIVE_TAGS and hint is not None:
            # "his wife, Laura, who spoke …": the clause hangs on "wife", whose
            # apposition names her
            candidates += named_first(hint, mentions)
            if hint.dep_ == "appos":
                # "McConnell, now the Senate majority leader, who …": the clause hangs
                # on "leader"; the name is the noun that phrase stands beside
                candidates.append(hint.head)
            # "a senior Navy officer who described …": then a word of the noun's own
            # phrase before it, as for any source phrase (not an owner: "Trump's lawyer")
            candidates += [c for c in hint.lefts if c.dep_ in {"compound", "amod"}]
        # "her opponent, Donald Trump,": the name beside the head before its owner's "her"
        candidates += [t for h in heads for t in named_first(h, mentions)]
        # "Trump's supporters": people of the owner, not the owner; with no actor of
        # their own they are no one the stage knows
        # ... at any depth of the phrase ("some of Trump's defenders", "one of Israel's
        # allies")
        others = owners_of_associates(draft.source, mentions, associates)
        # "The whistleblower, a protégé of John Bolton,": the apposition describes the
        # head; a name inside it that is not the apposition itself is someone else
        others |= {
            w.i
            for h in heads
            for c in h.children
            if c.dep_ == "appos" and c.i not in mentions
            for w in c.subtree
        }
        candidates += [t for t in draft.source if t.i not in others]
    for token in candidates:
        if token.i in mentions:
            return _event_actor(mentions[token.i])
    return None


#: Determiners of a cue noun that points back to a statement already reported
BACK_DETERMINERS = frozenset({"the", "that", "this"})


#: Marks that open an apposition inside a source and close it after it
APPOSITION_MARKS = frozenset({",", "—", "–", "--"})


def _closing_mark(source: Sequence[Token]) -> int | None:
    """The end of the comma or dash that closes the source's apposition, if one does
    ("Aaron Kall, the director of debate at the University of Michigan, said …"; "Jason
    Sims — a teacher from Mount Pleasant — said …").  The mark that opened it is inside
    the source, and the one that closes it belongs with it (PolNeAR's convention, as a
    pair)."""
    last = source[-1]
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if following is None or following.text not in APPOSITION_MARKS or last.text == following.text:
        return None
    if not any(token.text == following.text for token in source):
        return None
    if following.text == "," and following.idx != _end(last):
        return None  # a comma closes only where it is written against the last word
    return following.idx + len(following.text)


def _issuer(draft: _Draft, quotes: Sequence[Quote], extractor: _Extractor) -> EventActor | None:
    """The speaker of the statement a source like "the statement" points back to: the
    last quote before whose cue names that noun ("the ministry said in a statement …
    “…,” the statement said").  A cue noun with an owner of its own ("the ministry's
    statement") is no such pointer; its owner speaks."""
    if not draft.source or not quotes:
        return None
    heads = [t for t in draft.source if t.head not in draft.source or t.head == t]
    if len(heads) != 1:
        return None
    head = heads[0]
    noun = head.lemma_.casefold()
    if noun not in extractor.lexicon.nouns or head.tag_ not in {"NN", "NNP"}:
        return None
    children = list(head.children)
    if any(c.dep_ in {"poss", "prep", "acl", "relcl", "appos"} for c in children):
        return None
    if not any(c.dep_ == "det" and c.lower_ in BACK_DETERMINERS for c in children):
        return None
    for earlier in reversed(quotes):
        cue_words = {word.strip(".,;:").casefold() for word in (earlier.cue or "").split()}
        if noun in cue_words:
            return earlier.speaker
    return None


def _events_in(
    article: Article, content: Sequence[CharSpan], cue_span: CharSpan | None
) -> tuple[str, ...]:
    found: list[str] = []
    for event in article.events:
        start, end = event.trigger_span
        if any(s <= start and end <= e for s, e in content) or (
            cue_span is not None and cue_span[0] <= start and end <= cue_span[1]
        ):
            found.append(event.id)
    return tuple(found)


WRITER_PRONOUNS = frozenset({"i", "me", "we", "us", "you"})


def _writers_voice(draft: _Draft, quoted: Mapping[int, int]) -> bool:
    """The draft's source is a first- or second-person pronoun outside quotation marks:
    the writer speaking (or addressing the reader), not someone quoted."""
    return (
        len(draft.source) == 1
        and draft.source[0].lower_ in WRITER_PRONOUNS
        and draft.source[0].i not in quoted
    )


def _framing_it(draft: _Draft, quoted: Mapping[int, int]) -> bool:
    """The draft's source is the "it" of "it is …" whose complement holds the cue, which
    has no subject of its own ("it's hard to tell whether …", "it's worth noting",
    "it's close enough considering that …"): the writer's framing, no one's words."""
    if len(draft.source) != 1 or draft.cue_token is None:
        return False
    it, cue = draft.source[0], draft.cue_token
    return (
        it.lower_ == "it"
        and it.i not in quoted
        and (it.head.lemma_ == "be" or it.head.lower_ in {"'s", "’s"})  # "it’s": lemma "’"
        and cue.i != it.head.i
        and cue.head.i == it.head.i
        and cue.dep_ in {"xcomp", "advcl"}
        and not any(child.dep_ in {"nsubj", "nsubjpass"} for child in cue.children)
    )


def _clear_of(
    text: str, content: Sequence[CharSpan], blockers: Sequence[CharSpan | None]
) -> list[CharSpan]:
    """The content spans cut short of the quote's own source and cue where they run into
    them ("Border agents “say …,” he | said": the parse's clause took the speaker along):
    what a quote says never holds who says it."""
    out: list[CharSpan] = []
    for start, end in content:
        for blocker in blockers:
            if blocker is None or not (blocker[0] < end and start < blocker[1]):
                continue
            if blocker[0] > start:
                end = blocker[0]  # the source or cue ends the content
            else:
                start = max(start, blocker[1])  # … or opens it
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start and any(ch.isalnum() for ch in text[start:end]):
            out.append((start, end))
    return out


def _title_lines(text: str, title: str | None) -> list[CharSpan]:
    """The lines of ``text`` that are the article's title, word for word."""
    if not title or not title.strip():
        return []
    wanted = " ".join(title.split()).casefold()
    found: list[CharSpan] = []
    start = 0
    for line in text.split("\n"):
        if " ".join(line.split()).casefold() == wanted:
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


def _in_paragraph(text: str, content: Sequence[CharSpan], at: int) -> list[CharSpan]:
    """``content`` less its leading lines before the one holding offset ``at`` that end
    with no sentence-final mark (a headline the parser ran into the story's first
    sentence); spans left with no word are dropped."""
    low = text.rfind("\n", 0, at) + 1  # text[low - 1] is the line break, when low > 0
    out: list[CharSpan] = []
    for start, end in content:
        while start < low:
            line_end = text.find("\n", start, low)
            if text[start:line_end].rstrip()[-1:] in SENTENCE_ENDS:
                break  # an earlier line that ends a sentence: kept from here
            start = line_end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if any(ch.isalnum() for ch in text[start:end]):
            out.append((start, end))
    return out


def _inside(content: Sequence[CharSpan], lines: Sequence[CharSpan]) -> bool:
    """Does every content span lie within one of ``lines``?"""
    return bool(content) and all(
        any(low <= start and end <= high for low, high in lines) for start, end in content
    )


def extract_quotes(
    doc: Doc,
    *,
    article: Article,
    locate: Locate | None = None,
    lexicon: CueLexicon | None = None,
    readings: Mapping[int, Reading] | None = None,
    knobs: LearnedQuotes | None = None,
    associates: frozenset[str] | None = None,
) -> tuple[Quote, ...]:
    """The quotes of ``doc``, the parse of ``article.text``, in text order.

    ``locate(doc, sentence)`` gives the sentence's location (the places stage's
    :func:`eventwatch.events.stage.sentence_locator`); without it quotes have
    no location.  With ``readings`` (the encode stage's, from a model with a
    ``quotes`` head) the rules' drafts are refined by the attribution tagger
    (:func:`eventwatch.quotes.learned.refine`, with ``knobs``); without them
    the rules alone decide.  ``associates`` are the nouns for the people around an
    actor ("Trump's supporters said" is not Trump speaking; the shipped knowledge
    base's if None).
    """
    extractor = _Extractor(doc, lexicon or cue_lexicon())
    if associates is None:
        associates = associate_words()
    text = extractor.text
    mentions = mention_index(doc, article.actors)
    drafts = extractor.drafts()
    if readings:
        from eventwatch.quotes.learned import refine

        drafts = refine(drafts, doc=doc, readings=readings, knobs=knobs)
    # the writer's own questions attribute nothing: "Would he continue …, pushing for …?"
    drafts = [draft for draft in drafts if draft.direct or not _asked(draft)]
    # nor the writer's own voice: "I think …", "we're not sure why …", "you'll see …"
    # outside quotation marks is no one's quotation
    drafts = [draft for draft in drafts if not _writers_voice(draft, extractor.quoted)]
    drafts = [draft for draft in drafts if not _framing_it(draft, extractor.quoted)]
    # nor the headline the body repeats: "‘He died in my hands’: 3 demonstrators killed …"
    headlines = _title_lines(text, article.title)
    if headlines:
        drafts = [draft for draft in drafts if not _inside(draft.content, headlines)]
    # nor a subheading or teaser line's report ("2. Never urged Ukraine to investigate
    # Joe Biden", "Trump says China deal is close" over another story): the story's own
    # sentences give who said what
    drafts = [draft for draft in drafts if draft.direct or not heading_line(draft.sentence)]
    # nor a report no one is named for ("the hostages appeared pale and gaunt", "he is
    # expected to take key decisions", "the claim seems to have been made up"): with
    # neither a source nor quotation marks nothing in the text says who holds it, so it
    # is the writer's account, not a quotation (PolNeAR annotates such attributions:
    # dev attribution recall 0.853 -> 0.831, content overlap F1 0.855 -> 0.848; a
    # resolved speaker on the 40 political pages 0.775 -> 0.808)
    drafts = [draft for draft in drafts if draft.direct or draft.source]
    quotes: list[Quote] = []
    for draft in drafts:
        content = sorted(set(draft.content))
        if not draft.direct and draft.cue_span is not None:
            # a sentence the parser ran over a line break ("‘He died in my hands’: 3
            # killed …" headline, then the story): the cue reports its own paragraph
            # (content wholly in another paragraph is a tag's earlier sentence: kept)
            content = _in_paragraph(text, content, draft.cue_span[0]) or content
        source: CharSpan | None = None
        if draft.source:
            source = _source_span(draft.source)
            closing = _closing_mark(draft.source)
            if closing is not None:
                source = (source[0], closing)
        content = _clear_of(text, content, [source, draft.cue_span]) or content
        when = _date_for(draft.cue_token, draft.sentence, content, article.dates)
        speaker = _speaker(draft, mentions, associates) or _issuer(draft, quotes, extractor)
        quotes.append(
            Quote(
                id=f"{article.sha256[:12]}:q{len(quotes)}",
                speaker=speaker,
                speaker_span=source,
                cue=text[draft.cue_span[0] : draft.cue_span[1]] if draft.cue_span else None,
                cue_span=draft.cue_span,
                content_spans=tuple(content),
                content=CONTENT_SEPARATOR.join(text[s:e] for s, e in content),
                direct=draft.direct,
                sentence=(draft.sentence.start_char, draft.sentence.end_char),
                location=locate(doc, draft.sentence) if locate is not None else None,
                date=when.date if when else None,
                date_period=when.period if when else None,
                event_ids=_events_in(article, content, draft.cue_span),
            )
        )
    return tuple(quotes)
