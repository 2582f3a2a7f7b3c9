"""Line breaks as sentence boundaries, for the parser to keep.

A web page's clean body holds one paragraph, headline or subheading per line.
The parser alone joins a line to the next when the line ends without a full
stop ("Hostage swap\\nThe Afghan government has ruled out …") and often even
when it ends with one ("What did the prosecutors say?\\nDeputy Director …"),
so a subheading becomes the subject of the next paragraph's first sentence,
and a quotation's closing mark starts the next sentence.

:func:`mark_line_starts` marks the first word after every line break as a
sentence start before the parser runs (spaCy's parser keeps boundaries set
before it).  A hard-wrapped text, whose lines end mid-sentence, is left to
the parser: :func:`hard_wrapped` tells one from a text of paragraph lines.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

COMPONENT = "eventwatch_line_breaks"
SENTENCE_END = frozenset(".?!:;\"”’')]…")
WRAP_MIN_LINES = 6  # fewer lines than this say nothing about wrapping
WRAP_MIN_CHARS = 25  # a line this long that stops mid-sentence looks wrapped
WRAP_SHARE = 0.5  # this share of such lines makes a text hard-wrapped
SENTENCE_BOUNDS = "eventwatch.sentence_bounds"  # doc.user_data key of sentences()'s cache
DOC_TEXT = "eventwatch.text"  # doc.user_data key of doc_text()'s cache


def hard_wrapped(text: str) -> bool:
    """Does the text break its lines inside sentences (an e-mail, a plain-text wire)?

    Most lines of such a text are long and end without a sentence's last mark;
    a page of paragraph lines has only its headline and subheadings so.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) < WRAP_MIN_LINES:
        return False
    open_ended = sum(
        1 for line in lines if len(line) >= WRAP_MIN_CHARS and line[-1] not in SENTENCE_END
    )
    return open_ended / len(lines) >= WRAP_SHARE


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per parse (spaCy joins the tokens' text at each access).

    Kept in ``doc.user_data`` beside the doc's length, like :func:`sentences`;
    only the stages after the parse read it (a joined long text's pieces never
    hold it).
    """
    cached = doc.user_data.get(DOC_TEXT)
    if cached is not None and cached[0] == len(doc):
        return str(cached[1])
    text = doc.text
    doc.user_data[DOC_TEXT] = (len(doc), text)
    return text


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences (``doc.sents``), their bounds found once per parse.

    spaCy finds ``doc.sents`` by walking every token at each access, and the
    stages after the parse ask for them several times per article.  The token
    bounds are kept in ``doc.user_data`` as plain integers (a Doc still
    serialises), beside the doc's length: a doc whose tokens changed is read
    afresh.
    """
    cached = doc.user_data.get(SENTENCE_BOUNDS)
    if cached is not None and cached[0] == len(doc):
        bounds = cached[1]
    else:
        bounds = tuple((sentence.start, sentence.end) for sentence in doc.sents)
        doc.user_data[SENTENCE_BOUNDS] = (len(doc), bounds)
    return [doc[start:end] for start, end in bounds]


def mark_line_starts(doc: Doc) -> Doc:
    """The first word after each line break starts a sentence (unless the text is
    hard-wrapped), and so does a quotation mark that opens right after a full stop
    (:func:`mark_opening_quotes`); nothing else is decided here."""
    mark_opening_quotes(doc)
    text = doc.text  # spaCy rebuilds it at each access
    if "\n" not in text or hard_wrapped(text):
        return doc
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = _line_break(token)
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        elif token.i > 0 and token.is_quote and _ends_line(doc, token.i):
            token.is_sent_start = False  # a closing quotation mark ends its own line's sentence
        after_break = False
    return doc


STOPS = frozenset({".", "?", "!"})


def mark_opening_quotes(doc: Doc) -> Doc:
    """A quotation mark after a sentence's full stop and a space, and right before a
    word, opens the next sentence ("… in Mexico City. ''There is nothing …''"): the
    parser had ended the sentence after the mark, so the quotation's first words began
    a sentence without it."""
    for token in doc[1:-1]:
        before = doc[token.i - 1]
        after = doc[token.i + 1]
        if (
            token.is_quote
            and before.text in STOPS
            and before.whitespace_
            and not token.whitespace_
            and (after.is_alpha or after.is_digit)
        ):
            token.is_sent_start = True
            after.is_sent_start = False
    return doc


def _line_break(token: Token) -> bool:
    """Is the token a line break (spaCy keeps one as a space token of its own)?"""
    return token.is_space and "\n" in token.text


def _ends_line(doc: Doc, index: int) -> bool:
    """Is the token the last of its line (a line break or the text's end after it)?"""
    following = index + 1
    return following >= len(doc) or _line_break(doc[following])


def install(nlp: Language) -> None:
    """Put the line-break component before the pipeline's parser (or sentence
    recogniser); a pipeline with neither is left as it is."""
    from spacy.language import Language

    if not Language.has_factory(COMPONENT):
        Language.component(COMPONENT, func=mark_line_starts)
    if COMPONENT in nlp.pipe_names:
        return
    for name in ("parser", "senter"):
        if name in nlp.pipe_names:
            nlp.add_pipe(COMPONENT, before=name)
            return


HEADING_MAX_TOKENS = 25  # a longer line is a paragraph, whatever its last mark
HEADING_END = frozenset(".!:;…")  # a line ending so is a sentence (a question is not)
LIST_MARK = re.compile(r"\s*(?:\d{1,2}[.)]|[-–—•*])?\s*")  # what may open a line before it


def heading_line(sentence: Span) -> bool:
    """Is the sentence a whole line of a text of several lines that ends without a
    sentence's last mark, or with a question mark: a headline, a subheading, a teaser
    of another story ("Ukraine military aid and mixed messaging", "What did the
    prosecutors say?"), or a row of teasers split by "|" (on a line of its own or
    not)?  The story's own sentences tell what such a line sums up; a text of one line
    (a single sentence given alone) has no headings.  Read from the
    tokens alone (a line break is a space token of its own), never from ``doc.text``,
    which spaCy rebuilds at each access."""
    doc = sentence.doc
    words = [token for token in sentence if not token.is_space]
    while len(words) > 1 and LIST_MARK.fullmatch(words[0].text) and words[0].text.strip():
        words = words[1:]  # "5. Military aid …", "- “Our fears …”": the mark opens the line
    if not words:
        return False
    if sum(token.text == "|" for token in words) >= 2:
        # "Senators call for … | Facebook gets questions … | …": a row of teasers, however
        # long, and wherever a page's menu text runs it into other words
        return True
    if len(words) > HEADING_MAX_TOKENS:
        return False
    # the line starts with the words (a list's "5." or "-" may come first)
    before = words[0].i - 1
    while before >= 0 and not doc[before].is_space and LIST_MARK.fullmatch(doc[before].text):
        before -= 1
    at_text_start = all(doc[i].is_space for i in range(before, -1, -1))
    if before >= 0 and not _line_break(doc[before]):
        return False
    # and ends with them
    if not _ends_line(doc, words[-1].i):
        return False
    at_text_end = all(doc[i].is_space for i in range(words[-1].i + 1, len(doc)))
    if at_text_start and at_text_end:
        return False  # the whole text: one sentence given alone
    last = words[-1].text[-1]
    if last in "\"”’'" and len(words) > 1:
        # a closing quotation mark: the mark before it, a quoted question included
        return words[-2].text[-1] not in HEADING_END | {"?"}
    return last not in HEADING_END
